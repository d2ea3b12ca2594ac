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
    "best_time_heatmap",
    "calendar_weeks",
    "coverage",
    "creative_comparison",
    "format_comparison",
    "funnel",
    "gap_chart",
    "growth_fan",
    "influencer_quadrant",
    "lift_chart",
    "response_times_plot",
    "scorecard",
    "sentiment_over_time",
    "set_theme",
    "share_of_voice_area",
    "spike_chart",
    "term_trends",
    "theme",
    "theme_sentiment",
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


def set_theme(accent: str | None = None) -> None:
    """Apply smmnb's figure style to matplotlib's global settings (seaborn's whitegrid base).

    ``accent`` (``"#RRGGBB"``, the report's branding) becomes the first colour of every chart.
    """
    import seaborn as sns

    sns.set_theme(style="whitegrid", rc=_RC)
    if accent:
        colours = [accent] + [c for c in sns.color_palette().as_hex() if c != accent][:9]
        plt.rcParams["axes.prop_cycle"] = plt.cycler(color=colours)


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
        Per ad: ``group``, ``ad``, ``rate``, ``ci_low``, ``ci_high``.
    ax : matplotlib.axes.Axes, optional
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.errorbar`.
    """
    ax = _ax(ax)
    y = np.arange(len(data))[::-1]
    rate = data["rate"].to_numpy(dtype="float64")
    err = np.vstack([rate - data["ci_low"].to_numpy(float), data["ci_high"].to_numpy(float) - rate])
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
        ``LiftResult.daily``: ``actual``, ``expected``, ``ci_low``, ``ci_high``, ``in_flight``.
    ax : matplotlib.axes.Axes, optional
    **kwargs
        Passed to the actual line's :meth:`matplotlib.axes.Axes.plot`.
    """
    ax = _ax(ax)
    x = daily.index
    ax.fill_between(x, daily["ci_low"], daily["ci_high"], color="#90a4ae", alpha=0.35,
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


# --------------------------------------------------------------------------------------------
# trends and the content calendar (smmnb.trends, smmnb.calendar)

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def term_trends(
    data: pd.DataFrame,
    *,
    terms: list[str] | None = None,
    top: int = 5,
    ax: plt.Axes | None = None,
    **kwargs,
) -> plt.Axes:
    """Share of documents using each term (or hashtag) per period, one line per term.

    Parameters
    ----------
    data : pandas.DataFrame
        Output of :func:`smmnb.trends.terms` with ``freq`` or :func:`smmnb.trends.hashtags`:
        ``period``, ``term`` or ``hashtag``, ``share``.
    terms : list of str, optional
        Terms to draw; default the ``top`` most used overall.
    top : int
        How many terms when ``terms`` is not given.
    ax : matplotlib.axes.Axes, optional
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.plot`.

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _ax(ax)
    label = "hashtag" if "hashtag" in data.columns else "term"
    wide = data.pivot_table(index="period", columns=label, values="share", aggfunc="sum")
    wide = wide.fillna(0.0).sort_index()
    if terms is None:
        totals = data.groupby(label)["count"].sum().sort_values(ascending=False, kind="stable")
        terms = list(totals.index[:top])
    for term in terms:
        if term in wide.columns:
            ax.plot(wide.index, wide[term], marker="o", markersize=3, label=str(term), **kwargs)
    ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _p: f"{v:.0%}"))
    ax.legend(title=label, loc="upper left")
    ax.set(title=f"Share of documents using each {label}", xlabel="", ylabel="share of documents")
    return ax


