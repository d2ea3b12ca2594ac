"""The platforms' export files of the sample, written as each platform writes them.

One module per export format (``meta_ads``, ``tiktok``, ...), each with
``sample_exports(tables, *, brand, timezone, as_of, rng) -> {file name: bytes}``. Readers live
in :mod:`smmnb.io.exports`; writers live here, so reading users' files never imports the
sample generator.
"""

from __future__ import annotations

import importlib

import numpy as np
import pandas as pd

__all__ = ["WRITERS", "sample_exports"]


# The sample's writers, in the order that seeds their random streams: a new writer goes at the
# end, so that the others' files keep their bytes.
WRITERS = (
    "meta_ads",
    "meta_content",
    "tiktok",
    "youtube",
    "x",
    "linkedin",
    "ga4",
    "google_ads",
    "search_console",
)


def _writer(name: str):
    return importlib.import_module(f"smmnb.sample.exports.{name}").sample_exports


def sample_exports(tables: dict[str, pd.DataFrame], seed: int = 7) -> dict[str, bytes]:
    """The platforms' export files for the sample, one or more per export format.

    Each writer produces what Lumi's team would download for the last weeks of the data
    (the same rows as the canonical tables, so loading both adds nothing twice); X and
    LinkedIn, where Lumi has no canonical rows, get a small history of their own. Every writer
    draws from its own generator, seeded from ``seed`` and its position, so adding a format
    does not change the others' files.
    """
    from smmnb.sample import BRAND, END, TIMEZONE

    files: dict[str, bytes] = {}
    for position, name in enumerate(WRITERS):
        rng = np.random.default_rng([seed, position])
        files.update(_writer(name)(tables, brand=BRAND, timezone=TIMEZONE, as_of=END, rng=rng))
    return dict(sorted(files.items()))
