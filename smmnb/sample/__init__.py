"""Deterministic sample data: the fictional coffee-and-tea chain Lumi and two competitors.

``generate(seed)`` builds the nine canonical tables in memory; ``write_sample(out, seed)``
writes them as CSV with a README that documents every planted effect. The same seed gives
the same bytes on every machine: all randomness comes from one ``numpy.random.Generator``
consumed in a fixed order, and nothing depends on the clock.

The planted effects (their sizes and dates are the constants below, and the README repeats
them) are what the analyses are tested to find:

1. ``SPIKE_DAY``: Lumi's mentions about ``SPIKE_FACTOR`` x baseline, mostly negative, about
   delivery delays; comments on owned channels turn negative that week too.
2. ``TREND_HASHTAG`` / ``TREND_TERM`` start trending on ``TREND_START`` (last three weeks).
3. Posts published on weekdays at ``BEST_HOURS`` local time get ``BEST_WINDOW_LIFT`` x the
   engagement rate on reach.
4. Short video formats (reel, short, video) get ``VIDEO_LIFT`` x the engagement rate of images.
5. In campaign ``AB_CAMPAIGN`` two video creatives differ in CTR (``AB_CTR``); two static
   creatives have the same CTR.
6. TikTok followers are behind the H2 target's pace; the other targets are on track.
7. A macro influencer with many followers and low engagement, a micro one with an excellent
   cost per engagement (``INFLUENCERS``).
8. On TikTok, questions are mostly unanswered and slow (``REPLY_RULES``).
9. ``FLIGHT_CAMPAIGN`` lifts web sessions from social while it runs (``FLIGHT_LIFT``).
10. Sentiment differs by platform (``POSITIVE_SHARE``) and drops in the spike week.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from smmnb import _sample_phrases as P
from smmnb.errors import SmmnbError
from smmnb.schema import TABLES, validate

__all__ = [
    "AB_CAMPAIGN",
    "AB_CTR",
    "BEST_HOURS",
    "BEST_WINDOW_LIFT",
    "BRAND",
    "COMPETITORS",
    "END",
    "FLIGHT_CAMPAIGN",
    "FLIGHT_LIFT",
    "INFLUENCERS",
    "POSITIVE_SHARE",
    "REPLY_RULES",
    "SPIKE_DAY",
    "SPIKE_FACTOR",
    "START",
    "TIMEZONE",
    "TREND_HASHTAG",
    "TREND_START",
    "TREND_TERM",
    "VIDEO_LIFT",
    "Sample",
    "generate",
    "write_sample",
]

BRAND = "Lumi"
COMPETITORS = ("Moc Coffee", "Sen Tea")
TIMEZONE = "Asia/Ho_Chi_Minh"
START = pd.Timestamp("2026-05-01")
END = pd.Timestamp("2026-10-31")
OWN_PLATFORMS = ("facebook", "instagram", "tiktok", "youtube", "zalo")

SPIKE_DAY = pd.Timestamp("2026-09-18")
SPIKE_FACTOR = 5.0
TREND_HASHTAG = "#caphemuoi"
TREND_TERM = "cà phê muối"
TREND_START = END - pd.Timedelta(days=20)
BEST_HOURS = (19, 20)  # 19:00-20:59 local time, Monday to Friday
BEST_WINDOW_LIFT = 1.30
VIDEO_LIFT = 1.45
VIDEO_FORMATS = ("reel", "short", "video")
AB_CAMPAIGN = "Cold Brew Season"
AB_CTR = {
    "CB Video A": 0.0120,
    "CB Video B": 0.0155,
    "CB Static C": 0.0090,
    "CB Static D": 0.0090,
}
FLIGHT_CAMPAIGN = "Back to School"
FLIGHT_LIFT = 1.6
POSITIVE_SHARE = {  # share of customer comments that are positive, by platform
    "facebook": 0.42,
    "instagram": 0.58,
    "tiktok": 0.30,
    "youtube": 0.48,
    "zalo": 0.45,
}
REPLY_RULES = {  # probability that the brand answers a question/complaint, median hours
    "facebook": (0.88, 1.5),
    "instagram": (0.82, 2.0),
    "tiktok": (0.25, 22.0),
    "youtube": (0.70, 4.0),
    "zalo": (0.92, 0.8),
}

# (start, end, platforms, objective, daily budget per ad in VND, ads)
CAMPAIGNS = {
    "Cold Brew Season": (
        "2026-08-03",
        "2026-09-27",
        ("facebook",),
        "conversions",
        2_400_000,
        tuple(AB_CTR),
    ),
    "Back to School": (
        "2026-08-15",
        "2026-09-05",
        ("facebook", "instagram", "tiktok"),
        "traffic",
        1_800_000,
        ("BTS Reel", "BTS Carousel"),
    ),
    "Mid-Autumn Mooncake": (
        "2026-09-01",
        "2026-09-30",
        ("facebook", "zalo", "youtube"),
        "conversions",
        1_500_000,
        ("Mooncake Gift Box", "Mooncake Video"),
    ),
    "Salted Coffee Launch": (
        "2026-10-10",
        "2026-10-31",
        ("tiktok", "instagram", "facebook"),
        "awareness",
        2_000_000,
        ("Salted Coffee Short", "Salted Coffee Image"),
    ),
    "Search - Brand": (
        "2026-05-01",
        "2026-10-31",
        ("google",),
        "conversions",
        600_000,
        ("Lumi brand terms",),
    ),
}
FLIGHT = (pd.Timestamp(CAMPAIGNS[FLIGHT_CAMPAIGN][0]), pd.Timestamp(CAMPAIGNS[FLIGHT_CAMPAIGN][1]))

INFLUENCERS = (
    # influencer, platform, campaign, tier, followers, fee, posts, impressions, engagements,
    # clicks, conversions
    (
        "Hà Linh Official",
        "tiktok",
        "Back to School",
        "macro",
        2_100_000,
        120_000_000,
        2,
        920_000,
        3_700,
        1_900,
        38,
    ),
    (
        "Mê Cà Phê Sài Gòn",
        "instagram",
        "Back to School",
        "micro",
        28_000,
        6_000_000,
        3,
        36_000,
        4_100,
        620,
        41,
    ),
    (
        "Tuấn Ăn Vặt",
        "tiktok",
        "Mid-Autumn Mooncake",
        "mid",
        310_000,
        25_000_000,
        2,
        260_000,
        14_500,
        2_300,
        96,
    ),
    (
        "Chill Cùng Mai",
        "youtube",
        "Mid-Autumn Mooncake",
        "mid",
        180_000,
        30_000_000,
        1,
        140_000,
        6_900,
        1_400,
        52,
    ),
    (
        "Saigon Foodie Club",
        "facebook",
        "Salted Coffee Launch",
        "mid",
        420_000,
        28_000_000,
        2,
        300_000,
        11_200,
        2_900,
        110,
    ),
    (
        "Bé Cam Review",
        "tiktok",
        "Salted Coffee Launch",
        "micro",
        45_000,
        8_000_000,
        2,
        70_000,
        4_100,
        880,
        35,
    ),
)

_FOLLOWERS_START = {  # brand -> platform -> followers on START
    BRAND: {
        "facebook": 186_000,
        "instagram": 64_500,
        "tiktok": 92_000,
        "youtube": 12_400,
        "zalo": 38_200,
    },
    "Moc Coffee": {
        "facebook": 241_000,
        "instagram": 88_000,
        "tiktok": 150_000,
        "youtube": 20_500,
        "zalo": 27_000,
    },
    "Sen Tea": {
        "facebook": 97_000,
        "instagram": 51_000,
        "tiktok": 64_000,
        "youtube": 5_800,
        "zalo": 19_000,
    },
}
_DAILY_GROWTH = {
    "facebook": 0.0011,
    "instagram": 0.0017,
    "tiktok": 0.0012,
    "youtube": 0.0015,
    "zalo": 0.0013,
}
_POSTS_PER_DAY = {"facebook": 1.4, "instagram": 1.0, "tiktok": 1.1, "youtube": 0.3, "zalo": 0.5}
_FORMATS = {
    "facebook": (
        ("image", 0.34),
        ("carousel", 0.14),
        ("video", 0.16),
        ("reel", 0.22),
        ("text", 0.08),
        ("live", 0.06),
    ),
    "instagram": (("image", 0.40), ("carousel", 0.25), ("reel", 0.35)),
    "tiktok": (("short", 0.85), ("live", 0.15)),
    "youtube": (("video", 0.45), ("short", 0.55)),
    "zalo": (("image", 0.55), ("text", 0.25), ("video", 0.20)),
}
_FORMAT_LIFT = {"image": 1.0, "carousel": 1.12, "text": 0.75, "live": 1.1}
_BASE_ER = {"facebook": 0.032, "instagram": 0.046, "tiktok": 0.058, "youtube": 0.040, "zalo": 0.024}
_REACH_RATE = {"facebook": 0.085, "instagram": 0.16, "tiktok": 0.30, "youtube": 0.35, "zalo": 0.22}
# Components each platform reports (the others stay missing, never 0).
_REPORTS = {
    "facebook": {"reactions", "comments", "shares", "clicks"},
    "instagram": {"reactions", "comments", "shares", "saves"},
    "tiktok": {"reactions", "comments", "shares", "saves"},
    "youtube": {"reactions", "comments", "shares"},
    "zalo": {"reactions", "comments", "shares", "clicks"},
}
_CPM = {
    "facebook": 28_000,
    "instagram": 36_000,
    "tiktok": 22_000,
    "youtube": 30_000,
    "zalo": 32_000,
    "google": 160_000,
}
_CTR = {
    "facebook": 0.011,
    "instagram": 0.008,
    "tiktok": 0.012,
    "youtube": 0.005,
    "zalo": 0.009,
    "google": 0.062,
}
_ORDER_VALUE = 89_000  # average order value, VND
_HOUR_WEIGHTS = np.array(
    [0, 0, 0, 0, 0, 0, 1, 3, 5, 4, 3, 6, 8, 5, 3, 3, 4, 6, 7, 7, 7, 5, 3, 1], dtype=float
)
_THEME_WEIGHTS = {
    "delivery": 0.17,
    "price_promo": 0.16,
    "taste_quality": 0.18,
    "staff_service": 0.09,
    "app_website": 0.08,
    "payment": 0.05,
    "packaging": 0.07,
    "store_space": 0.08,
    "out_of_stock": 0.07,
    "refund": 0.05,
}


@dataclass(frozen=True)
class Sample:
    """Generated sample data.

    Parameters
    ----------
    tables : dict of str to DataFrame
        The nine canonical tables, validated.
    truth : dict of str to DataFrame
        What the generator meant, for tests: ``comments`` (comment_id, lang, kind, theme,
        sentiment, style) and ``mentions`` (mention_id, sentiment, theme, is_spike, is_trend).
    """

    tables: dict[str, pd.DataFrame]
    truth: dict[str, pd.DataFrame]


# --------------------------------------------------------------------------------------------
# text


def _fold(text: str) -> str:
    """Vietnamese without diacritics, as many people type it."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


