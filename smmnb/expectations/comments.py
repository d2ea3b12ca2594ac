"""Customer comments: which rows customers wrote, and each comment analysed."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from smmnb.expectations.intent import _intents
from smmnb.text.base import _distinct
from smmnb.text.corpus import Corpus
from smmnb.text.lexicon import (
    _lexicon_sentiment,
    sentiment,
)
from smmnb.text.model import SentimentModel
from smmnb.text.themes import (
    _themes,
    load_themes,
)

__all__ = ["analyze", "brand_replies", "customer_comments", "has_brand_replies"]


def analyze(
    comments: pd.DataFrame,
    *,
    themes_dict: dict | str | Path | None = None,
    model: SentimentModel | None = None,
) -> pd.DataFrame:
    """Language, sentiment, intent and themes of every comment (or mention).

    Parameters
    ----------
    comments : pandas.DataFrame
        A ``comments`` or ``mentions`` table (needs ``text``).
    themes_dict : dict or path, optional
        Theme dictionary for :func:`themes`.
    model : SentimentModel, optional
        A model trained on the user's labels (:func:`train_from_labels`): it gives the
        sentiment labels and scores (and so the intents read from them) instead of the
        lexicon.

    Returns
    -------
    pandas.DataFrame
        The input columns plus ``lang``, ``sentiment`` (label), ``score``, ``intent``,
        ``theme`` (the first matching theme in dictionary order, or missing) and one
        boolean ``theme_<name>`` column per theme.
    """
    if "text" not in comments.columns:
        raise ValueError("analyze needs a 'text' column")
    # Normalise and score each distinct text once, then spread the results back.
    _s, codes, uniques = _distinct(comments["text"])
    corpus = Corpus.from_texts(uniques)
    scored = _lexicon_sentiment(corpus)
    if model is not None:
        learned = sentiment(pd.Series(uniques.to_numpy(zero_copy_only=False)), engine=model)
        scored = scored.assign(label=learned["label"].to_numpy(),
                               score=learned["score"].to_numpy())  # fmt: skip
    found = _themes(corpus, load_themes(themes_dict)).iloc[codes].reset_index(drop=True)
    intent = _intents(corpus, scored).to_numpy()[codes]
    scored = scored.iloc[codes]
    out = comments.copy()
    out["lang"] = scored["lang"].to_numpy()
    out["sentiment"] = scored["label"].to_numpy()
    out["score"] = scored["score"].to_numpy()
    out["intent"] = intent
    first = found.idxmax(axis=1).where(found.any(axis=1)) if found.shape[1] else None
    # by position: the comments given may have an index with gaps (brand replies left out)
    out["theme"] = (
        pd.Series(first.to_numpy(), index=out.index, dtype="str") if first is not None else None
    )
    for name in found.columns:
        out[f"theme_{name}"] = found[name].to_numpy()
    return out


def customer_comments(comments: pd.DataFrame, *, top_level: bool = False) -> pd.DataFrame:
    """The comments customers wrote: every row not written by the brand.

    A row counts as the brand's when ``author_is_brand`` is true; a missing value (or a
    table without the column, such as ``mentions``) counts as a customer.

    Parameters
    ----------
    comments : pandas.DataFrame
        A ``comments`` (or ``mentions``) table.
    top_level : bool
        Keep only the customers' top-level comments (no ``parent_id``: not a reply in a
        thread), the ones a response rate counts; a table without ``parent_id`` holds only
        top-level rows.

    Returns
    -------
    pandas.DataFrame
        The rows kept, with their index.
    """
    keep = ~_by_brand(comments)
    if top_level and "parent_id" in comments.columns:
        keep &= comments["parent_id"].isna()
    return comments[keep]


def brand_replies(comments: pd.DataFrame) -> pd.DataFrame:
    """The brand's replies: rows with ``author_is_brand`` true and a ``parent_id``."""
    if "parent_id" not in comments.columns:
        return comments.iloc[:0]
    return comments[_by_brand(comments) & comments["parent_id"].notna()]


def _by_brand(comments: pd.DataFrame) -> pd.Series:
    if "author_is_brand" not in comments.columns:
        return pd.Series(False, index=comments.index)
    return comments["author_is_brand"].fillna(False).astype(bool)


def has_brand_replies(comments: pd.DataFrame) -> bool:
    """Whether the table holds brand replies that response times can be measured from.

    A brand reply is a row with ``author_is_brand`` true and a ``parent_id`` (the comment
    answered). Without any, an export simply does not carry the brand's side of the
    conversation, and a response rate would read 0% when it is not measurable.
    """
    return len(brand_replies(comments)) > 0
