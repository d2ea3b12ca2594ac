"""Sentences of the customer-expectations report (notebook 01).

Every function takes numbers or small frames computed by :mod:`smmnb.expectations` and
returns Markdown that never prints ``nan``: a figure without a denominator reads "not
measurable", a comparison needs two things to compare, response-time figures appear only when
the data hold brand replies, and a recommendation only when the data support it. The
fallback sentences (a section without the data it needs) are built here too, with
:func:`smmnb.narrative.needs`: they are plain text, raised as
:class:`~smmnb.errors.InsufficientData` by the ``require_*`` functions and escaped by
:meth:`smmnb.notebook.Context.section` when shown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from smmnb.errors import InsufficientData
from smmnb.narrative import (
    count,
    day,
    esc,
    is_number,
    listing,
    needs,
    number,
    pct,
    period,
    signed_pct,
    times,
)

__all__ = [
    "SPIKE_TIMES",
    "STAFF_BELOW",
    "asks",
    "biggest_gap",
    "channels",
    "discovered_themes",
    "evaluation",
    "headline",
    "headline_table",
    "model_accuracy",
    "net_interval",
    "no_comments",
    "no_replies",
    "nothing_to_read",
    "points_text",
    "quotes",
    "ratio",
    "real_accuracy",
    "recommendations",
    "require_comments",
    "require_gaps",
    "require_replies",
    "share",
    "slowest",
    "theme_source",
    "themes",
    "unanswered",
    "where",
    "worst_day",
    "worst_week",
]

STAFF_BELOW = 0.5
"""A channel is told to staff up when it answers fewer than this share of its questions."""

SPIKE_TIMES = 3.0
"""A worst day calls for a holding statement when it has this many times the median day."""


def share(value: float) -> str:
    """A share as a whole percentage that never rounds a few into none or all.

    >>> share(0.003), share(0.5), share(0.998), share(1.0)
    ('under 1%', '50%', 'over 99%', '100%')
    """
    if is_number(value) and 0 < value < 0.005:
        return "under 1%"
    if is_number(value) and 0.995 <= value < 1:
        return "over 99%"
    return pct(value)


def ratio(value: float) -> str:
    """How many times a usual figure: ``1.4x``, ``9x`` (whole above 3)."""
    return times(value, 0 if is_number(value) and value >= 3 else 1)


def where(brand: str, platforms: Sequence[str] = ()) -> str:
    """``Lumi's channels``, ``Lumi's tiktok channel``, ``Lumi's facebook and zalo channels``."""
    owner = f"{esc(brand)}'s"
    if not platforms:
        return f"{owner} channels"
    noun = "channel" if len(platforms) == 1 else "channels"
    return f"{owner} {listing(platforms)} {noun}"


# --------------------------------------------------------------------------------------------
# fallbacks


def no_comments(
    analysis: str,
    brand: str,
    *,
    brands_with_comments: Sequence[str],
    in_scope: int,
    platforms: Sequence[str] = (),
    start: str | None = None,
    end: str | None = None,
) -> str:
    """The sentence of a section that needs customer comments and has none.

    Like every fallback sentence it is plain text (not Markdown): the notebook escapes it
    when it shows it.

    Parameters
    ----------
    analysis : str
        What the section does, as the subject of "needs" (``"The theme analysis"``).
    brand : str
        The brand analysed.
    brands_with_comments : sequence of str
        The brands whose customer comments the folder holds (any date, any platform).
    in_scope : int
        Customer comments of ``brand`` on the platforms of the filter, any date.
    platforms : sequence of str
        The platform filter (empty: all).
    start, end : str, optional
        The period, ISO dates.

    Examples
    --------
    >>> print(no_comments("The theme analysis", "Moc Coffee", brands_with_comments=["Lumi"],
    ...                   in_scope=0))  # doctest: +NORMALIZE_WHITESPACE
    The theme analysis needs comments from customers on Moc Coffee's own channels; this
    folder has comments on Lumi's channels only.
    """
    need = f"comments from customers on {brand}'s own channels"
    names = sorted(set(brands_with_comments))
    if not names:
        found = "this folder has no comments at all"
    elif brand not in names:
        owners = listing([f"{b}'s" for b in names], escape=False)
        found = f"this folder has comments on {owners} channels only"
    elif in_scope == 0 and platforms:
        found = f"this folder has none on {listing(platforms, escape=False)}"
    elif start and end:
        found = f"this folder has none from {period(start, end)}"
    else:
        found = "this folder has none in this period"
    return needs(analysis, need, found)