_TEENCODE = (
    (r"\bkhông\b", ("ko", "k", "hok", "hông")),
    (r"\bđược\b", ("dc", "đc", "dk")),
    (r"\bsản phẩm\b", ("sp",)),
    (r"\bgiao hàng\b", ("ship",)),
    (r"\bbạn\b", ("b", "bn")),
    (r"\bvậy\b", ("z", "v")),
    (r"\bgì\b", ("j",)),
    (r"\brồi\b", ("r",)),
    (r"\bquá\b", ("qá", "wá")),
    (r"\bvới\b", ("vs",)),
)


class _Text:
    """Fills phrase templates; one instance per generation, drawing from one rng."""

    def __init__(self, rng: np.random.Generator):
        self.rng = rng

    def pick(self, seq):
        return seq[int(self.rng.integers(len(seq)))]

    def fill(self, template: str, brand: str = BRAND) -> str:
        return template.format(
            item=self.pick(P.ITEMS),
            store=self.pick(P.STORES),
            n=int(self.rng.integers(2, 6)),
            brand=brand,
        )

    def styled(self, text: str, lang: str) -> tuple[str, str]:
        """Write Vietnamese with diacritics, without them, or in teencode."""
        if lang != "vi":
            return text, "standard"
        u = self.rng.random()
        if u < 0.55:
            return text, "diacritics"
        if u < 0.78:
            return _fold(text), "no_diacritics"
        out = text
        for pattern, options in _TEENCODE:
            if re.search(pattern, out):
                out = re.sub(pattern, self.pick(options), out)
        if self.rng.random() < 0.5:
            out = _fold(out)
        return out, "teencode"

    def decorate(self, text: str, sentiment: str) -> str:
        u = self.rng.random()
        if u < 0.28:
            text += " " + self.pick(P.EMOJI[sentiment])
        elif u < 0.36 and sentiment == "negative":
            text = text.rstrip("!.?") + "!!!"
        return text


