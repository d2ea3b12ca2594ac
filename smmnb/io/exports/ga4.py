"""Google Analytics 4 CSV downloads -> ``web_sessions``.

GA4 writes every CSV download the same way: a preamble of ``#`` lines (report name,
``# Account:``, ``# Property:``, ``# Start date: YYYYMMDD``, ``# End date: YYYYMMDD``), then
one or more *sections*, each a header row and its rows, separated by blank lines and their own
``# Start date``/``# End date`` lines. A standard report (*Traffic acquisition*) or an
Exploration has one section; the *Reports snapshot* and an overview's *Report CSV Export*
(``data-export.csv``) stack a dozen (users by day, users by country, sessions by channel...).
The spellings of each UI language are in ``headers/ga4.yml``.

Which section is read: the one that holds **sessions by traffic source**: a ``Sessions``
column with ``Session source / medium`` (or source and medium apart), or with the session's
channel group. When several do, the most detailed is read (days before period totals, source
and medium before channel groups) and the others are listed in ``attrs["not_read"]``: reading
them too would count the same sessions twice. Sections without sessions by source (users by
day, users by country, pages, events, cohorts) cannot fill ``web_sessions``: a table of visits
by traffic source. A file with no such section is refused with
:class:`~smmnb.errors.ExportNotUsable` naming what it holds and the download to use instead;
so is a stack of summary cards (the *Reports snapshot*) whose only sessions by source are
totals over the period (a card may show only its top rows, and a period total read as a table
would land on one day)
(*Reports > Acquisition > Traffic acquisition*); GA4's *Events* and *Pages and screens* reports
are named as such.

Mapping decisions:

- ``date`` is ``Date`` (``YYYYMMDD``; an Exploration's rows need not be sorted) or ``Nth day``
  counted from the section's start date. Without either, each row holds totals over the
  section's dates: it is dated on the start date and carries ``period_start`` and
  ``period_end``, ``attrs["daily"]`` is False and ``attrs["period"]`` holds the two days.
- ``source`` and ``medium`` come from ``Session source / medium`` (split at `` / ``) or from
  ``Session source`` and ``Session medium``. A section by channel group only knows the group:
  ``Direct`` is ``(direct) / (none)`` as GA4 defines it; any other group is kept as the source
  with medium ``(channel group)``, and GA4's group is in the extra column ``channel_group``.
- ``campaign`` is ``Session campaign`` (GA4's placeholders ``(not set)``, ``(organic)``,
  ``(direct)``, ``(referral)`` become empty); ``landing_page`` is ``Landing page``.
- ``conversions`` are ``Key events`` (the older ``Conversions``); ``revenue`` is
  ``Total revenue``; ``users`` is ``Total users`` (else ``Users``, ``Active users``).
- ``brand`` is the ``# Account:`` name unless ``brand=`` is given; ``attrs["property"]`` is
  the property.
- A ``Totals``/``Grand total`` row, or a row with every dimension empty, is dropped.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from importlib import resources

import numpy as np
import pandas as pd
import yaml

from smmnb.errors import ExportNotUsable, Problem, SchemaError
from smmnb.i18n import N_, _, ngettext
from smmnb.io.exports._base import (
    ExportFormat,
    Found,
    Options,
    RawExport,
    Table,
    file_day,
    need_brand,
    norm,
    snake_extras,
)
from smmnb.schema import TABLES, parse_numbers

__all__ = ["FORMATS", "Section", "sections", "spellings"]

_DIMENSIONS = ("date", "nth_day", "source_medium", "source", "medium", "campaign",
               "channel_group", "landing_page", "event", "page", "day_index")  # fmt: skip
_METRICS = ("sessions", "users", "engaged_sessions", "conversions", "revenue")
TRAFFIC_ACQUISITION = N_(
    "download Reports > Acquisition > Traffic acquisition (Share this report > Download file "
    "> Download CSV) with the dimension Session source / medium, and Date as a secondary "
    "dimension for one row per day"
)


@functools.cache
def spellings() -> dict:
    """The spellings of ``headers/ga4.yml``, normalised.

    ``columns`` (header -> key), ``preamble`` (line key -> key), ``totals``, ``no_campaign``,
    ``direct``.
    """
    text = resources.files("smmnb.io.exports").joinpath("headers", "ga4.yml")
    data = yaml.safe_load(text.read_text(encoding="utf-8"))
    return {
        "columns": {norm(h): k for k, names in data["columns"].items() for h in names},
        "preamble": {norm(h): k for k, names in data["preamble"].items() for h in names},
        "totals": {norm(t) for t in data["totals"]},
        "no_campaign": {norm(t) for t in data["no_campaign"]},
        "direct": {norm(t) for t in data["direct"]},
    }


def keys(row: list[str]) -> dict[str, int]:
    """Keys of a header row (``sessions``, ``source_medium``...) -> first column holding it."""
    columns = spellings()["columns"]
    out: dict[str, int] = {}
    for i, cell in enumerate(row):
        key = columns.get(norm(cell))
        if key is not None and key not in out:
            out[key] = i
    return out


@dataclass
class Section:
    """One header and its rows in a GA4 download, with the ``#`` lines above it.

    ``info`` holds the preamble's keys (``start_date``, ``end_date``, ``account``,
    ``property``), the file's first ones overridden by the section's own; ``title`` is the
    file's report name (``Traffic acquisition: Session source / medium``).
    """

    table: Table
    header: int
    end: int
    info: dict = field(default_factory=dict)
    title: str = ""

    @property
    def columns(self) -> list[str]:
        """The header's cells."""
        return [c.replace("\ufeff", "").strip() for c in self.table.rows[self.header]]

    @property
    def n_rows(self) -> int:
        """How many rows the section has (blank lines end a section)."""
        return self.end - self.header - 1

    def frame(self) -> tuple[pd.DataFrame, list[str]]:
        """The section's rows as a text frame with the file's line numbers."""
        t = self.table
        part = Table(
            t.rows[: self.end], t.name, t.row_word, t.lines[: self.end] if t.lines else None
        )
        return part.frame(self.header)

    def describe(self) -> str:
        """What the section holds, in a few words ("Active users by Nth day (28 rows)")."""
        cols = [c for c in self.columns if c]
        k = keys(cols)
        dims = [cols[i] for key, i in sorted(k.items(), key=lambda x: x[1]) if key in _DIMENSIONS]
        dims = dims or cols[:1]
        metrics = [c for c in cols if c not in dims]
        shown = ", ".join(metrics[:2]) + (" ..." if len(metrics) > 2 else "")
        if metrics:
            what = _("{metrics} by {dimensions}").format(metrics=shown, dimensions=", ".join(dims))
        else:
            what = ", ".join(cols) or _("an empty header")
        n = self.n_rows
        rows = (
            _("no rows") if n == 0 else ngettext("{count} row", "{count} rows", n).format(count=n)
        )
        return f"{what} ({rows})"


