"""Trends: hashtags and terms, emerging topics, share of voice, spikes, timing, formats, growth.

Everything here takes and returns DataFrames; nothing plots, prints or reads files (the stop
words are package data). Text is compared accent-insensitively: Vietnamese is folded to plain
letters (``cà phê muối``, ``ca phe muoi`` and ``CA PHE MUOI`` are one term) and Vietnamese and
English stop words (``smmnb/text/stopwords.txt``) are left out.

Times: timestamps are converted to a local clock before they are cut into days, weeks or hours.
Every function that does so takes ``tz``; the local zone is, in this order:

1. ``tz`` when given (an IANA name such as ``"America/New_York"``);
2. else the table's ``attrs["timezone"]`` (:func:`smmnb.load_workspace` sets it on every table
   from ``smmnb.yml`` or its ``timezone=`` argument);
3. else the zone the timestamps carry: UTC for the canonical UTC timestamps, or whatever zone
   an aware column holds.

No function falls back to a fixed zone of its own. Timestamps without a time zone (naive) are
taken as already local. Weeks run Monday to Sunday and are labelled by their Monday.

When the data are too thin for an analysis (too few days for its windows, no posts with reach,
fewer than 28 days of followers), it raises :class:`~smmnb.errors.InsufficientData`, whose
message is one sentence for a report saying what is needed and what the data hold.

Denominators, stated once:

- a term's or hashtag's ``count`` is the number of documents (mentions, comments, posts) that
  use it at least once; its ``share`` is ``count / documents`` of the same period;
- share of voice divides a brand's value by the sum over all brands in the same period;
- :func:`best_time` and :func:`format_performance` average the metric over posts (each post
  counts once, however large its reach); :func:`format_performance` also gives the pooled
  ratio (sum of numerators over sum of denominators).
"""

from __future__ import annotations

from smmnb.stats import benjamini_hochberg
from smmnb.text import stopwords
from smmnb.trends.growth import (
    ChannelOverview,
    FollowerGains,
    GrowthForecast,
    channel_overview,
    follower_gains,
    follower_growth,
    follower_targets,
    forecast_horizon,
    growth_focus,
    targets_on_time,
    window_test,
)
from smmnb.trends.keywords import emerging, hashtag_share, hashtags, terms
from smmnb.trends.posting import (
    best_time,
    best_window,
    compare_formats,
    engagement_metric,
    format_performance,
    times_known,
)
from smmnb.trends.spike_detection import SpikeExplanation, explain_spike, spikes, spikes_in_period
from smmnb.trends.top_posts import top_posts
from smmnb.trends.voice import share_of_voice, voice_change, voice_totals

__all__ = [
    "ChannelOverview",
    "FollowerGains",
    "GrowthForecast",
    "SpikeExplanation",
    "benjamini_hochberg",
    "best_time",
    "best_window",
    "channel_overview",
    "emerging",
    "explain_spike",
    "follower_gains",
    "forecast_horizon",
    "follower_growth",
    "engagement_metric",
    "follower_targets",
    "compare_formats",
    "format_performance",
    "growth_focus",
    "hashtag_share",
    "hashtags",
    "share_of_voice",
    "spikes",
    "spikes_in_period",
    "stopwords",
    "targets_on_time",
    "terms",
    "times_known",
    "top_posts",
    "voice_change",
    "voice_totals",
    "window_test",
]
