"""Customer expectations: language, sentiment, themes, intents, response times and gaps.

Everything here works offline on Vietnamese (with or without diacritics, with teencode) and
English social text, with the lexicons and dictionaries shipped in ``smmnb/text/``:

- :func:`normalize`: NFC, lower case, URLs and @handles removed, teencode expanded, emoji kept,
  plus an accent-folded form for matching (``giao hang cham`` matches ``giao hàng chậm``).
- :func:`sentiment`: a vectorized lexicon scorer with negation, intensifiers and dampeners,
  contrast (the clause after "nhưng"/"but" weighs more), emoji and exclamation marks, and
  phrases for complaints stated as facts ("đợi 2 tiếng chưa thấy giao", "still waiting").
  :class:`SentimentModel` learns from the user's own labelled comments instead.
- :func:`themes`, :func:`discover_themes`, :func:`intents`, :func:`analyze`.
- :func:`response_times` and :func:`expectation_gaps`: how fast the brand answers, and what
  customers expect that the brand does not deliver yet.
- The blocks of the customer-expectations report: :func:`customer_comments`,
  :func:`has_brand_replies`, :func:`net_sentiment` (the one definition of net sentiment;
  :func:`net_sentiment_interval` adds an interval for the scorer's measured errors),
  :func:`channel_sentiment`, :func:`weekly_net_sentiment`, :func:`sentiment_by_theme`,
  :func:`asks_by_theme`, :func:`ask_examples` and :func:`worst_day`. They raise
  :class:`~smmnb.errors.InsufficientData` when the data are too thin for them.
"""

from __future__ import annotations

from smmnb.expectations.comments import (
    analyze,
    brand_replies,
    customer_comments,
    has_brand_replies,
)
from smmnb.expectations.gaps import WorstDay, expectation_gaps, negative_per_day, worst_day
from smmnb.expectations.intent import ask_examples, asks_by_theme, intents
from smmnb.expectations.responses import overall_response, response_summary, response_times
from smmnb.expectations.sentiment_figures import (
    SentimentInterval,
    channel_sentiment,
    net_sentiment,
    net_sentiment_interval,
    net_sentiment_points,
    sentiment_by_theme,
    sentiment_model,
    theme_coverage,
    weekly_net_sentiment,
)
from smmnb.text.base import fold, normalize
from smmnb.text.lexicon import LABELS, detect_language, sentiment
from smmnb.text.model import SentimentModel, labelling_sample, train_from_labels
from smmnb.text.themes import (
    choose_themes,
    discover_themes,
    discovered_themes,
    load_themes,
    resolve_themes,
    theme_labels,
    themes,
)

__all__ = [
    "LABELS",
    "SentimentInterval",
    "SentimentModel",
    "WorstDay",
    "analyze",
    "brand_replies",
    "ask_examples",
    "asks_by_theme",
    "channel_sentiment",
    "choose_themes",
    "customer_comments",
    "detect_language",
    "discover_themes",
    "discovered_themes",
    "expectation_gaps",
    "fold",
    "has_brand_replies",
    "intents",
    "labelling_sample",
    "load_themes",
    "negative_per_day",
    "net_sentiment",
    "net_sentiment_interval",
    "normalize",
    "overall_response",
    "response_summary",
    "resolve_themes",
    "response_times",
    "sentiment",
    "sentiment_model",
    "net_sentiment_points",
    "sentiment_by_theme",
    "theme_coverage",
    "theme_labels",
    "themes",
    "train_from_labels",
    "weekly_net_sentiment",
    "worst_day",
]