# --------------------------------------------------------------------------------------------
# generators: each takes the rng and what it depends on, returns a DataFrame

FACEBOOK_PAGE_ID = "108234567890123"
_YT_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def _post_id(platform: str, i: int, published_at: pd.Timestamp) -> str:
    """Ids shaped as each platform writes them, derived from the post's number and time."""
    seconds = int(published_at.timestamp())
    if platform == "facebook":
        return f"{FACEBOOK_PAGE_ID}_{122100000000000000 + i * 7919}"
    if platform == "instagram":
        return str(17841000000000000 + i * 104_729)
    if platform == "tiktok":  # TikTok ids carry the posting time in their top 32 bits
        return str((seconds << 32) + 10_000 + i)
    if platform == "youtube":  # 11 characters of base64url; some start with "-"
        digest = hashlib.sha256(f"lumi-youtube-{i}".encode()).digest()
        chars = "".join(_YT_ALPHABET[b % 64] for b in digest[:11])
        return "-" + chars[1:] if i % 9 == 0 else chars
    return str(5_300_000_000_000_000 + i * 7919)  # zalo


def _days() -> pd.DatetimeIndex:
    return pd.date_range(START, END, freq="D")


def _followers(rng: np.random.Generator) -> pd.DataFrame:
    days = _days()
    n = len(days)
    frames = []
    for brand, platforms in _FOLLOWERS_START.items():
        for platform, level in platforms.items():
            growth = _DAILY_GROWTH[platform] * (0.85 if brand != BRAND else 1.0)
            if brand == BRAND and platform == "tiktok":
                growth *= np.where(days >= pd.Timestamp("2026-07-01"), 0.45, 1.0)  # effect 6
            if brand == BRAND:
                for name in (FLIGHT_CAMPAIGN, "Salted Coffee Launch"):
                    a, b = CAMPAIGNS[name][0], CAMPAIGNS[name][1]
                    if platform in CAMPAIGNS[name][2]:
                        growth = growth * np.where((days >= a) & (days <= b), 1.6, 1.0)
            expected_gain = level * growth * (1 + 0.15 * np.sin(np.arange(n) / 9.0))
            gained = rng.poisson(np.maximum(expected_gain, 0) * 1.35)
            lost = rng.poisson(np.maximum(expected_gain, 0) * 0.35)
            followers = level + np.cumsum(gained - lost)
            frames.append(
                pd.DataFrame(
                    {
                        "date": days,
                        "brand": brand,
                        "platform": platform,
                        "followers": followers,
                        "gained": gained,
                        "lost": lost,
                    }
                )
            )
    return pd.concat(frames, ignore_index=True)


def _campaign_on(day: pd.Timestamp, platform: str) -> str | None:
    for name, (a, b, platforms, *_rest) in CAMPAIGNS.items():
        if platform in platforms and pd.Timestamp(a) <= day <= pd.Timestamp(b):
            return name
    return None


def _posts(rng: np.random.Generator, text: _Text, followers: pd.DataFrame) -> pd.DataFrame:
    own = followers[followers["brand"] == BRAND].set_index(["platform", "date"])["followers"]
    rows = []
    hour_p = _HOUR_WEIGHTS / _HOUR_WEIGHTS.sum()
    for day in _days():
        for platform in OWN_PLATFORMS:
            for _ in range(int(rng.poisson(_POSTS_PER_DAY[platform]))):
                names, weights = zip(*_FORMATS[platform], strict=True)
                fmt = names[int(rng.choice(len(names), p=np.array(weights)))]
                hour = int(rng.choice(24, p=hour_p))
                minute = int(rng.integers(0, 60))
                local = day + pd.Timedelta(hours=hour, minutes=minute)
                base_followers = int(own[(platform, day)])
                weekday_window = local.weekday() < 5 and hour in BEST_HOURS
                lift = VIDEO_LIFT if fmt in VIDEO_FORMATS else _FORMAT_LIFT[fmt]
                lift *= BEST_WINDOW_LIFT if weekday_window else 1.0
                paid = bool(rng.random() < 0.12)
                reach = base_followers * _REACH_RATE[platform] * rng.lognormal(0, 0.35)
                reach *= 2.4 if paid else 1.0
                reach = int(reach)
                er = _BASE_ER[platform] * lift * rng.lognormal(0, 0.18)
                engagements = int(rng.binomial(reach, min(er, 0.9)))
                split = rng.dirichlet([70, 6, 8, 8])
                reactions, _comments, shares, saves = (engagements * split).astype(int)
                campaign = _campaign_on(day, platform) if rng.random() < 0.6 else None
                rows.append(
                    {
                        "platform": platform,
                        "local": local,
                        "format": fmt,
                        "text": text.fill(text.pick(P.CAPTIONS[fmt])),
                        "campaign": campaign,
                        "paid": paid,
                        "impressions": int(reach * rng.uniform(1.15, 1.6)),
                        "reach": reach,
                        "reactions": int(reactions),
                        "shares": int(shares),
                        "saves": int(saves),
                        "clicks": int(rng.binomial(reach, 0.006)),
                        "video_views": int(reach * rng.uniform(0.9, 1.8))
                        if fmt in VIDEO_FORMATS or fmt == "live"
                        else None,
                        "followers": base_followers,
                        "comment_rate": engagements * split[1] / max(reach, 1),
                    }
                )
    posts = pd.DataFrame(rows)
    posts["published_at"] = posts["local"].dt.tz_localize(TIMEZONE).dt.tz_convert("UTC")
    posts["post_id"] = [
        _post_id(p, i, t)
        for i, (p, t) in enumerate(zip(posts["platform"], posts["published_at"], strict=True))
    ]
    posts["brand"] = BRAND
    for component in ("reactions", "shares", "saves", "clicks"):
        reported = posts["platform"].map(lambda p, c=component: c in _REPORTS[p])
        posts[component] = posts[component].astype("Int64").where(reported)
    return posts


def _sentiment_kind(rng: np.random.Generator, platform: str, spike_week: bool) -> tuple[str, str]:
    positive = POSITIVE_SHARE[platform] * (0.45 if spike_week else 1.0)
    u = rng.random()
    if u < positive:
        return "positive", ("praise" if rng.random() < 0.8 else "chitchat")
    u = rng.random()
    if u < 0.40:
        return "neutral", "question"
    if u < 0.52:
        return "neutral", "request"
    if u < 0.62:
        return "neutral", "chitchat"
    return "negative", ("sarcasm" if rng.random() < 0.08 else "complaint")


