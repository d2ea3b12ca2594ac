"""Sentences of the content calendar (``04_content_calendar.ipynb``).

Each function takes what :mod:`smmnb.calendar` computed and returns Markdown (the fallback
sentences, raised as :class:`~smmnb.errors.InsufficientData`, are plain sentences built with
:func:`smmnb.narrative.needs`). No sentence compares a platform with itself, calls a rate without
a denominator anything but "not measurable", or shows a count with decimals. Every sentence is
a template of the ``calendar`` catalog, in the report language (:mod:`smmnb.i18n`); platforms
are named as their owners write them.
"""

from __future__ import annotations

import pandas as pd

from smmnb import i18n
from smmnb.i18n import N_, _, ngettext, pgettext
from smmnb.narrative import (
    NOT_MEASURABLE,
    count,
    day,
    esc,
    is_number,
    listing,
    missing,
    needs,
    number,
    pct,
    platform_name,
    platforms,
    times,
)
from smmnb.narrative import platforms as platform_list

__all__ = [
    "ADVICE",
    "ANALYSIS",
    "EXPORT",
    "GAPS",
    "NOT_MEASURABLE",
    "NO_PLAN_CHANGE",
    "ON_TIME",
    "PLAN_VS_POSTS",
    "RHYTHM",
    "SLOTS",
    "cadence",
    "cadence_status",
    "caption_gaps",
    "caption_overdue",
    "export",
    "gaps_and_overdue",
    "item_status",
    "no_calendar",
    "no_linked_items",
    "no_plan_change",
    "no_posts",
    "no_timed_posts",
    "nothing_in_filter",
    "nothing_to_export",
    "on_time",
    "on_time_table",
    "plan",
    "plan_caption",
    "planned_and_published",
    "recommendations",
    "review",
    "slot_time",
    "slots",
    "who",
]

ANALYSIS = N_("The content calendar")
PLAN_VS_POSTS = N_("Comparing the plan with what went out")
ON_TIME = N_("On-time publishing")
SLOTS = N_("Suggesting posting slots")
GAPS = N_("Checking the plan for gaps")
RHYTHM = N_("The posting rhythm")
ADVICE = N_("Advice on the plan")
EXPORT = N_("The export")
"""The parts of notebook 04, as the fallback sentences name them (msgids: translate with ``_``)."""

NO_PLAN_CHANGE = N_("Nothing in this data calls for a change to the plan.")
_NONE_HERE = N_("this folder has none")


def _span(first, last) -> str:
    """``on 31 Oct 2026`` or ``from 01 Oct 2026 to 31 Oct 2026``."""
    if day(first) == day(last):
        return _("on {day}").format(day=day(first))
    return _("from {first} to {last}").format(first=day(first), last=day(last))


def _hour(hour) -> str:
    return f"{int(hour):02d}:00"


def _clock(when: pd.Timestamp) -> str:
    return f"{when.hour:02d}:{when.minute:02d}"


def who(brand: str, platforms: list[str] | None = None) -> str:
    """The brand and the platform filter: ``Lumi`` or ``Lumi on TikTok``."""
    if not platforms:
        return brand
    names = platform_list(platforms, conjunction="or", escape=False)
    return _("{brand} on {platforms}").format(brand=brand, platforms=names)


def item_status(status: object) -> str:
    """A calendar item's status (``planned``, ``scheduled``...) in the report language."""
    words = {
        "planned": pgettext("calendar item", "planned"),
        "scheduled": pgettext("calendar item", "scheduled"),
        "published": pgettext("calendar item", "published"),
        "posted": pgettext("calendar item", "posted"),
        "done": pgettext("calendar item", "done"),
        "draft": pgettext("calendar item", "draft"),
        "cancelled": pgettext("calendar item", "cancelled"),
        "canceled": pgettext("calendar item", "canceled"),
    }
    return words.get(str(status).strip().lower(), str(status))


def cadence_status(status: object) -> str:
    """The plan against the recommended rhythm (``below``, ``within``...) in the report language."""
    words = {
        "below": pgettext("cadence", "below"),
        "within": pgettext("cadence", "within"),
        "above": pgettext("cadence", "above"),
        "no recommendation": pgettext("cadence", "no recommendation"),
    }
    return words.get(str(status), str(status))


