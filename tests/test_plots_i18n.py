"""Charts in the report language, in the report's accent, with fonts that render Vietnamese.

Texts are read back from the Axes (titles, tick labels after a draw, legends, annotations) and
compared exactly, so a wrong template, separator or weekday name fails.
"""

from __future__ import annotations

import warnings

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex

from smmnb import i18n, plots


@pytest.fixture(autouse=True)
def _english_and_no_figures_after():
    yield
    i18n.set_language("en")
    plt.close("all")


@pytest.fixture
def vi():
    with i18n.use("vi"):
        yield


def _ticks(labels) -> list[str]:
    return [t.get_text() for t in labels]


def _drawn(ax: plt.Axes) -> plt.Axes:
    ax.figure.canvas.draw()
    return ax


# --- Vietnamese texts -------------------------------------------------------------------------


def test_funnel_in_vietnamese(vi):
    data = pd.DataFrame({"platform": ["facebook", "tiktok"], "impressions": [10_000, 4_000],
                         "clicks": [150, 90], "conversions": [6, 2]})  # fmt: skip
    ax = plots.funnel(data)
    assert ax.get_title() == "Phễu chuyển đổi theo nền tảng"
    assert ax.get_ylabel() == "số lượng (thang log)"
    assert _ticks(ax.get_xticklabels()) == ["lượt hiển thị", "lượt nhấp", "chuyển đổi"]
    legend = ax.get_legend()
    assert legend.get_title().get_text() == "nền tảng"
    assert _ticks(legend.get_texts()) == [
        "Facebook: CTR 1,50%, CVR 4,0%", "TikTok: CTR 2,25%, CVR 2,2%"]  # fmt: skip
    _drawn(ax)
    assert _ticks(ax.get_yticklabels()) == ["1", "10", "100", "1.000", "10.000", "100.000"]


def test_best_time_heatmap_weekdays_and_title_in_vietnamese(vi):
    data = pd.DataFrame({"weekday": [0, 4], "hour": [9, 20], "value": [1.2, 0.8],
                         "posts": [5, 3]})  # fmt: skip
    ax = plots.best_time_heatmap(data, min_posts=3)
    assert _ticks(ax.get_yticklabels()) == [
        "Thứ 2", "Thứ 3", "Thứ 4", "Thứ 5", "Thứ 6", "Thứ 7", "CN"]  # fmt: skip
    assert ax.get_title() == "Theo thứ và giờ địa phương (ô xám: dưới 3 bài đăng)"
    assert ax.get_xlabel() == "giờ đăng"


def test_best_time_heatmap_weekdays_in_english():
    data = pd.DataFrame({"weekday": [0], "hour": [9], "value": [1.2], "posts": [1]})
    ax = plots.best_time_heatmap(data, min_posts=1)
    assert _ticks(ax.get_yticklabels()) == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    assert ax.get_title() == "By local weekday and hour (grey: fewer than 1 post)"


def test_scorecard_in_vietnamese(vi):
    data = pd.DataFrame({"kpi": ["followers", "cpa"], "platform": ["tiktok", None],
                         "campaign": [None, "Cold Brew"], "target": [100.0, 50.0],
                         "forecast": [80.0, 40.0], "direction": ["higher", "lower"],
                         "status": ["off_track", "on_track"]})  # fmt: skip
    ax = plots.scorecard(data)
    assert ax.get_title() == "Dự báo cuối kỳ, tính theo phần trăm mục tiêu"
    assert _ticks(ax.get_yticklabels()) == ["người theo dõi / TikTok", "CPA / Cold Brew"]
    assert [t.get_text() for t in ax.texts] == ["  80%  chậm tiến độ", "  125%  đúng tiến độ"]


def test_date_ticks_read_as_vietnamese_days(vi):
    periods = pd.date_range("2026-03-02", periods=3, freq="W-MON")
    data = pd.DataFrame({"period": periods, "term": ["cà phê"] * 3, "count": [1, 2, 3],
                         "share": [0.1, 0.2, 0.25]})  # fmt: skip
    ax = _drawn(plots.term_trends(data))
    assert ax.get_title() == "Tỷ lệ nội dung có dùng từng từ khóa"
    assert _ticks(ax.get_xticklabels()) == [
        "03/03\n2026", "05/03", "07/03", "09/03", "11/03", "13/03", "15/03"]  # fmt: skip
    assert _ticks(ax.get_yticklabels())[:3] == ["8%", "10%", "12%"]
    assert ax.get_legend().get_title().get_text() == "từ khóa"


