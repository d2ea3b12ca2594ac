"""smmnb.trends: values against independent computations, and the planted effects."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats as st

from smmnb import plots, trends
from smmnb.errors import InsufficientData
from smmnb.text import fold_one

TZ = "Asia/Ho_Chi_Minh"


def _docs(texts, days, brand="A"):
    return pd.DataFrame(
        {
            "text": texts,
            "brand": brand,
            "created_at": pd.to_datetime(days).tz_localize(TZ).tz_convert("UTC"),
        }
    )


def _mentions_from_counts(counts: np.ndarray, start="2026-01-05", brand="A") -> pd.DataFrame:
    days = pd.date_range(start, periods=len(counts), freq="D")
    stamps = np.repeat(days.to_numpy(), counts.astype(int)) + np.timedelta64(12, "h")
    return _docs(["x"] * len(stamps), stamps, brand=brand)


# ---------------------------------------------------------------------------------- text


def test_hashtags_and_terms_are_accent_insensitive():
    df = _docs(
        ["Thử #CàPhêMuối nha", "#caphemuoi ngon", "CÀ PHÊ MUỐI ngon", "ca phe muoi ngon"],
        ["2026-10-12 09:00"] * 4,
    )
    tags = trends.hashtags(df, tz=TZ)
    assert tags[["hashtag", "count", "documents"]].values.tolist() == [["#caphemuoi", 2, 4]]
    assert tags["share"].iloc[0] == pytest.approx(0.5)
    words = trends.terms(df, min_count=2).set_index("term")
    assert words.loc["cà phê muối", "count"] == 2  # counted folded, shown as written
    assert words.loc["ngon", "count"] == 3


def test_stopwords_cover_both_languages_and_edge_ngrams_are_dropped():
    stop = trends.stopwords()
    assert {"khong", "cua", "va", "the", "and", "ko"} <= stop
    assert "ca" not in stop  # "cả" is left out: it would fold onto "cà" (phê)
    texts = pd.Series(["cà phê của Lumi", "cà phê của Lumi", "the coffee and the tea"] * 2)
    found = set(trends.terms(texts, min_count=2)["term"].map(fold_one))
    assert "ca phe" in found and "phe cua lumi" in found
    assert not {"cua", "cua lumi", "the", "the coffee", "and"} & found


def test_terms_per_period_and_exclude():
    df = _docs(["lumi ngon", "lumi ngon", "moc coffee ngon"], ["2026-10-05", "2026-10-12"] + [
        "2026-10-12"])  # fmt: skip
    out = trends.terms(df, (1, 2), freq="W", tz=TZ, min_count=1, exclude=["Lumi", "Moc Coffee"])
    # "lumi", "moc", "coffee" and "lumi ngon" are left out; "coffee ngon" is a phrase of its own
    assert set(out["term"]) == {"ngon", "coffee ngon"}
    ngon = out[out["term"] == "ngon"]
    assert ngon["count"].tolist() == [1, 2] and ngon["share"].tolist() == [1.0, 1.0]


# ------------------------------------------------------------------------------ emerging


def test_benjamini_hochberg_matches_statsmodels(rng):
    from statsmodels.stats.multitest import multipletests

    p = rng.uniform(0, 0.2, 40)
    p[[3, 17]] = np.nan
    q = trends.benjamini_hochberg(p)
    ok = ~np.isnan(p)
    expected = multipletests(p[ok], method="fdr_bh")[1]
    np.testing.assert_allclose(q[ok], expected)
    assert np.isnan(q[~ok]).all()


def test_emerging_finds_the_constructed_riser_with_the_exact_binomial_test():
    from statsmodels.stats.multitest import multipletests

    days = pd.date_range("2026-01-01", periods=70, freq="D")  # 56 baseline + 14 recent days
    texts, stamps = [], []
    for i, day in enumerate(days):
        recent = i >= 56
        for j in range(50):
            words = ["filler"]
            if (j < 5) if recent else (j < 1):  # riser: 10% of recent, 2% of baseline docs
                words.append("newthing")
            if j % 20 == 0:  # steady: 5% everywhere
                words.append("steady")
            if recent and j == 7 and i % 2 == 0:  # rare in recent only: 7 documents
                words.append("raretopic")
            texts.append(" ".join(words))
            stamps.append(day + pd.Timedelta(hours=10))
    df = _docs(texts, stamps)
    out = trends.emerging(df, "14D", "56D", min_count=5, tz=TZ, ngram_range=(1, 1))
    got = out.set_index("term")
    n1, n0 = 14 * 50, 56 * 50
    assert out.attrs["n_recent"] == n1 and out.attrs["n_baseline"] == n0
    x1, x0 = 70, 56
    assert got.loc["newthing", "count_recent"] == x1 and got.loc["newthing", "count_baseline"] == x0
    expected_p = st.binomtest(x1, x1 + x0, n1 / (n1 + n0), alternative="greater").pvalue
    assert got.loc["newthing", "p_value"] == pytest.approx(expected_p, rel=1e-9)
    assert got.loc["newthing", "ratio"] == pytest.approx(((x1 + 0.5) / n1) / ((x0 + 0.5) / n0))
    q = multipletests(out["p_value"], method="fdr_bh")[1]
    np.testing.assert_allclose(out["q_value"], q)
    assert bool(got.loc["newthing", "significant"])
    assert bool(got.loc["raretopic", "significant"])
    assert not bool(got.loc["steady", "significant"])
    assert out["term"].iloc[0] == "newthing"  # largest log-likelihood ratio
    assert "newthing" in got.loc["newthing", "example"]


def test_emerging_validates_arguments():
    df = _docs(["a b"], ["2026-01-01"])
    with pytest.raises(ValueError, match="recent must be a whole number of days"):
        trends.emerging(df, recent="12h")
    with pytest.raises(InsufficientData, match="needs documents in both windows it compares"):
        trends.emerging(df)
    with pytest.raises(ValueError, match="min_count must be >= 1, got 0"):
        trends.emerging(df, min_count=0)


# ------------------------------------------------------------------------- share of voice


def test_share_of_voice_shares_sum_to_one_and_match_a_groupby(rng):
    n = 600
    df = _docs(
        ["x"] * n,
        pd.Timestamp("2026-03-02") + pd.to_timedelta(rng.integers(0, 35 * 24, n), unit="h"),
    )
    df["brand"] = rng.choice(["Lumi", "Moc", "Sen"], n, p=[0.5, 0.3, 0.2])
    df["engagements"] = pd.array(rng.integers(0, 50, n), dtype="Int64")
    df.loc[::7, "engagements"] = pd.NA
    labels = rng.choice(["positive", "neutral", "negative"], n)
    for weight in ("count", "engagements"):
        out = trends.share_of_voice(df, freq="W", weight=weight, tz=TZ, sentiment=labels)
        sums = out.groupby("period")["share"].sum()
        np.testing.assert_allclose(sums, 1.0)
        assert len(out) == out["period"].nunique() * 3
    local = df["created_at"].dt.tz_convert(TZ).dt.tz_localize(None)
    week = local.dt.normalize() - pd.to_timedelta(local.dt.day_of_week, unit="D")
    by_hand = df.assign(week=week, e=df["engagements"].astype("float64").fillna(0))
    expected = by_hand.groupby(["week", "brand"])["e"].sum()
    got = out.set_index(["period", "brand"])["value"]
    np.testing.assert_allclose(got.loc[expected.index], expected)
    sign = pd.Series(labels).map({"positive": 1, "neutral": 0, "negative": -1})
    net = by_hand.assign(s=sign.to_numpy()).groupby(["week", "brand"])["s"].mean()
    np.testing.assert_allclose(out.set_index(["period", "brand"])["net_sentiment"].loc[net.index],
                               net)  # fmt: skip
    with pytest.raises(ValueError, match="weight must be one of count, engagements, reach"):
        trends.share_of_voice(df, weight="likes")


# --------------------------------------------------------------------------------- spikes


def test_spike_rule_on_seasonal_trending_counts_finds_only_the_planted_day(rng):
    n = 26 * 7
    t = np.arange(n)
    weekday = pd.date_range("2026-01-05", periods=n, freq="D").day_of_week.to_numpy()
    expected = 40 * (1 + 0.006 * t) * np.where(weekday >= 5, 1.5, 1.0)  # +6% a week, weekends
    counts = rng.poisson(expected)
    spike_day = 150
    counts[spike_day] = int(expected[spike_day] * 3)
    out = trends.spikes(_mentions_from_counts(counts), tz=TZ)
    assert out["count"].tolist() == counts.tolist()
    planted = pd.Timestamp("2026-01-05") + pd.Timedelta(days=spike_day)
    assert out.loc[out["is_spike"], "period"].tolist() == [planted]
    scored = out.dropna(subset=["score"])
    assert scored["period"].min() == pd.Timestamp("2026-01-05") + pd.Timedelta(days=28)
    # Without the trend step the same data raise false alarms or bias the baseline low.
    flat = trends.spikes(_mentions_from_counts(counts), tz=TZ, trend=False)
    late = slice(100, n)
    assert (flat["baseline"].iloc[late] < out["baseline"].iloc[late]).mean() > 0.8


def test_spike_baseline_is_exact_on_noiseless_seasonal_trend():
    n = 15 * 7
    t = np.arange(n)
    season = np.array([30, 32, 35, 33, 38, 55, 60])
    counts = season[t % 7] + 2 * (t // 7)  # every weekday grows by 2 a week
    out = trends.spikes(_mentions_from_counts(counts), tz=TZ)
    scored = out.dropna(subset=["baseline"])
    np.testing.assert_allclose(scored["baseline"], scored["count"])
    assert not out["is_spike"].any()


def test_spike_baseline_without_trend_is_the_same_weekday_median_by_hand():
    counts = np.arange(1, 71) % 11 + 20
    out = trends.spikes(_mentions_from_counts(counts), tz=TZ, trend=False, weeks=8)
    day = 65
    past = counts[[day - 7 * k for k in range(1, 9) if day - 7 * k >= 0]]
    base = np.median(past)
    mad = np.median(np.abs(past - base))
    scale = max(1.4826 * mad, np.sqrt(max(base, 1)))
    assert out["baseline"].iloc[day] == pytest.approx(base)
    assert out["scale"].iloc[day] == pytest.approx(scale)
    assert out["score"].iloc[day] == pytest.approx((counts[day] - base) / scale)
    assert out["alert_at"].iloc[day] == pytest.approx(base + 3.5 * scale)


def test_spikes_use_only_the_past(rng):
    counts = rng.poisson(30, 120)
    full = trends.spikes(_mentions_from_counts(counts), tz=TZ)
    cut = trends.spikes(_mentions_from_counts(counts[:90]), tz=TZ)
    pd.testing.assert_frame_equal(full.iloc[:90], cut, check_like=True)


def test_spikes_by_group_and_validation(rng):
    a = _mentions_from_counts(rng.poisson(20, 70), brand="A")
    b = _mentions_from_counts(rng.poisson(5, 70), brand="B")
    out = trends.spikes(pd.concat([a, b]), by="brand", tz=TZ)
    assert out.groupby("brand")["count"].sum().to_dict() == {"A": len(a), "B": len(b)}
    with pytest.raises(ValueError, match="freq must be one of h, D, W"):
        trends.spikes(a, freq="M")
    with pytest.raises(ValueError, match="weeks must be >= 3, got 2"):
        trends.spikes(a, weeks=2)
    with pytest.raises(ValueError, match=r"by columns not in the table: \['platform'\]"):
        trends.spikes(a, by="platform")


# ------------------------------------------------------------------------------ best time


def _posts(rows):
    df = pd.DataFrame(rows, columns=["local", "platform", "format", "reach", "reactions"])
    df["published_at"] = pd.to_datetime(df["local"]).dt.tz_localize(TZ).dt.tz_convert("UTC")
    for c in ("reach", "reactions"):
        df[c] = df[c].astype("Int64")
    return df.drop(columns="local")


def test_best_time_slot_means_match_a_hand_computation():
    rows = [
        ("2026-03-02 19:10", "facebook", "image", 1000, 50),  # Monday 19h
        ("2026-03-09 19:40", "facebook", "image", 2000, 80),
        ("2026-03-16 19:05", "facebook", "image", 500, 30),
        ("2026-03-03 09:00", "facebook", "image", 1000, 20),  # Tuesday 9h
        ("2026-03-10 09:30", "facebook", "image", 1000, 30),
        ("2026-03-17 09:59", "facebook", "image", 1000, 10),
        ("2026-03-08 12:00", "facebook", "image", 100, 90),  # Sunday 12h, one post
        ("2026-03-08 13:00", "facebook", "image", 0, 5),  # reach 0: no rate
    ]
    out = trends.best_time(_posts(rows), tz=TZ)
    assert out[["weekday", "hour", "posts"]].values.tolist() == [[0, 19, 3], [1, 9, 3], [6, 12, 1]]
    monday = np.array([50 / 1000, 80 / 2000, 30 / 500])
    low, high = st.t.interval(0.95, 2, loc=monday.mean(), scale=st.sem(monday))
    first = out.iloc[0]
    assert first["value"] == pytest.approx(monday.mean())  # mean of per-post rates, not pooled
    assert (first["ci_low"], first["ci_high"]) == pytest.approx((low, high))
    assert out.iloc[1]["value"] == pytest.approx(0.02)
    assert out.iloc[2]["value"] == pytest.approx(0.9) and np.isnan(out.iloc[2]["ci_low"])
    # In UTC the Monday 19h posts were published at 12h.
    utc = trends.best_time(_posts(rows), tz="UTC")
    assert (0, 12) in set(zip(utc["weekday"], utc["hour"], strict=True))


def test_best_time_relative_to_group_is_an_index():
    rows = [
        ("2026-03-02 19:00", "tiktok", "short", 1000, 100),
        ("2026-03-03 09:00", "tiktok", "short", 1000, 50),
        ("2026-03-02 19:00", "zalo", "image", 1000, 20),
        ("2026-03-03 09:00", "zalo", "image", 1000, 10),
    ]
    out = trends.best_time(_posts(rows), tz=TZ, min_posts=1, relative_to=["platform", "format"])
    assert out["value"].round(6).tolist() == [pytest.approx(4 / 3), pytest.approx(2 / 3)]
    with pytest.raises(ValueError, match="min_posts must be >= 1, got 0"):
        trends.best_time(_posts(rows), min_posts=0)
    with pytest.raises(ValueError, match="metric must be a ratio"):
        trends.best_time(_posts(rows), metric="mood")


def test_format_performance_welch_test_matches_scipy(rng):
    n = 40
    reach = rng.integers(800, 1200, 2 * n)
    er = np.r_[rng.normal(0.06, 0.01, n), rng.normal(0.04, 0.01, n)]
    posts = pd.DataFrame(
        {
            "platform": "facebook",
            "format": ["reel"] * n + ["image"] * n,
            "reach": pd.array(reach, dtype="Int64"),
            "reactions": pd.array((er * reach).round().astype(int), dtype="Int64"),
        }
    )
    out = trends.format_performance(posts, baseline="image").set_index("format")
    rates = posts["reactions"].astype(float) / posts["reach"].astype(float)
    a, b = rates[:n], rates[n:]
    assert out.loc["reel", "p_value"] == pytest.approx(st.ttest_ind(a, b, equal_var=False).pvalue)
    assert out.loc["reel", "ratio"] == pytest.approx(a.mean() / b.mean())
    pooled = posts["reactions"][:n].sum() / posts["reach"][:n].sum()
    assert out.loc["reel", "pooled"] == pytest.approx(pooled)
    assert bool(out.loc["reel", "significant"])
    assert pd.isna(out.loc["image", "p_value"])


# ------------------------------------------------------------------------------- growth


def test_follower_growth_forecasts_a_linear_trend_and_the_target_date(rng):
    days = pd.date_range("2026-01-01", periods=120, freq="D")
    followers = 10_000 + 50 * np.arange(120) + rng.normal(0, 20, 120).round()
    df = pd.DataFrame({"date": days, "brand": "A", "platform": "tiktok", "followers": followers})
    out = trends.follower_growth(df, horizon=30, target={"tiktok": 17_000})
    fc = out.forecast
    assert len(fc) == 30 and fc["date"].iloc[0] == days[-1] + pd.Timedelta(days=1)
    assert fc["forecast"].iloc[-1] == pytest.approx(10_000 + 50 * 149, rel=0.01)
    assert (fc["ci_low"] < fc["forecast"]).all() and (fc["forecast"] < fc["ci_high"]).all()
    assert (fc["ci_high"] - fc["ci_low"]).is_monotonic_increasing
    expected = pd.Timestamp("2026-01-01") + pd.Timedelta(days=(17_000 - 10_000) / 50)
    reached = out.targets["reached_on"].iloc[0]
    assert abs((reached - expected).days) <= 3
    assert out.targets["earliest"].iloc[0] <= reached
    assert out.rates["gain_28d"].iloc[0] == pytest.approx(followers[-1] - followers[-29])
    with pytest.raises(ValueError, match="horizon must be >= 1, got 0"):
        trends.follower_growth(df, horizon=0)


# ------------------------------------------------------------------- planted effects


def test_sample_spike_day_is_found_and_explained(ws):
    out = trends.spikes(ws.mentions, by="brand", tz=ws.timezone)
    lumi = out[out["brand"] == "Lumi"]
    top = lumi.loc[lumi["score"].idxmax()]
    assert top["period"] == pd.Timestamp("2026-09-18") and top["is_spike"]
    assert out.loc[out["is_spike"], "period"].tolist() == [pd.Timestamp("2026-09-18")]
    why = trends.explain_spike(ws.mentions, "2026-09-18", brand="Lumi", tz=ws.timezone,
                               exclude=ws.brands)  # fmt: skip
    assert why.count == top["count"]
    # Planted: the extra mentions complain about late, cancelled deliveries.
    assert {"trễ", "hủy", "huỷ", "tiếng"} & set(why.terms["term"])
    assert why.terms["significant"].all()
    assert why.platforms["count"].sum() == why.count
    assert why.authors["author_followers"].is_monotonic_decreasing


def test_sample_trending_hashtag_emerges_in_the_last_three_weeks(ws):
    out = trends.emerging(ws.mentions, recent="21D", baseline="56D", tz=ws.timezone,
                          exclude=ws.brands)  # fmt: skip
    top = out.iloc[0]
    assert top["term"] == "#caphemuoi" and top["kind"] == "hashtag"
    assert top["significant"] and top["ratio"] > 5
    assert "cà phê muối" in set(out.loc[out["significant"], "term"].head(5))
    weekly = trends.hashtags(ws.mentions, freq="W", tz=ws.timezone).query("hashtag == '#caphemuoi'")
    assert weekly["share"].iloc[-1] > 0.2 > weekly["share"].iloc[:-4].max()


def test_sample_best_window_is_weekday_evening(ws):
    out = trends.best_time(ws.posts, tz=ws.timezone, relative_to=["platform", "format"])
    top = out.head(6)
    assert (top["weekday"] < 5).all() and top["hour"].isin([19, 20]).all()
    window = (out["weekday"] < 5) & out["hour"].isin([19, 20])
    inside = np.average(out.loc[window, "value"], weights=out.loc[window, "posts"])
    outside = np.average(out.loc[~window, "value"], weights=out.loc[~window, "posts"])
    assert inside / outside == pytest.approx(1.3, abs=0.1)


def test_sample_video_formats_beat_images(ws):
    out = trends.format_performance(ws.posts, baseline="image")
    video = out[out["format"].isin(["reel", "video", "short"]) & out["ratio"].notna()]
    assert set(video["platform"]) == {"facebook", "instagram", "zalo"}
    assert (video["ratio"] > 1.25).all() and video["significant"].all()


def test_sample_follower_growth_shows_tiktok_behind_its_target(ws):
    own = ws.followers[ws.followers["brand"] == "Lumi"]
    goals = ws.targets[ws.targets["kpi"] == "followers"].set_index("platform")["target"]
    out = trends.follower_growth(own, horizon=61, target=goals.to_dict(), as_of="2026-10-31")
    reached = out.targets.set_index("platform")["reached_on"]
    assert reached["tiktok"] > pd.Timestamp("2026-12-31")
    assert (reached.drop("tiktok") <= pd.Timestamp("2026-12-31")).all()


# ----------------------------------------------------------------------------------- plots


def test_plots_draw_the_trend_outputs(ws):
    import matplotlib.pyplot as plt

    sp = trends.spikes(ws.mentions[ws.mentions["brand"] == "Lumi"], tz=ws.timezone)
    ax = plots.spike_chart(sp)
    assert len(ax.lines) == 2 and len(ax.collections) == 2  # band + spike markers
    assert ax.collections[1].get_offsets().shape[0] == int(sp["is_spike"].sum())
    _, ax = plt.subplots()
    sov = trends.share_of_voice(ws.mentions, tz=ws.timezone)
    plots.share_of_voice_area(sov, ax=ax)
    assert len(ax.collections) == sov["brand"].nunique()
    _, ax = plt.subplots()
    bt = trends.best_time(ws.posts, tz=ws.timezone)
    plots.best_time_heatmap(bt, min_posts=3, ax=ax)
    assert ax.images[1].get_array().shape == (7, 24)
    _, ax = plt.subplots()
    fp = trends.format_performance(ws.posts)
    plots.format_comparison(fp, ax=ax)
    assert len(ax.get_yticklabels()) == len(fp)
    _, ax = plt.subplots()
    tags = trends.hashtags(ws.mentions, freq="W", tz=ws.timezone)
    plots.term_trends(tags, top=3, ax=ax)
    assert len(ax.lines) == min(3, tags["hashtag"].nunique())
    _, ax = plt.subplots()
    g = trends.follower_growth(ws.followers[(ws.followers["brand"] == "Lumi")
                                            & (ws.followers["platform"] == "tiktok")])  # fmt: skip
    plots.growth_fan(g.forecast, history=g.history, target=120_000, ax=ax)
    assert len(ax.lines) == 3


def test_best_window_finds_the_block_by_hand():
    rows = []
    for weekday in range(7):
        for hour in range(24):
            value = 1.0
            if weekday >= 5 and hour in (10, 11):
                value = 1.5  # the weekend late morning is best here
            rows.append({"weekday": weekday, "hour": hour, "posts": 4, "value": value})
    slots = pd.DataFrame(rows)
    best = trends.best_window(slots, hours=2, min_posts=10)
    assert (best["days"], best["start_hour"], best["end_hour"]) == ("weekends", 10, 12)
    assert best["value"] == pytest.approx(1.5) and best["posts"] == 16
    assert best["value_outside"] == pytest.approx(1.0) and best["ratio"] == pytest.approx(1.5)
    assert trends.best_window(slots, min_posts=1000) == {}


def test_best_window_on_the_sample_is_the_planted_one(ws):
    own = ws.filter(brand="Lumi")
    slots = trends.best_time(own.posts, tz=ws.timezone, min_posts=1,
                             relative_to=["platform", "format"])  # fmt: skip
    best = trends.best_window(slots)
    assert (best["days"], best["start_hour"], best["end_hour"]) == ("weekdays", 19, 21)
    assert 1.15 < best["ratio"] < 1.45


# ------------------------------------------------- time zones: no fixed fallback (issue 12)

NY = "America/New_York"


def _ny_mentions(counts: np.ndarray, start: str, hour: int = 12) -> pd.DataFrame:
    """One mention per count, at ``hour`` New York time, stored in UTC like canonical tables."""
    days = pd.date_range(start, periods=len(counts), freq="D")
    local = pd.DatetimeIndex(np.repeat(days.to_numpy(), counts.astype(int))) + pd.Timedelta(
        hours=hour
    )
    created = local.tz_localize(NY).tz_convert("UTC")
    df = pd.DataFrame({"text": "x", "brand": "United", "created_at": created})
    df["mention_id"] = [f"m{i}" for i in range(len(df))]
    return df


def test_an_american_brands_spike_day_is_its_local_day_not_a_day_off():
    counts = np.full(70, 20)
    counts[65] = 120  # 2026-03-07 local (a Saturday), every mention at 21:30 New York time
    df = _ny_mentions(counts, "2026-01-01", hour=21)
    df["created_at"] += pd.Timedelta(minutes=30)
    spike_day = pd.Timestamp("2026-01-01") + pd.Timedelta(days=65)
    # In UTC, 21:30 in New York is 02:30 the next day: the day a fixed zone would report.
    utc_days = df["created_at"].dt.normalize().dt.tz_localize(None).value_counts()
    assert utc_days[spike_day] == 20 and utc_days[spike_day + pd.Timedelta(days=1)] == 120
    df.attrs["timezone"] = NY  # what load_workspace sets on every table
    out = trends.spikes(df, weeks=8)
    assert out.loc[out["is_spike"], "period"].tolist() == [spike_day]
    assert out.set_index("period").loc[spike_day, "count"] == 120
    # The same with the zone given, and with timestamps that carry it and no attrs.
    df.attrs = {}
    assert trends.spikes(df, tz=NY).loc[lambda d: d["is_spike"], "period"].tolist() == [spike_day]
    carried = df.assign(created_at=df["created_at"].dt.tz_convert(NY))
    assert trends.spikes(carried).loc[lambda d: d["is_spike"], "period"].tolist() == [spike_day]
    # Without attrs nor tz, UTC timestamps are cut into UTC days (documented): one day later.
    utc = trends.spikes(df).loc[lambda d: d["is_spike"], "period"].tolist()
    assert utc == [spike_day + pd.Timedelta(days=1)]


def test_best_time_puts_a_post_published_at_local_midnight_at_hour_0():
    local = pd.to_datetime(["2026-03-02 00:00", "2026-03-09 00:00", "2026-07-06 00:00"])
    posts = pd.DataFrame(
        {
            "published_at": local.tz_localize(NY).tz_convert("UTC"),
            "reach": pd.array([100, 100, 100], dtype="Int64"),
            "reactions": pd.array([5, 7, 9], dtype="Int64"),
        }
    )
    posts.attrs["timezone"] = NY
    out = trends.best_time(posts, min_posts=1)
    # Mondays at midnight, in winter (UTC-5) and in summer (UTC-4) alike.
    assert out[["weekday", "hour", "posts"]].values.tolist() == [[0, 0, 3]]
    assert out["value"].iloc[0] == pytest.approx((0.05 + 0.07 + 0.09) / 3)
    posts.attrs = {}
    assert trends.best_time(posts, tz=NY, min_posts=1)["hour"].tolist() == [0]
    carried = posts.assign(published_at=posts["published_at"].dt.tz_convert(NY))
    assert trends.best_time(carried, min_posts=1)["hour"].tolist() == [0]
    # No fixed zone behind the scenes: UTC timestamps without attrs stay in UTC (5h and 4h).
    utc = trends.best_time(posts, min_posts=1)
    assert sorted(utc["hour"].tolist()) == [4, 5]


def test_no_trends_function_falls_back_to_a_fixed_zone():
    import inspect

    source = inspect.getsource(trends)
    assert "Ho_Chi_Minh" not in source and "DEFAULT_TIMEZONE" not in source
    from smmnb.trends._common import _zone as zone_of

    when = pd.Series(pd.to_datetime(["2026-01-01 10:00"]).tz_localize("UTC"))
    assert zone_of(pd.DataFrame(), when, None) == "UTC"
    assert zone_of(pd.DataFrame(), when.dt.tz_localize(None), None) is None
    framed = pd.DataFrame({"a": [1]})
    framed.attrs["timezone"] = NY
    assert zone_of(framed, when, None) == NY and zone_of(framed, when, "Asia/Tokyo") == "Asia/Tokyo"
    assert not hasattr(trends, "DEFAULT_TIMEZONE")


# ------------------------------------------------------- short data (issue 12, point 2)


def _daily_docs(days: int, start="2026-01-01", per_day=10) -> pd.DataFrame:
    stamps = np.repeat(pd.date_range(start, periods=days, freq="D").to_numpy(), per_day)
    df = _docs(["filler words"] * len(stamps), stamps + np.timedelta64(9, "h"))
    df["mention_id"] = [f"m{i}" for i in range(len(df))]
    return df


def test_emerging_windows_shrink_to_the_data_and_say_so():
    df = _daily_docs(30)
    out = trends.emerging(df, "14D", "56D", min_count=1, tz=TZ, shrink=True)
    first, last = pd.Timestamp("2026-01-01"), pd.Timestamp("2026-01-30")
    assert out.attrs["recent"] == (pd.Timestamp("2026-01-17"), last)  # 14 days kept
    assert out.attrs["baseline"] == (first, pd.Timestamp("2026-01-16"))  # the 16 days left
    assert (out.attrs["n_recent"], out.attrs["n_baseline"]) == (140, 160)
    assert out.attrs["shrunk"] and out.attrs["asked"] == (14, 56)
    # 17 days: the recent window gives way so the baseline keeps a week.
    out = trends.emerging(_daily_docs(17), "14D", "56D", min_count=1, tz=TZ, shrink=True)
    assert (out.attrs["n_recent"], out.attrs["n_baseline"]) == (100, 70)
    # Long enough: nothing changes.
    out = trends.emerging(_daily_docs(70), "14D", "56D", min_count=1, tz=TZ, shrink=True)
    assert not out.attrs["shrunk"] and out.attrs["n_baseline"] == 560


def test_emerging_on_too_few_days_says_how_many_days_and_what_is_needed():
    with pytest.raises(InsufficientData) as err:
        trends.emerging(_daily_docs(8), tz=TZ, shrink=True)
    assert str(err.value) == (
        "Finding emerging topics needs at least 14 days of mentions (a recent window of 7 days "
        "or more and as many days before it to compare with); the mentions here span "
        "01 Jan 2026 to 08 Jan 2026 (8 days)."
    )
    with pytest.raises(InsufficientData, match=r"span 01 Jan 2026 \(1 day\)\.$"):
        trends.emerging(_daily_docs(1), tz=TZ, shrink=True)


def test_spikes_in_period_needs_eight_weeks_before_the_days_it_judges(rng):
    counts = rng.poisson(30, 70)
    df = _mentions_from_counts(counts, start="2026-01-01")
    out = trends.spikes_in_period(df, "2026-02-20", "2026-03-11", brand="A", tz=TZ)
    first_judged = pd.Timestamp("2026-01-01") + pd.Timedelta(days=56)
    assert out.attrs["first_judged"] == first_judged
    assert out.attrs["unjudged"] == (first_judged - pd.Timestamp("2026-02-20")).days
    assert out.loc[out["period"] < first_judged, "score"].isna().all()
    assert out.loc[out["period"] >= first_judged, "score"].notna().all()
    assert out["period"].min() == pd.Timestamp("2026-02-20")
    with pytest.raises(InsufficientData) as err:
        trends.spikes_in_period(df.iloc[: counts[:40].sum()], "2026-02-01", "2026-02-09",
                                brand="A", tz=TZ)  # fmt: skip
    assert str(err.value) == (
        "Spotting spikes needs 8 weeks of mentions before each day it judges (a day is compared "
        "with the same weekday of each of the 8 weeks before it); the mentions here span "
        "01 Jan 2026 to 09 Feb 2026 (40 days)."
    )
    with pytest.raises(
        InsufficientData, match="needs mentions of B; the mentions here are of A only"
    ):
        trends.spikes_in_period(df, "2026-02-20", "2026-03-11", brand="B", tz=TZ)


def test_best_time_and_formats_without_reach_say_what_they_need():
    posts = pd.DataFrame(
        {
            "post_id": ["a", "b"],
            "platform": "facebook",
            "format": "image",
            "published_at": pd.to_datetime(["2026-03-02 12:00", "2026-03-03 12:00"], utc=True),
            "reach": pd.array([pd.NA, pd.NA], dtype="Int64"),
            "reactions": pd.array([5, 7], dtype="Int64"),
        }
    )
    expected = (
        "needs posts with reach (the metric is engagements / reach of each post); none of the "
        "2 posts here has a reach figure."
    )
    with pytest.raises(InsufficientData) as err:
        trends.best_time(posts)
    assert str(err.value) == "Finding the best time to post " + expected
    with pytest.raises(InsufficientData) as err:
        trends.format_performance(posts)
    assert str(err.value) == "Comparing formats " + expected
    with pytest.raises(InsufficientData, match="; there are no posts.$"):
        trends.best_time(posts.iloc[:0])


def test_dates_without_times_are_not_hour_0_and_weekdays_still_rank():
    days = pd.to_datetime(["2026-03-02", "2026-03-09", "2026-03-03", "2026-03-10", "2026-03-04"])
    posts = pd.DataFrame(
        {
            "published_at": days.tz_localize(NY).tz_convert("UTC"),  # a date read as midnight
            "reach": pd.array([100] * 5, dtype="Int64"),
            "reactions": pd.array([10, 20, 4, 6, 1], dtype="Int64"),
        }
    )
    posts.attrs["timezone"] = NY
    assert not trends.times_known(posts)
    assert trends.times_known(posts.assign(published_at=posts["published_at"] + pd.Timedelta("1h")))
    out = trends.best_time(posts, min_posts=1, hours=False)
    assert "hour" not in out.columns
    assert out[["weekday", "posts"]].values.tolist() == [[0, 2], [1, 2], [2, 1]]
    assert out["value"].tolist() == pytest.approx([0.15, 0.05, 0.01])
    assert out.attrs["posts"] == 5


def test_follower_growth_short_series_one_platform_and_no_counts():
    days = pd.date_range("2026-01-01", periods=40, freq="D")
    long = pd.DataFrame({"date": days, "brand": "A", "platform": "tiktok",
                         "followers": 1000 + 10 * np.arange(40)})  # fmt: skip
    short = pd.DataFrame({"date": days[-10:], "brand": "A", "platform": "zalo",
                          "followers": 500 + np.arange(10)})  # fmt: skip
    out = trends.follower_growth(pd.concat([long, short]), horizon=5)
    assert out.too_short == {("A", "zalo"): 10}
    assert set(out.forecast["platform"]) == {"tiktok"}
    rates = out.rates.set_index("platform")
    assert rates.loc["tiktok", "gain_28d"] == 280 and np.isnan(rates.loc["tiktok", "gain_prev_28d"])
    assert np.isnan(rates.loc["zalo", "gain_28d"]) and rates.loc["zalo", "days"] == 10
    assert trends.growth_focus(out) == "tiktok"
    with pytest.raises(InsufficientData) as err:
        trends.follower_growth(short)
    assert str(err.value) == (
        "Forecasting followers needs 28 days of follower counts on a platform (to measure a "
        "28-day gain and fit a trend); the counts here cover 10 days (Zalo)."
    )
    with pytest.raises(InsufficientData, match="needs daily follower counts; there are none"):
        trends.follower_growth(long.iloc[:0])
    # A flat series (no change at all) gives a forecast without NaN.
    flat = long.assign(followers=1000)
    fc = trends.follower_growth(flat, horizon=3).forecast
    assert fc[["forecast", "ci_low", "ci_high"]].notna().all().all()


def test_follower_targets_and_on_time():
    targets = pd.DataFrame(
        {
            "brand": "A",
            "kpi": ["followers", "followers", "followers", "reach"],
            "target": [2000.0, 5000.0, 900.0, 1.0],
            "period_start": pd.to_datetime(
                ["2026-01-01", "2026-07-01", "2026-01-01", "2026-01-01"]
            ),
            "period_end": pd.to_datetime(["2026-06-30", "2026-12-31", "2026-03-31", "2026-12-31"]),
            "platform": ["tiktok", "tiktok", None, "tiktok"],
        }
    )
    goals = trends.follower_targets(targets, "2026-02-10")
    assert goals.values.tolist() == [["tiktok", 2000.0, pd.Timestamp("2026-06-30")]]
    days = pd.date_range("2026-01-01", periods=41, freq="D")
    df = pd.DataFrame({"date": days, "brand": "A", "platform": "tiktok",
                       "followers": 1000 + 10 * np.arange(41)})  # fmt: skip
    growth = trends.follower_growth(df, horizon=10, target={"tiktok": 2000.0})
    on_time = trends.targets_on_time(growth, goals)
    # 1,400 on 10 Feb and +10 a day: 2,000 about 60 days later, in April, before 30 June.
    assert bool(on_time["on_time"].iloc[0]) and on_time["due"].iloc[0] == pd.Timestamp("2026-06-30")
    assert abs((on_time["reached_on"].iloc[0] - pd.Timestamp("2026-04-11")).days) <= 3


def test_voice_totals_and_change_by_hand():
    rows = [("A", "2026-03-01", 10), ("A", "2026-03-02", None), ("B", "2026-03-02", 30),
            ("A", "2026-03-05", 1), ("B", "2026-03-05", 1), ("B", "2026-03-06", 2)]  # fmt: skip
    df = _docs(["x"] * len(rows), [r[1] + " 12:00" for r in rows])
    df["brand"] = [r[0] for r in rows]
    df["engagements"] = pd.array([r[2] for r in rows], dtype="Int64")
    totals = trends.voice_totals(df, brands=["A", "B", "C"]).set_index("brand")
    assert totals["mentions"].to_dict() == {"A": 3, "B": 3, "C": 0}
    assert totals.loc["A", "share of mentions"] == pytest.approx(0.5)
    assert totals.loc["A", "share of engagements"] == pytest.approx(11 / 44)
    assert np.isnan(totals.loc["C", "engagements"])
    # A 2-day period (5-6 March) against the 2 days before (3-4 March): no mentions there.
    assert trends.voice_change(df, "A", "2026-03-05", "2026-03-06", tz=TZ) is None
    change = trends.voice_change(df, "A", "2026-03-03", "2026-03-06", tz=TZ)
    assert change["before"] == (pd.Timestamp("2026-02-27"), pd.Timestamp("2026-03-02"))
    assert (change["share_recent"], change["share_before"]) == (pytest.approx(1 / 3), 2 / 3)
    expected = st.norm.sf(abs(1 / 3 - 2 / 3) / np.sqrt(0.5 * 0.5 * (1 / 3 + 1 / 3))) * 2
    assert change["p_value"] == pytest.approx(expected)


def test_hashtag_share_keeps_weeks_without_the_hashtag():
    df = _docs(["#caphemuoi ngon", "tra dao", "tra dao", "#CàPhêMuối nữa", "#caphemuoingon"],
               ["2026-03-02", "2026-03-03", "2026-03-10", "2026-03-16", "2026-03-17"])  # fmt: skip
    out = trends.hashtag_share(df, "#caphemuoi", tz=TZ)
    assert out["period"].dt.day.tolist() == [2, 9, 16]
    assert out["count"].tolist() == [1, 0, 1] and out["documents"].tolist() == [2, 1, 2]
    assert out["share"].tolist() == [0.5, 0.0, 0.5]


def test_window_test_is_welchs_test_of_the_posts_inside_the_block():
    rows = []
    for i in range(6):  # weekday evenings: Monday 19h and 20h, two weeks each... and others
        rows.append((f"2026-03-{2 + 7 * (i % 3):02d} {19 + i % 2}:10", "facebook", "image",
                     1000, 60 + i))  # fmt: skip
    for i in range(8):
        rows.append((f"2026-03-{3 + i:02d} 09:00", "facebook", "image", 1000, 30 + i))
    posts = _posts(rows)
    window = {"days": "weekdays", "start_hour": 19, "end_hour": 21}
    out = trends.window_test(posts, window, tz=TZ)
    local = posts["published_at"].dt.tz_convert(TZ)
    rate = posts["reactions"].astype(float) / posts["reach"].astype(float)
    inside = (local.dt.day_of_week < 5) & local.dt.hour.isin([19, 20])
    expected = st.ttest_ind(rate[inside], rate[~inside], equal_var=False).pvalue
    assert (out["inside"], out["outside"]) == (int(inside.sum()), int((~inside).sum()))
    assert out["p_value"] == pytest.approx(expected) and out["significant"]
    assert out["mean_inside"] == pytest.approx(rate[inside].mean())


def test_engagement_metric_falls_back_to_impressions_and_says_when_neither():
    posts = pd.DataFrame(
        {
            "published_at": pd.to_datetime(["2026-03-02 12:00"] * 2, utc=True),
            "reach": pd.array([pd.NA, pd.NA], dtype="Int64"),
            "impressions": pd.array([400, 500], dtype="Int64"),
            "reactions": pd.array([4, 10], dtype="Int64"),
        }
    )
    assert trends.engagement_metric(posts.assign(reach=pd.array([1, pd.NA], dtype="Int64"))) == (
        "er_reach"
    )
    assert trends.engagement_metric(posts) == "er_impressions"
    slots = trends.best_time(posts, metric="er_impressions", min_posts=1)
    assert slots["value"].iloc[0] == pytest.approx((4 / 400 + 10 / 500) / 2)
    none = posts.assign(impressions=pd.array([pd.NA, pd.NA], dtype="Int64"))
    with pytest.raises(InsufficientData) as err:
        trends.engagement_metric(none, "Comparing formats")
    assert str(err.value) == (
        "Comparing formats needs posts with reach or impressions (the engagement rate divides "
        "by one); none of the 2 posts here has either."
    )
