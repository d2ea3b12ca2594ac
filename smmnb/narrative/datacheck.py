"""Sentences of the data check (``00_data_check.ipynb``): what a folder holds, in words.

Each function takes what :mod:`smmnb.datacheck` computed and returns Markdown. None prints
``nan``, a count with decimals, or a date when there is none. Every sentence is a template of
the ``datacheck`` catalog, in the report language (:mod:`smmnb.i18n`). Tables keep their codes
in the data; what a reader sees names them in the report language (:func:`table_name`: English
keeps the codes, which are the names of the files).
"""

from __future__ import annotations

import pandas as pd

from smmnb import i18n
from smmnb.i18n import N_, _, ngettext, pgettext
from smmnb.names import label
from smmnb.narrative import count, day, esc, listing, period
from smmnb.narrative import platforms as platform_list

__all__ = [
    "caption",
    "column_name",
    "coverage",
    "derived",
    "duplicates",
    "files_read",
    "gaps",
    "in_period",
    "kind_name",
    "missing_values",
    "money",
    "readiness_status",
    "settings",
    "table_name",
    "tables_found",
    "verdict",
]


_CAPTIONS = {
    "tables": N_("Canonical tables in the data folder"),
    "files": N_("Files read"),
    "gaps": N_("Series with empty days, longest gap first"),
    "missing": N_("Columns with missing values"),
    "readiness": N_("Readiness per analysis"),
}


def caption(table: str) -> str:
    """The caption of one of notebook 00's tables (a key of ``_CAPTIONS``)."""
    return _(_CAPTIONS[table])


def table_name(table: object) -> str:
    """A canonical table as the reader calls it: ``comments`` (vi ``bình luận``).

    Other values come back as given (a missing cell stays missing).
    """
    if not isinstance(table, str):
        return table
    names = {
        "posts": pgettext("table", "posts"),
        "ads": pgettext("table", "ads"),
        "comments": pgettext("table", "comments"),
        "mentions": pgettext("table", "mentions"),
        "followers": pgettext("table", "followers"),
        "web_sessions": pgettext("table", "web_sessions"),
        "influencers": pgettext("table", "influencers"),
        "calendar": pgettext("table", "calendar"),
        "targets": pgettext("table", "targets"),
        "channel_daily": pgettext("table", "channel_daily"),
        "search_daily": pgettext("table", "search_daily"),
        "search_terms": pgettext("table", "search_terms"),
    }
    return names.get(str(table), str(table))


def column_name(table: object, column: object) -> str:
    """A column of a table: ``posts.saves`` in English (as in the files), else its label.

    In Vietnamese: ``lượt lưu của bài đăng``.
    """
    if i18n.get_language() == "en":
        return f"{table}.{column}"
    return _("{column} in {table}").format(column=label(column), table=table_name(table))


def kind_name(kind: object) -> str:
    """``metric`` or ``label`` (:func:`smmnb.datacheck.missing_values`) in words."""
    words = {"metric": pgettext("column kind", "metric"), "label": pgettext("column kind", "label")}
    return words.get(str(kind), str(kind))


def readiness_status(status: object) -> str:
    """``ready``, ``limited`` or ``missing`` (:func:`smmnb.datacheck.readiness`) in words."""
    words = {
        "ready": pgettext("readiness", "ready"),
        "limited": pgettext("readiness", "limited"),
        "missing": pgettext("readiness", "missing"),
    }
    return words.get(str(status), str(status))


def _source(source: str, name: str) -> str:
    """Where a setting came from (the ``source`` of :func:`smmnb.datacheck.settings_in_force`)."""
    if source == "parameter":
        return _("from the notebook's `{name}` parameter").format(name=name)
    if source == "file":
        return _("from smmnb.yml")
    if source == "exports":
        return _("the one currency the ads declare")
    return _("smmnb's default; set `{name}` in smmnb.yml to change it").format(name=name)


def _own_tables() -> str:
    return _("the posts, ads and comments tables")


