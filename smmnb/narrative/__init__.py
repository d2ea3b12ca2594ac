"""Sentences for reports: the one place where numbers become words.

Notebooks never format a number with an f-string of their own; they call these functions (and
the per-area modules beside this one), so that a missing value reads "not measurable" instead
of ``nan%``, counts never show decimals, and a later change of language touches this package
only. Every function returns plain text (Markdown where it says so) and never ``nan``/``inf``.

Fallback sentences (a section whose data are missing or too thin) are built by
:func:`needs`, raised as :class:`~smmnb.errors.InsufficientData` by the analyses and printed by
:meth:`smmnb.notebook.Context.section`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import pandas as pd

from smmnb.formatting import escape_markdown

__all__ = [
    "NOT_MEASURABLE",
    "count",
    "day",
    "esc",
    "is_number",
    "listing",
    "money",
    "needs",
    "number",
    "pct",
    "period",
    "plural",
    "points",
    "signed_pct",
    "times",
]

NOT_MEASURABLE = "not measurable"
"""What a rate without a denominator (or any missing figure) reads as."""

esc = escape_markdown


def is_number(value) -> bool:
    """True for a finite real number (not None, NaN, inf, NA)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return False
    try:
        return math.isfinite(float(value))
    except (TypeError, ValueError):
        return False


def count(value, noun: str | None = None, plural_form: str | None = None) -> str:
    """A count with thousands separators and no decimals, optionally with its noun.

    >>> count(1234.0, "comment")
    '1,234 comments'
    """
    if not is_number(value):
        return NOT_MEASURABLE
    n = int(round(float(value)))
    text = f"{n:,}"
    return f"{text} {plural(n, noun, plural_form)}" if noun else text


def plural(n: int, noun: str, plural_form: str | None = None) -> str:
    """``noun`` for one, its plural (``noun + 's'`` unless given) for any other number."""
    return noun if n == 1 else (plural_form or noun + "s")


def number(value, decimals: int = 1) -> str:
    """A number with thousands separators and ``decimals`` decimals."""
    if not is_number(value):
        return NOT_MEASURABLE
    return f"{float(value):,.{decimals}f}"


def pct(value, decimals: int = 0) -> str:
    """A fraction as a percentage (``0.123`` -> ``12%``); "not measurable" when missing."""
    if not is_number(value):
        return NOT_MEASURABLE
    return f"{float(value):.{decimals}%}"


def signed_pct(value, decimals: int = 0) -> str:
    """A fraction as a signed percentage (``+12%``, ``-3%``)."""
    if not is_number(value):
        return NOT_MEASURABLE
    return f"{float(value):+.{decimals}%}"


def points(value, decimals: int = 1) -> str:
    """A difference of two shares in percentage points (``+2.5 points``)."""
    if not is_number(value):
        return NOT_MEASURABLE
    return f"{100 * float(value):+.{decimals}f} points"


def times(value, decimals: int = 1) -> str:
    """A ratio as a multiple (``2.5x``)."""
    if not is_number(value):
        return NOT_MEASURABLE
    return f"{float(value):.{decimals}f}x"


def money(value, currency: str, decimals: int | None = None) -> str:
    """An amount with its currency code (``1,250,000 VND``, ``12.50 USD``).

    Decimals: none for currencies without minor units in practice (VND, JPY, KRW, IDR),
    else two for amounts under 100 and none above.
    """
    if not is_number(value):
        return NOT_MEASURABLE
    value = float(value)
    if decimals is None:
        decimals = 0 if currency in {"VND", "JPY", "KRW", "IDR"} or abs(value) >= 100 else 2
    return f"{value:,.{decimals}f} {currency}"


def day(value, fmt: str = "%d %b %Y") -> str:
    """A calendar day as reports write it (``05 Sep 2026``)."""
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return NOT_MEASURABLE
    return pd.Timestamp(value).strftime(fmt)


def period(first, last) -> str:
    """A span of days, both included: ``01 Aug 2026 to 31 Oct 2026 (92 days)``."""
    first, last = pd.Timestamp(first), pd.Timestamp(last)
    days = (last.normalize() - first.normalize()).days + 1
    if days == 1:
        return f"{day(first)} (1 day)"
    return f"{day(first)} to {day(last)} ({days} days)"


def listing(items: Iterable[object], conjunction: str = "and", escape: bool = True) -> str:
    """Items as a sentence lists them: ``A``, ``A and B``, ``A, B and C``."""
    words = [esc(i) if escape else str(i) for i in items]
    if not words:
        return ""
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + f" {conjunction} " + words[-1]


def needs(analysis: str, need: str, found: str = "") -> str:
    """The one shape of every fallback sentence: what an analysis needs and what the data hold.

    >>> needs("Share of voice", "mentions of at least two brands",
    ...       "this folder has mentions of Apple only")
    'Share of voice needs mentions of at least two brands; this folder has mentions of Apple only.'
    """
    text = f"{analysis} needs {need}"
    return text + (f"; {found}." if found else ".")


def brands_in(values: Sequence[str] | pd.Series) -> str:
    """``"mentions of Apple only"``-style wording for the brands present in a column."""
    names = sorted({str(v) for v in pd.Series(values).dropna()})
    if not names:
        return "none"
    return listing(names) + (" only" if len(names) == 1 else "")
