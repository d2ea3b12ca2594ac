"""Reports beyond one machine: jobs on a Dask LocalCluster, data and output at fsspec URLs."""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import fsspec
import pandas as pd
import pytest
from click.testing import CliRunner

from smmnb import distributed
from smmnb.cli import main
from smmnb.report import data_files, load_config, run_jobs

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _to_memory(folder: Path, url: str) -> None:
    fs = fsspec.filesystem("memory")
    root = url.split("://", 1)[1]
    for path in folder.rglob("*"):
        if path.is_file():
            fs.pipe_file(f"{root}/{path.relative_to(folder).as_posix()}", path.read_bytes())


@pytest.fixture
def memory_sample(sample_dir):
    url = "memory://smmnb-test/sample"
    _to_memory(sample_dir, url)
    yield url
    fsspec.filesystem("memory").rm("/smmnb-test", recursive=True)


def test_a_workspace_read_through_an_fsspec_memory_filesystem(memory_sample, sample_dir, ws):
    import smmnb as smm
    from smmnb.io.settings import read_settings

    local = distributed.local_folder(memory_sample)
    assert Path(local).is_dir() and local != str(sample_dir)
    assert distributed.local_folder(memory_sample) == local  # the copy is reused
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", smm.DataWarning)
        remote = smm.load_workspace(local)
        direct = smm.load_workspace(memory_sample)  # the URL itself: the same local copy
    assert sorted(remote.tables) == sorted(ws.tables)
    for name, table in direct.tables.items():
        pd.testing.assert_frame_equal(remote.tables[name], table)
    for name, table in ws.tables.items():
        pd.testing.assert_frame_equal(remote.tables[name], table, check_like=True)
    # the settings of a folder at a URL, and the provenance's digests, as for the local folder
    assert read_settings(memory_sample).owner == read_settings(sample_dir).owner
    assert data_files(memory_sample) == data_files(sample_dir)
    # a changed file gives a fresh copy
    fsspec.filesystem("memory").pipe_file("/smmnb-test/sample/extra.txt", b"x")
    assert distributed.local_folder(memory_sample) != local
    # notebook set-up reads a URL as a folder
    from smmnb.notebook import setup

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", smm.DataWarning)
        context = setup(memory_sample, heading=False)
    assert context is not None


def test_plain_paths_and_file_urls_are_read_in_place(tmp_path):
    assert distributed.local_folder(str(tmp_path)) == str(tmp_path)
    assert distributed.local_folder(tmp_path.as_uri()) == str(tmp_path)
    assert distributed.is_dir(tmp_path.as_uri()) and not distributed.is_dir("memory://nowhere/x")


def test_a_report_from_a_url_to_a_url(tmp_path, sample_dir, memory_sample):
    """data_dir at a URL in the configuration, --out at a file:// URL (copied there)."""
    config = tmp_path / "reports.yml"
    config.write_text(
        f"notebooks: [00_data_check]\njobs:\n  - name: remote\n    data_dir: {memory_sample}\n"
    )
    jobs, names = load_config(config)
    assert jobs[0].parameters["data_dir"] == memory_sample  # kept as given
    assert jobs[0].language == "en"
    # The kernel is another process: it cannot see this process's memory:// filesystem, so the
    # job reads the same files from a file:// URL; --out is a URL too.
    data = tmp_path / "data"
    shutil.copytree(sample_dir, data)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["report", "--data-dir", data.as_uri(), "--notebook",
                                       "00_data_check", "--out", out.as_uri(),
                                       "--workers", "1"])  # fmt: skip
    assert result.exit_code == 0, result.output
    page = (out / "Lumi" / "00_data_check.html").read_text()
    assert "Provenance" in page and data.as_uri() in page
    index = (out / "index.html").read_text()
    assert "Lumi/00_data_check.html" in index and "sha256" in index
    assert not [p.name for p in out.rglob(".*")]


def test_output_to_a_memory_url_is_staged_and_copied(tmp_path, sample_dir):
    out = "memory://smmnb-test-out/reports"
    data = tmp_path / "data"
    shutil.copytree(sample_dir, data)
    config = tmp_path / "reports.yml"
    config.write_text("notebooks: [00_data_check]\njobs:\n  - name: a\n    data_dir: data\n")
    jobs, names = load_config(config)
    try:
        (result,) = run_jobs(jobs, out, notebooks=names, workers=1)
        assert result.status == "ok"
        fs = fsspec.filesystem("memory")
        written = sorted(p.rsplit("/", 1)[1] for p in fs.find("/smmnb-test-out/reports"))
        assert written == ["00_data_check.html", "00_data_check.ipynb", "index.html"]
    finally:
        fsspec.filesystem("memory").rm("/smmnb-test-out", recursive=True)


def test_four_jobs_on_a_local_cluster_of_two_worker_processes(tmp_path, sample_dir):
    """The same index, failure isolation, exit status and provenance as with --workers."""
    data = tmp_path / "data"
    shutil.copytree(sample_dir, data)
    broken = tmp_path / "broken"
    shutil.copytree(sample_dir, broken)
    (broken / "followers.csv").write_text(
        "date,brand,platform,followers\n2026-01-01,Lumi,zalo,-5\n"
    )
    config = tmp_path / "reports.yml"
    config.write_text(
        "notebooks: [00_data_check]\njobs:\n"
        "  - name: a\n    data_dir: data\n  - name: b\n    data_dir: data\n"
        "  - name: c\n    data_dir: data\n  - name: bad\n    data_dir: broken\n"
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["report", "--config", str(config), "--out", str(out),
                                       "--scheduler", "local", "--workers", "2"])  # fmt: skip
    assert result.exit_code == 1, result.output
    assert "3 of 4 reports written, 1 failed" in result.output
    assert "FAILED bad / 00_data_check" in result.output and "SchemaError" in result.output
    for job in "abc":
        page = (out / job / "00_data_check.html").read_text()
        assert "Provenance" in page and "followers.csv" in page
    assert (out / "bad" / "00_data_check.failed.ipynb").exists()
    index = (out / "index.html").read_text()
    assert all(f"{job}/00_data_check.html" in index for job in "abc")
    assert "FAILED" in index and "negative counts" in index and "sha256" in index
    assert not [p.name for p in out.rglob(".*")]


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path, sample_dir):
    import dask

    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}):
        result = CliRunner().invoke(main, ["report", "--data-dir", str(sample_dir), "--notebook",
                                           "00_data_check", "--out", str(tmp_path / "out"),
                                           "--scheduler", "tcp://127.0.0.1:1"])  # fmt: skip
    assert result.exit_code == 1
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:1" in result.output


def test_a_deck_reads_a_data_folder_at_a_url_from_a_local_copy(
    tmp_path, memory_sample, monkeypatch
):
    import sys
    import types

    from smmnb.report import Job

    seen = []

    def write_deck(data_dir, path, **kwargs):
        seen.append(data_dir)
        assert (Path(data_dir) / "smmnb.yml").is_file()
        Path(path).write_bytes(b"PK deck")

    module = types.ModuleType("smmnb.slides")
    module.write_deck = write_deck
    monkeypatch.setitem(sys.modules, "smmnb.slides", module)
    job = Job("remote", {"data_dir": memory_sample, "language": "en"}, slides=True)
    result = distributed.run_deck(job, str(tmp_path))
    assert result.status == "ok", result.error
    assert seen == [distributed.local_folder(memory_sample)]
    assert (tmp_path / "remote" / "remote.pptx").read_bytes() == b"PK deck"
