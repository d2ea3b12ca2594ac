"""Batch reports: configuration checks, failing and skipped jobs, parameters, atomic output,
escaping of data text, and a run without noise on stderr."""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from click.testing import CliRunner

from smmnb.cli import main
from smmnb.errors import ReportError
from smmnb.report import TaskResult, adhoc_job, load_config, notebook_names, run_jobs
from tests.notebook_files import write_notebook

ROOT = Path(__file__).resolve().parent.parent
NOISE = ("Kernel is running over TCP without encryption", "Passed unknown parameter")
SKIP_SENTENCE = (
    "Share of voice needs mentions of at least two brands; this folder has mentions of Apple only."
)

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def write_config(tmp_path, text):
    path = tmp_path / "reports.yml"
    path.write_text(text)
    return path


@pytest.fixture
def data_copy(tmp_path, sample_dir):
    target = tmp_path / "data"
    shutil.copytree(sample_dir, target)
    return target


def test_config_resolves_paths_and_types(tmp_path, data_copy):
    text = (
        "defaults:\n  data_dir: data\n  brand: Lumi\njobs:\n  - name: q3\n"
        "    start: 2026-07-01\n    end: 2026-09-30\n    platforms: tiktok\n"
    )
    path = write_config(tmp_path, text)
    jobs, notebooks = load_config(path)
    assert notebooks == notebook_names()
    (job,) = jobs
    assert job.parameters["data_dir"] == str(data_copy.resolve())
    assert job.parameters["start"] == "2026-07-01"  # a YAML date becomes the ISO text
    assert job.parameters["platforms"] == ["tiktok"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("notebooks: [99_nope]\njobs:\n  - name: a\n", "unknown notebook"),
        ("jobs:\n  - name: a\n    colour: red\n", "job 'a': unknown parameter 'colour'"),
        ("jobs:\n  - name: a\n  - name: a\n", "duplicate job name 'a'"),
        ("jobs:\n  - name: a\n    end: 31/09/2026\n", "job 'a': end must be an ISO date"),
        ("jobs:\n  - name: a\n    end: '2026-02-30'\n", "job 'a': end is not a real date"),
        ("jobs:\n  - name: a\n    data_dir: nowhere\n", "job 'a': data_dir folder not found"),
        ("jobs: []\n", "no jobs"),
        ("jobs:\n  - name: a b\n", "must be letters"),
    ],
)
def test_invalid_config_is_refused_before_running(tmp_path, body, message):
    path = write_config(tmp_path, body)
    with pytest.raises(ReportError, match=message):
        load_config(path)
    result = CliRunner().invoke(main, ["report", "--config", str(path), "--out",
                                       str(tmp_path / "out")])  # fmt: skip
    assert result.exit_code == 1 and message.split(":")[0] in result.output
    assert not (tmp_path / "out").exists()


def test_one_failing_job_does_not_stop_the_other(tmp_path, data_copy):
    broken = tmp_path / "broken"
    shutil.copytree(data_copy, broken)
    (broken / "followers.csv").write_text(
        "date,brand,platform,followers\n2026-01-01,Lumi,zalo,-5\n"
    )
    path = write_config(tmp_path, "notebooks: [00_data_check]\n"
                                  "jobs:\n  - name: good\n    data_dir: data\n"
                                  "  - name: bad\n    data_dir: broken\n")  # fmt: skip
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["report", "--config", str(path), "--out", str(out),
                                       "--workers", "2"])  # fmt: skip
    assert result.exit_code == 1, result.output
    assert "1 of 2 reports written" in result.output
    assert "FAILED bad / 00_data_check" in result.output and "SchemaError" in result.output
    assert (out / "good" / "00_data_check.html").exists()
    assert (out / "bad" / "00_data_check.failed.ipynb").exists()
    assert not (out / "bad" / "00_data_check.html").exists()
    index = (out / "index.html").read_text()
    assert "good/00_data_check.html" in index and "FAILED" in index
    assert "negative counts" in index and "sha256" in index
    leftovers = [p.name for p in out.rglob(".*")]
    assert leftovers == []  # temporary files were renamed or removed
    page = (out / "good" / "00_data_check.html").read_text()
    assert "Provenance" in page and "data_dir" in page
    assert "import smmnb" not in page and "injected-parameters" not in page


