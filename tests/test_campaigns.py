"""campaigns: scorecard, pacing, paid vs organic, creative tests, lift, influencers, web."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportions_ztest

import smmnb as smm
from smmnb import campaigns as C
from smmnb.workspace import Workspace


@pytest.fixture(scope="module")
def lumi(ws):
    return ws.filter(brand="Lumi")


def _ws(**tables) -> Workspace:
    return Workspace({k: smm.validate(pd.DataFrame(v), k) for k, v in tables.items()},
                     timezone="UTC")  # fmt: skip


def test_scorecard_by_hand_for_a_total_and_a_rate():
    days = pd.date_range("2026-01-01", "2026-01-30", freq="D")
    ads = {
        "date": days, "brand": "B", "platform": "facebook", "campaign": "c",
        "spend": 100.0, "impressions": 1_000, "clicks": [10] * 30, "conversions": 1.0,
    }  # fmt: skip
    targets = {
        "brand": "B", "kpi": ["clicks", "ctr", "cpa"], "target": [900.0, 0.012, 90.0],
        "period_start": "2026-01-01", "period_end": "2026-01-30",
        "direction": ["higher", "higher", "lower"],
    }  # fmt: skip
    sc = C.scorecard(_ws(ads=ads, targets=targets), as_of="2026-01-15").set_index("kpi")
    clicks = sc.loc["clicks"]
    assert clicks["elapsed"] == pytest.approx(0.5)
    assert clicks["actual"] == 150 and clicks["expected"] == pytest.approx(450)
    assert clicks["forecast"] == pytest.approx(150 + 10 * 15)  # steady 10 a day
    assert clicks["status"] == "off_track"  # even the interval (zero spread) misses 900
    ctr = sc.loc["ctr"]
    assert ctr["actual"] == pytest.approx(0.01)
    assert ctr["forecast_low"] < 0.01 < ctr["forecast_high"]
    assert ctr["status"] == "off_track"  # the Wilson interval of 150/15,000 stays below 1.2%
    cpa = sc.loc["cpa"]
    assert cpa["actual"] == pytest.approx(100.0) and cpa["status"] == "off_track"


def test_scorecard_followers_linear_pacing():
    days = pd.date_range("2026-01-01", "2026-01-31", freq="D")
    followers = {"date": days, "brand": "B", "platform": "tiktok",
                 "followers": 1_000 + 10 * np.arange(31)}  # fmt: skip
    targets = {"brand": "B", "kpi": "followers", "target": [1_620.0], "platform": "tiktok",
               "period_start": "2026-01-02", "period_end": "2026-02-01"}  # fmt: skip
    row = C.scorecard(_ws(followers=followers, targets=targets), as_of="2026-01-31").iloc[0]
    # start level is the day before the period (1,000), now 1,300, 30 of 31 days elapsed
    assert row["actual"] == 1_300
    assert row["expected"] == pytest.approx(1_000 + 620 * 30 / 31)
    assert row["forecast"] == pytest.approx(1_310)  # the trend carries on one more day
    assert row["status"] == "off_track"


def test_scorecard_on_sample_only_tiktok_followers_is_behind(lumi):
    sc = C.scorecard(lumi)
    behind = sc[sc["status"].isin(["at_risk", "off_track"])]
    assert behind[["kpi", "platform"]].values.tolist() == [["followers", "tiktok"]]
    net = sc[sc["kpi"] == "net_sentiment"].iloc[0]
    assert (
        net["status"] == "on_track" and net["forecast_low"] < net["actual"] < net["forecast_high"]
    )
    # independent: (positive - negative) / customer comments since the period start
    from smmnb.expectations import sentiment

    c = lumi.comments[~lumi.comments["author_is_brand"]]
    day = c["created_at"].dt.tz_convert(lumi.timezone).dt.tz_localize(None)
    c = c[day >= net["period_start"]]
    label = sentiment(c["text"])["label"]
    assert net["actual"] == pytest.approx(
        (label == "positive").mean() - (label == "negative").mean()
    )
    tiktok = sc[(sc["kpi"] == "followers") & (sc["platform"] == "tiktok")].iloc[0]
    assert tiktok["pace"] < 0.95 and tiktok["forecast_high"] < tiktok["target"]


def test_scorecard_net_sentiment_counts_only_comments_from_period_start_to_as_of():
    # Vietnamese time: 2026-01-31T20:00Z is already 1 February there, outside the period.
    comments = {
        "comment_id": ["before", "in1", "in2", "in3", "after", "late"],
        "brand": "B", "platform": "facebook", "author_is_brand": False,
        "created_at": ["2026-01-09T10:00:00Z", "2026-01-10T10:00:00Z", "2026-01-12T10:00:00Z",
                       "2026-01-15T16:59:00Z", "2026-01-15T17:00:00Z", "2026-01-31T20:00:00Z"],
        "text": ["ngon tuyệt vời", "giao hàng chậm quá", "tệ quá", "ngon tuyệt vời",
                 "ngon tuyệt vời", "ngon tuyệt vời"],
    }  # fmt: skip
    targets = {"brand": "B", "kpi": ["net_sentiment"], "target": [0.2],
               "period_start": "2026-01-10", "period_end": "2026-01-31"}  # fmt: skip
    ws = Workspace(
        {k: smm.validate(pd.DataFrame(v), k) for k, v in
         {"comments": comments, "targets": targets}.items()},
        timezone="Asia/Ho_Chi_Minh",
    )  # fmt: skip
    from smmnb.expectations import sentiment

    assert sentiment(comments["text"])["label"].tolist()[:4] == [
        "positive", "negative", "negative", "positive"
    ]  # fmt: skip
    # in1, in2 (negative) and in3 (positive; 23:59 local on the 15th) are in; "after" is the
    # 16th locally, after as_of
    row = C.scorecard(ws, as_of="2026-01-15").iloc[0]
    assert row["actual"] == pytest.approx((1 - 2) / 3)
    row = C.scorecard(ws, as_of="2026-01-31").iloc[0]
    assert row["actual"] == pytest.approx((2 - 2) / 4)


def test_budget_pacing_by_hand():
    days = pd.date_range("2026-01-01", "2026-01-10", freq="D")
    ads = {"date": days, "brand": "B", "platform": "zalo", "campaign": "c",
           "spend": 100.0, "impressions": 10}  # fmt: skip
    targets = {"brand": "B", "kpi": "spend", "target": [2_000.0], "direction": "lower",
               "period_start": "2026-01-01", "period_end": "2026-01-20"}  # fmt: skip
    row = C.budget_pacing(_ws(ads=ads, targets=targets), as_of="2026-01-10").iloc[0]
    assert row["spent"] == 1_000 and row["planned"] == pytest.approx(1_000)
    assert row["pace"] == pytest.approx(1.0)
    assert row["projected"] == pytest.approx(2_000) and row["days_left"] == pytest.approx(10)


def test_paid_vs_organic_never_sums_reach(lumi):
    table = C.paid_vs_organic(lumi.posts, lumi.ads)
    assert "reach" not in table.columns
    fb = table[(table["platform"] == "facebook")].set_index("type")
    organic = lumi.posts[(lumi.posts["platform"] == "facebook") & ~lumi.posts["paid"]]
    assert fb.loc["organic", "items"] == len(organic)
    assert fb.loc["organic", "mean_reach"] == pytest.approx(organic["reach"].mean())
    ads = lumi.ads[lumi.ads["platform"] == "facebook"]
    assert fb.loc["ads", "cpc"] == pytest.approx(ads["spend"].sum() / ads["clicks"].sum())


def test_creative_tests_match_statsmodels_and_find_the_planted_pair(lumi):
    tests = C.creative_tests(lumi.ads)
    pair = tests[(tests["ad_a"] == "CB Video A") & (tests["ad_b"] == "CB Video B")].iloc[0]
    ads = lumi.ads[lumi.ads["campaign"] == "Cold Brew Season"]
    by = ads.groupby("ad", observed=True)[["clicks", "impressions"]].sum()
    _z, p = proportions_ztest(
        [by.loc["CB Video B", "clicks"], by.loc["CB Video A", "clicks"]],
        [by.loc["CB Video B", "impressions"], by.loc["CB Video A", "impressions"]],
    )
    assert pair["p_value"] == pytest.approx(p, rel=1e-9)
    assert pair["significant"]
    null = tests[(tests["ad_a"] == "CB Static C") & (tests["ad_b"] == "CB Static D")]
    null = null if len(null) else tests[(tests["ad_a"] == "CB Static D")
                                        & (tests["ad_b"] == "CB Static C")]  # fmt: skip
    assert not null.iloc[0]["significant"]
    np.testing.assert_allclose(tests["p_holm"], multipletests(tests["p_value"], method="holm")[1])
    assert (tests["rate_a"] <= tests["rate_b"]).all()


def test_creative_rates_intervals(lumi):
    rates = C.creative_rates(lumi.ads)
    a = rates[(rates["group"] == "Cold Brew Season") & (rates["ad"] == "CB Video A")].iloc[0]
    assert a["low"] < a["rate"] < a["high"]
    assert a["rate"] == pytest.approx(a["successes"] / a["trials"])


def _simulated(rng, effect: float, days: int = 120, flight=(84, 104)):
    index = pd.date_range("2026-01-05", periods=days, freq="D")
    weekly = np.tile([0, 5, 5, 5, 5, 20, 25], days // 7 + 1)[:days]
    control = 200 + 0.5 * np.arange(days) + weekly + rng.normal(0, 8, days)
    y = 100 + 0.3 * np.arange(days) + 0.5 * control + weekly + rng.normal(0, 6, days)
    y[flight[0] : flight[1] + 1] += effect
    return pd.Series(y, index=index), pd.DataFrame({"control": control}, index=index), index


def test_lift_recovers_a_planted_effect(rng):
    series, controls, index = _simulated(rng, effect=30.0)
    r = C.lift(series, index[84], index[104], controls=controls)
    assert r.effect_low < 30 * 21 < r.effect_high
    assert r.significant and r.p_value < 1e-6
    assert r.daily["in_flight"].sum() == 21


def test_lift_interval_covers_zero_at_its_nominal_rate_under_the_null():
    rng = np.random.default_rng(11)
    covered = []
    for _ in range(300):
        series, controls, index = _simulated(rng, effect=0.0)
        r = C.lift(series, index[84], index[104], controls=controls)
        covered.append(r.effect_low <= 0 <= r.effect_high)
    assert 0.92 <= np.mean(covered) <= 0.98


def test_lift_finds_the_sample_flight(lumi):
    web = lumi.web_sessions
    groups = C.channel_group(web)
    social = web[(groups == "Organic Social").to_numpy()].groupby("date")["sessions"].sum()
    r = C.lift(social.astype(float), "2026-08-15", "2026-09-05", pre_days=56)
    assert r.significant and 0.3 < r.rel_effect < 0.8


def test_lift_rejects_short_pre_period():
    s = pd.Series(1.0, index=pd.date_range("2026-01-01", periods=30, freq="D"))
    with pytest.raises(ValueError, match="at least 28 days"):
        C.lift(s, "2026-01-20", "2026-01-25")


def test_influencers_by_hand_and_flag(lumi):
    inf = C.influencers(lumi.influencers).set_index("influencer")
    macro = inf.loc["Hà Linh Official"]
    assert macro["cpe"] == pytest.approx(120_000_000 / 3_700)
    assert macro["er_impressions"] == pytest.approx(3_700 / 920_000)
    assert macro["er_followers"] == pytest.approx(3_700 / 2_100_000)
    assert macro["check_audience"]
    micro = inf.loc["Mê Cà Phê Sài Gòn"]
    assert micro["cpe"] == pytest.approx(6_000_000 / 4_100) and not micro["check_audience"]
    assert inf.index[0] == "Mê Cà Phê Sài Gòn"  # cheapest engagement first
    assert inf["check_audience"].sum() == 1


def test_web_from_social(lumi):
    table = C.web_from_social(lumi)
    web = lumi.web_sessions
    groups = C.channel_group(web)
    social = web[groups.isin(["Organic Social", "Paid Social"]).to_numpy()]
    assert table["sessions"].sum() == social["sessions"].sum()
    assert table["share_of_all"].sum() == pytest.approx(
        social["sessions"].sum() / web["sessions"].sum()
    )
    bts = table[(table["source"] == "facebook") & (table["campaign"] == "back_to_school")].iloc[0]
    rows = web[(web["source"] == "facebook") & (web["campaign"] == "back_to_school")]
    assert bts["engaged_rate"] == pytest.approx(
        rows["engaged_sessions"].sum() / rows["sessions"].sum()
    )
