"""Meta Ads Manager exports (Facebook and Instagram ads) -> ``ads``.

Reads the CSV and XLSX files that Ads Manager's *Export table data* and Ads Reporting's
*Export* write, at campaign, ad set or ad level, with or without a time breakdown (``Day``,
``Month``, ``Week``) and other breakdowns (``Platform``, ``Placement``, ``Age``, ``Region``...),
in any currency, in the interface languages of ``headers/meta_ads.yml`` (English, Vietnamese,
Spanish, Portuguese, French, German, Italian: a language is lines there, not code here).
A file is recognised by its ``Amount spent`` header (any currency, any of those languages)
beside a campaign, ad set, ad or account name and a header only Meta writes (``Reporting
starts``, ``Ad set name``, ``Result indicator``, ``Day``...). The account-level export, an
export without campaign names and one that does not say which days its rows cover are
refused with an :class:`~smmnb.errors.ExportNotUsable` that says which export to take instead.

Mapping decisions:

- ``date`` is ``Day`` when the export has a daily breakdown. Otherwise each row totals a
  period: the ``Month``/``Week`` cell (``"2026-09-01 - 2026-09-30"``), else ``Reporting
  starts``/``Reporting ends``, else the dates of Meta's file name
  (``<Account>-<Level>-Sep-1-2026-Sep-30-2026.csv``, ``attrs["period_from"]``). As
  :func:`smmnb.read_table` does with ``period=``, such rows get ``date`` = the first day and
  ``period_start``/``period_end`` = the days they cover, and ``attrs["daily"]`` is False
  (rows of one day each are daily); ``attrs["period"]`` holds the first and last days
  covered. An export with rows and no dates at all is refused.
- ``platform`` comes from the ``Platform`` breakdown, else from ``Placement`` values that name
  a platform (``"Instagram Stories"``); otherwise rows are attributed to facebook, Meta's ad
  platform, and ``attrs["platform_from"]`` says so.
- ``clicks`` are link clicks; without a ``Link clicks`` column, the ``Results`` of rows whose
  ``Result indicator`` is ``actions:link_click`` (``attrs["clicks_from"]``). ``Clicks (all)``
  (likes and expands included) is kept as ``clicks_all``, never taken for clicks.
- ``conversions`` are purchases where the export has them, else the ``Results`` of rows whose
  result is a conversion (purchases, leads, registrations, installs: ``Result indicator`` or
  ``Result type``), else, when the export does not say what its results are, ``Results``
  (``attrs["conversions_from"]``); ``revenue`` is the purchases conversion value. ``Results``
  is kept as ``results`` too.
- The currency is the ``Amount spent (XXX)`` header's, or each row's ``Currency`` cell (the
  two must agree); ``attrs["currency"]`` when there is one, ``attrs["currencies"]`` always.
- Rows that are not data are dropped and counted in ``attrs["dropped"]``: the account total
  (every name column blank; first in Ads Manager's files), one-cell messages such as
  ``"No data available."`` (an empty export reads as 0 rows), and breakdown subtotals.
- A column that appears twice (``Ad set name`` in some Ads Reporting files) is read once when
  both hold the same values; when they differ the first is read and the second kept as
  ``<name>_2``, with a :class:`~smmnb.errors.DataWarning`.
- Breakdowns other than ``Platform`` (age, gender, region, country, placement, device, time of
  day: ``breakdowns`` in the YAML file) give several rows per ad and day. Those slices are
  added into one row per ad and day (or period): money and counts are summed (``additive``
  in the YAML file), while reach, frequencies, ratios and costs per result, which do not
  add up, are left empty in merged rows; the breakdown column lists the slices added
  (``"18-24, 25-34"``). ``attrs["breakdown"]`` names the columns, ``attrs["merged_rows"]``
  counts the rows merged away, ``attrs["not_added"]`` the columns left empty.
- Different ads with the same name (a post boosted twice) share date, campaign, ad set and ad
  name; they are kept apart as ``"<name> [<Ad ID>]"`` when the export has ids, else
  ``"<name> [2]"`` by order in the file, with a DataWarning (``attrs["renamed"]``).
- Numbers written with a decimal comma (``"1.234,56"``, other interface languages) are read
  as such when the file's numbers show it (``attrs["decimal_comma"]``).
- Other columns are kept in snake case.
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from smmnb.errors import ExportNotUsable, Problem, SchemaError
from smmnb.i18n import _, ngettext
from smmnb.io.exports._base import (
    ExportFormat,
    Found,
    Options,
    RawExport,
    need_brand,
    rename_columns,
    snake,
    snake_extras,
)
from smmnb.schema import TABLES, DataWarning, parse_numbers

__all__ = ["FORMAT", "FORMATS", "HEADERS", "SPEC"]


# --------------------------------------------------------------------------------------------
# header spellings and values (headers/meta_ads.yml)


def _load_spec() -> dict:
    import yaml

    text = (
        resources.files("smmnb.io.exports")
        .joinpath("headers/meta_ads.yml")
        .read_text(encoding="utf-8")
    )
    return yaml.safe_load(text)


SPEC: dict = _load_spec()
"""``headers/meta_ads.yml`` as read."""

HEADERS: dict[str, dict[str, list[str]]] = SPEC["headers"]
"""English header -> interface language -> spellings."""


def _clean(text: object) -> str:
    """Header text with invisible characters gone and every run of white space one space."""
    t = unicodedata.normalize("NFC", str(text))
    t = re.sub(r"[\ufeff\u00ad\u200b\u200c\u200d\u2060]", "", t)
    t = re.sub(r"\s+", " ", t).strip().strip('"').strip()
    return t


def _key(text: object) -> str:
    return _clean(text).lower()


def _translations() -> dict[str, str]:
    out: dict[str, str] = {}
    for english, languages in HEADERS.items():
        out.setdefault(_key(english), str(english))
        for words in (languages or {}).values():
            for word in words or []:
                out.setdefault(_key(word), str(english))
    return out


_ENGLISH = _translations()
_CURRENCY_SUFFIX = re.compile(r"(.*?)\s*\(([A-Za-z]{3})\)")
_SPENT = "amount spent"
_NAMES = ("Campaign name", "Ad set name", "Ad name")
_IDS = {"ad": "Ad ID", "ad_set": "Ad set ID", "campaign": "Campaign ID"}
_MAP = {
    "Day": "date",
    "Account name": "account_name",
    "Campaign name": "campaign",
    "Ad set name": "ad_set",
    "Ad name": "ad",
    "Platform": "platform",
    "Objective": "objective",
    "Impressions": "impressions",
    "Reach": "reach",
    "Clicks (all)": "clicks_all",
    "ThruPlays": "video_views",
    "Currency": "currency",
}
_ADDITIVE = {_key(h) for h in SPEC["additive"]} | {
    _key(c)
    for c in (
        "spend",
        "impressions",
        "clicks",
        "conversions",
        "revenue",
        "video_views",
        "clicks_all",
        "results",
    )
}
_BREAKDOWNS = [str(b) for b in SPEC["breakdowns"]]
_PERIODS = [str(p) for p in SPEC["periods"]]
_PLATFORMS = {_key(k): str(v) for k, v in SPEC["platforms"].items()}
_NO_DATA = {_key(m) for words in SPEC["no_data"].values() for m in words}
_RANGE = re.compile(
    r"\s*(\d{4}-\d{2}-\d{2})(?:[T ]00:00:00)?\s*[-–—]\s*(\d{4}-\d{2}-\d{2})(?:[T ]00:00:00)?\s*"
)


def _english(header: object) -> str:
    """The English header for a header of any interface language (currency suffix kept).

    Total: any cell (line breaks, quotes, emoji, empty) gives a string, never an error.
    """
    text = _clean(header)
    whole = _ENGLISH.get(text.lower())
    if whole is not None:  # "Clicks (all)": a word in brackets that is not a currency
        return whole
    m = _CURRENCY_SUFFIX.fullmatch(text)
    base, suffix = (m.group(1), f" ({m.group(2).upper()})") if m else (text, "")
    english = _ENGLISH.get(base.lower())
    if english is None:
        return text
    return f"{english}{suffix}"


def _spent_currency(header: str) -> tuple[bool, str | None]:
    """Whether an (English) header is the amount spent, and the currency it names."""
    text = _key(header)
    if text == _SPENT:
        return True, None
    m = _CURRENCY_SUFFIX.fullmatch(text)
    if m and m.group(1) == _SPENT:
        return True, m.group(2).upper()
    return False, None


# --------------------------------------------------------------------------------------------
# detection


_WHO = {_key(n) for n in (*_NAMES, "Account name", "Reporting starts")}
# Besides "Amount spent": headers only Meta writes (other ad platforms say "Ad group", "Cost",
# "Date"), so that another platform's "Amount Spent" + "Campaign Name" is not taken for Meta's.
_META = {
    _key(n)
    for n in (
        "Reporting starts", "Reporting ends", "Ad set name", "Ad name", "Result indicator",
        "Result type", "Results", "Attribution setting", "Clicks (all)", "Day", "Month", "Week",
        "Delivery status", "Campaign delivery", "Ad set delivery", "Ad delivery",
    )
}  # fmt: skip


def _detect(raw: RawExport) -> Found | None:
    for table in raw.tables:
        for i, row in enumerate(table.head()):
            english = [_english(c) for c in row]
            if not any(_spent_currency(c)[0] for c in english):
                continue
            cells = {_key(c) for c in english}
            if cells & _WHO and cells & _META:
                return Found(table, i)
    return None


# --------------------------------------------------------------------------------------------
# reading


def _refuse(raw: RawExport, message: str, hint: str) -> ExportNotUsable:
    return ExportNotUsable(raw.source, "ads", [Problem(message, hint=hint)])


def _duplicate_columns(df: pd.DataFrame, labels: list[str], raw: RawExport):
    """One column per header.

    A second copy that repeats the first (or fills its blanks) is read into it; one that
    contradicts it is kept as ``<name> #2``, with a DataWarning.
    """
    columns: list[pd.Series] = []
    names: list[str] = []
    first: dict[str, int] = {}
    notes: list[str] = []
    for i, col in enumerate(df.columns):
        k = _key(col)
        values = df.iloc[:, i]
        if k not in first:
            first[k] = len(columns)
            columns.append(values)
            names.append(col)
            continue
        notes.append(str(col))
        a = columns[first[k]]
        conflict = a.notna() & values.notna() & (a.str.strip() != values.str.strip())
        columns[first[k]] = a.fillna(values)
        if not conflict.any():
            continue
        copies = sum(1 for n in names if _key(n) == k or _key(n).startswith(k + " #"))
        other = f"{col} #{copies + 1}"
        columns.append(values)
        names.append(other)
        where = int(conflict.to_numpy().argmax())
        n = int(conflict.sum())
        message = ngettext(
            "{file}: the column '{column}' appears twice and the two differ on {count} row "
            "(first at {row}: {first} and {second}); the first is read, the second is kept as "
            "'{kept}'",
            "{file}: the column '{column}' appears twice and the two differ on {count} rows "
            "(first at {row}: {first} and {second}); the first is read, the second is kept as "
            "'{kept}'",
            n,
        ).format(
            file=raw.source,
            column=col,
            count=n,
            row=labels[where],
            first=repr(a.iloc[where]),
            second=repr(values.iloc[where]),
            kept=snake(other),
        )
        warnings.warn(message, DataWarning, stacklevel=5)
    out = pd.concat(columns, axis=1, ignore_index=True) if columns else df.copy()
    out.columns = names
    return out, sorted(set(notes))


def _not_data(df: pd.DataFrame, labels: list[str]):
    """Drop the account total, one-cell messages ("No data available.") and keep the rest."""
    filled = df.notna().to_numpy()
    one_cell = pd.Series(filled.sum(axis=1) == 1, index=df.index)
    cells = df.to_numpy(dtype=object)
    first = filled.argmax(axis=1) if len(df.columns) else np.zeros(len(df), dtype=int)
    lonely = one_cell.to_numpy()
    text = pd.Series("", index=df.index, dtype="str")
    if lonely.any():
        rows = np.flatnonzero(lonely)
        text.iloc[rows] = [str(v) for v in cells[rows, first[rows]]]
    message = one_cell & (text.map(_key).isin(_NO_DATA) | ~text.str.contains(r"\d", regex=True))
    names = [c for c in _NAMES if c in df.columns]
    total = ~message & (df[names].isna().all(axis=1) if names else False)
    dropped = {}
    if message.any():
        dropped["messages"] = int(message.sum())
    if total.any():
        dropped["totals"] = int(total.sum())
    keep = ~(message | total).to_numpy()
    messages = sorted(set(text[message].str.strip()))
    return (
        df[keep].reset_index(drop=True),
        [lab for lab, k in zip(labels, keep, strict=True) if k],
        dropped,
        messages,
    )


_NUMBER_LIKE = re.compile(r"-?[\d.,]+%?")
_PLACEHOLDER = {"-", "--", "—"}
_COMMA_DECIMAL = re.compile(
    r"-?(?:\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?|\d{1,3}(?:\.\d{3})+,\d+|\d+,\d{1,2}|\d+,\d{4,})%?"
)
_DOT_DECIMAL = re.compile(
    r"-?(?:\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?|\d{1,3}(?:,\d{3})+\.\d+|\d+\.\d{1,2}|\d+\.\d{4,})%?"
)


def _decimal_comma(df: pd.DataFrame, skip: set[str]) -> tuple[pd.DataFrame, bool]:
    """Numbers written ``1.234,56`` (the file's numbers show a decimal comma) as ``1234.56``."""
    numeric = []
    comma = dot = 0
    for col in df.columns:
        if col in skip:
            continue
        cells = df[col].dropna().str.strip()
        cells = cells[~cells.isin(_PLACEHOLDER)]
        if cells.empty or not cells.str.fullmatch(_NUMBER_LIKE).all():
            continue
        numeric.append(col)
        comma += int(cells.str.fullmatch(_COMMA_DECIMAL).sum())
        dot += int(cells.str.fullmatch(_DOT_DECIMAL).sum())
    if comma == 0 or dot > 0:
        return df, False
    out = df.copy()
    for col in numeric:
        cells = out[col].str.strip()
        number = cells.str.fullmatch(_NUMBER_LIKE).fillna(False)
        out.loc[number, col] = (
            cells[number].str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
        )
    return out, True


def _ranges(values: pd.Series) -> tuple[pd.Series, pd.Series] | None:
    """First and last days of ``"2026-09-01 - 2026-09-30"`` cells, when every cell is one."""
    cells = values.dropna()
    if cells.empty or not _RANGE.fullmatch(str(cells.iloc[0])):
        return None
    parts = cells.str.extract(_RANGE.pattern.join(["^", "$"]))
    if parts.isna().any().any():
        return None
    return parts[0].reindex(values.index), parts[1].reindex(values.index)


_MONTH_WORDS = {
    **{
        m: i
        for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)
    },
    "sept": 9,
}


