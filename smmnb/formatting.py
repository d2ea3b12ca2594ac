"""Tables formatted for people: thousands separators, percentages, dates, escaped text.

Used by the notebooks so that reports show ``1,250,000`` and ``4.5%`` rather than
``1250000.0`` and ``0.045``. Text that comes from data is HTML-escaped.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import pandas as pd
from pandas.io.formats.style import Styler

__all__ = ["escape_markdown", "kpi_value", "p_value", "table"]


class _Table(Styler):
    """A Styler whose plain-text form says what it is (no memory address in notebooks)."""

    def __repr__(self) -> str:
        rows, columns = self.data.shape
        return f"<table: {rows} rows x {columns} columns>"


def table(
    data: pd.DataFrame,
    *,
    percent: Sequence[str] = (),
    money: Sequence[str] = (),
    decimals: dict[str, int] | None = None,
    dates: Sequence[str] = (),
    caption: str | None = None,
    max_rows: int = 20,
) -> Styler:
    """Format a frame for a report.

    Parameters
    ----------
    data : pandas.DataFrame
        The table to show; only the first ``max_rows`` rows are shown.
    percent : sequence of str
        Columns holding fractions, shown as percentages with one decimal.
    money : sequence of str
        Columns holding money, shown with thousands separators and no decimals (VND).
    decimals : dict, optional
        Other float columns and how many decimals to show; integer columns always get
        thousands separators.
    dates : sequence of str
        Columns shown as ``YYYY-MM-DD``.
    caption : str, optional
        Shown above the table.
    max_rows : int
        Rows to show at most.

    Returns
    -------
    pandas.io.formats.style.Styler
        With a stable id (derived from the columns), so the HTML is the same on every run.
    """
    if max_rows < 1:
        raise ValueError(f"max_rows must be >= 1, got {max_rows}")
    shown = data.head(max_rows)
    formats: dict[str, object] = {}
    for col in shown.columns:
        if col in percent:
            formats[col] = "{:.1%}"
        elif col in money:
            formats[col] = "{:,.0f}"
        elif decimals and col in decimals:
            formats[col] = f"{{:,.{decimals[col]}f}}"
        elif col in dates:
            formats[col] = lambda v: "" if pd.isna(v) else pd.Timestamp(v).strftime("%Y-%m-%d")
        elif pd.api.types.is_integer_dtype(shown[col]):
            formats[col] = "{:,.0f}"
        elif pd.api.types.is_float_dtype(shown[col]):
            formats[col] = "{:,.2f}"
    uid = hashlib.sha1("|".join(map(str, shown.columns)).encode()).hexdigest()[:8]
    styler = _Table(shown).set_uuid(uid).format(formats, na_rep="", escape="html")
    styler = styler.hide(axis="index")
    if caption:
        styler = styler.set_caption(caption)
    return styler


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
    """A p-value as a report shows it: ``p = 0.032``, ``p < 0.001``."""
    if p != p:  # NaN
        return "p not available"
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}" if p < 0.1 else f"p = {p:.2f}"


_PERCENT_KPIS = {"er_reach", "er_impressions", "er_followers", "ctr", "cvr", "response_rate"}
_SIGNED_PERCENT_KPIS = {"net_sentiment"}
_DECIMAL_KPIS = {"roas", "roi"}


def kpi_value(kpi: str, value: float) -> str:
    """A KPI's value as a report shows it.

    Rates as percentages, ROAS and ROI with two decimals, counts and money with thousands
    separators and no decimals; "" when missing.
    """
    if value is None or value != value:  # NaN
        return ""
    if kpi in _PERCENT_KPIS:
        return f"{value:.1%}"
    if kpi in _SIGNED_PERCENT_KPIS:
        return f"{value:+.1%}"
    if kpi in _DECIMAL_KPIS:
        return f"{value:.2f}"
    return f"{value:,.0f}"