def _comment(row: list[str]) -> str | None:
    """The text of a ``#`` line (cells joined back), or None for another row."""
    first = row[0].lstrip("\ufeff").strip() if row else ""
    if not first.startswith("#"):
        return None
    return ",".join(row).rstrip(",").lstrip("\ufeff").strip()[1:].strip()


def _info(comments: list[str]) -> tuple[dict, str]:
    keys_ = spellings()["preamble"]
    info, title = {}, ""
    for text in comments:
        m = re.match(r"^([^:：]{1,60})[:：]\s*(.*)$", text)
        key = keys_.get(norm(m.group(1))) if m else None
        if key is not None:
            info[key] = m.group(2).strip()
        elif text and not set(text) <= set("-= ") and not title:
            title = text
    return info, title


def sections(table: Table) -> list[Section]:
    """Every header and its rows in ``table``, with the ``#`` lines that precede it."""
    rows, out, comments, start = table.rows, [], [], None
    first_info: dict = {}
    title = ""
    i = 0
    while i < len(rows):
        row = rows[i]
        text = _comment(row)
        if text is not None:
            comments.append(text)
            i += 1
            continue
        if not any(c.strip() for c in row):
            i += 1
            continue
        info, own_title = _info(comments)
        if start is None:
            start, first_info, title = i, dict(info), own_title
        j = _section_end(rows, i)
        out.append(Section(table, i, j, {**first_info, **info}, title))
        comments, i = [], j
    return out


