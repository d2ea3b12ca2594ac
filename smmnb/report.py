"""Batch reports: run the notebooks headless with papermill and write HTML without code.

A report run is a list of jobs (a name and notebook parameters, such as a brand and a period)
times a list of notebooks. Each job x notebook runs with papermill (kernel ``python3`` of the
environment smmnb runs in, working directory ``notebooks/``, an execution timeout), then
nbconvert writes HTML without input cells and without the injected-parameters cell, with a
provenance section at the end. Every file is written under a temporary name and renamed, so
an interrupted run never leaves a half-written report. A failing job keeps its partly executed
notebook (``<notebook>.failed.ipynb``) and does not stop the others; ``index.html`` lists every
job x notebook with its status, duration and link, and the provenance of the run.
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
]

NOTEBOOK_DIR = Path(__file__).resolve().parent.parent / "notebooks"
"""The notebooks shipped with smmnb (a source checkout's ``notebooks/`` folder)."""

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATE_PARAMETERS = ("start", "end", "as_of")
_PATH_PARAMETERS = ("data_dir",)


@dataclass(frozen=True)
class Job:
    """One report job: a name (its output folder) and the notebooks' parameters."""

    name: str
    parameters: dict


@dataclass(frozen=True)
class TaskResult:
    """Outcome of one job x notebook.

    Attributes
    ----------
    job, notebook : str
    ok : bool
    seconds : float
    html : str or None
        Path of the HTML report, relative to the output folder.
    error : str
        The error (exception name and message) when it failed.
    failed_cell : int or None
        Execution count of the failing cell.
    """

    job: str
    notebook: str
    ok: bool
    seconds: float
    html: str | None = None
    error: str = ""
    failed_cell: int | None = None


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
            params[key] = value
        out.append(Job(job.name, params))
    return out


def load_config(
    path: str | os.PathLike, *, notebook_dir: str | os.PathLike = NOTEBOOK_DIR
) -> tuple[list[Job], list[str]]:
    """Read and check a report configuration (YAML).

    The file has ``defaults`` (notebook parameters for every job), ``notebooks`` (names;
    default all) and ``jobs`` (each a ``name`` plus parameters that override the defaults).
    Relative paths resolve from the file's folder.

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
    notebooks = config.get("notebooks") or notebook_names(notebook_dir)
    raw_jobs = config.get("jobs") or []
    if not raw_jobs:
        raise ReportError(f"{path}: no jobs")
    jobs = []
    for i, entry in enumerate(raw_jobs):
        if not isinstance(entry, dict) or "name" not in entry:
            raise ReportError(f"{path}: job {i + 1} needs a name")
        params = {**defaults, **{k: v for k, v in entry.items() if k != "name"}}
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


def _to_html(notebook_path: Path, title: str, subtitle: str) -> str:
    import nbformat
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    nb = nbformat.read(notebook_path, as_version=4)
    exporter = HTMLExporter(
        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True
    )
    exporter.register_preprocessor(
        TagRemovePreprocessor(remove_cell_tags={"injected-parameters", "parameters"}, enabled=True),
        enabled=True,
    )
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
    header = (
        f'<style>{_CSS}</style><div class="smmnb-title"><h1>{html.escape(title)}</h1>'
        f"<p>{html.escape(subtitle)}</p></div>"
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


def _run_task(
    job: Job,
    notebook: str,
    out: str,
    notebook_dir: str,
    timeout: int,
    files: list[tuple[str, str]],
) -> TaskResult:
    """Execute one job x notebook (runs in a worker process)."""
    import nbformat
    import papermill as pm

    _use_this_environments_kernel()
    os.environ.setdefault("TQDM_DISABLE", "1")
    began = time.perf_counter()
    folder = Path(out) / job.name
    folder.mkdir(parents=True, exist_ok=True)
    source = Path(notebook_dir) / f"{notebook}.ipynb"
    tmp = folder / f".{notebook}.tmp.ipynb"
    try:
        pm.execute_notebook(
            str(source),
            str(tmp),
            parameters=job.parameters,
            kernel_name="python3",
            cwd=str(notebook_dir),
            execution_timeout=timeout,
            progress_bar=False,
            log_output=False,
        )
    except Exception as exc:  # papermill raises PapermillExecutionError, kernel errors...
        failed = folder / f"{notebook}.failed.ipynb"
        if tmp.exists():
            os.replace(tmp, failed)
        cell = getattr(exc, "exec_count", None)
        name = getattr(exc, "ename", type(exc).__name__)
        value = getattr(exc, "evalue", str(exc).strip().splitlines()[-1] if str(exc) else "")
        return TaskResult(job.name, notebook, False, time.perf_counter() - began, None,
                          f"{name}: {value}", cell)  # fmt: skip
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    nb = nbformat.read(tmp, as_version=4)
    nb.cells.append(
        nbformat.v4.new_markdown_cell(_provenance_markdown(job.parameters, files, when))
    )
    nbformat.write(nb, tmp)
    executed = folder / f"{notebook}.ipynb"
    os.replace(tmp, executed)
    params = job.parameters
    period = f"{params.get('start') or '90 days'} to {params.get('end') or 'latest data'}"
    title = f"{params.get('brand', '')} · {_notebook_title(source)}".strip(" ·")
    page = folder / f"{notebook}.html"
    _write_atomic(page, _to_html(executed, title, f"{job.name}: {period}"))
    stale = folder / f"{notebook}.failed.ipynb"
    if stale.exists():
        stale.unlink()
    return TaskResult(job.name, notebook, True, time.perf_counter() - began,
                      f"{job.name}/{notebook}.html")  # fmt: skip


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
        In job x notebook order; failures do not stop the others.
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
    # Hash each job's data files once: every report and the index show the same provenance.
    files = {
        job.name: data_files(job.parameters["data_dir"]) if "data_dir" in job.parameters else []
        for job in jobs
    }
    results: dict[tuple[str, str], TaskResult] = {}
    started = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    if workers == 1:
        for job, name in tasks:
            result = _run_task(job, name, str(out_dir), str(notebook_dir), timeout, files[job.name])
            results[(job.name, name)] = result
            if on_result:
                on_result(result)
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = {
                pool.submit(
                    _run_task, job, name, str(out_dir), str(notebook_dir), timeout, files[job.name]
                ): (job.name, name)
                for job, name in tasks
            }
            for future in as_completed(futures):
                key = futures[future]
                try:
                    result = future.result()
                except Exception as exc:  # a worker that died
                    result = TaskResult(key[0], key[1], False, 0.0, None, repr(exc))
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
    brand: str = "Lumi",
    start: str = "",
    end: str = "",
    platforms: list[str] | None = None,
    notebooks: list[str] | None = None,
    extra: dict | None = None,
    workers: int | None = None,
    notebook_dir: str | os.PathLike = NOTEBOOK_DIR,
    timeout: int = 600,
    on_result: Callable[[TaskResult], None] | None = None,
) -> list[TaskResult]:
    """Ad hoc: one job for a brand and period (see :func:`run_jobs`)."""
    jobs, names = adhoc_job(
        data_dir,
        brand=brand,
        start=start,
        end=end,
        platforms=platforms,
        notebooks=notebooks,
        extra=extra,
        notebook_dir=notebook_dir,
    )
    return run_jobs(jobs, out, notebooks=names, workers=workers, notebook_dir=notebook_dir,
                    timeout=timeout, on_result=on_result)  # fmt: skip


def adhoc_job(
    data_dir: str | os.PathLike,
    *,
    brand: str = "Lumi",
    start: str = "",
    end: str = "",
    platforms: list[str] | None = None,
    notebooks: list[str] | None = None,
    extra: dict | None = None,
    notebook_dir: str | os.PathLike = NOTEBOOK_DIR,
) -> tuple[list[Job], list[str]]:
    """One checked job, named after the brand, and the notebook names to run.

    Paths are relative to the current directory, as on the command line.
    """
    params = {"data_dir": str(data_dir), "brand": brand, "start": start, "end": end,
              "platforms": list(platforms or []), **(extra or {})}  # fmt: skip
    name = re.sub(r"[^\w.-]+", "_", brand) or "report"
    names = list(notebooks or notebook_names(notebook_dir))
    return _validate_jobs([Job(name, params)], names, Path(notebook_dir), Path.cwd()), names


def _index(
    results: list[TaskResult],
    jobs: Sequence[Job],
    started: str,
    files: dict[str, list[tuple[str, str]]],
) -> str:
    from smmnb import __version__

    e = html.escape
    rows = []
    for r in sorted(results, key=lambda r: (r.ok is False, r.job, r.notebook)):
        status = "ok" if r.ok else "FAILED"
        link = (
            f'<a href="{e(r.html)}">{e(r.notebook)}</a>'
            if r.html
            else e(r.notebook)
            + f"<br><small>{e(r.error)}"
            + (f" (cell {r.failed_cell})" if r.failed_cell else "")
            + f"; partial notebook: {e(r.job)}/{e(r.notebook)}.failed.ipynb</small>"
        )
        rows.append(
            f'<tr class="{status.lower()}"><td>{e(r.job)}</td><td>{link}</td>'
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
    failed = sum(not r.ok for r in results)
    summary = f"{len(results) - failed} of {len(results)} reports written" + (
        f", {failed} failed" if failed else ""
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>smmnb reports</title>
<style>{_CSS}
table {{ border-collapse: collapse; }} td, th {{ border: 1px solid #cbd2d9; padding: .3rem .7rem; }}
tr.failed td {{ background: #fdecea; }}</style></head><body>
<div class="smmnb-title"><h1>smmnb reports</h1><p>{e(summary)}</p></div>
<table><tr><th>job</th><th>report</th><th>status</th><th>time</th></tr>
{"".join(rows)}
</table>
<h2>Provenance</h2>
<p>smmnb {e(__version__)}; run started {e(started)} (run time).</p>
{"".join(provenance)}
</body></html>
"""
