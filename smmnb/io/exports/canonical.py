"""Canonical tables written as files: recognised by their snake-case headers."""

from __future__ import annotations

from smmnb.io.exports._base import ExportFormat, Found, Options, RawExport, norm
from smmnb.schema import TABLES

__all__ = ["FORMAT"]


def _detect(raw: RawExport) -> Found | None:
    if len(raw.tables) != 1 or not raw.tables[0].rows:
        return None
    header = {norm(c) for c in raw.tables[0].rows[0]}
    # The table whose required columns are all there; the most specific (most columns) wins.
    matches = [
        (len(spec.required), name) for name, spec in TABLES.items() if set(spec.required) <= header
    ]
    if not matches:
        return None
    return Found(raw.tables[0], 0, {"table": max(matches)[1]})


def _read(raw: RawExport, found: Found, options: Options):
    df, labels = found.table.frame(found.header)
    if options.brand and "brand" not in df.columns:
        df["brand"] = options.brand
    return df, labels, {}


FORMAT = ExportFormat("canonical", "smmnb canonical table", "*", _detect, _read)
