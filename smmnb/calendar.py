"""The content calendar: planned against published, gaps, cadence, open slots and exports.

A calendar item is *planned content*; it is *published* when it carries the ``post_id`` of a
post (or its status says so), *cancelled* when its status says so, and *open* otherwise
(``planned``, ``scheduled``, ``draft``...). Times are converted to the local time zone ``tz``
(default: the table's ``attrs['timezone']``, else Asia/Ho_Chi_Minh) before they are cut into
days and weeks; weeks run Monday to Sunday and are labelled by their Monday.

:func:`to_ics` and :func:`to_csv` are the only functions that write, and only the file they
are given.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from os import PathLike
from pathlib import Path

import numpy as np
import pandas as pd

from smmnb.metrics import ratio
from smmnb.trends import DEFAULT_TIMEZONE, best_time
from smmnb.workspace import local_time, parse_day

__all__ = [
    "CADENCE",
    "CalendarSummary",
    "escape_formulas",
    "summary",
    "suggest_slots",
    "to_csv",
    "to_ics",
    "upcoming",
]

CADENCE = {
    "facebook": (5, 14),
    "instagram": (3, 7),
    "tiktok": (3, 14),
    "youtube": (1, 3),
    "zalo": (2, 5),
    "x": (7, 35),
    "linkedin": (2, 5),
    "threads": (3, 14),
}
"""Recommended posts per week (fewest, most) per platform.

