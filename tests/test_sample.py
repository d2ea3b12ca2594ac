"""The sample data: determinism, realistic magnitudes, and every planted effect."""

from __future__ import annotations

import filecmp
import math

import numpy as np
import pandas as pd
import pytest

import smmnb as smm
from smmnb import sample as S
from smmnb.errors import SmmnbError

TZ = S.TIMEZONE


@pytest.fixture(scope="module")
def ws(generated):
    """The canonical tables alone (the session fixture also holds rows from exports/)."""
    from smmnb.workspace import Workspace

    return Workspace(generated.tables, timezone=TZ)


def local(ts: pd.Series) -> pd.Series:
    return ts.dt.tz_convert(TZ).dt.tz_localize(None)


def test_committed_sample_is_what_the_generator_writes(tmp_path, sample_dir):
    written = S.write_sample(tmp_path, seed=7)
    names = sorted(p.relative_to(tmp_path).as_posix() for p in written)
    committed = sorted(
        p.relative_to(sample_dir).as_posix() for p in sample_dir.rglob("*") if p.is_file()
    )
    assert names == committed
    match, mismatch, errors = filecmp.cmpfiles(tmp_path, sample_dir, names, shallow=False)
    assert mismatch == [] and errors == []
    assert any(name.startswith("exports/") for name in names)


def test_same_seed_same_bytes_other_seed_other_data(tmp_path):
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    S.write_sample(a, seed=3)
    S.write_sample(b, seed=3)
    S.write_sample(c, seed=4)
    assert S.digest(a) == S.digest(b)
    assert S.digest(a) != S.digest(c)


def test_does_not_overwrite_files_it_did_not_write(tmp_path):
    (tmp_path / "posts.csv").write_text("my own data\n")
    with pytest.raises(SmmnbError, match="not written by `smmnb sample`"):
        S.write_sample(tmp_path)
    assert (tmp_path / "posts.csv").read_text() == "my own data\n"
    S.write_sample(tmp_path, force=True)
    assert (tmp_path / "posts.csv").read_text().startswith("post_id,")


def test_every_table_is_nonempty_and_validated(ws):
    for name, spec in smm.TABLES.items():
        df = ws[name]
        if name in ("channel_daily", "search_daily", "search_terms"):  # from the exports only
            continue
        assert len(df) > 0, name
        assert list(df.columns[: len(spec.names)]) == spec.names
        for col in spec.columns:
            assert str(df[col.name].dtype) == col.dtype, (name, col.name)
        assert df[spec.required].notna().all().all(), name


def test_six_months_daily_on_five_platforms_plus_web(ws):
    days = ws.followers["date"]
    assert (days.max() - days.min()).days + 1 >= 183
    own = ws.followers[ws.followers["brand"] == "Lumi"]
    assert set(own["platform"].astype(str)) == {
        "facebook",
        "instagram",
        "tiktok",
        "youtube",
        "zalo",
    }
    assert own.groupby("platform", observed=True).size().eq(184).all()
    assert set(ws.mentions["brand"].astype(str)) == {"Lumi", "Moc Coffee", "Sen Tea"}
    assert ws.web_sessions["sessions"].sum() > 100_000


def test_realistic_magnitudes(ws):
    posts = ws.posts
    eng = posts[["reactions", "comments", "shares", "saves"]].sum(axis=1, skipna=True)
    er = (
        eng.groupby(posts["platform"], observed=True).sum()
        / posts.groupby("platform", observed=True)["reach"].sum()
    )
    assert er.between(0.01, 0.10).all(), er
    ads = ws.ads
    by = ads.groupby("platform", observed=True)[["spend", "impressions", "clicks"]].sum()
    ctr = by["clicks"] / by["impressions"]
    cpm = 1000 * by["spend"] / by["impressions"]
    assert ctr.drop("google").between(0.004, 0.02).all(), ctr
    assert 0.03 < ctr["google"] < 0.10
    assert cpm.between(15_000, 250_000).all(), cpm  # VND
    assert ads["spend"].sum() > 500_000_000  # half a year of ads for a chain: hundreds of M VND


