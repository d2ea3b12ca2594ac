"""The sample's LinkedIn Page exports: a generated Page history (no canonical LinkedIn rows).

Writes what :mod:`smmnb.io.exports.linkedin` reads: ``linkedin_content.xlsx`` (a ``Metrics``
sheet of daily totals and an ``All posts`` sheet, each under a one-cell sentence) and
``linkedin_followers.xlsx`` (``New followers`` per day plus small demographic sheets).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from smmnb.sample.exports._write import local_day, xlsx_bytes

__all__ = ["sample_exports", "write_content", "write_followers"]

_CONTENT_SENTENCE = (
    "All posts published on the Page in the selected date range, with their lifetime metrics. "
    "Engagement rate = (clicks + likes + comments + reposts + follows) / impressions."
)

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
