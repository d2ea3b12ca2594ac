"""Sentences about the period's best and worst posts (:func:`smmnb.trends.top_posts`).

Notebook 03 shows the table and the paragraph of :func:`top_posts`; the executive summary
names the best post with :func:`best_post`. Every sentence is in the report language
(catalog ``smmnb/locale/vi/posts.po``); numbers and dates come from :mod:`smmnb.narrative`.
"""

from __future__ import annotations

import re
from urllib.parse import quote

import pandas as pd

from smmnb.i18n import _, ngettext
from smmnb.names import format_name, label, platform_name
from smmnb.narrative import day, esc, is_number, number, pct, platforms

__all__ = [
    "best_post",
    "format_name",
    "top_posts",
    "top_posts_caption",
    "top_posts_table",
]


def _metric(code: object) -> str:
    return label(code)


def _value(value) -> str:
    return pct(value, 1)


def _quoted(text: object, url: object, link: bool = True) -> str:
    """The post's text in quotes (Markdown, escaped), linked to its permalink when known."""
    words = str(text or "").strip()
    shown = "“" + esc(words) + "”" if words else _("(a post without text)")
    if link and isinstance(url, str) and re.match(r"(?i)^https?://\S+$", url):
        return f"[{shown}]({quote(url, safe=':/?#@!$&*+,;=%~-._')})"
    return shown


def _has_format(fmt: object) -> bool:
    return isinstance(fmt, str) and fmt.strip() != ""


def _details(r) -> str:
    """``reel, 24 Sep 2026`` (the date alone when the post has no format)."""
    when = day(r.published)
    return f"{format_name(r.format)}, {when}" if _has_format(r.format) else when


def _comparison(r) -> str:
    """How the post stood among the other comparable posts (a clause)."""
    where, n = platform_name(r.platform), int(r.comparable)
    fmt = format_name(r.format)
    if r.compared and is_number(r.ratio):
        fields = dict(ratio=number(r.ratio, 1), count=number(n, 0), format=fmt, platform=where,
                      share=pct(r.percentile))  # fmt: skip
        if _has_format(r.format):
            return _(
                "{ratio}x the median of the {count} other {format} posts on {platform} "
                "(better than {share} of them)"
            ).format(**fields)
        return _(
            "{ratio}x the median of the {count} other posts on {platform} without a format "
            "(better than {share} of them)"
        ).format(**fields)
    if n == 0:
        if _has_format(r.format):
            return _("no other {format} post on {platform} to compare it with").format(
                format=fmt, platform=where
            )
        return _("no other post on {platform} to compare it with").format(platform=where)
    if _has_format(r.format):
        return ngettext(
            "only {count} other {format} post on {platform}: too few to say what is usual",
            "only {count} other {format} posts on {platform}: too few to say what is usual",
            n,
        ).format(count=number(n, 0), format=fmt, platform=where)
    return ngettext(
        "only {count} other post on {platform}: too few to say what is usual",
        "only {count} other posts on {platform}: too few to say what is usual",
        n,
    ).format(count=number(n, 0), platform=where)


def _item(r) -> str:
    """One ranked post as a sentence: what it was, its figure, how it compared."""
    template = (
        _("Best: {post} ({details}), {metric} {value}; {comparison}.")
        if r.side == "best"
        else _("Worst: {post} ({details}), {metric} {value}; {comparison}.")
    )
    return template.format(
        post=_quoted(r.text, r.url),
        details=_details(r),
        metric=_metric(r.metric),
        value=_value(r.value),
        comparison=_comparison(r),
    )


def top_posts_caption(top: pd.DataFrame) -> str:
    """The caption of the table of :func:`top_posts_table`."""
    metrics = list(dict.fromkeys(top["metric"].dropna()))
    if len(metrics) == 1:
        return _("The best and worst posts of each platform by {metric}").format(
            metric=_metric(metrics[0])
        )
    return _("The best and worst posts of each platform by engagement rate")


