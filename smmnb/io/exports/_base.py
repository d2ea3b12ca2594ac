"""Shared machinery for platform export readers: opening files, finding headers, mapping.

An export reader is an :class:`ExportFormat`: a name, the canonical table it fills, a
``detect`` function that looks at a file's content (never only at its name) and a ``read``
function that returns canonical columns. :func:`smmnb.io.exports.read_export` tries every
registered format in order and validates what the first match returns.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from smmnb.errors import Problem, SchemaError
from smmnb.io.tables import _decode

__all__ = [
    "ExportFormat",
    "Options",
    "RawExport",
    "Table",
    "find_header",
    "norm",
    "open_export",
    "rename_columns",
]

_SNIFF_ROWS = 40


def norm(text: object) -> str:
    """Header text compared loosely: lower case, single spaces, no BOM or quotes around it."""
    t = str(text).replace("\ufeff", "").strip().strip('"').strip()
    return re.sub(r"\s+", " ", t).lower()


@dataclass
class Table:
    """Rows of one sheet or CSV file as text, before any header is chosen.

    Parameters
    ----------
    rows : list of list of str
        Every row, cells as text ("" for empty).
    name : str
        Sheet name ("" for CSV).
    row_word : str
        How users count rows there: ``"line"`` (CSV) or ``"row"`` (spreadsheet).
    """

    rows: list[list[str]]
    name: str = ""
    row_word: str = "line"

    def head(self, n: int = _SNIFF_ROWS) -> list[list[str]]:
        """The first ``n`` rows."""
        return self.rows[:n]

    def frame(self, header: int) -> tuple[pd.DataFrame, list[str]]:
        """Cells below row ``header`` (0-based) as a text frame, with user-facing row labels.

        Blank rows are dropped; labels count from 1 as an editor or spreadsheet shows them.
        """
        names = [c.replace("\ufeff", "").strip() for c in self.rows[header]]
        width = len(names)
        body, labels = [], []
        for i, row in enumerate(self.rows[header + 1 :], start=header + 2):
            if not any(cell.strip() for cell in row):
                continue
            body.append((row + [""] * width)[:width])
            labels.append(f"{self.row_word} {i}")
        df = pd.DataFrame(body, columns=names, dtype="str")
        df = df.where(df.apply(lambda col: col.str.strip() != ""))  # empty cell = missing
        return df, labels


@dataclass
class RawExport:
    """A file opened for sniffing: its text rows (CSV) or its sheets (Excel).

    Parameters
    ----------
    path : Path
        The file.
    tables : list of Table
        One for a CSV file; one per sheet for a workbook.
    """

    path: Path
    tables: list[Table] = field(default_factory=list)

    @property
    def source(self) -> str:
        """The path as named in errors."""
        return str(self.path)

    def sheet(self, name: str) -> Table | None:
        """The sheet called ``name`` (case-insensitive), if any."""
        for t in self.tables:
            if norm(t.name) == norm(name):
                return t
        return None


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def open_export(path: str | Path) -> RawExport:
    """Open a CSV (UTF-8, UTF-8 BOM, UTF-16; delimiter sniffed) or Excel file as text rows.

    Raises
    ------
    SchemaError
        If the file is missing, empty, not text, or not a readable workbook.
    """
    path = Path(path)
    source = str(path)
    if not path.is_file():
        raise SchemaError(source, None, [Problem("file not found")])
    if path.stat().st_size == 0:
        raise SchemaError(source, None, [Problem("the file is empty: no header, no rows")])
    suffix = path.suffix.lower()
    if suffix in {".xlsx", ".xlsm", ".xls"}:
        # calamine reads legacy .xls (LinkedIn); pandas deprecates its xlrd engine.
        engine = "calamine" if suffix == ".xls" else "openpyxl"
        try:
            sheets = pd.read_excel(path, sheet_name=None, header=None, dtype=object, engine=engine)
        except ImportError:
            raise SchemaError(
                source,
                None,
                [Problem("reading .xls files needs python-calamine: pip install python-calamine")],
            ) from None
        except Exception as exc:  # damaged workbooks raise many types
            raise SchemaError(source, None, [Problem(f"cannot read as Excel: {exc}")]) from None
        tables = [
            Table([[_cell(v) for v in row] for row in df.itertuples(index=False)], name, "row")
            for name, df in sheets.items()
        ]
        return RawExport(path, tables)
    text = _decode(path.read_bytes(), source)
    if not text.strip():
        raise SchemaError(source, None, [Problem("the file is empty: no header, no rows")])
    lines = text.splitlines()
    sample = "\n".join(line for line in lines[:_SNIFF_ROWS] if not line.startswith("#"))
    counts = {d: sample.count(d) for d in (",", "\t", ";", "|")}
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = max(counts, key=counts.get) if any(counts.values()) else ","
    if counts.get("\t", 0) > counts.get(delimiter, 0):
        delimiter = "\t"
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    return RawExport(path, [Table(rows, "", "line")])


def find_header(
    table: Table, required: Iterable[str], *, any_of: Iterable[Iterable[str]] = ()
) -> int | None:
    """Index of the first row (among the first 40) that has every ``required`` header.

    Parameters
    ----------
    table : Table
    required : iterable of str
        Header names that must all be present (compared with :func:`norm`).
    any_of : iterable of iterables of str
        Groups of alternatives; at least one name of each group must be present.
    """
    need = {norm(r) for r in required}
    groups = [{norm(a) for a in group} for group in any_of]
    for i, row in enumerate(table.head()):
        cells = {norm(c) for c in row}
        if need <= cells and all(cells & g for g in groups):
            return i
    return None


def rename_columns(df: pd.DataFrame, mapping: dict[str, str]) -> pd.DataFrame:
    """Rename columns whose normalised header is a key of ``mapping`` (keys normalised too).

    The first header that matches a canonical name wins; later ones keep their own name, so
    no column is silently dropped.
    """
    wanted = {norm(k): v for k, v in mapping.items()}
    renames, taken = {}, set(df.columns)
    for col in df.columns:
        target = wanted.get(norm(col))
        if target is not None and target not in taken and target not in renames.values():
            renames[col] = target
    return df.rename(columns=renames)


def snake(name: str) -> str:
    """An extra column's name in snake case (``"Watch time (hours)"`` -> ``watch_time_hours``)."""
    return re.sub(r"[^0-9a-z]+", "_", norm(name)).strip("_") or "column"


