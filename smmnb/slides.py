"""A PowerPoint deck of a report job: the executive summary as slides a manager forwards.

:func:`write_deck` reads the folder as ``05_executive_summary.ipynb`` does (:func:`smmnb.notebook.
setup` with the same parameters) and calls the same functions (:func:`smmnb.insights.
headline_kpis`, :func:`~smmnb.insights.target_scorecard`, :func:`~smmnb.insights.paced`,
:func:`~smmnb.insights.findings`, :func:`smmnb.plots.scorecard`...), so the deck and the report
never disagree. The slides:

1. the title: brand, period, platforms, the logo of the branding;
2. the headline numbers, each with its change against the previous period of the same length;
3. KPIs against targets: the scorecard chart and its sentence;
4. one slide per top finding: its title, its sentence, the chart that supports it and the
   action;
5. what to do next: the actions, in the order of their findings.

A section whose data are missing (:class:`~smmnb.errors.InsufficientData`) gives a slide with
its fallback sentence. Every text is in the report language (``language``, else the folder's,
else English) and every run of text is set in one font that renders Vietnamese (Arial).
Charts are PNG pictures drawn by :mod:`smmnb.plots` on matplotlib's Agg canvas (no pyplot, no
change to the caller's figures or style). The same input gives the same slide texts.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from smmnb import i18n
from smmnb import narrative as say
from smmnb.errors import InsufficientData
from smmnb.i18n import _

__all__ = ["FONT", "markdown_runs", "write_deck"]

FONT = "Arial"
"""The font of every text run: Latin with Vietnamese diacritics on every office suite."""

_WIDTH_IN, _HEIGHT_IN = 13.333, 7.5  # 16:9
_DEFAULT_ACCENT = "#1F4E79"
_GREY = "595959"
_DPI = 150


# --------------------------------------------------------------------------------------------
# Markdown (the narrative's) to runs of text


@dataclass(frozen=True)
class Run:
    """A piece of text with one style."""

    text: str
    bold: bool = False
    italic: bool = False
    link: str | None = None


_TOKEN = re.compile(r"\\(.)|\*\*|\*|`|\[([^\]\\]*(?:\\.[^\]\\]*)*)\]\(<?([^)\s>]+)>?\)", re.S)


def markdown_runs(text: str) -> list[Run]:
    r"""The runs of one line of the narrative's Markdown: bold, italic, links, escapes undone.

    ``**bold**``, ``*italic*``, ```code``` (shown as text), ``[text](url)`` (a link), and the
    backslash escapes and HTML entities of :func:`smmnb.formatting.escape_markdown`.

    >>> [(r.text, r.bold) for r in markdown_runs(r"**16 of 18** on track: F&amp;B \#1")]
    [('16 of 18', True), (' on track: F&B #1', False)]
    """
    runs: list[Run] = []
    bold = italic = False
    buffer: list[str] = []

    def flush() -> None:
        if buffer:
            runs.append(Run(html.unescape("".join(buffer)), bold, italic))
            buffer.clear()

    at = 0
    for m in _TOKEN.finditer(text):
        buffer.append(text[at : m.start()])
        at = m.end()
        token = m.group(0)
        if m.group(1) is not None:  # a backslash escape
            buffer.append(m.group(1))
        elif token == "**":
            flush()
            bold = not bold
        elif token == "*":
            flush()
            italic = not italic
        elif token == "`":
            continue
        else:  # a link: its text (escapes undone) with the address
            flush()
            label = re.sub(r"\\(.)", r"\1", m.group(2))
            runs.append(Run(html.unescape(label), bold, italic, m.group(3)))
    buffer.append(text[at:])
    flush()
    return [r for r in runs if r.text]


def _plain(markdown: str) -> str:
    """Markdown as the text a slide shows."""
    return "".join(r.text for r in markdown_runs(markdown))


_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|(\d+)[.)])\s+")


def _paragraphs(markdown: str) -> list[tuple[str, list[Run]]]:
    """Non-empty lines as (bullet, runs); a list item's marker becomes its bullet."""
    out = []
    for line in str(markdown).splitlines():
        if not line.strip():
            continue
        m = _LIST_ITEM.match(line)
        bullet = ""
        if m:
            bullet = f"{m.group(1)}. " if m.group(1) else "• "
            line = line[m.end() :]
        out.append((bullet, markdown_runs(line)))
    return out


