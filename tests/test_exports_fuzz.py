"""No crash, ever: whatever a file holds, the export readers raise only SchemaErrors.

Hypothesis builds files from templates of every format (the sample's exports and made-up
rows in the shapes of the other downloads) and mutates them: header cells with line breaks,
quotes, emoji, soft hyphens, empty or very long; rows cut off, zero data rows; other
delimiters, encodings and a ``sep=`` line; bytes truncated; CSV, .xlsx, Excel 2003 XML and
binary garbage. Every sniffer (:func:`detect_export`), every reader whose sniffer accepts the
file (not only the first), :func:`read_export` and :func:`load_workspace` on a folder holding
the file must answer or raise a :class:`~smmnb.errors.SmmnbError` that names the file.
Derandomized, so that CI sees the same examples every run.
"""

from __future__ import annotations

import csv
import io
import tempfile
import warnings
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import smmnb as smm
from smmnb.errors import SchemaError, SmmnbError
from smmnb.io.exports import FORMATS, _detect, _read, detect_export, read_export
from smmnb.io.exports._base import Options, open_export
from smmnb.sample.exports._write import xlsx_bytes

SAMPLE_EXPORTS = Path(__file__).resolve().parent.parent / "sample_data" / "exports"
MAX_ROWS = 12

FUZZ = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _sample_templates() -> list[list[list[str]]]:
    """The first rows of each sheet of the sample's export files, and of some table files."""
    out = []
    paths = sorted(SAMPLE_EXPORTS.glob("*"))
    paths += [SAMPLE_EXPORTS.parent / f"{t}.csv" for t in ("posts", "ads", "followers")]
    for path in paths:
        for table in open_export(path).tables:
            if table.rows:
                out.append([list(r) for r in table.rows[: MAX_ROWS + 4]])
    return out


# Made-up rows in the shapes of downloads the sample does not have (values invented).
MADE_UP = [
    [["Reach"], ["Date", "Primary"], ["2026-05-25T00:00:00", "120"], ["2026-05-26T00:00:00", "7"]],
    [["Follows"], ["Date", "Primary"], ["2025-01-01T01:00:00", "1"], ["2025-01-02T00:00:00", "0"]],
    [
        ["# ----------------------------------------"],
        ["# Account: Made up"],
        ["# Start date: 20250101"],
        ["# End date: 20250131"],
        ["# ----------------------------------------"],
        [],
        ["Date", "Session default channel group", "Sessions", "Engaged sessions"],
        ["20250103", "Organic Social", "12", "7"],
        ["20250101", "Direct", "3", "1"],
    ],
    [
        ["Nth day", "Users"],
        ["0000", "5"],
        [],
        ["# ----"],
        ["Country", "Users"],
        ["Narnia", "3"],
    ],
    [
        ["Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares"],
        ["February 28", "10", "2", "3", "0", "1"],
        ["March 1", "undefined", "0", "1", "0", "0"],
    ],
    [["Date", "Followers", "Difference in followers from previous day"], ["January 2", "40", "-1"]],
    [
        ["Date", "Total Viewers", "New Viewers", "Returning Viewers"],
        ["December 31", "undefined", "4", "2"],
    ],
    [
        [
            "Vi\u00addeo",
            "Vi\u00addeo\u00adti\u00adtel",
            "Auf\u00adru\u00adfe",
            "Im\u00adpres\u00adsio\u00adnen",
        ],
        ["Ge\u00adsamt", "", "30", "300"],
        [" -abc123", "Ein Titel", "10", "100"],
        ["Die 2 be\u00adsten Er\u00adgeb\u00adnis\u00adse"],
    ],
    [
        ["Date", "Impressions", "Likes", "Engagements", "New follows", "Unfollows", "Video views"],
        ["Sat, Aug 1, 2026", "100", "3", "9", "1", "0", "4"],
    ],
    [
        ["Campaign report"],
        ["1 March 2026 - 31 March 2026"],
        ["Campaign", "Day", "Currency code", "Cost", "Impr.", "Interactions"],
        ["Spring", "2026-03-02", "EUR", "1,234.50", "< 10%", "--"],
        ["Total: Account", "", "EUR", "1,234.50", "9", "--"],
    ],
    [
        ["Reporting starts", "Reporting ends", "Campaign name", "Ad set name", "Ad set name"],
        ["2026-06-01", "2026-06-30", "", "", ""],
        ["2026-06-01", "2026-06-30", "Spring", "A", "A"],
        ["No data available."],
    ],
    [
        ["Post ID", "Permalink", "Post Message", "Type", "Posted", "Lifetime Post Total Reach"],
        ["", "", "", "", "", "Lifetime: The number of people who saw it"],
        ["1_2", "https://example.com", "Hi", "Photo", "11/15/2014 9:50:37 AM", "12"],
    ],
]

