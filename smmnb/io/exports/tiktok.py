"""TikTok Studio and Ads Manager exports -> ``posts``, ``followers``, ``channel_daily``, ``ads``.

TikTok Studio (Analytics > Download data) writes one file per tab, CSV (UTF-8 with a BOM, every
field quoted, numbers too) or XLSX (every number stored as text), with dates **without a year**
in the language of the interface (``February 28``, ``28 August``, ``8 de marzo``, ``8. März``,
``9月16日``, ``28 tháng 8``) and the literal text ``undefined`` for values it has not computed.
TikTok Ads Manager writes a custom report as XLSX (or CSV). Header spellings, month names and
the ``undefined`` text live in ``headers/tiktok.yml``.

Mapping decisions:

- ``Content`` -> ``posts`` (platform tiktok). ``post_id`` is the numeric id in ``Video link``
  (``…/@handle/video/<id>``; a ``/photo/<id>`` link is a photo carousel, ``format``
  ``carousel``, other links ``short``); the link is the post's ``url``. ``Video title`` (the
  caption) is ``text``; ``Total likes`` -> reactions, ``Total comments`` -> comments, ``Total
  shares`` -> shares, ``Add to favorites`` -> saves, ``Total views`` -> ``video_views`` (views
  are not impressions: ``impressions`` stays empty). ``undefined`` and empty cells are
  missing, never 0. ``Time`` (the day of the download, the same on every row) is not a column:
  it anchors the years.
- ``published_at``: TikTok ids carry the Unix time of the upload in their top 32 bits. When
  that time falls on the ``Post time`` day (in ``timezone``), it is used to the second (UTC).
  When it falls within a day before and a month after it (the time zone is not known, or the
  post was scheduled), the id gives the year and the post keeps its day (local midnight).
  Other rows take their year from the anchor (below): the latest year that does not put the
  date after it (on 5 January 2027, ``December 30`` is 2026-12-30 and ``January 3`` is
  2027-01-03). A date written with a year is read as written.
- ``FollowerHistory`` -> ``followers``: ``Followers`` is the count. ``Difference in followers
  from previous day`` is a net change, neither ``gained`` nor ``lost`` (TikTok does not split
  them), so it is kept as an extra column ``difference_in_followers_from_previous_day``. Days
  whose count is ``undefined`` (not computed yet; their difference is then a placeholder
  ``0``) are dropped with a :class:`~smmnb.errors.DataWarning`, as long as the ``followers``
  table requires a count.
- ``Overview`` -> ``channel_daily``: ``Video Views`` -> views, ``Profile Views`` ->
  profile_views, ``Likes``, ``Comments``, ``Shares``. Should a version carry a ``Followers``
  column, it is read as ``followers`` instead (its other columns kept as extras).
- ``Viewers`` -> ``channel_daily``: ``Total Viewers`` (the day's unique viewers of the
  account's videos) -> reach; ``New Viewers`` and ``Returning Viewers`` are kept as extras.
- Years of a daily series (FollowerHistory, Overview, Viewers): its latest day is put in the
  latest year that does not bring it more than 31 days after the anchor (a download day, or the
  last day of a folder's other data, which may end a little before the download), and every
  earlier row follows backwards, one year back each time the month and day go up: a year of
  ``February 28`` .. ``February 27`` downloaded on 28 February 2026 runs from 2025-02-28 to
  2026-02-27, and a ``February 29`` only ever lands in a leap year.
- The anchor is ``as_of`` when given (``attrs["year_from"] = "as_of"``); else a date the file
  carries: the Content export's ``Time`` day with its year from the newest post the ids date
  (``"file"``), a date in the file's name (``Overview_2026-02-28.csv``, ``"file name"``) or
  above its header; a :class:`~smmnb.errors.DataWarning` then says which. Without any, the
  reader refuses and asks for ``as_of`` (:func:`smmnb.load_workspace` passes the last day of
  the folder's other data). ``attrs["year_anchor"]`` is the anchor day. Nothing depends on
  the clock.
- TikTok Ads Manager -> ``ads`` (platform tiktok): ``By Day`` -> date, ``Campaign name``,
  ``Ad group name`` -> ad_set, ``Ad name`` -> ad, ``Cost`` -> spend, ``Impressions``,
  ``Reach``, ``Clicks (destination)`` -> clicks (``Clicks (all)`` kept as ``clicks_all``),
  ``Conversions`` (else ``Results``, recorded in ``attrs["conversions_from"]``),
  ``Total complete payment value`` -> revenue, ``Video views`` -> video_views. The currency
  is the ``Currency`` column, else the one in a ``Cost (XXX)`` header, else unknown. Total rows
  (``Total…`` or a blank campaign name) are dropped. An export without a daily breakdown
  raises a SchemaError asking for the ``By Day`` dimension.
- The brand is ``brand=``, else the ads export's ``Account name``; TikTok Studio files name no
  account (the ``@handle`` in links is a handle, not the brand, kept in ``attrs["handle"]``).
"""

