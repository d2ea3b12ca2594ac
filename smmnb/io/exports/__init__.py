"""Platform export files -> canonical tables: :func:`read_export` and :func:`detect_export`.

One module per platform export. Each file is recognised from its content (headers, preamble,
sheet names), not from its name, and read into a validated canonical table with
``df.attrs["table"]``, ``df.attrs["source"]`` (the format's name) and ``df.attrs["file"]``.

No file can crash the registry: every sniffer is called through a wrapper that takes an
exception for "not this format", and a reader's unexpected exception becomes a SchemaError
naming the file, the format recognised and what failed.
"""

from __future__ import annotations

import importlib
import os

import pandas as pd

from smmnb.errors import ExportNotUsable, Problem, SchemaError
from smmnb.io.exports import canonical
from smmnb.io.exports._base import ExportFormat, Found, Options, RawExport, Table, open_export
from smmnb.schema import TABLES, validate

__all__ = [
    "EXPORT_MODULES",
    "FORMATS",
    "detect_export",
    "export_modules",
    "read_export",
    "read_exports",
]


EXPORT_MODULES = (
    "meta_ads",
    "meta_content",
    "tiktok",
    "youtube",
    "x",
    "linkedin",
    "ga4",
    "google_ads",
    "search_console",  # last: its Discover daily table has no column of its own
)
"""The export modules, one per platform, in the order their formats are tried."""


def export_modules() -> list:
    """The export modules that are present, imported."""
    modules = []
    for name in EXPORT_MODULES:
        try:
            modules.append(importlib.import_module(f"smmnb.io.exports.{name}"))
        except ModuleNotFoundError as exc:
            if exc.name != f"smmnb.io.exports.{name}":
                raise
    return modules


def _formats() -> list[ExportFormat]:
    formats = [fmt for module in export_modules() for fmt in module.FORMATS]
    return [*formats, canonical.FORMAT]  # canonical last: exports are more specific


FORMATS: list[ExportFormat] = _formats()
"""Every supported format, in the order they are tried."""


def _detect(fmt: ExportFormat, raw: RawExport) -> Found | None:
    """``fmt.detect(raw)``; an exception, or an answer that is not a :class:`Found`, means no.

    Every sniffer runs on every file: one that throws must not break every other format.
    """
    try:
        found = fmt.detect(raw)
    except MemoryError:
        raise
    except Exception:  # noqa: BLE001 - a sniffer that cannot decide says no
        return None
    if not isinstance(found, Found) or not isinstance(found.table, Table):
        return None
    return found


def _sniff(raw: RawExport) -> tuple[ExportFormat, Found]:
    for fmt in FORMATS:
        found = _detect(fmt, raw)
        if found is not None:
            return fmt, found
    seen = []
    for table in raw.tables:
        first = next((row for row in table.head() if any(c.strip() for c in row)), [])
        kind = "file" if raw.encoding == "zip" else "sheet"
        where = f"{kind} '{table.name}'" if table.name else "first row"
        seen.append(f"{where}: {', '.join(c for c in first if c)[:300]}")
    raise SchemaError(
        raw.source,
        None,
        [
            Problem(
                "not a format smmnb recognises",
                hint="tried " + ", ".join(f.title for f in FORMATS) + "; found " + "; ".join(seen),
            )
        ],
    )


def detect_export(path: str | os.PathLike) -> tuple[str, str]:
    """Recognise a file's format from its content.

    Returns
    -------
    tuple of str
        ``(format name, canonical table)``, for example ``("meta_ads", "ads")``.

    Raises
    ------
    SchemaError
        If no format matches; the message lists the formats tried and the headers found.
    """
    fmt, found = _sniff(open_export(path))
    return fmt.name, _table(fmt, found)


