"""LinkedIn Page analytics exports: posts -> ``posts``, daily page series -> ``channel_daily``.

LinkedIn writes workbooks (``.xls`` from older exports, read with calamine, or ``.xlsx``); each
sheet starts with a one-cell sentence, the headers are on row 2 (older exports: row 1). Sheet
names and header spellings per vintage and UI language are in ``headers/linkedin.yml``.

- the *content* export (``<page>_content_<ms>.xlsx``) has two sheets:

  - ``All posts`` (older: ``Update engagement``) -> ``posts``: ``Post title``, ``Post link``,
    ``Post type`` (Organic or Sponsored), ``Campaign name``, ``Posted by``, ``Created date``
    (``MM/DD/YYYY`` text), ``Campaign start date``, ``Campaign end date``, ``Audience``,
    ``Impressions``, ``Views (excluding off-site video views)`` (or ``Views``), ``Off-site
    views``, ``Clicks``, ``Click through rate (CTR)``, ``Likes``, ``Comments``, ``Reposts``
    (older: ``Shares``), ``Follows``, ``Engagement rate`` (a fraction), ``Content Type``;
  - ``Metrics`` (older: ``Update metrics (aggregated)``) -> ``channel_daily``: per day,
    ``Impressions``, ``Unique impressions``, ``Clicks``, ``Reactions``, ``Comments``,
    ``Reposts`` (older: ``Shares``) and ``Engagement rate``, each ``(organic)``,
    ``(sponsored)`` and ``(total)``;

- the *followers* export: sheet ``New followers`` -> ``channel_daily``: ``Date``,
  ``Sponsored followers``, ``Organic followers``, ``Auto-invited followers``,
  ``Total followers`` (the day's *new* followers), and demographic sheets;
- the *visitors* export: sheet ``Visitor metrics`` -> ``channel_daily``: page views and unique
  visitors per day, by section (``Overview``, ``Life``, ``Jobs``…, ``Total``) and device;
- a file holding only demographic sheets (``Location``, ``Job function``…: no dates) is refused
  with :class:`~smmnb.errors.ExportNotUsable`, saying which download fills a table.

Mapping decisions (posts):

- ``post_id`` is the number in the post link's urn (``urn:li:activity:7254…``,
  ``urn:li:share:…``, ``urn:li:ugcPost:…``), else the link itself; ``url`` is the link.
- ``published_at``: ``Created date`` has no time. LinkedIn ids carry their creation time
  (``id >> 22`` is milliseconds since the Unix epoch, UTC); it is used when it falls within a
  day of ``Created date``, else the row gets ``Created date`` at local midnight (pass
  ``timezone=``); ``attrs["published_at_from"]`` says which.
- ``paid`` is ``Post type`` == Sponsored; ``format`` is ``Content Type`` in lower case
  (``Image``, ``Video``, ``Text``, ``Article``, ``Document``, ``Carousel``, ``Poll``...);
  ``text`` is ``Post title`` as written (line breaks, emoji and the Unicode "bold" letters
  people paste are kept); ``campaign`` is ``Campaign name``.
- ``reactions`` = Likes, ``shares`` = Reposts (or Shares), ``clicks`` = Clicks,
  ``video_views`` = Views. ``Engagement rate`` is kept as ``engagement_rate`` (a fraction;
  LinkedIn's definition counts clicks and follows too); the other columns under the names of
  earlier versions (``post_link``, ``post_type``, ``posted_by``, ``created_date``,
  ``off_site_views``, ``click_through_rate_ctr``, ``follows``, ``content_type``...).

Mapping decisions (channel_daily, ``platform`` linkedin):

- Metrics: ``impressions`` = ``Impressions (total)`` (organic + sponsored when the total is
  missing), ``likes`` = ``Reactions (total)``, ``comments`` = ``Comments (total)``, ``shares`` =
  ``Reposts (total)``. LinkedIn gives no engagement count (only a rate) and no reach (its
  ``Unique impressions`` are organic only): ``engagements`` and ``reach`` stay empty. The
  other columns are kept as ``<metric>_<part>`` (``impressions_organic``,
  ``unique_impressions_organic``, ``clicks_sponsored``…), totals as ``clicks``,
  ``engagement_rate``.
- New followers: ``followers_gained`` = ``Total followers`` (or the sum of its parts);
  ``followers_lost`` stays empty: LinkedIn does not report unfollows. The parts are kept as
  ``sponsored_followers``, ``organic_followers``, ``auto_invited_followers``. The follower
  *count* is not in the file: give one known count (``smmnb.yml``:
  ``followers: {linkedin: {date: ..., count: ...}}``) and :func:`smmnb.load_workspace` derives
  the ``followers`` table from these gains; :func:`read_followers` does it for one file.
- Visitors: ``profile_views`` = ``Total page views (total)`` (views of any tab of the Page;
  ``Overview page views (total)`` when that is all the file has); every section and device is
  kept in snake case (``life_page_views_mobile``, ``total_unique_visitors_total``…).
- Dates are month first (``MM/DD/YYYY``) unless a first number above 12 shows the file was
  re-saved day first; workbook date cells are read as dates.
- LinkedIn does not name the page in the file: pass ``brand=`` (a data folder's owner).
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from importlib import resources

import numpy as np
import pandas as pd
import yaml

from smmnb.errors import ExportNotUsable, Problem, SchemaError
from smmnb.i18n import _
from smmnb.io.exports._base import (
    ExportFormat,
    Found,
    Options,
    RawExport,
    Table,
    drop_blank_rows,
    need_brand,
    norm,
    open_export,
    slash_days,
    snake,
)
from smmnb.schema import TABLES, parse_numbers, validate

__all__ = [
    "CONTENT",
    "DEMOGRAPHICS",
    "FOLLOWERS",
    "FORMATS",
    "METRICS",
    "VISITORS",
    "FollowerOptions",
    "activity_time",
    "read_followers",
]

_URN = re.compile(r"urn:li:(?:activity|share|ugcPost|post):(\d+)", re.IGNORECASE)
_PART = re.compile(r"^(.*?)\s*(\([^()]*\))\s*$")

# content field of headers/linkedin.yml -> posts column (the names earlier versions gave)
_POSTS = {
    "title": "text",
    "link": "post_link",
    "post_type": "post_type",
    "campaign": "campaign",
    "posted_by": "posted_by",
    "created": "created_date",
    "campaign_start": "campaign_start_date",
    "campaign_end": "campaign_end_date",
    "audience": "audience",
    "impressions": "impressions",
    "views": "video_views",
    "offsite_views": "off_site_views",
    "clicks": "clicks",
    "ctr": "click_through_rate_ctr",
    "likes": "reactions",
    "comments": "comments",
    "reposts": "shares",
    "follows": "follows",
    "engagement_rate": "engagement_rate",
    "content_type": "content_type",
}
_POST_TEXT = {
    "text",
    "post_link",
    "post_type",
    "campaign",
    "posted_by",
    "created_date",
    "campaign_start_date",
    "campaign_end_date",
    "audience",
    "content_type",
}
# metrics field (its total) -> channel_daily column
_DAILY = {"impressions": "impressions", "reactions": "likes", "comments": "comments"}
_DAILY_SHARES = "reposts"
_FOLLOWER_PARTS = {
    "sponsored": "sponsored_followers",
    "organic": "organic_followers",
    "auto_invited": "auto_invited_followers",
}


@dataclass(frozen=True)
class FollowerOptions(Options):
    """:class:`~smmnb.io.exports._base.Options` plus the follower count the export lacks.

    Parameters
    ----------
    total_followers : int or None
        The page's follower count on the export's last day.
    """

    total_followers: int | None = None


def activity_time(ids: pd.Series) -> pd.Series:
    """UTC creation time of LinkedIn urn ids (``id >> 22`` ms since the Unix epoch).

    Parameters
    ----------
    ids : pandas.Series
        Numeric ids as text; other values give NaT.

    Returns
    -------
    pandas.Series
        ``datetime64[ns, UTC]``.
    """
    text = ids.astype("str").str.strip()
    ok = text.str.fullmatch(r"\d{1,19}").fillna(False).astype(bool)
    ms = pd.Series(np.nan, index=ids.index, dtype="float64")
    if ok.any():
        ms[ok] = [float(int(t) >> 22) for t in text[ok]]
    return pd.to_datetime(ms, unit="ms", utc=True).astype("datetime64[ns, UTC]")


# -- header spellings ------------------------------------------------------------------------


@functools.cache
def _spellings() -> dict:
    """``{export: {"sheets": {...}, "fields": {norm(spelling): field}, "parts": {...}}}``."""
    path = resources.files("smmnb.io.exports") / "headers" / "linkedin.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))

    def flat(languages: dict) -> list[str]:
        return [norm(s) for spellings in languages.values() for s in spellings]

    out = {}
    for export, fields in data.items():
        entry: dict = {"sheets": set(), "fields": {}, "parts": {}, "kinds": {}}
        for field, value in fields.items():
            if field == "sheets":
                entry["sheets"] = set(flat(value))
            elif field in ("parts", "kinds"):
                entry[field] = {s: part for part, langs in value.items() for s in flat(langs)}
            else:
                for spelling in flat(value):
                    entry["fields"].setdefault(spelling, field)
        out[export] = entry
    return out


def _field(export: str, header: str) -> str | None:
    return _spellings()[export]["fields"].get(norm(header))


def _metric(header: str) -> tuple[str, str] | None:
    """``("impressions", "organic")`` for ``Impressions (organic)``; None for other headers."""
    m = _PART.match(norm(header))
    if not m:
        return None
    spellings = _spellings()["metrics"]
    field = spellings["fields"].get(m.group(1))
    part = spellings["parts"].get(m.group(2).replace(" ", ""))
    if field is None or part is None or field == "date":
        return None
    return field, part


def _tables(raw: RawExport, export: str) -> list[Table]:
    """The workbook's sheets, the ones this export names first."""
    names = _spellings()[export]["sheets"]
    return sorted(raw.tables, key=lambda t: norm(t.name) not in names)


