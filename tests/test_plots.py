from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

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
