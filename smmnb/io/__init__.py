"""Reading files into canonical tables; the only layer that touches files."""

from __future__ import annotations

from smmnb.io.tables import load_workspace, read_table

__all__ = ["load_workspace", "read_table"]