def _find(raw: RawExport, export: str, test) -> Found | None:
    """The first sheet and row (of the first 40) whose cells pass ``test``; never raises."""
    try:
        for table in _tables(raw, export):
            for i, row in enumerate(table.head()):
                if len([c for c in row if c.strip()]) >= 2 and test(row):
                    return Found(table, i, {"export": export})
    except Exception:  # noqa: BLE001 - a sniffer says no, it never throws
        return None
    return None


def _frame(table: Table, header: int, name_of) -> tuple[pd.DataFrame, list[str]]:
    """Rows under the header; columns named by ``name_of(header)`` (else snake case), unique."""
    df, labels = table.frame(header)
    names, taken = [], set()
    for column in df.columns:
        name = name_of(column) or snake(column)
        while name in taken:
            name += "_"
        taken.add(name)
        names.append(name)
    df.columns = names
    return df, labels


def _numbers(df: pd.DataFrame, keep: set[str]) -> pd.DataFrame:
    """Columns not in ``keep`` as numbers where every filled cell is one (whole: Int64)."""
    for name in df.columns:
        if name in keep:
            continue
        values, bad = parse_numbers(df[name])
        if bad.any():
            continue
        finite = values.dropna()
        whole = bool((finite == finite.round()).all()) and bool((finite.abs() < 2**53).all())
        df[name] = values.round().astype("Int64") if whole else values
    return df


