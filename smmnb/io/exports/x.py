"""X (Twitter) analytics exports -> ``posts`` and ``channel_daily``.

Four exports, each recognised from its headers (spellings per vintage and UI language in
``headers/x.yml``):

- the *content* export of x.com analytics (``account_analytics_content_<from>_<to>.csv``) ->
  ``posts``: ``Post id``, ``Date``, ``Post text``, ``Post Link``, ``Impressions``, ``Likes``,
  ``Engagements``, ``Bookmarks``, ``Shares``, ``New follows``, ``Replies``, ``Reposts``,
  ``Profile visits``, ``Detail Expands``, ``URL Clicks``, ``Hashtag Clicks``,
  ``Permalink Clicks``. The 2026 shape writes ``Date`` as ``Sat, Aug 1, 2026``; the 2025 shape
  writes ``Mon Feb 17 2025`` and spells ``Link``, ``Share``, ``Detail expands``, ``Url clicks``;
- the *account overview* export (``account_overview_analytics.csv``) -> ``channel_daily``:
  one row per day, newest first: ``Date``, ``Impressions``, ``Likes``, ``Engagements``,
  ``Bookmarks``, ``Shares``, ``New follows``, ``Unfollows``, ``Replies``, ``Reposts``,
  ``Profile visits``, ``Create Post``, ``Video views``, ``Media views``;
- the classic *tweet activity* export of analytics.twitter.com
  (``tweet_activity_metrics_<handle>_<from>_<to>_<lang>.csv``) -> ``posts``: ``Tweet id``,
  ``Tweet permalink``, ``Tweet text``, ``time`` (``2022-02-28 17:39 +0000``), ``impressions``,
  ``engagements``, ``engagement rate``, ``retweets``, ``replies``, ``likes``,
  ``user profile clicks``, ``url clicks``... and the same metrics prefixed ``promoted``; counts
  are often written as floats (``5218.0``) and promoted cells of tweets never promoted as ``-``.
  Also in Japanese (``ツイートID``, ``インプレッション``, ``プロモの…``);
- the classic *by day* export (``daily_tweet_activity_metrics_…``) -> ``channel_daily``:
  ``Date``, ``Tweets published`` and the same metrics per day.

Mapping decisions:

- ``platform`` is x; ``post_id`` is the post's id as written (a snowflake).
- ``published_at``: the content export has only a day, so the time is read from the id:
  ``((id >> 22) + 1288834974657)`` is milliseconds since the Unix epoch, UTC. The id's time is
  used when it falls within a day of ``Date`` (or ``Date`` is empty); otherwise (an id that is
  not a snowflake) the row gets ``Date`` at midnight local time and
  ``attrs["published_at_from"]`` says how many rows did. The tweet activity export's ``time``
  has its own offset.
- Texts are HTML-escaped in every export (``&amp;``, ``&lt;``); they are unescaped. Line breaks
  inside quoted texts are kept.
- posts: ``reactions`` = likes, ``comments`` = replies, ``shares`` = reposts/retweets, ``saves``
  = bookmarks, ``clicks`` = URL clicks, ``video_views`` = ``Video views`` when present. X's
  ``Shares`` (sending a post by DM or copying its link, not a repost) is kept as
  ``link_shares``; ``Engagements`` (which counts every click too) as ``platform_engagements``;
  the post link as ``post_link`` (``tweet_permalink``), also the post's ``url``, and the
  content export's ``Date`` text as ``platform_date``. In the classic export, ``paid`` is
  whether the tweet has promoted impressions (``-`` means it was never promoted); the promoted
  columns are kept as ``promoted_<metric>``.
- channel_daily: ``impressions``, ``likes``, ``engagements`` (X's own count, clicks included),
  ``comments`` = replies, ``shares`` = reposts/retweets, ``profile_views`` = profile visits
  (classic: user profile clicks), ``followers_gained`` = ``New follows`` and
  ``followers_lost`` = ``Unfollows`` (overview only: the classic ``follows`` counts only
  follows from the tweets, kept as ``follows``). ``views`` and ``reach`` stay empty: X reports
  neither per day (its ``Video views``/``Media views`` are kept as ``video_views``,
  ``media_views``). Bookmarks, link shares and ``Create Post`` (``posts_created``) are kept.
- Other columns keep the field names of ``headers/x.yml`` (any language gives the same
  names); numbers are numbers, placeholders (``-``) missing.
- ``brand`` is ``brand=``, else the account handle in the posts' links
  (``https://x.com/<handle>/status/<id>``); the account-level exports name no account.
"""

from __future__ import annotations

