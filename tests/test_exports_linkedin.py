"""LinkedIn Page content (-> posts) and followers (-> followers) exports."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from smmnb.errors import SchemaError
from smmnb.io.exports import detect_export, linkedin, read_export

TZ = "Asia/Ho_Chi_Minh"
AS_OF = pd.Timestamp("2026-10-31")
SEED = 5
HEADER = [
    "Post title",
    "Post link",
    "Post type",
    "Campaign name",
    "Posted by",
    "Created date",
    "Audience",
    "Impressions",
    "Views (excluding off-site video views)",
    "Clicks",
    "Click through rate (CTR)",
    "Likes",
    "Comments",
    "Shares",
    "Follows",
    "Engagement rate",
    "Content Type",
]


@pytest.fixture(scope="module")
def truth():
    history = linkedin._history("Lumi", TZ, AS_OF, np.random.default_rng(SEED))
    return history.set_index("post_id").sort_index()


@pytest.fixture(scope="module")
def sample_files(generated, tmp_path_factory):
    folder = tmp_path_factory.mktemp("linkedin")
    files = linkedin.sample_exports(
        generated.tables, brand="Lumi", timezone=TZ, as_of=AS_OF, rng=np.random.default_rng(SEED)
    )
    for name, payload in files.items():
        (folder / name).write_bytes(payload)
    return folder


def _activity_id(ts: str) -> int:
    ms = pd.Timestamp(ts, tz="UTC").value // 1_000_000
    return (ms << 22) | 12345


def _xls(path, sheets: dict[str, list[list[object]]]):
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook()
    for name, rows in sheets.items():
        sheet = book.add_sheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                sheet.write(r, c, value)
    book.save(str(path))
    return path


def test_activity_time():
    ids = pd.Series([str(_activity_id("2026-09-01 03:04:05.678")), "abc"])
    got = linkedin.activity_time(ids)
    assert got[0] == pd.Timestamp("2026-09-01 03:04:05.678", tz="UTC")
    assert pd.isna(got[1])


def test_sample_files_are_deterministic_and_detected(generated, sample_files):
    a = linkedin.sample_exports(
        generated.tables, brand="Lumi", timezone=TZ, as_of=AS_OF, rng=np.random.default_rng(SEED)
    )
    b = linkedin.sample_exports(
        generated.tables, brand="Lumi", timezone=TZ, as_of=AS_OF, rng=np.random.default_rng(SEED)
    )
    assert a == b and sorted(a) == ["linkedin_content.xlsx", "linkedin_followers.xlsx"]
    assert detect_export(sample_files / "linkedin_content.xlsx") == ("linkedin_content", "posts")
    assert detect_export(sample_files / "linkedin_followers.xlsx") == (
        "linkedin_followers",
        "followers",
    )


def test_content_sample_round_trip(sample_files, truth):
    got = read_export(sample_files / "linkedin_content.xlsx", brand="Lumi", timezone=TZ)
    got = got.set_index("post_id").sort_index()
    assert list(got.index) == list(truth.index)
    weeks = 90 / 7
    assert 2 * weeks - 3 <= len(truth) <= 4 * weeks + 1
    pd.testing.assert_series_equal(
        got["published_at"], truth["published_at"].astype("datetime64[ns, UTC]"), check_names=False
    )
    pairs = {
        "impressions": "impressions",
        "reactions": "likes",
        "comments": "comments",
        "shares": "reposts",
        "clicks": "clicks",
        "follows": "follows",
    }
    for col, source in pairs.items():
        assert got[col].sum() == truth[source].sum(), col
    assert got["video_views"].sum() == truth["views"].sum()
    assert (got["paid"] == truth["sponsored"]).all()
    assert (got["format"].astype(str) == truth["content_type"].str.lower()).all()
    assert (got["platform"].astype(str) == "linkedin").all()
    rate = (got[["clicks", "reactions", "comments", "shares", "follows"]].sum(axis=1)) / got[
        "impressions"
    ]
    assert np.allclose(got["engagement_rate"], rate.astype(float), atol=1e-6)


def test_xls_with_sentence_row_month_first_and_older_shares(tmp_path):
    post = _activity_id("2026-03-04 02:30")
    rows = [
        ["Aggregated metrics for all posts published in the selected time range."],
        HEADER,
        [
            "Lumi tuyển barista",
            f"https://www.linkedin.com/feed/update/urn:li:activity:{post}",
            "Sponsored",
            "Hiring Q1",
            "Trang",
            "03/04/2026",
            "All followers",
            1500,
            "",
            40,
            0.0267,
            30,
            4,
            2,
            3,
            0.0527,
            "Image",
        ],
        [
            "Hello",
            "https://www.linkedin.com/company/lumi/posts",
            "Organic",
            "",
            "Trang",
            "03/05/2026",
            "All followers",
            200,
            90,
            3,
            0.015,
            5,
            0,
            1,
            0,
            0.045,
            "Video",
        ],
    ]
    path = _xls(tmp_path / "lumi_content.xls", {"Metrics": [["Date"]], "All posts": rows})
    assert detect_export(path) == ("linkedin_content", "posts")
    df = read_export(path, brand="Lumi", timezone=TZ)
    first, second = df.iloc[0], df.iloc[1]
    assert first["post_id"] == str(post)
    assert first["published_at"] == pd.Timestamp("2026-03-04 02:30", tz="UTC")  # from the id
    assert first["paid"] and first["campaign"] == "Hiring Q1" and first["format"] == "image"
    assert (first["impressions"], first["clicks"], first["reactions"]) == (1500, 40, 30)
    assert (first["comments"], first["shares"]) == (4, 2)  # older "Shares" header
    assert first["engagement_rate"] == pytest.approx(0.0527)
    assert first["text"] == "Lumi tuyển barista"
    # no urn in the link: the link is the id, the day (5 March, month first) at local midnight
    assert second["post_id"] == "https://www.linkedin.com/company/lumi/posts"
    assert second["published_at"] == pd.Timestamp("2026-03-04 17:00", tz="UTC")
    assert not second["paid"] and second["video_views"] == 90
    assert "1 row(s) from Created date" in df.attrs["published_at_from"]


def test_content_without_brand_asks_for_brand(sample_files):
    with pytest.raises(SchemaError, match="brand="):
        read_export(sample_files / "linkedin_content.xlsx", timezone=TZ)


def test_followers_need_a_follower_count(sample_files):
    with pytest.raises(SchemaError, match="read_followers") as info:
        read_export(sample_files / "linkedin_followers.xlsx", brand="Lumi")
    assert "new followers per day" in str(info.value)


def test_read_followers_rebuilds_counts_backwards(sample_files):
    df = linkedin.read_followers(
        sample_files / "linkedin_followers.xlsx", total_followers=4_500, brand="Lumi"
    )
    assert len(df) == 90
    assert df["date"].min() == AS_OF - pd.Timedelta(days=89) and df["date"].max() == AS_OF
    assert df["followers"].iloc[-1] == 4_500
    later = df["gained"].iloc[1:].sum()
    assert df["followers"].iloc[0] == 4_500 - later
    assert (df["followers"].diff().iloc[1:] == df["gained"].iloc[1:]).all()
    assert (
        df["gained"]
        == df["sponsored_followers"] + df["organic_followers"] + df["auto_invited_followers"]
    ).all()
    assert df["lost"].isna().all()
    assert (df["platform"].astype(str) == "linkedin").all()
    assert "lower bounds" in df.attrs["followers_from"]
    assert df.attrs["source"] == "linkedin_followers"


def test_followers_xls_with_unsorted_days(tmp_path):
    rows = [
        ["Date", "Sponsored followers", "Organic followers", "Total followers"],
        ["01/03/2026", 0, 5, 5],
        ["01/01/2026", 1, 2, 3],
        ["01/02/2026", 0, 4, 4],
    ]
    path = _xls(tmp_path / "followers.xls", {"New followers": rows, "Location": [["Location"]]})
    assert detect_export(path) == ("linkedin_followers", "followers")
    df = linkedin.read_followers(path, total_followers=100, brand="Lumi")
    by_day = df.set_index("date")["followers"]
    assert by_day[pd.Timestamp("2026-01-03")] == 100
    assert by_day[pd.Timestamp("2026-01-02")] == 95
    assert by_day[pd.Timestamp("2026-01-01")] == 91


def test_read_followers_rejects_other_files(sample_files):
    with pytest.raises(SchemaError, match="not a LinkedIn followers export"):
        linkedin.read_followers(sample_files / "linkedin_content.xlsx", total_followers=1)


def test_canonical_followers_csv_is_not_mistaken(generated, tmp_path):
    path = tmp_path / "followers.csv"
    generated.tables["followers"].head(10).to_csv(path, index=False)
    assert detect_export(path) == ("canonical", "followers")
    posts = tmp_path / "posts.csv"
    generated.tables["posts"].head(10).to_csv(posts, index=False)
    assert detect_export(posts) == ("canonical", "posts")
