"""The lexicon sentiment scorer and the language detector (offline, vectorized).

See :func:`sentiment`.
"""

from __future__ import annotations

import functools
import unicodedata
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from smmnb.text.base import _as_series, _distinct, _strings, _text_file, _yaml, stopwords
from smmnb.text.corpus import FOLD_TABLE, Corpus, Keys, Lookup, PhraseTable, tokenize_phrases

if TYPE_CHECKING:
    from smmnb.text.model import SentimentModel

__all__ = ["LABELS", "THRESHOLD", "detect_language", "explain", "sentiment"]

LABELS = ("negative", "neutral", "positive")
THRESHOLD = 0.05  # |score| below this is neutral
_ALPHA = 6.0  # score = total / sqrt(total^2 + alpha): squashes sums into (-1, 1)
_NEGATION = -0.74
_CONTRAST_BEFORE, _CONTRAST_AFTER = 0.5, 1.5
_EXCLAIM = 0.2
_COMPLAINT_TERM = -2.0  # a term at most this strong makes its text a complaint...
_WISH = -0.8  # "nên có thêm...", "should be...": an unmet expectation
_PRAISE_IN_COMPLAINT = 0.4  # ...where praise counts for less ("really happy I was charged twice")


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
    # everyday words whose folded form is another common word: "kém"/"kem" (ice cream),
    # "lỗi"/"lời", "hỏng"/"hông" (= không), "bẩn"/"bạn", "hôi"/"hỏi", "muộn"/"muốn",
    # "sập"/"sắp", "bền"/"bên", "yêu"/"yếu", "chật"/"chat", "vội"/"với"...
    "kem", "kho", "cu", "loi", "hong", "be", "meo", "hoi", "lua", "voi", "muon",
    "sap", "coc", "chat", "ben", "yeu", "gioi",
}  # fmt: skip


@functools.cache
def _lexicon_files() -> dict[str, dict[str, float]]:
    """Each language's lexicon file as key -> score (lower case, NFC; the first entry wins)."""
    out: dict[str, dict[str, float]] = {}
    for lang in ("en", "vi"):
        table = pd.read_csv(_text_file(f"sentiment_{lang}.tsv"), sep="\t", dtype={"term": str},
                            keep_default_na=False, quoting=3, comment=None)  # fmt: skip
        entries: dict[str, float] = {}
        for term, score in zip(table["term"], table["score"], strict=True):
            key = unicodedata.normalize("NFC", str(term)).strip().lower()
            if key:
                entries.setdefault(key, float(score))
        out[lang] = entries
    return out


@functools.cache
def _english_keys() -> frozenset[str]:
    """The English lexicon's keys, as written and folded: the entries English text may use."""
    keys = set(_lexicon_files()["en"])
    return frozenset(keys | {k.translate(FOLD_TABLE) for k in keys})


@functools.cache
def _lexicon() -> tuple[dict[str, float], dict[str, float]]:
    """(accented lexicon, folded lexicon) over both languages, lower-case keys."""
    accented: dict[str, float] = {}
    for lang in ("en", "vi"):
        for key, score in _lexicon_files()[lang].items():
            accented.setdefault(key, score)
    folded: dict[str, float] = {}
    collisions: set[str] = set()
    for key, score in accented.items():
        f = key.translate(FOLD_TABLE)
        if f in folded and np.sign(folded[f]) != np.sign(score):
            collisions.add(f)
        folded.setdefault(f, score)
    # A Vietnamese entry whose folded form is a stop word ("êm" -> "em") would score every
    # plain text that uses the stop word: it matches as written only.
    english = _english_keys()
    common = {f for key in accented if (f := key.translate(FOLD_TABLE)) != key} & stopwords()
    common -= english
    for f in collisions | _FOLD_COLLISIONS | common:
        if f not in accented or f in _FOLD_COLLISIONS or f in common:
            folded.pop(f, None)
    return accented, folded


def _word_set(kind: str) -> dict[str, float]:
    """A word list of modifiers.yml as written (its folded twin is made in :func:`_word_maps`)."""
    mods = _modifiers()
    out: dict[str, float] = {}
    for lang in ("en", "vi"):
        values = mods.get(kind, {}).get(lang, [])
        items = values.items() if isinstance(values, dict) else ((v, 1.0) for v in values)
        for word, weight in items:
            key = unicodedata.normalize("NFC", str(word)).lower()
            out[key] = float(weight)
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
def _fact_patterns() -> dict[str, tuple[float, str]]:
    """The ``patterns`` of modifiers.yml: name -> (weight, regex on the folded text)."""
    return {
        str(name): (float(spec["weight"]), str(spec["regex"]).strip())
        for name, spec in (_modifiers().get("patterns") or {}).items()
    }


