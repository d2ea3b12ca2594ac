"""Sentences of the content calendar (``04_content_calendar.ipynb``).

Each function takes what :mod:`smmnb.calendar` computed and returns Markdown (the fallback
sentences, raised as :class:`~smmnb.errors.InsufficientData`, are plain sentences built with
:func:`smmnb.narrative.needs`). No sentence compares a platform with itself, calls a rate without
a denominator anything but "not measurable", or shows a count with decimals.
"""

from __future__ import annotations

import pandas as pd

from smmnb.narrative import (
    NOT_MEASURABLE,
    count,
    day,
    esc,
    is_number,
    listing,
    needs,
    number,
    pct,
    plural,
    times,
)

__all__ = [
    "cadence",
    "export",
    "gaps_and_overdue",
    "no_calendar",
    "no_linked_items",
    "no_posts",
    "no_timed_posts",
    "nothing_in_filter",
    "nothing_to_export",
    "on_time",
    "plan",
    "plan_caption",
    "planned_and_published",
    "recommendations",
    "review",
    "slots",
    "who",
]

ANALYSIS = "The content calendar"


def _span(first, last) -> str:
    """``on 31 Oct 2026`` or ``from 01 Oct 2026 to 31 Oct 2026``."""
    if day(first) == day(last):
        return f"on {day(first)}"
    return f"from {day(first)} to {day(last)}"


def who(brand: str, platforms: list[str] | None = None) -> str:
    """The brand and the platform filter: ``Lumi`` or ``Lumi on tiktok``."""
    if not platforms:
        return brand
    return f"{brand} on {listing(platforms, conjunction='or', escape=False)}"


# --- fallbacks ----------------------------------------------------------------------------


def no_calendar(brand: str, brands_with_calendar: list[str]) -> str:
    """The brand has no calendar item at all (the notebook is then skipped)."""
    if brands_with_calendar:
        names = listing(sorted(brands_with_calendar), escape=False)
        found = f"this folder has one for {names} only"
    else:
        found = "this folder has none"
    return needs(ANALYSIS, f"a calendar table for {brand}", found)


def no_posts(analysis: str, whose: str) -> str:
    """A part that compares the plan with the posts, on a folder without the brand's posts."""
    return needs(analysis, f"the published posts of {whose}", "this folder has none")


def nothing_in_filter(analysis: str, whose: str) -> str:
    """Neither plans nor posts under the filter in force."""
    return needs(analysis, f"calendar items or posts of {whose}", "this folder has none")


def no_linked_items(items: int, linked: int) -> str:
    """On-time publishing without planned items linked to a post that the folder holds."""
    if items == 0:
        found = "no item is planned in this period"
    elif linked == 0:
        found = f"none of the {count(items, 'item')} planned in this period has one"
    else:
        found = (
            f"the {count(linked, 'linked item')} planned in this period point to posts this "
            "folder does not hold"
        )
    return needs("On-time publishing", "planned items linked to a published post (post_id)", found)


def no_timed_posts(posts: int, with_reach: int) -> str:
    """Slot suggestions without past posts that have reach and a time of day."""
    if posts == 0:
        found = "there are no past posts"
    elif with_reach == 0:
        found = f"none of the {count(posts, 'post')} has reach"
    else:
        found = f"the {count(with_reach, 'post')} with reach are dated without a time of day"
    return needs("Suggesting posting slots", "past posts with reach and a time of day", found)


def nothing_to_export(as_of) -> str:
    """No planned or scheduled item after the review day."""
    return needs(
        "The export", f"planned or scheduled items after {day(as_of)}", "this calendar has none"
    )


# --- sections -----------------------------------------------------------------------------


def review(as_of, week_start, next_week) -> str:
    """The review day and the weeks it looks at."""
    return (
        f"Plan reviewed on {day(as_of, weekday=True)}: this week runs from Monday "
        f"{day(week_start)}, next week from Monday {day(next_week)}."
    )


def plan_caption(n: int, first, last, shown: int = 10) -> str:
    """Caption of the plan table."""
    span = f"from {day(first)} to {day(last)}"
    if n > shown:
        return f"First {count(shown)} of {count(n, 'item')} {span}"
    return f"{count(n, 'item').capitalize()} {span}"


