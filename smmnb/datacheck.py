"""What a workspace holds, and what the analyses can do with it.

The functions here back ``00_data_check.ipynb``: the first thing a user runs on their own
files. They only describe data; they never change it.
"""

from __future__ import annotations

import pandas as pd

from smmnb.schema import TABLES
from smmnb.workspace import TIME_COLUMNS, Workspace, local_time

__all__ = [
    "READINESS_RULES",
    "gaps",
    "inventory",
    "missing_values",
    "readiness",
    "rows_per_period",
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
}


def _local_days(ws: Workspace, table: str) -> pd.Series:
    return local_time(ws[table][TIME_COLUMNS[table]], ws.timezone).dt.normalize()


def _level(count: int, enough: int) -> str:
    """Readiness of an analysis: ``ready``, ``limited`` (some of what it needs) or ``missing``."""
    return "ready" if count >= enough else "limited" if count else "missing"


def _names(values: pd.Series) -> str:
    return ", ".join(sorted(values.dropna().astype("str").unique()))


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


def gaps(ws: Workspace, *, min_gap: int = 1) -> pd.DataFrame:
    """Days without rows inside each daily series' own first-to-last range.

    Ads, followers and web sessions should have a row every day; posts, comments and
    mentions may legitimately skip days, but a long run of empty days there usually means
    an export was missed.

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
    has no saves); the ``by_platform`` column says which platforms miss it.

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
            if not missing.any():
                continue
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
    "Customer sentiment and themes": "comments or mentions with text",
    "Response times": "comments with brand replies (author_is_brand, parent_id)",
    "Campaign KPIs": "ads with spend, impressions and clicks",
    "KPIs against targets": "targets, and the tables their KPIs come from",
    "A/B creative tests": "ads with two or more ads in a campaign",
    "Paid vs organic": "posts and ads on the same platform",
    "Influencers": "influencers with fee and engagements",
    "Web traffic from social": "web sessions with source and medium",
    "Share of voice": "mentions of two or more brands",
    "Mention spikes": "at least 28 days of mentions",
    "Best time to post": "at least 100 posts with reach",
    "Formats": "posts with a format and reach",
    "Audience growth": "at least 30 days of followers",
    "Content calendar": "calendar items",
}
"""What each analysis needs, in words; :func:`readiness` checks it."""


def readiness(ws: Workspace, brand: str | None = None) -> pd.DataFrame:
    """Say, per analysis, whether the data can support it.

    Parameters
    ----------
    ws : Workspace
    brand : str, optional
        The brand analysed; default ``ws.brand``. Competitor rows do not count towards its
        own-channel analyses.

    Returns
    -------
    pandas.DataFrame
        ``analysis``, ``status`` (``ready``, ``limited`` or ``missing``), ``needs`` (from
        :data:`READINESS_RULES`) and ``detail`` (what was found, with numbers).
    """
    brand = brand or ws.brand
    own = ws.filter(brand=brand) if brand else ws
    out = []

    def add(analysis: str, status: str, detail: str) -> None:
        out.append((analysis, status, READINESS_RULES[analysis], detail))

    comments, mentions, posts, ads = own.comments, ws.mentions, own.posts, own.ads
    n_text = int(comments["text"].notna().sum() + mentions["text"].notna().sum())
    add(
        "Customer sentiment and themes",
        _level(n_text, 200),
        f"{len(comments):,} comments, {len(mentions):,} mentions",
    )
    replies = comments["author_is_brand"].fillna(False).astype(bool) & comments["parent_id"].notna()
    add(
        "Response times",
        _level(int(replies.sum()), 20),
        f"{int(replies.sum()):,} brand replies",
    )
    has_clicks = int(ads["clicks"].notna().sum())
    add(
        "Campaign KPIs",
        "ready" if len(ads) and has_clicks == len(ads) else "limited" if len(ads) else "missing",
        f"{len(ads):,} ad-days in {ads['campaign'].nunique()} campaigns, "
        f"{ads['spend'].sum():,.0f} {ws.currency} spent",
    )
    targets = own.targets
    add(
        "KPIs against targets",
        _level(len(targets), 1),
        f"{len(targets)} targets ({', '.join(sorted(targets['kpi'].astype('str').unique()))})"
        if len(targets)
        else "no targets file",
    )
    ads_per_campaign = ads.groupby("campaign", observed=True)["ad"].nunique()
    testable = int((ads_per_campaign >= 2).sum())
    add(
        "A/B creative tests",
        "ready" if testable else "missing",
        f"{testable} campaigns with two or more ads",
    )
    shared = sorted(
        set(posts["platform"].dropna().astype("str")) & set(ads["platform"].dropna().astype("str"))
    )
    add(
        "Paid vs organic",
        "ready" if shared else "missing",
        f"both on {', '.join(shared)}" if shared else "no platform has both posts and ads",
    )
    infl = own.influencers
    complete = int((infl["fee"].notna() & infl["engagements"].notna()).sum())
    add(
        "Influencers",
        "ready" if complete and complete == len(infl) else "limited" if len(infl) else "missing",
        f"{len(infl)} influencer partnerships, {complete} with fee and engagements",
    )
    web = own.web_sessions
    add(
        "Web traffic from social",
        _level(len(web), 1),
        f"{int(web['sessions'].sum()):,} sessions" if len(web) else "no web_sessions file",
    )
    n_brands = mentions["brand"].nunique()
    add(
        "Share of voice",
        _level(n_brands, 2),
        f"{n_brands} brands in mentions",
    )
    days = _distinct_days(ws, "mentions")
    add(
        "Mention spikes",
        _level(days, 28),
        f"{days} days of mentions",
    )
    with_reach = int(posts["reach"].notna().sum())
    add(
        "Best time to post",
        _level(with_reach, 100),
        f"{with_reach:,} posts with reach",
    )
    formats = posts.loc[posts["reach"].notna(), "format"].nunique()
    add(
        "Formats",
        _level(formats, 2),
        f"{formats} formats",
    )
    follower_days = _distinct_days(own, "followers")
    add(
        "Audience growth",
        _level(follower_days, 30),
        f"{follower_days} days of follower counts",
    )
    cal = own.calendar
    add(
        "Content calendar",
        _level(len(cal), 1),
        f"{len(cal):,} planned items" if len(cal) else "no calendar file",
    )
    return pd.DataFrame(out, columns=["analysis", "status", "needs", "detail"])


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
