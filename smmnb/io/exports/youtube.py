"""YouTube Studio advanced-mode exports (Table data, Chart data, Totals) -> ``posts``.

*Analytics > Advanced mode > Export current view > Comma-separated values* writes a folder
with ``Table data.csv``, ``Chart data.csv`` and ``Totals.csv``. With the *Content* (video)
dimension, the metrics of each file cover the period chosen in Studio: for videos published
within that period they are the videos' totals so far.

Mapping decisions:

- ``Table data.csv`` (one row per video) -> ``posts`` (platform youtube). ``Content`` (older
  exports: ``Video``) is the video id; Studio writes ids that start with ``-`` with a leading
  space (so that spreadsheets do not read them as formulas), which is stripped. The ``Total``
  row is dropped. ``Video title`` -> text, ``Views`` -> video_views, ``Likes`` -> reactions,
  ``Comments added`` -> comments, ``Shares`` -> shares, ``Impressions`` or (current exports)
  ``Thumbnail impressions`` -> impressions (the header used is in
  ``attrs["impressions_from"]``). ``Duration`` (seconds), ``Watch time (hours)``,
  ``Subscribers`` (net subscribers gained from the video), the click-through rate and every
  other column are kept in snake case.
- ``published_at``: ``Video publish time`` is a day (``Aug 28, 2025``) without a time, read as
  local midnight in ``timezone`` (``attrs["published_at_precision"] = "day"``).
- ``format`` is left empty: the export does not say whether a video is a Short, and guessing it
  from the duration would be wrong for short long-form videos.
- ``Chart data.csv`` with the Content dimension (one row per video per day) -> ``posts``, one
  row per video: counts that add up over days (views, watch time, likes, comments, shares,
  impressions, subscribers, revenue) are summed; averages, rates and unique-viewer counts do
  not add up and are dropped, named in ``attrs["not_summed"]``; ``attrs["period"]`` is the
  first and last day.
- ``Totals.csv`` (the channel's daily totals: ``Date``, ``Views``, maybe ``Subscribers``) fills
  no canonical table honestly: it has no videos, and ``Subscribers`` there is the net number
  gained that day, not the subscriber count that ``followers`` needs. Reading it raises a
  SchemaError that says to use ``Table data.csv`` (or ``Chart data.csv``) for posts and a
  daily subscriber count (``followers.csv``) for followers.
- The brand is ``brand=``; Studio exports do not name the channel.
"""

from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd

from smmnb.errors import ExportNotUsable, Problem
from smmnb.io.exports._base import (
    ExportFormat,
    Found,
    Options,
    RawExport,
    drop_total_rows,
    need_brand,
    norm,
    rename_columns,
    snake_extras,
)
from smmnb.schema import TABLES

__all__ = ["FORMATS", "sample_exports"]

_MAP = {
    "Video title": "text",
    "Views": "video_views",
    "Likes": "reactions",
    "Comments added": "comments",
    "Shares": "shares",
    "Impressions": "impressions",
    "Thumbnail impressions": "impressions",
}
_ID_HEADERS = ("content", "video")
# Metrics that add up over days (Chart data -> one row per video).
_ADDITIVE = {
    "views",
    "watch time (hours)",
    "likes",
    "dislikes",
    "shares",
    "comments added",
    "subscribers",
    "subscribers gained",
    "subscribers lost",
    "impressions",
    "thumbnail impressions",
    "engaged views",
    "youtube premium views",
    "estimated revenue (usd)",
    "your estimated revenue (usd)",
}
_IDENTITY = {"video title", "video publish time", "duration"}
# Channel-level metric headers a Totals.csv may have (anything else is not Totals.csv).
_TOTALS_VOCAB = _ADDITIVE | {
    "date",
    "average view duration",
    "average percentage viewed (%)",
    "impressions click-through rate (%)",
    "thumbnail click-through rate (%)",
    "unique viewers",
    "new viewers",
    "returning viewers",
    "rpm (usd)",
    "cpm (usd)",
    "stayed to watch (%)",
    "likes (vs. dislikes) (%)",
}


def _header_cells(row: list[str]) -> list[str]:
    return [norm(c) for c in row if c.strip()]


def _id_column(columns: list[str]) -> str | None:
    return next((c for c in columns if norm(c) in _ID_HEADERS), None)


def _detect_chart(raw: RawExport) -> Found | None:
    for table in raw.tables:
        for i, row in enumerate(table.head()):
            cells = set(_header_cells(row))
            if "date" in cells and cells & set(_ID_HEADERS) and "video title" in cells:
                return Found(table, i)
    return None


def _detect_table(raw: RawExport) -> Found | None:
    for table in raw.tables:
        for i, row in enumerate(table.head()):
            cells = set(_header_cells(row))
            if (
                cells & set(_ID_HEADERS)
                and {"video title", "video publish time"} <= cells
                and "date" not in cells
            ):
                return Found(table, i)
    return None


