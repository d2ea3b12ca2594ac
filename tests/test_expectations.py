"""expectations: normalisation, sentiment, themes, intents, response times and gaps."""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from statsmodels.stats.proportion import proportions_ztest

from smmnb import expectations as E
from smmnb.errors import InsufficientData
from smmnb.text import lexicon as TS
from smmnb.workspace import Workspace

EVAL = Path(__file__).parent / "data" / "sentiment_eval.csv"


def labels(texts):
    return E.sentiment(texts)["label"].tolist()


def test_normalize_cleans_and_expands_teencode():
    norm = E.normalize(["Ko dc ship @lumi.vn https://x.co/a 😍", "Giao HÀNG chậm"])
    assert norm.loc[0, "text"] == "không được ship 😍"
    assert norm.loc[1, "folded"] == "giao hang cham"
    assert norm["has_marks"].tolist() == [False, True]
    assert E.normalize(["giá 5k thôi"]).loc[0, "text"] == "giá 5k thôi"  # 5k is money


def test_detect_language():
    langs = E.detect_language(["Cà phê ngon", "ship nhanh qua shop oi", "Love this place",
                               "12345"]).tolist()  # fmt: skip
    assert langs == ["vi", "vi", "en", "other"]


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("ngon", "positive"),
        ("không ngon", "negative"),
        ("ko ngon", "negative"),
        ("khong ngon", "negative"),
        ("chẳng ngon chút nào", "negative"),
        ("good", "positive"),
        ("not good", "negative"),
        ("not bad at all", "positive"),
        ("ngon nhưng giao chậm quá", "negative"),
        ("giao hơi chậm nhưng cà phê rất ngon", "positive"),
        ("pricey but worth every penny", "positive"),
        ("đợi 2 tiếng chưa thấy giao", "negative"),
        ("still waiting for my refund", "negative"),
        ("flight delayed 3 hours, no one at the desk", "negative"),
        ("😍😍", "positive"),
        ("😡", "negative"),
        ("có ship quận 7 không ạ?", "neutral"),
        ("what time do you open on sunday?", "neutral"),
    ],
)
def test_sentiment_cases(text, label):
    assert labels([text]) == [label], E.sentiment([text]).iloc[0].to_dict()


def test_intensity_order_and_exclamation():
    s = E.sentiment(["hơi ngon", "ngon", "rất ngon", "ngon quá", "ngon!!!"])["score"].tolist()
    assert s[0] < s[1] < s[2]
    assert s[3] > s[1] and s[4] > s[1]
    assert all(-1 < v < 1 for v in s)


def test_sentiment_is_aligned_and_handles_missing():
    texts = pd.Series(["tệ quá", None, ""], index=[10, 11, 12])
    out = E.sentiment(texts)
    assert list(out.index) == [10, 11, 12]
    assert out.loc[11, "label"] == "neutral" and out.loc[11, "score"] == 0


def test_themes_accent_insensitive_and_extensible():
    t = E.themes(["giao hang cham qua", "Giao hàng chậm quá", "app lỗi không đặt được",
                  "the latte was great"])  # fmt: skip
    assert t.loc[0, "delivery"] and t.loc[1, "delivery"]
    assert t.loc[2, "app_website"]
    assert not t.loc[3].any() or t.loc[3, "taste_quality"]
    custom = E.themes(["wifi yếu quá", "ok"], {"wifi": ["wifi", "mạng"]})
    assert custom["wifi"].tolist() == [True, False]


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("có ship quận 7 không ạ?", "question"),
        ("cho mình hỏi mấy giờ quán đóng cửa", "question"),
        ("do you deliver to district 2?", "question"),
        ("shop ơi mở thêm chi nhánh ở Thủ Đức đi", "request"),
        ("please bring back the oat milk option", "request"),
        ("đợi 2 tiếng chưa thấy giao", "complaint"),
        ("sao đơn của mình chưa giao vậy??", "complaint"),
        ("cà phê ngon quá 😍", "praise"),
        ("@Linh ơi quán này nè", "other"),
    ],
)
def test_intents(text, intent):
    assert E.intents([text]).tolist() == [intent]


