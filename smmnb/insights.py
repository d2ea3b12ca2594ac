"""Findings for management, from rules over the analyses (so they are tested, not typed).

Each rule looks at one analysis and, when the data support it, returns a :class:`Finding`: a
sentence with its numbers, the evidence behind it, whether it is a risk or an opportunity,
how much it matters, and the action it suggests. :func:`findings` runs every rule and ranks
what they found; ``05_executive_summary.ipynb`` shows the top five.

Severity, used for the ranking: 3 = a target off track or a crisis sign (a mention spike),
2 = customers left without answers or a significant negative gap, 1 = an opportunity backed
by a significant test, 0 = context.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from smmnb.workspace import Workspace, previous_period

__all__ = ["RULES", "Finding", "analyzed_customers", "findings", "headline_kpis"]


@dataclass(frozen=True)
class Finding:
    """One thing management should know.

    Attributes
    ----------
    area : str
        ``targets``, ``listening``, ``customers``, ``campaigns``, ``influencers``, ``trends``.
    kind : str
        ``risk`` or ``opportunity`` (or ``context``).
    severity : int
        3 (most urgent) to 0; see the module notes.
    text : str
        The finding, with its numbers, as one sentence.
    action : str
        What to do about it.
    evidence : dict
        The numbers behind it.
    """

    area: str
    kind: str
    severity: int
    text: str
    action: str
    evidence: dict = field(default_factory=dict)


def _customers(ws: Workspace) -> pd.DataFrame:
    c = ws.comments
    return c[~c["author_is_brand"].fillna(False).astype(bool)]


def analyzed_customers(ws: Workspace, brand: str, start: str, end: str) -> pd.DataFrame:
    """The period's customer comments on the brand's channels, analysed.

    The comments pass through :func:`smmnb.expectations.analyze`.
    Pass the result as ``analyzed=`` to :func:`headline_kpis` and :func:`findings` so that a
    notebook analyses these comments once instead of in each of them.
    """
    from smmnb.expectations import analyze

    return analyze(_customers(ws.filter(brand=brand).filter(start=start, end=end)))


def _reuse(analyzed: pd.DataFrame, customers: pd.DataFrame) -> pd.DataFrame:
    """``analyzed`` if it holds exactly ``customers`` (same comments, same order), else raise."""
    same = len(analyzed) == len(customers) and np.array_equal(
        analyzed["comment_id"].to_numpy(dtype=object),
        customers["comment_id"].to_numpy(dtype=object),
    )
    if not same:
        raise ValueError(
            "analyzed= must be the period's customer comments as analyzed_customers() returns "
            "them (different comments were passed)"
        )
    return analyzed


def _off_track(ws: Workspace, period: dict) -> list[Finding]:
    from smmnb.campaigns import scorecard

    if ws.targets.empty:
        return []
    sc = period["scorecard"]
    if sc is None:
        sc = scorecard(period["brand_ws"], as_of=period["end"])
    out = []
    for r in sc[sc["status"].isin(["off_track", "at_risk"])].itertuples():
        where = " / ".join(v for v in (r.platform, r.campaign) if isinstance(v, str)) or "all"
        out.append(
            Finding(
                "targets",
                "risk",
                3 if r.status == "off_track" else 2,
                f"{r.kpi} ({where}) is {r.status.replace('_', ' ')}: {r.actual:,.0f} against "
                f"{r.expected:,.0f} expected by now; forecast {r.forecast:,.0f} "
                f"({r.forecast_low:,.0f} to {r.forecast_high:,.0f}) for a target of "
                f"{r.target:,.0f} on {r.period_end:%d %b %Y}.",
                f"Close a gap of about {abs(r.target - r.forecast):,.0f} on {where}: more "
                "content and paid support there, or reset the target with management.",
                {
                    "kpi": r.kpi,
                    "platform": r.platform,
                    "actual": r.actual,
                    "target": r.target,
                    "forecast": r.forecast,
                    "pace": r.pace,
                },  # fmt: skip
            )
        )
    return out


def _spikes(ws: Workspace, period: dict) -> list[Finding]:
    from smmnb.trends import explain_spike, spikes

    mentions = ws.mentions[ws.mentions["brand"] == period["brand"]]
    if mentions.empty:
        return []
    history = period["history"].mentions
    history = history[history["brand"] == period["brand"]]
    table = spikes(history, freq="D", tz=ws.timezone)
    start, end = pd.Timestamp(period["start"]), pd.Timestamp(period["end"])
    hits = table[table["is_spike"] & table["period"].between(start, end)]
    out = []
    for r in hits.sort_values("score", ascending=False).head(2).itertuples():
        why = explain_spike(history, r.period, tz=ws.timezone, exclude=ws.brands)
        terms = ", ".join(why.terms["term"].head(4).astype(str)) if len(why.terms) else ""
        out.append(
            Finding(
                "listening",
                "risk",
                3,
                f"Mentions spiked on {r.period:%d %b %Y}: {r.count:,} against a usual "
                f"{r.baseline:,.0f} ({r.count / max(r.baseline, 1):.1f}x)"
                + (f", about {terms}." if terms else "."),
                "Prepare a public answer and a holding statement for the next incident; "
                "check what caused this one with operations.",
                {
                    "day": r.period,
                    "count": r.count,
                    "baseline": r.baseline,
                    "score": r.score,
                    "terms": terms,
                },  # fmt: skip
            )
        )
    return out


def _unanswered(ws: Workspace, period: dict) -> list[Finding]:
    from smmnb.expectations import response_summary, response_times

    if not ws.comments["author_is_brand"].fillna(False).astype(bool).any():
        return []
    analyzed = period["analyzed"]()
    times = response_times(
        ws.comments.assign(
            intent=ws.comments["comment_id"].map(analyzed.set_index("comment_id")["intent"])
        )
    )
    questions = times[times["intent"] == "question"]
    if questions.empty:
        return []
    summary = response_summary(questions).set_index("platform")
    summary = summary[summary["comments"] >= 20]
    if len(summary) < 2:
        return []
    worst = summary["response_rate"].idxmin()
    others = summary.drop(worst)
    if summary.loc[worst, "response_rate"] > 0.8 * others["response_rate"].median():
        return []
    row = summary.loc[worst]
    return [
        Finding(
            "customers",
            "risk",
            2,
            f"On {worst}, only {row['response_rate']:.0%} of {int(row['comments']):,} customer "
            f"questions were answered (median {row['median_hours']:.1f} h), against "
            f"{others['response_rate'].median():.0%} on the other channels.",
            f"Staff {worst} replies: a daily check and saved answers to common questions.",
            {
                "platform": worst,
                "questions": int(row["comments"]),
                "response_rate": float(row["response_rate"]),
            },  # fmt: skip
        )
    ]


def _gap(ws: Workspace, period: dict) -> list[Finding]:
    from smmnb.expectations import analyze, expectation_gaps, load_themes

    customers = _customers(ws)
    if len(customers) < 50:
        return []
    before = _customers(period["previous"])
    gaps = expectation_gaps(period["analyzed"](), analyze(before) if len(before) else None)
    if gaps.empty:
        return []
    top = gaps.iloc[0]
    label = load_themes().get(top["theme"], {}).get("label", top["theme"])
    change = ""
    if pd.notna(top["change"]):
        change = (
            f"; its negative share rose {top['change']:+.1%} points against the previous period"
            if top["significant"] and top["change"] > 0
            else "; not significantly different from the previous period"
        )
    return [
        Finding(
            "customers",
            "risk",
            2 if top["significant"] and top["change"] > 0 else 1,
            f"{label} is customers' biggest complaint: {top['negative']:,} negative comments "
            f"({top['share_negative']:.0%} of {top['comments']:,}){change}.",
            f"Give {label.lower()} an owner and a fix date; answer its comments publicly.",
            {
                "theme": top["theme"],
                "negative": int(top["negative"]),
                "share_negative": float(top["share_negative"]),
            },  # fmt: skip
        )
    ]


def _creatives(ws: Workspace, period: dict) -> list[Finding]:
    from smmnb.campaigns import creative_tests

    if ws.ads.empty:
        return []
    tests = creative_tests(ws.ads)
    sig = tests[tests["significant"]]
    if sig.empty:
        return []
    best = sig.sort_values("rel_lift").iloc[-1]
    return [
        Finding(
            "campaigns",
            "opportunity",
            1,
            f"In {best['group']}, {best['ad_b']} gets a CTR of {best['rate_b']:.2%} against "
            f"{best['rate_a']:.2%} for {best['ad_a']} ({best['rel_lift']:+.0%}, significant "
            "after adjusting for the number of comparisons).",
            f"Move the {best['group']} budget towards {best['ad_b']} and brief new creatives "
            "like it.",
            {
                "campaign": best["group"],
                "winner": best["ad_b"],
                "loser": best["ad_a"],
                "lift": float(best["rel_lift"]),
                "p_holm": float(best["p_holm"]),
            },  # fmt: skip
        )
    ]


def _influencer(ws: Workspace, period: dict) -> list[Finding]:
    from smmnb.campaigns import influencers

    if ws.influencers.empty:
        return []
    table = influencers(ws.influencers)
    flagged = table[table["check_audience"]]
    if flagged.empty:
        return []
    worst, best = flagged.iloc[-1], table.iloc[0]
    return [
        Finding(
            "influencers",
            "risk",
            1,
            f"{worst['influencer']} ({worst['followers']:,} followers) cost "
            f"{worst['cpe']:,.0f} per engagement, {worst['cpe'] / best['cpe']:.0f}x "
            f"{best['influencer']} ({best['cpe']:,.0f}); engagement was "
            f"{worst['er_impressions']:.1%} of impressions, far below comparable partners.",
            f"Check {worst['influencer']}'s audience before rebooking; favour partners like "
            f"{best['influencer']}.",
            {
                "influencer": worst["influencer"],
                "cpe": float(worst["cpe"]),
                "best": best["influencer"],
                "best_cpe": float(best["cpe"]),
            },  # fmt: skip
        )
    ]


def _emerging(ws: Workspace, period: dict) -> list[Finding]:
    from smmnb.trends import emerging

    if len(ws.mentions) < 200:
        return []
    table = emerging(ws.mentions, as_of=period["end"], tz=ws.timezone, exclude=ws.brands)
    table = table[table["significant"]]
    if table.empty:
        return []
    top = table.iloc[0]
    return [
        Finding(
            "trends",
            "opportunity",
            1,
            f"'{top['term']}' is rising: {top['count_recent']:,} mentions in the last two weeks, "
            f"{top['growth']:.0f}x its earlier rate.",
            f"Join the conversation around '{top['term']}' while it is growing.",
            {
                "term": top["term"],
                "growth": float(top["growth"]),
                "q_value": float(top["q_value"]),
            },  # fmt: skip
        )
    ]


def _best_time(ws: Workspace, period: dict) -> list[Finding]:
    from smmnb.trends import best_time

    posts = ws.posts.dropna(subset=["reach"])
    if len(posts) < 100:
        return []
    slots = best_time(posts, tz=ws.timezone, relative_to=["platform", "format"])
    if slots.empty:
        return []
    top = slots.head(5)
    if top["ci_low"].min() <= 1.0:
        return []  # the best slots are not clearly above comparable posts
    days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    where = ", ".join(f"{days[int(r.weekday)]} {int(r.hour):02d}:00" for r in top.itertuples())
    return [
        Finding(
            "trends",
            "opportunity",
            1,
            f"Posts published at {where} got {top['value'].mean():.2f}x the engagement rate of "
            "comparable posts (same platform and format); this is observational.",
            "Schedule the week's strongest posts in these slots and compare the next month.",
            {"slots": where, "index": float(top["value"].mean())},
        )
    ]


def _formats(ws: Workspace, period: dict) -> list[Finding]:
    from smmnb.trends import format_performance

    if len(ws.posts) < 50:
        return []
    table = format_performance(ws.posts.dropna(subset=["reach"]), baseline="image")
    wins = table[table["significant"].fillna(False).astype(bool) & (table["lift"] > 1)]
    if wins.empty:
        return []
    top = wins.sort_values("lift").iloc[-1]
    n_platforms = wins["platform"].nunique()
    return [
        Finding(
            "trends",
            "opportunity",
            1,
            f"{top['format'].title()}s on {top['platform']} get {top['lift']:.2f}x the engagement "
            f"rate of images; video formats beat images significantly on {n_platforms} "
            "platforms.",
            "Shift the content mix towards short video where it beats images.",
            {"platform": top["platform"], "format": top["format"], "lift": float(top["lift"])},
        )
    ]


RULES: dict[str, Callable[[Workspace, dict], list[Finding]]] = {
    "off_track_kpis": _off_track,
    "mention_spikes": _spikes,
    "unanswered_customers": _unanswered,
    "expectation_gap": _gap,
    "creative_winner": _creatives,
    "influencer_check": _influencer,
    "emerging_topic": _emerging,
    "best_time": _best_time,
    "formats": _formats,
}
"""Every rule, by name, in the order they are tried."""


def findings(
    ws: Workspace,
    brand: str,
    start: str,
    end: str,
    *,
    rules: list[str] | None = None,
    scorecard: pd.DataFrame | None = None,
    analyzed: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Run the rules and rank what they find: risks first, by severity.

    Parameters
    ----------
    ws : Workspace
        The whole workspace (every date: targets and baselines need history).
    brand : str
        The brand analysed.
    start, end : str
        The period reported on (ISO dates).
    rules : list of str, optional
        Names from :data:`RULES`; default all.
    scorecard : pandas.DataFrame, optional
        ``campaigns.scorecard(ws.filter(brand=brand), as_of=end)`` when the caller has it
        already; computed when None.
    analyzed : pandas.DataFrame, optional
        :func:`analyzed_customers` for the same arguments, when the caller has it already;
        computed when a rule needs it.

    Returns
    -------
    pandas.DataFrame
        ``rank``, ``rule``, ``area``, ``kind``, ``severity``, ``text``, ``action``,
        ``evidence``; one row per finding, most important first.
    """
    names = rules or list(RULES)
    unknown = [n for n in names if n not in RULES]
    if unknown:
        raise ValueError(f"unknown rule(s) {unknown}; available: {', '.join(RULES)}")
    from smmnb.expectations import analyze

    brand_ws = ws.filter(brand=brand)
    before_start, before_end = previous_period(start, end)
    current = brand_ws.filter(start=start, end=end)
    period = {
        "brand": brand,
        "start": start,
        "end": end,
        "brand_ws": brand_ws,
        "history": brand_ws.filter(end=end),
        "previous": brand_ws.filter(start=before_start, end=before_end),
        # The period's customer comments, analysed once for every rule that needs them.
        "analyzed": functools.cache(
            lambda: (
                analyze(_customers(current))
                if analyzed is None
                else _reuse(analyzed, _customers(current))
            )
        ),
        "scorecard": scorecard,
    }
    rows = []
    for name in names:
        for f in RULES[name](current, period):
            rows.append({"rule": name, **f.__dict__})
    out = pd.DataFrame(
        rows, columns=["rule", "area", "kind", "severity", "text", "action", "evidence"]
    )
    order = {"risk": 0, "opportunity": 1, "context": 2}
    out["_kind"] = out["kind"].map(order)
    out = out.sort_values(["severity", "_kind"], ascending=[False, True], kind="stable")
    out = out.drop(columns="_kind").reset_index(drop=True)
    out.insert(0, "rank", np.arange(1, len(out) + 1))
    return out


