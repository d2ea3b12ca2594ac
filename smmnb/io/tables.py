"""Read files into canonical tables: :func:`read_table` and :func:`load_workspace`.

Supported file formats: CSV (UTF-8 with or without BOM, or UTF-16; the delimiter is sniffed
among ``, ; tab |``), Excel ``.xlsx``, Parquet and JSON lines. Every file goes through
:func:`smmnb.schema.validate`, so errors name the file, the column and the line (CSV, JSON
lines) or spreadsheet row (Excel) where the problem is.
"""

from __future__ import annotations

import csv
import datetime
import difflib
import io
import os
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq
from babel.numbers import format_decimal

from smmnb import i18n
from smmnb.errors import ExportNotUsable, Problem, SchemaError
from smmnb.i18n import _
from smmnb.io import cache as _cache
from smmnb.io.files import decode_text
from smmnb.io.settings import DEFAULT_CURRENCY, DEFAULT_TIMEZONE, Settings, read_settings
from smmnb.schema import (
    TABLES,
    DataWarning,
    RowLabels,
    collect_data_warnings,
    empty_table,
    norm_name,
    parse_value,
    validate,
)
from smmnb.workspace import Workspace

__all__ = [
    "FILE_SUFFIXES",
    "PERIOD_COLUMNS",
    "PERIOD_TABLES",
    "append_rows",
    "convert_money",
    "load_workspace",
    "read_table",
]

FILE_SUFFIXES = (".parquet", ".csv", ".xlsx", ".jsonl")
"""Suffixes :func:`load_workspace` looks for, in order of preference."""

_CSV_SUFFIXES = {".csv", ".tsv", ".txt"}
_EXCEL_SUFFIXES = {".xlsx", ".xlsm"}
_PARQUET_SUFFIXES = {".parquet", ".pq"}
_JSON_SUFFIXES = {".jsonl", ".ndjson", ".json"}


