"""The content calendar: planned against published, gaps, cadence, open slots and exports.

A calendar item is *planned content*; it is *published* when it carries the ``post_id`` of a
post (or its status says so), *cancelled* when its status says so, and *open* otherwise
(``planned``, ``scheduled``, ``draft``...). Times are converted to the local time zone before
they are cut into days and weeks; weeks run Monday to Sunday and are labelled by their Monday.
The local zone is, in this order:

1. ``tz`` when given (an IANA name such as ``"America/New_York"``);
2. else the table's ``attrs["timezone"]`` (:func:`smmnb.load_workspace` sets it on every table
   from ``smmnb.yml`` or its ``timezone=`` argument);
3. else the zone the timestamps carry: UTC for the canonical UTC timestamps.

No function falls back to a fixed zone of its own. Timestamps without a zone (naive) are taken
as already local.

When the data are too thin (no calendar for the brand, no posts to compare the plan with, no
post with reach and a time of day for slots, nothing to export), functions raise
:class:`~smmnb.errors.InsufficientData` with one sentence for the report
(:mod:`smmnb.narrative.calendar` words them).

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

from smmnb.errors import InsufficientData
from smmnb.i18n import _
from smmnb.metrics import ratio
from smmnb.narrative import calendar as say
from smmnb.narrative import needs
from smmnb.timezones import local_time, parse_day, period_start, resolve_zone
from smmnb.trends import best_time

__all__ = [
    "CADENCE",
    "CalendarSummary",
    "escape_formulas",
    "file_stem",
    "on_time",
    "period_totals",
    "platforms_of",
    "require",
    "require_any",
    "require_exportable",
    "require_posts",
    "review_weeks",
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


def _tz(df: pd.DataFrame, tz: str | None, column: str | None = None) -> str | None:
    """The local zone (see the module docstring): :func:`smmnb.timezones.resolve_zone`."""
    return resolve_zone(df, tz, when=column)


def _local(when: pd.Series, zone: str | None) -> pd.Series:
    """Wall-clock times in ``zone`` as naive timestamps: :func:`smmnb.timezones.local_time`."""
    return local_time(when, zone)


def _last_day(published: pd.Series, planned: pd.Series) -> pd.Timestamp:
    """The default review day: the last day with a published post, else with a plan."""
    for when in (published, planned):
        if when.notna().any():
            return when.max().normalize()
    raise InsufficientData(
        needs(
            _(say.ANALYSIS),
            _("a post or a planned item to date the review (or as_of=)"),
            _("there are none"),
        )
    )


def _monday(day: pd.Series) -> pd.Series:
    return period_start(day, "W")


def _status(calendar: pd.DataFrame) -> pd.Series:
    status = calendar["status"].astype("str").str.strip().str.lower()
    if "post_id" not in calendar.columns:
        return status
    return status.where(calendar["post_id"].isna(), "published")


def require(calendar: pd.DataFrame, brand: str) -> None:
    """Raise :class:`InsufficientData` when ``brand`` has no calendar item at all.

    Parameters
    ----------
    calendar : pandas.DataFrame
        The folder's ``calendar`` (every brand, platform and date).
    brand : str
        The brand analysed.
    """
    if not (calendar["brand"] == brand).any():
        present = sorted(calendar["brand"].dropna().astype("str").unique())
        raise InsufficientData(say.no_calendar(brand, present))


def require_posts(posts: pd.DataFrame, analysis: str, whose: str) -> None:
    """Raise :class:`InsufficientData` for a part that compares the plan with posts, when none.

    ``whose`` names the brand and filter (see :func:`smmnb.narrative.calendar.who`).
    """
    if posts.empty:
        raise InsufficientData(say.no_posts(analysis, whose))


def require_any(plans: pd.DataFrame, posts: pd.DataFrame, analysis: str, whose: str) -> None:
    """Raise :class:`InsufficientData` when the filter in force leaves neither plans nor posts."""
    if plans.empty and posts.empty:
        raise InsufficientData(say.nothing_in_filter(analysis, whose))


def require_exportable(
    calendar: pd.DataFrame,
    *,
    since: str | pd.Timestamp,
    statuses: tuple[str, ...] = ("planned", "scheduled"),
    tz: str | None = None,
) -> None:
    """Raise :class:`InsufficientData` when :func:`to_ics` and :func:`to_csv` write nothing."""
    if _exported(calendar, statuses, since, _tz(calendar, tz)).empty:
        raise InsufficientData(
            say.nothing_to_export(parse_day(since, "since") - pd.Timedelta(days=1))
        )


def platforms_of(calendar: pd.DataFrame, brand: str) -> list[str]:
    """The platforms ``brand``'s calendar plans for, sorted."""
    return sorted(
        calendar.loc[calendar["brand"] == brand, "platform"].dropna().astype("str").unique()
    )


