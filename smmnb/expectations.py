"""Customer expectations: language, sentiment, themes, intents, response times and gaps.

Everything here works offline on Vietnamese (with or without diacritics, with teencode) and
English social text, with the lexicons and dictionaries shipped in ``smmnb/text/``:

- :func:`normalize`: NFC, lower case, URLs and @handles removed, teencode expanded, emoji kept,
  plus an accent-folded form for matching (``giao hang cham`` matches ``giao hàng chậm``).
- :func:`sentiment`: a vectorized lexicon scorer with negation, intensifiers and dampeners,
  contrast (the clause after "nhưng"/"but" weighs more), emoji and exclamation marks, and
  phrases for complaints stated as facts ("đợi 2 tiếng chưa thấy giao", "still waiting").
  :class:`SentimentModel` learns from the user's own labelled comments instead.
- :func:`themes`, :func:`discover_themes`, :func:`intents`, :func:`analyze`.
- :func:`response_times` and :func:`expectation_gaps`: how fast the brand answers, and what
  customers expect that the brand does not deliver yet.
- The blocks of the customer-expectations report: :func:`customer_comments`,
  :func:`has_brand_replies`, :func:`net_sentiment` (the one definition of net sentiment),
  :func:`channel_sentiment`, :func:`weekly_net_sentiment`, :func:`sentiment_by_theme`,
  :func:`asks_by_theme`, :func:`ask_examples` and :func:`worst_day`. They raise
  :class:`~smmnb.errors.InsufficientData` when the data are too thin for them.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import yaml

from smmnb.corpus import FOLD_TABLE, Corpus, Keys, Lookup, PhraseTable, tokenize_phrases

__all__ = [
    "SentimentModel",
    "WorstDay",
    "analyze",
    "ask_examples",
    "asks_by_theme",
    "channel_sentiment",
    "customer_comments",
    "detect_language",
    "discover_themes",
    "expectation_gaps",
    "fold",
    "has_brand_replies",
    "intents",
    "load_themes",
    "negative_per_day",
    "net_sentiment",
    "normalize",
    "overall_response",
    "response_summary",
    "response_times",
    "sentiment",
    "sentiment_by_theme",
    "theme_coverage",
    "theme_labels",
    "themes",
    "weekly_net_sentiment",
    "worst_day",
]

LABELS = ("negative", "neutral", "positive")
THRESHOLD = 0.05  # |score| below this is neutral
_ALPHA = 6.0  # score = total / sqrt(total^2 + alpha): squashes sums into (-1, 1)
_NEGATION = -0.74
_CONTRAST_BEFORE, _CONTRAST_AFTER = 0.5, 1.5
_EXCLAIM = 0.2

# --------------------------------------------------------------------------------------------
# normalisation


def fold(texts: pd.Series) -> pd.Series:
    """Remove diacritics (``giao hàng chậm`` -> ``giao hang cham``, ``đ`` -> ``d``)."""
    return pd.Series(texts, dtype="str").str.translate(FOLD_TABLE)


def _as_series(texts) -> pd.Series:
    if isinstance(texts, str):
        texts = [texts]
    s = pd.Series(texts)
    return s.astype("str").where(s.notna(), "")


def normalize(texts) -> pd.DataFrame:
    """Clean social text for matching.

    Parameters
    ----------
    texts : sequence of str or pandas.Series
        Comments, mentions, captions.

    Returns
    -------
    pandas.DataFrame
        Aligned with the input: ``text`` (the text's tokens separated by single spaces: NFC,
        lower case, URLs and @handles removed, emoticons turned into emoji, each punctuation
        mark or emoji its own token, common short forms expanded such as ko/k/hok -> không,
        dc/đc -> được, sp -> sản phẩm; see :mod:`smmnb.corpus`), ``folded`` (``text``
        without diacritics) and ``has_marks`` (whether the original carries Vietnamese
        diacritics: text typed without them is matched on its folded form only).
    """
    s = _as_series(texts)
    corpus = Corpus.from_texts(s)
    return pd.DataFrame(
        {"text": corpus.joined().to_numpy(), "folded": corpus.joined(folded=True).to_numpy(),
         "has_marks": corpus.has_marks},
        index=s.index,
    ).astype({"text": "str", "folded": "str"})  # fmt: skip


_VI_WORD_LIST = (
    "khong duoc cua nhung minh ban qua lam roi nha nhe oi voi cho mua gia ngon giao hang dat "
    "quan nay nua thi la va cung dung sao bao nhieu gi vay day ha a ak ah em anh chi shop ship "
    "ly mon tra sua tien hoai mai chua het moi nguoi that rat"
).split()
_EN_WORD_LIST = (
    "the and is are was were my your you i it this that to of for with not no have has had do "
    "does did what when where how why can will just so very but order please thanks love "
    "great good bad again still never time delivery service"
).split()
# RE2 word boundaries are ASCII, which suits folded text
_VI_WORDS = r"\b(?:" + "|".join(_VI_WORD_LIST) + r")\b"
_EN_WORDS = r"\b(?:" + "|".join(_EN_WORD_LIST) + r")\b"


def detect_language(texts) -> pd.Series:
    """``vi``, ``en`` or ``other`` for each text, vectorized.

    Vietnamese diacritics decide ``vi``; otherwise common unaccented Vietnamese words are
    counted against common English words (ties and texts with neither are ``other``).
    """
    s = _as_series(texts)
    return _language(Corpus.from_texts(s)).set_axis(s.index)


def _language(corpus: Corpus) -> pd.Series:
    return _strings(_LANGS, _language_codes(corpus))


_LANGS = ("vi", "en", "other")


def _language_codes(corpus: Corpus) -> np.ndarray:
    """Per text, the position of its language in ``_LANGS``."""
    # Per folded vocabulary entry: Vietnamese words minus English words in it. A token made of
    # ASCII letters and digits holds a listed word only by being it (a lookup); the others
    # (don't, i'm, emoji) are counted with the word-boundary patterns.
    lang = _modifier_sets()["language"]
    balance = corpus.per_entry(lang, 0.0, form="folded")
    words = corpus.folded_words
    plain = pc.and_(pc.string_is_ascii(words), pc.ascii_is_alnum(words))
    rest = np.flatnonzero(~plain.to_numpy(zero_copy_only=False))
    if len(rest):
        vi, en = (
            pc.count_substring_regex(words.take(rest), p).to_numpy(zero_copy_only=False)
            for p in (_VI_WORDS, _EN_WORDS)
        )
        balance[rest] = vi.astype(float) - en
    balance = corpus.count_entries(balance, form="folded")
    return np.where(corpus.has_marks | (balance > 0), 0, np.where(balance < 0, 1, 2))


def _strings(values: tuple[str, ...], codes: np.ndarray) -> pd.Series:
    """``values[codes]`` as a str Series, taken in Arrow (no Python string per row)."""
    return pd.Series(pa.array(values, type=pa.string()).take(codes), dtype="str")


def _distinct(texts) -> tuple[pd.Series, np.ndarray, pa.Array]:
    """Split texts into (texts, codes, distinct texts as a pyarrow array).

    Social text repeats a lot ("ngon", "ib", emoji), so the work is done once per distinct
    text and spread back with the codes.
    """
    s = _as_series(texts)
    encoded = pc.dictionary_encode(pa.chunked_array(s.array.__arrow_array__()).combine_chunks())
    codes = encoded.indices.to_numpy(zero_copy_only=False)
    return s, codes, encoded.dictionary


# --------------------------------------------------------------------------------------------
# lexicons


def _text_file(name: str) -> Path:
    return Path(str(resources.files("smmnb") / "text" / name))


def _yaml(path: Path):
    """A YAML file's content; libyaml's parser when PyYAML has it (several times faster)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 (safe)


