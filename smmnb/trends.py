"""Trends: hashtags and terms, emerging topics, share of voice, spikes, timing, formats, growth.

Everything here takes and returns DataFrames; nothing plots, prints or reads files (the stop
words are package data). Text is compared accent-insensitively: Vietnamese is folded to plain
letters (``cà phê muối``, ``ca phe muoi`` and ``CA PHE MUOI`` are one term) and Vietnamese and
English stop words (``smmnb/text/stopwords.txt``) are left out.

Times: timestamps are converted to a local clock before they are cut into days, weeks or hours.
Every function that does so takes ``tz``; the local zone is, in this order:

1. ``tz`` when given (an IANA name such as ``"America/New_York"``);
2. else the table's ``attrs["timezone"]`` (:func:`smmnb.load_workspace` sets it on every table
   from ``smmnb.yml`` or its ``timezone=`` argument);
3. else the zone the timestamps carry: UTC for the canonical UTC timestamps, or whatever zone
   an aware column holds.

No function falls back to a fixed zone of its own. Timestamps without a time zone (naive) are
taken as already local. Weeks run Monday to Sunday and are labelled by their Monday.

When the data are too thin for an analysis (too few days for its windows, no posts with reach,
fewer than 28 days of followers), it raises :class:`~smmnb.errors.InsufficientData`, whose
message is one sentence for a report saying what is needed and what the data hold.

Denominators, stated once:

- a term's or hashtag's ``count`` is the number of documents (mentions, comments, posts) that
  use it at least once; its ``share`` is ``count / documents`` of the same period;
- share of voice divides a brand's value by the sum over all brands in the same period;
- :func:`best_time` and :func:`format_performance` average the metric over posts (each post
  counts once, however large its reach); :func:`format_performance` also gives the pooled
  ratio (sum of numerators over sum of denominators).
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import sparse
from scipy import stats as st

from smmnb.errors import InsufficientData
from smmnb.metrics import RATIOS, engagements, ratio
from smmnb.narrative import count as _count
from smmnb.narrative import day as _day
from smmnb.narrative import needs
from smmnb.stats import benjamini_hochberg, holm
from smmnb.text import fold, fold_one, stopwords
from smmnb.text.themes import written_forms

__all__ = [
    "ChannelOverview",
    "FollowerGains",
    "GrowthForecast",
    "SpikeExplanation",
    "benjamini_hochberg",
    "best_time",
    "best_window",
    "channel_overview",
    "emerging",
    "explain_spike",
    "follower_gains",
    "follower_growth",
    "engagement_metric",
    "follower_targets",
    "format_performance",
    "growth_focus",
    "hashtag_share",
    "hashtags",
    "share_of_voice",
    "spikes",
    "spikes_in_period",
    "stopwords",
    "targets_on_time",
    "terms",
    "times_known",
    "voice_change",
    "voice_totals",
    "window_test",
]

_FREQS = ("h", "D", "W", "M")
_SEASON = {"h": 168, "D": 7, "W": 1}  # periods per weekly cycle: same hour/day of last week
_TIME_COLUMNS = ("created_at", "published_at", "planned_at", "date")
_TOKEN = r"(?u)#?\b[^\W\d_]\w+\b"  # words of 2+ characters starting with a letter; hashtags
_HASHTAG = r"#([^\W_]\w*)"
_COMBINING = r"[\u0300-\u036f]"


# --------------------------------------------------------------------------------------------
# text


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
    """The local zone of ``when`` (see the module docstring); None for naive timestamps."""
    if tz:
        return tz
    zone = df.attrs.get("timezone")
    if zone:
        return zone
    if isinstance(when.dtype, pd.DatetimeTZDtype):
        return str(when.dt.tz)
    return None


def _local(df: pd.DataFrame, column: str, tz: str | None) -> pd.Series:
    """``df[column]`` as naive local wall-clock times (naive input is taken as local)."""
    when = df[column]
    if isinstance(when.dtype, pd.DatetimeTZDtype):
        return when.dt.tz_convert(_zone(df, when, tz)).dt.tz_localize(None)
    return pd.to_datetime(when)


def _noun(df: pd.DataFrame | pd.Series) -> str:
    """What the rows of a table are, for sentences: mentions, comments, posts or documents."""
    columns = getattr(df, "columns", ())
    for key, noun in (("mention_id", "mentions"), ("comment_id", "comments"),
                      ("post_id", "posts")):  # fmt: skip
        if key in columns:
            return noun
    return "documents"


def _span(first: pd.Timestamp, last: pd.Timestamp) -> str:
    from smmnb.narrative import period

    return period(first, last)


def _check_freq(freq: str, allowed: tuple[str, ...] = _FREQS) -> None:
    if freq not in allowed:
        raise ValueError(f"freq must be one of {', '.join(allowed)}, got {freq!r}")


def _period(local: pd.Series, freq: str) -> pd.Series:
    """Start of the local period each timestamp falls in (weeks from Monday)."""
    if freq == "h":
        return local.dt.floor("h")
    day = local.dt.normalize()
    if freq == "D":
        return day
    if freq == "W":
        return day - pd.to_timedelta(day.dt.day_of_week, unit="D")
    return local.dt.to_period("M").dt.start_time


def _period_range(first: pd.Timestamp, last: pd.Timestamp, freq: str) -> pd.DatetimeIndex:
    step = {"h": "h", "D": "D", "W": "7D", "M": "MS"}[freq]
    return pd.date_range(first, last, freq=step)


def _doc_terms(
    folded: pd.Series,
    ngram_range: tuple[int, int],
    min_df: int,
    exclude: tuple[str, ...] | list[str],
) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Binary document-term matrix of folded texts, without stop-word-edged n-grams."""
    from sklearn.feature_extraction.text import CountVectorizer

    lo, hi = ngram_range
    if not (isinstance(lo, int) and isinstance(hi, int) and 1 <= lo <= hi):
        raise ValueError(
            f"ngram_range must be (low, high) with 1 <= low <= high, got {ngram_range}"
        )
    if min_df < 1:
        raise ValueError(f"min_count must be >= 1, got {min_df}")
    vec = CountVectorizer(
        token_pattern=_TOKEN,
        ngram_range=(lo, hi),
        lowercase=False,
        binary=True,
        dtype=np.int32,
    )
    # Social text repeats itself: vectorize each distinct text once, count documents with
    # the repeats, and give every document its distinct text's row.
    codes, uniques = pd.factorize(folded.fillna(""))
    try:
        distinct = vec.fit_transform(list(uniques)).tocsr()
    except ValueError:  # empty vocabulary: no text at all
        return sparse.csr_matrix((len(folded), 0), dtype=np.int32), np.array([], dtype=object)
    doc_freq = np.asarray(distinct.T @ np.bincount(codes, minlength=len(uniques))).ravel()
    frequent = doc_freq >= min_df
    if not frequent.any():
        return sparse.csr_matrix((len(folded), 0), dtype=np.int32), np.array([], dtype=object)
    matrix = distinct[:, frequent][codes].tocsc()
    vocab = vec.get_feature_names_out()[frequent]
    words = pd.Series(vocab).str.split(" ")
    stop = stopwords()
    keep = ~(words.str[0].isin(stop) | words.str[-1].isin(stop)).to_numpy()
    exclude = [*_NOISE_WORDS, *exclude]
    if exclude:
        phrases = [" ".join(fold_one(e).split()) for e in exclude if str(e).strip()]
        if phrases:
            # Drop n-grams that contain an excluded phrase, and n-grams made only of words of
            # one ("moc" of "Moc Coffee"), so "salted coffee" stays but "coffee" does not.
            pattern = r"(?:^|[\s#])(?:" + "|".join(map(re.escape, phrases)) + r")(?:$|\s)"
            keep &= ~pd.Series(vocab).str.contains(pattern, regex=True).to_numpy()
            padded = np.char.add(np.char.add(" ", vocab.astype(str)), " ")
            for phrase in phrases:
                keep &= np.char.find(f" {phrase} ", padded) < 0
    return matrix[:, keep].tocsr(), vocab[keep]


def _count_by_period(
    matrix: sparse.csr_matrix, vocab: np.ndarray, periods: pd.Series, name: str
) -> pd.DataFrame:
    codes, uniques = pd.factorize(periods, sort=True)
    indicator = sparse.csr_matrix(
        (np.ones(len(codes), dtype=np.int32), (codes, np.arange(len(codes)))),
        shape=(len(uniques), len(codes)),
    )
    counts = (indicator @ matrix).tocoo()
    documents = np.bincount(codes, minlength=len(uniques))
    out = pd.DataFrame(
        {
            "period": pd.DatetimeIndex(uniques)[counts.row],
            name: vocab[counts.col],
            "count": counts.data.astype("int64"),
            "documents": documents[counts.row].astype("int64"),
        }
    )
    out["share"] = out["count"] / out["documents"]
    return out.sort_values(["period", "count", name], ascending=[True, False, True]).reset_index(
        drop=True
    )