from __future__ import annotations

import datetime
import functools
import re
import unicodedata
import warnings
from importlib import resources

import pandas as pd

from smmnb.errors import Problem, SchemaError
from smmnb.i18n import _
from smmnb.io.exports._base import (
    ExportFormat,
    Found,
    Options,
    RawExport,
    Table,
    drop_total_rows,
    file_day,
    need_brand,
    norm,
    snake_extras,
)
from smmnb.schema import TABLES, DataWarning

__all__ = ["FORMATS", "infer_year", "month_day", "read_day", "video_id"]

_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"), None)
_TIME = r"(?P<time>\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*[ap]\.?\s?m\.?)?)"
_TIME_AT_END = re.compile(r"(?:^|[\s,]+)(?:at\s+|à\s+|a las\s+|às\s+|um\s+|lúc\s+)?" + _TIME + "$")
_NUMERIC_MONTH = [
    re.compile(r"^(?:(?P<year>\d{4})\s*年\s*)?(?P<mon>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日?$"),
    re.compile(r"^(?:(?P<year>\d{4})\s*년\s*)?(?P<mon>\d{1,2})\s*월\s*(?P<day>\d{1,2})\s*일?$"),
    re.compile(
        r"^(?:ngày\s+)?(?P<day>\d{1,2})\s+(?:tháng|thg)\s*(?P<mon>\d{1,2})"
        r"(?:\s*(?:năm|,)?\s*(?P<year>\d{4}))?$"
    ),
]
_ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th|er|e|º|ª)\b")
_LINK_ID = re.compile(r"/(video|photo)/(\d{6,25})")
_HANDLE = re.compile(r"tiktok\.com/(@[^/?#\s]+)")
_SUFFIX = {"k": 1e3, "m": 1e6, "b": 1e9}
_COST = re.compile(r"^(?P<name>.+?)(?:\s*\((?P<cur>[a-z]{3})\))?$")
_NAME_DATES = [
    re.compile(r"(?<!\d)(?P<y>20\d{2})[-_.]?(?P<m>[01]\d)[-_.]?(?P<d>[0-3]\d)(?!\d)"),
    re.compile(r"(?<!\d)(?P<d>[0-3]\d)[-_.](?P<m>[01]\d)[-_.](?P<y>20\d{2})(?!\d)"),
]
_SLACK = pd.Timedelta(days=31)  # how far after the anchor a series' latest day may lie


# --------------------------------------------------------------------------------------------
# spellings (headers/tiktok.yml)


def _clean(text: object) -> str:
    """Text as written, without invisible marks (soft hyphens, zero-width spaces, BOM)."""
    return unicodedata.normalize("NFKC", str(text)).translate(_INVISIBLE).strip()


def key(text: object) -> str:
    """A header or label compared loosely: :func:`norm` after NFKC, without invisible marks."""
    t = unicodedata.normalize("NFKC", str(text)).translate(_INVISIBLE)
    return norm(t)


@functools.cache
def spellings() -> dict:
    """``headers/tiktok.yml`` as read (export -> field -> language -> spellings, and the rest)."""
    import yaml

    path = resources.files("smmnb.io.exports") / "headers" / "tiktok.yml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@functools.cache
def _fields(export: str) -> dict[str, str]:
    """``key(spelling) -> field`` for one export, every language."""
    out: dict[str, str] = {}
    for field, languages in spellings()[export].items():
        for words in (languages or {}).values():
            for word in words or []:
                out.setdefault(key(word), str(field))
    return out


@functools.cache
def _months() -> dict[str, int]:
    out: dict[str, int] = {}
    for months in spellings()["months"].values():
        for number, names in enumerate(months, start=1):
            for name in names:
                out.setdefault(key(name).rstrip("."), number)
    return out


@functools.cache
def _date_words() -> frozenset[str]:
    return frozenset(key(w) for words in spellings()["date_words"].values() for w in words)


