"""Sentences of the campaign-performance notebook (02): targets, budget, spend, creatives...

Each function takes the frames of :mod:`smmnb.campaigns` (or :func:`smmnb.metrics.kpis`) and
returns Markdown in the report language (templates from the gettext catalog
``smmnb/locale/<language>/campaigns.po``; numbers, money and dates from CLDR). None prints
``nan``: a missing figure is left out or reads "not measurable"; a comparison needs two
different things to compare; money carries its currency (the ads' own, one sentence per
currency when the ads hold several); spend and budget advice follows the KPI's direction (an
overspent budget is told to slow down, never to spend more).

The analyses return codes (``on_track``, ``better``, ``Organic Social``, ``organic``); the
``*_table`` functions and the sentences show them in the report language, for display only.

:func:`require` and :func:`require_rows` raise :class:`~smmnb.errors.InsufficientData` with a
sentence from :func:`smmnb.narrative.needs`, for sections whose data are missing.
"""

from __future__ import annotations

import pandas as pd

from smmnb import i18n
from smmnb import names as _names
from smmnb.campaigns.creatives import REST
from smmnb.campaigns.targets import ALL_PLATFORMS_NOTE
from smmnb.errors import InsufficientData
from smmnb.formatting import p_value
from smmnb.i18n import N_, _, ngettext, pgettext
from smmnb.narrative import (
    count,
    day,
    esc,
    is_number,
    listing,
    money,
    needs,
    number,
    pct,
    period,
    signed_pct,
    times,
)
from smmnb.narrative import missing as _not_measurable
from smmnb.narrative import platforms as platform_list

__all__ = [
    "budget_summary",
    "budget_table",
    "channel_name",
    "creative_summary",
    "creative_table",
    "found",
    "funnel_summary",
    "influencer_summary",
    "kpi_label",
    "kpi_value",
    "lift_summary",
    "money_columns",
    "money_note",
    "paid_organic_summary",
    "paid_organic_table",
    "platform_name",
    "recommendations",
    "require",
    "require_comparison",
    "require_rows",
    "scorecard_summary",
    "scorecard_table",
    "search_demand_summary",
    "search_demand_table",
    "search_gaps_summary",
    "search_gaps_table",
    "search_lift_summary",
    "search_lift_title",
    "search_movers_caption",
    "search_movers_summary",
    "search_movers_table",
    "spend_summary",
    "status_name",
    "web_summary",
    "web_table",
    "where",
]

_GENERIC_SOURCES = {"web": N_("the web"), "news": N_("news sites"), "forum": N_("forums")}
"""Sources that are no platform, as a sentence names them mid-sentence."""

_PERCENT = {"er_reach", "ctr", "cvr", "response_rate"}
_MONEY = {"spend", "cpa", "cpc", "cpm"}
_RATES = {"er_reach", "ctr", "cvr", "cpa", "roas", "cpc", "cpm", "response_rate", "net_sentiment"}
_WHOLE_CURRENCIES = {"VND", "JPY", "KRW", "IDR"}
_BEHIND = ("at_risk", "off_track")
_RAISE = {
    "ctr": N_("refresh the creatives and move spend to the ads that get clicked"),
    "er_reach": N_("post more of the formats and topics that engage"),
    "roas": N_("move spend to the campaigns with the best ROAS"),
    "response_rate": N_("answer more customer comments, starting with questions"),
    "net_sentiment": N_("fix and answer what the negative comments are about"),
}
_STATUS = {
    "on_track": N_("on track"),
    "at_risk": N_("at risk"),
    "off_track": N_("off track"),
    "no_data": N_("no data"),
    "not_paced": N_("not paced"),
}
"""The scorecard's status codes as a table shows them (the codes themselves never change)."""

_DIRECTION = {"lower": N_("lower is better"), "higher": N_("higher is better")}
_VERDICTS = {
    "better": N_("better"),
    "worse": N_("worse"),
    "no clear difference": N_("no clear difference"),
    "too few to test": N_("too few to test"),
}
"""The verdicts of :func:`smmnb.campaigns.creative_tests` as a table shows them."""

_POST_TYPES = {"organic": N_("organic"), "boosted": N_("boosted"), "ads": N_("ads")}
_POST_KINDS = {"organic": N_("organic posts"), "boosted": N_("boosted posts")}

_CHANNELS = {
    "Direct": N_("Direct"),
    "Cross-network": N_("Cross-network"),
    "Paid Shopping": N_("Paid Shopping"),
    "Paid Search": N_("Paid Search"),
    "Paid Social": N_("Paid Social"),
    "Paid Video": N_("Paid Video"),
    "Display": N_("Display"),
    "Paid Other": N_("Paid Other"),
    "Organic Shopping": N_("Organic Shopping"),
    "Organic Social": N_("Organic Social"),
    "Organic Video": N_("Organic Video"),
    "Organic Search": N_("Organic Search"),
    "Email": N_("Email"),
    "Affiliates": N_("Affiliates"),
    "Referral": N_("Referral"),
    "Audio": N_("Audio"),
    "SMS": N_("SMS"),
    "Mobile Push Notifications": N_("Mobile Push Notifications"),
    "Unassigned": N_("Unassigned"),
}
"""GA4's default channel groups (:data:`smmnb.campaigns.CHANNEL_GROUPS`) in the report language."""

_ANALYSES = {
    "spend": N_("Spending by campaign"),
    "funnel": N_("The funnel by platform"),
    "paid_organic": N_("Comparing paid and organic"),
    "creatives": N_("Testing creatives"),
    "influencers": N_("Comparing influencers"),
    "web": N_("Web traffic from social"),
}
"""The sections of notebook 02 that need rows of one table, as a fallback sentence names them."""

_NEEDS = {
    "ads": N_("ads in the period"),
    "posts": N_("posts in the period"),
    "influencers": N_("influencer partnerships"),
    "web_sessions": N_("web sessions in the period"),
}
_ROWS = {
    "ads": N_("ads"),
    "posts": N_("posts"),
    "influencers": N_("influencer partnerships"),
    "web_sessions": N_("web sessions"),
}
_UNDATED = {"influencers"}
"""Tables whose rows carry no date: they are looked for in the brand's rows of every date."""


def require(ok: bool, analysis: str, need: str, found_text: str = "") -> None:
    """Raise :class:`InsufficientData` (one sentence, see :func:`needs`) unless ``ok``.

    The three parts are already in the report language.
    """
    if not ok:
        raise InsufficientData(needs(analysis, need, found_text))


def require_rows(ctx, section: str, table: str) -> None:
    """Raise :class:`InsufficientData` when ``table`` has no rows for a section of notebook 02.

    ``ctx`` is a :class:`smmnb.notebook.Context`; ``section`` one of ``spend``, ``funnel``,
    ``paid_organic``, ``creatives``, ``influencers``, ``web``; rows are looked for in the
    period (every date for undated tables such as ``influencers``).
    """
    rows = ctx.scope[table] if table in _UNDATED else ctx.ws[table]
    require(len(rows) > 0, _(_ANALYSES[section]), _(_NEEDS[table]), found(ctx, table))


def require_comparison(tests: pd.DataFrame) -> None:
    """Raise :class:`InsufficientData` when no campaign has two ads to compare."""
    require(
        len(tests) > 0,
        _(_ANALYSES["creatives"]),
        _("a campaign with at least two ads"),
        _("every campaign of the period has one ad"),
    )


