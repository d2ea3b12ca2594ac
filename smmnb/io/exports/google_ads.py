"""Google Ads report downloads -> ``ads`` (platform ``google``).

Reads what the Google Ads UI downloads from its Reports, Campaigns, Ad groups and Ads pages:
*CSV (Excel)* (UTF-16LE with BOM, tab-separated), plain CSV (UTF-8) and XLSX. Each has a title
line ("Campaign report") and a report-range line ("27 January 2026 - 23 February 2026",
"March 27, 2026 - April 23, 2026") above the header, Google's spellings (``Impr.``,
``Avg. CPC``, ``Cost / conv.``), quoted thousands (``"6,114"``), percent strings or fractions,
``< 10%`` for shares Google rounds away, `` --`` for a missing value, and ``Total: …`` rows at
the end. The header spellings of each UI language are in ``headers/google_ads.yml``.

Mapping decisions:

- ``Day`` -> date, one row per day. A report without a day column holds totals over its
  report range: each row is dated on the range's first day and carries ``period_start`` and
  ``period_end`` (as :func:`smmnb.read_table` does with ``period=``), ``attrs["daily"]`` is
  False and ``attrs["period"]`` holds the two ISO days. ``Week`` and ``Month`` columns give each
  row its own period. A report downloaded for "All time" has no dates: it is read only for a
  period the caller states (:func:`read_report` with ``period=(first, last)``; ``read_export``
  passes ``Options.period`` the same way once it has one), else refused with that sentence.
  Numbers written with a decimal comma ("1.391,40") are read as such.
- ``Campaign`` -> campaign (required: a report of account totals without campaigns is
  refused); ``Ad group`` (or ``Asset group``) -> ad_set; ``Ad ID``, else ``Ad`` -> ad.
- ``Impr.`` -> impressions; ``Cost`` -> spend; ``Conversions`` -> conversions (Google reports
  fractional conversions, which the ads table allows); ``Conv. value`` -> revenue;
  ``Currency code`` -> currency; ``Campaign type`` -> objective.
- ``Clicks`` -> clicks. An ad report with ``Interactions`` instead of ``Clicks`` gives clicks
  only where the interactions are clicks (``Interaction types`` says only clicks, or the
  campaign is a Search or Shopping campaign); elsewhere clicks are missing, never views or
  engagements passed off as clicks. ``Interactions`` is kept as an extra column.
- Rows split by an additive breakdown (device, network, keyword, hour) are summed per ad and
  day; ``attrs["summed_over"]`` names the breakdown. (A click-type breakdown is not additive:
  Google repeats the impressions on each click type.)
- An asset report (sitelinks, callouts, images), with or without campaigns, is refused: Google
  counts an ad impression, click and cost once for every asset shown with it, so asset rows
  cannot be added up (Google Ads Help, "About asset-level metrics").
- ``CTR``, ``Avg. CPC`` and the rest are kept as extra columns (``platform_ctr``...). Google Ads
  also buys YouTube ads; they are platform ``google``.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from importlib import resources

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
    need_brand,
    norm,
    open_export,
    snake_extras,
)
from smmnb.io.exports.ga4 import comma_numbers
from smmnb.schema import TABLES, parse_numbers, validate

__all__ = ["FORMATS", "PeriodOptions", "parse_range", "read_report"]

_NUMERIC = ("impressions", "clicks", "spend", "conversions", "revenue", "interactions")
_KEY = ("date", "campaign", "ad_set", "ad")


@functools.cache
def _spellings() -> dict:
    text = resources.files("smmnb.io.exports").joinpath("headers", "google_ads.yml")
    data = yaml.safe_load(text.read_text(encoding="utf-8"))
    columns = {norm(h): key for key, names in data["columns"].items() for h in names}
    months = {}
    for number, names in enumerate(data["months"], start=1):
        for name in names:
            months.setdefault(str(name).lower().rstrip("."), number)
    return {
        "columns": columns,
        "markers": {norm(m) for m in data["markers"]},
        "assets": {norm(a) for a in data["asset_columns"]},
        "additive": {norm(a) for a in data["additive_breakdowns"]},
        "totals": tuple(norm(t) for t in data["total_prefixes"]),
        "missing": {str(m).strip() for m in data["missing"]},
        "all_time": {norm(a) for a in data["all_time"]},
        "months": months,
        "clicks": {h for h, key in columns.items() if key == "clicks"},
    }


def _keys(row: list[str]) -> dict[str, int]:
    """Reader keys of a header row -> column position (the first header of each key wins)."""
    columns = _spellings()["columns"]
    out: dict[str, int] = {}
    for i, cell in enumerate(row):
        key = columns.get(norm(cell))
        if key is not None and key not in out:
            out[key] = i
    return out


def _detect(raw: RawExport) -> Found | None:
    spell = _spellings()
    for table in raw.tables:
        for i, row in enumerate(table.head()):
            cells = {norm(c) for c in row if c.strip()}
            if len(cells) < 3 or not cells & spell["markers"]:
                continue
            keys = _keys(row)
            has_metric = "impressions" in keys or "spend" in keys
            has_unit = "campaign" in keys or "ad_set" in keys or bool(cells & spell["assets"])
            if has_metric and (has_unit or "date" in keys or "interactions" in keys):
                return Found(table, i, {"range": _range_line(table.rows[:i])})
    return None


def _range_line(rows: list[list[str]]) -> str | None:
    """The report-range line above the header ("27 January 2026 - 23 February 2026")."""
    spell = _spellings()
    for row in rows:
        text = " ".join(c for c in row if c.strip()).strip().strip('"').strip()
        if not text or text.startswith("#"):
            continue
        if norm(text) in spell["all_time"] or parse_range(text) is not None:
            return text
    return None


# ---- dates of the report-range line --------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+\.?|\d+", re.UNICODE)


def _day(text: str) -> tuple[int | None, int | None, int | None] | None:
    """(year, month, day) of one end of a range, year None when it is not written."""
    t = text.strip().strip('"').strip().lower()
    patterns = [
        (r"(\d{4})-(\d{1,2})-(\d{1,2})", "ymd"),
        (r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日", "ymd"),
        (r"(\d{4})\.\s*(\d{1,2})\.\s*(\d{1,2})\.?", "ymd"),
        (r"(\d{1,2})\s*(?:thg|tháng)\s*(\d{1,2}),?\s*(\d{4})?", "dmy"),
        (r"(\d{1,2})\.(\d{1,2})\.(\d{4})", "dmy"),
    ]
    for pattern, order in patterns:
        m = re.fullmatch(pattern, t)
        if m:
            parts = dict(zip(order, m.groups(), strict=True))
            year = int(parts["y"]) if parts["y"] else None
            return year, int(parts["m"]), int(parts["d"])
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", t)
    if m:
        a, b, year = (int(g) for g in m.groups())
        if a > 12 >= b:
            return year, b, a
        if b > 12 >= a:
            return year, a, b
        return None  # 03/04/2026: day and month cannot be told apart
    months = _spellings()["months"]
    month = day = year = None
    for token in _WORD.findall(t):
        if token.isdigit():
            if len(token) == 4 and year is None:
                year = int(token)
            elif len(token) <= 2 and day is None:
                day = int(token)
            else:
                return None
        elif token.rstrip(".") in months and month is None:
            month = months[token.rstrip(".")]
        elif token.rstrip(".") in {"de", "del", "of"}:
            continue
        else:
            return None
    if month is None or day is None:
        return None
    return year, month, day


def parse_range(text: str) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The first and last day of a Google Ads report-range line, or None.

    Reads day-first and month-first ranges with month names in the languages of
    ``headers/google_ads.yml`` ("27 January 2026 - 23 February 2026", "March 27, 2026 - April
    23, 2026", "1. März 2026 - 31. März 2026", "Jan 27 - Feb 23, 2026"), ISO, dotted day-first
    and one-day ranges. A numeric range whose day and month cannot be told apart is None.

    Examples
    --------
    >>> parse_range("27 January 2026 - 23 February 2026")
    (Timestamp('2026-01-27 00:00:00'), Timestamp('2026-02-23 00:00:00'))
    """
    if not isinstance(text, str) or len(text) > 200:
        return None
    halves = re.split(r"\s+[-–—~～]\s+|\s*[–—~～]\s*", text.strip().strip('"').strip())
    if len(halves) > 2:
        return None
    days = [_day(h) for h in halves]
    if any(d is None for d in days):
        return None
    if len(days) == 1:
        days = days * 2
    (y1, m1, d1), (y2, m2, d2) = days
    if y2 is None:
        return None
    if y1 is None:  # "Jan 27 - Feb 23, 2026": the first day takes the last day's year
        y1 = y2 if (m1, d1) <= (m2, d2) else y2 - 1
    try:
        first, last = pd.Timestamp(y1, m1, d1), pd.Timestamp(y2, m2, d2)
    except (ValueError, OverflowError):
        return None
    return (first, last) if first <= last else None


