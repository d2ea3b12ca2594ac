"""Batch reports: run the notebooks headless with papermill and write HTML without code.

A report run is a list of jobs (a name and notebook parameters, such as a brand and a period)
times a list of notebooks. Each job x notebook runs with papermill (kernel ``python3`` of the
environment smmnb runs in, working directory ``notebooks/``, an execution timeout), then
nbconvert writes HTML without input cells and without the injected-parameters cell, with a
provenance section at the end. Every file is written under a temporary name and renamed, so
an interrupted run never leaves a half-written report. A failing job keeps its partly executed
notebook (``<notebook>.failed.ipynb``) and does not stop the others. A notebook that raises
:class:`smmnb.notebook.NothingToShow` (nothing at all to show on this data) is *skipped*, not
failed: its partial report is written and linked, with the sentence saying why at the top.
``index.html`` lists every job x notebook with its status, duration and link, and the
provenance of the run.

Each notebook gets only the parameters it declares (read once per notebook from its cell tagged
``parameters``); a job's key must be declared by at least one of the notebooks run. Kernels are
started with CurveZMQ transport encryption where pyzmq supports it (``KernelManager.
transport_encryption = "auto"``, jupyter_client >= 8.9): the traffic between papermill and the
kernel is encrypted, and ipykernel has no reason to print its "running over TCP without
encryption" warning for every notebook.

A job has a report language (its ``language``, else its data folder's ``smmnb.yml``, else
English): the notebooks that declare ``language`` get it, their Markdown cells are translated
after the run (:func:`smmnb.i18n.translate_markdown`), and the page's own words (title,
subtitle, notes, provenance) and ``index.html`` are written in it (the ``report`` catalog).
A job's ``branding`` (:mod:`smmnb.branding`) puts a logo, an accent colour and a footer line
on its pages; notebooks that declare ``accent`` draw their charts with it. Every page carries
print CSS (A4, a page break before each section, no chart or table split, links printed with
their address), so a browser's "Save as PDF" gives a clean document. A job with ``slides``
also gets a PowerPoint deck (:func:`smmnb.slides.write_deck`), linked from the index; a deck
that fails is a failed task of its job and does not stop the others.
"""

from __future__ import annotations

import datetime as dt
import html
import inspect
import json
import os
import re
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from smmnb.branding import Branding, merge, read_branding
from smmnb.errors import ReportError
from smmnb.i18n import LANGUAGES, _, pgettext

__all__ = [
    "DECK",
    "NOTEBOOK_DIR",
    "PRINT_CSS",
    "REPORT_KEYS",
    "adhoc_job",
    "Job",
    "TaskResult",
    "load_config",
    "notebook_names",
    "notebook_parameters",
    "report_language",
    "run_jobs",
    "run_report",
    "STATUSES",
    "summary",
]

NOTEBOOK_DIR = Path(__file__).resolve().parent.parent / "notebooks"
"""The notebooks shipped with smmnb (a source checkout's ``notebooks/`` folder)."""

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATE_PARAMETERS = ("start", "end", "as_of")
_PATH_PARAMETERS = ("data_dir",)  # folders
_FILE_PARAMETERS = ("labels_path",)  # files (a theme parameter may be a built-in name instead)

REPORT_KEYS = ("language", "branding", "slides")
"""Job keys of the report itself, accepted whether or not a notebook declares them."""

DECK = "slides"
"""The task name of a job's PowerPoint deck (beside the notebooks' names)."""


@dataclass(frozen=True)
class Job:
    """One report job: a name (its output folder) and the notebooks' parameters.

    Attributes
    ----------
    name : str
    parameters : dict
        The notebooks' parameters, ``language`` always among them (the job's resolved report
        language, see :func:`report_language`); each notebook gets those it declares.
    branding : Branding or None
        Logo, accent and footer of the job's pages, charts and deck.
    slides : bool
        Also write a PowerPoint deck (``<job>/<job>.pptx``).
    """

    name: str
    parameters: dict
    branding: Branding | None = None
    slides: bool = False

    @property
    def language(self) -> str:
        """The job's report language (``en`` when not resolved yet)."""
        return self.parameters.get("language") or "en"


STATUSES = ("ok", "skipped", "failed")
"""A task's status: a full report, a notebook with nothing to show on this data, an error."""


@dataclass(frozen=True)
class TaskResult:
    """Outcome of one job x notebook.

    Attributes
    ----------
    job, notebook : str
    status : str
        ``"ok"``, ``"skipped"`` (the notebook raised
        :class:`~smmnb.notebook.NothingToShow`: nothing at all to show on this data) or
        ``"failed"``.
    seconds : float
    html : str or None
        Path of the HTML report, relative to the output folder (a skipped notebook's partial
        report too; the ``.pptx`` of a deck, whose ``notebook`` is :data:`DECK`); None when it
        failed.
    error : str
        When it failed, the exception name and message; when skipped, the sentence saying why.
    failed_cell : int or None
        Execution count of the failing cell.
    title : str
        The report's title in its language (the notebook's first heading), "" if unknown.
    """

    job: str
    notebook: str
    status: str
    seconds: float
    html: str | None = None
    error: str = ""
    failed_cell: int | None = None
    title: str = ""

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"status must be one of {', '.join(STATUSES)}, got {self.status!r}")

    @property
    def ok(self) -> bool:
        """Not failed: a report was written (``"ok"`` or ``"skipped"``)."""
        return self.status != "failed"


# --------------------------------------------------------------------------------------------
# notebooks and their parameters


def notebook_names(notebook_dir: str | os.PathLike = NOTEBOOK_DIR) -> list[str]:
    """Names (without ``.ipynb``) of the numbered report notebooks in a folder, in order.

    A notebook whose metadata says ``"smmnb": {"report": false}`` (``06_explore``: widgets
    for a live kernel, not a report) is left out.
    """
    return sorted(p.stem for p in Path(notebook_dir).glob("[0-9][0-9]_*.ipynb") if _is_report(p))


