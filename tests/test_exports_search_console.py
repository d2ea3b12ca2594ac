"""Google Search Console Performance downloads -> search_daily and search_terms.

The fixtures under tests/data/search_console/{en,vi,fr}/ are made up; each reproduces quirks of
genuine downloads (translated member names and headers, files without a final newline, newest
day first, ``0,0,0%,0`` and empty CTR and position on days without impressions, a query GSC
wrapped over two lines inside its quotes, doubled quotes, a header-only table, a no-break space
in Filtres.csv). Zips and workbooks are built from them in each test. Every figure asserted is
computed by hand in the test from the fixtures' numbers.

An optional test reads the genuine downloads of ../shared/real/exports/search_console/ (skipped
without them) and checks expected.json's rows and sums.
"""

from __future__ import annotations

import datetime
import json
import shutil
import warnings
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import smmnb as smm
from smmnb import i18n
from smmnb.errors import ExportNotUsable, SchemaError
from smmnb.io.exports import detect_export, read_export, read_exports
from smmnb.io.exports.search_console import parse_range

DATA = Path(__file__).parent / "data" / "search_console"
EN, VI, FR = DATA / "en", DATA / "vi", DATA / "fr"
REAL = Path(__file__).resolve().parents[2] / "shared" / "real" / "exports" / "search_console"
D = pd.Timestamp


def pooled(df: pd.DataFrame) -> tuple[int, int, float, float]:
    """Clicks, impressions, pooled CTR and impression-weighted position of some rows."""
    clicks, impressions = int(df["clicks"].sum()), int(df["impressions"].sum())
    rated = df[df["position"].notna() & (df["impressions"] > 0)]
    weights = rated["impressions"].astype(float)
    position = float((rated["position"] * weights).sum() / weights.sum())
    return clicks, impressions, clicks / impressions, position


def zip_of(folder: Path, dest: Path, only: list[str] | None = None) -> Path:
    """The CSV files of ``folder`` zipped as GSC does (deflated members, names as written)."""
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(folder.iterdir()):
            if only is None or file.name in only:
                archive.writestr(file.name, file.read_bytes())
    return dest


def copy_of(folder: Path, dest: Path, only: list[str] | None = None) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for file in folder.iterdir():
        if only is None or file.name in only:
            shutil.copy(file, dest / file.name)
    return dest


# ------------------------------------------------------------------------------------------
# English: a download's CSV files, unzipped


def test_english_daily_table_newest_first_with_days_without_impressions():
    daily = read_export(EN / "Dates.csv", brand="Lumi")
    assert detect_export(EN / "Dates.csv") == ("search_console", "search_daily")
    assert daily.attrs["table"] == "search_daily"
    assert daily["date"].tolist() == list(pd.date_range("2026-01-07", "2026-01-01", freq="-1D"))
    assert daily["clicks"].tolist() == [0, 0, 12, 10, 8, 5, 2]
    assert daily["impressions"].tolist() == [0, 0, 300, 250, 200, 100, 50]
    # "0,0,0%,0" and "0,0,," alike: no impressions, so no position (never 0)
    assert daily["position"].isna().tolist() == [True, True, False, False, False, False, False]
    assert daily["end_date"].isna().all()
    assert daily["brand"].astype(str).unique().tolist() == ["Lumi"]
    # the Filters beside it give the search type and the page filter
    assert daily["search_type"].astype(str).unique().tolist() == ["web"]
    assert daily["filters"].unique().tolist() == ["page: +/blog/"]
    clicks, impressions, ctr, position = pooled(daily)
    assert (clicks, impressions) == (0 + 0 + 12 + 10 + 8 + 5 + 2, 300 + 250 + 200 + 100 + 50)
    assert ctr == pytest.approx(37 / 900)
    assert position == pytest.approx((8.5 * 300 + 9 * 250 + 10 * 200 + 12.2 * 100 + 15 * 50) / 900)
    assert daily.attrs["language"] == "en" and daily.attrs["daily"] == "daily"


