"""Sentences of the data check (``00_data_check.ipynb``): what a folder holds, in words.

Each function takes what :mod:`smmnb.datacheck` computed and returns Markdown. None prints
``nan``, a count with decimals, or a date when there is none.
"""

from __future__ import annotations

import pandas as pd

from smmnb.narrative import count, day, esc, listing, period, plural

__all__ = [
    "coverage",
    "derived",
    "duplicates",
    "files_read",
    "gaps",
    "in_period",
    "missing_values",
    "money",
    "settings",
    "tables_found",
    "verdict",
]

_SOURCE = {
    "parameter": "from the notebook's `{name}` parameter",
    "file": "from smmnb.yml",
    "exports": "the one currency the ads declare",
    "default": "smmnb's default; set `{name}` in smmnb.yml to change it",
}
_OWN_TABLES = "the posts, ads and comments tables"


def _settings_file(has_file: bool) -> str:
    return "smmnb.yml does not name one" if has_file else "the folder has no smmnb.yml"


def settings(facts: pd.DataFrame, *, has_file: bool, absent: list[str] | None = None) -> str:
    """The settings in force and where each came from, as a Markdown list.

    Parameters
    ----------
    facts : pandas.DataFrame
        :func:`smmnb.datacheck.settings_in_force`.
    has_file : bool
        Whether the folder holds ``smmnb.yml``.
    absent : list of str, optional
        Competitors named in ``smmnb.yml`` that have no row in the data.
    """
    value = dict(zip(facts["setting"], facts["value"], strict=True))
    source = dict(zip(facts["setting"], facts["source"], strict=True))
    lines = []
    brand, owner = value["brand"], value["owner"]
    if source["brand"] == "parameter":
        why = "chosen with the notebook's `brand` parameter"
    elif owner and brand == owner:
        why = "the folder's owner"
    else:
        why = "the brand with the most rows, since the folder names no owner"
    lines.append(f"**Brand analysed**: {esc(brand)} ({why}).")
    if source["owner"] == "file":
        lines.append(f"**Owner** (whose own exports these are): {esc(owner)}, from smmnb.yml.")
    elif source["owner"] == "inferred":
        lines.append(
            f"**Owner** (whose own exports these are): {esc(owner)}, inferred as the only brand "
            f"in {_OWN_TABLES}; {_settings_file(has_file)} (add `owner:` to be sure)."
        )
    else:
        lines.append(
            f"**Owner** (whose own exports these are): none; {_settings_file(has_file)}, and "
            f"{_OWN_TABLES} do not point to one brand (exports need `owner:` in smmnb.yml)."
        )
    rivals = [r for r in str(value["competitors"]).split(", ") if r]
    if not rivals:
        lines.append("**Competitors**: none; the data hold no other brand.")
    else:
        where = (
            "from smmnb.yml" if source["competitors"] == "file" else "the other brands in the data"
        )
        text = f"**Competitors**: {listing(rivals)} ({where})"
        if absent:
            verb = "has" if len(absent) == 1 else "have"
            text += f"; {listing(absent)} {verb} no rows in this folder"
        lines.append(text + ".")
    for name, label in (("timezone", "Time zone"), ("currency", "Reporting currency")):
        why = _SOURCE[source[name]].format(name=name)
        lines.append(f"**{label}**: {esc(value[name])} ({why}).")
    return "\n".join(f"- {line}" for line in lines)


def money(currencies: list[str], notes: list[str], currency: str, has_fx: bool) -> str:
    """The currencies of ad spend and the conversions made while reading.

    Parameters
    ----------
    currencies : list of str
        ``Workspace.currencies`` (currencies present in the ads).
    notes : list of str
        ``Workspace.money_notes``.
    currency : str
        The reporting currency.
    has_fx : bool
        Whether exchange rates were given.
    """
    parts = []
    if not currencies:
        parts.append("The folder holds no ads, so no spend is converted or added.")
    elif len(currencies) == 1:
        parts.append(f"Ad spend is in {esc(currencies[0])}.")
    else:
        why = (
            "the exchange rates given do not cover them all"
            if has_fx
            else "no exchange rate is given (`fx:` in smmnb.yml)"
        )
        parts.append(
            f"Ad spend is in {listing(currencies)}; {why}, so amounts in different currencies are "
            "never added: every money figure is shown per currency."
        )
    if notes:
        parts.append(
            "Converted into "
            + esc(currency)
            + " while reading: "
            + "; ".join(esc(n) for n in notes)
            + "."
        )
    elif currencies:
        parts.append("No amount was converted.")
    return " ".join(parts)


