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


def _warm_worker() -> None:
    import nbconvert  # noqa: F401
    import papermill  # noqa: F401

    import smmnb.report  # noqa: F401


def bench_dask_jobs() -> dict:
    """8 jobs x 00_data_check on the sample: jobs per minute in four set-ups.

    ``--workers 1`` and ``--workers 2`` (the process pool); a standing 2-worker LocalCluster
    given by its address (``--scheduler tcp://...``, workers up and imports done, as on a
    cluster that serves every Monday's runs); ``--scheduler local --workers 2`` (a
    LocalCluster started and closed by the run: its start-up is in its time). Target: on the
    standing cluster, Dask costs at most 20% of the process pool's throughput.
    """
    import logging

    from distributed import Client, LocalCluster

    from smmnb.report import Job, run_jobs

    data = str(ROOT / "sample_data")
    jobs = [Job(f"job{i}", {"data_dir": data, "brand": "Lumi", "language": "en"})
            for i in range(JOBS)]  # fmt: skip
    tmp = Path(tempfile.mkdtemp(prefix="smmnb-bench-h3-"))
    seconds = {}

    def timed(label: str, **options) -> None:
        start = time.perf_counter()
        results = run_jobs(jobs, tmp / f"run{len(seconds)}", notebooks=["00_data_check"],
                           **options)  # fmt: skip
        seconds[label] = time.perf_counter() - start
        assert all(r.ok for r in results), [r.error for r in results if not r.ok]

    try:
        # warm the workspace cache, as a second Monday run would have it
        run_jobs(jobs[:1], tmp / "warm", notebooks=["00_data_check"], workers=1)
        timed("--workers 1", workers=1)
        timed("--workers 2", workers=2)
        with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None,
                          silence_logs=logging.ERROR) as cluster:  # fmt: skip
            with Client(cluster) as client:
                client.run(_warm_worker)
            timed("--scheduler tcp:// (standing 2-worker LocalCluster)",
                  scheduler=cluster.scheduler_address)  # fmt: skip
        timed("--scheduler local --workers 2", workers=2, scheduler="local")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    per_minute = {label: JOBS * 60 / s for label, s in seconds.items()}
    standing = per_minute["--scheduler tcp:// (standing 2-worker LocalCluster)"]
    ratio = standing / per_minute["--workers 2"]
    note = "; ".join(f"{label}: {rate:.1f} jobs/min ({seconds[label]:.1f} s)"
                     for label, rate in per_minute.items())  # fmt: skip
    return {
        "seconds": seconds["--scheduler tcp:// (standing 2-worker LocalCluster)"],
        "ratio": ratio,
        "target": ">= 0.8x the jobs per minute of --workers 2 on a standing 2-worker cluster",
        "ok": ratio >= 0.8,
        "note": f"{JOBS} jobs x 00_data_check on the sample; {note}",
        "jobs_per_minute": per_minute,
    }


if __name__ == "__main__":
    print(json.dumps(bench_dask_jobs(), indent=2))
