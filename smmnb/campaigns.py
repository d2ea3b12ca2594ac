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

from smmnb.errors import InsufficientData
from smmnb.narrative import listing, needs

__all__ = [
    "ALL_PLATFORMS_NOTE",
    "CHANNEL_GROUPS",
    "CREATIVE_VERDICTS",
    "REST",
    "SOCIAL_GROUPS",
    "CampaignLift",
    "LiftResult",
    "budget_pacing",
    "campaign_lift",
    "channel_group",
    "creative_rates",
    "creative_tests",
    "funnel",
    "influencers",
    "lift",
    "paid_vs_organic",
    "scorecard",
    "source_platform",
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
        Aligned with the rows; values from :data:`CHANNEL_GROUPS`. A row whose
        ``channel_group`` column names a group (GA4 rows read by channel group) keeps it;
        the others are classified by GA4's rules. Paid rules come before
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
    if "channel_group" in web_sessions.columns:  # GA4 said it (rows read by channel group)
        given = web_sessions["channel_group"].astype("object")
        known = given.isin(list(CHANNEL_GROUPS)).to_numpy()
        out[known] = given[known]
    return out.astype(pd.CategoricalDtype(list(CHANNEL_GROUPS)))


# --------------------------------------------------------------------------------------------
# KPIs against targets


_CUMULATIVE = {"reach", "impressions", "engagements", "clicks", "conversions", "spend", "sessions"}
_RATES = {"er_reach", "ctr", "cvr", "cpa", "roas", "cpc", "cpm", "response_rate", "net_sentiment"}
_PROPORTIONS = {"er_reach": ("engagements", "reach"), "ctr": ("clicks", "impressions"),
                "cvr": ("conversions", "clicks")}  # fmt: skip
_RECENT_DAYS = 28


def _local_day(ts: pd.Series, timezone: str) -> pd.Series:
    from smmnb.timezones import local_day

    return local_day(ts, timezone)


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
        from smmnb.expectations.comments import brand_replies, customer_comments

        c = scope(ws.comments)
        customer = customer_comments(c, top_level=True)
        answered = brand_replies(c)["parent_id"]
        replied = pd.Series(_is_in(customer["comment_id"], answered), index=customer.index)
        frame = pd.DataFrame(
            {"replied": replied.astype("float64"), "one": 1.0}, index=customer.index
        )
        day, parts = _local_day(customer["created_at"], tz), ("replied", "one")
    elif kpi == "net_sentiment":
        from smmnb.expectations import (
            customer_comments,
            net_sentiment_points,
            sentiment,
            sentiment_model,
        )

        customer = customer_comments(in_window(scope(ws.comments)))
        model = sentiment_model("", ws.settings)  # the user's labels when smmnb.yml has them
        label = sentiment(customer["text"], engine=model or "lexicon")["label"]
        frame = pd.DataFrame(
            {"net": net_sentiment_points(label).to_numpy(), "one": 1.0}, index=customer.index
        )
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


def _followers_forecast(series: pd.Series, upto: pd.Timestamp, end: pd.Timestamp) -> tuple:
    """(forecast, low, high, note) of a daily follower series for the day ``end``.

    The forecast of :func:`smmnb.trends.follower_growth` (the audience-growth section's, so
    the scorecard and notebook 03 give one number) from the counts up to ``upto``, at
    ``end``, with its 95% prediction interval; the observed level when ``end`` is a day
    already counted. NaN (and a note) when the series is too short to be forecast.
    """
    from smmnb.trends.growth import MIN_GROWTH_DAYS, follower_growth

    known = series[series.index <= upto].dropna()
    if end <= known.index.max():  # the period is over and its last day counted
        level = float(known.iloc[-1])
        return level, level, level, ""
    frame = pd.DataFrame({"date": known.index, "brand": "_", "platform": "_",
                          "followers": known.to_numpy()})  # fmt: skip
    try:
        growth = follower_growth(frame, horizon=(end - known.index.max()).days, as_of=upto)
    except InsufficientData:
        note = f"too few days of follower counts to forecast ({MIN_GROWTH_DAYS} needed)"
        return np.nan, np.nan, np.nan, note
    at = growth.forecast.set_index("date").loc[end]
    return float(at["forecast"]), float(at["ci_low"]), float(at["ci_high"]), ""


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


ALL_PLATFORMS_NOTE = "covers all platforms; not paced against the filtered data"
"""The note of a target (or budget) set for all platforms, read under a platform filter."""

_MONEY_KPIS = {"spend", "cpa", "cpc", "cpm"}  # amounts in the targets' (reporting) currency


def _money_problem(ws, kpi: str) -> str:
    """Why a money KPI of ``ws.ads`` cannot be set against a target, or "" when it can.

    Targets are in the reporting currency; ads in another currency (no exchange rate given)
    cannot be compared with them, and ads in several currencies cannot be added.
    """
    from smmnb.metrics import currency_codes

    if kpi not in _MONEY_KPIS and kpi != "roas":
        return ""
    codes = currency_codes(ws.ads)
    found = sorted({str(c) for c in codes.dropna()}) if codes is not None else []
    if len(found) > 1:
        return f"the ads are in {listing(found)} and no exchange rate is given"
    if kpi in _MONEY_KPIS and found and found != [ws.currency]:
        return (f"the ads are in {found[0]} and the target in {ws.currency}, and no exchange "
                "rate is given")  # fmt: skip
    return ""


def _unpaced_reason(ws, kpi: str, platform, platforms) -> str:
    if platforms and platform is None:
        return ALL_PLATFORMS_NOTE
    return _money_problem(ws, kpi)


def _no_targets(ws, analysis: str, need: str, found: str) -> InsufficientData:
    whose = f" for {ws.brand}" if getattr(ws, "brand", None) else ""
    return InsufficientData(needs(analysis, f"{need}{whose}", found))


def scorecard(
    ws, *, as_of: str | pd.Timestamp | None = None, platforms: list[str] | None = None
) -> pd.DataFrame:
    """Every KPI target with its actual, the pace expected by ``as_of`` and a forecast.

    Parameters
    ----------
    ws : Workspace
        The brand's workspace (targets, and the tables the KPIs come from), narrowed to the
        platform filter in force if any.
    as_of : str or Timestamp, optional
        The day to score on (local calendar day); default the last day with data.
    platforms : list of str, optional
        The platform filter ``ws`` was narrowed with (empty or None: no filter). Under a
        filter, a target set for all platforms (no ``platform``) is listed but not paced:
        its actual would be the filtered platforms' share only. Its ``status`` is
        ``not_paced`` and its ``note`` is :data:`ALL_PLATFORMS_NOTE`.

    Returns
    -------
    pandas.DataFrame
        One row per target: ``brand``, ``kpi``, ``platform``, ``campaign``, ``period_start``,
        ``period_end``, ``direction``, ``target``, ``elapsed`` (share of the period's days
        up to ``as_of``), ``actual``, ``expected`` (where the KPI should be by now),
        ``pace`` (actual / expected), ``forecast``, ``ci_low``, ``ci_high`` (95%)
        for the period end, ``status`` (``on_track``, ``at_risk``, ``off_track``,
        ``no_data``, ``not_paced``), ``note`` and ``gap`` (how far the forecast misses the
        target in the KPI's direction: positive means it misses by that much, for higher-
        and lower-is-better KPIs alike, so an overspent budget has a positive gap).

    Raises
    ------
    InsufficientData
        When ``ws`` holds no targets.

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
      planned gain; the forecast for the period end is the audience-growth forecast,
      :func:`smmnb.trends.follower_growth` (an ETS(A,A,N) model on the last 90 days of
      counts up to ``as_of``), with its 95% prediction interval, so the scorecard and the
      growth section give one number; a series with fewer than 28 days of counts is not
      forecast (``no_data``, with a note).
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

    Money targets (spend, cpa, cpc, cpm) are in the reporting currency: they are not paced
    (``not_paced``, with a note) when the ads are in another currency, or in several,
    without exchange rates; ROAS, a ratio, only in the latter case.
    """
    from smmnb.metrics import RATIOS, ratio
    from smmnb.stats import bootstrap_ratio_ci, wilson_interval

    if ws.targets.empty:
        raise _no_targets(ws, "Scoring KPIs against targets", "KPI targets", "there are none")
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
        unpaced = _unpaced_reason(ws, kpi, platform, platforms)
        if unpaced:
            note = unpaced
        elif kpi == "followers":
            series = _followers_series(ws, t.brand, platform)
            seen = series[(series.index >= start - pd.Timedelta(days=1)) & (series.index <= upto)]
            if len(seen) >= 2:
                start_level = seen.iloc[0]
                actual = seen.iloc[-1]
                expected = start_level + (target - start_level) * elapsed
                forecast, low, high, note = _followers_forecast(series, upto, end)
                if platform is None:
                    summed = "followers summed over platforms (accounts, not distinct people)"
                    note = f"{summed}; {note}" if note else summed
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
                scale = RATIOS[kpi][2] if kpi in RATIOS else 1.0  # cpm is per 1,000
                actual = expected = forecast = ratio(num.sum(), den.sum(), scale)
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
                "ci_low": low,
                "ci_high": high,
                "status": "not_paced" if unpaced else _status(direction, target, forecast,
                                                                low, high),
                "note": note,
                "gap": (forecast - target) if direction == "lower" else (target - forecast),
            }
        )  # fmt: skip
    return pd.DataFrame(rows)