def found(ctx, table: str, what: str = "") -> str:
    """Where a table's rows are missing, in words: the folder, the brand and filter, or the period.

    ``ctx`` is a :class:`smmnb.notebook.Context`; ``what`` names the rows ("ads"), in the
    report language; by default the table's own words.
    """
    if not what:
        what = _(_ROWS[table]) if table in _ROWS else table.replace("_", " ")
    if ctx.everything[table].empty:
        return _("this folder has none")
    if ctx.scope[table].empty:
        scope = esc(ctx.brand)
        if ctx.platforms:
            scope = _("{brand} on {platforms}").format(
                brand=scope, platforms=platforms_text(ctx.platforms)
            )
        return _("the folder has no {what} for {scope}").format(what=what, scope=scope)
    return _("there are none from {first} to {last}").format(
        first=day(ctx.start), last=day(ctx.end)
    )


def platform_name(platform) -> str:
    """A platform as people write it (``TikTok``); "all platforms" when none is given."""
    if not isinstance(platform, str) or not platform:
        return _("all platforms")
    generic = _GENERIC_SOURCES.get(platform.strip().lower())
    return _(generic) if generic else esc(_names.platform_name(platform))


def platforms_text(platforms) -> str:
    """The platforms of a filter in words: ``TikTok``, ``TikTok and Zalo``."""
    return platform_list(platforms, escape=False)


def channel_name(group: str) -> str:
    """A GA4 channel group (``Organic Social``) in the report language."""
    text = _CHANNELS.get(str(group))
    return _(text) if text else str(group)


def status_name(status: str) -> str:
    """A scorecard status code (``at_risk``) in words, in the report language (``at risk``)."""
    text = _STATUS.get(str(status))
    return _(text) if text else str(status).replace("_", " ")


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _span(first, last) -> str:
    return pgettext("campaigns", "{first} to {last}").format(first=day(first), last=day(last))


def where(platform=None, campaign=None) -> str:
    """What a target covers: ``TikTok``, ``all platforms``, ``Back to School on all platforms``."""
    place = platform_name(platform)
    if isinstance(campaign, str) and campaign:
        return _("{campaign} on {platform}").format(campaign=esc(campaign), platform=place)
    return place


def kpi_label(kpi: str) -> str:
    """A KPI's name in a sentence (``CTR``, ``engagement rate on reach``; :mod:`smmnb.names`)."""
    if str(kpi) in _names.LABELS:
        return _names.label(kpi)
    return esc(kpi)


def kpi_value(kpi: str, value, currency: str, missing: str | None = None) -> str:
    """A KPI's value with its unit: ``1.2%``, ``120,000 VND``, ``2.35`` (ROAS), ``1,234``.

    ``missing`` is what a missing value reads as (default "not measurable", translated).
    """
    if not is_number(value):
        return _not_measurable() if missing is None else missing
    if kpi in _PERCENT:
        return pct(value, 2 if abs(float(value)) < 0.1 else 1)
    if kpi == "net_sentiment":
        return signed_pct(value, 1)
    if kpi in _MONEY:
        return money(value, currency)
    if kpi in ("roas", "roi"):
        return number(value, 2)
    return count(value)


def money_columns(frame: pd.DataFrame, columns, currency: str) -> pd.DataFrame:
    """``frame`` with its money ``columns`` written out for a table, each in its row's currency.

    A row's currency is its ``currency`` column where there is one, else ``currency``: whole
    units for currencies without minor units in practice (VND), two decimals else (a USD CPC
    of 0.52 must not show as 1); blank where missing.
    """
    out = frame.copy()
    codes = (
        frame["currency"].astype("object").where(frame["currency"].notna(), currency)
        if "currency" in frame.columns
        else pd.Series(currency, index=frame.index)
    )
    for column in columns:
        if column in out.columns:
            out[column] = [
                "" if not is_number(v) else number(v, 0 if c in _WHOLE_CURRENCIES else 2)
                for v, c in zip(frame[column], codes, strict=True)
            ]
    return out


def money_note(ws) -> str:
    """One sentence on conversions made (``smmnb.yml`` fx) and one on currencies kept apart."""
    parts = []
    if ws.money_notes:
        parts.append(
            _("Money is in {currency}: {conversions} (exchange rates from smmnb.yml).").format(
                currency=ws.currency, conversions="; ".join(ws.money_notes)
            )
        )
    currencies = ws.currencies
    if len(currencies) > 1:
        parts.append(
            _(
                "Money is shown per currency: the ads are in {currencies} and the folder gives "
                "no exchange rate between them (fx in smmnb.yml), so amounts in different "
                "currencies are never added."
            ).format(currencies=listing(currencies))
        )
    return " ".join(parts)


# --------------------------------------------------------------------------------------------
# targets and budget


def _is_rate(kpi: str) -> bool:
    return kpi in _RATES


def _note(note) -> str:
    """A scorecard or budget note in the report language.

    The analyses write their notes in the report language, except
    :data:`~smmnb.campaigns.ALL_PLATFORMS_NOTE`, which stays a code.
    """
    if not isinstance(note, str) or not note:
        return ""
    return _(ALL_PLATFORMS_NOTE) if note == ALL_PLATFORMS_NOTE else note


def scorecard_table(sc: pd.DataFrame, currency: str) -> pd.DataFrame:
    """The scorecard as a report shows it: values with their units, blanks where missing.

    Cells read in the report language; headers stay codes, which
    :func:`smmnb.formatting.table` labels (:func:`smmnb.names.label`).
    """
    columns = ["target", "actual", "expected", "forecast", "ci_low", "ci_high"]
    out = pd.DataFrame(
        {
            "KPI": [kpi_label(k) for k in sc["kpi"]],
            "covers": [where(p, c) for p, c in zip(sc["platform"], sc["campaign"], strict=True)],
            "direction": [_(_DIRECTION[d]) if d in _DIRECTION else "" for d in sc["direction"]],
        }
    )
    for column in columns:
        out[column] = [
            kpi_value(k, v, currency, missing="")
            for k, v in zip(sc["kpi"], sc[column], strict=True)
        ]
    rate = sc["kpi"].map(_is_rate).astype(bool)
    out["pace"] = [
        "" if r or not is_number(p) else pct(p) for r, p in zip(rate, sc["pace"], strict=True)
    ]
    out["status"] = [status_name(s) for s in sc["status"]]
    out["note"] = [_note(n) for n in sc["note"]]
    return out


def budget_table(pacing: pd.DataFrame) -> pd.DataFrame:
    """Budget pacing as a report shows it (what each budget covers, in words)."""
    covers = [where(p, c) for p, c in zip(pacing["platform"], pacing["campaign"], strict=True)]
    columns = ["period_start", "period_end", "budget", "spent", "planned", "pace", "daily_rate",
               "projected", "over", "days_left"]  # fmt: skip
    out = pacing[columns].copy()
    out.insert(0, "covers", covers)
    out["note"] = [_note(n) for n in pacing["note"]]
    return out


def _points(value: float) -> str:
    """A difference of rates in percentage points, two decimals, never ``-0.00``."""
    text = i18n.number(100 * float(value), 2, signed=True)
    return text[1:] if text[1:] == i18n.number(0, 2) else text


def creative_table(tests: pd.DataFrame, rows: int = 20) -> pd.DataFrame:
    """Creative tests as a report shows them: rates in percent with two decimals."""
    shown = tests.head(rows)

    def rates(values, decimals: int = 2) -> list[str]:
        return ["" if not is_number(v) else pct(v, decimals) for v in values]

    return pd.DataFrame(
        {
            "campaign": shown["group"],
            "ad": shown["ad"],
            "versus": [_(REST) if v == REST else v for v in shown["versus"]],
            "rate": rates(shown["rate"]),
            "versus rate": rates(shown["other_rate"]),
            "difference": [
                "" if not is_number(v) else signed_pct(v, 0 if abs(v) >= 0.1 else 1)
                for v in shown["rel_change"]
            ],
            "95% interval (points)": [
                pgettext("campaigns", "{low} to {high}").format(low=_points(lo), high=_points(hi))
                if is_number(lo) and is_number(hi)
                else ""
                for lo, hi in zip(shown["ci_low"], shown["ci_high"], strict=True)
            ],
            "adjusted p": [p_value(v) if is_number(v) else "" for v in shown["p_holm"]],
            "verdict": [_(_VERDICTS[v]) if v in _VERDICTS else v for v in shown["verdict"]],
        }
    )