def tables_found(inv: pd.DataFrame, timezone: str, brands: list[str]) -> str:
    """What :func:`smmnb.datacheck.inventory` found, in words."""
    found = inv[inv["rows"] > 0]
    absent = inv.loc[inv["rows"] == 0, "table"].tolist()
    parts = [
        f"Found **{count(len(found))} of {count(len(inv), 'table')}**, "
        f"**{count(found['rows'].sum(), 'row')}** in all."
    ]
    observed = found[~found["table"].isin(["calendar", "targets"])].dropna(subset=["first"])
    if len(observed):
        first, last = observed["first"].min(), observed["last"].max()
        if first == last:
            parts.append(f"Observed data fall on **{day(first)}** (local day, {esc(timezone)}).")
        else:
            parts.append(
                f"Observed data run from **{day(first)}** to **{day(last)}** (local days, "
                f"{esc(timezone)})."
            )
        plans = [t for t in ("calendar", "targets") if t in set(found["table"])]
        if len(plans) == 1:
            parts.append(f"The {plans[0]} may reach further: it holds plans.")
        elif plans:
            parts.append("The calendar and the targets may reach further: they hold plans.")
    if brands:
        parts.append(f"{plural(len(brands), 'Brand')}: {listing(brands)}.")
    if absent:
        parts.append(f"Not found: {listing(absent)}; the analyses that need them say so.")
    else:
        parts.append("No table is missing.")
    return " ".join(parts)


def files_read(sources: pd.DataFrame | None) -> str:
    """The files read and what the exports added."""
    if sources is None or sources.empty:
        return "No file was read."
    exports = sources[~sources["format"].isin(["canonical", "not used"])]
    unused = sources[sources["format"] == "not used"]
    if exports.empty:
        text = "No platform export was read from `exports/`."
    else:
        rows, added = int(exports["rows"].sum()), int(exports["rows_added"].sum())
        formats = listing(sorted(set(exports["format"].astype("str"))))
        text = f"**{count(len(exports), 'export file')}** ({formats}) held {count(rows, 'row')}; "
        if added == rows:
            text += "all of them were new." if rows != 1 else "it was new."
        elif added == 0:
            text += "none was new: all were already in the canonical tables."
        else:
            text += (
                f"**{count(added)}** were new, the other {count(rows - added)} were already in "
                "the canonical tables."
            )
    for file, note in zip(unused["file"], unused["note"], strict=True):
        text += f" Not used: {esc(file)} ({esc(note)})."
    return text


def coverage(weekly: pd.DataFrame) -> str:
    """The span of :func:`smmnb.datacheck.rows_per_period` (weeks) and its empty weeks."""
    weeks = len(weekly)
    if weeks == 1:
        return f"All the dated rows fall in **one week**, from Monday {day(weekly.index[0])}."
    text = f"The data span **{count(weeks, 'week')}**, from Monday {day(weekly.index[0])}. "
    empty = (weekly == 0).sum()
    holes = empty[empty > 0]
    if holes.empty:
        return text + "Every table has rows in every week."
    return (
        text
        + "Weeks without rows: "
        + listing([f"{count(n)} for {esc(t)}" for t, n in holes.items()], escape=False)
        + " (a table may legitimately start late or end early, such as a campaign's flight)."
    )


def gaps(gap: pd.DataFrame, tables: list[str]) -> str:
    """:func:`smmnb.datacheck.gaps` in words.

    Parameters
    ----------
    gap : pandas.DataFrame
        :func:`smmnb.datacheck.gaps`.
    tables : list of str
        The tables the folder holds (the daily ones are only vouched for when present).
    """
    if gap.empty:
        return "No daily series has an empty day between its first and last day."
    top = gap.iloc[0]
    text = (
        f"**{count(len(gap), 'series', 'series')}** {'has' if len(gap) == 1 else 'have'} empty "
        f"days. The longest gap is **{count(top['longest_gap'], 'day')}** in {esc(top['table'])} "
        f"({esc(top['series'])}) from {day(top['gap_starts'])}. "
    )
    daily = [t for t in ("ads", "followers", "web_sessions", "channel_daily") if t in tables]
    gappy = [t for t in daily if t in set(gap["table"])]
    if gappy:
        return text + (
            f"Check {listing(gappy)}: a missing day in a daily table understates totals."
        )
    if daily:
        return (
            text
            + f"The daily {plural(len(daily), 'table')} ({listing(daily)}) "
            + (f"{plural(len(daily), 'has', 'have')} no gaps.")
        )
    return text.rstrip()


