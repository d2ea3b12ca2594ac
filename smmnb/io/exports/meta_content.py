"""Meta's organic exports: Business Suite content and page series, legacy Page Insights.

Five formats, recognised from their content (never their name); header spellings per
interface language live in ``headers/meta_content.yml``:

``meta_content`` -> ``posts``
    Business Suite's *Insights > Content > Export data* (2024-2026): one row per post with
    lifetime totals, for a Facebook Page (``Page ID``, ``Page name``, ``Reactions``...) or an
    Instagram account (``Account ID``, ``Account username``, ``Likes``, ``Saves``...). UTF-8
    with a BOM, captions quoted over several lines, ``Date`` = ``Lifetime``, ``N/A`` cells;
    the column set changes between months, so a file is recognised by a few columns.
``meta_page_series`` -> ``channel_daily``
    Business Suite's daily page series (``Reach.csv``, ``Follows.csv``, ``Views.csv``,
    ``Visits.csv``, ``Interactions.csv``): UTF-16 with a ``sep=,`` line, a line naming the
    metric, then ``Date``/``Primary`` and one row per day.
``meta_insights_posts`` -> ``posts``
    Legacy Page Insights *Export data*, post level (2012-2018): a description row under the
    header, ``Posted`` with 12-hour AM/PM times.
``meta_insights_page`` -> ``channel_daily``
    Legacy Page Insights, page level: one row per day, ~650 daily/weekly/28-day columns,
    a description row, often Latin-1, ``M/D/YYYY`` dates.
``meta_audience`` (recognised, refused)
    Business Suite's ``Audience.csv``: stacked blocks of percentages (age and gender, top
    countries and cities) that fill no table; :class:`~smmnb.errors.ExportNotUsable` says
    which downloads to use instead.

Mapping decisions, Business Suite content:

- ``post_id`` is ``Post ID`` as written (``pageid_postid`` on Facebook, a number on
  Instagram), so that a post also present in the canonical tables has the same key.
- ``platform``: a row is instagram when its ``Post type`` starts with ``IG`` (``IG reel``,
  ``IG image``, ``IG carousel``, ``IG story``). Rows with no post type follow the file: an
  Instagram file is one with an IG-only column (``Account username`` or ``Saves``) and no
  Facebook-only one (``Page ID``, ``Page name``, ``Reactions``); everything else is facebook.
- ``format`` from ``Post type`` (:data:`POST_TYPES`); anything else is kept in lower case.
- ``published_at`` is ``Publish time`` (``MM/DD/YYYY HH:MM``), local time of the account, so
  pass ``timezone=``. Month first is forced, unless a value can only be read day first
  (a first number above 12), which happens with some non-US interface languages.
- ``views`` keeps ``Views`` as reported. ``impressions`` is ``Impressions`` where the file has
  it, else ``Views`` (Meta's 2025 replacement of impressions); ``attrs["impressions_from"]``
  says which. When a header appears twice (``Views`` in some 2025 Facebook files), the first
  column is the one read; the second is kept as ``views_2`` and ``attrs["duplicate_headers"]``
  names it; nothing is overwritten.
- ``reach`` is ``Reach``, else the raw key ``IMPRESSION:UNIQUE_USERS`` (people reached).
- ``reactions`` is ``Reactions`` (Facebook) or ``Likes`` (Instagram); ``clicks`` is ``Link
  clicks`` (``Total clicks`` is kept as ``total_clicks``), as in
  :mod:`smmnb.io.exports.meta_ads`; ``video_views`` is ``3-second video views`` when present.
- ``text`` is the longer of ``Description`` and ``Title`` (Facebook puts the caption in either,
  depending on the post type); both are also kept, as ``description`` and ``platform_title``.
- ``brand`` is ``brand=``, else ``Page name`` / ``Account name``.
- The platform's other columns are kept in snake case, among them
  ``reactions_comments_and_shares``, ``follows``, ``duration_sec`` (from ``Duration (sec)`` or
  ``(secs)``), ``permalink`` and ``platform_date`` (``Lifetime``).
- ``url`` is ``Permalink`` (the post's link; the legacy post export's too).

Page series: ``date`` is the day of each timestamp rounded to the nearest midnight, so that a
file whose times move from ``T01:00`` to ``T00:00`` when daylight saving time ends (or to
``T23:00`` of the day before) gives each day once. The metric line names the column
(``Reach`` -> reach, ``Follows`` -> followers_gained, ``Views`` -> views, ``Visits`` ->
profile_views, ``Content interactions`` -> engagements, ``Viewers`` -> reach, the name Meta gave
reach in 2025); only ``Primary`` (the account) is read, a comparison column is not. The platform
is the one the metric line names (``Facebook follows``), else the one the file name names
(``instagram``/``ig``, ``facebook``/``fb``), else facebook, and ``attrs["platform_from"]``
says so (with a :class:`~smmnb.errors.DataWarning`). The file carries no page name: pass
``brand=``.

Legacy Page Insights: the description row is skipped; the page name comes from the file name
(``Facebook Insights Data Export - <Page> - <start> - <end>.csv``). A header written twice
(``Daily Logged-in Page Views`` as a count and as a number of people) is told apart by the
description row: the count is read. Posts: ``Lifetime Post Total Reach`` -> reach,
``Lifetime Post Total Impressions`` -> impressions, ``Lifetime Post Stories by action type``
like/comment/share -> reactions/comments/shares, ``Lifetime Post Consumptions by type - link
clicks`` -> clicks, ``Post Message`` -> text, ``Type`` -> format. Page: ``Daily Total Reach`` ->
reach, ``Daily Total Impressions`` -> impressions, ``Daily New Likes`` -> followers_gained and
``Daily Unlikes`` -> followers_lost (a Page's likes were its followers then), ``Daily
Logged-in Page Views`` -> profile_views; ``Lifetime Total Likes``, ``Daily Page Engaged
Users`` and ``Daily Total Video Views`` are kept under their own names. A page-level export
without any of those daily columns is refused.
"""

