"""Sentences of the customer-expectations report: true off the happy path (issue 12)."""

from __future__ import annotations

import re
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from smmnb import expectations as E
from smmnb import i18n
from smmnb.errors import InsufficientData
from smmnb.narrative import expectations as say

NAN = re.compile(r"\bnan\b|\binf\b|nan%", re.IGNORECASE)


def clean(text: str) -> str:
    assert not NAN.search(text), text
    return text


def channel_table(rows):
    return pd.DataFrame(rows, columns=["platform", "comments", "net_sentiment"])


def test_one_channel_is_not_compared_with_itself():
    # was: "most positive on tiktok (net -3%) and least on tiktok (net -3%)"
    text = clean(say.channels(channel_table([("tiktok", 7140, -0.03)])))
    assert text == "All 7,140 customer comments are on **TikTok**: net sentiment -3%."
    assert "least" not in text
    two = clean(say.channels(channel_table([("tiktok", 7140, 0.01), ("youtube", 160, 0.33)])))
    assert "most positive on **YouTube** (net +33% over 160 comments)" in two
    assert "least on **TikTok** (net +1% over 7,140 comments)" in two


def test_unanswered_questions_compare_with_other_channels_only_when_there_are_some():
    # was: "against nan% to nan% on the other channels" with one platform
    one = pd.DataFrame({"platform": ["tiktok"], "comments": [40], "response_rate": [0.25],
                        "median_hours": [21.3]})  # fmt: skip
    text = clean(say.unanswered(one))
    assert text.startswith("On **TikTok**, 25% of its 40 questions were answered (median 21.3 h")
    assert "other channels" not in text
    three = pd.DataFrame({"platform": ["tiktok", "facebook", "zalo"], "comments": [40, 10, 5],
                          "response_rate": [0.25, 0.56, 0.83],
                          "median_hours": [21.3, 2.0, np.nan]})  # fmt: skip
    assert "against 56% to 83% on the other channels" in clean(say.unanswered(three))
    two = three.iloc[:2]
    assert "against 56% on Facebook." in clean(say.unanswered(two))
    none_answered = one.assign(response_rate=[0.0], median_hours=[np.nan])
    assert "median" not in clean(say.unanswered(none_answered))
    assert say.unanswered(one.iloc[:0]) == "No customer asked a question in this period."


def test_headline_without_replies_shows_no_response_figure():
    # was: "0.0% answered within 1h" when the data hold no brand replies
    text = clean(say.headline(120, 0.25, brand="United", sla="1h"))
    assert "answered within" not in text and "brand answered" not in text
    assert "%" not in text.replace("+25.0%", "")
    assert "Measuring response times needs United's replies" in text
    table = say.headline_table(120, 0.25, sla="1h")
    assert table["measure"].tolist() == [
        "customer comments",
        "net sentiment (positive minus negative share of customer comments)",
    ]
    with_replies = say.headline_table(120, 0.25, sla="1h", answered=0.5, median_hours=3.04,
                                      within_sla=0.06)  # fmt: skip
    assert with_replies["value"].tolist() == ["120", "+25.0%", "50.0%", "3.0", "6.0%"]
    assert "answered / customer comments" in with_replies["measure"].iloc[2]


def test_headline_with_replies_names_denominators():
    text = clean(say.headline(12219, 0.0913, brand="Lumi", sla="1h", answered=0.335,
                              median_hours=3.05, within_sla=0.062))  # fmt: skip
    assert text == (
        "Customers wrote **12,219 comments** on Lumi's channels. Net sentiment (positive share "
        "minus negative share) is **+9.1%**. The brand answered **34%** of them, after a median "
        "**3.0 hours**; 6% of them got an answer within the 1h SLA."
    )
    filtered = say.headline(5, 0.0, brand="Lumi", platforms=["tiktok"], sla="1h", answered=0.0,
                            median_hours=np.nan, within_sla=0.0)  # fmt: skip
    assert "on Lumi's TikTok channel." in clean(filtered)
    assert "answered none of them" in filtered


