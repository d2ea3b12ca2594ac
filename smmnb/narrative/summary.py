"""Sentences of the executive summary: headline numbers, targets, findings and actions.

Every sentence of ``05_executive_summary.ipynb`` and every finding and action of
:mod:`smmnb.insights` is written here, one function per sentence, from numbers the caller
computed. A sentence is one template with named parts (a later issue moves the templates into
translation catalogs); numbers go through :mod:`smmnb.narrative`, so a missing value reads
"not measurable", never ``nan``, counts have no decimals and money carries its currency.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from smmnb import narrative as say
from smmnb.narrative.expectations import share as whole

__all__ = [
    "HEADLINE_DEFINITIONS",
    "KPI_LABELS",
    "action_list",
    "best_time_action",
    "best_time_finding",
    "creative_action",
    "creative_finding",
    "conversion_note",
    "currencies_apart",
    "other_currency",
    "emerging_action",
    "emerging_finding",
    "findings_page",
    "formats_action",
    "formats_finding",
    "gap_action",
    "gap_finding",
    "headline",
    "headline_table",
    "influencer_action",
    "influencer_finding",
    "kpi_value",
    "lift_action",
    "lift_finding",
    "money_unknown_targets",
    "nothing_in_period",
    "kpi_label",
    "NO_ACTIONS",
    "NO_FINDINGS",
    "MONEY_KPIS",
    "scope_words",
    "spike_action",
    "spike_finding",
    "target_action",
    "target_finding",
    "targets_summary",
    "unanswered_action",
    "unanswered_finding",
]

NO_FINDINGS = (
    "No rule found a risk or an opportunity backed by a significant test in this period's data."
)
NO_ACTIONS = "Nothing to act on from these findings."


# --------------------------------------------------------------------------------------------
# numbers by kind


KPI_LABELS = {
    "followers": "followers",
    "engagements": "engagements",
    "reach": "reach",
    "impressions": "impressions",
    "clicks": "clicks",
    "conversions": "conversions",
    "sessions": "web sessions",
    "spend": "spend",
    "er_reach": "engagement rate on reach",
    "ctr": "CTR",
    "cvr": "conversion rate",
    "cpa": "CPA",
    "cpc": "CPC",
    "cpm": "CPM",
    "roas": "ROAS",
    "response_rate": "response rate",
    "net_sentiment": "net sentiment",
}
"""How a target's KPI is named in a sentence."""

MONEY_KPIS = frozenset({"spend", "cpa", "cpc", "cpm"})
"""KPIs whose values are amounts of money (in the ads' currency)."""

_PERCENT_KPIS = frozenset({"er_reach", "ctr", "cvr", "response_rate"})
_SIGNED_KPIS = frozenset({"net_sentiment"})
_RATIO_KPIS = frozenset({"roas"})
_COST_KPIS = frozenset({"cpa", "cpc", "cpm"})


def kpi_label(kpi: str) -> str:
    """The name of a KPI in a sentence (``ctr`` -> ``CTR``)."""
    return KPI_LABELS.get(kpi, str(kpi).replace("_", " "))


def kpi_value(kpi: str, value, currency: str) -> str:
    """A KPI's value as a sentence writes it.

    Money with its currency, rates as percentages, ROAS with two decimals, counts without
    decimals; "not measurable" when missing.
    """
    if kpi in MONEY_KPIS:
        return say.money(value, currency)
    if kpi in _PERCENT_KPIS:  # small rates (CTR) need two decimals to tell them apart
        return say.pct(value, 2 if say.is_number(value) and abs(float(value)) < 0.1 else 1)
    if kpi in _SIGNED_KPIS:
        return say.signed_pct(value, 1)
    if kpi in _RATIO_KPIS:
        return say.number(value, 2)
    return say.count(value)


def _value(kind: str, value, currency: str | None) -> str:
    if kind == "money":
        return say.money(value, currency or "")
    if kind == "rate":
        return say.pct(value, 1)
    if kind == "signed":
        return say.signed_pct(value, 1)
    if kind == "ratio":
        return say.number(value, 2)
    return say.count(value)


