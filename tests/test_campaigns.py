"""campaigns: scorecard, pacing, paid vs organic, creative tests, lift, influencers, web."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint, proportions_ztest

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
    assert ctr["ci_low"] < 0.01 < ctr["ci_high"]
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


def test_scorecard_follower_forecast_is_the_growth_forecast(lumi):
    # One number: notebook 02's scorecard and notebook 03's audience growth (issue 15)
    from smmnb import trends

    sc = C.scorecard(lumi, as_of="2026-10-31")
    row = sc.query("kpi == 'followers' and platform == 'tiktok'").iloc[0]
    growth = trends.follower_growth(lumi.followers, horizon=61, as_of="2026-10-31")
    f = growth.forecast
    at = f[(f["platform"] == "tiktok") & (f["date"] == row["period_end"])].iloc[0]
    assert row["period_end"] == pd.Timestamp("2026-12-31")
    assert (row["forecast"], row["ci_low"], row["ci_high"]) == (
        at["forecast"], at["ci_low"], at["ci_high"]
    )  # fmt: skip
    assert round(row["forecast"]) == 111_822  # not the straight line's 110,922
    assert row["status"] == "off_track" and row["ci_high"] < row["target"]


def test_scorecard_follower_forecast_all_platforms_short_series_and_period_over():
    from smmnb.trends import follower_growth

    days = pd.date_range("2026-01-01", "2026-03-31", freq="D")
    rise = np.round(np.sin(np.arange(len(days)) / 3.0) * 25)  # not a line: a real interval
    followers = pd.DataFrame({
        "date": list(days) * 2, "brand": "B",
        "platform": ["tiktok"] * len(days) + ["zalo"] * len(days),
        "followers": np.r_[1_000 + 10 * np.arange(len(days)) + rise,
                           500 + 3 * np.arange(len(days)) - rise],
    })  # fmt: skip
    short = pd.DataFrame({"date": days[:20], "brand": "B", "platform": "youtube",
                          "followers": 100 + np.arange(20.0)})  # fmt: skip
    targets = {"brand": "B", "kpi": "followers", "target": [3_000.0, 300.0, 3_000.0],
               "platform": [None, "youtube", None],
               "period_start": ["2026-03-01", "2026-01-02", "2026-02-01"],
               "period_end": ["2026-04-30", "2026-02-28", "2026-02-28"]}  # fmt: skip
    ws = _ws(followers=pd.concat([followers, short]), targets=targets)
    sc = C.scorecard(ws, as_of="2026-03-31")
    # all platforms: the growth forecast of the summed counts (accounts, not people)
    summed = pd.concat([followers, short]).groupby("date", as_index=False)["followers"].sum()
    growth = follower_growth(summed.assign(brand="B", platform="all"), horizon=30,
                             as_of="2026-03-31")  # fmt: skip
    at = growth.forecast.set_index("date").loc[pd.Timestamp("2026-04-30")]
    row = sc.iloc[0]
    assert (row["forecast"], row["ci_low"], row["ci_high"]) == (
        at["forecast"], at["ci_low"], at["ci_high"]
    )  # fmt: skip
    assert row["ci_low"] < row["forecast"] < row["ci_high"]
    assert row["note"].startswith("followers summed over platforms")
    # 20 days of counts are too few for the growth model: no forecast, and the note says why
    youtube = sc.iloc[1]
    assert youtube["actual"] == 119 and np.isnan(youtube["forecast"])
    assert youtube["status"] == "no_data" and "28 needed" in youtube["note"]
    # a period already over: its last day is counted, not forecast
    over = sc.iloc[2]
    level = summed.set_index("date").loc["2026-02-28", "followers"]
    assert over["forecast"] == over["actual"] == pytest.approx(level)
    assert over["ci_low"] == over["ci_high"] == over["forecast"]


def test_customer_comments_all_or_top_level_only():
    from smmnb.expectations.comments import brand_replies, customer_comments

    comments = pd.DataFrame({
        "comment_id": ["a", "b", "c", "d", "e"],
        "author_is_brand": [False, True, False, None, True],
        "parent_id": [None, "a", "a", None, None],  # c: a customer answering in a thread
    })  # fmt: skip
    assert customer_comments(comments)["comment_id"].tolist() == ["a", "c", "d"]
    top = customer_comments(comments, top_level=True)
    assert top["comment_id"].tolist() == ["a", "d"]
    assert brand_replies(comments)["comment_id"].tolist() == ["b"]  # e answers nothing
    # a table without threads holds top-level rows only; mentions have no author_is_brand
    flat = comments.drop(columns="parent_id")
    assert customer_comments(flat, top_level=True)["comment_id"].tolist() == ["a", "c", "d"]
    assert brand_replies(flat).empty
    assert len(customer_comments(comments.drop(columns="author_is_brand"))) == 5


def test_scorecard_response_rate_and_net_sentiment_count_the_customers(lumi):
    sc = C.scorecard(lumi, as_of="2026-10-31").set_index("kpi")
    c = lumi.comments
    day = c["created_at"].dt.tz_convert(lumi.timezone).dt.tz_localize(None).dt.normalize()
    rate = sc.loc["response_rate"]
    in_period = (day >= rate["period_start"]) & (day <= pd.Timestamp("2026-10-31"))
    brand = c["author_is_brand"].fillna(False).astype(bool)
    # by hand: customers' top-level comments (not replies in a thread), answered by the brand
    asked = c[in_period & ~brand & c["parent_id"].isna()]
    answered = asked["comment_id"].isin(c.loc[brand, "parent_id"].dropna())
    assert rate["actual"] == pytest.approx(answered.mean())
    net = sc.loc["net_sentiment"]
    from smmnb.expectations import net_sentiment, sentiment, sentiment_model

    every = c[in_period & ~brand]  # net sentiment reads every customer comment
    model = sentiment_model("", lumi.settings)
    label = sentiment(every["text"], engine=model or "lexicon")["label"]
    assert net["actual"] == pytest.approx(net_sentiment(label))


def test_scorecard_response_rate_reads_top_level_comments_net_sentiment_all():
    comments = {
        "comment_id": ["q1", "q2", "r1", "t1"],
        "brand": "B", "platform": "facebook",
        "author_is_brand": [False, False, True, False],
        "parent_id": [None, None, "q1", "q1"],  # r1: the brand answers q1; t1: a customer too
        "created_at": ["2026-01-02T10:00:00Z", "2026-01-03T10:00:00Z",
                       "2026-01-02T11:00:00Z", "2026-01-04T10:00:00Z"],
        "text": ["ngon tuyệt vời", "tệ quá", "cảm ơn bạn", "tệ quá"],
    }  # fmt: skip
    targets = {"brand": "B", "kpi": ["response_rate", "net_sentiment"], "target": [0.5, 0.0],
               "period_start": "2026-01-01", "period_end": "2026-01-31"}  # fmt: skip
    sc = C.scorecard(_ws(comments=comments, targets=targets), as_of="2026-01-10")
    sc = sc.set_index("kpi")
    assert sc.loc["response_rate", "actual"] == 1 / 2  # q1 of q1, q2; t1 is not asked
    from smmnb.expectations import sentiment

    assert sentiment(comments["text"])["label"].tolist() == [
        "positive", "negative", "positive", "negative"
    ]  # fmt: skip
    assert sc.loc["net_sentiment", "actual"] == pytest.approx((1 - 2) / 3)  # q1, q2, t1


def test_scorecard_on_sample_tiktok_followers_are_off_track_and_net_sentiment_at_risk(lumi):
    sc = C.scorecard(lumi)
    behind = sc[sc["status"].isin(["at_risk", "off_track"])]
    assert behind[["kpi", "platform", "status"]].fillna("").values.tolist() == [
        ["followers", "tiktok", "off_track"],
        ["net_sentiment", "", "at_risk"],
    ]
    net = sc[sc["kpi"] == "net_sentiment"].iloc[0]
    # below the +5% target, but the target is inside its interval: at risk, not off track
    assert net["actual"] < net["target"]
    assert net["ci_low"] < net["target"] < net["ci_high"]
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
    assert tiktok["pace"] < 0.95 and tiktok["ci_high"] < tiktok["target"]


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


def test_paid_vs_organic_empty_is_typed(lumi):
    # No rows, but the columns and dtypes of a result from both tables (with a currency).
    full = C.paid_vs_organic(lumi.posts, lumi.ads.assign(currency="VND"))
    empty = C.paid_vs_organic(lumi.posts.iloc[:0], lumi.ads.iloc[:0])
    assert empty.empty and empty.dtypes.to_dict() == full.dtypes.to_dict()


def _ztest(x1, n1, x2, n2) -> float:
    """statsmodels' pooled two-proportion z-test: the independent reference."""
    return float(proportions_ztest([x1, x2], [n1, n2])[1])