def require_comments(nb, comments: pd.DataFrame, analysis: str) -> None:
    """Raise :class:`InsufficientData` (:func:`no_comments`) when ``comments`` is empty.

    ``comments`` are the customer comments of the period; ``nb`` is the notebook's
    :class:`smmnb.notebook.Context`.
    """
    if len(comments):
        return
    from smmnb.expectations import customer_comments

    every = customer_comments(nb.everything.comments)
    brands = every["brand"].dropna().astype("str").unique().tolist()
    in_scope = len(customer_comments(nb.scope.comments))
    raise InsufficientData(
        no_comments(
            analysis,
            nb.brand,
            brands_with_comments=brands,
            in_scope=in_scope,
            platforms=nb.platforms,
            start=nb.start,
            end=nb.end,
        )
    )


def nothing_to_read(
    brand: str,
    *,
    platforms: Sequence[str] = (),
    start: str | None = None,
    end: str | None = None,
) -> str:
    """Why the whole notebook is skipped: no customer comment and no mention of ``brand``."""
    found = f"this folder has neither for {brand}"
    if platforms:
        found += f" on {listing(platforms, escape=False)}"
    if start and end:
        found += f" from {period(start, end)}"
    return needs("Customer expectations",
                 f"comments from customers on {brand}'s channels or mentions of {brand}",
                 found)  # fmt: skip


def require_replies(brand: str, times: pd.DataFrame | None) -> None:
    """Raise :class:`InsufficientData` (:func:`no_replies`) when there are no response times."""
    if times is None:
        raise InsufficientData(no_replies(brand))


def require_gaps(gaps: pd.DataFrame, comments: int) -> None:
    """Raise :class:`InsufficientData` when no expectation gap could be measured (no theme)."""
    if gaps.empty:
        found = f"none of the {count(comments, 'customer comment')} of this period touches one"
        raise InsufficientData(
            needs("The expectation-gap analysis", "comments about a theme of the dictionary", found)
        )


def no_replies(brand: str) -> str:
    """Response times without brand replies: one sentence, no figure."""
    return needs(
        "Measuring response times",
        f"{brand}'s replies in the comments (rows with author_is_brand true and the "
        "comment answered in parent_id)",
        f"the comments of {brand} in this folder hold none, so no response rate or time is shown",
    )


# --------------------------------------------------------------------------------------------
# headline


def headline_table(
    comments: int,
    net: float,
    *,
    sla: str,
    answered: float | None = None,
    median_hours: float | None = None,
    within_sla: float | None = None,
) -> pd.DataFrame:
    """The headline figures as text, each measure naming its denominator.

    The response rows are there only when ``answered`` is given (the data hold replies).
    """
    rows = [
        ("customer comments", count(comments)),
        ("net sentiment (positive minus negative share of customer comments)",
         signed_pct(net, 1)),
    ]  # fmt: skip
    if answered is not None:
        rows += [
            ("response rate (answered / customer comments)", pct(answered, 1)),
            ("median response time (hours, answered comments)", number(median_hours, 1)),
            (f"answered within {sla} (share of customer comments)", pct(within_sla, 1)),
        ]
    return pd.DataFrame(rows, columns=["measure", "value"])


def headline(
    comments: int,
    net: float,
    *,
    brand: str,
    platforms: Sequence[str] = (),
    sla: str,
    answered: float | None = None,
    median_hours: float | None = None,
    within_sla: float | None = None,
) -> str:
    """Volume, net sentiment and, when the data hold replies, how fast the brand answers."""
    text = (
        f"Customers wrote **{count(comments, 'comment')}** on {where(brand, platforms)}. "
        f"Net sentiment (positive share minus negative share) is **{signed_pct(net, 1)}**. "
    )
    if answered is None:
        return text + esc(no_replies(brand))
    if not is_number(answered) or answered == 0:
        return text + "The brand answered none of them."
    return text + (
        f"The brand answered **{share(answered)}** of them, after a median "
        f"**{number(median_hours, 1)} hours**; {share(within_sla)} of them got an answer within "
        f"the {sla} SLA."
    )