def test_english_queries_dated_by_the_daily_table_beside_them():
    terms = read_export(EN / "Queries.csv", brand="Lumi")
    assert detect_export(EN / "Queries.csv") == ("search_console_terms", "search_terms")
    assert terms["term"].tolist() == [
        "lumi coffee",
        'cà phê "lumi" gần đây',  # doubled quotes
        # GSC wrapped it after "and " inside the quotes: joined back with that space
        "best coffee shop in district one for working remotely with fast wifi and quiet corners",
        "cold brew",
    ]
    assert terms["kind"].astype(str).unique().tolist() == ["query"]
    assert terms["clicks"].tolist() == [9, 4, 1, 0]
    assert terms["impressions"].tolist() == [60, 40, 80, 20]
    assert terms["position"].tolist() == [1.5, 3, 14.6, 22]
    assert terms["period_start"].unique().tolist() == [D("2026-01-01")]
    assert terms["period_end"].unique().tolist() == [D("2026-01-07")]
    assert terms.attrs["period"] == ("2026-01-01", "2026-01-07")
    assert terms.attrs["period_from"] == "daily table Dates.csv"
    assert terms["filters"].unique().tolist() == ["page: +/blog/"]
    clicks, impressions, ctr, position = pooled(terms)
    assert (clicks, impressions) == (14, 200)
    assert ctr == pytest.approx(14 / 200)
    assert position == pytest.approx((1.5 * 60 + 3 * 40 + 14.6 * 80 + 22 * 20) / 200)


def test_english_pages_countries_devices_and_a_header_only_table(tmp_path):
    pages = read_export(EN / "Pages.csv", brand="Lumi")
    assert pages["kind"].astype(str).unique().tolist() == ["page"]
    assert pooled(pages)[:2] == (37, 900)
    assert pooled(pages)[3] == pytest.approx((8 * 600 + 12.5 * 300) / 900)
    countries = read_export(EN / "Countries.csv", brand="Lumi")
    assert countries["term"].tolist() == ["Vietnam", "Singapore"]
    assert pooled(countries)[:2] == (37, 900)
    devices = read_export(EN / "Devices.csv", brand="Lumi")
    assert devices["term"].tolist() == ["mobile", "desktop", "tablet"]  # codes in any language
    assert devices["clicks"].tolist() == [25, 10, 2]
    assert pooled(devices)[3] == pytest.approx((8 * 600 + 12 * 250 + 14 * 50) / 900)
    # a header without a newline and without rows: zero rows, never an error
    header_only = tmp_path / "Search appearance.csv"
    header_only.write_text("Search Appearance,Clicks,Impressions,CTR,Position", encoding="utf-8")
    appearance = read_export(header_only, brand="Lumi")
    assert len(appearance) == 0 and appearance.attrs["table"] == "search_terms"


def test_filters_alone_are_refused_with_what_to_read():
    with pytest.raises(ExportNotUsable) as info:
        read_export(EN / "Filters.csv", brand="Lumi")
    text = str(info.value)
    assert (
        "the filters of a Search Console download: read the download's other files, or the zip"
        in text
    )
    with i18n.use("vi"), pytest.raises(ExportNotUsable) as info:
        read_export(EN / "Filters.csv", brand="Lumi")
    assert (
        "đây là bộ lọc của một bản tải về từ Search Console: hãy đọc các tệp khác của bản tải "
        "về, hoặc tệp zip" in str(info.value)
    )


def test_a_brand_is_asked_for():
    with pytest.raises(SchemaError, match="pass brand="):
        read_export(EN / "Queries.csv")


# ------------------------------------------------------------------------------------------
# Vietnamese: the zip as downloaded


def test_vietnamese_zip_as_downloaded(tmp_path):
    path = zip_of(VI, tmp_path / "https___lumi.vn_-Performance-on-Search-2026-09-08.zip")
    daily, terms = read_exports(path, brand="Lumi")
    assert read_export(path, brand="Lumi").attrs["table"] == "search_daily"
    assert daily.attrs["table"] == "search_daily" and terms.attrs["table"] == "search_terms"
    assert daily["date"].tolist() == list(pd.date_range("2026-09-01", "2026-09-05"))
    assert daily["clicks"].tolist() == [40, 50, 0, 60, 30]
    assert daily["position"].isna().tolist() == [False, False, True, False, False]
    clicks, impressions, ctr, position = pooled(daily)
    assert (clicks, impressions) == (180, 1500)
    assert ctr == pytest.approx(180 / 1500)
    assert position == pytest.approx((3.5 * 400 + 3 * 500 + 2.5 * 400 + 4 * 200) / 1500)
    for df in (daily, terms):
        assert df["filters"].unique().tolist() == ["query: +lumi"]
        assert df["search_type"].astype(str).unique().tolist() == ["web"]
        assert df.attrs["property"] == "https://lumi.vn/"
        assert df.attrs["language"] == "vi"
        assert df.attrs["download_day"] == "2026-09-08"
    assert terms.attrs["period"] == ("2026-09-01", "2026-09-05")
    assert terms.attrs["period_from"] == "daily table"
    by_kind = terms.groupby("kind", observed=True).agg(
        rows=("term", "size"), clicks=("clicks", "sum"), impressions=("impressions", "sum")
    )
    assert by_kind.to_dict("index") == {
        "appearance": {"rows": 1, "clicks": 5, "impressions": 50},
        "country": {"rows": 2, "clicks": 180, "impressions": 1500},
        "device": {"rows": 3, "clicks": 180, "impressions": 1500},
        "page": {"rows": 2, "clicks": 180, "impressions": 1500},
        "query": {"rows": 3, "clicks": 90, "impressions": 720},
    }
    queries = terms[terms["kind"] == "query"]
    assert queries["term"].tolist() == ["lumi coffee", "cà phê lumi", "lumi cà phê sữa đá"]
    assert pooled(queries)[3] == pytest.approx((1.2 * 100 + 1.8 * 120 + 8.4 * 500) / 720)
    devices = terms[terms["kind"] == "device"]
    assert devices["term"].tolist() == ["mobile", "desktop", "tablet"]
    assert terms[terms["kind"] == "country"]["term"].tolist() == ["Việt Nam", "Hoa Kỳ"]
    assert terms.attrs["kinds"] == ["query", "page", "country", "device", "appearance"]


