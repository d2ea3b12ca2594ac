"""The period's best and worst posts per platform, each against what comparable posts get.

A post is *comparable* to another when both are of the same brand, platform and format (a reel
is compared with reels, never with images: formats differ by design). Each ranked post is
placed among the other comparable posts (the post itself left out): the median of their metric,
its ``ratio`` to that median and its ``percentile`` (the share of them it beat). A group with
fewer than ``min_group`` other posts is too small to say what is usual: the post is listed,
``compared`` is False and the comparison figures are missing, rather than made up from two or
three posts.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

from smmnb.errors import InsufficientData
from smmnb.i18n import N_, _
from smmnb.metrics import RATIOS, engagements, ratio
from smmnb.names import label
from smmnb.narrative import count, needs
from smmnb.timezones import to_local

__all__ = ["COLUMNS", "shorten", "top_posts"]

COLUMNS = (
    "brand", "platform", "side", "rank", "post_id", "published", "format", "text", "url",
    "metric", "reach", "impressions", "engagements", "value", "comparable", "median", "ratio",
    "percentile", "compared",
)  # fmt: skip
"""The columns of :func:`top_posts`, in order."""

_ENGAGEMENT_RATES = ("er_reach", "er_impressions")
"""What ``metric=None`` chooses from, in order: on reach, else on impressions."""

_ANALYSIS = N_("Ranking posts")


def shorten(text: object, width: int = 80) -> str:
    r"""A post's text on one line, cut at a word boundary to at most ``width`` characters.

    Line breaks and runs of spaces become one space; a cut text ends with ``…``.

    >>> shorten("Cà phê muối\n\nđã có mặt tại Lumi", 20)
    'Cà phê muối đã có…'
    """
    if text is None or text is pd.NA or (isinstance(text, float) and np.isnan(text)):
        return ""
    line = re.sub(r"\s+", " ", unicodedata.normalize("NFC", str(text))).strip()
    if len(line) <= width:
        return line
    cut = line[: width - 1]
    space = cut.rfind(" ")
    if line[width - 1] != " " and space >= width // 2:  # do not end in the middle of a word
        cut = cut[:space]
    return cut.rstrip(" ,.;:-–—") + "…"


def _column(posts: pd.DataFrame, name: str) -> pd.Series:
    if name == "engagements":
        return engagements(posts).astype("Float64").astype("float64")
    if name not in posts.columns:
        return pd.Series(np.nan, index=posts.index, dtype="float64")
    return pd.to_numeric(posts[name], errors="coerce").astype("Float64").astype("float64")


def _metric(posts: pd.DataFrame, metric: str) -> pd.Series:
    """Each post's ``metric``: a ratio of :data:`smmnb.metrics.RATIOS` per post, or a count."""
    if metric in RATIOS:
        num, den, scale = RATIOS[metric]
        return ratio(_column(posts, num), _column(posts, den), scale)
    if metric == "engagements" or (
        metric in posts.columns and pd.api.types.is_numeric_dtype(posts[metric])
    ):
        return _column(posts, metric)
    raise ValueError(
        f"metric must be a ratio ({', '.join(RATIOS)}), a numeric posts column or None, "
        f"got {metric!r}"
    )


def _per_platform(posts: pd.DataFrame, metric: str | None) -> tuple[pd.Series, pd.Series]:
    """Each post's metric value and the metric's name.

    ``metric=None`` chooses per brand and platform: the engagement rate on reach when one of
    its posts has a reach, else on impressions (rates within a platform stay comparable).
    """
    if metric is not None:
        return _metric(posts, metric), pd.Series(metric, index=posts.index, dtype=object)
    rates = {m: _metric(posts, m) for m in _ENGAGEMENT_RATES}
    keys = _keys(posts)
    value = pd.Series(np.nan, index=posts.index, dtype="float64")
    name = pd.Series(None, index=posts.index, dtype=object)
    for _key, rows in keys.groupby(["brand", "platform"], sort=False).groups.items():
        for m in _ENGAGEMENT_RATES:
            if rates[m].loc[rows].notna().any():
                value.loc[rows] = rates[m].loc[rows]
                name.loc[rows] = m
                break
    return value, name


def _no_figure(posts: pd.DataFrame, field: str) -> str:
    if posts.empty:
        return _("there are no posts")
    if len(posts) == 1:
        return _("the one post here has no {field} figure").format(field=field)
    return _("none of the {posts} here has a {field} figure").format(
        posts=count(len(posts), "post"), field=field
    )


def _keys(posts: pd.DataFrame) -> pd.DataFrame:
    """Brand, platform and format of each post as text (a missing format is its own group)."""
    out = pd.DataFrame(index=posts.index)
    for name in ("brand", "platform", "format"):
        if name in posts.columns:
            out[name] = posts[name].astype("object").where(posts[name].notna(), "").astype(str)
        else:
            out[name] = ""
    return out


