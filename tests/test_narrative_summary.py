"""narrative.summary: the executive summary's sentences never lie (no nan, money with its
currency, advice in the KPI's direction, counts without decimals)."""

from __future__ import annotations

import re
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from smmnb.narrative import summary

NAN = re.compile(r"\bnan\b|\binf\b|nan%", re.IGNORECASE)


def _row(**kw):
    base = dict(kpi="followers", platform=None, campaign=None, direction="higher",
                status="off_track", target=100.0, actual=50.0, expected=60.0, forecast=80.0,
                ci_low=75.0, ci_high=85.0, elapsed=0.5,
                period_start=pd.Timestamp("2026-07-01"),
                period_end=pd.Timestamp("2026-12-31"))  # fmt: skip
    base.update(kw)
    return SimpleNamespace(**base)


def _head(rows, brands=()):
    head = pd.DataFrame(rows, columns=["measure", "value", "kind", "currency", "definition"])
    head.attrs["brands"] = list(brands)
    return head


def test_an_overspent_budget_is_told_to_slow_down():
    r = _row(kpi="spend", direction="lower", target=2_173_000_000.0, forecast=2_800_697_857.0,
             actual=1_072_261_000.0, expected=1_086_500_000.0, ci_low=2.7e9,
             ci_high=2.9e9)  # fmt: skip
    action = summary.target_action(r, "VND")
    over = 2_800_697_857 - 2_173_000_000
    assert action.startswith("Slow spending on all platforms")
    assert f"about {over:,} VND over its budget of 2,173,000,000 VND by 31 Dec 2026" in action
    assert "short" not in action and "more content" not in action
    text = summary.target_finding(r, "VND", "2026-09-30")
    assert "against a budget of 2,173,000,000 VND" in text
    assert "1,072,261,000 VND since 01 Jul 2026 against 1,086,500,000 VND expected by " \
           "30 Sep 2026" in text  # fmt: skip


def test_an_underspent_spend_target_is_told_it_is_behind_plan():
    r = _row(kpi="spend", direction="higher", target=1000.0, forecast=600.0, platform="tiktok")
    action = summary.target_action(r, "USD")
    assert action.startswith("Spending on TikTok is behind plan: about 400 USD of 1,000 USD")


def test_cost_and_rate_kpis_get_advice_in_their_direction():
    cpa = _row(kpi="cpa", direction="lower", target=100_000.0, forecast=120_000.0,
               platform="facebook")  # fmt: skip
    assert summary.target_action(cpa, "VND").startswith(
        "Bring CPA on Facebook from 120,000 VND down to 100,000 VND or less"
    )
    ctr = _row(kpi="ctr", target=0.009, forecast=0.0085, actual=0.0085)
    action = summary.target_action(ctr, "VND")
    assert action.startswith("Raise CTR on all platforms from 0.85% towards 0.90%")
    # a rate is a percentage, never "0 against 0" (issue 12: response_rate under a filter)
    rr = _row(kpi="response_rate", target=0.3, forecast=0.213, actual=0.213,
              ci_low=0.2, ci_high=0.22)  # fmt: skip
    text = summary.target_finding(rr, "VND", "2026-10-31")
    assert "21.3% by 31 Oct 2026 (95% interval 20.0% to 22.0%) against a target of 30.0%" in text
    net = _row(kpi="net_sentiment", target=0.05, forecast=-0.01, actual=-0.01,
               ci_low=-0.02, ci_high=0.0)  # fmt: skip
    assert "-1.0% by now" in summary.target_finding(net, "VND")


def test_a_total_target_names_its_gap_and_scope():
    r = _row(kpi="clicks", campaign="Back to School", target=79_900.0, forecast=40_601.0)
    action = summary.target_action(r, "VND")
    assert action.startswith(
        f"Close the gap of about {79_900 - 40_601:,} clicks on the Back to School campaign"
    )
    ended = _row(kpi="clicks", campaign="Back to School", elapsed=1.0, actual=40_601.0,
                 target=79_900.0, forecast=40_601.0)  # fmt: skip
    assert "ended off track: 40,601 against a target of 79,900" in summary.target_finding(
        ended, "VND"
    )
    assert summary.target_action(ended, "VND").startswith("Review with the team why clicks")


