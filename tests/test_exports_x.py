"""X (Twitter) content and tweet activity exports -> posts."""

from __future__ import annotations

from pathlib import Path

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


# -- fixtures of our own in X's shapes (tests/data/exports/x/, made-up values) ----------------

FIXTURES = Path(__file__).resolve().parent / "data" / "exports" / "x"


def _sums(df, columns):
    return {c: int(df[c].sum()) for c in columns}


def test_content_2025_shape(tmp_path):
    """CRLF, unquoted 'Mon Feb 17 2025' dates, 'Link', 'Share', 'Detail expands', 'Url clicks'."""
    path = FIXTURES / "account_analytics_content_2025-01-01_2025-02-17.csv"
    assert b"\r\n" in path.read_bytes()
    assert detect_export(path) == ("x_content", "posts")
    df = read_export(path, timezone=TZ)
    assert list(df["post_id"]) == [
        "1891594327772102757",
        "1891472667635089415",
        "1890589345182646281",
    ]
    assert set(df["brand"].astype(str)) == {"Lumi_BR"}  # from the 'Link' column
    assert list(df["published_at"]) == [
        pd.Timestamp("2025-02-17 21:03:26.521", tz="UTC"),
        pd.Timestamp("2025-02-17 13:00:00.484", tz="UTC"),
        pd.Timestamp("2025-02-15 02:30:00", tz="UTC"),
    ]
    assert list(df["text"]) == [
        "Sexta tem degustação na Lumi: café & pão de queijo às 18h ☕",
        "Quem é o barista do mês? 🏆 Conta pra gente <3",
        "Cardápio novo —\num dia inteiro de café\n\n#LumiCafe https://t.co/Lumi123",
    ]
    assert list(df["platform_date"]) == ["Mon Feb 17 2025", "Mon Feb 17 2025", "Sat Feb 15 2025"]
    assert _sums(df, ["impressions", "reactions", "comments", "shares", "saves", "clicks"]) == {
        "impressions": 1307,
        "reactions": 38,
        "comments": 8,
        "shares": 9,
        "saves": 4,
        "clicks": 3,
    }
    extras = ["platform_engagements", "link_shares", "new_follows", "profile_visits"]
    extras += ["detail_expands", "hashtag_clicks", "permalink_clicks"]
    assert _sums(df, extras) == {
        "platform_engagements": 113,
        "link_shares": 3,
        "new_follows": 6,
        "profile_visits": 17,
        "detail_expands": 32,
        "hashtag_clicks": 1,
        "permalink_clicks": 0,
    }
    assert df.attrs["published_at_from"] == "post id (snowflake time, UTC)"


def test_content_2025_and_2026_shapes_give_the_same_columns():
    old = read_export(FIXTURES / "account_analytics_content_2025-01-01_2025-02-17.csv")
    new = read_export(FIXTURES / "account_analytics_content_2026-07-01_2026-08-01.csv")
    assert list(old.columns) == list(new.columns)
    assert "post_link" in new.columns and "link_shares" in new.columns


def test_content_2026_shape():
    """'Sat, Aug 1, 2026' dates, quoted thousands, line breaks and entities in the text."""
    path = FIXTURES / "account_analytics_content_2026-07-01_2026-08-01.csv"
    df = read_export(path, timezone=TZ)
    assert list(df["post_id"]) == [
        "2083481787945713667",
        "2082979553076051972",
        "2082254781543350277",
    ]
    assert set(df["brand"].astype(str)) == {"lumicoffeevn"}
    # a post at 23:59:59.999 UTC on 30 July is 31 July in Ho Chi Minh City: the id's time wins
    assert df.loc[1, "published_at"] == pd.Timestamp("2026-07-30 23:59:59.999", tz="UTC")
    assert df.loc[0, "text"] == "Cold brew cam sả 🍊\nchỉ 45k & free size M"
    assert df.loc[1, "text"] == 'Poll: cà phê sữa đá hay bạc xỉu? "Reply" nhé 👇'
    assert list(df["impressions"]) == [1234, 880, 455]
    assert _sums(df, ["clicks", "link_shares", "platform_engagements"]) == {
        "clicks": 9,
        "link_shares": 2,
        "platform_engagements": 104,
    }


def test_account_overview_fills_channel_daily():
    """Daily, newest first, 'Tue, Aug 26, 2025' quoted dates; the file names no account."""
    path = FIXTURES / "account_overview_analytics.csv"
    assert detect_export(path) == ("x_account_overview", "channel_daily")
    with pytest.raises(SchemaError, match="brand="):
        read_export(path)
    df = read_export(path, brand="Lumi")
    assert df.attrs["table"] == "channel_daily"
    assert list(df["date"]) == list(pd.date_range("2025-08-22", "2025-08-26")[::-1])
    assert (df["platform"].astype(str) == "x").all() and (df["brand"].astype(str) == "Lumi").all()
    canonical = ["impressions", "engagements", "likes", "comments", "shares", "profile_views"]
    assert _sums(df, canonical + ["followers_gained", "followers_lost"]) == {
        "impressions": 23696,
        "engagements": 435,
        "likes": 46,
        "comments": 21,
        "shares": 3,
        "profile_views": 247,
        "followers_gained": 12,
        "followers_lost": 6,
    }
    assert _sums(
        df, ["bookmarks", "link_shares", "posts_created", "video_views", "media_views"]
    ) == {
        "bookmarks": 14,
        "link_shares": 3,
        "posts_created": 14,
        "video_views": 40,
        "media_views": 58,
    }
    assert df["views"].isna().all() and df["reach"].isna().all()