def slot_time(when) -> str:
    """A planned time in a table cell: ``Mon 26 Oct 09:00`` (vi ``Thứ 2, 26/10 09:00``)."""
    when = pd.Timestamp(when)
    if pd.isna(when):
        return ""
    return _("{weekday} {day} {time}").format(
        weekday=i18n.day_name(when.day_of_week, "abbreviated"),
        day=day(when, year=False),
        time=_clock(when),
    )


def caption_gaps() -> str:
    """Caption of the table of empty days per platform."""
    return _("Days with nothing planned after the review day")


def caption_overdue() -> str:
    """Caption of the table of overdue items."""
    return _("Overdue items, latest first")


# --- fallbacks ----------------------------------------------------------------------------


def no_calendar(brand: str, brands_with_calendar: list[str]) -> str:
    """The brand has no calendar item at all (the notebook is then skipped)."""
    if brands_with_calendar:
        names = listing(sorted(brands_with_calendar), escape=False)
        found = _("this folder has one for {brands} only").format(brands=names)
    else:
        found = _(_NONE_HERE)
    return needs(_(ANALYSIS), _("a calendar table for {brand}").format(brand=brand), found)


def no_posts(analysis: str, whose: str) -> str:
    """A part that compares the plan with the posts, on a folder without the brand's posts.

    ``analysis`` is one of the parts named in this module (:data:`PLAN_VS_POSTS`...).
    """
    need = _("the published posts of {whose}").format(whose=whose)
    return needs(_(analysis), need, _(_NONE_HERE))


def nothing_in_filter(analysis: str, whose: str) -> str:
    """Neither plans nor posts under the filter in force."""
    need = _("calendar items or posts of {whose}").format(whose=whose)
    return needs(_(analysis), need, _(_NONE_HERE))


def no_linked_items(items: int, linked: int) -> str:
    """On-time publishing without planned items linked to a post that the folder holds."""
    if items == 0:
        found = _("no item is planned in this period")
    elif linked == 0:
        found = _("none of the {items} planned in this period has one").format(
            items=count(items, "item")
        )
    else:
        found = ngettext(
            "the {count} linked item planned in this period points to a post this folder does "
            "not hold",
            "the {count} linked items planned in this period point to posts this folder does "
            "not hold",
            linked,
        ).format(count=count(linked))
    need = _("planned items linked to a published post (post_id)")
    return needs(_(ON_TIME), need, found)


def no_timed_posts(posts: int, with_reach: int) -> str:
    """Slot suggestions without past posts that have reach and a time of day."""
    if posts == 0:
        found = _("there are no past posts")
    elif with_reach == 0:
        found = _("none of the {posts} has reach").format(posts=count(posts, "post"))
    else:
        found = ngettext(
            "the {count} post with reach is dated without a time of day",
            "the {count} posts with reach are dated without a time of day",
            with_reach,
        ).format(count=count(with_reach))
    return needs(_(SLOTS), _("past posts with reach and a time of day"), found)


def nothing_to_export(as_of) -> str:
    """No planned or scheduled item after the review day."""
    return needs(
        _(EXPORT),
        _("planned or scheduled items after {day}").format(day=day(as_of)),
        _("this calendar has none"),
    )


# --- sections -----------------------------------------------------------------------------


def review(as_of, week_start, next_week) -> str:
    """The review day and the weeks it looks at."""
    return _(
        "Plan reviewed on {day}: this week runs from {week_start}, next week from {next_week}."
    ).format(
        day=day(as_of, weekday=True),
        week_start=day(week_start, weekday=True),
        next_week=day(next_week, weekday=True),
    )


