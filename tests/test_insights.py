"""insights: the executive summary's findings come from rules, checked on the sample and on
small workspaces built for one bug each (numbers recomputed here, independently)."""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from smmnb import insights
from smmnb.errors import InsufficientData
from smmnb.names import platform_name
from smmnb.schema import validate
from smmnb.workspace import Workspace

NAN = re.compile(r"\bnan\b|\binf\b|nan%", re.IGNORECASE)


@pytest.fixture(scope="module")
def found(ws):
    start, end = ws.period()
    return insights.findings(ws, "Lumi", start, end, lift_campaign="Back to School")


@pytest.fixture(scope="module")
def tiktok(ws):
    start, end = ws.period()
    return insights.findings(ws, "Lumi", start, end, platforms=["tiktok"])


def _sentences(frame: pd.DataFrame) -> list[str]:
    return list(frame["text"]) + list(frame["action"])


def test_findings_surface_the_planted_effects(found):
    rules = set(found["rule"])
    expected = {"off_track_kpis", "mention_spikes", "unanswered_customers", "expectation_gap",
                "creative_winner", "influencer_check", "emerging_topic", "formats",
                "campaign_lift"}  # fmt: skip
    assert expected <= rules
    by_rule = found.drop_duplicates("rule").set_index("rule")
    assert by_rule.loc["off_track_kpis", "evidence"]["platform"] == "tiktok"
    assert by_rule.loc["mention_spikes", "evidence"]["day"] == pd.Timestamp("2026-09-18")
    assert by_rule.loc["unanswered_customers", "evidence"]["platform"] == "tiktok"
    assert by_rule.loc["expectation_gap", "evidence"]["theme"] == "delivery"
    assert by_rule.loc["creative_winner", "evidence"]["winner"] == "CB Video B"
    assert by_rule.loc["influencer_check", "evidence"]["influencer"] == "Hà Linh Official"
    assert by_rule.loc["emerging_topic", "evidence"]["term"] == "#caphemuoi"
    assert by_rule.loc["campaign_lift", "evidence"]["campaign"] == "Back to School"
    for sentence in _sentences(found):
        assert not NAN.search(sentence), sentence


def test_ranking_puts_urgent_risks_first(found):
    assert found["rank"].tolist() == list(range(1, len(found) + 1))
    assert found["severity"].is_monotonic_decreasing
    assert found.iloc[0]["kind"] == "risk" and found.iloc[0]["severity"] == 3
    first_opportunity = found.index[found["kind"] == "opportunity"][0]
    same_level = found[found["severity"] == found.loc[first_opportunity, "severity"]]
    assert (same_level["kind"].iloc[: (same_level["kind"] == "risk").sum()] == "risk").all()


def test_findings_quote_their_numbers(ws, found):
    spike = found.set_index("rule").loc["mention_spikes"]
    ev = spike["evidence"]
    assert f"{ev['count']:,}" in spike["text"] and "18 Sep 2026" in spike["text"]
    # the count of that day, recounted from the mentions in the workspace's time zone
    m = ws.mentions[ws.mentions["brand"] == "Lumi"]
    day = m["created_at"].dt.tz_convert(ws.timezone).dt.strftime("%Y-%m-%d")
    assert ev["count"] == int((day == "2026-09-18").sum())


def test_a_rule_stays_silent_without_its_data(ws):
    start, end = ws.period()
    out = insights.findings(
        ws, "Lumi", start, end, platforms=["linkedin"], rules=["creative_winner", "best_time"]
    )
    assert out.empty
    with pytest.raises(ValueError, match="unknown rule"):
        insights.findings(ws, "Lumi", start, end, rules=["horoscope"])


def test_a_rule_whose_analysis_lacks_data_finds_nothing_and_the_others_go_on(ws, monkeypatch):
    import smmnb.trends

    def thin(*args, **kwargs):
        raise InsufficientData("Emerging terms need two weeks of mentions; this folder has 3 days.")

    monkeypatch.setattr(smmnb.trends, "emerging", thin)
    start, end = ws.period()
    out = insights.findings(ws, "Lumi", start, end, rules=["emerging_topic", "mention_spikes"])
    assert list(out["rule"].unique()) == ["mention_spikes"]


def test_no_data_in_the_period_is_insufficient_data(ws):
    with pytest.raises(InsufficientData, match="Lumi in the period"):
        insights.findings(ws, "Lumi", "2020-01-01", "2020-01-31")
    with pytest.raises(InsufficientData, match="Lumi in the period"):
        insights.headline_kpis(ws, "Lumi", "2020-01-01", "2020-01-31")


# --------------------------------------------------------------------------------------------
# issue 12: a platform filter


