"""The sample's TikTok files, as TikTok Studio and TikTok Ads Manager write them.

Studio's ``Content.csv`` and ``FollowerHistory.csv`` (yearless dates, every field quoted in the
history) and an Ads Manager ``By Day`` report (XLSX). Read back by
:mod:`smmnb.io.exports.tiktok`.
"""

from __future__ import annotations

import csv
import io
import re

import numpy as np
import pandas as pd

from smmnb.sample.exports._write import xlsx_bytes

__all__ = ["sample_exports"]


def _csv(frame: pd.DataFrame, *, quote_all: bool = False) -> bytes:
    buffer = io.StringIO()
    frame.to_csv(
        buffer,
        index=False,
        lineterminator="\n",
        quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL,
    )
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def _count_text(s: pd.Series) -> pd.Series:
    """Counts as TikTok Studio writes them: missing as ``undefined``."""
    return s.astype("Int64").astype("str").replace({"<NA>": "undefined"})


def sample_exports(
    tables: dict[str, pd.DataFrame],
    *,
    brand: str,
    timezone: str,
    as_of: pd.Timestamp,
    rng: np.random.Generator,
) -> dict[str, bytes]:
    """TikTok Studio and Ads Manager files for ``brand``, as downloaded on ``as_of``.

    ``tiktok_Content.csv`` and ``tiktok_FollowerHistory.csv`` cover the last 60 days (Studio's
    preset), with yearless dates; ``tiktok_ads_By_Day.xlsx`` has every TikTok ad day up to
    ``as_of`` and a total row. Overview.csv is not written: it fills no canonical table.

    Parameters
    ----------
    tables : dict of str to DataFrame
        Canonical tables (``posts``, ``followers``, ``ads``).
    brand : str
        The brand whose files are written.
    timezone : str
        The account's time zone (dates are local days).
    as_of : pandas.Timestamp
        The day of the download.
    rng : numpy.random.Generator
        Draws the metrics the canonical tables do not have (average watch time).

    Returns
    -------
    dict of str to bytes
        File name -> content.
    """
    as_of = pd.Timestamp(as_of).normalize()
    start = as_of - pd.Timedelta(days=59)
    handle = "@" + re.sub(r"[^0-9a-z._]", "", brand.lower()) + ".vn"
    out: dict[str, bytes] = {}

    posts = tables["posts"]
    local = posts["published_at"].dt.tz_convert(timezone).dt.tz_localize(None)
    keep = (
        (posts["brand"] == brand)
        & (posts["platform"] == "tiktok")
        & (local.dt.normalize() >= start)
        & (local.dt.normalize() <= as_of)
    )
    rows = posts[keep].assign(_local=local[keep]).sort_values("_local", ascending=False)
    watch = rng.uniform(4.0, 21.0, len(rows)).round(1)
    content = pd.DataFrame(
        {
            "Video title": rows["text"].astype("str").fillna(""),
            "Video link": [f"https://www.tiktok.com/{handle}/video/{p}" for p in rows["post_id"]],
            "Post time": [f"{t:%B} {t.day}" for t in rows["_local"]],
            "Total likes": _count_text(rows["reactions"]),
            "Total comments": _count_text(rows["comments"]),
            "Total shares": _count_text(rows["shares"]),
            "Total views": _count_text(rows["video_views"]),
            "Add to favorites": _count_text(rows["saves"]),
            "Average watch time": watch,
        }
    )
    out["tiktok_Content.csv"] = _csv(content)

    fol = tables["followers"]
    fol = fol[(fol["brand"] == brand) & (fol["platform"] == "tiktok")].sort_values("date")
    diff = fol["followers"].astype("Int64").diff()
    window = (fol["date"] >= start) & (fol["date"] <= as_of)
    fol, diff = fol[window], diff[window]
    history = pd.DataFrame(
        {
            "Date": [f"{d.day} {d:%B}" for d in fol["date"]],
            "Followers": _count_text(fol["followers"]),
            "Difference in followers from previous day": _count_text(diff),
        }
    )
    out["tiktok_FollowerHistory.csv"] = _csv(history, quote_all=True)

    ads = tables["ads"]
    ads = ads[(ads["brand"] == brand) & (ads["platform"] == "tiktok") & (ads["date"] <= as_of)]
    ads = ads.sort_values(["date", "campaign", "ad_set", "ad"], kind="stable")

    def num(v: object) -> object:
        if v is None or pd.isna(v):
            return None
        f = float(v)
        return int(f) if f.is_integer() else round(f, 2)

    header = [
        "By Day",
        "Campaign name",
        "Ad group name",
        "Ad name",
        "Currency",
        "Cost",
        "Impressions",
        "Reach",
        "Clicks (destination)",
        "CTR (destination)",
        "CPM",
        "Conversions",
        "Total complete payment value",
        "Video views",
    ]
    sheet: list[list[object]] = [header]
    for r in ads.itertuples(index=False):
        sheet.append(
            [
                f"{r.date:%Y-%m-%d}",
                str(r.campaign),
                str(r.ad_set),
                str(r.ad),
                str(r.currency) if pd.notna(r.currency) else "",
                num(r.spend),
                num(r.impressions),
                num(r.reach),
                num(r.clicks),
                f"{r.clicks / r.impressions:.2%}" if r.impressions else "",
                num(round(1000 * r.spend / r.impressions, 2)) if r.impressions else None,
                num(r.conversions),
                num(r.revenue),
                num(r.video_views),
            ]
        )
    total = [f"Total of {len(ads)} results", "", "", "", ""]
    total += [num(ads[c].sum()) for c in ("spend", "impressions", "reach", "clicks")]
    total += ["", "", num(ads["conversions"].sum()), num(ads["revenue"].sum()), None]
    sheet.append(total)
    out["tiktok_ads_By_Day.xlsx"] = xlsx_bytes({"Sheet1": sheet})
    return out