def test_vietnamese_loose_files_read_one_by_one():
    terms = read_export(VI / "Truy vấn.csv", brand="Lumi")
    assert terms["clicks"].tolist() == [50, 30, 10]
    assert terms.attrs["period"] == ("2026-09-01", "2026-09-05")
    assert terms.attrs["period_from"] == "daily table Biểu đồ.csv"
    assert read_export(VI / "Giao diện tìm kiếm.csv", brand="Lumi")["term"].tolist() == [
        "Đoạn trích sản phẩm"
    ]


# ------------------------------------------------------------------------------------------
# French: member names and headers translated, a no-break space in the date range


def test_french_download():
    daily = read_export(FR / "Dates.csv", brand="Lumi")
    assert daily["date"].tolist() == [D("2025-02-05"), D("2025-02-04"), D("2025-02-03")]
    assert pooled(daily)[:2] == (10, 150)
    assert pooled(daily)[3] == pytest.approx((6.1 * 90 + 7.5 * 60) / 150)
    queries = read_export(FR / "Requêtes.csv", brand="Lumi")
    assert queries["term"].tolist() == ["café lumi", "café glacé hanoï"]
    assert queries["position"].tolist() == [2.4, 9.05]  # dot decimals in a French download
    assert queries.attrs["period"] == ("2025-02-03", "2025-02-05")
    assert queries.attrs["language"] == "fr"
    devices = read_export(FR / "Appareils.csv", brand="Lumi")
    assert devices["term"].tolist() == ["mobile", "desktop", "tablet"]
    assert devices["filters"].isna().all()  # no filter but the date and the search type


def test_french_relative_range_with_a_no_break_space_and_the_download_day(tmp_path):
    """Without the daily table the Filters' 'Les 3 derniers mois' (with U+00A0) is resolved
    against the day in the zip's name: it ends the day before."""
    name = "https___lumi.fr_-Performance-on-Search-2025-02-08.zip"
    path = zip_of(FR, tmp_path / name, only=["Requêtes.csv", "Pays.csv", "Filtres.csv"])
    (terms,) = read_exports(path, brand="Lumi")
    end = D("2025-02-07")  # the day before 2025-02-08
    start = end - pd.DateOffset(months=3) + pd.Timedelta(days=1)  # 2024-11-08
    assert terms.attrs["period"] == (start.date().isoformat(), end.date().isoformat())
    assert terms.attrs["period"] == ("2024-11-08", "2025-02-07")
    assert terms.attrs["period_from"] == "file name"
    assert len(terms) == 4


# ------------------------------------------------------------------------------------------
# Excel: one sheet per table (Apache POI from the UI, or Google Sheets)


def _workbook(path: Path, sheets: dict[str, list[list]], formats: dict | None = None) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        for column, fmt in (formats or {}).get(name, {}).items():
            for cell in sheet[column][1:]:
                cell.number_format = fmt
    book.save(path)
    return path


HEADER = ["Date", "Clicks", "Impressions", "CTR", "Position"]
QUERIES = [["Top queries", "Clicks", "Impressions", "CTR", "Position"],
           ["lumi coffee", 9, 60, 0.15, 1.5], ["cold brew", 0, 20, 0, 22]]  # fmt: skip
FILTERS = [["Filter", "Value"], ["Search type", "Web"], ["Date", "Last 28 days"]]


