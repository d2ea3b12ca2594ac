"""TikTok Studio and TikTok Ads Manager exports -> ``posts``, ``followers`` and ``ads``.

TikTok Studio (Analytics > Download data) writes one CSV per tab, UTF-8 with a BOM, with dates
**without a year** in the language of the interface (``February 28``, ``28 August``,
``9月16日``, ``28 tháng 8``) and the literal text ``undefined`` for values it has not computed.
TikTok Ads Manager writes a custom report as XLSX (or CSV).

Mapping decisions:

- ``Content.csv`` -> ``posts`` (platform tiktok). ``post_id`` is the numeric id in
  ``Video link`` (``…/@handle/video/<id>``; a ``/photo/<id>`` link is a photo carousel,
  ``format`` ``carousel``, other links ``short``). ``Video title`` (the caption) is ``text``;
  ``Total likes`` -> reactions, ``Total comments`` -> comments, ``Total shares`` -> shares,
  ``Add to favorites`` -> saves, ``Total views`` -> ``video_views`` (views are not
  impressions: ``impressions`` stays empty). ``undefined`` and empty cells are missing, never 0.
- ``published_at``: TikTok ids carry the Unix time of posting in their top 32 bits. When that
  time falls on the ``Post time`` day (in ``timezone``), it is used to the second (UTC) and the
  row needs no ``as_of``. Otherwise the year comes from ``as_of``, the day of the download: the
  latest year that does not put the date after ``as_of`` (on 5 January 2027, ``December 30`` is
  2026-12-30 and ``January 3`` is 2027-01-03); without ``as_of`` a SchemaError asks for it.
  A ``Post time`` that already has a year is kept as written.
- ``FollowerHistory.csv`` -> ``followers``: ``Followers`` is the count; the year comes from
  ``as_of`` as above. ``Difference in followers from previous day`` is a net change, neither
  ``gained`` nor ``lost`` (TikTok does not split them), so it is kept as an extra column
  ``difference_in_followers_from_previous_day``. Days whose count is ``undefined`` (not computed
  yet) are dropped with a :class:`~smmnb.schema.DataWarning`.
- ``Overview.csv`` (daily ``Video Views``, ``Profile Views``, ``Likes``, ``Comments``,
  ``Shares`` for the whole account) is recognised but fills no canonical table: there is no
  per-day account engagement table, and it has no post ids and no follower count. Reading it
  raises a SchemaError that says to use ``Content.csv`` (posts) and ``FollowerHistory.csv``
  (followers). Should a version carry a ``Followers`` column, it is read as ``followers``.
- TikTok Ads Manager -> ``ads`` (platform tiktok): ``By Day`` -> date, ``Campaign name``,
  ``Ad group name`` -> ad_set, ``Ad name`` -> ad, ``Cost`` -> spend, ``Impressions``,
  ``Reach``, ``Clicks (destination)`` -> clicks (``Clicks (all)`` kept as ``clicks_all``),
  ``Conversions`` (else ``Results``, recorded in ``attrs["conversions_from"]``),
  ``Total complete payment value`` -> revenue, ``Video views`` -> video_views. The currency
  is the ``Currency`` column, else the one in a ``Cost (XXX)`` header, else unknown. Total rows
  (``Total…`` or a blank campaign name) are dropped. An export without a daily breakdown
  raises a SchemaError asking for the ``By Day`` dimension.
- The brand is ``brand=``, else the ads export's ``Account name``; TikTok Studio files name no
  account (the ``@handle`` in links is a handle, not the brand, kept in ``attrs["handle"]``).
"""

from __future__ import annotations

import csv
import io
import re
import warnings

import numpy as np
import pandas as pd

from smmnb.errors import ExportNotUsable, Problem, SchemaError
from smmnb.io.exports._base import (
    ExportFormat,
    Found,
    Options,
    RawExport,
    drop_total_rows,
    find_header,
    need_brand,
    norm,
    rename_columns,
    snake_extras,
    xlsx_bytes,
)
from smmnb.schema import TABLES, DataWarning

__all__ = ["FORMATS", "infer_year", "month_day", "sample_exports", "video_id"]

_MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_TIME = r"(?:,?\s+(?:at\s+)?(?P<time>\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?))?"
_MONTH_DAY = [
    re.compile(r"^(?P<mon>[a-z]+)\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?" + _TIME + "$"),
    re.compile(r"^(?P<day>\d{1,2})\.?\s+(?P<mon>[a-z]+)\.?" + _TIME + "$"),
    re.compile(r"^(?P<mon>\d{1,2})月(?P<day>\d{1,2})日" + _TIME.replace(",?\\s+", ",?\\s*") + "$"),
    re.compile(r"^(?:ngày\s+)?(?P<day>\d{1,2})\s+(?:tháng|thg)\s+(?P<mon>\d{1,2})" + _TIME + "$"),
]
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_LINK_ID = re.compile(r"/(video|photo)/(\d{6,25})")
_HANDLE = re.compile(r"tiktok\.com/(@[^/?#\s]+)")
_SUFFIX = {"k": 1e3, "m": 1e6, "b": 1e9}

_CONTENT_MAP = {
    "Video title": "text",
    "Total likes": "reactions",
    "Likes": "reactions",
    "Total comments": "comments",
    "Comments": "comments",
    "Total shares": "shares",
    "Shares": "shares",
    "Add to favorites": "saves",
    "Total favorites": "saves",
    "Total bookmarks": "saves",
    "Total views": "video_views",
    "Video views": "video_views",
}
_ADS_MAP = {
    "By Day": "date",
    "Day": "date",
    "Date": "date",
    "Campaign name": "campaign",
    "Ad group name": "ad_set",
    "Ad name": "ad",
    "Objective": "objective",
    "Advertising objective": "objective",
    "Impressions": "impressions",
    "Reach": "reach",
    "Clicks (destination)": "clicks",
    "Clicks (all)": "clicks_all",
    "Total complete payment value": "revenue",
    "Video views": "video_views",
    "Account name": "account_name",
}
_COST = re.compile(r"^(?:cost|spend|total cost)(?:\s*\(([a-z]{3})\))?$")


# --------------------------------------------------------------------------------------------
# helpers


def month_day(text: str) -> tuple[int, int, str] | None:
    """``(month, day, time)`` of a TikTok Studio date written without a year, or None.

    Understands ``February 28``, ``Feb 28 15:04``, ``28 August``, ``9月16日`` and
    ``28 tháng 8``; ``time`` is ``""`` when the cell has none.

    Examples
    --------
    >>> month_day("February 28")
    (2, 28, '')
    >>> month_day("28 Aug, 9:05 PM")
    (8, 28, '9:05 PM')
    """
    t = re.sub(r"\s+", " ", str(text).replace("\ufeff", "")).strip().lower()
    for pattern in _MONTH_DAY:
        m = pattern.match(t)
        if not m:
            continue
        mon = m.group("mon")
        month = int(mon) if mon.isdigit() else _MONTHS.get(mon)
        day = int(m.group("day"))
        if month is None or not 1 <= month <= 12 or not 1 <= day <= 31:
            return None
        return month, day, (m.group("time") or "").upper()
    return None


def infer_year(month: int, day: int, as_of: pd.Timestamp) -> int:
    """The latest year in which ``month``/``day`` is not after ``as_of``'s day.

    A 29 February goes back to the last leap year.

    Examples
    --------
    >>> infer_year(12, 30, pd.Timestamp("2027-01-05")), infer_year(1, 3, pd.Timestamp("2027-01-05"))
    (2026, 2027)
    """
    year = as_of.year if (month, day) <= (as_of.month, as_of.day) else as_of.year - 1
    while True:
        try:
            pd.Timestamp(year=year, month=month, day=day)
            return year
        except ValueError:
            year -= 1


def video_id(link: object) -> tuple[str, str] | None:
    """``(kind, id)`` from a TikTok link (kind ``video`` or ``photo``), or None."""
    m = _LINK_ID.search(str(link))
    return (m.group(1), m.group(2)) if m else None


def _id_time(post_id: str) -> pd.Timestamp | None:
    """Posting time (UTC) carried in the top 32 bits of a TikTok id, if plausible."""
    seconds = int(post_id) >> 32
    if not 1_420_070_400 <= seconds <= 4_102_444_800:  # 2015 .. 2100
        return None
    return pd.Timestamp(seconds, unit="s", tz="UTC")


