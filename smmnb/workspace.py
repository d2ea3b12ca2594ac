"""The :class:`Workspace`: one brand's (and its competitors') canonical tables in one object."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from smmnb.errors import InsufficientData
from smmnb.io.settings import DEFAULT_CURRENCY
from smmnb.schema import TABLES, empty_table
from smmnb.timezones import DEFAULT_TIMEZONE, local_time, parse_day, previous_period

__all__ = ["TIME_COLUMNS", "Workspace", "local_time", "parse_day", "previous_period"]
# local_time, parse_day and previous_period live in smmnb.timezones; imported here for old callers

TIME_COLUMNS = {
    "posts": "published_at",
    "ads": "date",
    "comments": "created_at",
    "mentions": "created_at",
    "followers": "date",
    "web_sessions": "date",
    "calendar": "planned_at",
    "channel_daily": "date",
    "search_daily": "date",
}
"""The column that places each table's rows in time (influencers have none; targets and
search_terms have a period, kept when it overlaps: see :meth:`Workspace.filter`)."""

PERIOD_COLUMNS = {
    "targets": ("period_start", "period_end"),
    "search_terms": ("period_start", "period_end"),
}
"""Tables whose rows cover a period: a filter keeps the rows whose period overlaps its dates."""


@dataclass
class Workspace:
    """The canonical tables of one analysis, with the time zone and currency they use.

    Access a table as an attribute or item: ``ws.posts``, ``ws["ads"]``. Every one of the
    canonical tables is present; a table with no data is an empty frame with the schema.

    Parameters
    ----------
    tables : dict of str to DataFrame
        Validated canonical tables by name; missing names become empty tables.
    timezone : str
        The brand's IANA time zone, used for display and hour-of-day analyses.
    currency : str
        Currency of money columns where a table does not say.
    files : dict of str to list of Path
        The files each table was read from (for provenance).
    owner : str, optional
        The brand whose own accounts the exports come from (``smmnb.yml``'s ``owner``).
    competitors : tuple of str, optional
        The brands the owner is compared with, as ``smmnb.yml`` names them; None means the
        other brands in the data (see :meth:`competitors_of`).
    language : str, optional
        Report language from ``smmnb.yml`` (``en`` or ``vi``), or None.
    fx : dict of str to float
        Exchange rates into ``currency`` used while reading.
    money_notes : list of str
        One sentence per currency conversion made while reading.
    notes : list of str
        One sentence per other thing done to the data while reading (follower totals derived
        from daily gains and a known count).
    settings : Settings, optional
        Everything ``smmnb.yml`` and the arguments of :func:`smmnb.load_workspace` said.
    brand : str, optional
        The brand analysed, once narrowed with :meth:`filter`.
    start, end : pandas.Timestamp, optional
        The period (local calendar days, both included), once narrowed with :meth:`filter`.
    sources : pandas.DataFrame, optional
        Every file read: ``file``, ``format`` (``canonical`` or the export format), ``table``,
        ``rows``, ``rows_added`` (after dropping rows already present), ``first``, ``last``
        (UTC).
    """

    tables: dict[str, pd.DataFrame]
    timezone: str = DEFAULT_TIMEZONE
    currency: str = DEFAULT_CURRENCY
    files: dict[str, list[Path]] = field(default_factory=dict)
    owner: str | None = None
    competitors: tuple[str, ...] | None = None
    language: str | None = None
    fx: dict[str, float] = field(default_factory=dict)
    money_notes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    settings: object = None
    brand: str | None = None
    start: pd.Timestamp | None = None
    end: pd.Timestamp | None = None
    sources: pd.DataFrame | None = None

    def __post_init__(self) -> None:
        unknown = set(self.tables) - set(TABLES)
        if unknown:
            raise ValueError(f"unknown tables {sorted(unknown)}; expected {', '.join(TABLES)}")
        self.tables = {
            name: self.tables[name] if name in self.tables else empty_table(name) for name in TABLES
        }
        for df in self.tables.values():  # analyses find the local clock on the table itself
            df.attrs["timezone"] = self.timezone
            df.attrs["currency"] = self.currency

    def __getitem__(self, table: str) -> pd.DataFrame:
        return self.tables[table]

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(name)

    def __repr__(self) -> str:
        rows = ", ".join(f"{name}={len(df):,}" for name, df in self.tables.items())
        scope = f" brand={self.brand!r}" if self.brand else ""
        if self.start is not None or self.end is not None:
            scope += f" {self.start and self.start.date()}..{self.end and self.end.date()}"
        return f"<Workspace{scope} tz={self.timezone} {self.currency}: {rows}>"

    @property
    def brands(self) -> list[str]:
        """Every brand that appears in any table, sorted."""
        names: set[str] = set()
        for df in self.tables.values():
            brand = df["brand"]
            if isinstance(brand.dtype, pd.CategoricalDtype):  # the categories in use, not each row
                brand = brand.cat.remove_unused_categories().cat.categories.to_series()
            names.update(brand.dropna().astype("str").unique())
        return sorted(names)

    def main_brand(self) -> str | None:
        """The brand a report is about when none is named.

        The owner, else the brand with the most rows in the data (None without brands).
        """
        if self.owner:
            return self.owner
        counts: dict[str, int] = {}
        for df in self.tables.values():
            for name, n in df["brand"].astype("str")[df["brand"].notna()].value_counts().items():
                counts[name] = counts.get(name, 0) + int(n)
        return max(sorted(counts), key=lambda b: counts[b]) if counts else None

    def competitors_of(self, brand: str) -> list[str]:
        """The brands ``brand`` is compared with.

        ``smmnb.yml``'s competitors when ``brand`` is the owner, else every other brand in the
        data.
        """
        if self.competitors is not None and brand == self.owner:
            return [b for b in self.competitors if b != brand]
        return [b for b in self.brands if b != brand]

    @property
    def currencies(self) -> list[str]:
        """The currencies of ad spend in the data, sorted.

        Rows without a currency are in the reporting currency. More than one means money
        cannot be added across all ads.
        """
        ads = self.tables["ads"]
        if ads.empty:
            return []
        if "currency" not in ads.columns:
            return [self.currency]
        codes = ads["currency"].astype("str").where(ads["currency"].notna(), self.currency)
        return sorted(set(codes))

    def local_time(self, timestamps: pd.Series) -> pd.Series:
        """Wall-clock times in the workspace's zone, naive: :func:`smmnb.timezones.local_time`."""
        return local_time(timestamps, self.timezone)

    def filter(
        self,
        brand: str | None = None,
        start: str | pd.Timestamp | None = None,
        end: str | pd.Timestamp | None = None,
        platforms: list[str] | None = None,
    ) -> Workspace:
        """Return a narrowed copy.

        Parameters
        ----------
        brand : str, optional
            Keep this brand's rows. ``mentions`` keeps every brand, because the other brands
            there are the competitors that share of voice compares against.
        start, end : str or Timestamp, optional
            ISO dates; keep rows in ``[start, end]``, both days included, as local calendar
            days in the workspace's time zone. Targets and search terms are kept when their
            period overlaps.
            Influencer rows carry no date and are kept.
        platforms : list of str, optional
            Keep these platforms (case-insensitive). Rows without a platform (web sessions,
            targets for all platforms) are kept.

        Returns
        -------
        Workspace
        """
        start_day, end_day = parse_day(start, "start"), parse_day(end, "end")
        if start_day is not None and end_day is not None and start_day > end_day:
            raise ValueError(f"start {start_day.date()} is after end {end_day.date()}")
        if brand is not None and brand not in self.brands:
            raise ValueError(
                f"brand {brand!r} is not in the data; brands found: {', '.join(self.brands)}"
            )
        wanted = [p.lower() for p in platforms] if platforms else None
        out = {}
        for name, df in self.tables.items():
            keep = pd.Series(True, index=df.index)
            if brand is not None and name != "mentions":
                keep &= df["brand"] == brand
            if wanted is not None and "platform" in df.columns:
                keep &= df["platform"].isna() | df["platform"].astype("str").isin(wanted)
            if start_day is not None or end_day is not None:
                keep &= self._in_period(name, df, start_day, end_day)
            # every row kept: a shallow copy (copy-on-write) instead of copying every column
            narrowed = df.copy(deep=False) if keep.all() else df[keep]
            narrowed = narrowed.reset_index(drop=True)
            narrowed.attrs = dict(df.attrs)
            out[name] = narrowed
        return replace(
            self,
            tables=out,
            brand=brand if brand is not None else self.brand,
            start=start_day if start_day is not None else self.start,
            end=end_day if end_day is not None else self.end,
        )

    def _in_period(
        self,
        name: str,
        df: pd.DataFrame,
        start: pd.Timestamp | None,
        end: pd.Timestamp | None,
    ) -> pd.Series:
        keep = pd.Series(True, index=df.index)
        if name in PERIOD_COLUMNS:
            first, last = PERIOD_COLUMNS[name]
            if start is not None:
                keep &= df[last] >= start
            if end is not None:
                keep &= df[first] <= end
            return keep
        column = TIME_COLUMNS.get(name)
        if column is None:
            return keep
        when = local_time(df[column], self.timezone)
        if start is not None:
            keep &= when >= start
        if end is not None:
            keep &= when < end + pd.Timedelta(days=1)
        return keep

    def coverage(self) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
        """The first and last local calendar day with observed data, or (None, None).

        The calendar is left out: it holds plans, which may run past the data.
        """
        days = []
        for name, column in TIME_COLUMNS.items():
            if name == "calendar":
                continue
            when = self.tables[name][column].dropna()
            if when.empty:
                continue
            when = local_time(when, self.timezone)
            days += [when.min().normalize(), when.max().normalize()]
        return (min(days), max(days)) if days else (None, None)

    def last_date(self) -> pd.Timestamp | None:
        """Return the last local calendar day with observed data, or None if none."""
        return self.coverage()[1]

    def period(self, start: str = "", end: str = "", days: int = 90) -> tuple[str, str]:
        """Resolve a notebook's ``start``/``end`` parameters to ISO dates.

        Parameters
        ----------
        start : str
            ISO date; "" means ``days`` days before ``end``.
        end : str
            ISO date; "" means the last date in the data.
        days : int
            Length of the default period.

        Returns
        -------
        tuple of str
            ``(start, end)`` as ISO dates, both included.
        """
        end_day = parse_day(end, "end") or self.last_date()
        if end_day is None:
            from smmnb.i18n import _
            from smmnb.narrative import needs

            raise InsufficientData(
                needs(
                    _("Choosing the period"),
                    _("dated rows"),
                    _("the workspace has none; pass start= and end="),
                )
            )
        start_day = parse_day(start, "start") or end_day - pd.Timedelta(days=days - 1)
        return start_day.date().isoformat(), end_day.date().isoformat()