def plan_caption(n: int, first, last, shown: int = 10) -> str:
    """Caption of the plan table."""
    if n > shown:
        return _("First {shown} of {items} from {first} to {last}").format(
            shown=count(shown), items=count(n, "item"), first=day(first), last=day(last)
        )
    return ngettext(
        "{count} item from {first} to {last}", "{count} items from {first} to {last}", n
    ).format(count=count(n), first=day(first), last=day(last))


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
    days = {"first": day(first), "last": day(last)}
    if items.empty:
        text = _("Nothing is planned for {whose} from {first} to {last}.").format(
            whose=esc(whose), **days
        )
        if elsewhere:
            text += " " + _("The brand's calendar plans for {platforms} only.").format(
                platforms=platforms(elsewhere)
            )
        return text
    counts = items["status"].astype("str").value_counts()
    states = listing([f"{count(n)} {item_status(s)}" for s, n in counts.items()], escape=False)
    text = _("**{items}** in the plan of {whose} from {first} to {last}: {states}.").format(
        items=count(len(items), "item"), whose=esc(whose), states=esc(states), **days
    )
    after = pd.Timestamp(as_of).normalize() + pd.Timedelta(days=1)
    still = ~items["status"].isin(["cancelled", "canceled", "published"])
    ahead = items[(items["planned_local"] >= after) & still]
    if ahead.empty:
        return (
            text
            + " "
            + _("Nothing in these two weeks is planned after {day}.").format(day=day(as_of))
        )
    scheduled = int((ahead["status"] == "scheduled").sum())
    n = len(ahead)
    if scheduled == n:
        done = (
            _("After {day}, 1 item is still to go out, it is already scheduled in a tool.")
            if n == 1
            else _(
                "After {day}, {count} items are still to go out, all of them already scheduled "
                "in a tool."
            )
        )
    elif scheduled == 0:
        done = (
            _("After {day}, 1 item is still to go out, it is not scheduled in a tool yet.")
            if n == 1
            else _(
                "After {day}, {count} items are still to go out, none of them is scheduled in a "
                "tool yet."
            )
        )
    else:
        done = _(
            "After {day}, {count} items are still to go out, {scheduled} of them already "
            "scheduled in a tool."
        )
    return text + " " + done.format(day=day(as_of), count=count(n), scheduled=count(scheduled))


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
        if posts == 0:
            return _("Nothing was planned for {whose} {span}, and nothing went out.").format(
                whose=esc(whose), span=span
            )
        return _(
            "Nothing was planned for {whose} {span}; {posts} went out without a plan item."
        ).format(whose=esc(whose), span=span, posts=count(posts, "post"))
    text = ngettext(
        "{span}, **{done} of {planned} for {whose} was published ({share})**",
        "{span}, **{done} of {planned} for {whose} were published ({share})**",
        done,
    ).format(
        span=span[0].upper() + span[1:],
        done=count(done),
        planned=count(planned, "planned item"),
        whose=esc(whose),
        share=pct(done / planned),
    )
    open_, cancelled = int(totals["open"]), int(totals["cancelled"])
    if open_:
        text += ngettext(
            "; {count} was neither published nor cancelled",
            "; {count} were neither published nor cancelled",
            open_,
        ).format(count=count(open_))
    if cancelled:
        text += ngettext(
            "; {count} more was cancelled", "; {count} more were cancelled", cancelled
        ).format(count=count(cancelled))
    text += ". "
    if posts == 0:
        return text + _("No post went out in these days.")
    if unplanned == 0:
        return text + _("Every one of the {posts} that went out had a plan item.").format(
            posts=count(posts, "post")
        )
    return text + _("{unplanned} of the {posts} that went out had no plan item.").format(
        unplanned=count(unplanned), posts=count(posts, "post")
    )


