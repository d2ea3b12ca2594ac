"""Canonical tables: their columns, dtypes and required columns, and :func:`validate`.

Every analysis in smmnb works on twelve canonical tables (see ``TABLES``). Whatever a file
looked like, once it has passed :func:`validate` it has

- the canonical columns in canonical order (absent optional columns added as missing values),
  followed by any extra columns the file had;
- categoricals for brand, platform, campaign, format and other labels; pandas' string dtype
  for text and ids; timezone-aware UTC timestamps; naive calendar days for ``date`` columns
  (the day as the account reports it); nullable ``Int64`` for counts; ``float64`` for money;
- no exact duplicate rows (they are dropped with a :class:`DataWarning` that says how many).

Anything else raises one :class:`~smmnb.errors.SchemaError` that lists every problem, each
with its column and up to five offending rows, with their values as the file wrote them (a
label such as ``"Facebook"`` is stored as ``"facebook"`` but shown as written). Dates outside
the years 1900 to 2199, infinite numbers and counts beyond 2**53 are problems too.
"""

from __future__ import annotations

import contextlib
import difflib
import functools
import re
import threading
import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from smmnb.errors import MAX_ROWS_SHOWN, DataWarning, Problem, SchemaError  # DataWarning: re-export

__all__ = [
    "PLATFORMS",
    "TABLES",
    "Column",
    "DERIVED_NAMES",
    "DataWarning",
    "TableSpec",
    "empty_table",
    "norm_name",
    "parse_numbers",
    "parse_timestamps",
    "parse_value",
    "validate",
]

PLATFORMS = (
    "facebook",
    "instagram",
    "tiktok",
    "youtube",
    "x",
    "linkedin",
    "zalo",
    "threads",
    "google",
    "web",
    "news",
    "forum",
)
"""Platform names as they appear in the ``platform`` column (lower case)."""

# Column kinds and the dtype each becomes.
_KINDS = {
    "id": "str",  # identifiers: text, never numbers (leading zeros and long ids survive)
    "category": "category",  # labels repeated across rows
    "label": "category",  # labels that are compared case-insensitively: stored lower case
    "text": "str",
    "timestamp": "datetime64[ns, UTC]",
    "date": "datetime64[ns]",  # a calendar day, as the platform reports it
    "count": "Int64",  # non-negative whole numbers
    "amount": "float64",  # non-negative numbers: money, fractional conversions
    "number": "float64",  # any real number (targets)
    "bool": "boolean",
}


@dataclass(frozen=True)
class Column:
    """One column of a canonical table.

    Parameters
    ----------
    name : str
        Canonical snake-case name.
    kind : str
        One of ``id``, ``category``, ``label``, ``text``, ``timestamp``, ``date``, ``count``,
        ``amount``, ``number``, ``bool``.
    required : bool
        Whether a file must have the column, with a value in every row.
    """

    name: str
    kind: str
    required: bool = False

    @property
    def dtype(self) -> str:
        """The pandas dtype of the column once validated."""
        return _KINDS[self.kind]


@dataclass(frozen=True)
class TableSpec:
    """A canonical table: what one row is, its columns and the columns that identify a row.

    Parameters
    ----------
    name : str
        Table name (``"posts"``).
    row : str
        What one row is, in words.
    columns : tuple of Column
        The canonical columns, in order.
    key : tuple of str
        Columns that identify a row: two rows with the same key and different values are an
        error. Empty when rows have no natural key.
    """

    name: str
    row: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()

    @property
    def names(self) -> list[str]:
        """Canonical column names, in order."""
        return [c.name for c in self.columns]

    @property
    def required(self) -> list[str]:
        """Names of the required columns."""
        return [c.name for c in self.columns if c.required]

    def __getitem__(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)


def _cols(spec: str) -> tuple[Column, ...]:
    """Build columns from ``"name:kind*"`` words (``*`` marks a required column)."""
    out = []
    for word in spec.split():
        name, kind = word.split(":")
        out.append(Column(name, kind.rstrip("*"), kind.endswith("*")))
    return tuple(out)


_METRICS = "impressions:count reach:count"
TABLES: dict[str, TableSpec] = {
    t.name: t
    for t in [
        TableSpec(
            "posts",
            "published post",
            _cols(
                "post_id:id* brand:category* platform:label* published_at:timestamp "
                "format:label text:text campaign:category paid:bool "
                f"{_METRICS} reactions:count comments:count shares:count saves:count "
                "clicks:count video_views:count followers:count url:text"
            ),
            key=("post_id",),
        ),
        TableSpec(
            "ads",
            "ad x day",
            _cols(
                "date:date* brand:category* platform:label* campaign:category* "
                "ad_set:category ad:category objective:label spend:amount* currency:category "
                "impressions:count* reach:count clicks:count conversions:amount revenue:amount "
                "video_views:count"
            ),
            key=("date", "brand", "platform", "campaign", "ad_set", "ad"),
        ),
        TableSpec(
            "comments",
            "comment or reply on an owned channel",
            _cols(
                "comment_id:id* brand:category* platform:label* created_at:timestamp* text:text* "
                "post_id:id parent_id:id author:text author_is_brand:bool"
            ),
            key=("comment_id",),
        ),
        TableSpec(
            "mentions",
            "listening hit (own brand or competitor)",
            _cols(
                "mention_id:id* created_at:timestamp* brand:category* text:text* "
                "platform:label author:text author_followers:count engagements:count url:text"
            ),
            key=("mention_id",),
        ),
        TableSpec(
            "followers",
            "brand x platform x day",
            _cols(
                "date:date* brand:category* platform:label* followers:count* gained:count "
                "lost:count"
            ),
            key=("date", "brand", "platform"),
        ),
        TableSpec(
            "web_sessions",
            "day x source/medium/campaign/landing page",
            _cols(
                "date:date* brand:category* source:label* medium:label* campaign:category "
                "landing_page:text sessions:count* users:count engaged_sessions:count "
                "conversions:count revenue:amount"
            ),
            key=("date", "brand", "source", "medium", "campaign", "landing_page"),
        ),
        TableSpec(
            "influencers",
            "influencer x campaign",
            _cols(
                "influencer:text* platform:label* brand:category* campaign:category* "
                "tier:label followers:count fee:amount posts:count impressions:count "
                "engagements:count clicks:count conversions:count revenue:amount"
            ),
            key=("influencer", "platform", "brand", "campaign"),
        ),
        TableSpec(
            "calendar",
            "planned content item",
            _cols(
                "planned_at:timestamp* brand:category* platform:label* title:text* "
                "format:label campaign:category status:label* owner:text post_id:id"
            ),
        ),
        TableSpec(
            "targets",
            "KPI target",
            _cols(
                "brand:category* kpi:label* target:number* period_start:date* "
                "period_end:date* campaign:category platform:label direction:label"
            ),
            key=("brand", "kpi", "period_start", "period_end", "campaign", "platform"),
        ),
        TableSpec(
            "channel_daily",
            "brand x platform x day, account level",
            _cols(
                "date:date* brand:category* platform:label* views:count impressions:count "
                "reach:count profile_views:count likes:count comments:count shares:count "
                "engagements:count followers_gained:count followers_lost:count"
            ),
            key=("date", "brand", "platform"),
        ),
        TableSpec(
            "search_daily",
            "day (or hour) x brand x search type x filters of a Search Console download",
            _cols(
                "date:date* hour:count end_date:date brand:category* search_type:label* "
                "clicks:count* impressions:count* position:number filters:text"
            ),
            key=("date", "hour", "brand", "search_type", "filters"),
        ),
        TableSpec(
            "search_terms",
            "download period x brand x search type x filters x kind x term",
            _cols(
                "period_start:date* period_end:date* brand:category* search_type:label* "
                "kind:label* rank:count term:text* clicks:count* impressions:count* "
                "position:number filters:text"
            ),
            # GSC lists a term twice now and then (a URL it counts apart): its rank (GSC's
            # order, optional) tells the two rows apart
            key=(
                "period_start",
                "period_end",
                "brand",
                "search_type",
                "filters",
                "kind",
                "term",
                "rank",
            ),  # fmt: skip
        ),
    ]
}
"""The twelve canonical tables, by name.

``search_daily`` and ``search_terms`` hold Google Search Console's Performance report (see
:mod:`smmnb.io.exports.search_console`). Their ``position`` is GSC's average position of the
row, itself weighted by impressions; it is missing where the row had no impressions. Pooled over
rows, CTR is ``sum(clicks) / sum(impressions)`` (never a mean of the rows' CTRs) and position is
``sum(position x impressions) / sum(impressions)`` over the rows with impressions (never a plain
mean). ``search_terms`` rows of ``kind`` query and page are GSC's top 1,000 at most: their sums
are not the site's totals.
"""

_ALLOWED = {"direction": {"higher", "lower"}}


def _spec(table: str) -> TableSpec:
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; expected one of {', '.join(TABLES)}")
    return TABLES[table]


def empty_table(table: str) -> pd.DataFrame:
    """Return an empty frame with the columns and dtypes of a canonical table.

    Parameters
    ----------
    table : str
        A name in ``TABLES``.

    Returns
    -------
    pandas.DataFrame
        Zero rows, canonical columns and dtypes, ``attrs["table"]`` set.
    """
    if table not in _EMPTY:
        spec = _spec(table)
        df = pd.DataFrame({c.name: pd.Series([], dtype=c.dtype) for c in spec.columns})
        df.attrs["table"] = table
        _EMPTY[table] = df
    return _EMPTY[table].copy()