def share_of_voice_area(data: pd.DataFrame, *, ax: plt.Axes | None = None, **kwargs) -> plt.Axes:
    """Stacked areas of each brand's share of voice per period (they add up to 100%).

    Parameters
    ----------
    data : pandas.DataFrame
        Output of :func:`smmnb.trends.share_of_voice`.
    ax : matplotlib.axes.Axes, optional
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.stackplot`.

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _ax(ax)
    wide = data.pivot_table(index="period", columns="brand", values="share", aggfunc="sum")
    wide = wide.fillna(0.0).sort_index()
    kwargs.setdefault("alpha", 0.85)
    ax.stackplot(wide.index, wide.to_numpy().T, labels=[str(c) for c in wide.columns], **kwargs)
    ax.set_ylim(0, 1)
    ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _p: f"{v:.0%}"))
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.set(title="Share of voice", xlabel="", ylabel="share of mentions")
    return ax


def spike_chart(data: pd.DataFrame, *, ax: plt.Axes | None = None, **kwargs) -> plt.Axes:
    """Counts per period against the baseline and the alert line; spikes marked in red.

    Parameters
    ----------
    data : pandas.DataFrame
        Output of :func:`smmnb.trends.spikes` for one group: ``period``, ``count``,
        ``baseline``, ``alert_at``, ``is_spike``.
    ax : matplotlib.axes.Axes, optional
    **kwargs
        Passed to the count line's :meth:`matplotlib.axes.Axes.plot`.

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _ax(ax)
    x = pd.to_datetime(data["period"])
    ax.fill_between(x, data["baseline"], data["alert_at"], color="#90a4ae", alpha=0.3,
                    label="baseline to alert line")  # fmt: skip
    ax.plot(x, data["baseline"], color="#546e7a", linestyle="--", linewidth=1, label="baseline")
    ax.plot(x, data["count"], color="#1565c0", linewidth=1.2, label="count", **kwargs)
    flagged = data["is_spike"].to_numpy(dtype=bool)
    ax.scatter(x[flagged], data["count"][flagged], color="#c62828", zorder=3, label="spike")
    for xi, yi in zip(x[flagged], data["count"][flagged], strict=True):
        ax.annotate(f"{xi:%d %b}", (xi, yi), textcoords="offset points", xytext=(5, 3),
                    fontsize=8, color="#c62828")  # fmt: skip
    ax.legend(loc="upper left")
    ax.set(title="Mentions per period and the spike rule", xlabel="", ylabel="mentions")
    return ax