from __future__ import annotations

import functools
import re
import warnings
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from smmnb.errors import ExportNotUsable, Problem, SchemaError
from smmnb.i18n import _
from smmnb.io.exports._base import (
    ExportFormat,
    Found,
    Options,
    RawExport,
    Table,
    drop_total_rows,
    need_brand,
    norm,
    rename_columns,
    snake,
    snake_extras,
)
from smmnb.schema import TABLES, DataWarning, parse_numbers

__all__ = [
    "AUDIENCE",
    "FORMAT",
    "FORMATS",
    "HEADERS",
    "LEGACY_PAGE",
    "LEGACY_POSTS",
    "PAGE_SERIES",
    "POST_TYPES",
    "platform_of",
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
    "shared video": "video",
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
"""Meta ``Post type`` / legacy ``Type`` (lower case) -> canonical ``format``."""


# --------------------------------------------------------------------------------------------
# header spellings (headers/meta_content.yml)


def _load_headers() -> dict:
    import yaml

    text = (
        resources.files("smmnb.io.exports")
        .joinpath("headers/meta_content.yml")
        .read_text(encoding="utf-8")
    )
    return yaml.safe_load(text)


HEADERS: dict = _load_headers()
"""The spellings file as read: section -> name -> language -> list of spellings."""


def _spellings(section: dict) -> dict[str, str]:
    """``norm(spelling) -> name`` for every language of a section."""
    out: dict[str, str] = {}
    for name, languages in section.items():
        for words in (languages or {}).values():
            for word in words or []:
                out.setdefault(norm(word), str(name))
    return out


_POSTS = _spellings(HEADERS["posts"])
_LEGACY_POSTS = _spellings(HEADERS["legacy_posts"])
_LEGACY_PAGE = _spellings(HEADERS["legacy_page"])
_SERIES_HEADER = _spellings(HEADERS["page_series"]["header"])
_SERIES_PLATFORMS = _spellings(HEADERS["page_series"]["platforms"])
_SERIES_METRICS = _spellings(HEADERS["page_series"]["metrics"])
_SERIES_OTHER = _spellings(HEADERS["page_series"]["other"])
_AUDIENCE_BLOCKS = _spellings({"block": HEADERS["audience"]["blocks"]})


def _english(cell: object, spellings: dict[str, str]) -> str:
    """The English header for ``cell`` (any language in ``spellings``), else ``cell``."""
    text = str(cell)
    return spellings.get(norm(text), text.replace("\ufeff", "").strip())


def _names(row: list[str], spellings: dict[str, str]) -> set[str]:
    return {_english(c, spellings) for c in row}


def _total(detect):
    """A sniffer that answers no instead of raising, whatever the file holds."""

    @functools.wraps(detect)
    def wrapper(raw: RawExport) -> Found | None:
        try:
            return detect(raw)
        except Exception:  # noqa: BLE001 - a sniffer that cannot decide says no
            return None

    return wrapper


def _unique(names: list[str], notes: list[str] | None = None) -> tuple[list[str], list[str]]:
    """Headers made unique without losing any: a repeat becomes ``"Views (2)"``.

    ``notes`` (a legacy export's description row) tell repeats apart where they can: a repeat
    whose description ends in ``(Unique Users)`` becomes ``"... (Unique Users)"``.
    Returns the new names and the headers that were repeated.
    """
    seen: dict[str, int] = {}
    out, repeated = [], []
    for i, name in enumerate(names):
        key = norm(name)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] == 1:
            out.append(name)
            continue
        if name.strip() and name not in repeated:
            repeated.append(name)
        note = notes[i] if notes and i < len(notes) else ""
        m = re.search(r"\(([^()]*)\)\s*$", note or "")
        candidate = f"{name} ({m.group(1)})" if m else ""
        if not candidate or norm(candidate) in seen:
            candidate = f"{name} ({seen[key]})"
        while norm(candidate) in seen:
            candidate += "'"
        seen[norm(candidate)] = 1
        out.append(candidate)
    return out, repeated