def _settings_file(has_file: bool) -> str:
    return _("smmnb.yml does not name one") if has_file else _("the folder has no smmnb.yml")


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
        why = _("chosen with the notebook's `brand` parameter")
    elif owner and brand == owner:
        why = _("the folder's owner")
    else:
        why = _("the brand with the most rows, since the folder names no owner")
    lines.append(_("**Brand analysed**: {brand} ({why}).").format(brand=esc(brand), why=why))
    if source["owner"] == "file":
        lines.append(
            _("**Owner** (whose own exports these are): {owner}, from smmnb.yml.").format(
                owner=esc(owner)
            )
        )
    elif source["owner"] == "inferred":
        lines.append(
            _(
                "**Owner** (whose own exports these are): {owner}, inferred as the only brand in "
                "{tables}; {settings} (add `owner:` to be sure)."
            ).format(owner=esc(owner), tables=_own_tables(), settings=_settings_file(has_file))
        )
    else:
        lines.append(
            _(
                "**Owner** (whose own exports these are): none; {settings}, and {tables} do not "
                "point to one brand (exports need `owner:` in smmnb.yml)."
            ).format(settings=_settings_file(has_file), tables=_own_tables())
        )
    rivals = [r for r in str(value["competitors"]).split(", ") if r]
    if not rivals:
        lines.append(_("**Competitors**: none; the data hold no other brand."))
    else:
        where = (
            _("from smmnb.yml")
            if source["competitors"] == "file"
            else _("the other brands in the data")
        )
        if absent:
            text = ngettext(
                "**Competitors**: {brands} ({where}); {absent} has no rows in this folder.",
                "**Competitors**: {brands} ({where}); {absent} have no rows in this folder.",
                len(absent),
            ).format(brands=listing(rivals), where=where, absent=listing(absent))
        else:
            text = _("**Competitors**: {brands} ({where}).").format(
                brands=listing(rivals), where=where
            )
        lines.append(text)
    lines.append(
        _("**Time zone**: {value} ({why}).").format(
            value=esc(value["timezone"]), why=_source(source["timezone"], "timezone")
        )
    )
    lines.append(
        _("**Reporting currency**: {value} ({why}).").format(
            value=esc(value["currency"]), why=_source(source["currency"], "currency")
        )
    )
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
        parts.append(_("The folder holds no ads, so no spend is converted or added."))
    elif len(currencies) == 1:
        parts.append(_("Ad spend is in {currency}.").format(currency=esc(currencies[0])))
    else:
        template = (
            _(
                "Ad spend is in {currencies}; the exchange rates given do not cover them all, so "
                "amounts in different currencies are never added: every money figure is shown "
                "per currency."
            )
            if has_fx
            else _(
                "Ad spend is in {currencies}; no exchange rate is given (`fx:` in smmnb.yml), so "
                "amounts in different currencies are never added: every money figure is shown "
                "per currency."
            )
        )
        parts.append(template.format(currencies=listing(currencies)))
    if notes:
        parts.append(
            _("Converted into {currency} while reading: {notes}.").format(
                currency=esc(currency), notes="; ".join(esc(n) for n in notes)
            )
        )
    elif currencies:
        parts.append(_("No amount was converted."))
    return " ".join(parts)


def _tables(codes) -> str:
    return listing([table_name(t) for t in codes])


def tables_found(inv: pd.DataFrame, timezone: str, brands: list[str]) -> str:
    """What :func:`smmnb.datacheck.inventory` found, in words."""
    found = inv[inv["rows"] > 0]
    absent = inv.loc[inv["rows"] == 0, "table"].tolist()
    parts = [
        _("Found **{found} of {tables}**, **{rows}** in all.").format(
            found=count(len(found)),
            tables=count(len(inv), "table"),
            rows=count(found["rows"].sum(), "row"),
        )
    ]
    observed = found[~found["table"].isin(["calendar", "targets"])].dropna(subset=["first"])
    if len(observed):
        first, last = observed["first"].min(), observed["last"].max()
        if first == last:
            parts.append(
                _("Observed data fall on **{day}** (local day, {timezone}).").format(
                    day=day(first), timezone=esc(timezone)
                )
            )
        else:
            parts.append(
                _(
                    "Observed data run from **{first}** to **{last}** (local days, {timezone})."
                ).format(first=day(first), last=day(last), timezone=esc(timezone))
            )
        plans = [t for t in ("calendar", "targets") if t in set(found["table"])]
        if plans == ["calendar"]:
            parts.append(_("The calendar may reach further: it holds plans."))
        elif plans == ["targets"]:
            parts.append(_("The targets may reach further: they hold plans."))
        elif plans:
            parts.append(_("The calendar and the targets may reach further: they hold plans."))
    if brands:
        parts.append(
            ngettext("Brand: {brands}.", "Brands: {brands}.", len(brands)).format(
                brands=listing(brands)
            )
        )
    if absent:
        parts.append(
            _("Not found: {tables}; the analyses that need them say so.").format(
                tables=_tables(absent)
            )
        )
    else:
        parts.append(_("No table is missing."))
    return " ".join(parts)