TEMPLATES = _sample_templates() + MADE_UP

# Cells that break naive sniffers: line breaks, quotes, emoji, BOMs, soft hyphens, empties,
# very long text, separators, numbers in every style.
NASTY = st.sampled_from(
    [
        "",
        " ",
        "\n",
        "Amount\nspent (VND)",
        "Link clicks\r\n",
        '"',
        '""quoted""',
        "😀🔥",
        "\ufeffDate",
        "Auf\u00adru\u00adfe",
        "x" * 5000,
        "Total",
        "Tổng",
        "--",
        "-",
        "undefined",
        "N/A",
        "1,234.5",
        "1.234.567,5",
        "12.5%",
        "< 10%",
        "5218.0",
        "-1",
        "1e400",
        "nan",
        "February 29",
        "8 de marzo",
        "Sat, Aug 1, 2026",
        "2026-13-45",
        "20250231",
        "0000",
        "sep=,",
        "# comment",
        ";",
        "\t",
        "|",
        "&amp;",
        "<b>",
    ]
)
CELL = st.one_of(NASTY, st.text(max_size=40), st.text(min_size=200, max_size=400))


@st.composite
def tables(draw) -> list[list[str]]:
    """A template's rows, mutated."""
    rows = [list(r) for r in draw(st.sampled_from(TEMPLATES))]
    keep = draw(st.integers(min_value=0, max_value=len(rows)))
    rows = rows[:keep] if draw(st.booleans()) else rows
    for _ in range(draw(st.integers(min_value=0, max_value=6))):
        if not rows:
            break
        i = draw(st.integers(min_value=0, max_value=len(rows) - 1))
        action = draw(st.sampled_from(["cell", "cell", "cut", "drop", "blank", "add", "dup"]))
        if action == "cell" and rows[i]:
            j = draw(st.integers(min_value=0, max_value=len(rows[i]) - 1))
            rows[i][j] = draw(CELL)
        elif action == "cut":
            rows[i] = rows[i][: draw(st.integers(min_value=0, max_value=len(rows[i])))]
        elif action == "drop":
            del rows[i]
        elif action == "blank":
            rows.insert(i, [])
        elif action == "add":
            rows[i].append(draw(CELL))
        elif action == "dup":
            rows.insert(i, list(rows[i]))
    return rows


def _csv_bytes(rows: list[list[str]], delimiter: str, encoding: str, sep_line: bool) -> bytes:
    buffer = io.StringIO()
    if sep_line:
        buffer.write(f"sep={delimiter}\n")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode(encoding, errors="replace")


def _spreadsheetml(sheets: dict[str, list[list[str]]]) -> bytes:
    parts = [
        '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">'
    ]
    for name, rows in sheets.items():
        parts.append(f'<Worksheet ss:Name="{escape(name, {chr(34): "&quot;"})}"><Table>')
        for row in rows:
            cells = "".join(
                f'<Cell><Data ss:Type="String">{escape(_xml_text(c))}</Data></Cell>' for c in row
            )
            parts.append(f"<Row>{cells}</Row>")
        parts.append("</Table></Worksheet>")
    parts.append("</Workbook>")
    return "".join(parts).encode("utf-8")


def _xml_text(text: str) -> str:
    """Text XML can hold (no control characters but tab and line breaks, no surrogates)."""
    return "".join(c for c in text if c in "\t\n\r" or (" " <= c and not "\ud800" <= c <= "\udfff"))