# ---- reading -------------------------------------------------------------------------------


def _refuse(raw: RawExport, message: str, hint: str):
    raise ExportNotUsable(raw.source, "ads", [Problem(message, hint=hint)])


def _column_names(header: list[str], width: int) -> list[str]:
    """The frame's column names: reader keys where the header means one, else the header.

    The first header of each key takes it (``Ad ID`` rather than ``Ad`` for ``ad``); a name
    that is already taken gets a number, so that no column is lost.
    """
    positions = _keys(header)
    if "ad_id" in positions:
        positions["ad"] = positions.pop("ad_id")
    by_position = {i: key for key, i in positions.items()}
    names, seen = [], set()
    for i in range(width):
        name = by_position.get(i) or (
            header[i].replace("\ufeff", "").strip() if i < len(header) else ""
        )
        name = name or f"column {i + 1}"
        base, n = name, 2
        while name in seen:
            name, n = f"{base} ({n})", n + 1
        seen.add(name)
        names.append(name)
    return names


def _drop_totals(df: pd.DataFrame, labels: list[str]) -> tuple[pd.DataFrame, list[str]]:
    """Drop ``Total: …`` rows (the label is in the first or second column)."""
    prefixes = _spellings()["totals"]
    keep = np.ones(len(df), dtype=bool)
    for col in df.columns[:2]:
        cell = df[col].fillna("").astype("str").map(norm)
        keep &= ~cell.map(lambda c: c.startswith(prefixes)).to_numpy(dtype=bool)
    return df[keep].reset_index(drop=True), [lab for lab, k in zip(labels, keep, strict=True) if k]