def test_components_a_platform_does_not_report_are_missing_not_zero(ws):
    posts = ws.posts
    fb = posts[posts["platform"] == "facebook"]
    assert fb["saves"].isna().all() and fb["reactions"].notna().all()
    ig = posts[posts["platform"] == "instagram"]
    assert ig["clicks"].isna().all() and ig["saves"].notna().all()


def test_post_comment_counts_match_comment_rows(ws):
    customer = ws.comments[~ws.comments["author_is_brand"]]
    per_post = customer.groupby("post_id").size()
    counts = ws.posts.set_index("post_id")["comments"]
    assert (counts.loc[per_post.index] == per_post).all()
    assert counts.drop(per_post.index).eq(0).all()


def test_text_mixes_languages_and_writing_styles(generated, ws):
    truth = generated.truth["comments"]
    shares = truth["style"].value_counts(normalize=True)
    assert shares["diacritics"] > 0.35 and shares["no_diacritics"] > 0.12
    assert shares["teencode"] > 0.1 and 0.1 < shares["standard"] < 0.3  # English
    text = ws.comments["text"]
    assert text.str.contains(r"\b(?:ko|hok|dc|đc|sp)\b", regex=True).sum() > 100
    assert text.str.contains("?", regex=False).sum() > 500
    assert set(truth["kind"]) >= {
        "praise",
        "complaint",
        "question",
        "request",
        "sarcasm",
        "chitchat",
    }
    assert set(truth["theme"]) == set(S.P.THEMES)


def test_brand_replies_point_at_customer_comments(ws):
    c = ws.comments
    replies = c[c["author_is_brand"]]
    assert len(replies) > 1000
    parents = c.set_index("comment_id").loc[replies["parent_id"]]
    assert (~parents["author_is_brand"]).all()
    assert (replies["created_at"].to_numpy() > parents["created_at"].to_numpy()).all()


# --- planted effects ---------------------------------------------------------------------


def test_effect_1_mention_spike(generated, ws):
    m = ws.mentions
    lumi = m[m["brand"] == "Lumi"]
    per_day = local(lumi["created_at"]).dt.normalize().value_counts()
    ratio = per_day[S.SPIKE_DAY] / per_day.drop(S.SPIKE_DAY).median()
    assert 4.0 <= ratio <= 6.5
    truth = generated.truth["mentions"].set_index("mention_id")
    spike_day = lumi[local(lumi["created_at"]).dt.normalize() == S.SPIKE_DAY]
    t = truth.loc[spike_day["mention_id"]]
    assert (t["sentiment"] == "negative").mean() > 0.6
    assert (t["theme"] == "delivery").mean() > 0.7


def test_effect_2_trending_hashtag(ws):
    m = ws.mentions
    day = local(m["created_at"]).dt.normalize()
    has = m["text"].str.contains(S.TREND_HASHTAG, regex=False) | m["text"].str.contains(
        "ca phe muoi|cà phê muối|salted coffee", case=False, regex=True
    )
    recent = has[day >= S.TREND_START].mean()
    before = has[day < S.TREND_START - pd.Timedelta(days=7)].mean()
    assert before < 0.01
    assert recent > 0.08 and recent / before > 20


def _er(posts):
    eng = posts[["reactions", "comments", "shares", "saves"]].sum(axis=1, skipna=True)
    return eng / posts["reach"]


def test_effect_3_best_posting_window(ws):
    p = ws.posts.copy()
    p["er"] = _er(p)
    when = local(p["published_at"])
    window = (when.dt.day_of_week < 5) & when.dt.hour.isin(S.BEST_HOURS)
    # Compare within platform and format, so the mix of posts does not drive the ratio.
    p["rel"] = p["er"] / p.groupby(["platform", "format"], observed=True)["er"].transform("median")
    ratio = p.loc[window, "rel"].mean() / p.loc[~window, "rel"].mean()
    assert window.sum() >= 60
    assert 1.18 <= ratio <= 1.45


def test_effect_4_video_formats_beat_images(ws):
    p = ws.posts
    for platform in ("facebook", "instagram"):
        sub = p[p["platform"] == platform]
        er = _er(sub)
        video = sub["format"].isin(["reel", "video", "short"])
        image = sub["format"] == "image"
        assert er[video].mean() / er[image].mean() > 1.3


