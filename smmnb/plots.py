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

__all__ = [
    "coverage",
    "creative_comparison",
    "funnel",
    "influencer_quadrant",
    "lift_chart",
    "scorecard",
    "set_theme",
    "theme",
]

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


_STATUS_COLORS = {
    "on_track": "#2e7d32",
    "at_risk": "#f9a825",
    "off_track": "#c62828",
    "no_data": "#9e9e9e",
}


def scorecard(data: pd.DataFrame, *, ax: plt.Axes | None = None, **kwargs) -> plt.Axes:
    """Traffic lights: each target's forecast as a share of the target, coloured by status.

    Parameters
    ----------
    data : pandas.DataFrame
        Output of :func:`smmnb.campaigns.scorecard`.
    ax : matplotlib.axes.Axes, optional
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.barh`.

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _ax(ax)
    labels = [
        " / ".join(str(v) for v in (row.kpi, row.platform, row.campaign) if isinstance(v, str))
        for row in data.itertuples()
    ]
    share = (data["forecast"] / data["target"]).to_numpy(dtype="float64")
    share = np.where(data["direction"].eq("lower"), 1 / share, share)  # above 1 = better
    colors = [_STATUS_COLORS.get(s, "#9e9e9e") for s in data["status"]]
    y = np.arange(len(data))[::-1]
    ax.barh(y, np.nan_to_num(share), color=colors, **kwargs)
    ax.axvline(1.0, color="black", linewidth=1)
    ax.set_yticks(y, labels=labels)
    for yi, value, status in zip(y, share, data["status"], strict=True):
        text = "no data" if np.isnan(value) else f"{value:.0%}  {status.replace('_', ' ')}"
        ax.text(0.01 if np.isnan(value) else value, yi, "  " + text, va="center", fontsize=8)
    ax.set(
        title="Forecast at period end, as a share of target",
        xlabel="forecast / target (for lower-is-better KPIs: target / forecast)",
    )
    return ax


def funnel(data: pd.DataFrame, *, ax: plt.Axes | None = None, **kwargs) -> plt.Axes:
    """Impressions, clicks and conversions per platform on a log scale, with the rates between.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per platform with ``platform``, ``impressions``, ``clicks``, ``conversions``
        (for example :func:`smmnb.metrics.kpis` of ads by platform).
    ax : matplotlib.axes.Axes, optional
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.plot`.
    """
    ax = _ax(ax)
    stages = ["impressions", "clicks", "conversions"]
    for row in data.itertuples():
        values = [float(getattr(row, s)) for s in stages]
        (line,) = ax.plot(stages, values, marker="o", label=str(row.platform), **kwargs)
        ctr = values[1] / values[0] if values[0] else np.nan
        cvr = values[2] / values[1] if values[1] else np.nan
        ax.annotate(f"CTR {ctr:.2%}", (0.5, np.sqrt(values[0] * values[1])), fontsize=7,
                    color=line.get_color())  # fmt: skip
        ax.annotate(f"CVR {cvr:.1%}", (1.5, np.sqrt(max(values[1] * values[2], 1))), fontsize=7,
                    color=line.get_color())  # fmt: skip
    ax.set_yscale("log")
    ax.legend(title="platform")
    ax.set(title="Funnel by platform", ylabel="count (log scale)")
    return ax


def creative_comparison(data: pd.DataFrame, *, ax: plt.Axes | None = None, **kwargs) -> plt.Axes:
    """Each ad's rate with its 95% Wilson interval, grouped by campaign.

    Parameters
    ----------
    data : pandas.DataFrame
        Per ad: ``group``, ``ad``, ``rate``, ``low``, ``high``.
    ax : matplotlib.axes.Axes, optional
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.errorbar`.
    """
    ax = _ax(ax)
    y = np.arange(len(data))[::-1]
    rate = data["rate"].to_numpy(dtype="float64")
    err = np.vstack([rate - data["low"].to_numpy(float), data["high"].to_numpy(float) - rate])
    kwargs.setdefault("fmt", "o")
    kwargs.setdefault("capsize", 3)
    ax.errorbar(rate, y, xerr=err, **kwargs)
    ax.set_yticks(y, labels=[f"{g}: {a}" for g, a in zip(data["group"], data["ad"], strict=True)])
    ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _p: f"{v:.2%}"))
    ax.set(title="Rate per creative, with 95% intervals", xlabel="rate")
    return ax


def lift_chart(daily: pd.DataFrame, *, ax: plt.Axes | None = None, **kwargs) -> plt.Axes:
    """Actual daily values against the counterfactual band; the flight shaded.

    Parameters
    ----------
    daily : pandas.DataFrame
        ``LiftResult.daily``: ``actual``, ``expected``, ``low``, ``high``, ``in_flight``.
    ax : matplotlib.axes.Axes, optional
    **kwargs
        Passed to the actual line's :meth:`matplotlib.axes.Axes.plot`.
    """
    ax = _ax(ax)
    x = daily.index
    ax.fill_between(x, daily["low"], daily["high"], color="#90a4ae", alpha=0.35,
                    label="expected without the campaign (95%)")  # fmt: skip
    ax.plot(x, daily["expected"], color="#546e7a", linestyle="--", linewidth=1)
    ax.plot(x, daily["actual"], color="#1565c0", label="actual", **kwargs)
    flight = x[daily["in_flight"].to_numpy(dtype=bool)]
    if len(flight):
        ax.axvspan(flight[0], flight[-1], color="#ffe082", alpha=0.35, label="flight")
    ax.legend(loc="upper left")
    ax.set(title="Campaign lift", ylabel="per day")
    return ax


def influencer_quadrant(data: pd.DataFrame, *, ax: plt.Axes | None = None, **kwargs) -> plt.Axes:
    """Cost per engagement against engagement rate, one labelled point per partnership.

    Good partnerships sit bottom-right (engaging and cheap); the medians split the plot.

    Parameters
    ----------
    data : pandas.DataFrame
        Output of :func:`smmnb.campaigns.influencers`.
    ax : matplotlib.axes.Axes, optional
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.scatter`.
    """
    ax = _ax(ax)
    x = data["er_impressions"].to_numpy(dtype="float64")
    y = data["cpe"].to_numpy(dtype="float64")
    size = 30 + 300 * np.sqrt(data["followers"].to_numpy(dtype="float64") /
                              np.nanmax(data["followers"].to_numpy(dtype="float64")))  # fmt: skip
    ax.scatter(x, y, s=size, alpha=0.7, **kwargs)
    for xi, yi, name in zip(x, y, data["influencer"], strict=True):
        ax.annotate(str(name), (xi, yi), textcoords="offset points", xytext=(5, 5), fontsize=8)
    ax.axvline(np.nanmedian(x), color="grey", linewidth=0.8, linestyle=":")
    ax.axhline(np.nanmedian(y), color="grey", linewidth=0.8, linestyle=":")
    ax.set_yscale("log")
    ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _p: f"{v:.0%}"))
    ax.set(
        title="Influencers: engagement rate vs cost per engagement (size = followers)",
        xlabel="engagements / impressions",
        ylabel="fee per engagement (log scale)",
    )
    return ax
