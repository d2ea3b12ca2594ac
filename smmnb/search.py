"""Search: branded demand, whether a campaign moved search, and the queries worth work.

Reads the two Search Console tables (see DESIGN.md): ``search_daily`` (a download's daily
clicks, impressions and position, one row per day, brand, search type and filters) and
``search_terms`` (its top queries, pages, countries... over the download's period).

- :func:`brand_terms`, :func:`is_branded`, :func:`brand_kind`: which queries name the brand
  (or a competitor), diacritics, case and punctuation ignored, whole words only.
- :func:`brand_demand`: branded clicks and impressions over time and the branded share.
- :func:`search_lift`, :func:`campaign_search_lift`: the lift of a campaign flight on branded
  search clicks (or all clicks), with :func:`smmnb.campaigns.lift`.
- :func:`expected_ctr`, :func:`ctr_gaps`: the CTR a position usually gets on this site, and
  the queries or pages clicked significantly less than their position should bring.
- :func:`movers`: the queries whose clicks per day rose or fell between two periods.

Pooling, everywhere: a CTR over several rows is ``sum(clicks) / sum(impressions)``, never a
mean of the rows' CTRs; a position over several rows is weighted by impressions,
``sum(position x impressions) / sum(impressions)`` over the rows with impressions, never a
plain mean (Search Console's own average position of a row is impression-weighted too).

Search Console lists at most 1,000 queries or pages per download and leaves out rare
(anonymised) queries: sums over ``search_terms`` are the top rows', not the site's totals,
and a query missing from one download's list is unknown there, not 0.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from smmnb import narrative as say
from smmnb.campaigns.uplift import LiftResult, biggest_campaigns, lift
from smmnb.errors import InsufficientData
from smmnb.i18n import N_, _
from smmnb.stats import benjamini_hochberg
from smmnb.text.base import fold, fold_one

__all__ = [
    "FILTERED_DAILY",
    "MEASURED_ALL",
    "MEASURED_BRANDED",
    "TOP_QUERIES",
    "BrandDemand",
    "CtrCurve",
    "SearchLift",
    "brand_demand",
    "brand_kind",
    "brand_terms",
    "campaign_search_lift",
    "campaign_search_lifts",
    "ctr_gaps",
    "expected_ctr",
    "is_branded",
    "movers",
    "pooled",
    "search_lift",
]

FILTERED_DAILY = "filtered daily download"
"""``BrandDemand.source`` when branded clicks come from a daily download filtered to them."""
TOP_QUERIES = "queries of each download period"
"""``BrandDemand.source`` when branded clicks are known only from the top queries."""
MEASURED_BRANDED = "branded clicks"
"""``SearchLift.measured`` when the series is the daily branded clicks."""
MEASURED_ALL = "all clicks"
"""``SearchLift.measured`` when the series is every click of the daily download."""

MIN_CURVE_ROWS = 10
"""Fewest rows an expected-CTR curve is fitted on."""


# --------------------------------------------------------------------------------------------
# tables and pooling


def _table(ws, name: str) -> pd.DataFrame | None:
    """``ws``'s table ``name``, or None when the workspace has no such table."""
    tables = getattr(ws, "tables", None) or {}
    return tables.get(name)


def _unfiltered(filters: pd.Series) -> pd.Series:
    return filters.isna() | (filters.astype("str").str.strip() == "")


def pooled(rows: pd.DataFrame, by=None) -> pd.DataFrame:
    """Clicks, impressions, pooled CTR and impression-weighted position of rows (per group).

    ``ctr = sum(clicks) / sum(impressions)`` (NaN without impressions);
    ``position = sum(position x impressions) / sum(impressions)`` over the rows that have
    impressions and a position (NaN when none has).

    Parameters
    ----------
    rows : pandas.DataFrame
        ``clicks``, ``impressions`` and, when known, ``position``.
    by : str or list of str, optional
        Columns to group by; None pools every row into one.

    Returns
    -------
    pandas.DataFrame
        ``clicks``, ``impressions`` (float), ``ctr``, ``position``; indexed by ``by``
        (one row, index 0, without it).
    """
    clicks = pd.to_numeric(rows["clicks"], errors="coerce").astype("float64")
    shown = pd.to_numeric(rows["impressions"], errors="coerce").astype("float64")
    if "position" in rows.columns:
        position = pd.to_numeric(rows["position"], errors="coerce").astype("float64")
    else:
        position = pd.Series(np.nan, index=rows.index)
    weighted = position.notna() & (shown > 0)
    work = pd.DataFrame(
        {"clicks": clicks, "impressions": shown,
         "_pw": (position * shown).where(weighted, 0.0), "_w": shown.where(weighted, 0.0)},
        index=rows.index,
    )  # fmt: skip
    if by is None:
        sums = work.sum().to_frame().T
    else:
        keys = [by] if isinstance(by, str) else list(by)
        sums = work.groupby([rows[k] for k in keys], observed=True, sort=True).sum()
    with np.errstate(invalid="ignore", divide="ignore"):
        ctr = np.where(sums["impressions"] > 0, sums["clicks"] / sums["impressions"], np.nan)
        pos = np.where(sums["_w"] > 0, sums["_pw"] / sums["_w"], np.nan)
    return pd.DataFrame(
        {"clicks": sums["clicks"], "impressions": sums["impressions"], "ctr": ctr,
         "position": pos},
        index=sums.index,
    )  # fmt: skip


# --------------------------------------------------------------------------------------------
# branded queries


def _words(texts) -> pd.Series:
    """Texts folded (no diacritics, lower case), words separated by single spaces, padded."""
    s = pd.Series(texts)
    s = s.astype("str").where(s.notna(), "")
    folded = fold(s, lower=True).str.replace(r"[\W_]+", " ", regex=True).str.strip()
    return " " + folded + " "


