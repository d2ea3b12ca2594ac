"""Sentences for reports: the one place where numbers become words.

Notebooks never format a number with an f-string of their own; they call these functions (and
the per-area modules beside this one), so that a missing value reads "not measurable" instead
of ``nan%``, counts never show decimals, and every sentence is in the report language
(:mod:`smmnb.i18n`: templates from the gettext catalogs, numbers and dates from CLDR). Every
function returns plain text (Markdown where it says so) and never ``nan``/``inf``.

Fallback sentences (a section whose data are missing or too thin) are built by
:func:`needs`, raised as :class:`~smmnb.errors.InsufficientData` by the analyses and printed by
:meth:`smmnb.notebook.Context.section`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import pandas as pd
from babel.lists import format_list

from smmnb import i18n
from smmnb.formatting import escape_markdown
from smmnb.i18n import N_, _
from smmnb.names import platform_name

__all__ = [
    "NOT_MEASURABLE",
    "brands_in",
    "count",
    "day",
    "duration",
    "esc",
    "is_number",
    "listing",
    "money",
    "needs",
    "number",
    "pct",
    "period",
    "platform_name",
    "plural",
    "points",
    "signed_pct",
    "times",
]

NOT_MEASURABLE = N_("not measurable")
"""What a rate without a denominator (or any missing figure) reads as (see :func:`missing`)."""

esc = escape_markdown


def missing() -> str:
    """The words for a missing figure ("not measurable") in the report language."""
    return _(NOT_MEASURABLE)


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

    The noun is English (``"comment"``) and translated here, so mark nothing at the call.

    >>> count(1234.0, "comment")
    '1,234 comments'
    """
    if not is_number(value):
        return missing()
    n = int(round(float(value)))
    text = i18n.integer(n)
    return f"{text} {plural(n, noun, plural_form)}" if noun else text


def plural(n: int, noun: str, plural_form: str | None = None) -> str:
    """``noun`` for one, its plural (``noun + 's'`` unless given) for any other number.

    In the report language: ``noun`` is a message of the catalogs (extracted from every
    ``count(n, "noun")`` and ``plural(n, "noun")`` call; Vietnamese nouns do not inflect).
    """
    if i18n.get_language() == "en":
        return noun if n == 1 else (plural_form or noun + "s")
    return _(noun)


def number(value, decimals: int = 1) -> str:
    """A number with thousands separators and ``decimals`` decimals."""
    if not is_number(value):
        return missing()
    return i18n.number(value, decimals)


def pct(value, decimals: int = 0) -> str:
    """A fraction as a percentage (``0.123`` -> ``12%``); "not measurable" when missing."""
    if not is_number(value):
        return missing()
    return i18n.percent(value, decimals)


def signed_pct(value, decimals: int = 0) -> str:
    """A fraction as a signed percentage (``+12%``, ``-3%``)."""
    if not is_number(value):
        return missing()
    return i18n.percent(value, decimals, signed=True)


def points(value, decimals: int = 1) -> str:
    """A difference of two shares in percentage points (``+2.5 points``)."""
    if not is_number(value):
        return missing()
    return _("{value} points").format(value=i18n.number(100 * float(value), decimals, signed=True))


def times(value, decimals: int = 1) -> str:
    """A ratio as a multiple (``2.5x``)."""
    if not is_number(value):
        return missing()
    return _("{value}x").format(value=i18n.number(value, decimals))


def duration(text: object) -> str:
    """A duration parameter (an SLA such as ``"1h"`` or ``"30min"``) as a reader says it.

    English keeps it as written (``1h``); other languages spell it out (vi ``1 giờ``,
    ``30 phút``); a text that is not a duration is returned as given.
    """
    if i18n.get_language() == "en":
        return str(text)
    try:
        minutes = pd.Timedelta(str(text)).total_seconds() / 60
    except (TypeError, ValueError):
        return str(text)
    if minutes >= 60 and minutes % 60 == 0:
        return count(int(minutes // 60), "hour")
    if minutes == int(minutes) and minutes > 0:
        return count(int(minutes), "minute")
    return str(text)


def money(value, currency: str, decimals: int | None = None) -> str:
    """An amount with its currency (``1,250,000 VND``, ``12.50 USD``; vi ``1.250.000 ₫``).

    Decimals: none for currencies without minor units in practice (VND, JPY, KRW, IDR),
    else two for amounts under 100 and none above.
    """
    if not is_number(value):
        return missing()
    return i18n.money(value, currency, decimals)


def day(value, *, year: bool = True, weekday: bool = False) -> str:
    """A calendar day as reports write it (``05 Sep 2026``; vi ``05/09/2026``).

    ``year=False``: ``05 Sep``; ``weekday=True``: ``Saturday 05 Sep 2026``.
    """
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return missing()
    return i18n.date(value, year=year, weekday=weekday)


def period(first, last) -> str:
    """A span of days, both included: ``01 Aug 2026 to 31 Oct 2026 (92 days)``."""
    first, last = pd.Timestamp(first), pd.Timestamp(last)
    days = (last.normalize() - first.normalize()).days + 1
    if days == 1:
        return _("{day} (1 day)").format(day=day(first))
    return _("{first} to {last} ({days} days)").format(
        first=day(first), last=day(last), days=i18n.integer(days)
    )


def listing(items: Iterable[object], conjunction: str = "and", escape: bool = True) -> str:
    """Items as a sentence lists them: ``A``, ``A and B``, ``A, B and C`` (``or``: ``A or B``).

    Vietnamese follows CLDR's list patterns (``A, B và C``).
    """
    words = [esc(i) if escape else str(i) for i in items]
    if not words:
        return ""
    if i18n.get_language() != "en":
        style = "or" if conjunction == "or" else "standard"
        return format_list(words, style=style, locale=i18n.get_language())
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + f" {conjunction} " + words[-1]


def platforms(codes: Iterable[object], conjunction: str = "and", escape: bool = True) -> str:
    """Platform codes as a sentence lists them, as their owners write them: ``TikTok and X``."""
    return listing([platform_name(c) for c in codes], conjunction, escape=escape)


def needs(analysis: str, need: str, found: str = "") -> str:
    """The one shape of every fallback sentence: what an analysis needs and what the data hold.

    The three parts are already in the report language.

    >>> needs("Share of voice", "mentions of at least two brands",
    ...       "this folder has mentions of Apple only")
    'Share of voice needs mentions of at least two brands; this folder has mentions of Apple only.'
    """
    if found:
        return _("{analysis} needs {need}; {found}.").format(
            analysis=analysis, need=need, found=found
        )
    return _("{analysis} needs {need}.").format(analysis=analysis, need=need)


def brands_in(values: Sequence[str] | pd.Series) -> str:
    """``"mentions of Apple only"``-style wording for the brands present in a column."""
    names = sorted({str(v) for v in pd.Series(values).dropna()})
    if not names:
        return _("none")
    if len(names) == 1:
        return _("{brand} only").format(brand=esc(names[0]))
    return listing(names)
