"""Google Search Console Performance downloads -> ``search_daily`` and ``search_terms``.

GSC's *Performance* report (Search results, Discover, Google News) is downloaded as a zip of
CSV files (*Export > Download CSV*), a workbook with one sheet per table (*Download Excel*,
written by Apache POI, or *Export to Google Sheets* then *Download .xlsx*), or those CSV files
unzipped. A download holds up to seven tables, each recognised by its header row (never by its
name: GSC translates member and sheet names, ``Requêtes.csv``, ``Filtres.csv``):

- the **daily table** (``Chart.csv``, ``Dates.csv`` in older downloads): the first column a day
  (``Date``), a month or week (``Date range``, ``2024-12-14 - 2024-12-31``) or an hour
  (``Time (UTC+03:00)``, the hourly view of the last 24 hours), ascending or descending;
  it fills ``search_daily``;
- **Queries**, **Pages**, **Countries**, **Devices** and **Search appearance** (``Discover
  appearance``): totals over the download's period per term; they fill ``search_terms``
  (``kind`` query, page, country, device, appearance);
- **Filters**: the search type, the period (``Last 3 months``, ``1 Jan 2025-31 Dec 2025``) and
  any filter of the download (``Query``, ``Page``...). It fills nothing by itself; it gives
  ``search_type`` and ``filters`` to the other tables of the same download.

The spellings of each UI language are in ``headers/search_console.yml``.

Mapping decisions:

- ``clicks`` and ``impressions`` are GSC's counts; ``position`` is GSC's average position of
  the row (itself weighted by impressions), missing where the row had no impressions (GSC writes
  ``0,0,0%,0`` or leaves CTR and position empty) or the report has none (Discover). CTR is not
  kept: it is clicks / impressions. Pooled over rows, CTR is ``sum(clicks) / sum(impressions)``
  and position ``sum(position x impressions) / sum(impressions)`` over rows with impressions,
  never a mean of the rows' values.
- An hourly view keeps its hours: ``date`` is the local day and ``hour`` the hour, in the zone
  GSC wrote in its header (``attrs["hourly"]`` keeps the zone and how many hours each day has;
  the first and last day may be partial). A day's figures pool its hours (clicks and
  impressions add up; position weighted by impressions).
- Queries, pages and the other tables keep GSC's order as ``rank`` (1 = first). GSC now and
  then lists a term twice with different figures (a URL it counts apart): both rows are kept,
  as the file has them, and ``attrs["repeated"]`` counts them; an analysis pools a term's
  rows.
- A row of a monthly or weekly chart is dated on its first day, with ``end_date`` its last.
- A value GSC wrapped over several lines inside its quoted cell (it breaks long queries and
  URLs at a space) is joined back with that space.
- **Period of search_terms rows**: the first and last day of the download's daily table (same
  zip or workbook; for a loose CSV the daily table in the same folder), else the Filters' date
  range, when it is a range of days or a relative range (``Last 3 months``) with the download
  day from the file name (``<property>-Performance-on-Search-2026-01-15.zip``; a relative range
  of days or months ends the day before, ``Last 24 hours`` ends that day) or from ``as_of=``,
  else ``period=``; otherwise the file is refused with :class:`~smmnb.errors.ExportNotUsable`
  saying which of these to provide. ``attrs["period_from"]`` says which was used.
- **Compare mode** (every metric column twice: ``Last 3 months Clicks``, ``Previous 3 months
  Clicks``, or ``10/1/25 - 12/31/25 Clicks``): both periods are read, each with its own
  ``period_start`` and ``period_end`` from its header (a previous period relative to the
  current one). A term GSC lists for one period only has 0 clicks and impressions in the other.
- ``search_type`` comes from the Filters' search type (``web`` by default, ``discover`` for a
  Discover download); ``filters`` is the download's other filters as one text, in the order
  query, page, country, device, appearance (``page: +/blog/; device: desktop``), empty when none.
- Devices are written ``desktop``, ``mobile`` and ``tablet`` whatever the language; queries,
  pages, countries and appearances are kept as written.
- ``brand`` is ``brand=`` (:func:`smmnb.load_workspace` gives the owner); GSC's files do not
  name one. ``attrs["property"]`` is the property from the file name, ``attrs["language"]``
  the UI language recognised.
- Queries and Pages hold GSC's top 1,000 rows at most: their sums are not the site's totals
  (``attrs["capped"]`` lists the kinds that reached 1,000 rows).
"""

from __future__ import annotations

import csv
import functools
import io
import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from smmnb.errors import ExportNotUsable, Problem, SchemaError
from smmnb.i18n import _
from smmnb.io.exports._base import (
    ExportFormat,
    Found,
    Options,
    RawExport,
    Table,
    need_brand,
    norm,
    open_export,
)
from smmnb.schema import parse_numbers

__all__ = ["FORMATS", "KINDS", "Part", "classify", "parse_range", "spellings"]

KINDS = ("query", "page", "country", "device", "appearance")
"""The ``kind`` of search_terms rows, one per dimension table, in GSC's order."""

_METRICS = ("clicks", "impressions", "ctr", "position")
_ROLES = ("date", "date_range", "hour", *KINDS)
_TEXT_SUFFIXES = {".csv", ".tsv", ".txt"}
_SIBLING_BYTES = 50 * 1024 * 1024
_CAP = 1000
_LAG_DAYS = 1
"""A relative range ("Last 3 months") ends this many days before the download day. The genuine
downloads end 2 or 3 days before (GSC's data lag); the issue fixes the rule at the day before.
A daily table, when the download has one, gives the exact days instead."""

