"""Net sentiment (the one definition), its error-adjusted range, and its breakdowns."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from smmnb.expectations._common import _flag, _insufficient, _theme_columns
from smmnb.i18n import _
from smmnb.text.lexicon import (
    LABELS,
    detect_language,
)
from smmnb.text.model import SentimentModel, train_from_labels

__all__ = [
    "net_sentiment",
    "net_sentiment_points",
    "sentiment_model",
    "SentimentInterval",
    "net_sentiment_interval",
    "channel_sentiment",
    "weekly_net_sentiment",
    "sentiment_by_theme",
    "theme_coverage",
]


def net_sentiment(labels, *, by=None):
    """Net sentiment: the share of positive labels minus the share of negative labels.

    The one definition every report uses: ``(positive - negative) / labelled``, in [-1, 1],
    over the comments (or mentions) given; neutral ones count in the denominator.

    Parameters
    ----------
    labels : pandas.Series, sequence of str or pandas.DataFrame
        Sentiment labels (``negative``, ``neutral``, ``positive``), or a frame with a
        ``sentiment`` column (the output of :func:`analyze`). Missing labels are left out.
    by : str, list or pandas.Series, optional
        Groups: column names of the frame, or Series aligned with the labels.

    Returns
    -------
    float or pandas.Series
        One value, or one per group (named ``net_sentiment``); NaN where there is no label
        (a rate without a denominator).

    Examples
    --------
    >>> net_sentiment(["positive", "positive", "neutral", "negative"])
    0.25
    """
    if isinstance(labels, pd.DataFrame):
        frame = labels
        labels = frame["sentiment"]
        if isinstance(by, str):
            by = frame[by]
        elif isinstance(by, list):
            by = [frame[b] if isinstance(b, str) else b for b in by]
    labels = labels if isinstance(labels, pd.Series) else pd.Series(list(labels), dtype="object")
    value = net_sentiment_points(labels)
    if by is None:
        return float(value.mean()) if value.notna().any() else float("nan")
    return value.groupby(by, observed=True).mean().rename("net_sentiment")


def net_sentiment_points(labels) -> pd.Series:
    """What each label adds to :func:`net_sentiment`: +1 positive, -1 negative, 0 neutral.

    Missing labels are NaN (left out of the denominator). A daily series of net sentiment is
    the mean of these points per day.
    """
    labels = labels if isinstance(labels, pd.Series) else pd.Series(list(labels), dtype="object")
    value = labels.eq("positive").astype("float64") - labels.eq("negative").astype("float64")
    return value.where(labels.notna().to_numpy())


_MODELS: dict = {}


def sentiment_model(labels_path: str | Path | None = "", settings=None) -> SentimentModel | None:
    """The sentiment model every report of a folder uses: trained on the user's labels.

    ``labels_path`` (a notebook parameter), else ``smmnb.yml``'s ``labels``; None when
    neither names a file (the lexicon is used). A file is trained once per version (its path
    and modification time), so notebooks that read the same labels agree.
    """
    path = labels_path or (getattr(settings, "labels", None) if settings is not None else None)
    if not path or not str(path).strip():
        return None
    path = Path(str(path).strip())
    try:
        key = (str(path.resolve()), path.stat().st_mtime_ns)
    except OSError:
        return train_from_labels(path)  # names the missing file
    if key not in _MODELS:
        _MODELS[key] = train_from_labels(path)
    return _MODELS[key]


@dataclass(frozen=True)
class SentimentInterval:
    """Net sentiment and negative share, as scored and adjusted for the scorer's errors.

    ``net`` and ``negative`` are the figures as the scorer counts them (:func:`net_sentiment`
    and the share of comments labelled negative); ``*_adjusted`` correct them with the
    scorer's measured error rates; ``*_low``/``*_high`` bound the adjusted figure at ``level``
    (bootstrap over the comments and over the measurement of the error rates). ``source``
    says where the rates used were measured (the data sets of the comments' languages);
    ``other_text`` is true when that was not on the user's own comments; ``languages`` counts
    the comments per language whose rates were used.
    """

    comments: int
    net: float
    net_adjusted: float
    net_low: float
    net_high: float
    negative: float
    negative_adjusted: float
    negative_low: float
    negative_high: float
    level: float
    source: str
    other_text: bool
    languages: dict


def net_sentiment_interval(
    analyzed, rates=None, *, level: float = 0.9, n_boot: int = 2000, seed: int = 0
) -> SentimentInterval:
    """Net sentiment and negative share with an interval for the scorer's measured errors.

    Adjusted classify-and-count (:func:`smmnb.stats.adjusted_shares`): the scorer's label
    counts are corrected with its error rates, P(predicted | true), per language (each
    language's comments with that language's rates, then weighted by its comments); the
    interval is the percentile bootstrap of :func:`smmnb.stats.adjusted_share_draws`, which
    resamples the comments and the confusion counts the rates were measured on.

    Parameters
    ----------
    analyzed : pandas.DataFrame
        :func:`analyze` output (``sentiment`` and ``lang``; without ``lang`` it is detected
        from ``text``). Comments without a label are left out.
    rates : smmnb.text.evaluate.ErrorRates or SentimentModel, optional
        The scorer's error rates: from the user's own labels when they gave some (a
        :class:`SentimentModel` from ``train_from_labels``, whose cross-validated confusion is
        used, or :meth:`~smmnb.text.evaluate.ErrorRates.from_labels` with cross-validated
        predictions); default (None) the rates smmnb measured on real labelled text of others
        (:func:`smmnb.text.evaluate.error_rates`).
    level : float
        Coverage of the interval (0.9: 90%).
    n_boot, seed : int
        Bootstrap draws and the generator's seed (same inputs and seed, same interval).

    Returns
    -------
    SentimentInterval

    Raises
    ------
    InsufficientData
        When no comment has a sentiment label.
    """
    from smmnb.stats import adjusted_share_draws
    from smmnb.text.evaluate import ErrorRates, error_rates

    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1, got {level}")
    labels = analyzed["sentiment"]
    keep = labels.notna().to_numpy()
    if not keep.any():
        raise _insufficient(_("Net sentiment with its interval"),
                            _("comments with a sentiment label"),
                            _("the table given has none"))  # fmt: skip
    if rates is None:
        rates = error_rates()
    elif isinstance(getattr(rates, "evaluation_", None), dict):  # a model trained on labels
        from smmnb.narrative import count

        evaluation = rates.evaluation_
        source = _("your {comments} labelled comments ({folds}-fold cross-validation)").format(
            comments=count(evaluation["texts"]), folds=count(evaluation.get("folds", 5))
        )
        rates = ErrorRates.from_confusion(evaluation["confusion"], source=source)
    labels = labels[keep].astype(str)
    if "all" in rates.counts:
        lang = pd.Series("all", index=labels.index)
    elif "lang" in analyzed.columns:
        lang = analyzed.loc[keep, "lang"].fillna("other").astype(str)
    else:
        lang = detect_language(analyzed.loc[keep, "text"]).set_axis(labels.index)
    order = list(LABELS)
    if set(labels) - set(order):
        raise ValueError(f"unknown sentiment labels: {sorted(set(labels) - set(order))}")
    rng = np.random.default_rng(seed)
    n = len(labels)
    adjusted, draws, used = np.zeros(len(order)), np.zeros((n_boot, len(order))), {}
    for name, part in labels.groupby(lang.to_numpy(), sort=True):
        counts = part.value_counts().reindex(order, fill_value=0).to_numpy()
        mats = rates.matrices(name)
        true = list(mats[0][1].index)
        rows = [order.index(t) for t in true]
        point, boot = adjusted_share_draws(
            counts,
            [m.reindex(columns=order).to_numpy() for _set, m in mats],
            n_boot=n_boot,
            rng=rng,
        )
        weight = len(part) / n
        adjusted[rows] += weight * point
        draws[:, rows] += weight * boot
        used[name] = len(part)
    neg, pos = order.index("negative"), order.index("positive")
    tail = (1 - level) / 2
    net_draws, neg_draws = draws[:, pos] - draws[:, neg], draws[:, neg]
    net_low, net_high = np.quantile(net_draws, [tail, 1 - tail])
    neg_low, neg_high = np.quantile(neg_draws, [tail, 1 - tail])
    return SentimentInterval(
        comments=n,
        net=net_sentiment(labels),
        net_adjusted=float(adjusted[pos] - adjusted[neg]),
        net_low=float(net_low),
        net_high=float(net_high),
        negative=float(labels.eq("negative").mean()),
        negative_adjusted=float(adjusted[neg]),
        negative_low=float(neg_low),
        negative_high=float(neg_high),
        level=level,
        source=rates.describe([la for la in used if la in rates.counts] or None),
        other_text=rates.measured_on_other_text,
        languages=used,
    )


def channel_sentiment(analyzed: pd.DataFrame, *, by: str = "platform") -> pd.DataFrame:
    """Comments and sentiment per channel.

    Parameters
    ----------
    analyzed : pandas.DataFrame
        :func:`analyze` output (customer comments).
    by : str
        The column that names the channel.

    Returns
    -------
    pandas.DataFrame
        One row per channel, most comments first: ``by``, ``comments``, ``negative`` and
        ``positive`` (shares of the channel's comments) and ``net_sentiment``
        (:func:`net_sentiment`).

    Raises
    ------
    InsufficientData
        When there is no comment.
    """
    if analyzed.empty:
        raise _insufficient(
            _("Sentiment by channel"), _("customer comments"), _("the table given is empty")
        )
    key = analyzed[by]
    label = analyzed["sentiment"]
    out = pd.DataFrame(
        {
            "comments": analyzed.groupby(key, observed=True).size(),
            "negative": label.eq("negative").groupby(key, observed=True).mean(),
            "positive": label.eq("positive").groupby(key, observed=True).mean(),
            "net_sentiment": net_sentiment(analyzed, by=by),
        }
    )
    out = out.rename_axis(by).reset_index()
    return out.sort_values("comments", ascending=False, kind="stable").reset_index(drop=True)


def weekly_net_sentiment(
    analyzed: pd.DataFrame, *, tz: str, by: str = "platform", min_comments: int = 20
) -> pd.DataFrame:
    """Net sentiment per local week (weeks start on Monday) and channel.

    Parameters
    ----------
    analyzed : pandas.DataFrame
        :func:`analyze` output with ``created_at``.
    tz : str
        The time zone whose calendar weeks are counted (the workspace's).
    by : str
        The column that names the channel.
    min_comments : int
        A channel-week with fewer comments is left empty: its net sentiment is noise.

    Returns
    -------
    pandas.DataFrame
        Wide: week starts down (every week from the first to the last comment), channels
        across, :func:`net_sentiment` values; channels without any week left are dropped.

    Raises
    ------
    InsufficientData
        When no channel has ``min_comments`` comments in any week.
    """
    if min_comments < 1:
        raise ValueError(f"min_comments must be >= 1, got {min_comments}")
    from smmnb.narrative import count
    from smmnb.workspace import local_time

    wide = pd.DataFrame(dtype="float64")
    if len(analyzed):
        week = local_time(analyzed["created_at"], tz).dt.to_period("W-SUN").dt.start_time
        keys = [week.rename("week"), analyzed[by]]
        net = net_sentiment(analyzed["sentiment"], by=keys)
        size = analyzed.groupby(keys, observed=True).size()
        wide = net.where(size >= min_comments).unstack(by).dropna(axis=1, how="all")
    if wide.empty:
        need = _("a channel with at least {comments} in one week").format(
            comments=count(min_comments, "comment")
        )
        raise _insufficient(
            _("The weekly sentiment chart"), need, _("the comments analysed have none")
        )
    return wide


def sentiment_by_theme(analyzed: pd.DataFrame) -> pd.DataFrame:
    """Comments per theme, by sentiment.

    Returns
    -------
    pandas.DataFrame
        Themes down (their dictionary names), most discussed first; columns ``negative``,
        ``neutral``, ``positive`` (counts). Themes no comment touches are left out; a comment
        can touch several themes.

    Raises
    ------
    InsufficientData
        When no comment touches a theme.
    """
    rows = {}
    for column in _theme_columns(analyzed):
        label = analyzed.loc[_flag(analyzed, column), "sentiment"]
        rows[column.removeprefix("theme_")] = [int(label.eq(name).sum()) for name in LABELS]
    out = pd.DataFrame.from_dict(rows, orient="index", columns=list(LABELS)).astype("int64")
    out = out[out.sum(axis=1) > 0]
    if out.empty:
        from smmnb.narrative import count

        found = _("none of the {comments} analysed touches one").format(
            comments=count(len(analyzed), "comment")
        )
        raise _insufficient(
            _("The theme analysis"), _("comments about a theme of the dictionary"), found
        )
    return out.loc[out.sum(axis=1).sort_values(ascending=False, kind="stable").index]


def theme_coverage(analyzed: pd.DataFrame) -> float:
    """Share of the comments in which the dictionary recognises at least one theme (NaN if none)."""
    columns = _theme_columns(analyzed)
    if analyzed.empty:
        return float("nan")
    if not columns:
        return 0.0
    return float(analyzed[columns].fillna(False).astype(bool).any(axis=1).mean())