@functools.cache
def _modifiers() -> dict:
    return _yaml(_text_file("modifiers.yml"))


# Common unaccented words that a folded lexicon entry must not take over ("dở" folds to
# "do", which unaccented text mostly uses for "do" = because / "đó" = that).
_FOLD_COLLISIONS = {
    "do", "da", "ma", "co", "cho", "the", "te", "toi", "roi", "ban", "con", "an", "ra",
    "vo", "so", "hay", "ca", "chi", "nha", "ti", "ly", "chan", "ngu", "de", "bi", "dau",
    "lo", "tam", "ho", "mat", "nong", "sao", "on", "it", "hu", "xau", "dang", "xin", "dinh",
    "tre", "buon",
}  # fmt: skip


@functools.cache
def _lexicon() -> tuple[dict[str, float], dict[str, float]]:
    """(accented lexicon, folded lexicon) over both languages, lower-case keys."""
    accented: dict[str, float] = {}
    for lang in ("en", "vi"):
        table = pd.read_csv(_text_file(f"sentiment_{lang}.tsv"), sep="\t", dtype={"term": str},
                            keep_default_na=False, quoting=3, comment=None)  # fmt: skip
        for term, score in zip(table["term"], table["score"], strict=True):
            key = unicodedata.normalize("NFC", str(term)).strip().lower()
            if key:
                accented.setdefault(key, float(score))
    folded: dict[str, float] = {}
    collisions: set[str] = set()
    for key, score in accented.items():
        f = key.translate(FOLD_TABLE)
        if f in folded and np.sign(folded[f]) != np.sign(score):
            collisions.add(f)
        folded.setdefault(f, score)
    for f in collisions | _FOLD_COLLISIONS:
        if f not in accented or f in _FOLD_COLLISIONS:
            folded.pop(f, None)
    return accented, folded


def _word_set(kind: str, fold_keys: bool = False) -> dict[str, float]:
    mods = _modifiers()
    out: dict[str, float] = {}
    for lang in ("en", "vi"):
        values = mods.get(kind, {}).get(lang, [])
        items = values.items() if isinstance(values, dict) else ((v, 1.0) for v in values)
        for word, weight in items:
            key = unicodedata.normalize("NFC", str(word)).lower()
            out[key] = float(weight)
            if fold_keys:
                out.setdefault(key.translate(FOLD_TABLE), float(weight))
    return out


# --------------------------------------------------------------------------------------------
# sentiment


@functools.cache
def _lexicon_phrases() -> tuple[dict, dict]:
    """The lexicons as token tuple -> score (as written, and folded)."""
    out = []
    for lex, plain in zip(_lexicon(), (False, True), strict=True):
        phrases: dict[tuple[str, ...], float] = {}
        for (key, score), tokens in zip(lex.items(), tokenize_phrases(list(lex), folded=plain),
                                        strict=True):  # fmt: skip
            # An entry written as its tokens ("🙂", deliberately 0: often sarcastic) wins
            # over one that only cleans into them (":)" becomes "🙂").
            if tokens not in phrases or " ".join(tokens) == key:
                phrases[tokens] = score
        out.append(phrases)
    return out[0], out[1]


@functools.cache
def _word_maps() -> dict[str, dict[str, float]]:
    """The single-token word lists of the scorer and the language detector."""
    boosters = {**_word_set("dampeners", fold_keys=True), **_word_set("intensifiers", True)}
    strong = set(_word_set("contrast", fold_keys=True)) - {"though", "although"}
    language = dict.fromkeys(_VI_WORD_LIST, 1.0)
    for w in _EN_WORD_LIST:
        language[w] = language.get(w, 0.0) - 1.0
    return {
        "negators": _word_set("negators", fold_keys=True),
        "boosters": boosters,
        "contrast": dict.fromkeys(strong, 1.0),
        "clause_end": dict.fromkeys(".,!?;:", 1.0),
        "exclamation": {"!": 1.0},
        "language": language,  # +1 Vietnamese, -1 English
    }


@functools.cache
def _keys() -> Keys:
    """Every word the lexicons, modifiers and language lists look for.

    A corpus matches its vocabulary against them once for all of them.
    """
    words = [w for phrases in _lexicon_phrases() for p in phrases for w in p]
    return Keys(words + [w for m in _word_maps().values() for w in m])


@functools.cache
def _lexicon_tables() -> tuple[PhraseTable, PhraseTable]:
    """The lexicons as phrase tables over tokens (as written, and folded)."""
    accented, folded = _lexicon_phrases()
    return PhraseTable(accented, _keys()), PhraseTable(folded, _keys())


@functools.cache
def _modifier_sets() -> dict[str, Lookup]:
    return {name: Lookup(words, _keys()) for name, words in _word_maps().items()}


def _lexicon_terms(corpus: Corpus) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The lexicon terms found: (start token, score, covered tokens mask).

    Text with diacritics is matched as written, then on the folded lexicon; plain text only
    on the folded lexicon (its tokens have no diacritics to begin with). Longer phrases win:
    a term counts only if none of its tokens belongs to a longer term already taken.
    """
    accented, folded = _lexicon_tables()
    marks = corpus.has_marks
    found_accented = accented.matches(corpus, within=marks)
    found_folded = folded.matches(corpus, form="matched")
    covered = np.zeros(len(corpus.code), dtype=bool)
    starts, scores = [], []
    for size in range(max(accented.depth, folded.depth), 0, -1):
        start, value = found_folded[size - 1] if size <= folded.depth else (np.zeros(0, int), [])
        if size <= accented.depth:
            a_start, a_value = found_accented[size - 1]
            start, value = np.r_[start, a_start], np.r_[value, a_value]
            # one term per start: the accented match, appended last, wins
            order = np.argsort(start, kind="stable")
            start, value = start[order], value[order]
            last = np.r_[start[1:] != start[:-1], True] if len(start) else np.zeros(0, bool)
            start, value = start[last], value[last]
        free = np.ones(len(start), dtype=bool)
        for k in range(size):
            free &= ~covered[start + k]
        start, value = start[free], value[free]
        for k in range(size):
            covered[start + k] = True
        starts.append(start)
        scores.append(value)
    return np.concatenate(starts).astype(np.int64), np.concatenate(scores), covered


def _doc_totals(corpus: Corpus) -> np.ndarray:
    """Per text: the sum of its terms' scores after negation, intensifiers and contrast."""
    term, score, covered = _lexicon_terms(corpus)
    n, doc = len(corpus.code), corpus.doc
    sets = _modifier_sets()

    def near(k: int) -> tuple[np.ndarray, np.ndarray]:
        """Positions k tokens away from each term, and whether they are in its text."""
        at = np.clip(term + k, 0, max(n - 1, 0))
        return at, (term + k >= 0) & (term + k < n) & (doc[at] == doc[term])

    # Modifiers are looked up per vocabulary entry, then read only next to the terms.
    code = corpus.codes("matched")

    def per_entry(name: str, default: float = np.nan) -> np.ndarray:
        return corpus.per_entry(sets[name], default, form="matched")

    # A negator reaches up to three tokens ahead within its clause (not past . , ! ? ; :);
    # two negators cancel ("không phải không ngon"). Negators inside a term do not count.
    negator = ~np.isnan(per_entry("negators"))
    clause_end = per_entry("clause_end", 0.0) > 0
    negated = np.zeros(len(term), dtype=bool)
    open_clause = np.ones(len(term), dtype=bool)
    for k in (1, 2, 3):
        at, same = near(-k)
        open_clause &= ~(clause_end[code[near(-k + 1)[0]]] & same)
        negated ^= same & open_clause & negator[code[at]] & ~covered[at]
    # intensifiers and dampeners sit before (rất ngon) or after (ngon quá) the word
    boost = per_entry("boosters")
    factor = np.ones(len(term))
    for k in (-1, 1):
        at, same = near(k)
        b = boost[code[at]]
        factor *= np.where(same & ~np.isnan(b), b, 1.0)
    score = score * factor * np.where(negated, _NEGATION, 1.0)
    # Contrast: the clause after the last "but"/"nhưng" weighs more than the one before.
    # "although"/"though" open the weaker clause, so they do not shift the weight forward.
    contrast = np.flatnonzero(~np.isnan(per_entry("contrast"))[code])
    last = np.full(corpus.n, -1)
    np.maximum.at(last, doc[contrast], contrast)
    last = last[doc[term]]
    weight = np.where(last < 0, 1.0, np.where(term > last, _CONTRAST_AFTER, _CONTRAST_BEFORE))
    return np.bincount(doc[term], weights=score * weight, minlength=corpus.n)