def budget_pacing(
    ws, *, as_of: str | pd.Timestamp | None = None, platforms: list[str] | None = None
) -> pd.DataFrame:
    """Spend to date against each ``spend`` target (the budget), and where it is heading.

    Parameters
    ----------
    ws : Workspace
        Ads and targets (``kpi == "spend"`` rows are budgets for their period, campaign and
        platform), narrowed to the platform filter in force if any.
    as_of : str or Timestamp, optional
        Day to measure on; default the last day with data.
    platforms : list of str, optional
        The platform filter ``ws`` was narrowed with (empty or None: no filter). Under a
        filter, a budget for all platforms is listed with the note
        :data:`ALL_PLATFORMS_NOTE` and no spend figures: the filtered ads are only part of
        what it covers.

    Returns
    -------
    pandas.DataFrame
        ``brand``, ``campaign``, ``platform``, ``period_start``, ``period_end``, ``budget``,
        ``spent`` (to ``as_of``), ``planned`` (linear: budget x elapsed share of days),
        ``pace`` (spent / planned), ``daily_rate`` (mean spend per day over the last 14
        days), ``projected`` (spent + daily_rate x remaining days), ``days_left`` (days of
        budget left at ``daily_rate``; NaN when nothing is being spent or nothing is left),
        ``remaining_days``, ``over`` (projected - budget: positive when heading over
        budget), ``note`` ("" when paced, else why not). The spend figures are NaN for a
        budget that is not paced: one for all platforms under a platform filter, or ads in
        a currency other than the budget's (the reporting currency), or in several, without
        exchange rates.

    Raises
    ------
    InsufficientData
        When no spend target is set, or (without a platform filter) there are no ads.
    """
    budgets = ws.targets[ws.targets["kpi"] == "spend"]
    if budgets.empty:
        raise _no_targets(ws, "Budget pacing", "a spend target (a budget)", "there is none")
    if ws.ads.empty and not platforms:
        raise InsufficientData(needs("Budget pacing", "ads (their spend)", "there are none"))
    as_of_day = pd.Timestamp(as_of).normalize() if as_of not in (None, "") else ws.last_date()
    rows = []
    for t in budgets.itertuples(index=False):
        platform = t.platform if isinstance(t.platform, str) else None
        campaign = t.campaign if isinstance(t.campaign, str) else None
        start, end = t.period_start, t.period_end
        upto = min(as_of_day, end)
        span = pd.date_range(start, upto, freq="D")
        elapsed = len(span) / ((end - start).days + 1)
        remaining = max(0, (end - upto).days)
        budget = float(t.target)
        row = {
            "brand": t.brand, "campaign": campaign, "platform": platform,
            "period_start": start, "period_end": end, "budget": budget,
            "spent": np.nan, "planned": budget * elapsed, "pace": np.nan,
            "daily_rate": np.nan, "projected": np.nan, "days_left": np.nan,
            "remaining_days": remaining, "over": np.nan,
            "note": _unpaced_reason(ws, "spend", platform, platforms),
        }  # fmt: skip
        if not row["note"]:
            daily = _daily_components(ws, "spend", t.brand, platform, campaign)["num"]
            spent_days = daily.reindex(span, fill_value=0.0)
            spent = float(spent_days.sum())
            rate = float(spent_days.iloc[-14:].mean()) if len(spent_days) else 0.0
            left = budget - spent
            projected = spent + rate * remaining
            row.update(
                spent=spent,
                pace=spent / (budget * elapsed) if elapsed and budget else np.nan,
                daily_rate=rate,
                projected=projected,
                days_left=left / rate if rate > 0 and left > 0 else np.nan,
                over=projected - budget,
            )
        rows.append(row)
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
        ``cpc`` and ``cpa`` (ads only, with their ``currency``: one row per currency when
        the ads hold several). Reach is not summed across posts or ad-days (it would
        count people several times); ``mean_reach`` is the mean reach per post or ad-day, to
        compare typical size. No rows (with every column) when both tables are empty.
    """
    from smmnb.metrics import currency_codes, engagements, kpis

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
        k = kpis(a, by=["platform", "type"], by_currency=True)
        keys = [c for c in ("platform", "type", "currency") if c in k.columns]
        codes = currency_codes(a)
        if codes is not None:
            a = a.assign(currency=codes)
        g = a.groupby(keys, observed=True)
        extra = pd.DataFrame(
            {"items": g.size(), "mean_reach": g["reach"].mean().astype("float64")}
        ).reset_index()
        k = k.merge(extra, on=keys, how="left")
        frames.append(
            k[[*keys, "items", "impressions", "clicks", "spend", "conversions", "cpc", "cpa",
               "mean_reach"]]
        )  # fmt: skip
    if not frames:  # typed: the columns and dtypes of a result with both tables
        dtypes = {"platform": "str", "type": "str", "items": "int64", "impressions": "float64",
                  "engagements": "float64", "er_reach": "float64", "clicks": "float64",
                  "mean_reach": "float64", "currency": "str", "spend": "float64",
                  "conversions": "float64", "cpc": "float64", "cpa": "float64"}  # fmt: skip
        return pd.DataFrame({c: pd.Series(dtype=d) for c, d in dtypes.items()})
    out = pd.concat(frames, ignore_index=True)
    out["platform"] = out["platform"].astype("str")
    order = {"organic": 0, "boosted": 1, "ads": 2}
    out = out.sort_values(["platform", "type"], key=lambda s: s.map(order) if s.name == "type"
                          else s, kind="stable")  # fmt: skip
    return out.reset_index(drop=True)


def funnel(ads: pd.DataFrame) -> pd.DataFrame:
    """Impressions, clicks and conversions of ads per platform, with the rates between.

    No money: the counts add up across currencies.

    Returns
    -------
    pandas.DataFrame
        One row per platform: ``platform``, ``impressions``, ``clicks``, ``conversions``,
        ``ctr`` (clicks / impressions), ``cvr`` (conversions / clicks); NaN where a
        denominator is 0. Sorted by platform.
    """
    from smmnb.metrics import ratio

    counts = ["impressions", "clicks", "conversions"]
    out = (
        ads.astype({c: "float64" for c in counts})
        .groupby(ads["platform"].astype("str"))[counts]
        .sum(min_count=1)
        .rename_axis("platform")
        .reset_index()
    )
    out["ctr"] = ratio(out["clicks"], out["impressions"]).to_numpy()
    out["cvr"] = ratio(out["conversions"], out["clicks"]).to_numpy()
    return out.sort_values("platform", kind="stable").reset_index(drop=True)


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


def _two_proportions(x1, n1, x2, n2, alpha: float):
    """Vectorized :func:`smmnb.stats.ab_test` (z-test, pooled) of rate 1 against rate 2.

    Returns the difference (1 - 2), its Newcombe interval and the two-sided p-value; the
    caller keeps only the comparisons it has judged testable.
    """
    from scipy import stats as st

    from smmnb.stats import wilson_interval

    with np.errstate(invalid="ignore", divide="ignore"):
        p1, p2 = x1 / n1, x2 / n2
        pooled = (x1 + x2) / (n1 + n2)
        se = np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
        diff = p1 - p2
        p_value = 2 * st.norm.sf(np.abs(diff / se))
        l1, u1 = wilson_interval(x1, n1, alpha=alpha)
        l2, u2 = wilson_interval(x2, n2, alpha=alpha)
        low = diff - np.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
        high = diff + np.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return diff, low, high, p_value


def _testable(x1, n1, x2, n2, min_expected: float) -> np.ndarray:
    """Which comparisons a z-test may judge.

    Both sides have trials, successes never exceed trials, and under the pooled rate each
    side expects at least ``min_expected`` successes and as many failures.
    """
    with np.errstate(invalid="ignore", divide="ignore"):
        pooled = (x1 + x2) / (n1 + n2)
        least = np.minimum(pooled, 1 - pooled)
        ok = (n1 > 0) & (n2 > 0) & (x1 <= n1) & (x2 <= n2)
        ok &= (n1 * least >= min_expected) & (n2 * least >= min_expected)
    return np.asarray(ok, dtype=bool)


CREATIVE_VERDICTS = ("better", "worse", "no clear difference", "too few to test")
"""What :func:`creative_tests` says of each ad."""

REST = "the other ads"
"""``versus`` of a leave-one-out comparison: the pooled other ads of the same group."""


def creative_tests(
    ads: pd.DataFrame,
    metric: str = "ctr",
    within: str = "campaign",
    *,
    alpha: float = 0.05,
    best_pair: bool = False,
    min_expected: float = 5.0,
) -> pd.DataFrame:
    """Each ad against the pooled other ads of its campaign (leave-one-out), Holm-adjusted.

    Comparing every pair grows with the square of the ads (625 ads make 194,750 pairs); a
    manager's question is which ads do better or worse than the rest. Each ad's rate is
    compared with the pooled rate of the other ads of its group by a two-sided pooled
    two-proportion z-test (what :func:`smmnb.stats.ab_test` does), in one vectorized pass.

    Parameters
    ----------
    ads : pandas.DataFrame
        ``ads`` rows (summed per ad over the rows given).
    metric : {"ctr", "cvr"}
        The rate compared: clicks / impressions or conversions / clicks.
    within : str
        Column that defines a test group (a campaign, or an ad set). Groups with one ad
        have nothing to compare with and give no rows.
    alpha : float
        Family-wise level: p-values are Holm-adjusted over every comparison made (all
        groups together: they are read together).
    best_pair : bool
        Also compare, in each group, the two ads with the most trials head to head (the
        pair a manager usually asks about; off by default). Those rows have
        ``comparison == "pair"`` and join the Holm family.
    min_expected : float
        The testing rule: an ad is tested only when it and the rest each have trials,
        successes never exceed trials (view-through conversions can outnumber clicks), and
        under the pooled rate each side expects at least ``min_expected`` successes and
        as many failures (the usual condition of the normal approximation). Other ads are
        listed with the verdict "too few to test" and no p-value; never call them winners.

    Returns
    -------
    pandas.DataFrame
        One row per ad (and per best pair when asked): ``group``, ``ad``, ``comparison``
        (``rest`` or ``pair``), ``versus`` (:data:`REST`, or the pair's other ad),
        ``successes``, ``trials``, ``rate`` (the ad), ``other_successes``,
        ``other_trials``, ``other_rate`` (what it is compared with), ``diff`` (rate -
        other_rate), ``rel_change`` (diff / other_rate), ``ci_low``, ``ci_high`` (Newcombe's
        95% interval of diff), ``p_value``, ``p_holm``, ``tested``, ``significant``
        (``p_holm < alpha``), ``verdict`` (one of :data:`CREATIVE_VERDICTS`). For code
        written for the former pairwise output, ``ad_b``/``successes_b``/``trials_b``/
        ``rate_b`` repeat the ad and ``ad_a``/``successes_a``/``trials_a``/``rate_a`` what
        it is compared with. Sorted by group, comparison, tested first, p-value, ad.
    """
    from smmnb.stats import holm

    if not 0 < alpha < 1:
        raise ValueError(f"alpha must be between 0 and 1, got {alpha}")
    if min_expected < 0:
        raise ValueError(f"min_expected must be >= 0, got {min_expected}")
    num, den, sums = _ad_sums(ads, metric, within)
    sums = sums.fillna({num: 0.0, den: 0.0})
    sums = sums[sums.groupby(within, observed=True)["ad"].transform("size") >= 2]
    groups = sums[within].astype("str").to_numpy(dtype=object)
    names = sums["ad"].astype("str").to_numpy(dtype=object)
    x, n = sums[num].to_numpy(dtype="float64"), sums[den].to_numpy(dtype="float64")
    totals = sums.groupby(within, observed=True)[[num, den]].transform("sum")
    parts = {
        "group": groups, "ad": names, "comparison": np.full(len(x), "rest", dtype=object),
        "versus": np.full(len(x), REST, dtype=object), "successes": x, "trials": n,
        "other_successes": totals[num].to_numpy("float64") - x,
        "other_trials": totals[den].to_numpy("float64") - n,
    }  # fmt: skip
    out = pd.DataFrame(parts)
    size = out.groupby("group")["ad"].transform("size").to_numpy()
    if best_pair and (size > 2).any():  # with two ads, the pair is the leave-one-out test
        top = out[size > 2].sort_values(
            ["group", "trials", "ad"], ascending=[True, False, True], kind="stable"
        )
        first = top.groupby("group", sort=False).nth(0)
        second = top.groupby("group", sort=False).nth(1).set_index("group")
        second = second.reindex(first["group"].to_numpy())
        pair = pd.DataFrame(
            {
                "group": first["group"].to_numpy(), "ad": first["ad"].to_numpy(),
                "comparison": "pair", "versus": second["ad"].to_numpy(),
                "successes": first["successes"].to_numpy(), "trials": first["trials"].to_numpy(),
                "other_successes": second["successes"].to_numpy(),
                "other_trials": second["trials"].to_numpy(),
            }
        )  # fmt: skip
        out = pd.concat([out, pair], ignore_index=True)
    x1, n1 = out["successes"].to_numpy("float64"), out["trials"].to_numpy("float64")
    x2, n2 = out["other_successes"].to_numpy("float64"), out["other_trials"].to_numpy("float64")
    diff, low, high, p = _two_proportions(x1, n1, x2, n2, alpha)
    tested = _testable(x1, n1, x2, n2, min_expected)
    with np.errstate(invalid="ignore", divide="ignore"):
        out["rate"] = np.where(n1 > 0, x1 / n1, np.nan)
        out["other_rate"] = np.where(n2 > 0, x2 / n2, np.nan)
        out["diff"] = out["rate"] - out["other_rate"]
        out["rel_change"] = np.where(out["other_rate"] > 0, out["diff"] / out["other_rate"], np.nan)
    out["ci_low"] = np.where(tested, low, np.nan)
    out["ci_high"] = np.where(tested, high, np.nan)
    out["p_value"] = np.where(tested, p, np.nan)
    # One family: every comparison made at once, so a report of many ads does not find a
    # "winner" by chance. In a group of two ads both rows are one and the same test: it
    # counts once.
    family = np.arange(len(out))
    two = np.flatnonzero(size == 2)  # rest rows come first, in the order of ``size``
    if len(two):
        first = pd.Series(two).groupby(out["group"].to_numpy()[two]).transform("min")
        family[two] = first.to_numpy()
    unique = np.unique(family)
    adjusted = pd.Series(holm(out["p_value"].to_numpy()[unique]), index=unique)
    out["p_holm"] = adjusted.reindex(family).to_numpy()
    out["tested"] = tested
    out["significant"] = tested & (out["p_holm"].to_numpy() < alpha)
    verdict = np.where(out["diff"] > 0, "better", "worse").astype(object)
    verdict[~out["significant"].to_numpy()] = "no clear difference"
    verdict[~tested] = "too few to test"
    out["verdict"] = verdict
    out["ad_a"], out["ad_b"] = out["versus"], out["ad"]
    out["successes_a"], out["trials_a"] = out["other_successes"], out["other_trials"]
    out["successes_b"], out["trials_b"] = out["successes"], out["trials"]
    out["rate_a"], out["rate_b"] = out["other_rate"], out["rate"]
    out = out.assign(_untested=~out["tested"], _pair=out["comparison"] == "pair")
    out = out.sort_values(["group", "_pair", "_untested", "p_value", "ad"], kind="stable")
    return out.drop(columns=["_untested", "_pair"]).reset_index(drop=True)


@dataclass(frozen=True)
class LiftResult:
    """Outcome of :func:`lift`.

    Attributes
    ----------
    effect : float
        Total effect over the flight: actual minus counterfactual, summed over its days.
    ci_low, ci_high : float
        95% interval of ``effect``.
    rel_change : float
        ``effect`` / counterfactual total (0.3 = +30%).
    p_value : float
        Two-sided p-value of no effect.
    significant : bool
        ``p_value < 0.05``.
    daily : pandas.DataFrame
        Per day (pre-period and flight): ``actual``, ``expected`` (the counterfactual),
        ``ci_low``, ``ci_high`` (95% prediction band), ``in_flight``.
    """

    effect: float
    ci_low: float
    ci_high: float
    rel_change: float
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

    Raises
    ------
    InsufficientData
        With fewer than 28 days before the flight, no day inside it, or a missing day in
        either.

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
        from smmnb.narrative import count as say_count

        raise InsufficientData(
            needs(
                "Measuring lift",
                "at least 28 days before the flight",
                f"the series has {say_count(int(pre.sum()), 'day')} before it",
            )
        )
    if flight.sum() == 0:
        raise InsufficientData(
            needs("Measuring lift", "days inside the flight", "the series has none")
        )
    if s[pre | flight].isna().any():
        raise InsufficientData(
            needs(
                "Measuring lift",
                "a value on every day of the pre-period and the flight",
                "the series has missing days; fill them",
            )
        )
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
            "ci_low": frame["obs_ci_lower"].to_numpy(),
            "ci_high": frame["obs_ci_upper"].to_numpy(),
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
        ci_low=effect - t * sd,
        ci_high=effect + t * sd,
        rel_change=effect / counterfactual if counterfactual else float("nan"),
        p_value=p_value,
        significant=p_value < 0.05,
        daily=daily,
    )


@dataclass(frozen=True)
class CampaignLift:
    """Outcome of :func:`campaign_lift`.

    Attributes
    ----------
    campaign : str
        The campaign measured.
    first, last : pandas.Timestamp
        Its flight: the first and last day of its ads.
    series : str
        The channel group measured (``Organic Social``).
    controls : tuple of str
        The channel groups used as controls.
    overlapping : tuple of str
        Other campaigns that started or stopped between the beginning of the fitted
        pre-period and the end of the flight: the measured difference is theirs too (a
        campaign running throughout is part of the baseline).
    result : LiftResult
    platforms : tuple of str
        The platforms whose sources the series keeps (empty: all).
    """

    campaign: str
    first: pd.Timestamp
    last: pd.Timestamp
    series: str
    controls: tuple[str, ...]
    overlapping: tuple[str, ...]
    result: LiftResult
    platforms: tuple[str, ...] = ()


def campaign_lift(
    ws,
    campaign: str = "",
    *,
    start: str | pd.Timestamp | None = None,
    end: str | pd.Timestamp | None = None,
    pre_days: int = 56,
    series: str = "Organic Social",
    controls: tuple[str, ...] = ("Organic Search", "Direct"),
    platforms: list[str] | None = None,
) -> CampaignLift:
    """The lift of a campaign's flight on web sessions from one channel group (:func:`lift`).

    Parameters
    ----------
    ws : Workspace
        Ads and web sessions of the brand, every date up to the end of the period (the
        pre-period lies before it).
    campaign : str
        The campaign; "" means the campaign with the most ad spend in ``[start, end]`` (by
        impressions when the ads hold several currencies) whose flight has web sessions on
        every day and on at least 28 days before it.
    start, end : str or Timestamp, optional
        The period the default campaign is chosen in; default all of ``ws``.
    pre_days : int
        Days before the flight to fit on (at most).
    series : str
        Channel group whose daily sessions are measured (see :func:`channel_group`).
    controls : tuple of str
        Channel groups used as controls (those without sessions are left out).
    platforms : list of str, optional
        The platform filter in force: the measured series keeps the sessions from these
        platforms' sources only (see :func:`source_platform`); controls stay whole.

    Returns
    -------
    CampaignLift

    Raises
    ------
    InsufficientData
        With one sentence: no web sessions, no ads, the campaign named is not in the ads,
        or no flight has web sessions around it.
    """
    from smmnb.metrics import currency_codes
    from smmnb.narrative import day as say_day
    from smmnb.narrative import period as say_period

    web, ads = ws.web_sessions, ws.ads
    what = (
        f"The lift of {campaign} on web traffic"
        if campaign
        else "The lift of a campaign on web traffic"
    )
    if web.empty:
        raise InsufficientData(
            needs(what, "web sessions (the web_sessions table)", "there are none")
        )
    if ads.empty:
        raise InsufficientData(
            needs(what, "ads, which date the campaign's flight", "there are none")
        )
    day = pd.to_datetime(ads["date"]).dt.normalize()
    names = ads["campaign"].astype("str")
    web_day = pd.to_datetime(web["date"]).dt.normalize()
    web_first, web_last = web_day.min(), web_day.max()
    around = f"the web sessions cover {say_period(web_first, web_last)}"

    def flight(name: str) -> tuple[pd.Timestamp, pd.Timestamp]:
        days = day[(names == name).to_numpy()]
        return days.min(), days.max()

    def covered(first: pd.Timestamp, last: pd.Timestamp) -> bool:
        return first - pd.Timedelta(days=28) >= web_first and last <= web_last

    if campaign:
        if not (names == campaign).any():
            found = sorted(set(names))
            raise InsufficientData(
                needs(
                    what,
                    f"ads of {campaign} to date its flight",
                    f"the ads here are for {listing(found)}",
                )  # fmt: skip
            )
        first, last = flight(campaign)
        if not covered(first, last):
            raise InsufficientData(
                needs(
                    what,
                    f"web sessions on every day of its flight ({say_day(first)} to "
                    f"{say_day(last)}) "
                    "and on at least 28 days before it",
                    around,
                )  # fmt: skip
            )
        chosen = campaign
    else:
        inside = pd.Series(True, index=ads.index)
        if start not in (None, ""):
            inside &= (day >= pd.Timestamp(start)).to_numpy()
        if end not in (None, ""):
            inside &= (day <= pd.Timestamp(end)).to_numpy()
        codes = currency_codes(ads)
        several = codes is not None and codes.nunique() > 1
        weight = ads["impressions" if several else "spend"].astype("float64")
        ranking = weight[inside.to_numpy()].groupby(names[inside.to_numpy()]).sum()
        ranking = ranking.sort_index().sort_values(ascending=False, kind="stable")
        chosen = next((n for n in ranking.index if covered(*flight(n))), None)
        if chosen is None:
            raise InsufficientData(
                needs(
                    what,
                    "a campaign with ads in the period, web sessions on every day of its "
                    "flight and on at least 28 days before it",
                    around,
                )  # fmt: skip
            )
        first, last = flight(chosen)
    groups = channel_group(web).astype("str")
    if platforms:
        other = (groups == series) & ~source_platform(web).isin([p.lower() for p in platforms])
        groups = groups.where(~other, "")
    daily = (
        web.assign(_group=groups.to_numpy(), _day=web_day.to_numpy())
        .pivot_table(index="_day", columns="_group", values="sessions", aggfunc="sum")
        .reindex(pd.date_range(web_first, web_last, freq="D"))
        .fillna(0.0)
        .astype("float64")
    )
    window = (daily.index >= first - pd.Timedelta(days=pre_days)) & (daily.index <= last)
    if series not in daily.columns or daily.loc[window, series].sum() == 0:
        raise InsufficientData(
            needs(what, f"web sessions from {series.lower()} around the flight",
                  f"there are none from {say_period(first - pd.Timedelta(days=pre_days), last)}")
        )  # fmt: skip
    used = tuple(c for c in controls if c in daily.columns and daily.loc[window, c].sum() > 0)
    result = lift(daily[series], first, last, controls=daily[list(used)] if used else None,
                  pre_days=pre_days)  # fmt: skip
    # Another campaign that started or stopped between the start of the fitted pre-period and
    # the end of the flight changes the series too; one running throughout (always-on
    # search) is part of the baseline.
    fit_start = max(first - pd.Timedelta(days=pre_days), web_first)
    inside = ((day >= fit_start) & (day <= last) & (names != chosen)).to_numpy()
    spans = day.groupby(names.to_numpy()).agg(["min", "max"])
    overlapping = tuple(
        sorted(
            n
            for n in set(names[inside])
            if spans.loc[n, "min"] > fit_start or spans.loc[n, "max"] < last
        )
    )
    return CampaignLift(
        chosen, first, last, series, used, overlapping, result, tuple(platforms or ())
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


_SOURCE_PLATFORMS = (
    ("facebook", r"facebook|^fb$|messenger"), ("instagram", r"instagram|^ig$"),
    ("tiktok", r"tiktok"), ("youtube", r"youtube|youtu\.be"), ("zalo", r"zalo"),
    ("linkedin", r"linkedin|lnkd\.in"), ("x", r"^t\.co$|twitter|^x\.com$|^x$"),
    ("threads", r"threads"), ("google", r"google"),
)  # fmt: skip


def source_platform(web_sessions: pd.DataFrame) -> pd.Series:
    """The platform (``facebook``, ``tiktok``...) a web session's ``source`` belongs to.

    ``m.facebook.com`` and ``fb`` are Facebook, ``t.co`` is X; "" for a source of no
    platform (``(direct)``, a newsletter).
    """
    source = web_sessions["source"].astype("str").str.strip().str.lower().fillna("")
    out = pd.Series("", index=web_sessions.index, dtype="object")
    for platform, pattern in _SOURCE_PLATFORMS:
        out[(out == "") & source.str.contains(pattern, regex=True).fillna(False)] = platform
    return out


def web_from_social(ws, *, platforms: list[str] | None = None) -> pd.DataFrame:
    """Web sessions from social, by platform and UTM campaign, and social's share of traffic.

    Parameters
    ----------
    ws : Workspace
    platforms : list of str, optional
        Keep the social sources of these platforms only (see :func:`source_platform`); the
        share is still of all the period's sessions.

    Returns
    -------
    pandas.DataFrame
        One row per social ``source`` (lower case) and ``campaign`` ("" for untagged):
        ``platform``, ``channel_group`` (Organic or Paid Social), ``sessions``,
        ``engaged_rate`` (engaged sessions / sessions), ``conversions``, ``cvr``
        (conversions / sessions), ``revenue``, ``share_of_all`` (sessions / all sessions of
        the period, every source). Sorted by sessions.
    """
    from smmnb.metrics import ratio

    web = ws.web_sessions
    columns = ["source", "campaign", "platform", "channel_group", "sessions", "conversions",
               "revenue", "engaged_rate", "cvr", "share_of_all"]  # fmt: skip
    if web.empty:
        return pd.DataFrame(columns=columns)
    groups = channel_group(web)
    keep = groups.isin(SOCIAL_GROUPS).to_numpy().copy()
    platform = source_platform(web)
    if platforms:
        keep &= platform.isin([p.lower() for p in platforms]).to_numpy()
    social = web[keep].assign(
        channel_group=groups[keep].astype("str").to_numpy(),
        platform=platform[keep].to_numpy(),
        source=lambda d: d["source"].astype("str"),
        campaign=lambda d: d["campaign"].astype("str").fillna(""),
    )
    cols = ["sessions", "engaged_sessions", "conversions", "revenue"]
    out = (
        social.astype({c: "float64" for c in cols})
        .groupby(["source", "campaign", "platform", "channel_group"])[cols]
        .sum(min_count=1)
        .reset_index()
    )
    out["engaged_rate"] = ratio(out["engaged_sessions"], out["sessions"]).to_numpy()
    out["cvr"] = ratio(out["conversions"], out["sessions"]).to_numpy()
    out["share_of_all"] = out["sessions"] / float(web["sessions"].sum())
    out = out[columns]
    return out.sort_values("sessions", ascending=False, kind="stable").reset_index(drop=True)


def creative_rates(
    ads: pd.DataFrame, metric: str = "ctr", within: str = "campaign", *, top: int | None = None
) -> pd.DataFrame:
    """Each ad's pooled rate with its 95% Wilson interval (the data of a creative chart).

    Parameters
    ----------
    ads : pandas.DataFrame
    metric : {"ctr", "cvr"}
    within : str
        Column that defines a group.
    top : int, optional
        Keep at most this many ads per group, those with the most trials (a chart of 600
        ads reads as nothing).

    Returns
    -------
    pandas.DataFrame
        ``group``, ``ad``, ``successes``, ``trials``, ``rate``, ``ci_low``, ``ci_high``; only
        groups with two or more ads (where a comparison exists).
    """
    from smmnb.stats import wilson_interval

    if top is not None and top < 1:
        raise ValueError(f"top must be >= 1, got {top}")
    num, den, sums = _ad_sums(ads, metric, within)
    sums = sums[sums[den] > 0]
    sums = sums[sums.groupby(within, observed=True)["ad"].transform("size") >= 2]
    if top is not None:
        rank = sums.groupby(within, observed=True)[den].rank(method="first", ascending=False)
        sums = sums[rank <= top]
    low, high = wilson_interval(sums[num].to_numpy(), sums[den].to_numpy())
    out = pd.DataFrame(
        {
            "group": sums[within].astype("str").to_numpy(),
            "ad": sums["ad"].astype("str").to_numpy(),
            "successes": sums[num].to_numpy(),
            "trials": sums[den].to_numpy(),
            "rate": (sums[num] / sums[den]).to_numpy(),
            "ci_low": low,
            "ci_high": high,
        }
    )
    return out.sort_values(["group", "ad"], kind="stable").reset_index(drop=True)