# --------------------------------------------------------------------------------------------
# channels and weeks


def channels(table: pd.DataFrame, by: str = "platform") -> str:
    """Where customers are most and least positive (one channel: its figure alone).

    ``table`` is :func:`smmnb.expectations.channel_sentiment`'s output.
    """
    rows = table.dropna(subset=["net_sentiment"])
    if rows.empty:
        return ""
    if len(rows) == 1:
        row = rows.iloc[0]
        return (
            f"All {count(row['comments'], 'customer comment')} are on **{esc(row[by])}**: "
            f"net sentiment {signed_pct(row['net_sentiment'])}."
        )
    best = rows.loc[rows["net_sentiment"].idxmax()]
    worst = rows.loc[rows["net_sentiment"].idxmin()]
    if best["net_sentiment"] == worst["net_sentiment"]:
        return f"Net sentiment is {signed_pct(best['net_sentiment'])} on every channel."
    return (
        f"Customers are most positive on **{esc(best[by])}** (net "
        f"{signed_pct(best['net_sentiment'])} over {count(best['comments'], 'comment')}) and "
        f"least on **{esc(worst[by])}** (net {signed_pct(worst['net_sentiment'])} over "
        f"{count(worst['comments'], 'comment')})."
    )


def worst_week(weekly: pd.DataFrame, first=None, last=None) -> str:
    """The week with the lowest net sentiment (the mean of the channels' values that week).

    Needs two weeks with a value; one channel is not called "across channels". With the
    period's ``first`` and ``last`` days, a week the period cuts says which of its days count.
    """
    mean = weekly.mean(axis=1).dropna()
    if len(mean) < 2:
        return (
            f"Only {count(len(mean), 'week')} of this period has enough comments to chart, so "
            "weeks cannot be compared."
        )
    low = mean.idxmin()
    if weekly.shape[1] == 1:
        text = f"The worst week starts **{day(low)}** (net {signed_pct(mean.min())}"
    else:
        text = (
            f"The worst week across channels starts **{day(low)}** (net "
            f"{signed_pct(mean.min())}, the mean of the channels' weekly values"
        )
    week_end = pd.Timestamp(low) + pd.Timedelta(days=6)
    if first is not None and last is not None:
        inside = max(pd.Timestamp(low), pd.Timestamp(first)), min(week_end, pd.Timestamp(last))
        if inside != (pd.Timestamp(low), week_end):
            text += (
                f"; only {day(inside[0], year=False)} to {day(inside[1], year=False)} are in the period"
            )
    return text + ")."


# --------------------------------------------------------------------------------------------
# themes and asks


def themes(by_theme: pd.DataFrame, coverage: float, comments: int) -> str:
    """The most discussed, most negative and least negative themes, and the dictionary's reach.

    ``by_theme`` is :func:`smmnb.expectations.sentiment_by_theme` with the themes' labels.
    """
    total = by_theme.sum(axis=1)
    share_negative = (by_theme["negative"] / total).sort_values(kind="stable")
    first = by_theme.index[0]
    if len(by_theme) == 1:
        text = (
            f"**{esc(first)}** is the only theme the dictionary recognises "
            f"({count(total.iloc[0], 'comment')}, {share(share_negative.iloc[0])} of them "
            "negative)."
        )
    else:
        text = (
            f"**{esc(first)}** is the most discussed theme ({count(total.iloc[0], 'comment')}); "
            f"the most negative is **{esc(share_negative.index[-1])}** "
            f"({share(share_negative.iloc[-1])} negative), the least negative "
            f"**{esc(share_negative.index[0])}** ({share(share_negative.iloc[0])} negative)."
        )
    return text + (
        f" The dictionary recognises a theme in {share(coverage)} of the "
        f"{count(comments, 'customer comment')}; the rest are chit-chat or topics it does not know."
    )