def hashtags(
    df: pd.DataFrame, *, freq: str = "D", tz: str | None = None, min_count: int = 1
) -> pd.DataFrame:
    """Hashtag use over time, accent-insensitive (``#càphêmuối`` counts as ``#caphemuoi``).

    Parameters
    ----------
    df : pandas.DataFrame
        A table with ``text`` and a time column (``created_at``, ``published_at``...):
        mentions, comments or posts.
    freq : {"h", "D", "W", "M"}
        Period length (weeks from Monday, local time).
    tz : str, optional
        Local time zone of the periods (see the module docstring).
    min_count : int
        Keep hashtags used in at least this many documents over the whole table.

    Returns
    -------
    pandas.DataFrame
        ``period``, ``hashtag`` (folded, lower case, with ``#``), ``count`` (documents using
        it at least once in the period), ``documents`` (all documents in the period, with or
        without hashtags; periods with no hashtag at all are absent) and ``share`` = count /
        documents.

    Examples
    --------
    >>> posts = pd.DataFrame({"text": ["Thử #CàPhêMuối", "#caphemuoi ngon #caphemuoi"],
    ...                       "created_at": pd.to_datetime(["2026-10-12", "2026-10-12"])})
    >>> hashtags(posts)[["hashtag", "count", "share"]].to_dict("records")
    [{'hashtag': '#caphemuoi', 'count': 2, 'share': 1.0}]
    """
    _check_freq(freq)
    if min_count < 1:
        raise ValueError(f"min_count must be >= 1, got {min_count}")
    local = _local(df, _time_column(df), tz)
    periods = _period(local, freq).reset_index(drop=True)
    documents = periods.value_counts()
    found = _fold(_text_column(df)).reset_index(drop=True).str.extractall(_HASHTAG)
    columns = ["period", "hashtag", "count", "documents", "share"]
    if found.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    doc = found.index.get_level_values(0).to_numpy()
    tags = pd.DataFrame({"doc": doc, "hashtag": "#" + found[0].to_numpy(dtype=object)})
    tags = tags.drop_duplicates()
    tags["period"] = periods.to_numpy()[tags["doc"].to_numpy()]
    total = tags.groupby("hashtag").size()
    tags = tags[tags["hashtag"].isin(total[total >= min_count].index)]
    out = tags.groupby(["period", "hashtag"]).size().rename("count").reset_index()
    out["documents"] = out["period"].map(documents).astype("int64")
    out["share"] = out["count"] / out["documents"]
    out = out.sort_values(["period", "count", "hashtag"], ascending=[True, False, True])
    return out[columns].reset_index(drop=True)


def hashtag_share(
    df: pd.DataFrame, hashtag: str, *, freq: str = "W", tz: str | None = None
) -> pd.DataFrame:
    """Share of documents using one hashtag, in every period from the first to the last.

    Unlike :func:`hashtags`, periods where the hashtag is not used are present (count 0), so
    an average over periods is not biased upwards.

    Parameters
    ----------
    df : pandas.DataFrame
        A table with ``text`` and a time column.
    hashtag : str
        The hashtag, with or without ``#``; compared folded (``#CàPhêMuối`` = ``#caphemuoi``).
    freq : {"h", "D", "W", "M"}
        Period length (weeks from Monday, local time).
    tz : str, optional
        Local time zone of the periods (see the module docstring).

    Returns
    -------
    pandas.DataFrame
        ``period``, ``count`` (documents using the hashtag), ``documents`` (all documents in
        the period) and ``share`` = count / documents (NaN for a period without documents).
    """
    _check_freq(freq)
    tag = fold_one(str(hashtag)).strip().lstrip("#")
    if not tag:
        raise ValueError("hashtag must not be empty")
    local = _local(df, _time_column(df), tz).reset_index(drop=True)
    uses = (
        _fold(_text_column(df))
        .reset_index(drop=True)
        .str.contains("#" + re.escape(tag) + r"(?!\w)", regex=True)
    )
    frame = pd.DataFrame({"period": _period(local, freq), "uses": uses.astype("int64")})
    frame = frame.dropna(subset=["period"])
    columns = ["period", "count", "documents", "share"]
    if frame.empty:
        return pd.DataFrame({c: pd.Series(dtype="float64") for c in columns})
    g = frame.groupby("period")["uses"].agg(["sum", "size"])
    full = _period_range(g.index.min(), g.index.max(), freq)
    g = g.reindex(full, fill_value=0)
    out = pd.DataFrame(
        {
            "period": full,
            "count": g["sum"].astype("int64").to_numpy(),
            "documents": g["size"].astype("int64").to_numpy(),
        }
    )
    out["share"] = ratio(out["count"], out["documents"]).to_numpy()
    return out[columns]


def terms(
    texts: pd.DataFrame | pd.Series,
    ngram_range: tuple[int, int] = (1, 3),
    *,
    freq: str | None = None,
    tz: str | None = None,
    min_count: int = 5,
    exclude: tuple[str, ...] | list[str] = (),
) -> pd.DataFrame:
    """Words and phrases (n-grams) and how many documents use them, accent-insensitive.

    Texts are folded (lower case, no diacritics, đ -> d) and cut into words of two or more
    characters that start with a letter; hashtags are words too. An n-gram that starts or ends
    with a stop word (Vietnamese or English, :func:`stopwords`) is left out, so ``ca phe muoi``
    is kept and ``cua lumi`` is not.

    Parameters
    ----------
    texts : DataFrame or Series
        A table with ``text`` (and a time column when ``freq`` is given), or the texts.
    ngram_range : (int, int)
        Shortest and longest phrase, in words.
    freq : {"h", "D", "W", "M"}, optional
        Count per period instead of over all texts (needs a table with a time column).
    tz : str, optional
        Local time zone of the periods.
    min_count : int
        Keep terms used in at least this many documents over all texts.
    exclude : sequence of str
        Words or phrases (brand names, say) to leave out, with every n-gram that contains them.

    Returns
    -------
    pandas.DataFrame
        [``period``,] ``term``, ``count`` (documents using the term at least once),
        ``documents`` (all documents [in the period]) and ``share`` = count / documents;
        most used first.
    """
    text = _text_column(texts).reset_index(drop=True)
    cleaned = _clean(text)
    matrix, vocab = _doc_terms(fold(cleaned), ngram_range, min_count, exclude)
    if freq is None:
        counts = np.asarray(matrix.sum(axis=0)).ravel().astype("int64")
        out = pd.DataFrame({"term": vocab, "count": counts, "documents": len(text)})
        out["share"] = out["count"] / max(len(text), 1)
        out = out.sort_values(["count", "term"], ascending=[False, True])
        return _written(out.reset_index(drop=True), cleaned)
    _check_freq(freq)
    if not isinstance(texts, pd.DataFrame):
        raise ValueError("freq needs a table with a time column, not only the texts")
    local = _local(texts, _time_column(texts), tz).reset_index(drop=True)
    return _written(_count_by_period(matrix, vocab, _period(local, freq), "term"), cleaned)


# --------------------------------------------------------------------------------------------
# emerging terms


def _keyness(x1: np.ndarray, n1: int, x0: np.ndarray, n0: int) -> pd.DataFrame:
    """Rise of each term's document rate from the baseline (0) to the recent window (1)."""
    x1 = x1.astype("float64")
    x0 = x0.astype("float64")
    total = x1 + x0
    expected_share = n1 / (n1 + n0)
    # One-sided conditional binomial test: given the term's total, are its recent documents
    # more than the recent window's share of all documents predicts?
    p = st.binom.sf(x1 - 1, total, expected_share)
    rate1, rate0 = x1 / n1, x0 / n0
    # Log-likelihood ratio (G^2) of two rates against one pooled rate, signed by direction.
    pooled = total / (n1 + n0)

    def ll(x, n, rate):
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(x > 0, x * np.log(rate), 0.0) + np.where(
                n - x > 0, (n - x) * np.log1p(-rate), 0.0
            )

    g2 = 2 * (ll(x1, n1, rate1) + ll(x0, n0, rate0) - ll(x1, n1, pooled) - ll(x0, n0, pooled))
    g2 = np.where(rate1 >= rate0, g2, -g2)
    growth = ((x1 + 0.5) / n1) / ((x0 + 0.5) / n0)
    return pd.DataFrame(
        {
            "count_recent": x1.astype("int64"),
            "count_baseline": x0.astype("int64"),
            "rate_recent": rate1,
            "rate_baseline": rate0,
            "growth": growth,
            "llr": g2,
            "p_value": p,
        }
    )


