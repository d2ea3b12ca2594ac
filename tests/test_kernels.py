"""Warm kernels (smmnb.kernels): a kernel per worker, imports done once and reset before each
notebook; outputs as a fresh kernel's; a crash or a hang affects only its notebook."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import nbformat
import pytest

from smmnb import kernels
from smmnb.report import Job, notebook_names, run_jobs
from tests.notebook_files import write_notebook

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _notebook(path: Path, *cells: str) -> None:
    write_notebook(path, path.stem, 'brand: str = ""  # brand', *cells)


@pytest.fixture(autouse=True)
def _no_spare_left():
    yield
    kernels.shutdown()


@pytest.fixture
def notebooks(tmp_path):
    """20_state shows what a fresh kernel has, and leaves a mark; 21_crash kills its kernel;
    22_hang sleeps past the timeout."""
    folder = tmp_path / "notebooks"
    folder.mkdir()
    _notebook(
        folder / "20_state.ipynb",
        "import sys\nimport matplotlib as mpl\n"
        "print(sorted(k for k in globals() if not k.startswith('_')))\n"
        "print('mark' in globals(), mpl.rcParams['lines.linewidth'], mpl.get_backend())",
        "mark = 1\nmpl.rcParams['lines.linewidth'] = 9\n"
        "print(sorted(m for m in ('pandas', 'seaborn', 'smmnb') if m in sys.modules))",
    )
    _notebook(folder / "21_crash.ipynb", "import os\nos._exit(3)")
    _notebook(folder / "22_hang.ipynb", "import time\ntime.sleep(60)")
    return folder


def _texts(path: Path) -> list[tuple]:
    nb = nbformat.read(path, as_version=4)
    return [
        (c.execution_count, [o.get("text", "") for o in c.outputs])
        for c in nb.cells
        if c.cell_type == "code"
    ]


def test_each_notebook_starts_clean_and_a_crash_or_a_hang_hurts_only_itself(tmp_path, notebooks):
    names = ["20_state", "20_state", "21_crash", "20_state", "22_hang", "20_state"]
    jobs = [Job(f"j{i}", {"brand": "Lumi"}) for i in range(len(names))]
    results = []
    for job, name in zip(jobs, names, strict=True):
        results += run_jobs([job], tmp_path / "out", notebooks=[name], workers=1,
                            notebook_dir=notebooks, timeout=5)  # fmt: skip
    assert [r.status for r in results] == ["ok", "ok", "failed", "ok", "failed", "ok"]
    assert "DeadKernelError" in results[2].error
    assert "Timeout" in results[4].error or "timed out" in results[4].error
    first = _texts(tmp_path / "out" / "j0" / "20_state.ipynb")
    # A clean namespace (no mark, no warm-up helper), the default matplotlib state, the
    # imports already done, and execution counts from 1 as in a fresh kernel.
    assert "False 1.5" in first[2][1][0] and "_smmnb_warm_up" not in first[2][1][0]
    assert first[3][1] == ["['pandas', 'seaborn', 'smmnb']\n"]
    assert [count for count, _ in first] == [1, 2, 3, 4]
    # The same kernel again (reset), and new ones after a crash and after a hang: all alike.
    for job in ("j1", "j3", "j5"):
        assert _texts(tmp_path / "out" / job / "20_state.ipynb") == first


def test_fresh_kernels_on_request(tmp_path, notebooks, monkeypatch):
    monkeypatch.setenv("SMMNB_FRESH_KERNELS", "1")
    assert kernels.fresh_kernels()
    results = run_jobs([Job("j", {"brand": "Lumi"})], tmp_path / "out", notebooks=["20_state"],
                       workers=1, notebook_dir=notebooks)  # fmt: skip
    assert results[0].ok
    texts = _texts(tmp_path / "out" / "j" / "20_state.ipynb")
    assert texts[3][1] == ["[]\n"]  # only what the notebook imports itself
    assert not kernels._kernels  # no kernel kept warm
    monkeypatch.setenv("SMMNB_FRESH_KERNELS", "0")
    assert not kernels.fresh_kernels()


_RUN_TIME = re.compile(
    r"run \d{2} \w{3} \d{4} \d{2}:\d{2} UTC|\d{2}/\d{2}/\d{4} \d{2}:\d{2} UTC|"
    r"\d{1,2} thg \d{1,2}, \d{4} \d{2}:\d{2} UTC"
)


def _page(text: str) -> str:
    """A report page without the run's moment and the random id of its provenance cell."""
    return re.sub(r"cell-id=[0-9a-f-]+", "cell-id", _RUN_TIME.sub("RUN", text))


def _comparable(nb) -> list:
    """Every cell's source and outputs, without papermill's timings and the run's moment."""
    cells = []
    for cell in nb.cells:
        outputs = []
        for output in cell.get("outputs", []):
            output = {k: v for k, v in output.items() if k != "metadata"} | {
                "metadata": output.get("metadata", {})
            }
            outputs.append(output)
        cells.append((cell.cell_type, cell.get("execution_count"), cell.source, outputs))
    return cells


def test_sample_reports_are_the_same_as_with_fresh_kernels(tmp_path, sample_dir, monkeypatch):
    """Every output of every sample report, warm kernels and fresh ones, apart from run times."""
    monkeypatch.setenv("SMMNB_CACHE", str(tmp_path / "cache"))
    data = tmp_path / "data"
    shutil.copytree(sample_dir, data)
    jobs = [Job("en", {"data_dir": str(data), "brand": "Lumi", "language": "en"})]
    names = notebook_names()
    warm = run_jobs(jobs, tmp_path / "warm", notebooks=names, workers=2)
    monkeypatch.setenv("SMMNB_FRESH_KERNELS", "1")
    fresh = run_jobs(jobs, tmp_path / "fresh", notebooks=names, workers=2)
    assert [r.status for r in warm] == [r.status for r in fresh]
    assert all(r.ok for r in warm), [r.error for r in warm if not r.ok]
    for name in names:
        a = nbformat.read(tmp_path / "warm" / "en" / f"{name}.ipynb", as_version=4)
        b = nbformat.read(tmp_path / "fresh" / "en" / f"{name}.ipynb", as_version=4)
        assert len(a.cells) == len(b.cells), name
        for i, (x, y) in enumerate(zip(_comparable(a), _comparable(b), strict=True)):
            if x != y:
                x, y = _RUN_TIME.sub("RUN", str(x)), _RUN_TIME.sub("RUN", str(y))
            assert x == y, f"{name} cell {i}"
        page_a = (tmp_path / "warm" / "en" / f"{name}.html").read_text()
        page_b = (tmp_path / "fresh" / "en" / f"{name}.html").read_text()
        assert _page(page_a) == _page(page_b), name
