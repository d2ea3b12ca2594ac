"""Web traffic: GA4 channel groups, the platform of a source, web sessions from social.

``channel_group`` follows the order and rules of GA4's default channel group as Google
publishes them: the first rule that matches wins. Google's full source lists are long; the
lists here hold the sources a Vietnamese brand sees (Facebook, Zalo, TikTok, Cốc Cốc, Shopee,
Lazada, Tiki...) and the big international ones. A source that is on none of them falls
through to the medium-based rules, as in GA4.
"""

from __future__ import annotations

import re

import pandas as pd

__all__ = ["CHANNEL_GROUPS", "channel_group", "SOCIAL_GROUPS", "source_platform", "web_from_social"]


CHANNEL_GROUPS = (
    "Direct",
    "Cross-network",
    "Paid Shopping",
    "Paid Search",
    "Paid Social",
    "Paid Video",
    "Display",
    "Paid Other",
    "Organic Shopping",
    "Organic Social",
    "Organic Video",
    "Organic Search",
    "Email",
    "Affiliates",
    "Referral",
    "Audio",
    "SMS",
    "Mobile Push Notifications",
    "Unassigned",
)
"""GA4's default channel groups, in the order their rules are evaluated."""


_SOCIAL = {
    "facebook", "facebook.com", "fb", "m.facebook.com", "l.facebook.com", "lm.facebook.com",
    "web.facebook.com", "business.facebook.com", "instagram", "instagram.com", "ig",
    "l.instagram.com", "tiktok", "tiktok.com", "zalo", "zalo.me", "chat.zalo.me", "linkedin",
    "linkedin.com", "lnkd.in", "t.co", "twitter", "twitter.com", "x.com", "threads",
    "threads.net", "pinterest", "pinterest.com", "reddit", "reddit.com", "messenger",
    "messenger.com", "whatsapp", "whatsapp.com", "snapchat", "telegram", "discord", "quora",
    "badoo", "line", "wechat", "weibo", "vk.com", "tumblr",
}  # fmt: skip


_SEARCH = {
    "google", "google.com", "google.com.vn", "bing", "bing.com", "yahoo", "yahoo.com",
    "duckduckgo", "duckduckgo.com", "baidu", "baidu.com", "coccoc", "coccoc.com", "yandex",
    "yandex.ru", "naver", "naver.com", "ecosia.org", "search.brave.com", "qwant", "so.com",
}  # fmt: skip


_VIDEO = {
    "youtube", "youtube.com", "m.youtube.com", "youtu.be", "vimeo", "vimeo.com",
    "dailymotion", "dailymotion.com", "twitch", "twitch.tv", "netflix", "disneyplus",
}  # fmt: skip


_SHOPPING = {
    "shopee", "shopee.vn", "lazada", "lazada.vn", "tiki", "tiki.vn", "sendo", "sendo.vn",
    "amazon", "amazon.com", "ebay", "ebay.com", "shopify", "shopify.com", "etsy", "etsy.com",
    "walmart", "walmart.com", "aliexpress", "taobao", "google shopping", "shopping.google.com",
}  # fmt: skip


_EMAIL = {"email", "e-mail", "e_mail", "e mail"}


_SOCIAL_MEDIUMS = {"social", "social-network", "social-media", "sm", "social network",
                   "social media"}  # fmt: skip


_PAID = r"^(.*cp.*|ppc|retargeting|paid.*)$"


_SHOP_CAMPAIGN = r"^(.*(([^a-df-z]|^)shop|shopping).*)$"


