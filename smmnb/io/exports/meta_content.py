"""Meta Business Suite content exports (Facebook Page and Instagram posts) -> ``posts``.

Reads the CSV files that Meta Business Suite's *Insights > Content > Export data* writes: one
row per post with lifetime totals, for a Facebook Page (``Page ID``, ``Page name``,
``Reactions``...) or an Instagram account (``Account ID``, ``Account username``, ``Likes``,
``Saves``...). Business Suite writes UTF-8 with a BOM; the column set changes between months,
so a file is recognised by a few columns, never the whole header.

Mapping decisions:

- ``post_id`` is ``Post ID`` as written (``pageid_postid`` on Facebook, a number on
  Instagram), so that a post also present in the canonical tables has the same key.
- ``platform``: a row is instagram when its ``Post type`` starts with ``IG`` (``IG reel``,
  ``IG image``, ``IG carousel``, ``IG story``). Rows with no post type follow the file: an
  Instagram file is one with an IG-only column (``Account username`` or ``Saves``) and no
  Facebook-only one (``Page ID``, ``Page name``, ``Reactions``); everything else is facebook.
- ``format`` from ``Post type``: ``IG image``/``Photos`` -> image, ``IG carousel``/``Albums``
  -> carousel, ``IG reel``/``Reels`` -> reel, ``Videos`` -> video, ``Live`` -> live,
  ``Text``/``Status`` -> text, ``Links`` -> link, ``IG story``/``Stories`` -> story; anything
  else is kept in lower case.
- ``published_at`` is ``Publish time`` (``MM/DD/YYYY HH:MM``), local time of the account, so
  pass ``timezone=``. Month first is forced, unless a value can only be read day first
  (a first number above 12), which happens with some non-US interface languages.
- ``impressions`` is ``Views`` (Meta's 2025 replacement of impressions), else the older
  ``Impressions``; ``reactions`` is ``Reactions`` (Facebook) or ``Likes`` (Instagram);
  ``clicks`` is ``Link clicks`` (``Total clicks`` is kept as ``total_clicks``), as in
  :mod:`smmnb.io.exports.meta_ads`; ``video_views`` is ``3-second video views`` when present.
- ``text`` is the longer of ``Description`` and ``Title`` (Facebook puts the caption in either,
  depending on the post type); both are also kept as ``description`` and ``title``.
- ``brand`` is ``brand=``, else ``Page name`` / ``Account name``.
- The platform's other columns are kept in snake case, among them
  ``reactions_comments_and_shares``, ``follows``, ``permalink`` and ``date`` (``Lifetime``).
"""

from __future__ import annotations

import hashlib

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
    "FORMAT",
    "FORMATS",
    "IG_ACCOUNT_ID",
    "POST_TYPES",
    "platform_of",
    "sample_exports",
    "write",
]

POST_TYPES = {
    "ig image": "image",
    "ig carousel": "carousel",
    "ig reel": "reel",
    "ig video": "video",
    "ig story": "story",
    "photo": "image",
    "photos": "image",
    "album": "carousel",
    "albums": "carousel",
    "carousel": "carousel",
    "carousels": "carousel",
    "reel": "reel",
    "reels": "reel",
    "video": "video",
    "videos": "video",
    "live": "live",
    "live video": "live",
    "live videos": "live",
    "text": "text",
    "status": "text",
    "link": "link",
    "links": "link",
    "story": "story",
    "stories": "story",
}
"""Meta ``Post type`` (lower case) -> canonical ``format``."""

_ACCOUNT = ("page name", "account name")
_ID_COLUMNS = ("page id", "page name", "account id", "account name", "account username")
_IG_ONLY = {"account username", "saves"}
_FB_ONLY = {"page id", "page name", "reactions"}
_MAP = {
    "Post ID": "post_id",
    "Publish time": "published_at",
    "Reach": "reach",
    "Comments": "comments",
    "Shares": "shares",
    "Saves": "saves",
    "Link clicks": "clicks",
    "3-second video views": "video_views",
}
_NUMERIC_EXTRAS = (
    "reactions_comments_and_shares",
    "follows",
    "total_clicks",
    "other_clicks",
    "duration_sec",
)


