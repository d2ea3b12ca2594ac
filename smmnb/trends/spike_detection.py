"""Spikes: days far above a robust baseline, and what explains them."""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats as st

from smmnb.errors import InsufficientData
from smmnb.i18n import _
from smmnb.metrics import ratio
from smmnb.narrative import brands_in, count, esc, needs
from smmnb.stats import benjamini_hochberg
from smmnb.text import fold
from smmnb.timezones import local_time
from smmnb.trends._common import (
    _SEASON,
    _check_freq,
    _clean,
    _local,
    _noun,
    _period,
    _period_range,
    _span,
    _time_column,
    _written,
    _zone,
)
from smmnb.trends.keywords import _collapse, _doc_terms, _examples, _keyness

__all__ = ["spikes", "spikes_in_period", "SpikeExplanation", "explain_spike"]


def _mentions_of(brand: str) -> str:
    return _("mentions of {brand}").format(brand=esc(brand))


def _brands_here(names: pd.Series) -> str:
    """``the mentions here are of A only`` / ``... of A, B and C``."""
    present = sorted(set(names.dropna().astype("str")))
    if len(present) == 1:
        return _("the mentions here are of {brand} only").format(brand=esc(present[0]))
    return _("the mentions here are of {brands}").format(brands=brands_in(names))