def plan(
    items: pd.DataFrame,
    *,
    as_of,
    first,
    last,
    whose: str,
    elsewhere: list[str] | None = None,
) -> str:
    """The plan of this and next week (:func:`smmnb.calendar.upcoming`) in words.

    Parameters
    ----------
    items : pandas.DataFrame
        The items of the two weeks.
    as_of, first, last
        The review day and the first and last day shown.
    whose : str
        :func:`who`.
    elsewhere : list of str, optional
        Platforms the brand's calendar plans for outside the filter in force.
    """
    span = f"from {day(first)} to {day(last)}"
    if items.empty:
        text = f"Nothing is planned for {esc(whose)} {span}."
        if elsewhere:
            text += f" The brand's calendar plans for {listing(elsewhere)} only."
        return text
    counts = items["status"].astype("str").value_counts()
    states = listing([f"{count(n)} {s}" for s, n in counts.items()], escape=False)
    text = f"**{count(len(items), 'item')}** in the plan of {esc(whose)} {span}: {esc(states)}. "
    after = pd.Timestamp(as_of).normalize() + pd.Timedelta(days=1)
    still = ~items["status"].isin(["cancelled", "canceled", "published"])
    ahead = items[(items["planned_local"] >= after) & still]
    if ahead.empty:
        return text + f"Nothing in these two weeks is planned after {day(as_of)}."
    scheduled = int((ahead["status"] == "scheduled").sum())
    n = len(ahead)
    done = (
        f"{'it is' if n == 1 else 'all of them'} already scheduled in a tool"
        if scheduled == n
        else f"{'it is' if n == 1 else 'none of them is'} scheduled in a tool yet"
        if scheduled == 0
        else f"{count(scheduled)} of them already scheduled in a tool"
    )
    return text + (
        f"After {day(as_of)}, {count(n, 'item')} {plural(n, 'is', 'are')} still to go out, {done}."
    )


def planned_and_published(totals: pd.Series, *, whose: str, first, last) -> str:
    """Planned items published, and posts without a plan item, in a period.

    Parameters
    ----------
    totals : pandas.Series
        :func:`smmnb.calendar.period_totals`.
    whose : str
        :func:`who`.
    first, last
        The days counted.
    """
    span = _span(first, last)
    planned, done = int(totals["planned"]), int(totals["published_as_planned"])
    posts, unplanned = int(totals["posts"]), int(totals["unplanned_posts"])
    if planned == 0:
        text = f"Nothing was planned for {esc(whose)} {span}"
        if posts == 0:
            return text + ", and nothing went out."
        return text + f"; {count(posts, 'post')} went out without a plan item."
    text = (
        f"{span[0].upper() + span[1:]}, **{count(done)} of {count(planned, 'planned item')} for "
        f"{esc(whose)} {plural(done, 'was', 'were')} published ({pct(done / planned)})**"
    )
    open_, cancelled = int(totals["open"]), int(totals["cancelled"])
    if open_:
        text += f"; {count(open_)} {plural(open_, 'was', 'were')} neither published nor cancelled"
    if cancelled:
        text += f"; {count(cancelled)} more {plural(cancelled, 'was', 'were')} cancelled"
    text += ". "
    if posts == 0:
        return text + "No post went out in these days."
    if unplanned == 0:
        return text + f"Every one of the {count(posts, 'post')} that went out had a plan item."
    return (
        text + f"{count(unplanned)} of the {count(posts, 'post')} that went out had no plan item."
    )


