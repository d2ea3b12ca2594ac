"""insights: the executive summary's findings come from rules, checked on the sample."""

from __future__ import annotations

import pandas as pd
import pytest

from smmnb import insights


@pytest.fixture(scope="module")
def found(ws):
    start, end = ws.period()
    return insights.findings(ws, "Lumi", start, end)


def test_findings_surface_the_planted_effects(found):
    rules = set(found["rule"])
    expected = {"off_track_kpis", "mention_spikes", "unanswered_customers", "expectation_gap",
                "creative_winner", "influencer_check", "emerging_topic", "formats"}  # fmt: skip
    assert expected <= rules
    by_rule = found.set_index("rule")
    assert by_rule.loc["off_track_kpis", "evidence"]["platform"] == "tiktok"
    assert by_rule.loc["mention_spikes", "evidence"]["day"] == pd.Timestamp("2026-09-18")
    assert by_rule.loc["unanswered_customers", "evidence"]["platform"] == "tiktok"
    assert by_rule.loc["expectation_gap", "evidence"]["theme"] == "delivery"
    assert by_rule.loc["creative_winner", "evidence"]["winner"] == "CB Video B"
    assert by_rule.loc["influencer_check", "evidence"]["influencer"] == "Hà Linh Official"
    assert by_rule.loc["emerging_topic", "evidence"]["term"] == "#caphemuoi"


def test_ranking_puts_urgent_risks_first(found):
    assert found["rank"].tolist() == list(range(1, len(found) + 1))
    assert found["severity"].is_monotonic_decreasing
    assert found.iloc[0]["kind"] == "risk" and found.iloc[0]["severity"] == 3
    first_opportunity = found.index[found["kind"] == "opportunity"][0]
    same_level = found[found["severity"] == found.loc[first_opportunity, "severity"]]
    assert (same_level["kind"].iloc[: (same_level["kind"] == "risk").sum()] == "risk").all()


def test_findings_quote_their_numbers(found):
    spike = found.set_index("rule").loc["mention_spikes"]
    ev = spike["evidence"]
    assert f"{ev['count']:,}" in spike["text"] and "18 Sep 2026" in spike["text"]


def test_a_rule_stays_silent_without_its_data(ws):
    start, end = ws.period()
    empty = ws.filter(brand="Lumi", platforms=["linkedin"])  # no ads, no targets there
    out = insights.findings(empty, "Lumi", start, end, rules=["creative_winner", "best_time"])
    assert out.empty
    with pytest.raises(ValueError, match="unknown rule"):
        insights.findings(ws, "Lumi", start, end, rules=["horoscope"])


def test_headline_kpis_by_hand(ws):
    start, end = ws.period()
    head = insights.headline_kpis(ws, "Lumi", start, end).set_index("measure")["value"]
    period = ws.filter(brand="Lumi", start=start, end=end)
    assert head["ad spend"] == pytest.approx(period.ads["spend"].sum())
    assert head["CPA"] == pytest.approx(period.ads["spend"].sum() / period.ads["conversions"].sum())
    mentions = ws.filter(start=start, end=end).mentions
    assert head["share of voice"] == pytest.approx((mentions["brand"] == "Lumi").mean())


def test_reusing_a_scorecard_and_analysed_comments_changes_nothing(ws, found):
    from smmnb.campaigns import scorecard

    start, end = ws.period()
    customers = insights.analyzed_customers(ws, "Lumi", start, end)
    assert len(customers) > 1000 and not customers["author_is_brand"].fillna(False).any()
    assert {"sentiment", "intent", "theme"} <= set(customers.columns)
    sc = scorecard(ws.filter(brand="Lumi"), as_of=end)
    again = insights.findings(ws, "Lumi", start, end, scorecard=sc, analyzed=customers)
    pd.testing.assert_frame_equal(again, found)
    head = insights.headline_kpis(ws, "Lumi", start, end)
    pd.testing.assert_frame_equal(
        insights.headline_kpis(ws, "Lumi", start, end, analyzed=customers), head
    )
    # A scorecard passed in is the one used (here: nothing is off track any more)
    on_track = sc.assign(status="on_track")
    out = insights.findings(ws, "Lumi", start, end, rules=["off_track_kpis"], scorecard=on_track)
    assert out.empty


def test_analysed_comments_of_another_period_are_refused(ws):
    start, end = ws.period()
    other = insights.analyzed_customers(ws, "Lumi", "2026-07-01", "2026-07-31")
    with pytest.raises(ValueError, match="analyzed="):
        insights.headline_kpis(ws, "Lumi", start, end, analyzed=other)
    with pytest.raises(ValueError, match="analyzed="):
        insights.findings(ws, "Lumi", start, end, rules=["expectation_gap"], analyzed=other)
