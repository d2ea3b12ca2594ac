"""Sentences of the executive summary: headline numbers, targets, findings and actions.

Every sentence of ``05_executive_summary.ipynb`` and every finding and action of
:mod:`smmnb.insights` is written here, one function per sentence, from numbers the caller
computed. A sentence is one template with named parts, translated from the ``summary``
catalog (:mod:`smmnb.i18n`) into the language in force when the function is called; numbers
go through :mod:`smmnb.narrative`, so a missing value reads "not measurable", never ``nan``,
counts have no decimals and money carries its currency. Platforms are written as their owners
write them (``TikTok``), KPIs by :func:`smmnb.names.label`.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from smmnb import i18n
from smmnb import narrative as say
from smmnb.i18n import N_, _, ngettext, pgettext
from smmnb.names import format_name, platform_name
from smmnb.names import label as column_label
from smmnb.narrative.expectations import share as whole

__all__ = [
    "HEADLINE_DEFINITIONS",
    "MONEY_KPIS",
    "NO_ACTIONS",
    "NO_FINDINGS",
    "action_list",
    "best_time_action",
    "best_time_finding",
    "best_time_title",
    "conversion_note",
    "creative_action",
    "creative_finding",
    "creative_title",
    "currencies_apart",
    "emerging_action",
    "emerging_finding",
    "emerging_title",
    "filter_words",
    "finding_heading",
    "findings_page",
    "format_name",
    "formats_action",
    "formats_finding",
    "formats_title",
    "gap_action",
    "gap_finding",
    "gap_title",
    "headline",
    "headline_label",
    "headline_table",
    "influencer_action",
    "influencer_finding",
    "influencer_title",
    "kpi_label",
    "kpi_value",
    "lift_action",
    "lift_finding",
    "lift_title",
    "money_unknown_targets",
    "nothing_in_period",
    "other_currency",
    "scope_words",
    "slot_words",
    "spike_action",
    "spike_finding",
    "spike_title",
    "target_action",
    "target_finding",
    "target_title",
    "targets_summary",
    "unanswered_action",
    "unanswered_finding",
    "unanswered_title",
]

NO_FINDINGS = N_(
    "No rule found a risk or an opportunity backed by a significant test in this period's data."
)
NO_ACTIONS = N_("Nothing to act on from these findings.")


def _upper_first(text: str) -> str:
    """``text`` with its first letter capitalised (a sentence may start with a label)."""
    return text[:1].upper() + text[1:]


def filter_words(platforms: Sequence[str] | None) -> str:
    """The platform filter in words: ``all platforms``, ``TikTok only``, ``TikTok and Zalo``."""
    if not platforms:
        return _("all platforms")
    if len(platforms) == 1:
        return _("{platform} only").format(platform=say.platforms(platforms))
    return say.platforms(platforms)


# --------------------------------------------------------------------------------------------
# numbers by kind


MONEY_KPIS = frozenset({"spend", "cpa", "cpc", "cpm"})
"""KPIs whose values are amounts of money (in the ads' currency)."""

_PERCENT_KPIS = frozenset({"er_reach", "ctr", "cvr", "response_rate"})
_SIGNED_KPIS = frozenset({"net_sentiment"})
_RATIO_KPIS = frozenset({"roas"})
_COST_KPIS = frozenset({"cpa", "cpc", "cpm"})


def kpi_label(kpi: str) -> str:
    """The name of a KPI in a sentence (``ctr`` -> ``CTR``), from :func:`smmnb.names.label`."""
    return column_label(kpi)


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
    N_("ad spend"): N_("sum of ad spend"),
    N_("conversions"): N_("sum of conversions reported by the ads"),
    "CPA": N_("ad spend / conversions"),
    "ROAS": N_("revenue / ad spend"),
    N_("posts"): N_("posts published"),
    N_("engagements"): N_("reactions + comments + shares + saves"),
    N_("engagement rate on reach"): N_("engagements / reach, pooled over posts that report both"),
    N_("customer comments"): N_("comments by customers on the brand's channels"),
    N_("net sentiment"): N_("(positive - negative) / customer comments"),
    N_("answered"): N_("customer comments with a brand reply / customer comments"),
    N_("answered within the SLA"): N_(
        "customer comments answered within the promised time / customer comments"
    ),
    N_("mentions"): N_("listening mentions of the brand"),
    N_("share of voice"): N_("the brand's mentions / mentions of every brand tracked"),
    N_("followers"): N_("followers on the last day, summed over platforms (accounts, not people)"),
    N_("follower change"): N_("followers on the last day - followers the day before the period"),
    N_("views"): N_(
        "views of the accounts' content per day (account-level exports), summed over days "
        "and platforms"
    ),
    N_("views per day"): N_("views / days with views"),
    N_("web sessions"): N_("sum of web sessions"),
    N_("web conversions"): N_("sum of conversions recorded on the website"),
    N_("web conversion rate"): N_("web conversions / web sessions"),
}
"""What each headline number means (its denominator said): measure -> definition, both the
English messages; :func:`smmnb.insights.headline_kpis` writes the definition in the report
language, :func:`headline_label` the measure."""