@functools.cache
def _pattern_words() -> dict[str, float]:
    """Folded word -> bit mask of the patterns (in order) that need it."""
    out: dict[str, int] = {}
    for k, spec in enumerate((_modifiers().get("patterns") or {}).values()):
        for word in spec.get("words") or []:
            out[str(word)] = out.get(str(word), 0) | (1 << k)
    return {w: float(b) for w, b in out.items()}


def pattern_names() -> list[str]:
    """The patterns that add to a text's score besides its words (see :func:`explain`)."""
    return ["wish", "excess", *_fact_patterns()]


@functools.cache
def _word_maps() -> dict[str, dict[str, float]]:
    """The single-token word lists of the scorer and the language detector.

    A list that Vietnamese text typed without diacritics must match has a twin,
    ``<name>@folded``, with its keys folded: texts with diacritics read the list as written,
    so that "đừng" negates but the "dung" of "nội dung" does not (see :func:`_per_token`).
    """
    negators = _word_set("negators")
    boosters = {**_word_set("dampeners"), **_word_set("intensifiers")}
    strong = {w: 1.0 for w in _word_set("contrast") if w not in ("though", "although")}
    suggestion = _word_set("suggestion")
    language = dict.fromkeys(_VI_WORD_LIST, 1.0)
    for w in _EN_WORD_LIST:
        language[w] = language.get(w, 0.0) - 1.0
    lists = {
        "negators": negators,
        "boosters": boosters,
        "contrast": strong,
        "suggestion": suggestion,
    }
    folded = {}
    for name, words in lists.items():
        twin: dict[str, float] = {}
        for word, weight in words.items():
            twin.setdefault(word.translate(FOLD_TABLE), weight)
        folded[f"{name}@folded"] = twin
    return {
        **lists,
        **folded,
        "clause_end": dict.fromkeys(".,!?;:", 1.0),
        "exclamation": {"!": 1.0},
        "excess": _word_set("excess"),  # as written: plain "qua" is mostly "past"
        "takes_back": _word_set("takes_back"),
        "language": language,  # +1 Vietnamese, -1 English
        "pattern words": _pattern_words(),
    }


def _per_token_entry(corpus: Corpus, name: str, default: float = np.nan) -> np.ndarray:
    """A word list looked up per entry of the "matched" vocabulary (written, then folded).

    Texts with diacritics read the list as written; plain texts read its folded twin when it
    has one.
    """
    sets = _modifier_sets()
    out = corpus.per_entry(sets[name], default, form="matched")
    if f"{name}@folded" in sets:
        plain = corpus.per_entry(sets[f"{name}@folded"], default, form="matched")
        out = np.r_[out[: len(corpus.words)], plain[len(corpus.words) :]]
    return out


@functools.cache
def _keys() -> Keys:
    """Every word the lexicons, modifiers and language lists look for.

    A corpus matches its vocabulary against them once for all of them.
    """
    words = [w for phrases in _lexicon_phrases() for p in phrases for w in p]
    return Keys(words + [w for m in _word_maps().values() for w in m])


@functools.cache
def _lexicon_tables() -> tuple[PhraseTable, PhraseTable, np.ndarray, np.ndarray]:
    """The lexicons as phrase tables over tokens (as written, and folded).

    A table's values are positions in the two arrays returned with them: each phrase's score,
    and whether it is Vietnamese only (no English entry is written or folds the same), which
    English text never uses: folding must not turn "DM" into "đm" or "be" into "bể".
    """
    english = sorted(_english_keys())
    tables, scores, vietnamese = [], [], []
    for phrases, plain in zip(_lexicon_phrases(), (False, True), strict=True):
        start = len(scores)
        tables.append(PhraseTable({t: float(start + i) for i, t in enumerate(phrases)}, _keys()))
        scores += list(phrases.values())
        in_english = set(tokenize_phrases(english, folded=plain))
        vietnamese += [t not in in_english for t in phrases]
    return tables[0], tables[1], np.array(scores), np.array(vietnamese, dtype=bool)


@functools.cache
def _modifier_sets() -> dict[str, Lookup]:
    return {name: Lookup(words, _keys()) for name, words in _word_maps().items()}


