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
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import os
import re
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from smmnb.errors import ReportError

__all__ = [
    "NOTEBOOK_DIR",
    "adhoc_job",
    "Job",
    "TaskResult",
    "load_config",
    "notebook_names",
    "notebook_parameters",
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


@dataclass(frozen=True)
class Job:
    """One report job: a name (its output folder) and the notebooks' parameters."""

    name: str
    parameters: dict


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
        report too); None when it failed.
    error : str
        When it failed, the exception name and message; when skipped, the sentence saying why.
    failed_cell : int or None
        Execution count of the failing cell.
    """

    job: str
    notebook: str
    status: str
    seconds: float
    html: str | None = None
    error: str = ""
    failed_cell: int | None = None

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
    """Names (without ``.ipynb``) of the numbered notebooks in a folder, in order."""
    return sorted(p.stem for p in Path(notebook_dir).glob("[0-9][0-9]_*.ipynb"))


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


def _validate_jobs(
    jobs: Sequence[Job],
    notebooks: Sequence[str],
    notebook_dir: Path,
    base: Path,
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
        for key, value in job.parameters.items():
            if key not in declared:
                raise ReportError(
                    f"job {job.name!r}: unknown parameter {key!r}; the notebooks take "
                    + ", ".join(sorted(declared))
                )
            value = _coerce(job.name, key, value, declared[key])
            if key in _PATH_PARAMETERS:
                value = str((base / value).resolve())
                if not Path(value).is_dir():
                    raise ReportError(f"job {job.name!r}: {key} folder not found: {value}")
            elif (key in _FILE_PARAMETERS or (key == "themes" and str(value).endswith(
                (".yml", ".yaml")))) and str(value).strip():  # fmt: skip
                value = str((base / value).resolve())
                if not Path(value).is_file():
                    raise ReportError(f"job {job.name!r}: {key} file not found: {value}")
            params[key] = value
        out.append(Job(job.name, params))
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
    default all) and ``jobs`` (each a ``name`` plus parameters that override the defaults).
    Relative paths resolve from the file's folder. Parameters are the notebooks' own
    (``data_dir``, ``brand``, ``start``, ``end``, ``platforms``, ``timezone``, ``currency``
    and each notebook's others); ``brand``, ``timezone`` and ``currency`` left out or empty
    mean the data folder's (``smmnb.yml``). ``notebooks``, when given, replaces the file's;
    ``overrides`` (parameters, such as a time zone given on the command line) win over every
    job's.

    Returns
    -------
    tuple
        The jobs (parameters typed and paths absolute) and the notebook names.

    Raises
    ------
    ReportError
        Before anything runs, naming the job and the key: unknown notebook or parameter,
        duplicate job name, a date that is not ISO, a missing data folder.
    """
    import yaml

    path = Path(path)
    try:
        config = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ReportError(f"cannot read {path}: {exc}") from None
    if not isinstance(config, dict):
        raise ReportError(f"{path}: expected a mapping with defaults, notebooks and jobs")
    extra = set(config) - {"defaults", "notebooks", "jobs"}
    if extra:
        raise ReportError(f"{path}: unknown key(s) {', '.join(sorted(extra))}")
    defaults = config.get("defaults") or {}
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
        jobs.append(Job(str(entry["name"]), params))
    return _validate_jobs(jobs, list(notebooks), Path(notebook_dir), path.parent), list(notebooks)


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


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def data_files(data_dir: str | os.PathLike) -> list[tuple[str, str]]:
    """(relative path, SHA-256) of every data file under a data folder, in path order."""
    root = Path(data_dir)
    suffixes = {".csv", ".parquet", ".xlsx", ".xls", ".jsonl", ".tsv", ".txt"}
    return [
        (p.relative_to(root).as_posix(), _sha256(p))
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.suffix.lower() in suffixes
    ]


