"""Helpers shared by the sample's export writers (never used to read a user's file).

:func:`xlsx_bytes` writes a workbook whose bytes depend only on its rows; :func:`local_day`
is the calendar day a moment falls on in a time zone, on which the writers anchor their
windows.
"""

from __future__ import annotations

import io
import re

import pandas as pd

__all__ = ["local_day", "xlsx_bytes"]


def local_day(moment: pd.Timestamp, timezone: str) -> pd.Timestamp:
    """The calendar day (naive) that ``moment`` falls on in ``timezone``.

    A naive moment is taken as local already. The sample writers anchor their windows on it.
    """
    moment = pd.Timestamp(moment)
    return (moment.tz_convert(timezone) if moment.tzinfo else moment).normalize().tz_localize(None)


def xlsx_bytes(sheets: dict[str, list[list[object]]]) -> bytes:
    """A workbook whose bytes depend only on its content (for the sample's export files).

    openpyxl stamps the time of saving into ``docProps/core.xml`` and into every zip entry;
    both are replaced by a fixed date so that the same rows always give the same bytes.

    Parameters
    ----------
    sheets : dict of str to list of rows
        Sheet name -> rows of cell values (the first sheet first).
    """
    import zipfile

    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    fixed = "2026-01-01T00:00:00Z"
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in sorted(src.infolist(), key=lambda i: i.filename):
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)",
                    lambda m: m.group(1) + fixed.encode() + m.group(2),
                    data,
                )
            entry = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(entry, data)
    return out.getvalue()
