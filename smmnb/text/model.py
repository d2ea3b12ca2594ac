"""Teach the scorer your language: pick comments to label, learn from the labels.

- :func:`labelling_sample`: the comments most worth labelling (where the lexicon is unsure,
  spread over what customers write about);
- :class:`SentimentModel`: the lexicon's own judgement plus the user's words, learned from
  a few hundred labelled comments;
- :func:`train_from_labels` (:meth:`SentimentModel.from_labels`): read and check a labelled
  file, train on it and measure the model on those labels (cross-validated).
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd

from smmnb.errors import Problem, SchemaError
from smmnb.text.base import _as_series, normalize

__all__ = ["LABEL_NAMES", "SentimentModel", "labelling_sample", "read_labels",
           "train_from_labels"]  # fmt: skip

_LABELS = ("negative", "neutral", "positive")
LABEL_NAMES = {
    **{name: name for name in _LABELS},
    "neg": "negative", "-": "negative", "-1": "negative", "bad": "negative",
    "tiêu cực": "negative", "tieu cuc": "negative", "tiêu cưc": "negative", "tc": "negative",
    "neu": "neutral", "0": "neutral", "trung lập": "neutral", "trung lap": "neutral",
    "trung tính": "neutral", "trung tinh": "neutral", "tl": "neutral",
    "pos": "positive", "+": "positive", "1": "positive", "+1": "positive", "good": "positive",
    "tích cực": "positive", "tich cuc": "positive", "tíchcực": "positive",
}  # fmt: skip
"""Every spelling of a label that a labelled file may use (lower case), and the label it means."""

MIN_LABELS = 30
"""Fewest labelled comments :func:`train_from_labels` trains on."""
MIN_PER_LABEL = 3
"""Fewest comments of each of negative, neutral and positive it needs."""

_LEXICON_WEIGHT = 1.0  # the lexicon's features against the TF-IDF blocks (each of unit norm)


# --------------------------------------------------------------------------------------------
# the features


def _lexicon_features(texts: pd.Series, extra: tuple[str, ...] | None = None):
    """The lexicon's public judgement of each text as numbers, and the extra columns used.

    From :func:`smmnb.text.lexicon.sentiment`: its score, |score|, its label one-hot, its
    language one-hot, whether it found nothing (score 0), plus any other numeric column its
    output carries (``extra``: fixed when the model is trained); from the text: question
    and exclamation marks (log-scaled).
    """
    from smmnb.text.lexicon import sentiment

    scored = sentiment(texts)
    if extra is None:
        extra = tuple(
            c for c in scored.columns
            if c not in ("label", "score", "lang") and pd.api.types.is_numeric_dtype(scored[c])
        )  # fmt: skip
    score = scored["score"].to_numpy(dtype="float64")
    label = scored["label"].to_numpy()
    lang = scored["lang"].to_numpy()
    raw = texts.to_numpy(dtype="str") if len(texts) else np.zeros(0, dtype="str")
    # the marks in a variable: a literal second argument of count() reads as a noun to the
    # catalog extractor (smmnb.messages)
    questions, exclaims = (np.char.count(raw, mark) if len(raw) else np.zeros(0) for mark in "?!")
    columns = [score, np.abs(score), (score == 0).astype(float)]
    columns += [(label == name).astype(float) for name in _LABELS]
    columns += [(lang == name).astype(float) for name in ("vi", "en")]
    columns += [np.log1p(questions), np.log1p(exclaims)]
    for name in extra:
        values = scored[name] if name in scored else pd.Series(0.0, index=scored.index)
        values = pd.to_numeric(values, errors="coerce").fillna(0).to_numpy(dtype="float64")
        columns.append(np.sign(values) * np.log1p(np.abs(values)))
    return np.column_stack(columns) * _LEXICON_WEIGHT, extra, scored


def _prepared(texts: pd.Series) -> list[str]:
    norm = normalize(texts)
    return (norm["text"] + " | " + norm["folded"]).tolist()


class _Features:
    """Texts -> [TF-IDF words | TF-IDF characters | lexicon features].

    A scikit-learn transformer, at module level so that a saved model can be read back.
    """

    def __init__(self):
        self.words = self.chars = self.extra = None

    def fit(self, texts, y=None):
        from sklearn.feature_extraction.text import TfidfVectorizer

        s = _as_series(texts)
        prepared = _prepared(s)
        self.words = TfidfVectorizer(
            ngram_range=(1, 2), min_df=1, sublinear_tf=True, token_pattern=r"(?u)\b\w+\b|[^\w\s]"
        ).fit(prepared)
        self.chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2,
                                     sublinear_tf=True).fit(prepared)  # fmt: skip
        _, self.extra, _ = _lexicon_features(s)
        return self

    def transform(self, texts):
        from scipy import sparse

        s = _as_series(texts)
        prepared = _prepared(s)
        lexicon, _, _ = _lexicon_features(s, self.extra)
        return sparse.hstack(
            [self.words.transform(prepared), self.chars.transform(prepared),
             sparse.csr_matrix(lexicon)], format="csr"
        )  # fmt: skip

    def fit_transform(self, texts, y=None):
        return self.fit(texts).transform(texts)

    def get_params(self, deep=True):  # scikit-learn clones it for cross-validation
        return {}

    def set_params(self, **params):
        return self


# --------------------------------------------------------------------------------------------
# the model


class SentimentModel:
    """Sentiment learned from your own labelled comments, on top of the lexicon.

    A class-balanced logistic regression over three blocks of features: TF-IDF of word
    1-2-grams and of character 2-5-grams of the :func:`normalize`'d text (your customers'
    words, teencode, typos, missing diacritics) and the lexicon's own judgement of the text
    (:func:`smmnb.text.lexicon.sentiment`: its score, label and language, plus question and
    exclamation marks). A few hundred labels teach it where the lexicon is wrong on your
    comments while it keeps what the lexicon knows.

    Parameters
    ----------
    C : float
        Inverse regularisation strength of the logistic regression.
    seed : int
        Seed for the solver and for cross-validation splits.

    Examples
    --------
    >>> texts = ["cà phê ngon", "giao hàng chậm quá", "bình thường", "nhân viên dễ thương",
    ...          "đá tan hết, dở", "quán mở cửa lúc 7h"] * 3
    >>> labels = ["positive", "negative", "neutral"] * 6
    >>> model = SentimentModel().fit(texts, labels)
    >>> model.predict(["ship nhanh, cà phê ngon"]).tolist()
    ['positive']
    >>> model = SentimentModel.from_labels("labels.csv")  # doctest: +SKIP
    >>> model.evaluation_["macro_f1"]  # doctest: +SKIP
    """

    def __init__(self, C: float = 4.0, seed: int = 0):
        if C <= 0:
            raise ValueError(f"C must be > 0, got {C}")
        self.C = C
        self.seed = seed
        self.pipeline_ = None
        self.evaluation_: dict | None = None
        self.labels_file_: Path | None = None

    def _pipeline(self):
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import Pipeline

        classifier = LogisticRegression(C=self.C, max_iter=2000, class_weight="balanced",
                                        random_state=self.seed)  # fmt: skip
        return Pipeline([("features", _Features()), ("classifier", classifier)])

    def fit(self, texts, labels) -> SentimentModel:
        """Train on texts and their labels (any label set, e.g. negative/neutral/positive)."""
        s = _as_series(texts).reset_index(drop=True)
        y = pd.Series(labels).astype("str").to_numpy()
        if len(y) != len(s):
            raise ValueError("texts and labels must have the same length")
        if len(set(y)) < 2:
            from smmnb.errors import InsufficientData
            from smmnb.i18n import _, pgettext
            from smmnb.narrative import needs

            found = (_("every label here is {label}").format(label=repr(y[0])) if len(y)
                     else pgettext("labelled texts", "there are none"))  # fmt: skip
            raise InsufficientData(
                needs(
                    _("Training a sentiment model"),
                    _("labelled texts of at least two classes"),
                    found,
                )  # fmt: skip
            )
        self.pipeline_ = self._pipeline().fit(s, y)
        return self

    @classmethod
    def from_labels(cls, path, *, folds: int = 5, C: float = 4.0, seed: int = 0):
        """Read a labelled file, train on it and measure it: see :func:`train_from_labels`."""
        return train_from_labels(path, folds=folds, C=C, seed=seed)

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
        pipeline = self._check()
        predicted = pipeline.predict(s.reset_index(drop=True)) if len(s) else []
        return pd.Series(predicted, index=s.index, dtype="str")

    def predict_proba(self, texts) -> pd.DataFrame:
        """Probability of each label, one column per label."""
        s = _as_series(texts)
        pipeline = self._check()
        if not len(s):
            return pd.DataFrame(columns=self.classes_, index=s.index, dtype="float64")
        proba = pipeline.predict_proba(s.reset_index(drop=True))
        return pd.DataFrame(proba, columns=self.classes_, index=s.index)

    def evaluate(self, texts, labels, *, folds: int = 5) -> dict:
        """Cross-validated quality of this model's setup on labelled data.

        Returns
        -------
        dict
            ``report`` (per-class precision, recall, F1 and support, as a DataFrame),
            ``confusion`` (rows true, columns predicted), ``accuracy``, ``macro_f1``,
            ``texts`` (how many) and ``folds``.
        """
        from sklearn.metrics import classification_report, confusion_matrix
        from sklearn.model_selection import StratifiedKFold, cross_val_predict

        s = _as_series(texts).reset_index(drop=True)
        y = pd.Series(labels).astype("str").to_numpy()
        splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=self.seed)
        predicted = cross_val_predict(self._pipeline(), s, y, cv=splitter)
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
            "accuracy": float((predicted == y).mean()),
            "macro_f1": float(report.loc["macro avg", "f1-score"]),
            "texts": len(y),
            "folds": folds,
        }

    def save(self, path) -> None:
        """Write the trained model to a file (joblib)."""
        import joblib

        joblib.dump({"C": self.C, "seed": self.seed, "pipeline": self._check(),
                     "evaluation": self.evaluation_, "format": 2}, path)  # fmt: skip

    @classmethod
    def load(cls, path) -> SentimentModel:
        """Read a model written by :meth:`save`. Only load files you trust (pickle)."""
        import joblib

        data = joblib.load(path)
        if data.get("format") != 2:
            raise ValueError(f"{path}: a model saved by an older smmnb; train it again")
        model = cls(C=data["C"], seed=data["seed"])
        model.pipeline_ = data["pipeline"]
        model.evaluation_ = data.get("evaluation")
        return model


# --------------------------------------------------------------------------------------------
# the user's labels


def read_labels(path) -> pd.DataFrame:
    """Read and check a labelled file (CSV or Excel with ``text`` and ``label`` columns).

    Rows with an empty label are not labelled yet and are left out. Labels may be written
    negative / neutral / positive, in Vietnamese (tiêu cực / trung lập / tích cực), or as
    neg / neu / pos, -1 / 0 / 1 (any case; see ``LABEL_NAMES``).

    Returns
    -------
    pandas.DataFrame
        ``text`` and ``label`` (negative, neutral or positive) of the labelled rows, and
        ``row`` (where each is in the file: ``line N`` of a CSV file, ``row N`` of a sheet).

    Raises
    ------
    smmnb.errors.SchemaError
        The file is missing, empty or unreadable, lacks a ``text`` or ``label`` column, has
        labels that are not one of the above or texts that are empty (naming the rows), has
        fewer than 30 labelled comments or fewer than 3 of one label.
    """
    path = Path(path)
    source = str(path)

    def fail(message, column=None, rows=(), values=(), count=0, hint=""):
        return SchemaError(source, None, [Problem(message, column, tuple(rows)[:5],
                                                  tuple(values)[:5], count, hint)])  # fmt: skip

    if not path.is_file():
        raise fail("file not found")
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        try:
            table = pd.read_excel(path, dtype="str").dropna(how="all")
        except Exception as exc:  # noqa: BLE001 - any unreadable workbook
            raise fail(f"not a readable spreadsheet ({exc})") from None
        table.columns = [str(c).strip().lower() for c in table.columns]
        rows = [f"row {i + 2}" for i in range(len(table))]
    else:
        table, rows = _read_csv(path, fail)
    if table.empty and not len(table.columns):
        raise fail("the file is empty", hint="it needs a header line with text and label")
    for column in ("text", "label"):
        if column not in table.columns:
            raise fail(
                f"no '{column}' column",
                hint="columns found: " + ", ".join(map(str, table.columns))
                if len(table.columns)
                else "",
            )
    table = table.assign(row=rows)
    raw = table["label"].fillna("").astype("str").str.strip()
    labelled = table[raw != ""]
    raw = raw[raw != ""]
    if labelled.empty:
        raise fail(
            "no labelled comments",
            column="label",
            hint="write negative, neutral or positive in the label column",
        )
    key = raw.str.lower().str.replace(r"\s+", " ", regex=True)
    label = key.map(LABEL_NAMES)
    bad = label.isna()
    if bad.any():
        raise fail("not a label", "label", labelled.loc[bad, "row"], raw[bad], int(bad.sum()),
                   hint="use negative, neutral or positive (or tiêu cực, trung lập, tích cực; "
                   "neg, neu, pos; -1, 0, 1)")  # fmt: skip
    text = labelled["text"].fillna("").astype("str")
    empty = text.str.strip() == ""
    if empty.any():
        raise fail("a label without a text", "text", labelled.loc[empty, "row"],
                   count=int(empty.sum()))  # fmt: skip
    out = pd.DataFrame({"text": text, "label": label.astype("str"), "row": labelled["row"]})
    if len(out) < MIN_LABELS:
        raise fail(f"only {len(out)} labelled comments; label at least {MIN_LABELS} (a few "
                   "hundred is better: smmnb label-sample picks them)", "label")  # fmt: skip
    counts = out["label"].value_counts()
    short = [name for name in _LABELS if counts.get(name, 0) < MIN_PER_LABEL]
    if short:
        found = ", ".join(f"{name} {int(counts.get(name, 0))}" for name in _LABELS)
        raise fail(
            f"too few comments labelled {' and '.join(short)} ({found}); label at least "
            f"{MIN_PER_LABEL} of each of negative, neutral and positive",
            "label",
        )
    return out.reset_index(drop=True)


def _read_csv(path: Path, fail) -> tuple[pd.DataFrame, list[str]]:
    """A CSV file as strings, and the line each record starts on."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            sample = f.read(65536)
            f.seek(0)
            try:
                dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
            except csv.Error:
                dialect = csv.excel
            reader = csv.reader(f, dialect)
            header = next(reader, None)
            records, lines = [], []
            start = reader.line_num + 1
            for record in reader:
                if any(cell.strip() for cell in record):
                    records.append(record)
                    lines.append(f"line {start}")
                start = reader.line_num + 1
    except UnicodeDecodeError:
        raise fail("not a UTF-8 text file", hint="save it as CSV UTF-8") from None
    except csv.Error as exc:
        raise fail(f"not a readable CSV file ({exc})") from None
    if header is None:
        return pd.DataFrame(), []
    names = [h.strip().lower() for h in header]
    width = len(names)
    records = [(r + [""] * width)[:width] for r in records]
    return pd.DataFrame(records, columns=names, dtype="str"), lines


