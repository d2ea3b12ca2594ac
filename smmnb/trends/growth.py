"""Audience growth: follower forecasts, targets on time, channel overview, daily gains."""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats as st

from smmnb.errors import InsufficientData
from smmnb.i18n import N_, _
from smmnb.metrics import ratio
from smmnb.names import platform_name
from smmnb.narrative import count as _count
from smmnb.narrative import day as _day
from smmnb.narrative import esc, needs
from smmnb.trends._common import _local
from smmnb.trends.posting import _per_post

__all__ = [
    "forecast_horizon",
    "GrowthForecast",
    "follower_growth",
    "follower_targets",
    "targets_on_time",
    "window_test",
    "growth_focus",
    "ChannelOverview",
    "channel_overview",
    "FollowerGains",
    "follower_gains",
]


@dataclass(frozen=True)
class GrowthForecast:
    """Output of :func:`follower_growth`.

    Attributes
    ----------
    history : pandas.DataFrame
        ``date``, ``brand``, ``platform``, ``followers``, ``net`` (change from the day before),
        ``rel_change_28d`` (followers / followers 28 days earlier - 1).
    rates : pandas.DataFrame
        One row per series: ``last_day`` (its last day with a count, at most ``as_of``),
        ``days`` (days from its first count to ``last_day``), ``followers`` on ``last_day``,
        ``gain_28d`` (net gain over the last 28 days; NaN with fewer than 29 days),
        ``daily_gain`` = gain_28d / 28, ``rel_change_28d`` = gain_28d / followers 28 days before,
        ``gain_prev_28d`` (the 28 days before those; NaN with fewer than 57 days),
        ``trend`` = the model's daily trend at ``last_day`` (NaN when not forecast).
    forecast : pandas.DataFrame
        ``date``, ``brand``, ``platform``, ``forecast``, ``ci_low``, ``ci_high`` (prediction
        interval) for ``horizon`` days after each series' ``last_day``; series with fewer
        than 28 days of counts are not forecast (see ``too_short``).
    targets : pandas.DataFrame
        Per forecast series with a target: ``target``, ``followers``, ``reached_on`` (first
        day the forecast reaches it), ``earliest`` (the interval's upper bound reaches it),
        ``latest`` (its lower bound does); NaT when not within two years, and
        ``reached_on`` = the last observed day when already reached.
    too_short : dict
        ``{(brand, platform): days}`` for the series with fewer than 28 days of counts.
    """

    history: pd.DataFrame
    rates: pd.DataFrame
    forecast: pd.DataFrame
    targets: pd.DataFrame
    too_short: dict = field(default_factory=dict)


def _first_day(days: pd.DatetimeIndex, values: np.ndarray, target: float) -> pd.Timestamp:
    hit = np.flatnonzero(values >= target)
    return days[hit[0]] if len(hit) else pd.NaT


MIN_GROWTH_DAYS = 28
"""Days of follower counts a series needs to be forecast (and to have a 28-day gain)."""


