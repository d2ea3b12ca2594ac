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

from smmnb import i18n
from smmnb.errors import Problem, SchemaError
from smmnb.io.files import container, decode_text, spreadsheetml_sheets

__all__ = [
    "ExportFormat",
    "Options",
    "RawExport",
    "Table",
    "file_day",
    "find_header",
    "norm",
    "open_export",
    "rename_columns",
]

_SNIFF_ROWS = 40


def file_day(value) -> str:
    """A day in a sentence about a file: ISO (``2026-09-18``) in English, the locale's elsewhere.

    The English sentences quote days as the files and ``smmnb validate`` write them; a report in
    another language writes them as its reader does (``18/09/2026``).
    """
    day = pd.Timestamp(value)
    return day.strftime("%Y-%m-%d") if i18n.get_language() == "en" else i18n.date(day)


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
    lines : list of int, optional
        The line (or sheet row) number, from 1, where each row starts in the file, when it
        is not simply its position plus one: a CSV record with a quoted line break spans
        several lines, and an Excel ``sep=`` line is not a row.
    """

    rows: list[list[str]]
    name: str = ""
    row_word: str = "line"
    lines: list[int] | None = None

    def head(self, n: int = _SNIFF_ROWS) -> list[list[str]]:
        """The first ``n`` rows."""
        return self.rows[:n]

    def line(self, index: int) -> int:
        """The line (or row) number, from 1, where row ``index`` (0-based) starts."""
        if self.lines is not None and 0 <= index < len(self.lines):
            return self.lines[index]
        return index + 1

    def frame(self, header: int) -> tuple[pd.DataFrame, list[str]]:
        """Cells below row ``header`` (0-based) as a text frame, with user-facing row labels.

        Blank rows are dropped; labels count from 1 as an editor or spreadsheet shows them.
        """
        names = [c.replace("\ufeff", "").strip() for c in self.rows[header]]
        width = len(names)
        body, labels = [], []
        for i, row in enumerate(self.rows[header + 1 :], start=header + 1):
            if not any(cell.strip() for cell in row):
                continue
            body.append((row + [""] * width)[:width])
            labels.append(f"{self.row_word} {self.line(i)}")
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
    encoding : str
        How a text file was decoded (``"utf-8"``, ``"utf-16"``, ``"cp1252"``), the kind of
        workbook (``"xlsx"``, ``"xls"``, ``"spreadsheetml"``), or ``"zip"`` for a plain zip of
        CSV files (one table per member, named after it).
    """

    path: Path
    tables: list[Table] = field(default_factory=list)
    encoding: str = ""

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
    if value is None or value is pd.NaT or (isinstance(value, float) and pd.isna(value)):
        return ""
    if hasattr(value, "isoformat"):  # Timestamp, datetime, date, time
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    return str(value)


def open_export(path: str | Path) -> RawExport:
    """Open a platform's export file as rows of text, whatever its name says it is.

    The first bytes decide: an ``.xlsx`` workbook (zip), a plain zip of CSV files (a Search
    Console download; one table per member), a legacy ``.xls`` workbook (read by
    calamine), an Excel 2003 XML workbook (often named ``.xls``; several sheets), else text:
    UTF-8 with or without BOM, UTF-16 with or without BOM, or Windows-1252 where the bytes
    are not UTF-8 but read as text (legacy Page Insights downloads). A first line ``sep=,``
    (Excel's hint) sets the delimiter; otherwise it is sniffed among ``, ; tab |``.

    Raises
    ------
    SchemaError
        If the file is missing, empty, binary, a web page or PDF, or a damaged workbook:
        never another exception.
    """
    path = Path(path)
    source = str(path)
    try:
        return _open(path, source)
    except SchemaError:
        raise
    except MemoryError:
        raise
    except Exception as exc:  # noqa: BLE001 - anything else a file can do to a reader
        raise SchemaError(
            source, None, [Problem(f"cannot read the file: {type(exc).__name__}: {exc}")]
        ) from None


def _empty(source: str) -> SchemaError:
    return SchemaError(source, None, [Problem("the file is empty: no header, no rows")])


