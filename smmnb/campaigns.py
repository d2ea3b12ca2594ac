"""Campaign performance: where web traffic comes from (GA4's default channel groups).

``channel_group`` follows the order and rules of GA4's default channel group as Google
publishes them: the first rule that matches wins. Google's full source lists are long; the
lists here hold the sources a Vietnamese brand sees (Facebook, Zalo, TikTok, Cốc Cốc, Shopee,
Lazada, Tiki...) and the big international ones. A source that is on none of them falls
through to the medium-based rules, as in GA4.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

__all__ = ["CHANNEL_GROUPS", "channel_group", "scorecard"]

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
    if isinstance(ts.dtype, pd.DatetimeTZDtype):
        ts = ts.dt.tz_convert(timezone).dt.tz_localize(None)
    return ts.dt.normalize()


def _daily_components(ws, kpi: str, brand: str, platform, campaign) -> pd.DataFrame:
    """Daily numerator/denominator (or value) of a KPI: index day, columns ``num``, ``den``."""
    from smmnb.metrics import engagements

    def scope(df: pd.DataFrame) -> pd.DataFrame:
        keep = df["brand"].astype("str") == brand
        if isinstance(platform, str) and "platform" in df.columns:
            keep &= df["platform"].astype("str") == platform
        if isinstance(campaign, str) and "campaign" in df.columns:
            keep &= df["campaign"].astype("str") == campaign
        return df[keep]

    tz = ws.timezone
    ads, posts, web = scope(ws.ads), scope(ws.posts), scope(ws.web_sessions)
    if kpi in (
        "spend",
        "clicks",
        "conversions",
        "impressions",
        "cpa",
        "roas",
        "ctr",
        "cvr",
        "cpc",
        "cpm",
    ) and (len(ads) or kpi in ("spend", "cpa", "roas", "cpc", "cpm")):
        day = ads["date"]
        frame = ads.astype(
            {c: "float64" for c in ("spend", "clicks", "conversions", "impressions", "revenue")}
        )
        parts = {
            "spend": ("spend", None), "clicks": ("clicks", None),
            "conversions": ("conversions", None), "impressions": ("impressions", None),
            "cpa": ("spend", "conversions"), "roas": ("revenue", "spend"),
            "ctr": ("clicks", "impressions"), "cvr": ("conversions", "clicks"),
            "cpc": ("spend", "clicks"), "cpm": ("spend", "impressions"),
        }[kpi]  # fmt: skip
    elif kpi in ("reach", "engagements", "er_reach"):
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
        day, frame, parts = web["date"], web.astype({"sessions": "float64"}), ("sessions", None)
    elif kpi == "response_rate":
        c = scope(ws.comments)
        customer = c[~c["author_is_brand"].fillna(False).astype(bool) & c["parent_id"].isna()]
        replied = customer["comment_id"].isin(
            c.loc[c["author_is_brand"].fillna(False).astype(bool), "parent_id"]
        )
        frame = pd.DataFrame(
            {"replied": replied.astype("float64"), "one": 1.0}, index=customer.index
        )
        day, parts = _local_day(customer["created_at"], tz), ("replied", "one")
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
    f = ws.followers[ws.followers["brand"].astype("str") == brand]
    if isinstance(platform, str):
        f = f[f["platform"].astype("str") == platform]
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
    - net_sentiment needs the sentiment model of :mod:`smmnb.expectations`; until a sentiment
      column is given, it is reported with status ``no_data``.

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
        elif kpi in _RATES and kpi != "net_sentiment":
            daily = _daily_components(ws, kpi, t.brand, platform, campaign)
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
            note = (
                "needs sentiment scores (smmnb.expectations)"
                if kpi == "net_sentiment"
                else (f"unknown KPI {kpi!r}")
            )
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