# --------------------------------------------------------------------------------------------
# branding


@dataclass(frozen=True)
class _Brand:
    accent: str = _DEFAULT_ACCENT
    logo: Path | None = None
    footer: str = ""


def _branding(branding: object) -> _Brand:
    """``branding`` (a mapping or an object with ``logo``, ``accent``, ``footer``; None)."""
    if branding is None:
        return _Brand()

    def get(name: str):
        if isinstance(branding, Mapping):
            return branding.get(name)
        return getattr(branding, name, None)

    accent = str(get("accent") or _DEFAULT_ACCENT).strip()
    if not re.fullmatch(r"#[0-9A-Fa-f]{6}", accent):
        raise ValueError(f"branding accent must be a colour #RRGGBB, got {accent!r}")
    logo = get("logo")
    if logo:
        logo = Path(logo)
        if not logo.is_file():
            raise ValueError(f"branding logo {str(logo)!r} is not a file")
    return _Brand(accent=accent, logo=logo or None, footer=str(get("footer") or ""))


# --------------------------------------------------------------------------------------------
# the deck


class _Deck:
    """A presentation being built: slides of text, tables and pictures in one font."""

    def __init__(self, style: _Brand) -> None:
        from pptx import Presentation
        from pptx.enum.lang import MSO_LANGUAGE_ID
        from pptx.util import Inches

        self.style = style
        # the proofing language of every run: a Vietnamese deck is not spell-checked as English
        vietnamese = i18n.get_language() == "vi"
        self.language_id = MSO_LANGUAGE_ID.VIETNAMESE if vietnamese else MSO_LANGUAGE_ID.ENGLISH_US
        self.prs = Presentation()
        self.prs.slide_width = Inches(_WIDTH_IN)
        self.prs.slide_height = Inches(_HEIGHT_IN)

    # -- pieces ----------------------------------------------------------------------------

    def _rgb(self, hex_colour: str):
        from pptx.dml.color import RGBColor

        return RGBColor.from_string(hex_colour.lstrip("#").upper())

    def _runs(self, paragraph, runs: Iterable[Run], size: float, bold: bool = False,
              colour: str | None = None) -> None:  # fmt: skip
        from pptx.util import Pt

        for piece in runs:
            run = paragraph.add_run()
            run.text = piece.text
            font = run.font
            font.name = FONT
            font.size = Pt(size)
            font.bold = bold or piece.bold
            font.italic = piece.italic
            font.language_id = self.language_id
            if colour:
                font.color.rgb = self._rgb(colour)
            if piece.link:
                run.hyperlink.address = piece.link

    def text(self, slide, markdown: str | Sequence[str], left: float, top: float, width: float,
             height: float, *, size: float = 16, bold: bool = False, colour: str | None = None,
             space: float = 6) -> None:  # fmt: skip
        """A text box of Markdown lines (a string, or one string per paragraph)."""
        from pptx.util import Inches, Pt

        box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
        frame = box.text_frame
        frame.word_wrap = True
        lines = [markdown] if isinstance(markdown, str) else list(markdown)
        paragraphs = [p for line in lines for p in _paragraphs(line)]
        for i, (bullet, runs) in enumerate(paragraphs or [("", [])]):
            paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            paragraph.space_after = Pt(space)
            if bullet:
                runs = [Run(bullet), *runs]
            self._runs(paragraph, runs, size, bold, colour)

    def picture(self, slide, figure, left: float, top: float, width: float,
                height: float) -> None:  # fmt: skip
        """A matplotlib Figure as a PNG picture, as large as fits the box, centred in it."""
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from pptx.util import Inches

        FigureCanvasAgg(figure)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=_DPI, bbox_inches="tight",
                       metadata={"Software": None})  # fmt: skip
        buffer.seek(0)
        from PIL import Image

        with Image.open(buffer) as image:
            w, h = image.size
        buffer.seek(0)
        scale = min(width / w, height / h)
        shown_w, shown_h = w * scale, h * scale
        slide.shapes.add_picture(
            buffer,
            Inches(left + (width - shown_w) / 2),
            Inches(top + (height - shown_h) / 2),
            Inches(shown_w),
            Inches(shown_h),
        )

    def table(self, slide, header: Sequence[str], rows: Sequence[Sequence[str]], left: float,
              top: float, width: float, widths: Sequence[float], size: float) -> None:  # fmt: skip
        """A table of text; the header row in the accent colour."""
        from pptx.util import Inches, Pt

        row_height = size / 72 * 1.9
        height = Inches(row_height * (len(rows) + 1))
        shape = slide.shapes.add_table(len(rows) + 1, len(header), Inches(left), Inches(top),
                                       Inches(width), height)  # fmt: skip
        table = shape.table
        for j, w in enumerate(widths):
            table.columns[j].width = Inches(w)
        for i, values in enumerate([header, *rows]):
            table.rows[i].height = Inches(row_height)
            for j, value in enumerate(values):
                cell = table.cell(i, j)
                cell.margin_top = cell.margin_bottom = Pt(2)
                frame = cell.text_frame
                frame.word_wrap = True
                paragraph = frame.paragraphs[0]
                self._runs(paragraph, markdown_runs(str(value)), size, bold=i == 0,
                           colour="FFFFFF" if i == 0 else None)  # fmt: skip
                if i == 0:
                    cell.fill.solid()
                    cell.fill.fore_color.rgb = self._rgb(self.style.accent)

    # -- slides ----------------------------------------------------------------------------

    def slide(self, title: str, overline: str = ""):
        """A blank slide with the accent band, its title and the footer."""
        from pptx.enum.shapes import MSO_SHAPE
        from pptx.util import Inches

        slide = self.prs.slides.add_slide(self.prs.slide_layouts[6])
        band = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, self.prs.slide_width,
                                      Inches(0.12))  # fmt: skip
        band.fill.solid()
        band.fill.fore_color.rgb = self._rgb(self.style.accent)
        band.line.fill.background()
        if overline:
            self.text(slide, overline, 0.5, 0.25, 12.3, 0.4, size=12, bold=True,
                      colour=self.style.accent)  # fmt: skip
        self.text(slide, title, 0.5, 0.55 if overline else 0.35, 12.3, 0.9, size=24, bold=True)
        if self.style.footer:
            self.text(slide, say.esc(self.style.footer), 0.5, 7.0, 9.0, 0.35, size=9,
                      colour=_GREY)  # fmt: skip
        return slide

    def save(self, path: Path) -> None:
        """Number the slides and write the file."""
        total = len(self.prs.slides)
        for number, slide in enumerate(self.prs.slides, start=1):
            self.text(slide, f"{number} / {total}", 11.8, 7.0, 1.0, 0.35, size=9, colour=_GREY)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.prs.save(str(path))