def on_time(table: pd.DataFrame, *, first, last, tolerance: str = N_("an hour")) -> str:
    """:func:`smmnb.calendar.on_time` in words.

    Platforms are compared only when there are two or more with different rates.
    """
    items, punctual = int(table["published_items"].sum()), int(table["on_time"].sum())
    span = _span(first, last)
    if not items:
        return _(
            "The on-time rate is {missing}: no item planned {span} is linked to a published post."
        ).format(missing=missing(), span=span)
    overall = punctual / items
    text = _(
        "**{share} of the {items} planned {span} went out on time** (within {tolerance} of the "
        "plan)."
    ).format(share=pct(overall), items=count(items, "published item"), span=span,
             tolerance=_(tolerance))  # fmt: skip
    rates = table.dropna(subset=["on_time_rate"]).sort_values(["on_time_rate", "platform"])
    if len(rates) >= 2:
        worst, best = rates.iloc[0], rates.iloc[-1]
        if worst["on_time_rate"] == best["on_time_rate"]:
            text += " " + _("Every platform has the same rate, {rate}.").format(
                rate=pct(worst["on_time_rate"])
            )
        else:
            text += " " + _(
                "{worst} is the least punctual ({worst_share} on time), {best} the most "
                "({best_share})."
            ).format(
                worst=esc(platform_name(worst["platform"])),
                worst_share=_of(worst),
                best=esc(platform_name(best["platform"])),
                best_share=_of(best),
            )
    if punctual < items:
        text += " " + _(
            "Late posts miss the slot they were planned for; scheduling them in the platform's "
            "tool removes most of the delay."
        )
    return text


