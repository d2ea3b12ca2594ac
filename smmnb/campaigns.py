"""Campaign performance: where web traffic comes from (GA4's default channel groups).

``channel_group`` follows the order and rules of GA4's default channel group as Google
publishes them: the first rule that matches wins. Google's full source lists are long; the
lists here hold the sources a Vietnamese brand sees (Facebook, Zalo, TikTok, Cốc Cốc, Shopee,
Lazada, Tiki...) and the big international ones. A source that is on none of them falls
through to the medium-based rules, as in GA4.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = [
    "CHANNEL_GROUPS",
    "SOCIAL_GROUPS",
    "LiftResult",
    "budget_pacing",
    "channel_group",
    "creative_rates",
    "creative_tests",
    "influencers",
    "lift",
    "paid_vs_organic",
    "scorecard",
    "web_from_social",
]

CHANNEL_GROUPS = (
    "Direct",
    "Cross-network",
    "Paid Shopping",
    "Paid Search",
    "Paid Social",
    "Paid Video",
    "Display",
    "Paid Other",
    "Organic Shopping",
    "Organic Social",
    "Organic Video",
    "Organic Search",
    "Email",
    "Affiliates",
    "Referral",
    "Audio",
    "SMS",
    "Mobile Push Notifications",
    "Unassigned",
)
"""GA4's default channel groups, in the order their rules are evaluated."""

_SOCIAL = {
    "facebook", "facebook.com", "fb", "m.facebook.com", "l.facebook.com", "lm.facebook.com",
    "web.facebook.com", "business.facebook.com", "instagram", "instagram.com", "ig",
    "l.instagram.com", "tiktok", "tiktok.com", "zalo", "zalo.me", "chat.zalo.me", "linkedin",
    "linkedin.com", "lnkd.in", "t.co", "twitter", "twitter.com", "x.com", "threads",
    "threads.net", "pinterest", "pinterest.com", "reddit", "reddit.com", "messenger",
    "messenger.com", "whatsapp", "whatsapp.com", "snapchat", "telegram", "discord", "quora",
    "badoo", "line", "wechat", "weibo", "vk.com", "tumblr",
}  # fmt: skip
_SEARCH = {
    "google", "google.com", "google.com.vn", "bing", "bing.com", "yahoo", "yahoo.com",
    "duckduckgo", "duckduckgo.com", "baidu", "baidu.com", "coccoc", "coccoc.com", "yandex",
    "yandex.ru", "naver", "naver.com", "ecosia.org", "search.brave.com", "qwant", "so.com",
}  # fmt: skip
_VIDEO = {
    "youtube", "youtube.com", "m.youtube.com", "youtu.be", "vimeo", "vimeo.com",
    "dailymotion", "dailymotion.com", "twitch", "twitch.tv", "netflix", "disneyplus",
}  # fmt: skip
_SHOPPING = {
    "shopee", "shopee.vn", "lazada", "lazada.vn", "tiki", "tiki.vn", "sendo", "sendo.vn",
    "amazon", "amazon.com", "ebay", "ebay.com", "shopify", "shopify.com", "etsy", "etsy.com",
    "walmart", "walmart.com", "aliexpress", "taobao", "google shopping", "shopping.google.com",
}  # fmt: skip
_EMAIL = {"email", "e-mail", "e_mail", "e mail"}
_SOCIAL_MEDIUMS = {"social", "social-network", "social-media", "sm", "social network",
                   "social media"}  # fmt: skip
_PAID = r"^(.*cp.*|ppc|retargeting|paid.*)$"
_SHOP_CAMPAIGN = r"^(.*(([^a-df-z]|^)shop|shopping).*)$"