def _name_key(name: str) -> str:
    """A name as :func:`_words` reads text: folded, punctuation as spaces, single spaces."""
    return " ".join(re.sub(r"[\W_]+", " ", fold_one(str(name))).split())


def brand_terms(ws, brand: str) -> list[str]:
    """The brand's name and the variants ``smmnb.yml``'s ``brand_terms`` lists for it.

    The settings' key is matched to ``brand`` without diacritics or case (``Mộc Coffee`` and
    ``moc coffee`` are one brand); variants that read the same once folded are listed once.

    Parameters
    ----------
    ws : Workspace
        Its ``settings`` (:class:`smmnb.io.settings.Settings`) give the variants.
    brand : str

    Returns
    -------
    list of str
        ``brand`` first, then its variants.
    """
    settings = getattr(ws, "settings", None)
    variants = getattr(settings, "brand_terms", None) or {}
    key = _name_key(brand)
    out: dict[str, str] = {key: str(brand)}
    for name, words in variants.items():
        if _name_key(name) == key:
            for word in words:
                out.setdefault(_name_key(word), str(word))
    return [w for k, w in out.items() if k]


def is_branded(terms, names: Sequence[str]) -> pd.Series:
    """Whether each search query names one of ``names`` as whole words.

    Queries and names are compared folded: diacritics and case removed, every run of
    punctuation or spaces read as one space. ``lumi`` matches "Lumi cà phê" and
    "cà phê lumi!" but not "illuminate" or "lumina"; ``mộc coffee`` matches "moc  coffee".
    A name written without a space (``lumicoffee``) matches only that spelling: list the
    variants people type in ``smmnb.yml``'s ``brand_terms``.

    Parameters
    ----------
    terms : sequence of str or pandas.Series
        The queries.
    names : sequence of str
        A brand's name and its variants (:func:`brand_terms`).

    Returns
    -------
    pandas.Series of bool
        Aligned with ``terms`` (its index when a Series).
    """
    index = terms.index if isinstance(terms, pd.Series) else None
    words = _words(terms)
    if index is not None:
        words.index = index
    hit = pd.Series(False, index=words.index)
    for name in {_name_key(n) for n in names}:
        if name:
            hit |= words.str.contains(f" {name} ", regex=False)
    return hit.astype("bool")


def brand_kind(ws, brand: str, terms) -> pd.Series:
    """Whose brand each query names: ``own``, ``competitor`` or ``none``.

    ``own``: the query names ``brand`` (:func:`brand_terms`); ``competitor``: it names one of
    ``ws.competitors_of(brand)`` and not ``brand`` (a query naming both is ``own``: it
    reaches the brand's results). Matching as :func:`is_branded`.

    Returns
    -------
    pandas.Series of str
        Aligned with ``terms``.
    """
    own = is_branded(terms, brand_terms(ws, brand))
    rival = pd.Series(False, index=own.index)
    for other in ws.competitors_of(brand):
        rival |= is_branded(terms, brand_terms(ws, other)).to_numpy()
    kind = np.where(own, "own", np.where(rival, "competitor", "none"))
    return pd.Series(kind, index=own.index, dtype="object", name="branded")


def _query_filter(text) -> str | None:
    """The value of a download's one query filter that keeps matching queries, else None.

    ``query: +lumi`` (queries containing) and ``query: ~lumi|lumi cafe`` (a custom regular
    expression) give ``lumi`` and ``lumi|lumi cafe``; a download with other filters too,
    ``query: -lumi`` (not containing) or ``query: =lumi`` (one exact query) gives None.
    """
    if text is None or (isinstance(text, float) and np.isnan(text)) or text is pd.NA:
        return None
    parts = [p.strip() for p in str(text).split(";") if p.strip()]
    if len(parts) != 1:
        return None
    key, sep, value = parts[0].partition(":")
    value = value.strip()
    if not sep or key.strip().lower() != "query" or not value or value[0] in "-=":
        return None
    return value.lstrip("+~").strip() or None


def _branded_filters(filters: pd.Series, names: Sequence[str]) -> pd.Series:
    """Whether each ``filters`` text keeps only queries naming the brand (``query: +lumi``)."""
    values = filters.map(_query_filter)
    known = values.notna()
    out = pd.Series(False, index=filters.index)
    if known.any():
        out[known] = is_branded(values[known].astype("str"), names).to_numpy()
    return out


# --------------------------------------------------------------------------------------------
# brand demand


@dataclass(frozen=True)
class BrandDemand:
    """Outcome of :func:`brand_demand`.

    Attributes
    ----------
    daily : pandas.DataFrame
        One row per day of the unfiltered daily download(s): ``date``, ``clicks``,
        ``impressions``, ``ctr`` (pooled), ``position`` (impression-weighted); and, when a
        daily download filtered to branded queries exists, ``branded_clicks``,
        ``branded_impressions`` and ``branded_share`` (``branded_clicks / clicks``). Empty
        when the folder has no daily table.
    source : str
        Where the branded figures come from: :data:`FILTERED_DAILY` or :data:`TOP_QUERIES`.
    by_period : pandas.DataFrame
        One row per period of the downloads' query tables: ``period_start``, ``period_end``,
        ``queries`` (rows listed), ``capped`` (1,000 rows: the list was cut), ``clicks``,
        ``impressions`` (of the listed queries), ``branded_clicks``, ``branded_impressions``,
        ``branded_share`` (``branded_clicks / clicks``), ``competitor_clicks``,
        ``competitor_impressions``. ``attrs["note"]`` says, in the report language, that
        these are sums over the top queries, not site totals.
    filters : str
        The filter of the branded daily download used (``query: +lumi``), else "".
    """

    daily: pd.DataFrame
    source: str
    by_period: pd.DataFrame
    filters: str = ""