# --------------------------------------------------------------------------------------------
# headline numbers


HEADLINE_DEFINITIONS = {
    "ad spend": "sum of ad spend",
    "conversions": "sum of conversions reported by the ads",
    "CPA": "ad spend / conversions",
    "ROAS": "revenue / ad spend",
    "posts": "posts published",
    "engagements": "reactions + comments + shares + saves",
    "engagement rate on reach": "engagements / reach, pooled over posts that report both",
    "customer comments": "comments by customers on the brand's channels",
    "net sentiment": "(positive - negative) / customer comments",
    "answered": "customer comments with a brand reply / customer comments",
    "answered within the SLA": (
        "customer comments answered within the promised time / customer comments"
    ),
    "mentions": "listening mentions of the brand",
    "share of voice": "the brand's mentions / mentions of every brand tracked",
    "followers": "followers on the last day, summed over platforms (accounts, not people)",
    "follower change": "followers on the last day - followers the day before the period",
    "views": "views of the accounts' content per day (account-level exports), summed over "
    "days and platforms",
    "views per day": "views / days with views",
    "web sessions": "sum of web sessions",
    "web conversions": "sum of conversions recorded on the website",
    "web conversion rate": "web conversions / web sessions",
}
"""What each headline number means (its denominator said)."""


def headline_table(head: pd.DataFrame) -> pd.DataFrame:
    """The headline numbers as text, for a table: ``measure``, ``value``, ``definition``."""
    split = head["measure"].map(head["measure"].value_counts()) > 1
    rows = []
    for r, several in zip(head.itertuples(index=False), split, strict=True):
        name = (
            f"{r.measure} ({r.currency})" if several and isinstance(r.currency, str) else r.measure
        )
        rows.append(
            {"measure": name, "value": _value(r.kind, r.value, r.currency),
             "definition": r.definition}
        )  # fmt: skip
    return pd.DataFrame(rows, columns=["measure", "value", "definition"])


def _get(head: pd.DataFrame, measure: str, currency: str | None = None):
    rows = head[head["measure"] == measure]
    if currency is not None:
        rows = rows[rows["currency"] == currency]
    return rows.iloc[0] if len(rows) else None


