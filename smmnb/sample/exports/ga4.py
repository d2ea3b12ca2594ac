"""The sample's GA4 export: a traffic acquisition CSV with its ``#`` preamble."""

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
    """A GA4 traffic acquisition CSV of the last 90 days of ``web_sessions``."""
    web = tables["web_sessions"]
    start = as_of - pd.Timedelta(days=89)
    rows = web[(web["brand"] == brand) & (web["date"] >= start) & (web["date"] <= as_of)]
    rows = rows.sort_values(["date", "source", "medium", "campaign", "landing_page"])
    out = pd.DataFrame(
        {
            "Date": rows["date"].dt.strftime("%Y%m%d"),
            "Session source": rows["source"].astype("str"),
            "Session medium": rows["medium"].astype("str"),
            "Session campaign": rows["campaign"].astype("str").fillna("(not set)"),
            "Landing page": rows["landing_page"].astype("str"),
            "Sessions": rows["sessions"].astype("int64"),
            "Total users": rows["users"].astype("int64"),
            "Engaged sessions": rows["engaged_sessions"].astype("int64"),
            "Key events": rows["conversions"].astype("int64"),
            "Total revenue": rows["revenue"].round(0).astype("int64"),
        }
    )
    out["Session campaign"] = out["Session campaign"].replace({"nan": "(not set)"})
    preamble = (
        "# ----------------------------------------\n"
        "# Traffic acquisition: Session source / medium\n"
        f"# Account: {brand}\n"
        f"# Property: {brand} website\n"
        "# ----------------------------------------\n"
        "\n"
        f"# Start date: {start:%Y%m%d}\n"
        f"# End date: {as_of:%Y%m%d}\n"
    )
    body = out.to_csv(index=False, lineterminator="\n")
    return {"ga4_traffic_acquisition.csv": (preamble + body).encode("utf-8")}
