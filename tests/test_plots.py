from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from smmnb import plots


def test_coverage_draws_scaled_counts_and_blank_empty_weeks():
    weeks = pd.date_range("2026-01-05", periods=4, freq="W-MON")
    data = pd.DataFrame({"posts": [2, 0, 4, 1], "ads": [7, 7, 7, 7]}, index=weeks)
    fig, ax = plt.subplots()
    out = plots.coverage(data, ax=ax)
    assert out is ax
    (image,) = ax.get_images()
    shown = image.get_array()
    assert shown.shape == (2, 4)
    np.testing.assert_allclose(shown[0].filled(np.nan), [0.5, np.nan, 1.0, 0.25])
    assert shown.mask[0, 1]  # an empty week is not drawn
    assert [t.get_text() for t in ax.get_yticklabels()] == ["posts", "ads"]
    assert ax.get_title() == "Rows per week"


def test_coverage_uses_current_axes_by_default():
    fig, ax = plt.subplots()
    weeks = pd.date_range("2026-01-05", periods=2, freq="W-MON")
    assert plots.coverage(pd.DataFrame({"posts": [1, 2]}, index=weeks)) is ax


def test_import_changes_no_global_style():
    import importlib

    before = dict(plt.rcParams)
    importlib.reload(plots)
    assert dict(plt.rcParams) == before


def test_scorecard_plot_colours_by_status():
    data = pd.DataFrame(
        {
            "kpi": ["followers", "cpa", "net_sentiment"],
            "platform": ["tiktok", None, None],
            "campaign": [None, None, None],
            "target": [100.0, 50.0, 0.1],
            "forecast": [80.0, 40.0, np.nan],
            "direction": ["higher", "lower", "higher"],
            "status": ["off_track", "on_track", "no_data"],
        }
    )
    ax = plots.scorecard(data)
    bars = ax.patches
    assert [round(b.get_width(), 3) for b in bars] == [0.8, 1.25, 0.0]
    assert bars[0].get_facecolor()[:3] == pytest.approx((0xC6 / 255, 0x28 / 255, 0x28 / 255))
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "followers / TikTok",
        "CPA",
        "net sentiment",
    ]


def test_lift_chart_and_quadrant_and_funnel():
    days = pd.date_range("2026-01-01", periods=10, freq="D")
    daily = pd.DataFrame({"actual": np.arange(10.0), "expected": 5.0, "ci_low": 4.0, "ci_high": 6.0,
                          "in_flight": [False] * 7 + [True] * 3}, index=days)  # fmt: skip
    ax = plots.lift_chart(daily)
    assert len(ax.lines) == 2 and np.allclose(ax.lines[1].get_ydata(), np.arange(10.0))
    fig, ax2 = plt.subplots()
    inf = pd.DataFrame({"influencer": ["a", "b"], "er_impressions": [0.1, 0.01],
                        "cpe": [1_000.0, 30_000.0], "followers": [10_000, 2_000_000]})  # fmt: skip
    plots.influencer_quadrant(inf, ax=ax2)
    offsets = ax2.collections[0].get_offsets()
    assert np.allclose(offsets, [[0.1, 1_000.0], [0.01, 30_000.0]])
    assert ax2.get_yscale() == "log"
    fig, ax3 = plt.subplots()
    plots.funnel(pd.DataFrame({"platform": ["x"], "impressions": [1000], "clicks": [10],
                               "conversions": [1]}), ax=ax3)  # fmt: skip
    assert list(ax3.lines[0].get_ydata()) == [1000.0, 10.0, 1.0]


def test_creative_comparison_draws_intervals():
    data = pd.DataFrame({"group": ["c", "c"], "ad": ["A", "B"], "rate": [0.01, 0.02],
                         "ci_low": [0.008, 0.017], "ci_high": [0.012, 0.023]})  # fmt: skip
    ax = plots.creative_comparison(data)
    line = ax.lines[0]
    assert list(line.get_xdata()) == [0.01, 0.02]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["c: A", "c: B"]