def channel_group(web_sessions: pd.DataFrame) -> pd.Series:
    """GA4's default channel group of each row, from ``source``, ``medium`` and ``campaign``.

    Parameters
    ----------
    web_sessions : pandas.DataFrame
        A ``web_sessions`` table (``campaign`` may be missing).

    Returns
    -------
    pandas.Series
        Aligned with the rows; values from :data:`CHANNEL_GROUPS`. Paid rules come before
        organic ones, so ``facebook / paid_social`` is Paid Social and ``facebook / social``
        Organic Social; YouTube is a video source (Organic Video, or Paid Video with a paid
        medium); ``(direct) / (none)`` is Direct.

    Examples
    --------
    >>> web = pd.DataFrame({"source": ["facebook", "google", "(direct)"],
    ...                     "medium": ["cpc", "organic", "(none)"]})
    >>> channel_group(web).tolist()
    ['Paid Social', 'Organic Search', 'Direct']
    """
    for column in ("source", "medium"):
        if column not in web_sessions.columns:
            raise ValueError(f"channel_group needs a '{column}' column")
    source = web_sessions["source"].astype("str").str.strip().str.lower().fillna("")
    medium = web_sessions["medium"].astype("str").str.strip().str.lower().fillna("")
    if "campaign" in web_sessions.columns:
        campaign = web_sessions["campaign"].astype("str").str.lower().fillna("")
    else:
        campaign = pd.Series("", index=web_sessions.index)
    source = source.replace("nan", "")
    medium = medium.replace("nan", "")
    campaign = campaign.replace("nan", "")

    paid = medium.str.match(_PAID, flags=re.IGNORECASE)
    shop_campaign = campaign.str.match(_SHOP_CAMPAIGN)
    shopping = source.isin(_SHOPPING) | shop_campaign
    social, search, video = source.isin(_SOCIAL), source.isin(_SEARCH), source.isin(_VIDEO)
    rules = [
        ("Direct", (source == "(direct)") & medium.isin(["(not set)", "(none)", ""])),
        ("Cross-network", campaign.str.contains("cross-network", regex=False)),
        ("Paid Shopping", shopping & paid),
        ("Paid Search", search & paid),
        ("Paid Social", social & paid),
        ("Paid Video", video & paid),
        ("Display", medium.isin(["display", "banner", "expandable", "interstitial", "cpm"])),
        ("Paid Other", paid),
        ("Organic Shopping", shopping),
        ("Organic Social", social | medium.isin(_SOCIAL_MEDIUMS)),
        ("Organic Video", video | medium.str.contains("video", regex=False)),
        ("Organic Search", search | (medium == "organic")),
        ("Email", source.isin(_EMAIL) | medium.isin(_EMAIL)),
        ("Affiliates", medium == "affiliate"),
        ("Referral", medium.isin(["referral", "app", "link"])),
        ("Audio", medium == "audio"),
        ("SMS", (source == "sms") | (medium == "sms")),
        (
            "Mobile Push Notifications",
            medium.str.endswith("push")
            | medium.str.contains("mobile|notification", regex=True)
            | (source == "firebase"),
        ),
    ]
    out = pd.Series("Unassigned", index=web_sessions.index, dtype="object")
    decided = pd.Series(False, index=web_sessions.index)
    for name, matches in rules:
        take = matches.fillna(False).astype(bool) & ~decided
        out[take] = name
        decided |= take
    return out.astype(pd.CategoricalDtype(list(CHANNEL_GROUPS)))


# --------------------------------------------------------------------------------------------
# KPIs against targets


_CUMULATIVE = {"reach", "impressions", "engagements", "clicks", "conversions", "spend", "sessions"}
_RATES = {"er_reach", "ctr", "cvr", "cpa", "roas", "cpc", "cpm", "response_rate", "net_sentiment"}
_PROPORTIONS = {"er_reach": ("engagements", "reach"), "ctr": ("clicks", "impressions"),
                "cvr": ("conversions", "clicks")}  # fmt: skip
_RECENT_DAYS = 28


def _local_day(ts: pd.Series, timezone: str) -> pd.Series:
    from smmnb.workspace import local_time

    return local_time(ts, timezone).dt.normalize()


_AD_KPIS = ("spend", "clicks", "conversions", "impressions", "cpa", "roas", "ctr", "cvr", "cpc",
            "cpm")  # fmt: skip