def read_export(
    path: str | os.PathLike,
    *,
    brand: str | None = None,
    timezone: str | None = None,
    as_of: str | pd.Timestamp | None = None,
    period: tuple | None = None,
) -> pd.DataFrame:
    """Read a platform's export file into a validated canonical table.

    Parameters
    ----------
    path : str or path-like
        The file as the platform wrote it (CSV or Excel; a Search Console download also as
        the zip of CSV files it comes in).
    brand : str, optional
        Fills the brand column; default: the account or page name in the file, where it has
        one (otherwise a SchemaError asks for ``brand=``).
    timezone : str, optional
        Time zone of naive timestamps in the file; None means UTC.
    as_of : str or Timestamp, optional
        The day the export was taken, for dates written without a year (TikTok Studio) and
        for a Search Console download's relative period ("Last 3 months") when neither its
        daily table nor its file name says the days.
    period : tuple of two dates, optional
        ``("2026-01-01", "2026-03-31")``, both days included: the period of a Search Console
        table that nothing in the download dates (see :mod:`smmnb.io.exports.search_console`).

    Returns
    -------
    pandas.DataFrame
        A canonical table (see :func:`smmnb.validate`); ``attrs`` holds ``table``,
        ``source`` (the format), ``file`` and the format's mapping notes (for example
        ``conversions_from``).

    Raises
    ------
    ExportNotUsable
        For a recognised export that holds nothing for the tables (a SchemaError whose
        sentence says which download to use instead).
    SchemaError
        For an unknown format (listing the formats tried and the headers found), a file that
        cannot be opened, a missing brand, or values that do not fit the table; it names the
        file and what it was recognised as. Nothing else comes out of reading any file: a
        reader's unexpected failure is a SchemaError too (saying it is a defect).
    ValueError
        For an ``as_of`` that is not a date, or a ``period`` that is not two days in order.

    Examples
    --------
    >>> ads = smm.read_export("Lumi-Ads-Sep-1-2026-Sep-30-2026.csv")  # doctest: +SKIP
    >>> ads.attrs["source"], ads.attrs["conversions_from"]  # doctest: +SKIP
    ('meta_ads', 'Purchases')
    """
    options = Options(brand, timezone, _anchor(as_of), _period(period))
    raw = open_export(path)
    fmt, found = _sniff(raw)
    return _read(raw, fmt, found, options)


def read_exports(
    path: str | os.PathLike,
    *,
    brand: str | None = None,
    timezone: str | None = None,
    as_of: str | pd.Timestamp | None = None,
    period: tuple | None = None,
) -> list[pd.DataFrame]:
    """Every canonical table a platform's export file fills, the first as :func:`read_export`.

    A workbook may hold several exports, one per sheet (LinkedIn's content export: the page's
    daily figures on its first sheet, ``Metrics``, which :func:`read_export` gives, and posts
    on ``All posts``): each sheet another format of the same platform recognises is read too,
    into its own table. A Search Console download (its zip or workbook) gives its daily table
    (``search_daily``) and every other table in one ``search_terms`` frame. A file with one
    table gives a list of one. The parameters, and the errors of the first table, are those of
    :func:`read_export`; a further sheet that cannot be read is left out.
    """
    options = Options(brand, timezone, _anchor(as_of), _period(period))
    raw = open_export(path)
    fmt, found = _sniff(raw)
    frames = [_read(raw, fmt, found, options)]
    if len(raw.tables) < 2:
        return frames
    sheets = {found.table.name}
    tables = {frames[0].attrs["table"]}
    module = fmt.name.split("_")[0]
    for other in FORMATS:
        if other is fmt or other.name.split("_")[0] != module:
            continue
        more = _detect(other, raw)
        if more is None or more.table.name in sheets:
            continue
        try:
            frame = _read(raw, other, more, options)
        except SchemaError:
            continue
        if frame.attrs["table"] in tables:
            continue
        sheets.add(more.table.name)
        tables.add(frame.attrs["table"])
        frames.append(frame)
    return frames