def _day(values: pd.Series) -> pd.Series:
    """Calendar days from ``MM/DD/YYYY`` text (:func:`slash_days`) or an ISO date cell."""
    text = values.fillna("").astype("str").str.strip()
    out = slash_days(text)
    iso = out.isna() & text.str.match(r"^\d{4}-\d{2}-\d{2}")
    if iso.any():
        out[iso] = pd.to_datetime(text[iso].str[:10], format="%Y-%m-%d", errors="coerce")
    return out.dt.normalize()


def _daily_frame(df: pd.DataFrame, labels: list[str], raw: RawExport, fmt, options: Options):
    """Common end of the channel_daily readers: date as ISO, brand, platform, numbers.

    Returns the frame, its row labels and the reader's first notes (``attrs``).
    """
    attrs: dict = {"dayfirst": False}
    df, labels = drop_blank_rows(df, labels, "date", attrs, "a Date")
    brand = need_brand(raw, fmt, options, None)
    day = _day(df["date"])
    # an unreadable day stays as written, so that validate names it
    df["date"] = day.dt.strftime("%Y-%m-%d").where(day.notna(), df["date"])
    df["brand"] = brand
    df["platform"] = "linkedin"
    return _numbers(df, {"date", "brand", "platform"}), labels, attrs


def _sum_parts(df: pd.DataFrame, parts: list[str], labels: list[str], source: str) -> pd.Series:
    """The day's total from its parts (organic + sponsored...); missing where all are missing.

    Raises
    ------
    SchemaError
        Naming the cells of a part that are not numbers.
    """
    total = pd.Series(0.0, index=df.index)
    filled = pd.Series(False, index=df.index)
    for part in parts:
        values, bad = parse_numbers(df[part])
        if bad.any():
            rows = [labels[i] for i in np.flatnonzero(bad.to_numpy())]
            cells = [str(v) for v in df.loc[bad, part]]
            raise SchemaError(
                source,
                "channel_daily",
                [Problem("not a number", part, tuple(rows[:5]), tuple(cells[:5]), len(rows))],
            )
        total = total + values.fillna(0)
        filled = filled | values.notna()
    total = total.where(filled)
    if bool((total.abs() >= 2**53).any()):
        return total  # too large for a count: validate names it
    return total.round().astype("Int64")


