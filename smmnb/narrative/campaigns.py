"""Sentences of the campaign-performance notebook (02): targets, budget, spend, creatives...

Each function takes the frames of :mod:`smmnb.campaigns` (or :func:`smmnb.metrics.kpis`) and
returns Markdown. None prints ``nan``: a missing figure is left out or reads "not
measurable"; a comparison needs two different things to compare; money carries its currency
(the ads' own, one sentence per currency when the ads hold several); spend and budget advice
follows the KPI's direction (an overspent budget is told to slow down, never to spend more).

:func:`require` raises :class:`~smmnb.errors.InsufficientData` with a sentence from
:func:`smmnb.narrative.needs`, for sections whose data are missing.
"""

from __future__ import annotations

import pandas as pd

from smmnb.errors import InsufficientData
from smmnb.formatting import p_value
from smmnb.narrative import (
    NOT_MEASURABLE,
    count,
    day,
    esc,
    is_number,
    listing,
    money,
    needs,
    number,
    pct,
    signed_pct,
)

__all__ = [
    "budget_summary",
    "budget_table",
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
    "platform_name",
    "recommendations",
    "require",
    "scorecard_summary",
    "scorecard_table",
    "spend_summary",
    "web_summary",
    "where",
]

_PLATFORMS = {
    "facebook": "Facebook", "instagram": "Instagram", "tiktok": "TikTok", "youtube": "YouTube",
    "x": "X", "linkedin": "LinkedIn", "zalo": "Zalo", "threads": "Threads", "google": "Google",
    "web": "the web", "news": "news sites", "forum": "forums",
}  # fmt: skip
_LABELS = {
    "followers": "followers", "engagements": "engagements", "er_reach": "engagement rate on reach",
    "spend": "spend", "ctr": "CTR", "cpa": "CPA", "cpc": "CPC", "cpm": "CPM", "roas": "ROAS",
    "sessions": "web sessions", "response_rate": "response rate", "net_sentiment": "net sentiment",
    "clicks": "clicks", "conversions": "conversions", "reach": "reach",
    "impressions": "impressions",
}  # fmt: skip
_PERCENT = {"er_reach", "ctr", "cvr", "response_rate"}
_MONEY = {"spend", "cpa", "cpc", "cpm"}
_RATES = {"er_reach", "ctr", "cvr", "cpa", "roas", "cpc", "cpm", "response_rate", "net_sentiment"}
_WHOLE_CURRENCIES = {"VND", "JPY", "KRW", "IDR"}
_BEHIND = ("at_risk", "off_track")
_RAISE = {
    "ctr": "refresh the creatives and move spend to the ads that get clicked",
    "er_reach": "post more of the formats and topics that engage",
    "roas": "move spend to the campaigns with the best ROAS",
    "response_rate": "answer more customer comments, starting with questions",
    "net_sentiment": "fix and answer what the negative comments are about",
}


def require(ok: bool, analysis: str, need: str, found_text: str = "") -> None:
    """Raise :class:`InsufficientData` (one sentence, see :func:`needs`) unless ``ok``."""
    if not ok:
        raise InsufficientData(needs(analysis, need, found_text))


def found(ctx, table: str, what: str = "") -> str:
    """Where a table's rows are missing, in words: the folder, the brand and filter, or the period.

    ``ctx`` is a :class:`smmnb.notebook.Context`; ``what`` names the rows ("ads").
    """
    what = what or table.replace("_", " ")
    if ctx.everything[table].empty:
        return "this folder has none"
    if ctx.scope[table].empty:
        scope = esc(ctx.brand) + (f" on {platforms_text(ctx.platforms)}" if ctx.platforms else "")
        return f"the folder has no {what} for {scope}"
    return f"there are none from {day(ctx.start)} to {day(ctx.end)}"


def platform_name(platform) -> str:
    """A platform as people write it (``TikTok``); "all platforms" when none is given."""
    if not isinstance(platform, str) or not platform:
        return "all platforms"
    return _PLATFORMS.get(platform.lower(), esc(platform))


def platforms_text(platforms) -> str:
    """The platforms of a filter in words: ``TikTok``, ``TikTok and Zalo``."""
    return listing([platform_name(p) for p in platforms], escape=False)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def where(platform=None, campaign=None) -> str:
    """What a target covers: ``TikTok``, ``all platforms``, ``Back to School on all platforms``."""
    place = platform_name(platform)
    if isinstance(campaign, str) and campaign:
        return f"{esc(campaign)} on {place}"
    return place