DICTIONARIES = {
    "food_beverage": "food & beverage",
    "ecommerce_retail": "e-commerce & retail",
    "travel_airlines": "travel & airlines",
    "telecom_electronics": "telecom & electronics",
    "banking": "banking",
}
"""Reader names of the built-in theme dictionaries."""


def _dictionary(choice) -> str:
    if choice.name in DICTIONARIES:
        return f"the built-in *{DICTIONARIES[choice.name]}* dictionary"
    return f"your dictionary *{esc(choice.name)}*"


def theme_source(choice) -> str:
    """Which theme dictionary the report uses, why, and the share of comments it covers.

    ``choice``: :class:`smmnb.text.themes.ThemeChoice` (``smm.expectations.resolve_themes``).
    """
    built_in = count(len(choice.coverages) or 1, "built-in dictionary", "built-in dictionaries")
    why = {
        "parameter": "named by the notebook's `themes` parameter",
        "settings": "named in the folder's smmnb.yml",
        "coverage": f"the one of the {built_in} that recognises a theme in the most comments",
    }[choice.source]
    text = f"Themes come from {_dictionary(choice)} ({why})"
    if not choice.comments or not is_number(choice.coverage):
        return text + "."
    return text + (
        f"; it recognises a theme in {share(choice.coverage)} of the "
        f"{count(choice.comments, 'customer comment')}."
    )


def discovered_themes(found: pd.DataFrame, choice) -> str:
    """Why discovered themes are shown instead of the dictionary's, and the largest of them.

    ``found``: :func:`smmnb.expectations.discovered_themes`; ``choice``: the dictionary that
    fell short (:class:`smmnb.text.themes.ThemeChoice`).
    """
    covered = f"{share(choice.coverage)} of the {count(choice.comments, 'customer comment')}"
    if choice.source == "coverage":
        why = (
            "no built-in dictionary recognises a theme in half of them (the best, "
            f"{_dictionary(choice)}, covers {covered})"
        )
    else:
        why = f"{_dictionary(choice)} recognises a theme in only {covered}, fewer than half"
    text = (
        "These themes were found in the comments themselves and are named by their most telling "
        f"words, because {why}."
    )
    if found.empty:
        return text
    top = found.iloc[0]
    text += (
        f" The largest, **{esc(top['theme'])}**, holds {count(top['comments'], 'comment')} "
        f"({share(top['share'])} of those analysed)"
    )
    if is_number(top["negative"]):
        text += f", {share(top['negative'])} of them negative"
    return text + "."


def asks(asking: int, comments: int, questions: int, requests: int, by_theme: pd.Series) -> str:
    """How many comments ask something, and the themes they touch most.

    ``by_theme``: questions and requests per theme label (themes with at least one).
    """
    if asking == 0:
        return (
            f"None of the {count(comments, 'customer comment')} asks a question or makes a request."
        )
    text = (
        f"**{count(asking, 'comment')} ({share(asking / comments)} of "
        f"{count(comments, 'customer comment')})** ask something: "
        f"{count(questions, 'question')} and {count(requests, 'request')}."
    )
    top = by_theme.head(2)
    if top.empty:
        return text + " The dictionary recognises no theme in them."
    named = listing([f"**{esc(t)}** ({count(n)})" for t, n in top.items()], escape=False)
    if len(top) == 1:
        return text + f" The only theme they touch is {named}."
    return text + f" The themes they touch most are {named}."


# --------------------------------------------------------------------------------------------
# responses