def test_month_ticks_read_as_vietnamese_months_with_local_thousands(vi):
    days = pd.date_range("2026-05-01", "2026-10-31")
    wide = pd.DataFrame({"tiktok": np.arange(len(days)) * 1000.0}, index=days)
    ax = _drawn(plots.platform_lines(wide))
    assert _ticks(ax.get_xticklabels()) == [
        "thg 5\n2026", "thg 6", "thg 7", "thg 8", "thg 9", "thg 10", "thg 11"]  # fmt: skip
    assert "175.000" in _ticks(ax.get_yticklabels())
    assert _ticks(ax.get_legend().get_texts()) == ["TikTok"]
    assert ax.get_legend().get_title().get_text() == "nền tảng"


def test_month_ticks_in_english():
    days = pd.date_range("2026-05-01", "2026-10-31")
    ax = _drawn(plots.platform_lines(pd.DataFrame({"x": np.ones(len(days))}, index=days)))
    assert _ticks(ax.get_xticklabels())[:3] == ["May\n2026", "Jun", "Jul"]


def test_date_formatter_marks_a_new_year_and_times():
    ticks = plt.matplotlib.dates.date2num(pd.to_datetime(["2026-12-28", "2027-01-04"]))
    with i18n.use("vi"):
        assert plots.DateFormatter().format_ticks(ticks) == ["28/12\n2026", "04/01\n2027"]
    hours = plt.matplotlib.dates.date2num(pd.to_datetime(["2026-09-18 22:00", "2026-09-19 02:00"]))
    assert plots.DateFormatter().format_ticks(hours) == ["22:00\n18 Sep", "02:00\n19 Sep"]


def test_number_formatter_chooses_the_decimals_the_ticks_need(vi):
    assert plots.NumberFormatter().format_ticks([0.0, 0.5, 1.0, 1.5]) == [
        "0,0",
        "0,5",
        "1,0",
        "1,5",
    ]
    assert plots.NumberFormatter().format_ticks([0, 2500, 5000]) == ["0", "2.500", "5.000"]


def test_spike_chart_and_calendar_weeks_dates_in_vietnamese(vi):
    periods = pd.date_range("2026-08-03", periods=5, freq="W-MON")
    data = pd.DataFrame({"period": periods, "count": [10, 12, 11, 40, 13],
                         "baseline": [10.0, 10.5, 11.0, 11.0, 11.5],
                         "alert_at": [16.0, 17.0, 17.5, 17.5, 18.0],
                         "is_spike": [False, False, False, True, False]})  # fmt: skip
    ax = plots.spike_chart(data)
    assert [t.get_text() for t in ax.texts] == ["24/08"]
    assert ax.get_title() == "Lượt nhắc đến theo kỳ và quy tắc phát hiện đột biến"
    assert _ticks(ax.get_legend().get_texts()) == [
        "từ mức nền đến ngưỡng cảnh báo", "mức nền", "số lượng", "đột biến"]  # fmt: skip
    fig, ax2 = plt.subplots()
    weeks = pd.to_datetime(["2026-03-02", "2026-03-09"])
    plots.calendar_weeks(pd.DataFrame({"week": weeks, "planned": [4, 3], "published": [1, 3]}),
                         ax=ax2)  # fmt: skip
    assert _ticks(ax2.get_xticklabels()) == ["02/03", "09/03"]
    assert _ticks(ax2.get_legend().get_texts()) == ["theo kế hoạch", "đã đăng"]


def test_percent_axes_use_the_decimal_comma(vi):
    data = pd.DataFrame({"platform": ["facebook"], "format": ["video"], "value": [0.045],
                         "ci_low": [0.04], "ci_high": [0.05]})  # fmt: skip
    ax = plots.format_comparison(data)
    ax.set_xlim(0.04, 0.05)
    _drawn(ax)
    assert _ticks(ax.get_xticklabels())[:3] == ["4,0%", "4,2%", "4,4%"]
    assert _ticks(ax.get_yticklabels()) == ["Facebook: video"]


def test_coverage_in_vietnamese(vi):
    weeks = pd.date_range("2026-01-05", periods=2, freq="W-MON")
    ax = plots.coverage(pd.DataFrame({"posts": [1, 2], "ads": [3, 0]}, index=weeks))
    assert ax.get_title() == "Số dòng mỗi tuần"
    assert _ticks(ax.get_yticklabels()) == ["bài đăng", "quảng cáo"]
    assert _ticks(ax.get_xticklabels()) == ["05/01\n2026", "12/01\n2026"]