def _counts(s: pd.Series) -> pd.Series:
    """Count cells as TikTok writes them: ``undefined`` is missing, ``1.2K`` is 1200."""
    t = s.fillna("").astype("str").str.strip()
    t = t.where(t.str.lower() != "undefined", "")
    m = t.str.replace(",", "", regex=False).str.extract(r"^(\d+(?:\.\d+)?)\s*([kmbKMB])$")
    short = m[0].notna()
    if short.any():
        value = pd.to_numeric(m.loc[short, 0]) * m.loc[short, 1].str.lower().map(_SUFFIX)
        t = t.where(~short, value.round().astype("int64").astype("str"))
    return t


def _problem(
    raw: RawExport, table: str, message: str, hint: str = "", *, unusable: bool = False
) -> SchemaError:
    kind = ExportNotUsable if unusable else SchemaError
    return kind(raw.source, table, [Problem(message, hint=hint)])


def _dated(
    raw: RawExport,
    table: str,
    column: str,
    values: pd.Series,
    labels: list[str],
    options: Options,
) -> pd.Series:
    """ISO dates for a column of yearless dates (kept as written when they have a year)."""
    out, missing = [], []
    for value, label in zip(values.fillna("").astype("str"), labels, strict=True):
        if _YEAR.search(value) or not value.strip():
            out.append(value)
            continue
        md = month_day(value)
        if md is None:
            out.append(value)  # validate() reports it as unreadable
        elif options.as_of is None:
            out.append(value)
            missing.append((label, value))
        else:
            month, day, time = md
            year = infer_year(month, day, options.as_of)
            out.append(f"{year:04d}-{month:02d}-{day:02d}" + (f" {time}" if time else ""))
    if missing:
        raise SchemaError(
            raw.source,
            table,
            [
                Problem(
                    "dates are written without a year",
                    column,
                    tuple(lab for lab, _ in missing[:5]),
                    tuple(v for _, v in missing[:5]),
                    len(missing),
                    "pass as_of= (the day the file was downloaded) so that the year can be "
                    "inferred; smmnb validate: --as-of",
                )
            ],
        )
    return pd.Series(out, index=values.index, dtype="str")


def _undefined_to_empty(df: pd.DataFrame) -> pd.DataFrame:
    return df.apply(lambda s: s.where(s.fillna("").str.strip().str.lower() != "undefined", ""))


# --------------------------------------------------------------------------------------------
# TikTok Studio: Content.csv -> posts


def _detect_content(raw: RawExport) -> Found | None:
    for table in raw.tables:
        i = find_header(
            table,
            ["Video link", "Post time"],
            any_of=[
                ["Total views", "Total likes", "Total comments", "Total shares", "Video title"]
            ],
        )
        if i is not None:
            return Found(table, i)
    return None


def _read_content(raw: RawExport, found: Found, options: Options):
    df, labels = found.table.frame(found.header)
    df = _undefined_to_empty(df)
    cols = {norm(c): c for c in df.columns}
    link_col, time_col = cols["video link"], cols["post time"]
    ids = df[link_col].map(video_id)
    df["post_id"] = ids.map(lambda x: x[1] if x else "")
    df["format"] = ids.map(lambda x: ("carousel" if x[0] == "photo" else "short") if x else "")
    handles = df[link_col].fillna("").str.extract(_HANDLE)[0].dropna()
    handle = str(handles.iloc[0]) if len(handles) else None

    tz = options.timezone or "UTC"
    published, unresolved = [], []
    for pid, text in zip(df["post_id"], df[time_col].fillna("").astype("str"), strict=True):
        md = month_day(text)
        when = _id_time(pid) if pid and md is not None else None
        if when is not None:
            local = when.tz_convert(tz)
            same_day = (local.month, local.day) == md[:2]
            not_after = options.as_of is None or local.date() <= options.as_of.date()
            if same_day and not_after:
                published.append(when.isoformat())
                unresolved.append(False)
                continue
        published.append(text)
        unresolved.append(True)
    resolved_from_id = len(unresolved) - sum(unresolved)
    stamps = pd.Series(published, index=df.index, dtype="str")
    todo = np.asarray(unresolved, dtype=bool)
    if todo.any():
        stamps[todo] = _dated(
            raw,
            "posts",
            time_col,
            stamps[todo],
            [lab for lab, t in zip(labels, todo, strict=True) if t],
            options,
        )
    df["published_at"] = stamps
    df = df.drop(columns=[time_col])
    df = rename_columns(df, _CONTENT_MAP)
    for col in ("reactions", "comments", "shares", "saves", "video_views"):
        if col in df.columns:
            df[col] = _counts(df[col])
    df["platform"] = "tiktok"
    df["brand"] = need_brand(raw, FORMATS[0], options, None)
    df = df.rename(columns={link_col: "url"})
    attrs = {
        "handle": handle,
        "published_at_from_id": resolved_from_id,
        "views_as": "video_views",
    }
    return snake_extras(df, TABLES["posts"].names), labels, attrs