def headline(head: pd.DataFrame, brand: str, *, sla: str = "", filter_text: str = "") -> str:
    """One paragraph of the headline numbers (Markdown), from :func:`smmnb.insights.headline_kpis`.

    Money is written per currency; a rate whose denominator is missing reads "not
    measurable"; share of voice appears only when the table holds it (mentions of two or
    more brands).
    """
    b = say.esc(brand)
    parts = []
    spends = head[head["measure"] == "ad spend"]
    if len(spends):
        per_currency = []
        for r in spends.itertuples(index=False):
            cpa, roas = _get(head, "CPA", r.currency), _get(head, "ROAS", r.currency)
            ratios = []
            if cpa is not None:
                ratios.append(f"CPA {say.money(cpa['value'], r.currency)}")
            if roas is not None:
                ratios.append(f"ROAS {say.number(roas['value'], 2)}")
            text = f"**{say.money(r.value, r.currency)}**"
            per_currency.append(text + (f" ({', '.join(ratios)})" if ratios else ""))
        conversions = _get(head, "conversions")
        sentence = f"{b} spent {say.listing(per_currency, escape=False)} on ads"
        if conversions is not None:
            sentence += f" for {say.count(conversions['value'], 'conversion')}"
        parts.append(sentence)
    posts = _get(head, "posts")
    if posts is not None:
        eng, rate = _get(head, "engagements"), _get(head, "engagement rate on reach")
        text = f"{b} published {say.count(posts['value'], 'post')}"
        if eng is not None and not say.is_number(eng["value"]):
            text += " (their engagements are not reported)"
        elif eng is not None:
            text += f" that earned {say.count(eng['value'], 'engagement')}"
            if rate is not None:
                rate_text = say.pct(rate["value"], 1)
                text += (
                    f" ({rate_text} of reach)"
                    if say.is_number(rate["value"])
                    else " (engagement rate on reach not measurable: the posts report no reach)"
                )
        parts.append(text)
    comments = _get(head, "customer comments")
    if comments is not None:
        text = f"customers left {say.count(comments['value'], 'comment')}"
        net = _get(head, "net sentiment")
        if net is not None:
            text += f" with a net sentiment of **{say.signed_pct(net['value'], 1)}**"
        answered = _get(head, "answered")
        if answered is not None:
            text += f"; the brand answered {whole(answered['value'])} of them"
            within = _get(head, "answered within the SLA")
            if within is not None and sla:
                text += f" ({whole(within['value'])} within {say.esc(sla)})"
        parts.append(text)
    mentions = _get(head, "mentions")
    if mentions is not None:
        text = f"{b} was mentioned {say.count(mentions['value'], 'time')}"
        sov = _get(head, "share of voice")
        if sov is not None:
            brands = head.attrs.get("brands", [])
            text += (
                f", **{whole(sov['value'])}** of the mentions of the {say.count(len(brands))} "
                f"brands tracked ({say.listing(brands)})"
            )
        parts.append(text)
    followers = _get(head, "followers")
    if followers is not None:
        on = head.attrs.get("follower_platforms", [])
        where = f" on {say.listing(on)}" if on else ""
        text = f"{b}'s accounts{where} had {say.count(followers['value'], 'follower')} at the end"
        change = _get(head, "follower change")
        if change is not None and say.is_number(change["value"]):
            n = int(round(float(change["value"])))
            text += f" ({n:+,} over the period)"
        parts.append(text)
    views = _get(head, "views")
    if views is not None:
        on = head.attrs.get("view_platforms", [])
        where = f" on {say.listing(on)}" if on else ""
        text = f"{b}'s accounts{where} had {say.count(views['value'], 'view')}"
        per_day = _get(head, "views per day")
        if per_day is not None:
            text += f" ({say.count(per_day['value'])} a day)"
        parts.append(text)
    sessions = _get(head, "web sessions")
    if sessions is not None:
        site = "the website"
        if filter_text and filter_text != "all platforms":
            site += (
                f" (all its traffic: sessions have no platform, so the filter on {filter_text} "
                "does not apply to them)"
            )
        text = f"{site} had {say.count(sessions['value'], 'session')}"
        web_conv = _get(head, "web conversions")
        if web_conv is not None:
            rate = _get(head, "web conversion rate")
            text += f" and {say.count(web_conv['value'], 'conversion')}"
            if rate is not None:
                text += f" ({say.pct(rate['value'], 1)} of sessions)"
        parts.append(text)
    if not parts:
        return ""
    return "In the period " + "; ".join(parts) + "."


def currencies_apart(currencies: Sequence[str]) -> str:
    """Why money is shown per currency (several currencies and no exchange rate)."""
    return (
        f"Ad money is shown per currency ({say.listing(currencies)}): the ads are in several "
        "currencies and the folder gives no exchange rate between them (fx in smmnb.yml), so "
        "amounts are never added across currencies."
    )


def other_currency(found: str, currency: str) -> str:
    """Why ad money is not in the reporting currency."""
    return (
        f"The ads are in {say.esc(found)}, not in the reporting currency {say.esc(currency)}, "
        f"and smmnb.yml gives no exchange rate: ad money is shown in {say.esc(found)}."
    )


def conversion_note(note: str) -> str:
    """A currency conversion made while reading (``Workspace.money_notes``), as a sentence."""
    text = str(note).strip().rstrip(".")
    return f"Ad money converted while reading: {say.esc(text)}."


def nothing_in_period(brand: str, start, end) -> str:
    """The fallback sentence when the period holds no data of the brand."""
    return say.needs(
        "The executive summary",
        f"ads, posts, comments, mentions, followers or web sessions of {brand} in the period",
        f"this folder has none from {say.day(start)} to {say.day(end)}",
    )


# --------------------------------------------------------------------------------------------
# targets


