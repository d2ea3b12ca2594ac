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

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from smmnb.text.base import _as_series, _distinct, fold, normalize
from smmnb.text.corpus import Corpus
from smmnb.text.lexicon import (
    LABELS,
    _lexicon_sentiment,
    detect_language,
    sentiment,
)
from smmnb.text.model import SentimentModel, labelling_sample, train_from_labels
from smmnb.text.themes import (
    _themes,
    choose_themes,
    discover_themes,
    discovered_themes,
    load_themes,
    resolve_themes,
    theme_labels,
    themes,
)

__all__ = [
    "SentimentInterval",
    "SentimentModel",
    "WorstDay",
    "analyze",
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


# --------------------------------------------------------------------------------------------
# whole comment tables


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
    out["theme"] = pd.Series(first, index=out.index, dtype="str") if first is not None else None
    for name in found.columns:
        out[f"theme_{name}"] = found[name].to_numpy()
    return out


def _timedelta(sla: str | pd.Timedelta) -> pd.Timedelta:
    try:
        value = pd.Timedelta(sla)
    except ValueError:
        raise ValueError(f"sla must be a duration such as '1h' or '30min', got {sla!r}") from None
    if value <= pd.Timedelta(0):
        raise ValueError(f"sla must be positive, got {sla!r}")
    return value


def customer_comments(comments: pd.DataFrame) -> pd.DataFrame:
    """The comments customers wrote: every row not written by the brand.

    A row counts as the brand's when ``author_is_brand`` is true; a missing value (or a
    table without the column, such as ``mentions``) counts as a customer.
    """
    return comments[~_by_brand(comments)]


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
    if "parent_id" not in comments.columns:
        return False
    return bool((_by_brand(comments) & comments["parent_id"].notna()).any())


def response_times(
    comments: pd.DataFrame,
    sla: str | pd.Timedelta = "1h",
    *,
    replies: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """For every customer comment, the brand's first reply and how long it took.

    Parameters
    ----------
    comments : pandas.DataFrame
        A ``comments`` table with brand replies (``author_is_brand`` true, ``parent_id`` the
        comment answered). Extra columns of the customer comments (such as ``intent`` from
        :func:`analyze`) are carried along.
    sla : str or Timedelta
        The promised response time.
    replies : pandas.DataFrame, optional
        Where to look for the brand's replies instead of ``comments`` (its brand rows are
        used; customer rows are ignored). A report on a period passes the comments of every
        date here, so that a comment of the last evening answered the next morning counts
        as answered.

    Returns
    -------
    pandas.DataFrame
        One row per customer comment (not a brand reply): its columns plus ``replied_at``
        (the first brand reply at or after the comment), ``delay`` (Timedelta),
        ``delay_hours``, ``answered`` and ``within_sla`` (answered no later than ``sla``
        after the comment). Times are UTC instants, so the delay does not depend on the
        time zone anything is displayed in.
    """
    limit = _timedelta(sla)
    for column in ("comment_id", "created_at", "parent_id", "author_is_brand"):
        if column not in comments.columns:
            raise ValueError(f"response_times needs a '{column}' column")
    source = comments if replies is None else replies
    for column in ("created_at", "parent_id", "author_is_brand"):
        if column not in source.columns:
            raise ValueError(f"response_times needs a '{column}' column in replies")
    customer = customer_comments(comments)
    is_reply = _by_brand(source) & source["parent_id"].notna()
    found = source.loc[is_reply, ["parent_id", "created_at"]]
    joined = customer[["comment_id", "created_at"]].merge(
        found.rename(columns={"parent_id": "comment_id", "created_at": "reply_at"}),
        on="comment_id",
        how="inner",
    )
    joined = joined[joined["reply_at"] >= joined["created_at"]]
    first = joined.groupby("comment_id")["reply_at"].min()
    out = customer.copy()
    replied = first.astype("datetime64[ns, UTC]").reindex(out["comment_id"].to_numpy())
    out["replied_at"] = pd.Series(replied.to_numpy(), index=out.index, dtype="datetime64[ns, UTC]")
    out["delay"] = out["replied_at"] - out["created_at"]
    out["delay_hours"] = out["delay"].dt.total_seconds() / 3600.0
    out["answered"] = out["replied_at"].notna()
    out["within_sla"] = out["answered"] & (out["delay"] <= limit)
    return out


def overall_response(times: pd.DataFrame) -> dict[str, float]:
    """Response rate and speed over every comment of :func:`response_times`' output.

    Returns
    -------
    dict
        ``answered`` (answered / customer comments), ``median_hours`` (of the answered ones)
        and ``within_sla`` (answered within the SLA / customer comments); NaN where the
        denominator is zero.
    """
    answered = times["answered"].astype(bool)
    return {
        "answered": float(answered.mean()) if len(times) else float("nan"),
        "median_hours": float(times.loc[answered, "delay_hours"].median()),
        "within_sla": float(times["within_sla"].mean()) if len(times) else float("nan"),
    }


def response_summary(times: pd.DataFrame, by: str | list[str] = "platform") -> pd.DataFrame:
    """Response rate and speed per group (platform, intent...).

    Returns
    -------
    pandas.DataFrame
        ``comments``, ``answered`` (count), ``response_rate`` (answered / comments),
        ``within_sla`` (share of all comments answered within the SLA), ``median_hours``
        and ``p90_hours`` (of answered comments).
    """
    keys = [by] if isinstance(by, str) else list(by)
    grouped = times.groupby(keys, observed=True)
    out = pd.DataFrame(
        {
            "comments": grouped.size(),
            "answered": grouped["answered"].sum(),
            "within_sla_n": grouped["within_sla"].sum(),
            "median_hours": grouped["delay_hours"].median(),
            "p90_hours": grouped["delay_hours"].quantile(0.9),
        }
    )
    out["response_rate"] = out["answered"] / out["comments"]
    out["within_sla"] = out["within_sla_n"] / out["comments"]
    out = out.drop(columns="within_sla_n").reset_index()
    cols = [*keys, "comments", "answered", "response_rate", "within_sla", "median_hours",
            "p90_hours"]  # fmt: skip
    return out[cols]


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
    out = pd.DataFrame(rows)
    if out.empty:
        return out
    return out.sort_values(["negative", "comments"], ascending=False, kind="stable").reset_index(
        drop=True
    )


# --------------------------------------------------------------------------------------------
# the building blocks of the customer-expectations report


def net_sentiment(labels, by=None):
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
        raise _insufficient("Net sentiment with its interval", "comments with a sentiment label",
                            "the table given has none")  # fmt: skip
    if rates is None:
        rates = error_rates()
    elif isinstance(getattr(rates, "evaluation_", None), dict):  # a model trained on labels
        evaluation = rates.evaluation_
        rates = ErrorRates.from_confusion(
            evaluation["confusion"],
            source=f"your {evaluation['texts']:,} labelled comments "
            f"({evaluation.get('folds', 5)}-fold cross-validation)",
        )
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
            counts, [m.reindex(columns=order).to_numpy() for _, m in mats], n_boot=n_boot, rng=rng
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


def _theme_columns(analyzed: pd.DataFrame) -> list[str]:
    return [c for c in analyzed.columns if c.startswith("theme_")]


def _flag(analyzed: pd.DataFrame, column: str) -> pd.Series:
    return analyzed[column].fillna(False).astype(bool)


def channel_sentiment(analyzed: pd.DataFrame, by: str = "platform") -> pd.DataFrame:
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
        raise _insufficient("Sentiment by channel", "customer comments", "the table given is empty")
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
        raise _insufficient("The weekly sentiment chart",
                            f"a channel with at least {count(min_comments, 'comment')} in one week",
                            "the comments analysed have none")  # fmt: skip
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

        found = f"none of the {count(len(analyzed), 'comment')} analysed touches one"
        raise _insufficient("The theme analysis", "comments about a theme of the dictionary", found)
    return out.loc[out.sum(axis=1).sort_values(ascending=False, kind="stable").index]


def theme_coverage(analyzed: pd.DataFrame) -> float:
    """Share of the comments in which the dictionary recognises at least one theme (NaN if none)."""
    columns = _theme_columns(analyzed)
    if analyzed.empty:
        return float("nan")
    if not columns:
        return 0.0
    return float(analyzed[columns].fillna(False).astype(bool).any(axis=1).mean())


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
        first comment among all of ``analyzed``) and ``text``; up to ``per_intent`` rows per
        intent, earliest first.
    """
    asks = analyzed[analyzed["intent"].isin(ASKING)]
    examples = asks.sort_values("created_at").groupby("intent").head(per_intent)
    columns = [c for c in ("platform", "intent", "author", "text") if c in examples.columns]
    examples = examples[columns]
    if "author" in examples.columns:
        names = pd.unique(analyzed["author"].dropna())
        pseudonyms = {name: f"Customer {i + 1}" for i, name in enumerate(names)}
        examples = examples.assign(author=examples["author"].map(pseudonyms))
    return examples


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
        found = (f"the comments and mentions of this period span {count(len(per_day), 'day')}"
                 if len(per_day) else "this period has none")  # fmt: skip
        raise _insufficient("Finding the worst day",
                            f"comments or mentions spanning at least {count(min_days, 'day')}",
                            found)  # fmt: skip
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


def _insufficient(analysis: str, need: str, found: str = ""):
    from smmnb.errors import InsufficientData
    from smmnb.narrative import needs

    return InsufficientData(needs(analysis, need, found))
