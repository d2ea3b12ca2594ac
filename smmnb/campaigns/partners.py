"""Influencers (KOLs): cost per engagement and conversion, fee against results."""

from __future__ import annotations

import pandas as pd

__all__ = ["influencers"]


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