def _decimal_comma(df: pd.DataFrame) -> bool:
    """Whether money is written with a decimal comma ("12,50", "1.234,56")."""
    parts = [df[c].dropna().astype("str").str.strip() for c in ("spend", "revenue") if c in df]
    cells = pd.concat(parts, ignore_index=True) if parts else pd.Series(dtype="str")
    if cells.empty:
        return False
    comma = cells.str.fullmatch(r"-?[\d.\s\u00a0]*\d,\d{1,2}").sum()
    point = cells.str.fullmatch(r"-?[\d,\s\u00a0]*\d\.\d{1,2}").sum()
    return bool(comma > point)


def _period_of(value: object) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Two dates a caller gave as ``period=``, checked."""
    if isinstance(value, str) or not hasattr(value, "__len__") or len(value) != 2:
        raise ValueError(f"period= must be two dates, first and last day: got {value!r}")
    try:
        first, last = (pd.Timestamp(v).normalize().tz_localize(None) for v in value)
    except (ValueError, TypeError, OverflowError):
        raise ValueError(
            f"period= must be two dates such as ('2026-09-01', '2026-09-30'): got {value!r}"
        ) from None
    if first > last:
        raise ValueError(f"period= starts on {first.date()}, after its end {last.date()}")
    return first, last


def _row_periods(values: pd.Series, kind: str) -> tuple[pd.Series, pd.Series]:
    """First and last day of each ``Week`` (starting that day) or ``Month`` cell."""
    text = values.fillna("").astype("str").str.strip()
    starts = []
    for cell in text:
        day = pd.NaT
        if re.fullmatch(r"\d{4}-\d{2}(-\d{2})?(T[\d:]+)?", cell):
            day = pd.Timestamp(cell if len(cell) > 7 else cell + "-01")
        elif cell:
            parsed = _day(cell) or _day("1 " + cell)  # "Jan 26, 2026"; "January 2026"
            if parsed is not None and parsed[0] is not None:
                try:
                    day = pd.Timestamp(*parsed)
                except ValueError:
                    day = pd.NaT
        starts.append(day)
    first = pd.Series(pd.to_datetime(starts), index=values.index)
    if kind == "week":
        last = first + pd.Timedelta(days=6)
    else:
        first = first.dt.to_period("M").dt.start_time
        last = first + pd.offsets.MonthEnd(0)
    return first, last


def _sum_breakdowns(df: pd.DataFrame, breakdowns: list[str], extra_key: list[str]):
    """Rows that split an ad's day by an additive breakdown, summed per ad and day."""
    key = [c for c in (*_KEY, *extra_key) if c in df.columns]
    numeric = [c for c in _NUMERIC if c in df.columns]
    df = df.assign(**{c: parse_numbers(df[c])[0] for c in numeric})
    grouped = df.groupby(key, dropna=False, sort=False)
    out = grouped[numeric].sum(min_count=1) if numeric else grouped.size().to_frame("n")[[]]
    for col in df.columns:
        if col in key or col in numeric or col in breakdowns or col == "_label":
            continue
        if (grouped[col].nunique(dropna=False) <= 1).all():
            out[col] = grouped[col].first()
    labels = grouped["_label"].agg(
        lambda s: ", ".join(s) if len(s) < 4 else f"{s.iloc[0]} and others"
    )
    return out.reset_index(), labels.tolist()


