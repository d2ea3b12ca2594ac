"""Expectation gaps and the worst day: where customers are let down."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from smmnb.expectations._common import _insufficient, _theme_columns
from smmnb.i18n import _
from smmnb.text.base import _distinct, normalize

__all__ = ["expectation_gaps", "negative_per_day", "WorstDay", "worst_day"]


def expectation_gaps(
    analyzed: pd.DataFrame,
    previous: pd.DataFrame | None = None,
    *,
    quotes: int = 3,
    alpha: float = 0.05,
) -> pd.DataFrame:
    """What customers expect that the brand does not deliver yet, per theme.

    Parameters
    ----------
    analyzed : pandas.DataFrame
        Output of :func:`analyze` (customer comments), optionally with ``answered`` and
        ``delay_hours`` from :func:`response_times`.
    previous : pandas.DataFrame, optional
        The same for the previous period, to test whether the negative share changed.
    quotes : int
        Representative quotes per theme: its most negative comments, one per wording.
    alpha : float
        Significance level of the change test.

    Returns
    -------
    pandas.DataFrame
        Per theme, most negative comments first: ``theme``, ``comments``, ``negative``
        (count), ``share_negative`` (negative / comments), ``share_asking`` (questions and
        requests / comments), ``unanswered`` (share of comments without a brand reply, when
        known), ``median_hours`` (to answer), ``previous_share_negative``, ``change``,
        ``p_value`` (two-proportion z-test of the negative share, now against before) and
        ``significant``; ``quotes`` (list of str).
    """
    from smmnb.stats import ab_test

    theme_cols = [c for c in analyzed.columns if c.startswith("theme_")]
    if not theme_cols:
        raise ValueError("expectation_gaps needs the theme_ columns of analyze()")
    # One quote per wording: the same complaint with other emoji or without diacritics counts
    # once. The wording key of every negative comment, computed once for all themes:
    is_negative = (analyzed["sentiment"] == "negative").to_numpy()
    _s, codes, uniques = _distinct(analyzed["text"][is_negative])
    keys = normalize(uniques)["folded"].str.replace(r"[^\w]+", "", regex=True).to_numpy()
    wording = np.full(len(analyzed), None, dtype=object)
    wording[is_negative] = keys[codes]
    rows = []
    for col in theme_cols:
        sub = analyzed[analyzed[col].fillna(False).astype(bool)]
        if sub.empty:
            continue
        negative = int((sub["sentiment"] == "negative").sum())
        row = {
            "theme": col.removeprefix("theme_"),
            "comments": len(sub),
            "negative": negative,
            "share_negative": negative / len(sub),
            "share_asking": float(sub["intent"].isin(["question", "request"]).mean()),
            "unanswered": float((~sub["answered"]).mean()) if "answered" in sub else np.nan,
            "median_hours": float(sub["delay_hours"].median()) if "delay_hours" in sub else np.nan,
            "previous_share_negative": np.nan,
            "change": np.nan,
            "p_value": np.nan,
            "significant": False,
        }
        if previous is not None and col in previous.columns:
            before = previous[previous[col].fillna(False).astype(bool)]
            if len(before):
                neg_before = int((before["sentiment"] == "negative").sum())
                test = ab_test(neg_before, len(before), negative, len(sub), alpha=alpha)
                row.update(previous_share_negative=test.rate_a, change=test.diff,
                           p_value=test.p_value, significant=test.significant)  # fmt: skip
        at = np.flatnonzero(analyzed[col].fillna(False).astype(bool).to_numpy() & is_negative)
        at = at[np.argsort(analyzed["score"].to_numpy()[at], kind="stable")]  # worst first
        first_wording = ~pd.Series(wording[at]).duplicated().to_numpy()
        row["quotes"] = analyzed["text"].iloc[at[first_wording]].astype("str").tolist()[:quotes]
        rows.append(row)
    if not rows:  # typed: the columns and dtypes a theme's row has
        dtypes = {"theme": "str", "comments": "int64", "negative": "int64",
                  "share_negative": "float64", "share_asking": "float64", "unanswered": "float64",
                  "median_hours": "float64", "previous_share_negative": "float64",
                  "change": "float64", "p_value": "float64", "significant": "bool",
                  "quotes": "object"}  # fmt: skip
        return pd.DataFrame({c: pd.Series(dtype=d) for c, d in dtypes.items()})
    out = pd.DataFrame(rows)
    return out.sort_values(["negative", "comments"], ascending=False, kind="stable").reset_index(
        drop=True
    )


def negative_per_day(*analyzed: pd.DataFrame, tz: str) -> pd.Series:
    """Negative messages per local calendar day.

    Parameters
    ----------
    *analyzed : pandas.DataFrame
        :func:`analyze` outputs (comments, mentions) with ``created_at``.
    tz : str
        The time zone whose calendar days are counted (the workspace's).

    Returns
    -------
    pandas.Series
        Indexed by every day from the first to the last message of all the frames (a day
        without a negative message counts 0), named ``negative``.
    """
    from smmnb.workspace import local_time

    frames = [f for f in analyzed if len(f)]
    if not frames:
        return pd.Series(dtype="int64", name="negative")
    day = pd.concat([local_time(f["created_at"], tz).dt.normalize() for f in frames])
    negative = np.concatenate([f["sentiment"].eq("negative").to_numpy(dtype=bool) for f in frames])
    days = pd.date_range(day.min(), day.max(), freq="D")
    counts = day[negative].value_counts().reindex(days, fill_value=0).astype("int64")
    return counts.rename_axis("day").rename("negative")


@dataclass(frozen=True)
class WorstDay:
    """The day with the most negative messages (see :func:`worst_day`)."""

    day: pd.Timestamp
    negative: int
    median: float
    ratio: float
    theme: str | None
    theme_share: float
    per_day: pd.Series

    @property
    def days(self) -> int:
        """Days compared."""
        return len(self.per_day)


def worst_day(*analyzed: pd.DataFrame, tz: str, min_days: int = 7) -> WorstDay:
    """The local day with the most negative comments and mentions, against the median day.

    Parameters
    ----------
    *analyzed : pandas.DataFrame
        :func:`analyze` outputs (comments, mentions), with the same theme columns.
    tz : str
        The time zone whose calendar days are counted (the workspace's).
    min_days : int
        Days the messages must span for a day to be compared with the others.

    Returns
    -------
    WorstDay
        ``day`` (the first of the days with the most negative messages), ``negative`` (their
        count), ``median`` (negative messages on the median day, days without any counted),
        ``ratio`` (``negative / median``, NaN when the median day has none), ``theme`` (the
        theme most of that day's negative messages are about, None when none has a theme),
        ``theme_share`` (the share of them about it) and ``per_day``
        (:func:`negative_per_day`).

    Raises
    ------
    InsufficientData
        When the messages span fewer than ``min_days`` days.
    """
    from smmnb.narrative import count
    from smmnb.workspace import local_time

    if min_days < 1:
        raise ValueError(f"min_days must be >= 1, got {min_days}")
    per_day = negative_per_day(*analyzed, tz=tz)
    if len(per_day) < min_days:
        found = (_("the comments and mentions of this period span {days}").format(
                     days=count(len(per_day), "day")) if len(per_day)
                 else _("this period has none"))  # fmt: skip
        need = _("comments or mentions spanning at least {days}").format(
            days=count(min_days, "day")
        )
        raise _insufficient(_("Finding the worst day"), need, found)
    peak_day = per_day.idxmax()
    peak, median = int(per_day.max()), float(per_day.median())
    theme, share = None, float("nan")
    bad = pd.concat([f[f["sentiment"].eq("negative")] for f in analyzed if len(f)])
    on_peak = bad[(local_time(bad["created_at"], tz).dt.normalize() == peak_day).to_numpy()]
    columns = _theme_columns(on_peak)
    if peak and columns:
        shares = on_peak[columns].fillna(False).astype(bool).mean()
        if shares.max() > 0:
            theme, share = shares.idxmax().removeprefix("theme_"), float(shares.max())
    ratio = peak / median if median > 0 else float("nan")
    return WorstDay(peak_day, peak, median, ratio, theme, share, per_day)
