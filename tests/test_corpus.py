"""The tokenizer and phrase matcher under sentiment, themes and intents."""

import re
import unicodedata

import numpy as np
import pandas as pd
import pytest

from smmnb import expectations as E
from smmnb.text.corpus import Corpus, PhraseTable, tokenize_phrases


def tokens(text: str) -> list[str]:
    corpus = Corpus.from_texts([text])
    return list(corpus.vocab[corpus.code])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ngon QUÁ!!", ["ngon", "quá", "!", "!"]),
        ("xem @lumi.vn tại https://lumi.vn/a?b=1 nhé", ["xem", "tại", "nhé"]),
        ("email me@x.com", ["email", "me", "@", "x", ".", "com"]),  # not a handle
        ("ngon :):) xD <3 :(", ["ngon", "🙂", "🙂", "😄", "❤", "🙁"]),
        ("we'll 'quoted' don't", ["we'll", "'", "quoted", "'", "don't"]),
        ("👍👍 ok", ["👍", "👍", "ok"]),
        ("tốt\u00a0lắm", ["tốt", "lắm"]),  # no-break space separates words
        ("", []),
    ],
)
def test_tokens(text, expected):
    assert tokens(text) == expected


def test_decomposed_vietnamese_is_composed():
    decomposed = unicodedata.normalize("NFD", "Giao hàng chậm")
    corpus = Corpus.from_texts([decomposed])
    assert list(corpus.vocab[corpus.code]) == ["giao", "hàng", "chậm"]
    assert corpus.has_marks.tolist() == [True]
    assert list(corpus.folded[corpus.code]) == ["giao", "hang", "cham"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ko ngon", "không ngon"),
        ("giá 50 k.5 sao", "giá 50 k . 5 sao"),  # k before a number is not "không"
        ("k 5 sao", "k 5 sao"),
        ("sao v ?", "sao vậy ?"),
        ("ok v", "ok vậy"),
        ("v ngon", "v ngon"),  # not before a stop or the end
        ("xong r", "xong rồi"),
        ("b ơi", "bạn ơi"),
        ("vitamin b", "vitamin b"),
        ("b 😍", "bạn 😍"),
        ("b, ok", "b , ok"),
        ("sp tốt, mn ơi", "sản phẩm tốt , mọi người ơi"),
        ("dc r", "được rồi"),
    ],
)
def test_short_forms(text, expected):
    assert " ".join(tokens(text)) == expected


def test_normalize_joins_tokens_and_keeps_alignment():
    s = pd.Series(["Ko dc!", None, "Cà phê"], index=[10, 20, 30])
    norm = E.normalize(s)
    assert norm.index.tolist() == [10, 20, 30]
    assert norm["text"].tolist() == ["không được !", "", "cà phê"]
    assert norm["folded"].tolist() == ["khong duoc !", "", "ca phe"]
    assert norm["has_marks"].tolist() == [False, False, True]


def brute_force(sequences, phrases):
    """Every (text, start, length, value) where a phrase occurs: plain Python."""
    found = set()
    for t, seq in enumerate(sequences):
        for i in range(len(seq)):
            for p, v in phrases.items():
                if tuple(seq[i : i + len(p)]) == p:
                    found.add((t, i, len(p), v))
    return found


def test_phrase_table_matches_brute_force():
    rng = np.random.default_rng(3)
    words = ["xa", "yo", "zu", "wo", "qe"]  # none is a short form
    phrases = {}
    for _ in range(40):
        p = tuple(rng.choice(words, size=rng.integers(1, 6)))
        phrases[p] = float(len(phrases))
    sequences = [list(rng.choice(words, size=rng.integers(0, 12))) for _ in range(300)]
    corpus = Corpus.from_texts([" ".join(s) for s in sequences])
    starts = np.r_[0, np.cumsum([len(s) for s in sequences])]
    table = PhraseTable(phrases)
    got = set()
    for length, (start, value) in enumerate(table.matches(corpus), start=1):
        for i, v in zip(start, value, strict=True):
            t = int(corpus.doc[i])
            got.add((t, int(i - starts[t]), length, float(v)))
    assert got == brute_force(sequences, phrases)


def test_phrases_are_tokenized_like_text():
    assert tokenize_phrases(["must-try", "10/10", "ko ngon"]) == [
        ("must", "-", "try"), ("10", "/", "10"), ("không", "ngon"),
    ]  # fmt: skip
    assert tokenize_phrases(["chưa nhận dc hàng"], folded=True) == [
        ("chua", "nhan", "duoc", "hang")
    ]


def test_long_and_punctuated_lexicon_phrases_count():
    # five- and six-word phrases and hyphenated terms are matched as token sequences
    assert E.sentiment(["half the cup was ice"])["label"].tolist() == ["negative"]
    assert E.sentiment(["a must-try"])["label"].tolist() == ["positive"]


def test_negation_stops_at_the_clause():
    # "không" negates "ngon" three tokens later, but not across a question mark
    assert E.sentiment(["không thấy ngon"])["label"].tolist() == ["negative"]
    scored = E.sentiment(["có ship không ạ? ngon"])
    assert scored["label"].tolist() == ["positive"]


