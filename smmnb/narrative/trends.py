"""Sentences of the trends notebook (03_trends).

Emerging topics, share of voice, spikes, posting time, formats and audience growth.
Every function takes numbers or frames from :mod:`smmnb.trends` and returns Markdown text that
never reads ``nan``; the ``require_*`` functions raise
:class:`~smmnb.errors.InsufficientData` with the one sentence a section shows in place of its
results when the data in scope cannot feed it.
"""

from __future__ import annotations

import pandas as pd

from smmnb.errors import InsufficientData
from smmnb.formatting import p_value
from smmnb.narrative import (
    brands_in,
    count,
    day,
    esc,
    is_number,
    listing,
    needs,
    number,
    pct,
    period,
    points,
    times,
)

__all__ = [
    "CHANNEL_EXPORTS",
    "WEEKDAYS",
    "best_time",
    "best_weekday",
    "channel_chart",
    "channel_metric",
    "channel_overview",
    "channel_table",
    "follower_gains",
    "gains_chart",
    "gains_table",
    "emerging",
    "emerging_caption",
    "formats",
    "growth",
    "growth_table",
    "hashtag_line",
    "no_action",
    "metric_note",
    "no_hours",
    "posting_time",
    "recommendations",
    "require",
    "require_brands",
    "require_channel",
    "require_follower_counts",
    "require_hashtags",
    "scope",
    "share_of_voice",
    "slot_caption",
    "slot_table",
    "spike_explanation",
    "spikes",
    "too_short",
    "where",
]

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _q(q: float) -> str:
    """A q-value (false-discovery-adjusted p-value) as a report shows it."""
    return p_value(q).replace("p ", "q ", 1) if is_number(q) else "q not available"


def _share(value) -> str:
    """A share of documents: one decimal, and "less than 0.1%" rather than a rounded 0.0%."""
    if is_number(value) and 0 < value < 0.0005:
        return "less than 0.1%"
    return pct(value, 1)


def _short_day(value) -> str:
    return day(value, year=False)


def _during(first, last) -> str:
    """``on 31 Oct`` for one day, ``from 04 Oct to 31 Oct`` for several."""
    if pd.Timestamp(first).normalize() == pd.Timestamp(last).normalize():
        return f"on {_short_day(first)}"
    return f"from {_short_day(first)} to {_short_day(last)}"


def _baseline(value) -> str:
    """A spike baseline: a count, with one decimal when it is small."""
    return number(value, 1) if is_number(value) and value < 10 else count(value)


# ------------------------------------------------------------------------------- scope


def where(*, brand: str | None = None, platforms=(), start=None, end=None) -> str:
    """The filter in force, as the end of a sentence: ``for Sen Tea on tiktok up to 31 Oct 2026``.

    ``start`` and ``end`` give ``in <period>``; ``end`` alone gives ``up to <day>``.
    """
    parts = []
    if brand:
        parts.append(f"for {esc(brand)}")
    if platforms:
        parts.append(f"on {listing(platforms)}")
    if start is not None and end is not None:
        parts.append(f"in {period(start, end)}")
    elif end is not None:
        parts.append(f"up to {day(end)}")
    return " ".join(parts) or "in scope"


def require(analysis: str, need: str, in_scope: int, in_folder: int, noun: str, scope: str) -> None:
    """Raise :class:`InsufficientData` when a section's table is empty in scope.

    Parameters
    ----------
    analysis, need : str
        As in :func:`smmnb.narrative.needs` (``"Spotting spikes"``, ``"mentions"``).
    in_scope, in_folder : int
        Rows of the table in scope (after the filters) and in the whole folder.
    noun : str
        What a row is, singular (``"mention"``, ``"follower count"``).
    scope : str
        The filter, from :func:`where`.

    Raises
    ------
    InsufficientData
        "Spotting spikes needs mentions; this folder has none." or "...; this folder has
        17,502 mentions, none on zalo up to 31 Oct 2026."
    """
    if in_scope > 0:
        return
    found = (
        "this folder has none"
        if in_folder == 0
        else f"this folder has {count(in_folder, noun)}, none {scope}"
    )
    raise InsufficientData(needs(analysis, need, found))


def require_brands(analysis: str, in_scope: pd.Series, in_folder: pd.Series, scope: str) -> None:
    """Raise :class:`InsufficientData` unless the mentions in scope name two brands or more.

    "Share of voice needs mentions of at least two brands; this folder has mentions of Apple
    only." (or "...; the mentions on tiktok in ... are of Apple only" when the filter is what
    leaves one brand).
    """
    names = set(in_scope.dropna().astype("str"))
    if len(names) >= 2:
        return
    if names == set(in_folder.dropna().astype("str")):
        found = f"this folder has mentions of {brands_in(in_folder)}"
    else:
        found = f"the mentions {scope} are of {brands_in(in_scope)}"
    raise InsufficientData(needs(analysis, "mentions of at least two brands", found))