def _open(path: Path, source: str) -> RawExport:
    if not path.is_file():
        raise SchemaError(source, None, [Problem("file not found")])
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problem = Problem(f"cannot read the file: {exc.strerror or exc}")
        raise SchemaError(source, None, [problem]) from None
    if not raw:
        raise _empty(source)
    kind = container(raw)
    if kind == "zip":
        return _workbook(path, source, raw, "xlsx")
    if kind == "ole":
        return _workbook(path, source, raw, "xls")
    if kind == "spreadsheetml":
        sheets = spreadsheetml_sheets(raw, source)
        tables = [Table(rows, name, "row") for name, rows in sheets]
        return _sheets_or_empty(RawExport(path, tables, "spreadsheetml"), source)
    if kind in {"html", "pdf"}:
        what = "a web page (HTML)" if kind == "html" else "a PDF document"
        raise SchemaError(
            source,
            None,
            [
                Problem(
                    f"{what}, not a CSV or Excel file",
                    hint="download the export again as CSV or Excel (.xlsx)",
                )
            ],
        )
    text, encoding = decode_text(raw, source, legacy=True)
    if not text.strip():
        raise _empty(source)
    return RawExport(path, [_text_table(text, source)], encoding)


_SEP_LINE = re.compile(r'\ufeff?\s*"?sep=(.)"?\s*', re.IGNORECASE)


def _text_table(text: str, source: str) -> Table:
    """The rows of a delimited text, with the line where each starts."""
    first, _, rest = text.partition("\n")
    offset = 0
    sep = _SEP_LINE.fullmatch(first.rstrip("\r"))
    if sep and sep.group(1) not in '"\r\n':
        delimiter, body, offset = sep.group(1), rest, 1
    else:
        delimiter, body = _delimiter(text), text
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=delimiter)
    rows, lines, start = [], [], 1
    try:
        for row in reader:
            rows.append(row)
            lines.append(offset + start)
            start = reader.line_num + 1
    except csv.Error as exc:
        raise SchemaError(
            source, None, [Problem(f"cannot read as CSV (line {offset + reader.line_num}): {exc}")]
        ) from None
    return Table(rows, "", "line", lines)


def _delimiter(text: str) -> str:
    lines = text.splitlines()
    sample = "\n".join(line for line in lines[:_SNIFF_ROWS] if not line.startswith("#"))
    counts = {d: sample.count(d) for d in (",", "\t", ";", "|")}
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = max(counts, key=counts.get) if any(counts.values()) else ","
    if counts.get("\t", 0) > counts.get(delimiter, 0):
        delimiter = "\t"
    return delimiter


def _workbook(path: Path, source: str, raw: bytes, kind: str) -> RawExport:
    """The sheets of an .xlsx (openpyxl) or legacy .xls (calamine) workbook."""
    if kind == "xlsx":
        import zipfile

        try:
            with zipfile.ZipFile(io.BytesIO(raw)) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile as exc:
            raise SchemaError(source, None, [Problem(f"cannot read as Excel: {exc}")]) from None
        if "[Content_Types].xml" not in names:
            return _zip_members(path, source, raw)
    engine = "openpyxl" if kind == "xlsx" else "calamine"
    try:
        sheets = pd.read_excel(
            io.BytesIO(raw), sheet_name=None, header=None, dtype=object, engine=engine
        )
    except ImportError:
        raise SchemaError(
            source,
            None,
            [Problem("reading .xls files needs python-calamine: pip install python-calamine")],
        ) from None
    except Exception as exc:  # noqa: BLE001 - damaged workbooks raise many types
        raise SchemaError(source, None, [Problem(f"cannot read as Excel: {exc}")]) from None
    tables = [
        Table([[_cell(v) for v in row] for row in df.itertuples(index=False)], str(name), "row")
        for name, df in sheets.items()
    ]
    return _sheets_or_empty(RawExport(path, tables, kind), source)


_ZIP_TEXT = {".csv", ".tsv", ".txt"}
_ZIP_MEMBERS = 200
_ZIP_BYTES = 256 * 1024 * 1024  # uncompressed, over every member read


def _member_name(info) -> str:
    """A member's file name as its writer meant it.

    Without the zip's UTF-8 flag Python decodes names as code page 437, which turns a
    translated name (``Gráfico.csv``, ``Truy vấn.csv``) into mojibake; such a name is
    re-decoded as UTF-8 when its bytes are UTF-8.
    """
    name = info.filename
    if not info.flag_bits & 0x800:
        try:
            name = name.encode("cp437").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return name.rsplit("/", 1)[-1]