def _read_csv(path: Path, source: str) -> tuple[pd.DataFrame | pa.Table, RowLabels]:
    raw = path.read_bytes()
    # A UTF-8 file is decoded by Arrow as it reads (which checks it is UTF-8); Python decodes
    # only its first lines here, for the delimiter, and the whole of any other file.
    start = _utf8_start(raw)
    text = None
    if start is None:
        text, encoding = decode_text(raw, source)
        if not text or text.isspace():
            raise SchemaError(source, None, [Problem("the file is empty: no header, no rows")])
        head = "\n".join(_first_lines(text, 20))
        body, bom = (text.encode("utf-8"), 0) if encoding != "utf-8" else (raw, 0)
    else:
        head, bom = start
        body = raw
    try:
        delimiter = csv.Sniffer().sniff(head, delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = ","
    # Line numbers as a text editor shows them: the header is line 1. Quoted fields that span
    # lines shift later rows; such files are rare among exports.
    df = _read_csv_arrow(body, bom, head, delimiter)
    if df is not None:
        return df, RowLabels("line", 2, df.num_rows)
    # a file Arrow reads otherwise than pandas would, or not at all
    if text is None:
        text = decode_text(raw, source)[0]
    try:
        df = pd.read_csv(
            io.StringIO(text),
            sep=delimiter,
            dtype=str,
            keep_default_na=False,
            na_values=[""],
            skip_blank_lines=True,
        )
    except (pd.errors.ParserError, ValueError) as exc:
        raise SchemaError(source, None, [Problem(f"cannot read as CSV: {exc}")]) from None
    return df, RowLabels("line", 2, len(df))


_HEAD_LINES = 20  # lines the delimiter is sniffed from


def _utf8_start(raw: bytes) -> tuple[str, int] | None:
    """The first lines of a file that looks like UTF-8 text, and the length of its BOM.

    None for anything :func:`smmnb.io.files.decode_text` must look at whole: a UTF-16 BOM, a
    NUL byte, first lines that are not UTF-8, a file of blanks.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in raw:
        return None
    bom = 3 if raw.startswith(b"\xef\xbb\xbf") else 0
    size = 1 << 16
    while True:
        chunk = raw[bom : bom + size]
        whole = bom + size >= len(raw)
        if not whole:
            chunk = chunk[: chunk.rfind(b"\n") + 1]  # whole lines only
        try:
            text = chunk.decode("utf-8")
        except UnicodeDecodeError:
            return None
        lines = text.splitlines()
        if len(lines) > _HEAD_LINES or whole:
            break
        size *= 4
    if not text or text.isspace():
        return None
    return "\n".join(lines[:_HEAD_LINES]), bom


def _first_lines(text: str, count: int) -> list[str]:
    """``text.splitlines()[:count]`` without splitting the whole text."""
    size = 1 << 16
    while True:
        lines = text[:size].splitlines()
        if len(lines) > count or size >= len(text):
            return lines[:count]
        size *= 4


def _read_csv_arrow(body: bytes, start: int, head: str, delimiter: str) -> pa.Table | None:
    """The CSV in ``body[start:]`` read by Arrow as pandas would read it.

    Every column is text, and only empty cells are missing. None when Arrow cannot be trusted
    to read it so (an odd header, a ragged row, one column, a quoted field that may run to the
    end of the file, which pandas refuses): pandas reads it then, and says what is wrong.
    """
    if body.count(b'"', start) % 2:
        return None  # a quote never closed, or quotes within unquoted cells
    try:
        names = next(csv.reader(io.StringIO(head), delimiter=delimiter))
    except (csv.Error, StopIteration):
        return None
    if len(names) < 2 or len(set(names)) != len(names) or not all(names):
        return None  # pandas renames such headers ("Unnamed: 2", "a.1")
    try:
        table = pa_csv.read_csv(
            pa.BufferReader(pa.py_buffer(body)[start:]),
            parse_options=pa_csv.ParseOptions(delimiter=delimiter, newlines_in_values=True),
            convert_options=pa_csv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                null_values=[""],
                strings_can_be_null=True,
                quoted_strings_can_be_null=True,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, OSError):
        return None
    if table.column_names != names or not all(t == pa.string() for t in table.schema.types):
        return None
    last = table.column(table.num_columns - 1)[-1].as_py() if table.num_rows else None
    # the last cell may be a quoted field never closed, running to the end of the file: its
    # quotes doubled, as they must be in a quoted field
    if body.endswith(b'"' + (last or "").replace('"', '""').encode("utf-8")):
        return None
    return table


def _read_excel(path: Path, table: str, source: str) -> tuple[pd.DataFrame, RowLabels]:
    try:
        sheets = pd.ExcelFile(path, engine="openpyxl").sheet_names
        sheet = table if table in sheets else sheets[0]
        df = pd.read_excel(path, sheet_name=sheet, engine="openpyxl")
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise SchemaError(source, table, [Problem(f"cannot read as Excel: {exc}")]) from None
    if df.shape[1] == 0:
        raise SchemaError(source, table, [Problem(f"sheet '{sheet}' is empty")])
    return df, RowLabels("row", 2, len(df))


def _read_frame(
    path: Path, table: str, source: str, keep=None
) -> tuple[pd.DataFrame | pa.Table, RowLabels]:
    """The file's frame and a label per row.

    Parquet files and the CSV files Arrow reads stay Arrow tables: :func:`validate` types
    them in Arrow. ``keep(column)`` (Parquet only) chooses the columns to read.
    """
    suffix = path.suffix.lower()
    if not path.is_file():
        raise SchemaError(source, table, [Problem("file not found")])
    if path.stat().st_size == 0:
        raise SchemaError(source, table, [Problem("the file is empty: no header, no rows")])
    if suffix in _CSV_SUFFIXES:
        return _read_csv(path, source)
    if suffix in _EXCEL_SUFFIXES:
        return _read_excel(path, table, source)
    if suffix in _PARQUET_SUFFIXES:
        try:
            # one file: no dataset to discover (and no pre-buffering: slower here, in threads)
            with pq.ParquetFile(path) as file:
                columns = None
                if keep is not None:
                    columns = [c for c in file.schema_arrow.names if keep(c)]
                df = file.read(columns=columns)
            # pandas.read_parquet makes the index its pandas metadata names the index: no data
            meta = df.schema.pandas_metadata or {}
            index = [c for c in meta.get("index_columns", []) if isinstance(c, str)]
            df = df.drop_columns([c for c in index if c in df.column_names])
        except Exception as exc:  # pyarrow raises ArrowInvalid, OSError, ...
            raise SchemaError(source, table, [Problem(f"cannot read as Parquet: {exc}")]) from None
        return df, RowLabels("row", 1, df.num_rows)
    if suffix in _JSON_SUFFIXES:
        try:
            df = pd.read_json(path, lines=suffix != ".json", dtype=False)
        except ValueError as exc:
            raise SchemaError(source, table, [Problem(f"cannot read as JSON: {exc}")]) from None
        if not all(isinstance(c, str) for c in df.columns):  # [1, 2] or "text" per line
            raise SchemaError(
                source,
                table,
                [Problem("not JSON records", hint='write one object per line: {"column": value}')],
            )
        return df, RowLabels("line", 1, len(df))
    raise SchemaError(
        source,
        table,
        [
            Problem(
                f"unsupported file type '{suffix}'",
                hint="use .csv, .xlsx, .parquet or .jsonl",
            )
        ],
    )


def _rename(
    df: pd.DataFrame | pa.Table, table: str, columns: dict[str, str] | None, source: str
) -> pd.DataFrame | pa.Table:
    """Apply the user's mapping, then match headers to canonical names ignoring case/spaces."""
    if isinstance(df, pa.Table):
        return df.rename_columns(_canonical_names(df.column_names, table, columns, source))
    df.columns = _canonical_names(df.columns, table, columns, source)
    return df


def _canonical_names(names, table: str, columns: dict[str, str] | None, source: str) -> list[str]:
    """A file's headers stripped, renamed by ``columns=``, then matched to canonical names."""
    names = [str(c).strip() for c in names]
    if columns:
        absent = [k for k in columns if k not in names]
        if absent:
            raise SchemaError(
                source,
                table,
                [
                    Problem(
                        f"columns= names {', '.join(map(repr, absent))}, not in the file",
                        hint=f"found: {', '.join(names)}",
                    )
                ],
            )
        names = [columns.get(c, c) for c in names]
    canonical = {norm_name(n): n for n in TABLES[table].names}
    present = set(names)
    return [
        canonical[norm_name(c)]
        if c not in canonical.values()
        and norm_name(c) in canonical
        and canonical[norm_name(c)] not in present
        else c
        for c in names
    ]


PERIOD_TABLES = ("ads", "web_sessions")
"""Tables whose rows may be totals over a period (``read_table(..., period=...)``)."""

PERIOD_COLUMNS = ("period_start", "period_end")
"""Columns added by ``read_table(..., period=...)``: the first and last day each row covers."""


def read_table(
    path: str | os.PathLike,
    table: str,
    *,
    columns: dict[str, str] | None = None,
    constants: dict[str, object] | None = None,
    period: tuple | None = None,
    timezone: str | None = None,
    dayfirst: bool | None = None,
    extras: bool = True,
) -> pd.DataFrame:
    """Read a file as a canonical table.

    Parameters
    ----------
    path : str or path-like
        A ``.csv`` (UTF-8, UTF-8 with BOM or UTF-16; delimiter sniffed), ``.xlsx`` (the sheet
        named like the table, else the first), ``.parquet`` or ``.jsonl`` file.
    table : str
        Canonical table name, one of :data:`smmnb.schema.TABLES`.
    columns : dict, optional
        The file's column names mapped to canonical ones, ``{"Spent": "spend"}``. Headers
        that differ from a canonical name only in case, spaces or punctuation
        (``"Post ID"``) are matched without a mapping.
    constants : dict, optional
        Values for canonical columns the file lacks, the same on every row:
        ``{"platform": "x", "brand": "United"}`` for an export of one account. Each value is
        checked as the file's own would be (``"X"`` is stored as ``"x"``, ``"1,250"`` as
        1250.0). A constant for a column the file has is an error: the file's values are
        never overwritten.
    period : tuple of two dates, optional
        ``("2017-08-01", "2017-08-31")``, both days included: the period a file without a
        ``date`` column covers, such as an Ads Manager export of one month with no day
        breakdown. Only for tables whose rows can be totals over days (``ads``,
        ``web_sessions``). Each row gets ``date`` = the first day, and two more columns,
        ``period_start`` and ``period_end``, say which days its numbers cover, so that a
        period total is never taken for one day's activity (rows read with a ``date``
        column have no such columns). ``attrs["period"]`` holds the two ISO dates.
    timezone : str, optional
        Time zone of naive timestamps in the file; they are stored in UTC. None means UTC.
    dayfirst : bool, optional
        Day order of ``NN/NN/YYYY`` dates; None infers it from the values.
    extras : bool
        Keep the file's other columns after the canonical ones (default). With False only
        the canonical columns are kept, and a Parquet file's other columns are never read.

    Returns
    -------
    pandas.DataFrame
        The validated table (see :func:`smmnb.validate`); ``attrs["file"]`` is the path and
        ``attrs["source"]`` is ``"canonical"``.

    Raises
    ------
    SchemaError
        Naming the file, and for each problem the column and up to five rows (by line number
        in a text file, by row number in a spreadsheet) with their values as the file wrote
        them. Two rows with the same key (``post_id``; date, campaign, ad set and ad for ads)
        and different values are named with the columns that differ.
    ValueError
        For arguments that cannot apply to any file: an unknown table, a constant for a
        column the table does not have, ``period=`` for a table other than ads and
        web_sessions, or a period that is not two dates in order.

    Examples
    --------
    >>> ads = smm.read_table("my_ads.csv", "ads", columns={"Spent": "spend"},
    ...                      timezone="Asia/Ho_Chi_Minh")  # doctest: +SKIP
    >>> month = smm.read_table("august_ads.csv", "ads", constants={"platform": "facebook"},
    ...                        period=("2017-08-01", "2017-08-31"))  # doctest: +SKIP
    """
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; expected one of {', '.join(TABLES)}")
    constants = dict(constants or {})
    _check_constants(constants, table)
    days = _check_period(period, table, constants)
    path = Path(path)
    source = str(path)
    keep = None
    if not extras:
        wanted = {norm_name(n) for n in TABLES[table].names}
        keep = lambda c: c in (columns or {}) or norm_name(str(c).strip()) in wanted  # noqa: E731
    df, labels = _read_frame(path, table, source, keep)
    df = _rename(df, table, columns, source)
    problems = _present(df, ["date", *PERIOD_COLUMNS] if days else [], "period=")
    problems += _present(df, list(constants), "constants=")
    typed = {}
    for name, value in constants.items():
        typed[name], found = parse_value(value, table, name, timezone=timezone, dayfirst=dayfirst)
        problems += found
    if problems:
        raise SchemaError(source, table, problems)
    if isinstance(df, pa.Table) and (days is not None or typed):
        df = df.to_pandas()  # as pandas reads it, to add the columns
    if days is not None:
        first, last = (pd.Series(day, index=df.index, dtype="datetime64[ns]") for day in days)
        df = df.assign(date=first, period_start=first, period_end=last)
    for name, value in typed.items():
        df[name] = pd.Series(value.iloc[[0] * len(df)].array, index=df.index)
    out = validate(
        df, table, source=source, timezone=timezone, dayfirst=dayfirst, row_labels=labels
    )
    out.attrs["source"] = "canonical"
    if days is not None:
        out.attrs["period"] = (days[0].date().isoformat(), days[1].date().isoformat())
    if extras:
        return out
    return _canonical_only(out, table, PERIOD_COLUMNS if days is not None else ())


def _check_constants(constants: dict[str, object], table: str) -> None:
    names = TABLES[table].names
    for name in constants:
        if name not in names:
            close = difflib.get_close_matches(str(name), names, n=1)
            hint = (
                f"; did you mean {close[0]!r}?" if close else f"; its columns: {', '.join(names)}"
            )
            raise ValueError(f"constants= names {name!r}, not a column of table {table!r}{hint}")


def _check_period(
    period: tuple | None, table: str, constants: dict[str, object]
) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The period's first and last days, after checking that ``period=`` applies."""
    if period is None:
        return None
    if table not in PERIOD_TABLES:
        raise ValueError(
            f"period= is for tables whose rows can be totals over several days "
            f"({' and '.join(PERIOD_TABLES)}); {table!r} rows each happen at one time, "
            "so a file without their dates cannot be placed in time"
        )
    if isinstance(period, str) or not hasattr(period, "__len__") or len(period) != 2:
        raise ValueError(f"period= must be two dates, first and last day: got {period!r}")
    if "date" in constants:
        raise ValueError("pass either period= or constants={'date': ...}, not both")
    first, last = (_period_day(day, period) for day in period)
    if first > last:
        raise ValueError(f"period= starts on {first.date()}, after its end {last.date()}")
    return first, last


def _period_day(value: object, period: object) -> pd.Timestamp:
    """One end of ``period=``: an ISO date, a date or a midnight Timestamp, 1900 to 2199."""
    wrong = ValueError(
        f"period= must be two dates such as ('2017-08-01', '2017-08-31'): got {period!r}"
    )
    if isinstance(value, str):
        try:
            day = pd.to_datetime(value.strip(), format="ISO8601")
        except (ValueError, OverflowError):
            raise wrong from None
    elif isinstance(value, (pd.Timestamp, datetime.date)):
        day = pd.Timestamp(value)
    else:
        raise wrong
    if day is pd.NaT:
        raise wrong
    if day.tzinfo is not None:
        day = day.tz_localize(None)
    if day != day.normalize() or not pd.Timestamp("1900-01-01") <= day < pd.Timestamp("2200-01-01"):
        raise wrong
    return day


def _present(df: pd.DataFrame, names: list[str], argument: str) -> list[Problem]:
    """A problem for each column of ``names`` the file has, which ``argument`` would fill."""
    if argument == "constants=":
        what = "the file has this column: constants= only fills columns a file lacks"
        hint = "drop it from constants= to keep the file's values"
    else:
        what = "the file has this column: period= is for files without dates"
        hint = "read the file without period=, or drop the column"
    found = df.column_names if isinstance(df, pa.Table) else df.columns
    return [Problem(what, name, hint=hint) for name in names if name in found]


def _canonical_only(df: pd.DataFrame, table: str, also: tuple[str, ...] = ()) -> pd.DataFrame:
    names = [c for c in df.columns if c in TABLES[table].names or c in also]
    return df if len(names) == df.shape[1] else df[names]


def _find_table_file(folder: Path, table: str) -> Path | None:
    for suffix in FILE_SUFFIXES:
        candidate = folder / f"{table}{suffix}"
        if candidate.is_file():
            return candidate
    return None


def load_workspace(
    path: str | os.PathLike,
    *,
    owner: str | None = None,
    timezone: str | None = None,
    currency: str | None = None,
    competitors: list[str] | None = None,
    fx: dict[str, float] | None = None,
    language: str | None = None,
    dayfirst: bool | None = None,
    brand: str | None = None,
    as_of: str | pd.Timestamp | None = None,
    period: tuple | None = None,
    cache: bool = True,
    extras: bool = True,
) -> Workspace:
    """Read every canonical table in a folder, and every export in its ``exports/`` folder.

    Settings come from the arguments, else from the folder's ``smmnb.yml`` (see
    :mod:`smmnb.io.settings`), else from built-in defaults.

    Parameters
    ----------
    path : str or path-like
        A folder with files named after the tables: ``posts.csv``, ``ads.parquet``, ... (the
        first of ``.parquet``, ``.csv``, ``.xlsx``, ``.jsonl`` that exists), or an fsspec URL
        of one (``s3://bucket/brand``, ``file:///mnt/brand``: a copy is read, made once per
        machine in the smmnb cache; see :func:`smmnb.distributed.local_folder`), optionally an
        ``exports/`` folder with files as the platforms wrote them (see
        :func:`smmnb.read_export`) and a settings file ``smmnb.yml``.
    owner : str, optional
        The brand whose own accounts the exports come from: every export row is attributed to
        it (account names in the files, such as a page name or an X handle, are not brand
        names). Default: ``smmnb.yml``'s ``owner``, else the one brand of the canonical
        own-channel tables (posts, ads, comments) if there is exactly one; otherwise each
        export's own account name, and an export without one is an error asking for it.
    timezone : str, optional
        The brand's IANA time zone: naive timestamps in the files are read as local time
        there, and every analysis that buckets by local time uses it. Default: the file's,
        else Asia/Ho_Chi_Minh.
    currency : str, optional
        The reporting currency (ISO 4217). Default: the file's, else the one currency the
        exports declare, else VND. Canonical money columns without a ``currency`` are in it.
    competitors : list of str, optional
        The brands the owner is compared with; default: the file's, else the other brands in
        the data.
    fx : dict, optional
        Units of the reporting currency per unit of another currency (``{"USD": 25400}``):
        ads in those currencies are converted (``Workspace.money_notes`` says so). Without a
        rate, ads keep their own currency and no figure adds them to others.
    language : str, optional
        Report language (``en`` or ``vi``); default: the file's, else none chosen.
    dayfirst : bool, optional
        Day order of ``NN/NN/YYYY`` dates in the canonical files; None infers it per file.
    brand : str, optional
        The same as ``owner`` (its older name).
    as_of : str or Timestamp, optional
        The day the exports were taken, for exports whose dates have no year (TikTok
        Studio). Default: the last observed day in the canonical tables. For a Search Console
        download, the day it was downloaded, when neither its daily table nor its file name
        says the days its "Last 3 months" covers.
    period : tuple of two dates, optional
        The first and last day of Search Console tables that nothing in their download dates
        (see :func:`smmnb.read_export`).
    cache : bool
        Reuse what an earlier call read from the same files with the same arguments (see
        :mod:`smmnb.io.cache`: kept outside the folder, keyed by the files' contents, turned
        off everywhere with ``SMMNB_CACHE=off``). The result is the same either way.
    extras : bool
        Keep columns beyond the canonical ones (a platform's own metrics from exports, your
        own columns); with False, Parquet files are read for the canonical columns only.

    Returns
    -------
    Workspace
        One validated frame per table; a table with no file is an empty frame with the
        schema. Rows of an export that are already in the table (same id, or for tables
        without ids the same key, such as date/campaign/ad set/ad for ads) are dropped.
        ``Workspace.sources`` lists every file read and how many rows it added. An export
        that is recognised but cannot fill a table by itself (YouTube's ``Totals.csv``,
        LinkedIn's new-followers sheet) is skipped with a :class:`DataWarning` and listed
        with a note. Where ``channel_daily`` holds followers gained (and lost) per day and one
        count is known (``smmnb.yml``'s ``followers:``, or a row of ``followers``), the totals
        of the days ``followers`` lacks are derived and added, with a :class:`DataWarning` and a
        sentence in ``Workspace.notes``.

    Raises
    ------
    SchemaError
        Listing the problems of every file that failed, each with its file, column and rows;
        or naming ``smmnb.yml`` and the key at fault.
    """
    if isinstance(path, str) and "://" in path:  # an fsspec URL: a local copy (or file://)
        from smmnb.distributed import local_folder

        path = local_folder(path)
    folder = Path(path)
    if not folder.is_dir():
        raise SchemaError(str(folder), None, [Problem("folder not found")])
    if owner and brand and owner != brand:
        raise ValueError(f"owner={owner!r} and brand={brand!r} disagree; pass owner only")
    settings = read_settings(folder).override(
        owner=owner or brand,
        timezone=timezone,
        currency=currency,
        competitors=competitors,
        fx=fx,
        language=language,
    )
    tz = settings.timezone or DEFAULT_TIMEZONE
    chosen = {table: _find_table_file(folder, table) for table in TABLES}
    exports = folder / "exports"
    export_files = (
        [
            f
            for f in sorted(exports.iterdir())
            if f.is_file() and f.suffix.lower() in _EXPORT_SUFFIXES
        ]
        if exports.is_dir()
        else []
    )
    root = _cache.cache_dir() if cache else None
    entry_key = None
    if root is not None:
        # the language too: the notes made while reading are in the report language
        days = [str(d) for d in period] if period is not None else None
        arguments = {"settings": settings.key(), "dayfirst": dayfirst, "as_of": as_of,
                     "extras": extras, "language": i18n.get_language(), "period": days}  # fmt: skip
        read = [f for f in chosen.values() if f is not None] + export_files
        if settings.file is not None:
            read.append(settings.file)
        entry_key = _cache.key(folder, read, arguments)
        hit = _cache.load(root, entry_key)
        if hit is not None:
            _cache.replay(hit["warnings"])
            frames = hit["frames"]
            stored = dict(hit["files"])
            found_owner = (stored.pop("_owner", None) or [None])[0]
            ws = _workspace(
                {table: frames[table] for table in TABLES},
                settings,
                {t: [folder / name for name in names] for t, names in stored.items()},
                found_owner,
            )
            ws.sources = frames["sources"]
            return ws
    # The warnings are recorded to be stored with the cache entry, and raised as they were.
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            tables, files, sources, found_owner = _load(
                folder, chosen, export_files, tz, dayfirst, settings.owner, as_of, extras, period
            )
            if not extras:  # the exports' extra columns
                tables = {t: _canonical_only(df, t, PERIOD_COLUMNS) for t, df in tables.items()}
    finally:
        for w in caught:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno, source=w.source)
    ws = _workspace(tables, settings, files, found_owner)
    ws.sources = sources
    if entry_key is not None:
        data_warnings = [
            {"message": str(w.message), "filename": w.filename, "lineno": w.lineno}
            for w in caught
            if issubclass(w.category, DataWarning)
        ]
        stored = {t: [f.relative_to(folder).as_posix() for f in fs] for t, fs in files.items()}
        stored["_owner"] = [found_owner] if found_owner else []
        _cache.store(
            root,
            entry_key,
            {**tables, "sources": ws.sources},
            {"files": stored, "warnings": data_warnings},
        )
    return ws


