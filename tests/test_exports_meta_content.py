"""Meta Business Suite content and page series, legacy Page Insights exports, Audience.csv."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from smmnb.errors import ExportNotUsable, SchemaError
from smmnb.io.exports import detect_export, meta_content, read_export
from smmnb.io.exports._base import Found, RawExport, Table, open_export
from smmnb.sample.exports import meta_content as writer
from smmnb.schema import DataWarning

TZ = "Asia/Ho_Chi_Minh"
AS_OF = pd.Timestamp("2026-10-31")
METRICS = ["impressions", "reach", "reactions", "comments", "shares", "saves", "clicks"]
BOM = "\ufeff"

IG_HEADER = (
    "Post ID,Account ID,Account username,Account name,Description,Duration (sec),"
    "Publish time,Permalink,Post type,Data comment,Date,Views,Reach,Likes,Shares,Follows,"
    "Comments,Saves"
)
FB_HEADER = (
    "Post ID,Page ID,Page name,Title,Description,Duration (sec),Publish time,Permalink,"
    'Post type,Date,Views,Reach,"Reactions, Comments and Shares",Reactions,Comments,Shares,'
    "Total clicks,Link clicks"
)


@pytest.fixture(scope="module")
def sample_files(generated, tmp_path_factory):
    folder = tmp_path_factory.mktemp("meta")
    files = writer.sample_exports(
        generated.tables, brand="Lumi", timezone=TZ, as_of=AS_OF, rng=np.random.default_rng(3)
    )
    for name, payload in files.items():
        (folder / name).write_bytes(payload)
    return folder


def _write(tmp_path, text: str, name: str = "export.csv", bom: bool = True):
    path = tmp_path / name
    path.write_bytes(((BOM if bom else "") + text).encode("utf-8"))
    return path


def _canonical(generated, platform):
    posts = generated.tables["posts"]
    local_day = posts["published_at"].dt.tz_convert(TZ).dt.tz_localize(None).dt.normalize()
    keep = (
        (posts["brand"] == "Lumi")
        & (posts["platform"] == platform)
        & (local_day > AS_OF - pd.Timedelta(days=90))
        & (local_day <= AS_OF)
    )
    return posts[keep.to_numpy()].set_index("post_id").sort_index()


def test_sample_file_names_and_determinism(generated):
    a = writer.sample_exports(
        generated.tables, brand="Lumi", timezone=TZ, as_of=AS_OF, rng=np.random.default_rng(3)
    )
    b = writer.sample_exports(
        generated.tables, brand="Lumi", timezone=TZ, as_of=AS_OF, rng=np.random.default_rng(3)
    )
    assert sorted(a) == ["meta_facebook_posts.csv", "meta_instagram_posts.csv"]
    assert a == b
    assert all(payload.startswith(b"\xef\xbb\xbf") for payload in a.values())


@pytest.mark.parametrize(
    ("name", "platform"),
    [("meta_facebook_posts.csv", "facebook"), ("meta_instagram_posts.csv", "instagram")],
)
def test_sample_round_trip(sample_files, generated, name, platform):
    path = sample_files / name
    assert detect_export(path) == ("meta_content", "posts")
    got = read_export(path, timezone=TZ).set_index("post_id").sort_index()
    want = _canonical(generated, platform)
    assert len(want) > 50
    assert list(got.index) == list(want.index)
    assert (got["brand"].astype(str) == "Lumi").all()  # from Page name / Account name
    assert (got["platform"].astype(str) == platform).all()
    pd.testing.assert_series_equal(
        got["published_at"].dt.floor("min"), want["published_at"].dt.floor("min")
    )
    for col in METRICS:
        assert got[col].sum() == want[col].sum(), col
        assert got[col].isna().all() == want[col].isna().all(), col
    assert (got["format"].astype(str) == want["format"].astype(str)).all()
    assert (got["text"] == want["text"]).all()
    assert got.attrs["source"] == "meta_content"


def test_sample_window_is_90_days(sample_files):
    df = read_export(sample_files / "meta_facebook_posts.csv", timezone=TZ)
    local = df["published_at"].dt.tz_convert(TZ)
    assert local.max().normalize().tz_localize(None) <= AS_OF
    assert local.min().normalize().tz_localize(None) > AS_OF - pd.Timedelta(days=90)


def test_instagram_bom_month_first_local_time_and_thousands(tmp_path):
    path = _write(
        tmp_path,
        IG_HEADER + "\n"
        "18011,1784,lumi.coffee,Lumi Coffee,Chair test,44,03/04/2026 18:30,"
        'https://www.instagram.com/reel/DAbc123/,IG reel,,Lifetime,"12,400","9,100",610,88,41,'
        "57,230\n",
    )
    df = read_export(path, timezone=TZ)
    row = df.iloc[0]
    # 4 March (month first), 18:30 in Ho Chi Minh City = 11:30 UTC
    assert row["published_at"] == pd.Timestamp("2026-03-04 11:30", tz="UTC")
    assert row["impressions"] == 12400 and row["reach"] == 9100
    assert (row["reactions"], row["comments"], row["shares"], row["saves"]) == (610, 57, 88, 230)
    assert row["platform"] == "instagram" and row["format"] == "reel"
    assert row["brand"] == "Lumi Coffee"
    assert row["follows"] == 41 and row["account_username"] == "lumi.coffee"
    assert pd.isna(row["clicks"])


def test_day_first_values_are_not_forced_month_first(tmp_path):
    path = _write(
        tmp_path,
        IG_HEADER + "\n1,2,u,Lumi,x,0,25/03/2026 10:00,p,IG image,,Lifetime,10,5,1,0,0,0,0\n"
        "3,2,u,Lumi,x,0,02/04/2026 10:00,p,IG image,,Lifetime,10,5,1,0,0,0,0\n",
    )
    df = read_export(path, timezone="UTC")
    assert list(df["published_at"]) == [
        pd.Timestamp("2026-03-25 10:00", tz="UTC"),
        pd.Timestamp("2026-04-02 10:00", tz="UTC"),
    ]


def test_facebook_mapping_reactions_views_clicks_and_extras(tmp_path):
    path = _write(
        tmp_path,
        FB_HEADER + "\n"
        "108_200,108,Lumi,Short,A much longer caption here,0,10/05/2026 09:15,"
        'https://www.facebook.com/108/posts/200,Photos,Lifetime,"1,500",1200,"1,023",1000,15,8,'
        "90,40\n"
        "108_201,108,Lumi,Live from Q1,,600,10/06/2026 19:00,https://fb/1,Live,Lifetime,800,700,"
        "30,25,3,2,9,4\n",
    )
    df = read_export(path, timezone=TZ)
    assert list(df["platform"].astype(str)) == ["facebook", "facebook"]
    assert list(df["format"].astype(str)) == ["image", "live"]
    assert list(df["text"]) == ["A much longer caption here", "Live from Q1"]
    assert list(df["impressions"]) == [1500, 800]
    assert list(df["reactions"]) == [1000, 25]
    assert list(df["clicks"]) == [40, 4]  # Link clicks; Total clicks kept apart
    assert list(df["total_clicks"]) == [90, 9]
    assert list(df["reactions_comments_and_shares"]) == [1023, 30]
    assert df.loc[0, "published_at"] == pd.Timestamp("2026-10-05 02:15", tz="UTC")


def test_older_impressions_header_and_likes(tmp_path):
    path = _write(
        tmp_path,
        "Post ID,Account username,Account name,Description,Publish time,Post type,Impressions,"
        "Reach,Likes,Comments,Saves\n"
        "9,lumi,Lumi,Hi,01/15/2026 08:00,IG carousel,2000,1500,120,7,30\n",
    )
    df = read_export(path, timezone="UTC")
    assert df.loc[0, "impressions"] == 2000 and df.loc[0, "reactions"] == 120
    assert df.loc[0, "format"] == "carousel"


@pytest.mark.parametrize(
    ("types", "header", "expected"),
    [
        (["IG reel", "IG image"], FB_HEADER, ["instagram", "instagram"]),  # post type wins
        (["Reels", "IG image"], FB_HEADER, ["facebook", "instagram"]),  # row by row
        (["", ""], IG_HEADER, ["instagram", "instagram"]),  # IG-only columns
        (["", ""], FB_HEADER, ["facebook", "facebook"]),  # everything else
    ],
)
def test_platform_rule(types, header, expected):
    got = meta_content.platform_of(pd.Series(types), header.replace('"', "").split(","))
    assert list(got) == expected


def test_platform_rule_in_a_file_without_post_type(tmp_path):
    path = _write(
        tmp_path,
        "Post ID,Account ID,Account username,Account name,Publish time,Permalink,Views,Reach,"
        "Likes,Saves\n5,1,lumi,Lumi,01/02/2026 10:00,https://www.instagram.com/p/x/,10,8,1,1\n",
    )
    df = read_export(path, timezone="UTC")
    assert df.loc[0, "platform"] == "instagram"
    # 01/02 is ambiguous: month first is forced (2 January)
    assert df.loc[0, "published_at"] == pd.Timestamp("2026-01-02 10:00", tz="UTC")


def test_missing_brand_asks_for_brand(tmp_path):
    path = _write(
        tmp_path,
        "Post ID,Page ID,Publish time,Permalink,Post type,Views,Reach,Reactions\n"
        "1_2,1,01/02/2026 10:00,https://fb/2,Photos,10,8,1\n",
    )
    with pytest.raises(SchemaError, match="brand="):
        read_export(path)
    assert read_export(path, brand="Lumi", timezone=TZ).loc[0, "brand"] == "Lumi"


def test_brand_argument_wins_over_page_name(sample_files):
    df = read_export(sample_files / "meta_instagram_posts.csv", brand="Other", timezone=TZ)
    assert set(df["brand"].astype(str)) == {"Other"}


def test_canonical_posts_csv_is_not_mistaken(generated, tmp_path):
    path = tmp_path / "posts.csv"
    posts = generated.tables["posts"].head(20).copy()
    posts["published_at"] = posts["published_at"].dt.strftime("%Y-%m-%dT%H:%M:%SZ")
    posts.to_csv(path, index=False)
    assert detect_export(path) == ("canonical", "posts")


def test_meta_ads_file_is_not_meta_content(tmp_path):
    path = _write(
        tmp_path,
        "Reporting starts,Reporting ends,Campaign name,Amount spent (VND),Impressions,Reach\n"
        "2026-01-01,2026-01-31,Tet,100000,1000,800\n",
    )
    assert detect_export(path)[0] == "meta_ads"


# --------------------------------------------------------------------------------------------
# genuine shapes, reproduced with made-up values in tests/data/exports/meta_content/

FIXTURES = Path(__file__).parent / "data" / "exports" / "meta_content"
FB_2025 = FIXTURES / "Mar-30-2025_Apr-07-2025_555000111222333.csv"
IG_2026 = FIXTURES / "May-25-2026_Jun-21-2026_1700000000000001.csv"
FB_2024 = FIXTURES / "Nov-01-2024_Dec-31-2024_555000111222334.csv"
LEGACY_POSTS_CSV = (
    FIXTURES / "Facebook Insights Data Export (Post Level) - Lumi Test Page - 2014-11-01 - "
    "2015-02-28.csv"
)
LEGACY_POSTS_XLS = (
    FIXTURES / "Facebook Insights Data Export (Post Level) - Lumi Test Page - 2017-01-01 - "
    "2017-02-28.xls"
)
LEGACY_PAGE_CSV = (
    FIXTURES / "Facebook Insights Data Export - Lumi Test Page - 2014-01-01 - 2014-12-31.csv"
)
LEGACY_PAGE_XLS = (
    FIXTURES / "Facebook Insights Data Export - Lumi Test Page - 2017-02-27 - 2017-02-28.xls"
)


def _ints(series) -> list:
    return [None if pd.isna(v) else int(v) for v in series]


def _series_file(tmp_path, lines: list[str], name: str = "Series.csv", sep: bool = True):
    """A Business Suite page series as Meta writes it: UTF-16LE with a BOM."""
    text = ("sep=,\n" if sep else "") + "\n".join(lines) + "\n"
    path = tmp_path / name
    path.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    return path


def test_facebook_2025_multiline_captions_na_and_views_written_twice():
    assert detect_export(FB_2025) == ("meta_content", "posts")
    df = read_export(FB_2025, timezone=TZ)
    assert list(df["post_id"]) == ["111222333_900001", "111222333_900002", "111222333_900003"]
    assert list(df["page_id"]) == ["111222333"] * 3  # an id stays text
    assert (df["brand"].astype(str) == "Lumi Test Page").all()
    assert list(df["platform"].astype(str)) == ["facebook"] * 3
    assert list(df["format"].astype(str)) == ["image", "reel", "link"]
    # quoted captions over several lines, doubled quotes, intact
    assert df.loc[0, "text"] == 'Line one of the caption.\n\nLine three, with "quotes".'
    assert df.loc[1, "text"] == "Reel caption\nsecond line"
    # the first Views column is the one; the second is kept apart, not written over it
    assert _ints(df["views"]) == [1204, 3100, 0]
    assert _ints(df["impressions"]) == [1204, 3100, 0]
    assert _ints(df["views_2"]) == [7, 0, 0]
    assert df.attrs["duplicate_headers"] == ["Views"]
    assert df.attrs["impressions_from"] == "Views"
    assert _ints(df["reach"]) == [880, 2500, 0]
    assert _ints(df["reactions"]) == [12, 40, 0]
    assert _ints(df["comments"]) == [3, 15, 0]
    assert _ints(df["shares"]) == [2, 5, 0]
    assert _ints(df["reactions_comments_and_shares"]) == [17, 60, 0]
    # "Link Clicks" (capital C) is clicks; N/A cells are missing, never 0
    assert _ints(df["clicks"]) == [9, None, 3]
    assert _ints(df["total_clicks"]) == [40, None, 4]
    assert _ints(df["other_clicks"]) == [31, None, 1]
    assert _ints(df["video_views"]) == [None, 1500, None]
    assert _ints(df["duration_sec"]) == [0, 42, 0]
    assert list(df["caption_type"]) == ["N/A", "uploaded", "N/A"]
    assert list(df["platform_date"]) == ["Lifetime"] * 3
    # MM/DD/YYYY HH:MM, local time of the page
    assert list(df["published_at"]) == [
        pd.Timestamp("2025-03-30 16:59", tz="UTC"),
        pd.Timestamp("2025-04-02 01:05", tz="UTC"),
        pd.Timestamp("2025-04-07 05:30", tz="UTC"),
    ]


def test_instagram_2026_lower_case_headers_secs_and_long_ids():
    df = read_export(IG_2026, timezone="UTC")
    assert list(df["post_id"]) == ["18000000000000001", "18000000000000002"]
    assert list(df["account_id"]) == ["17840000000000009"] * 2  # 17 digits survive
    assert list(df["platform"].astype(str)) == ["instagram"] * 2
    assert list(df["format"].astype(str)) == ["reel", "carousel"]
    assert (df["brand"].astype(str) == "Lumi Test").all()
    assert df.loc[0, "text"] == "Morning ☕ at the roastery\n#coffee"
    assert _ints(df["views"]) == [12345, 800]
    assert _ints(df["impressions"]) == [12345, 800]
    assert _ints(df["reach"]) == [9870, 640]
    assert _ints(df["reactions"]) == [1020, 52]
    assert _ints(df["shares"]) == [88, 3]
    assert _ints(df["follows"]) == [14, 0]
    assert _ints(df["comments"]) == [61, 4]
    assert _ints(df["saves"]) == [240, 11]
    assert _ints(df["duration_sec"]) == [27, 0]  # from "duration (secs)"
    assert list(df["published_at"]) == [
        pd.Timestamp("2026-05-26 10:23", tz="UTC"),
        pd.Timestamp("2026-06-21 09:49", tz="UTC"),
    ]


def test_older_facebook_impressions_and_raw_unique_users_key():
    df = read_export(FB_2024, timezone="UTC")
    assert "views" not in df.columns
    assert df.attrs["impressions_from"] == "Impressions"
    assert _ints(df["impressions"]) == [500, 700]
    assert _ints(df["reach"]) == [410, 530]  # IMPRESSION:UNIQUE_USERS: people reached
    assert _ints(df["reactions"]) == [20, 35]
    assert _ints(df["clicks"]) == [None, 12]
    assert list(df["format"].astype(str)) == ["text", "carousel"]
    assert df.loc[1, "published_at"] == pd.Timestamp("2024-12-24 18:45", tz="UTC")


def test_views_and_impressions_together_keep_both(tmp_path):
    path = _write(
        tmp_path,
        "Post ID,Page ID,Page name,Publish time,Post type,Views,Impressions,Reach,Reactions\n"
        "1_2,1,Lumi,01/02/2025 10:00,Photos,900,700,500,3\n",
    )
    df = read_export(path, timezone="UTC")
    assert df.attrs["impressions_from"] == "Impressions"
    assert (int(df.loc[0, "impressions"]), int(df.loc[0, "views"])) == (700, 900)


def test_content_export_with_daily_values_is_refused_with_a_sentence(tmp_path):
    path = _write(
        tmp_path,
        "Post ID,Page ID,Page name,Publish time,Post type,Date,Views,Reach,Reactions\n"
        "1_2,1,Lumi,01/02/2025 10:00,Photos,01/02/2025,900,500,3\n"
        "1_2,1,Lumi,01/02/2025 10:00,Photos,01/03/2025,100,80,0\n",
    )
    with pytest.raises(ExportNotUsable) as err:
        read_export(path, timezone="UTC")
    assert err.value.problems[0].message.startswith(
        "this Meta Business Suite content export has daily values (a post on one row per day, "
        "Date 01/02/2025 ... 01/03/2025)"
    )


def test_reach_series_utf16_sep_line_and_metric_line():
    path = FIXTURES / "Reach.csv"
    assert detect_export(path) == ("meta_page_series", "channel_daily")
    with pytest.warns(DataWarning, match="does not say whether it is the Facebook Page's"):
        df = read_export(path, brand="Lumi")
    assert df.attrs["table"] == "channel_daily"
    assert list(df["date"].dt.strftime("%Y-%m-%d")) == [f"2026-05-{d}" for d in range(25, 32)]
    assert _ints(df["reach"]) == [1200, 1350, 990, 1010, 1500, 1420, 1300]
    assert int(df["reach"].sum()) == 8770
    assert df["followers_gained"].isna().all() and df["views"].isna().all()
    assert (df["platform"].astype(str) == "facebook").all()
    assert df.attrs["platform_from"].startswith("neither the file nor its name")
    with pytest.raises(SchemaError, match="brand="):
        read_export(path)


def test_follows_series_across_a_daylight_saving_switch():
    with pytest.warns(DataWarning):
        df = read_export(FIXTURES / "Follows.csv", brand="Lumi")
    days = list(df["date"].dt.strftime("%Y-%m-%d"))
    # T01:00 until 9 March, T00:00 from 10 March: each day once, none missing
    assert days == [f"2025-03-{d:02d}" for d in range(6, 13)]
    assert _ints(df["followers_gained"]) == [0, 2, 1, 3, 0, 5, 1]
    assert int(df["followers_gained"].sum()) == 12


def test_series_times_at_23h_belong_to_the_next_day(tmp_path):
    path = _series_file(
        tmp_path,
        [
            '"Facebook follows"',
            '"Date","Primary"',
            '"2025-11-01T00:00:00","4"',
            '"2025-11-01T23:00:00","6"',
            '"2025-11-02T23:00:00","1"',
        ],
    )
    df = read_export(path, brand="Lumi")
    assert list(df["date"].dt.strftime("%Y-%m-%d")) == ["2025-11-01", "2025-11-02", "2025-11-03"]
    assert _ints(df["followers_gained"]) == [4, 6, 1]
    assert (df["platform"].astype(str) == "facebook").all()
    assert df.attrs["platform_from"] == "the metric line"


def test_series_same_day_twice_is_an_error(tmp_path):
    path = _series_file(
        tmp_path,
        ['"Reach"', '"Date","Primary"', '"2025-11-01T00:00:00","4"', '"2025-11-01T02:00:00","6"'],
        name="instagram Reach.csv",
    )
    with pytest.raises(SchemaError, match=r"the same day twice \(2025-11-01\)"):
        read_export(path, brand="Lumi")


@pytest.mark.parametrize(
    ("metric", "name", "column", "platform"),
    [
        ("Instagram reach", "Series.csv", "reach", "instagram"),
        ("Views", "lumi_ig_views.csv", "views", "instagram"),
        ("Facebook visits", "Visits.csv", "profile_views", "facebook"),
        ("Content interactions", "FB Interactions.csv", "engagements", "facebook"),
        ("Viewers", "Instagram Viewers.csv", "reach", "instagram"),
    ],
)
def test_series_metric_and_platform(tmp_path, metric, name, column, platform):
    path = _series_file(
        tmp_path,
        [f'"{metric}"', '"Date","Primary"', '"2026-01-01T00:00:00","1,500"'],
        name=name,
    )
    df = read_export(path, brand="Lumi")
    assert _ints(df[column]) == [1500]
    assert list(df["platform"].astype(str)) == [platform]
    assert df.attrs[f"{column}_from"] == metric


def test_series_in_an_unknown_language_is_recognised_and_refused_with_a_sentence(tmp_path):
    path = _series_file(tmp_path, ['"Reichweite"', '"Datum","Primär"', '"2026-01-01T00:00:00","7"'])
    assert detect_export(path) == ("meta_page_series", "channel_daily")
    with pytest.raises(ExportNotUsable) as err:
        read_export(path, brand="Lumi")
    assert err.value.problems[0].message == (
        "this is a Meta Business Suite daily page series of 'Reichweite', a metric smmnb does "
        "not read (it reads Reach, Viewers, Views, Impressions, Follows, Unfollows, Visits and "
        "Content interactions)"
    )


def test_series_in_another_language_with_a_known_metric_reads_by_position(tmp_path):
    path = _series_file(
        tmp_path, ['"Lượt xem"', '"Ngày","Chỉ số"', '"2026-01-01T00:00:00","7"'], "fb.csv"
    )
    df = read_export(path, brand="Lumi")
    assert _ints(df["views"]) == [7] and list(df["platform"].astype(str)) == ["facebook"]


def test_series_without_a_metric_line_is_named_by_its_file(tmp_path):
    path = _series_file(
        tmp_path, ['"Date","Primary"', '"2026-01-01T00:00:00","70"'], name="Views (1).csv"
    )
    with pytest.warns(DataWarning):
        df = read_export(path, brand="Lumi")
    assert _ints(df["views"]) == [70]


def test_series_of_link_clicks_is_refused_with_a_sentence(tmp_path):
    path = _series_file(
        tmp_path, ['"Facebook link clicks"', '"Date","Primary"', '"2026-01-01T00:00:00","7"']
    )
    with pytest.raises(ExportNotUsable) as err:
        read_export(path, brand="Lumi")
    message = str(err.value)
    assert "daily page series of 'Facebook link clicks'" in message
    assert "link clicks are read per post from the content export" in message


def test_audience_export_is_refused_with_what_to_download_instead():
    path = FIXTURES / "Audience.csv"
    assert detect_export(path)[0] == "meta_audience"
    with pytest.raises(ExportNotUsable) as err:
        read_export(path, brand="Lumi")
    problem = err.value.problems[0]
    assert problem.message == (
        "this is Meta Business Suite's audience export (Age & gender, Top countries, Top "
        "cities): shares of followers by age, gender and place, not figures per post or per "
        "day, so it fills no table"
    )
    assert "Reach.csv, Follows.csv" in problem.hint and "Insights > Content" in problem.hint


def test_tiktok_style_distribution_files_are_not_claimed(tmp_path):
    # "Gender,Distribution" and "Top territories,Distribution" are TikTok Studio's follower
    # files: the Meta audience refusal must not speak for them
    path = _write(tmp_path, "Gender,Distribution\nMale,40.2\nFemale,59.8\n", "Gender.csv")
    raw = open_export(path)
    assert all(fmt.detect(raw) is None for fmt in meta_content.FORMATS)


def test_legacy_post_export_description_row_and_am_pm_times():
    assert detect_export(LEGACY_POSTS_CSV) == ("meta_insights_posts", "posts")
    df = read_export(LEGACY_POSTS_CSV, timezone="UTC")
    assert list(df["post_id"]) == ["123456789_1001", "123456789_1002"]  # no description row
    assert (df["brand"].astype(str) == "Lumi Test Page").all()  # from the file name
    assert (df["platform"].astype(str) == "facebook").all()
    assert list(df["published_at"]) == [
        pd.Timestamp("2014-11-15 09:50:37", tz="UTC"),
        pd.Timestamp("2015-02-19 23:45:22", tz="UTC"),
    ]
    assert list(df["format"].astype(str)) == ["image", "video"]
    assert list(df["text"]) == ["Hello, world!\nNew menu.", "Our first video"]
    assert _ints(df["reach"]) == [300, 1200]
    assert _ints(df["impressions"]) == [810, 2900]
    assert _ints(df["reactions"]) == [25, 80]
    assert _ints(df["comments"]) == [2, 9]
    assert _ints(df["shares"]) == [3, 12]
    assert _ints(df["clicks"]) == [None, 30]
    assert _ints(df["lifetime_engaged_users"]) == [41, 150]
    # a header written twice: the count first, the people (from the description) apart
    assert _ints(df["lifetime_organic_video_views"]) == [0, 640]
    assert _ints(df["lifetime_organic_video_views_unique_users"]) == [0, 500]
    assert df.attrs["duplicate_headers"] == ["Lifetime Organic Video Views"]


def test_legacy_post_export_as_excel_2003_xml_with_several_sheets():
    assert detect_export(LEGACY_POSTS_XLS) == ("meta_insights_posts", "posts")
    df = read_export(LEGACY_POSTS_XLS, timezone="UTC")
    assert list(df["post_id"]) == ["123456789_2001", "123456789_2002"]
    assert list(df["text"]) == ["Tết menu & café", "Opening hours"]
    assert list(df["published_at"]) == [
        pd.Timestamp("2017-01-28 19:05", tz="UTC"),
        pd.Timestamp("2017-02-01 10:00", tz="UTC"),
    ]
    assert _ints(df["reach"]) == [450, 210]
    assert _ints(df["reactions"]) == [33, 5]
    assert list(df["format"].astype(str)) == ["image", "text"]


def test_legacy_page_export_windows_1252_to_channel_daily():
    assert LEGACY_PAGE_CSV.read_bytes().count(b"\xf1") == 1  # Catalu\xf1a, not UTF-8
    assert detect_export(LEGACY_PAGE_CSV) == ("meta_insights_page", "channel_daily")
    df = read_export(LEGACY_PAGE_CSV)
    assert list(df["date"].dt.strftime("%Y-%m-%d")) == ["2014-01-01", "2014-01-02", "2014-12-31"]
    assert (df["brand"].astype(str) == "Lumi Test Page").all()
    assert (df["platform"].astype(str) == "facebook").all()
    assert _ints(df["reach"]) == [40, 55, None]
    assert _ints(df["impressions"]) == [95, 130, 60]
    assert _ints(df["followers_gained"]) == [0, 2, 1]
    assert _ints(df["followers_lost"]) == [0, 0, 2]
    assert _ints(df["profile_views"]) == [7, 9, 0]  # the count, not the people (5, 6, 0)
    assert _ints(df["lifetime_total_likes"]) == [120, 122, 121]
    assert _ints(df["daily_total_video_views"]) == [0, None, 4]
    assert df["views"].isna().all() and df["engagements"].isna().all()


def test_legacy_page_reads_the_counted_column_whichever_comes_first(tmp_path):
    path = _write(
        tmp_path,
        "Date,Daily Logged-in Page Views,Daily Logged-in Page Views,Daily Total Reach\n"
        ",Daily: Page Views (Unique Users),Daily: Page Views (Total Count),Daily: reach\n"
        "3/1/2014,4,11,20\n",
        "Facebook Insights Data Export - Lumi - 2014-03-01 - 2014-03-01.csv",
        bom=False,
    )
    df = read_export(path)
    assert _ints(df["profile_views"]) == [11]
    assert list(df["date"].dt.strftime("%Y-%m-%d")) == ["2014-03-01"]
    assert df.loc[0, "brand"] == "Lumi"


def test_legacy_page_export_as_excel_2003_xml():
    df = read_export(LEGACY_PAGE_XLS)
    assert list(df["date"].dt.strftime("%Y-%m-%d")) == ["2017-02-27", "2017-02-28"]
    assert _ints(df["followers_gained"]) == [4, 3]
    assert _ints(df["followers_lost"]) == [1, 0]
    assert _ints(df["reach"]) == [300, 280]
    assert _ints(df["impressions"]) == [640, 600]


def test_legacy_page_export_without_daily_figures_is_refused(tmp_path):
    path = _write(
        tmp_path,
        "Date,Weekly Total Reach,28 Days Total Reach,Weekly Page Engaged Users\n"
        ",Weekly: reach,28 Days: reach,Weekly: engaged\n1/5/2014,10,40,3\n",
        "Facebook Insights Data Export - Lumi - 2014-01-05 - 2014-01-05.csv",
    )
    with pytest.raises(ExportNotUsable, match="without the daily reach, impressions"):
        read_export(path)


def test_vietnamese_interface_headers(tmp_path):
    path = _write(
        tmp_path,
        "ID bài viết,ID Trang,Tên Trang,Mô tả,Thời gian đăng,Liên kết cố định,Loại bài viết,"
        "Lượt xem,Người tiếp cận,Cảm xúc,Bình luận,Lượt chia sẻ\n"
        "1_9,1,Lumi,Cà phê sữa đá,03/15/2026 07:30,https://fb/9,Photos,"
        '"2,500",1800,120,14,6\n',
    )
    assert detect_export(path) == ("meta_content", "posts")
    df = read_export(path, timezone="UTC")
    assert df.loc[0, "text"] == "Cà phê sữa đá"
    assert (int(df.loc[0, "impressions"]), int(df.loc[0, "reach"])) == (2500, 1800)
    assert (int(df.loc[0, "reactions"]), int(df.loc[0, "comments"])) == (120, 14)
    assert df.loc[0, "published_at"] == pd.Timestamp("2026-03-15 07:30", tz="UTC")


def test_header_spellings_live_in_the_data_file():
    spellings = meta_content.HEADERS["posts"]["Duration (sec)"]["en"]
    assert {"Duration (sec)", "Duration (secs)"} <= set(spellings)
    assert meta_content.HEADERS["posts"]["Post ID"]["vi"] == ["ID bài viết"]


@pytest.mark.parametrize(
    "rows",
    [
        [],
        [[]],
        [[""]],
        [["sep="]],
        [["Date", "Primary"]],
        [["Reach"], ["Date"]],
        [["Age & gender"]],
        [["Post ID", "Publish time"], ["x" * 10_000, "\n\r\"'"]],
        [["Date", "Daily New Likes"]],
        [["Post ID", "Posted", "Lifetime Post Total Reach"]],
        [["\ufeff😀", None, 3]],  # not text at all: the sniffer says no, it does not raise
        [None, ["Date", "Primary"]],
    ],
)
def test_every_sniffer_is_total(tmp_path, rows):
    raw = RawExport(tmp_path / "x.csv", [Table(rows)])
    for fmt in meta_content.FORMATS:
        found = fmt.detect(raw)
        assert found is None or isinstance(found, Found)


def test_canonical_channel_daily_csv_is_not_a_legacy_page_export(tmp_path):
    path = _write(
        tmp_path,
        "date,brand,platform,reach,followers_gained\n2026-01-01,Lumi,facebook,10,1\n",
        bom=False,
    )
    assert detect_export(path) == ("canonical", "channel_daily")
