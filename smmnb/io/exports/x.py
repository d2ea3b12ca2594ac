"""X (Twitter) analytics exports -> ``posts``.

Two formats:

- the account *content* export of X's current analytics (2024-): ``Post id``, ``Date``
  (``Sun, Aug 30, 2026``, no time), ``Post text``, ``Post Link``, ``Impressions``, ``Likes``,
  ``Engagements``, ``Bookmarks``, ``Shares``, ``New follows``, ``Replies``, ``Reposts``,
  ``Profile visits``, ``Detail Expands``, ``URL Clicks``, ``Hashtag Clicks``,
  ``Permalink Clicks``;
- the older *tweet activity* export: ``Tweet id``, ``Tweet permalink``, ``Tweet text``,
  ``time`` (``2024-03-15 18:42 +0000``), ``impressions``, ``engagements``,
  ``engagement rate``, ``retweets``, ``replies``, ``likes``, ``url clicks``... (and
  ``promoted …`` columns when the account ran ads).

Mapping decisions:

- ``platform`` is x; ``post_id`` is the post's id as written (a snowflake).
- ``published_at``: the content export has only a day, so the time is read from the id:
  ``((id >> 22) + 1288834974657)`` is milliseconds since the Unix epoch, UTC. The id's time is
  used when it falls within a day of ``Date`` (or ``Date`` is empty); otherwise (an id that is
  not a snowflake) the row gets ``Date`` at midnight local time and
  ``attrs["published_at_from"]`` says how many rows did. The tweet activity export's ``time``
  has its own offset.
- Texts are HTML-escaped in both exports (``&amp;``, ``&lt;``); they are unescaped.
- ``reactions`` = likes, ``comments`` = replies, ``shares`` = reposts/retweets, ``saves`` =
  bookmarks, ``clicks`` = URL clicks, ``video_views`` = ``Video views`` when present.
  X's ``Shares`` (sending a post by DM or copying its link, not a repost) is kept as
  ``link_shares``; ``Engagements`` (which counts every click too) as ``platform_engagements``; the
  other columns in snake case, numbers as numbers.
- ``brand`` is ``brand=``, else the account handle in the posts' links
  (``https://x.com/<handle>/status/<id>``).
"""

from __future__ import annotations

import html
import re

import numpy as np
import pandas as pd

from smmnb.io.exports._base import (
    ExportFormat,
    Found,
    Options,
    RawExport,
    drop_total_rows,
    find_header,
    local_day,
    need_brand,
    norm,
    rename_columns,
    snake_extras,
)
from smmnb.schema import TABLES

__all__ = [
    "CONTENT",
    "FORMATS",
    "TWEET_ACTIVITY",
    "TWITTER_EPOCH_MS",
    "sample_exports",
    "snowflake",
    "snowflake_time",
    "write_content",
    "write_tweet_activity",
]

TWITTER_EPOCH_MS = 1288834974657
"""X's snowflake epoch (2010-11-04 01:42:54.657 UTC), in milliseconds since the Unix epoch."""

_HANDLE = re.compile(r"(?:twitter|x)\.com/([A-Za-z0-9_]{1,15})/status/", re.IGNORECASE)

_CONTENT_MAP = {
    "Post id": "post_id",
    "Post text": "text",
    "Impressions": "impressions",
    "Likes": "reactions",
    "Replies": "comments",
    "Reposts": "shares",
    "Bookmarks": "saves",
    "URL Clicks": "clicks",
    "Video views": "video_views",
    "Shares": "link_shares",
}
_ACTIVITY_MAP = {
    "Tweet id": "post_id",
    "Tweet text": "text",
    "time": "published_at",
    "impressions": "impressions",
    "likes": "reactions",
    "replies": "comments",
    "retweets": "shares",
    "url clicks": "clicks",
}
_TEXT_EXTRAS = {"date", "post_link", "tweet_permalink"}


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


def _handle(df: pd.DataFrame, column: str | None) -> str | None:
    if column is None or column not in df.columns:
        return None
    for link in df[column].fillna("").astype("str"):
        m = _HANDLE.search(link)
        if m:
            return m.group(1)
    return None