def _ztest(x1, n1, x2, n2):
    p1, p2, pool = x1 / n1, x2 / n2, (x1 + x2) / (n1 + n2)
    z = (p2 - p1) / np.sqrt(pool * (1 - pool) * (1 / n1 + 1 / n2))
    return math.erfc(abs(z) / math.sqrt(2))  # two-sided normal p-value


def test_effect_5_ab_creatives(ws):
    ads = ws.ads[ws.ads["campaign"] == S.AB_CAMPAIGN]
    by = ads.groupby("ad", observed=True)[["clicks", "impressions"]].sum()
    ctr = by["clicks"] / by["impressions"]
    assert ctr["CB Video B"] / ctr["CB Video A"] == pytest.approx(1.55 / 1.2, rel=0.05)
    a, b = by.loc["CB Video A"], by.loc["CB Video B"]
    assert _ztest(a.clicks, a.impressions, b.clicks, b.impressions) < 1e-6
    c, d = by.loc["CB Static C"], by.loc["CB Static D"]
    assert _ztest(c.clicks, c.impressions, d.clicks, d.impressions) > 0.05


def test_effect_6_one_kpi_behind_pace(ws):
    t = ws.targets[(ws.targets["kpi"] == "followers")]
    fol = ws.followers[ws.followers["brand"] == "Lumi"].set_index(["platform", "date"])
    pace = {}
    for row in t.itertuples():
        start = fol.loc[(row.platform, row.period_start), "followers"]
        now = fol.loc[(row.platform, S.END), "followers"]
        elapsed = ((S.END - row.period_start).days + 1) / (
            (row.period_end - row.period_start).days + 1
        )
        pace[row.platform] = (now - start) / ((row.target - start) * elapsed)
    assert pace["tiktok"] < 0.75
    assert all(v >= 0.98 for k, v in pace.items() if k != "tiktok"), pace


def test_effect_7_influencers(ws):
    inf = ws.influencers.set_index("influencer")
    cpe = inf["fee"] / inf["engagements"]
    er = inf["engagements"] / inf["impressions"]
    macro, micro = inf.loc["Hà Linh Official"], inf.loc["Mê Cà Phê Sài Gòn"]
    assert macro["followers"] > 50 * micro["followers"]
    assert cpe["Hà Linh Official"] == cpe.max() and cpe["Mê Cà Phê Sài Gòn"] == cpe.min()
    assert cpe["Hà Linh Official"] > 10 * cpe["Mê Cà Phê Sài Gòn"]
    assert er["Hà Linh Official"] < 0.01 < 0.10 < er["Mê Cà Phê Sài Gòn"]


def test_effect_8_unanswered_questions_on_tiktok(generated, ws):
    c = ws.comments
    truth = generated.truth["comments"].set_index("comment_id")
    questions = c[c["comment_id"].isin(truth.index[truth["kind"] == "question"])]
    replies = c[c["author_is_brand"]].set_index("parent_id")
    answered = questions["comment_id"].isin(replies.index)
    rate = answered.groupby(questions["platform"], observed=True).mean()
    assert rate["tiktok"] < 0.4
    assert rate.drop("tiktok").min() > 0.6
    delay = (
        replies.loc[questions.loc[answered, "comment_id"], "created_at"].to_numpy()
        - questions.loc[answered, "created_at"].to_numpy()
    ) / pd.Timedelta(hours=1)
    median = pd.Series(delay).groupby(questions.loc[answered, "platform"].to_numpy()).median()
    assert median["tiktok"] > 3 * median.drop("tiktok").max()


def test_effect_9_flight_lifts_social_sessions(ws):
    w = ws.web_sessions
    social = w[w["medium"] == "social"]  # organic social: paid sessions follow ad spend
    daily = social.groupby("date")["sessions"].sum()
    start, end = S.FLIGHT
    during = daily[start:end].mean()
    before = daily[start - pd.Timedelta(days=28) : start - pd.Timedelta(days=1)].mean()
    assert during / before > 1.5
    tagged = w[(w["medium"] == "paid_social") & (w["campaign"] == "back_to_school")]
    assert tagged["date"].min() == start and tagged["date"].max() == end


