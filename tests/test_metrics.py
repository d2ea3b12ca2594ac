"""metrics: KPI formulas against hand computations, pooled ratios, honest reach."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats as st

from smmnb import metrics, stats


@pytest.fixture
def ads():
    return pd.DataFrame(
        {
            "date": pd.to_datetime(["2026-09-01", "2026-09-01", "2026-09-02", "2026-09-08"]),
            "campaign": pd.Categorical(["a", "b", "a", "a"]),
            "platform": pd.Categorical(["facebook", "tiktok", "facebook", "facebook"]),
            "spend": [100.0, 50.0, 300.0, 0.0],
            "impressions": pd.array([10_000, 5_000, 20_000, 0], dtype="Int64"),
            "reach": pd.array([8_000, 4_000, 15_000, 0], dtype="Int64"),
            "clicks": pd.array([100, 0, 300, 0], dtype="Int64"),
            "conversions": [5.0, 0.0, 10.0, 0.0],
            "revenue": [1_000.0, 0.0, 900.0, 0.0],
        }
    )


def test_pooled_ads_kpis_by_hand(ads):
    k = metrics.kpis(ads, by=["campaign"]).set_index("campaign")
    a = k.loc["a"]
    assert a["spend"] == 400 and a["impressions"] == 30_000 and a["clicks"] == 400
    assert a["ctr"] == pytest.approx(400 / 30_000)  # pooled, not the mean of 1% and 1.5%
    assert a["cpc"] == pytest.approx(1.0)
    assert a["cpm"] == pytest.approx(1000 * 400 / 30_000)
    assert a["cvr"] == pytest.approx(15 / 400)
    assert a["cpa"] == pytest.approx(400 / 15)
    assert a["roas"] == pytest.approx(1900 / 400)
    assert a["roi"] == pytest.approx((1900 - 400) / 400)
    b = k.loc["b"]
    assert np.isnan(b["cpc"]) and np.isnan(b["cpa"]) and np.isnan(b["cvr"])  # never inf
    assert "reach" not in k.columns  # reach is not summed across days and ads


def test_overall_row_and_unknown_group_column(ads):
    k = metrics.kpis(ads)
    assert len(k) == 1 and k.loc[0, "spend"] == 450
    with pytest.raises(ValueError, match="not in the frame"):
        metrics.kpis(ads, by=["ad"])


def test_engagements_skip_unreported_components():
    posts = pd.DataFrame(
        {
            "reactions": pd.array([10, 5, None], dtype="Int64"),
            "comments": pd.array([2, 1, None], dtype="Int64"),
            "shares": pd.array([1, None, None], dtype="Int64"),
            "saves": pd.array([None, 3, None], dtype="Int64"),
        }
    )
    assert metrics.engagements(posts).tolist() == [13, 9, pd.NA]


def test_posts_rates_pool_only_posts_with_both_parts():
    posts = pd.DataFrame(
        {
            "published_at": pd.to_datetime(["2026-09-01", "2026-09-02", "2026-09-03"], utc=True),
            "platform": ["facebook", "facebook", "instagram"],
            "reactions": pd.array([90, 40, 10], dtype="Int64"),
            "comments": pd.array([10, 10, 0], dtype="Int64"),
            "reach": pd.array([1_000, None, 500], dtype="Int64"),
            "impressions": pd.array([2_000, 1_000, 600], dtype="Int64"),
            "followers": pd.array([10_000, 10_000, 5_000], dtype="Int64"),
        }
    )
    k = metrics.kpis(posts, by=["platform"]).set_index("platform")
    fb = k.loc["facebook"]
    assert fb["posts"] == 2 and fb["engagements"] == 150
    assert fb["er_reach"] == pytest.approx(100 / 1_000)  # the post without reach is left out
    assert fb["er_impressions"] == pytest.approx(150 / 3_000)
    assert fb["er_followers"] == pytest.approx(150 / 20_000)
    assert "reach" not in k.columns


def test_ratio_never_inf():
    assert np.isnan(metrics.ratio(1, 0))
    out = metrics.ratio(pd.Series([1.0, 2.0]), pd.Series([0, 4]))
    assert np.isnan(out[0]) and out[1] == 0.5


def test_period_over_period_with_test(ads):
    pop = metrics.period_over_period(ads, "ctr", freq="W")
    assert pop["period"].tolist() == [pd.Timestamp("2026-08-31"), pd.Timestamp("2026-09-07")]
    assert pop.loc[0, "value"] == pytest.approx(400 / 35_000)
    assert np.isnan(pop.loc[1, "value"])  # no impressions that week
    spend = metrics.period_over_period(ads, "spend", freq="D")
    assert spend["value"].tolist() == [150, 300, 0]
    assert spend["change"].tolist()[1:] == [150, -300]
    assert spend["rel_change"].tolist()[1] == pytest.approx(1.0)


def test_period_over_period_tests_ads_over_days():
    # three weeks of ads; the units of the test are the days (all ads of a day summed)
    days = ["2026-08-31", "2026-09-01", "2026-09-02", "2026-09-07", "2026-09-08", "2026-09-09",
            "2026-09-14", "2026-09-15", "2026-09-16", "2026-09-16"]  # fmt: skip
    rows = pd.DataFrame(
        {
            "date": pd.to_datetime(days),
            "spend": 1.0,
            "impressions": [10_000, 12_000, 9_000, 11_000, 10_000, 12_000, 10_000, 9_000, 6_000,
                            5_000],
            "clicks": [100, 130, 85, 118, 96, 125, 150, 140, 80, 90],
        }
    )  # fmt: skip
    pop = metrics.period_over_period(rows, "ctr", freq="W", tz="UTC")
    assert pop["units"].tolist() == [3, 3, 3]  # two ads on 16 Sep are one day
    assert pop["significant"].tolist()[1:] == [False, True]
    day = rows.groupby("date")[["clicks", "impressions"]].sum()
    week2, week3 = day.iloc[3:6], day.iloc[6:9]
    test = stats.ratio_change_test(week2["clicks"], week2["impressions"], week3["clicks"],
                                   week3["impressions"])  # fmt: skip
    assert pop.loc[2, "p_value"] == pytest.approx(test.p_value)
    assert (pop.loc[2, "ci_low"], pop.loc[2, "ci_high"]) == (
        pytest.approx(test.ci_low),
        pytest.approx(test.ci_high),
    )
    # the impression-level z-test would call the second change far more certain
    from statsmodels.stats.proportion import proportions_ztest

    assert proportions_ztest([460, 339], [30_000, 33_000])[1] < test.p_value / 100
    daily = metrics.period_over_period(rows, "ctr", freq="D", tz="UTC")  # units: ad rows
    assert daily["units"].tolist() == [1] * 8 + [2]
    assert daily["p_value"].isna().all()  # one unit on a side cannot be tested


def test_period_over_period_tests_rates_above_one_over_posts():
    rows = pd.DataFrame(
        {
            "published_at": pd.to_datetime(
                ["2026-09-01", "2026-09-02", "2026-09-08", "2026-09-09", "2026-09-15"], utc=True
            ),
            "reactions": pd.array([150, 130, 40, 60, 20], dtype="Int64"),
            "reach": pd.array([100, 100, 100, 100, 100], dtype="Int64"),
        }
    )
    pop = metrics.period_over_period(rows, "er_reach", freq="W", tz="UTC")
    assert pop["value"].tolist() == [1.4, 0.5, 0.2]  # engagements can outnumber people
    welch = st.ttest_ind([0.4, 0.6], [1.5, 1.3], equal_var=False)
    assert pop.loc[1, "p_value"] == pytest.approx(welch.pvalue)
    assert np.isnan(pop.loc[2, "p_value"]) and pd.isna(pop.loc[2, "significant"])  # one post


def test_posts_kpis_ignore_a_platform_engagements_column_and_extra_date():
    posts = pd.DataFrame(
        {
            "published_at": pd.to_datetime(["2026-09-01", "2026-09-08"], utc=True),
            "date": pd.to_datetime([None, "2026-01-01"]),  # an export's own extra column
            "reactions": pd.array([90, 40], dtype="Int64"),
            "reach": pd.array([1_000, 1_000], dtype="Int64"),
            "engagements": [5_000, 5_000],  # X counts clicks and profile visits too
        }
    )
    assert metrics.kpis(posts)["er_reach"].iloc[0] == pytest.approx(130 / 2_000)
    pop = metrics.period_over_period(posts, "er_reach", freq="W")
    assert pop["value"].tolist() == pytest.approx([0.09, 0.04])


# --------------------------------------------------------------------------------------------
# money in several currencies (issue 12: never add amounts of different currencies)


@pytest.fixture
def mixed_ads():
    ads = pd.DataFrame(
        {
            "campaign": ["a", "a", "b", "b", "b"],
            "currency": ["USD", "VND", "USD", None, "VND"],
            "spend": [10.0, 250_000.0, 30.0, 100_000.0, 50_000.0],
            "impressions": [1_000, 2_000, 3_000, 4_000, 5_000],
            "clicks": [10, 20, 30, 40, 50],
            "conversions": [1.0, 2.0, 3.0, 4.0, 5.0],
            "revenue": [40.0, 500_000.0, 15.0, 0.0, 200_000.0],
        }
    )
    ads.attrs["currency"] = "VND"  # rows without a currency are in the reporting currency
    return ads


def test_kpis_sum_and_divide_money_per_currency(mixed_ads):
    k = metrics.kpis(mixed_ads).set_index("currency")
    assert sorted(k.index) == ["USD", "VND"]
    usd, vnd = k.loc["USD"], k.loc["VND"]
    assert usd["spend"] == 40 and vnd["spend"] == 400_000  # 250k + 100k (no code) + 50k
    assert usd["cpa"] == pytest.approx(40 / 4) and vnd["cpa"] == pytest.approx(400_000 / 11)
    assert usd["roas"] == pytest.approx(55 / 40) and vnd["roas"] == pytest.approx(700_000 / 400_000)
    assert usd["cpc"] == pytest.approx(40 / 40)
    assert vnd["cpm"] == pytest.approx(1000 * 400_000 / 11_000)
    assert usd["impressions"] == 4_000 and vnd["impressions"] == 11_000
    # no figure anywhere is the sum across currencies
    assert 400_040 not in set(k["spend"])


def test_kpis_by_group_and_currency(mixed_ads):
    k = metrics.kpis(mixed_ads, by=["campaign"]).set_index(["campaign", "currency"])
    assert k.loc[("a", "USD"), "spend"] == 10 and k.loc[("a", "VND"), "spend"] == 250_000
    assert k.loc[("b", "VND"), "spend"] == 150_000 and k.loc[("b", "USD"), "roas"] == 0.5
    assert len(k) == 4


def test_kpis_one_currency_keeps_its_shape_unless_asked(ads, mixed_ads):
    assert "currency" not in metrics.kpis(ads).columns
    usd = mixed_ads[mixed_ads["currency"] == "USD"]
    assert "currency" not in metrics.kpis(usd).columns
    k = metrics.kpis(usd, by_currency=True)
    assert k["currency"].tolist() == ["USD"] and k.loc[0, "spend"] == 40
    ads.attrs["currency"] = "JPY"  # no column: the frame's own currency
    assert metrics.kpis(ads, by_currency=True)["currency"].tolist() == ["JPY"]


def test_period_over_period_refuses_money_across_currencies(mixed_ads):
    ads = mixed_ads.assign(date=pd.to_datetime(["2026-09-01", "2026-09-01", "2026-09-08",
                                                "2026-09-08", "2026-09-08"]))  # fmt: skip
    with pytest.raises(ValueError, match="across currencies"):
        metrics.period_over_period(ads, "spend", freq="W")
    ctr = metrics.period_over_period(ads, "ctr", freq="W")  # clicks and impressions add up
    assert ctr["value"].tolist() == pytest.approx([30 / 3_000, 120 / 12_000])