def _counts(values: pd.Series) -> pd.Series:
    """Numbers as Meta writes them (``1,234``, ``N/A``, empty), NaN where not a number."""
    parsed, _bad = parse_numbers(values.astype("object"))
    return parsed


def _permalinks(values: pd.Series) -> pd.Series:
    """A post's ``url`` from its ``Permalink`` (kept as written too): the cell, stripped."""
    text = values.astype("object").where(values.notna(), "").astype("str").str.strip()
    return text.where(text != "")


def _extras(df: pd.DataFrame, ids: tuple[str, ...] = ()) -> pd.DataFrame:
    """The platform's other columns in snake case (:func:`snake_extras`), with two repairs.

    Id columns (``Page ID``, ``Account ID``) stay text as written: a 17-digit Instagram id
    does not survive a float. Number columns whose values are all whole become integers.
    """
    kept = {name: df.pop(name) for name in ids if name in df.columns}
    df = snake_extras(df, TABLES["posts"].names)
    extras = [c for c in df.columns if c not in TABLES["posts"].names and c != "views"]
    for name in extras:
        column = df[name]
        if pd.api.types.is_float_dtype(column):
            filled = column.dropna()
            if (filled == filled.round()).all() and (filled.abs() < 2**53).all():
                df[name] = column.round().astype("Int64")
    for name, values in kept.items():
        df[snake(name)] = values.astype("str").where(values.notna())
    return df


# --------------------------------------------------------------------------------------------
# Business Suite content export -> posts

_ACCOUNT = ("Page name", "Account name")
_ID_COLUMNS = ["Page ID", "Page name", "Account ID", "Account name", "Account username"]
_IG_ONLY = {"account username", "saves"}
_FB_ONLY = {"page id", "page name", "reactions"}
_MAP = {
    "Post ID": "post_id",
    "Publish time": "published_at",
    "Comments": "comments",
    "Shares": "shares",
    "Saves": "saves",
    "Link clicks": "clicks",
    "3-second video views": "video_views",
}


