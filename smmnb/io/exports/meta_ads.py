"""Meta Ads Manager exports (Facebook and Instagram ads) -> ``ads``.

Reads the CSV and XLSX files that Ads Manager's *Export table data* writes, at campaign, ad
set or ad level, with or without a daily breakdown (``Day``) and a platform breakdown
(``Platform``), in English or Vietnamese.

Mapping decisions:

- ``date`` is ``Day`` when the export has a daily breakdown, else ``Reporting starts`` (the
  row then covers the whole reporting range, kept as ``reporting_ends``, and
  ``attrs["daily"]`` is False).
- ``platform`` comes from the ``Platform`` breakdown; without it, rows are attributed to
  facebook, Meta's ad platform, and ``attrs["platform_from"]`` says so.
- ``clicks`` are link clicks; ``Clicks (all)`` is kept as ``clicks_all``.
- ``conversions`` are purchases where the export has them, else ``Results`` (recorded in
  ``attrs["conversions_from"]``); ``revenue`` is the purchases conversion value.
- The currency is the account's, from the ``Amount spent (XXX)`` header.
- A summary row (every name column blank) is dropped; other columns are kept in snake case.
- Vietnamese headers (``Tên chiến dịch``, ``Số tiền đã chi tiêu (VND)``, ``Lượt bắt đầu báo
  cáo``…) are translated to the English ones first; dates are ISO in both.
"""

from __future__ import annotations

import re

import pandas as pd

from smmnb.errors import Problem, SchemaError
from smmnb.io.exports._base import (
    ExportFormat,
    Found,
    Options,
    RawExport,
    need_brand,
    norm,
    rename_columns,
    snake_extras,
)
from smmnb.schema import TABLES

__all__ = ["FORMAT", "FORMATS", "HEADERS", "sample_exports", "write"]

# English header -> Vietnamese interface header (Trình quản lý quảng cáo, tiếng Việt).
HEADERS = {
    "Reporting starts": "Lượt bắt đầu báo cáo",
    "Reporting ends": "Lượt kết thúc báo cáo",
    "Account name": "Tên tài khoản",
    "Campaign name": "Tên chiến dịch",
    "Ad set name": "Tên nhóm quảng cáo",
    "Ad name": "Tên quảng cáo",
    "Day": "Ngày",
    "Platform": "Nền tảng",
    "Objective": "Mục tiêu",
    "Amount spent": "Số tiền đã chi tiêu",
    "Impressions": "Lượt hiển thị",
    "Reach": "Người tiếp cận",
    "Link clicks": "Lượt click vào liên kết",
    "Clicks (all)": "Lượt click (tất cả)",
    "Results": "Kết quả",
    "Result indicator": "Chỉ báo kết quả",
    "Result type": "Loại kết quả",
    "Cost per result": "Chi phí trên mỗi kết quả",
    "Purchases": "Lượt mua",
    "Purchases conversion value": "Giá trị chuyển đổi của lượt mua",
    "CPM (cost per 1,000 impressions)": "CPM (Chi phí trên mỗi 1.000 lượt hiển thị)",
    "Frequency": "Tần suất",
    "Landing page views": "Lượt xem trang đích",
    "ThruPlays": "ThruPlay",
}
_VI = {norm(v): k for k, v in HEADERS.items()}
_SPENT = re.compile(r"^(amount spent|số tiền đã chi tiêu)\s*\(([a-z]{3})\)$")
_MAP = {
    "Day": "date",
    "Account name": "account_name",
    "Campaign name": "campaign",
    "Ad set name": "ad_set",
    "Ad name": "ad",
    "Platform": "platform",
    "Objective": "objective",
    "Impressions": "impressions",
    "Reach": "reach",
    "Link clicks": "clicks",
    "Clicks (all)": "clicks_all",
    "Purchases conversion value": "revenue",
    "ThruPlays": "video_views",
}
_PLATFORMS = {
    "facebook": "facebook",
    "instagram": "instagram",
    "messenger": "facebook",
    "audience_network": "facebook",
    "audience network": "facebook",
    "threads": "threads",
}


def _english(header: str) -> str:
    """The English header for a Vietnamese one (currency suffix kept)."""
    m = re.match(r"^(.*?)\s*(\([A-Za-z]{3}\))?$", header.strip())
    base, suffix = m.group(1), m.group(2) or ""
    english = _VI.get(norm(base))
    return f"{english} {suffix}".strip() if english else header


def _drop_summary_row(df: pd.DataFrame, labels: list[str]) -> tuple[pd.DataFrame, list[str]]:
    """Drop Meta's optional summary row: every name column it has is blank."""
    names = [c for c in ("Campaign name", "Ad set name", "Ad name") if c in df.columns]
    blank = df[names].fillna("").apply(lambda col: col.str.strip() == "").all(axis=1)
    keep = ~blank.to_numpy()
    return df[keep].reset_index(drop=True), [lab for lab, k in zip(labels, keep, strict=True) if k]


def _detect(raw: RawExport) -> Found | None:
    for table in raw.tables:
        for i, row in enumerate(table.head()):
            cells = {norm(_english(c)) for c in row}
            has_spent = any(_SPENT.match(norm(c)) for c in row)
            if (
                has_spent
                and "campaign name" in cells
                and ("reporting starts" in cells or "day" in cells)
            ):
                return Found(table, i)
    return None


def _read(raw: RawExport, found: Found, options: Options):
    df, labels = found.table.frame(found.header)
    df.columns = [_english(c) for c in df.columns]
    currency = None
    for col in list(df.columns):
        m = _SPENT.match(norm(col))
        if m:
            currency = m.group(2).upper()
            df = df.rename(columns={col: "spend"})
            break
    df, labels = _drop_summary_row(df, labels)
    attrs: dict = {"currency": currency}
    daily = "Day" in df.columns
    if not daily:
        df = df.rename(columns={"Reporting starts": "date"})
    attrs["daily"] = daily
    cols = {norm(c): c for c in df.columns}
    if "purchases" in cols:
        df = df.rename(columns={cols["purchases"]: "conversions"})
        attrs["conversions_from"] = "Purchases"
    elif "results" in cols:
        df = df.rename(columns={cols["results"]: "conversions"})
        attrs["conversions_from"] = "Results"
    df = rename_columns(df, _MAP)
    if "platform" in df.columns:
        df["platform"] = (
            df["platform"].str.strip().str.lower().map(_PLATFORMS).fillna(df["platform"])
        )
        attrs["platform_from"] = "Platform breakdown"
    else:
        df["platform"] = "facebook"
        attrs["platform_from"] = "no Platform breakdown: attributed to facebook"
    account = None
    if "account_name" in df.columns and df["account_name"].notna().any():
        account = str(df["account_name"].dropna().iloc[0])
    df["brand"] = need_brand(raw, FORMAT, options, account)
    if currency:
        df["currency"] = currency
    if "spend" not in df.columns:
        raise SchemaError(raw.source, "ads", [Problem("no 'Amount spent (XXX)' column")])
    df = snake_extras(df, TABLES["ads"].names)
    return df, labels, attrs


FORMAT = ExportFormat("meta_ads", "Meta Ads Manager", "ads", _detect, _read)
FORMATS = [FORMAT]


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
