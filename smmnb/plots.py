"""Figures. Every function takes data first, options keyword-only, ``ax=None``, returns Axes.

Plot functions only draw: the numbers come from the analysis modules. Importing this module
changes no global matplotlib state; :func:`set_theme` is an explicit call (also usable as a
context manager).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

__all__ = ["coverage", "set_theme", "theme"]

_RC = {
    "figure.figsize": (9.0, 4.0),
    "figure.dpi": 100,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.labelsize": 10,
    "font.size": 10,
    "legend.frameon": False,
    "svg.hashsalt": "smmnb",
}


def set_theme() -> None:
    """Apply smmnb's figure style to matplotlib's global settings (seaborn's whitegrid base)."""
    import seaborn as sns

    sns.set_theme(style="whitegrid", rc=_RC)


@contextlib.contextmanager
def theme() -> Iterator[None]:
    """Use smmnb's figure style inside a ``with`` block only."""
    with plt.rc_context():
        set_theme()
        yield


def _ax(ax: plt.Axes | None) -> plt.Axes:
    return ax if ax is not None else plt.gca()


def coverage(
    data: pd.DataFrame, *, title: str = "Rows per week", ax: plt.Axes | None = None, **kwargs
) -> plt.Axes:
    """Heatmap of rows per table and period; empty periods show as white.

    Parameters
    ----------
    data : pandas.DataFrame
        Output of :func:`smmnb.datacheck.rows_per_period`: periods down, tables across.
    title : str
        Axes title.
    ax : matplotlib.axes.Axes, optional
        Where to draw; default the current Axes.
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.imshow`.

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _ax(ax)
    values = data.T.to_numpy(dtype=float)
    # Scale each table to its own busiest period, so small and large tables read alike.
    peak = np.where(values.max(axis=1, keepdims=True) > 0, values.max(axis=1, keepdims=True), 1)
    shown = np.where(values > 0, values / peak, np.nan)
    kwargs.setdefault("cmap", "Blues")
    kwargs.setdefault("aspect", "auto")
    kwargs.setdefault("interpolation", "nearest")
    ax.imshow(shown, vmin=0, vmax=1, **kwargs)
    ax.set_yticks(range(len(data.columns)), labels=list(data.columns))
    step = max(1, -(-len(data.index) // 7))
    ticks = list(range(0, len(data.index), step))
    ax.set_xticks(ticks, labels=[data.index[i].strftime("%d %b\n%Y") for i in ticks])
    ax.grid(False)
    ax.set(title=title, xlabel="", ylabel="")
    return ax