def top_posts_table(top: pd.DataFrame) -> pd.DataFrame:
    """The ranked posts as text for a table, headers and values in the report language.

    The post's text is not escaped here (the table does it); its link is not shown (the
    paragraph of :func:`top_posts` links each first-ranked post).
    """
    metrics = list(dict.fromkeys(top["metric"].dropna()))
    single = len(metrics) == 1
    value_header = _metric(metrics[0]) if single else _("engagement rate")
    rows = []
    for r in top.itertuples(index=False):
        rank = (_("best #{rank}") if r.side == "best" else _("worst #{rank}")).format(rank=r.rank)
        when = pd.Timestamp(r.published)
        published = (
            "" if pd.isna(when) else f"{day(when)} {when.hour:02d}:{when.minute:02d}"
        )  # 24-hour clock in both languages
        compared = bool(r.compared) and is_number(r.ratio)
        row = {
            _("platform"): platform_name(r.platform),
            _("rank"): rank,
            _("published at"): published,
            _("format"): format_name(r.format),
            _("post"): str(r.text or ""),
            value_header: _value(r.value),
        }
        if not single:
            row[_("measured as")] = _metric(r.metric)
        row.update(
            {
                _("comparable posts"): number(r.comparable, 0),
                _("their median"): _value(r.median) if compared else "",
                _("against the median"): (
                    _("{ratio}x").format(ratio=number(r.ratio, 1)) if compared else _("too few")
                ),
                _("better than"): pct(r.percentile) if compared else "",
            }
        )
        rows.append(row)
    return pd.DataFrame(rows)


def top_posts(top: pd.DataFrame) -> str:
    """The first-ranked best and worst post of each platform, linked, as Markdown.

    Parameters
    ----------
    top : pandas.DataFrame
        :func:`smmnb.trends.top_posts`.

    Returns
    -------
    str
        A sentence saying how posts are compared, then one list item per platform.
    """
    if top is None or top.empty:
        return ""
    metrics = top.drop_duplicates("platform").set_index("platform")["metric"]
    main = metrics.value_counts(sort=True).index[0]
    lines = [
        _(
            "Each platform's best and worst posts of the period by {metric}. Each is "
            "compared with the other posts of the same platform and format: how many times "
            "their median it got, and the share of them it did better than; with fewer than "
            "{min_group} such posts, there is too little to say what is usual."
        ).format(metric=_metric(main), min_group=number(top.attrs.get("min_group", 5), 0))
    ]
    others = [str(p) for p, m in metrics.items() if m != main]
    for metric in dict.fromkeys(metrics[metrics != main]):
        codes = [p for p in others if metrics[p] == metric]
        lines[0] += " " + _("{platforms} are ranked by {metric} (no reach reported).").format(
            platforms=platforms(codes), metric=_metric(metric)
        )
    lines.append("")
    for platform, rows in top.groupby("platform", sort=False):
        firsts = rows[rows["rank"] == 1]
        text = " ".join(_item(r) for r in firsts.itertuples(index=False))
        lines.append(f"- **{esc(platform_name(platform))}.** {text}")
    return "\n".join(lines)


def best_post(top: pd.DataFrame | None) -> str:
    """One sentence for the executive summary: the period's best post (Markdown, linked).

    The best is the one furthest above the median of its comparable posts (ratio), so a
    platform whose posts always get high rates does not win by default; when no best post
    could be compared, the one with the highest figure, saying so. "" when there is none.
    """
    if top is None or top.empty:
        return ""
    best = top[top["side"] == "best"]
    compared = best[best["compared"].astype(bool) & best["ratio"].map(is_number)]
    if len(compared):
        r = next(
            compared.sort_values(["ratio", "value"], ascending=False, kind="stable").itertuples(
                index=False
            )
        )
        return _(
            "The period's best post against comparable posts was on {platform}: {post} "
            "({details}), {metric} {value}; {comparison}."
        ).format(
            platform=platform_name(r.platform),
            post=_quoted(r.text, r.url),
            details=_details(r),
            metric=_metric(r.metric),
            value=_value(r.value),
            comparison=_comparison(r),
        )
    r = next(best.sort_values("value", ascending=False, kind="stable").itertuples(index=False))
    return _(
        "The post with the highest {metric} of the period was on {platform}: {post} "
        "({details}), {value}; {comparison}."
    ).format(
        metric=_metric(r.metric),
        platform=platform_name(r.platform),
        post=_quoted(r.text, r.url),
        details=_details(r),
        value=_value(r.value),
        comparison=_comparison(r),
    )
