"""Sniffing formats from content, unknown formats, and exports in load_workspace."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

import smmnb as smm
from smmnb.io.exports import FORMATS, detect_export, read_export


def test_every_sample_export_is_detected_as_its_own_format(sample_dir):
    expected = {
        "meta_ads_manager.csv": "meta_ads",
        "ga4_traffic_acquisition.csv": "ga4",
        "google_ads_campaign_report.csv": "google_ads",
    }
    for name, fmt in expected.items():
        assert detect_export(sample_dir / "exports" / name)[0] == fmt
    # a renamed file is recognised all the same: detection reads content, not names
    assert detect_export(sample_dir / "exports" / "meta_ads_manager.csv")[1] == "ads"


def test_canonical_csv_is_not_mistaken_for_an_export(sample_dir):
    for table in ("posts", "ads", "web_sessions", "followers"):
        assert detect_export(sample_dir / f"{table}.csv") == ("canonical", table)


def test_unknown_format_lists_formats_tried_and_headers_found(tmp_path):
    path = tmp_path / "mystery.csv"
    path.write_text("Foo,Bar,Baz\n1,2,3\n")
    with pytest.raises(smm.SchemaError) as info:
        read_export(path)
    text = str(info.value)
    assert "not a format smmnb recognises" in text
    assert "Meta Ads Manager" in text and "Google Analytics 4" in text
    assert "found first row: Foo, Bar, Baz" in text
    assert len(FORMATS) >= 4


def test_load_workspace_reads_exports_without_counting_twice(ws, sample_dir):
    added = ws.sources.set_index("file")["rows_added"]
    assert added["exports/meta_ads_manager.csv"] == 0
    assert added["exports/ga4_traffic_acquisition.csv"] == 0
    canonical = smm.read_table(sample_dir / "ads.csv", "ads")
    assert len(ws.ads) == len(canonical)
    assert ws.ads["spend"].sum() == canonical["spend"].sum()


def test_load_workspace_adds_new_export_rows(tmp_path, sample_dir):
    for name in ("ads.csv", "posts.csv", "comments.csv"):
        shutil.copy(sample_dir / name, tmp_path / name)
    ads = pd.read_csv(tmp_path / "ads.csv")
    keep = ~ads["platform"].isin(["facebook", "instagram"]) | (ads["date"] < "2026-10-01")
    ads[keep].to_csv(tmp_path / "ads.csv", index=False)  # October's Meta rows only in the export
    (tmp_path / "exports").mkdir()
    shutil.copy(sample_dir / "exports" / "meta_ads_manager.csv", tmp_path / "exports")
    ws = smm.load_workspace(tmp_path)
    row = ws.sources.set_index("file").loc["exports/meta_ads_manager.csv"]
    assert row["rows_added"] == (~keep).sum() > 0
    assert len(ws.ads) == len(ads)
    assert ws.ads["spend"].sum() == pytest.approx(ads["spend"].sum())
    assert "clicks_all" in ws.ads.columns  # export-only metrics travel along


def test_export_without_account_needs_a_brand_when_ambiguous(tmp_path, sample_dir):
    (tmp_path / "exports").mkdir()
    shutil.copy(sample_dir / "exports" / "google_ads_campaign_report.csv", tmp_path / "exports")
    with pytest.raises(smm.SchemaError, match="brand="):
        smm.load_workspace(tmp_path)
    ws = smm.load_workspace(tmp_path, brand="Lumi")
    assert ws.ads["brand"].astype(str).unique().tolist() == ["Lumi"]
    assert ws.ads["platform"].astype(str).unique().tolist() == ["google"]


# --- The core: opening any file (decoding, workbooks), a sniffer or reader that fails -------

from smmnb.errors import SchemaError  # noqa: E402
from smmnb.io import exports as registry  # noqa: E402
from smmnb.io.exports._base import ExportFormat, Found, open_export  # noqa: E402
from smmnb.io.files import container, decode  # noqa: E402
from smmnb.sample.exports._write import xlsx_bytes  # noqa: E402


def test_legacy_windows_1252_export_is_decoded_and_canonical_tables_stay_strict(tmp_path):
    """Legacy Page Insights CSVs are Windows-1252 ('Catalu\\xf1a'); a table file is never
    guessed (a Vietnamese file in another code page would be silently garbled)."""
    text = "Date,Lifetime Total Likes,City\r\n1/2/2014,12,Catalu\u00f1a \u2013 \u20ac5\r\n"
    path = tmp_path / "page.csv"
    path.write_bytes(text.encode("cp1252"))
    raw = open_export(path)
    assert raw.encoding == "cp1252"
    assert raw.tables[0].rows == [
        ["Date", "Lifetime Total Likes", "City"],
        ["1/2/2014", "12", "Catalu\u00f1a \u2013 \u20ac5"],
    ]
    with pytest.raises(SchemaError, match=r"not UTF-8 or UTF-16 text \(byte 50, line 2\)"):
        decode(path.read_bytes(), str(path))  # what read_table uses
    with pytest.raises(SchemaError, match="not UTF-8"):
        smm.read_table(path, "posts")


def test_bytes_that_are_no_western_text_are_not_taken_for_windows_1252(tmp_path):
    path = tmp_path / "noise.csv"
    path.write_bytes(bytes(range(0x80, 0x100)) * 4 + b"\n")  # not UTF-8, mostly high bytes
    with pytest.raises(SchemaError, match="not UTF-8 or UTF-16 text"):
        open_export(path)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_page_series_with_a_sep_line_in_any_unicode_encoding(tmp_path, encoding):
    """Meta's page-level series: UTF-16 with BOM (or without), an Excel 'sep=,' line, a
    metric-name line, then the header. The sep line is no row; rows keep their line numbers."""
    text = (
        'sep=,\n"Reach"\n"Date","Primary"\n"2026-05-25T00:00:00","120"\n"2026-05-26T00:00:00","7"\n'
    )
    path = tmp_path / "Reach.csv"
    path.write_bytes(text.encode(encoding))
    table = open_export(path).tables[0]
    assert table.rows == [
        ["Reach"],
        ["Date", "Primary"],
        ["2026-05-25T00:00:00", "120"],
        ["2026-05-26T00:00:00", "7"],
    ]
    assert [table.line(i) for i in range(4)] == [2, 3, 4, 5]
    df, labels = table.frame(1)
    assert labels == ["line 4", "line 5"] and df["Primary"].tolist() == ["120", "7"]


def test_a_sep_line_sets_the_delimiter(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("sep=;\nDate;Views\n2026-01-01;1,5\n")  # a decimal comma, not a delimiter
    assert open_export(path).tables[0].rows == [["Date", "Views"], ["2026-01-01", "1,5"]]


def test_quoted_line_breaks_keep_the_line_numbers_of_the_rows_below(tmp_path):
    path = tmp_path / "posts.csv"
    path.write_text('Post ID,Title,Reach\n1,"two\nlines",5\n2,"three\nlines\nhere",x\n3,ok,7\n')
    table = open_export(path).tables[0]
    df, labels = table.frame(0)
    assert labels == ["line 2", "line 4", "line 7"]
    assert df["Title"].tolist() == ["two\nlines", "three\nlines\nhere", "ok"]


SPREADSHEETML = """<?xml version="1.0"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
 <Worksheet ss:Name="Key Metrics">
  <Table>
   <Row><Cell><Data ss:Type="String">Date</Data></Cell>
        <Cell><Data ss:Type="String">Lifetime Total Likes</Data></Cell>
        <Cell ss:Index="4"><Data ss:Type="String">Daily New Likes</Data></Cell></Row>
   <Row><Cell ss:MergeAcross="1"><Data ss:Type="String">Lifetime: people</Data></Cell></Row>
   <Row><Cell><Data ss:Type="DateTime">2014-01-01T00:00:00.000</Data></Cell>
        <Cell><Data ss:Type="Number">1200</Data></Cell><Cell/>
        <Cell><Data ss:Type="Number">3.5</Data></Cell></Row>
   <Row ss:Index="5"><Cell><Data ss:Type="String">Caf\u00e9 &amp; co</Data></Cell></Row>
  </Table>
 </Worksheet>
 <Worksheet ss:Name="Daily Like Sources"><Table/></Worksheet>