PREFIXES = [b"", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\xff\xfe", b"\xef\xbb\xbf"]
PREFIXES += [b"<?xml", b"%PDF", b"sep=,\n"]


@st.composite
def files(draw) -> tuple[str, bytes]:
    """(file name, bytes) of a mutated export, or of garbage."""
    kind = draw(st.sampled_from(["csv"] * 6 + ["xlsx", "xml", "garbage", "truncated"]))
    if kind == "garbage":
        prefix = draw(st.sampled_from(PREFIXES))
        suffix = draw(st.sampled_from([".csv", ".xlsx", ".xls", ".txt"]))
        return f"garbage{suffix}", prefix + draw(st.binary(max_size=600))
    rows = draw(tables())
    if kind in {"csv", "truncated"}:
        delimiter = draw(st.sampled_from([",", ",", "\t", ";"]))
        encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"]))
        data = _csv_bytes(rows, delimiter, encoding, draw(st.booleans()))
        if kind == "truncated" and data:
            data = data[: draw(st.integers(min_value=0, max_value=len(data)))]
        return draw(st.sampled_from(["export.csv", "export.txt", "Tabellendaten.csv"])), data
    sheets = {
        draw(st.sampled_from(["Sheet1", "Metrics", "All posts", "Dataset1", ""])) or "S": rows
    }
    if draw(st.booleans()):
        sheets["Empty"] = []
    if kind == "xlsx":
        clean = {
            n[:31] or "S": [[_xml_text(c)[:30000] for c in r] for r in rs]
            for n, rs in sheets.items()
        }
        return "export.xlsx", xlsx_bytes(clean)
    return "export.xls", _spreadsheetml(sheets)


def _only_smmnb_errors(call, path: Path) -> None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            call()
    except SmmnbError as err:
        assert isinstance(err, SchemaError), f"{type(err).__name__} is not a SchemaError"
        assert str(path) in str(err) or path.name in str(err), str(err)


def _every_reader(path: Path) -> None:
    """Each format whose sniffer accepts the file reads it (not only the first that does)."""
    try:
        raw = open_export(path)
    except SchemaError:
        return
    for fmt in FORMATS:
        found = _detect(fmt, raw)
        if found is not None:
            for options in (Options(), Options("B", "America/New_York", None)):
                _only_smmnb_errors(lambda: _read(raw, fmt, found, options), path)  # noqa: B023


@FUZZ
@given(files())
def test_sniffers_and_readers_raise_only_smmnb_errors(file):
    name, data = file
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        _only_smmnb_errors(lambda: detect_export(path), path)
        _only_smmnb_errors(lambda: read_export(path), path)
        _only_smmnb_errors(lambda: read_export(path, brand="B", as_of="2026-03-01"), path)
        _every_reader(path)


@settings(FUZZ, max_examples=25)
@given(files(), st.booleans(), st.sampled_from(["exports", "posts", "ads", "followers"]))
def test_load_workspace_on_a_folder_with_any_file_raises_only_smmnb_errors(file, owner, where):
    """The file as an export (in exports/) or as a table file (posts.csv, ads.xlsx...)."""
    name, data = file
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "exports").mkdir()
        if where == "exports":
            path = Path(folder) / "exports" / name
        else:
            path = Path(folder) / f"{where}{'.xlsx' if name.endswith('.xlsx') else '.csv'}"
        path.write_bytes(data)
        _only_smmnb_errors(
            lambda: smm.load_workspace(folder, owner="B" if owner else None, cache=False), path
        )


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\n\n  \n",
        b"\xef\xbb\xbf",
        b"\xff\xfe",
        b"\xff\xfe\x00",
        b"\x00\x01\x02\x03binary",
        b"PK\x03\x04 not a zip",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 not a workbook",
        b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">',
        b"<html><body><table><tr><td>1</td></tr></table></body></html>",
        b"%PDF-1.4 ...",
        b'"an unclosed quote, ' + b"x" * 200_000,
    ],
)
def test_files_that_are_no_export_are_schema_errors_naming_the_file(tmp_path, data):
    path = tmp_path / "export.csv"
    path.write_bytes(data)
    for call in (detect_export, read_export):
        with pytest.raises(SchemaError) as info:
            call(path)
        assert str(path) in str(info.value)