def spikes(
    mentions: pd.DataFrame,
    *,
    freq: str = "D",
    by: str | list[str] | None = None,
    tz: str | None = None,
    weeks: int = 8,
    min_history: int = 4,
    threshold: float = 3.5,
    trend: bool = True,
) -> pd.DataFrame:
    r"""Flag periods whose mention count is far above what the same weekday usually has.

    **The rule**, for each period *t* (a day, hour or week) and each group of ``by``:

    1. History: the counts of the same period in each of the ``weeks`` previous weeks
       (for days, the same weekday: ``c[t-7], c[t-14], ...``; for hours the same hour and
       weekday; for weeks the previous weeks). Only the past is used, so the rule gives the
       same answer on history as it would have given live, and past alerts can be checked.
    2. Trend (``trend=True``): the Theil-Sen slope (the median of the pairwise slopes) of the
       totals of the same ``weeks`` previous weeks, all periods included so the weekday
       pattern cancels, divided by the periods in a week: ``m``, the change of one period's
       count per week. Each past count is carried forward to *t*: ``c[t-7k] + m k``. This
       keeps steady growth (or decline) from raising (or hiding) alarms.
    3. ``baseline`` = the median of the carried-forward counts; ``MAD`` = the median of their
       absolute deviations from it.
    4. ``scale`` = max(1.4826 x MAD, sqrt(max(baseline, 1))): the robust standard deviation,
       never below the Poisson noise of a count of that size.
    5. ``score`` = (count - baseline) / scale, a robust z-score; ``is_spike`` = score >=
       ``threshold`` (3.5 by default, Iglewicz and Hoaglin's cut-off). Periods with fewer
       than ``min_history`` past counts get no score.

    Parameters
    ----------
    mentions : pandas.DataFrame
        Mentions (or comments): a time column, plus ``by`` columns.
    freq : {"h", "D", "W"}
        Period length, local time.
    by : str or list of str, optional
        Columns (``brand``, ``platform``) whose groups get their own counts and baselines.
    tz : str, optional
        Local time zone of the periods.
    weeks : int
        Past weeks in the history (>= 3).
    min_history : int
        Past counts needed before a period is scored (2 <= min_history <= weeks).
    threshold : float
        Score at which a period is a spike (> 0).
    trend : bool
        Carry past counts forward along the robust trend (step 2).

    Returns
    -------
    pandas.DataFrame
        [by columns,] ``period``, ``count``, ``baseline``, ``score``, ``is_spike``, and
        ``scale`` and ``alert_at`` = baseline + threshold x scale (the count that would have
        raised an alert). Every period from the first to the last is present, zeros included.
    """
    _check_freq(freq, ("h", "D", "W"))
    if weeks < 3:
        raise ValueError(f"weeks must be >= 3, got {weeks}")
    if not 2 <= min_history <= weeks:
        raise ValueError(f"min_history must be between 2 and weeks ({weeks}), got {min_history}")
    if not threshold > 0:
        raise ValueError(f"threshold must be > 0, got {threshold}")
    keys = [by] if isinstance(by, str) else list(by or [])
    missing = [k for k in keys if k not in mentions.columns]
    if missing:
        raise ValueError(f"by columns not in the table: {missing}")
    local = _local(mentions, _time_column(mentions), tz)
    if local.isna().all():
        raise InsufficientData(
            needs(
                _("Spotting spikes"),
                _("dated {documents}").format(documents=_(_noun(mentions))),
                _("there are none"),
            )
        )
    period = _period(local, freq).rename("period")
    if keys:
        counts = mentions[keys].astype("str").assign(period=period.to_numpy())
        wide = counts.groupby(["period", *keys]).size().unstack(keys, fill_value=0)
    else:
        wide = period.value_counts().sort_index().to_frame("count")
    full = _period_range(period.min(), period.max(), freq)
    wide = wide.reindex(full, fill_value=0)
    y = wide.to_numpy(dtype="float64")  # periods x groups
    n_periods, n_groups = y.shape
    lag = _SEASON[freq]
    history = np.full((n_periods, n_groups, weeks), np.nan)
    for k in range(1, weeks + 1):
        if k * lag < n_periods:
            history[k * lag :, :, k - 1] = y[: n_periods - k * lag]
    k_weeks = np.arange(1, weeks + 1, dtype="float64")
    available = (~np.isnan(history)).sum(axis=2)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN slices at the start
        if trend:
            # Totals of the previous weeks (every period, so the weekday pattern cancels):
            # week k back is the sum of y[t - k*lag] .. y[t - (k-1)*lag - 1].
            cumulative = np.vstack([np.zeros((1, n_groups)), np.cumsum(y, axis=0)])
            totals = np.full((n_periods, n_groups, weeks), np.nan)
            for k in range(1, weeks + 1):
                t = np.arange(k * lag, n_periods)
                totals[t, :, k - 1] = cumulative[t - (k - 1) * lag] - cumulative[t - k * lag]
            i, j = np.triu_indices(weeks, k=1)  # pairs of weeks back, i < j (i more recent)
            slopes = (totals[:, :, i] - totals[:, :, j]) / (j - i)
            slope = np.nan_to_num(np.nanmedian(slopes, axis=2)) / lag  # per period, per week
            carried = history + slope[:, :, None] * k_weeks
        else:
            carried = history
        baseline = np.nanmedian(carried, axis=2)
        mad = np.nanmedian(np.abs(carried - baseline[:, :, None]), axis=2)
    baseline = np.clip(baseline, 0, None)
    scale = np.maximum(1.4826 * mad, np.sqrt(np.maximum(baseline, 1.0)))
    enough = available >= min_history
    baseline = np.where(enough, baseline, np.nan)
    scale = np.where(enough, scale, np.nan)
    score = (y - baseline) / scale
    out = pd.DataFrame(
        {
            "period": np.repeat(full.to_numpy(), n_groups),
            "count": y.ravel().astype("int64"),
            "baseline": baseline.ravel(),
            "score": score.ravel(),
            "is_spike": (np.nan_to_num(score, nan=-np.inf) >= threshold).ravel(),
            "scale": scale.ravel(),
            "alert_at": (baseline + threshold * scale).ravel(),
        }
    )
    if keys:
        groups = wide.columns.to_frame(index=False)
        tiled = groups.iloc[np.tile(np.arange(n_groups), n_periods)].reset_index(drop=True)
        out = pd.concat([tiled, out], axis=1).sort_values([*keys, "period"], kind="stable")
    out.attrs = {"threshold": threshold, "freq": freq, "weeks": weeks}
    return out.reset_index(drop=True)