def on_time_table(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`smmnb.calendar.on_time` as the report shows it.

    The count of items that went out on time is headed as the calendar's sentences say it
    (``published_on_time``: vi "đúng giờ", at the planned hour), not as a follower target
    reached by its due day (``on_time``: "đúng hạn"); English reads "on time" for both.
    """
    return table.rename(columns={"on_time": "published_on_time"})


def _of(row) -> str:
    """``3 of 4, 75%``: a platform's on-time count, items and rate."""
    return _("{on_time} of {items}, {rate}").format(
        on_time=count(row["on_time"]),
        items=count(row["published_items"]),
        rate=pct(row["on_time_rate"]),
    )


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
        ``platform`` and ``empty_days`` (per platform, days with nothing planned).
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
    empty = int(gaps["empty_days"].sum()) if len(gaps) else 0
    window = {"days": count(days, "day"), "as_of": day(as_of)}
    full = gaps.loc[gaps["empty_days"] >= days, "platform"].tolist() if len(gaps) else []
    names = [platform_name(p) for p in platforms]
    if empty == 0:
        text = _("Something is planned every day of the {days} after {as_of} on {platforms}.")
        text = text.format(platforms=listing(names), **window)
    elif len(platforms) == 1:
        if full:
            text = _("Nothing is planned at all on {platform} in the {days} after {as_of}.")
        else:
            text = ngettext(
                "**{empty} of the {days} after {as_of} has nothing planned** on {platform}.",
                "**{empty} of the {days} after {as_of} have nothing planned** on {platform}.",
                empty,
            )
        text = text.format(platform=esc(names[0]), empty=count(empty, "day"), **window)
    elif full:
        text = ngettext(
            "**{count} platform-day is empty** in the {days} after {as_of}; nothing at all is "
            "planned on {platforms}.",
            "**{count} platform-days are empty** in the {days} after {as_of}; nothing at all is "
            "planned on {platforms}.",
            empty,
        ).format(count=count(empty), platforms=platform_list(full),
                 **window)  # fmt: skip
    else:
        text = ngettext(
            "**{count} platform-day is empty** in the {days} after {as_of}.",
            "**{count} platform-days are empty** in the {days} after {as_of}.",
            empty,
        ).format(count=count(empty), **window)
    if len(overdue):
        oldest = count(int(overdue["days_overdue"].max()), "day")
        if len(overdue) == 1:
            late = _(
                "**1 item is overdue**, planned {days} before the review: publish or cancel it."
            ).format(days=oldest)
        else:
            late = _(
                "**{items} are overdue**, the oldest planned {days} before the review: publish or "
                "cancel them."
            ).format(items=count(len(overdue), "item"), days=oldest)
    else:
        late = _("No item is overdue.")
    text += " " + late + " "
    checked = int(missing.attrs.get("checked", 0))
    if not missing.empty:
        pairs = "; ".join(
            _("{campaign} on {platform}").format(campaign=esc(c), platform=esc(platform_name(p)))
            for c, p in zip(missing["campaign"], missing["platform"], strict=True)
        )
        text += _(
            "Campaigns with ad spend in the last 28 days but no content on the platform: "
            "{campaigns}."
        ).format(campaigns=pairs)
    elif checked:
        text += _("Every campaign with ad spend in the last 28 days has content on its platforms.")
    elif whose:
        text += _(
            "No social ad of {whose} ran in the last 28 days, so no campaign lacks content."
        ).format(whose=esc(whose))
    else:
        text += _("No social ad ran in the last 28 days, so no campaign lacks content.")
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
            _("nothing planned")
            if r.planned_per_week == 0
            else _("{count} a week planned").format(count=number(r.planned_per_week))
        )
        bound = (
            _("at least {count}").format(count=count(r.recommended_min))
            if r.status == "below"
            else _("at most {count}").format(count=count(r.recommended_max))
        )
        went_out = (
            _("nothing published")
            if r.published_per_week == 0
            else _("{count} a week published").format(count=number(r.published_per_week))
        )
        return _(
            "{platform}, {planned} against {bound} a week recommended ({published} in the 4 "
            "weeks to {day})"
        ).format(platform=esc(platform_name(r.platform)), planned=planned, bound=bound,
                 published=went_out, day=day(as_of))  # fmt: skip

    below, above = rated[rated["status"] == "below"], rated[rated["status"] == "above"]
    if len(below):
        parts.append(
            _("**The plan is below the recommended rhythm** on {platforms}.").format(
                platforms="; ".join(line(r) for r in below.itertuples())
            )
        )
    if len(above):
        parts.append(
            _("It is above the recommended rhythm on {platforms}.").format(
                platforms="; ".join(line(r) for r in above.itertuples())
            )
        )
    within = rated.loc[rated["status"] == "within", "platform"].tolist()
    if within and not parts:
        parts.append(
            _("The plan is within the recommended rhythm on {platforms}.").format(
                platforms=platforms(within)
            )
            if len(within) < len(rated) or len(rated) == 1
            else _("The plan is within the recommended rhythm on every platform.")
        )
    elif within:
        parts.append(_("It is within it on {platforms}.").format(platforms=platforms(within)))
    if unrated:
        parts.append(
            _("smmnb has no recommended rhythm for {platforms}.").format(
                platforms=platforms(unrated)
            )
        )
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
            _("{day} at {time}").format(
                day=day(when, year=False, weekday=True), time=_hour(when.hour)
            )
            if when is not None
            else _("at {time}").format(time=_hour(row["hour"]))
        )
        text = _(
            "**1 open slot suggested for the week of {week}**: {at} on {platform}; comparable "
            "past posts at that time got {ratio} the average engagement rate."
        ).format(week=day(week), at=at, platform=esc(platform_name(row["platform"])),
                 ratio=times(row["value"], 2))  # fmt: skip
    elif len(table):
        hours = table["hour"].astype(int).value_counts()
        at = (
            _("most often at {time}").format(time=_hour(hours.index[0]))
            if hours.iloc[0] > 1 and (len(hours) == 1 or hours.iloc[0] > hours.iloc[1])
            else _("at {time}").format(
                time=listing([_hour(h) for h in sorted(hours.index)], escape=False)
            )
        )
        weekdays = float((table["weekday"] < 5).mean())
        when = (
            _("all on weekdays")
            if weekdays == 1
            else _("all at weekends")
            if weekdays == 0
            else _("mostly on weekdays")
            if weekdays >= 0.5
            else _("mostly at weekends")
        )
        low, high = table["value"].min(), table["value"].max()
        spread = (
            _("{low} the average engagement rate").format(low=times(low, 2))
            if round(low, 2) == round(high, 2)
            else _("{low} to {high} the average engagement rate").format(
                low=times(low, 2), high=times(high, 2)
            )
        )
        text = _(
            "**{slots} suggested for the week of {week}**, {at}, {when}; comparable past posts "
            "in these slots got {spread}."
        ).format(slots=count(len(table), "open slot"), week=day(week), at=at, when=when,
                 spread=spread)  # fmt: skip
    else:
        text = _("No open slot can be suggested for the week of {week}.").format(week=day(week))
    if len(table) and table["value"].max() <= 1:
        text += " " + (
            _(
                "That is no better than the average post: this is the best open slot, not a "
                "good one."
            )
            if len(table) == 1
            else _(
                "That is no better than the average post: these are the best open slots, not "
                "good ones."
            )
        )
    unmeasured = list(unmeasured or [])
    without = [p for p in wanted if p not in set(table["platform"]) and p not in unmeasured]
    busy = [p for p in without if p in full]
    thin = [p for p in without if p not in full]
    if busy:
        text += " " + _("No open day left on {platforms}: every day already has an item.").format(
            platforms=platforms(busy)
        )
    if unmeasured:
        text += " " + (
            _(
                "Nothing is suggested on {platforms}: its posts have no reach, and other "
                "platforms' timing is no guide."
            )
            if len(unmeasured) == 1
            else _(
                "Nothing is suggested on {platforms}: their posts have no reach, and other "
                "platforms' timing is no guide."
            )
        ).format(platforms=platforms(unmeasured))
    if thin:
        text += " " + _(
            "On {platforms}, no open day falls in a slot with at least {posts} with reach."
        ).format(platforms=platforms(thin), posts=count(min_posts, "past post"))
    return text


