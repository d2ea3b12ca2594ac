"""Tables formatted for people, in the report language: labels, numbers, dates, formulas.

Used by the notebooks so that reports show ``1,250,000`` and ``4.5%`` (vi ``1.250.000`` and
``4,5%``) rather than ``1250000.0`` and ``0.045``, column labels rather than codes ("engagement
rate on reach" rather than ``er_reach``, :func:`smmnb.names.label`), platforms as their owners
write them, and under the table the formula of each KPI column shown. Text that comes from data
is HTML-escaped.

Numbers are rounded exactly as Python's ``format`` rounds them (the float's binary value, so
``2.675`` shows ``2.67`` and ``0.0285`` shows ``2.9%``) and written with the language's CLDR
separators (:mod:`smmnb.i18n`).
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Sequence

import pandas as pd
from pandas.io.formats.style import Styler

from smmnb import i18n
from smmnb.i18n import _, pgettext
from smmnb.names import formula, label, platform_name

__all__ = [
    "escape_markdown",
    "footnote",
    "kpi_value",
    "number_text",
    "p_value",
    "percent_text",
    "rows_shown",
    "table",
]


def number_text(value: float, decimals: int = 0, *, signed: bool = False) -> str:
    """A finite number rounded as Python rounds it, with the language's separators.

    >>> number_text(1327807400.4)
    '1,327,807,400'
    """
    rounded = f"{float(value):.{decimals}f}"
    return i18n.number(float(rounded), decimals, signed=signed)


def percent_text(value: float, decimals: int = 1, *, signed: bool = False) -> str:
    """A fraction as a percentage rounded as Python's ``{:.1%}`` rounds it (``5.7%``/``5,7%``)."""
    rounded = f"{float(value):.{decimals}%}"[:-1]
    return i18n.number(float(rounded), decimals, signed=signed) + "%"


def _day(value) -> str:
    if i18n.get_language() == "en":  # the form English tables always had
        return pd.Timestamp(value).strftime("%Y-%m-%d")
    return i18n.date(value)


def _yes_no(value) -> str:
    if i18n.get_language() == "en":
        return str(value)
    return pgettext("table cell", "yes") if value else pgettext("table cell", "no")


def _platforms(value) -> str:
    """One platform code, or a comma-separated list of them, as their owners write them."""
    if not isinstance(value, str):
        return "" if pd.isna(value) else platform_name(value)
    return ", ".join(platform_name(part.strip()) for part in value.split(","))


_PLATFORM_COLUMNS = ("platform", "platforms", "by_platform")
"""Columns whose cells are platform codes (or lists of them)."""


def _format(value) -> str:
    """A ``format`` cell: a post format, or how the data check read a file, as readers say it."""
    if not isinstance(value, str):
        return "" if pd.isna(value) else str(value)
    if i18n.get_language() == "en":  # the codes English tables always showed
        return value
    read_as = {"canonical": pgettext("file format", "canonical"),
               "not used": pgettext("file format", "not used")}  # fmt: skip
    if value in read_as:
        return read_as[value]
    from smmnb.names import format_name

    return format_name(value)


class _Table(Styler):
    """A Styler whose plain-text form says what it is, with a footnote under its HTML."""

    footnote: str = ""

    def __repr__(self) -> str:
        rows, columns = self.data.shape
        return f"<table: {rows} rows x {columns} columns>"

    def to_html(self, buf=None, **kwargs) -> str | None:
        """The table's HTML with the formulas' footnote after it (see :func:`footnote`)."""
        text = super().to_html(None, **kwargs)
        if self.footnote:
            at = text.rfind("</table>") + len("</table>")
            note = f'\n<p class="smmnb-footnote" style="font-size: 85%">{self.footnote}</p>\n'
            text = text[:at] + note + text[at:]
        if buf is None:
            return text
        if hasattr(buf, "write"):
            buf.write(text)
        else:
            with open(buf, "w", encoding=kwargs.get("encoding") or "utf-8") as fh:
                fh.write(text)
        return None


def footnote(columns: Sequence[object], formulas: dict[str, str] | None = None) -> str:
    """The formulas of the KPI columns among ``columns``, as a footnote reads them.

    ``CTR = clicks / impressions; ROAS = revenue / spend`` in the report language (a definition
    in words reads ``label: definition``), "" when no column has a formula. ``formulas``
    gives (translated) formulas that replace or add to :func:`smmnb.names.formula`'s for this
    table.
    """
    parts = []
    for column in columns:
        text = (formulas or {}).get(str(column)) or formula(column)
        if not text:
            continue
        if any(sign in text for sign in _OPERATORS):
            parts.append(_("{label} = {formula}").format(label=label(column), formula=text))
        else:  # a definition in words ("half of the answered comments got a reply faster")
            parts.append(_("{label}: {definition}").format(label=label(column), definition=text))
    return "; ".join(parts)


_OPERATORS = (" / ", " + ", " - ", " x ")
"""What makes a formula (``clicks / impressions``) rather than a definition in words."""