def test_creative_tests_each_ad_against_the_rest_match_statsmodels(lumi):
    tests = C.creative_tests(lumi.ads)
    assert (tests["comparison"] == "rest").all() and (tests["versus"] == C.REST).all()
    by = lumi.ads.groupby(["campaign", "ad"], observed=True)[["clicks", "impressions"]].sum()
    by = by[by["impressions"] > 0]
    for r in tests.itertuples():
        group = by.loc[r.group]
        x, n = group.loc[r.ad, "clicks"], group.loc[r.ad, "impressions"]
        rx, rn = group["clicks"].sum() - x, group["impressions"].sum() - n
        assert (r.successes, r.trials, r.other_successes, r.other_trials) == (x, n, rx, rn)
        assert r.rate == pytest.approx(x / n) and r.other_rate == pytest.approx(rx / rn)
        assert r.p_value == pytest.approx(_ztest(x, n, rx, rn), rel=1e-9, abs=1e-300)
    # Holm over the distinct tests: in a campaign of two ads both rows are the same test
    two = tests.groupby("group")["ad"].transform("size") == 2
    family = pd.concat([tests[~two], tests[two].drop_duplicates("group")])
    expected = pd.Series(multipletests(family["p_value"], method="holm")[1], index=family.index)
    np.testing.assert_allclose(tests.loc[family.index, "p_holm"], expected)
    np.testing.assert_allclose(
        tests.loc[two, "p_holm"].to_numpy(),
        tests.loc[two, "group"].map(expected.groupby(family["group"]).first()).to_numpy(),
    )
    verdict = tests.set_index("ad")["verdict"]
    # the planted pair: Video B beats the rest of Cold Brew Season; the statics trail
    assert verdict["CB Video B"] == "better"
    assert verdict["CB Static C"] == "worse" and verdict["CB Static D"] == "worse"
    assert verdict["Mooncake Video"] == "no clear difference"
    # the columns of the former pairwise table still say the same (b is the ad)
    assert (tests["ad_b"] == tests["ad"]).all() and (tests["rate_a"] == tests["other_rate"]).all()