def _examples(matrix: sparse.csr_matrix, texts: pd.Series) -> np.ndarray:
    """The first text that uses each column's term (every column must have one)."""
    csc = matrix.tocsc()
    csc.sort_indices()
    first = csc.indices[csc.indptr[:-1]]
    return texts.reset_index(drop=True).to_numpy(dtype=object)[first]


def _collapse(out: pd.DataFrame, keep_ratio: float = 0.8) -> pd.DataFrame:
    """Drop significant terms that are mostly used inside a longer significant phrase."""
    sig = out[out["significant"]]
    if len(sig) < 2:
        return out
    padded = {t: f" {t} " for t in sig["term"]}
    counts = dict(zip(sig["term"], sig["count_recent"], strict=True))
    by_length = sorted(padded, key=lambda t: -len(t.split(" ")))
    drop = set()
    for short in padded:
        n_short = len(short.split(" "))
        for long in by_length:
            if len(long.split(" ")) <= n_short:
                break
            if padded[short] in padded[long] and counts[long] >= keep_ratio * counts[short]:
                drop.add(short)
                break
    return out[~out["term"].isin(drop)]


def _window_days(value: str, name: str) -> pd.Timedelta:
    try:
        days = pd.Timedelta(value)
    except (ValueError, TypeError):
        raise ValueError(f"{name} must be a length such as '14D', got {value!r}") from None
    if days < pd.Timedelta(days=1) or days != days.floor("D"):
        raise ValueError(f"{name} must be a whole number of days >= 1, got {value!r}")
    return days


def emerging(
    df: pd.DataFrame,
    recent: str = "14D",
    baseline: str = "56D",
    min_count: int = 5,
    *,
    as_of: str | pd.Timestamp | None = None,
    tz: str | None = None,
    ngram_range: tuple[int, int] = (1, 3),
    exclude: tuple[str, ...] | list[str] = (),
    alpha: float = 0.05,
    collapse: bool = True,
    shrink: bool = False,
    min_days: int = 7,
) -> pd.DataFrame:
    """Terms and hashtags whose share of documents rose significantly in the recent window.

    The recent window is the ``recent`` local days ending on ``as_of`` (included); the
    baseline is the ``baseline`` days just before it. For a term used in ``x1`` of the ``n1``
    recent documents and ``x0`` of the ``n0`` baseline documents, the null hypothesis is that
    its rate did not change; then, given its total ``x1 + x0``, ``x1`` is
    Binomial(``x1 + x0``, ``n1 / (n1 + n0)``). The p-value is the one-sided
    ``P(X >= x1)``; Benjamini-Hochberg q-values control the false discovery rate across all the
    terms tested (those used in at least ``min_count`` recent documents).

    Parameters
    ----------
    df : pandas.DataFrame
        Mentions, comments or posts: ``text`` and a time column.
    recent, baseline : str
        Window lengths in whole days (``"14D"``, ``"56D"``).
    min_count : int
        Test only terms used in at least this many recent documents.
    as_of : str or Timestamp, optional
        Last local day of the recent window; default the last day in ``df``.
    tz : str, optional
        Local time zone of the days.
    ngram_range : (int, int)
        Phrase lengths, in words (see :func:`terms`).
    exclude : sequence of str
        Words or phrases to leave out (brand names).
    alpha : float
        False discovery rate: ``significant`` is ``q_value < alpha``.
    collapse : bool
        Drop a significant term when a longer significant phrase that contains it covers at
        least 80% of its recent documents (``phe muoi`` inside ``ca phe muoi``).
    shrink : bool
        When the documents span fewer days (from the first one to ``as_of``) than the two
        windows together, shorten them to the days there are: the recent window keeps its
        length while at least ``min_days`` days remain for the baseline, and the baseline
        takes the rest. ``attrs["shrunk"]`` says whether it happened.
    min_days : int
        With ``shrink``, the shortest window allowed.

    Returns
    -------
    pandas.DataFrame
        ``term``, ``kind`` (``hashtag`` or ``term``), ``count_recent``, ``count_baseline``,
        ``rate_recent`` = count_recent / n1, ``rate_baseline`` = count_baseline / n0,
        ``growth`` = ((count_recent + 0.5) / n1) / ((count_baseline + 0.5) / n0) (0.5 added so
        a term new in the recent window has a finite growth), ``llr`` (the log-likelihood
        ratio G^2 of the two rates against one, negative for falls; the ranking score),
        ``p_value``, ``q_value``, ``significant`` and ``example`` (a recent text that uses
        the term, as written). Significant rises first, by ``llr``.
        ``attrs`` holds the windows (``recent``, ``baseline``: first and last local day),
        ``n_recent``, ``n_baseline``, ``asked`` (the window lengths asked for, in days) and
        ``shrunk``.

    Raises
    ------
    InsufficientData
        When a window holds no document, or with ``shrink`` when the documents span fewer
        than ``2 * min_days`` days.
    """
    recent_days = _window_days(recent, "recent")
    baseline_days = _window_days(baseline, "baseline")
    if min_count < 1:
        raise ValueError(f"min_count must be >= 1, got {min_count}")
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must be between 0 and 1, got {alpha}")
    if min_days < 1:
        raise ValueError(f"min_days must be >= 1, got {min_days}")
    noun = _noun(df)
    day = _local(df, _time_column(df), tz).dt.normalize().reset_index(drop=True)
    end = pd.Timestamp(as_of).tz_localize(None).normalize() if as_of else day.max()
    if day.isna().all() or pd.isna(end):
        raise InsufficientData(needs("Finding emerging topics", f"dated {noun}", "there are none"))
    asked = (recent_days.days, baseline_days.days)
    if shrink:
        first = day[day <= end].min()
        held = 0 if pd.isna(first) else (end - first).days + 1
        if held < asked[0] + asked[1]:
            if held < 2 * min_days:
                found = (
                    f"the {noun} here span {_span(first, end)}"
                    if held
                    else f"there are no {noun} on or before {_day(end)}"
                )
                raise InsufficientData(
                    needs(
                        "Finding emerging topics",
                        f"at least {2 * min_days} days of {noun} (a recent window of "
                        f"{min_days} days or more and as many days before it to compare with)",
                        found,
                    )
                )
            recent_days = pd.Timedelta(days=min(asked[0], held - min_days))
            baseline_days = pd.Timedelta(days=min(asked[1], held - recent_days.days))
    recent_start = end - recent_days + pd.Timedelta(days=1)
    base_start = recent_start - baseline_days
    in_recent = ((day >= recent_start) & (day <= end)).to_numpy()
    in_base = ((day >= base_start) & (day < recent_start)).to_numpy()
    n1, n0 = int(in_recent.sum()), int(in_base.sum())
    if n1 == 0 or n0 == 0:
        before = recent_start - pd.Timedelta(days=1)
        raise InsufficientData(
            needs(
                "Finding emerging topics",
                f"{noun} in both windows it compares",
                f"there are {_count(n1)} from {_day(recent_start)} to {_day(end)} and "
                f"{_count(n0)} from {_day(base_start)} to {_day(before)}",
            )
        )
    used = in_recent | in_base
    text = _text_column(df).reset_index(drop=True)[used]
    cleaned = _clean(text)
    matrix, vocab = _doc_terms(fold(cleaned), ngram_range, min_count, exclude)
    recent_rows = in_recent[used]
    x1 = np.asarray(matrix[recent_rows].sum(axis=0)).ravel()
    x0 = np.asarray(matrix[~recent_rows].sum(axis=0)).ravel()
    tested = x1 >= min_count
    out = _keyness(x1[tested], n1, x0[tested], n0)
    out.insert(0, "term", vocab[tested])
    out.insert(1, "kind", np.where(out["term"].str.startswith("#"), "hashtag", "term"))
    out["q_value"] = benjamini_hochberg(out["p_value"].to_numpy())
    out["significant"] = out["q_value"] < alpha
    out["example"] = _examples(matrix[recent_rows][:, tested], text[recent_rows])
    out = out.sort_values(["significant", "llr", "term"], ascending=[False, False, True])
    if collapse:
        out = _collapse(out)
    out = _written(out.reset_index(drop=True), cleaned[recent_rows])
    out.attrs = {
        "recent": (recent_start, end),
        "baseline": (base_start, recent_start - pd.Timedelta(days=1)),
        "n_recent": n1,
        "n_baseline": n0,
        "asked": asked,
        "shrunk": (recent_days.days, baseline_days.days) != asked,
    }
    return out