def scope_words(platform, campaign) -> str:
    """Where a target applies: ``tiktok``, ``the Back to School campaign``, ``all platforms``."""
    platform = platform if isinstance(platform, str) and platform else None
    campaign = campaign if isinstance(campaign, str) and campaign else None
    if campaign and platform:
        return f"the {say.esc(campaign)} campaign on {say.esc(platform)}"
    if campaign:
        return f"the {say.esc(campaign)} campaign (all platforms)"
    if platform:
        return say.esc(platform)
    return "all platforms"


def targets_summary(sc: pd.DataFrame, filter_text: str) -> str:
    """How many targets are on track, at risk, off track, not measurable or not paced.

    ``sc`` is :func:`smmnb.insights.target_scorecard`: targets for all platforms under a
    filter (``covers_all``) and money targets in another currency than the ads are listed,
    not paced, and the sentence says why.
    """
    s = sc["status"].astype("str")
    n = len(s)
    on, risk, off, no_data = (
        int((s == k).sum()) for k in ("on_track", "at_risk", "off_track", "no_data")
    )
    paced = on + risk + off
    if paced:
        text = f"**{on} of {say.count(paced, 'target')} {'is' if paced == 1 else 'are'} on "
        text += f"track**; {risk} at risk, {off} off track."
    else:
        text = f"None of the {say.count(n, 'target')} can be scored here."
    if no_data:
        text += (
            f" {say.count(no_data, 'target')} {'has' if no_data == 1 else 'have'} no data yet "
            "to be scored."
        )
    covers_all = sc["covers_all"].fillna(False).astype(bool) if "covers_all" in sc else None
    n_all = int(covers_all.sum()) if covers_all is not None else 0
    if n_all:
        text += (
            f" {say.count(n_all, 'target')} {'covers' if n_all == 1 else 'cover'} all "
            f"platforms and {'is' if n_all == 1 else 'are'} not paced under the filter on "
            f"{filter_text}: the filtered actuals are only part of what "
            f"{'it covers' if n_all == 1 else 'they cover'}."
        )
    money = (s == "not_paced") & sc["kpi"].astype("str").isin(MONEY_KPIS)
    if covers_all is not None:
        money &= ~covers_all
    if money.any():
        text += " " + money_unknown_targets(
            int(money.sum()), sc.attrs.get("ads_currencies", []), sc.attrs.get("currency", "")
        )
    return text


def money_unknown_targets(n: int, currencies: Sequence[str], currency: str) -> str:
    """Why money targets (spend, CPA...) are not paced."""
    if len(currencies) > 1:
        why = (
            f"the ads are in {say.listing(currencies)} and smmnb.yml gives no exchange rate, "
            "so their amounts cannot be added"
        )
    else:
        why = (
            f"the targets are in {say.esc(currency)} and the ads in {say.listing(currencies)}, "
            "with no exchange rate in smmnb.yml"
        )
    return (
        f"{say.count(n, 'money target')} (spend, CPA, CPC, CPM) {'is' if n == 1 else 'are'} "
        f"not paced: {why}."
    )


def target_finding(r, currency: str, as_of=None) -> str:
    """One target at risk or off track, with its numbers (``r`` is a scorecard row).

    ``as_of`` is the day it was scored on (None: "now").
    """
    kpi = str(r.kpi)
    label = kpi_label(kpi)
    where = scope_words(r.platform, r.campaign)
    status = str(r.status).replace("_", " ")
    v = lambda x: kpi_value(kpi, x, currency)  # noqa: E731
    ceiling = "a ceiling" if r.direction == "lower" else "a target"
    if kpi == "spend" and r.direction == "lower":
        ceiling = "a budget"
    ended = bool(r.elapsed >= 1)
    by = f"by {say.day(as_of)}" if as_of is not None else "by now"
    since = "" if kpi == "followers" else f" since {say.day(r.period_start)}"
    if kpi == "followers" or kpi in {"reach", "impressions", "engagements", "clicks",
                                     "conversions", "spend", "sessions"}:  # fmt: skip
        if ended:
            text = (
                f"The {label} target for {where} ended {status}: {v(r.actual)} against "
                f"{ceiling} of {v(r.target)} on {say.day(r.period_end)}"
            )
        else:
            text = (
                f"The {label} target for {where} is {status}: {v(r.actual)}{since} against "
                f"{v(r.expected)} expected {by}; the trend leads to about {v(r.forecast)} "
                f"(95% interval {v(r.ci_low)} to {v(r.ci_high)}) against {ceiling} of "
                f"{v(r.target)} on {say.day(r.period_end)}"
            )
    else:
        text = (
            f"The {label} target for {where} is {status}: {v(r.actual)} {by} (95% interval "
            f"{v(r.ci_low)} to {v(r.ci_high)}) against {ceiling} of {v(r.target)} "
            f"for the period ending {say.day(r.period_end)}"
        )
    return text + "."