def test_scope_words():
    assert summary.scope_words(None, None) == "all platforms"
    assert summary.scope_words(np.nan, np.nan) == "all platforms"
    assert summary.scope_words("tiktok", None) == "TikTok"
    assert summary.scope_words(None, "X") == "the X campaign (all platforms)"
    assert summary.scope_words("zalo", "X") == "the X campaign on Zalo"


def test_headline_money_per_currency_never_summed():
    head = _head([
        ("ad spend", 1_000.0, "money", "USD", ""), ("ad spend", 5_000_000.0, "money", "VND", ""),
        ("conversions", 120.0, "count", None, ""),
        ("CPA", 12.5, "money", "USD", ""), ("CPA", 50_000.0, "money", "VND", ""),
    ])  # fmt: skip
    text = summary.headline(head, "Lumi")
    assert "**1,000 USD** (CPA 12.50 USD) and **5,000,000 VND** (CPA 50,000 VND)" in text
    assert "5,001,000" not in text and "120 conversions" in text
    table = summary.headline_table(head)
    assert list(table["measure"][:2]) == ["ad spend (USD)", "ad spend (VND)"]
    assert "conversions" in list(table["measure"])
    note = summary.currencies_apart(["USD", "VND"])
    assert "per currency (USD and VND)" in note and "never added" in note


def test_headline_says_not_measurable_and_counts_without_decimals():
    head = _head([
        ("posts", 3.0, "count", None, ""), ("engagements", 1234.0, "count", None, ""),
        ("engagement rate on reach", np.nan, "rate", None, ""),
        ("customer comments", 1.0, "count", None, ""),
        ("net sentiment", -0.25, "signed", None, ""),
        ("mentions", 10.0, "count", None, ""),
    ])  # fmt: skip
    text = summary.headline(head, "Lumi")
    assert not NAN.search(text)
    assert "3 posts that earned 1,234 engagements" in text
    assert "engagement rate on reach not measurable" in text
    assert "1 comment with a net sentiment of **-25.0%**" in text
    assert "share" not in text  # no share of voice without it in the table
    silent = _head([("posts", 3.0, "count", None, ""), ("engagements", np.nan, "count", None, ""),
                    ("engagement rate on reach", np.nan, "rate", None, "")])  # fmt: skip
    assert summary.headline(silent, "Lumi") == (
        "In the period Lumi published 3 posts (their engagements are not reported)."
    )
    followers = _head([("followers", 106_394.0, "count", None, "")])
    followers.attrs["follower_platforms"] = ["tiktok"]
    assert "Lumi's accounts on TikTok had 106,394 followers at the end" in summary.headline(
        followers, "Lumi"
    )
    values = summary.headline_table(head)["value"].tolist()
    assert values[:3] == ["3", "1,234", "not measurable"]


def test_share_of_voice_names_the_brands_counted():
    head = _head(
        [("mentions", 45.0, "count", None, ""), ("share of voice", 0.45, "rate", None, "")],
        brands=["Lumi", "Moc Coffee", "Sen Tea"],
    )
    text = summary.headline(head, "Lumi")
    assert "**45%** of the mentions of the 3 brands tracked (Lumi, Moc Coffee and Sen Tea)" in text


def test_web_traffic_under_a_platform_filter_says_it_is_all_traffic():
    head = _head([("web sessions", 500.0, "count", None, "")])
    text = summary.headline(head, "Lumi", filter_text="tiktok only")
    assert "the website (all its traffic: sessions have no platform, so the filter on tiktok " \
           "only does not apply to them) had 500 sessions" in text  # fmt: skip
    assert "all its traffic" not in summary.headline(head, "Lumi", filter_text="all platforms")


def test_targets_summary_counts_and_says_why_targets_are_not_paced():
    sc = pd.DataFrame({
        "kpi": ["followers", "engagements", "spend", "cpa", "ctr"],
        "status": ["off_track", "not_paced", "not_paced", "on_track", "no_data"],
        "covers_all": [False, True, False, False, False],
    })  # fmt: skip
    sc.attrs.update(ads_currencies=["USD"], currency="VND")
    text = summary.targets_summary(sc, "tiktok only")
    assert text.startswith("**1 of 2 targets are on track**; 0 at risk, 1 off track.")
    assert "1 target has no data yet" in text
    assert "1 target covers all platforms and is not paced under the filter on tiktok only" in text
    assert "1 money target (spend, CPA, CPC, CPM) is not paced: the targets are in VND and the " \
           "ads in USD" in text  # fmt: skip
    one = pd.DataFrame({"kpi": ["followers"], "status": ["off_track"], "covers_all": [False]})
    assert summary.targets_summary(one, "all platforms").startswith("**0 of 1 target is on track**")