def test_effect_10_sentiment_by_platform_and_spike_week(generated, ws):
    truth = generated.truth["comments"].set_index("comment_id")
    c = ws.comments[~ws.comments["author_is_brand"]].set_index("comment_id")
    positive = truth.loc[c.index, "sentiment"].eq("positive")
    by_platform = positive.groupby(c["platform"], observed=True).mean()
    assert by_platform["instagram"] - by_platform["tiktok"] > 0.2
    day = local(c["created_at"]).dt.normalize()
    week = (day - S.SPIKE_DAY).abs() <= pd.Timedelta(days=3)
    assert positive[week].mean() < 0.65 * positive[~week].mean()


def _search_downloads(sample_dir) -> dict[str, dict[str, pd.DataFrame]]:
    """The sample's Search Console zips, read with zipfile and pandas (not smmnb's reader)."""
    import io
    import zipfile

    out = {}
    for path in sorted((sample_dir / "exports").glob("*-Performance-on-Search-*.zip")):
        with zipfile.ZipFile(path) as archive:
            out[path.name] = {}
            for name in archive.namelist():
                raw = archive.read(name)
                assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw
                assert not raw.endswith(b"\n")  # Search Console ends files without a newline
                out[path.name][name] = pd.read_csv(
                    io.BytesIO(raw), dtype=str, keep_default_na=False
                )
    return out


def test_effect_11_search_console_downloads(sample_dir):
    downloads = _search_downloads(sample_dir)
    assert sorted(downloads) == [
        "https___lumi.vn_-Performance-on-Search-2026-08-01 (1).zip",
        "https___lumi.vn_-Performance-on-Search-2026-08-01.zip",
        "https___lumi.vn_-Performance-on-Search-2026-11-01 (1).zip",
        "https___lumi.vn_-Performance-on-Search-2026-11-01.zip",
    ]
    members = ["Biểu đồ.csv", "Truy vấn.csv", "Trang.csv", "Quốc gia.csv", "Thiết bị.csv",
               "Giao diện tìm kiếm.csv", "Bộ lọc.csv"]  # fmt: skip
    days = []
    for name, tables in downloads.items():
        assert list(tables) == members
        chart, queries, filters = (
            tables["Biểu đồ.csv"],
            tables["Truy vấn.csv"],
            tables["Bộ lọc.csv"],
        )
        assert list(chart.columns) == ["Ngày", "Số lượt nhấp", "Số lần hiển thị", "CTR", "Vị trí"]
        assert list(queries.columns)[0] == "Truy vấn hàng đầu"
        assert chart["CTR"].str.fullmatch(r"\d+(\.\d{1,2})?%").all()  # "3.2%", dot decimals
        assert tables["Giao diện tìm kiếm.csv"].empty  # a header alone
        filtered = "(1)" in name
        assert filters.values.tolist() == [["Loại tìm kiếm", "Web"], ["Ngày", "3 tháng qua"]] + (
            [["Truy vấn", "+lumi"]] if filtered else []
        )
        if filtered:
            assert queries["Truy vấn hàng đầu"].str.contains("lumi").all()
        else:  # the whole site: anonymised queries count in the chart, never in Queries
            clicks = queries["Số lượt nhấp"].astype(int).sum()
            assert clicks < chart["Số lượt nhấp"].astype(int).sum()
            days.append(pd.to_datetime(chart["Ngày"]))
    # the two quarters cover the sample's dates, each day once
    covered = pd.concat(days)
    assert covered.is_unique and covered.min() == S.START and covered.max() == S.END


def test_search_console_writer_spells_as_the_reader_lists():
    """The writer's Vietnamese words are the first spellings of the reader's data file."""
    from pathlib import Path

    import yaml

    from smmnb.sample.exports import search_console as writer

    path = Path(smm.__file__).parent / "io" / "exports" / "headers" / "search_console.yml"
    if not path.is_file():
        pytest.skip("the reader's spellings are not there yet")
    vi = yaml.safe_load(path.read_text(encoding="utf-8"))["languages"]["vi"]
    words = writer.VI
    assert list(words["metrics"]) == [
        vi[k][0] for k in ("clicks", "impressions", "ctr", "position")
    ]
    for table, key in [("chart", "date"), ("query", "query"), ("page", "page"),
                       ("country", "country"), ("device", "device"),
                       ("appearance", "appearance"), ("filters", "filter")]:  # fmt: skip
        assert words[table][1] == vi[key][0], table
    assert words["value"] == vi["value"][0]
    assert words["search_type"] == vi["filters"]["search_type"][0]
    assert words["date"] == vi["filters"]["date"][0]
    assert words["query_filter"] == vi["filters"]["query"][0]
    assert words["web"] == vi["search_types"]["web"][0]
    assert [d[0] for d in writer._DEVICES] == [
        vi["devices"][k][0] for k in ("mobile", "desktop", "tablet")
    ]
    assert words["last_3_months"].split()[1] in vi["units"]["months"]