_ZONE = re.compile(
    r"^(?P<base>.*?)\s*\(\s*(?P<zone>(?:UTC|GMT)\s*(?:[+\-−]\s*\d{1,2}(?::?\d{2})?)?)\s*\)\s*$",
    re.IGNORECASE,
)
_DATE_SUFFIX = re.compile(r"(\d{4}-\d{2}-\d{2})(?:\s*\(\d+\))?$")
_COPY = re.compile(r"\s*\(\d+\)$")


def _n(text: object) -> str:
    """Header text compared loosely: :func:`norm`, composed (NFC) and with no-break spaces."""
    return norm(unicodedata.normalize("NFC", str(text)).replace("\u00a0", " "))


def _clean(text: object) -> str:
    """A value as shown: composed, no-break and repeated spaces as one space, stripped."""
    t = unicodedata.normalize("NFC", str(text)).replace("\u00a0", " ").replace("\u202f", " ")
    return re.sub(r"\s+", " ", t).strip()


@functools.cache
def spellings() -> dict:
    """The spellings of ``headers/search_console.yml``, normalised.

    ``metrics`` and ``roles`` map a header to ``(key, language)``; ``filter``/``value`` the
    Filters header words to their language; ``filters`` a filter name to its key;
    ``search_types`` and ``devices`` a value to its code; ``previous`` and ``units`` the words
    of relative ranges.
    """
    text = resources.files("smmnb.io.exports").joinpath("headers", "search_console.yml")
    data = yaml.safe_load(text.read_text(encoding="utf-8"))
    out: dict = {"metrics": {}, "roles": {}, "filter": {}, "value": {}, "filters": {},
                 "search_types": {}, "devices": {}, "previous": set(), "units": {}}  # fmt: skip
    for language, words in data["languages"].items():
        for key in _METRICS:
            for header in words.get(key, []):
                out["metrics"].setdefault(_n(header), (key, language))
        for role in _ROLES:
            for header in words.get(role, []):
                out["roles"].setdefault(_n(header), (role, language))
        for word in words.get("filter", []):
            out["filter"].setdefault(_n(word), language)
        for word in words.get("value", []):
            out["value"].setdefault(_n(word), language)
        for key, names in (words.get("filters") or {}).items():
            for name in names:
                out["filters"].setdefault(_n(name), key)
        for group in ("search_types", "devices"):
            for code, names in (words.get(group) or {}).items():
                for name in names:
                    out[group].setdefault(_n(name), code)
        out["previous"].update(_n(w) for w in words.get("previous", []))
        for unit, names in (words.get("units") or {}).items():
            for name in names:
                out["units"].setdefault(_n(name), unit)
    # longest first: "Search Appearance" before a shorter header it contains
    out["metric_names"] = sorted(out["metrics"], key=len, reverse=True)
    return out


# ------------------------------------------------------------------------------------------
# recognising the tables of a download


@dataclass
class Part:
    """One table of a Search Console download, recognised by its header.

    Parameters
    ----------
    table : Table
        The rows (a CSV file, a zip member or a sheet).
    role : str
        ``daily``, ``filters`` or a kind of :data:`KINDS`.
    header : int
        Index of the header row.
    language : str
        The UI language of the metric headers (``en``, ``vi``...).
    daily : str
        For the daily table, how its first column is read: ``date``, ``range`` or ``hour``.
    zone : str
        The zone of an hourly view (``UTC+03:00``).
    periods : list of (str, dict)
        Each period's header prefix ("" outside compare mode) and its metric columns
        (``{"clicks": 1, "impressions": 2, ...}``).
    source : str
        The file the table is in, as named in errors.
    own : bool
        Whether the table is in the file read (False for a sibling CSV in the same folder).
    """

    table: Table
    role: str
    header: int
    language: str = ""
    daily: str = ""
    zone: str = ""
    periods: list = field(default_factory=list)
    source: str = ""
    own: bool = True

    @property
    def compare(self) -> bool:
        """Whether the table compares two periods (every metric column twice)."""
        return len(self.periods) > 1

    @property
    def name(self) -> str:
        """The member or sheet name ("" for a CSV file)."""
        return self.table.name

    def body(self) -> tuple[list[list[str]], list[int]]:
        """The rows below the header that hold something, and their indexes in the table."""
        rows, index = [], []
        for i, row in enumerate(self.table.rows[self.header + 1 :], start=self.header + 1):
            if any(str(c).strip() for c in row):
                rows.append(row)
                index.append(i)
        return rows, index


def _header_row(table: Table) -> int | None:
    for i, row in enumerate(table.rows[:3]):
        if any(str(c).strip() for c in row):
            return i
    return None


def _metric(cell: str) -> tuple[str, str, str] | None:
    """``(metric, period prefix, language)`` of a metric header, or None.

    ``Clicks`` -> ``("clicks", "", "en")``; ``Last 3 months Clicks`` -> ``("clicks",
    "Last 3 months", "en")`` (compare mode; a metric first and the period after is read too).
    """
    spell = spellings()
    text = _clean(cell)
    key = _n(text)
    if key in spell["metrics"]:
        metric, language = spell["metrics"][key]
        return metric, "", language
    for name in spell["metric_names"]:
        metric, language = spell["metrics"][name]
        if key.endswith(" " + name):
            return metric, text[: len(text) - len(name)].strip(), language
        if key.startswith(name + " "):
            return metric, text[len(name) :].strip(), language
    return None