def spikes_in_period(
    mentions: pd.DataFrame,
    start: str | pd.Timestamp,
    end: str | pd.Timestamp,
    *,
    brand: str,
    tz: str | None = None,
    weeks: int = 8,
    threshold: float = 3.5,
) -> pd.DataFrame:
    """Daily spike check of every brand over ``[start, end]``, judged on full baselines only.

    :func:`spikes` per brand (``freq="D"``) on all the mentions given (pass the history up to
    ``end``: the baselines need the weeks before ``start``), with ``min_history = weeks``: a
    day is judged only when each of the ``weeks`` weeks before it is in the data.

    Parameters
    ----------
    mentions : pandas.DataFrame
        A ``mentions`` table with every brand, up to ``end``.
    start, end : str or Timestamp
        The period (local days, both included).
    brand : str
        The brand analysed: the check needs days of it that can be judged.
    tz : str, optional
        Local time zone of the days (see the module docstring).
    weeks : int
        Weeks of baseline each day is compared with.
    threshold : float
        Score at which a day is a spike.

    Returns
    -------
    pandas.DataFrame
        The rows of :func:`spikes` with ``brand`` in the period; days without a full baseline
        have no score and are never spikes. ``attrs``: those of :func:`spikes` plus
        ``first_judged`` (the first day of the period with a score for ``brand``) and
        ``unjudged`` (days of the period before it).

    Raises
    ------
    InsufficientData
        When there are no mentions of ``brand``, none in the period, or no day of the period
        with ``weeks`` weeks of mentions before it.
    """
    first_day = pd.Timestamp(start).tz_localize(None).normalize()
    last_day = pd.Timestamp(end).tz_localize(None).normalize()
    analysis = _("Spotting spikes")
    if mentions.empty:
        raise InsufficientData(needs(analysis, _("mentions"), _("there are none")))
    names = mentions["brand"].astype("str")
    if not (names == brand).any():
        raise InsufficientData(needs(analysis, _mentions_of(brand), _brands_here(names)))
    out = spikes(mentions, freq="D", by="brand", tz=tz, weeks=weeks, min_history=weeks,
                 threshold=threshold)  # fmt: skip
    days = out[(out["period"] >= first_day) & (out["period"] <= last_day)]
    own = days[days["brand"].astype("str") == brand]
    if own.empty:
        local = _local(mentions, _time_column(mentions), tz)
        raise InsufficientData(
            needs(
                analysis,
                _("mentions in the period ({period})").format(period=_span(first_day, last_day)),
                _("the mentions here span {span}").format(span=_span(local.min(), local.max())),
            )
        )
    judged = own.loc[own["score"].notna(), "period"]
    if judged.empty:
        local = _local(mentions, _time_column(mentions), tz)
        raise InsufficientData(
            needs(
                analysis,
                _(
                    "{weeks} weeks of mentions before each day it judges (a day is compared with "
                    "the same weekday of each of the {weeks} weeks before it)"
                ).format(weeks=count(weeks)),
                _("the mentions here span {span}").format(span=_span(local.min(), local.max())),
            )
        )
    days = days.reset_index(drop=True)
    days.attrs = {
        **out.attrs,
        "first_judged": judged.min(),
        "unjudged": int((own["period"] < judged.min()).sum()),
    }
    return days


