"""What the customer-expectation modules share."""

from __future__ import annotations

import pandas as pd

__all__ = []


def _theme_columns(analyzed: pd.DataFrame) -> list[str]:
    return [c for c in analyzed.columns if c.startswith("theme_")]


def _flag(analyzed: pd.DataFrame, column: str) -> pd.Series:
    return analyzed[column].fillna(False).astype(bool)


def _insufficient(analysis: str, need: str, found: str = ""):
    from smmnb.errors import InsufficientData
    from smmnb.narrative import needs

    return InsufficientData(needs(analysis, need, found))