def scope(
    brand: str,
    competitors: list[str],
    mentions: pd.DataFrame,
    posts: int,
    platforms: list[str],
) -> str:
    """Who is compared with whom, and how much the period holds.

    Parameters
    ----------
    brand : str
        The brand analysed.
    competitors : list of str
        Its competitors (from the data or ``smmnb.yml``).
    mentions : pandas.DataFrame
        The mentions of the period in scope (every brand).
    posts : int
        The brand's posts in the period.
    platforms : list of str
        The platform filter (empty: all).
    """
    present = set(mentions["brand"].dropna().astype("str"))
    compared = [b for b in [brand, *competitors] if b in present]
    if competitors:
        text = (
            f"**{esc(brand)}** is compared with {listing(competitors)} "
            f"({count(len(competitors) + 1, 'brand')}). "
        )
    else:
        text = f"**{esc(brand)}** has no competitor in the data. "
    if len(mentions):
        text += (
            f"The period holds {count(len(mentions), 'mention')} "
            f"(of {listing(compared) if compared else 'other brands'}) and "
            f"{count(posts, 'post')} by {esc(brand)}."
        )
    else:
        text += f"The period holds no mentions and {count(posts, 'post')} by {esc(brand)}."
    if platforms:
        loose = int(mentions["platform"].isna().sum()) if "platform" in mentions else 0
        text += (
            f" The platform filter applies to mentions too: only mentions on "
            f"{listing(platforms)} are counted"
            + (
                f", with {count(loose, 'mention')} that name{'s' if loose == 1 else ''} no platform"
                if loose
                else ""
            )
            + "."
        )
    return text


# ----------------------------------------------------------------------------- emerging


def emerging_caption(rising: pd.DataFrame) -> str:
    """Caption of the table of rising terms: the recent window."""
    first, last = rising.attrs["recent"]
    before = count(_days(rising.attrs["baseline"]), "day")
    return f"Rising in {period(first, last)}, against the {before} before"


def _days(window) -> int:
    first, last = window
    return (pd.Timestamp(last) - pd.Timestamp(first)).days + 1


def emerging(rising: pd.DataFrame, noun: str = "mentions") -> str:
    """What rose: how many terms, the strongest, the rising hashtags, and shrunk windows."""
    attrs = rising.attrs
    (r0, r1), (b0, b1) = attrs["recent"], attrs["baseline"]
    text = ""
    if attrs.get("shrunk"):
        asked_recent, asked_base = attrs["asked"]
        text += (
            f"The {noun} span fewer days than the {asked_recent} + {asked_base} asked for, so the "
            f"windows are shorter: the recent {count(_days((r0, r1)), 'day')} against the "
            f"{count(_days((b0, b1)), 'day')} before. "
        )
    significant = rising[rising["significant"]]
    n = len(significant)
    text += (
        f"**{count(n, 'term')} rose significantly** in {count(attrs['n_recent'], noun[:-1])} "
        f"from {_short_day(r0)} to {_short_day(r1)}, against "
        f"{count(attrs['n_baseline'], noun[:-1])} from {_short_day(b0)} to {_short_day(b1)}. "
    )
    if n:
        lead = significant.iloc[0]
        text += (
            f"The strongest is **{esc(lead['term'])}**: {pct(lead['rate_recent'], 1)} of recent "
            f"{noun} use it against {pct(lead['rate_baseline'], 1)} before "
            f"({times(lead['ratio'], 0)}, {_q(lead['q_value'])}). "
        )
        tags = significant[significant["kind"] == "hashtag"]["term"].head(5)
        if len(tags):
            text += f"Rising hashtags: {listing(tags)}."
    else:
        text += "Nothing rose beyond chance (false discovery rate 5%)."
    return text.strip()


def require_hashtags(weekly: pd.DataFrame, mentions: int) -> None:
    """Raise :class:`InsufficientData` when the mentions of the period use no hashtag."""
    if len(weekly):
        return
    found = (
        "the one mention in the period uses none"
        if mentions == 1
        else f"none of the {count(mentions, 'mention')} in the period uses one"
    )
    raise InsufficientData(needs("Following hashtags", "mentions with hashtags", found))


def hashtag_line(line: pd.DataFrame, hashtag: str, rising: bool, noun: str = "mentions") -> str:
    """One hashtag's weekly share, in words (output of :func:`smmnb.trends.hashtag_share`).

    ``rising`` says whether it is a significantly rising hashtag (else the most used one).
    """
    line = line[line["documents"] > 0]
    if line.empty:
        return ""
    tag = f"{'The rising' if rising else 'The most used'} hashtag **{esc(hashtag)}**"
    last = line.iloc[-1]
    if len(line) >= 6:
        before = line.iloc[:-4]
        share = before["count"].sum() / before["documents"].sum()
        return (
            f"{tag} was in {_share(share)} of {noun} in the {count(len(before), 'week')} before "
            f"the last four, and in **{_share(last['share'])}** in the week of "
            f"{_short_day(last['period'])}."
        )
    if len(line) >= 2:
        first = line.iloc[0]
        return (
            f"{tag} was in {_share(first['share'])} of {noun} in the week of "
            f"{_short_day(first['period'])} and in **{_share(last['share'])}** in the week of "
            f"{_short_day(last['period'])}."
        )
    return (
        f"{tag} was in **{_share(last['share'])}** of the {noun} of the week of "
        f"{_short_day(last['period'])}; one week is too short to see a trend."
    )


