"""TikTok Studio (Content, FollowerHistory, Overview) and TikTok Ads Manager exports."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from smmnb.errors import SchemaError
from smmnb.io.exports import detect_export, read_export, tiktok
from smmnb.sample import BRAND, END, TIMEZONE
from smmnb.sample.exports import tiktok as tiktok_sample
from smmnb.sample.exports._write import xlsx_bytes
from smmnb.schema import DataWarning

BOM = "\ufeff"
DATA = Path(__file__).parent / "data" / "exports" / "tiktok"
# An id whose top 32 bits are not a plausible time: the year must come from as_of.
OLD_ID = "1234567890123456789"


def _write(path, text: str):
    path.write_text(text, encoding="utf-8")
    return path


def _tiktok_id(moment: str, serial: int = 7) -> str:
    return str((int(pd.Timestamp(moment).timestamp()) << 32) + serial)


@pytest.fixture(scope="module")
def samples(generated, tmp_path_factory):
    folder = tmp_path_factory.mktemp("tiktok")
    files = tiktok_sample.sample_exports(
        generated.tables,
        brand=BRAND,
        timezone=TIMEZONE,
        as_of=END,
        rng=np.random.default_rng(3),
    )
    for name, payload in files.items():
        (folder / name).write_bytes(payload)
    return folder, files


# ------------------------------------------------------------------------------ helpers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("February 28", (2, 28, "")),
        ("Feb 28 15:04", (2, 28, "15:04")),
        ("Sep 4, 3:05 pm", (9, 4, "3:05 PM")),
        ("28 August", (8, 28, "")),
        ("9月16日", (9, 16, "")),
        ("28 tháng 8", (8, 28, "")),
        ("8 de marzo", (3, 8, "")),
        ("8. März", (3, 8, "")),
        ("1er mars", (3, 1, "")),
        ("29 de fevereiro", (2, 29, "")),
        ("3월 8일", (3, 8, "")),
        ("8 марта", (3, 8, "")),
        ("the 8th of March", (3, 8, "")),
        ("Ngày 8 thg 3", (3, 8, "")),
        ("Feb\u00ad 28", (2, 28, "")),  # a soft hyphen inside
        ("February 30", None),
        ("February 28, 2026", None),  # it has a year: see read_day
        ("March 8 ⚠️", None),
        ("8 marzo 9", None),
        ("2026-02-28", None),
        ("Smarch 3", None),
        ("", None),
    ],
)
def test_month_day(text, expected):
    assert tiktok.month_day(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("February 28, 2026", (2026, 2, 28, "")),
        ("8 de marzo de 2026", (2026, 3, 8, "")),
        ("February 28, 2026 at 9:05 PM", (2026, 2, 28, "9:05 PM")),
        ("2026年3月8日", (2026, 3, 8, "")),
        ("8 tháng 3 năm 2026", (2026, 3, 8, "")),
        ("February 29, 2027", None),  # no such day
        ("undefined", None),
        (None, None),
        ("x" * 500, None),
    ],
)
def test_read_day_with_or_without_a_year(text, expected):
    assert tiktok.read_day(text) == expected


def test_month_names_name_one_month_each():
    seen: dict[str, int] = {}
    for language, months in tiktok.spellings()["months"].items():
        assert len(months) == 12, language
        for number, names in enumerate(months, start=1):
            for name in names:
                assert seen.setdefault(tiktok.key(name), number) == number, (language, name)


def test_every_spelling_names_one_field():
    for export in ("content", "followers", "overview", "viewers", "ads"):
        seen: dict[str, str] = {}
        for field, languages in tiktok.spellings()[export].items():
            for words in languages.values():
                for word in words:
                    assert seen.setdefault(tiktok.key(word), field) == field, (export, word)


def test_infer_year_at_the_year_boundary():
    as_of = pd.Timestamp("2027-01-05")
    assert tiktok.infer_year(12, 30, as_of) == 2026
    assert tiktok.infer_year(1, 3, as_of) == 2027
    assert tiktok.infer_year(1, 5, as_of) == 2027  # the day of the download itself
    assert tiktok.infer_year(1, 6, as_of) == 2026  # after as_of: last year
    assert tiktok.infer_year(2, 29, pd.Timestamp("2027-03-01")) == 2024  # last leap year


def test_video_id():
    assert tiktok.video_id("https://www.tiktok.com/@lumi.vn/video/7401234567890123456?lang=en") == (
        "video",
        "7401234567890123456",
    )
    assert tiktok.video_id("https://www.tiktok.com/@lumi.vn/photo/7401234567890123457")[0] == (
        "photo"
    )
    assert tiktok.video_id("not a link") is None


# ------------------------------------------------------------------------------ Content.csv


def _content(rows: list[tuple[str, str, str, str]]) -> str:
    head = "Video title,Video link,Post time,Total likes,Total comments,Total shares,Total views\n"
    body = "".join(
        f'"{title}",https://www.tiktok.com/@lumi.vn/{link},{when},{likes},3,"1,204",{views}\n'
        for title, link, when, likes, views in rows
    )
    return BOM + head + body


def test_content_year_from_as_of_across_new_year_and_local_time_to_utc(tmp_path):
    path = _write(
        tmp_path / "c.csv",
        _content(
            [
                ("Tết sắp tới", f"video/{OLD_ID}", "December 30 21:15", "1.2K", "undefined"),
                ("Năm mới", "video/1234567890123456790?lang=vi", "January 3", "undefined", "950"),
            ]
        ),
    )
    df = read_export(path, brand="Lumi", timezone=TIMEZONE, as_of="2027-01-05")
    assert df.attrs["source"] == "tiktok_content"
    assert list(df["post_id"]) == [OLD_ID, "1234567890123456790"]
    # 21:15 in Ho Chi Minh City (UTC+7) is 14:15 UTC; a date alone is local midnight.
    assert list(df["published_at"]) == [
        pd.Timestamp("2026-12-30 14:15", tz="UTC"),
        pd.Timestamp("2027-01-02 17:00", tz="UTC"),
    ]
    assert df["reactions"].iloc[0] == 1200 and pd.isna(df["reactions"].iloc[1])  # undefined
    assert pd.isna(df["video_views"].iloc[0]) and df["video_views"].iloc[1] == 950
    assert list(df["shares"]) == [1204, 1204]
    assert list(df["comments"]) == [3, 3]
    assert df["impressions"].isna().all()  # views are not impressions
    assert set(df["platform"]) == {"tiktok"} and set(df["format"]) == {"short"}
    assert list(df["text"]) == ["Tết sắp tới", "Năm mới"]
    assert df.attrs["handle"] == "@lumi.vn"
    assert df.attrs["published_at_from_id"] == 0


def test_content_without_as_of_asks_for_it(tmp_path):
    path = _write(tmp_path / "c.csv", _content([("a", f"video/{OLD_ID}", "February 28", 5, 9)]))
    with pytest.raises(SchemaError, match="as_of=") as err:
        read_export(path, brand="Lumi", timezone=TIMEZONE)
    assert "without a year" in str(err.value)
    assert "line 2" in str(err.value)


def test_content_time_from_the_id_needs_no_as_of(tmp_path):
    posted = "2026-03-03 12:34:56+00:00"  # 19:34:56 on March 3 in Ho Chi Minh City
    vid = _tiktok_id(posted)
    path = _write(tmp_path / "c.csv", _content([("a", f"photo/{vid}", "March 3", 5, 9)]))
    df = read_export(path, brand="Lumi", timezone=TIMEZONE)
    assert df["published_at"].iloc[0] == pd.Timestamp(posted)
    assert df["format"].iloc[0] == "carousel"
    assert df.attrs["published_at_from_id"] == 1


def test_content_id_time_on_another_day_gives_the_year_not_the_time(tmp_path):
    # Uploaded on 3 March, posted (scheduled) on 5 March: the id dates the year, the post
    # keeps its day (local midnight), and no as_of is needed.
    vid = _tiktok_id("2026-03-03 12:00+00:00")
    path = _write(tmp_path / "c.csv", _content([("a", f"video/{vid}", "March 5", 5, 9)]))
    df = read_export(path, brand="Lumi", timezone=TIMEZONE, as_of="2026-04-01")
    assert df["published_at"].iloc[0] == pd.Timestamp("2026-03-04 17:00", tz="UTC")
    df = read_export(path, brand="Lumi", timezone=TIMEZONE)
    assert df["published_at"].iloc[0] == pd.Timestamp("2026-03-04 17:00", tz="UTC")
    assert df.attrs["published_at_from_id"] == 0 and df.attrs["year_from_id"] == 1
    assert df.attrs["year_from"] == "ids"


def test_content_id_time_far_from_the_post_day_is_not_used(tmp_path):
    vid = _tiktok_id("2026-03-03 12:00+00:00")
    path = _write(tmp_path / "c.csv", _content([("a", f"video/{vid}", "July 5", 5, 9)]))
    with pytest.raises(SchemaError, match="as_of="):
        read_export(path, brand="Lumi", timezone=TIMEZONE)
    df = read_export(path, brand="Lumi", timezone=TIMEZONE, as_of="2026-07-06")
    assert df["published_at"].iloc[0] == pd.Timestamp("2026-07-04 17:00", tz="UTC")


def test_content_needs_a_brand(tmp_path):
    path = _write(tmp_path / "c.csv", _content([("a", f"video/{OLD_ID}", "May 2", 5, 9)]))
    with pytest.raises(SchemaError, match="brand=") as err:
        read_export(path, timezone=TIMEZONE, as_of="2026-06-01")
    assert "does not name the account" in str(err.value)


# ------------------------------------------------------------------------------ followers


def _history(rows: list[tuple[str, str, str]]) -> str:
    head = '"Date","Followers","Difference in followers from previous day"\n'
    return BOM + head + "".join(f'"{d}","{f}","{x}"\n' for d, f, x in rows)


def test_follower_history_year_boundary_undefined_and_net_difference(tmp_path):
    path = _write(
        tmp_path / "FollowerHistory.csv",
        _history(
            [
                ("30 December", "1,000", "12"),
                ("31 December", "1,012", "-3"),
                ("1 January", "1,009", "5"),
                ("2 January", "undefined", "undefined"),
            ]
        ),
    )
    with pytest.warns(DataWarning, match="dropped 1 day"):
        df = read_export(path, brand="Lumi", as_of="2027-01-02")
    assert df.attrs["source"] == "tiktok_followers"
    assert list(df["date"]) == list(pd.to_datetime(["2026-12-30", "2026-12-31", "2027-01-01"]))
    assert list(df["followers"]) == [1000, 1012, 1009]
    assert df["gained"].isna().all() and df["lost"].isna().all()  # a net change is neither
    assert list(df["difference_in_followers_from_previous_day"]) == [12, -3, 5]
    assert df.attrs["days_undefined"] == 1


def test_follower_history_without_as_of_asks_for_it(tmp_path):
    path = _write(tmp_path / "f.csv", _history([("28 August", "308209", "583")]))
    with pytest.raises(SchemaError, match="as_of="):
        read_export(path, brand="Lumi")


def test_follower_history_as_xlsx_sheet(tmp_path):
    rows = [["Date", "Followers", "Difference in followers from previous day"]]
    rows += [["9月16日", 120, 4], ["9月17日", 126, 6]]
    path = tmp_path / "FollowerHistory.xlsx"
    path.write_bytes(xlsx_bytes({"FollowerHistory": rows}))
    df = read_export(path, brand="Lumi", as_of="2026-10-01")
    assert list(df["date"]) == list(pd.to_datetime(["2026-09-16", "2026-09-17"]))
    assert list(df["followers"]) == [120, 126]


def test_overview_with_a_followers_column_fills_followers(tmp_path):
    path = _write(
        tmp_path / "o.csv",
        '"Date","Video Views","Profile Views","Followers"\n"28 August","1200","40","5,000"\n',
    )
    df = read_export(path, brand="Lumi", as_of="2026-09-01")
    assert df.attrs["source"] == "tiktok_overview"
    assert df["followers"].iloc[0] == 5000
    assert df["date"].iloc[0] == pd.Timestamp("2026-08-28")


# ------------------------------------------------------------------------------ fixtures


def _fixture(name: str, tmp_path, as_name: str | None = None):
    path = tmp_path / (as_name or name)
    path.write_bytes((DATA / name).read_bytes())
    return path


def test_fixture_content_years_from_ids_and_the_download_day(tmp_path):
    path = _fixture("Content.csv", tmp_path)
    raw = (DATA / "Content.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and not raw.endswith(b"\n")  # BOM, no newline
    assert detect_export(path) == ("tiktok_content", "posts")
    with pytest.warns(
        DataWarning,
        match="1 date.* dated from the download day in the 'Time' column, 2027-01-05, its year",
    ) as warned:
        df = read_export(path, brand="Lumi")  # no as_of, no timezone
    assert len(warned) == 1
    assert list(df["post_id"]) == [
        "7725100406774169611",
        "7726395339413913612",
        "1234567890123456789",
        "7721323842030796813",
    ]
    assert list(df["published_at"]) == [
        pd.Timestamp("2026-12-30 14:15", tz="UTC"),  # the id's time, on the Post time day
        pd.Timestamp("2027-01-02", tz="UTC"),  # id on 3 Jan UTC: its year, the written day
        pd.Timestamp("2026-12-31", tz="UTC"),  # before the download day, 5 Jan 2027
        pd.Timestamp("2026-12-24", tz="UTC"),  # scheduled 4 days after the upload
    ]
    assert list(df["format"]) == ["short", "short", "short", "carousel"]
    assert df["reactions"].tolist()[0] == 1204 and pd.isna(df["reactions"].iloc[1])
    assert int(df["reactions"].sum()) == 1230
    assert int(df["video_views"].sum()) == 98765 + 40210 + 5120 + 777
    assert list(df["comments"]) == [33, 4, 0, 1] and list(df["shares"]) == [12, 0, 1, 0]
    assert df["text"].iloc[0] == "Tết  sale 🚨ON SALE🚨 "  # double space, emoji, kept
    assert pd.isna(df["text"].iloc[1])
    assert "time" not in df.columns
    assert df.attrs["exported_on"] == "2027-01-05"
    assert df.attrs["year_from"] == "file" and df.attrs["year_anchor"] == "2027-01-05"
    assert df.attrs["published_at_from_id"] == 1 and df.attrs["year_from_id"] == 3
    assert df.attrs["handle"] == "@lumi.test"


def test_fixture_content_in_new_york_time(tmp_path):
    path = _fixture("Content.csv", tmp_path)
    df = read_export(path, brand="Lumi", timezone="America/New_York", as_of="2027-01-05")
    # 02:00 UTC on 3 January is 21:00 on 2 January in New York: the id's time to the second.
    assert df["published_at"].iloc[1] == pd.Timestamp("2027-01-03 02:00", tz="UTC")
    assert df["published_at"].iloc[2] == pd.Timestamp("2026-12-31 05:00", tz="UTC")
    assert df.attrs["published_at_from_id"] == 2 and df.attrs["year_from"] == "as_of"


def test_fixture_overview_fills_channel_daily_across_the_new_year(tmp_path):
    path = _fixture("Overview.csv", tmp_path)
    assert detect_export(path) == ("tiktok_overview", "channel_daily")
    with pytest.warns(DataWarning, match="Comments are net .* below zero on 1 day"):
        df = read_export(path, brand="Lumi", as_of="2027-01-04")
    assert df.attrs["table"] == "channel_daily" and df.attrs["source"] == "tiktok_overview"
    assert list(df["date"]) == list(pd.date_range("2026-12-29", "2027-01-03"))
    assert df["views"].tolist()[:3] == [0, 1200, 2500] and pd.isna(df["views"].iloc[3])
    assert int(df["views"].sum()) == 5650  # "1,050" and an undefined day
    assert int(df["profile_views"].sum()) == 133
    assert int(df["likes"].sum()) == 350 and int(df["shares"].sum()) == 11
    assert df["comments"].isna().all()  # net of deleted comments: not a count
    assert df["comments_net"].sum() == 9 and df["comments_net"].iloc[2] == -2
    assert df["reach"].isna().all() and df["impressions"].isna().all()
    assert set(df["platform"]) == {"tiktok"} and set(df["brand"]) == {"Lumi"}
    assert df.attrs["year_from"] == "as_of" and df.attrs["year_anchor"] == "2027-01-04"


def test_fixture_series_anchor_may_end_a_little_before_its_last_day(tmp_path):
    # A folder whose other data end on 20 December: the series still ends on 3 January 2027.
    path = _fixture("Overview.csv", tmp_path)
    with pytest.warns(DataWarning):
        df = read_export(path, brand="Lumi", as_of="2026-12-20")
    assert df["date"].iloc[-1] == pd.Timestamp("2027-01-03")
    assert df["date"].iloc[0] == pd.Timestamp("2026-12-29")


def test_fixture_series_anchored_on_the_file_name(tmp_path):
    path = _fixture("Overview.csv", tmp_path, "Overview_20270104.csv")
    with pytest.warns(DataWarning) as warned:
        df = read_export(path, brand="Lumi")
    said = [str(w.message) for w in warned]
    assert any(
        "6 date(s) written without a year" in m and "date in the file's name, 2027-01-04" in m
        for m in said
    )
    assert any("Comments are net" in m for m in said)
    assert list(df["date"]) == list(pd.date_range("2026-12-29", "2027-01-03"))
    assert df.attrs["year_from"] == "file name"


def test_fixture_series_without_an_anchor_is_refused_asking_for_as_of(tmp_path):
    path = _fixture("Overview.csv", tmp_path)
    with pytest.raises(SchemaError) as err:
        read_export(path, brand="Lumi")
    message = str(err.value)
    assert "column 'Date': dates are written without a year" in message
    assert "line 2 ('December 29')" in message and "and 1 more" in message
    assert "as_of=" in message


def test_fixture_follower_history_with_february_29(tmp_path):
    path = _fixture("FollowerHistory.csv", tmp_path)
    with pytest.warns(DataWarning, match="dropped 2 day"):
        df = read_export(path, brand="Lumi", as_of="2028-03-03")
    assert list(df["date"]) == list(pd.date_range("2028-02-28", "2028-03-02"))
    assert list(df["followers"]) == [412, 430, 427, 1001]
    assert list(df["difference_in_followers_from_previous_day"]) == [0, 18, -3, 574]
    assert df.attrs["days_undefined"] == 2
    # Read in 2027, the 29 February goes back to 2024, and the series with it.
    with pytest.warns(DataWarning):
        df = read_export(path, brand="Lumi", as_of="2027-03-03")
    assert list(df["date"]) == list(pd.date_range("2024-02-28", "2024-03-02"))


def test_fixture_viewers_fill_reach(tmp_path):
    path = _fixture("Viewers.csv", tmp_path)
    assert detect_export(path) == ("tiktok_viewers", "channel_daily")
    df = read_export(path, brand="Lumi", as_of="2027-01-02")
    assert list(df["date"]) == list(pd.date_range("2026-12-30", "2027-01-01"))
    assert pd.isna(df["reach"].iloc[0]) and list(df["reach"].iloc[1:]) == [640, 1210]
    assert list(df["new_viewers"]) == [0, 600, 1000]
    assert list(df["returning_viewers"]) == [0, 40, 210]
    assert df["views"].isna().all()
    assert df.attrs["reach_from"] == "Total Viewers"


def test_xlsx_with_numbers_as_text_and_spanish_dates(tmp_path):
    rows = [["Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares"]]
    rows += [
        ["30 de diciembre", "1200", "35", "90", "4", "3"],
        ["31 de diciembre", "2,500", "60", "180", "2", "7"],
        ["1 de enero", "undefined", "undefined", "undefined", "undefined", "undefined"],
        ["8 de marzo", "900", "20", "41", "6", "1"],
    ]
    path = tmp_path / "Overview.xlsx"
    path.write_bytes(xlsx_bytes({"Overview": rows}))  # every cell a text cell
    df = read_export(path, brand="Lumi", as_of="2027-03-09")
    assert list(df["date"]) == list(
        pd.to_datetime(["2026-12-30", "2026-12-31", "2027-01-01", "2027-03-08"])
    )
    assert int(df["views"].sum()) == 4600 and int(df["comments"].sum()) == 12
    assert df.attrs["source"] == "tiktok_overview"


def test_series_newest_first(tmp_path):
    path = _write(
        tmp_path / "FollowerHistory.csv",
        _history([("2 January", "30", "2"), ("1 January", "28", "1"), ("31 December", "27", "0")]),
    )
    df = read_export(path, brand="Lumi", as_of="2027-01-02")
    assert list(df["date"]) == list(pd.to_datetime(["2027-01-02", "2027-01-01", "2026-12-31"]))


def test_a_series_longer_than_a_year(tmp_path):
    days = pd.date_range("2025-11-01", "2027-01-31")
    text = "".join(f'"{d:%B} {d.day}","{i}","1"\n' for i, d in enumerate(days, start=1))
    head = '"Date","Followers","Difference in followers from previous day"\n'
    path = _write(tmp_path / "FollowerHistory.csv", BOM + head + text)
    df = read_export(path, brand="Lumi", as_of="2027-02-01")
    assert list(df["date"]) == list(days)


# ------------------------------------------------------------------------------ Ads Manager


ADS_CSV = (
    "By Day,Campaign name,Ad group name,Ad name,Cost (USD),Impressions,Reach,"
    "Clicks (destination),Clicks (all),Results,Video views\n"
    '2026-09-20,TT Winter,Interest,UGC 1,"1,234.50","52,000",40000,700,910,12,undefined\n'
    "2026-09-21,TT Winter,Interest,UGC 1,8.00,5000,4100,70,88,1,2100\n"
    "Total of 2 results,,,,1242.50,57000,,770,998,13,\n"
)


def test_ads_csv_currency_from_header_total_row_and_results(tmp_path):
    path = _write(tmp_path / "ads.csv", ADS_CSV)
    assert detect_export(path) == ("tiktok_ads", "ads")
    df = read_export(path, brand="Lumi")
    assert len(df) == 2  # the total row is gone
    assert list(df["date"]) == list(pd.to_datetime(["2026-09-20", "2026-09-21"]))
    assert list(df["spend"]) == [1234.5, 8.0]
    assert list(df["impressions"]) == [52000, 5000]
    assert list(df["clicks"]) == [700, 70]
    assert list(df["clicks_all"]) == [910, 88]
    assert list(df["conversions"]) == [12.0, 1.0]
    assert pd.isna(df["video_views"].iloc[0]) and df["video_views"].iloc[1] == 2100
    assert set(df["currency"]) == {"USD"}
    assert df.attrs["currency"] == "USD"
    assert df.attrs["conversions_from"] == "Results"
    assert list(df["ad_set"]) == ["Interest", "Interest"] and set(df["platform"]) == {"tiktok"}


def test_ads_currency_column_and_account_name_as_brand(tmp_path):
    rows = [
        ["By Day", "Account name", "Campaign name", "Ad group name", "Ad name", "Currency"]
        + ["Cost", "Impressions", "Clicks (destination)", "Conversions"],
        ["2026-10-01", "Lumi VN", "Launch", "HCMC", "Short A", "VND", 1500000, 60000, 700, 9],
        ["Total", "", "", "", "", "", 1500000, 60000, 700, 9],
    ]
    path = tmp_path / "report.xlsx"
    path.write_bytes(xlsx_bytes({"Sheet1": rows}))
    df = read_export(path)
    assert len(df) == 1
    assert df["brand"].iloc[0] == "Lumi VN"
    assert df["currency"].iloc[0] == "VND" and df.attrs["currency"] == "VND"
    assert df["spend"].iloc[0] == 1_500_000.0 and df["conversions"].iloc[0] == 9.0
    assert df.attrs["conversions_from"] == "Conversions"


def test_ads_without_by_day_asks_for_it(tmp_path):
    path = _write(
        tmp_path / "ads.csv",
        "Campaign name,Ad group name,Ad name,Cost,Impressions\nTT,Interest,UGC,8.00,5000\n",
    )
    with pytest.raises(SchemaError, match="By Day"):
        read_export(path, brand="Lumi")


def test_ads_need_a_brand(tmp_path):
    path = _write(tmp_path / "ads.csv", ADS_CSV)
    with pytest.raises(SchemaError, match="brand="):
        read_export(path)


# ------------------------------------------------------------------------------ sample files


def test_sample_files_are_detected_as_their_own_format(samples):
    folder, files = samples
    assert set(files) == {
        "tiktok_Content.csv",
        "tiktok_FollowerHistory.csv",
        "tiktok_ads_By_Day.xlsx",
    }
    assert detect_export(folder / "tiktok_Content.csv") == ("tiktok_content", "posts")
    assert detect_export(folder / "tiktok_FollowerHistory.csv") == (
        "tiktok_followers",
        "followers",
    )
    assert detect_export(folder / "tiktok_ads_By_Day.xlsx") == ("tiktok_ads", "ads")


def test_sample_files_look_like_tiktok_studio(samples):
    _, files = samples
    content = files["tiktok_Content.csv"].decode("utf-8")
    assert content.startswith(BOM + "Video title,Video link,Post time,")
    first = content.splitlines()[1]
    assert ",October 31," in first and "2026" not in first.split(",")[-8]  # no year
    history = files["tiktok_FollowerHistory.csv"].decode("utf-8").splitlines()
    assert history[1].startswith('"2 September",')


def test_canonical_posts_csv_is_not_mistaken_for_tiktok(generated, tmp_path):
    path = tmp_path / "posts.csv"
    generated.tables["posts"].head(30).to_csv(path, index=False)
    assert detect_export(path) == ("canonical", "posts")
    fol = tmp_path / "followers.csv"
    generated.tables["followers"].head(30).to_csv(fol, index=False)
    assert detect_export(fol) == ("canonical", "followers")


def test_sample_exports_are_deterministic(generated):
    def make():
        return tiktok_sample.sample_exports(
            generated.tables,
            brand=BRAND,
            timezone=TIMEZONE,
            as_of=END,
            rng=np.random.default_rng(3),
        )

    assert make() == make()


def test_round_trip_content(samples, generated):
    folder, _ = samples
    df = read_export(folder / "tiktok_Content.csv", brand=BRAND, timezone=TIMEZONE, as_of=END)
    posts = generated.tables["posts"]
    day = posts["published_at"].dt.tz_convert(TIMEZONE).dt.tz_localize(None).dt.normalize()
    want = posts[
        (posts["brand"] == BRAND)
        & (posts["platform"] == "tiktok")
        & (day >= END - pd.Timedelta(days=59))
        & (day <= END)
    ]
    assert len(df) == len(want) > 20
    got = df.set_index("post_id").sort_index()
    want = want.set_index("post_id").sort_index()
    assert list(got.index) == list(want.index)
    assert (got["published_at"] == want["published_at"]).all()  # to the second, in UTC
    for col in ("reactions", "comments", "shares", "saves", "video_views"):
        assert got[col].sum() == want[col].sum(), col
        assert got[col].isna().sum() == want[col].isna().sum(), col
    assert (got["text"] == want["text"]).all()
    assert df.attrs["published_at_from_id"] == len(df)


def test_round_trip_followers(samples, generated):
    folder, _ = samples
    df = read_export(folder / "tiktok_FollowerHistory.csv", brand=BRAND, as_of=END)
    fol = generated.tables["followers"]
    want = fol[
        (fol["brand"] == BRAND)
        & (fol["platform"] == "tiktok")
        & (fol["date"] >= END - pd.Timedelta(days=59))
    ].reset_index(drop=True)
    assert list(df["date"]) == list(want["date"])
    assert list(df["followers"]) == list(want["followers"])
    net = df["difference_in_followers_from_previous_day"].astype("int64")
    assert list(net) == list(want["gained"] - want["lost"])


def test_round_trip_ads(samples, generated):
    folder, _ = samples
    df = read_export(folder / "tiktok_ads_By_Day.xlsx", brand=BRAND)
    ads = generated.tables["ads"]
    want = ads[(ads["brand"] == BRAND) & (ads["platform"] == "tiktok")]
    assert len(df) == len(want) > 0
    assert set(df["campaign"].astype("str")) == set(want["campaign"].astype("str"))
    assert list(df["date"]) == list(want.sort_values(["date", "campaign", "ad_set", "ad"])["date"])
    for col in ("spend", "impressions", "reach", "clicks", "conversions", "revenue"):
        assert df[col].sum() == pytest.approx(want[col].sum()), col
    assert df["video_views"].sum() == want["video_views"].sum()
    assert set(df["currency"]) == {"VND"}


def test_a_header_twice_keeps_both_columns(tmp_path):
    path = _write(
        tmp_path / "Overview.csv",
        '"Date","Video Views","Profile Views","Shares","Shares"\n"28 August","10","2","3","4"\n',
    )
    df = read_export(path, brand="Lumi", as_of="2026-09-01")
    assert df["shares"].iloc[0] == 3 and df["platform_shares"].iloc[0] == 4


def test_header_only_files_are_zero_rows(tmp_path):
    for name, head in [
        ("Overview.csv", '"Date","Video Views","Profile Views","Likes","Comments","Shares"\n'),
        ("FollowerHistory.csv", '"Date","Followers","Difference in followers from previous day"'),
        ("Viewers.csv", '"Date","Total Viewers","New Viewers","Returning Viewers"\n'),
    ]:
        df = read_export(_write(tmp_path / name, BOM + head), brand="Lumi")
        assert len(df) == 0, name


# ------------------------------------------------------------------------------ genuine files

REAL = Path(__file__).resolve().parents[2] / "shared" / "real" / "exports"


@pytest.fixture(scope="module")
def expected():
    import json

    if not (REAL / "expected.json").is_file():
        pytest.skip("the genuine exports (../shared/real) are not here")
    return json.loads((REAL / "expected.json").read_text(encoding="utf-8"))


def _real(expected, name: str):
    key = f"tiktok/htupycollabs-spec__Analytics__{name}.csv"
    return REAL / key, expected[key]


def test_genuine_content_reads_without_as_of(expected):
    path, want = _real(expected, "Content")
    df = read_export(path, brand="B")  # the video ids date every post
    assert len(df) == want["data_rows"]
    assert int(df["video_views"].sum()) == want["sum_total_views"]
    assert int(df["reactions"].sum()) == want["sum_total_likes"]
    assert int(df["comments"].sum()) == want["sum_total_comments"]
    assert int(df["shares"].sum()) == want["sum_total_shares"]
    assert df.attrs["year_from"] == "ids" and df.attrs["exported_on"] == "2026-02-28"
    days = df["published_at"].dt.strftime("%B %-d")
    assert list(days) == want["post_times"]  # in UTC, the day each row was written with
    assert df["published_at"].min() == pd.Timestamp("2025-04-08 19:56:32", tz="UTC")
    assert df["published_at"].max() == pd.Timestamp("2026-02-01 21:16:43", tz="UTC")
    assert df.attrs["published_at_from_id"] == 10 and df.attrs["year_from_id"] == 13


@pytest.mark.parametrize("name", ["Overview", "Viewers", "FollowerHistory"])
def test_genuine_series_across_the_year_boundary(expected, name):
    path, want = _real(expected, name)
    with pytest.raises(SchemaError, match="without a year"):
        read_export(path, brand="B")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataWarning)
        df = read_export(path, brand="B", as_of="2026-02-28")
    assert df["date"].is_unique and df["date"].is_monotonic_increasing
    assert df["date"].iloc[-1] == pd.Timestamp(want["inferred_last_date_iso"])
    if name == "FollowerHistory":
        assert len(df) == want["data_rows"] - want["undefined_cells_followers"]
        assert int(df["followers"].iloc[-1]) == want["last_followers"]
        assert int(df["followers"].iloc[0]) == want["first_numeric_followers"]
        net = df["difference_in_followers_from_previous_day"].sum()
        assert int(net) == want["sum_difference_in_followers_from_previous_day"]
        return
    assert len(df) == want["data_rows"]
    assert df["date"].iloc[0] == pd.Timestamp(want["inferred_first_date_iso"])
    if name == "Overview":
        assert int(df["views"].sum()) == want["sum_video_views"]
        assert int(df["profile_views"].sum()) == want["sum_profile_views"]
        assert int(df["likes"].sum()) == want["sum_likes"]
        assert int(df["shares"].sum()) == want["sum_shares"]
        assert int(df["comments_net"].sum()) == want["sum_comments"]
    else:
        assert int(df["reach"].sum()) == want["sum_total_viewers"]
        assert int(df["new_viewers"].sum()) == want["sum_new_viewers"]
        assert int(df["reach"].isna().sum()) == want["undefined_cells_total_viewers"]