def target_action(r, currency: str) -> str:
    """What to do about one target at risk or off track; respects its direction."""
    kpi = str(r.kpi)
    label = kpi_label(kpi)
    where = scope_words(r.platform, r.campaign)
    v = lambda x: kpi_value(kpi, x, currency)  # noqa: E731
    gap = abs(float(r.target) - float(r.forecast))
    end = say.day(r.period_end)
    if r.elapsed >= 1:
        return (
            f"Review with the team why {label} on {where} missed its target of {v(r.target)} "
            "before setting the next one."
        )
    if kpi == "spend":
        if r.direction == "lower":
            return (
                f"Slow spending on {where}: at the current rate it ends about {v(gap)} over its "
                f"budget of {v(r.target)} by {end}; lower daily budgets or pause the weakest "
                "ads, or agree a larger budget with management."
            )
        return (
            f"Spending on {where} is behind plan: about {v(gap)} of {v(r.target)} would be left "
            f"unspent by {end}; raise daily budgets on the best ads, or release the money."
        )
    if kpi in _COST_KPIS or r.direction == "lower" and kpi in _PERCENT_KPIS | _RATIO_KPIS:
        return (
            f"Bring {label} on {where} from {v(r.forecast)} down to {v(r.target)} or less: move "
            f"budget to the ads and audiences with the lowest {label}, or reset the target with "
            "management."
        )
    if kpi == "response_rate":
        return (
            f"Answer more customer comments on {where} ({v(r.forecast)} answered against a "
            f"target of {v(r.target)}): a daily check and saved answers to common questions."
        )
    if kpi == "net_sentiment":
        return (
            f"Lift net sentiment on {where} from {v(r.forecast)} towards {v(r.target)}: fix what "
            "customers complain about most and answer complaints publicly."
        )
    if kpi in _PERCENT_KPIS | _RATIO_KPIS:
        return (
            f"Raise {label} on {where} from {v(r.forecast)} towards {v(r.target)}: test new "
            "creatives, offers and audiences, or reset the target with management."
        )
    if r.direction == "lower":
        return (
            f"Bring {label} on {where} down by about {v(gap)} to stay under {v(r.target)} by "
            f"{end}, or reset the target with management."
        )
    return (
        f"Close the gap of about {v(gap)} {label} on {where} by {end}: more content and paid "
        "support there, or reset the target with management."
    )


# --------------------------------------------------------------------------------------------
# findings of the other rules


def spike_finding(brand: str, day, count, baseline, terms: Sequence[str]) -> str:
    """A day when the brand's mentions jumped."""
    text = f"Mentions of {say.esc(brand)} spiked on {say.day(day)}: {say.count(count)}"
    if say.is_number(baseline) and float(baseline) >= 1:
        text += (
            f" against a usual {say.count(baseline)} on that weekday "
            f"({say.times(float(count) / float(baseline))} the usual)"
        )
    else:
        text += " against almost none on a usual day"
    if len(terms):
        text += f", about {say.listing(terms)}"
    return text + "."


def spike_action() -> str:
    """What to do after a mention spike."""
    return (
        "Prepare a public answer and a holding statement for the next incident; check what "
        "caused this one with operations."
    )


