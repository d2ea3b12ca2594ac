"""The sample's Google Ads export: a *CSV (Excel)* campaign report by day."""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["sample_exports"]


def sample_exports(
    tables: dict[str, pd.DataFrame],
    *,
    brand: str,
    timezone: str,
    as_of: pd.Timestamp,
    rng: np.random.Generator,
) -> dict[str, bytes]:
    """A *CSV (Excel)* campaign report by day: UTF-16LE, tabs, title and range rows, totals."""
    ads = tables["ads"]
    start = as_of - pd.Timedelta(days=89)
    rows = ads[
        (ads["brand"] == brand)
        & (ads["platform"] == "google")
        & (ads["date"] >= start)
        & (ads["date"] <= as_of)
    ].sort_values(["date", "campaign", "ad_set", "ad"])
    out = pd.DataFrame(
        {
            "Day": rows["date"].dt.strftime("%Y-%m-%d"),
            "Campaign": rows["campaign"].astype("str"),
            "Ad group": rows["ad_set"].astype("str"),
            "Ad": rows["ad"].astype("str"),
            "Currency code": rows["currency"].astype("str"),
            "Impr.": rows["impressions"].map("{:,}".format),
            "Clicks": rows["clicks"].map("{:,}".format),
            "CTR": (rows["clicks"] / rows["impressions"]).map("{:.2%}".format),
            "Avg. CPC": (rows["spend"] / rows["clicks"]).map(
                lambda v: " --" if pd.isna(v) else f"{v:,.0f}"
            ),
            "Cost": rows["spend"].map("{:,.0f}".format),
            "Conversions": rows["conversions"].map("{:,.2f}".format),
            "Conv. value": rows["revenue"].map("{:,.2f}".format),
        }
    )
    total = {c: " --" for c in out.columns}
    total.update(
        {
            "Day": "Total: Account",
            "Impr.": f"{int(rows['impressions'].sum()):,}",
            "Clicks": f"{int(rows['clicks'].sum()):,}",
            "Cost": f"{rows['spend'].sum():,.0f}",
        }
    )
    out = pd.concat([out, pd.DataFrame([total])], ignore_index=True)
    title = "Campaign report\n"
    span = f'"{start:%B} {start.day}, {start:%Y} - {as_of:%B} {as_of.day}, {as_of:%Y}"\n'
    body = out.to_csv(index=False, sep="\t", lineterminator="\n")
    return {"google_ads_campaign_report.csv": (title + span + body).encode("utf-16")}