def _bound(direction: str, value: str) -> str:
    if direction == "lower":
        return _("a ceiling of {value}").format(value=value)
    return _("a target of {value}").format(value=value)


def _behind_head(status: str, label: str, place: str) -> str:
    if status == "at_risk":
        return _("**{kpi} ({place}) is at risk**").format(kpi=label, place=place)
    return _("**{kpi} ({place}) is off track**").format(kpi=label, place=place)


def scorecard_summary(sc: pd.DataFrame, as_of, currency: str, platforms=()) -> str:
    """Targets on track, each target behind with its numbers, and those not scored or paced.

    ``platforms`` is the platform filter in force (targets for all platforms are then not
    paced; see :func:`smmnb.campaigns.scorecard`).
    """
    scored = sc[~sc["status"].isin(["not_paced", "no_data"])]
    lines = []
    if len(scored) == 1:
        template = (
            _("**The one scored target is on track** on {day}.")
            if scored["status"].iloc[0] == "on_track"
            else _("**The one scored target is not on track** on {day}.")
        )
        lines.append(template.format(day=day(as_of)))
    elif len(scored):
        on = int((scored["status"] == "on_track").sum())
        lines.append(
            ngettext(
                "**{on} of {scored} is on track** on {day}.",
                "**{on} of {scored} are on track** on {day}.",
                on,
            ).format(on=count(on), scored=count(len(scored), "scored target"), day=day(as_of))
        )
    for r in scored[scored["status"].isin(_BEHIND)].itertuples():
        head = _behind_head(r.status, _cap(kpi_label(r.kpi)), where(r.platform, r.campaign))
        value = lambda v, k=r.kpi: kpi_value(k, v, currency)  # noqa: E731
        interval = (
            _(" (95% interval {low} to {high})").format(low=value(r.ci_low), high=value(r.ci_high))
            if is_number(r.ci_low) and is_number(r.ci_high)
            else ""
        )
        bound = _bound(r.direction, value(r.target))
        if _is_rate(r.kpi):
            lines.append(
                _("{head}: {actual} to date{interval}, against {bound}.").format(
                    head=head, actual=value(r.actual), interval=interval, bound=bound
                )
            )
        else:
            pace = _(" (pace {pace})").format(pace=pct(r.pace)) if is_number(r.pace) else ""
            lines.append(
                _(
                    "{head}: {actual} now against {expected} expected by {day}{pace}; the "
                    "forecast for {end} is {forecast}{interval}, against {bound}."
                ).format(
                    head=head,
                    actual=value(r.actual),
                    expected=value(r.expected),
                    day=day(as_of),
                    pace=pace,
                    end=day(r.period_end),
                    forecast=value(r.forecast),
                    interval=interval,
                    bound=bound,
                )
            )
    no_data = sc[sc["status"] == "no_data"]
    if len(no_data):
        names = [
            f"{kpi_label(r.kpi)} ({where(r.platform, r.campaign)})" for r in no_data.itertuples()
        ]
        lines.append(
            _("Not scored, for lack of data up to {day}: {targets}.").format(
                day=day(as_of), targets=listing(names, escape=False)
            )
        )
    unpaced = sc[sc["status"] == "not_paced"]
    for note, rows in unpaced.groupby("note", sort=False):
        names = [
            _("{kpi} of {campaign}").format(kpi=kpi_label(r.kpi), campaign=esc(r.campaign))
            if isinstance(r.campaign, str)
            else kpi_label(r.kpi)
            for r in rows.itertuples()
        ]
        if note == ALL_PLATFORMS_NOTE:
            lines.append(
                ngettext(
                    "{targets} set for all platforms ({names}) is listed but not paced: the data "
                    "of {platforms} alone are only part of what they cover.",
                    "{targets} set for all platforms ({names}) are listed but not paced: the "
                    "data of {platforms} alone are only part of what they cover.",
                    len(rows),
                ).format(
                    targets=count(len(rows), "target"),
                    names=listing(names, escape=False),
                    platforms=platforms_text(platforms) or pgettext("campaigns", "the filter"),
                )
            )
        else:
            lines.append(
                _("Not paced: {targets} ({note}).").format(
                    targets=listing(names, escape=False), note=esc(_note(note))
                )
            )
    return " ".join(lines)


def budget_summary(pacing: pd.DataFrame, as_of, currency: str, platforms=()) -> str:
    """Each budget: spent against the linear plan, and where the current rate ends."""
    lines = []
    filtered = platforms_text(platforms) or _("the filtered platforms")
    for r in pacing.itertuples():
        span = _span(r.period_start, r.period_end)
        place = where(r.platform, r.campaign)
        budget = money(r.budget, currency)
        if r.note:
            if r.note == ALL_PLATFORMS_NOTE:
                lines.append(
                    _(
                        "The budget of {budget} ({span}) covers all platforms: it is not paced "
                        "against the spend on {platforms} alone."
                    ).format(budget=budget, span=span, platforms=filtered)
                )
            else:
                lines.append(
                    _("The budget of {budget} for {place} ({span}) is not paced: {note}.").format(
                        budget=budget, place=place, span=span, note=esc(_note(r.note))
                    )
                )
            continue
        spent = money(r.spent, currency)
        if r.remaining_days <= 0:
            lines.append(
                _(
                    "**{spent} of the {budget} budget** for {place} ({span}) is spent: the "
                    "period is over ({share} of the budget)."
                ).format(
                    spent=spent,
                    budget=budget,
                    place=place,
                    span=span,
                    share=pct(r.spent / r.budget),
                )
            )
            continue
        plan = (
            _(" ({pace} of the linear plan for {day})").format(pace=pct(r.pace), day=day(as_of))
            if is_number(r.pace)
            else ""
        )
        head = _("**{spent} of the {budget} budget** for {place} ({span}) is spent{plan}.").format(
            spent=spent, budget=budget, place=place, span=span, plan=plan
        )
        rate, projected = money(r.daily_rate, currency), money(r.projected, currency)
        if r.over > 0:
            runs_out = (
                _("; at this rate the budget runs out in {days}").format(
                    days=count(r.days_left, "day")
                )
                if is_number(r.days_left)
                else _("; the budget is already spent")
            )
            end = _(
                "At the last 14 days' rate of {rate} a day, the period ends at **{projected}**: "
                "{over} over budget{runs_out}."
            ).format(
                rate=rate, projected=projected, over=money(r.over, currency), runs_out=runs_out
            )
        else:
            end = _(
                "At the last 14 days' rate of {rate} a day, the period ends at **{projected}**, "
                "within budget ({left} left)."
            ).format(rate=rate, projected=projected, left=money(-r.over, currency))
        lines.append(f"{head} {end}")
    return " ".join(lines)


# --------------------------------------------------------------------------------------------
# spend and results, funnel, paid and organic


def _currencies(frame: pd.DataFrame, default: str) -> list[str]:
    if "currency" in frame.columns:
        return sorted({str(c) for c in frame["currency"].dropna()}) or [default]
    return [default]