@functools.cache
def _undefined() -> frozenset[str]:
    return frozenset(key(w) for w in spellings()["undefined"])


@functools.cache
def _total_pattern() -> str:
    words = [re.escape(key(w)) for ws in spellings()["total"].values() for w in ws]
    return r"^(?:" + "|".join(words) + r")\b"


def _field_of(export: str, header: object) -> str | None:
    return _fields(export).get(key(header))


# --------------------------------------------------------------------------------------------
# dates without a year


def read_day(text: object) -> tuple[int | None, int, int, str] | None:
    """``(year, month, day, time)`` of a date as TikTok Studio writes it, or None.

    ``year`` is None when the date has none (the usual case), ``time`` is ``""`` when the cell
    has none. Month names come from ``headers/tiktok.yml`` (any language); numeric forms are
    ``9月16日``, ``9월 16일`` and ``28 tháng 8``. Never raises.

    Examples
    --------
    >>> read_day("8 de marzo")
    (None, 3, 8, '')
    >>> read_day("February 28, 2026 at 9:05 PM")
    (2026, 2, 28, '9:05 PM')
    """
    try:
        return _read_day(text)
    except Exception:  # noqa: BLE001 - an unreadable date is None, never an exception
        return None


def _read_day(text: object) -> tuple[int | None, int, int, str] | None:
    t = re.sub(r"\s+", " ", key(text)).strip()
    if not t or len(t) > 60:
        return None
    time = ""
    m = _TIME_AT_END.search(t)
    if m and m.start() > 0:
        time = m.group("time").upper().replace(".", ":", 1 if ":" not in m.group("time") else 0)
        t = t[: m.start()].strip(" ,")
    year = month = day = None
    for pattern in _NUMERIC_MONTH:
        n = pattern.match(t)
        if n:
            month, day = int(n.group("mon")), int(n.group("day"))
            year = int(n.group("year")) if n.group("year") else None
            break
    else:
        t = _ORDINAL.sub("", t)
        words = re.findall(r"[^\W\d_]+\.?|\d+", t)
        numbers = [int(w) for w in words if w.isdigit()]
        names = [w.rstrip(".") for w in words if not w.isdigit()]
        names = [w for w in names if w not in _date_words()]
        if len(names) != 1 or names[0] not in _months() or not 1 <= len(numbers) <= 2:
            return None
        if re.search(r"[^\w\s.,/-]", t):  # stray symbols: not a date
            return None
        month = _months()[names[0]]
        years = [n for n in numbers if n >= 1000]
        days = [n for n in numbers if n < 1000]
        if len(days) != 1 or len(years) > 1:
            return None
        day, year = days[0], (years[0] if years else None)
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    if year is not None and not 1900 <= year <= 2199:
        return None
    if not _exists(year if year is not None else 2024, month, day):
        return None
    return year, month, day, time


def month_day(text: str) -> tuple[int, int, str] | None:
    """``(month, day, time)`` of a TikTok Studio date written without a year, or None.

    Understands ``February 28``, ``Feb 28 15:04``, ``28 August``, ``8 de marzo``, ``9月16日``
    and ``28 tháng 8``; ``time`` is ``""`` when the cell has none. A date with a year is None
    (see :func:`read_day`).

    Examples
    --------
    >>> month_day("February 28")
    (2, 28, '')
    >>> month_day("28 Aug, 9:05 PM")
    (8, 28, '9:05 PM')
    """
    got = read_day(text)
    if got is None or got[0] is not None:
        return None
    return got[1], got[2], got[3]


def _exists(year: int, month: int, day: int) -> bool:
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def infer_year(month: int, day: int, as_of: pd.Timestamp) -> int:
    """The latest year in which ``month``/``day`` is not after ``as_of``'s day.

    A 29 February goes back to the last leap year.

    Examples
    --------
    >>> infer_year(12, 30, pd.Timestamp("2027-01-05")), infer_year(1, 3, pd.Timestamp("2027-01-05"))
    (2026, 2027)
    """
    year = as_of.year if (month, day) <= (as_of.month, as_of.day) else as_of.year - 1
    while not _exists(year, month, day):
        year -= 1
    return year