def _is_in(values: pd.Series, others: pd.Series) -> np.ndarray:
    """``values.isin(others)`` for ids, by a hash lookup in Arrow.

    pandas' own goes through Python objects for string columns.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    as_text = lambda s: pa.array(s.astype("str").to_numpy(dtype=object), type=pa.string())  # noqa: E731
    return pc.is_in(as_text(values), value_set=as_text(others)).to_numpy(zero_copy_only=False)


def _daily_components(
    ws, kpi: str, brand: str, platform, campaign, window: tuple | None = None
) -> pd.DataFrame:
    """Daily numerator/denominator (or value) of a KPI: index day, columns ``num``, ``den``.

    ``window`` (first, last local day), when given, leaves out comments on other days before
    they are scored (the other tables are cheap to aggregate whole); callers that pass it
    only look at days inside it.
    """
    from smmnb.metrics import engagements

    def in_window(c: pd.DataFrame) -> pd.DataFrame:
        if window is None:
            return c
        day = _local_day(c["created_at"], ws.timezone)
        return c[((day >= window[0]) & (day <= window[1])).to_numpy()]

    def scope(df: pd.DataFrame) -> pd.DataFrame:
        keep = df["brand"] == brand
        if isinstance(platform, str) and "platform" in df.columns:
            keep &= df["platform"] == platform
        if isinstance(campaign, str) and "campaign" in df.columns:
            keep &= df["campaign"] == campaign
        return df[keep]

    tz = ws.timezone
    ads = scope(ws.ads) if kpi in _AD_KPIS else None
    if kpi in _AD_KPIS and (len(ads) or kpi in ("spend", "cpa", "roas", "cpc", "cpm")):
        day = ads["date"]
        money = ["spend", "clicks", "conversions", "impressions", "revenue"]
        frame = ads[money].astype("float64")
        parts = {
            "spend": ("spend", None), "clicks": ("clicks", None),
            "conversions": ("conversions", None), "impressions": ("impressions", None),
            "cpa": ("spend", "conversions"), "roas": ("revenue", "spend"),
            "ctr": ("clicks", "impressions"), "cvr": ("conversions", "clicks"),
            "cpc": ("spend", "clicks"), "cpm": ("spend", "impressions"),
        }[kpi]  # fmt: skip
    elif kpi in ("reach", "engagements", "er_reach"):
        posts = scope(ws.posts)
        day = _local_day(posts["published_at"], tz)
        frame = posts.assign(engagements=engagements(posts)).astype(
            {"engagements": "float64", "reach": "float64"}
        )
        if kpi == "er_reach":
            both = frame["engagements"].notna() & frame["reach"].notna()
            frame = frame[both]
            day = day[both]
        parts = {"reach": ("reach", None), "engagements": ("engagements", None),
                 "er_reach": ("engagements", "reach")}[kpi]  # fmt: skip
    elif kpi == "sessions":
        web = scope(ws.web_sessions)
        day, frame, parts = web["date"], web[["sessions"]].astype("float64"), ("sessions", None)
    elif kpi == "response_rate":
        c = scope(ws.comments)
        customer = c[~c["author_is_brand"].fillna(False).astype(bool) & c["parent_id"].isna()]
        answered = c.loc[c["author_is_brand"].fillna(False).astype(bool), "parent_id"].dropna()
        replied = pd.Series(_is_in(customer["comment_id"], answered), index=customer.index)
        frame = pd.DataFrame(
            {"replied": replied.astype("float64"), "one": 1.0}, index=customer.index
        )
        day, parts = _local_day(customer["created_at"], tz), ("replied", "one")
    elif kpi == "net_sentiment":
        from smmnb.expectations import sentiment

        c = in_window(scope(ws.comments))
        customer = c[~c["author_is_brand"].fillna(False).astype(bool)]
        label = sentiment(customer["text"])["label"]
        frame = pd.DataFrame(
            {"net": (label == "positive").astype(float) - (label == "negative").astype(float),
             "one": 1.0}, index=customer.index)  # fmt: skip
        day, parts = _local_day(customer["created_at"], tz), ("net", "one")
    else:
        return pd.DataFrame(columns=["num", "den"], dtype="float64")
    num, den = parts
    out = pd.DataFrame({"num": frame[num].to_numpy(dtype="float64")}, index=day.to_numpy())
    if den is not None:
        out["den"] = frame[den].to_numpy(dtype="float64")
    out = out.groupby(level=0).sum(min_count=1)
    out.index.name = "day"
    return out


def _followers_series(ws, brand: str, platform) -> pd.Series:
    f = ws.followers[ws.followers["brand"] == brand]
    if isinstance(platform, str):
        f = f[f["platform"] == platform]
    # Total followers across platforms: accounts, not distinct people.
    return f.groupby("date")["followers"].sum().astype("float64").sort_index()


def _status(direction: str, target: float, forecast: float, low: float, high: float) -> str:
    if np.isnan(forecast):
        return "no_data"
    if direction == "lower":
        if forecast <= target:
            return "on_track"
        return "at_risk" if low <= target else "off_track"
    if forecast >= target:
        return "on_track"
    return "at_risk" if high >= target else "off_track"


def scorecard(ws, as_of: str | pd.Timestamp | None = None) -> pd.DataFrame:
    """Every KPI target with its actual, the pace expected by ``as_of`` and a forecast.

    Parameters
    ----------
    ws : Workspace
        The brand's workspace (targets, and the tables the KPIs come from).
    as_of : str or Timestamp, optional
        The day to score on (local calendar day); default the last day with data.

    Returns
    -------
    pandas.DataFrame
        One row per target: ``brand``, ``kpi``, ``platform``, ``campaign``, ``period_start``,
        ``period_end``, ``direction``, ``target``, ``elapsed`` (share of the period's days
        up to ``as_of``), ``actual``, ``expected`` (where the KPI should be by now),
        ``pace`` (actual / expected), ``forecast``, ``forecast_low``, ``forecast_high`` (95%)
        for the period end, ``status`` and ``note``.

    Notes
    -----
    How each kind of KPI is scored:

    - Totals (reach, impressions, engagements, clicks, conversions, spend, sessions): the
      actual is the sum from the period start to ``as_of``; linear pacing expects
      ``target x elapsed``; the forecast adds the mean daily value of the last 28 days for
      every remaining day, with an interval from the spread of those days (independent days
      assumed). Reach is the sum of per-post reach: people reached by several posts count
      more than once, so it overstates unique reach; the note says so.
    - Followers: the level on ``as_of`` (summed over platforms when the target has none:
      accounts, not distinct people); pacing expects the start level plus ``elapsed`` of the
      planned gain; the forecast extends the last 28 days' linear trend, with a 95%
      prediction interval.
    - Rates (er_reach, ctr, cvr, cpa, roas, cpc, cpm, response_rate): not paced; the actual
      is the pooled rate to date and is also the forecast, with a Wilson interval for
      proportions and a seeded bootstrap over days for cost ratios. response_rate is the
      share of customers' top-level comments the brand replied to.
    - net_sentiment is (positive - negative) / all customer comments on the brand's own
      channels, scored with :func:`smmnb.expectations.sentiment`; its interval is a bootstrap
      over days.

    The status rule, for a KPI where higher is better (mirrored when ``direction`` is
    ``lower``): ``on_track`` when the forecast reaches the target; ``at_risk`` when it does
    not but the target is inside the forecast interval; ``off_track`` when even the upper
    end of the interval falls short.
    """
    from smmnb.stats import bootstrap_ratio_ci, wilson_interval

    as_of_day = pd.Timestamp(as_of).normalize() if as_of not in (None, "") else ws.last_date()
    rows = []
    for t in ws.targets.itertuples(index=False):
        start, end = t.period_start, t.period_end
        kpi, direction = str(t.kpi), str(t.direction) if isinstance(t.direction, str) else None
        direction = direction or ("lower" if kpi in ("cpa", "cpc", "cpm", "spend") else "higher")
        platform = t.platform if isinstance(t.platform, str) else None
        campaign = t.campaign if isinstance(t.campaign, str) else None
        days = (end - start).days + 1
        upto = min(as_of_day, end)
        elapsed = max(0, min(days, (upto - start).days + 1)) / days
        remaining = max(0, (end - upto).days)
        actual = expected = forecast = low = high = np.nan
        note = ""
        target = float(t.target)
        if kpi == "followers":
            series = _followers_series(ws, t.brand, platform)
            seen = series[(series.index >= start - pd.Timedelta(days=1)) & (series.index <= upto)]
            if len(seen) >= 2:
                start_level = seen.iloc[0]
                actual = seen.iloc[-1]
                expected = start_level + (target - start_level) * elapsed
                recent = seen.iloc[-_RECENT_DAYS:]
                x = np.arange(len(recent), dtype="float64")
                slope, intercept = np.polyfit(x, recent.to_numpy(), 1)
                resid = recent.to_numpy() - (intercept + slope * x)
                h = len(recent) - 1 + remaining
                se = np.sqrt(np.sum(resid**2) / max(len(recent) - 2, 1)) * np.sqrt(
                    1 + 1 / len(recent) + (h - x.mean()) ** 2 / np.sum((x - x.mean()) ** 2)
                )
                forecast = intercept + slope * h
                low, high = forecast - 1.96 * se, forecast + 1.96 * se
                if platform is None:
                    note = "followers summed over platforms (accounts, not distinct people)"
        elif kpi in _CUMULATIVE:
            daily = _daily_components(ws, kpi, t.brand, platform, campaign)
            span = pd.date_range(start, upto, freq="D") if upto >= start else pd.DatetimeIndex([])
            values = daily["num"].reindex(span, fill_value=0.0) if len(span) else pd.Series([])
            if len(values):
                actual = float(values.sum())
                expected = target * elapsed
                recent = values.iloc[-_RECENT_DAYS:]
                forecast = actual + recent.mean() * remaining
                spread = 1.96 * recent.std(ddof=1) * np.sqrt(remaining) if len(recent) > 1 else 0
                low, high = forecast - spread, forecast + spread
            if kpi == "reach":
                note = "sum of per-post reach: overstates unique people reached"
        elif kpi in _RATES:
            daily = _daily_components(ws, kpi, t.brand, platform, campaign, (start, upto))
            daily = daily[(daily.index >= start) & (daily.index <= upto)]
            if len(daily) and daily["den"].sum() > 0:
                num, den = daily["num"].to_numpy(), daily["den"].to_numpy()
                scale = 1000.0 if kpi == "cpm" else 1.0
                actual = expected = forecast = scale * num.sum() / den.sum()
                if kpi in _PROPORTIONS or kpi == "response_rate":
                    if kpi == "er_reach":  # engagements can exceed people; bootstrap instead
                        _, low, high = bootstrap_ratio_ci(num, den, seed=0)
                    else:
                        low, high = wilson_interval(num.sum(), den.sum())
                else:
                    _, low, high = bootstrap_ratio_ci(num, den, seed=0)
                    low, high = low * scale, high * scale
        else:
            note = f"unknown KPI {kpi!r}"
        rows.append(
            {
                "brand": t.brand,
                "kpi": kpi,
                "platform": platform,
                "campaign": campaign,
                "period_start": start,
                "period_end": end,
                "direction": direction,
                "target": target,
                "elapsed": elapsed,
                "actual": actual,
                "expected": expected,
                "pace": actual / expected if expected and not np.isnan(expected) else np.nan,
                "forecast": forecast,
                "forecast_low": low,
                "forecast_high": high,
                "status": _status(direction, target, forecast, low, high),
                "note": note,
            }
        )
    return pd.DataFrame(rows)


def budget_pacing(ws, as_of: str | pd.Timestamp | None = None) -> pd.DataFrame:
    """Spend to date against each ``spend`` target (the budget), and where it is heading.

    Parameters
    ----------
    ws : Workspace
        Ads and targets (``kpi == "spend"`` rows are budgets for their period, campaign and
        platform).
    as_of : str or Timestamp, optional
        Day to measure on; default the last day with data.

    Returns
    -------
    pandas.DataFrame
        ``brand``, ``campaign``, ``platform``, ``period_start``, ``period_end``, ``budget``,
        ``spent`` (to ``as_of``), ``planned`` (linear: budget x elapsed share of days),
        ``pace`` (spent / planned), ``daily_rate`` (mean spend per day over the last 14
        days), ``projected`` (spent + daily_rate x remaining days), ``days_left`` (days of
        budget left at ``daily_rate``; inf when nothing is being spent), ``remaining_days``.
    """
    as_of_day = pd.Timestamp(as_of).normalize() if as_of not in (None, "") else ws.last_date()
    budgets = ws.targets[ws.targets["kpi"] == "spend"]
    rows = []
    for t in budgets.itertuples(index=False):
        platform = t.platform if isinstance(t.platform, str) else None
        campaign = t.campaign if isinstance(t.campaign, str) else None
        daily = _daily_components(ws, "spend", t.brand, platform, campaign)["num"]
        start, end = t.period_start, t.period_end
        upto = min(as_of_day, end)
        span = pd.date_range(start, upto, freq="D")
        spent_days = daily.reindex(span, fill_value=0.0)
        spent = float(spent_days.sum())
        days = (end - start).days + 1
        elapsed = len(span) / days
        remaining = max(0, (end - upto).days)
        rate = float(spent_days.iloc[-14:].mean()) if len(spent_days) else 0.0
        left = float(t.target) - spent
        rows.append(
            {
                "brand": t.brand,
                "campaign": campaign,
                "platform": platform,
                "period_start": start,
                "period_end": end,
                "budget": float(t.target),
                "spent": spent,
                "planned": float(t.target) * elapsed,
                "pace": spent / (float(t.target) * elapsed) if elapsed else np.nan,
                "daily_rate": rate,
                "projected": spent + rate * remaining,
                "days_left": left / rate if rate > 0 else np.inf,
                "remaining_days": remaining,
            }
        )
    return pd.DataFrame(rows)


def paid_vs_organic(posts: pd.DataFrame, ads: pd.DataFrame) -> pd.DataFrame:
    """Organic posts, boosted posts and ads side by side per platform.

    Parameters
    ----------
    posts : pandas.DataFrame
        ``posts`` (``paid`` marks boosted posts; missing counts as organic).
    ads : pandas.DataFrame
        ``ads``.

    Returns
    -------
    pandas.DataFrame
        One row per platform and ``type`` (``organic``, ``boosted``, ``ads``): ``items``
        (posts, or ad-days), ``impressions``, ``engagements`` (posts only), ``er_reach``
        (pooled over posts reporting both), ``clicks``, ``spend``, ``conversions``,
        ``cpc`` and ``cpa`` (ads only). Reach is not summed across posts or ad-days (it would
        count people several times); ``mean_reach`` is the mean reach per post or ad-day, to
        compare typical size.
    """
    from smmnb.metrics import engagements, kpis

    frames = []
    if len(posts):
        p = posts.assign(
            type=np.where(posts["paid"].fillna(False).astype(bool), "boosted", "organic"),
            engagements=engagements(posts),
        )
        k = kpis(p, by=["platform", "type"])
        mean_reach = p.groupby(["platform", "type"], observed=True)["reach"].mean()
        k["mean_reach"] = mean_reach.reindex(
            pd.MultiIndex.from_frame(k[["platform", "type"]])
        ).to_numpy(dtype="float64")
        frames.append(
            k.rename(columns={"posts": "items"})[
                ["platform", "type", "items", "impressions", "engagements", "er_reach", "clicks",
                 "mean_reach"]
            ]
        )  # fmt: skip
    if len(ads):
        a = ads.assign(type="ads")
        k = kpis(a, by=["platform", "type"])
        k["items"] = a.groupby(["platform", "type"], observed=True).size().to_numpy()
        k["mean_reach"] = (
            a.groupby(["platform", "type"], observed=True)["reach"].mean().to_numpy("float64")
        )
        frames.append(
            k[["platform", "type", "items", "impressions", "clicks", "spend", "conversions",
               "cpc", "cpa", "mean_reach"]]
        )  # fmt: skip
    if not frames:
        return pd.DataFrame()
    out = pd.concat(frames, ignore_index=True)
    out["platform"] = out["platform"].astype("str")
    order = {"organic": 0, "boosted": 1, "ads": 2}
    out = out.sort_values(["platform", "type"], key=lambda s: s.map(order) if s.name == "type"
                          else s, kind="stable")  # fmt: skip
    return out.reset_index(drop=True)


_TEST_METRICS = {"ctr": ("clicks", "impressions"), "cvr": ("conversions", "clicks")}


def _ad_sums(ads: pd.DataFrame, metric: str, within: str) -> tuple[str, str, pd.DataFrame]:
    """Numerator, denominator and their sums per group and ad, for a tested rate."""
    if metric not in _TEST_METRICS:
        raise ValueError(f"metric must be one of {', '.join(_TEST_METRICS)}, got {metric!r}")
    if within not in ads.columns:
        raise ValueError(f"within must be a column of ads, got {within!r}")
    num, den = _TEST_METRICS[metric]
    sums = (
        ads.astype({num: "float64", den: "float64"})
        .groupby([within, "ad"], observed=True)[[num, den]]
        .sum()
        .reset_index()
    )
    return num, den, sums


def creative_tests(
    ads: pd.DataFrame,
    metric: str = "ctr",
    within: str = "campaign",
    *,
    alpha: float = 0.05,
) -> pd.DataFrame:
    """Every pair of ads inside each campaign, compared with :func:`smmnb.stats.ab_test`.

    Parameters
    ----------
    ads : pandas.DataFrame
        ``ads`` rows (summed per ad over the rows given).
    metric : {"ctr", "cvr"}
        The rate compared: clicks / impressions or conversions / clicks.
    within : str
        Column that defines a test group (a campaign, or an ad set).
    alpha : float
        Family-wise level: p-values are Holm-adjusted over every pair returned (all groups
        together: they are read together).

    Returns
    -------
    pandas.DataFrame
        ``group``, ``ad_a``, ``ad_b``, ``successes_a``, ``trials_a``, ``rate_a``,
        ``successes_b``, ``trials_b``, ``rate_b``, ``diff`` (b - a), ``rel_lift``,
        ``ci_low``, ``ci_high`` (95% interval of the difference), ``p_value``, ``p_holm``,
        ``significant`` (p_holm < alpha); ``ad_a`` is the lower rate of the pair. Sorted by
        group and p-value.
    """
    from smmnb.stats import ab_test, holm

    num, den, sums = _ad_sums(ads, metric, within)
    rows = []
    for group, g in sums.groupby(within, observed=True, sort=True):
        g = g[g[den] > 0].sort_values(["ad"])
        g = g.assign(rate=g[num] / g[den]).sort_values(["rate", "ad"], kind="stable")
        records = g.to_dict("records")
        block: list[dict] = []
        for i in range(len(records)):
            for j in range(i + 1, len(records)):
                a, b = records[i], records[j]
                r = ab_test(a[num], a[den], b[num], b[den], alpha=alpha)
                block.append(
                    {
                        "group": str(group),
                        "ad_a": str(a["ad"]),
                        "ad_b": str(b["ad"]),
                        "successes_a": a[num],
                        "trials_a": a[den],
                        "rate_a": r.rate_a,
                        "successes_b": b[num],
                        "trials_b": b[den],
                        "rate_b": r.rate_b,
                        "diff": r.diff,
                        "rel_lift": r.rel_lift,
                        "ci_low": r.ci_low,
                        "ci_high": r.ci_high,
                        "p_value": r.p_value,
                    }
                )
        rows.extend(block)
    # One family: every comparison made at once, so a report of many pairs does not find
    # a "winner" by chance.
    adjusted = holm([row["p_value"] for row in rows])
    for row, p in zip(rows, adjusted, strict=True):
        row["p_holm"] = float(p)
        row["significant"] = bool(p < alpha)
    columns = ["group", "ad_a", "ad_b", "successes_a", "trials_a", "rate_a", "successes_b",
               "trials_b", "rate_b", "diff", "rel_lift", "ci_low", "ci_high", "p_value",
               "p_holm", "significant"]  # fmt: skip
    out = pd.DataFrame(rows, columns=columns)
    return out.sort_values(["group", "p_value"], kind="stable").reset_index(drop=True)


@dataclass(frozen=True)
class LiftResult:
    """Outcome of :func:`lift`.

    Attributes
    ----------
    effect : float
        Total effect over the flight: actual minus counterfactual, summed over its days.
    effect_low, effect_high : float
        95% interval of ``effect``.
    rel_effect : float
        ``effect`` / counterfactual total.
    p_value : float
        Two-sided p-value of no effect.
    significant : bool
        ``p_value < 0.05``.
    daily : pandas.DataFrame
        Per day (pre-period and flight): ``actual``, ``expected`` (the counterfactual),
        ``low``, ``high`` (95% prediction band), ``in_flight``.
    """

    effect: float
    effect_low: float
    effect_high: float
    rel_effect: float
    p_value: float
    significant: bool
    daily: pd.DataFrame


def lift(
    series: pd.Series,
    start: str | pd.Timestamp,
    end: str | pd.Timestamp,
    controls: pd.DataFrame | None = None,
    *,
    pre_days: int | None = None,
) -> LiftResult:
    """The effect of a campaign flight on a daily series, against a fitted counterfactual.

    The idea of CausalImpact, by regression: a model fitted on the days before the flight
    (a linear trend, day-of-week effects and, when given, control series as regressors)
    predicts what the series would have been during the flight without it. The effect is
    actual minus predicted, summed over the flight.

    Parameters
    ----------
    series : pandas.Series
        Daily values indexed by day (web sessions from social, new followers, mentions).
    start, end : str or Timestamp
        First and last day of the flight (both included).
    controls : pandas.DataFrame, optional
        Daily series the campaign did not touch (sessions from search, a competitor's
        mentions), indexed like ``series``; they absorb shocks common to both.
    pre_days : int, optional
        Days before ``start`` to fit on; default all of them.

    Returns
    -------
    LiftResult

    Notes
    -----
    Assumptions, as for any counterfactual of this kind: nothing else changed at the start
    of the flight (no other campaign, price change, outage); the pre-period's trend and
    weekly pattern would have continued; controls are not affected by the campaign; the
    day-to-day noise is independent and of constant size (the interval of the summed effect
    adds the model's parameter uncertainty and one noise term per flight day). With
    autocorrelated noise the interval is too narrow; fit on at least four weeks.
    """
    from scipy import stats as st
    from statsmodels.regression.linear_model import OLS  # not statsmodels.api: 4x the import

    s = pd.Series(series, dtype="float64").sort_index()
    s.index = pd.DatetimeIndex(s.index).normalize()
    start_day, end_day = pd.Timestamp(start).normalize(), pd.Timestamp(end).normalize()
    if start_day > end_day:
        raise ValueError(f"start {start_day.date()} is after end {end_day.date()}")
    s = s.asfreq("D")
    pre = s.index < start_day
    if pre_days is not None:
        pre &= s.index >= start_day - pd.Timedelta(days=pre_days)
    flight = (s.index >= start_day) & (s.index <= end_day)
    if pre.sum() < 28:
        raise ValueError(f"lift needs at least 28 days before the flight, got {int(pre.sum())}")
    if flight.sum() == 0:
        raise ValueError("the series has no days inside the flight")
    if s[pre | flight].isna().any():
        raise ValueError("the series has missing days in the pre-period or flight; fill them")
    days = (s.index - s.index[0]).days.to_numpy(dtype="float64")
    weekday = pd.get_dummies(s.index.day_of_week, prefix="dow", drop_first=True, dtype="float64")
    X = pd.DataFrame({"const": 1.0, "trend": days}, index=s.index)
    X = pd.concat([X, weekday.set_index(s.index)], axis=1)
    if controls is not None:
        c = pd.DataFrame(controls).astype("float64")
        c.index = pd.DatetimeIndex(c.index).normalize()
        c = c.reindex(s.index)
        if c[pre | flight].isna().any().any():
            raise ValueError("controls must cover every day of the pre-period and the flight")
        X = pd.concat([X, c.add_prefix("control_")], axis=1)
    keep = pre | flight
    y, X = s[keep], X[keep]
    fit = OLS(y[pre[keep]], X[pre[keep]]).fit()
    prediction = fit.get_prediction(X)
    frame = prediction.summary_frame(alpha=0.05)
    daily = pd.DataFrame(
        {
            "actual": y,
            "expected": frame["mean"].to_numpy(),
            "low": frame["obs_ci_lower"].to_numpy(),
            "high": frame["obs_ci_upper"].to_numpy(),
            "in_flight": flight[keep],
        },
        index=y.index,
    )
    Xf = X[flight[keep]].to_numpy()
    ones = np.ones(len(Xf))
    var_sum = ones @ Xf @ fit.cov_params().to_numpy() @ Xf.T @ ones + len(Xf) * fit.scale
    sd = float(np.sqrt(var_sum))
    counterfactual = float(daily.loc[daily["in_flight"], "expected"].sum())
    effect = float(daily.loc[daily["in_flight"], "actual"].sum()) - counterfactual
    t = st.t.ppf(0.975, fit.df_resid)
    p_value = float(2 * st.t.sf(abs(effect / sd), fit.df_resid)) if sd > 0 else 0.0
    return LiftResult(
        effect=effect,
        effect_low=effect - t * sd,
        effect_high=effect + t * sd,
        rel_effect=effect / counterfactual if counterfactual else float("nan"),
        p_value=p_value,
        significant=p_value < 0.05,
        daily=daily,
    )


def influencers(df: pd.DataFrame, *, inflated_below: float = 0.25) -> pd.DataFrame:
    """Cost and engagement of each influencer partnership, with a flag to check audiences.

    Parameters
    ----------
    df : pandas.DataFrame
        The ``influencers`` table.
    inflated_below : float
        Flag a partnership whose engagement rate (by impressions) is below this share of the
        median of its tier (or of all partnerships when a tier has fewer than three).

    Returns
    -------
    pandas.DataFrame
        Per influencer and campaign: ``influencer``, ``platform``, ``campaign``, ``tier``,
        ``followers``, ``fee``, ``impressions``, ``engagements``, ``er_impressions``
        (engagements / impressions), ``er_followers`` (engagements / followers), ``cpe``
        (fee / engagements), ``cpm`` (1000 x fee / impressions), ``cpc`` (fee / clicks),
        ``cpa`` (fee / conversions), ``roas`` (revenue / fee), ``check_audience`` (True when
        engagement is far below comparable influencers: worth checking for bought or
        inactive followers; a flag, not a verdict). Sorted by cpe, cheapest first.
    """
    from smmnb.metrics import ratio

    if not 0 < inflated_below < 1:
        raise ValueError(f"inflated_below must be between 0 and 1, got {inflated_below}")
    out = df[["influencer", "platform", "campaign", "tier", "followers", "fee", "impressions",
              "engagements", "clicks", "conversions", "revenue"]].copy()  # fmt: skip
    out["er_impressions"] = ratio(out["engagements"], out["impressions"]).to_numpy()
    out["er_followers"] = ratio(out["engagements"], out["followers"]).to_numpy()
    out["cpe"] = ratio(out["fee"], out["engagements"]).to_numpy()
    out["cpm"] = ratio(out["fee"], out["impressions"], 1000.0).to_numpy()
    out["cpc"] = ratio(out["fee"], out["clicks"]).to_numpy()
    out["cpa"] = ratio(out["fee"], out["conversions"]).to_numpy()
    out["roas"] = ratio(out["revenue"], out["fee"]).to_numpy()
    tier = out["tier"].astype("str")
    tier_size = tier.map(tier.value_counts())
    tier_median = out.groupby(tier)["er_impressions"].transform("median")
    reference = tier_median.where(tier_size >= 3, out["er_impressions"].median())
    out["check_audience"] = (out["er_impressions"] < inflated_below * reference).fillna(False)
    return out.sort_values("cpe", kind="stable").reset_index(drop=True)


SOCIAL_GROUPS = ("Organic Social", "Paid Social")


def web_from_social(ws) -> pd.DataFrame:
    """Web sessions from social, by platform and UTM campaign, and social's share of traffic.

    Parameters
    ----------
    ws : Workspace

    Returns
    -------
    pandas.DataFrame
        One row per social ``source`` (lower case) and ``campaign`` ("" for untagged):
        ``channel_group`` (Organic or Paid Social), ``sessions``, ``engaged_rate``
        (engaged sessions / sessions), ``conversions``, ``cvr`` (conversions / sessions),
        ``revenue``, ``share_of_all`` (sessions / all sessions of the period, every source).
        Sorted by sessions.
    """
    from smmnb.metrics import ratio

    web = ws.web_sessions
    if web.empty:
        return pd.DataFrame()
    groups = channel_group(web)
    social = web[groups.isin(SOCIAL_GROUPS).to_numpy()].assign(
        channel_group=groups[groups.isin(SOCIAL_GROUPS)].astype("str"),
        source=lambda d: d["source"].astype("str"),
        campaign=lambda d: d["campaign"].astype("str").fillna(""),
    )
    cols = ["sessions", "engaged_sessions", "conversions", "revenue"]
    out = (
        social.astype({c: "float64" for c in cols})
        .groupby(["source", "campaign", "channel_group"])[cols]
        .sum(min_count=1)
        .reset_index()
    )
    out["engaged_rate"] = ratio(out["engaged_sessions"], out["sessions"]).to_numpy()
    out["cvr"] = ratio(out["conversions"], out["sessions"]).to_numpy()
    out["share_of_all"] = out["sessions"] / float(web["sessions"].sum())
    out = out.drop(columns="engaged_sessions")
    return out.sort_values("sessions", ascending=False, kind="stable").reset_index(drop=True)


def creative_rates(
    ads: pd.DataFrame, metric: str = "ctr", within: str = "campaign"
) -> pd.DataFrame:
    """Each ad's pooled rate with its 95% Wilson interval (the data of a creative chart).

    Returns
    -------
    pandas.DataFrame
        ``group``, ``ad``, ``successes``, ``trials``, ``rate``, ``low``, ``high``; only
        groups with two or more ads (where a comparison exists).
    """
    from smmnb.stats import wilson_interval

    num, den, sums = _ad_sums(ads, metric, within)
    sums = sums[sums[den] > 0]
    sums = sums[sums.groupby(within, observed=True)["ad"].transform("size") >= 2]
    low, high = wilson_interval(sums[num].to_numpy(), sums[den].to_numpy())
    out = pd.DataFrame(
        {
            "group": sums[within].astype("str").to_numpy(),
            "ad": sums["ad"].astype("str").to_numpy(),
            "successes": sums[num].to_numpy(),
            "trials": sums[den].to_numpy(),
            "rate": (sums[num] / sums[den]).to_numpy(),
            "low": low,
            "high": high,
        }
    )
    return out.sort_values(["group", "ad"], kind="stable").reset_index(drop=True)