_EMPTY: dict[str, pd.DataFrame] = {}


# --------------------------------------------------------------------------------------------
# value parsing: each returns (parsed, bad) where bad marks non-missing input that failed


_PLACEHOLDERS = ["--", "-", "—", "nan", "NaN", "None", "null", "N/A", "n/a"]


def _missing(s: pd.Series, *, placeholders: bool = True) -> pd.Series:
    """Missing cells: NaN/None, empty text, or (for values, not free text) a placeholder."""
    if s.dtype == object or isinstance(s.dtype, pd.StringDtype) or s.dtype == "str":
        t = s.astype("str").str.strip()
        empty = s.isna() | (t == "")
        return empty | t.isin(_PLACEHOLDERS) if placeholders else empty
    return s.isna()


_PLAIN_NUMBER = r"-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?"
_THOUSANDS_DOT = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$")
_DOT_GROUPS = r"\d\.\d{3}\.\d{3}|\d\.\d{3},\d"


def _parse_numbers(s: pd.Series, missing: pd.Series | None = None) -> tuple[pd.Series, pd.Series]:
    """Parse numbers written by people and platforms.

    Accepts thousands separators (``1,234,567`` or, when the column uses it, the Vietnamese
    ``1.234.567,5``), percent strings (``12.5%`` becomes 0.125), currency marks, spaces.
    Infinite values (``inf``, ``1e400``) are not numbers a metric can hold: they are bad.
    """
    out, bad = _read_numbers(s, missing)
    infinite = np.isinf(out.to_numpy(dtype="float64", na_value=np.nan))
    if infinite.any():
        out, bad = out.where(~infinite), bad | infinite
    return out, bad


def _read_numbers(s: pd.Series, missing: pd.Series | None) -> tuple[pd.Series, pd.Series]:
    if pd.api.types.is_bool_dtype(s):
        s = s.astype("float64")
    if pd.api.types.is_numeric_dtype(s):
        return pd.to_numeric(s, errors="coerce").astype("float64"), pd.Series(False, index=s.index)
    missing = _missing(s) if missing is None else missing
    t = s.astype("str").str.strip()
    if t[~missing].str.fullmatch(_PLAIN_NUMBER).all():
        # the usual case, plain digits: no separators, currency or percent to take apart
        return _plain_numbers(t.where(~missing)), pd.Series(False, index=s.index)
    t = t.str.replace(r"[\s\u00a0_'₫$€£]|VND|USD|EUR|đ$", "", regex=True)
    percent = t.str.endswith("%")
    t = t.str.rstrip("%")
    if t[~missing].str.contains(_DOT_GROUPS, regex=True).any():
        t = t.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    else:
        t = t.str.replace(",", "", regex=False)
    out = pd.to_numeric(t.where(~missing), errors="coerce").astype("float64")
    out = out.where(~percent.fillna(False), out / 100.0)
    bad = out.isna() & ~missing
    return out, bad


def _plain_numbers(t: pd.Series) -> pd.Series:
    """Text of plain numbers (NaN where missing) as float64.

    By Arrow when each has at most 15 characters (both parsers round such numbers alike), else
    by pandas.
    """
    a = _arrow_text(t)
    if a is not None and (pc.max(pc.utf8_length(a)).as_py() or 0) <= 15:
        try:
            values = pc.cast(a, pa.float64()).to_numpy(zero_copy_only=False)
            return pd.Series(values, index=t.index, dtype="float64")
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            pass
    return pd.to_numeric(t, errors="coerce").astype("float64")


_LARGEST_COUNT = 2**53  # above it a float no longer holds every whole number


_BOOL_TRUE = {"true", "t", "yes", "y", "1", "1.0", "paid", "x", "có", "co"}
_BOOL_FALSE = {"false", "f", "no", "n", "0", "0.0", "organic", "không", "khong"}


def _parse_bool(s: pd.Series, missing: pd.Series | None = None) -> tuple[pd.Series, pd.Series]:
    if pd.api.types.is_bool_dtype(s):
        return s.astype("boolean"), pd.Series(False, index=s.index)
    missing = _missing(s) if missing is None else missing
    t = s.astype("str").str.strip().str.lower()
    out = pd.Series(pd.NA, index=s.index, dtype="boolean")
    out[t.isin(_BOOL_TRUE) & ~missing] = True
    out[t.isin(_BOOL_FALSE) & ~missing] = False
    bad = out.isna() & ~missing
    return out, bad


_OFFSET = r"\s?(?:Z|UTC|GMT|[+-]\d{2}:?\d{2})$"
_EARLIEST, _LATEST = pd.Timestamp("1900-01-01"), pd.Timestamp("2200-01-01")


_FILTERS_LOCK = threading.Lock()
_collected = threading.local()


@contextlib.contextmanager
def collect_data_warnings():
    """Within the block, this thread's DataWarnings are listed instead of raised.

    For reading files in threads: the caller raises them afterwards, in the files' order.

    Yields
    ------
    list of str
        The warnings' messages, in the order they arose.
    """
    found: list[str] = []
    before = getattr(_collected, "found", None)
    _collected.found = found
    try:
        yield found
    finally:
        _collected.found = before


def _data_warning(message: str, stacklevel: int = 1) -> None:
    found = getattr(_collected, "found", None)
    if found is not None:
        found.append(message)
    else:
        warnings.warn(message, DataWarning, stacklevel=stacklevel + 1)


def _plausible(parsed: pd.Series) -> pd.Series:
    """``parsed`` with instants outside the years 1900 to 2199 as NaT.

    Such values are typos, sentinels (``9999-12-31``) or numbers read as years (``-1``), and
    most of them do not fit pandas' nanosecond timestamps at all.
    """
    lo, hi = _EARLIEST, _LATEST
    if isinstance(parsed.dtype, pd.DatetimeTZDtype):
        lo, hi = lo.tz_localize("UTC"), hi.tz_localize("UTC")
    return parsed.where(parsed.isna() | ((parsed >= lo) & (parsed < hi)))


_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T,]+(.*))?$")

# Vectorised in Arrow: Python's regular expressions run only on the rows that may need them.
# Arrow's RE2 agrees with Python's ``re`` on ASCII text for the patterns below (no ``\s``, no
# ``$`` before a trailing newline: the text is stripped); rows with other characters, where
# ``\d`` and ``\s`` differ, always go to Python.

_DMY_NEAR = r"\d{1,2}[/.-]\d{1,2}[/.-]\d{4}"  # found in every row _DMY matches, and more
_OFFSET_ASCII = r"(?:Z|UTC|GMT|[+-]\d{2}:?\d{2})$"  # what ``_OFFSET`` finds (``\s?`` is optional)
_OFFSET_NEAR = r"(?:Z|UTC|GMT|[+-]..:?..)$"  # found in every row ``_OFFSET`` matches, and more
_OFFSET_SPACED = r"(?:UTC|GMT)$|[^!-~][+-]..:?..$"  # rows the offset rewrites may change
_ISO_DAY = r"(?:19|20|21)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])"
_ISO_TIME = r"(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?"
_ISO_AWARE = rf"^{_ISO_DAY}[T ]{_ISO_TIME}(?:Z|[+-](?:0\d|1[0-4]):[0-5]\d)$"
_ISO_NAIVE = rf"^{_ISO_DAY}(?:[T ]{_ISO_TIME})?$"


def _arrow_text(t: pd.Series) -> pa.Array | None:
    """The Arrow strings of a text Series (pandas' ``str`` dtype), None for other storage."""
    if not isinstance(t.array, pd.arrays.ArrowStringArray):
        return None
    return pa.array(t.array)


def _mask(values: pa.Array) -> np.ndarray:
    return np.asarray(pc.fill_null(values, False).to_numpy(zero_copy_only=False), dtype=bool)


def _may_match(t: pd.Series, near: str) -> np.ndarray:
    """Rows of ``t`` a Python pattern may match, to run it on them only.

    Those where RE2 finds ``near`` (a pattern found in every ASCII row the Python pattern
    matches), and every row with other characters; every row when ``t`` is not Arrow text.
    """
    a = _arrow_text(t)
    if a is None:
        return t.notna().to_numpy()
    found = pc.or_(pc.match_substring_regex(a, near), pc.invert(pc.string_is_ascii(a)))
    return _mask(found)


def _contains(t: pd.Series, pattern: str, ascii_pattern: str) -> pd.Series:
    """``t.str.contains(pattern)`` as bools, False where missing.

    RE2's ``ascii_pattern`` (the same matches on ASCII text) on ASCII rows, Python's
    ``pattern`` on the others.
    """
    a = _arrow_text(t)
    if a is None:
        return t.str.contains(pattern, regex=True).fillna(False).astype(bool)
    ascii_rows = _mask(pc.string_is_ascii(a))
    out = _mask(pc.match_substring_regex(a, ascii_pattern)) & ascii_rows
    others = ~ascii_rows & t.notna().to_numpy()
    if others.any():
        found = t[others].str.contains(pattern, regex=True).fillna(False).astype(bool)
        out[others] = found.to_numpy()
    return pd.Series(out, index=t.index)