def headline_label(measure: str) -> str:
    """A headline measure (``ad spend``, ``CPA``...) as a reader sees it, in the report language."""
    text = str(measure)
    return text if text.isupper() else _(text)


def headline_table(head: pd.DataFrame) -> pd.DataFrame:
    """The headline numbers as text, for a table: ``measure``, ``value``, ``definition``."""
    split = head["measure"].map(head["measure"].value_counts()) > 1
    rows = []
    for r, several in zip(head.itertuples(index=False), split, strict=True):
        name = headline_label(r.measure)
        if several and isinstance(r.currency, str):
            name = f"{name} ({r.currency})"
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


def _spend_clause(head: pd.DataFrame, b: str) -> str | None:
    spends = head[head["measure"] == "ad spend"]
    if not len(spends):
        return None
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
    amounts = say.listing(per_currency, escape=False)
    conversions = _get(head, "conversions")
    if conversions is None:
        return _("{brand} spent {amounts} on ads").format(brand=b, amounts=amounts)
    return _("{brand} spent {amounts} on ads for {conversions}").format(
        brand=b, amounts=amounts, conversions=say.count(conversions["value"], "conversion")
    )


def _posts_clause(head: pd.DataFrame, b: str) -> str | None:
    posts = _get(head, "posts")
    if posts is None:
        return None
    n = say.count(posts["value"], "post")
    eng, rate = _get(head, "engagements"), _get(head, "engagement rate on reach")
    if eng is None:
        return _("{brand} published {posts}").format(brand=b, posts=n)
    if not say.is_number(eng["value"]):
        return _("{brand} published {posts} (their engagements are not reported)").format(
            brand=b, posts=n
        )
    earned = say.count(eng["value"], "engagement")
    if rate is None:
        return _("{brand} published {posts} that earned {engagements}").format(
            brand=b, posts=n, engagements=earned
        )
    if not say.is_number(rate["value"]):
        return _(
            "{brand} published {posts} that earned {engagements} (engagement rate on reach "
            "not measurable: the posts report no reach)"
        ).format(brand=b, posts=n, engagements=earned)
    return _("{brand} published {posts} that earned {engagements} ({rate} of reach)").format(
        brand=b, posts=n, engagements=earned, rate=say.pct(rate["value"], 1)
    )


def _comments_clauses(head: pd.DataFrame, sla: str) -> list[str]:
    comments = _get(head, "customer comments")
    if comments is None:
        return []
    left = say.count(comments["value"], "comment")
    net = _get(head, "net sentiment")
    if net is None:
        out = [_("customers left {comments}").format(comments=left)]
    else:
        out = [
            _("customers left {comments} with a net sentiment of **{net}**").format(
                comments=left, net=say.signed_pct(net["value"], 1)
            )
        ]
    answered = _get(head, "answered")
    if answered is not None:
        within = _get(head, "answered within the SLA")
        if within is not None and sla:
            out.append(
                _("the brand answered {share} of them ({within} within {sla})").format(
                    share=whole(answered["value"]), within=whole(within["value"]),
                    sla=say.esc(say.duration(sla)),
                )
            )  # fmt: skip
        else:
            out.append(
                _("the brand answered {share} of them").format(share=whole(answered["value"]))
            )
    return out


def _mentions_clause(head: pd.DataFrame, b: str) -> str | None:
    mentions = _get(head, "mentions")
    if mentions is None:
        return None
    times = say.count(mentions["value"], "time")
    sov = _get(head, "share of voice")
    if sov is None:
        return _("{brand} was mentioned {times}").format(brand=b, times=times)
    brands = head.attrs.get("brands", [])
    return _(
        "{brand} was mentioned {times}, **{share}** of the mentions of the {count} brands "
        "tracked ({brands})"
    ).format(
        brand=b, times=times, share=whole(sov["value"]), count=say.count(len(brands)),
        brands=say.listing(brands),
    )  # fmt: skip


def _followers_clause(head: pd.DataFrame, b: str) -> str | None:
    followers = _get(head, "followers")
    if followers is None:
        return None
    on = head.attrs.get("follower_platforms", [])
    fields = {"brand": b, "platforms": say.platforms(on),
              "followers": say.count(followers["value"], "follower")}  # fmt: skip
    change = _get(head, "follower change")
    if change is not None and say.is_number(change["value"]):
        fields["change"] = i18n.number(round(float(change["value"])), 0, signed=True)
        if on:
            template = _(
                "{brand}'s accounts on {platforms} had {followers} at the end ({change} over "
                "the period)"
            )
        else:
            template = _("{brand}'s accounts had {followers} at the end ({change} over the period)")
    elif on:
        template = _("{brand}'s accounts on {platforms} had {followers} at the end")
    else:
        template = _("{brand}'s accounts had {followers} at the end")
    return template.format(**fields)