def _workspace(
    tables: dict[str, pd.DataFrame],
    settings: Settings,
    files: dict[str, list[Path]],
    owner: str | None,
) -> Workspace:
    """The Workspace of tables read with ``settings``: owner, currency and money resolved.

    Follower totals that daily gains and a known count give are added to ``followers`` here
    (see :mod:`smmnb.io.followers`), with a :class:`DataWarning` and a note each.
    """
    from smmnb.io.followers import derive_followers

    declared = (
        tables["ads"]["currency"].dropna().astype("str").unique().tolist()
        if "currency" in tables["ads"].columns
        else []
    )
    currency = settings.currency or (declared[0] if len(declared) == 1 else DEFAULT_CURRENCY)
    ads, notes = convert_money(tables["ads"], currency, settings.fx)
    tables = {**tables, "ads": ads}
    derived, follower_notes = derive_followers(
        tables["followers"], tables["channel_daily"], settings.followers, settings.owner or owner
    )
    if len(derived):
        tables["followers"], _unused = append_rows(
            tables["followers"], validate(derived, "followers", source="derived"), "followers"
        )
    for note in follower_notes:
        warnings.warn(note, DataWarning, stacklevel=3)
    return Workspace(
        tables=tables,
        timezone=settings.timezone or DEFAULT_TIMEZONE,
        currency=currency,
        files=files,
        owner=settings.owner or owner,
        competitors=settings.competitors,
        language=settings.language,
        fx=dict(settings.fx),
        money_notes=notes,
        notes=follower_notes,
        settings=settings,
    )