import functools
import html
import re
from importlib import resources

import numpy as np
import pandas as pd
import yaml

from smmnb.io.exports._base import (
    ExportFormat,
    Found,
    Options,
    RawExport,
    Table,
    drop_blank_rows,
    need_brand,
    norm,
    slash_days,
    snake,
)
from smmnb.schema import TABLES, parse_numbers

__all__ = [
    "CONTENT",
    "DAILY_ACTIVITY",
    "FORMATS",
    "OVERVIEW",
    "TWEET_ACTIVITY",
    "TWITTER_EPOCH_MS",
    "snowflake",
    "snowflake_time",
]

TWITTER_EPOCH_MS = 1288834974657
"""X's snowflake epoch (2010-11-04 01:42:54.657 UTC), in milliseconds since the Unix epoch."""

_HANDLE = re.compile(r"(?:twitter|x)\.com/([A-Za-z0-9_]{1,15})/status/", re.IGNORECASE)
_PROMOTED = "promoted_prefix"

# field of headers/x.yml -> column of the canonical table (other fields keep their name)
_POSTS = {
    "content": {
        "post_id": "post_id",
        "text": "text",
        "date": "platform_date",
        "link": "post_link",
        "impressions": "impressions",
        "likes": "reactions",
        "replies": "comments",
        "reposts": "shares",
        "bookmarks": "saves",
        "url_clicks": "clicks",
        "video_views": "video_views",
        "engagements": "platform_engagements",
    },
    "tweet_activity": {
        "post_id": "post_id",
        "text": "text",
        "time": "published_at",
        "link": "tweet_permalink",
        "impressions": "impressions",
        "likes": "reactions",
        "replies": "comments",
        "retweets": "shares",
        "url_clicks": "clicks",
        "engagements": "platform_engagements",
    },
}
_DAILY = {
    "overview": {
        "date": "date",
        "impressions": "impressions",
        "likes": "likes",
        "engagements": "engagements",
        "replies": "comments",
        "reposts": "shares",
        "profile_visits": "profile_views",
        "new_follows": "followers_gained",
        "unfollows": "followers_lost",
    },
    "daily_activity": {
        "date": "date",
        "impressions": "impressions",
        "likes": "likes",
        "engagements": "engagements",
        "replies": "comments",
        "retweets": "shares",
        "user_profile_clicks": "profile_views",
    },
}
_TEXT_FIELDS = {"post_id", "text", "date", "link", "time"}


def snowflake(ms: int, sequence: int = 0) -> int:
    """An X post id for a time: ``((ms - TWITTER_EPOCH_MS) << 22) | sequence``.

    Parameters
    ----------
    ms : int
        Milliseconds since the Unix epoch, UTC.
    sequence : int
        The low 22 bits (worker and sequence number), ``0 <= sequence < 2**22``.
    """
    return ((int(ms) - TWITTER_EPOCH_MS) << 22) | int(sequence)


def snowflake_time(ids: pd.Series) -> pd.Series:
    """UTC creation time of X snowflake ids; NaT where an id is not a number.

    Parameters
    ----------
    ids : pandas.Series
        Ids as text or integers.

    Returns
    -------
    pandas.Series
        ``datetime64[ns, UTC]``, to the millisecond.
    """
    text = ids.astype("str").str.strip()
    ok = text.str.fullmatch(r"\d{1,19}").fillna(False).astype(bool)
    ms = pd.Series(np.nan, index=ids.index, dtype="float64")
    if ok.any():
        ms[ok] = [float((int(t) >> 22) + TWITTER_EPOCH_MS) for t in text[ok]]
    return pd.to_datetime(ms, unit="ms", utc=True).astype("datetime64[ns, UTC]")


# -- header spellings ------------------------------------------------------------------------


@functools.cache
def _spellings() -> dict[str, tuple[dict[str, str], tuple[str, ...]]]:
    """``{export: ({norm(spelling): field}, promoted prefixes)}`` from ``headers/x.yml``."""
    path = resources.files("smmnb.io.exports") / "headers" / "x.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = {}
    for export, fields in data.items():
        names: dict[str, str] = {}
        prefixes: list[str] = []
        for field, languages in fields.items():
            for spellings in languages.values():
                for spelling in spellings:
                    if field == _PROMOTED:
                        prefixes.append(str(spelling).lower())
                    else:
                        names.setdefault(norm(spelling), field)
        out[export] = (names, tuple(prefixes))
    return out


