"""Names people use: platforms as their owners write them, KPI and column labels with formulas.

The data keep their codes (``tiktok``, ``er_reach``); what a reader sees comes from here, in the
report language::

    platform_name("tiktok")   -> "TikTok"
    label("er_reach")         -> "engagement rate on reach" / "tỷ lệ tương tác trên lượt tiếp cận"
    formula("er_reach")       -> "engagements / reach" / "lượt tương tác / lượt tiếp cận"

A column without a label here is shown as its code with ``_`` read as a space (and translated
when some catalog holds that text).
"""

from __future__ import annotations

from smmnb.i18n import N_, _, pgettext

__all__ = ["LABELS", "PLATFORM_NAMES", "format_name", "formula", "label", "platform_name"]

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
    "likes": (N_("likes"), ""),
    "video_views": (N_("video views"), ""),
    "er_reach": (N_("engagement rate on reach"), N_("engagements / reach")),
    "er_impressions": (N_("engagement rate on impressions"), N_("engagements / impressions")),
    "er_followers": (N_("engagement rate on followers"), N_("engagements / followers")),
    "mean_reach": (N_("mean reach"), N_("reach / items")),
    "items": (N_("items"), ""),
    "posts": (N_("posts"), ""),
    "mentions": (N_("mentions"), ""),
    "author": (N_("author"), ""),
    "author_followers": (N_("author's followers"), ""),
    # paid
    "spend": (N_("spend"), ""),
    "clicks": (N_("clicks"), ""),
    "conversions": (N_("conversions"), ""),
    "revenue": (N_("revenue"), ""),
    "ctr": ("CTR", N_("clicks / impressions")),
    "cpc": ("CPC", N_("spend / clicks")),
    "cpm": ("CPM", N_("spend / impressions x 1,000")),
    "cvr": (N_("conversion rate"), N_("conversions / clicks (on the web: conversions / sessions)")),
    "cpa": ("CPA", N_("spend / conversions")),
    "cpe": ("CPE", N_("cost / engagements")),
    "roas": ("ROAS", N_("revenue / spend")),
    "roi": ("ROI", N_("(revenue - spend) / spend")),
    "currency": (N_("currency"), ""),
    "ad": (N_("ad"), ""),
    "type": (N_("type"), ""),
    "influencer": (N_("influencer"), ""),
    "tier": (N_("tier"), ""),
    "fee": (N_("fee"), ""),
    "check_audience": (
        N_("audience to check"),
        N_("engagement rate on impressions far below comparable partners"),
    ),
    "source": (N_("source"), ""),
    "channel_group": (N_("channel group"), ""),
    "sessions": (N_("web sessions"), ""),
    "engaged_rate": (N_("engaged-session rate"), N_("engaged sessions / sessions")),
    "share_of_all": (N_("share of all sessions"), N_("sessions / all web sessions")),
    # targets and budgets
    "KPI": ("KPI", ""),
    "kpi": ("KPI", ""),
    "covers": (N_("covers"), ""),
    "direction": (N_("direction"), ""),
    "target": (N_("target"), ""),
    "actual": (N_("actual"), ""),
    "expected": (N_("expected by now"), ""),
    "forecast": (N_("forecast"), ""),
    "pace": (N_("pace"), N_("actual so far / expected so far")),
    "period_start": (N_("period start"), ""),
    "period_end": (N_("period end"), ""),
    "budget": (N_("budget"), ""),
    "spent": (N_("spent"), ""),
    "planned": (N_("planned"), ""),
    "daily_rate": (N_("spend per day"), N_("mean spend per day over the last 14 days")),
    "projected": (
        N_("projected at period end"),
        N_("spent + spend per day x days left in the period"),
    ),
    "over": (N_("over budget"), N_("projected at period end - budget")),
    "days_left": (N_("days of budget left"), N_("budget left / spend per day")),
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
    "answered": (N_("answered"), ""),
    "when": (N_("local time"), ""),
    "search_type": (N_("search type"), ""),
    "end_date": (N_("last day"), ""),
    "position": (
        N_("average position"),
        N_("Google's average position, weighted by impressions"),
    ),
    "sentiment": (N_("sentiment"), ""),
    "why": (N_("why (the words that decided)"), ""),
    "engagement_rate": (
        N_("engagement rate"),
        N_("engagements / reach of the post (/ impressions where the platform reports no reach)"),
    ),
    "comparable_median": (
        N_("usual rate"),
        N_("median engagement rate of the other posts of the same brand, platform and format"),
    ),
    "beats": (N_("beats"), N_("share of those comparable posts with a lower rate")),
    "comparable": (N_("comparable posts"), ""),
    "share_negative": (N_("negative share"), N_("negative comments / comments")),
    "share_asking": (
        N_("share of questions and requests"),
        N_("questions and requests / comments"),
    ),
    "unanswered": (N_("share without a reply"), N_("comments without a brand reply / comments")),
    "previous_share_negative": (
        N_("negative share, previous period"),
        N_("negative comments / comments, in the previous period"),
    ),
    "top_terms": (N_("top terms"), ""),
    "share_of_voice": (
        N_("share of voice"),
        N_("the brand's mentions / mentions of all brands compared"),
    ),
    "share of mentions": (
        N_("share of mentions"),
        N_("the brand's mentions / mentions of all brands compared"),
    ),
    "share of engagements": (
        N_("share of engagements"),
        N_("engagements on the brand's mentions / on those of all brands compared"),
    ),
    # the scorer's accuracy
    "lang": (N_("language"), ""),
    "data set": (N_("data set"), ""),
    "texts": (N_("texts"), ""),
    "label": (N_("label"), ""),
    "accuracy": (N_("accuracy"), N_("texts labelled correctly / texts")),
    "macro_f1": (N_("macro F1"), N_("mean of the F1 of each label")),
    "precision": (N_("precision"), N_("correct / texts given the label")),
    "recall": (N_("recall"), N_("correct / texts that carry the label")),
    "f1": ("F1", N_("harmonic mean of precision and recall")),
    "f1-score": ("F1", N_("harmonic mean of precision and recall")),
    "support": (N_("texts with the label"), ""),
    "negative_precision": (
        N_("negative precision"),
        N_("correct / texts labelled negative by the scorer"),
    ),
    "negative_recall": (N_("negative recall"), N_("correct / texts that are negative")),
    "positive_precision": (
        N_("positive precision"),
        N_("correct / texts labelled positive by the scorer"),
    ),
    "positive_recall": (N_("positive recall"), N_("correct / texts that are positive")),
    # trends
    "term": (N_("term"), ""),
    "hashtag": (N_("hashtag"), ""),
    "kind": (N_("kind"), ""),
    "count_recent": (N_("count, recent days"), ""),
    "count_baseline": (N_("count, the days before"), ""),
    "ratio": (N_("ratio"), N_("this value / the value it is compared with")),
    "q_value": (N_("q-value"), N_("p-value adjusted for the many terms tested")),
    "example": (N_("example"), ""),
    "period": (N_("period"), ""),
    "count": (N_("count"), ""),
    "baseline": (
        N_("baseline"),
        N_("the usual count (median of the same weekday in the weeks before)"),
    ),
    "alert_at": (N_("alert line"), ""),
    "score": (N_("score"), N_("(count - baseline) / the usual spread of the count")),
    "share on the day": (N_("share on the day"), N_("mentions using the term / mentions")),
    "share before": (N_("share before"), N_("mentions using the term / mentions")),
    "day": (N_("day"), ""),
    "time": (N_("time of day"), ""),
    "slot": (N_("slot"), ""),
    "value": (N_("value"), ""),
    "ci_low": (N_("interval from"), ""),
    "ci_high": (N_("interval to"), ""),
    "pooled": (N_("pooled rate"), N_("sum over the posts / sum of their denominators")),
    "p_holm": (N_("adjusted p (Holm)"), ""),
    "p_value": (N_("p-value"), ""),
    "adjusted p": (N_("adjusted p"), ""),
    "significant": (N_("significant"), ""),
    "change": (N_("change"), ""),
    "days": (N_("days"), ""),
    "views per day": (N_("views per day"), ""),
    "views in all": (N_("views in all"), ""),
    "impressions per day": (N_("impressions per day"), ""),
    "reach per day": (N_("reach per day"), ""),
    "busiest day": (N_("busiest day"), ""),
    "gain_28d": (N_("gain, last 28 days"), ""),
    "gain_prev_28d": (N_("gain, 28 days before"), ""),
    "rel_change_28d": (
        N_("growth, last 28 days"),
        N_("gain, last 28 days / followers 28 days ago"),
    ),
    "rel_change": (N_("relative change"), N_("change / the value before")),
    "due": (N_("due"), ""),
    "reached_on": (N_("reached on (forecast)"), ""),
    "earliest": (N_("earliest"), ""),
    "latest": (N_("latest"), ""),
    "on_time": (N_("on time"), ""),  # a follower target reached by its due day
    "gained": (N_("gained"), ""),
    "lost": (N_("lost"), ""),
    "net": (N_("net"), N_("gained - lost")),
    "gained, last 28 days": (N_("gained, last 28 days"), ""),
    "gained, 28 days before": (N_("gained, 28 days before"), ""),
    # campaigns' creatives
    "versus": (N_("compared with"), ""),
    "rate": (N_("rate"), ""),
    "versus rate": (N_("their rate"), ""),
    "difference": (N_("difference"), N_("rate / their rate - 1")),
    "95% interval (points)": (N_("95% interval (points)"), ""),
    "verdict": (N_("verdict"), ""),
    # the content calendar
    "title": (N_("title"), ""),
    "owner": (N_("owner"), ""),
    "published": (N_("published"), ""),
    "published_items": (N_("published items"), ""),
    "published_on_time": (N_("on time"), ""),  # items that went out on time: see _IN_CONTEXT
    "on_time_rate": (N_("on-time rate"), N_("items published on time / published items")),
    "median_delay_h": (N_("median delay (hours)"), ""),
    "planned_local": (N_("planned for"), ""),
    "days_overdue": (N_("days overdue"), ""),
    "empty days": (N_("empty days"), ""),
    "published_per_week": (N_("published per week"), ""),
    "planned_per_week": (N_("planned per week"), ""),
    "recommended_min": (N_("recommended minimum per week"), ""),
    "recommended_max": (N_("recommended maximum per week"), ""),
    # the data check (and the canonical tables it names)
    "ads": (N_("ads"), ""),
    "web_sessions": (N_("web sessions"), ""),
    "influencers": (N_("influencer partnerships"), ""),
    "calendar": (N_("content calendar"), ""),
    "targets": (N_("targets"), ""),
    "channel_daily": (N_("channel totals per day"), ""),
    "table": (N_("table"), ""),
    "files": (N_("files"), ""),
    "file": (N_("file"), ""),
    "rows": (N_("rows"), ""),
    "rows_added": (N_("rows added"), ""),
    "brands": (N_("brands"), ""),
    "platforms": (N_("platforms"), ""),
    "first": (N_("first day"), ""),
    "last": (N_("last day"), ""),
    "duplicates_dropped": (N_("duplicates dropped"), ""),
    "note": (N_("note"), ""),
    "series": (N_("series"), ""),
    "empty_days": (N_("empty days"), ""),
    "longest_gap": (N_("longest gap (days)"), ""),
    "gap_starts": (N_("gap starts"), ""),
    "column": (N_("column"), ""),
    "missing": (N_("missing"), ""),
    "by_platform": (N_("missing on"), ""),
    "other_missing": (N_("missing elsewhere"), ""),
    "analysis": (N_("analysis"), ""),
    "needs": (N_("needs"), ""),
    "detail": (N_("detail"), ""),
    # common dimensions
    "measure": (N_("measure"), ""),
    "definition": (N_("definition"), ""),
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
    "status": (N_("status"), ""),
}
"""Column code -> (label, formula); acronyms managers use (CTR, CPA, ROAS) stay as they are."""


