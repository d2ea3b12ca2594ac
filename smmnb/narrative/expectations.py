"""Sentences of the customer-expectations report (notebook 01).

Every function takes numbers or small frames computed by :mod:`smmnb.expectations` and
returns Markdown that never prints ``nan``: a figure without a denominator reads "not
measurable", a comparison needs two things to compare, response-time figures appear only when
the data hold brand replies, and a recommendation only when the data support it. The
fallback sentences (a section without the data it needs) are built here too, with
:func:`smmnb.narrative.needs`: they are plain text, raised as
:class:`~smmnb.errors.InsufficientData` by the ``require_*`` functions and escaped by
:meth:`smmnb.notebook.Context.section` when shown.

Every sentence is in the report language (:mod:`smmnb.i18n`; templates in
``smmnb/locale/<language>/expectations.po``). Platforms are written as their owners write
them (``TikTok``); theme labels come translated from the dictionaries
(:func:`smmnb.expectations.theme_labels`); quoted comments stay as written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from smmnb import i18n
from smmnb.errors import InsufficientData
from smmnb.i18n import N_, _, ngettext
from smmnb.names import platform_name
from smmnb.narrative import (
    count,
    day,
    duration,
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
from smmnb.narrative import platforms as platform_list

__all__ = [
    "ANALYSES",
    "CAPTIONS",
    "SPIKE_TIMES",
    "STAFF_BELOW",
    "asks",
    "biggest_gap",
    "caption",
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
    "readable",
    "real_accuracy",
    "real_table",
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

ANALYSES = (
    N_("The headline"),
    N_("Sentiment by channel"),
    N_("The weekly sentiment chart"),
    N_("The theme analysis"),
    N_("The analysis of questions and requests"),
    N_("Measuring response times"),
    N_("The expectation-gap analysis"),
    N_("Quoting customers"),
)
"""The sections notebook 01 names to :func:`require_comments` (the subject of its sentence).

They are catalog messages: the English name a notebook passes is shown in the report
language.
"""

CAPTIONS = {
    "discovered": N_("Themes found in the comments, named by their top words"),
    "asks": N_("Questions and requests (authors pseudonymised)"),
    "worst_day": N_("Negative comments and mentions per day"),
    "per_day": N_("per day"),
    "real": N_("The scorer on real labelled text of others"),
    "ours": N_("Our hand-labelled set, per label"),
    "model": N_("The model on your labels, cross-validated"),
    "no_eval": N_("The evaluation set is not available here."),
}
"""Captions, chart titles and notes of notebook 01, by key (see :func:`caption`)."""

_SOURCES = {"comments": N_("comments"), "mentions": N_("mentions")}
"""What :func:`worst_day` counted, as the notebook names it."""

_VALUES = {
    "intent": {"complaint": N_("complaint"), "question": N_("question"),
               "request": N_("request"), "praise": N_("praise"), "other": N_("other")},
    "sentiment": {"negative": N_("negative"), "neutral": N_("neutral"),
                  "positive": N_("positive")},
    "lang": {"en": N_("English"), "vi": N_("Vietnamese"), "all": N_("all"),
             "other": N_("other")},
}  # fmt: skip
"""Codes of the analysis columns and what a table shows for them."""
_VALUES["label"] = _VALUES["sentiment"]


def caption(key: str) -> str:
    """A caption, chart title or note of notebook 01 in the report language (:data:`CAPTIONS`)."""
    return _(CAPTIONS[key])


def readable(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of a frame for display: codes in cells as a reader says them.

    ``intent`` (``question`` -> "question" / "câu hỏi"), ``sentiment`` and ``label``
    (sentiment labels), ``lang`` (``vi`` -> "Vietnamese"), ``platform`` (``tiktok`` ->
    "TikTok") and yes/no columns (``significant``) read in the report language. The analyses'
    frames keep their codes; only what is shown changes.
    """
    out = frame.copy()
    for column, names in _VALUES.items():
        if column in out.columns:
            out[column] = out[column].map(lambda v, names=names: _(names[v]) if v in names else v)
    if "platform" in out.columns:
        out["platform"] = out["platform"].map(lambda v: v if pd.isna(v) else platform_name(v))
    for column in out.columns:
        if pd.api.types.is_bool_dtype(out[column]):
            out[column] = out[column].map({True: _("yes"), False: _("no")})
    return out