def _detect_totals(raw: RawExport) -> Found | None:
    for table in raw.tables:
        if not table.rows:
            continue
        cells = _header_cells(table.rows[0])
        if (
            cells
            and cells[0] == "date"
            and len(cells) > 1
            and set(cells) <= _TOTALS_VOCAB
            and cells[1:] != ["primary"]
            and ({"views", "watch time (hours)", "subscribers"} & set(cells))
        ):
            return Found(table, 0)
    return None


def _publish_day(s: pd.Series) -> pd.Series:
    """``Aug 28, 2025`` -> ``2025-08-28`` (other text is left for validate to judge)."""
    text = s.fillna("").astype("str").str.strip()
    day = pd.to_datetime(text, format="%b %d, %Y", errors="coerce")
    return text.where(day.isna(), day.dt.strftime("%Y-%m-%d"))


def _videos(raw: RawExport, found: Found) -> tuple[pd.DataFrame, list[str], str]:
    df, labels = found.table.frame(found.header)
    id_col = _id_column(list(df.columns))
    df[id_col] = df[id_col].fillna("").str.strip()
    df, labels = drop_total_rows(df, labels, id_col, pattern=r"^total$")
    return df.rename(columns={id_col: "post_id"}), labels, id_col


def _finish(raw: RawExport, df: pd.DataFrame, options: Options, fmt: ExportFormat, attrs: dict):
    attrs["impressions_from"] = next(
        (c for c in df.columns if norm(c) in ("impressions", "thumbnail impressions")), None
    )
    col = next((c for c in df.columns if norm(c) == "video publish time"), None)
    if col is not None:
        df["published_at"] = _publish_day(df[col])
        df = df.drop(columns=[col])
    df = rename_columns(df, _MAP)
    df["platform"] = "youtube"
    df["brand"] = need_brand(raw, fmt, options, None)
    attrs["published_at_precision"] = "day"
    return snake_extras(df, TABLES["posts"].names)


def _read_table(raw: RawExport, found: Found, options: Options):
    df, labels, id_col = _videos(raw, found)
    attrs: dict = {"id_from": id_col}
    return _finish(raw, df, options, FORMATS[1], attrs), labels, attrs


def _number(s: pd.Series) -> pd.Series:
    t = s.fillna("").astype("str").str.strip().str.replace(",", "", regex=False)
    return pd.to_numeric(t.where(t != ""), errors="coerce")


def _read_chart(raw: RawExport, found: Found, options: Options):
    df, labels, id_col = _videos(raw, found)
    date_col = next(c for c in df.columns if norm(c) == "date")
    dates = pd.to_datetime(df[date_col].str.strip(), format="ISO8601", errors="coerce")
    row_of = pd.Series(labels, index=df.index).groupby(df["post_id"], sort=False).first()
    additive = [c for c in df.columns if norm(c) in _ADDITIVE]
    identity = [c for c in df.columns if norm(c) in _IDENTITY]
    not_summed = [c for c in df.columns if c not in [date_col, "post_id", *additive, *identity]]
    numbers = pd.DataFrame({c: _number(df[c]) for c in additive}, index=df.index)
    numbers["post_id"] = df["post_id"]
    sums = numbers.groupby("post_id", sort=False).sum(min_count=1)
    firsts = (
        df[["post_id", *identity]]
        .replace("", np.nan)
        .groupby("post_id", sort=False)
        .first()
        .fillna("")
    )
    out = firsts.join(sums).reset_index()
    out_labels = [f"{row_of[p]} (video {p})" for p in out["post_id"]]
    attrs: dict = {
        "id_from": id_col,
        "not_summed": not_summed,
        "period": (
            f"{dates.min():%Y-%m-%d}" if dates.notna().any() else None,
            f"{dates.max():%Y-%m-%d}" if dates.notna().any() else None,
        ),
        "days": int(dates.nunique()),
    }
    return _finish(raw, out, options, FORMATS[0], attrs), out_labels, attrs


def _read_totals(raw: RawExport, found: Found, options: Options):
    header = [c for c in found.table.rows[found.header] if c.strip()]
    raise ExportNotUsable(
        raw.source,
        "posts",
        [
            Problem(
                "this is YouTube Studio's Totals.csv: the channel's daily totals ("
                + ", ".join(header[1:])
                + "), with no videos; it fills no canonical table (its Subscribers are "
                "the net number gained each day, not the subscriber count that followers "
                "needs)",
                hint="for posts read Table data.csv (or Chart data.csv by video) from the "
                "same export; for followers record the daily subscriber count in followers.csv",
            )
        ],
    )


FORMATS: list[ExportFormat] = [
    ExportFormat(
        "youtube_chart", "YouTube Studio Chart data.csv", "posts", _detect_chart, _read_chart
    ),
    ExportFormat(
        "youtube_table", "YouTube Studio Table data.csv", "posts", _detect_table, _read_table
    ),
    ExportFormat(
        "youtube_totals", "YouTube Studio Totals.csv", "posts", _detect_totals, _read_totals
    ),
]
"""Chart data (posts, summed by video), Table data (posts), Totals (recognised, fills no
table)."""


# --------------------------------------------------------------------------------------------
# sample files


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
