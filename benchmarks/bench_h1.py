"""Cold loads (issue #19, item 1): ``load_workspace`` against Arrow's own readers at 1M+ rows.

Data: ``smmnb sample --scale 20`` (1.07M rows: comments, mentions, posts, ads, ...), written
once as CSV and once as Parquet in a temporary folder. For each format, in this process and
with the workspace cache off: Arrow reading every table file of the folder
(``pyarrow.csv.read_csv``, ``pyarrow.parquet.read_table``), then ``load_workspace``, seven
times in turn: the ratio is the median of the seven pairs' ratios, each pair measured in the
same state of the machine (after one load to warm up). Peak memory: ``load_workspace`` runs
once more in a child process, which reports its peak resident memory above what it held before
the load (Linux ``VmHWM - VmRSS``); compared with the size of Arrow's tables.

Targets: CSV within 5x of Arrow, Parquet within 2x, peak memory under 3x the Arrow tables.

Run alone: ``python benchmarks/bench_h1.py`` (prints both results as JSON).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import _timed  # noqa: E402 - the benchmarks' one timer (median of runs)

SCALE = 20
PAIRS = 7

__all__ = ["bench_cold_csv", "bench_cold_parquet"]


def _sample(folder: Path, fmt: str) -> None:
    subprocess.run(
        [sys.executable, "-c", "from smmnb.cli import main; main()", "sample", "--scale",
         str(SCALE), "--format", fmt, "--out", str(folder)],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )  # fmt: skip


_CHILD = """
import json, os, sys, warnings
warnings.simplefilter("ignore")
from smmnb.io.tables import load_workspace

def status(field):
    for line in open("/proc/self/status"):
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024

before = status("VmRSS")
ws = load_workspace(sys.argv[1], cache=False)
print(json.dumps({"before": before, "peak": status("VmHWM"),
                  "rows": int(sum(len(t) for t in ws.tables.values()))}))
"""


def _peak_memory(folder: Path) -> dict | None:
    """Peak bytes ``load_workspace`` adds to a fresh process (None where /proc is missing)."""
    if not Path("/proc/self/status").exists():
        return None
    env = {**os.environ, "SMMNB_CACHE": "off"}
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(folder)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    found = json.loads(out.stdout.strip().splitlines()[-1])
    return {"bytes": found["peak"] - found["before"], "rows": found["rows"]}


def _bench(fmt: str, limit: float) -> dict:
    import pyarrow.csv as pa_csv
    import pyarrow.parquet as pq

    from smmnb.io.tables import load_workspace

    os.environ["SMMNB_CACHE"] = "off"
    tmp = Path(tempfile.mkdtemp(prefix=f"smmnb-bench-h1-{fmt}-"))
    try:
        folder = tmp / "data"
        _sample(folder, fmt)
        files = sorted(folder.glob(f"*.{fmt}"))
        read = pa_csv.read_csv if fmt == "csv" else pq.read_table
        tables = [read(f) for f in files]  # warm the page cache, as for every run below
        arrow_bytes = sum(t.nbytes for t in tables)
        rows = sum(t.num_rows for t in tables)
        del tables
        # Paired runs, Arrow then load_workspace, seven times: the ratio of each pair is taken
        # in the same state of the machine (a shared VM's speed drifts within seconds).
        pairs = []
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            load_workspace(folder, cache=False)  # first use: imports, first touch of memory
            for _ in range(PAIRS):
                arrow = _timed(lambda: [read(f) for f in files], repeat=1)
                ours = _timed(lambda: load_workspace(folder, cache=False), repeat=1)
                pairs.append((arrow, ours))
        memory = _peak_memory(folder)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    ratios = sorted(o / a for a, o in pairs)
    ratio = statistics.median(ratios)
    arrow = statistics.median(a for a, _ in pairs)
    ours = statistics.median(o for _, o in pairs)
    memory_ratio = memory["bytes"] / arrow_bytes if memory else None
    ok = ratio <= limit and (memory_ratio is None or memory_ratio < 3)
    reader = "pyarrow.csv.read_csv" if fmt == "csv" else "pyarrow.parquet.read_table"
    note = (
        f"{rows:,} rows in {len(files)} files ({fmt}); {reader} {arrow:.2f} s; median of "
        f"{PAIRS} paired ratios, {ratios[0]:.2f}x to {ratios[-1]:.2f}x; Arrow tables "
        f"{arrow_bytes / 2**20:,.0f} MiB"
    )
    if memory_ratio is not None:
        note += (
            f"; load_workspace's peak memory {memory['bytes'] / 2**20:,.0f} MiB = "
            f"{memory_ratio:.1f}x the Arrow tables"
        )
    return {
        "seconds": ours,
        "ratio": ratio,
        "target": f"<= {limit:g}x {reader}, peak memory < 3x Arrow's tables",
        "ok": ok,
        "note": note,
        "memory_ratio": memory_ratio,
    }


def bench_cold_csv() -> dict:
    """``load_workspace`` on 1.07M rows of CSV, cache off, against ``pyarrow.csv.read_csv``."""
    return _bench("csv", 5)


def bench_cold_parquet() -> dict:
    """``load_workspace`` on 1.07M rows of Parquet, cache off, against ``pq.read_table``."""
    return _bench("parquet", 2)


if __name__ == "__main__":
    which = sys.argv[1:] or ["csv", "parquet"]
    for name in which:
        result = bench_cold_csv() if name == "csv" else bench_cold_parquet()
        print(json.dumps({name: result}, indent=1))