def _views_clause(head: pd.DataFrame, b: str) -> str | None:
    views = _get(head, "views")
    if views is None:
        return None
    on = head.attrs.get("view_platforms", [])
    fields = {"brand": b, "platforms": say.platforms(on),
              "views": say.count(views["value"], "view")}  # fmt: skip
    per_day = _get(head, "views per day")
    if per_day is not None:
        fields["per_day"] = say.count(per_day["value"])
        if on:
            template = _("{brand}'s accounts on {platforms} had {views} ({per_day} a day)")
        else:
            template = _("{brand}'s accounts had {views} ({per_day} a day)")
    elif on:
        template = _("{brand}'s accounts on {platforms} had {views}")
    else:
        template = _("{brand}'s accounts had {views}")
    return template.format(**fields)


def _sessions_clause(head: pd.DataFrame, filter_text: str) -> str | None:
    sessions = _get(head, "web sessions")
    if sessions is None:
        return None
    if filter_text and filter_text != _("all platforms"):
        site = _(
            "the website (all its traffic: sessions have no platform, so the filter on "
            "{filter} does not apply to them)"
        ).format(filter=filter_text)
    else:
        site = _("the website")
    had = say.count(sessions["value"], "session")
    web_conv = _get(head, "web conversions")
    if web_conv is None:
        return _("{site} had {sessions}").format(site=site, sessions=had)
    converted = say.count(web_conv["value"], "conversion")
    rate = _get(head, "web conversion rate")
    if rate is None:
        return _("{site} had {sessions} and {conversions}").format(
            site=site, sessions=had, conversions=converted
        )
    return _("{site} had {sessions} and {conversions} ({rate} of sessions)").format(
        site=site, sessions=had, conversions=converted, rate=say.pct(rate["value"], 1)
    )


def headline(head: pd.DataFrame, brand: str, *, sla: str = "", filter_text: str = "") -> str:
    """One paragraph of the headline numbers (Markdown), from :func:`smmnb.insights.headline_kpis`.

    Money is written per currency; a rate whose denominator is missing reads "not
    measurable"; share of voice appears only when the table holds it (mentions of two or
    more brands). ``filter_text`` is the platform filter in words (:func:`filter_words`).
    """
    b = say.esc(brand)
    parts = [
        _spend_clause(head, b),
        _posts_clause(head, b),
        *_comments_clauses(head, sla),
        _mentions_clause(head, b),
        _followers_clause(head, b),
        _views_clause(head, b),
        _sessions_clause(head, filter_text),
    ]
    parts = [p for p in parts if p]
    if not parts:
        return ""
    return _("In the period {clauses}.").format(clauses="; ".join(parts))


def currencies_apart(currencies: Sequence[str]) -> str:
    """Why money is shown per currency (several currencies and no exchange rate)."""
    return _(
        "Ad money is shown per currency ({currencies}): the ads are in several currencies and "
        "the folder gives no exchange rate between them (fx in smmnb.yml), so amounts are never "
        "added across currencies."
    ).format(currencies=say.listing(currencies))


def other_currency(found: str, currency: str) -> str:
    """Why ad money is not in the reporting currency."""
    return _(
        "The ads are in {found}, not in the reporting currency {currency}, and smmnb.yml gives "
        "no exchange rate: ad money is shown in {found}."
    ).format(found=say.esc(found), currency=say.esc(currency))


def conversion_note(note: str) -> str:
    """A currency conversion made while reading (``Workspace.money_notes``), as a sentence."""
    text = str(note).strip().rstrip(".")
    return _("Ad money converted while reading: {note}.").format(note=say.esc(text))


def nothing_in_period(brand: str, start, end) -> str:
    """The fallback sentence when the period holds no data of the brand."""
    return say.needs(
        _("The executive summary"),
        _(
            "ads, posts, comments, mentions, followers or web sessions of {brand} in the period"
        ).format(brand=brand),
        _("this folder has none from {start} to {end}").format(
            start=say.day(start), end=say.day(end)
        ),
    )


# --------------------------------------------------------------------------------------------
# targets


def _names(platform, campaign) -> tuple[str | None, str | None]:
    platform = platform if isinstance(platform, str) and platform else None
    campaign = campaign if isinstance(campaign, str) and campaign else None
    return (
        platform_name(platform) if platform else None,
        say.esc(campaign) if campaign else None,
    )


def scope_words(platform, campaign) -> str:
    """Where a target applies: ``TikTok``, ``the Back to School campaign``, ``all platforms``."""
    platform, campaign = _names(platform, campaign)
    if campaign and platform:
        return _("the {campaign} campaign on {platform}").format(
            campaign=campaign, platform=platform
        )
    if campaign:
        return _("the {campaign} campaign (all platforms)").format(campaign=campaign)
    if platform:
        return platform
    return _("all platforms")


