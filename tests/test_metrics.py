"""metrics: KPI formulas against hand computations, pooled ratios, honest reach."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from smmnb import metrics


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


def test_period_over_period_significance():
    rows = pd.DataFrame(
        {
            "date": pd.to_datetime(["2026-09-01", "2026-09-08", "2026-09-15"]),
            "spend": [1.0, 1.0, 1.0],
            "impressions": [100_000, 100_000, 100_000],
            "clicks": [1_000, 1_020, 1_300],
        }
    )
    pop = metrics.period_over_period(rows, "ctr", freq="W")
    assert pop["significant"].tolist()[1:] == [False, True]
    from statsmodels.stats.proportion import proportions_ztest

    assert pop.loc[2, "p_value"] == pytest.approx(
        proportions_ztest([1_300, 1_020], [100_000, 100_000])[1]
    )


def test_period_over_period_skips_the_test_for_rates_above_one():
    rows = pd.DataFrame(
        {
            "published_at": pd.to_datetime(["2026-09-01", "2026-09-08"], utc=True),
            "reactions": pd.array([150, 40], dtype="Int64"),
            "reach": pd.array([100, 100], dtype="Int64"),
        }
    )
    pop = metrics.period_over_period(rows, "er_reach", freq="W")
    assert pop["value"].tolist() == [1.5, 0.4]
    assert np.isnan(pop.loc[1, "p_value"]) and pd.isna(pop.loc[1, "significant"])


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
