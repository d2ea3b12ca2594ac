"""Social text as tokens: the one place where comments become words.

:class:`Corpus` turns texts into a token stream (``doc``, ``code`` into a vocabulary) and
:class:`PhraseTable` finds phrases of any length in that stream. Sentiment, themes, intents and
language detection in :mod:`smmnb.expectations` all read the same corpus, so a text is cleaned
and split once.

Speed comes from doing string work once per *distinct space-separated chunk* rather than per
text: social text reuses a small vocabulary ("ngon", "ship", "quá", "!!"), so lower-casing,
Unicode normalisation, URL and @handle removal, emoticons, punctuation splitting, short forms
(teencode) and accent folding run on the distinct chunks, with pyarrow's kernels and with
Python's ``re`` only for the few chunks a cheap pre-filter lets through; the token stream
itself is integer arrays. Phrase lookups walk a trie of the phrases' words level by level over
those arrays (no per-token Python). Every cleaning rule works within a chunk (short forms that
depend on the next word are decided on the token stream), so the result is the same as
cleaning each text whole; a test checks this against a text-by-text implementation.

Cleaning rules, in order: NFC, lower case, URLs and @handles removed, U+FE0F dropped,
emoticons turned into emoji (``:)`` -> 🙂, ``:D`` -> 😄, ``:(`` -> 🙁, ``<3`` -> ❤), every
character that is not a letter, digit or ``_`` becomes its own token (apostrophes inside a
word stay: ``don't``), then short forms are expanded:

- always: dc/đc/dk/đk/duoc -> được, sp -> sản phẩm, j -> gì, vs -> với, mn/mng -> mọi người,
  qá/wá/qa -> quá, ng -> người, bt/bth -> bình thường, nv -> nhân viên, ad -> admin,
  thks/thx/tks -> thanks, pls/plz/plss -> please;
- ko/k/hok/hông/hong/khum/hem/kh/hk/khg/kg -> không, unless a number follows (``k.5``);
- z/v/dzậy/zậy -> vậy and r -> rồi before ``? ! . ,`` or at the end of the text;
- b/bn -> bạn before another word or emoji (not before punctuation).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

__all__ = ["Corpus", "Keys", "Lookup", "PhraseTable", "fold_words", "tokenize_phrases"]


def _fold_char(c: str) -> str:
    if c in "đĐ":
        return "d" if c == "đ" else "D"
    decomposed = unicodedata.normalize("NFD", c)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# Every Latin letter with a diacritic (Vietnamese uses Latin-1, Extended-A/B and Additional).
FOLD_TABLE = {
    cp: _fold_char(chr(cp))
    for block in ((0x00C0, 0x0250), (0x1E00, 0x1F00))
    for cp in range(*block)
    if _fold_char(chr(cp)) != chr(cp)
}
_MARKS = "".join(sorted({chr(cp) for cp in FOLD_TABLE} | {"đ", "Đ"}))
# Cleaning runs Python's ``re`` (cached compiled patterns, Unicode \w) on the few distinct chunks
# a cheap pyarrow (RE2) pre-filter lets through: RE2 compiles a pattern on every call, and its
# Unicode classes are costly to compile and ASCII-only in \w and \b.
_HAS_MARKS = "[" + "".join(f"\\x{{{ord(c):04x}}}" for c in _MARKS) + "]"
_MAY_NEED_NFC = "[\u0300-\u036f\u1100-\u11ff\u1ab0-\u1aff\u1dc0-\u1dff]"
_NFC_HINT = re.compile(_MAY_NEED_NFC)
# (literal substrings that must be present, pattern, replacement); literal pre-filters are
# several times cheaper than RE2 ones
_URL = (("http", "www"), re.compile(r"https?://\S+|www\.\S+"), " ")
_HANDLE = (("@",), re.compile(r"(?<!\w)@[\w.]+"), " ")
_EMOTICON_HINT = re.compile(r"[:=^<]|xd")
_EMOTICONS = (
    (re.compile(r"(?<!\w)(?::-?\)+|:\]|=\)|\^_\^|\^\^)"), " 🙂 "),
    (re.compile(r"(?<!\w)(?::-?d+|xd+)(?!\w)"), " 😄 "),
    (re.compile(r"(?<!\w)(?::-?\(+|:'\()"), " 🙁 "),
    (re.compile(r"<3+"), " ❤ "),
)
# anything but ASCII word characters and Latin letters with diacritics, or an apostrophe
# that is not between two letters
_MAY_HAVE_PUNCT = r"[^a-z0-9_'\x{00c0}-\x{024f}\x{1e00}-\x{1eff}]|^'|'$|''"
# words (with inner apostrophes: don't, we'll) and single other characters
_RE2_PUNCT = r"([^\pL\pN_\s])"  # the same characters as [^\w\s] in Python's re
_RE2_WORTHWHILE = 2_000  # strings: below this, compiling the RE2 pattern costs more
_TOKEN = re.compile(r"\w+(?:'\w+)*|[^\w\s]")
# any chunk that one of the cleaning steps may change (one RE2 scan over the distinct chunks)
_NEEDS_CLEANING = "|".join([_MAY_NEED_NFC, "http", "www", "@", "\ufe0f", _EMOTICON_HINT.pattern])

_ALWAYS = {
    **dict.fromkeys(("dc", "đc", "dk", "đk", "duoc"), "được"),
    "sp": "sản phẩm",
    "j": "gì",
    "vs": "với",
    **dict.fromkeys(("mn", "mng"), "mọi người"),
    **dict.fromkeys(("qá", "wá", "qa"), "quá"),
    "ng": "người",
    **dict.fromkeys(("bt", "bth"), "bình thường"),
    "nv": "nhân viên",
    "ad": "admin",
    # not "ty": Vietnamese "công ty" (company) is far more common than "ty" for thank you
    **dict.fromkeys(("thks", "thx", "tks"), "thanks"),
    **dict.fromkeys(("pls", "plz", "plss"), "please"),
}
_NOT_BEFORE_NUMBER = dict.fromkeys(
    ("ko", "k", "hok", "hông", "hong", "khum", "hem", "kh", "hk", "khg", "kg"), "không"
)
_BEFORE_STOP = {**dict.fromkeys(("z", "v", "dzậy", "zậy"), "vậy"), "r": "rồi"}
_BEFORE_WORD = dict.fromkeys(("b", "bn"), "bạn")
_STOPS = frozenset("?!.,")
_CONTEXTUAL = {**_NOT_BEFORE_NUMBER, **_BEFORE_STOP, **_BEFORE_WORD}


def fold_words(words: pa.Array) -> pa.Array:
    """Accent-folded copies of strings (``hàng`` -> ``hang``, ``đ`` -> ``d``).

    Only strings that are not ASCII can change, so only those go through Python.
    """
    mask = pc.invert(pc.string_is_ascii(words))
    if not pc.any(mask).as_py():
        return words
    changed = [w.translate(FOLD_TABLE) for w in words.filter(mask).to_pylist()]
    return pc.replace_with_mask(words, mask, pa.array(changed, type=pa.string()))


def _arrow(texts) -> pa.Array:
    """A pyarrow string array of the texts, missing values as empty strings."""
    if isinstance(texts, pa.Array):
        arr = texts
    elif isinstance(texts, pd.Series) and isinstance(texts.dtype, pd.StringDtype):
        arr = texts.array.__arrow_array__()
        arr = arr.combine_chunks() if isinstance(arr, pa.ChunkedArray) else arr
    else:
        values = pd.Series(texts, dtype=object)
        arr = pa.array(values.where(values.notna(), "").astype(str).to_numpy(), type=pa.string())
    if arr.type != pa.string():
        arr = arr.cast(pa.string())
    return pc.fill_null(arr, "")


def _where(arr: pa.Array, mask: pa.Array, fn) -> pa.Array:
    """``fn`` (str -> str, Python) applied to the strings of ``arr`` where ``mask`` holds."""
    if not pc.any(mask).as_py():
        return arr
    changed = [fn(x) for x in arr.filter(mask).to_pylist()]
    return pc.replace_with_mask(arr, mask, pa.array(changed, type=pa.string()))


def _lists(lists: pa.ListArray) -> tuple[np.ndarray, pa.Array]:
    """(offsets, flat values) of a list array without nulls."""
    offsets = lists.offsets.to_numpy().astype(np.int64)
    offsets = offsets - offsets[0]
    return offsets, pc.list_flatten(lists)


def _ragged_take(offsets: np.ndarray, values: np.ndarray, idx: np.ndarray):
    """Concatenate ``values[offsets[i]:offsets[i + 1]]`` for each i in ``idx``.

    Returns the concatenated values and the length taken for each i.
    """
    lengths = (offsets[1:] - offsets[:-1])[idx]
    total = int(lengths.sum())
    shift = np.repeat(offsets[idx] - (np.cumsum(lengths) - lengths), lengths)
    return values[shift + np.arange(total)], lengths


def _space_punctuation(chunks: pa.Array) -> pa.Array:
    """Space out every character that is not a letter, digit or ``_``: ``ngon!!`` -> ``ngon ! !``.

    Apostrophes inside words stay (``don't``). Three ways to the same result, cheapest first:
    ASCII chunks without apostrophes (hashtags, order numbers, ``ok!!``) on their bytes; when
    many others remain, those without apostrophes in one RE2 pass; the rest with Python's
    ``re``, string by string.
    """
    mask = pc.match_substring_regex(chunks, _MAY_HAVE_PUNCT)
    # ASCII chunks without apostrophes (hashtags, order numbers, "ok!!") on their bytes
    simple = pc.and_(
        mask, pc.and_(pc.string_is_ascii(chunks), pc.invert(pc.match_substring(chunks, "'")))
    )
    if pc.any(simple).as_py():
        chunks = pc.replace_with_mask(chunks, simple, _space_ascii(chunks.filter(simple)))
        mask = pc.and_(mask, pc.invert(simple))
    if (pc.sum(mask).as_py() or 0) > _RE2_WORTHWHILE:
        simple = pc.and_(mask, pc.invert(pc.match_substring(chunks, "'")))
        spaced = pc.replace_substring_regex(chunks.filter(simple), _RE2_PUNCT, r" \1 ")
        chunks = pc.replace_with_mask(chunks, simple, spaced)
        mask = pc.and_(mask, pc.invert(simple))
    return _where(chunks, mask, lambda x: " ".join(_TOKEN.findall(x)))


_ASCII_PUNCT = np.array(
    [not (chr(b).isalnum() or chr(b) == "_") for b in range(128)] + [False] * 128
)


def _space_ascii(strings: pa.Array) -> pa.Array:
    """``_RE2_PUNCT`` spacing of ASCII strings without whitespace, done on their bytes.

    One RE2 replacement costs ~150 ns per string; this is a few numpy passes in all.
    """
    offsets = np.frombuffer(strings.buffers()[1], dtype=np.int32)
    offsets = offsets[strings.offset : strings.offset + len(strings) + 1].astype(np.int64)
    data = np.frombuffer(strings.buffers()[2], dtype=np.uint8)[offsets[0] : offsets[-1]]
    offsets -= offsets[0]
    punct = _ASCII_PUNCT[data]
    before = np.zeros(len(data) + 1, dtype=np.int64)  # punctuation bytes before each byte
    np.cumsum(punct, out=before[1:])
    # each punctuation byte becomes " x ": every byte moves by two per earlier one
    out = np.full(len(data) + 2 * before[-1], ord(" "), dtype=np.uint8)
    out[np.arange(len(data)) + 2 * before[:-1] + punct] = data
    new_offsets = (offsets + 2 * before[offsets]).astype(np.int32)
    return pa.StringArray.from_buffers(len(strings), pa.py_buffer(new_offsets), pa.py_buffer(out))


def _emoticons(text: str) -> str:
    for pattern, emoji in _EMOTICONS:
        text = pattern.sub(emoji, text)
    return text


def _clean_one(text: str) -> str:
    """NFC, no URLs, @handles or U+FE0F, emoticons as emoji (each step only when needed)."""
    if _NFC_HINT.search(text):
        text = unicodedata.normalize("NFC", text)
    for hints, pattern, repl in (_URL, _HANDLE):
        if any(h in text for h in hints):
            text = pattern.sub(repl, text)
    text = text.replace("\ufe0f", "")
    return _emoticons(text) if _EMOTICON_HINT.search(text) else text


def _clean_chunks(chunks: pa.Array) -> pa.Array:
    """Lower case, then :func:`_clean_one` on the few chunks one RE2 pre-filter lets through."""
    lower = pc.utf8_lower(chunks)
    return _where(lower, pc.match_substring_regex(lower, _NEEDS_CLEANING), _clean_one)


class Keys:
    """A fixed set of strings, matched against a corpus's vocabulary once.

    Mappings that share their :class:`Keys` (a scorer's lexicon words, negators, intensifiers,
    punctuation) cost one hash lookup per vocabulary entry between them, not one each: see
    :meth:`Corpus.entry_keys`.
    """

    def __init__(self, strings):
        self.strings = list(dict.fromkeys(strings))
        self.index = {s: i for i, s in enumerate(self.strings)}
        self.array = pa.array(self.strings, type=pa.string())


class Lookup:
    """A str -> float mapping prepared for vectorized lookups over a vocabulary.

    Parameters
    ----------
    mapping : dict
        str -> float (not NaN).
    keys : Keys, optional
        A key set holding every key of ``mapping``, shared with other lookups; default: the
        mapping's own keys.
    """

    def __init__(self, mapping: dict[str, float], keys: Keys | None = None):
        self.keys = keys if keys is not None else Keys(mapping)
        # one value per key, NaN for keys outside the mapping; the last slot (position -1)
        # stands for strings that are not keys at all
        self.values = np.full(len(self.keys.strings) + 1, np.nan)
        self.values[[self.keys.index[k] for k in mapping]] = list(mapping.values())

    def over_keys(self, default: float = np.nan) -> np.ndarray:
        """The value of each key (and of a non-key, last), ``default`` where none."""
        if np.isnan(default):
            return self.values
        return np.where(np.isnan(self.values), default, self.values)


@dataclass(frozen=True)
class Corpus:
    """Texts as a token stream.

    Attributes
    ----------
    n : int
        Number of texts.
    doc : numpy.ndarray
        For each token, the position of its text (non-decreasing).
    code : numpy.ndarray
        For each token, its index in the vocabulary.
    has_marks : numpy.ndarray
        Per text: whether it carries Vietnamese diacritics.
    words : pyarrow.Array
        The vocabulary: distinct tokens, cleaned, as written (with diacritics).
    folded_words : pyarrow.Array
        ``words`` without diacritics.
    """

    n: int
    doc: np.ndarray
    code: np.ndarray
    has_marks: np.ndarray
    words: pa.Array
    folded_words: pa.Array
    _entry_keys: dict = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_texts(cls, texts) -> Corpus:
        """Clean and tokenize texts (a sequence or Series of str; missing values are empty)."""
        arr = _arrow(texts)
        n = len(arr)
        # 1. chunks of every text between spaces, and the distinct chunks. Splitting on the
        # plain space is much cheaper than on all Unicode whitespace; the rare chunk that
        # still holds a newline, tab or no-break space is split further with its pieces
        # (step 2), and empty chunks (double spaces) have no pieces.
        offsets, flat = _lists(pc.split_pattern(arr, " "))
        doc_of_chunk = np.repeat(np.arange(n), offsets[1:] - offsets[:-1])
        encoded = pc.dictionary_encode(flat)
        chunk_code = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
        chunks = _clean_chunks(encoded.dictionary)
        # texts with diacritics: those with a chunk that has one (ASCII chunks cannot)
        plain = pc.string_is_ascii(chunks)
        marks = np.zeros(len(chunks), dtype=bool)
        accented = np.flatnonzero(~plain.to_numpy(zero_copy_only=False))
        marks[accented] = pc.match_substring_regex(
            chunks.take(pa.array(accented)), _HAS_MARKS
        ).to_numpy(zero_copy_only=False)
        has_marks = np.zeros(n, dtype=bool)
        has_marks[doc_of_chunk[marks[chunk_code]]] = True
        # 2. pieces of each distinct chunk, and the distinct pieces
        padded = pc.utf8_trim_whitespace(_space_punctuation(chunks))
        piece_offsets, pieces = _lists(pc.utf8_split_whitespace(padded))
        piece_enc = pc.dictionary_encode(pieces)
        piece_code = piece_enc.indices.to_numpy(zero_copy_only=False).astype(np.int64)
        # 3. short forms that need no context expand each distinct piece into words
        vocab, word_offsets, word_values = _expand_always(piece_enc.dictionary)
        # distinct chunk -> its words, then the token stream
        chunk_words, words_per_piece = _ragged_take(word_offsets, word_values, piece_code)
        cumulative = np.zeros(len(words_per_piece) + 1, dtype=np.int64)
        cumulative[1:] = np.cumsum(words_per_piece)
        code, tokens_per_chunk = _ragged_take(cumulative[piece_offsets], chunk_words, chunk_code)
        doc = np.repeat(doc_of_chunk, tokens_per_chunk)
        code, words = _contextual_short_forms(doc, code, vocab)
        return cls(n=n, doc=doc, code=code, has_marks=has_marks, words=words,
                   folded_words=fold_words(words))  # fmt: skip

    @functools.cached_property
    def vocab(self) -> np.ndarray:
        """The vocabulary as an object array of str (``words``)."""
        return self.words.to_numpy(zero_copy_only=False).astype(object)

    @functools.cached_property
    def folded(self) -> np.ndarray:
        """The folded vocabulary as an object array of str (``folded_words``)."""
        return self.folded_words.to_numpy(zero_copy_only=False).astype(object)

    # ----------------------------------------------------------------------------------------
    def codes(self, form: str = "written") -> np.ndarray:
        """For each token, its entry in :meth:`per_entry`'s result for that ``form``."""
        return self._matched_code if form == "matched" else self.code

    def per_entry(self, mapping: Lookup, default=np.nan, *, form: str = "written") -> np.ndarray:
        """``mapping`` looked up once per vocabulary entry: index it with :meth:`codes`.

        ``form`` is ``"written"`` (tokens as in the text, cleaned), ``"folded"`` (without
        diacritics) or ``"matched"``: as written in texts with diacritics and folded in plain
        texts, whose short forms (``ko``) may have brought accented words in. For
        ``"matched"`` the entries are the vocabulary then the folded vocabulary.
        """
        return mapping.over_keys(default)[self.entry_keys(mapping.keys, form)]

    def entry_keys(self, keys: Keys, form: str = "written") -> np.ndarray:
        """Position in ``keys`` of each vocabulary entry (see :meth:`per_entry`), or -1."""
        if (keys, form) not in self._entry_keys:
            if form == "written":
                at = _positions(self.words, keys.array)
            elif form == "folded":
                at = _positions(self.folded_words, keys.array)
            elif form == "matched":
                at = np.concatenate([self.entry_keys(keys), self.entry_keys(keys, "folded")])
            else:
                raise ValueError(f"form must be 'written', 'folded' or 'matched', got {form!r}")
            self._entry_keys[keys, form] = at
        return self._entry_keys[keys, form]

    @functools.cached_property
    def _matched_code(self) -> np.ndarray:
        """Index into vocabulary + folded vocabulary of each token's matched form."""
        return self.code + len(self.words) * (~self.has_marks)[self.doc]

    def count_entries(self, per_entry: np.ndarray, *, form: str = "written") -> np.ndarray:
        """Sum over each text of a per-entry value (see :meth:`per_entry`), mostly zero."""
        # only the tokens with a non-zero value: bincount is costly per element
        at = np.flatnonzero((per_entry != 0)[self.codes(form)])
        values = per_entry[self.codes(form)[at]]
        return np.bincount(self.doc[at], weights=values, minlength=self.n)

    def joined(self, *, folded: bool = False, docs: np.ndarray | None = None) -> pd.Series:
        """Each text's tokens joined by single spaces (cleaned text, or folded).

        ``docs``: only these texts (positions, increasing), in that order.
        """
        words = self.folded_words if folded else self.words
        counts = np.bincount(self.doc, minlength=self.n)
        code = self.code
        if docs is not None:
            starts = np.r_[0, np.cumsum(counts)[:-1]]
            code, _ = _ragged_take(np.r_[starts, len(code)], code, np.asarray(docs))
            counts = counts[docs]
        offsets = np.zeros(len(counts) + 1, dtype=np.int32)
        offsets[1:] = np.cumsum(counts)
        lists = pa.ListArray.from_arrays(pa.array(offsets), words.take(pa.array(code)))
        return pd.Series(pc.binary_join(lists, " "), dtype="str")


def _lookup(words: list[str], vocab: pa.Array) -> tuple[pa.Array, np.ndarray]:
    """Positions of ``words`` in ``vocab`` (distinct strings), appending the words it lacks."""
    distinct = list(dict.fromkeys(words))
    # probe the few words with every vocabulary entry: cheaper than hashing the vocabulary
    at = _positions(vocab, pa.array(distinct, type=pa.string()))
    where = np.full(len(distinct), -1, dtype=np.int64)
    found = np.flatnonzero(at >= 0)
    where[at[found]] = found
    missing = np.flatnonzero(where < 0)
    if len(missing):
        where[missing] = len(vocab) + np.arange(len(missing))
        added = pa.array([distinct[i] for i in missing], type=pa.string())
        vocab = pa.concat_arrays([vocab, added])
    index = {w: i for i, w in enumerate(distinct)}
    return vocab, where[[index[w] for w in words]]


def _positions(strings: pa.Array, value_set: pa.Array) -> np.ndarray:
    """For each string, its position in ``value_set``, or -1."""
    at = pc.fill_null(pc.index_in(strings, value_set=value_set), -1)
    return at.to_numpy(zero_copy_only=False).astype(np.int64)


def _expand_always(pieces: pa.Array) -> tuple[pa.Array, np.ndarray, np.ndarray]:
    """Vocabulary and, per distinct piece, the codes of its words (offsets, values).

    A piece is its own word unless it is a short form that always expands (``sp`` ->
    ``sản phẩm``); the empty piece (an empty text) has no word.
    """
    m = len(pieces)
    short = pc.index_in(pieces, value_set=pa.array(list(_ALWAYS), type=pa.string()))
    hits = np.flatnonzero(pc.is_valid(short).to_numpy(zero_copy_only=False))
    lengths = np.ones(m, dtype=np.int64)
    lengths[np.flatnonzero(pc.equal(pieces, "").to_numpy(zero_copy_only=False))] = 0
    expansions = [_ALWAYS[pieces[int(i)].as_py()].split() for i in hits]
    lengths[hits] = [len(e) for e in expansions]
    offsets = np.zeros(m + 1, dtype=np.int64)
    offsets[1:] = np.cumsum(lengths)
    values = np.repeat(np.arange(m), lengths)
    if expansions:
        pieces, codes = _lookup([w for e in expansions for w in e], pieces)
        at = np.concatenate(
            [offsets[i] + np.arange(len(e)) for i, e in zip(hits, expansions, strict=True)]
        )
        values[at] = codes
    return pieces, offsets, values


def _contextual_short_forms(doc, code, vocab: pa.Array) -> tuple[np.ndarray, pa.Array]:
    """Expand short forms whose meaning depends on the next token (see the module doc)."""
    tables = (_NOT_BEFORE_NUMBER, _BEFORE_STOP, _BEFORE_WORD)
    keys = [k for t in tables for k in t]
    which = _positions(vocab, pa.array(keys, type=pa.string()))  # position in keys, or -1
    at = np.flatnonzero(which[code] >= 0)
    if not len(at):
        return code, vocab
    n = len(code)
    has_next = np.r_[doc[1:] == doc[:-1], False][at]
    has_after = np.r_[doc[2:] == doc[:-2], False, False][at] if n > 1 else np.zeros(len(at), bool)
    nxt, after = code[np.minimum(at + 1, n - 1)], code[np.minimum(at + 2, n - 1)]
    # what the following tokens are, looked up once per distinct following token
    seen = np.unique(np.r_[nxt, after])
    first = [w[:1] for w in vocab.take(pa.array(seen)).to_pylist()]
    digit, dot_comma, stop, punct = (np.zeros(len(vocab), dtype=bool) for _ in range(4))
    digit[seen] = [c.isdigit() for c in first]
    dot_comma[seen] = [c in ".," for c in first]
    stop[seen] = [c in _STOPS for c in first]
    punct[seen] = [unicodedata.category(c).startswith("P") if c else False for c in first]
    single = np.zeros(len(vocab), dtype=bool)
    single[seen] = [len(w) == 1 for w in vocab.take(pa.array(seen)).to_pylist()]
    stop &= single
    dot_comma &= single
    kind = np.array([0 if k in _NOT_BEFORE_NUMBER else 1 if k in _BEFORE_STOP else 2 for k in keys])
    kind = kind[which[code[at]]]
    number = has_next & (digit[nxt] | (dot_comma[nxt] & has_after & digit[after]))
    replace = np.select(
        [kind == 0, kind == 1],
        [~number, ~has_next | stop[nxt]],
        default=has_next & ~punct[nxt],
    )
    at, targets = at[replace], [_CONTEXTUAL[keys[k]] for k in which[code[at[replace]]]]
    if not len(at):
        return code, vocab
    vocab, target_codes = _lookup(targets, vocab)
    out = code.copy()
    out[at] = target_codes
    return out, vocab


@functools.lru_cache(maxsize=64)
def _tokenize_cached(phrases: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    corpus = Corpus.from_texts(list(phrases))
    words = corpus.vocab[corpus.code]
    bounds = np.searchsorted(corpus.doc, np.arange(corpus.n + 1))
    return tuple(tuple(words[bounds[i] : bounds[i + 1]]) for i in range(corpus.n))


def tokenize_phrases(phrases, *, folded: bool = False) -> list[tuple[str, ...]]:
    """Phrases split and cleaned exactly like texts (so ``must-try`` is 3 tokens).

    With ``folded=True`` the tokens lose their diacritics, including those that expanded
    short forms bring in (``duoc`` -> ``được`` -> ``duoc``).
    """
    tokens = _tokenize_cached(tuple(phrases))
    if folded:
        return [tuple(w.translate(FOLD_TABLE) for w in t) for t in tokens]
    return list(tokens)


class PhraseTable:
    """Phrases (tuples of tokens) with a value each, found in a :class:`Corpus` token stream.

    The phrases form a trie, one level per word; matching walks all start positions through
    it at once, level by level, keeping only the positions still on a path.

    Parameters
    ----------
    phrases : dict
        Token tuple -> value (a float, or an int id).
    """

    def __init__(self, phrases: dict[tuple[str, ...], float], keys: Keys | None = None):
        phrases = {p: v for p, v in phrases.items() if p}
        word_id = {w: i + 1 for i, w in enumerate(sorted({w for p in phrases for w in p}))}
        self.word_id = Lookup(word_id, keys)
        self.base = len(word_id) + 1
        self.depth = max((len(p) for p in phrases), default=0)
        # nodes; edges of each level keyed parent * base + word
        node_of: dict[tuple[str, ...], int] = {(): 0}
        edges: list[dict[int, int]] = [{} for _ in range(self.depth)]
        for p in phrases:
            for d in range(1, len(p) + 1):
                if p[:d] not in node_of:
                    node_of[p[:d]] = len(node_of)
                    key = node_of[p[: d - 1]] * self.base + word_id[p[d - 1]]
                    edges[d - 1][key] = node_of[p[:d]]
        self.value = np.full(len(node_of), np.nan)
        for p, v in phrases.items():
            self.value[node_of[p]] = v
        self.has_child = np.zeros(len(node_of), dtype=bool)
        for prefix in node_of:
            if prefix:
                self.has_child[node_of[prefix[:-1]]] = True
        self.levels = [_Edges(level, len(node_of), self.base) for level in edges]
        # the first level, indexed by word id directly
        self.first = np.zeros(self.base, dtype=np.int64)
        if self.depth:
            self.first[np.array(list(edges[0]), dtype=np.int64)] = list(edges[0].values())

    def matches(
        self, corpus: Corpus, *, form: str = "written", within: np.ndarray | None = None
    ) -> list[tuple[np.ndarray, np.ndarray]]:
        """Per phrase length d = 1..depth: (start positions, values) of the phrases found.

        Tokens are compared in the given ``form`` (see :meth:`Corpus.per_entry`); ``within``
        (a boolean per text) limits the search to those texts.
        """
        out: list[tuple[np.ndarray, np.ndarray]] = []
        if self.depth == 0 or not len(corpus.code):
            return [(np.zeros(0, np.int64), np.zeros(0))] * self.depth
        # word id and first-level node per vocabulary entry; one gather over the tokens
        wid = corpus.per_entry(self.word_id, 0, form=form).astype(np.int64)
        codes, doc = corpus.codes(form), corpus.doc
        first = self.first[wid]
        start = np.flatnonzero((first != 0)[codes])
        if within is not None:
            start = start[within[doc[start]]]
        node = first[codes[start]]
        # a phrase goes on to the next token only within its text
        continues = np.r_[doc[1:] == doc[:-1], False]
        for d in range(1, self.depth + 1):
            if d > 1:
                # starts are sorted: those whose phrase would run past the end are a tail
                keep = np.searchsorted(start, len(codes) - d + 1)
                start, node = start[:keep], node[:keep]
                at = start + d - 1
                edges = self.levels[d - 1]
                word = wid[codes[at]]
                ok = edges.has_word[word] & continues[at - 1]
                start, node = start[ok], edges.child(node[ok], word[ok])
                found = node != 0
                start, node = start[found], node[found]
            value = self.value[node]
            hit = ~np.isnan(value)
            out.append((start[hit], value[hit]))
            more = self.has_child[node]
            start, node = start[more], node[more]
        return out


_DENSE_EDGES = 1 << 21  # (parent, word) cells: 8 MiB at most


class _Edges:
    """One level of a :class:`PhraseTable` trie: (parent node, word id) -> child node.

    Parameters
    ----------
    level : dict
        ``parent * base + word`` -> child, for this level's edges.
    n_nodes, base : int
        Nodes in the trie; word ids are below ``base``.
    """

    def __init__(self, level: dict[int, int], n_nodes: int, base: int):
        keys = np.array(sorted(level), dtype=np.int64)
        children = np.array([level[k] for k in keys], dtype=np.int64)
        parents, words = np.unique(keys // base), np.unique(keys % base)
        self.base = base
        self.has_word = np.zeros(base, dtype=bool)  # most candidates fail this cheap test
        self.has_word[words] = True
        if len(parents) * len(words) <= _DENSE_EDGES:
            # a dense table over the parents and words of this level: one gather per step
            self.row = np.zeros(n_nodes, dtype=np.int64)
            self.row[parents] = np.arange(len(parents)) * len(words)
            self.col = np.zeros(base, dtype=np.int64)
            self.col[words] = np.arange(len(words))
            self.dense = np.zeros(len(parents) * len(words), dtype=np.int32)
            self.dense[self.row[keys // base] + self.col[keys % base]] = children
        else:
            self.dense = None
            self.keys, self.children = keys, children

    def child(self, node: np.ndarray, word: np.ndarray) -> np.ndarray:
        """The child of each node by each word (a word of this level), 0 where none."""
        if self.dense is not None:
            # a node without edges here has row 0: its cells belong to another parent, so
            # callers pass only nodes that have children at this level
            return self.dense[self.row[node] + self.col[word]]
        key = node * self.base + word
        j = np.minimum(np.searchsorted(self.keys, key), len(self.keys) - 1)
        return np.where(self.keys[j] == key, self.children[j], 0)
