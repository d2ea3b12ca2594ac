"""Theme dictionaries: which themes each text mentions, and themes discovered without one."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from smmnb.text.base import _as_series, _distinct, _text_file, _yaml, fold, normalize, stopwords
from smmnb.text.corpus import FOLD_TABLE, Corpus, PhraseTable, tokenize_phrases
from smmnb.text.lexicon import _FOLD_COLLISIONS

__all__ = [
    "BUILTIN",
    "DEFAULT",
    "MIN_COVERAGE",
    "ThemeChoice",
    "choose_themes",
    "discover_themes",
    "discovered_themes",
    "load_themes",
    "resolve_themes",
    "theme_coverage_of",
    "theme_labels",
    "themes",
    "written_forms",
]

BUILTIN = ("food_beverage", "ecommerce_retail", "travel_airlines", "telecom_electronics", "banking")
"""The built-in theme dictionaries (``smmnb/text/theme_dictionaries/<name>.yml``)."""
DEFAULT = "food_beverage"
"""The dictionary used when none is named (the sample is a coffee brand)."""
MIN_COVERAGE = 0.5
"""A dictionary whose themes cover fewer customer comments than this gives way to discovered
themes in notebook 01."""
_FOLDER = "theme_dictionaries"
_LANGUAGES = ("en", "vi")


# themes and intents


def _dictionary_file(name: str) -> Path:
    return _text_file(f"{_FOLDER}/{name}.yml")


def _theme_error(source: str, message: str, theme: str | None = None, hint: str = ""):
    from smmnb.errors import Problem, SchemaError

    where = f"theme {theme!r}: " if theme is not None else ""
    return SchemaError(source, None, [Problem(where + message, hint=hint)])


def _phrases(value, source: str, theme: str, key: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise _theme_error(source, f"'{key}' must be a list of phrases, got {value!r}", theme)
    out = []
    for p in value:
        if isinstance(p, (dict, list)) or p is None:
            raise _theme_error(source, f"'{key}' holds {p!r}, not a phrase", theme)
        out.append(str(p))
    return out


def _check_themes(data, source: str) -> dict[str, dict]:
    """The dictionary's themes as ``{name: {label, label_en, label_vi, phrases}}``."""
    if not isinstance(data, dict) or not data:
        raise _theme_error(
            source,
            "must map theme names to their phrases",
            hint="write e.g. 'delivery: {label_en: Delivery, label_vi: Giao hàng, vi: [giao hàng],"
            " en: [delivery]}'",
        )
    out = {}
    for name, spec in data.items():
        name = str(name)
        if isinstance(spec, (list, str)) or spec is None:
            spec = {"phrases": spec}
        if not isinstance(spec, dict):
            raise _theme_error(
                source, f"must be a list of phrases or a mapping, got {spec!r}", name
            )
        unknown = sorted(
            set(map(str, spec)) - {"label", "label_en", "label_vi", "phrases", "vi", "en"}
        )
        if unknown:
            raise _theme_error(
                source,
                f"unknown key(s) {', '.join(unknown)}",
                name,
                hint="known: label_en, label_vi (or label), vi, en (or phrases)",
            )
        phrases = [
            p
            for key in ("phrases", "vi", "en")
            for p in _phrases(spec.get(key), source, name, key)
            if p.strip()
        ]
        if not phrases:
            raise _theme_error(source, "has no phrases", name,
                               hint="list them under 'vi' and/or 'en'")  # fmt: skip
        label = spec.get("label")
        label_en = str(spec.get("label_en") or label or name)
        label_vi = str(spec.get("label_vi") or label or label_en)
        out[name] = {"label": label_en, "label_en": label_en, "label_vi": label_vi,
                     "phrases": phrases}  # fmt: skip
    return out


def _read_yaml(path: Path) -> dict[str, dict]:
    import yaml

    source = str(path)
    try:
        data = _yaml(path)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise _theme_error(source, f"not a YAML file: {exc}") from None
    return _check_themes(data, source)


