"""Google Ads report downloads -> ``ads`` (platform ``google``).

Reads the *CSV (Excel)* download (UTF-16LE with BOM, tab-separated) and the plain CSV one.
Both have a title row and a date-range row above the header, quoted thousands (``"6,114"``),
percent strings, `` --`` for a missing value, and ``Total: …`` rows at the end.

Mapping decisions: ``Day`` -> date (without it the row covers the report's range, dated on its
first day, ``attrs["daily"]`` False); ``Campaign`` -> campaign; ``Ad group`` -> ad_set;
``Impr.`` -> impressions; ``Clicks`` -> clicks; ``Cost`` -> spend; ``Conversions`` ->
conversions (Google Ads reports fractional conversions, which the ads table allows);
``Conv. value`` -> revenue; ``Currency code`` -> currency. ``CTR``, ``Avg. CPC`` and the rest
are kept as extra columns. Google Ads also buys YouTube ads; they are platform ``google``.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from smmnb.io.exports._base import (
    ExportFormat,
    Found,
    Options,
    RawExport,
    drop_total_rows,
    find_header,
    need_brand,
    norm,
    rename_columns,
    snake_extras,
)
from smmnb.schema import TABLES

__all__ = ["FORMATS", "sample_exports"]

_MAP = {
    "Day": "date",
    "Campaign": "campaign",
    "Ad group": "ad_set",
    "Ad": "ad",
    "Impr.": "impressions",
    "Impressions": "impressions",
    "Clicks": "clicks",
    "Cost": "spend",
    "Conversions": "conversions",
    "Conv. value": "revenue",
    "Conversion value": "revenue",
    "Currency code": "currency",
    "Account": "account",
    "Account name": "account",
    "Campaign type": "objective",
}
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"


def _detect(raw: RawExport) -> Found | None:
    for table in raw.tables:
        i = find_header(table, ["Campaign", "Clicks"], any_of=[["Impr.", "Impressions"], ["Cost"]])
        if i is not None and any(norm(c) == "impr." or norm(c) == "cost" for c in table.rows[i]):
            # "Impr." is Google's own abbreviation; with "Cost" and "Campaign" it is Google Ads.
            if any(norm(c) == "impr." for c in table.rows[i]) or any(
                norm(c) == "currency code" for c in table.rows[i]
            ):
                return Found(table, i, {"range": _range(table.rows[:i])})
    return None


def _range(rows: list[list[str]]) -> str | None:
    for row in rows:
        text = " ".join(row)
        if re.search(_MONTHS + r"\s+\d{1,2},\s*\d{4}", text, flags=re.IGNORECASE):
            return text.strip().strip('"')
    return None


def _read(raw: RawExport, found: Found, options: Options):
    df, labels = found.table.frame(found.header)
    first = df.columns[0]
    df, labels = drop_total_rows(df, labels, first, pattern=r"^total\b")
    df = rename_columns(df, _MAP)
    attrs: dict = {"daily": "date" in df.columns, "report_range": found.notes.get("range")}
    if "date" not in df.columns:
        start = (found.notes.get("range") or "").split(" - ")[0]
        df["date"] = (
            pd.to_datetime(start, format="%B %d, %Y", errors="coerce").strftime("%Y-%m-%d")
            if start
            else None
        )
    for col in ("impressions", "clicks", "spend", "conversions", "revenue"):
        if col in df.columns:
            df[col] = df[col].str.strip().replace({"--": None, "": None})
    account = None
    if "account" in df.columns and df["account"].notna().any():
        account = str(df["account"].dropna().iloc[0])
    df["brand"] = need_brand(raw, FORMATS[0], options, account)
    df["platform"] = "google"
    return snake_extras(df, TABLES["ads"].names), labels, attrs


FORMATS = [ExportFormat("google_ads", "Google Ads", "ads", _detect, _read)]


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