def _read(raw: RawExport, found: Found, options: Options):
    spell = _spellings()
    table = found.table
    header = table.rows[found.header]
    df, labels = table.frame(found.header)
    cells = {norm(c) for c in header}
    if cells & spell["assets"]:
        _refuse(
            raw,
            _(
                "this is a Google Ads asset report (sitelinks, callouts, images): Google counts "
                "an ad's impression, click and cost once for every asset shown with it, so its "
                "rows cannot be added up as the campaigns' spend, impressions and clicks"
            ),
            _(
                "for ads download the Campaign report or the Ads report (with the Day column) "
                "instead"
            ),
        )
    df.columns = _column_names(header, len(df.columns))
    df, labels = _drop_totals(df, labels)
    missing = spell["missing"]
    df = df.apply(lambda col: col.where(~col.fillna("").astype("str").str.strip().isin(missing)))
    attrs: dict = {"report_range": found.notes.get("range")}
    if "campaign" not in df.columns:
        _refuse(
            raw,
            _(
                "this Google Ads report has no Campaign column: its rows are the account's "
                "totals, and the ads table needs one row per campaign"
            ),
            _(
                "add the Campaign column to the report (or download the Campaign report) and "
                "download it again"
            ),
        )
    breakdowns = [c for c in df.columns if norm(c) in spell["additive"]]

    # money and counts written with a decimal comma ("1.234,56") in some UI languages
    if _decimal_comma(df):
        for col in df.columns:
            if col not in ("date", "week", "month", "campaign", "ad_set", "ad", "currency"):
                df[col] = comma_numbers(df[col])

    # clicks: an ad report may give Interactions (clicks, views, engagements) instead
    if "clicks" not in df.columns and "interactions" in df.columns:
        df["clicks"] = df["interactions"].where(_click_rows(df))
        attrs["clicks_from"] = "Interactions, where they are clicks"
    df = df.drop(columns=["interaction_types"], errors="ignore")

    extra_key: list[str] = []
    if "date" in df.columns:
        attrs["daily"] = True
        df = df.drop(columns=[c for c in ("week", "month") if c in df.columns])
    elif "week" in df.columns or "month" in df.columns:
        kind = "week" if "week" in df.columns else "month"
        first, last = _row_periods(df[kind], kind)
        span = parse_range(found.notes.get("range") or "")
        if span is not None:  # a week or month cut by the report range covers only its days
            first, last = first.clip(lower=span[0]), last.clip(upper=span[1])
        df = df.drop(columns=[kind]).assign(date=first, period_start=first, period_end=last)
        attrs["daily"] = False
        extra_key = ["period_end"]
    else:
        first, last = _report_period(raw, found, options)
        df = df.assign(date=first, period_start=first, period_end=last)
        attrs.update(daily=False, period=(first.date().isoformat(), last.date().isoformat()))
    if breakdowns and len(df):
        key = [c for c in (*_KEY, *extra_key) if c in df.columns]
        numbers_only = all(not parse_numbers(df[c])[1].any() for c in _NUMERIC if c in df)
        if numbers_only and df.duplicated(key, keep=False).any():
            df, labels = _sum_breakdowns(df.assign(_label=labels), breakdowns, extra_key)
            attrs["summed_over"] = breakdowns
    account = None
    if "account" in df.columns and df["account"].notna().any():
        account = str(df["account"].dropna().iloc[0])
    df["brand"] = need_brand(raw, FORMATS[0], options, account)
    df["platform"] = "google"
    keep = [*TABLES["ads"].names, "period_start", "period_end"]
    return snake_extras(df, keep), labels, attrs