def _nb(brand="Moc Coffee", owner_comments=("Lumi",), scope=0, platforms=()):
    everything = pd.DataFrame({"brand": list(owner_comments), "author_is_brand": False})
    return SimpleNamespace(
        brand=brand,
        everything=SimpleNamespace(comments=everything),
        scope=SimpleNamespace(comments=everything.iloc[:scope]),
        platforms=list(platforms),
        start="2026-08-03",
        end="2026-10-31",
    )


def test_no_comments_fall_back_with_one_sentence_naming_what_the_folder_has():
    # was: 01 crashed with no comments (a competitor, a mentions-only folder)
    with pytest.raises(InsufficientData) as caught:
        say.require_comments(_nb(), pd.DataFrame(), "The theme analysis")
    assert str(caught.value) == (
        "The theme analysis needs comments from customers on Moc Coffee's own channels; this "
        "folder has comments on Lumi's channels only."
    )
    with pytest.raises(InsufficientData, match=r"this folder has none on X\.$"):
        say.require_comments(_nb("Lumi", scope=0, platforms=["x"]), pd.DataFrame(), "The headline")
    with pytest.raises(InsufficientData, match=r"none from 03 Aug 2026 to 31 Oct 2026 \(90 days\)"):
        say.require_comments(_nb("Lumi", scope=1), pd.DataFrame(), "The headline")
    with pytest.raises(InsufficientData, match="no comments at all"):
        say.require_comments(_nb("Lumi", owner_comments=()), pd.DataFrame(), "The headline")
    say.require_comments(_nb(), pd.DataFrame({"a": [1]}), "The headline")  # data: no raise
    text = say.nothing_to_read("Lumi", start="2026-08-03", end="2026-08-03")
    assert text == (
        "Customer expectations needs comments from customers on Lumi's channels or mentions of "
        "Lumi; this folder has neither for Lumi from 03 Aug 2026 (1 day)."
    )


def test_replies_and_gaps_fall_back():
    say.require_replies("Lumi", pd.DataFrame())
    with pytest.raises(InsufficientData, match="Lumi's replies"):
        say.require_replies("Lumi", None)
    with pytest.raises(InsufficientData, match="none of the 12 customer comments"):
        say.require_gaps(pd.DataFrame(), 12)


def gaps_frame(**changes):
    row = {"theme": "Delivery & shipping", "comments": 2450, "negative": 882,
           "share_negative": 0.36, "share_asking": 0.4, "unanswered": 0.62,
           "median_hours": 3.0, "previous_share_negative": 0.28, "change": 0.078,
           "p_value": 0.0001, "significant": True, "quotes": ["giao chậm quá"]}  # fmt: skip
    row.update(changes)
    return pd.DataFrame([row, {**row, "theme": "Packaging", "negative": 10}])


def test_biggest_gap_says_what_was_measured_only():
    full = clean(say.biggest_gap(gaps_frame(), replies=True, days=90))
    assert full == (
        "The biggest gap is **Delivery &amp; shipping**: 882 negative comments (36% of 2,450), "
        "62% of them without a reply; its negative share moved +7.8 percentage points against "
        "the previous 90 days (p < 0.001, a significant change)."
    )
    no_replies = clean(say.biggest_gap(gaps_frame(unanswered=np.nan), replies=False, days=8))
    assert "reply" not in no_replies
    untested = clean(say.biggest_gap(gaps_frame(change=np.nan, p_value=np.nan), replies=True,
                                     days=1))  # fmt: skip
    assert "previous" not in untested and "significant" not in untested
    one = clean(say.biggest_gap(gaps_frame().iloc[:1], replies=True, days=1))
    assert one.startswith("The only theme the dictionary recognises is") and "the day before" in one
    assert say.biggest_gap(gaps_frame(negative=0).iloc[:1], replies=True, days=9) == (
        "No theme drew a negative comment in this period."
    )


def test_themes_with_one_theme_compare_nothing():
    by_theme = pd.DataFrame({"negative": [3], "neutral": [1], "positive": [0]}, index=["Packaging"])
    text = clean(say.themes(by_theme, 0.5, 8))
    assert "only theme" in text and "most negative" not in text
    assert "in 50% of the 8 customer comments" in text