def follower_growth(
    followers: pd.DataFrame,
    horizon: int = 30,
    *,
    target: float | dict | None = None,
    as_of: str | pd.Timestamp | None = None,
    fit_days: int = 90,
    alpha: float = 0.05,
    tz: str | None = None,
) -> GrowthForecast:
    """Follower history, growth rates and a forecast with intervals, per brand and platform.

    The forecast is an additive-error, additive-trend exponential smoothing model (Holt's
    linear trend as a state-space ETS(A,A,N) model, statsmodels ``ETSModel``) fitted to the
    last ``fit_days`` daily follower counts up to ``as_of``; its prediction intervals are the
    model's analytic ones. It extends the recent trend: it does not know about campaigns to
    come. A series with fewer than 28 days of counts gets its history and rates (its gains
    are NaN where the days are too few) but no forecast.

    Parameters
    ----------
    followers : pandas.DataFrame
        A ``followers`` table (brand x platform x day).
    horizon : int
        Days to forecast (>= 1).
    target : float or dict, optional
        A followers target: one number for every series, or ``{platform: target}`` or
        ``{(brand, platform): target}``.
    as_of : str or Timestamp, optional
        Last day used; default the last day in the table. A series whose counts end earlier
        is used up to its own last day.
    fit_days : int
        Days of history the model is fitted on (>= 28).
    alpha : float
        1 - level of the prediction intervals.
    tz : str, optional
        Local time zone of the days, for ``date`` columns with a time zone (see the module
        docstring).

    Returns
    -------
    GrowthForecast

    Raises
    ------
    InsufficientData
        When there are no counts up to ``as_of``, or no series has 28 days of them.
    """
    from statsmodels.tools.sm_exceptions import ConvergenceWarning
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    if horizon < 1:
        raise ValueError(f"horizon must be >= 1, got {horizon}")
    if fit_days < MIN_GROWTH_DAYS:
        raise ValueError(f"fit_days must be >= {MIN_GROWTH_DAYS}, got {fit_days}")
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must be between 0 and 1, got {alpha}")
    for column in ("date", "brand", "platform", "followers"):
        if column not in followers.columns:
            raise ValueError(f"follower_growth needs a '{column}' column")
    analysis = _("Forecasting followers")
    df = followers[["date", "brand", "platform", "followers"]].copy()
    df["date"] = _local(followers, "date", tz).dt.normalize().to_numpy()
    df = df.dropna(subset=["date", "followers"])
    if df.empty:
        raise InsufficientData(needs(analysis, _("daily follower counts"), _("there are none")))
    df["brand"] = df["brand"].astype("str")
    df["platform"] = df["platform"].astype("str")
    end = pd.Timestamp(as_of).tz_localize(None).normalize() if as_of else df["date"].max()
    if not (df["date"] <= end).any():
        raise InsufficientData(
            needs(
                analysis,
                _("follower counts on or before {day}").format(day=_day(end)),
                _("the counts here start on {day}").format(day=_day(df["date"].min())),
            )
        )
    df = df[df["date"] <= end].sort_values(["brand", "platform", "date"])
    df["followers"] = df["followers"].astype("float64")
    history_rows, rate_rows, forecast_rows, target_rows = [], [], [], []
    too_short: dict[tuple[str, str], int] = {}
    long_days = 730
    for (brand, platform), series in df.groupby(["brand", "platform"], sort=True):
        s = series.set_index("date")["followers"].groupby(level=0).last()
        last_day = s.index.max()
        s = s.reindex(pd.date_range(s.index.min(), last_day, freq="D")).interpolate(
            limit_area="inside"
        )
        hist = pd.DataFrame({"date": s.index, "brand": brand, "platform": platform,
                             "followers": s.to_numpy()})  # fmt: skip
        hist["net"] = s.diff().to_numpy()
        hist["rel_change_28d"] = (s / s.shift(28) - 1).to_numpy()
        history_rows.append(hist)
        last = float(s.iloc[-1])
        before = float(s.iloc[-29]) if len(s) > 28 else np.nan
        gain = last - before
        prev = before - float(s.iloc[-57]) if len(s) > 56 else np.nan
        rate = {
            "brand": brand,
            "platform": platform,
            "last_day": last_day,
            "days": len(s),
            "followers": last,
            "gain_28d": gain,
            "daily_gain": gain / 28,
            "rel_change_28d": ratio(pd.Series([gain]), pd.Series([before])).iloc[0],
            "gain_prev_28d": prev,
            "trend": np.nan,
        }
        rate_rows.append(rate)
        fit_on = s.dropna().iloc[-fit_days:]
        if len(fit_on) < MIN_GROWTH_DAYS:
            too_short[(brand, platform)] = len(s)
            continue
        fit_on = fit_on.asfreq("D")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            warnings.simplefilter("ignore", RuntimeWarning)  # flat series: zero variances
            model = ETSModel(fit_on, error="add", trend="add").fit(disp=False)
            steps = max(horizon, long_days)
            pred = model.get_prediction(start=len(fit_on), end=len(fit_on) + steps - 1)
            frame = pred.summary_frame(alpha=alpha)
        days = pd.date_range(last_day + pd.Timedelta(days=1), periods=steps, freq="D")
        mean = frame["mean"].to_numpy()
        lower, upper = frame["pi_lower"].to_numpy(), frame["pi_upper"].to_numpy()
        # A flat series has a zero-width interval (NaN from 0/0): the forecast itself.
        lower = np.where(np.isnan(lower), mean, lower)
        upper = np.where(np.isnan(upper), mean, upper)
        forecast_rows.append(
            pd.DataFrame(
                {
                    "date": days[:horizon],
                    "brand": brand,
                    "platform": platform,
                    "forecast": mean[:horizon],
                    "ci_low": lower[:horizon],
                    "ci_high": upper[:horizon],
                }
            )  # fmt: skip
        )
        rate["trend"] = float(np.asarray(model.slope)[-1])
        goal = target
        if isinstance(target, dict):
            goal = target.get((brand, platform), target.get(platform))
        if goal is not None and not pd.isna(goal):
            goal = float(goal)
            reached = last >= goal
            target_rows.append(
                {
                    "brand": brand,
                    "platform": platform,
                    "target": goal,
                    "followers": last,
                    "reached_on": last_day if reached else _first_day(days, mean, goal),
                    "earliest": last_day if reached else _first_day(days, upper, goal),
                    "latest": last_day if reached else _first_day(days, lower, goal),
                }
            )
    if not forecast_rows:
        longest = max(too_short.items(), key=lambda kv: kv[1])
        (brand, platform), days_held = longest
        found = (
            _("the counts here cover {days} at most ({platform})")
            if len(too_short) > 1
            else _("the counts here cover {days} ({platform})")
        ).format(days=_count(days_held, "day"), platform=esc(platform_name(platform)))
        need = _(
            "{days} days of follower counts on a platform (to measure a 28-day gain and fit a "
            "trend)"
        ).format(days=_count(MIN_GROWTH_DAYS))
        raise InsufficientData(needs(analysis, need, found))
    targets = pd.DataFrame(
        target_rows,
        columns=["brand", "platform", "target", "followers", "reached_on", "earliest", "latest"],
    )
    for column in ("reached_on", "earliest", "latest"):
        targets[column] = pd.to_datetime(targets[column])
    return GrowthForecast(
        history=pd.concat(history_rows, ignore_index=True),
        rates=pd.DataFrame(rate_rows),
        forecast=pd.concat(forecast_rows, ignore_index=True),
        targets=targets,
        too_short=too_short,
    )