def table(
    data: pd.DataFrame,
    *,
    percent: Sequence[str] = (),
    money: Sequence[str] = (),
    decimals: dict[str, int] | None = None,
    dates: Sequence[str] = (),
    caption: str | None = None,
    max_rows: int = 20,
    formulas: dict[str, str] | None = None,
) -> Styler:
    """Format a frame for a report, in the report language.

    Column headers are :func:`smmnb.names.label` of the column codes (a code without a label
    reads with spaces: ``median_hours`` -> "median hours"); cells of a ``platform`` column
    (and of ``platforms``/``by_platform`` lists) are :func:`smmnb.names.platform_name`,
    booleans read yes/no in a language other than English; under the table, a footnote gives
    the formula of each KPI column shown (:func:`footnote`).

    Parameters
    ----------
    data : pandas.DataFrame
        The table to show; only the first ``max_rows`` rows are shown, and then the caption
        (else a line under the table) says so: "First 20 of 330 rows" (:func:`rows_shown`).
    percent : sequence of str
        Columns holding fractions, shown as percentages with one decimal.
    money : sequence of str
        Columns holding money, shown with thousands separators and no decimals (VND).
    decimals : dict, optional
        Other float columns and how many decimals to show; integer columns always get
        thousands separators.
    dates : sequence of str
        Columns of days: ``YYYY-MM-DD`` in English, the language's form otherwise
        (vi ``18/09/2026``).
    caption : str, optional
        Shown above the table (already in the report language).
    max_rows : int
        Rows to show at most.
    formulas : dict, optional
        Column -> formula (already translated) for this table, replacing or adding to the
        footnote's formulas from :data:`smmnb.names.LABELS`.

    Returns
    -------
    pandas.io.formats.style.Styler
        With a stable id (derived from the column codes), so the HTML is the same on every run.
    """
    if max_rows < 1:
        raise ValueError(f"max_rows must be >= 1, got {max_rows}")
    shown = data.head(max_rows)
    formats: dict[str, object] = {}
    for col in shown.columns:
        if col in percent:
            formats[col] = lambda v: percent_text(v, 1)
        elif col in money:
            formats[col] = lambda v: number_text(v, 0)
        elif decimals and col in decimals:
            formats[col] = lambda v, d=decimals[col]: number_text(v, d)
        elif col in dates:
            formats[col] = _day
        elif col in _PLATFORM_COLUMNS:
            formats[col] = _platforms
        elif col == "format":
            formats[col] = _format
        elif pd.api.types.is_bool_dtype(shown[col]):
            formats[col] = _yes_no
        elif pd.api.types.is_integer_dtype(shown[col]):
            formats[col] = lambda v: number_text(v, 0)
        elif pd.api.types.is_float_dtype(shown[col]):
            formats[col] = lambda v: number_text(v, 2)
    uid = hashlib.sha1("|".join(map(str, shown.columns)).encode()).hexdigest()[:8]
    styler = _Table(shown).set_uuid(uid).format(formats, na_rep="", escape="html")
    styler = styler.relabel_index([html.escape(label(c)) for c in shown.columns], axis="columns")
    styler = styler.hide(axis="index")
    notes = [footnote(shown.columns, formulas)]
    cut = rows_shown(len(shown), len(data)) if len(shown) < len(data) else ""
    if cut and caption:
        caption = _("{caption}. {rows_shown}").format(caption=caption.rstrip(" ."), rows_shown=cut)
    elif cut:
        notes.insert(0, cut)
    styler.footnote = "<br>".join(html.escape(n, quote=False) for n in notes if n)
    if caption:
        styler = styler.set_caption(caption)
    return styler


def rows_shown(shown: int, total: int) -> str:
    """What a cut table says it shows: ``First 20 of 330 rows``, in the report language.

    >>> rows_shown(20, 330)
    'First 20 of 330 rows'
    """
    return _("First {shown} of {total} rows").format(
        shown=i18n.integer(shown), total=i18n.integer(total)
    )


def escape_markdown(text: object) -> str:
    """Make text from data safe inside Markdown: HTML-escaped, Markdown marks backslashed.

    Parameters
    ----------
    text : object
        Any value; converted with ``str``.

    Returns
    -------
    str
        Text that renders as itself (``<script>`` shows as text and runs nothing).
    """
    import html
    import re

    escaped = html.escape(str(text), quote=False)
    escaped = re.sub(r"([\\`*_\[\]|~])", r"\\\1", escaped)
    return re.sub(r"^([#+>-])", r"\\\1", escaped)


def p_value(p: float) -> str:
    """A p-value as a report shows it: ``p = 0.032``, ``p < 0.001`` (vi ``p = 0,032``)."""
    if p != p:  # NaN
        return _("p not available")
    if p < 0.001:
        return "p < " + number_text(0.001, 3)
    return "p = " + number_text(p, 3 if p < 0.1 else 2)


_PERCENT_KPIS = {"er_reach", "er_impressions", "er_followers", "ctr", "cvr", "response_rate"}
_SIGNED_PERCENT_KPIS = {"net_sentiment"}
_DECIMAL_KPIS = {"roas", "roi"}


def kpi_value(kpi: str, value: float) -> str:
    """A KPI's value as a report shows it, in the report language.

    Rates as percentages, ROAS and ROI with two decimals, counts and money with thousands
    separators and no decimals; "" when missing.
    """
    if value is None or value != value:  # NaN
        return ""
    if kpi in _PERCENT_KPIS:
        return percent_text(value, 1)
    if kpi in _SIGNED_PERCENT_KPIS:
        return percent_text(value, 1, signed=True)
    if kpi in _DECIMAL_KPIS:
        return number_text(value, 2)
    return number_text(value, 0)