def test_asks_name_only_themes_that_exist():
    # was: "They are mostly about X and nan" / an index error with fewer than two themes
    assert clean(say.asks(0, 10, 0, 0, pd.Series(dtype="int64"))).startswith("None of the 10")
    one = clean(say.asks(3, 10, 2, 1, pd.Series({"Packaging": 2})))
    assert "3 comments (30% of 10 customer comments)" in one
    assert "The only theme they touch is **Packaging** (2)." in one
    none = clean(say.asks(3, 10, 2, 1, pd.Series(dtype="int64")))
    assert none.endswith("The dictionary recognises no theme in them.")


def test_worst_week_needs_two_weeks():
    one = pd.DataFrame({"tiktok": [0.1]}, index=[pd.Timestamp("2026-10-26")])
    assert "cannot be compared" in clean(say.worst_week(one))
    two = pd.DataFrame({"tiktok": [0.1, -0.2]},
                       index=pd.to_datetime(["2026-10-19", "2026-10-26"]))  # fmt: skip
    assert clean(say.worst_week(two)) == "The worst week starts **26 Oct 2026** (net -20%)."


def worst(ratio=9.0, median=35.0, theme="delivery", negative=308):
    per_day = pd.Series([1] * 90)
    return E.WorstDay(pd.Timestamp("2026-09-18"), negative, median, ratio, theme, 0.69, per_day)


def test_worst_day_sentence():
    labels = {"delivery": "Delivery & shipping"}
    text = clean(say.worst_day(worst(), ["comments", "mentions"], labels))
    assert text == (
        "On **18 Sep 2026** customers posted **308 negative messages** (comments and mentions), "
        "9x the median of the 90 days (35); 69% of them were about **Delivery &amp; shipping**."
    )
    quiet = clean(say.worst_day(worst(ratio=np.nan, median=0.0, theme=None), ["mentions"]))
    assert "the median day of the 90 days has none" in quiet and "about" not in quiet
    assert say.worst_day(worst(negative=0), ["comments"]) == (
        "None of the comments of this period is negative."
    )


def test_recommendations_only_what_the_data_support():
    gap = gaps_frame().iloc[0].to_dict()
    slow = {"channel": "tiktok", "questions": 2342, "response_rate": 0.24, "median_hours": 21.3}
    labels = {"delivery": "Delivery & shipping"}
    full = clean(say.recommendations(gap=gap, days=8, slow=slow, worst=worst(), labels=labels,
                                     asked=["Delivery", "Price", "Store"], brand="Lumi",
                                     owner="Lumi"))  # fmt: skip
    assert full.splitlines() == [
        "1. Fix **Delivery &amp; shipping** first: 882 negative comments in 8 days (36% of its "
        "2,450 comments).",  # the days the data cover, not a fixed 90
        "2. Staff **TikTok**: answer questions there within 1h; only 24% of its 2,342 questions "
        "are answered now, after a median 21.3 h.",
        "3. Prepare a holding statement for delivery &amp; shipping incidents: on 18 Sep "
        "negative messages reached 308, 9x a normal day.",
        "4. Answer the most common questions (Delivery and Price) in pinned posts and "
        "auto-replies.",
    ]
    # no replies: no staffing; a channel that answers most questions: no staffing either
    assert "Staff" not in say.recommendations(gap=gap, days=8, slow=None)
    assert "Staff" not in say.recommendations(gap=gap, days=8, slow={**slow, "response_rate": 0.8})
    # no theme: nothing quoted; an ordinary worst day or one without a theme: no statement
    assert "holding" not in say.recommendations(worst=worst(ratio=2.0))
    assert "holding" not in say.recommendations(worst=worst(theme=None))
    assert "Fix" not in say.recommendations(gap={**gap, "negative": 0})
    assert say.recommendations() == "The data of this period support no recommendation."
    competitor = say.recommendations(gap=gap, days=8, brand="Moc Coffee", owner="Lumi")
    assert "Fix" not in competitor and "competitor" in competitor