# --------------------------------------------------------------------------------------------
# TikTok Studio: FollowerHistory.csv -> followers; Overview.csv (recognised only)


def _detect_followers(raw: RawExport) -> Found | None:
    for table in raw.tables:
        i = find_header(table, ["Date", "Followers", "Difference in followers from previous day"])
        if i is not None:
            return Found(table, i)
    return None


def _detect_overview(raw: RawExport) -> Found | None:
    for table in raw.tables:
        i = find_header(table, ["Date", "Video Views", "Profile Views"])
        if i is not None:
            return Found(table, i)
    return None


def _read_daily_followers(raw: RawExport, found: Found, options: Options, fmt: ExportFormat):
    df, labels = found.table.frame(found.header)
    cols = {norm(c): c for c in df.columns}
    df = df.rename(columns={cols["date"]: "date", cols["followers"]: "followers"})
    df["followers"] = _counts(df["followers"])
    pending = (df["followers"] == "").to_numpy() & df["date"].fillna("").str.strip().ne(
        ""
    ).to_numpy()
    if pending.any():
        warnings.warn(
            f"{raw.source}: dropped {int(pending.sum())} day(s) whose follower count TikTok "
            "had not computed yet ('undefined')",
            DataWarning,
            stacklevel=4,
        )
        df = df[~pending].reset_index(drop=True)
        labels = [lab for lab, p in zip(labels, pending, strict=True) if not p]
    for col in df.columns:
        if col not in ("date", "followers"):
            df[col] = _counts(df[col])
    df["date"] = _dated(raw, "followers", "Date", df["date"], labels, options)
    df["platform"] = "tiktok"
    df["brand"] = need_brand(raw, fmt, options, None)
    attrs = {"days_undefined": int(pending.sum())}
    return snake_extras(df, TABLES["followers"].names), labels, attrs


def _read_followers(raw: RawExport, found: Found, options: Options):
    return _read_daily_followers(raw, found, options, FORMATS[1])


def _read_overview(raw: RawExport, found: Found, options: Options):
    if "followers" in {norm(c) for c in found.table.rows[found.header]}:
        return _read_daily_followers(raw, found, options, FORMATS[2])
    raise _problem(
        raw,
        "followers",
        (
            "this is TikTok Studio's Overview.csv: daily video views, profile views, likes, "
            "comments and shares of the whole account, with no post ids and no follower count; "
            "it fills no canonical table (posts need one row per video, followers need the "
            "follower count)",
        ),
        "for posts use TikTok Studio's Content.csv, for followers FollowerHistory.csv",
        unusable=True,
    )


# --------------------------------------------------------------------------------------------
# TikTok Ads Manager -> ads


def _detect_ads(raw: RawExport) -> Found | None:
    for table in raw.tables:
        for i, row in enumerate(table.head()):
            cells = {norm(c) for c in row}
            has_cost = any(_COST.match(c) for c in cells)
            if (
                has_cost
                and "campaign name" in cells
                and "impressions" in cells
                and ("ad group name" in cells or "clicks (destination)" in cells)
            ):
                return Found(table, i)
    return None


