"""What the campaign modules share."""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = []


def _local_day(ts: pd.Series, timezone: str) -> pd.Series:
    from smmnb.timezones import local_day

    return local_day(ts, timezone)


def _is_in(values: pd.Series, others: pd.Series) -> np.ndarray:
    """``values.isin(others)`` for ids, by a hash lookup in Arrow.

    pandas' own goes through Python objects for string columns.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    as_text = lambda s: pa.array(s.astype("str").to_numpy(dtype=object), type=pa.string())  # noqa: E731
    return pc.is_in(as_text(values), value_set=as_text(others)).to_numpy(zero_copy_only=False)
