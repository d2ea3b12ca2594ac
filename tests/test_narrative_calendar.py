"""Sentences of the content calendar: true on one platform, with nothing planned, with no posts."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from smmnb.narrative import calendar as say

LEAK = re.compile(r"\bnan\b|\binf\b|\d\.0\b", re.IGNORECASE)


def _on_time(rows):
    out = pd.DataFrame(rows, columns=["platform", "published_items", "on_time"])
    out["on_time_rate"] = out["on_time"] / out["published_items"]
    out["median_delay_h"] = 0.5
    return out


def test_on_time_never_compares_a_single_platform_with_itself():
    text = say.on_time(_on_time([("tiktok", 8, 6)]), first="2026-10-01", last="2026-10-31")
    assert text.startswith("**75% of the 8 published items planned from 01 Oct 2026 to 31 Oct")
    assert "punctual" not in text and "least" not in text
    two = say.on_time(_on_time([("tiktok", 8, 6), ("zalo", 4, 1)]), first="2026-10-01",
                      last="2026-10-31")  # fmt: skip
    assert "**58% of the 12 published items" in two  # 7 of 12, pooled
    assert "Zalo is the least punctual (1 of 4, 25% on time), TikTok the most (6 of 8, 75%)" in two
    same = say.on_time(_on_time([("tiktok", 4, 4), ("zalo", 2, 2)]), first="2026-10-01",
                       last="2026-10-01")  # fmt: skip
    assert "Every platform has the same rate, 100%." in same and "Late posts" not in same
    assert same.startswith("**100% of the 6 published items planned on 01 Oct 2026 went out")


def test_planned_and_published_with_nothing_planned_or_no_posts():
    def totals(**kw):
        base = dict(planned=0, cancelled=0, published_as_planned=0, open=0, posts=0,
                    unplanned_posts=0)  # fmt: skip
        return pd.Series({**base, **kw})

    kw = dict(whose="Lumi on X", first="2026-10-31", last="2026-10-31")
    assert say.planned_and_published(totals(), **kw) == (
        "Nothing was planned for Lumi on X on 31 Oct 2026, and nothing went out."
    )
    assert say.planned_and_published(totals(posts=3, unplanned_posts=3), **kw) == (
        "Nothing was planned for Lumi on X on 31 Oct 2026; 3 posts went out without a plan item."
    )
    text = say.planned_and_published(
        totals(planned=1, published_as_planned=1, posts=1), whose="Lumi", first="2026-10-01",
        last="2026-10-31",
    )  # fmt: skip
    assert text == (
        "From 01 Oct 2026 to 31 Oct 2026, **1 of 1 planned item for Lumi was published (100%)**. "
        "Every one of the 1 post that went out had a plan item."
    )
    text = say.planned_and_published(
        totals(planned=4, published_as_planned=2, open=2, cancelled=1, posts=5, unplanned_posts=3),
        whose="Lumi", first="2026-10-01", last="2026-10-07",
    )  # fmt: skip
    assert "**2 of 4 planned items for Lumi were published (50%)**; 2 were neither" in text
    assert "1 more was cancelled" in text and "3 of the 5 posts that went out had no plan" in text


def test_plan_sentences():
    empty = pd.DataFrame(columns=["planned_local", "status"])
    text = say.plan(empty, as_of="2026-10-31", first="2026-10-26", last="2026-11-08",
                    whose="Lumi on Google", elsewhere=["facebook", "zalo"])  # fmt: skip
    assert text == (
        "Nothing is planned for Lumi on Google from 26 Oct 2026 to 08 Nov 2026. The brand's "
        "calendar plans for Facebook and Zalo only."
    )
    items = pd.DataFrame(
        {
            "planned_local": pd.to_datetime(["2026-10-30 09:00", "2026-11-01 19:00",
                                             "2026-11-02 19:00", "2026-11-03 19:00"]),
            "status": ["published", "scheduled", "planned", "cancelled"],
        }
    )  # fmt: skip
    text = say.plan(items, as_of="2026-10-31", first="2026-10-26", last="2026-11-08",
                    whose="Lumi")  # fmt: skip
    assert "After 31 Oct 2026, 2 items are still to go out, 1 of them already scheduled" in text
    items.loc[1, "status"] = "planned"
    text = say.plan(items, as_of="2026-10-31", first="2026-10-26", last="2026-11-08", whose="Lumi")
    assert text.endswith("2 items are still to go out, none of them is scheduled in a tool yet.")
    assert say.who("Lumi", ["tiktok"]) == "Lumi on TikTok" and say.who("Lumi", []) == "Lumi"


def test_gaps_cadence_and_slots_on_one_platform():
    gaps = pd.DataFrame({"platform": ["x"], "empty_days": [14]})
    none = pd.DataFrame(columns=["campaign", "platform"])
    text = say.gaps_and_overdue(gaps, pd.DataFrame(columns=["days_overdue"]), none,
                                as_of="2026-10-31", days=14, platforms=["x"])  # fmt: skip
    assert text.startswith("Nothing is planned at all on X in the 14 days after 31 Oct 2026.")
    assert "No item is overdue." in text and "No social ad ran in the last 28 days" in text
    cad = pd.DataFrame(
        {"platform": ["x"], "published_per_week": [3.25], "planned_per_week": [0.0],
         "recommended_min": [7.0], "recommended_max": [35.0], "status": ["below"]}
    )  # fmt: skip
    assert say.cadence(cad, as_of="2026-10-31") == (
        "**The plan is below the recommended rhythm** on X, nothing planned against at least 7 "
        "a week recommended (3.2 a week published in the 4 weeks to 31 Oct 2026)."
    )
    within = cad.assign(planned_per_week=10.0, status="within")
    assert say.cadence(within, as_of="2026-10-31") == (
        "The plan is within the recommended rhythm on X."
    )
    slots = pd.DataFrame(columns=["platform", "hour", "weekday", "value"])
    text = say.slots(slots, week="2026-11-02", wanted=["facebook", "x"], full=["facebook"])
    assert text == (
        "No open slot can be suggested for the week of 02 Nov 2026. No open day left on "
        "Facebook: every day already has an item. On X, no open day falls in a slot with at least "
        "3 past posts with reach."
    )
    one = pd.DataFrame({"platform": ["x"], "slot": [pd.Timestamp("2026-11-03 19:00")],
                        "hour": [19], "weekday": [1], "value": [0.875]})  # fmt: skip
    assert say.slots(one, week="2026-11-02", wanted=["x"], full=[]) == (
        "**1 open slot suggested for the week of 02 Nov 2026**: Tuesday 03 Nov at 19:00 on X; "
        "comparable past posts at that time got 0.88x the average engagement rate. That is no "
        "better than the average post: this is the best open slot, not a good one."
    )
    # a slot below the average post is not recommended
    assert say.recommendations(slots=one) == "Nothing in this data calls for a change to the plan."
    two = pd.concat([one, one.assign(value=1.3, hour=20)], ignore_index=True)
    assert "at 19:00 and 20:00, all on weekdays" in say.slots(two, week="2026-11-02",
                                                              wanted=["x"], full=[])  # fmt: skip
    assert say.recommendations(slots=two).startswith(
        "1. Try the 1 suggested slot that beat the average post next week and compare its "
    )


def test_recommendations_only_where_the_data_support_them():
    assert say.recommendations() == "Nothing in this data calls for a change to the plan."
    few = _on_time([("tiktok", 4, 1)])  # 25% on time, but 4 items are too few to advise on
    assert say.recommendations(on_time=few) == (
        "Nothing in this data calls for a change to the plan."
    )
    many = _on_time([("tiktok", 40, 10)])
    text = say.recommendations(
        overdue=pd.DataFrame({"days_overdue": [3]}), on_time=many,
        cadence=pd.DataFrame({"platform": ["x"], "status": ["below"]}),
    )  # fmt: skip
    assert text.splitlines() == [
        "1. Clear the 1 overdue item: publish or cancel it, so the plan shows what will really "
        "go out.",
        "2. Plan more on X to reach the recommended weekly rhythm, or decide that this channel "
        "gets less.",
        "3. Schedule posts in the platforms' tools: only 25% of 40 published items went out "
        "within an hour of the plan.",
    ]


def test_no_sentence_leaks_nan_or_decimals_of_counts():
    ot = _on_time([("tiktok", 0, 0)]).assign(on_time_rate=np.nan)
    text = say.on_time(ot, first="2026-10-01", last="2026-10-31")
    assert "not measurable" in text and not LEAK.search(text)
    totals = pd.Series({"planned": 3.0, "cancelled": 0.0, "published_as_planned": 2.0,
                        "open": 1.0, "posts": 2.0, "unplanned_posts": 0.0})  # fmt: skip
    text = say.planned_and_published(totals, whose="Lumi", first="2026-10-01", last="2026-10-02")
    assert not LEAK.search(text)
    assert say.no_calendar("Moc Coffee", []) == (
        "The content calendar needs a calendar table for Moc Coffee; this folder has none."
    )
    assert say.nothing_to_export(pd.Timestamp("2026-10-31")) == (
        "The export needs planned or scheduled items after 31 Oct 2026; this calendar has none."
    )


def test_slots_say_why_a_platform_without_reach_gets_none():
    slots = pd.DataFrame(columns=["platform", "hour", "weekday", "value"])
    text = say.slots(slots, week="2026-11-02", wanted=["linkedin", "x"], full=[],
                     unmeasured=["linkedin", "x"])  # fmt: skip
    assert text == (
        "No open slot can be suggested for the week of 02 Nov 2026. Nothing is suggested on "
        "LinkedIn and X: their posts have no reach, and other platforms' timing is no guide."
    )


def test_vietnamese_sentences_keep_their_numbers_and_read_in_vietnamese():
    from smmnb import i18n

    with i18n.use("vi"):
        totals = pd.Series({"planned": 384, "cancelled": 5, "published_as_planned": 372,
                            "open": 12, "posts": 452, "unplanned_posts": 80})  # fmt: skip
        assert say.planned_and_published(
            totals, whose="Lumi", first="2026-08-03", last="2026-10-31"
        ) == (
            "Từ 03/08/2026 đến 31/10/2026, **372 trên 384 mục trong kế hoạch của Lumi đã được "
            "đăng (97%)**; 12 mục chưa được đăng mà cũng chưa bị hủy; 5 mục khác đã bị hủy. "
            "Trong 452 bài đăng đã lên, 80 bài không có trong kế hoạch."
        )
        two = say.on_time(_on_time([("tiktok", 8, 6), ("zalo", 4, 1)]), first="2026-10-01",
                          last="2026-10-31")  # fmt: skip
        assert two.startswith(
            "**Trong 12 mục đã đăng theo kế hoạch từ 01/10/2026 đến 31/10/2026, 58% được đăng "
            "đúng giờ** (trễ không quá một giờ so với kế hoạch). Zalo kém đúng giờ nhất (1 trên 4, "
            "25% đúng giờ), TikTok đúng giờ nhất (6 trên 8, 75%)."
        )
        assert say.review("2026-10-31", "2026-10-26", "2026-11-02") == (
            "Kế hoạch được rà soát vào Thứ Bảy, 31/10/2026: tuần này bắt đầu từ Thứ Hai, "
            "26/10/2026, tuần sau từ Thứ Hai, 02/11/2026."
        )
        gaps = pd.DataFrame({"platform": ["linkedin", "x", "zalo"], "empty_days": [14, 14, 3]})
        text = say.gaps_and_overdue(
            gaps, pd.DataFrame({"days_overdue": [157, 3]}), pd.DataFrame(columns=["campaign"]),
            as_of="2026-10-31", days=14, platforms=["linkedin", "x", "zalo"],
        )  # fmt: skip
        assert text.startswith(
            "**31 ngày trống** (tính riêng từng nền tảng) trong 14 ngày sau 31/10/2026; LinkedIn "
            "và X hoàn toàn chưa có gì trong kế hoạch. **2 mục đã quá hạn**, mục cũ nhất được lên "
            "kế hoạch 157 ngày trước ngày rà soát: hãy đăng hoặc hủy các mục này."
        )
        assert say.recommendations(
            overdue=pd.DataFrame({"days_overdue": [3, 4]}), on_time=_on_time([("tiktok", 40, 10)])
        ).splitlines() == [
            "1. Xử lý 2 mục quá hạn: đăng hoặc hủy, để kế hoạch phản ánh đúng những gì sẽ thực "
            "sự được đăng.",
            "2. Hẹn giờ đăng bằng công cụ của các nền tảng: trong 40 mục đã đăng, chỉ 25% lên bài "
            "trễ không quá một giờ so với kế hoạch.",
        ]
        assert say.slot_time(pd.Timestamp("2026-11-05 19:00")) == "Thứ 5, 05/11 19:00"
        assert say.item_status("scheduled") == "đã hẹn giờ"
        assert say.no_calendar("Moc Coffee", ["Lumi"]) == (
            "Lịch nội dung cần bảng lịch nội dung (calendar) của Moc Coffee; thư mục này chỉ có "
            "bảng đó cho Lumi."
        )
    assert say.slot_time(pd.Timestamp("2026-11-05 19:00")) == "Thu 05 Nov 19:00"


def _headers(styler) -> list[str]:
    return re.findall(r'<th [^>]*class="col_heading[^"]*"[^>]*>([^<]*)</th>', styler.to_html())


def test_the_on_time_table_says_on_time_as_the_sentences_do():
    from smmnb import i18n
    from smmnb.formatting import table

    frame = _on_time([("tiktok", 8, 6), ("zalo", 4, 1)])
    shown = say.on_time_table(frame)
    assert list(shown.columns) == ["platform", "published_items", "published_on_time",
                                   "on_time_rate", "median_delay_h"]  # fmt: skip
    assert list(frame.columns)[2] == "on_time"  # the analysis' frame keeps its code
    english = ["platform", "published items", "on time", "on-time rate", "median delay (hours)"]
    assert _headers(table(shown)) == english  # as before
    with i18n.use("vi"):
        headers = _headers(table(shown, percent=["on_time_rate"]))
        sentence = say.on_time(frame, first="2026-10-01", last="2026-10-31")
        # a follower target reached by its due day keeps its own word
        target = _headers(table(pd.DataFrame({"platform": ["tiktok"], "on_time": [True]})))
    assert headers[2:4] == ["đúng giờ", "tỷ lệ đúng giờ"]
    assert "đúng giờ" in sentence and "đúng hạn" not in sentence
    assert target == ["nền tảng", "đúng hạn"]