def kpi_label(kpi: str) -> str:
    """A KPI's name in a sentence (``CTR``, ``engagement rate on reach``)."""
    return _LABELS.get(kpi, esc(kpi))


def kpi_value(kpi: str, value, currency: str, missing: str = NOT_MEASURABLE) -> str:
    """A KPI's value with its unit: ``1.2%``, ``120,000 VND``, ``2.35`` (ROAS), ``1,234``."""
    if not is_number(value):
        return missing
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
            f"Money is in {ws.currency}: {'; '.join(ws.money_notes)} (exchange rates from "
            "smmnb.yml)."
        )
    currencies = ws.currencies
    if len(currencies) > 1:
        parts.append(
            f"Money is shown per currency: the ads are in {listing(currencies)} and the folder "
            "gives no exchange rate between them (fx in smmnb.yml), so amounts in different "
            "currencies are never added."
        )
    return " ".join(parts)


# --------------------------------------------------------------------------------------------
# targets and budget


def _is_rate(kpi: str) -> bool:
    return kpi in _RATES


def scorecard_table(sc: pd.DataFrame, currency: str) -> pd.DataFrame:
    """The scorecard as a report shows it: values with their units, blanks where missing."""
    columns = ["target", "actual", "expected", "forecast", "ci_low", "ci_high"]
    out = pd.DataFrame(
        {
            "KPI": [kpi_label(k) for k in sc["kpi"]],
            "covers": [where(p, c) for p, c in zip(sc["platform"], sc["campaign"], strict=True)],
            "direction": sc["direction"].map({"lower": "lower is better",
                                              "higher": "higher is better"}).fillna(""),
        }
    )  # fmt: skip
    for column in columns:
        out[column] = [
            kpi_value(k, v, currency, missing="")
            for k, v in zip(sc["kpi"], sc[column], strict=True)
        ]
    rate = sc["kpi"].map(_is_rate).astype(bool)
    out["pace"] = [
        "" if r or not is_number(p) else pct(p) for r, p in zip(rate, sc["pace"], strict=True)
    ]
    out["status"] = sc["status"].str.replace("_", " ")
    out["note"] = sc["note"].fillna("")
    return out


def budget_table(pacing: pd.DataFrame) -> pd.DataFrame:
    """Budget pacing as a report shows it (what each budget covers, in words)."""
    covers = [where(p, c) for p, c in zip(pacing["platform"], pacing["campaign"], strict=True)]
    columns = ["period_start", "period_end", "budget", "spent", "planned", "pace", "daily_rate",
               "projected", "over", "days_left", "note"]  # fmt: skip
    return pacing[columns].assign(covers=covers)[["covers", *columns]]


def _points(value: float) -> str:
    """A difference of rates in percentage points, two decimals, never ``-0.00``."""
    text = f"{100 * float(value):+.2f}"
    return "0.00" if text in ("+0.00", "-0.00") else text


def creative_table(tests: pd.DataFrame, rows: int = 20) -> pd.DataFrame:
    """Creative tests as a report shows them: rates in percent with two decimals."""
    shown = tests.head(rows)

    def rates(values, decimals: int = 2) -> list[str]:
        return ["" if not is_number(v) else pct(v, decimals) for v in values]

    return pd.DataFrame(
        {
            "campaign": shown["group"],
            "ad": shown["ad"],
            "versus": shown["versus"],
            "rate": rates(shown["rate"]),
            "versus rate": rates(shown["other_rate"]),
            "difference": [
                "" if not is_number(v) else signed_pct(v, 0 if abs(v) >= 0.1 else 1)
                for v in shown["rel_change"]
            ],
            "95% interval (points)": [
                f"{_points(lo)} to {_points(hi)}" if is_number(lo) and is_number(hi) else ""
                for lo, hi in zip(shown["ci_low"], shown["ci_high"], strict=True)
            ],
            "adjusted p": [p_value(v) if is_number(v) else "" for v in shown["p_holm"]],
            "verdict": shown["verdict"],
        }
    )