def _numeric(df: pd.DataFrame, skip: set[str]) -> pd.DataFrame:
    """Extra columns as numbers where every filled cell reads as one (else left as text)."""
    canonical = set(TABLES["posts"].names)
    for name in df.columns:
        if name in canonical or name in skip:
            continue
        column = df[name].astype("object")
        text = column.where(column.notna(), "").astype("str").str.strip()
        text = text.str.replace(",", "", regex=False)
        values = pd.to_numeric(text.where(text != ""), errors="coerce")
        if not (values.isna() & (text != "")).any():
            whole = bool((values.dropna() == values.dropna().round()).all())
            df[name] = values.astype("Int64") if whole else values
    return df


def _unescape(df: pd.DataFrame) -> pd.DataFrame:
    if "text" in df.columns:
        df["text"] = df["text"].map(lambda t: html.unescape(t) if isinstance(t, str) else t)
    return df


# -- current content export ------------------------------------------------------------------


def _detect_content(raw: RawExport) -> Found | None:
    for table in raw.tables:
        i = find_header(table, ["Post id", "Date", "Post text"], any_of=[["Impressions"]])
        if i is not None:
            return Found(table, i)
    return None


def _read_content(raw: RawExport, found: Found, options: Options):
    df, labels = found.table.frame(found.header)
    cols = {norm(c): c for c in df.columns}
    df, labels = drop_total_rows(df, labels, cols["post id"], pattern=r"^total\b")
    brand = need_brand(raw, CONTENT, options, _handle(df, cols.get("post link")))
    df = rename_columns(df, _CONTENT_MAP)
    day_text = df[cols["date"]].fillna("").astype("str").str.strip()
    day = pd.to_datetime(day_text.where(day_text != ""), format="%a, %b %d, %Y", errors="coerce")
    retry = day.isna() & (day_text != "")
    if retry.any():
        day[retry] = pd.to_datetime(day_text[retry], format="mixed", errors="coerce")
    from_id = snowflake_time(df["post_id"])
    id_day = from_id.dt.tz_localize(None).dt.normalize()
    near = (id_day - day).abs() <= pd.Timedelta(days=1)
    plausible = from_id > pd.Timestamp("2010-11-04", tz="UTC")
    use_id = (plausible & (near | day.isna())).fillna(False).astype(bool)
    stamp = from_id.dt.strftime("%Y-%m-%dT%H:%M:%S.%f+00:00").where(use_id)
    fallback = day.dt.strftime("%Y-%m-%d").where(~use_id)
    df["published_at"] = stamp.fillna(fallback)
    df["brand"] = brand
    df["platform"] = "x"
    df = _unescape(df)
    df = snake_extras(df, TABLES["posts"].names)
    df = _numeric(df, _TEXT_EXTRAS)
    by_date = int((~use_id).sum())
    attrs = {
        "published_at_from": "post id (snowflake time, UTC)"
        + (f"; {by_date} row(s) from Date at local midnight" if by_date else "")
    }
    return df, labels, attrs


CONTENT = ExportFormat("x_content", "X analytics content", "posts", _detect_content, _read_content)


# -- older tweet activity export -------------------------------------------------------------


def _detect_activity(raw: RawExport) -> Found | None:
    for table in raw.tables:
        i = find_header(table, ["Tweet id", "Tweet text", "time"], any_of=[["impressions"]])
        if i is not None:
            return Found(table, i)
    return None


def _read_activity(raw: RawExport, found: Found, options: Options):
    df, labels = found.table.frame(found.header)
    cols = {norm(c): c for c in df.columns}
    df, labels = drop_total_rows(df, labels, cols["tweet id"], pattern=r"^total\b")
    brand = need_brand(raw, TWEET_ACTIVITY, options, _handle(df, cols.get("tweet permalink")))
    df = rename_columns(df, _ACTIVITY_MAP)
    df["brand"] = brand
    df["platform"] = "x"
    df = _unescape(df)
    df = snake_extras(df, TABLES["posts"].names)
    df = _numeric(df, _TEXT_EXTRAS)
    return df, labels, {"published_at_from": "time (with its UTC offset)"}


TWEET_ACTIVITY = ExportFormat(
    "x_tweet_activity", "X (Twitter) tweet activity", "posts", _detect_activity, _read_activity
)
FORMATS: list[ExportFormat] = [CONTENT, TWEET_ACTIVITY]
"""The formats this module adds to :data:`smmnb.io.exports.FORMATS`."""


# --------------------------------------------------------------------------------------------
# writing (sample data)