# -- content: All posts -> posts -------------------------------------------------------------


def _is_content(row: list[str]) -> bool:
    fields = {_field("content", c) for c in row}
    return {"title", "link", "impressions", "created"} <= fields and bool(
        fields & {"likes", "comments", "clicks", "reposts"}
    )


def _detect_content(raw: RawExport) -> Found | None:
    return _find(raw, "content", _is_content)


def _read_content(raw: RawExport, found: Found, options: Options):
    df, labels = _frame(found.table, found.header, lambda c: _POSTS.get(_field("content", c)))
    dropped: dict = {}
    df, labels = drop_blank_rows(df, labels, "post_link", dropped, "a Post link")
    brand = need_brand(raw, CONTENT, options, None)
    link = df["post_link"].fillna("").astype("str")
    number = link.str.extract(_URN)[0]
    df["post_id"] = number.fillna(link.str.strip())
    day = _day(df["created_date"])
    from_id = activity_time(number.fillna(""))
    id_day = from_id.dt.tz_localize(None).dt.normalize()
    near = ((id_day - day).abs() <= pd.Timedelta(days=1)).fillna(False).astype(bool)
    use_id = near | (day.isna() & from_id.notna())
    stamp = from_id.dt.strftime("%Y-%m-%dT%H:%M:%S.%f+00:00").where(use_id)
    df["published_at"] = stamp.fillna(day.dt.strftime("%Y-%m-%d").where(~use_id))
    if "post_type" in df.columns:
        kind = _kinds(df["post_type"])
        df["paid"] = kind.map({"sponsored": True, "organic": False, "total": True})
    if "content_type" in df.columns:
        fmt = df["content_type"].fillna("").astype("str").str.strip().str.lower()
        df["format"] = fmt.where(fmt != "")
    df["brand"] = brand
    df["platform"] = "linkedin"
    df = _numbers(df, _NOT_NUMBERS)
    df["url"] = link.str.strip().where(link.str.strip() != "")
    by_date = int((~use_id).sum())
    df, labels, merged = _merge_boosted(df, labels)
    attrs = {
        "dayfirst": False,
        "published_at_from": "post id in the link (creation time, UTC)"
        + (f"; {by_date} row(s) from Created date at local midnight" if by_date else ""),
        **dropped,
    }
    if merged:
        attrs["boosted_posts"] = (
            f"{merged} boosted post(s) listed on several rows (Organic, Sponsored per campaign, "
            "Total): one row each with the Total row's counts, paid"
        )
    return df, labels, attrs


_SUMMED = ("impressions", "video_views", "off_site_views", "clicks", "reactions", "comments",
           "shares", "follows")  # fmt: skip