def _periods(cells: list[str]) -> tuple[list, str] | None:
    """The periods of a header's metric columns, and their language; None if a cell is not one."""
    groups: dict[str, dict[str, int]] = {}
    language = ""
    for i, cell in enumerate(cells, start=1):
        found = _metric(cell)
        if found is None:
            return None
        metric, prefix, lang = found
        language = language or lang
        columns = groups.setdefault(prefix, {})
        if metric in columns:
            return None
        columns[metric] = i
    if not groups or len(groups) > 2 or ("" in groups and len(groups) > 1):
        return None
    if any(not {"clicks", "impressions"} <= set(c) for c in groups.values()):
        return None
    return list(groups.items()), language


def classify(table: Table, source: str = "") -> Part | None:
    """The :class:`Part` a table is, from its header row (and values for an unknown date header).

    None for a table that is no Search Console table. An empty table (no header) is None too.
    """
    at = _header_row(table)
    if at is None:
        return None
    cells = [str(c) for c in table.rows[at]]
    while cells and not cells[-1].strip():
        cells.pop()
    if len(cells) < 2:
        return None
    spell = spellings()
    first = cells[0].replace("\ufeff", "")
    if len(cells) == 2 and _n(first) in spell["filter"] and _n(cells[1]) in spell["value"]:
        return Part(table, "filters", at, spell["filter"][_n(first)], source=source)
    found = _periods(cells[1:])
    if found is None:
        return None
    periods, language = found
    part = Part(table, "", at, language, periods=periods, source=source)
    zone = _ZONE.match(_clean(first))
    role = spell["roles"].get(_n(first), (None, None))[0]
    if zone is not None:
        part.role, part.daily, part.zone = "daily", "hour", re.sub(r"\s+", "", zone["zone"])
    elif role in ("date", "date_range", "hour"):
        part.role, part.daily = "daily", {"date": "date", "date_range": "range"}.get(role, "hour")
    elif role in KINDS:
        part.role = role
    else:
        values = [r[0] for r in part.body()[0][:20] if r and str(r[0]).strip()]
        if values and all(_day_or_range(v) is not None for v in values):
            part.role, part.daily = "daily", "date"  # a daily table in an unlisted language
        elif values and all(re.match(r"https?://", v.strip()) for v in values):
            part.role = "page"
        else:
            return None
    return part


def _parts(raw: RawExport) -> list[Part]:
    """Every Search Console table of a file (cached on the RawExport)."""
    cached = raw.__dict__.get("_search_console_parts")
    if cached is None:
        cached = []
        for table in raw.tables:
            try:
                part = classify(table, raw.source)
            except (ValueError, TypeError, IndexError):
                part = None
            if part is not None:
                cached.append(part)
        raw.__dict__["_search_console_parts"] = cached
    return cached


# ------------------------------------------------------------------------------------------
# days, ranges and periods


@functools.cache
def _month_names() -> dict[str, int]:
    """Month names and abbreviations (lower case, no dot) of the UI languages GSC has."""
    from babel.dates import get_month_names

    names: dict[str, int] = {}
    for locale in ("en", "fr", "es", "de", "nl", "pt", "it", "id", "pl", "tr", "sv", "da",
                   "nb", "fi", "cs", "ro", "hu", "ms"):  # fmt: skip
        for width in ("abbreviated", "wide"):
            for context in ("format", "stand-alone"):
                for month, name in get_month_names(width, context, locale=locale).items():
                    key = unicodedata.normalize("NFC", name).lower().rstrip(".")
                    names.setdefault(key, month)
    return names


def _year(text: str) -> int:
    number = int(text)
    return number + 2000 if number < 100 else number


def _day(year: int, month: int, day: int) -> pd.Timestamp | None:
    try:
        value = pd.Timestamp(year=year, month=month, day=day)
    except (ValueError, OverflowError):
        return None
    return value if pd.Timestamp("1990-01-01") <= value < pd.Timestamp("2200-01-01") else None


_NUMERIC = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})\.?")


def _parse_day(text: str, monthfirst: bool | None = None) -> pd.Timestamp | None:
    """One day as GSC writes it in a UI language, or None.

    ``2025-01-14``, ``Jan 14, 2025``, ``14 janv. 2025``, ``14 thg 1, 2025``, ``2025/01/14``,
    ``14.01.2025``, ``1/14/25`` (``monthfirst`` decides ``N/N/YY``; None: month first only
    when the second number cannot be a month).
    """
    t = _clean(text).lower()
    if not t:
        return None
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?", t)
    if m:
        return _day(int(m[1]), int(m[2]), int(m[3]))
    m = re.fullmatch(r"(\d{4})\s*[年/.]\s*(\d{1,2})\s*[月/.]\s*(\d{1,2})\s*日?\.?", t)
    if m:
        return _day(int(m[1]), int(m[2]), int(m[3]))
    m = re.fullmatch(r"(?:ngày\s+)?(\d{1,2})\s+(?:thg|tháng)\s*(\d{1,2}),?\s*(?:năm\s+)?(\d{4})", t)
    if m:
        return _day(int(m[3]), int(m[2]), int(m[1]))
    m = _NUMERIC.fullmatch(t)
    if m:
        a, b, y = int(m[1]), int(m[2]), _year(m[3])
        first = monthfirst if monthfirst is not None else (b > 12)
        return _day(y, a, b) if first else _day(y, b, a)
    tokens = re.findall(r"\d+|[^\W\d_]+", t)
    numbers = [x for x in tokens if x.isdigit()]
    months = [_month_names()[x] for x in tokens if not x.isdigit() and x in _month_names()]
    years = [x for x in numbers if len(x) == 4]
    days = [x for x in numbers if len(x) <= 2]
    if len(months) == 1 and len(years) == 1 and len(days) == 1:
        return _day(int(years[0]), months[0], int(days[0]))
    return None


