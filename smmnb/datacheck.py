"""What a workspace holds, and what the analyses can do with it.

The functions here back ``00_data_check.ipynb``: the first thing a user runs on their own
files. They only describe data; they never change it.
"""

from __future__ import annotations

import pandas as pd

from smmnb.errors import InsufficientData
from smmnb.i18n import N_, _
from smmnb.names import label
from smmnb.narrative import count, listing, money, needs, platform_name
from smmnb.narrative import platforms as platform_list
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
    "parameter": N_("the notebook's parameter"),
    "file": "smmnb.yml",
    "inferred": N_("inferred from the data"),
    "data": N_("the other brands in the data"),
    "exports": N_("the one currency the ads declare"),
    "default": N_("smmnb's default"),
    "none": N_("not known"),
}
"""Where a setting came from, in words (the ``source`` column of :func:`settings_in_force`);
English msgids, to translate with ``_`` where shown."""


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
        ``table``, ``series`` (brand / platform, the platform as its owner writes it:
        ``Lumi / YouTube``), ``first``, ``last``, ``days`` (in range), ``empty_days``,
        ``longest_gap`` (consecutive empty days), ``gap_starts`` (first day of the longest
        gap); sorted by longest gap, then table.
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
        shown = keys  # the same series as a reader writes it: platforms as their owners do
        for col in by[1:]:
            keys = keys + " / " + df[col].astype("str")
            part = df[col].astype("str")
            shown = shown + " / " + (part.map(platform_name) if col == "platform" else part)
        names = dict(zip(keys.to_numpy(), shown.to_numpy(), strict=True))
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
                    "series": names[key],
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
    N_("Customer sentiment and themes"): N_("comments or mentions of the brand with text"),
    N_("Response times"): N_("comments with brand replies (author_is_brand, parent_id)"),
    N_("Campaign KPIs"): N_("ads with spend, impressions and clicks"),
    N_("KPIs against targets"): N_("targets, and the tables their KPIs come from"),
    N_("A/B creative tests"): N_("ads with two or more ads in a campaign"),
    N_("Paid vs organic"): N_("posts and ads on the same platform"),
    N_("Influencers"): N_("influencers with fee and engagements"),
    N_("Web traffic from social"): N_("web sessions with source and medium"),
    N_("Share of voice"): N_("mentions of two or more brands"),
    N_("Mention spikes"): N_("at least 28 days of mentions of the brand"),
    N_("Best time to post"): N_("at least 100 posts with reach and a time of day"),
    N_("Formats"): N_("posts with a format and reach"),
    N_("Audience growth"): N_(
        "at least 30 days of followers (daily followers gained and lost give net gains only)"
    ),
    N_("Channel overview"): N_("account-level daily views, impressions or reach (channel_daily)"),
    N_("Content calendar"): N_("calendar items"),
}
"""What each analysis needs, in words (English msgids; :func:`readiness` shows them in the
report language); :func:`readiness` checks it."""


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
    out = []

    def add(analysis: str, status: str, detail: str) -> None:
        out.append((_(analysis), status, _(READINESS_RULES[analysis]), detail))

    def nothing(of_brand: str, without: str, **fields) -> str:
        """What was found (or is missing), said of the brand when there is one."""
        return (of_brand if brand else without).format(brand=brand, **fields)

    def mentions_of(w: Workspace) -> pd.DataFrame:
        m = w.mentions
        return m[m["brand"] == brand] if brand else m

    def names(codes) -> str:
        return platform_list(codes, escape=False)

    comments, posts, ads = own.comments, own.posts, own.ads
    mentions = mentions_of(own)
    n_text = int(comments["text"].notna().sum() + mentions["text"].notna().sum())
    said = {
        "comments": count(len(comments), "comment"),
        "mentions": count(len(mentions), "mention"),
    }
    add(
        "Customer sentiment and themes",
        _level(n_text, 200),
        nothing(_("{comments} and {mentions} of {brand}"), _("{comments} and {mentions}"), **said)
        if len(comments) or len(mentions)
        else nothing(_("no comments or mentions of {brand}"), _("no comments or mentions")),
    )
    replies = int(
        (
            comments["author_is_brand"].fillna(False).astype(bool) & comments["parent_id"].notna()
        ).sum()
    )
    add(
        "Response times",
        _level(replies, 20),
        _("{replies} among {comments}").format(
            replies=count(replies, "brand reply", "brand replies"), comments=said["comments"]
        )
        if len(comments)
        else nothing(_("no comments of {brand}"), _("no comments")),
    )
    no_ads = nothing(_("no ads of {brand}"), _("no ads"))
    if len(ads):
        has_clicks = int(ads["clicks"].notna().sum())
        spent = spend_by_currency(ads, ws.currency)
        amounts = listing([money(v, c) for c, v in spent.items()], escape=False)
        add(
            "Campaign KPIs",
            "ready" if has_clicks == len(ads) else "limited",
            _("{ad_days} in {campaigns}, {amounts} spent").format(
                ad_days=count(len(ads), "ad-day"),
                campaigns=count(ads["campaign"].nunique(), "campaign"),
                amounts=amounts,
            ),
        )
    else:
        add("Campaign KPIs", "missing", no_ads)
    targets = own.targets
    add(
        "KPIs against targets",
        _level(len(targets), 1),
        _("{targets} ({kpis})").format(
            targets=count(len(targets), "target"),
            kpis=listing(
                sorted({label(k) for k in targets["kpi"].astype("str").unique()}), escape=False
            ),
        )
        if len(targets)
        else nothing(_("no targets of {brand}"), _("no targets")),
    )
    ads_per_campaign = ads.groupby("campaign", observed=True)["ad"].nunique()
    testable = int((ads_per_campaign >= 2).sum())
    add(
        "A/B creative tests",
        "ready" if testable else "missing",
        _("{campaigns} with two or more ads").format(campaigns=count(testable, "campaign"))
        if len(ads)
        else no_ads,
    )
    shared = sorted(
        set(posts["platform"].dropna().astype("str")) & set(ads["platform"].dropna().astype("str"))
    )
    add(
        "Paid vs organic",
        "ready" if shared else "missing",
        _("both on {platforms}").format(platforms=names(shared))
        if shared
        else _("no platform has both posts and ads"),
    )
    infl = own.influencers
    complete = int((infl["fee"].notna() & infl["engagements"].notna()).sum())
    add(
        "Influencers",
        "ready" if complete and complete == len(infl) else "limited" if len(infl) else "missing",
        _("{partnerships}, {complete} with fee and engagements").format(
            partnerships=count(len(infl), "influencer partnership"),
            complete=count(complete, "partnership"),
        )
        if len(infl)
        else nothing(_("no influencers of {brand}"), _("no influencers")),
    )
    web = own.web_sessions
    add(
        "Web traffic from social",
        _level(len(web), 1),
        count(web["sessions"].sum(), "session")
        if len(web)
        else nothing(_("no web sessions of {brand}"), _("no web sessions")),
    )
    in_mentions = own.mentions["brand"].dropna().astype("str")
    n_brands = in_mentions.nunique()
    voiced = sorted(in_mentions.unique())
    add(
        "Share of voice",
        _level(n_brands, 2),
        _("mentions of {brand} only").format(brand=voiced[0])
        if n_brands == 1
        else _("mentions of {brands}").format(brands=listing(voiced, escape=False))
        if n_brands
        else _("no mentions"),
    )
    days = int(local_time(mentions_of(past)["created_at"], ws.timezone).dt.normalize().nunique())
    add(
        "Mention spikes",
        _level(days, 28),
        nothing(
            _("{days} with mentions of {brand}"), _("{days} with mentions"), days=count(days, "day")
        )
        if days
        else nothing(_("no mentions of {brand}"), _("no mentions")),
    )
    no_posts = nothing(_("no posts of {brand}"), _("no posts"))
    reach = past.posts[past.posts["reach"].notna()]
    timed = _times_known(reach, ws.timezone)
    if reach.empty:
        detail = (
            _("{posts}, none with reach").format(posts=count(len(past.posts), "post"))
            if len(past.posts)
            else no_posts
        )
    else:
        detail = (
            _("{posts} with reach")
            if timed
            else _("{posts} with reach, dated without a time of day")
        ).format(posts=count(len(reach), "post"))
    add("Best time to post", _level(len(reach), 100) if timed else "missing", detail)
    with_reach = posts.loc[posts["reach"].notna(), "format"]
    formats = with_reach.nunique()
    add(
        "Formats",
        _level(formats, 2),
        _("{formats} among {posts} with reach").format(
            formats=count(formats, "format"), posts=count(len(with_reach), "post")
        )
        if formats
        else _("{posts}, none with reach and a format").format(posts=count(len(posts), "post"))
        if len(posts)
        else no_posts,
    )
    follower_days = _distinct_days(past, "followers")
    counted = set(past.followers["platform"].dropna().astype("str"))
    gains = past.channel_daily
    gains = gains[gains["followers_gained"].notna() | gains["followers_lost"].notna()]
    gains_only = sorted(set(gains["platform"].dropna().astype("str")) - counted)
    status = _level(follower_days, 30)
    detail = (
        _("{days} of follower counts").format(days=count(follower_days, "day"))
        if follower_days
        else nothing(_("no follower counts of {brand}"), _("no follower counts"))
    )
    if gains_only:
        status = "ready" if status == "ready" else "limited"
        days = int(gains.loc[gains["platform"].astype("str").isin(gains_only), "date"].nunique())
        detail += _(
            "; {days} of followers gained on {platforms} without a count (net gains only)"
        ).format(days=count(days, "day"), platforms=names(gains_only))
    add("Audience growth", status, detail)
    daily = own.channel_daily
    seen = daily[["views", "impressions", "reach"]].notna().any(axis=1)
    daily = daily[seen]
    n_days = int(daily["date"].nunique())
    add(
        "Channel overview",
        _level(n_days, 7),
        _("{days} of account-level views, impressions or reach on {platforms}").format(
            days=count(n_days, "day"),
            platforms=names(sorted(daily["platform"].dropna().astype("str").unique())),
        )
        if n_days
        else nothing(
            _("no account-level daily views, impressions or reach of {brand}"),
            _("no account-level daily views, impressions or reach"),
        ),
    )
    cal = plans if plans is not None else own.calendar
    if brand and len(cal):
        cal = cal[cal["brand"] == brand]
    add(
        "Content calendar",
        _level(len(cal), 1),
        count(len(cal), "planned item")
        if len(cal)
        else nothing(_("no calendar items of {brand}"), _("no calendar items")),
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
        raise InsufficientData(
            needs(_("The coverage chart"), _("dated rows"), _("this folder has none"))
        )
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