def export(ics: str, events: int, first, csv: str, rows: int, folder: str, timezone) -> str:
    """The files written (read back to check them)."""
    files = {
        "ics": esc(ics),
        "events": count(events, "event"),
        "csv": esc(csv),
        "rows": count(rows, "row"),
        "folder": esc(folder),
    }
    if first is None:
        return _(
            "Wrote **{ics}** with {events} and **{csv}** with {rows} (both read back to check), "
            "in `{folder}`."
        ).format(**files)
    first = pd.Timestamp(first)
    start = f"{day(first, year=False)} {_clock(first)}"
    template = (
        _(
            "Wrote **{ics}** with {events} from {start} ({timezone}) and **{csv}** with {rows} "
            "(both read back to check), in `{folder}`."
        )
        if timezone
        else _(
            "Wrote **{ics}** with {events} from {start} and **{csv}** with {rows} (both read back "
            "to check), in `{folder}`."
        )
    )
    return template.format(start=start, timezone=esc(timezone) if timezone else "", **files)


def no_plan_change() -> str:
    """The one sentence when the data call for no change to the plan."""
    return _(NO_PLAN_CHANGE)


def overdue_action(n: int) -> str:
    """What to do about ``n`` overdue plan items."""
    return ngettext(
        "Clear the {count} overdue item: publish or cancel it, so the plan shows what will "
        "really go out.",
        "Clear the {count} overdue items: publish or cancel them, so the plan shows what will "
        "really go out.",
        n,
    ).format(count=count(n))


def cadence_action(platforms) -> str:
    """What to do about platforms planned below the recommended weekly rhythm."""
    platforms = list(platforms)
    return ngettext(
        "Plan more on {platforms} to reach the recommended weekly rhythm, or decide that this "
        "channel gets less.",
        "Plan more on {platforms} to reach the recommended weekly rhythm, or decide that those "
        "channels get less.",
        len(platforms),
    ).format(platforms=platform_list(platforms))


def on_time_action(rate: float, items: int) -> str:
    """What to do when few published items went out on time."""
    return _(
        "Schedule posts in the platforms' tools: only {share} of {items} went out within an "
        "hour of the plan."
    ).format(share=pct(rate), items=count(items, "published item"))


def slots_action(n: int) -> str:
    """What to do with ``n`` suggested slots that beat the average post."""
    return ngettext(
        "Try the {count} suggested slot that beat the average post next week and compare its "
        "engagement with the rest of the week: the ranking is observational.",
        "Try the {count} suggested slots that beat the average post next week and compare their "
        "engagement with the rest of the week: the ranking is observational.",
        n,
    ).format(count=count(n))


def missing_content_action(campaigns) -> str:
    """What to do about campaigns that run only as ads."""
    return _("Add content for campaigns that only run as ads: {campaigns}.").format(
        campaigns=listing(campaigns)
    )


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
        return no_plan_change()
    return "\n".join(f"{i}. {text}" for i, text in enumerate(recs, 1))