def _scope_for(platform, campaign) -> str:
    """``for TikTok``, ``for the X campaign on TikTok``, ``for all platforms``: a target's."""
    platform, campaign = _names(platform, campaign)
    if campaign and platform:
        return pgettext("target scope", "for the {campaign} campaign on {platform}").format(
            campaign=campaign, platform=platform
        )
    if campaign:
        return pgettext("target scope", "for the {campaign} campaign (all platforms)").format(
            campaign=campaign
        )
    if platform:
        return pgettext("target scope", "for {platform}").format(platform=platform)
    return pgettext("target scope", "for all platforms")


def _scope_on(platform, campaign) -> str:
    """``on TikTok``, ``on the X campaign on TikTok``, ``on all platforms``: where to act."""
    platform, campaign = _names(platform, campaign)
    if campaign and platform:
        return pgettext("target scope", "on the {campaign} campaign on {platform}").format(
            campaign=campaign, platform=platform
        )
    if campaign:
        return pgettext("target scope", "on the {campaign} campaign (all platforms)").format(
            campaign=campaign
        )
    if platform:
        return pgettext("target scope", "on {platform}").format(platform=platform)
    return pgettext("target scope", "on all platforms")


def _status_words(status: str) -> str:
    words = {
        "on_track": pgettext("target status", "on track"),
        "at_risk": pgettext("target status", "at risk"),
        "off_track": pgettext("target status", "off track"),
    }
    return words.get(str(status), str(status).replace("_", " "))


def targets_summary(sc: pd.DataFrame, filter_text: str) -> str:
    """How many targets are on track, at risk, off track, not measurable or not paced.

    ``sc`` is :func:`smmnb.insights.target_scorecard`: targets for all platforms under a
    filter (``covers_all``) and money targets in another currency than the ads are listed,
    not paced, and the sentence says why. ``filter_text``: the filter in words.
    """
    s = sc["status"].astype("str")
    n = len(s)
    on, risk, off, no_data = (
        int((s == k).sum()) for k in ("on_track", "at_risk", "off_track", "no_data")
    )
    paced = on + risk + off
    if paced:
        text = ngettext(
            "**{on} of {count} target is on track**; {risk} at risk, {off} off track.",
            "**{on} of {count} targets are on track**; {risk} at risk, {off} off track.",
            paced,
        ).format(on=say.count(on), count=say.count(paced), risk=say.count(risk),
                 off=say.count(off))  # fmt: skip
    else:
        text = ngettext(
            "None of the {count} target can be scored here.",
            "None of the {count} targets can be scored here.",
            n,
        ).format(count=say.count(n))
    sentences = [text]
    if no_data:
        sentences.append(
            ngettext(
                "{count} target has no data yet to be scored.",
                "{count} targets have no data yet to be scored.",
                no_data,
            ).format(count=say.count(no_data))
        )
    covers_all = sc["covers_all"].fillna(False).astype(bool) if "covers_all" in sc else None
    n_all = int(covers_all.sum()) if covers_all is not None else 0
    if n_all:
        sentences.append(
            ngettext(
                "{count} target covers all platforms and is not paced under the filter on "
                "{filter}: the filtered actuals are only part of what it covers.",
                "{count} targets cover all platforms and are not paced under the filter on "
                "{filter}: the filtered actuals are only part of what they cover.",
                n_all,
            ).format(count=say.count(n_all), filter=filter_text)
        )
    money = (s == "not_paced") & sc["kpi"].astype("str").isin(MONEY_KPIS)
    if covers_all is not None:
        money &= ~covers_all
    if money.any():
        sentences.append(
            money_unknown_targets(
                int(money.sum()), sc.attrs.get("ads_currencies", []), sc.attrs.get("currency", "")
            )
        )
    return " ".join(sentences)


def money_unknown_targets(n: int, currencies: Sequence[str], currency: str) -> str:
    """Why money targets (spend, CPA...) are not paced."""
    if len(currencies) > 1:
        why = _(
            "the ads are in {currencies} and smmnb.yml gives no exchange rate, so their amounts "
            "cannot be added"
        ).format(currencies=say.listing(currencies))
    else:
        why = _(
            "the targets are in {currency} and the ads in {currencies}, with no exchange rate "
            "in smmnb.yml"
        ).format(currency=say.esc(currency), currencies=say.listing(currencies))
    return ngettext(
        "{count} money target (spend, CPA, CPC, CPM) is not paced: {why}.",
        "{count} money targets (spend, CPA, CPC, CPM) are not paced: {why}.",
        n,
    ).format(count=say.count(n), why=why)


def _limit(r, value: str) -> str:
    """``a target of X``, ``a ceiling of X`` (a lower-is-better KPI), ``a budget of X``."""
    if r.direction != "lower":
        return _("a target of {value}").format(value=value)
    if str(r.kpi) == "spend":
        return _("a budget of {value}").format(value=value)
    return _("a ceiling of {value}").format(value=value)