def convert_money(
    ads: pd.DataFrame, currency: str, fx: dict[str, float]
) -> tuple[pd.DataFrame, list[str]]:
    """Ads with spend and revenue in ``currency`` where a rate in ``fx`` allows it.

    Rows without a ``currency`` are in the reporting currency already. Rows in a currency
    without a rate keep it: no figure may add them to others.

    Returns
    -------
    tuple
        The ads, and one sentence per conversion made ("USD converted at 25,400 VND per USD").
    """
    if ads.empty or "currency" not in ads.columns:
        return ads, []
    codes = ads["currency"].astype("str").where(ads["currency"].notna(), currency)
    notes = []
    out = ads
    for code in sorted(set(codes.unique()) - {currency}):
        rate = fx.get(code)
        if rate is None:
            continue
        rows = (codes == code).to_numpy()
        if out is ads:
            out = ads.copy()
        for column in ("spend", "revenue"):
            if column in out.columns:
                out.loc[rows, column] = out.loc[rows, column].astype("float64") * rate
        notes.append(
            _("{rows} ad rows in {code} converted at {rate} {currency} per {code}").format(
                rows=i18n.integer(rows.sum()),
                code=code,
                currency=currency,
                rate=format_decimal(rate, "#,##0.######", locale=i18n.babel_locale()),
            )
        )
    if out is not ads:
        filled = codes.where(~codes.isin([c for c in fx if c != currency]), currency)
        out["currency"] = pd.Categorical(filled)
        out.attrs = dict(ads.attrs)
    return out, notes