def test_other_sentences_never_print_nan():
    texts = [
        summary.spike_finding("Lumi", pd.Timestamp("2026-09-18"), 12, np.nan, []),
        summary.spike_finding("Lumi", pd.Timestamp("2026-09-18"), 196, 40.0, ["a", "b"]),
        summary.unanswered_finding("tiktok", 0.24, 2342, np.nan, 0.77, ["facebook"]),
        summary.gap_finding("Delivery", 882, 0.36, 2450, np.nan, None),
        summary.influencer_finding("A", "X", 2_100_000, 32_432.0, 22.2, "B", 1_463.0, 0.004, "VND"),
        summary.lift_finding(
            "X", "2026-08-15", "2026-09-05", 6948.0, 0.48, 6505.0, 7392.0, ["Y"]
        ),  # fmt: skip
    ]
    for text in texts:
        assert not NAN.search(text), text
    assert "196 against a usual 40 on that weekday (4.9x the usual), about a and b." in texts[1]
    assert "against almost none on a usual day" in texts[0]
    few = summary.unanswered_finding("tiktok", 0.24, 2342, 21.3, 0.77, ["facebook"], 0.003, "1h")
    assert "(median reply after 21.3 h; under 1% within 1h)" in few  # a few is never 0%
    assert "32,432 VND per engagement in X, 22x B (1,463 VND)" in texts[4]
    assert "Y also started or stopped meanwhile to 05 Sep 2026, the days compared, so the lift " \
           "may be its too" in texts[5]  # fmt: skip
    shared = summary.lift_finding("X", "2026-08-15", "2026-09-05", 6948.0, 0.48, 6505.0,
                                  7392.0, ["Y", "Z"], compared_from="2026-06-20")  # fmt: skip
    assert "Y and Z also started or stopped from 20 Jun 2026 to 05 Sep 2026, the days " \
           "compared, so the lift may be theirs too." in shared  # fmt: skip
    assert "2026) organic social from TikTok brought 6,948 web sessions" in summary.lift_finding(
        "X", "2026-08-15", "2026-09-05", 6948.0, 0.48, 6505.0, 7392.0, platforms=["tiktok"]
    )
    assert summary.lift_action("X", 6948.0, ["Y", "Z"]) == (
        "Before repeating the X mechanics, check that Y and Z, which also started or stopped "
        "in those weeks, do not explain the extra 6,948 sessions from social."
    )
    assert summary.lift_action("X", 6948.0) == (
        "Repeat the X mechanics: it added about 6,948 sessions from social."
    )


def test_findings_page_and_actions():
    assert summary.findings_page(pd.DataFrame(), 5) == summary.NO_FINDINGS
    assert summary.action_list(pd.DataFrame(), 5) == summary.NO_ACTIONS
    found = pd.DataFrame({
        "rank": [1, 2, 3], "kind": ["risk", "risk", "opportunity"], "area": ["targets"] * 3,
        "text": ["one.", "two.", "three."], "action": ["Do A.", "Do A.", "Do B."],
    })  # fmt: skip
    page = summary.findings_page(found, 1)
    assert page.startswith("1. **Risk (targets).** one.")
    assert "Other risks:\n\n- two." in page and "Other opportunities:\n\n- three." in page
    assert summary.action_list(found, 5) == "**What to do next:**\n\n1. Do A.\n2. Do B."


@pytest.mark.parametrize("kpi,value,expected", [
    ("spend", 1234.5, "1,234 VND"), ("ctr", 0.0123, "1.23%"), ("cvr", 0.25, "25.0%"),
    ("roas", 1.234, "1.23"),
    ("net_sentiment", 0.05, "+5.0%"), ("followers", 1234.0, "1,234"),
    ("er_reach", np.nan, "not measurable"),
])  # fmt: skip
def test_kpi_values(kpi, value, expected):
    assert summary.kpi_value(kpi, value, "VND") == expected