_RATES = ("click_through_rate_ctr", "engagement_rate")
_NOT_NUMBERS = (set(TABLES["posts"].names) - set(_SUMMED)) | _POST_TEXT


def _kinds(values: pd.Series) -> pd.Series:
    """``organic``, ``sponsored`` or ``total`` for each ``Post type`` cell (else missing)."""
    spellings = _spellings()["content"]["kinds"]
    return values.fillna("").astype("str").map(lambda v: spellings.get(norm(v)))


def _merge_boosted(df: pd.DataFrame, labels: list[str]) -> tuple[pd.DataFrame, list[str], int]:
    """One row per post.

    A boosted post is listed once as ``Organic``, once per campaign as ``Sponsored`` and, in
    current exports, once more as ``Total`` (the sum LinkedIn made). The post's row keeps the
    organic row's text and the ``Total`` row's counts and rates (without a ``Total`` row: the
    sum of the rows, rates recomputed from it); ``paid`` is True, the campaign names are joined.
    """
    dup = df["post_id"].duplicated(keep=False).to_numpy()
    if not dup.any():
        return df, labels, 0
    kind = _kinds(df["post_type"]) if "post_type" in df.columns else pd.Series(None, df.index)
    keep = ~df["post_id"].duplicated(keep="first").to_numpy()
    out = df.astype("object")  # sums and rates go where text or whole numbers were
    posts = df.loc[dup, "post_id"].unique()
    for post_id in posts:
        rows = df.index[(df["post_id"] == post_id).to_numpy()]
        first = rows[0]
        group = df.loc[rows]
        totals = group[(kind[rows] == "total").to_numpy()]
        parts = group[(kind[rows] != "total").to_numpy()]
        sponsored = group[(kind[rows] == "sponsored").to_numpy()]
        for column in df.columns:
            values = parts[column].dropna()
            if column in _SUMMED or column in _RATES:
                if len(totals):
                    out.at[first, column] = totals[column].iloc[-1]
                elif column in _SUMMED:
                    numbers, bad = parse_numbers(values)
                    # a cell that is no number is kept as written, for validate to name it
                    total = numbers.sum() if numbers.notna().any() else pd.NA
                    out.at[first, column] = values[bad].iloc[0] if bad.any() else total
            elif column in ("campaign", "post_type"):
                names = list(dict.fromkeys(str(v) for v in values))
                out.at[first, column] = "; ".join(names) if names else pd.NA
            elif column in ("campaign_start_date", "campaign_end_date") and len(values):
                days = _day(values).dropna()  # the first start, the last end
                if len(days):
                    pick = days.idxmin() if column == "campaign_start_date" else days.idxmax()
                    out.at[first, column] = values[pick]
                else:
                    out.at[first, column] = values.iloc[0]
            elif len(values):
                out.at[first, column] = values.iloc[0]
        if "paid" in df.columns:
            out.at[first, "paid"] = True if len(sponsored) else out.at[first, "paid"]
        if not len(totals):
            _recompute_rates(out, first)
        labels[first] = " and ".join(labels[i] for i in rows)
    out = _numbers(out[keep].reset_index(drop=True), _NOT_NUMBERS)
    return out, [lab for lab, k in zip(labels, keep, strict=True) if k], len(posts)


def _recompute_rates(df: pd.DataFrame, row) -> None:
    """CTR and LinkedIn's engagement rate of one row from its (summed) counts."""

    def number(column: str) -> float:
        value = df.at[row, column] if column in df.columns else None
        return float(pd.to_numeric(pd.Series([value], dtype="object"), errors="coerce").iloc[0])

    total = number("impressions")
    if not total > 0:  # also NaN: a missing or unreadable count
        return
    if "click_through_rate_ctr" in df.columns and number("clicks") >= 0:
        df.at[row, "click_through_rate_ctr"] = number("clicks") / total
    if "engagement_rate" in df.columns:
        counts = [number(c) for c in ("clicks", "reactions", "comments", "shares", "follows")]
        df.at[row, "engagement_rate"] = sum(c for c in counts if c == c) / total


CONTENT = ExportFormat(
    "linkedin_content", "LinkedIn Page content", "posts", _detect_content, _read_content
)