def _load(
    folder: Path,
    chosen: dict[str, Path | None],
    export_files: list[Path],
    timezone: str,
    dayfirst: bool | None,
    owner: str | None,
    as_of: str | pd.Timestamp | None,
    extras: bool = True,
    period: tuple | None = None,
) -> tuple[dict[str, pd.DataFrame], dict[str, list[Path]], pd.DataFrame, str | None]:
    tables: dict[str, pd.DataFrame] = {}
    files: dict[str, list[Path]] = {}
    sources: list[dict] = []
    failures: list[SchemaError] = []
    read = _read_tables(
        {t: f for t, f in chosen.items() if f is not None}, timezone, dayfirst, extras
    )
    for table in TABLES:
        file = chosen[table]
        if file is None:
            tables[table] = empty_table(table)
            continue
        df, found, outcome = read[table]
        for message in found:  # raised here, in the tables' order
            warnings.warn(message, DataWarning, stacklevel=3)
        if isinstance(outcome, SchemaError):
            failures.append(outcome)
            continue
        tables[table] = df
        files[table] = [file]
        sources.append(outcome)
    if export_files and not failures:
        owner = owner or _default_brand(tables)
        _read_exports(
            export_files, tables, files, sources, failures, timezone, owner, as_of, period
        )
    if failures:
        problems = [
            Problem(f"{err.source}: {problem}") for err in failures for problem in err.problems
        ]
        raise SchemaError(str(folder), None, problems)
    owner = owner or _default_brand(tables)
    frame = pd.DataFrame(
        sources,
        columns=["file", "format", "table", "rows", "rows_added", "first", "last", "note"],
    )
    return tables, files, frame, owner