def unanswered(questions: pd.DataFrame, by: str = "platform") -> str:
    """Which channel leaves questions unanswered most often, against the others.

    ``questions``: :func:`smmnb.expectations.response_summary` of the questions, one row per
    channel (``comments``, ``response_rate``, ``median_hours``).
    """
    rows = questions[questions["comments"] > 0]
    if rows.empty:
        return "No customer asked a question in this period."
    rows = rows.set_index(by) if by in rows.columns else rows
    slow = rows["response_rate"].idxmin()
    row = rows.loc[slow]
    answered = f"{share(row['response_rate'])} of its {count(row['comments'], 'question')} answered"
    if is_number(row["median_hours"]):
        answered += f" (median {number(row['median_hours'], 1)} h when answered)"
    if len(rows) == 1:
        text = f"On **{esc(slow)}**, {answered.replace(' answered', ' were answered', 1)}."
    elif rows["response_rate"].min() >= 1:
        return "Every question got an answer, on every channel."
    else:
        others = rows.drop(slow)["response_rate"]
        if len(others) == 1:
            against = f"{share(others.iloc[0])} on {esc(others.index[0])}"
        elif share(others.min()) == share(others.max()):
            against = f"{share(others.min())} on the other channels"
        else:
            against = f"{share(others.min())} to {share(others.max())} on the other channels"
        text = (
            f"**{esc(slow)}** leaves questions unanswered most often: {answered}, against "
            f"{against}."
        )
    if row["response_rate"] < 1:
        text += " An unanswered question is a lost sale and a public sign of neglect."
    return text


def slowest(questions: pd.DataFrame, by: str = "platform") -> dict | None:
    """The channel that answers the smallest share of its questions, as a dict (or None)."""
    rows = questions[questions["comments"] > 0]
    if rows.empty:
        return None
    row = rows.loc[rows["response_rate"].idxmin()]
    return {"channel": str(row[by]), "questions": int(row["comments"]),
            "response_rate": float(row["response_rate"]),
            "median_hours": float(row["median_hours"])}  # fmt: skip


# --------------------------------------------------------------------------------------------
# gaps, the worst day, quotes


def _previous(days: int) -> str:
    return "the day before" if days == 1 else f"the previous {count(days, 'day')}"


def biggest_gap(gaps: pd.DataFrame, *, replies: bool, days: int) -> str:
    """The theme with the most negative comments, with its reply rate and tested change.

    ``gaps``: :func:`smmnb.expectations.expectation_gaps` with the themes' labels; ``days``:
    the length of the period (the previous period has the same).
    """
    top = gaps.iloc[0]
    if top["negative"] == 0:
        return "No theme drew a negative comment in this period."
    lead = ("The biggest gap is" if len(gaps) > 1
            else "The only theme the dictionary recognises is")  # fmt: skip
    text = (
        f"{lead} **{esc(top['theme'])}**: {count(top['negative'], 'negative comment')} "
        f"({share(top['share_negative'])} of {count(top['comments'])})"
    )
    if replies and is_number(top.get("unanswered")):
        text += f", {share(top['unanswered'])} of them without a reply"
    if is_number(top.get("change")):
        verdict = "a significant change" if top["significant"] else "not a significant change"
        from smmnb.formatting import p_value

        text += (
            f"; its negative share moved {points_text(top['change'])} against "
            f"{_previous(days)} ({p_value(top['p_value'])}, {verdict})"
        )
    return text + "."


def points_text(value: float) -> str:
    """A change of a share in percentage points: ``+7.8 percentage points``."""
    from smmnb.narrative import points

    text = points(value)
    return text.replace(" points", " percentage points") if is_number(value) else text


def worst_day(worst, sources: Sequence[str], labels: Mapping[str, str] | None = None) -> str:
    """The day with the most negative messages, against the median day.

    ``worst``: a :class:`smmnb.expectations.WorstDay`; ``sources``: what was counted
    (``["comments", "mentions"]``); ``labels``: the themes' labels.
    """
    theme_label = (labels or {}).get(worst.theme, worst.theme) if worst.theme else None
    what = listing(sources)
    if worst.negative == 0:
        return f"None of the {what} of this period is negative."
    text = (
        f"On **{day(worst.day)}** customers posted **{count(worst.negative, 'negative message')}** "
        f"({what})"
    )
    if is_number(worst.ratio):
        text += (
            f", {ratio(worst.ratio)} the median of the {count(worst.days, 'day')} "
            f"({_median(worst.median)})"
        )
    else:
        text += f"; the median day of the {count(worst.days, 'day')} has none"
    if theme_label is not None and is_number(worst.theme_share):
        text += f"; {share(worst.theme_share)} of them were about **{esc(theme_label)}**"
    return text + "."


