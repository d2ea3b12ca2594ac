"""LinkedIn Page exports: content (-> posts, and its Metrics sheet -> channel_daily), followers
and visitors (-> channel_daily); demographic sheets refused.

The fixtures under tests/data/exports/linkedin/ (made-up values in LinkedIn's shapes) are
written by tests/data/exports/linkedin/make_fixtures.py; the numbers asserted here are those
written there.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from smmnb.errors import ExportNotUsable, SchemaError
from smmnb.io.exports import detect_export, linkedin, read_export, read_exports
from smmnb.io.exports._base import Options, RawExport, Table, open_export
from smmnb.sample.exports import linkedin as sample_linkedin
from smmnb.schema import validate


def _posts(path, **options) -> pd.DataFrame:
    """The posts of a content workbook (read_export gives its first sheet, Metrics)."""
    frames = read_exports(path, **options)
    return next(f for f in frames if f.attrs["table"] == "posts")


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
    history = sample_linkedin._history("Lumi", TZ, AS_OF, np.random.default_rng(SEED))
    return history.set_index("post_id").sort_index()


@pytest.fixture(scope="module")
def sample_files(generated, tmp_path_factory):
    folder = tmp_path_factory.mktemp("linkedin")
    files = sample_linkedin.sample_exports(
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
    a = sample_linkedin.sample_exports(
        generated.tables, brand="Lumi", timezone=TZ, as_of=AS_OF, rng=np.random.default_rng(SEED)
    )
    b = sample_linkedin.sample_exports(
        generated.tables, brand="Lumi", timezone=TZ, as_of=AS_OF, rng=np.random.default_rng(SEED)
    )
    assert a == b and sorted(a) == ["linkedin_content.xlsx", "linkedin_followers.xlsx"]
    assert detect_export(sample_files / "linkedin_content.xlsx") == (
        "linkedin_metrics",
        "channel_daily",
    )
    assert detect_export(sample_files / "linkedin_followers.xlsx") == (
        "linkedin_followers",
        "channel_daily",
    )


def test_content_sample_round_trip(sample_files, truth):
    got = _posts(sample_files / "linkedin_content.xlsx", brand="Lumi", timezone=TZ)
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
    df = _posts(path, brand="Lumi", timezone=TZ)
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


def test_followers_fill_channel_daily_without_a_count(sample_files):
    df = read_export(sample_files / "linkedin_followers.xlsx", brand="Lumi")
    assert df.attrs["table"] == "channel_daily" and df.attrs["source"] == "linkedin_followers"
    assert len(df) == 90
    assert df["date"].min() == AS_OF - pd.Timedelta(days=89) and df["date"].max() == AS_OF
    parts = df["sponsored_followers"] + df["organic_followers"] + df["auto_invited_followers"]
    assert (df["followers_gained"] == parts).all()
    assert df["followers_lost"].isna().all()  # LinkedIn reports no unfollows
    assert df[["impressions", "likes", "profile_views"]].isna().all().all()
    assert (df["platform"].astype(str) == "linkedin").all()
    assert "no unfollows" in df.attrs["followers_from"]
    counts = linkedin.read_followers(
        sample_files / "linkedin_followers.xlsx", total_followers=4_500, brand="Lumi"
    )
    assert counts["gained"].sum() == df["followers_gained"].sum()


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
    assert detect_export(path) == ("linkedin_followers", "channel_daily")
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


# -- fixtures of our own in LinkedIn's shapes (tests/data/exports/linkedin/) -----------------

FIXTURES = Path(__file__).resolve().parent / "data" / "exports" / "linkedin"
CONTENT = FIXTURES / "lumi-coffee_content_1785542400000.xlsx"


def _id(ts: str, low: int) -> str:
    return str(((pd.Timestamp(ts, tz="UTC").value // 1_000_000) << 22) | low)


def _daily(path, fmt):
    """A channel_daily sheet of a workbook read by one format (the file's others aside)."""
    raw = open_export(path)
    found = fmt.detect(raw)
    assert found is not None
    df, labels, _ = fmt.read(raw, found, Options(brand="Lumi"))
    return validate(df, "channel_daily", source=str(path), dayfirst=False, row_labels=labels)


def _sums(df, columns):
    return {c: int(df[c].sum()) for c in columns}


def test_content_workbook_posts():
    """Sentence row above the headers, MM/DD/YYYY text dates, empty strings for blanks,
    math-bold letters and line breaks in titles, a boosted post on four rows."""
    assert detect_export(CONTENT) == ("linkedin_metrics", "channel_daily")  # its first sheet
    df = _posts(CONTENT, brand="Lumi", timezone=TZ)
    post_1, post_2 = _id("2026-07-30 08:15:20.250", 11), _id("2026-07-31 02:05:00", 12)
    post_3 = _id("2026-08-01 10:30:00.500", 13)
    link = "https://www.linkedin.com/company/lumi-coffee/posts/"
    assert list(df["post_id"]) == [post_1, post_2, post_3, link]
    assert df.loc[0, "text"] == (
        "\U0001d5e6\U0001d5fc\U0001d5f9\U0001d5f1 \U0001d5fc\U0001d602\U0001d601 \U0001f389\n\n"
        "Lumi opens its 30th store.\n#LumiCoffee"
    )
    assert list(df["published_at"]) == [
        pd.Timestamp("2026-07-30 08:15:20.250", tz="UTC"),
        pd.Timestamp("2026-07-31 02:05:00", tz="UTC"),
        pd.Timestamp("2026-08-01 10:30:00.500", tz="UTC"),
        pd.Timestamp("2026-08-01 17:00", tz="UTC"),  # 2 August at midnight in Ho Chi Minh City
    ]
    # the boosted post: the Total row's counts and rates, paid, both campaigns
    boosted = df.iloc[1]
    assert (boosted["impressions"], boosted["clicks"], boosted["reactions"]) == (4000, 105, 32)
    assert (boosted["comments"], boosted["shares"], boosted["follows"]) == (4, 1, 3)
    assert boosted["engagement_rate"] == pytest.approx(0.03625)
    assert boosted["click_through_rate_ctr"] == pytest.approx(0.02625)
    assert bool(boosted["paid"]) and boosted["text"] == "Tuyển 25 barista cho Thủ Đức"
    assert boosted["campaign"] == "Hiring - Thu Duc; Hiring - retarget"
    assert (boosted["campaign_start_date"], boosted["campaign_end_date"]) == (
        "07/31/2026",
        "08/05/2026",
    )
    assert "1 boosted post" in df.attrs["boosted_posts"]
    assert df["paid"].tolist() == [False, True, False, False]
    assert _sums(df, ["impressions", "clicks", "reactions", "comments", "shares"]) == {
        "impressions": 6050,
        "clicks": 189,
        "reactions": 103,
        "comments": 8,
        "shares": 3,
    }
    # empty strings are missing values, not zeros
    assert pd.isna(df.loc[0, "follows"]) and pd.isna(df.loc[0, "video_views"])
    assert pd.isna(df.loc[0, "format"])
    assert df.loc[2, "video_views"] == 310 and df.loc[2, "off_site_views"] == 12
    assert df["format"].astype(str).tolist()[2:] == ["video", "text"]
    assert df.loc[0, "posted_by"] == "Trang Nguyễn ☕"


def test_content_workbook_metrics_sheet():
    df = _daily(CONTENT, linkedin.METRICS)
    assert list(df["date"]) == list(pd.date_range("2026-07-30", "2026-08-03"))
    assert (df["platform"].astype(str) == "linkedin").all()
    assert _sums(df, ["impressions", "likes", "comments", "shares", "clicks"]) == {
        "impressions": 5655,
        "likes": 50,
        "comments": 8,
        "shares": 4,
        "clicks": 156,
    }
    assert int(df["impressions_organic"].sum()) == 1955
    assert df["impressions_sponsored"].tolist() == [0, 1500, 2200, pd.NA, pd.NA]  # "" cells
    assert int(df["unique_impressions_organic"].sum()) == 1330
    assert df.loc[1, "engagement_rate"] == pytest.approx(0.037173)
    assert df["reach"].isna().all() and df["engagements"].isna().all()
    assert df["followers_gained"].isna().all()


def test_older_updates_workbook_xls_with_date_cells():
    """'Update engagement' / 'Update metrics (aggregated)', 'Update title', 'Shares', .xls."""
    path = FIXTURES / "lumi-coffee_updates_1614902400000.xls"
    assert detect_export(path) == ("linkedin_metrics", "channel_daily")
    df = _posts(path, brand="Lumi")
    assert list(df["post_id"]) == [_id("2021-03-02 07:00", 21), _id("2021-03-03 09:45:10", 22)]
    assert list(df["published_at"]) == [
        pd.Timestamp("2021-03-02 07:00", tz="UTC"),
        pd.Timestamp("2021-03-03 09:45:10", tz="UTC"),
    ]
    assert list(df["text"]) == ["Lumi mở cửa hàng thứ 3", "Cà phê muối: công thức"]
    assert list(df["impressions"]) == [640, 410] and list(df["shares"]) == [2, 1]
    assert list(df["video_views"]) == [0, 120]
    metrics = _daily(path, linkedin.METRICS)
    assert list(metrics["date"]) == [pd.Timestamp("2021-03-02"), pd.Timestamp("2021-03-03")]
    assert _sums(metrics, ["impressions", "clicks", "likes", "comments", "shares"]) == {
        "impressions": 820,
        "clicks": 24,
        "likes": 32,
        "comments": 4,
        "shares": 2,
    }


@pytest.mark.parametrize(
    "name", ["lumi-coffee_followers_1767484800000.xlsx", "New followers-Table 1.csv"]
)
def test_new_followers_fill_channel_daily(name):
    """Daily gains across a year boundary; a day without figures stays missing."""
    path = FIXTURES / name
    assert detect_export(path) == ("linkedin_followers", "channel_daily")
    df = read_export(path, brand="Lumi")
    assert list(df["date"]) == list(pd.date_range("2025-12-30", "2026-01-03"))
    assert df["followers_gained"].tolist() == [4, 3, 8, pd.NA, 7]
    assert _sums(df, ["sponsored_followers", "organic_followers", "auto_invited_followers"]) == {
        "sponsored_followers": 3,
        "organic_followers": 18,
        "auto_invited_followers": 1,
    }
    assert df["followers_lost"].isna().all()


def test_visitors_fill_profile_views():
    path = FIXTURES / "lumi-coffee_visitors_1614902400000.xls"
    assert detect_export(path) == ("linkedin_visitors", "channel_daily")
    df = read_export(path, brand="Lumi")
    assert list(df["date"]) == list(pd.date_range("2021-03-02", "2021-03-04"))
    assert df["profile_views"].tolist() == [21, 21, 1]  # Total page views (total)
    assert df["overview_page_views_total"].tolist() == [15, 16, 0]
    assert df["life_unique_visitors_total"].tolist() == [2, 0, 1]
    assert df.attrs["profile_views_from"] == "Total page views (total)"


def test_visitors_with_the_overview_only(tmp_path):
    path = tmp_path / "visitors.csv"
    path.write_text(
        "Date,Overview page views (desktop),Overview page views (mobile),"
        "Overview page views (total)\n03/02/2021,1,2,3\n03/03/2021,0,4,4\n",
        encoding="utf-8",
    )
    df = read_export(path, brand="Lumi")
    assert df["profile_views"].tolist() == [3, 4]
    assert df.attrs["profile_views_from"] == "Overview page views (total)"


def test_demographics_alone_are_refused_with_the_download_to_use():
    path = FIXTURES / "Location-Table 1.csv"
    with pytest.raises(ExportNotUsable) as info:
        read_export(path, brand="Lumi")
    text = str(info.value)
    assert "only audience demographics (Location: no dates)" in text
    assert "'New followers' sheet" in text


def test_metrics_sheet_saved_alone_older_spellings_day_first(tmp_path):
    """'Shares (total)', 'Clicks(organic)' without a space, a day-first re-save."""
    path = tmp_path / "Metrics-Table 1.csv"
    path.write_text(
        "Date,Impressions (organic),Impressions (total),Clicks(organic),Clicks (total),"
        "Reactions (total),Comments (total),Shares (total)\n"
        "30/12/2025,10,12,1,2,3,0,1\n31/12/2025,20,20,2,2,0,1,0\n01/01/2026,5,5,0,0,1,0,0\n",
        encoding="utf-8",
    )
    assert detect_export(path) == ("linkedin_metrics", "channel_daily")
    df = read_export(path, brand="Lumi")
    assert list(df["date"]) == list(pd.date_range("2025-12-30", "2026-01-01"))
    assert df["impressions"].tolist() == [12, 20, 5]
    assert df["clicks_organic"].tolist() == [1, 2, 0] and df["shares"].tolist() == [1, 0, 0]


@pytest.mark.parametrize(
    "row",
    [
        [],
        [""],
        ["Post title\nPost link", "Impressions", '"', "😀" * 300],
        ["Date", "Impressions"],
        ["date", "brand", "platform", "impressions", "followers_gained"],  # canonical
        ["Location", "Total followers", "Total views"],
    ],
)
def test_sniffers_say_no_and_never_throw(row):
    raw = RawExport(Path("f.csv"), [Table([row, ["1", "2"]])])
    for fmt in linkedin.FORMATS:
        assert fmt.detect(raw) is None


def test_boosted_post_without_a_total_row_is_summed_and_ids_stay_intact(tmp_path):
    """Older exports list a boosted post as Organic + Sponsored only: the counts are added and
    the rates recomputed; ids that are all numbers stay text, digit for digit."""
    from smmnb.sample.exports._write import xlsx_bytes

    a, b = _id("2025-05-01 08:00", 1), _id("2025-05-02 09:30", 2)
    link = "https://www.linkedin.com/feed/update/urn:li:activity:{}"
    header = ["Post title", "Post link", "Post type", "Campaign name", "Created date"]
    header += ["Impressions", "Clicks", "Click through rate (CTR)", "Likes", "Comments"]
    header += ["Reposts", "Follows", "Engagement rate"]
    rows = [
        ["All posts of the Page."],
        header,
        ["A", link.format(a), "Organic", "", "05/01/2025", 100, 5, 0.05, 3, 1, 0, "", 0.09],
        ["B", link.format(b), "Organic", "", "05/02/2025", 200, 10, 0.05, 4, 0, 1, "", 0.075],
        ["", link.format(b), "Sponsored", "C1", "05/02/2025", 300, 6, 0.02, 0, 0, 0, 2, 0.026667],
    ]
    path = tmp_path / "page_content.xlsx"
    path.write_bytes(xlsx_bytes({"All posts": rows}))
    df = read_export(path, brand="Lumi")
    assert df["post_id"].tolist() == [a, b]
    row = df.iloc[1]
    assert (row["impressions"], row["clicks"], row["reactions"]) == (500, 16, 4)
    assert (row["comments"], row["shares"], row["follows"]) == (0, 1, 2)
    assert row["click_through_rate_ctr"] == pytest.approx(16 / 500)
    assert row["engagement_rate"] == pytest.approx(23 / 500)
    assert bool(row["paid"]) and row["campaign"] == "C1" and row["text"] == "B"
    assert df["paid"].tolist() == [False, True]


# ------------------------------------------------------------------------------ genuine files

REAL = Path(__file__).resolve().parents[2] / "shared" / "real" / "exports"


@pytest.fixture(scope="module")
def genuine():
    import json

    if not (REAL / "expected.json").is_file():
        pytest.skip("the genuine exports (../shared/real) are not here")
    expected = json.loads((REAL / "expected.json").read_text(encoding="utf-8"))
    key = next(k for k in expected if k.startswith("linkedin/"))
    return REAL / key, expected[key]


def test_genuine_content_metrics_sheet(genuine):
    path, want = genuine
    df = _daily(path, linkedin.METRICS)
    assert len(df) == want["metrics_rows"]
    assert int(df["impressions"].sum()) == want["sum_impressions_total"]
    assert int(df["impressions_organic"].sum()) == want["sum_impressions_organic"]
    assert int(df["clicks"].sum()) == want["sum_clicks_total"]
    assert df["date"].min() == pd.Timestamp(want["first_date"])
    assert df["date"].max() == pd.Timestamp(want["last_date"])


def test_genuine_content_posts_count_a_boosted_post_once(genuine):
    """expected.json sums every row of All posts; a boosted post has an Organic row, a
    Sponsored row per campaign and a Total row: counted once, it is its Total row."""
    import openpyxl

    path, want = genuine
    rows = list(openpyxl.load_workbook(path, read_only=True)["All posts"].values)
    header = list(rows[1])
    kind, link = header.index("Post type"), header.index("Post link")
    impressions, clicks = header.index("Impressions"), header.index("Clicks")
    body = [r for r in rows[2:] if r[link]]
    assert len(body) == want["posts_rows"]
    assert sum(int(r[impressions] or 0) for r in body) == want["posts_sum_impressions"]
    organic = [r for r in body if r[kind] == "Organic"]  # every post has one
    totals = {r[link]: r for r in body if r[kind] == "Total"}
    counted = [totals.get(r[link], r) for r in organic]
    df = _posts(path, brand="B")
    assert len(df) == len({r[link] for r in body}) == len(organic)
    assert int(df["impressions"].sum()) == sum(int(r[impressions]) for r in counted)
    assert int(df["clicks"].sum()) == sum(int(r[clicks]) for r in counted)
    assert int(df["paid"].sum()) == len(totals)
    assert df["text"].str.contains("\n", regex=False).any()
    assert df["text"].str.contains("\U0001d5e0", regex=False).any()  # math-bold 'M', intact


def test_days_without_a_date_are_dropped_and_counted(tmp_path):
    path = tmp_path / "New followers.csv"
    path.write_text(
        "Date,Organic followers,Sponsored followers,Total followers\n"
        "01/05/2026,3,0,3\n,1,0,1\n01/06/2026,2,1,3\n",
        encoding="utf-8",
    )
    df = read_export(path, brand="Lumi")
    assert df["followers_gained"].tolist() == [3, 3]
    assert df.attrs["rows_dropped"] == "1 row(s) without a Date"
    assert "followers: {linkedin:" in df.attrs["followers_from"]
