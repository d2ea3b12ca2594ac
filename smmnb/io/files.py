"""Bytes of a file -> text or sheets, shared by :mod:`smmnb.io.tables` and :mod:`smmnb.io.exports`.

Nothing here knows about tables or platforms: it decodes text (UTF-8 with or without BOM,
UTF-16 with or without BOM, and for platform exports the single-byte Windows-1252 of legacy
downloads), tells a workbook from a text file by its first bytes (not by its name), and reads
the sheets of an Excel 2003 XML ("SpreadsheetML") workbook. Every failure is a
:class:`~smmnb.errors.SchemaError` naming the file.
"""

from __future__ import annotations

import re
import unicodedata

from smmnb.errors import Problem, SchemaError

__all__ = ["container", "decode", "decode_text", "spreadsheetml_sheets"]

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF8_BOM = b"\xef\xbb\xbf"
_SPREADSHEETML = b"urn:schemas-microsoft-com:office:spreadsheet"
_SAVE_AS = "save the file as 'CSV UTF-8' and read it again"


def container(raw: bytes) -> str:
    """What the bytes are, judged from their start.

    ``"zip"`` (an .xlsx workbook), ``"ole"`` (a legacy .xls workbook), ``"spreadsheetml"``
    (Excel 2003 XML), ``"html"``, ``"pdf"``, or ``"text"`` (anything else, for :func:`decode`).
    """
    if raw.startswith(b"PK\x03\x04"):
        return "zip"
    if raw.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if raw.startswith(b"%PDF"):
        return "pdf"
    head = _ascii_head(raw)
    if head.startswith(b"<"):
        if _SPREADSHEETML in head:
            return "spreadsheetml"
        if re.match(rb"(?:<\?xml[^>]*>\s*)?(?:<!doctype html|<html|<table)", head, re.I):
            return "html"
    return "text"


def _ascii_head(raw: bytes, size: int = 4096) -> bytes:
    """The first bytes as ASCII, whatever the encoding (UTF-16's NULs dropped), stripped."""
    head = raw[:size]
    for bom in (_UTF8_BOM, *_UTF16_BOMS):
        if head.startswith(bom):
            head = head[len(bom) :]
            break
    return head.replace(b"\x00", b"").lstrip()


def decode(raw: bytes, source: str, *, legacy: bool = False) -> str:
    """The text of a file: UTF-8 (with or without BOM) or UTF-16 (with or without BOM).

    Parameters
    ----------
    raw : bytes
        The file's bytes.
    source : str
        The file as named in errors.
    legacy : bool
        Also accept Windows-1252 (a superset of Latin-1) when the bytes are not UTF-8 but
        read as plausible text: legacy Facebook Page Insights downloads are written so. Off
        for canonical tables, whose files the user writes (a silent guess could garble
        Vietnamese text saved in another code page); on for platform exports.

    Raises
    ------
    SchemaError
        For binary data, or bytes that are no such text.
    """
    return decode_text(raw, source, legacy=legacy)[0]


def decode_text(raw: bytes, source: str, *, legacy: bool = False) -> tuple[str, str]:
    """:func:`decode`, and the encoding found: ``"utf-8"``, ``"utf-16"`` or ``"cp1252"``."""
    if raw.startswith(_UTF16_BOMS):
        encoding = "utf-16-le" if raw.startswith(b"\xff\xfe") else "utf-16-be"
        return _utf16(raw[2:], encoding, source), "utf-16"
    if raw.startswith(_UTF8_BOM):
        raw = raw[3:]
    elif b"\x00" in raw[:4096]:
        guess = _bomless_utf16(raw)
        if guess is None:
            at = raw.index(b"\x00")
            raise SchemaError(
                source,
                None,
                [
                    Problem(
                        f"not a text file or a workbook (binary data: a NUL byte at byte {at})",
                        hint="export the data as CSV or Excel (.xlsx) and read that file",
                    )
                ],
            )
        return _utf16(raw, guess, source), "utf-16"
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        if legacy:
            text = _windows_1252(raw)
            if text is not None:
                return text, "cp1252"
        line = raw[: exc.start].count(b"\n") + 1
        raise SchemaError(
            source,
            None,
            [Problem(f"not UTF-8 or UTF-16 text (byte {exc.start}, line {line})", hint=_SAVE_AS)],
        ) from None
    _no_nul(text, source)
    return text, "utf-8"


def _utf16(body: bytes, encoding: str, source: str) -> str:
    if len(body) % 2:  # a download cut in the middle of a character
        body = body[:-1]
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        raise SchemaError(
            source,
            None,
            [
                Problem(
                    f"not UTF-16 text, although it starts like it (byte {exc.start})", hint=_SAVE_AS
                )
            ],
        ) from None
    _no_nul(text, source)
    return text