_TOTAL_KPIS = frozenset(
    {"followers", "reach", "impressions", "engagements", "clicks", "conversions", "spend",
     "sessions"}
)  # fmt: skip
"""KPIs that add up over the period (forecast to its end), unlike rates and ratios."""


def target_finding(r, currency: str, as_of=None) -> str:
    """One target at risk or off track, with its numbers (``r`` is a scorecard row).

    ``as_of`` is the day it was scored on (None: "now").
    """
    kpi = str(r.kpi)
    v = lambda x: kpi_value(kpi, x, currency)  # noqa: E731
    fields = {
        "label": kpi_label(kpi),
        "scope": _scope_for(r.platform, r.campaign),
        "status": _status_words(r.status),
        "target": _limit(r, v(r.target)),
        "end": say.day(r.period_end),
        "low": v(r.ci_low),
        "high": v(r.ci_high),
        "expected": v(r.expected),
        "forecast": v(r.forecast),
        "by": (_("by {day}").format(day=say.day(as_of)) if as_of is not None else _("by now")),
    }
    if kpi in _TOTAL_KPIS:
        if kpi == "followers":  # a level, not a sum since the start
            fields["actual"] = v(r.actual)
        else:
            fields["actual"] = _("{value} since {day}").format(
                value=v(r.actual), day=say.day(r.period_start)
            )
        if r.elapsed >= 1:
            template = _(
                "The {label} target {scope} ended {status}: {actual} against {target} on {end}."
            )
            fields["actual"] = v(r.actual)
        else:
            template = _(
                "The {label} target {scope} is {status}: {actual} against {expected} expected "
                "{by}; the trend leads to about {forecast} (95% interval {low} to {high}) "
                "against {target} on {end}."
            )
    else:
        fields["actual"] = v(r.actual)
        template = _(
            "The {label} target {scope} is {status}: {actual} {by} (95% interval {low} to "
            "{high}) against {target} for the period ending {end}."
        )
    return template.format(**fields)


def target_title(r) -> str:
    """A short title for one target at risk or off track (a slide's)."""
    return _upper_first(
        _("{label} target {scope}: {status}").format(
            label=kpi_label(str(r.kpi)), scope=_scope_for(r.platform, r.campaign),
            status=_status_words(r.status),
        )
    )  # fmt: skip


def target_action(r, currency: str) -> str:
    """What to do about one target at risk or off track; respects its direction."""
    kpi = str(r.kpi)
    v = lambda x: kpi_value(kpi, x, currency)  # noqa: E731
    fields = {
        "label": kpi_label(kpi),
        "scope": _scope_on(r.platform, r.campaign),
        "target": v(r.target),
        "forecast": v(r.forecast),
        "gap": v(abs(float(r.target) - float(r.forecast))),
        "end": say.day(r.period_end),
    }
    if r.elapsed >= 1:
        template = _(
            "Review with the team why {label} {scope} missed its target of {target} before "
            "setting the next one."
        )
    elif kpi == "spend" and r.direction == "lower":
        template = _(
            "Slow spending {scope}: at the current rate it ends about {gap} over its budget of "
            "{target} by {end}; lower daily budgets or pause the weakest ads, or agree a larger "
            "budget with management."
        )
    elif kpi == "spend":
        template = _(
            "Spending {scope} is behind plan: about {gap} of {target} would be left unspent by "
            "{end}; raise daily budgets on the best ads, or release the money."
        )
    elif kpi in _COST_KPIS or r.direction == "lower" and kpi in _PERCENT_KPIS | _RATIO_KPIS:
        template = _(
            "Bring {label} {scope} from {forecast} down to {target} or less: move budget to the "
            "ads and audiences with the lowest {label}, or reset the target with management."
        )
    elif kpi == "response_rate":
        template = _(
            "Answer more customer comments {scope} ({forecast} answered against a target of "
            "{target}): a daily check and saved answers to common questions."
        )
    elif kpi == "net_sentiment":
        template = _(
            "Lift net sentiment {scope} from {forecast} towards {target}: fix what customers "
            "complain about most and answer complaints publicly."
        )
    elif kpi in _PERCENT_KPIS | _RATIO_KPIS:
        template = _(
            "Raise {label} {scope} from {forecast} towards {target}: test new creatives, offers "
            "and audiences, or reset the target with management."
        )
    elif r.direction == "lower":
        template = _(
            "Bring {label} {scope} down by about {gap} to stay under {target} by {end}, or reset "
            "the target with management."
        )
    else:
        template = _(
            "Close the gap of about {gap} {label} {scope} by {end}: more content and paid "
            "support there, or reset the target with management."
        )
    return template.format(**fields)


# --------------------------------------------------------------------------------------------
# findings of the other rules