def _figure(width: float, height: float):
    """A Figure drawn on the Agg canvas, outside pyplot (nothing global changes)."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height))
    return figure, figure.subplots()


# --------------------------------------------------------------------------------------------
# sections


def _same(a, b) -> bool:
    return (a == b) or (not isinstance(a, str) and not isinstance(b, str))


def _change(row, before: pd.DataFrame | None) -> str:
    """A headline number's change against the previous period, as a table cell."""
    none = "–"
    if before is None:
        return none
    match = [
        r for r in before.itertuples(index=False)
        if r.measure == row.measure and _same(r.currency, row.currency)
    ]  # fmt: skip
    if not match or not (say.is_number(row.value) and say.is_number(match[0].value)):
        return none
    now, then = float(row.value), float(match[0].value)
    if row.kind in ("rate", "signed"):
        return say.points(now - then)
    if row.measure == "follower change":  # a change itself: say by how many it differs
        return i18n.number(now - then, 0, signed=True)
    if then <= 0 or now < 0:
        return none
    return say.signed_pct(now / then - 1)


def _title_slide(deck: _Deck, nb) -> None:
    import datetime as dt

    from pptx.util import Inches

    slide = deck.prs.slides.add_slide(deck.prs.slide_layouts[6])
    from pptx.enum.shapes import MSO_SHAPE

    band = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, Inches(0.35), deck.prs.slide_height)
    band.fill.solid()
    band.fill.fore_color.rgb = deck._rgb(deck.style.accent)
    band.line.fill.background()
    if deck.style.logo is not None:
        from PIL import Image

        with Image.open(deck.style.logo) as image:
            w, h = image.size
        scale = min(2.6 / w, 1.3 / h)
        slide.shapes.add_picture(str(deck.style.logo), Inches(12.8 - w * scale), Inches(0.5),
                                 Inches(w * scale), Inches(h * scale))  # fmt: skip
    if nb.first is not None:
        span = say.period(nb.first, nb.last)
    else:
        span = say.period(nb.start, nb.end)
    props = deck.prs.core_properties  # the file's properties depend on the input only
    props.title = f"{nb.brand} · {_('Social media report')} · {span}"
    props.author = props.last_modified_by = "smmnb"
    props.language = "vi-VN" if i18n.get_language() == "vi" else "en-US"
    props.created = props.modified = dt.datetime.fromisoformat(nb.end)
    props.revision = 1
    deck.text(slide, say.esc(nb.brand), 1.0, 2.2, 11.0, 1.2, size=44, bold=True)
    deck.text(slide, _("Social media report"), 1.0, 3.4, 11.0, 0.7, size=24,
              colour=deck.style.accent)  # fmt: skip
    deck.text(slide, [span, nb.filter_text], 1.0, 4.3, 11.0, 1.2, size=18, colour=_GREY)
    if deck.style.footer:
        deck.text(slide, say.esc(deck.style.footer), 1.0, 6.9, 10.0, 0.4, size=10,
                  colour=_GREY)  # fmt: skip