@functools.cache
def _builtin(name: str) -> dict[str, dict]:
    return _read_yaml(_dictionary_file(name))


@functools.lru_cache(maxsize=16)
def _file(path: str, _mtime: int, _size: int) -> dict[str, dict]:
    return _read_yaml(Path(path))


def load_themes(themes: dict | str | Path | None = None) -> dict[str, dict]:
    """A theme dictionary: a built-in one by name, a user's YAML file, a dict, or the default.

    Parameters
    ----------
    themes : str, Path, dict or None
        A built-in name (:data:`BUILTIN`: ``food_beverage``, ``ecommerce_retail``,
        ``travel_airlines``, ``telecom_electronics``, ``banking``), the path of a YAML file, a
        dict of the same shape, or None for :data:`DEFAULT`. Each theme maps to
        ``{"label_en": str, "label_vi": str, "vi": [...], "en": [...]}`` (``label`` for both
        languages and ``phrases`` are accepted too), or simply to a list of phrases. Phrases
        are matched accent-insensitively on word boundaries.

    Returns
    -------
    dict
        ``{name: {"label", "label_en", "label_vi", "phrases"}}`` in the file's order
        (``label`` is the English one).

    Raises
    ------
    SchemaError
        Naming the file (or ``<dict>``) and the theme: not YAML, not a mapping, a theme without
        phrases, an unknown key; or an unknown built-in name / a missing file.
    """
    if themes is None or (isinstance(themes, str) and not themes.strip()):
        themes = DEFAULT
    if isinstance(themes, dict):
        return _check_themes(themes, "<dict>")
    if isinstance(themes, str) and themes.strip() in BUILTIN:
        return {k: dict(v) for k, v in _builtin(themes.strip()).items()}
    path = Path(themes)
    if not path.is_file():
        looks_like_name = isinstance(themes, str) and path.suffix == "" and len(path.parts) == 1
        message = (f"no built-in theme dictionary named {str(themes)!r}" if looks_like_name
                   else f"file not found: {path}")  # fmt: skip
        raise _theme_error(str(themes), message, hint=f"built-in: {', '.join(BUILTIN)}")
    stat = path.stat()
    return {
        k: dict(v) for k, v in _file(str(path.resolve()), stat.st_mtime_ns, stat.st_size).items()
    }


def theme_labels(
    themes: dict | str | Path | None = None, language: str | None = None
) -> dict[str, str]:
    """Each theme's name and the label reports show, in the report language.

    ``language`` is ``"vi"`` or ``"en"`` (None: the report language in force,
    :func:`smmnb.i18n.get_language`, English unless a report set it): ``delivery`` ->
    ``Delivery & shipping`` or ``Giao hàng & vận chuyển``.
    """
    if language is None:
        from smmnb.i18n import get_language

        language = get_language()
    lang = (language or "en").strip().lower()
    if lang not in _LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(_LANGUAGES)}, got {language!r}")
    return {name: spec[f"label_{lang}"] for name, spec in load_themes(themes).items()}


@dataclass(frozen=True)
class ThemeChoice:
    """Which theme dictionary a report uses, and how much of the comments it covers.

    Attributes
    ----------
    themes : str or Path or dict
        What to pass as ``themes``/``themes_dict`` to the analyses: a built-in name, a path
        or a dict.
    name : str
        The built-in name, or the file name of the user's dictionary.
    source : str
        ``"parameter"``, ``"settings"`` (``smmnb.yml``) or ``"coverage"`` (the built-in
        dictionary that covers the most comments).
    coverage : float
        Share of ``comments`` in which the dictionary recognises at least one theme (NaN
        without comments).
    comments : int
        The comments the coverage was measured on.
    coverages : dict
        With ``source == "coverage"``, every built-in dictionary's coverage.
    """

    themes: object
    name: str
    source: str
    coverage: float
    comments: int
    coverages: dict = field(default_factory=dict)

    @property
    def discovered(self) -> bool:
        """Whether notebook 01 shows discovered themes instead of the dictionary's.

        True when the dictionary covers fewer than :data:`MIN_COVERAGE` of the comments
        (False without comments).
        """
        return bool(self.comments) and not self.coverage >= MIN_COVERAGE