def files_read(sources: pd.DataFrame | None) -> str:
    """The files read and what the exports added."""
    if sources is None or sources.empty:
        return _("No file was read.")
    exports = sources[~sources["format"].isin(["canonical", "not used"])]
    unused = sources[sources["format"] == "not used"]
    if exports.empty:
        text = _("No platform export was read from `exports/`.")
    else:
        rows, added = int(exports["rows"].sum()), int(exports["rows_added"].sum())
        if added == rows and rows == 1:
            template = _("**{files}** ({formats}) held {rows}; it was new.")
        elif added == rows:
            template = _("**{files}** ({formats}) held {rows}; all of them were new.")
        elif added == 0:
            template = _(
                "**{files}** ({formats}) held {rows}; none was new: all were already in the "
                "canonical tables."
            )
        else:
            template = _(
                "**{files}** ({formats}) held {rows}; **{added}** were new, the other {known} "
                "were already in the canonical tables."
            )
        text = template.format(
            files=count(len(exports), "export file"),
            formats=listing(sorted(set(exports["format"].astype("str")))),
            rows=count(rows, "row"),
            added=count(added),
            known=count(rows - added),
        )
    for file, note in zip(unused["file"], unused["note"], strict=True):
        text += " " + _("Not used: {file} ({note}).").format(file=esc(file), note=esc(note))
    return text