# --------------------------------------------------------------------------------------------
# share of voice


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
    freq: str = "W",
    weight: str = "count",
    *,
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


# --------------------------------------------------------------------------------------------
# spikes


def spikes(
    mentions: pd.DataFrame,
    freq: str = "D",
    by: str | list[str] | None = None,
    *,
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
            needs("Spotting spikes", f"dated {_noun(mentions)}", "there are none")
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
    analysis = "Spotting spikes"
    if mentions.empty:
        raise InsufficientData(needs(analysis, "mentions", "there are none"))
    names = mentions["brand"].astype("str")
    if not (names == brand).any():
        from smmnb.narrative import brands_in

        raise InsufficientData(
            needs(analysis, f"mentions of {brand}", f"the mentions here are of {brands_in(names)}")
        )
    out = spikes(mentions, "D", by="brand", tz=tz, weeks=weeks, min_history=weeks,
                 threshold=threshold)  # fmt: skip
    days = out[(out["period"] >= first_day) & (out["period"] <= last_day)]
    own = days[days["brand"].astype("str") == brand]
    if own.empty:
        local = _local(mentions, _time_column(mentions), tz)
        raise InsufficientData(
            needs(
                analysis,
                f"mentions in the period ({_span(first_day, last_day)})",
                f"the mentions here span {_span(local.min(), local.max())}",
            )
        )
    judged = own.loc[own["score"].notna(), "period"]
    if judged.empty:
        local = _local(mentions, _time_column(mentions), tz)
        raise InsufficientData(
            needs(
                analysis,
                f"{weeks} weeks of mentions before each day it judges (a day is compared with "
                f"the same weekday of each of the {weeks} weeks before it)",
                f"the mentions here span {_span(local.min(), local.max())}",
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
        ``baseline_share`` (of the baseline's) and ``lift`` = share / baseline_share;
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
    out["lift"] = ratio(out["share"], out["baseline_share"]).to_numpy()
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
            raise ValueError(f"no mentions of brand {brand!r}")
        data = data[keep].reset_index(drop=True)
        labels = {
            k: None if v is None else pd.Series(np.asarray(v)[keep]) for k, v in labels.items()
        }
    start = pd.Timestamp(period).tz_localize(None).normalize()
    end = start + pd.Timedelta(days=7 if freq == "W" else 1)
    column = _time_column(data)
    zone = _zone(mentions, mentions[column], tz)
    when = data[column]
    if isinstance(when.dtype, pd.DatetimeTZDtype):
        when = when.dt.tz_convert(zone).dt.tz_localize(None)
    local = pd.to_datetime(when).reset_index(drop=True)
    in_spike = ((local >= start) & (local < end)).to_numpy()
    in_base = ((local >= start - pd.Timedelta(days=baseline_days)) & (local < start)).to_numpy()
    if not in_spike.any() or not in_base.any():
        raise ValueError(
            f"need mentions in the spike period ({int(in_spike.sum())}) and in the "
            f"{baseline_days} days before it ({int(in_base.sum())})"
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
    empty = pd.DataFrame(columns=["label", "count", "share", "baseline_share", "lift"])
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


# --------------------------------------------------------------------------------------------
# posting time and formats


def _post_metric(posts: pd.DataFrame, metric: str) -> pd.Series:
    """The metric of each post: a ratio from :data:`smmnb.metrics.RATIOS` or a count."""

    def column(name: str) -> pd.Series:
        if name == "engagements":
            return engagements(posts).astype("Float64").astype("float64")
        if name not in posts.columns:
            raise ValueError(f"metric {metric!r} needs a '{name}' column in posts")
        return pd.to_numeric(posts[name], errors="coerce").astype("Float64").astype("float64")

    if metric in RATIOS:
        num, den, scale = RATIOS[metric]
        return ratio(column(num), column(den), scale)
    if metric == "engagements" or (
        metric in posts.columns and pd.api.types.is_numeric_dtype(posts[metric])
    ):
        return column(metric)
    raise ValueError(
        f"metric must be a ratio ({', '.join(RATIOS)}) or a numeric posts column, got {metric!r}"
    )


def _require_metric(posts: pd.DataFrame, value: np.ndarray, metric: str, analysis: str) -> None:
    """Raise InsufficientData when no post has the metric, naming what it needs."""
    if len(value) and not np.isnan(np.asarray(value, dtype="float64")).all():
        return
    if metric in RATIOS:
        num, den, _scale = RATIOS[metric]
        need, field = f"posts with {den} (the metric is {num} / {den} of each post)", den
    else:
        need, field = f"posts with {metric}", metric
    if posts.empty:
        found = "there are no posts"
    elif len(posts) == 1:
        found = f"the one post here has no {field} figure"
    else:
        found = f"none of the {_count(len(posts), 'post')} here has a {field} figure"
    raise InsufficientData(needs(analysis, need, found))


ENGAGEMENT_METRICS = ("er_reach", "er_impressions")
"""Per-post engagement rates in order of preference: on reach, else on impressions."""


def engagement_metric(posts: pd.DataFrame, analysis: str = "Analysing posts") -> str:
    """The engagement rate the posts can give, on reach when possible.

    ``er_reach`` when a post has a reach, else ``er_impressions`` when a post has impressions.
    One metric is used for all the posts of an analysis (the two rates are not comparable).

    Parameters
    ----------
    posts : pandas.DataFrame
        A ``posts`` table.
    analysis : str
        The analysis, for the sentence of :class:`~smmnb.errors.InsufficientData`.

    Returns
    -------
    str

    Raises
    ------
    InsufficientData
        When no post has either (or there are no posts).
    """
    for metric in ENGAGEMENT_METRICS:
        try:
            if _post_metric(posts, metric).notna().any():
                return metric
        except ValueError:  # the denominator's column is absent
            continue
    if posts.empty:
        found = "there are no posts"
    elif len(posts) == 1:
        found = "the one post here has neither"
    else:
        found = f"none of the {_count(len(posts), 'post')} here has either"
    raise InsufficientData(
        needs(
            analysis, "posts with reach or impressions (the engagement rate divides by one)", found
        )  # fmt: skip
    )


def times_known(posts: pd.DataFrame, tz: str | None = None) -> bool:
    """Whether the posts carry a time of day, not only a date.

    Dates without times are read as local midnight; when every dated post is published at
    exactly 00:00:00 local time, the hour of publication is unknown (not 0).

    Parameters
    ----------
    posts : pandas.DataFrame
        A ``posts`` table.
    tz : str, optional
        Local time zone (see the module docstring).

    Returns
    -------
    bool
        False also when no post is dated.
    """
    local = _local(posts, "published_at", tz).dropna()
    return bool((local != local.dt.normalize()).any())


def _t_interval(mean, sd, n, alpha: float) -> tuple[np.ndarray, np.ndarray]:
    n = np.asarray(n, dtype="float64")
    with np.errstate(invalid="ignore", divide="ignore"):
        half = st.t.ppf(1 - alpha / 2, n - 1) * np.asarray(sd, dtype="float64") / np.sqrt(n)
    half = np.where(n >= 2, half, np.nan)
    return np.asarray(mean) - half, np.asarray(mean) + half


def _per_post(
    posts: pd.DataFrame,
    metric: str,
    tz: str | None,
    relative_to: list[str] | tuple[str, ...] | None,
    analysis: str,
) -> pd.DataFrame:
    """Each post's local ``weekday``, ``hour``, ``when`` and metric ``v``.

    ``v`` is relative to its group's mean when ``relative_to`` is given; posts without the
    metric are left out.
    """
    value = _post_metric(posts, metric).to_numpy()
    _require_metric(posts, value, metric, analysis)
    local = _local(posts, "published_at", tz)
    frame = pd.DataFrame(
        {"weekday": local.dt.day_of_week.to_numpy(), "hour": local.dt.hour.to_numpy(), "v": value}
    )
    if relative_to:
        missing = [c for c in relative_to if c not in posts.columns]
        if missing:
            raise ValueError(f"relative_to columns not in posts: {missing}")
        keys = [posts[c].astype("str").to_numpy() for c in relative_to]
        # dropna=False: a post without a format is compared with the others without one
        group_mean = frame.groupby(keys, dropna=False)["v"].transform("mean").to_numpy()
        frame["v"] = ratio(frame["v"], pd.Series(group_mean)).to_numpy()
    frame["when"] = local.to_numpy()
    frame = frame.dropna(subset=["v"])
    if frame.empty:  # every group's mean is 0: no post has an engagement to compare
        raise InsufficientData(
            needs(analysis, "posts with engagements", "no post here has any engagement")
        )
    return frame


def best_time(
    posts: pd.DataFrame,
    metric: str = "er_reach",
    tz: str | None = None,
    min_posts: int = 3,
    *,
    relative_to: list[str] | tuple[str, ...] | None = None,
    alpha: float = 0.05,
    hours: bool = True,
) -> pd.DataFrame:
    """How posts did by local weekday and hour of publication, best slot first.

    **Observational**: posts were not assigned to times at random. A slot can look good
    because of what was posted in it (formats, campaigns, paid boosts, platforms), not because
    of the time; ``relative_to=["platform", "format"]`` removes the part due to platform and
    format, not the rest. Test a promising slot before moving the whole plan.

    Parameters
    ----------
    posts : pandas.DataFrame
        A ``posts`` table.
    metric : str
        A ratio of :data:`smmnb.metrics.RATIOS` computed per post (``er_reach`` =
        engagements / reach of that post), ``engagements``, or a numeric column. Posts where
        it is missing (no reach reported, reach 0) are left out.
    tz : str, optional
        Local time zone of the weekday and hour; default the table's ``attrs['timezone']``,
        else the zone the timestamps carry (see the module docstring). A post published at
        local midnight is in hour 0.
    min_posts : int
        Slots with fewer posts are listed after the ranked ones (their mean says little).
    relative_to : list of str, optional
        Divide each post's metric by the mean of the metric over the posts of its group (for
        example ``["platform", "format"]``), so ``value`` is an index: 1.30 = 30% above the
        average post of the same platform and format.
    alpha : float
        1 - confidence level of the intervals.
    hours : bool
        Slots are weekday and hour; False gives weekdays only (for posts whose time of day
        is unknown, see :func:`times_known`), without the ``hour`` column.

    Returns
    -------
    pandas.DataFrame
        One row per (weekday, hour) slot with posts: ``weekday`` (0 = Monday), ``hour``
        (0-23), ``posts`` (how many had the metric), ``value`` (the mean of the per-post
        metric, each post counting once: not a pooled ratio), ``ci_low``, ``ci_high``
        (t-interval of the mean; NaN for one post). Slots with at least ``min_posts`` come
        first, best ``value`` first; then the thin slots. ``attrs``: ``posts`` (posts with the
        metric), ``first`` and ``last`` (their first and last local publication time) and
        ``metric``.

    Raises
    ------
    InsufficientData
        When no post has the metric (no posts, or none with reach for ``er_reach``).
    """
    if min_posts < 1:
        raise ValueError(f"min_posts must be >= 1, got {min_posts}")
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must be between 0 and 1, got {alpha}")
    frame = _per_post(posts, metric, tz, relative_to, "Finding the best time to post")
    slot = ["weekday", "hour"] if hours else ["weekday"]
    slots = frame.groupby(slot)["v"].agg(["count", "mean", "std"]).reset_index()
    low, high = _t_interval(slots["mean"], slots["std"], slots["count"], alpha)
    out = pd.DataFrame({key: slots[key].astype("int64") for key in slot})
    out["posts"] = slots["count"].astype("int64")
    out["value"] = slots["mean"].astype("float64")
    out["ci_low"] = low
    out["ci_high"] = high
    out["_thin"] = out["posts"] < min_posts
    out = out.sort_values(["_thin", "value", *slot], ascending=[True, False, *([True] * len(slot))])
    out = out.drop(columns="_thin").reset_index(drop=True)
    out.attrs = {
        "posts": len(frame),
        "first": frame["when"].min(),
        "last": frame["when"].max(),
        "metric": metric,
    }
    return out


def format_performance(
    posts: pd.DataFrame,
    metric: str = "er_reach",
    *,
    baseline: str | None = None,
    min_posts: int = 3,
    alpha: float = 0.05,
) -> pd.DataFrame:
    """Each format's metric per platform, with an interval and a test against other formats.

    Parameters
    ----------
    posts : pandas.DataFrame
        A ``posts`` table with ``platform`` and ``format``.
    metric : str
        As in :func:`best_time`: computed per post.
    baseline : str, optional
        Compare every format with this one on the same platform (``"image"``); default: with
        the platform's other formats taken together.
    min_posts : int
        Formats with fewer posts get no test.
    alpha : float
        1 - confidence level; ``significant`` is the Holm-adjusted p-value < alpha.

    Returns
    -------
    pandas.DataFrame
        ``platform``, ``format``, ``posts``, ``value`` (mean per-post metric), ``ci_low``,
        ``ci_high`` (t-interval), ``pooled`` (for ratios: sum of numerators / sum of
        denominators over the posts), ``compared_with``, ``lift`` = value / the compared
        mean, ``p_value`` (Welch's two-sided t-test of the per-post values), ``p_holm``
        (Holm-adjusted over all rows tested) and ``significant``. Best value first within
        each platform.

    Raises
    ------
    InsufficientData
        When no post has both the metric and a format.
    """
    for column in ("platform", "format"):
        if column not in posts.columns:
            raise ValueError(f"format_performance needs a '{column}' column")
    if min_posts < 2:
        raise ValueError(f"min_posts must be >= 2, got {min_posts}")
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must be between 0 and 1, got {alpha}")
    frame = pd.DataFrame(
        {
            "platform": posts["platform"].astype("str").to_numpy(),
            "format": posts["format"].astype("str").to_numpy(),
            "has_format": posts["format"].notna().to_numpy(),
            "v": _post_metric(posts, metric).to_numpy(),
        }
    )
    if metric in RATIOS:
        num, den, scale = RATIOS[metric]
        numerator = (
            engagements(posts) if num == "engagements" else pd.to_numeric(posts[num])
        ).astype("Float64")
        frame["num"] = numerator.astype("float64").to_numpy() * scale
        frame["den"] = pd.to_numeric(posts[den]).astype("Float64").astype("float64").to_numpy()
    _require_metric(posts, frame["v"].to_numpy(), metric, "Comparing formats")
    frame = frame.dropna(subset=["v"])
    frame = frame[frame.pop("has_format")]
    if frame.empty:
        raise InsufficientData(
            needs("Comparing formats", "posts with a format", "the posts here have none")
        )
    frame["v2"] = frame["v"] ** 2
    agg = {"v": ["count", "sum"], "v2": "sum"}
    if "num" in frame.columns:
        agg.update({"num": "sum", "den": "sum"})
    g = frame.groupby(["platform", "format"]).agg(agg)
    g.columns = ["n", "s", "s2", *(["num", "den"] if "num" in frame.columns else [])]
    g = g.reset_index()
    mean = g["s"] / g["n"]
    var = (g["s2"] - g["n"] * mean**2) / (g["n"] - 1)
    sd = np.sqrt(np.clip(var, 0, None))
    low, high = _t_interval(mean, sd, g["n"], alpha)
    if baseline is None:
        plat = g.groupby("platform")[["n", "s", "s2"]].transform("sum")
        n_o, s_o, s2_o = plat["n"] - g["n"], plat["s"] - g["s"], plat["s2"] - g["s2"]
        compared = "other formats"
    else:
        base = g[g["format"] == baseline].set_index("platform")
        n_o = g["platform"].map(base["n"]).astype("float64")
        s_o = g["platform"].map(base["s"]).astype("float64")
        s2_o = g["platform"].map(base["s2"]).astype("float64")
        compared = baseline
    mean_o = s_o / n_o
    with np.errstate(invalid="ignore", divide="ignore"):
        sd_o = np.sqrt(np.clip((s2_o - n_o * mean_o**2) / (n_o - 1), 0, None))
    testable = (g["n"] >= min_posts) & (n_o >= min_posts)
    if baseline is not None:
        testable &= g["format"] != baseline
    with np.errstate(invalid="ignore", divide="ignore"):
        _t, p = st.ttest_ind_from_stats(
            *(np.asarray(a, dtype="float64") for a in (mean, sd, g["n"], mean_o, sd_o, n_o)),
            equal_var=False,
        )
    p = np.where(testable, p, np.nan)
    out = pd.DataFrame(
        {
            "platform": g["platform"],
            "format": g["format"],
            "posts": g["n"].astype("int64"),
            "value": mean,
            "ci_low": low,
            "ci_high": high,
            "pooled": ratio(g["num"], g["den"]).to_numpy() if "num" in g.columns else np.nan,
            "compared_with": np.where(testable, compared, None),
            "lift": np.where(testable, ratio(mean, mean_o).to_numpy(), np.nan),
            "p_value": p,
        }
    )
    out["p_holm"] = holm(out["p_value"].to_numpy())
    out["significant"] = pd.array(
        np.where(np.isnan(out["p_holm"]), None, out["p_holm"] < alpha), dtype="boolean"
    )
    out = out.sort_values(["platform", "value"], ascending=[True, False])
    return out.reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# audience growth


@dataclass(frozen=True)
class GrowthForecast:
    """Output of :func:`follower_growth`.

    Attributes
    ----------
    history : pandas.DataFrame
        ``date``, ``brand``, ``platform``, ``followers``, ``net`` (change from the day before),
        ``growth_28d`` (followers / followers 28 days earlier - 1).
    rates : pandas.DataFrame
        One row per series: ``last_day`` (its last day with a count, at most ``as_of``),
        ``days`` (days from its first count to ``last_day``), ``followers`` on ``last_day``,
        ``gain_28d`` (net gain over the last 28 days; NaN with fewer than 29 days),
        ``daily_gain`` = gain_28d / 28, ``growth_28d`` = gain_28d / followers 28 days before,
        ``gain_prev_28d`` (the 28 days before those; NaN with fewer than 57 days),
        ``trend`` = the model's daily trend at ``last_day`` (NaN when not forecast).
    forecast : pandas.DataFrame
        ``date``, ``brand``, ``platform``, ``forecast``, ``low``, ``high`` (prediction
        interval) for ``horizon`` days after each series' ``last_day``; series with fewer
        than 28 days of counts are not forecast (see ``too_short``).
    targets : pandas.DataFrame
        Per forecast series with a target: ``target``, ``followers``, ``reached_on`` (first
        day the forecast reaches it), ``earliest`` (the interval's upper bound reaches it),
        ``latest`` (its lower bound does); NaT when not within two years, and
        ``reached_on`` = the last observed day when already reached.
    too_short : dict
        ``{(brand, platform): days}`` for the series with fewer than 28 days of counts.
    """

    history: pd.DataFrame
    rates: pd.DataFrame
    forecast: pd.DataFrame
    targets: pd.DataFrame
    too_short: dict = field(default_factory=dict)


def _first_day(days: pd.DatetimeIndex, values: np.ndarray, target: float) -> pd.Timestamp:
    hit = np.flatnonzero(values >= target)
    return days[hit[0]] if len(hit) else pd.NaT


MIN_GROWTH_DAYS = 28
"""Days of follower counts a series needs to be forecast (and to have a 28-day gain)."""


def follower_growth(
    followers: pd.DataFrame,
    horizon: int = 30,
    *,
    target: float | dict | None = None,
    as_of: str | pd.Timestamp | None = None,
    fit_days: int = 90,
    alpha: float = 0.05,
    tz: str | None = None,
) -> GrowthForecast:
    """Follower history, growth rates and a forecast with intervals, per brand and platform.

    The forecast is an additive-error, additive-trend exponential smoothing model (Holt's
    linear trend as a state-space ETS(A,A,N) model, statsmodels ``ETSModel``) fitted to the
    last ``fit_days`` daily follower counts up to ``as_of``; its prediction intervals are the
    model's analytic ones. It extends the recent trend: it does not know about campaigns to
    come. A series with fewer than 28 days of counts gets its history and rates (its gains
    are NaN where the days are too few) but no forecast.

    Parameters
    ----------
    followers : pandas.DataFrame
        A ``followers`` table (brand x platform x day).
    horizon : int
        Days to forecast (>= 1).
    target : float or dict, optional
        A followers target: one number for every series, or ``{platform: target}`` or
        ``{(brand, platform): target}``.
    as_of : str or Timestamp, optional
        Last day used; default the last day in the table. A series whose counts end earlier
        is used up to its own last day.
    fit_days : int
        Days of history the model is fitted on (>= 28).
    alpha : float
        1 - level of the prediction intervals.
    tz : str, optional
        Local time zone of the days, for ``date`` columns with a time zone (see the module
        docstring).

    Returns
    -------
    GrowthForecast

    Raises
    ------
    InsufficientData
        When there are no counts up to ``as_of``, or no series has 28 days of them.
    """
    from statsmodels.tools.sm_exceptions import ConvergenceWarning
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    if horizon < 1:
        raise ValueError(f"horizon must be >= 1, got {horizon}")
    if fit_days < MIN_GROWTH_DAYS:
        raise ValueError(f"fit_days must be >= {MIN_GROWTH_DAYS}, got {fit_days}")
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must be between 0 and 1, got {alpha}")
    for column in ("date", "brand", "platform", "followers"):
        if column not in followers.columns:
            raise ValueError(f"follower_growth needs a '{column}' column")
    analysis = "Forecasting followers"
    df = followers[["date", "brand", "platform", "followers"]].copy()
    df["date"] = _local(followers, "date", tz).dt.normalize().to_numpy()
    df = df.dropna(subset=["date", "followers"])
    if df.empty:
        raise InsufficientData(needs(analysis, "daily follower counts", "there are none"))
    df["brand"] = df["brand"].astype("str")
    df["platform"] = df["platform"].astype("str")
    end = pd.Timestamp(as_of).tz_localize(None).normalize() if as_of else df["date"].max()
    if not (df["date"] <= end).any():
        raise InsufficientData(
            needs(
                analysis,
                f"follower counts on or before {_day(end)}",
                f"the counts here start on {_day(df['date'].min())}",
            )  # fmt: skip
        )
    df = df[df["date"] <= end].sort_values(["brand", "platform", "date"])
    df["followers"] = df["followers"].astype("float64")
    history_rows, rate_rows, forecast_rows, target_rows = [], [], [], []
    too_short: dict[tuple[str, str], int] = {}
    long_days = 730
    for (brand, platform), series in df.groupby(["brand", "platform"], sort=True):
        s = series.set_index("date")["followers"].groupby(level=0).last()
        last_day = s.index.max()
        s = s.reindex(pd.date_range(s.index.min(), last_day, freq="D")).interpolate(
            limit_area="inside"
        )
        hist = pd.DataFrame({"date": s.index, "brand": brand, "platform": platform,
                             "followers": s.to_numpy()})  # fmt: skip
        hist["net"] = s.diff().to_numpy()
        hist["growth_28d"] = (s / s.shift(28) - 1).to_numpy()
        history_rows.append(hist)
        last = float(s.iloc[-1])
        before = float(s.iloc[-29]) if len(s) > 28 else np.nan
        gain = last - before
        prev = before - float(s.iloc[-57]) if len(s) > 56 else np.nan
        rate = {
            "brand": brand,
            "platform": platform,
            "last_day": last_day,
            "days": len(s),
            "followers": last,
            "gain_28d": gain,
            "daily_gain": gain / 28,
            "growth_28d": ratio(pd.Series([gain]), pd.Series([before])).iloc[0],
            "gain_prev_28d": prev,
            "trend": np.nan,
        }
        rate_rows.append(rate)
        fit_on = s.dropna().iloc[-fit_days:]
        if len(fit_on) < MIN_GROWTH_DAYS:
            too_short[(brand, platform)] = len(s)
            continue
        fit_on = fit_on.asfreq("D")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            warnings.simplefilter("ignore", RuntimeWarning)  # flat series: zero variances
            model = ETSModel(fit_on, error="add", trend="add").fit(disp=False)
            steps = max(horizon, long_days)
            pred = model.get_prediction(start=len(fit_on), end=len(fit_on) + steps - 1)
            frame = pred.summary_frame(alpha=alpha)
        days = pd.date_range(last_day + pd.Timedelta(days=1), periods=steps, freq="D")
        mean = frame["mean"].to_numpy()
        lower, upper = frame["pi_lower"].to_numpy(), frame["pi_upper"].to_numpy()
        # A flat series has a zero-width interval (NaN from 0/0): the forecast itself.
        lower = np.where(np.isnan(lower), mean, lower)
        upper = np.where(np.isnan(upper), mean, upper)
        forecast_rows.append(
            pd.DataFrame(
                {
                    "date": days[:horizon],
                    "brand": brand,
                    "platform": platform,
                    "forecast": mean[:horizon],
                    "low": lower[:horizon],
                    "high": upper[:horizon],
                }
            )  # fmt: skip
        )
        rate["trend"] = float(np.asarray(model.slope)[-1])
        goal = target
        if isinstance(target, dict):
            goal = target.get((brand, platform), target.get(platform))
        if goal is not None and not pd.isna(goal):
            goal = float(goal)
            reached = last >= goal
            target_rows.append(
                {
                    "brand": brand,
                    "platform": platform,
                    "target": goal,
                    "followers": last,
                    "reached_on": last_day if reached else _first_day(days, mean, goal),
                    "earliest": last_day if reached else _first_day(days, upper, goal),
                    "latest": last_day if reached else _first_day(days, lower, goal),
                }
            )
    if not forecast_rows:
        longest = max(too_short.items(), key=lambda kv: kv[1])
        (brand, platform), days_held = longest
        found = (
            f"the counts here cover {_count(days_held, 'day')} at most ({platform})"
            if len(too_short) > 1
            else f"the counts here cover {_count(days_held, 'day')} ({platform})"
        )
        raise InsufficientData(
            needs(
                analysis,
                f"{MIN_GROWTH_DAYS} days of follower counts on a platform (to measure a "
                f"28-day gain and fit a trend)",
                found,
            )
        )
    targets = pd.DataFrame(
        target_rows,
        columns=["brand", "platform", "target", "followers", "reached_on", "earliest", "latest"],
    )
    for column in ("reached_on", "earliest", "latest"):
        targets[column] = pd.to_datetime(targets[column])
    return GrowthForecast(
        history=pd.concat(history_rows, ignore_index=True),
        rates=pd.DataFrame(rate_rows),
        forecast=pd.concat(forecast_rows, ignore_index=True),
        targets=targets,
        too_short=too_short,
    )


def follower_targets(targets: pd.DataFrame, as_of: str | pd.Timestamp) -> pd.DataFrame:
    """Followers targets per platform: the one whose period holds ``as_of``, else the next due.

    Parameters
    ----------
    targets : pandas.DataFrame
        A ``targets`` table (one brand); rows with ``kpi == "followers"`` and a platform are
        used (a target for all platforms is not a per-platform target).
    as_of : str or Timestamp
        The day the forecast starts from.

    Returns
    -------
    pandas.DataFrame
        ``platform``, ``target``, ``due`` (the target period's last day), one row per platform.
    """
    columns = ["platform", "target", "due"]
    if targets.empty or "kpi" not in targets.columns:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    day = pd.Timestamp(as_of).tz_localize(None).normalize()
    rows = targets[(targets["kpi"].astype("str") == "followers") & targets["platform"].notna()]
    rows = rows.assign(
        platform=rows["platform"].astype("str"),
        due=pd.to_datetime(rows["period_end"]).dt.tz_localize(None)
        if isinstance(rows["period_end"].dtype, pd.DatetimeTZDtype)
        else pd.to_datetime(rows["period_end"]),
    )
    rows = rows[rows["due"] >= day].sort_values(["platform", "due"])
    out = rows.groupby("platform", sort=True).head(1)
    return out[["platform", "target", "due"]].reset_index(drop=True)


def targets_on_time(growth: GrowthForecast, goals: pd.DataFrame) -> pd.DataFrame:
    """``growth.targets`` with each target's ``due`` day and ``on_time`` (reached by then).

    Parameters
    ----------
    growth : GrowthForecast
        Output of :func:`follower_growth` run with the targets of ``goals``.
    goals : pandas.DataFrame
        Output of :func:`follower_targets`.

    Returns
    -------
    pandas.DataFrame
        The columns of ``growth.targets`` plus ``due`` and ``on_time`` (False when the
        forecast does not reach the target within two years).
    """
    due = goals.drop_duplicates("platform").set_index("platform")["due"]
    out = growth.targets.assign(due=pd.to_datetime(growth.targets["platform"].map(due)))
    out["on_time"] = (out["reached_on"].notna() & (out["reached_on"] <= out["due"])).astype(bool)
    return out


def window_test(
    posts: pd.DataFrame,
    window: dict,
    metric: str = "er_reach",
    *,
    tz: str | None = None,
    relative_to: list[str] | tuple[str, ...] | None = None,
    alpha: float = 0.05,
) -> dict:
    """Welch's t-test of the posts inside a :func:`best_window` block against all the others.

    The per-post values are those :func:`best_time` averages (same ``metric``, ``tz`` and
    ``relative_to``), so the two means are the block's ``value`` and ``value_outside``.

    Parameters
    ----------
    posts : pandas.DataFrame
        The posts :func:`best_time` was given.
    window : dict
        Output of :func:`best_window` (not empty).
    metric, tz, relative_to
        As given to :func:`best_time`.
    alpha : float
        Significance level.

    Returns
    -------
    dict
        ``inside``, ``outside`` (posts), ``mean_inside``, ``mean_outside``, ``p_value``
        (two-sided; NaN with fewer than two posts on a side) and ``significant``.
    """
    frame = _per_post(posts, metric, tz, relative_to, "Finding the best time to post")
    days = (frame["weekday"] < 5) == (window["days"] == "weekdays")
    inside = days & frame["hour"].between(window["start_hour"], window["end_hour"] - 1)
    a, b = frame.loc[inside, "v"].to_numpy(), frame.loc[~inside, "v"].to_numpy()
    p = float("nan")
    if len(a) >= 2 and len(b) >= 2:
        with np.errstate(invalid="ignore", divide="ignore"):
            p = float(st.ttest_ind(a, b, equal_var=False).pvalue)
    return {
        "inside": len(a),
        "outside": len(b),
        "mean_inside": float(a.mean()) if len(a) else float("nan"),
        "mean_outside": float(b.mean()) if len(b) else float("nan"),
        "p_value": p,
        "significant": bool(p < alpha),
    }


def growth_focus(growth: GrowthForecast, on_time: pd.DataFrame | None = None) -> str:
    """The platform whose follower growth most needs attention.

    The first (alphabetically) whose target is late, else the forecast one with the lowest
    28-day growth.

    Parameters
    ----------
    growth : GrowthForecast
        Output of :func:`follower_growth` (one brand).
    on_time : pandas.DataFrame, optional
        Output of :func:`targets_on_time`.

    Returns
    -------
    str
    """
    if on_time is not None and len(on_time) and (~on_time["on_time"]).any():
        return str(on_time.loc[~on_time["on_time"], "platform"].sort_values().iloc[0])
    forecast = set(growth.forecast["platform"].astype("str"))
    rates = growth.rates[growth.rates["platform"].astype("str").isin(forecast)]
    rates = rates.sort_values(["growth_28d", "platform"], na_position="last")
    return str(rates["platform"].iloc[0])


def best_window(slots: pd.DataFrame, *, hours: int = 2, min_posts: int = 10) -> dict:
    """The best block of consecutive hours, on weekdays or at weekends, from :func:`best_time`.

    Parameters
    ----------
    slots : pandas.DataFrame
        Output of :func:`best_time` (``weekday``, ``hour``, ``posts``, ``value``); use
        ``min_posts=1`` there so that no slot is dropped before blocks are formed.
    hours : int
        Length of the block.
    min_posts : int
        A block needs at least this many posts to be considered.

    Returns
    -------
    dict
        ``days`` ("weekdays" or "weekends"), ``start_hour``, ``end_hour`` (exclusive),
        ``value`` and ``posts`` inside the block, ``value_outside`` and ``posts_outside``
        (everything else), ``ratio`` (value / value_outside). Values are post-weighted
        means of the slot values. Empty when no block has enough posts. Observational, like
        :func:`best_time`.
    """
    if not 1 <= hours <= 23:
        raise ValueError(f"hours must be between 1 and 23, got {hours}")
    if slots.empty:
        return {}
    s = slots.assign(
        days=np.where(slots["weekday"] < 5, "weekdays", "weekends"),
        weighted=slots["value"] * slots["posts"],
    )
    grid = s.pivot_table(index="hour", columns="days", values=["weighted", "posts"], aggfunc="sum")
    grid = grid.reindex(range(24), fill_value=0.0).fillna(0.0)
    best: dict = {}
    for days in grid["posts"].columns:
        posts = grid["posts"][days].rolling(hours).sum().shift(-(hours - 1))
        weighted = grid["weighted"][days].rolling(hours).sum().shift(-(hours - 1))
        value = (weighted / posts).where(posts >= min_posts)
        if value.notna().any() and (not best or value.max() > best["value"]):
            start = int(value.idxmax())
            best = {"days": days, "start_hour": start, "end_hour": start + hours,
                    "value": float(value.max()), "posts": int(posts[start])}  # fmt: skip
    if not best:
        return {}
    inside = (s["days"] == best["days"]) & s["hour"].between(
        best["start_hour"], best["end_hour"] - 1
    )
    outside = s[~inside]
    best["posts_outside"] = int(outside["posts"].sum())
    best["value_outside"] = float(outside["weighted"].sum() / outside["posts"].sum())
    best["ratio"] = best["value"] / best["value_outside"]
    return best


# --------------------------------------------------------------------------------------------
# account-level daily series (channel_daily)

_CHANNEL_METRICS = ("views", "impressions", "reach")


@dataclass(frozen=True)
class ChannelOverview:
    """Output of :func:`channel_overview`.

    Attributes
    ----------
    daily : pandas.DataFrame
        ``date``, ``platform``, ``views``, ``impressions``, ``reach``: one row per platform and
        day of the period with any of them (summed over brands when several are given).
    platforms : pandas.DataFrame
        One row per platform: ``first``, ``last``, ``days`` (days with any of the metrics),
        then for views and impressions ``<m>_days`` (days reporting it), ``<m>`` (their sum:
        views and impressions are events, so they add up over days) and ``<m>_per_day``
        (the mean over the days reporting it), ``top_day`` and ``top_views`` (the day with
        the most views, or impressions when there are no views), and for reach only
        ``reach_days``, ``reach_per_day`` (mean) and ``reach_max``: reach counts people, and
        the same people come back day after day, so it is never added across days.
    """

    daily: pd.DataFrame
    platforms: pd.DataFrame


def channel_overview(
    channel_daily: pd.DataFrame,
    *,
    start: str | pd.Timestamp | None = None,
    end: str | pd.Timestamp | None = None,
) -> ChannelOverview:
    """Daily views, impressions and reach of the accounts, per platform.

    Parameters
    ----------
    channel_daily : pandas.DataFrame
        A ``channel_daily`` table (brand x platform x day, account level), already narrowed to
        the brand and platforms wanted.
    start, end : str or Timestamp, optional
        The period (calendar days, both included); default every day of the table.

    Returns
    -------
    ChannelOverview

    Raises
    ------
    InsufficientData
        When no day of the period reports views, impressions or reach.
    """
    for column in ("date", "platform", *_CHANNEL_METRICS):
        if column not in channel_daily.columns:
            raise ValueError(f"channel_overview needs a '{column}' column")
    df = channel_daily[["date", "platform", *_CHANNEL_METRICS]].copy()
    df["date"] = pd.to_datetime(df["date"]).dt.normalize()
    if start is not None and start != "":
        df = df[df["date"] >= pd.Timestamp(start).normalize()]
    if end is not None and end != "":
        df = df[df["date"] <= pd.Timestamp(end).normalize()]
    df = df[df[list(_CHANNEL_METRICS)].notna().any(axis=1)]
    if df.empty:
        raise InsufficientData(
            needs(
                "The channel overview",
                "account-level daily views, impressions or reach",
                "the data in scope have none",
            )
        )
    df["platform"] = df["platform"].astype("str")
    for column in _CHANNEL_METRICS:
        df[column] = df[column].astype("float64")
    daily = (
        df.groupby(["date", "platform"], sort=True)[list(_CHANNEL_METRICS)]
        .sum(min_count=1)
        .reset_index()
    )
    rows = []
    for platform, g in daily.groupby("platform", sort=True):
        row = {"platform": platform, "first": g["date"].min(), "last": g["date"].max(),
               "days": g["date"].nunique()}  # fmt: skip
        for column in ("views", "impressions"):
            known = g[column].dropna()
            row[f"{column}_days"] = len(known)
            row[column] = float(known.sum()) if len(known) else np.nan
            row[f"{column}_per_day"] = float(known.mean()) if len(known) else np.nan
        reach = g["reach"].dropna()
        row["reach_days"] = len(reach)
        row["reach_per_day"] = float(reach.mean()) if len(reach) else np.nan
        row["reach_max"] = float(reach.max()) if len(reach) else np.nan
        busiest = g["views"] if g["views"].notna().any() else g["impressions"]
        if busiest.notna().any():
            at = busiest.idxmax()
            row["top_day"], row["top_views"] = g.at[at, "date"], float(busiest[at])
        else:
            row["top_day"], row["top_views"] = pd.NaT, np.nan
        rows.append(row)
    return ChannelOverview(daily=daily, platforms=pd.DataFrame(rows))


def _gain_window(g: pd.DataFrame, days_back: int, days: int = 28) -> pd.DataFrame | None:
    """The ``days`` days of ``g`` ending ``days_back`` days before its last day, when complete."""
    last = g["date"].max() - pd.Timedelta(days=days_back)
    w = g[(g["date"] > last - pd.Timedelta(days=days)) & (g["date"] <= last)]
    return w if len(w) == days and w["net"].notna().all() else None


@dataclass(frozen=True)
class FollowerGains:
    """Output of :func:`follower_gains`.

    Attributes
    ----------
    daily : pandas.DataFrame
        ``date``, ``platform``, ``gained``, ``lost`` (NaN where not reported), ``net`` (gained
        - lost; gained alone when the platform reports no unfollows) and ``cumulative`` (the
        running net since the period's first day), from ``start`` to ``as_of``.
    platforms : pandas.DataFrame
        One row per platform: ``first``, ``last``, ``days`` (days with gains in the period),
        ``gained``, ``lost`` (NaN when the platform reports no unfollows), ``net`` over the
        period, ``lost_reported``; ``gained_28d``/``net_28d`` over the 28 days up to the
        platform's last day (at most ``as_of``) and ``gained_prev_28d``/``net_prev_28d`` over
        the 28 before (NaN unless every one of those days reports its gains).
    """

    daily: pd.DataFrame
    platforms: pd.DataFrame


def follower_gains(
    channel_daily: pd.DataFrame,
    followers: pd.DataFrame | None = None,
    *,
    start: str | pd.Timestamp | None = None,
    as_of: str | pd.Timestamp | None = None,
) -> FollowerGains:
    """Followers gained and lost per day where the data hold no follower count.

    Audience growth falls back on this for the platforms whose exports count the followers
    gained (and lost) each day but give no total (LinkedIn's followers export; YouTube's
    subscribers; TikTok's Overview) and for which ``followers`` has no count (a count known
    on one day turns gains into totals, see :mod:`smmnb.io.followers`).

    Parameters
    ----------
    channel_daily : pandas.DataFrame
        A ``channel_daily`` table narrowed to the brand and platforms wanted.
    followers : pandas.DataFrame, optional
        The ``followers`` table in the same scope: its platforms are left out.
    start : str or Timestamp, optional
        First day of the period the totals cover; default the first day with gains.
    as_of : str or Timestamp, optional
        Last day used; default the last day with gains.

    Returns
    -------
    FollowerGains
        Empty frames (never an error) when no platform has gains without counts.
    """
    columns = ["date", "platform", "gained", "lost", "net", "cumulative"]
    summary_columns = [
        "platform", "first", "last", "days", "gained", "lost", "net", "lost_reported",
        "gained_28d", "net_28d", "gained_prev_28d", "net_prev_28d",
    ]  # fmt: skip
    empty = FollowerGains(pd.DataFrame(columns=columns), pd.DataFrame(columns=summary_columns))
    df = channel_daily[channel_daily["followers_gained"].notna()]
    if followers is not None and len(followers):
        counted = set(followers["platform"].dropna().astype("str"))
        df = df[~df["platform"].astype("str").isin(counted)]
    if df.empty:
        return empty
    df = pd.DataFrame(
        {
            "date": pd.to_datetime(df["date"]).dt.normalize().to_numpy(),
            "platform": df["platform"].astype("str").to_numpy(),
            "gained": df["followers_gained"].astype("float64").to_numpy(),
            "lost": df["followers_lost"].astype("float64").to_numpy(),
        }
    )
    end = pd.Timestamp(as_of).normalize() if as_of not in (None, "") else df["date"].max()
    df = df[df["date"] <= end]
    if df.empty:
        return empty
    df = df.groupby(["date", "platform"], sort=True)[["gained", "lost"]].sum(min_count=1)
    df = df.reset_index()
    first_day = pd.Timestamp(start).normalize() if start not in (None, "") else None
    daily_rows, rows = [], []
    for platform, g in df.groupby("platform", sort=True):
        lost_reported = bool(g["lost"].notna().any())
        g = g.copy()
        g["net"] = g["gained"] - (g["lost"] if lost_reported else 0.0)
        period = g if first_day is None else g[g["date"] >= first_day]
        if period.empty:
            continue
        daily_rows.append(period.assign(cumulative=period["net"].cumsum()))
        recent, before = _gain_window(g, 0), _gain_window(g, 28)
        rows.append(
            {
                "platform": platform,
                "first": period["date"].min(),
                "last": period["date"].max(),
                "days": len(period),
                "gained": float(period["gained"].sum()),
                "lost": float(period["lost"].sum()) if lost_reported else np.nan,
                "net": float(period["net"].sum(min_count=1)),
                "lost_reported": lost_reported,
                "gained_28d": float(recent["gained"].sum()) if recent is not None else np.nan,
                "net_28d": float(recent["net"].sum()) if recent is not None else np.nan,
                "gained_prev_28d": float(before["gained"].sum()) if before is not None else np.nan,
                "net_prev_28d": float(before["net"].sum()) if before is not None else np.nan,
            }
        )
    if not rows:
        return empty
    daily = pd.concat(daily_rows, ignore_index=True)[columns]
    return FollowerGains(daily, pd.DataFrame(rows, columns=summary_columns))