def test_quotes_and_evaluation():
    assert clean(say.quotes(gaps_frame())) == (
        "- *Delivery &amp; shipping*: \u201cgiao chậm quá\u201d\n"
        "- *Packaging*: \u201cgiao chậm quá\u201d"
    )
    assert say.quotes(pd.DataFrame()).startswith("No negative comment")
    assert say.evaluation(440, 0.771, 0.769) == (
        "On 440 hand-labelled texts the lexicon scores **77% accuracy** and **77% macro-F1**."
    )


def test_slowest_channel_and_where():
    questions = pd.DataFrame({"platform": ["a", "b"], "comments": [5, 0],
                              "response_rate": [0.4, np.nan],
                              "median_hours": [1.0, np.nan]})  # fmt: skip
    assert say.slowest(questions)["channel"] == "a"
    assert say.slowest(questions.iloc[1:]) is None
    assert say.where("Lumi", ["facebook", "zalo"]) == "Lumi's Facebook and Zalo channels"


def test_shares_never_round_a_few_into_none_and_ratios_keep_a_decimal_when_small():
    # platform-tiktok said "0% of them got an answer within the 1h SLA" for 0.3%
    text = say.headline(7140, 0.01, brand="Lumi", sla="1h", answered=0.21, median_hours=21.6,
                        within_sla=0.003)  # fmt: skip
    assert "under 1% of them got an answer within the 1h SLA" in text
    assert say.share(0.0) == "0%" and say.share(0.9999) == "over 99%"
    # the 8-day period said "1x the median day" for 41 against 30
    assert say.ratio(41 / 30) == "1.4x" and say.ratio(8.8) == "9x"
    text = say.worst_day(worst(ratio=41 / 30, median=30.0, negative=41), ["comments"])
    assert "1.4x the median of the 90 days (30)" in text


def test_fallback_sentences_are_plain_text_escaped_once_where_shown():
    # nb.section() escapes the sentence it shows: escaping here too printed author\\_is\\_brand
    with pytest.raises(InsufficientData) as caught:
        say.require_comments(_nb(brand="Tea_&_Co"), pd.DataFrame(), "The headline")
    assert "Tea_&_Co's own channels" in str(caught.value)
    assert "author_is_brand" in say.no_replies("Tea_&_Co")
    assert "Tea_&_Co" in say.nothing_to_read("Tea_&_Co", platforms=["x_y"])
    markdown = say.headline(3, 0.0, brand="Tea_&_Co", sla="1h")
    assert "author\\_is\\_brand" in markdown and "Tea\\_&amp;\\_Co" in markdown


def test_a_median_day_of_a_half_is_not_rounded():
    text = say.worst_day(worst(ratio=17 / 5.5, median=5.5, negative=17), ["comments"])
    assert "3x the median of the 90 days (5.5)" in text


def test_a_worst_week_cut_by_the_period_says_which_days_count():
    weeks = pd.to_datetime(["2026-10-19", "2026-10-26"])
    weekly = pd.DataFrame({"tiktok": [-0.2, 0.1], "zalo": [0.0, 0.3]}, index=weeks)
    text = clean(say.worst_week(weekly, pd.Timestamp("2026-10-24"), pd.Timestamp("2026-10-31")))
    assert text == (
        "The worst week across channels starts **19 Oct 2026** (net -10%, the mean of the "
        "channels' weekly values; only 24 Oct to 25 Oct are in the period)."
    )
    whole = say.worst_week(weekly, pd.Timestamp("2026-10-19"), pd.Timestamp("2026-11-01"))
    assert "only" not in whole


# -- the report in Vietnamese (issue 16): templates and their fields, computed from set numbers


@pytest.fixture
def vi():
    with i18n.use("vi"):
        yield


