"""Spend: budget pacing, paid against organic, the funnel."""

from __future__ import annotations

import numpy as np
import pandas as pd

from smmnb.campaigns.targets import _daily_components, _no_targets, _unpaced_reason
from smmnb.errors import InsufficientData
from smmnb.i18n import _, pgettext
from smmnb.narrative import needs

__all__ = ["budget_pacing", "paid_vs_organic", "funnel"]


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
        raise _no_targets(
            ws,
            _("Budget pacing"),
            _("a spend target (a budget)"),
            pgettext("campaigns", "there is none"),
        )
    if ws.ads.empty and not platforms:
        raise InsufficientData(
            needs(
                _("Budget pacing"), _("ads (their spend)"), pgettext("campaigns", "there are none")
            )
        )
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