def sentiment(
    texts, lang: str | None = None, *, engine: str | SentimentModel = "lexicon"
) -> pd.DataFrame:
    """Sentiment of each text: label, score and language.

    Parameters
    ----------
    texts : sequence of str or pandas.Series
        Social text in Vietnamese (with or without diacritics, teencode) or English.
    lang : {"vi", "en"}, optional
        Force the language column; default: detected per text. Scoring uses both lexicons
        either way (mixed-language text is common).
    engine : {"lexicon", "vader"} or SentimentModel
        ``"lexicon"`` (default): smmnb's bilingual lexicons, offline. ``"vader"``: the
        vaderSentiment package (English only; install the ``vader`` extra). A fitted
        :class:`SentimentModel`: its labels, and P(positive) - P(negative) as the score.

    Returns
    -------
    pandas.DataFrame
        Aligned with the input index: ``label`` (negative / neutral / positive), ``score``
        in [-1, 1] and ``lang``. The score is the sum of the matched terms' scores (the
        longest lexicon phrase wins), each multiplied by -0.74 when one of the three tokens
        before it in the same clause negates it, by any intensifier or dampener next to it,
        by 0.5 before and 1.5 after a contrast word, plus 0.2 per exclamation mark (up to 4)
        in the direction of the sum, squashed with ``x / sqrt(x^2 + 6)``. A label is neutral
        when ``|score| < 0.05``.

    Examples
    --------
    >>> sentiment(["không ngon", "ngon nhưng giao chậm quá", "still waiting for my refund"])[
    ...     "label"].tolist()
    ['negative', 'negative', 'negative']
    """
    s = _as_series(texts)
    if isinstance(engine, SentimentModel):
        return _from_model(engine, s)
    if engine == "vader":
        return _vader(s)
    if engine != "lexicon":
        raise ValueError(f"engine must be 'lexicon', 'vader' or a SentimentModel, got {engine!r}")
    if lang not in (None, "vi", "en"):
        raise ValueError(f"lang must be 'vi', 'en' or None, got {lang!r}")
    s, codes, uniques = _distinct(s)
    corpus = Corpus.from_texts(uniques)
    score, label, language = _lexicon_scores(corpus)
    if len(uniques) < len(s):
        score, label, language = score[codes], label[codes], language[codes]
    out = _sentiment_frame(score, label, language)
    out.index = s.index
    if lang is not None:
        out["lang"] = lang
    return out


def _lexicon_scores(corpus: Corpus) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Score, label (position in ``LABELS``) and language (in ``_LANGS``) of each text."""
    total = _doc_totals(corpus)
    exclamation = corpus.per_entry(_modifier_sets()["exclamation"], 0.0)
    exclaim = np.minimum(corpus.count_entries(exclamation), 4)
    total = total + np.sign(total) * _EXCLAIM * exclaim
    score = total / np.sqrt(total**2 + _ALPHA)
    label = np.where(score >= THRESHOLD, 2, np.where(score <= -THRESHOLD, 0, 1))
    return score, label, _language_codes(corpus)


def _sentiment_frame(score, label, language) -> pd.DataFrame:
    return pd.DataFrame(
        {"label": _strings(LABELS, label), "score": score, "lang": _strings(_LANGS, language)}
    )


def _lexicon_sentiment(corpus: Corpus) -> pd.DataFrame:
    """Label, score and language of a corpus's texts (see :func:`sentiment`)."""
    return _sentiment_frame(*_lexicon_scores(corpus))


def _from_model(model: SentimentModel, s: pd.Series) -> pd.DataFrame:
    proba = model.predict_proba(s)
    score = proba.get("positive", 0.0) - proba.get("negative", 0.0)
    return pd.DataFrame(
        {"label": model.predict(s).to_numpy(), "score": np.asarray(score, dtype="float64"),
         "lang": detect_language(s).to_numpy()},
        index=s.index,
    )  # fmt: skip


def _vader(s: pd.Series) -> pd.DataFrame:
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:
        raise ImportError(
            "engine='vader' needs the vaderSentiment package: pip install 'smmnb[vader]'"
        ) from None
    analyzer = SentimentIntensityAnalyzer()
    score = np.array([analyzer.polarity_scores(t)["compound"] for t in s])
    label = np.where(score >= THRESHOLD, "positive", np.where(score <= -THRESHOLD, "negative",
                                                              "neutral"))  # fmt: skip
    return pd.DataFrame({"label": label, "score": score, "lang": detect_language(s).to_numpy()},
                        index=s.index)  # fmt: skip


# --------------------------------------------------------------------------------------------
# a model trained on the user's own labels


