r"""YouTube Studio advanced-mode exports (Table data, Chart data, Totals) -> posts, channel_daily.

*Analytics > Advanced mode > Export current view > Comma-separated values* writes a folder
with three files named in the UI language: ``Table data.csv``, ``Chart data.csv`` and
``Totals.csv`` (German: ``Tabellendaten``, ``Diagrammdaten``, ``Gesamtwerte``). With the
*Content* (video) dimension, the metrics of each file cover the period chosen in Studio: for
videos published within that period they are the videos' totals so far. Header spellings per
UI language, the total label and month names live in ``headers/youtube.yml``; headers are
compared without invisible characters (the German UI puts a soft hyphen, U+00AD, at every
syllable break of every header and label: ``Auf\u00adru\u00adfe``).

Mapping decisions:

- ``Table data`` (one row per video) -> ``posts`` (platform youtube). ``Content`` (older
  exports and the German UI: ``Video``) is the video id; Studio writes ids that start with
  ``-`` with a leading space (so that spreadsheets do not read them as formulas), which is
  stripped. The total row (``Total``, ``Gesamt``) is dropped, and so is a footer line such as
  ``Die 500 besten Ergebnisse werden angezeigt`` (Studio lists at most 500 rows: a
  :class:`~smmnb.errors.DataWarning` says the file holds only the top rows, and
  ``attrs["footer"]`` keeps the line). ``Video title`` -> text, ``Views`` -> video_views,
  ``Likes`` -> reactions, ``Comments added`` -> comments, ``Shares`` -> shares,
  ``Impressions`` or (current exports) ``Thumbnail impressions`` -> impressions (the header
  used is in ``attrs["impressions_from"]``). ``Duration`` (seconds), ``Watch time (hours)``,
  ``Subscribers`` (net subscribers gained from the video), the click-through rate and every
  other column are kept as extras named after their English field (``watch_time_hours``,
  whatever the UI language). A video without a publish time (private, never published) is
  kept with an empty ``published_at`` and a DataWarning: its views count in the file's
  totals, but it falls outside every period.
- ``published_at``: ``Video publish time`` is a day (``Aug 28, 2025``; the German UI writes
  it in English too; ``19.08.2011`` and localised month names are read as well) without a
  time, read as local midnight in ``timezone`` (``attrs["published_at_precision"] = "day"``).
- ``format`` is left empty: the export does not say whether a video is a Short, and guessing it
  from the duration would be wrong for short long-form videos.
- ``Totals`` (the channel's daily totals: ``Date``, ``Views``, maybe ``Watch time (hours)``,
  ``Subscribers``...), and a ``Chart data`` exported with no dimension (the same columns), ->
  ``channel_daily``: ``Views`` -> views, ``Impressions`` -> impressions, ``Likes`` -> likes,
  ``Comments added`` -> comments, ``Shares`` -> shares, ``Subscribers gained`` / ``lost`` ->
  followers_gained / followers_lost, ``Unique viewers`` -> reach. ``Subscribers`` alone is the
  net number gained each day, not gains: it is kept as the extra ``subscribers``. A daily
  figure below zero (likes taken back) is kept as ``<name>_net`` with a DataWarning.
- ``Chart data`` with the Content dimension (one row per video and day) holds the daily
  figures of the few videos drawn on the chart (Studio draws the top five by default), not the
  channel's: no canonical table holds a daily series per video, and its totals repeat Table
  data. It is refused (:class:`~smmnb.errors.ExportNotUsable`) with a sentence that names the
  videos it holds and says to read Table data (posts) and Totals (channel_daily). A
  ``Total`` line in it, if Studio wrote one, is the channel's and fills ``channel_daily``.
  Table data or Chart data by another dimension (traffic source, geography...) are refused the
  same way, asking for the Content dimension. A file whose rows are plainly Studio's (video
  ids, publish days) under headers in a language ``headers/youtube.yml`` does not list yet is
  refused with a sentence that says so and names its headers.
- The brand is ``brand=``; Studio exports do not name the channel.
"""