def test_under_a_platform_filter_targets_for_all_platforms_are_not_judged(ws, tiktok):
    """Ten recommendations "Close the … gap on nan" and "about 0 short of 0" under tiktok."""
    start, end = ws.period()
    for sentence in _sentences(tiktok):
        assert not NAN.search(sentence), sentence
        assert "about 0 " not in sentence and "short of 0" not in sentence, sentence
    targets = tiktok[tiktok["rule"] == "off_track_kpis"]
    # Only the tiktok followers target is judged: every all-platform target is left out.
    assert [e["kpi"] for e in targets["evidence"]] == ["followers"]
    assert targets.iloc[0]["evidence"]["platform"] == "tiktok"
    assert "for TikTok" in targets.iloc[0]["text"] and "on TikTok" in targets.iloc[0]["action"]
    # Its actual, recounted: tiktok followers on the last day.
    f = ws.followers[(ws.followers["brand"] == "Lumi") & (ws.followers["platform"] == "tiktok")]
    level = f.loc[f["date"] == pd.Timestamp(end), "followers"].sum()
    assert targets.iloc[0]["evidence"]["actual"] == level
    assert f"{int(level):,} against" in targets.iloc[0]["text"]
    assert f"expected by {pd.Timestamp(end):%d %b %Y}" in targets.iloc[0]["text"]

    sc = insights.target_scorecard(ws, "Lumi", start, end, platforms=["tiktok"])
    all_platforms = sc[sc["platform"].isna()]
    n_all = int((ws.targets["platform"].isna()).sum())
    assert len(all_platforms) == n_all and all_platforms["covers_all"].all()
    assert (all_platforms["status"] == "not_paced").all()
    assert all_platforms["actual"].isna().all()  # never the filtered (tiktok) actuals


def test_every_target_action_names_its_scope(ws, found):
    targets = found[found["rule"] == "off_track_kpis"]
    assert len(targets)
    for r in targets.itertuples():
        platform = r.evidence["platform"]
        where = platform_name(platform) if isinstance(platform, str) else None
        campaign = r.evidence["campaign"] if isinstance(r.evidence["campaign"], str) else None
        expected = where or (f"the {campaign} campaign" if campaign else "all platforms")
        assert expected in r.action, r.action


# --------------------------------------------------------------------------------------------
# issue 12: direction of the advice


def _daily_spend(ws, first, last) -> pd.Series:
    ads = ws.ads[ws.ads["brand"] == "Lumi"]
    daily = ads.groupby("date")["spend"].sum().astype("float64")
    return daily.reindex(pd.date_range(first, last, freq="D"), fill_value=0.0)


def test_an_overspent_budget_is_told_to_slow_down_not_to_spend_more(ws):
    """end=2026-09-30: "Close the spend gap on nan: about -627,697,857 short of 2,173,000,000"."""
    end = "2026-09-30"
    out = insights.findings(ws, "Lumi", "2026-07-03", end, rules=["off_track_kpis"])
    spend = out[[e["kpi"] == "spend" for e in out["evidence"]]]
    assert len(spend) == 1
    # The forecast, recomputed: spend from the budget's start to as_of, plus the mean daily
    # spend of the last 28 days for every day left to 31 Dec.
    budget = ws.targets[ws.targets["kpi"] == "spend"].iloc[0]
    days = _daily_spend(ws, budget["period_start"], pd.Timestamp(end))
    remaining = (budget["period_end"] - pd.Timestamp(end)).days
    forecast = days.sum() + days.iloc[-28:].mean() * remaining
    over = forecast - budget["target"]
    assert over > 0
    action = spend.iloc[0]["action"]
    assert action.startswith("Slow spending on all platforms")
    assert f"about {over:,.0f} VND over its budget of {budget['target']:,.0f} VND" in action
    for wrong in ("short", "more content", "paid support", "-"):
        assert wrong not in action, action
    assert f"{days.sum():,.0f} VND since 01 Jul 2026 against" in spend.iloc[0]["text"]
    assert "expected by 30 Sep 2026" in spend.iloc[0]["text"]


