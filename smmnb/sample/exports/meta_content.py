"""The sample's Meta Business Suite content exports (Facebook Page and Instagram posts).

Writes what :mod:`smmnb.io.exports.meta_content` reads: one CSV per platform, UTF-8 with a BOM,
``Publish time`` as month-first local time, one row per post with lifetime totals, from the
canonical ``posts`` of the sample brand.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd

from smmnb.sample.exports._write import local_day

__all__ = ["IG_ACCOUNT_ID", "sample_exports", "write"]

_FB_TYPES = {
    "image": "Photos",
    "carousel": "Albums",
    "video": "Videos",
    "reel": "Reels",
    "text": "Text",
    "live": "Live",
    "link": "Links",
}
_IG_TYPES = {"image": "IG image", "carousel": "IG carousel", "reel": "IG reel", "video": "IG reel"}
_SHORTCODE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
IG_ACCOUNT_ID = "17841452301234567"
"""The sample Instagram account's id (Business Suite writes it in ``Account ID``)."""


def _cells(values: pd.Series, thousands: bool = False) -> list[str]:
    out = []
    for v in values:
        if pd.isna(v):
            out.append("")
        else:
            out.append(f"{int(v):,}" if thousands else str(int(v)))
    return out


def _shortcode(post_id: str) -> str:
    digest = hashlib.sha256(f"ig-{post_id}".encode()).digest()
    return "".join(_SHORTCODE[b % 64] for b in digest[:11])


def _csv(out: pd.DataFrame) -> bytes:
    return b"\xef\xbb\xbf" + out.to_csv(index=False, lineterminator="\n").encode("utf-8")


def write(
    posts: pd.DataFrame,
    *,
    platform: str,
    account: str,
    timezone: str,
    rng: np.random.Generator,
    username: str | None = None,
) -> bytes:
    """Write canonical posts of one platform as a Business Suite content export CSV.

    Parameters
    ----------
    posts : pandas.DataFrame
        Canonical ``posts`` rows, all of ``platform``.
    platform : {"facebook", "instagram"}
        Which export to write.
    account : str
        The page or account name written in the file.
    timezone : str
        The account's time zone: ``Publish time`` is local time in it.
    rng : numpy.random.Generator
        Draws what the canonical tables do not have (other clicks, follows, durations).
    username : str, optional
        Instagram ``Account username``; default: ``account`` in lower case.

    Returns
    -------
    bytes
        The CSV as Business Suite writes it: UTF-8 with BOM, month-first local times.
    """
    rows = posts.sort_values(["published_at", "post_id"], kind="stable").reset_index(drop=True)
    n = len(rows)
    local = rows["published_at"].dt.tz_convert(timezone).dt.strftime("%m/%d/%Y %H:%M")
    fmt = rows["format"].astype("str")
    video = fmt.isin(["reel", "video", "live"]).to_numpy()
    duration = np.where(video, rng.integers(12, 180, n), 0)
    follows = rng.poisson(np.maximum(rows["reach"].fillna(0).to_numpy(float), 0) * 0.0015)
    text = rows["text"].fillna("").astype("str")
    if platform == "facebook":
        page_id = rows["post_id"].str.split("_").str[0]
        post_no = rows["post_id"].str.split("_").str[1]
        clicks = rows["clicks"]
        other = rng.poisson(np.maximum(rows["reach"].fillna(0).to_numpy(float), 0) * 0.01)
        engaged = rows[["reactions", "comments", "shares"]].fillna(0).sum(axis=1)
        out = pd.DataFrame(
            {
                "Post ID": rows["post_id"],
                "Page ID": page_id,
                "Page name": account,
                "Title": np.where(fmt.isin(["video", "reel", "live"]), text, ""),
                "Description": np.where(fmt.isin(["video", "reel", "live"]), "", text),
                "Duration (sec)": duration,
                "Publish time": local,
                "Caption type": "",
                "Permalink": "https://www.facebook.com/" + page_id + "/posts/" + post_no,
                "Post type": fmt.map(_FB_TYPES).fillna("Photos"),
                "Data comment": "",
                "Date": "Lifetime",
                "Views": _cells(rows["impressions"]),
                "Reach": _cells(rows["reach"]),
                "Reactions, Comments and Shares": _cells(engaged),
                "Reactions": _cells(rows["reactions"]),
                "Comments": _cells(rows["comments"]),
                "Shares": _cells(rows["shares"]),
                "Total clicks": _cells(clicks.fillna(0) + other),
                "Link clicks": _cells(clicks),
                "Other Clicks": other,
                "Follows": follows,
            }
        )
        return _csv(out)
    if platform != "instagram":
        raise ValueError(f"platform must be facebook or instagram, not {platform!r}")
    kind = fmt.map(_IG_TYPES).fillna("IG image")
    path = np.where(kind == "IG reel", "reel", "p")
    codes = rows["post_id"].map(_shortcode)
    out = pd.DataFrame(
        {
            "Post ID": rows["post_id"],
            "Account ID": IG_ACCOUNT_ID,
            "Account username": username or account.lower().replace(" ", ""),
            "Account name": account,
            "Description": text,
            "Duration (sec)": duration,
            "Publish time": local,
            "Permalink": "https://www.instagram.com/" + pd.Series(path) + "/" + codes + "/",
            "Post type": kind,
            "Data comment": "",
            "Date": "Lifetime",
            "Views": _cells(rows["impressions"], thousands=True),
            "Reach": _cells(rows["reach"], thousands=True),
            "Likes": _cells(rows["reactions"]),
            "Shares": _cells(rows["shares"]),
            "Follows": follows,
            "Comments": _cells(rows["comments"]),
            "Saves": _cells(rows["saves"]),
        }
    )
    return _csv(out)