# -- content: Metrics -> channel_daily -------------------------------------------------------


def _is_metrics(row: list[str]) -> bool:
    if "date" not in {_field("metrics", c) for c in row}:
        return False
    return len({m[0] for m in map(_metric, row) if m is not None}) >= 2


def _detect_metrics(raw: RawExport) -> Found | None:
    return _find(raw, "metrics", _is_metrics)


def _metric_name(header: str) -> str | None:
    """``date``; a total's channel_daily column (or its field); ``<field>_<part>`` otherwise."""
    if _field("metrics", header) == "date":
        return "date"
    m = _metric(header)
    if m is None:
        return None
    field, part = m
    if part == "total":
        return {**_DAILY, _DAILY_SHARES: "shares"}.get(field, field)
    return f"{field}_{part}"


def _read_metrics(raw: RawExport, found: Found, options: Options):
    df, labels = _frame(found.table, found.header, _metric_name)
    df, labels, attrs = _daily_frame(df, labels, raw, METRICS, options)
    if "impressions" not in df.columns:
        parts = [c for c in ("impressions_organic", "impressions_sponsored") if c in df.columns]
        if parts:
            df["impressions"] = _sum_parts(df, parts, labels, raw.source)
    return df, labels, attrs


METRICS = ExportFormat(
    "linkedin_metrics", "LinkedIn Page content metrics", "channel_daily", _detect_metrics,
    _read_metrics,
)  # fmt: skip


# -- followers: New followers -> channel_daily -----------------------------------------------


def _is_followers(row: list[str]) -> bool:
    fields = {_field("followers", c) for c in row}
    parts = fields & set(_FOLLOWER_PARTS)
    return "date" in fields and (("total" in fields and bool(parts)) or len(parts) >= 2)


def _detect_followers(raw: RawExport) -> Found | None:
    return _find(raw, "followers", _is_followers)


def _follower_name(header: str) -> str | None:
    field = _field("followers", header)
    return {"date": "date", "total": "followers_gained", **_FOLLOWER_PARTS}.get(field)


def _read_followers(raw: RawExport, found: Found, options: Options):
    df, labels = _frame(found.table, found.header, _follower_name)
    df, labels, attrs = _daily_frame(df, labels, raw, FOLLOWERS, options)
    if "followers_gained" not in df.columns:
        parts = [c for c in _FOLLOWER_PARTS.values() if c in df.columns]
        df["followers_gained"] = _sum_parts(df, parts, labels, raw.source)
    attrs["followers_from"] = (
        "new followers per day only: LinkedIn reports no follower count and no unfollows (a "
        "known count in smmnb.yml, followers: {linkedin: {date: ..., count: ...}}, gives the "
        "totals)"
    )
    return df, labels, attrs


FOLLOWERS = ExportFormat(
    "linkedin_followers", "LinkedIn Page followers", "channel_daily", _detect_followers,
    _read_followers,
)  # fmt: skip


# -- visitors: Visitor metrics -> channel_daily ----------------------------------------------


def _is_visitors(row: list[str]) -> bool:
    fields = {_field("visitors", c) for c in row}
    return "date" in fields and bool(fields & {"page_views", "overview_page_views"})


def _detect_visitors(raw: RawExport) -> Found | None:
    return _find(raw, "visitors", _is_visitors)


def _read_visitors(raw: RawExport, found: Found, options: Options):
    df, labels = _frame(
        found.table, found.header, lambda c: "date" if _field("visitors", c) == "date" else None
    )
    # the page views of the whole Page, else of its Overview tab (headers/linkedin.yml)
    fields = {_field("visitors", h): (h.strip(), name) for h, name in zip(
        found.table.rows[found.header], df.columns, strict=False)}  # fmt: skip
    df, labels, attrs = _daily_frame(df, labels, raw, VISITORS, options)
    for field in ("page_views", "overview_page_views"):
        if field in fields:
            header, name = fields[field]
            df["profile_views"] = df[name]
            attrs["profile_views_from"] = header
            break
    return df, labels, attrs


VISITORS = ExportFormat(
    "linkedin_visitors", "LinkedIn Page visitors", "channel_daily", _detect_visitors,
    _read_visitors,
)  # fmt: skip


