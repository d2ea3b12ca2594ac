"""Scale the sample up for benchmarks."""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = []


# Activity tables grow with scale; the id or key column each copy marks to stay unique.
_SCALED = {
    "posts": ["post_id"],
    "ads": ["ad"],
    "comments": ["comment_id", "post_id", "parent_id"],
    "mentions": ["mention_id"],
    "web_sessions": ["landing_page"],
}


def scale(tables: dict[str, pd.DataFrame], n: int) -> dict[str, pd.DataFrame]:
    """The sample's activity tables n times over, for benchmarks and load tests.

    Posts, ads, comments, mentions and web sessions are repeated n times; every copy after
    the first gets ``~k`` appended to its ids (post, comment, reply-to and mention ids, ad
    names, landing pages), so keys stay unique and replies still point into their own copy.
    Followers, targets, influencers and the calendar are kept as they are. Dates do not move:
    the data get n times denser, not longer.

    Parameters
    ----------
    tables : dict
        Canonical tables, such as ``generate(seed).tables`` (or only some of them).
    n : int
        Copies, at least 1.
    """
    if not isinstance(n, int) or n < 1:
        raise ValueError(f"scale must be a whole number >= 1, got {n!r}")
    if n == 1:
        return dict(tables)
    out = dict(tables)
    for name, id_columns in _SCALED.items():
        if name not in tables:
            continue
        df = tables[name]
        copy = np.repeat(np.arange(n), len(df))
        big = df.iloc[np.tile(np.arange(len(df)), n)].reset_index(drop=True)
        tag = pd.Series(np.char.add("~", copy.astype(str)), dtype="str").where(copy > 0, "")
        for column in id_columns:
            marked = big[column].astype("str") + tag
            categorical = isinstance(df[column].dtype, pd.CategoricalDtype)
            big[column] = marked.astype("category" if categorical else df[column].dtype)
        big.attrs = dict(df.attrs)
        out[name] = big
    return out