def missing_values(mv: pd.DataFrame) -> str:
    """:func:`smmnb.datacheck.missing_values` in words."""
    if mv.empty:
        return "No column has missing values."
    metrics = mv[mv["kind"] == "metric"]
    by_design = metrics[(metrics["other_missing"] == 0) & (metrics["by_platform"] != "")]
    gappy = metrics[metrics["other_missing"] > 0]
    parts = []
    if len(by_design):
        where = [
            f"{esc(t)}.{esc(c)} ({listing(str(p).split(', '))})"
            for t, c, p in by_design[["table", "column", "by_platform"]].itertuples(index=False)
        ]
        one = len(by_design) == 1
        parts.append(
            f"**{count(len(by_design), 'metric')}** {'is' if one else 'are'} missing only on "
            f"platforms that never report {'it' if one else 'them'}: "
            f"{listing(where, escape=False)}."
        )
    if len(gappy):
        where = [
            f"{esc(t)}.{esc(c)} ({count(n, 'row')})"
            for t, c, n in gappy[["table", "column", "other_missing"]].itertuples(index=False)
        ]
        parts.append(
            f"**{count(len(gappy), 'metric')}** {'has' if len(gappy) == 1 else 'have'} missing "
            f"values where the platform does report {'it' if len(gappy) == 1 else 'them'}: "
            f"{listing(where, escape=False)}; rates use only the rows that report both their parts."
        )
    elif len(metrics):
        parts.append("No other metric has missing values.")
    else:
        parts.append("No metric has missing values.")
    if (mv["kind"] == "label").any():
        parts.append(
            "Empty labels (a post outside any campaign, a comment that is not a reply) mean 'none'."
        )
    return " ".join(parts)


def duplicates(inv: pd.DataFrame) -> str:
    """Exact duplicate rows dropped while reading."""
    dropped = inv.loc[inv["duplicates_dropped"] > 0, ["table", "duplicates_dropped"]]
    if dropped.empty:
        return "No exact duplicate rows were found."
    return (
        "Exact duplicate rows were dropped while reading: "
        + listing(
            [
                f"{count(n)} in {t}"
                for t, n in zip(dropped["table"], dropped["duplicates_dropped"], strict=True)
            ],
            escape=False,
        )
        + ". Rows that share an id but differ would have stopped the load with an error."
    )


def in_period(rows: pd.DataFrame, *, brand: str, filter_text: str, first, last, start, end) -> str:
    """What the period and filter in force hold for the brand.

    Parameters
    ----------
    rows : pandas.DataFrame
        ``table`` and ``rows``: :func:`smmnb.datacheck.inventory` of the period.
    brand, filter_text : str
        The brand analysed and the platform filter in words.
    first, last : Timestamp or None
        Days of the period the data cover (None when none).
    start, end : str
        The period asked for.
    """
    held = rows[rows["rows"] > 0]
    span = period(first, last) if first is not None and last is not None else period(start, end)
    head = f"The other notebooks analyse **{esc(brand)}** on {esc(filter_text)}, {span}"
    if held.empty:
        return head + ": the data hold no rows for it there."
    named = [
        f"{count(n, 'row')} of {esc(t)}" + (" (every brand's)" if t == "mentions" else "")
        for t, n in zip(held["table"], held["rows"], strict=True)
    ]
    return head + "; the data hold " + listing(named, escape=False) + "."


def verdict(ready: pd.DataFrame, brand: str) -> str:
    """The readiness verdict: how many analyses are ready, and what the others miss."""
    n_ready = int((ready["status"] == "ready").sum())
    total = count(len(ready), "analysis", "analyses")
    text = f"**Verdict: {count(n_ready)} of {total} ready for {esc(brand)}.**"
    limited = ready[ready["status"] == "limited"]
    missing = ready[ready["status"] == "missing"]
    if limited.empty and missing.empty:
        return text + " Nothing is missing."
    for analysis, needs, detail in limited[["analysis", "needs", "detail"]].itertuples(index=False):
        text += (
            f" {esc(analysis)} is limited: it needs {esc(needs)}, and the data hold {esc(detail)}."
        )
    if len(missing):
        text += (
            f" Not possible yet (the table says what each needs): {listing(missing['analysis'])}."
        )
    return text


def derived(notes: list[str]) -> str:
    """What was derived while reading (``Workspace.notes``: follower totals from daily gains)."""
    if not notes:
        return ""
    return "Derived while reading: " + " ".join(esc(n) for n in notes)
