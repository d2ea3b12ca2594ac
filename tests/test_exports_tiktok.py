"""TikTok Studio (Content, FollowerHistory, Overview) and TikTok Ads Manager exports."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from smmnb.errors import SchemaError
from smmnb.io.exports import detect_export, read_export, tiktok
from smmnb.io.exports._base import xlsx_bytes
from smmnb.sample import BRAND, END, TIMEZONE
from smmnb.schema import DataWarning

BOM = "\ufeff"
# An id whose top 32 bits are not a plausible time: the year must come from as_of.
OLD_ID = "1234567890123456789"


def _write(path, text: str):
    path.write_text(text, encoding="utf-8")
    return path


def _tiktok_id(moment: str, serial: int = 7) -> str:
    return str((int(pd.Timestamp(moment).timestamp()) << 32) + serial)


@pytest.fixture(scope="module")
def samples(generated, tmp_path_factory):
    folder = tmp_path_factory.mktemp("tiktok")
    files = tiktok.sample_exports(
        generated.tables,
        brand=BRAND,
        timezone=TIMEZONE,
        as_of=END,
        rng=np.random.default_rng(3),
    )
    for name, payload in files.items():
        (folder / name).write_bytes(payload)
    return folder, files


# ------------------------------------------------------------------------------ helpers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("February 28", (2, 28, "")),
        ("Feb 28 15:04", (2, 28, "15:04")),
        ("Sep 4, 3:05 pm", (9, 4, "3:05 PM")),
        ("28 August", (8, 28, "")),
        ("9月16日", (9, 16, "")),
        ("28 tháng 8", (8, 28, "")),
        ("2026-02-28", None),
        ("Smarch 3", None),
        ("", None),
    ],
)
def test_month_day(text, expected):
    assert tiktok.month_day(text) == expected


def test_infer_year_at_the_year_boundary():
    as_of = pd.Timestamp("2027-01-05")
    assert tiktok.infer_year(12, 30, as_of) == 2026
    assert tiktok.infer_year(1, 3, as_of) == 2027
    assert tiktok.infer_year(1, 5, as_of) == 2027  # the day of the download itself
    assert tiktok.infer_year(1, 6, as_of) == 2026  # after as_of: last year
    assert tiktok.infer_year(2, 29, pd.Timestamp("2027-03-01")) == 2024  # last leap year


def test_video_id():
    assert tiktok.video_id("https://www.tiktok.com/@lumi.vn/video/7401234567890123456?lang=en") == (
        "video",
        "7401234567890123456",
    )
    assert tiktok.video_id("https://www.tiktok.com/@lumi.vn/photo/7401234567890123457")[0] == (
        "photo"
    )
    assert tiktok.video_id("not a link") is None


# ------------------------------------------------------------------------------ Content.csv


def _content(rows: list[tuple[str, str, str, str]]) -> str:
    head = "Video title,Video link,Post time,Total likes,Total comments,Total shares,Total views\n"
    body = "".join(
        f'"{title}",https://www.tiktok.com/@lumi.vn/{link},{when},{likes},3,"1,204",{views}\n'
        for title, link, when, likes, views in rows
    )
    return BOM + head + body


def test_content_year_from_as_of_across_new_year_and_local_time_to_utc(tmp_path):
    path = _write(
        tmp_path / "c.csv",
        _content(
            [
                ("Tết sắp tới", f"video/{OLD_ID}", "December 30 21:15", "1.2K", "undefined"),
                ("Năm mới", "video/1234567890123456790?lang=vi", "January 3", "undefined", "950"),
            ]
        ),
    )
    df = read_export(path, brand="Lumi", timezone=TIMEZONE, as_of="2027-01-05")
    assert df.attrs["source"] == "tiktok_content"
    assert list(df["post_id"]) == [OLD_ID, "1234567890123456790"]
    # 21:15 in Ho Chi Minh City (UTC+7) is 14:15 UTC; a date alone is local midnight.
    assert list(df["published_at"]) == [
        pd.Timestamp("2026-12-30 14:15", tz="UTC"),
        pd.Timestamp("2027-01-02 17:00", tz="UTC"),
    ]
    assert df["reactions"].iloc[0] == 1200 and pd.isna(df["reactions"].iloc[1])  # undefined
    assert pd.isna(df["video_views"].iloc[0]) and df["video_views"].iloc[1] == 950
    assert list(df["shares"]) == [1204, 1204]
    assert list(df["comments"]) == [3, 3]
    assert df["impressions"].isna().all()  # views are not impressions
    assert set(df["platform"]) == {"tiktok"} and set(df["format"]) == {"short"}
    assert list(df["text"]) == ["Tết sắp tới", "Năm mới"]
    assert df.attrs["handle"] == "@lumi.vn"
    assert df.attrs["published_at_from_id"] == 0


def test_content_without_as_of_asks_for_it(tmp_path):
    path = _write(tmp_path / "c.csv", _content([("a", f"video/{OLD_ID}", "February 28", 5, 9)]))
    with pytest.raises(SchemaError, match="as_of=") as err:
        read_export(path, brand="Lumi", timezone=TIMEZONE)
    assert "without a year" in str(err.value)
    assert "line 2" in str(err.value)


def test_content_time_from_the_id_needs_no_as_of(tmp_path):
    posted = "2026-03-03 12:34:56+00:00"  # 19:34:56 on March 3 in Ho Chi Minh City
    vid = _tiktok_id(posted)
    path = _write(tmp_path / "c.csv", _content([("a", f"photo/{vid}", "March 3", 5, 9)]))
    df = read_export(path, brand="Lumi", timezone=TIMEZONE)
    assert df["published_at"].iloc[0] == pd.Timestamp(posted)
    assert df["format"].iloc[0] == "carousel"
    assert df.attrs["published_at_from_id"] == 1


def test_content_id_time_on_another_day_is_not_trusted(tmp_path):
    vid = _tiktok_id("2026-03-03 12:00+00:00")
    path = _write(tmp_path / "c.csv", _content([("a", f"video/{vid}", "March 5", 5, 9)]))
    df = read_export(path, brand="Lumi", timezone=TIMEZONE, as_of="2026-04-01")
    assert df["published_at"].iloc[0] == pd.Timestamp("2026-03-04 17:00", tz="UTC")
    with pytest.raises(SchemaError, match="as_of="):
        read_export(path, brand="Lumi", timezone=TIMEZONE)


def test_content_needs_a_brand(tmp_path):
    path = _write(tmp_path / "c.csv", _content([("a", f"video/{OLD_ID}", "May 2", 5, 9)]))
    with pytest.raises(SchemaError, match="brand=") as err:
        read_export(path, timezone=TIMEZONE, as_of="2026-06-01")
    assert "does not name the account" in str(err.value)


# ------------------------------------------------------------------------------ followers


def _history(rows: list[tuple[str, str, str]]) -> str:
    head = '"Date","Followers","Difference in followers from previous day"\n'
    return BOM + head + "".join(f'"{d}","{f}","{x}"\n' for d, f, x in rows)


def test_follower_history_year_boundary_undefined_and_net_difference(tmp_path):
    path = _write(
        tmp_path / "FollowerHistory.csv",
        _history(
            [
                ("30 December", "1,000", "12"),
                ("31 December", "1,012", "-3"),
                ("1 January", "1,009", "5"),
                ("2 January", "undefined", "undefined"),
            ]
        ),
    )
    with pytest.warns(DataWarning, match="dropped 1 day"):
        df = read_export(path, brand="Lumi", as_of="2027-01-02")
    assert df.attrs["source"] == "tiktok_followers"
    assert list(df["date"]) == list(pd.to_datetime(["2026-12-30", "2026-12-31", "2027-01-01"]))
    assert list(df["followers"]) == [1000, 1012, 1009]
    assert df["gained"].isna().all() and df["lost"].isna().all()  # a net change is neither
    assert list(df["difference_in_followers_from_previous_day"]) == [12, -3, 5]
    assert df.attrs["days_undefined"] == 1


def test_follower_history_without_as_of_asks_for_it(tmp_path):
    path = _write(tmp_path / "f.csv", _history([("28 August", "308209", "583")]))
    with pytest.raises(SchemaError, match="as_of="):
        read_export(path, brand="Lumi")


def test_follower_history_as_xlsx_sheet(tmp_path):
    rows = [["Date", "Followers", "Difference in followers from previous day"]]
    rows += [["9月16日", 120, 4], ["9月17日", 126, 6]]
    path = tmp_path / "FollowerHistory.xlsx"
    path.write_bytes(xlsx_bytes({"FollowerHistory": rows}))
    df = read_export(path, brand="Lumi", as_of="2026-10-01")
    assert list(df["date"]) == list(pd.to_datetime(["2026-09-16", "2026-09-17"]))
    assert list(df["followers"]) == [120, 126]


def test_overview_is_recognised_but_fills_no_table(tmp_path):
    path = _write(
        tmp_path / "o.csv",
        BOM
        + '"Date","Video Views","Profile Views","Likes","Comments","Shares"\n'
        + '"28 August","1200","40","90","4","undefined"\n',
    )
    assert detect_export(path) == ("tiktok_overview", "followers")
    with pytest.raises(SchemaError, match="Overview") as err:
        read_export(path, brand="Lumi", as_of="2026-09-01")
    message = str(err.value)
    assert "no follower count" in message
    assert "Content.csv" in message and "FollowerHistory.csv" in message


def test_overview_with_a_followers_column_fills_followers(tmp_path):
    path = _write(
        tmp_path / "o.csv",
        '"Date","Video Views","Profile Views","Followers"\n"28 August","1200","40","5,000"\n',
    )
    df = read_export(path, brand="Lumi", as_of="2026-09-01")
    assert df.attrs["source"] == "tiktok_overview"
    assert df["followers"].iloc[0] == 5000
    assert df["date"].iloc[0] == pd.Timestamp("2026-08-28")


# ------------------------------------------------------------------------------ Ads Manager


ADS_CSV = (
    "By Day,Campaign name,Ad group name,Ad name,Cost (USD),Impressions,Reach,"
    "Clicks (destination),Clicks (all),Results,Video views\n"
    '2026-09-20,TT Winter,Interest,UGC 1,"1,234.50","52,000",40000,700,910,12,undefined\n'
    "2026-09-21,TT Winter,Interest,UGC 1,8.00,5000,4100,70,88,1,2100\n"
    "Total of 2 results,,,,1242.50,57000,,770,998,13,\n"
)


def test_ads_csv_currency_from_header_total_row_and_results(tmp_path):
    path = _write(tmp_path / "ads.csv", ADS_CSV)
    assert detect_export(path) == ("tiktok_ads", "ads")
    df = read_export(path, brand="Lumi")
    assert len(df) == 2  # the total row is gone
    assert list(df["date"]) == list(pd.to_datetime(["2026-09-20", "2026-09-21"]))
    assert list(df["spend"]) == [1234.5, 8.0]
    assert list(df["impressions"]) == [52000, 5000]
    assert list(df["clicks"]) == [700, 70]
    assert list(df["clicks_all"]) == [910, 88]
    assert list(df["conversions"]) == [12.0, 1.0]
    assert pd.isna(df["video_views"].iloc[0]) and df["video_views"].iloc[1] == 2100
    assert set(df["currency"]) == {"USD"}
    assert df.attrs["currency"] == "USD"
    assert df.attrs["conversions_from"] == "Results"
    assert list(df["ad_set"]) == ["Interest", "Interest"] and set(df["platform"]) == {"tiktok"}


def test_ads_currency_column_and_account_name_as_brand(tmp_path):
    rows = [
        ["By Day", "Account name", "Campaign name", "Ad group name", "Ad name", "Currency"]
        + ["Cost", "Impressions", "Clicks (destination)", "Conversions"],
        ["2026-10-01", "Lumi VN", "Launch", "HCMC", "Short A", "VND", 1500000, 60000, 700, 9],
        ["Total", "", "", "", "", "", 1500000, 60000, 700, 9],
    ]
    path = tmp_path / "report.xlsx"
    path.write_bytes(xlsx_bytes({"Sheet1": rows}))
    df = read_export(path)
    assert len(df) == 1
    assert df["brand"].iloc[0] == "Lumi VN"
    assert df["currency"].iloc[0] == "VND" and df.attrs["currency"] == "VND"
    assert df["spend"].iloc[0] == 1_500_000.0 and df["conversions"].iloc[0] == 9.0
    assert df.attrs["conversions_from"] == "Conversions"


def test_ads_without_by_day_asks_for_it(tmp_path):
    path = _write(
        tmp_path / "ads.csv",
        "Campaign name,Ad group name,Ad name,Cost,Impressions\nTT,Interest,UGC,8.00,5000\n",
    )
    with pytest.raises(SchemaError, match="By Day"):
        read_export(path, brand="Lumi")


def test_ads_need_a_brand(tmp_path):
    path = _write(tmp_path / "ads.csv", ADS_CSV)
    with pytest.raises(SchemaError, match="brand="):
        read_export(path)


# ------------------------------------------------------------------------------ sample files


def test_sample_files_are_detected_as_their_own_format(samples):
    folder, files = samples
    assert set(files) == {
        "tiktok_Content.csv",
        "tiktok_FollowerHistory.csv",
        "tiktok_ads_By_Day.xlsx",
    }
    assert detect_export(folder / "tiktok_Content.csv") == ("tiktok_content", "posts")
    assert detect_export(folder / "tiktok_FollowerHistory.csv") == (
        "tiktok_followers",
        "followers",
    )
    assert detect_export(folder / "tiktok_ads_By_Day.xlsx") == ("tiktok_ads", "ads")


def test_sample_files_look_like_tiktok_studio(samples):
    _, files = samples
    content = files["tiktok_Content.csv"].decode("utf-8")
    assert content.startswith(BOM + "Video title,Video link,Post time,")
    first = content.splitlines()[1]
    assert ",October 31," in first and "2026" not in first.split(",")[-8]  # no year
    history = files["tiktok_FollowerHistory.csv"].decode("utf-8").splitlines()
    assert history[1].startswith('"2 September",')


def test_canonical_posts_csv_is_not_mistaken_for_tiktok(generated, tmp_path):
    path = tmp_path / "posts.csv"
    generated.tables["posts"].head(30).to_csv(path, index=False)
    assert detect_export(path) == ("canonical", "posts")
    fol = tmp_path / "followers.csv"
    generated.tables["followers"].head(30).to_csv(fol, index=False)
    assert detect_export(fol) == ("canonical", "followers")


def test_sample_exports_are_deterministic(generated):
    def make():
        return tiktok.sample_exports(
            generated.tables,
            brand=BRAND,
            timezone=TIMEZONE,
            as_of=END,
            rng=np.random.default_rng(3),
        )

    assert make() == make()


def test_round_trip_content(samples, generated):
    folder, _ = samples
    df = read_export(folder / "tiktok_Content.csv", brand=BRAND, timezone=TIMEZONE, as_of=END)
    posts = generated.tables["posts"]
    day = posts["published_at"].dt.tz_convert(TIMEZONE).dt.tz_localize(None).dt.normalize()
    want = posts[
        (posts["brand"] == BRAND)
        & (posts["platform"] == "tiktok")
        & (day >= END - pd.Timedelta(days=59))
        & (day <= END)
    ]
    assert len(df) == len(want) > 20
    got = df.set_index("post_id").sort_index()
    want = want.set_index("post_id").sort_index()
    assert list(got.index) == list(want.index)
    assert (got["published_at"] == want["published_at"]).all()  # to the second, in UTC
    for col in ("reactions", "comments", "shares", "saves", "video_views"):
        assert got[col].sum() == want[col].sum(), col
        assert got[col].isna().sum() == want[col].isna().sum(), col
    assert (got["text"] == want["text"]).all()
    assert df.attrs["published_at_from_id"] == len(df)


def test_round_trip_followers(samples, generated):
    folder, _ = samples
    df = read_export(folder / "tiktok_FollowerHistory.csv", brand=BRAND, as_of=END)
    fol = generated.tables["followers"]
    want = fol[
        (fol["brand"] == BRAND)
        & (fol["platform"] == "tiktok")
        & (fol["date"] >= END - pd.Timedelta(days=59))
    ].reset_index(drop=True)
    assert list(df["date"]) == list(want["date"])
    assert list(df["followers"]) == list(want["followers"])
    net = df["difference_in_followers_from_previous_day"].astype("int64")
    assert list(net) == list(want["gained"] - want["lost"])


def test_round_trip_ads(samples, generated):
    folder, _ = samples
    df = read_export(folder / "tiktok_ads_By_Day.xlsx", brand=BRAND)
    ads = generated.tables["ads"]
    want = ads[(ads["brand"] == BRAND) & (ads["platform"] == "tiktok")]
    assert len(df) == len(want) > 0
    assert set(df["campaign"].astype("str")) == set(want["campaign"].astype("str"))
    assert list(df["date"]) == list(want.sort_values(["date", "campaign", "ad_set", "ad"])["date"])
    for col in ("spend", "impressions", "reach", "clicks", "conversions", "revenue"):
        assert df[col].sum() == pytest.approx(want[col].sum()), col
    assert df["video_views"].sum() == want["video_views"].sum()
    assert set(df["currency"]) == {"VND"}