def _read_tables(
    chosen: dict[str, Path], timezone: str, dayfirst: bool | None, extras: bool
) -> dict[str, tuple[pd.DataFrame | None, list[str], SchemaError | dict]]:
    """Each canonical file read as its table.

    For each: the frame, its DataWarnings, and its error or its row of ``Workspace.sources``.
    The files are read in threads, as many as the machine has cores, largest first: Arrow
    reads and checks most of a file without holding the interpreter.
    """

    def read(table: str) -> tuple[pd.DataFrame | None, list[str], SchemaError | dict]:
        file = chosen[table]
        with collect_data_warnings() as found:
            try:
                df = read_table(file, table, timezone=timezone, dayfirst=dayfirst, extras=extras)
            except SchemaError as err:
                return None, found, err
        return df, found, _source_row(file, "canonical", table, df, len(df))

    order = sorted(chosen, key=lambda t: -chosen[t].stat().st_size)
    workers = min(len(order), os.cpu_count() or 1)
    if workers <= 1:
        return {table: read(table) for table in order}
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="smmnb-read") as pool:
        return dict(zip(order, pool.map(read, order), strict=True))


_EXPORT_SUFFIXES = {".csv", ".tsv", ".txt", ".xlsx", ".xls", ".zip"}
_OWN_TABLES = ("posts", "ads", "comments")  # followers may hold competitors


