"""Warm kernels (issue #19, item 2): mean seconds per notebook in a 12-notebook report.

Twelve notebooks: the six report notebooks of the sample, for two jobs, run by
:func:`smmnb.report.run_jobs` with its default workers, against the imports-only notebook
(pandas, matplotlib, seaborn and smmnb imported in a fresh kernel, as ``bench_notebooks``
measures it). The workspace cache is filled first, so both modes read it. Target: the mean
wall time per notebook at most the imports-only notebook's time.

Run alone: ``python benchmarks/bench_h2.py [--fresh]`` (``--fresh`` also times a fresh kernel
per notebook, the "before").
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import floor_seconds  # noqa: E402 - the imports-only notebook, as make bench times it

__all__ = ["bench_warm_kernels"]


def _twelve(tmp: Path, out: str, fresh_kernels: bool) -> float:
    """Mean wall seconds per notebook of a report of 6 notebooks x 2 jobs."""
    from smmnb.report import Job, notebook_names, run_jobs

    data = str(ROOT / "sample_data")
    jobs = [Job(name, {"data_dir": data, "brand": "Lumi"}) for name in ("a", "b")]
    names = notebook_names()[:6]
    before = os.environ.pop("SMMNB_FRESH_KERNELS", None)
    if fresh_kernels:
        os.environ["SMMNB_FRESH_KERNELS"] = "1"  # the workers inherit the environment
    try:
        start = time.perf_counter()
        results = run_jobs(jobs, tmp / out, notebooks=names)
        seconds = time.perf_counter() - start
    finally:
        os.environ.pop("SMMNB_FRESH_KERNELS", None)
        if before is not None:
            os.environ["SMMNB_FRESH_KERNELS"] = before
    failed = [f"{r.job}/{r.notebook}: {r.error}" for r in results if not r.ok]
    if failed:
        raise RuntimeError("; ".join(failed))
    return seconds / len(results)


def bench_warm_kernels(fresh: bool = False) -> dict:
    """Mean seconds per notebook of a 12-notebook report vs the imports-only notebook.

    With ``fresh``, also the same report with a fresh kernel per notebook (in the note).
    """
    from smmnb.report import _use_this_environments_kernel

    _use_this_environments_kernel()
    tmp = Path(tempfile.mkdtemp(prefix="smmnb-bench-h2-"))
    cache = os.environ.get("SMMNB_CACHE")
    os.environ["SMMNB_CACHE"] = str(tmp / "cache")  # the kernels inherit the environment
    try:
        base = floor_seconds(tmp)
        _twelve(tmp, "fill", fresh_kernels=False)  # fills the workspace cache
        warm = _twelve(tmp, "warm", fresh_kernels=False)
        before = _twelve(tmp, "fresh", fresh_kernels=True) if fresh else None
    finally:
        if cache is None:
            os.environ.pop("SMMNB_CACHE", None)
        else:
            os.environ["SMMNB_CACHE"] = cache
        shutil.rmtree(tmp, ignore_errors=True)
    note = f"imports-only notebook {base:.2f} s; warm kernels {warm:.2f} s a notebook"
    if before is not None:
        note += f"; a fresh kernel per notebook {before:.2f} s ({before / base:.2f}x)"
    return {
        "seconds": warm,
        "ratio": warm / base,
        "target": "mean per notebook <= the imports-only notebook",
        "ok": warm <= base,
        "note": f"{note}; {os.cpu_count()} cores",
    }


if __name__ == "__main__":
    import warnings

    warnings.simplefilter("ignore")
    print(json.dumps(bench_warm_kernels(fresh="--fresh" in sys.argv[1:])))