def test_text_from_data_is_shown_not_run(tmp_path, data_copy):
    attack_comment = "<script>alert('x')</script> giao hàng quá tệ, thất vọng kinh khủng 😡😡"
    attack_question = "<img src=x onerror=alert(1)> cho mình hỏi có ship quận 7 không?"
    comments = pd.read_csv(data_copy / "comments.csv")
    extra = pd.DataFrame({
        "comment_id": ["x1", "x2"], "brand": "Lumi", "platform": "facebook",
        "created_at": ["2026-08-02T17:00:01Z", "2026-10-20T05:00:00Z"],  # 00:00 local
        "text": [attack_question, attack_comment], "author": ["<b>Mallory</b>", "Eve"],
        "author_is_brand": False,
    })  # fmt: skip
    pd.concat([comments, extra]).to_csv(data_copy / "comments.csv", index=False)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["report", "--data-dir", str(data_copy), "--notebook",
                                       "01_customer_expectations", "--out", str(out),
                                       "--workers", "1"])  # fmt: skip
    assert result.exit_code == 0, result.output
    page = (out / "Lumi" / "01_customer_expectations.html").read_text()
    assert "&lt;script&gt;alert" in page  # shown as text...
    assert "<script>alert('x')" not in page  # ...never as markup
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<img src=x onerror" not in page
    assert "Mallory" not in page  # authors are pseudonymised


def test_notebooks_command_lists_parameters():
    result = CliRunner().invoke(main, ["notebooks"])
    assert result.exit_code == 0
    assert "02_campaign_performance" in result.output
    assert "as_of: str" in result.output and "brand: str" in result.output


# --------------------------------------------------------------------------------------------
# tiny notebooks of our own: one that shows its parameters, one with nothing to show, one broken


@pytest.fixture
def owned(tmp_path):
    """A data folder whose smmnb.yml names its owner (the tiny notebooks read no data)."""
    folder = tmp_path / "owned"
    folder.mkdir()
    (folder / "smmnb.yml").write_text("owner: Lumi\n")
    return folder


@pytest.fixture
def tiny(tmp_path):
    """A notebook folder: 10_echo (declares timezone and currency), 11_empty (raises
    NothingToShow after one sentence, declares neither), 12_broken (raises ValueError)."""
    folder = tmp_path / "notebooks"
    folder.mkdir()
    write_notebook(
        folder / "10_echo.ipynb",
        "Echo",
        'data_dir: str = ""  # folder\nbrand: str = ""  # brand\n'
        'timezone: str = ""  # zone\ncurrency: str = ""  # money',
        'print(f"brand={brand!r} timezone={timezone!r} currency={currency!r}")',
    )
    write_notebook(
        folder / "11_empty.ipynb",
        "Empty",
        'data_dir: str = ""  # folder\nbrand: str = ""  # brand',
        'from smmnb.notebook import NothingToShow, show\nshow("Mentions: only Apple is named.")',
        f"raise NothingToShow({SKIP_SENTENCE!r})",
    )
    write_notebook(
        folder / "12_broken.ipynb",
        "Broken",
        'data_dir: str = ""  # folder',
        'raise ValueError("the broken notebook broke")',
    )
    return folder


def _outputs(path: Path) -> str:
    nb = nbformat.read(path, as_version=4)
    return "".join(
        o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
    )


def test_task_result_status_and_ok():
    assert TaskResult("j", "n", "ok", 1.0).ok
    assert TaskResult("j", "n", "skipped", 1.0, None, "why").ok  # ok means "not failed"
    assert not TaskResult("j", "n", "failed", 1.0).ok
    with pytest.raises(ValueError, match="status must be one of ok, skipped, failed"):
        TaskResult("j", "n", True, 1.0)