def _source_row(file: Path, fmt: str, table: str, df: pd.DataFrame, added: int) -> dict:
    from smmnb.workspace import TIME_COLUMNS

    column = TIME_COLUMNS.get(table) or ("date" if table == "search_daily" else None)
    when = [df[column]] if column in df.columns else []
    if column is None and {"period_start", "period_end"} <= set(df.columns):  # search_terms
        when = [df["period_start"], df["period_end"]]
    bounds = [_bounds(s) for s in when]
    bounds = [b for b in bounds if b is not None]
    first = min((b[0] for b in bounds), default=pd.NaT)
    last = max((b[1] for b in bounds), default=pd.NaT)
    return {
        "file": file.name if fmt == "canonical" else f"exports/{file.name}",
        "format": fmt,
        "table": table,
        "rows": len(df),
        "rows_added": added,
        "first": first,
        "last": last,
        "note": "",
    }


_NAT = np.iinfo(np.int64).min


def _bounds(s: pd.Series) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The first and last instant of a datetime column, naive in UTC; None when it has none."""
    if isinstance(s.dtype, pd.DatetimeTZDtype):
        s = s.dt.tz_convert(None)  # the same instants, naive in UTC
    values = s.to_numpy()
    numbers = values.view(np.int64)  # NaT is the smallest number
    last = numbers.max(initial=_NAT)
    if last == _NAT:
        return None
    first = numbers.min()
    if first == _NAT:
        first = numbers[numbers != _NAT].min()
    unit = np.datetime_data(values.dtype)[0]
    return pd.Timestamp(np.datetime64(int(first), unit)), pd.Timestamp(
        np.datetime64(int(last), unit)
    )


def _default_brand(tables: dict[str, pd.DataFrame]) -> str | None:
    brands = set()
    for name in _OWN_TABLES:
        brands.update(tables[name]["brand"].dropna().astype("str").unique())
    return brands.pop() if len(brands) == 1 else None


def _last_day(tables: dict[str, pd.DataFrame], timezone: str) -> pd.Timestamp | None:
    from smmnb.workspace import Workspace as _W

    return _W(tables=dict(tables), timezone=timezone).last_date()


_MERGED_TABLES = ("channel_daily",)
"""Tables whose exports each carry some columns of one row (Meta's Reach.csv and Follows.csv
are two series of the same page and days): a row whose key is already present fills the
columns that row lacks instead of being dropped."""


def _fill_from(base: pd.DataFrame, extra: pd.DataFrame, key: list[str]) -> pd.DataFrame:
    """``base`` with its missing values filled from the rows of ``extra`` with the same key."""
    if "channel_daily" not in TABLES:
        return base
    left = base.astype({k: "str" for k in key}).set_index(key)
    right = extra.astype({k: "str" for k in key}).set_index(key)
    right = right[~right.index.duplicated()]
    shared = list(right.columns)
    rows = right.index.intersection(left.index)
    if not shared or rows.empty:
        return base
    filled = base.copy()
    for column in shared:
        if column not in filled.columns:  # a column only the new export has
            filled[column] = pd.Series(pd.NA, index=filled.index, dtype=right[column].dtype)
    positions = left.index.get_indexer(rows)
    for column in shared:
        current = filled[column].iloc[positions]
        incoming = right.loc[rows, column]
        gaps = current.isna().to_numpy() & incoming.notna().to_numpy()
        if gaps.any():
            column_index = filled.columns.get_loc(column)
            values = incoming.to_numpy()[gaps]
            filled.iloc[positions[gaps], column_index] = values
    return filled


def append_rows(base: pd.DataFrame, extra: pd.DataFrame, table: str) -> tuple[pd.DataFrame, int]:
    """Append ``extra`` to ``base``, dropping rows whose key ``base`` already has.

    In ``channel_daily`` such a row fills the columns the present row lacks instead (one
    export per metric, the same days).

    Returns
    -------
    tuple
        The combined, validated frame and the number of rows added.
    """
    key = list(TABLES[table].key) or list(TABLES[table].names)
    if len(base):
        present = pd.MultiIndex.from_frame(base[key].astype("str"))
        new = ~pd.MultiIndex.from_frame(extra[key].astype("str")).isin(present)
        if table in _MERGED_TABLES and not new.all():
            base = _fill_from(base, extra[~new], key)
        extra = extra[new]
    if extra.empty:
        return base, 0
    combined = pd.concat([base, extra], ignore_index=True)
    for col in TABLES[table].columns:
        combined[col.name] = combined[col.name].astype(col.dtype)
    combined.attrs = dict(base.attrs)
    return combined, len(extra)


def _read_exports(
    export_files: list[Path],
    tables: dict[str, pd.DataFrame],
    files: dict[str, list[Path]],
    sources: list[dict],
    failures: list[SchemaError],
    timezone: str,
    brand: str | None,
    as_of: str | pd.Timestamp | None,
    period: tuple | None = None,
) -> None:
    # A folder's exports are its owner's own accounts: account names in the files (a page
    # name, an X handle) are not brand names, so the owner wins when it is known.
    owner = brand
    given = as_of not in (None, "")
    # Dates without a year (TikTok Studio) are dated by as_of when given, else by what the
    # file says (its download day, ids, name); failing that, once every other file is read,
    # by the last day of the folder's other data, with a warning that says so.
    yearless: list[Path] = []
    for file in export_files:
        _read_export_into(file, tables, files, sources, failures, yearless, timezone, owner,
                          as_of if given else None, period)  # fmt: skip
    if yearless:
        anchor = _last_day(tables, timezone)
        for file in yearless:
            if anchor is None:
                _read_export_into(file, tables, files, sources, failures, None, timezone, owner,
                                  None)  # fmt: skip
                continue
            warnings.warn(
                f"{file}: its dates have no year; they are dated up to {anchor.date()}, the "
                "last day of the folder's other data (pass as_of= to say the day the file was "
                "downloaded)",
                DataWarning,
                stacklevel=4,
            )
            _read_export_into(file, tables, files, sources, failures, None, timezone, owner,
                              anchor)  # fmt: skip
        # the files read again are listed where the folder lists them, among the others
        exported = sorted((r for r in sources if r["file"].startswith("exports/")),
                          key=lambda r: r["file"])  # fmt: skip
        sources[:] = [r for r in sources if not r["file"].startswith("exports/")] + exported


def _read_export_into(
    file: Path,
    tables: dict[str, pd.DataFrame],
    files: dict[str, list[Path]],
    sources: list[dict],
    failures: list[SchemaError],
    yearless: list[Path] | None,
    timezone: str,
    owner: str | None,
    as_of,
    period: tuple | None = None,
) -> None:
    """Read one export into the tables; a yearless refusal goes to ``yearless`` if given.

    A file that only describes the files beside it (a Search Console download's Filters.csv,
    read with them) is listed as not used, without a warning.
    """
    from smmnb.io.exports import read_exports

    try:
        frames = read_exports(file, brand=owner, timezone=timezone, as_of=as_of, period=period)
    except ExportNotUsable as err:
        reason = "; ".join(p.message for p in err.problems)
        companion = getattr(err, "companion", None)
        if companion:
            reason = str(companion)
        else:
            warnings.warn(f"{file}: not used: {reason}", DataWarning, stacklevel=4)
        row = _source_row(file, "not used", err.table or "", pd.DataFrame(), 0)
        sources.append({**row, "note": reason})
        return
    except SchemaError as err:
        if yearless is not None and any("without a year" in p.message for p in err.problems):
            yearless.append(file)
        else:
            failures.append(err)
        return
    for df in frames:  # a workbook may fill several tables (LinkedIn: posts and Metrics)
        table = df.attrs["table"]
        source = df.attrs["source"]
        tables[table], added = append_rows(tables[table], df, table)
        files.setdefault(table, []).append(file)
        sources.append(_source_row(file, source, table, df, added))