def test_lower_and_higher_is_better_kpis_get_advice_in_their_direction(ws):
    """A CPA above its ceiling is brought down; a CTR under its target is raised."""
    start, end = ws.period()
    targets = pd.DataFrame(
        {
            "brand": ["Lumi", "Lumi"],
            "kpi": ["cpa", "ctr"],
            "target": [20_000.0, 0.05],
            "period_start": ["2026-08-01", "2026-08-01"],
            "period_end": ["2026-12-31", "2026-12-31"],
            "campaign": [None, None],
            "platform": ["facebook", None],
            "direction": ["lower", "higher"],
        }
    )
    tables = {**ws.tables, "targets": validate(targets, "targets")}
    custom = replace(ws, tables=tables)
    out = insights.findings(custom, "Lumi", start, end, rules=["off_track_kpis"])
    by_kpi = {e["kpi"]: r for e, r in zip(out["evidence"], out.itertuples(), strict=True)}
    ads = ws.ads[(ws.ads["brand"] == "Lumi")]
    period = ads[(ads["date"] >= "2026-08-01") & (ads["date"] <= end)]
    fb = period[period["platform"] == "facebook"]
    cpa = fb["spend"].sum() / fb["conversions"].sum()
    ctr = period["clicks"].sum() / period["impressions"].sum()
    assert by_kpi["cpa"].action.startswith(f"Bring CPA on Facebook from {cpa:,.0f} VND down to")
    assert "20,000 VND or less" in by_kpi["cpa"].action
    assert by_kpi["ctr"].action.startswith(f"Raise CTR on all platforms from {ctr:.2%} towards")
    assert f"against a target of {0.05:.2%}" in by_kpi["ctr"].text


# --------------------------------------------------------------------------------------------
# issue 12: creative recommendations only from a significant test


def _ads(rows) -> pd.DataFrame:
    frame = pd.DataFrame(
        rows, columns=["ad", "impressions", "clicks"]
    ).assign(
        date="2026-09-01", brand="Lumi", platform="facebook", campaign="Launch", spend=100.0,
        conversions=1.0, revenue=200.0, currency="VND",
    )  # fmt: skip
    return validate(frame, "ads")


def test_a_creative_is_recommended_only_when_its_test_is_significant():
    # "Tiny" has the highest CTR (50%) but 20 impressions: too few to test, never a winner.
    ads = _ads([("A", 100_000, 1_000), ("B", 100_000, 2_000), ("C", 100_000, 1_050),
                ("Tiny", 20, 10)])  # fmt: skip
    ws = Workspace({"ads": ads})
    out = insights.findings(ws, "Lumi", "2026-09-01", "2026-09-01", rules=["creative_winner"])
    assert len(out) == 1
    ev = out.iloc[0]["evidence"]
    assert ev["winner"] == "B"
    others = (1_000 + 1_050 + 10) / (100_000 + 100_000 + 20)
    assert ev["rate"] == pytest.approx(0.02) and ev["others_rate"] == pytest.approx(others)
    assert f"{0.02:.2%} against {others:.2%}" in out.iloc[0]["text"]
    assert "Tiny" not in out.iloc[0]["text"] + out.iloc[0]["action"]

    # Nothing significant (and the tiny ad untestable): no creative recommendation at all.
    flat = _ads([("A", 100_000, 1_000), ("B", 100_000, 1_010), ("Tiny", 20, 10)])
    none = insights.findings(
        Workspace({"ads": flat}), "Lumi", "2026-09-01", "2026-09-01", rules=["creative_winner"]
    )
    assert none.empty


# --------------------------------------------------------------------------------------------
# issue 12: money in the data's currency


def test_a_findings_money_is_in_the_reporting_currency(ws):
    usd = replace(ws, currency="USD")
    start, end = ws.period()
    out = insights.findings(usd, "Lumi", start, end, rules=["influencer_check"])
    text = out.iloc[0]["text"]
    table = ws.influencers
    worst = table[table["influencer"] == "Hà Linh Official"].iloc[0]
    cpe = worst["fee"] / worst["engagements"]
    assert f"{cpe:,.0f} USD per engagement in Back to School" in text and "VND" not in text


def test_an_influencer_is_reported_only_in_a_period_its_campaign_ran(ws):
    # Back to School ran from 15 Aug to 05 Sep (its ads): not in October.
    out = insights.findings(ws, "Lumi", "2026-10-01", "2026-10-31", rules=["influencer_check"])
    assert out.empty
    out = insights.findings(ws, "Lumi", "2026-08-20", "2026-08-31", rules=["influencer_check"])
    assert out.iloc[0]["evidence"]["influencer"] == "Hà Linh Official"


def test_a_handful_of_mentions_is_not_a_crisis(ws):
    from smmnb.trends import spikes

    start, end = ws.period()
    x = ws.mentions[(ws.mentions["brand"] == "Lumi") & (ws.mentions["platform"] == "x")]
    flagged = spikes(x, tz=ws.timezone)
    flagged = flagged[flagged["is_spike"].fillna(False) & (flagged["period"] >= start)]
    assert len(flagged) and (flagged["count"] < insights.MIN_SPIKE).all()  # e.g. 4 against 0
    out = insights.findings(ws, "Lumi", start, end, platforms=["x"], rules=["mention_spikes"])
    assert out.empty