An assumption, not a platform rule: a common rhythm for a consumer brand's page, from
social media management guides. Pass your own ``cadence=`` to :func:`summary`.
"""

_NO_CONTENT = {"google", "web", "news", "forum"}  # ads there need no post in the calendar
_CLOSED = {"published", "cancelled", "canceled", "posted", "done"}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _tz(df: pd.DataFrame, tz: str | None) -> str:
    return tz or df.attrs.get("timezone") or DEFAULT_TIMEZONE


def _monday(day: pd.Series) -> pd.Series:
    day = day.dt.normalize()
    return day - pd.to_timedelta(day.dt.day_of_week, unit="D")


def _status(calendar: pd.DataFrame) -> pd.Series:
    status = calendar["status"].astype("str").str.strip().str.lower()
    linked = calendar["post_id"].notna() if "post_id" in calendar.columns else False
    return status.where(~linked, "published")


def upcoming(
    calendar: pd.DataFrame,
    start: str | pd.Timestamp,
    days: int = 14,
    *,
    tz: str | None = None,
) -> pd.DataFrame:
    """The calendar items planned for ``days`` local days from ``start``, in time order.

    Parameters
    ----------
    calendar : pandas.DataFrame
        A ``calendar`` table.
    start : str or Timestamp
        First local day.
    days : int
        Number of days (>= 1).
    tz : str, optional
        Local time zone.

    Returns
    -------
    pandas.DataFrame
        ``planned_local`` (local time, no zone), ``weekday`` (0 = Monday), ``platform``,
        ``title``, ``format``, ``campaign``, ``status``, ``owner``; cancelled items included
        (their status says so).
    """
    if days < 1:
        raise ValueError(f"days must be >= 1, got {days}")
    first = parse_day(start, "start")
    local = local_time(calendar["planned_at"], _tz(calendar, tz))
    keep = (local >= first) & (local < first + pd.Timedelta(days=days))
    out = calendar[keep].assign(planned_local=local[keep], status=_status(calendar)[keep])
    out["weekday"] = out["planned_local"].dt.day_of_week
    columns = ["planned_local", "weekday", "platform", "title", "format", "campaign", "status",
               "owner"]  # fmt: skip
    out = out[[c for c in columns if c in out.columns]]
    return out.sort_values(["planned_local", "platform"], kind="stable").reset_index(drop=True)


@dataclass(frozen=True)
class CalendarSummary:
    """Output of :func:`summary`.

    Attributes
    ----------
    weekly : pandas.DataFrame
        Per ``platform`` and ``week`` (Monday): ``planned`` (items not cancelled),
        ``cancelled``, ``published`` (posts published that week, planned or not),
        ``published_as_planned`` (planned items of that week that were published),
        ``completion`` = published_as_planned / planned (NaN for weeks after ``as_of``).
    on_time : pandas.DataFrame
        Per ``platform``: ``published_items`` (planned items linked to a post), ``on_time``
        (published no later than ``tolerance`` after the planned time), ``on_time_rate`` =
        on_time / published_items, ``median_delay_h`` (hours, published - planned).
    gaps : pandas.DataFrame
        ``platform``, ``date``: local days in the planning window (the ``weeks_ahead`` weeks
        after ``as_of``) with nothing planned on that platform.
    overdue : pandas.DataFrame
        Open items (not published, not cancelled) planned before ``as_of``: ``planned_local``,
        ``platform``, ``title``, ``status``, ``owner``, ``days_overdue``.
    campaigns_without_content : pandas.DataFrame
        Campaigns with ad spend on a social platform in the 28 days up to ``as_of`` but no
        calendar item or post tagged with the campaign on that platform (search ads on
        ``google`` need none): ``campaign``, ``platform``, ``first_day``, ``last_day``,
        ``spend``.
    cadence : pandas.DataFrame
        Per ``platform``: ``published_per_week`` (mean over the 4 weeks up to ``as_of``),
        ``planned_per_week`` (mean over the planning window), ``recommended_min``,
        ``recommended_max`` and ``status`` (``below``, ``within``, ``above``) of the plan.
    """

    weekly: pd.DataFrame
    on_time: pd.DataFrame
    gaps: pd.DataFrame
    overdue: pd.DataFrame
    campaigns_without_content: pd.DataFrame
    cadence: pd.DataFrame


def summary(
    calendar: pd.DataFrame,
    posts: pd.DataFrame,
    as_of: str | pd.Timestamp | None = None,
    *,
    ads: pd.DataFrame | None = None,
    tz: str | None = None,
    weeks_ahead: int = 2,
    tolerance: str = "1h",
    cadence: dict[str, tuple[float, float]] | None = None,
) -> CalendarSummary:
    """Planned against published, on-time rate, gaps, overdue items, campaigns and cadence.

    Parameters
    ----------
    calendar : pandas.DataFrame
        A ``calendar`` table.
    posts : pandas.DataFrame
        The ``posts`` published (to count what went out, planned or not).
    as_of : str or Timestamp, optional
        The local day the summary is made on (included in the past); default the last day
        with a published post.
    ads : pandas.DataFrame, optional
        An ``ads`` table, to find campaigns that run without content.
    tz : str, optional
        Local time zone.
    weeks_ahead : int
        Weeks after ``as_of`` checked for gaps and cadence (>= 1).
    tolerance : str
        How late after the planned time a post still counts as on time.
    cadence : dict, optional
        ``{platform: (fewest, most)}`` posts per week; default :data:`CADENCE`.

    Returns
    -------
    CalendarSummary
    """
    if weeks_ahead < 1:
        raise ValueError(f"weeks_ahead must be >= 1, got {weeks_ahead}")
    try:
        late = pd.Timedelta(tolerance)
    except (ValueError, TypeError):
        raise ValueError(f"tolerance must be a duration such as '1h', got {tolerance!r}") from None
    for column in ("planned_at", "platform", "status"):
        if column not in calendar.columns:
            raise ValueError(f"the calendar needs a '{column}' column")
    zone = _tz(calendar, tz)
    rhythm = cadence if cadence is not None else CADENCE
    cal = calendar.reset_index(drop=True)
    planned = local_time(cal["planned_at"], zone)
    status = _status(cal)
    platform = cal["platform"].astype("str")
    published_local = local_time(posts["published_at"], zone)
    day = parse_day(as_of, "as_of") if as_of else published_local.max().normalize()
    window_end = day + pd.Timedelta(weeks=weeks_ahead)
    cancelled = status.isin(["cancelled", "canceled"])

    # planned vs published per week
    items = pd.DataFrame({"platform": platform, "week": _monday(planned),
                          "planned": (~cancelled).astype(int), "cancelled": cancelled.astype(int),
                          "published_as_planned": (status == "published").astype(int)})  # fmt: skip
    weekly = items.groupby(["platform", "week"]).sum()
    out_posts = pd.DataFrame({"platform": posts["platform"].astype("str").to_numpy(),
                              "week": _monday(published_local).to_numpy()})  # fmt: skip
    published = out_posts.groupby(["platform", "week"]).size().rename("published")
    weekly = weekly.join(published, how="outer").fillna(0).astype("int64").reset_index()
    weekly["completion"] = ratio(weekly["published_as_planned"], weekly["planned"]).to_numpy()
    weekly.loc[weekly["week"] > day, "completion"] = np.nan  # not due yet
    weekly = weekly[["platform", "week", "planned", "cancelled", "published",
                     "published_as_planned", "completion"]]  # fmt: skip

    # on time: planned items linked to a post
    linked = cal[cal["post_id"].notna()] if "post_id" in cal.columns else cal.iloc[:0]
    when = posts.drop_duplicates("post_id").set_index("post_id")["published_at"]
    went_out = local_time(linked["post_id"].map(when), zone)
    delay_h = (went_out - planned[linked.index]).dt.total_seconds() / 3600
    timing = pd.DataFrame({"platform": platform[linked.index], "delay_h": delay_h})
    timing = timing.dropna(subset=["delay_h"])
    timing["on_time"] = timing["delay_h"] <= late.total_seconds() / 3600
    on_time = timing.groupby("platform").agg(
        published_items=("delay_h", "size"),
        on_time=("on_time", "sum"),
        median_delay_h=("delay_h", "median"),
    )
    on_time = on_time.reset_index()
    on_time["on_time"] = on_time["on_time"].astype("int64")
    on_time["on_time_rate"] = ratio(on_time["on_time"], on_time["published_items"]).to_numpy()
    on_time = on_time[["platform", "published_items", "on_time", "on_time_rate",
                       "median_delay_h"]]  # fmt: skip

    # gaps in the planning window
    ahead = (planned >= day + pd.Timedelta(days=1)) & (planned < window_end + pd.Timedelta(days=1))
    platforms = sorted(set(platform) | set(out_posts["platform"]))
    days = pd.date_range(day + pd.Timedelta(days=1), window_end, freq="D")
    grid = pd.MultiIndex.from_product([platforms, days], names=["platform", "date"])
    busy = pd.MultiIndex.from_arrays(
        [platform[ahead & ~cancelled], planned[ahead & ~cancelled].dt.normalize()]
    )
    gaps = grid[~grid.isin(busy)].to_frame(index=False)

    # overdue: open items planned before as_of
    open_ = ~status.isin(_CLOSED)
    due = open_ & (planned < day + pd.Timedelta(days=1)) & ~cancelled
    overdue = cal[due].assign(planned_local=planned[due], status=status[due])
    overdue["days_overdue"] = (day - overdue["planned_local"].dt.normalize()).dt.days
    columns = ["planned_local", "platform", "title", "status", "owner", "days_overdue"]
    overdue = overdue[[c for c in columns if c in overdue.columns]]
    overdue = overdue.sort_values("planned_local").reset_index(drop=True)

    # campaigns with spend on a platform but no content tagged with them there
    missing = pd.DataFrame(columns=["campaign", "platform", "first_day", "last_day", "spend"])
    if ads is not None and len(ads) and "campaign" in cal.columns:
        ad_day = local_time(ads["date"], zone).dt.normalize()
        recent = ad_day > day - pd.Timedelta(days=28)
        flights = (
            ads[recent]
            .assign(
                day=ad_day[recent],
                platform=ads["platform"].astype("str"),
                campaign=ads["campaign"].astype("str"),
            )  # fmt: skip
            .groupby(["campaign", "platform"])
            .agg(first_day=("day", "min"), last_day=("day", "max"), spend=("spend", "sum"))
            .reset_index()
        )
        flights = flights[~flights["platform"].isin(_NO_CONTENT) & (flights["spend"] > 0)]
        tagged = set(zip(cal["campaign"].astype("str"), platform, strict=True))
        if "campaign" in posts.columns:
            tagged |= set(zip(posts["campaign"].astype("str"),
                              posts["platform"].astype("str"), strict=True))  # fmt: skip
        keys = list(zip(flights["campaign"], flights["platform"], strict=True))
        missing = flights[[k not in tagged for k in keys]].reset_index(drop=True)

    # cadence: last 4 weeks published, planned in the window, against the rhythm
    past = (published_local > day - pd.Timedelta(days=28)) & (
        published_local < day + pd.Timedelta(days=1)
    )
    per_week_past = out_posts[past.to_numpy()].groupby("platform").size() / 4
    per_week_plan = platform[ahead & ~cancelled].value_counts() / weeks_ahead
    pace = pd.DataFrame({"platform": platforms})
    pace["published_per_week"] = pace["platform"].map(per_week_past).fillna(0.0)
    pace["planned_per_week"] = pace["platform"].map(per_week_plan).fillna(0.0)
    pace["recommended_min"] = pace["platform"].map(lambda p: rhythm.get(p, (np.nan,))[0])
    pace["recommended_max"] = pace["platform"].map(lambda p: rhythm.get(p, (np.nan, np.nan))[1])
    pace["status"] = np.select(
        [
            pace["recommended_min"].isna(),
            pace["planned_per_week"] < pace["recommended_min"],
            pace["planned_per_week"] > pace["recommended_max"],
        ],
        ["no recommendation", "below", "above"],
        default="within",
    )
    return CalendarSummary(
        weekly=weekly.sort_values(["week", "platform"]).reset_index(drop=True),
        on_time=on_time,
        gaps=gaps,
        overdue=overdue,
        campaigns_without_content=missing,
        cadence=pace,
    )


def suggest_slots(
    posts: pd.DataFrame,
    calendar: pd.DataFrame,
    week_start: str | pd.Timestamp,
    *,
    per_platform: int = 3,
    metric: str = "er_reach",
    min_posts: int = 3,
    tz: str | None = None,
    platforms: list[str] | None = None,
) -> pd.DataFrame:
    """The best open posting slots in a week, per platform, from :func:`smmnb.trends.best_time`.

    Slots are ranked by :func:`~smmnb.trends.best_time` over all platforms' posts with the
    metric taken relative to the platform and format (so that the platforms' posts can be
    pooled), among slots with at least ``min_posts`` posts. A slot is open on a platform when
    that platform has no item (other than a cancelled one) planned on that day; at most one
    suggestion per platform and day. The ranking is observational (see ``best_time``).

    Parameters
    ----------
    posts : pandas.DataFrame
        Past ``posts``.
    calendar : pandas.DataFrame
        The ``calendar``, to leave out days already planned.
    week_start : str or Timestamp
        A local day; the week is the 7 days from it.
    per_platform : int
        Suggestions per platform (>= 1).
    metric : str
        As in ``best_time``.
    min_posts : int
        Slots with fewer past posts are not suggested.
    tz : str, optional
        Local time zone.
    platforms : list of str, optional
        Platforms to plan for; default those with posts.

    Returns
    -------
    pandas.DataFrame
        ``platform``, ``slot`` (local start time, no zone), ``weekday``, ``hour``, ``value``
        (relative metric: 1.2 = 20% above the average post of its platform and format),
        ``ci_low``, ``ci_high``, ``posts`` (past posts behind the estimate).
    """
    if per_platform < 1:
        raise ValueError(f"per_platform must be >= 1, got {per_platform}")
    first = parse_day(week_start, "week_start")
    zone = _tz(posts, tz)
    ranked = best_time(posts, metric=metric, tz=zone, min_posts=min_posts,
                       relative_to=["platform", "format"])  # fmt: skip
    ranked = ranked[ranked["posts"] >= min_posts]
    days = pd.date_range(first, periods=7, freq="D")
    dates = pd.DataFrame({"date": days, "weekday": days.day_of_week})
    slots = ranked.merge(dates, on="weekday")
    slots["slot"] = slots["date"] + pd.to_timedelta(slots["hour"], unit="h")
    wanted = platforms or sorted(posts["platform"].dropna().astype("str").unique())
    candidates = slots.merge(pd.DataFrame({"platform": wanted}), how="cross")
    planned = local_time(calendar["planned_at"], zone).dt.normalize()
    taken = calendar[~_status(calendar).isin(["cancelled", "canceled"])]
    busy = pd.MultiIndex.from_arrays(
        [taken["platform"].astype("str"), planned[taken.index]], names=["platform", "date"]
    )
    key = pd.MultiIndex.from_arrays([candidates["platform"], candidates["date"]])
    candidates = candidates[~key.isin(busy)]
    candidates = candidates.sort_values(["platform", "value", "slot"],
                                        ascending=[True, False, True])  # fmt: skip
    candidates = candidates.drop_duplicates(["platform", "date"])
    out = candidates.groupby("platform", sort=True).head(per_platform)
    columns = ["platform", "slot", "weekday", "hour", "value", "ci_low", "ci_high", "posts"]
    return out[columns].reset_index(drop=True)


def _exported(calendar: pd.DataFrame, statuses: tuple[str, ...], since, zone: str) -> pd.DataFrame:
    keep = _status(calendar).isin([s.lower() for s in statuses])
    if since is not None and since != "":
        keep &= local_time(calendar["planned_at"], zone) >= parse_day(since, "since")
    return calendar[keep]


def _uid(row: tuple) -> str:
    digest = hashlib.sha1("|".join(map(str, row)).encode("utf-8")).hexdigest()[:20]
    return f"{digest}@smmnb"


def to_ics(
    calendar: pd.DataFrame,
    path: str | PathLike,
    *,
    statuses: tuple[str, ...] = ("planned", "scheduled"),
    since: str | pd.Timestamp | None = None,
    duration: str = "30min",
    name: str = "Content calendar",
    dtstamp: pd.Timestamp | None = None,
) -> Path:
    """Write planned items as an RFC 5545 calendar file (``.ics``), one event per item.

    Each event starts at the item's ``planned_at`` (in UTC, so every calendar app shows it
    in its own zone), lasts ``duration``, is titled ``[platform] title`` and describes format,
    campaign, owner and status; ``STATUS`` is TENTATIVE for planned and CONFIRMED for
    scheduled items. ``UID`` is derived from brand, platform, time and title, so a
    re-exported item updates the same event instead of duplicating it.

    Parameters
    ----------
    calendar : pandas.DataFrame
        A ``calendar`` table.
    path : str or path-like
        The file to write.
    statuses : tuple of str
        Which items to export (compared in lower case; linked items count as published).
    since : str or Timestamp, optional
        Export only items planned on or after this local day (leave out overdue ones).
    duration : str
        Length of each event.
    name : str
        The calendar's name (``X-WR-CALNAME``).
    dtstamp : Timestamp, optional
        ``DTSTAMP`` of the events (when the file was made); default the latest ``planned_at``
        exported, so the same calendar always gives the same bytes.

    Returns
    -------
    pathlib.Path
    """
    import icalendar

    try:
        length = pd.Timedelta(duration)
    except (ValueError, TypeError):
        raise ValueError(f"duration must be a length such as '30min', got {duration!r}") from None
    if length <= pd.Timedelta(0):
        raise ValueError(f"duration must be positive, got {duration!r}")
    items = _exported(calendar, statuses, since, _tz(calendar, None))
    status = _status(calendar)[items.index]
    start = items["planned_at"]
    if not isinstance(start.dtype, pd.DatetimeTZDtype):
        start = start.dt.tz_localize(_tz(calendar, None))
    start = start.dt.tz_convert("UTC")
    stamp = pd.Timestamp(dtstamp) if dtstamp is not None else start.max()
    if pd.isna(stamp):
        stamp = pd.Timestamp("1970-01-01", tz="UTC")
    if stamp.tzinfo is None:
        stamp = stamp.tz_localize("UTC")
    cal = icalendar.Calendar()
    cal.add("prodid", "-//smmnb//content calendar//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)

    def text(column: str) -> pd.Series:
        if column not in items.columns:
            return pd.Series("", index=items.index)
        return items[column].astype("str").where(items[column].notna(), "")

    title, platform, fmt = text("title"), text("platform"), text("format")
    campaign, owner, brand = text("campaign"), text("owner"), text("brand")
    for i in items.index:
        event = icalendar.Event()
        when = start[i].to_pydatetime()
        event.add("uid", _uid((brand[i], platform[i], start[i].isoformat(), title[i])))
        event.add("dtstamp", stamp.tz_convert("UTC").to_pydatetime())
        event.add("dtstart", when)
        event.add("dtend", (start[i] + length).to_pydatetime())
        event.add("summary", f"[{platform[i]}] {title[i]}")
        details = [f"Format: {fmt[i]}" if fmt[i] else "", f"Campaign: {campaign[i]}"
                   if campaign[i] else "", f"Owner: {owner[i]}" if owner[i] else "",
                   f"Status: {status[i]}"]  # fmt: skip
        event.add("description", "\n".join(d for d in details if d))
        if platform[i]:
            event.add("categories", [platform[i]])
        event.add("status", "CONFIRMED" if status[i] == "scheduled" else "TENTATIVE")
        cal.add_component(event)
    target = Path(path)
    target.write_bytes(cal.to_ical())
    return target


def escape_formulas(values: pd.Series) -> pd.Series:
    """Prefix text cells that a spreadsheet would run as a formula with an apostrophe.

    Cells that start with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return are written
    as ``'=...``: spreadsheets show the text and run nothing (the OWASP advice against CSV
    injection). Other cells and missing values are unchanged.

    Parameters
    ----------
    values : pandas.Series

    Returns
    -------
    pandas.Series
    """
    present = values.notna().to_numpy()
    text = values.astype("str").astype(object)
    risky = text.str.startswith(_FORMULA_START).to_numpy(dtype=bool) & present
    out = np.where(risky, "'" + text, text)
    return pd.Series(np.where(present, out, None), index=values.index, dtype=object)


def to_csv(
    calendar: pd.DataFrame,
    path: str | PathLike,
    *,
    tz: str | None = None,
    statuses: tuple[str, ...] = ("planned", "scheduled"),
    since: str | pd.Timestamp | None = None,
) -> Path:
    """Write planned items as a CSV that scheduling tools and spreadsheets import.

    One row per item: ``date`` (local ``YYYY-MM-DD``), ``time`` (local ``HH:MM``),
    ``timezone``, ``platform``, ``format``, ``title``, ``campaign``, ``owner``, ``status``.
    UTF-8 with a byte-order mark, so spreadsheets read Vietnamese correctly. Text cells that
    start with ``=``, ``+``, ``-`` or ``@`` are escaped with :func:`escape_formulas`.

    Parameters
    ----------
    calendar : pandas.DataFrame
        A ``calendar`` table.
    path : str or path-like
        The file to write.
    tz : str, optional
        Local time zone of the date and time.
    statuses : tuple of str
        Which items to export.
    since : str or Timestamp, optional
        Export only items planned on or after this local day.

    Returns
    -------
    pathlib.Path
    """
    zone = _tz(calendar, tz)
    items = _exported(calendar, statuses, since, zone)
    status = _status(calendar)
    local = local_time(items["planned_at"], zone)
    out = pd.DataFrame(
        {
            "date": local.dt.strftime("%Y-%m-%d"),
            "time": local.dt.strftime("%H:%M"),
            "timezone": zone,
        },
        index=items.index,
    )
    for column in ("platform", "format", "title", "campaign", "owner"):
        values = items[column] if column in items.columns else pd.Series(None, index=items.index)
        out[column] = escape_formulas(values.astype("object"))
    out["status"] = status[items.index]
    out = out.sort_values(["date", "time", "platform"], kind="stable")
    target = Path(path)
    out.to_csv(target, index=False, encoding="utf-8-sig")
    return target