def platform_of(post_types: pd.Series, columns: list[str]) -> pd.Series:
    """Each row's platform from its ``Post type`` and the file's columns (see module notes).

    Parameters
    ----------
    post_types : pandas.Series
        The ``Post type`` cells (text, possibly empty).
    columns : list of str
        The file's header (English names).

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


def _is_content_header(row: list[str]) -> bool:
    names = _names(row, _POSTS)
    return (
        {"Post ID", "Publish time"} <= names
        and bool(names & {"Permalink", "Post type"})
        and bool(names & set(_ID_COLUMNS) or names & {"Reach", "Views", "Impressions"})
    )


@_total
def _detect(raw: RawExport) -> Found | None:
    for table in raw.tables:
        for i, row in enumerate(table.head()):
            if _is_content_header(row):
                return Found(table, i)
    return None


def _dayfirst(values: pd.Series) -> bool:
    """Month first, unless some value can only be read day first."""
    parts = values.fillna("").astype("str").str.extract(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-]\d{4}")
    parts = parts.dropna().astype(int)
    return bool((parts[0] > 12).any() and not (parts[1] > 12).any())


def _frame(table: Table, header: int, spellings: dict[str, str], notes=None):
    """The rows under ``header`` with English, unique column names (see :func:`_unique`)."""
    df, labels = table.frame(header)
    english = [_english(c, spellings) for c in df.columns]
    names, repeated = _unique(english, notes)
    df.columns = names
    return df, labels, repeated


def _counted(df: pd.DataFrame, name: str, notes: list[str] | None, count_words) -> str | None:
    """The column that ``name`` is read from.

    Of a header written twice, the one whose description says it is a count (``(Total
    Count)``) rather than a number of people; else the first.
    """
    base = [i for i, c in enumerate(df.columns) if c == name or c.startswith(name + " (")]
    if not base:
        return None
    if notes:
        for i in base:
            note = norm(notes[i]) if i < len(notes) else ""
            if any(word in note for word in count_words):
                return df.columns[i]
    return name if name in df.columns else df.columns[base[0]]


def _refuse_daily_values(raw: RawExport, df: pd.DataFrame) -> None:
    """Refuse a content export with daily values (a post on several rows, ``Date`` a day).

    One row per post would need its reach added up over days, which reach does not allow.
    """
    if "Date" not in df.columns:
        return
    dated = df["Date"].fillna("").astype("str").str.match(r"^\s*\d")
    repeated = df["Post ID"].duplicated(keep=False)
    if not (dated & repeated).any():
        return
    days = df.loc[dated, "Date"].astype("str").str.strip()
    raise ExportNotUsable(
        raw.source,
        "posts",
        [
            Problem(
                _(
                    "this Meta Business Suite content export has daily values (a post on one "
                    "row per day, Date {first} ... {last}); posts needs each post once with its "
                    "lifetime totals, and reach cannot be added up over days"
                ).format(first=days.iloc[0], last=days.iloc[-1]),
                hint=_("export the content again choosing lifetime values (Date = Lifetime)"),
            )
        ],
    )


def _read(raw: RawExport, found: Found, options: Options):
    df, labels, repeated = _frame(found.table, found.header, _POSTS)
    df, labels = drop_total_rows(df, labels, "Post ID", pattern=r"^total\b")
    _refuse_daily_values(raw, df)
    header = list(df.columns)

    account = None
    for name in _ACCOUNT:
        if name in df.columns:
            named = df[name].fillna("").astype("str").str.strip()
            named = named[named != ""]
            if not named.empty:
                account = str(named.iloc[0])
                break
    brand = need_brand(raw, FORMAT, options, account)

    kind = df["Post type"] if "Post type" in df.columns else pd.Series("", index=df.index)
    platform = platform_of(kind, header)
    key = kind.fillna("").astype("str").str.strip().str.lower()
    fmt = key.map(POST_TYPES).fillna(key.str.replace(r"^ig\s+", "", regex=True))

    texts = [df[n].fillna("").astype("str") for n in ("Description", "Title") if n in df.columns]
    if texts:
        text = texts[0]
        for other in texts[1:]:
            text = text.where(text.str.len() >= other.str.len(), other)
        df["text"] = text.where(text.str.strip() != "")

    renames = {}
    if "Views" in df.columns:
        df["views"] = _counts(df["Views"])
    if "Impressions" in df.columns:
        renames["Impressions"] = "impressions"
        impressions_from = "Impressions"
    elif "Views" in df.columns:
        df["impressions"] = df["views"]
        impressions_from = "Views"
    else:
        impressions_from = None
    if "Reach" in df.columns:
        renames["Reach"] = "reach"
    elif "IMPRESSION:UNIQUE_USERS" in df.columns:
        renames["IMPRESSION:UNIQUE_USERS"] = "reach"
    if "Reactions" in df.columns:
        renames["Reactions"] = "reactions"
    elif "Likes" in df.columns:
        renames["Likes"] = "reactions"
    df = df.rename(columns=renames)
    df = rename_columns(df, _MAP)
    df = df.drop(columns=[c for c in ("Views",) if c in df.columns])
    if "Permalink" in df.columns:
        df["url"] = _permalinks(df["Permalink"])
    df["brand"] = brand
    df["platform"] = platform.to_numpy()
    df["format"] = fmt.where(fmt != "").to_numpy()
    views = df.pop("views") if "views" in df.columns else None
    df = _extras(df, ids=("Page ID", "Account ID"))
    if views is not None:
        df["views"] = views.astype("Float64").round().astype("Int64")
    attrs = {
        "dayfirst": _dayfirst(df["published_at"]) if "published_at" in df.columns else False,
        "platform_from": "Post type 'IG …' or Instagram-only columns -> instagram; else facebook",
        "platforms": sorted(set(platform)),
        "impressions_from": impressions_from,
        "duplicate_headers": repeated or None,
    }
    return df, labels, attrs


FORMAT = ExportFormat(
    "meta_content",
    "Meta Business Suite content (Facebook/Instagram posts)",
    "posts",
    _detect,
    _read,
)


# --------------------------------------------------------------------------------------------
# Business Suite page series (Reach.csv, Follows.csv...) -> channel_daily


def _cells(row: list[str]) -> list[str]:
    return [c.replace("\ufeff", "").strip() for c in row if c.replace("\ufeff", "").strip()]


def _is_sep_line(row: list[str]) -> bool:
    cells = _cells(row)
    return bool(cells) and norm(cells[0]).startswith("sep=")


def _series_metric(line: str) -> tuple[str | None, str | None, str]:
    """``(platform, channel_daily column, metric as written)`` from the metric line."""
    text = line.replace("\ufeff", "").strip().strip('"').strip()
    platform = None
    words = norm(text)
    for spelling, name in sorted(_SERIES_PLATFORMS.items(), key=lambda kv: -len(kv[0])):
        if words.startswith(spelling + " "):
            platform, words = name, words[len(spelling) + 1 :]
            break
    return platform, _SERIES_METRICS.get(words), text


_STAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$")


@_total
def _detect_series(raw: RawExport) -> Found | None:
    """A page series: ``Date``/``Primary`` under an optional metric line.

    In an interface language whose words are not in the spellings file: a two-column header
    under a one-cell metric line, over days written ``YYYY-MM-DDTHH:MM:SS``.
    """
    for table in raw.tables:
        rows = [r for r in table.head(8) if _cells(r)]
        for i, row in enumerate(rows[:4]):
            cells = [_english(c, _SERIES_HEADER) for c in _cells(row)]
            above = [r for r in rows[:i] if not _is_sep_line(r)]
            if len(cells) < 2 or len(above) > 1 or any(len(_cells(r)) != 1 for r in above):
                continue
            named = cells[:2] == ["Date", "Primary"]
            below = rows[i + 1] if i + 1 < len(rows) else []
            shaped = (
                len(above) == 1
                and len(cells) == 2
                and bool(below)
                and bool(_STAMP.match(below[0].strip()))
            )
            if not (named or shaped):
                continue
            metric = _cells(above[0])[0] if above else ""
            index = next(k for k, r in enumerate(table.rows) if r is row)
            return Found(table, index, {"metric": metric})
    return None


_FILE_PLATFORM = (
    (re.compile(r"(^|[^a-z])(instagram|insta|ig)([^a-z]|$)"), "instagram"),
    (re.compile(r"(^|[^a-z])(facebook|fb)([^a-z]|$)"), "facebook"),
)


def _platform_from_name(path: Path) -> str | None:
    stem = path.stem.lower()
    hits = {platform for pattern, platform in _FILE_PLATFORM if pattern.search(stem)}
    return hits.pop() if len(hits) == 1 else None


def _days(values: pd.Series) -> pd.Series:
    """Calendar days from Meta's daily timestamps, rounded to the nearest midnight.

    ``2025-03-09T01:00:00`` and ``2025-03-10T00:00:00`` are consecutive days (the hour is a
    time-zone artefact that moves with daylight saving time), as is ``2025-11-02T23:00:00``
    for 3 November. Dates without a time are taken as written; ``M/D/YYYY`` is month first.
    """
    text = values.fillna("").astype("str").str.strip()
    iso = pd.to_datetime(text, errors="coerce", format="ISO8601")
    us = pd.to_datetime(text, errors="coerce", format="%m/%d/%Y")
    moment = iso.fillna(us)
    if getattr(moment.dt, "tz", None) is not None:
        moment = moment.dt.tz_localize(None)
    return (moment + pd.Timedelta(hours=12)).dt.floor("D")


def _read_series(raw: RawExport, found: Found, options: Options):
    metric_line = found.notes.get("metric", "")
    platform, column, written = _series_metric(metric_line)
    if column is None and not metric_line:
        platform_name, column, written = _series_metric(re.sub(r"\s*\(\d+\)$", "", raw.path.stem))
        platform = platform or platform_name
    if column is None:
        what = f"'{written}'" if written else _("a metric the file does not name")
        known = any(norm(written).endswith(o) for o in _SERIES_OTHER)
        if known:
            why = _(
                "this is a Meta Business Suite daily page series of {metric}, which "
                "channel_daily has no column for; link clicks are read per post from the "
                "content export"
            ).format(metric=what)
        else:
            why = _(
                "this is a Meta Business Suite daily page series of {metric}, a metric smmnb "
                "does not read (it reads Reach, Viewers, Views, Impressions, Follows, "
                "Unfollows, Visits and Content interactions)"
            ).format(metric=what)
        raise ExportNotUsable(
            raw.source,
            "channel_daily",
            [
                Problem(
                    why,
                    hint=_(
                        "export the Reach, Views, Visits, Content interactions or Follows "
                        "series (with Business Suite in English if its language is not read), "
                        "or Insights > Content for figures per post"
                    ),
                )
            ],
        )
    df, labels = found.table.frame(found.header)
    names = [_english(c, _SERIES_HEADER) for c in df.columns]
    names[:2] = ["Date", "Primary"]  # by position: the day, then the account's figure
    df.columns, _renamed = _unique(names)
    day = _days(df["Date"])
    bad = day.isna() & df["Date"].notna()
    if bad.any():
        where = ", ".join(
            f"{lab} ({df['Date'].iloc[k]!r})" for k, lab in enumerate(labels) if bad.iloc[k]
        )
        raise SchemaError(
            raw.source, "channel_daily", [Problem(f"column 'Date': not a date at {where[:300]}")]
        )
    keep = day.notna().to_numpy()
    df, day = df[keep].reset_index(drop=True), day[keep].reset_index(drop=True)
    labels = [lab for lab, k in zip(labels, keep, strict=True) if k]
    if day.duplicated().any():
        twice = sorted({d.date().isoformat() for d in day[day.duplicated()]})
        raise SchemaError(
            raw.source,
            "channel_daily",
            [Problem(f"column 'Date': the same day twice ({', '.join(twice[:5])})")],
        )
    brand = need_brand(raw, PAGE_SERIES, options, None)
    platform_from = "the metric line"
    if platform is None:
        platform = _platform_from_name(raw.path)
        platform_from = "the file name"
    if platform is None:
        platform = "facebook"
        platform_from = (
            "neither the file nor its name says Facebook or Instagram: taken as facebook"
        )
        warnings.warn(
            _(
                "{file}: the {metric} series does not say whether it is the Facebook Page's or "
                "the Instagram account's; read as facebook (put 'instagram' in the file name if "
                "it is Instagram's)"
            ).format(file=raw.source, metric=written),
            DataWarning,
            stacklevel=4,
        )
    out = pd.DataFrame(
        {
            "date": day.dt.strftime("%Y-%m-%d"),
            "brand": brand,
            "platform": platform,
            column: _counts(df["Primary"]).to_numpy(),
        }
    )
    attrs = {
        f"{column}_from": written,
        "platform_from": platform_from,
        "dayfirst": False,
    }
    return out, labels, attrs


PAGE_SERIES = ExportFormat(
    "meta_page_series",
    "Meta Business Suite daily page series (Reach.csv, Follows.csv...)",
    "channel_daily",
    _detect_series,
    _read_series,
)


# --------------------------------------------------------------------------------------------
# Business Suite Audience.csv: recognised, refused


@_total
def _detect_audience(raw: RawExport) -> Found | None:
    for table in raw.tables:
        rows = [r for r in table.head() if _cells(r)]
        if not rows:
            continue
        start = 1 if _is_sep_line(rows[0]) else 0
        titles = [
            r
            for r in rows[start:]
            if len(_cells(r)) == 1 and norm(_cells(r)[0]) in _AUDIENCE_BLOCKS
        ]
        first = rows[start] if len(rows) > start else []
        if titles and len(_cells(first)) == 1 and norm(_cells(first)[0]) in _AUDIENCE_BLOCKS:
            return Found(table, 0, {"blocks": [_cells(r)[0] for r in titles]})
    return None


def _read_audience(raw: RawExport, found: Found, options: Options):
    blocks = found.notes.get("blocks") or []
    raise ExportNotUsable(
        raw.source,
        None,
        [
            Problem(
                _(
                    "this is Meta Business Suite's audience export ({blocks}): shares of "
                    "followers by age, gender and place, not figures per post or per day, so it "
                    "fills no table"
                ).format(blocks=", ".join(blocks)),
                hint=_(
                    "for posts export Insights > Content (one row per post); for the page's "
                    "daily reach and follows export the Reach and Follows series (Reach.csv, "
                    "Follows.csv)"
                ),
            )
        ],
    )


AUDIENCE = ExportFormat(
    "meta_audience",
    "Meta Business Suite audience (Audience.csv)",
    "channel_daily",
    _detect_audience,
    _read_audience,
)


# --------------------------------------------------------------------------------------------
# legacy Page Insights exports (2012-2018)

_LEGACY_NAME = re.compile(
    r"^Facebook Insights Data Export(?: \([^)]*\))? - (?P<page>.+?) - \d{4}-\d{2}-\d{2} - "
    r"\d{4}-\d{2}-\d{2}",
    re.IGNORECASE,
)


def _page_from_name(path: Path) -> str | None:
    m = _LEGACY_NAME.match(path.stem)
    return m.group("page").strip() if m else None


def _description_row(table: Table, header: int, key: str, spellings) -> list[str] | None:
    """The row under the header that describes each column (its key cell empty), if any."""
    if header + 1 >= len(table.rows):
        return None
    names = [_english(c, spellings) for c in table.rows[header]]
    row = table.rows[header + 1]
    if key not in names:
        return None
    k = names.index(key)
    if k < len(row) and row[k].strip():
        return None
    return row


@_total
def _detect_legacy_posts(raw: RawExport) -> Found | None:
    for table in raw.tables:
        for i, row in enumerate(table.head()):
            names = _names(row, _LEGACY_POSTS)
            if {"Post ID", "Posted"} <= names and names & {
                "Lifetime Post Total Reach",
                "Lifetime Post Total Impressions",
            }:
                return Found(table, i)
    return None


_LEGACY_POST_MAP = {
    "Post ID": "post_id",
    "Posted": "published_at",
    "Post Message": "text",
    "Lifetime Post Total Reach": "reach",
    "Lifetime Post Total Impressions": "impressions",
    "Lifetime Post Stories by action type - like": "reactions",
    "Lifetime Post Stories by action type - comment": "comments",
    "Lifetime Post Stories by action type - share": "shares",
    "Lifetime Post Consumptions by type - link clicks": "clicks",
    "Lifetime Post Total Video Views": "video_views",
}


def _read_legacy_posts(raw: RawExport, found: Found, options: Options):
    notes = _description_row(found.table, found.header, "Post ID", _LEGACY_POSTS)
    df, labels, repeated = _frame(found.table, found.header, _LEGACY_POSTS, notes)
    df, labels = drop_total_rows(df, labels, "Post ID", pattern=r"^total\b")
    brand = need_brand(raw, LEGACY_POSTS, options, _page_from_name(raw.path))
    kind = df["Type"] if "Type" in df.columns else pd.Series("", index=df.index)
    key = kind.fillna("").astype("str").str.strip().str.lower()
    fmt = key.map(POST_TYPES).fillna(key)
    df = df.drop(columns=[c for c in ("Type",) if c in df.columns])
    df = rename_columns(df, _LEGACY_POST_MAP)
    if "Permalink" in df.columns:
        df["url"] = _permalinks(df["Permalink"])
    if "text" in df.columns:
        df["text"] = df["text"].where(df["text"].fillna("").str.strip() != "")
    df["brand"] = brand
    df["platform"] = "facebook"
    df["format"] = fmt.where(fmt != "").to_numpy()
    df = _extras(df)
    attrs = {
        "dayfirst": _dayfirst(df["published_at"]) if "published_at" in df.columns else False,
        "platform_from": "legacy Page Insights exports are Facebook Pages'",
        "duplicate_headers": repeated or None,
    }
    return df, labels, attrs


LEGACY_POSTS = ExportFormat(
    "meta_insights_posts",
    "Facebook Page Insights post export (legacy)",
    "posts",
    _detect_legacy_posts,
    _read_legacy_posts,
)

_LEGACY_PAGE_MAP = {
    "Daily Total Reach": "reach",
    "Daily Total Impressions": "impressions",
    "Daily New Likes": "followers_gained",
    "Daily Unlikes": "followers_lost",
    "Daily Logged-in Page Views": "profile_views",
}
_LEGACY_PAGE_KEEP = {
    "Lifetime Total Likes": "lifetime_total_likes",
    "Daily Page Engaged Users": "daily_page_engaged_users",
    "Daily Total Video Views": "daily_total_video_views",
}


@_total
def _detect_legacy_page(raw: RawExport) -> Found | None:
    known = set(_LEGACY_PAGE_MAP) | set(_LEGACY_PAGE_KEEP)
    for table in raw.tables:
        for i, row in enumerate(table.head()):
            names = _names(row, _LEGACY_PAGE)
            if "Date" not in names or "Post ID" in names:
                continue
            weekly = sum(1 for c in row if re.match(r"^(daily|weekly|28 days|lifetime) ", norm(c)))
            if names & known or weekly >= 3:
                return Found(table, i)
    return None


def _read_legacy_page(raw: RawExport, found: Found, options: Options):
    notes = _description_row(found.table, found.header, "Date", _LEGACY_PAGE)
    df, labels, repeated = _frame(found.table, found.header, _LEGACY_PAGE, notes)
    df, labels = drop_total_rows(df, labels, "Date", pattern=r"^total\b")
    counts = [norm(w) for w in HEADERS["legacy_page"]["total_count"]["en"]]
    source = {name: _counted(df, name, notes, counts) for name in _LEGACY_PAGE_MAP}
    present = [name for name, col in source.items() if col is not None]
    if not present:
        daily = [c for c in df.columns if norm(c).startswith("daily ")]
        raise ExportNotUsable(
            raw.source,
            "channel_daily",
            [
                Problem(
                    _(
                        "this is a legacy Facebook Page Insights page export without the daily "
                        "reach, impressions, new likes, unlikes or page views that channel_daily "
                        "needs (its daily columns: {columns})"
                    ).format(columns=", ".join(daily[:6]))
                    if daily
                    else _(
                        "this is a legacy Facebook Page Insights page export without the daily "
                        "reach, impressions, new likes, unlikes or page views that channel_daily "
                        "needs"
                    ),
                    hint=_(
                        "export Page data again with the Key Metrics, or download the Reach and "
                        "Follows series from Meta Business Suite"
                    ),
                )
            ],
        )
    day = _days(df["Date"])
    bad = day.isna()
    if bad.any():
        where = ", ".join(
            f"{lab} ({df['Date'].iloc[k]!r})" for k, lab in enumerate(labels) if bad.iloc[k]
        )
        raise SchemaError(
            raw.source, "channel_daily", [Problem(f"column 'Date': not a date at {where[:300]}")]
        )
    brand = need_brand(raw, LEGACY_PAGE, options, _page_from_name(raw.path))
    out = pd.DataFrame(
        {"date": day.dt.strftime("%Y-%m-%d"), "brand": brand, "platform": "facebook"}
    )
    for name, column in _LEGACY_PAGE_MAP.items():
        if source[name] is not None:
            out[column] = _counts(df[source[name]]).to_numpy()
    for name, column in _LEGACY_PAGE_KEEP.items():
        if name in df.columns:
            out[column] = _counts(df[name]).round().astype("Int64").to_numpy()
    attrs = {
        "dayfirst": False,
        "followers_gained_from": "Daily New Likes" if "Daily New Likes" in df.columns else None,
        "platform_from": "legacy Page Insights exports are Facebook Pages'",
        "duplicate_headers": repeated or None,
    }
    return out, labels, attrs


LEGACY_PAGE = ExportFormat(
    "meta_insights_page",
    "Facebook Page Insights page export (legacy)",
    "channel_daily",
    _detect_legacy_page,
    _read_legacy_page,
)


FORMATS: list[ExportFormat] = [FORMAT, LEGACY_POSTS, AUDIENCE, PAGE_SERIES, LEGACY_PAGE]
"""The formats this module adds to :data:`smmnb.io.exports.FORMATS`."""