def test_creative_tests_too_few_to_test_is_listed_never_judged():
    ads = pd.DataFrame(
        {
            "campaign": "c",
            "ad": ["big A", "big B", "tiny", "no clicks"],
            "impressions": [100_000, 100_000, 150, 0],
            "clicks": [1_000, 1_500, 9, 0],
        }
    )
    tests = C.creative_tests(ads).set_index("ad")
    # tiny: expected clicks at the pooled rate 2,509 / 200,150 = 1.25% are 150 x 1.25% < 5
    assert tests.loc["tiny", "verdict"] == "too few to test"
    assert not tests.loc["tiny", "tested"] and np.isnan(tests.loc["tiny", "p_value"])
    assert not tests.loc["tiny", "significant"]
    assert tests.loc["no clicks", "verdict"] == "too few to test"
    assert tests.loc["big B", "verdict"] == "better" and tests.loc["big A", "verdict"] == "worse"
    # the family holds the two tested ads only
    p = [_ztest(1_500, 100_000, 1_009, 100_150), _ztest(1_000, 100_000, 1_509, 100_150)]
    np.testing.assert_allclose(
        tests.loc[["big B", "big A"], "p_holm"], multipletests(p, method="holm")[1]
    )
    # more successes than trials (view-through conversions) is no proportion to test
    odd = pd.DataFrame({"campaign": "c", "ad": ["a", "b"], "clicks": [10, 2_000],
                        "conversions": [30.0, 40.0]})  # fmt: skip
    assert (C.creative_tests(odd, metric="cvr")["verdict"] == "too few to test").all()