def _coverages(texts, candidates) -> tuple[dict[str, float], int]:
    s, codes, uniques = _distinct(texts)
    n = len(s)
    if n == 0:
        return {_name(c): float("nan") for c in candidates}, 0
    corpus = Corpus.from_texts(uniques)
    weight = np.bincount(codes, minlength=len(uniques))
    out = {}
    for candidate in candidates:
        found = _themes(corpus, load_themes(candidate)).to_numpy().any(axis=1)
        out[_name(candidate)] = float(weight[found].sum() / n)
    return out, n


def _name(themes) -> str:
    if isinstance(themes, dict):
        return "<dict>"
    if isinstance(themes, str) and themes in BUILTIN:
        return themes
    return Path(themes).name


def theme_coverage_of(texts, themes: dict | str | Path | None = None) -> float:
    """Share of ``texts`` (every text counts, repeats too) that mention a theme (NaN if none)."""
    return _coverages(texts, [themes if themes is not None else DEFAULT])[0].popitem()[1]


def choose_themes(texts, candidates=BUILTIN) -> ThemeChoice:
    """The built-in dictionary that recognises a theme in the largest share of ``texts``.

    Ties go to the earlier candidate (:data:`DEFAULT` first); without texts, :data:`DEFAULT`.
    """
    candidates = list(candidates)
    if not candidates:
        raise ValueError("candidates must hold at least one theme dictionary")
    found, n = _coverages(texts, candidates)
    best = candidates[0]
    for c in candidates[1:]:
        if found[_name(c)] > found[_name(best)]:
            best = c
    return ThemeChoice(best, _name(best), "coverage", found[_name(best)], n, found)


def resolve_themes(texts, themes: str | Path | dict | None = "", settings=None) -> ThemeChoice:
    """The dictionary a report uses: the parameter, else ``smmnb.yml``, else the best coverage.

    Parameters
    ----------
    texts : sequence of str
        The customer comments (for the coverage).
    themes : str, Path or dict, optional
        A notebook parameter: a built-in name or a path; empty means the folder's setting.
    settings : Settings, optional
        The folder's settings; its ``themes`` (a path or a built-in name) is used next.
    """
    given = (
        themes if isinstance(themes, dict) or (themes is not None and str(themes).strip()) else None
    )
    source = "parameter"
    if given is None and settings is not None and getattr(settings, "themes", None):
        given, source = settings.themes, "settings"
    if given is None:
        return choose_themes(texts)
    if isinstance(given, str):
        given = given.strip()
    load_themes(given)  # fail early, naming the file and theme
    found, n = _coverages(texts, [given])
    return ThemeChoice(given, _name(given), source, found[_name(given)], n)


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


_WORD = re.compile(r"(?u)#?\b[^\W\d_]\w+\b")
"""A word: two or more characters starting with a letter, or a hashtag (as in
:mod:`smmnb.trends`)."""