def test_headline_in_vietnamese(vi):
    text = say.headline(12219, 0.0913, brand="Lumi", platforms=["tiktok"], sla="1h",
                        answered=0.335, median_hours=3.05, within_sla=0.062)  # fmt: skip
    assert text == (
        "Khách hàng đã viết **12.219 bình luận** trên kênh TikTok của Lumi. Cảm xúc ròng (tỷ lệ "
        "tích cực trừ tỷ lệ tiêu cực) là **+9,1%**. Thương hiệu đã phản hồi **34%** số bình luận "
        "đó, với thời gian phản hồi trung vị **3,0 giờ**; 6% số bình luận được phản hồi trong "
        "thời hạn SLA 1 giờ."
    )
    table = say.headline_table(120, 0.25, sla="1h", answered=0.5, median_hours=3.04,
                               within_sla=0.06)  # fmt: skip
    assert table["value"].tolist() == ["120", "+25,0%", "50,0%", "3,0", "6,0%"]
    assert table["measure"].iloc[4] == (
        "phản hồi trong vòng 1 giờ (tỷ lệ trên bình luận của khách hàng)"
    )


def test_biggest_gap_and_worst_day_in_vietnamese(vi):
    gaps = gaps_frame(theme="Giao hàng & vận chuyển")
    assert say.biggest_gap(gaps, replies=True, days=90) == (
        "Khoảng cách kỳ vọng lớn nhất nằm ở **Giao hàng &amp; vận chuyển**: 882 bình luận tiêu "
        "cực (36% trong số 2.450), 62% trong số đó chưa được phản hồi; tỷ lệ tiêu cực của chủ đề "
        "này thay đổi +7,8 điểm % so với 90 ngày trước đó (p < 0,001, thay đổi có ý nghĩa thống "
        "kê)."
    )
    labels = {"delivery": "Giao hàng & vận chuyển"}
    assert say.worst_day(worst(), ["comments", "mentions"], labels) == (
        "Ngày **18/09/2026**, khách hàng đăng **308 nội dung tiêu cực** (bình luận và lượt nhắc "
        "đến), gấp 9 lần trung vị của 90 ngày (35); 69% trong số đó nói về **Giao hàng &amp; "
        "vận chuyển**."
    )


def test_recommendations_in_vietnamese(vi):
    slow = {"channel": "tiktok", "questions": 2342, "response_rate": 0.24, "median_hours": 21.3}
    text = say.recommendations(gap=gaps_frame(theme="Đóng gói").iloc[0].to_dict(), days=8,
                               slow=slow, worst=worst(), labels={"delivery": "Giao hàng"},
                               brand="Lumi", owner="Lumi")  # fmt: skip
    assert text.splitlines() == [
        "1. Ưu tiên khắc phục **Đóng gói** trước: 882 bình luận tiêu cực trong 8 ngày (36% trong "
        "tổng số 2.450 bình luận về chủ đề này).",
        "2. Bổ sung nhân sự cho **TikTok**: phản hồi câu hỏi trên kênh này trong vòng 1 giờ; hiện "
        "chỉ 24% trong số 2.342 câu hỏi được phản hồi, với thời gian trung vị 21,3 giờ.",
        "3. Soạn sẵn thông điệp phản hồi ban đầu cho các sự cố về giao hàng: ngày 18/09, số nội "
        "dung tiêu cực lên tới 308, gấp 9 lần một ngày bình thường.",
    ]
    assert say.recommendations() == "Dữ liệu của kỳ này chưa đủ cơ sở cho đề xuất nào."


def test_fallbacks_in_vietnamese(vi):
    with pytest.raises(InsufficientData) as caught:
        say.require_comments(_nb(), pd.DataFrame(), "The theme analysis")
    assert str(caught.value) == (
        "Phần phân tích chủ đề cần bình luận của khách hàng trên chính các kênh của Moc Coffee; "
        "thư mục này chỉ có bình luận trên các kênh của Lumi."
    )
    with pytest.raises(InsufficientData, match=r"không có bình luận nào trên X\.$"):
        say.require_comments(_nb("Lumi", platforms=["x"]), pd.DataFrame(), "The headline")
    assert say.nothing_to_read("Lumi", start="2026-08-03", end="2026-08-03") == (
        "Báo cáo kỳ vọng khách hàng cần bình luận của khách hàng trên các kênh của Lumi hoặc "
        "lượt nhắc đến Lumi; thư mục này không có cả bình luận lẫn lượt nhắc đến về Lumi trong kỳ "
        "03/08/2026 (1 ngày)."
    )