class SentimentModel:
    """Sentiment learned from your own labelled comments.

    A scikit-learn pipeline over :func:`normalize`'d text: TF-IDF of word 1-2-grams and of
    character 2-5-grams (which copes with teencode, typos and missing diacritics), into a
    class-balanced logistic regression.

    Parameters
    ----------
    C : float
        Inverse regularisation strength of the logistic regression.
    seed : int
        Seed for the solver and for cross-validation splits.

    Examples
    --------
    >>> model = SentimentModel().fit(texts, labels)  # doctest: +SKIP
    >>> model.predict(["ship nhanh, cà phê ngon"])  # doctest: +SKIP
    """

    def __init__(self, C: float = 4.0, seed: int = 0):
        if C <= 0:
            raise ValueError(f"C must be > 0, got {C}")
        self.C = C
        self.seed = seed
        self.pipeline_ = None

    def _pipeline(self):
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import FeatureUnion, Pipeline

        features = FeatureUnion(
            [
                ("words", TfidfVectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True,
                                          token_pattern=r"(?u)\b\w+\b|[^\w\s]")),
                ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2,
                                          sublinear_tf=True)),
            ]
        )  # fmt: skip
        classifier = LogisticRegression(C=self.C, max_iter=2000, class_weight="balanced",
                                        random_state=self.seed)  # fmt: skip
        return Pipeline([("features", features), ("classifier", classifier)])

    @staticmethod
    def _prepare(texts) -> list[str]:
        norm = normalize(texts)
        return (norm["text"] + " | " + norm["folded"]).tolist()

    def fit(self, texts, labels) -> SentimentModel:
        """Train on texts and their labels (any label set, e.g. negative/neutral/positive)."""
        y = pd.Series(labels).astype("str").to_numpy()
        if len(y) != len(_as_series(texts)):
            raise ValueError("texts and labels must have the same length")
        if len(set(y)) < 2:
            raise ValueError("labels must contain at least two classes")
        self.pipeline_ = self._pipeline().fit(self._prepare(texts), y)
        return self

    def _check(self):
        if self.pipeline_ is None:
            raise ValueError("the model is not trained: call fit() or load() first")
        return self.pipeline_

    @property
    def classes_(self) -> list[str]:
        """The labels the model predicts."""
        return list(self._check().classes_)

    def predict(self, texts) -> pd.Series:
        """The most likely label of each text."""
        s = _as_series(texts)
        return pd.Series(self._check().predict(self._prepare(s)), index=s.index, dtype="str")

    def predict_proba(self, texts) -> pd.DataFrame:
        """Probability of each label, one column per label."""
        s = _as_series(texts)
        proba = self._check().predict_proba(self._prepare(s))
        return pd.DataFrame(proba, columns=self.classes_, index=s.index)

    def evaluate(self, texts, labels, *, folds: int = 5) -> dict:
        """Cross-validated quality of this model's setup on labelled data.

        Returns
        -------
        dict
            ``report`` (per-class precision, recall, F1 and support, as a DataFrame),
            ``confusion`` (rows true, columns predicted), ``accuracy``, ``macro_f1``.
        """
        from sklearn.metrics import classification_report, confusion_matrix
        from sklearn.model_selection import StratifiedKFold, cross_val_predict

        y = pd.Series(labels).astype("str").to_numpy()
        splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=self.seed)
        predicted = cross_val_predict(self._pipeline(), self._prepare(texts), y, cv=splitter)
        classes = sorted(set(y))
        report = pd.DataFrame(
            classification_report(
                y, predicted, labels=classes, output_dict=True, zero_division=0
            )  # fmt: skip
        ).T
        confusion = pd.DataFrame(confusion_matrix(y, predicted, labels=classes),
                                 index=classes, columns=classes)  # fmt: skip
        return {
            "report": report,
            "confusion": confusion,
            "accuracy": float(report.loc["accuracy", "precision"]),
            "macro_f1": float(report.loc["macro avg", "f1-score"]),
        }

    def save(self, path) -> None:
        """Write the trained model to a file (joblib)."""
        import joblib

        joblib.dump({"C": self.C, "seed": self.seed, "pipeline": self._check()}, path)

    @classmethod
    def load(cls, path) -> SentimentModel:
        """Read a model written by :meth:`save`. Only load files you trust (pickle)."""
        import joblib

        data = joblib.load(path)
        model = cls(C=data["C"], seed=data["seed"])
        model.pipeline_ = data["pipeline"]
        return model


# --------------------------------------------------------------------------------------------
# themes and intents


@functools.cache
def _default_themes() -> dict:
    return _yaml(_text_file("themes.yml"))


def load_themes(themes: dict | str | Path | None = None) -> dict[str, dict]:
    """The theme dictionary: smmnb's default, a dict, or a YAML file.

    Each theme maps to ``{"label": str, "vi": [...], "en": [...]}`` (or simply a list of
    phrases). Phrases are matched accent-insensitively on word boundaries.
    """
    if themes is None:
        data = _default_themes()
    elif isinstance(themes, (str, Path)):
        data = _yaml(Path(themes))
    else:
        data = dict(themes)
    out = {}
    for name, spec in data.items():
        if isinstance(spec, list):
            spec = {"label": str(name), "phrases": spec}
        phrases = (
            list(spec.get("phrases", [])) + list(spec.get("vi", [])) + list(spec.get("en", []))
        )
        if not phrases:
            raise ValueError(f"theme {name!r} has no phrases")
        out[str(name)] = {"label": spec.get("label", str(name)), "phrases": phrases}
    return out


@functools.cache
def _theme_tables(key: tuple) -> tuple[list[str], PhraseTable, PhraseTable, np.ndarray]:
    """Theme names, phrase tables (as written, folded) and the phrase-by-theme matrix."""
    common = _stopwords() | _FOLD_COLLISIONS
    names = [name for name, _ in key]
    written: dict[str, set[int]] = {}
    folded: dict[str, set[int]] = {}
    for t, (_name, phrases) in enumerate(key):
        for p in {unicodedata.normalize("NFC", p).lower().strip() for p in phrases} - {""}:
            written.setdefault(p, set()).add(t)
            # Folded matching serves text typed without diacritics; a phrase whose folded
            # form is a common word ("thẻ" -> "the") would match everything, so it only
            # matches as written.
            f = p.translate(FOLD_TABLE)
            if f not in common:
                folded.setdefault(f, set()).add(t)
    phrases = list(written) + list(folded)
    member = np.zeros((len(phrases), len(names)), dtype=bool)
    for i, p in enumerate(phrases):
        member[i, list(written[p] if i < len(written) else folded[p])] = True
    as_written = PhraseTable({t: float(i) for i, t in enumerate(tokenize_phrases(list(written)))})
    plain_tokens = tokenize_phrases(list(folded), folded=True)
    plain = PhraseTable({t: float(i + len(written)) for i, t in enumerate(plain_tokens)})
    return names, as_written, plain, member


def themes(texts, themes: dict | str | Path | None = None) -> pd.DataFrame:
    """Which themes each text mentions.

    Parameters
    ----------
    texts : sequence of str or pandas.Series
    themes : dict or path, optional
        A theme dictionary (see :func:`load_themes`); default smmnb's ten themes for a
        food-and-drink brand: delivery, price_promo, taste_quality, staff_service,
        app_website, payment, packaging, store_space, out_of_stock, refund.

    Returns
    -------
    pandas.DataFrame
        Booleans, one column per theme, aligned with the input. Phrases match whole tokens
        (``ship`` is not found in ``shipper``). Text with diacritics is matched as written
        and also without them; text typed without diacritics is matched on its folded form,
        except for phrases whose folded form is a common word.
    """
    s, codes, uniques = _distinct(texts)
    found = _themes(Corpus.from_texts(uniques), load_themes(themes))
    return found.iloc[codes].set_axis(s.index)