def train_from_labels(path, *, folds: int = 5, C: float = 4.0, seed: int = 0) -> SentimentModel:
    """Train a :class:`SentimentModel` on a labelled file and measure it on those labels.

    Parameters
    ----------
    path : path
        CSV (or Excel) with ``text`` and ``label`` columns: see :func:`read_labels`, which
        checks it. ``smmnb label-sample`` writes such a file with the label column empty.
    folds : int
        Cross-validation folds (fewer when a label has fewer comments).

    Returns
    -------
    SentimentModel
        Trained on every labelled comment; ``evaluation_`` holds its cross-validated
        quality on them (:meth:`SentimentModel.evaluate`: ``accuracy``, ``macro_f1``,
        ``report``, ``confusion``, ``texts``, ``folds``) and ``labels_file_`` the file.
    """
    labelled = read_labels(path)
    model = SentimentModel(C=C, seed=seed)
    smallest = int(labelled["label"].value_counts().min())
    model.evaluation_ = model.evaluate(labelled["text"], labelled["label"],
                                       folds=max(2, min(folds, smallest)))  # fmt: skip
    model.fit(labelled["text"], labelled["label"])
    model.labels_file_ = Path(path)
    return model


# --------------------------------------------------------------------------------------------
# what to label


_POOL_CAP = 30_000  # distinct comments considered at most (a seeded random subset beyond)
_NEAR_DUPLICATE = 0.7  # cosine similarity of TF-IDF vectors above which two texts are one
_CONFIDENT = 0.3  # |score| from which the lexicon's label trains the cross-check