def test_growth_fan_legend_in_vietnamese(vi):
    days = pd.date_range("2026-06-04", periods=3, freq="D")
    fc = pd.DataFrame({"date": days, "forecast": [1.0, 2, 3], "ci_low": [0.5, 1, 2],
                       "ci_high": [2.0, 3, 4]})  # fmt: skip
    ax = plots.growth_fan(fc, target=1_250_000)
    assert _ticks(ax.get_legend().get_texts()) == [
        "khoảng 95%", "dự báo", "mục tiêu 1.250.000"]  # fmt: skip
    assert ax.get_title() == "Người theo dõi: lịch sử và dự báo"


# --- the accent ----------------------------------------------------------------------------------

ACCENT = "#aa3355"


def test_single_series_charts_are_drawn_in_the_accent():
    days = pd.date_range("2026-06-01", periods=4, freq="D")
    with plots.theme(accent=ACCENT):
        assert plots.accent() == ACCENT
        daily = pd.DataFrame({"actual": [1.0, 2, 3, 4], "expected": 2.0, "ci_low": 1.0,
                              "ci_high": 3.0, "in_flight": [False, False, True, True]},
                             index=days)  # fmt: skip
        ax = plots.lift_chart(daily)
        assert to_hex(ax.lines[1].get_color()) == ACCENT
        fig, ax = plt.subplots()
        spikes = pd.DataFrame(
            {
                "period": days,
                "count": [1, 2, 9, 2],
                "baseline": 2.0,
                "alert_at": 5.0,
                "is_spike": [False, False, True, False],
            }
        )
        plots.spike_chart(spikes, ax=ax)
        assert to_hex(ax.lines[1].get_color()) == ACCENT
        fig, ax = plt.subplots()
        plots.calendar_weeks(pd.DataFrame({"week": days[:2], "planned": [2, 3],
                                           "published": [1, 3]}), ax=ax)  # fmt: skip
        assert to_hex(ax.patches[-1].get_facecolor()) == ACCENT
        fig, ax = plt.subplots()
        gaps = pd.DataFrame({"theme": ["a"], "share_negative": [0.4], "unanswered": [0.3],
                             "comments": [10]})  # fmt: skip
        plots.gap_chart(gaps, ax=ax)
        assert to_hex(ax.collections[0].get_facecolor()[0]) == ACCENT
        fig, ax = plt.subplots()
        rates = pd.DataFrame({"group": ["c"], "ad": ["A"], "rate": [0.01], "ci_low": [0.008],
                              "ci_high": [0.012]})  # fmt: skip
        plots.creative_comparison(rates, ax=ax)
        assert to_hex(ax.lines[0].get_color()) == ACCENT
        fig, ax = plt.subplots()
        history = pd.DataFrame({"date": days, "followers": [1, 2, 3, 4]})
        forecast = pd.DataFrame({"date": days, "forecast": [4.0, 5, 6, 7], "ci_low": 3.0,
                                 "ci_high": 8.0})  # fmt: skip
        plots.growth_fan(forecast, history=history, ax=ax)
        assert to_hex(ax.lines[0].get_color()) == ACCENT
        fig, ax = plt.subplots()  # several series: the accent leads the colour cycle
        funnel = pd.DataFrame({"platform": ["facebook", "tiktok"], "impressions": [100, 50],
                               "clicks": [10, 5], "conversions": [1, 1]})  # fmt: skip
        plots.funnel(funnel, ax=ax)
        assert to_hex(ax.lines[0].get_color()) == ACCENT
    assert plots.accent() == plots.DEFAULT_ACCENT  # the block's theme is undone


def test_the_default_accent_draws_single_series_charts_without_a_theme():
    days = pd.date_range("2026-06-01", periods=2, freq="D")
    spikes = pd.DataFrame({"period": days, "count": [1, 2], "baseline": 2.0, "alert_at": 5.0,
                           "is_spike": [False, False]})  # fmt: skip
    ax = plots.spike_chart(spikes)
    assert to_hex(ax.lines[1].get_color()) == plots.DEFAULT_ACCENT == "#1565c0"


def test_a_wrong_accent_is_refused():
    with pytest.raises(ValueError, match="accent must be a colour"):
        plots.set_theme(accent="not-a-colour")
    assert plots.accent() == plots.DEFAULT_ACCENT


# --- fonts ---------------------------------------------------------------------------------------


def _missing_glyph_warnings(text: str) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig, ax = plt.subplots()
        ax.set_title(text)
        parts = text.split(", ")
        ax.set_xticks(range(len(parts)), labels=parts)
        fig.canvas.draw()
    return [str(w.message) for w in caught if "missing from font" in str(w.message)]


