"""Lift: whether a campaign flight moved a daily metric, against a forecast without it."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from smmnb.campaigns.traffic import channel_group, source_platform
from smmnb.errors import InsufficientData
from smmnb.i18n import _, pgettext
from smmnb.narrative import listing, needs

__all__ = ["CampaignLift", "LiftResult", "biggest_campaigns", "campaign_lift", "lift"]


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
                _("Measuring lift"),
                _("at least 28 days before the flight"),
                _("the series has {days} before it").format(days=say_count(int(pre.sum()), "day")),
            )
        )
    if flight.sum() == 0:
        raise InsufficientData(
            needs(_("Measuring lift"), _("days inside the flight"), _("the series has none"))
        )
    if s[pre | flight].isna().any():
        raise InsufficientData(
            needs(
                _("Measuring lift"),
                _("a value on every day of the pre-period and the flight"),
                _("the series has missing days; fill them"),
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


def biggest_campaigns(ads: pd.DataFrame, start=None, end=None) -> list[str]:
    """The campaigns with ads in ``[start, end]``, the most ad spend first.

    By impressions when the ads hold several currencies (amounts of two currencies are never
    added); ties by name. The rule that picks the campaign a lift measures by default.
    """
    from smmnb.metrics import currency_codes

    day = pd.to_datetime(ads["date"]).dt.normalize()
    names = ads["campaign"].astype("str")
    inside = pd.Series(True, index=ads.index)
    if start not in (None, ""):
        inside &= (day >= pd.Timestamp(start)).to_numpy()
    if end not in (None, ""):
        inside &= (day <= pd.Timestamp(end)).to_numpy()
    codes = currency_codes(ads)
    several = codes is not None and codes.nunique() > 1
    weight = pd.to_numeric(ads["impressions" if several else "spend"], errors="coerce")
    ranking = weight[inside.to_numpy()].groupby(names[inside.to_numpy()]).sum()
    return list(ranking.sort_index().sort_values(ascending=False, kind="stable").index)


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
    from smmnb.narrative import day as say_day
    from smmnb.narrative import period as say_period
    from smmnb.narrative.campaigns import channel_name

    web, ads = ws.web_sessions, ws.ads
    what = (
        _("The lift of {campaign} on web traffic").format(campaign=campaign)
        if campaign
        else _("The lift of a campaign on web traffic")
    )
    if web.empty:
        raise InsufficientData(
            needs(
                what,
                _("web sessions (the web_sessions table)"),
                pgettext("campaigns", "there are none"),
            )
        )
    if ads.empty:
        raise InsufficientData(
            needs(
                what,
                _("ads, which date the campaign's flight"),
                pgettext("campaigns", "there are none"),
            )
        )
    day = pd.to_datetime(ads["date"]).dt.normalize()
    names = ads["campaign"].astype("str")
    web_day = pd.to_datetime(web["date"]).dt.normalize()
    web_first, web_last = web_day.min(), web_day.max()
    around = _("the web sessions cover {period}").format(period=say_period(web_first, web_last))

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
                    _("ads of {campaign} to date its flight").format(campaign=campaign),
                    _("the ads here are for {campaigns}").format(campaigns=listing(found)),
                )
            )
        first, last = flight(campaign)
        if not covered(first, last):
            raise InsufficientData(
                needs(
                    what,
                    _(
                        "web sessions on every day of its flight ({first} to {last}) and on at "
                        "least 28 days before it"
                    ).format(first=say_day(first), last=say_day(last)),
                    around,
                )
            )
        chosen = campaign
    else:
        ranking = biggest_campaigns(ads, start, end)
        chosen = next((n for n in ranking if covered(*flight(n))), None)
        if chosen is None:
            raise InsufficientData(
                needs(
                    what,
                    _(
                        "a campaign with ads in the period, web sessions on every day of its "
                        "flight and on at least 28 days before it"
                    ),
                    around,
                )
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
            needs(
                what,
                _("web sessions from {channel} around the flight").format(
                    channel=channel_name(series).lower()
                ),
                _("there are none from {period}").format(
                    period=say_period(first - pd.Timedelta(days=pre_days), last)
                ),
            )
        )
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