# -- demographic sheets only: refused --------------------------------------------------------


def _is_demographics(row: list[str]) -> bool:
    cells = [c for c in row if c.strip()]
    return (
        len(cells) == 2
        and _field("demographics", cells[0]) == "category"
        and _field("demographics", cells[1]) == "count"
    )


def _detect_demographics(raw: RawExport) -> Found | None:
    return _find(raw, "demographics", _is_demographics)


def _read_demographics(raw: RawExport, found: Found, options: Options):
    what = found.table.rows[found.header][0].strip() or _("demographics")
    raise ExportNotUsable(
        raw.source,
        "channel_daily",
        [
            Problem(
                _(
                    "this LinkedIn Page export holds only audience demographics ({what}: no "
                    "dates), which fill none of smmnb's tables"
                ).format(what=what),
                hint=_(
                    "download the Followers export (its 'New followers' sheet gives the "
                    "followers gained per day) or the Content export (posts and daily metrics), "
                    "whole, as LinkedIn writes it"
                ),
            )
        ],
    )


DEMOGRAPHICS = ExportFormat(
    "linkedin_demographics", "LinkedIn Page demographics", "channel_daily",
    _detect_demographics, _read_demographics,
)  # fmt: skip
FORMATS: list[ExportFormat] = [METRICS, CONTENT, FOLLOWERS, VISITORS, DEMOGRAPHICS]
"""The formats this module adds to :data:`smmnb.io.exports.FORMATS`."""


def read_followers(
    path: str | os.PathLike,
    *,
    total_followers: int,
    brand: str | None = None,
) -> pd.DataFrame:
    """Read a LinkedIn followers export into ``followers``, given the last day's follower count.

    :func:`smmnb.read_export` reads the file into ``channel_daily`` (followers gained per day);
    this function rebuilds the counts of one file backwards from the count on its last day:
    ``followers[d] = total - sum(gained after d)``. LinkedIn reports no unfollows, so earlier
    counts are lower bounds (true counts are higher by the unfollows since that day).

    Parameters
    ----------
    path : str or path-like
        The ``.xls``/``.xlsx`` file with the ``New followers`` sheet.
    total_followers : int
        The page's follower count on the file's last day (LinkedIn shows it on the page's
        analytics overview).
    brand : str, optional
        The brand; required in practice, since the file does not name the page.

    Returns
    -------
    pandas.DataFrame
        A validated ``followers`` table: ``followers`` rebuilt backwards from the anchor,
        ``gained`` from the file, ``lost`` missing; ``attrs["followers_from"]`` records the
        anchor.

    Raises
    ------
    SchemaError
        If the file is not a LinkedIn followers export, has no brand, or has bad values.
    """
    raw = open_export(path)
    found = FOLLOWERS.detect(raw)
    if found is None:
        raise SchemaError(
            raw.source,
            "followers",
            [Problem("not a LinkedIn followers export (no 'Date', 'Total followers' sheet)")],
        )
    options = FollowerOptions(brand=brand, total_followers=int(total_followers))
    daily, labels, _attrs = FOLLOWERS.read(raw, found, options)
    daily = validate(daily, "channel_daily", source=raw.source, dayfirst=False, row_labels=labels)
    daily = daily.sort_values("date", kind="stable").reset_index(drop=True)
    gained = daily["followers_gained"].astype("Float64").fillna(0)
    after = gained[::-1].cumsum()[::-1] - gained
    extras = [c for c in _FOLLOWER_PARTS.values() if c in daily.columns]
    df = daily[["date", "brand", "platform", *extras]].copy()
    df["followers"] = (int(total_followers) - after).round().astype("Int64")
    df["gained"] = daily["followers_gained"]
    table = validate(df, "followers", source=raw.source, dayfirst=False)
    last = daily["date"].max()
    table.attrs.update(
        {
            "followers_from": (
                f"total_followers={int(total_followers)} on {last:%Y-%m-%d} minus later new "
                "followers (unfollows unknown: earlier counts are lower bounds)"
            ),
            "table": "followers",
            "source": FOLLOWERS.name,
            "file": raw.source,
        }
    )
    return table
