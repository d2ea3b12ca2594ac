"""narrative.summary: the executive summary's sentences never lie (no nan, money with its
currency, advice in the KPI's direction, counts without decimals)."""

from __future__ import annotations

import re
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from smmnb import i18n
from smmnb.names import label
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


# --------------------------------------------------------------------------------------------
# issue 16: the report language


@pytest.fixture
def vi():
    with i18n.use("vi"):
        yield


def test_titles_are_short_and_name_what_the_finding_is_about():
    r = _row(kpi="followers", platform="tiktok")
    assert summary.target_title(r) == "Followers target for TikTok: off track"
    assert summary.target_title(_row(kpi="ctr", status="at_risk")) == (
        "CTR target for all platforms: at risk"
    )
    assert summary.spike_title("2026-09-18") == "Mentions spiked on 18 Sep 2026"
    assert summary.formats_title("video", "zalo") == "Video posts beat images on Zalo"
    assert summary.finding_heading("risk", "targets") == "Risk (targets)"


def test_target_sentences_in_vietnamese(vi):
    followers = label("followers")  # the charts' label, in Vietnamese
    r = _row(kpi="followers", platform="tiktok", actual=106_394.0, expected=113_843.0,
             forecast=111_822.0, ci_low=108_225.0, ci_high=115_418.0, target=121_300.0)  # fmt: skip
    assert summary.target_finding(r, "VND", "2026-10-31") == (
        f"Mục tiêu {followers} trên TikTok đang chậm tiến độ: hiện ở mức 106.394, so với mức kỳ "
        "vọng 113.843 tính đến 31/10/2026; theo xu hướng hiện tại sẽ đạt khoảng 111.822 "
        "(khoảng tin cậy 95%: 108.225 đến 115.418), so với mục tiêu 121.300 vào ngày 31/12/2026."
    )
    assert summary.target_action(r, "VND") == (
        f"Bù phần còn thiếu khoảng 9.478 {followers} trên TikTok trước ngày 31/12/2026: tăng "
        "nội dung và chạy thêm quảng cáo hỗ trợ, hoặc cùng ban lãnh đạo đặt lại mục tiêu."
    )
    assert summary.target_title(r) == f"Mục tiêu {followers} trên TikTok: chậm tiến độ"
    cpa = _row(kpi="cpa", direction="lower", target=100_000.0, forecast=120_000.0,
               actual=120_000.0, ci_low=110_000.0, ci_high=130_000.0, status="at_risk",
               platform="facebook", campaign="Back to School")  # fmt: skip
    assert summary.target_finding(cpa, "VND") == (
        "Mục tiêu CPA của chiến dịch Back to School trên Facebook đang có nguy cơ: hiện ở mức "
        "120.000 ₫ tính đến nay (khoảng tin cậy 95%: 110.000 ₫ đến 130.000 ₫), so với mức trần "
        "100.000 ₫ cho kỳ kết thúc ngày 31/12/2026."
    )
    assert summary.target_action(cpa, "VND").startswith(
        "Đưa CPA trong chiến dịch Back to School trên Facebook từ 120.000 ₫ xuống 100.000 ₫ "
        "hoặc thấp hơn:"
    )


def test_headline_and_targets_summary_in_vietnamese(vi):
    head = _head([
        ("ad spend", 1_000.0, "money", "USD", ""), ("ad spend", 5_000_000.0, "money", "VND", ""),
        ("conversions", 120.0, "count", None, ""),
        ("CPA", 12.5, "money", "USD", ""), ("CPA", 50_000.0, "money", "VND", ""),
        ("mentions", 45.0, "count", None, ""), ("share of voice", 0.45, "rate", None, ""),
    ], brands=["Lumi", "Moc Coffee", "Sen Tea"])  # fmt: skip
    assert summary.headline(head, "Lumi") == (
        "Trong kỳ, Lumi đã chi **1.000 US$** (CPA 12,50 US$) và **5.000.000 ₫** (CPA 50.000 ₫) "
        "cho quảng cáo, mang về 120 chuyển đổi; Lumi được nhắc đến 45 lần, chiếm **45%** lượt "
        "nhắc đến của 3 thương hiệu được theo dõi (Lumi, Moc Coffee và Sen Tea)."
    )
    assert list(summary.headline_table(head)["measure"][:2]) == [
        "chi phí quảng cáo (USD)", "chi phí quảng cáo (VND)"
    ]  # fmt: skip
    sc = pd.DataFrame({
        "kpi": ["followers", "engagements", "spend", "cpa", "ctr"],
        "status": ["off_track", "not_paced", "not_paced", "on_track", "no_data"],
        "covers_all": [False, True, False, False, False],
    })  # fmt: skip
    sc.attrs.update(ads_currencies=["USD"], currency="VND")
    assert summary.targets_summary(sc, summary.filter_words(["tiktok"])) == (
        "**1/2 mục tiêu đúng tiến độ**; 0 có nguy cơ, 1 chậm tiến độ. 1 mục tiêu chưa có dữ liệu "
        "để đánh giá. 1 mục tiêu áp dụng cho mọi nền tảng nên không được đánh giá tiến độ khi áp "
        "dụng bộ lọc (chỉ TikTok): số liệu thực tế sau khi lọc chỉ là một phần phạm vi của mục "
        "tiêu. 1 mục tiêu về tiền (chi phí quảng cáo, CPA, CPC, CPM) không được đánh giá tiến "
        "độ: mục tiêu tính bằng VND còn quảng cáo bằng USD, và smmnb.yml không có tỷ giá."
    )


