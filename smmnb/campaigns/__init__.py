"""Campaign performance: KPIs against targets, spend, creative tests, lift, influencers, traffic.

One module per job: :mod:`~smmnb.campaigns.targets` (the scorecard),
:mod:`~smmnb.campaigns.spend` (budget pacing, paid against organic, the funnel),
:mod:`~smmnb.campaigns.creatives` (A/B tests of ads), :mod:`~smmnb.campaigns.uplift` (a
flight's lift), :mod:`~smmnb.campaigns.partners` (influencers), :mod:`~smmnb.campaigns.traffic`
(GA4 channel groups, web sessions from social). Every public name is here too.
"""

from __future__ import annotations

from smmnb.campaigns.creatives import CREATIVE_VERDICTS, REST, creative_rates, creative_tests
from smmnb.campaigns.partners import influencers
from smmnb.campaigns.spend import budget_pacing, funnel, paid_vs_organic
from smmnb.campaigns.targets import ALL_PLATFORMS_NOTE, scorecard
from smmnb.campaigns.traffic import (
    CHANNEL_GROUPS,
    SOCIAL_GROUPS,
    channel_group,
    source_platform,
    web_from_social,
)
from smmnb.campaigns.uplift import CampaignLift, LiftResult, campaign_lift, lift

__all__ = [
    "ALL_PLATFORMS_NOTE",
    "CHANNEL_GROUPS",
    "CREATIVE_VERDICTS",
    "REST",
    "SOCIAL_GROUPS",
    "CampaignLift",
    "LiftResult",
    "budget_pacing",
    "campaign_lift",
    "channel_group",
    "creative_rates",
    "creative_tests",
    "funnel",
    "influencers",
    "lift",
    "paid_vs_organic",
    "scorecard",
    "source_platform",
    "web_from_social",
]