def _ga4_day(text: str | None) -> pd.Timestamp | None:
    if not text or not re.fullmatch(r"\d{8}", text.strip()):
        return None
    try:
        return pd.Timestamp(text.strip())
    except ValueError:
        return None


def _detect(raw: RawExport) -> Found | None:
    for table in raw.tables:
        head = table.head(15)
        if not head:
            continue
        if _comment(head[0]) is None:
            found = _without_preamble(table)
            if found is not None:
                return found
            continue
        info, _title = _info([c for c in (_comment(r) for r in head) if c is not None])
        if _ga4_day(info.get("start_date")) is None:
            continue
        found = sections(table)
        if found:
            return Found(table, found[0].header, {"sections": found})
    return None


def _without_preamble(table: Table) -> Found | None:
    """A GA4 table whose ``#`` lines were removed: GA4's session-scoped headers say it."""
    for i, row in enumerate(table.head(5)):
        k = keys(row)
        scoped = any(norm(c).startswith(("session ", "sitzungs")) for c in row)
        by_source = "source_medium" in k or {"source", "medium"} <= set(k) or "channel_group" in k
        if scoped and "sessions" in k and by_source:
            part = Section(table, i, _section_end(table.rows, i))
            return Found(table, i, {"sections": [part]})
    return None


def _section_end(rows: list[list[str]], header: int) -> int:
    j = header + 1
    while j < len(rows) and any(c.strip() for c in rows[j]) and _comment(rows[j]) is None:
        j += 1
    return j


def _rank(section: Section) -> tuple | None:
    """How detailed a section's sessions are (higher is better), None without sessions by source."""
    k = keys(section.columns)
    by_source = "source_medium" in k or {"source", "medium"} <= set(k)
    if "sessions" not in k or not (by_source or "channel_group" in k):
        return None
    daily = "date" in k or "nth_day" in k
    return (daily, by_source, "campaign" in k, "landing_page" in k, section.n_rows)


def usable(found: list[Section]) -> tuple[Section | None, list[str]]:
    """The section to read, and why each other section is not read."""
    ranked = [(r, s) for s in found if (r := _rank(s)) is not None and s.n_rows > 0]
    best = max(ranked, key=lambda rs: rs[0])[1] if ranked else None
    why = []
    for s in found:
        if s is best:
            continue
        if _rank(s) is not None and s.n_rows > 0:
            why.append(f"{s.describe()}: the same sessions as the section read, less detailed")
        else:
            why.append(f"{s.describe()}: {_why_not(s)}")
    return best, why


def _why_not(section: Section) -> str:
    k = keys(section.columns)
    if section.n_rows == 0:
        return "no rows"
    if "sessions" not in k:
        return "no sessions"
    return "sessions without their source, medium or channel group"


def _refusal(raw: RawExport, found: list[Section]) -> ExportNotUsable:
    first = found[0] if found else None
    k = keys(first.columns) if first else {}
    title = (first.title if first else "") or "GA4"
    if len(found) == 1 and "event" in k:
        what = _(
            "this is GA4's Events report ('{title}'): event counts by event name, with no "
            "sessions or traffic sources; it fills no canonical table"
        ).format(title=title)
    elif len(found) == 1 and "page" in k:
        what = _(
            "this is GA4's Pages and screens report ('{title}'): views by page, with no "
            "sessions by traffic source; it fills no canonical table"
        ).format(title=title)
    else:
        full = [s.describe() for s in found if s.n_rows > 0]
        empty = len(found) - len(full)
        listing = "; ".join(full[:6]) + ("; ..." if len(full) > 6 else "")
        if empty:
            blank = ngettext(
                "{count} section with no rows", "{count} sections with no rows", empty
            ).format(count=empty)
            listing += ("; " + _("and {sections}").format(sections=blank)) if full else blank
        what = _(
            "this GA4 download ('{title}') holds {listing}; none of it is sessions by source "
            "and medium or by channel group, which web_sessions needs"
        ).format(title=title, listing=listing)
    hint = _(TRAFFIC_ACQUISITION)
    return ExportNotUsable(raw.source, "web_sessions", [Problem(what, hint=hint)])


