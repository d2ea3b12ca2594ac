"""Batch reports: configuration checks, failing jobs, atomic output, escaping of data text."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
from click.testing import CliRunner

from smmnb.cli import main
from smmnb.errors import ReportError
from smmnb.report import load_config, notebook_names

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


def test_notebooks_on_a_comments_only_workspace(tmp_path, sample_dir):
    """A listening-style folder with only comments: the customer and campaign notebooks say
    what they cannot show; trends, with neither mentions nor posts, stops with a clear message."""
    data = tmp_path / "only"
    data.mkdir()
    shutil.copy(sample_dir / "comments.csv", data)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["report", "--data-dir", str(data), "--out", str(out),
                                       "--notebook", "01_customer_expectations", "--notebook",
                                       "02_campaign_performance", "--notebook", "03_trends",
                                       "--workers", "2"])  # fmt: skip
    assert result.exit_code == 1
    assert "2 of 3 reports written" in result.output
    assert "03_trends needs mentions or posts" in result.output
    page = (out / "Lumi" / "02_campaign_performance.html").read_text()
    assert "No KPI targets are set" in page and "No ads in this period" in page