def _months() -> dict[str, int]:
    out = dict(_MONTH_WORDS)
    for words in (SPEC.get("months") or {}).values():
        for i, word in enumerate(words or [], start=1):
            for w in str(word).split("|"):
                out.setdefault(w.strip().lower().rstrip("."), i)
    return out


_MONTHS = _months()
_DMY = re.compile(r"(\d{1,2})-([^\W\d_]+)\.?-(\d{4})")
_MDY = re.compile(r"([^\W\d_]+)\.?-(\d{1,2})-(\d{4})")


def _period_from_name(path: Path) -> tuple[str, str] | None:
    """The reporting period in Meta's file name (``Lumi-Campaigns-Sep-1-2026-Sep-30-2026``)."""
    stem = path.stem
    found = []
    for pattern, order in ((_DMY, "dmy"), (_MDY, "mdy")):
        days = []
        for m in pattern.finditer(stem):
            d, word, y = (
                (m.group(1), m.group(2), m.group(3))
                if order == "dmy"
                else (m.group(2), m.group(1), m.group(3))
            )
            month = _MONTHS.get(word.lower())
            if month is None:
                continue
            try:
                days.append(pd.Timestamp(int(y), month, int(d)))
            except ValueError:
                continue
        if len(days) == 2 and days[0] <= days[1]:
            found.append(days)
    if len(found) != 1:
        return None
    first, last = found[0]
    return first.strftime("%Y-%m-%d"), last.strftime("%Y-%m-%d")