def coverage(weekly: pd.DataFrame) -> str:
    """The span of :func:`smmnb.datacheck.rows_per_period` (weeks) and its empty weeks."""
    weeks = len(weekly)
    monday = day(weekly.index[0], weekday=True)
    if weeks == 1:
        return _("All the dated rows fall in **one week**, from {monday}.").format(monday=monday)
    text = _("The data span **{weeks}**, from {monday}.").format(
        weeks=count(weeks, "week"), monday=monday
    )
    empty = (weekly == 0).sum()
    holes = empty[empty > 0]
    if holes.empty:
        return text + " " + _("Every table has rows in every week.")
    weeks_without = listing(
        [
            _("{count} for {table}").format(count=count(n), table=esc(table_name(t)))
            for t, n in holes.items()
        ],
        escape=False,
    )
    return (
        text
        + " "
        + _(
            "Weeks without rows: {tables} (a table may legitimately start late or end early, "
            "such as a campaign's flight)."
        ).format(tables=weeks_without)
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
        return _("No daily series has an empty day between its first and last day.")
    top = gap.iloc[0]
    text = ngettext(
        "**{count} series** has empty days. The longest gap is **{days}** in {table} ({series}) "
        "from {day}.",
        "**{count} series** have empty days. The longest gap is **{days}** in {table} ({series}) "
        "from {day}.",
        len(gap),
    ).format(
        count=count(len(gap)),
        days=count(top["longest_gap"], "day"),
        table=esc(table_name(top["table"])),
        series=esc(top["series"]),
        day=day(top["gap_starts"]),
    )
    daily = [t for t in ("ads", "followers", "web_sessions", "channel_daily") if t in tables]
    gappy = [t for t in daily if t in set(gap["table"])]
    if gappy:
        return (
            text
            + " "
            + _("Check {tables}: a missing day in a daily table understates totals.").format(
                tables=_tables(gappy)
            )
        )
    if daily:
        return (
            text
            + " "
            + ngettext(
                "The daily table ({tables}) has no gaps.",
                "The daily tables ({tables}) have no gaps.",
                len(daily),
            ).format(tables=_tables(daily))
        )
    return text


def missing_values(mv: pd.DataFrame) -> str:
    """:func:`smmnb.datacheck.missing_values` in words."""
    if mv.empty:
        return _("No column has missing values.")
    metrics = mv[mv["kind"] == "metric"]
    by_design = metrics[(metrics["other_missing"] == 0) & (metrics["by_platform"] != "")]
    gappy = metrics[metrics["other_missing"] > 0]
    parts = []
    if len(by_design):
        where = [
            f"{esc(column_name(t, c))} ({platform_list(str(p).split(', '))})"
            for t, c, p in by_design[["table", "column", "by_platform"]].itertuples(index=False)
        ]
        parts.append(
            ngettext(
                "**{count} metric** is missing only on platforms that never report it: {columns}.",
                "**{count} metrics** are missing only on platforms that never report them: "
                "{columns}.",
                len(by_design),
            ).format(count=count(len(by_design)), columns=listing(where, escape=False))
        )
    if len(gappy):
        where = [
            f"{esc(column_name(t, c))} ({count(n, 'row')})"
            for t, c, n in gappy[["table", "column", "other_missing"]].itertuples(index=False)
        ]
        parts.append(
            ngettext(
                "**{count} metric** has missing values where the platform does report it: "
                "{columns}; rates use only the rows that report both their parts.",
                "**{count} metrics** have missing values where the platform does report them: "
                "{columns}; rates use only the rows that report both their parts.",
                len(gappy),
            ).format(count=count(len(gappy)), columns=listing(where, escape=False))
        )
    elif len(metrics):
        parts.append(_("No other metric has missing values."))
    else:
        parts.append(_("No metric has missing values."))
    if (mv["kind"] == "label").any():
        parts.append(
            _(
                "Empty labels (a post outside any campaign, a comment that is not a reply) mean "
                "'none'."
            )
        )
    return " ".join(parts)


def duplicates(inv: pd.DataFrame) -> str:
    """Exact duplicate rows dropped while reading."""
    dropped = inv.loc[inv["duplicates_dropped"] > 0, ["table", "duplicates_dropped"]]
    if dropped.empty:
        return _("No exact duplicate rows were found.")
    where = listing(
        [
            _("{count} in {table}").format(count=count(n), table=esc(table_name(t)))
            for t, n in zip(dropped["table"], dropped["duplicates_dropped"], strict=True)
        ],
        escape=False,
    )
    return _(
        "Exact duplicate rows were dropped while reading: {tables}. Rows that share an id but "
        "differ would have stopped the load with an error."
    ).format(tables=where)


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
    said = {"brand": esc(brand), "platforms": esc(filter_text), "period": span}
    if held.empty:
        return _(
            "The other notebooks analyse **{brand}** on {platforms}, {period}: the data hold no "
            "rows for it there."
        ).format(**said)
    named = [
        (
            _("{rows} of {table} (every brand's)") if t == "mentions" else _("{rows} of {table}")
        ).format(rows=count(n, "row"), table=esc(table_name(t)))
        for t, n in zip(held["table"], held["rows"], strict=True)
    ]
    return _(
        "The other notebooks analyse **{brand}** on {platforms}, {period}; the data hold {tables}."
    ).format(tables=listing(named, escape=False), **said)


def verdict(ready: pd.DataFrame, brand: str) -> str:
    """The readiness verdict: how many analyses are ready, and what the others miss."""
    n_ready = int((ready["status"] == "ready").sum())
    text = ngettext(
        "**Verdict: {ready} of {total} analysis ready for {brand}.**",
        "**Verdict: {ready} of {total} analyses ready for {brand}.**",
        len(ready),
    ).format(ready=count(n_ready), total=count(len(ready)), brand=esc(brand))
    limited = ready[ready["status"] == "limited"]
    missing = ready[ready["status"] == "missing"]
    if limited.empty and missing.empty:
        return text + " " + _("Nothing is missing.")
    for analysis, needs, detail in limited[["analysis", "needs", "detail"]].itertuples(index=False):
        text += " " + _(
            "{analysis} is limited: it needs {needs}, and the data hold {detail}."
        ).format(analysis=esc(analysis), needs=esc(needs), detail=esc(detail))
    if len(missing):
        text += " " + _("Not possible yet (the table says what each needs): {analyses}.").format(
            analyses=listing(missing["analysis"])
        )
    return text


def derived(notes: list[str]) -> str:
    """What was derived while reading (``Workspace.notes``: follower totals from daily gains)."""
    if not notes:
        return ""
    return _("Derived while reading: {notes}").format(notes=" ".join(esc(n) for n in notes))