def best_time_heatmap(
    data: pd.DataFrame, *, min_posts: int = 3, ax: plt.Axes | None = None, **kwargs
) -> plt.Axes:
    """Weekday x hour heatmap of :func:`smmnb.trends.best_time`; thin slots greyed out.

    Parameters
    ----------
    data : pandas.DataFrame
        Output of :func:`smmnb.trends.best_time`.
    min_posts : int
        Slots with fewer posts are drawn grey (their mean says little); empty slots white.
    ax : matplotlib.axes.Axes, optional
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.imshow`.

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _ax(ax)
    values = np.full((7, 24), np.nan)
    thin = np.zeros((7, 24), dtype=bool)
    wd, hr = data["weekday"].to_numpy(int), data["hour"].to_numpy(int)
    values[wd, hr] = data["value"].to_numpy(dtype="float64")
    thin[wd, hr] = data["posts"].to_numpy() < min_posts
    shown = np.where(thin, np.nan, values)
    grey = np.where(thin, 1.0, np.nan)
    ax.imshow(grey, cmap="Greys", vmin=0, vmax=4, aspect="auto", interpolation="nearest")
    kwargs.setdefault("cmap", "YlGn")
    kwargs.setdefault("aspect", "auto")
    kwargs.setdefault("interpolation", "nearest")
    image = ax.imshow(shown, **kwargs)
    ax.figure.colorbar(image, ax=ax, fraction=0.025, pad=0.01, label="value")
    ax.set_yticks(range(7), labels=list(_WEEKDAYS))
    ax.set_xticks(range(0, 24, 2), labels=[f"{h:02d}" for h in range(0, 24, 2)])
    ax.grid(False)
    ax.set(title=f"By local weekday and hour (grey: fewer than {min_posts} posts)",
           xlabel="hour of publication", ylabel="")  # fmt: skip
    return ax


def format_comparison(data: pd.DataFrame, *, ax: plt.Axes | None = None, **kwargs) -> plt.Axes:
    """Each format's mean per-post metric with its interval, grouped by platform.

    Parameters
    ----------
    data : pandas.DataFrame
        Output of :func:`smmnb.trends.format_performance`.
    ax : matplotlib.axes.Axes, optional
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.errorbar`.

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _ax(ax)
    y = np.arange(len(data))[::-1]
    value = data["value"].to_numpy(dtype="float64")
    low = np.nan_to_num(value - data["ci_low"].to_numpy(dtype="float64"))
    high = np.nan_to_num(data["ci_high"].to_numpy(dtype="float64") - value)
    kwargs.setdefault("fmt", "o")
    kwargs.setdefault("capsize", 3)
    ax.errorbar(value, y, xerr=np.vstack([low, high]), **kwargs)
    labels = [f"{p}: {f}" for p, f in zip(data["platform"], data["format"], strict=True)]
    ax.set_yticks(y, labels=labels)
    ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _p: f"{v:.1%}"))
    ax.set(title="Mean per post by format, with 95% intervals", xlabel="per-post value")
    return ax


def growth_fan(
    forecast: pd.DataFrame,
    *,
    history: pd.DataFrame | None = None,
    target: float | None = None,
    ax: plt.Axes | None = None,
    **kwargs,
) -> plt.Axes:
    """Follower history and forecast with its interval fan, for one brand and platform.

    Parameters
    ----------
    forecast : pandas.DataFrame
        ``GrowthForecast.forecast`` rows of one series: ``date``, ``forecast``, ``ci_low``,
        ``ci_high``.
    history : pandas.DataFrame, optional
        ``GrowthForecast.history`` rows of the same series.
    target : float, optional
        Drawn as a horizontal line.
    ax : matplotlib.axes.Axes, optional
    **kwargs
        Passed to the forecast line's :meth:`matplotlib.axes.Axes.plot`.

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _ax(ax)
    if history is not None:
        ax.plot(history["date"], history["followers"], color="#1565c0", label="followers")
    ax.fill_between(forecast["date"], forecast["ci_low"], forecast["ci_high"], color="#90caf9",
                    alpha=0.45, label="95% interval")  # fmt: skip
    kwargs.setdefault("linestyle", "--")
    ax.plot(forecast["date"], forecast["forecast"], color="#0d47a1", label="forecast", **kwargs)
    if target is not None:
        ax.axhline(target, color="#c62828", linewidth=1, label=f"target {target:,.0f}")
    ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _p: f"{v:,.0f}"))
    ax.legend(loc="upper left")
    ax.set(title="Followers: history and forecast", xlabel="", ylabel="followers")
    return ax


def calendar_weeks(data: pd.DataFrame, *, ax: plt.Axes | None = None, **kwargs) -> plt.Axes:
    """Planned items and published posts per week (all platforms), side by side.

    Parameters
    ----------
    data : pandas.DataFrame
        ``CalendarSummary.weekly``: ``week``, ``planned``, ``published``.
    ax : matplotlib.axes.Axes, optional
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.bar`.

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _ax(ax)
    weeks = data.groupby("week")[["planned", "published"]].sum().sort_index()
    x = np.arange(len(weeks))
    ax.bar(x - 0.2, weeks["planned"], width=0.4, color="#b0bec5", label="planned", **kwargs)
    ax.bar(x + 0.2, weeks["published"], width=0.4, color="#1565c0", label="published", **kwargs)
    ax.set_xticks(x, labels=[f"{w:%d %b}" for w in weeks.index], rotation=45, ha="right")
    ax.legend(loc="upper left")
    ax.set(title="Planned and published per week (weeks from Monday)", xlabel="", ylabel="items")
    return ax


# --- customer expectations ------------------------------------------------------------------

_SENTIMENT_COLORS = {"negative": "#c62828", "neutral": "#9e9e9e", "positive": "#2e7d32"}