def _time(df: pd.DataFrame, raw: RawExport, attrs: dict) -> pd.DataFrame:
    """``date`` (and ``period_start``/``period_end`` for period totals) from the export."""
    cols = {_key(c): c for c in df.columns}
    start = end = None
    if "day" in cols:
        day = cols["day"]
        spans = _ranges(df[day])
        if spans is None:
            attrs["daily"] = True
            return df.rename(columns={day: "date"})
        start, end = spans
        attrs["period_from"] = day
    if start is None:
        for col in [cols[_key(p)] for p in _PERIODS if _key(p) in cols] + [
            c for c in df.columns if _key(c) not in {"reporting starts", "reporting ends"}
        ]:
            spans = _ranges(df[col]) if df[col].notna().any() else None
            if spans is not None:
                start, end = spans
                attrs["period_from"] = col
                break
    if start is None and "reporting starts" in cols:
        start = df[cols["reporting starts"]]
        end = df[cols["reporting ends"]] if "reporting ends" in cols else start
        attrs["period_from"] = "Reporting starts and Reporting ends"
        df = df.drop(columns=[cols["reporting starts"]])
    if start is None:
        named = _period_from_name(raw.path)
        if named is None:
            if len(df) == 0:
                attrs["daily"] = False
                return df.assign(date=pd.Series(dtype="str"))
            raise _refuse(
                raw,
                _(
                    "this Meta Ads Manager export does not say which days its rows cover: it "
                    "has no 'Day', 'Month' or 'Reporting starts' column and its file name "
                    "carries no dates"
                ),
                _(
                    "export it again with the columns 'Reporting starts' and 'Reporting ends' "
                    "(Columns: Customise columns) or with a breakdown by Day"
                ),
            )
        start = pd.Series(named[0], index=df.index, dtype="str")
        end = pd.Series(named[1], index=df.index, dtype="str")
        attrs["period_from"] = "the file name"
    first, last = _period_days(start, end, raw)
    daily = bool((first == last).all())
    attrs["daily"] = daily
    df = df.assign(date=first.dt.strftime("%Y-%m-%d"))
    if not daily:
        df = df.assign(period_start=first, period_end=last)
        if first.notna().any():
            attrs["period"] = (first.min().date().isoformat(), last.max().date().isoformat())
    return df


