"""The sample's X exports: a generated account history in X's content and tweet activity formats.

Writes what :mod:`smmnb.io.exports.x` reads: ``x_account_content.csv`` (the current content
export, 90 days) and ``x_tweet_activity.csv`` (the older tweet activity export, the same posts'
last 28 days), with ids that are snowflakes of the posts' times.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from smmnb.io.exports.x import snowflake
from smmnb.sample.exports._write import local_day

__all__ = ["sample_exports", "write_content", "write_tweet_activity"]

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