# --------------------------------------------------------------------------------------------
# Value-level tests: what each figure draws is read back from the Axes and compared with the
# data it was given (bar heights, line values, band limits, error-bar ends, marker positions).


def _band(collection) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``x``, lower and upper limits of a ``fill_between`` polygon (one unbroken piece).

    matplotlib draws the polygon as: start, the ``y1`` edge left to right, the ``y2`` edge right
    to left, close.
    """
    (path,) = collection.get_paths()
    v = path.vertices
    n = (len(v) - 3) // 2
    lower = v[1 : n + 1]
    upper = v[n + 2 : 2 * n + 2][::-1]
    np.testing.assert_array_equal(lower[:, 0], upper[:, 0])
    return lower[:, 0], lower[:, 1], upper[:, 1]


def _num(dates) -> np.ndarray:
    import matplotlib.dates as mdates

    return mdates.date2num(pd.DatetimeIndex(dates).to_pydatetime())


def _xerr_ends(ax) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Left end, right end and y of each horizontal error bar of the Axes' one errorbar."""
    (container,) = ax.containers
    _data_line, _caps, (bars,) = container.lines
    segments = np.array(bars.get_segments())  # (points, 2 ends, xy)
    return segments[:, 0, 0], segments[:, 1, 0], segments[:, 0, 1]


def test_creative_comparison_error_bars_span_low_to_high():
    # Asymmetric intervals (as Wilson's are): drawing them the wrong way round moves both ends.
    data = pd.DataFrame({"group": ["c", "c", "d"], "ad": ["A", "B", "C"],
                         "rate": [0.010, 0.020, 0.002], "ci_low": [0.007, 0.018, 0.0005],
                         "ci_high": [0.016, 0.021, 0.009]})  # fmt: skip
    ax = plots.creative_comparison(data)
    left, right, y = _xerr_ends(ax)
    np.testing.assert_allclose(left, data["ci_low"])
    np.testing.assert_allclose(right, data["ci_high"])
    np.testing.assert_array_equal(y, [2, 1, 0])
    np.testing.assert_allclose(ax.lines[0].get_xydata(), [[0.010, 2], [0.020, 1], [0.002, 0]])


def test_format_comparison_error_bars_span_ci_low_to_ci_high():
    data = pd.DataFrame({"platform": ["facebook", "facebook", "tiktok"],
                         "format": ["video", "image", "video"],
                         "value": [0.05, 0.03, 0.08], "ci_low": [0.04, 0.029, 0.05],
                         "ci_high": [0.07, 0.035, 0.09]})  # fmt: skip
    ax = plots.format_comparison(data)
    left, right, y = _xerr_ends(ax)
    np.testing.assert_allclose(left, data["ci_low"])
    np.testing.assert_allclose(right, data["ci_high"])
    np.testing.assert_array_equal(y, [2, 1, 0])
    np.testing.assert_allclose(ax.lines[0].get_xdata(), data["value"])
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "Facebook: video", "Facebook: image", "TikTok: video"]  # fmt: skip


def test_lift_chart_band_expected_line_and_flight():
    days = pd.date_range("2026-01-01", periods=6, freq="D")
    daily = pd.DataFrame({"actual": [5.0, 6, 4, 9, 12, 11], "expected": [5.0, 5.5, 5, 6, 6.5, 7],
                          "ci_low": [3.0, 3.5, 3, 4, 4.5, 5], "ci_high": [7.0, 8, 7.5, 8, 9, 9.5],
                          "in_flight": [False, False, False, True, True, True]},
                         index=days)  # fmt: skip
    ax = plots.lift_chart(daily)
    x, low, high = _band(ax.collections[0])
    np.testing.assert_allclose(x, _num(days))
    np.testing.assert_allclose(low, daily["ci_low"])
    np.testing.assert_allclose(high, daily["ci_high"])
    np.testing.assert_allclose(ax.lines[0].get_ydata(), daily["expected"])
    np.testing.assert_allclose(ax.lines[1].get_ydata(), daily["actual"])
    (span,) = ax.patches  # the flight: first to last in-flight day
    start, end = span.get_x(), span.get_x() + span.get_width()
    assert (start, end) == pytest.approx(tuple(_num(days[[3, 5]])))