def _field(export: str, header: str) -> str | None:
    """The field of ``headers/x.yml`` a header cell spells, if any (``promoted_<field>`` too)."""
    names, prefixes = _spellings()[export]
    key = norm(header)
    if key in names:
        return names[key]
    for prefix in prefixes:
        if prefix.strip() and key.startswith(prefix.strip()):
            rest = names.get(norm(key[len(prefix.strip()) :]))
            if rest is not None and rest not in _TEXT_FIELDS:
                return f"promoted_{rest}"
    return None


def _find(raw: RawExport, export: str, required: set[str], some: set[str], least: int):
    """Where the header is: a table, and a row of its first 40.

    The row has every field of ``required`` and at least ``least`` of ``some``. None when
    there is none; never raises (a sniffer that cannot decide says no).
    """
    try:
        for table in raw.tables:
            for i, row in enumerate(table.head()):
                if len(row) < len(required):
                    continue
                fields = {_field(export, cell) for cell in row if cell}
                if required <= fields and len(fields & some) >= least:
                    return Found(table, i, {"export": export})
    except Exception:  # noqa: BLE001 - a sniffer says no, it never throws
        return None
    return None


def _frame(
    table: Table, header: int, export: str, columns: dict[str, str]
) -> tuple[pd.DataFrame, list[str]]:
    """The rows under the header, columns named by field.

    A field's column is named by ``columns`` (else by the field); the first header of a name
    takes it, any other header keeps its own name in snake case (``_`` added until unique).
    """
    df, labels = table.frame(header)
    names, taken = [], set()
    for column in df.columns:
        field = _field(export, column)
        name = columns.get(field, field) if field else snake(column)
        while name in taken:
            name += "_"
        taken.add(name)
        names.append(name)
    df.columns = names
    return df, labels


def _numbers(df: pd.DataFrame, keep: set[str]) -> pd.DataFrame:
    """Columns not in ``keep`` as numbers where every filled cell is one; ``-`` is missing."""
    for name in df.columns:
        if name in keep:
            continue
        values, bad = parse_numbers(df[name])
        if bad.any():
            continue
        finite = values.dropna()
        whole = bool((finite == finite.round()).all()) and bool((finite.abs() < 2**53).all())
        df[name] = values.round().astype("Int64") if whole else values
    return df


def _unescape(values: pd.Series) -> pd.Series:
    return values.map(lambda t: html.unescape(t) if isinstance(t, str) else t)


def _link(values: pd.Series) -> pd.Series:
    """A post's ``url``: its link as written, stripped (missing when empty)."""
    text = values.astype("object").where(values.notna(), "").astype("str").str.strip()
    return text.where(text != "")


def _handle(values: pd.Series | None) -> str | None:
    if values is None:
        return None
    for link in values.fillna("").astype("str"):
        m = _HANDLE.search(link)
        if m:
            return m.group(1)
    return None


_DAY_FORMATS = ("%a, %b %d, %Y", "%a %b %d %Y", "%b %d, %Y", "%d %b %Y", "%Y%m%d")


def _days(values: pd.Series) -> pd.Series:
    """Calendar days (naive, midnight) from the ways X and Excel write a day.

    ``Sat, Aug 1, 2026`` (2026), ``Mon Feb 17 2025`` (2025), ISO (a workbook's date cell or the
    classic exports), and ``8/26/2025`` or ``26/08/2025`` (a CSV re-saved by Excel: month first
    unless a first number above 12 shows the column is day first). NaT where none fits.
    """
    text = values.fillna("").astype("str").str.strip()
    out = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    for fmt in _DAY_FORMATS:
        left = out.isna() & (text != "")
        if not left.any():
            break
        out[left] = pd.to_datetime(text[left], format=fmt, errors="coerce")
    left = out.isna() & text.str.match(r"^\d{4}-\d{2}-\d{2}")
    if left.any():
        iso = pd.to_datetime(text[left].str[:10], format="%Y-%m-%d", errors="coerce")
        out[left] = iso
    out = out.where(out.notna(), slash_days(text))
    return out.dt.normalize()


# -- content export (posts) ------------------------------------------------------------------


def _detect_content(raw: RawExport) -> Found | None:
    return _find(raw, "content", {"post_id", "date", "text"}, {"impressions"}, 1)