def labelling_sample(texts, n: int = 300, seed: int = 0) -> pd.DataFrame:
    """The comments most worth labelling by hand, most uncertain first.

    Labelling 300 comments picked here teaches :class:`SentimentModel` more than 300 picked
    at random: they are where the lexicon is unsure, spread over what customers write about.

    1. Comments are de-duplicated on their :func:`normalize`'d text (the first one kept);
       empty ones are left out.
    2. Each gets an ``uncertainty`` in [0, 1], the mean of two signals: how close the
       lexicon's score is to the threshold between labels (1 on it, 0 from 0.4 away), and
       how much a word model trained on the lexicon's confident labels in the same comments
       (|score| >= 0.3, cross-fitted) disagrees with the lexicon (e.g. complaints without a
       negative word, next to confident complaints that share their words).
    3. A pool of the ``4 * n`` most uncertain comments plus ``n`` others at random (so that
       the model also sees what the lexicon gets right) is clustered into ``n`` groups
       (k-means over TF-IDF of the normalised text); each group gives its most uncertain
       comment, skipping near-duplicates (cosine similarity above 0.7) of one already
       picked; free places go to the next most uncertain comments that are not
       near-duplicates.

    Parameters
    ----------
    texts : sequence of str or pandas.Series
        The comments (its index is kept).
    n : int
        How many to return (fewer when there are fewer distinct comments).
    seed : int
        Seed of the random draws: the same texts and seed give the same sample.

    Returns
    -------
    pandas.DataFrame
        Indexed like ``texts``, most uncertain first: ``text`` (as written),
        ``suggested`` (the lexicon's label), ``score`` (the lexicon's score),
        ``uncertainty`` and an empty ``label`` column to fill in.
    """
    from smmnb.text.lexicon import THRESHOLD, sentiment

    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    s = _as_series(texts)
    columns = ["text", "suggested", "score", "uncertainty", "label"]
    keys = normalize(s)["folded"].str.strip()
    keep = (keys != "") & ~keys.duplicated()
    s, keys = s[keep], keys[keep]
    rng = np.random.default_rng(seed)
    if len(s) > _POOL_CAP:
        chosen = np.sort(rng.choice(len(s), _POOL_CAP, replace=False))
        s, keys = s.iloc[chosen], keys.iloc[chosen]
    if s.empty:
        return pd.DataFrame({c: pd.Series(dtype="float64" if c in ("score", "uncertainty")
                                          else "str") for c in columns})  # fmt: skip
    scored = sentiment(s)
    score = scored["score"].to_numpy(dtype="float64")
    closeness = 1 - np.minimum(np.abs(np.abs(score) - THRESHOLD) / 0.4, 1)
    vectors = _vectors(keys)
    disagreement = _disagreement(vectors, score, scored["label"].to_numpy(), seed)
    uncertainty = closeness if disagreement is None else (closeness + disagreement) / 2
    order = np.lexsort((np.arange(len(s)), -uncertainty))  # most uncertain first, stable
    # Each label the lexicon suggests gets a third of the places (a label with fewer
    # comments leaves its places to the others), so that all three are learned.
    suggested = scored["label"].to_numpy()
    sizes = {name: int((suggested == name).sum()) for name in _LABELS}
    quota = dict.fromkeys(_LABELS, 0)
    for _ in range(min(n, len(s))):
        open_ = [name for name in _LABELS if quota[name] < sizes[name]]
        quota[min(open_, key=lambda name: quota[name])] += 1
    picked: list[int] = []  # near-duplicates are looked for across the labels too
    for name in _LABELS:
        if quota[name]:
            within = order[suggested[order] == name]
            picked += _diverse(vectors, uncertainty, within, quota[name], rng, seed, picked)
    picked = np.asarray(picked, dtype=int)
    picked = picked[np.lexsort((picked, -uncertainty[picked]))]
    return pd.DataFrame(
        {"text": s.iloc[picked].to_numpy(), "suggested": scored["label"].to_numpy()[picked],
         "score": score[picked], "uncertainty": uncertainty[picked], "label": ""},
        index=s.index[picked],
    ).astype({"text": "str", "suggested": "str", "label": "str"})  # fmt: skip


