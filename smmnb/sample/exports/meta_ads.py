"""The sample's Meta Ads Manager export: the brand's Facebook and Instagram ads.

Writes what :mod:`smmnb.io.exports.meta_ads` reads: ``meta_ads_manager.csv``, an ad-level
daily export with a platform breakdown and the account total as its first row.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["sample_exports", "write"]


def write(ads: pd.DataFrame, *, account: str, currency: str = "VND") -> bytes:
    """Write ads rows as an Ads Manager ad-level daily CSV with a platform breakdown.

    As Ads Manager does: UTF-8 with BOM, a summary row first (blank names), the currency in
    the spend header, quoted headers with commas, empty ratio cells when a denominator is 0.
    """
    rows = ads.sort_values(["date", "campaign", "ad_set", "ad", "platform"], kind="stable")
    start = rows["date"].min().strftime("%Y-%m-%d")
    end = rows["date"].max().strftime("%Y-%m-%d")
    spent = f"Amount spent ({currency})"
    cpm = f"CPM (cost per 1,000 impressions) ({currency})"
    out = pd.DataFrame(
        {
            "Reporting starts": start,
            "Reporting ends": end,
            "Account name": account,
            "Campaign name": rows["campaign"].astype("str"),
            "Ad set name": rows["ad_set"].astype("str"),
            "Ad name": rows["ad"].astype("str"),
            "Day": rows["date"].dt.strftime("%Y-%m-%d"),
            "Platform": rows["platform"].astype("str"),
            "Objective": rows["objective"].astype("str").str.upper(),
            spent: rows["spend"].round(0).astype("int64"),
            "Impressions": rows["impressions"].astype("int64"),
            "Reach": rows["reach"].astype("int64"),
            "Link clicks": rows["clicks"].astype("int64"),
            "Clicks (all)": (rows["clicks"] * 1.37).round().astype("int64"),
            "Results": rows["conversions"].round().astype("int64"),
            "Result indicator": "actions:offsite_conversion.fb_pixel_purchase",
            "Cost per results": (
                rows["spend"] / rows["conversions"].where(rows["conversions"] > 0)
            ).round(2),
            "Purchases": rows["conversions"].round().astype("int64"),
            "Purchases conversion value": rows["revenue"].round(0).astype("int64"),
            cpm: (1000 * rows["spend"] / rows["impressions"]).round(2),
        }
    )
    total = {c: "" for c in out.columns}
    total.update({"Reporting starts": start, "Reporting ends": end})
    for col in (spent, "Impressions", "Link clicks", "Purchases", "Purchases conversion value"):
        total[col] = int(out[col].sum())
    out = pd.concat([pd.DataFrame([total]), out], ignore_index=True)
    return b"\xef\xbb\xbf" + out.to_csv(index=False, lineterminator="\n").encode("utf-8")


def sample_exports(
    tables: dict[str, pd.DataFrame],
    *,
    brand: str,
    timezone: str,
    as_of: pd.Timestamp,
    rng,
) -> dict[str, bytes]:
    """An ad-level daily Ads Manager CSV of the brand's Facebook and Instagram ads.

    Covers the last 90 days up to ``as_of``, with the same rows as the canonical ``ads``.
    """
    ads = tables["ads"]
    start = as_of - pd.Timedelta(days=89)
    rows = ads[
        (ads["brand"] == brand)
        & ads["platform"].isin(["facebook", "instagram"])
        & (ads["date"] >= start)
        & (ads["date"] <= as_of)
    ]
    currency = str(rows["currency"].dropna().iloc[0]) if rows["currency"].notna().any() else "VND"
    return {"meta_ads_manager.csv": write(rows, account=brand, currency=currency)}
