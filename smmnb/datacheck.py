"""What a workspace holds, and what the analyses can do with it.

The functions here back ``00_data_check.ipynb``: the first thing a user runs on their own
files. They only describe data; they never change it.
"""

from __future__ import annotations

import pandas as pd

from smmnb.errors import InsufficientData
from smmnb.narrative import count, listing, money, needs
from smmnb.schema import TABLES
from smmnb.workspace import TIME_COLUMNS, Workspace, local_time

__all__ = [
    "READINESS_RULES",
    "SOURCES",
    "coverage",
    "gaps",
    "inventory",
    "missing_competitors",
    "missing_values",
    "readiness",
    "rows_per_period",
    "settings_in_force",
    "spend_by_currency",
]

_METRIC_KINDS = {"count", "amount", "number"}

# A daily series is checked for gaps per these columns.
_SERIES = {
    "ads": ["brand", "campaign", "platform"],  # a campaign's flight, not the whole year
    "followers": ["brand", "platform"],
    "web_sessions": ["brand"],
    "posts": ["brand", "platform"],
    "mentions": ["brand"],
    "comments": ["brand", "platform"],
    "channel_daily": ["brand", "platform"],
}


def _local_days(ws: Workspace, table: str) -> pd.Series:
    return local_time(ws[table][TIME_COLUMNS[table]], ws.timezone).dt.normalize()


def _level(count: int, enough: int) -> str:
    """Readiness of an analysis: ``ready``, ``limited`` (some of what it needs) or ``missing``."""
    return "ready" if count >= enough else "limited" if count else "missing"


def _names(values: pd.Series) -> str:
    return ", ".join(sorted(values.dropna().astype("str").unique()))


def _only(names: list[str]) -> str:
    """``A only`` or ``A, B and C`` (plain text: tables escape it, sentences escape it)."""
    return listing(names, escape=False) + (" only" if len(names) == 1 else "")


def inventory(ws: Workspace) -> pd.DataFrame:
    """One row per canonical table: what was found.

    Parameters
    ----------
    ws : Workspace

    Returns
    -------
    pandas.DataFrame
        ``table``, ``files`` (names, or "" when absent), ``rows``, ``brands``, ``platforms``,
        ``first`` and ``last`` (local calendar days; for targets the period they cover),
        ``duplicates_dropped``.
    """
    rows = []
    for name in TABLES:
        df = ws[name]
        first = last = pd.NaT
        if name in TIME_COLUMNS and len(df):
            days = _local_days(ws, name)
            first, last = days.min(), days.max()
        elif name == "targets" and len(df):
            first, last = df["period_start"].min(), df["period_end"].max()
        rows.append(
            {
                "table": name,
                "files": ", ".join(f.name for f in ws.files.get(name, [])),
                "rows": len(df),
                "brands": _names(df["brand"]),
                "platforms": _names(df["platform"]) if "platform" in df else "",
                "first": first,
                "last": last,
                "duplicates_dropped": int(df.attrs.get("duplicates_dropped", 0)),
            }
        )
    out = pd.DataFrame(rows)
    out["first"] = pd.to_datetime(out["first"])
    out["last"] = pd.to_datetime(out["last"])
    return out


SOURCES = {
    "parameter": "the notebook's parameter",
    "file": "smmnb.yml",
    "inferred": "inferred from the data",
    "data": "the other brands in the data",
    "exports": "the one currency the ads declare",
    "default": "smmnb's default",
    "none": "not known",
}
"""Where a setting came from, in words (the ``source`` column of :func:`settings_in_force`)."""