def _thread():
    # 23:30 in Ho Chi Minh City is 16:30 UTC; the reply at 00:15 the next local day is
    # 45 minutes later whatever the time zone.
    t0 = pd.Timestamp("2026-09-01 16:30", tz="UTC")
    rows = [
        ("c1", t0, None, False, "facebook"),
        ("r1", t0 + pd.Timedelta(minutes=45), "c1", True, "facebook"),
        ("r1b", t0 + pd.Timedelta(hours=5), "c1", True, "facebook"),
        ("c2", t0, None, False, "tiktok"),
        ("r2", t0 + pd.Timedelta(hours=3), "c2", True, "tiktok"),
        ("c3", t0, None, False, "tiktok"),
        ("r3", t0 - pd.Timedelta(minutes=5), "c3", True, "tiktok"),  # before: not an answer
    ]
    return pd.DataFrame(rows, columns=["comment_id", "created_at", "parent_id",
                                       "author_is_brand", "platform"])  # fmt: skip


def test_response_times_sla_arithmetic():
    rt = E.response_times(_thread(), sla="1h").set_index("comment_id")
    assert list(rt.index) == ["c1", "c2", "c3"]  # brand replies are not customer comments
    assert rt.loc["c1", "delay"] == pd.Timedelta(minutes=45)  # the first reply counts
    assert rt.loc["c1", "within_sla"] and rt.loc["c2", "answered"]
    assert not rt.loc["c2", "within_sla"] and rt.loc["c2", "delay_hours"] == 3
    assert not rt.loc["c3", "answered"]
    local = rt["created_at"].dt.tz_convert("Asia/Ho_Chi_Minh")
    assert local.loc["c1"].hour == 23 and rt.loc["c1", "replied_at"].tz_convert(
        "Asia/Ho_Chi_Minh").day == 2  # fmt: skip
    summary = E.response_summary(rt).set_index("platform")
    assert summary.loc["tiktok", "response_rate"] == 0.5
    assert summary.loc["facebook", "within_sla"] == 1.0
    assert summary.loc["tiktok", "median_hours"] == 3
    with pytest.raises(ValueError, match="sla"):
        E.response_times(_thread(), sla="soon")


def test_expectation_gaps_counts_and_change_test():
    now = pd.DataFrame({
        "text": [f"t{i}" for i in range(10)],
        "sentiment": ["negative"] * 6 + ["positive"] * 4,
        "score": np.linspace(-0.9, 0.5, 10),
        "intent": ["complaint"] * 6 + ["question", "request", "praise", "praise"],
        "theme_delivery": [True] * 10,
        "answered": [False] * 5 + [True] * 5,
        "delay_hours": [np.nan] * 5 + [1.0, 2.0, 3.0, 4.0, 5.0],
    })  # fmt: skip
    before = now.assign(sentiment=["negative"] * 2 + ["positive"] * 8)
    gaps = E.expectation_gaps(now, before).iloc[0]
    assert gaps["theme"] == "delivery" and gaps["comments"] == 10
    assert gaps["share_negative"] == 0.6 and gaps["share_asking"] == 0.2
    assert gaps["unanswered"] == 0.5 and gaps["median_hours"] == 3.0
    assert gaps["previous_share_negative"] == 0.2
    assert gaps["p_value"] == pytest.approx(proportions_ztest([6, 2], [10, 10])[1])
    assert gaps["quotes"] == ["t0", "t1", "t2"]
    # A theme nobody mentions: no rows, with the columns and dtypes of a row.
    none = E.expectation_gaps(now.assign(theme_delivery=False), before)
    full = E.expectation_gaps(now, before)
    assert none.empty and none.dtypes.to_dict() == full.dtypes.to_dict()


@pytest.mark.skipif(not EVAL.exists(), reason="evaluation set not present")
def test_lexicon_on_the_hand_labelled_evaluation_set():
    from sklearn.metrics import accuracy_score, f1_score

    data = pd.read_csv(EVAL)
    assert len(data) >= 300 and set(data["lang"]) == {"vi", "en"}
    predicted = E.sentiment(data["text"])["label"]
    accuracy = accuracy_score(data["label"], predicted)
    macro_f1 = f1_score(data["label"], predicted, average="macro")
    for lang, part in data.groupby("lang"):
        f1 = f1_score(part["label"], predicted[part.index], average="macro")
        assert f1 > 0.6, (lang, f1)
    assert accuracy > 0.65 and macro_f1 > 0.65, (accuracy, macro_f1)