def _themes(corpus: Corpus, spec: dict) -> pd.DataFrame:
    key = tuple((name, tuple(t["phrases"])) for name, t in spec.items())
    names, as_written, plain, member = _theme_tables(key)
    found = np.zeros((corpus.n, len(names)), dtype=bool)
    for table, form in ((as_written, "written"), (plain, "folded")):
        for start, phrase in table.matches(corpus, form=form):
            hit = member[phrase.astype(np.int64)]
            np.logical_or.at(found, corpus.doc[start], hit)
    return pd.DataFrame(found, columns=names)


def discover_themes(texts, n: int = 8, *, seed: int = 0, top: int = 8) -> pd.DataFrame:
    """Unsupervised themes (NMF on TF-IDF), for what the dictionary misses.

    Parameters
    ----------
    texts : sequence of str
    n : int
        Number of themes.
    seed : int
        Seed of NMF's initialisation: the same texts give the same themes.
    top : int
        Terms listed per theme.

    Returns
    -------
    pandas.DataFrame
        ``theme`` (0..n-1), ``top_terms`` (comma-separated, accent-folded), ``size`` (texts
        whose strongest theme it is), ``examples`` (the three texts that load most on it).
    """
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfVectorizer

    if n < 1:
        raise ValueError(f"n must be >= 1, got {n}")
    s = _as_series(texts)
    norm = normalize(s)
    stop = sorted(_stopwords())
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=3, max_df=0.5, stop_words=stop,
                                 token_pattern=r"(?u)\b[^\W\d_]{2,}\b")  # fmt: skip
    X = vectorizer.fit_transform(norm["folded"])
    if X.shape[1] < n:
        raise ValueError(f"too few distinct terms ({X.shape[1]}) for {n} themes")
    model = NMF(n_components=n, init="nndsvda", random_state=seed, max_iter=400)
    W = model.fit_transform(X)
    terms = np.asarray(vectorizer.get_feature_names_out())
    strongest = W.argmax(axis=1)
    rows = []
    for k in range(n):
        order = np.argsort(-model.components_[k])[:top]
        best = np.argsort(-W[:, k])[:3]
        rows.append(
            {
                "theme": k,
                "top_terms": ", ".join(terms[order]),
                "size": int(((strongest == k) & (W.max(axis=1) > 0)).sum()),
                "examples": [s.iloc[i] for i in best],
            }
        )
    return pd.DataFrame(rows)


@functools.cache
def _stopwords() -> frozenset[str]:
    path = _text_file("stopwords.txt")
    words = set()
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            w = line.strip().lower()
            if w and not w.startswith("#"):
                words.add(w.translate(FOLD_TABLE))
    return frozenset(words)


INTENTS = ("complaint", "question", "request", "praise", "other")
_QUESTION = (
    r"\?|(?:^|\s)(?:khong|chua|ko|k|nhi|ha|a)\s*\??\s*$|\bco\b.{0,40}\b(?:khong|ko|k|ko)\b|"
    r"\bbao gio\b|\bbao nhieu\b|\bmay gio\b|\bo dau\b|\bcho (?:minh|em|toi|to) hoi\b|"
    r"\bhoi\b.{0,20}\b(?:voi|a|nhe)\b|\b(?:sao|tai sao|lam sao|the nao|nhu the nao)\b|"
    r"^(?:what|when|where|how|why|who|which|is|are|do|does|did|can|could|will|would)\b"
)
_REQUEST = (
    r"\b(?:xin|lam on|giup|gium|dum|mong|nen|hay|vui long|cho (?:minh|em|toi|to)|"
    r"please|can you|could you|would you|pls|plz|bring back|add|wish|hope you)\b|"
    r"\b(?:di|nha|nhe) (?:shop|ad|admin|quan)\b|\b(?:them|mo|lam|ra)\b.{0,40}\bdi\b"
)
_COMPLAINT = (
    r"\b(?:chua (?:thay|nhan|giao|hoan|duoc)|doi mai|cho mai|tre|cham|that vong|"
    r"still waiting|never (?:arrived|received|came)|refund|charged twice|wrong order)\b"
)


def intents(texts, sentiment_scores: pd.DataFrame | None = None) -> pd.Series:
    """What each text does: complaint, question, request, praise or other.

    Rules, first match wins: a *complaint* is negative (score at most -0.2) or states a
    service failure ("chưa thấy giao", "still waiting"); a *question* has a question mark or
    a question form ("có ... không", "bao giờ", "bao nhiêu", "cho mình hỏi", "when", "how",
    "can you" at the start); a *request* asks the brand to act ("xin", "làm ơn", "mong",
    "please", "can you", "bring back", "mở thêm ... đi"); *praise* is positive; the rest
    is *other*. A negative question ("sao đơn mình chưa giao vậy??") is a complaint.

    Parameters
    ----------
    texts : sequence of str or pandas.Series
    sentiment_scores : pandas.DataFrame, optional
        The output of :func:`sentiment` for the same texts, to avoid scoring twice.
    """
    s = _as_series(texts)
    if sentiment_scores is not None:
        found = _intents(Corpus.from_texts(s), sentiment_scores.reset_index(drop=True))
        return found.set_axis(s.index)
    s, codes, uniques = _distinct(s)
    corpus = Corpus.from_texts(uniques)
    found = _intents(corpus, _lexicon_sentiment(corpus))
    return pd.Series(found.to_numpy()[codes], index=s.index, dtype="str")


def _intents(corpus: Corpus, scored: pd.DataFrame) -> pd.Series:
    # The rules read the folded text with its tokens spaced (RE2 patterns: ASCII \b suits
    # folded text).
    folded = pa.array(corpus.joined(folded=True).to_numpy(), type=pa.string())

    def matches(pattern: str) -> np.ndarray:
        return pc.match_substring_regex(folded, pattern).to_numpy(zero_copy_only=False)

    complaint = (scored["score"].to_numpy() <= -0.2) | matches(_COMPLAINT)
    question, request = matches(_QUESTION), matches(_REQUEST)
    praise = scored["label"].to_numpy() == "positive"
    out = np.select([complaint, question, request, praise], list(INTENTS[:4]), default="other")
    return pd.Series(out, dtype="str")


# --------------------------------------------------------------------------------------------
# whole comment tables


def analyze(
    comments: pd.DataFrame, *, themes_dict: dict | str | Path | None = None
) -> pd.DataFrame:
    """Language, sentiment, intent and themes of every comment (or mention).

    Parameters
    ----------
    comments : pandas.DataFrame
        A ``comments`` or ``mentions`` table (needs ``text``).
    themes_dict : dict or path, optional
        Theme dictionary for :func:`themes`.

    Returns
    -------
    pandas.DataFrame
        The input columns plus ``lang``, ``sentiment`` (label), ``score``, ``intent``,
        ``theme`` (the first matching theme in dictionary order, or missing) and one
        boolean ``theme_<name>`` column per theme.
    """
    if "text" not in comments.columns:
        raise ValueError("analyze needs a 'text' column")
    # Normalise and score each distinct text once, then spread the results back.
    _s, codes, uniques = _distinct(comments["text"])
    corpus = Corpus.from_texts(uniques)
    scored = _lexicon_sentiment(corpus)
    found = _themes(corpus, load_themes(themes_dict)).iloc[codes].reset_index(drop=True)
    intent = _intents(corpus, scored).to_numpy()[codes]
    scored = scored.iloc[codes]
    out = comments.copy()
    out["lang"] = scored["lang"].to_numpy()
    out["sentiment"] = scored["label"].to_numpy()
    out["score"] = scored["score"].to_numpy()
    out["intent"] = intent
    first = found.idxmax(axis=1).where(found.any(axis=1)) if found.shape[1] else None
    out["theme"] = pd.Series(first, index=out.index, dtype="str") if first is not None else None
    for name in found.columns:
        out[f"theme_{name}"] = found[name].to_numpy()
    return out


