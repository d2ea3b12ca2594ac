"""Time: the default zone, which zone an analysis uses, local wall-clock time and periods.

This module is the one place that knows a time zone by name. Everything else asks it.

**Reading** (:func:`smmnb.read_table`, :func:`smmnb.load_workspace`): ``timezone=`` says how
*naive* timestamps in a file are read; canonical tables hold aware UTC instants. The folder's
zone (``smmnb.yml``, else :data:`DEFAULT_TIMEZONE`) becomes the workspace's, and every table of
the workspace carries it in ``attrs["timezone"]``.

**Analyses** cut time into local days, weeks and hours. Every analysis takes ``tz=`` (keyword)
for that, with one meaning everywhere (:func:`resolve_zone`): the local zone is

1. ``tz`` when given (an IANA name such as ``"America/New_York"``);
2. else the table's ``attrs["timezone"]`` (set by :func:`smmnb.load_workspace`);
3. else the zone the timestamps carry: UTC for canonical UTC timestamps.

No analysis falls back to a fixed zone of its own. Naive timestamps (calendar days such as
``ads.date``) are taken as already local.

**Local time** has one convention: :func:`local_time` returns *naive* wall-clock timestamps
(the local clock with the zone dropped), ready to be cut into days with ``.dt.normalize()``.
:meth:`smmnb.Workspace.local_time` follows it.

**Periods**: :func:`parse_day` reads a local calendar day, :func:`previous_period` gives the
period of the same length just before, :func:`period_start` labels hours, days, weeks (from
Monday) and months.
"""

from __future__ import annotations

import pandas as pd

__all__ = [
    "DEFAULT_TIMEZONE",
    "TIME_COLUMNS",
    "local_day",
    "local_time",
    "parse_day",
    "period_start",
    "previous_period",
    "resolve_zone",
    "to_local",
]

DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"
"""The zone naive timestamps are read in when neither an argument nor ``smmnb.yml`` names one."""

TIME_COLUMNS = ("created_at", "published_at", "planned_at", "date")
"""Columns that place a row in time, in the order a table's time column is looked for."""

_FREQS = ("h", "D", "W", "M")


def _aware(when: pd.Series) -> bool:
    return isinstance(when.dtype, pd.DatetimeTZDtype)


def resolve_zone(
    data: pd.DataFrame | pd.Series | None = None,
    tz: str | None = None,
    *,
    when: str | pd.Series | None = None,
) -> str | None:
    """The local zone an analysis of ``data`` uses: ``tz``, else attrs, else the carried zone.

    Parameters
    ----------
    data : DataFrame or Series, optional
        The table analysed; its ``attrs["timezone"]`` is the workspace's zone.
    tz : str, optional
        An explicit IANA zone; it wins.
    when : str or Series, optional
        The timestamps (or the name of their column in ``data``) whose own zone is the last
        resort; without it the first aware column of :data:`TIME_COLUMNS` in ``data`` is used.

    Returns
    -------
    str or None
        None when nothing names a zone and the timestamps are naive (already local).

    Examples
    --------
    >>> stamps = pd.Series(pd.to_datetime(["2026-01-01 03:00"], utc=True))
    >>> resolve_zone(pd.DataFrame({"created_at": stamps}))
    'UTC'
    >>> table = pd.DataFrame({"created_at": stamps})
    >>> table.attrs["timezone"] = "America/New_York"
    >>> resolve_zone(table), resolve_zone(table, "Asia/Tokyo")
    ('America/New_York', 'Asia/Tokyo')
    """
    if tz:
        return tz
    attrs = getattr(data, "attrs", None) or {}
    if attrs.get("timezone"):
        return attrs["timezone"]
    if isinstance(when, str):
        when = data[when] if data is not None and when in getattr(data, "columns", ()) else None
    if when is not None:
        return str(when.dt.tz) if _aware(when) else None
    if isinstance(data, pd.Series):
        return str(data.dt.tz) if _aware(data) else None
    for name in TIME_COLUMNS:
        if data is not None and name in data.columns and _aware(data[name]):
            return str(data[name].dt.tz)
    return None


def local_time(when: pd.Series, tz: str | None) -> pd.Series:
    """Wall-clock time in ``tz`` as *naive* timestamps (aware instants converted).

    Naive input (calendar days such as ``ads.date``) is returned as is: it is already local.
    With ``tz=None`` aware input keeps the clock of the zone it carries.

    Examples
    --------
    >>> stamps = pd.Series(pd.to_datetime(["2026-01-01 03:00"], utc=True))
    >>> local_time(stamps, "America/New_York").iloc[0]
    Timestamp('2025-12-31 22:00:00')
    """
    if _aware(when):
        return (when.dt.tz_convert(tz) if tz else when).dt.tz_localize(None)
    return pd.to_datetime(when)


def local_day(when: pd.Series, tz: str | None) -> pd.Series:
    """The local calendar day of each timestamp (naive midnight): :func:`local_time`, floored."""
    return local_time(when, tz).dt.normalize()


def to_local(data: pd.DataFrame, column: str, tz: str | None = None) -> pd.Series:
    """``data[column]`` as naive local wall-clock times in the zone :func:`resolve_zone` picks."""
    when = data[column]
    return local_time(when, resolve_zone(data, tz, when=when))


def parse_day(value: str | pd.Timestamp | None, name: str) -> pd.Timestamp | None:
    """A local calendar day from an ISO date (or Timestamp); None for None or "".

    A Timestamp with a zone keeps its wall-clock day.

    Raises
    ------
    ValueError
        Naming the argument, when the value is not a date.

    Examples
    --------
    >>> parse_day("2026-03-31", "end")
    Timestamp('2026-03-31 00:00:00')
    """
    if value is None or (isinstance(value, str) and value == ""):
        return None
    try:
        day = pd.Timestamp(value)
    except (ValueError, TypeError):
        raise ValueError(f"{name} must be an ISO date such as 2026-03-31, got {value!r}") from None
    if day.tzinfo is not None:
        day = day.tz_localize(None)
    return day.normalize()


def previous_period(start: str, end: str) -> tuple[str, str]:
    """The period of the same length just before ``[start, end]`` (ISO dates, both included).

    Examples
    --------
    >>> previous_period("2026-03-01", "2026-03-31")
    ('2026-01-29', '2026-02-28')
    """
    first, last = parse_day(start, "start"), parse_day(end, "end")
    days = (last - first).days + 1
    before_end = first - pd.Timedelta(days=1)
    before_start = before_end - pd.Timedelta(days=days - 1)
    return before_start.date().isoformat(), before_end.date().isoformat()


def period_start(local: pd.Series, freq: str) -> pd.Series:
    """Start of the period each local time falls in: ``h``, ``D``, ``W`` (from Monday), ``M``.

    Examples
    --------
    >>> day = pd.Series(pd.to_datetime(["2026-03-05 14:30"]))  # a Thursday
    >>> [str(period_start(day, f).iloc[0].date()) for f in ("D", "W", "M")]
    ['2026-03-05', '2026-03-02', '2026-03-01']
    """
    if freq not in _FREQS:
        raise ValueError(f"freq must be one of {', '.join(_FREQS)}, got {freq!r}")
    if freq == "h":
        return local.dt.floor("h")
    day = local.dt.normalize()
    if freq == "D":
        return day
    if freq == "W":
        return day - pd.to_timedelta(day.dt.day_of_week, unit="D")
    return local.dt.to_period("M").dt.start_time