def test_a_notebook_with_nothing_to_show_is_skipped_not_failed(tmp_path, tiny, owned):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["report", "--data-dir", str(owned), "--out", str(out),
                                       "--notebook-dir", str(tiny), "--notebook", "10_echo",
                                       "--notebook", "11_empty", "--workers", "2"])  # fmt: skip
    assert result.exit_code == 0, result.output  # skipped is not a failure
    assert f"Lumi / 11_empty: skipped: {SKIP_SENTENCE}" in result.output
    assert "Lumi / 10_echo: ok" in result.output
    assert "2 of 2 reports written (1 skipped: nothing to show on this data); index:" in (
        result.output
    )
    assert "FAILED" not in result.output
    # The partial report is written and linked: the sentence under the title, the notebook's
    # own sentence, no traceback and none of papermill's error markers.
    page = (out / "Lumi" / "11_empty.html").read_text()
    assert f"<b>Nothing to show on this data.</b> {SKIP_SENTENCE}" in page
    assert "Mentions: only Apple is named." in page
    for text in ("Traceback", "NothingToShow", "Skipped:", "papermill-error-cell",
                 "An Exception was encountered"):  # fmt: skip
        assert text not in page, text
    assert "Provenance" in page
    assert not (out / "Lumi" / "11_empty.failed.ipynb").exists()
    index = (out / "index.html").read_text()
    row = re.search(r'<tr class="skipped">.*?</tr>', index).group(0)
    assert '<a href="Lumi/11_empty.html">Empty</a><br><small>11_empty</small>' in row
    assert f"nothing to show on this data: {SKIP_SENTENCE}" in row and "<td>skipped</td>" in row
    for link in re.findall(r'href="([^"]+)"', index):
        assert (out / link).is_file(), link  # no broken link
    assert "1 skipped: nothing to show on this data" in index
    assert index.count('<tr class="ok">') == 1 and "FAILED" not in index


def test_a_failure_still_fails_next_to_a_skipped_notebook(tmp_path, tiny, owned):
    out = tmp_path / "out"
    names = ["10_echo", "11_empty", "12_broken"]
    jobs, _ = adhoc_job(owned, notebooks=names, notebook_dir=tiny)
    results = run_jobs(jobs, out, notebooks=names, workers=1, notebook_dir=tiny)
    assert [r.status for r in results] == ["ok", "skipped", "failed"]
    assert results[1].error == SKIP_SENTENCE and results[1].html == "Lumi/11_empty.html"
    assert results[2].error == "ValueError: the broken notebook broke" and results[2].html is None
    assert (out / "Lumi" / "12_broken.failed.ipynb").exists()
    result = CliRunner().invoke(main, ["report", "--data-dir", str(owned), "--out",
                                       str(tmp_path / "again"), "--notebook-dir", str(tiny),
                                       "--workers", "1"])  # fmt: skip
    assert result.exit_code == 1
    assert "2 of 3 reports written (1 skipped: nothing to show on this data), 1 failed" in (
        result.output
    )
    assert re.search(r"FAILED Lumi / 12_broken in cell \d+: ValueError: the broken notebook broke",
                     result.output)  # fmt: skip


def test_timezone_and_currency_reach_the_notebooks_that_declare_them(
    tmp_path, tiny, owned, caplog, capfd
):
    """--timezone/--currency reach the notebooks that declare them; a notebook that does not
    is not passed them, so papermill has nothing to warn about; --brand is optional."""
    out = tmp_path / "out"
    with caplog.at_level(logging.WARNING, logger="papermill"):
        result = CliRunner().invoke(main, [
            "report", "--data-dir", str(owned), "--out", str(out), "--notebook-dir",
            str(tiny), "--notebook", "10_echo", "--notebook", "11_empty", "--workers", "1",
            "--timezone", "America/New_York", "--currency", "USD"])  # fmt: skip
    assert result.exit_code == 0, result.output
    printed = _outputs(out / "Lumi" / "10_echo.ipynb")
    assert printed == "brand='' timezone='America/New_York' currency='USD'\n"
    cells = nbformat.read(out / "Lumi" / "11_empty.ipynb", as_version=4).cells
    (injected,) = [c for c in cells if "injected-parameters" in c.metadata.get("tags", [])]
    assigned = re.findall(r"^(\w+) = ", injected.source, flags=re.MULTILINE)
    assert assigned == ["data_dir"]  # 11_empty declares neither timezone nor currency
    assert not [r for r in caplog.records if "Passed unknown parameter" in r.getMessage()]
    err = capfd.readouterr().err
    for line in NOISE:
        assert line not in err
    # The page's title names the folder's owner when no brand is given.
    assert "<h1>Lumi · Echo</h1>" in (out / "Lumi" / "10_echo.html").read_text()