# ------------------------------------------------------------------------ share of voice


def share_of_voice(totals: pd.DataFrame, brand: str, change: dict | None) -> str:
    """The brand's share of mentions, who leads, and the tested change over time.

    Parameters
    ----------
    totals : pandas.DataFrame
        Output of :func:`smmnb.trends.voice_totals` for the period.
    brand : str
        The brand analysed.
    change : dict or None
        Output of :func:`smmnb.trends.voice_change`.
    """
    shares = totals.set_index("brand")["share of mentions"]
    own = shares.get(brand, 0.0)
    others = shares.drop(brand, errors="ignore")
    brands = count(len(shares), "brand")
    text = f"**{esc(brand)} has {pct(own, 1)} of the mentions of the {brands}** in the period"
    top = others.max() if len(others) else None
    if top is None:
        text += ". "
    elif own > top:
        text += f" and leads ({listing(f'{esc(b)} {pct(v, 1)}' for b, v in others.items())}). "
    elif own == top:
        level = [f"**{esc(b)}**" for b, v in others.items() if v == top]
        text += f", level with {listing(level, escape=False)}. "
    else:
        leaders = [f"**{esc(b)}**" for b, v in others.items() if v == top]
        text += f", behind {listing(leaders, escape=False)} ({pct(top, 1)}). "
    eng = totals.set_index("brand")["share of engagements"]
    if is_number(eng.get(brand)):
        text += f"It has {pct(eng[brand], 1)} of the engagements those mentions got. "
    if change is None:
        text += "There are no earlier mentions in the data to compare its share with."
        return text.strip()
    (r0, r1), (b0, b1) = change["recent"], change["before"]
    tested = (
        f"a significant change, {p_value(change['p_value'])}"
        if change["significant"]
        else f"not a significant change, {p_value(change['p_value'])}"
    )
    during = _during(r0, r1)
    text += (
        f"{during[0].upper()}{during[1:]} it had {pct(change['share_recent'], 1)} of "
        f"{count(change['mentions_recent'], 'mention')}, against "
        f"{pct(change['share_before'], 1)} of {count(change['mentions_before'], 'mention')} "
        f"{_during(b0, b1)} ({points(change['diff'])}; {tested})."
    )
    return text


# -------------------------------------------------------------------------------- spikes


def spikes(alerts: pd.DataFrame, brand: str) -> str:
    """How many spike days, the largest, and competitors' spikes.

    ``alerts`` is the output of :func:`smmnb.trends.spikes_in_period`.
    """
    weeks = alerts.attrs.get("weeks", 8)
    text = ""
    if alerts.attrs.get("unjudged"):
        text += (
            f"The first {count(alerts.attrs['unjudged'], 'day')} of the period "
            f"{'has' if alerts.attrs['unjudged'] == 1 else 'have'} fewer than {weeks} weeks of "
            f"mentions before {'it' if alerts.attrs['unjudged'] == 1 else 'them'} and "
            f"{'is' if alerts.attrs['unjudged'] == 1 else 'are'} not judged; the check runs "
            f"from {day(alerts.attrs['first_judged'])}. "
        )
    names = alerts["brand"].astype("str")
    flagged = alerts[alerts["is_spike"]].sort_values("score", ascending=False)
    own = flagged[names[flagged.index] == brand]
    rivals = flagged[names[flagged.index] != brand]
    if len(own):
        top = own.iloc[0]
        multiple = top["count"] / top["baseline"] if top["baseline"] > 0 else float("nan")
        detail = f"score {number(top['score'])}, alert from {count(top['alert_at'])}"
        if is_number(multiple):
            detail = f"{times(multiple)}; {detail}"
        text += (
            f"**{count(len(own), 'spike day')} for {esc(brand)}** in the period. The largest, on "
            f"**{day(top['period'], weekday=True)}**, had **{count(top['count'], 'mention')}** "
            f"against a baseline of {_baseline(top['baseline'])} ({detail}). "
        )
    else:
        text += f"No day of {esc(brand)} reached its alert line in the period. "
    if (names != brand).any():
        if len(rivals):
            per = rivals["brand"].astype("str").value_counts().sort_index()
            text += (
                f"Competitors had {count(len(rivals), 'spike day')} "
                f"({listing(f'{esc(b)} {n}' for b, n in per.items())})."
            )
        else:
            text += "No competitor had a spike."
    return text.strip()


