"""Share of voice: each brand's share of the mentions (or reach, engagements) per period."""

from __future__ import annotations

import numpy as np
import pandas as pd

from smmnb.metrics import ratio
from smmnb.trends._common import _check_freq, _local, _period, _period_range, _time_column

__all__ = ["share_of_voice", "voice_totals", "voice_change"]


_WEIGHTS = {"count": None, "engagements": "engagements", "reach": "author_followers"}


def _sentiment_sign(mentions: pd.DataFrame, sentiment) -> np.ndarray | None:
    labels = sentiment if sentiment is not None else mentions.get("sentiment")
    if labels is None:
        return None
    labels = pd.Series(labels)
    if len(labels) != len(mentions):
        raise ValueError(
            f"sentiment must have one value per mention ({len(mentions)}), got {len(labels)}"
        )
    if pd.api.types.is_numeric_dtype(labels):
        return np.sign(labels.to_numpy(dtype="float64"))
    mapped = labels.astype("str").str.lower().map({"positive": 1.0, "negative": -1.0})
    mapped = mapped.where(labels.notna(), np.nan)
    return mapped.fillna(0.0).where(labels.notna()).to_numpy(dtype="float64")


def share_of_voice(
    mentions: pd.DataFrame,
    *,
    freq: str = "W",
    weight: str = "count",
    tz: str | None = None,
    sentiment=None,
) -> pd.DataFrame:
    """Each brand's share of the conversation per period; shares sum to 1 in every period.

    Parameters
    ----------
    mentions : pandas.DataFrame
        A ``mentions`` table with every brand (the analysed one and its competitors).
    freq : {"h", "D", "W", "M"}
        Period length (local time; weeks from Monday).
    weight : {"count", "engagements", "reach"}
        What a mention is worth: 1; its ``engagements``; or its author's followers
        (``author_followers``, a *potential* reach: the same person following two authors
        counts twice). A missing engagement or follower count adds nothing.
    tz : str, optional
        Local time zone of the periods.
    sentiment : array-like, optional
        One label per mention (``positive``/``neutral``/``negative``, or a score whose sign
        counts); default the table's ``sentiment`` column if it has one.

    Returns
    -------
    pandas.DataFrame
        Long, one row per period and brand (every brand in every period from the first to the
        last, zeros included): ``period``, ``brand``, ``value`` (sum of the weight),
        ``share`` = value / (sum of value over brands in the period; NaN when that is 0),
        ``mentions`` (count) and ``net_sentiment`` = (positive - negative) / labelled
        mentions, NaN without labels.

    Examples
    --------
    >>> m = pd.DataFrame({"brand": ["A", "A", "B"], "text": ["x", "y", "z"],
    ...                   "created_at": pd.to_datetime(["2026-10-05"] * 3)})
    >>> share_of_voice(m)[["brand", "value", "share"]].to_dict("records")
    [{'brand': 'A', 'value': 2.0, 'share': 0.6666666666666666}, {'brand': 'B', 'value': 1.0, 'share': 0.3333333333333333}]
    """  # noqa: E501
    _check_freq(freq)
    if weight not in _WEIGHTS:
        raise ValueError(f"weight must be one of {', '.join(_WEIGHTS)}, got {weight!r}")
    column = _WEIGHTS[weight]
    if column is not None and column not in mentions.columns:
        raise ValueError(f"weight={weight!r} needs a '{column}' column")
    local = _local(mentions, _time_column(mentions), tz)
    period = _period(local, freq).to_numpy()
    brand = mentions["brand"].astype("str").to_numpy()
    value = (
        np.ones(len(mentions))
        if column is None
        else pd.to_numeric(mentions[column], errors="coerce").astype("float64").fillna(0.0)
    )
    sign = _sentiment_sign(mentions, sentiment)
    frame = pd.DataFrame(
        {
            "period": period,
            "brand": brand,
            "value": np.asarray(value, dtype="float64"),
            "mentions": 1,
            "net": 0.0 if sign is None else np.nan_to_num(sign),
            "labelled": 0 if sign is None else (~np.isnan(sign)).astype(int),
        }
    )
    columns = ["period", "brand", "value", "share", "mentions", "net_sentiment"]
    if frame.empty:
        return pd.DataFrame({c: pd.Series(dtype="float64") for c in columns})
    sums = frame.groupby(["period", "brand"]).sum()
    periods = _period_range(frame["period"].min(), frame["period"].max(), freq)
    grid = pd.MultiIndex.from_product([periods, sorted(set(brand))], names=["period", "brand"])
    sums = sums.reindex(grid, fill_value=0).reset_index()
    total = sums.groupby("period")["value"].transform("sum")
    sums["share"] = ratio(sums["value"], total).to_numpy()
    sums["net_sentiment"] = ratio(sums["net"], sums["labelled"]).to_numpy()
    sums["mentions"] = sums["mentions"].astype("int64")
    return sums[columns]