def channel_group(web_sessions: pd.DataFrame) -> pd.Series:
    """GA4's default channel group of each row, from ``source``, ``medium`` and ``campaign``.

    Parameters
    ----------
    web_sessions : pandas.DataFrame
        A ``web_sessions`` table (``campaign`` may be missing).

    Returns
    -------
    pandas.Series
        Aligned with the rows; values from :data:`CHANNEL_GROUPS`. A row whose
        ``channel_group`` column names a group (GA4 rows read by channel group) keeps it;
        the others are classified by GA4's rules. Paid rules come before
        organic ones, so ``facebook / paid_social`` is Paid Social and ``facebook / social``
        Organic Social; YouTube is a video source (Organic Video, or Paid Video with a paid
        medium); ``(direct) / (none)`` is Direct.

    Examples
    --------
    >>> web = pd.DataFrame({"source": ["facebook", "google", "(direct)"],
    ...                     "medium": ["cpc", "organic", "(none)"]})
    >>> channel_group(web).tolist()
    ['Paid Social', 'Organic Search', 'Direct']
    """
    for column in ("source", "medium"):
        if column not in web_sessions.columns:
            raise ValueError(f"channel_group needs a '{column}' column")
    source = web_sessions["source"].astype("str").str.strip().str.lower().fillna("")
    medium = web_sessions["medium"].astype("str").str.strip().str.lower().fillna("")
    if "campaign" in web_sessions.columns:
        campaign = web_sessions["campaign"].astype("str").str.lower().fillna("")
    else:
        campaign = pd.Series("", index=web_sessions.index)
    source = source.replace("nan", "")
    medium = medium.replace("nan", "")
    campaign = campaign.replace("nan", "")

    paid = medium.str.match(_PAID, flags=re.IGNORECASE)
    shop_campaign = campaign.str.match(_SHOP_CAMPAIGN)
    shopping = source.isin(_SHOPPING) | shop_campaign
    social, search, video = source.isin(_SOCIAL), source.isin(_SEARCH), source.isin(_VIDEO)
    rules = [
        ("Direct", (source == "(direct)") & medium.isin(["(not set)", "(none)", ""])),
        ("Cross-network", campaign.str.contains("cross-network", regex=False)),
        ("Paid Shopping", shopping & paid),
        ("Paid Search", search & paid),
        ("Paid Social", social & paid),
        ("Paid Video", video & paid),
        ("Display", medium.isin(["display", "banner", "expandable", "interstitial", "cpm"])),
        ("Paid Other", paid),
        ("Organic Shopping", shopping),
        ("Organic Social", social | medium.isin(_SOCIAL_MEDIUMS)),
        ("Organic Video", video | medium.str.contains("video", regex=False)),
        ("Organic Search", search | (medium == "organic")),
        ("Email", source.isin(_EMAIL) | medium.isin(_EMAIL)),
        ("Affiliates", medium == "affiliate"),
        ("Referral", medium.isin(["referral", "app", "link"])),
        ("Audio", medium == "audio"),
        ("SMS", (source == "sms") | (medium == "sms")),
        (
            "Mobile Push Notifications",
            medium.str.endswith("push")
            | medium.str.contains("mobile|notification", regex=True)
            | (source == "firebase"),
        ),
    ]
    out = pd.Series("Unassigned", index=web_sessions.index, dtype="object")
    decided = pd.Series(False, index=web_sessions.index)
    for name, matches in rules:
        take = matches.fillna(False).astype(bool) & ~decided
        out[take] = name
        decided |= take
    if "channel_group" in web_sessions.columns:  # GA4 said it (rows read by channel group)
        given = web_sessions["channel_group"].astype("object")
        known = given.isin(list(CHANNEL_GROUPS)).to_numpy()
        out[known] = given[known]
    return out.astype(pd.CategoricalDtype(list(CHANNEL_GROUPS)))


SOCIAL_GROUPS = ("Organic Social", "Paid Social")


_SOURCE_PLATFORMS = (
    ("facebook", r"facebook|^fb$|messenger"), ("instagram", r"instagram|^ig$"),
    ("tiktok", r"tiktok"), ("youtube", r"youtube|youtu\.be"), ("zalo", r"zalo"),
    ("linkedin", r"linkedin|lnkd\.in"), ("x", r"^t\.co$|twitter|^x\.com$|^x$"),
    ("threads", r"threads"), ("google", r"google"),
)  # fmt: skip


def source_platform(web_sessions: pd.DataFrame) -> pd.Series:
    """The platform (``facebook``, ``tiktok``...) a web session's ``source`` belongs to.

    ``m.facebook.com`` and ``fb`` are Facebook, ``t.co`` is X; "" for a source of no
    platform (``(direct)``, a newsletter).
    """
    source = web_sessions["source"].astype("str").str.strip().str.lower().fillna("")
    out = pd.Series("", index=web_sessions.index, dtype="object")
    for platform, pattern in _SOURCE_PLATFORMS:
        out[(out == "") & source.str.contains(pattern, regex=True).fillna(False)] = platform
    return out


def web_from_social(ws, *, platforms: list[str] | None = None) -> pd.DataFrame:
    """Web sessions from social, by platform and UTM campaign, and social's share of traffic.

    Parameters
    ----------
    ws : Workspace
    platforms : list of str, optional
        Keep the social sources of these platforms only (see :func:`source_platform`); the
        share is still of all the period's sessions.

    Returns
    -------
    pandas.DataFrame
        One row per social ``source`` (lower case) and ``campaign`` ("" for untagged):
        ``platform``, ``channel_group`` (Organic or Paid Social), ``sessions``,
        ``engaged_rate`` (engaged sessions / sessions), ``conversions``, ``cvr``
        (conversions / sessions), ``revenue``, ``share_of_all`` (sessions / all sessions of
        the period, every source). Sorted by sessions.
    """
    from smmnb.metrics import ratio

    web = ws.web_sessions
    columns = ["source", "campaign", "platform", "channel_group", "sessions", "conversions",
               "revenue", "engaged_rate", "cvr", "share_of_all"]  # fmt: skip
    if web.empty:
        return pd.DataFrame(columns=columns)
    groups = channel_group(web)
    keep = groups.isin(SOCIAL_GROUPS).to_numpy().copy()
    platform = source_platform(web)
    if platforms:
        keep &= platform.isin([p.lower() for p in platforms]).to_numpy()
    social = web[keep].assign(
        channel_group=groups[keep].astype("str").to_numpy(),
        platform=platform[keep].to_numpy(),
        source=lambda d: d["source"].astype("str"),
        campaign=lambda d: d["campaign"].astype("str").fillna(""),
    )
    cols = ["sessions", "engaged_sessions", "conversions", "revenue"]
    out = (
        social.astype({c: "float64" for c in cols})
        .groupby(["source", "campaign", "platform", "channel_group"])[cols]
        .sum(min_count=1)
        .reset_index()
    )
    out["engaged_rate"] = ratio(out["engaged_sessions"], out["sessions"]).to_numpy()
    out["cvr"] = ratio(out["conversions"], out["sessions"]).to_numpy()
    out["share_of_all"] = out["sessions"] / float(web["sessions"].sum())
    out = out[columns]
    return out.sort_values("sessions", ascending=False, kind="stable").reset_index(drop=True)