_SLASHED = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")


def _period_days(start: pd.Series, end: pd.Series, raw: RawExport) -> tuple[pd.Series, pd.Series]:
    """First and last days of each row's period.

    ISO as Meta writes them, or ``1/9/2026`` as a spreadsheet that opened and saved the file
    writes them (the day order from the values; ambiguous ones are refused).
    """
    cells = [v.astype("str").str.strip().where(v.notna()) for v in (start, end)]
    iso = [pd.to_datetime(c.str[:10], format="%Y-%m-%d", errors="coerce") for c in cells]
    if all((d.notna() | c.isna()).all() for d, c in zip(iso, cells, strict=True)):
        return iso[0], iso[1]
    parts = [c.str.extract(_SLASHED.pattern.join(["^", "$"])).astype("float") for c in cells]
    both = pd.concat(parts)
    slashed = all(
        (p.notna().all(axis=1) | c.isna()).all() for p, c in zip(parts, cells, strict=True)
    )
    if slashed:
        dayfirst = (both[0] > 12).any()
        monthfirst = (both[1] > 12).any()
        if dayfirst != monthfirst:
            order = ("%d/%m/%Y", "%m/%d/%Y")[int(monthfirst)]
            days = [
                pd.to_datetime(c.str.replace(".", "/", regex=False), format=order, errors="coerce")
                for c in cells
            ]
            return days[0], days[1]
        if not dayfirst and (both[0] == both[1]).all():  # 3/3/2026: either order
            days = [
                pd.to_datetime(c.str.replace(".", "/", regex=False), format="%d/%m/%Y")
                for c in cells
            ]
            return days[0], days[1]
    shown = ", ".join(repr(v) for v in pd.concat(cells).dropna().head(3))
    raise SchemaError(
        raw.source,
        "ads",
        [
            Problem(
                f"the reporting periods are not dates smmnb can read for sure ({shown})",
                hint="read the file as Ads Manager wrote it (YYYY-MM-DD dates), not as a "
                "spreadsheet saved it",
            )
        ],
    )