def forecast_horizon(goals: pd.DataFrame, as_of: str | pd.Timestamp, at_least: int = 60) -> int:
    """Days of follower forecast that reach every target's due day, and at least ``at_least``.

    So the forecast quoted for a target is the one on its due day, as the campaign scorecard
    gives it.

    >>> goals = pd.DataFrame({"platform": ["tiktok"], "target": [121300],
    ...                       "due": [pd.Timestamp("2026-12-31")]})
    >>> forecast_horizon(goals, "2026-10-31", 30), forecast_horizon(goals, "2026-10-31", 90)
    (61, 90)
    """
    if goals.empty or "due" not in goals.columns:
        return int(at_least)
    day = pd.Timestamp(as_of).tz_localize(None).normalize()
    days = (pd.to_datetime(goals["due"]).max() - day).days
    return int(max(at_least, days))


def follower_targets(targets: pd.DataFrame, as_of: str | pd.Timestamp) -> pd.DataFrame:
    """Followers targets per platform: the one whose period holds ``as_of``, else the next due.

    Parameters
    ----------
    targets : pandas.DataFrame
        A ``targets`` table (one brand); rows with ``kpi == "followers"`` and a platform are
        used (a target for all platforms is not a per-platform target).
    as_of : str or Timestamp
        The day the forecast starts from.

    Returns
    -------
    pandas.DataFrame
        ``platform``, ``target``, ``due`` (the target period's last day), one row per platform.
    """
    columns = ["platform", "target", "due"]
    if targets.empty or "kpi" not in targets.columns:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    day = pd.Timestamp(as_of).tz_localize(None).normalize()
    rows = targets[(targets["kpi"].astype("str") == "followers") & targets["platform"].notna()]
    rows = rows.assign(
        platform=rows["platform"].astype("str"),
        due=pd.to_datetime(rows["period_end"]).dt.tz_localize(None)
        if isinstance(rows["period_end"].dtype, pd.DatetimeTZDtype)
        else pd.to_datetime(rows["period_end"]),
    )
    rows = rows[rows["due"] >= day].sort_values(["platform", "due"])
    out = rows.groupby("platform", sort=True).head(1)
    return out[["platform", "target", "due"]].reset_index(drop=True)