from __future__ import annotations

import datetime
import functools
import re
import unicodedata
import warnings
from importlib import resources

import pandas as pd

from smmnb import i18n
from smmnb.errors import ExportNotUsable, Problem
from smmnb.i18n import _
from smmnb.io.exports._base import (
    ExportFormat,
    Found,
    Options,
    RawExport,
    need_brand,
    norm,
    snake_extras,
)
from smmnb.schema import TABLES, DataWarning

__all__ = ["FORMATS", "key", "publish_day", "spellings"]

_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"), None)
_ID = ("content",)
# What a video row maps to in posts, and the channel's daily figures in channel_daily.
_POSTS = {
    "video_title": "text",
    "views": "video_views",
    "likes": "reactions",
    "comments_added": "comments",
    "shares": "shares",
}
_CHANNEL = {
    "views": "views",
    "likes": "likes",
    "comments_added": "comments",
    "shares": "shares",
    "subscribers_gained": "followers_gained",
    "subscribers_lost": "followers_lost",
    "unique_viewers": "reach",
}
_IMPRESSIONS = ("impressions", "thumbnail_impressions")
# Fields that are the channel's or a video's metrics (a Totals header has nothing else).
_METRICS = {
    "views",
    "watch_time_hours",
    "subscribers",
    "subscribers_gained",
    "subscribers_lost",
    "impressions",
    "impressions_click_through_rate",
    "thumbnail_impressions",
    "thumbnail_click_through_rate",
    "likes",
    "dislikes",
    "likes_vs_dislikes",
    "comments_added",
    "shares",
    "average_view_duration",
    "average_percentage_viewed",
    "stayed_to_watch",
    "unique_viewers",
    "new_viewers",
    "returning_viewers",
    "engaged_views",
    "youtube_premium_views",
    "estimated_revenue_usd",
    "your_estimated_revenue_usd",
    "rpm_usd",
    "cpm_usd",
}
_CORE = {"views", "watch_time_hours", "subscribers"}
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_DOTTED = re.compile(r"^(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})$")
_VI = re.compile(r"^(\d{1,2})\s+(?:thg|tháng)\s*(\d{1,2}),?\s+(?:năm\s+)?(\d{4})$")
_YOUTUBE_ID = re.compile(r"^-?[A-Za-z0-9_-]{10,12}$")


# --------------------------------------------------------------------------------------------
# spellings (headers/youtube.yml)


def _clean(text: object) -> str:
    """Text as written, without invisible marks (soft hyphens, zero-width spaces, BOM)."""
    return unicodedata.normalize("NFKC", str(text)).translate(_INVISIBLE).strip()


def key(text: object) -> str:
    """A header or label compared loosely: :func:`norm` after NFKC, without invisible marks."""
    return norm(_clean(text))


@functools.cache
def spellings() -> dict:
    """``headers/youtube.yml`` as read."""
    import yaml

    path = resources.files("smmnb.io.exports") / "headers" / "youtube.yml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@functools.cache
def _fields() -> dict[str, tuple[str, str]]:
    """``key(spelling) -> (field, language)``, the first language listed winning."""
    out: dict[str, tuple[str, str]] = {}
    for field, languages in spellings()["columns"].items():
        for language, words in (languages or {}).items():
            for word in words or []:
                out.setdefault(key(word), (str(field), str(language)))
    return out


@functools.cache
def _totals() -> frozenset[str]:
    return frozenset(key(w) for words in spellings()["total"].values() for w in words)


@functools.cache
def _months() -> dict[str, int]:
    out: dict[str, int] = {}
    for months in spellings()["months"].values():
        for number, names in enumerate(months, start=1):
            for name in names:
                out.setdefault(key(name).rstrip("."), number)
    return out


def _field(cell: object) -> str | None:
    got = _fields().get(key(cell))
    return got[0] if got else None