def spike_finding(brand: str, day, count, baseline, terms: Sequence[str]) -> str:
    """A day when the brand's mentions jumped."""
    fields = {"brand": say.esc(brand), "day": say.day(day), "count": say.count(count),
              "terms": say.listing(terms)}  # fmt: skip
    if say.is_number(baseline) and float(baseline) >= 1:
        fields["usual"] = say.count(baseline)
        fields["ratio"] = say.number(float(count) / float(baseline), 1)
        if len(terms):
            template = _(
                "Mentions of {brand} spiked on {day}: {count} against a usual {usual} on that "
                "weekday ({ratio}x the usual), about {terms}."
            )
        else:
            template = _(
                "Mentions of {brand} spiked on {day}: {count} against a usual {usual} on that "
                "weekday ({ratio}x the usual)."
            )
    elif len(terms):
        template = _(
            "Mentions of {brand} spiked on {day}: {count} against almost none on a usual day, "
            "about {terms}."
        )
    else:
        template = _(
            "Mentions of {brand} spiked on {day}: {count} against almost none on a usual day."
        )
    return template.format(**fields)


def spike_title(day) -> str:
    """A short title for a mention spike."""
    return _("Mentions spiked on {day}").format(day=say.day(day))


def spike_action() -> str:
    """What to do after a mention spike."""
    return _(
        "Prepare a public answer and a holding statement for the next incident; check what "
        "caused this one with operations."
    )


def unanswered_finding(
    platform: str, rate, questions, median_hours, others_rate, others: Sequence[str],
    within_sla=None, sla: str = "",
) -> str:  # fmt: skip
    """A platform where customers' questions go unanswered, against the other platforms."""
    fields = {
        "platform": platform_name(platform),
        "share": whole(rate),
        "questions": say.count(questions, "customer question"),
        "others_share": whole(others_rate),
        "others": say.platforms(others),
        "hours": say.number(median_hours, 1),
        "within": whole(within_sla),
        "sla": say.esc(say.duration(sla)),
    }
    if say.is_number(median_hours) and sla and say.is_number(within_sla):
        template = _(
            "On {platform}, only {share} of {questions} were answered (median reply after "
            "{hours} h; {within} within {sla}), against {others_share} on {others}."
        )
    elif say.is_number(median_hours):
        template = _(
            "On {platform}, only {share} of {questions} were answered (median reply after "
            "{hours} h), against {others_share} on {others}."
        )
    else:
        template = _(
            "On {platform}, only {share} of {questions} were answered, against {others_share} "
            "on {others}."
        )
    return template.format(**fields)


def unanswered_title(platform: str) -> str:
    """A short title for customers' questions left unanswered on a platform."""
    return _("Customers' questions go unanswered on {platform}").format(
        platform=platform_name(platform)
    )


def unanswered_action(platform: str) -> str:
    """What to do about unanswered questions on a platform."""
    return _(
        "Staff {platform} replies: a daily check and saved answers to common questions."
    ).format(platform=platform_name(platform))


def gap_finding(label: str, negative, share, comments, change=None, significant=None) -> str:
    """Customers' biggest complaint, and whether it grew."""
    fields = {
        "theme": say.esc(label),
        "negative": say.count(negative, "negative comment"),
        "share": whole(share),
        "comments": say.count(comments, "comment"),
        "points": say.points(change),
    }
    if say.is_number(change) and significant and float(change) > 0:
        template = _(
            "{theme} is customers' biggest complaint: {negative} ({share} of the {comments} "
            "about it); its negative share rose {points} against the previous period (a "
            "significant rise)."
        )
    elif say.is_number(change):
        template = _(
            "{theme} is customers' biggest complaint: {negative} ({share} of the {comments} "
            "about it); not significantly different from the previous period."
        )
    else:
        template = _(
            "{theme} is customers' biggest complaint: {negative} ({share} of the {comments} "
            "about it)."
        )
    return template.format(**fields)


def gap_title(label: str) -> str:
    """A short title for customers' biggest complaint."""
    return _("Customers' biggest complaint: {theme}").format(theme=say.esc(label))


def gap_action(label: str) -> str:
    """What to do about the biggest complaint."""
    return _("Give {theme} an owner and a fix date; answer its comments publicly.").format(
        theme=say.esc(label.lower())
    )


def creative_finding(
    campaign: str, ad: str, rate, others_rate, lift, where: str, metric: str = "CTR"
) -> str:
    """An ad whose rate is significantly above the rest of its campaign.

    ``where``: the platform filter in words (:func:`filter_words`).
    """
    return _(
        "In {campaign} ({where}), {ad} gets a {metric} of {rate} against {others} for the "
        "campaign's other ads ({lift}, significant after adjusting for the number of ads "
        "tested)."
    ).format(
        campaign=say.esc(campaign), where=where, ad=say.esc(ad), metric=metric,
        rate=say.pct(rate, 2), others=say.pct(others_rate, 2), lift=say.signed_pct(lift),
    )  # fmt: skip


