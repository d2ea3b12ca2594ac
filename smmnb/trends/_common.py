"""What every trends module shares: text cleaning, time columns (zones: :mod:`smmnb.timezones`)."""

from __future__ import annotations

import re

import pandas as pd

from smmnb.i18n import N_
from smmnb.text import fold
from smmnb.text.themes import written_forms
from smmnb.timezones import TIME_COLUMNS, period_start, resolve_zone, to_local

__all__ = []


_FREQS = ("h", "D", "W", "M")


_SEASON = {"h": 168, "D": 7, "W": 1}  # periods per weekly cycle: same hour/day of last week


_TIME_COLUMNS = TIME_COLUMNS


_TOKEN = r"(?u)#?\b[^\W\d_]\w+\b"  # words of 2+ characters starting with a letter; hashtags


_HASHTAG = r"#([^\W_]\w*)"


_COMBINING = r"[\u0300-\u036f]"


def _fold(texts: pd.Series) -> pd.Series:
    """Lower case without diacritics: :func:`smmnb.text.fold`."""
    return fold(texts.astype("str").fillna(""), lower=True)


_NOISE_TEXT = re.compile(r"https?://\S+|www\.\S+|(?<!\w)@[\w.]+|&(?:amp|lt|gt|quot|apos|#\d+);")


_NOISE_WORDS = ("rt",)
"""Words that are never a topic: the retweet marker."""


def _clean(texts: pd.Series) -> pd.Series:
    """Lower case (NFC) without URLs, @handles and HTML entities: what terms are read from."""
    s = texts.astype("str").fillna("").str.lower().str.normalize("NFC")
    return s.str.replace(_NOISE_TEXT, " ", regex=True)


def _written(out: pd.DataFrame, cleaned: pd.Series) -> pd.DataFrame:
    """``out["term"]`` (folded) in its most common written form ("tre" -> "trễ").

    Hashtags keep their folded form, as :func:`hashtags` gives them.
    """
    if out.empty:
        return out
    words = out["term"][~out["term"].astype("str").str.startswith("#")]
    forms = written_forms(cleaned, words.unique())
    out = out.copy()
    out["term"] = out["term"].map(lambda t: forms.get(t, t))
    return out


def _text_column(data: pd.DataFrame | pd.Series) -> pd.Series:
    if isinstance(data, pd.Series):
        return data
    if "text" not in data.columns:
        raise ValueError("the table needs a 'text' column")
    return data["text"]


def _time_column(df: pd.DataFrame) -> str:
    for column in _TIME_COLUMNS:
        if column in df.columns:
            return column
    raise ValueError(f"the table needs a time column, one of {', '.join(_TIME_COLUMNS)}")


def _zone(df: pd.DataFrame | pd.Series, when: pd.Series, tz: str | None) -> str | None:
    """The local zone of ``when``: :func:`smmnb.timezones.resolve_zone`."""
    return resolve_zone(df, tz, when=when)


def _local(df: pd.DataFrame, column: str, tz: str | None) -> pd.Series:
    """``df[column]`` as naive local wall-clock times: :func:`smmnb.timezones.to_local`."""
    return to_local(df, column, tz)


def _noun(df: pd.DataFrame | pd.Series) -> str:
    """What the rows of a table are, for sentences: mentions, comments, posts or documents.

    In English (a catalog message: ``_(noun)`` in the report language).
    """
    columns = getattr(df, "columns", ())
    for key, noun in (("mention_id", N_("mentions")), ("comment_id", N_("comments")),
                      ("post_id", N_("posts"))):  # fmt: skip
        if key in columns:
            return noun
    return N_("documents")


def _span(first: pd.Timestamp, last: pd.Timestamp) -> str:
    from smmnb.narrative import period

    return period(first, last)


def _check_freq(freq: str, allowed: tuple[str, ...] = _FREQS) -> None:
    if freq not in allowed:
        raise ValueError(f"freq must be one of {', '.join(allowed)}, got {freq!r}")


_period = period_start
"""Start of the local period each timestamp falls in: :func:`smmnb.timezones.period_start`."""


def _period_range(first: pd.Timestamp, last: pd.Timestamp, freq: str) -> pd.DatetimeIndex:
    step = {"h": "h", "D": "D", "W": "7D", "M": "MS"}[freq]
    return pd.date_range(first, last, freq=step)