def _is_report(path: Path) -> bool:
    try:
        metadata = json.loads(path.read_text(encoding="utf-8")).get("metadata", {})
    except (OSError, ValueError):
        return True  # an unreadable notebook fails with its own error when it is run
    return (metadata.get("smmnb") or {}).get("report", True) is not False


def notebook_parameters(
    notebook_dir: str | os.PathLike = NOTEBOOK_DIR,
) -> dict[str, dict[str, dict]]:
    """Each notebook's parameters: name -> {parameter -> {type, default, help}}.

    Read with papermill's inspection of the cell tagged ``parameters``.
    """
    import papermill as pm

    out = {}
    for name in notebook_names(notebook_dir):
        params = pm.inspect_notebook(str(Path(notebook_dir) / f"{name}.ipynb"))
        out[name] = {
            key: {
                "type": value.get("inferred_type_name", ""),
                "default": value.get("default", ""),
                "help": value.get("help", ""),
            }
            for key, value in params.items()
        }
    return out


# --------------------------------------------------------------------------------------------
# configuration


def _coerce(job: str, key: str, value, declared: str | None):
    """Type a parameter as the notebooks declare it; refuse what cannot be."""
    if isinstance(value, (dt.date, dt.datetime)):  # YAML turns 2026-09-01 into a date
        value = value.isoformat()[:10]
    if declared == "str" and isinstance(value, (int, float)):
        value = str(value)
    if declared == "list" and isinstance(value, str):
        value = [value] if value else []
    if declared in ("int", "float") and isinstance(value, str):
        try:
            value = int(value) if declared == "int" else float(value)
        except ValueError:
            raise ReportError(f"job {job!r}: {key} must be a number, got {value!r}") from None
    if declared == "bool" and isinstance(value, str):
        if value.lower() not in ("true", "false", "yes", "no", "1", "0"):
            raise ReportError(f"job {job!r}: {key} must be true or false, got {value!r}")
        value = value.lower() in ("true", "yes", "1")
    if declared == "str" and not isinstance(value, str):
        raise ReportError(f"job {job!r}: {key} must be text, got {value!r}")
    if declared == "list" and not isinstance(value, list):
        raise ReportError(f"job {job!r}: {key} must be a list, got {value!r}")
    if key in _DATE_PARAMETERS and value not in ("", None):
        if not isinstance(value, str) or not _ISO_DATE.match(value):
            raise ReportError(f"job {job!r}: {key} must be an ISO date (2026-09-30), got {value!r}")
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise ReportError(f"job {job!r}: {key} is not a real date: {value!r}") from None
    return value


def _report_key(job: str, key: str, value, base: Path, where: str):
    """Check one of :data:`REPORT_KEYS`."""
    if key == "language":
        language = str(value or "").strip().lower()
        if language and language not in LANGUAGES:
            raise ReportError(f"{where}job {job!r}: language must be one of "
                              f"{', '.join(LANGUAGES)}, got {value!r}")  # fmt: skip
        return language
    if key == "slides":
        value = _coerce(job, key, value if value is not None else False, "bool")
        if not isinstance(value, bool):
            raise ReportError(f"{where}job {job!r}: slides must be true or false, got {value!r}")
        return value
    return read_branding(value, base=base, where=f"{where}job {job!r}")


def report_language(parameters: dict) -> str:
    """A job's report language: its ``language``, else its data folder's, else ``en``.

    The data folder's is the ``language`` of its ``smmnb.yml`` (an unreadable file counts as
    none: the notebooks say what is wrong with it).
    """
    from smmnb.errors import SmmnbError
    from smmnb.io.settings import read_settings

    if parameters.get("language"):
        return str(parameters["language"])
    data_dir = parameters.get("data_dir")
    if data_dir:
        try:
            return read_settings(data_dir).language or "en"
        except (SmmnbError, OSError):
            pass
    return "en"


def _validate_jobs(
    jobs: Sequence[Job],
    notebooks: Sequence[str],
    notebook_dir: Path,
    base: Path,
    source: str = "",
) -> list[Job]:
    available = notebook_names(notebook_dir)
    unknown = [n for n in notebooks if n not in available]
    if unknown:
        raise ReportError(
            f"unknown notebook(s) {', '.join(unknown)}; available: {', '.join(available)}"
        )
    declared: dict[str, str] = {}
    for name, params in notebook_parameters(notebook_dir).items():
        if name in notebooks:
            for key, spec in params.items():
                declared.setdefault(key, spec["type"])
    where = f"{source}: " if source else ""
    seen: set[str] = set()
    out = []
    for job in jobs:
        if not job.name or not re.match(r"^[\w.-]+$", job.name):
            raise ReportError(
                f"job name {job.name!r} must be letters, digits, '-', '_' or '.' "
                "(it names a folder)"
            )
        if job.name in seen:
            raise ReportError(f"duplicate job name {job.name!r}")
        seen.add(job.name)
        params = {}
        own = {"branding": job.branding, "slides": job.slides}
        for key, value in job.parameters.items():
            if key in REPORT_KEYS:
                checked = _report_key(job.name, key, value, base, where)
                if key == "language":
                    if checked:
                        params[key] = checked
                else:
                    own[key] = checked
                continue
            if key not in declared:
                raise ReportError(
                    f"job {job.name!r}: unknown parameter {key!r}; the notebooks take "
                    + ", ".join(sorted(set(declared) | set(REPORT_KEYS)))
                )
            value = _coerce(job.name, key, value, declared[key])
            if key in _PATH_PARAMETERS:
                from smmnb import distributed

                if not distributed.is_url(value):  # a URL (s3://, file://...) stays as given
                    value = str((base / value).resolve())
                if not distributed.is_dir(value):
                    raise ReportError(f"job {job.name!r}: {key} folder not found: {value}")
            elif (key in _FILE_PARAMETERS or (key == "themes" and str(value).endswith(
                (".yml", ".yaml")))) and str(value).strip():  # fmt: skip
                value = str((base / value).resolve())
                if not Path(value).is_file():
                    raise ReportError(f"job {job.name!r}: {key} file not found: {value}")
            params[key] = value
        params["language"] = report_language(params)
        if own["slides"] and not params.get("data_dir"):
            raise ReportError(f"{where}job {job.name!r}: slides need the job's data_dir")
        out.append(Job(job.name, params, own["branding"], bool(own["slides"])))
    return out