def spend_summary(overall: pd.DataFrame, lines: pd.DataFrame, brand: str, currency: str) -> str:
    """Spend and results of the period, per currency, and the line with the cheapest results.

    ``overall`` and ``lines`` are :func:`smmnb.metrics.kpis` of the period's ads, overall
    and by campaign and platform (with ``by_currency=True``, or one currency).
    """
    out = []
    several = len(_currencies(overall, currency)) > 1
    for code in _currencies(overall, currency):
        total = overall[overall["currency"] == code] if "currency" in overall else overall
        if total.empty:
            continue
        k = total.iloc[0]
        rows = lines[lines["currency"] == code] if "currency" in lines else lines
        fields = {"currency": code, "brand": esc(brand), "spend": money(k["spend"], code)}
        if is_number(k.get("conversions")):
            fields["conversions"] = count(k["conversions"], "conversion")
            text = (
                _("In {currency}, {brand} spent **{spend}** for {conversions}")
                if several
                else _("In the period {brand} spent **{spend}** for {conversions}")
            )
        else:
            text = (
                _("In {currency}, {brand} spent **{spend}**")
                if several
                else _("In the period {brand} spent **{spend}**")
            )
        text = text.format(**fields)
        ratios = []
        if is_number(k.get("cpa")):
            ratios.append(f"CPA {money(k['cpa'], code)}")
        if is_number(k.get("roas")):
            ratios.append(f"ROAS {number(k['roas'], 2)}")
        text += (": " + ", ".join(ratios) + ".") if ratios else "."
        if not is_number(k.get("roas")):
            text += " " + _("ROAS is not measurable: the ads report no revenue.")
        big = rows[(rows["spend"] >= 0.05 * k["spend"]) & rows["cpa"].map(is_number)]
        if len(big) >= 2:
            best = big.sort_values(["cpa", "campaign"], kind="stable").iloc[0]
            roas = f", ROAS {number(best['roas'], 2)}" if is_number(best.get("roas")) else ""
            text += " " + _(
                "The cheapest conversions among the {lines} lines with at least 5% of spend came "
                "from **{campaign} on {platform}** (CPA {cpa}{roas})."
            ).format(
                lines=count(len(big)),
                campaign=esc(best["campaign"]),
                platform=platform_name(best["platform"]),
                cpa=money(best["cpa"], code),
                roas=roas,
            )
        out.append(text)
    return " ".join(out)


def funnel_summary(by_platform: pd.DataFrame) -> str:
    """Where clicks and conversions come cheapest in attention: CTR and CVR by platform.

    Compares platforms only when at least two have the rate; one platform is described
    alone.
    """
    rows = by_platform
    if len(rows) == 1:
        r = rows.iloc[0]
        return _(
            "On {platform}, {ctr} of impressions were clicked (CTR) and {cvr} of clicks "
            "converted (CVR)."
        ).format(platform=platform_name(r["platform"]), ctr=pct(r["ctr"], 2), cvr=pct(r["cvr"], 1))
    out = []
    ctr = rows[rows["ctr"].map(is_number)].sort_values(["ctr", "platform"], kind="stable")
    if len(ctr) >= 2 and ctr["ctr"].iloc[-1] > ctr["ctr"].iloc[0]:
        top, low = ctr.iloc[-1], ctr.iloc[0]
        out.append(
            _("**{top}** has the highest CTR ({top_ctr}), {low} the lowest ({low_ctr}).").format(
                top=platform_name(top["platform"]),
                top_ctr=pct(top["ctr"], 2),
                low=platform_name(low["platform"]),
                low_ctr=pct(low["ctr"], 2),
            )
        )
    cvr = rows[rows["cvr"].map(is_number)].sort_values(["cvr", "platform"], kind="stable")
    if len(cvr) >= 2 and cvr["cvr"].iloc[-1] > cvr["cvr"].iloc[0]:
        top, low = cvr.iloc[-1], cvr.iloc[0]
        out.append(
            _(
                "**{low}** converts the smallest share of its clicks ({low_cvr} CVR), {top} the "
                "largest ({top_cvr})."
            ).format(
                low=platform_name(low["platform"]),
                low_cvr=pct(low["cvr"], 1),
                top=platform_name(top["platform"]),
                top_cvr=pct(top["cvr"], 1),
            )
        )
    if not out:
        out.append(_("The platforms' CTR and CVR cannot be told apart on these data."))
    return " ".join(out)


def paid_organic_table(pvo: pd.DataFrame, currency: str) -> pd.DataFrame:
    """:func:`smmnb.campaigns.paid_vs_organic` for a table: money written out, types in words."""
    out = money_columns(pvo, ["spend", "cpc", "cpa"], currency)
    out["type"] = [_(_POST_TYPES[t]) if t in _POST_TYPES else t for t in pvo["type"]]
    return out


def _post_kind(kind: str) -> str:
    text = _POST_KINDS.get(str(kind))
    return _(text) if text else esc(kind)


def paid_organic_summary(pvo: pd.DataFrame) -> str:
    """Engagement on reach by post type and platform, and whether boosting widens reach."""
    posts = pvo[pvo["type"] != "ads"]
    rated = posts[posts["er_reach"].map(is_number)].sort_values(
        ["er_reach", "platform"], kind="stable"
    )
    out = []
    if len(rated) >= 2:
        lead = rated.iloc[-1]
        out.append(
            _(
                "Engagement on reach (engagements / reach) is highest for **{posts} on "
                "{platform}** ({rate})."
            ).format(
                posts=_post_kind(lead["type"]),
                platform=platform_name(lead["platform"]),
                rate=pct(lead["er_reach"], 1),
            )
        )
    elif len(rated) == 1:
        lead = rated.iloc[0]
        out.append(
            _(
                "Engagement on reach (engagements / reach) is {rate} for {posts} on {platform}."
            ).format(
                rate=pct(lead["er_reach"], 1),
                posts=_post_kind(lead["type"]),
                platform=platform_name(lead["platform"]),
            )
        )
    elif len(posts):
        out.append(_("Engagement on reach is not measurable: the posts report no reach."))
    reach = posts.pivot_table(index="platform", columns="type", values="mean_reach")
    if {"organic", "boosted"} <= set(reach.columns):
        both = reach.dropna(subset=["organic", "boosted"])
        paid_off = _("whether the boost paid off needs its spend, which post exports do not carry.")
        if len(both) == 1:
            r = both.iloc[0]
            template = (
                _(
                    "On {platform} a boosted post reaches more people than an organic one (mean "
                    "reach {boosted} against {organic}); {paid_off}"
                )
                if r["boosted"] > r["organic"]
                else _(
                    "On {platform} a boosted post reaches no more people than an organic one "
                    "(mean reach {boosted} against {organic}); {paid_off}"
                )
            )
            out.append(
                template.format(
                    platform=platform_name(both.index[0]),
                    boosted=count(r["boosted"]),
                    organic=count(r["organic"]),
                    paid_off=paid_off,
                )
            )
        elif len(both):
            wider = both[both["boosted"] > both["organic"]].index.tolist()
            fields = {
                "wider": count(len(wider)),
                "platforms": count(len(both), "platform"),
                "names": platforms_text(wider),
                "paid_off": paid_off,
            }
            template = (
                _(
                    "A boosted post reaches more people than an organic one on {wider} of the "
                    "{platforms} with both ({names}); {paid_off}"
                )
                if wider
                else _(
                    "A boosted post reaches more people than an organic one on {wider} of the "
                    "{platforms} with both; {paid_off}"
                )
            )
            out.append(template.format(**fields))
    return " ".join(out)


# --------------------------------------------------------------------------------------------
# creatives, influencers, web traffic


def _rate(value) -> str:
    return pct(value, 2)


