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

__all__ = ["FORMATS"]

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