def _fallback(deck: _Deck, title: str, sentence: str) -> None:
    slide = deck.slide(title)
    deck.text(slide, say.esc(sentence), 0.5, 1.6, 12.3, 4.5, size=18)


def _headline_slide(deck: _Deck, nb, head: pd.DataFrame, before, before_span: str) -> None:
    from smmnb.narrative import summary

    shown = summary.headline_table(head)
    rows = [
        (say.esc(m), say.esc(v), _change(r, before))
        for m, v, r in zip(shown["measure"], shown["value"], head.itertuples(index=False),
                           strict=True)
    ]  # fmt: skip
    slide = deck.slide(_("Headline numbers"))
    size = 14 if len(rows) <= 10 else 11 if len(rows) <= 16 else 10
    deck.table(slide, [_("Measure"), _("This period"), _("Against the previous period")], rows,
               0.5, 1.35, 12.3, [5.6, 3.5, 3.2], size)  # fmt: skip
    deck.text(slide, _("Previous period: {period}.").format(period=before_span), 0.5, 6.6,
              11.0, 0.4, size=10, colour=_GREY)  # fmt: skip


def _targets_slide(deck: _Deck, nb, sc: pd.DataFrame) -> None:
    from smmnb import insights, plots
    from smmnb.narrative import summary

    scored = insights.paced(sc)
    slide = deck.slide(_("KPIs against targets"))
    sentence = summary.targets_summary(sc, nb.filter_text)
    if len(scored):
        figure, ax = _figure(9, 0.32 * len(scored) + 1)
        plots.scorecard(scored, ax=ax)
        deck.picture(slide, figure, 0.5, 1.3, 12.3, 4.6)
        deck.text(slide, sentence, 0.5, 6.05, 12.3, 0.8, size=14)
    else:
        deck.text(slide, sentence, 0.5, 1.6, 12.3, 4.0, size=18)


def _finding_slide(deck: _Deck, r, figure, number: int, count: int) -> None:
    from smmnb.narrative import summary

    overline = _("Finding {number} of {count} · {heading}").format(
        number=number, count=count, heading=summary.finding_heading(r.kind, r.area)
    )
    slide = deck.slide(r.title, overline)
    deck.text(slide, r.text, 0.5, 1.45, 12.3, 1.5, size=15)
    action = _("**What to do:** {action}").format(action=r.action)
    if figure is not None:
        deck.picture(slide, figure, 0.5, 3.0, 8.0, 3.8)
        deck.text(slide, action, 8.8, 3.2, 4.0, 3.5, size=15)
    else:
        deck.text(slide, action, 0.5, 3.2, 12.3, 3.0, size=16)


def _closing_slide(deck: _Deck, found: pd.DataFrame | None, n: int) -> None:
    from smmnb.narrative import summary

    slide = deck.slide(_("What to do next"))
    if found is None or found.empty:
        deck.text(slide, summary.action_list(found, n), 0.5, 1.6, 12.3, 4.5, size=18)
        return
    # the selection of summary.action_list: distinct actions, in the order of their findings
    actions = list(dict.fromkeys(found["action"]))[: max(int(n), 1)]
    lines = [f"{i}. {a}" for i, a in enumerate(actions, start=1)]
    size = 18 if len(lines) <= 5 else 15
    deck.text(slide, lines, 0.5, 1.5, 12.3, 5.3, size=size, space=10)


