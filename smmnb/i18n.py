"""The report language: sentences from gettext catalogs, numbers and dates from CLDR (Babel).

English is the source language: every sentence is written in English in the code, marked with
:func:`_` (or :func:`ngettext` when it depends on a count), and translated from the catalogs in
``smmnb/locale/<language>/*.po`` (one file per area of the package, all one ``smmnb`` domain).
The catalogs are compiled when first used, so editing a ``.po`` file needs no build step; a
message missing or marked fuzzy there reads in English, and ``tests/test_i18n.py`` fails on it.

Templates use named ``str.format`` fields, never positional ones or f-strings, so that a
translation may reorder them::

    _("{count} comments from {brand}").format(count=..., brand=...)

Numbers, money, percentages, dates, weekday and month names follow the language's CLDR
conventions through Babel (vi: ``1.327.807.400 ₫``, ``5,7%``, ``18/09/2026``, ``Thứ Sáu``).
English keeps the forms the reports always used (``1,327,807,400 VND``, ``5.7%``,
``18 Sep 2026``).

The language is the process's (a notebook kernel runs one report): :func:`set_language` sets
it, :func:`use` sets it for a ``with`` block.

To add a message: mark it in the code, run ``make messages`` (extracts every marked message and
merges it into each catalog, new ones empty) and write its translation in the ``.po`` file
named after the area.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
from babel.dates import format_date as _babel_date
from babel.dates import get_day_names, get_month_names
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import (
    format_currency,
    get_decimal_symbol,
    get_group_symbol,
)
from babel.support import Translations

__all__ = [
    "LANGUAGES",
    "N_",
    "_",
    "babel_locale",
    "catalog",
    "date",
    "day_name",
    "get_language",
    "integer",
    "money",
    "month_name",
    "ngettext",
    "number",
    "percent",
    "pgettext",
    "set_language",
    "translate_markdown",
    "use",
]

LANGUAGES = ("en", "vi")
"""Report languages (English is the source the catalogs translate from)."""

LOCALE_DIR = Path(__file__).with_name("locale")

_DAY_PATTERN = {"en": "dd MMM yyyy", "vi": "dd/MM/yyyy"}
_DAY_MONTH_PATTERN = {"en": "dd MMM", "vi": "dd/MM"}
"""How a calendar day is written in a sentence (CLDR's own short forms drop the zero pad or
the century; these keep both)."""

_BABEL_LOCALE = {"en": "en_US", "vi": "vi_VN"}

_language = "en"


def _check(language: str) -> str:
    lang = str(language).strip().lower()
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, got {language!r}")
    return lang


def set_language(language: str | None) -> str:
    """Make ``language`` (``en`` or ``vi``; None or "" means ``en``) the report language."""
    global _language
    _language = _check(language or "en")
    return _language


def get_language() -> str:
    """The report language in force."""
    return _language


@contextmanager
def use(language: str | None) -> Iterator[str]:
    """Run a block in ``language``, then restore the language before it."""
    before = _language
    try:
        yield set_language(language)
    finally:
        set_language(before)


@functools.cache
def catalog(language: str) -> Translations:
    """The compiled catalog of ``language``: every ``.po`` in its folder, fuzzy entries left out."""
    merged = None  # the first catalog read is the base: it carries the language's plural rule
    folder = LOCALE_DIR / _check(language)
    for po in sorted(folder.glob("*.po")):
        with po.open("rb") as fh:
            cat = read_po(fh, locale=language)
        buffer = io.BytesIO()
        write_mo(buffer, cat, use_fuzzy=False)
        buffer.seek(0)
        if merged is None:
            merged = Translations(buffer)
        else:
            merged.merge(Translations(buffer))
    return merged if merged is not None else Translations()


def _(message: str) -> str:
    """``message`` in the report language."""
    if _language == "en":
        return message
    return catalog(_language).gettext(message)


def N_(message: str) -> str:
    """Mark a module-level constant for extraction; translate it with :func:`_` where used."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n`` in the report language."""
    if _language == "en":
        return singular if n == 1 else plural
    return catalog(_language).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` in the report language, where the same English has several meanings."""
    if _language == "en":
        return message
    return catalog(_language).pgettext(context, message)


# -- conventions (CLDR) -------------------------------------------------------------------------


def babel_locale() -> str:
    """Babel's locale of the report language (``en_US``, ``vi_VN``), for CLDR calls of its own."""
    return _BABEL_LOCALE[_language]


def number(value: float, decimals: int = 1, *, signed: bool = False) -> str:
    """A finite number with the language's separators: ``1,234.5`` / ``1.234,5``.

    The digits are Python's own rounding of the float (so English reads exactly as the reports
    always did); the decimal and grouping symbols are the language's, from CLDR.
    """
    text = f"{float(value):{'+' if signed else ''},.{max(decimals, 0)}f}"
    if text.lstrip("+-").strip("0.,") == "" and text.startswith("-"):
        text = text[1:]  # -0.0 reads 0.0
    if _language == "en":
        return text
    group, decimal = get_group_symbol(babel_locale()), get_decimal_symbol(babel_locale())
    return text.replace(",", "\0").replace(".", decimal).replace("\0", group)


def integer(value: float) -> str:
    """A count with the language's thousands separator: ``1,234`` / ``1.234``."""
    return number(round(float(value)), 0)


def percent(value: float, decimals: int = 0, *, signed: bool = False) -> str:
    """A fraction as a percentage: ``12.5%`` / ``12,5%`` (``+12%`` when signed).

    Rounded as Python's ``{:.1%}`` rounds (the float times 100).
    """
    return number(float(value) * 100, decimals, signed=signed) + "%"


_NO_MINOR_UNITS = {"VND", "JPY", "KRW", "IDR"}


def money(value: float, currency: str, decimals: int | None = None) -> str:
    """An amount: ``1,250,000 VND`` / ``1.250.000 ₫``, ``12.50 USD`` / ``12,50 US$``.

    Decimals: none for currencies without minor units in practice (VND, JPY, KRW, IDR), else
    two for amounts under 100 and none above.
    """
    value = float(value)
    if decimals is None:
        decimals = 0 if currency in _NO_MINOR_UNITS or abs(value) >= 100 else 2
    if _language == "en":
        return f"{number(value, decimals)} {currency}"
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "") + " ¤"
    return format_currency(value, currency, pattern, locale=babel_locale(), currency_digits=False)


def date(value, *, year: bool = True, weekday: bool = False) -> str:
    """A calendar day: ``18 Sep 2026`` / ``18/09/2026``.

    Without the year: ``18 Sep`` / ``18/09``; with the weekday: ``Friday 18 Sep 2026`` /
    ``Thứ Sáu, 18/09/2026``.
    """
    pattern = (_DAY_PATTERN if year else _DAY_MONTH_PATTERN)[_language]
    if weekday:
        pattern = ("EEEE " if _language == "en" else "EEEE, ") + pattern
    return _babel_date(pd.Timestamp(value).date(), pattern, locale=babel_locale())


def day_name(weekday: int, width: str = "wide") -> str:
    """The name of a weekday, Monday = 0: ``Friday`` / ``Thứ Sáu`` (``abbreviated``: ``Fri``)."""
    return str(get_day_names(width, locale=babel_locale())[int(weekday)])


def month_name(month: int, width: str = "wide") -> str:
    """The name of a month, January = 1: ``September`` / ``tháng 9``."""
    return str(get_month_names(width, locale=babel_locale())[int(month)])


def translate_markdown(notebook: dict, language: str) -> dict:
    """Translate a notebook's Markdown cells in place (each cell is one catalog message).

    ``smmnb report`` calls this on each executed notebook, so that headings and the notes
    written in Markdown read in the report language like the outputs do. A cell without a
    translation stays as written.
    """
    with use(language):
        for cell in notebook.get("cells", []):
            if cell.get("cell_type") != "markdown":
                continue
            source = cell.get("source", "")
            text = ("".join(source) if isinstance(source, list) else source).strip()
            if text:
                translated = _(text)
                if translated != text:
                    cell["source"] = translated
    return notebook
