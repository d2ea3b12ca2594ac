"""Read files into canonical tables: :func:`read_table` and :func:`load_workspace`.

Supported file formats: CSV (UTF-8 with or without BOM, or UTF-16; the delimiter is sniffed
among ``, ; tab |``), Excel ``.xlsx``, Parquet and JSON lines. Every file goes through
:func:`smmnb.schema.validate`, so errors name the file, the column and the line (CSV, JSON
lines) or spreadsheet row (Excel) where the problem is.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pandas as pd

from smmnb.errors import Problem, SchemaError
from smmnb.schema import TABLES, _norm_name, empty_table, validate
from smmnb.workspace import Workspace

__all__ = ["FILE_SUFFIXES", "load_workspace", "read_table"]

FILE_SUFFIXES = (".parquet", ".csv", ".xlsx", ".jsonl")
"""Suffixes :func:`load_workspace` looks for, in order of preference."""

_CSV_SUFFIXES = {".csv", ".tsv", ".txt"}
_EXCEL_SUFFIXES = {".xlsx", ".xlsm"}
_PARQUET_SUFFIXES = {".parquet", ".pq"}
_JSON_SUFFIXES = {".jsonl", ".ndjson", ".json"}


def _decode(raw: bytes, source: str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SchemaError(
            source,
            None,
            [
                Problem(
                    f"not UTF-8 or UTF-16 text (byte {exc.start}, line {line})",
                    hint="save the file as 'CSV UTF-8' and read it again",
                )
            ],
        ) from None


def _read_csv(path: Path, source: str) -> tuple[pd.DataFrame, list[str]]:
    text = _decode(path.read_bytes(), source)
    if not text.strip():
        raise SchemaError(source, None, [Problem("the file is empty: no header, no rows")])
    head = "\n".join(text.splitlines()[:20])
    try:
        delimiter = csv.Sniffer().sniff(head, delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = ","
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
    # Line numbers as a text editor shows them: the header is line 1. Quoted fields that span
    # lines shift later rows; such files are rare among exports.
    return df, [f"line {i + 2}" for i in range(len(df))]


def _read_excel(path: Path, table: str, source: str) -> tuple[pd.DataFrame, list[str]]:
    try:
        sheets = pd.ExcelFile(path, engine="openpyxl").sheet_names
        sheet = table if table in sheets else sheets[0]
        df = pd.read_excel(path, sheet_name=sheet, engine="openpyxl")
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise SchemaError(source, table, [Problem(f"cannot read as Excel: {exc}")]) from None
    if df.shape[1] == 0:
        raise SchemaError(source, table, [Problem(f"sheet '{sheet}' is empty")])
    return df, [f"row {i + 2}" for i in range(len(df))]


def _read_frame(path: Path, table: str, source: str) -> tuple[pd.DataFrame, list[str]]:
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
            df = pd.read_parquet(path)
        except Exception as exc:  # pyarrow raises ArrowInvalid, OSError, ...
            raise SchemaError(source, table, [Problem(f"cannot read as Parquet: {exc}")]) from None
        return df, [f"row {i + 1}" for i in range(len(df))]
    if suffix in _JSON_SUFFIXES:
        try:
            df = pd.read_json(path, lines=suffix != ".json", dtype=False)
        except ValueError as exc:
            raise SchemaError(source, table, [Problem(f"cannot read as JSON: {exc}")]) from None
        return df, [f"line {i + 1}" for i in range(len(df))]
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
    df: pd.DataFrame, table: str, columns: dict[str, str] | None, source: str
) -> pd.DataFrame:
    """Apply the user's mapping, then match headers to canonical names ignoring case/spaces."""
    df.columns = [str(c).strip() for c in df.columns]
    if columns:
        absent = [k for k in columns if k not in df.columns]
        if absent:
            raise SchemaError(
                source,
                table,
                [
                    Problem(
                        f"columns= names {', '.join(map(repr, absent))}, not in the file",
                        hint=f"found: {', '.join(df.columns)}",
                    )
                ],
            )
        df = df.rename(columns=columns)
    canonical = {_norm_name(n): n for n in TABLES[table].names}
    renames = {
        c: canonical[_norm_name(c)]
        for c in df.columns
        if c not in canonical.values()
        and _norm_name(c) in canonical
        and canonical[_norm_name(c)] not in df.columns
    }
    return df.rename(columns=renames)


