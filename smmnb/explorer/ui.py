"""The explorer's widgets: ipywidgets controls and a Plotly chart over :mod:`.queries`.

Every control calls one function of :mod:`smmnb.explorer.queries` and shows its result; the
widgets hold no numbers of their own. :attr:`Explorer.timings` keeps how long each update
took (seconds), so the speed can be measured (``make bench``).
"""

from __future__ import annotations

import datetime as dt
import html
import time
from contextlib import contextmanager

import numpy as np
import pandas as pd

from smmnb.explorer.queries import (
    METRICS,
    SORTS,
    Filters,
    behind,
    conversations,
    find,
    over_time,
    post_comparisons,
    searchable,
    why,
)
from smmnb.formatting import table
from smmnb.i18n import N_, _, get_language
from smmnb.i18n import date as format_date
from smmnb.i18n import integer as format_integer
from smmnb.names import platform_name
from smmnb.text.themes import theme_labels
from smmnb.workspace import Workspace

__all__ = ["Explorer"]

_SENTIMENTS = {"negative": N_("negative"), "neutral": N_("neutral"), "positive": N_("positive")}
_INTENTS = {"complaint": N_("complaint"), "question": N_("question"), "request": N_("request"),
            "praise": N_("praise"), "other": N_("other")}  # fmt: skip
_POST_SORTS = {
    "ratio": N_("Furthest above comparable posts"),
    "ratio_low": N_("Furthest below comparable posts"),
    "value": N_("Highest engagement rate"),
    "engagements": N_("Most engagements"),
    "newest": N_("Newest first"),
}
_STATIC = N_(
    "The explorer is interactive: open this notebook in JupyterLab (make lab) and run it. "
    "A saved or exported copy cannot show its controls."
)
_CSS = """<style>
.smm-results { max-height: 34em; overflow: auto; font-size: 90%; }
.smm-results table { border-collapse: collapse; }
.smm-results td, .smm-results th { padding: 2px 6px; border-bottom: 1px solid #ddd;
  vertical-align: top; text-align: left; }
.smm-results td:nth-child(n) { max-width: 38em; }
.smm-explorer .lm-TabBar-tab { flex: 0 0 auto !important; min-width: 12em;
  max-width: none !important; }
</style>"""


def _day(value) -> dt.date | None:
    if value is None or pd.isna(value):
        return None
    return pd.Timestamp(value).date()