def _language(row: list[str]) -> str:
    """The UI language of a header row: the one whose spellings it uses most (English first)."""
    votes: dict[str, int] = {}
    for cell in row:
        k = key(cell)
        for languages in spellings()["columns"].values():
            for language, words in (languages or {}).items():
                if any(key(w) == k for w in words or []):
                    votes[language] = votes.get(language, 0) + 1
    return max(votes, key=lambda lang: (votes[lang], lang == "en")) if votes else "en"


def _file_name(kind: str, language: str) -> str:
    names = spellings()["files"][kind]
    english = f"{names['en']}.csv"
    local = names.get(language)
    return english if not local or local == names["en"] else f"{local}.csv ({english})"


# --------------------------------------------------------------------------------------------
# cells


def publish_day(text: object) -> str | None:
    """``Aug 28, 2025`` (and ``19.08.2011``, ``19. Aug. 2011``, ``2025-08-28``) -> ISO, or None.

    Never raises.

    Examples
    --------
    >>> publish_day("Aug 28, 2025"), publish_day("19. März 2011"), publish_day("Total")
    ('2025-08-28', '2011-03-19', None)
    """
    try:
        return _publish_day(text)
    except Exception:  # noqa: BLE001 - an unreadable day is None
        return None


def _publish_day(text: object) -> str | None:
    t = re.sub(r"\s+", " ", key(text))
    if not t or len(t) > 40:
        return None
    year = month = day = None
    for pattern, order in ((_ISO, "ymd"), (_DOTTED, "dmy"), (_VI, "dmy")):
        m = pattern.match(t)
        if m:
            parts = dict(zip(order, map(int, m.groups()), strict=True))
            year, month, day = parts["y"], parts["m"], parts["d"]
            break
    else:
        words = re.findall(r"[^\W\d_]+\.?|\d+", t)
        names = [w.rstrip(".") for w in words if not w.isdigit()]
        names = [w for w in names if w not in {key(x) for x in spellings()["date_words"]}]
        numbers = [int(w) for w in words if w.isdigit()]
        if len(names) != 1 or names[0] not in _months() or len(numbers) != 2:
            return None
        years = [n for n in numbers if n >= 1000]
        days = [n for n in numbers if n < 1000]
        if len(years) != 1 or len(days) != 1:
            return None
        year, month, day = years[0], _months()[names[0]], days[0]
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def _number(s: pd.Series) -> pd.Series:
    t = s.fillna("").astype("str").str.strip().str.replace(",", "", regex=False)
    return pd.to_numeric(t.where(t != ""), errors="coerce")


# --------------------------------------------------------------------------------------------
# detection


def _row_fields(row: list[str]) -> list[str | None]:
    return [_field(c) if str(c).strip() else "" for c in row]


def _next_row(rows: list[list[str]], i: int) -> list[str]:
    return next((r for r in rows[i + 1 :] if any(str(c).strip() for c in r)), [])


def _shape(rows: list[list[str]], i: int) -> str | None:
    """What a header row at ``i`` is: ``table``, ``chart``, ``totals``, ``other`` or None."""
    row = rows[i]
    fields = [f for f in _row_fields(row) if f != ""]
    known = {f for f in fields if f}
    if len(fields) < 2:
        return None
    if known & set(_ID) and {"video_title", "video_publish_time"} <= known and "date" not in known:
        return "table"
    if fields[0] == "date" and known & set(_ID):
        return "chart"
    metrics = known & _METRICS
    if fields[0] == "date" and i == 0:
        first = _next_row(rows, i)
        day = publish_day(first[0]) if first else None
        if day and metrics & _CORE:
            if all(f in _METRICS for f in fields[1:]):
                return "totals"
            if fields[1] is None and all(f in _METRICS for f in fields[2:]):
                return "other"  # Chart data by another dimension
    if fields[0] is None and len(metrics) >= 2 and metrics & _CORE:
        if all(f in _METRICS for f in fields[1:]):
            first = _next_row(rows, i)
            if first and key(first[0]) in _totals():
                return "other"  # Table data by another dimension
    return None