def written_forms(texts, terms, *, pattern: re.Pattern = _WORD) -> dict[str, str]:
    """The most common written form of each folded term (``"tre"`` -> ``"trễ"``).

    Counting stays on folded text; this only chooses how to show a term. ``texts`` are
    tokenized lower case (NFC) with ``pattern`` and each word folded with the one fold
    (:func:`smmnb.text.fold`), so a term (one or more folded words separated by spaces) is
    found where its words follow each other. Spellings are counted in the texts that carry
    Vietnamese diacritics (a text typed without them says nothing about the right marks); a
    term found only in plain texts, or not at all, keeps its folded form.

    Returns
    -------
    dict
        Folded term -> its most used spelling (ties: the first in sorted order).
    """
    wanted = sorted({str(t) for t in terms if str(t).strip()})
    out = {t: t for t in wanted}
    if not wanted:
        return out
    s = _as_series(texts)
    codes, uniques = pd.factorize(s)
    if len(uniques) == 0:
        return out
    weights = np.bincount(codes, minlength=len(uniques))
    lowered = pd.Series(uniques, dtype="str").str.lower().str.normalize("NFC")
    marked = (lowered != fold(lowered)).to_numpy()
    keep = np.flatnonzero(marked)
    if not len(keep):
        return out
    lowered, weights = lowered.iloc[keep].reset_index(drop=True), weights[keep]
    tokens = lowered.str.findall(pattern).explode().dropna()
    if tokens.empty:
        return out
    doc = tokens.index.to_numpy()
    ocode, ovocab = pd.factorize(tokens.to_numpy(dtype=object))
    fcode_of, fvocab = pd.factorize(fold(pd.Series(ovocab, dtype="str")).to_numpy(dtype=object))
    f = fcode_of[ocode].astype(np.int64)
    windex = pd.Index(fvocab)
    size = np.int64(len(fvocab) + 1)
    by_length: dict[int, list[str]] = {}
    for t in wanted:
        by_length.setdefault(len(t.split(" ")), []).append(t)
    rows = []
    for n, group in by_length.items():
        if n > len(f):
            continue
        starts = np.arange(len(f) - n + 1)
        starts = starts[doc[starts] == doc[starts + n - 1]]
        words = [t.split(" ") for t in group]
        key = f[starts]
        tkey = windex.get_indexer([w[0] for w in words]).astype(np.int64)
        for k in range(1, n):
            combined = key * size + f[starts + k]
            key, uniq = pd.factorize(combined)
            nxt = windex.get_indexer([w[k] for w in words]).astype(np.int64)
            tcombined = np.where((tkey >= 0) & (nxt >= 0), tkey * size + nxt, -1)
            tkey = pd.Index(uniq).get_indexer(tcombined).astype(np.int64)
            tkey[tcombined < 0] = -1
        hit = np.isin(key, tkey[tkey >= 0])
        if not hit.any():
            continue
        at = starts[hit]
        spelled = pd.Series(ovocab[ocode[at]], dtype="str")
        for k in range(1, n):
            spelled = spelled + " " + pd.Series(ovocab[ocode[at + k]], dtype="str").to_numpy()
        term_of = dict(zip(tkey.tolist(), group, strict=True))
        term = [term_of[k] for k in key[hit].tolist()]
        rows.append(pd.DataFrame({"term": term, "spelled": spelled.to_numpy(),
                                  "weight": weights[doc[at]]}))  # fmt: skip
    if rows:
        found = pd.concat(rows).groupby(["term", "spelled"], sort=True)["weight"].sum()
        found = found.reset_index().sort_values(["term", "weight"], ascending=[True, False],
                                                kind="stable")  # fmt: skip
        out.update(found.drop_duplicates("term").set_index("term")["spelled"].to_dict())
    return out


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
    return _discover(texts, n, seed=seed, top=top)[0]


