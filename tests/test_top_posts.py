"""Top posts: each platform's best and worst posts against comparable posts, and their words."""

from __future__ import annotations

import math
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from smmnb import i18n
from smmnb.errors import InsufficientData
from smmnb.narrative import posts as say
from smmnb.trends import top_posts
from smmnb.trends.top_posts import shorten

DATA = Path(__file__).resolve().parent / "data" / "exports"


@pytest.fixture(autouse=True)
def _english_after():
    yield
    i18n.set_language("en")


def _posts(rows: list[tuple]) -> pd.DataFrame:
    """(post_id, platform, format, reach, reactions, local time) -> a posts table in UTC."""
    frame = pd.DataFrame(
        rows, columns=["post_id", "platform", "format", "reach", "reactions", "local"]
    )
    frame["brand"] = "Lumi"
    frame["published_at"] = (
        pd.to_datetime(frame.pop("local")).dt.tz_localize("Asia/Ho_Chi_Minh").dt.tz_convert("UTC")
    )
    frame["text"] = "Post " + frame["post_id"]
    frame["reach"] = frame["reach"].astype("Int64")
    frame["reactions"] = frame["reactions"].astype("Int64")
    return frame


# Six TikTok shorts (rates 10%, 5%, 8%, 2%, 6%, 7%), two TikTok lives (1%, 3%), one Facebook image.
SMALL = [
    ("a", "tiktok", "short", 100, 10, "2026-09-01 19:30"),
    ("b", "tiktok", "short", 200, 10, "2026-09-02 08:00"),
    ("c", "tiktok", "short", 100, 8, "2026-09-03 12:00"),
    ("d", "tiktok", "short", 50, 1, "2026-09-04 12:00"),
    ("e", "tiktok", "short", 100, 6, "2026-09-05 12:00"),
    ("f", "tiktok", "short", 100, 7, "2026-09-06 12:00"),
    ("g", "tiktok", "live", 100, 1, "2026-09-07 12:00"),
    ("h", "tiktok", "live", 100, 3, "2026-09-08 12:00"),
    ("i", "facebook", "image", 1000, 40, "2026-09-09 12:00"),
]


def test_best_and_worst_per_platform_with_the_comparison_worked_by_hand():
    top = top_posts(_posts(SMALL), n=2, min_group=5, tz="Asia/Ho_Chi_Minh")
    tiktok = top[top["platform"] == "tiktok"]
    assert list(tiktok["side"]) == ["best", "best", "worst", "worst"]
    assert list(tiktok["post_id"]) == ["a", "c", "g", "d"]
    assert list(tiktok["rank"]) == [1, 2, 1, 2]
    best = tiktok.iloc[0]
    # a = 10/100; the other five shorts: 5%, 8%, 2%, 6%, 7% -> median 6%, a beats all five
    assert best["value"] == pytest.approx(0.10)
    assert best["comparable"] == 5 and bool(best["compared"])
    assert best["median"] == pytest.approx(0.06)
    assert best["ratio"] == pytest.approx(0.10 / 0.06)
    assert best["percentile"] == pytest.approx(1.0)
    second = tiktok.iloc[1]  # c = 8%: others 10, 5, 2, 6, 7 -> median 6%, beats 4 of 5
    assert second["median"] == pytest.approx(0.06) and second["percentile"] == pytest.approx(0.8)
    # g is a live: one other live only -> too few to compare, said rather than ranked
    worst = tiktok.iloc[2]
    assert worst["value"] == pytest.approx(0.01) and worst["comparable"] == 1
    assert not bool(worst["compared"])
    assert all(math.isnan(worst[c]) for c in ("median", "ratio", "percentile"))
    d = tiktok.iloc[3]  # d = 1/50 = 2%: others 10, 5, 8, 6, 7 -> median 7%, beats none
    assert d["median"] == pytest.approx(0.07) and d["percentile"] == 0.0
    assert d["ratio"] == pytest.approx(0.02 / 0.07)
    # a platform with one post: best only, never also worst; no other image to compare
    facebook = top[top["platform"] == "facebook"]
    assert list(facebook["side"]) == ["best"] and facebook.iloc[0]["comparable"] == 0
    # the platform with the most ranked posts first
    assert list(dict.fromkeys(top["platform"])) == ["tiktok", "facebook"]
    assert top.attrs["metric"] == "er_reach" and top.attrs["posts"] == 9