def _two_currencies(ws) -> Workspace:
    ads = ws.ads[ws.ads["brand"] == "Lumi"].copy()
    usd = ads["platform"].astype("str") == "google"
    ads["currency"] = np.where(usd, "USD", "VND")
    ads.loc[usd, "spend"] = ads.loc[usd, "spend"] / 25_000
    ads.loc[usd, "revenue"] = ads.loc[usd, "revenue"] / 25_000
    return replace(ws, tables={**ws.tables, "ads": ads.reset_index(drop=True)})


def test_a_conversion_made_while_reading_is_said(ws):
    note = "56 ad rows in USD converted at 25,000 VND per USD"
    converted = replace(ws, money_notes=[note])
    assert insights.money_sentences(converted, "Lumi") == [
        "Ad money converted while reading: 56 ad rows in USD converted at 25,000 VND per USD."
    ]
    assert insights.money_sentences(ws, "Lumi") == []  # one currency, nothing converted


def test_ads_in_another_currency_than_the_reporting_one_are_said_so(ws):
    usd = replace(ws, currency="USD")  # the sample's ads are in VND
    assert insights.money_sentences(usd, "Lumi") == [
        "The ads are in VND, not in the reporting currency USD, and smmnb.yml gives no "
        "exchange rate: ad money is shown in VND."
    ]
    start, end = ws.period()
    head = insights.headline_kpis(usd, "Lumi", start, end)
    assert set(head.loc[head["kind"] == "money", "currency"]) == {"VND"}


def test_several_currencies_are_never_added(ws):
    mixed = _two_currencies(ws)
    start, end = ws.period()
    head = insights.headline_kpis(mixed, "Lumi", start, end)
    spend = head[head["measure"] == "ad spend"].set_index("currency")["value"]
    ads = mixed.ads
    ads = ads[(ads["date"] >= start) & (ads["date"] <= end)]
    expected = ads.groupby("currency")["spend"].sum()
    assert spend.to_dict() == pytest.approx(expected.to_dict())
    cpa = head[head["measure"] == "CPA"].set_index("currency")["value"]
    by = ads.groupby("currency")
    assert cpa.to_dict() == pytest.approx((by["spend"].sum() / by["conversions"].sum()).to_dict())
    notes = insights.money_sentences(mixed, "Lumi")
    assert notes and "shown per currency (USD and VND)" in notes[0]
    # Money targets are not paced against ads in two currencies, and the summary says why.
    sc = insights.target_scorecard(mixed, "Lumi", start, end)
    money = sc[sc["kpi"].isin(["spend", "cpa"])]
    assert (money["status"] == "not_paced").all() and money["actual"].isna().all()


# --------------------------------------------------------------------------------------------
# headline numbers


def test_headline_kpis_by_hand(ws):
    start, end = ws.period()
    frame = insights.headline_kpis(ws, "Lumi", start, end)
    head = frame.set_index("measure")["value"]
    period = ws.filter(brand="Lumi", start=start, end=end)
    assert head["ad spend"] == pytest.approx(period.ads["spend"].sum())
    assert head["CPA"] == pytest.approx(period.ads["spend"].sum() / period.ads["conversions"].sum())
    mentions = ws.filter(start=start, end=end).mentions
    assert head["share of voice"] == pytest.approx((mentions["brand"] == "Lumi").mean())
    assert head["mentions"] == (mentions["brand"] == "Lumi").sum()
    assert head["web sessions"] == period.web_sessions["sessions"].sum()
    last = period.followers[period.followers["date"] == pd.Timestamp(end)]
    assert head["followers"] == last["followers"].sum()
    assert frame.attrs["follower_platforms"] == sorted(last["platform"].astype(str).unique())


def test_trend_findings_are_the_trend_rules_and_the_follower_targets(ws):
    # Notebook 03 recommends from these rules, as the executive summary does (issue 15).
    start, end = ws.period()
    trend = insights.trend_findings(ws, "Lumi", start, end, as_of="2026-09-30")
    every = insights.findings(ws, "Lumi", start, end, as_of="2026-09-30")
    kpi = every["evidence"].map(lambda e: e.get("kpi"))
    wanted = every["rule"].isin(insights.TREND_RULES) | (kpi == "followers")
    assert (kpi == "spend").any()  # the overspent budget is a finding, not a trend
    assert trend["action"].tolist() == every.loc[wanted, "action"].tolist()
    assert trend["rank"].tolist() == list(range(1, len(trend) + 1))
    # the follower targets behind, with the growth module's forecast, as in the scorecard
    from smmnb import campaigns

    sc = campaigns.scorecard(ws.filter(brand="Lumi"), as_of="2026-09-30")
    behind = sc[(sc["kpi"] == "followers") & sc["status"].isin(["at_risk", "off_track"])]
    quoted = {e["platform"]: e["forecast"] for e in trend["evidence"] if e.get("kpi")}
    assert "tiktok" in quoted
    assert quoted == dict(zip(behind["platform"], behind["forecast"], strict=True))
    assert set(trend["rule"]) >= {"mention_spikes", "formats"}


