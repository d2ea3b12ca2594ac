"""Sentences of the trends notebook (03_trends).

Emerging topics, share of voice, spikes, posting time, formats and audience growth.
Every function takes numbers or frames from :mod:`smmnb.trends` and returns Markdown text that
never reads ``nan``; the ``require_*`` functions raise
:class:`~smmnb.errors.InsufficientData` with the one sentence a section shows in place of its
results when the data in scope cannot feed it. Every sentence is in the report language
(:mod:`smmnb.i18n`; catalog ``smmnb/locale/vi/trends.po``); weekdays come from CLDR.
"""

from __future__ import annotations

import pandas as pd

from smmnb import i18n
from smmnb.errors import InsufficientData
from smmnb.formatting import p_value
from smmnb.i18n import N_, _
from smmnb.names import format_name, platform_name
from smmnb.narrative import (
    brands_in,
    count,
    day,
    esc,
    is_number,
    listing,
    missing,
    needs,
    number,
    pct,
    period,
    points,
    times,
)
from smmnb.narrative import platforms as platform_names

__all__ = [
    "BEST_TIME",
    "CHANNEL_EXPORTS",
    "EMERGING",
    "FORMATS",
    "HASHTAGS",
    "LISTENING",
    "POSTS",
    "SPIKES",
    "VOICE",
    "authors_caption",
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
    "emerging_table",
    "formats",
    "growth",
    "growth_table",
    "growth_title",
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
    "spike_terms_caption",
    "spike_title",
    "spikes",
    "too_short",
    "weekday",
    "where",
]

# The analyses and needs the notebook names in its fallback sentences (``require(EMERGING,
# LISTENING, ...)``); :func:`require` translates them.
EMERGING = N_("Finding emerging topics")
HASHTAGS = N_("Following hashtags")
VOICE = N_("Share of voice")
SPIKES = N_("Spotting spikes")
BEST_TIME = N_("Finding the best time to post")
FORMATS = N_("Comparing formats")
LISTENING = N_("mentions (listening data)")
POSTS = N_("posts")

# What a row of a text table is, singular, for ``count(n, noun)`` with a noun held in a variable
# (the plurals are marked in smmnb.trends._common._noun).
_DOCUMENT_NOUNS = (N_("mention"), N_("comment"), N_("post"), N_("document"))


def weekday(number: int) -> str:
    """A weekday's name, Monday = 0, in the report language (``Friday``; vi ``Thứ Sáu``)."""
    return i18n.day_name(int(number))


def _hours(first: int, last: int) -> str:
    """``19:00-19:59``: from the start of hour ``first`` to the end of hour ``last``."""
    return f"{int(first):02d}:00-{int(last):02d}:59"


def _q(q: float) -> str:
    """A q-value (false-discovery-adjusted p-value) as a report shows it."""
    return p_value(q).replace("p ", "q ", 1) if is_number(q) else _("q not available")


def _share(value) -> str:
    """A share of documents: one decimal, and "less than 0.1%" rather than a rounded 0.0%."""
    if is_number(value) and 0 < value < 0.0005:
        return _("less than {share}").format(share=i18n.percent(0.001, 1))
    return pct(value, 1)


def _short_day(value) -> str:
    return day(value, year=False)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _during(first, last) -> str:
    """``on 31 Oct`` for one day, ``from 04 Oct to 31 Oct`` for several."""
    if pd.Timestamp(first).normalize() == pd.Timestamp(last).normalize():
        return _("on {day}").format(day=_short_day(first))
    return _("from {first} to {last}").format(first=_short_day(first), last=_short_day(last))


def _baseline(value) -> str:
    """A spike baseline: a count, with one decimal when it is small."""
    return number(value, 1) if is_number(value) and value < 10 else count(value)


def _platform(code) -> str:
    """A platform as its owner writes it, escaped for Markdown."""
    return esc(platform_name(code))


# ------------------------------------------------------------------------------- scope


def where(*, brand: str | None = None, platforms=(), start=None, end=None) -> str:
    """The filter in force, as the end of a sentence: ``for Sen Tea on TikTok up to 31 Oct 2026``.

    ``start`` and ``end`` give ``in <period>``; ``end`` alone gives ``up to <day>``.
    """
    parts = []
    if brand:
        parts.append(_("for {brand}").format(brand=esc(brand)))
    if platforms:
        parts.append(_("on {platforms}").format(platforms=platform_names(platforms)))
    if start is not None and end is not None:
        parts.append(_("in {period}").format(period=period(start, end)))
    elif end is not None:
        parts.append(_("up to {day}").format(day=day(end)))
    return " ".join(parts) or _("in scope")


def require(analysis: str, need: str, in_scope: int, in_folder: int, noun: str, scope: str) -> None:
    """Raise :class:`InsufficientData` when a section's table is empty in scope.

    Parameters
    ----------
    analysis, need : str
        As in :func:`smmnb.narrative.needs`, in English (``SPIKES``, ``LISTENING``): they are
        translated here.
    in_scope, in_folder : int
        Rows of the table in scope (after the filters) and in the whole folder.
    noun : str
        What a row is, singular, in English (``"mention"``, ``"follower count"``).
    scope : str
        The filter, from :func:`where`.

    Raises
    ------
    InsufficientData
        "Spotting spikes needs mentions; this folder has none." or "...; this folder has
        17,502 mentions, none on Zalo up to 31 Oct 2026."
    """
    if in_scope > 0:
        return
    found = (
        _("this folder has none")
        if in_folder == 0
        else _("this folder has {count}, none {scope}").format(
            count=count(in_folder, noun), scope=scope
        )
    )
    raise InsufficientData(needs(_(analysis), _(need), found))