def scorecard_summary(sc: pd.DataFrame, as_of, currency: str, platforms=()) -> str:
    """Targets on track, each target behind with its numbers, and those not scored or paced.

    ``platforms`` is the platform filter in force (targets for all platforms are then not
    paced; see :func:`smmnb.campaigns.scorecard`).
    """
    scored = sc[~sc["status"].isin(["not_paced", "no_data"])]
    lines = []
    if len(scored) == 1:
        on = "is" if scored["status"].iloc[0] == "on_track" else "is not"
        lines.append(f"**The one scored target {on} on track** on {day(as_of)}.")
    elif len(scored):
        on = int((scored["status"] == "on_track").sum())
        verb = "is" if on == 1 else "are"
        lines.append(
            f"**{count(on)} of {count(len(scored), 'scored target')} {verb} on track** on "
            f"{day(as_of)}."
        )
    for r in scored[scored["status"].isin(_BEHIND)].itertuples():
        label, place = _cap(kpi_label(r.kpi)), where(r.platform, r.campaign)
        status = r.status.replace("_", " ")
        value = lambda v, k=r.kpi: kpi_value(k, v, currency)  # noqa: E731
        bound = "a ceiling" if r.direction == "lower" else "a target"
        interval = (
            f" (95% interval {value(r.ci_low)} to {value(r.ci_high)})"
            if is_number(r.ci_low) and is_number(r.ci_high)
            else ""
        )
        if _is_rate(r.kpi):
            lines.append(
                f"**{label} ({place}) is {status}**: {value(r.actual)} to date{interval}, "
                f"against {bound} of {value(r.target)}."
            )
        else:
            pace = f" (pace {pct(r.pace)})" if is_number(r.pace) else ""
            lines.append(
                f"**{label} ({place}) is {status}**: {value(r.actual)} now against "
                f"{value(r.expected)} expected by {day(as_of)}{pace}; the forecast for "
                f"{day(r.period_end)} is {value(r.forecast)}{interval}, against {bound} of "
                f"{value(r.target)}."
            )
    no_data = sc[sc["status"] == "no_data"]
    if len(no_data):
        names = [
            f"{kpi_label(r.kpi)} ({where(r.platform, r.campaign)})" for r in no_data.itertuples()
        ]
        lines.append(
            f"Not scored, for lack of data up to {day(as_of)}: {listing(names, escape=False)}."
        )
    unpaced = sc[sc["status"] == "not_paced"]
    for note, rows in unpaced.groupby("note", sort=False):
        names = [
            kpi_label(r.kpi) + (f" of {esc(r.campaign)}" if isinstance(r.campaign, str) else "")
            for r in rows.itertuples()
        ]
        if note.startswith("covers all platforms"):
            lines.append(
                f"{count(len(rows), 'target')} set for all platforms "
                f"({listing(names, escape=False)}) {'is' if len(rows) == 1 else 'are'} listed "
                f"but not paced: the data of {platforms_text(platforms) or 'the filter'} alone "
                "are only part of what they cover."
            )
        else:
            lines.append(f"Not paced: {listing(names, escape=False)} ({esc(note)}).")
    return " ".join(lines)


