"""The explorer's questions as plain functions on DataFrames (no widgets).

Everything the explorer shows comes from these functions, so an analyst who wants the rows
behind a screen calls the same thing in a cell and gets a DataFrame:

- :func:`conversations`: customer comments and mentions, analysed once (sentiment, intent,
  themes, answered or not), in local time, with pseudonymised authors;
- :func:`find`: search (diacritics ignored, teencode understood) and filters over them;
- :func:`why`: the words that decided a text's sentiment;
- :func:`over_time`: a metric of :data:`METRICS` per day or week, per platform or brand,
  computed by the package's one function for that number;
- :func:`behind`: the rows behind one point of :func:`over_time`;
- :func:`post_comparisons`: every post with its distance from comparable posts.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import pandas as pd

from smmnb import metrics
from smmnb.errors import InsufficientData
from smmnb.expectations.comments import analyze, customer_comments, has_brand_replies
from smmnb.expectations.responses import response_times
from smmnb.expectations.sentiment_figures import net_sentiment, net_sentiment_points
from smmnb.i18n import N_, _
from smmnb.text.base import normalize
from smmnb.text.lexicon import explain
from smmnb.timezones import local_time
from smmnb.trends.top_posts import top_posts
from smmnb.trends.voice import share_of_voice
from smmnb.workspace import Workspace, parse_day

__all__ = [
    "METRICS",
    "SORTS",
    "Filters",
    "Metric",
    "behind",
    "conversations",
    "find",
    "over_time",
    "post_comparisons",
    "searchable",
    "why",
]


@dataclass(frozen=True)
class Metric:
    """A number :func:`over_time` can draw.

    Attributes
    ----------
    code : str
        The metric's code (``negative_share``).
    name : str
        Its name (an ``N_`` message: translate with ``_()`` when shown).
    table : str
        Where it is computed from: ``comments``, ``mentions``, ``posts`` or ``ads``.
    kind : str
        ``count``, ``share`` (a fraction shown as a percentage), ``amount`` or ``money``.
    definition : str
        The formula with its denominator (an ``N_`` message).
    per : str
        For a rate, what :func:`over_time`'s ``denominator`` counts (an ``N_`` message).
    """

    code: str
    name: str
    table: str
    kind: str
    definition: str
    per: str = ""


METRICS: dict[str, Metric] = {
    m.code: m
    for m in (
        Metric("comments", N_("Customer comments"), "comments", "count",
               N_("customer comments (brand replies left out)")),
        Metric("negative_share", N_("Negative share"), "comments", "share",
               N_("negative customer comments / customer comments"), N_("customer comments")),
        Metric("net_sentiment", N_("Net sentiment"), "comments", "share",
               N_("(positive - negative) / customer comments"), N_("customer comments")),
        Metric("mentions", N_("Mentions"), "mentions", "count",
               N_("mentions of the brand chosen (of every brand when none is)")),
        Metric("share_of_voice", N_("Share of voice"), "mentions", "share",
               N_("mentions of the brand / mentions of every brand in the data"),
               N_("mentions of every brand")),
        Metric("posts", N_("Posts"), "posts", "count", N_("posts published")),
        Metric("engagements", N_("Engagements"), "posts", "amount",
               N_("reactions + comments + shares + saves of the posts published")),
        Metric("er_reach", N_("Engagement rate (reach)"), "posts", "share",
               N_("engagements / reach, over posts that report both"), N_("posts")),
        Metric("er_impressions", N_("Engagement rate (impressions)"), "posts", "share",
               N_("engagements / impressions, over posts that report both"), N_("posts")),
        Metric("spend", N_("Ad spend"), "ads", "money", N_("ad spend")),
        Metric("clicks", N_("Ad clicks"), "ads", "amount", N_("clicks on ads")),
        Metric("conversions", N_("Conversions"), "ads", "amount", N_("conversions from ads")),
        Metric("ctr", N_("CTR"), "ads", "share", N_("clicks / impressions of the ads"),
               N_("impressions")),
        Metric("cpa", N_("CPA"), "ads", "money", N_("spend / conversions"), N_("conversions")),
        Metric("roas", N_("ROAS"), "ads", "amount", N_("revenue / spend"), N_("spend")),
    )
}  # fmt: skip
"""The metrics of the "Over time" view, in the order the explorer lists them."""

SORTS = {
    "newest": N_("Newest first"),
    "oldest": N_("Oldest first"),
    "negative": N_("Most negative first"),
    "positive": N_("Most positive first"),
}
"""How :func:`find` can order its rows."""

RATES = {
    "negative_share",
    "net_sentiment",
    "share_of_voice",
    "er_reach",
    "er_impressions",
    "ctr",
    "cpa",
    "roas",
}
"""Metrics that are a ratio: missing (no point) in a period without a denominator."""

SPLITS = ("platform", "brand", "total")
PERIODS = ("day", "week")


@dataclass(frozen=True)
class Filters:
    """The filters every view of the explorer shares.

    Attributes
    ----------
    brand : str
        One brand ("" for every brand).
    platforms : tuple of str
        Platform codes to keep (empty for all).
    start, end : pandas.Timestamp or None
        Local calendar days, both included.
    """

    brand: str = ""
    platforms: tuple[str, ...] = ()
    start: pd.Timestamp | None = None
    end: pd.Timestamp | None = None

    @classmethod
    def of(cls, brand="", platforms=None, start=None, end=None) -> Filters:
        """Filters from loose values: a platform code or a list, ISO dates or Timestamps."""
        if isinstance(platforms, str):
            platforms = [platforms] if platforms else []
        return cls(
            brand=brand or "",
            platforms=tuple(str(p).lower() for p in (platforms or ())),
            start=parse_day(start, "start"),
            end=parse_day(end, "end"),
        )

    def keep(self, df: pd.DataFrame, day: pd.Series, *, brand: bool = True) -> np.ndarray:
        """Which rows of ``df`` pass (``day``: each row's local calendar day)."""
        keep = np.ones(len(df), dtype=bool)
        if brand and self.brand and "brand" in df.columns:
            keep &= (df["brand"].astype("str") == self.brand).to_numpy()
        if self.platforms and "platform" in df.columns:
            keep &= df["platform"].astype("str").isin(self.platforms).to_numpy()
        if self.start is not None:
            keep &= (day >= self.start).to_numpy(dtype=bool, na_value=False)
        if self.end is not None:
            keep &= (day <= self.end).to_numpy(dtype=bool, na_value=False)
        return keep


# -- comments and mentions -----------------------------------------------------------------


def conversations(ws: Workspace, *, model=None, themes_dict=None) -> pd.DataFrame:
    """Customer comments and mentions in one table, each analysed once.

    Parameters
    ----------
    ws : Workspace
        The folder (every brand and date: filter with :func:`find`).
    model : SentimentModel, optional
        The model trained on the user's labels (as the reports use it), else the lexicon.
    themes_dict : dict or path, optional
        The theme dictionary (as :func:`smmnb.expectations.analyze` takes it).

    Returns
    -------
    pandas.DataFrame
        One row per customer comment (brand replies left out) and per mention: ``source``
        (``comment`` or ``mention``), ``id``, ``brand``, ``platform``, ``time`` (local
        wall-clock time of the workspace's zone), ``day`` (its calendar day), ``author``
        (pseudonymised: ``Customer 1`` is the earliest author), ``text``, ``lang``,
        ``sentiment``, ``score``, ``intent``, ``theme`` (the first theme found), one
        boolean ``theme_<name>`` column per theme, ``answered`` (whether the brand replied:
        a comment only, and only when the export holds the brand's replies; else missing),
        ``post_id`` and ``folded`` (the normalised text without diacritics that
        :func:`find` searches). Newest first.
    """
    parts = []
    comments = ws.comments
    if len(comments):
        customer = customer_comments(comments)
        analysed = analyze(customer, themes_dict=themes_dict, model=model)
        if has_brand_replies(comments):
            answered = response_times(analysed, replies=comments)["answered"]
            analysed["answered"] = answered.astype("boolean").to_numpy()
        else:
            analysed["answered"] = pd.array([pd.NA] * len(analysed), dtype="boolean")
        parts.append(_conversation_rows(analysed, "comment", "comment_id"))
    mentions = ws.mentions
    if len(mentions):
        analysed = analyze(mentions, themes_dict=themes_dict, model=model)
        analysed["answered"] = pd.array([pd.NA] * len(analysed), dtype="boolean")
        parts.append(_conversation_rows(analysed, "mention", "mention_id"))
    if not parts:
        return _empty_conversations()
    out = pd.concat(parts, ignore_index=True, sort=False)
    themes = [c for c in out.columns if c.startswith("theme_")]
    out[themes] = out[themes].fillna(False).astype(bool)
    out["time"] = local_time(out["time"], ws.timezone)
    out["day"] = out["time"].dt.normalize()
    out = out.sort_values(["time", "source", "id"], ascending=[False, True, True], kind="stable")
    out["author"] = _pseudonyms(out["author"], out["time"])
    out["folded"] = normalize(out["text"])["folded"].to_numpy()
    return out.reset_index(drop=True)


_CONVERSATION_COLUMNS = ["source", "id", "brand", "platform", "time", "day", "author", "text",
                         "lang", "sentiment", "score", "intent", "theme"]  # fmt: skip


def _conversation_rows(analysed: pd.DataFrame, source: str, id_column: str) -> pd.DataFrame:
    n = len(analysed)

    def column(name):
        if name in analysed.columns:
            return analysed[name].to_numpy(dtype=object)
        return np.full(n, None, dtype=object)

    rows = pd.DataFrame(
        {
            "source": source,
            "id": analysed[id_column].astype("str").to_numpy(dtype=object)
            if id_column in analysed.columns
            else np.arange(n).astype(str),
            "brand": column("brand"),
            "platform": column("platform"),
            "time": analysed["created_at"].to_numpy(),
            "author": column("author"),
            "text": analysed["text"].astype("object").fillna("").to_numpy(dtype=object),
            "lang": column("lang"),
            "sentiment": column("sentiment"),
            "score": analysed["score"].to_numpy(dtype="float64"),
            "intent": column("intent"),
            "theme": column("theme"),
            "answered": analysed["answered"].to_numpy(),
            "post_id": column("post_id"),
        }
    )
    for name in analysed.columns:
        if name.startswith("theme_"):
            rows[name] = analysed[name].fillna(False).to_numpy(dtype=bool)
    rows["time"] = pd.Series(analysed["created_at"].to_numpy(), dtype=analysed["created_at"].dtype)
    return rows


def _empty_conversations() -> pd.DataFrame:
    out = pd.DataFrame({c: pd.Series(dtype="object") for c in _CONVERSATION_COLUMNS})
    out["time"] = pd.Series(dtype="datetime64[ns]")
    out["day"] = pd.Series(dtype="datetime64[ns]")
    out["score"] = pd.Series(dtype="float64")
    out["answered"] = pd.Series(dtype="boolean")
    out["post_id"] = pd.Series(dtype="object")
    out["folded"] = pd.Series(dtype="str")
    return out


def _pseudonyms(authors: pd.Series, when: pd.Series) -> pd.Series:
    """``Customer 1`` for the author of the earliest row, and so on; missing stays missing."""
    order = np.argsort(when.to_numpy(), kind="stable")
    seen = pd.unique(authors.iloc[order].dropna())
    names = {name: _("Customer {number}").format(number=i + 1) for i, name in enumerate(seen)}
    return authors.map(names).astype("object")


def _query_patterns(query: str) -> list[str]:
    """Regexes over folded text, one per word or quoted phrase of the query (all must match).

    Words are normalised as the texts are (teencode expanded, handles and links dropped);
    punctuation alone is not a word (``chậm!`` looks for ``chậm``); a quote left open is
    ignored.
    """
    phrases = re.findall(r'"([^"]+)"', query)
    rest = re.sub(r'"[^"]*"', " ", query).replace('"', " ")
    patterns = []
    for part in [*phrases, *rest.split()]:
        words = [w for w in normalize([part])["folded"].iloc[0].split() if _is_word(w)]
        if words:
            joined = r"\s+".join(re.escape(w) for w in words)
            patterns.append(rf"(?:^|\s){joined}(?:\s|$)")
    return patterns


def _is_word(token: str) -> bool:
    """A token that is not only punctuation (letters, digits, emoji are words)."""
    return any(not unicodedata.category(ch).startswith("P") for ch in token)


def searchable(query: str) -> bool:
    """Whether a query holds anything to look for (words, numbers or emoji).

    ``@handle``, a link or punctuation alone hold nothing: texts are searched without them.
    """
    return bool(_query_patterns(query or ""))


def find(
    rows: pd.DataFrame,
    query: str = "",
    *,
    brand: str = "",
    platforms=None,
    start=None,
    end=None,
    source: str = "",
    sentiment: str = "",
    theme: str = "",
    intent: str = "",
    answered: bool | None = None,
    sort: str = "newest",
    filters: Filters | None = None,
) -> pd.DataFrame:
    """Search and filter :func:`conversations`.

    Parameters
    ----------
    rows : pandas.DataFrame
        :func:`conversations` (or a part of it).
    query : str
        Words that must all be in the text, as whole words, diacritics and case ignored and
        teencode understood (``giao hang cham`` finds "Giao hàng chậm quá", ``ko`` finds
        "không"); a phrase in double quotes must appear as written, in that order.
    brand, platforms, start, end
        The shared filters (or pass ``filters``): one brand, platform codes, local days.
    source : {"", "comment", "mention"}
        Comments only, mentions only, or both.
    sentiment, theme, intent : str
        A label (``negative``), a theme's name (``delivery``: every text that mentions it,
        not only those whose first theme it is), an intent (``complaint``, ``question``,
        ``request``, ``praise``, ``other``); "" keeps all.
    answered : bool, optional
        True: comments the brand replied to; False: comments it did not (texts whose
        answer is not known, such as mentions, are left out either way).
    sort : {"newest", "oldest", "negative", "positive"}
        Row order (see :data:`SORTS`).

    Returns
    -------
    pandas.DataFrame
        The rows kept, in that order.

    Examples
    --------
    >>> rows = pd.DataFrame({"folded": ["giao hang cham qua", "ngon", "giao hang nhanh"],
    ...     "text": ["Giao hàng chậm quá", "ngon", "giao hàng nhanh"],
    ...     "time": pd.to_datetime(["2026-09-01", "2026-09-02", "2026-09-03"]),
    ...     "score": [-0.6, 0.5, 0.4]})
    >>> find(rows, "giao hàng")["text"].tolist()
    ['giao hàng nhanh', 'Giao hàng chậm quá']
    >>> find(rows, "giao hang cham")["text"].tolist()
    ['Giao hàng chậm quá']
    """
    if sort not in SORTS:
        raise ValueError(f"sort must be one of {', '.join(SORTS)}, got {sort!r}")
    if source not in ("", "comment", "mention"):
        raise ValueError(f"source must be '', 'comment' or 'mention', got {source!r}")
    f = filters if filters is not None else Filters.of(brand, platforms, start, end)
    day = rows["day"] if "day" in rows.columns else rows["time"].dt.normalize()
    keep = f.keep(rows, day)
    if source:
        keep &= (rows["source"] == source).to_numpy()
    if sentiment:
        keep &= (rows["sentiment"] == sentiment).to_numpy(dtype=bool, na_value=False)
    if theme:
        column = f"theme_{theme}"
        if column not in rows.columns:
            raise ValueError(f"no theme {theme!r}; themes: {', '.join(_themes(rows))}")
        keep &= rows[column].to_numpy(dtype=bool)
    if intent:
        keep &= (rows["intent"] == intent).to_numpy(dtype=bool, na_value=False)
    if answered is not None:
        known = rows["answered"].astype("boolean")
        keep &= (known == answered).to_numpy(dtype=bool, na_value=False)
    patterns = _query_patterns(query or "")
    if (query or "").strip() and not patterns:  # nothing to look for: nothing is found
        keep[:] = False
    for pattern in patterns:
        if not keep.any():
            break
        at = np.flatnonzero(keep)
        hit = rows["folded"].iloc[at].astype("str").str.contains(pattern, regex=True)
        keep[at[~hit.to_numpy(dtype=bool, na_value=False)]] = False
    found = rows[keep]
    if sort == "newest":
        return found.sort_values("time", ascending=False, kind="stable")
    if sort == "oldest":
        return found.sort_values("time", ascending=True, kind="stable")
    return found.sort_values(["score", "time"], ascending=[sort == "negative", False],
                             kind="stable")  # fmt: skip


def _themes(rows: pd.DataFrame) -> list[str]:
    return [c.removeprefix("theme_") for c in rows.columns if c.startswith("theme_")]


def why(text: str, *, top: int = 3) -> str:
    """The words that decided a text's sentiment, strongest first: ``giao chậm −3.0, ngon +0.5``.

    From :func:`smmnb.text.lexicon.explain` (the lexicon's own contributions); "" when no
    word of the lexicon is in the text (it is neutral for that reason).
    """
    parts = explain(str(text))
    if parts.empty:
        return ""
    parts = parts[parts["adds"] != 0]
    strongest = parts.reindex(parts["adds"].abs().sort_values(ascending=False,
                                                              kind="stable").index)  # fmt: skip
    from smmnb.narrative import number

    shown = []
    for what, kind, adds in strongest.head(top).itertuples(index=False):
        name = what if kind == "word" else _pattern_name(what)
        sign = "+" if adds > 0 else "\u2212"
        shown.append(f"{name} {sign}{number(abs(adds), 1)}")
    return ", ".join(shown)


_PATTERNS = {
    "wish": N_("(a wish)"),
    "excess": N_("(too much of something)"),
    "negative question": N_("(a negative question)"),
    "cannot": N_("(cannot do something)"),
    "can't use": N_("(cannot use it)"),
    "wrong item": N_("(the wrong item)"),
    "on and off": N_("(works on and off)"),
    "nothing at all": N_("(nothing at all)"),
}
"""The lexicon's complaint patterns (:func:`smmnb.text.lexicon.pattern_names`), as a row
names them."""


def _pattern_name(code: str) -> str:
    return _(_PATTERNS[code]) if code in _PATTERNS else f"({code})"


# -- over time -----------------------------------------------------------------------------


def _bucket(day: pd.Series, by: str) -> pd.Series:
    """Each day's period: the day itself, or the Monday of its week."""
    if by == "day":
        return day
    return day - pd.to_timedelta(day.dt.day_of_week, unit="D")


def _local_days(df: pd.DataFrame, column: str, tz: str) -> pd.Series:
    return local_time(df[column], tz).dt.normalize()


def _groups(df: pd.DataFrame, split: str) -> pd.Series:
    if split == "total":
        return pd.Series(_("All"), index=df.index, dtype="object")
    return df[split].astype("object").fillna(_("unknown"))


def over_time(
    ws: Workspace,
    metric: str,
    *,
    by: str = "week",
    split: str = "platform",
    rows: pd.DataFrame | None = None,
    brand: str = "",
    platforms=None,
    start=None,
    end=None,
    filters: Filters | None = None,
) -> pd.DataFrame:
    """A metric per day or week, per platform, per brand or in total.

    Parameters
    ----------
    ws : Workspace
        The folder.
    metric : str
        A code of :data:`METRICS`. Each is computed by the package's one function for it:
        counts; :func:`smmnb.expectations.net_sentiment`;
        :func:`smmnb.trends.share_of_voice`; :func:`smmnb.metrics.kpis` for the rates of
        posts and ads (pooled: the period's sum of the numerator over the sum of the
        denominator, never a mean of per-post rates).
    by : {"day", "week"}
        Period length (local calendar; weeks from Monday).
    split : {"platform", "brand", "total"}
        One line per platform, per brand, or one line. Share of voice is always per brand.
    rows : pandas.DataFrame, optional
        :func:`conversations` of ``ws`` when already computed (the comment and mention
        metrics need it; computed here otherwise).
    brand, platforms, start, end, filters
        The shared filters, as :func:`find` takes them.

    Returns
    -------
    pandas.DataFrame
        ``period`` (the day, or the Monday of the week), ``group``, ``currency`` (ads
        metrics when the ads hold several currencies: a line per currency), ``value``, and
        for every rate what it is over: ``denominator`` (the customer comments labelled, all
        brands' mentions, the ads' impressions, conversions or spend, or the posts that report
        both parts of an engagement rate) and, for the shares of comments and mentions, its
        ``numerator``. Counts and sums are 0 in a period without rows; a rate without a
        denominator is missing (no point is drawn). Periods before the table's first day or
        after its last in the folder are left out (the export does not reach there).
    """
    if metric not in METRICS:
        raise ValueError(f"metric must be one of {', '.join(METRICS)}, got {metric!r}")
    if by not in PERIODS:
        raise ValueError(f"by must be 'day' or 'week', got {by!r}")
    if split not in SPLITS:
        raise ValueError(f"split must be one of {', '.join(SPLITS)}, got {split!r}")
    m = METRICS[metric]
    f = filters if filters is not None else Filters.of(brand, platforms, start, end)
    if metric == "share_of_voice":
        return _share_of_voice(ws, f, by)
    frame, bounds = _rows_of(ws, m.table, rows, f)
    if frame.empty:
        return _no_series()
    frame = frame.assign(period=_bucket(frame["day"], by), group=_groups(frame, split))
    keys = ["period", "group"]
    if m.table == "ads":  # amounts of two currencies are never added: a line per currency
        codes = metrics.currency_codes(frame)
        if codes is not None and codes.nunique() > 1:
            frame = frame.assign(currency=codes.to_numpy())
            keys.append("currency")
    if m.kind == "count":
        out = frame.groupby(keys).size().astype("float64").rename("value").reset_index()
    elif metric in ("negative_share", "net_sentiment"):
        labelled = frame["sentiment"].notna()
        if metric == "negative_share":
            numerator = (frame["sentiment"] == "negative").astype("float64")
        else:
            numerator = net_sentiment_points(frame["sentiment"]).fillna(0.0)
        sums = frame[keys].assign(
            numerator=numerator.to_numpy(), denominator=labelled.astype("float64").to_numpy()
        )
        out = sums.groupby(keys)[["numerator", "denominator"]].sum().reset_index()
        if metric == "negative_share":
            out["value"] = metrics.ratio(out["numerator"], out["denominator"]).to_numpy()
        else:  # the one definition of net sentiment
            net = net_sentiment(frame, by=keys).astype("float64")
            out["value"] = net.reindex(pd.MultiIndex.from_frame(out[keys])).to_numpy()
    else:  # posts and ads: the pooled KPIs
        sums = metrics.kpis(frame, by=keys, by_currency=False)
        if metric not in sums.columns:
            raise ValueError(f"{metric} cannot be computed from the {m.table} table")
        out = sums[keys].assign(value=sums[metric].astype("float64").to_numpy())
        if metric in RATES:
            out["denominator"] = _rate_base(frame, sums, metric, keys)
    return _complete(out, keys, by, f, bounds, fill=metric not in RATES)


def _rate_base(frame: pd.DataFrame, sums: pd.DataFrame, metric: str, keys: list[str]):
    """What a KPI rate of each row of ``sums`` is over.

    Posts reporting both parts of an engagement rate, else the sum of its denominator
    (impressions, conversions, spend).
    """
    if metric.startswith("er_"):
        column = metric.removeprefix("er_")
        both = metrics.engagements(frame).notna() & frame[column].notna()
        posts = frame[keys].assign(n=both.astype("float64").to_numpy()).groupby(keys)["n"].sum()
        return posts.reindex(pd.MultiIndex.from_frame(sums[keys])).to_numpy()
    _num, den, _scale = metrics.RATIOS[metric]
    return sums[den].astype("float64").to_numpy()


def _no_series() -> pd.DataFrame:
    return pd.DataFrame({"period": pd.Series(dtype="datetime64[ns]"),
                         "group": pd.Series(dtype="object"),
                         "value": pd.Series(dtype="float64")})  # fmt: skip


def _complete(values: pd.DataFrame, keys: list[str], by: str, f: Filters, bounds, *, fill: bool):
    """Every period the table covers within the filter's dates, for every line present.

    ``bounds`` are the first and last day of the table in the folder: a period before its
    first row or after its last is not drawn as 0 (the export does not reach there).
    """
    first, last = bounds
    if f.start is not None:
        first = max(first, f.start)
    if f.end is not None:
        last = min(last, f.end)
    if first > last:
        return values.iloc[:0]
    periods = pd.date_range(_bucket(pd.Series([first]), by).iloc[0],
                            _bucket(pd.Series([last]), by).iloc[0],
                            freq="D" if by == "day" else "7D")  # fmt: skip
    lines = values[keys[1:]].astype(str).drop_duplicates().sort_values(keys[1:])
    grid = pd.MultiIndex.from_tuples(
        [(p, *line) for p in periods for line in lines.itertuples(index=False)], names=keys
    )
    out = values.assign(**{k: values[k].astype(str) for k in keys[1:]}).set_index(keys)
    out = out.reindex(grid)
    if fill:
        out["value"] = out["value"].fillna(0.0)
    return out.reset_index()


def _rows_of(
    ws: Workspace, table: str, rows: pd.DataFrame | None, f: Filters
) -> tuple[pd.DataFrame, tuple]:
    """The filtered rows a metric is computed from, each with its local ``day``.

    Also the first and last day of the whole table (the days the export covers).
    """
    if table in ("comments", "mentions"):
        rows = rows if rows is not None else conversations(ws)
        source = "comment" if table == "comments" else "mention"
        mine = rows[rows["source"] == source]
        return mine[f.keep(mine, mine["day"])], (mine["day"].min(), mine["day"].max())
    df = ws[table]
    if df.empty:
        return df.assign(day=pd.Series(dtype="datetime64[ns]")), (None, None)
    column = "published_at" if table == "posts" else "date"
    day = _local_days(df, column, ws.timezone)
    keep = f.keep(df, day)
    return df[keep].assign(day=day[keep]), (day.min(), day.max())


def _share_of_voice(ws, f: Filters, by: str) -> pd.DataFrame:
    """Each brand's share of the period's mentions (the platform and date filters apply)."""
    mentions = ws.mentions
    if mentions.empty:
        return _no_series()
    day = _local_days(mentions, "created_at", ws.timezone)
    keep = f.keep(mentions, day, brand=False)
    if not keep.any():
        return _no_series()
    voice = share_of_voice(mentions[keep], freq="D" if by == "day" else "W", tz=ws.timezone)
    voice = voice.rename(columns={"brand": "group", "share": "value", "value": "numerator"})
    total = voice.groupby("period")["numerator"].transform("sum")
    voice["denominator"] = total
    voice["period"] = pd.to_datetime(voice["period"])
    if by == "week":
        voice["period"] = _bucket(voice["period"], "week")
    if f.brand:
        voice = voice[voice["group"] == f.brand]
    return voice[["period", "group", "value", "numerator", "denominator"]].reset_index(drop=True)


def behind(
    ws: Workspace,
    metric: str,
    period,
    group: str,
    *,
    by: str = "week",
    split: str = "platform",
    rows: pd.DataFrame | None = None,
    posts: pd.DataFrame | None = None,
    filters: Filters | None = None,
    currency: str | None = None,
) -> pd.DataFrame:
    """The rows behind one point of :func:`over_time`: the comments, mentions, posts or ads.

    Parameters
    ----------
    ws, metric, by, split, rows, filters
        As given to :func:`over_time`.
    period : str or Timestamp
        The point's period (its day, or the Monday of its week).
    group : str
        The point's line: a platform code, a brand, or the total's name.
    posts : pandas.DataFrame, optional
        :func:`post_comparisons` of ``ws`` when already computed (for post metrics).
    currency : str, optional
        The point's currency, for an ads metric drawn per currency.

    Returns
    -------
    pandas.DataFrame
        Comments and mentions as :func:`find` returns them (the most negative first for the
        sentiment metrics, else the newest first); posts as :func:`post_comparisons`;
        ads rows as in the ``ads`` table. Only the point's period and line.
    """
    if metric not in METRICS:
        raise ValueError(f"metric must be one of {', '.join(METRICS)}, got {metric!r}")
    m = METRICS[metric]
    f = filters if filters is not None else Filters()
    first = _bucket(pd.Series([pd.Timestamp(period).normalize()]), by).iloc[0]
    last = first + pd.Timedelta(days=0 if by == "day" else 6)
    start = max(first, f.start) if f.start is not None else first
    end = min(last, f.end) if f.end is not None else last
    if metric == "share_of_voice":
        split = "brand"
    narrowed = Filters(brand=f.brand, platforms=f.platforms, start=start, end=end)
    if split == "brand":
        narrowed = Filters(brand=group, platforms=f.platforms, start=start, end=end)
    elif split == "platform":
        narrowed = Filters(brand=f.brand, platforms=(group,), start=start, end=end)
    if m.table in ("comments", "mentions"):
        rows = rows if rows is not None else conversations(ws)
        sort = "negative" if metric in ("negative_share", "net_sentiment") else "newest"
        source = "comment" if m.table == "comments" else "mention"
        return find(rows, source=source, sort=sort, filters=narrowed)
    if m.table == "posts":
        posts = posts if posts is not None else post_comparisons(ws)
        return posts[narrowed.keep(posts, posts["published"].dt.normalize())]
    frame, _bounds = _rows_of(ws, "ads", None, narrowed)
    if currency:
        codes = metrics.currency_codes(frame)
        if codes is not None:
            frame = frame[(codes == currency).to_numpy()]
    return frame.drop(columns=["day"]).sort_values(["date", "campaign"], kind="stable")


# -- posts ---------------------------------------------------------------------------------


def post_comparisons(ws: Workspace, *, min_group: int = 5) -> pd.DataFrame:
    """Every post, with its engagement rate and its distance from comparable posts.

    The figures of :func:`smmnb.trends.top_posts` for every post of the folder (not only the
    best and worst): ``value`` is the engagement rate its platform is ranked by
    (``metric``: on reach, else on impressions), compared with the folder's other posts of
    the same brand, platform and format: their ``median``, the post's ``ratio`` to it and
    the ``percentile`` of them it beats (``comparable``: how many; ``compared`` is False
    with fewer than ``min_group``). A post without the metric (no reach nor impressions) is
    listed too, with those figures missing, so the posts listed are the posts counted.

    Returns
    -------
    pandas.DataFrame
        As :func:`smmnb.trends.top_posts`, without ``side`` and ``rank``; newest first.
    """
    from smmnb.trends.top_posts import COLUMNS, shorten

    posts = ws.posts
    columns = [c for c in COLUMNS if c not in ("side", "rank")]
    if posts.empty:
        out = pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
        return out.assign(published=pd.Series(dtype="datetime64[ns]"),
                          compared=pd.Series(dtype="bool"))  # fmt: skip
    every = pd.DataFrame({
        "brand": posts["brand"].astype("object").to_numpy(),
        "platform": posts["platform"].astype("object").to_numpy(),
        "post_id": posts["post_id"].astype("str").to_numpy(),
        "published": local_time(posts["published_at"], ws.timezone).to_numpy()
        if "published_at" in posts.columns else pd.NaT,
        "format": posts["format"].astype("object").to_numpy() if "format" in posts.columns
        else None,
        "text": [shorten(t, 200) for t in posts["text"]] if "text" in posts.columns else "",
        "reach": pd.to_numeric(posts.get("reach"), errors="coerce") if "reach" in posts.columns
        else np.nan,
        "impressions": pd.to_numeric(posts["impressions"], errors="coerce").to_numpy(
            dtype="float64") if "impressions" in posts.columns else np.nan,
        "engagements": metrics.engagements(posts).to_numpy(dtype="float64"),
    })  # fmt: skip
    every["reach"] = pd.to_numeric(every["reach"], errors="coerce").astype("float64")
    try:
        ranked = top_posts(posts, n=len(posts), metric=None, min_group=min_group,
                           tz=ws.timezone, width=200)  # fmt: skip
    except InsufficientData:  # no post has a rate: every post listed, none compared
        ranked = pd.DataFrame(columns=["brand", "platform", "post_id"])
    figures = ["url", "metric", "value", "comparable", "median", "ratio", "percentile",
               "compared"]  # fmt: skip
    keys = ["brand", "platform", "post_id"]
    ranked = ranked.reindex(columns=keys + figures)
    ranked[keys] = ranked[keys].astype("object")
    out = every.merge(ranked, on=keys, how="left")
    out["compared"] = out["compared"].astype("boolean").fillna(False).astype(bool)
    out["comparable"] = pd.to_numeric(out["comparable"], errors="coerce").fillna(0).astype("int64")
    for column in ("value", "median", "ratio", "percentile"):
        out[column] = pd.to_numeric(out[column], errors="coerce").astype("float64")
    out["published"] = pd.to_datetime(out["published"])
    return out[columns].sort_values(["published", "post_id"], ascending=[False, True],
                                    kind="stable").reset_index(drop=True)  # fmt: skip