def _series_years(days: list[tuple[int, int]], anchor: pd.Timestamp) -> list[int] | None:
    """Years for a daily series written without them, in file order (oldest or newest first).

    The latest day takes the latest year that does not bring it more than ``_SLACK`` after
    ``anchor``; earlier rows step back a year each time the month and day go up. None when no
    year in the ten before the anchor's makes every day exist (a 29 February off a leap year).
    """
    if not days:
        return []
    # Each step forwards or backwards in time, the shorter way round the year.
    doy = [datetime.date(2024, m, d).timetuple().tm_yday for m, d in days]
    steps = [(b - a) % 366 for a, b in zip(doy, doy[1:], strict=False)]
    newest_first = sum(s > 183 for s in steps) > sum(0 < s <= 183 for s in steps)
    order = list(range(len(days)))
    walk = order if newest_first else order[::-1]  # from the latest row back in time
    limit = anchor + _SLACK
    for latest in range(limit.year, limit.year - 11, -1):
        m, d = days[walk[0]]
        if not _exists(latest, m, d) or pd.Timestamp(year=latest, month=m, day=d) > limit:
            continue
        years = [0] * len(days)
        year, previous, ok = latest, days[walk[0]], True
        for i in walk:
            if days[i] > previous:
                year -= 1
            previous = days[i]
            if not _exists(year, *days[i]):
                ok = False
                break
            years[i] = year
        if ok:
            return years
    return None


def _name_day(raw: RawExport) -> pd.Timestamp | None:
    """The latest date written in the file's name (``Overview_2026-02-28.csv``), if any."""
    found = []
    for pattern in _NAME_DATES:
        for m in pattern.finditer(raw.path.stem):
            y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
            if 1 <= mo <= 12 and _exists(y, mo, d):
                found.append(pd.Timestamp(year=y, month=mo, day=d))
    return max(found) if found else None


def _preamble_day(table: Table, header: int) -> pd.Timestamp | None:
    """The latest date with a year written above the header (a date-range line), if any."""
    found = []
    for row in table.rows[:header]:
        for cell in row:
            for part in re.split(r"\s+[-–—]\s+|\s+to\s+|\s*~\s*", cell):
                got = read_day(part)
                if got is not None and got[0] is not None:
                    found.append(pd.Timestamp(year=got[0], month=got[1], day=got[2]))
                else:
                    iso = re.fullmatch(r"\s*(\d{4})-(\d{2})-(\d{2})\s*", part)
                    if iso and _exists(*map(int, iso.groups())):
                        found.append(pd.Timestamp(*map(int, iso.groups())))
    return max(found) if found else None


def _anchor(
    raw: RawExport, found: Found, options: Options, carried: tuple | None = None
) -> tuple[pd.Timestamp, str, str] | None:
    """``(day, year_from, how it was found)`` for dates without a year, or None."""
    if options.as_of is not None:
        return pd.Timestamp(options.as_of).normalize(), "as_of", "as_of"
    if carried is not None:
        return carried
    day = _name_day(raw)
    if day is not None:
        return day, "file name", _("the date in the file's name, {day}").format(day=file_day(day))
    day = _preamble_day(found.table, found.header)
    if day is not None:
        return day, "file", _("the date above the header, {day}").format(day=file_day(day))
    return None


def _no_year(raw: RawExport, table: str, column: str, missing: list[tuple[str, str]]):
    return SchemaError(
        raw.source,
        table,
        [
            Problem(
                "dates are written without a year, and neither the file nor its name says which",
                column,
                tuple(lab for lab, _ in missing[:5]),
                tuple(v for _, v in missing[:5]),
                len(missing),
                "pass as_of= (the day the file was downloaded) so that the year can be "
                "inferred; smmnb validate: --as-of",
            )
        ],
    )


def _warn_anchor(raw: RawExport, how: str, rows: int) -> None:
    warnings.warn(
        _(
            "{file}: {count} date(s) written without a year were dated from {how}; pass as_of= "
            "(the day of the download) if that is not it"
        ).format(file=raw.source, count=rows, how=how),
        DataWarning,
        stacklevel=5,
    )


def _iso(year: int, month: int, day: int, time: str = "") -> str:
    return f"{year:04d}-{month:02d}-{day:02d}" + (f" {time}" if time else "")