def test_smiling_face_is_neutral_even_as_emoticon():
    # 🙂 is often sarcastic in Vietnamese comments: scored 0, and ":)" cleans into it
    assert E.sentiment(["🙂", ":)", "4 ngày chưa ai rep :)"])["score"].round(3).tolist()[:2] == [
        0.0, 0.0,
    ]  # fmt: skip


def test_language_counts_words_in_tokens():
    # the same regular expressions as on whole text: apostrophes split English words
    assert E.detect_language(["it's so good", "khong biet", "👍"]).tolist() == [
        "en", "vi", "other",
    ]  # fmt: skip


def test_themes_match_whole_tokens_only():
    found = E.themes(["shipper tới", "ship nhanh", "SHIP!", "giao hàng trễ", "giao hang tre"],
                     themes={"delivery": ["ship", "giao hàng trễ"]})  # fmt: skip
    assert found["delivery"].tolist() == [False, True, True, True, True]


# An independent reading of the cleaning rules (module docstring of smmnb.text.corpus), applied to
# whole texts with Python's re, one text at a time: the vectorized engine works per distinct
# space-separated chunk instead, and must give the same tokens.
_REF_EMOTICONS = [
    (r"(?<!\w)(?::-?\)+|:\]|=\)|\^_\^|\^\^)", " 🙂 "),
    (r"(?<!\w)(?::-?d+|xd+)(?!\w)", " 😄 "),
    (r"(?<!\w)(?::-?\(+|:'\()", " 🙁 "),
    (r"<3+", " ❤ "),
]
_REF_ALWAYS = {"dc": "được", "đc": "được", "dk": "được", "đk": "được", "duoc": "được",
               "sp": "sản phẩm", "j": "gì", "vs": "với", "mn": "mọi người", "mng": "mọi người",
               "qá": "quá", "wá": "quá", "qa": "quá", "ng": "người", "bt": "bình thường",
               "bth": "bình thường", "nv": "nhân viên", "ad": "admin", "thks": "thanks",
               "thx": "thanks", "tks": "thanks", "pls": "please",
               "plz": "please", "plss": "please"}  # fmt: skip
_REF_NEGATION = {"ko", "k", "hok", "hông", "hong", "khum", "hem", "kh", "hk", "khg", "kg"}


def reference_tokens(text: str) -> list[str]:
    t = unicodedata.normalize("NFC", text).lower()
    t = re.sub(r"https?://\S+|www\.\S+", " ", t)
    t = re.sub(r"(?<!\w)@[\w.]+", " ", t)
    t = t.replace("\ufe0f", "")
    for pattern, emoji in _REF_EMOTICONS:
        for _ in range(2):  # adjacent emoticons
            t = re.sub(pattern, emoji, t)
    words = [w for tok in re.findall(r"\w+(?:'\w+)*|[^\w\s]", t)
             for w in _REF_ALWAYS.get(tok, tok).split()]  # fmt: skip
    out = []
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else None
        after = words[i + 2] if i + 2 < len(words) else None
        if w in _REF_NEGATION:
            number = nxt is not None and (nxt[0].isdigit() or (
                nxt in (".", ",") and after is not None and after[0].isdigit()))  # fmt: skip
            w = w if number else "không"
        elif w in ("z", "v", "dzậy", "zậy", "r"):
            if nxt is None or nxt in ("?", "!", ".", ","):
                w = "rồi" if w == "r" else "vậy"
        elif w in ("b", "bn"):
            if nxt is not None and not unicodedata.category(nxt[0]).startswith("P"):
                w = "bạn"
        out.append(w)
    return out


def test_tokens_match_a_text_by_text_reading_of_the_rules():
    rng = np.random.default_rng(11)
    pieces = [
        "ngon",
        "Giao",
        "HÀNG",
        "chậm",
        "quá",
        "ko",
        "k",
        "v",
        "r",
        "b",
        "bn",
        "sp",
        "dc",
        "5",
        "50k",
        "12/10",
        "#caphe",
        "#123",
        "!",
        "?",
        ".",
        ",",
        "!!",
        "...",
        ":)",
        ":(",
        ":D",
        "xD",
        "<3",
        "^^",
        "😍",
        "👍🏽",
        "❤️",
        "don't",
        "'quoted'",
        "it's",
        "@lumi.vn",
        "me@x.com",
        "https://lumi.vn/a?b=1",
        "www.lumi.vn",
        "ok",
        "thx",
        unicodedata.normalize("NFD", "cà phê"),
        "mọi ng",
        "Đà Nẵng",
        "x2",
        "_",
        "a-b",
    ]
    spaces = [" ", " ", " ", "  ", "\n", "\t", "\u00a0", ""]
    texts = []
    for _ in range(3000):
        n = int(rng.integers(0, 9))
        parts = rng.choice(pieces, n)
        gaps = rng.choice(spaces, n)
        texts.append("".join(p + g for p, g in zip(parts, gaps, strict=True)))
    corpus = Corpus.from_texts(texts)
    words = corpus.vocab[corpus.code]
    bounds = np.searchsorted(corpus.doc, np.arange(corpus.n + 1))
    for i, text in enumerate(texts):
        assert list(words[bounds[i] : bounds[i + 1]]) == reference_tokens(text), repr(text)