def _timedelta(sla: str | pd.Timedelta) -> pd.Timedelta:
    try:
        value = pd.Timedelta(sla)
    except ValueError:
        raise ValueError(f"sla must be a duration such as '1h' or '30min', got {sla!r}") from None
    if value <= pd.Timedelta(0):
        raise ValueError(f"sla must be positive, got {sla!r}")
    return value


def customer_comments(comments: pd.DataFrame) -> pd.DataFrame:
    """The comments customers wrote: every row not written by the brand.

    A row counts as the brand's when ``author_is_brand`` is true; a missing value (or a
    table without the column, such as ``mentions``) counts as a customer.
    """
    return comments[~_by_brand(comments)]


def _by_brand(comments: pd.DataFrame) -> pd.Series:
    if "author_is_brand" not in comments.columns:
        return pd.Series(False, index=comments.index)
    return comments["author_is_brand"].fillna(False).astype(bool)


def has_brand_replies(comments: pd.DataFrame) -> bool:
    """Whether the table holds brand replies that response times can be measured from.

    A brand reply is a row with ``author_is_brand`` true and a ``parent_id`` (the comment
    answered). Without any, an export simply does not carry the brand's side of the
    conversation, and a response rate would read 0% when it is not measurable.
    """
    if "parent_id" not in comments.columns:
        return False
    return bool((_by_brand(comments) & comments["parent_id"].notna()).any())