def _single_days(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows that cover one day (a month or a whole period is not a day of a daily series)."""
    if "end_date" not in rows.columns:
        return rows
    end = rows["end_date"]
    return rows[end.isna() | (pd.to_datetime(end) == pd.to_datetime(rows["date"]))]


def _search_rows(ws, name: str, brand: str, search_type: str) -> pd.DataFrame:
    table = _table(ws, name)
    if table is None or table.empty:
        return pd.DataFrame()
    keep = table["brand"].astype("str") == str(brand)
    if "search_type" in table.columns:
        keep &= table["search_type"].astype("str") == search_type
    rows = table[keep.to_numpy()]
    if name == "search_terms":
        rows = _one_row_per_term(rows)
    return rows


_TERM_KEYS = ("period_start", "period_end", "brand", "search_type", "filters", "kind", "term")


def _one_row_per_term(rows: pd.DataFrame) -> pd.DataFrame:
    """A term GSC listed twice in one table (a URL it counts apart) as one row, pooled.

    Clicks and impressions add up; the position is weighted by impressions (:func:`pooled`).
    """
    keys = [k for k in _TERM_KEYS if k in rows.columns]
    if rows.empty or not rows.duplicated(subset=keys).any():
        return rows
    # missing filters (no filter) must stay a group of their own, not be dropped
    work = rows.assign(filters=rows["filters"].astype("object").fillna("")) \
        if "filters" in rows.columns else rows  # fmt: skip
    out = pooled(work, by=keys).drop(columns=["ctr"]).reset_index()
    for column in ("clicks", "impressions"):
        out[column] = out[column].round().astype("Int64")
    if "filters" in out.columns:
        out["filters"] = out["filters"].replace("", np.nan)
    return out


def _daily_series(ws, brand: str, search_type: str = "web") -> tuple[pd.DataFrame, str]:
    """The brand's daily table (see :class:`BrandDemand`) and the branded filter used."""
    columns = ["date", "clicks", "impressions", "ctr", "position"]
    rows = _search_rows(ws, "search_daily", brand, search_type)
    if rows.empty:
        return pd.DataFrame(columns=columns), ""
    rows = _single_days(rows)
    rows = rows.assign(date=pd.to_datetime(rows["date"]).dt.normalize())
    plain = _unfiltered(rows["filters"]) if "filters" in rows.columns else rows["date"].notna()
    total = pooled(rows[plain.to_numpy()], by="date").reset_index()
    daily = total[columns].copy()
    used = ""
    if "filters" in rows.columns:
        branded = _branded_filters(rows["filters"], brand_terms(ws, brand))
        if branded.any():
            own = rows[branded.to_numpy()]
            # several branded downloads (+lumi, +lumi coffee): the broadest, the most clicks
            sizes = own.groupby(own["filters"].astype("str"))["clicks"].sum().astype("float64")
            used = str(sizes.sort_index().idxmax())
            own = pooled(own[own["filters"].astype("str") == used], by="date").reset_index()
            own = own.rename(
                columns={"clicks": "branded_clicks", "impressions": "branded_impressions"}
            )[["date", "branded_clicks", "branded_impressions"]]
            daily = daily.merge(own, on="date", how="outer").sort_values("date")
            with np.errstate(invalid="ignore", divide="ignore"):
                daily["branded_share"] = np.where(
                    daily["clicks"] > 0, daily["branded_clicks"] / daily["clicks"], np.nan
                )
    for c in ("clicks", "impressions", "branded_clicks", "branded_impressions"):
        if c in daily.columns:
            daily[c] = daily[c].round().astype("Int64")
    return daily.reset_index(drop=True), used


def _by_period(ws, brand: str, search_type: str = "web") -> pd.DataFrame:
    columns = ["period_start", "period_end", "queries", "capped", "clicks", "impressions",
               "branded_clicks", "branded_impressions", "branded_share", "competitor_clicks",
               "competitor_impressions"]  # fmt: skip
    rows = _search_rows(ws, "search_terms", brand, search_type)
    if not rows.empty:
        rows = rows[(rows["kind"].astype("str") == "query").to_numpy()]
        if "filters" in rows.columns:
            rows = rows[_unfiltered(rows["filters"]).to_numpy()]
    if rows.empty:
        out = pd.DataFrame(columns=columns)
    else:
        kind = brand_kind(ws, brand, rows["term"])
        clicks = pd.to_numeric(rows["clicks"], errors="coerce").astype("float64")
        shown = pd.to_numeric(rows["impressions"], errors="coerce").astype("float64")
        work = pd.DataFrame(
            {"period_start": pd.to_datetime(rows["period_start"]).to_numpy(),
             "period_end": pd.to_datetime(rows["period_end"]).to_numpy(),
             "queries": 1, "clicks": clicks.to_numpy(), "impressions": shown.to_numpy(),
             "branded_clicks": clicks.where(kind == "own", 0.0).to_numpy(),
             "branded_impressions": shown.where(kind == "own", 0.0).to_numpy(),
             "competitor_clicks": clicks.where(kind == "competitor", 0.0).to_numpy(),
             "competitor_impressions": shown.where(kind == "competitor", 0.0).to_numpy()}
        )  # fmt: skip
        out = work.groupby(["period_start", "period_end"], sort=True).sum().reset_index()
        out["capped"] = out["queries"] >= 1000
        with np.errstate(invalid="ignore", divide="ignore"):
            out["branded_share"] = np.where(
                out["clicks"] > 0, out["branded_clicks"] / out["clicks"], np.nan
            )
        for c in ("clicks", "impressions", "branded_clicks", "branded_impressions",
                  "competitor_clicks", "competitor_impressions"):  # fmt: skip
            out[c] = out[c].round().astype("Int64")
        out = out[columns]
    out.attrs["note"] = _(
        "These are sums over the top queries of each download: Search Console lists at most "
        "1,000 queries and leaves out rare ones, so they are not the site's totals."
    )
    return out


def _no_search(what: str) -> InsufficientData:
    return InsufficientData(
        say.needs(
            what,
            _("a Search Console Performance download (its daily table or its queries)"),
            _("this folder has none for this brand"),
        )
    )


def brand_demand(ws, brand: str, *, search_type: str = "web") -> BrandDemand:
    """How much people search for the brand: branded clicks and impressions and their share.

    Parameters
    ----------
    ws : Workspace
        ``search_daily`` and ``search_terms`` of the brand (filter the workspace to a period
        first if needed).
    brand : str
        The brand whose property the downloads are of.
    search_type : str
        Search Console's search type (``web``, ``image``, ``video``, ``news``,
        ``discover``).

    Returns
    -------
    BrandDemand
        Daily figures from the unfiltered daily download(s) and, when a daily download is
        filtered to queries naming the brand (``query: +lumi``: one query filter and no
        other), its branded clicks per day (:data:`FILTERED_DAILY`); else branded figures
        come only from the top queries of each download (:data:`TOP_QUERIES`), split with
        :func:`brand_kind`.

    Raises
    ------
    InsufficientData
        With one sentence when the folder holds no Search Console data for the brand.
    """
    daily, used = _daily_series(ws, brand, search_type)
    by_period = _by_period(ws, brand, search_type)
    if daily.empty and by_period.empty:
        raise _no_search(_("Branded search"))
    source = FILTERED_DAILY if "branded_clicks" in daily.columns else TOP_QUERIES
    return BrandDemand(daily, source, by_period, used)


# --------------------------------------------------------------------------------------------
# does social move search?


@dataclass(frozen=True)
class SearchLift:
    """Outcome of :func:`search_lift` and :func:`campaign_search_lift`.

    Attributes
    ----------
    result : LiftResult
        :func:`smmnb.campaigns.lift` of the daily clicks measured (effect in clicks).
    measured : str
        :data:`MEASURED_BRANDED` (daily clicks of a download filtered to branded queries) or
        :data:`MEASURED_ALL` (every click of the unfiltered daily download).
    start, end : pandas.Timestamp
        The flight.
    filters : str
        The branded download's filter (``query: +lumi``) when ``measured`` is branded.
    campaign : str
        The campaign whose flight it is (:func:`campaign_search_lift`), else "".
    overlapping : tuple of str
        Other campaigns that started or stopped between the beginning of the fitted
        pre-period and the end of the flight (their effect is in the difference too).
    """

    result: LiftResult
    measured: str
    start: pd.Timestamp
    end: pd.Timestamp
    filters: str = ""
    campaign: str = ""
    overlapping: tuple[str, ...] = ()


def _series(daily: pd.DataFrame, column: str) -> pd.Series:
    if column not in daily.columns:
        return pd.Series(dtype="float64")
    s = daily.set_index("date")[column].dropna().astype("float64")
    return s.sort_index()


def search_lift(
    ws,
    brand: str,
    start: str | pd.Timestamp,
    end: str | pd.Timestamp,
    *,
    pre_days: int | None = 56,
    search_type: str = "web",
) -> SearchLift:
    """The lift of a flight on the brand's daily search clicks (:func:`smmnb.campaigns.lift`).

    The series is the daily clicks of a download filtered to branded queries when one exists
    and covers the flight and the 28 days before it (:data:`MEASURED_BRANDED`); else the
    total clicks of the unfiltered daily download (:data:`MEASURED_ALL`), which social can
    move only through the searches it prompts, so its lift is diluted by every other query.
    The counterfactual is :func:`~smmnb.campaigns.lift`'s (trend and day of week fitted on
    the days before the flight), with its assumptions: nothing else changed at the start of
    the flight (no other campaign, no Google update, no season), and days without a row are
    not taken as 0 (a missing day makes the measure refuse, as in ``lift``).

    Parameters
    ----------
    ws : Workspace
    brand : str
    start, end : str or Timestamp
        The flight, both days included.
    pre_days : int, optional
        Days before ``start`` to fit on (at most); None: all.
    search_type : str
        Search Console's search type.

    Returns
    -------
    SearchLift

    Raises
    ------
    InsufficientData
        With one sentence: no daily Search Console table, or the series is too short
        (``lift``'s sentences: fewer than 28 days before the flight, missing days).
    """
    what = _("Measuring the lift of search")
    daily, used = _daily_series(ws, brand, search_type)
    branded, total = _series(daily, "branded_clicks"), _series(daily, "clicks")
    if branded.empty and total.empty:
        raise InsufficientData(
            say.needs(
                what,
                _("the daily table of a Search Console download (Dates.csv or Chart.csv)"),
                _("this folder has none for this brand"),
            )
        )
    first, last = pd.Timestamp(start).normalize(), pd.Timestamp(end).normalize()
    attempts = [(branded, MEASURED_BRANDED, used), (total, MEASURED_ALL, "")]
    errors: list[tuple[int, InsufficientData]] = []
    for series, measured, filters in attempts:
        if series.empty:
            continue
        try:
            result = lift(series, first, last, pre_days=pre_days)
        except InsufficientData as exc:
            errors.append((len(series), exc))
            continue
        return SearchLift(result, measured, first, last, filters)
    # the reason of the longest series (the one that came closest), the branded one on a tie
    raise max(errors, key=lambda e: e[0])[1]


def campaign_search_lift(
    ws,
    brand: str,
    campaign: str = "",
    *,
    start: str | pd.Timestamp | None = None,
    end: str | pd.Timestamp | None = None,
    pre_days: int = 56,
    search_type: str = "web",
) -> SearchLift:
    """:func:`search_lift` over a campaign's flight, dated by its ads.

    Parameters
    ----------
    ws : Workspace
        Ads and Search Console data of the brand, every date up to the end of the period.
    brand : str
    campaign : str
        The campaign; "" means the campaign with the most ad spend in ``[start, end]`` (by
        impressions when the ads hold several currencies) whose flight the daily search
        clicks cover, with 28 days before it.
    start, end : str or Timestamp, optional
        The period the default campaign is chosen in; default all of ``ws``.
    pre_days : int
        Days before the flight to fit on (at most).
    search_type : str

    Returns
    -------
    SearchLift
        With ``campaign`` and ``overlapping`` set.

    Raises
    ------
    InsufficientData
        With one sentence: no ads, the campaign is not in them, no daily search clicks or
        none around a flight.
    """
    what = (
        _("The lift of {campaign} on search").format(campaign=campaign)
        if campaign
        else _("The lift of a campaign on search")
    )
    ads = ws.ads
    ads = ads[(ads["brand"].astype("str") == str(brand)).to_numpy()]
    if ads.empty:
        raise InsufficientData(
            say.needs(
                what,
                _("ads, which date the campaign's flight"),
                _("this folder has none for this brand"),
            )
        )
    daily, _used = _daily_series(ws, brand, search_type)
    known = pd.concat([_series(daily, "branded_clicks"), _series(daily, "clicks")])
    if known.empty:
        raise InsufficientData(
            say.needs(
                what,
                _("the daily table of a Search Console download (Dates.csv or Chart.csv)"),
                _("this folder has none for this brand"),
            )
        )
    search_first, search_last = known.index.min(), known.index.max()
    day = pd.to_datetime(ads["date"]).dt.normalize()
    names = ads["campaign"].astype("str")
    spans = day.groupby(names.to_numpy()).agg(["min", "max"])

    def covered(name: str) -> bool:
        first, last = spans.loc[name, "min"], spans.loc[name, "max"]
        return first - pd.Timedelta(days=28) >= search_first and last <= search_last

    if campaign:
        if campaign not in spans.index:
            raise InsufficientData(
                say.needs(
                    what,
                    _("ads of {campaign} to date its flight").format(campaign=campaign),
                    _("the ads here are for {campaigns}").format(
                        campaigns=say.listing(sorted(spans.index))
                    ),
                )
            )
        if not covered(campaign):
            raise InsufficientData(
                say.needs(
                    what,
                    _(
                        "daily search clicks on every day of its flight ({first} to {last}) and "
                        "on at least 28 days before it"
                    ).format(
                        first=say.day(spans.loc[campaign, "min"]),
                        last=say.day(spans.loc[campaign, "max"]),
                    ),
                    _("the daily search clicks cover {period}").format(
                        period=say.period(search_first, search_last)
                    ),
                )
            )
        chosen = campaign
    else:
        chosen = next((n for n in biggest_campaigns(ads, start, end) if covered(n)), None)
        if chosen is None:
            raise InsufficientData(
                say.needs(
                    what,
                    _(
                        "a campaign with ads in the period and daily search clicks on every day "
                        "of its flight and on at least 28 days before it"
                    ),
                    _("the daily search clicks cover {period}").format(
                        period=say.period(search_first, search_last)
                    ),
                )
            )
    first, last = spans.loc[chosen, "min"], spans.loc[chosen, "max"]
    found = search_lift(ws, brand, first, last, pre_days=pre_days, search_type=search_type)
    fit_start = max(first - pd.Timedelta(days=pre_days), found.result.daily.index.min())
    others = spans.drop(index=chosen)
    ran = others[(others["max"] >= fit_start) & (others["min"] <= last)]
    overlapping = tuple(
        sorted(n for n in ran.index if ran.loc[n, "min"] > fit_start or ran.loc[n, "max"] < last)
    )
    return SearchLift(found.result, found.measured, first, last, found.filters, chosen, overlapping)


# --------------------------------------------------------------------------------------------
# opportunities: CTR below what the position gets, and movers


def campaign_search_lifts(
    ws,
    brand: str,
    *,
    start: str | pd.Timestamp | None = None,
    end: str | pd.Timestamp | None = None,
    pre_days: int = 56,
    search_type: str = "web",
) -> pd.DataFrame:
    """:func:`campaign_search_lift` of every campaign with ads in ``[start, end]``.

    Each flight is measured on its own (the same model, the same 95% interval); a campaign
    whose flight the daily clicks do not cover, with 28 days before it, is listed with the
    reason. Flights that overlap share their effects: ``overlapping`` names the others.

    Returns
    -------
    pandas.DataFrame
        One row per campaign, earliest flight first: ``campaign``, ``first``, ``last``,
        ``measured``, ``effect`` (clicks), ``rel_change``, ``ci_low``, ``ci_high``,
        ``p_value``, ``significant``, ``overlapping`` (names joined) and ``reason`` (why it
        was not measured; empty when it was).
    """
    ads = ws.ads
    columns = ["campaign", "first", "last", "measured", "effect", "rel_change", "ci_low",
               "ci_high", "p_value", "significant", "overlapping", "reason"]  # fmt: skip
    if ads.empty:
        return pd.DataFrame(columns=columns)
    day = pd.to_datetime(ads["date"]).dt.normalize()
    inside = pd.Series(True, index=ads.index)
    if start is not None:
        inside &= day >= pd.Timestamp(start)
    if end is not None:
        inside &= day <= pd.Timestamp(end)
    names = ads.loc[inside, "campaign"].dropna().astype("str")
    spans = day[names.index].groupby(names).agg(["min", "max"]).sort_values(["min", "max"])
    rows = []
    for campaign, (first, last) in spans.iterrows():
        try:
            found = campaign_search_lift(
                ws,
                brand,
                campaign,
                start=start,
                end=end,
                pre_days=pre_days,
                search_type=search_type,
            )
        except InsufficientData as why:
            rows.append({"campaign": campaign, "first": first, "last": last, "reason": str(why)})
            continue
        r = found.result
        rows.append({
            "campaign": campaign, "first": found.start, "last": found.end,
            "measured": found.measured, "effect": r.effect, "rel_change": r.rel_change,
            "ci_low": r.ci_low, "ci_high": r.ci_high, "p_value": r.p_value,
            "significant": bool(r.significant), "overlapping": ", ".join(found.overlapping),
            "reason": "",
        })  # fmt: skip
    out = pd.DataFrame(rows, columns=columns)
    out["significant"] = out["significant"].astype("boolean")
    return out


def _term_rows(
    terms: pd.DataFrame, kind: str, search_type: str | None, exclude: Sequence[str]
) -> pd.DataFrame:
    """Rows of one kind (and search type), from unfiltered downloads when there are any.

    A filtered download (a country, a device, a query) lists rows the unfiltered one holds
    too: mixing them would count the same clicks twice. Queries naming ``exclude`` are left
    out (branded queries follow a CTR curve of their own).
    """
    if terms is None or len(terms) == 0:
        return pd.DataFrame(columns=["period_start", "period_end", "term", "clicks",
                                     "impressions", "position"])  # fmt: skip
    rows = terms[(terms["kind"].astype("str") == kind).to_numpy()]
    if search_type is not None and "search_type" in rows.columns:
        rows = rows[(rows["search_type"].astype("str") == search_type).to_numpy()]
    if "filters" in rows.columns and len(rows):
        plain = _unfiltered(rows["filters"])
        if plain.any():
            rows = rows[plain.to_numpy()]
    if len(exclude) and len(rows):
        rows = rows[~is_branded(rows["term"], exclude).to_numpy()]
    out = pd.DataFrame(
        {"period_start": pd.to_datetime(rows["period_start"]).to_numpy(),
         "period_end": pd.to_datetime(rows["period_end"]).to_numpy(),
         "term": rows["term"].astype("str").to_numpy(),
         "clicks": pd.to_numeric(rows["clicks"], errors="coerce").astype("float64").to_numpy(),
         "impressions": pd.to_numeric(rows["impressions"], errors="coerce")
                          .astype("float64").to_numpy(),
         "position": pd.to_numeric(rows["position"], errors="coerce")
                       .astype("float64").to_numpy()},
        index=rows.index,
    )  # fmt: skip
    return out


def _fit_rows(rows: pd.DataFrame, min_impressions: int) -> pd.DataFrame:
    keep = (
        (rows["impressions"] >= min_impressions)
        & (rows["position"] >= 1)
        & rows["clicks"].notna()
        & (rows["clicks"] >= 0)
        & (rows["clicks"] <= rows["impressions"])
    )
    return rows[keep]


@dataclass(frozen=True)
class CtrCurve:
    """The CTR expected at each position, ``logit(CTR) = a + b log(position)``.

    Fitted by :func:`expected_ctr`.

    Attributes
    ----------
    params : pandas.Series
        ``const`` (a) and ``log_position`` (b).
    bse : pandas.Series
        Their standard errors (binomial model; too small when rows vary more than binomial
        noise, see ``dispersion``).
    dispersion : float
        Pearson chi-square / residual degrees of freedom: 1 when rows vary as binomial noise
        around the curve; far above 1 means queries at one position differ much more (they
        always do), so the curve is an average, not a law.
    rows : pandas.DataFrame
        The rows fitted: ``period_start``, ``period_end``, ``term``, ``clicks``,
        ``impressions``, ``position``.
    kind : str
    min_impressions : int
    """

    params: pd.Series
    bse: pd.Series
    dispersion: float
    rows: pd.DataFrame
    kind: str = "query"
    min_impressions: int = 100

    def predict(self, position):
        """The expected CTR at ``position`` (positions below 1 are read as 1).

        A scalar gives a float, a Series a Series with its index, anything else an array.
        """
        x = np.log(np.clip(np.asarray(position, dtype="float64"), 1.0, None))
        eta = float(self.params["const"]) + float(self.params["log_position"]) * x
        value = 1.0 / (1.0 + np.exp(-eta))
        if isinstance(position, pd.Series):
            return pd.Series(value, index=position.index, name="expected_ctr")
        return float(value) if np.ndim(value) == 0 else value


def expected_ctr(
    terms: pd.DataFrame,
    *,
    kind: str = "query",
    min_impressions: int = 100,
    exclude: Sequence[str] = (),
    search_type: str | None = "web",
) -> CtrCurve:
    """The CTR a position usually gets on this site: a binomial GLM on the user's own rows.

    ``logit(CTR) = a + b log(position)``, fitted by maximum likelihood with each row's
    clicks as successes out of its impressions (statsmodels' GLM, binomial family, logit
    link), so a row weighs by its impressions. Rows: ``search_terms`` of ``kind`` (every
    period), from unfiltered downloads when there are any, with at least ``min_impressions``
    impressions and a position of at least 1.

    Assumptions: every impression of a row has the same chance of a click, given its
    position (a row's position is itself an average over its impressions); CTR falls
    smoothly with log position. Queries at the same position differ far more than that
    (intent, rich results, the brand in the query: pass branded names as ``exclude``), which
    ``CtrCurve.dispersion`` measures.

    Parameters
    ----------
    terms : pandas.DataFrame
        ``search_terms`` rows (``kind``, ``term``, ``clicks``, ``impressions``, ``position``,
        ``period_start``, ``period_end``; ``search_type`` and ``filters`` when present).
    kind : str
        ``query`` or ``page``.
    min_impressions : int
        Fewest impressions of a row used.
    exclude : sequence of str
        Names whose queries are left out (:func:`is_branded`): the brand's and competitors'.
    search_type : str, optional
        Keep rows of this search type; None keeps every type.

    Returns
    -------
    CtrCurve

    Raises
    ------
    InsufficientData
        With fewer than 10 rows to fit on, no click among them or a single position.
    """
    from statsmodels.genmod import families
    from statsmodels.genmod.generalized_linear_model import GLM

    if min_impressions < 1:
        raise ValueError(f"min_impressions must be >= 1, got {min_impressions}")
    rows = _fit_rows(_term_rows(terms, kind, search_type, exclude), min_impressions)
    what = _("The CTR expected at each position")
    if len(rows) < MIN_CURVE_ROWS:
        raise InsufficientData(
            say.needs(
                what,
                _("at least {rows} with {impressions} or more and a position of 1 or more").format(
                    rows=_kind_count(MIN_CURVE_ROWS, kind),
                    impressions=say.count(min_impressions, "impression"),
                ),
                _("the Search Console data here have {found}").format(
                    found=_kind_count(len(rows), kind)
                ),
            )
        )
    x = np.log(rows["position"].to_numpy())
    clicks, shown = rows["clicks"].to_numpy(), rows["impressions"].to_numpy()
    if clicks.sum() == 0 or np.ptp(x) == 0:
        raise InsufficientData(
            say.needs(
                what,
                _("rows with clicks at more than one position"),
                _("the rows here have no click or a single position"),
            )
        )
    exog = np.column_stack([np.ones_like(x), x])
    fit = GLM(np.column_stack([clicks, shown - clicks]), exog, family=families.Binomial()).fit()
    names = ["const", "log_position"]
    return CtrCurve(
        params=pd.Series(np.asarray(fit.params), index=names),
        bse=pd.Series(np.asarray(fit.bse), index=names),
        dispersion=float(fit.pearson_chi2 / fit.df_resid) if fit.df_resid > 0 else np.nan,
        rows=rows.reset_index(drop=True),
        kind=kind,
        min_impressions=int(min_impressions),
    )


def _kind_count(n: int, kind: str) -> str:
    """``n`` rows of ``kind`` as a reader counts them: ``9 queries``, ``1 page``."""
    nouns = {"query": (N_("query"), "queries"), "page": (N_("page"), "pages")}
    noun, plural = nouns.get(kind, (N_("row"), "rows"))
    return say.count(n, noun, plural)


def _latest_period(rows: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The period ending last (of two ending the same day, the longer)."""
    periods = rows[["period_start", "period_end"]].drop_duplicates()
    periods = periods.sort_values(["period_end", "period_start"], ascending=[False, True])
    top = periods.iloc[0]
    return pd.Timestamp(top["period_start"]), pd.Timestamp(top["period_end"])


def ctr_gaps(
    terms: pd.DataFrame,
    curve: CtrCurve | None = None,
    *,
    kind: str = "query",
    min_impressions: int = 100,
    alpha: float = 0.05,
    exclude: Sequence[str] = (),
    search_type: str | None = "web",
) -> pd.DataFrame:
    """Queries (or pages) clicked significantly less than their position usually gets.

    Each row of the latest period (the one ending last) with at least ``min_impressions``
    impressions and a position is tested against the curve: with ``p = curve(position)``,
    the one-sided exact binomial test of ``clicks ~ Binomial(impressions, p)`` against
    fewer clicks, ``P(X <= clicks)``; the p-values are adjusted for the number of rows
    tested with Benjamini-Hochberg (false discovery rate ``alpha``).

    Assumptions: the curve's CTR is taken as known (its own uncertainty is left out) and
    every impression as an independent chance of a click. Queries at one position differ
    more than that (see ``CtrCurve.dispersion``), so with many impressions a real but
    ordinary shortfall is significant: rank by ``missing_clicks``, which says how much is
    at stake, and read "significant" as "not noise", not as "unusual". A page's position is
    an average over queries at very different positions, and CTR is not linear in position:
    pages' gaps are rougher than queries'.

    Parameters
    ----------
    terms : pandas.DataFrame
        ``search_terms`` rows (see :func:`expected_ctr`).
    curve : CtrCurve, optional
        Default :func:`expected_ctr` on the same rows and arguments.
    kind, min_impressions, exclude, search_type
        As for :func:`expected_ctr`.
    alpha : float
        False discovery rate.

    Returns
    -------
    pandas.DataFrame
        ``period_start``, ``period_end``, ``term``, ``position``, ``impressions``,
        ``clicks``, ``ctr``, ``expected_ctr``, ``missing_clicks`` (expected clicks minus
        clicks), ``p_value``, ``q_value``, ``significant`` (``q_value < alpha``); every row
        tested, the significant ones first, by missing clicks.

    Raises
    ------
    InsufficientData
        As :func:`expected_ctr` when the curve is fitted here.
    """
    from scipy import stats as st

    if not 0 < alpha < 1:
        raise ValueError(f"alpha must be between 0 and 1, got {alpha}")
    if curve is None:
        curve = expected_ctr(terms, kind=kind, min_impressions=min_impressions,
                             exclude=exclude, search_type=search_type)  # fmt: skip
    rows = _fit_rows(_term_rows(terms, kind, search_type, exclude), min_impressions)
    columns = ["period_start", "period_end", "term", "position", "impressions", "clicks", "ctr",
               "expected_ctr", "missing_clicks", "p_value", "q_value", "significant"]  # fmt: skip
    if rows.empty:
        return pd.DataFrame(columns=columns)
    first, last = _latest_period(rows)
    rows = rows[(rows["period_start"] == first) & (rows["period_end"] == last)].copy()
    expected = curve.predict(rows["position"].to_numpy())
    rows["ctr"] = rows["clicks"] / rows["impressions"]
    rows["expected_ctr"] = expected
    rows["missing_clicks"] = expected * rows["impressions"] - rows["clicks"]
    rows["p_value"] = st.binom.cdf(rows["clicks"], rows["impressions"], expected)
    rows["q_value"] = benjamini_hochberg(rows["p_value"].to_numpy())
    rows["significant"] = (rows["q_value"] < alpha) & (rows["missing_clicks"] > 0)
    out = rows.sort_values(["significant", "missing_clicks"], ascending=[False, False],
                           kind="stable")  # fmt: skip
    return out[columns].reset_index(drop=True)


def _rate_ratio(x_before: int, x_after: int, days_before: int, days_after: int, alpha: float):
    """p-value and exact interval of the ratio of two Poisson rates (after / before)."""
    from scipy import stats as st

    n = x_before + x_after
    if n == 0:
        return np.nan, np.nan, np.nan
    share = days_after / (days_before + days_after)
    p_value = st.binomtest(x_after, n, share, alternative="two-sided").pvalue
    low = st.beta.ppf(alpha / 2, x_after, n - x_after + 1) if x_after > 0 else 0.0
    high = st.beta.ppf(1 - alpha / 2, x_after + 1, n - x_after) if x_after < n else 1.0
    scale = days_before / days_after

    def to_ratio(p: float) -> float:
        return p / (1 - p) * scale if p < 1 else np.inf

    return float(p_value), float(to_ratio(low)), float(to_ratio(high))


def movers(
    terms: pd.DataFrame,
    *,
    kind: str = "query",
    alpha: float = 0.05,
    search_type: str | None = "web",
) -> pd.DataFrame:
    """Queries (or pages) whose clicks per day rose or fell between two periods.

    The two periods are the latest one (ending last) and the latest one ending before it
    starts: two downloads of different periods, or a download in compare mode. Only terms
    listed in both are compared: one missing from a period's top 1,000 is unknown there,
    not 0.

    The test, per term: clicks in each period as Poisson counts with rates per day
    ``l1`` (before) and ``l2`` (after) over ``t1`` and ``t2`` days. Given their total
    ``n``, the clicks after follow ``Binomial(n, l2 t2 / (l1 t1 + l2 t2))``; under no change
    (``l1 = l2``) the share is ``t2 / (t1 + t2)``: the exact two-sided binomial test of it
    gives the p-value (the conditional test of two Poisson rates), and the exact
    (Clopper-Pearson) interval of the share, turned into ``l2 / l1``, the interval of the
    rate ratio. p-values are adjusted with Benjamini-Hochberg over the terms tested.

    Assumptions: clicks arrive independently at a constant rate within each period. Real
    clicks vary from day to day more than that (weekdays, news), so small changes of large
    terms come out significant: rank by ``change`` (clicks per day) to see what matters.

    Parameters
    ----------
    terms : pandas.DataFrame
        ``search_terms`` rows (see :func:`expected_ctr`).
    kind : str
        ``query`` or ``page``.
    alpha : float
        False discovery rate; the interval is at ``1 - alpha``.
    search_type : str, optional
        Keep rows of this search type; None keeps every type.

    Returns
    -------
    pandas.DataFrame
        ``term``, ``clicks_before``, ``clicks_after``, ``impressions_before``,
        ``impressions_after``, ``position_before``, ``position_after``, ``per_day_before``,
        ``per_day_after``, ``change`` (clicks per day, after minus before), ``ratio``
        (``per_day_after / per_day_before``; inf from 0), ``ci_low``, ``ci_high``,
        ``p_value``, ``q_value``, ``significant``; significant rows first, then by the size
        of ``change``. ``attrs["before"]`` and ``attrs["after"]`` hold each period's first
        and last day.

    Raises
    ------
    InsufficientData
        With one sentence when the data hold no two periods that do not overlap.
    """
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must be between 0 and 1, got {alpha}")
    rows = _term_rows(terms, kind, search_type, ())
    rows = rows[rows["clicks"].notna() & rows["period_start"].notna() & rows["period_end"].notna()]
    what = _("Comparing search terms between two periods")
    if rows.empty:
        raise _no_search(what)
    after = _latest_period(rows)
    earlier = rows[rows["period_end"] < after[0]]
    if earlier.empty:
        raise InsufficientData(
            say.needs(
                what,
                _("two downloads of periods that do not overlap, or a download in compare mode"),
                _("the search terms here cover {period} only").format(period=say.period(*after)),
            )
        )
    before = _latest_period(earlier)

    def one(period) -> pd.DataFrame:
        part = rows[(rows["period_start"] == period[0]) & (rows["period_end"] == period[1])]
        return pooled(part, by="term")

    a, b = one(before), one(after)
    both = a.merge(b, left_index=True, right_index=True, suffixes=("_before", "_after"))
    days_before = (before[1] - before[0]).days + 1
    days_after = (after[1] - after[0]).days + 1
    out = pd.DataFrame(
        {"term": both.index.astype("str"),
         "clicks_before": both["clicks_before"].round().astype("int64"),
         "clicks_after": both["clicks_after"].round().astype("int64"),
         "impressions_before": both["impressions_before"].round().astype("int64"),
         "impressions_after": both["impressions_after"].round().astype("int64"),
         "position_before": both["position_before"], "position_after": both["position_after"]},
    ).reset_index(drop=True)  # fmt: skip
    out["per_day_before"] = out["clicks_before"] / days_before
    out["per_day_after"] = out["clicks_after"] / days_after
    out["change"] = out["per_day_after"] - out["per_day_before"]
    with np.errstate(divide="ignore", invalid="ignore"):
        out["ratio"] = np.where(
            out["clicks_before"] > 0, out["per_day_after"] / out["per_day_before"],
            np.where(out["clicks_after"] > 0, np.inf, np.nan),
        )  # fmt: skip
    tests = [
        _rate_ratio(int(x1), int(x2), days_before, days_after, alpha)
        for x1, x2 in zip(out["clicks_before"], out["clicks_after"], strict=True)
    ]
    tested = np.array(tests, dtype="float64").reshape(-1, 3)
    out["ci_low"], out["ci_high"] = tested[:, 1], tested[:, 2]
    out["p_value"] = tested[:, 0]
    out["q_value"] = benjamini_hochberg(out["p_value"].to_numpy())
    out["significant"] = (out["q_value"] < alpha).to_numpy()
    out["_size"] = out["change"].abs()
    out = out.sort_values(["significant", "_size", "term"], ascending=[False, False, True],
                          kind="stable").drop(columns="_size")  # fmt: skip
    out = out.reset_index(drop=True)
    out.attrs["before"] = before
    out.attrs["after"] = after
    return out
