"""read_table: file formats, encodings, dates, numbers, and the errors bad input gives."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import smmnb as smm
from smmnb.io import tables
from smmnb.schema import DataWarning

ADS_CSV = """date,brand,platform,campaign,ad,spend,impressions,clicks
2026-03-01,Lumi,Facebook,Tet,A,"1,250,000","52,000",610
2026-03-02,Lumi,facebook,Tet,A,980000,41000,480
2026-03-01,Lumi,tiktok,Tet,B,500000,30000,
"""


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_csv_types_and_values(tmp_path):
    ads = smm.read_table(write(tmp_path, "ads.csv", ADS_CSV), "ads")
    assert list(ads.columns[:4]) == ["date", "brand", "platform", "campaign"]
    assert ads["spend"].tolist() == [1_250_000.0, 980_000.0, 500_000.0]
    assert ads["impressions"].dtype == "Int64"
    assert ads["impressions"].tolist() == [52_000, 41_000, 30_000]
    assert ads["clicks"].isna().tolist() == [False, False, True]  # missing stays missing
    assert ads["platform"].tolist() == ["facebook", "facebook", "tiktok"]
    assert isinstance(ads["brand"].dtype, pd.CategoricalDtype)
    assert ads["date"].dtype == "datetime64[ns]"
    assert ads["date"].iloc[0] == pd.Timestamp("2026-03-01")
    assert ads["reach"].isna().all()  # optional column absent from the file: added, missing
    assert ads.attrs["table"] == "ads"


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16", b"")],
)
def test_csv_encodings(tmp_path, encoding, prefix):
    path = tmp_path / "ads.csv"
    path.write_bytes(prefix + ADS_CSV.encode(encoding))
    ads = smm.read_table(path, "ads")
    assert ads.columns[0] == "date"
    assert ads["spend"].sum() == 2_730_000


@pytest.mark.parametrize("sep", [";", "\t", "|"])
def test_csv_delimiter_is_sniffed(tmp_path, sep):
    text = ADS_CSV.replace('"1,250,000"', "1250000").replace('"52,000"', "52000")
    ads = smm.read_table(write(tmp_path, "ads.csv", text.replace(",", sep)), "ads")
    assert ads["impressions"].sum() == 123_000


def test_vietnamese_thousands_and_percent(tmp_path):
    text = 'brand,kpi,target,period_start,period_end\nLumi,er_reach,"4,5%",01/07/2026,31/12/2026\n'
    text += 'Lumi,spend,"1.250.000,5",01/07/2026,31/12/2026\n'
    t = smm.read_table(write(tmp_path, "targets.csv", text), "targets")
    assert t["target"].tolist() == pytest.approx([0.045, 1_250_000.5])
    assert t["period_start"].iloc[0] == pd.Timestamp("2026-07-01")


def test_naive_timestamps_are_local_time(tmp_path):
    text = "post_id,brand,platform,published_at\n1,Lumi,facebook,2026-03-01 19:30\n"
    text += "2,Lumi,facebook,2026-03-01T12:00:00+00:00\n"
    posts = smm.read_table(write(tmp_path, "posts.csv", text), "posts", timezone="Asia/Ho_Chi_Minh")
    assert str(posts["published_at"].dtype) == "datetime64[ns, UTC]"
    assert posts["published_at"].iloc[0] == pd.Timestamp("2026-03-01 12:30", tz="UTC")
    assert posts["published_at"].iloc[1] == pd.Timestamp("2026-03-01 12:00", tz="UTC")
    assert posts["post_id"].tolist() == ["1", "2"]


def test_dayfirst_inferred_from_disambiguating_values(tmp_path):
    text = "post_id,brand,platform,published_at\n1,Lumi,zalo,05/03/2026 08:00\n"
    text += "2,Lumi,zalo,25/03/2026 08:00\n"
    posts = smm.read_table(write(tmp_path, "posts.csv", text), "posts")
    assert posts["published_at"].dt.month.tolist() == [3, 3]
    us = text.replace("05/03/2026", "03/05/2026").replace("25/03/2026", "03/25/2026")
    posts = smm.read_table(write(tmp_path, "posts.csv", us), "posts")
    assert posts["published_at"].dt.day.tolist() == [5, 25]


def test_ambiguous_dates_ask_for_dayfirst(tmp_path):
    text = "post_id,brand,platform,published_at\n1,Lumi,zalo,05/03/2026\n2,Lumi,zalo,04/03/2026\n"
    path = write(tmp_path, "posts.csv", text)
    with pytest.raises(smm.SchemaError, match="dayfirst") as info:
        smm.read_table(path, "posts")
    assert "published_at" in str(info.value)
    posts = smm.read_table(path, "posts", dayfirst=False)
    assert posts["published_at"].dt.month.tolist() == [5, 4]


def test_column_mapping_and_case_insensitive_headers(tmp_path):
    text = "Day,Brand,Platform,Campaign,Spent,Impressions\n2026-03-01,Lumi,facebook,Tet,10,100\n"
    ads = smm.read_table(
        write(tmp_path, "x.csv", text), "ads", columns={"Day": "date", "Spent": "spend"}
    )
    assert ads["spend"].iloc[0] == 10 and ads["impressions"].iloc[0] == 100


def test_extra_columns_are_kept(tmp_path):
    ads = smm.read_table(
        write(tmp_path, "ads.csv", ADS_CSV.replace("clicks\n", "clicks,note\n")), "ads"
    )
    assert "note" in ads.columns


def test_every_problem_reported_with_file_column_and_lines(tmp_path):
    text = (
        "date,brand,platform,campaign,spend,impressions\n"
        "2026-03-01,Lumi,facebook,Tet,100,1000\n"
        "2026-03-02,Lumi,facebook,Tet,-5,1000\n"
        "not a date,Lumi,facebook,Tet,100,abc\n"
        "2026-03-04,Lumi,facebook,Tet,100,-3\n"
    )
    path = write(tmp_path, "ads.csv", text)
    with pytest.raises(smm.SchemaError) as info:
        smm.read_table(path, "ads")
    err = info.value
    message = str(err)
    assert message.startswith(str(path))
    assert len(err.problems) == 4
    by_column = {(p.column, p.message): p for p in err.problems}
    assert by_column[("date", "cannot read as a date")].rows == ("line 4",)
    assert by_column[("spend", "negative amounts")].rows == ("line 3",)
    assert by_column[("impressions", "not a number")].values == ("abc",)
    assert by_column[("impressions", "negative counts")].rows == ("line 5",)
    assert "column 'impressions': not a number at line 4 ('abc')" in message


def test_missing_required_column_suggests_name(tmp_path):
    text = "date,brand,platform,campaign,spend,Impresions\n2026-03-01,Lumi,facebook,Tet,1,2\n"
    with pytest.raises(smm.SchemaError) as info:
        smm.read_table(write(tmp_path, "ads.csv", text), "ads")
    (problem,) = info.value.problems
    assert problem.column == "impressions"
    assert "found: date, brand, platform, campaign, spend, Impresions" in str(problem)
    assert "did you mean 'Impresions'" in str(problem)


def test_only_five_rows_listed_with_a_count(tmp_path):
    rows = "".join(f"2026-03-01,Lumi,facebook,Tet,{i},-{i + 1}\n" for i in range(8))
    text = "date,brand,platform,campaign,spend,impressions\n" + rows
    with pytest.raises(smm.SchemaError) as info:
        smm.read_table(write(tmp_path, "ads.csv", text), "ads")
    (problem,) = info.value.problems
    assert problem.count == 8
    assert problem.rows == ("line 2", "line 3", "line 4", "line 5", "line 6")
    assert "and 3 more" in str(problem)


def test_same_id_with_different_values(tmp_path):
    text = (
        "post_id,brand,platform,published_at,reach\n"
        "p1,Lumi,facebook,2026-03-01,10\np2,Lumi,facebook,2026-03-01,10\n"
        "p1,Lumi,facebook,2026-03-01,12\n"
    )
    with pytest.raises(smm.SchemaError) as info:
        smm.read_table(write(tmp_path, "posts.csv", text), "posts")
    (problem,) = info.value.problems
    assert problem.column == "post_id"
    assert problem.rows == ("line 2", "line 4")
    assert str(problem) == (
        "column 'post_id': 'p1' appears on lines 2 and 4 with different reach; keep one row per key"
    )


def test_exact_duplicates_dropped_with_warning(tmp_path):
    text = ADS_CSV + "2026-03-01,Lumi,tiktok,Tet,B,500000,30000,\n"
    with pytest.warns(DataWarning, match="dropped 1 exact duplicate"):
        ads = smm.read_table(write(tmp_path, "ads.csv", text), "ads")
    assert len(ads) == 3
    assert ads.attrs["duplicates_dropped"] == 1


@pytest.mark.parametrize("content", ["", "\n\n", "\ufeff"])
def test_empty_file(tmp_path, content):
    path = write(tmp_path, "ads.csv", content)
    with pytest.raises(smm.SchemaError, match="empty") as info:
        smm.read_table(path, "ads")
    assert str(path) in str(info.value)


def test_header_only_file_is_an_empty_table(tmp_path):
    ads = smm.read_table(write(tmp_path, "ads.csv", ADS_CSV.splitlines()[0] + "\n"), "ads")
    assert len(ads) == 0 and ads["spend"].dtype == "float64"


def test_not_utf8(tmp_path):
    path = tmp_path / "comments.csv"
    path.write_bytes(
        "comment_id,text\n1,giao h\u00e0ng\n".encode("cp1258", errors="replace").replace(
            b"\xe0", b"\xe0\xff"
        )
    )
    with pytest.raises(smm.SchemaError, match="UTF-8"):
        smm.read_table(path, "comments")


def test_non_whole_count(tmp_path):
    text = "date,brand,platform,followers\n2026-03-01,Lumi,zalo,10.5\n"
    with pytest.raises(smm.SchemaError, match="not a whole number"):
        smm.read_table(write(tmp_path, "followers.csv", text), "followers")


def test_unknown_table_and_missing_file(tmp_path):
    with pytest.raises(ValueError, match="unknown table"):
        smm.read_table(tmp_path / "x.csv", "tweets")
    with pytest.raises(smm.SchemaError, match="file not found"):
        smm.read_table(tmp_path / "nope.csv", "ads")


def test_no_raw_pandas_error_for_a_broken_csv(tmp_path):
    text = "date,brand,platform\n2026-03-01,Lumi,zalo\n2026-03-02,Lumi,zalo,extra,cells\n"
    with pytest.raises(smm.SchemaError, match="cannot read as CSV"):
        smm.read_table(write(tmp_path, "followers.csv", text), "followers")


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".parquet", ".jsonl"])
@pytest.mark.parametrize("table", ["posts", "ads", "comments", "targets"])
def test_round_trip_every_format(tmp_path, ws, suffix, table):
    original = ws[table][smm.TABLES[table].names].head(50).copy()
    for col in original.columns:  # a subset keeps all categories; a file only has its own
        if isinstance(original[col].dtype, pd.CategoricalDtype):
            original[col] = original[col].cat.remove_unused_categories()
    path = tmp_path / f"{table}{suffix}"
    frame = original.copy()
    for col in frame.columns:  # Excel cannot store time zones; write UTC as text, as users do
        if isinstance(frame[col].dtype, pd.DatetimeTZDtype) and suffix == ".xlsx":
            frame[col] = frame[col].dt.tz_localize(None)
    if suffix == ".csv":
        frame.to_csv(path, index=False)
    elif suffix == ".xlsx":
        frame.to_excel(path, index=False, sheet_name=table)
    elif suffix == ".parquet":
        frame.to_parquet(path, index=False)
    else:
        frame.to_json(path, orient="records", lines=True, date_format="iso", force_ascii=False)
    with warnings.catch_warnings():
        warnings.simplefilter("error", DataWarning)
        back = smm.read_table(path, table, timezone="UTC")
    pd.testing.assert_frame_equal(back, original.reset_index(drop=True), check_like=False)


def test_excel_errors_name_spreadsheet_rows(tmp_path):
    df = pd.DataFrame(
        {"date": ["2026-03-01", "bad"], "brand": "Lumi", "platform": "zalo", "followers": [1, 2]}
    )
    path = tmp_path / "followers.xlsx"
    df.to_excel(path, index=False)
    with pytest.raises(smm.SchemaError) as info:
        smm.read_table(path, "followers")
    assert info.value.problems[0].rows == ("row 3",)


def test_free_text_dash_is_text_not_missing(tmp_path):
    text = "comment_id,brand,platform,created_at,text\n1,Lumi,tiktok,2026-03-01,-\n"
    comments = smm.read_table(write(tmp_path, "comments.csv", text), "comments")
    assert comments["text"].tolist() == ["-"]


def test_long_values_are_shortened_in_messages(tmp_path):
    long = "x" * 200
    text = f"date,brand,platform,followers\n2026-01-01,Lumi,zalo,{long}\n"
    with pytest.raises(smm.SchemaError) as info:
        smm.read_table(write(tmp_path, "followers.csv", text), "followers")
    assert "x" * 59 + "…" in str(info.value) and long not in str(info.value)


def test_extras_false_reads_only_canonical_parquet_columns(tmp_path, monkeypatch):
    ads = smm.read_table(write(tmp_path, "ads.csv", ADS_CSV), "ads")
    kept = ["date", "brand", "platform", "campaign", "ad", "spend", "impressions", "clicks"]
    frame = ads[kept].copy()
    frame["Spend (USD)"] = 1.0  # a platform's own metric
    frame["notes"] = "x"
    path = tmp_path / "ads.parquet"
    frame.to_parquet(path, index=False)
    requested = []
    real = tables.pq.ParquetFile.read
    monkeypatch.setattr(
        tables.pq.ParquetFile,
        "read",
        lambda self, columns=None, **kw: (
            requested.append(columns) or real(self, columns=columns, **kw)
        ),  # fmt: skip
    )
    with_extras = smm.read_table(path, "ads")
    pruned = smm.read_table(path, "ads", extras=False)
    assert requested[0] is None
    assert requested[1] == kept
    assert {"Spend (USD)", "notes"} <= set(with_extras.columns)
    assert list(pruned.columns) == smm.TABLES["ads"].names
    pd.testing.assert_frame_equal(pruned, with_extras[smm.TABLES["ads"].names])


@pytest.mark.filterwarnings("ignore::smmnb.DataWarning")  # the sample's unusable export
def test_load_workspace_without_extras(tmp_path, sample_dir):
    import shutil

    folder = tmp_path / "data"
    shutil.copytree(sample_dir, folder)
    full = smm.load_workspace(folder, cache=False)
    lean = smm.load_workspace(folder, cache=False, extras=False)
    for table in smm.TABLES:
        assert list(lean[table].columns) == smm.TABLES[table].names
        pd.testing.assert_frame_equal(lean[table], full[table][smm.TABLES[table].names])
    assert any(len(full[t].columns) > len(smm.TABLES[t].names) for t in smm.TABLES)


def test_key_clash_with_missing_key_parts_is_reported(tmp_path):
    text = (
        "date,brand,platform,campaign,ad_set,ad,spend,impressions,clicks\n"
        "2026-03-01,Lumi,facebook,Tet,,,100,1000,10\n"
        "2026-03-01,Lumi,facebook,Tet,,,200,1000,10\n"
    )
    with pytest.raises(smm.SchemaError) as info:
        smm.read_table(write(tmp_path, "ads.csv", text), "ads")
    (problem,) = info.value.problems
    assert str(problem) == (
        "column 'date + brand + platform + campaign + ad_set + ad': "
        "2026-03-01 / Lumi / facebook / Tet / (missing) / (missing) appears on lines 2 and 3 "
        "with different spend; keep one row per key"
    )


# --------------------------------------------------------------------------------------------
# constants=: columns a file lacks

MONTH_CSV = """Campaign name,Amount spent (USD),Impressions,Link clicks
Summer,"1,250.50",52000,610
Fall,980,41000,480
"""
MONTH_COLUMNS = {
    "Campaign name": "campaign",
    "Amount spent (USD)": "spend",
    "Link clicks": "clicks",
}


def test_constants_fill_columns_the_file_lacks(tmp_path):
    path = write(tmp_path, "united.csv", MONTH_CSV.replace("Campaign name", "Campaign"))
    ads = smm.read_table(
        path,
        "ads",
        columns={"Campaign": "campaign", "Amount spent (USD)": "spend", "Link clicks": "clicks"},
        constants={"platform": "X", "brand": "United", "currency": "USD", "date": "2017-08-01"},
    )
    assert ads["platform"].tolist() == ["x", "x"]  # a label: stored lower case, as in files
    assert ads["brand"].tolist() == ["United", "United"]
    assert ads["currency"].tolist() == ["USD", "USD"]
    assert ads["date"].tolist() == [pd.Timestamp("2017-08-01")] * 2
    assert ads["spend"].tolist() == [1250.5, 980.0]
    assert isinstance(ads["platform"].dtype, pd.CategoricalDtype)
    assert ads["date"].dtype == "datetime64[ns]"
    assert "period_start" not in ads.columns


def test_constants_are_parsed_like_the_files_values(tmp_path):
    text = "post_id,published_at\n1,2026-03-01 19:30\n2,2026-03-02 08:00\n"
    posts = smm.read_table(
        write(tmp_path, "posts.csv", text),
        "posts",
        timezone="Asia/Ho_Chi_Minh",
        constants={"brand": " Lumi ", "platform": "Zalo", "followers": "12,500", "paid": "yes"},
    )
    assert posts["brand"].tolist() == ["Lumi", "Lumi"]
    assert posts["platform"].tolist() == ["zalo", "zalo"]
    assert posts["followers"].dtype == "Int64"
    assert posts["followers"].tolist() == [12_500, 12_500]
    assert posts["paid"].tolist() == [True, True]
    assert posts["published_at"].iloc[0] == pd.Timestamp("2026-03-01 12:30", tz="UTC")


@pytest.mark.parametrize("suffix", [".parquet", ".xlsx", ".jsonl"])
def test_constants_with_every_format(tmp_path, suffix):
    frame = pd.DataFrame(
        {"date": ["2026-03-01", "2026-03-02"], "followers": [10, 12]}, index=[7, 3]
    )  # a Parquet file keeps this index: the constants must not be aligned on it
    path = tmp_path / f"followers{suffix}"
    if suffix == ".parquet":
        frame.to_parquet(path)
    elif suffix == ".xlsx":
        frame.to_excel(path, index=False)
    else:
        frame.to_json(path, orient="records", lines=True)
    out = smm.read_table(path, "followers", constants={"brand": "Lumi", "platform": "tiktok"})
    assert out["brand"].tolist() == ["Lumi", "Lumi"]
    assert out["platform"].tolist() == ["tiktok", "tiktok"]
    assert out["followers"].tolist() == [10, 12]


def test_a_constant_for_a_column_the_file_has_is_an_error(tmp_path):
    path = write(tmp_path, "ads.csv", ADS_CSV)
    with pytest.raises(smm.SchemaError) as info:
        smm.read_table(path, "ads", constants={"platform": "facebook", "objective": "sales"})
    (problem,) = info.value.problems
    assert str(info.value) == (
        f"{path} (table 'ads'): 1 problem\n"
        "  - column 'platform': the file has this column: constants= only fills columns a "
        "file lacks; drop it from constants= to keep the file's values"
    )
    # a header that matches a canonical name only ignoring case is the same column
    text = ADS_CSV.replace("platform", "Platform")
    with pytest.raises(smm.SchemaError, match="column 'platform': the file has this column"):
        smm.read_table(write(tmp_path, "b.csv", text), "ads", constants={"platform": "x"})


def test_bad_constants_are_named_as_written_with_the_files_problems(tmp_path):
    path = write(tmp_path, "m.csv", MONTH_CSV)
    with pytest.raises(smm.SchemaError) as info:
        smm.read_table(
            path,
            "ads",
            columns=MONTH_COLUMNS,
            constants={"platform": "Facebook", "brand": "", "impressions": 5, "reach": "-3"},
            period=("2017-08-01", "2017-08-31"),
        )
    assert [str(p) for p in info.value.problems] == [
        "column 'impressions': the file has this column: constants= only fills columns a file "
        "lacks; drop it from constants= to keep the file's values",
        "column 'brand': missing value in a required column: constants= gives ''",
        "column 'reach': negative counts: constants= gives '-3'",
    ]
    text = "brand,kpi,target,period_start,period_end\nLumi,cpa,50000,2026-07-01,2026-09-30\n"
    with pytest.raises(smm.SchemaError) as info:
        smm.read_table(
            write(tmp_path, "targets.csv", text), "targets", constants={"direction": "Lower!"}
        )
    assert str(info.value.problems[0]) == (
        "column 'direction': unknown value (expected one of higher, lower): "
        "constants= gives 'Lower!'"
    )


def test_constants_for_columns_the_table_does_not_have(tmp_path):
    path = write(tmp_path, "ads.csv", ADS_CSV)
    with pytest.raises(ValueError) as info:
        smm.read_table(path, "ads", constants={"platfrom": "x"})
    assert str(info.value) == (
        "constants= names 'platfrom', not a column of table 'ads'; did you mean 'platform'?"
    )
    assert not isinstance(info.value, smm.SchemaError)


# --------------------------------------------------------------------------------------------
# period=: totals over a stated period


def test_ads_totals_for_one_period(tmp_path):
    path = write(tmp_path, "august.csv", MONTH_CSV)
    ads = smm.read_table(
        path,
        "ads",
        columns=MONTH_COLUMNS,
        constants={"platform": "facebook", "brand": "United"},
        period=("2017-08-01", "2017-08-31"),
    )
    assert ads["date"].tolist() == [pd.Timestamp("2017-08-01")] * 2
    assert ads["period_start"].tolist() == [pd.Timestamp("2017-08-01")] * 2
    assert ads["period_end"].tolist() == [pd.Timestamp("2017-08-31")] * 2
    assert ads["period_start"].dtype == ads["period_end"].dtype == "datetime64[ns]"
    assert list(ads.columns[-2:]) == ["period_start", "period_end"]
    assert ads.attrs["period"] == ("2017-08-01", "2017-08-31")
    assert ads["spend"].sum() == 2230.5
    assert ads["impressions"].sum() == 93_000
    assert ads["campaign"].tolist() == ["Summer", "Fall"]
    lean = smm.read_table(
        path,
        "ads",
        columns=MONTH_COLUMNS,
        constants={"platform": "facebook", "brand": "United"},
        period=(pd.Timestamp("2017-08-01"), "2017-08-31"),
        extras=False,
    )
    assert list(lean.columns) == [*smm.TABLES["ads"].names, "period_start", "period_end"]


def test_web_sessions_totals_for_one_period_survive_a_parquet_folder(tmp_path):
    text = "Session source,Session medium,Sessions,Engaged sessions\ngoogle,organic,1200,800\n"
    text += "(direct),(none),300,\n"
    web = smm.read_table(
        write(tmp_path, "ga.csv", text),
        "web_sessions",
        columns={"Session source": "source", "Session medium": "medium"},
        constants={"brand": "Lumi"},
        period=("2026-03-01", "2026-03-07"),
    )
    assert web["sessions"].tolist() == [1200, 300]
    assert web["engaged_sessions"].tolist()[0] == 800
    assert web["period_end"].unique().tolist() == [pd.Timestamp("2026-03-07")]
    folder = tmp_path / "data"
    folder.mkdir()
    web.to_parquet(folder / "web_sessions.parquet", index=False)
    back = smm.load_workspace(folder, cache=False)["web_sessions"]
    assert back["period_start"].tolist() == [pd.Timestamp("2026-03-01")] * 2
    assert back["period_end"].tolist() == [pd.Timestamp("2026-03-07")] * 2
    assert back["date"].tolist() == [pd.Timestamp("2026-03-01")] * 2


@pytest.mark.parametrize("table", ["posts", "comments", "mentions", "followers", "targets"])
def test_period_is_refused_where_rows_are_not_totals(tmp_path, table):
    path = write(tmp_path, "x.csv", "brand\nLumi\n")
    with pytest.raises(ValueError) as info:
        smm.read_table(path, table, period=("2017-08-01", "2017-08-31"))
    assert str(info.value) == (
        "period= is for tables whose rows can be totals over several days (ads and "
        f"web_sessions); '{table}' rows each happen at one time, so a file without their "
        "dates cannot be placed in time"
    )


def test_period_for_a_file_with_dates_is_an_error(tmp_path):
    path = write(tmp_path, "ads.csv", ADS_CSV)
    with pytest.raises(smm.SchemaError) as info:
        smm.read_table(path, "ads", period=("2026-03-01", "2026-03-31"))
    assert [str(p) for p in info.value.problems] == [
        "column 'date': the file has this column: period= is for files without dates; "
        "read the file without period=, or drop the column"
    ]


_TWO_DATES = "period= must be two dates such as ('2017-08-01', '2017-08-31'): got "


@pytest.mark.parametrize(
    ("period", "message"),
    [
        (("2017-08-31", "2017-08-01"), "period= starts on 2017-08-31, after its end 2017-08-01"),
        ("2017-08", "period= must be two dates, first and last day: got '2017-08'"),
        (("2017-08-01",), "period= must be two dates, first and last day: got ('2017-08-01',)"),
        (("2017-08-01", ""), _TWO_DATES + "('2017-08-01', '')"),
        (("August", "2017-08-31"), _TWO_DATES + "('August', '2017-08-31')"),
        (("2017-08-01 10:00", "2017-08-31"), _TWO_DATES + "('2017-08-01 10:00', '2017-08-31')"),
        (("0001-08-01", "2017-08-31"), _TWO_DATES + "('0001-08-01', '2017-08-31')"),
        ((20170801, 20170831), _TWO_DATES + "(20170801, 20170831)"),
    ],
)
def test_period_must_be_two_dates_in_order(tmp_path, period, message):
    path = write(tmp_path, "m.csv", MONTH_CSV)
    with pytest.raises(ValueError) as info:
        smm.read_table(path, "ads", columns=MONTH_COLUMNS, period=period)
    assert str(info.value) == message


# --------------------------------------------------------------------------------------------
# the same key twice: which columns differ, values as the user wrote them


def test_key_clash_names_every_differing_column(tmp_path):
    text = (
        "post_id,brand,platform,published_at,reach,comments,text\n"
        "123,Lumi,facebook,2026-03-01,10,1,hello\n"
        "124,Lumi,facebook,2026-03-01,10,1,hello\n"
        "125,Lumi,facebook,2026-03-01,10,1,hello\n"
        "123,Lumi,facebook,2026-03-01,12,4,hello\n"
        "123,Lumi,facebook,2026-03-01,10,1,hello\n"  # exact duplicate of line 2: dropped
        "124,Lumi,facebook,2026-03-01,10,1,hello!\n"
    )
    path = write(tmp_path, "posts.csv", text)
    with pytest.warns(DataWarning, match="dropped 1 exact duplicate"):
        with pytest.raises(smm.SchemaError) as info:
            smm.read_table(path, "posts")
    assert str(info.value) == (
        f"{path} (table 'posts'): 2 problems\n"
        "  - column 'post_id': '123' appears on lines 2 and 5 with different reach, comments; "
        "keep one row per key\n"
        "  - column 'post_id': '124' appears on lines 3 and 7 with different text; "
        "keep one row per key"
    )
    assert [p.rows for p in info.value.problems] == [("line 2", "line 5"), ("line 3", "line 7")]
    assert [p.count for p in info.value.problems] == [2, 2]


def test_key_clash_shows_labels_as_the_user_wrote_them(tmp_path):
    text = (
        "date,brand,platform,followers\n"
        "2026-03-01,Lumi,Facebook,100\n"
        "2026-03-01,Lumi,facebook,120\n"
        "2026-03-01,Lumi,FACEBOOK,130\n"
    )
    with pytest.raises(smm.SchemaError) as info:
        smm.read_table(write(tmp_path, "followers.csv", text), "followers")
    (problem,) = info.value.problems
    assert str(problem) == (
        "column 'date + brand + platform': 2026-03-01 / Lumi / Facebook appears on lines 2, 3 "
        "and 4 with different followers (platform written 'Facebook', 'facebook' and "
        "'FACEBOOK'); keep one row per key"
    )
    # the stored value stays normalised
    text = text.replace("facebook,120", "Zalo,120").replace("FACEBOOK,130", "ZALO,130")
    with pytest.raises(smm.SchemaError) as info:
        smm.read_table(write(tmp_path, "f.csv", text), "followers")
    assert str(info.value.problems[0]).startswith(
        "column 'date + brand + platform': 2026-03-01 / Lumi / Zalo appears on lines 3 and 4"
    )
    ok = smm.read_table(write(tmp_path, "g.csv", text.replace("ZALO,130", "X,130")), "followers")
    assert ok["platform"].tolist() == ["facebook", "zalo", "x"]


def test_key_clash_lists_five_keys_then_counts_the_rest(tmp_path):
    rows = "".join(
        f"p{i},Lumi,zalo,2026-03-01,{i}\np{i},Lumi,zalo,2026-03-01,{i + 100}\n" for i in range(8)
    )
    text = "post_id,brand,platform,published_at,reach\n" + rows
    with pytest.raises(smm.SchemaError) as info:
        smm.read_table(write(tmp_path, "posts.csv", text), "posts")
    problems = info.value.problems
    assert len(problems) == 6
    assert str(problems[4]) == (
        "column 'post_id': 'p4' appears on lines 10 and 11 with different reach; "
        "keep one row per key"
    )
    assert str(problems[5]) == (
        "column 'post_id': 3 more keys appear on more than one row with different values "
        "(6 rows); keep one row per key"
    )


def test_key_clash_with_unhashable_json_cells(tmp_path):
    path = tmp_path / "followers.jsonl"
    line = '{"date": "2026-03-01", "brand": "Lumi", "platform": "x", "followers": 3, "meta": %s}\n'
    path.write_text(line % '{"a": [1]}' + line % '{"a": [1]}' + line % '{"a": [2]}')
    with pytest.warns(DataWarning, match="dropped 1 exact duplicate"):
        with pytest.raises(smm.SchemaError) as info:
            smm.read_table(path, "followers")
    assert str(info.value.problems[0]) == (
        "column 'date + brand + platform': 2026-03-01 / Lumi / x appears on lines 1 and 3 "
        "with different meta; keep one row per key"
    )


def test_unknown_label_value_is_shown_as_written(tmp_path):
    text = "brand,kpi,target,period_start,period_end,direction\n"
    text += "Lumi,CPA,50000,2026-07-01,2026-09-30,Downward\n"
    with pytest.raises(smm.SchemaError) as info:
        smm.read_table(write(tmp_path, "targets.csv", text), "targets")
    assert str(info.value.problems[0]) == (
        "column 'direction': unknown value (expected one of higher, lower) at line 2 ('Downward')"
    )
    ok = smm.read_table(write(tmp_path, "t.csv", text.replace("Downward", "Lower")), "targets")
    assert ok["direction"].tolist() == ["lower"] and ok["kpi"].tolist() == ["cpa"]


# --------------------------------------------------------------------------------------------
# bad input: a SchemaError naming file, column and rows, never a pandas error


@pytest.mark.parametrize(
    ("table", "column", "cell", "message"),
    [
        ("followers", "date", "0001-01-01", "cannot read as a date"),
        ("followers", "date", "9999-12-31", "cannot read as a date"),
        ("followers", "date", "-1", "cannot read as a date"),
        ("posts", "published_at", "1677-09-21", "cannot read as a date and time"),
        ("posts", "published_at", "2262-04-11 23:59:59", "cannot read as a date and time"),
        ("posts", "published_at", "Mar 1", "cannot read as a date and time"),
        ("ads", "spend", "inf", "not a number"),
        ("ads", "spend", "1e400", "not a number"),
        ("followers", "followers", "1e400", "not a number"),
        ("followers", "followers", "1e20", "too large for a count"),
        ("followers", "followers", "18446744073709551616", "too large for a count"),
    ],
)
def test_out_of_range_cells_are_schema_errors(tmp_path, table, column, cell, message):
    base = {
        "followers": {"date": "2026-03-01", "brand": "Lumi", "platform": "x", "followers": "1"},
        "posts": {"post_id": "1", "brand": "Lumi", "platform": "x", "published_at": "2026-03-01"},
        "ads": {"date": "2026-03-01", "brand": "L", "platform": "x", "campaign": "c",
                "spend": "1", "impressions": "1"},
    }[table]  # fmt: skip
    row = {**base, column: cell}
    path = write(tmp_path, f"{table}.csv", ",".join(row) + "\n" + ",".join(row.values()) + "\n")
    with pytest.raises(smm.SchemaError) as info:
        smm.read_table(path, table, timezone="Asia/Ho_Chi_Minh")
    (problem,) = info.value.problems
    assert (problem.column, problem.message, problem.rows, problem.values) == (
        column,
        message,
        ("line 2",),
        (cell,),
    )
    assert str(info.value).startswith(str(path))


def test_out_of_range_typed_cells_from_parquet(tmp_path):
    import datetime as dt

    import numpy as np

    frame = pd.DataFrame(
        {
            "date": pd.array([dt.datetime(1, 1, 1), dt.datetime(2026, 1, 1)], "datetime64[us]"),
            "brand": "Lumi",
            "platform": "x",
            "followers": np.array([2**64 - 1, 1], dtype="uint64"),
            "gained": [np.inf, 1.0],
        }
    )
    path = tmp_path / "followers.parquet"
    frame.to_parquet(path, index=False)
    with pytest.raises(smm.SchemaError) as info:
        smm.read_table(path, "followers")
    assert [(p.column, p.message, p.rows) for p in info.value.problems] == [
        ("date", "cannot read as a date", ("row 1",)),
        ("followers", "too large for a count", ("row 1",)),
        ("gained", "not a number", ("row 1",)),
    ]


def test_json_that_is_not_records(tmp_path):
    path = tmp_path / "ads.jsonl"
    path.write_text("[1, 2]\n[3, 4]\n")
    with pytest.raises(smm.SchemaError) as info:
        smm.read_table(path, "ads")
    assert str(info.value.problems[0]) == (
        'not JSON records; write one object per line: {"column": value}'
    )


def test_missing_cells_are_not_shown_as_nan(tmp_path):
    df = pd.DataFrame(
        {"date": ["2026-03-01", None], "brand": "Lumi", "platform": "x", "followers": 1}
    )
    path = tmp_path / "followers.xlsx"
    df.to_excel(path, index=False)
    with pytest.raises(smm.SchemaError) as info:
        smm.read_table(path, "followers")
    assert str(info.value.problems[0]) == (
        "column 'date': missing value in a required column at row 3"
    )


@pytest.mark.parametrize(
    ("cell", "utc"),
    [
        ("Wed Oct 10 20:19:24 +0000 2018", "2018-10-10 20:19:24"),  # X's API: an instant
        ("Mon, 01 Mar 2026 10:00 +0700", "2026-03-01 03:00"),
        ("Mon, 01 Mar 2026 10:00", "2026-03-01 03:00"),  # local time in the zone given
    ],
)
def test_written_out_timestamps(tmp_path, cell, utc):
    text = f'post_id,brand,platform,published_at\n1,Lumi,x,"{cell}"\n'
    posts = smm.read_table(write(tmp_path, "posts.csv", text), "posts", timezone="Asia/Ho_Chi_Minh")
    assert posts["published_at"].iloc[0] == pd.Timestamp(utc, tz="UTC")


_ODD_CELLS = [
    "", "1", "-1", "1e400", "inf", "nan", "9999-12-31", "0001-01-01", "2262-04-11 23:59:59",
    "31/02/2026", "13/13/2026", "99999999999999999999999", "1,2,3", "1.234.567,5", "12%", "%",
    "₫", "abc", "Facebook", " facebook ", "yes", "2026-03-01T10:00:00+25:00",
    "2026-03-01 10:00 GMT", "20260101", "2026", "1.5", "--", "1e20", "Mon, 01 Mar 2026",
    "12/31/2026", "2026-03-08 02:30", "Wed Oct 10 20:19:24 +0000 2018",
]  # fmt: skip


def test_random_odd_cells_give_schema_errors_only():
    import random

    rng = random.Random(12)
    for _ in range(150):
        table = rng.choice(list(smm.TABLES))
        spec = smm.TABLES[table]
        names = [c for c in spec.names if c in spec.required or rng.random() < 0.5]
        frame = pd.DataFrame(
            [[rng.choice(_ODD_CELLS) for _ in names] for _ in range(rng.randint(1, 4))],
            columns=names,
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DataWarning)
            try:
                smm.validate(frame, table, source="odd.csv", timezone="America/New_York")
            except smm.SchemaError as err:
                assert str(err).startswith("odd.csv (table ")
                for problem in err.problems:
                    assert problem.column is not None, str(problem)


def test_channel_daily_rows_of_two_exports_for_the_same_days_are_merged_not_dropped():
    """Meta's Reach.csv and Follows.csv cover the same page and days: one row each day."""
    import smmnb as smm
    from smmnb.io.tables import append_rows

    reach = pd.DataFrame(
        {
            "date": ["2026-05-25", "2026-05-26"],
            "brand": "A",
            "platform": "facebook",
            "reach": [10, 20],
        }  # fmt: skip
    )
    follows = pd.DataFrame(
        {
            "date": ["2026-05-26", "2026-05-27"],
            "brand": "A",
            "platform": "facebook",
            "followers_gained": [3, 4],
            "reach": [99, None],
        }  # fmt: skip
    )
    base = smm.validate(reach, "channel_daily")
    out, added = append_rows(base, smm.validate(follows, "channel_daily"), "channel_daily")
    assert added == 1
    assert out["date"].dt.strftime("%Y-%m-%d").tolist() == [
        "2026-05-25",
        "2026-05-26",
        "2026-05-27",
    ]
    assert out["reach"].tolist()[:2] == [10, 20] and pd.isna(out["reach"].iloc[2])
    assert pd.isna(out["followers_gained"].iloc[0])
    assert out["followers_gained"].tolist()[1:] == [3, 4]