def _series_dates(
    raw: RawExport, found: Found, table: str, column: str, df: pd.DataFrame, labels, options
) -> tuple[pd.Series, dict]:
    """ISO dates for the ``date`` column of a daily series (see the module's docstring)."""
    values = df["date"].fillna("").astype("str")
    parsed = [read_day(v) for v in values]
    out = list(values)
    yearless = [i for i, p in enumerate(parsed) if p is not None and p[0] is None]
    for i, p in enumerate(parsed):
        if p is not None and p[0] is not None:
            out[i] = _iso(*p)
    attrs: dict = {"year_from": "written"}
    if yearless:
        anchor = _anchor(raw, found, options)
        if anchor is None:
            raise _no_year(raw, table, column, [(labels[i], values.iloc[i]) for i in yearless])
        day, year_from, how = anchor
        years = _series_years([parsed[i][1:3] for i in yearless], day)
        if years is None:
            raise SchemaError(
                raw.source,
                table,
                [
                    Problem(
                        f"these days without a year fit no year up to {day:%Y-%m-%d}",
                        column,
                        tuple(labels[i] for i in yearless[:5]),
                        tuple(values.iloc[i] for i in yearless[:5]),
                        len(yearless),
                        "pass as_of= (the day the file was downloaded)",
                    )
                ],
            )
        for i, year in zip(yearless, years, strict=True):
            out[i] = _iso(year, *parsed[i][1:])
        if year_from != "as_of":
            _warn_anchor(raw, how, len(yearless))
        attrs = {"year_from": year_from, "year_anchor": f"{day:%Y-%m-%d}"}
    return pd.Series(out, index=df.index, dtype="str"), attrs


# --------------------------------------------------------------------------------------------
# cells


def video_id(link: object) -> tuple[str, str] | None:
    """``(kind, id)`` from a TikTok link (kind ``video`` or ``photo``), or None."""
    m = _LINK_ID.search(str(link))
    return (m.group(1), m.group(2)) if m else None


def _id_time(post_id: str) -> pd.Timestamp | None:
    """Upload time (UTC) carried in the top 32 bits of a TikTok id, if plausible."""
    if not post_id or not post_id.isdigit() or len(post_id) > 25:
        return None
    seconds = int(post_id) >> 32
    if not 1_420_070_400 <= seconds <= 4_102_444_800:  # 2015 .. 2100
        return None
    return pd.Timestamp(seconds, unit="s", tz="UTC")


def _is_undefined(s: pd.Series) -> pd.Series:
    return s.fillna("").astype("str").map(key).isin(_undefined())


def _counts(s: pd.Series) -> pd.Series:
    """Count cells as TikTok writes them: ``undefined`` is missing, ``1.2K`` is 1200."""
    t = s.fillna("").astype("str").str.strip()
    t = t.where(~_is_undefined(t), "")
    m = t.str.replace(",", "", regex=False).str.extract(r"^(\d+(?:\.\d+)?)\s*([kmbKMB])$")
    short = m[0].notna()
    if short.any():
        value = pd.to_numeric(m.loc[short, 0]) * m.loc[short, 1].str.lower().map(_SUFFIX)
        t = t.where(~short, value.round().astype("int64").astype("str"))
    return t


def _undefined_to_empty(df: pd.DataFrame) -> pd.DataFrame:
    return df.apply(lambda s: s.where(~_is_undefined(s), ""))


def _find(raw: RawExport, export: str, required: set[str], some: set[str]) -> Found | None:
    """The first sheet and row (of the first 40) with every ``required`` field and one of ``some``.

    None when there is none. Never raises.
    """
    try:
        for table in raw.tables:
            for i, row in enumerate(table.head()):
                fields = {_field_of(export, c) for c in row if str(c).strip()}
                if required <= fields and (not some or fields & some):
                    return Found(table, i, {"export": export})
    except Exception:  # noqa: BLE001 - a sniffer says no, it never throws
        return None
    return None


def _frame(found: Found, export: str) -> tuple[pd.DataFrame, list[str], dict[str, str]]:
    """The rows below the header, known columns renamed to their field (first one wins)."""
    df, labels = found.table.frame(found.header)
    names: list[str] = []
    headers: dict[str, str] = {}
    for col in df.columns:  # by position: a header may appear twice
        field = _field_of(export, col)
        if field is not None and field not in headers:
            headers[field] = _clean(col)
            name = field
        else:
            name = _clean(col) or "column"
        base, n = name, 2
        while name in names:
            name, n = f"{base} ({n})", n + 1
        names.append(name)
    df.columns = names
    return df, labels, headers


# --------------------------------------------------------------------------------------------
# TikTok Studio: Content -> posts


def _detect_content(raw: RawExport) -> Found | None:
    return _find(
        raw,
        "content",
        {"video_link", "post_time"},
        {"views", "likes", "comments", "shares", "video_title"},
    )