@pytest.mark.parametrize("themed", [False, True])
def test_the_default_font_renders_vietnamese_diacritics(themed):
    import contextlib

    with plots.theme() if themed else contextlib.nullcontext():
        assert _missing_glyph_warnings("Thứ Sáu, tỷ lệ tương tác, lượt nhắc đến, ưu đãi") == []
        # the check can fail: a glyph the font lacks is reported
        assert _missing_glyph_warnings("中") != []


# --- layout: no text runs over another, in either language ---------------------------------------
# The sample's numbers (Lumi, the last 90 days): themes, platforms and KOLs crowd where they did
# in the reports the Vietnamese review read.

THEMES = {
    "en": ["Delivery & shipping", "App & website", "Taste & product quality",
           "Refunds, returns & cancellations", "Store & space", "Packaging",
           "Staff & customer service", "Price & promotions", "Payment", "Out of stock"],
    "vi": ["Giao hàng & vận chuyển", "Ứng dụng & website", "Hương vị & chất lượng",
           "Hoàn tiền, đổi trả & hủy đơn", "Cửa hàng & không gian", "Đóng gói",
           "Nhân viên & chăm sóc khách hàng", "Giá & khuyến mãi", "Thanh toán", "Hết hàng"],
}  # fmt: skip
GAPS = pd.DataFrame({
    "share_negative": [0.431, 0.453, 0.376, 0.721, 0.207, 0.401, 0.351, 0.195, 0.367, 0.202],
    "unanswered": [0.616, 0.643, 0.643, 0.607, 0.721, 0.649, 0.664, 0.65, 0.61, 0.62],
    "comments": [2450, 1322, 1468, 634, 2007, 964, 965, 1591, 662, 702],
})  # fmt: skip
FUNNEL = pd.DataFrame({
    "platform": ["facebook", "google", "instagram", "tiktok", "youtube", "zalo"],
    "impressions": [27_820_104, 334_407, 4_525_108, 7_484_839, 2_981_432, 2_720_517],
    "clicks": [312_686, 20_676, 36_413, 90_131, 15_047, 24_652],
    "conversions": [12_327, 946, 649, 1_600, 677, 1_160],
})  # fmt: skip
KOLS = pd.DataFrame({
    "influencer": ["Mê Cà Phê Sài Gòn", "Tuấn Ăn Vặt", "Bé Cam Review", "Saigon Foodie Club",
                   "Chill Cùng Mai", "Hà Linh Official"],
    "er_impressions": [0.1139, 0.0558, 0.0586, 0.0373, 0.0493, 0.004],
    "cpe": [1463.41, 1724.14, 1951.22, 2500.0, 4347.83, 32432.43],
    "followers": [28_000, 310_000, 45_000, 420_000, 180_000, 2_100_000],
})  # fmt: skip


def _shown_texts(ax: plt.Axes) -> list:
    """Every non-empty text the Axes draws: title, axis labels, tick labels of ticks in view
    (major and minor), legend title and entries, annotations."""
    _drawn(ax)
    texts = [ax.title, ax.xaxis.label, ax.yaxis.label, *ax.texts]
    for axis in (ax.xaxis, ax.yaxis):
        low, high = sorted(axis.get_view_interval())
        for ticks in (axis.get_major_ticks(), axis.get_minor_ticks()):
            texts += [
                t.label1 for t in ticks if low <= t.get_loc() <= high and t.label1.get_visible()
            ]
    legend = ax.get_legend()
    if legend is not None:
        texts += [legend.get_title(), *legend.get_texts()]
    return [t for t in texts if t.get_text().strip()]


def _overlapping(ax: plt.Axes) -> list[tuple[str, str]]:
    """Pairs of texts whose bounding boxes on the canvas share more than a pixel each way."""
    renderer = ax.figure.canvas.get_renderer()
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in _shown_texts(ax)]
    pairs = []
    for i, (one, a) in enumerate(boxes):
        for other, b in boxes[i + 1 :]:
            width = min(a.x1, b.x1) - max(a.x0, b.x0)
            height = min(a.y1, b.y1) - max(a.y0, b.y0)
            if width > 1 and height > 1:
                pairs.append((one, other))
    return pairs


def _inside(ax: plt.Axes) -> list[str]:
    """The annotations that leave the Axes' frame."""
    renderer = ax.figure.canvas.get_renderer()
    frame = ax.get_window_extent(renderer).padded(1)
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in ax.texts]
    return [text for text, box in boxes if not frame.contains(box.x0, box.y0)
            or not frame.contains(box.x1, box.y1)]  # fmt: skip