def require_brands(analysis: str, in_scope: pd.Series, in_folder: pd.Series, scope: str) -> None:
    """Raise :class:`InsufficientData` unless the mentions in scope name two brands or more.

    "Share of voice needs mentions of at least two brands; this folder has mentions of Apple
    only." (or "...; the mentions on TikTok in ... are of Apple only" when the filter is what
    leaves one brand).
    """
    names = set(in_scope.dropna().astype("str"))
    if len(names) >= 2:
        return
    if names == set(in_folder.dropna().astype("str")):
        found = (
            _("this folder has mentions of {brand} only").format(brand=esc(next(iter(names))))
            if names
            else _("this folder has mentions of {brands}").format(brands=brands_in(in_folder))
        )
    else:
        found = (
            _("the mentions {scope} are of {brand} only").format(
                scope=scope, brand=esc(next(iter(names)))
            )
            if names
            else _("the mentions {scope} are of {brands}").format(
                scope=scope, brands=brands_in(in_scope)
            )
        )
    raise InsufficientData(needs(_(analysis), _("mentions of at least two brands"), found))


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
        parts = [
            _("**{brand}** is compared with {competitors} ({brands}).").format(
                brand=esc(brand),
                competitors=listing(competitors),
                brands=count(len(competitors) + 1, "brand"),
            )
        ]
    else:
        parts = [_("**{brand}** has no competitor in the data.").format(brand=esc(brand))]
    if len(mentions):
        parts.append(
            _("The period holds {mentions} (of {brands}) and {posts} by {brand}.").format(
                mentions=count(len(mentions), "mention"),
                brands=listing(compared) if compared else _("other brands"),
                posts=count(posts, "post"),
                brand=esc(brand),
            )
        )
    else:
        parts.append(
            _("The period holds no mentions and {posts} by {brand}.").format(
                posts=count(posts, "post"), brand=esc(brand)
            )
        )
    if platforms:
        loose = int(mentions["platform"].isna().sum()) if "platform" in mentions else 0
        if loose:
            sentence = i18n.ngettext(
                "The platform filter applies to mentions too: only mentions on {platforms} are "
                "counted, with {mentions} that names no platform.",
                "The platform filter applies to mentions too: only mentions on {platforms} are "
                "counted, with {mentions} that name no platform.",
                loose,
            )
        else:
            sentence = _(
                "The platform filter applies to mentions too: only mentions on {platforms} are "
                "counted."
            )
        parts.append(
            sentence.format(platforms=platform_names(platforms), mentions=count(loose, "mention"))
        )
    return " ".join(parts)


# ----------------------------------------------------------------------------- emerging


def emerging_table(significant: pd.DataFrame) -> pd.DataFrame:
    """The significant rows of :func:`smmnb.trends.emerging` for display, ``kind`` in words."""
    shown = significant[
        ["term", "kind", "count_recent", "count_baseline", "ratio", "q_value", "example"]
    ].copy()
    shown["kind"] = shown["kind"].map({"hashtag": _("hashtag"), "term": _("term")})
    return shown


def emerging_caption(rising: pd.DataFrame) -> str:
    """Caption of the table of rising terms: the recent window."""
    first, last = rising.attrs["recent"]
    before = count(_days(rising.attrs["baseline"]), "day")
    return _("Rising in {period}, against the {days} before").format(
        period=period(first, last), days=before
    )


def _days(window) -> int:
    first, last = window
    return (pd.Timestamp(last) - pd.Timestamp(first)).days + 1


def emerging(rising: pd.DataFrame, noun: str = "mentions") -> str:
    """What rose: how many terms, the strongest, the rising hashtags, and shrunk windows.

    ``noun`` is what the documents are, plural, in English (``"mentions"``, ``"comments"``).
    """
    attrs = rising.attrs
    (r0, r1), (b0, b1) = attrs["recent"], attrs["baseline"]
    documents, singular = _(noun), noun[:-1]
    parts = []
    if attrs.get("shrunk"):
        asked_recent, asked_base = attrs["asked"]
        parts.append(
            _(
                "The {documents} span fewer days than the {recent} + {baseline} asked for, so the "
                "windows are shorter: the recent {recent_days} against the {baseline_days} before."
            ).format(
                documents=documents,
                recent=i18n.integer(asked_recent),
                baseline=i18n.integer(asked_base),
                recent_days=count(_days((r0, r1)), "day"),
                baseline_days=count(_days((b0, b1)), "day"),
            )
        )
    significant = rising[rising["significant"]]
    n = len(significant)
    parts.append(
        _(
            "**{terms} rose significantly** in {recent} from {recent_first} to {recent_last}, "
            "against {baseline} from {baseline_first} to {baseline_last}."
        ).format(
            terms=count(n, "term"),
            recent=count(attrs["n_recent"], singular),
            recent_first=_short_day(r0),
            recent_last=_short_day(r1),
            baseline=count(attrs["n_baseline"], singular),
            baseline_first=_short_day(b0),
            baseline_last=_short_day(b1),
        )
    )
    if n:
        lead = significant.iloc[0]
        parts.append(
            _(
                "The strongest is **{term}**: {recent} of recent {documents} use it against "
                "{baseline} before ({ratio}, {q})."
            ).format(
                term=esc(lead["term"]),
                recent=pct(lead["rate_recent"], 1),
                documents=documents,
                baseline=pct(lead["rate_baseline"], 1),
                ratio=times(lead["ratio"], 0),
                q=_q(lead["q_value"]),
            )
        )
        tags = significant[significant["kind"] == "hashtag"]["term"].head(5)
        if len(tags):
            parts.append(_("Rising hashtags: {hashtags}.").format(hashtags=listing(tags)))
    else:
        parts.append(_("Nothing rose beyond chance (false discovery rate 5%)."))
    return " ".join(parts)


