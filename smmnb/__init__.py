"""smmnb: a notebook toolkit for social media managers.

Read the files a social media team already has into canonical tables, then analyse customer
expectations, campaign performance and trends, in notebooks, in batch HTML reports
(``smmnb report``) and in the explorer (``notebooks/06_explore.ipynb``).

The ten calls an analyst needs (on the sample; every result is a pandas DataFrame)::

    import smmnb as smm

    # 1. load a folder: canonical CSVs plus platform exports, times in the folder's zone
    ws = smm.load_workspace("sample_data")
    # 2. filter: one brand, a period (local days, both included), platforms=["tiktok"]...
    lumi = ws.filter(brand="Lumi", start="2026-08-03", end="2026-10-31")
    # 3. analyse comments and mentions: sentiment, intent, themes, answered or not;
    #    local times, authors pseudonymised
    rows = smm.explorer.conversations(lumi)
    # 4. search: diacritics ignored, teencode understood, whole words
    late = smm.explorer.find(
        rows, "giao hang cham", platforms=["tiktok"], sentiment="negative", theme="delivery"
    )
    # 5. why a comment scored as it did: the words that decided
    smm.explorer.why(late["text"].iloc[0])
    # 6. a metric by week, per platform (rates name their denominator: METRICS)
    weekly = smm.explorer.over_time(lumi, "negative_share", by="week", rows=rows)
    # 7. campaign KPIs, pooled (sum of clicks / sum of impressions, never a mean of rates)
    smm.metrics.kpis(lumi.ads, by=["campaign"])
    # 8. the best and worst posts against comparable posts
    smm.trends.top_posts(lumi.posts, baseline=ws.posts, tz=ws.timezone)
    # 9. spikes in mentions, per brand, against the same weekday's usual level
    spikes = smm.trends.spikes(ws.mentions, by="brand", tz=ws.timezone)
    # 10. the mentions behind the first spike of Lumi
    day = spikes[spikes["is_spike"] & (spikes["brand"] == "Lumi")]["period"].iloc[0]
    smm.explorer.behind(ws, "mentions", day, "Lumi", by="day", split="brand", rows=rows)

and in JupyterLab, the same over widgets: ``smm.explore(ws)``.

More: ``smm.expectations`` (sentiment, themes, intents, response times), ``smm.campaigns``
(targets, pacing, lift, A/B tests, influencers, web traffic), ``smm.search`` (Search Console:
branded demand, search lift, CTR gaps, movers), ``smm.trends`` (hashtags, emerging terms,
share of voice, best time, formats, growth), ``smm.calendar`` and ``smm.stats``. Errors
about the data are :class:`SmmnbError` (``smmnb.errors``).
"""

from __future__ import annotations

import importlib
from importlib.metadata import PackageNotFoundError, version

from smmnb.errors import DataWarning as DataWarning  # re-exported; smmnb.errors documents them
from smmnb.errors import ExportNotUsable as ExportNotUsable
from smmnb.errors import ReportError as ReportError
from smmnb.errors import SchemaError as SchemaError
from smmnb.errors import SmmnbError
from smmnb.io.exports import read_export
from smmnb.io.tables import load_workspace, read_table
from smmnb.schema import TABLES, validate
from smmnb.workspace import Workspace

try:
    __version__ = version("smmnb")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

# help(smm) shows what __all__ lists: the guide above, then these. The other exceptions
# (SchemaError, ExportNotUsable, ReportError, DataWarning) are importable here and documented
# in smmnb.errors.
__all__ = [
    "TABLES",
    "SmmnbError",
    "Workspace",
    "__version__",
    "campaigns",
    "explore",
    "load_workspace",
    "metrics",
    "read_export",
    "read_table",
    "stats",
    "validate",
]

# Analysis modules load on first use (``smm.stats``), so ``import smmnb`` stays light.
_SUBMODULES = {
    "calendar",
    "campaigns",
    "datacheck",
    "expectations",
    "explorer",
    "formatting",
    "i18n",
    "insights",
    "metrics",
    "names",
    "plots",
    "sample",
    "search",
    "stats",
    "trends",
}


def __getattr__(name: str):
    if name == "explore":  # smm.explore(nb): the explorer's widgets (ipywidgets load on use)
        return importlib.import_module("smmnb.explorer").explore
    if name in _SUBMODULES:
        return importlib.import_module(f"smmnb.{name}")
    raise AttributeError(f"module 'smmnb' has no attribute {name!r}")