def test_sentiment_model_beats_plain_tfidf_on_held_out_data(generated):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score
    from sklearn.model_selection import train_test_split
    from sklearn.pipeline import make_pipeline

    comments = generated.tables["comments"]
    truth = generated.truth["comments"].set_index("comment_id")
    customer = comments[comments["comment_id"].isin(truth.index)].sample(4000, random_state=1)
    y = truth.loc[customer["comment_id"], "sentiment"].to_numpy()
    x_train, x_test, y_train, y_test = train_test_split(
        customer["text"].tolist(), y, test_size=0.3, random_state=0, stratify=y
    )
    ours = E.SentimentModel().fit(x_train, y_train)
    plain = make_pipeline(TfidfVectorizer(), LogisticRegression(max_iter=1000)).fit(
        x_train, y_train
    )
    f1_ours = f1_score(y_test, ours.predict(x_test), average="macro")
    f1_plain = f1_score(y_test, plain.predict(x_test), average="macro")
    assert f1_ours >= f1_plain, (f1_ours, f1_plain)
    proba = ours.predict_proba(x_test[:5])
    assert list(proba.columns) == ours.classes_ and np.allclose(proba.sum(axis=1), 1)


def test_sentiment_model_evaluate_save_load(tmp_path, generated):
    comments = generated.tables["comments"]
    truth = generated.truth["comments"].set_index("comment_id")
    customer = comments[comments["comment_id"].isin(truth.index)].head(600)
    y = truth.loc[customer["comment_id"], "sentiment"].tolist()
    model = E.SentimentModel()
    result = model.evaluate(customer["text"], y, folds=3)
    assert set(result["confusion"].index) == set(y)
    assert result["confusion"].to_numpy().sum() == len(y)
    # macro-F1 and accuracy from the confusion matrix by hand (rows true, columns predicted)
    cm = result["confusion"].to_numpy()
    tp = np.diag(cm)
    f1 = 2 * tp / (cm.sum(axis=0) + cm.sum(axis=1))
    assert result["macro_f1"] == pytest.approx(f1.mean(), abs=1e-12)
    assert result["accuracy"] == pytest.approx(tp.sum() / cm.sum(), abs=1e-12)
    # and it learns: better than always answering the most common label
    majority = pd.Series(y).value_counts(normalize=True).iloc[0]
    assert result["macro_f1"] > 2 * majority / (1 + majority) / len(cm)
    model.fit(customer["text"], y)
    path = tmp_path / "model.joblib"
    model.save(path)
    again = E.SentimentModel.load(path)
    assert again.predict(customer["text"].head(20)).tolist() == model.predict(
        customer["text"].head(20)).tolist()  # fmt: skip
    with pytest.raises(ValueError, match="not trained"):
        E.SentimentModel().predict(["x"])
    as_engine = E.sentiment(customer["text"].head(20), engine=model)
    assert as_engine["label"].tolist() == model.predict(customer["text"].head(20)).tolist()
    proba = model.predict_proba(customer["text"].head(20))
    assert as_engine["score"].to_numpy() == pytest.approx(
        (proba["positive"] - proba["negative"]).to_numpy()
    )


def test_discover_themes_is_deterministic(generated):
    texts = generated.tables["comments"]["text"].head(3000)
    a = E.discover_themes(texts, n=5, seed=1)
    b = E.discover_themes(texts, n=5, seed=1)
    pd.testing.assert_frame_equal(a, b)
    assert len(a) == 5
    # The sizes are checked against counts known by construction in test_themes.py
    # (test_discovered_theme_sizes_equal_the_topics_the_texts_were_written_from).


def test_sample_spike_week_is_negative_about_delivery(ws):
    lumi = ws.filter(brand="Lumi", start="2026-08-15", end="2026-10-15")
    mentions = E.analyze(lumi.mentions[lumi.mentions["brand"] == "Lumi"])
    day = mentions["created_at"].dt.tz_convert(ws.timezone).dt.tz_localize(None).dt.normalize()
    spike = mentions[day == pd.Timestamp("2026-09-18")]
    far = mentions[(day - pd.Timestamp("2026-09-18")).abs() > pd.Timedelta(days=3)]
    assert (spike["sentiment"] == "negative").mean() > 0.6
    assert (spike["sentiment"] == "negative").mean() > 2.5 * (far["sentiment"] == "negative").mean()
    assert spike["theme_delivery"].mean() > 2 * far["theme_delivery"].mean()


def test_sample_tiktok_questions_go_unanswered(ws):
    lumi = ws.filter(brand="Lumi")
    analyzed = E.analyze(lumi.comments)
    rt = E.response_times(analyzed)
    questions = rt[rt["intent"] == "question"]
    summary = E.response_summary(questions).set_index("platform")
    assert summary["response_rate"].idxmin() == "tiktok"
    assert summary.loc["tiktok", "response_rate"] < 0.45
    assert summary.loc["tiktok", "median_hours"] > 3 * summary.drop("tiktok")["median_hours"].max()