@pytest.mark.parametrize("dates", ["text", "datetime", "serial"])
def test_workbook_text_dates_serial_dates_and_fraction_ctr(tmp_path, dates):
    days = [datetime.date(2026, 3, 1), datetime.date(2026, 3, 2), datetime.date(2026, 3, 3)]
    cells = {
        "text": [d.isoformat() for d in days],  # Apache POI: text cells
        "datetime": [datetime.datetime(d.year, d.month, d.day) for d in days],  # Sheets
        "serial": [(d - datetime.date(1899, 12, 30)).days for d in days],  # a bare serial
    }[dates]
    chart = [HEADER] + [
        [day, clicks, impressions, ctr, position]
        for day, clicks, impressions, ctr, position in zip(
            cells, [4, 0, 5], [80, 0, 120], [0.05, 0, 0.0417], [6.5, 0, 7.25], strict=True
        )
    ]
    formats = {"Chart": {"A": "yyyy-mm-dd"}} if dates == "datetime" else None
    path = _workbook(
        tmp_path / "lumi.vn-Performance-on-Search-2026-03-06.xlsx",
        {"Chart": chart, "Queries": QUERIES, "Filters": FILTERS},
        formats,
    )
    daily, terms = read_exports(path, brand="Lumi")
    assert daily["date"].tolist() == [D(d) for d in days]
    assert daily["clicks"].tolist() == [4, 0, 5]
    assert daily["position"].isna().tolist() == [False, True, False]
    assert pooled(daily)[3] == pytest.approx((6.5 * 80 + 7.25 * 120) / 200)
    assert terms.attrs["period"] == ("2026-03-01", "2026-03-03")  # the chart's, not the filters'
    assert terms["clicks"].tolist() == [9, 0] and terms["position"].tolist() == [1.5, 22]
    assert daily.attrs["property"] == "lumi.vn"


def test_workbook_without_a_chart_is_dated_by_its_filters_and_name(tmp_path):
    path = _workbook(
        tmp_path / "lumi.vn-Performance-on-Search-2026-03-06.xlsx",
        {"Queries": QUERIES, "Filters": FILTERS},
    )
    (terms,) = read_exports(path, brand="Lumi")
    # Last 28 days, downloaded on 2026-03-06: 2026-02-06 to 2026-03-05
    assert terms.attrs["period"] == ("2026-02-06", "2026-03-05")
    assert terms.attrs["period_from"] == "file name"


# ------------------------------------------------------------------------------------------
# the other shapes of the daily table


def test_hourly_view_keeps_its_hours_and_pools_to_local_days(tmp_path):
    from smmnb.search import pooled

    (tmp_path / "Chart.csv").write_text(
        "Time (UTC+07:00),Clicks,Impressions,CTR,Position\n"
        "2026-09-01T22:00:00,1,10,10%,4\n"
        "2026-09-01T23:00:00,0,30,0%,8\n"
        "2026-09-02T00:00:00,0,0,0%,0\n"
        "2026-09-02T01:00:00,2,20,10%,3\n"
        "2026-09-02T02:00:00,1,5,20%,6",
        encoding="utf-8",
    )
    (tmp_path / "Filters.csv").write_text(
        "Filter,Value\nSearch type,Web\nTime range,Last 24 hours\nDevice,Desktop", encoding="utf-8"
    )
    (tmp_path / "Queries.csv").write_text(
        "Top queries,Clicks,Impressions,CTR,Position\nlumi,4,65,6.15%,5", encoding="utf-8"
    )
    daily = read_export(tmp_path / "Chart.csv", brand="Lumi")
    assert daily["date"].tolist() == [D("2026-09-01")] * 2 + [D("2026-09-02")] * 3
    assert daily["hour"].tolist() == [22, 23, 0, 1, 2]
    assert daily["clicks"].tolist() == [1, 0, 0, 2, 1]
    assert daily["position"].isna().tolist() == [False, False, True, False, False]
    days = pooled(daily, by="date")  # a day pools its hours
    assert days["clicks"].tolist() == [1, 3]
    assert days["impressions"].tolist() == [40, 25]
    assert days["position"].tolist() == pytest.approx(
        [(4 * 10 + 8 * 30) / 40, (3 * 20 + 6 * 5) / 25]
    )
    assert daily.attrs["hourly"] == {
        "zone": "UTC+07:00",
        "hours": {"2026-09-01": 2, "2026-09-02": 3},
    }
    assert daily["filters"].unique().tolist() == ["device: desktop"]
    terms = read_export(tmp_path / "Queries.csv", brand="Lumi")
    assert terms.attrs["period"] == ("2026-09-01", "2026-09-02")


