"""How well a sentiment scorer does against labels people gave, and its shipped error rates.

- :func:`evaluate`: per-label precision, recall, F1 and support, macro-F1, accuracy and the
  confusion matrix (rows: the true label, columns: the predicted one) of the default scorer
  :func:`smmnb.text.sentiment` (language detected) or of any predictor.
- :func:`error_rates` / :class:`ErrorRates`: the scorer's measured misclassification rates,
  P(predicted label | true label), per language. smmnb ships the rates it measured on real
  labelled text of other people (``error_rates.yml`` beside this module: aggregate counts of
  the confusion matrices only, no text, no words, no weights); :meth:`ErrorRates.from_labels`
  builds them from the user's own labels instead (e.g. a cross-validated confusion).
- :func:`real_dev_sets`, :func:`write_error_rates`: the measurement behind ``smmnb evaluate``.

Macro-F1 is the mean F1 over the labels that occur among the true labels (a data set labelled
positive / negative only is scored on those two; a neutral prediction there is simply a miss),
as ``../shared/tools/realcheck.py`` computes it with scikit-learn.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from smmnb.errors import SmmnbError
from smmnb.i18n import N_, _, ngettext
from smmnb.text.lexicon import LABELS

__all__ = [
    "DEV_SETS",
    "ErrorRates",
    "Evaluation",
    "RATES_FILE",
    "error_rates",
    "evaluate",
    "real_dev_sets",
    "write_error_rates",
]

RATES_FILE = Path(__file__).with_name("error_rates.yml")
# The real development sets of ../shared/real/text (never shipped): file, language, what it is
# (in English, as error_rates.yml records it; a catalog message, shown in the report language).
DEV_SETS = (
    ("en_sxsw_brand_tweets.csv", "en", N_("English tweets about brands at a trade show")),
    ("vi_uit_vsfc_dev.csv", "vi", N_("Vietnamese student feedback")),
    ("vi_aivivn2019_reviews.csv", "vi", N_("Vietnamese product reviews")),
)


class LabelledFileError(SmmnbError, ValueError):
    """A labelled file cannot be evaluated (missing columns, no labelled row)."""


@dataclass
class Evaluation:
    """The scores of one predictor on one labelled set (see :func:`evaluate`)."""

    per_class: pd.DataFrame  # index: true labels present; precision, recall, f1, support
    confusion: pd.DataFrame  # rows: true labels present; columns: every label seen; counts
    accuracy: float
    macro_f1: float
    texts: int
    name: str = ""

    def table(self) -> str:
        """A plain-text block: the summary line, per-label scores and the confusion matrix."""
        head = (f"{self.name or 'labelled set'}: n={self.texts:,}  accuracy {self.accuracy:.3f}  "
                f"macro-F1 {self.macro_f1:.3f}")  # fmt: skip
        scores = self.per_class.copy()
        scores["support"] = scores["support"].astype(int)
        conf = self.confusion.rename_axis(index="true \\ predicted", columns=None)
        return "\n".join([
            head,
            scores.to_string(float_format=lambda v: f"{v:.3f}"),
            conf.to_string(),
        ])  # fmt: skip


def _predicted(texts: pd.Series, predict) -> pd.Series:
    if predict is None:
        from smmnb.text.lexicon import sentiment

        got = sentiment(texts)
    else:
        got = predict(texts)
    if isinstance(got, pd.DataFrame):
        got = got["label"]
    got = np.asarray(got, dtype=object)
    if len(got) != len(texts):
        raise ValueError(f"the predictor returned {len(got)} labels for {len(texts)} texts")
    return pd.Series(got, index=texts.index).astype(str)


def evaluate(texts, labels, predict=None, *, name: str = "") -> Evaluation:
    """Scores of a sentiment predictor against labels people gave.

    Parameters
    ----------
    texts, labels : sequence of str
        The texts and their true labels, aligned. Rows with a missing text or label are left
        out.
    predict : callable, optional
        ``predict(texts)`` returning labels (or a frame with a ``label`` column); default
        :func:`smmnb.text.sentiment` with the language detected per text.
    name : str
        A name for the set, shown by :meth:`Evaluation.table`.

    Returns
    -------
    Evaluation
        ``per_class``: for each label among the true ones, ``precision`` (correct / predicted
        as that label; 0 when never predicted), ``recall`` (correct / true ones), ``f1``
        (2 * correct / (predicted + true)) and ``support`` (true ones); ``macro_f1`` (mean F1
        over those labels), ``accuracy`` (correct / texts), ``confusion`` (counts, rows true,
        columns predicted) and ``texts``.
    """
    frame = pd.DataFrame({"text": pd.Series(list(texts), dtype=object),
                          "label": pd.Series(list(labels), dtype=object)}).dropna()  # fmt: skip
    if frame.empty:
        raise LabelledFileError("no text with a label to evaluate")
    frame["label"] = frame["label"].astype(str)
    got = _predicted(frame["text"].astype(str).reset_index(drop=True), predict)
    true = frame["label"].reset_index(drop=True)
    present = sorted(true.unique())
    seen = [*LABELS, *sorted((set(true) | set(got)) - set(LABELS))]
    seen = [lab for lab in seen if lab in set(true) | set(got) or lab in LABELS]
    confusion = pd.crosstab(true, got).reindex(index=present, columns=seen, fill_value=0)
    confusion = confusion.astype("int64").rename_axis(index="true", columns="predicted")
    tp = np.array([confusion.loc[lab, lab] for lab in present], dtype=float)
    predicted = np.array([(got == lab).sum() for lab in present], dtype=float)
    support = confusion.sum(axis=1).to_numpy(dtype=float)
    precision = np.divide(tp, predicted, out=np.zeros_like(tp), where=predicted > 0)
    recall = tp / support
    f1 = np.divide(2 * tp, predicted + support, out=np.zeros_like(tp), where=tp > 0)
    per_class = pd.DataFrame(
        {"precision": precision, "recall": recall, "f1": f1, "support": support.astype(int)},
        index=pd.Index(present, name="label"),
    )
    return Evaluation(per_class=per_class, confusion=confusion,
                      accuracy=float((true == got).mean()), macro_f1=float(f1.mean()),
                      texts=len(true), name=name)  # fmt: skip


def read_labelled(path: str | Path) -> pd.DataFrame:
    """A labelled CSV as (text, label): the label is ``sentiment_label`` or ``label``."""
    path = Path(path)
    data = pd.read_csv(path)
    column = next((c for c in ("sentiment_label", "label") if c in data.columns), None)
    if "text" not in data.columns or column is None:
        raise LabelledFileError(
            f"{path}: a labelled file needs a 'text' column and a 'sentiment_label' or 'label' "
            f"column; it has {', '.join(map(str, data.columns))}"
        )
    out = data[["text", column]].rename(columns={column: "label"}).dropna()
    if "lang" in data.columns:
        out["lang"] = data.loc[out.index, "lang"]
    return out.reset_index(drop=True)


def real_dev_sets(folder: str | Path) -> list[tuple[str, str, str, pd.DataFrame]]:
    """(file name, language, description, data) of each dev set present in ``folder``."""
    folder = Path(folder)
    return [
        (name, lang, what, read_labelled(folder / name))
        for name, lang, what in DEV_SETS
        if (folder / name).is_file()
    ]


# --------------------------------------------------------------------------------------------
# error rates


@dataclass
class ErrorRates:
    """Measured confusion counts of a scorer, per language, and where they come from.

    ``counts[lang]`` is a list of (data set name, confusion counts): a frame with the true
    labels as rows and :data:`~smmnb.text.LABELS` as columns. A data set without some true
    label (positive / negative reviews have no neutral row) borrows that row from the other
    data sets of the language (pooled); a language without any data set borrows from all.
    """

    counts: dict[str, list[tuple[str, pd.DataFrame]]]
    source: str
    measured_on_other_text: bool = True
    meta: dict = field(default_factory=dict)

    @classmethod
    def from_labels(cls, true, predicted, *, source: str = "") -> ErrorRates:
        """Rates from the user's own labels and the predictions for them.

        Give predictions that did not see the label they are checked against (for a model
        trained on the same labels: cross-validated predictions), else the rates are too kind.
        """
        true = pd.Series(list(true), dtype=object).astype(str)
        got = pd.Series(list(predicted), dtype=object).astype(str)
        if len(true) != len(got) or not len(true):
            raise ValueError("true and predicted labels must be aligned and not empty")
        return cls.from_confusion(pd.crosstab(true, got), source=source)

    @classmethod
    def from_confusion(cls, confusion: pd.DataFrame, *, source: str = "") -> ErrorRates:
        """Rates from a confusion matrix of counts (rows true, columns predicted labels).

        For example the cross-validated ``confusion`` of a :class:`SentimentModel` trained on
        the user's labels (``model.evaluation_["confusion"]``).
        """
        conf = confusion.reindex(columns=list(LABELS), fill_value=0).fillna(0)
        unknown = set(map(str, confusion.index)) - set(LABELS)
        if unknown or (conf.to_numpy() < 0).any():
            raise ValueError(f"a confusion of counts over {', '.join(LABELS)}; got rows "
                             f"{sorted(unknown)}")  # fmt: skip
        conf = conf.loc[[lab for lab in LABELS if lab in conf.index]]
        conf = conf.loc[conf.sum(axis=1) > 0].astype("int64")
        if conf.empty:
            raise ValueError("the confusion matrix counts nothing")
        if not source:
            from smmnb.narrative import count

            source = _("your {comments} labelled comments").format(
                comments=count(conf.to_numpy().sum())
            )
        name = source
        return cls(counts={"all": [(name, conf)]}, source=name, measured_on_other_text=False)

    @property
    def languages(self) -> list[str]:
        """The languages measured (``"all"`` for rates from the user's labels)."""
        return list(self.counts)

    def _rows(self, lang: str) -> list[tuple[str, pd.DataFrame]]:
        """The data sets of a language with every true label filled (see the class notes)."""
        everything = [item for items in self.counts.values() for item in items]
        own = self.counts.get(lang) or self.counts.get("all") or everything
        columns = list(LABELS)
        out = []
        for name, conf in own:
            conf = conf.reindex(columns=columns, fill_value=0)
            rows = {}
            for label in LABELS:
                if label in conf.index and conf.loc[label].sum() > 0:
                    rows[label] = conf.loc[label]
                    continue
                donors = [c for _n, c in own if label in c.index and c.loc[label].sum() > 0] or [
                    c for _n, c in everything if label in c.index and c.loc[label].sum() > 0
                ]
                if donors:
                    rows[label] = sum(c.reindex(columns=columns, fill_value=0).loc[label]
                                      for c in donors)  # fmt: skip
            out.append((name, pd.DataFrame(rows).T.reindex(columns=columns).astype("int64")))
        return out

    def matrices(self, lang: str) -> list[tuple[str, pd.DataFrame]]:
        """(data set, confusion counts) for a language, every true label filled."""
        return self._rows(lang)

    def rates(self, lang: str) -> pd.DataFrame:
        """P(predicted | true) for a language: the mean of its data sets' row-normalised rates."""
        mats = [c.div(c.sum(axis=1), axis=0) for _name, c in self._rows(lang)]
        return sum(mats) / len(mats)

    def describe(self, langs=None) -> str:
        """Where the rates of these languages were measured, for a sentence.

        ``"English tweets about brands at a trade show: 8,936 texts"`` (in the report
        language); the user's labels are named by :attr:`source`.
        """
        from smmnb.narrative import count

        if not self.measured_on_other_text:
            return self.source
        parts = [
            _("{dataset}: {texts}").format(
                dataset=_(row.what) if row.what else row.dataset,
                texts=ngettext("{count} text", "{count} texts", row.texts).format(
                    count=count(row.texts)
                ),
            )
            for row in self.summary(langs).itertuples()
        ]
        return "; ".join(parts)

    def summary(self, langs=None) -> pd.DataFrame:
        """Per data set measured: its scores, from its own confusion counts.

        ``langs`` keeps the data sets of those languages (all when None or when none match).
        One row per data set: ``dataset``, ``lang``, ``what``, ``texts``, ``accuracy``,
        ``macro_f1`` (over the labels the set has), and ``precision``/``recall`` of
        ``negative`` and ``positive`` (NaN where the set has no such label). Precision is
        correct / predicted as the label, recall correct / true ones.
        """
        described = {item["name"]: item.get("what", "") for item in self.meta.get("datasets", [])}
        keep = [la for la in self.counts if langs is None or la in set(langs)] or list(self.counts)
        rows = []
        for lang in keep:
            for name, conf in self.counts[lang]:
                conf = conf.reindex(columns=list(LABELS), fill_value=0)
                predicted = conf.sum(axis=0)
                row = {"dataset": name, "lang": lang, "what": described.get(name, ""),
                       "texts": int(conf.to_numpy().sum())}  # fmt: skip
                hits = sum(int(conf.loc[lab, lab]) for lab in conf.index)
                row["accuracy"] = hits / row["texts"]
                f1 = [2 * conf.loc[lab, lab] / (conf.loc[lab].sum() + predicted[lab])
                      for lab in conf.index]  # fmt: skip
                row["macro_f1"] = float(np.mean(f1))
                for lab in ("negative", "positive"):
                    tp = conf.loc[lab, lab] if lab in conf.index else np.nan
                    true = conf.loc[lab].sum() if lab in conf.index else np.nan
                    row[f"{lab}_precision"] = tp / predicted[lab] if predicted[lab] else np.nan
                    row[f"{lab}_recall"] = tp / true if true else np.nan
                rows.append(row)
        return pd.DataFrame(rows)

    def datasets(self, lang: str | None = None) -> list[str]:
        """The names of the data sets measured (of one language, or all)."""
        langs = self.languages if lang is None else [lang]
        return [name for la in langs for name, _conf in self.counts.get(la, [])]


def error_rates(path: str | Path | None = None) -> ErrorRates:
    """The shipped error rates of :func:`smmnb.text.sentiment` (``error_rates.yml``)."""
    import yaml

    path = Path(path) if path is not None else RATES_FILE
    if not path.is_file():
        raise SmmnbError(f"{path}: no error-rates file; run `smmnb evaluate --write-rates`")
    doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    counts: dict[str, list] = {}
    try:
        for item in doc["datasets"]:
            labels = item["labels"]
            conf = pd.DataFrame(item["confusion"], index=labels, columns=list(doc["columns"]))
            counts.setdefault(item["lang"], []).append((item["name"], conf.astype("int64")))
    except (KeyError, TypeError, ValueError) as err:
        raise SmmnbError(f"{path}: not an error-rates file ({err})") from None
    rates = ErrorRates(counts=counts, source="", meta=doc)
    rates.source = rates.describe()
    return rates


def write_error_rates(folder: str | Path, path: str | Path | None = None, predict=None) -> Path:
    """Measure the scorer on the real dev sets in ``folder`` and write the rates file.

    Only aggregate counts are written (per data set: the confusion matrix of the true labels
    against the predicted ones), with the data sets' names, sizes, the date and smmnb's version.
    """
    import yaml

    from smmnb import __version__

    missing = [n for n, _lang, _what in DEV_SETS if not (Path(folder) / n).is_file()]
    if missing:  # a partial measurement would silently drop a language's rates
        raise SmmnbError(f"{folder}: the rates need every dev set; missing {', '.join(missing)}")
    sets = real_dev_sets(folder)
    path = Path(path) if path is not None else RATES_FILE
    items = []
    for name, lang, what, data in sets:
        ev = evaluate(data["text"], data["label"], predict)
        conf = ev.confusion.reindex(columns=list(LABELS), fill_value=0)
        items.append({
            "name": Path(name).stem, "lang": lang, "what": what, "n": int(ev.texts),
            "labels": list(conf.index), "confusion": conf.to_numpy().astype(int).tolist(),
            "macro_f1": round(ev.macro_f1, 4), "accuracy": round(ev.accuracy, 4),
        })  # fmt: skip
    doc = {
        "note": (
            "Error rates of smmnb.text.sentiment (language detected) measured on real labelled "
            "text written and labelled by others, not on the user's comments: aggregate counts "
            "only (rows: true label, columns: predicted label). Regenerate with "
            "`smmnb evaluate --write-rates`."
        ),
        "measured": _dt.date.today().isoformat(),
        "smmnb_version": __version__,
        "columns": list(LABELS),
        "datasets": items,
    }
    text = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100,
                          default_flow_style=None)  # fmt: skip
    path.write_text("# Written by `smmnb evaluate --write-rates`; do not edit by hand.\n" + text,
                    encoding="utf-8")  # fmt: skip
    return path