</Workbook>
"""


def test_excel_2003_xml_saved_as_xls_is_read_with_every_sheet(tmp_path):
    path = tmp_path / "Facebook Insights Data Export - Page.xls"
    path.write_bytes(SPREADSHEETML.encode("utf-8"))
    raw = open_export(path)
    assert raw.encoding == "spreadsheetml"
    assert [t.name for t in raw.tables] == ["Key Metrics", "Daily Like Sources"]
    assert raw.tables[0].rows == [
        ["Date", "Lifetime Total Likes", "", "Daily New Likes"],
        ["Lifetime: people", ""],
        ["2014-01-01T00:00:00.000", "1200", "", "3.5"],
        [],
        ["Caf\u00e9 & co"],
    ]
    assert raw.tables[0].row_word == "row" and raw.tables[1].rows == []


def test_a_file_is_judged_by_its_bytes_not_its_name(tmp_path):
    as_text = tmp_path / "report.xls"  # tab-separated text saved with an Excel name
    as_text.write_text("Date\tSessions\n2026-01-01\t4\n")
    assert open_export(as_text).tables[0].rows == [["Date", "Sessions"], ["2026-01-01", "4"]]
    workbook = tmp_path / "report.csv"  # a workbook saved with a CSV name
    workbook.write_bytes(xlsx_bytes({"Data": [["Date", "Sessions"], ["2026-01-01", 4]]}))
    raw = open_export(workbook)
    assert raw.encoding == "xlsx" and raw.tables[0].rows == [
        ["Date", "Sessions"],
        ["2026-01-01", "4"],
    ]
    assert (
        container(b"PK\x03\x04") == "zip"
        and container(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") == "ole"
    )
    assert container("<?xml version='1.0'?><Workbook xmlns='urn:schemas-microsoft-com:"
                     "office:spreadsheet'>".encode("utf-16")) == "spreadsheetml"  # fmt: skip


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty"),
        (b"\xef\xbb\xbf \r\n", "the file is empty"),
        (
            b"\x00\x01\x02\x03\x04\x05",
            "not a text file or a workbook (binary data: a NUL byte at byte 0)",
        ),
        (b"PK\x03\x04garbage", "cannot read as Excel"),
        (b"<html><table><tr><td>1</td></tr></table></html>", "a web page (HTML), not a CSV"),
        (b"%PDF-1.7", "a PDF document, not a CSV"),
        (b'Date,Title\n2026-01-01,"never closed' + b"x" * 140_000, "cannot read as CSV (line 2)"),
    ],
)
def test_files_that_cannot_be_exports_are_schema_errors(tmp_path, data, message):
    path = tmp_path / "export.csv"
    path.write_bytes(data)
    with pytest.raises(SchemaError) as info:
        read_export(path)
    assert message in str(info.value) and str(path) in str(info.value)


def test_zip_archives_and_blank_workbooks_are_refused_with_what_to_do(tmp_path):
    import zipfile

    # a zip of CSV files is read (a Search Console download); one without any is refused
    archive = tmp_path / "photos.xlsx"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("photo.jpg", b"\xff\xd8\xff")
    with pytest.raises(SchemaError, match="a zip archive without CSV files, and not an Excel"):
        read_export(archive)
    blank = tmp_path / "blank.xlsx"
    blank.write_bytes(xlsx_bytes({"Sheet1": [], "Sheet2": [[None, ""]]}))
    with pytest.raises(SchemaError, match="the workbook is empty: every sheet is blank"):
        read_export(blank)


def test_a_header_cell_with_a_line_break_breaks_no_sniffer(tmp_path, sample_dir):
    """The crash of issue #13: Meta Ads' sniffer on 'Amount\\nspent' raised AttributeError
    and, since every sniffer runs on every file, broke every format."""
    path = tmp_path / "export.csv"
    sample = sample_dir / "exports" / "google_ads_campaign_report.csv"
    lines = sample.read_bytes().decode("utf-16").splitlines()  # "CSV (Excel)": UTF-16, tabs
    lines.insert(2, '"Amount\nspent (VND)"\t"Link\r\nclicks"\t""')  # a row the sniffers see
    path.write_bytes("\n".join(lines).encode("utf-16"))
    assert detect_export(path) == ("google_ads", "ads")


def _fmt(name, detect, read=None, table="ads"):
    return ExportFormat(name, f"Made-up {name}", table, detect, read or (lambda *a: None))


def test_a_throwing_sniffer_counts_as_no_and_other_formats_still_match(monkeypatch, sample_dir):
    def boom(raw):
        return None.group(1)  # the AttributeError of issue #13

    odd = [_fmt("boom", boom), _fmt("odd", lambda raw: "yes"), *registry.FORMATS]
    monkeypatch.setattr(registry, "FORMATS", odd)
    path = sample_dir / "exports" / "meta_ads_manager.csv"
    assert detect_export(path) == ("meta_ads", "ads")
    assert len(read_export(path)) == 460


def test_a_failing_reader_is_a_schema_error_naming_file_format_and_failure(tmp_path, monkeypatch):
    path = tmp_path / "export.csv"
    path.write_text("Made,Up\n1,2\n")

    def found(raw):
        return Found(raw.tables[0], 0)

    def broken(raw, found, options):
        return {}["no such key"]

    def wrong_frame(raw, found, options):
        return "not a frame", [], {}

    for reader, step in ((broken, "reading it failed (KeyError"),
                         (wrong_frame, "checking it as table 'ads' failed")):  # fmt: skip
        monkeypatch.setattr(registry, "FORMATS", [_fmt("made_up", found, reader)])
        with pytest.raises(SchemaError) as info:
            read_export(path)
        text = str(info.value)
        assert text.startswith(f"{path} (table 'ads'): 1 problem")
        assert f"recognised as a Made-up made_up export, but {step}" in text
        assert "defect of smmnb" in text


def test_io_imports_no_analysis_module_no_private_schema_helper_and_has_no_cycle():
    """io/files imports nothing of smmnb but errors; exports' base does not import tables;
    no io module imports metrics or a private name of schema. A ratio smmnb computes is a
    reserved name for the exports' extra columns (DERIVED_NAMES covers metrics.RATIOS)."""
    import ast
    from pathlib import Path

    from smmnb.metrics import RATIOS
    from smmnb.schema import DERIVED_NAMES

    root = Path(smm.__file__).parent / "io"
    imported = {}
    for file in root.rglob("*.py"):
        names = set()
        for node in ast.walk(ast.parse(file.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                names |= {f"{node.module}.{a.name}" for a in node.names}
            elif isinstance(node, ast.Import):
                names |= {a.name for a in node.names}
        imported[file.relative_to(root).as_posix()] = names
    for file, names in imported.items():
        assert not [n for n in names if n.startswith("smmnb.metrics")], file
        assert not [n for n in names if n.startswith("smmnb.schema._")], file
    assert {n for n in imported["files.py"] if n.startswith("smmnb")} <= {
        "smmnb.errors.Problem",
        "smmnb.errors.SchemaError",
    }
    assert not [n for n in imported["exports/_base.py"] if n.startswith("smmnb.io.tables")]
    assert set(RATIOS) | {"engagements", "roi"} <= DERIVED_NAMES


def test_a_workbook_of_several_exports_fills_each_of_its_tables(sample_dir):
    """LinkedIn's content workbook: the page's days on 'Metrics' (its first sheet, which
    read_export gives), posts on 'All posts'."""
    from smmnb.io.exports import read_export, read_exports

    path = sample_dir / "exports" / "linkedin_content.xlsx"
    frames = read_exports(path, brand="Lumi")
    assert [f.attrs["table"] for f in frames] == ["channel_daily", "posts"]
    first = read_export(path, brand="Lumi")
    assert frames[0].equals(first)
    metrics = pd.read_excel(path, sheet_name="Metrics", header=1, engine="openpyxl")
    assert len(frames[0]) == len(metrics)
    assert frames[0]["impressions"].sum() == metrics["Impressions (total)"].sum()