@pytest.mark.parametrize("language", ["en", "vi"])
def test_expectation_gap_names_do_not_overlap(language):
    with i18n.use(language), plots.theme():
        fig, ax = plt.subplots(figsize=(8, 5))  # as notebook 01 draws it
        plots.gap_chart(GAPS.assign(theme=THEMES[language]), ax=ax)
        assert sorted(t.get_text() for t in ax.texts) == sorted(THEMES[language])
        assert _overlapping(ax) == []
        assert _inside(ax) == []  # the rightmost theme's name used to run off the chart


@pytest.mark.parametrize("language", ["en", "vi"])
def test_funnel_texts_do_not_overlap(language):
    with i18n.use(language), plots.theme():
        fig, ax = plt.subplots(figsize=(8, 4))  # as notebook 02 draws it
        plots.funnel(FUNNEL, ax=ax)
        assert _overlapping(ax) == []
        legend = ax.get_legend().get_window_extent(fig.canvas.get_renderer())
        last_stage = ax.get_xticklabels()[-1].get_window_extent(fig.canvas.get_renderer())
        assert last_stage.x1 < legend.x0  # "conversions" stays clear of the legend beside it


@pytest.mark.parametrize(("language", "thirty_thousand"), [("en", "30,000"), ("vi", "30.000")])
def test_influencer_names_do_not_overlap_and_fees_read_as_numbers(language, thirty_thousand):
    with i18n.use(language), plots.theme():
        fig, ax = plt.subplots(figsize=(8, 5))  # as notebook 02 draws it
        plots.influencer_quadrant(KOLS, ax=ax)
        assert _overlapping(ax) == []
        assert _inside(ax) == []
        ticks = ax.yaxis.get_ticklabels(which="both")
        shown = [t.get_text() for t in _shown_texts(ax) if t in ticks]
        assert thirty_thousand in shown
        assert not any("10^" in s or "times" in s or "×" in s for s in shown)  # no 3×10⁴


def test_names_of_points_on_one_spot_are_spread_apart():
    crowded = pd.DataFrame({"theme": ["Giao hàng", "Thanh toán", "Đóng gói", "Hết hàng"],
                            "share_negative": [0.40, 0.40, 0.401, 0.399],
                            "unanswered": [0.50, 0.50, 0.501, 0.499],
                            "comments": [100, 100, 90, 80]})  # fmt: skip
    fig, ax = plt.subplots(figsize=(6, 4))
    plots.gap_chart(crowded, ax=ax)
    assert _overlapping(ax) == []
    assert _inside(ax) == []


def test_log_number_formatter_writes_plain_numbers(vi):
    fig, ax = plt.subplots()
    ax.set_yscale("log")
    ax.set_ylim(1_500, 35_000)
    plots._log_number_axis(ax.yaxis)
    _drawn(ax)
    shown = [t.get_text() for t in ax.yaxis.get_ticklabels(which="both") if t.get_text()]
    assert "10.000" in shown and "2.000" in shown and "30.000" in shown


def test_the_best_time_colour_bar_says_what_a_cell_holds():
    from smmnb import trends

    rng = np.random.default_rng(0)
    when = pd.Timestamp("2026-09-07 08:00", tz="UTC") + pd.to_timedelta(
        rng.integers(0, 24 * 28, 300), unit="h"
    )
    posts = pd.DataFrame(
        {
            "published_at": when,
            "platform": rng.choice(["facebook", "tiktok"], 300),
            "format": rng.choice(["image", "video"], 300),
            "reach": rng.integers(500, 2000, 300).astype(float),
            "reactions": rng.integers(5, 80, 300).astype(float),
        }
    )
    relative = trends.best_time(posts, metric="er_reach", tz="UTC", min_posts=1,
                                relative_to=["platform", "format"])  # fmt: skip
    plain = trends.best_time(posts, metric="er_reach", tz="UTC", min_posts=1)
    for data, en, vi in [
        (relative, "× the usual rate", "× mức thường lệ"),
        (plain, "engagement rate on reach", "tỷ lệ tương tác trên lượt tiếp cận"),
    ]:
        for language, expected in (("en", en), ("vi", vi)):
            with i18n.use(language):
                fig, ax = plt.subplots()
                plots.best_time_heatmap(data, min_posts=1, ax=ax)
                assert fig.axes[-1].get_ylabel() == expected
                plt.close(fig)