def test_creative_tests_best_pair_only_when_asked(lumi):
    assert not (C.creative_tests(lumi.ads)["comparison"] == "pair").any()
    tests = C.creative_tests(lumi.ads, best_pair=True)
    pairs = tests[tests["comparison"] == "pair"]
    assert pairs["group"].tolist() == ["Cold Brew Season"]  # the one campaign of 3+ ads
    pair = pairs.iloc[0]
    by = (
        lumi.ads[lumi.ads["campaign"] == "Cold Brew Season"]
        .groupby("ad", observed=True)[["clicks", "impressions"]]
        .sum()
    )
    first, second = by["impressions"].sort_values(ascending=False).index[:2]
    assert (pair["ad"], pair["versus"]) == (first, second)
    assert pair["p_value"] == pytest.approx(
        _ztest(*by.loc[first].tolist(), *by.loc[second].tolist()), abs=1e-300
    )
    # one more comparison in the family: Holm is stricter on the rest comparisons
    alone = C.creative_tests(lumi.ads).set_index("ad")
    rest = tests[tests["comparison"] == "rest"].set_index("ad")
    assert (rest["p_holm"] >= alone.loc[rest.index, "p_holm"]).all()


def test_creative_tests_thousand_ads_in_one_campaign_fast(rng):
    import time

    n = 1_000
    ads = pd.DataFrame({"campaign": "big", "ad": [f"ad {i}" for i in range(n)] * 10,
                        "impressions": rng.integers(0, 5_000, n * 10)})  # fmt: skip
    ads["clicks"] = rng.binomial(ads["impressions"], 0.01)
    start = time.perf_counter()
    tests = C.creative_tests(ads)
    assert time.perf_counter() - start < 1.0
    assert len(tests) == n  # one row per ad, not n (n - 1) / 2 pairs
    # every ad drawn from the same rate: Holm keeps false winners rare
    assert (tests["verdict"] == "better").sum() <= 2


def test_creative_rates_intervals(lumi):
    rates = C.creative_rates(lumi.ads)
    a = rates[(rates["group"] == "Cold Brew Season") & (rates["ad"] == "CB Video A")].iloc[0]
    assert a["rate"] == pytest.approx(a["successes"] / a["trials"])
    # every ad's interval is the 95% Wilson interval of its pooled counts (statsmodels)
    low, high = proportion_confint(rates["successes"], rates["trials"], method="wilson")
    np.testing.assert_allclose(rates["ci_low"], low, rtol=1e-10)
    np.testing.assert_allclose(rates["ci_high"], high, rtol=1e-10)
    assert (rates["ci_low"] < rates["rate"]).all() and (rates["rate"] < rates["ci_high"]).all()


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
    assert r.ci_low < 30 * 21 < r.ci_high
    assert r.significant and r.p_value < 1e-6
    assert r.daily["in_flight"].sum() == 21


def test_lift_interval_covers_zero_at_its_nominal_rate_under_the_null():
    rng = np.random.default_rng(11)
    covered = []
    for _ in range(300):
        series, controls, index = _simulated(rng, effect=0.0)
        r = C.lift(series, index[84], index[104], controls=controls)
        covered.append(r.ci_low <= 0 <= r.ci_high)
    assert 0.92 <= np.mean(covered) <= 0.98


def test_lift_finds_the_sample_flight(lumi):
    web = lumi.web_sessions
    groups = C.channel_group(web)
    social = web[(groups == "Organic Social").to_numpy()].groupby("date")["sessions"].sum()
    r = C.lift(social.astype(float), "2026-08-15", "2026-09-05", pre_days=56)
    assert r.significant and 0.3 < r.rel_change < 0.8


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


# --------------------------------------------------------------------------------------------
# issue 12: filters, direction, currencies, missing data


def test_scorecard_under_a_platform_filter_never_paces_all_platform_targets(lumi):
    tiktok = lumi.filter(platforms=["tiktok"])
    sc = C.scorecard(tiktok, as_of="2026-10-31", platforms=["tiktok"])
    everywhere = sc[sc["platform"].isna()]
    assert len(everywhere) == (lumi.targets["platform"].isna()).sum()
    assert (everywhere["status"] == "not_paced").all()
    assert (everywhere["note"] == C.ALL_PLATFORMS_NOTE).all()
    assert everywhere[["actual", "expected", "pace", "forecast"]].isna().all().all()
    # TikTok's own target is scored on TikTok's followers, as without the filter
    mine = sc[sc["platform"] == "tiktok"].iloc[0]
    whole = C.scorecard(lumi, as_of="2026-10-31").query("platform == 'tiktok'").iloc[0]
    assert mine["actual"] == whole["actual"] and mine["status"] == whole["status"] == "off_track"
    # without a filter the all-platform spend target is paced on all the spend
    spend = C.scorecard(lumi, as_of="2026-10-31").query("kpi == 'spend'").iloc[0]
    ads = lumi.ads
    upto = ads[(ads["date"] >= "2026-07-01") & (ads["date"] <= "2026-10-31")]
    assert spend["actual"] == pytest.approx(upto["spend"].sum())


