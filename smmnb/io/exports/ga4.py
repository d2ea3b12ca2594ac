"""Google Analytics 4 CSV exports -> ``web_sessions``.

GA4's *Share this report > Download file > CSV* writes a preamble of ``#`` lines (report
name, account, property, ``# Start date: YYYYMMDD``, ``# End date: YYYYMMDD``) and then a
header row. Mapping decisions:

- ``date`` is ``Date`` (``YYYYMMDD``); without it, the whole range is one row dated on the
  start date from the preamble and ``attrs["daily"]`` is False.
- ``source`` and ``medium`` come from ``Session source`` and ``Session medium`` or from the
  combined ``Session source / medium``; ``campaign`` from ``Session campaign`` (GA4's
  placeholders ``(not set)``, ``(organic)``, ``(direct)``, ``(referral)`` become empty).
- ``conversions`` are ``Key events`` (the older ``Conversions``); ``revenue`` is
  ``Total revenue``; ``users`` is ``Total users`` (or ``Users``).
- ``brand`` is the ``# Account:`` name in the preamble unless ``brand=`` is given.
- A ``Grand total`` row, if any, is dropped.
"""

from __future__ import annotations

import re

import pandas as pd

from smmnb.errors import Problem, SchemaError
from smmnb.io.exports._base import (
    ExportFormat,
    Found,
    Options,
    RawExport,
    need_brand,
    norm,
    rename_columns,
    snake_extras,
)
from smmnb.schema import TABLES

__all__ = ["FORMATS"]

_MAP = {
    "Date": "date",
    "Session source": "source",
    "Session medium": "medium",
    "Session campaign": "campaign",
    "Session campaign name": "campaign",
    "Landing page": "landing_page",
    "Landing page + query string": "landing_page",
    "Sessions": "sessions",
    "Total users": "users",
    "Users": "users",
    "Engaged sessions": "engaged_sessions",
    "Key events": "conversions",
    "Conversions": "conversions",
    "Total revenue": "revenue",
}
_PLACEHOLDER = {"(not set)", "(organic)", "(direct)", "(referral)", "(none)", ""}


def _preamble(rows: list[list[str]]) -> dict[str, str]:
    info = {}
    for row in rows:
        if not row or not row[0].startswith("#"):
            continue
        m = re.match(r"^#\s*([^:]+):\s*(.*)$", ",".join(row))
        if m:
            info[norm(m.group(1))] = m.group(2).strip()
    return info


def _detect(raw: RawExport) -> Found | None:
    if len(raw.tables) != 1:
        return None
    table = raw.tables[0]
    head = table.head()
    if not head or not head[0] or not head[0][0].startswith("#"):
        return None
    for i, row in enumerate(head):
        if row and row[0].startswith("#"):
            continue
        cells = {norm(c) for c in row}
        if "sessions" in cells and (
            "session source / medium" in cells or {"session source", "session medium"} <= cells
        ):
            return Found(table, i, _preamble(head[:i]))
    return None


def _read(raw: RawExport, found: Found, options: Options):
    df, labels = found.table.frame(found.header)
    first = df.columns[0]
    keep = ~df[first].fillna("").str.strip().str.lower().isin(["grand total", "total"])
    keep &= ~df[first].fillna("").str.startswith("#")
    df = df[keep.to_numpy()].reset_index(drop=True)
    labels = [lab for lab, k in zip(labels, keep, strict=True) if k]
    combined = next((c for c in df.columns if norm(c) == "session source / medium"), None)
    if combined is not None:
        parts = df[combined].fillna("").str.split(" / ", n=1, expand=True)
        df["source"] = parts[0].str.strip()
        df["medium"] = (parts[1] if 1 in parts else pd.Series("", index=df.index)).str.strip()
        df = df.drop(columns=combined)
    df = rename_columns(df, _MAP)
    attrs: dict = {"daily": "date" in df.columns}
    if "date" not in df.columns:
        start = found.notes.get("start date")
        if not start:
            raise SchemaError(
                raw.source, "web_sessions", [Problem("no Date column and no start date")]
            )
        df["date"] = start
    if "campaign" in df.columns:
        df["campaign"] = df["campaign"].where(~df["campaign"].fillna("").isin(_PLACEHOLDER))
    df["brand"] = need_brand(raw, FORMATS[0], options, found.notes.get("account"))
    attrs["property"] = found.notes.get("property")
    return snake_extras(df, TABLES["web_sessions"].names), labels, attrs


FORMATS = [ExportFormat("ga4", "Google Analytics 4", "web_sessions", _detect, _read)]
