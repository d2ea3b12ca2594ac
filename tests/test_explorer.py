"""The explorer's questions (smmnb.explorer), checked against independent pandas computations.

The widgets are driven here without a browser (ipywidgets run headless: setting a control's
value calls its observers); tests/browser drives the same explorer in JupyterLab.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import smmnb as smm
from smmnb import explorer as X
from smmnb import i18n
from smmnb.expectations import analyze, customer_comments
from smmnb.metrics import engagements

TZ = "Asia/Ho_Chi_Minh"


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    """A folder small enough to know every answer: two brands, replies, mentions, posts."""
    folder = tmp_path_factory.mktemp("tiny")
    comments = pd.DataFrame(
        {
            "comment_id": ["c1", "c2", "c3", "c4", "c5", "r1", "c6"],
            "brand": "Lumi",
            "platform": ["tiktok", "facebook", "tiktok", "tiktok", "facebook", "tiktok", "tiktok"],
            # UTC; 17:30 UTC on 1 Sep is 00:30 on 2 Sep in Ho Chi Minh City
            "created_at": ["2026-09-01T17:30:00Z", "2026-09-02T03:00:00Z", "2026-09-03T03:00:00Z",
                           "2026-09-08T03:00:00Z", "2026-09-09T03:00:00Z", "2026-09-08T04:00:00Z",
                           "2026-09-10T03:00:00Z"],
            "text": ["Giao hàng CHẬM quá", "giao hang cham qua", "ngon lắm", "ko ngon",
                     "giao hàng nhanh", "Dạ Lumi xin lỗi ạ", "gh chậm, đợi 2 tiếng"],
            "post_id": "p1",
            "parent_id": [None, None, None, None, None, "c4", None],
            "author": ["Lan", "Minh", "Lan", "Hoa", "Tuan", "Lumi", "Minh"],
            "author_is_brand": [False, False, False, False, False, True, False],
        }
    )  # fmt: skip
    mentions = pd.DataFrame(
        {
            "mention_id": ["m1", "m2", "m3", "m4"],
            "created_at": ["2026-09-02T03:00:00Z", "2026-09-02T05:00:00Z", "2026-09-03T03:00:00Z",
                           "2026-09-09T03:00:00Z"],
            "brand": ["Lumi", "Moc", "Moc", "Lumi"],
            "text": ["Lumi giao hàng chậm", "Moc ngon", "Moc ổn", "Lumi ngon"],
            "platform": "facebook",
        }
    )  # fmt: skip
    comments.to_csv(folder / "comments.csv", index=False)
    mentions.to_csv(folder / "mentions.csv", index=False)
    (folder / "smmnb.yml").write_text("timezone: Asia/Ho_Chi_Minh\nowner: Lumi\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return smm.load_workspace(folder)


@pytest.fixture(scope="module")
def rows(tiny):
    return X.conversations(tiny)


@pytest.fixture(scope="module")
def sample_rows(ws):
    return X.conversations(ws)


# -- conversations and find -----------------------------------------------------------------


def test_conversations_are_customer_texts_in_local_time_with_pseudonyms(rows):
    comments = rows[rows["source"] == "comment"]
    assert sorted(comments["id"]) == ["c1", "c2", "c3", "c4", "c5", "c6"]  # r1 is the brand's
    c1 = rows.set_index("id").loc["c1"]
    assert c1["time"] == pd.Timestamp("2026-09-02 00:30")  # local, not UTC
    assert c1["day"] == pd.Timestamp("2026-09-02")
    # pseudonyms in order of first appearance; the same author keeps hers; no real name shown
    by_id = rows.set_index("id")["author"]
    assert by_id["c1"] == by_id["c3"] == "Customer 1"  # Lan wrote first
    assert by_id["c2"] == by_id["c6"] == "Customer 2"  # Minh
    assert not set(rows["author"].dropna()) & {"Lan", "Minh", "Hoa", "Tuan"}
    # answered: c4 got the brand's reply; mentions have no answer to know
    answered = rows.set_index("id")["answered"]
    assert answered["c4"] is True or answered["c4"] == True  # noqa: E712
    assert answered[["c1", "c2", "c3", "c5", "c6"]].eq(False).all()
    assert answered[["m1", "m2", "m3", "m4"]].isna().all()


def test_search_ignores_diacritics_and_understands_teencode(rows):
    found = X.find(rows, "giao hang cham")
    assert set(found["id"]) == {"c1", "c2", "m1"}
    assert set(X.find(rows, "Giao Hàng Chậm")["id"]) == {"c1", "c2", "m1"}
    assert set(X.find(rows, "không")["id"]) == {"c4"}  # "ko" is teencode for không
    assert set(X.find(rows, "cham")["id"]) == {"c1", "c2", "m1", "c6"}  # whole words
    assert X.find(rows, "cha").empty
    assert set(X.find(rows, '"hang cham"')["id"]) == {"c1", "c2", "m1"}
    assert X.find(rows, '"cham hang"').empty  # a quoted phrase keeps its order


def test_find_filters_as_pandas_would(sample_rows):
    r = sample_rows
    found = X.find(
        r,
        "giao hang",
        brand="Lumi",
        platforms=["tiktok"],
        sentiment="negative",
        theme="delivery",
        start="2026-09-01",
        end="2026-09-30",
        source="comment",
    )
    day = r["time"].dt.normalize()
    words = r["folded"].str.split().map(set)
    expected = r[(r["brand"] == "Lumi") & (r["platform"] == "tiktok")
                 & (r["sentiment"] == "negative") & r["theme_delivery"]
                 & (day >= "2026-09-01") & (day <= "2026-09-30") & (r["source"] == "comment")
                 & words.map(lambda w: {"giao", "hang"} <= w)]  # fmt: skip
    assert len(found) > 10
    assert sorted(found.index) == sorted(expected.index)
    assert found["time"].is_monotonic_decreasing
    unanswered = X.find(r, answered=False, source="comment", brand="Lumi")
    assert len(unanswered) == int((r["answered"] == False).sum())  # noqa: E712
    assert X.find(r, sort="negative")["score"].is_monotonic_increasing


def test_find_refuses_what_it_does_not_know(rows):
    with pytest.raises(ValueError, match="no theme 'weather'"):
        X.find(rows, theme="weather")
    with pytest.raises(ValueError, match="sort must be one of"):
        X.find(rows, sort="loudest")


def test_why_names_the_words_that_decided():
    assert X.why("ngon nhưng giao chậm quá") == "giao chậm \u22123.0, ngon +0.5"
    assert X.why("hôm nay thứ hai") == ""


# -- over time and behind ---------------------------------------------------------------------


def _week(day: pd.Series) -> pd.Series:
    return day - pd.to_timedelta(day.dt.day_of_week, unit="D")


def test_comment_counts_and_negative_share_by_week(ws, sample_rows):
    series = X.over_time(ws, "negative_share", by="week", split="platform", rows=sample_rows,
                         brand="Lumi", start="2026-08-03", end="2026-10-31")  # fmt: skip
    customer = customer_comments(ws.comments)
    labels = analyze(customer)["sentiment"]
    local = customer["created_at"].dt.tz_convert(TZ).dt.tz_localize(None).dt.normalize()
    keep = (local >= "2026-08-03") & (local <= "2026-10-31")
    frame = pd.DataFrame({"week": _week(local), "platform": customer["platform"].astype(str),
                          "negative": labels == "negative"})[keep]  # fmt: skip
    expected = frame.groupby(["week", "platform"])["negative"].agg(["mean", "size", "sum"])
    got = series.set_index(["period", "group"])
    # every week of every platform is a row; a week without a comment has no rate
    assert got["value"].isna().sum() == len(got) - len(expected)
    got = got.dropna(subset=["value"])
    assert len(got) == len(expected)
    np.testing.assert_allclose(got["value"], expected["mean"].reindex(got.index))
    np.testing.assert_array_equal(got["denominator"], expected["size"].reindex(got.index))
    counts = X.over_time(ws, "comments", by="week", split="total", rows=sample_rows,
                         brand="Lumi", start="2026-08-03", end="2026-10-31")  # fmt: skip
    assert counts["value"].sum() == keep.sum()


def test_engagement_rate_is_pooled_per_day_and_counts_fill_zeros(ws):
    series = X.over_time(ws, "er_reach", by="day", split="platform", brand="Lumi")
    posts = ws.posts
    day = posts["published_at"].dt.tz_convert(TZ).dt.tz_localize(None).dt.normalize()
    e = engagements(posts)
    both = e.notna() & posts["reach"].notna()
    frame = pd.DataFrame(
        {
            "period": day,
            "group": posts["platform"].astype(str),
            "e": e.where(both),
            "r": posts["reach"].astype("float64").where(both),
        }
    )
    sums = frame.groupby(["period", "group"])[["e", "r"]].sum()
    expected = (sums["e"] / sums["r"].where(sums["r"] > 0)).dropna()
    got = series.set_index(["period", "group"])["value"].dropna()
    np.testing.assert_allclose(got.sort_index(), expected.reindex(got.index).sort_index())
    # a day without posts is 0 posts, but no engagement rate (not 0%)
    count = X.over_time(ws, "posts", by="day", split="total", brand="Lumi")
    days = pd.date_range(day.min(), day.max(), freq="D")
    assert list(count["period"]) == list(days)
    assert count["value"].sum() == len(posts)
    quiet = count.loc[count["value"] == 0, "period"]
    if len(quiet):
        rate = X.over_time(ws, "er_reach", by="day", split="total", brand="Lumi")
        assert rate.set_index("period").loc[quiet, "value"].isna().all()


def test_spend_and_cpa_by_week(ws):
    spend = X.over_time(ws, "spend", by="week", split="platform")
    ads = ws.ads
    week = _week(ads["date"])
    expected = ads.groupby([week, ads["platform"].astype(str)])["spend"].sum()
    got = spend.set_index(["period", "group"])["value"]
    assert got.sum() == pytest.approx(ads["spend"].sum())
    assert got.reindex(expected.index).to_numpy() == pytest.approx(expected.to_numpy())
    cpa = X.over_time(ws, "cpa", by="week", split="total").set_index("period")["value"]
    totals = ads.groupby(week)[["spend", "conversions"]].sum()
    ok = totals["conversions"] > 0
    assert cpa[ok.index[ok]].to_numpy() == pytest.approx(
        (totals["spend"] / totals["conversions"])[ok].to_numpy()
    )


def test_share_of_voice_is_each_brands_share_of_all_mentions(tiny, rows):
    voice = X.over_time(tiny, "share_of_voice", by="week", rows=rows)
    week = voice.set_index(["period", "group"])["value"]
    # week of 31 Aug: Lumi 1, Moc 2; week of 7 Sep: Lumi 1, Moc 0
    assert week[(pd.Timestamp("2026-08-31"), "Lumi")] == pytest.approx(1 / 3)
    assert week[(pd.Timestamp("2026-08-31"), "Moc")] == pytest.approx(2 / 3)
    assert week[(pd.Timestamp("2026-09-07"), "Lumi")] == pytest.approx(1.0)
    only = X.over_time(tiny, "share_of_voice", by="week", rows=rows, brand="Lumi")
    assert set(only["group"]) == {"Lumi"}


def test_behind_a_point_are_the_rows_it_was_computed_from(ws, sample_rows):
    f = X.Filters.of("Lumi", None, "2026-08-03", "2026-10-31")
    series = X.over_time(ws, "negative_share", by="week", rows=sample_rows, filters=f)
    for _i, point in series.dropna(subset=["value"]).sample(5, random_state=1).iterrows():
        rows = X.behind(ws, "negative_share", point["period"], point["group"], by="week",
                        rows=sample_rows, filters=f)  # fmt: skip
        assert len(rows) == point["denominator"]
        assert (rows["sentiment"] == "negative").sum() == point["numerator"]
        assert rows["score"].is_monotonic_increasing  # the most negative first
    spend = X.over_time(ws, "spend", by="day", split="platform", filters=f)
    point = spend.sort_values("value").iloc[-1]
    ads = X.behind(ws, "spend", point["period"], point["group"], by="day", split="platform",
                   filters=f)  # fmt: skip
    assert ads["spend"].sum() == pytest.approx(point["value"])
    posts = X.behind(ws, "posts", "2026-09-14", "tiktok", by="week", filters=f)
    count = X.over_time(ws, "posts", by="week", filters=f).set_index(["period", "group"])
    assert len(posts) == count.loc[(pd.Timestamp("2026-09-14"), "tiktok"), "value"]


def test_post_comparisons_agree_with_top_posts(ws):
    every = X.post_comparisons(ws)
    top = smm.trends.top_posts(ws.posts, n=3, metric=None, tz=ws.timezone)
    merged = top.merge(every, on="post_id", suffixes=("_top", ""))
    assert len(merged) == len(top)
    for column in ("value", "median", "ratio", "percentile", "comparable"):
        np.testing.assert_allclose(merged[f"{column}_top"].astype(float),
                                   merged[column].astype(float))  # fmt: skip
    # one post recomputed by hand: the median of its group's other posts
    post = every[every["compared"]].iloc[0]
    same = ws.posts[(ws.posts["platform"] == post["platform"])
                    & (ws.posts["format"] == post["format"])
                    & (ws.posts["post_id"] != post["post_id"])]  # fmt: skip
    rate = (engagements(same) / same["reach"]).dropna()
    assert post["median"] == pytest.approx(rate.median())
    assert post["percentile"] == pytest.approx(
        ((rate < post["value"]).sum() + 0.5 * (rate == post["value"]).sum()) / len(rate)
    )


# -- the widgets, headless ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def explorer(ws):
    return X.Explorer(ws, brand="Lumi", start="2026-08-03", end="2026-10-31")


def _plain(html_text: str) -> str:
    return re.sub(r"<[^>]+>", " ", html_text)


def test_controls_show_what_find_returns(explorer):
    ex = explorer
    ex.search.value = "giao hang cham"
    expected = X.find(ex.rows, "giao hang cham", brand="Lumi", start="2026-08-03",
                      end="2026-10-31")  # fmt: skip
    assert ex.found.index.equals(expected.index)
    pages = -(-len(expected) // 20)
    assert _plain(ex.count.value).strip() == f"20 of {len(expected)} · page 1 of {pages}"
    assert ex.next_page.layout.display is None  # several pages: the buttons show
    ex.next_page.click()
    assert "page 2 of" in ex.count.value
    assert (
        expected["text"].iloc[20] in ex.results.value
        or expected["text"].iloc[20].replace("&", "&amp;") in ex.results.value
    )
    ex.platform.value = "tiktok"
    ex.sentiment.value = "negative"
    expected = X.find(ex.rows, "giao hang cham", brand="Lumi", platforms=["tiktok"],
                      sentiment="negative", start="2026-08-03", end="2026-10-31")  # fmt: skip
    assert ex.found.index.equals(expected.index)
    assert "page 1 of" in ex.count.value  # a new filter starts at the first page
    ex.search.value = "zzzz không có"
    assert "Nothing matches these filters." in ex.count.value
    ex.search.value, ex.sentiment.value, ex.platform.value = "", "", ""


def test_the_chart_and_its_click(explorer):
    ex = explorer
    ex.metric.value = "comments"
    ex.by.value = "week"
    ex.split.value = "platform"
    groups = sorted(ex.series["group"].unique())
    assert [t.name for t in ex.chart.data] == [smm.names.platform_name(g) for g in groups]
    trace = ex.chart.data[0]
    i = int(np.argmax(trace.y))
    rows = ex.show_behind(trace.x[i], trace.customdata[i][0])
    assert len(rows) == trace.y[i]
    assert f"of {len(rows):,}" in ex.clicked_count.value
    assert "week of" in ex.clicked_count.value


def test_posts_view_puts_the_best_of_the_filter_first(explorer):
    ex = explorer
    ex.platform.value = "instagram"
    shown = ex.posts_found
    assert (shown["platform"] == "instagram").all()
    best = shown[shown["compared"]].sort_values("ratio", ascending=False).iloc[0]
    assert _plain(ex.best_worst.value).index(best["text"][:30]) < _plain(ex.best_worst.value).index(
        "Worst of this filter"
    )
    ex.platform.value = ""


def test_no_page_shows_nan(explorer):
    ex = explorer
    for _label, metric in ex.metric.options:
        ex.metric.value = metric
        for by in ("day", "week"):
            ex.by.value = by
            points = ex.series.dropna(subset=["value"])
            if len(points):
                last = points.iloc[-1]
                ex.show_behind(last["period"], last["group"])
                for html_text in (ex.clicked_count.value, ex.clicked_rows.value,
                                  ex.definition.value):  # fmt: skip
                    assert not re.search(r"\b(nan|NaN|None|NaT)\b", _plain(html_text)), metric
    for view in (ex.results.value, ex.best_worst.value, ex.post_rows.value):
        assert not re.search(r"\b(nan|NaN|None|NaT)\b", _plain(view))


def test_a_saved_copy_says_it_needs_a_kernel(explorer):
    bundle = explorer._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert "open this notebook in JupyterLab" in bundle["text/plain"]
    assert "open this notebook in JupyterLab" in bundle["text/html"]


def test_vietnamese_controls(ws):
    with i18n.use("vi"):
        ex = X.Explorer(ws, brand="Lumi", start="2026-10-01", end="2026-10-31")
        ex.search.value = "giao hang cham"
        n = len(X.find(ex.rows, "giao hang cham", brand="Lumi", start="2026-10-01",
                       end="2026-10-31"))  # fmt: skip
        assert _plain(ex.count.value).strip().startswith(f"20 / {n}")
        assert ex.tabs.get_title(0) == "Bình luận và lượt nhắc đến"
        assert "Khách hàng 1" in set(ex.rows["author"])
        assert "tiêu cực" in ex.results.value


def test_a_folder_with_comments_only(tiny):
    ex = X.Explorer(tiny)
    codes = [code for _label, code in ex.metric.options]
    assert codes == ["comments", "negative_share", "net_sentiment", "mentions", "share_of_voice"]
    assert ex.best_worst.value == "This folder holds no posts."
    assert ex.post_count.value == "This folder holds no posts."
    # one page: no Previous and Next; nothing clicked yet: none either
    assert ex.next_page.layout.display == ex.prev_page.layout.display == "none"
    assert ex.clicked_next.layout.display == "none"
    ex.answered.value = "no"
    assert set(ex.found["id"]) == {"c1", "c2", "c3", "c5", "c6"}


def test_with_a_model_the_row_says_the_model_decided(tiny):
    from smmnb.expectations import train_from_labels

    labels = Path(__file__).resolve().parent / "data" / "sentiment_eval.csv"
    ex = X.Explorer(tiny, model=train_from_labels(labels))
    shown = len(ex.found.head(20))
    assert _plain(ex.results.value).count("model trained on your labels: ") == shown
    first = ex.found.iloc[0]
    assert f"model trained on your labels: {first['score']:+.2f}" in _plain(ex.results.value)


# -- every workspace of the matrix ---------------------------------------------------------------

LEAK = re.compile(r"(?<![\w/.-])(nan|inf|NaN|None|NaT)(?![\w/-])")


@pytest.fixture(scope="module")
def explorers(tmp_path_factory):
    """One explorer per folder of the matrix (the cases then only set its filters)."""
    from tests.workspaces import build

    root = tmp_path_factory.mktemp("folders")
    made = {}

    def get(folder: str):
        if folder not in made:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                made[folder] = smm.explore(build(folder, root))
        return made[folder]

    return get


def _pages(ex) -> list[str]:
    return [
        ex.count.value,
        ex.results.value,
        ex.definition.value,
        ex.clicked_count.value,
        ex.clicked_rows.value,
        ex.best_worst.value,
        ex.post_count.value,
        ex.post_rows.value,
    ]


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in __import__(
    "tests.workspaces", fromlist=["CASES"]).CASES])  # fmt: skip
def test_the_explorer_on_every_workspace(case, explorers):
    """Every case of the any-workspace matrix: the filters a notebook would pass, every metric,
    a click on the last point of each; nothing crashes and no page shows nan."""
    ex = explorers(case.folder)
    language = case.parameters.get("language", "en")
    with i18n.use(language):
        brand = case.parameters.get("brand", "") or (ex.ws.owner or "")
        ex.brand.value = brand if brand in ex.ws.brands else ""
        platforms = case.parameters.get("platforms", [])
        ex.platform.value = platforms[0] if platforms and platforms[0] in [
            v for _l, v in ex.platform.options] else ""  # fmt: skip
        first, last = ex.ws.coverage()
        if "start" in case.parameters:
            ex.start.value = pd.Timestamp(case.parameters["start"]).date()
            ex.end.value = pd.Timestamp(case.parameters["end"]).date()
        expected = X.find(ex.rows, **{**ex.query(), "filters": ex.filters})
        assert ex.found.index.equals(expected.index)
        for _label, metric in ex.metric.options:
            ex.metric.value = metric
            points = ex.series.dropna(subset=["value"])
            if len(points):
                ex.show_behind(points["period"].iloc[-1], points["group"].iloc[-1])
            for page in _pages(ex):
                assert not LEAK.search(_plain(page)), (metric, _plain(page)[:300])
        ex.start.value, ex.end.value = (first.date() if first is not None else None,
                                        last.date() if last is not None else None)  # fmt: skip


def test_punctuation_handles_and_open_quotes_in_a_search(rows):
    assert set(X.find(rows, "giao hàng, chậm!")["id"]) == set(X.find(rows, "giao hang cham")["id"])
    assert set(X.find(rows, "ngon.")["id"]) == set(X.find(rows, "ngon")["id"]) != set()
    assert set(X.find(rows, '"giao hang')["id"]) == set(X.find(rows, "giao hang")["id"])
    # nothing to look for is not "everything"
    assert not X.searchable("@Lan") and not X.searchable("!!!") and X.searchable("❤")
    assert X.find(rows, "@Lan").empty
    assert len(X.find(rows, "")) == len(rows)


def test_every_post_is_listed_and_counted(ws):
    every = X.post_comparisons(ws)
    assert len(every) == len(ws.posts)  # posts without reach nor impressions are listed too
    ranked = smm.trends.top_posts(ws.posts, n=len(ws.posts), metric=None, tz=ws.timezone)
    assert every["value"].notna().sum() == len(ranked)
    f = X.Filters.of("Lumi", None, "2026-08-03", "2026-10-31")
    count = X.over_time(ws, "posts", by="week", filters=f).set_index(["period", "group"])
    for (period, group), value in count["value"].head(12).items():
        assert len(X.behind(ws, "posts", period, group, by="week", posts=every, filters=f)) == value


def test_rates_say_what_they_are_over(ws):
    f = X.Filters.of("Lumi", ["tiktok"], "2026-09-01", "2026-09-30")
    er = X.over_time(ws, "er_reach", by="week", filters=f).dropna(subset=["value"])
    posts = ws.posts[(ws.posts["platform"] == "tiktok")]
    day = posts["published_at"].dt.tz_convert(TZ).dt.tz_localize(None).dt.normalize()
    both = engagements(posts).notna() & posts["reach"].notna()
    week = _week(day)
    for _i, point in er.iterrows():
        in_week = (week == point["period"]) & (day >= "2026-09-01") & (day <= "2026-09-30")
        assert point["denominator"] == (both & in_week).sum()
    ctr = X.over_time(ws, "ctr", by="week", split="total", filters=f).dropna(subset=["value"])
    ads = ws.ads[(ws.ads["platform"] == "tiktok") & (ws.ads["date"] >= "2026-09-01")
                 & (ws.ads["date"] <= "2026-09-30")]  # fmt: skip
    assert ctr["denominator"].sum() == ads["impressions"].sum()


def test_no_zeros_before_the_export_begins(tiny, rows):
    counts = X.over_time(tiny, "comments", by="week", split="total", rows=rows,
                         start="2026-07-01", end="2026-09-30")  # fmt: skip
    assert counts["period"].min() == pd.Timestamp("2026-08-31")  # the week of the first comment
    assert counts["period"].max() == pd.Timestamp("2026-09-07")  # the week of the last


def test_ads_in_two_currencies_are_drawn_apart_and_clicked_apart(tmp_path):
    ads = pd.DataFrame({
        "date": ["2026-09-01", "2026-09-01", "2026-09-02"], "brand": "Lumi",
        "platform": "facebook", "campaign": "c", "ad": ["vn", "us", "vn"],
        "spend": [100.0, 5.0, 300.0],
        "currency": ["VND", "USD", "VND"], "impressions": [1000, 50, 2000],
        "clicks": [10, 1, 30], "conversions": [1.0, 0.0, 3.0],
    })  # fmt: skip
    ads.to_csv(tmp_path / "ads.csv", index=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        two = smm.load_workspace(tmp_path)
    spend = X.over_time(two, "spend", by="week", split="platform")
    got = spend.set_index(["currency"])["value"]
    assert got["VND"] == 400.0 and got["USD"] == 5.0
    rows = X.behind(two, "spend", "2026-08-31", "facebook", by="week", currency="USD")
    assert rows["spend"].tolist() == [5.0]
    ex = X.Explorer(two)
    ex.metric.value = "spend"
    names = sorted(t.name for t in ex.chart.data)
    assert names == ["Facebook (USD)", "Facebook (VND)"]
    trace = next(t for t in ex.chart.data if t.name == "Facebook (USD)")
    group, _text, currency, _when = trace.customdata[0]
    assert ex.show_behind(trace.x[0], group, currency=currency)["spend"].sum() == 5.0


def test_the_notebooks_several_platforms_are_kept(ws):
    ex = X.Explorer(ws, brand="Lumi", platforms=["tiktok", "facebook"], start="2026-10-01",
                    end="2026-10-31")  # fmt: skip
    assert ex.platform.value == ("tiktok", "facebook")
    assert set(ex.found["platform"]) == {"tiktok", "facebook"}


def test_vietnamese_reasons_and_titles(ws):
    with i18n.use("vi"):
        reasons = X.why("app báo giao rồi mà mình không dùng được gì hết")
        assert "(" in reasons and "(cannot" not in reasons and "(nothing" not in reasons
        for code in smm.text.lexicon.pattern_names():
            assert X.queries._pattern_name(code) != f"({code})"  # every pattern has a name
        ex = X.Explorer(ws, brand="Lumi", start="2026-10-01", end="2026-10-31")
        assert "Tốt nhất" in ex.best_worst.value and "Kém nhất" in ex.best_worst.value
