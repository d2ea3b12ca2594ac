"""YouTube Studio advanced-mode exports: Table data, Chart data and Totals."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from smmnb.errors import SchemaError
from smmnb.io.exports import detect_export, read_export, youtube
from smmnb.io.exports._base import open_export
from smmnb.sample import BRAND, END, TIMEZONE
from smmnb.sample.exports import youtube as youtube_sample

TABLE = (
    "Content,Video title,Video publish time,Duration,Views,Watch time (hours),Subscribers,"
    "Likes,Comments added,Shares,Impressions,Impressions click-through rate (%)\n"
    "Total,,,,15037,1203.5,151,700,31,40,220000,4.8\n"
    '2q4TS4z4Rpk,"Ultimate guide, part 1","Aug 28, 2025",2496,"1,495",927.58,140,196,20,30,'
    "138912,4.02\n"
    ' -Xb8Qc1ZkLm,Short one,"Jan 6, 2026",41,13542,275.9,11,504,11,10,81088,5.1\n'
)
CHART = (
    "Date,Content,Video title,Video publish time,Duration,Views,Likes,Average view duration\n"
    '2026-09-01,abcDEF12345,First,"Sep 1, 2026",120,100,5,0:01:02\n'
    '2026-09-02,abcDEF12345,First,"Sep 1, 2026",120,40,2,0:00:58\n'
    '2026-09-02, -zyx9876543,Second,"Sep 2, 2026",30,"1,000",,0:00:20\n'
    '2026-09-03, -zyx9876543,Second,"Sep 2, 2026",30,250,7,0:00:21\n'
)
TOTALS = (
    "Date,Views,Watch time (hours),Subscribers\n2026-09-01,1200,80.5,12\n2026-09-02,900,61.0,-3\n"
)


def _write(path, text: str):
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def samples(generated, tmp_path_factory):
    folder = tmp_path_factory.mktemp("youtube")
    files = youtube_sample.sample_exports(
        generated.tables,
        brand=BRAND,
        timezone=TIMEZONE,
        as_of=END,
        rng=np.random.default_rng(5),
    )
    for name, payload in files.items():
        (folder / name).write_bytes(payload)
    return folder, files


@pytest.fixture(scope="module")
def videos(generated):
    """Lumi's YouTube posts published in the 90 days up to END (what the sample covers)."""
    posts = generated.tables["posts"]
    day = posts["published_at"].dt.tz_convert(TIMEZONE).dt.tz_localize(None).dt.normalize()
    keep = (
        (posts["brand"] == BRAND)
        & (posts["platform"] == "youtube")
        & (day >= END - pd.Timedelta(days=89))
        & (day <= END)
    )
    return posts[keep].set_index("post_id").sort_index()


# ------------------------------------------------------------------------------ Table data


def test_table_data_maps_videos_and_skips_total(tmp_path):
    path = _write(tmp_path / "Table data.csv", TABLE)
    assert detect_export(path) == ("youtube_table", "posts")
    df = read_export(path, brand="Lumi", timezone=TIMEZONE)
    assert list(df["post_id"]) == ["2q4TS4z4Rpk", "-Xb8Qc1ZkLm"]  # leading space stripped
    assert list(df["video_views"]) == [1495, 13542]
    assert list(df["reactions"]) == [196, 504]
    assert list(df["comments"]) == [20, 11]
    assert list(df["shares"]) == [30, 10]
    assert list(df["impressions"]) == [138912, 81088]
    assert list(df["text"]) == ["Ultimate guide, part 1", "Short one"]
    assert set(df["platform"]) == {"youtube"} and set(df["brand"]) == {"Lumi"}
    assert df["format"].isna().all()
    # A publish day is local midnight: 28 Aug 2025 00:00 in Ho Chi Minh City is 27 Aug 17:00 UTC.
    assert list(df["published_at"]) == [
        pd.Timestamp("2025-08-27 17:00", tz="UTC"),
        pd.Timestamp("2026-01-05 17:00", tz="UTC"),
    ]
    assert list(df["duration"]) == [2496, 41]
    assert list(df["watch_time_hours"]) == [927.58, 275.9]
    assert list(df["subscribers"]) == [140, 11]
    assert list(df["impressions_click_through_rate"]) == [4.02, 5.1]
    assert df.attrs["impressions_from"] == "Impressions"
    assert df.attrs["published_at_precision"] == "day"


def test_table_data_in_utc_without_timezone(tmp_path):
    path = _write(tmp_path / "t.csv", TABLE)
    df = read_export(path, brand="Lumi")
    assert df["published_at"].iloc[0] == pd.Timestamp("2025-08-28", tz="UTC")


def test_table_data_older_video_header_and_thumbnail_impressions(tmp_path):
    path = _write(
        tmp_path / "t.csv",
        "Video,Video title,Video publish time,Views,Thumbnail impressions,"
        "Thumbnail click-through rate (%)\n"
        'Total,,,10,200,5.0\nabc12345678,A,"Oct 2, 2026",10,200,5.0\n',
    )
    df = read_export(path, brand="Lumi")
    assert list(df["post_id"]) == ["abc12345678"]
    assert df["impressions"].iloc[0] == 200
    assert df.attrs["impressions_from"] == "Thumbnail impressions"
    assert df.attrs["id_from"] == "Video"