def decimal_comma(df: pd.DataFrame) -> bool:
    """Whether the numbers are written with a decimal comma ("0,52", "2,70189")."""
    if df.empty or not len(df.columns):
        return False
    cells = pd.concat([df[c].dropna().astype("str").str.strip() for c in df], ignore_index=True)
    comma = cells.str.fullmatch(r"-?\d+,(?:\d{1,2}|\d{4,})%?").sum()
    point = cells.str.fullmatch(r"-?\d+\.\d+%?").sum()
    return bool(comma > point)


def comma_numbers(s: pd.Series) -> pd.Series:
    """A column written "1.234,56" / "12,5%" as "1234.56" / "0.125" (others unchanged)."""
    t = s.astype("str").str.replace(r"[\s\u00a0]", "", regex=True)
    number = t.str.fullmatch(r"-?\d{1,3}(?:\.\d{3})*(?:,\d+)?%?|-?\d+(?:,\d+)?%?")
    if not number[s.notna()].all():
        return s
    percent = t.str.endswith("%")
    values = pd.to_numeric(
        t.str.rstrip("%").str.replace(".", "", regex=False).str.replace(",", ".", regex=False),
        errors="coerce",
    )
    values = values.where(~percent, values / 100.0)
    return values.map(lambda v: np.nan if pd.isna(v) else repr(float(v))).where(s.notna())


def web_rows(
    df: pd.DataFrame,
    labels: list[str],
    header: list[str],
    *,
    start: pd.Timestamp | None,
    end: pd.Timestamp | None,
    source: str,
    day_parser=None,
) -> tuple[pd.DataFrame, list[str], dict]:
    """A section's text frame in ``web_sessions`` columns (GA4 and Universal Analytics).

    Renames by the keys of ``headers/ga4.yml``, drops total rows, splits source / medium,
    turns channel groups into source and medium, dates the rows (``Date``, ``Nth day``, else
    period totals over ``start``..``end``).
    """
    spell = spellings()
    k = keys(header)
    names, seen = [], set()
    by_position = {i: key for key, i in k.items()}
    for i, col in enumerate(df.columns):
        name = by_position.get(i) or col or f"column {i + 1}"
        while name in seen:
            name += " (2)"
        seen.add(name)
        names.append(name)
    df = df.set_axis(names, axis=1)
    dims = [c for c in df.columns if c in _DIMENSIONS] or [df.columns[0]]
    if len(df) and decimal_comma(df.drop(columns=dims)):
        for col in df.columns:
            if col not in dims:
                df[col] = comma_numbers(df[col])
    first_cells = df[dims].fillna("").astype("str").apply(lambda c: c.map(norm))
    total = first_cells.apply(lambda c: c.isin(spell["totals"])).any(axis=1)
    total |= (first_cells == "").all(axis=1)
    attrs: dict = {}
    if total.any() and "sessions" in df.columns:
        value = parse_numbers(df.loc[total, "sessions"])[0].iloc[-1]
        attrs["total_sessions"] = None if pd.isna(value) else float(value)
    keep = ~total.to_numpy()
    df = df[keep].reset_index(drop=True)
    labels = [lab for lab, kp in zip(labels, keep, strict=True) if kp]
    if "source_medium" in df.columns:
        text = df["source_medium"].fillna("").astype("str")
        # before the first "/" and after it; an empty frame keeps both columns
        df["source"] = text.str.extract(r"^([^/]*)", expand=False).fillna("").str.strip()
        df["medium"] = text.str.extract(r"^[^/]*/(.*)$", expand=False).fillna("").str.strip()
        df = df.drop(columns="source_medium")
    elif "channel_group" in df.columns and not {"source", "medium"} <= set(df.columns):
        group = df["channel_group"].fillna("").astype("str").str.strip()
        direct = group.map(norm).isin(spell["direct"])
        df["source"] = group.where(~direct, "(direct)")
        df["medium"] = pd.Series("(channel group)", index=df.index).where(~direct, "(none)")
        attrs["channel_group_from"] = header[k["channel_group"]]
    if "campaign" in df.columns:
        placeholder = df["campaign"].fillna("").map(norm).isin(spell["no_campaign"] | {""})
        df["campaign"] = df["campaign"].where(~placeholder)
    if "date" in df.columns:
        text = df["date"].fillna("").astype("str").str.strip()
        ymd = text.str.fullmatch(r"\d{8}")
        df["date"] = text.where(~ymd, text.str[:4] + "-" + text.str[4:6] + "-" + text.str[6:])
        if day_parser is not None:
            df["date"] = day_parser(df["date"])
        attrs["daily"] = True
    elif "nth_day" in df.columns and start is not None:
        n = pd.to_numeric(df["nth_day"], errors="coerce")
        df["date"] = (start + pd.to_timedelta(n, unit="D")).where(n.notna())
        df = df.drop(columns="nth_day")
        attrs["daily"] = True
    elif start is not None and end is not None:
        df = df.assign(date=start, period_start=start, period_end=end)
        attrs.update(daily=False, period=(start.date().isoformat(), end.date().isoformat()))
    else:
        raise SchemaError(
            source,
            "web_sessions",
            [Problem("no Date column and no start and end date: the days of the rows are unknown")],
        )
    df = df.drop(columns=["event", "page", "day_index"], errors="ignore")
    return df, labels, attrs