def creative_summary(tests: pd.DataFrame, metric: str = "CTR", shown: int = 5) -> str:
    """Which ads differ from the other ads of their campaign, which are too small to test.

    ``metric`` is the acronym of the rate tested (``CTR`` or ``CVR``).
    """
    rest = tests[tests["comparison"] == "rest"]
    tested = rest[rest["tested"]]
    # in a campaign of two ads, both rows are one test: name the better ad only
    better = tested[tested["verdict"] == "better"].sort_values("rel_change", ascending=False)
    worse = tested[tested["verdict"] == "worse"].sort_values("rel_change")
    two = rest.groupby("group")["ad"].transform("size") == 2
    worse = worse[~worse.index.isin(rest.index[two])]
    out = []
    if len(tested):
        differ = better["group"].size + worse["group"].size
        out.append(
            _(
                "**{differ} of {tested} tested differ from the other ads of their campaign** "
                "({metric} of each ad against the pooled rest; p-values adjusted for the number "
                "of comparisons)."
            ).format(differ=count(differ), tested=count(len(tested), "ad"), metric=metric)
        )
    items = [
        _(
            "{ad} in {campaign} does better: {metric} {rate} against {other} for the other ads "
            "({change}, adjusted {p})"
        ).format(
            ad=esc(r.ad),
            campaign=esc(r.group),
            metric=metric,
            rate=_rate(r.rate),
            other=_rate(r.other_rate),
            change=signed_pct(r.rel_change),
            p=p_value(r.p_holm),
        )
        for r in better.head(shown).itertuples()
    ]
    items += [
        _("{ad} in {campaign} does worse: {rate} against {other} ({change}, adjusted {p})").format(
            ad=esc(r.ad),
            campaign=esc(r.group),
            rate=_rate(r.rate),
            other=_rate(r.other_rate),
            change=signed_pct(r.rel_change),
            p=p_value(r.p_holm),
        )
        for r in worse.head(shown).itertuples()
    ]
    if items:
        more = len(better) + len(worse) - len(items)
        if more > 0:
            out.append(
                _("{items}; and {more}.").format(
                    items="; ".join(items), more=count(more, "more ad")
                )
            )
        else:
            out.append("; ".join(items) + ".")
    elif len(tested):
        out.append(
            _(
                "No ad's {metric} differs from the rest of its campaign beyond chance: treat "
                "them as equal, and keep testing or pick on cost."
            ).format(metric=metric)
        )
    pairs = tests[(tests["comparison"] == "pair") & tests["tested"]]
    for r in pairs.itertuples():
        if r.verdict == "better":
            verdict = _("{ad} does better").format(ad=esc(r.ad))
        elif r.verdict == "worse":
            verdict = _("{ad} does worse").format(ad=esc(r.ad))
        else:
            verdict = _("no clear difference")
        out.append(
            _(
                "Head to head, the two largest ads of {campaign}: {ad} {rate} against {versus} "
                "{other}, {verdict} (adjusted {p})."
            ).format(
                campaign=esc(r.group),
                ad=esc(r.ad),
                rate=_rate(r.rate),
                versus=esc(r.versus),
                other=_rate(r.other_rate),
                verdict=verdict,
                p=p_value(r.p_holm),
            )
        )
    few = rest[~rest["tested"]]
    if len(few):
        names = listing([f"{r.ad} ({r.group})" for r in few.head(shown).itertuples()])
        if len(few) > shown:
            names = _("{names} and {more} more").format(names=names, more=count(len(few) - shown))
        template = (
            _("{ads} had too few clicks or conversions to test ({names}): they are not judged.")
            if metric == "CVR"
            else _(
                "{ads} had too few impressions or clicks to test ({names}): they are not judged."
            )
        )
        out.append(template.format(ads=count(len(few), "ad"), names=names))
    return " ".join(out)


def influencer_summary(inf: pd.DataFrame, currency: str) -> str:
    """The cheapest and the dearest engagement (two different influencers), and audit flags."""
    priced = inf[inf["cpe"].map(is_number)].sort_values(["cpe", "influencer"], kind="stable")
    out = []

    def who(r) -> str:
        parts = [str(r["tier"])] if isinstance(r["tier"], str) and r["tier"] else []
        if is_number(r["followers"]):
            parts.append(count(r["followers"], "follower"))
        return f"**{esc(r['influencer'])}**" + (f" ({', '.join(parts)})" if parts else "")

    if len(priced):
        cheap, dear = priced.iloc[0], priced.iloc[-1]
        share = (
            _(" ({rate} of impressions)").format(rate=pct(cheap["er_impressions"], 1))
            if is_number(cheap["er_impressions"])
            else ""
        )
        fields = {"cheap": who(cheap), "cpe": money(cheap["cpe"], currency), "share": share}
        if dear["influencer"] != cheap["influencer"] and dear["cpe"] > cheap["cpe"]:
            text = _(
                "{cheap} bought engagement at **{cpe}** each{share}; {dear} cost **{dear_cpe}** "
                "per engagement, {times}x as much."
            ).format(
                **fields,
                dear=who(dear),
                dear_cpe=money(dear["cpe"], currency),
                times=number(dear["cpe"] / cheap["cpe"], 0),
            )
        else:
            text = _("{cheap} bought engagement at **{cpe}** each{share}.").format(**fields)
        out.append(text)
    else:
        out.append(_("Cost per engagement is not measurable: no partnership reports engagements."))
    flagged = inf[inf["check_audience"].astype(bool)]
    if len(flagged):
        out.append(
            _(
                "Check the audience of {influencers}: engagement far below comparable influencers."
            ).format(influencers=listing(flagged["influencer"].unique()))
        )
    return " ".join(out)


def web_table(social: pd.DataFrame) -> pd.DataFrame:
    """:func:`smmnb.campaigns.web_from_social` for a table: channel groups in words."""
    return social.assign(channel_group=[channel_name(g) for g in social["channel_group"]])


def web_summary(social: pd.DataFrame, sessions: float, platforms=()) -> str:
    """Social's share of the period's web sessions, and the paid part of it.

    ``platforms``: the filter in force (``social`` then holds those platforms' sources).
    """
    source = (
        _("social on {platforms}").format(platforms=platforms_text(platforms))
        if platforms
        else pgettext("campaigns", "social")
    )
    if social.empty:
        return _(
            "None of the {sessions} of the period came from {source} (by GA4's default channel "
            "groups)."
        ).format(sessions=count(sessions, "web session"), source=source)
    paid = social.loc[social["channel_group"] == "Paid Social", "share_of_all"].sum()
    return _cap(
        _(
            "{source} brought **{share}** of the {sessions} of the period ({paid} from paid "
            "social, UTM-tagged)."
        ).format(
            source=source,
            share=pct(social["share_of_all"].sum(), 1),
            sessions=count(sessions, "web session"),
            paid=pct(paid, 1),
        )
    )


def _lift_source(cl) -> str:
    source = channel_name(cl.series).lower()
    if cl.platforms:
        source = _("{source} from {platforms}").format(
            source=source, platforms=platforms_text(cl.platforms)
        )
    return source


def lift_summary(cl) -> str:
    """The lift of a campaign (:class:`smmnb.campaigns.CampaignLift`) in one or two sentences.

    A difference is credited to the campaign only when no other campaign started or stopped
    during its flight or the weeks the model learnt from.
    """
    r = cl.result
    template = (
        _(
            "During **{campaign}** ({span}) {source} brought **{sessions} more sessions** than "
            "expected ({change}; 95% interval {low} to {high}; {p})"
        )
        if r.effect >= 0
        else _(
            "During **{campaign}** ({span}) {source} brought **{sessions} fewer sessions** than "
            "expected ({change}; 95% interval {low} to {high}; {p})"
        )
    )
    text = template.format(
        campaign=esc(cl.campaign),
        span=_span(cl.first, cl.last),
        source=_lift_source(cl),
        sessions=count(abs(r.effect)),
        **_lift_figures(r),
    )
    return f"{text}: {_verdict(r, cl.campaign, cl.overlapping)}."


def _lift_figures(r) -> dict[str, str]:
    """A lift's relative change, 95% interval and p-value, as its sentence writes them."""
    return {
        "change": signed_pct(r.rel_change),
        "low": count(r.ci_low),
        "high": count(r.ci_high),
        "p": p_value(r.p_value),
    }