def test_effect_11_branded_search_rises_during_the_flight(sample_dir):
    downloads = _search_downloads(sample_dir)
    branded = pd.concat(t["Biểu đồ.csv"] for name, t in downloads.items() if "(1)" in name).assign(
        day=lambda d: pd.to_datetime(d["Ngày"]), clicks=lambda d: d["Số lượt nhấp"].astype(int)
    )
    daily = branded.set_index("day")["clicks"]
    start, end = S.FLIGHT
    during = daily[start:end].mean()
    before = daily[start - pd.Timedelta(days=56) : start - pd.Timedelta(days=1)].mean()
    assert 1.25 < during / before < 1.45  # planted at SEARCH_LIFT = 1.35


def test_effect_11_queries_with_a_ctr_gap(sample_dir):
    downloads = _search_downloads(sample_dir)
    queries = downloads["https___lumi.vn_-Performance-on-Search-2026-11-01.zip"]["Truy vấn.csv"]
    q = queries.set_index("Truy vấn hàng đầu")
    ctr = q["Số lượt nhấp"].astype(int) / q["Số lần hiển thị"].astype(int)
    position = q["Vị trí"].astype(float)
    for query in S.SEARCH_CTR_GAPS:
        # queries of the site ranked within one place of it, the gaps and brand names aside
        peers = (position - position[query]).abs().le(1.0) & ~q.index.str.contains("lumi")
        peers &= ~q.index.isin(list(S.SEARCH_CTR_GAPS))
        assert peers.sum() >= 1
        assert ctr[query] < 0.5 * ctr[peers].min(), query


def test_scale_repeats_activity_with_unique_ids(generated):
    tables = generated.tables
    big = S.scale(tables, 3)
    for name in ("posts", "ads", "comments", "mentions", "web_sessions"):
        assert len(big[name]) == 3 * len(tables[name])
        key = list(smm.TABLES[name].key)
        assert not big[name].duplicated(key).any()
        first = big[name].iloc[: len(tables[name])].reset_index(drop=True)
        pd.testing.assert_frame_equal(
            first, tables[name].reset_index(drop=True), check_categorical=False
        )
    for name in ("followers", "targets", "influencers", "calendar"):
        assert big[name] is tables[name]
    c = big["comments"]
    replies = c[c["parent_id"].notna()]
    parent_copy = replies["parent_id"].str.extract(r"~(\d+)$")[0].fillna("0")
    own_copy = replies["comment_id"].str.extract(r"~(\d+)$")[0].fillna("0")
    assert (parent_copy == own_copy).all()
    assert replies["parent_id"].isin(c["comment_id"]).all()
    # pooled rates do not change when every row is repeated
    from smmnb.metrics import kpis

    small, large = kpis(tables["ads"], by=["platform"]), kpis(big["ads"], by=["platform"])
    np.testing.assert_allclose(large["ctr"], small["ctr"])
    np.testing.assert_allclose(large["spend"], 3 * small["spend"])
    with pytest.raises(ValueError, match="whole number"):
        S.scale(tables, 0)


def test_scaled_parquet_sample_loads(tmp_path):
    from click.testing import CliRunner

    from smmnb.cli import main

    out = tmp_path / "big"
    result = CliRunner().invoke(main, ["sample", "--out", str(out), "--scale", "2",
                                       "--format", "parquet"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert not (out / "exports").exists() and (out / "ads.parquet").is_file()
    ws = smm.load_workspace(out, cache=False)
    one = S.generate(7).tables
    assert len(ws.comments) == 2 * len(one["comments"])
    assert len(ws.followers) == len(one["followers"])