def _dmy_parts(t: pd.Series) -> pd.DataFrame:
    """``t.str.extract(_DMY)``, with Python's regex only on the rows that may match."""
    rows = _may_match(t, _DMY_NEAR)
    if rows.all():
        return t.str.extract(_DMY)
    return t[rows].str.extract(_DMY).reindex(t.index)


def _iso_instants(t: pd.Series, tz: str) -> tuple[pd.Series, np.ndarray] | None:
    """The rows of ``t`` in plain ISO 8601 (years 1900 to 2199) parsed by Arrow, in UTC.

    Returns the parsed Series (NaT elsewhere) and the rows parsed; None when ``t`` is not
    Arrow text or Arrow refuses a value (an impossible day such as 2026-02-30): then the
    general parser reads every row, as it would have.
    """
    a = _arrow_text(t)
    if a is None:
        return None
    aware = _mask(pc.match_substring_regex(a, _ISO_AWARE))
    naive = _mask(pc.match_substring_regex(a, _ISO_NAIVE))
    if not (aware.any() or naive.any()):
        return None
    out = pd.Series(pd.NaT, index=t.index, dtype="datetime64[ns, UTC]")
    try:
        if aware.any():
            parsed = pc.cast(a.filter(pa.array(aware)), pa.timestamp("ns", "UTC"))
            parsed = _plausible(parsed.to_pandas().set_axis(t.index[aware]))
            out[aware] = parsed.astype("datetime64[ns, UTC]")
        if naive.any():
            parsed = pc.cast(a.filter(pa.array(naive)), pa.timestamp("ns"))
            local = parsed.to_pandas().set_axis(t.index[naive]).astype("datetime64[ns]")
            local = local.dt.tz_localize(tz, ambiguous="NaT", nonexistent="shift_forward")
            out[naive] = local.dt.tz_convert("UTC").astype("datetime64[ns, UTC]")
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    return out, aware | naive


def parse_timestamps(
    s: pd.Series,
    *,
    timezone: str | None = None,
    dayfirst: bool | None = None,
    column: str = "",
) -> tuple[pd.Series, pd.Series, Problem | None]:
    """Parse a column of timestamps into UTC.

    Parameters
    ----------
    s : pandas.Series
        Text (ISO 8601, ``DD/MM/YYYY [HH:MM[:SS]]``, ``MM/DD/YYYY …``, or what dateutil reads)
        or datetimes.
    timezone : str, optional
        Time zone of naive timestamps (an IANA name such as ``"Asia/Ho_Chi_Minh"``); None
        means UTC. Timestamps with an offset keep their own.
    dayfirst : bool, optional
        Whether ``01/02/2026`` is the 1st of February (True) or January 2nd (False). None
        infers it from values that can only be read one way (a first part above 12 means
        day first); when no value decides it, a Problem asks for ``dayfirst=``.
    column : str
        Column name, for the Problem.

    Returns
    -------
    parsed : pandas.Series
        ``datetime64[ns, UTC]``; NaT where missing or unparseable.
    bad : pandas.Series of bool
        Cells that had a value and could not be read.
    problem : Problem or None
        A problem with the whole column (ambiguous or mixed day/month order).
    """
    tz = timezone or "UTC"
    if isinstance(s.dtype, pd.DatetimeTZDtype):
        kept = _plausible(s)
        return (
            kept.dt.tz_convert("UTC").astype("datetime64[ns, UTC]"),
            kept.isna() & s.notna(),
            None,
        )
    if pd.api.types.is_datetime64_dtype(s):
        kept = _plausible(s)
        local = kept.dt.tz_localize(tz, ambiguous="NaT", nonexistent="shift_forward")
        return (
            local.dt.tz_convert("UTC").astype("datetime64[ns, UTC]"),
            kept.isna() & s.notna(),
            None,
        )
    missing = _missing(s)
    t = s.astype("str").str.strip().where(~missing)
    fast = _iso_instants(t, tz)
    if fast is None:
        out, problem, is_dmy = _parse_text(t, tz, dayfirst, column)
    else:
        out, done = fast
        problem, is_dmy = None, pd.Series(False, index=t.index)
        rest = ~done & t.notna().to_numpy()
        if rest.any():  # the rows Arrow does not read: dates written otherwise, typos
            slow, problem, dmy = _parse_text(t[rest], tz, dayfirst, column)
            out[rest] = slow
            is_dmy[rest] = dmy
    bad = out.isna() & ~missing
    if problem is not None:
        bad = bad & ~is_dmy
    return out, bad, problem


def _parse_text(
    t: pd.Series, tz: str, dayfirst: bool | None, column: str
) -> tuple[pd.Series, Problem | None, pd.Series]:
    """Stripped text (NaN where missing) as UTC instants, in the general parser.

    Returns the instants, the column's day-order problem, and the rows written
    ``DD/MM/YYYY`` or ``MM/DD/YYYY``.
    """
    out = pd.Series(pd.NaT, index=t.index, dtype="datetime64[ns, UTC]")
    problem = None

    parts = _dmy_parts(t)
    is_dmy = parts[0].notna()
    if is_dmy.any():
        first = pd.to_numeric(parts.loc[is_dmy, 0])
        second = pd.to_numeric(parts.loc[is_dmy, 1])
        if dayfirst is None:
            says_day = bool((first > 12).any())
            says_month = bool((second > 12).any())
            if says_day and says_month:
                problem = Problem(
                    "mixes day-first (DD/MM/YYYY) and month-first (MM/DD/YYYY) dates",
                    column,
                    hint="make the column use one order",
                )
            elif says_day or says_month:
                dayfirst = says_day
            elif (first != second).any():
                problem = Problem(
                    "dates such as "
                    + repr(t[is_dmy][(first != second)].iloc[0])
                    + " read either as DD/MM/YYYY or as MM/DD/YYYY, and no value decides",
                    column,
                    hint="pass dayfirst=True (Vietnamese, European) or dayfirst=False (US)",
                )
            else:
                dayfirst = True
        if problem is None:
            day, month = (parts[0], parts[1]) if dayfirst else (parts[1], parts[0])
            iso = (
                parts[2]
                + "-"
                + month.str.zfill(2)
                + "-"
                + day.str.zfill(2)
                + (" " + parts[3]).fillna("")
            )
            t = t.where(~is_dmy, iso)
        else:
            t = t.where(~is_dmy)  # not guessed: left unparsed, reported by the problem above

    has_offset = _contains(t, _OFFSET, _OFFSET_ASCII)
    aware = t.where(has_offset)
    spaced = has_offset.to_numpy() & _may_match(t, _OFFSET_SPACED)
    if spaced.any():
        written = aware[spaced].str.replace(r"\s?(UTC|GMT)$", "+00:00", regex=True)
        aware[spaced] = written.str.replace(r"\s([+-]\d{2}:?\d{2})$", r"\1", regex=True)
    if has_offset.any():
        parsed = pd.to_datetime(aware[has_offset], format="ISO8601", utc=True, errors="coerce")
        parsed = _plausible(parsed).astype("datetime64[ns, UTC]")
        retry = parsed.isna()
        if retry.any():  # "Mon, 01 Mar 2026 10:00 +0700"
            parsed[retry] = _read_freely(aware[has_offset][retry], bool(dayfirst), utc=True)
        out[has_offset] = parsed
    naive = t.notna() & ~has_offset
    if naive.any():
        parsed = _plausible(pd.to_datetime(t[naive], format="ISO8601", errors="coerce"))
        parsed = parsed.astype("datetime64[ns]")
        retry = parsed.isna()
        zoned = None
        if retry.any():
            again = _read_freely(t[naive][retry], bool(dayfirst))
            if isinstance(again.dtype, pd.DatetimeTZDtype):  # "Wed Oct 10 20:19:24 +0000 2018"
                zoned = again
            else:
                parsed[retry] = again
        local = parsed.dt.tz_localize(tz, ambiguous="NaT", nonexistent="shift_forward")
        out[naive] = local.dt.tz_convert("UTC").astype("datetime64[ns, UTC]")
        if zoned is not None:
            out[zoned.index] = zoned
    return out, problem, is_dmy


def _read_freely(t: pd.Series, dayfirst: bool, utc: bool = False) -> pd.Series:
    """What dateutil reads in ``t`` ("Mon, 01 Mar 2026"), NaT where it reads nothing.

    In UTC when ``utc`` or when every value names its zone or offset (instants), else naive.
    """
    dtype = "datetime64[ns, UTC]" if utc else "datetime64[ns]"
    # one thread at a time: the warning filters are the process's (files are read in threads)
    with _FILTERS_LOCK, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            parsed = pd.to_datetime(t, format="mixed", dayfirst=dayfirst, utc=utc, errors="coerce")
        except (ValueError, TypeError, OverflowError):  # zone names mixed with naive values
            return pd.Series(pd.NaT, index=t.index, dtype=dtype)
    if isinstance(parsed.dtype, pd.DatetimeTZDtype):
        return _plausible(parsed.dt.tz_convert("UTC")).astype("datetime64[ns, UTC]")
    if not pd.api.types.is_datetime64_dtype(parsed):
        return pd.Series(pd.NaT, index=t.index, dtype=dtype)
    return _plausible(parsed).astype(dtype)