def _studio_like(rows: list[list[str]], i: int) -> bool:
    """Headers in a language smmnb does not know, over rows that are YouTube Studio's.

    The rows below (after a total row) start with video ids (11 characters of letters,
    digits, ``-`` and ``_``; a leading space before a ``-``) and carry a publish day
    (``Aug 19, 2011``) in the same column: at least three rows, and four in five of them.
    """
    header = rows[i]
    if len(header) < 4 or any(_field(c) for c in header if str(c).strip()):
        return False
    body = [r for r in rows[i + 1 :] if any(str(c).strip() for c in r)]
    if body and not _YOUTUBE_ID.match(str(body[0][0]).strip()):
        body = body[1:]  # the total row, in that language
    body = [r for r in body if len(r) == len(header)]
    if len(body) < 3:
        return False
    ids = [str(r[0]).strip() for r in body]
    looks = [
        len(x) == 11 and _YOUTUBE_ID.match(x) and re.search("[A-Z]", x) and re.search("[a-z]", x)
        for x in ids
    ]
    if sum(bool(x) for x in looks) < max(3, 0.8 * len(body)):
        return False
    days = [sum(publish_day(r[c]) is not None for r in body) for c in range(1, len(header))]
    return max(days, default=0) >= 0.8 * len(body)


def _detector(shapes: set[str]):
    def detect(raw: RawExport) -> Found | None:
        try:
            for table in raw.tables:
                rows = table.head()
                for i in range(len(rows)):
                    shape = _shape(rows, i)
                    if shape is None and i == 0 and "unknown" in shapes and _studio_like(rows, i):
                        shape = "unknown"
                    if shape in shapes:
                        return Found(table, i, {"shape": shape})
                    if shape is not None:
                        break
        except Exception:  # noqa: BLE001 - a sniffer says no, it never throws
            return None
        return None

    return detect


# --------------------------------------------------------------------------------------------
# reading


def _frame(found: Found) -> tuple[pd.DataFrame, list[str], dict[str, str]]:
    """Rows below the header, known columns renamed to their field (first one wins)."""
    df, labels = found.table.frame(found.header)
    names: list[str] = []
    headers: dict[str, str] = {}
    for col in df.columns:  # by position: a header may appear twice
        field = _field(col)
        if field is not None and field not in headers:
            headers[field] = _clean(col)
            name = field
        else:
            name = _clean(col) or "column"
        base, n = name, 2
        while name in names:
            name, n = f"{base} ({n})", n + 1
        names.append(name)
    df.columns = names
    return df, labels, headers


def _keep(df: pd.DataFrame, labels: list[str], keep) -> tuple[pd.DataFrame, list[str]]:
    keep = [bool(k) for k in keep]
    rows = [i for i, k in enumerate(keep) if k]
    return df.iloc[rows].reset_index(drop=True), [labels[i] for i in rows]


def _drop_footer(raw: RawExport, df: pd.DataFrame, labels: list[str], first: str):
    """Drop one-cell lines that are not ids (``Die 500 besten Ergebnisse werden angezeigt``)."""
    others = [c for c in df.columns if c != first]
    cell = df[first].fillna("").astype("str").map(_clean)
    lone = df[others].isna().all(axis=1) if others else pd.Series(True, index=df.index)
    footer = (lone & cell.str.contains(r"\s") & ~cell.str.match(_YOUTUBE_ID)).to_numpy()
    lines = [str(x) for x in cell[footer]]
    if lines:
        warnings.warn(
            _(
                "{file}: YouTube Studio says '{footer}': the file holds only the rows it shows "
                "(its total row counts the rest too)"
            ).format(file=raw.source, footer=lines[0]),
            DataWarning,
            stacklevel=4,
        )
        df, labels = _keep(df, labels, ~footer)
    return df, labels, lines


def _videos(raw: RawExport, found: Found):
    df, labels, headers = _frame(found)
    df["content"] = df["content"].fillna("").astype("str").str.strip()
    total = (df["content"].map(key).isin(_totals()) | (df["content"] == "")).to_numpy()
    df, labels = _keep(df, labels, ~total)
    df, labels, footer = _drop_footer(raw, df, labels, "content")
    return df, labels, headers, footer