def _window(
    posts: pd.DataFrame, brand: str, platform: str, timezone: str, as_of: pd.Timestamp
) -> pd.DataFrame:
    """The brand's posts on ``platform`` in the 90 local days ending on ``as_of``."""
    end_day = local_day(as_of, timezone)
    day = posts["published_at"].dt.tz_convert(timezone).dt.tz_localize(None).dt.normalize()
    keep = (
        (posts["brand"].astype("str") == brand)
        & (posts["platform"].astype("str") == platform)
        & (day > end_day - pd.Timedelta(days=90))
        & (day <= end_day)
    )
    return posts[keep.to_numpy()]


def sample_exports(
    tables: dict[str, pd.DataFrame],
    *,
    brand: str,
    timezone: str,
    as_of: pd.Timestamp,
    rng: np.random.Generator,
) -> dict[str, bytes]:
    """The sample folder's Business Suite content exports, from the canonical posts.

    Parameters
    ----------
    tables : dict of str to DataFrame
        Canonical tables; ``posts`` is used.
    brand : str
        The brand whose Facebook and Instagram posts are exported (also the page name).
    timezone : str
        The page's time zone (``Publish time`` is local).
    as_of : pandas.Timestamp
        Last day of the export; the 90 days up to it are exported.
    rng : numpy.random.Generator
        For the columns the canonical tables lack.

    Returns
    -------
    dict of str to bytes
        ``meta_facebook_posts.csv`` and ``meta_instagram_posts.csv``, with the canonical post ids.
    """
    posts = tables["posts"]
    out = {}
    for platform, name in (
        ("facebook", "meta_facebook_posts.csv"),
        ("instagram", "meta_instagram_posts.csv"),
    ):
        rows = _window(posts, brand, platform, timezone, pd.Timestamp(as_of))
        out[name] = write(
            rows,
            platform=platform,
            account=brand,
            timezone=timezone,
            rng=rng,
            username=f"{brand.lower()}.coffee",
        )
    return out