def _read(raw: RawExport, fmt: ExportFormat, found: Found, options: Options) -> pd.DataFrame:
    """``fmt``'s reading of a file it detected, validated; only SchemaErrors come out."""
    name = _table(fmt, found)
    step = "reading it"
    try:
        df, labels, attrs = fmt.read(raw, found, options)
        attrs = dict(attrs or {})
        dayfirst = attrs.pop("dayfirst", None)
        name = attrs.pop("table", None) or getattr(df, "attrs", {}).get("table") or name
        step = f"checking it as table '{name}'"
        table = validate(
            df,
            name,
            source=raw.source,
            timezone=options.timezone,
            dayfirst=dayfirst,
            row_labels=labels,
        )
        table.attrs.update({k: v for k, v in attrs.items() if v is not None})
        table.attrs.update({"table": name, "source": fmt.name, "file": raw.source})
    except ExportNotUsable:  # its sentence names the export already
        raise
    except SchemaError as err:
        raise _recognised(err, raw, fmt, name) from None
    except (Warning, MemoryError):  # a warning raised as an error stays one
        raise
    except Exception as exc:  # noqa: BLE001 - a reader's defect must not escape as a crash
        raise _failed(raw, fmt, name, step, exc) from None
    return table


def _recognised(err: SchemaError, raw: RawExport, fmt: ExportFormat, table: str) -> SchemaError:
    """``err`` saying what the file was recognised as: ``file (read as Google Ads)``.

    ``recognised`` holds ``(format title, table)`` for callers that describe files
    (``smmnb validate``).
    """
    if err.source == raw.source:
        err = type(err)(f"{raw.source} (read as {fmt.title})", err.table, list(err.problems))
    err.recognised = (fmt.title, err.table or table)
    return err


def _table(fmt: ExportFormat, found: Found) -> str:
    """The table a detected file fills: the sniffer's note, else the format's."""
    notes = found.notes if isinstance(found.notes, dict) else {}
    return str(notes.get("table") or fmt.table)


def _anchor(as_of: str | pd.Timestamp | None) -> pd.Timestamp | None:
    """``as_of`` as a day; ValueError when it is none."""
    if as_of is None or (isinstance(as_of, str) and not as_of.strip()):
        return None
    try:
        day = pd.Timestamp(as_of)
    except (ValueError, TypeError, OverflowError):
        day = pd.NaT
    if day is pd.NaT:
        raise ValueError(f"as_of= must be a date such as '2026-02-28': got {as_of!r}")
    return day


def _period(period: tuple | None) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """``period=`` as two days in order; ValueError when it is not."""
    if period is None:
        return None
    wrong = ValueError(
        f"period= must be two dates, first and last day, such as ('2026-01-01', "
        f"'2026-03-31'): got {period!r}"
    )
    if isinstance(period, str) or not hasattr(period, "__len__") or len(period) != 2:
        raise wrong
    days = []
    for value in period:
        try:
            day = pd.Timestamp(value)
        except (ValueError, TypeError, OverflowError):
            raise wrong from None
        if day is pd.NaT:
            raise wrong
        if day.tzinfo is not None:
            day = day.tz_localize(None)
        if day != day.normalize():
            raise wrong
        days.append(day)
    if days[0] > days[1]:
        raise ValueError(f"period= starts on {days[0].date()}, after its end {days[1].date()}")
    return days[0], days[1]


def _failed(raw: RawExport, fmt: ExportFormat, table: str, step: str, exc: Exception):
    """The SchemaError for an unexpected failure of a recognised format's reader."""
    detail = f"{type(exc).__name__}: {exc}".strip()
    if len(detail) > 200:
        detail = detail[:199] + "…"
    return SchemaError(
        raw.source,
        table if table in TABLES else None,
        [
            Problem(
                f"recognised as a {fmt.title} export, but {step} failed ({detail})",
                hint="this is a defect of smmnb: please report it with the file's first lines",
            )
        ],
    )