def budget_summary(pacing: pd.DataFrame, as_of, currency: str, platforms=()) -> str:
    """Each budget: spent against the linear plan, and where the current rate ends."""
    lines = []
    filtered = platforms_text(platforms) or "the filtered platforms"
    for r in pacing.itertuples():
        span = f"{day(r.period_start)} to {day(r.period_end)}"
        place = where(r.platform, r.campaign)
        if r.note:
            if str(r.note).startswith("covers all platforms"):
                lines.append(
                    f"The budget of {money(r.budget, currency)} ({span}) covers all platforms: "
                    f"it is not paced against the spend on {filtered} alone."
                )
            else:
                lines.append(
                    f"The budget of {money(r.budget, currency)} for {place} ({span}) is not "
                    f"paced: {esc(r.note)}."
                )
            continue
        head = (
            f"**{money(r.spent, currency)} of the {money(r.budget, currency)} budget** for "
            f"{place} ({span}) is spent"
        )
        if r.remaining_days <= 0:
            lines.append(f"{head}: the period is over ({pct(r.spent / r.budget)} of the budget).")
            continue
        plan = f" ({pct(r.pace)} of the linear plan for {day(as_of)})" if is_number(r.pace) else ""
        end = (
            f"At the last 14 days' rate of {money(r.daily_rate, currency)} a day, the period "
            f"ends at **{money(r.projected, currency)}**"
        )
        if r.over > 0:
            runs_out = (
                f"; at this rate the budget runs out in {count(r.days_left, 'day')}"
                if is_number(r.days_left)
                else "; the budget is already spent"
            )
            lines.append(f"{head}{plan}. {end}: {money(r.over, currency)} over budget{runs_out}.")
        else:
            lines.append(f"{head}{plan}. {end}, within budget ({money(-r.over, currency)} left).")
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
        head = f"In {code}, " if several else "In the period "
        results = []
        if is_number(k.get("conversions")):
            results.append(f"for {count(k['conversions'], 'conversion')}")
        ratios = []
        if is_number(k.get("cpa")):
            ratios.append(f"CPA {money(k['cpa'], code)}")
        if is_number(k.get("roas")):
            ratios.append(f"ROAS {number(k['roas'], 2)}")
        text = f"{head}{esc(brand)} spent **{money(k['spend'], code)}**"
        text += (" " + results[0]) if results else ""
        text += (": " + ", ".join(ratios) + ".") if ratios else "."
        if not is_number(k.get("roas")):
            text += " ROAS is not measurable: the ads report no revenue."
        big = rows[(rows["spend"] >= 0.05 * k["spend"]) & rows["cpa"].map(is_number)]
        if len(big) >= 2:
            best = big.sort_values(["cpa", "campaign"], kind="stable").iloc[0]
            roas = f", ROAS {number(best['roas'], 2)}" if is_number(best.get("roas")) else ""
            text += (
                f" The cheapest conversions among the {count(len(big))} lines with at least 5% "
                f"of spend came from **{esc(best['campaign'])} on "
                f"{platform_name(best['platform'])}** (CPA {money(best['cpa'], code)}{roas})."
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
        return (
            f"On {platform_name(r['platform'])}, {pct(r['ctr'], 2)} of impressions were clicked "
            f"(CTR) and {pct(r['cvr'], 1)} of clicks converted (CVR)."
        )
    out = []
    ctr = rows[rows["ctr"].map(is_number)].sort_values(["ctr", "platform"], kind="stable")
    if len(ctr) >= 2 and ctr["ctr"].iloc[-1] > ctr["ctr"].iloc[0]:
        top, low = ctr.iloc[-1], ctr.iloc[0]
        out.append(
            f"**{platform_name(top['platform'])}** has the highest CTR ({pct(top['ctr'], 2)}), "
            f"{platform_name(low['platform'])} the lowest ({pct(low['ctr'], 2)})."
        )
    cvr = rows[rows["cvr"].map(is_number)].sort_values(["cvr", "platform"], kind="stable")
    if len(cvr) >= 2 and cvr["cvr"].iloc[-1] > cvr["cvr"].iloc[0]:
        top, low = cvr.iloc[-1], cvr.iloc[0]
        out.append(
            f"**{platform_name(low['platform'])}** converts the smallest share of its clicks "
            f"({pct(low['cvr'], 1)} CVR), {platform_name(top['platform'])} the largest "
            f"({pct(top['cvr'], 1)})."
        )
    if not out:
        out.append("The platforms' CTR and CVR cannot be told apart on these data.")
    return " ".join(out)


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
            f"Engagement on reach (engagements / reach) is highest for **{lead['type']} posts on "
            f"{platform_name(lead['platform'])}** ({pct(lead['er_reach'], 1)})."
        )
    elif len(rated) == 1:
        lead = rated.iloc[0]
        out.append(
            f"Engagement on reach (engagements / reach) is {pct(lead['er_reach'], 1)} for "
            f"{lead['type']} posts on {platform_name(lead['platform'])}."
        )
    elif len(posts):
        out.append("Engagement on reach is not measurable: the posts report no reach.")
    reach = posts.pivot_table(index="platform", columns="type", values="mean_reach")
    if {"organic", "boosted"} <= set(reach.columns):
        both = reach.dropna(subset=["organic", "boosted"])
        paid_off = "whether the boost paid off needs its spend, which post exports do not carry."
        if len(both) == 1:
            r = both.iloc[0]
            verb = "more" if r["boosted"] > r["organic"] else "no more"
            out.append(
                f"On {platform_name(both.index[0])} a boosted post reaches {verb} people than an "
                f"organic one (mean reach {count(r['boosted'])} against {count(r['organic'])}); "
                + paid_off
            )
        elif len(both):
            wider = both[both["boosted"] > both["organic"]].index.tolist()
            names = listing([platform_name(p) for p in wider], escape=False)
            out.append(
                f"A boosted post reaches more people than an organic one on "
                f"{count(len(wider))} of the {count(len(both), 'platform')} with both"
                + (f" ({names})" if wider else "")
                + "; "
                + paid_off
            )
    return " ".join(out)