def test_influencer_quadrant_medians_and_sizes():
    inf = pd.DataFrame({"influencer": ["a", "b", "c"], "er_impressions": [0.1, 0.01, 0.04],
                        "cpe": [1_000.0, 30_000.0, 5_000.0],
                        "followers": [10_000, 2_000_000, 40_000]})  # fmt: skip
    ax = plots.influencer_quadrant(inf)
    sizes = ax.collections[0].get_sizes()
    np.testing.assert_allclose(sizes, 30 + 300 * np.sqrt(inf["followers"] / 2_000_000))
    vline, hline = ax.lines
    assert vline.get_xdata()[0] == pytest.approx(0.04)
    assert hline.get_ydata()[0] == pytest.approx(5_000.0)
    assert [t.get_text() for t in ax.texts] == ["a", "b", "c"]


def test_funnel_one_line_per_platform():
    data = pd.DataFrame({"platform": ["facebook", "tiktok"], "impressions": [10_000, 4_000],
                         "clicks": [150, 90], "conversions": [6, 2]})  # fmt: skip
    ax = plots.funnel(data)
    labels = ["Facebook: CTR 1.50%, CVR 4.0%", "TikTok: CTR 2.25%, CVR 2.2%"]
    assert [line.get_label() for line in ax.lines] == labels
    assert [t.get_text() for t in ax.get_legend().get_texts()] == labels
    np.testing.assert_allclose(ax.lines[0].get_ydata(), [10_000, 150, 6])
    np.testing.assert_allclose(ax.lines[1].get_ydata(), [4_000, 90, 2])
    assert len(ax.texts) == 0  # the rates are in the legend, not on the crowded lines


def test_funnel_rate_of_a_stage_without_volume_is_not_measurable():
    data = pd.DataFrame({"platform": ["zalo"], "impressions": [1_000], "clicks": [0],
                         "conversions": [0]})  # fmt: skip
    ax = plots.funnel(data)
    assert ax.lines[0].get_label() == "Zalo: CTR 0.00%, CVR not measurable"


def test_term_trends_lines_are_the_shares_of_the_top_terms():
    periods = pd.date_range("2026-03-02", periods=3, freq="W-MON")
    data = pd.DataFrame({
        "period": [periods[0], periods[1], periods[2], periods[0], periods[2], periods[1]],
        "term": ["giao hàng", "giao hàng", "giao hàng", "cà phê", "cà phê", "bánh"],
        "count": [10, 12, 20, 30, 25, 1],
        "share": [0.10, 0.12, 0.25, 0.30, 0.31, 0.01],
    })  # fmt: skip
    ax = plots.term_trends(data, top=2)
    # top by total count: cà phê (55) then giao hàng (42); a period without the term is 0.
    assert [line.get_label() for line in ax.lines] == ["cà phê", "giao hàng"]
    np.testing.assert_allclose(ax.lines[0].get_xydata()[:, 0], _num(periods))
    np.testing.assert_allclose(ax.lines[0].get_ydata(), [0.30, 0.0, 0.31])
    np.testing.assert_allclose(ax.lines[1].get_ydata(), [0.10, 0.12, 0.25])
    fig, ax2 = plt.subplots()
    plots.term_trends(data.rename(columns={"term": "hashtag"}), terms=["bánh"], ax=ax2)
    (line,) = ax2.lines
    np.testing.assert_allclose(line.get_ydata(), [0.0, 0.01, 0.0])
    assert ax2.get_legend().get_title().get_text() == "hashtag"