def share(value: float) -> str:
    """A share as a whole percentage that never rounds a few into none or all.

    >>> share(0.003), share(0.5), share(0.998), share(1.0)
    ('under 1%', '50%', 'over 99%', '100%')
    """
    if is_number(value) and 0 < value < 0.005:
        return _("under {percent}").format(percent=i18n.percent(0.01))
    if is_number(value) and 0.995 <= value < 1:
        return _("over {percent}").format(percent=i18n.percent(0.99))
    return pct(value)


def ratio(value: float) -> str:
    """How many times a usual figure: ``1.4x``, ``9x`` (whole above 3)."""
    return times(value, 0 if is_number(value) and value >= 3 else 1)


def _multiple(value: float) -> str:
    """:func:`ratio` without its ``x``, for a template that says "times" its own way."""
    return number(value, 0 if is_number(value) and value >= 3 else 1)


def _channel(value: object, by: str = "platform") -> str:
    """A channel as a reader writes it: a platform by its owner's spelling."""
    return platform_name(value) if by == "platform" else str(value)


def where(brand: str, platforms: Sequence[str] = ()) -> str:
    """``Lumi's channels``, ``Lumi's TikTok channel``, ``Lumi's Facebook and Zalo channels``."""
    if not platforms:
        return _("{brand}'s channels").format(brand=esc(brand))
    names = platform_list(platforms)
    if len(platforms) == 1:
        return _("{brand}'s {platforms} channel").format(brand=esc(brand), platforms=names)
    return _("{brand}'s {platforms} channels").format(brand=esc(brand), platforms=names)


def _platform_list(platforms: Sequence[str]) -> str:
    """Platforms for a plain-text sentence (escaped where it is shown)."""
    return platform_list(platforms, escape=False)


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
        What the section does, as the subject of "needs" (``"The theme analysis"``), in
        English: one of :data:`ANALYSES` reads in the report language.
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
    need = _("comments from customers on {brand}'s own channels").format(brand=brand)
    names = sorted(set(brands_with_comments))
    if not names:
        found = _("this folder has no comments at all")
    elif brand not in names:
        # TRANSLATORS: one owner in a list such as "Lumi's and Moc's" (channels)
        owners = listing([_("{brand}'s").format(brand=b) for b in names], escape=False)
        found = _("this folder has comments on {owners} channels only").format(owners=owners)
    elif in_scope == 0 and platforms:
        found = _("this folder has none on {platforms}").format(platforms=_platform_list(platforms))
    elif start and end:
        found = _("this folder has none from {period}").format(period=period(start, end))
    else:
        found = _("this folder has none in this period")
    return needs(_(analysis), need, found)


