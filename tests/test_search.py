"""search: branded queries, brand demand, the lift of a flight on search, expected CTR, CTR
gaps and movers — every number checked against an independent computation."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import optimize
from scipy import stats as st

from smmnb import i18n, search
from smmnb.campaigns.uplift import lift
from smmnb.errors import InsufficientData
from smmnb.io.settings import Settings
from smmnb.schema import validate
from smmnb.stats import benjamini_hochberg
from smmnb.workspace import Workspace

TERM_COLUMNS = ["period_start", "period_end", "brand", "search_type", "kind", "term", "clicks",
                "impressions", "position", "filters"]  # fmt: skip


def _ws(*, daily=None, terms=None, ads=None, brand_terms=None, competitors=("Mộc Coffee",)):
    tables = {}
    if daily is not None:
        tables["search_daily"] = validate(pd.DataFrame(daily), "search_daily")
    if terms is not None:
        tables["search_terms"] = validate(pd.DataFrame(terms, columns=TERM_COLUMNS), "search_terms")
    if ads is not None:
        tables["ads"] = validate(pd.DataFrame(ads), "ads")
    settings = Settings(owner="Lumi", competitors=competitors, brand_terms=brand_terms or {})
    return Workspace(tables=tables, owner="Lumi", competitors=competitors, settings=settings)


def _daily(days, clicks, impressions, filters="", position=4.0, brand="Lumi"):
    n = len(days)
    return pd.DataFrame(
        {"date": pd.DatetimeIndex(days), "brand": brand, "search_type": "web",
         "clicks": np.asarray(clicks, dtype="int64"),
         "impressions": np.asarray(impressions, dtype="int64"),
         "position": np.broadcast_to(position, n).astype("float64"), "filters": filters}
    )  # fmt: skip


# --------------------------------------------------------------------------------------------
# branded queries


def test_branded_queries_match_whole_words_without_diacritics_or_case():
    queries = pd.Series(
        ["Lumi cà phê", "cà phê LUMI!", "lumi-coffee menu", "illuminate", "lumina cafe",
         "lumicoffee", "Mộc   Coffee quận 1", "moc coffee", "mộc", "cafe", None],
        index=list("abcdefghijk"),
    )  # fmt: skip
    hit = search.is_branded(queries, ["Lumi"])
    assert hit.index.tolist() == list("abcdefghijk")
    assert hit.tolist() == [True, True, True, False, False, False, False, False, False, False,
                            False]  # fmt: skip
    rival = search.is_branded(queries, ["Mộc Coffee"])
    assert rival[rival].index.tolist() == ["g", "h"]  # spaces, diacritics and case ignored
    variants = search.is_branded(queries, ["Lumi", "lumicoffee"])
    assert variants[variants].index.tolist() == ["a", "b", "c", "f"]
    assert not search.is_branded(["lumi"], []).any()
    assert search.is_branded(["Đà Lạt coffee"], ["da lat"]).tolist() == [True]


def test_brand_terms_come_from_the_name_and_smmnb_yml():
    ws = _ws(brand_terms={"lumi": ("Lumi Coffee", "lumicoffee", "LUMI coffee"),
                          "Mộc Coffee": ("moc cafe",)})  # fmt: skip
    assert search.brand_terms(ws, "Lumi") == ["Lumi", "Lumi Coffee", "lumicoffee"]
    assert search.brand_terms(ws, "Moc Coffee") == ["Moc Coffee", "moc cafe"]
    assert search.brand_terms(ws, "Sen Tea") == ["Sen Tea"]
    assert search.brand_terms(Workspace(tables={}), "Lumi") == ["Lumi"]  # no settings


def test_brand_kind_tells_own_competitor_and_other_queries_apart():
    ws = _ws(brand_terms={"Mộc Coffee": ("moc cafe",)})
    queries = ["lumi menu", "moc cafe gần đây", "lumi vs mộc coffee", "cà phê muối"]
    assert search.brand_kind(ws, "Lumi", queries).tolist() == ["own", "competitor", "own", "none"]


# --------------------------------------------------------------------------------------------
# pooling


def test_pooled_ctr_is_a_ratio_of_sums_and_position_is_impression_weighted():
    rows = pd.DataFrame(
        {"g": ["a", "a", "a", "b"], "clicks": [10, 1, 0, 5],
         "impressions": [100, 900, 0, 50], "position": [2.0, 10.0, np.nan, 3.0]}
    )  # fmt: skip
    out = search.pooled(rows, by="g")
    assert out.loc["a", "clicks"] == 11 and out.loc["a", "impressions"] == 1000
    assert out.loc["a", "ctr"] == pytest.approx(11 / 1000)  # not mean(0.1, 0.0011)
    assert out.loc["a", "position"] == pytest.approx((2 * 100 + 10 * 900) / 1000)  # not 6
    assert out.loc["b", "position"] == pytest.approx(3.0)
    whole = search.pooled(rows).iloc[0]
    assert whole["ctr"] == pytest.approx(16 / 1050)
    assert whole["position"] == pytest.approx((200 + 9000 + 150) / 1050)
    none = search.pooled(rows.assign(impressions=0, clicks=0)).iloc[0]
    assert np.isnan(none["ctr"]) and np.isnan(none["position"])


# --------------------------------------------------------------------------------------------
# brand demand


def _demand_ws(with_branded: bool = True):
    days = pd.date_range("2026-09-01", periods=3)
    frames = [_daily(days, [100, 120, 0], [1000, 1500, 0], position=[3.0, 5.0, np.nan])]
    if with_branded:
        frames.append(_daily(days, [30, 60, 0], [50, 90, 0], filters="query: +lumi"))
        frames.append(_daily(days, [70, 60, 0], [950, 1410, 0], filters="query: -lumi"))
    frames.append(_daily(days, [40, 40, 0], [400, 400, 0], filters="device: mobile"))
    month = _daily(["2026-08-01"], [900], [9000]).assign(end_date=pd.Timestamp("2026-08-31"))
    frames.append(month)
    terms = [
        ("2026-08-01", "2026-08-31", "Lumi", "web", "query", "lumi cà phê", 50, 100, 1.2, ""),
        ("2026-08-01", "2026-08-31", "Lumi", "web", "query", "LUMI menu", 20, 80, 1.5, ""),
        ("2026-08-01", "2026-08-31", "Lumi", "web", "query", "moc coffee", 2, 90, 8.0, ""),
        ("2026-08-01", "2026-08-31", "Lumi", "web", "query", "cà phê muối", 8, 400, 6.0, ""),
        ("2026-08-01", "2026-08-31", "Lumi", "web", "page", "https://lumi.vn/", 70, 300, 2, ""),
        ("2026-08-01", "2026-08-31", "Lumi", "web", "query", "lumi cà phê", 5, 9, 1.0,
         "device: mobile"),
        ("2026-09-01", "2026-09-30", "Lumi", "web", "query", "lumi", 40, 60, 1.0, ""),
        ("2026-09-01", "2026-09-30", "Lumi", "web", "query", "bánh mì", 10, 200, 4.0, ""),
        ("2026-09-01", "2026-09-30", "Lumi", "image", "query", "lumi logo", 9, 90, 1.0, ""),
    ]  # fmt: skip
    return _ws(daily=pd.concat(frames), terms=terms)


def test_brand_demand_from_a_daily_download_filtered_to_branded_queries():
    demand = search.brand_demand(_demand_ws(), "Lumi")
    assert demand.source == search.FILTERED_DAILY and demand.filters == "query: +lumi"
    daily = demand.daily
    # the unfiltered days only: not the monthly row, not the device or -lumi downloads
    assert daily["date"].dt.strftime("%Y-%m-%d").tolist() == [
        "2026-09-01", "2026-09-02", "2026-09-03",
    ]  # fmt: skip
    assert daily["clicks"].tolist() == [100, 120, 0]
    assert daily["impressions"].tolist() == [1000, 1500, 0]
    assert daily["branded_clicks"].tolist() == [30, 60, 0]
    assert daily["branded_impressions"].tolist() == [50, 90, 0]
    assert daily["branded_share"].iloc[:2].tolist() == pytest.approx([30 / 100, 60 / 120])
    assert np.isnan(daily["branded_share"].iloc[2])  # no click that day: no share
    assert daily["ctr"].iloc[:2].tolist() == pytest.approx([0.1, 0.08])
    assert daily["position"].iloc[:2].tolist() == [3.0, 5.0]
    assert str(daily["clicks"].dtype) == "Int64"


def test_brand_demand_by_period_sums_the_top_queries_and_says_they_are_not_totals():
    demand = search.brand_demand(_demand_ws(with_branded=False), "Lumi")
    assert demand.source == search.TOP_QUERIES and demand.filters == ""
    assert "branded_clicks" not in demand.daily.columns
    by = demand.by_period.set_index("period_start")
    aug, sep = by.loc["2026-08-01"], by.loc["2026-09-01"]
    # queries of the unfiltered web download only (no page, no device filter, no image search)
    assert (aug["queries"], aug["clicks"], aug["impressions"]) == (4, 50 + 20 + 2 + 8, 670)
    assert (aug["branded_clicks"], aug["branded_impressions"]) == (70, 180)
    assert (aug["competitor_clicks"], aug["competitor_impressions"]) == (2, 90)
    assert aug["branded_share"] == pytest.approx(70 / 80)
    assert (sep["queries"], sep["branded_clicks"], sep["clicks"]) == (2, 40, 50)
    assert not by["capped"].any()
    assert "not the site's totals" in demand.by_period.attrs["note"]
    with i18n.use("vi"):
        note = search.brand_demand(_demand_ws(), "Lumi").by_period.attrs["note"]
    assert "1.000 truy vấn" in note and "không phải tổng số" in note


def test_brand_demand_without_search_console_data_says_so():
    ws = _ws(daily=_daily(["2026-09-01"], [1], [2], brand="Sen Tea"))
    with pytest.raises(InsufficientData) as info:
        search.brand_demand(ws, "Lumi")
    assert str(info.value) == (
        "Branded search needs a Search Console Performance download (its daily table or its "
        "queries); this folder has none for this brand."
    )
    with pytest.raises(InsufficientData):
        search.brand_demand(Workspace(tables={}), "Lumi")


def test_the_branded_filter_is_one_query_filter_naming_the_brand():
    names = ["Lumi", "lumi coffee"]
    filters = pd.Series(["query: +lumi", "query: ~lumi|lumicoffee", "query: +LUMI coffee",
                         "query: -lumi", "query: =lumi", "query: +lumi; device: mobile",
                         "page: +/lumi/", "query: +illuminate", "", None])  # fmt: skip
    found = search._branded_filters(filters, names)
    assert found.tolist() == [True, True, True] + [False] * 7


# --------------------------------------------------------------------------------------------
# search lift


def _lift_ws(effect: float, rng, *, branded_from="2026-06-01", pre_days_of_branded=None):
    days = pd.date_range("2026-06-01", "2026-09-30")
    t = np.arange(len(days))
    weekend = (days.day_of_week >= 5).astype(float)
    flight = (days >= "2026-09-01") & (days <= "2026-09-14")
    branded = 100 + 0.1 * t + 15 * weekend + rng.normal(0, 6, len(days)) + effect * flight
    other = 300 + 20 * weekend + rng.normal(0, 10, len(days))
    branded, other = np.round(branded), np.round(other)
    keep = days >= pd.Timestamp(branded_from)
    daily = pd.concat(
        [_daily(days, branded + other, 10 * (branded + other)),
         _daily(days[keep], branded[keep], 3 * branded[keep], filters="query: +lumi")]
    )  # fmt: skip
    ads = {"date": pd.date_range("2026-09-01", "2026-09-14"), "brand": "Lumi",
           "platform": "facebook", "campaign": "Back to School", "ad": "a", "spend": 1e6,
           "impressions": 1000, "clicks": 10}  # fmt: skip
    return _ws(daily=daily, ads=ads), pd.Series(branded, index=days)


def test_search_lift_finds_a_planted_rise_in_branded_clicks(rng):
    ws, branded = _lift_ws(40.0, rng)
    found = search.search_lift(ws, "Lumi", "2026-09-01", "2026-09-14")
    assert found.measured == search.MEASURED_BRANDED and found.filters == "query: +lumi"
    expected = lift(branded, "2026-09-01", "2026-09-14", pre_days=56)  # the same series
    assert found.result.effect == pytest.approx(expected.effect)
    assert found.result.p_value == pytest.approx(expected.p_value)
    r = found.result
    assert r.significant and r.ci_low < 14 * 40 < r.ci_high and r.ci_low > 0
    by_campaign = search.campaign_search_lift(ws, "Lumi")
    assert by_campaign.campaign == "Back to School" and by_campaign.overlapping == ()
    assert (by_campaign.start, by_campaign.end) == (pd.Timestamp("2026-09-01"),
                                                    pd.Timestamp("2026-09-14"))  # fmt: skip
    assert by_campaign.result.effect == pytest.approx(r.effect)


def test_search_lift_without_an_effect_is_not_significant(rng):
    ws, _branded = _lift_ws(0.0, rng)
    r = search.search_lift(ws, "Lumi", "2026-09-01", "2026-09-14").result
    assert not r.significant and r.ci_low < 0 < r.ci_high


def test_search_lift_falls_back_to_all_clicks_and_refuses_when_too_short(rng):
    ws, _branded = _lift_ws(40.0, rng, branded_from="2026-08-20")  # 12 branded days before
    found = search.search_lift(ws, "Lumi", "2026-09-01", "2026-09-14")
    assert found.measured == search.MEASURED_ALL and found.filters == ""
    total = ws.search_daily[ws.search_daily["filters"].isna()].set_index("date")["clicks"]
    assert found.result.effect == pytest.approx(
        lift(total.astype(float), "2026-09-01", "2026-09-14", pre_days=56).effect
    )
    with pytest.raises(InsufficientData) as info:
        search.search_lift(ws, "Lumi", "2026-06-15", "2026-06-30")
    assert str(info.value) == (
        "Measuring lift needs at least 28 days before the flight; the series has 14 days before it."
    )
    with pytest.raises(InsufficientData) as info:
        search.search_lift(_ws(ads={"date": ["2026-09-01"], "brand": "Lumi", "platform": "x",
                                    "campaign": "C", "ad": "a", "spend": 1.0, "impressions": 9,
                                    "clicks": 1}),
                           "Lumi", "2026-09-01", "2026-09-02")  # fmt: skip
    assert "Dates.csv or Chart.csv" in str(info.value)


def test_campaign_search_lift_names_what_it_cannot_measure(rng):
    ws, _branded = _lift_ws(40.0, rng)
    with pytest.raises(InsufficientData) as info:
        search.campaign_search_lift(ws, "Lumi", "Tết")
    assert str(info.value) == (
        "The lift of Tết on search needs ads of Tết to date its flight; the ads here are for "
        "Back to School."
    )


# --------------------------------------------------------------------------------------------
# expected CTR and CTR gaps


def _terms(rng, n=60, a=-0.8, b=-1.3, period=("2026-09-01", "2026-09-30"), kind="query"):
    position = np.round(np.exp(rng.uniform(0, np.log(30), n)), 1)
    impressions = rng.integers(100, 8000, n)
    ctr = 1 / (1 + np.exp(-(a + b * np.log(position))))
    clicks = rng.binomial(impressions, ctr)
    return [(period[0], period[1], "Lumi", "web", kind, f"{kind} {i}", int(clicks[i]),
             int(impressions[i]), float(position[i]), "") for i in range(n)]  # fmt: skip


def _binomial_mle(clicks, impressions, position):
    """Maximum likelihood of logit(p) = a + b log(position), by scipy.optimize (no GLM)."""
    x = np.log(position)

    def minus_loglik(theta):
        eta = theta[0] + theta[1] * x
        # log p = -log(1 + e^-eta), log(1 - p) = -log(1 + e^eta)
        return -np.sum(
            -clicks * np.logaddexp(0, -eta) - (impressions - clicks) * np.logaddexp(0, eta)
        )

    fit = optimize.minimize(minus_loglik, x0=[0.0, 0.0], method="BFGS", options={"gtol": 1e-10})
    return fit.x


def test_expected_ctr_is_the_binomial_maximum_likelihood_fit(rng):
    rows = _terms(rng)
    rows += [("2026-09-01", "2026-09-30", "Lumi", "web", "query", "few", 5, 99, 2.0, ""),
             ("2026-09-01", "2026-09-30", "Lumi", "web", "query", "odd", 5, 500, 0.0, ""),
             ("2026-09-01", "2026-09-30", "Lumi", "web", "query", "lumi menu", 900, 1000, 1.0, ""),
             ("2026-09-01", "2026-09-30", "Lumi", "web", "page", "/x", 0, 5000, 3.0, ""),
             ("2026-09-01", "2026-09-30", "Lumi", "web", "query", "query 0", 1, 800, 2.0,
              "country: vnm")]  # fmt: skip
    terms = _ws(terms=rows).search_terms
    curve = search.expected_ctr(terms, exclude=["Lumi"])
    used = pd.DataFrame(rows[:60], columns=TERM_COLUMNS)
    a, b = _binomial_mle(used["clicks"].to_numpy(float), used["impressions"].to_numpy(float),
                         used["position"].to_numpy(float))  # fmt: skip
    assert curve.params["const"] == pytest.approx(a, abs=1e-5)
    assert curve.params["log_position"] == pytest.approx(b, abs=1e-5)
    assert len(curve.rows) == 60  # too few impressions, position 0, branded, pages, filtered: out
    assert curve.predict(4.0) == pytest.approx(1 / (1 + np.exp(-(a + b * np.log(4)))), abs=1e-6)
    s = curve.predict(pd.Series([1.0, 10.0], index=["x", "y"]))
    assert s.index.tolist() == ["x", "y"] and s["x"] > s["y"]
    assert curve.dispersion == pytest.approx(1, abs=0.6)  # binomial rows: about 1


def test_expected_ctr_needs_ten_rows(rng):
    terms = _ws(terms=_terms(rng, n=9)).search_terms
    with pytest.raises(InsufficientData) as info:
        search.expected_ctr(terms)
    assert str(info.value) == (
        "The CTR expected at each position needs at least 10 queries with 100 impressions or "
        "more and a position of 1 or more; the Search Console data here have 9 queries."
    )
    with i18n.use("vi"), pytest.raises(InsufficientData) as info:
        search.expected_ctr(terms, kind="query")
    assert str(info.value) == (
        "Việc ước tính CTR thường gặp ở từng vị trí cần ít nhất 10 truy vấn có từ 100 lượt hiển "
        "thị trở lên và vị trí từ 1 trở lên; dữ liệu Search Console ở đây chỉ có 9 truy vấn."
    )


def test_ctr_gaps_are_exact_one_sided_binomial_tests_adjusted_with_bh(rng):
    old = _terms(rng, period=("2026-08-01", "2026-08-31"))
    rows = _terms(rng)
    # two planted gaps: a tenth of the clicks the curve expects
    # two planted gaps: a tenth of the clicks, on the two rows with the most clicks
    planted = sorted(range(len(rows)), key=lambda i: -rows[i][6])[:2]
    for i in planted:
        rows[i] = (*rows[i][:6], rows[i][6] // 10, *rows[i][7:])
    terms = _ws(terms=old + rows).search_terms
    curve = search.expected_ctr(terms)
    gaps = search.ctr_gaps(terms, curve)
    assert len(gaps) == 60 and (gaps["period_start"] == "2026-09-01").all()  # latest period
    expected = curve.predict(gaps["position"].to_numpy())
    for r, e in zip(gaps.itertuples(), expected, strict=True):
        assert r.expected_ctr == pytest.approx(e)
        assert r.p_value == pytest.approx(
            st.binomtest(int(r.clicks), int(r.impressions), e, alternative="less").pvalue,
            rel=1e-9,
            abs=1e-300,
        )
        assert r.missing_clicks == pytest.approx(e * r.impressions - r.clicks)
        assert r.ctr == pytest.approx(r.clicks / r.impressions)
    assert gaps["q_value"].to_numpy() == pytest.approx(_bh_by_hand(gaps["p_value"].to_numpy()))
    assert gaps["significant"].tolist() == list(gaps["q_value"] < 0.05)
    top = set(gaps.loc[gaps["significant"], "term"])
    assert {f"query {i}" for i in planted} <= top
    assert gaps["significant"].iloc[0] and gaps["missing_clicks"].iloc[0] == max(
        gaps.loc[gaps["significant"], "missing_clicks"]
    )


def _bh_by_hand(p):
    """Benjamini-Hochberg written out: sort, p * m / rank, running minimum from the top."""
    m = len(p)
    order = sorted(range(m), key=lambda i: p[i])
    q = [0.0] * m
    running = 1.0
    for rank in range(m, 0, -1):
        i = order[rank - 1]
        running = min(running, p[i] * m / rank)
        q[i] = running
    return np.array(q)


def test_benjamini_hochberg_matches_a_hand_computation():
    p = [0.01, 0.04, 0.03, 0.20, np.nan, 0.005]
    # m = 5: sorted 0.005, 0.01, 0.03, 0.04, 0.20 -> 0.025, 0.025, 0.05, 0.05, 0.20
    assert benjamini_hochberg(p)[[0, 1, 2, 3, 5]].tolist() == pytest.approx(
        [0.025, 0.05, 0.05, 0.20, 0.025]
    )
    assert np.isnan(benjamini_hochberg(p)[4])


# --------------------------------------------------------------------------------------------
# movers


def _conditional_test_by_hand(x1, x2, t1, t2, alpha=0.05):
    """The conditional binomial test of two Poisson rates, written out.

    p-value: the probabilities of every outcome no likelier than the one seen (two-sided
    exact binomial); interval: the binomial shares whose tail probability is alpha / 2,
    found by root-finding, turned into rate ratios.
    """
    n, share = x1 + x2, t2 / (t1 + t2)
    pmf = st.binom.pmf(np.arange(n + 1), n, share)
    p_value = min(1.0, pmf[pmf <= pmf[x2] * (1 + 1e-7)].sum())
    low = optimize.brentq(lambda q: st.binom.sf(x2 - 1, n, q) - alpha / 2, 1e-12, 1 - 1e-12) \
        if x2 > 0 else 0.0  # fmt: skip
    high = optimize.brentq(lambda q: st.binom.cdf(x2, n, q) - alpha / 2, 1e-12, 1 - 1e-12) \
        if x2 < n else 1.0  # fmt: skip
    ratio = lambda q: q / (1 - q) * t1 / t2  # noqa: E731
    return p_value, ratio(low), ratio(high)


def test_movers_use_the_conditional_binomial_test_with_an_exact_interval():
    before = ("2026-08-01", "2026-08-31")  # 31 days
    after = ("2026-09-01", "2026-09-30")  # 30 days
    older = ("2026-06-01", "2026-06-30")
    overlapping = ("2026-08-15", "2026-09-15")
    row = lambda period, term, clicks, shown=1000, pos=3.0: (  # noqa: E731
        *period,
        "Lumi",
        "web",
        "query",
        term,
        clicks,
        shown,
        pos,
        "",
    )
    rows = [row(before, "cà phê muối", 31, pos=8.0), row(after, "cà phê muối", 150, pos=4.0),
            row(before, "lumi", 620, 2000), row(after, "lumi", 560, 1900),
            row(before, "bạc xỉu", 40), row(after, "bạc xỉu", 3),
            row(before, "only before", 90), row(after, "only after", 80),
            row(older, "cà phê muối", 1), row(overlapping, "cà phê muối", 999),
            row(before, "zero", 0), row(after, "zero", 0)]  # fmt: skip
    out = search.movers(_ws(terms=rows).search_terms)
    assert out.attrs["before"] == (pd.Timestamp(before[0]), pd.Timestamp(before[1]))
    assert out.attrs["after"] == (pd.Timestamp(after[0]), pd.Timestamp(after[1]))
    # a term missing from one period is not a 0
    assert set(out["term"]) == {"cà phê muối", "lumi", "bạc xỉu", "zero"}
    by = out.set_index("term")
    for term, x1, x2 in (("cà phê muối", 31, 150), ("lumi", 620, 560), ("bạc xỉu", 40, 3)):
        r = by.loc[term]
        p_value, low, high = _conditional_test_by_hand(x1, x2, 31, 30)
        assert (r["clicks_before"], r["clicks_after"]) == (x1, x2)
        assert r["per_day_before"] == pytest.approx(x1 / 31)
        assert r["per_day_after"] == pytest.approx(x2 / 30)
        assert r["ratio"] == pytest.approx((x2 / 30) / (x1 / 31))
        assert r["p_value"] == pytest.approx(p_value, rel=1e-9)
        assert (r["ci_low"], r["ci_high"]) == pytest.approx((low, high), rel=1e-7)
        assert r["ci_low"] < r["ratio"] < r["ci_high"]
    assert by.loc["cà phê muối", "position_after"] == 4.0
    assert np.isnan(by.loc["zero", "p_value"]) and not by.loc["zero", "significant"]
    assert by["q_value"].dropna().to_numpy() == pytest.approx(
        _bh_by_hand(by["p_value"].dropna().to_numpy())
    )
    # significant first, then by the size of the change in clicks a day
    assert out["term"].tolist()[:2] == ["cà phê muối", "bạc xỉu"]
    assert bool(by.loc["cà phê muối", "significant"]) and bool(by.loc["bạc xỉu", "significant"])
    assert not by.loc["lumi", "significant"]


def test_movers_need_two_periods_that_do_not_overlap():
    rows = [("2026-08-01", "2026-08-31", "Lumi", "web", "query", "a", 5, 50, 2.0, ""),
            ("2026-08-15", "2026-09-15", "Lumi", "web", "query", "a", 5, 50, 2.0, "")]  # fmt: skip
    with pytest.raises(InsufficientData) as info:
        search.movers(_ws(terms=rows).search_terms)
    assert str(info.value) == (
        "Comparing search terms between two periods needs two downloads of periods that do not "
        "overlap, or a download in compare mode; the search terms here cover 15 Aug 2026 to "
        "15 Sep 2026 (32 days) only."
    )


def test_a_term_gsc_lists_twice_counts_once_pooled():
    from smmnb.search import _one_row_per_term

    rows = pd.DataFrame({
        "period_start": pd.to_datetime(["2026-01-01"] * 3),
        "period_end": pd.to_datetime(["2026-01-31"] * 3), "brand": "Lumi",
        "search_type": "web", "filters": [np.nan] * 3, "kind": "page",
        "rank": [1, 2, 3], "term": ["a", "b", "a"],
        "clicks": pd.array([11, 1, 0], dtype="Int64"),
        "impressions": pd.array([250, 10, 10], dtype="Int64"), "position": [10.0, 2.0, 1.0],
    })  # fmt: skip
    out = _one_row_per_term(rows).set_index("term")
    assert out.loc["a", "clicks"] == 11 and out.loc["a", "impressions"] == 260
    assert out.loc["a", "position"] == pytest.approx((10 * 250 + 1 * 10) / 260)
    assert len(out) == 2 and out["filters"].isna().all()


def test_every_flight_of_the_period_is_measured_as_one_flight_alone(ws):
    """campaign_search_lifts is campaign_search_lift of each campaign; on the sample the planted
    Back to School lift is the largest, significant, and the summary says so in both languages."""
    from smmnb.narrative import campaigns as say

    flights = search.campaign_search_lifts(ws, "Lumi", start="2026-08-03", end="2026-10-31")
    measured = flights[flights["reason"].eq("")]
    assert set(measured["campaign"]) >= {"Back to School", "Cold Brew Season"}
    for row in measured.itertuples():
        alone = search.campaign_search_lift(ws, "Lumi", row.campaign, start="2026-08-03",
                                            end="2026-10-31")  # fmt: skip
        assert row.effect == pytest.approx(alone.result.effect)
        assert row.ci_low == pytest.approx(alone.result.ci_low)
    best = measured[measured["significant"].astype(bool)].sort_values("rel_change").iloc[-1]
    assert best["campaign"] == "Back to School" and best["rel_change"] > 0.2
    assert flights.loc[~flights["reason"].eq(""), "reason"].str.len().gt(20).all()
    text = say.search_lifts_summary(flights, "Lumi")
    assert text.startswith(
        "The largest lift of searches naming Lumi came with **Back to School** (15 Aug 2026 to "
        "05 Sep 2026): "
    )
    assert len(say.search_lifts_table(flights)) == len(measured)
    with i18n.use("vi"):
        vi = say.search_lifts_summary(flights, "Lumi")
        assert vi.startswith("Lượt tìm kiếm có tên Lumi tăng mạnh nhất khi chạy **Back to School**")