def _vectors(keys: pd.Series):
    """L2-normalised TF-IDF of words and character 3-4-grams of the folded texts."""
    from scipy import sparse
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize as l2

    words = TfidfVectorizer(token_pattern=r"(?u)\b\w+\b", ngram_range=(1, 2), min_df=1,
                            sublinear_tf=True, dtype=np.float32)  # fmt: skip
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 4), min_df=2, sublinear_tf=True,
                            dtype=np.float32)  # fmt: skip
    blocks = []
    for vectorizer in (words, chars):
        try:
            blocks.append(vectorizer.fit_transform(keys.tolist()))
        except ValueError:  # no term at all (e.g. emoji only, or too few texts for min_df)
            blocks.append(sparse.csr_matrix((len(keys), 1), dtype=np.float32))
    return l2(sparse.hstack(blocks, format="csr"))


def _disagreement(vectors, score, label, seed: int) -> np.ndarray | None:
    """How much a word model of the lexicon's confident labels disagrees with the lexicon.

    None when the lexicon is confident about fewer than 10 positive or 10 negative comments.
    """
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    confident = np.flatnonzero(np.abs(score) >= _CONFIDENT)
    y = (score[confident] > 0).astype(int)
    if min(y.sum(), len(y) - y.sum()) < 10:
        return None

    def model():
        return LogisticRegression(C=1.0, max_iter=500, class_weight="balanced")

    p_positive = model().fit(vectors[confident], y).predict_proba(vectors)[:, 1]
    # the confident comments themselves are scored by models that did not see them
    for train, test in StratifiedKFold(3, shuffle=True, random_state=seed).split(confident, y):
        fitted = model().fit(vectors[confident[train]], y[train])
        p_positive[confident[test]] = fitted.predict_proba(vectors[confident[test]])[:, 1]
    # A comment the lexicon calls neutral is one the word model, which knows only positive
    # and negative, must push to one side: its lean counts half.
    return np.where(
        label == "positive",
        1 - p_positive,
        np.where(label == "negative", p_positive, np.abs(p_positive - 0.5)),
    )