def headline_kpis(
    ws: Workspace, brand: str, start: str, end: str, *, analyzed: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The numbers a manager asks for first, for the period, with their definitions.

    Parameters
    ----------
    ws : Workspace
    brand : str
    start, end : str
        The period (ISO dates).
    analyzed : pandas.DataFrame, optional
        :func:`analyzed_customers` for the same arguments, to reuse its sentiment labels;
        the comments are scored here when None.

    Returns
    -------
    pandas.DataFrame
        ``measure``, ``value`` (float), ``definition``.
    """
    from smmnb.expectations import sentiment
    from smmnb.metrics import engagements, kpis

    w = ws.filter(brand=brand, start=start, end=end)
    rows = []
    if len(w.ads):
        k = kpis(w.ads).iloc[0]
        rows += [
            ("ad spend", k["spend"], f"sum of spend ({ws.currency})"),
            ("conversions", k["conversions"], "sum of conversions from ads"),
            ("CPA", k["cpa"], "spend / conversions"),
            ("ROAS", k["roas"], "revenue / spend"),
        ]
    if len(w.posts):
        eng = engagements(w.posts)
        both = eng.notna() & w.posts["reach"].notna()
        rows += [
            ("posts", float(len(w.posts)), "posts published"),
            ("engagements", float(eng.sum()), "reactions + comments + shares + saves"),
            (
                "engagement rate on reach",
                float(eng[both].sum() / w.posts.loc[both, "reach"].sum()),
                "engagements / reach, pooled over posts that report both",
            ),
        ]
    customers = _customers(w)
    if len(customers):
        if analyzed is None:
            label = sentiment(customers["text"])["label"]
        else:
            label = _reuse(analyzed, customers)["sentiment"]
        rows.append(
            (
                "net sentiment",
                float((label == "positive").mean() - (label == "negative").mean()),
                "(positive - negative) / customer comments",
            )
        )
    mentions = w.mentions
    if len(mentions) and mentions["brand"].nunique() > 1:
        share = (mentions["brand"] == brand).mean()
        rows.append(("share of voice", float(share), "brand mentions / all brands' mentions"))
    return pd.DataFrame(rows, columns=["measure", "value", "definition"])