# --------------------------------------------------------------------------------------------
# the chart behind each finding (the detailed notebooks' charts, on the same data)


@dataclass
class _Context:
    nb: object
    sla: str
    as_of: str
    recent_days: int
    baseline_days: int
    lift_campaign: str
    customers: pd.DataFrame | None
    scorecard: pd.DataFrame | None
    themes: str = ""


def _target_chart(r, c: _Context):
    from smmnb import insights, plots, trends

    e = r.evidence
    nb = c.nb
    if e.get("kpi") == "followers" and isinstance(e.get("platform"), str):
        platform = e["platform"]
        goals = trends.follower_targets(nb.history.targets, nb.end)
        horizon = trends.forecast_horizon(goals, nb.end, 60)
        growth = trends.follower_growth(
            nb.history.followers, horizon=horizon, as_of=nb.end,
            target=dict(zip(goals["platform"], goals["target"], strict=True)), tz=nb.tz,
        )  # fmt: skip
        forecast = growth.forecast[growth.forecast["platform"] == platform]
        if forecast.empty:
            return None
        history = growth.history[(growth.history["platform"] == platform)
                                 & (growth.history["date"] >= pd.Timestamp(nb.start))]  # fmt: skip
        goal = goals.loc[goals["platform"] == platform, "target"]
        figure, ax = _figure(9, 4)
        plots.growth_fan(forecast, history=history, target=goal.iloc[0] if len(goal) else None,
                         ax=ax)  # fmt: skip
        ax.set_title(
            _("{brand} followers on {platform}: history and forecast").format(
                brand=nb.brand, platform=say.platform_name(platform)
            )
        )
        return figure
    if e.get("kpi") == "net_sentiment" and c.customers is not None and len(c.customers):
        from smmnb import expectations as E

        weekly = E.weekly_net_sentiment(c.customers, tz=nb.tz, min_comments=20)
        if weekly.empty:
            return None
        figure, ax = _figure(9, 4)
        plots.sentiment_over_time(weekly, ax=ax)
        return figure
    sc = c.scorecard
    if sc is None:
        return None
    rows = insights.paced(sc)
    rows = rows[rows["kpi"] == e.get("kpi")]
    if rows.empty:
        return None
    figure, ax = _figure(9, 0.32 * len(rows) + 1.2)
    plots.scorecard(rows, ax=ax)
    return figure


def _spike_chart(r, c: _Context):
    from smmnb import plots, trends

    nb = c.nb
    alerts = trends.spikes_in_period(nb.history.mentions, nb.start, nb.end, brand=nb.brand,
                                     tz=nb.tz)  # fmt: skip
    mine = alerts[alerts["brand"] == nb.brand]
    if mine.empty:
        return None
    figure, ax = _figure(10, 4)
    plots.spike_chart(mine, ax=ax)
    ax.set_title(_("Mentions of {brand} per day and the spike rule").format(brand=nb.brand))
    return figure


def _unanswered_chart(r, c: _Context):
    from smmnb import expectations as E
    from smmnb import plots

    nb = c.nb
    if c.customers is None or c.customers.empty:
        return None
    times = E.response_times(c.customers, c.sla, replies=nb.scope.comments)
    questions = times[times["intent"] == "question"] if "intent" in times.columns else times
    if questions.empty:
        return None
    figure, ax = _figure(9, 4)
    plots.response_times_plot(questions, sla_hours=pd.Timedelta(c.sla).total_seconds() / 3600,
                              ax=ax)  # fmt: skip
    return figure


def _gap_chart(r, c: _Context):
    from smmnb import expectations as E
    from smmnb import plots

    nb = c.nb
    if c.customers is None or c.customers.empty:
        return None
    # the dictionary the comments were read with (the parameter, else smmnb.yml, else best fit)
    chosen = E.resolve_themes(c.customers["text"], c.themes, nb.everything.settings).themes
    labels = E.theme_labels(chosen, i18n.get_language())
    by_theme = E.sentiment_by_theme(c.customers).rename(index=labels)
    if by_theme.empty:
        return None
    figure, ax = _figure(9, 4.5)
    plots.theme_sentiment(by_theme, ax=ax)
    return figure