_IN_CONTEXT = {
    # "on time" of the calendar reads as its sentences say it (vi "đúng giờ": at the planned
    # hour), while a follower target reached by its due day (``on_time``) reads "đúng hạn"
    "published_on_time": lambda: pgettext("content calendar", "on time"),
}
"""Labels that one language words by the table they head: a context tells them apart."""


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
    if key in _IN_CONTEXT:
        return _IN_CONTEXT[key]()
    text = LABELS[key][0] if key in LABELS else key.replace("_", " ")
    return text if text.isupper() else _(text)


def formula(column: object) -> str:
    """How a KPI column is computed, in the report language ("" when it is a plain count)."""
    text = LABELS.get(str(column), ("", ""))[1]
    return _(text) if text else ""


def format_name(code: object) -> str:
    """A post format (a data code: ``image``, ``reel``...) in the report language.

    English reads the code as the data write it; "" for a post without a format.
    """
    if not isinstance(code, str) or not code.strip():
        return ""
    names = {
        "image": pgettext("post format", "image"),
        "video": pgettext("post format", "video"),
        "short": pgettext("post format", "short"),
        "reel": pgettext("post format", "reel"),
        "carousel": pgettext("post format", "carousel"),
        "live": pgettext("post format", "live"),
        "text": pgettext("post format", "text"),
        "link": pgettext("post format", "link"),
        "story": pgettext("post format", "story"),
        "document": pgettext("post format", "document"),
        "article": pgettext("post format", "article"),
        "poll": pgettext("post format", "poll"),
    }
    return names.get(code.strip().lower(), code)