def _customer_text(
    text: _Text, lang: str, kind: str, theme: str, sentiment: str
) -> tuple[str, str]:
    if kind == "sarcasm":
        body = text.fill(text.pick(P.SARCASM[lang]))
    elif kind == "chitchat":
        body = text.fill(text.pick(P.CHITCHAT[lang]))
    else:
        body = text.fill(text.pick(P.COMMENTS[lang][theme][kind]))
    body, style = text.styled(body, lang)
    return text.decorate(body, sentiment), style


def _comments(
    rng: np.random.Generator, text: _Text, posts: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    themes = list(_THEME_WEIGHTS)
    theme_p = np.array(list(_THEME_WEIGHTS.values()))
    theme_p = theme_p / theme_p.sum()
    spike_lo = SPIKE_DAY - pd.Timedelta(days=3)
    spike_hi = SPIKE_DAY + pd.Timedelta(days=3)
    rows, truth = [], []
    serial = 0
    for post in posts.itertuples(index=False):
        expected = post.reach * post.comment_rate * 0.35  # most commenters only react
        local_day = post.local.normalize()
        spike_week = spike_lo <= local_day <= spike_hi
        if local_day == SPIKE_DAY or (post.platform == "facebook" and spike_week):
            expected *= 2.5
        for _ in range(int(rng.poisson(expected))):
            serial += 1
            cid = f"c{serial:07d}"
            lang = "vi" if rng.random() < (0.72 if post.platform == "instagram" else 0.85) else "en"
            sentiment, kind = _sentiment_kind(rng, post.platform, spike_week)
            theme = themes[int(rng.choice(len(themes), p=theme_p))]
            if spike_week and sentiment == "negative" and rng.random() < 0.7:
                theme = "delivery"
            body, style = _customer_text(text, lang, kind, theme, sentiment)
            delay = pd.Timedelta(minutes=float(rng.exponential(6 * 60)))
            created = post.published_at + delay
            rows.append(
                {
                    "comment_id": cid,
                    "platform": post.platform,
                    "created_at": created,
                    "text": body,
                    "post_id": post.post_id,
                    "parent_id": None,
                    "author": text.pick(P.AUTHORS[lang]),
                    "author_is_brand": False,
                }
            )
            truth.append(
                {
                    "comment_id": cid,
                    "lang": lang,
                    "kind": kind,
                    "theme": theme,
                    "sentiment": sentiment,
                    "style": style,
                }
            )
            answer, median_hours = REPLY_RULES[post.platform]
            wants_reply = kind in ("question", "complaint", "request", "sarcasm")
            p_reply = answer if wants_reply else 0.15
            if rng.random() < p_reply:
                serial += 1
                hours = float(median_hours * rng.lognormal(0, 0.8))
                rows.append(
                    {
                        "comment_id": f"c{serial:07d}",
                        "platform": post.platform,
                        "created_at": created + pd.Timedelta(hours=hours),
                        "text": text.fill(text.pick(P.REPLIES[lang])),
                        "post_id": post.post_id,
                        "parent_id": cid,
                        "author": BRAND,
                        "author_is_brand": True,
                    }
                )
    comments = pd.DataFrame(rows)
    comments["brand"] = BRAND
    return comments, pd.DataFrame(truth)


_MENTION_BASE = {BRAND: 34.0, "Moc Coffee": 27.0, "Sen Tea": 17.0}
_MENTION_PLATFORMS = (
    ("facebook", 0.38),
    ("tiktok", 0.22),
    ("instagram", 0.10),
    ("youtube", 0.06),
    ("forum", 0.10),
    ("news", 0.06),
    ("threads", 0.04),
    ("x", 0.04),
)
_MENTION_SENTIMENT = {BRAND: (0.44, 0.36), "Moc Coffee": (0.40, 0.38), "Sen Tea": (0.47, 0.33)}
_URL = {
    "facebook": "https://www.facebook.com/groups/saigoncafe/posts/{}",
    "tiktok": "https://www.tiktok.com/@user/video/{}",
    "instagram": "https://www.instagram.com/p/{}",
    "youtube": "https://www.youtube.com/watch?v={}",
    "forum": "https://forum.example.vn/thread/{}",
    "news": "https://news.example.vn/article/{}",
    "threads": "https://www.threads.net/post/{}",
    "x": "https://x.com/i/status/{}",
}


def _mentions(rng: np.random.Generator, text: _Text) -> tuple[pd.DataFrame, pd.DataFrame]:
    names, weights = zip(*_MENTION_PLATFORMS, strict=True)
    platform_p = np.array(weights) / sum(weights)
    rows, truth = [], []
    serial = 0
    days = _days()
    for i, day in enumerate(days):
        weekend = 1.2 if day.weekday() >= 5 else 1.0
        trend_age = (day - TREND_START).days
        for brand, base in _MENTION_BASE.items():
            mean = base * weekend * (1 + 0.0015 * i)
            count = int(rng.poisson(mean))
            spike_extra = 0
            if brand == BRAND and day == SPIKE_DAY:
                spike_extra = int(rng.poisson(mean * (SPIKE_FACTOR - 1)))
            trend_share = min(0.04 + 0.012 * trend_age, 0.28) if trend_age >= 0 else 0.002
            spike_week = brand == BRAND and abs((day - SPIKE_DAY).days) <= 3
            for j in range(count + spike_extra):
                serial += 1
                mid = f"m{serial:07d}"
                lang = "vi" if rng.random() < 0.82 else "en"
                is_spike = j >= count
                is_trend = False
                theme = None
                if is_spike:
                    sentiment = "negative" if rng.random() < 0.85 else "neutral"
                    theme = "delivery"
                    pool = P.SPIKE_COMPLAINTS[lang] if sentiment == "negative" else None
                    template = text.pick(pool) if pool else text.pick(P.MENTIONS[lang]["neutral"])
                elif rng.random() < trend_share:
                    is_trend = True
                    sentiment = "positive" if rng.random() < 0.7 else "neutral"
                    template = text.pick(P.TRENDING[lang])
                else:
                    pos, neu = _MENTION_SENTIMENT[brand]
                    if spike_week:
                        pos *= 0.6
                    u = rng.random()
                    sentiment = (
                        "positive" if u < pos else "neutral" if u < pos + neu else "negative"
                    )
                    template = text.pick(P.MENTIONS[lang][sentiment])
                body, _style = text.styled(text.fill(template, brand=brand), lang)
                platform = names[int(rng.choice(len(names), p=platform_p))]
                seconds = int(rng.integers(0, 86_400))
                local = day + pd.Timedelta(seconds=seconds)
                followers = int(rng.lognormal(6.5, 1.6))
                rows.append(
                    {
                        "mention_id": mid,
                        "local": local,
                        "brand": brand,
                        "text": text.decorate(body, sentiment),
                        "platform": platform,
                        "author": text.pick(P.AUTHORS[lang]),
                        "author_followers": followers,
                        "engagements": int(rng.poisson(3 + followers * 0.004)),
                        "url": _URL[platform].format(7_000_000_000 + serial * 104_729),
                    }
                )
                truth.append(
                    {
                        "mention_id": mid,
                        "sentiment": sentiment,
                        "theme": theme,
                        "is_spike": is_spike,
                        "is_trend": is_trend,
                    }
                )
    mentions = pd.DataFrame(rows)
    mentions["created_at"] = mentions.pop("local").dt.tz_localize(TIMEZONE).dt.tz_convert("UTC")
    return mentions, pd.DataFrame(truth)


def _ads(rng: np.random.Generator) -> pd.DataFrame:
    rows = []
    for campaign, (a, b, platforms, objective, budget, ads) in CAMPAIGNS.items():
        for day in pd.date_range(a, b, freq="D"):
            for platform in platforms:
                ad_set = f"{campaign} | {platform.title()} | HCMC 18-34"
                if platform == "google":
                    ad_set = "Brand exact"
                for ad in ads:
                    spend = budget * rng.uniform(0.85, 1.1)
                    cpm = _CPM[platform] * rng.lognormal(0, 0.12)
                    impressions = int(spend / cpm * 1000)
                    ctr = AB_CTR.get(ad, _CTR[platform])
                    clicks = int(rng.binomial(impressions, ctr))
                    cvr = 0.045 if objective == "conversions" else 0.018
                    conversions = int(rng.binomial(clicks, cvr))
                    revenue = float(
                        np.round(conversions * _ORDER_VALUE * rng.uniform(0.8, 1.3), -3)
                    )
                    video = "Video" in ad or "Reel" in ad or "Short" in ad
                    rows.append(
                        {
                            "date": day,
                            "brand": BRAND,
                            "platform": platform,
                            "campaign": campaign,
                            "ad_set": ad_set,
                            "ad": ad,
                            "objective": objective,
                            "spend": float(np.round(spend, -2)),
                            "currency": "VND",
                            "impressions": impressions,
                            "reach": int(impressions / rng.uniform(1.2, 1.7)),
                            "clicks": clicks,
                            "conversions": float(conversions),
                            "revenue": revenue,
                            "video_views": int(impressions * rng.uniform(0.25, 0.4))
                            if video
                            else None,
                        }
                    )
    return pd.DataFrame(rows)


_WEB_SOURCES = (
    # source, medium, campaign, landing page, sessions per day
    ("google", "organic", None, "/", 420),
    ("google", "organic", None, "/menu", 260),
    ("(direct)", "(none)", None, "/", 310),
    ("google", "cpc", "Search - Brand", "/order", 150),
    ("facebook", "social", None, "/menu", 85),
    ("m.facebook.com", "referral", None, "/", 40),
    ("instagram", "social", None, "/menu", 45),
    ("l.instagram.com", "referral", None, "/order", 18),
    ("tiktok", "social", None, "/", 30),
    ("zalo", "social", None, "/store-locator", 36),
    ("shopeefood.vn", "referral", None, "/order", 55),
    ("newsletter", "email", "monthly_news", "/promo", 24),
)
_WEB_SCALE = 2.5  # the listed daily sessions are for a quiet shop; Lumi's site is busier
_UTM = {  # campaign -> utm_campaign value on paid social sessions
    "Back to School": "back_to_school",
    "Mid-Autumn Mooncake": "mid_autumn",
    "Salted Coffee Launch": "salted_coffee",
    "Cold Brew Season": "cold_brew",
}


def _web_sessions(rng: np.random.Generator, ads: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for day in _days():
        weekend = 1.15 if day.weekday() >= 5 else 1.0
        in_flight = FLIGHT[0] <= day <= FLIGHT[1]
        for source, medium, campaign, page, mean in _WEB_SOURCES:
            lift = FLIGHT_LIFT if (in_flight and medium == "social") else 1.0
            expected = mean * _WEB_SCALE * weekend * lift
            rows.append((day, source, medium, campaign, page, int(rng.poisson(expected))))
    organic = pd.DataFrame(
        rows, columns=["date", "source", "medium", "campaign", "landing_page", "sessions"]
    )
    # UTM-tagged sessions from the social ads: many link clicks never load the page (in-app
    # browsers, slow mobile connections), so fewer than half become sessions.
    social_ads = ads[(ads["platform"] != "google") & ads["campaign"].isin(list(_UTM))]
    paid = (
        social_ads.groupby(["date", "platform", "campaign"], sort=True)["clicks"]
        .sum()
        .reset_index()
    )
    paid["sessions"] = rng.binomial(paid["clicks"].to_numpy(), 0.40)
    paid = paid.assign(
        source=paid["platform"],
        medium="paid_social",
        campaign=paid["campaign"].map(_UTM),
        landing_page="/promo",
    )[organic.columns]
    web = pd.concat([organic, paid], ignore_index=True)
    web = web[web["sessions"] > 0].sort_values(["date", "source", "medium"], kind="stable")
    web = web.reset_index(drop=True)
    n = web["sessions"].to_numpy()
    web["users"] = rng.binomial(n, 0.86)
    web["engaged_sessions"] = rng.binomial(n, np.where(web["medium"] == "paid_social", 0.48, 0.61))
    web["conversions"] = rng.binomial(n, np.where(web["landing_page"] == "/order", 0.09, 0.022))
    value = rng.uniform(0.85, 1.2, len(web))
    web["revenue"] = np.round(web["conversions"] * _ORDER_VALUE * value, -3)
    web["brand"] = BRAND
    return web


def _influencers() -> pd.DataFrame:
    cols = [
        "influencer",
        "platform",
        "campaign",
        "tier",
        "followers",
        "fee",
        "posts",
        "impressions",
        "engagements",
        "clicks",
        "conversions",
    ]
    df = pd.DataFrame(INFLUENCERS, columns=cols)
    df["brand"] = BRAND
    df["revenue"] = df["conversions"] * _ORDER_VALUE
    return df


def _calendar(rng: np.random.Generator, posts: pd.DataFrame) -> pd.DataFrame:
    owners = ("Thảo", "Minh", "Agency Q")
    rows = []
    for post in posts.itertuples(index=False):
        planned = post.published_at - pd.Timedelta(
            minutes=int(rng.choice([0, 0, 0, 30, 120, 1440]))
        )
        rows.append(
            (
                planned,
                post.platform,
                post.text[:60],
                post.format,
                post.campaign,
                "published",
                owners[int(rng.integers(3))],
                post.post_id,
            )
        )
    # Planned items that never went out, and the plan for the weeks after the data ends.
    for day in pd.date_range(START, END + pd.Timedelta(days=21), freq="D"):
        for platform in OWN_PLATFORMS:
            future = day > END
            if rng.random() > (0.9 if future else 0.05) * _POSTS_PER_DAY[platform] / 1.4:
                continue
            names, weights = zip(*_FORMATS[platform], strict=True)
            fmt = names[int(rng.choice(len(names), p=np.array(weights)))]
            local = day + pd.Timedelta(hours=int(rng.choice([9, 11, 12, 18, 19, 20])))
            status = (
                ("scheduled" if rng.random() < 0.4 else "planned")
                if future
                else ("cancelled" if rng.random() < 0.5 else "planned")
            )
            title = f"{fmt.title()}: {P.ITEMS[int(rng.integers(len(P.ITEMS)))]}"
            rows.append(
                (
                    local.tz_localize(TIMEZONE).tz_convert("UTC"),
                    platform,
                    title,
                    fmt,
                    _campaign_on(day, platform),
                    status,
                    owners[int(rng.integers(3))],
                    None,
                )
            )
    cal = pd.DataFrame(
        rows,
        columns=[
            "planned_at",
            "platform",
            "title",
            "format",
            "campaign",
            "status",
            "owner",
            "post_id",
        ],
    )
    cal["brand"] = BRAND
    return cal.sort_values(["planned_at", "platform"], kind="stable").reset_index(drop=True)


def _targets(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """H2 targets set against the generated trajectory: on track, except TikTok followers."""
    h2 = (pd.Timestamp("2026-07-01"), pd.Timestamp("2026-12-31"))
    elapsed = ((END - h2[0]).days + 1) / ((h2[1] - h2[0]).days + 1)
    rows = []
    fol = tables["followers"]
    own = fol[fol["brand"] == BRAND]
    for platform in OWN_PLATFORMS:
        series = own[own["platform"] == platform].set_index("date")["followers"]
        start_level = series[h2[0]]
        gain_so_far = series[END] - start_level
        # Planned gain: what the pace so far delivers by the period end, 5% less (on track);
        # TikTok's plan assumed the first half's growth rate, which has since slowed.
        if platform == "tiktok":
            first_half_rate = (start_level - series[START]) / (h2[0] - START).days
            planned_gain = first_half_rate * ((h2[1] - h2[0]).days + 1) * 1.1
        else:
            planned_gain = gain_so_far / elapsed * 0.95
        rows.append(
            (
                BRAND,
                "followers",
                float(round(start_level + planned_gain, -2)),
                *h2,
                None,
                platform,
                "higher",
            )
        )
    posts = tables["posts"]
    posts_h2 = posts[posts["published_at"].dt.tz_convert(TIMEZONE).dt.tz_localize(None) >= h2[0]]
    engagements = posts_h2[["reactions", "comments", "shares", "saves"]].sum().sum()
    rows.append(
        (
            BRAND,
            "engagements",
            float(round(engagements / elapsed * 0.85, -3)),
            *h2,
            None,
            None,
            "higher",
        )
    )
    rows.append((BRAND, "er_reach", 0.040, *h2, None, None, "higher"))
    ads = tables["ads"]
    ads_h2 = ads[ads["date"] >= h2[0]]
    spend = ads_h2["spend"].sum()
    # The H2 budget plans for the Q4 campaigns: the recent daily rate, with 10% headroom.
    recent = ads.groupby("date")["spend"].sum().sort_index().iloc[-14:].mean()
    budget = spend + recent * (h2[1] - END).days * 1.10
    rows.append((BRAND, "spend", float(round(budget, -6)), *h2, None, None, "lower"))
    rows.append((BRAND, "ctr", 0.009, *h2, None, None, "higher"))
    rows.append((BRAND, "cpa", 100_000.0, *h2, None, None, "lower"))
    rows.append((BRAND, "roas", 0.95, *h2, None, None, "higher"))
    web = tables["web_sessions"]
    sessions = web.loc[web["date"] >= h2[0], "sessions"].sum()
    rows.append(
        (BRAND, "sessions", float(round(sessions / elapsed * 0.95, -3)), *h2, None, None, "higher")
    )
    rows.append((BRAND, "response_rate", 0.30, *h2, None, None, "higher"))
    rows.append((BRAND, "net_sentiment", 0.05, *h2, None, None, "higher"))
    for campaign in (FLIGHT_CAMPAIGN, "Mid-Autumn Mooncake"):
        a, b = pd.Timestamp(CAMPAIGNS[campaign][0]), pd.Timestamp(CAMPAIGNS[campaign][1])
        rows_c = ads[ads["campaign"] == campaign]
        rows.append(
            (
                BRAND,
                "clicks",
                float(round(rows_c["clicks"].sum() * 0.9, -2)),
                a,
                b,
                campaign,
                None,
                "higher",
            )
        )
        rows.append(
            (
                BRAND,
                "conversions",
                float(round(rows_c["conversions"].sum() * 0.9)),
                a,
                b,
                campaign,
                None,
                "higher",
            )
        )
    return pd.DataFrame(
        rows,
        columns=[
            "brand",
            "kpi",
            "target",
            "period_start",
            "period_end",
            "campaign",
            "platform",
            "direction",
        ],
    )


def generate(seed: int = 7) -> Sample:
    """Build the sample data set in memory.

    Parameters
    ----------
    seed : int
        Seed of the one random generator everything draws from.

    Returns
    -------
    Sample
        The nine validated canonical tables and the generator's intended labels.
    """
    rng = np.random.default_rng(seed)
    text = _Text(rng)
    followers = _followers(rng)
    posts = _posts(rng, text, followers)
    comments, comment_truth = _comments(rng, text, posts)
    # The export is pulled at the end of the last day: later comments and replies are not in it.
    pulled = (END + pd.Timedelta(days=1)).tz_localize(TIMEZONE).tz_convert("UTC")
    comments = comments[comments["created_at"] < pulled].reset_index(drop=True)
    comment_truth = comment_truth[comment_truth["comment_id"].isin(comments["comment_id"])]
    customer = comments[~comments["author_is_brand"].astype(bool)]
    per_post = customer.groupby("post_id").size()
    posts["comments"] = posts["post_id"].map(per_post).fillna(0).astype("Int64")
    mentions, mention_truth = _mentions(rng, text)
    ads = _ads(rng)
    web = _web_sessions(rng, ads)
    calendar = _calendar(rng, posts)
    raw = {
        "posts": posts,
        "ads": ads,
        "comments": comments,
        "mentions": mentions,
        "followers": followers,
        "web_sessions": web,
        "influencers": _influencers(),
        "calendar": calendar,
    }
    raw["targets"] = _targets({**raw})
    tables = {
        name: validate(raw[name][TABLES[name].names], name, source=f"sample:{name}")
        for name in TABLES
        if name in raw  # channel_daily comes from the sample's exports, not from a table file
    }
    return Sample(tables=tables, truth={"comments": comment_truth, "mentions": mention_truth})


# --------------------------------------------------------------------------------------------
# writing

_MARKER = "<!-- written by `smmnb sample`; regenerate rather than edit -->"


def _to_csv(df: pd.DataFrame, table: str) -> bytes:
    out = df.copy()
    spec = TABLES[table]
    for col in spec.columns:
        if col.kind == "timestamp":
            out[col.name] = out[col.name].dt.strftime("%Y-%m-%dT%H:%M:%SZ")
        elif col.kind == "date":
            out[col.name] = out[col.name].dt.strftime("%Y-%m-%d")
        elif col.kind == "amount" and col.name in ("spend", "revenue", "fee"):
            out[col.name] = out[col.name].round().astype("Int64")  # VND has no decimals
    return out.to_csv(index=False, lineterminator="\n").encode("utf-8")


def _to_parquet(df: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    df.to_parquet(buffer, index=False)
    return buffer.getvalue()


def _readme(sample: Sample, seed: int) -> str:
    t = sample.tables
    mentions = t["mentions"]
    local_day = mentions["created_at"].dt.tz_convert(TIMEZONE).dt.tz_localize(None).dt.normalize()
    lumi = mentions["brand"] == BRAND
    per_day = local_day[lumi].value_counts()
    spike_count = int(per_day.get(SPIKE_DAY, 0))
    baseline = float(per_day.drop(SPIKE_DAY).median())
    lines = [
        "# Sample data: Lumi and its competitors",
        "",
        _MARKER,
        "",
        f"Written by `smmnb sample --out sample_data --seed {seed}`; the same command writes the",
        "same bytes on every machine. Everything here is fictional and was written for smmnb.",
        "",
        "**Lumi** is a coffee and tea chain in Ho Chi Minh City and Hanoi that sells in stores,",
        "through delivery apps and its own ordering app. Its competitors are "
        f"**{COMPETITORS[0]}** and **{COMPETITORS[1]}**.",
        f"Data cover {START.date()} to {END.date()} ({(END - START).days + 1} days), local time "
        f"{TIMEZONE} (stored in UTC), money in VND.",
        "",
        "| table | rows | what one row is |",
        "|---|---:|---|",
    ]
    for name, df in t.items():
        lines.append(f"| `{name}.csv` | {len(df):,} | {TABLES[name].row} |")
    cb = {ad: ctr for ad, ctr in AB_CTR.items()}
    lines += [
        "",
        "## Planted effects",
        "",
        "Each effect is planted on purpose with the size given here; the tests check that the",
        "data contain it, and the analyses are tested to find it.",
        "",
        f"1. **Mention spike.** On {SPIKE_DAY.date()} Lumi has {spike_count} mentions against a "
        f"median of {baseline:.0f} a day ({spike_count / baseline:.1f}x; planted at "
        f"{SPIKE_FACTOR:.0f}x the day's expected count). The extra mentions are 85% negative and "
        "all about delivery delays; comments on Lumi's own posts that week are mostly negative.",
        f'2. **Trending hashtag.** `{TREND_HASHTAG}` / "{TREND_TERM}" (salted coffee) is almost '
        f"absent until {TREND_START.date()}, then rises to about 28% of mentions for every brand.",
        f"3. **Best posting window.** Posts published Monday to Friday between "
        f"{BEST_HOURS[0]}:00 and {BEST_HOURS[-1]}:59 local time get {BEST_WINDOW_LIFT:.2f}x the "
        "engagement rate on reach of other posts on the same platform and format.",
        f"4. **Formats.** Reels, shorts and videos get {VIDEO_LIFT:.2f}x the engagement rate on "
        "reach of images on the same platform (carousels 1.12x, live 1.10x, text 0.75x).",
        f'5. **A/B creatives.** In "{AB_CAMPAIGN}" on Facebook, `CB Video A` has a CTR of '
        f"{cb['CB Video A']:.2%} and `CB Video B` {cb['CB Video B']:.2%} (a real difference, "
        f"significant at these impressions); `CB Static C` and `CB Static D` both have "
        f"{cb['CB Static C']:.2%} (no real difference).",
        "6. **KPI behind pace.** Lumi's TikTok follower growth slowed to 45% of its earlier rate "
        "from 2026-07-01, so the H2 TikTok followers target (planned on the earlier rate) is "
        "behind pace; the other H2 targets were set so that they are on track on "
        f"{END.date()}.",
        "7. **Influencers.** `Hà Linh Official` (TikTok, 2.1M followers, 120M VND) got 3,700 "
        "engagements: 32,400 VND per engagement. `Mê Cà Phê Sài Gòn` (Instagram, 28k "
        "followers, 6M VND) got 4,100: 1,460 VND per engagement.",
        "8. **Unanswered questions.** The brand answers questions and complaints with these "
        "probabilities and median delays: "
        + "; ".join(f"{p} {a:.0%} after ~{h:g} h" for p, (a, h) in REPLY_RULES.items())
        + ".",
        f'9. **Campaign flight lifts web traffic.** During "{FLIGHT_CAMPAIGN}" '
        f"({FLIGHT[0].date()} to {FLIGHT[1].date()}) organic social sessions are "
        f"{FLIGHT_LIFT:.1f}x their usual level, and UTM-tagged paid social sessions "
        "(`medium=paid_social`, `campaign=back_to_school`) arrive from the ads.",
        "10. **Sentiment by platform.** The share of positive customer comments is planted at "
        + ", ".join(f"{p} {s:.0%}" for p, s in POSITIVE_SHARE.items())
        + "; in the spike week (3 days either side) it falls to 45% of that.",
        "",
        "## Text",
        "",
        "Comments and mentions are in Vietnamese (about 55% with diacritics, 23% without, 22% in "
        "teencode such as ko, k, dc, đc, sp, ship, hok) and English, about delivery, price and "
        "promotions, taste and quality, staff, the ordering app and website, payment, "
        "packaging, the stores, items out of stock and refunds: praise, complaints (some stated "
        "as plain facts), questions, requests, chit-chat, sarcasm now and then, emoji, and the "
        "brand's replies (`author_is_brand`, `parent_id`).",
        "",
        "Metrics a platform does not report are empty, not 0: Facebook and Zalo posts have no "
        "saves, Instagram, TikTok and YouTube posts no link clicks.",
        "",
    ]
    return "\n".join(lines)


# Activity tables grow with scale; the id or key column each copy marks to stay unique.
_SCALED = {
    "posts": ["post_id"],
    "ads": ["ad"],
    "comments": ["comment_id", "post_id", "parent_id"],
    "mentions": ["mention_id"],
    "web_sessions": ["landing_page"],
}


def scale(tables: dict[str, pd.DataFrame], n: int) -> dict[str, pd.DataFrame]:
    """The sample's activity tables n times over, for benchmarks and load tests.

    Posts, ads, comments, mentions and web sessions are repeated n times; every copy after
    the first gets ``~k`` appended to its ids (post, comment, reply-to and mention ids, ad
    names, landing pages), so keys stay unique and replies still point into their own copy.
    Followers, targets, influencers and the calendar are kept as they are. Dates do not move:
    the data get n times denser, not longer.

    Parameters
    ----------
    tables : dict
        Canonical tables, such as ``generate(seed).tables`` (or only some of them).
    n : int
        Copies, at least 1.
    """
    if not isinstance(n, int) or n < 1:
        raise ValueError(f"scale must be a whole number >= 1, got {n!r}")
    if n == 1:
        return dict(tables)
    out = dict(tables)
    for name, id_columns in _SCALED.items():
        if name not in tables:
            continue
        df = tables[name]
        copy = np.repeat(np.arange(n), len(df))
        big = df.iloc[np.tile(np.arange(len(df)), n)].reset_index(drop=True)
        tag = pd.Series(np.char.add("~", copy.astype(str)), dtype="str").where(copy > 0, "")
        for column in id_columns:
            marked = big[column].astype("str") + tag
            categorical = isinstance(df[column].dtype, pd.CategoricalDtype)
            big[column] = marked.astype("category" if categorical else df[column].dtype)
        big.attrs = dict(df.attrs)
        out[name] = big
    return out


def write_sample(
    out: str | os.PathLike,
    seed: int = 7,
    *,
    force: bool = False,
    scale_by: int = 1,
    file_format: str = "csv",
) -> list[Path]:
    """Write the sample data set as CSV files plus a README.

    Parameters
    ----------
    out : str or path-like
        Folder to write into; created if missing.
    seed : int
        Random seed; the same seed writes the same bytes.
    force : bool
        Overwrite table files in a folder that was not written by this function. Without it,
        such files are never overwritten.
    scale_by : int
        Write the activity tables this many times over (see :func:`scale`), for
        benchmarks. A scaled data set has no ``exports/`` folder.
    file_format : {"csv", "parquet"}
        Parquet suits scaled data sets: typed, compressed, and read column by column.

    Returns
    -------
    list of Path
        The files written.

    Raises
    ------
    SmmnbError
        If the folder holds table files that ``write_sample`` did not write and ``force`` is
        False.
    """
    folder = Path(out)
    readme = folder / "README.md"
    ours = readme.is_file() and _MARKER in readme.read_text(encoding="utf-8", errors="replace")
    if file_format not in ("csv", "parquet"):
        raise ValueError(f"file_format must be 'csv' or 'parquet', got {file_format!r}")
    existing = [
        folder / f"{name}.{suffix}"
        for name in TABLES
        for suffix in ("csv", "parquet")
        if (folder / f"{name}.{suffix}").exists()
    ]
    if (existing or readme.exists()) and not ours and not force:
        names = ", ".join(p.name for p in existing + ([readme] if readme.exists() else []))
        raise SmmnbError(
            f"{folder} already has {names}, not written by `smmnb sample`; choose another "
            "folder or pass --force to overwrite them"
        )
    sample = generate(seed)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    tables = scale(sample.tables, scale_by)
    if file_format == "csv":
        payloads = {f"{name}.csv": _to_csv(df, name) for name, df in tables.items()}
    else:
        payloads = {f"{name}.parquet": _to_parquet(df) for name, df in tables.items()}
    readme = _readme(sample, seed)
    if scale_by > 1:
        readme = readme.replace(
            "\n", f"\n\nScaled {scale_by} times for benchmarks (`smmnb sample --scale "
            f"{scale_by}`): activity tables repeated, ids suffixed ~1, ~2, ...; counts below "
            "describe one copy.\n", 1,
        )  # fmt: skip
    payloads["README.md"] = readme.encode("utf-8")
    payloads["smmnb.yml"] = _settings().encode("utf-8")
    if scale_by == 1:
        (folder / "exports").mkdir(parents=True, exist_ok=True)
        from smmnb.sample.exports import sample_exports

        for name, payload in sample_exports(sample.tables, seed).items():
            payloads[f"exports/{name}"] = payload
    for name, payload in payloads.items():
        target = folder / name
        tmp = target.with_suffix(target.suffix + ".tmp")
        tmp.write_bytes(payload)
        os.replace(tmp, target)
        written.append(target)
    return written


def _settings() -> str:
    """The sample folder's ``smmnb.yml``: whose exports these are, and its rivals, zone, money."""
    rivals = ", ".join(COMPETITORS)
    return (
        "# Settings of this data folder (see the README of smmnb, 'The data folder').\n"
        f"owner: {BRAND}  # the brand whose own exports are in exports/\n"
        f"competitors: [{rivals}]\n"
        f"timezone: {TIMEZONE}\n"
        "currency: VND\n"
    )


def digest(folder: str | os.PathLike) -> str:
    """SHA-256 over every file below a folder, in path order (for determinism checks)."""
    h = hashlib.sha256()
    root = Path(folder)
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        h.update(path.relative_to(root).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()