def load_config(
    path: str | os.PathLike,
    *,
    notebooks: Sequence[str] | None = None,
    overrides: dict | None = None,
    notebook_dir: str | os.PathLike = NOTEBOOK_DIR,
) -> tuple[list[Job], list[str]]:
    """Read and check a report configuration (YAML).

    The file has ``defaults`` (notebook parameters for every job), ``notebooks`` (names;
    default all), ``branding`` (see :mod:`smmnb.branding`) and ``jobs`` (each a ``name``
    plus parameters that override the defaults, and a ``branding`` whose keys override the
    top-level one's). Relative paths resolve from the file's folder. Parameters are the
    notebooks' own (``data_dir``, ``brand``, ``start``, ``end``, ``platforms``, ``timezone``,
    ``currency`` and each notebook's others) and the report's: ``language`` (``en`` or ``vi``;
    left out, the data folder's, else ``en``) and ``slides`` (also write a deck). ``brand``,
    ``timezone`` and ``currency`` left out or empty mean the data folder's (``smmnb.yml``).
    ``notebooks``, when given, replaces the file's; ``overrides`` (parameters, such as a time
    zone given on the command line) win over every job's.

    Returns
    -------
    tuple
        The jobs (parameters typed and paths absolute) and the notebook names.

    Raises
    ------
    ReportError
        Before anything runs, naming the job and the key: unknown notebook or parameter,
        duplicate job name, a date that is not ISO, a missing data folder, an unknown
        language, a branding whose logo is missing or whose accent is not ``#RRGGBB``.
    """
    import yaml

    path = Path(path)
    try:
        config = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ReportError(f"cannot read {path}: {exc}") from None
    if not isinstance(config, dict):
        raise ReportError(f"{path}: expected a mapping with defaults, notebooks and jobs")
    extra = set(config) - {"defaults", "notebooks", "jobs", "branding"}
    if extra:
        raise ReportError(f"{path}: unknown key(s) {', '.join(sorted(extra))}")
    defaults = config.get("defaults") or {}
    if not isinstance(defaults, dict):
        raise ReportError(f"{path}: defaults must be a mapping of parameters")
    if "branding" in defaults:
        raise ReportError(f"{path}: branding goes at the top level (or in a job), not in defaults")
    top_branding = config.get("branding")
    read_branding(top_branding, base=path.parent, where=str(path))  # its own errors first
    notebooks = notebooks or config.get("notebooks") or notebook_names(notebook_dir)
    raw_jobs = config.get("jobs") or []
    if not raw_jobs:
        raise ReportError(f"{path}: no jobs")
    jobs = []
    for i, entry in enumerate(raw_jobs):
        if not isinstance(entry, dict) or "name" not in entry:
            raise ReportError(f"{path}: job {i + 1} needs a name")
        params = {**defaults, **{k: v for k, v in entry.items() if k != "name"}}
        params.update(overrides or {})
        branding = merge(top_branding, entry.get("branding"))
        params.pop("branding", None)
        if branding is not None:
            params["branding"] = branding
        jobs.append(Job(str(entry["name"]), params))
    checked = _validate_jobs(jobs, list(notebooks), Path(notebook_dir), path.parent, str(path))
    return checked, list(notebooks)


# --------------------------------------------------------------------------------------------
# running


def _use_this_environments_kernel() -> None:
    # Look up kernel specs in this interpreter's prefix first, so "python3" is the kernel of
    # the environment smmnb runs in, not one installed elsewhere for the user.
    own = str(Path(sys.prefix) / "share" / "jupyter")
    paths = [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p]
    if own not in paths:
        os.environ["JUPYTER_PATH"] = os.pathsep.join([own, *paths])


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def data_files(data_dir: str | os.PathLike) -> list[tuple[str, str]]:
    """(relative path, SHA-256) of every data file under a data folder (or URL), in path order."""
    from smmnb.distributed import data_files as files

    return files(data_dir)


_DEFAULT_ACCENT = "#1565c0"
"""smmnb's own accent (title rules, links) when the branding gives none."""

_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  color: #1f2933; }
.smmnb-title { margin: 1.5rem 0 0.5rem; padding-bottom: .5rem;
  border-bottom: 3px solid var(--smmnb-accent); display: flex; align-items: center; gap: 1rem; }