def _from_id(when: pd.Timestamp, md: tuple, tz: str, as_of) -> tuple[str, bool] | None:
    """``(published_at, exact)`` from an id's upload time and the ``Post time`` day, or None."""
    local = when.tz_convert(tz)
    month, day, time = md
    not_after = as_of is None or local.date() <= pd.Timestamp(as_of).date()
    if (local.month, local.day) == (month, day) and not_after:
        return when.isoformat(), True
    uploaded = local.tz_localize(None).normalize()
    for year in (uploaded.year - 1, uploaded.year, uploaded.year + 1):
        if not _exists(year, month, day):
            continue
        posted = pd.Timestamp(year=year, month=month, day=day)
        if -1 <= (posted - uploaded).days <= 31 and (as_of is None or posted <= as_of):
            return _iso(year, month, day, time), False
    return None


def _read_content(raw: RawExport, found: Found, options: Options):
    df, labels, _headers = _frame(found, "content")
    df = _undefined_to_empty(df)
    ids = df["video_link"].map(video_id)
    df["post_id"] = ids.map(lambda x: x[1] if x else "")
    df["format"] = ids.map(lambda x: ("carousel" if x[0] == "photo" else "short") if x else "")
    handles = df["video_link"].fillna("").str.extract(_HANDLE)[0].dropna()
    handle = str(handles.iloc[0]) if len(handles) else None

    tz = options.timezone or "UTC"
    as_of = pd.Timestamp(options.as_of).normalize() if options.as_of is not None else None
    texts = df["post_time"].fillna("").astype("str")
    published: list[str] = []
    todo: list[int] = []
    exact = from_ids = 0
    resolved_days: list[pd.Timestamp] = []
    for i, (pid, text) in enumerate(zip(df["post_id"], texts, strict=True)):
        got = read_day(text)
        if got is None:
            published.append(text)  # validate() reports it as unreadable
            continue
        if got[0] is not None:
            published.append(_iso(*got))
            resolved_days.append(pd.Timestamp(year=got[0], month=got[1], day=got[2]))
            continue
        when = _id_time(pid)
        hit = _from_id(when, got[1:], tz, as_of) if when is not None else None
        if hit is None:
            published.append(text)
            todo.append(i)
            continue
        published.append(hit[0])
        exact += hit[1]
        from_ids += 1
        resolved_days.append(pd.Timestamp(hit[0][:10]))
    attrs: dict = {"year_from": "ids" if from_ids else "written"}

    # The day of the download ("Time"), its year from the newest dated post.
    carried = None
    if "time" in df.columns:
        stamp = next((read_day(v) for v in df["time"].dropna() if read_day(v)), None)
        if stamp is not None and stamp[0] is not None:
            day = pd.Timestamp(year=stamp[0], month=stamp[1], day=stamp[2])
            how = _("the download day in the 'Time' column, {day}").format(day=file_day(day))
            carried = (day, "file", how)
        elif stamp is not None and resolved_days:
            newest = max(resolved_days)
            for year in range(newest.year, newest.year + 5):
                if _exists(year, stamp[1], stamp[2]):
                    day = pd.Timestamp(year=year, month=stamp[1], day=stamp[2])
                    if day >= newest:
                        how = _(
                            "the download day in the 'Time' column, {day}, its year from the "
                            "newest post the video ids date"
                        ).format(day=file_day(day))
                        carried = (day, "file", how)
                        break
        if carried is not None:
            attrs["exported_on"] = f"{carried[0]:%Y-%m-%d}"
        df = df.drop(columns=["time"])
    if todo:
        anchor = _anchor(raw, found, options, carried)
        if anchor is None:
            raise _no_year(raw, "posts", "Post time", [(labels[i], texts.iloc[i]) for i in todo])
        day, year_from, how = anchor
        for i in todo:
            _year, month, dom, time = read_day(texts.iloc[i])
            published[i] = _iso(infer_year(month, dom, day), month, dom, time)
        if year_from != "as_of":
            _warn_anchor(raw, how, len(todo))
        attrs.update({"year_from": year_from, "year_anchor": f"{day:%Y-%m-%d}"})
    df["published_at"] = pd.Series(published, index=df.index, dtype="str")
    df = df.drop(columns=["post_time"])
    df = df.rename(
        columns={
            "video_title": "text",
            "likes": "reactions",
            "views": "video_views",
            "video_link": "url",
        }
    )
    for col in ("reactions", "comments", "shares", "saves", "video_views"):
        if col in df.columns:
            df[col] = _counts(df[col])
    df["platform"] = "tiktok"
    df["brand"] = need_brand(raw, FORMATS[0], options, None)
    attrs.update(
        {
            "handle": handle,
            "published_at_from_id": exact,
            "year_from_id": from_ids,
            "views_as": "video_views",
        }
    )
    return snake_extras(df, TABLES["posts"].names), labels, attrs


