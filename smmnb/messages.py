"""The message catalogs' upkeep: which sources feed which ``.po`` file, extraction and update.

Each area of the package has its own catalog, ``smmnb/locale/<language>/<area>.po``, fed by the
sources listed in :data:`AREAS`: the messages marked with ``_``, ``N_``, ``ngettext`` and
``pgettext`` in Python files and the nouns of ``count(n, "noun")`` and ``plural(n, "noun")``
(Babel's extractor) and the Markdown cells of the notebooks (each
cell one message, translated when a report is written). Run::

    python -m smmnb.messages            # every area
    python -m smmnb.messages trends     # one area

to merge newly marked messages into the catalogs (new entries are empty; entries whose message
left the code are dropped; nothing is guessed, so nothing is fuzzy) and list what lacks a
translation. ``make messages`` runs it for every area.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file
from babel.messages.pofile import read_po, write_po

from smmnb.i18n import LANGUAGES, LOCALE_DIR

__all__ = ["AREAS", "extract", "markdown_cells", "missing", "update"]

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = Path(__file__).resolve().parent

AREAS: dict[str, tuple[str, ...]] = {
    "core": ("smmnb/i18n.py", "smmnb/names.py", "smmnb/narrative/__init__.py",
             "smmnb/notebook.py", "smmnb/workspace.py", "smmnb/io/followers.py",
             "smmnb/io/tables.py"),
    "datacheck": ("smmnb/narrative/datacheck.py", "smmnb/datacheck.py",
                  "notebooks/00_data_check.ipynb"),
    "expectations": ("smmnb/narrative/expectations.py", "smmnb/expectations/*.py",
                     "smmnb/text/*.py", "notebooks/01_customer_expectations.ipynb"),
    "campaigns": ("smmnb/narrative/campaigns.py", "smmnb/campaigns/*.py", "smmnb/metrics.py",
                  "smmnb/stats.py", "notebooks/02_campaign_performance.ipynb"),
    "trends": ("smmnb/narrative/trends.py", "smmnb/trends/*.py", "notebooks/03_trends.ipynb"),
    "calendar": ("smmnb/narrative/calendar.py", "smmnb/calendar.py",
                 "notebooks/04_content_calendar.ipynb"),
    "summary": ("smmnb/narrative/summary.py", "smmnb/insights.py",
                "notebooks/05_executive_summary.ipynb"),
    "charts": ("smmnb/plots.py", "smmnb/formatting.py"),
    "posts": ("smmnb/narrative/posts.py", "smmnb/trends/top_posts.py"),
    "report": ("smmnb/report.py", "smmnb/branding.py"),
    "slides": ("smmnb/slides.py",),
    "exports": ("smmnb/io/exports/*.py", "smmnb/io/files.py"),
    "explore": ("smmnb/explorer/*.py", "notebooks/06_explore.ipynb"),
    "search": ("smmnb/search.py",),
}  # fmt: skip
"""Each catalog and the sources (paths from the project root, globs allowed) it translates."""

_KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None, "count": (2,), "plural": (2,)}
"""Babel's gettext keywords, ``N_``, and the noun of ``narrative.count(n, "noun")``/``plural``."""


def markdown_cells(path: Path) -> Iterator[tuple[int, str]]:
    """The Markdown cells of a notebook as messages: (cell number, text without outer blanks)."""
    notebook = json.loads(Path(path).read_text(encoding="utf-8"))
    for number, cell in enumerate(notebook.get("cells", []), start=1):
        if cell.get("cell_type") == "markdown":
            text = "".join(cell.get("source", [])).strip()
            if text:
                yield number, text


def _sources(area: str, root: Path) -> list[Path]:
    """The area's files; a glob leaves out a file another area names exactly (top_posts.py)."""
    claimed = {
        pattern
        for other, patterns in AREAS.items()
        if other != area
        for pattern in patterns
        if not any(c in pattern for c in "*?[")
    }
    files: list[Path] = []
    for pattern in AREAS[area]:
        globbed = any(c in pattern for c in "*?[")
        files.extend(
            sorted(
                p
                for p in root.glob(pattern)
                if p.is_file() and not (globbed and p.relative_to(root).as_posix() in claimed)
            )
        )
    return files


def extract(area: str, root: Path = ROOT) -> Catalog:
    """Every message the area's sources mark, as a template catalog (locations included)."""
    template = Catalog(project="smmnb", fuzzy=False)
    for path in _sources(area, root):
        where = path.relative_to(root).as_posix()
        if path.suffix == ".ipynb":
            for number, text in markdown_cells(path):
                template.add(text, locations=[(where, number)], auto_comments=["markdown cell"])
            continue
        for lineno, message, comments, context in extract_from_file(
            "python", str(path), keywords=_KEYWORDS, strip_comment_tags=True
        ):
            template.add(
                message, locations=[(where, lineno)], auto_comments=comments, context=context
            )
    return template


def _po_path(language: str, area: str) -> Path:
    return LOCALE_DIR / language / f"{area}.po"


def update(area: str, language: str = "vi", root: Path = ROOT) -> Path:
    """Merge the area's messages into its catalog for ``language``; return the file written."""
    path = _po_path(language, area)
    if path.exists():
        with path.open("rb") as fh:
            catalog = read_po(fh, locale=language)
    else:
        catalog = Catalog(locale=language, project="smmnb", fuzzy=False)
    catalog.update(extract(area, root), no_fuzzy_matching=True)
    catalog.obsolete.clear()
    catalog.fuzzy = False
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        write_po(
            fh, catalog, width=100, sort_output=True, omit_header=False, include_previous=False
        )
    return path


def missing(area: str, language: str = "vi", root: Path = ROOT) -> list[str]:
    """The area's messages with no usable translation (absent, empty or fuzzy) in ``language``."""
    path = _po_path(language, area)
    catalog = Catalog(locale=language)
    if path.exists():
        with path.open("rb") as fh:
            catalog = read_po(fh, locale=language)
    gaps = []
    for message in extract(area, root):
        if not message.id:
            continue
        found = catalog.get(message.id, context=message.context)
        strings = found.string if found is not None else None
        if isinstance(strings, tuple | list):
            usable = all(strings)
        else:
            usable = bool(strings)
        if found is None or found.fuzzy or not usable:
            gaps.append(message.id if isinstance(message.id, str) else message.id[0])
    return gaps


def main(argv: list[str]) -> int:
    areas = argv or list(AREAS)
    unknown = [a for a in areas if a not in AREAS]
    if unknown:
        print(f"unknown area {', '.join(unknown)}; the areas are {', '.join(AREAS)}")
        return 2
    for language in LANGUAGES[1:]:
        for area in areas:
            path = update(area, language)
            gaps = missing(area, language)
            print(f"{path.relative_to(ROOT)}: {len(gaps)} without a translation")
            for gap in gaps[:20]:
                print(f"    {gap[:90]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