def sentiment_over_time(data: pd.DataFrame, *, ax: plt.Axes | None = None, **kwargs) -> plt.Axes:
    """Net sentiment per period, one line per platform.

    Parameters
    ----------
    data : pandas.DataFrame
        Wide: periods down, platforms across, values net sentiment in [-1, 1]
        ((positive - negative) / comments).
    ax : matplotlib.axes.Axes, optional
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.plot`.
    """
    ax = _ax(ax)
    for column in data.columns:
        ax.plot(data.index, data[column], marker=".", label=str(column), **kwargs)
    ax.axhline(0, color="black", linewidth=0.8)
    ax.legend(title="platform", loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _p: f"{v:+.0%}"))
    ax.set(title="Net sentiment by week", ylabel="positive minus negative share")
    return ax


def theme_sentiment(data: pd.DataFrame, *, ax: plt.Axes | None = None, **kwargs) -> plt.Axes:
    """Comments per theme, split into negative, neutral and positive (stacked bars).

    Parameters
    ----------
    data : pandas.DataFrame
        Themes down, columns ``negative``, ``neutral``, ``positive`` (counts).
    ax : matplotlib.axes.Axes, optional
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.barh`.
    """
    ax = _ax(ax)
    y = np.arange(len(data))[::-1]
    left = np.zeros(len(data))
    for label in ("negative", "neutral", "positive"):
        values = data[label].to_numpy(dtype="float64") if label in data else np.zeros(len(data))
        ax.barh(y, values, left=left, color=_SENTIMENT_COLORS[label], label=label, **kwargs)
        left += values
    ax.set_yticks(y, labels=[str(i) for i in data.index])
    ax.legend(loc="lower right")
    ax.set(title="Themes and their sentiment", xlabel="comments")
    return ax


def response_times_plot(
    data: pd.DataFrame, *, sla_hours: float | None = None, ax: plt.Axes | None = None, **kwargs
) -> plt.Axes:
    """Share of comments answered within x hours, per platform (unanswered never reach 1).

    Parameters
    ----------
    data : pandas.DataFrame
        :func:`smmnb.expectations.response_times` output (``platform``, ``delay_hours``).
    sla_hours : float, optional
        Draws the SLA as a vertical line.
    ax : matplotlib.axes.Axes, optional
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.step`.
    """
    ax = _ax(ax)
    for platform, group in data.groupby(data["platform"].astype("str"), sort=True):
        hours = np.sort(group["delay_hours"].dropna().to_numpy(dtype="float64"))
        share = np.arange(1, len(hours) + 1) / len(group)
        ax.step(np.r_[0, hours], np.r_[0, share], where="post", label=str(platform), **kwargs)
    if sla_hours is not None:
        ax.axvline(sla_hours, color="black", linestyle=":", linewidth=1, label="SLA")
    ax.set_xscale("symlog", linthresh=1)
    ax.set_xlim(left=0)
    ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _p: f"{v:.0%}"))
    ax.legend(title="platform")
    ax.set(title="Comments answered within ... hours", xlabel="hours after the comment",
           ylabel="share of customer comments")  # fmt: skip
    return ax


def gap_chart(data: pd.DataFrame, *, ax: plt.Axes | None = None, **kwargs) -> plt.Axes:
    """Expectation gaps: negative share against unanswered share, bubble = comments.

    Parameters
    ----------
    data : pandas.DataFrame
        :func:`smmnb.expectations.expectation_gaps` output.
    ax : matplotlib.axes.Axes, optional
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.scatter`.
    """
    ax = _ax(ax)
    x = data["share_negative"].to_numpy(dtype="float64")
    y = data["unanswered"].to_numpy(dtype="float64")
    size = 40 + 600 * data["comments"].to_numpy(dtype="float64") / data["comments"].max()
    ax.scatter(x, y, s=size, alpha=0.6, color="#ef6c00", **kwargs)
    for xi, yi, name in zip(x, y, data["theme"], strict=True):
        ax.annotate(str(name), (xi, yi), textcoords="offset points", xytext=(6, 4), fontsize=8)
    ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _p: f"{v:.0%}"))
    ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _p: f"{v:.0%}"))
    ax.set(title="Expectation gaps: the further up and right, the bigger the gap",
           xlabel="share of comments that are negative",
           ylabel="share of comments without a reply")  # fmt: skip
    return ax