def spike_explanation(why, brand: str) -> str:
    """What the spike's mentions said, its platform mix (tested) and whom to answer first.

    ``why`` is a :class:`smmnb.trends.SpikeExplanation`.
    """
    baseline_days = "28 days"
    sig = why.terms[why.terms["significant"]] if len(why.terms) else why.terms
    when = _short_day(why.period)
    if len(sig):
        words = listing((str(t) for t in sig["term"].head(5)), escape=True)
        text = (
            f"On {when} the mentions of {esc(brand)} used **{words}** far more than in the "
            f"{baseline_days} before (the first in {pct(sig['rate_recent'].iloc[0])} of them "
            f"against {pct(sig['rate_baseline'].iloc[0], 1)} before); a typical mention: "
            f"*{esc(sig['example'].iloc[0])}*. "
        )
    else:
        text = (
            f"On {when} no word or phrase was used significantly more than in the "
            f"{baseline_days} before: the mentions were more of the usual. "
        )
    p = why.platform_p_value
    if is_number(p):
        if p < 0.05:
            plat = why.platforms.sort_values("ratio", ascending=False).iloc[0]
            text += (
                f"The platform mix differed from the usual one (chi-square test, {p_value(p)}): "
                f"the largest rise was on {esc(plat['platform'])}, {pct(plat['share'])} of the "
                f"day's mentions against {pct(plat['baseline_share'])} before. "
            )
        else:
            text += (
                f"The platform mix did not differ significantly from the {baseline_days} before "
                f"(chi-square test, {p_value(p)}). "
            )
    authors = why.authors
    if len(authors) and "author" in authors and "author_followers" in authors:
        first = authors.iloc[0]
        if is_number(first["author_followers"]) and pd.notna(first["author"]):
            on = f" on {esc(first['platform'])}" if pd.notna(first.get("platform")) else ""
            text += (
                f"The most-followed author that day, **{esc(first['author'])}** "
                f"({count(first['author_followers'], 'follower')}{on}), is the first to answer."
            )
    return text.strip()


# -------------------------------------------------------------------- best time to post


def slot_table(slots: pd.DataFrame, top: int = 10, min_posts: int = 3) -> pd.DataFrame:
    """The best slots (at least ``min_posts`` posts) with day and time in words."""
    ranked = slots[slots["posts"] >= min_posts].head(top)
    out = pd.DataFrame({"day": ranked["weekday"].map(dict(enumerate(WEEKDAYS)))})
    if "hour" in ranked.columns:
        out["time"] = [f"{h:02d}:00-{h:02d}:59" for h in ranked["hour"]]
    return pd.concat([out, ranked[["posts", "value", "ci_low", "ci_high"]]], axis=1)


def _interval(row) -> str:
    low, high = row["ci_low"], row["ci_high"]
    if not (is_number(low) and is_number(high)):
        return "95% interval not measurable"
    text = f"95% interval {number(low, 2)} to {number(high, 2)}"
    if low <= 1 <= high:
        text += ", which includes 1: it may be chance"
    return text


def best_time(slots: pd.DataFrame, window: dict, test: dict | None, min_posts: int = 3) -> str:
    """The best two-hour block (tested) and the best single slot.

    ``slots``, ``window`` and ``test`` are the outputs of :func:`smmnb.trends.best_time`,
    :func:`smmnb.trends.best_window` and :func:`smmnb.trends.window_test`.
    """
    text = _posts_used(slots)
    ranked = slots[slots["posts"] >= min_posts]
    if window:
        top10 = ranked.head(10)
        inside = (top10["weekday"] < 5) == (window["days"] == "weekdays")
        inside &= top10["hour"].between(window["start_hour"], window["end_hour"] - 1)
        verdict = ""
        if test is not None and is_number(test["p_value"]):
            verdict = (
                f"; a significant difference, {p_value(test['p_value'])} (Welch's t-test)"
                if test["significant"]
                else f"; not a significant difference, {p_value(test['p_value'])} (Welch's t-test)"
            )
        text += (
            f"**The best two-hour block is {_block(window)}**: posts published then reached an "
            f"engagement rate {times(window['ratio'], 2)} that of comparable posts at other times "
            f"({count(window['posts'], 'post')}, against {count(window['posts_outside'])}"
            f"{verdict}); {count(int(inside.sum()))} of the {count(len(top10))} best single slots "
            f"fall in it. "
        )
    else:
        text += "No two-hour block has 10 posts yet to compare. "
    if len(ranked):
        top = ranked.iloc[0]
        h = int(top["hour"])
        text += (
            f"The best single slot is {WEEKDAYS[int(top['weekday'])]} {h:02d}:00-{h:02d}:59 "
            f"({number(top['value'], 2)}, {count(top['posts'], 'post')}; {_interval(top)})."
        )
    else:
        text += f"No single slot has {min_posts} posts yet."
    return text


def _block(window: dict) -> str:
    """``weekdays 19:00 to 20:59``."""
    start, last = window["start_hour"], window["end_hour"] - 1
    return f"{window['days']} {start:02d}:00 to {last:02d}:59"


_DENOMINATOR = {"er_reach": "reach", "er_impressions": "impressions"}