# --------------------------------------------------------------------------------------------
# creatives, influencers, web traffic


def _rate(value) -> str:
    return pct(value, 2)


def creative_summary(tests: pd.DataFrame, metric: str = "CTR", shown: int = 5) -> str:
    """Which ads differ from the other ads of their campaign, which are too small to test."""
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
            f"**{count(differ)} of {count(len(tested), 'ad')} tested differ from the other ads of "
            f"their campaign** ({metric} of each ad against the pooled rest; p-values adjusted "
            "for the number of comparisons)."
        )
    items = [
        f"{esc(r.ad)} in {esc(r.group)} does better: {metric} {_rate(r.rate)} against "
        f"{_rate(r.other_rate)} for the other ads ({signed_pct(r.rel_change)}, adjusted "
        f"{p_value(r.p_holm)})"
        for r in better.head(shown).itertuples()
    ]
    items += [
        f"{esc(r.ad)} in {esc(r.group)} does worse: {_rate(r.rate)} against "
        f"{_rate(r.other_rate)} ({signed_pct(r.rel_change)}, adjusted {p_value(r.p_holm)})"
        for r in worse.head(shown).itertuples()
    ]
    if items:
        more = len(better) + len(worse) - len(items)
        out.append("; ".join(items) + (f"; and {count(more, 'more ad')}." if more > 0 else "."))
    elif len(tested):
        out.append(
            f"No ad's {metric} differs from the rest of its campaign beyond chance: treat them as "
            "equal, and keep testing or pick on cost."
        )
    pairs = tests[(tests["comparison"] == "pair") & tests["tested"]]
    for r in pairs.itertuples():
        verdict = (
            f"{esc(r.ad)} does {r.verdict}"
            if r.verdict in ("better", "worse")
            else "no clear difference"
        )
        out.append(
            f"Head to head, the two largest ads of {esc(r.group)}: {esc(r.ad)} {_rate(r.rate)} "
            f"against {esc(r.versus)} {_rate(r.other_rate)}, {verdict} "
            f"(adjusted {p_value(r.p_holm)})."
        )
    few = rest[~rest["tested"]]
    if len(few):
        names = listing([f"{r.ad} ({r.group})" for r in few.head(shown).itertuples()])
        extra = f" and {count(len(few) - shown, 'more')}" if len(few) > shown else ""
        out.append(
            f"{count(len(few), 'ad')} had too few {'clicks' if metric == 'CVR' else 'impressions'} "
            f"or {'conversions' if metric == 'CVR' else 'clicks'} to test ({names}{extra}): "
            "they are not judged."
        )
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
            f" ({pct(cheap['er_impressions'], 1)} of impressions)"
            if is_number(cheap["er_impressions"])
            else ""
        )
        text = f"{who(cheap)} bought engagement at **{money(cheap['cpe'], currency)}** each{share}"
        if dear["influencer"] != cheap["influencer"] and dear["cpe"] > cheap["cpe"]:
            text += (
                f"; {who(dear)} cost **{money(dear['cpe'], currency)}** per engagement, "
                f"{number(dear['cpe'] / cheap['cpe'], 0)}x as much."
            )
        else:
            text += "."
        out.append(text)
    else:
        out.append("Cost per engagement is not measurable: no partnership reports engagements.")
    flagged = inf[inf["check_audience"].astype(bool)]
    if len(flagged):
        out.append(
            f"Check the audience of {listing(flagged['influencer'].unique())}: engagement far "
            "below comparable influencers."
        )
    return " ".join(out)


def web_summary(social: pd.DataFrame, sessions: float, platforms=()) -> str:
    """Social's share of the period's web sessions, and the paid part of it.

    ``platforms``: the filter in force (``social`` then holds those platforms' sources).
    """
    source = "social" + (f" on {platforms_text(platforms)}" if platforms else "")
    if social.empty:
        return (
            f"None of the {count(sessions, 'web session')} of the period came from {source} "
            "(by GA4's default channel groups)."
        )
    paid = social.loc[social["channel_group"] == "Paid Social", "share_of_all"].sum()
    return (
        f"{_cap(source)} brought **{pct(social['share_of_all'].sum(), 1)}** of the "
        f"{count(sessions, 'web session')} of the period ({pct(paid, 1)} from paid social, "
        "UTM-tagged)."
    )