@pytest.mark.parametrize(
    ("cells", "first"),
    [
        (["8/26/2025", "8/25/2025"], "2025-08-26"),  # a CSV re-saved by Excel, month first
        (["26/08/2025", "25/08/2025"], "2025-08-26"),  # re-saved where days come first
        (["2025-08-26", "2025-08-25"], "2025-08-26"),
    ],
)
def test_account_overview_resaved_dates(tmp_path, cells, first):
    header = "Date,Impressions,Likes,Engagements,Bookmarks,Shares,New follows,Unfollows,Replies,"
    header += "Reposts,Profile visits,Create Post,Video views,Media views\n"
    body = "".join(f"{c},10,1,2,0,0,1,0,0,0,1,0,0,0\n" for c in cells)
    path = _write(tmp_path, header + body)
    df = read_export(path, brand="Lumi")
    assert df.loc[0, "date"] == pd.Timestamp(first)
    assert df.loc[1, "date"] == pd.Timestamp(first) - pd.Timedelta(days=1)


def test_account_overview_saved_as_xlsx_with_date_cells(tmp_path):
    from smmnb.sample.exports._write import xlsx_bytes

    header = ["Date", "Impressions", "Likes", "Engagements", "New follows", "Unfollows"]
    header += ["Profile visits", "Reposts"]
    rows = [header, [pd.Timestamp("2025-08-26").to_pydatetime(), 300, 2, 9, 1, 0, 4, 1]]
    path = tmp_path / "account_overview_analytics.xlsx"
    path.write_bytes(xlsx_bytes({"account_overview_analytics": rows}))
    df = read_export(path, brand="Lumi")
    assert df.attrs["source"] == "x_account_overview"
    assert df.loc[0, "date"] == pd.Timestamp("2025-08-26") and df.loc[0, "impressions"] == 300


def test_tweet_activity_floats_dashes_entities_line_breaks():
    path = FIXTURES / "tweet_activity_metrics_lumivn_20220201_20220301_en.csv"
    df = read_export(path)
    assert list(df["post_id"]) == [
        "1498352094409654273",
        "1498269667947446274",
        "1488485048775606275",
    ]
    assert set(df["brand"].astype(str)) == {"lumivn"}
    assert list(df["published_at"]) == [
        pd.Timestamp("2022-02-28 17:39", tz="UTC"),
        pd.Timestamp("2022-02-28 12:11", tz="UTC"),
        pd.Timestamp("2022-02-01 12:11", tz="UTC"),
    ]
    assert list(df["text"]) == [
        "Menu mới: trà đào & cam sả > cà phê? Bình chọn nhé",
        "Giờ mở cửa Tết\ntừ 7h đến 22h <3",
        'Cà phê muối — ngon "hết nấc"',
    ]
    assert list(df["impressions"]) == [380, 5218, 441]  # written 380.0, 5218.0, 441.0
    assert str(df["impressions"].dtype) == "Int64"
    assert _sums(df, ["reactions", "comments", "shares", "clicks", "platform_engagements"]) == {
        "reactions": 49,
        "comments": 4,
        "shares": 14,
        "clicks": 4,
        "platform_engagements": 158,
    }
    assert _sums(df, ["user_profile_clicks", "media_views", "follows"]) == {
        "user_profile_clicks": 11,
        "media_views": 62,
        "follows": 1,
    }
    # '-' in the promoted columns: missing, never text; the promoted tweet is paid
    assert str(df["promoted_impressions"].dtype) == "Int64"
    assert df["promoted_impressions"].tolist() == [pd.NA, 1000, pd.NA]
    assert df["promoted_likes"].tolist() == [pd.NA, 15, pd.NA]
    assert df["paid"].tolist() == [False, True, False]
    assert df.loc[0, "engagement_rate"] == pytest.approx(0.023684210526315787)


def test_tweet_activity_in_japanese_reads_as_in_english():
    ja = read_export(FIXTURES / "tweet_activity_metrics_lumi_jp_20210101_20210201_ja.csv")
    en = read_export(FIXTURES / "tweet_activity_metrics_lumivn_20220201_20220301_en.csv")
    assert list(ja.columns) == list(en.columns)
    assert ja.attrs["source"] == "x_tweet_activity"
    assert list(ja["post_id"]) == ["1355355595862966276", "1350004922250166277"]
    assert set(ja["brand"].astype(str)) == {"lumi_jp"}
    assert ja.loc[0, "published_at"] == pd.Timestamp("2021-01-30 03:22", tz="UTC")
    assert ja.loc[0, "text"] == "新メニュー：塩コーヒー & パン ☕"
    assert _sums(ja, ["impressions", "reactions", "shares", "comments", "clicks", "follows"]) == {
        "impressions": 1500,
        "reactions": 34,
        "shares": 3,
        "comments": 3,
        "clicks": 4,
        "follows": 2,
    }
    assert ja["promoted_impressions"].isna().all() and not ja["paid"].any()