def test_findings_and_actions_in_vietnamese(vi):
    assert summary.spike_finding("Lumi", pd.Timestamp("2026-09-18"), 196, 40.0, ["a", "b"]) == (
        "Lượt nhắc đến Lumi tăng đột biến vào ngày 18/09/2026: 196 lượt, so với mức thường lệ "
        "40 lượt vào cùng thứ trong tuần (gấp 4,9 lần); các từ nổi bật: a và b."
    )
    assert summary.unanswered_finding(
        "tiktok", 0.24, 2077, 20.8, 0.78, ["facebook", "zalo"], 0.06, "1h"
    ) == (
        "Trên TikTok, chỉ 24% trong số 2.077 câu hỏi của khách hàng được phản hồi (trung vị "
        "thời gian phản hồi 20,8 giờ; 6% trong vòng 1 giờ), so với 78% trên Facebook và Zalo."
    )
    assert summary.lift_finding("X", "2026-08-15", "2026-09-05", 6948.0, 0.48, 6505.0, 7392.0,
                                ["Y"], ["tiktok"], "2026-06-20") == (
        "Trong thời gian chạy chiến dịch X (15/08/2026 đến 05/09/2026), các kênh mạng xã hội tự "
        "nhiên trên TikTok mang về thêm 6.948 phiên truy cập web so với dự kiến (+48%; khoảng "
        "tin cậy 95%: 6.505 đến 7.392), một mức tăng có ý nghĩa thống kê; tuy nhiên Y cũng bắt "
        "đầu hoặc kết thúc trong giai đoạn được so sánh (từ 20/06/2026 đến 05/09/2026), nên một "
        "phần mức tăng có thể đến từ thay đổi này."
    )  # fmt: skip
    assert summary.formats_finding("short", "tiktok", 1.5, 0) == (
        "Bài đăng dạng video ngắn trên TikTok đạt tỷ lệ tương tác gấp 1,50 lần bài đăng hình ảnh "
        "trên cùng nền tảng (chênh lệch có ý nghĩa thống kê)."
    )
    assert summary.best_time_finding(
        [summary.slot_words(0, 19), summary.slot_words(4, 8)], 1.3, summary.filter_words([])
    ) == (
        "Các bài đăng (mọi nền tảng) vào 19:00 Thứ 2 và 08:00 Thứ 6 đạt tỷ lệ tương tác gấp 1,30 "
        "lần các bài tương đương (cùng nền tảng và định dạng); đây là kết quả quan sát, không "
        "phải thử nghiệm."
    )
    found = pd.DataFrame({
        "rank": [1, 2], "kind": ["risk", "opportunity"], "area": ["listening", "trends"],
        "text": ["một.", "hai."], "action": ["Làm A.", "Làm B."],
    })  # fmt: skip
    assert summary.findings_page(found, 1) == (
        "1. **Rủi ro (lắng nghe mạng xã hội).** một.\n\nCác cơ hội khác:\n\n- hai."
    )
    assert summary.action_list(found, 5) == "**Việc cần làm tiếp theo:**\n\n1. Làm A.\n2. Làm B."
    assert summary.findings_page(pd.DataFrame(), 5) == (
        "Không quy tắc nào tìm thấy rủi ro hay cơ hội có kiểm định đạt ý nghĩa thống kê trong "
        "dữ liệu kỳ này."
    )


def test_english_is_back_after_a_vietnamese_block():
    with i18n.use("vi"):
        summary.spike_action()
    assert summary.spike_action().startswith("Prepare a public answer")