.smmnb-logo { max-height: 3.5rem; max-width: 12rem; }
.smmnb-title h1 { margin: 0; font-size: 1.8rem; }
.smmnb-title p { margin: .2rem 0 0; color: #52606d; }
.jp-RenderedHTMLCommon h2 { color: var(--smmnb-accent); }
.jp-RenderedHTMLCommon table { font-size: 0.85rem; border-collapse: collapse; }
.jp-RenderedHTMLCommon th { background: #eef2f7; }
.jp-RenderedHTMLCommon td, .jp-RenderedHTMLCommon th { padding: .25rem .6rem; }
.smmnb-skipped { margin: 1rem 0; padding: .6rem .9rem; background: #f5f7fa;
  border-left: 4px solid #9aa5b1; }
.smmnb-provenance { font-size: .8rem; color: #52606d; border-top: 1px solid #cbd2d9;
  margin-top: 2rem; padding-top: .5rem; }
.smmnb-footer { margin: 2rem 0 1rem; padding-top: .4rem; font-size: .8rem; color: #52606d;
  border-top: 2px solid var(--smmnb-accent); }
"""

PRINT_CSS = """
@page { size: A4; margin: 16mm 14mm 18mm 14mm; }
@media print {
  html, body { background: #fff !important; }
  body { font-size: 10.5pt; }
  h2 { break-before: page; page-break-before: always; }
  h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  figure, img, svg, table, pre, .jp-RenderedImage, .jp-OutputArea-child, .smmnb-title,
  .smmnb-skipped { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  .jp-OutputArea-output, .jp-RenderedHTMLCommon { overflow: visible !important; }
  .jp-RenderedHTMLCommon table { font-size: 8pt; max-width: 100%; }
  .jp-RenderedHTMLCommon td, .jp-RenderedHTMLCommon th { white-space: normal;
    overflow-wrap: anywhere; padding: .15rem .35rem; }
  img, svg { max-width: 100% !important; max-height: 220mm; width: auto; height: auto;
    object-fit: contain; }
  .smmnb-logo { max-height: 3.5rem; }
  a[href]::after { content: " (" attr(href) ")"; font-size: 85%; color: #52606d;
    overflow-wrap: anywhere; }
  a[href^="#"]::after, a[href^="data:"]::after, a[href^="javascript:"]::after { content: ""; }
  a.anchor-link, .jp-InputPrompt, .jp-OutputPrompt, .jp-Collapser,
  .jp-CodeCell .jp-Cell-inputWrapper, .jp-CodeCell .jp-InputArea { display: none !important; }
}
"""
"""Print rules of every page and of the index: A4, a page break before each section (``h2``),
no chart, figure or table split across pages, links followed by their address, no code and no
prompts. Images are at most 220 mm high, under the 263 mm an A4 page has between margins, so a
browser's "Save as PDF" never cuts one."""


def _style(branding: Branding | None) -> str:
    accent = (branding.accent if branding else None) or _DEFAULT_ACCENT
    return f"<style>:root {{ --smmnb-accent: {accent}; }}{_CSS}{PRINT_CSS}</style>"


def _logo(branding: Branding | None) -> str:
    if not branding or not branding.logo:
        return ""
    return f'<img class="smmnb-logo" src="{branding.logo_data_uri()}" alt="">'


def _footer(branding: Branding | None) -> str:
    if not branding or not branding.footer:
        return ""
    return f'<footer class="smmnb-footer">{html.escape(branding.footer)}</footer>'


def _moment(value: dt.datetime) -> str:
    """A UTC time in the report language: ``02 Dec 2026 09:05 UTC`` / ``02/12/2026 09:05 UTC``."""
    from smmnb import i18n

    return _("{date} {time} UTC").format(
        date=i18n.date(value), time=f"{value.hour:02d}:{value.minute:02d}"
    )


def _period(start: str, end: str) -> str:
    """A job's period in the report language, from its ``start`` and ``end`` (ISO or "")."""
    from smmnb import i18n

    if start and end:
        return _("{start} to {end}").format(start=i18n.date(start), end=i18n.date(end))
    if start:
        return _("{start} to the latest data").format(start=i18n.date(start))
    if end:
        return _("the 90 days to {end}").format(end=i18n.date(end))
    return _("the last 90 days of data")


def _parameters_html(parameters: dict) -> str:
    e = html.escape
    return ", ".join(
        f"{e(k)} = <code>{e(json.dumps(v, ensure_ascii=False))}</code>"
        for k, v in parameters.items()
    )


def _provenance_markdown(parameters: dict, files: list[tuple[str, str]], when: str) -> str:
    """The provenance block at the end of a report, in the report language in force."""
    from smmnb import __version__

    e = html.escape
    listed = ", ".join(f"<code>{e(name)}</code> ({digest[:12]})" for name, digest in files)
    lines = [
        '<div class="smmnb-provenance">',
        "<b>{label}</b> {text}<br>".format(
            label=e(_("Provenance.")),
            text=e(
                _("smmnb {version}, run {when} (run time).").format(version=__version__, when=when)
            ),
        ),  # fmt: skip
        e(_("Parameters: {parameters}")).format(parameters=_parameters_html(parameters)) + "<br>",
        e(_("Data files: {files}")).format(files=listed or "–"),
        "</div>",
    ]
    return "\n".join(lines)


_ERROR_MARKER_TAG = "papermill-error-cell-tag"  # papermill's "An Exception was encountered" cells


_NBCONVERT_ALT = "No description has been provided for this image"
"""The alternative text nbconvert gives every image (in English, whatever the report's)."""


def _chart_alt_texts(body: str) -> str:
    """Give each chart nbconvert left undescribed an alternative text in the language in force.

    The text names the section the chart is in, from the nearest heading (``h2``) above it:
    "Chart: Share of voice"; "Chart" for a chart above every heading.
    """
    section = ""

    def replace(match: re.Match) -> str:
        nonlocal section
        if match.group("heading") is not None:
            text = re.sub(r'<a class="anchor-link"[^>]*>.*?</a>', "", match.group("heading"))
            section = " ".join(html.unescape(re.sub(r"<[^>]+>", "", text)).split())
            return match.group(0)
        alt = _("Chart: {section}").format(section=section) if section else _("Chart")
        return f'alt="{html.escape(alt, quote=True)}"'

    pattern = rf'<h2\b[^>]*>(?P<heading>.*?)</h2>|alt="{re.escape(_NBCONVERT_ALT)}"'
    return re.sub(pattern, replace, body, flags=re.DOTALL)


def _to_html(
    notebook_path: Path,
    title: str,
    subtitle: str,
    note: str = "",
    *,
    language: str = "en",
    branding: Branding | None = None,
) -> str:
    """The executed notebook as HTML without code, its own words in ``language``.

    ``note`` is a skipped notebook's sentence: it goes under the title, and the notebook's
    error output and papermill's error markers are left out (the sentences, not a traceback).
    The page has the report's CSS (with print rules), the branding's logo in the title and
    its footer line at the end, and ``<html lang>`` says its language; each chart's
    alternative text names its section in that language (:func:`_chart_alt_texts`).
    """
    import nbformat
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    from smmnb import i18n

    nb = nbformat.read(notebook_path, as_version=4)
    if note:
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs = [o for o in cell.outputs if o.get("output_type") != "error"]
    exporter = HTMLExporter(
        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True
    )
    exporter.register_preprocessor(
        TagRemovePreprocessor(
            remove_cell_tags={"injected-parameters", "parameters", _ERROR_MARKER_TAG},
            enabled=True,
        ),
        enabled=True,
    )
    body, _resources = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
    e = html.escape
    with i18n.use(language):
        header = (
            f'{_style(branding)}<div class="smmnb-title">{_logo(branding)}<div>'
            f"<h1>{e(title)}</h1><p>{e(subtitle)}</p></div></div>"
        )
        if note:
            header += '<div class="smmnb-skipped"><b>{label}</b> {note}</div>'.format(
                label=e(_("Nothing to show on this data.")), note=e(note)
            )
        body = _chart_alt_texts(body)
    body = re.sub(r"<html[^>]*>", f'<html lang="{language}">', body, count=1)
    body = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + header, body, count=1)
    footer = _footer(branding)
    if footer:
        body = body.replace("</body>", footer + "</body>", 1)
    return body


def _notebook_title(notebook) -> str:
    """The first Markdown heading (``# Title``) of a notebook (a path or a notebook node)."""
    import nbformat

    nb = nbformat.read(notebook, as_version=4) if isinstance(notebook, Path) else notebook
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = re.search(r"^#\s+(.+)$", cell.source, flags=re.MULTILINE)
            if m:
                return m.group(1).strip()
    return Path(notebook).stem if isinstance(notebook, Path) else ""


def _declared(notebook_path: Path) -> set[str]:
    """The parameters a notebook declares (its cell tagged ``parameters``)."""
    import papermill as pm

    return set(pm.inspect_notebook(str(notebook_path)))


def _kernel_config():
    """Configuration of the kernels papermill starts: CurveZMQ transport encryption.

    jupyter_client >= 8.9 provisions CurveZMQ keys when ``KernelManager.transport_encryption``
    is ``"auto"`` and the kernelspec declares ``supported_encryption: curve`` (ipykernel >= 7.3
    does); the kernel then encrypts its sockets and does not print "Kernel is running over TCP
    without encryption". None (papermill's defaults) where pyzmq lacks CurveZMQ or
    jupyter_client is older.
    """
    import zmq
    from jupyter_client import KernelManager
    from traitlets.config import Config

    if not zmq.has("curve") or "transport_encryption" not in KernelManager.class_trait_names():
        return None
    return Config({"KernelManager": {"transport_encryption": "auto"}})


def _owner(data_dir) -> str:
    """The owner named by a data folder's ``smmnb.yml`` ("" when none or unreadable)."""
    from smmnb.errors import SmmnbError
    from smmnb.io.settings import read_settings

    if not data_dir:
        return ""
    try:
        return read_settings(data_dir).owner or ""
    except (SmmnbError, OSError):
        return ""


def _run_task(
    job: Job,
    notebook: str,
    out: str,
    notebook_dir: str,
    timeout: int,
    files: list[tuple[str, str]],
    declared: set[str] | None = None,
) -> TaskResult:
    """Execute one job x notebook (runs in a worker process).

    ``declared`` are the parameters the notebook declares (inspected here when not given):
    only those of the job are passed, so papermill never warns of an unknown parameter. A
    notebook that declares ``accent`` gets the branding's. The notebook runs on the worker's
    warm kernel, its imports done and its state reset as a fresh kernel's
    (:mod:`smmnb.kernels`), or on a fresh one papermill starts when ``SMMNB_FRESH_KERNELS``
    is set.
    """
    import nbformat
    import papermill as pm

    from smmnb import i18n, kernels

    _use_this_environments_kernel()
    os.environ.setdefault("TQDM_DISABLE", "1")
    began = time.perf_counter()
    folder = Path(out) / job.name
    folder.mkdir(parents=True, exist_ok=True)
    source = Path(notebook_dir) / f"{notebook}.ipynb"
    tmp = folder / f".{notebook}.tmp.ipynb"
    failed = folder / f"{notebook}.failed.ipynb"
    if declared is None:
        declared = _declared(source)
    language = job.language
    # The title in the report language, known even when the notebook fails.
    title = _notebook_title(i18n.translate_markdown(nbformat.read(source, 4), language))
    given = dict(job.parameters)
    if job.branding and job.branding.accent and not given.get("accent"):
        given["accent"] = job.branding.accent
    params = {k: v for k, v in given.items() if k in declared}
    engine = {}
    config = _kernel_config()
    if config is not None:
        engine["config"] = config
    skipped = ""
    try:
        if not kernels.fresh_kernels():
            # The worker's kernel, imports done once, reset to a fresh kernel's state.
            engine["km"] = kernels.take(str(notebook_dir), kernel_name="python3", config=config)
            engine["engine_name"] = kernels.ENGINE
        pm.execute_notebook(
            str(source),
            str(tmp),
            parameters=params,
            kernel_name="python3",
            cwd=str(notebook_dir),
            execution_timeout=timeout,
            progress_bar=False,
            log_output=False,
            **engine,
        )
    except Exception as exc:  # papermill raises PapermillExecutionError, kernel errors...
        cell = getattr(exc, "exec_count", None)
        name = getattr(exc, "ename", type(exc).__name__)
        value = getattr(exc, "evalue", str(exc).strip().splitlines()[-1] if str(exc) else "")
        if name == "NothingToShow" and tmp.exists():
            with i18n.use(language):
                skipped = value or _("The data hold nothing this notebook can show.")
        else:
            if tmp.exists():
                os.replace(tmp, failed)
            return TaskResult(job.name, notebook, "failed", time.perf_counter() - began, None,
                              f"{name}: {value}", cell, title)  # fmt: skip
    with i18n.use(language):
        when = _moment(dt.datetime.now(dt.UTC))
        nb = nbformat.read(tmp, as_version=4)
        i18n.translate_markdown(nb, language)  # the headings and notes, like the outputs
        shown = {**params, "language": language} if "language" not in params else params
        nb.cells.append(nbformat.v4.new_markdown_cell(_provenance_markdown(shown, files, when)))
        nbformat.write(nb, tmp)
        executed = folder / f"{notebook}.ipynb"
        os.replace(tmp, executed)
        period = _period(params.get("start") or "", params.get("end") or "")
    brand = params.get("brand") or _owner(params.get("data_dir"))
    page_title = f"{brand} · {title}".strip(" ·")
    page = folder / f"{notebook}.html"
    try:
        text = _to_html(executed, page_title, f"{job.name}: {period}", skipped,
                        language=language, branding=job.branding)  # fmt: skip
        _write_atomic(page, text)
    except Exception as exc:  # a report that cannot be written is a failure, not a crash
        return TaskResult(job.name, notebook, "failed", time.perf_counter() - began, None,
                          f"HTML report: {type(exc).__name__}: {exc}", None, title)  # fmt: skip
    if failed.exists():
        failed.unlink()
    return TaskResult(job.name, notebook, "skipped" if skipped else "ok",
                      time.perf_counter() - began, f"{job.name}/{notebook}.html",
                      skipped, title=title)  # fmt: skip


def _run_deck(job: Job, out: str) -> TaskResult:
    """Write one job's PowerPoint deck with :func:`smmnb.slides.write_deck` (in a worker).

    Any exception, an absent ``smmnb.slides`` included, makes a failed task of this job.
    """
    began = time.perf_counter()
    folder = Path(out) / job.name
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{job.name}.pptx"
    tmp = folder / f".{job.name}.tmp.pptx"
    params = job.parameters
    data_dir = params.get("data_dir") or ""
    try:
        from smmnb.slides import write_deck

        given = {
            "brand": params.get("brand") or _owner(data_dir),
            "start": params.get("start") or "",
            "end": params.get("end") or "",
            "platforms": list(params.get("platforms") or []),
            "language": job.language,
            "branding": job.branding,
        }
        # The job's other parameters that the deck also takes (time zone, currency, as_of, sla
        # ...), so that the deck says what the reports say.
        takes = inspect.signature(write_deck).parameters
        extra = {k: v for k, v in params.items() if k in takes and k not in (*given, "data_dir")}
        write_deck(data_dir, tmp, **given, **extra)
        if not tmp.is_file():
            raise ReportError(f"write_deck wrote no file at {tmp.name}")
        os.replace(tmp, path)
    except Exception as exc:  # a deck that fails is one failed task, not a stopped run
        if tmp.exists():
            tmp.unlink()
        return TaskResult(job.name, DECK, "failed", time.perf_counter() - began, None,
                          f"{type(exc).__name__}: {exc}")  # fmt: skip
    return TaskResult(job.name, DECK, "ok", time.perf_counter() - began,
                      f"{job.name}/{path.name}")  # fmt: skip


def _shared(values: list):
    """The one value every job has, else None."""
    return values[0] if values and all(v == values[0] for v in values) else None


def _shared_branding(jobs: Sequence[Job]) -> Branding | None:
    """What every job's branding has in common (the index's): logo, accent and footer alike."""
    brandings = [job.branding or Branding() for job in jobs]
    shared = Branding(
        logo=_shared([b.logo for b in brandings]),
        accent=_shared([b.accent for b in brandings]),
        footer=_shared([b.footer for b in brandings]) or "",
    )
    return shared or None


def run_jobs(
    jobs: Sequence[Job],
    out: str | os.PathLike,
    *,
    notebooks: Sequence[str] | None = None,
    workers: int | None = None,
    notebook_dir: str | os.PathLike = NOTEBOOK_DIR,
    timeout: int = 600,
    on_result: Callable[[TaskResult], None] | None = None,
    language: str | None = None,
    branding: Branding | None = None,
    scheduler: str | None = None,
) -> list[TaskResult]:
    """Run every job x notebook (and each job's deck) and write the reports and ``index.html``.

    Parameters
    ----------
    jobs : sequence of Job
        Checked jobs (see :func:`load_config`).
    out : str or path-like
        Output folder: ``<job>/<notebook>.ipynb`` and ``.html``, ``<job>/<job>.pptx`` for a
        job with ``slides``, and ``index.html``. May be an fsspec URL (``s3://...``,
        ``file://...``): each task writes in a local temporary folder and copies it there
        (:mod:`smmnb.distributed`).
    notebooks : sequence of str, optional
        Notebook names; default all.
    workers : int, optional
        Parallel processes; default the number of cores. With ``scheduler="local"``, the
        LocalCluster's worker processes.
    notebook_dir : str or path-like
        Where the notebooks are; they run with it as working directory.
    timeout : int
        Seconds a cell may run.
    on_result : callable, optional
        Called with each :class:`TaskResult` as it finishes (progress display).
    language : str, optional
        The index's language; default the one every job has, else English.
    branding : Branding, optional
        The index's branding; default what every job's has in common (its logo, accent,
        footer), else none.
    scheduler : str, optional
        Run the tasks on Dask: the address of an existing ``dask.distributed`` scheduler
        (``tcp://HOST:8786``), or ``"local"`` for a LocalCluster of ``workers`` processes
        (:mod:`smmnb.distributed`). Default: a process pool of ``workers`` on this machine.

    Returns
    -------
    list of TaskResult
        In job x notebook order, each job's deck (task :data:`DECK`) after its notebooks;
        failures do not stop the others. A notebook with nothing to show on the job's data is
        ``"skipped"`` (its partial report is written).
    """
    notebook_dir = Path(notebook_dir).resolve()
    names = list(notebooks or notebook_names(notebook_dir))
    workers = workers or os.cpu_count() or 1
    if workers < 1:
        raise ReportError(f"workers must be >= 1, got {workers}")
    from smmnb import distributed

    local_out = distributed.local_path(out)
    out_dir = Path(local_out) if local_out is not None else None
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
    target = str(out_dir) if out_dir is not None else str(out)
    _use_this_environments_kernel()
    tasks = [(job, name) for job in jobs for name in [*names, *([DECK] if job.slides else [])]]
    # Each notebook's parameters, read once: a notebook gets only the job's keys it declares.
    declared = {name: _declared(notebook_dir / f"{name}.ipynb") for name in names}
    # Hash each job's data files once: every report and the index show the same provenance.
    files = {
        job.name: data_files(job.parameters["data_dir"]) if "data_dir" in job.parameters else []
        for job in jobs
    }
    results: dict[tuple[str, str], TaskResult] = {}
    started = dt.datetime.now(dt.UTC)

    def arguments(job: Job, name: str) -> tuple:
        if name == DECK:
            function, args = distributed.run_deck, (job, target)  # its data read locally
        else:
            function, args = _run_task, (job, name, target, str(notebook_dir), timeout,
                                         files[job.name], declared[name])  # fmt: skip
        if out_dir is None:  # a URL: written locally by the task, then copied there
            return distributed.staged, (function, args)
        return function, args

    def finished(key: tuple[str, str], result) -> None:
        if not isinstance(result, TaskResult):  # a worker that died
            result = TaskResult(key[0], key[1], "failed", 0.0, None, repr(result))
        results[key] = result
        if on_result:
            on_result(result)

    if scheduler:
        calls = [((job.name, name), *arguments(job, name)) for job, name in tasks]
        for key, result in distributed.run_on_cluster(calls, scheduler, workers):
            finished(key, result)
    elif workers == 1:
        for job, name in tasks:
            function, args = arguments(job, name)
            finished((job.name, name), function(*args))
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = {}
            for job, name in tasks:
                function, args = arguments(job, name)
                futures[pool.submit(function, *args)] = (job.name, name)
            for future in as_completed(futures):
                try:
                    result = future.result()
                except Exception as exc:  # noqa: BLE001 - a worker that died
                    result = exc
                finished(futures[future], result)
    ordered = [results[(job.name, name)] for job, name in tasks]
    language = language or _shared([job.language for job in jobs]) or "en"
    if branding is None:
        branding = _shared_branding(jobs)
    index = _index(ordered, jobs, started, files, language, branding)
    if out_dir is not None:
        _write_atomic(out_dir / "index.html", index)
    else:
        import tempfile

        with tempfile.TemporaryDirectory(prefix="smmnb-index-") as tmp:
            (Path(tmp) / "index.html").write_text(index, encoding="utf-8")
            distributed.upload(tmp, str(out))
    return ordered


def run_report(
    data_dir: str | os.PathLike,
    out: str | os.PathLike,
    *,
    brand: str = "",
    start: str = "",
    end: str = "",
    platforms: list[str] | None = None,
    timezone: str = "",
    currency: str = "",
    language: str = "",
    branding: dict | None = None,
    slides: bool = False,
    notebooks: list[str] | None = None,
    extra: dict | None = None,
    workers: int | None = None,
    notebook_dir: str | os.PathLike = NOTEBOOK_DIR,
    timeout: int = 600,
    on_result: Callable[[TaskResult], None] | None = None,
) -> list[TaskResult]:
    """Ad hoc: one job for a brand and period (see :func:`adhoc_job` and :func:`run_jobs`)."""
    jobs, names = adhoc_job(
        data_dir,
        brand=brand,
        start=start,
        end=end,
        platforms=platforms,
        timezone=timezone,
        currency=currency,
        language=language,
        branding=branding,
        slides=slides,
        notebooks=notebooks,
        extra=extra,
        notebook_dir=notebook_dir,
    )
    return run_jobs(jobs, out, notebooks=names, workers=workers, notebook_dir=notebook_dir,
                    timeout=timeout, on_result=on_result)  # fmt: skip


def adhoc_job(
    data_dir: str | os.PathLike,
    *,
    brand: str = "",
    start: str = "",
    end: str = "",
    platforms: list[str] | None = None,
    timezone: str = "",
    currency: str = "",
    language: str = "",
    branding: dict | None = None,
    slides: bool = False,
    notebooks: list[str] | None = None,
    extra: dict | None = None,
    notebook_dir: str | os.PathLike = NOTEBOOK_DIR,
) -> tuple[list[Job], list[str]]:
    """One checked job and the notebook names to run.

    Only the parameters given (not empty) are passed; the notebooks' defaults do the rest:
    ``brand``, ``timezone``, ``currency`` and ``language`` empty mean the folder's
    (``smmnb.yml``: its owner, zone, currency and language; English without one), the period
    the last 90 days of data, every platform. ``branding`` is a mapping as in
    ``reports.yml`` (a relative logo path from the current directory); ``slides`` also
    writes a deck. The job is named after the brand, else the folder's owner, else the
    folder. Paths are relative to the current directory, as on the command line.
    """
    given = {"brand": brand, "start": start, "end": end, "platforms": list(platforms or []),
             "timezone": timezone, "currency": currency, "language": language,
             "branding": branding, "slides": slides}  # fmt: skip
    params = {"data_dir": str(data_dir), **{k: v for k, v in given.items() if v}}
    params.update(extra or {})
    label = params.get("brand") or _owner(data_dir) or Path(data_dir).resolve().name
    name = re.sub(r"[^\w.-]+", "_", str(label)).strip("_") or "report"
    names = list(notebooks or notebook_names(notebook_dir))
    return _validate_jobs([Job(name, params)], names, Path(notebook_dir), Path.cwd()), names


def summary(results: Sequence[TaskResult]) -> str:
    """``5 of 6 reports written (1 skipped: nothing to show on this data), 1 failed``.

    In the report language in force (English unless :func:`smmnb.i18n.use` says otherwise).
    """
    from smmnb import i18n

    failed = sum(r.status == "failed" for r in results)
    skipped = sum(r.status == "skipped" for r in results)
    counts = {"written": i18n.integer(len(results) - failed), "total": i18n.integer(len(results)),
              "skipped": i18n.integer(skipped), "failed": i18n.integer(failed)}  # fmt: skip
    if skipped and failed:
        text = _("{written} of {total} reports written ({skipped} skipped: nothing to show on "
                 "this data), {failed} failed")  # fmt: skip
    elif skipped:
        text = _("{written} of {total} reports written ({skipped} skipped: nothing to show on "
                 "this data)")  # fmt: skip
    elif failed:
        text = _("{written} of {total} reports written, {failed} failed")
    else:
        text = _("{written} of {total} reports written")
    return text.format(**counts)


def _status_word(status: str) -> str:
    """A task's status as the index shows it (a context keeps it apart from other "ok"s)."""
    if status == "ok":
        return pgettext("report status", "ok")
    if status == "skipped":
        return pgettext("report status", "skipped")
    return pgettext("report status", "FAILED")


def _index_row(r: TaskResult) -> str:
    from smmnb import i18n

    e = html.escape
    status = _status_word(r.status)
    if r.notebook == DECK:
        name, label = f"{r.job}.pptx", _("Slides (PowerPoint)")
    else:
        name, label = r.notebook, r.title or r.notebook
    small = f"<br><small>{e(name)}</small>" if label != name else ""
    if r.status == "failed":
        if r.notebook == DECK:
            why = e(r.error)
        elif r.failed_cell:
            why = e(
                _("{error} (cell {cell}); partial notebook: {path}").format(
                    error=r.error, cell=r.failed_cell, path=f"{r.job}/{r.notebook}.failed.ipynb"
                )
            )
        else:
            why = e(_("{error}; partial notebook: {path}").format(
                error=r.error, path=f"{r.job}/{r.notebook}.failed.ipynb"))  # fmt: skip
        link = f"{e(label)}{small}<br><small>{why}</small>"
    else:
        link = f'<a href="{e(r.html)}">{e(label)}</a>' if r.html else e(label)
        link += small
        if r.status == "skipped":
            why = _("nothing to show on this data: {reason}").format(reason=r.error)
            link += f"<br><small>{e(why)}</small>"
    seconds = _("{seconds} s").format(seconds=i18n.number(r.seconds, 1))
    return (
        f'<tr class="{r.status}"><td>{e(r.job)}</td><td>{link}</td>'
        f"<td>{e(status)}</td><td>{e(seconds)}</td></tr>"
    )


def _index(
    results: list[TaskResult],
    jobs: Sequence[Job],
    started: dt.datetime,
    files: dict[str, list[tuple[str, str]]],
    language: str = "en",
    branding: Branding | None = None,
) -> str:
    from smmnb import __version__, i18n

    e = html.escape
    order = {status: i for i, status in enumerate(STATUSES)}
    with i18n.use(language):
        rows = [
            _index_row(r)
            for r in sorted(results, key=lambda r: (order[r.status], r.job, r.notebook))
        ]
        provenance = []
        for job in jobs:
            listed = "".join(
                f"<li><code>{e(name)}</code> <small>sha256 {digest}</small></li>"
                for name, digest in files[job.name]
            )
            provenance.append(
                f"<h3>{e(job.name)}</h3><p>{_parameters_html(job.parameters)}</p><ul>{listed}</ul>"
            )
        title = _("smmnb reports")
        headings = [
            pgettext("report index column", "job"),
            pgettext("report index column", "report"),
            pgettext("report index column", "status"),
            pgettext("report index column", "time"),
        ]
        run = _("smmnb {version}; run started {when} (run time).").format(
            version=__version__, when=_moment(started)
        )
        heading = _("Provenance")
        headline = summary(results)
    header_cells = "".join(f"<th>{e(h)}</th>" for h in headings)
    return f"""<!doctype html>
<html lang="{language}"><head><meta charset="utf-8"><title>{e(title)}</title>
{_style(branding)}<style>
table {{ border-collapse: collapse; }} td, th {{ border: 1px solid #cbd2d9; padding: .3rem .7rem; }}
td:first-child, td:last-child {{ white-space: nowrap; }}
tr.failed td {{ background: #fdecea; }}
tr.skipped td {{ background: #f5f7fa; color: #52606d; }}</style></head><body>
<div class="smmnb-title">{_logo(branding)}<div><h1>{e(title)}</h1><p>{e(headline)}</p></div></div>
<table><thead><tr>{header_cells}</tr></thead>
{"".join(rows)}
</table>
<h2>{e(heading)}</h2>
<p>{e(run)}</p>
{"".join(provenance)}
{_footer(branding)}</body></html>
"""