def unanswered_finding(
    platform: str, rate, questions, median_hours, others_rate, others: Sequence[str],
    within_sla=None, sla: str = "",
) -> str:  # fmt: skip
    """A platform where customers' questions go unanswered, against the other platforms."""
    text = (
        f"On {say.esc(platform)}, only {whole(rate)} of "
        f"{say.count(questions, 'customer question')} were answered"
    )
    if say.is_number(median_hours):
        text += f" (median reply after {say.number(median_hours, 1)} h"
        if sla and say.is_number(within_sla):
            text += f"; {whole(within_sla)} within {say.esc(sla)}"
        text += ")"
    return text + f", against {whole(others_rate)} on {say.listing(others)}."


def unanswered_action(platform: str) -> str:
    """What to do about unanswered questions on a platform."""
    return (
        f"Staff {say.esc(platform)} replies: a daily check and saved answers to common questions."
    )


def gap_finding(label: str, negative, share, comments, change=None, significant=None) -> str:
    """Customers' biggest complaint, and whether it grew."""
    text = (
        f"{say.esc(label)} is customers' biggest complaint: "
        f"{say.count(negative, 'negative comment')} ({whole(share)} of the "
        f"{say.count(comments, 'comment')} about it)"
    )
    if say.is_number(change):
        if significant and float(change) > 0:
            text += (
                f"; its negative share rose {say.points(change)} against the previous period "
                "(a significant rise)"
            )
        else:
            text += "; not significantly different from the previous period"
    return text + "."


def gap_action(label: str) -> str:
    """What to do about the biggest complaint."""
    return f"Give {say.esc(label.lower())} an owner and a fix date; answer its comments publicly."


def creative_finding(
    campaign: str, ad: str, rate, others_rate, lift, where: str, metric: str = "CTR"
) -> str:
    """An ad whose rate is significantly above the rest of its campaign."""
    return (
        f"In {say.esc(campaign)} ({where}), {say.esc(ad)} gets a {metric} of {say.pct(rate, 2)} "
        f"against {say.pct(others_rate, 2)} for the campaign's other ads "
        f"({say.signed_pct(lift)}, significant after adjusting for the number of ads tested)."
    )


def creative_action(campaign: str, ad: str) -> str:
    """What to do with a winning ad."""
    return (
        f"Move the {say.esc(campaign)} budget towards {say.esc(ad)} and brief new creatives "
        "like it."
    )


def influencer_finding(
    name: str, campaign: str, followers, cpe, ratio, best: str, best_cpe, er, currency: str
) -> str:
    """An influencer who cost much per engagement with engagement far below peers."""
    return (
        f"{say.esc(name)} ({say.count(followers, 'follower')}) cost "
        f"{say.money(cpe, currency)} per engagement in {say.esc(campaign)}, "
        f"{say.times(ratio, 0)} {say.esc(best)} ({say.money(best_cpe, currency)}); engagement "
        f"was {say.pct(er, 1)} of impressions, far below comparable partners."
    )


def influencer_action(name: str, best: str) -> str:
    """What to do about an influencer flagged for a check."""
    return (
        f"Check {say.esc(name)}'s audience before rebooking; favour partners like {say.esc(best)}."
    )


def emerging_finding(term: str, count, recent: tuple, growth, baseline: tuple) -> str:
    """A term whose share of mentions rose significantly."""
    first, last = recent
    b_first, b_last = baseline
    days = (pd.Timestamp(last) - pd.Timestamp(first)).days + 1
    b_days = (pd.Timestamp(b_last) - pd.Timestamp(b_first)).days + 1
    return (
        f"'{say.esc(term)}' is rising in the mentions of the brands tracked: "
        f"{say.count(count, 'mention')} in the {days} days to "
        f"{say.day(last)}, {say.times(growth)} its share of mentions in the {b_days} days before "
        "(significant)."
    )


def emerging_action(term: str) -> str:
    """What to do about a rising term."""
    return f"Join the conversation around '{say.esc(term)}' while it is growing."


def best_time_finding(slots: Sequence[str], index, where: str) -> str:
    """The publication slots that did best against comparable posts."""
    return (
        f"Posts on {where} published at {say.listing(slots)} got {say.times(index, 2)} the "
        "engagement rate of comparable posts (same platform and format); this is observational."
    )