def test_daily_tweet_activity_fills_channel_daily():
    path = FIXTURES / "daily_tweet_activity_metrics_lumivn_20210801_20210804_en.csv"
    assert detect_export(path) == ("x_daily_activity", "channel_daily")
    df = read_export(path, brand="Lumi")
    assert list(df["date"]) == list(pd.date_range("2021-08-01", "2021-08-03"))
    assert _sums(df, ["impressions", "engagements", "likes", "comments", "shares"]) == {
        "impressions": 6353,
        "engagements": 115,
        "likes": 37,
        "comments": 8,
        "shares": 3,
    }
    assert _sums(df, ["profile_views", "tweets_published", "url_clicks", "follows"]) == {
        "profile_views": 21,
        "tweets_published": 6,
        "url_clicks": 2,
        "follows": 1,
    }
    # follows from tweets are not the account's new followers
    assert df["followers_gained"].isna().all()
    assert df["promoted_impressions"].isna().all()  # blank promoted cells


@pytest.mark.parametrize(
    "row",
    [
        [],
        [""],
        ["Post id\nDate", "Post text", '"', "😀" * 300],
        ["Date", "Impressions", "Likes", "Engagements"],  # too little to be X's overview
        ["date", "brand", "platform", "impressions", "followers_gained"],  # canonical
    ],
)
def test_sniffers_say_no_and_never_throw(row):
    from smmnb.io.exports._base import RawExport, Table

    raw = RawExport(Path("f.csv"), [Table([row, ["1", "2"]])])
    for fmt in x.FORMATS:
        assert fmt.detect(raw) is None


# ------------------------------------------------------------------------------ genuine files

REAL = Path(__file__).resolve().parents[2] / "shared" / "real" / "exports"


@pytest.fixture(scope="module")
def expected():
    import json

    if not (REAL / "expected.json").is_file():
        pytest.skip("the genuine exports (../shared/real) are not here")
    return json.loads((REAL / "expected.json").read_text(encoding="utf-8"))


def _real(expected, part: str):
    key = next(k for k in expected if k.startswith("x_twitter/") and part in k)
    return REAL / key, expected[key]


def test_genuine_content_2025(expected):
    path, want = _real(expected, "account_analytics_content")
    df = read_export(path, brand="B")
    assert len(df) == want["data_rows"]
    assert int(df["impressions"].sum()) == want["sum_impressions"]
    assert int(df["platform_engagements"].sum()) == want["sum_engagements"]
    assert int(df["clicks"].sum()) == want["sum_url_clicks"]
    days = pd.to_datetime(df["platform_date"], format="%a %b %d %Y")
    assert (days.min().date().isoformat(), days.max().date().isoformat()) == (
        want["first_date"],
        want["last_date"],
    )
    assert df["post_id"].str.fullmatch(r"\d{19}").all()
    assert not df["text"].str.contains("&amp;", regex=False).any()


def test_genuine_tweet_activity(expected):
    path, want = _real(expected, "tweet_activity_metrics")
    df = read_export(path, brand="B")
    assert len(df) == want["data_rows"]
    assert int(df["impressions"].sum()) == want["sum_impressions"]
    assert int(df["platform_engagements"].sum()) == want["sum_engagements"]
    assert int(df["clicks"].sum()) == want["sum_url_clicks"]
    assert df["published_at"].min() == pd.Timestamp(want["first_date"])
    assert df["published_at"].max() == pd.Timestamp(want["last_date"])
    promoted = [c for c in df.columns if c.startswith("promoted_")]
    assert int(df[promoted].isna().sum().sum()) == want["promoted_cells_dash"]
    assert not df["paid"].any()


def test_genuine_account_overview(expected):
    path, want = _real(expected, "account_overview_analytics")
    df = read_export(path, brand="B")
    assert df.attrs["table"] == "channel_daily" and len(df) == want["data_rows"]
    assert int(df["impressions"].sum()) == want["sum_impressions"]
    assert int(df["engagements"].sum()) == want["sum_engagements"]
    assert df["date"].min() == pd.Timestamp(want["first_date"])
    assert df["date"].max() == pd.Timestamp(want["last_date"])


def test_rows_without_an_id_are_dropped_and_counted(tmp_path):
    post = x.snowflake(int(pd.Timestamp("2026-06-05 03:00", tz="UTC").value // 10**6))
    path = _write(
        tmp_path,
        "Post id,Date,Post text,Post Link,Impressions,Likes\n"
        f'{post},"Fri, Jun 5, 2026",hello,https://x.com/lumi/status/{post},500,15\n'
        ',"Fri, Jun 5, 2026",an article card without an id,,30,0\n',
    )
    df = read_export(path)
    assert df["post_id"].tolist() == [str(post)]
    assert df.attrs["rows_dropped"] == "1 row(s) without a Post id"