def test_sample_sentiment_differs_by_platform(ws):
    lumi = ws.filter(brand="Lumi")
    customer = lumi.comments[~lumi.comments["author_is_brand"]]
    scored = E.sentiment(customer["text"])
    net = ((scored["label"] == "positive").astype(int) - (scored["label"] == "negative")).groupby(
        customer["platform"].astype(str)).mean()  # fmt: skip
    assert net["instagram"] > net["tiktok"] + 0.2


def test_empty_comments_analyse_to_an_empty_table():
    ws = Workspace({})
    out = E.analyze(ws.comments)
    assert out.empty and {"sentiment", "score", "intent", "theme"} <= set(out.columns)
    assert E.response_times(ws.comments).empty


def _reference_score(words: list[str], marked: bool, vietnamese: bool, lexicons, mods) -> float:
    """The documented scoring rules, token by token in plain Python."""
    accented, folded, vi_only = lexicons
    folded_words = [w.translate(TS.FOLD_TABLE) for w in words]
    forms = words if marked else folded_words
    lists = {name: mods[name] if marked else mods[f"{name}@folded"]
             for name in ("negators", "boosters", "contrast", "suggestion")}  # fmt: skip
    n = len(words)
    ends = [w in ".,!?;:" for w in forms]
    covered, terms = [False] * n, {}
    for size in range(6, 0, -1):  # longest phrases first; same-size overlaps both count
        found = {}
        for i in range(n - size + 1):
            key = tuple(words[i : i + size])
            value = accented.get(key) if marked else None
            if value is not None and not vietnamese and key in vi_only:
                value = None
            if value is None:
                key = tuple(forms[i : i + size])
                value = folded.get(key)
                if value is not None and not vietnamese and key in vi_only:
                    value = None
            if value is not None and not any(covered[i : i + size]):
                found[i] = value
        for i, value in found.items():
            covered[i : i + size] = [True] * size
            terms[i] = value
    contrast = [j for j in range(n) if forms[j] in lists["contrast"]]
    for i, value in terms.items():
        negated = False
        for k in (1, 2, 3):
            j = i - k
            if j < 0 or any(ends[m] for m in range(j + 1, i + 1)):
                break
            if forms[j] in lists["negators"] and not covered[j]:
                negated = not negated
        if not (words[i][:1].isalpha() or words[i][:1].isdigit()):
            negated = False  # an emoji is never negated
        for j in (i - 1, i + 1):
            if 0 <= j < n and forms[j] in lists["boosters"]:
                value *= lists["boosters"][forms[j]]
        value *= -0.74 if negated else 1.0
        if contrast:
            value *= 1.5 if i > contrast[-1] else 0.5
        terms[i] = value
    # praise inside a clear complaint counts less
    if any(v <= TS._COMPLAINT_TERM for v in terms.values()):
        terms = {i: v * TS._PRAISE_IN_COMPLAINT if v > 0 else v for i, v in terms.items()}
    patterns = 0.0
    # a wish: the first marker before any praise, not followed by a negator
    first_praise = min([i for i, v in terms.items() if v > 0], default=n)
    wishes = [
        j for j in range(n)
        if forms[j] in lists["suggestion"] and not covered[j] and j < first_praise
        and not (j + 1 < n and forms[j + 1] in lists["negators"])
    ]  # fmt: skip
    if wishes:
        patterns += -0.8
        for i, v in list(terms.items()):
            opened = [j for j in wishes if j < i and not any(ends[m] for m in range(j + 1, i + 1))]
            if v > 0 and opened:
                terms[i] = v * -0.74
    # excess before a plain word; "hơi" takes a positive word back
    excess = [0.0]
    for j in range(n):
        if forms[j] not in mods["excess"] or covered[j]:
            continue
        if (
            j + 1 < n
            and not covered[j + 1]
            and not ends[j + 1]
            and forms[j + 1] not in lists["boosters"]
            and not (j > 0 and covered[j - 1])
        ):
            excess.append(mods["excess"][forms[j]])
        if forms[j] in mods["takes_back"] and terms.get(j + 1, 0) > 0:
            terms[j + 1] *= -0.74
    patterns += min(excess)
    joined = " ".join(folded_words)
    for weight, regex in mods["patterns"]:
        if re.search(regex, joined, flags=re.ASCII):
            patterns += weight
    total = sum(terms.values()) + patterns
    total += math.copysign(0.2 * min(words.count("!"), 4), total) if total else 0.0
    return total / math.sqrt(total**2 + 6.0)