def _verdict(r, campaign: str, overlapping) -> str:
    """What a lift means: noise, a real lift or drop, or one shared with other campaigns."""
    if not r.significant:
        return _("not distinguishable from normal variation")
    if overlapping:
        return _(
            "more than normal variation, but it cannot be credited to {campaign} alone: "
            "{others} also ran during the flight or the weeks before it that the model learnt "
            "from"
        ).format(campaign=esc(campaign), others=listing(overlapping))
    if r.effect > 0:
        return _("a real lift")
    return _("a real drop")


# --------------------------------------------------------------------------------------------
# search (Search Console downloads, smmnb.search)


def _days_between(daily: pd.DataFrame, start=None, end=None) -> pd.DataFrame:
    when = pd.to_datetime(daily["date"])
    keep = pd.Series(True, index=daily.index)
    if start not in (None, ""):
        keep &= when >= pd.Timestamp(start)
    if end not in (None, ""):
        keep &= when <= pd.Timestamp(end)
    return daily[keep.to_numpy()]


def _query_filter(filters: str) -> str:
    """The query filter of a download's ``filters`` text, as Search Console wrote it (``+lumi``)."""
    for part in str(filters or "").split(";"):
        key, _sep, value = part.partition(":")
        if key.strip() == "query" and value.strip():
            return value.strip()
    return ""


def _month(when: pd.Timestamp) -> str:
    return _("{month} {year}").format(
        month=i18n.month_name(when.month, "wide"), year=str(when.year)
    )


def search_demand_table(demand) -> pd.DataFrame:
    """Branded search by month (from a filtered daily download) or by download period.

    Parameters
    ----------
    demand : smmnb.search.BrandDemand

    Returns
    -------
    pandas.DataFrame
        Headers and cells in the report language, ready for :func:`smmnb.formatting.table`:
        by month (its days with data, branded clicks and impressions, every click, the branded
        share of clicks) when the branded figures are daily; else per download period from the
        top queries (queries listed, their clicks, the branded ones, the share).
    """
    daily = demand.daily
    if "branded_clicks" in daily.columns:
        known = daily[daily["branded_clicks"].notna() & daily["clicks"].notna()]
        month = pd.to_datetime(known["date"]).dt.to_period("M")
        grouped = known.groupby(month.to_numpy(), sort=True)
        rows = []
        for month_period, part in grouped:
            clicks = float(part["clicks"].sum())
            branded = float(part["branded_clicks"].sum())
            rows.append(
                {
                    _("month"): _month(month_period.start_time),
                    _("days"): count(len(part)),
                    _("branded clicks"): count(branded),
                    _("branded impressions"): count(part["branded_impressions"].sum()),
                    _("all clicks"): count(clicks),
                    _("branded share of clicks"): pct(branded / clicks, 1)
                    if clicks
                    else _not_measurable(),
                }
            )
        return pd.DataFrame(rows)
    rows = []
    for r in demand.by_period.itertuples():
        rows.append(
            {
                _("period"): _span(r.period_start, r.period_end),
                _("queries listed"): count(r.queries),
                _("clicks of the listed queries"): count(r.clicks),
                _("branded clicks"): count(r.branded_clicks),
                _("branded impressions"): count(r.branded_impressions),
                _("branded share of clicks"): pct(r.branded_share, 1)
                if is_number(r.branded_share)
                else _not_measurable(),
            }
        )
    return pd.DataFrame(rows)


def _running(ads: pd.DataFrame | None, first, last, whole: tuple) -> list[str]:
    """Campaigns with ads between ``first`` and ``last``, but not on every day of ``whole``."""
    if ads is None or ads.empty:
        return []
    day_of = pd.to_datetime(ads["date"]).dt.normalize()
    spans = day_of.groupby(ads["campaign"].astype("str").to_numpy()).agg(["min", "max"])
    inside = (spans["max"] >= first) & (spans["min"] <= last)
    always = (spans["min"] <= whole[0]) & (spans["max"] >= whole[1])
    return sorted(spans.index[inside & ~always])


def search_demand_summary(demand, brand: str, start=None, end=None, ads=None) -> str:
    """How much people searched for the brand in the period, and where the figures come from.

    Parameters
    ----------
    demand : smmnb.search.BrandDemand
    brand : str
    start, end : optional
        The report's period; the daily figures are summed over it (default: all).
    ads : pandas.DataFrame, optional
        The brand's ads: the sentence names the campaigns that ran in the busiest week (not
        those running on every day of the period, such as always-on search ads).
    """
    from smmnb.search import FILTERED_DAILY

    daily = _days_between(demand.daily, start, end)
    daily = daily[daily["clicks"].notna()]
    if demand.source == FILTERED_DAILY:
        known = daily[daily["branded_clicks"].notna()]
        if known.empty:
            return _(
                "The daily Search Console download filtered to searches naming {brand} has no "
                "day in this period."
            ).format(brand=esc(brand))
        days = pd.to_datetime(known["date"])
        branded = float(known["branded_clicks"].sum())
        clicks = float(known["clicks"].sum())
        text = _(
            "Searches naming **{brand}** brought **{branded}** and {impressions} on Google "
            "from {period}: **{share}** of the site's {clicks} from Google Search (Search "
            "Console's daily download filtered to queries containing `{filter}`)."
        ).format(
            brand=esc(brand),
            branded=count(branded, "click"),
            impressions=count(known["branded_impressions"].sum(), "impression"),
            period=period(days.min(), days.max()),
            share=pct(branded / clicks, 1) if clicks else _not_measurable(),
            clicks=count(clicks, "click"),
            filter=_query_filter(demand.filters).replace("`", "'"),
        )
        weekly = known.groupby(days.dt.to_period("W-SUN").to_numpy())["branded_clicks"]
        full = weekly.size() == 7
        if full.sum() >= 2:
            per_day = (weekly.sum() / 7)[full.to_numpy()]
            peak = per_day.idxmax()
            mean = branded / len(known)
            ran = _running(
                ads, peak.start_time, peak.end_time.normalize(), (days.min(), days.max())
            )
            values = {
                "week": day(peak.start_time),
                "peak": count(per_day.max()),
                "mean": count(mean),
                "campaigns": listing(ran),
            }
            if ran:
                text += " " + _(
                    "They peaked in the week of {week}, while {campaigns} ran: {peak} a day, "
                    "against {mean} a day over the period."
                ).format(**values)
            else:
                text += " " + _(
                    "They peaked in the week of {week}: {peak} a day, against {mean} a day over "
                    "the period."
                ).format(**values)
        return text
    listed = demand.by_period
    if len(listed):
        r = listed.sort_values(["period_end", "period_start"]).iloc[-1]
        text = _(
            "Among the top queries Search Console listed for {period}, those naming **{brand}** "
            "brought **{branded}** and {impressions}, **{share}** of the listed queries' "
            "{clicks}. Search Console lists at most 1,000 queries and leaves out rare ones, so "
            "these are not the site's totals."
        ).format(
            period=_span(r["period_start"], r["period_end"]),
            brand=esc(brand),
            branded=count(r["branded_clicks"], "click"),
            impressions=count(r["branded_impressions"], "impression"),
            share=pct(r["branded_share"], 1)
            if is_number(r["branded_share"])
            else _not_measurable(),
            clicks=count(r["clicks"], "click"),
        )
        return text
    days = pd.to_datetime(daily["date"])
    return _(
        "Search Console's daily download here counts every search: {clicks} and {impressions} "
        "from {period}. To tell searches naming {brand} apart, download the report again with "
        "a query filter on the brand's name, or with its Queries table."
    ).format(
        clicks=count(daily["clicks"].sum(), "click"),
        impressions=count(daily["impressions"].sum(), "impression"),
        period=period(days.min(), days.max()) if len(days) else _not_measurable(),
        brand=esc(brand),
    )


