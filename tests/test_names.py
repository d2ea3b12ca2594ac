"""Names people use: platforms, column labels and formulas, in both languages."""

from __future__ import annotations

import pytest

from smmnb import i18n
from smmnb.names import LABELS, formula, label, platform_name


@pytest.fixture(autouse=True)
def _english_after():
    yield
    i18n.set_language("en")


NOTEBOOK_COLUMNS = """
table files rows brands platforms first last duplicates_dropped file format rows_added note
series days empty_days longest_gap gap_starts column kind missing share by_platform
other_missing analysis status needs detail measure value platform comments negative positive
net_sentiment response_rate within_sla median_hours intent author text answered p90_hours theme
share_negative share_asking unanswered previous_share_negative change p_value significant lang
texts accuracy macro_f1 negative_precision negative_recall positive_precision positive_recall
label precision recall f1 f1-score support KPI covers direction target actual expected forecast
ci_low ci_high pace period_start period_end budget spent planned daily_rate projected over
days_left campaign currency spend impressions clicks conversions revenue ctr cpc cpm cvr cpa roas
roi type items engagements er_reach mean_reach ad versus rate difference verdict influencer tier
followers fee er_impressions er_followers cpe check_audience source channel_group sessions
engaged_rate share_of_all term count_recent count_baseline ratio q_value example brand mentions
period count baseline alert_at score author_followers day time posts pooled p_holm gain_28d
rel_change_28d gain_prev_28d rel_change due reached_on earliest latest on_time gained lost net
title owner published_items on_time_rate median_delay_h planned_local days_overdue
published_per_week planned_per_week recommended_min recommended_max slot definition top_terms
""".split() + [
    "data set", "versus rate", "95% interval (points)", "adjusted p", "share of mentions",
    "share of engagements", "share on the day", "share before", "views per day", "views in all",
    "impressions per day", "reach per day", "busiest day", "gained, last 28 days",
    "gained, 28 days before", "empty days",
]  # fmt: skip
"""Every column a table of the six notebooks showed on the sample (their executed outputs)."""

RATES = """er_reach er_impressions er_followers ctr cpc cpm cvr cpa cpe roas roi net_sentiment
response_rate within_sla share_negative share_asking unanswered engaged_rate share_of_all
accuracy macro_f1 precision recall on_time_rate pace rel_change_28d share_of_voice
""".split()

SAME_IN_VIETNAMESE = {"KPI", "CTR", "CPC", "CPM", "CPA", "CPE", "ROAS", "ROI", "F1", "hashtag"}


def test_every_column_the_notebooks_show_has_a_label():
    assert [c for c in NOTEBOOK_COLUMNS if c not in LABELS] == []


def test_rates_and_ratios_have_a_formula():
    assert [c for c in RATES if not formula(c)] == []


def test_every_label_reads_in_vietnamese():
    with i18n.use("vi"):
        same = [
            k for k in LABELS if label(k) == LABELS[k][0] and label(k) not in SAME_IN_VIETNAMESE
        ]
        untranslated = [k for k in LABELS if LABELS[k][1] and formula(k) == LABELS[k][1]]
    assert same == [] and untranslated == []


def test_labels_and_formulas_exactly():
    assert label("er_reach") == "engagement rate on reach"
    assert formula("ctr") == "clicks / impressions"
    assert label("median_hours") == "median hours to reply"
    assert label("not_a_known_code") == "not a known code"
    assert formula("followers") == ""
    with i18n.use("vi"):
        assert label("er_reach") == "tỷ lệ tương tác trên lượt tiếp cận"
        assert formula("er_reach") == "lượt tương tác / lượt tiếp cận"
        assert label("ctr") == "CTR"
        assert formula("ctr") == "lượt nhấp / lượt hiển thị"
        assert label("share_of_voice") == "thị phần thảo luận"
        assert label("cvr") == "tỷ lệ chuyển đổi"
        assert formula("roas") == "doanh thu / chi phí quảng cáo"
        assert label("not_a_known_code") == "not a known code"


def test_platform_names():
    assert [platform_name(p) for p in ("facebook", "TikTok", "youtube", "zalo", "x")] == [
        "Facebook", "TikTok", "YouTube", "Zalo", "X"]  # fmt: skip
    with i18n.use("vi"):
        assert platform_name("all") == "Tất cả nền tảng"
        assert platform_name("linkedin") == "LinkedIn"


def test_on_time_reads_as_each_table_means_it():
    # English says "on time" for both; Vietnamese tells the calendar's hour from a due day
    assert label("on_time") == label("published_on_time") == "on time"
    with i18n.use("vi"):
        assert label("on_time") == "đúng hạn"  # a follower target reached by its due day
        assert label("published_on_time") == "đúng giờ"  # a calendar item, as its sentences say
        assert label("on_time_rate") == "tỷ lệ đúng giờ"
        assert formula("on_time_rate") == "mục đăng đúng giờ / mục đã đăng"