def test_headline_pooled_rates_and_customers_are_the_one_definitions(ws):
    # One number per question (issue 15): the engagement rate is metrics' pooled er_reach,
    # the customers are expectations' customer comments, on the same rows.
    from smmnb.expectations import customer_comments
    from smmnb.metrics import engagements, kpis

    start, end = ws.period()
    head = insights.headline_kpis(ws, "Lumi", start, end).set_index("measure")["value"]
    period = ws.filter(brand="Lumi", start=start, end=end)
    assert head["engagement rate on reach"] == kpis(period.posts)["er_reach"].iloc[0]
    assert head["engagements"] == kpis(period.posts)["engagements"].iloc[0]
    # and that definition, by hand: posts reporting both parts, sums over sums
    eng = engagements(period.posts).astype("float64")
    both = eng.notna() & period.posts["reach"].notna()
    assert head["engagement rate on reach"] == pytest.approx(
        eng[both].sum() / period.posts.loc[both, "reach"].sum()
    )
    web = period.web_sessions
    assert head["web conversion rate"] == pytest.approx(
        web["conversions"].sum() / web["sessions"].sum()
    )
    assert head["customer comments"] == len(customer_comments(period.comments))
    by_hand = period.comments[period.comments["author_is_brand"].fillna(False).eq(False)]
    assert head["customer comments"] == len(by_hand)


def test_headline_kpis_say_only_what_the_data_hold(ws):
    start, end = ws.period()
    one_brand = ws.mentions[ws.mentions["brand"] == "Moc Coffee"]
    only = Workspace({"mentions": one_brand.reset_index(drop=True)})
    head = insights.headline_kpis(only, "Moc Coffee", start, end)
    assert list(head["measure"]) == ["mentions"]  # no share of voice with one brand
    # Posts without reach: the engagement rate is missing (not measurable), not 0.
    posts = ws.posts[ws.posts["brand"] == "Lumi"].assign(reach=np.nan)
    head = insights.headline_kpis(Workspace({"posts": posts}), "Lumi", start, end)
    rate = head.set_index("measure").loc["engagement rate on reach", "value"]
    assert np.isnan(rate)
    # Comments without any brand reply: no response figures at all.
    comments = ws.comments[~ws.comments["author_is_brand"].fillna(False).astype(bool)]
    head = insights.headline_kpis(Workspace({"comments": comments}), "Lumi", start, end)
    assert {"customer comments", "net sentiment"} <= set(head["measure"])
    assert "answered" not in set(head["measure"])


def test_reusing_a_scorecard_and_analysed_comments_changes_nothing(ws, found):
    start, end = ws.period()
    customers = insights.analyzed_customers(ws, "Lumi", start, end)
    assert len(customers) > 1000 and not customers["author_is_brand"].fillna(False).any()
    assert {"sentiment", "intent", "theme"} <= set(customers.columns)
    sc = insights.target_scorecard(ws, "Lumi", start, end)
    again = insights.findings(
        ws, "Lumi", start, end, scorecard=sc, analyzed=customers, lift_campaign="Back to School"
    )
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


def test_reports_read_the_users_labels_and_agree_on_net_sentiment(ws, tmp_path):
    """With smmnb.yml's labels, the summary's net sentiment is notebook 01's, from the model."""
    from pathlib import Path

    from smmnb import expectations as E

    labels = tmp_path / "labels.csv"
    own = pd.read_csv(Path(__file__).parent / "data" / "sentiment_eval.csv")
    own[["text", "label"]].to_csv(labels, index=False)
    settings = replace(ws.settings, labels=labels)
    labelled = replace(ws, settings=settings)
    start, end = "2026-10-01", "2026-10-31"
    head = insights.headline_kpis(labelled, "Lumi", start, end)
    got = head.set_index("measure").loc["net sentiment", "value"]
    # notebook 01's way: the period's customer comments, analysed with the folder's model
    model = E.sentiment_model("", settings)
    assert model is E.sentiment_model(str(labels))  # trained once per file version
    period = labelled.filter(brand="Lumi").filter(start=start, end=end)
    customers = E.customer_comments(period.comments)
    by_model = E.net_sentiment(E.analyze(customers, model=model))
    by_lexicon = E.net_sentiment(E.sentiment(customers["text"])["label"])
    assert got == pytest.approx(by_model, abs=1e-12)
    assert abs(by_model - by_lexicon) > 1e-6  # the model, not the lexicon, gave the figure
    analyzed = insights.analyzed_customers(labelled, "Lumi", start, end)
    assert E.net_sentiment(analyzed) == pytest.approx(by_model, abs=1e-12)