def _zip_members(path: Path, source: str, raw: bytes) -> RawExport:
    """A plain zip of CSV files (a Search Console download): one table per member.

    Each member becomes a :class:`Table` named after the member's file name (``Queries.csv``);
    folders, hidden files and members other than ``.csv``/``.tsv``/``.txt`` are left out.
    At most 200 members and 256 MB uncompressed are read (a zip bomb is refused).
    """
    import zipfile

    tables: list[Table] = []
    total = 0
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        members = [
            info
            for info in archive.infolist()
            if not info.is_dir()
            and not info.filename.startswith("__MACOSX/")
            and not _member_name(info).startswith(".")
            and Path(_member_name(info)).suffix.lower() in _ZIP_TEXT
        ]
        if not members:
            raise SchemaError(
                source,
                None,
                [
                    Problem(
                        "a zip archive without CSV files, and not an Excel workbook",
                        hint="unzip it and read the files inside",
                    )
                ],
            )
        if len(members) > _ZIP_MEMBERS:
            raise SchemaError(
                source, None, [Problem(f"a zip archive of {len(members)} files: too many to read")]
            )
        for info in members:
            total += info.file_size
            if total > _ZIP_BYTES:
                raise SchemaError(
                    source, None, [Problem("a zip archive too large to read (over 256 MB)")]
                )
            name = _member_name(info)
            where = f"{source} ({name})"
            with archive.open(info) as handle:
                data = handle.read(info.file_size + 1)  # a member longer than it says is cut
            if not data.strip():
                table = Table([], name, "line")
            else:
                text, _encoding = decode_text(data, where, legacy=True)
                table = _text_table(text, where) if text.strip() else Table([], name, "line")
                table.name = name
            tables.append(table)
    return RawExport(path, tables, "zip")


def _sheets_or_empty(raw: RawExport, source: str) -> RawExport:
    if not any(any(c.strip() for c in row) for t in raw.tables for row in t.rows):
        raise SchemaError(source, None, [Problem("the workbook is empty: every sheet is blank")])
    return raw


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
    from smmnb.schema import DERIVED_NAMES, TABLES, parse_numbers

    keep = set(canonical)
    # An extra must not pass for a column or metric smmnb defines itself (X's "Engagements"
    # counts clicks too; a posts export's "Date" is not a table's date): prefix it.
    reserved = {c.name for t in TABLES.values() for c in t.columns} | DERIVED_NAMES
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
        values, bad = parse_numbers(df[col])
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
        Anchor for dates written without a year; the day a Search Console download was taken.
    period : tuple of two Timestamps, or None
        The first and last day an export's rows cover, when the export does not say
        (Search Console tables without their download's daily table).
    """

    brand: str | None = None
    timezone: str | None = None
    as_of: pd.Timestamp | None = None
    period: tuple[pd.Timestamp, pd.Timestamp] | None = None


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


def drop_blank_rows(
    df: pd.DataFrame, labels: list[str], column: str, attrs: dict, what: str
) -> tuple[pd.DataFrame, list[str]]:
    """Drop total rows and rows without ``column``; ``attrs["rows_dropped"]`` counts the latter."""
    blank = int((df[column].fillna("").astype("str").str.strip() == "").sum())
    df, labels = drop_total_rows(df, labels, column, pattern=r"^total\b")
    if blank:
        attrs["rows_dropped"] = f"{blank} row(s) without {what}"
    return df, labels


def slash_days(values: pd.Series) -> pd.Series:
    """Naive calendar days from ``8/26/2025`` or ``26/08/2025`` text; NaT for anything else.

    Month first, as the platforms write it, unless a first number above 12 shows that the
    column is day first (a file re-saved where days come first).
    """
    text = values.fillna("").astype("str").str.strip()
    out = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    slash = text.str.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}")
    if slash.any():
        first = text[slash].str.split("/").str[0].astype(int)
        fmt = "%d/%m/%Y" if bool((first > 12).any()) else "%m/%d/%Y"
        out[slash] = pd.to_datetime(text[slash], format=fmt, errors="coerce")
    return out


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
