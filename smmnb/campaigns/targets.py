"""KPIs against targets: the scorecard, with pace and a forecast for the period end."""

from __future__ import annotations

import numpy as np
import pandas as pd

from smmnb.campaigns._common import _is_in, _local_day
from smmnb.errors import InsufficientData
from smmnb.i18n import N_, _, pgettext
from smmnb.narrative import listing, needs

__all__ = ["ALL_PLATFORMS_NOTE", "scorecard"]


_CUMULATIVE = {"reach", "impressions", "engagements", "clicks", "conversions", "spend", "sessions"}


_RATES = {"er_reach", "ctr", "cvr", "cpa", "roas", "cpc", "cpm", "response_rate", "net_sentiment"}


_PROPORTIONS = {"er_reach": ("engagements", "reach"), "ctr": ("clicks", "impressions"),
                "cvr": ("conversions", "clicks")}  # fmt: skip


_RECENT_DAYS = 28


_AD_KPIS = ("spend", "clicks", "conversions", "impressions", "cpa", "roas", "ctr", "cvr", "cpc",
            "cpm")  # fmt: skip


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
        note = _("too few days of follower counts to forecast ({days} needed)").format(
            days=MIN_GROWTH_DAYS
        )
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


ALL_PLATFORMS_NOTE = N_("covers all platforms; not paced against the filtered data")
"""The note of a target (or budget) set for all platforms, read under a platform filter.

The one note that stays in English whatever the report language (a code others compare
with); :mod:`smmnb.narrative.campaigns` translates it for display. Every other note is
written in the report language."""


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
        return _("the ads are in {currencies} and no exchange rate is given").format(
            currencies=listing(found)
        )
    if kpi in _MONEY_KPIS and found and found != [ws.currency]:
        return _(
            "the ads are in {currency} and the target in {target_currency}, and no exchange rate "
            "is given"
        ).format(currency=found[0], target_currency=ws.currency)
    return ""


def _unpaced_reason(ws, kpi: str, platform, platforms) -> str:
    if platforms and platform is None:
        return ALL_PLATFORMS_NOTE
    return _money_problem(ws, kpi)


def _no_targets(ws, analysis: str, need: str, found: str) -> InsufficientData:
    """The fallback of a section without targets; the three parts are already translated."""
    if getattr(ws, "brand", None):
        need = _("{need} for {brand}").format(need=need, brand=ws.brand)
    return InsufficientData(needs(analysis, need, found))


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
        raise _no_targets(
            ws,
            _("Scoring KPIs against targets"),
            _("KPI targets"),
            pgettext("campaigns", "there are none"),
        )
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
                    summed = _("followers summed over platforms (accounts, not distinct people)")
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
                note = _("sum of per-post reach: overstates unique people reached")
        elif kpi in _RATES:
            daily = _daily_components(ws, kpi, t.brand, platform, campaign, (start, upto))
            daily = daily[(daily.index >= start) & (daily.index <= upto)]
            if len(daily) and daily["den"].sum() > 0:
                num, den = daily["num"].to_numpy(), daily["den"].to_numpy()
                scale = RATIOS[kpi][2] if kpi in RATIOS else 1.0  # cpm is per 1,000
                actual = expected = forecast = ratio(num.sum(), den.sum(), scale)
                if kpi in _PROPORTIONS or kpi == "response_rate":
                    if kpi == "er_reach":  # engagements can exceed people; bootstrap instead
                        _pooled, low, high = bootstrap_ratio_ci(num, den, seed=0)
                    else:
                        low, high = wilson_interval(num.sum(), den.sum())
                else:
                    _pooled, low, high = bootstrap_ratio_ci(num, den, seed=0)
                    low, high = low * scale, high * scale
        else:
            note = _("unknown KPI {kpi}").format(kpi=repr(kpi))
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