def test_calendar_findings_are_notebook_04s_advice_as_findings(ws):
    """Notebook 04's actions come from insights rules, with the sentences of the narrative."""
    from smmnb import calendar
    from smmnb.narrative import calendar as say

    lumi = ws.filter(brand="Lumi")
    as_of = "2026-10-31"
    summ = calendar.summary(lumi.calendar, lumi.posts, as_of=as_of, ads=lumi.ads, tz=ws.timezone)
    on_time = calendar.on_time(lumi.filter(start="2026-08-03", end=as_of).calendar, lumi.posts,
                               tz=ws.timezone)  # fmt: skip
    _, next_week = calendar.review_weeks(as_of)
    slots = calendar.suggest_slots(lumi.filter(end=as_of).posts, lumi.calendar, next_week,
                                   per_platform=2, tz=ws.timezone)  # fmt: skip
    found = insights.calendar_findings(summary=summ, on_time=on_time, slots=slots)
    listed = say.recommendations(overdue=summ.overdue, cadence=summ.cadence, on_time=on_time,
                                 slots=slots, missing=summ.campaigns_without_content)  # fmt: skip
    assert "\n".join(f"{i}. {a}" for i, a in enumerate(found["action"], 1)) == listed
    assert set(found["rule"]) <= set(insights.CALENDAR_RULES)
    # the numbers behind them, counted independently
    overdue = found.set_index("rule").loc["overdue_items", "evidence"]["items"]
    assert overdue == len(summ.overdue)
    late = found.set_index("rule").loc["late_publishing", "evidence"]
    assert late["items"] == int(on_time["published_items"].sum())
    assert late["rate"] == pytest.approx(on_time["on_time"].sum() / late["items"])
    below = summ.cadence.loc[summ.cadence["status"] == "below", "platform"].tolist()
    assert found.set_index("rule").loc["cadence_below", "evidence"]["platforms"] == below


# --------------------------------------------------------------------------------------------
# issue 16: findings in the language in force when they are built


def test_findings_are_written_in_the_language_in_force_when_built(ws):
    from smmnb import i18n

    start, end = ws.period()
    with i18n.use("vi"):
        vi = insights.findings(ws, "Lumi", start, end, rules=["mention_spikes"])
    en = insights.findings(ws, "Lumi", start, end, rules=["mention_spikes"])
    assert list(vi.columns) == list(insights.COLUMNS) == list(en.columns)
    spike_vi, spike_en = vi.iloc[0], en.iloc[0]
    assert spike_vi["evidence"] == spike_en["evidence"]  # codes and numbers, not words
    n = spike_en["evidence"]["count"]
    assert spike_vi["title"] == "Lượt nhắc đến tăng đột biến ngày 18/09/2026"
    assert spike_vi["text"].startswith(
        f"Lượt nhắc đến Lumi tăng đột biến vào ngày 18/09/2026: {n} lượt, so với mức thường lệ"
    )
    assert spike_vi["action"].startswith("Chuẩn bị sẵn câu trả lời công khai")
    assert spike_en["title"] == "Mentions spiked on 18 Sep 2026"
    assert spike_en["text"].startswith(f"Mentions of Lumi spiked on 18 Sep 2026: {n} against")
    with i18n.use("vi"), pytest.raises(InsufficientData, match="Báo cáo tóm tắt cần"):
        insights.findings(ws, "Lumi", "2020-01-01", "2020-01-31")