def _currency(df: pd.DataFrame, header: str | None, raw: RawExport, labels: list[str]):
    if "currency" not in df.columns:
        if header is not None:
            df = df.assign(currency=header)
        return df
    cells = df["currency"].str.strip().str.upper()
    if header is not None:
        other = cells.notna() & (cells != header)
        if other.any():
            rows = [lab for lab, o in zip(labels, other, strict=True) if o]
            raise SchemaError(
                raw.source,
                "ads",
                [
                    Problem(
                        f"the 'Currency' column says another currency than the "
                        f"'Amount spent ({header})' header",
                        "Currency",
                        tuple(rows[:5]),
                        tuple(cells[other].head(5)),
                        int(other.sum()),
                    )
                ],
            )
        cells = cells.fillna(header)
    return df.assign(currency=cells)


def _result_kind(df: pd.DataFrame) -> pd.Series | None:
    """What each row's Results count: "clicks", "conversions", "other", or None (not said)."""
    cols = {_key(c): c for c in df.columns}
    spec = SPEC["results"]
    indicator = df[cols["result indicator"]] if "result indicator" in cols else None
    rtype = df[cols["result type"]] if "result type" in cols else None
    if indicator is None and rtype is None:
        return None
    kind = pd.Series("other", index=df.index, dtype="object")
    if rtype is not None:
        t = rtype.fillna("").map(_key)
        for name in ("conversions", "clicks"):
            words = {_key(w) for ws in spec[name]["types"].values() for w in ws}
            kind[t.isin(words)] = name
    if indicator is not None:
        ind = indicator.fillna("").str.strip().str.lower()
        has = ind != ""
        conv = pd.Series(False, index=df.index)
        for word in spec["conversions"]["indicators"]:
            conv |= ind.str.contains(str(word), regex=False)
        click = ind.isin([str(w).lower() for w in spec["clicks"]["indicators"]])
        kind[has] = "other"
        kind[has & conv] = "conversions"
        kind[has & click] = "clicks"
    return kind