_TEMPLATES = (
    "Cà phê muối &amp; bánh mì que: combo sáng nay ở mọi cửa hàng {brand} ☕",
    "New at {brand}: cold brew cam sả, chỉ 45k. Thử chưa? 🍊",
    "{brand} mở cửa hàng thứ 30 tại Thủ Đức! Ghé chơi cuối tuần này nha 🎉",
    "Trời mưa Sài Gòn = một ly bạc xỉu nóng &lt;3 #{brand}Coffee",
    "Poll time: cà phê sữa đá hay bạc xỉu? Reply cho {brand} biết nhé 👇",
    "Flash sale 2h chiều nay: mua 1 tặng 1 trên app {brand} ⚡ {link}",
    "Behind the bar: barista {brand} pha một ly phin chuẩn vị trong 4 phút ⏱️",
    "Thank you Hà Nội! 10.000 ly cà phê trứng đã được bán tuần này 🙏 #{brand}",
    "Q: {brand} có sữa hạt không? A: Có! Sữa yến mạch &amp; sữa hạnh nhân +10k 🌱",
    "Giờ vàng 7-9h sáng: giảm 20% cho mọi ly mang đi tại {brand} 🏃 {link}",
    "Our beans, our farmers: hạt Robusta Cầu Đất của {brand} 🌿 {link}",
    "Cuối tuần làm gì? Workshop pha cold brew tại {brand} Quận 1, đăng ký: {link}",
)


def _history(brand: str, timezone: str, as_of: pd.Timestamp, rng: np.random.Generator):
    """2-4 posts a week over the 90 days up to ``as_of``, with plausible X metrics."""
    end_day = local_day(as_of, timezone)
    first = end_day - pd.Timedelta(days=89)
    rows = []
    week_start = first
    while week_start <= end_day:
        days = pd.date_range(week_start, min(week_start + pd.Timedelta(days=6), end_day))
        count = min(int(rng.integers(2, 5)), len(days))
        for day in sorted(rng.choice(len(days), size=count, replace=False)):
            hour = int(rng.choice([7, 8, 9, 11, 12, 15, 17, 19, 20, 21]))
            local = days[int(day)] + pd.Timedelta(
                hours=hour, minutes=int(rng.integers(0, 60)), seconds=int(rng.integers(0, 60))
            )
            rows.append(local + pd.Timedelta(milliseconds=int(rng.integers(0, 1000))))
        week_start += pd.Timedelta(days=7)
    local = pd.DatetimeIndex(rows).tz_localize(timezone)
    utc = local.tz_convert("UTC")
    n = len(utc)
    ms = (utc.as_unit("ms").asi8).tolist()
    ids = [str(snowflake(m, int(rng.integers(0, 4096)))) for m in ms]
    texts = [
        _TEMPLATES[int(i)].format(brand=brand, link=f"https://lumi.vn/x{k}")
        for k, i in enumerate(rng.integers(0, len(_TEMPLATES), n))
    ]
    has_link = np.array(["https://" in t for t in texts])
    impressions = np.round(rng.lognormal(np.log(950), 0.6, n)).astype(int) + 40
    likes = rng.binomial(impressions, 0.016)
    replies = rng.binomial(impressions, 0.0025)
    reposts = rng.binomial(impressions, 0.003)
    bookmarks = rng.binomial(impressions, 0.002)
    shares = rng.binomial(impressions, 0.0006)
    url = np.where(has_link, rng.binomial(impressions, 0.008), 0)
    profile = rng.binomial(impressions, 0.004)
    expands = rng.binomial(impressions, 0.012)
    hashtag = np.where([("#" in t) for t in texts], rng.binomial(impressions, 0.002), 0)
    permalink = rng.binomial(impressions, 0.001)
    follows = rng.binomial(profile, 0.12)
    engagements = (
        likes + replies + reposts + bookmarks + shares + url + profile + expands + hashtag
    ) + permalink
    return pd.DataFrame(
        {
            "post_id": ids,
            "published_at": utc,
            "local": local,
            "text": texts,
            "impressions": impressions,
            "likes": likes,
            "engagements": engagements,
            "bookmarks": bookmarks,
            "shares": shares,
            "new_follows": follows,
            "replies": replies,
            "reposts": reposts,
            "profile_visits": profile,
            "detail_expands": expands,
            "url_clicks": url,
            "hashtag_clicks": hashtag,
            "permalink_clicks": permalink,
        }
    )