_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2933; }
.smmnb-title { margin: 1.5rem 0 0.5rem; padding-bottom: .5rem; border-bottom: 3px solid #1565c0; }
.smmnb-title h1 { margin: 0; font-size: 1.8rem; }
.smmnb-title p { margin: .2rem 0 0; color: #52606d; }
.jp-RenderedHTMLCommon table { font-size: 0.85rem; border-collapse: collapse; }
.jp-RenderedHTMLCommon th { background: #eef2f7; }
.jp-RenderedHTMLCommon td, .jp-RenderedHTMLCommon th { padding: .25rem .6rem; }
.smmnb-skipped { margin: 1rem 0; padding: .6rem .9rem; background: #f5f7fa;
  border-left: 4px solid #9aa5b1; }
.smmnb-provenance { font-size: .8rem; color: #52606d; border-top: 1px solid #cbd2d9;
  margin-top: 2rem; padding-top: .5rem; }
"""


def _provenance_markdown(parameters: dict, files: list[tuple[str, str]], when: str) -> str:
    from smmnb import __version__

    e = html.escape
    lines = [
        '<div class="smmnb-provenance">',
        f"<b>Provenance.</b> smmnb {e(__version__)}, run {e(when)} (run time).<br>",
        "Parameters: "
        + ", ".join(
            f"{e(k)} = <code>{e(json.dumps(v, ensure_ascii=False))}</code>"
            for k, v in parameters.items()
        )  # fmt: skip
        + "<br>",
        "Data files: "
        + ", ".join(f"<code>{e(name)}</code> ({digest[:12]})" for name, digest in files),
        "</div>",
    ]
    return "\n".join(lines)


_ERROR_MARKER_TAG = "papermill-error-cell-tag"  # papermill's "An Exception was encountered" cells


def _to_html(notebook_path: Path, title: str, subtitle: str, note: str = "") -> str:
    """The executed notebook as HTML without code.

    ``note`` is a skipped notebook's sentence: it goes under the title, and the notebook's
    error output and papermill's error markers are left out (the sentences, not a traceback).
    """
    import nbformat
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

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
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
    header = (
        f'<style>{_CSS}</style><div class="smmnb-title"><h1>{html.escape(title)}</h1>'
        f"<p>{html.escape(subtitle)}</p></div>"
    )
    if note:
        header += (
            '<div class="smmnb-skipped"><b>Nothing to show on this data.</b> '
            f"{html.escape(note)}</div>"
        )
    return re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + header, body, count=1)


def _notebook_title(notebook_path: Path) -> str:
    import nbformat

    nb = nbformat.read(notebook_path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = re.search(r"^#\s+(.+)$", cell.source, flags=re.MULTILINE)
            if m:
                return m.group(1).strip()
    return notebook_path.stem


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
    only those of the job are passed, so papermill never warns of an unknown parameter.
    """
    import nbformat
    import papermill as pm

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
    params = {k: v for k, v in job.parameters.items() if k in declared}
    engine = {}
    config = _kernel_config()
    if config is not None:
        engine["config"] = config
    skipped = ""
    try:
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
            skipped = value or "The data hold nothing this notebook can show."
        else:
            if tmp.exists():
                os.replace(tmp, failed)
            return TaskResult(job.name, notebook, "failed", time.perf_counter() - began, None,
                              f"{name}: {value}", cell)  # fmt: skip
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    nb = nbformat.read(tmp, as_version=4)
    nb.cells.append(nbformat.v4.new_markdown_cell(_provenance_markdown(params, files, when)))
    nbformat.write(nb, tmp)
    executed = folder / f"{notebook}.ipynb"
    os.replace(tmp, executed)
    period = f"{params.get('start') or '90 days'} to {params.get('end') or 'latest data'}"
    brand = params.get("brand") or _owner(params.get("data_dir"))
    title = f"{brand} · {_notebook_title(source)}".strip(" ·")
    page = folder / f"{notebook}.html"
    try:
        _write_atomic(page, _to_html(executed, title, f"{job.name}: {period}", skipped))
    except Exception as exc:  # a report that cannot be written is a failure, not a crash
        return TaskResult(job.name, notebook, "failed", time.perf_counter() - began, None,
                          f"HTML report: {type(exc).__name__}: {exc}")  # fmt: skip
    if failed.exists():
        failed.unlink()
    return TaskResult(job.name, notebook, "skipped" if skipped else "ok",
                      time.perf_counter() - began, f"{job.name}/{notebook}.html",
                      skipped)  # fmt: skip


def run_jobs(
    jobs: Sequence[Job],
    out: str | os.PathLike,
    *,
    notebooks: Sequence[str] | None = None,
    workers: int | None = None,
    notebook_dir: str | os.PathLike = NOTEBOOK_DIR,
    timeout: int = 600,
    on_result: Callable[[TaskResult], None] | None = None,
) -> list[TaskResult]:
    """Run every job x notebook and write the reports and ``index.html``.

    Parameters
    ----------
    jobs : sequence of Job
        Checked jobs (see :func:`load_config`).
    out : str or path-like
        Output folder: ``<job>/<notebook>.ipynb`` and ``.html``, and ``index.html``.
    notebooks : sequence of str, optional
        Notebook names; default all.
    workers : int, optional
        Parallel processes; default the number of cores.
    notebook_dir : str or path-like
        Where the notebooks are; they run with it as working directory.
    timeout : int
        Seconds a cell may run.
    on_result : callable, optional
        Called with each :class:`TaskResult` as it finishes (progress display).

    Returns
    -------
    list of TaskResult
        In job x notebook order; failures do not stop the others. A notebook with nothing
        to show on the job's data is ``"skipped"`` (its partial report is written).
    """
    notebook_dir = Path(notebook_dir).resolve()
    names = list(notebooks or notebook_names(notebook_dir))
    workers = workers or os.cpu_count() or 1
    if workers < 1:
        raise ReportError(f"workers must be >= 1, got {workers}")
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    _use_this_environments_kernel()
    tasks = [(job, name) for job in jobs for name in names]
    # Each notebook's parameters, read once: a notebook gets only the job's keys it declares.
    declared = {name: _declared(notebook_dir / f"{name}.ipynb") for name in names}
    # Hash each job's data files once: every report and the index show the same provenance.
    files = {
        job.name: data_files(job.parameters["data_dir"]) if "data_dir" in job.parameters else []
        for job in jobs
    }
    results: dict[tuple[str, str], TaskResult] = {}
    started = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    if workers == 1:
        for job, name in tasks:
            result = _run_task(job, name, str(out_dir), str(notebook_dir), timeout,
                               files[job.name], declared[name])  # fmt: skip
            results[(job.name, name)] = result
            if on_result:
                on_result(result)
    else:
        where = (str(out_dir), str(notebook_dir), timeout)
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = {
                pool.submit(_run_task, job, name, *where, files[job.name], declared[name]): (
                    job.name,
                    name,
                )
                for job, name in tasks
            }
            for future in as_completed(futures):
                key = futures[future]
                try:
                    result = future.result()
                except Exception as exc:  # a worker that died
                    result = TaskResult(key[0], key[1], "failed", 0.0, None, repr(exc))
                results[key] = result
                if on_result:
                    on_result(result)
    ordered = [results[(job.name, name)] for job, name in tasks]
    _write_atomic(out_dir / "index.html", _index(ordered, jobs, started, files))
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
    notebooks: list[str] | None = None,
    extra: dict | None = None,
    notebook_dir: str | os.PathLike = NOTEBOOK_DIR,
) -> tuple[list[Job], list[str]]:
    """One checked job and the notebook names to run.

    Only the parameters given (not empty) are passed; the notebooks' defaults do the rest:
    ``brand``, ``timezone`` and ``currency`` empty mean the folder's (``smmnb.yml``: its
    owner, zone and currency), the period the last 90 days of data, every platform. The job
    is named after the brand, else the folder's owner, else the folder.
    Paths are relative to the current directory, as on the command line.
    """
    given = {"brand": brand, "start": start, "end": end, "platforms": list(platforms or []),
             "timezone": timezone, "currency": currency}  # fmt: skip
    params = {"data_dir": str(data_dir), **{k: v for k, v in given.items() if v}}
    params.update(extra or {})
    label = params.get("brand") or _owner(data_dir) or Path(data_dir).resolve().name
    name = re.sub(r"[^\w.-]+", "_", str(label)).strip("_") or "report"
    names = list(notebooks or notebook_names(notebook_dir))
    return _validate_jobs([Job(name, params)], names, Path(notebook_dir), Path.cwd()), names


def summary(results: Sequence[TaskResult]) -> str:
    """``5 of 6 reports written (1 skipped: nothing to show on this data), 1 failed``."""
    failed = sum(r.status == "failed" for r in results)
    skipped = sum(r.status == "skipped" for r in results)
    text = f"{len(results) - failed} of {len(results)} reports written"
    if skipped:
        text += f" ({skipped} skipped: nothing to show on this data)"
    return text + (f", {failed} failed" if failed else "")


def _index(
    results: list[TaskResult],
    jobs: Sequence[Job],
    started: str,
    files: dict[str, list[tuple[str, str]]],
) -> str:
    from smmnb import __version__

    e = html.escape
    rows = []
    order = {status: i for i, status in enumerate(STATUSES)}
    for r in sorted(results, key=lambda r: (order[r.status], r.job, r.notebook)):
        if r.status == "failed":
            status = "FAILED"
            link = (
                e(r.notebook)
                + f"<br><small>{e(r.error)}"
                + (f" (cell {r.failed_cell})" if r.failed_cell else "")
                + f"; partial notebook: {e(r.job)}/{e(r.notebook)}.failed.ipynb</small>"
            )
        else:
            status = r.status
            link = f'<a href="{e(r.html)}">{e(r.notebook)}</a>' if r.html else e(r.notebook)
            if r.status == "skipped":
                link += f"<br><small>nothing to show on this data: {e(r.error)}</small>"
        rows.append(
            f'<tr class="{r.status}"><td>{e(r.job)}</td><td>{link}</td>'
            f"<td>{status}</td><td>{r.seconds:.1f} s</td></tr>"
        )
    provenance = []
    for job in jobs:
        params = ", ".join(
            f"{e(k)} = <code>{e(json.dumps(v, ensure_ascii=False))}</code>"
            for k, v in job.parameters.items()
        )
        listed = "".join(
            f"<li><code>{e(name)}</code> <small>sha256 {digest}</small></li>"
            for name, digest in files[job.name]
        )
        provenance.append(f"<h3>{e(job.name)}</h3><p>{params}</p><ul>{listed}</ul>")
    headline = summary(results)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>smmnb reports</title>
<style>{_CSS}
table {{ border-collapse: collapse; }} td, th {{ border: 1px solid #cbd2d9; padding: .3rem .7rem; }}
tr.failed td {{ background: #fdecea; }}
tr.skipped td {{ background: #f5f7fa; color: #52606d; }}</style></head><body>
<div class="smmnb-title"><h1>smmnb reports</h1><p>{e(headline)}</p></div>
<table><tr><th>job</th><th>report</th><th>status</th><th>time</th></tr>
{"".join(rows)}
</table>
<h2>Provenance</h2>
<p>smmnb {e(__version__)}; run started {e(started)} (run time).</p>
{"".join(provenance)}
</body></html>
"""