def _metrics(df: pd.DataFrame, attrs: dict) -> pd.DataFrame:
    """``clicks``, ``conversions`` and ``revenue`` from the columns the export has."""
    cols = {_key(c): c for c in df.columns}
    results = cols.get("results")
    kind = _result_kind(df) if results else None
    if results:
        df = df.rename(columns={results: "results"})
        results = "results"
    if "link clicks" in cols:
        df = df.rename(columns={cols["link clicks"]: "clicks"})
        attrs["clicks_from"] = "Link clicks"
    elif kind is not None and (kind == "clicks").any():
        df = df.assign(clicks=df[results].where(kind == "clicks"))
        attrs["clicks_from"] = "Results where the result is link clicks"
    else:
        attrs["clicks_from"] = "no link clicks in the export"
    source = next((c for c in SPEC["conversions"] if _key(c) in cols), None)
    if source is not None:
        df = df.rename(columns={cols[_key(source)]: "conversions"})
        attrs["conversions_from"] = str(source)
    elif results and kind is not None:
        df = df.assign(conversions=df[results].where(kind == "conversions"))
        attrs["conversions_from"] = "Results where the result is a conversion"
    elif results:
        df = df.assign(conversions=df[results])
        attrs["conversions_from"] = "Results"
    value = next((c for c in SPEC["revenue"] if _key(c) in cols), None)
    if value is not None:
        df = df.rename(columns={cols[_key(value)]: "revenue"})
    return df


def _platforms(df: pd.DataFrame, attrs: dict) -> pd.DataFrame:
    def known(cell: object) -> str | None:
        text = _key(cell)
        for name, platform in _PLATFORMS.items():
            if text == name or text.startswith(name + " "):
                return platform
        return None

    if "platform" in df.columns:
        values = df["platform"].str.strip()
        df = df.assign(platform=values.map(known).fillna(values.str.lower()))
        attrs["platform_from"] = "Platform breakdown"
        return df
    placement = next((c for c in df.columns if _key(c) == "placement"), None)
    if placement is not None and df[placement].notna().any():
        derived = df[placement].map(lambda c: known(c) if pd.notna(c) else None)
        if derived[df[placement].notna()].notna().all():
            attrs["platform_from"] = "the platform named by each Placement"
            return df.assign(platform=derived.fillna("facebook"))
    attrs["platform_from"] = "no Platform breakdown: attributed to facebook"
    return df.assign(platform="facebook")