def settings_in_force(
    ws: Workspace,
    *,
    brand: str = "",
    timezone: str = "",
    currency: str = "",
) -> pd.DataFrame:
    """The settings a report runs with, and where each came from.

    Arguments win over ``smmnb.yml``, the file over what the data imply, and that over smmnb's
    defaults (see :mod:`smmnb.io.settings`).

    Parameters
    ----------
    ws : Workspace
        The whole folder, as :func:`smmnb.load_workspace` read it (``ws.settings`` holds what
        ``smmnb.yml`` and the arguments said).
    brand, timezone, currency : str
        The notebook's parameters ("" means "from the folder").

    Returns
    -------
    pandas.DataFrame
        ``setting`` (``brand``, ``owner``, ``competitors``, ``timezone``, ``currency``),
        ``value`` (text; "" when there is none) and ``source`` (a key of :data:`SOURCES`).
        ``brand`` is the brand analysed: the parameter, else the owner, else the brand with the
        most rows (source ``inferred``).
    """
    settings = ws.settings
    said = {
        name: getattr(settings, name, None)
        for name in ("owner", "competitors", "timezone", "currency")
    }
    rows = []
    analysed = brand or ws.main_brand() or ""
    if brand:
        rows.append(("brand", brand, "parameter"))
    elif ws.owner:
        rows.append(("brand", analysed, "file" if said["owner"] else "inferred"))
    else:
        rows.append(("brand", analysed, "inferred" if analysed else "none"))
    if said["owner"]:
        rows.append(("owner", said["owner"], "file"))
    elif ws.owner:
        rows.append(("owner", ws.owner, "inferred"))
    else:
        rows.append(("owner", "", "none"))
    rivals = ws.competitors_of(analysed) if analysed else [b for b in ws.brands]
    from_file = ws.competitors is not None and analysed == ws.owner
    rows.append(("competitors", ", ".join(rivals), "file" if from_file else "data"))
    rows.append(
        (
            "timezone",
            ws.timezone,
            "parameter" if timezone else "file" if said["timezone"] else "default",
        )
    )
    declared = (
        ws.ads["currency"].dropna().astype("str").unique().tolist()
        if "currency" in ws.ads.columns
        else []
    )
    if currency:
        source = "parameter"
    elif said["currency"]:
        source = "file"
    elif declared == [ws.currency] and not ws.money_notes:  # no conversion: one currency
        source = "exports"
    else:
        source = "default"
    rows.append(("currency", ws.currency, source))
    return pd.DataFrame(rows, columns=["setting", "value", "source"])


def missing_competitors(ws: Workspace, brand: str) -> list[str]:
    """Competitors named in ``smmnb.yml`` that have no row in the data."""
    present = set(ws.brands)
    return [b for b in ws.competitors_of(brand) if b not in present]


def gaps(ws: Workspace, *, min_gap: int = 1) -> pd.DataFrame:
    """Days without rows inside each daily series' own first-to-last range.

    Ads, followers, web sessions and account-level daily series (channel_daily) should have a
    row every day; posts, comments and mentions may legitimately skip days, but a long run of
    empty days there usually means an export was missed.

    Parameters
    ----------
    ws : Workspace
    min_gap : int
        Report series whose longest run of empty days is at least this long.

    Returns
    -------
    pandas.DataFrame
        ``table``, ``series`` (brand / platform), ``first``, ``last``, ``days`` (in range),
        ``empty_days``, ``longest_gap`` (consecutive empty days), ``gap_starts`` (first day
        of the longest gap); sorted by longest gap, then table.
    """
    if min_gap < 1:
        raise ValueError(f"min_gap must be >= 1, got {min_gap}")
    rows = []
    for table, by in _SERIES.items():
        df = ws[table]
        if df.empty:
            continue
        # One row per (series, day present), vectorized: a series' empty days are the
        # differences between consecutive present days, less one.
        keys = df[by[0]].astype("str")
        for col in by[1:]:
            keys = keys + " / " + df[col].astype("str")
        present = (
            pd.DataFrame({"key": keys.to_numpy(), "day": _local_days(ws, table).to_numpy()})
            .dropna()
            .drop_duplicates()
            .sort_values(["key", "day"], kind="stable")
        )
        same = present["key"].eq(present["key"].shift())
        gap = (present["day"].diff().dt.days - 1).where(same, 0).astype("int64")
        present = present.assign(gap=gap.to_numpy(), prev=present["day"].shift().to_numpy())
        by_key = present.groupby("key", sort=True)
        stats = by_key["day"].agg(["min", "max", "size"])
        widest = present.loc[by_key["gap"].idxmax()].set_index("key")
        for key, first, last, n in stats.itertuples():
            days = (last - first).days + 1
            longest = int(widest.at[key, "gap"])
            rows.append(
                {
                    "table": table,
                    "series": key,
                    "first": first,
                    "last": last,
                    "days": days,
                    "empty_days": days - n,
                    "longest_gap": longest,
                    "gap_starts": widest.at[key, "prev"] + pd.Timedelta(days=1)
                    if longest
                    else pd.NaT,
                }
            )
    out = pd.DataFrame(
        rows,
        columns=[
            "table",
            "series",
            "first",
            "last",
            "days",
            "empty_days",
            "longest_gap",
            "gap_starts",
        ],
    )
    out = out[out["longest_gap"] >= min_gap]
    return out.sort_values(["longest_gap", "table"], ascending=[False, True]).reset_index(drop=True)