def _discover(texts, n: int, *, seed: int, top: int) -> tuple[pd.DataFrame, np.ndarray]:
    """:func:`discover_themes` and each text's strongest theme (-1 for none)."""
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfVectorizer

    if n < 1:
        raise ValueError(f"n must be >= 1, got {n}")
    s = _as_series(texts)
    norm = normalize(s)
    stop = sorted(stopwords())
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=3, max_df=0.5, stop_words=stop,
                                 token_pattern=r"(?u)\b[^\W\d_]{2,}\b")  # fmt: skip
    try:
        X = vectorizer.fit_transform(norm["folded"])
    except ValueError:  # no term at all
        X = np.zeros((len(s), 0))
    if X.shape[1] < n:
        from smmnb.errors import InsufficientData
        from smmnb.i18n import _, ngettext
        from smmnb.narrative import count, needs

        texts = ngettext("{count} text", "{count} texts", len(s)).format(count=count(len(s)))
        raise InsufficientData(
            needs(
                _("Discovering themes"),
                _("at least {terms} recurring terms for {themes} themes").format(
                    terms=count(n), themes=count(n)
                ),
                _("the {texts} hold {terms}").format(texts=texts, terms=count(X.shape[1])),
            )
        )
    model = NMF(n_components=n, init="nndsvda", random_state=seed, max_iter=400)
    W = model.fit_transform(X)
    terms = np.asarray(vectorizer.get_feature_names_out())
    strongest = np.where(W.max(axis=1) > 0, W.argmax(axis=1), -1)
    rows = []
    for k in range(n):
        order = np.argsort(-model.components_[k])[:top]
        best = np.argsort(-W[:, k])[:3]
        rows.append(
            {
                "theme": k,
                "top_terms": ", ".join(terms[order]),
                "size": int((strongest == k).sum()),
                "examples": [s.iloc[i] for i in best],
            }
        )
    return pd.DataFrame(rows), strongest


def discovered_themes(
    texts, sentiment=None, *, n: int = 8, seed: int = 0, label_terms: int = 3
) -> pd.DataFrame:
    """Themes found in the texts themselves (:func:`discover_themes`), labelled by top terms.

    Parameters
    ----------
    texts : sequence of str
        The customer comments.
    sentiment : sequence of str, optional
        Their labels (``positive``/``neutral``/``negative``), aligned with ``texts``.
    n : int
        Themes sought (fewer when the texts hold too few terms: at least 2).
    label_terms : int
        Top terms in a theme's label.

    Returns
    -------
    pandas.DataFrame
        One row per theme, largest first: ``theme`` (its top terms in their most common
        written form, ``"hành lý, thất lạc, chuyến bay"``), ``top_terms`` (eight, written
        form), ``comments`` (texts whose strongest theme it is), ``share`` (of all texts),
        ``negative`` (share of its comments labelled negative; NaN without labels) and
        ``example`` (the text that loads most on it). Themes with no comment are left out.
        ``attrs["comments"]`` is the number of texts.

    Raises
    ------
    InsufficientData
        When the texts hold too few recurring terms for two themes.
    """
    from smmnb.errors import InsufficientData
    from smmnb.i18n import _
    from smmnb.narrative import count, needs

    s = _as_series(texts).reset_index(drop=True)
    summary = None
    for k in range(max(int(n), 2), 1, -1):
        try:
            summary, strongest = _discover(s, k, seed=seed, top=8)
            break
        except ValueError:
            continue
    if summary is None:
        raise InsufficientData(
            needs(
                _("Discovering themes"),
                _("comments whose words recur (at least two themes' worth)"),
                _("the {comments} analysed have too few").format(comments=count(len(s), "comment")),
            )  # fmt: skip
        )
    folded = [t for row in summary["top_terms"] for t in row.split(", ")]
    written = written_forms(normalize(s)["text"], folded)
    labels = None if sentiment is None else pd.Series(np.asarray(sentiment), dtype="object")
    if labels is not None and len(labels) != len(s):
        raise ValueError(f"sentiment must have one label per text ({len(s)}), got {len(labels)}")
    rows = []
    for row in summary.itertuples():
        terms = [written[t] for t in row.top_terms.split(", ")]
        mine = strongest == row.theme
        negative = float("nan")
        if labels is not None and mine.any():
            negative = float((labels[mine] == "negative").mean())
        rows.append({"theme": ", ".join(terms[:label_terms]), "top_terms": ", ".join(terms),
                     "comments": int(mine.sum()), "share": float(mine.mean()) if len(s) else 0.0,
                     "negative": negative, "example": row.examples[0]})  # fmt: skip
    out = pd.DataFrame(rows)
    out = out[out["comments"] > 0].sort_values("comments", ascending=False, kind="stable")
    out = out.reset_index(drop=True)
    out.attrs["comments"] = len(s)
    return out