def _bomless_utf16(raw: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` when NULs fill every other byte (ASCII-heavy UTF-16)."""
    head = raw[:4096]
    head = head[: len(head) - len(head) % 2]
    pairs = len(head) // 2
    if pairs < 2:
        return None
    odd = head[1::2].count(0) / pairs
    even = head[0::2].count(0) / pairs
    if odd >= 0.7 and even <= 0.05:
        return "utf-16-le"
    if even >= 0.7 and odd <= 0.05:
        return "utf-16-be"
    return None


def _no_nul(text: str, source: str) -> None:
    at = text.find("\x00")
    if at >= 0:
        raise SchemaError(
            source,
            None,
            [
                Problem(
                    f"not a text file (a NUL character at character {at})",
                    hint="export the data as CSV or Excel (.xlsx) and read that file",
                )
            ],
        )


_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")  # all but tab and line breaks
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _windows_1252(raw: bytes) -> str | None:
    """The bytes as Windows-1252 when that reads as text, else None.

    Plausible text: every byte defined in the code page, no control characters but line
    breaks and tabs, and the non-ASCII characters mostly letters, marks, spaces and common
    punctuation or symbols (``ñ é ’ “ € £ ° ©``), not a run of binary noise.
    """
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        return None
    if _CONTROLS.search(text):
        return None
    high = _NON_ASCII.findall(text)
    if len(high) > max(8, len(text) // 10):  # mostly non-ASCII: not Western text in this code page
        return None
    if any(unicodedata.category(ch)[0] not in "LMPSZ" for ch in set(high)):
        return None
    return text


def spreadsheetml_sheets(raw: bytes, source: str) -> list[tuple[str, list[list[str]]]]:
    """The sheets of an Excel 2003 XML workbook (often saved with an ``.xls`` name).

    Returns
    -------
    list of (sheet name, rows)
        Rows of cells as text, in order; ``ss:Index`` gaps become empty cells and rows, and a
        merged cell (``ss:MergeAcross``) fills the first of its columns. Numbers are written
        without a trailing ``.0`` when whole.

    Raises
    ------
    SchemaError
        If the XML is not well formed or holds no worksheet.
    """
    from xml.etree import ElementTree  # expat: no external entities, bounded amplification

    ss = "{urn:schemas-microsoft-com:office:spreadsheet}"
    try:
        root = ElementTree.fromstring(raw)
    except (ElementTree.ParseError, ValueError) as exc:
        raise SchemaError(
            source, None, [Problem(f"cannot read as an Excel 2003 XML workbook: {exc}")]
        ) from None
    sheets = []
    for sheet in root.iter(f"{ss}Worksheet"):
        name = sheet.get(f"{ss}Name", f"Sheet{len(sheets) + 1}")
        rows: list[list[str]] = []
        for table in sheet.iter(f"{ss}Table"):
            for row in table.iter(f"{ss}Row"):
                index = _index(row.get(f"{ss}Index"))
                if index is not None:
                    rows.extend([] for _ in range(max(0, index - 1 - len(rows))))
                cells: list[str] = []
                for cell in row.iter(f"{ss}Cell"):
                    at = _index(cell.get(f"{ss}Index"), _MAX_COLUMNS)
                    if at is not None:
                        cells.extend("" for _ in range(max(0, at - 1 - len(cells))))
                    data = cell.find(f"{ss}Data")
                    text = "" if data is None else "".join(data.itertext())
                    if data is not None and data.get(f"{ss}Type") == "Number":
                        text = _number_text(text)
                    cells.append(text)
                    span = _index(cell.get(f"{ss}MergeAcross"), _MAX_COLUMNS - len(cells)) or 0
                    cells.extend("" for _ in range(span))
                rows.append(cells)
        sheets.append((name, rows))
    if not sheets:
        raise SchemaError(source, None, [Problem("an Excel 2003 XML file without any worksheet")])
    return sheets


_MAX_ROWS, _MAX_COLUMNS = 1_048_576, 16_384  # Excel's own limits


def _index(value: str | None, limit: int = _MAX_ROWS) -> int | None:
    """A 1-based ``ss:Index`` (or a span); None if absent or not a whole number up to ``limit``."""
    if value is None or not value.strip().isdigit():
        return None
    number = int(value)
    return number if number <= limit else None


def _number_text(text: str) -> str:
    try:
        number = float(text)
    except ValueError:
        return text.strip()
    if number.is_integer() and abs(number) < 2**53:
        return str(int(number))
    return text.strip()