def read_table(
    path: str | os.PathLike,
    table: str,
    *,
    columns: dict[str, str] | None = None,
    timezone: str | None = None,
    dayfirst: bool | None = None,
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
    timezone : str, optional
        Time zone of naive timestamps in the file; they are stored in UTC. None means UTC.
    dayfirst : bool, optional
        Day order of ``NN/NN/YYYY`` dates; None infers it from the values.

    Returns
    -------
    pandas.DataFrame
        The validated table (see :func:`smmnb.validate`); ``attrs["file"]`` is the path and
        ``attrs["source"]`` is ``"canonical"``.

    Raises
    ------
    SchemaError
        Naming the file, and for each problem the column and up to five rows (by line number
        in a text file, by row number in a spreadsheet) with their values.

    Examples
    --------
    >>> ads = smm.read_table("my_ads.csv", "ads", columns={"Spent": "spend"},
    ...                      timezone="Asia/Ho_Chi_Minh")  # doctest: +SKIP
    """
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; expected one of {', '.join(TABLES)}")
    path = Path(path)
    source = str(path)
    df, labels = _read_frame(path, table, source)
    df = _rename(df, table, columns, source)
    out = validate(
        df, table, source=source, timezone=timezone, dayfirst=dayfirst, row_labels=labels
    )
    out.attrs["source"] = "canonical"
    return out


def _find_table_file(folder: Path, table: str) -> Path | None:
    for suffix in FILE_SUFFIXES:
        candidate = folder / f"{table}{suffix}"
        if candidate.is_file():
            return candidate
    return None


def load_workspace(
    path: str | os.PathLike,
    *,
    timezone: str = "Asia/Ho_Chi_Minh",
    currency: str = "VND",
    dayfirst: bool | None = None,
) -> Workspace:
    """Read every canonical table in a folder into a :class:`~smmnb.workspace.Workspace`.

    Parameters
    ----------
    path : str or path-like
        A folder with files named after the tables: ``posts.csv``, ``ads.parquet``, ... (the
        first of ``.parquet``, ``.csv``, ``.xlsx``, ``.jsonl`` that exists).
    timezone : str
        The brand's time zone: naive timestamps in the files are read as local time there,
        and hour-of-day analyses use it.
    currency : str
        Currency of money columns where a table does not say.
    dayfirst : bool, optional
        Day order of ``NN/NN/YYYY`` dates; None infers it per column.

    Returns
    -------
    Workspace
        One validated frame per table; a table with no file is an empty frame with the schema.

    Raises
    ------
    SchemaError
        Listing the problems of every file that failed, each with its file, column and rows.
    """
    folder = Path(path)
    if not folder.is_dir():
        raise SchemaError(str(folder), None, [Problem("folder not found")])
    tables: dict[str, pd.DataFrame] = {}
    files: dict[str, Path] = {}
    failures: list[SchemaError] = []
    for table in TABLES:
        file = _find_table_file(folder, table)
        if file is None:
            tables[table] = empty_table(table)
            continue
        try:
            tables[table] = read_table(file, table, timezone=timezone, dayfirst=dayfirst)
            files[table] = file
        except SchemaError as err:
            failures.append(err)
    if failures:
        problems = [
            Problem(f"{err.source}: {problem}") for err in failures for problem in err.problems
        ]
        raise SchemaError(str(folder), None, problems)
    return Workspace(tables=tables, timezone=timezone, currency=currency, files=files)