def test_the_formats_finding_gives_the_ratio_notebook_03_shows(ws, found):
    # one number for "video on Zalo vs images": the summary's finding and notebook 03's table
    # both come from trends.compare_formats over the brand's posts up to the end of the period
    from smmnb import trends

    row = found[found["kind"] == "opportunity"]
    row = row[row["evidence"].map(lambda e: "format" in e)]
    assert len(row) == 1
    evidence = row.iloc[0]["evidence"]
    posts = ws.filter(brand="Lumi", end=ws.period()[1]).posts
    table = trends.compare_formats(posts)
    wins = table[table["significant"].fillna(False).astype(bool) & (table["ratio"] > 1)]
    top = wins.sort_values("ratio").iloc[-1]
    assert (evidence["platform"], evidence["format"]) == (top["platform"], top["format"])
    assert evidence["ratio"] == pytest.approx(float(top["ratio"]))
    # independently: the mean per-post engagement rate on reach of Zalo videos over images
    zalo = posts[posts["platform"].astype(str) == top["platform"]].dropna(subset=["reach"])
    parts = zalo[["reactions", "comments", "shares", "saves"]].astype(float)
    rate = parts.sum(axis=1, min_count=1) / zalo["reach"].astype(float)
    fmt = zalo["format"].astype(str)
    expected = rate[fmt == top["format"]].mean() / rate[fmt == "image"].mean()
    assert evidence["ratio"] == pytest.approx(expected)


# --------------------------------------------------------------------------------------------
# search findings (Search Console)

_TERM_COLUMNS = ["period_start", "period_end", "brand", "search_type", "kind", "term", "clicks",
                 "impressions", "position", "filters"]  # fmt: skip
AUG, SEP = ("2026-08-01", "2026-08-31"), ("2026-09-01", "2026-09-30")


def _search_ws(rng, *, effect=40.0, gap=True, mover=True) -> Workspace:
    """Ads of a flight, daily search clicks with ``effect`` a day during it (in the branded
    download), and two periods of queries: a planted CTR gap and a planted mover."""
    days = pd.date_range("2026-06-01", "2026-09-30")
    weekend = (days.day_of_week >= 5).astype(float)
    flight = (days >= "2026-09-01") & (days <= "2026-09-14")
    branded = np.round(100 + 15 * weekend + rng.normal(0, 6, len(days)) + effect * flight)
    total = branded + np.round(300 + rng.normal(0, 10, len(days)))
    daily = pd.DataFrame(
        {"date": np.concatenate([days, days]), "brand": "Lumi", "search_type": "web",
         "clicks": np.concatenate([total, branded]).astype(int),
         "impressions": np.concatenate([10 * total, 3 * branded]).astype(int), "position": 4.0,
         "filters": [""] * len(days) + ["query: +lumi"] * len(days)}
    )  # fmt: skip
    position = np.round(np.exp(rng.uniform(0, np.log(30), 60)), 1)
    shown = rng.integers(100, 8000, 60)
    clicks = rng.binomial(shown, 1 / (1 + np.exp(-(-0.8 - 1.3 * np.log(position)))))
    rows = []
    for period in (AUG, SEP):  # the same clicks in both periods: no mover among them
        rows += [(*period, "Lumi", "web", "query", f"query {i}", int(clicks[i]), int(shown[i]),
                  float(position[i]), "") for i in range(60)]  # fmt: skip
        rows.append((*period, "Lumi", "web", "query", "lumi", 900, 1000, 1.0, ""))
    if mover:
        rows += [(*AUG, "Lumi", "web", "query", "cà phê muối", 310, 9000, 8.0, ""),
                 (*SEP, "Lumi", "web", "query", "cà phê muối", 1500, 9000, 4.0, "")]  # fmt: skip
    sep_gap = 40 if gap else 1200
    rows.append((*SEP, "Lumi", "web", "query", "cà phê sữa đá", sep_gap, 5000, 1.5, ""))
    ads = pd.DataFrame(
        {"date": pd.date_range("2026-09-01", "2026-09-14"), "brand": "Lumi",
         "platform": "facebook", "campaign": "Back to School", "ad": "a", "spend": 1e6,
         "impressions": 1000, "clicks": 10}
    )  # fmt: skip
    return Workspace(
        tables={"search_daily": validate(daily, "search_daily"),
                "search_terms": validate(pd.DataFrame(rows, columns=_TERM_COLUMNS),
                                         "search_terms"),
                "ads": validate(ads, "ads")},
        owner="Lumi",
    )  # fmt: skip


SEARCH_RULES = ["search_lift", "search_ctr_gap", "search_movers"]


