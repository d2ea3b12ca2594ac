"""Issue #19 item 3: jobs per minute with 1 and 2 local workers and a 2-worker LocalCluster.

Run alone: ``.venv/bin/python benchmarks/bench_h3.py``. ``bench_dask_jobs`` returns the dict
shape of ``benchmarks/run.py``'s benches (seconds, ratio, target, ok, note).
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JOBS = 8


def bench_dask_jobs() -> dict:
    """8 jobs x 00_data_check on the sample: --workers 1, --workers 2, --scheduler local (2).

    The LocalCluster's time includes starting and closing it, as ``smmnb report --scheduler
    local`` does. Target: Dask's dispatch costs at most 20% of the process pool's throughput.
    """
    from smmnb.report import Job, run_jobs

    data = str(ROOT / "sample_data")
    jobs = [Job(f"job{i}", {"data_dir": data, "brand": "Lumi", "language": "en"})
            for i in range(JOBS)]  # fmt: skip
    tmp = Path(tempfile.mkdtemp(prefix="smmnb-bench-h3-"))
    runs = {"--workers 1": {"workers": 1}, "--workers 2": {"workers": 2},
            "--scheduler local --workers 2": {"workers": 2, "scheduler": "local"}}  # fmt: skip
    try:
        # warm the workspace cache and the imports, as a second Monday run would have them
        run_jobs(jobs[:1], tmp / "warm", notebooks=["00_data_check"], workers=1)
        seconds = {}
        for i, (label, options) in enumerate(runs.items()):
            start = time.perf_counter()
            results = run_jobs(jobs, tmp / f"run{i}", notebooks=["00_data_check"], **options)
            seconds[label] = time.perf_counter() - start
            assert all(r.ok for r in results), [r.error for r in results if not r.ok]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    per_minute = {label: JOBS * 60 / s for label, s in seconds.items()}
    cluster = per_minute["--scheduler local --workers 2"]
    pool = per_minute["--workers 2"]
    ratio = cluster / pool
    note = "; ".join(
        f"{label}: {per_minute[label]:.1f} jobs/min ({seconds[label]:.1f} s)" for label in runs
    )
    return {
        "seconds": seconds["--scheduler local --workers 2"],
        "ratio": ratio,
        "target": ">= 0.8x the jobs per minute of --workers 2 (Dask overhead <= 20%)",
        "ok": ratio >= 0.8,
        "note": f"{JOBS} jobs x 00_data_check on the sample; {note}",
        "jobs_per_minute": per_minute,
    }


if __name__ == "__main__":
    print(json.dumps(bench_dask_jobs(), indent=2))
