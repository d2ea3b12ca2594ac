"""YouTube Studio advanced-mode exports: Table data, Chart data and Totals."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from smmnb.errors import ExportNotUsable, SchemaError
from smmnb.io.exports import detect_export, read_export, youtube
from smmnb.io.exports._base import open_export
from smmnb.sample import BRAND, END, TIMEZONE
from smmnb.sample.exports import youtube as youtube_sample
from smmnb.schema import DataWarning

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


def test_chart_data_by_video_is_refused_naming_the_videos(tmp_path):
    path = _write(tmp_path / "Chart data.csv", CHART)
    assert detect_export(path) == ("youtube_chart", "channel_daily")
    with pytest.raises(ExportNotUsable) as err:
        read_export(path, brand="Lumi", timezone=TIMEZONE)
    message = str(err.value)
    assert "YouTube Studio's Chart data.csv" in message
    assert "from 2026-09-01 to 2026-09-03 of the 2 video(s) drawn on the chart" in message
    assert "('First', 'Second')" in message and "not of the whole channel" in message
    assert "read Table data.csv" in message and "Totals.csv (channel_daily)" in message


def test_chart_data_total_line_fills_channel_daily(tmp_path):
    text = CHART + "2026-09-01,Total,,,,2000,20,\n2026-09-02,Total,,,,1500,9,\n"
    path = _write(tmp_path / "Chart data.csv", text)
    df = read_export(path, brand="Lumi")
    assert df.attrs["table"] == "channel_daily" and df.attrs["source"] == "youtube_chart"
    assert list(df["date"]) == list(pd.to_datetime(["2026-09-01", "2026-09-02"]))
    assert list(df["views"]) == [2000, 1500] and list(df["likes"]) == [20, 9]
    assert df.attrs["videos_not_read"] == 2


# ------------------------------------------------------------------------------ Totals


def test_totals_fill_channel_daily(tmp_path):
    path = _write(tmp_path / "Totals.csv", TOTALS)
    assert detect_export(path) == ("youtube_totals", "channel_daily")
    df = read_export(path, brand="Lumi")
    assert df.attrs["table"] == "channel_daily"
    assert list(df["date"]) == list(pd.to_datetime(["2026-09-01", "2026-09-02"]))
    assert list(df["views"]) == [1200, 900]
    assert list(df["subscribers"]) == [12, -3]  # net: neither gained nor lost
    assert df["followers_gained"].isna().all() and df["followers_lost"].isna().all()
    assert list(df["watch_time_hours"]) == [80.5, 61.0]
    assert set(df["platform"]) == {"youtube"} and set(df["brand"]) == {"Lumi"}


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
    assert detect_export(folder / "youtube_Chart data.csv") == ("youtube_chart", "channel_daily")


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


def test_sample_chart_data_is_refused_and_its_views_are_the_table_data_views(samples, videos):
    folder, _ = samples
    with pytest.raises(ExportNotUsable, match="drawn on the chart") as err:
        read_export(folder / "youtube_Chart data.csv", brand=BRAND, timezone=TIMEZONE)
    assert f"of the {len(videos)} video(s)" in str(err.value)
    chart = pd.read_csv(folder / "youtube_Chart data.csv", dtype={"Content": str})
    assert chart["Date"].max() == f"{END:%Y-%m-%d}"
    views = chart.groupby(chart["Content"].str.strip())["Views"].sum().sort_index()
    assert list(views.index) == list(videos.index)
    assert list(views) == list(videos["video_views"])


# ------------------------------------------------------------------------------ fixtures

DATA = Path(__file__).parent / "data" / "exports" / "youtube"
SOFT = "\u00ad"


def _fixture(name: str, tmp_path):
    path = tmp_path / name
    path.write_bytes((DATA / name).read_bytes())
    return path


def test_every_spelling_names_one_field():
    seen: dict[str, str] = {}
    for field, languages in youtube.spellings()["columns"].items():
        for words in languages.values():
            for word in words:
                assert seen.setdefault(youtube.key(word), field) == field, word


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Aug 28, 2025", "2025-08-28"),
        ("Sep 4, 2011", "2011-09-04"),
        ("19.08.2011", "2011-08-19"),
        ("19. Aug. 2011", "2011-08-19"),
        ("19. März 2011", "2011-03-19"),
        ("19 de agosto de 2011", "2011-08-19"),
        ("19 août 2011", "2011-08-19"),
        ("19 thg 8, 2011", "2011-08-19"),
        ("2026-06-12", "2026-06-12"),
        ("Feb 30, 2026", None),
        ("Total", None),
        ("", None),
        (None, None),
    ],
)
def test_publish_day(text, expected):
    assert youtube.publish_day(text) == expected


def test_fixture_table_data_english(tmp_path):
    path = _fixture("Table data.csv", tmp_path)
    assert detect_export(path) == ("youtube_table", "posts")
    with pytest.warns(DataWarning, match="1 video.* no publish time .* kept with their 45 view"):
        df = read_export(path, brand="Lumi")
    private = df["published_at"].isna()
    assert list(df["post_id"][~private]) == ["aB3dE5gH7jK", "-Xb8Qc1ZkLm"]  # Total row gone
    assert int(private.sum()) == 1 and int(df.loc[private, "video_views"].sum()) == 45
    assert list(df["text"][~private]) == ["Cà phê sữa đá, part 1 ☕", "Short one 🔥🔥"]
    assert list(df["published_at"][~private]) == [
        pd.Timestamp("2025-08-28", tz="UTC"),
        pd.Timestamp("2026-01-06", tz="UTC"),
    ]
    # the private video's views stay in the total: 12,345 + 4,210 + 45
    assert int(df["video_views"].sum()) == 16600
    assert list(df["impressions"][~private]) == [80000, 11000]
    assert list(df["watch_time_hours"][~private]) == [250.25, 40.125]
    assert list(df["duration"][~private]) == [612, 41]
    assert list(df["subscribers"][~private]) == [20, 4]
    assert df.attrs["unpublished"] == 1 and "footer" not in df.attrs


def test_fixture_table_data_german_with_soft_hyphens_and_footer(tmp_path):
    path = _fixture("Tabellendaten.csv", tmp_path)
    assert SOFT in path.read_text(encoding="utf-8").splitlines()[0]
    assert detect_export(path) == ("youtube_table", "posts")
    with pytest.warns(DataWarning, match="Die 3 besten Ergebnisse werden angezeigt"):
        df = read_export(path, brand="Lumi", timezone=TIMEZONE)
    assert list(df["post_id"]) == ["q1W2e3R4t5Y", "-L31PdnCO7A", "Vu993G22IM9"]
    assert list(df["text"]) == [
        "Zerkleinerer Vorführung",
        "Brikettierpresse, Wartung",
        "Shredder / nets",
    ]
    # local midnight in Ho Chi Minh City (UTC+7); "19.08.2011" is a German day-first date
    assert list(df["published_at"]) == [
        pd.Timestamp("2011-08-18 17:00", tz="UTC"),
        pd.Timestamp("2011-08-18 17:00", tz="UTC"),
        pd.Timestamp("2012-06-04 17:00", tz="UTC"),
    ]
    assert list(df["video_views"]) == [8000, 1000, 50]
    assert list(df["impressions"]) == [60000, 9500, 400]
    assert list(df["watch_time_hours"]) == [120.5, 30.0, 0.25]  # English names, any UI
    assert list(df["subscribers"]) == [10, 2, 0]
    assert list(df["impressions_click_through_rate"]) == [5.5, 2.1, 1.0]
    assert df.attrs["id_from"] == "Video" and df.attrs["impressions_from"] == "Impressionen"
    assert df.attrs["footer"] == "Die 3 besten Ergebnisse werden angezeigt"
    assert not any(SOFT in c for c in df.columns)


def test_fixture_chart_data_is_refused(tmp_path):
    path = _fixture("Chart data.csv", tmp_path)
    with pytest.raises(ExportNotUsable) as err:
        read_export(path, brand="Lumi")
    message = str(err.value)
    assert "of the 2 video(s) drawn on the chart ('Cà phê sữa đá, part 1 ☕', " in message
    assert "from 2026-09-01 to 2026-09-02" in message


def test_fixture_german_chart_data_names_the_german_files(tmp_path):
    path = _fixture("Diagrammdaten.csv", tmp_path)
    assert detect_export(path) == ("youtube_chart", "channel_daily")
    with pytest.raises(ExportNotUsable) as err:
        read_export(path, brand="Lumi")
    message = str(err.value)
    assert "YouTube Studio's Diagrammdaten.csv (Chart data.csv)" in message
    assert "read Tabellendaten.csv (Table data.csv)" in message
    assert "Gesamtwerte.csv (Totals.csv) (channel_daily)" in message


def test_fixture_totals_negative_likes_kept_as_net(tmp_path):
    path = _fixture("Totals.csv", tmp_path)
    with pytest.warns(DataWarning, match="Likes fall below zero on 1 day"):
        df = read_export(path, brand="Lumi")
    assert list(df["views"]) == [1200, 1900, 0]
    assert df["likes"].isna().all() and list(df["likes_net"]) == [40, -2, 0]
    assert list(df["subscribers"]) == [12, -3, 0]
    assert df["watch_time_hours"].sum() == pytest.approx(141.75)


def test_fixture_german_totals(tmp_path):
    path = _fixture("Gesamtwerte.csv", tmp_path)
    assert detect_export(path) == ("youtube_totals", "channel_daily")
    df = read_export(path, brand="Lumi")
    assert list(df["date"]) == list(pd.date_range("2026-12-30", "2027-01-01"))
    assert list(df["views"]) == [300, 450, 125]
    assert list(df["watch_time_hours"]) == [10.5, 12.25, 3.0]
    assert list(df["subscribers"]) == [2, 0, -1]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            "Traffic source,Views,Watch time (hours),Average view duration\n"
            "Total,100,5.0,0:03:00\nYouTube search,60,3.0,0:03:00\n",
            "Table data.csv by Traffic source, not by video",
        ),
        (
            "Date,Traffic source,Views\n2026-09-01,YouTube search,60\n",
            "Chart data.csv by Traffic source, not by video",
        ),
    ],
)
def test_other_dimensions_are_refused_asking_for_content(tmp_path, text, said):
    path = _write(tmp_path / "x.csv", text)
    with pytest.raises(ExportNotUsable) as err:
        read_export(path, brand="Lumi")
    assert said in str(err.value)
    assert "with the Content dimension" in str(err.value)


@pytest.mark.parametrize(
    "text",
    [
        "Campaign,Views,Watch time (hours)\nSummer,10,1.0\nTotal,10,1.0\n",  # no total first
        "Date,Views\n20260901,10\n",  # a GA4-style date is not Studio's
        "Date,Views,Engagements\n2026-09-01,10,2\n",
        "Video,Views\nabc,1\n",  # too little to be Studio's
    ],
)
def test_studio_detection_says_no_to_lookalikes(tmp_path, text):
    raw = open_export(_write(tmp_path / "x.csv", text))
    assert all(fmt.detect(raw) is None for fmt in youtube.FORMATS)


def test_table_data_with_only_its_total_row_is_zero_posts(tmp_path):
    text = TABLE.splitlines()[0] + "\n" + TABLE.splitlines()[1] + "\n"
    df = read_export(_write(tmp_path / "Table data.csv", text), brand="Lumi")
    assert len(df) == 0 and df.attrs["table"] == "posts"


def test_a_header_twice_keeps_both_columns(tmp_path):
    text = 'Content,Video title,Video publish time,Views,Views\nabcDEF12345,A,"Oct 2, 2026",10,12\n'
    df = read_export(_write(tmp_path / "t.csv", text), brand="Lumi")
    assert df["video_views"].iloc[0] == 10 and df["platform_views"].iloc[0] == 12


def test_studio_rows_under_headers_of_an_unknown_language_are_refused_with_them(tmp_path):
    text = (
        "Treść,Tytuł filmu,Czas publikacji filmu,Wyświetlenia\n"
        "Łącznie,,,1000\n"
        'aB3dE5gH7jK,Pierwszy,"Aug 28, 2025",600\n'
        ' -Xb8Qc1ZkLm,Drugi,"Jan 6, 2026",300\n'
        'Qw9_Er8-Ty7,Trzeci,"Jan 7, 2026",100\n'
    )
    path = _write(tmp_path / "Dane tabeli.csv", text)
    with pytest.raises(ExportNotUsable) as err:
        read_export(path, brand="Lumi")
    message = str(err.value)
    assert "looks like a YouTube Studio export" in message
    assert "(Treść, Tytuł filmu, Czas publikacji filmu, Wyświetlenia)" in message
    assert "YouTube Studio in English" in message
    lookalike = text.replace("aB3dE5gH7jK", "summer_sale").replace(" -Xb8Qc1ZkLm", "winter_sale")
    raw = open_export(_write(tmp_path / "x.csv", lookalike))
    assert all(fmt.detect(raw) is None for fmt in youtube.FORMATS)


# ------------------------------------------------------------------------------ genuine files

REAL = Path(__file__).resolve().parents[2] / "shared" / "real" / "exports"
ENGLISH = "youtube/priyankapatel05__YouTube-Channel-Analytics-Dashboard__"
GERMAN = "youtube/raphaeloe__Youtube__Tabellendaten.csv"


@pytest.fixture(scope="module")
def expected():
    import json

    if not (REAL / "expected.json").is_file():
        pytest.skip("the genuine exports (../shared/real) are not here")
    return json.loads((REAL / "expected.json").read_text(encoding="utf-8"))


def test_genuine_english_table_data(expected):
    want = expected[ENGLISH + "Table data.csv"]
    df = read_export(REAL / (ENGLISH + "Table data.csv"), brand="B")
    assert len(df) == want["data_rows"]
    assert int(df["video_views"].sum()) == want["sum_views"]
    assert int(df["impressions"].sum()) == want["sum_impressions"]
    assert df["watch_time_hours"].sum() == pytest.approx(want["sum_watch_time_hours"])
    assert int(df["post_id"].str.startswith("-").sum()) == want["ids_with_leading_space"]
    assert f"{df['published_at'].min():%Y-%m-%d}" == want["first_date"]
    assert f"{df['published_at'].max():%Y-%m-%d}" == want["last_date"]


def test_genuine_german_table_data(expected):
    want = expected[GERMAN]
    with pytest.warns(DataWarning) as warned:
        df = read_export(REAL / GERMAN, brand="B")
    said = " ".join(str(w.message) for w in warned)
    assert "Die 500 besten Ergebnisse werden angezeigt" in said
    assert "17 video(s) have no publish time" in said and "646 view(s)" in said
    # the 17 private videos (no publish time) are kept, so the views add up to the file's
    assert len(df) == want["data_rows"] and int(df["published_at"].isna().sum()) == 17
    assert int(df["video_views"].sum()) == want["sum_views"]
    assert int(df["impressions"].sum()) == want["sum_impressions"]
    assert f"{df['published_at'].min():%Y-%m-%d}" == want["first_date"]
    assert f"{df['published_at'].max():%Y-%m-%d}" == want["last_date"]
    assert int(df["post_id"].str.startswith("-").sum()) == want["ids_with_leading_space"]
    assert df.attrs["footer"] == want["footer_lines"][0].replace(SOFT, "")


def test_genuine_chart_data_is_refused_naming_five_videos(expected):
    want = expected[ENGLISH + "Chart data.csv"]
    with pytest.raises(ExportNotUsable) as err:
        read_export(REAL / (ENGLISH + "Chart data.csv"), brand="B")
    message = str(err.value)
    assert f"from {want['first_date']} to {want['last_date']} of the 5 video(s)" in message