def test_dates_are_local_text_is_shortened_and_links_are_http_only():
    posts = _posts(SMALL)
    posts["text"] = (
        "Cà phê muối   đã có mặt\ntại tất cả cửa hàng Lumi trên toàn quốc từ hôm nay nhé cả nhà"
    )
    posts["url"] = ["https://www.tiktok.com/@lumi.vn/video/1", "javascript:alert(1)", *[None] * 7]
    top = top_posts(posts, n=1, tz="Asia/Ho_Chi_Minh", width=30)
    first = top.iloc[0]
    assert first["published"] == pd.Timestamp("2026-09-01 19:30")  # local, not UTC (12:30)
    assert first["url"] == "https://www.tiktok.com/@lumi.vn/video/1"
    assert first["text"] == "Cà phê muối đã có mặt tại tất…"
    assert len(first["text"]) <= 30
    b = top_posts(posts.assign(reactions=[1, 50, 1, 1, 1, 1, 1, 1, 1]), n=1)
    assert b.iloc[0]["post_id"] == "b" and pd.isna(b.iloc[0]["url"])  # not an http(s) link


def test_shorten():
    assert shorten("short", 80) == "short"
    assert shorten(None) == "" and shorten(float("nan")) == ""
    assert shorten("one two three four five six", 12) == "one two…"


def test_baseline_says_what_is_usual_and_leaves_the_post_itself_out():
    period = _posts(SMALL[:1])  # only post a in the period
    top = top_posts(period, baseline=_posts(SMALL), n=1, min_group=3)
    row = top.iloc[0]
    assert row["comparable"] == 5  # the baseline's other shorts, not a itself
    assert row["median"] == pytest.approx(0.06)
    alone = top_posts(period, n=1, min_group=1)
    assert alone.iloc[0]["comparable"] == 0 and not bool(alone.iloc[0]["compared"])


def test_metric_none_ranks_a_platform_without_reach_by_impressions():
    posts = _posts(SMALL)
    x = pd.DataFrame(
        {"post_id": ["x1", "x2"], "brand": "Lumi", "platform": "x", "format": None,
         "impressions": [1000, 500], "reactions": [30, 5],
         "published_at": pd.to_datetime(["2026-09-01", "2026-09-02"], utc=True)}
    )  # fmt: skip
    both = pd.concat([posts, x], ignore_index=True)
    top = top_posts(both, n=1, metric=None)
    rows = top.set_index(["platform", "side"])
    assert rows.loc[("tiktok", "best"), "metric"] == "er_reach"
    assert rows.loc[("x", "best"), "metric"] == "er_impressions"
    assert rows.loc[("x", "best"), "value"] == pytest.approx(0.03)
    assert rows.loc[("x", "worst"), "value"] == pytest.approx(0.01)
    # er_reach named: the X posts have no reach and are not ranked
    assert "x" not in set(top_posts(both, n=1)["platform"])


def test_ties_are_broken_by_time_then_id_not_by_row_order():
    rows = [("p2", "tiktok", "short", 100, 5, "2026-09-02 10:00"),
            ("p1", "tiktok", "short", 100, 5, "2026-09-01 10:00"),
            ("p3", "tiktok", "short", 100, 5, "2026-09-01 10:00")]  # fmt: skip
    a = top_posts(_posts(rows), n=1)
    b = top_posts(_posts(rows[::-1]), n=1)
    assert list(a["post_id"]) == list(b["post_id"]) == ["p1", "p3"]


def test_no_post_with_the_metric_says_so_in_the_report_language():
    posts = _posts(SMALL).assign(reach=pd.array([None] * 9, dtype="Int64"))
    with pytest.raises(InsufficientData) as err:
        top_posts(posts)
    assert str(err.value) == (
        "Ranking posts needs posts with reach (the metric is engagements / reach of each post); "
        "none of the 9 posts here has a reach figure."
    )
    with i18n.use("vi"), pytest.raises(InsufficientData) as err:
        top_posts(posts.head(0), metric=None)
    assert str(err.value) == (
        "Phần xếp hạng bài đăng cần bài đăng có lượt tiếp cận hoặc lượt hiển thị (tỷ lệ "
        "tương tác chia cho một trong hai); không có bài đăng nào."
    )