def _read_table(raw: RawExport, found: Found, options: Options):
    df, labels, headers, footer = _videos(raw, found)
    attrs: dict = {"id_from": headers.get("content"), "footer": footer[0] if footer else None}
    df = df.rename(columns={"content": "post_id"})
    impressions = next((f for f in _IMPRESSIONS if f in df.columns), None)
    if impressions is not None:
        df = df.rename(columns={impressions: "impressions"})
    attrs["impressions_from"] = headers.get(impressions) if impressions else None
    if "video_publish_time" in df.columns:
        text = df["video_publish_time"].fillna("").astype("str").str.strip()
        df["published_at"] = [publish_day(t) or t for t in text]
        df = df.drop(columns=["video_publish_time"])
        unpublished = (text == "").to_numpy()
        attrs["unpublished"] = int(unpublished.sum())
        if unpublished.any():
            views = _number(df.loc[unpublished, "views"]) if "views" in df else pd.Series([])
            warnings.warn(
                _(
                    "{file}: {count} video(s) have no publish time (private or never published: "
                    "Studio writes none); kept with their {views} view(s), which count in the "
                    "file's totals, but a video without a publish day falls outside every period "
                    "and every time-of-day analysis"
                ).format(
                    file=raw.source,
                    count=int(unpublished.sum()),
                    views=i18n.integer(int(views.sum())),
                ),
                DataWarning,
                stacklevel=4,
            )
    df = df.rename(columns=_POSTS)
    df["platform"] = "youtube"
    df["brand"] = need_brand(raw, FORMATS[0], options, None)
    attrs["published_at_precision"] = "day"
    return snake_extras(df, TABLES["posts"].names), labels, attrs


def _channel_frame(raw: RawExport, df, labels, headers, options, fmt, attrs):
    text = df["date"].fillna("").astype("str").str.strip()
    total = text.map(key).isin(_totals()).to_numpy()
    df, labels = _keep(df, labels, ~total)
    df["date"] = [publish_day(t) or t for t in df["date"].fillna("").astype("str").str.strip()]
    impressions = next((f for f in _IMPRESSIONS if f in df.columns), None)
    if impressions is not None:
        df = df.rename(columns={impressions: "impressions"})
        attrs["impressions_from"] = headers.get(impressions)
    for field, column in _CHANNEL.items():
        if field not in df.columns:
            continue
        below = int((_number(df[field]) < 0).sum())
        if below:
            df = df.rename(columns={field: f"{column}_net"})
            warnings.warn(
                _(
                    "{file}: the daily {header} fall below zero on {count} day(s) (taken back); "
                    "kept as {net}, not as {column}"
                ).format(
                    file=raw.source,
                    header=headers.get(field, field),
                    count=below,
                    net=f"{column}_net",
                    column=column,
                ),
                DataWarning,
                stacklevel=4,
            )
        else:
            df = df.rename(columns={field: column})
    df["platform"] = "youtube"
    df["brand"] = need_brand(raw, fmt, options, None)
    return snake_extras(df, TABLES["channel_daily"].names), labels, attrs


def _read_totals(raw: RawExport, found: Found, options: Options):
    df, labels, headers = _frame(found)
    return _channel_frame(raw, df, labels, headers, options, FORMATS[1], {})


def _short(title: str, limit: int = 40) -> str:
    title = " ".join(title.split())
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


def _refuse(raw: RawExport, message: str, hint: str) -> ExportNotUsable:
    return ExportNotUsable(raw.source, None, [Problem(message, hint=hint)])