def platform_of(post_types: pd.Series, columns: list[str]) -> pd.Series:
    """Each row's platform from its ``Post type`` and the file's columns (see module notes).

    Parameters
    ----------
    post_types : pandas.Series
        The ``Post type`` cells (text, possibly empty).
    columns : list of str
        The file's header.

    Returns
    -------
    pandas.Series
        ``"instagram"`` or ``"facebook"`` per row.
    """
    cells = {norm(c) for c in columns}
    file_is_ig = bool(cells & _IG_ONLY) and not (cells & _FB_ONLY)
    kind = post_types.fillna("").astype("str").str.strip().str.lower()
    is_ig = kind.str.match(r"^ig\b")
    unknown = kind == ""
    out = np.where(is_ig | (unknown & file_is_ig), "instagram", "facebook")
    return pd.Series(out, index=post_types.index, dtype="str")


def _detect(raw: RawExport) -> Found | None:
    for table in raw.tables:
        i = find_header(
            table,
            ["Post ID", "Publish time"],
            any_of=[["Permalink", "Post type"], _ID_COLUMNS, ["Reach", "Views", "Impressions"]],
        )
        if i is not None:
            return Found(table, i)
    return None


def _numeric(df: pd.DataFrame, names: tuple[str, ...]) -> pd.DataFrame:
    """Extra count columns as numbers where every filled cell reads as one (else left as text)."""
    for name in names:
        if name not in df.columns:
            continue
        column = df[name].astype("object")
        text = column.where(column.notna(), "").astype("str").str.strip()
        text = text.str.replace(",", "", regex=False)
        values = pd.to_numeric(text.where(text != ""), errors="coerce")
        if not (values.isna() & (text != "")).any():
            whole = bool((values.dropna() == values.dropna().round()).all())
            df[name] = values.astype("Int64") if whole else values
    return df


def _dayfirst(values: pd.Series) -> bool:
    """Month first, unless some value can only be read day first."""
    parts = values.fillna("").astype("str").str.extract(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-]\d{4}")
    parts = parts.dropna().astype(int)
    return bool((parts[0] > 12).any() and not (parts[1] > 12).any())


def _read(raw: RawExport, found: Found, options: Options):
    df, labels = found.table.frame(found.header)
    cols = {norm(c): c for c in df.columns}
    df, labels = drop_total_rows(df, labels, cols["post id"], pattern=r"^total\b")
    header = list(df.columns)

    account = None
    for name in _ACCOUNT:
        if name in cols:
            named = df[cols[name]].str.strip()
            named = named[named != ""]
            if not named.empty:
                account = str(named.iloc[0])
                break
    brand = need_brand(raw, FORMAT, options, account)

    kind = df[cols["post type"]] if "post type" in cols else pd.Series("", index=df.index)
    platform = platform_of(kind, header)
    key = kind.fillna("").astype("str").str.strip().str.lower()
    fmt = key.map(POST_TYPES).fillna(key.str.replace(r"^ig\s+", "", regex=True))

    texts = []
    for name in ("description", "title"):
        if name in cols:
            texts.append(df[cols[name]].fillna("").astype("str"))
    if texts:
        text = texts[0]
        for other in texts[1:]:
            text = text.where(text.str.len() >= other.str.len(), other)
        df["text"] = text.where(text.str.strip() != "")

    if "views" in cols:
        df = df.rename(columns={cols["views"]: "impressions"})
        if "impressions" in cols:
            df = df.rename(columns={cols["impressions"]: "impressions_reported"})
    elif "impressions" in cols:
        df = df.rename(columns={cols["impressions"]: "impressions"})
    if "reactions" in cols:
        df = df.rename(columns={cols["reactions"]: "reactions"})
    elif "likes" in cols:
        df = df.rename(columns={cols["likes"]: "reactions"})
    df = rename_columns(df, _MAP)
    df["brand"] = brand
    df["platform"] = platform.to_numpy()
    df["format"] = fmt.where(fmt != "").to_numpy()
    df = snake_extras(df, TABLES["posts"].names)
    df = _numeric(df, _NUMERIC_EXTRAS)
    platforms = sorted(set(platform))
    attrs = {
        "dayfirst": _dayfirst(df["published_at"]) if "published_at" in df.columns else False,
        "platform_from": "Post type 'IG …' or Instagram-only columns -> instagram; else facebook",
        "platforms": platforms,
    }
    return df, labels, attrs


FORMAT = ExportFormat(
    "meta_content",
    "Meta Business Suite content (Facebook/Instagram posts)",
    "posts",
    _detect,
    _read,
)
FORMATS: list[ExportFormat] = [FORMAT]
"""The formats this module adds to :data:`smmnb.io.exports.FORMATS`."""


# --------------------------------------------------------------------------------------------
# writing (sample data)

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