def search_lift_title(sl, brand: str) -> str:
    """The title of the search lift's chart."""
    from smmnb.search import MEASURED_BRANDED

    if sl.measured == MEASURED_BRANDED:
        return _("Clicks from searches naming {brand} during {campaign}").format(
            brand=brand, campaign=sl.campaign
        )
    return _("Clicks from Google Search during {campaign}").format(campaign=sl.campaign)


def search_lift_summary(sl, brand: str) -> str:
    """The lift of a campaign flight on search clicks (:class:`smmnb.search.SearchLift`).

    Says what was measured (searches naming the brand, or every search when no download is
    filtered to them) and, as :func:`lift_summary`, credits the campaign only when no other
    campaign started or stopped during the flight or the weeks the model learnt from.
    """
    from smmnb.search import MEASURED_BRANDED

    r = sl.result
    branded = sl.measured == MEASURED_BRANDED
    more = r.effect >= 0
    if branded and more:
        template = _(
            "During **{campaign}** ({span}) searches naming {brand} brought **{clicks} more "
            "clicks** than expected ({change}; 95% interval {low} to {high}; {p})"
        )
    elif branded:
        template = _(
            "During **{campaign}** ({span}) searches naming {brand} brought **{clicks} fewer "
            "clicks** than expected ({change}; 95% interval {low} to {high}; {p})"
        )
    elif more:
        template = _(
            "During **{campaign}** ({span}) Google Search brought **{clicks} more clicks** than "
            "expected ({change}; 95% interval {low} to {high}; {p}; every search counted: no "
            "daily download filtered to searches naming {brand} covers the flight)"
        )
    else:
        template = _(
            "During **{campaign}** ({span}) Google Search brought **{clicks} fewer clicks** "
            "than expected ({change}; 95% interval {low} to {high}; {p}; every search counted: "
            "no daily download filtered to searches naming {brand} covers the flight)"
        )
    text = template.format(
        campaign=esc(sl.campaign),
        span=_span(sl.start, sl.end),
        brand=esc(brand),
        clicks=count(abs(r.effect)),
        **_lift_figures(r),
    )
    return f"{text}: {_verdict(r, sl.campaign, sl.overlapping)}."


def search_gaps_table(gaps: pd.DataFrame, rows: int = 5) -> pd.DataFrame:
    """The queries that miss the most clicks for their position (significant ones only).

    ``gaps`` is :func:`smmnb.search.ctr_gaps`; headers and cells are in the report language.
    """
    shown = gaps[gaps["significant"].astype(bool)].head(rows)
    return pd.DataFrame(
        {
            _("search query"): [esc(t) for t in shown["term"]],
            _("position"): [number(v, 1) for v in shown["position"]],
            _names.label("impressions"): [count(v) for v in shown["impressions"]],
            _names.label("clicks"): [count(v) for v in shown["clicks"]],
            "CTR": [pct(v, 2) for v in shown["ctr"]],
            _("usual CTR at this position"): [pct(v, 2) for v in shown["expected_ctr"]],
            _("clicks missed"): [count(v) for v in shown["missing_clicks"]],
        }
    )


def search_gaps_summary(gaps: pd.DataFrame) -> str:
    """The query that misses the most clicks for its position, and how many fall short.

    ``gaps`` is :func:`smmnb.search.ctr_gaps` (every row tested, significant ones first).
    """
    if gaps.empty:
        return _("No query has enough impressions to compare its CTR with its position's.")
    low = gaps[gaps["significant"].astype(bool)]
    tested = len(gaps)
    first, last = gaps["period_start"].iloc[0], gaps["period_end"].iloc[0]
    if low.empty:
        return _(
            "None of the {queries} with enough impressions in {period} gets significantly fewer "
            "clicks than its position usually brings on this site."
        ).format(queries=count(tested, "query", "queries"), period=_span(first, last))
    top = low.iloc[0]
    text = _(
        "**{query}** is clicked {ctr} of the time at position {position}, where this site's "
        "queries usually get {usual}: about **{missed}** missed from {period}."
    ).format(
        query=esc(top["term"]),
        ctr=pct(top["ctr"], 2),
        position=number(top["position"], 1),
        usual=pct(top["expected_ctr"], 2),
        missed=count(top["missing_clicks"], "click"),
        period=_span(first, last),
    )
    text += " " + ngettext(
        "{n} of the {tested} queries tested falls significantly short of its position's usual "
        "CTR, missing about {missed} in all.",
        "{n} of the {tested} queries tested fall significantly short of their position's usual "
        "CTR, missing about {missed} in all.",
        len(low),
    ).format(
        n=count(len(low)),
        tested=count(tested),
        missed=count(low["missing_clicks"].sum(), "click"),
    )
    return text


def _ratio(value: float) -> str:
    return times(value, 2 if value < 2 else 1)


def search_movers_table(moves: pd.DataFrame, rows: int = 10) -> pd.DataFrame:
    """The significant rises and falls of :func:`smmnb.search.movers`, largest change first."""
    shown = moves[moves["significant"].astype(bool)].head(rows)
    return pd.DataFrame(
        {
            _("search query"): [esc(t) for t in shown["term"]],
            _("clicks a day before"): [number(v, 1) for v in shown["per_day_before"]],
            _("clicks a day after"): [number(v, 1) for v in shown["per_day_after"]],
            _("change (95% interval)"): [
                _("{ratio} ({low} to {high})").format(
                    ratio=_ratio(r), low=_ratio(lo), high=_ratio(hi)
                )
                for r, lo, hi in zip(shown["ratio"], shown["ci_low"], shown["ci_high"], strict=True)
            ],
        }
    )


def search_movers_caption(moves: pd.DataFrame) -> str:
    """The caption of :func:`search_movers_table`: the two periods compared."""
    before, after = moves.attrs["before"], moves.attrs["after"]
    return _("Clicks a day, before ({before}) and after ({after})").format(
        before=_span(*before), after=_span(*after)
    )


def search_movers_summary(moves: pd.DataFrame) -> str:
    """The queries that rose and fell most between two downloads, and how many changed."""
    before, after = moves.attrs["before"], moves.attrs["after"]
    changed = moves[moves["significant"].astype(bool)]
    if changed.empty:
        return _(
            "None of the {queries} listed both in {before} and in {after} changed significantly "
            "in clicks a day."
        ).format(
            queries=count(len(moves), "query", "queries"),
            before=_span(*before),
            after=_span(*after),
        )
    parts = []
    up = changed[changed["change"] > 0]
    down = changed[changed["change"] < 0]
    if len(up):
        r = up.iloc[0]
        parts.append(
            _(
                "**{query}** rose most, from {before} to {after} clicks a day ({ratio}; 95% "
                "interval {low} to {high})"
            ).format(
                query=esc(r["term"]),
                before=number(r["per_day_before"], 1),
                after=number(r["per_day_after"], 1),
                ratio=_ratio(r["ratio"]),
                low=_ratio(r["ci_low"]),
                high=_ratio(r["ci_high"]),
            )
        )
    if len(down):
        r = down.iloc[0]
        parts.append(
            _(
                "**{query}** fell most, from {before} to {after} clicks a day ({ratio}; 95% "
                "interval {low} to {high})"
            ).format(
                query=esc(r["term"]),
                before=number(r["per_day_before"], 1),
                after=number(r["per_day_after"], 1),
                ratio=_ratio(r["ratio"]),
                low=_ratio(r["ci_low"]),
                high=_ratio(r["ci_high"]),
            )
        )
    text = _("Comparing {before} with {after}: {changes}.").format(
        before=_span(*before), after=_span(*after), changes="; ".join(parts)
    )
    text += " " + _(
        "{n} of the {queries} listed in both periods changed significantly; a query listed in "
        "one period only is not compared (it may have been below the top 1,000)."
    ).format(n=count(len(changed)), queries=count(len(moves), "query", "queries"))
    return text