def _creative_chart(r, c: _Context):
    from smmnb import campaigns, plots

    rates = campaigns.creative_rates(c.nb.ws.ads, metric="ctr", top=8)
    campaign = r.evidence.get("campaign")
    if campaign is not None and (rates["group"].astype(str) == str(campaign)).any():
        rates = rates[rates["group"].astype(str) == str(campaign)]
    if rates.empty:
        return None
    figure, ax = _figure(8, 0.35 * len(rates) + 1)
    plots.creative_comparison(rates, ax=ax)
    return figure


def _lift_chart(r, c: _Context):
    from smmnb import campaigns, plots

    nb = c.nb
    found = campaigns.campaign_lift(nb.history, c.lift_campaign, start=nb.start, end=nb.end,
                                    platforms=nb.platforms)  # fmt: skip
    figure, ax = _figure(10, 4)
    plots.lift_chart(found.result.daily, ax=ax)
    return figure


def _influencer_chart(r, c: _Context):
    from smmnb import campaigns, plots

    table = campaigns.influencers(c.nb.scope.influencers)
    if table.empty:
        return None
    figure, ax = _figure(8, 5)
    plots.influencer_quadrant(table, ax=ax)
    return figure


def _emerging_chart(r, c: _Context):
    from smmnb import plots, trends

    nb = c.nb
    term = str(r.evidence.get("term", ""))
    mentions = nb.history.mentions
    if term.startswith("#"):
        weekly = trends.hashtags(mentions, freq="W", tz=nb.tz)
        known = set(weekly["hashtag"])
    else:
        weekly = trends.terms(mentions, freq="W", tz=nb.tz, exclude=nb.everything.brands)
        known = set(weekly["term"])
    if term not in known:
        return None
    figure, ax = _figure(9, 3.8)
    plots.term_trends(weekly, terms=[term], ax=ax)
    return figure


def _best_time_chart(r, c: _Context):
    from smmnb import plots, trends

    posts = c.nb.ws.posts.dropna(subset=["reach"])
    slots = trends.best_time(posts, tz=c.nb.tz, min_posts=3, relative_to=["platform", "format"])
    figure, ax = _figure(10, 3.6)
    plots.best_time_heatmap(slots, min_posts=3, ax=ax)
    return figure


def _formats_chart(r, c: _Context):
    from smmnb import plots, trends

    posts = c.nb.ws.posts.dropna(subset=["reach"])
    table = trends.format_performance(posts, baseline="image")
    platform = r.evidence.get("platform")
    if platform is not None and (table["platform"] == platform).any():
        table = table[table["platform"] == platform]
    figure, ax = _figure(8, 0.3 * len(table) + 1.2)
    plots.format_comparison(table, ax=ax)
    return figure


_CHARTS = {
    "off_track_kpis": _target_chart,
    "mention_spikes": _spike_chart,
    "unanswered_customers": _unanswered_chart,
    "expectation_gap": _gap_chart,
    "creative_winner": _creative_chart,
    "campaign_lift": _lift_chart,
    "influencer_check": _influencer_chart,
    "emerging_topic": _emerging_chart,
    "best_time": _best_time_chart,
    "formats": _formats_chart,
}
"""The chart that supports each rule's finding (the one its detailed notebook draws)."""


def _finding_chart(r, c: _Context):
    """The finding's chart, or None when its rule has none or its data are too thin."""
    draw = _CHARTS.get(r.rule)
    if draw is None:
        return None
    try:
        return draw(r, c)
    except InsufficientData:
        return None


# --------------------------------------------------------------------------------------------
# the deck of a job