_SEPARATORS = re.compile(r"\s*(?:–|—|~|～|〜|-)\s*|\s+(?:to|à|au|bis|tot|đến|a)\s+")


def parse_range(text: str, language: str = "en") -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The first and last day of a range as GSC writes it, or None.

    ``1 Jan 2025-31 Dec 2025``, ``Mar 1, 2026-Mar 31, 2026``, ``2024-12-14 - 2024-12-31``,
    ``10/1/25 - 12/31/25`` (month first in English unless a value shows otherwise),
    ``14 sept. 2026-15 sept. 2026``. A range that ends before it starts is None.
    """
    t = _clean(text)
    m = re.fullmatch(r"(\d{4}-\d{1,2}-\d{1,2})\s*(?:-|–|—|~|～|〜|to)\s*(\d{4}-\d{1,2}-\d{1,2})", t)
    if m:
        a, b = _parse_day(m[1]), _parse_day(m[2])
        return (a, b) if a is not None and b is not None and a <= b else None
    for sep in _SEPARATORS.finditer(t):
        left, right = t[: sep.start()], t[sep.end() :]
        if not left or not right:
            continue
        numeric = _NUMERIC.fullmatch(left.lower()) and _NUMERIC.fullmatch(right.lower())
        if numeric:
            firsts = (True, False) if language == "en" else (False, True)
            for monthfirst in firsts:
                a, b = _parse_day(left, monthfirst), _parse_day(right, monthfirst)
                if a is not None and b is not None and a <= b:
                    return a, b
            continue
        a, b = _parse_day(left), _parse_day(right)
        if a is not None and b is not None and a <= b:
            return a, b
    return None


def _relative(text: str) -> tuple[int, str, bool] | None:
    """``(count, unit, previous)`` of a relative range, or None.

    ``Last 3 months``, ``Previous 28 days``, ``Les 3 derniers mois``, ``Last 24 hours``.
    """
    spell = spellings()
    t = _n(text)
    number = re.search(r"\d+", t)
    if number is None:
        return None
    words = set(re.findall(r"[^\W\d_]+", t))

    def said(name: str) -> bool:  # a word of the text; CJK words are not spaced
        return name in words or (any(ord(c) >= 0x3000 for c in name) and name in t)

    units = sorted(spell["units"].items(), key=lambda kv: -len(kv[0]))
    unit = next((code for name, code in units if said(name)), None)
    if unit is None:
        return None
    previous = any(said(p) for p in spell["previous"])
    return int(number.group()), unit, previous


def _span(count: int, unit: str, end: pd.Timestamp) -> pd.Timestamp:
    """The first day of ``count`` ``unit`` ending on ``end``."""
    if unit == "months":
        return end - pd.DateOffset(months=count) + pd.Timedelta(days=1)
    days = count * 7 if unit == "weeks" else count
    return end - pd.Timedelta(days=max(days, 1) - 1)


def _resolve(
    text: str,
    language: str,
    anchor: pd.Timestamp | None,
    current: tuple[pd.Timestamp, pd.Timestamp] | None = None,
) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The first and last day a range text says, or None.

    A range of days, or a relative range resolved against the download day ``anchor`` (a
    previous period against the ``current`` one).
    """
    days = parse_range(text, language)
    if days is not None:
        return days
    single = _parse_day(text)
    if single is not None:
        return single, single
    relative = _relative(text)
    if relative is None:
        return None
    count, unit, previous = relative
    if previous:
        if current is None:
            return None
        if unit == "hours":
            shift = pd.Timedelta(days=max(1, -(-count // 24)))
            return current[0] - shift, current[1] - shift
        end = current[0] - pd.Timedelta(days=1)
        return _span(count, unit, end), end
    if anchor is None:
        return None
    if unit == "hours":
        return anchor - pd.Timedelta(days=max(1, -(-count // 24))), anchor
    end = anchor - pd.Timedelta(days=_LAG_DAYS)
    return _span(count, unit, end), end


def _serial(text: str) -> pd.Timestamp | None:
    """An Excel serial day (``45711`` or ``46020.5416``) as a timestamp, or None."""
    if not re.fullmatch(r"\d{5}(?:\.\d+)?", text):
        return None
    value = float(text)
    if not 20000 <= value <= 80000:
        return None
    moment = pd.Timestamp("1899-12-30") + pd.to_timedelta(value, unit="D")
    return moment.round("min")


def _day_or_range(text: str, language: str = "en"):
    """``(first day, last day or None)`` of a daily table's first cell, or None."""
    t = _clean(text)
    if not t:
        return None
    serial = _serial(t)
    if serial is not None:
        return serial.normalize(), None
    day = _parse_day(t)
    if day is not None:
        return day, None
    days = parse_range(t, language)
    if days is not None:
        return (days[0], None) if days[0] == days[1] else days
    return None


def _moment(text: str) -> pd.Timestamp | None:
    """An hour of an hourly view (``2025-12-15T21:00:00``, an Excel serial), or None."""
    t = _clean(text)
    serial = _serial(t)
    if serial is not None:
        return serial
    if not re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}(?:[T ]\d{1,2}(?::\d{2}){0,2}(?:\.\d+)?)?", t):
        return None
    try:
        value = pd.Timestamp(t)
    except (ValueError, OverflowError):
        return None
    if value.tzinfo is not None:
        value = value.tz_localize(None)
    return value.round("min")


# ------------------------------------------------------------------------------------------
# one download: its tables, its file name, its filters


@dataclass
class Download:
    """The tables of one download that a file gives access to, and what its name says."""

    parts: list[Part]
    source: str
    day: pd.Timestamp | None = None
    property: str | None = None
    type_from_name: str | None = None
    siblings: bool = False


def _name_info(path: Path) -> tuple[pd.Timestamp | None, str | None, str | None]:
    """``(download day, property, search type)`` from a download's name (or its folder's)."""
    for stem in (path.stem, path.parent.name):
        m = _DATE_SUFFIX.search(stem)
        if m is None:
            continue
        try:
            day = pd.Timestamp(m.group(1))
        except ValueError:
            continue
        prop = kind = None
        p = re.match(r"^(?P<prop>.+?)-Performance-on-(?P<type>[A-Za-z-]+?)-\d{4}-", stem)
        if p is not None:
            prop = p["prop"]
            if re.match(r"^https?___", prop):
                prop = re.sub(r"^(https?)___", r"\1://", prop)
                prop = prop[:-1] + "/" if prop.endswith("_") else prop
            kind = p["type"].lower().replace("-", "_")
            kind = {"search": "web", "discover": "discover", "google_news": "google_news"}.get(kind)
        return day, prop, kind
    return None, None, None


def _siblings(path: Path) -> list[Part]:
    """The daily table and Filters of the same download beside a loose CSV file.

    Only CSV files of the same folder whose name carries the same copy number (``Chart (1).csv``
    beside ``Queries (1).csv``) are looked at; a table found twice is not used.
    """
    folder = path.parent
    try:
        files = sorted(f for f in folder.iterdir() if f.is_file())
    except OSError:
        return []
    mine = _COPY.search(path.stem)
    suffix = mine.group().strip() if mine else ""
    found: dict[str, list[Part]] = {"daily": [], "filters": []}
    for file in files:
        if file == path or file.suffix.lower() not in _TEXT_SUFFIXES:
            continue
        copy = _COPY.search(file.stem)
        if (copy.group().strip() if copy else "") != suffix:
            continue
        try:
            if file.stat().st_size > _SIBLING_BYTES or not _looks_like(file):
                continue
            raw = open_export(file)
        except (OSError, SchemaError):
            continue
        for part in _parts(raw):
            if part.role in found and not part.compare:
                part.own = False
                found[part.role].append(part)
    return [parts[0] for parts in found.values() if len(parts) == 1]


def _looks_like(file: Path) -> bool:
    """Whether a file's first line is the header of a daily table or of Filters."""
    try:
        with file.open("rb") as handle:
            head = handle.read(4096)
        text = head.decode("utf-8-sig", errors="replace")
        if "\x00" in text:
            text = head.decode("utf-16", errors="replace").lstrip("\ufeff")
        lines = [line for line in text.splitlines()[:2] if line.strip()]
        rows = [next(csv.reader(io.StringIO(line))) for line in lines]
        part = classify(Table(rows)) if rows else None
    except (OSError, csv.Error, StopIteration, ValueError, TypeError, IndexError):
        return False
    return part is not None and part.role in ("daily", "filters")


def download(raw: RawExport) -> Download:
    """The download a file belongs to.

    Its own tables, and for a loose CSV file the daily table and Filters beside it.
    """
    cached = raw.__dict__.get("_search_console_download")
    if cached is not None:
        return cached
    parts = list(_parts(raw))
    day, prop, kind = _name_info(raw.path)
    siblings = False
    if raw.encoding not in ("zip", "xlsx", "xls", "spreadsheetml") and len(raw.tables) == 1:
        more = [p for p in _siblings(raw.path) if p.role not in {q.role for q in parts}]
        siblings = bool(more)
        parts += more
    out = Download(parts, raw.source, day, prop, kind, siblings)
    raw.__dict__["_search_console_download"] = out
    return out


def _filters(dl: Download) -> dict:
    """What the download's Filters say.

    ``search_type``, ``range`` (the date range as written), ``text`` (the other filters,
    canonical) and ``language``.
    """
    spell = spellings()
    out = {"search_type": dl.type_from_name, "range": None, "text": None, "language": ""}
    part = next((p for p in dl.parts if p.role == "filters"), None)
    if part is None:
        return out
    out["language"] = part.language
    others: list[tuple[str, str]] = []
    for row, _index in zip(*part.body(), strict=True):
        name, value = (list(row) + ["", ""])[:2]
        key, value = spell["filters"].get(_n(name)), _clean(value)
        if not value:
            continue
        if key == "search_type":
            out["search_type"] = spell["search_types"].get(_n(value)) or re.sub(
                r"[^0-9a-z]+", "_", _n(value)
            ).strip("_")
        elif key == "date":
            out["range"] = value
        elif key == "device":
            others.append((key, spell["devices"].get(_n(value), value)))
        else:
            others.append((key or _n(name), value))
    order = {k: i for i, k in enumerate(KINDS)}
    others.sort(key=lambda kv: order.get(kv[0], len(order)))
    out["text"] = "; ".join(f"{k}: {v}" for k, v in others) or None
    return out


# ------------------------------------------------------------------------------------------
# reading


@dataclass
class _Numbers:
    clicks: pd.Series
    impressions: pd.Series
    position: pd.Series


def _labels(part: Part, index: list[int], several: bool) -> list[str]:
    word = part.table.row_word
    where = f" of {part.name}" if several and part.name else ""
    return [f"{word} {part.table.line(i)}{where}" for i in index]


def _bad(source: str, table: str, column: str, bad: pd.Series, values, labels, message: str):
    at = np.flatnonzero(bad.to_numpy(dtype=bool))
    shown = at[:5]
    return SchemaError(
        source,
        table,
        [
            Problem(
                message,
                column,
                tuple(labels[i] for i in shown),
                tuple(str(values[i]) for i in shown),
                len(at),
            )
        ],
    )


def _numbers(part: Part, rows, labels, columns: dict[str, int], table: str) -> _Numbers:
    """Clicks, impressions and position of one period's columns.

    A bad cell is a SchemaError naming the file, the column as GSC wrote it and the rows.
    """
    header = part.table.rows[part.header]
    out = {}
    for metric in ("clicks", "impressions", "position"):
        if metric not in columns:
            out[metric] = pd.Series(np.nan, index=range(len(rows)), dtype="float64")
            continue
        at = columns[metric]
        raw = pd.Series([(r[at] if at < len(r) else "") for r in rows], dtype="object")
        text = raw.map(lambda v: _clean(v) if v is not None else "")
        if metric == "position" and text.str.fullmatch(r"\d+,\d{1,2}").any():
            text = text.str.replace(",", ".", regex=False)  # a decimal comma
        values, bad = parse_numbers(text)
        if bad.any():
            raise _bad(part.source, table, header[at], bad, list(raw), labels, "not a number")
        out[metric] = values.astype("float64")
    clicks, impressions = out["clicks"], out["impressions"]
    position = out["position"].where(impressions.fillna(0) > 0)
    return _Numbers(clicks, impressions, position)


def _refusal_undated(dl: Download, filters: dict, what: str) -> ExportNotUsable:
    """The refusal of tables whose period no file, name or argument says."""
    rng = filters.get("range")
    if rng and _relative(rng) is not None:
        reason = _(
            "the days these {what} rows cover are unknown: the download's Filters say "
            "'{range}' but not the day it was downloaded, and no daily table (Chart.csv or "
            "Dates.csv) of the download is beside it"
        ).format(what=what, range=rng)
        hint = _(
            "read the download as it came (the zip, whose name carries the download day), put "
            "its Chart.csv beside this file, or pass as_of= (the day it was downloaded) or "
            "period=(first day, last day)"
        )
    elif rng:
        reason = _(
            "the days these {what} rows cover are unknown: the download's Filters give the "
            "period as '{range}', which smmnb cannot read as days, and no daily table "
            "(Chart.csv or Dates.csv) of the download is beside it"
        ).format(what=what, range=rng)
        hint = _(
            "put the download's Chart.csv beside this file, or pass period=(first day, last day)"
        )
    else:
        reason = _(
            "the days these {what} rows cover are unknown: neither the download's daily table "
            "(Chart.csv or Dates.csv) nor its Filters.csv, which give the period, is beside it"
        ).format(what=what)
        hint = _(
            "read the download as it came (the zip), put its Chart.csv and Filters.csv beside "
            "this file, or pass period=(first day, last day)"
        )
    return ExportNotUsable(dl.source, "search_terms", [Problem(reason, hint=hint)])


def _daily_days(part: Part, labels: list[str], table: str):
    """The first and last day of each row of a daily table, and for an hourly view the hours."""
    rows, _index = part.body()
    first = [str(r[0]) if r else "" for r in rows]
    if part.daily == "hour":
        moments = [_moment(v) for v in first]
        bad = pd.Series([m is None for m in moments])
        if bad.any():
            raise _bad(part.source, table, part.table.rows[part.header][0], bad, first, labels,
                       "cannot read as a date and hour")  # fmt: skip
        return [m.normalize() for m in moments], [None] * len(moments), moments
    parsed = [_day_or_range(v, part.language) for v in first]
    bad = pd.Series([p is None for p in parsed])
    if bad.any():
        raise _bad(part.source, table, part.table.rows[part.header][0], bad, first, labels,
                   "cannot read as a date or a range of dates")  # fmt: skip
    return [p[0] for p in parsed], [p[1] for p in parsed], None


def _daily_frame(part: Part, several: bool = False) -> tuple[pd.DataFrame, list[str], dict]:
    """A daily table as rows of ``date``, ``end_date``, clicks, impressions, position."""
    rows, index = part.body()
    labels = _labels(part, index, several)
    starts, ends, moments = _daily_days(part, labels, "search_daily")
    numbers = _numbers(part, rows, labels, part.periods[0][1], "search_daily")
    df = pd.DataFrame(
        {
            "date": pd.Series(starts, dtype="datetime64[ns]"),
            "end_date": pd.Series(ends, dtype="datetime64[ns]"),
            "clicks": numbers.clicks,
            "impressions": numbers.impressions,
            "position": numbers.position,
        }
    )
    attrs: dict = {}
    if moments is not None:  # the hourly view: one row per hour, in the zone of its header
        df.insert(1, "hour", pd.Series([m.hour for m in moments], dtype="Int64"))
        hours = df.groupby("date").size()
        attrs["hourly"] = {
            "zone": part.zone,
            "hours": {d.date().isoformat(): int(h) for d, h in hours.items()},
        }
    return df, labels, attrs


def _period(dl: Download, options: Options, filters: dict):
    """``(first day, last day, how)`` of the download's period, or None."""
    daily = [p for p in dl.parts if p.role == "daily" and not p.compare]
    if daily:
        df, _labels_, _attrs = _daily_frame(daily[0])
        if len(df):
            last = df["end_date"].fillna(df["date"]).max()
            how = "daily table" if daily[0].own else f"daily table {Path(daily[0].source).name}"
            return df["date"].min(), last, how
    rng = filters.get("range")
    language = filters.get("language") or "en"
    if rng:
        days = parse_range(rng, language)
        if days is not None:
            return days[0], days[1], "filters"
        for anchor, how in ((dl.day, "file name"), (options.as_of, "as_of")):
            if anchor is not None:
                days = _resolve(rng, language, anchor.normalize())
                if days is not None:
                    return days[0], days[1], how
    if options.period is not None:
        return options.period[0], options.period[1], "period="
    return None


def _what(kinds: list[str]) -> str:
    names = {
        "query": _("query"),
        "page": _("page"),
        "country": _("country"),
        "device": _("device"),
        "appearance": _("search appearance"),
    }
    return ", ".join(dict.fromkeys(names[k] for k in kinds))


def _read_terms(raw: RawExport, found: Found, options: Options):
    dl = download(raw)
    parts = sorted(
        (p for p in dl.parts if p.role in KINDS and p.own), key=lambda p: KINDS.index(p.role)
    )
    filters = _filters(dl)
    brand = need_brand(raw, FORMATS[1], options, None)
    several = len(raw.tables) > 1
    frames, labels_all, not_read = [], [], []
    attrs: dict = {}
    plain = [p for p in parts if not p.compare]
    compare = [p for p in parts if p.compare]
    dated = [p for p in plain if p.body()[0]]  # header-only tables need no period
    period = _period(dl, options, filters) if dated else None
    if dated and period is None:
        raise _refusal_undated(dl, filters, _what([p.role for p in dated]))
    periods: list[tuple[str, tuple]] = []
    for part in plain:
        df, labels = _terms_frame(part, part.periods[0][1], period, several)
        frames.append(df)
        labels_all += labels
    if period is not None:
        attrs["period"] = (period[0].date().isoformat(), period[1].date().isoformat())
        attrs["period_from"] = period[2]
    for part in compare:
        resolved = _compare_periods(dl, part, options, filters)
        if resolved[0] is None:
            if part.body()[0]:
                raise _refusal_undated(dl, filters, _what([part.role]))
            continue
        for (prefix, columns), days in zip(part.periods, resolved, strict=True):
            if days is None:
                not_read.append(prefix)
                continue
            df, labels = _terms_frame(part, columns, days, several)
            frames.append(df)
            labels_all += labels
            periods.append((prefix, (days[0].date().isoformat(), days[1].date().isoformat())))
    if compare:
        attrs["compare"] = dict(periods)
    if not_read:
        attrs["not_read"] = sorted(set(not_read))
    repeated = sum(int(f.attrs.get("repeated", 0)) for f in frames)
    if repeated:
        attrs["repeated"] = repeated
    columns = [
        "period_start",
        "period_end",
        "kind",
        "rank",
        "term",
        "clicks",
        "impressions",
        "position",
    ]
    df = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)
    df = df.astype({"period_start": "datetime64[ns]", "period_end": "datetime64[ns]"})
    df["brand"] = brand
    df["search_type"] = filters["search_type"] or "web"
    df["filters"] = filters["text"]
    capped = sorted(
        {p.role for p in parts if p.role in ("query", "page") and len(p.body()[0]) >= _CAP}
    )
    if capped:
        attrs["capped"] = capped
    attrs.update(_common(dl, parts, filters))
    attrs["kinds"] = list(dict.fromkeys(p.role for p in parts))
    return df, labels_all, attrs


def _terms_frame(part: Part, columns: dict, period, several: bool):
    rows, index = part.body()
    labels = _labels(part, index, several)
    numbers = _numbers(part, rows, labels, columns, "search_terms")
    spell = spellings()
    terms = [re.sub(r" ?\r?\n[ \t]*", " ", str(r[0])).strip() if r else "" for r in rows]
    if part.role == "device":
        terms = [spell["devices"].get(_n(t), t) for t in terms]
    start, end = (period[0], period[1]) if period is not None else (pd.NaT, pd.NaT)
    df = pd.DataFrame(
        {
            "period_start": pd.Series([start] * len(rows), dtype="datetime64[ns]"),
            "period_end": pd.Series([end] * len(rows), dtype="datetime64[ns]"),
            "kind": part.role,
            "rank": pd.Series(np.arange(1, len(rows) + 1), dtype="Int64"),
            "term": pd.Series(terms, dtype="object"),
            "clicks": numbers.clicks,
            "impressions": numbers.impressions,
            "position": numbers.position,
        }
    )
    repeated = int(df["term"].duplicated().sum())
    if repeated:  # kept as GSC lists them; an analysis pools a term's rows (search.terms)
        df.attrs["repeated"] = repeated
    return df, labels


def _compare_periods(dl: Download, part: Part, options: Options, filters: dict) -> list:
    """The days of each period of a compare-mode table (None where unknown)."""
    language = part.language or "en"
    anchor = dl.day if dl.day is not None else options.as_of
    anchor = anchor.normalize() if anchor is not None else None
    current_text = part.periods[0][0]
    current = _resolve(current_text, language, anchor)
    if current is None and filters.get("range"):
        current = _resolve(filters["range"], filters.get("language") or language, anchor)
    if current is None and options.period is not None:
        current = options.period
    out = [current]
    for prefix, _columns in part.periods[1:]:
        days = _resolve(prefix, language, anchor, current) if current is not None else None
        words = set(re.findall(r"[^\W\d_]+", _n(prefix)))
        if days is None and current is not None and words & spellings()["previous"]:
            # "Previous period": as long as the current one, right before it
            length = current[1] - current[0]
            days = (current[0] - length - pd.Timedelta(days=1), current[0] - pd.Timedelta(days=1))
        out.append(days)
    return out


def _common(dl: Download, parts: list[Part], filters: dict) -> dict:
    languages = [p.language for p in parts if p.language] or [filters.get("language") or ""]
    return {
        "property": dl.property,
        "language": languages[0] or None,
        "download_day": dl.day.date().isoformat() if dl.day is not None else None,
        "search_type": filters["search_type"] or "web",
        "filters": filters["text"],
    }


def _read_daily(raw: RawExport, found: Found, options: Options):
    dl = download(raw)
    part = found.notes["part"]
    filters = _filters(dl)
    brand = need_brand(raw, FORMATS[0], options, None)
    df, labels, attrs = _daily_frame(part, len(raw.tables) > 1)
    df["brand"] = brand
    df["search_type"] = filters["search_type"] or "web"
    df["filters"] = filters["text"]
    attrs.update(_common(dl, [part], filters))
    attrs["daily"] = {"hour": "hourly", "range": "by range"}.get(part.daily, "daily")
    return df, labels, attrs


def _read_filters(raw: RawExport, found: Found, options: Options):
    dl = download(raw)
    err = ExportNotUsable(
        raw.source,
        "search_terms",
        [
            Problem(
                _(
                    "the filters of a Search Console download: read the download's other "
                    "files, or the zip"
                ),
                hint=_(
                    "this table only says the search type, the period and the filters of the "
                    "tables downloaded with it"
                ),
            )
        ],
    )
    beside = dl.siblings or any(
        f.suffix.lower() in _TEXT_SUFFIXES and f != raw.path and _looks_like_table(f)
        for f in _safe_list(raw.path.parent)
    )
    if beside and len(raw.tables) == 1:
        # read with the files beside it: smmnb.load_workspace lists it without a warning
        err.companion = _(
            "the filters of the Search Console download beside it: their search type, period "
            "and filters are read with its other files"
        )
    raise err


def _looks_like_table(file: Path) -> bool:
    """Whether a file beside Filters.csv is another table of a Search Console download."""
    try:
        with file.open("rb") as handle:
            head = handle.read(4096).decode("utf-8-sig", errors="replace")
        cells = next(csv.reader(io.StringIO(head.splitlines()[0] if head.strip() else "")))
        part = classify(Table([cells]))
    except (OSError, csv.Error, StopIteration, ValueError, TypeError, IndexError):
        return False
    return part is not None and part.role != "filters"


def _safe_list(folder: Path) -> list[Path]:
    try:
        return [f for f in folder.iterdir() if f.is_file()]
    except OSError:
        return []


def _detect_daily(raw: RawExport) -> Found | None:
    for part in _parts(raw):
        if part.role == "daily" and not part.compare:
            return Found(part.table, part.header, {"part": part})
    return None


def _detect_terms(raw: RawExport) -> Found | None:
    for part in _parts(raw):
        if part.role in KINDS:
            return Found(part.table, part.header, {"part": part})
    return None


def _detect_filters(raw: RawExport) -> Found | None:
    parts = _parts(raw)
    if parts and all(p.role == "filters" for p in parts):
        return Found(parts[0].table, parts[0].header, {"part": parts[0]})
    return None


FORMATS = [
    ExportFormat(
        "search_console",
        "Google Search Console (daily)",
        "search_daily",
        _detect_daily,
        _read_daily,
    ),
    ExportFormat(
        "search_console_terms", "Google Search Console", "search_terms", _detect_terms, _read_terms
    ),
    ExportFormat(
        "search_console_filters",
        "Google Search Console (filters)",
        "search_terms",
        _detect_filters,
        _read_filters,
    ),
]