def require_hashtags(weekly: pd.DataFrame, mentions: int) -> None:
    """Raise :class:`InsufficientData` when the mentions of the period use no hashtag."""
    if len(weekly):
        return
    found = (
        _("the one mention in the period uses none")
        if mentions == 1
        else _("none of the {mentions} in the period uses one").format(
            mentions=count(mentions, "mention")
        )
    )
    raise InsufficientData(needs(_(HASHTAGS), _("mentions with hashtags"), found))


def hashtag_line(line: pd.DataFrame, hashtag: str, rising: bool, noun: str = "mentions") -> str:
    """One hashtag's weekly share, in words (output of :func:`smmnb.trends.hashtag_share`).

    ``rising`` says whether it is a significantly rising hashtag (else the most used one);
    ``noun`` is what the documents are, plural, in English.
    """
    line = line[line["documents"] > 0]
    if line.empty:
        return ""
    tag = (
        _("The rising hashtag **{hashtag}**")
        if rising
        else _("The most used hashtag **{hashtag}**")
    ).format(hashtag=esc(hashtag))
    last = line.iloc[-1]
    documents = _(noun)
    if len(line) >= 6:
        before = line.iloc[:-4]
        share = before["count"].sum() / before["documents"].sum()
        return _(
            "{tag} was in {share} of {documents} in the {weeks} before the last four, and in "
            "**{last}** in the week of {day}."
        ).format(
            tag=tag,
            share=_share(share),
            documents=documents,
            weeks=count(len(before), "week"),
            last=_share(last["share"]),
            day=_short_day(last["period"]),
        )
    if len(line) >= 2:
        first = line.iloc[0]
        return _(
            "{tag} was in {share} of {documents} in the week of {first_day} and in **{last}** in "
            "the week of {last_day}."
        ).format(
            tag=tag,
            share=_share(first["share"]),
            documents=documents,
            first_day=_short_day(first["period"]),
            last=_share(last["share"]),
            last_day=_short_day(last["period"]),
        )
    return _(
        "{tag} was in **{share}** of the {documents} of the week of {day}; one week is too short "
        "to see a trend."
    ).format(
        tag=tag, share=_share(last["share"]), documents=documents, day=_short_day(last["period"])
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
    fields = {"brand": esc(brand), "share": pct(own, 1), "brands": count(len(shares), "brand")}
    top = others.max() if len(others) else None
    if top is None:
        first = _("**{brand} has {share} of the mentions of the {brands}** in the period.")
    elif own > top:
        first = _(
            "**{brand} has {share} of the mentions of the {brands}** in the period and leads "
            "({others})."
        )
        fields["others"] = listing(f"{esc(b)} {pct(v, 1)}" for b, v in others.items())
    elif own == top:
        first = _(
            "**{brand} has {share} of the mentions of the {brands}** in the period, level with "
            "{level}."
        )
        level = [f"**{esc(b)}**" for b, v in others.items() if v == top]
        fields["level"] = listing(level, escape=False)
    else:
        first = _(
            "**{brand} has {share} of the mentions of the {brands}** in the period, behind "
            "{leaders} ({top})."
        )
        leaders = [f"**{esc(b)}**" for b, v in others.items() if v == top]
        fields.update(leaders=listing(leaders, escape=False), top=pct(top, 1))
    parts = [first.format(**fields)]
    eng = totals.set_index("brand")["share of engagements"]
    if is_number(eng.get(brand)):
        parts.append(
            _("It has {share} of the engagements those mentions got.").format(
                share=pct(eng[brand], 1)
            )
        )
    if change is None:
        parts.append(_("There are no earlier mentions in the data to compare its share with."))
        return " ".join(parts)
    (r0, r1), (b0, b1) = change["recent"], change["before"]
    tested = (
        _("a significant change, {p}")
        if change["significant"]
        else _("not a significant change, {p}")
    ).format(p=p_value(change["p_value"]))
    parts.append(
        _capital(
            _(
                "{during} it had {share} of {mentions}, against {share_before} of "
                "{mentions_before} {during_before} ({difference}; {tested})."
            ).format(
                during=_during(r0, r1),
                share=pct(change["share_recent"], 1),
                mentions=count(change["mentions_recent"], "mention"),
                share_before=pct(change["share_before"], 1),
                mentions_before=count(change["mentions_before"], "mention"),
                during_before=_during(b0, b1),
                difference=points(change["diff"]),
                tested=tested,
            )
        )
    )
    return " ".join(parts)


# -------------------------------------------------------------------------------- spikes


def spike_title(brand: str) -> str:
    """Title of the chart of the brand's daily mentions and the spike rule."""
    return _("Mentions of {brand} per day and the spike rule").format(brand=brand)


def spikes(alerts: pd.DataFrame, brand: str) -> str:
    """How many spike days, the largest, and competitors' spikes.

    ``alerts`` is the output of :func:`smmnb.trends.spikes_in_period`.
    """
    weeks = alerts.attrs.get("weeks", 8)
    parts = []
    unjudged = alerts.attrs.get("unjudged")
    if unjudged:
        parts.append(
            i18n.ngettext(
                "The first {days} of the period has fewer than {weeks} weeks of mentions before "
                "it and is not judged; the check runs from {day}.",
                "The first {days} of the period have fewer than {weeks} weeks of mentions before "
                "them and are not judged; the check runs from {day}.",
                unjudged,
            ).format(
                days=count(unjudged, "day"),
                weeks=i18n.integer(weeks),
                day=day(alerts.attrs["first_judged"]),
            )
        )
    names = alerts["brand"].astype("str")
    flagged = alerts[alerts["is_spike"]].sort_values("score", ascending=False)
    own = flagged[names[flagged.index] == brand]
    rivals = flagged[names[flagged.index] != brand]
    if len(own):
        top = own.iloc[0]
        multiple = top["count"] / top["baseline"] if top["baseline"] > 0 else float("nan")
        detail = _("score {score}, alert from {alert}").format(
            score=number(top["score"]), alert=count(top["alert_at"])
        )
        if is_number(multiple):
            detail = f"{times(multiple)}; {detail}"
        parts.append(
            _(
                "**{days} for {brand}** in the period. The largest, on **{day}**, had "
                "**{mentions}** against a baseline of {baseline} ({detail})."
            ).format(
                days=count(len(own), "spike day"),
                brand=esc(brand),
                day=day(top["period"], weekday=True),
                mentions=count(top["count"], "mention"),
                baseline=_baseline(top["baseline"]),
                detail=detail,
            )
        )
    else:
        parts.append(
            _("No day of {brand} reached its alert line in the period.").format(brand=esc(brand))
        )
    if (names != brand).any():
        if len(rivals):
            per = rivals["brand"].astype("str").value_counts().sort_index()
            parts.append(
                _("Competitors had {days} ({brands}).").format(
                    days=count(len(rivals), "spike day"),
                    brands=listing(f"{esc(b)} {i18n.integer(n)}" for b, n in per.items()),
                )
            )
        else:
            parts.append(_("No competitor had a spike."))
    return " ".join(parts)


def spike_terms_caption() -> str:
    """Caption of the table of :func:`spike_terms`."""
    return _("What the spike's mentions say more than usual (28 days before)")


def authors_caption() -> str:
    """Caption of the table of the spike day's most-followed authors."""
    return _("The most-followed authors that day")


def spike_explanation(why, brand: str) -> str:
    """What the spike's mentions said, its platform mix (tested) and whom to answer first.

    ``why`` is a :class:`smmnb.trends.SpikeExplanation`.
    """
    before = count(28, "day")
    sig = why.terms[why.terms["significant"]] if len(why.terms) else why.terms
    when = _short_day(why.period)
    if len(sig):
        parts = [
            _(
                "On {day} the mentions of {brand} used **{terms}** far more than in the {before} "
                "before (the first in {share} of them against {share_before} before); a typical "
                "mention: *{example}*."
            ).format(
                day=when,
                brand=esc(brand),
                terms=listing((str(t) for t in sig["term"].head(5)), escape=True),
                before=before,
                share=pct(sig["rate_recent"].iloc[0]),
                share_before=pct(sig["rate_baseline"].iloc[0], 1),
                example=esc(sig["example"].iloc[0]),
            )
        ]
    else:
        parts = [
            _(
                "On {day} no word or phrase was used significantly more than in the {before} "
                "before: the mentions were more of the usual."
            ).format(day=when, before=before)
        ]
    p = why.platform_p_value
    if is_number(p):
        if p < 0.05:
            plat = why.platforms.sort_values("ratio", ascending=False).iloc[0]
            parts.append(
                _(
                    "The platform mix differed from the usual one (chi-square test, {p}): the "
                    "largest rise was on {platform}, {share} of the day's mentions against "
                    "{share_before} before."
                ).format(
                    p=p_value(p),
                    platform=_platform(plat["platform"]),
                    share=pct(plat["share"]),
                    share_before=pct(plat["baseline_share"]),
                )
            )
        else:
            parts.append(
                _(
                    "The platform mix did not differ significantly from the {before} before "
                    "(chi-square test, {p})."
                ).format(before=before, p=p_value(p))
            )
    authors = why.authors
    if len(authors) and "author" in authors and "author_followers" in authors:
        first = authors.iloc[0]
        if is_number(first["author_followers"]) and pd.notna(first["author"]):
            fields = {
                "author": esc(first["author"]),
                "followers": count(first["author_followers"], "follower"),
            }
            if pd.notna(first.get("platform")):
                sentence = _(
                    "The most-followed author that day, **{author}** ({followers} on "
                    "{platform}), is the first to answer."
                )
                fields["platform"] = _platform(first["platform"])
            else:
                sentence = _(
                    "The most-followed author that day, **{author}** ({followers}), is the first "
                    "to answer."
                )
            parts.append(sentence.format(**fields))
    return " ".join(parts)


# -------------------------------------------------------------------- best time to post


def slot_table(slots: pd.DataFrame, top: int = 10, min_posts: int = 3) -> pd.DataFrame:
    """The best slots (at least ``min_posts`` posts) with day and time in words."""
    ranked = slots[slots["posts"] >= min_posts].head(top)
    out = pd.DataFrame({"day": [weekday(d) for d in ranked["weekday"]]}, index=ranked.index)
    if "hour" in ranked.columns:
        out["time"] = [_hours(h, h) for h in ranked["hour"]]
    return pd.concat([out, ranked[["posts", "value", "ci_low", "ci_high"]]], axis=1)


def _interval(row) -> str:
    low, high = row["ci_low"], row["ci_high"]
    if not (is_number(low) and is_number(high)):
        return _("95% interval not measurable")
    if low <= 1 <= high:
        sentence = _("95% interval {low} to {high}, which includes 1: it may be chance")
    else:
        sentence = _("95% interval {low} to {high}")
    return sentence.format(low=number(low, 2), high=number(high, 2))


def best_time(slots: pd.DataFrame, window: dict, test: dict | None, min_posts: int = 3) -> str:
    """The best two-hour block (tested) and the best single slot.

    ``slots``, ``window`` and ``test`` are the outputs of :func:`smmnb.trends.best_time`,
    :func:`smmnb.trends.best_window` and :func:`smmnb.trends.window_test`.
    """
    parts = [_posts_used(slots)]
    ranked = slots[slots["posts"] >= min_posts]
    if window:
        top10 = ranked.head(10)
        inside = (top10["weekday"] < 5) == (window["days"] == "weekdays")
        inside &= top10["hour"].between(window["start_hour"], window["end_hour"] - 1)
        verdict = ""
        if test is not None and is_number(test["p_value"]):
            verdict = (
                _("; a significant difference, {p} (Welch's t-test)")
                if test["significant"]
                else _("; not a significant difference, {p} (Welch's t-test)")
            ).format(p=p_value(test["p_value"]))
        parts.append(
            _(
                "**The best two-hour block is {block}**: posts published then reached an "
                "engagement rate {ratio} that of comparable posts at other times ({posts}, against "
                "{outside}{verdict}); {inside} of the {top} best single slots fall in it."
            ).format(
                block=_block(window),
                ratio=times(window["ratio"], 2),
                posts=count(window["posts"], "post"),
                outside=count(window["posts_outside"]),
                verdict=verdict,
                inside=count(int(inside.sum())),
                top=count(len(top10)),
            )
        )
    else:
        parts.append(_("No two-hour block has 10 posts yet to compare."))
    if len(ranked):
        top = ranked.iloc[0]
        h = int(top["hour"])
        parts.append(
            _("The best single slot is {slot} ({value}, {posts}; {interval}).").format(
                slot=f"{weekday(top['weekday'])} {_hours(h, h)}",
                value=number(top["value"], 2),
                posts=count(top["posts"], "post"),
                interval=_interval(top),
            )
        )
    else:
        parts.append(
            _("No single slot has {posts} posts yet.").format(posts=i18n.integer(min_posts))
        )
    return " ".join(p for p in parts if p)


def _block(window: dict) -> str:
    """``weekdays 19:00 to 20:59``."""
    start, last = window["start_hour"], window["end_hour"] - 1
    sentence = (
        _("weekdays {start} to {end}")
        if window["days"] == "weekdays"
        else _("weekends {start} to {end}")
    )
    return sentence.format(start=f"{int(start):02d}:00", end=f"{int(last):02d}:59")


_DENOMINATOR = {"er_reach": N_("reach"), "er_impressions": N_("impressions")}
_ANY_METRIC = N_("the metric")


def metric_note(metric: str) -> str:
    """Why a posts section uses engagements / impressions ("" for the usual rate on reach)."""
    if metric != "er_impressions":
        return ""
    return _(
        "Reach is not reported for these posts, so the engagement rate here is engagements / "
        "impressions (people who saw a post twice count twice)."
    )


def _posts_used(slots: pd.DataFrame) -> str:
    attrs = slots.attrs
    field = _(_DENOMINATOR.get(attrs.get("metric"), _ANY_METRIC))
    return _("From {posts} with {field} published {period}.").format(
        posts=count(attrs["posts"], "post"),
        field=field,
        period=period(attrs["first"], attrs["last"]),
    )


def slot_caption(hours: bool, min_posts: int = 3) -> str:
    """Caption of the table of best slots."""
    caption = (
        _(
            "Best slots (at least {posts} posts): engagement rate relative to comparable posts "
            "({one} = their average)"
        )
        if hours
        else _(
            "Best weekdays (at least {posts} posts): engagement rate relative to comparable posts "
            "({one} = their average)"
        )
    )
    return caption.format(posts=i18n.integer(min_posts), one=i18n.number(1, 2))


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
    return _(
        "The {posts} here have dates without times of day (every one is at 00:00), so the hour "
        "of publication is not measurable; weekdays are compared instead."
    ).format(posts=count(posts, "post"))


def best_weekday(slots: pd.DataFrame, min_posts: int = 3) -> str:
    """The best weekday (output of :func:`smmnb.trends.best_time` with ``hours=False``)."""
    ranked = slots[slots["posts"] >= min_posts]
    if ranked.empty:
        return _("No weekday has {posts} posts with reach yet.").format(
            posts=i18n.integer(min_posts)
        )
    top = ranked.iloc[0]
    parts = [
        _posts_used(slots),
        _(
            "**{weekday} is the best weekday**: its posts reached an engagement rate {value} times "
            "that of comparable posts ({posts}; {interval})."
        ).format(
            weekday=weekday(top["weekday"]),
            value=number(top["value"], 2),
            posts=count(top["posts"], "post"),
            interval=_interval(top),
        ),
    ]
    if len(ranked) > 1:
        low = ranked.iloc[-1]
        parts.append(
            _("The weakest is {weekday} ({value}).").format(
                weekday=weekday(low["weekday"]), value=number(low["value"], 2)
            )
        )
    return " ".join(parts)


# ------------------------------------------------------------------------------ formats


def formats(table: pd.DataFrame, baseline: str | None, metric: str = "er_reach") -> str:
    """Which formats differ significantly from the baseline.

    ``table`` is the output of :func:`smmnb.trends.format_performance` run with ``baseline``
    and ``metric``.
    """
    note = metric_note(metric)
    return f"{note} {_formats(table, baseline)}" if note else _formats(table, baseline)


def _against(baseline: str | None) -> str:
    """What the formats are compared with: ``images on the same platform``."""
    if baseline == "image":
        return _("images on the same platform")
    if baseline:
        return _("{format}s on the same platform").format(format=esc(_format_name(baseline)))
    return _("the platform's other formats")


def _format_name(code: object) -> str:
    """A post format in the report language (English: the code as the data write it)."""
    return format_name(code) or str(code)


def _format_items(rows: pd.DataFrame, tested: bool = True) -> str:
    """``video on TikTok 1.40x (p = 0.002); ...`` (without the p-value when ``tested`` is off)."""
    item = (
        _("{format} on {platform} {ratio} ({p})") if tested else _("{format} on {platform} {ratio}")
    )
    return "; ".join(
        item.format(
            format=esc(_format_name(r.format)),
            platform=_platform(r.platform),
            ratio=times(r.ratio, 2),
            p=p_value(r.p_holm) if tested else "",
        )
        for r in rows.itertuples()
    )


def _formats(table: pd.DataFrame, baseline: str | None) -> str:
    against = _against(baseline)
    tested = table[table["compared_with"].notna()]
    if tested.empty:
        return _(
            "No format could be compared with {against}: a comparison needs at least 3 posts on "
            "each side."
        ).format(against=against)
    sig = tested[tested["significant"].fillna(False).astype(bool)]
    better = sig[sig["ratio"] > 1].sort_values("ratio", ascending=False)
    worse = sig[sig["ratio"] < 1].sort_values("ratio")
    fields = {
        "against": against,
        "comparisons": count(len(tested), "comparison"),
        "better": _format_items(better),
        "worse": _format_items(worse),
    }
    if sig.empty:
        sentence = _(
            "Compared with {against} ({comparisons}, Holm-adjusted), no format differs "
            "significantly."
        )
    elif len(better) and len(worse):
        sentence = _(
            "Compared with {against} ({comparisons}, Holm-adjusted), **significantly better**: "
            "{better}. Also significantly worse: {worse}."
        )
    elif len(better):
        sentence = _(
            "Compared with {against} ({comparisons}, Holm-adjusted), **significantly better**: "
            "{better}."
        )
    else:
        sentence = _(
            "Compared with {against} ({comparisons}, Holm-adjusted), significantly worse: {worse}."
        )
    parts = [sentence.format(**fields)]
    untested = len(table) - len(tested) - (table["format"] == baseline).sum() if baseline else 0
    if untested > 0:
        other = count(untested, "other format")
        if baseline == "image":
            parts.append(
                _(
                    "{formats} could not be tested (fewer than 3 posts, or no images on the "
                    "platform)."
                ).format(formats=other)
            )
        else:
            parts.append(
                _(
                    "{formats} could not be tested (fewer than 3 posts, or no {baseline}s on the "
                    "platform)."
                ).format(formats=other, baseline=_format_name(baseline))
            )
    return " ".join(parts)


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


def growth_title(brand: str, platform: str) -> str:
    """Title of the chart of one platform's followers and their forecast."""
    return _("{brand} followers on {platform}: history and forecast").format(
        brand=brand, platform=platform_name(platform)
    )


def _gain(value: float) -> str:
    """``gained 120 followers`` / ``lost 12 followers``: the predicate of a growth sentence."""
    if value < 0:
        return _("lost {followers}").format(followers=count(-value, "follower"))
    return _("gained {followers}").format(followers=count(value, "follower"))


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
    name = f"**{_platform(rates['platform'])}**"
    gain, prev = rates["gain_28d"], rates["gain_prev_28d"]
    if not is_number(gain):
        parts = [
            _("{platform} has {days} of follower counts: too few for a 28-day gain.").format(
                platform=name, days=count(rates["days"], "day")
            )
        ]
    elif not is_number(prev):
        parts = [
            _(
                "{platform} {change} in the last 28 days (the 28 days before are not in the data)."
            ).format(platform=name, change=_gain(gain))
        ]
    elif gain > 0 and prev > 0:
        change = gain / prev - 1
        sentence = (
            _(
                "{platform} {change} in the last 28 days, {difference} less than in the 28 days "
                "before ({before})."
            )
            if change < 0
            else _(
                "{platform} {change} in the last 28 days, {difference} more than in the 28 days "
                "before ({before})."
            )
        )
        parts = [
            sentence.format(
                platform=name, change=_gain(gain), difference=pct(abs(change)), before=count(prev)
            )
        ]
    else:
        sentence = (
            _(
                "{platform} {change} in the last 28 days, against a loss of {before} in the 28 "
                "days before."
            )
            if prev < 0
            else _(
                "{platform} {change} in the last 28 days, against a gain of {before} in the 28 "
                "days before."
            )
        )
        parts = [sentence.format(platform=name, change=_gain(gain), before=count(abs(prev)))]
    if len(forecast):
        # the forecast on the target's due day when the forecast reaches it (the figure the
        # campaign scorecard gives for the same target), else at the end of the forecast
        end = forecast.iloc[-1]
        due = pd.Timestamp(target["due"]) if target is not None and "due" in target else None
        on_due = forecast[pd.to_datetime(forecast["date"]) == due] if due is not None else []
        if len(on_due):
            end = on_due.iloc[0]
        parts.append(
            _("By {day} the forecast is {forecast} (95% interval {low} to {high}).").format(
                day=day(end["date"]),
                forecast=count(end["forecast"]),
                low=count(end["ci_low"]),
                high=count(end["ci_high"]),
            )
        )
    if target is not None:
        goal = count(target["target"])
        if rates["followers"] >= target["target"]:
            parts.append(_("The target of {target} is already reached.").format(target=goal))
        elif pd.isna(target["reached_on"]):
            parts.append(
                _(
                    "At this pace the target of {target} is not reached within two years, "
                    "**after its deadline of {due}**."
                ).format(target=goal, due=day(target["due"]))
            )
        else:
            sentence = (
                _(
                    "At this pace the target of {target} is reached on {reached}, in time for its "
                    "deadline of {due}."
                )
                if target["on_time"]
                else _(
                    "At this pace the target of {target} is reached on {reached}, **after its "
                    "deadline of {due}**."
                )
            )
            parts.append(
                sentence.format(
                    target=goal, reached=day(target["reached_on"]), due=day(target["due"])
                )
            )
    return " ".join(parts)


def too_short(days: dict) -> str:
    """Series left out of the forecast for having fewer than 28 days of follower counts."""
    if not days:
        return ""
    items = listing(
        (f"{_platform(p)} ({count(n, 'day')})" for (_b, p), n in sorted(days.items())),
        escape=False,
    )
    return _("Not forecast, for having fewer than 28 days of follower counts: {platforms}.").format(
        platforms=items
    )


# --------------------------------------------------------------------------- what to do


def _spike_action(spike) -> str:
    """The action on the largest spike: review it, answer, keep the daily check running."""
    example = spike.get("example")
    alert = spike.get("alert_today")
    fields = {
        "day": _short_day(spike["period"]),
        "mentions": count(spike["count"], "mention"),
        "baseline": _baseline(spike["baseline"]),
        "example": esc(example) if example else "",
        "alert": count(alert, "mention") if is_number(alert) else "",
    }
    if example and is_number(alert):
        sentence = _(
            "Review the {day} spike ({mentions}, against a baseline of {baseline}) with the team "
            "behind what it was about (typical mention: *{example}*); answer the most-followed "
            "authors first, and keep the daily spike check running (alert line on the last day: "
            "{alert})."
        )
    elif example:
        sentence = _(
            "Review the {day} spike ({mentions}, against a baseline of {baseline}) with the team "
            "behind what it was about (typical mention: *{example}*); answer the most-followed "
            "authors first, and keep the daily spike check running."
        )
    elif is_number(alert):
        sentence = _(
            "Review the {day} spike ({mentions}, against a baseline of {baseline}) with the team "
            "behind what it was about; answer the most-followed authors first, and keep the daily "
            "spike check running (alert line on the last day: {alert})."
        )
    else:
        sentence = _(
            "Review the {day} spike ({mentions}, against a baseline of {baseline}) with the team "
            "behind what it was about; answer the most-followed authors first, and keep the daily "
            "spike check running."
        )
    return sentence.format(**fields)


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
    if lead is not None:
        sentence = (
            _(
                "Ride **{term}**: it is in {share} of recent mentions, {ratio} its earlier share. "
                "Use it in the next posts while it rises."
            )
            if lead["kind"] == "hashtag"
            else _(
                "Read the recent mentions that use **{term}** ({share} of them, {ratio} its "
                "earlier share) before acting on it: a rising term can be praise or a complaint."
            )
        )
        recs.append(
            sentence.format(
                term=esc(lead["term"]),
                share=_share(lead["rate_recent"]),
                ratio=times(lead["ratio"], 0),
            )
        )
    spike = findings.get("spike")
    if spike is not None:
        recs.append(_spike_action(spike))
    window, test = findings.get("window"), findings.get("window_test")
    if window and window["ratio"] > 1 and (test is None or test["significant"]):
        recs.append(
            _(
                "Move posts to {block}: comparable posts there got {ratio} the engagement rate; "
                "test it on a few posts first."
            ).format(block=_block(window), ratio=times(window["ratio"], 2))
        )
    better = findings.get("better_formats")
    if better is not None and len(better):
        baseline = findings.get("baseline")
        if baseline == "image":
            against = _("images")
        elif baseline:
            against = _("{format}s").format(format=esc(baseline))
        else:
            against = _("the other formats of their platform")
        recs.append(
            _("Post more of the formats that beat {against}: {formats}.").format(
                against=against, formats=_format_items(better.head(3), tested=False)
            )
        )
    late = findings.get("late_targets")
    if late is not None:
        for g in late.itertuples():
            sentence = (
                _(
                    "Add follower-growth actions on {platform}: the target of {target} is due "
                    "{due} but the trend does not reach it within two years."
                )
                if pd.isna(g.reached_on)
                else _(
                    "Add follower-growth actions on {platform}: the target of {target} is due "
                    "{due} but the trend reaches it on {reached}."
                )
            )
            recs.append(
                sentence.format(
                    platform=_platform(g.platform),
                    target=count(g.target),
                    due=day(g.due),
                    reached=day(g.reached_on) if not pd.isna(g.reached_on) else "",
                )
            )
    return "\n".join(f"{i}. {t}" for i, t in enumerate(recs, 1))


def no_action() -> str:
    """What "What to do" says when no section found something to act on."""
    return _("None of the sections above found something to act on in these data.")


# ------------------------------------------------------------- channel overview and gains

CHANNEL_EXPORTS = N_(
    "TikTok Studio's Overview, YouTube Studio's Totals or Chart data, a Meta page's Reach, "
    "X's account overview or LinkedIn's Metrics"
)
"""The exports that fill ``channel_daily`` with views, impressions or reach, in words (English;
``_(CHANNEL_EXPORTS)`` in the report language)."""


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
        N_("The channel overview"),
        _("account-level daily views, impressions or reach (exports such as {exports})").format(
            exports=_(CHANNEL_EXPORTS)
        ),
        _measured(in_scope),
        _measured(in_folder),
        N_("account-level day"),
        scope,
    )


