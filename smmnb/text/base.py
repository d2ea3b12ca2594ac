"""Text basics shared by every text analysis: the one fold, stop words, data files, normalising.

Everything that reads words goes through :class:`smmnb.text.corpus.Corpus` (one tokenizer) and
:func:`fold` (one way to drop diacritics), so ``trends`` and ``expectations`` agree on what a
word is.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import yaml

from smmnb.text.corpus import FOLD_TABLE, Corpus

__all__ = ["fold", "fold_one", "normalize", "stopwords"]

_COMBINING = "[\u0300-\u036f]"  # combining marks left over after folding
_COMBINING_RE = re.compile(_COMBINING)


def fold(texts, *, lower: bool = False) -> pd.Series:
    """Remove diacritics (``giao hàng chậm`` -> ``giao hang cham``, ``đ`` -> ``d``).

    The one fold of the package: text in decomposed form (NFD) is composed first, so it folds
    the same; ``lower=True`` lower-cases too.
    """
    s = pd.Series(texts, dtype="str")
    if lower:
        s = s.str.lower()
    return s.str.normalize("NFC").str.translate(FOLD_TABLE).str.replace(_COMBINING, "", regex=True)


def _as_series(texts) -> pd.Series:
    if isinstance(texts, str):
        texts = [texts]
    s = pd.Series(texts)
    return s.astype("str").where(s.notna(), "")


def fold_one(text: str, *, lower: bool = True) -> str:
    """:func:`fold` of one string, lower case unless ``lower=False``: ``"Trễ"`` -> ``"tre"``."""
    text = unicodedata.normalize("NFC", str(text))
    if lower:
        text = text.lower()
    return _COMBINING_RE.sub("", text.translate(FOLD_TABLE))


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
        dc/đc -> được, sp -> sản phẩm; see :mod:`smmnb.text.corpus`), ``folded`` (``text``
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


def _text_file(name: str) -> Path:
    return Path(str(resources.files("smmnb") / "text" / name))


def _yaml(path: Path):
    """A YAML file's content; libyaml's parser when PyYAML has it (several times faster)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 (safe)


@functools.cache
def stopwords() -> frozenset[str]:
    """Vietnamese and English stop words, lower case and folded (``smmnb/text/stopwords.txt``)."""
    words = set()
    for line in _text_file("stopwords.txt").read_text(encoding="utf-8").splitlines():
        w = line.strip().lower()
        if w and not w.startswith("#"):
            words.add(w.translate(FOLD_TABLE))
    return frozenset(words)
