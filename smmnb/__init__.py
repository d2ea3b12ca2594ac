"""smmnb: a notebook toolkit for social media managers.

Read the files a social media team already has into canonical tables, then analyse customer
expectations, campaign performance and trends, in notebooks and in batch HTML reports.

>>> import smmnb as smm
>>> ws = smm.load_workspace("sample_data")  # doctest: +SKIP
"""

from __future__ import annotations

import importlib
from importlib.metadata import PackageNotFoundError, version

from smmnb.errors import DataWarning, ExportNotUsable, ReportError, SchemaError, SmmnbError
from smmnb.io.exports import read_export
from smmnb.io.tables import load_workspace, read_table
from smmnb.schema import TABLES, validate
from smmnb.workspace import Workspace

try:
    __version__ = version("smmnb")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

__all__ = [
    "TABLES",
    "DataWarning",
    "ExportNotUsable",
    "ReportError",
    "SchemaError",
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
    "stats",
    "trends",
}


def __getattr__(name: str):
    if name == "explore":  # smm.explore(nb): the explorer's widgets (ipywidgets load on use)
        return importlib.import_module("smmnb.explorer").explore
    if name in _SUBMODULES:
        return importlib.import_module(f"smmnb.{name}")
    raise AttributeError(f"module 'smmnb' has no attribute {name!r}")