def _same_names(df: pd.DataFrame, group: list[str], raw: RawExport, attrs: dict):
    """Tell apart different ads (or ad sets, campaigns) that share a name on the same day."""
    clash = df.duplicated(group, keep=False)
    if not clash.any():
        return df
    level = next(c for c in ("ad", "ad_set", "campaign") if c in df.columns)
    df = df.copy()
    before = df[level].copy()
    idcol = next((c for c in df.columns if _key(c) == _key(_IDS[level])), None)
    if idcol is not None:
        ids = df[idcol].str.strip()
        per_name = df[ids.notna()].groupby(level, dropna=False)[idcol].nunique()
        shared = df[level].isin(per_name[per_name > 1].index) & ids.notna()
        df.loc[shared, level] = df.loc[shared, level] + " [" + ids[shared] + "]"
        clash = df.duplicated(group, keep=False)
    if clash.any():
        nth = df.groupby(group, dropna=False, sort=False).cumcount() + 1
        again = clash & (nth > 1)
        df.loc[again, level] = (
            df.loc[again, level].fillna("") + " [" + nth[again].astype("str") + "]"
        )
    changed = df[level].ne(before) & df[level].notna()
    attrs["renamed"] = int(changed.sum())
    named = {"ad": _("ads"), "ad_set": _("ad sets"), "campaign": _("campaigns")}[level]
    n = int(changed.sum())
    fields = {
        "file": raw.source,
        "count": n,
        "named": named,
        "example": repr(df.loc[changed, level].iloc[0]),
    }
    if idcol is not None:
        message = ngettext(
            "{file}: {count} row has the day, campaign, ad set and ad name of another row "
            "(different {named} with the same name, such as a post boosted twice); the rows are "
            "kept apart, named by their Ad ID (for example {example})",
            "{file}: {count} rows have the day, campaign, ad set and ad name of another row "
            "(different {named} with the same name, such as a post boosted twice); the rows are "
            "kept apart, named by their Ad ID (for example {example})",
            n,
        ).format(**fields)
    else:
        message = ngettext(
            "{file}: {count} row has the day, campaign, ad set and ad name of another row "
            "(different {named} with the same name, such as a post boosted twice); the rows are "
            "kept apart, named by their order in the file (for example {example}); add the "
            "column '{id_column}' to the export to name them by id",
            "{file}: {count} rows have the day, campaign, ad set and ad name of another row "
            "(different {named} with the same name, such as a post boosted twice); the rows are "
            "kept apart, named by their order in the file (for example {example}); add the "
            "column '{id_column}' to the export to name them by id",
            n,
        ).format(id_column=_IDS[level], **fields)
    warnings.warn(message, DataWarning, stacklevel=5)
    return df


def _joined(values: pd.Series, gid: pd.Series, size: pd.Series) -> pd.Series:
    """Per group: its one value, or its different values joined ("Hanoi, Ho Chi Minh City")."""
    text = values.astype("object").where(values.notna())
    text = text.map(lambda v: v.strip() if isinstance(v, str) else v)
    out = text.groupby(gid).first()
    many = size > 1
    if many.any():
        pairs = pd.DataFrame({"g": gid[many], "v": text[many]}).dropna().drop_duplicates()
        joined = pairs.groupby("g", sort=False)["v"].agg(", ".join)
        out.loc[joined.index] = joined
    return out


def _merge_slices(
    df: pd.DataFrame, labels: list[str], key: list[str], slices: list[str], attrs: dict
):
    """Add the breakdown slices of each ad and day (or period) into one row."""
    gid = df.groupby(key, dropna=False, sort=False).ngroup()
    blank = df[slices].isna().all(axis=1)
    subtotal = blank & (~blank).groupby(gid).transform("any")
    if subtotal.any():
        attrs.setdefault("dropped", {})["subtotals"] = int(subtotal.sum())
        keep = ~subtotal.to_numpy()
        df = df[keep].reset_index(drop=True)
        labels = [lab for lab, k in zip(labels, keep, strict=True) if k]
        gid = df.groupby(key, dropna=False, sort=False).ngroup()
    size = gid.map(gid.value_counts())
    if not (size > 1).any():
        return df, labels
    order = gid.drop_duplicates().index
    out = df.loc[order].reset_index(drop=True)
    groups = gid.loc[order].to_numpy()
    not_added = []
    for col in df.columns:
        if col in key or col in ("brand", "currency"):
            continue
        values, bad = (None, None) if col in slices else parse_numbers(df[col])
        if values is not None and not bad.any() and values.notna().any():
            if _key(col) in _ADDITIVE:
                merged = values.groupby(gid).sum(min_count=1)
            else:
                merged = values.where(size == 1).groupby(gid).first()
                if values[size > 1].notna().any():
                    not_added.append(col)
        else:
            merged = _joined(df[col], gid, size)
        out[col] = merged.reindex(groups).to_numpy()
    attrs["merged_rows"] = int(len(df) - len(out))
    attrs["not_added"] = not_added
    return out, [labels[i] for i in order]