def test_vectorized_scores_equal_a_plain_python_scorer(generated):
    from smmnb.text.corpus import Corpus, tokenize_phrases

    english = set()
    for key in TS._lexicon_files()["en"]:
        english |= {tuple(key.split()), tuple(key.translate(TS.FOLD_TABLE).split())}
    lexicons, vi_only = [], set()
    for lexicon, fold in zip(TS._lexicon(), (False, True), strict=True):
        table = {}
        tokenized = tokenize_phrases(list(lexicon), folded=fold)
        for (key, score), tokens in zip(lexicon.items(), tokenized, strict=True):
            if tokens not in table or " ".join(tokens) == key:  # an entry written as its tokens
                table[tokens] = score
        english_tokens = set(tokenize_phrases(sorted(TS._english_keys()), folded=fold))
        vi_only |= {t for t in table if t not in english_tokens}
        lexicons.append(table)
    maps = TS._word_maps()
    mods = {name: maps[name] for name in maps}
    mods["patterns"] = list(TS._fact_patterns().values())
    evaluation = pd.read_csv(EVAL)["text"]
    english_texts = pd.Series(
        [
            "Please DM us your order number, we will be happy to help",
            "why can't I log in? still waiting on hold",
            "too small, sorry",
        ]
    )
    texts = pd.concat([pd.Series(generated.tables["comments"]["text"].unique()[:3000]),
                       evaluation, english_texts], ignore_index=True)  # fmt: skip
    corpus = Corpus.from_texts(texts)
    words = corpus.vocab[corpus.code]
    bounds = np.searchsorted(corpus.doc, np.arange(corpus.n + 1))
    language = E.detect_language(texts).to_numpy()
    expected = [
        _reference_score(list(words[bounds[i] : bounds[i + 1]]), corpus.has_marks[i],
                         language[i] == "vi", (*lexicons, vi_only), mods)
        for i in range(corpus.n)
    ]  # fmt: skip
    got = E.sentiment(texts)["score"].to_numpy()
    bad = np.flatnonzero(np.abs(got - np.asarray(expected)) > 1e-12)[:5]
    assert not len(bad), [(texts[i], got[i], expected[i]) for i in bad]
    assert (np.abs(got) > 0.05).mean() > 0.5  # the comparison is not vacuous


@pytest.mark.skipif(not EVAL.exists(), reason="evaluation set not present")
def test_the_scores_notebook_01_and_the_readme_report():
    # 01 and the closing notes say "77% accuracy, 77% macro-F1": a regression must show here
    from smmnb.stats import label_agreement

    data = pd.read_csv(EVAL)
    scores = label_agreement(data["label"], E.sentiment(data["text"])["label"], by=data["lang"])
    assert scores.loc["all", "accuracy"] >= 0.77 and scores.loc["all", "macro_f1"] >= 0.77
    assert scores.loc["vi", "accuracy"] >= 0.80 and scores.loc["en", "accuracy"] >= 0.72


# --------------------------------------------------------------------------------------------
# the report's building blocks, off the happy path (issue 12)


def _analyzed(rows, tz="Asia/Ho_Chi_Minh"):
    """A frame shaped like analyze()'s output: (local time, platform, label, delivery?)."""
    frame = pd.DataFrame(rows, columns=["local", "platform", "sentiment", "theme_delivery"])
    frame["created_at"] = pd.to_datetime(frame["local"]).dt.tz_localize(tz).dt.tz_convert("UTC")
    frame["theme_price_promo"] = False
    frame["comment_id"] = [f"c{i}" for i in range(len(frame))]
    frame["intent"] = "other"
    return frame.drop(columns="local")


def test_net_sentiment_is_positive_share_minus_negative_share():
    labels = ["positive"] * 5 + ["neutral"] * 3 + ["negative"] * 2
    assert E.net_sentiment(labels) == pytest.approx(5 / 10 - 2 / 10)
    assert math.isnan(E.net_sentiment([]))  # no denominator: not 0
    frame = pd.DataFrame({"sentiment": labels, "platform": ["a"] * 4 + ["b"] * 6})
    by = E.net_sentiment(frame, by="platform")
    assert by["a"] == pytest.approx(4 / 4) and by["b"] == pytest.approx((1 - 2) / 6)


def test_customer_comments_drop_brand_replies_only():
    by_brand = pd.array([False, True, None], dtype="boolean")
    comments = pd.DataFrame({"comment_id": ["a", "b", "c"], "author_is_brand": by_brand})
    assert E.customer_comments(comments)["comment_id"].tolist() == ["a", "c"]
    assert E.customer_comments(comments.drop(columns="author_is_brand")).shape[0] == 3