def _lexicon_terms(
    corpus: Corpus, language: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The lexicon terms found: (start token, score, covered tokens mask, tokens per term).

    Text with diacritics is matched as written, then on the folded lexicon; plain text only
    on the folded lexicon (its tokens have no diacritics to begin with). Longer phrases win:
    a term counts only if none of its tokens belongs to a longer term already taken. Text
    not detected as Vietnamese (``language``: positions in ``_LANGS``) uses English entries
    only: folding must not read English as unaccented Vietnamese.
    """
    accented, folded, entry_score, vietnamese = _lexicon_tables()
    if language is None:
        language = _language_codes(corpus)
    english = language[corpus.doc] != _LANGS.index("vi")  # per token: not Vietnamese
    marks = corpus.has_marks
    found_accented = accented.matches(corpus, within=marks)
    found_folded = folded.matches(corpus, form="matched")
    covered = np.zeros(len(corpus.code), dtype=bool)
    starts, scores, sizes = [], [], []
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
        free = ~(vietnamese[np.asarray(value, dtype=np.int64)] & english[start])
        for k in range(size):
            free &= ~covered[start + k]
        start, value = start[free], value[free]
        for k in range(size):
            covered[start + k] = True
        starts.append(start)
        scores.append(entry_score[np.asarray(value, dtype=np.int64)])
        sizes.append(np.full(len(start), size))
    start = np.concatenate(starts).astype(np.int64)
    return start, np.concatenate(scores), covered, np.concatenate(sizes).astype(np.int64)


def _doc_totals(corpus: Corpus, language: np.ndarray | None = None) -> np.ndarray:
    """Per text: its terms' contributions plus its patterns (see :func:`_contributions`)."""
    term, contribution, patterns, _ = _contributions(corpus, language)
    terms = np.bincount(corpus.doc[term], weights=contribution, minlength=corpus.n)
    return terms + patterns.sum(axis=1)


def _contributions(
    corpus: Corpus, language: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Each lexicon term found: (first token, what it adds, patterns per text, its tokens).

    A term's score, times -0.74 when negated (an emoji never is), times the intensifiers and
    dampeners next to it, times 0.5 before and 1.5 after a contrast word; a positive term in a
    text that also
    holds a clearly negative one (a complaint, or praise around a failure: "thanks for
    losing my bag") counts less (``_PRAISE_IN_COMPLAINT``).
    """
    term, score, covered, size = _lexicon_terms(corpus, language)
    n, doc = len(corpus.code), corpus.doc

    def near(k: int) -> tuple[np.ndarray, np.ndarray]:
        """Positions k tokens away from each term, and whether they are in its text."""
        at = np.clip(term + k, 0, max(n - 1, 0))
        return at, (term + k >= 0) & (term + k < n) & (doc[at] == doc[term])

    # Modifiers are looked up per vocabulary entry, then read only next to the terms.
    code = corpus.codes("matched")

    def per_entry(name: str, default: float = np.nan) -> np.ndarray:
        return _per_token_entry(corpus, name, default)

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
    # An emoji says how the writer feels: "không ai lau 😩" is not a happy face.
    letter = pc.match_substring_regex(corpus.words, r"^[\pL\pN]").to_numpy(zero_copy_only=False)
    negated &= letter[corpus.code[term]]
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
    value = score * weight
    complaint = np.zeros(corpus.n, dtype=bool)
    complaint[doc[term[value <= _COMPLAINT_TERM]]] = True
    value = np.where((value > 0) & complaint[doc[term]], value * _PRAISE_IN_COMPLAINT, value)
    # Patterns that are no single word (modifiers.yml): a wish for what is missing, "too much"
    # of something, a negative question.
    clause = np.cumsum(clause_end[code] | np.r_[True, doc[1:] != doc[:-1]]) if n else doc
    names = pattern_names()
    patterns = np.zeros((corpus.n, len(names)))
    marker = np.flatnonzero(~np.isnan(per_entry("suggestion"))[code] & ~covered)
    first_praise = np.full(corpus.n, n)
    praise = term[value > 0]
    np.minimum.at(first_praise, doc[praise], praise)
    negator = ~np.isnan(per_entry("negators"))
    # after praise, or before a negation ("nên chưa biết"), "nên" means "so"
    follows = np.minimum(marker + 1, max(n - 1, 0))
    marker = marker[(marker < first_praise[doc[marker]]) & ~negator[code[follows]]]
    if len(marker):
        opens = np.full(int(clause.max()) + 1, n)
        np.minimum.at(opens, clause[marker], marker)
        wished = (value > 0) & (opens[clause[term]] < term)
        value = np.where(wished, value * _NEGATION, value)
        patterns[doc[marker], names.index("wish")] = _WISH
    excess = per_entry("excess")[code]
    at = np.flatnonzero(~np.isnan(excess) & ~covered)
    if len(at):
        nxt = np.minimum(at + 1, n - 1)
        starts_term = np.zeros(n, dtype=bool)
        starts_term[term] = True
        positive_next = np.zeros(n, dtype=bool)
        positive_next[term[value > 0]] = True
        prev_covered = np.r_[False, covered][at] & (doc[np.maximum(at - 1, 0)] == doc[at])
        plain = (
            (at + 1 < n)
            & (doc[nxt] == doc[at])
            & ~covered[nxt]
            & ~clause_end[code[nxt]]
            & np.isnan(boost[code[nxt]])
            & ~prev_covered
        )
        np.minimum.at(patterns[:, names.index("excess")], doc[at[plain]], excess[at[plain]])
        back = ~np.isnan(per_entry("takes_back"))[code[at]] & (at + 1 < n)
        taken = np.zeros(n, dtype=bool)
        taken[nxt[back & positive_next[nxt] & (doc[nxt] == doc[at])]] = True
        value = np.where(taken[term], value * _NEGATION, value)
    # each pattern is tried only on the texts that hold one of its words
    trigger = _modifier_sets()["pattern words"]
    bits = corpus.per_entry(trigger, 0.0, form="folded")[corpus.codes("folded")]
    at = np.flatnonzero(bits > 0)
    held = np.zeros(corpus.n, dtype=np.int64)
    np.bitwise_or.at(held, doc[at], bits[at].astype(np.int64))
    candidates = np.flatnonzero(held)
    if len(candidates):
        joined = corpus.joined(folded=True, docs=candidates).to_numpy()
        folded = pa.array(joined, type=pa.string())
        for k, (name, (weight, regex)) in enumerate(_fact_patterns().items()):
            mine = (held[candidates] >> k) & 1 > 0
            found = pc.match_substring_regex(folded, regex).to_numpy(zero_copy_only=False)
            patterns[candidates[found & mine], names.index(name)] = weight
    return term, value, patterns, size


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
    if not isinstance(engine, str):  # a trained model (anything with predict_proba)
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


def explain(text: str) -> pd.DataFrame:
    """Why one text scored as it did: each word or pattern and what it added.

    Returns
    -------
    pandas.DataFrame
        One row per lexicon term found (``what`` the words as written, ``kind`` "word") and
        per pattern that fired (``kind`` "pattern": a wish, excess, a negative question...),
        with ``adds``: its contribution to the total before squashing, after negation,
        intensifiers, contrast and the complaint rule. The rows add up to the total, which
        :func:`sentiment` squashes into the score (plus 0.2 per "!" in the total's direction).

    Examples
    --------
    >>> explain("ngon nhưng giao chậm quá")[["what", "adds"]].round(2).values.tolist()
    [['ngon', 0.46], ['giao chậm', -3.0]]
    """
    corpus = Corpus.from_texts([str(text)])
    term, value, patterns, covered_size = _contributions(corpus)
    words = corpus.words.take(pa.array(corpus.code)).to_pylist()
    rows = [
        {"what": " ".join(words[t : t + k]), "kind": "word", "adds": float(v)}
        for t, k, v in zip(term, covered_size, value, strict=True)
    ]
    rows += [
        {"what": name, "kind": "pattern", "adds": float(patterns[0, i])}
        for i, name in enumerate(pattern_names())
        if patterns[0, i]
    ]
    out = pd.DataFrame(rows, columns=["what", "kind", "adds"])
    order = np.r_[np.argsort(term, kind="stable"), np.arange(len(term), len(out))]
    return out.iloc[order].reset_index(drop=True) if len(out) else out


def _lexicon_scores(corpus: Corpus) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Score, label (position in ``LABELS``) and language (in ``_LANGS``) of each text."""
    language = _language_codes(corpus)
    total = _doc_totals(corpus, language)
    exclamation = corpus.per_entry(_modifier_sets()["exclamation"], 0.0)
    exclaim = np.minimum(corpus.count_entries(exclamation), 4)
    total = total + np.sign(total) * _EXCLAIM * exclaim
    score = total / np.sqrt(total**2 + _ALPHA)
    label = np.where(score >= THRESHOLD, 2, np.where(score <= -THRESHOLD, 0, 1))
    return score, label, language


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