def _read_ads(raw: RawExport, found: Found, options: Options):
    df, labels = found.table.frame(found.header)
    df = _undefined_to_empty(df)
    currency = None
    for col in list(df.columns):
        m = _COST.match(norm(col))
        if m:
            currency = m.group(1).upper() if m.group(1) else None
            df = df.rename(columns={col: "spend"})
            break
    first = df.columns[0]
    total = df[first].fillna("").str.strip().str.match(r"(?i)^(total|tổng)\b").to_numpy()
    df = df[~total].reset_index(drop=True)
    labels = [lab for lab, t in zip(labels, total, strict=True) if not t]
    campaign_col = next(c for c in df.columns if norm(c) == "campaign name")
    df, labels = drop_total_rows(df, labels, campaign_col, pattern=r"^(?:total|tổng)\b")
    cols = {norm(c): c for c in df.columns}
    attrs: dict = {}
    if "conversions" in cols:
        df = df.rename(columns={cols["conversions"]: "conversions"})
        attrs["conversions_from"] = "Conversions"
    elif "results" in cols:
        df = df.rename(columns={cols["results"]: "conversions"})
        attrs["conversions_from"] = "Results"
    df = rename_columns(df, _ADS_MAP)
    if "date" not in df.columns:
        raise _problem(
            raw,
            "ads",
            "this TikTok Ads Manager export has no daily breakdown (no 'By Day' column)",
            "export the report again with the time dimension 'By Day'",
        )
    cur_col = next((c for c in df.columns if norm(c) == "currency"), None)
    if cur_col is not None:
        given = df[cur_col].fillna("").astype("str").str.strip().str.upper()
        known = given[given != ""]
        currency = currency or (str(known.iloc[0]) if len(known) else None)
        df = df.drop(columns=[cur_col])
        df["currency"] = given.where(given != "", currency or "")
    elif currency:
        df["currency"] = currency
    attrs["currency"] = currency
    account = None
    if "account_name" in df.columns:
        names = df["account_name"].dropna().str.strip()
        names = names[names != ""]
        account = str(names.iloc[0]) if len(names) else None
    df["platform"] = "tiktok"
    df["brand"] = need_brand(raw, FORMATS[3], options, account)
    return snake_extras(df, TABLES["ads"].names), labels, attrs


FORMATS: list[ExportFormat] = [
    ExportFormat(
        "tiktok_content", "TikTok Studio Content.csv", "posts", _detect_content, _read_content
    ),
    ExportFormat(
        "tiktok_followers",
        "TikTok Studio FollowerHistory.csv",
        "followers",
        _detect_followers,
        _read_followers,
    ),
    ExportFormat(
        "tiktok_overview",
        "TikTok Studio Overview.csv",
        "followers",
        _detect_overview,
        _read_overview,
    ),
    ExportFormat("tiktok_ads", "TikTok Ads Manager", "ads", _detect_ads, _read_ads),
]
"""Content.csv (posts), FollowerHistory.csv (followers), Overview.csv (recognised, fills no
table), Ads Manager report (ads)."""


# --------------------------------------------------------------------------------------------
# sample files


def _csv(frame: pd.DataFrame, *, quote_all: bool = False) -> bytes:
    buffer = io.StringIO()
    frame.to_csv(
        buffer,
        index=False,
        lineterminator="\n",
        quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL,
    )
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def _count_text(s: pd.Series) -> pd.Series:
    """Counts as TikTok Studio writes them: missing as ``undefined``."""
    return s.astype("Int64").astype("str").replace({"<NA>": "undefined"})