def _file_dayfirst(df: _Frame, spec: TableSpec) -> bool | None:
    """Day order decided by any date column of the file (one file uses one convention)."""
    votes = set()
    for col in spec.columns:
        if col.kind not in ("date", "timestamp") or col.name not in df.names:
            continue
        raw = df[col.name]
        if raw.dtype != object and not isinstance(raw.dtype, pd.StringDtype) and raw.dtype != "str":
            continue
        parts = _dmy_parts(raw.astype("str").str.strip())
        parts = parts[parts[0].notna()]
        if parts.empty:
            continue
        if (pd.to_numeric(parts[0]) > 12).any():
            votes.add(True)
        if (pd.to_numeric(parts[1]) > 12).any():
            votes.add(False)
    return votes.pop() if len(votes) == 1 else None


def _parse_dates(
    s: pd.Series, *, dayfirst: bool | None, column: str
) -> tuple[pd.Series, pd.Series, Problem | None]:
    """Calendar days: the date as written (an offset, if any, is ignored)."""
    if isinstance(s.dtype, pd.DatetimeTZDtype):
        s = s.dt.tz_localize(None)
    if pd.api.types.is_datetime64_dtype(s):
        kept = _plausible(s)
        return kept.dt.normalize().astype("datetime64[ns]"), kept.isna() & s.notna(), None
    if pd.api.types.is_integer_dtype(s) or (
        pd.api.types.is_float_dtype(s)
        and s.dropna().between(19000101, 21001231).all()
        and (s.dropna() == s.dropna().round()).all()
    ):
        try:
            s = s.astype("Int64").astype("str")  # GA4's 20260131
        except (TypeError, ValueError, OverflowError):  # unsigned beyond int64: not a date
            s = s.astype("str")
    missing = _missing(s)
    t = s.astype("str").str.strip().where(~missing)
    compact = t.str.fullmatch(r"\d{8}").fillna(False).astype(bool)
    t = t.where(~compact, t.str[:4] + "-" + t.str[4:6] + "-" + t.str[6:8])
    zoned = _may_match(t, _OFFSET_NEAR)
    if zoned.any():
        t[zoned] = t[zoned].str.replace(_OFFSET, "", regex=True)
    parsed, bad, problem = parse_timestamps(t, timezone="UTC", dayfirst=dayfirst, column=column)
    return parsed.dt.tz_localize(None).dt.normalize().astype("datetime64[ns]"), bad, problem


# --------------------------------------------------------------------------------------------


def _rows(labels: np.ndarray, mask: pd.Series) -> tuple[list[str], int]:
    pos = np.flatnonzero(mask.to_numpy(dtype=bool))
    return [str(labels[i]) for i in pos[:MAX_ROWS_SHOWN]], len(pos)


def _bad_problem(
    message: str,
    column: str,
    mask: pd.Series,
    raw: pd.Series,
    labels: np.ndarray,
    hint: str = "",
) -> Problem:
    rows, count = _rows(labels, mask)
    shown = raw[mask.to_numpy(dtype=bool)].iloc[:MAX_ROWS_SHOWN]
    values = ["" if _is_missing_cell(v) else str(v) for v in shown]
    return Problem(message, column, tuple(rows), tuple(values), count, hint)


def _is_missing_cell(value) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # a list or array in a cell
        return False


