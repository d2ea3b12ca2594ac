"""Names people use: platforms as their owners write them, KPI and column labels with formulas.

The data keep their codes (``tiktok``, ``er_reach``); what a reader sees comes from here, in the
report language::

    platform_name("tiktok")   -> "TikTok"
    label("er_reach")         -> "engagement rate on reach" / "tỷ lệ tương tác trên lượt tiếp cận"
    formula("er_reach")       -> "engagements / reach" / "lượt tương tác / lượt tiếp cận"

A column without a label here is shown as its code with ``_`` read as a space.
"""

from __future__ import annotations

from smmnb.i18n import N_, _

__all__ = ["LABELS", "PLATFORM_NAMES", "formula", "label", "platform_name"]

PLATFORM_NAMES = {
    "facebook": "Facebook", "instagram": "Instagram", "tiktok": "TikTok", "youtube": "YouTube",
    "zalo": "Zalo", "x": "X", "linkedin": "LinkedIn", "threads": "Threads", "google": "Google",
    "google_ads": "Google Ads", "meta_ads": "Meta Ads", "tiktok_ads": "TikTok Ads",
}  # fmt: skip
"""Platforms written as their owners write them (brand names: the same in every language)."""

_GENERIC_SOURCES = {"web": N_("Web"), "news": N_("News sites"), "forum": N_("Forums"),
                    "all": N_("All platforms"), "other": N_("Other")}  # fmt: skip

LABELS: dict[str, tuple[str, str]] = {
    # engagement and reach
    "followers": (N_("followers"), ""),
    "reach": (
        N_("reach"),
        N_("people who saw the content at least once, as the platform reports it"),
    ),
    "impressions": (N_("impressions"), N_("times the content was shown")),
    "engagements": (N_("engagements"), N_("reactions + comments + shares + saves")),
    "reactions": (N_("reactions"), ""),
    "comments": (N_("comments"), ""),
    "shares": (N_("shares"), ""),
    "saves": (N_("saves"), ""),
    "video_views": (N_("video views"), ""),
    "er_reach": (N_("engagement rate on reach"), N_("engagements / reach")),
    "er_impressions": (N_("engagement rate on impressions"), N_("engagements / impressions")),
    "er_followers": (N_("engagement rate on followers"), N_("engagements / followers")),
    # paid
    "spend": (N_("spend"), ""),
    "clicks": (N_("clicks"), ""),
    "conversions": (N_("conversions"), ""),
    "revenue": (N_("revenue"), ""),
    "ctr": ("CTR", N_("clicks / impressions")),
    "cpc": ("CPC", N_("spend / clicks")),
    "cpm": ("CPM", N_("spend / impressions x 1,000")),
    "cvr": (N_("conversion rate"), N_("conversions / clicks")),
    "cpa": ("CPA", N_("spend / conversions")),
    "roas": ("ROAS", N_("revenue / spend")),
    # customers
    "net_sentiment": (
        N_("net sentiment"),
        N_("share of positive comments - share of negative comments"),
    ),
    "response_rate": (N_("response rate"), N_("comments with a brand reply / customer comments")),
    "within_sla": (
        N_("answered within SLA"),
        N_("comments answered within the SLA / customer comments"),
    ),
    "median_hours": (
        N_("median hours to reply"),
        N_("half of the answered comments got a reply faster"),
    ),
    "p90_hours": (
        N_("90th percentile hours to reply"),
        N_("9 in 10 answered comments got a reply faster"),
    ),
    "sessions": (N_("web sessions"), ""),
    "share_of_voice": (
        N_("share of voice"),
        N_("the brand's mentions / mentions of all brands compared"),
    ),
    # common dimensions
    "platform": (N_("platform"), ""),
    "brand": (N_("brand"), ""),
    "campaign": (N_("campaign"), ""),
    "date": (N_("date"), ""),
    "week": (N_("week"), ""),
    "theme": (N_("theme"), ""),
    "format": (N_("format"), ""),
    "text": (N_("text"), ""),
    "intent": (N_("intent"), ""),
    "negative": (N_("negative"), ""),
    "positive": (N_("positive"), ""),
    "neutral": (N_("neutral"), ""),
    "share": (N_("share"), ""),
    "target": (N_("target"), ""),
    "actual": (N_("actual"), ""),
    "forecast": (N_("forecast"), ""),
    "status": (N_("status"), ""),
}
"""Column code -> (label, formula); acronyms managers use (CTR, CPA, ROAS) stay as they are."""


def platform_name(code: object) -> str:
    """A platform as its owner writes it (``tiktok`` -> ``TikTok``); unknown codes as given."""
    text = str(code)
    key = text.strip().lower()
    if key in PLATFORM_NAMES:
        return PLATFORM_NAMES[key]
    if key in _GENERIC_SOURCES:
        return _(_GENERIC_SOURCES[key])
    return text


def label(column: object) -> str:
    """What a reader calls a column, in the report language (its code, spaced, when unknown)."""
    key = str(column)
    if key in LABELS:
        text = LABELS[key][0]
        return text if text.isupper() else _(text)
    return key.replace("_", " ")


def formula(column: object) -> str:
    """How a KPI column is computed, in the report language ("" when it is a plain count)."""
    text = LABELS.get(str(column), ("", ""))[1]
    return _(text) if text else ""