def _place(value: float, others: np.ndarray) -> tuple[float, float]:
    """(median of ``others``, share of ``others`` below ``value``, ties counting half)."""
    below = np.count_nonzero(others < value)
    tied = np.count_nonzero(others == value)
    return float(np.median(others)), (below + 0.5 * tied) / len(others)


def top_posts(
    posts: pd.DataFrame,
    *,
    n: int = 3,
    metric: str | None = "er_reach",
    baseline: pd.DataFrame | None = None,
    min_group: int = 5,
    tz: str | None = None,
    width: int = 80,
) -> pd.DataFrame:
    """The best and worst posts of each platform, with how far each was from comparable posts.

    Parameters
    ----------
    posts : pandas.DataFrame
        A ``posts`` table: the period's posts, to rank.
    n : int
        How many best and how many worst posts per platform. A platform with fewer than
        ``2 * n`` posts has fewer worst posts (a post is never both).
    metric : str or None
        What "best" means, computed per post: a ratio of :data:`smmnb.metrics.RATIOS`
        (``er_reach`` = engagements / reach of the post; engagements as
        :func:`smmnb.metrics.engagements` counts them), ``engagements`` or a numeric column.
        None: per platform, the engagement rate on reach when one of its posts has a reach,
        else on impressions (LinkedIn and X report no reach). Posts without the metric are
        not ranked.
    baseline : pandas.DataFrame, optional
        The posts that say what is usual (for example every post up to the end of the
        period); default ``posts``. Each ranked post is compared with the baseline's posts of
        the same brand, platform and format, itself excluded.
    min_group : int
        Fewest other comparable posts for a comparison; with fewer, ``compared`` is False and
        ``median``, ``ratio`` and ``percentile`` are missing.
    tz : str, optional
        Local time zone of ``published``; default the table's ``attrs['timezone']`` (the
        workspace's), else the zone the timestamps carry.
    width : int
        Longest ``text``, in characters (cut at a word, ending with ``…``).

    Returns
    -------
    pandas.DataFrame
        One row per ranked post (:data:`COLUMNS`): ``brand``, ``platform``, ``side``
        (``best`` or ``worst``), ``rank`` (1 = the best, or the worst), ``post_id``,
        ``published`` (local time, naive), ``format``, ``text`` (shortened), ``url`` (the
        permalink when the export gave one), ``metric`` (what ``value`` is), ``reach``,
        ``impressions``, ``engagements``, ``value``, ``comparable`` (how many other comparable
        posts had the metric), ``median`` (their median), ``ratio`` (value / median),
        ``percentile`` (the share of them below the post, ties counting half) and
        ``compared``. Platforms with the most ranked posts first; best posts before worst.
        ``attrs``: ``metric`` (as given), ``posts`` (posts with the metric), ``min_group`` and
        ``baseline_posts``.

    Raises
    ------
    InsufficientData
        When no post has the metric (no posts, or none with a reach for ``er_reach``).

    Examples
    --------
    >>> posts = pd.DataFrame({"post_id": list("abcdef"), "brand": "Lumi",
    ...     "platform": "tiktok", "format": "reel", "reach": [100] * 6,
    ...     "reactions": [10, 5, 8, 2, 6, 7],
    ...     "published_at": pd.to_datetime(["2026-09-01"] * 6, utc=True)})
    >>> top = top_posts(posts, n=1, min_group=5, tz="Asia/Ho_Chi_Minh")
    >>> top[["side", "post_id", "value", "median", "percentile"]].values.tolist()
    [['best', 'a', 0.1, 0.06, 1.0], ['worst', 'd', 0.02, 0.07, 0.0]]
    """
    if n < 1:
        raise ValueError(f"n must be >= 1, got {n}")
    if min_group < 1:
        raise ValueError(f"min_group must be >= 1, got {min_group}")
    if width < 10:
        raise ValueError(f"width must be >= 10, got {width}")
    for column in ("post_id", "platform"):
        if column not in posts.columns:
            raise ValueError(f"top_posts needs a '{column}' column in posts")
    value, names = _per_platform(posts, metric)
    if not value.notna().any():
        raise InsufficientData(_missing_metric(posts, metric))
    keys = _keys(posts)
    chosen_for = {
        (b, p): m for b, p, m in zip(keys["brand"], keys["platform"], names, strict=True) if m
    }

    # what is usual: the baseline's posts, each with the metric its platform is ranked by
    base = posts if baseline is None else baseline
    base_keys = _keys(base)
    base_metric = pd.Series(
        [chosen_for.get((b, p)) for b, p in zip(base_keys["brand"], base_keys["platform"],
                                                strict=True)],
        index=base.index, dtype=object,
    )  # fmt: skip
    base_value = pd.Series(np.nan, index=base.index, dtype="float64")
    for m in base_metric.dropna().unique():
        rows = base_metric == m
        base_value[rows] = _metric(base[rows], m)
    has = base_value.notna()
    groups = {
        key: (
            base_value.loc[rows].to_numpy(dtype="float64"),
            base.loc[rows, "post_id"].astype("str").to_numpy(dtype=object),
        )
        for key, rows in base_keys[has].groupby(list(base_keys.columns), sort=False).groups.items()
    }

    published = (
        to_local(posts, "published_at", tz)
        if "published_at" in posts.columns
        else pd.Series(pd.NaT, index=posts.index, dtype="datetime64[ns]")
    )
    frame = keys.assign(
        post_id=posts["post_id"].astype("str"), value=value, published=published,
        at=np.arange(len(posts)),
    ).dropna(subset=["value"])  # fmt: skip
    sizes = frame.groupby(["brand", "platform"], sort=False).size()
    picked = []
    for brand, platform in sorted(sizes.index, key=lambda k: (-sizes[k], k[1], k[0])):
        mine = frame[(frame["brand"] == brand) & (frame["platform"] == platform)]
        # ties go to the earlier post, then the smaller id: the order never depends on the
        # order of the file's rows
        order = ["value", "published", "post_id"]
        best = mine.sort_values(order, ascending=[False, True, True], kind="stable").head(n)
        rest = mine.drop(index=best.index)
        worst = rest.sort_values(order, ascending=[True, True, True], kind="stable").head(n)
        for side, chosen in (("best", best), ("worst", worst)):
            for rank, r in enumerate(chosen.itertuples(), start=1):
                values, ids = groups.get((brand, platform, r.format), (np.array([]), np.array([])))
                others = values[ids != r.post_id]
                med = share = change = np.nan
                compared = len(others) >= min_group
                if compared:
                    med, share = _place(r.value, others)
                    change = ratio(r.value, med)
                picked.append((r.at, side, rank, len(others), med, change, share, compared))

    cols = ["at", "side", "rank", "comparable", "median", "ratio", "percentile", "compared"]
    chosen = pd.DataFrame(picked, columns=cols)
    at = chosen["at"].to_numpy(dtype="int64")
    source = posts.iloc[at]
    out = pd.DataFrame(
        {
            "brand": keys["brand"].iloc[at].to_numpy(dtype=object),
            "platform": keys["platform"].iloc[at].to_numpy(dtype=object),
            "side": chosen["side"].to_numpy(dtype=object),
            "rank": chosen["rank"].to_numpy(dtype="int64"),
            "post_id": source["post_id"].astype("str").to_numpy(dtype=object),
            "published": published.iloc[at].to_numpy(dtype="datetime64[ns]"),
            "format": (source["format"].astype("object").where(source["format"].notna(), None)
                       .to_numpy(dtype=object) if "format" in posts.columns
                       else np.full(len(at), None, dtype=object)),
            "text": np.array([shorten(t, width) for t in source["text"]] if "text" in posts.columns
                             else [""] * len(at), dtype=object),
            "url": _urls(source),
            "metric": names.iloc[at].to_numpy(dtype=object),
            "reach": _column(source, "reach").to_numpy(dtype="float64"),
            "impressions": _column(source, "impressions").to_numpy(dtype="float64"),
            "engagements": _column(source, "engagements").to_numpy(dtype="float64"),
            "value": value.iloc[at].to_numpy(dtype="float64"),
            "comparable": chosen["comparable"].to_numpy(dtype="int64"),
            "median": chosen["median"].to_numpy(dtype="float64"),
            "ratio": chosen["ratio"].to_numpy(dtype="float64"),
            "percentile": chosen["percentile"].to_numpy(dtype="float64"),
            "compared": chosen["compared"].to_numpy(dtype="bool"),
        },
        columns=list(COLUMNS),
    )  # fmt: skip
    out.attrs = {
        "metric": metric,
        "posts": len(frame),
        "min_group": min_group,
        "baseline_posts": int(has.sum()),
    }
    return out


def _missing_metric(posts: pd.DataFrame, metric: str | None) -> str:
    """The fallback sentence when no post has the metric."""
    if metric is None:
        need = _("posts with reach or impressions (the engagement rate divides by one)")
        field = _("reach or impressions")
    elif metric in RATIOS:
        num, den, _scale = RATIOS[metric]
        need = _("posts with {den} (the metric is {num} / {den} of each post)").format(
            num=label(num), den=label(den)
        )
        field = label(den)
    else:
        need, field = _("posts with {metric}").format(metric=label(metric)), label(metric)
    return needs(_(_ANALYSIS), need, _no_figure(posts, field))


def _urls(rows: pd.DataFrame) -> np.ndarray:
    """Each row's permalink: an ``http(s)`` URL from the ``url`` column, else None."""
    if "url" not in rows.columns:
        return np.full(len(rows), None, dtype=object)
    text = rows["url"].astype("object").where(rows["url"].notna(), "").astype(str).str.strip()
    return np.where(text.str.match(r"(?i)^https?://\S+$"), text, None).astype(object)