def _diverse(vectors, uncertainty, order, n: int, rng, seed: int, taken) -> list[int]:
    """Positions of ``n`` diverse, uncertain texts (see :func:`labelling_sample`, step 3).

    None is a near-duplicate of another or of one ``taken`` already.
    """
    from sklearn.cluster import KMeans

    top = order[: 4 * n]
    rest = order[4 * n :]
    extra = rng.choice(rest, min(n, len(rest)), replace=False) if len(rest) else rest
    pool = np.concatenate([top, np.sort(extra)])
    if len(pool) > n:
        clusters = KMeans(n_clusters=n, n_init=1, random_state=seed).fit_predict(vectors[pool])
        # per cluster, its most uncertain member (pool order breaks ties)
        ranked = pool[np.lexsort((np.arange(len(pool)), -uncertainty[pool]))]
        cluster_of = dict(zip(pool, clusters, strict=True))
        seen, leaders = set(), []
        for i in ranked:
            if cluster_of[i] not in seen:
                seen.add(cluster_of[i])
                leaders.append(i)
        led = set(leaders)
        candidates = leaders + [i for i in order if i not in led]
    else:
        candidates = list(order)
    picked: list[int] = []
    for i in candidates:
        if len(picked) == n:
            break
        others = list(taken) + picked
        if others and (vectors[others] @ vectors[i].T).max() > _NEAR_DUPLICATE:
            continue
        picked.append(i)
    return picked
