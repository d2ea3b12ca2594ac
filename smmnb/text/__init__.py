"""Text: one home for reading social text (code and the data files beside it).

- :mod:`smmnb.text.corpus`: the tokenizer (:class:`Corpus`) and phrase matching;
- :mod:`smmnb.text.base`: :func:`fold`, :func:`normalize`, :func:`stopwords`;
- :mod:`smmnb.text.lexicon`: the lexicon scorer :func:`sentiment` and
  :func:`detect_language`;
- :mod:`smmnb.text.model`: :class:`SentimentModel`, learned from the user's labels;
- :mod:`smmnb.text.themes`: theme dictionaries (``themes.themes``), :func:`load_themes` and
  :func:`discover_themes`.

The lexicons (``sentiment_en.tsv``, ``sentiment_vi.tsv``, ``modifiers.yml``), stop words and
theme dictionaries are data files in this folder, written for this project.
"""

from smmnb.text.base import fold, fold_one, normalize, stopwords
from smmnb.text.corpus import Corpus
from smmnb.text.lexicon import LABELS, THRESHOLD, detect_language, explain, sentiment
from smmnb.text.model import SentimentModel, labelling_sample, train_from_labels
from smmnb.text.themes import discover_themes, load_themes

__all__ = [
    "LABELS",
    "THRESHOLD",
    "Corpus",
    "SentimentModel",
    "detect_language",
    "discover_themes",
    "explain",
    "fold",
    "fold_one",
    "labelling_sample",
    "load_themes",
    "normalize",
    "sentiment",
    "stopwords",
    "train_from_labels",
]