def test_table_data_needs_a_brand(tmp_path):
    path = _write(tmp_path / "t.csv", TABLE)
    with pytest.raises(SchemaError, match="brand="):
        read_export(path)


# ------------------------------------------------------------------------------ Chart data


def test_chart_data_sums_days_per_video(tmp_path):
    path = _write(tmp_path / "Chart data.csv", CHART)
    assert detect_export(path) == ("youtube_chart", "posts")
    df = read_export(path, brand="Lumi", timezone=TIMEZONE)
    assert list(df["post_id"]) == ["abcDEF12345", "-zyx9876543"]
    assert list(df["video_views"]) == [140, 1250]
    assert list(df["reactions"]) == [7, 7]  # a missing day does not make the sum missing
    assert list(df["published_at"]) == [
        pd.Timestamp("2026-08-31 17:00", tz="UTC"),
        pd.Timestamp("2026-09-01 17:00", tz="UTC"),
    ]
    assert list(df["duration"]) == [120, 30]
    assert "average_view_duration" not in df.columns
    assert df.attrs["not_summed"] == ["Average view duration"]
    assert df.attrs["period"] == ("2026-09-01", "2026-09-03")
    assert df.attrs["days"] == 3


# ------------------------------------------------------------------------------ Totals


def test_totals_is_recognised_but_fills_no_table(tmp_path):
    path = _write(tmp_path / "Totals.csv", TOTALS)
    assert detect_export(path) == ("youtube_totals", "posts")
    with pytest.raises(SchemaError, match="Totals.csv") as err:
        read_export(path, brand="Lumi")
    message = str(err.value)
    assert "not the subscriber count" in message
    assert "Table data.csv" in message and "followers.csv" in message


@pytest.mark.parametrize(
    "text",
    [
        "Date,Impressions,Engagements,Likes\n2026-09-01,10,2,1\n",  # X account overview
        '"Date","Primary"\n"2026-09-01T00:00:00","20"\n',  # Meta insights series
        "date,brand,platform,followers\n2026-09-01,Lumi,youtube,100\n",  # canonical
        '"Date","Video Views","Profile Views","Likes","Comments","Shares"\n',  # TikTok Overview
    ],
)
def test_totals_detection_is_narrow(tmp_path, text):
    raw = open_export(_write(tmp_path / "x.csv", text))
    assert all(fmt.detect(raw) is None for fmt in youtube.FORMATS)


# ------------------------------------------------------------------------------ sample files


def test_sample_files_are_detected_as_their_own_format(samples):
    folder, files = samples
    assert set(files) == {"youtube_Table data.csv", "youtube_Chart data.csv"}
    assert detect_export(folder / "youtube_Table data.csv") == ("youtube_table", "posts")
    assert detect_export(folder / "youtube_Chart data.csv") == ("youtube_chart", "posts")


def test_sample_table_data_looks_like_studio(samples):
    _, files = samples
    lines = files["youtube_Table data.csv"].decode("utf-8").splitlines()
    assert lines[0].startswith("Content,Video title,Video publish time,Duration,Views,")
    assert lines[1].startswith("Total,,,,")
    assert any(line.startswith(" -") for line in lines[2:])  # ids starting with "-"


def test_canonical_posts_csv_is_not_mistaken_for_youtube(generated, tmp_path):
    path = tmp_path / "posts.csv"
    generated.tables["posts"].head(30).to_csv(path, index=False)
    assert detect_export(path) == ("canonical", "posts")


def test_sample_exports_are_deterministic(generated):
    def make():
        return youtube_sample.sample_exports(
            generated.tables,
            brand=BRAND,
            timezone=TIMEZONE,
            as_of=END,
            rng=np.random.default_rng(5),
        )

    assert make() == make()


def _local_day(s: pd.Series) -> list:
    return list(s.dt.tz_convert(TIMEZONE).dt.tz_localize(None).dt.normalize())


def test_round_trip_table_data(samples, videos):
    folder, _ = samples
    df = read_export(folder / "youtube_Table data.csv", brand=BRAND, timezone=TIMEZONE)
    got = df.set_index("post_id").sort_index()
    assert len(got) == len(videos) > 5
    assert list(got.index) == list(videos.index)
    assert any(p.startswith("-") for p in got.index)
    assert _local_day(got["published_at"]) == _local_day(videos["published_at"])
    for col in ("video_views", "reactions", "comments", "shares", "impressions"):
        assert got[col].sum() == videos[col].sum(), col
        assert (got[col] == videos[col]).all(), col
    assert (got["text"] == videos["text"]).all()


def test_round_trip_chart_data(samples, videos):
    folder, _ = samples
    df = read_export(folder / "youtube_Chart data.csv", brand=BRAND, timezone=TIMEZONE)
    got = df.set_index("post_id").sort_index()
    assert list(got.index) == list(videos.index)
    assert (got["video_views"] == videos["video_views"]).all()
    assert _local_day(got["published_at"]) == _local_day(videos["published_at"])
    assert df.attrs["period"][1] == f"{END:%Y-%m-%d}"