def test_month_ranges_and_a_single_whole_period_row(tmp_path):
    (tmp_path / "Chart.csv").write_text(
        "Date range,Clicks,Impressions,CTR,Position\n"
        "2026-01-15 - 2026-01-31,10,400,2.5%,9\n"
        "2026-02-01 - 2026-02-28,30,600,5%,7",
        encoding="utf-8",
    )
    (tmp_path / "Queries.csv").write_text(
        "Top queries,Clicks,Impressions,CTR,Position\nlumi,40,1000,4%,7.8", encoding="utf-8"
    )
    daily = read_export(tmp_path / "Chart.csv", brand="Lumi")
    assert daily["date"].tolist() == [D("2026-01-15"), D("2026-02-01")]
    assert daily["end_date"].tolist() == [D("2026-01-31"), D("2026-02-28")]
    assert daily.attrs["daily"] == "by range"
    assert read_export(tmp_path / "Queries.csv", brand="Lumi").attrs["period"] == (
        "2026-01-15",
        "2026-02-28",
    )
    (tmp_path / "Chart.csv").write_text(
        "Date,Clicks,Impressions,CTR,Position\n2026-03-01 - 2026-03-31,40,1000,4%,7.8",
        encoding="utf-8",
    )
    whole = read_export(tmp_path / "Chart.csv", brand="Lumi")
    assert whole["date"].tolist() == [D("2026-03-01")]
    assert whole["end_date"].tolist() == [D("2026-03-31")]


# ------------------------------------------------------------------------------------------
# compare mode


def test_discover_compare_mode_zip_reads_both_periods(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "Pages.csv").write_text(
        "Top pages,Last 3 months Clicks,Previous 3 months Clicks,Last 3 months Impressions,"
        "Previous 3 months Impressions,Last 3 months CTR,Previous 3 months CTR\n"
        "https://lumi.vn/blog/a,120,80,3000,2500,4%,3.2%\n"
        "https://lumi.vn/blog/b,0,15,0,600,0%,2.5%",
        encoding="utf-8",
    )
    (src / "Discover appearance.csv").write_text(
        "Discover Appearance,Clicks,Impressions,CTR", encoding="utf-8"
    )
    (src / "Filters.csv").write_text(
        "Filter,Value\nSearch type,Discover\nDate,Last 3 months", encoding="utf-8"
    )
    path = zip_of(src, tmp_path / "lumi.vn-Performance-on-Discover-2026-03-01.zip")
    (terms,) = read_exports(path, brand="Lumi")
    last_end = D("2026-02-28")  # the day before the download
    last_start = last_end - pd.DateOffset(months=3) + pd.Timedelta(days=1)  # 2025-11-29
    previous_end = last_start - pd.Timedelta(days=1)  # 2025-11-28
    previous_start = previous_end - pd.DateOffset(months=3) + pd.Timedelta(days=1)  # 2025-08-29
    assert terms.attrs["compare"] == {
        "Last 3 months": (last_start.date().isoformat(), last_end.date().isoformat()),
        "Previous 3 months": (previous_start.date().isoformat(), previous_end.date().isoformat()),
    }
    assert terms.attrs["compare"]["Previous 3 months"] == ("2025-08-29", "2025-11-28")
    assert terms["search_type"].astype(str).unique().tolist() == ["discover"]
    assert terms["period_start"].tolist() == [last_start] * 2 + [previous_start] * 2
    assert terms["clicks"].tolist() == [120, 0, 80, 15]
    assert terms["impressions"].tolist() == [3000, 0, 2500, 600]
    assert terms["position"].isna().all()  # Discover has no position


def test_compare_mode_with_custom_ranges_in_a_workbook(tmp_path):
    header = ["Top queries"] + [
        f"{period} {metric}"
        for metric in ("Clicks", "Impressions", "CTR", "Position")
        for period in ("10/1/25 - 12/31/25", "10/1/24 - 12/31/24")
    ]
    rows = [
        header,
        ["lumi", 15, 0, 102, 1, 0.1471, 0, 5.41, 7],
        ["cold brew", 0, 3, 0, 40, 0, 0.075, 0, 9.5],
    ]
    path = _workbook(
        tmp_path / "https___lumi.vn_-Performance-on-Search-2026-01-15.xlsx",
        {"Queries": rows, "Filters": [["Filter", "Value"], ["Date", "Oct 1, 2025-Dec 31, 2025"]]},
    )
    (terms,) = read_exports(path, brand="Lumi")
    assert terms.attrs["compare"] == {
        "10/1/25 - 12/31/25": ("2025-10-01", "2025-12-31"),
        "10/1/24 - 12/31/24": ("2024-10-01", "2024-12-31"),
    }
    assert terms["clicks"].tolist() == [15, 0, 0, 3]
    assert terms["impressions"].tolist() == [102, 0, 1, 40]
    # position 0 where a period had no impressions is missing, not 0
    assert terms["position"].tolist()[:2] == [5.41, pytest.approx(np.nan, nan_ok=True)]
    assert terms["position"].isna().tolist() == [False, True, False, False]