def write_content(history: pd.DataFrame, *, handle: str) -> bytes:
    """Write posts as X's account content export (newest first, as X lists them).

    Parameters
    ----------
    history : pandas.DataFrame
        One row per post with ``post_id``, ``local`` (local time), ``text`` (already
        HTML-escaped, as X writes it) and the metrics named in snake case.
    handle : str
        The account handle, in the post links.

    Returns
    -------
    bytes
        UTF-8 CSV.
    """
    rows = history.sort_values("published_at", ascending=False, kind="stable")
    out = pd.DataFrame(
        {
            "Post id": rows["post_id"],
            "Date": [f"{d:%a}, {d:%b} {d.day}, {d:%Y}" for d in rows["local"]],
            "Post text": rows["text"],
            "Post Link": f"https://x.com/{handle}/status/" + rows["post_id"],
            "Impressions": rows["impressions"],
            "Likes": rows["likes"],
            "Engagements": rows["engagements"],
            "Bookmarks": rows["bookmarks"],
            "Shares": rows["shares"],
            "New follows": rows["new_follows"],
            "Replies": rows["replies"],
            "Reposts": rows["reposts"],
            "Profile visits": rows["profile_visits"],
            "Detail Expands": rows["detail_expands"],
            "URL Clicks": rows["url_clicks"],
            "Hashtag Clicks": rows["hashtag_clicks"],
            "Permalink Clicks": rows["permalink_clicks"],
        }
    )
    return out.to_csv(index=False, lineterminator="\n").encode("utf-8")


def write_tweet_activity(history: pd.DataFrame, *, handle: str) -> bytes:
    """Write posts as the older tweet activity export (times in UTC with ``+0000``).

    Parameters
    ----------
    history : pandas.DataFrame
        As for :func:`write_content`.
    handle : str
        The account handle, in the permalinks.

    Returns
    -------
    bytes
        UTF-8 CSV.
    """
    rows = history.sort_values("published_at", ascending=False, kind="stable")
    impressions = rows["impressions"]
    out = pd.DataFrame(
        {
            "Tweet id": rows["post_id"],
            "Tweet permalink": f"https://twitter.com/{handle}/status/" + rows["post_id"],
            "Tweet text": rows["text"],
            "time": rows["published_at"].dt.strftime("%Y-%m-%d %H:%M +0000"),
            "impressions": impressions,
            "engagements": rows["engagements"],
            "engagement rate": (rows["engagements"] / impressions).round(6),
            "retweets": rows["reposts"],
            "replies": rows["replies"],
            "likes": rows["likes"],
            "user profile clicks": rows["profile_visits"],
            "url clicks": rows["url_clicks"],
            "hashtag clicks": rows["hashtag_clicks"],
            "detail expands": rows["detail_expands"],
            "permalink clicks": rows["permalink_clicks"],
            "app opens": 0,
            "app installs": 0,
            "follows": rows["new_follows"],
            "email tweet": 0,
            "dial phone": 0,
            "media views": 0,
            "media engagements": 0,
        }
    )
    return out.to_csv(index=False, lineterminator="\n").encode("utf-8")


def sample_exports(
    tables: dict[str, pd.DataFrame],
    *,
    brand: str,
    timezone: str,
    as_of: pd.Timestamp,
    rng: np.random.Generator,
) -> dict[str, bytes]:
    """The sample folder's X exports: a generated account history (the tables have no X rows).

    Parameters
    ----------
    tables : dict of str to DataFrame
        Canonical tables (unused: the brand has no X rows; kept for a uniform signature).
    brand : str
        The brand; its handle is ``<brand>coffeevn`` in lower case.
    timezone : str
        Local time zone of the posting schedule and of the content export's ``Date``.
    as_of : pandas.Timestamp
        Last day of the history; 2-4 posts a week over the 90 days up to it.
    rng : numpy.random.Generator
        The only source of randomness.

    Returns
    -------
    dict of str to bytes
        ``x_account_content.csv`` (all 90 days) and ``x_tweet_activity.csv`` (the same posts'
        last 28 days, in the older format), with the same post ids.
    """
    as_of = pd.Timestamp(as_of)
    history = _history(brand, timezone, as_of, rng)
    handle = f"{brand.lower()}coffeevn"
    first = local_day(as_of, timezone) - pd.Timedelta(days=27)
    recent = history[(history["local"].dt.tz_localize(None) >= first).to_numpy()]
    return {
        "x_account_content.csv": write_content(history, handle=handle),
        "x_tweet_activity.csv": write_tweet_activity(recent, handle=handle),
    }