def targets_on_time(growth: GrowthForecast, goals: pd.DataFrame) -> pd.DataFrame:
    """``growth.targets`` with each target's ``due`` day and ``on_time`` (reached by then).

    Parameters
    ----------
    growth : GrowthForecast
        Output of :func:`follower_growth` run with the targets of ``goals``.
    goals : pandas.DataFrame
        Output of :func:`follower_targets`.

    Returns
    -------
    pandas.DataFrame
        The columns of ``growth.targets`` plus ``due`` and ``on_time`` (False when the
        forecast does not reach the target within two years).
    """
    due = goals.drop_duplicates("platform").set_index("platform")["due"]
    out = growth.targets.assign(due=pd.to_datetime(growth.targets["platform"].map(due)))
    out["on_time"] = (out["reached_on"].notna() & (out["reached_on"] <= out["due"])).astype(bool)
    return out


def window_test(
    posts: pd.DataFrame,
    window: dict,
    metric: str = "er_reach",
    *,
    tz: str | None = None,
    relative_to: list[str] | tuple[str, ...] | None = None,
    alpha: float = 0.05,
) -> dict:
    """Welch's t-test of the posts inside a :func:`best_window` block against all the others.

    The per-post values are those :func:`best_time` averages (same ``metric``, ``tz`` and
    ``relative_to``), so the two means are the block's ``value`` and ``value_outside``.

    Parameters
    ----------
    posts : pandas.DataFrame
        The posts :func:`best_time` was given.
    window : dict
        Output of :func:`best_window` (not empty).
    metric, tz, relative_to
        As given to :func:`best_time`.
    alpha : float
        Significance level.

    Returns
    -------
    dict
        ``inside``, ``outside`` (posts), ``mean_inside``, ``mean_outside``, ``p_value``
        (two-sided; NaN with fewer than two posts on a side) and ``significant``.
    """
    frame = _per_post(posts, metric, tz, relative_to, N_("Finding the best time to post"))
    days = (frame["weekday"] < 5) == (window["days"] == "weekdays")
    inside = days & frame["hour"].between(window["start_hour"], window["end_hour"] - 1)
    a, b = frame.loc[inside, "v"].to_numpy(), frame.loc[~inside, "v"].to_numpy()
    p = float("nan")
    if len(a) >= 2 and len(b) >= 2:
        with np.errstate(invalid="ignore", divide="ignore"):
            p = float(st.ttest_ind(a, b, equal_var=False).pvalue)
    return {
        "inside": len(a),
        "outside": len(b),
        "mean_inside": float(a.mean()) if len(a) else float("nan"),
        "mean_outside": float(b.mean()) if len(b) else float("nan"),
        "p_value": p,
        "significant": bool(p < alpha),
    }


def growth_focus(growth: GrowthForecast, on_time: pd.DataFrame | None = None) -> str:
    """The platform whose follower growth most needs attention.

    The first (alphabetically) whose target is late, else the forecast one with the lowest
    28-day growth.

    Parameters
    ----------
    growth : GrowthForecast
        Output of :func:`follower_growth` (one brand).
    on_time : pandas.DataFrame, optional
        Output of :func:`targets_on_time`.

    Returns
    -------
    str
    """
    if on_time is not None and len(on_time) and (~on_time["on_time"]).any():
        return str(on_time.loc[~on_time["on_time"], "platform"].sort_values().iloc[0])
    forecast = set(growth.forecast["platform"].astype("str"))
    rates = growth.rates[growth.rates["platform"].astype("str").isin(forecast)]
    rates = rates.sort_values(["rel_change_28d", "platform"], na_position="last")
    return str(rates["platform"].iloc[0])


_CHANNEL_METRICS = ("views", "impressions", "reach")


@dataclass(frozen=True)
class ChannelOverview:
    """Output of :func:`channel_overview`.

    Attributes
    ----------
    daily : pandas.DataFrame
        ``date``, ``platform``, ``views``, ``impressions``, ``reach``: one row per platform and
        day of the period with any of them (summed over brands when several are given).
    platforms : pandas.DataFrame
        One row per platform: ``first``, ``last``, ``days`` (days with any of the metrics),
        then for views and impressions ``<m>_days`` (days reporting it), ``<m>`` (their sum:
        views and impressions are events, so they add up over days) and ``<m>_per_day``
        (the mean over the days reporting it), ``top_day`` and ``top_views`` (the day with
        the most views, or impressions when there are no views), and for reach only
        ``reach_days``, ``reach_per_day`` (mean) and ``reach_max``: reach counts people, and
        the same people come back day after day, so it is never added across days.
    """

    daily: pd.DataFrame
    platforms: pd.DataFrame