def test_brand_replies_are_found_only_when_the_data_hold_them():
    # "0.0% answered within 1h" came from data without any brand reply: not measurable
    assert E.has_brand_replies(_thread())
    customers_only = _thread()[~_thread()["author_is_brand"]]
    assert not E.has_brand_replies(customers_only)
    assert not E.has_brand_replies(_thread().drop(columns="parent_id"))


def test_a_reply_after_the_period_answers_a_comment_of_the_period():
    everything = _thread()
    in_period = everything[everything["created_at"] < pd.Timestamp("2026-09-01 17:00", tz="UTC")]
    alone = E.response_times(in_period[in_period["comment_id"].isin(["c1", "c2", "c3"])])
    assert not alone["answered"].any()
    rt = E.response_times(in_period[in_period["comment_id"].isin(["c1", "c2", "c3"])],
                          replies=everything).set_index("comment_id")  # fmt: skip
    assert rt.loc["c1", "delay_hours"] == pytest.approx(0.75)
    assert rt.loc["c2", "delay_hours"] == pytest.approx(3.0)
    assert not rt.loc["c3", "answered"]
    overall = E.overall_response(rt)
    assert overall["answered"] == pytest.approx(2 / 3)
    assert overall["median_hours"] == pytest.approx((0.75 + 3.0) / 2)
    assert overall["within_sla"] == pytest.approx(1 / 3)


def test_channel_sentiment_per_platform_and_empty_input():
    rows = [("2026-09-01 10:00", "tiktok", "negative", False)] * 3 + [
        ("2026-09-01 10:00", "tiktok", "positive", False),
        ("2026-09-01 10:00", "zalo", "positive", False),
    ]
    table = E.channel_sentiment(_analyzed(rows)).set_index("platform")
    assert table.loc["tiktok", "comments"] == 4 and table.loc["zalo", "comments"] == 1
    assert table.loc["tiktok", "net_sentiment"] == pytest.approx((1 - 3) / 4)
    assert table.loc["tiktok", "negative"] == pytest.approx(0.75)
    with pytest.raises(InsufficientData):
        E.channel_sentiment(_analyzed([]))


def test_weekly_net_sentiment_without_enough_comments_says_so():
    # A competitor has no comments: the weekly pivot was empty and 01 crashed (KeyError: 'mean')
    with pytest.raises(InsufficientData, match="at least 20 comments in one week"):
        E.weekly_net_sentiment(_analyzed([]), tz="Asia/Ho_Chi_Minh")
    few = _analyzed([("2026-09-01 10:00", "tiktok", "positive", False)] * 5)
    with pytest.raises(InsufficientData):
        E.weekly_net_sentiment(few, tz="Asia/Ho_Chi_Minh")


def test_weekly_net_sentiment_counts_local_weeks():
    # Sunday 23:30 in New York is Monday in UTC: it belongs to the week starting 31 Aug
    tz = "America/New_York"
    rows = [("2026-09-06 23:30", "x", "negative", False)] * 2 + [
        ("2026-09-07 09:00", "x", "positive", False)
    ] * 3
    weekly = E.weekly_net_sentiment(_analyzed(rows, tz), tz=tz, min_comments=2)
    assert weekly.loc[pd.Timestamp("2026-08-31"), "x"] == pytest.approx(-1.0)
    assert weekly.loc[pd.Timestamp("2026-09-07"), "x"] == pytest.approx(1.0)
    sparse = E.weekly_net_sentiment(_analyzed(rows, tz), tz=tz, min_comments=3)
    assert math.isnan(sparse.loc[pd.Timestamp("2026-08-31"), "x"])


def test_worst_day_buckets_days_in_the_workspace_time_zone():
    # 23:30 on 18 Sep in New York is 19 Sep in UTC (and in Ho Chi Minh City)
    tz = "America/New_York"
    rows = [(f"2026-09-{d:02d} 12:00", "x", "negative", False) for d in range(10, 18)]
    rows += [("2026-09-18 23:30", "x", "negative", True)] * 6
    rows += [("2026-09-19 12:00", "x", "positive", False)]
    frame = _analyzed(rows, tz)
    worst = E.worst_day(frame, tz=tz)
    assert worst.day == pd.Timestamp("2026-09-18") and worst.negative == 6
    per_day = worst.per_day
    assert len(per_day) == 10 and per_day[pd.Timestamp("2026-09-19")] == 0
    assert worst.median == pytest.approx(1.0) and worst.ratio == pytest.approx(6.0)
    assert worst.theme == "delivery" and worst.theme_share == pytest.approx(1.0)
    elsewhere = E.worst_day(frame, tz="Asia/Ho_Chi_Minh")
    assert elsewhere.day == pd.Timestamp("2026-09-19")