# --------------------------------------------------------------------------------------------
# TikTok Studio: FollowerHistory -> followers; Overview and Viewers -> channel_daily


def _detect_followers(raw: RawExport) -> Found | None:
    return _find(raw, "followers", {"date", "followers", "difference"}, set())


def _detect_overview(raw: RawExport) -> Found | None:
    found = _find(raw, "overview", {"date", "video_views", "profile_views"}, set())
    if found is not None and "followers" in {
        _field_of("overview", c) for c in found.table.rows[found.header]
    }:
        return Found(found.table, found.header, {"export": "overview", "table": "followers"})
    return found


def _detect_viewers(raw: RawExport) -> Found | None:
    return _find(raw, "viewers", {"date", "total_viewers"}, {"new_viewers", "returning_viewers"})


def _drop_pending(raw: RawExport, df: pd.DataFrame, labels: list[str], column: str, what: str):
    pending = (df[column] == "").to_numpy() & df["date"].fillna("").str.strip().ne("").to_numpy()
    if pending.any():
        warnings.warn(
            _(
                "{file}: dropped {count} day(s) whose {what} TikTok had not computed yet "
                "('undefined')"
            ).format(file=raw.source, count=int(pending.sum()), what=what),
            DataWarning,
            stacklevel=5,
        )
        df = df[~pending].reset_index(drop=True)
        labels = [lab for lab, p in zip(labels, pending, strict=True) if not p]
    return df, labels, int(pending.sum())


def _read_daily_followers(raw, found, options, fmt, export):
    df, labels, headers = _frame(found, export)
    column = headers.get("date", "Date")
    # Years come from the whole series, days not computed yet included.
    df["date"], attrs = _series_dates(raw, found, "followers", column, df, labels, options)
    df["followers"] = _counts(df["followers"])
    pending = 0
    if "followers" in TABLES["followers"].required:  # a day without its count cannot stay
        df, labels, pending = _drop_pending(raw, df, labels, "followers", _("follower count"))
    for col in df.columns:
        if col not in ("date", "followers"):
            df[col] = _counts(df[col])
    df = df.rename(columns={"difference": "difference_in_followers_from_previous_day"})
    df["platform"] = "tiktok"
    df["brand"] = need_brand(raw, fmt, options, None)
    attrs["days_undefined"] = pending
    return snake_extras(df, TABLES["followers"].names), labels, attrs


def _read_followers(raw: RawExport, found: Found, options: Options):
    return _read_daily_followers(raw, found, options, FORMATS[1], "followers")


def _channel(raw, found, options, export: str, fmt: ExportFormat, mapping: dict[str, str]):
    df, labels, headers = _frame(found, export)
    for col in df.columns:
        if col != "date":
            df[col] = _counts(df[col])
    column = headers.get("date", "Date")
    df["date"], attrs = _series_dates(raw, found, "channel_daily", column, df, labels, options)
    df = df.rename(columns=mapping)
    for col in ("views", "reach", "profile_views", "likes", "comments", "shares"):
        if col not in df.columns:
            continue
        values = pd.to_numeric(df[col].str.replace(",", "", regex=False), errors="coerce")
        below = int((values < 0).sum())
        if below:
            field = {v: k for k, v in mapping.items()}.get(col, col)
            df = df.rename(columns={col: f"{col}_net"})
            warnings.warn(
                _(
                    "{file}: TikTok's daily {header} are net of removals and fall below zero on "
                    "{count} day(s); kept as {net}, not as {column}"
                ).format(
                    file=raw.source,
                    header=headers.get(field, col),
                    count=below,
                    net=f"{col}_net",
                    column=col,
                ),
                DataWarning,
                stacklevel=4,
            )
    df["platform"] = "tiktok"
    df["brand"] = need_brand(raw, fmt, options, None)
    return snake_extras(df, TABLES["channel_daily"].names), labels, attrs