def channel_overview(
    channel_daily: pd.DataFrame,
    *,
    start: str | pd.Timestamp | None = None,
    end: str | pd.Timestamp | None = None,
) -> ChannelOverview:
    """Daily views, impressions and reach of the accounts, per platform.

    Parameters
    ----------
    channel_daily : pandas.DataFrame
        A ``channel_daily`` table (brand x platform x day, account level), already narrowed to
        the brand and platforms wanted.
    start, end : str or Timestamp, optional
        The period (calendar days, both included); default every day of the table.

    Returns
    -------
    ChannelOverview

    Raises
    ------
    InsufficientData
        When no day of the period reports views, impressions or reach.
    """
    for column in ("date", "platform", *_CHANNEL_METRICS):
        if column not in channel_daily.columns:
            raise ValueError(f"channel_overview needs a '{column}' column")
    df = channel_daily[["date", "platform", *_CHANNEL_METRICS]].copy()
    df["date"] = pd.to_datetime(df["date"]).dt.normalize()
    if start is not None and start != "":
        df = df[df["date"] >= pd.Timestamp(start).normalize()]
    if end is not None and end != "":
        df = df[df["date"] <= pd.Timestamp(end).normalize()]
    df = df[df[list(_CHANNEL_METRICS)].notna().any(axis=1)]
    if df.empty:
        raise InsufficientData(
            needs(
                _("The channel overview"),
                _("account-level daily views, impressions or reach"),
                _("the data in scope have none"),
            )
        )
    df["platform"] = df["platform"].astype("str")
    for column in _CHANNEL_METRICS:
        df[column] = df[column].astype("float64")
    daily = (
        df.groupby(["date", "platform"], sort=True)[list(_CHANNEL_METRICS)]
        .sum(min_count=1)
        .reset_index()
    )
    rows = []
    for platform, g in daily.groupby("platform", sort=True):
        row = {"platform": platform, "first": g["date"].min(), "last": g["date"].max(),
               "days": g["date"].nunique()}  # fmt: skip
        for column in ("views", "impressions"):
            known = g[column].dropna()
            row[f"{column}_days"] = len(known)
            row[column] = float(known.sum()) if len(known) else np.nan
            row[f"{column}_per_day"] = float(known.mean()) if len(known) else np.nan
        reach = g["reach"].dropna()
        row["reach_days"] = len(reach)
        row["reach_per_day"] = float(reach.mean()) if len(reach) else np.nan
        row["reach_max"] = float(reach.max()) if len(reach) else np.nan
        busiest = g["views"] if g["views"].notna().any() else g["impressions"]
        if busiest.notna().any():
            at = busiest.idxmax()
            row["top_day"], row["top_views"] = g.at[at, "date"], float(busiest[at])
        else:
            row["top_day"], row["top_views"] = pd.NaT, np.nan
        rows.append(row)
    return ChannelOverview(daily=daily, platforms=pd.DataFrame(rows))


def _gain_window(g: pd.DataFrame, days_back: int, days: int = 28) -> pd.DataFrame | None:
    """The ``days`` days of ``g`` ending ``days_back`` days before its last day, when complete."""
    last = g["date"].max() - pd.Timedelta(days=days_back)
    w = g[(g["date"] > last - pd.Timedelta(days=days)) & (g["date"] <= last)]
    return w if len(w) == days and w["net"].notna().all() else None


@dataclass(frozen=True)
class FollowerGains:
    """Output of :func:`follower_gains`.

    Attributes
    ----------
    daily : pandas.DataFrame
        ``date``, ``platform``, ``gained``, ``lost`` (NaN where not reported), ``net`` (gained
        - lost; gained alone when the platform reports no unfollows) and ``cumulative`` (the
        running net since the period's first day), from ``start`` to ``as_of``.
    platforms : pandas.DataFrame
        One row per platform: ``first``, ``last``, ``days`` (days with gains in the period),
        ``gained``, ``lost`` (NaN when the platform reports no unfollows), ``net`` over the
        period, ``lost_reported``; ``gained_28d``/``net_28d`` over the 28 days up to the
        platform's last day (at most ``as_of``) and ``gained_prev_28d``/``net_prev_28d`` over
        the 28 before (NaN unless every one of those days reports its gains).
    """

    daily: pd.DataFrame
    platforms: pd.DataFrame