def test_worst_day_needs_a_week_and_names_no_theme_it_did_not_find():
    one_day = _analyzed([("2026-10-31 10:00", "x", "negative", False)] * 3)
    with pytest.raises(InsufficientData, match="span 1 day"):
        E.worst_day(one_day, tz="Asia/Ho_Chi_Minh")
    rows = [(f"2026-09-{d:02d} 12:00", "x", "neutral", False) for d in range(1, 9)]
    rows += [("2026-09-05 12:00", "x", "negative", False)] * 2
    worst = E.worst_day(_analyzed(rows), _analyzed([]), tz="Asia/Ho_Chi_Minh")
    assert worst.day == pd.Timestamp("2026-09-05") and worst.negative == 2
    assert worst.median == 0 and math.isnan(worst.ratio)  # never x/0
    assert worst.theme is None


def test_theme_and_ask_counts_leave_out_what_is_not_there():
    rows = [
        ("2026-09-01 10:00", "x", "negative", True),
        ("2026-09-01 10:00", "x", "neutral", False),
    ]
    frame = _analyzed(rows)
    frame["intent"] = ["question", "request"]
    by_theme = E.sentiment_by_theme(frame)
    assert by_theme.index.tolist() == ["delivery"]  # price_promo has no comment
    assert by_theme.loc["delivery"].tolist() == [1, 0, 0]
    assert E.theme_coverage(frame) == pytest.approx(0.5)
    assert E.asks_by_theme(frame).to_dict() == {"delivery": 1}
    frame["theme_delivery"] = False
    with pytest.raises(InsufficientData, match="none of the 2 comments"):
        E.sentiment_by_theme(frame)
    assert E.asks_by_theme(frame).empty


def test_ask_examples_pseudonymise_authors():
    frame = _analyzed([("2026-09-01 10:00", "x", "neutral", False)] * 3)
    frame["intent"] = ["other", "question", "question"]
    frame["author"] = ["Linh", "An", "Linh"]
    frame["text"] = ["hi", "q1", "q2"]
    examples = E.ask_examples(frame)
    assert examples["author"].tolist() == ["Customer 2", "Customer 1"]
    assert examples["text"].tolist() == ["q1", "q2"]


def test_sample_report_figures_are_unchanged(ws):
    # The numbers notebook 01 tells on the sample (Lumi, 90 days to 31 Oct 2026)
    lumi = ws.filter(brand="Lumi", start="2026-08-03", end="2026-10-31")
    customer = E.analyze(E.customer_comments(lumi.comments))
    assert len(customer) == 12219
    assert E.net_sentiment(customer) == pytest.approx(0.0313, abs=5e-5)
    mentions = E.analyze(lumi.mentions[lumi.mentions["brand"] == "Lumi"])
    worst = E.worst_day(customer, mentions, tz=ws.timezone)
    assert worst.day == pd.Timestamp("2026-09-18") and worst.negative == 348
    assert worst.median == 45 and worst.theme == "delivery"


def test_notebook_01_on_eight_days_of_comments_without_replies_in_new_york(tmp_path):
    """End to end, the report on what the issue's airline folder looks like: customer comments
    only (no brand reply) over 8 days, New York time. Was: "90 days", "0.0% answered within
    1h", a worst day bucketed in Ho Chi Minh City time."""
    from smmnb.report import NOTEBOOK_DIR, Job, _run_task, data_files
    from tests.workspaces import SAMPLE, output_text

    comments = pd.read_csv(SAMPLE / "comments.csv", dtype=str, keep_default_na=False)
    when = pd.to_datetime(comments["created_at"], utc=True).dt.tz_convert("America/New_York")
    last = when.max().normalize()
    keep = (comments["brand"] == "Lumi") & (comments["author_is_brand"].str.lower() != "true")
    keep &= (when >= last - pd.Timedelta(days=7)).to_numpy()
    folder = tmp_path / "data"
    folder.mkdir()
    comments[keep].to_csv(folder / "comments.csv", index=False)
    (folder / "smmnb.yml").write_text("owner: Lumi\ntimezone: America/New_York\n")
    job = Job("eight", {"data_dir": str(folder)})
    out = str(tmp_path / "out")
    result = _run_task(job, "01_customer_expectations", out, str(NOTEBOOK_DIR), 600,
                       data_files(folder))  # fmt: skip
    text = output_text(tmp_path / "out" / "eight", "01_customer_expectations")
    assert result.status == "ok", result.error
    assert not re.search(r"(?<![A-Za-z])(nan|inf)(?![A-Za-z])", text, re.IGNORECASE)
    heading, body = text.split("\n", 1)
    assert "(8 days)" in heading and "90 days" not in body
    assert "negative comments in 8 days" in text  # the recommendation counts the days covered
    assert "Measuring response times needs Lumi's replies" in text
    assert "answered within" not in text and "Staff **" not in text
    # the worst day, counted on New York's calendar
    analyzed = E.analyze(comments[keep].assign(
        created_at=pd.to_datetime(comments.loc[keep, "created_at"], utc=True)))  # fmt: skip
    worst = E.worst_day(analyzed, tz="America/New_York")
    assert f"On **{worst.day:%d %b %Y}** customers posted **{worst.negative} negative" in text