def review_weeks(as_of: str | pd.Timestamp) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The Monday of the week of ``as_of`` and the Monday after it."""
    day = parse_day(as_of, "as_of")
    monday = day - pd.Timedelta(days=day.day_of_week)
    return monday, monday + pd.Timedelta(days=7)


def period_totals(
    calendar: pd.DataFrame,
    posts: pd.DataFrame,
    start: str | pd.Timestamp,
    end: str | pd.Timestamp,
    *,
    tz: str | None = None,
) -> pd.Series:
    """The plan against what went out over local days ``start`` to ``end`` (both included).

    Parameters
    ----------
    calendar : pandas.DataFrame
        The ``calendar`` (every date: a post of the period may be linked to an item planned
        outside it).
    posts : pandas.DataFrame
        The ``posts``.
    start, end : str or Timestamp
        Local days.
    tz : str, optional
        Local time zone (see the module docstring).

    Returns
    -------
    pandas.Series
        Counts: ``planned`` (items of the period not cancelled), ``cancelled``,
        ``published_as_planned`` (planned items published), ``open`` (planned items neither
        published nor cancelled), ``posts`` (posts published in the period) and
        ``unplanned_posts`` (those no calendar item links to).
    """
    first, last = parse_day(start, "start"), parse_day(end, "end")
    if first is None or last is None or first > last:
        raise ValueError(f"start and end must be ISO dates, start first; got {start!r}, {end!r}")
    stop = last + pd.Timedelta(days=1)
    zone = _tz(calendar, tz)
    planned = _local(calendar["planned_at"], zone)
    in_period = ((planned >= first) & (planned < stop)).to_numpy()
    status = _status(calendar)[in_period]
    cancelled = status.isin(["cancelled", "canceled"])
    published = status == "published"
    went_out = _local(posts["published_at"], zone)
    out_posts = posts[((went_out >= first) & (went_out < stop)).to_numpy()]
    linked = set(calendar["post_id"].dropna().astype("str")) if "post_id" in calendar else set()
    unplanned = ~out_posts["post_id"].astype("str").isin(linked)
    return pd.Series(
        {
            "planned": int((~cancelled).sum()),
            "cancelled": int(cancelled.sum()),
            "published_as_planned": int(published.sum()),
            "open": int((~cancelled & ~published).sum()),
            "posts": len(out_posts),
            "unplanned_posts": int(unplanned.sum()),
        },
        dtype="int64",
    )


def file_stem(*parts: str) -> str:
    """A name safe for files on any system, from the brand (and filter): ``Moc-Coffee``.

    Letters are folded to ASCII (``Mộc Cà Phê`` -> ``Moc-Ca-Phe``); anything but letters,
    digits, ``_`` and ``-`` becomes one ``-``. Never empty (``calendar`` at worst).
    """
    import re
    import unicodedata

    text = "-".join(str(p) for p in parts if str(p).strip())
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-_")
    return re.sub(r"-{2,}", "-", text)[:80] or "calendar"


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
    local = _local(calendar["planned_at"], _tz(calendar, tz))
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
        ``google`` need none): ``campaign``, ``platform``, ``currency``, ``first_day``,
        ``last_day``, ``spend`` (in that currency). ``attrs["checked"]``: how many campaigns
        and platforms with recent spend were checked.
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
    *,
    as_of: str | pd.Timestamp | None = None,
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
    late = _tolerance(tolerance)
    for column in ("planned_at", "platform", "status"):
        if column not in calendar.columns:
            raise ValueError(f"the calendar needs a '{column}' column")
    zone = _tz(calendar, tz)
    rhythm = cadence if cadence is not None else CADENCE
    cal = calendar.reset_index(drop=True)
    planned = _local(cal["planned_at"], zone)
    status = _status(cal)
    platform = cal["platform"].astype("str")
    published_local = _local(posts["published_at"], zone)
    day = parse_day(as_of, "as_of") if as_of else _last_day(published_local, planned)
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

    on_time = _on_time(cal, posts, planned, platform, zone, late)

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
    missing = pd.DataFrame(
        columns=["campaign", "platform", "currency", "first_day", "last_day", "spend"]
    )
    checked = 0
    if ads is not None and len(ads) and "campaign" in cal.columns:
        ad_day = _local(ads["date"], zone).dt.normalize()
        recent = ad_day > day - pd.Timedelta(days=28)
        # spend is summed per currency: amounts in different currencies are never added
        money = (
            ads["currency"]
            .astype("str")
            .where(ads["currency"].notna(), ads.attrs.get("currency", ""))
            if "currency" in ads.columns
            else pd.Series(ads.attrs.get("currency", ""), index=ads.index)
        )
        flights = (
            ads[recent]
            .assign(
                day=ad_day[recent],
                platform=ads["platform"].astype("str"),
                campaign=ads["campaign"].astype("str"),
                currency=money[recent],
            )  # fmt: skip
            .groupby(["campaign", "platform", "currency"])
            .agg(first_day=("day", "min"), last_day=("day", "max"), spend=("spend", "sum"))
            .reset_index()
        )
        flights = flights[~flights["platform"].isin(_NO_CONTENT) & (flights["spend"] > 0)]
        checked = len(flights[["campaign", "platform"]].drop_duplicates())
        tagged = set(zip(cal["campaign"].astype("str"), platform, strict=True))
        if "campaign" in posts.columns:
            tagged |= set(zip(posts["campaign"].astype("str"),
                              posts["platform"].astype("str"), strict=True))  # fmt: skip
        keys = list(zip(flights["campaign"], flights["platform"], strict=True))
        missing = flights[[k not in tagged for k in keys]].reset_index(drop=True)
    missing.attrs = {"checked": checked}

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


def _on_time(
    cal: pd.DataFrame,
    posts: pd.DataFrame,
    planned: pd.Series,
    platform: pd.Series,
    zone: str | None,
    late: pd.Timedelta,
) -> pd.DataFrame:
    """Per platform: planned items linked to a post, how many went out on time, median delay."""
    columns = ["platform", "published_items", "on_time", "on_time_rate", "median_delay_h"]
    linked = cal[cal["post_id"].notna()] if "post_id" in cal.columns else cal.iloc[:0]
    when = posts.drop_duplicates("post_id").set_index("post_id")["published_at"]
    found = linked["post_id"].isin(when.index)
    if not found.any():
        return pd.DataFrame({c: pd.Series(dtype="float64" if c.endswith(("rate", "_h")) else
                                          "int64" if c != "platform" else "object")
                             for c in columns})  # fmt: skip
    linked = linked[found.to_numpy()]
    went_out = _local(linked["post_id"].map(when), zone)
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
    return on_time[["platform", "published_items", "on_time", "on_time_rate",
                    "median_delay_h"]]  # fmt: skip


def _tolerance(tolerance: str) -> pd.Timedelta:
    try:
        return pd.Timedelta(tolerance)
    except (ValueError, TypeError):
        raise ValueError(f"tolerance must be a duration such as '1h', got {tolerance!r}") from None


def on_time(
    calendar: pd.DataFrame,
    posts: pd.DataFrame,
    *,
    tz: str | None = None,
    tolerance: str = "1h",
) -> pd.DataFrame:
    """How punctually the planned items that went out were published, per platform.

    Parameters
    ----------
    calendar : pandas.DataFrame
        The ``calendar`` items to judge (for example those planned in a period).
    posts : pandas.DataFrame
        The ``posts``, to find when each linked item (``post_id``) went out.
    tz : str, optional
        Local time zone (see the module docstring; it does not change delays).
    tolerance : str
        How late after the planned time a post still counts as on time.

    Returns
    -------
    pandas.DataFrame
        As :attr:`CalendarSummary.on_time`: ``platform``, ``published_items``, ``on_time``,
        ``on_time_rate`` = on_time / published_items, ``median_delay_h``.

    Raises
    ------
    InsufficientData
        When no item is linked to a post found in ``posts``.
    """
    late = _tolerance(tolerance)
    cal = calendar.reset_index(drop=True)
    zone = _tz(cal, tz)
    out = _on_time(cal, posts, _local(cal["planned_at"], zone), cal["platform"].astype("str"),
                   zone, late)  # fmt: skip
    if out.empty:
        linked = int(cal["post_id"].notna().sum()) if "post_id" in cal.columns else 0
        raise InsufficientData(say.no_linked_items(len(cal), linked))
    return out


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
        ``ci_low``, ``ci_high``, ``posts`` (past posts behind the estimate). ``attrs``:
        ``platforms`` (those planned for), ``full`` (those with an item on every day of the
        week, where no slot is open) and ``unmeasured`` (those whose own posts lack the metric,
        such as reach: no slot is suggested there from other platforms' posts).

    Raises
    ------
    InsufficientData
        For ``er_reach``, when no past post has reach and a time of day (posts dated without
        times are read as local midnight).
    """
    if per_platform < 1:
        raise ValueError(f"per_platform must be >= 1, got {per_platform}")
    first = parse_day(week_start, "week_start")
    zone = _tz(posts, tz, "published_at")
    if metric == "er_reach":
        with_reach = (
            posts[posts["reach"].notna() & (posts["reach"] > 0)]
            if "reach" in posts
            else posts.iloc[:0]
        )
        local = _local(with_reach["published_at"], zone).dropna()
        if not (local != local.dt.normalize()).any():
            raise InsufficientData(say.no_timed_posts(len(posts), len(with_reach)))
        with_metric = set(with_reach["platform"].dropna().astype("str"))
    else:
        with_metric = None
    ranked = best_time(posts, metric=metric, tz=zone, min_posts=min_posts,
                       relative_to=["platform", "format"])  # fmt: skip
    ranked = ranked[ranked["posts"] >= min_posts]
    days = pd.date_range(first, periods=7, freq="D")
    dates = pd.DataFrame({"date": days, "weekday": days.day_of_week})
    slots = ranked.merge(dates, on="weekday")
    slots["slot"] = slots["date"] + pd.to_timedelta(slots["hour"], unit="h")
    wanted = platforms or sorted(posts["platform"].dropna().astype("str").unique())
    # a platform is planned for only from its own posts' metric (the ranking pools platforms)
    unmeasured = sorted(set(wanted) - with_metric) if with_metric is not None else []
    measured = [p for p in wanted if p not in unmeasured]
    candidates = slots.merge(pd.DataFrame({"platform": measured}), how="cross")
    planned = _local(calendar["planned_at"], zone).dt.normalize()
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
    out = out[columns].reset_index(drop=True)
    days_busy = pd.Series(busy.get_level_values("date")).isin(days).to_numpy()
    taken_days = pd.DataFrame({"platform": busy.get_level_values("platform")[days_busy],
                               "date": busy.get_level_values("date")[days_busy]})  # fmt: skip
    per_platform_busy = taken_days.drop_duplicates().groupby("platform").size()
    out.attrs = {
        "platforms": list(wanted),
        "full": sorted(p for p in measured if per_platform_busy.get(p, 0) >= 7),
        "unmeasured": unmeasured,
    }
    return out


def _exported(calendar: pd.DataFrame, statuses: tuple[str, ...], since, zone: str) -> pd.DataFrame:
    keep = _status(calendar).isin([s.lower() for s in statuses])
    if since is not None and since != "":
        keep &= _local(calendar["planned_at"], zone) >= parse_day(since, "since")
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
    zone = _tz(calendar, None)
    items = _exported(calendar, statuses, since, zone)
    status = _status(calendar)[items.index]
    start = pd.to_datetime(items["planned_at"])
    if not isinstance(start.dtype, pd.DatetimeTZDtype) and zone:
        start = start.dt.tz_localize(zone)
    if isinstance(start.dtype, pd.DatetimeTZDtype):
        start = start.dt.tz_convert("UTC")
    # else: naive times in no known zone are written as floating local times (RFC 5545)
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
    local = _local(items["planned_at"], zone)
    out = pd.DataFrame(
        {
            "date": local.dt.strftime("%Y-%m-%d"),
            "time": local.dt.strftime("%H:%M"),
            "timezone": zone or "",
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