def creative_title(campaign: str, ad: str) -> str:
    """A short title for an ad that beats the rest of its campaign."""
    return _("{ad} beats the other ads of {campaign}").format(
        ad=say.esc(ad), campaign=say.esc(campaign)
    )


def creative_action(campaign: str, ad: str) -> str:
    """What to do with a winning ad."""
    return _("Move the {campaign} budget towards {ad} and brief new creatives like it.").format(
        campaign=say.esc(campaign), ad=say.esc(ad)
    )


def influencer_finding(
    name: str, campaign: str, followers, cpe, ratio, best: str, best_cpe, er, currency: str
) -> str:
    """An influencer who cost much per engagement with engagement far below peers."""
    return _(
        "{name} ({followers}) cost {cpe} per engagement in {campaign}, {ratio}x {best} "
        "({best_cpe}); engagement was {rate} of impressions, far below comparable partners."
    ).format(
        name=say.esc(name), followers=say.count(followers, "follower"),
        cpe=say.money(cpe, currency), campaign=say.esc(campaign), ratio=say.number(ratio, 0),
        best=say.esc(best), best_cpe=say.money(best_cpe, currency), rate=say.pct(er, 1),
    )  # fmt: skip


def influencer_title(name: str) -> str:
    """A short title for an influencer to check."""
    return _("{name} cost far more per engagement than other partners").format(name=say.esc(name))


def influencer_action(name: str, best: str) -> str:
    """What to do about an influencer flagged for a check."""
    return _("Check {name}'s audience before rebooking; favour partners like {best}.").format(
        name=say.esc(name), best=say.esc(best)
    )


def emerging_finding(term: str, count, recent: tuple, growth, baseline: tuple) -> str:
    """A term whose share of mentions rose significantly."""
    first, last = recent
    b_first, b_last = baseline
    days = (pd.Timestamp(last) - pd.Timestamp(first)).days + 1
    b_days = (pd.Timestamp(b_last) - pd.Timestamp(b_first)).days + 1
    return _(
        "'{term}' is rising in the mentions of the brands tracked: {count} in the {days} days "
        "to {last}, {ratio}x its share of mentions in the {baseline_days} days before "
        "(significant)."
    ).format(
        term=say.esc(term), count=say.count(count, "mention"), days=say.count(days),
        last=say.day(last), ratio=say.number(growth, 1), baseline_days=say.count(b_days),
    )  # fmt: skip


def emerging_title(term: str) -> str:
    """A short title for a rising term."""
    return _("'{term}' is rising in the mentions").format(term=say.esc(term))


def emerging_action(term: str) -> str:
    """What to do about a rising term."""
    return _("Join the conversation around '{term}' while it is growing.").format(
        term=say.esc(term)
    )


def slot_words(weekday: int, hour: int) -> str:
    """A weekly publication slot: ``Mon 19:00`` / ``Thứ 2 19:00``."""
    return _("{weekday} {hour}:00").format(
        weekday=i18n.day_name(int(weekday), "abbreviated"), hour=f"{int(hour):02d}"
    )


def best_time_finding(slots: Sequence[str], index, where: str) -> str:
    """The publication slots that did best against comparable posts (:func:`slot_words`).

    ``where``: the platform filter in words (:func:`filter_words`).
    """
    return _(
        "Posts on {where} published at {slots} got {ratio}x the engagement rate of comparable "
        "posts (same platform and format); this is observational."
    ).format(where=where, slots=say.listing(slots), ratio=say.number(index, 2))


def best_time_title(where: str) -> str:
    """A short title for the best publication slots."""
    return _("The best times to post ({where})").format(where=where)


def best_time_action() -> str:
    """What to do with the best slots."""
    return _("Schedule the week's strongest posts in these slots and compare the next month.")


def formats_finding(fmt: str, platform: str, lift, others: int) -> str:
    """A format that beats images significantly on a platform."""
    fields = {
        "format": format_name(fmt),
        "platform": platform_name(platform),
        "ratio": say.number(lift, 2),
        "others": say.count(others, "other platform"),
    }
    if others > 0:
        template = _(
            "{format} posts on {platform} get {ratio}x the engagement rate of images there (a "
            "significant difference); a format beats images significantly on {others} too."
        )
    else:
        template = _(
            "{format} posts on {platform} get {ratio}x the engagement rate of images there (a "
            "significant difference)."
        )
    return _upper_first(template.format(**fields))


def formats_title(fmt: str, platform: str) -> str:
    """A short title for a format that beats images on a platform."""
    return _upper_first(
        _("{format} posts beat images on {platform}").format(
            format=format_name(fmt), platform=platform_name(platform)
        )
    )