def response_times(
    comments: pd.DataFrame,
    sla: str | pd.Timedelta = "1h",
    *,
    replies: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """For every customer comment, the brand's first reply and how long it took.

    Parameters
    ----------
    comments : pandas.DataFrame
        A ``comments`` table with brand replies (``author_is_brand`` true, ``parent_id`` the
        comment answered). Extra columns of the customer comments (such as ``intent`` from
        :func:`analyze`) are carried along.
    sla : str or Timedelta
        The promised response time.
    replies : pandas.DataFrame, optional
        Where to look for the brand's replies instead of ``comments`` (its brand rows are
        used; customer rows are ignored). A report on a period passes the comments of every
        date here, so that a comment of the last evening answered the next morning counts
        as answered.

    Returns
    -------
    pandas.DataFrame
        One row per customer comment (not a brand reply): its columns plus ``replied_at``
        (the first brand reply at or after the comment), ``delay`` (Timedelta),
        ``delay_hours``, ``answered`` and ``within_sla`` (answered no later than ``sla``
        after the comment). Times are UTC instants, so the delay does not depend on the
        time zone anything is displayed in.
    """
    limit = _timedelta(sla)
    for column in ("comment_id", "created_at", "parent_id", "author_is_brand"):
        if column not in comments.columns:
            raise ValueError(f"response_times needs a '{column}' column")
    source = comments if replies is None else replies
    for column in ("created_at", "parent_id", "author_is_brand"):
        if column not in source.columns:
            raise ValueError(f"response_times needs a '{column}' column in replies")
    customer = customer_comments(comments)
    is_reply = _by_brand(source) & source["parent_id"].notna()
    found = source.loc[is_reply, ["parent_id", "created_at"]]
    joined = customer[["comment_id", "created_at"]].merge(
        found.rename(columns={"parent_id": "comment_id", "created_at": "reply_at"}),
        on="comment_id",
        how="inner",
    )
    joined = joined[joined["reply_at"] >= joined["created_at"]]
    first = joined.groupby("comment_id")["reply_at"].min()
    out = customer.copy()
    replied = first.astype("datetime64[ns, UTC]").reindex(out["comment_id"].to_numpy())
    out["replied_at"] = pd.Series(replied.to_numpy(), index=out.index, dtype="datetime64[ns, UTC]")
    out["delay"] = out["replied_at"] - out["created_at"]
    out["delay_hours"] = out["delay"].dt.total_seconds() / 3600.0
    out["answered"] = out["replied_at"].notna()
    out["within_sla"] = out["answered"] & (out["delay"] <= limit)
    return out


def overall_response(times: pd.DataFrame) -> dict[str, float]:
    """Response rate and speed over every comment of :func:`response_times`' output.

    Returns
    -------
    dict
        ``answered`` (answered / customer comments), ``median_hours`` (of the answered ones)
        and ``within_sla`` (answered within the SLA / customer comments); NaN where the
        denominator is zero.
    """
    answered = times["answered"].astype(bool)
    return {
        "answered": float(answered.mean()) if len(times) else float("nan"),
        "median_hours": float(times.loc[answered, "delay_hours"].median()),
        "within_sla": float(times["within_sla"].mean()) if len(times) else float("nan"),
    }


def response_summary(times: pd.DataFrame, by: str | list[str] = "platform") -> pd.DataFrame:
    """Response rate and speed per group (platform, intent...).

    Returns
    -------
    pandas.DataFrame
        ``comments``, ``answered`` (count), ``response_rate`` (answered / comments),
        ``within_sla`` (share of all comments answered within the SLA), ``median_hours``
        and ``p90_hours`` (of answered comments).
    """
    keys = [by] if isinstance(by, str) else list(by)
    grouped = times.groupby(keys, observed=True)
    out = pd.DataFrame(
        {
            "comments": grouped.size(),
            "answered": grouped["answered"].sum(),
            "within_sla_n": grouped["within_sla"].sum(),
            "median_hours": grouped["delay_hours"].median(),
            "p90_hours": grouped["delay_hours"].quantile(0.9),
        }
    )
    out["response_rate"] = out["answered"] / out["comments"]
    out["within_sla"] = out["within_sla_n"] / out["comments"]
    out = out.drop(columns="within_sla_n").reset_index()
    cols = [*keys, "comments", "answered", "response_rate", "within_sla", "median_hours",
            "p90_hours"]  # fmt: skip
    return out[cols]


def expectation_gaps(
    analyzed: pd.DataFrame,
    previous: pd.DataFrame | None = None,
    *,
    quotes: int = 3,
    alpha: float = 0.05,
) -> pd.DataFrame:
    """What customers expect that the brand does not deliver yet, per theme.

    Parameters
    ----------
    analyzed : pandas.DataFrame
        Output of :func:`analyze` (customer comments), optionally with ``answered`` and
        ``delay_hours`` from :func:`response_times`.
    previous : pandas.DataFrame, optional
        The same for the previous period, to test whether the negative share changed.
    quotes : int
        Representative quotes per theme: its most negative comments, one per wording.
    alpha : float
        Significance level of the change test.

    Returns
    -------
    pandas.DataFrame
        Per theme, most negative comments first: ``theme``, ``comments``, ``negative``
        (count), ``share_negative`` (negative / comments), ``share_asking`` (questions and
        requests / comments), ``unanswered`` (share of comments without a brand reply, when
        known), ``median_hours`` (to answer), ``previous_share_negative``, ``change``,
        ``p_value`` (two-proportion z-test of the negative share, now against before) and
        ``significant``; ``quotes`` (list of str).
    """
    from smmnb.stats import ab_test

    theme_cols = [c for c in analyzed.columns if c.startswith("theme_")]
    if not theme_cols:
        raise ValueError("expectation_gaps needs the theme_ columns of analyze()")
    # One quote per wording: the same complaint with other emoji or without diacritics counts
    # once. The wording key of every negative comment, computed once for all themes:
    is_negative = (analyzed["sentiment"] == "negative").to_numpy()
    _s, codes, uniques = _distinct(analyzed["text"][is_negative])
    keys = normalize(uniques)["folded"].str.replace(r"[^\w]+", "", regex=True).to_numpy()
    wording = np.full(len(analyzed), None, dtype=object)
    wording[is_negative] = keys[codes]
    rows = []
    for col in theme_cols:
        sub = analyzed[analyzed[col].fillna(False).astype(bool)]
        if sub.empty:
            continue
        negative = int((sub["sentiment"] == "negative").sum())
        row = {
            "theme": col.removeprefix("theme_"),
            "comments": len(sub),
            "negative": negative,
            "share_negative": negative / len(sub),
            "share_asking": float(sub["intent"].isin(["question", "request"]).mean()),
            "unanswered": float((~sub["answered"]).mean()) if "answered" in sub else np.nan,
            "median_hours": float(sub["delay_hours"].median()) if "delay_hours" in sub else np.nan,
            "previous_share_negative": np.nan,
            "change": np.nan,
            "p_value": np.nan,
            "significant": False,
        }
        if previous is not None and col in previous.columns:
            before = previous[previous[col].fillna(False).astype(bool)]
            if len(before):
                neg_before = int((before["sentiment"] == "negative").sum())
                test = ab_test(neg_before, len(before), negative, len(sub), alpha=alpha)
                row.update(previous_share_negative=test.rate_a, change=test.diff,
                           p_value=test.p_value, significant=test.significant)  # fmt: skip
        at = np.flatnonzero(analyzed[col].fillna(False).astype(bool).to_numpy() & is_negative)
        at = at[np.argsort(analyzed["score"].to_numpy()[at], kind="stable")]  # worst first
        first_wording = ~pd.Series(wording[at]).duplicated().to_numpy()
        row["quotes"] = analyzed["text"].iloc[at[first_wording]].astype("str").tolist()[:quotes]
        rows.append(row)
    out = pd.DataFrame(rows)
    if out.empty:
        return out
    return out.sort_values(["negative", "comments"], ascending=False, kind="stable").reset_index(
        drop=True
    )


# --------------------------------------------------------------------------------------------
# the building blocks of the customer-expectations report


def net_sentiment(labels, by=None):
    """Net sentiment: the share of positive labels minus the share of negative labels.

    The one definition every report uses: ``(positive - negative) / labelled``, in [-1, 1],
    over the comments (or mentions) given; neutral ones count in the denominator.

    Parameters
    ----------
    labels : pandas.Series, sequence of str or pandas.DataFrame
        Sentiment labels (``negative``, ``neutral``, ``positive``), or a frame with a
        ``sentiment`` column (the output of :func:`analyze`). Missing labels are left out.
    by : str, list or pandas.Series, optional
        Groups: column names of the frame, or Series aligned with the labels.

    Returns
    -------
    float or pandas.Series
        One value, or one per group (named ``net_sentiment``); NaN where there is no label
        (a rate without a denominator).

    Examples
    --------
    >>> net_sentiment(["positive", "positive", "neutral", "negative"])
    0.25
    """
    if isinstance(labels, pd.DataFrame):
        frame = labels
        labels = frame["sentiment"]
        if isinstance(by, str):
            by = frame[by]
        elif isinstance(by, list):
            by = [frame[b] if isinstance(b, str) else b for b in by]
    labels = labels if isinstance(labels, pd.Series) else pd.Series(list(labels), dtype="object")
    value = labels.eq("positive").astype("float64") - labels.eq("negative").astype("float64")
    value = value.where(labels.notna().to_numpy())
    if by is None:
        return float(value.mean()) if value.notna().any() else float("nan")
    return value.groupby(by, observed=True).mean().rename("net_sentiment")


def _theme_columns(analyzed: pd.DataFrame) -> list[str]:
    return [c for c in analyzed.columns if c.startswith("theme_")]


def _flag(analyzed: pd.DataFrame, column: str) -> pd.Series:
    return analyzed[column].fillna(False).astype(bool)


def theme_labels(themes_dict: dict | str | Path | None = None) -> dict[str, str]:
    """Each theme's name and the label reports show (``delivery`` -> ``Delivery & shipping``)."""
    return {name: spec["label"] for name, spec in load_themes(themes_dict).items()}


def channel_sentiment(analyzed: pd.DataFrame, by: str = "platform") -> pd.DataFrame:
    """Comments and sentiment per channel.

    Parameters
    ----------
    analyzed : pandas.DataFrame
        :func:`analyze` output (customer comments).
    by : str
        The column that names the channel.

    Returns
    -------
    pandas.DataFrame
        One row per channel, most comments first: ``by``, ``comments``, ``negative`` and
        ``positive`` (shares of the channel's comments) and ``net_sentiment``
        (:func:`net_sentiment`).

    Raises
    ------
    InsufficientData
        When there is no comment.
    """
    if analyzed.empty:
        raise _insufficient("Sentiment by channel", "customer comments", "the table given is empty")
    key = analyzed[by]
    label = analyzed["sentiment"]
    out = pd.DataFrame(
        {
            "comments": analyzed.groupby(key, observed=True).size(),
            "negative": label.eq("negative").groupby(key, observed=True).mean(),
            "positive": label.eq("positive").groupby(key, observed=True).mean(),
            "net_sentiment": net_sentiment(analyzed, by=by),
        }
    )
    out = out.rename_axis(by).reset_index()
    return out.sort_values("comments", ascending=False, kind="stable").reset_index(drop=True)


def weekly_net_sentiment(
    analyzed: pd.DataFrame, *, tz: str, by: str = "platform", min_comments: int = 20
) -> pd.DataFrame:
    """Net sentiment per local week (weeks start on Monday) and channel.

    Parameters
    ----------
    analyzed : pandas.DataFrame
        :func:`analyze` output with ``created_at``.
    tz : str
        The time zone whose calendar weeks are counted (the workspace's).
    by : str
        The column that names the channel.
    min_comments : int
        A channel-week with fewer comments is left empty: its net sentiment is noise.

    Returns
    -------
    pandas.DataFrame
        Wide: week starts down (every week from the first to the last comment), channels
        across, :func:`net_sentiment` values; channels without any week left are dropped.

    Raises
    ------
    InsufficientData
        When no channel has ``min_comments`` comments in any week.
    """
    if min_comments < 1:
        raise ValueError(f"min_comments must be >= 1, got {min_comments}")
    from smmnb.narrative import count
    from smmnb.workspace import local_time

    wide = pd.DataFrame(dtype="float64")
    if len(analyzed):
        week = local_time(analyzed["created_at"], tz).dt.to_period("W-SUN").dt.start_time
        keys = [week.rename("week"), analyzed[by]]
        net = net_sentiment(analyzed["sentiment"], by=keys)
        size = analyzed.groupby(keys, observed=True).size()
        wide = net.where(size >= min_comments).unstack(by).dropna(axis=1, how="all")
    if wide.empty:
        raise _insufficient("The weekly sentiment chart",
                            f"a channel with at least {count(min_comments, 'comment')} in one week",
                            "the comments analysed have none")  # fmt: skip
    return wide


def sentiment_by_theme(analyzed: pd.DataFrame) -> pd.DataFrame:
    """Comments per theme, by sentiment.

    Returns
    -------
    pandas.DataFrame
        Themes down (their dictionary names), most discussed first; columns ``negative``,
        ``neutral``, ``positive`` (counts). Themes no comment touches are left out; a comment
        can touch several themes.

    Raises
    ------
    InsufficientData
        When no comment touches a theme.
    """
    rows = {}
    for column in _theme_columns(analyzed):
        label = analyzed.loc[_flag(analyzed, column), "sentiment"]
        rows[column.removeprefix("theme_")] = [int(label.eq(name).sum()) for name in LABELS]
    out = pd.DataFrame.from_dict(rows, orient="index", columns=list(LABELS)).astype("int64")
    out = out[out.sum(axis=1) > 0]
    if out.empty:
        from smmnb.narrative import count

        found = f"none of the {count(len(analyzed), 'comment')} analysed touches one"
        raise _insufficient("The theme analysis", "comments about a theme of the dictionary", found)
    return out.loc[out.sum(axis=1).sort_values(ascending=False, kind="stable").index]


def theme_coverage(analyzed: pd.DataFrame) -> float:
    """Share of the comments in which the dictionary recognises at least one theme (NaN if none)."""
    columns = _theme_columns(analyzed)
    if analyzed.empty:
        return float("nan")
    if not columns:
        return 0.0
    return float(analyzed[columns].fillna(False).astype(bool).any(axis=1).mean())


ASKING = ("question", "request")
"""The intents that ask the brand for something."""


def asks_by_theme(analyzed: pd.DataFrame) -> pd.Series:
    """Questions and requests per theme (themes with at least one), most first."""
    asks = analyzed[analyzed["intent"].isin(ASKING)]
    counts = pd.Series(
        {c.removeprefix("theme_"): int(_flag(asks, c).sum()) for c in _theme_columns(asks)},
        dtype="int64",
    )
    return counts[counts > 0].sort_values(ascending=False, kind="stable")


def ask_examples(analyzed: pd.DataFrame, per_intent: int = 4) -> pd.DataFrame:
    """The first questions and requests of the period, authors pseudonymised.

    Returns
    -------
    pandas.DataFrame
        ``platform``, ``intent``, ``author`` (``Customer 1``, ``Customer 2``... in order of
        first comment among all of ``analyzed``) and ``text``; up to ``per_intent`` rows per
        intent, earliest first.
    """
    asks = analyzed[analyzed["intent"].isin(ASKING)]
    examples = asks.sort_values("created_at").groupby("intent").head(per_intent)
    columns = [c for c in ("platform", "intent", "author", "text") if c in examples.columns]
    examples = examples[columns]
    if "author" in examples.columns:
        names = pd.unique(analyzed["author"].dropna())
        pseudonyms = {name: f"Customer {i + 1}" for i, name in enumerate(names)}
        examples = examples.assign(author=examples["author"].map(pseudonyms))
    return examples


def negative_per_day(*analyzed: pd.DataFrame, tz: str) -> pd.Series:
    """Negative messages per local calendar day.

    Parameters
    ----------
    *analyzed : pandas.DataFrame
        :func:`analyze` outputs (comments, mentions) with ``created_at``.
    tz : str
        The time zone whose calendar days are counted (the workspace's).

    Returns
    -------
    pandas.Series
        Indexed by every day from the first to the last message of all the frames (a day
        without a negative message counts 0), named ``negative``.
    """
    from smmnb.workspace import local_time

    frames = [f for f in analyzed if len(f)]
    if not frames:
        return pd.Series(dtype="int64", name="negative")
    day = pd.concat([local_time(f["created_at"], tz).dt.normalize() for f in frames])
    negative = np.concatenate([f["sentiment"].eq("negative").to_numpy(dtype=bool) for f in frames])
    days = pd.date_range(day.min(), day.max(), freq="D")
    counts = day[negative].value_counts().reindex(days, fill_value=0).astype("int64")
    return counts.rename_axis("day").rename("negative")


@dataclass(frozen=True)
class WorstDay:
    """The day with the most negative messages (see :func:`worst_day`)."""

    day: pd.Timestamp
    negative: int
    median: float
    ratio: float
    theme: str | None
    theme_share: float
    per_day: pd.Series

    @property
    def days(self) -> int:
        """Days compared."""
        return len(self.per_day)


def worst_day(*analyzed: pd.DataFrame, tz: str, min_days: int = 7) -> WorstDay:
    """The local day with the most negative comments and mentions, against the median day.

    Parameters
    ----------
    *analyzed : pandas.DataFrame
        :func:`analyze` outputs (comments, mentions), with the same theme columns.
    tz : str
        The time zone whose calendar days are counted (the workspace's).
    min_days : int
        Days the messages must span for a day to be compared with the others.

    Returns
    -------
    WorstDay
        ``day`` (the first of the days with the most negative messages), ``negative`` (their
        count), ``median`` (negative messages on the median day, days without any counted),
        ``ratio`` (``negative / median``, NaN when the median day has none), ``theme`` (the
        theme most of that day's negative messages are about, None when none has a theme),
        ``theme_share`` (the share of them about it) and ``per_day``
        (:func:`negative_per_day`).

    Raises
    ------
    InsufficientData
        When the messages span fewer than ``min_days`` days.
    """
    from smmnb.narrative import count
    from smmnb.workspace import local_time

    if min_days < 1:
        raise ValueError(f"min_days must be >= 1, got {min_days}")
    per_day = negative_per_day(*analyzed, tz=tz)
    if len(per_day) < min_days:
        found = (f"the comments and mentions of this period span {count(len(per_day), 'day')}"
                 if len(per_day) else "this period has none")  # fmt: skip
        raise _insufficient("Finding the worst day",
                            f"comments or mentions spanning at least {count(min_days, 'day')}",
                            found)  # fmt: skip
    peak_day = per_day.idxmax()
    peak, median = int(per_day.max()), float(per_day.median())
    theme, share = None, float("nan")
    bad = pd.concat([f[f["sentiment"].eq("negative")] for f in analyzed if len(f)])
    on_peak = bad[(local_time(bad["created_at"], tz).dt.normalize() == peak_day).to_numpy()]
    columns = _theme_columns(on_peak)
    if peak and columns:
        shares = on_peak[columns].fillna(False).astype(bool).mean()
        if shares.max() > 0:
            theme, share = shares.idxmax().removeprefix("theme_"), float(shares.max())
    ratio = peak / median if median > 0 else float("nan")
    return WorstDay(peak_day, peak, median, ratio, theme, share, per_day)


def _insufficient(analysis: str, need: str, found: str = ""):
    from smmnb.errors import InsufficientData
    from smmnb.narrative import needs

    return InsufficientData(needs(analysis, need, found))