def test_budget_pacing_under_a_platform_filter_is_not_the_617_percent_of_tiktok(lumi):
    row = C.budget_pacing(lumi.filter(platforms=["tiktok"]), as_of="2026-10-31",
                          platforms=["tiktok"]).iloc[0]  # fmt: skip
    assert row["note"] == C.ALL_PLATFORMS_NOTE
    assert np.isnan(row["spent"]) and np.isnan(row["pace"]) and np.isnan(row["projected"])
    whole = C.budget_pacing(lumi, as_of="2026-10-31").iloc[0]
    assert whole["note"] == "" and whole["spent"] == pytest.approx(1_347_274_100)


def test_scorecard_overspend_is_off_track_with_a_positive_gap(lumi):
    spend = C.scorecard(lumi, as_of="2026-09-30").query("kpi == 'spend'").iloc[0]
    # 1,072,261,000 spent in 92 days; the mean of the last 28 days over the 92 days left
    ads = lumi.ads
    days = ads[(ads["date"] >= "2026-07-01") & (ads["date"] <= "2026-09-30")]
    daily = (
        days.groupby("date")["spend"]
        .sum()
        .reindex(pd.date_range("2026-07-01", "2026-09-30"), fill_value=0)
    )
    forecast = daily.sum() + daily.iloc[-28:].mean() * 92
    assert spend["forecast"] == pytest.approx(forecast)
    assert spend["direction"] == "lower" and spend["status"] == "off_track"
    assert spend["gap"] == pytest.approx(forecast - 2_173_000_000) and spend["gap"] > 0
    pacing = C.budget_pacing(lumi, as_of="2026-09-30").iloc[0]
    assert pacing["over"] == pytest.approx(pacing["projected"] - 2_173_000_000)
    assert pacing["over"] > 0
    # a higher-is-better KPI behind its target also has a positive gap
    tiktok = C.scorecard(lumi, as_of="2026-09-30").query("platform == 'tiktok'").iloc[0]
    assert tiktok["gap"] == pytest.approx(tiktok["target"] - tiktok["forecast"])
    assert tiktok["gap"] > 0


def _money_ws(currencies: list[str]) -> Workspace:
    days = pd.date_range("2026-01-01", "2026-01-10", freq="D")
    ads = {"date": list(days) * len(currencies), "brand": "B", "platform": "facebook",
           "campaign": "c", "spend": 100.0, "impressions": 10_000, "clicks": 100,
           "conversions": 2.0, "revenue": 300.0, "ad": [c for c in currencies for _ in days],
           "currency": [c for c in currencies for _ in days]}  # fmt: skip
    targets = {"brand": "B", "kpi": ["spend", "cpa", "roas", "clicks"],
               "target": [5_000.0, 40.0, 2.0, 900.0], "period_start": "2026-01-01",
               "period_end": "2026-01-20"}  # fmt: skip
    return Workspace(
        {k: smm.validate(pd.DataFrame(v), k) for k, v in {"ads": ads, "targets": targets}.items()},
        timezone="UTC", currency="VND",
    )  # fmt: skip


def test_money_targets_are_not_paced_on_ads_in_another_currency():
    sc = C.scorecard(_money_ws(["USD"]), as_of="2026-01-10").set_index("kpi")
    assert sc.loc["spend", "status"] == sc.loc["cpa", "status"] == "not_paced"
    assert "USD" in sc.loc["spend", "note"] and "VND" in sc.loc["spend", "note"]
    assert sc.loc["roas", "actual"] == pytest.approx(3.0)  # a ratio: the same in any currency
    assert sc.loc["clicks", "actual"] == 1_000
    mixed = C.scorecard(_money_ws(["USD", "VND"]), as_of="2026-01-10").set_index("kpi")
    assert (mixed.loc[["spend", "cpa", "roas"], "status"] == "not_paced").all()
    assert mixed.loc["clicks", "actual"] == 2_000  # counts add up across currencies
    pacing = C.budget_pacing(_money_ws(["USD", "VND"]), as_of="2026-01-10").iloc[0]
    assert np.isnan(pacing["spent"]) and "no exchange rate is given" in pacing["note"]
    same = C.budget_pacing(_money_ws(["VND"]), as_of="2026-01-10").iloc[0]
    assert same["spent"] == 1_000 and same["note"] == ""