def on_time(table: pd.DataFrame, *, first, last, tolerance: str = "an hour") -> str:
    """:func:`smmnb.calendar.on_time` in words.

    Platforms are compared only when there are two or more with different rates.
    """
    items, punctual = int(table["published_items"].sum()), int(table["on_time"].sum())
    if not items:
        return (
            f"The on-time rate is {NOT_MEASURABLE}: no item planned {_span(first, last)} is "
            "linked to a published post."
        )
    overall = punctual / items
    text = (
        f"**{pct(overall)} of the {count(items, 'published item')} planned {_span(first, last)} "
        f"went out on time** (within {tolerance} of the plan)."
    )
    rates = table.dropna(subset=["on_time_rate"]).sort_values(["on_time_rate", "platform"])
    if len(rates) >= 2:
        worst, best = rates.iloc[0], rates.iloc[-1]
        if worst["on_time_rate"] == best["on_time_rate"]:
            text += f" Every platform has the same rate, {pct(worst['on_time_rate'])}."
        else:
            text += (
                f" {esc(worst['platform'])} is the least punctual ({_of(worst)} on time), "
                f"{esc(best['platform'])} the most ({_of(best)})."
            )
    if punctual < items:
        text += (
            " Late posts miss the slot they were planned for; scheduling them in the platform's "
            "tool removes most of the delay."
        )
    return text


def _of(row) -> str:
    """``3 of 4, 75%``: a platform's on-time count, items and rate."""
    return f"{count(row['on_time'])} of {count(row['published_items'])}, {pct(row['on_time_rate'])}"


def gaps_and_overdue(
    gaps: pd.DataFrame,
    overdue: pd.DataFrame,
    missing: pd.DataFrame,
    *,
    as_of,
    days: int,
    platforms: list[str],
    whose: str = "",
) -> str:
    """Empty platform-days ahead, overdue items and campaigns without content.

    Parameters
    ----------
    gaps : pandas.DataFrame
        ``platform`` and ``empty days`` (per platform, days with nothing planned).
    overdue, missing : pandas.DataFrame
        :attr:`CalendarSummary.overdue` and :attr:`CalendarSummary.campaigns_without_content`
        (its ``attrs["checked"]`` says how many campaign flights were checked).
    as_of
        The review day.
    days : int
        Days in the planning window.
    platforms : list of str
        The platforms checked.
    whose : str
        :func:`who`, for the sentence about ads.
    """
    empty = int(gaps["empty days"].sum()) if len(gaps) else 0
    window = f"the {count(days, 'day')} after {day(as_of)}"
    full = gaps.loc[gaps["empty days"] >= days, "platform"].tolist() if len(gaps) else []
    if empty == 0:
        text = f"Something is planned every day of {window} on {listing(platforms)}. "
    elif len(platforms) == 1:
        text = (
            f"Nothing is planned at all on {esc(platforms[0])} in {window}. "
            if full
            else f"**{count(empty, 'day')} of {window} {plural(empty, 'has', 'have')} nothing "
            f"planned** on {esc(platforms[0])}. "
        )
    else:
        text = f"**{count(empty, 'platform-day')} {plural(empty, 'is', 'are')} empty** in {window}"
        text += f"; nothing at all is planned on {listing(full)}. " if full else ". "
    if len(overdue):
        oldest = int(overdue["days_overdue"].max())
        if len(overdue) == 1:
            text += (
                f"**1 item is overdue**, planned {count(oldest, 'day')} before the review: "
                "publish or cancel it. "
            )
        else:
            text += (
                f"**{count(len(overdue), 'item')} are overdue**, the oldest planned "
                f"{count(oldest, 'day')} before the review: publish or cancel them. "
            )
    else:
        text += "No item is overdue. "
    checked = int(missing.attrs.get("checked", 0))
    if not missing.empty:
        text += (
            "Campaigns with ad spend in the last 28 days but no content on the platform: "
            + "; ".join(
                f"{esc(c)} on {esc(p)}"
                for c, p in zip(missing["campaign"], missing["platform"], strict=True)
            )  # fmt: skip
            + "."
        )
    elif checked:
        text += "Every campaign with ad spend in the last 28 days has content on its platforms."
    else:
        of = f" of {esc(whose)}" if whose else ""
        text += f"No social ad{of} ran in the last 28 days, so no campaign lacks content."
    return text