def test_share_of_voice_area_stacks_the_shares_not_the_counts():
    periods = pd.date_range("2026-03-02", periods=3, freq="W-MON")
    data = pd.DataFrame({
        "period": np.repeat(periods, 2),
        "brand": ["Lumi", "Moc"] * 3,
        "count": [30, 70, 50, 50, 12, 36],
        "share": [0.3, 0.7, 0.5, 0.5, 0.25, 0.75],
    })  # fmt: skip
    ax = plots.share_of_voice_area(data)
    lumi, moc = ax.collections
    x, low, high = _band(lumi)
    np.testing.assert_allclose(x, _num(periods))
    np.testing.assert_allclose(low, [0, 0, 0])
    np.testing.assert_allclose(high, [0.3, 0.5, 0.25])
    _, low, high = _band(moc)
    np.testing.assert_allclose(low, [0.3, 0.5, 0.25])
    np.testing.assert_allclose(high, [1.0, 1.0, 1.0])
    assert ax.get_ylim() == (0, 1)


def test_spike_chart_band_lines_and_marked_spikes():
    periods = pd.date_range("2026-08-03", periods=5, freq="W-MON")
    data = pd.DataFrame({"period": periods, "count": [10, 12, 11, 40, 13],
                         "baseline": [10.0, 10.5, 11.0, 11.0, 11.5],
                         "alert_at": [16.0, 17.0, 17.5, 17.5, 18.0],
                         "is_spike": [False, False, False, True, False]})  # fmt: skip
    ax = plots.spike_chart(data)
    x, low, high = _band(ax.collections[0])
    np.testing.assert_allclose(x, _num(periods))
    np.testing.assert_allclose(low, data["baseline"])
    np.testing.assert_allclose(high, data["alert_at"])
    baseline, count = ax.lines
    np.testing.assert_allclose(baseline.get_ydata(), data["baseline"])
    np.testing.assert_allclose(count.get_ydata(), data["count"])
    np.testing.assert_allclose(ax.collections[1].get_offsets(), [[_num(periods[3:4])[0], 40]])
    assert [t.get_text() for t in ax.texts] == ["24 Aug"]


def test_best_time_heatmap_values_and_thin_slots():
    data = pd.DataFrame({"weekday": [0, 0, 4, 6], "hour": [9, 20, 12, 23],
                         "value": [0.05, 0.08, 0.02, 0.11], "posts": [5, 2, 3, 9]})  # fmt: skip
    ax = plots.best_time_heatmap(data, min_posts=3)
    grey, shown = ax.get_images()
    values = shown.get_array().filled(np.nan)
    assert values.shape == (7, 24)
    assert values[0, 9] == 0.05 and values[4, 12] == 0.02 and values[6, 23] == 0.11
    assert np.isnan(values[0, 20])  # 2 posts: too thin to colour
    assert np.isnan(values).sum() == 7 * 24 - 3
    thin = grey.get_array().filled(np.nan)
    assert thin[0, 20] == 1.0 and np.isnan(thin).sum() == 7 * 24 - 1


def test_growth_fan_history_band_forecast_and_target():
    hist = pd.DataFrame({"date": pd.date_range("2026-06-01", periods=3, freq="D"),
                         "followers": [1_000, 1_010, 1_025]})  # fmt: skip
    days = pd.date_range("2026-06-04", periods=3, freq="D")
    fc = pd.DataFrame({"date": days, "forecast": [1_030.0, 1_040, 1_050],
                       "ci_low": [1_020.0, 1_022, 1_021],
                       "ci_high": [1_041.0, 1_060, 1_085]})  # fmt: skip
    ax = plots.growth_fan(fc, history=hist, target=1_100)
    history, forecast, target = ax.lines
    np.testing.assert_allclose(history.get_ydata(), hist["followers"])
    np.testing.assert_allclose(forecast.get_xydata()[:, 0], _num(days))
    np.testing.assert_allclose(forecast.get_ydata(), fc["forecast"])
    assert list(target.get_ydata()) == [1_100, 1_100]
    x, low, high = _band(ax.collections[0])
    np.testing.assert_allclose(x, _num(days))
    np.testing.assert_allclose(low, fc["ci_low"])
    np.testing.assert_allclose(high, fc["ci_high"])