def test_the_accuracy_section_says_in_vietnamese_where_the_error_rates_were_measured(vi):
    from smmnb.text.evaluate import error_rates

    rates = error_rates()
    interval = SimpleNamespace(net=0.031, net_adjusted=0.012, net_low=-0.07, net_high=0.09,
                               negative=0.28, negative_adjusted=0.31, negative_low=0.23,
                               negative_high=0.38, level=0.9, source=rates.describe(["vi"]),
                               other_text=True)  # fmt: skip
    assert say.net_interval(interval).endswith(
        "Các tỷ lệ lỗi này được đo trên văn bản thật do người khác viết và gắn nhãn (ý kiến phản "
        "hồi của sinh viên Việt Nam: 1.583 văn bản; đánh giá sản phẩm bằng tiếng Việt: 16.087 "
        "văn bản), không phải trên các bình luận này, nên chỉ mang tính tham khảo chứ không phải "
        "một phép hiệu chỉnh chính xác."
    )
    lines = say.real_accuracy(rates.summary(["vi"])).splitlines()
    assert lines[2].startswith("- ý kiến phản hồi của sinh viên Việt Nam (1.583 văn bản): macro-F1")
    shown = say.real_table(rates.summary(["en"]))
    assert shown[["lang", "data set"]].iloc[0].tolist() == [
        "tiếng Anh", "tweet tiếng Anh về các thương hiệu tại một hội chợ triển lãm"
    ]  # fmt: skip


def test_tables_show_intents_and_labels_in_the_report_language_and_keep_the_codes(vi):
    frame = pd.DataFrame({"platform": ["tiktok", "zalo"], "intent": ["question", "complaint"],
                          "label": ["negative", "positive"],
                          "significant": [True, False]})  # fmt: skip
    shown = say.readable(frame)
    assert shown.to_dict("list") == {"platform": ["TikTok", "Zalo"],
                                     "intent": ["câu hỏi", "phàn nàn"],
                                     "label": ["tiêu cực", "tích cực"],
                                     "significant": ["có", "không"]}  # fmt: skip
    assert frame["intent"].tolist() == ["question", "complaint"]  # the analysis keeps its codes
    customers = pd.DataFrame({"intent": ["question"], "author": ["a"], "text": ["?"],
                              "created_at": [pd.Timestamp("2026-09-01")]})  # fmt: skip
    assert E.ask_examples(customers)["author"].tolist() == ["Khách hàng 1"]


def test_theme_labels_follow_the_report_language_for_every_built_in_dictionary(vi):
    from smmnb.text.themes import BUILTIN, load_themes

    for name in BUILTIN:
        vi_labels = E.theme_labels(name)  # no language: the report's
        en_labels = E.theme_labels(name, "en")
        assert set(vi_labels) == set(load_themes(name)) == set(en_labels)
        assert all(vi_labels[t] and en_labels[t] for t in vi_labels), name
        assert vi_labels != en_labels, f"{name} has no Vietnamese labels"
    assert E.theme_labels("food_beverage")["delivery"] == "Giao hàng & vận chuyển"
    assert say.theme_source(SimpleNamespace(name="banking", source="settings", comments=0,
                                            coverage=float("nan"), coverages={})) == (
        "Chủ đề được lấy từ bộ từ điển có sẵn *ngân hàng* (được chỉ định trong tệp smmnb.yml của "
        "thư mục)."
    )  # fmt: skip


def test_every_section_notebook_01_names_is_a_catalog_message():
    import json
    from pathlib import Path

    notebook = Path(__file__).parent.parent / "notebooks" / "01_customer_expectations.ipynb"
    code = "".join("".join(c["source"]) for c in json.loads(notebook.read_text())["cells"])
    named = re.findall(r'require_comments\(nb, customer, "([^"]+)"\)', code)
    assert named and set(named) <= set(say.ANALYSES)
    with i18n.use("vi"):
        assert all(i18n._(name) != name for name in say.ANALYSES)