def missing_values(ws: Workspace) -> pd.DataFrame:
    """Share of missing values per column, for columns that have any.

    A missing optional metric is expected where a platform does not report it (Facebook
    has no saves); the ``by_platform`` column says which platforms miss it. A metric of
    ``channel_daily`` that no row reports is left out: each account-level export carries some
    of them only.

    Returns
    -------
    pandas.DataFrame
        ``table``, ``column``, ``kind`` (``metric`` for counts and amounts, ``label`` for
        text and categories, where empty often means "none", such as a post outside any
        campaign), ``missing`` (count), ``share`` (of the table's rows), ``by_platform``
        (platforms where every row misses it), ``other_missing`` (missing on the other
        platforms); sorted by table order and share.
    """
    rows = []
    for name, spec in TABLES.items():
        df = ws[name]
        if df.empty:
            continue
        for col in spec.columns:
            missing = df[col.name].isna()
            if not missing.any() or (name == "channel_daily" and missing.all()):
                continue  # a metric no account-level export carries is not missing
            absent_on: list[str] = []
            other = missing
            if "platform" in df.columns and col.name != "platform":
                platform = df["platform"].astype("str")
                share_by = missing.groupby(platform).mean()
                absent_on = list(share_by.index[share_by == 1.0])
                other = missing & ~platform.isin(absent_on)
            rows.append(
                {
                    "table": name,
                    "column": col.name,
                    "kind": "metric" if col.kind in _METRIC_KINDS else "label",
                    "missing": int(missing.sum()),
                    "share": float(missing.mean()),
                    "by_platform": ", ".join(absent_on),
                    "other_missing": int(other.sum()),
                }
            )
    out = pd.DataFrame(
        rows,
        columns=["table", "column", "kind", "missing", "share", "by_platform", "other_missing"],
    )
    order = {name: i for i, name in enumerate(TABLES)}
    out["_order"] = out["table"].map(order)
    out = out.sort_values(["_order", "share"], ascending=[True, False], kind="stable")
    return out.drop(columns="_order").reset_index(drop=True)


def _distinct_days(ws: Workspace, table: str) -> int:
    return int(_local_days(ws, table).nunique()) if len(ws[table]) else 0


READINESS_RULES = {
    "Customer sentiment and themes": "comments or mentions of the brand with text",
    "Response times": "comments with brand replies (author_is_brand, parent_id)",
    "Campaign KPIs": "ads with spend, impressions and clicks",
    "KPIs against targets": "targets, and the tables their KPIs come from",
    "A/B creative tests": "ads with two or more ads in a campaign",
    "Paid vs organic": "posts and ads on the same platform",
    "Influencers": "influencers with fee and engagements",
    "Web traffic from social": "web sessions with source and medium",
    "Share of voice": "mentions of two or more brands",
    "Mention spikes": "at least 28 days of mentions of the brand",
    "Best time to post": "at least 100 posts with reach and a time of day",
    "Formats": "posts with a format and reach",
    "Audience growth": (
        "at least 30 days of followers (daily followers gained and lost give net gains only)"
    ),
    "Channel overview": "account-level daily views, impressions or reach (channel_daily)",
    "Content calendar": "calendar items",
}
"""What each analysis needs, in words; :func:`readiness` checks it."""


def _own(ws: Workspace, brand: str | None) -> Workspace:
    """``ws`` narrowed to ``brand``, without raising when the brand has no rows there.

    Mentions keep every brand; the brand's other tables are then empty.
    """
    if not brand or ws.brand == brand:
        return ws
    if brand in ws.brands:
        return ws.filter(brand=brand)
    tables = {
        name: df if name == "mentions" else df.iloc[:0] for name, df in ws.tables.items()
    }  # fmt: skip
    return Workspace(tables, timezone=ws.timezone, currency=ws.currency, brand=brand)


def _times_known(posts: pd.DataFrame, timezone: str) -> bool:
    """Whether any post carries a time of day (dates without times are read as local midnight)."""
    local = local_time(posts["published_at"].dropna(), timezone)
    return bool((local != local.dt.normalize()).any())


def spend_by_currency(ads: pd.DataFrame, currency: str) -> pd.Series:
    """Total spend per currency (rows without a ``currency`` are in ``currency``), largest first.

    Amounts in different currencies are never added together.
    """
    if ads.empty:
        return pd.Series(dtype="float64")
    codes = (
        ads["currency"].astype("str").where(ads["currency"].notna(), currency)
        if "currency" in ads.columns
        else pd.Series(currency, index=ads.index)
    )
    spend = ads["spend"].astype("float64").groupby(codes.to_numpy()).sum()
    return spend.sort_values(ascending=False, kind="stable")


