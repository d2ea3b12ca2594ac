"""X (Twitter) content and tweet activity exports -> posts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from smmnb.errors import SchemaError
from smmnb.io.exports import detect_export, read_export, x
from smmnb.sample.exports import x as sample_x

TZ = "Asia/Ho_Chi_Minh"
AS_OF = pd.Timestamp("2026-10-31")
SEED = 11
CONTENT_HEADER = (
    "Post id,Date,Post text,Post Link,Impressions,Likes,Engagements,Bookmarks,Shares,"
    "New follows,Replies,Reposts,Profile visits,Detail Expands,URL Clicks,Hashtag Clicks,"
    "Permalink Clicks"
)


@pytest.fixture(scope="module")
def truth():
    """What the sample files were written from (same seed, same draws)."""
    history = sample_x._history("Lumi", TZ, AS_OF, np.random.default_rng(SEED))
    return history.set_index("post_id").sort_index()


@pytest.fixture(scope="module")
def sample_files(generated, tmp_path_factory):
    folder = tmp_path_factory.mktemp("x")
    files = sample_x.sample_exports(
        generated.tables, brand="Lumi", timezone=TZ, as_of=AS_OF, rng=np.random.default_rng(SEED)
    )
    for name, payload in files.items():
        (folder / name).write_bytes(payload)
    return folder


def _write(tmp_path, text, name="export.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_snowflake_round_trip_and_epoch():
    ms = int(pd.Timestamp("2026-08-30 12:34:56.789", tz="UTC").value // 1_000_000)
    ids = pd.Series([str(x.snowflake(ms, 4095)), str(1 << 22), "not-an-id"])
    got = x.snowflake_time(ids)
    assert got[0] == pd.Timestamp("2026-08-30 12:34:56.789", tz="UTC")
    assert got[1] == pd.Timestamp("2010-11-04 01:42:54.658", tz="UTC")
    assert pd.isna(got[2])


def test_sample_is_deterministic_and_plausible(generated, truth):
    a = sample_x.sample_exports(
        generated.tables, brand="Lumi", timezone=TZ, as_of=AS_OF, rng=np.random.default_rng(SEED)
    )
    b = sample_x.sample_exports(
        generated.tables, brand="Lumi", timezone=TZ, as_of=AS_OF, rng=np.random.default_rng(SEED)
    )
    assert a == b and sorted(a) == ["x_account_content.csv", "x_tweet_activity.csv"]
    weeks = 90 / 7
    assert 2 * weeks - 3 <= len(truth) <= 4 * weeks + 1
    local = truth["local"].dt.tz_localize(None)
    assert local.min() > AS_OF - pd.Timedelta(days=90) and local.max() < AS_OF + pd.Timedelta(
        1, "D"
    )
    assert 100 < truth["impressions"].median() < 5000
    assert (truth["likes"] < truth["impressions"] * 0.1).all()


def test_content_sample_round_trip(sample_files, truth):
    path = sample_files / "x_account_content.csv"
    assert detect_export(path) == ("x_content", "posts")
    got = read_export(path, brand="Lumi", timezone=TZ).set_index("post_id").sort_index()
    assert list(got.index) == list(truth.index)
    # time from the snowflake id, to the millisecond
    pd.testing.assert_series_equal(
        got["published_at"], truth["published_at"].astype("datetime64[ns, UTC]"), check_names=False
    )
    pairs = {
        "impressions": "impressions",
        "reactions": "likes",
        "comments": "replies",
        "shares": "reposts",
        "saves": "bookmarks",
        "clicks": "url_clicks",
        "link_shares": "shares",
        "platform_engagements": "engagements",
    }
    for col, source in pairs.items():
        assert got[col].sum() == truth[source].sum(), col
    assert (got["platform"].astype(str) == "x").all()
    assert not got["text"].str.contains("&amp;|&lt;", regex=True).any()
    assert got["text"].str.contains("&", regex=False).any()
    assert got.attrs["published_at_from"] == "post id (snowflake time, UTC)"


def test_tweet_activity_sample_round_trip(sample_files, truth):
    path = sample_files / "x_tweet_activity.csv"
    assert detect_export(path) == ("x_tweet_activity", "posts")
    got = read_export(path, brand="Lumi", timezone=TZ).set_index("post_id").sort_index()
    recent = truth[truth["local"].dt.tz_localize(None) >= AS_OF - pd.Timedelta(days=27)]
    assert len(recent) >= 5
    assert list(got.index) == list(recent.index)
    pd.testing.assert_series_equal(
        got["published_at"],
        recent["published_at"].dt.floor("min").astype("datetime64[ns, UTC]"),
        check_names=False,
    )
    for col, source in {"reactions": "likes", "comments": "replies", "shares": "reposts"}.items():
        assert got[col].sum() == recent[source].sum(), col
    assert got["saves"].isna().all()  # the old export has no bookmarks


def test_both_sample_files_share_post_ids(sample_files):
    content = read_export(sample_files / "x_account_content.csv", brand="Lumi")
    activity = read_export(sample_files / "x_tweet_activity.csv", brand="Lumi")
    assert set(activity["post_id"]) <= set(content["post_id"])


def test_brand_from_handle_in_links(sample_files):
    df = read_export(sample_files / "x_account_content.csv")
    assert set(df["brand"].astype(str)) == {"lumicoffeevn"}


def test_content_time_from_id_html_unescape_and_mapping(tmp_path):
    ms = int(pd.Timestamp("2026-08-30 01:05:09", tz="UTC").value // 1_000_000)
    post_id = x.snowflake(ms, 17)
    path = _write(
        tmp_path,
        CONTENT_HEADER + "\n"
        f'{post_id},"Sun, Aug 30, 2026","Cà phê &amp; bánh mì &lt;3 &quot;ngon&quot;",'
        f'https://x.com/lumi/status/{post_id},"1,234",20,60,4,2,1,3,5,6,7,8,0,1\n',
    )
    df = read_export(path, timezone=TZ)
    row = df.iloc[0]
    assert row["post_id"] == str(post_id)
    assert row["published_at"] == pd.Timestamp("2026-08-30 01:05:09", tz="UTC")
    assert row["text"] == 'Cà phê & bánh mì <3 "ngon"'
    assert row["impressions"] == 1234
    assert (row["reactions"], row["comments"], row["shares"], row["saves"]) == (20, 3, 5, 4)
    assert row["clicks"] == 8 and row["link_shares"] == 2 and row["platform_engagements"] == 60
    assert row["new_follows"] == 1 and row["brand"] == "lumi"


def test_content_date_only_when_id_is_not_a_snowflake(tmp_path):
    path = _write(
        tmp_path,
        "Post id,Date,Post text,Impressions,Likes\n"
        '111,"Fri, Jun 5, 2026",hello,500,15\n'
        f"{x.snowflake(int(pd.Timestamp('2026-06-06 03:00', tz='UTC').value // 10**6))},"
        '"Sat, Jun 6, 2026",world,10,1\n',
    )
    df = read_export(path, brand="Lumi", timezone=TZ)
    # 5 June at local midnight in Ho Chi Minh City (UTC+7)
    assert df.loc[0, "published_at"] == pd.Timestamp("2026-06-04 17:00", tz="UTC")
    assert df.loc[1, "published_at"] == pd.Timestamp("2026-06-06 03:00", tz="UTC")
    assert "1 row(s) from Date" in df.attrs["published_at_from"]


def test_tweet_activity_time_keeps_its_offset(tmp_path):
    path = _write(
        tmp_path,
        "Tweet id,Tweet permalink,Tweet text,time,impressions,engagements,engagement rate,"
        "retweets,replies,likes,user profile clicks,url clicks\n"
        "1768700000000000000,https://twitter.com/lumivn/status/1768700000000000000,"
        "Hi &amp; bye,2024-03-15 18:42 +0000,900,40,0.0444,3,2,25,5,4\n",
    )
    df = read_export(path, timezone=TZ)
    row = df.iloc[0]
    assert row["published_at"] == pd.Timestamp("2024-03-15 18:42", tz="UTC")
    assert row["text"] == "Hi & bye" and row["brand"] == "lumivn"
    assert (row["impressions"], row["reactions"], row["comments"], row["shares"]) == (900, 25, 2, 3)
    assert row["clicks"] == 4 and row["engagement_rate"] == pytest.approx(0.0444)


def test_missing_brand_asks_for_brand(tmp_path):
    path = _write(tmp_path, 'Post id,Date,Post text,Impressions\n111,"Fri, Jun 5, 2026",hi,5\n')
    with pytest.raises(SchemaError, match="brand="):
        read_export(path)


def test_canonical_posts_csv_is_not_mistaken(generated, tmp_path):
    path = tmp_path / "posts.csv"
    generated.tables["posts"].head(10).to_csv(path, index=False)
    assert detect_export(path) == ("canonical", "posts")
