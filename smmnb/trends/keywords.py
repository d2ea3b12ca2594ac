"""Hashtags and terms: counts per period, shares, and emerging topics (keyness)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from scipy import sparse
from scipy import stats as st

from smmnb.errors import InsufficientData
from smmnb.i18n import _
from smmnb.metrics import ratio
from smmnb.narrative import count as _count
from smmnb.narrative import day as _day
from smmnb.narrative import needs
from smmnb.stats import benjamini_hochberg
from smmnb.text import fold, fold_one, stopwords
from smmnb.trends._common import (
    _HASHTAG,
    _NOISE_WORDS,
    _TOKEN,
    _check_freq,
    _clean,
    _fold,
    _local,
    _noun,
    _period,
    _period_range,
    _span,
    _text_column,
    _time_column,
    _written,
)

__all__ = ["hashtags", "hashtag_share", "terms", "emerging"]


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
            "ratio": growth,
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
        ``ratio`` = ((count_recent + 0.5) / n1) / ((count_baseline + 0.5) / n0) (0.5 added so
        a term new in the recent window has a finite ratio), ``llr`` (the log-likelihood
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
    analysis, documents = _("Finding emerging topics"), _(noun)
    day = _local(df, _time_column(df), tz).dt.normalize().reset_index(drop=True)
    end = pd.Timestamp(as_of).tz_localize(None).normalize() if as_of else day.max()
    if day.isna().all() or pd.isna(end):
        raise InsufficientData(
            needs(analysis, _("dated {documents}").format(documents=documents), _("there are none"))
        )
    asked = (recent_days.days, baseline_days.days)
    if shrink:
        first = day[day <= end].min()
        held = 0 if pd.isna(first) else (end - first).days + 1
        if held < asked[0] + asked[1]:
            if held < 2 * min_days:
                found = (
                    _("the {documents} here span {span}").format(
                        documents=documents, span=_span(first, end)
                    )
                    if held
                    else _("there are no {documents} on or before {day}").format(
                        documents=documents, day=_day(end)
                    )
                )
                need = _(
                    "at least {days} days of {documents} (a recent window of {window} days or "
                    "more and as many days before it to compare with)"
                ).format(days=_count(2 * min_days), documents=documents, window=_count(min_days))
                raise InsufficientData(needs(analysis, need, found))
            recent_days = pd.Timedelta(days=min(asked[0], held - min_days))
            baseline_days = pd.Timedelta(days=min(asked[1], held - recent_days.days))
    recent_start = end - recent_days + pd.Timedelta(days=1)
    base_start = recent_start - baseline_days
    in_recent = ((day >= recent_start) & (day <= end)).to_numpy()
    in_base = ((day >= base_start) & (day < recent_start)).to_numpy()
    n1, n0 = int(in_recent.sum()), int(in_base.sum())
    if n1 == 0 or n0 == 0:
        before = recent_start - pd.Timedelta(days=1)
        found = _(
            "there are {recent} from {recent_first} to {recent_last} and {baseline} from "
            "{baseline_first} to {baseline_last}"
        ).format(
            recent=_count(n1),
            recent_first=_day(recent_start),
            recent_last=_day(end),
            baseline=_count(n0),
            baseline_first=_day(base_start),
            baseline_last=_day(before),
        )
        need = _("{documents} in both windows it compares").format(documents=documents)
        raise InsufficientData(needs(analysis, need, found))
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