@dataclass(frozen=True)
class SpikeExplanation:
    """What set a spike apart from its baseline (output of :func:`explain_spike`).

    Attributes
    ----------
    period : pandas.Timestamp
        Start of the spike period (local).
    count : int
        Mentions in the spike period.
    baseline : float
        Mean mentions per period in the baseline window.
    terms : pandas.DataFrame
        Terms over-represented in the spike (columns of :func:`emerging`).
    platforms, sentiment, themes : pandas.DataFrame
        ``platform``/``sentiment``/``theme``, ``count``, ``share`` (of the spike's mentions),
        ``baseline_share`` (of the baseline's) and ``ratio`` = share / baseline_share;
        sentiment and themes are empty without labels.
    authors : pandas.DataFrame
        The spike's most-followed authors: ``author``, ``platform``, ``author_followers``,
        ``engagements``, ``text``.
    platform_p_value : float
        Chi-square test of independence of the platform mix of the spike's mentions and the
        baseline's (a 2 x platforms table of counts); NaN with fewer than two platforms.
    """

    period: pd.Timestamp
    count: int
    baseline: float
    terms: pd.DataFrame
    platforms: pd.DataFrame
    sentiment: pd.DataFrame
    themes: pd.DataFrame
    authors: pd.DataFrame
    platform_p_value: float = float("nan")


def _mix(labels: pd.Series, in_spike: np.ndarray, in_base: np.ndarray, name: str) -> pd.DataFrame:
    labels = labels.astype("str").where(labels.notna(), "(none)").reset_index(drop=True)
    spike = labels[in_spike].value_counts()
    base = labels[in_base].value_counts(normalize=True)
    out = spike.rename("count").rename_axis(name).reset_index()
    out["share"] = out["count"] / max(int(in_spike.sum()), 1)
    out["baseline_share"] = out[name].map(base).fillna(0.0).to_numpy()
    out["ratio"] = ratio(out["share"], out["baseline_share"]).to_numpy()
    return out.sort_values(["count", name], ascending=[False, True]).reset_index(drop=True)


def _mix_p_value(labels: pd.Series, in_spike: np.ndarray, in_base: np.ndarray) -> float:
    """Chi-square test that the label mix of the spike and of the baseline are the same."""
    labels = labels.astype("str").where(labels.notna(), "(none)").reset_index(drop=True)
    table = pd.crosstab(pd.Series(np.where(in_spike, "spike", "base"))[in_spike | in_base],
                        labels[in_spike | in_base])  # fmt: skip
    if table.shape != (2, table.shape[1]) or table.shape[1] < 2:
        return float("nan")
    return float(st.chi2_contingency(table.to_numpy())[1])