def test_calendar_weeks_bars_sum_platforms_per_week():
    weeks = pd.to_datetime(["2026-03-02", "2026-03-09"])
    data = pd.DataFrame({"week": [weeks[1], weeks[0], weeks[0]],
                         "platform": ["facebook", "facebook", "tiktok"],
                         "planned": [4, 3, 2], "published": [1, 3, 1]})  # fmt: skip
    ax = plots.calendar_weeks(data)
    bars = ax.patches
    assert [b.get_height() for b in bars] == [5, 4, 4, 1]  # planned per week, then published
    centers = [b.get_x() + b.get_width() / 2 for b in bars]
    assert centers == pytest.approx([-0.2, 0.8, 0.2, 1.2])
    assert [t.get_text() for t in ax.get_xticklabels()] == ["02 Mar", "09 Mar"]


def test_sentiment_over_time_one_line_per_platform():
    weeks = pd.date_range("2026-03-02", periods=3, freq="W-MON")
    data = pd.DataFrame({"facebook": [0.2, -0.1, 0.05], "tiktok": [0.4, 0.35, np.nan]},
                        index=weeks)  # fmt: skip
    ax = plots.sentiment_over_time(data)
    facebook, tiktok, zero = ax.lines
    np.testing.assert_allclose(facebook.get_xydata(), np.c_[_num(weeks), [0.2, -0.1, 0.05]])
    np.testing.assert_allclose(tiktok.get_ydata(), [0.4, 0.35, np.nan])
    assert (facebook.get_label(), tiktok.get_label()) == ("Facebook", "TikTok")
    assert list(zero.get_ydata()) == [0, 0]


def test_theme_sentiment_stacks_negative_neutral_positive():
    data = pd.DataFrame({"negative": [30, 2], "neutral": [10, 5], "positive": [5, 20]},
                        index=["delivery", "taste"])  # fmt: skip
    ax = plots.theme_sentiment(data)
    bars = ax.patches  # negative for each theme, then neutral, then positive
    assert [b.get_width() for b in bars] == [30, 2, 10, 5, 5, 20]
    assert [b.get_x() for b in bars] == [0, 0, 30, 2, 40, 7]
    assert [b.get_y() + b.get_height() / 2 for b in bars] == pytest.approx([1, 0] * 3)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["delivery", "taste"]


def test_response_times_plot_steps_count_unanswered_in_the_denominator():
    data = pd.DataFrame({"platform": ["facebook"] * 4 + ["tiktok"] * 2,
                         "delay_hours": [5.0, 0.5, np.nan, 2.0, 30.0, 1.0]})  # fmt: skip
    ax = plots.response_times_plot(data, sla_hours=4)
    facebook, tiktok, sla = ax.lines
    np.testing.assert_allclose(facebook.get_xydata(),
                               [[0, 0], [0.5, 0.25], [2, 0.5], [5, 0.75]])  # fmt: skip
    np.testing.assert_allclose(tiktok.get_xydata(), [[0, 0], [1, 0.5], [30, 1.0]])
    assert facebook.get_drawstyle() == "steps-post"
    assert list(sla.get_xdata()) == [4, 4]


def test_gap_chart_positions_and_bubble_sizes():
    data = pd.DataFrame({"theme": ["delivery", "price"], "share_negative": [0.4, 0.1],
                         "unanswered": [0.3, 0.6], "comments": [200, 50]})  # fmt: skip
    ax = plots.gap_chart(data)
    points = ax.collections[0]
    np.testing.assert_allclose(points.get_offsets(), [[0.4, 0.3], [0.1, 0.6]])
    np.testing.assert_allclose(points.get_sizes(), [640, 190])
    assert [t.get_text() for t in ax.texts] == ["delivery", "price"]
