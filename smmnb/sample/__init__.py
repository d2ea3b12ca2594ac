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
11. Branded search (Search Console downloads in ``exports/``) is ``SEARCH_LIFT`` x its usual
    level during ``FLIGHT_CAMPAIGN``; the queries of ``SEARCH_CTR_GAPS`` get a fraction of the
    CTR their position usually gets.
"""

from __future__ import annotations

from smmnb.sample import phrases as P
from smmnb.sample.config import (
    AB_CAMPAIGN,
    AB_CTR,
    BEST_HOURS,
    BEST_WINDOW_LIFT,
    BRAND,
    COMPETITORS,
    END,
    FLIGHT,
    FLIGHT_CAMPAIGN,
    FLIGHT_LIFT,
    INFLUENCERS,
    POSITIVE_SHARE,
    REPLY_RULES,
    SEARCH_CTR_GAPS,
    SEARCH_DOWNLOADS,
    SEARCH_LIFT,
    SEARCH_PROPERTY,
    SPIKE_DAY,
    SPIKE_FACTOR,
    START,
    TIMEZONE,
    TREND_HASHTAG,
    TREND_START,
    TREND_TERM,
    VIDEO_LIFT,
    Sample,
    digest,
)
from smmnb.sample.generator import generate
from smmnb.sample.scaling import scale
from smmnb.sample.write import write_sample

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
    "SEARCH_CTR_GAPS",
    "SEARCH_DOWNLOADS",
    "SEARCH_LIFT",
    "SEARCH_PROPERTY",
    "SPIKE_DAY",
    "SPIKE_FACTOR",
    "START",
    "TIMEZONE",
    "TREND_HASHTAG",
    "TREND_START",
    "TREND_TERM",
    "VIDEO_LIFT",
    "Sample",
    "FLIGHT",
    "P",
    "digest",
    "generate",
    "scale",
    "write_sample",
]
