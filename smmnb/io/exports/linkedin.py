"""LinkedIn Page analytics exports: content -> ``posts``, followers -> ``followers``.

LinkedIn writes workbooks (``.xls`` from older exports, read with calamine, or ``.xlsx``):

- the *content* export has a sheet ``All posts`` whose first row is a sentence and whose
  second row holds the headers: ``Post title``, ``Post link``, ``Post type`` (Organic or
  Sponsored), ``Campaign name``, ``Posted by``, ``Created date`` (``MM/DD/YYYY``),
  ``Campaign start date``, ``Campaign end date``, ``Audience``, ``Impressions``,
  ``Views (excluding off-site video views)``, ``Off-site views``, ``Clicks``,
  ``Click through rate (CTR)``, ``Likes``, ``Comments``, ``Reposts`` (older: ``Shares``),
  ``Follows``, ``Engagement rate`` (a fraction), ``Content Type``; a ``Metrics`` sheet has
  daily page totals (not read: posts are the unit here);
- the *followers* export has a sheet ``New followers``: ``Date``, ``Sponsored followers``,
  ``Organic followers``, ``Auto-invited followers``, ``Total followers``.

Mapping decisions (content):

- ``post_id`` is the number in the post link's urn (``urn:li:activity:7254…``,
  ``urn:li:share:…``, ``urn:li:ugcPost:…``), else the link itself.
- ``published_at``: ``Created date`` has no time. LinkedIn ids carry their creation time
  (``id >> 22`` is milliseconds since the Unix epoch, UTC); it is used when it falls within a
  day of ``Created date``, else the row gets ``Created date`` at local midnight (pass
  ``timezone=``); ``attrs["published_at_from"]`` says which. Dates are month first.
- ``paid`` is ``Post type`` == Sponsored; ``format`` is ``Content Type`` in lower case
  (``Image``, ``Video``, ``Text``, ``Article``, ``Document``, ``Carousel``, ``Poll``...);
  ``text`` is ``Post title`` (the post's first words); ``campaign`` is ``Campaign name``.
- ``reactions`` = Likes, ``shares`` = Reposts (or Shares), ``clicks`` = Clicks,
  ``video_views`` = ``Views (excluding off-site video views)``. ``Engagement rate`` is kept as
  ``engagement_rate`` (a fraction; LinkedIn's definition counts clicks and follows too).
- LinkedIn does not name the page in the file: pass ``brand=``.

Followers -- a decision: the canonical ``followers`` column is the follower *count*, which
this export does not have. Its ``Total followers`` is the day's total of *new* followers
(sponsored + organic + auto-invited), and unfollows are not reported at all. Rather than
invent a count, :func:`smmnb.read_export` raises a SchemaError for this file that says so and
points to :func:`read_followers`, which takes the page's follower count on the file's last
day (``total_followers=``, from the page's admin view) and rebuilds earlier days backwards:
``followers[d] = total - sum(gained after d)``. Because unfollows are unknown, earlier counts
are lower bounds (true counts are higher by the unfollows since that day); ``lost`` is missing
and ``attrs["followers_from"]`` records the anchor. ``gained`` is ``Total followers``; the
parts are kept as ``sponsored_followers``, ``organic_followers``, ``auto_invited_followers``.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

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
    local_day,
    need_brand,
    norm,
    open_export,
    rename_columns,
    snake_extras,
    xlsx_bytes,
)
from smmnb.schema import TABLES, validate

__all__ = [
    "CONTENT",
    "FOLLOWERS",
    "FORMATS",
    "FollowerOptions",
    "activity_time",
    "read_followers",
    "sample_exports",
    "write_content",
    "write_followers",
]

_URN = re.compile(r"urn:li:(?:activity|share|ugcPost|post):(\d+)", re.IGNORECASE)
_CONTENT_MAP = {
    "Post title": "text",
    "Campaign name": "campaign",
    "Impressions": "impressions",
    "Clicks": "clicks",
    "Likes": "reactions",
    "Comments": "comments",
    "Reposts": "shares",
    "Shares": "shares",
    "Views (excluding off-site video views)": "video_views",
}
_TEXT_EXTRAS = {
    "post_link",
    "post_type",
    "posted_by",
    "created_date",
    "campaign_start_date",
    "campaign_end_date",
    "audience",
    "content_type",
}
_CONTENT_SENTENCE = (
    "All posts published on the Page in the selected date range, with their lifetime metrics. "
    "Engagement rate = (clicks + likes + comments + reposts + follows) / impressions."
)


@dataclass(frozen=True)
class FollowerOptions(Options):
    """:class:`~smmnb.io.exports._base.Options` plus the follower count the export lacks.

    Parameters
    ----------
    total_followers : int or None
        The page's follower count on the export's last day.
    """

    total_followers: int | None = None


def activity_time(ids: pd.Series) -> pd.Series:
    """UTC creation time of LinkedIn urn ids (``id >> 22`` ms since the Unix epoch).

    Parameters
    ----------
    ids : pandas.Series
        Numeric ids as text; other values give NaT.

    Returns
    -------
    pandas.Series
        ``datetime64[ns, UTC]``.
    """
    text = ids.astype("str").str.strip()
    ok = text.str.fullmatch(r"\d{1,19}").fillna(False).astype(bool)
    ms = pd.Series(np.nan, index=ids.index, dtype="float64")
    if ok.any():
        ms[ok] = [float(int(t) >> 22) for t in text[ok]]
    return pd.to_datetime(ms, unit="ms", utc=True).astype("datetime64[ns, UTC]")


def _numeric(df: pd.DataFrame, skip: set[str]) -> pd.DataFrame:
    """Extra columns as numbers where every filled cell reads as one (else left as text)."""
    canonical = set(TABLES["posts"].names) | set(TABLES["followers"].names)
    for name in df.columns:
        if name in canonical or name in skip:
            continue
        column = df[name].astype("object")
        text = column.where(column.notna(), "").astype("str").str.strip()
        text = text.str.replace(",", "", regex=False)
        values = pd.to_numeric(text.str.rstrip("%").where(text != ""), errors="coerce")
        if not (values.isna() & (text != "")).any():
            pct = text.str.endswith("%")
            values = values.where(~pct, values / 100)
            whole = bool((values.dropna() == values.dropna().round()).all())
            df[name] = values.astype("Int64") if whole else values
    return df


def _day(values: pd.Series) -> pd.Series:
    """Calendar days from ``MM/DD/YYYY`` text or ISO text (a cell Excel stored as a date)."""
    text = values.fillna("").astype("str").str.strip()
    mdy = pd.to_datetime(text, format="%m/%d/%Y", errors="coerce")
    iso = pd.to_datetime(text.where(mdy.isna()), format="ISO8601", errors="coerce")
    return mdy.fillna(iso).dt.normalize()


# -- content ---------------------------------------------------------------------------------


def _detect_content(raw: RawExport) -> Found | None:
    tables = sorted(raw.tables, key=lambda t: norm(t.name) != "all posts")
    for table in tables:
        i = find_header(
            table,
            ["Post title", "Post link", "Impressions"],
            any_of=[["Created date", "Date"], ["Likes", "Reactions"]],
        )
        if i is not None:
            return Found(table, i)
    return None


def _read_content(raw: RawExport, found: Found, options: Options):
    df, labels = found.table.frame(found.header)
    cols = {norm(c): c for c in df.columns}
    df, labels = drop_total_rows(df, labels, cols["post link"], pattern=r"^total\b")
    brand = need_brand(raw, CONTENT, options, None)
    link = df[cols["post link"]].fillna("").astype("str")
    number = link.str.extract(_URN)[0]
    df["post_id"] = number.fillna(link.str.strip())
    created = cols.get("created date") or cols["date"]
    day = _day(df[created])
    from_id = activity_time(number.fillna(""))
    id_day = from_id.dt.tz_localize(None).dt.normalize()
    near = ((id_day - day).abs() <= pd.Timedelta(days=1)).fillna(False).astype(bool)
    use_id = near | (day.isna() & from_id.notna())
    stamp = from_id.dt.strftime("%Y-%m-%dT%H:%M:%S.%f+00:00").where(use_id)
    df["published_at"] = stamp.fillna(day.dt.strftime("%Y-%m-%d").where(~use_id))
    if "post type" in cols:
        kind = df[cols["post type"]].fillna("").astype("str").str.strip().str.lower()
        df["paid"] = kind.map({"sponsored": True, "organic": False})
    if "content type" in cols:
        fmt = df[cols["content type"]].fillna("").astype("str").str.strip().str.lower()
        df["format"] = fmt.where(fmt != "")
    df = rename_columns(df, _CONTENT_MAP)
    df["brand"] = brand
    df["platform"] = "linkedin"
    df = snake_extras(df, TABLES["posts"].names)
    df = _numeric(df, _TEXT_EXTRAS)
    by_date = int((~use_id).sum())
    attrs = {
        "dayfirst": False,
        "published_at_from": "post id in the link (creation time, UTC)"
        + (f"; {by_date} row(s) from Created date at local midnight" if by_date else ""),
    }
    return df, labels, attrs


CONTENT = ExportFormat(
    "linkedin_content", "LinkedIn Page content", "posts", _detect_content, _read_content
)


# -- followers -------------------------------------------------------------------------------


def _detect_followers(raw: RawExport) -> Found | None:
    tables = sorted(raw.tables, key=lambda t: norm(t.name) != "new followers")
    for table in tables:
        i = find_header(
            table,
            ["Date", "Total followers"],
            any_of=[["Organic followers", "Sponsored followers", "Auto-invited followers"]],
        )
        if i is not None:
            return Found(table, i, {"table": "followers"})
    return None


def _read_followers(raw: RawExport, found: Found, options: Options):
    df, labels = found.table.frame(found.header)
    cols = {norm(c): c for c in df.columns}
    df, labels = drop_total_rows(df, labels, cols["date"], pattern=r"^total\b")
    total = getattr(options, "total_followers", None)
    if total is None:
        raise ExportNotUsable(
            raw.source,
            "followers",
            [
                Problem(
                    "this LinkedIn followers export counts new followers per day ('Total "
                    "followers' is the day's new followers), not the number of followers, "
                    "and it has no unfollows",
                    "followers",
                    hint="pass the page's follower count on the last day: "
                    "smmnb.io.exports.linkedin.read_followers(path, total_followers=N, "
                    "brand=...)",
                )
            ],
        )
    brand = need_brand(raw, FOLLOWERS, options, None)
    df = df.rename(columns={cols["total followers"]: "gained", cols["date"]: "date"})
    day = _day(df["date"])
    gained = pd.to_numeric(
        df["gained"].fillna("").astype("str").str.replace(",", "", regex=False).str.strip(),
        errors="coerce",
    )
    order = np.argsort(day.to_numpy(), kind="stable")
    after = pd.Series(0.0, index=df.index)
    later = gained.iloc[order][::-1].fillna(0).cumsum()[::-1] - gained.iloc[order].fillna(0)
    after.iloc[order] = later.to_numpy()
    df["followers"] = (int(total) - after).round().astype("Int64")
    df["brand"] = brand
    df["platform"] = "linkedin"
    last = day.max()
    df = snake_extras(df, TABLES["followers"].names)
    df = _numeric(df, {"date"})
    attrs = {
        "dayfirst": False,
        "followers_from": (
            f"total_followers={int(total)} on {last:%Y-%m-%d} minus later new followers "
            "(unfollows unknown: earlier counts are lower bounds)"
        ),
    }
    return df, labels, attrs


FOLLOWERS = ExportFormat(
    "linkedin_followers", "LinkedIn Page followers", "followers", _detect_followers, _read_followers
)
FORMATS: list[ExportFormat] = [CONTENT, FOLLOWERS]
"""The formats this module adds to :data:`smmnb.io.exports.FORMATS`."""


def read_followers(
    path: str | os.PathLike,
    *,
    total_followers: int,
    brand: str | None = None,
) -> pd.DataFrame:
    """Read a LinkedIn followers export into ``followers``, given today's follower count.

    Parameters
    ----------
    path : str or path-like
        The ``.xls``/``.xlsx`` file with the ``New followers`` sheet.
    total_followers : int
        The page's follower count on the file's last day (LinkedIn shows it on the page's
        analytics overview).
    brand : str, optional
        The brand; required in practice, since the file does not name the page.

    Returns
    -------
    pandas.DataFrame
        A validated ``followers`` table: ``followers`` rebuilt backwards from the anchor
        (lower bounds, see the module notes), ``gained`` from the file, ``lost`` missing.

    Raises
    ------
    SchemaError
        If the file is not a LinkedIn followers export, has no brand, or has bad values.
    """
    raw = open_export(path)
    found = FOLLOWERS.detect(raw)
    if found is None:
        raise SchemaError(
            raw.source,
            "followers",
            [Problem("not a LinkedIn followers export (no 'Date', 'Total followers' sheet)")],
        )
    options = FollowerOptions(brand=brand, total_followers=int(total_followers))
    df, labels, attrs = FOLLOWERS.read(raw, found, options)
    attrs.pop("dayfirst", None)
    table = validate(df, "followers", source=raw.source, dayfirst=False, row_labels=labels)
    table.attrs.update(attrs)
    table.attrs.update({"table": "followers", "source": FOLLOWERS.name, "file": raw.source})
    return table


# --------------------------------------------------------------------------------------------
# writing (sample data)

_TITLES = (
    ("Image", "{brand} khai trương cửa hàng thứ 30 tại Thủ Đức, tuyển 25 barista"),
    ("Article", "Từ nông trại Cầu Đất đến ly cà phê: chuỗi cung ứng của {brand}"),
    ("Image", "We're hiring: Store Managers in Ho Chi Minh City and Hanoi"),
    ("Video", "Một ngày của barista {brand}: đào tạo 6 tuần trước ca đầu tiên"),
    ("Document", "{brand} Sustainability Report: 100% ly giấy có thể tái chế"),
    ("Text", "Cảm ơn 5.000 người theo dõi! Câu chuyện {brand} chỉ mới bắt đầu"),
    ("Image", "{brand} x Nông dân Lâm Đồng: thu mua Robusta giá cao hơn 15%"),
    ("Carousel", "5 bài học vận hành chuỗi 30 cửa hàng F&B của {brand}"),
    ("Video", "CEO {brand} chia sẻ tại Vietnam F&B Summit 2026"),
    ("Text", "{brand} tuyển thực tập sinh Marketing kỳ Xuân 2027"),
)


def _history(brand: str, timezone: str, as_of: pd.Timestamp, rng: np.random.Generator):
    end_day = local_day(as_of, timezone)
    first = end_day - pd.Timedelta(days=89)
    stamps = []
    week = first
    while week <= end_day:
        days = pd.date_range(week, min(week + pd.Timedelta(days=6), end_day))
        weekdays = [d for d in days if d.weekday() < 5] or list(days)
        count = min(int(rng.integers(2, 5)), len(weekdays))
        for k in sorted(rng.choice(len(weekdays), size=count, replace=False)):
            hour = int(rng.choice([8, 9, 10, 11, 14, 16]))
            stamps.append(
                weekdays[int(k)]
                + pd.Timedelta(
                    hours=hour,
                    minutes=int(rng.integers(0, 60)),
                    seconds=int(rng.integers(0, 60)),
                    milliseconds=int(rng.integers(0, 1000)),
                )
            )
        week += pd.Timedelta(days=7)
    local = pd.DatetimeIndex(stamps).tz_localize(timezone)
    utc = local.tz_convert("UTC")
    n = len(utc)
    ids = [str((int(m) << 22) | int(rng.integers(0, 1 << 22))) for m in utc.as_unit("ms").asi8]
    pick = rng.integers(0, len(_TITLES), n)
    kinds = [_TITLES[int(i)][0] for i in pick]
    titles = [_TITLES[int(i)][1].format(brand=brand) for i in pick]
    sponsored = rng.random(n) < 0.1
    impressions = np.round(rng.lognormal(np.log(650), 0.55, n) * np.where(sponsored, 4, 1))
    impressions = impressions.astype(int) + 60
    clicks = rng.binomial(impressions, 0.025)
    likes = rng.binomial(impressions, 0.018)
    comments = rng.binomial(impressions, 0.0025)
    reposts = rng.binomial(impressions, 0.002)
    follows = rng.binomial(impressions, 0.002)
    is_video = np.array([k == "Video" for k in kinds])
    views = np.where(is_video, rng.binomial(impressions, 0.35), 0)
    return pd.DataFrame(
        {
            "post_id": ids,
            "published_at": utc,
            "local": local,
            "text": titles,
            "content_type": kinds,
            "sponsored": sponsored,
            "impressions": impressions,
            "views": views,
            "clicks": clicks,
            "likes": likes,
            "comments": comments,
            "reposts": reposts,
            "follows": follows,
        }
    )


def write_content(history: pd.DataFrame, *, author: str = "Nguyễn Thu Trang") -> bytes:
    """Write posts as LinkedIn's content export (``.xlsx``, sentence row then headers).

    Parameters
    ----------
    history : pandas.DataFrame
        One row per post: ``post_id``, ``local``, ``text``, ``content_type``, ``sponsored``
        and the metrics in snake case.
    author : str
        The ``Posted by`` admin.

    Returns
    -------
    bytes
        The workbook, with ``Metrics`` (daily totals) and ``All posts`` sheets.
    """
    rows = history.sort_values("published_at", ascending=False, kind="stable")
    header = [
        "Post title",
        "Post link",
        "Post type",
        "Campaign name",
        "Posted by",
        "Created date",
        "Campaign start date",
        "Campaign end date",
        "Audience",
        "Impressions",
        "Views (excluding off-site video views)",
        "Off-site views",
        "Clicks",
        "Click through rate (CTR)",
        "Likes",
        "Comments",
        "Reposts",
        "Follows",
        "Engagement rate",
        "Content Type",
    ]
    body = []
    for r in rows.itertuples(index=False):
        engaged = r.clicks + r.likes + r.comments + r.reposts + r.follows
        body.append(
            [
                r.text,
                f"https://www.linkedin.com/feed/update/urn:li:activity:{r.post_id}",
                "Sponsored" if r.sponsored else "Organic",
                "Tuyển dụng Q4" if r.sponsored else "",
                author,
                r.local.strftime("%m/%d/%Y"),
                r.local.strftime("%m/%d/%Y") if r.sponsored else "",
                "",
                "All followers",
                int(r.impressions),
                int(r.views) if r.views else "",
                0 if r.views else "",
                int(r.clicks),
                round(r.clicks / r.impressions, 6),
                int(r.likes),
                int(r.comments),
                int(r.reposts),
                int(r.follows),
                round(engaged / r.impressions, 6),
                r.content_type,
            ]
        )
    day = rows["local"].dt.strftime("%m/%d/%Y")
    daily = (
        rows.assign(day=rows["local"].dt.tz_localize(None).dt.normalize(), d=day)
        .groupby("day")[["impressions", "clicks", "likes", "comments", "reposts"]]
        .sum()
    )
    metrics = [
        ["Daily totals of the Page's posts in the selected date range."],
        [
            "Date",
            "Impressions (total)",
            "Clicks (total)",
            "Reactions (total)",
            "Comments (total)",
            "Reposts (total)",
        ],
    ] + [[f"{d:%m/%d/%Y}", *[int(v) for v in vals]] for d, vals in daily.iterrows()]
    return xlsx_bytes({"Metrics": metrics, "All posts": [[_CONTENT_SENTENCE], header, *body]})


def write_followers(daily: pd.DataFrame) -> bytes:
    """Write daily new followers as LinkedIn's followers export (``.xlsx``).

    Parameters
    ----------
    daily : pandas.DataFrame
        ``date``, ``sponsored``, ``organic``, ``auto_invited`` (new followers per day).

    Returns
    -------
    bytes
        The workbook: ``New followers`` plus small ``Location`` and ``Job function`` sheets.
    """
    total = daily["sponsored"] + daily["organic"] + daily["auto_invited"]
    rows = [
        [
            "Date",
            "Sponsored followers",
            "Organic followers",
            "Auto-invited followers",
            "Total followers",
        ]
    ]
    for d, s, o, a, t in zip(
        daily["date"],
        daily["sponsored"],
        daily["organic"],
        daily["auto_invited"],
        total,
        strict=True,
    ):
        rows.append([f"{d:%m/%d/%Y}", int(s), int(o), int(a), int(t)])
    location = [
        ["Location", "Total followers"],
        ["Ho Chi Minh City, Vietnam", 2810],
        ["Hanoi, Vietnam", 1204],
        ["Da Nang, Vietnam", 311],
        ["Singapore", 97],
    ]
    function = [
        ["Job function", "Total followers"],
        ["Marketing", 812],
        ["Business Development", 640],
        ["Operations", 433],
        ["Sales", 402],
    ]
    return xlsx_bytes({"New followers": rows, "Location": location, "Job function": function})


def sample_exports(
    tables: dict[str, pd.DataFrame],
    *,
    brand: str,
    timezone: str,
    as_of: pd.Timestamp,
    rng: np.random.Generator,
) -> dict[str, bytes]:
    """The sample folder's LinkedIn exports: a generated Page history (the tables have none).

    Parameters
    ----------
    tables : dict of str to DataFrame
        Canonical tables (unused: the brand has no LinkedIn rows).
    brand : str
        The brand, named in the post titles.
    timezone : str
        Local time zone of the posting schedule and of the dates.
    as_of : pandas.Timestamp
        Last day; 2-4 weekday posts a week over the 90 days up to it.
    rng : numpy.random.Generator
        The only source of randomness.

    Returns
    -------
    dict of str to bytes
        ``linkedin_content.xlsx`` and ``linkedin_followers.xlsx``.
    """
    as_of = pd.Timestamp(as_of)
    history = _history(brand, timezone, as_of, rng)
    end_day = local_day(as_of, timezone)
    days = pd.date_range(end_day - pd.Timedelta(days=89), end_day)
    organic = rng.poisson(np.where(days.day_of_week < 5, 4.0, 1.5))
    daily = pd.DataFrame(
        {
            "date": days,
            "sponsored": rng.poisson(0.3, len(days)),
            "organic": organic,
            "auto_invited": rng.poisson(0.2, len(days)),
        }
    )
    return {
        "linkedin_content.xlsx": write_content(history),
        "linkedin_followers.xlsx": write_followers(daily),
    }
