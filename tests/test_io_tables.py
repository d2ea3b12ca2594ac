"""read_table: file formats, encodings, dates, numbers, and the errors bad input gives."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import smmnb as smm
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
    with pytest.raises(smm.SchemaError, match="same key") as info:
        smm.read_table(write(tmp_path, "posts.csv", text), "posts")
    (problem,) = info.value.problems
    assert problem.column == "post_id"
    assert problem.rows == ("line 2", "line 4")


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
    real = pd.read_parquet
    monkeypatch.setattr(
        pd,
        "read_parquet",
        lambda p, columns=None, **kw: (
            requested.append(columns) or real(p, columns=columns, **kw)
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
    with pytest.raises(smm.SchemaError, match=r"Tet / \(missing\) / \(missing\)"):
        smm.read_table(write(tmp_path, "ads.csv", text), "ads")