def _read_overview(raw: RawExport, found: Found, options: Options):
    if found.notes.get("table") == "followers":
        return _read_daily_followers(raw, found, options, FORMATS[2], "overview")
    return _channel(raw, found, options, "overview", FORMATS[2], {"video_views": "views"})


def _read_viewers(raw: RawExport, found: Found, options: Options):
    df, labels, attrs = _channel(
        raw, found, options, "viewers", FORMATS[3], {"total_viewers": "reach"}
    )
    attrs["reach_from"] = "Total Viewers"
    return df, labels, attrs


# --------------------------------------------------------------------------------------------
# TikTok Ads Manager -> ads


def _ads_field(cell: object) -> tuple[str | None, str | None]:
    """The ads field a header cell spells and the currency in ``Cost (USD)``, if any."""
    k = key(cell)
    field = _field_of("ads", k)
    if field is not None:
        return field, None
    m = _COST.match(k)
    if m and m.group("cur") and _field_of("ads", m.group("name")) == "spend":
        return "spend", m.group("cur").upper()
    return None, None


def _detect_ads(raw: RawExport) -> Found | None:
    try:
        for table in raw.tables:
            for i, row in enumerate(table.head()):
                fields = {_ads_field(c)[0] for c in row if str(c).strip()}
                if {"spend", "campaign", "impressions"} <= fields and fields & {"ad_set", "clicks"}:
                    return Found(table, i)
    except Exception:  # noqa: BLE001 - a sniffer says no, it never throws
        return None
    return None


def _read_ads(raw: RawExport, found: Found, options: Options):
    df, labels = found.table.frame(found.header)
    df = _undefined_to_empty(df)
    names: list[str] = []
    currency = None
    for col in df.columns:  # by position: a header may appear twice
        field, cur = _ads_field(col)
        if field is not None and field not in names:
            name = field
            currency = currency or cur
        else:
            name = _clean(col) or "column"
        base, n = name, 2
        while name in names:
            name, n = f"{base} ({n})", n + 1
        names.append(name)
    df.columns = names
    first = df.columns[0]
    total = df[first].fillna("").map(key).str.match(_total_pattern()).to_numpy()
    df = df[~total].reset_index(drop=True)
    labels = [lab for lab, t in zip(labels, total, strict=True) if not t]
    df, labels = drop_total_rows(df, labels, "campaign", pattern=_total_pattern())
    attrs: dict = {}
    if "conversions" in df.columns:
        attrs["conversions_from"] = "Conversions"
    elif "results" in df.columns:
        df = df.rename(columns={"results": "conversions"})
        attrs["conversions_from"] = "Results"
    if "date" not in df.columns:
        raise SchemaError(
            raw.source,
            "ads",
            [
                Problem(
                    "this TikTok Ads Manager export has no daily breakdown (no 'By Day' column)",
                    hint="export the report again with the time dimension 'By Day'",
                )
            ],
        )
    if "currency" in df.columns:
        given = df["currency"].fillna("").astype("str").str.strip().str.upper()
        known = given[given != ""]
        currency = currency or (str(known.iloc[0]) if len(known) else None)
        df["currency"] = given.where(given != "", currency or "")
    elif currency:
        df["currency"] = currency
    attrs["currency"] = currency
    account = None
    if "account_name" in df.columns:
        names = df["account_name"].dropna().str.strip()
        names = names[names != ""]
        account = str(names.iloc[0]) if len(names) else None
    df["platform"] = "tiktok"
    df["brand"] = need_brand(raw, FORMATS[4], options, account)
    return snake_extras(df, TABLES["ads"].names), labels, attrs


FORMATS: list[ExportFormat] = [
    ExportFormat(
        "tiktok_content", "TikTok Studio Content.csv", "posts", _detect_content, _read_content
    ),
    ExportFormat(
        "tiktok_followers",
        "TikTok Studio FollowerHistory.csv",
        "followers",
        _detect_followers,
        _read_followers,
    ),
    ExportFormat(
        "tiktok_overview",
        "TikTok Studio Overview.csv",
        "channel_daily",
        _detect_overview,
        _read_overview,
    ),
    ExportFormat(
        "tiktok_viewers",
        "TikTok Studio Viewers.csv",
        "channel_daily",
        _detect_viewers,
        _read_viewers,
    ),
    ExportFormat("tiktok_ads", "TikTok Ads Manager", "ads", _detect_ads, _read_ads),
]
"""Content (posts), FollowerHistory (followers), Overview and Viewers (channel_daily), Ads
Manager report (ads)."""