def formats_action(fmt: str, platform: str) -> str:
    """What to do with a winning format."""
    return _(
        "Shift the {platform} content mix towards {format} posts, where they beat images."
    ).format(platform=platform_name(platform), format=format_name(fmt))


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
    if len(platforms):
        source = _("organic social from {platforms}").format(platforms=say.platforms(platforms))
    else:
        source = _("organic social")
    fields = {
        "campaign": say.esc(campaign), "first": say.day(first), "last": say.day(last),
        "source": source, "effect": say.count(effect, "web session"),
        "rel": say.signed_pct(rel), "low": say.count(low), "high": say.count(high),
    }  # fmt: skip
    if not len(overlapping):
        return _(
            "During {campaign} ({first} to {last}) {source} brought {effect} more than expected "
            "({rel}; 95% interval {low} to {high}), a significant lift."
        ).format(**fields)
    fields["others"] = say.listing(overlapping)
    if compared_from is not None:
        fields["since"] = say.day(compared_from)
        template = ngettext(
            "During {campaign} ({first} to {last}) {source} brought {effect} more than expected "
            "({rel}; 95% interval {low} to {high}), a significant lift; {others} also started "
            "or stopped from {since} to {last}, the days compared, so the lift may be its too.",
            "During {campaign} ({first} to {last}) {source} brought {effect} more than expected "
            "({rel}; 95% interval {low} to {high}), a significant lift; {others} also started "
            "or stopped from {since} to {last}, the days compared, so the lift may be theirs too.",
            len(overlapping),
        )
    else:
        template = ngettext(
            "During {campaign} ({first} to {last}) {source} brought {effect} more than expected "
            "({rel}; 95% interval {low} to {high}), a significant lift; {others} also started "
            "or stopped meanwhile to {last}, the days compared, so the lift may be its too.",
            "During {campaign} ({first} to {last}) {source} brought {effect} more than expected "
            "({rel}; 95% interval {low} to {high}), a significant lift; {others} also started "
            "or stopped meanwhile to {last}, the days compared, so the lift may be theirs too.",
            len(overlapping),
        )
    return template.format(**fields)


def lift_title(campaign: str) -> str:
    """A short title for a campaign's lift of web sessions from social."""
    return _("{campaign} brought more web sessions from social").format(campaign=say.esc(campaign))


def lift_action(campaign: str, effect, overlapping: Sequence[str] = ()) -> str:
    """What to do after a campaign with a real lift (shared when others ran at once)."""
    fields = {"campaign": say.esc(campaign), "effect": say.count(effect, "session"),
              "others": say.listing(overlapping)}  # fmt: skip
    if len(overlapping):
        return ngettext(
            "Before repeating the {campaign} mechanics, check that {others}, which also started "
            "or stopped in those weeks, does not explain the extra {effect} from social.",
            "Before repeating the {campaign} mechanics, check that {others}, which also started "
            "or stopped in those weeks, do not explain the extra {effect} from social.",
            len(overlapping),
        ).format(**fields)
    return _("Repeat the {campaign} mechanics: it added about {effect} from social.").format(
        **fields
    )


# --------------------------------------------------------------------------------------------
# the page


_KINDS = {"risk": N_("Risk"), "opportunity": N_("Opportunity"), "context": N_("Context")}
_AREAS = {
    "targets": N_("targets"),
    "listening": N_("listening"),
    "customers": N_("customers"),
    "campaigns": N_("campaigns"),
    "influencers": N_("influencers"),
    "trends": N_("trends"),
    "calendar": N_("content calendar"),
    "search": N_("search"),
}
"""How a finding's kind and area (codes) read in its heading."""


def finding_heading(kind: str, area: str) -> str:
    """A finding's kind and area as its heading reads them: ``Risk (targets)``."""
    kind_words = _(_KINDS.get(str(kind), _KINDS["context"]))
    area_words = _(_AREAS[area]) if area in _AREAS else say.esc(area)
    return _("{kind} ({area})").format(kind=kind_words, area=area_words)


def findings_page(found: pd.DataFrame, top: int) -> str:
    """The first ``top`` findings as a numbered list, then the others (Markdown)."""
    if found is None or found.empty:
        return _(NO_FINDINGS)
    top = max(int(top), 1)
    lines = [
        f"{r.rank}. **{finding_heading(r.kind, r.area)}.** {r.text}"
        for r in found.head(top).itertuples()
    ]
    rest = found.iloc[top:]
    for kind, title in (("risk", _("Other risks:")), ("opportunity", _("Other opportunities:"))):
        some = rest[rest["kind"] == kind]
        if len(some):
            lines += ["", title, ""] + [f"- {r.text}" for r in some.itertuples()]
    return "\n".join(lines)


def action_list(found: pd.DataFrame, n: int) -> str:
    """The first ``n`` distinct actions, in the order of their findings (Markdown)."""
    if found is None or found.empty:
        return _(NO_ACTIONS)
    actions = list(dict.fromkeys(found["action"]))[: max(int(n), 1)]
    numbered = "\n".join(f"{i}. {a}" for i, a in enumerate(actions, 1))
    return _("**What to do next:**") + "\n\n" + numbered
