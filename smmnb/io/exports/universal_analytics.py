"""Universal Analytics (the Google Analytics before GA4) exports -> ``web_sessions``.

Universal Analytics stopped collecting data in July 2023, but its past reports are still
exported as CSV and XLSX:

- CSV: a preamble of ``#`` lines (the view, "All Web Site Data"; the report, "Source/Medium";
  the range ``# 20220701-20220731``), the report's table, then a ``Day Index`` section (the
  first metric by day, dates written ``7/1/22`` or ``01/07/2022``);
- XLSX: a ``Summary`` sheet (view, report, range, links), ``Dataset1`` (the table) and
  ``Dataset2`` (the ``Day Index`` series, real date cells).

Both show only the rows of the report's page (ten by default) and end the table with an
**unlabeled total row** whose numbers cover every row of the report, not only those shown: it
is not a page or a source, and it is dropped. When the rows shown add up to fewer sessions than
that total, a :class:`~smmnb.errors.DataWarning` says how many sessions the export left out
(``attrs["sessions_not_shown"]``).

Only a table of sessions by traffic source fills ``web_sessions``: *Acquisition > All Traffic >
Source/Medium* (or *Channels*, by Default Channel Grouping), with the columns mapped as for GA4
(``headers/ga4.yml``: ``Source / Medium``, ``Sessions``, ``Users``, ``Goal Completions`` or
``Transactions`` as conversions, ``Revenue``). Its rows are totals over the report's range
(``period_start``/``period_end``), or days with ``Date`` as a secondary dimension. Other
reports (Pages, Landing Pages, Audience Overview, Events) are refused with
:class:`~smmnb.errors.ExportNotUsable`, naming what they hold and the report to export instead.
Universal Analytics files do not name the account: pass ``brand=``.
"""

from __future__ import annotations

import re
import warnings

import pandas as pd

from smmnb import i18n
from smmnb.errors import ExportNotUsable, Problem
from smmnb.i18n import N_, _
from smmnb.io.exports._base import (
    ExportFormat,
    Found,
    Options,
    RawExport,
    file_day,
    need_brand,
    norm,
    snake_extras,
)
from smmnb.io.exports.ga4 import Section, keys, sections, usable, web_rows
from smmnb.schema import TABLES, DataWarning, parse_numbers

__all__ = ["detect", "read"]

_RANGE = re.compile(r"^(\d{8})-(\d{8})$")
SOURCE_MEDIUM = N_(
    "export Acquisition > All Traffic > Source/Medium (Export > Excel (XLSX) or CSV), with "
    "Date as a secondary dimension for one row per day, and Show rows set to cover every source"
)


def _range(text: str) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    m = _RANGE.match(text.strip())
    if not m:
        return None
    try:
        first, last = pd.Timestamp(m.group(1)), pd.Timestamp(m.group(2))
    except ValueError:
        return None
    return (first, last) if first <= last else None


def _preamble(lines: list[str]) -> dict | None:
    """View, report and range of the lines above the data, when one of them is a UA range."""
    texts = [t for t in (x.strip() for x in lines) if t and not set(t) <= set("-=# ")]
    for i, text in enumerate(texts):
        span = _range(text)
        if span is not None:
            before = texts[:i]
            return {
                "view": before[0] if len(before) > 1 else "",
                "report": before[-1] if before else "",
                "range": span,
            }
    return None


def detect(raw: RawExport) -> Found | None:
    """A Universal Analytics CSV or XLSX export, from its preamble or Summary sheet."""
    summary = raw.sheet("Summary")
    if summary is not None:
        lines = [" ".join(c for c in row if c.strip()) for row in summary.head(8)]
        info = _preamble(lines)
        parts = [
            s
            for t in raw.tables
            if re.fullmatch(r"dataset\s*\d+", norm(t.name))
            for s in sections(t)
        ]
        if info is not None and parts:
            return Found(parts[0].table, parts[0].header, {**info, "sections": parts})
        return None
    for table in raw.tables:
        head = table.head(10)
        lines = []
        for row in head:
            first = row[0].strip() if row else ""
            if first.startswith("#"):
                lines.append(",".join(row).rstrip(",").strip()[1:])
            elif any(c.strip() for c in row):
                break
        info = _preamble(lines) if lines else None
        if info is not None:
            parts = sections(table)
            if parts:
                return Found(table, parts[0].header, {**info, "sections": parts})
    return None