def _lift_source(cl) -> str:
    source = cl.series.lower()
    if cl.platforms:
        source += " from " + platforms_text(cl.platforms)
    return source


def lift_summary(cl) -> str:
    """The lift of a campaign (:class:`smmnb.campaigns.CampaignLift`) in one or two sentences.

    A difference is credited to the campaign only when no other campaign started or stopped
    during its flight or the weeks the model learnt from.
    """
    r = cl.result
    more = "more" if r.effect >= 0 else "fewer"
    text = (
        f"During **{esc(cl.campaign)}** ({day(cl.first)} to {day(cl.last)}) {_lift_source(cl)} "
        f"brought **{count(abs(r.effect))} {more} sessions** than expected "
        f"({signed_pct(r.rel_change)}; 95% interval {count(r.ci_low)} to "
        f"{count(r.ci_high)}; {p_value(r.p_value)})"
    )
    if not r.significant:
        return text + ": not distinguishable from normal variation."
    if cl.overlapping:
        return text + (
            f": more than normal variation, but it cannot be credited to {esc(cl.campaign)} "
            f"alone: {listing(cl.overlapping)} also ran during the flight or the weeks before "
            "it that the model learnt from."
        )
    return text + (": a real lift." if r.effect > 0 else ": a real drop.")


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
                slow = "the budget is already spent: pause the ads or agree a larger budget"
            elif days > 0:
                slow = f"keep spend to about {money(left / days, currency)} a day to land on budget"
            else:
                slow = "agree the overspend with management"
            return (
                f"Rein in spend on {place}: it is heading for {value(r.forecast)} by "
                f"{day(r.period_end)} against a budget of {value(r.target)}, about "
                f"{value(r.gap)} over; {slow}."
            )
        return (
            f"Bring {label} on {place} down: {value(r.actual)} to date against a ceiling of "
            f"{value(r.target)}; move spend to the ads and campaigns with the cheapest results."
        )
    if _is_rate(r.kpi):
        how = _RAISE.get(r.kpi, "work on it there")
        return (
            f"Raise {label} on {place}: {value(r.actual)} to date against a target of "
            f"{value(r.target)}; {how}."
        )
    return (
        f"Close the {label} gap on {place}: the forecast of {value(r.forecast)} for "
        f"{day(r.period_end)} falls about {value(r.gap)} short of the {value(r.target)} target; "
        "add content or paid support there."
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
                f"Shift budget in {esc(w['group'])} towards {esc(w['ad'])}: its {metric} is "
                f"{_rate(w['rate'])}, {signed_pct(w['rel_change'])} over the campaign's other ads, "
                "a significant difference."
            )
    if influencers is not None and len(influencers):
        flagged = influencers[influencers["check_audience"].astype(bool)]
        priced = influencers[influencers["cpe"].map(is_number)].sort_values("cpe", kind="stable")
        priced = priced[~priced["influencer"].isin(flagged["influencer"])]
        if len(flagged):
            text = f"Review {listing(flagged['influencer'].unique())} before rebooking"
            if len(priced):
                best = priced.iloc[0]
                text += (
                    f"; favour partners like {esc(best['influencer'])} "
                    f"({money(best['cpe'], currency)} per engagement)"
                )
            recs.append(text + ".")
    if lift is not None and lift.result.significant and lift.result.effect > 0:
        extra = f"{count(lift.result.effect)} more sessions than expected from {_lift_source(lift)}"
        if lift.overlapping:
            names = listing([lift.campaign, *lift.overlapping])
            recs.append(
                f"Stagger the next flights of {names}, so that the lift of each can be told "
                f"apart: together they came with {extra}."
            )
        else:
            recs.append(f"Repeat the {esc(lift.campaign)} mechanics: its flight came with {extra}.")
    if not recs:
        return (
            "No action follows from the sections above: nothing measured here is behind its "
            "target or significantly different."
        )
    return "\n".join(f"{i}. {text}" for i, text in enumerate(recs, 1))