def _read_chart(raw: RawExport, found: Found, options: Options):
    language = _language(found.table.rows[found.header])
    chart, table, totals = (_file_name(k, language) for k in ("chart", "table", "totals"))
    if found.notes.get("shape") == "unknown":
        header = [_clean(c) for c in found.table.rows[found.header] if str(c).strip()]
        raise _refuse(
            raw,
            _(
                "this looks like a YouTube Studio export (video ids and publish days) whose "
                "headers are in a UI language smmnb does not know yet ({headers})"
            ).format(headers=", ".join(header[:6])),
            _(
                "export it again with YouTube Studio in English, or add these headers to "
                "smmnb/io/exports/headers/youtube.yml"
            ),
        )
    if found.notes.get("shape") == "other":
        header = [_clean(c) for c in found.table.rows[found.header] if str(c).strip()]
        dimension = header[1] if _field(header[0]) == "date" else header[0]
        kind = chart if _field(header[0]) == "date" else table
        raise _refuse(
            raw,
            _(
                "this is YouTube Studio's {kind} by {dimension}, not by video: figures by "
                "{dimension_lower} fill no canonical table"
            ).format(kind=kind, dimension=dimension, dimension_lower=dimension.lower()),
            _(
                "export Advanced mode again with the Content dimension and read its {table} "
                "(posts) and {totals} (channel_daily)"
            ).format(table=table, totals=totals),
        )
    df, labels, headers = _frame(found)
    ids = df["content"].fillna("").astype("str").str.strip()
    is_total = ids.map(key).isin(_totals()).to_numpy()
    if is_total.any():  # the channel's line, if Studio drew one
        rows, row_labels = _keep(df, labels, is_total)
        rows = rows.drop(columns=[c for c in ("content", "video_title") if c in rows.columns])
        rows = rows.drop(columns=[c for c in ("video_publish_time", "duration") if c in rows])
        attrs = {"videos_not_read": int(ids[~is_total].replace("", pd.NA).nunique())}
        return _channel_frame(raw, rows, row_labels, headers, options, FORMATS[2], attrs)
    videos = list(dict.fromkeys(i for i in ids if i))
    titles = df.get("video_title", pd.Series("", index=df.index)).fillna("").astype("str")
    first = {i: t for i, t in zip(ids, titles, strict=True) if i}
    named = ", ".join(f"'{_short(first[v])}'" if first.get(v) else v for v in videos[:3])
    if len(videos) > 3:
        named = _("{names} and {count} more").format(names=named, count=len(videos) - 3)
    dates = df["date"].fillna("").astype("str").str.strip() if "date" in df else pd.Series([])
    days = sorted({publish_day(d) for d in dates if publish_day(d)})
    fields = {"chart": chart, "count": len(videos), "names": named, "table": table}
    if days:  # the reason is shown in the data check, in the report language
        english = i18n.get_language() == "en"
        reason = _(
            "this is YouTube Studio's {chart}: the daily figures from {first} to {last} of the "
            "{count} video(s) drawn on the chart ({names}), not of the whole channel; no "
            "canonical table holds a daily series per video, and their totals repeat {table}"
        ).format(first=days[0] if english else i18n.date(days[0]),
                 last=days[-1] if english else i18n.date(days[-1]), **fields)  # fmt: skip
    else:
        reason = _(
            "this is YouTube Studio's {chart}: the daily figures of the {count} video(s) drawn "
            "on the chart ({names}), not of the whole channel; no canonical table holds a daily "
            "series per video, and their totals repeat {table}"
        ).format(**fields)
    raise _refuse(
        raw,
        reason,
        _(
            "for each video read {table} of the same download (posts), for the channel's daily "
            "figures {totals} (channel_daily)"
        ).format(table=table, totals=totals),
    )


FORMATS: list[ExportFormat] = [
    ExportFormat(
        "youtube_table",
        "YouTube Studio Table data.csv",
        "posts",
        _detector({"table"}),
        _read_table,
    ),
    ExportFormat(
        "youtube_totals",
        "YouTube Studio Totals.csv",
        "channel_daily",
        _detector({"totals"}),
        _read_totals,
    ),
    ExportFormat(
        "youtube_chart",
        "YouTube Studio Chart data.csv",
        "channel_daily",
        _detector({"chart", "other", "unknown"}),
        _read_chart,
    ),
]
"""Table data (posts), Totals and Chart data without a dimension (channel_daily), Chart data by
video (its Total line, if any, to channel_daily; else refused) and Table or Chart data by
another dimension (refused)."""