def _refusal(raw: RawExport, found: Found, parts: list[Section]) -> ExportNotUsable:
    report = found.notes.get("report") or _("report")
    first, last = found.notes["range"]
    listing = "; ".join(s.describe() for s in parts[:4])
    k = keys(parts[0].columns) if parts else {}
    what = (
        _("page views by page")
        if "page" in k
        else _("sessions by landing page, without their source")
        if "landing_page" in k
        else listing
    )
    return ExportNotUsable(
        raw.source,
        "web_sessions",
        [
            Problem(
                _(
                    "this is a Universal Analytics '{report}' export ({first} to {last}): "
                    "{what}, with no sessions by source and medium or by channel grouping, "
                    "which web_sessions needs"
                ).format(report=report, first=file_day(first), last=file_day(last), what=what),
                hint=_(SOURCE_MEDIUM),
            )
        ],
    )


def _day_index(values: pd.Series, span: tuple[pd.Timestamp, pd.Timestamp]) -> pd.Series:
    """Dates as UA writes them (``7/1/22``, ``01/07/2022``, ISO).

    Read in the day order that keeps every day inside the report's range.
    """
    text = values.fillna("").astype("str").str.strip()
    iso = pd.to_datetime(text, format="ISO8601", errors="coerce")
    if iso[text != ""].notna().all():
        return iso
    best = iso
    for fmt in ("%m/%d/%y", "%m/%d/%Y", "%d/%m/%y", "%d/%m/%Y", "%d.%m.%Y", "%d.%m.%y"):
        days = pd.to_datetime(text, format=fmt, errors="coerce")
        inside = days.between(span[0], span[1])
        if inside[text != ""].all():
            return days
    return best


def _money(s: pd.Series) -> pd.Series:
    """Money as UA writes it ("A$1,234.50", "US$12", "£0.00"), without the currency mark."""
    if pd.api.types.is_numeric_dtype(s):
        return s
    t = s.astype("str").str.replace(r"^(-?)\s*[A-Z]{0,3}\s?[$€£¥₫]\s?", r"\1", regex=True)
    return t.where(s.notna())


def read(raw: RawExport, found: Found, options: Options):
    """``web_sessions`` rows of a UA Source/Medium (or Channels) export; other reports refused."""
    parts: list[Section] = found.notes["sections"]
    best, not_read = usable(parts)
    if best is None:
        raise _refusal(raw, found, parts)
    first, last = found.notes["range"]
    df, labels = best.frame()
    k = keys(best.columns)
    dims = [i for key, i in k.items() if key in ("source_medium", "source", "medium",
                                                 "channel_group", "campaign", "date")]  # fmt: skip
    for i, col in enumerate(df.columns):
        if i not in dims:
            df[col] = _money(df[col])
    df, labels, attrs = web_rows(
        df,
        labels,
        best.columns,
        start=first,
        end=last,
        source=raw.source,
        day_parser=lambda s: _day_index(s, (first, last)),
    )
    total = attrs.pop("total_sessions", None)
    if total is not None and "sessions" in df.columns:
        shown = parse_numbers(df["sessions"])[0]
        missing = total - float(shown.sum())
        if missing >= 1 and attrs.get("daily") is False:
            attrs["sessions_not_shown"] = int(round(missing))
            warnings.warn(
                _(
                    "{file}: the export shows {rows} rows with {shown} of the report's {total} "
                    "sessions; the other {missing} are not in the file (export again with Show "
                    "rows set to cover every row)"
                ).format(
                    file=raw.source,
                    rows=len(df),
                    shown=i18n.integer(int(shown.sum())),
                    total=i18n.integer(int(total)),
                    missing=i18n.integer(int(round(missing))),
                ),
                DataWarning,
                stacklevel=2,
            )
    attrs.update(
        report=found.notes.get("report"),
        view=found.notes.get("view"),
        not_read=not_read or None,
        section=best.describe(),
    )
    df["brand"] = need_brand(raw, _FORMAT, options, None)
    keep = [*TABLES["web_sessions"].names, "period_start", "period_end", "channel_group"]
    return snake_extras(df, keep), labels, attrs


_FORMAT = ExportFormat("universal_analytics", "Universal Analytics", "web_sessions", detect, read)
FORMATS = [_FORMAT]