def metric_note(metric: str) -> str:
    """Why a posts section uses engagements / impressions ("" for the usual rate on reach)."""
    if metric != "er_impressions":
        return ""
    return (
        "Reach is not reported for these posts, so the engagement rate here is engagements / "
        "impressions (people who saw a post twice count twice)."
    )


def _posts_used(slots: pd.DataFrame) -> str:
    attrs = slots.attrs
    field = _DENOMINATOR.get(attrs.get("metric"), "the metric")
    return (
        f"From {count(attrs['posts'], 'post')} with {field} published "
        f"{period(attrs['first'], attrs['last'])}. "
    )


def slot_caption(hours: bool, min_posts: int = 3) -> str:
    """Caption of the table of best slots."""
    slot = "slots" if hours else "weekdays"
    return (
        f"Best {slot} (at least {min_posts} posts): engagement rate relative to comparable "
        f"posts (1.00 = their average)"
    )


def posting_time(slots: pd.DataFrame, window: dict, test: dict | None) -> str:
    """The best-time section in words.

    The metric used, then the best block and slot, or (for dates without times) the best
    weekday.
    ``slots`` comes from :func:`smmnb.trends.best_time` (with ``hours=False`` when the times of
    day are unknown), ``window`` and ``test`` from :func:`smmnb.trends.best_window` and
    :func:`smmnb.trends.window_test` (empty and None without hours).
    """
    parts = [metric_note(slots.attrs.get("metric", ""))]
    if "hour" in slots.columns:
        parts.append(best_time(slots, window, test))
    else:
        parts += [no_hours(slots.attrs["posts"]), best_weekday(slots)]
    return " ".join(p for p in parts if p)


def no_hours(posts: int) -> str:
    """Posts with dates but no times of day (``posts``: how many)."""
    return (
        f"The {count(posts, 'post')} here have dates without times of day (every one is at "
        f"00:00), so the hour of publication is not measurable; weekdays are compared instead."
    )


def best_weekday(slots: pd.DataFrame, min_posts: int = 3) -> str:
    """The best weekday (output of :func:`smmnb.trends.best_time` with ``hours=False``)."""
    ranked = slots[slots["posts"] >= min_posts]
    if ranked.empty:
        return f"No weekday has {min_posts} posts with reach yet."
    top = ranked.iloc[0]
    text = _posts_used(slots) + (
        f"**{WEEKDAYS[int(top['weekday'])]} is the best weekday**: its posts reached an "
        f"engagement rate {number(top['value'], 2)} times that of comparable posts "
        f"({count(top['posts'], 'post')}; {_interval(top)})."
    )
    if len(ranked) > 1:
        low = ranked.iloc[-1]
        text += f" The weakest is {WEEKDAYS[int(low['weekday'])]} ({number(low['value'], 2)})."
    return text


# ------------------------------------------------------------------------------ formats


def formats(table: pd.DataFrame, baseline: str | None, metric: str = "er_reach") -> str:
    """Which formats differ significantly from the baseline.

    ``table`` is the output of :func:`smmnb.trends.format_performance` run with ``baseline``
    and ``metric``.
    """
    note = metric_note(metric)
    return f"{note} {_formats(table, baseline)}" if note else _formats(table, baseline)


def _formats(table: pd.DataFrame, baseline: str | None) -> str:
    against = f"{baseline}s on the same platform" if baseline else "the platform's other formats"
    tested = table[table["compared_with"].notna()]
    if tested.empty:
        return (
            f"No format could be compared with {against}: a comparison needs at least 3 posts "
            f"on each side."
        )
    sig = tested[tested["significant"].fillna(False).astype(bool)]
    better = sig[sig["ratio"] > 1].sort_values("ratio", ascending=False)
    worse = sig[sig["ratio"] < 1].sort_values("ratio")

    def items(rows):
        return "; ".join(
            f"{esc(r.format)} on {esc(r.platform)} {times(r.ratio, 2)} ({p_value(r.p_holm)})"
            for r in rows.itertuples()
        )

    text = f"Compared with {against} ({count(len(tested), 'comparison')}, Holm-adjusted), "
    if sig.empty:
        text += "no format differs significantly. "
    else:
        parts = []
        if len(better):
            parts.append(f"**significantly better**: {items(better)}")
        if len(worse):
            parts.append(f"significantly worse: {items(worse)}")
        text += ". Also ".join(parts) + ". "
    untested = len(table) - len(tested) - (table["format"] == baseline).sum() if baseline else 0
    if untested > 0:
        text += (
            f"{count(untested, 'other format')} could not be tested (fewer than 3 posts, or no "
            f"{baseline}s on the platform)."
        )
    return text.strip()


# ------------------------------------------------------------------------------- growth


def growth_table(rates: pd.DataFrame) -> pd.DataFrame:
    """The rates of :func:`smmnb.trends.follower_growth` for display.

    ``rel_change`` = the 28-day gain / the gain of the 28 days before - 1, measurable only
    when both gains are positive.
    """
    out = rates[["platform", "followers", "gain_28d", "rel_change_28d", "gain_prev_28d"]].copy()
    both = (rates["gain_28d"] > 0) & (rates["gain_prev_28d"] > 0)
    out["rel_change"] = (rates["gain_28d"] / rates["gain_prev_28d"] - 1).where(both)
    return out