class Explorer:
    """An explorer over one workspace: comments and mentions, metrics over time, posts.

    Parameters
    ----------
    ws : Workspace
        The folder (every brand, platform and date; the controls narrow it).
    brand, platforms, start, end
        The controls' first values (a notebook passes its parameters).
    model : SentimentModel, optional
        The model trained on the user's labels, as the reports use it.
    themes_dict : dict or path, optional
        The theme dictionary, as the reports use it.
    page_size : int
        Rows per page of the tables.

    Attributes
    ----------
    rows : pandas.DataFrame
        :func:`~smmnb.explorer.queries.conversations` of the folder.
    posts : pandas.DataFrame
        :func:`~smmnb.explorer.queries.post_comparisons` of the folder.
    found, series, clicked, posts_found : pandas.DataFrame
        What each view shows now (the whole result, not only the page): take them to pandas.
    timings : dict
        Seconds the last update of each view took.
    """

    def __init__(
        self,
        ws: Workspace,
        *,
        brand: str = "",
        platforms=None,
        start=None,
        end=None,
        model=None,
        themes_dict=None,
        page_size: int = 20,
    ) -> None:
        import ipywidgets as w

        if page_size < 1:
            raise ValueError(f"page_size must be >= 1, got {page_size}")
        self.ws = ws
        self.model = model
        self.page_size = page_size
        self.language = get_language()
        self.timings: dict[str, float] = {}
        started = time.perf_counter()
        self.rows = conversations(ws, model=model, themes_dict=themes_dict)
        self.posts = post_comparisons(ws)
        self.timings["load"] = time.perf_counter() - started
        self.theme_names = theme_labels(themes_dict, self.language)
        self.found = self.rows.iloc[:0]
        self.series = pd.DataFrame()
        self.clicked = pd.DataFrame()
        self.posts_found = self.posts.iloc[:0]
        self._page = {"comments": 0, "posts": 0, "clicked": 0}

        first, last = ws.coverage()
        platforms = [platforms] if isinstance(platforms, str) else list(platforms or [])
        present = sorted({str(p) for t in ("comments", "mentions", "posts", "ads")
                          if "platform" in ws[t].columns
                          for p in ws[t]["platform"].dropna().astype(str).unique()})  # fmt: skip
        brands = list(ws.brands)
        layout = w.Layout(width="auto")

        # shared filters
        self.brand = w.Dropdown(
            options=[(_("All brands"), "")] + [(b, b) for b in brands],
            value=brand if brand in brands else "",
            description=_("Brand"),
            layout=layout,
        )
        # one platform, or all; the notebook's own several platforms are one more choice
        choices = [(_("All platforms"), "")] + [(platform_name(p), p) for p in present]
        wanted = tuple(p.lower() for p in platforms if p.lower() in present)
        chosen = wanted[0] if len(wanted) == 1 else wanted if wanted else ""
        if len(wanted) > 1:
            names = [platform_name(p) for p in wanted]
            choices.insert(1, (" + ".join(names), wanted))
        self.platform = w.Dropdown(
            options=choices,
            value=chosen,
            description=_("Platform"),
            layout=layout,
        )
        self.start = w.DatePicker(value=_day(start) or _day(first), description=_("From"),
                                  min=_day(first), max=_day(last), layout=layout)  # fmt: skip
        self.end = w.DatePicker(value=_day(end) or _day(last), description=_("To"),
                                min=_day(first), max=_day(last), layout=layout)  # fmt: skip
        for control, css in ((self.brand, "smm-brand"), (self.platform, "smm-platform"),
                             (self.start, "smm-start"), (self.end, "smm-end")):  # fmt: skip
            control.add_class(css)
            control.observe(self._filters_changed, names="value")

        # comments and mentions
        # the themes some text mentions (a dictionary's other themes would only find nothing)
        themes = [c.removeprefix("theme_") for c in self.rows.columns
                  if c.startswith("theme_") and self.rows[c].any()]  # fmt: skip
        self.search = w.Text(
            placeholder=_('words to find, e.g. giao hang cham, or "het hang"'),
            description=_("Search"),
            continuous_update=False,
            layout=w.Layout(width="60%"),
        )
        self.source = w.Dropdown(options=[(_("Comments and mentions"), ""),
                                          (_("Comments"), "comment"), (_("Mentions"), "mention")],
                                 description=_("Show"))  # fmt: skip
        self.sentiment = w.Dropdown(
            options=[(_("Any sentiment"), "")] + [(_(t), k) for k, t in _SENTIMENTS.items()],
            description=_("Sentiment"),
        )
        self.theme = w.Dropdown(
            options=[(_("Any theme"), "")] + [(self.theme_names.get(t, t), t) for t in themes],
            description=_("Theme"),
        )
        self.intent = w.Dropdown(
            options=[(_("Any intent"), "")] + [(_(t), k) for k, t in _INTENTS.items()],
            description=_("Intent"),
        )
        known = self.rows["answered"].notna().any() if len(self.rows) else False
        self.answered = w.Dropdown(
            options=[(_("Answered or not"), "")]
            + ([(_("Answered by the brand"), "yes"), (_("Not answered"), "no")] if known else []),
            description=_("Replies"),
        )
        self.sort = w.Dropdown(options=[(_(t), k) for k, t in SORTS.items()],
                               description=_("Order"))  # fmt: skip
        self.count = w.HTML()
        self.results = w.HTML()
        self.prev_page = w.Button(description=_("Previous"), icon="arrow-left")
        self.next_page = w.Button(description=_("Next"), icon="arrow-right")
        for control, css in ((self.search, "smm-search"), (self.source, "smm-source"),
                             (self.sentiment, "smm-sentiment"), (self.theme, "smm-theme"),
                             (self.intent, "smm-intent"), (self.answered, "smm-answered"),
                             (self.sort, "smm-sort")):  # fmt: skip
            control.add_class(css)
            control.observe(self._comments_changed, names="value")
        self.count.add_class("smm-count")
        self.results.add_class("smm-results")
        self.results.add_class("smm-comments")
        self.prev_page.add_class("smm-prev")
        self.next_page.add_class("smm-next")
        self.prev_page.on_click(lambda _b: self._turn("comments", -1))
        self.next_page.on_click(lambda _b: self._turn("comments", +1))
        comments_tab = w.VBox([
            self.search,
            w.HBox([self.source, self.sentiment, self.theme]),
            w.HBox([self.intent, self.answered, self.sort]),
            w.HBox([self.count, self.prev_page, self.next_page]),
            self.results,
        ])  # fmt: skip

        # over time
        available = [code for code, m in METRICS.items() if self._has(m.table)]
        self.metric = w.Dropdown(options=[(_(METRICS[c].name), c) for c in available],
                                 description=_("Metric"))  # fmt: skip
        self.by = w.ToggleButtons(options=[(_("By day"), "day"), (_("By week"), "week")],
                                  value="week", style={"button_width": "auto"})  # fmt: skip
        self.split = w.ToggleButtons(options=[(_("Per platform"), "platform"),
                                              (_("Per brand"), "brand"), (_("Total"), "total")],
                                     style={"button_width": "auto"})  # fmt: skip
        self.definition = w.HTML()
        self.clicked_count = w.HTML()
        self.clicked_rows = w.HTML()
        self.clicked_prev = w.Button(description=_("Previous"), icon="arrow-left")
        self.clicked_next = w.Button(description=_("Next"), icon="arrow-right")
        self.clicked_prev.on_click(lambda _b: self._turn("clicked", -1))
        self.clicked_next.on_click(lambda _b: self._turn("clicked", +1))
        self.chart = self._figure()
        for control, css in ((self.metric, "smm-metric"), (self.by, "smm-by"),
                             (self.split, "smm-split")):  # fmt: skip
            control.add_class(css)
            control.observe(self._series_changed, names="value")
        self.definition.add_class("smm-definition")
        self.clicked_count.add_class("smm-clicked-count")
        self.clicked_rows.add_class("smm-results")
        self.clicked_rows.add_class("smm-clicked")
        chart_box = w.Box([self.chart]) if self.chart is not None else w.HTML()
        chart_box.add_class("smm-chart")
        time_tab = w.VBox([
            self.metric, w.HBox([self.by, self.split]), chart_box, self.definition,
            w.HBox([self.clicked_count, self.clicked_prev, self.clicked_next]),
            self.clicked_rows,
        ])  # fmt: skip

        # posts
        self.post_sort = w.Dropdown(options=[(_(t), k) for k, t in _POST_SORTS.items()],
                                    description=_("Order"))  # fmt: skip
        self.post_sort.add_class("smm-post-sort")
        self.post_sort.observe(self._posts_changed, names="value")
        self.best_worst = w.HTML()
        self.best_worst.add_class("smm-best-worst")
        self.post_count = w.HTML()
        self.post_count.add_class("smm-post-count")
        self.post_rows = w.HTML()
        self.post_rows.add_class("smm-results")
        self.post_rows.add_class("smm-posts")
        self.post_prev = w.Button(description=_("Previous"), icon="arrow-left")
        self.post_next = w.Button(description=_("Next"), icon="arrow-right")
        self.post_prev.on_click(lambda _b: self._turn("posts", -1))
        self.post_next.on_click(lambda _b: self._turn("posts", +1))
        posts_tab = w.VBox([self.post_sort, self.best_worst,
                            w.HBox([self.post_count, self.post_prev, self.post_next]),
                            self.post_rows])  # fmt: skip

        self.tabs = w.Tab(children=[comments_tab, time_tab, posts_tab])
        for i, title in enumerate((_("Comments and mentions"), _("Over time"), _("Posts"))):
            self.tabs.set_title(i, title)
        filters = w.HBox([self.brand, self.platform, self.start, self.end])
        filters.add_class("smm-filters")
        self.widget = w.VBox([w.HTML(_CSS), filters, self.tabs])
        self.widget.add_class("smm-explorer")
        self._filters_changed()

    # -- what the controls ask -------------------------------------------------------------

    def _has(self, table: str) -> bool:
        if table in ("comments", "mentions"):
            source = "comment" if table == "comments" else "mention"
            return bool((self.rows["source"] == source).any()) if len(self.rows) else False
        return not self.ws[table].empty

    @property
    def filters(self) -> Filters:
        """The shared filters as the controls set them now."""
        return Filters.of(self.brand.value, self.platform.value or None, self.start.value,
                          self.end.value)  # fmt: skip

    def query(self) -> dict:
        """The comment view's search and filters, as :func:`find` takes them."""
        answered = {"yes": True, "no": False}.get(self.answered.value)
        return {"query": self.search.value, "source": self.source.value,
                "sentiment": self.sentiment.value, "theme": self.theme.value,
                "intent": self.intent.value, "answered": answered, "sort": self.sort.value,
                "filters": self.filters}  # fmt: skip

    @contextmanager
    def _timed(self, name: str):
        started = time.perf_counter()
        yield
        self.timings[name] = time.perf_counter() - started

    # -- updates ---------------------------------------------------------------------------

    def _filters_changed(self, _change=None) -> None:
        with self._timed("filters"):
            self._comments_changed()
            self._series_changed()
            self._posts_changed()

    def _comments_changed(self, _change=None) -> None:
        with self._timed("comments"):
            self.found = find(self.rows, **self.query())
            self._page["comments"] = 0
            self._show_comments()

    def _show_comments(self) -> None:
        self.count.value, self.results.value = self._page_of(
            "comments", self.found, _conversation_table
        )

    def _series_changed(self, _change=None) -> None:
        with self._timed("series"):
            metric = self.metric.value
            if metric is None:
                self.definition.value = html.escape(_("No metric can be drawn from this folder."))
                return
            split = "brand" if metric == "share_of_voice" else self.split.value
            self.series = over_time(self.ws, metric, by=self.by.value, split=split,
                                    rows=self.rows, filters=self.filters)  # fmt: skip
            m = METRICS[metric]
            self.definition.value = html.escape(
                _("{metric} = {definition}. Click a point to see what is behind it.").format(
                    metric=_(m.name) + (f" ({self._money(metric)})" if self._money(metric)
                                        else ""),
                    definition=_(m.definition))
            )  # fmt: skip
            self._draw(metric, split)
            self.clicked = pd.DataFrame()
            self.clicked_count.value = ""
            self.clicked_rows.value = ""
            self.clicked_prev.layout.display = self.clicked_next.layout.display = "none"

    def _posts_changed(self, _change=None) -> None:
        with self._timed("posts"):
            posts = self.posts
            f = self.filters
            posts = posts[f.keep(posts, posts["published"].dt.normalize())] if len(posts) else posts
            order = self.post_sort.value
            if order == "newest":
                posts = posts.sort_values("published", ascending=False, kind="stable")
            else:
                column = "ratio" if order.startswith("ratio") else order
                posts = posts.sort_values([column, "published"],
                                          ascending=[order == "ratio_low", False],
                                          kind="stable", na_position="last")  # fmt: skip
            self.posts_found = posts
            self._page["posts"] = 0
            compared = posts[posts["compared"].astype(bool)] if len(posts) else posts
            if self.posts.empty:
                self.best_worst.value = html.escape(_("This folder holds no posts."))
            elif compared.empty:
                self.best_worst.value = html.escape(_(
                    "No post of this filter has enough comparable posts (same brand, platform "
                    "and format) to say how it did."))  # fmt: skip
            else:
                ranked = compared.sort_values(["ratio", "published"], ascending=[False, False],
                                              kind="stable")  # fmt: skip
                n = min(3, len(ranked) // 2) or 1
                best, worst = ranked.head(n), ranked.iloc[::-1].head(n)
                worst = worst[~worst.index.isin(best.index)]
                best_title = html.escape(_("Best of this filter"))
                worst_title = html.escape(_("Worst of this filter"))
                self.best_worst.value = (
                    f"<b>{best_title}</b>"
                    + _post_table(best).to_html()
                    + (f"<b>{worst_title}</b>" + _post_table(worst).to_html() if len(worst) else "")
                )
            self._show_posts()

    def _show_posts(self) -> None:
        self.post_count.value, self.post_rows.value = self._page_of(
            "posts", self.posts_found, _post_table
        )

    def _turn(self, view: str, step: int) -> None:
        with self._timed("page"):
            data = {"comments": self.found, "posts": self.posts_found, "clicked": self.clicked}
            pages = max(1, -(-len(data[view]) // self.page_size))
            self._page[view] = min(max(self._page[view] + step, 0), pages - 1)
            if view == "comments":
                self._show_comments()
            elif view == "posts":
                self._show_posts()
            else:
                self._show_clicked()

    def _page_of(self, view: str, rows: pd.DataFrame, render) -> tuple[str, str]:
        """The count line ("20 of 330") and the HTML of the page shown.

        The view's Previous and Next buttons show only when there is more than one page.
        """
        total = len(rows)
        pages = -(-total // self.page_size)
        buttons = {"comments": (self.prev_page, self.next_page),
                   "posts": (self.post_prev, self.post_next),
                   "clicked": (self.clicked_prev, self.clicked_next)}[view]  # fmt: skip
        for button in buttons:
            button.layout.display = None if pages > 1 else "none"
        if total == 0:
            return html.escape(self._nothing(view)), ""
        page = self._page[view]
        first = page * self.page_size
        shown = rows.iloc[first : first + self.page_size]
        count = _("{shown} of {total}").format(
            shown=format_integer(len(shown)), total=format_integer(total)
        )
        if pages > 1:
            count += " · " + _("page {page} of {pages}").format(
                page=format_integer(page + 1), pages=format_integer(pages)
            )
        body = (
            render(shown, self).to_html()
            if render is _conversation_table
            else render(shown).to_html()
        )
        return f"<b>{html.escape(count)}</b>", body

    def _nothing(self, view: str) -> str:
        """Why a view is empty, in one sentence."""
        f = self.filters
        if view == "comments" and self.rows.empty:
            return _("This folder holds no comments or mentions.")
        if view == "posts" and self.posts.empty:
            return _("This folder holds no posts.")
        if f.start is not None and f.end is not None and f.start > f.end:
            return _("The start date is after the end date.")
        if view == "comments" and self.search.value.strip() and not searchable(self.search.value):
            return _(
                "Nothing to search in “{query}”: handles, links and punctuation are left out of "
                "the texts searched."
            ).format(query=self.search.value.strip())
        return _("Nothing matches these filters.")

    # -- the chart -------------------------------------------------------------------------

    def _figure(self):
        try:
            import plotly.graph_objects as go
        except ImportError:  # pragma: no cover - plotly is a dependency
            return None
        figure = go.FigureWidget()
        figure.update_layout(height=380, margin={"l": 60, "r": 20, "t": 30, "b": 40},
                             hovermode="closest", template="plotly_white",
                             legend={"orientation": "h", "y": -0.15})  # fmt: skip
        return figure

    def _line_name(self, group: str, currency: str | None = None) -> str:
        metric = self.metric.value
        split = "brand" if metric == "share_of_voice" else self.split.value
        name = platform_name(group) if split == "platform" else str(group)
        return f"{name} ({currency})" if currency else name

    def _when(self, period) -> str:
        when = pd.Timestamp(period)
        if self.by.value == "week":
            return _("week of {day}").format(day=format_date(when))
        return format_date(when, weekday=True)

    def _draw(self, metric: str, split: str) -> None:
        if self.chart is None:
            return
        m = METRICS[metric]
        series = self.series
        lines = ["group", "currency"] if "currency" in series.columns else ["group"]
        money = self._money(metric)
        with self.chart.batch_update():
            self.chart.data = []
            for key, part in series.groupby(lines, sort=True):
                group, currency = (key[0], key[1]) if len(lines) == 2 else (key[0], None)
                name = self._line_name(group, currency)
                values = part["value"].to_numpy(dtype="float64")
                bases = (part["denominator"].to_numpy(dtype="float64")
                         if "denominator" in part.columns else [np.nan] * len(part))  # fmt: skip
                shown = [_value_text(m, v, b, money) for v, b in zip(values, bases, strict=True)]
                self.chart.add_scatter(
                    x=part["period"].dt.strftime("%Y-%m-%d").tolist(),
                    y=[None if np.isnan(v) else v for v in values],
                    customdata=[[group, text, currency or "", self._when(p)]
                                for text, p in zip(shown, part["period"], strict=True)],
                    name=name, mode="lines+markers",
                    hovertemplate="%{customdata[3]}<br>" + html.escape(name)
                    + ": %{customdata[1]}<extra></extra>",
                )  # fmt: skip
            title = _(m.name)
            if money:
                title = f"{title} ({money})"
            self.chart.layout.yaxis.title = title
            self.chart.layout.yaxis.tickformat = ".0%" if m.kind == "share" else ",.0f"
            self.chart.layout.separators = _SEPARATORS.get(self.language, ".,")
            self.chart.layout.xaxis.title = (
                _("Week (from Monday)") if self.by.value == "week" else _("Day")
            )
        for trace in self.chart.data:
            trace.on_click(self._point_clicked)

    def _money(self, metric: str) -> str:
        """The currency of a money metric's values when the ads hold one ("" otherwise)."""
        from smmnb.metrics import currency_codes

        if METRICS[metric].kind != "money" or "currency" in self.series.columns:
            return ""
        codes = currency_codes(self.ws.ads)
        found = sorted(set(codes.dropna().astype(str))) if codes is not None else []
        return found[0] if len(found) == 1 else (self.ws.currency or "")

    def _point_clicked(self, trace, points, _state=None) -> None:
        if not points.point_inds:
            return
        i = points.point_inds[0]
        group, _text, currency, _when = trace.customdata[i]
        self.show_behind(trace.x[i], group, currency=currency or None)

    def show_behind(self, period, group: str, *, currency: str | None = None) -> pd.DataFrame:
        """List what is behind one point of the chart (as a click on it does)."""
        with self._timed("click"):
            metric = self.metric.value
            split = "brand" if metric == "share_of_voice" else self.split.value
            self.clicked = behind(self.ws, metric, period, group, by=self.by.value, split=split,
                                  rows=self.rows, posts=self.posts, filters=self.filters,
                                  currency=currency)  # fmt: skip
            self._page["clicked"] = 0
            self._clicked_at = (period, group, currency)
            self._show_clicked()
        return self.clicked

    def _show_clicked(self) -> None:
        metric = METRICS[self.metric.value]
        period, group, currency = self._clicked_at
        name = self._line_name(group, currency)
        render = {
            "comments": _conversation_table,
            "mentions": _conversation_table,
            "posts": _post_table,
            "ads": _ads_table,
        }[metric.table]
        count, body = self._page_of("clicked", self.clicked, render)
        at = self._when(period)
        self.clicked_count.value = f"{html.escape(name)}, {html.escape(at)}: {count}"
        self.clicked_rows.value = body

    # -- display ---------------------------------------------------------------------------

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = _(_STATIC)
        bundle["text/html"] = f"<p><em>{html.escape(_(_STATIC))}</em></p>"
        return bundle


def _value_text(m, value: float, base: float = float("nan"), money: str = "") -> str:
    """A point's value as its hover shows it, with what a rate is over.

    For example ``36.9% (1,102 customer comments)``.
    """
    from smmnb.formatting import number_text, percent_text

    if value != value:
        return _("not measurable")
    if m.kind == "share":
        text = percent_text(value, 1)
    elif m.kind == "count":
        text = format_integer(value)
    else:
        text = number_text(value, 2 if m.code == "roas" else 0)
        if money:
            text = f"{text} {money}"
    if m.per and base == base:
        text = _("{value} ({count} {unit})").format(
            value=text, count=number_text(base, 0), unit=_(m.per)
        )
    return text


_SEPARATORS = {"en": ".,", "vi": ",."}
"""Plotly's decimal and thousands separators per report language (CLDR's)."""


def _conversation_table(rows: pd.DataFrame, explorer: Explorer | None = None):
    """A page of :func:`find`'s rows as a report table, with the words that decided."""
    names = explorer.theme_names if explorer is not None else {}
    shown = pd.DataFrame({
        "when": rows["time"].map(lambda t: format_date(t) + t.strftime(" %H:%M")).to_numpy(),
        "platform": rows["platform"].to_numpy(dtype=object),
        "brand": rows["brand"].to_numpy(dtype=object),
        "author": rows["author"].fillna("").to_numpy(dtype=object),
        "text": rows["text"].to_numpy(dtype=object),
        "sentiment": [_(_SENTIMENTS.get(s, s)) if isinstance(s, str) else "" for s in
                      rows["sentiment"]],
        "why": _reasons(rows, explorer.model if explorer is not None else None),
        "intent": [_(_INTENTS.get(s, s)) if isinstance(s, str) else "" for s in rows["intent"]],
        "theme": [names.get(t, t) if isinstance(t, str) else "" for t in rows["theme"]],
    })  # fmt: skip
    if "answered" in rows.columns and rows["answered"].notna().any():
        shown["answered"] = [
            "" if pd.isna(a) else (_("yes") if a else _("no")) for a in rows["answered"]
        ]
    return table(shown, max_rows=len(shown) or 1)


def _reasons(rows: pd.DataFrame, model) -> list[str]:
    """Why each row scored as it did: the lexicon's deciding words, or the trained model's score.

    With a model trained on the user's labels, the lexicon's words did not decide the label, so
    they are not shown; the model's P(positive) - P(negative) is.
    """
    if model is None:
        return [why(t) for t in rows["text"]]
    from smmnb.formatting import number_text

    return [_("model trained on your labels: {score}").format(score=number_text(v, 2, signed=True))
            for v in rows["score"]]  # fmt: skip


def _post_table(posts: pd.DataFrame):
    shown = posts[["published", "platform", "brand", "format", "text", "value", "median",
                   "ratio", "percentile", "comparable", "engagements", "reach"]].rename(
        columns={"value": "engagement_rate", "median": "comparable_median",
                 "percentile": "beats"})  # fmt: skip
    shown["published"] = [format_date(t) if pd.notna(t) else "" for t in shown["published"]]
    return table(shown, percent=["engagement_rate", "comparable_median", "beats"],
                 decimals={"ratio": 2, "engagements": 0, "reach": 0},
                 max_rows=len(shown) or 1)  # fmt: skip


def _ads_table(ads: pd.DataFrame):
    columns = [c for c in ("date", "platform", "campaign", "ad", "spend", "impressions", "clicks",
                           "conversions", "revenue") if c in ads.columns]  # fmt: skip
    return table(ads[columns], money=["spend", "revenue"], dates=["date"],
                 max_rows=len(ads) or 1)  # fmt: skip


def explore(
    data, *, brand: str = "", platforms=None, start=None, end=None, model=None,
    themes="", page_size: int = 20,
) -> Explorer:  # fmt: skip
    """Open the explorer over a folder, a :class:`Workspace` or a notebook's context.

    Parameters
    ----------
    data : str, Path, Workspace or smmnb.notebook.Context
        What to explore. A notebook's context (``nb = setup(...)``) gives the whole folder
        and the first values of the controls: the notebook's brand, platform and period.
    brand, platforms, start, end
        First values of the filters (override the context's).
    model : SentimentModel, optional
        The sentiment model; default the one trained on the labels ``smmnb.yml`` names, as
        the reports use it (:func:`smmnb.expectations.sentiment_model`), else the lexicon.
    themes : str, Path or dict
        The theme dictionary as the reports choose it: this, else ``smmnb.yml``'s, else
        the built-in dictionary that covers the most comments.
    page_size : int
        Rows per page.

    Returns
    -------
    Explorer
        Shown when it is the last value of a cell; ``.found``, ``.series``, ``.clicked`` and
        ``.posts_found`` hold what it shows, as DataFrames.
    """
    from smmnb.expectations.comments import customer_comments
    from smmnb.expectations.sentiment_figures import sentiment_model
    from smmnb.notebook import Context
    from smmnb.text.themes import resolve_themes

    if isinstance(data, Context):
        nb = data
        ws = nb.everything
        brand = brand or nb.brand
        platforms = platforms if platforms is not None else nb.platforms
        start = start or nb.start
        end = end or nb.end
    elif isinstance(data, Workspace):
        ws = data
    else:
        from smmnb.io.tables import load_workspace

        ws = load_workspace(data)
    settings = getattr(ws, "settings", None)
    if model is None:
        model = sentiment_model("", settings)
    customer = customer_comments(ws.comments)
    texts = customer["text"] if len(customer) else ws.mentions["text"]
    chosen = resolve_themes(texts, themes, settings).themes
    return Explorer(ws, brand=brand, platforms=platforms, start=start, end=end, model=model,
                    themes_dict=chosen, page_size=page_size)  # fmt: skip