def _read_content(raw: RawExport, found: Found, options: Options):
    df, labels = _frame(found.table, found.header, "content", _POSTS["content"])
    dropped: dict = {}
    df, labels = drop_blank_rows(df, labels, "post_id", dropped, "a Post id")
    brand = need_brand(raw, CONTENT, options, _handle(df.get("post_link")))
    day = _days(df["platform_date"])
    from_id = snowflake_time(df["post_id"].fillna(""))
    id_day = from_id.dt.tz_localize(None).dt.normalize()
    near = (id_day - day).abs() <= pd.Timedelta(days=1)
    plausible = from_id > pd.Timestamp("2010-11-04", tz="UTC")
    use_id = (plausible & (near | day.isna())).fillna(False).astype(bool)
    stamp = from_id.dt.strftime("%Y-%m-%dT%H:%M:%S.%f+00:00").where(use_id)
    fallback = day.dt.strftime("%Y-%m-%d").where(~use_id)
    df["published_at"] = stamp.fillna(fallback)
    df["text"] = _unescape(df["text"])
    df["brand"] = brand
    df["platform"] = "x"
    df = _numbers(df, set(TABLES["posts"].names) | {"platform_date", "post_link"})
    if "post_link" in df.columns:
        df["url"] = _link(df["post_link"])
    by_date = int((~use_id).sum())
    attrs = {
        "published_at_from": "post id (snowflake time, UTC)"
        + (f"; {by_date} row(s) from Date at local midnight" if by_date else ""),
        **dropped,
    }
    return df, labels, attrs


CONTENT = ExportFormat("x_content", "X analytics content", "posts", _detect_content, _read_content)


# -- classic tweet activity (posts) ----------------------------------------------------------


def _detect_activity(raw: RawExport) -> Found | None:
    return _find(raw, "tweet_activity", {"post_id", "text", "time"}, {"impressions"}, 1)


def _read_activity(raw: RawExport, found: Found, options: Options):
    df, labels = _frame(found.table, found.header, "tweet_activity", _POSTS["tweet_activity"])
    attrs: dict = {"published_at_from": "time (with its UTC offset)"}
    df, labels = drop_blank_rows(df, labels, "post_id", attrs, "a Tweet id")
    brand = need_brand(raw, TWEET_ACTIVITY, options, _handle(df.get("tweet_permalink")))
    df["text"] = _unescape(df["text"])
    df["brand"] = brand
    df["platform"] = "x"
    df = _numbers(df, set(TABLES["posts"].names) | {"tweet_permalink"})
    if "tweet_permalink" in df.columns:
        df["url"] = _link(df["tweet_permalink"])
    if "promoted_impressions" in df.columns:
        promoted, _ = parse_numbers(df["promoted_impressions"])
        df["paid"] = (promoted.fillna(0) > 0).astype("boolean")
        attrs["paid_from"] = "promoted impressions above 0 ('-' is a tweet never promoted)"
    return df, labels, attrs


TWEET_ACTIVITY = ExportFormat(
    "x_tweet_activity", "X (Twitter) tweet activity", "posts", _detect_activity, _read_activity
)


# -- account-level daily series (channel_daily) ----------------------------------------------


def _read_daily(export: str, fmt_of):
    def read(raw: RawExport, found: Found, options: Options):
        fmt = fmt_of()
        df, labels = _frame(found.table, found.header, export, _DAILY[export])
        attrs: dict = {"dayfirst": False}
        df, labels = drop_blank_rows(df, labels, "date", attrs, "a Date")
        brand = need_brand(raw, fmt, options, None)
        day = _days(df["date"])
        # an unreadable day stays as written, so that validate names it
        df["date"] = day.dt.strftime("%Y-%m-%d").where(day.notna(), df["date"])
        df["brand"] = brand
        df["platform"] = "x"
        df = _numbers(df, {"date", "brand", "platform"})
        return df, labels, attrs

    return read


def _detect_overview(raw: RawExport) -> Found | None:
    some = {"new_follows", "unfollows", "profile_visits", "posts_created", "reposts", "bookmarks"}
    return _find(raw, "overview", {"date", "impressions"}, some, 3)


def _detect_daily(raw: RawExport) -> Found | None:
    some = {"impressions", "engagements", "retweets", "likes"}
    return _find(raw, "daily_activity", {"date", "tweets_published"}, some, 2)


OVERVIEW = ExportFormat(
    "x_account_overview",
    "X account overview",
    "channel_daily",
    _detect_overview,
    _read_daily("overview", lambda: OVERVIEW),
)
DAILY_ACTIVITY = ExportFormat(
    "x_daily_activity",
    "X (Twitter) tweet activity by day",
    "channel_daily",
    _detect_daily,
    _read_daily("daily_activity", lambda: DAILY_ACTIVITY),
)
FORMATS: list[ExportFormat] = [CONTENT, TWEET_ACTIVITY, OVERVIEW, DAILY_ACTIVITY]
"""The formats this module adds to :data:`smmnb.io.exports.FORMATS`."""
