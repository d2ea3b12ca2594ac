"""Run the notebooks headless and write HTML reports without code.

This is the first, serial version of the batch runner: it executes every notebook in
``notebooks/`` with papermill for one brand and period, converts each to HTML without input
cells, and writes an index page. Files are written to a temporary name and renamed, so an
interrupted run never leaves a half-written report behind.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from smmnb.errors import ReportError

__all__ = ["NOTEBOOK_DIR", "JobResult", "notebook_names", "run_report"]

NOTEBOOK_DIR = Path(__file__).resolve().parent.parent / "notebooks"
"""The notebooks shipped with smmnb (a source checkout's ``notebooks/`` folder)."""


@dataclass(frozen=True)
class JobResult:
    """Outcome of one notebook run.

    Parameters
    ----------
    notebook : str
        Notebook name without suffix.
    ok : bool
        Whether it ran to the end.
    seconds : float
        Wall time of the run.
    html : Path or None
        The HTML report, when it was written.
    error : str
        The error, when it failed.
    """

    notebook: str
    ok: bool
    seconds: float
    html: Path | None
    error: str = ""


def notebook_names(notebook_dir: Path = NOTEBOOK_DIR) -> list[str]:
    """Names of the notebooks in a folder, in order."""
    return sorted(p.stem for p in Path(notebook_dir).glob("[0-9][0-9]_*.ipynb"))


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


def _to_html(notebook_path: Path) -> str:
    import nbformat
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    nb = nbformat.read(notebook_path, as_version=4)
    exporter = HTMLExporter(
        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True
    )
    remove = TagRemovePreprocessor(
        remove_cell_tags={"injected-parameters", "parameters"}, enabled=True
    )
    exporter.register_preprocessor(remove, enabled=True)
    body, _ = exporter.from_notebook_node(nb)
    return body


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_report(
    data_dir: str | os.PathLike,
    out: str | os.PathLike,
    *,
    brand: str = "Lumi",
    start: str = "",
    end: str = "",
    platforms: list[str] | None = None,
    notebooks: list[str] | None = None,
    notebook_dir: str | os.PathLike = NOTEBOOK_DIR,
    timeout: int = 600,
) -> list[JobResult]:
    """Execute notebooks for one brand and period and write HTML reports and an index.

    Parameters
    ----------
    data_dir : str or path-like
        Folder with the canonical tables; passed to the notebooks as an absolute path.
    out : str or path-like
        Output folder; each notebook gives ``<name>.ipynb`` and ``<name>.html``, plus
        ``index.html``.
    brand, start, end, platforms
        The notebooks' common parameters (see the design notes).
    notebooks : list of str, optional
        Notebook names to run; default all.
    notebook_dir : str or path-like
        Where the notebooks are; they run with it as working directory.
    timeout : int
        Seconds a cell may run.

    Returns
    -------
    list of JobResult
        One per notebook; a failing notebook does not stop the others.
    """
    import papermill as pm

    _use_this_environments_kernel()
    notebook_dir = Path(notebook_dir).resolve()
    available = notebook_names(notebook_dir)
    wanted = notebooks or available
    unknown = sorted(set(wanted) - set(available))
    if unknown:
        raise ReportError(f"unknown notebook(s) {', '.join(unknown)}; have {', '.join(available)}")
    data_path = Path(data_dir).resolve()
    if not data_path.is_dir():
        raise ReportError(f"data folder not found: {data_path}")
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    parameters = {
        "data_dir": str(data_path),
        "brand": brand,
        "start": start,
        "end": end,
        "platforms": list(platforms or []),
    }
    results = []
    for name in wanted:
        began = time.perf_counter()
        executed = out_dir / f"{name}.ipynb"
        tmp = out_dir / f".{name}.tmp.ipynb"
        try:
            pm.execute_notebook(
                str(notebook_dir / f"{name}.ipynb"),
                str(tmp),
                parameters=parameters,
                kernel_name="python3",
                cwd=str(notebook_dir),
                execution_timeout=timeout,
                progress_bar=False,
            )
            os.replace(tmp, executed)
            html_path = out_dir / f"{name}.html"
            _write_atomic(html_path, _to_html(executed))
            results.append(JobResult(name, True, time.perf_counter() - began, html_path))
        except Exception as exc:  # papermill raises PapermillExecutionError and kernel errors
            if tmp.exists():
                os.replace(tmp, out_dir / f"{name}.failed.ipynb")
            first = str(exc).strip().splitlines()
            results.append(
                JobResult(
                    name, False, time.perf_counter() - began, None, first[-1] if first else ""
                )
            )
    _write_atomic(out_dir / "index.html", _index(results, parameters, data_path))
    return results


def _index(results: list[JobResult], parameters: dict, data_path: Path) -> str:
    from smmnb import __version__

    e = html.escape
    rows = "\n".join(
        f"<tr><td>{e(r.notebook)}</td><td>{'ok' if r.ok else 'FAILED'}</td>"
        f"<td>{r.seconds:.1f} s</td><td>"
        + (f'<a href="{e(r.html.name)}">report</a>' if r.html else e(r.error))
        + "</td></tr>"
        for r in results
    )
    files = "\n".join(
        f"<li><code>{e(p.name)}</code> sha256 <code>{_sha256(p)}</code></li>"
        for p in sorted(data_path.glob("*.*"))
        if p.is_file() and p.suffix in {".csv", ".parquet", ".xlsx", ".jsonl"}
    )
    params = "".join(f"<li>{e(k)} = <code>{e(repr(v))}</code></li>" for k, v in parameters.items())
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return f"""<!doctype html>
<html><head><meta charset="utf-8"><title>smmnb reports</title>
<style>body{{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem}}
table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:.3rem .6rem}}</style>
</head><body>
<h1>smmnb reports: {e(str(parameters["brand"]))}</h1>
<table><tr><th>notebook</th><th>status</th><th>time</th><th>report</th></tr>
{rows}
</table>
<h2>Provenance</h2>
<p>smmnb {e(__version__)}, run {when}.</p>
<h3>Parameters</h3><ul>{params}</ul>
<h3>Data files</h3><ul>{files}</ul>
</body></html>
"""
