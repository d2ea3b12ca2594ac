"""The sample world's settings: the brand, its competitors, its campaigns, the planted effects."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = [
    "BRAND",
    "COMPETITORS",
    "TIMEZONE",
    "START",
    "END",
    "SPIKE_DAY",
    "SPIKE_FACTOR",
    "TREND_HASHTAG",
    "TREND_TERM",
    "TREND_START",
    "BEST_HOURS",
    "BEST_WINDOW_LIFT",
    "VIDEO_LIFT",
    "AB_CAMPAIGN",
    "AB_CTR",
    "FLIGHT_CAMPAIGN",
    "FLIGHT_LIFT",
    "SEARCH_PROPERTY",
    "SEARCH_DOWNLOADS",
    "SEARCH_LIFT",
    "SEARCH_CTR_GAPS",
    "POSITIVE_SHARE",
    "REPLY_RULES",
    "INFLUENCERS",
    "Sample",
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


SEARCH_PROPERTY = "https://lumi.vn/"  # Lumi's Search Console property (a URL-prefix property)


# Days Lumi's team downloaded the Search Console Performance report ("Last 3 months", Vietnamese
# UI), once unfiltered and once filtered to queries containing "lumi": two quarters that
# together cover START to END.
SEARCH_DOWNLOADS = (pd.Timestamp("2026-08-01"), pd.Timestamp("2026-11-01"))


SEARCH_LIFT = 1.35  # branded search (queries naming Lumi) during FLIGHT_CAMPAIGN's flight


# Non-branded queries whose CTR is this share of what their position usually gets (snippets
# that do not answer the query): the opportunities the expected-CTR curve should find.
SEARCH_CTR_GAPS = {"cà phê muối": 0.12, "trà sữa gần đây": 0.15, "cà phê giao tận nơi": 0.25}


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


def digest(folder: str | os.PathLike) -> str:
    """SHA-256 over every file below a folder, in path order (for determinism checks)."""
    h = hashlib.sha256()
    root = Path(folder)
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        h.update(path.relative_to(root).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()