def cadence(table: pd.DataFrame, *, as_of) -> str:
    """:attr:`CalendarSummary.cadence` in words.

    The platforms planned below (or above) the recommended rhythm, and those within it.
    """
    rated = table[table["status"] != "no recommendation"]
    unrated = table.loc[table["status"] == "no recommendation", "platform"].tolist()
    parts = []

    def line(r) -> str:
        planned = (
            "nothing planned"
            if r.planned_per_week == 0
            else f"{number(r.planned_per_week)} a week planned"
        )
        bound = (
            f"at least {count(r.recommended_min)}"
            if r.status == "below"
            else f"at most {count(r.recommended_max)}"
        )
        went_out = (
            "nothing published"
            if r.published_per_week == 0
            else f"{number(r.published_per_week)} a week published"
        )
        return (
            f"{esc(r.platform)}, {planned} against {bound} a week recommended ({went_out} in the "
            f"4 weeks to {day(as_of)})"
        )

    below, above = rated[rated["status"] == "below"], rated[rated["status"] == "above"]
    if len(below):
        parts.append(
            "**The plan is below the recommended rhythm** on "
            + "; ".join(line(r) for r in below.itertuples())
            + "."
        )
    if len(above):
        parts.append(
            "It is above the recommended rhythm on "
            + "; ".join(line(r) for r in above.itertuples())
            + "."
        )
    within = rated.loc[rated["status"] == "within", "platform"].tolist()
    if within and not parts:
        parts.append(
            f"The plan is within the recommended rhythm on {listing(within)}."
            if len(within) < len(rated) or len(rated) == 1
            else "The plan is within the recommended rhythm on every platform."
        )
    elif within:
        parts.append(f"It is within it on {listing(within)}.")
    if unrated:
        parts.append(f"smmnb has no recommended rhythm for {listing(unrated)}.")
    return " ".join(parts)


def slots(
    table: pd.DataFrame,
    *,
    week,
    wanted: list[str],
    full: list[str],
    unmeasured: list[str] | None = None,
    min_posts: int = 3,
) -> str:
    """:func:`smmnb.calendar.suggest_slots` in words.

    Parameters
    ----------
    table : pandas.DataFrame
        The suggested slots.
    week
        The first day of the week planned.
    wanted : list of str
        The platforms slots were looked for.
    full : list of str
        Platforms with an item planned on every day of that week.
    unmeasured : list of str, optional
        Platforms whose posts have no reach (no slot is suggested there).
    min_posts : int
        Past posts a slot needed.
    """
    if len(table) == 1:
        row = table.iloc[0]
        when = pd.Timestamp(row["slot"]) if "slot" in table else None
        at = (
            f"{when:%A %d %b} at {when:%H}:00"
            if when is not None
            else f"at {int(row['hour']):02d}:00"
        )
        text = (
            f"**1 open slot suggested for the week of {day(week)}**: {at} on "
            f"{esc(row['platform'])}; comparable past posts at that time got "
            f"{times(row['value'], 2)} the average engagement rate."
        )
    elif len(table):
        hours = table["hour"].astype(int).value_counts()
        at = (
            f"most often at {hours.index[0]:02d}:00"
            if hours.iloc[0] > 1 and (len(hours) == 1 or hours.iloc[0] > hours.iloc[1])
            else "at " + listing([f"{h:02d}:00" for h in sorted(hours.index)], escape=False)
        )
        weekdays = float((table["weekday"] < 5).mean())
        when = (
            "all on weekdays"
            if weekdays == 1
            else "all at weekends"
            if weekdays == 0
            else "mostly on weekdays"
            if weekdays >= 0.5
            else "mostly at weekends"
        )
        low, high = table["value"].min(), table["value"].max()
        spread = (
            f"{times(low, 2)} the average engagement rate"
            if round(low, 2) == round(high, 2)
            else f"{times(low, 2)} to {times(high, 2)} the average engagement rate"
        )
        text = (
            f"**{count(len(table), 'open slot')} suggested for the week of {day(week)}**"
            + f", {at}, {when}; comparable past posts in these slots got {spread}."
        )
    if len(table) and table["value"].max() <= 1:
        text += (
            " That is no better than the average post: this is the best open slot, not a good one."
            if len(table) == 1
            else " That is no better than the average post: these are the best open slots, not "
            "good ones."
        )
    if table.empty:
        text = f"No open slot can be suggested for the week of {day(week)}."
    unmeasured = list(unmeasured or [])
    without = [p for p in wanted if p not in set(table["platform"]) and p not in unmeasured]
    busy = [p for p in without if p in full]
    thin = [p for p in without if p not in full]
    if busy:
        text += f" No open day left on {listing(busy)}: every day already has an item."
    if unmeasured:
        text += (
            f" Nothing is suggested on {listing(unmeasured)}: "
            f"{'its' if len(unmeasured) == 1 else 'their'} posts have no reach, and other "
            "platforms' timing is no guide."
        )
    if thin:
        text += (
            f" On {listing(thin)}, no open day falls in a slot with at least "
            f"{count(min_posts, 'past post')} with reach."
        )
    return text