def _median(value: float) -> str:
    """A median count: whole when it is, else with its half (``5.5``)."""
    return count(value) if float(value).is_integer() else number(value, 1)


def quotes(gaps: pd.DataFrame, themes: int = 4, per_theme: int = 2) -> str:
    """Representative negative quotes of the biggest gaps, as a Markdown list.

    ``gaps``: :func:`smmnb.expectations.expectation_gaps` with the themes' labels.
    """
    pairs = [(row.theme, q) for row in gaps.head(themes).itertuples()
             for q in row.quotes[:per_theme]]  # fmt: skip
    if not pairs:
        return "No negative comment about a known theme to quote in this period."
    return "\n".join(f"- *{esc(theme)}*: \u201c{esc(q)}\u201d" for theme, q in pairs)


# --------------------------------------------------------------------------------------------
# recommendations and the scorer's accuracy


def recommendations(
    *,
    gap: Mapping | None = None,
    days: int = 0,
    slow: Mapping | None = None,
    sla: str = "1h",
    worst=None,
    labels: Mapping[str, str] | None = None,
    asked: Sequence[str] = (),
    brand: str = "",
    owner: str | None = None,
) -> str:
    """A numbered list of what the data support, or one sentence when they support nothing.

    Parameters
    ----------
    gap : mapping, optional
        The top row of the expectation gaps (``theme`` label, ``negative``,
        ``share_negative``, ``comments``); recommended when it has negative comments.
    days : int
        Days the data cover (what ``negative`` was counted over).
    slow : mapping, optional
        :func:`slowest` (only when the data hold replies); recommended when the channel
        answers fewer than :data:`STAFF_BELOW` of its questions.
    sla : str
        The promised response time.
    worst : WorstDay, optional
        Recommended (a holding statement) when it has at least :data:`SPIKE_TIMES` times the
        median day and a theme.
    labels : mapping, optional
        The themes' labels (:func:`smmnb.expectations.theme_labels`).
    asked : sequence of str
        Labels of the themes questions and requests touch most (the first two are named).
    brand, owner : str
        The brand analysed and the folder's owner: recommendations are written for the owner
        only (a competitor's channels are not ours to staff).
    """
    if owner and brand and brand != owner:
        return (
            f"Recommendations are written for {esc(owner)}, whose channels these data come "
            f"from; {esc(brand)} is analysed here as a competitor."
        )
    recs = []
    if gap is not None and gap.get("negative", 0) > 0:
        recs.append(
            f"Fix **{esc(gap['theme'])}** first: {count(gap['negative'], 'negative comment')} in "
            f"{count(days, 'day')} ({share(gap['share_negative'])} of its "
            f"{count(gap['comments'], 'comment')})."
        )
    if slow is not None and slow["response_rate"] < STAFF_BELOW:
        asked_there = count(slow["questions"], "question")
        now = f"only {share(slow['response_rate'])} of its {asked_there} are answered now"
        if slow["response_rate"] == 0:
            now = f"none of its {asked_there} is answered now"
        elif is_number(slow["median_hours"]):
            now += f", after a median {number(slow['median_hours'], 1)} h"
        channel = esc(slow["channel"])
        recs.append(f"Staff **{channel}**: answer questions there within {sla}; {now}.")
    if (worst is not None and worst.theme is not None and is_number(worst.ratio)
            and worst.ratio >= SPIKE_TIMES):  # fmt: skip
        label = (labels or {}).get(worst.theme, worst.theme)
        recs.append(
            f"Prepare a holding statement for {esc(label.lower())} incidents: on "
            f"{day(worst.day, year=False)} negative messages reached {count(worst.negative)}, "
            f"{ratio(worst.ratio)} a normal day."
        )
    if len(asked):
        recs.append(
            f"Answer the most common questions ({listing(list(asked)[:2])}) in pinned posts and "
            "auto-replies."
        )
    if not recs:
        return "The data of this period support no recommendation."
    return "\n".join(f"{i}. {r}" for i, r in enumerate(recs, 1))