def channel_metric(overview) -> str:
    """The column the channel chart draws: views, else impressions, else reach."""
    p = overview.platforms
    if (p["views_days"] > 0).any():
        return "views"
    return "impressions" if (p["impressions_days"] > 0).any() else "reach"


_PER_DAY = {
    "views": N_("views per day"),
    "impressions": N_("impressions per day"),
    "reach": N_("reach per day"),
}


def channel_chart(brand: str, metric: str) -> dict:
    """Title and axis label of the channel chart (``ax.set(**channel_chart(...))``)."""
    label = _(_PER_DAY.get(metric, _PER_DAY["reach"]))
    title = _("{brand}: {measure}, per platform").format(brand=brand, measure=label)
    return {"title": title, "ylabel": label, "xlabel": ""}


def channel_table(overview) -> pd.DataFrame:
    """The platforms of :func:`smmnb.trends.channel_overview` for display (text cells).

    Reach is shown per day only: it counts people, who come back day after day.
    """
    unknown = _("not reported")
    rows = []
    for r in overview.platforms.itertuples(index=False):
        rows.append(
            {
                "platform": r.platform,
                "days": count(r.days),
                "views per day": count(r.views_per_day) if r.views_days else unknown,
                "views in all": count(r.views) if r.views_days else unknown,
                "impressions per day": (
                    count(r.impressions_per_day) if r.impressions_days else unknown
                ),
                "reach per day": count(r.reach_per_day) if r.reach_days else unknown,
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
        measures = []
        for column, noun in (("views", N_("view")), ("impressions", N_("impression"))):
            n_days = getattr(r, f"{column}_days")
            if not n_days:
                continue
            fields = {
                "per_day": count(getattr(r, f"{column}_per_day"), noun),
                "days": count(n_days, "day"),
                "total": count(getattr(r, column)),
            }
            if is_number(r.top_views) and n_days > 1 and (column == "views" or not r.views_days):
                sentence = _(
                    "**{per_day} a day** on average over {days} ({total} in all; the most, {top}, "
                    "on {day})"
                )
                fields.update(top=count(r.top_views), day=_short_day(r.top_day))
            else:
                sentence = _("**{per_day} a day** on average over {days} ({total} in all)")
            measures.append(sentence.format(**fields))
            break  # views when reported, else impressions
        if r.reach_days:
            any_reach = True
            measures.append(
                _(
                    "a reach of **{per_day} per day** on average over {days} (the highest day "
                    "{highest})"
                ).format(
                    per_day=count(r.reach_per_day),
                    days=count(r.reach_days, "day"),
                    highest=count(r.reach_max),
                )
            )
        parts.append(
            _("{brand}'s account on **{platform}** had {measures}, {during}.").format(
                brand=esc(brand),
                platform=_platform(r.platform),
                measures=listing(measures, escape=False),
                during=_during(r.first, r.last),
            )
        )
    if any_reach:
        parts.append(
            _(
                "Reach is per day: the same people come back day after day and follow several "
                "platforms, so daily reach is never added up across days or platforms."
            )
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
    analysis, need = N_("Forecasting followers"), N_("daily follower counts")
    if gains_only:
        raise InsufficientData(
            needs(
                _(analysis),
                _(need),
                _(
                    "the data in scope count only the followers gained each day on {platforms}, "
                    "without a total (one known count in smmnb.yml turns them into totals; see "
                    "below)"
                ).format(platforms=platform_names(gains_only)),
            )
        )
    require(analysis, need, in_scope, in_folder, N_("follower count"), scope)


def gains_table(gains) -> pd.DataFrame:
    """The platforms of :func:`smmnb.trends.follower_gains` for display (text cells)."""
    unknown = _("not reported")
    rows = []
    for r in gains.platforms.itertuples(index=False):
        rows.append(
            {
                "platform": r.platform,
                "days": count(r.days),
                "gained": count(r.gained),
                "lost": count(r.lost) if r.lost_reported else unknown,
                "net": _signed(r.net) if r.lost_reported else missing(),
                "gained, last 28 days": count(r.gained_28d),
                "gained, 28 days before": count(r.gained_prev_28d),
            }
        )
    return pd.DataFrame(rows)


def _signed(value) -> str:
    return i18n.number(round(float(value)), 0, signed=True) if is_number(value) else count(value)


def _recent_gains(r) -> str:
    """The followers gained in the last 28 days (net when unfollows are counted) and before."""
    fields = {
        "day": _short_day(r.last),
        "gained": count(r.gained_28d, "new follower"),
        "net": _signed(r.net_28d) if r.lost_reported else "",
        "before": count(r.gained_prev_28d) if is_number(r.gained_prev_28d) else "",
        "net_before": _signed(r.net_prev_28d) if r.lost_reported else "",
    }
    if is_number(r.gained_prev_28d):
        sentence = (
            _(
                "In the last 28 days to {day}: {gained} (net {net}), against {before} in the 28 "
                "days before (net {net_before})."
            )
            if r.lost_reported
            else _(
                "In the last 28 days to {day}: {gained}, against {before} in the 28 days before."
            )
        )
    else:
        sentence = (
            _("In the last 28 days to {day}: {gained} (net {net}).")
            if r.lost_reported
            else _("In the last 28 days to {day}: {gained}.")
        )
    return sentence.format(**fields)


def follower_gains(gains, brand: str) -> str:
    """The followers gained (and lost) per platform where there is no count, in words.

    Ends with how to turn the gains into totals: one known count per platform in smmnb.yml.
    """
    parts = []
    for r in gains.platforms.itertuples(index=False):
        fields = {
            "platform": f"**{_platform(r.platform)}**",
            "brand": esc(brand),
            "during": _during(r.first, r.last),
            "days": count(r.days, "day"),
        }
        if r.lost_reported:
            parts.append(
                _(
                    "On {platform} {brand} gained {gained} and lost {lost} {during} ({days} with "
                    "data; net {net})."
                ).format(
                    **fields,
                    gained=count(r.gained, "follower"),
                    lost=count(r.lost),
                    net=_signed(r.net),
                )
            )
        else:
            parts.append(
                _(
                    "On {platform} {brand} gained {gained} {during} ({days} with data); the "
                    "export does not count unfollows, so this is not the change in followers."
                ).format(**fields, gained=count(r.gained, "new follower"))
            )
        if is_number(r.gained_28d):
            parts.append(_recent_gains(r))
    names = list(gains.platforms["platform"])
    if names:
        last = gains.platforms["last"].max()
        example = f"{names[0]}: {{date: {pd.Timestamp(last).date().isoformat()}, count: 5120}}"
        parts.append(
            _(
                "The data hold no follower count for {platforms}: give one known count per "
                "platform in smmnb.yml (such as `followers: {{{example}}}`, with the number the "
                "account showed at the end of that day) and smmnb derives the daily totals from "
                "these gains and forecasts them."
            ).format(platforms=platform_names(names), example=example)
        )
    return " ".join(parts)


def gains_chart(brand: str, start) -> dict:
    """Title and axis label of the chart of followers gained (``ax.set(**gains_chart(...))``)."""
    return {
        "title": _(
            "{brand}: followers gained since {day} (net where unfollows are counted)"
        ).format(brand=brand, day=day(start)),
        "ylabel": _("followers gained, running total"),
        "xlabel": "",
    }
