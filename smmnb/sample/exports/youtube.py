"""The sample's YouTube Studio files, as Studio's advanced mode exports them.

``Table data.csv`` (a Total row first, ids that start with ``-`` written with a leading space)
and ``Chart data.csv`` (one row per video and day). Read back by :mod:`smmnb.io.exports.youtube`.
"""

from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd

__all__ = ["sample_exports"]


def _csv(frame: pd.DataFrame) -> bytes:
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    return buffer.getvalue().encode("utf-8")


def _studio_id(post_id: str) -> str:
    """Ids as Studio writes them: a leading space before a leading ``-``."""
    return " " + post_id if post_id.startswith("-") else post_id


def _int_text(s: pd.Series) -> pd.Series:
    return s.astype("Int64").astype("str").replace({"<NA>": ""})


def sample_exports(
    tables: dict[str, pd.DataFrame],
    *,
    brand: str,
    timezone: str,
    as_of: pd.Timestamp,
    rng: np.random.Generator,
) -> dict[str, bytes]:
    """YouTube Studio ``Table data.csv`` and ``Chart data.csv`` for the last 90 days.

    The videos are ``brand``'s YouTube posts published in the 90 days up to ``as_of`` (so the
    period's metrics are their totals). Chart data splits each video's views over the days
    from its publication to ``as_of``. Totals.csv is not written: it fills no canonical table.

    Parameters
    ----------
    tables : dict of str to DataFrame
        Canonical tables (``posts``).
    brand : str
        The brand whose channel it is.
    timezone : str
        The channel's time zone (publish days are local days).
    as_of : pandas.Timestamp
        Last day of the period.
    rng : numpy.random.Generator
        Draws what the canonical tables do not have: durations, watch time, subscribers,
        click-through rates, the daily split of views.

    Returns
    -------
    dict of str to bytes
        ``youtube_Table data.csv`` and ``youtube_Chart data.csv``.
    """
    as_of = pd.Timestamp(as_of).normalize()
    start = as_of - pd.Timedelta(days=89)
    posts = tables["posts"]
    day = posts["published_at"].dt.tz_convert(timezone).dt.tz_localize(None).dt.normalize()
    keep = (
        (posts["brand"] == brand)
        & (posts["platform"] == "youtube")
        & (day >= start)
        & (day <= as_of)
    )
    rows = posts[keep].assign(local_day=day[keep])
    rows = rows.sort_values(["video_views", "post_id"], ascending=[False, True], kind="stable")
    n = len(rows)
    short = (rows["format"].astype("str") == "short").to_numpy()
    duration = np.where(short, rng.integers(15, 60, n), rng.integers(180, 900, n))
    views = rows["video_views"].astype("Int64")
    avg_seconds = duration * rng.uniform(0.3, 0.7, n)
    watch = (views.fillna(0).to_numpy(dtype=float) * avg_seconds / 3600).round(4)
    subscribers = rng.binomial(views.fillna(0).to_numpy(dtype="int64"), 0.002)
    ctr = rng.uniform(2.0, 9.0, n).round(2)
    published = [f"{d:%b} {d.day}, {d.year}" for d in rows["local_day"]]
    table = pd.DataFrame(
        {
            "Content": [_studio_id(str(p)) for p in rows["post_id"]],
            "Video title": rows["text"].astype("str").fillna("").to_numpy(),
            "Video publish time": published,
            "Duration": duration,
            "Views": _int_text(views).to_numpy(),
            "Watch time (hours)": watch,
            "Subscribers": subscribers,
            "Likes": _int_text(rows["reactions"]).to_numpy(),
            "Comments added": _int_text(rows["comments"]).to_numpy(),
            "Shares": _int_text(rows["shares"]).to_numpy(),
            "Thumbnail impressions": _int_text(rows["impressions"]).to_numpy(),
            "Thumbnail click-through rate (%)": ctr,
        }
    )
    impressions = rows["impressions"].astype("float64").fillna(0).to_numpy()
    total = {
        "Content": "Total",
        "Video title": "",
        "Video publish time": "",
        "Duration": "",
        "Views": str(int(views.sum())),
        "Watch time (hours)": round(float(watch.sum()), 4),
        "Subscribers": int(subscribers.sum()),
        "Likes": str(int(rows["reactions"].sum())),
        "Comments added": str(int(rows["comments"].sum())),
        "Shares": str(int(rows["shares"].sum())),
        "Thumbnail impressions": str(int(impressions.sum())),
        "Thumbnail click-through rate (%)": round(
            float((ctr * impressions).sum() / impressions.sum()), 2
        )
        if impressions.sum()
        else "",
    }
    table = pd.concat([pd.DataFrame([total]), table], ignore_index=True)
    out = {"youtube_Table data.csv": _csv(table)}

    chart = []
    for r, dur, when in zip(rows.itertuples(index=False), duration, published, strict=True):
        if pd.isna(r.video_views):
            continue
        days = pd.date_range(r.local_day, as_of, freq="D")
        weights = np.exp(-np.arange(len(days)) / 4.0) * rng.uniform(0.7, 1.3, len(days))
        split = rng.multinomial(int(r.video_views), weights / weights.sum())
        for d, v in zip(days, split, strict=True):
            chart.append([f"{d:%Y-%m-%d}", _studio_id(str(r.post_id)), r.text, when, dur, v])
    frame = pd.DataFrame(
        chart,
        columns=["Date", "Content", "Video title", "Video publish time", "Duration", "Views"],
    ).sort_values(["Date", "Content"], kind="stable")
    out["youtube_Chart data.csv"] = _csv(frame)
    return out