def _gain(value: float) -> str:
    return (
        f"lost {count(-value, 'follower')}" if value < 0 else f"gained {count(value, 'follower')}"
    )


def growth(growth, on_time: pd.DataFrame, platform: str) -> str:
    """One platform's growth, forecast and target in words.

    Parameters
    ----------
    growth : smmnb.trends.GrowthForecast
        Output of :func:`smmnb.trends.follower_growth` (one brand).
    on_time : pandas.DataFrame
        Output of :func:`smmnb.trends.targets_on_time`.
    platform : str
        The platform to describe (:func:`smmnb.trends.growth_focus`).
    """
    rates = growth.rates[growth.rates["platform"] == platform].iloc[0]
    forecast = growth.forecast[growth.forecast["platform"] == platform]
    rows = on_time[on_time["platform"] == platform]
    target = rows.iloc[0] if len(rows) else None
    name = f"**{esc(rates['platform'])}**"
    gain, prev = rates["gain_28d"], rates["gain_prev_28d"]
    if not is_number(gain):
        held = count(rates["days"], "day")
        text = f"{name} has {held} of follower counts: too few for a 28-day gain. "
    elif not is_number(prev):
        text = (
            f"{name} {_gain(gain)} in the last 28 days (the 28 days before are not in the data). "
        )
    elif gain > 0 and prev > 0:
        change = gain / prev - 1
        text = (
            f"{name} {_gain(gain)} in the last 28 days, {pct(abs(change))} "
            f"{'less' if change < 0 else 'more'} than in the 28 days before "
            f"({count(prev)}). "
        )
    else:
        text = (
            f"{name} {_gain(gain)} in the last 28 days, against "
            f"{'a loss of ' + count(-prev) if prev < 0 else 'a gain of ' + count(prev)} in the "
            f"28 days before. "
        )
    if len(forecast):
        # the forecast on the target's due day when the forecast reaches it (the figure the
        # campaign scorecard gives for the same target), else at the end of the forecast
        end = forecast.iloc[-1]
        due = pd.Timestamp(target["due"]) if target is not None and "due" in target else None
        on_due = forecast[pd.to_datetime(forecast["date"]) == due] if due is not None else []
        if len(on_due):
            end = on_due.iloc[0]
        text += (
            f"By {day(end['date'])} the forecast is {count(end['forecast'])} (95% interval "
            f"{count(end['ci_low'])} to {count(end['ci_high'])}). "
        )
    if target is not None:
        goal = count(target["target"])
        if rates["followers"] >= target["target"]:
            text += f"The target of {goal} is already reached."
        elif pd.isna(target["reached_on"]):
            text += (
                f"At this pace the target of {goal} is not reached within two years, "
                f"**after its deadline of {day(target['due'])}**."
            )
        elif target["on_time"]:
            text += (
                f"At this pace the target of {goal} is reached on {day(target['reached_on'])}, "
                f"in time for its deadline of {day(target['due'])}."
            )
        else:
            text += (
                f"At this pace the target of {goal} is reached on {day(target['reached_on'])}, "
                f"**after its deadline of {day(target['due'])}**."
            )
    return text.strip()


def too_short(days: dict) -> str:
    """Series left out of the forecast for having fewer than 28 days of counts."""
    if not days:
        return ""
    items = listing(f"{esc(p)} ({count(n, 'day')})" for (_b, p), n in sorted(days.items()))
    return f"Not forecast, for having fewer than 28 days of follower counts: {items}."


# --------------------------------------------------------------------------- what to do