def _read(raw: RawExport, found: Found, options: Options):
    df, labels = found.table.frame(found.header)
    df.columns = [_english(c) for c in df.columns]
    df, duplicates = _duplicate_columns(df, labels, raw)
    attrs: dict = {}
    if duplicates:
        attrs["duplicate_columns"] = duplicates
    df, labels, dropped, messages = _not_data(df, labels)
    if dropped:
        attrs["dropped"] = dropped
    if messages:
        attrs["messages"] = messages
    spend = [c for c in df.columns if _spent_currency(c)[0]][0]
    header_currency = _spent_currency(spend)[1]
    df = df.rename(columns={spend: "spend"})
    if len(df) and "Campaign name" not in df.columns:
        if "Ad name" in df.columns or "Ad set name" in df.columns:
            if "Ad name" in df.columns:
                why = _(
                    "this Meta Ads Manager export at ad level has no 'Campaign name' column, "
                    "and every row of ads needs its campaign"
                )
            else:
                why = _(
                    "this Meta Ads Manager export at ad set level has no 'Campaign name' "
                    "column, and every row of ads needs its campaign"
                )
            raise _refuse(
                raw,
                why,
                _("add the column 'Campaign name' (Columns: Customise columns) and export again"),
            )
        raise _refuse(
            raw,
            _(
                "this Meta Ads Manager export is at account level: it has no campaign, ad set or "
                "ad names, and every row of ads needs its campaign"
            ),
            _("export the Campaigns tab (or ad sets, or ads) with the column 'Campaign name'"),
        )
    if len(df) and not any(_key(c) == "impressions" for c in df.columns):
        raise _refuse(
            raw,
            _(
                "this Meta Ads Manager export has no 'Impressions' column, which every row of "
                "ads needs"
            ),
            _("add the column 'Impressions' (Columns: Customise columns) and export again"),
        )
    names = {
        _key(c)
        for c in (
            "Campaign name",
            "Ad set name",
            "Ad name",
            "Day",
            "Reporting starts",
            "Reporting ends",
            "Account name",
            "Currency",
            "Platform",
        )
    }
    skip = {c for c in df.columns if _key(c) in names}
    df, comma = _decimal_comma(df, skip)
    if comma:
        attrs["decimal_comma"] = True
    df = _time(df, raw, attrs)
    df = _metrics(df, attrs)
    df = rename_columns(df, _MAP)
    df = _currency(df, header_currency, raw, labels)
    currencies = sorted(df["currency"].dropna().unique()) if "currency" in df.columns else []
    if not currencies and header_currency:
        currencies = [header_currency]
    attrs["currencies"] = currencies
    attrs["currency"] = currencies[0] if len(currencies) == 1 else header_currency
    df = _platforms(df, attrs)
    account = None
    if "account_name" in df.columns and df["account_name"].notna().any():
        account = str(df["account_name"].dropna().iloc[0])
    df["brand"] = need_brand(raw, FORMAT, options, account)
    key = [
        c
        for c in ("date", "period_start", "period_end", "platform", "campaign", "ad_set", "ad")
        if c in df.columns
    ]
    slices = [c for c in df.columns if _key(c) in {_key(b) for b in _BREAKDOWNS}]
    if len(df):
        df = _same_names(df, key + slices, raw, attrs)
        if slices:
            attrs["breakdown"] = slices
            df, labels = _merge_slices(df, labels, key, slices, attrs)
    if not len(df):  # an empty export: the table's columns, no rows
        missing = [c.name for c in TABLES["ads"].columns if c.name not in df.columns]
        df = df.assign(**{name: pd.Series(dtype="str") for name in missing})
    df = snake_extras(df, [*TABLES["ads"].names, "period_start", "period_end"])
    return df, labels, attrs


FORMAT = ExportFormat("meta_ads", "Meta Ads Manager", "ads", _detect, _read)
FORMATS = [FORMAT]