def readiness(
    ws: Workspace,
    brand: str | None = None,
    *,
    history: Workspace | None = None,
    plans: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Say, per analysis, whether the data can support it.

    Parameters
    ----------
    ws : Workspace
        The data of the period analysed (with the platform filter in force, if any).
    brand : str, optional
        The brand analysed; default ``ws.brand``. Competitor rows do not count towards its
        own-channel analyses, and only its own mentions count for sentiment and spikes (share
        of voice counts every brand's).
    history : Workspace, optional
        The same brand and filter over every day up to the period's end, for the analyses
        that learn from the past (mention spikes, best time to post, audience growth); default
        ``ws``.
    plans : pandas.DataFrame, optional
        The brand's calendar over every date (plans run past the period); default the
        calendar of ``ws``.

    Returns
    -------
    pandas.DataFrame
        ``analysis``, ``status`` (``ready``, ``limited`` or ``missing``), ``needs`` (from
        :data:`READINESS_RULES`) and ``detail`` (what was found, in words, counts without
        decimals and money per currency).
    """
    brand = brand or ws.brand
    own = _own(ws, brand)
    past = _own(history, brand) if history is not None else own
    who = f" of {brand}" if brand else ""
    out = []

    def add(analysis: str, status: str, detail: str) -> None:
        out.append((analysis, status, READINESS_RULES[analysis], detail))

    def mentions_of(w: Workspace) -> pd.DataFrame:
        m = w.mentions
        return m[m["brand"] == brand] if brand else m

    comments, posts, ads = own.comments, own.posts, own.ads
    mentions = mentions_of(own)
    n_text = int(comments["text"].notna().sum() + mentions["text"].notna().sum())
    add(
        "Customer sentiment and themes",
        _level(n_text, 200),
        f"{count(len(comments), 'comment')} and {count(len(mentions), 'mention')}{who}"
        if len(comments) or len(mentions)
        else f"no comments or mentions{who}",
    )
    replies = int(
        (
            comments["author_is_brand"].fillna(False).astype(bool) & comments["parent_id"].notna()
        ).sum()
    )
    add(
        "Response times",
        _level(replies, 20),
        f"{count(replies, 'brand reply', 'brand replies')} among {count(len(comments), 'comment')}"
        if len(comments)
        else f"no comments{who}",
    )
    if len(ads):
        has_clicks = int(ads["clicks"].notna().sum())
        spent = spend_by_currency(ads, ws.currency)
        amounts = listing([money(v, c) for c, v in spent.items()], escape=False)
        add(
            "Campaign KPIs",
            "ready" if has_clicks == len(ads) else "limited",
            f"{count(len(ads), 'ad-day')} in {count(ads['campaign'].nunique(), 'campaign')}, "
            f"{amounts} spent",
        )
    else:
        add("Campaign KPIs", "missing", f"no ads{who}")
    targets = own.targets
    add(
        "KPIs against targets",
        _level(len(targets), 1),
        f"{count(len(targets), 'target')} "
        f"({listing(sorted(targets['kpi'].astype('str').unique()), escape=False)})"
        if len(targets)
        else f"no targets{who}",
    )
    ads_per_campaign = ads.groupby("campaign", observed=True)["ad"].nunique()
    testable = int((ads_per_campaign >= 2).sum())
    add(
        "A/B creative tests",
        "ready" if testable else "missing",
        f"{count(testable, 'campaign')} with two or more ads" if len(ads) else f"no ads{who}",
    )
    shared = sorted(
        set(posts["platform"].dropna().astype("str")) & set(ads["platform"].dropna().astype("str"))
    )
    add(
        "Paid vs organic",
        "ready" if shared else "missing",
        f"both on {listing(shared, escape=False)}"
        if shared
        else "no platform has both posts and ads",
    )
    infl = own.influencers
    complete = int((infl["fee"].notna() & infl["engagements"].notna()).sum())
    add(
        "Influencers",
        "ready" if complete and complete == len(infl) else "limited" if len(infl) else "missing",
        f"{count(len(infl), 'influencer partnership')}, {count(complete, 'partnership')} with fee "
        "and engagements"
        if len(infl)
        else f"no influencers{who}",
    )
    web = own.web_sessions
    add(
        "Web traffic from social",
        _level(len(web), 1),
        count(web["sessions"].sum(), "session") if len(web) else f"no web sessions{who}",
    )
    in_mentions = own.mentions["brand"].dropna().astype("str")
    n_brands = in_mentions.nunique()
    add(
        "Share of voice",
        _level(n_brands, 2),
        f"mentions of {_only(sorted(in_mentions.unique()))}" if n_brands else "no mentions",
    )
    days = int(local_time(mentions_of(past)["created_at"], ws.timezone).dt.normalize().nunique())
    add(
        "Mention spikes",
        _level(days, 28),
        f"{count(days, 'day')} with mentions{who}" if days else f"no mentions{who}",
    )
    reach = past.posts[past.posts["reach"].notna()]
    timed = _times_known(reach, ws.timezone)
    if reach.empty:
        detail = (
            f"{count(len(past.posts), 'post')}, none with reach"
            if len(past.posts)
            else f"no posts{who}"
        )
    else:
        detail = f"{count(len(reach), 'post')} with reach" + (
            "" if timed else ", dated without a time of day"
        )
    add("Best time to post", _level(len(reach), 100) if timed else "missing", detail)
    with_reach = posts.loc[posts["reach"].notna(), "format"]
    formats = with_reach.nunique()
    add(
        "Formats",
        _level(formats, 2),
        f"{count(formats, 'format')} among {count(len(with_reach), 'post')} with reach"
        if formats
        else f"{count(len(posts), 'post')}, none with reach and a format"
        if len(posts)
        else f"no posts{who}",
    )
    follower_days = _distinct_days(past, "followers")
    counted = set(past.followers["platform"].dropna().astype("str"))
    gains = past.channel_daily
    gains = gains[gains["followers_gained"].notna() | gains["followers_lost"].notna()]
    gains_only = sorted(set(gains["platform"].dropna().astype("str")) - counted)
    status = _level(follower_days, 30)
    detail = (
        f"{count(follower_days, 'day')} of follower counts"
        if follower_days
        else f"no follower counts{who}"
    )
    if gains_only:
        status = "ready" if status == "ready" else "limited"
        days = int(gains.loc[gains["platform"].astype("str").isin(gains_only), "date"].nunique())
        detail += (
            f"; {count(days, 'day')} of followers gained on {listing(gains_only, escape=False)} "
            "without a count (net gains only)"
        )
    add("Audience growth", status, detail)
    daily = own.channel_daily
    seen = daily[["views", "impressions", "reach"]].notna().any(axis=1)
    daily = daily[seen]
    n_days = int(daily["date"].nunique())
    add(
        "Channel overview",
        _level(n_days, 7),
        f"{count(n_days, 'day')} of account-level views, impressions or reach on "
        f"{listing(sorted(daily['platform'].dropna().astype('str').unique()), escape=False)}"
        if n_days
        else f"no account-level daily views, impressions or reach{who}",
    )
    cal = plans if plans is not None else own.calendar
    if brand and len(cal):
        cal = cal[cal["brand"] == brand]
    add(
        "Content calendar",
        _level(len(cal), 1),
        count(len(cal), "planned item") if len(cal) else f"no calendar items{who}",
    )
    return pd.DataFrame(out, columns=["analysis", "status", "needs", "detail"])


def coverage(ws: Workspace, freq: str = "W") -> pd.DataFrame:
    """:func:`rows_per_period` of the observed tables, for the coverage chart.

    Raises
    ------
    InsufficientData
        When no table has dated rows.
    """
    out = rows_per_period(ws, freq)
    if out.empty:
        raise InsufficientData(needs("The coverage chart", "dated rows", "this folder has none"))
    return out


def rows_per_period(ws: Workspace, freq: str = "W", *, include_plans: bool = False) -> pd.DataFrame:
    """Rows per table and period, for a coverage chart.

    Parameters
    ----------
    ws : Workspace
    freq : str
        Pandas period alias; ``"W"`` is weeks starting on Monday.
    include_plans : bool
        Also count the content calendar, whose plans may run past the observed data.

    Returns
    -------
    pandas.DataFrame
        Wide: one row per period start (local calendar day), one column per dated table that
        has rows; 0 where a table has no rows in a period.
    """
    if freq == "W":
        freq = "W-SUN"
    counts = {}
    for name in TIME_COLUMNS:
        if ws[name].empty or (name == "calendar" and not include_plans):
            continue
        days = _local_days(ws, name)
        counts[name] = days.dt.to_period(freq).dt.start_time.value_counts()
    out = pd.DataFrame(counts).fillna(0).astype("int64").sort_index()
    if len(out):
        full = pd.period_range(out.index.min(), out.index.max(), freq=freq).start_time
        out = out.reindex(full, fill_value=0)
    out.index.name = "period"
    return out