def test_scorecard_and_budget_say_what_is_missing():
    from smmnb.errors import InsufficientData

    ws = Workspace({}, timezone="UTC").filter()
    with pytest.raises(InsufficientData, match="^Scoring KPIs against targets needs KPI targets"):
        C.scorecard(ws)
    with pytest.raises(InsufficientData, match="^Budget pacing needs a spend target"):
        C.budget_pacing(ws)


def test_paid_vs_organic_keeps_currencies_apart():
    ws = _money_ws(["USD", "VND"])
    table = C.paid_vs_organic(ws.posts, ws.ads).set_index("currency")
    assert table.loc["USD", "spend"] == 1_000 and table.loc["VND", "spend"] == 1_000
    assert (table["items"] == 10).all()


def test_campaign_lift_default_is_the_biggest_spender_with_web_sessions_around_it(lumi):
    cl = C.campaign_lift(lumi, start="2026-08-03", end="2026-10-31")
    # Cold Brew Season spent most in the period; its flight has web sessions around it
    assert cl.campaign == "Cold Brew Season"
    assert (cl.first, cl.last) == (pd.Timestamp("2026-08-03"), pd.Timestamp("2026-09-27"))
    # Back to School and Mid-Autumn Mooncake started inside the fitted window; always-on
    # search did not
    assert cl.overlapping == ("Back to School", "Mid-Autumn Mooncake")
    bts = C.campaign_lift(lumi, "Back to School")
    assert bts.result.significant and 0.3 < bts.result.rel_change < 0.8
    # Search - Brand runs from the first day of the web data: no pre-period, never chosen
    only_search = lumi.filter(platforms=["google"])
    from smmnb.errors import InsufficientData

    with pytest.raises(InsufficientData, match="at least 28 days before"):
        C.campaign_lift(only_search, platforms=["google"])


def test_campaign_lift_of_an_absent_campaign_is_one_sentence(lumi):
    from smmnb.errors import InsufficientData

    with pytest.raises(InsufficientData) as info:
        C.campaign_lift(lumi, "Tet Promo")
    message = str(info.value)
    assert message.startswith("The lift of Tet Promo on web traffic needs ads of Tet Promo")
    assert "Back to School" in message and message.count(".") == 1


def test_web_from_social_under_a_platform_filter(lumi):
    tiktok = C.web_from_social(lumi, platforms=["tiktok"])
    assert set(tiktok["source"]) == {"tiktok"} and (tiktok["platform"] == "tiktok").all()
    web = lumi.web_sessions
    assert tiktok["share_of_all"].sum() == pytest.approx(
        web.loc[(web["source"] == "tiktok").to_numpy(), "sessions"].sum() / web["sessions"].sum()
    )
    assert C.source_platform(pd.DataFrame({"source": ["m.facebook.com", "t.co", "(direct)"]}))\
        .tolist() == ["facebook", "x", ""]  # fmt: skip


def test_funnel_adds_counts_never_money():
    f = C.funnel(_money_ws(["USD", "VND"]).ads)
    assert "spend" not in f.columns
    row = f.iloc[0]
    assert row["clicks"] == 2_000 and row["ctr"] == pytest.approx(0.01)
    assert row["cvr"] == pytest.approx(40 / 2_000)


def test_channel_group_keeps_the_group_ga4_named():
    from smmnb.campaigns import channel_group

    web = pd.DataFrame(
        {
            "source": ["Organic Social", "(direct)", "facebook"],
            "medium": ["(channel group)", "(none)", "cpc"],
            "channel_group": ["Organic Social", None, None],
        }  # fmt: skip
    )
    assert channel_group(web).tolist() == ["Organic Social", "Direct", "Paid Social"]
