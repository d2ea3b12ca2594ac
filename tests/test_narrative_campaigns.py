"""narrative.campaigns: the sentences of notebook 02 never lie (issue 12)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from smmnb import campaigns as C
from smmnb.narrative import campaigns as say

NAN = re.compile(r"\bnan\b|\binf\b|NaN", re.IGNORECASE)


@pytest.fixture(scope="module")
def lumi(ws):
    return ws.filter(brand="Lumi")


def _clean(text: str) -> str:
    assert not NAN.search(text), text
    return text


def test_overspend_advice_slows_spend_and_names_all_platforms(lumi):
    # end = 2026-09-30: the budget is heading about 628 million over
    sc = C.scorecard(lumi, as_of="2026-09-30")
    text = _clean(say.recommendations(scorecard=sc, as_of="2026-09-30", currency="VND"))
    spend = next(line for line in text.splitlines() if "spend" in line.lower())
    assert spend.startswith(
        "4. Rein in spend on all platforms: it is heading for 2,800,697,857 VND"
    )
    assert "about 627,697,857 VND over" in spend
    # what is left (2,173,000,000 - 1,072,261,000) over the 92 days to 31 Dec
    assert f"about {(2_173_000_000 - 1_072_261_000) / 92:,.0f} VND a day" in spend
    assert "short" not in spend and "add content" not in spend and "-627" not in text
    # higher-is-better totals behind their target are told to close the gap
    assert "Close the followers gap on TikTok" in text


def test_scorecard_summary_under_a_filter_says_targets_are_not_paced(lumi):
    tiktok = lumi.filter(platforms=["tiktok"])
    sc = C.scorecard(tiktok, as_of="2026-10-31", platforms=["tiktok"])
    text = _clean(say.scorecard_summary(sc, "2026-10-31", "VND", ["tiktok"]))
    assert text.startswith("**The one scored target is not on track** on 31 Oct 2026.")
    assert "13 targets set for all platforms" in text
    assert "are listed but not paced: the data of TikTok alone are only part" in text
    assert "617%" not in text and "spend (all platforms) is" not in text
    pacing = C.budget_pacing(tiktok, as_of="2026-10-31", platforms=["tiktok"])
    budget = _clean(say.budget_summary(pacing, "2026-10-31", "VND", ["tiktok"]))
    assert budget == (
        "The budget of 2,173,000,000 VND (01 Jul 2026 to 31 Dec 2026) covers all platforms: "
        "it is not paced against the spend on TikTok alone."
    )
    # nothing to recommend about the all-platform budget under the filter
    recs = say.recommendations(scorecard=sc, as_of="2026-10-31", currency="VND")
    assert "spend" not in recs.lower()


def test_budget_summary_directions(lumi):
    over = C.budget_pacing(lumi, as_of="2026-09-30")
    text = _clean(say.budget_summary(over, "2026-09-30", "VND"))
    r = over.iloc[0]
    assert f"{r['over']:,.0f} VND over budget" in text
    assert f"runs out in {r['days_left']:.0f} days" in text
    under = C.budget_pacing(lumi, as_of="2026-10-31")
    assert "within budget (74,984,957 VND left)" in say.budget_summary(under, "2026-10-31", "VND")


def test_funnel_never_compares_a_platform_with_itself():
    one = pd.DataFrame({"platform": ["tiktok"], "ctr": [0.012], "cvr": [0.018]})
    text = _clean(say.funnel_summary(one))
    assert "highest" not in text and "lowest" not in text and "smallest" not in text
    assert (
        text
        == "On TikTok, 1.20% of impressions were clicked (CTR) and 1.8% of clicks converted (CVR)."
    )
    two = pd.DataFrame({"platform": ["tiktok", "zalo"], "ctr": [0.012, np.nan],
                        "cvr": [0.018, 0.047]})  # fmt: skip
    text = _clean(say.funnel_summary(two))
    assert "highest CTR" not in text  # only one platform has a CTR
    assert "**TikTok** converts the smallest share" in text


def test_influencers_times_as_much_only_between_two_influencers():
    base = {"platform": "tiktok", "campaign": ["a", "b"], "tier": "micro",
            "followers": pd.array([10_000, 10_000], dtype="Int64"), "er_impressions": 0.05,
            "check_audience": False}  # fmt: skip
    same = pd.DataFrame({**base, "influencer": ["Linh", "Linh"], "cpe": [1_000.0, 3_000.0]})
    text = _clean(say.influencer_summary(same, "VND"))
    assert "as much" not in text
    other = pd.DataFrame({**base, "influencer": ["Linh", "Mai"], "cpe": [1_000.0, 3_000.0]})
    assert "3x as much" in say.influencer_summary(other, "VND")
    unpriced = other.assign(cpe=np.nan, followers=pd.array([None, None], dtype="Int64"))
    assert _clean(say.influencer_summary(unpriced, "VND")).startswith(
        "Cost per engagement is not measurable"
    )


def test_spend_summary_per_currency_never_adds_them():
    from smmnb.metrics import kpis

    ads = pd.DataFrame(
        {"campaign": ["a", "b", "a"], "platform": ["facebook", "tiktok", "tiktok"],
         "currency": ["USD", "USD", "VND"], "spend": [120.5, 30.0, 2_500_000.0],
         "impressions": [10_000, 5_000, 20_000], "clicks": [100, 50, 200],
         "conversions": [4.0, 1.0, 10.0], "revenue": [np.nan, np.nan, 5_000_000.0]}
    )  # fmt: skip
    lines = kpis(ads, by=["campaign", "platform"], by_currency=True)
    text = _clean(say.spend_summary(kpis(ads, by_currency=True), lines, "United", "USD"))
    assert "In USD, United spent **150 USD** for 5 conversions: CPA 30.10 USD." in text
    assert "ROAS is not measurable: the ads report no revenue." in text
    assert "In VND, United spent **2,500,000 VND** for 10 conversions" in text
    assert "2,500,150" not in text
    # one line per currency: no "cheapest" comparison of a line with itself in VND
    assert text.count("cheapest") == 1


def test_money_note(lumi):
    assert say.money_note(lumi) == ""
    mixed = lumi.filter()
    mixed.tables["ads"] = lumi.ads.assign(currency=["USD"] * 10 + ["VND"] * (len(lumi.ads) - 10))
    assert say.money_note(mixed) == (
        "Money is shown per currency: the ads are in USD and VND and the folder gives no "
        "exchange rate between them (fx in smmnb.yml), so amounts in different currencies "
        "are never added."
    )
    mixed.money_notes = ["12 ad rows in USD converted at 25,400 VND per USD"]
    assert say.money_note(mixed).startswith(
        "Money is in VND: 12 ad rows in USD converted at 25,400 VND per USD (exchange rates"
    )


def test_creative_summary_lists_small_ads_and_never_recommends_them():
    ads = pd.DataFrame({"campaign": "c", "ad": ["big A", "big B", "tiny"],
                        "impressions": [100_000, 100_000, 150],
                        "clicks": [1_000, 1_500, 60]})  # fmt: skip
    tests = C.creative_tests(ads)
    text = _clean(say.creative_summary(tests, "CTR"))
    assert text.startswith("**2 of 2 ads tested differ from the other ads of their campaign**")
    assert "big B in c does better: CTR 1.50%" in text
    assert "1 ad had too few impressions or clicks to test (tiny (c)): they are not judged." in text
    recs = say.recommendations(tests=tests, metric="CTR")
    assert "towards big B" in recs and "tiny" not in recs  # tiny's 40% CTR is not a winner


def test_lift_summary_credits_a_campaign_only_when_it_ran_alone(lumi):
    cl = C.campaign_lift(lumi, start="2026-08-03", end="2026-10-31")
    text = _clean(say.lift_summary(cl))
    assert "cannot be credited to Cold Brew Season alone" in text
    assert "Back to School and Mid-Autumn Mooncake also ran" in text
    assert "a real lift" not in text
    # on TikTok, with four weeks before it, Salted Coffee Launch ran alone (Back to School
    # ended on 5 Sep); with eight, Back to School's flight is in the weeks the model learns
    tiktok = lumi.filter(platforms=["tiktok"])
    eight = C.campaign_lift(tiktok, "Salted Coffee Launch", platforms=["tiktok"])
    assert eight.overlapping == ("Back to School",)
    alone = C.campaign_lift(tiktok, "Salted Coffee Launch", platforms=["tiktok"], pre_days=28)
    assert alone.overlapping == ()
    text = _clean(say.lift_summary(alone))
    assert "organic social from TikTok brought" in text
    assert text.endswith("not distinguishable from normal variation.")
    assert say.recommendations(lift=alone).startswith("No action follows")
    # a campaign alone with a real lift is credited, and repeated
    rng = np.random.default_rng(3)
    days = pd.date_range("2026-01-01", periods=70, freq="D")
    series = pd.Series(100 + rng.normal(0, 3, 70), index=days)
    series.iloc[56:] += 40
    result = C.lift(series, days[56], days[-1])
    real = C.CampaignLift("Tet", days[56], days[-1], "Organic Social", (), (), result)
    text = _clean(say.lift_summary(real))
    assert text.startswith("During **Tet** (26 Feb 2026 to 11 Mar 2026) organic social brought **")
    assert text.endswith("a real lift.")
    assert say.recommendations(lift=real).startswith("1. Repeat the Tet mechanics: its flight came")


def test_paid_organic_one_platform_and_no_reach():
    pvo = pd.DataFrame({"platform": ["tiktok", "tiktok"], "type": ["organic", "boosted"],
                        "er_reach": [0.081, 0.086],
                        "mean_reach": [33_627.0, 73_739.0]})  # fmt: skip
    text = _clean(say.paid_organic_summary(pvo))
    assert "1 of the 1" not in text
    assert "On TikTok a boosted post reaches more people than an organic one" in text
    blind = pvo.assign(er_reach=np.nan, mean_reach=np.nan)
    assert _clean(say.paid_organic_summary(blind)) == (
        "Engagement on reach is not measurable: the posts report no reach."
    )


def test_kpi_values_carry_units_and_counts_have_no_decimals():
    assert say.kpi_value("spend", 1_234.6, "VND") == "1,235 VND"
    assert say.kpi_value("cpa", 5.172, "USD") == "5.17 USD"
    assert say.kpi_value("ctr", 0.0112, "VND") == "1.12%"
    assert say.kpi_value("followers", 106_393.7, "VND") == "106,394"
    assert say.kpi_value("roas", np.nan, "VND") == "not measurable"
    assert say.where(None, None) == "all platforms" and say.where("tiktok") == "TikTok"


# --------------------------------------------------------------------------------------------
# Vietnamese (issue 16): the same sentences from the catalog, numbers and dates from CLDR


@pytest.fixture
def vi():
    from smmnb import i18n

    with i18n.use("vi"):
        yield


def _scorecard() -> pd.DataFrame:
    """Four targets: followers off track, net sentiment at risk, CTR on track, and a budget for
    all platforms that a TikTok filter leaves unpaced."""
    nan, end = np.nan, pd.Timestamp("2026-12-31")
    rows = [
        ("followers", "tiktok", "off_track", 121_300, 106_394, 113_843, 111_822, 108_225,
         115_418, 0.9346, ""),
        ("net_sentiment", None, "at_risk", 0.05, 0.041, 0.041, 0.041, 0.014, 0.067, nan, ""),
        ("ctr", "tiktok", "on_track", 0.01, 0.012, 0.012, 0.012, 0.011, 0.013, nan, ""),
        ("spend", None, "not_paced", 2_173_000_000, nan, nan, nan, nan, nan, nan,
         C.ALL_PLATFORMS_NOTE),
    ]  # fmt: skip
    columns = ["kpi", "platform", "status", "target", "actual", "expected", "forecast",
               "ci_low", "ci_high", "pace", "note"]  # fmt: skip
    sc = pd.DataFrame(rows, columns=columns)
    return sc.assign(campaign=None, direction="higher", period_end=end)


def test_vietnamese_scorecard_sentences_and_table(vi):
    sc = _scorecard()
    text = _clean(say.scorecard_summary(sc, "2026-10-31", "VND", ["tiktok"]))
    assert text == (
        "**1 trên 3 mục tiêu được đánh giá đang đúng tiến độ** tính đến 31/10/2026. "
        "**Người theo dõi (TikTok) ở trạng thái chậm tiến độ**: hiện đạt 106.394, so với mức "
        "kỳ vọng 113.843 tính đến 31/10/2026 (tiến độ 93%); dự báo cho ngày 31/12/2026 là "
        "111.822 (khoảng 95%: 108.225 đến 115.418), so với mục tiêu 121.300. "
        "**Cảm xúc ròng (mọi nền tảng) ở trạng thái có nguy cơ**: +4,1% tính đến nay "
        "(khoảng 95%: +1,4% đến +6,7%), so với mục tiêu +5,0%. "
        f"1 mục tiêu đặt cho mọi nền tảng ({say.kpi_label('spend')}) được liệt kê nhưng không "
        "theo dõi tiến độ: riêng dữ liệu của TikTok chỉ là một phần phạm vi của các mục tiêu này."
    )
    table = say.scorecard_table(sc, "VND")
    assert table["status"].tolist() == ["chậm tiến độ", "có nguy cơ", "đúng tiến độ",
                                        "không theo dõi tiến độ"]  # fmt: skip
    assert (
        table["note"].iloc[-1]
        == "áp dụng cho mọi nền tảng; không theo dõi tiến độ theo dữ liệu đã lọc"
    )
    assert table["direction"].iloc[0] == "càng cao càng tốt"
    assert table["target"].iloc[-1] == "2.173.000.000 ₫"
    # the codes the analyses return never change
    assert sc["status"].tolist() == ["off_track", "at_risk", "on_track", "not_paced"]
    assert say.kpi_label("er_reach") == "tỷ lệ tương tác trên lượt tiếp cận"
    assert say.kpi_label("ctr") == "CTR" and say.where("tiktok", "Tết") == "Tết trên TikTok"


def _pacing() -> pd.DataFrame:
    return pd.DataFrame(
        {"platform": ["tiktok"], "campaign": [None], "period_start": [pd.Timestamp("2026-07-01")],
         "period_end": [pd.Timestamp("2026-12-31")], "budget": [2_000_000_000.0],
         "spent": [1_200_000_000.0], "pace": [1.1], "daily_rate": [20_000_000.0],
         "projected": [2_400_000_000.0], "over": [400_000_000.0], "days_left": [40.0],
         "remaining_days": [61], "note": [""]}
    )  # fmt: skip


def test_budget_sentence_in_both_languages():
    english = say.budget_summary(_pacing(), "2026-10-31", "VND")
    assert english == (
        "**1,200,000,000 VND of the 2,000,000,000 VND budget** for TikTok (01 Jul 2026 to "
        "31 Dec 2026) is spent (110% of the linear plan for 31 Oct 2026). At the last 14 days' "
        "rate of 20,000,000 VND a day, the period ends at **2,400,000,000 VND**: 400,000,000 VND "
        "over budget; at this rate the budget runs out in 40 days."
    )
    from smmnb import i18n

    with i18n.use("vi"):
        assert say.budget_summary(_pacing(), "2026-10-31", "VND") == (
            "**Đã chi 1.200.000.000 ₫ trên ngân sách 2.000.000.000 ₫** cho TikTok (từ "
            "01/07/2026 đến 31/12/2026), bằng 110% kế hoạch chi đều tính đến 31/10/2026. Nếu giữ "
            "tốc độ chi 20.000.000 ₫ mỗi ngày như 14 ngày gần nhất, cuối kỳ sẽ chi "
            "**2.400.000.000 ₫**: vượt ngân sách 400.000.000 ₫; với tốc độ này, ngân sách sẽ "
            "hết sau 40 ngày."
        )


def test_vietnamese_recommendation_and_funnel(vi):
    spend = pd.DataFrame(
        {"kpi": ["spend"], "platform": [None], "campaign": [None], "status": ["off_track"],
         "direction": ["lower"], "target": [2_173_000_000.0], "actual": [1_072_261_000.0],
         "forecast": [2_800_697_857.0], "gap": [627_697_857.0],
         "period_end": [pd.Timestamp("2026-12-31")]}
    )  # fmt: skip
    # what is left (1,100,739,000) over the 92 days to 31 Dec: 11,964,554 a day
    assert say.recommendations(scorecard=spend, as_of="2026-09-30", currency="VND") == (
        "1. Kiểm soát chi phí quảng cáo trên mọi nền tảng: dự kiến chạm mức 2.800.697.857 ₫ vào "
        "31/12/2026 so với ngân sách 2.173.000.000 ₫, vượt khoảng 627.697.857 ₫; giữ chi phí "
        "quảng cáo ở khoảng 11.964.554 ₫ mỗi ngày để về đúng ngân sách."
    )
    one = pd.DataFrame({"platform": ["tiktok"], "ctr": [0.012], "cvr": [0.018]})
    assert say.funnel_summary(one) == (
        "Trên TikTok, 1,20% lượt hiển thị có lượt nhấp (CTR) và 1,8% lượt nhấp dẫn đến chuyển "
        "đổi (CVR)."
    )
    assert say.kpi_value("roas", np.nan, "VND") == "không đo được"


def test_vietnamese_fallback_sentences(vi):
    from types import SimpleNamespace

    from smmnb.errors import InsufficientData

    empty = {"ads": pd.DataFrame(columns=["spend"])}
    ctx = SimpleNamespace(everything=empty, scope=empty, ws=empty, brand="Lumi", platforms=[],
                          start="2026-08-01", end="2026-10-31")  # fmt: skip
    with pytest.raises(InsufficientData) as caught:
        say.require_rows(ctx, "spend", "ads")
    assert str(caught.value) == (
        "Việc phân tích chi phí theo chiến dịch cần quảng cáo trong kỳ; thư mục này không có."
    )
    days = pd.date_range("2026-01-01", periods=10, freq="D")
    with pytest.raises(InsufficientData) as caught:
        C.lift(pd.Series(100.0, index=days), days[5], days[-1])
    assert str(caught.value) == (
        "Việc đo mức tăng thêm cần ít nhất 28 ngày trước đợt chạy; chuỗi số liệu chỉ có 5 ngày "
        "trước đợt chạy."
    )


# --- the search section (issue 18) --------------------------------------------------------------


def test_search_lift_finds_the_planted_branded_search_in_back_to_school(lumi):
    from smmnb import search
    from smmnb.sample import FLIGHT, SEARCH_LIFT

    found = search.campaign_search_lift(lumi, "Lumi", "Back to School")
    assert found.measured == search.MEASURED_BRANDED and found.filters == "query: +lumi"
    assert (found.start, found.end) == FLIGHT
    r = found.result
    assert r.significant and r.ci_low > 0
    assert abs(r.rel_change - (SEARCH_LIFT - 1)) < 0.1  # planted at +35%
    text = _clean(say.search_lift_summary(found, "Lumi"))
    assert text.startswith(
        "During **Back to School** (15 Aug 2026 to 05 Sep 2026) searches naming Lumi brought **"
    )
    assert "more clicks** than expected (+3" in text and "p < 0.001" in text


def _demand():
    from smmnb.search import FILTERED_DAILY, BrandDemand

    days = pd.date_range("2026-08-03", periods=21, freq="D")  # three weeks, Monday to Sunday
    branded = [100.0] * 7 + [160.0] * 7 + [100.0] * 7
    daily = pd.DataFrame(
        {"date": days, "clicks": [400.0] * 21, "impressions": [9_000.0] * 21,
         "branded_clicks": branded, "branded_impressions": [250.0] * 21},
    )  # fmt: skip
    return BrandDemand(daily, FILTERED_DAILY, pd.DataFrame(), "query: +lumi")


def test_search_demand_sentence_in_both_languages():
    from smmnb import i18n

    demand = _demand()
    ads = pd.DataFrame(
        {"date": pd.to_datetime(["2026-08-11", "2026-08-13", "2026-08-03", "2026-08-23"]),
         "campaign": ["Launch", "Launch", "Always on", "Always on"]}
    )  # fmt: skip
    assert say.search_demand_summary(demand, "Lumi", ads=ads) == (
        "Searches naming **Lumi** brought **2,520 clicks** and 5,250 impressions on Google from "
        "03 Aug 2026 to 23 Aug 2026 (21 days): **30.0%** of the site's 8,400 clicks from Google "
        "Search (Search Console's daily download filtered to queries containing `+lumi`). They "
        "peaked in the week of 10 Aug 2026, while Launch ran: 160 a day, against 120 a day over "
        "the period."
    )
    with i18n.use("vi"):
        assert say.search_demand_summary(demand, "Lumi") == (
            "Các lượt tìm kiếm có tên **Lumi** mang về **2.520 lượt nhấp** và 5.250 lượt hiển thị "
            "trên Google từ 03/08/2026 đến 23/08/2026 (21 ngày), chiếm **30,0%** trong 8.400 lượt "
            "nhấp từ Google Tìm kiếm của trang web (theo bản tải xuống theo ngày của Search "
            "Console được lọc theo truy vấn chứa `+lumi`). Mức cao nhất rơi vào tuần bắt đầu từ "
            "10/08/2026: 160 lượt nhấp mỗi ngày, so với trung bình 120 lượt nhấp mỗi ngày trong kỳ."
        )
        table = say.search_demand_table(demand)
        assert list(table.columns) == [
            "tháng", "số ngày", "lượt nhấp từ tìm kiếm thương hiệu",
            "lượt hiển thị trong tìm kiếm thương hiệu", "tổng lượt nhấp",
            "tỷ trọng lượt nhấp thương hiệu",
        ]  # fmt: skip
        assert table.iloc[0].tolist() == ["tháng 8 năm 2026", "21", "2.520", "5.250", "8.400",
                                          "30,0%"]  # fmt: skip


def test_search_demand_from_the_top_queries_says_they_are_not_totals():
    from smmnb.search import TOP_QUERIES, BrandDemand

    by_period = pd.DataFrame(
        {"period_start": [pd.Timestamp("2026-08-01")], "period_end": [pd.Timestamp("2026-10-31")],
         "queries": [1000], "capped": [True], "clicks": [5_000], "impressions": [90_000],
         "branded_clicks": [1_250], "branded_impressions": [3_000], "branded_share": [0.25],
         "competitor_clicks": [0], "competitor_impressions": [0]}
    )  # fmt: skip
    demand = BrandDemand(pd.DataFrame(columns=["date", "clicks"]), TOP_QUERIES, by_period)
    assert say.search_demand_summary(demand, "Lumi") == (
        "Among the top queries Search Console listed for 01 Aug 2026 to 31 Oct 2026, those naming "
        "**Lumi** brought **1,250 clicks** and 3,000 impressions, **25.0%** of the listed "
        "queries' 5,000 clicks. Search Console lists at most 1,000 queries and leaves out rare "
        "ones, so these are not the site's totals."
    )


def _lift(effect: float, p: float, measured: str, overlapping=()):
    from smmnb.campaigns.uplift import LiftResult
    from smmnb.search import SearchLift

    r = LiftResult(effect, effect - 400, effect + 400, effect / 4_000, p, p < 0.05, pd.DataFrame())
    return SearchLift(r, measured, pd.Timestamp("2026-08-15"), pd.Timestamp("2026-09-05"),
                      "query: +lumi", "Back to School", tuple(overlapping))  # fmt: skip


def test_search_lift_sentences_in_both_languages():
    from smmnb import i18n
    from smmnb.search import MEASURED_ALL, MEASURED_BRANDED

    alone = _lift(1_400, 0.0004, MEASURED_BRANDED)
    assert say.search_lift_summary(alone, "Lumi") == (
        "During **Back to School** (15 Aug 2026 to 05 Sep 2026) searches naming Lumi brought "
        "**1,400 more clicks** than expected (+35%; 95% interval 1,000 to 1,800; p < 0.001): "
        "a real lift."
    )
    every = _lift(-300, 0.2, MEASURED_ALL)
    assert say.search_lift_title(every, "Lumi") == "Clicks from Google Search during Back to School"
    with i18n.use("vi"):
        shared = _lift(1_400, 0.0004, MEASURED_BRANDED, ["Cold Brew Season"])
        assert say.search_lift_summary(shared, "Lumi") == (
            "Trong thời gian chạy **Back to School** (từ 15/08/2026 đến 05/09/2026), các lượt tìm "
            "kiếm có tên Lumi mang về **nhiều hơn 1.400 lượt nhấp** so với dự kiến (+35%; khoảng "
            "95%: 1.000 đến 1.800; p < 0,001): vượt mức biến động bình thường, nhưng không thể quy "
            "riêng cho Back to School: Cold Brew Season cũng chạy trong đợt này hoặc trong những "
            "tuần trước đó mà mô hình dùng để ước lượng."
        )
        assert say.search_lift_summary(every, "Lumi") == (
            "Trong thời gian chạy **Back to School** (từ 15/08/2026 đến 05/09/2026), Google Tìm "
            "kiếm mang về **ít hơn 300 lượt nhấp** so với dự kiến (-8%; khoảng 95%: -700 đến 100; "
            "p = 0,20; tính mọi lượt tìm kiếm: không có bản tải xuống theo ngày nào được lọc theo "
            "tìm kiếm có tên Lumi bao trùm đợt chạy): không phân biệt được với biến động bình "
            "thường."
        )
        assert say.search_lift_title(alone, "Lumi") == (
            "Lượt nhấp từ tìm kiếm có tên Lumi trong thời gian chạy Back to School"
        )


def _gaps():
    return pd.DataFrame(
        {"period_start": pd.Timestamp("2026-08-01"), "period_end": pd.Timestamp("2026-10-31"),
         "term": ["trà sữa gần đây", "cà phê muối", "bạc xỉu"], "position": [4.2, 3.1, 11.5],
         "impressions": [100_000.0, 20_000, 5_000], "clicks": [1_000.0, 200, 100],
         "ctr": [0.01, 0.01, 0.02], "expected_ctr": [0.04, 0.05, 0.021],
         "missing_clicks": [3_000.0, 800, 5], "p_value": [0.0, 0.0, 0.3],
         "q_value": [0.0, 0.0, 0.3], "significant": [True, True, False]}
    )  # fmt: skip


def test_search_gaps_sentence_and_table_in_both_languages():
    from smmnb import i18n

    gaps = _gaps()
    assert say.search_gaps_summary(gaps) == (
        "**trà sữa gần đây** is clicked 1.00% of the time at position 4.2, where this site's "
        "queries usually get 4.00%: about **3,000 clicks** missed from 01 Aug 2026 to 31 Oct 2026. "
        "2 of the 3 queries tested fall significantly short of their position's usual CTR, "
        "missing about 3,800 clicks in all."
    )
    assert say.search_gaps_summary(gaps.iloc[[0]]).endswith(
        "1 of the 1 queries tested falls significantly short of its position's usual CTR, "
        "missing about 3,000 clicks in all."
    )
    with i18n.use("vi"):
        assert say.search_gaps_summary(gaps) == (
            "**trà sữa gần đây** ở vị trí 4,2 chỉ có CTR 1,00%, trong khi các truy vấn của trang "
            "web này ở vị trí đó thường đạt 4,00%: bỏ lỡ khoảng **3.000 lượt nhấp** từ 01/08/2026 "
            "đến 31/10/2026. 2 trong 3 truy vấn được kiểm định có CTR thấp hơn mức thường gặp ở vị "
            "trí của chúng, với mức chênh có ý nghĩa thống kê; tổng cộng bỏ lỡ khoảng 3.800 lượt "
            "nhấp."
        )
        table = say.search_gaps_table(gaps)
        assert list(table.columns) == [
            "truy vấn tìm kiếm", "vị trí", "lượt hiển thị", "lượt nhấp", "CTR",
            "CTR thường gặp ở vị trí này", "lượt nhấp bị bỏ lỡ",
        ]  # fmt: skip
        assert table.iloc[1].tolist() == ["cà phê muối", "3,1", "20.000", "200", "1,00%", "5,00%",
                                          "800"]  # fmt: skip
    none = gaps.assign(significant=False)
    assert say.search_gaps_summary(none) == (
        "None of the 3 queries with enough impressions in 01 Aug 2026 to 31 Oct 2026 gets "
        "significantly fewer clicks than its position usually brings on this site."
    )


def _moves():
    moves = pd.DataFrame(
        {"term": ["bánh trung thu", "trà đào", "bạc xỉu"], "per_day_before": [2.5, 55.0, 30.0],
         "per_day_after": [37.5, 25.0, 30.5], "change": [35.0, -30.0, 0.5],
         "ratio": [15.0, 25 / 55, 30.5 / 30], "ci_low": [13.0, 0.44, 0.95],
         "ci_high": [17.0, 0.48, 1.08], "significant": [True, True, False]}
    )  # fmt: skip
    moves.attrs["before"] = (pd.Timestamp("2026-05-01"), pd.Timestamp("2026-07-31"))
    moves.attrs["after"] = (pd.Timestamp("2026-08-01"), pd.Timestamp("2026-10-31"))
    return moves


def test_search_movers_sentence_and_table_in_both_languages():
    from smmnb import i18n

    moves = _moves()
    assert say.search_movers_summary(moves) == (
        "Comparing 01 May 2026 to 31 Jul 2026 with 01 Aug 2026 to 31 Oct 2026: **bánh trung thu** "
        "rose most, from 2.5 to 37.5 clicks a day (15.0x; 95% interval 13.0x to 17.0x); **trà "
        "đào** fell most, from 55.0 to 25.0 clicks a day (0.45x; 95% interval 0.44x to 0.48x). "
        "2 of the 3 queries listed in both periods changed significantly; a query listed in one "
        "period only is not compared (it may have been below the top 1,000)."
    )
    with i18n.use("vi"):
        assert say.search_movers_summary(moves) == (
            "So sánh kỳ từ 01/05/2026 đến 31/07/2026 với kỳ từ 01/08/2026 đến 31/10/2026: **bánh "
            "trung thu** tăng mạnh nhất, từ 2,5 lên 37,5 lượt nhấp mỗi ngày (15,0 lần; khoảng 95%: "
            "13,0 lần đến 17,0 lần); **trà đào** giảm mạnh nhất, từ 55,0 xuống 25,0 lượt nhấp mỗi "
            "ngày (0,45 lần; khoảng 95%: 0,44 lần đến 0,48 lần). 2 trong 3 truy vấn được liệt kê ở "
            "cả hai kỳ thay đổi có ý nghĩa thống kê; truy vấn chỉ được liệt kê ở một kỳ thì không "
            "được so sánh (ở kỳ kia, nó có thể nằm ngoài 1.000 truy vấn hàng đầu)."
        )
        table = say.search_movers_table(moves)
        assert table.iloc[1].tolist() == [
            "trà đào",
            "55,0",
            "25,0",
            "0,45 lần (0,44 lần đến 0,48 lần)",
        ]
        assert say.search_movers_caption(moves) == (
            "Lượt nhấp mỗi ngày, trước (từ 01/05/2026 đến 31/07/2026) và sau (từ 01/08/2026 đến "
            "31/10/2026)"
        )


def test_branded_search_chart_in_vietnamese():
    import matplotlib.pyplot as plt

    from smmnb import i18n, plots

    with i18n.use("vi"):
        ax = plots.branded_search(_demand().daily, brand="Lumi")
        assert ax.get_title() == "Lượt nhấp từ Google Tìm kiếm"
        assert ax.get_ylabel() == "lượt nhấp mỗi ngày (đường đậm: trung bình 7 ngày)"
        assert [t.get_text() for t in ax.get_legend().get_texts()] == [
            "tìm kiếm có tên Lumi", "tìm kiếm khác"]  # fmt: skip
        # the bold lines are the 7-day means: 160 a day through the middle week's last day
        assert ax.lines[1].get_ydata()[13] == pytest.approx(160.0)
        assert ax.lines[3].get_ydata()[13] == pytest.approx(240.0)
        plt.close("all")
        every = _demand().daily.drop(columns=["branded_clicks", "branded_impressions"])
        ax = plots.branded_search(every)
        assert [t.get_text() for t in ax.get_legend().get_texts()] == ["mọi lượt tìm kiếm"]