def recommendations(findings: dict) -> str:
    """A numbered list of actions from what the sections found; "" when none.

    ``findings`` may hold: ``lead`` (a row of :func:`smmnb.trends.emerging`), ``spike`` (a
    row of :func:`smmnb.trends.spikes_in_period`, with ``example`` and ``alert_today``),
    ``window`` (:func:`smmnb.trends.best_window`) and ``window_test``
    (:func:`smmnb.trends.window_test`; the block is recommended only when significantly
    better), ``better_formats`` (rows of
    :func:`smmnb.trends.format_performance` significantly better than the baseline, with
    ``baseline``), ``late_targets`` (rows of :func:`smmnb.trends.targets_on_time` not on time).
    """
    recs = []
    lead = findings.get("lead")
    if lead is not None and lead["kind"] == "hashtag":
        recs.append(
            f"Ride **{esc(lead['term'])}**: it is in {_share(lead['rate_recent'])} of recent "
            f"mentions, {times(lead['ratio'], 0)} its earlier share. Use it in the next posts "
            f"while it rises."
        )
    elif lead is not None:
        recs.append(
            f"Read the recent mentions that use **{esc(lead['term'])}** "
            f"({_share(lead['rate_recent'])} of them, {times(lead['ratio'], 0)} its earlier "
            f"share) before acting on it: a rising term can be praise or a complaint."
        )
    spike = findings.get("spike")
    if spike is not None:
        example = spike.get("example")
        recs.append(
            f"Review the {_short_day(spike['period'])} spike ({count(spike['count'], 'mention')}, "
            f"against a baseline of {_baseline(spike['baseline'])}) with the team behind what it "
            f"was about"
            + (f" (typical mention: *{esc(example)}*)" if example else "")
            + "; answer the most-followed authors first, and keep the daily spike check running"
            + (
                f" (alert line on the last day: {count(spike['alert_today'], 'mention')})."
                if is_number(spike.get("alert_today"))
                else "."
            )
        )
    window, test = findings.get("window"), findings.get("window_test")
    if window and window["ratio"] > 1 and (test is None or test["significant"]):
        recs.append(
            f"Move posts to {_block(window)}: comparable posts there got "
            f"{times(window['ratio'], 2)} the engagement rate; test it on a few posts first."
        )
    better = findings.get("better_formats")
    if better is not None and len(better):
        items = "; ".join(
            f"{esc(r.format)} on {esc(r.platform)} {times(r.ratio, 2)}"
            for r in better.head(3).itertuples()
        )
        against = (
            f"{findings['baseline']}s"
            if findings.get("baseline")
            else "the other formats of their platform"
        )
        recs.append(f"Post more of the formats that beat {esc(against)}: {items}.")
    late = findings.get("late_targets")
    if late is not None:
        for g in late.itertuples():
            reached = "not within two years" if pd.isna(g.reached_on) else f"on {day(g.reached_on)}"
            recs.append(
                f"Add follower-growth actions on {esc(g.platform)}: the target of "
                f"{count(g.target)} is due {day(g.due)} but the trend reaches it {reached}."
            )
    return "\n".join(f"{i}. {t}" for i, t in enumerate(recs, 1))


def no_action() -> str:
    """What "What to do" says when no section found something to act on."""
    return "None of the sections above found something to act on in these data."


# ------------------------------------------------------------- channel overview and gains

CHANNEL_EXPORTS = (
    "TikTok Studio's Overview, YouTube Studio's Totals or Chart data, a Meta page's Reach, "
    "X's account overview or LinkedIn's Metrics"
)
"""The exports that fill ``channel_daily`` with views, impressions or reach, in words."""


def _measured(channel_daily: pd.DataFrame) -> int:
    return int(channel_daily[["views", "impressions", "reach"]].notna().any(axis=1).sum())


def require_channel(in_scope: pd.DataFrame, in_folder: pd.DataFrame, scope: str) -> None:
    """Raise :class:`InsufficientData` when no account-level day with views or reach is in scope.

    Parameters
    ----------
    in_scope, in_folder : pandas.DataFrame
        ``channel_daily`` in scope and in the whole folder; rows with views, impressions or
        reach count.
    scope : str
        The filter, from :func:`where`.

    Raises
    ------
    InsufficientData
        "The channel overview needs account-level daily views, impressions or reach (exports
        such as ...); this folder has none." (or "... has 92 account-level days, none for ...").
    """
    require(
        "The channel overview",
        f"account-level daily views, impressions or reach (exports such as {CHANNEL_EXPORTS})",
        _measured(in_scope),
        _measured(in_folder),
        "account-level day",
        scope,
    )


def channel_metric(overview) -> str:
    """The column the channel chart draws: views, else impressions, else reach."""
    p = overview.platforms
    if (p["views_days"] > 0).any():
        return "views"
    return "impressions" if (p["impressions_days"] > 0).any() else "reach"


def channel_chart(brand: str, metric: str) -> dict:
    """Title and axis label of the channel chart (``ax.set(**channel_chart(...))``)."""
    label = "reach per day" if metric == "reach" else f"{metric} per day"
    return {"title": f"{brand}: {label}, per platform", "ylabel": label, "xlabel": ""}


def channel_table(overview) -> pd.DataFrame:
    """The platforms of :func:`smmnb.trends.channel_overview` for display (text cells).

    Reach is shown per day only: it counts people, who come back day after day.
    """
    rows = []
    for r in overview.platforms.itertuples(index=False):
        rows.append(
            {
                "platform": r.platform,
                "days": count(r.days),
                "views per day": count(r.views_per_day) if r.views_days else "not reported",
                "views in all": count(r.views) if r.views_days else "not reported",
                "impressions per day": (
                    count(r.impressions_per_day) if r.impressions_days else "not reported"
                ),
                "reach per day": count(r.reach_per_day) if r.reach_days else "not reported",
                "busiest day": day(r.top_day) if is_number(r.top_views) else "",
            }
        )
    return pd.DataFrame(rows)


