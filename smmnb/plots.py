"""Figures. Every function takes data first, options keyword-only, ``ax=None``, returns Axes.

Plot functions only draw: the numbers come from the analysis modules. Importing this module
changes no global matplotlib state; :func:`set_theme` is an explicit call (and :func:`theme` a
context manager).

Everything a reader sees is in the report language (:mod:`smmnb.i18n`): titles, axis labels,
legends and annotations come from the catalogs, platforms are written as their owners write
them (:func:`smmnb.names.platform_name`), KPI names are :func:`smmnb.names.label`, and tick
labels use the language's numbers, percentages, dates, weekday and month names (date axes get
:class:`DateFormatter`). The report's accent colour (:func:`set_theme`) draws every
single-series chart and leads the colour cycle of the others.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib import ticker

from smmnb import i18n
from smmnb.formatting import number_text, percent_text
from smmnb.i18n import N_, _, ngettext, pgettext
from smmnb.names import formula, label, platform_name
from smmnb.narrative import missing

__all__ = [
    "DEFAULT_ACCENT",
    "DateFormatter",
    "LogNumberFormatter",
    "NumberFormatter",
    "accent",
    "best_time_heatmap",
    "branded_search",
    "calendar_weeks",
    "coverage",
    "creative_comparison",
    "format_comparison",
    "funnel",
    "gap_chart",
    "growth_fan",
    "influencer_quadrant",
    "lift_chart",
    "platform_lines",
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


DEFAULT_ACCENT = "#1565c0"
"""smmnb's own accent: single-series charts are drawn in it unless the report's branding says
otherwise."""

_DEFAULT_SHADES = ("#1565c0", "#0d47a1", "#90caf9")
"""The default accent, a darker and a lighter shade of it (forecasts, interval bands)."""

_state = {"accent": DEFAULT_ACCENT}


def _valid_colour(colour: str) -> str:
    from matplotlib.colors import is_color_like, to_hex

    if not is_color_like(colour):
        raise ValueError(f"accent must be a colour such as '#1f6f5c', got {colour!r}")
    return to_hex(colour)


def set_theme(accent: str | None = None) -> None:
    """Apply smmnb's figure style to matplotlib's global settings (seaborn's whitegrid base).

    ``accent`` (``"#RRGGBB"``, the report's branding; None means :data:`DEFAULT_ACCENT`)
    draws every single-series chart and becomes the first colour of the others' cycle.
    """
    import seaborn as sns

    sns.set_theme(style="whitegrid", rc=_RC)
    _state["accent"] = _valid_colour(accent) if accent else DEFAULT_ACCENT
    if accent:
        chosen = _state["accent"]
        colours = [chosen] + [c for c in sns.color_palette().as_hex() if c != chosen][:9]
        plt.rcParams["axes.prop_cycle"] = plt.cycler(color=colours)


@contextlib.contextmanager
def theme(accent: str | None = None) -> Iterator[None]:
    """Use smmnb's figure style (and ``accent``) inside a ``with`` block only."""
    before = _state["accent"]
    try:
        with plt.rc_context():
            set_theme(accent=accent)
            yield
    finally:
        _state["accent"] = before


def accent() -> str:
    """The accent colour in force (``#rrggbb``): the colour of single-series charts."""
    return _state["accent"]


def _shades() -> tuple[str, str, str]:
    """The accent, a darker and a lighter shade of it."""
    colour = accent()
    if colour == DEFAULT_ACCENT:
        return _DEFAULT_SHADES
    from matplotlib.colors import to_hex, to_rgb

    rgb = np.array(to_rgb(colour))
    return colour, to_hex(rgb * 0.65), to_hex(rgb + (1 - rgb) * 0.55)


def _accent_map(default: str):
    """A colour map from white to the accent (``default`` when the accent is smmnb's own)."""
    if accent() == DEFAULT_ACCENT:
        return default
    from matplotlib.colors import LinearSegmentedColormap

    return LinearSegmentedColormap.from_list("smmnb_accent", ["#ffffff", accent()])


def _ax(ax: plt.Axes | None) -> plt.Axes:
    return ax if ax is not None else plt.gca()


# --------------------------------------------------------------------------------------------
# tick labels in the report language


class NumberFormatter(ticker.Formatter):
    """Tick labels as numbers in the report language (``1,500`` / ``1.500``, ``0.5`` / ``0,5``).

    The decimals are the fewest that tell the ticks apart (at most three).
    """

    def __call__(self, x, pos=None) -> str:
        """One tick's label."""
        return self.format_ticks([x])[0]

    def format_ticks(self, values) -> list[str]:
        """The labels of all ticks (their decimals chosen together)."""
        values = [float(v) for v in values]
        for decimals in range(4):
            if all(abs(v - round(v, decimals)) < 1e-9 * max(1.0, abs(v)) for v in values):
                break
        return [number_text(v, decimals) for v in values]


class DateFormatter(ticker.Formatter):
    """Date ticks in the report language, like matplotlib's concise dates.

    Days read ``03 Aug`` / ``03/08``, month starts ``Aug`` / ``thg 8``, times ``14:00``; the
    year (or the day, for times) is added on a second line under the first tick and wherever
    it changes. Use it through :func:`date_axis`.
    """

    def __call__(self, x, pos=None) -> str:
        """One tick's label."""
        return self.format_ticks([x])[0]

    def format_ticks(self, values) -> list[str]:
        """The labels of all ticks (the year or day shown where it changes)."""
        moments = [mdates.num2date(v).replace(tzinfo=None) for v in values]
        if not moments:
            return []
        timed = any(m.hour or m.minute for m in moments)
        monthly = len(moments) > 1 and all(m.day == 1 and not timed for m in moments)
        labels, previous = [], None
        for moment in moments:
            if timed:
                text, context = f"{moment:%H:%M}", i18n.date(moment, year=False)
                key = moment.date()
            elif monthly:
                text = i18n.month_name(moment.month, "abbreviated")
                context, key = str(moment.year), moment.year
            else:
                text, context, key = i18n.date(moment, year=False), str(moment.year), moment.year
            labels.append(text if key == previous else f"{text}\n{context}")
            previous = key
        return labels


def date_axis(ax: plt.Axes, axis: str = "x") -> plt.Axes:
    """Label a matplotlib date axis of ``ax`` in the report language (see :class:`DateFormatter`).

    For frames drawn with pandas' ``DataFrame.plot`` pass ``x_compat=True`` there (pandas'
    own time axis does not hold matplotlib dates); :func:`platform_lines` does it all.
    """
    target = ax.xaxis if axis == "x" else ax.yaxis
    target.set_major_formatter(DateFormatter())
    return ax


def _percent_axis(axis, decimals: int = 0, *, signed: bool = False) -> None:
    axis.set_major_formatter(
        ticker.FuncFormatter(lambda v, _pos: percent_text(v, decimals, signed=signed))
    )


class LogNumberFormatter(ticker.LogFormatter):
    """Log-axis tick labels as numbers in the report language (``30,000`` / ``30.000``).

    matplotlib's log formatter chooses which ticks carry a label (every decade, and some of the
    ticks between when the axis spans little); this one writes them as plain numbers rather
    than ``3×10⁴``. Use it through :func:`_log_number_axis`.
    """

    def __call__(self, x, pos=None) -> str:
        """One tick's label (empty for a tick left unlabelled)."""
        if not super().__call__(x, pos):
            return ""
        return NumberFormatter()(x)


def _log_number_axis(axis) -> None:
    """Label a log axis' major and minor ticks with :class:`LogNumberFormatter`."""
    axis.set_major_formatter(LogNumberFormatter())
    axis.set_minor_formatter(LogNumberFormatter(labelOnlyBase=False))


_SIDES = ((1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (1, -1), (-1, 1), (-1, -1))
"""Where a point's name may go, in order of preference: right, left, above, below, then the
corners."""


def _overlap(a, b) -> float:
    """The area two display boxes share (0 when they do not meet)."""
    width = min(a.x1, b.x1) - max(a.x0, b.x0)
    height = min(a.y1, b.y1) - max(a.y0, b.y0)
    return width * height if width > 0 and height > 0 else 0.0


def _name_points(ax: plt.Axes, x, y, names, sizes, *, fontsize: float = 8) -> None:
    """Write each point's name beside it, where it overlaps no other name.

    Each name tries the sides of its marker (:data:`_SIDES`), next to it and then a little
    further away (with a thin line back to the point). The first place inside the Axes that
    meets no name already written and covers no other marker wins; when none is free, the one
    that overlaps least. Markers are ``sizes`` (points², as :meth:`~matplotlib.axes.Axes.scatter`
    takes them); the Axes' scales and limits must be final (place names last).
    """
    from matplotlib.transforms import Bbox

    x, y = np.asarray(x, dtype="float64"), np.asarray(y, dtype="float64")
    radius = np.sqrt(np.asarray(sizes, dtype="float64")) / 2  # points
    ax.get_xlim(), ax.get_ylim()  # apply pending autoscaling before reading positions
    pixels = ax.figure.dpi / 72
    centres = ax.transData.transform(np.column_stack([x, y]))
    markers = [
        Bbox.from_extents(cx - r * pixels, cy - r * pixels, cx + r * pixels, cy + r * pixels)
        for (cx, cy), r in zip(centres, radius, strict=True)
    ]
    frame = ax.get_window_extent()
    written: list = []
    for i, name in enumerate(names):
        if not (np.isfinite(x[i]) and np.isfinite(y[i])):
            continue
        probe = ax.annotate(str(name), (x[i], y[i]), textcoords="offset points", xytext=(0, 0),
                            fontsize=fontsize)  # fmt: skip
        best = None
        for ring, distance in enumerate((radius[i] + 3, radius[i] + 16)):
            for rank, (dx, dy) in enumerate(_SIDES):
                step = distance * (0.75 if dx and dy else 1.0)
                probe.xyann = (dx * step, dy * step)
                probe.set_horizontalalignment({1: "left", 0: "center", -1: "right"}[dx])
                probe.set_verticalalignment({1: "bottom", 0: "center", -1: "top"}[dy])
                box = probe.get_window_extent()
                outside = box.width * box.height - _overlap(box, frame)
                clash = outside + sum(_overlap(box, other) for other in written)
                covered = sum(_overlap(box, m) for j, m in enumerate(markers) if j != i)
                cost = (clash, covered, ring, rank)
                if best is None or cost < best[0]:
                    best = (cost, probe.xyann, probe.get_ha(), probe.get_va(), box)
            if best[0][0] == 0 and best[0][1] == 0:
                break
        probe.remove()
        (_clash, _covered, ring, _rank), offset, ha, va, box = best
        arrow = None
        if ring:
            arrow = {"arrowstyle": "-", "color": "#9e9e9e", "linewidth": 0.6, "shrinkA": 1,
                     "shrinkB": radius[i]}  # fmt: skip
        ax.annotate(str(name), (x[i], y[i]), textcoords="offset points", xytext=offset,
                    ha=ha, va=va, fontsize=fontsize, arrowprops=arrow)  # fmt: skip
        written.append(box)


def coverage(
    data: pd.DataFrame, *, title: str | None = None, ax: plt.Axes | None = None, **kwargs
) -> plt.Axes:
    """Heatmap of rows per table and period; empty periods show as white.

    Parameters
    ----------
    data : pandas.DataFrame
        Output of :func:`smmnb.datacheck.rows_per_period`: periods down, tables across.
    title : str, optional
        Axes title (in the report language); default "Rows per week".
    ax : matplotlib.axes.Axes, optional
        Where to draw; default the current Axes.
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.imshow` (the colour map defaults to the accent's).

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _ax(ax)
    values = data.T.to_numpy(dtype=float)
    # Scale each table to its own busiest period, so small and large tables read alike.
    peak = np.where(values.max(axis=1, keepdims=True) > 0, values.max(axis=1, keepdims=True), 1)
    shown = np.where(values > 0, values / peak, np.nan)
    kwargs.setdefault("cmap", _accent_map("Blues"))
    kwargs.setdefault("aspect", "auto")
    kwargs.setdefault("interpolation", "nearest")
    ax.imshow(shown, vmin=0, vmax=1, **kwargs)
    ax.set_yticks(range(len(data.columns)), labels=[label(c) for c in data.columns])
    step = max(1, -(-len(data.index) // 7))
    ticks = list(range(0, len(data.index), step))
    days = [data.index[i] for i in ticks]
    ax.set_xticks(ticks, labels=[f"{i18n.date(d, year=False)}\n{d.year}" for d in days])
    ax.grid(False)
    ax.set(title=_("Rows per week") if title is None else title, xlabel="", ylabel="")
    return ax


_STATUS_NAMES = {
    "on_track": N_("on track"),
    "at_risk": N_("at risk"),
    "off_track": N_("off track"),
    "no_data": N_("no data"),
    "not_paced": N_("not paced"),
}
"""A target's status as the scorecard chart writes it."""

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
        " / ".join(
            show(v)
            for v, show in ((row.kpi, label), (row.platform, platform_name), (row.campaign, str))
            if isinstance(v, str)
        )
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
        name = _(_STATUS_NAMES.get(status, str(status).replace("_", " ")))
        if np.isnan(value):
            text = _(_STATUS_NAMES["no_data"])
        else:
            text = f"{percent_text(value, 0)}  {name}"
        ax.text(0.01 if np.isnan(value) else value, yi, "  " + text, va="center", fontsize=8)
    _percent_axis(ax.xaxis)
    ax.set(
        title=_("Forecast at period end, as a share of target"),
        xlabel=_("forecast / target (for lower-is-better KPIs: target / forecast)"),
    )
    return ax


def funnel(data: pd.DataFrame, *, ax: plt.Axes | None = None, **kwargs) -> plt.Axes:
    """Impressions, clicks and conversions per platform on a log scale, with the rates between.

    Each platform's CTR and CVR are written in its legend entry (beside the plot), where they
    stay readable however close the lines run.

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
        ctr = values[1] / values[0] if values[0] else np.nan
        cvr = values[2] / values[1] if values[1] else np.nan
        name = _("{platform}: CTR {ctr}, CVR {cvr}").format(
            platform=platform_name(row.platform), ctr=_rate(ctr, 2), cvr=_rate(cvr, 1)
        )
        ax.plot(range(len(stages)), values, marker="o", label=name, **kwargs)
    ax.set_xticks(range(len(stages)), labels=[label(s) for s in stages])
    ax.set_xlim(-0.35, len(stages) - 0.65)  # room for the first and last stage's names
    ax.set_yscale("log")
    _log_number_axis(ax.yaxis)
    ax.legend(title=label("platform"), loc="upper left", bbox_to_anchor=(1.01, 1.0))
    ax.set(title=_("Funnel by platform"), ylabel=_("count (log scale)"))
    return ax


def _rate(value: float, decimals: int) -> str:
    """A rate as a percentage (a missing rate reads "not measurable")."""
    return missing() if np.isnan(value) else percent_text(value, decimals)


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
    kwargs.setdefault("color", accent())
    ax.errorbar(rate, y, xerr=err, **kwargs)
    ax.set_yticks(y, labels=[f"{g}: {a}" for g, a in zip(data["group"], data["ad"], strict=True)])
    _percent_axis(ax.xaxis, 2)
    ax.set(title=_("Rate per creative, with 95% intervals"), xlabel=label("rate"))
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
                    label=_("expected without the campaign (95%)"))  # fmt: skip
    ax.plot(x, daily["expected"], color="#546e7a", linestyle="--", linewidth=1)
    kwargs.setdefault("color", accent())
    ax.plot(x, daily["actual"], label=label("actual"), **kwargs)
    flight = x[daily["in_flight"].to_numpy(dtype=bool)]
    if len(flight):
        ax.axvspan(flight[0], flight[-1], color="#ffe082", alpha=0.35, label=_("flight"))
    ax.legend(loc="upper left")
    if isinstance(x, pd.DatetimeIndex):
        date_axis(ax)
    ax.yaxis.set_major_formatter(NumberFormatter())
    ax.set(title=_("Campaign lift"), ylabel=_("per day"))
    return ax


def branded_search(
    daily: pd.DataFrame,
    *,
    brand: str = "",
    window: int = 7,
    ax: plt.Axes | None = None,
    **kwargs,
) -> plt.Axes:
    """Clicks from Google Search per day: searches naming the brand against the others.

    Each series is drawn faintly day by day and boldly as its ``window``-day mean (a day
    without a value leaves a gap; it is never drawn as 0). Without branded figures (no
    download filtered to branded queries) the chart shows every click.

    Parameters
    ----------
    daily : pandas.DataFrame
        ``smmnb.search.BrandDemand.daily``: ``date``, ``clicks`` and, when known,
        ``branded_clicks``.
    brand : str
        The brand, for the legend.
    window : int
        Days of the rolling mean.
    ax : matplotlib.axes.Axes, optional
    **kwargs
        Passed to the bold lines' :meth:`matplotlib.axes.Axes.plot`.
    """
    if window < 1:
        raise ValueError(f"window must be >= 1, got {window}")
    ax = _ax(ax)
    frame = daily.assign(date=pd.to_datetime(daily["date"])).set_index("date").sort_index()
    frame = frame.reindex(pd.date_range(frame.index.min(), frame.index.max(), freq="D"))
    total = pd.to_numeric(frame["clicks"], errors="coerce").astype("float64")
    colour = kwargs.pop("color", accent())
    if "branded_clicks" in frame.columns:
        branded = pd.to_numeric(frame["branded_clicks"], errors="coerce").astype("float64")
        named = _("searches naming {brand}").format(brand=brand) if brand else _("branded searches")
        series = [(branded, named, colour), (total - branded, _("other searches"), "#78909c")]
    else:
        series = [(total, _("all searches"), colour)]
    x = frame.index
    for values, name, colour in series:
        mean = values.rolling(window, min_periods=window).mean()
        ax.plot(x, values.to_numpy(), color=colour, alpha=0.25, linewidth=0.8)
        ax.plot(x, mean.to_numpy(), color=colour, linewidth=2, label=name, **kwargs)
    ax.set_ylim(bottom=0)
    ax.legend(loc="upper left")
    date_axis(ax)
    ax.yaxis.set_major_formatter(NumberFormatter())
    ax.set(
        title=_("Clicks from Google Search"),
        ylabel=_("clicks per day ({days}-day average in bold)").format(days=window),
    )
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
    kwargs.setdefault("color", accent())
    ax.scatter(x, y, s=size, alpha=0.7, **kwargs)
    ax.axvline(np.nanmedian(x), color="grey", linewidth=0.8, linestyle=":")
    ax.axhline(np.nanmedian(y), color="grey", linewidth=0.8, linestyle=":")
    ax.set_yscale("log")
    _log_number_axis(ax.yaxis)
    _percent_axis(ax.xaxis)
    _name_points(ax, x, y, data["influencer"], size)
    ax.set(
        title=_("Influencers: engagement rate against cost per engagement (size = followers)"),
        xlabel=formula("er_impressions"),
        ylabel=_("fee per engagement (log scale)"),
    )
    return ax


# --------------------------------------------------------------------------------------------
# trends and the content calendar (smmnb.trends, smmnb.calendar)


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
    kind = "hashtag" if "hashtag" in data.columns else "term"
    wide = data.pivot_table(index="period", columns=kind, values="share", aggfunc="sum")
    wide = wide.fillna(0.0).sort_index()
    if terms is None:
        totals = data.groupby(kind)["count"].sum().sort_values(ascending=False, kind="stable")
        terms = list(totals.index[:top])
    for term in terms:
        if term in wide.columns:
            ax.plot(wide.index, wide[term], marker="o", markersize=3, label=str(term), **kwargs)
    _percent_axis(ax.yaxis)
    date_axis(ax)
    ax.legend(title=label(kind), loc="upper left")
    title = (_("Share of documents using each hashtag") if kind == "hashtag"
             else _("Share of documents using each term"))  # fmt: skip
    ax.set(title=title, xlabel="", ylabel=_("share of documents"))
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
    _percent_axis(ax.yaxis)
    date_axis(ax)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.set(title=_("Share of voice"), xlabel="", ylabel=label("share of mentions"))
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
                    label=_("baseline to alert line"))  # fmt: skip
    ax.plot(x, data["baseline"], color="#546e7a", linestyle="--", linewidth=1,
            label=label("baseline"))  # fmt: skip
    kwargs.setdefault("color", accent())
    ax.plot(x, data["count"], linewidth=1.2, label=label("count"), **kwargs)
    flagged = data["is_spike"].to_numpy(dtype=bool)
    ax.scatter(x[flagged], data["count"][flagged], color="#c62828", zorder=3, label=_("spike"))
    for xi, yi in zip(x[flagged], data["count"][flagged], strict=True):
        ax.annotate(i18n.date(xi, year=False), (xi, yi), textcoords="offset points",
                    xytext=(5, 3), fontsize=8, color="#c62828")  # fmt: skip
    ax.legend(loc="upper left")
    date_axis(ax)
    ax.yaxis.set_major_formatter(NumberFormatter())
    ax.set(title=_("Mentions per period and the spike rule"), xlabel="", ylabel=label("mentions"))
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
    # what a cell holds: the rate itself, or (relative_to) the rate over its usual level
    relative = bool(data.attrs.get("relative_to"))
    scale = _("× the usual rate") if relative else label(data.attrs.get("metric", "value"))
    bar = ax.figure.colorbar(image, ax=ax, fraction=0.025, pad=0.01, label=scale)
    bar.formatter = NumberFormatter()
    bar.update_ticks()
    ax.set_yticks(range(7), labels=[i18n.day_name(d, "abbreviated") for d in range(7)])
    ax.set_xticks(range(0, 24, 2), labels=[f"{h:02d}" for h in range(0, 24, 2)])
    ax.grid(False)
    title = ngettext(
        "By local weekday and hour (grey: fewer than {count} post)",
        "By local weekday and hour (grey: fewer than {count} posts)",
        min_posts,
    )
    ax.set(title=title.format(count=min_posts), xlabel=_("hour of publication"),
           ylabel="")  # fmt: skip
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
    kwargs.setdefault("color", accent())
    ax.errorbar(value, y, xerr=np.vstack([low, high]), **kwargs)
    from smmnb.names import format_name

    shown = data["format"] if i18n.get_language() == "en" else data["format"].map(format_name)
    labels = [f"{platform_name(p)}: {f}" for p, f in zip(data["platform"], shown, strict=True)]
    ax.set_yticks(y, labels=labels)
    _percent_axis(ax.xaxis, 1)
    ax.set(title=_("Mean per post by format, with 95% intervals"), xlabel=_("per-post value"))
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
    main, dark, light = _shades()
    if history is not None:
        ax.plot(history["date"], history["followers"], color=main, label=label("followers"))
    ax.fill_between(forecast["date"], forecast["ci_low"], forecast["ci_high"], color=light,
                    alpha=0.45, label=_("95% interval"))  # fmt: skip
    kwargs.setdefault("linestyle", "--")
    kwargs.setdefault("color", dark)
    ax.plot(forecast["date"], forecast["forecast"], label=label("forecast"), **kwargs)
    if target is not None:
        ax.axhline(target, color="#c62828", linewidth=1,
                   label=_("target {value}").format(value=number_text(target, 0)))  # fmt: skip
    ax.yaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _pos: number_text(v, 0)))
    date_axis(ax)
    ax.legend(loc="upper left")
    ax.set(title=_("Followers: history and forecast"), xlabel="", ylabel=label("followers"))
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
    ax.bar(
        x - 0.2,
        weeks["planned"],
        width=0.4,
        color="#b0bec5",
        label=pgettext("calendar chart", "planned"),
        **kwargs,
    )
    published = pgettext("calendar chart", "published")
    ax.bar(x + 0.2, weeks["published"], width=0.4, color=accent(), label=published, **kwargs)
    ax.set_xticks(x, labels=[i18n.date(w, year=False) for w in weeks.index], rotation=45,
                  ha="right")  # fmt: skip
    ax.yaxis.set_major_formatter(NumberFormatter())
    ax.legend(loc="upper left")
    ax.set(title=_("Planned and published per week (weeks from Monday)"), xlabel="",
           ylabel=label("items"))  # fmt: skip
    return ax


def platform_lines(data: pd.DataFrame, *, ax: plt.Axes | None = None, **kwargs) -> plt.Axes:
    """One line per platform over time (days down, platform codes across), e.g. daily views.

    Platforms are named as their owners write them and the date axis reads in the report
    language; the caller sets the title and the y label (already translated).

    Parameters
    ----------
    data : pandas.DataFrame
        Wide: dates down (a DatetimeIndex), one column per platform.
    ax : matplotlib.axes.Axes, optional
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.plot`.

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _ax(ax)
    x = pd.to_datetime(data.index)
    for column in data.columns:
        ax.plot(x, data[column].to_numpy(dtype="float64"), label=platform_name(column), **kwargs)
    date_axis(ax)
    ax.yaxis.set_major_formatter(NumberFormatter())
    if len(data.columns):
        ax.legend(title=label("platform"), loc="upper left")
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
        ax.plot(data.index, data[column], marker=".", label=platform_name(column), **kwargs)
    ax.axhline(0, color="black", linewidth=0.8)
    ax.legend(title=label("platform"), loc="upper left", bbox_to_anchor=(1.0, 1.0))
    _percent_axis(ax.yaxis, signed=True)
    if isinstance(data.index, pd.DatetimeIndex):
        date_axis(ax)
    ax.set(title=_("Net sentiment by week"), ylabel=_("positive minus negative share"))
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
    for tone in ("negative", "neutral", "positive"):
        values = data[tone].to_numpy(dtype="float64") if tone in data else np.zeros(len(data))
        ax.barh(y, values, left=left, color=_SENTIMENT_COLORS[tone], label=label(tone), **kwargs)
        left += values
    ax.set_yticks(y, labels=[str(i) for i in data.index])
    ax.xaxis.set_major_formatter(NumberFormatter())
    ax.legend(loc="lower right")
    ax.set(title=_("Themes and their sentiment"), xlabel=label("comments"))
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
        ax.step(np.r_[0, hours], np.r_[0, share], where="post", label=platform_name(platform),
                **kwargs)  # fmt: skip
    if sla_hours is not None:
        ax.axvline(sla_hours, color="black", linestyle=":", linewidth=1, label="SLA")
    ax.set_xscale("symlog", linthresh=1)
    ax.set_xlim(left=0)
    ax.xaxis.set_major_formatter(NumberFormatter())
    _percent_axis(ax.yaxis)
    ax.legend(title=label("platform"))
    ax.set(title=_("Comments answered within ... hours"), xlabel=_("hours after the comment"),
           ylabel=_("share of customer comments"))  # fmt: skip
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
    kwargs.setdefault("color", accent())
    ax.scatter(x, y, s=size, alpha=0.6, **kwargs)
    _percent_axis(ax.xaxis)
    _percent_axis(ax.yaxis)
    _name_points(ax, x, y, data["theme"], size)
    ax.set(title=_("Expectation gaps: the further up and right, the bigger the gap"),
           xlabel=_("share of comments that are negative"),
           ylabel=_("share of comments without a reply"))  # fmt: skip
    return ax