def _click_rows(df: pd.DataFrame) -> pd.Series:
    """Rows whose interactions are all clicks (by Interaction types, else campaign type)."""
    clicks = _spellings()["clicks"]
    if "interaction_types" in df.columns:
        kinds = df["interaction_types"].fillna("").astype("str")
        return kinds.map(
            lambda t: bool(t.strip()) and all(norm(k) in clicks for k in re.split(r"[,;]", t))
        )
    if "objective" in df.columns:
        kind = df["objective"].fillna("").astype("str").map(norm)
        return kind.str.contains(
            r"search|shopping|such|recherche|búsqueda|pesquisa|ricerca|tìm kiếm"
        )
    return pd.Series(False, index=df.index)


def _report_period(raw: RawExport, found: Found, options: Options):
    """The period a report without a day column covers: its range line, or ``period=``."""
    stated = getattr(options, "period", None)
    if stated is not None:
        return _period_of(stated)
    text = found.notes.get("range")
    span = parse_range(text) if text else None
    if span is not None:
        return span
    if text and norm(text) in _spellings()["all_time"]:
        _refuse(
            raw,
            _(
                "this Google Ads report covers '{range}', which has no dates: its numbers cannot "
                "be placed in time"
            ).format(range=text),
            _(
                "read it for the period it covers, smmnb.io.exports.google_ads.read_report(path, "
                "period=(first day, last day)), or download it again for a date range"
            ),
        )
    _refuse(
        raw,
        _(
            "this Google Ads report has no Day column and no report-range line above its header, "
            "so the days its totals cover are unknown"
        ),
        _(
            "add the Day column (Segments > Time > Day), or read it with "
            "smmnb.io.exports.google_ads.read_report(path, period=(first day, last day))"
        ),
    )


FORMATS = [ExportFormat("google_ads", "Google Ads", "ads", _detect, _read)]


@dataclass(frozen=True)
class PeriodOptions(Options):
    """:class:`Options` with the period a report without dates covers, as the caller states it."""

    period: tuple | None = None


def read_report(
    path: str | os.PathLike,
    *,
    period: tuple | None = None,
    brand: str | None = None,
    timezone: str | None = None,
) -> pd.DataFrame:
    """Read a Google Ads report, for the period it covers when the file does not say.

    Parameters
    ----------
    path : str or path-like
        A Google Ads report download (CSV, CSV (Excel) or XLSX).
    period : tuple of two dates, optional
        ``("2025-01-01", "2026-08-31")``, both days included: the days a report without a Day
        column covers, when its range line does not say ("All time"). It wins over the range
        line; with a Day column it is not used.
    brand, timezone
        As for :func:`smmnb.read_export`.

    Returns
    -------
    pandas.DataFrame
        A validated ``ads`` table; rows of a report without days carry ``period_start`` and
        ``period_end``.

    Raises
    ------
    SchemaError
        If the file is not a Google Ads report, or its values do not fit the table.
    ValueError
        If ``period`` is not two dates in order.
    """
    raw = open_export(path)
    fmt = FORMATS[0]
    found = fmt.detect(raw)
    if found is None:
        raise SchemaError(raw.source, "ads", [Problem("not a Google Ads report download")])
    if period is not None:
        _period_of(period)  # wrong arguments are the caller's, said before the file is read
    df, labels, attrs = fmt.read(
        raw, found, PeriodOptions(brand=brand, timezone=timezone, period=period)
    )
    table = validate(df, "ads", source=raw.source, timezone=timezone, row_labels=labels)
    table.attrs.update({k: v for k, v in attrs.items() if v is not None})
    table.attrs.update({"table": "ads", "source": fmt.name, "file": raw.source})
    return table