def best_time_action() -> str:
    """What to do with the best slots."""
    return "Schedule the week's strongest posts in these slots and compare the next month."


def formats_finding(fmt: str, platform: str, lift, others: int) -> str:
    """A format that beats images significantly on a platform."""
    text = (
        f"{say.esc(fmt.capitalize())} posts on {say.esc(platform)} get {say.times(lift, 2)} the "
        "engagement rate of images there (a significant difference)"
    )
    if others > 0:
        text += (
            f"; a format beats images significantly on {say.count(others, 'other platform')} too"
        )
    return text + "."


def formats_action(fmt: str, platform: str) -> str:
    """What to do with a winning format."""
    return (
        f"Shift the {say.esc(platform)} content mix towards {say.esc(fmt)} posts, where they beat "
        "images."
    )


def lift_finding(
    campaign: str,
    first,
    last,
    effect,
    rel,
    low,
    high,
    overlapping: Sequence[str] = (),
    platforms: Sequence[str] = (),
    compared_from=None,
) -> str:
    """A campaign's significant lift of web sessions from organic social.

    ``overlapping``: other campaigns that started or stopped between ``compared_from`` (the
    first day of the weeks the flight is compared with) and the end of the flight.
    ``platforms``: the platform filter in force (the sessions counted come from them).
    """
    source = "organic social"
    if len(platforms):
        source += f" from {say.listing(platforms)}"
    text = (
        f"During {say.esc(campaign)} ({say.day(first)} to {say.day(last)}) {source} brought "
        f"{say.count(effect, 'web session')} more than expected ({say.signed_pct(rel)}; 95% "
        f"interval {say.count(low)} to {say.count(high)}), a significant lift"
    )
    if len(overlapping):
        since = f"from {say.day(compared_from)}" if compared_from is not None else "meanwhile"
        one = len(overlapping) == 1
        text += (
            f"; {say.listing(overlapping)} also started or stopped {since} to {say.day(last)}, "
            f"the days compared, so the lift may be {'its' if one else 'theirs'} too"
        )
    return text + "."


def lift_action(campaign: str, effect, overlapping: Sequence[str] = ()) -> str:
    """What to do after a campaign with a real lift (shared when others ran at once)."""
    if len(overlapping):
        one = len(overlapping) == 1
        return (
            f"Before repeating the {say.esc(campaign)} mechanics, check that "
            f"{say.listing(overlapping)}, which also started or stopped in those weeks, "
            f"{'does' if one else 'do'} not explain the extra {say.count(effect, 'session')} "
            "from social."
        )
    return (
        f"Repeat the {say.esc(campaign)} mechanics: it added about "
        f"{say.count(effect, 'session')} from social."
    )


# --------------------------------------------------------------------------------------------
# the page


def _kind_word(kind: str) -> str:
    return {"risk": "Risk", "opportunity": "Opportunity"}.get(kind, "Context")


def findings_page(found: pd.DataFrame, top: int) -> str:
    """The first ``top`` findings as a numbered list, then the others (Markdown)."""
    if found is None or found.empty:
        return NO_FINDINGS
    top = max(int(top), 1)
    lines = [
        f"{r.rank}. **{_kind_word(r.kind)} ({r.area}).** {r.text}"
        for r in found.head(top).itertuples()
    ]
    rest = found.iloc[top:]
    for kind, title in (("risk", "Other risks:"), ("opportunity", "Other opportunities:")):
        some = rest[rest["kind"] == kind]
        if len(some):
            lines += ["", title, ""] + [f"- {r.text}" for r in some.itertuples()]
    return "\n".join(lines)


def action_list(found: pd.DataFrame, n: int) -> str:
    """The first ``n`` distinct actions, in the order of their findings (Markdown)."""
    if found is None or found.empty:
        return NO_ACTIONS
    actions = list(dict.fromkeys(found["action"]))[: max(int(n), 1)]
    return "**What to do next:**\n\n" + "\n".join(f"{i}. {a}" for i, a in enumerate(actions, 1))
