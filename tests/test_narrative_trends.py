"""smmnb.narrative.trends: the sentences of 03_trends, on thin and odd data (issue 12)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from smmnb import trends
from smmnb.errors import InsufficientData
from smmnb.narrative import trends as say

LEAK = re.compile(r"\bnan\b|\binf\b|nan%", re.IGNORECASE)


def _clean(text: str) -> str:
    assert not LEAK.search(text), text
    return text


def test_require_names_the_filter_or_the_empty_folder():
    say.require("Spotting spikes", "mentions", 3, 10, "mention", "on zalo")  # enough: no error
    with pytest.raises(InsufficientData) as err:
        say.require("Spotting spikes", "mentions", 0, 0, "mention", "on zalo")
    assert str(err.value) == "Spotting spikes needs mentions; this folder has none."
    with pytest.raises(InsufficientData) as err:
        scope = say.where(brand="Sen Tea", platforms=["zalo"], end="2026-10-31")
        say.require("Forecasting followers", "daily follower counts", 0, 2760, "follower count",
                    scope)  # fmt: skip
    assert str(err.value) == (
        "Forecasting followers needs daily follower counts; this folder has 2,760 follower "
        "counts, none for Sen Tea on Zalo up to 31 Oct 2026."
    )


def test_share_of_voice_needs_two_brands_in_the_words_of_the_issue():
    folder = pd.Series(["Apple"] * 5)
    with pytest.raises(InsufficientData) as err:
        say.require_brands("Share of voice", folder, folder, "in scope")
    assert str(err.value) == (
        "Share of voice needs mentions of at least two brands; this folder has mentions of "
        "Apple only."
    )
    # The filter, not the folder, leaves one brand: the sentence says so.
    with pytest.raises(InsufficientData) as err:
        say.require_brands("Share of voice", folder, pd.Series(["Apple", "Samsung"]), "on x")
    assert str(err.value).endswith("; the mentions on x are of Apple only.")
    say.require_brands("Share of voice", pd.Series(["A", "B"]), pd.Series(["A", "B"]), "")


def test_scope_counts_brands_from_the_data_and_says_what_the_platform_filter_does():
    mentions = pd.DataFrame({"brand": ["United", "Delta", "Alaska"], "platform": ["x", None, "x"]})
    names = ["Delta", "American", "Southwest", "JetBlue", "Alaska"]
    text = _clean(say.scope("United", names, mentions, 0, ["x"]))
    assert text.startswith(
        "**United** is compared with Delta, American, Southwest, JetBlue and Alaska (6 brands). "
        "The period holds 3 mentions (of United, Delta and Alaska) and 0 posts by United."
    )
    assert "only mentions on X are counted, with 1 mention that names no platform." in text
    assert "three" not in text
    alone = _clean(say.scope("Moc Coffee", [], mentions.iloc[:0], 1, []))
    assert alone == (
        "**Moc Coffee** has no competitor in the data. The period holds no mentions and 1 post "
        "by Moc Coffee."
    )


def test_hashtag_line_with_one_few_and_many_weeks():
    weeks = pd.date_range("2026-08-03", periods=8, freq="7D")
    line = pd.DataFrame({"period": weeks, "count": [0, 1, 0, 2, 10, 20, 30, 40],
                         "documents": [100] * 8})  # fmt: skip
    line["share"] = line["count"] / line["documents"]
    many = _clean(say.hashtag_line(line, "#x", rising=True))
    # The 4 weeks before the last four, pooled: 3 of 400 documents.
    assert many == (
        "The rising hashtag **\\#x** was in 0.8% of mentions in the 4 weeks before the last "
        "four, and in **40.0%** in the week of 21 Sep."
    )
    few = _clean(say.hashtag_line(line.iloc[:3], "#x", rising=False))
    assert few.startswith(
        "The most used hashtag **\\#x** was in 0.0% of mentions in the week of 03 Aug"
    )
    one = _clean(say.hashtag_line(line.iloc[1:2], "#x", rising=False))
    assert one.endswith(
        "of the mentions of the week of 10 Aug; one week is too short to see a trend."
    )
    with pytest.raises(InsufficientData, match="none of the 12 mentions in the period uses one"):
        say.require_hashtags(line.iloc[:0], 12)


def test_share_of_voice_sentence_without_engagements_or_history():
    totals = pd.DataFrame({"brand": ["Moc", "Lumi"], "mentions": [3, 1],
                           "share of mentions": [0.75, 0.25], "engagements": [np.nan, np.nan],
                           "share of engagements": [np.nan, np.nan]})  # fmt: skip
    text = _clean(say.share_of_voice(totals, "Lumi", None))
    assert text == (
        "**Lumi has 25.0% of the mentions of the 2 brands** in the period, behind **Moc** "
        "(75.0%). There are no earlier mentions in the data to compare its share with."
    )
    change = {"recent": (pd.Timestamp("2026-10-04"), pd.Timestamp("2026-10-31")),
              "before": (pd.Timestamp("2026-09-06"), pd.Timestamp("2026-10-03")),
              "share_recent": 0.3, "share_before": 0.2, "mentions_recent": 100,
              "mentions_before": 90, "diff": 0.1, "p_value": 0.01, "significant": True}  # fmt: skip
    text = _clean(say.share_of_voice(totals, "Lumi", change))
    assert text.endswith(
        "From 04 Oct to 31 Oct it had 30.0% of 100 mentions, against 20.0% of 90 mentions from "
        "06 Sep to 03 Oct (+10.0 points; a significant change, p = 0.010)."
    )


def _alerts(rows, unjudged=0):
    df = pd.DataFrame(rows, columns=["brand", "period", "count", "baseline", "score", "is_spike",
                                     "alert_at"])  # fmt: skip
    df["period"] = pd.to_datetime(df["period"])
    df.attrs = {"weeks": 8, "unjudged": unjudged, "first_judged": pd.Timestamp("2026-09-25")}
    return df


def test_spikes_sentence_counts_and_the_days_not_judged():
    alerts = _alerts(
        [("Lumi", "2026-09-24", 5, np.nan, np.nan, False, np.nan),
         ("Lumi", "2026-09-25", 90, 30.0, 8.0, True, 50.0),
         ("Sen", "2026-09-25", 9, 10.0, 0.0, False, 20.0)],
        unjudged=1,
    )  # fmt: skip
    text = _clean(say.spikes(alerts, "Lumi"))
    assert text == (
        "The first 1 day of the period has fewer than 8 weeks of mentions before it and is not "
        "judged; the check runs from 25 Sep 2026. **1 spike day for Lumi** in the period. The "
        "largest, on **Friday 25 Sep 2026**, had **90 mentions** against a baseline of 30 (3.0x; "
        "score 8.0, alert from 50). No competitor had a spike."
    )
    quiet = _clean(say.spikes(alerts[alerts["brand"] == "Lumi"].assign(is_spike=False), "Lumi"))
    assert "No day of Lumi reached its alert line" in quiet and "competitor" not in quiet
    zero = _alerts([("Lumi", "2026-09-25", 9, 0.0, 4.0, True, 3.5)])
    assert "(score 4.0, alert from 4)" in _clean(say.spikes(zero, "Lumi"))


def test_spike_explanation_on_one_platform_makes_no_platform_claim():
    why = trends.SpikeExplanation(
        period=pd.Timestamp("2026-09-18"), count=10, baseline=2.0,
        terms=pd.DataFrame({"term": ["late"], "significant": [False], "rate_recent": [0.5],
                            "rate_baseline": [0.1], "example": ["so late"]}),
        platforms=pd.DataFrame({"platform": ["tiktok"], "count": [10], "share": [1.0],
                                "baseline_share": [1.0], "ratio": [1.0]}),
        sentiment=pd.DataFrame(), themes=pd.DataFrame(),
        authors=pd.DataFrame({"author": ["Vy"], "platform": ["tiktok"],
                              "author_followers": [np.nan]}),
    )  # fmt: skip
    text = _clean(say.spike_explanation(why, "Lumi"))
    assert text == (
        "On 18 Sep no word or phrase was used significantly more than in the 28 days before: the "
        "mentions were more of the usual."
    )


def test_best_weekday_and_no_hours():
    slots = pd.DataFrame({"weekday": [3, 0, 6], "posts": [4, 5, 1], "value": [1.2, 0.9, 2.0],
                          "ci_low": [1.05, 0.7, np.nan],
                          "ci_high": [1.35, 1.1, np.nan]})  # fmt: skip
    slots.attrs = {"posts": 10, "first": pd.Timestamp("2026-05-01"),
                   "last": pd.Timestamp("2026-05-31"), "metric": "er_reach"}  # fmt: skip
    text = _clean(say.best_weekday(slots))
    assert text == (
        "From 10 posts with reach published 01 May 2026 to 31 May 2026 (31 days). **Thursday is "
        "the best weekday**: its posts reached an engagement rate 1.20 times that of comparable "
        "posts (4 posts; 95% interval 1.05 to 1.35). The weakest is Monday (0.90)."
    )
    assert "not measurable" in _clean(say.no_hours(3)) and "00:00" in say.no_hours(3)
    assert list(say.slot_table(slots).columns) == ["day", "posts", "value", "ci_low", "ci_high"]


def test_formats_sentence_when_nothing_can_be_compared():
    table = pd.DataFrame({"platform": ["tiktok"], "format": ["short"], "compared_with": [None],
                          "significant": pd.array([pd.NA], dtype="boolean"), "ratio": [np.nan],
                          "p_holm": [np.nan]})  # fmt: skip
    text = _clean(say.formats(table, None))
    assert text == (
        "No format could be compared with the platform's other formats: a comparison needs at "
        "least 3 posts on each side."
    )


def test_growth_sentences_on_short_and_falling_series():
    rates = pd.DataFrame({"platform": ["zalo", "x"], "days": [10, 40], "followers": [100.0, 50.0],
                          "gain_28d": [np.nan, -12.0], "rel_change_28d": [np.nan, -0.2],
                          "gain_prev_28d": [np.nan, np.nan]})  # fmt: skip
    growth = trends.GrowthForecast(history=pd.DataFrame(), rates=rates,
                                   forecast=pd.DataFrame(columns=["platform"]),
                                   targets=pd.DataFrame())  # fmt: skip
    none = pd.DataFrame(columns=["platform"])
    assert _clean(say.growth(growth, none, "zalo")) == (
        "**Zalo** has 10 days of follower counts: too few for a 28-day gain."
    )
    assert _clean(say.growth(growth, none, "x")) == (
        "**X** lost 12 followers in the last 28 days (the 28 days before are not in the data)."
    )
    table = say.growth_table(rates.assign(gain_28d=[5.0, 10.0], gain_prev_28d=[-3.0, 8.0]))
    assert np.isnan(table["rel_change"].iloc[0])
    assert table["rel_change"].iloc[1] == pytest.approx(0.25)
    assert say.too_short({("A", "zalo"): 10}) == (
        "Not forecast, for having fewer than 28 days of follower counts: Zalo (10 days)."
    )


def test_recommendations_are_empty_without_findings():
    assert say.recommendations({}) == ""
    assert say.recommendations({"lead": None, "late_targets": pd.DataFrame()}) == ""
    recs = say.recommendations({"window": {"days": "weekdays", "start_hour": 9, "end_hour": 11,
                                           "ratio": 1.25}})  # fmt: skip
    assert recs == (
        "1. Move posts to weekdays 09:00 to 10:59: comparable posts there got 1.25x the "
        "engagement rate; test it on a few posts first."
    )


def test_share_of_voice_names_every_brand_level_with_the_leader():
    totals = pd.DataFrame({"brand": ["American", "Delta", "United", "Alaska"],
                           "mentions": [153, 153, 153, 152],
                           "share of mentions": [153 / 611, 153 / 611, 153 / 611, 152 / 611],
                           "share of engagements": [np.nan] * 4})  # fmt: skip
    text = _clean(say.share_of_voice(totals, "United", None))
    assert text.startswith(
        "**United has 25.0% of the mentions of the 4 brands** in the period, level with "
        "**American** and **Delta**."
    )


def test_posting_time_says_when_the_rate_is_on_impressions_and_hours_are_unknown():
    slots = pd.DataFrame({"weekday": [2], "posts": [3], "value": [1.1], "ci_low": [0.8],
                          "ci_high": [1.4]})  # fmt: skip
    slots.attrs = {"posts": 3, "first": pd.Timestamp("2026-05-06"),
                   "last": pd.Timestamp("2026-05-20"), "metric": "er_impressions"}  # fmt: skip
    text = _clean(say.posting_time(slots, {}, None))
    assert text.startswith("Reach is not reported for these posts, so the engagement rate here is")
    assert "hour of publication is not measurable" in text
    assert "From 3 posts with impressions published 06 May 2026 to 20 May 2026 (15 days)." in text
    assert "which includes 1: it may be chance" in text


def test_growth_sentence_quotes_the_scorecards_forecast_on_the_due_day(ws):
    """Notebooks 02 (scorecard) and 03 (growth) give one follower forecast for a target."""
    from smmnb import campaigns, trends
    from smmnb.narrative import count
    from smmnb.narrative import trends as say

    lumi = ws.filter(brand="Lumi")
    end = "2026-10-31"
    history = lumi.filter(end=end)
    goals = trends.follower_targets(history.targets, end)
    horizon = trends.forecast_horizon(goals, end, 90)  # past the due day: quote the due day
    growth = trends.follower_growth(
        history.followers,
        horizon=horizon,
        as_of=end,
        target=dict(zip(goals["platform"], goals["target"], strict=True)),
    )
    on_time = trends.targets_on_time(growth, goals)
    text = say.growth(growth, on_time, "tiktok")
    sc = campaigns.scorecard(lumi, as_of=end)
    row = sc[(sc["kpi"] == "followers") & (sc["platform"] == "tiktok")].iloc[0]
    assert f"By 31 Dec 2026 the forecast is {count(row['forecast'])}" in text
    assert f"(95% interval {count(row['ci_low'])} to {count(row['ci_high'])})" in text


# ------------------------------------------------------------------------- in Vietnamese


def test_vietnamese_fallback_names_the_filter_with_platform_names_and_cldr_numbers():
    from smmnb import i18n

    with i18n.use("vi"), pytest.raises(InsufficientData) as err:
        scope = say.where(platforms=["zalo"], end="2026-10-31")
        say.require(say.SPIKES, say.LISTENING, 0, 17502, "mention", scope)
    assert str(err.value) == (
        "Phần phát hiện đột biến cần lượt nhắc đến (dữ liệu lắng nghe mạng xã hội); thư mục này có "
        "17.502 lượt nhắc đến, nhưng trên Zalo đến hết 31/10/2026 thì không có."
    )


def test_vietnamese_best_weekday_uses_cldr_weekday_names():
    from smmnb import i18n

    slots = pd.DataFrame({"weekday": [3, 0, 6], "posts": [4, 5, 1], "value": [1.2, 0.9, 2.0],
                          "ci_low": [1.05, 0.7, np.nan],
                          "ci_high": [1.35, 1.1, np.nan]})  # fmt: skip
    slots.attrs = {"posts": 10, "first": pd.Timestamp("2026-05-01"),
                   "last": pd.Timestamp("2026-05-31"), "metric": "er_reach"}  # fmt: skip
    with i18n.use("vi"):
        text = _clean(say.best_weekday(slots))
        table = say.slot_table(slots)
    assert text == (
        "Dựa trên 10 bài đăng có lượt tiếp cận, đăng từ 01/05/2026 đến 31/05/2026 (31 ngày). "
        "**Thứ Năm là ngày tốt nhất trong tuần**: bài đăng ngày này đạt tỷ lệ tương tác gấp 1,20 "
        "lần bài đăng tương đương (4 bài đăng; khoảng tin cậy 95% từ 1,05 đến 1,35). Yếu nhất là "
        "Thứ Hai (0,90)."
    )
    assert list(table["day"]) == ["Thứ Năm", "Thứ Hai"]


def test_vietnamese_share_of_voice_and_its_tested_change():
    from smmnb import i18n

    totals = pd.DataFrame({"brand": ["Moc", "Lumi"], "mentions": [3, 1],
                           "share of mentions": [0.75, 0.25], "engagements": [np.nan, np.nan],
                           "share of engagements": [np.nan, np.nan]})  # fmt: skip
    change = {"recent": (pd.Timestamp("2026-10-04"), pd.Timestamp("2026-10-31")),
              "before": (pd.Timestamp("2026-09-06"), pd.Timestamp("2026-10-03")),
              "share_recent": 0.3, "share_before": 0.2, "mentions_recent": 100,
              "mentions_before": 90, "diff": 0.1, "p_value": 0.01, "significant": True}  # fmt: skip
    with i18n.use("vi"):
        text = _clean(say.share_of_voice(totals, "Lumi", change))
    assert text.startswith(
        "**Lumi chiếm 25,0% lượt nhắc đến của 2 thương hiệu** trong kỳ, xếp sau **Moc** (75,0%). "
        "Từ 04/10 đến 31/10, thương hiệu này chiếm 30,0% trong 100 lượt nhắc đến, so với 20,0% "
        "trong 90 lượt nhắc đến từ 06/09 đến 03/10 (+10,0 điểm %; thay đổi có ý nghĩa thống kê, p"
    )


def test_vietnamese_spikes_and_the_move_posts_action():
    from smmnb import i18n

    alerts = _alerts(
        [("Lumi", "2026-09-24", 5, np.nan, np.nan, False, np.nan),
         ("Lumi", "2026-09-25", 90, 30.0, 8.0, True, 50.0),
         ("Sen", "2026-09-25", 9, 10.0, 0.0, False, 20.0)],
        unjudged=2,
    )  # fmt: skip
    window = {"days": "weekdays", "start_hour": 9, "end_hour": 11, "ratio": 1.25}
    with i18n.use("vi"):
        text = _clean(say.spikes(alerts, "Lumi"))
        action = say.recommendations({"window": window})
    assert text == (
        "2 ngày đầu tiên của kỳ có ít hơn 8 tuần lượt nhắc đến trước đó nên không được đánh giá; "
        "việc kiểm tra bắt đầu từ 25/09/2026. **Lumi có 1 ngày đột biến** trong kỳ. Đột biến lớn "
        "nhất, vào **Thứ Sáu, 25/09/2026**, có **90 lượt nhắc đến** so với mức nền 30 (3,0 lần; "
        "điểm bất thường 8,0, ngưỡng cảnh báo 50). Không đối thủ nào có đột biến."
    )
    assert action == (
        "1. Dời bài đăng sang ngày thường, từ 09:00 đến 10:59: bài đăng tương đương trong khung "
        "này đạt tỷ lệ tương tác bằng 1,25 lần mức ở giờ khác; hãy thử trước với vài bài đăng."
    )


def test_vietnamese_hashtag_share_below_a_tenth_of_a_percent_and_the_platform_filter():
    from smmnb import i18n

    weeks = pd.date_range("2026-08-03", periods=2, freq="7D")
    line = pd.DataFrame({"period": weeks, "count": [0, 1], "documents": [100, 4000]})
    line["share"] = line["count"] / line["documents"]
    mentions = pd.DataFrame({"brand": ["Lumi", "Sen Tea", "Lumi"],
                             "platform": ["tiktok", None, "zalo"]})  # fmt: skip
    with i18n.use("vi"):
        tag = _clean(say.hashtag_line(line, "#caphemuoi", rising=True))
        scope = _clean(say.scope("Lumi", ["Moc Coffee", "Sen Tea"], mentions, 12,
                                 ["tiktok", "zalo"]))  # fmt: skip
    assert tag == (
        "Hashtag đang tăng **\\#caphemuoi** có mặt trong 0,0% lượt nhắc đến ở tuần bắt đầu ngày "
        "03/08 và trong **dưới 0,1%** ở tuần bắt đầu ngày 10/08."
    )
    assert scope == (
        "**Lumi** được so sánh với Moc Coffee và Sen Tea (3 thương hiệu). Trong kỳ có 3 lượt nhắc "
        "đến (về Lumi và Sen Tea) và 12 bài đăng của Lumi. Bộ lọc nền tảng cũng áp dụng cho lượt "
        "nhắc đến: chỉ tính các lượt nhắc đến trên TikTok và Zalo, kèm 1 lượt nhắc đến không ghi "
        "nền tảng."
    )
    assert say.hashtag_line(line, "#x", rising=True).endswith(
        "and in **less than 0.1%** in the week of 10 Aug."
    )