def follower_gains(
    channel_daily: pd.DataFrame,
    followers: pd.DataFrame | None = None,
    *,
    start: str | pd.Timestamp | None = None,
    as_of: str | pd.Timestamp | None = None,
) -> FollowerGains:
    """Followers gained and lost per day where the data hold no follower count.

    Audience growth falls back on this for the platforms whose exports count the followers
    gained (and lost) each day but give no total (LinkedIn's followers export; YouTube's
    subscribers; TikTok's Overview) and for which ``followers`` has no count (a count known
    on one day turns gains into totals, see :mod:`smmnb.io.followers`).

    Parameters
    ----------
    channel_daily : pandas.DataFrame
        A ``channel_daily`` table narrowed to the brand and platforms wanted.
    followers : pandas.DataFrame, optional
        The ``followers`` table in the same scope: its platforms are left out.
    start : str or Timestamp, optional
        First day of the period the totals cover; default the first day with gains.
    as_of : str or Timestamp, optional
        Last day used; default the last day with gains.

    Returns
    -------
    FollowerGains
        Empty frames (never an error) when no platform has gains without counts.
    """
    daily_dtypes = {"date": "datetime64[ns]", "platform": "str", "gained": "float64",
                    "lost": "float64", "net": "float64", "cumulative": "float64"}  # fmt: skip
    summary_dtypes = {
        "platform": "str", "first": "datetime64[ns]", "last": "datetime64[ns]", "days": "int64",
        "gained": "float64", "lost": "float64", "net": "float64", "lost_reported": "bool",
        "gained_28d": "float64", "net_28d": "float64", "gained_prev_28d": "float64",
        "net_prev_28d": "float64",
    }  # fmt: skip
    columns, summary_columns = list(daily_dtypes), list(summary_dtypes)
    empty = FollowerGains(  # typed: the columns and dtypes of a result with rows
        pd.DataFrame({c: pd.Series(dtype=d) for c, d in daily_dtypes.items()}),
        pd.DataFrame({c: pd.Series(dtype=d) for c, d in summary_dtypes.items()}),
    )
    df = channel_daily[channel_daily["followers_gained"].notna()]
    if followers is not None and len(followers):
        counted = set(followers["platform"].dropna().astype("str"))
        df = df[~df["platform"].astype("str").isin(counted)]
    if df.empty:
        return empty
    df = pd.DataFrame(
        {
            "date": pd.to_datetime(df["date"]).dt.normalize().to_numpy(),
            "platform": df["platform"].astype("str").to_numpy(),
            "gained": df["followers_gained"].astype("float64").to_numpy(),
            "lost": df["followers_lost"].astype("float64").to_numpy(),
        }
    )
    end = pd.Timestamp(as_of).normalize() if as_of not in (None, "") else df["date"].max()
    df = df[df["date"] <= end]
    if df.empty:
        return empty
    df = df.groupby(["date", "platform"], sort=True)[["gained", "lost"]].sum(min_count=1)
    df = df.reset_index()
    first_day = pd.Timestamp(start).normalize() if start not in (None, "") else None
    daily_rows, rows = [], []
    for platform, g in df.groupby("platform", sort=True):
        lost_reported = bool(g["lost"].notna().any())
        g = g.copy()
        g["net"] = g["gained"] - (g["lost"] if lost_reported else 0.0)
        period = g if first_day is None else g[g["date"] >= first_day]
        if period.empty:
            continue
        daily_rows.append(period.assign(cumulative=period["net"].cumsum()))
        recent, before = _gain_window(g, 0), _gain_window(g, 28)
        rows.append(
            {
                "platform": platform,
                "first": period["date"].min(),
                "last": period["date"].max(),
                "days": len(period),
                "gained": float(period["gained"].sum()),
                "lost": float(period["lost"].sum()) if lost_reported else np.nan,
                "net": float(period["net"].sum(min_count=1)),
                "lost_reported": lost_reported,
                "gained_28d": float(recent["gained"].sum()) if recent is not None else np.nan,
                "net_28d": float(recent["net"].sum()) if recent is not None else np.nan,
                "gained_prev_28d": float(before["gained"].sum()) if before is not None else np.nan,
                "net_prev_28d": float(before["net"].sum()) if before is not None else np.nan,
            }
        )
    if not rows:
        return empty
    daily = pd.concat(daily_rows, ignore_index=True)[columns]
    return FollowerGains(daily, pd.DataFrame(rows, columns=summary_columns))
