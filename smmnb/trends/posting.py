"""When and what to post: engagement by hour and weekday, formats, the best window."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats as st

from smmnb.errors import InsufficientData
from smmnb.i18n import N_, _
from smmnb.metrics import RATIOS, engagements, ratio
from smmnb.names import label
from smmnb.narrative import count as _count
from smmnb.narrative import needs
from smmnb.stats import holm
from smmnb.trends._common import _local

__all__ = ["engagement_metric", "times_known", "best_time", "format_performance", "best_window"]


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
        field = label(den)
        need = _(
            "posts with {denominator} (the metric is {numerator} / {denominator} of each post)"
        ).format(denominator=field, numerator=label(num))
    else:
        field = label(metric)
        need = _("posts with {metric}").format(metric=field)
    if posts.empty:
        found = _("there are no posts")
    elif len(posts) == 1:
        found = _("the one post here has no {measure} figure").format(measure=field)
    else:
        found = _("none of the {posts} here has a {measure} figure").format(
            posts=_count(len(posts), "post"), measure=field
        )
    raise InsufficientData(needs(_(analysis), need, found))


ENGAGEMENT_METRICS = ("er_reach", "er_impressions")
"""Per-post engagement rates in order of preference: on reach, else on impressions."""


def engagement_metric(posts: pd.DataFrame, analysis: str = N_("Analysing posts")) -> str:
    """The engagement rate the posts can give, on reach when possible.

    ``er_reach`` when a post has a reach, else ``er_impressions`` when a post has impressions.
    One metric is used for all the posts of an analysis (the two rates are not comparable).

    Parameters
    ----------
    posts : pandas.DataFrame
        A ``posts`` table.
    analysis : str
        The analysis, for the sentence of :class:`~smmnb.errors.InsufficientData` (English,
        translated there).

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
        found = _("there are no posts")
    elif len(posts) == 1:
        found = _("the one post here has neither")
    else:
        found = _("none of the {posts} here has either").format(posts=_count(len(posts), "post"))
    need = _("posts with reach or impressions (the engagement rate divides by one)")
    raise InsufficientData(needs(_(analysis), need, found))


def times_known(posts: pd.DataFrame, *, tz: str | None = None) -> bool:
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
            needs(_(analysis), _("posts with engagements"), _("no post here has any engagement"))
        )
    return frame


def best_time(
    posts: pd.DataFrame,
    metric: str = "er_reach",
    *,
    tz: str | None = None,
    min_posts: int = 3,
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
    frame = _per_post(posts, metric, tz, relative_to, N_("Finding the best time to post"))
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
        "relative_to": list(relative_to or []),
    }
    return out


def compare_formats(
    posts: pd.DataFrame, *, analysis: str = N_("Comparing formats")
) -> pd.DataFrame:
    """The comparison of formats every report shows (notebook 03 and the executive summary).

    One engagement rate for all the posts (:func:`engagement_metric`: on reach when possible),
    each format compared with images on the same platform when any post is an image (else with
    the platform's other formats), by :func:`format_performance`.

    Returns
    -------
    pandas.DataFrame
        :func:`format_performance`'s table, with ``attrs["metric"]`` and ``attrs["baseline"]``
        (``"image"`` or None).

    Raises
    ------
    InsufficientData
        When no post has an engagement rate (``analysis`` names the analysis in the sentence).
    """
    metric = engagement_metric(posts, analysis)
    baseline = "image" if posts["format"].astype("str").eq("image").any() else None
    table = format_performance(posts, metric=metric, baseline=baseline)
    table.attrs.update(metric=metric, baseline=baseline)
    return table


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
        denominators over the posts), ``compared_with``, ``ratio`` = value / the compared
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
    _require_metric(posts, frame["v"].to_numpy(), metric, N_("Comparing formats"))
    frame = frame.dropna(subset=["v"])
    frame = frame[frame.pop("has_format")]
    if frame.empty:
        raise InsufficientData(
            needs(_("Comparing formats"), _("posts with a format"), _("the posts here have none"))
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
            "ratio": np.where(testable, ratio(mean, mean_o).to_numpy(), np.nan),
            "p_value": p,
        }
    )
    out["p_holm"] = holm(out["p_value"].to_numpy())
    out["significant"] = pd.array(
        np.where(np.isnan(out["p_holm"]), None, out["p_holm"] < alpha), dtype="boolean"
    )
    out = out.sort_values(["platform", "value"], ascending=[True, False])
    return out.reset_index(drop=True)


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
