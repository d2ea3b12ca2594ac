"""Findings for management, from rules over the analyses (so they are tested, not typed).

Each rule looks at one analysis and, when the data support it, returns a :class:`Finding`: a
sentence with its numbers, the evidence behind it, whether it is a risk or an opportunity,
how much it matters, and the action it suggests. :func:`findings` runs every rule and ranks
what they found; ``05_executive_summary.ipynb`` shows the first ones. The sentences are
written by :mod:`smmnb.narrative.summary`.

Every rule works on the brand and platform filter in force: a finding names the platform it
is about (or "all platforms"), money is in the ads' own currency (never amounts of different
currencies added together), and a rule whose analysis says the data are too thin
(:class:`~smmnb.errors.InsufficientData`) simply finds nothing. Targets are scored on their
own scope: a target set for all platforms is scored on all platforms even under a platform
filter, and its sentence says so.

Severity, used for the ranking: 3 = a target off track or a crisis sign (a mention spike),
2 = a target at risk, customers left without answers or a significant negative gap, 1 = an
opportunity backed by a significant test, 0 = context.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from smmnb import narrative as say
from smmnb.errors import InsufficientData
from smmnb.i18n import _
from smmnb.metrics import kpis, ratio
from smmnb.narrative import summary
from smmnb.workspace import TIME_COLUMNS, Workspace, local_time, previous_period

__all__ = [
    "COLUMNS",
    "RULES",
    "TREND_RULES",
    "Finding",
    "analyzed_customers",
    "calendar_findings",
    "findings",
    "headline_kpis",
    "money_sentences",
    "paced",
    "target_scorecard",
    "trend_findings",
]


@dataclass(frozen=True)
class Finding:
    """One thing management should know.

    Attributes
    ----------
    area : str
        ``targets``, ``listening``, ``customers``, ``campaigns``, ``influencers``, ``trends``,
        ``search``.
    kind : str
        ``risk`` or ``opportunity`` (or ``context``).
    severity : int
        3 (most urgent) to 0; see the module notes.
    text : str
        The finding, with its numbers, as one sentence (Markdown, data escaped).
    action : str
        What to do about it (Markdown, data escaped).
    evidence : dict
        The numbers behind it (codes and numbers, the same in every language).
    title : str
        A short title for it (a slide's; Markdown, data escaped).

    ``title``, ``text`` and ``action`` are written in the report language in force when the
    finding is built (``with smmnb.i18n.use("vi"): findings(...)`` gives Vietnamese);
    ``area`` and ``kind`` are codes (:func:`smmnb.narrative.summary.finding_heading` writes
    them).
    """

    area: str
    kind: str
    severity: int
    text: str
    action: str
    evidence: dict = field(default_factory=dict)
    title: str = ""


COLUMNS = ("rank", "rule", "area", "kind", "severity", "title", "text", "action", "evidence")
"""The columns of a table of findings (:func:`findings`, :func:`calendar_findings`)."""


# --------------------------------------------------------------------------------------------
# shared helpers


def _platforms(platforms) -> list[str] | None:
    return [str(p).lower() for p in platforms] if platforms else None


def _filter_text(platforms: list[str] | None) -> str:
    return summary.filter_words(platforms)


def _reading(ws: Workspace, customers: pd.DataFrame, labels_path: str = "", themes: str = ""):
    """(theme dictionary, sentiment model) as notebook 01 chooses them for these comments."""
    from smmnb.expectations import resolve_themes, sentiment_model

    choice = resolve_themes(customers["text"], themes, ws.settings)
    return choice.themes, sentiment_model(labels_path, ws.settings)


def _customers(ws: Workspace) -> pd.DataFrame:
    from smmnb.expectations import customer_comments

    return customer_comments(ws.comments)


def _money_currency(ws: Workspace) -> str | None:
    """The one currency of the workspace's ads.

    The reporting currency when there are no ads; None when the ads hold several (money
    cannot be added across them).
    """
    currencies = ws.currencies
    if not currencies:
        return ws.currency
    return currencies[0] if len(currencies) == 1 else None


def _currency_codes(ads: pd.DataFrame, currency: str) -> pd.Series:
    if "currency" not in ads.columns:
        return pd.Series(currency, index=ads.index, dtype="object")
    return ads["currency"].astype("str").where(ads["currency"].notna(), currency)


def _has_rows(ws: Workspace, brand: str) -> bool:
    """Whether the (filtered) workspace holds any observed row of ``brand``."""
    for name in TIME_COLUMNS:
        if name == "calendar":
            continue
        df = ws[name]
        if name == "mentions":
            df = df[df["brand"] == brand]
        if len(df):
            return True
    return False


def analyzed_customers(
    ws: Workspace,
    brand: str,
    start: str,
    end: str,
    *,
    platforms: list[str] | None = None,
    labels_path: str = "",
    themes: str = "",
) -> pd.DataFrame:
    """The period's customer comments on the brand's channels, analysed.

    The comments pass through :func:`smmnb.expectations.analyze` with the theme dictionary
    and sentiment model notebook 01 uses (``themes`` / ``labels_path`` parameters, else
    ``smmnb.yml``, else the built-in dictionary covering the most comments and the lexicon),
    so the two reports agree. Pass the result as ``analyzed=`` to :func:`headline_kpis` and
    :func:`findings` (same arguments) so that a notebook analyses these comments once.
    """
    from smmnb.expectations import analyze

    scoped = ws.filter(brand=brand, platforms=_platforms(platforms)).filter(start=start, end=end)
    customers = _customers(scoped)
    theme_dict, model = _reading(ws, customers, labels_path, themes)
    return analyze(customers, themes_dict=theme_dict, model=model)


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


# --------------------------------------------------------------------------------------------
# headline numbers


def headline_kpis(
    ws: Workspace,
    brand: str,
    start: str,
    end: str,
    *,
    platforms: list[str] | None = None,
    sla: str = "1h",
    analyzed: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The numbers a manager asks for first, for the period, with their definitions.

    Parameters
    ----------
    ws : Workspace
        The whole workspace (the brand and platform filters are applied here).
    brand : str
    start, end : str
        The period (ISO dates).
    platforms : list of str, optional
        The platform filter; empty means all.
    sla : str
        The promised response time (``"1h"``): the share of customer comments answered
        within it is given when the data hold brand replies.
    analyzed : pandas.DataFrame, optional
        :func:`analyzed_customers` for the same arguments, to reuse its sentiment labels;
        the comments are scored here when None.

    Returns
    -------
    pandas.DataFrame
        ``measure``, ``value`` (float; NaN where a rate has no denominator), ``kind``
        (``count``, ``money``, ``rate``, ``signed``, ``ratio``), ``currency`` (money rows:
        one row per currency of the ads, never a sum across currencies) and ``definition``.
        ``attrs["brands"]`` lists the brands share of voice is computed among,
        ``attrs["follower_platforms"]`` the platforms whose followers are summed,
        ``attrs["view_platforms"]`` the platforms whose account-level daily views
        (``channel_daily``) are summed.

    Raises
    ------
    InsufficientData
        When the period holds no ads, posts, comments, mentions, followers, web sessions or
        account-level daily views of the brand.
    """
    from smmnb.expectations import (
        has_brand_replies,
        net_sentiment,
        response_times,
        sentiment,
        sentiment_model,
    )

    defs = summary.HEADLINE_DEFINITIONS
    scope = ws.filter(brand=brand, platforms=_platforms(platforms))
    w = scope.filter(start=start, end=end)
    rows: list[tuple] = []

    def add(measure, value, kind="count", currency=None, note=None):
        definition = _(defs[measure]) + (f" ({note})" if note else "")
        rows.append((measure, float(value), kind, currency, definition))

    ads = w.ads
    if len(ads):
        codes = _currency_codes(ads, ws.currency)
        per = {code: kpis(g).iloc[0] for code, g in ads.groupby(codes, sort=True)}
        reported = lambda c: c in ads.columns and ads[c].notna().any()  # noqa: E731
        for code, k in per.items():
            add("ad spend", k["spend"], "money", code, code)
        if reported("conversions"):
            add("conversions", ads["conversions"].astype("float64").sum())
            for code, k in per.items():
                add("CPA", k["cpa"], "money", code, code)
        if reported("revenue"):
            for code, k in per.items():
                add("ROAS", k["roas"], "ratio", code)
    if len(w.posts):
        pooled = kpis(w.posts).iloc[0]  # metrics' definitions: one number per KPI
        add("posts", len(w.posts))
        add("engagements", pooled["engagements"])  # NaN when no post reports any
        add("engagement rate on reach", pooled["er_reach"], "rate")
    customers = _customers(w)
    if len(customers):
        if analyzed is None:
            model = sentiment_model("", ws.settings)
            label = sentiment(customers["text"], engine=model or "lexicon")["label"]
        else:
            label = _reuse(analyzed, customers)["sentiment"]
        add("customer comments", len(customers))
        add("net sentiment", net_sentiment(label), "signed")
        history = scope.filter(end=end).comments
        if has_brand_replies(history):  # response figures only when the data hold brand replies
            times = response_times(history, sla=sla)
            times = times[times["comment_id"].isin(customers["comment_id"])]
            add("answered", times["answered"].mean(), "rate")
            within, sla_text = times["within_sla"].mean(), say.duration(sla)
            add("answered within the SLA", within, "rate", note=sla_text)
    brands: list[str] = []
    follower_platforms: list[str] = []
    mentions = w.mentions
    tracked = {brand, *ws.competitors_of(brand)}
    mentions = mentions[mentions["brand"].astype("str").isin(tracked)]
    if (mentions["brand"] == brand).any():
        add("mentions", int((mentions["brand"] == brand).sum()))
        brands = sorted(mentions["brand"].astype("str").unique())
        if len(brands) >= 2:
            add("share of voice", (mentions["brand"] == brand).mean(), "rate")
    followers = w.followers
    if len(followers):
        level = followers.sort_values("date").groupby("platform", observed=True)["followers"]
        last = level.last().astype("float64")
        add("followers", last.sum())
        follower_platforms = [str(p) for p in last.index]
        before = scope.followers
        day_before = pd.Timestamp(start) - pd.Timedelta(days=1)
        before = (
            before[before["date"] == day_before]
            .groupby("platform", observed=True)["followers"]
            .last()
        )
        if len(before) and set(last.index) <= set(before.index):
            add("follower change", (last - before.reindex(last.index).astype("float64")).sum())
    view_platforms: list[str] = []
    daily = w.channel_daily[w.channel_daily["views"].notna()]
    if len(daily):  # account-level views add up over days and platforms (reach would not)
        per_day = daily.groupby("date")["views"].sum().astype("float64")
        add("views", per_day.sum())
        add("views per day", per_day.mean())
        view_platforms = sorted(daily["platform"].dropna().astype("str").unique())
    web = w.web_sessions
    if len(web):
        sessions = float(web["sessions"].astype("float64").sum())
        add("web sessions", sessions)
        if web["conversions"].notna().any():
            conversions = float(web["conversions"].astype("float64").sum())
            add("web conversions", conversions)
            add("web conversion rate", ratio(conversions, sessions), "rate")
    if not rows:
        raise InsufficientData(summary.nothing_in_period(brand, start, end))
    out = pd.DataFrame(rows, columns=["measure", "value", "kind", "currency", "definition"])
    out.attrs["brands"] = brands
    out.attrs["follower_platforms"] = follower_platforms
    out.attrs["view_platforms"] = view_platforms
    return out


def money_sentences(ws: Workspace, brand: str, platforms: list[str] | None = None) -> list[str]:
    """Sentences about money: why it is shown per currency, and the conversions made."""
    scoped = ws.filter(brand=brand, platforms=_platforms(platforms))
    out = []
    if len(scoped.currencies) > 1:
        out.append(summary.currencies_apart(scoped.currencies))
    elif scoped.currencies and scoped.currencies != [ws.currency]:
        out.append(summary.other_currency(scoped.currencies[0], ws.currency))
    out += [summary.conversion_note(note) for note in ws.money_notes]
    return out


# --------------------------------------------------------------------------------------------
# targets


def target_scorecard(
    ws: Workspace,
    brand: str,
    start: str,
    end: str,
    *,
    platforms: list[str] | None = None,
    as_of: str | None = None,
) -> pd.DataFrame:
    """The brand's targets that overlap the period, scored under the platform filter.

    :func:`smmnb.campaigns.scorecard` on the brand, the filtered platforms and every date.
    Under a platform filter, the targets of the filtered platforms are scored and those set
    for all platforms are listed but not paced (``covers_all``; status ``not_paced``):
    their actual would be the filtered platforms' share only. Money targets (spend, CPA,
    CPC, CPM) are in the reporting currency and are not paced when the ads are in another
    currency, or in several, without exchange rates.

    Parameters
    ----------
    ws : Workspace
        The whole workspace (targets and every date of the tables they are scored on).
    brand : str
    start, end : str
        The period (ISO dates); targets whose period overlaps it are kept.
    platforms : list of str, optional
        The platform filter in force; empty means all.
    as_of : str, optional
        The day targets are scored on; default ``end``.

    Returns
    -------
    pandas.DataFrame
        :func:`smmnb.campaigns.scorecard`'s columns plus ``covers_all``; ``attrs`` holds
        ``ads_currencies`` and ``currency`` (the reporting currency).

    Raises
    ------
    InsufficientData
        When no target can be listed: the folder has none, none for the brand, none in the
        period or for the filtered platforms.
    """
    from smmnb.campaigns import ALL_PLATFORMS_NOTE, scorecard

    what = _("Scoring KPIs against targets")
    targets = ws.targets
    if targets.empty:
        raise InsufficientData(
            say.needs(
                what, _("a targets table (KPI, target and period)"), _("this folder has none")
            )
        )
    if not (targets["brand"] == brand).any():
        raise InsufficientData(
            say.needs(
                what,
                _("targets for {brand}").format(brand=brand),
                _only(
                    targets["brand"],
                    _("this folder has targets for {names} only"),
                    _("this folder has targets for {names}"),
                ),
            )
        )
    mine = targets[targets["brand"] == brand]
    wanted = _platforms(platforms)
    scoped = ws.filter(brand=brand, platforms=wanted)
    kept = scoped.filter(start=start, end=end).targets
    in_period = ws.filter(brand=brand, start=start, end=end).targets
    if kept.empty and not in_period.empty:
        raise InsufficientData(
            say.needs(
                what,
                _("targets for {platforms} or for all platforms").format(
                    platforms=say.platforms(wanted, "or")
                ),
                _only(
                    in_period["platform"].dropna().map(say.platform_name),
                    _("the targets of {brand} in this period are for {names} only"),
                    _("the targets of {brand} in this period are for {names}"),
                    brand=brand,
                ),
            )
        )
    if kept.empty:
        raise InsufficientData(
            say.needs(
                what,
                _("targets for {brand} whose period overlaps {period}").format(
                    brand=brand, period=say.period(start, end)
                ),
                _("its targets run from {first} to {last}").format(
                    first=say.day(mine["period_start"].min()),
                    last=say.day(mine["period_end"].max()),
                ),
            )
        )
    scoped = replace(scoped, tables={**scoped.tables, "targets": kept.reset_index(drop=True)})
    out = scorecard(scoped, as_of=as_of or end, platforms=wanted)
    out["covers_all"] = (out["note"] == ALL_PLATFORMS_NOTE).to_numpy()
    out.attrs["ads_currencies"] = scoped.currencies
    out.attrs["currency"] = ws.currency
    return out


def _only(values: pd.Series, one: str, several: str, **fields) -> str:
    """``one`` or ``several`` (translated templates with ``{names}``) for the distinct values."""
    names = sorted({str(v) for v in values.dropna()})
    template = one if len(names) == 1 else several
    return template.format(names=say.listing(names) if names else say.brands_in(values), **fields)


def paced(sc: pd.DataFrame) -> pd.DataFrame:
    """The rows of a scorecard that were scored (on track, at risk or off track)."""
    return sc[sc["status"].isin(["on_track", "at_risk", "off_track"])].reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# rules


def _off_track(ws: Workspace, period: dict) -> list[Finding]:
    sc = period["scorecard"]
    if sc is None:
        sc = target_scorecard(
            period["workspace"], period["brand"], period["start"], period["end"],
            platforms=period["platforms"], as_of=period["as_of"],
        )  # fmt: skip
    if sc.empty:
        return []
    currency = period["workspace"].currency
    out = []
    for r in sc[sc["status"].isin(["off_track", "at_risk"])].itertuples():
        if not (say.is_number(r.actual) and say.is_number(r.forecast)):
            continue
        out.append(
            Finding(
                "targets",
                "risk",
                3 if r.status == "off_track" else 2,
                summary.target_finding(r, currency, period["as_of"]),
                summary.target_action(r, currency),
                {
                    "kpi": r.kpi,
                    "platform": r.platform,
                    "campaign": r.campaign,
                    "direction": r.direction,
                    "actual": r.actual,
                    "target": r.target,
                    "forecast": r.forecast,
                    "pace": r.pace,
                },  # fmt: skip
                summary.target_title(r),
            )
        )
    return out


MIN_SPIKE = 10
"""Fewest mentions in a day for a spike to be reported as a crisis sign (4 mentions against
none is a spike to the test, not news to management)."""


def _spikes(ws: Workspace, period: dict) -> list[Finding]:
    from smmnb.trends import explain_spike, spikes

    brand = period["brand"]
    if not (ws.mentions["brand"] == brand).any():
        return []
    history = period["history"].mentions
    history = history[history["brand"] == brand]
    table = spikes(history, freq="D", tz=ws.timezone)
    start, end = pd.Timestamp(period["start"]), pd.Timestamp(period["end"])
    hits = table[
        table["is_spike"].fillna(False).astype(bool)
        & table["period"].between(start, end)
        & (table["count"] >= MIN_SPIKE)
    ]
    out = []
    for r in hits.sort_values("score", ascending=False).head(2).itertuples():
        try:
            why = explain_spike(history, r.period, tz=ws.timezone, exclude=ws.brands)
            terms = [str(t) for t in why.terms["term"].head(4)] if len(why.terms) else []
        except InsufficientData:
            terms = []
        out.append(
            Finding(
                "listening",
                "risk",
                3,
                summary.spike_finding(brand, r.period, r.count, r.baseline, terms),
                summary.spike_action(),
                {
                    "day": r.period,
                    "count": r.count,
                    "baseline": r.baseline,
                    "score": r.score,
                    "terms": ", ".join(terms),
                },  # fmt: skip
                summary.spike_title(r.period),
            )
        )
    return out


def _unanswered(ws: Workspace, period: dict) -> list[Finding]:
    from smmnb.expectations import response_summary, response_times
    from smmnb.expectations.comments import brand_replies

    replies = brand_replies(ws.comments)
    if replies.empty:
        return []  # the data hold no brand replies: response figures would be made up
    replying = set(replies["platform"].astype("str"))
    analyzed = period["analyzed"]()
    intent = ws.comments["comment_id"].map(analyzed.set_index("comment_id")["intent"])
    times = response_times(ws.comments.assign(intent=intent), sla=period["sla"])
    questions = times[
        (times["intent"] == "question") & times["platform"].astype("str").isin(replying)
    ]
    if questions.empty:
        return []
    table = response_summary(questions).set_index("platform")
    table = table[table["comments"] >= 20]
    if len(table) < 2:
        return []  # one platform: nothing to compare it with
    worst = table["response_rate"].idxmin()
    others = table.drop(worst)
    others_rate = ratio(others["answered"].sum(), others["comments"].sum())
    if table.loc[worst, "response_rate"] > 0.8 * others_rate:
        return []
    row = table.loc[worst]
    return [
        Finding(
            "customers",
            "risk",
            2,
            summary.unanswered_finding(
                str(worst),
                row["response_rate"],
                row["comments"],
                row["median_hours"],
                others_rate,
                [str(p) for p in others.index],
                row["within_sla"],
                period["sla"],
            ),
            summary.unanswered_action(str(worst)),
            {
                "platform": str(worst),
                "questions": int(row["comments"]),
                "response_rate": float(row["response_rate"]),
                "others_rate": float(others_rate),
            },  # fmt: skip
            summary.unanswered_title(str(worst)),
        )
    ]


def _gap(ws: Workspace, period: dict) -> list[Finding]:
    from smmnb.expectations import analyze, expectation_gaps, theme_labels

    customers = _customers(ws)
    if len(customers) < 50:
        return []
    themes, model = period["reading"]()
    before = _customers(period["previous"])
    gaps = expectation_gaps(
        period["analyzed"](),
        analyze(before, themes_dict=themes, model=model) if len(before) else None,
    )
    if gaps.empty:
        return []
    top = gaps.iloc[0]
    if not top["negative"] > 0:
        return []
    # the theme's label in the report language in force (not smmnb.yml's default language)
    label = theme_labels(themes).get(top["theme"], top["theme"])
    significant = bool(top["significant"]) if say.is_number(top["change"]) else None
    rising = bool(significant and top["change"] > 0)
    return [
        Finding(
            "customers",
            "risk",
            2 if rising else 1,
            summary.gap_finding(
                label,
                top["negative"],
                top["share_negative"],
                top["comments"],
                top["change"],
                significant,
            ),
            summary.gap_action(label),
            {
                "theme": top["theme"],
                "negative": int(top["negative"]),
                "comments": int(top["comments"]),
                "share_negative": float(top["share_negative"]),
            },  # fmt: skip
            summary.gap_title(label),
        )
    ]


def _creative_winners(tests: pd.DataFrame) -> pd.DataFrame:
    """The significant winners of :func:`smmnb.campaigns.creative_tests`, best first.

    Columns ``group``, ``ad``, ``rate``, ``others_rate``, ``lift``, ``p_holm``: each ad
    tested against the pooled other ads of its campaign and found significantly better. An
    ad that was not tested (too few impressions or clicks) is never a winner.
    """
    if "comparison" in tests.columns:
        keep = (
            (tests["comparison"] == "rest")
            & tests["tested"].fillna(False).astype(bool)
            & tests["significant"].fillna(False).astype(bool)
            & (tests["diff"] > 0)
        )
        t = tests[keep]
        out = pd.DataFrame(
            {"group": t["group"], "ad": t["ad"], "rate": t["rate"], "others_rate": t["other_rate"],
             "rel_change": t["rel_change"], "p_holm": t["p_holm"]}
        )  # fmt: skip
    else:  # the former pairwise table: the better ad of a significant pair
        t = tests[tests["significant"].fillna(False).astype(bool) & (tests["rel_change"] > 0)]
        out = pd.DataFrame(
            {"group": t["group"], "ad": t["ad_b"], "rate": t["rate_b"], "others_rate": t["rate_a"],
             "rel_change": t["rel_change"], "p_holm": t["p_holm"]}
        )  # fmt: skip
    out = out[out["rel_change"].map(say.is_number) & out["rate"].map(say.is_number)]
    return out.sort_values("rel_change", ascending=False, kind="stable").reset_index(drop=True)


def _creatives(ws: Workspace, period: dict) -> list[Finding]:
    from smmnb.campaigns import creative_tests

    if ws.ads.empty:
        return []
    winners = _creative_winners(creative_tests(ws.ads))
    if winners.empty:
        return []
    best = winners.iloc[0]
    return [
        Finding(
            "campaigns",
            "opportunity",
            1,
            summary.creative_finding(
                str(best["group"]),
                str(best["ad"]),
                best["rate"],
                best["others_rate"],
                best["rel_change"],
                period["filter_text"],
            ),
            summary.creative_action(str(best["group"]), str(best["ad"])),
            {
                "campaign": str(best["group"]),
                "winner": str(best["ad"]),
                "rate": float(best["rate"]),
                "others_rate": float(best["others_rate"]),
                "rel_change": float(best["rel_change"]),
                "p_holm": float(best["p_holm"]),
            },  # fmt: skip
            summary.creative_title(str(best["group"]), str(best["ad"])),
        )
    ]


def _active(campaigns: pd.Series, period: dict) -> pd.Series:
    """Whether each campaign ran in the period, as its ads date it (unknown: kept)."""
    ads = period["brand_ws"].ads
    names = ads["campaign"].astype("str")
    first, last = ads.groupby(names)["date"].min(), ads.groupby(names)["date"].max()
    start, end = pd.Timestamp(period["start"]), pd.Timestamp(period["end"])
    known = campaigns.astype("str").isin(first.index)
    ran = (campaigns.astype("str").map(last) >= start) & (campaigns.astype("str").map(first) <= end)
    return ~known | ran.fillna(False).astype(bool)


def _influencer(ws: Workspace, period: dict) -> list[Finding]:
    from smmnb.campaigns import influencers

    if ws.influencers.empty:
        return []
    table = influencers(ws.influencers)
    table = table[table["cpe"].map(say.is_number) & (table["cpe"] > 0)]
    flagged = table[table["check_audience"] & _active(table["campaign"], period)]
    if flagged.empty:
        return []
    worst, best = flagged.iloc[-1], table.iloc[0]
    if worst["influencer"] == best["influencer"]:
        return []  # the only one, or the cheapest: nothing to compare it with
    currency = period["workspace"].currency
    return [
        Finding(
            "influencers",
            "risk",
            1,
            summary.influencer_finding(
                str(worst["influencer"]),
                str(worst["campaign"]),
                worst["followers"],
                worst["cpe"],
                worst["cpe"] / best["cpe"],
                str(best["influencer"]),
                best["cpe"],
                worst["er_impressions"],
                currency,
            ),
            summary.influencer_action(str(worst["influencer"]), str(best["influencer"])),
            {
                "influencer": worst["influencer"],
                "cpe": float(worst["cpe"]),
                "best": best["influencer"],
                "best_cpe": float(best["cpe"]),
                "currency": currency,
            },  # fmt: skip
            summary.influencer_title(str(worst["influencer"])),
        )
    ]


def _emerging(ws: Workspace, period: dict) -> list[Finding]:
    from smmnb.trends import emerging

    mentions = period["until_as_of"].mentions
    if mentions.empty or ws.mentions.empty:
        return []
    table = emerging(
        mentions,
        recent=f"{int(period['recent_days'])}D",
        baseline=f"{int(period['baseline_days'])}D",
        as_of=period["as_of_given"] or None,  # default: the last day with mentions
        tz=ws.timezone,
        exclude=period["workspace"].brands,
        shrink=True,
    )
    sig = table[table["significant"].fillna(False).astype(bool)]
    sig = sig[sig["ratio"].map(say.is_number) & (sig["ratio"] > 1)]
    if sig.empty:
        return []
    top = sig.iloc[0]
    recent, baseline = table.attrs["recent"], table.attrs["baseline"]
    return [
        Finding(
            "trends",
            "opportunity",
            1,
            summary.emerging_finding(
                str(top["term"]), top["count_recent"], recent, top["ratio"], baseline
            ),
            summary.emerging_action(str(top["term"])),
            {
                "term": top["term"],
                "count_recent": int(top["count_recent"]),
                "ratio": float(top["ratio"]),
                "q_value": float(top["q_value"]),
            },  # fmt: skip
            summary.emerging_title(str(top["term"])),
        )
    ]


def _best_time(ws: Workspace, period: dict) -> list[Finding]:
    from smmnb.trends import best_time

    posts = ws.posts.dropna(subset=["reach"])
    if len(posts) < 100:
        return []
    local = local_time(posts["published_at"], ws.timezone)
    if (local == local.dt.normalize()).all():
        return []  # dates without times: no hour to recommend
    slots = best_time(posts, tz=ws.timezone, relative_to=["platform", "format"])
    if slots.empty:
        return []
    top = slots.head(5)
    if top["ci_low"].min() <= 1.0 or not say.is_number(top["value"].mean()):
        return []  # the best slots are not clearly above comparable posts
    days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    codes = [f"{days[int(r.weekday)]} {int(r.hour):02d}:00" for r in top.itertuples()]
    where = [summary.slot_words(r.weekday, r.hour) for r in top.itertuples()]
    return [
        Finding(
            "trends",
            "opportunity",
            1,
            summary.best_time_finding(where, top["value"].mean(), period["filter_text"]),
            summary.best_time_action(),
            {"slots": ", ".join(codes), "index": float(top["value"].mean())},
            summary.best_time_title(period["filter_text"]),
        )
    ]


def _formats(ws: Workspace, period: dict) -> list[Finding]:
    from smmnb.trends import compare_formats

    # the comparison notebook 03 shows: all the brand's posts up to the end of the period
    posts = period["history"].posts
    if len(posts) < 50:
        return []
    try:
        table = compare_formats(posts)
    except InsufficientData:
        return []
    if table.attrs["baseline"] != "image":
        return []  # the finding's sentence compares with images
    wins = table[table["significant"].fillna(False).astype(bool) & (table["ratio"] > 1)]
    wins = wins[wins["ratio"].map(say.is_number)]
    if wins.empty:
        return []
    top = wins.sort_values("ratio").iloc[-1]
    others = wins.loc[wins["platform"] != top["platform"], "platform"].nunique()
    return [
        Finding(
            "trends",
            "opportunity",
            1,
            summary.formats_finding(str(top["format"]), str(top["platform"]), top["ratio"], others),
            summary.formats_action(str(top["format"]), str(top["platform"])),
            {"platform": top["platform"], "format": top["format"], "ratio": float(top["ratio"])},
            summary.formats_title(str(top["format"]), str(top["platform"])),
        )
    ]


def _lift(ws: Workspace, period: dict) -> list[Finding]:
    from smmnb.campaigns import campaign_lift

    history = period["history"]
    if history.web_sessions.empty or history.ads.empty:
        return []
    found = campaign_lift(
        history, period["lift_campaign"], start=period["start"], end=period["end"],
        platforms=period["platforms"],
    )  # fmt: skip
    if found.last < pd.Timestamp(period["start"]):
        return []  # the campaign ended before the period
    result = found.result
    if not (result.significant and result.effect > 0):
        return []
    return [
        Finding(
            "campaigns",
            "opportunity",
            1,
            summary.lift_finding(
                found.campaign,
                found.first,
                found.last,
                result.effect,
                result.rel_change,
                result.ci_low,
                result.ci_high,
                found.overlapping,
                period["platforms"] or (),
                result.daily.index.min(),
            ),  # fmt: skip
            summary.lift_action(found.campaign, result.effect, found.overlapping),
            {"campaign": found.campaign, "effect": result.effect, "p_value": result.p_value},
            summary.lift_title(found.campaign),
        )
    ]


# --------------------------------------------------------------------------------------------
# search (Search Console)

MIN_MISSING_CLICKS = 10
"""Fewest missing clicks for a CTR gap to be a finding (a significant shortfall of 3 clicks is
real to the test, not worth a manager's time)."""


def _search_in_scope(period: dict) -> bool:
    """Whether Google Search belongs to the report: no platform filter, or one naming google.

    Search Console's clicks come from Google's results, not from the platforms of a filter
    (TikTok, Facebook...): a report filtered to them says nothing about search.
    """
    return not period["platforms"] or "google" in period["platforms"]


def _search_terms(period: dict) -> pd.DataFrame | None:
    """The brand's Search Console terms of downloads that end by the end of the period."""
    if not _search_in_scope(period):
        return None
    terms = period["brand_ws"].tables.get("search_terms")
    if terms is None or terms.empty:
        return None
    terms = terms[pd.to_datetime(terms["period_end"]) <= pd.Timestamp(period["end"])]
    return terms if len(terms) else None


def _branded_names(period: dict) -> list[str]:
    """The brand's and its competitors' names and variants.

    Their queries follow a CTR curve of their own (people searching a name click it).
    """
    from smmnb.search import brand_terms

    whole, brand = period["workspace"], period["brand"]
    names = brand_terms(whole, brand)
    for other in whole.competitors_of(brand):
        names += brand_terms(whole, other)
    return names


def _search_gap(ws: Workspace, period: dict) -> list[Finding]:
    """The query (else the page) of the latest download that missed the most clicks.

    Queries first: a page's position averages queries at very different positions, and CTR
    is not linear in position, so a page's expected CTR is rougher than a query's.
    """
    from smmnb.search import ctr_gaps

    terms = _search_terms(period)
    if terms is None:
        return []
    start = pd.Timestamp(period["start"])
    best = None
    for kind in ("query", "page"):
        exclude = _branded_names(period) if kind == "query" else ()
        try:
            gaps = ctr_gaps(terms, kind=kind, exclude=exclude)
        except InsufficientData:
            continue
        keep = gaps["significant"].astype(bool) & (gaps["missing_clicks"] >= MIN_MISSING_CLICKS)
        keep &= pd.to_datetime(gaps["period_end"]) >= start  # a download of the period
        if not keep.any():
            continue
        best = (kind, gaps[keep].iloc[0])
        break
    if best is None:
        return []
    kind, top = best
    fields = {
        "term": say.esc(str(top["term"])),
        "impressions": say.count(top["impressions"], "impression"),
        "first": say.day(top["period_start"]),
        "last": say.day(top["period_end"]),
        "position": say.number(top["position"], 1),
        "clicks": say.count(top["clicks"], "click"),
        "ctr": say.pct(top["ctr"], 1),
        "expected": say.pct(top["expected_ctr"], 1),
        "missing": say.count(top["missing_clicks"], "click"),
    }
    if kind == "query":
        text = _(
            "'{term}' had {impressions} in Google Search from {first} to {last} at an average "
            "position of {position} but got {clicks} (a CTR of {ctr}); queries at that position "
            "on this site usually get a CTR of {expected}, so about {missing} were missed "
            "(significant)."
        ).format(**fields)
        title = _("'{term}' gets fewer clicks than its position should bring").format(**fields)
        action = _(
            "Rewrite the title and description of the page that ranks for '{term}' so that they "
            "answer the search, then compare its CTR in the next download."
        ).format(**fields)
    else:
        text = _(
            "The page {term} had {impressions} in Google Search from {first} to {last} at an "
            "average position of {position} but got {clicks} (a CTR of {ctr}); pages at that "
            "position on this site usually get a CTR of {expected}, so about {missing} were "
            "missed (significant)."
        ).format(**fields)
        title = _("{term} gets fewer clicks than its position should bring").format(**fields)
        action = _(
            "Rewrite the title and description of {term} so that they answer the searches that "
            "show it, then compare its CTR in the next download."
        ).format(**fields)
    evidence = {
        "kind": kind, "term": str(top["term"]), "position": float(top["position"]),
        "impressions": int(top["impressions"]), "clicks": int(top["clicks"]),
        "expected_ctr": float(top["expected_ctr"]), "missing_clicks": float(top["missing_clicks"]),
        "q_value": float(top["q_value"]),
    }  # fmt: skip
    return [Finding("search", "opportunity", 1, text, action, evidence, title)]


def _search_movers(ws: Workspace, period: dict) -> list[Finding]:
    from smmnb.search import movers

    terms = _search_terms(period)
    if terms is None:
        return []
    table = movers(terms, kind="query")
    (b_first, b_last), (first, last) = table.attrs["before"], table.attrs["after"]
    if last < pd.Timestamp(period["start"]):
        return []  # the latest download ended before the period
    sig = table[table["significant"] & np.isfinite(table["ratio"])]
    if sig.empty:
        return []
    top = sig.iloc[0]
    rising = bool(top["change"] > 0)
    fields = {
        "term": say.esc(str(top["term"])),
        "after": say.number(top["per_day_after"], 1),
        "before": say.number(top["per_day_before"], 1),
        "first": say.day(first), "last": say.day(last),
        "b_first": say.day(b_first), "b_last": say.day(b_last),
        "change": say.signed_pct(top["ratio"] - 1),
        "low": say.signed_pct(top["ci_low"] - 1), "high": say.signed_pct(top["ci_high"] - 1),
        "pos_before": say.number(top["position_before"], 1),
        "pos_after": say.number(top["position_after"], 1),
    }  # fmt: skip
    if say.is_number(top["position_before"]) and say.is_number(top["position_after"]):
        text = _(
            "Searches for '{term}' brought {after} clicks a day from Google from {first} to "
            "{last}, against {before} a day from {b_first} to {b_last} ({change}; 95% interval "
            "{low} to {high}, significant); its average position was {pos_before}, then "
            "{pos_after}."
        ).format(**fields)
    else:
        text = _(
            "Searches for '{term}' brought {after} clicks a day from Google from {first} to "
            "{last}, against {before} a day from {b_first} to {b_last} ({change}; 95% interval "
            "{low} to {high}, significant)."
        ).format(**fields)
    if rising:
        title = _("'{term}' brings more clicks from search").format(**fields)
        action = _(
            "Give '{term}' a place in the content plan (posts, a page that answers it) while "
            "searches for it grow."
        ).format(**fields)
    else:
        title = _("'{term}' brings fewer clicks from search").format(**fields)
        action = _(
            "Check the page that ranks for '{term}' (its position, its title, recent changes "
            "to it); if interest in the topic itself is falling, move effort elsewhere."
        ).format(**fields)
    evidence = {
        "term": str(top["term"]), "per_day_before": float(top["per_day_before"]),
        "per_day_after": float(top["per_day_after"]), "ratio": float(top["ratio"]),
        "ci_low": float(top["ci_low"]), "ci_high": float(top["ci_high"]),
        "q_value": float(top["q_value"]),
    }  # fmt: skip
    kind, severity = ("opportunity", 1) if rising else ("risk", 1)
    return [Finding("search", kind, severity, text, action, evidence, title)]


def _search_lift(ws: Workspace, period: dict) -> list[Finding]:
    from smmnb.i18n import ngettext
    from smmnb.search import MEASURED_BRANDED, campaign_search_lift, campaign_search_lifts

    history = period["history"]
    daily = history.tables.get("search_daily")
    if daily is None or daily.empty or history.ads.empty or not _search_in_scope(period):
        return []
    campaign = period["lift_campaign"]
    if not campaign:  # the flight of the period with the largest significant lift, if any
        flights = campaign_search_lifts(history, period["brand"], start=period["start"],
                                        end=period["end"])  # fmt: skip
        up = flights[flights["reason"].eq("") & flights["significant"].fillna(False).astype(bool)
                     & (flights["ci_low"] > 0)
                     & (flights["last"] >= pd.Timestamp(period["start"]))]  # fmt: skip
        if up.empty:
            return []
        campaign = str(up.sort_values("rel_change").iloc[-1]["campaign"])
    found = campaign_search_lift(
        history, period["brand"], campaign, start=period["start"], end=period["end"],
    )  # fmt: skip
    if found.end < pd.Timestamp(period["start"]):
        return []  # the campaign ended before the period
    result = found.result
    if not (result.significant and result.ci_low > 0):
        return []
    fields = {
        "campaign": say.esc(found.campaign), "first": say.day(found.start),
        "last": say.day(found.end), "effect": say.count(result.effect, "click"),
        "rel": say.signed_pct(result.rel_change), "low": say.count(result.ci_low),
        "high": say.count(result.ci_high),
    }  # fmt: skip
    if found.measured == MEASURED_BRANDED:
        text = _(
            "During {campaign} ({first} to {last}) branded searches on Google brought {effect} "
            "more than expected ({rel}; 95% interval {low} to {high}), a significant lift."
        ).format(**fields)
        title = _("{campaign} lifted branded search").format(**fields)
    else:
        text = _(
            "During {campaign} ({first} to {last}) Google Search brought {effect} more than "
            "expected ({rel}; 95% interval {low} to {high}), a significant lift; the daily "
            "download is not filtered to branded queries, so these are all search clicks."
        ).format(**fields)
        title = _("{campaign} lifted clicks from Google Search").format(**fields)
    if found.overlapping:
        since = say.day(result.daily.index.min())
        text += " " + ngettext(
            "{others} also started or stopped from {since} to {last}, the days compared, so the "
            "lift may be its too.",
            "{others} also started or stopped from {since} to {last}, the days compared, so the "
            "lift may be theirs too.",
            len(found.overlapping),
        ).format(others=say.listing(found.overlapping), since=since, last=fields["last"])
    action = _(
        "Count the extra {effect} from Google Search in the results of {campaign}, and have the "
        "search side ready (page titles, a landing page) before its next flight."
    ).format(**fields)
    evidence = {
        "campaign": found.campaign, "measured": found.measured, "effect": result.effect,
        "ci_low": result.ci_low, "ci_high": result.ci_high, "p_value": result.p_value,
    }  # fmt: skip
    return [Finding("campaigns", "opportunity", 1, text, action, evidence, title)]


RULES: dict[str, Callable[[Workspace, dict], list[Finding]]] = {
    "off_track_kpis": _off_track,
    "mention_spikes": _spikes,
    "unanswered_customers": _unanswered,
    "expectation_gap": _gap,
    "creative_winner": _creatives,
    "campaign_lift": _lift,
    "search_lift": _search_lift,
    "influencer_check": _influencer,
    "emerging_topic": _emerging,
    "best_time": _best_time,
    "formats": _formats,
    "search_ctr_gap": _search_gap,
    "search_movers": _search_movers,
}
"""Every rule, by name, in the order they are tried."""


TREND_RULES = ("mention_spikes", "emerging_topic", "best_time", "formats")
"""The rules about trends, whose actions notebook 03 recommends (see :func:`trend_findings`)."""


def trend_findings(
    ws: Workspace,
    brand: str,
    start: str,
    end: str,
    *,
    platforms: list[str] | None = None,
    as_of: str | None = None,
    recent_days: int = 14,
    baseline_days: int = 56,
    scorecard: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """What the trends report recommends: the trend rules and the follower targets behind.

    The findings of :data:`TREND_RULES` and those of ``off_track_kpis`` about followers
    targets, ranked as :func:`findings` ranks them (``rank`` renumbered), so notebook 03
    and the executive summary act on the same rules. Arguments as for :func:`findings`.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`findings`.

    Raises
    ------
    InsufficientData
        When the period holds no data of the brand at all.
    """
    found = findings(
        ws, brand, start, end, platforms=platforms, as_of=as_of, recent_days=recent_days,
        baseline_days=baseline_days, rules=["off_track_kpis", *TREND_RULES],
        scorecard=scorecard,
    )  # fmt: skip
    followers = found["evidence"].map(lambda e: e.get("kpi") == "followers").astype(bool)
    out = found[(found["rule"] != "off_track_kpis") | followers].reset_index(drop=True)
    out["rank"] = np.arange(1, len(out) + 1)
    return out


def findings(
    ws: Workspace,
    brand: str,
    start: str,
    end: str,
    *,
    platforms: list[str] | None = None,
    as_of: str | None = None,
    sla: str = "1h",
    recent_days: int = 14,
    baseline_days: int = 56,
    lift_campaign: str = "",
    rules: list[str] | None = None,
    scorecard: pd.DataFrame | None = None,
    analyzed: pd.DataFrame | None = None,
    labels_path: str = "",
    themes: str = "",
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
    platforms : list of str, optional
        The platform filter in force; empty means all.
    as_of : str, optional
        The day targets are scored on and the last day of emerging terms' recent window;
        default ``end``.
    sla : str
        The promised response time to a customer comment.
    recent_days, baseline_days : int
        Emerging terms' windows (they shrink to the data when the trends module allows).
    lift_campaign : str
        The campaign whose lift of web sessions from organic social is tested; "" means the
        one with the most ad spend in the period that has web sessions around it (as
        :func:`smmnb.campaigns.campaign_lift` chooses).
    rules : list of str, optional
        Names from :data:`RULES`; default all.
    scorecard : pandas.DataFrame, optional
        :func:`target_scorecard` for the same arguments when the caller has it already;
        computed when None.
    analyzed : pandas.DataFrame, optional
        :func:`analyzed_customers` for the same arguments, when the caller has it already;
        computed when a rule needs it.
    labels_path, themes : str
        The user's labelled comments and theme dictionary, as notebook 01 takes them (empty
        means ``smmnb.yml``, else the lexicon and the best-covering built-in dictionary).

    Returns
    -------
    pandas.DataFrame
        ``rank``, ``rule``, ``area``, ``kind``, ``severity``, ``title``, ``text``, ``action``,
        ``evidence`` (:data:`COLUMNS`); one row per finding, most important first, written in
        the report language in force. A rule whose analysis
        raises :class:`~smmnb.errors.InsufficientData` finds nothing.

    Raises
    ------
    InsufficientData
        When the period holds no data of the brand at all (nothing for the rules to read).
    """
    names = rules or list(RULES)
    unknown = [n for n in names if n not in RULES]
    if unknown:
        raise ValueError(f"unknown rule(s) {unknown}; available: {', '.join(RULES)}")
    from smmnb.expectations import analyze

    wanted = _platforms(platforms)
    brand_ws = ws.filter(brand=brand, platforms=wanted)
    before_start, before_end = previous_period(start, end)
    current = brand_ws.filter(start=start, end=end)
    if not _has_rows(current, brand) and current.targets.empty:
        raise InsufficientData(summary.nothing_in_period(brand, start, end))
    period = {
        "workspace": ws,
        "brand": brand,
        "start": start,
        "end": end,
        "as_of": as_of or end,
        "as_of_given": as_of or "",
        "platforms": wanted,
        "filter_text": _filter_text(wanted),
        "sla": sla,
        "recent_days": recent_days,
        "baseline_days": baseline_days,
        "lift_campaign": lift_campaign,
        "brand_ws": brand_ws,
        "history": brand_ws.filter(end=end),
        "until_as_of": brand_ws.filter(end=as_of or end),
        "previous": brand_ws.filter(start=before_start, end=before_end),
        # The dictionary and model notebook 01 uses, chosen once for every rule...
        "reading": functools.cache(lambda: _reading(ws, _customers(current), labels_path, themes)),
        # ...and the period's customer comments, analysed once for every rule that needs them.
        "analyzed": functools.cache(
            lambda: (
                analyze(
                    _customers(current),
                    themes_dict=period["reading"]()[0],
                    model=period["reading"]()[1],
                )
                if analyzed is None
                else _reuse(analyzed, _customers(current))
            )
        ),  # fmt: skip
        "scorecard": scorecard,
    }
    rows = []
    for name in names:
        try:
            found = RULES[name](current, period)
        except InsufficientData:
            found = []  # the analysis says the data are too thin: the rule finds nothing
        for f in found:
            rows.append({"rule": name, **f.__dict__})
    out = pd.DataFrame(rows, columns=COLUMNS[1:])
    order = {"risk": 0, "opportunity": 1, "context": 2}
    out["_kind"] = out["kind"].map(order)
    out = out.sort_values(["severity", "_kind"], ascending=[False, True], kind="stable")
    out = out.drop(columns="_kind").reset_index(drop=True)
    out.insert(0, "rank", np.arange(1, len(out) + 1))
    return out


CALENDAR_RULES = (
    "overdue_items",
    "cadence_below",
    "late_publishing",
    "better_slots",
    "campaigns_without_content",
)
"""The rules about the content plan, whose actions notebook 04 recommends."""


def calendar_findings(
    *,
    summary: object,
    on_time: pd.DataFrame | None = None,
    slots: pd.DataFrame | None = None,
    min_items: int = 10,
) -> pd.DataFrame:
    """What the content-calendar review recommends, as findings (the columns of :func:`findings`).

    Parameters
    ----------
    summary : smmnb.calendar.CalendarSummary
        :func:`smmnb.calendar.summary` for the review day (overdue items, cadence, campaigns
        without content).
    on_time : pandas.DataFrame, optional
        :func:`smmnb.calendar.on_time`; None when it could not be computed (no advice on it).
        Its advice needs at least ``min_items`` published items and an on-time share under 80%.
    slots : pandas.DataFrame, optional
        :func:`smmnb.calendar.suggest_slots`; slots whose ``value`` beats the average post (> 1).

    Returns
    -------
    pandas.DataFrame
        :data:`COLUMNS` (``area`` "calendar"), in the order of :data:`CALENDAR_RULES`, written
        in the report language in force.
    """
    from smmnb.narrative import calendar as say
    from smmnb.narrative import count, pct, platforms

    rows = []

    def add(rule, kind, severity, title, text, action, **evidence):
        rows.append({"rule": rule, "area": "calendar", "kind": kind, "severity": severity,
                     "title": title, "text": text, "action": action,
                     "evidence": evidence})  # fmt: skip

    overdue = getattr(summary, "overdue", None)
    if overdue is not None and len(overdue):
        n = len(overdue)
        add("overdue_items", "risk", 2, _("Plan items are overdue"),
            _("{items} overdue.").format(items=count(n, "plan item")),
            say.overdue_action(n), items=n)  # fmt: skip
    cadence = getattr(summary, "cadence", None)
    if cadence is not None and len(cadence):
        below = cadence[cadence["status"] == "below"]
        if len(below):
            names = list(below["platform"])
            add("cadence_below", "risk", 1, _("The plan is below the recommended rhythm"),
                _("{platforms} planned below the recommended rhythm.").format(
                    platforms=platforms(names)),
                say.cadence_action(names), platforms=names)  # fmt: skip
    if on_time is not None and len(on_time):
        items = int(on_time["published_items"].sum())
        rate = on_time["on_time"].sum() / items if items else None
        if items >= min_items and rate is not None and rate < 0.8:
            add("late_publishing", "risk", 1, _("Posts go out late"),
                _("{share} of {items} went out on time.").format(
                    share=pct(rate), items=count(items, "published item")),
                say.on_time_action(rate, items), rate=float(rate), items=items)  # fmt: skip
    better = slots[slots["value"] > 1] if slots is not None and len(slots) else []
    if len(better):
        n = len(better)
        add("better_slots", "opportunity", 0, _("Better slots for next week's posts"),
            _("{slots} beat the average post.").format(slots=count(n, "slot")),
            say.slots_action(n), slots=n)  # fmt: skip
    missing = getattr(summary, "campaigns_without_content", None)
    if missing is not None and len(missing):
        names = pd.unique(missing["campaign"].astype("str"))
        add("campaigns_without_content", "risk", 1, _("Campaigns run without content"),
            _("{campaigns} run only as ads.").format(campaigns=count(len(names), "campaign")),
            say.missing_content_action(names), campaigns=list(names))  # fmt: skip
    out = pd.DataFrame(rows, columns=COLUMNS[1:])
    out.insert(0, "rank", np.arange(1, len(out) + 1))
    return out