def _summary_cards(raw: RawExport, found: list[Section], best: Section) -> ExportNotUsable:
    """The refusal of a stacked download whose only sessions by source are period totals."""
    title = found[0].title or "GA4"
    cards = sum(s.n_rows > 0 for s in found)
    df, _labels = best.frame()
    k = keys(best.columns)
    label, count = best.columns[min(k.values())], best.columns[k["sessions"]]
    shown = ", ".join(f"{row[label]} {row[count]}" for _i, row in df.head(6).iterrows())
    start, end = best.info.get("start_date"), best.info.get("end_date")
    fields = {"title": title, "cards": cards, "section": best.describe(), "shown": shown}
    if start and end:
        what = _(
            "this GA4 download ('{title}') stacks {cards} summary cards; the one with sessions "
            "by traffic source, {section}, holds totals from {first} to {last} ({shown}), not "
            "sessions per day, and a card may show only its top rows: read as a table, the "
            "whole period would land on one day in every chart"
        ).format(first=file_day(_ga4_day(start)), last=file_day(_ga4_day(end)), **fields)
    else:
        what = _(
            "this GA4 download ('{title}') stacks {cards} summary cards; the one with sessions "
            "by traffic source, {section}, holds totals ({shown}), not sessions per day, and a "
            "card may show only its top rows: read as a table, the whole period would land on "
            "one day in every chart"
        ).format(**fields)
    hint = _(TRAFFIC_ACQUISITION)
    return ExportNotUsable(raw.source, "web_sessions", [Problem(what, hint=hint)])


def _read(raw: RawExport, found: Found, options: Options):
    every = found.notes["sections"]
    best, not_read = usable(every)
    if best is None:
        raise _refusal(raw, every)
    if sum(s.n_rows > 0 for s in every) > 1 and not _rank(best)[0]:
        raise _summary_cards(raw, every, best)
    df, labels = best.frame()
    start, end = _ga4_day(best.info.get("start_date")), _ga4_day(best.info.get("end_date"))
    df, labels, attrs = web_rows(df, labels, best.columns, start=start, end=end, source=raw.source)
    attrs.pop("total_sessions", None)
    if not_read:
        attrs["not_read"] = not_read
    attrs["section"] = best.describe()
    df["brand"] = need_brand(raw, FORMATS[0], options, best.info.get("account"))
    attrs["property"] = best.info.get("property")
    return (
        snake_extras(
            df, [*TABLES["web_sessions"].names, "period_start", "period_end", "channel_group"]
        ),
        labels,
        attrs,
    )


def _detect_ua(raw: RawExport) -> Found | None:
    from smmnb.io.exports import universal_analytics

    return universal_analytics.detect(raw)


def _read_ua(raw: RawExport, found: Found, options: Options):
    from smmnb.io.exports import universal_analytics

    return universal_analytics.read(raw, found, options)


FORMATS = [
    ExportFormat("ga4", "Google Analytics 4", "web_sessions", _detect, _read),
    # Universal Analytics lives in its own module; it is tried here, right after GA4.
    ExportFormat(
        "universal_analytics", "Universal Analytics", "web_sessions", _detect_ua, _read_ua
    ),
]
