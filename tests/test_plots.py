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
        "followers / tiktok",
        "cpa",
        "net_sentiment",
    ]


def test_lift_chart_and_quadrant_and_funnel():
    days = pd.date_range("2026-01-01", periods=10, freq="D")
    daily = pd.DataFrame({"actual": np.arange(10.0), "expected": 5.0, "low": 4.0, "high": 6.0,
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
                         "low": [0.008, 0.017], "high": [0.012, 0.023]})  # fmt: skip
    ax = plots.creative_comparison(data)
    line = ax.lines[0]
    assert list(line.get_xdata()) == [0.01, 0.02]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["c: A", "c: B"]