def write_deck(
    data_dir: str | Path,
    path: str | Path,
    *,
    brand: str = "",
    start: str = "",
    end: str = "",
    platforms: Sequence[str] = (),
    language: str = "",
    branding: object = None,
    as_of: str = "",
    sla: str = "1h",
    top: int = 5,
    timezone: str = "",
    currency: str = "",
    labels_path: str = "",
    themes: str = "",
    recent_days: int = 14,
    baseline_days: int = 56,
    lift_campaign: str = "",
) -> Path:
    """Write the executive summary of a data folder as a PowerPoint deck.

    Parameters
    ----------
    data_dir : str or Path
        The data folder (canonical tables and ``exports/``).
    path : str or Path
        The ``.pptx`` file to write (its folder is made).
    brand, start, end, platforms, timezone, currency : optional
        As the notebooks take them ("" means the folder's owner, the last 90 days, all
        platforms, the folder's time zone and currency).
    language : str
        ``en`` or ``vi``; "" means the folder's (``smmnb.yml``), else ``en``.
    branding : mapping or object, optional
        ``logo`` (an image file, on the title slide), ``accent`` (``#RRGGBB``: the slides'
        band, headers and the charts' first colour) and ``footer`` (text at the foot of every
        slide); reports.yml's ``branding``.
    as_of, sla, top, labels_path, themes, recent_days, baseline_days, lift_campaign : optional
        As in ``05_executive_summary.ipynb``: the day targets are scored on, the promised
        response time, how many findings get a slide (the closing slide lists ``top + 2``
        actions, as the notebook does), and the analyses' options.

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    NothingToShow
        When the folder holds no data at all (as the notebooks do).
    ValueError
        On a bad argument (an unknown language, a branding accent that is not ``#RRGGBB``, a
        logo that is not a file).
    """
    import matplotlib

    from smmnb import insights
    from smmnb.notebook import setup
    from smmnb.workspace import previous_period

    if top < 1:
        raise ValueError(f"top must be >= 1, got {top}")
    style = _branding(branding)
    path = Path(path)
    with i18n.use(i18n.get_language()), matplotlib.rc_context():
        nb = setup(str(data_dir), brand=brand, start=start, end=end, platforms=list(platforms),
                   timezone=timezone, currency=currency, language=language,
                   accent=style.accent if branding is not None else "", heading=False)  # fmt: skip
        deck = _Deck(style)
        _title_slide(deck, nb)
        period = dict(platforms=nb.platforms)  # the filter every call below works under
        customers = sc = found = None

        try:
            customers = insights.analyzed_customers(nb.everything, nb.brand, nb.start, nb.end,
                                                    **period, labels_path=labels_path,
                                                    themes=themes)  # fmt: skip
            head = insights.headline_kpis(nb.everything, nb.brand, nb.start, nb.end, **period,
                                          sla=sla, analyzed=customers)  # fmt: skip
        except InsufficientData as exc:
            _fallback(deck, _("Headline numbers"), str(exc))
        else:
            before_start, before_end = previous_period(nb.start, nb.end)
            try:
                earlier = insights.analyzed_customers(
                    nb.everything, nb.brand, before_start, before_end, **period,
                    labels_path=labels_path, themes=themes,
                )  # fmt: skip
                before = insights.headline_kpis(nb.everything, nb.brand, before_start,
                                                before_end, **period, sla=sla,
                                                analyzed=earlier)  # fmt: skip
            except InsufficientData:
                before = None
            _headline_slide(deck, nb, head, before, say.period(before_start, before_end))

        try:
            sc = insights.target_scorecard(nb.everything, nb.brand, nb.start, nb.end, **period,
                                           as_of=as_of)  # fmt: skip
        except InsufficientData as exc:
            _fallback(deck, _("KPIs against targets"), str(exc))
        else:
            _targets_slide(deck, nb, sc)

        try:
            found = insights.findings(
                nb.everything, nb.brand, nb.start, nb.end, **period, as_of=as_of, sla=sla,
                recent_days=recent_days, baseline_days=baseline_days,
                lift_campaign=lift_campaign, scorecard=sc, analyzed=customers,
                labels_path=labels_path, themes=themes,
            )  # fmt: skip
        except InsufficientData as exc:
            _fallback(deck, _("The findings that matter most"), str(exc))
        else:
            from smmnb.narrative import summary

            if found.empty:
                _fallback(deck, _("The findings that matter most"),
                          _plain(summary.findings_page(found, top)))  # fmt: skip
            context = _Context(nb, sla, as_of, recent_days, baseline_days, lift_campaign,
                               customers, sc, themes)  # fmt: skip
            shown = found.head(top)
            for number, r in enumerate(shown.itertuples(index=False), start=1):
                _finding_slide(deck, r, _finding_chart(r, context), number, len(shown))
        _closing_slide(deck, found, top + 2)
        deck.save(path)
    return path