def test_search_findings_report_the_planted_lift_gap_and_mover(rng):
    from smmnb import search

    ws = _search_ws(rng)
    found = insights.findings(ws, "Lumi", *SEP, rules=SEARCH_RULES)
    by = found.set_index("rule")
    assert set(by.index) == set(SEARCH_RULES)
    lift = by.loc["search_lift"]
    expected = search.search_lift(ws, "Lumi", "2026-09-01", "2026-09-14").result
    assert lift["evidence"]["campaign"] == "Back to School"
    assert lift["evidence"]["measured"] == "branded clicks"
    assert lift["evidence"]["effect"] == pytest.approx(expected.effect)
    assert lift["text"].startswith(
        "During Back to School (01 Sep 2026 to 14 Sep 2026) branded searches on Google brought "
        f"{expected.effect:,.0f} clicks more than expected"
    )
    assert (lift["area"], lift["kind"]) == ("campaigns", "opportunity")
    gap = by.loc["search_ctr_gap"]
    assert gap["evidence"]["term"] == "cà phê sữa đá" and gap["evidence"]["clicks"] == 40
    curve = search.expected_ctr(ws.search_terms, exclude=["Lumi"])
    missing = curve.predict(1.5) * 5000 - 40
    assert gap["evidence"]["missing_clicks"] == pytest.approx(missing)
    assert gap["text"].startswith(
        "'cà phê sữa đá' had 5,000 impressions in Google Search from 01 Sep 2026 to 30 Sep 2026 "
        "at an average position of 1.5 but got 40 clicks (a CTR of 0.8%)"
    )
    assert f"so about {missing:,.0f} clicks were missed (significant)." in gap["text"]
    mover = by.loc["search_movers"]
    assert mover["evidence"]["term"] == "cà phê muối" and mover["kind"] == "opportunity"
    assert mover["evidence"]["ratio"] == pytest.approx((1500 / 30) / (310 / 31))
    assert mover["text"] == (
        "Searches for 'cà phê muối' brought 50.0 clicks a day from Google from 01 Sep 2026 to "
        "30 Sep 2026, against 10.0 a day from 01 Aug 2026 to 31 Aug 2026 (+400%; 95% interval "
        "+342% to +467%, significant); its average position was 8.0, then 4.0."
    )
    for sentence in _sentences(found):
        assert not NAN.search(sentence), sentence


def test_search_findings_are_written_in_vietnamese(rng):
    from smmnb import i18n

    ws = _search_ws(rng)
    with i18n.use("vi"):
        found = insights.findings(ws, "Lumi", *SEP, rules=["search_movers", "search_lift"])
    by = found.set_index("rule")
    assert by.loc["search_movers", "text"] == (
        "Tìm kiếm “cà phê muối” mang về 50,0 lượt nhấp mỗi ngày từ Google trong thời gian từ "
        "01/09/2026 đến 30/09/2026, so với 10,0 lượt nhấp mỗi ngày từ 01/08/2026 đến 31/08/2026 "
        "(+400%; khoảng tin cậy 95%: +342% đến +467%, có ý nghĩa thống kê); vị trí trung bình "
        "lần lượt là 8,0 và 4,0."
    )
    assert (
        by.loc["search_movers", "title"] == "“cà phê muối” mang về nhiều lượt nhấp hơn từ tìm kiếm"
    )
    assert by.loc["search_lift", "title"] == "Back to School làm tăng tìm kiếm thương hiệu"
    assert by.loc["search_lift", "text"].startswith(
        "Trong thời gian chạy chiến dịch Back to School (01/09/2026 đến 14/09/2026), tìm kiếm "
        "thương hiệu trên Google mang về thêm "
    )


def test_search_findings_stay_silent_without_an_effect(rng):
    ws = _search_ws(rng, effect=0.0, gap=False, mover=False)
    found = insights.findings(ws, "Lumi", *SEP, rules=SEARCH_RULES)
    assert found.empty
    ads_only = Workspace(tables={"ads": _search_ws(rng).ads}, owner="Lumi")
    assert insights.findings(ads_only, "Lumi", *SEP, rules=SEARCH_RULES).empty


def test_the_samples_search_findings_are_its_planted_effects(found):
    from smmnb.sample.config import SEARCH_CTR_GAPS

    by = found.set_index("rule")
    assert by.loc["search_lift", "evidence"]["campaign"] == "Back to School"
    assert by.loc["search_lift", "evidence"]["measured"] == "branded clicks"
    assert by.loc["search_ctr_gap", "evidence"]["term"] in SEARCH_CTR_GAPS
    assert by.loc["search_movers", "evidence"]["term"] == "bánh trung thu 2026"  # Mid-Autumn
    assert by.loc["search_movers", "kind"] == "opportunity"


def test_search_findings_stay_out_of_a_report_filtered_to_social_platforms(rng):
    ws = _search_ws(rng)

    def on(platform: str) -> pd.DataFrame:
        ads = ws.ads.assign(platform=pd.Categorical([platform] * len(ws.ads)))
        scoped = replace(ws, tables={**ws.tables, "ads": ads})
        return insights.findings(scoped, "Lumi", *SEP, rules=SEARCH_RULES, platforms=[platform])

    assert on("tiktok").empty
    assert set(on("google")["rule"]) == set(SEARCH_RULES)
