"""`make bench`: smmnb's speed and memory at scale, against the targets of the performance issue.

Each benchmark runs in its own Python process (so its peak memory is its own), on data built
by scaling the sample data set (``smmnb.sample.scale``, what ``smmnb sample --scale N``
writes); figures are medians of several runs, and every comparison
is a ratio measured in the same process. Prints a table and writes ``benchmarks/results.json``
with the machine's core count and memory.

Run one benchmark: ``python benchmarks/run.py --only analyze_1m``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TZ = "Asia/Ho_Chi_Minh"


def _timed(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _scaled(table: str, rows: int):
    """``rows`` rows of a sample table, from ``smmnb.sample.scale`` (what ``smmnb sample
    --scale N`` writes): the sample repeated with unique ids, cut to size."""
    import math

    from smmnb.sample import scale

    one = _tables()[table]
    return scale({table: one}, math.ceil(rows / len(one)))[table].head(rows)


def _tables():
    from smmnb.sample import generate

    return generate(7).tables


def _distinct_comments(n: int):
    """n comments, every text distinct: sample texts, each given a unique order number.

    The worst case for smmnb, which works once per distinct text (real comment streams repeat
    "ngon", "ib", "giá?" and emoji a lot; the sample data repeat even more).
    """
    import numpy as np
    import pandas as pd

    comments = _scaled("comments", n)
    comments["text"] = comments["text"] + " #" + pd.Series(np.arange(n)).astype(str)
    return comments


def bench_analyze_1m() -> dict:
    from smmnb import expectations as E

    comments = _distinct_comments(1_000_000)
    E.analyze(comments.head(1000))  # load lexicons once
    seconds = _timed(lambda: E.analyze(comments), repeat=3)
    return {
        "seconds": seconds,
        "target": "<= 30 s and <= 4 GiB",
        "ok": seconds <= 30,
        "note": "1,000,000 comments, every text distinct (worst case)",
    }


def bench_sentiment_vs_vader() -> dict:
    import pandas as pd

    from smmnb import expectations as E

    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:
        return {
            "seconds": None,
            "target": ">= 10x vaderSentiment",
            "ok": None,
            "note": "skipped: vaderSentiment is not installed (pip install 'smmnb[vader]')",
        }
    analyzer = SentimentIntensityAnalyzer()
    ratios = {}
    for n in (10_000, 100_000):
        texts = pd.Series(_distinct_comments(n)["text"])
        # steady state: a process's first call at a size also pays for the memory it touches
        # first (page faults), about 0.2 s more at 100k texts; said in the README
        first = time.perf_counter()
        E.sentiment(texts)
        first = time.perf_counter() - first
        ours = _timed(lambda: E.sentiment(texts), repeat=5)  # noqa: B023
        theirs = _timed(lambda: [analyzer.polarity_scores(t) for t in texts], repeat=3)  # noqa: B023
        ratios[n] = (ours, theirs, first)
    ours, theirs, first = ratios[100_000]
    return {
        "seconds": ours,
        "ratio": theirs / ours,
        "target": ">= 10x vaderSentiment",
        "ok": theirs / ours >= 10,
        "note": "distinct texts; "
        + ", ".join(
            f"{n:,}: smmnb {o:.3f} s (first call {f:.2f} s), vader {t:.2f} s"
            for n, (o, t, f) in ratios.items()
        ),
    }


def bench_kpis_10m() -> dict:
    from smmnb.metrics import kpis

    ads = _scaled("ads", 10_000_000)
    cols = ["spend", "impressions", "clicks", "conversions", "revenue"]
    ours = _timed(lambda: kpis(ads, by=["campaign", "platform"]), repeat=3)
    bare = _timed(
        lambda: ads.groupby(["campaign", "platform"], observed=True)[cols].sum(), repeat=3
    )
    ratio = ours / bare
    return {
        "seconds": ours,
        "ratio": ratio,
        "target": "<= 2x a bare groupby-sum",
        "ok": ratio <= 2,
        "note": f"bare groupby-sum {bare:.2f} s",
    }


def bench_creative_tests_1k() -> dict:
    import numpy as np

    from smmnb.campaigns import creative_tests

    ads = _scaled("ads", 100_000)  # 1,000 ads x 100 days, all in one campaign
    ads["campaign"] = "One campaign"
    ads["ad"] = "ad " + (np.arange(len(ads)) % 1_000).astype(str)
    creative_tests(ads.head(1_000))  # imports (scipy) paid once
    seconds = _timed(lambda: creative_tests(ads), repeat=3)
    return {
        "seconds": seconds,
        "target": "<= 1 s",
        "ok": seconds <= 1,
        "note": "1,000 ads in one campaign (100,000 ad-days), each against the rest",
    }


def bench_trends_5m() -> dict:
    from smmnb import trends as T

    mentions = _scaled("mentions", 5_000_000)
    out = {}
    out["spikes"] = _timed(lambda: T.spikes(mentions, by="brand", tz=TZ), repeat=3)
    out["share_of_voice"] = _timed(lambda: T.share_of_voice(mentions, tz=TZ), repeat=3)
    out["emerging"] = _timed(lambda: T.emerging(mentions, as_of="2026-10-31", tz=TZ), repeat=1)
    worst = max(out.values())
    return {
        "seconds": worst,
        "target": "each <= 20 s",
        "ok": worst <= 20,
        "note": ", ".join(f"{k} {v:.1f} s" for k, v in out.items()),
    }


def _papermill(path: Path, workdir: Path, out: Path) -> float:
    import papermill as pm

    start = time.perf_counter()
    pm.execute_notebook(
        str(path),
        str(out),
        kernel_name="python3",
        cwd=str(workdir),
        progress_bar=False,
        log_output=False,
    )
    return time.perf_counter() - start


def floor_seconds(tmp: Path) -> float:
    """Median seconds of the imports-only notebook in a fresh kernel: the floor of a notebook."""
    import nbformat

    from smmnb.report import NOTEBOOK_DIR

    floor = nbformat.v4.new_notebook()
    floor.cells = [
        nbformat.v4.new_code_cell(
            "import matplotlib.pyplot as plt\nimport pandas as pd\nimport seaborn as sns\n"
            "import smmnb as smm"
        )
    ]
    path = tmp / "floor.ipynb"
    nbformat.write(floor, path)
    return statistics.median(_papermill(path, NOTEBOOK_DIR, tmp / "f.ipynb") for _ in range(3))


def bench_notebooks() -> dict:

    from smmnb.report import NOTEBOOK_DIR, _use_this_environments_kernel, notebook_names

    _use_this_environments_kernel()
    tmp = Path(tempfile.mkdtemp(prefix="smmnb-bench-"))
    base = floor_seconds(tmp)
    # A report runs several notebooks on one folder: the first loads and validates the files
    # and leaves the workspace in smmnb's cache, the others read it from there. Both cases:
    os.environ["SMMNB_CACHE"] = str(tmp / "cache")  # the kernels inherit the environment
    warm, cold = {}, {}
    for name in notebook_names():
        path, out = NOTEBOOK_DIR / f"{name}.ipynb", tmp / f"{name}.ipynb"
        _papermill(path, NOTEBOOK_DIR, out)  # fills the cache
        warm[name] = statistics.median(_papermill(path, NOTEBOOK_DIR, out) for _ in range(3)) / base
    os.environ["SMMNB_CACHE"] = "off"
    for name in notebook_names():
        path, out = NOTEBOOK_DIR / f"{name}.ipynb", tmp / f"{name}.ipynb"
        cold[name] = _papermill(path, NOTEBOOK_DIR, out) / base
    shutil.rmtree(tmp, ignore_errors=True)
    worst = max(warm, key=warm.get)
    return {
        "seconds": base,
        "ratio": warm[worst],
        "target": "each <= 1.5x the floor notebook",
        "ok": warm[worst] <= 1.5,
        "note": f"floor {base:.1f} s; cached workspace: "
        + ", ".join(f"{k[:2]} {v:.1f}x" for k, v in warm.items())
        + "; files read afresh: "
        + ", ".join(f"{k[:2]} {v:.1f}x" for k, v in cold.items()),
    }


def bench_report_workers() -> dict:
    from smmnb.report import Job, run_jobs

    data = str(ROOT / "sample_data")
    jobs = [Job(f"job{i}", {"data_dir": data, "brand": "Lumi"}) for i in range(8)]
    tmp = Path(tempfile.mkdtemp(prefix="smmnb-bench-"))
    times = {}
    for workers in (1, 2):
        start = time.perf_counter()
        results = run_jobs(jobs, tmp / f"w{workers}", notebooks=["00_data_check"], workers=workers)
        times[workers] = time.perf_counter() - start
        assert all(r.ok for r in results)
    shutil.rmtree(tmp, ignore_errors=True)
    ratio = times[1] / times[2]
    return {
        "seconds": times[2],
        "ratio": ratio,
        "target": ">= 1.6x faster with --workers 2",
        "ok": ratio >= 1.6,
        "note": f"8 jobs x 00_data_check; 1 worker {times[1]:.1f} s, 2 workers {times[2]:.1f} s",
    }


def bench_import() -> dict:
    def run(code: str) -> float:
        times = []
        for _ in range(5):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True)
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    pandas = run("import pandas")
    both = run("import pandas, smmnb")
    extra = both - pandas
    return {
        "seconds": extra,
        "target": "<= 0.5 s beyond import pandas",
        "ok": extra <= 0.5,
        "note": f"import pandas {pandas:.2f} s, + smmnb {both:.2f} s",
    }


def bench_explorer() -> dict:
    """Each control of the explorer on the sample: seconds from a changed value to the page."""
    import smmnb as smm
    from smmnb.explorer import Explorer

    ws = smm.load_workspace(ROOT / "sample_data")
    start = time.perf_counter()
    ex = Explorer(ws, brand="Lumi", start="2026-08-03", end="2026-10-31")
    opened = time.perf_counter() - start

    def each(name, actions):
        times = []
        for value in actions:
            begin = time.perf_counter()
            value()
            times.append(time.perf_counter() - begin)
        return name, statistics.median(times)

    def set_(control, *values):
        return [lambda c=control, v=v: setattr(c, "value", v) for v in values]

    steps = dict([
        each("search", set_(ex.search, "giao hang cham", "het hang", "ship", "")),
        each("platform", set_(ex.platform, "tiktok", "facebook", "")),
        each("brand", set_(ex.brand, "", "Lumi", "", "Lumi")),
        each("sentiment", set_(ex.sentiment, "negative", "positive", "")),
        each("theme", set_(ex.theme, "delivery", "price_promo", "")),
        each("page", [ex.next_page.click, ex.next_page.click, ex.prev_page.click]),
        each("metric", set_(ex.metric, *[code for _label, code in ex.metric.options])),
        each("by day/week", set_(ex.by, "day", "week", "day", "week")),
        each("split", set_(ex.split, "brand", "total", "platform")),
        each("posts order", set_(ex.post_sort, "value", "engagements", "newest", "ratio")),
    ])  # fmt: skip
    # a click lists the comments behind a week of negative share, each with why it scored so
    ex.metric.value = "negative_share"
    points = ex.series.dropna(subset=["value"]).sort_values("denominator").tail(5)
    steps.update(
        [
            each(
                "click a point",
                [lambda p=p: ex.show_behind(p.period, p.group) for p in points.itertuples()],
            )
        ]
    )
    worst = max(steps, key=steps.get)
    return {
        "seconds": steps[worst],
        "ratio": None,
        "target": "each control <= 0.5 s on the sample (median)",
        "ok": steps[worst] <= 0.5,
        "note": f"opening {opened:.1f} s; "
        + ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in steps.items()),
    }


def _issue19(name: str):
    """A benchmark of issue #19 from its own file (bench_h1: cold loads, bench_h2: warm kernels,
    bench_h3: Dask), imported when run."""

    def run() -> dict:
        import importlib

        sys.path.insert(0, str(Path(__file__).resolve().parent))
        module, function = name.split(".")
        return getattr(importlib.import_module(module), function)()

    return run


BENCHES = {
    "import": bench_import,
    "kpis_10m": bench_kpis_10m,
    "creative_tests_1k": bench_creative_tests_1k,
    "trends_5m": bench_trends_5m,
    "analyze_1m": bench_analyze_1m,
    "sentiment_vs_vader": bench_sentiment_vs_vader,
    "report_workers": bench_report_workers,
    "notebooks": bench_notebooks,
    "explorer": bench_explorer,
    "cold_csv": _issue19("bench_h1.bench_cold_csv"),
    "cold_parquet": _issue19("bench_h1.bench_cold_parquet"),
    "warm_kernels": _issue19("bench_h2.bench_warm_kernels"),
    "dask_jobs": _issue19("bench_h3.bench_dask_jobs"),
}


def _one(name: str) -> None:
    warnings.simplefilter("ignore")
    result = BENCHES[name]()
    result["peak_rss_gib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    if name == "analyze_1m":
        result["ok"] = bool(result["ok"] and result["peak_rss_gib"] <= 4)
    print(json.dumps(result))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", choices=list(BENCHES))
    parser.add_argument("--one", choices=list(BENCHES), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        _one(args.one)
        return
    names = args.only or list(BENCHES)
    results = {}
    print(f"{'benchmark':<20} {'seconds':>8} {'ratio':>7} {'peak GiB':>9} {'ok':>5}  target; note")
    for name in names:
        proc = subprocess.run(
            [sys.executable, __file__, "--one", name], capture_output=True, text=True, cwd=ROOT
        )
        if proc.returncode != 0:
            results[name] = {"error": proc.stderr.strip().splitlines()[-1:]}
            print(f"{name:<20} FAILED {results[name]['error']}")
            continue
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        results[name] = r
        fmt = lambda v, spec: format(v, spec) if isinstance(v, (int, float)) else "-"  # noqa: E731
        ok = {True: "yes", False: "NO", None: "-"}[r.get("ok")]
        print(
            f"{name:<20} {fmt(r.get('seconds'), '8.2f')} {fmt(r.get('ratio'), '7.2f')} "
            f"{r['peak_rss_gib']:9.2f} {ok:>5}  {r['target']}; {r.get('note', '')}"
        )
    machine = {
        "cores": os.cpu_count(),
        "memory_gib": os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30,
        "python": platform.python_version(),
        "platform": platform.platform(),
    }
    out = ROOT / "benchmarks" / "results.json"
    if args.only and out.exists():  # one benchmark again: keep the others' last results
        results = {**json.loads(out.read_text()).get("results", {}), **results}
    out.write_text(json.dumps({"machine": machine, "results": results}, indent=2) + "\n")
    print(f"machine: {machine['cores']} cores, {machine['memory_gib']:.0f} GiB; wrote {out}")


if __name__ == "__main__":
    main()