def snake_extras(df: pd.DataFrame, canonical: Iterable[str]) -> pd.DataFrame:
    """Keep the platform's other columns: snake-case names, numbers where all cells are numbers.

    Nothing is dropped. A name smmnb uses for a column or a metric of its own gets the
    prefix ``platform_`` (``platform_engagements``). A column whose every non-empty cell
    reads as a number (thousands separators and percent signs allowed) becomes float; any
    other stays text.
    """
    from smmnb.metrics import RATIOS
    from smmnb.schema import TABLES, _parse_numbers

    keep = set(canonical)
    # An extra must not pass for a column or metric smmnb defines itself (X's "Engagements"
    # counts clicks too; a posts export's "Date" is not a table's date): prefix it.
    reserved = (
        {c.name for t in TABLES.values() for c in t.columns}
        | set(RATIOS)
        | {
            "engagements",
            "period",
        }
    )
    renames, seen = {}, set(keep)
    out = df.copy()
    for col in df.columns:
        if col in keep:
            continue
        new = snake(col)
        if new in reserved:
            new = f"platform_{new}"
        while new in seen:
            new += "_"
        seen.add(new)
        renames[col] = new
        values, bad = _parse_numbers(df[col])
        if not bad.any() and values.notna().any():
            out[col] = values
    return out.rename(columns=renames)


@dataclass(frozen=True)
class Options:
    """What the caller told :func:`read_export`.

    Parameters
    ----------
    brand : str or None
        Brand to fill in, when given.
    timezone : str or None
        Time zone of naive timestamps in the file.
    as_of : pandas.Timestamp or None
        Anchor for dates written without a year.
    """

    brand: str | None = None
    timezone: str | None = None
    as_of: pd.Timestamp | None = None


@dataclass(frozen=True)
class Found:
    """Where ``detect`` found its format: which table (sheet) and header row, plus notes."""

    table: Table
    header: int
    notes: dict = field(default_factory=dict)


@dataclass(frozen=True)
class ExportFormat:
    """One platform export format.

    Parameters
    ----------
    name : str
        Short id recorded in ``df.attrs["source"]`` (``"meta_ads"``).
    title : str
        What users call it (``"Meta Ads Manager"``).
    table : str
        The canonical table it fills.
    detect : callable
        ``detect(raw) -> Found | None``, from the content.
    read : callable
        ``read(raw, found, options) -> (frame, row_labels, attrs)`` with canonical column
        names (other columns kept in snake case).
    """

    name: str
    title: str
    table: str
    detect: Callable[[RawExport], Found | None]
    read: Callable[[RawExport, Found, Options], tuple[pd.DataFrame, list[str], dict]]


def need_brand(raw: RawExport, fmt: ExportFormat, options: Options, found: str | None) -> str:
    """The brand: as given, else the account name the file carries, else a SchemaError."""
    if options.brand:
        return options.brand
    if found:
        return found
    raise SchemaError(
        raw.source,
        fmt.table,
        [
            Problem(
                f"this {fmt.title} export does not name the account",
                hint="pass brand= (smmnb validate: --brand)",
            )
        ],
    )


def drop_total_rows(
    df: pd.DataFrame, labels: list[str], column: str, pattern: str = r"^(total|tổng)\b"
) -> tuple[pd.DataFrame, list[str]]:
    """Drop summary rows: a ``Total…`` cell in ``column``, or an empty one (Meta's summary)."""
    if column not in df.columns:
        return df, labels
    cell = df[column].fillna("").astype("str").str.strip()
    total = cell.str.contains(pattern, case=False, regex=True) | (cell == "")
    keep = ~total.to_numpy()
    return df[keep].reset_index(drop=True), [lab for lab, k in zip(labels, keep, strict=True) if k]


def __getattr__(name: str):
    # The sample writers' helpers moved to smmnb.sample.exports._write; this re-export lasts
    # until every writer imports them from there (reading files must not import the sample).
    if name in {"local_day", "xlsx_bytes"}:
        from smmnb.sample.exports import _write

        return getattr(_write, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
