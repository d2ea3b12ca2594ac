"""Meta Business Suite content exports (Facebook Page / Instagram posts) -> posts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from smmnb.errors import SchemaError
from smmnb.io.exports import detect_export, meta_content, read_export
from smmnb.sample.exports import meta_content as writer

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
