"""Theme dictionaries: which themes each text mentions, and themes discovered without one."""

from __future__ import annotations

import functools
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd

from smmnb.text.base import _as_series, _distinct, _text_file, _yaml, normalize, stopwords
from smmnb.text.corpus import FOLD_TABLE, Corpus, PhraseTable, tokenize_phrases
from smmnb.text.lexicon import _FOLD_COLLISIONS

__all__ = ["discover_themes", "load_themes", "themes"]


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
    common = stopwords() | _FOLD_COLLISIONS
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
    stop = sorted(stopwords())
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
