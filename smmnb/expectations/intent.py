"""What each comment does: complaint, question, request, praise; the asks by theme."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from smmnb.expectations._common import _flag, _theme_columns
from smmnb.i18n import _
from smmnb.text.base import _as_series, _distinct
from smmnb.text.corpus import Corpus
from smmnb.text.lexicon import (
    _lexicon_sentiment,
)

__all__ = ["intents", "asks_by_theme", "ask_examples"]


INTENTS = ("complaint", "question", "request", "praise", "other")


_QUESTION = (
    r"\?|(?:^|\s)(?:khong|chua|ko|k|nhi|ha|a)\s*\??\s*$|\bco\b.{0,40}\b(?:khong|ko|k|ko)\b|"
    r"\bbao gio\b|\bbao nhieu\b|\bmay gio\b|\bo dau\b|\bcho (?:minh|em|toi|to) hoi\b|"
    r"\bhoi\b.{0,20}\b(?:voi|a|nhe)\b|\b(?:sao|tai sao|lam sao|the nao|nhu the nao)\b|"
    r"^(?:what|when|where|how|why|who|which|is|are|do|does|did|can|could|will|would)\b"
)


_REQUEST = (
    r"\b(?:xin|lam on|giup|gium|dum|mong|nen|hay|vui long|cho (?:minh|em|toi|to)|"
    r"please|can you|could you|would you|pls|plz|bring back|add|wish|hope you)\b|"
    r"\b(?:di|nha|nhe) (?:shop|ad|admin|quan)\b|\b(?:them|mo|lam|ra)\b.{0,40}\bdi\b"
)


_COMPLAINT = (
    r"\b(?:chua (?:thay|nhan|giao|hoan|duoc)|doi mai|cho mai|tre|cham|that vong|"
    r"still waiting|never (?:arrived|received|came)|refund|charged twice|wrong order)\b"
)


def intents(texts, sentiment_scores: pd.DataFrame | None = None) -> pd.Series:
    """What each text does: complaint, question, request, praise or other.

    Rules, first match wins: a *complaint* is negative (score at most -0.2) or states a
    service failure ("chưa thấy giao", "still waiting"); a *question* has a question mark or
    a question form ("có ... không", "bao giờ", "bao nhiêu", "cho mình hỏi", "when", "how",
    "can you" at the start); a *request* asks the brand to act ("xin", "làm ơn", "mong",
    "please", "can you", "bring back", "mở thêm ... đi"); *praise* is positive; the rest
    is *other*. A negative question ("sao đơn mình chưa giao vậy??") is a complaint.

    Parameters
    ----------
    texts : sequence of str or pandas.Series
    sentiment_scores : pandas.DataFrame, optional
        The output of :func:`sentiment` for the same texts, to avoid scoring twice.
    """
    s = _as_series(texts)
    if sentiment_scores is not None:
        found = _intents(Corpus.from_texts(s), sentiment_scores.reset_index(drop=True))
        return found.set_axis(s.index)
    s, codes, uniques = _distinct(s)
    corpus = Corpus.from_texts(uniques)
    found = _intents(corpus, _lexicon_sentiment(corpus))
    return pd.Series(found.to_numpy()[codes], index=s.index, dtype="str")


def _intents(corpus: Corpus, scored: pd.DataFrame) -> pd.Series:
    # The rules read the folded text with its tokens spaced (RE2 patterns: ASCII \b suits
    # folded text).
    folded = pa.array(corpus.joined(folded=True).to_numpy(), type=pa.string())

    def matches(pattern: str) -> np.ndarray:
        return pc.match_substring_regex(folded, pattern).to_numpy(zero_copy_only=False)

    complaint = (scored["score"].to_numpy() <= -0.2) | matches(_COMPLAINT)
    question, request = matches(_QUESTION), matches(_REQUEST)
    praise = scored["label"].to_numpy() == "positive"
    out = np.select([complaint, question, request, praise], list(INTENTS[:4]), default="other")
    return pd.Series(out, dtype="str")


ASKING = ("question", "request")
"""The intents that ask the brand for something."""


def asks_by_theme(analyzed: pd.DataFrame) -> pd.Series:
    """Questions and requests per theme (themes with at least one), most first."""
    asks = analyzed[analyzed["intent"].isin(ASKING)]
    counts = pd.Series(
        {c.removeprefix("theme_"): int(_flag(asks, c).sum()) for c in _theme_columns(asks)},
        dtype="int64",
    )
    return counts[counts > 0].sort_values(ascending=False, kind="stable")


def ask_examples(analyzed: pd.DataFrame, per_intent: int = 4) -> pd.DataFrame:
    """The first questions and requests of the period, authors pseudonymised.

    Returns
    -------
    pandas.DataFrame
        ``platform``, ``intent``, ``author`` (``Customer 1``, ``Customer 2``... in order of
        first comment among all of ``analyzed``, in the report language) and ``text``; up to
        ``per_intent`` rows per intent, earliest first.
    """
    asks = analyzed[analyzed["intent"].isin(ASKING)]
    examples = asks.sort_values("created_at").groupby("intent").head(per_intent)
    columns = [c for c in ("platform", "intent", "author", "text") if c in examples.columns]
    examples = examples[columns]
    if "author" in examples.columns:
        names = pd.unique(analyzed["author"].dropna())
        pseudonyms = {name: _("Customer {number}").format(number=i + 1)
                      for i, name in enumerate(names)}  # fmt: skip
        examples = examples.assign(author=examples["author"].map(pseudonyms))
    return examples