def require_comments(nb, comments: pd.DataFrame, analysis: str) -> None:
    """Raise :class:`InsufficientData` (:func:`no_comments`) when ``comments`` is empty.

    ``comments`` are the customer comments of the period; ``nb`` is the notebook's
    :class:`smmnb.notebook.Context`; ``analysis`` one of :data:`ANALYSES` (in English).
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
    fields = {"brand": brand}
    if platforms and start and end:
        found = _("this folder has neither for {brand} on {platforms} from {period}")
    elif platforms:
        found = _("this folder has neither for {brand} on {platforms}")
    elif start and end:
        found = _("this folder has neither for {brand} from {period}")
    else:
        found = _("this folder has neither for {brand}")
    if platforms:
        fields["platforms"] = _platform_list(platforms)
    if start and end:
        fields["period"] = period(start, end)
    need = _("comments from customers on {brand}'s channels or mentions of {brand}")
    return needs(_("Customer expectations"), need.format(brand=brand), found.format(**fields))


def require_replies(brand: str, times: pd.DataFrame | None) -> None:
    """Raise :class:`InsufficientData` (:func:`no_replies`) when there are no response times."""
    if times is None:
        raise InsufficientData(no_replies(brand))


def require_gaps(gaps: pd.DataFrame, comments: int) -> None:
    """Raise :class:`InsufficientData` when no expectation gap could be measured (no theme)."""
    if gaps.empty:
        found = _("none of the {comments} of this period touches one").format(
            comments=count(comments, "customer comment")
        )
        raise InsufficientData(
            needs(
                _("The expectation-gap analysis"),
                _("comments about a theme of the dictionary"),
                found,
            )  # fmt: skip
        )


def no_replies(brand: str) -> str:
    """Response times without brand replies: one sentence, no figure."""
    return needs(
        _("Measuring response times"),
        _("{brand}'s replies in the comments (rows with author_is_brand true and the comment "
          "answered in parent_id)").format(brand=brand),
        _("the comments of {brand} in this folder hold none, so no response rate or time is "
          "shown").format(brand=brand),
    )  # fmt: skip


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
        (_("customer comments"), count(comments)),
        (_("net sentiment (positive minus negative share of customer comments)"),
         signed_pct(net, 1)),
    ]  # fmt: skip
    if answered is not None:
        rows += [
            (_("response rate (answered / customer comments)"), pct(answered, 1)),
            (_("median response time (hours, answered comments)"), number(median_hours, 1)),
            (_("answered within {sla} (share of customer comments)").format(sla=duration(sla)),
             pct(within_sla, 1)),
        ]  # fmt: skip
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
    text = " ".join([
        _("Customers wrote **{comments}** on {where}.").format(
            comments=count(comments, "comment"), where=where(brand, platforms)),
        _("Net sentiment (positive share minus negative share) is **{net}**.").format(
            net=signed_pct(net, 1)),
    ])  # fmt: skip
    if answered is None:
        return f"{text} {esc(no_replies(brand))}"
    if not is_number(answered) or answered == 0:
        return text + " " + _("The brand answered none of them.")
    return text + " " + _(
        "The brand answered **{answered}** of them, after a median **{hours} hours**; {within} "
        "of them got an answer within the {sla} SLA."
    ).format(answered=share(answered), hours=number(median_hours, 1), within=share(within_sla),
             sla=duration(sla))  # fmt: skip


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
        return _("All {comments} are on **{channel}**: net sentiment {net}.").format(
            comments=count(row["comments"], "customer comment"),
            channel=esc(_channel(row[by], by)),
            net=signed_pct(row["net_sentiment"]),
        )
    best = rows.loc[rows["net_sentiment"].idxmax()]
    worst = rows.loc[rows["net_sentiment"].idxmin()]
    if best["net_sentiment"] == worst["net_sentiment"]:
        return _("Net sentiment is {net} on every channel.").format(
            net=signed_pct(best["net_sentiment"])
        )
    return _(
        "Customers are most positive on **{best}** (net {best_net} over {best_comments}) and "
        "least on **{worst}** (net {worst_net} over {worst_comments})."
    ).format(
        best=esc(_channel(best[by], by)),
        best_net=signed_pct(best["net_sentiment"]),
        best_comments=count(best["comments"], "comment"),
        worst=esc(_channel(worst[by], by)),
        worst_net=signed_pct(worst["net_sentiment"]),
        worst_comments=count(worst["comments"], "comment"),
    )


def worst_week(weekly: pd.DataFrame, first=None, last=None) -> str:
    """The week with the lowest net sentiment (the mean of the channels' values that week).

    Needs two weeks with a value; one channel is not called "across channels". With the
    period's ``first`` and ``last`` days, a week the period cuts says which of its days count.
    """
    mean = weekly.mean(axis=1).dropna()
    if len(mean) < 2:
        return _(
            "Only {weeks} of this period has enough comments to chart, so weeks cannot be compared."
        ).format(weeks=count(len(mean), "week"))
    low = mean.idxmin()
    week_end = pd.Timestamp(low) + pd.Timedelta(days=6)
    inside = None
    if first is not None and last is not None:
        inside = max(pd.Timestamp(low), pd.Timestamp(first)), min(week_end, pd.Timestamp(last))
        if inside == (pd.Timestamp(low), week_end):
            inside = None
    fields = {"day": day(low), "net": signed_pct(mean.min())}
    if inside is not None:
        fields.update(first=day(inside[0], year=False), last=day(inside[1], year=False))
    one_channel = weekly.shape[1] == 1
    if one_channel and inside is None:
        text = _("The worst week starts **{day}** (net {net}).")
    elif one_channel:
        text = _("The worst week starts **{day}** (net {net}; only {first} to {last} are in the "
                 "period).")  # fmt: skip
    elif inside is None:
        text = _("The worst week across channels starts **{day}** (net {net}, the mean of the "
                 "channels' weekly values).")  # fmt: skip
    else:
        text = _("The worst week across channels starts **{day}** (net {net}, the mean of the "
                 "channels' weekly values; only {first} to {last} are in the period).")  # fmt: skip
    return text.format(**fields)


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
        text = _(
            "**{theme}** is the only theme the dictionary recognises ({comments}, {negative} of "
            "them negative)."
        ).format(theme=esc(first), comments=count(total.iloc[0], "comment"),
                 negative=share(share_negative.iloc[0]))  # fmt: skip
    else:
        text = _(
            "**{theme}** is the most discussed theme ({comments}); the most negative is "
            "**{most}** ({most_negative} negative), the least negative **{least}** "
            "({least_negative} negative)."
        ).format(theme=esc(first), comments=count(total.iloc[0], "comment"),
                 most=esc(share_negative.index[-1]), most_negative=share(share_negative.iloc[-1]),
                 least=esc(share_negative.index[0]),
                 least_negative=share(share_negative.iloc[0]))  # fmt: skip
    dictionary = _(
        "The dictionary recognises a theme in {share} of the {comments}; the rest are chit-chat "
        "or topics it does not know."
    ).format(share=share(coverage), comments=count(comments, "customer comment"))
    return f"{text} {dictionary}"


DICTIONARIES = {
    "food_beverage": N_("food & beverage"),
    "ecommerce_retail": N_("e-commerce & retail"),
    "travel_airlines": N_("travel & airlines"),
    "telecom_electronics": N_("telecom & electronics"),
    "banking": N_("banking"),
}
"""Reader names of the built-in theme dictionaries (catalog messages)."""


def _dictionary(choice) -> str:
    if choice.name in DICTIONARIES:
        return _("the built-in *{name}* dictionary").format(name=_(DICTIONARIES[choice.name]))
    return _("your dictionary *{name}*").format(name=esc(choice.name))


def theme_source(choice) -> str:
    """Which theme dictionary the report uses, why, and the share of comments it covers.

    ``choice``: :class:`smmnb.text.themes.ThemeChoice` (``smm.expectations.resolve_themes``).
    """
    built_in = count(len(choice.coverages) or 1, "built-in dictionary", "built-in dictionaries")
    why = {
        "parameter": lambda: _("named by the notebook's `themes` parameter"),
        "settings": lambda: _("named in the folder's smmnb.yml"),
        "coverage": lambda: _(
            "the one of the {dictionaries} that recognises a theme in the most comments"
        ).format(dictionaries=built_in),
    }[choice.source]()
    fields = {"dictionary": _dictionary(choice), "why": why}
    if not choice.comments or not is_number(choice.coverage):
        return _("Themes come from {dictionary} ({why}).").format(**fields)
    return _(
        "Themes come from {dictionary} ({why}); it recognises a theme in {share} of the "
        "{comments}."
    ).format(share=share(choice.coverage), comments=count(choice.comments, "customer comment"),
             **fields)  # fmt: skip


def discovered_themes(found: pd.DataFrame, choice) -> str:
    """Why discovered themes are shown instead of the dictionary's, and the largest of them.

    ``found``: :func:`smmnb.expectations.discovered_themes`; ``choice``: the dictionary that
    fell short (:class:`smmnb.text.themes.ThemeChoice`).
    """
    fields = {"dictionary": _dictionary(choice), "share": share(choice.coverage),
              "comments": count(choice.comments, "customer comment")}  # fmt: skip
    if choice.source == "coverage":
        text = _(
            "These themes were found in the comments themselves and are named by their most "
            "telling words, because no built-in dictionary recognises a theme in half of them "
            "(the best, {dictionary}, covers {share} of the {comments})."
        )
    else:
        text = _(
            "These themes were found in the comments themselves and are named by their most "
            "telling words, because {dictionary} recognises a theme in only {share} of the "
            "{comments}, fewer than half."
        )
    text = text.format(**fields)
    if found.empty:
        return text
    top = found.iloc[0]
    fields = {"theme": esc(top["theme"]), "comments": count(top["comments"], "comment"),
              "share": share(top["share"])}  # fmt: skip
    if is_number(top["negative"]):
        largest = _(
            "The largest, **{theme}**, holds {comments} ({share} of those analysed), {negative} "
            "of them negative."
        ).format(negative=share(top["negative"]), **fields)
    else:
        largest = _("The largest, **{theme}**, holds {comments} ({share} of those analysed).")
        largest = largest.format(**fields)
    return f"{text} {largest}"


def asks(asking: int, comments: int, questions: int, requests: int, by_theme: pd.Series) -> str:
    """How many comments ask something, and the themes they touch most.

    ``by_theme``: questions and requests per theme label (themes with at least one).
    """
    if asking == 0:
        return _("None of the {comments} asks a question or makes a request.").format(
            comments=count(comments, "customer comment")
        )
    text = _("**{asking} ({share} of {comments})** ask something: {questions} and {requests}.")
    text = text.format(
        asking=count(asking, "comment"),
        share=share(asking / comments),
        comments=count(comments, "customer comment"),
        questions=count(questions, "question"),
        requests=count(requests, "request"),
    )
    top = by_theme.head(2)
    if top.empty:
        return text + " " + _("The dictionary recognises no theme in them.")
    named = listing([f"**{esc(t)}** ({count(n)})" for t, n in top.items()], escape=False)
    if len(top) == 1:
        return text + " " + _("The only theme they touch is {themes}.").format(themes=named)
    return text + " " + _("The themes they touch most are {themes}.").format(themes=named)


# --------------------------------------------------------------------------------------------
# responses


def unanswered(questions: pd.DataFrame, by: str = "platform") -> str:
    """Which channel leaves questions unanswered most often, against the others.

    ``questions``: :func:`smmnb.expectations.response_summary` of the questions, one row per
    channel (``comments``, ``response_rate``, ``median_hours``).
    """
    rows = questions[questions["comments"] > 0]
    if rows.empty:
        return _("No customer asked a question in this period.")
    rows = rows.set_index(by) if by in rows.columns else rows
    slow = rows["response_rate"].idxmin()
    row = rows.loc[slow]
    timed = is_number(row["median_hours"])
    fields = {"channel": esc(_channel(slow, by)), "share": share(row["response_rate"]),
              "questions": count(row["comments"], "question")}  # fmt: skip
    if timed:
        fields["hours"] = number(row["median_hours"], 1)
    if len(rows) == 1:
        text = (_("On **{channel}**, {share} of its {questions} were answered (median {hours} h "
                  "when answered).") if timed
                else _("On **{channel}**, {share} of its {questions} were answered."))  # fmt: skip
        text = text.format(**fields)
    elif rows["response_rate"].min() >= 1:
        return _("Every question got an answer, on every channel.")
    else:
        others = rows.drop(slow)["response_rate"]
        if len(others) == 1:
            against = _("{share} on {channel}").format(
                share=share(others.iloc[0]), channel=esc(_channel(others.index[0], by))
            )
        elif share(others.min()) == share(others.max()):
            against = _("{share} on the other channels").format(share=share(others.min()))
        else:
            against = _("{low} to {high} on the other channels").format(
                low=share(others.min()), high=share(others.max())
            )
        text = (_("**{channel}** leaves questions unanswered most often: {share} of its "
                  "{questions} answered (median {hours} h when answered), against {against}.")
                if timed
                else _("**{channel}** leaves questions unanswered most often: {share} of its "
                       "{questions} answered, against {against}."))  # fmt: skip
        text = text.format(against=against, **fields)
    if row["response_rate"] < 1:
        text += " " + _("An unanswered question is a lost sale and a public sign of neglect.")
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
    if days == 1:
        return _("the day before")
    return _("the previous {days}").format(days=count(days, "day"))


def biggest_gap(gaps: pd.DataFrame, *, replies: bool, days: int) -> str:
    """The theme with the most negative comments, with its reply rate and tested change.

    ``gaps``: :func:`smmnb.expectations.expectation_gaps` with the themes' labels; ``days``:
    the length of the period (the previous period has the same).
    """
    top = gaps.iloc[0]
    if top["negative"] == 0:
        return _("No theme drew a negative comment in this period.")
    fields = {"theme": esc(top["theme"]), "share": share(top["share_negative"]),
              "negative": count(top["negative"], "negative comment"),
              "comments": count(top["comments"])}  # fmt: skip
    with_replies = replies and is_number(top.get("unanswered"))
    if with_replies:
        fields["unanswered"] = share(top["unanswered"])
    if len(gaps) > 1 and with_replies:
        text = _("The biggest gap is **{theme}**: {negative} ({share} of {comments}), "
                 "{unanswered} of them without a reply")  # fmt: skip
    elif len(gaps) > 1:
        text = _("The biggest gap is **{theme}**: {negative} ({share} of {comments})")
    elif with_replies:
        text = _("The only theme the dictionary recognises is **{theme}**: {negative} ({share} "
                 "of {comments}), {unanswered} of them without a reply")  # fmt: skip
    else:
        text = _("The only theme the dictionary recognises is **{theme}**: {negative} ({share} "
                 "of {comments})")  # fmt: skip
    text = text.format(**fields)
    if is_number(top.get("change")):
        from smmnb.formatting import p_value

        verdict = (_("a significant change") if top["significant"]
                   else _("not a significant change"))  # fmt: skip
        # TRANSLATORS: a clause after the sentence of the biggest gap, after a semicolon
        text += _(
            "; its negative share moved {points} against {previous} ({p_value}, {verdict})"
        ).format(points=points_text(top["change"]), previous=_previous(days),
                 p_value=p_value(top["p_value"]), verdict=verdict)  # fmt: skip
    return text + "."


def points_text(value: float) -> str:
    """A change of a share in percentage points: ``+7.8 percentage points``."""
    if not is_number(value):
        return number(value)
    signed = i18n.number(100 * float(value), 1, signed=True)
    return _("{value} percentage points").format(value=signed)


def worst_day(worst, sources: Sequence[str], labels: Mapping[str, str] | None = None) -> str:
    """The day with the most negative messages, against the median day.

    ``worst``: a :class:`smmnb.expectations.WorstDay`; ``sources``: what was counted
    (``["comments", "mentions"]``); ``labels``: the themes' labels.
    """
    theme_label = (labels or {}).get(worst.theme, worst.theme) if worst.theme else None
    what = listing([_(_SOURCES[s]) if s in _SOURCES else s for s in sources])
    if worst.negative == 0:
        return _("None of the {what} of this period is negative.").format(what=what)
    fields = {"day": day(worst.day), "negative": count(worst.negative, "negative message"),
              "what": what, "days": count(worst.days, "day")}  # fmt: skip
    if is_number(worst.ratio):
        text = _("On **{day}** customers posted **{negative}** ({what}), {ratio}x the median of "
                 "the {days} ({median})")  # fmt: skip
        text = text.format(ratio=_multiple(worst.ratio), median=_median(worst.median), **fields)
    else:
        text = _("On **{day}** customers posted **{negative}** ({what}); the median day of the "
                 "{days} has none").format(**fields)  # fmt: skip
    if theme_label is not None and is_number(worst.theme_share):
        # TRANSLATORS: a clause after the sentence of the worst day, after a semicolon
        text += _("; {share} of them were about **{theme}**").format(
            share=share(worst.theme_share), theme=esc(theme_label)
        )
    return text + "."


def _median(value: float) -> str:
    """A median count: whole when it is, else with its half (``5.5``)."""
    return count(value) if float(value).is_integer() else number(value, 1)


def quotes(gaps: pd.DataFrame, themes: int = 4, per_theme: int = 2) -> str:
    """Representative negative quotes of the biggest gaps, as a Markdown list.

    ``gaps``: :func:`smmnb.expectations.expectation_gaps` with the themes' labels. The quotes
    stay as customers wrote them.
    """
    pairs = [(row.theme, q) for row in gaps.head(themes).itertuples()
             for q in row.quotes[:per_theme]]  # fmt: skip
    if not pairs:
        return _("No negative comment about a known theme to quote in this period.")
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
        return _(
            "Recommendations are written for {owner}, whose channels these data come from; "
            "{brand} is analysed here as a competitor."
        ).format(owner=esc(owner), brand=esc(brand))
    recs = []
    if gap is not None and gap.get("negative", 0) > 0:
        recs.append(_(
            "Fix **{theme}** first: {negative} in {days} ({share} of its {comments})."
        ).format(theme=esc(gap["theme"]), negative=count(gap["negative"], "negative comment"),
                 days=count(days, "day"), share=share(gap["share_negative"]),
                 comments=count(gap["comments"], "comment")))  # fmt: skip
    if slow is not None and slow["response_rate"] < STAFF_BELOW:
        fields = {"channel": esc(platform_name(slow["channel"])), "sla": duration(sla),
                  "questions": count(slow["questions"], "question"),
                  "share": share(slow["response_rate"])}  # fmt: skip
        if slow["response_rate"] == 0:
            text = _("Staff **{channel}**: answer questions there within {sla}; none of its "
                     "{questions} is answered now.")  # fmt: skip
        elif is_number(slow["median_hours"]):
            text = _("Staff **{channel}**: answer questions there within {sla}; only {share} of "
                     "its {questions} are answered now, after a median {hours} h.")  # fmt: skip
            fields["hours"] = number(slow["median_hours"], 1)
        else:
            text = _("Staff **{channel}**: answer questions there within {sla}; only {share} of "
                     "its {questions} are answered now.")  # fmt: skip
        recs.append(text.format(**fields))
    if (worst is not None and worst.theme is not None and is_number(worst.ratio)
            and worst.ratio >= SPIKE_TIMES):  # fmt: skip
        label = (labels or {}).get(worst.theme, worst.theme)
        recs.append(_(
            "Prepare a holding statement for {theme} incidents: on {day} negative messages "
            "reached {negative}, {ratio}x a normal day."
        ).format(theme=esc(label.lower()), day=day(worst.day, year=False),
                 negative=count(worst.negative), ratio=_multiple(worst.ratio)))  # fmt: skip
    if len(asked):
        recs.append(
            _(
                "Answer the most common questions ({themes}) in pinned posts and auto-replies."
            ).format(themes=listing(list(asked)[:2]))
        )
    if not recs:
        return _("The data of this period support no recommendation.")
    return "\n".join(f"{i}. {r}" for i, r in enumerate(recs, 1))


def evaluation(texts: int, accuracy: float, macro_f1: float) -> str:
    """The sentiment scorer's scores on the hand-labelled set."""
    return _(
        "On {texts} the lexicon scores **{accuracy} accuracy** and **{macro_f1} macro-F1**."
    ).format(texts=count(texts, "hand-labelled text"), accuracy=share(accuracy),
             macro_f1=share(macro_f1))  # fmt: skip


# --------------------------------------------------------------------------------------------
# how far the scorer's errors could move the figures (issue 14)


def net_interval(interval) -> str:
    """Net sentiment and the negative share, with their range for the scorer's measured errors.

    ``interval`` is :func:`smmnb.expectations.net_sentiment_interval`'s result; it says where
    the error rates were measured (``source``, in the report language).
    """
    figures = (interval.net, interval.net_adjusted, interval.net_low, interval.net_high,
               interval.negative, interval.negative_low, interval.negative_high)  # fmt: skip
    if not all(is_number(v) for v in figures):
        return _("The scorer's measured error rates could not be applied to these comments.")
    net = _(
        "Net sentiment **{net}** as scored; adjusted for the scorer's measured errors it is "
        "about **{adjusted}**, between **{low}** and **{high}** ({level} interval)."
    ).format(net=signed_pct(interval.net, 1), adjusted=signed_pct(interval.net_adjusted),
             low=signed_pct(interval.net_low), high=signed_pct(interval.net_high),
             level=pct(interval.level))  # fmt: skip
    negative = _(
        "Negative comments: **{negative}** as scored; adjusted about {adjusted}, between {low} "
        "and {high}."
    ).format(negative=share(interval.negative), adjusted=share(interval.negative_adjusted),
             low=share(interval.negative_low), high=share(interval.negative_high))  # fmt: skip
    if interval.other_text:
        where = _(
            "The error rates were measured on real labelled text written by others ({source}), "
            "not on these comments, so they are a guide rather than an exact correction."
        )
    else:
        where = _("The error rates were measured on {source}.")
    return f"{net} {negative} {where.format(source=esc(interval.source))}"


def real_table(summary: pd.DataFrame) -> pd.DataFrame:
    """:meth:`smmnb.text.evaluate.ErrorRates.summary` for display.

    The data set is named by what it is (``what``, in the report language) in a column
    ``data set``; languages and codes read as :func:`readable` shows them.
    """
    out = summary.copy()
    if "what" in out.columns:
        names = out["dataset"] if "dataset" in out.columns else out["what"]
        described = [_(w) if isinstance(w, str) and w else d
                     for w, d in zip(out["what"], names, strict=True)]  # fmt: skip
        out = out.assign(what=described)
    out = out.drop(columns=["dataset"], errors="ignore").rename(columns={"what": "data set"})
    return readable(out)


def real_accuracy(summary: pd.DataFrame) -> str:
    """The scorer's precision and recall on real labelled text, one line per data set.

    ``summary`` is :meth:`smmnb.text.evaluate.ErrorRates.summary` for the comments' languages.
    """
    if summary.empty:
        return _("No measurement of the scorer on real labelled text is available here.")
    lines = []
    for row in summary.itertuples():
        text = _("- {dataset} ({texts}): macro-F1 {macro_f1}").format(
            dataset=esc(_(row.what) if row.what else row.dataset),
            texts=ngettext("{count} text", "{count} texts", row.texts).format(
                count=count(row.texts)
            ),
            macro_f1=number(row.macro_f1, 2),
        )
        if is_number(row.negative_recall):
            # TRANSLATORS: a clause of a data set's line, after a semicolon
            text += _(
                "; it finds {recall} of the negative ones (recall) and {precision} of what it "
                "calls negative is negative (precision)"
            ).format(recall=share(row.negative_recall), precision=share(row.negative_precision))
        if is_number(row.positive_recall):
            # TRANSLATORS: a clause of a data set's line, after a semicolon
            text += _("; positive: recall {recall}, precision {precision}").format(
                recall=share(row.positive_recall), precision=share(row.positive_precision)
            )
        lines.append(text + ".")
    if summary["lang"].nunique() > 1:
        lead = _(
            "On real comments and reviews written and labelled by other people (not these "
            "comments: the scorer's errors here can differ), in the languages of these comments:"
        )
    else:
        lead = _(
            "On real comments and reviews written and labelled by other people (not these "
            "comments: the scorer's errors here can differ), in the language of these comments:"
        )
    return lead + "\n\n" + "\n".join(lines)


def model_accuracy(evaluation: Mapping | None, file: str | None = None) -> str:
    """How the model trained on the user's labels scores on them, or how to give labels.

    ``evaluation``: ``SentimentModel.evaluation_`` (cross-validated ``accuracy``,
    ``macro_f1``, ``texts``, ``folds``), or None when no labels were given; ``file``: the
    labelled file's name.
    """
    if not evaluation or not is_number(evaluation.get("accuracy")):
        return _(
            "No labels of yours were given, so every sentiment figure above comes from the "
            "lexicon. To teach it your customers' language, run `smmnb label-sample DATA_DIR`, "
            "label the comments it picks (negative, neutral or positive) and give the file as "
            "`labels_path` (or `labels:` in the folder's smmnb.yml)."
        )
    fields = {"comments": count(int(evaluation["texts"]), "comment"),
              "accuracy": share(evaluation["accuracy"]), "macro_f1": share(evaluation["macro_f1"]),
              "folds": i18n.integer(evaluation["folds"])}  # fmt: skip
    if file:
        text = _(
            "Every sentiment figure above comes from a model trained on {comments} you labelled "
            "({file}). On your labels it scores **{accuracy} accuracy** and **{macro_f1} "
            "macro-F1** in {folds}-fold cross-validation (each comment predicted by a model "
            "trained without it)."
        )
        fields["file"] = esc(file)
    else:
        text = _(
            "Every sentiment figure above comes from a model trained on {comments} you labelled. "
            "On your labels it scores **{accuracy} accuracy** and **{macro_f1} macro-F1** in "
            "{folds}-fold cross-validation (each comment predicted by a model trained without it)."
        )
    return text.format(**fields)