def voice_totals(mentions: pd.DataFrame, brands: list[str] | None = None) -> pd.DataFrame:
    """Each brand's mentions and engagements over the whole table, and their shares.

    Parameters
    ----------
    mentions : pandas.DataFrame
        A ``mentions`` table (one period, the brands compared).
    brands : list of str, optional
        Brands to list (zeros included); default those in the table.

    Returns
    -------
    pandas.DataFrame
        ``brand``, ``mentions``, ``share of mentions`` = mentions / all mentions,
        ``engagements`` (sum of the reported ones; NaN when none of the brand's mentions
        reports any) and ``share of engagements`` = engagements / all engagements (NaN when
        no mention reports engagements). Most mentioned first.
    """
    names = mentions["brand"].astype("str")
    brands = list(brands) if brands is not None else sorted(set(names))
    counts = names.value_counts().reindex(brands, fill_value=0)
    if "engagements" in mentions.columns:
        eng = pd.to_numeric(mentions["engagements"], errors="coerce").astype("float64")
        by_brand = eng.groupby(names.to_numpy()).sum(min_count=1).reindex(brands)
    else:
        by_brand = pd.Series(np.nan, index=brands)
    out = pd.DataFrame(
        {
            "brand": brands,
            "mentions": counts.astype("int64").to_numpy(),
            "share of mentions": ratio(
                counts, pd.Series(counts.sum(), index=counts.index)
            ).to_numpy(),
            "engagements": by_brand.to_numpy(),
        }
    )
    total = by_brand.sum(min_count=1)
    out["share of engagements"] = (
        out["engagements"] / total if total and not pd.isna(total) else np.nan
    )
    return out.sort_values(["mentions", "brand"], ascending=[False, True]).reset_index(drop=True)


def voice_change(
    mentions: pd.DataFrame,
    brand: str,
    start: str | pd.Timestamp,
    end: str | pd.Timestamp,
    *,
    tz: str | None = None,
    days: int = 28,
    alpha: float = 0.05,
) -> dict | None:
    """How ``brand``'s share of mentions changed, tested (two-proportion z-test).

    When the period ``[start, end]`` has at least ``2 * days`` days, its last ``days`` days
    are compared with the ``days`` before them; else the whole period is compared with the
    period of the same length just before it (``mentions`` must then reach back that far).
    The share is pooled: the brand's mentions / all mentions in the window.

    Parameters
    ----------
    mentions : pandas.DataFrame
        Mentions of the brands compared, up to ``end`` (earlier days included).
    brand : str
        The brand whose share is followed.
    start, end : str or Timestamp
        The period (local days, both included).
    tz : str, optional
        Local time zone of the days (see the module docstring).
    days : int
        Window length for long periods.
    alpha : float
        Significance level of the test.

    Returns
    -------
    dict or None
        ``recent`` and ``before`` (each ``(first day, last day)``), ``share_recent``,
        ``share_before``, ``mentions_recent``, ``mentions_before`` (all brands), ``diff``
        (share_recent - share_before), ``p_value``, ``significant``; None when a window has
        no mentions.
    """
    from smmnb.stats import ab_test

    first = pd.Timestamp(start).tz_localize(None).normalize()
    last = pd.Timestamp(end).tz_localize(None).normalize()
    length = (last - first).days + 1
    if length >= 2 * days:
        recent = (last - pd.Timedelta(days=days - 1), last)
    else:
        recent = (first, last)
    span = (recent[1] - recent[0]).days + 1
    before = (recent[0] - pd.Timedelta(days=span), recent[0] - pd.Timedelta(days=1))
    day = _local(mentions, _time_column(mentions), tz).dt.normalize().to_numpy()
    own = (mentions["brand"].astype("str") == brand).to_numpy()
    counts = {}
    for name, (lo, hi) in (("recent", recent), ("before", before)):
        inside = (day >= lo) & (day <= hi)
        counts[name] = (int((inside & own).sum()), int(inside.sum()))
    (x1, n1), (x0, n0) = counts["recent"], counts["before"]
    if n1 == 0 or n0 == 0:
        return None
    test = ab_test(x0, n0, x1, n1, alpha=alpha)
    return {
        "recent": recent,
        "before": before,
        "share_recent": x1 / n1,
        "share_before": x0 / n0,
        "mentions_recent": n1,
        "mentions_before": n0,
        "diff": x1 / n1 - x0 / n0,
        "p_value": float(test.p_value),
        "significant": bool(test.p_value < alpha),
    }