# --------------------------------------------------------------------------------------------
# recommendations


def _target_advice(r, as_of, currency: str) -> str:
    label, place = kpi_label(r.kpi), where(r.platform, r.campaign)
    value = lambda v: kpi_value(r.kpi, v, currency)  # noqa: E731
    if r.direction == "lower":
        if r.kpi == "spend":
            left = r.target - r.actual
            days = (pd.Timestamp(r.period_end) - pd.Timestamp(as_of)).days
            if left <= 0:
                slow = _("the budget is already spent: pause the ads or agree a larger budget")
            elif days > 0:
                slow = _("keep spend to about {amount} a day to land on budget").format(
                    amount=money(left / days, currency)
                )
            else:
                slow = _("agree the overspend with management")
            return _(
                "Rein in spend on {place}: it is heading for {forecast} by {end} against a "
                "budget of {target}, about {gap} over; {slow}."
            ).format(
                place=place,
                forecast=value(r.forecast),
                end=day(r.period_end),
                target=value(r.target),
                gap=value(r.gap),
                slow=slow,
            )
        return _(
            "Bring {kpi} on {place} down: {actual} to date against a ceiling of {target}; move "
            "spend to the ads and campaigns with the cheapest results."
        ).format(kpi=label, place=place, actual=value(r.actual), target=value(r.target))
    if _is_rate(r.kpi):
        how = _(_RAISE[r.kpi]) if r.kpi in _RAISE else _("work on it there")
        return _(
            "Raise {kpi} on {place}: {actual} to date against a target of {target}; {how}."
        ).format(kpi=label, place=place, actual=value(r.actual), target=value(r.target), how=how)
    return _(
        "Close the {kpi} gap on {place}: the forecast of {forecast} for {end} falls about {gap} "
        "short of the {target} target; add content or paid support there."
    ).format(
        kpi=label,
        place=place,
        forecast=value(r.forecast),
        end=day(r.period_end),
        gap=value(r.gap),
        target=value(r.target),
    )


def recommendations(
    *,
    scorecard: pd.DataFrame | None = None,
    as_of=None,
    currency: str = "",
    tests: pd.DataFrame | None = None,
    metric: str = "CTR",
    influencers: pd.DataFrame | None = None,
    lift=None,
) -> str:
    """A numbered Markdown list of actions from the sections that ran (None: not run)."""
    recs = []
    if scorecard is not None and len(scorecard):
        behind = scorecard[scorecard["status"].isin(_BEHIND)]
        recs += [_target_advice(r, as_of, currency) for r in behind.itertuples()]
    if tests is not None and len(tests):
        better = tests[(tests["comparison"] == "rest") & (tests["verdict"] == "better")]
        if len(better):
            w = better.sort_values(["rel_change", "ad"], ascending=[False, True]).iloc[0]
            recs.append(
                _(
                    "Shift budget in {campaign} towards {ad}: its {metric} is {rate}, {change} "
                    "over the campaign's other ads, a significant difference."
                ).format(
                    campaign=esc(w["group"]),
                    ad=esc(w["ad"]),
                    metric=metric,
                    rate=_rate(w["rate"]),
                    change=signed_pct(w["rel_change"]),
                )
            )
    if influencers is not None and len(influencers):
        flagged = influencers[influencers["check_audience"].astype(bool)]
        priced = influencers[influencers["cpe"].map(is_number)].sort_values("cpe", kind="stable")
        priced = priced[~priced["influencer"].isin(flagged["influencer"])]
        if len(flagged):
            names = listing(flagged["influencer"].unique())
            if len(priced):
                best = priced.iloc[0]
                recs.append(
                    _(
                        "Review {influencers} before rebooking; favour partners like {best} "
                        "({cpe} per engagement)."
                    ).format(
                        influencers=names,
                        best=esc(best["influencer"]),
                        cpe=money(best["cpe"], currency),
                    )
                )
            else:
                recs.append(_("Review {influencers} before rebooking.").format(influencers=names))
    if lift is not None and lift.result.significant and lift.result.effect > 0:
        extra = _("{sessions} more sessions than expected from {source}").format(
            sessions=count(lift.result.effect), source=_lift_source(lift)
        )
        if lift.overlapping:
            recs.append(
                _(
                    "Stagger the next flights of {campaigns}, so that the lift of each can be "
                    "told apart: together they came with {extra}."
                ).format(campaigns=listing([lift.campaign, *lift.overlapping]), extra=extra)
            )
        else:
            recs.append(
                _("Repeat the {campaign} mechanics: its flight came with {extra}.").format(
                    campaign=esc(lift.campaign), extra=extra
                )
            )
    if not recs:
        return _(
            "No action follows from the sections above: nothing measured here is behind its "
            "target or significantly different."
        )
    return "\n".join(f"{i}. {text}" for i, text in enumerate(recs, 1))


def search_lifts_table(flights: pd.DataFrame) -> pd.DataFrame:
    """Each campaign's flight and its lift on search clicks.

    ``flights`` is :func:`smmnb.search.campaign_search_lifts`.

    Flights measured each on its own; the last column names the campaigns that overlap it, whose
    effect is in its figure too.
    """
    measured = flights[flights["reason"].eq("")]
    return pd.DataFrame(
        {
            _("campaign"): [esc(c) for c in measured["campaign"]],
            _("flight"): [
                _span(a, b) for a, b in zip(measured["first"], measured["last"], strict=True)
            ],  # fmt: skip
            _("clicks more than expected (95% interval)"): [
                _("{clicks} ({low} to {high})").format(
                    clicks=count(e), low=count(lo), high=count(hi)
                )
                for e, lo, hi in zip(
                    measured["effect"], measured["ci_low"], measured["ci_high"], strict=True
                )  # fmt: skip
            ],
            _("change"): [signed_pct(v) for v in measured["rel_change"]],
            _("significant"): [_("yes") if s else _("no") for s in measured["significant"]],
            _("other campaigns in the same weeks"): [
                esc(o) if o else _("none") for o in measured["overlapping"]
            ],
        }
    )


def search_lifts_summary(flights: pd.DataFrame, brand: str) -> str:
    """Which flight lifted searches for the brand most; how far flights can be told apart."""
    measured = flights[flights["reason"].eq("")]
    if measured.empty:
        reasons = " ".join(dict.fromkeys(flights["reason"])) if len(flights) else ""
        return reasons or _("No campaign ran in the period.")
    up = measured[measured["significant"].astype(bool) & (measured["effect"] > 0)]
    if up.empty:
        return _(
            "No campaign flight of the period brought significantly more searches naming {brand} "
            "than expected ({flights} measured)."
        ).format(brand=esc(brand), flights=count(len(measured), "campaign"))
    best = up.sort_values("rel_change", ascending=False).iloc[0]
    text = _(
        "The largest lift of searches naming {brand} came with **{campaign}** ({span}): "
        "{change} more clicks than expected (95% interval {low} to {high} clicks)."
    ).format(
        brand=esc(brand),
        campaign=esc(best["campaign"]),
        span=_span(best["first"], best["last"]),
        change=pct(best["rel_change"]),
        low=count(best["ci_low"]),
        high=count(best["ci_high"]),
    )
    if measured["overlapping"].astype(bool).any():
        text += " " + _(
            "Each flight is measured against the weeks before it, which may hold another "
            "campaign: where flights overlap, their effects mix, and a flight that follows a "
            "lifted one can read as a fall."
        )
    return text