def explain_spike(
    mentions: pd.DataFrame,
    period: str | pd.Timestamp,
    *,
    freq: str = "D",
    brand: str | None = None,
    tz: str | None = None,
    baseline_days: int = 28,
    top: int = 10,
    sentiment=None,
    themes=None,
    exclude: tuple[str, ...] | list[str] = (),
) -> SpikeExplanation:
    """What the mentions of a spike period talk about, compared with the weeks before it.

    The spike is the period starting at ``period`` (a local day or week); the baseline is the
    ``baseline_days`` local days before it. Terms are tested as in :func:`emerging` (spike
    documents against baseline documents, one-sided binomial test, Benjamini-Hochberg
    q-values); platforms, sentiment and themes are compared by their share of mentions.

    Parameters
    ----------
    mentions : pandas.DataFrame
        A ``mentions`` table.
    period : str or Timestamp
        Start of the spike period, as in :func:`spikes`.
    freq : {"D", "W"}
        Length of the spike period.
    brand : str, optional
        Only this brand's mentions.
    tz : str, optional
        Local time zone.
    baseline_days : int
        Length of the baseline window before the spike (>= 7).
    top : int
        Rows kept in ``terms`` and ``authors``.
    sentiment, themes : array-like, optional
        One label per mention; default the table's ``sentiment`` and ``theme`` columns.
    exclude : sequence of str
        Words or phrases left out of the terms (brand names).

    Returns
    -------
    SpikeExplanation
    """
    _check_freq(freq, ("D", "W"))
    if baseline_days < 7:
        raise ValueError(f"baseline_days must be >= 7, got {baseline_days}")
    if top < 1:
        raise ValueError(f"top must be >= 1, got {top}")
    data = mentions.reset_index(drop=True)
    labels = {
        "sentiment": sentiment if sentiment is not None else data.get("sentiment"),
        "theme": themes if themes is not None else data.get("theme"),
    }
    if brand is not None:
        keep = (data["brand"] == brand).to_numpy()
        if not keep.any():
            raise InsufficientData(
                needs(
                    _("Explaining a spike"),
                    _mentions_of(brand),
                    _brands_here(data["brand"].astype("str")),
                )
            )
        data = data[keep].reset_index(drop=True)
        labels = {
            k: None if v is None else pd.Series(np.asarray(v)[keep]) for k, v in labels.items()
        }
    start = pd.Timestamp(period).tz_localize(None).normalize()
    end = start + pd.Timedelta(days=7 if freq == "W" else 1)
    column = _time_column(data)
    zone = _zone(mentions, mentions[column], tz)
    local = local_time(data[column], zone).reset_index(drop=True)
    in_spike = ((local >= start) & (local < end)).to_numpy()
    in_base = ((local >= start - pd.Timedelta(days=baseline_days)) & (local < start)).to_numpy()
    if not in_spike.any() or not in_base.any():
        raise InsufficientData(
            needs(
                _("Explaining a spike"),
                _("mentions in the spike period and in the {days} days before it").format(
                    days=count(baseline_days)
                ),
                _("there are {spike} in the period and {before} before it").format(
                    spike=count(int(in_spike.sum()), "mention"),
                    before=count(int(in_base.sum()), "mention"),
                ),
            )
        )
    used = in_spike | in_base
    cleaned = _clean(data.loc[used, "text"])
    matrix, vocab = _doc_terms(fold(cleaned), (1, 3), 3, exclude)
    spike_rows = in_spike[used]
    x1 = np.asarray(matrix[spike_rows].sum(axis=0)).ravel()
    x0 = np.asarray(matrix[~spike_rows].sum(axis=0)).ravel()
    tested = x1 >= 3
    found = _keyness(x1[tested], int(in_spike.sum()), x0[tested], int(in_base.sum()))
    found.insert(0, "term", vocab[tested])
    found.insert(1, "kind", np.where(found["term"].str.startswith("#"), "hashtag", "term"))
    found["q_value"] = benjamini_hochberg(found["p_value"].to_numpy())
    found["significant"] = found["q_value"] < 0.05
    found["example"] = _examples(matrix[spike_rows][:, tested], data.loc[used, "text"][spike_rows])
    found = found.sort_values(["significant", "llr", "term"], ascending=[False, False, True])
    found = _written(_collapse(found).head(top).reset_index(drop=True), cleaned[spike_rows])
    empty = pd.DataFrame(columns=["label", "count", "share", "baseline_share", "ratio"])
    mixes = {}
    for name, values in labels.items():
        if values is None:
            mixes[name] = empty.rename(columns={"label": name})
        else:
            mixes[name] = _mix(pd.Series(np.asarray(values)), in_spike, in_base, name)
    platform = data.get("platform", pd.Series(pd.NA, index=data.index))
    platforms = _mix(platform, in_spike, in_base, "platform")
    platform_p = _mix_p_value(platform, in_spike, in_base)
    cols = [c for c in ("author", "platform", "author_followers", "engagements", "text")
            if c in data.columns]  # fmt: skip
    authors = data.loc[in_spike, cols]
    if "author_followers" in authors.columns:
        authors = authors.sort_values("author_followers", ascending=False, na_position="last")
    days_per_period = 7 if freq == "W" else 1
    return SpikeExplanation(
        period=start,
        count=int(in_spike.sum()),
        baseline=float(in_base.sum() / baseline_days * days_per_period),
        terms=found,
        platforms=platforms,
        sentiment=mixes["sentiment"],
        themes=mixes["theme"],
        authors=authors.head(top).reset_index(drop=True),
        platform_p_value=platform_p,
    )