def channel_overview(overview, brand: str) -> str:
    """One sentence per platform of :func:`smmnb.trends.channel_overview`, with its numbers.

    Views and impressions are given per day and in all; reach per day only (never added up
    across days or platforms: the same people come back).
    """
    parts = []
    any_reach = False
    for r in overview.platforms.itertuples(index=False):
        who = f"{esc(brand)}'s account on **{esc(r.platform)}**"
        span = _during(r.first, r.last)
        measures = []
        for column, noun in (("views", "view"), ("impressions", "impression")):
            n_days = getattr(r, f"{column}_days")
            if not n_days:
                continue
            text = (
                f"**{count(getattr(r, f'{column}_per_day'), noun)} a day** on average over "
                f"{count(n_days, 'day')} ({count(getattr(r, column))} in all"
            )
            if is_number(r.top_views) and n_days > 1 and (column == "views" or not r.views_days):
                text += f"; the most, {count(r.top_views)}, on {_short_day(r.top_day)}"
            measures.append(text + ")")
            break  # views when reported, else impressions
        if r.reach_days:
            any_reach = True
            measures.append(
                f"a reach of **{count(r.reach_per_day)} per day** on average over "
                f"{count(r.reach_days, 'day')} (the highest day {count(r.reach_max)})"
            )
        parts.append(f"{who} had {' and '.join(measures)}, {span}.")
    if any_reach:
        parts.append(
            "Reach is per day: the same people come back day after day and follow several "
            "platforms, so daily reach is never added up across days or platforms."
        )
    return " ".join(parts)


def require_follower_counts(
    in_scope: int, in_folder: int, gains_only: list[str], scope: str
) -> None:
    """Raise :class:`InsufficientData` when the forecast has no follower count in scope.

    Parameters
    ----------
    in_scope, in_folder : int
        Rows of ``followers`` in scope and in the whole folder.
    gains_only : list of str
        Platforms in scope with daily followers gained but no count.
    scope : str
        The filter, from :func:`where`.
    """
    if in_scope > 0:
        return
    if gains_only:
        raise InsufficientData(
            needs(
                "Forecasting followers",
                "daily follower counts",
                f"the data in scope count only the followers gained each day on "
                f"{listing(gains_only)}, without a total (one known count in smmnb.yml turns "
                "them into totals; see below)",
            )
        )
    require("Forecasting followers", "daily follower counts", in_scope, in_folder,
            "follower count", scope)  # fmt: skip


def gains_table(gains) -> pd.DataFrame:
    """The platforms of :func:`smmnb.trends.follower_gains` for display (text cells)."""
    rows = []
    for r in gains.platforms.itertuples(index=False):
        rows.append(
            {
                "platform": r.platform,
                "days": count(r.days),
                "gained": count(r.gained),
                "lost": count(r.lost) if r.lost_reported else "not reported",
                "net": _signed(r.net) if r.lost_reported else "not measurable",
                "gained, last 28 days": count(r.gained_28d),
                "gained, 28 days before": count(r.gained_prev_28d),
            }
        )
    return pd.DataFrame(rows)


def _signed(value) -> str:
    return f"{int(round(float(value))):+,}" if is_number(value) else count(value)


def follower_gains(gains, brand: str) -> str:
    """The followers gained (and lost) per platform where there is no count, in words.

    Ends with how to turn the gains into totals: one known count per platform in smmnb.yml.
    """
    parts = []
    for r in gains.platforms.itertuples(index=False):
        name = f"**{esc(r.platform)}**"
        span = _during(r.first, r.last)
        if r.lost_reported:
            text = (
                f"On {name} {esc(brand)} gained {count(r.gained, 'follower')} and lost "
                f"{count(r.lost)} {span} ({count(r.days, 'day')} with data; net {_signed(r.net)})."
            )
        else:
            text = (
                f"On {name} {esc(brand)} gained {count(r.gained, 'new follower')} {span} "
                f"({count(r.days, 'day')} with data); the export does not count unfollows, so "
                "this is not the change in followers."
            )
        if is_number(r.gained_28d):
            recent = count(r.gained_28d, "new follower")
            text += f" In the last 28 days to {_short_day(r.last)}: {recent}"
            if r.lost_reported:
                text += f" (net {_signed(r.net_28d)})"
            if is_number(r.gained_prev_28d):
                text += f", against {count(r.gained_prev_28d)} in the 28 days before"
                if r.lost_reported:
                    text += f" (net {_signed(r.net_prev_28d)})"
            text += "."
        parts.append(text)
    names = list(gains.platforms["platform"])
    if names:
        last = gains.platforms["last"].max()
        example = f"{names[0]}: {{date: {pd.Timestamp(last).date().isoformat()}, count: 5120}}"
        parts.append(
            f"The data hold no follower count for {listing(names)}: give one known count per "
            f"platform in smmnb.yml (such as `followers: {{{example}}}`, with the number the "
            "account showed at the end of that day) and smmnb derives the daily totals from "
            "these gains and forecasts them."
        )
    return " ".join(parts)


def gains_chart(brand: str, start) -> dict:
    """Title and axis label of the chart of followers gained (``ax.set(**gains_chart(...))``)."""
    return {
        "title": f"{brand}: followers gained since {day(start)} (net where unfollows are counted)",
        "ylabel": "followers gained, running total",
        "xlabel": "",
    }