def export(ics: str, events: int, first, csv: str, rows: int, folder: str, timezone) -> str:
    """The files written (read back to check them)."""
    start = f" from {pd.Timestamp(first).strftime('%d %b %H:%M')}" if first is not None else ""
    zone = f" ({esc(timezone)})" if timezone and start else ""
    return (
        f"Wrote **{esc(ics)}** with {count(events, 'event')}{start}{zone} and **{esc(csv)}** "
        f"with {count(rows, 'row')} (both read back to check), in `{esc(folder)}`."
    )


NO_PLAN_CHANGE = "Nothing in this data calls for a change to the plan."


def overdue_action(n: int) -> str:
    """What to do about ``n`` overdue plan items."""
    return (
        f"Clear the {count(n, 'overdue item')}: publish or cancel {plural(n, 'it', 'them')}, "
        "so the plan shows what will really go out."
    )


def cadence_action(platforms) -> str:
    """What to do about platforms planned below the recommended weekly rhythm."""
    n = len(platforms)
    return (
        f"Plan more on {listing(platforms)} to reach the recommended weekly rhythm, or decide "
        f"that {plural(n, 'this channel gets', 'those channels get')} less."
    )


def on_time_action(rate: float, items: int) -> str:
    """What to do when few published items went out on time."""
    return (
        f"Schedule posts in the platforms' tools: only {pct(rate)} of "
        f"{count(items, 'published item')} went out within an hour of the plan."
    )


def slots_action(n: int) -> str:
    """What to do with ``n`` suggested slots that beat the average post."""
    return (
        f"Try the {count(n, 'suggested slot')} that beat the average post next week and "
        f"compare {plural(n, 'its', 'their')} engagement with the rest of the week: the "
        "ranking is observational."
    )


def missing_content_action(campaigns) -> str:
    """What to do about campaigns that run only as ads."""
    return "Add content for campaigns that only run as ads: " + listing(campaigns) + "."


def recommendations(
    *,
    overdue: pd.DataFrame | None = None,
    cadence: pd.DataFrame | None = None,
    on_time: pd.DataFrame | None = None,
    slots: pd.DataFrame | None = None,
    missing: pd.DataFrame | None = None,
    min_items: int = 10,
) -> str:
    """What to do, only where the data support it; a numbered Markdown list (or one sentence).

    ``None`` means the part could not be computed: it then yields no advice. The on-time advice
    needs at least ``min_items`` published items. The same actions, as findings, come from
    :func:`smmnb.insights.calendar_findings`, which notebook 04 shows.
    """
    recs = []
    if overdue is not None and len(overdue):
        recs.append(overdue_action(len(overdue)))
    if cadence is not None:
        below = cadence[cadence["status"] == "below"]
        if len(below):
            recs.append(cadence_action(below["platform"]))
    if on_time is not None and len(on_time):
        items = int(on_time["published_items"].sum())
        rate = on_time["on_time"].sum() / items if items else None
        if items >= min_items and is_number(rate) and rate < 0.8:
            recs.append(on_time_action(rate, items))
    better = slots[slots["value"] > 1] if slots is not None and len(slots) else []
    if len(better):
        recs.append(slots_action(len(better)))
    if missing is not None and len(missing):
        recs.append(missing_content_action(pd.unique(missing["campaign"].astype("str"))))
    if not recs:
        return NO_PLAN_CHANGE
    return "\n".join(f"{i}. {text}" for i, text in enumerate(recs, 1))