# --------------------------------------------------------------------------------------------
# issue #14: complaints customers actually write (our own texts, written for these tests)


@pytest.mark.parametrize(
    "text",
    [
        "Please DM us your order number and we will be happy to help",
        "DM me the details, thanks!",
        "We will be there at 5, be ready",
    ],
)
def test_english_is_never_read_as_unaccented_vietnamese(text):
    """'DM' folds like the Vietnamese profanity 'đm', 'be' like 'bể' (broken)."""
    assert E.detect_language([text]).iloc[0] == "en"
    assert E.sentiment([text])["label"].iloc[0] != "negative"
    vietnamese = TS._lexicon_files()["vi"]
    found = TS.explain(text)["what"].tolist()
    assert not [w for w in found if w in vietnamese and w not in TS._lexicon_files()["en"]]


def test_unaccented_vietnamese_still_reads_the_vietnamese_lexicon():
    assert E.sentiment(["dm shop giao hang cham qua"])["label"].iloc[0] == "negative"


@pytest.mark.parametrize(
    "text",
    [
        "đặt từ 2h chiều giờ vẫn chưa thấy đâu",
        "giao sai đơn, nhắn tin không ai trả lời",
        "máy mới mua về không sạc được",
        "thầy nên giảng chậm lại để dễ hiểu hơn",
        "đóng gói hơi sơ sài, hộp bị móp",
        "sao đơn của mình vẫn chưa giao vậy shop",
        "My bag is lost and I still have no response",
        "been on hold for an hour, this is painful",
        "Really happy that I was charged double.",
        "why can't I log in to the app",
    ],
)
def test_complaints_stated_as_facts_are_negative(text):
    assert E.sentiment([text])["label"].iloc[0] == "negative", TS.explain(text)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("ngon nên mua lại lần nữa", "positive"),  # "nên" after praise means "so"
        ("chưa dùng nên chưa biết thế nào", "neutral"),  # "nên" before a negation: "so"
        ("công ty giao hàng nhanh, nhân viên thân thiện", "positive"),  # "ty" is no thanks
        ("nội dung hay, dễ hiểu", "positive"),  # the "dung" of "nội dung" is not "đừng"
        ("giày đi êm chân, em rất thích", "positive"),  # "êm" is not "em"
    ],
)
def test_everyday_words_do_not_turn_praise_into_complaints(text, label):
    assert E.sentiment([text])["label"].iloc[0] == label, TS.explain(text)


def test_explain_adds_up_to_the_score():
    text = "ngon nhưng giao chậm quá, sao chưa thấy hoàn tiền vậy"
    why = TS.explain(text)
    total = why["adds"].sum()
    assert set(why["kind"]) == {"word", "pattern"}
    assert "negative question" in why["what"].tolist()
    expected = total / math.sqrt(total**2 + 6.0)  # no "!": nothing else adds
    assert E.sentiment([text])["score"].iloc[0] == pytest.approx(expected, abs=1e-12)


def test_analyze_gives_each_row_its_own_theme_whatever_the_index():
    """The first theme lines up with its row when the index has gaps (brand replies removed)."""
    comments = pd.DataFrame(
        {"text": ["giao hàng chậm quá", "Dạ shop xin lỗi", "giá đắt quá", "nhân viên thân thiện"]},
        index=[0, 1, 2, 3],
    )
    kept = comments.drop(index=[1])  # index 0, 2, 3 as customer_comments leaves it
    out = E.analyze(kept)
    assert out.loc[0, "theme"] == "delivery"
    assert out.loc[2, "theme"] == "price_promo"
    assert out.loc[3, "theme"] == "staff_service"
    flags = out.filter(like="theme_")
    for i in out.index:  # the first theme is one of the row's own themes
        if isinstance(out.loc[i, "theme"], str):
            assert flags.loc[i, f"theme_{out.loc[i, 'theme']}"]