def test_compare_mode_previous_period_is_as_long_and_right_before(tmp_path):
    folder = tmp_path / "lumi.vn-Performance-on-Search-2026-03-01"
    folder.mkdir()
    metrics = ("Clicks", "Impressions", "CTR", "Position")
    header = ",".join(f"{p} {m}" for m in metrics for p in ("Last 28 days", "Previous period"))
    (folder / "Queries.csv").write_text(
        f"Top queries,{header}\nlumi,3,4,30,40,10%,10%,2,3", encoding="utf-8"
    )
    terms = read_export(folder / "Queries.csv", brand="Lumi")
    # 28 days to 2026-02-28 (the day before the download); the 28 days before them
    assert terms.attrs["compare"] == {
        "Last 28 days": ("2026-02-01", "2026-02-28"),
        "Previous period": ("2026-01-04", "2026-01-31"),
    }
    assert terms["clicks"].tolist() == [3, 4]


# ------------------------------------------------------------------------------------------
# where the period of search_terms rows comes from


def _queries(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "Queries.csv"
    path.write_text(
        "Top queries,Clicks,Impressions,CTR,Position\nlumi,4,40,10%,2", encoding="utf-8"
    )
    return path


def _filters(folder: Path, date: str) -> None:
    (folder / "Filters.csv").write_text(
        f'Filter,Value\nSearch type,Image\nDate,"{date}"', encoding="utf-8"
    )


def test_period_from_the_filters_custom_range(tmp_path):
    path = _queries(tmp_path)
    _filters(tmp_path, "Mar 1, 2026-Mar 31, 2026")
    terms = read_export(path, brand="Lumi")
    assert terms.attrs["period"] == ("2026-03-01", "2026-03-31")
    assert terms.attrs["period_from"] == "filters"
    assert terms["search_type"].astype(str).unique().tolist() == ["image"]


def test_period_from_the_download_day_in_the_folder_name(tmp_path):
    folder = tmp_path / "lumi.vn-Performance-on-Search-2026-04-02"
    path = _queries(folder)
    _filters(folder, "Last 7 days")
    terms = read_export(path, brand="Lumi")
    assert terms.attrs["period"] == ("2026-03-26", "2026-04-01")  # 7 days to the day before
    assert terms.attrs["period_from"] == "file name"


def test_period_from_as_of_then_period_then_refused(tmp_path):
    path = _queries(tmp_path)
    _filters(tmp_path, "Last 3 months")
    terms = read_export(path, brand="Lumi", as_of="2026-07-01")
    # to the day before 2026-07-01; three months back from 2026-06-30 is 2026-03-30, so the
    # period starts the day after (GSC's "Last 6 months" of 2024-11-02 started on 2024-05-03)
    assert terms.attrs["period"] == ("2026-03-31", "2026-06-30")
    assert terms.attrs["period_from"] == "as_of"
    terms = read_export(path, brand="Lumi", period=("2026-04-02", "2026-06-29"))
    assert terms.attrs["period"] == ("2026-04-02", "2026-06-29")
    assert terms.attrs["period_from"] == "period="
    with pytest.raises(ExportNotUsable) as info:
        read_export(path, brand="Lumi")
    text = str(info.value)
    assert (
        "the days these query rows cover are unknown: the download's Filters say 'Last 3 months' "
        "but not the day it was downloaded, and no daily table (Chart.csv or Dates.csv) of the "
        "download is beside it" in text
    )
    assert "pass as_of= (the day it was downloaded) or period=(first day, last day)" in text
    with i18n.use("vi"), pytest.raises(ExportNotUsable) as info:
        read_export(path, brand="Lumi")
    assert (
        "không rõ các dòng truy vấn này thuộc những ngày nào: tệp Filters của bản tải về ghi "
        "'Last 3 months' nhưng không cho biết ngày tải" in str(info.value)
    )


def test_without_filters_or_chart_only_period_dates_the_rows(tmp_path):
    path = _queries(tmp_path)
    with pytest.raises(ExportNotUsable, match="neither the download's daily table"):
        read_export(path, brand="Lumi", as_of="2026-07-01")
    terms = read_export(path, brand="Lumi", period=("2026-05-01", "2026-05-31"))
    assert terms["period_start"].tolist() == [D("2026-05-01")]
    with pytest.raises(ValueError, match="period= starts on 2026-05-31, after its end"):
        read_export(path, brand="Lumi", period=("2026-05-31", "2026-05-01"))


# ------------------------------------------------------------------------------------------
# quirks and bad values


def test_a_term_listed_twice_keeps_both_rows_and_pools_with_its_position_weighted(tmp_path):
    from smmnb.search import pooled

    (tmp_path / "Chart.csv").write_text(
        "Date,Clicks,Impressions,CTR,Position\n2026-01-01,12,270,4.44%,9", encoding="utf-8"
    )
    (tmp_path / "Pages.csv").write_text(
        "Top pages,Clicks,Impressions,CTR,Position\n"
        "https://lumi.vn/a,11,250,4.4%,10\n"
        "https://lumi.vn/b,1,10,10%,2\n"
        "https://lumi.vn/a,0,10,0%,1",
        encoding="utf-8",
    )
    pages = read_export(tmp_path / "Pages.csv", brand="Lumi")
    assert pages["term"].tolist() == ["https://lumi.vn/a", "https://lumi.vn/b", "https://lumi.vn/a"]
    assert pages["rank"].tolist() == [1, 2, 3]
    assert pages.attrs["repeated"] == 1
    terms = pooled(pages, by="term")
    assert terms["clicks"].tolist() == [11, 1]
    assert terms["impressions"].tolist() == [260, 10]
    assert terms["position"].tolist() == pytest.approx([(10 * 250 + 1 * 10) / 260, 2])


def test_a_bad_value_names_the_file_the_column_and_the_rows(tmp_path):
    path = tmp_path / "Queries.csv"
    path.write_text(
        "Top queries,Clicks,Impressions,CTR,Position\nlumi,4,40,10%,2\ncold brew,n/a!,3,0%,5",
        encoding="utf-8",
    )
    with pytest.raises(SchemaError) as info:
        read_export(path, brand="Lumi", period=("2026-01-01", "2026-01-31"))
    text = str(info.value)
    assert str(path) in text and "column 'Clicks': not a number" in text and "line 3" in text
    chart = tmp_path / "Chart.csv"
    chart.write_text("Date,Clicks,Impressions,CTR,Position\nyesterday,1,2,50%,3", encoding="utf-8")
    with pytest.raises(SchemaError, match=r"column 'Date': cannot read as a date.*line 2"):
        read_export(chart, brand="Lumi")


def test_large_counts_without_separators_and_empty_ctr(tmp_path):
    (tmp_path / "Chart.csv").write_text(
        "Date,Clicks,Impressions,CTR,Position\n2026-01-01,1211534,32071013,3.78%,11.2\n"
        "2026-01-02,0,0,,",
        encoding="utf-8",
    )
    daily = read_export(tmp_path / "Chart.csv", brand="Lumi")
    assert daily["clicks"].tolist() == [1211534, 0]
    assert daily["impressions"].tolist() == [32071013, 0]


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("Mar 1, 2026-Mar 31, 2026", "2026-03-01", "2026-03-31"),
        ("1 Jan 2025-31 Dec 2025", "2025-01-01", "2025-12-31"),
        ("Oct 1, 2025-Dec 31, 2025", "2025-10-01", "2025-12-31"),
        ("14 sept. 2026-15 sept. 2026", "2026-09-14", "2026-09-15"),
        ("10/1/25 - 12/31/25", "2025-10-01", "2025-12-31"),
        ("2024-12-14 - 2024-12-31", "2024-12-14", "2024-12-31"),
        ("1 thg 9, 2026 - 30 thg 9, 2026", "2026-09-01", "2026-09-30"),
        ("1\u00a0janv. 2026-31\u00a0janv. 2026", "2026-01-01", "2026-01-31"),
    ],
)
def test_custom_ranges_in_ui_languages(text, first, last):
    assert parse_range(text) == (D(first), D(last))