def sample_exports(
    tables: dict[str, pd.DataFrame],
    *,
    brand: str,
    timezone: str,
    as_of: pd.Timestamp,
    rng: np.random.Generator,
) -> dict[str, bytes]:
    """TikTok Studio and Ads Manager files for ``brand``, as downloaded on ``as_of``.

    ``tiktok_Content.csv`` and ``tiktok_FollowerHistory.csv`` cover the last 60 days (Studio's
    preset), with yearless dates; ``tiktok_ads_By_Day.xlsx`` has every TikTok ad day up to
    ``as_of`` and a total row. Overview.csv is not written: it fills no canonical table.

    Parameters
    ----------
    tables : dict of str to DataFrame
        Canonical tables (``posts``, ``followers``, ``ads``).
    brand : str
        The brand whose files are written.
    timezone : str
        The account's time zone (dates are local days).
    as_of : pandas.Timestamp
        The day of the download.
    rng : numpy.random.Generator
        Draws the metrics the canonical tables do not have (average watch time).

    Returns
    -------
    dict of str to bytes
        File name -> content.
    """
    as_of = pd.Timestamp(as_of).normalize()
    start = as_of - pd.Timedelta(days=59)
    handle = "@" + re.sub(r"[^0-9a-z._]", "", brand.lower()) + ".vn"
    out: dict[str, bytes] = {}

    posts = tables["posts"]
    local = posts["published_at"].dt.tz_convert(timezone).dt.tz_localize(None)
    keep = (
        (posts["brand"] == brand)
        & (posts["platform"] == "tiktok")
        & (local.dt.normalize() >= start)
        & (local.dt.normalize() <= as_of)
    )
    rows = posts[keep].assign(_local=local[keep]).sort_values("_local", ascending=False)
    watch = rng.uniform(4.0, 21.0, len(rows)).round(1)
    content = pd.DataFrame(
        {
            "Video title": rows["text"].astype("str").fillna(""),
            "Video link": [f"https://www.tiktok.com/{handle}/video/{p}" for p in rows["post_id"]],
            "Post time": [f"{t:%B} {t.day}" for t in rows["_local"]],
            "Total likes": _count_text(rows["reactions"]),
            "Total comments": _count_text(rows["comments"]),
            "Total shares": _count_text(rows["shares"]),
            "Total views": _count_text(rows["video_views"]),
            "Add to favorites": _count_text(rows["saves"]),
            "Average watch time": watch,
        }
    )
    out["tiktok_Content.csv"] = _csv(content)

    fol = tables["followers"]
    fol = fol[(fol["brand"] == brand) & (fol["platform"] == "tiktok")].sort_values("date")
    diff = fol["followers"].astype("Int64").diff()
    window = (fol["date"] >= start) & (fol["date"] <= as_of)
    fol, diff = fol[window], diff[window]
    history = pd.DataFrame(
        {
            "Date": [f"{d.day} {d:%B}" for d in fol["date"]],
            "Followers": _count_text(fol["followers"]),
            "Difference in followers from previous day": _count_text(diff),
        }
    )
    out["tiktok_FollowerHistory.csv"] = _csv(history, quote_all=True)

    ads = tables["ads"]
    ads = ads[(ads["brand"] == brand) & (ads["platform"] == "tiktok") & (ads["date"] <= as_of)]
    ads = ads.sort_values(["date", "campaign", "ad_set", "ad"], kind="stable")

    def num(v: object) -> object:
        if v is None or pd.isna(v):
            return None
        f = float(v)
        return int(f) if f.is_integer() else round(f, 2)

    header = [
        "By Day",
        "Campaign name",
        "Ad group name",
        "Ad name",
        "Currency",
        "Cost",
        "Impressions",
        "Reach",
        "Clicks (destination)",
        "CTR (destination)",
        "CPM",
        "Conversions",
        "Total complete payment value",
        "Video views",
    ]
    sheet: list[list[object]] = [header]
    for r in ads.itertuples(index=False):
        sheet.append(
            [
                f"{r.date:%Y-%m-%d}",
                str(r.campaign),
                str(r.ad_set),
                str(r.ad),
                str(r.currency) if pd.notna(r.currency) else "",
                num(r.spend),
                num(r.impressions),
                num(r.reach),
                num(r.clicks),
                f"{r.clicks / r.impressions:.2%}" if r.impressions else "",
                num(round(1000 * r.spend / r.impressions, 2)) if r.impressions else None,
                num(r.conversions),
                num(r.revenue),
                num(r.video_views),
            ]
        )
    total = [f"Total of {len(ads)} results", "", "", "", ""]
    total += [num(ads[c].sum()) for c in ("spend", "impressions", "reach", "clicks")]
    total += ["", "", num(ads["conversions"].sum()), num(ads["revenue"].sum()), None]
    sheet.append(total)
    out["tiktok_ads_By_Day.xlsx"] = xlsx_bytes({"Sheet1": sheet})
    return out
