"""KPI formulas: pure, vectorized, no plotting.

Definitions (every ratio over a group is pooled: the sum of its numerator over the sum of its
denominator, never a mean of per-row ratios; a zero or missing denominator gives NaN, never
inf):

- engagements = reactions + comments + shares + saves, summing the components the platform
  reports (a component a platform does not report is skipped, it does not make the sum NaN;
  a post with none of them has NaN engagements)
- er_reach = engagements / reach; er_impressions = engagements / impressions;
  er_followers = engagements / followers
- ctr = clicks / impressions; cpc = spend / clicks; cpm = 1000 x spend / impressions
- cvr = conversions / clicks; cpa = spend / conversions; roas = revenue / spend;
  roi = (revenue - spend) / spend

Reach is never summed across posts, ads or days as if the people were distinct: a total
reach is unknown from such rows, so :func:`kpis` leaves it out (and says so).
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np
import pandas as pd

from smmnb.timezones import local_time, resolve_zone

__all__ = [
    "ENGAGEMENT_COMPONENTS",
    "MONEY",
    "RATIOS",
    "currency_codes",
    "engagements",
    "kpis",
    "period_over_period",
    "ratio",
]

ENGAGEMENT_COMPONENTS = ("reactions", "comments", "shares", "saves")

RATIOS = {
    "ctr": ("clicks", "impressions", 1.0),
    "cpc": ("spend", "clicks", 1.0),
    "cpm": ("spend", "impressions", 1000.0),
    "cvr": ("conversions", "clicks", 1.0),
    "cpa": ("spend", "conversions", 1.0),
    "roas": ("revenue", "spend", 1.0),
    "er_reach": ("engagements", "reach", 1.0),
    "er_impressions": ("engagements", "impressions", 1.0),
    "er_followers": ("engagements", "followers", 1.0),
}
"""Each ratio KPI as (numerator, denominator, scale)."""

MONEY = ("spend", "revenue", "cpc", "cpm", "cpa", "roas", "roi")
"""Ads KPIs computed from amounts of money: never pooled across currencies."""

_ADS_SUMS = ("spend", "impressions", "clicks", "conversions", "revenue")
_POSTS_SUMS = ("impressions", "reactions", "comments", "shares", "saves", "engagements", "clicks")


def ratio(numerator, denominator, scale: float = 1.0):
    """``scale x numerator / denominator`` with NaN, never inf, where the denominator is 0.

    Works on scalars, arrays and Series (nullable dtypes become float).
    """
    num = pd.to_numeric(pd.Series(numerator), errors="coerce").astype("float64")
    den = pd.to_numeric(pd.Series(denominator), errors="coerce").astype("float64")
    out = scale * num.to_numpy() / np.where(den.to_numpy() == 0, np.nan, den.to_numpy())
    if np.ndim(numerator) == 0 and np.ndim(denominator) == 0:
        return float(out[0])
    index = numerator.index if isinstance(numerator, pd.Series) else None
    if index is None and isinstance(denominator, pd.Series):
        index = denominator.index
    return pd.Series(out, index=index)


def engagements(posts: pd.DataFrame) -> pd.Series:
    """Engagements per post: the sum of the components the platform reports.

    Parameters
    ----------
    posts : pandas.DataFrame
        A ``posts`` table (or any frame with some of reactions, comments, shares, saves).

    Returns
    -------
    pandas.Series
        ``Int64``; missing only where a post reports none of the components.
    """
    present = [c for c in ENGAGEMENT_COMPONENTS if c in posts.columns]
    if not present:
        return pd.Series(pd.NA, index=posts.index, dtype="Int64")
    parts = posts[present].astype("Int64")
    total = parts.sum(axis=1, skipna=True, min_count=1)
    return total.astype("Int64")


def _group_sums(df: pd.DataFrame, columns: Sequence[str], by: list[str] | None) -> pd.DataFrame:
    data = df[list(columns)].astype("float64")
    if not by:
        sums = data.sum(min_count=1).to_frame().T
        sums.index = [0]
        return sums
    keys = [df[b] for b in by]
    return data.groupby(keys, observed=True, sort=True, dropna=False).sum(min_count=1)


def currency_codes(df: pd.DataFrame) -> pd.Series | None:
    """The currency of each row of an ``ads`` frame, or None when the frame says nothing.

    Rows without a ``currency`` take the frame's own (``df.attrs["currency"]``, which
    :func:`smmnb.load_workspace` sets to the reporting currency).
    """
    default = df.attrs.get("currency")
    if "currency" not in df.columns:
        return None if default is None else pd.Series(default, index=df.index, dtype="object")
    codes = df["currency"].astype("object")
    if default is not None:
        codes = codes.where(codes.notna(), default)
    return codes


def kpis(
    df: pd.DataFrame, *, by: Sequence[str] | None = None, by_currency: bool | None = None
) -> pd.DataFrame:
    """Pooled KPIs of an ``ads`` or a ``posts`` table, overall or per group.

    Parameters
    ----------
    df : pandas.DataFrame
        An ``ads`` table (has ``spend``) or a ``posts`` table (has ``published_at``).
    by : sequence of str, optional
        Columns to group by, returned as columns; None for one overall row.
    by_currency : bool, optional
        Ads only. Amounts of different currencies are never added: when the rows hold more
        than one currency (column ``currency``; a row without one is in
        ``df.attrs["currency"]``), ``currency`` is added to the groups, after ``by``, and
        money sums and ratios (spend, revenue, cpc, cpm, cpa, roas, roi) are per currency.
        None (default) adds it only then; True always adds it (one currency gives one group).

    Returns
    -------
    pandas.DataFrame
        For ads: sums of spend, impressions, clicks, conversions, revenue and the ratios ctr,
        cpc, cpm, cvr, cpa, roas, roi. For posts: ``posts`` (count), sums of impressions and
        engagements and their components, and er_impressions; er_reach and er_followers are
        the pooled ratios over posts that report both parts (sum of their engagements over the
        sum of their reach, or followers at posting time). Reach itself is not summed, for ads
        or posts: the same person reached twice would be counted twice, and the true total is
        unknown from these rows.

    Examples
    --------
    >>> ads = pd.DataFrame({"campaign": ["a", "a"], "spend": [100.0, 300.0],
    ...                     "impressions": [1000, 3000], "clicks": [10, 50],
    ...                     "conversions": [1.0, 3.0], "revenue": [500.0, 700.0]})
    >>> kpis(ads, by=["campaign"])[["ctr", "cpa", "roas"]].round(4).to_dict("records")
    [{'ctr': 0.015, 'cpa': 100.0, 'roas': 3.0}]
    """
    by = list(by) if by else []
    missing = [b for b in by if b not in df.columns]
    if missing:
        raise ValueError(f"kpis: by names columns that are not in the frame: {missing}")
    if "spend" in df.columns:
        codes = currency_codes(df)
        if codes is not None and "currency" not in by:
            several = codes.nunique(dropna=False) > 1
            if by_currency or (by_currency is None and several):
                df = df.assign(currency=codes)
                by = [*by, "currency"]
        sums = _group_sums(df, [c for c in _ADS_SUMS if c in df.columns], by)
        for name in ("ctr", "cpc", "cpm", "cvr", "cpa", "roas"):
            num, den, scale = RATIOS[name]
            if num in sums and den in sums:
                sums[name] = ratio(sums[num], sums[den], scale).to_numpy()
        if "revenue" in sums:
            sums["roi"] = ratio(sums["revenue"] - sums["spend"], sums["spend"]).to_numpy()
    elif "published_at" in df.columns or "engagements" in df.columns:
        frame = df.copy()
        if "published_at" in frame.columns or "engagements" not in frame.columns:
            # Always our definition: a platform's own "engagements" column (X counts clicks
            # and profile visits too) would not be comparable across platforms.
            frame["engagements"] = engagements(frame)
        frame["posts"] = 1
        # Only posts that report both parts of a rate enter it.
        for name, (num, den, _scale) in RATIOS.items():
            if name.startswith("er_") and den in frame.columns:
                both = frame[num].notna() & frame[den].notna()
                frame[f"_{name}_num"] = frame[num].astype("float64").where(both)
                frame[f"_{name}_den"] = frame[den].astype("float64").where(both)
        columns = ["posts"] + [c for c in _POSTS_SUMS if c in frame.columns]
        columns += [c for c in frame.columns if c.startswith("_er_")]
        sums = _group_sums(frame, columns, by)
        for name in ("er_reach", "er_impressions", "er_followers"):
            if f"_{name}_num" in sums:
                sums[name] = ratio(sums[f"_{name}_num"], sums[f"_{name}_den"]).to_numpy()
        sums = sums.drop(columns=[c for c in sums.columns if c.startswith("_er_")])
        sums["posts"] = sums["posts"].astype("int64")
    else:
        raise ValueError("df must be an ads table (with spend) or a posts table (published_at)")
    if by:
        sums = sums.reset_index()
        sums.columns = [*by, *sums.columns[len(by) :]]
    return sums.reset_index(drop=True)


_TESTED = ("ctr", "cvr", "er_reach", "er_impressions", "er_followers")
"""Rates whose period-over-period change :func:`period_over_period` tests."""


def _change_units(frame: pd.DataFrame, metric: str, *, by_day: bool, day: pd.Series):
    """Numerator and denominator of ``metric`` per unit (post, ad row or day) and period.

    Only units reporting both parts enter, as in :func:`kpis`.
    """
    num, den, _ = RATIOS[metric]
    if num == "engagements":
        frame = frame.assign(engagements=engagements(frame))
    both = frame[num].notna() & frame[den].notna()
    units = pd.DataFrame(
        {
            "period": frame["period"],
            "num": frame[num].astype("float64"),
            "den": frame[den].astype("float64"),
        }
    )[both]
    if by_day:  # ads: the units are the days, all ads of a day summed
        units = units.groupby([units["period"], day[both].rename("day")], observed=True)[
            ["num", "den"]
        ].sum()
        units = units.reset_index(level="day", drop=True).reset_index()
    return units


def _change_tests(units: pd.DataFrame, periods: pd.Series, alpha: float) -> pd.DataFrame:
    """:func:`smmnb.stats.ratio_change_test` of each period against the previous row."""
    from smmnb.stats import ratio_change_test

    groups = {key: g for key, g in units.groupby("period", observed=True)}
    empty = units.iloc[:0]
    rows = []
    previous = None
    for period in periods:
        current = groups.get(period, empty)
        row = {"units": len(current), "ci_low": np.nan, "ci_high": np.nan, "p_value": np.nan}
        if previous is not None and previous["den"].sum() > 0 and current["den"].sum() > 0:
            test = ratio_change_test(previous["num"], previous["den"], current["num"],
                                     current["den"], alpha=alpha)  # fmt: skip
            row.update(ci_low=test.ci_low, ci_high=test.ci_high, p_value=test.p_value)
        rows.append(row)
        previous = current
    out = pd.DataFrame(rows, index=periods.index, columns=["units", "ci_low", "ci_high", "p_value"])
    p = out["p_value"]
    out["significant"] = pd.array(np.where(p.isna(), None, p < alpha).tolist(), dtype="boolean")
    return out


def period_over_period(
    df: pd.DataFrame,
    metric: str,
    *,
    freq: str = "W",
    date: str | None = None,
    tz: str | None = None,
    alpha: float = 0.05,
    timezone: str | None = None,
) -> pd.DataFrame:
    """Each period's KPI against the previous period, with the change and its significance.

    Parameters
    ----------
    df : pandas.DataFrame
        An ``ads`` or ``posts`` table.
    metric : str
        A sum (``spend``, ``clicks``, ``engagements``...) or a ratio from :data:`RATIOS`.
    freq : str
        ``"D"``, ``"W"`` (weeks from Monday) or ``"M"``.
    date : str, optional
        The time column; default ``published_at`` for posts and ``date`` for ads.
    tz : str, optional
        The zone whose calendar cuts timestamps into periods; default the table's
        ``attrs["timezone"]``, else the zone the timestamps carry (see :mod:`smmnb.timezones`).
    alpha : float
        Significance level for the test of a rate's change.
    timezone : str, optional
        Deprecated name of ``tz``.

    Returns
    -------
    pandas.DataFrame
        ``period`` (start day), ``value``, ``previous``, ``change`` (value - previous),
        ``rel_change`` (change / previous); for the rates ctr, cvr and er_* also ``units``
        (posts, or days for ads, entering the period's rate), ``ci_low``/``ci_high`` (an
        interval for ``change`` at ``1 - alpha``) and ``p_value`` and ``significant``
        (``p_value < alpha``; NA where the change cannot be tested) from
        :func:`smmnb.stats.ratio_change_test` of this period against the previous one.

        ``significant`` means: the change is larger than the period-to-period variation of
        the posts themselves would produce. The test's units are the units that vary: for
        posts each post (its engagements over its reach), for ads each local day (all ads
        of the day summed; each ad's row with ``freq="D"``). It is Welch's t-test on those
        units' rates weighted by their reach (or impressions), with a bias-reduced (HC2)
        variance, so a week of four posts that differ a lot is not called different from
        the last on the strength of its million impressions. The interval is for the change
        in the rate such posts (days) are drawn from: over many repetitions, 95% of such
        intervals would hold it. A period with fewer than two units gets no test. Cost ratios
        (cpc, cpm, cpa, roas) and sums get no test; use
        :func:`smmnb.stats.bootstrap_ratio_ci` for a cost ratio's interval.
    """
    freqs = {"D": "D", "W": "W-SUN", "M": "M"}
    if freq not in freqs:
        raise ValueError(f"freq must be one of D, W, M, got {freq!r}")
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must be between 0 and 1, got {alpha}")
    # posts are placed by published_at (an export may carry its own "date" column as an extra)
    column = date or ("published_at" if "published_at" in df.columns else "date")
    if timezone is not None:
        warnings.warn("timezone= is deprecated; use tz=", FutureWarning, stacklevel=2)
        tz = tz or timezone
    local = local_time(df[column], resolve_zone(df, tz, when=column))
    period = local.dt.to_period(freqs[freq]).dt.start_time.rename("period")
    frame = df.assign(period=period)
    if "spend" in frame.columns:
        codes = currency_codes(frame)
        if codes is not None and codes.nunique(dropna=False) > 1:
            if metric in MONEY:
                raise ValueError(
                    f"{metric} cannot be followed over time across currencies "
                    f"({', '.join(sorted(map(str, codes.dropna().unique())))}); "
                    "filter the ads to one currency or give exchange rates"
                )
            frame = frame.drop(columns="currency")  # counts and click rates add up
            frame.attrs.pop("currency", None)
    table = kpis(frame, by=["period"])
    if metric not in table.columns:
        raise ValueError(f"unknown metric {metric!r} for this table; have {list(table.columns)}")
    out = table[["period", metric]].rename(columns={metric: "value"})
    out["previous"] = out["value"].shift(1)
    out["change"] = out["value"] - out["previous"]
    out["rel_change"] = ratio(out["change"], out["previous"]).to_numpy()
    if metric in _TESTED:
        units = _change_units(frame, metric, by_day="spend" in frame.columns and freq != "D",
                              day=local.dt.normalize())  # fmt: skip
        out = out.join(_change_tests(units, out["period"], alpha))
    return out.reset_index(drop=True)