def test_not_a_range():
    assert parse_range("Last 3 months") is None
    assert parse_range("Dec 31, 2025-Oct 1, 2025") is None  # ends before it starts


# ------------------------------------------------------------------------------------------
# a folder: load_workspace


def test_load_workspace_reads_a_zip_and_loose_csvs(tmp_path):
    exports = tmp_path / "exports"
    exports.mkdir()
    zip_of(VI, exports / "https___lumi.vn_-Performance-on-Search-2026-09-08.zip")
    copy_of(EN, exports)  # the CSV files of another download, unzipped
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ws = smm.load_workspace(tmp_path, owner="Lumi", cache=False)
    assert not [w for w in caught if "not used" in str(w.message)]  # Filters.csv: no warning
    assert len(ws.search_daily) == 5 + 7
    assert ws.search_daily["brand"].astype(str).unique().tolist() == ["Lumi"]
    assert sorted(ws.search_daily["filters"].unique().tolist()) == ["page: +/blog/", "query: +lumi"]
    assert len(ws.search_terms) == 11 + (4 + 2 + 2 + 3)
    sources = ws.sources.set_index("file")
    assert sources.loc["exports/Filters.csv", "format"] == "not used"
    assert "read with its other files" in sources.loc["exports/Filters.csv", "note"]
    assert sources.loc["exports/Queries.csv", "first"] == D("2026-01-01")
    assert sources.loc["exports/Queries.csv", "last"] == D("2026-01-07")


