"""Exceptions and warnings raised by smmnb.

All exceptions derive from :class:`SmmnbError`, so a caller can catch everything the toolkit
raises on purpose with one ``except`` clause:

- :class:`SchemaError` (and :class:`ExportNotUsable`): input that does not fit a table;
- :class:`InsufficientData`: the data hold too little for an analysis; its message is one
  sentence for the report, and notebooks print it in place of the section;
- :class:`ReportError`: a report could not be produced.

A plain :class:`ValueError` means a bad argument (a negative window, an unknown metric).
:class:`DataWarning` says something in the data was corrected on reading.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "DataWarning",
    "ExportNotUsable",
    "InsufficientData",
    "Problem",
    "ReportError",
    "SchemaError",
    "SmmnbError",
]

MAX_ROWS_SHOWN = 5


def _short(value: str, limit: int = 60) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


class SmmnbError(Exception):
    """Base class of every error smmnb raises on purpose."""


class DataWarning(UserWarning):
    """Something in the data was corrected on reading (for example duplicate rows dropped)."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input table.

    Parameters
    ----------
    message : str
        What is wrong, in plain words (``"negative values"``).
    column : str or None
        The column at fault, or None for a problem with the whole file.
    rows : tuple of str
        Where it is, as the user would find it (``"line 7"`` in a CSV file,
        ``"row 12"`` in a spreadsheet), at most five.
    values : tuple of str
        The offending values, aligned with ``rows``.
    count : int
        How many rows have the problem (may be more than are listed).
    hint : str
        What to do about it, or "".
    """

    message: str
    column: str | None = None
    rows: tuple[str, ...] = ()
    values: tuple[str, ...] = ()
    count: int = 0
    hint: str = ""

    def __str__(self) -> str:
        where = f"column '{self.column}': " if self.column is not None else ""
        text = f"{where}{self.message}"
        if self.rows:
            shown = [
                f"{row} ({_short(value)!r})" if value != "" else row
                for row, value in zip(self.rows, self.values or ("",) * len(self.rows), strict=True)
            ]
            more = self.count - len(self.rows)
            text += " at " + ", ".join(shown) + (f" and {more} more" if more > 0 else "")
        if self.hint:
            text += f"; {self.hint}"
        return text


@dataclass
class SchemaError(SmmnbError, ValueError):
    """Input that does not fit a canonical table.

    The message lists every problem found, each with the file, the column and up to five
    offending rows with their values.

    Parameters
    ----------
    source : str
        The file (or ``"<DataFrame>"``) that was read.
    table : str or None
        The canonical table it was read as.
    problems : list of Problem
        Everything wrong with it.
    """

    source: str
    table: str | None = None
    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def __str__(self) -> str:
        what = f" (table '{self.table}')" if self.table else ""
        n = len(self.problems)
        head = f"{self.source}{what}: {n} problem{'s' if n != 1 else ''}"
        return head + "".join(f"\n  - {p}" for p in self.problems)

    def __reduce__(self):  # keep the error picklable across processes (reports run in workers)
        return (type(self), (self.source, self.table, self.problems))


class ExportNotUsable(SchemaError):
    """A platform export that was recognised but cannot fill a canonical table by itself.

    For example YouTube Studio's ``Totals.csv`` (no videos, and net subscribers gained rather
    than a subscriber count). :func:`smmnb.load_workspace` skips such files with a
    :class:`DataWarning` and lists them in ``Workspace.sources``.
    """


class InsufficientData(SmmnbError, ValueError):
    """The data hold too little for an analysis: a table is missing, empty or too short.

    The message is one sentence for a reader of the report, naming what is missing
    (``"Share of voice needs mentions of at least two brands; this folder has mentions of
    Apple only."``). Notebooks catch it and print that sentence in place of the section.
    """


class ReportError(SmmnbError):
    """A report could not be configured or produced."""