def test_noise_control_papermill_alone_warns(tmp_path, tiny, caplog, capfd):
    """Control for the tests above: without the runner's care, papermill warns of the unknown
    parameter and the kernel of its plain TCP (so their absence above means something)."""
    import papermill as pm

    with caplog.at_level(logging.WARNING, logger="papermill"):
        pm.execute_notebook(str(tiny / "10_echo.ipynb"), str(tmp_path / "x.ipynb"),
                            parameters={"lift_campaign": "x"}, kernel_name="python3",
                            progress_bar=False, cwd=str(tiny))  # fmt: skip
    assert any("Passed unknown parameter: lift_campaign" in r.getMessage() for r in caplog.records)
    assert NOISE[0] in capfd.readouterr().err


def test_config_keys_timezone_and_currency_per_job_and_in_defaults(tmp_path, tiny, owned):
    path = write_config(tmp_path, "defaults:\n  data_dir: owned\n  timezone: UTC\n"
                                  "jobs:\n  - name: a\n  - name: b\n    currency: USD\n"
                                  "    timezone: America/New_York\n")  # fmt: skip
    jobs, names = load_config(path, notebook_dir=tiny)
    assert names == ["10_echo", "11_empty", "12_broken"]
    assert [j.parameters.get("timezone") for j in jobs] == ["UTC", "America/New_York"]
    assert [j.parameters.get("currency") for j in jobs] == [None, "USD"]
    jobs, _ = load_config(path, notebook_dir=tiny, overrides={"currency": "EUR"})
    assert [j.parameters["currency"] for j in jobs] == ["EUR", "EUR"]
    # A key no notebook declares is still refused, naming the job and the key.
    path = write_config(tmp_path, "jobs:\n  - name: a\n    lift_campaign: x\n")
    with pytest.raises(ReportError, match="job 'a': unknown parameter 'lift_campaign'"):
        load_config(path, notebook_dir=tiny)
    # ...and so is a notebook the folder does not have.
    with pytest.raises(ReportError, match="unknown notebook"):
        load_config(path, notebook_dir=tiny, notebooks=["13_nope"])


def test_adhoc_job_passes_only_what_is_given(tmp_path, tiny, owned):
    (job,), _ = adhoc_job(owned, notebook_dir=tiny)
    assert job.name == "Lumi"  # the folder's owner (smmnb.yml)
    assert "brand" not in job.parameters and "timezone" not in job.parameters
    (job,), _ = adhoc_job(owned, brand="Moc Coffee", currency="USD", notebook_dir=tiny)
    assert job.name == "Moc_Coffee" and job.parameters["currency"] == "USD"
    bare = tmp_path / "no-settings"
    bare.mkdir()
    (job,), _ = adhoc_job(bare, notebook_dir=tiny)
    assert job.name == "no-settings"  # no owner known: the folder's name


def test_reports_yml_runs_on_the_folders_owner():
    jobs, _ = load_config(ROOT / "reports.yml")
    assert [j.name for j in jobs] == ["lumi-en", "lumi-vi"]  # the sample in both languages
    assert all("brand" not in j.parameters for j in jobs)  # the owner, from smmnb.yml
    assert [j.language for j in jobs] == ["en", "vi"]
    assert jobs[0].branding.accent == jobs[1].branding.accent == "#b45309"
    assert jobs[1].branding.footer == "Lumi · báo cáo mạng xã hội · nội bộ"


def test_report_on_the_sample_prints_no_noise(tmp_path):
    """`smmnb report` as a user runs it: no kernel TCP warning and no papermill warning of an
    unknown parameter (lift_campaign is 02's only) anywhere in its output."""
    env = {k: v for k, v in os.environ.items() if k != "JUPYTER_PATH"}
    command = [str(Path(sys.executable).parent / "smmnb"), "report", "--data-dir",
               str(ROOT / "sample_data"), "--notebook", "00_data_check", "--notebook",
               "02_campaign_performance", "-p", "lift_campaign", "Back to School",
               "--workers", "2", "--out", str(tmp_path / "out")]  # fmt: skip
    run = subprocess.run(command, capture_output=True, text=True, env=env, timeout=900)
    output = run.stdout + run.stderr
    assert run.returncode == 0, output
    assert "2 of 2 reports written" in run.stdout
    for line in NOISE:
        assert line not in output