def _norm_name(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", str(name).strip().lower()).strip("_")


def _missing_column_problem(spec: TableSpec, name: str, found: Sequence[str]) -> Problem:
    close = difflib.get_close_matches(
        _norm_name(name), [_norm_name(f) for f in found], n=1, cutoff=0.6
    )
    hint = f"found: {', '.join(map(str, found)) or 'no columns'}"
    if close:
        original = next(f for f in found if _norm_name(f) == close[0])
        hint += f"; did you mean {original!r}? (pass columns={{{original!r}: {name!r}}})"
    return Problem("required column is missing", name, hint=hint)


def _relabel(raw: pd.Series, lower: bool) -> pd.Series:
    """A column of text categories (a Parquet file's) stripped, and lower-cased if ``lower``.

    The same as ``astype("str")`` of its values then ``astype("category")``, working on each
    category once instead of on every row.
    """
    names = pd.Series(raw.cat.categories).astype("str").str.strip()
    if lower:
        names = names.str.lower()
    unique, inverse = np.unique(names.to_numpy(dtype=object), return_inverse=True)
    codes = raw.cat.codes.to_numpy()
    new = np.where(codes >= 0, inverse.reshape(-1)[codes] if len(inverse) else -1, -1)
    used = np.zeros(len(unique), dtype=bool)
    used[new[new >= 0]] = True
    new = np.where(new >= 0, (np.cumsum(used) - 1)[np.maximum(new, 0)], -1)
    categories = pd.Index(list(unique[used]), dtype="str")
    return pd.Series(pd.Categorical.from_codes(new, categories=categories), index=raw.index)


def _parse_column(
    col: Column,
    raw: pd.Series,
    labels: np.ndarray,
    *,
    timezone: str | None,
    dayfirst: bool | None,
) -> tuple[pd.Series, list[Problem]]:
    """One column's values typed as ``col`` says, and what is wrong with them."""
    problems: list[Problem] = []
    missing = _missing(raw, placeholders=col.kind not in ("id", "text"))
    if col.kind in ("id", "text"):
        t = raw.astype("str")
        if col.kind == "id":
            t = t.str.strip().str.removesuffix(".0") if raw.dtype.kind == "f" else t.str.strip()
        values = t.where(~missing).astype("str")
    elif col.kind in ("category", "label"):
        if isinstance(raw.dtype, pd.CategoricalDtype) and raw.cat.categories.dtype == "str":
            values = _relabel(raw, lower=col.kind == "label")
        else:
            t = raw.astype("str").str.strip()
            if col.kind == "label":
                t = t.str.lower()
            values = t.where(~missing).astype("category")
        allowed = _ALLOWED.get(col.name)
        if allowed is not None:
            wrong = values.notna() & ~values.astype("str").isin(allowed)
            if wrong.any():
                problems.append(
                    _bad_problem(
                        f"unknown value (expected one of {', '.join(sorted(allowed))})",
                        col.name,
                        wrong,
                        raw,
                        labels,
                    )
                )
    elif col.kind == "timestamp":
        values, bad, problem = parse_timestamps(
            raw, timezone=timezone, dayfirst=dayfirst, column=col.name
        )
        if problem is not None:
            problems.append(problem)
        if bad.any():
            problems.append(
                _bad_problem(
                    "cannot read as a date and time",
                    col.name,
                    bad,
                    raw,
                    labels,
                    "use ISO 8601 (2026-03-31 18:30) or DD/MM/YYYY HH:MM, years 1900 to 2199",
                )
            )
    elif col.kind == "date":
        values, bad, problem = _parse_dates(raw, dayfirst=dayfirst, column=col.name)
        if problem is not None:
            problems.append(problem)
        if bad.any():
            problems.append(
                _bad_problem(
                    "cannot read as a date",
                    col.name,
                    bad,
                    raw,
                    labels,
                    "use ISO 8601 (2026-03-31) or DD/MM/YYYY, years 1900 to 2199",
                )
            )
    elif col.kind == "bool":
        values, bad = _parse_bool(raw, missing)
        if bad.any():
            problems.append(
                _bad_problem("not a yes/no value", col.name, bad, raw, labels, "use true/false")
            )
    else:
        values, bad = _parse_numbers(raw, missing)
        if bad.any():
            problems.append(_bad_problem("not a number", col.name, bad, raw, labels))
        if col.kind in ("count", "amount"):
            negative = values < 0
            if negative.any():
                what = "counts" if col.kind == "count" else "amounts"
                problems.append(_bad_problem(f"negative {what}", col.name, negative, raw, labels))
        if col.kind == "count":
            fractional = values.notna() & (values != np.round(values))
            if fractional.any():
                problems.append(
                    _bad_problem("not a whole number", col.name, fractional, raw, labels)
                )
            huge = values.abs() > _LARGEST_COUNT
            if huge.any():
                problems.append(_bad_problem("too large for a count", col.name, huge, raw, labels))
            values = values.where(~fractional & ~huge).round().astype("Int64")
    if col.required:
        if missing.any():
            problems.append(
                _bad_problem("missing value in a required column", col.name, missing, raw, labels)
            )
    return values, problems


# --------------------------------------------------------------------------------------------
# Columns of an Arrow table (a Parquet file's, or a CSV file Arrow read): each kind checked and
# typed by Arrow's kernels when the column holds what that kind expects. ``_from_arrow`` gives
# what ``_parse_column`` gives for the same column, or None: then ``_parse_column`` reads it
# (and names any problem), so the errors are the same by construction.


def _from_arrow(col: Column, arr: pa.ChunkedArray) -> pd.Series | None:
    """``_parse_column(col, <the column in pandas>)[0].astype(col.dtype)``, by Arrow's kernels.

    None when the column may have a problem, or is of a type these paths do not take.
    """
    t = arr.type
    text = pa.types.is_string(t) or pa.types.is_large_string(t)
    if col.kind in ("id", "text") and text:
        return _arrow_strings(col, arr)
    if col.kind in ("category", "label") and (text or _is_text_dictionary(t)):
        return _arrow_labels(col, arr)
    if col.kind in ("timestamp", "date") and pa.types.is_timestamp(t):
        return _arrow_instants(col, arr)
    if col.kind in ("timestamp", "date") and text:
        return _arrow_iso(col, arr)
    if col.kind in ("count", "amount", "number"):
        if col.kind == "count" and pa.types.is_integer(t):
            return _arrow_counts(col, arr)
        if pa.types.is_integer(t) or pa.types.is_floating(t):
            try:  # a safe cast refuses integers a float cannot hold exactly
                values = pc.fill_null(pc.cast(arr, pa.float64()), np.nan)
            except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
                return None
            values = values.to_numpy()
        elif text:
            values = _arrow_plain_numbers(arr)
        else:
            return None
        return None if values is None else _checked_numbers(col, values)
    if col.kind == "bool" and pa.types.is_boolean(t):
        if col.required and arr.null_count:
            return None
        return pd.Series(pd.array(arr.to_numpy(zero_copy_only=False), dtype="boolean"))
    if col.kind == "bool" and text:
        return _arrow_bools(col, arr)
    return None


def _arrow_bools(col: Column, arr: pa.ChunkedArray) -> pd.Series | None:
    """Yes/no text: each distinct value read once by ``_parse_bool``, then given to its rows."""
    encoded = pc.dictionary_encode(arr).unify_dictionaries()
    if encoded.num_chunks == 0:
        return None
    values = pd.Series(encoded.chunk(0).dictionary.to_pandas(), dtype="str")
    read, bad = _parse_bool(values)
    if bad.any() or (col.required and (read.isna().any() or arr.null_count)):
        return None
    indices = pa.chunked_array([c.indices for c in encoded.chunks])
    codes = pc.fill_null(indices, -1).to_numpy().astype(np.int64)
    known = read.notna().to_numpy()
    truth = np.append(read.fillna(False).to_numpy(dtype=bool), False)[codes]
    missing = ~np.append(known, False)[codes]  # -1, a missing cell, is the last
    return pd.Series(pd.arrays.BooleanArray(truth, missing))


def _is_text_dictionary(t: pa.DataType) -> bool:
    return pa.types.is_dictionary(t) and (
        pa.types.is_string(t.value_type) or pa.types.is_large_string(t.value_type)
    )


def _string_buffers(chunk: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """A string array's offsets, and the bytes they index (a slice's own bytes only)."""
    _, offsets, data = chunk.buffers()
    width = np.int64 if pa.types.is_large_string(chunk.type) else np.int32
    off = np.frombuffer(offsets, dtype=width)[chunk.offset : chunk.offset + len(chunk) + 1]
    if data is None or len(off) == 0:
        return off, np.zeros(0, np.uint8)
    return off, np.frombuffer(data, dtype=np.uint8)[off[0] : off[-1]]


def _may_strip(arr: pa.ChunkedArray) -> np.ndarray:
    """Strings that are empty or begin or end with a byte ``_printable`` does not accept.

    Only these can change when stripped. Where every byte of a chunk is printable ASCII, as in
    most ids, only its empty strings are. Any value where a string is missing (callers leave
    missing cells out).
    """
    out = []
    for chunk in arr.chunks:
        off, data = _string_buffers(chunk)
        empty = off[1:] == off[:-1]
        if len(data) == 0 or (data.min() >= 0x21 and data.max() <= 0x7E):
            out.append(empty)
            continue
        starts, ends = off[:-1] - off[0], off[1:] - off[0]
        first = data[np.minimum(starts, len(data) - 1)]
        last = data[np.maximum(ends - 1, 0)]
        out.append(empty | ~(_printable(first) & _printable(last)))
    return np.concatenate(out) if out else np.zeros(0, dtype=bool)


def _blanks(arr: pa.ChunkedArray) -> np.ndarray:
    """Strings that are empty or all whitespace (False where missing).

    ``utf8_is_space`` counts the same characters as whitespace as ``utf8_trim_whitespace``,
    which pandas strips with, character for character.
    """
    spaces, lengths = pc.utf8_is_space(arr), pc.binary_length(arr)
    shortest = pc.min(lengths).as_py()  # None: no string
    if not pc.any(spaces).as_py() and (shortest is None or shortest > 0):
        return np.zeros(len(arr), dtype=bool)  # none (the usual case): no mask to build
    blank = pc.or_(spaces, pc.equal(lengths, 0))
    return pc.fill_null(blank, False).to_numpy().astype(bool, copy=False)


def _printable(byte: np.ndarray) -> np.ndarray:
    """Bytes that are a printable ASCII character other than a space: never whitespace.

    Every whitespace character, ASCII or not, starts and ends with another byte in UTF-8.
    """
    return (byte >= 0x21) & (byte <= 0x7E)


def _arrow_strings(col: Column, arr: pa.ChunkedArray) -> pd.Series | None:
    """Ids stripped and text as written, missing where blank.

    pandas strips its Arrow text with Arrow's ``utf8_trim_whitespace``, as here; only the ids
    that begin or end with something other than a printable ASCII character can change, so the
    others are not looked at again.
    """
    if col.required and arr.null_count:
        return None
    if col.kind == "text":  # as written: only blanks change
        blank = _blanks(arr)
        if not blank.any():
            return arr.to_pandas()
        if col.required:
            return None
        return pc.if_else(pa.array(blank), pa.scalar(None, arr.type), arr).to_pandas()
    maybe = _may_strip(arr)
    if arr.null_count:  # missing already: nothing to strip
        maybe &= arr.is_valid().to_numpy()
    if not maybe.any():
        return arr.to_pandas()  # nothing to strip, nothing blank, nothing missing
    maybe_at = pa.chunked_array([pa.array(maybe)])
    trimmed = pc.utf8_trim_whitespace(arr.filter(maybe_at))
    blank = np.zeros(len(arr), dtype=bool)
    blank[maybe] = pc.fill_null(pc.equal(pc.binary_length(trimmed), 0), True).to_numpy(
        zero_copy_only=False
    )
    if col.required and blank.any():
        return None
    values = pc.replace_with_mask(arr.combine_chunks(), pa.array(maybe), trimmed.combine_chunks())
    if blank.any():
        values = pc.if_else(pa.array(blank), pa.scalar(None, values.type), values)
    return values.to_pandas()


def _arrow_labels(col: Column, arr: pa.ChunkedArray) -> pd.Series | None:
    """Labels as categories: each distinct value stripped (and lowered) once.

    Text is dictionary-encoded first. As in the pandas path, a Parquet file's categories are
    only relabelled, while text also has its blanks and placeholders (``--``) made missing.
    """
    placeholders = not pa.types.is_dictionary(arr.type)
    if placeholders:
        arr = pc.dictionary_encode(arr)
    if arr.num_chunks == 0:
        return None
    if arr.num_chunks > 1:
        arr = arr.unify_dictionaries()
    dictionary = arr.chunk(0).dictionary
    indices = (
        arr.chunk(0).indices
        if arr.num_chunks == 1
        else pa.chunked_array([c.indices for c in arr.chunks])
    )
    nulls = indices.null_count
    codes = (pc.fill_null(indices, -1) if nulls else indices).to_numpy()  # int8 mostly: kept
    cleaned, blank = _clean_labels(tuple(dictionary.to_pylist()), col.kind, placeholders)
    if len(cleaned) <= 16:  # a few values: a pass over the codes for each is quicker
        used = np.array([(codes == k).any() for k in range(len(cleaned))], dtype=bool)
    else:
        used = np.zeros(len(cleaned), dtype=bool)
        used[pc.unique(indices).drop_null().to_numpy()] = True
    kept = used & ~blank
    if col.required and (nulls or (used & ~kept).any()):
        return None
    allowed = _ALLOWED.get(col.name)
    if allowed is not None and not all(v in allowed for v in cleaned[kept]):
        return None
    dtype, position = _categories(tuple(cleaned[kept]))
    lookup = np.full(len(cleaned) + 1, -1, dtype=np.int64)  # the last for -1: missing
    lookup[np.flatnonzero(kept)] = position
    if not np.array_equal(lookup[:-1], np.arange(len(cleaned))):
        codes = lookup.astype(codes.dtype)[codes]
    return pd.Series(pd.Categorical.from_codes(codes, dtype=dtype, validate=False))


@functools.lru_cache(maxsize=256)
def _categories(values: tuple) -> tuple[pd.CategoricalDtype, np.ndarray]:
    """The categories of these label values, sorted, and each value's position among them."""
    categories, position = np.unique(np.asarray(values, dtype=object), return_inverse=True)
    position = position.reshape(-1)
    position.flags.writeable = False  # shared by every column with these values
    return pd.CategoricalDtype(pd.Index(list(categories), dtype="str")), position


@functools.lru_cache(maxsize=256)
def _clean_labels(names: tuple, kind: str, placeholders: bool) -> tuple[np.ndarray, np.ndarray]:
    """A dictionary's values as the pandas path cleans them, and which are blank.

    pandas strips and lowers Arrow text with these kernels: the same, once per value (and once
    per dictionary: every table of a folder has the same brands and platforms).
    """
    values = pa.array(names, pa.string())
    cleaned = pc.utf8_trim_whitespace(values)
    blank = pc.is_null(cleaned)
    if placeholders:  # blank or a placeholder, before lowering
        placeholder = pc.is_in(cleaned, value_set=pa.array(_PLACEHOLDERS, cleaned.type))
        blank = pc.or_(blank, pc.fill_null(pc.or_(pc.equal(cleaned, ""), placeholder), True))
    if kind == "label":
        cleaned = pc.utf8_lower(cleaned)
    out = np.asarray(cleaned.to_pylist(), dtype=object), blank.to_numpy(zero_copy_only=False)
    for array in out:
        array.flags.writeable = False  # shared by every column with this dictionary
    return out


def _in_range(arr: pa.ChunkedArray) -> bool:
    """Whether every instant of a timestamp column is within the years 1900 to 2199."""
    if len(arr) == arr.null_count:
        return True
    bounds = pc.min_max(arr)
    low, high = _bounds_in(arr.type.unit)
    return low <= bounds["min"].value and bounds["max"].value < high


@functools.cache
def _bounds_in(unit: str) -> tuple[int, int]:
    """The first instant of 1900 and of 2200 as numbers of ``unit``."""
    return tuple(int(np.datetime64(t, unit).astype(np.int64)) for t in (_EARLIEST, _LATEST))


def _arrow_instants(col: Column, arr: pa.ChunkedArray) -> pd.Series | None:
    """A column Arrow already holds as timestamps (a Parquet file's)."""
    if (col.required and arr.null_count) or not _in_range(arr):
        return None
    # Only instants of a timestamp column and days of a date column: a day column with a time
    # zone (its days in local time) and naive instants (localised, which may drop some) go to
    # the general path.
    aware = arr.type.tz is not None
    if aware != (col.kind == "timestamp"):
        return None
    if col.kind == "date":
        return arr.cast(pa.timestamp("ns")).to_pandas().dt.normalize()
    return arr.cast(pa.timestamp("ns", "UTC")).to_pandas()  # the same instants, in UTC


_ISO_DAY_ONLY = rf"^{_ISO_DAY}$"


def _arrow_iso(col: Column, arr: pa.ChunkedArray) -> pd.Series | None:
    """Text instants all in ISO 8601 with an offset (or days, for a date column), cast by Arrow.

    The patterns admit years 1900 to 2199 only; Arrow refuses impossible days (2026-02-30),
    which the general path then names.
    """
    if len(arr) == arr.null_count or (col.required and arr.null_count):
        return None
    pattern = _ISO_DAY_ONLY if col.kind == "date" else _ISO_AWARE
    if not pc.all(pc.match_substring_regex(arr, pattern)).as_py():  # nulls skipped
        return None
    try:
        if col.kind == "date":
            days = pc.cast(pc.cast(arr, pa.date32()), pa.timestamp("ns"))
            return days.to_pandas().astype("datetime64[ns]")
        return pc.cast(arr, pa.timestamp("ns", "UTC")).to_pandas().astype("datetime64[ns, UTC]")
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None


_PLAIN_NUMBER_TEXT = rf"^{_PLAIN_NUMBER}$"


def _arrow_plain_numbers(arr: pa.ChunkedArray) -> np.ndarray | None:
    """Text of plain numbers as float64 (NaN where missing), as ``_read_numbers`` reads it.

    None when any cell is written otherwise.
    """
    if len(arr) == arr.null_count:
        return None
    if not pc.all(pc.match_substring_regex(arr, _PLAIN_NUMBER_TEXT)).as_py():
        return None
    return _plain_numbers(arr.to_pandas()).to_numpy()


def _arrow_counts(col: Column, arr: pa.ChunkedArray) -> pd.Series | None:
    """Whole numbers Arrow holds as integers: counts when none is negative or too large."""
    if col.required and arr.null_count:
        return None
    if len(arr) > arr.null_count:
        bounds = pc.min_max(arr)
        if bounds["min"].as_py() < 0 or bounds["max"].as_py() > _LARGEST_COUNT:
            return None
    if arr.null_count:
        values = pc.fill_null(arr, 0).to_numpy().astype(np.int64, copy=False)
        mask = arr.is_null().to_numpy()
    else:
        values, mask = arr.to_numpy().astype(np.int64, copy=False), np.zeros(len(arr), bool)
    return pd.Series(pd.arrays.IntegerArray(values, mask))


def _checked_numbers(col: Column, values: np.ndarray) -> pd.Series | None:
    """Numbers of a count, amount or number column when none is a problem (None otherwise)."""
    missing = np.isnan(values)
    if col.required and missing.any():
        return None
    present = values[~missing]
    if np.isinf(present).any():
        return None
    if col.kind in ("count", "amount") and (present < 0).any():
        return None
    if col.kind == "count":
        if (present != np.round(present)).any() or (np.abs(present) > _LARGEST_COUNT).any():
            return None
        return pd.Series(values).astype("Int64")
    return pd.Series(values, dtype="float64")


def _parse_value(
    value: object,
    table: str,
    column: str,
    *,
    timezone: str | None = None,
    dayfirst: bool | None = None,
) -> tuple[pd.Series, list[Problem]]:
    """One value for ``column`` of ``table``, typed and checked as a file's cell would be.

    For ``read_table(..., constants=...)``: the problems name the constant as the user wrote
    it, ``column 'spend': not a number: constants= gives 'abc'``.

    Returns
    -------
    tuple
        A one-row Series of the column's dtype, and the problems found (empty when none).
    """
    col = _spec(table)[column]
    raw = pd.Series([value])
    values, problems = _parse_column(
        col, raw, np.asarray(["constants="], dtype=object), timezone=timezone, dayfirst=dayfirst
    )
    problems = [
        Problem(f"{p.message}: constants= gives {value!r}", column, hint=p.hint) for p in problems
    ]
    return values.astype(col.dtype), problems


def _duplicated(df: pd.DataFrame, subset: list[str] | None = None, keep="first") -> pd.Series:
    """``df.duplicated``, also for cells pandas cannot hash (lists or objects from JSON)."""
    try:
        return df.duplicated(subset, keep=keep)
    except TypeError:
        text = df[subset] if subset else df
        text = text.apply(lambda s: s.astype("str") if s.dtype == object else s)
        return text.duplicated(keep=keep)


def _shared_key(typed: pd.DataFrame, key: list[str]) -> np.ndarray:
    """Rows whose key another row has too (``duplicated(key, keep=False)``).

    The key is hashed, each column by its values' numbers (category codes, instants, numbers,
    text by its length and last eight bytes): rows whose hash no other row has are told apart
    without comparing their values. The few rows that share one are hashed again, their text
    by all its bytes, and only those that still share a hash (the same key, or a collision)
    are compared by pandas.
    """
    maybe = _sharing_a_hash(typed, key, _text_tails)
    if maybe is None:  # cells pandas alone can compare (objects from JSON)
        return _duplicated(typed, key, keep=False).to_numpy(dtype=bool)
    shared = np.zeros(len(typed), dtype=bool)
    if maybe.any():
        rows = np.flatnonzero(maybe)
        again = _sharing_a_hash(typed.iloc[rows], key, _text_hashes)
        rows = rows[again]
        shared[rows] = _duplicated(typed.iloc[rows], key, keep=False).to_numpy(dtype=bool)
    return shared


def _sharing_a_hash(typed: pd.DataFrame, key: list[str], text) -> np.ndarray | None:
    """Rows whose key hashes to a number another row's key hashes to (None: cells unhashed)."""
    hashes = None
    for i, name in enumerate(key):
        numbers = _key_numbers(typed[name], text)
        if numbers is None:
            return None
        step = _HASH_STEPS[(i + 32) % len(_HASH_STEPS)]  # one per column (none for one)
        if len(key) == 1:
            hashes = numbers
        elif hashes is None:
            hashes = numbers * step
        else:
            hashes += numbers * step
    ordered = np.sort(hashes)
    twice = ordered[1:][ordered[1:] == ordered[:-1]]
    return np.isin(hashes, twice) if len(twice) else np.zeros(len(typed), dtype=bool)


def _key_numbers(s: pd.Series, text=None) -> np.ndarray | None:
    """A 64-bit number per value of a key column: equal values, equal numbers.

    Missing values are one value, as pandas compares them. Text is numbered by ``text``
    (``_text_hashes`` by default). None for a column of other cells.
    """
    dtype = s.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        return s.cat.codes.to_numpy().astype(np.int64).view(np.uint64)
    if isinstance(dtype, pd.DatetimeTZDtype):
        s = s.dt.tz_convert(None)  # UTC instants
    if pd.api.types.is_datetime64_dtype(s.dtype):
        return s.to_numpy().view(np.int64).view(np.uint64)  # NaT: one number
    if isinstance(dtype, pd.StringDtype):
        a = _arrow_text(s)
        return None if a is None else (text or _text_hashes)(a)  # missing and "": compared
    if pd.api.types.is_float_dtype(dtype) or isinstance(dtype, (pd.Int64Dtype, pd.BooleanDtype)):
        values = s.to_numpy(dtype="float64", na_value=np.nan) + 0.0  # -0.0 is 0.0
        return np.where(np.isnan(values), np.nan, values).view(np.uint64)  # one NaN
    return None


_HASH_MASKS = np.array([(1 << (8 * k)) - 1 for k in range(8)] + [2**64 - 1], dtype=np.uint64)
"""The low ``k`` bytes of a 64-bit word, for k = 0 to 8."""

_HASH_STEPS = np.random.default_rng(19).integers(1, 2**63, 64, dtype=np.uint64) * 2 + 1
"""One odd multiplier per eight bytes of a string (fixed: the same string, the same hash)."""


def _text_tails(a: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """A 64-bit number per string from its length and its last eight bytes (all of a shorter one).

    Equal strings, equal numbers: each string's bytes are read from the eight that end where
    it ends, and those before a shorter string are shifted out. One read per string, where
    ``_text_hashes`` reads all its bytes: strings that differ only before their last eight
    bytes share a number.
    """
    chunks = a.chunks if isinstance(a, pa.ChunkedArray) else [a]
    out = []
    for chunk in chunks:
        off, data = _string_buffers(chunk)
        end = (off[1:] - off[0]).astype(np.int64, copy=False)
        size = np.diff(off)
        head = int(np.searchsorted(end, 8))
        end[head:] -= 8  # where each string's last eight bytes start
        tail = _words(data)[end[head:]]
        if head:  # strings ending in the first eight bytes: read from a copy with zeros before
            padded = np.zeros(24, dtype=np.uint8)
            padded[8 : 8 + min(16, len(data))] = data[:16]
            tail = np.concatenate([_words(padded)[end[:head]], tail])
        short = np.flatnonzero(size < 8)
        if len(short):  # the bytes before the string shifted out
            tail[short] >>= (8 * (8 - size[short])).astype(np.uint64)
        tail *= _HASH_STEPS[0]
        tail += size.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
        out.append(tail)
    return np.concatenate(out) if out else np.zeros(0, dtype=np.uint64)


def _words(buffer: np.ndarray) -> np.ndarray:
    """The eight bytes from each position of a byte array, as one little-endian number."""
    if len(buffer) < 8:
        return np.zeros(0, dtype=np.uint64)
    view = np.lib.stride_tricks.as_strided(buffer, (len(buffer) - 7, 8), (1, 1))
    return view.view("<u8").reshape(-1)


def _text_hashes(a: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """A 64-bit hash of each string's bytes: equal strings, equal hashes.

    The sum, modulo 2**64, of the string's length and of its bytes read eight at a time, each
    eight times an odd number of its own: the first eight (those past the end masked), the
    last eight of a longer string, and the eights between them of a string longer than 16.
    What a string adds depends on its bytes alone, not on the strings beside it. Distinct
    strings may share a hash; callers compare those in full.
    """
    chunks = a.chunks if isinstance(a, pa.ChunkedArray) else [a]
    out = []
    for chunk in chunks:
        off, data = _string_buffers(chunk)
        at = (off[:-1] - off[0]).astype(np.int64, copy=False)
        size = np.diff(off).astype(np.int64, copy=False)
        padded = np.zeros(len(data) + 8, dtype=np.uint8)  # no read passes its end
        padded[: len(data)] = data
        words = _words(padded)
        h = words[at]
        h &= _HASH_MASKS[np.minimum(size, 8)]
        h *= _HASH_STEPS[0]
        h += size.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
        tail = words[at + np.maximum(size - 8, 0)]
        tail *= size > 8
        tail *= _HASH_STEPS[1]
        h += tail
        middle = np.flatnonzero(size > 16)
        if len(middle):
            start, left = at[middle], size[middle]
            rest = np.zeros(len(middle), dtype=np.uint64)
            for step in range(1, (int(left.max()) - 9) // 8 + 1):  # while 8 * step + 8 < size
                word = words[start + np.minimum(8 * step, left - 8)]
                word *= left > 8 * step + 8  # nothing from a string already read
                word *= _HASH_STEPS[(step + 1) % len(_HASH_STEPS)]
                rest += word
            h[middle] += rest
        out.append(h)
    return np.concatenate(out) if out else np.zeros(0, dtype=np.uint64)


def _as_written(value) -> str:
    """A cell as the file had it, for messages: label values keep the user's spelling."""
    text = "" if _is_missing_cell(value) else str(value).strip()
    return text if text else "(missing)"


def _on_rows(rows: list[str], count: int) -> str:
    """``["line 4", "line 9"]`` as "lines 4 and 9" (and "… and 3 more" past the list)."""
    parts = [r.split(" ", 1) for r in rows]
    nouns = {p[0] for p in parts if len(p) == 2}
    if len(nouns) == 1 and all(len(p) == 2 for p in parts):
        noun, items = nouns.pop(), [p[1] for p in parts]
    else:
        noun, items = "", list(rows)
    if count > len(rows):
        items.append(f"{count - len(rows)} more")
    text = _listing(items)
    if not noun:
        return text
    return f"{noun}s {text}" if len(items) > 1 else f"{noun} {text}"


@dataclass(frozen=True)
class _KeyClash(Problem):
    """A key that several rows share: its message names the rows, so they are not repeated."""

    def __str__(self) -> str:
        text = f"column '{self.column}': {self.message}"
        return text + (f"; {self.hint}" if self.hint else "")


def _key_clashes(
    typed: pd.DataFrame, raw: pd.DataFrame, labels: np.ndarray, spec: TableSpec, clash: pd.Series
) -> list[Problem]:
    """One problem per key shared by rows that differ (the first five keys, then a count).

    Each names the key as the file wrote it, the rows, and the columns whose values differ:
    "'123' appears on lines 4 and 9 with different reach, comments".
    """
    key = list(spec.key)
    at = np.flatnonzero(clash.to_numpy(dtype=bool))
    groups = list(_duplicated_groups(typed.iloc[at][key]).items())  # positions within ``at``
    problems: list[Problem] = []
    column = " + ".join(key)
    others = [c for c in typed.columns if c not in key]
    for _, members in groups[:MAX_ROWS_SHOWN]:
        pos = at[members]
        first = raw.iloc[pos[0]]
        written = [_as_written(first[c]) if c in raw.columns else "(missing)" for c in key]
        name = repr(written[0]) if len(key) == 1 else " / ".join(written)
        spellings = []
        for c in key:
            if c in raw.columns:
                seen = list(dict.fromkeys(_as_written(v) for v in raw[c].iloc[pos]))
                if len(seen) > 1:
                    spellings.append(f"{c} written {_listing([repr(v) for v in seen])}")
        differ = [c for c in others if _differs(typed[c].iloc[pos])]
        rows = [str(labels[i]) for i in pos[:MAX_ROWS_SHOWN]]
        message = f"{name} appears on {_on_rows(rows, len(pos))}"
        message += f" with different {', '.join(map(str, differ))}" if differ else ""
        message += f" ({'; '.join(spellings)})" if spellings else ""
        problems.append(
            _KeyClash(message, column, tuple(rows), (), len(pos), "keep one row per key")
        )
    if len(groups) > MAX_ROWS_SHOWN:
        rest = groups[MAX_ROWS_SHOWN:]
        n_rows = sum(len(m) for _, m in rest)
        problems.append(
            _KeyClash(
                f"{len(rest)} more keys appear on more than one row with different values "
                f"({n_rows} rows)",
                column,
                count=n_rows,
                hint="keep one row per key",
            )
        )
    return problems


def _duplicated_groups(keys: pd.DataFrame) -> dict[str, np.ndarray]:
    """Positions of the rows of ``keys`` sharing each key, in order of first appearance."""
    text = keys.astype("str").fillna("(missing)").agg("\x1f".join, axis=1).to_numpy()
    groups: dict[str, list[int]] = {}
    for i, k in enumerate(text):
        groups.setdefault(k, []).append(i)
    return {k: np.asarray(v) for k, v in groups.items()}


def _differs(values: pd.Series) -> bool:
    """Whether a column holds more than one value over some rows (missing counts as one)."""
    try:
        return values.nunique(dropna=False) > 1
    except TypeError:  # cells pandas cannot hash
        return values.astype("str").nunique(dropna=False) > 1


def _listing(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def validate(
    df: pd.DataFrame | pa.Table,
    table: str,
    *,
    source: str | None = None,
    timezone: str | None = None,
    dayfirst: bool | None = None,
    row_labels: Sequence[str] | RowLabels | None = None,
) -> pd.DataFrame:
    """Check a frame against a canonical table and return it typed.

    Parameters
    ----------
    df : pandas.DataFrame or pyarrow.Table
        Columns already named canonically (see :func:`smmnb.read_table` to map names). An
        Arrow table (as ``pyarrow.parquet.read_table`` gives) is checked column by column in
        Arrow where its types allow, with the same results and errors as its pandas frame.
    table : str
        Canonical table name, one of ``TABLES``.
    source : str, optional
        Where the rows came from, named in errors (a file path); default ``"<DataFrame>"``.
    timezone : str, optional
        Time zone of naive timestamps; None means UTC.
    dayfirst : bool, optional
        Day order of ``NN/NN/YYYY`` dates; None infers it (see :func:`parse_timestamps`).
    row_labels : sequence of str, optional
        How to name each row in errors (``"line 7"``), aligned with the rows; default
        ``"row <index label>"``.

    Returns
    -------
    pandas.DataFrame
        A new frame with canonical dtypes and column order, extra columns kept after the
        canonical ones, exact duplicate rows dropped, a fresh RangeIndex and
        ``attrs["table"]`` set.

    Raises
    ------
    SchemaError
        Listing every problem: missing required columns (with the likely intended name),
        unparseable values, negative counts or amounts, missing values in required columns,
        the same key twice with different values (naming the rows and the columns that
        differ: "'123' appears on lines 4 and 9 with different reach, comments"), an empty
        table with no columns.

    Examples
    --------
    >>> import pandas as pd, smmnb as smm
    >>> ads = pd.DataFrame({"date": ["2026-01-05"], "brand": ["Lumi"], "platform": ["Facebook"],
    ...                     "campaign": ["Tet"], "spend": ["1,250,000"], "impressions": [52000]})
    >>> out = smm.validate(ads, "ads")
    >>> out.loc[0, "spend"], str(out.loc[0, "platform"])
    (np.float64(1250000.0), 'facebook')
    """
    spec = _spec(table)
    source = source or "<DataFrame>"
    frame = _Frame(df)
    if not frame.names:
        raise SchemaError(source, table, [Problem("the file is empty: no header, no rows")])
    if len(set(frame.names)) < len(frame.names):
        dup = sorted({n for n in frame.names if frame.names.count(n) > 1})
        raise SchemaError(source, table, [Problem(f"column appears twice: {', '.join(dup)}")])
    labels = (
        row_labels
        if isinstance(row_labels, RowLabels)
        else np.asarray(row_labels, dtype=object)
        if row_labels is not None
        else np.asarray([f"row {i}" for i in frame.index], dtype=object)
    )
    if len(labels) != frame.rows:
        raise ValueError(f"row_labels has {len(labels)} labels for {frame.rows} rows")

    @functools.cache
    def file_dayfirst() -> bool | None:  # asked for only by a column Arrow did not read
        return _file_dayfirst(frame, spec) if dayfirst is None else dayfirst

    problems: list[Problem] = []
    for name in spec.required:
        if name not in frame.names:
            problems.append(_missing_column_problem(spec, name, frame.names))

    out: dict[str, pd.Series] = {}
    for col in spec.columns:
        if col.name not in frame.names:
            out[col.name] = pd.Series(pd.array([None] * frame.rows, dtype=col.dtype))
            continue
        fast = frame.from_arrow(col)
        if fast is not None:
            out[col.name] = fast
            continue
        out[col.name], found_problems = _parse_column(
            col, frame[col.name], labels, timezone=timezone, dayfirst=file_dayfirst()
        )
        problems.extend(found_problems)

    if problems:
        raise SchemaError(source, table, problems)

    for col in spec.columns:
        if out[col.name].dtype != col.dtype:
            out[col.name] = out[col.name].astype(col.dtype)
    # the columns' arrays, on one index: nothing to align
    typed = pd.DataFrame(
        {name: s.array for name, s in out.items()}, index=pd.RangeIndex(frame.rows), copy=False
    )
    extras = [c for c in frame.names if c not in spec.names]
    if extras:
        typed = pd.concat([typed, frame.frame(extras)], axis=1)

    # Rows that are exact duplicates share their key too: only the rows whose key is shared
    # (none, usually) are compared whole. A table without a key is keyed by its whole rows.
    key = list(spec.key)
    shared = _shared_key(typed, key or list(typed.columns))
    exact = np.zeros(len(typed), dtype=bool)
    if shared.all():
        exact = _duplicated(typed).to_numpy(dtype=bool)
    elif shared.any():
        exact[shared] = _duplicated(typed[shared]).to_numpy(dtype=bool)
    dropped = int(exact.sum())
    kept = ~exact
    if dropped:
        _data_warning(
            f"{source}: dropped {dropped} exact duplicate row(s) of table '{table}'", stacklevel=2
        )
        typed, labels, shared = typed[kept], labels[kept], shared[kept]
    if key and shared.any():
        clash = np.zeros(len(typed), dtype=bool)
        clash[shared] = _duplicated(typed[shared], key, keep=False).to_numpy(dtype=bool)
        if clash.any():
            clash = pd.Series(clash, index=typed.index)
            raw = frame.frame(frame.names)[kept]
            raise SchemaError(source, table, _key_clashes(typed, raw, labels, spec, clash))
    if dropped:
        typed = typed.reset_index(drop=True)
    typed.attrs = {"table": table, "file": source, "duplicates_dropped": dropped}
    return typed


class _Frame:
    """The columns :func:`validate` is given, a pandas DataFrame or an Arrow table.

    An Arrow table's columns are converted to pandas one at a time, as ``pandas.read_parquet``
    would convert them (its pandas metadata applied; the index columns it names are not data),
    and only those Arrow's kernels do not type themselves.
    """

    def __init__(self, df: pd.DataFrame | pa.Table):
        self.arrow = df if isinstance(df, pa.Table) else None
        if self.arrow is None:
            self.df = df.set_axis([str(c).strip() for c in df.columns], axis=1)
            self.names = list(self.df.columns)
            self.rows = len(df)
            self.index = df.index
            self.df = self.df.reset_index(drop=True)
            return
        meta = df.schema.pandas_metadata or {}
        index = {c for c in meta.get("index_columns", []) if isinstance(c, str)}
        self.positions = {}
        for i, name in enumerate(df.column_names):
            if name not in index:
                self.positions.setdefault(str(name).strip(), []).append(i)
        self.names = [n for n, at in self.positions.items() for _ in at]
        self.rows = df.num_rows
        self.index = pd.RangeIndex(self.rows)
        self._pandas: dict[str, pd.Series] = {}

    def __getitem__(self, name: str) -> pd.Series:
        if self.arrow is None:
            return self.df[name]
        if name not in self._pandas:
            (at,) = self.positions[name]
            self._pandas[name] = self.arrow.select([at]).to_pandas().iloc[:, 0].rename(name)
        return self._pandas[name]

    def from_arrow(self, col: Column) -> pd.Series | None:
        """The column typed by Arrow's kernels (see ``_from_arrow``), or None."""
        if self.arrow is None:
            return None
        (at,) = self.positions[col.name]
        return _from_arrow(col, self.arrow.column(at))

    def frame(self, names: list[str]) -> pd.DataFrame:
        if self.arrow is None:
            return self.df[names]
        return pd.DataFrame({n: self[n] for n in names}, index=self.index)


# Public names for what readers (smmnb.io) need, so that io never reaches into private helpers.


class RowLabels:
    """How errors name the rows of a file: ``"line 2"``, ``"line 3"``, ... (or ``"row 1"``, ...).

    Each label is made only when an error names its row: a file of a million rows needs no
    million strings. Indexing with an integer gives a label; with a boolean mask or positions,
    the labels of those rows.

    Parameters
    ----------
    noun : str
        ``"line"`` or ``"row"``.
    first : int
        The number of the first row.
    count : int
        How many rows.
    """

    def __init__(self, noun: str, first: int, count: int, positions: np.ndarray | None = None):
        self.noun, self.first, self.count = noun, first, count
        self._positions = positions

    def __len__(self) -> int:
        return self.count

    def _numbers(self) -> np.ndarray:
        return np.arange(self.count) if self._positions is None else self._positions

    def __getitem__(self, i):
        if isinstance(i, (int, np.integer)):
            if not -self.count <= i < self.count:
                raise IndexError(i)
            at = int(i) % self.count
            number = at if self._positions is None else int(self._positions[at])
            return f"{self.noun} {self.first + number}"
        picked = self._numbers()[np.asarray(i) if not isinstance(i, slice) else i]
        return RowLabels(self.noun, self.first, len(picked), picked)

    def __iter__(self):
        return (self[i] for i in range(self.count))


DERIVED_NAMES = frozenset(
    "ctr cpc cpm cvr cpa roas roi er_reach er_impressions er_followers engagements period".split()
)
"""Names smmnb gives to figures it computes itself (the ratios of ``smmnb.metrics.RATIOS``,
``roi``, ``engagements``, ``period``): a platform's own column by such a name must not pass
for smmnb's (X's "Engagements" counts clicks too), so readers prefix it with ``platform_``."""


def norm_name(name: object) -> str:
    """A header compared loosely with a canonical name: ``"Post ID"`` -> ``"post_id"``.

    Lower case, every run of characters other than ``a-z0-9`` one underscore, none at the ends.
    """
    return _norm_name(name)


def parse_numbers(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Numbers as people and platforms write them, and which cells are not numbers.

    Thousands separators (``1,234,567``, or ``1.234.567,5`` when the column uses dots),
    percent strings (``12.5%`` -> 0.125), currency marks and spaces are accepted; empty cells
    and placeholders (``--``, ``-``, ``N/A``) are missing, not bad; infinite values are bad.

    Returns
    -------
    tuple of Series
        The values as float64 (NaN where missing or bad), and a boolean Series, True where a
        cell holds something that is not a number.
    """
    return _parse_numbers(s)


def parse_value(
    value: object,
    table: str,
    column: str,
    *,
    timezone: str | None = None,
    dayfirst: bool | None = None,
) -> tuple[pd.Series, list[Problem]]:
    """One value for ``column`` of ``table``, typed and checked as a file's cell would be.

    For ``read_table(..., constants=...)``; the problems name the value as given.

    Returns
    -------
    tuple
        A one-row Series of the column's dtype, and the problems found (empty when none).
    """
    return _parse_value(value, table, column, timezone=timezone, dayfirst=dayfirst)