def evaluation(texts: int, accuracy: float, macro_f1: float) -> str:
    """The sentiment scorer's scores on the hand-labelled set."""
    return (
        f"On {count(texts, 'hand-labelled text')} the lexicon scores **{share(accuracy)} "
        f"accuracy** and **{share(macro_f1)} macro-F1**."
    )


# --------------------------------------------------------------------------------------------
# how far the scorer's errors could move the figures (issue 14)


def net_interval(interval) -> str:
    """Net sentiment and the negative share, with their range for the scorer's measured errors.

    ``interval`` is :func:`smmnb.expectations.net_sentiment_interval`'s result.
    """
    figures = (interval.net, interval.net_adjusted, interval.net_low, interval.net_high,
               interval.negative, interval.negative_low, interval.negative_high)  # fmt: skip
    if not all(is_number(v) for v in figures):
        return "The scorer's measured error rates could not be applied to these comments."
    level = f"{interval.level:.0%}"
    if interval.other_text:
        where = (
            f"measured on real labelled text written by others ({esc(interval.source)}), not "
            "on these comments, so they are a guide rather than an exact correction"
        )
    else:
        where = f"measured on {esc(interval.source)}"
    return (
        f"Net sentiment **{signed_pct(interval.net, 1)}** as scored; adjusted for the scorer's "
        f"measured errors it is about **{signed_pct(interval.net_adjusted)}**, between "
        f"**{signed_pct(interval.net_low)}** and **{signed_pct(interval.net_high)}** ({level} "
        f"interval). Negative comments: **{share(interval.negative)}** as scored; adjusted about "
        f"{share(interval.negative_adjusted)}, between {share(interval.negative_low)} and "
        f"{share(interval.negative_high)}. The error rates were {where}."
    )


def real_accuracy(summary: pd.DataFrame) -> str:
    """The scorer's precision and recall on real labelled text, one line per data set.

    ``summary`` is :meth:`smmnb.text.evaluate.ErrorRates.summary` for the comments' languages.
    """
    if summary.empty:
        return "No measurement of the scorer on real labelled text is available here."
    lines = []
    for row in summary.itertuples():
        text = (f"- {esc(row.what or row.dataset)} ({count(row.texts, 'text')}): macro-F1 "
                f"{number(row.macro_f1, 2)}")  # fmt: skip
        if is_number(row.negative_recall):
            text += (f"; it finds {share(row.negative_recall)} of the negative ones (recall) and "
                     f"{share(row.negative_precision)} of what it calls negative is negative "
                     "(precision)")  # fmt: skip
        if is_number(row.positive_recall):
            text += (f"; positive: recall {share(row.positive_recall)}, precision "
                     f"{share(row.positive_precision)}")  # fmt: skip
        lines.append(text + ".")
    language = "languages" if summary["lang"].nunique() > 1 else "language"
    return (
        "On real comments and reviews written and labelled by other people (not these comments: "
        f"the scorer's errors here can differ), in the {language} of these comments:\n\n"
        + "\n".join(lines)
    )


def model_accuracy(evaluation: Mapping | None, file: str | None = None) -> str:
    """How the model trained on the user's labels scores on them, or how to give labels.

    ``evaluation``: ``SentimentModel.evaluation_`` (cross-validated ``accuracy``,
    ``macro_f1``, ``texts``, ``folds``), or None when no labels were given; ``file``: the
    labelled file's name.
    """
    if not evaluation or not is_number(evaluation.get("accuracy")):
        return (
            "No labels of yours were given, so every sentiment figure above comes from the "
            "lexicon. To teach it your customers' language, run `smmnb label-sample DATA_DIR`, "
            "label the comments it picks (negative, neutral or positive) and give the file as "
            "`labels_path` (or `labels:` in the folder's smmnb.yml)."
        )
    source = f" ({esc(file)})" if file else ""
    return (
        f"Every sentiment figure above comes from a model trained on "
        f"{count(int(evaluation['texts']), 'comment')} you labelled{source}. On your labels it "
        f"scores **{share(evaluation['accuracy'])} accuracy** and "
        f"**{share(evaluation['macro_f1'])} macro-F1** in {int(evaluation['folds'])}-fold "
        "cross-validation (each comment predicted by a model trained without it)."
    )