def test_arguments_are_checked():
    with pytest.raises(ValueError, match="n must be >= 1"):
        top_posts(_posts(SMALL), n=0)
    with pytest.raises(ValueError, match="metric must be"):
        top_posts(_posts(SMALL), metric="nope")


def test_sample_best_posts_match_a_direct_computation(ws):
    period = ws.filter(brand="Lumi", start="2026-08-03", end="2026-10-31")
    history = ws.filter(brand="Lumi", end="2026-10-31")
    top = top_posts(period.posts, baseline=history.posts, n=1, metric=None)
    posts = period.posts
    parts = posts[["reactions", "comments", "shares", "saves"]].astype("float64")
    rate = parts.sum(axis=1, min_count=1) / posts["reach"].astype("float64").replace(0, np.nan)
    for platform in ("facebook", "tiktok", "instagram", "youtube", "zalo"):
        mine = rate[(posts["platform"] == platform).to_numpy()].dropna()
        best = top[(top["platform"] == platform) & (top["side"] == "best")].iloc[0]
        assert best["post_id"] == posts.loc[mine.idxmax(), "post_id"]
        assert best["value"] == pytest.approx(mine.max())
        # the same format's other posts up to the end of the period
        h = history.posts
        same = (h["platform"] == platform) & (h["format"] == best["format"])
        same &= h["post_id"] != best["post_id"]
        hp = h[same.to_numpy()]
        others = (
            hp[["reactions", "comments", "shares", "saves"]]
            .astype("float64")
            .sum(axis=1, min_count=1)
            / hp["reach"].astype("float64")
        ).dropna()
        assert best["comparable"] == len(others)
        assert best["median"] == pytest.approx(others.median())
    # the sample's posts carry their links; LinkedIn and X (no reach) are ranked by impressions
    assert (
        top.loc[top["platform"] == "facebook", "url"]
        .str.startswith("https://www.facebook.com/")
        .all()
    )
    assert set(top.loc[top["platform"].isin(["linkedin", "x"]), "metric"]) == {"er_impressions"}


# --------------------------------------------------------------------------------------------
# the words


def _one() -> pd.DataFrame:
    posts = _posts(SMALL)
    posts["url"] = "https://www.tiktok.com/@lumi.vn/video/" + posts["post_id"]
    return top_posts(posts, n=1, min_group=5, tz="Asia/Ho_Chi_Minh")


def test_sentences_in_english_and_vietnamese():
    top = _one()
    text = say.top_posts(top)
    assert (
        "- **TikTok.** Best: [“Post a”](https://www.tiktok.com/@lumi.vn/video/a) (short, "
        "01 Sep 2026), engagement rate on reach 10.0%; 1.7x the median of the 5 other short posts "
        "on TikTok (better than 100% of them). Worst: [“Post g”](https://www.tiktok.com/@lumi.vn/"
        "video/g) (live, 07 Sep 2026), engagement rate on reach 1.0%; only 1 other live post on "
        "TikTok: too few to say what is usual."
    ) in text
    assert "no other image post on Facebook to compare it with" in text
    assert say.best_post(top) == (
        "The period's best post against comparable posts was on TikTok: [“Post a”]"
        "(https://www.tiktok.com/@lumi.vn/video/a) (short, 01 Sep 2026), engagement rate on reach "
        "10.0%; 1.7x the median of the 5 other short posts on TikTok (better than 100% of them)."
    )
    with i18n.use("vi"):
        text = say.top_posts(top)
        assert (
            "- **TikTok.** Tốt nhất: [“Post a”](https://www.tiktok.com/@lumi.vn/video/a) (video "
            "ngắn, 01/09/2026), tỷ lệ tương tác trên lượt tiếp cận đạt 10,0%; bằng 1,7 lần trung "
            "vị của 5 bài đăng video ngắn khác trên TikTok (vượt 100% số bài đó)."
        ) in text
        assert (
            "Kém nhất: [“Post g”](https://www.tiktok.com/@lumi.vn/video/g) (livestream, "
            "07/09/2026), tỷ lệ tương tác trên lượt tiếp cận chỉ đạt 1,0%; chỉ có 1 bài đăng "
            "livestream khác trên TikTok: quá ít để biết mức thông thường."
        ) in text
        assert say.best_post(top).startswith(
            "Bài đăng nổi bật nhất kỳ so với các bài cùng loại là bài trên TikTok:"
        )