def test_load_workspace_passes_period_and_warns_about_undated_files(tmp_path):
    exports = tmp_path / "exports"
    _queries(exports)
    with pytest.warns(smm.DataWarning, match="the days these query rows cover are unknown"):
        ws = smm.load_workspace(tmp_path, owner="Lumi", cache=False)
    assert ws.search_terms.empty
    ws = smm.load_workspace(
        tmp_path, owner="Lumi", cache=False, period=("2026-05-01", "2026-05-31")
    )
    assert ws.search_terms["period_end"].tolist() == [D("2026-05-31")]


# ------------------------------------------------------------------------------------------
# the genuine downloads (optional)

EXPECTED = (
    json.loads((REAL / "expected.json").read_text()) if (REAL / "expected.json").is_file() else {}
)
BY_DESIGN: dict[str, str] = {}
"""Genuine CSV files whose row count differs from expected.json on purpose (none: the hourly
view keeps its hours, and a URL GSC lists twice keeps both rows)."""


def _real_params():
    for name in sorted(EXPECTED):
        yield pytest.param(name, id=name)


@pytest.mark.skipif(not EXPECTED, reason=f"no genuine Search Console downloads at {REAL}")
@pytest.mark.parametrize("name", list(_real_params()))
def test_genuine_downloads(name):
    e = EXPECTED[name]
    path = REAL / name
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if e.get("kind") == "filters":
            with pytest.raises(ExportNotUsable):
                read_export(path, brand="B")
            return
        frames = read_exports(path, brand="B")
    if "data_rows" in e:  # one table
        (df,) = frames
        assert int(df["clicks"].sum()) == e["sum_clicks"]
        assert int(df["impressions"].sum()) == e["sum_impressions"]
        if name in BY_DESIGN:
            assert len(df) < e["data_rows"]
        else:
            assert len(df) == e["data_rows"]
        if e["kind"] == "date_series" and name not in BY_DESIGN:
            assert df["date"].min() == D(e["min_date"][:10])
            assert df["end_date"].fillna(df["date"]).max() == D(e["max_date"][:10])
        return
    members = e.get("members") or e.get("sheets")
    tables = {df.attrs["table"]: df for df in frames}
    for m in members.values():
        if m.get("kind") == "date_series":
            df = tables["search_daily"]
            assert int(df["clicks"].sum()) == m["sum_clicks"]
            assert int(df["impressions"].sum()) == m["sum_impressions"]
            continue
        if m.get("kind") != "dimension_table" or not m.get("data_rows"):
            continue
        terms = tables["search_terms"]
        kind = _kind(m["header"][0])
        rows = terms[terms["kind"] == kind]
        by_column = m.get("sum_clicks_by_column")
        if by_column:  # compare mode: each period's column
            for (column, clicks), impressions in zip(
                by_column.items(), m["sum_impressions_by_column"].values(), strict=True
            ):
                prefix = column[: -len(" Clicks")]
                start, end = terms.attrs["compare"][prefix]
                period = rows[rows["period_start"] == D(start)]
                assert int(period["clicks"].sum()) == clicks
                assert int(period["impressions"].sum()) == impressions
        else:
            assert int(rows["clicks"].sum()) == m["sum_clicks"]
            assert int(rows["impressions"].sum()) == m["sum_impressions"]


def _kind(header: str) -> str:
    return {
        "top queries": "query",
        "top pages": "page",
        "country": "country",
        "device": "device",
        "search appearance": "appearance",
        "discover appearance": "appearance",
    }[header.lower()]
