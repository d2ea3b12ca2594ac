"""A sentiment model learned from the user's own labelled comments."""

from __future__ import annotations

import pandas as pd

from smmnb.text.base import _as_series, normalize

__all__ = ["SentimentModel"]


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