def test_best_post_without_any_comparison_says_so():
    top = top_posts(_posts(SMALL[-1:]), n=1)
    assert say.best_post(top) == (
        "The post with the highest engagement rate on reach of the period was on Facebook: "
        "“Post i” (image, 09 Sep 2026), 4.0%; no other image post on Facebook to compare it with."
    )
    assert say.best_post(top.head(0)) == "" and say.best_post(None) == ""


def test_table_is_text_in_the_report_language():
    top = _one()
    table = say.top_posts_table(top)
    assert list(table.columns) == ["platform", "rank", "published at", "format", "post",
                                   "engagement rate on reach", "comparable posts", "their median",
                                   "against the median", "better than"]  # fmt: skip
    assert table.iloc[0].tolist() == ["TikTok", "best #1", "01 Sep 2026 19:30", "short", "Post a",
                                      "10.0%", "5", "6.0%", "1.7x", "100%"]  # fmt: skip
    assert table.iloc[1]["against the median"] == "too few"
    with i18n.use("vi"):
        table = say.top_posts_table(top)
        assert table.columns[5] == "tỷ lệ tương tác trên lượt tiếp cận"
        assert table.iloc[0].tolist()[:3] == ["TikTok", "tốt nhất #1", "01/09/2026 19:30"]
        assert say.top_posts_caption(top) == (
            "Bài đăng tốt nhất và kém nhất của từng nền tảng theo tỷ lệ tương tác trên lượt "
            "tiếp cận"
        )


def test_markdown_of_data_is_escaped_and_links_stay_links():
    posts = _posts(SMALL[:1])
    posts["text"] = "Giảm 50% *hôm nay* [xem] <b>ngay</b>"
    posts["url"] = "https://example.com/a(b)"
    text = say.top_posts(top_posts(posts, n=1))
    assert "[“Giảm 50% \\*hôm nay\\* \\[xem\\] &lt;b&gt;ngay&lt;/b&gt;”]" in text
    assert "(https://example.com/a%28b%29)" in text


# --------------------------------------------------------------------------------------------
# the url column from the exports' permalinks (fixtures of the export readers)


@pytest.mark.parametrize(
    ("relative", "link"),
    [
        ("meta_content/May-25-2026_Jun-21-2026_1700000000000001.csv", "permalink"),
        ("meta_content/Mar-30-2025_Apr-07-2025_555000111222333.csv", "permalink"),
        ("meta_content/Facebook Insights Data Export (Post Level) - Lumi Test Page - "
         "2014-11-01 - 2015-02-28.csv", "permalink"),
        ("x/account_analytics_content_2026-07-01_2026-08-01.csv", "post_link"),
        ("x/tweet_activity_metrics_lumivn_20220201_20220301_en.csv", "tweet_permalink"),
        ("linkedin/lumi-coffee_content_1785542400000.xlsx", "post_link"),
        ("tiktok/Content.csv", None),
    ],
)  # fmt: skip
def test_export_readers_fill_url_from_the_permalink(relative, link):
    from smmnb.io.exports import read_exports

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        frames = read_exports(DATA / relative, brand="Lumi", timezone="Asia/Ho_Chi_Minh",
                              as_of="2026-08-01")  # fmt: skip
    posts = next(f for f in frames if f.attrs["table"] == "posts")
    assert "url" in posts.columns
    urls = posts["url"].dropna()
    assert len(urls) and urls.str.match(r"https?://").all()
    if link is not None:  # the platform's own column is kept as written
        same = posts[link].notna()
        assert (posts.loc[same, "url"] == posts.loc[same, link].astype(str).str.strip()).all()


def test_a_canonical_posts_file_keeps_its_url(tmp_path):
    import smmnb

    (tmp_path / "posts.csv").write_text(
        "post_id,brand,platform,published_at,reach,reactions,url\n"
        "1,Lumi,zalo,2026-09-01T10:00:00Z,100,5,https://zalo.me/p/1\n",
        encoding="utf-8",
    )
    ws = smmnb.load_workspace(tmp_path)
    assert ws.posts["url"].tolist() == ["https://zalo.me/p/1"]
