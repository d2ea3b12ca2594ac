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

__all__ = ["FORMATS"]

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
