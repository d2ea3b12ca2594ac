"""The smmnb command: sample, validate (in the folder's zone, for its owner), help, and errors
without tracebacks."""

from __future__ import annotations

import shutil

import pandas as pd
from click.testing import CliRunner

from smmnb.cli import main


def test_validate_describes_good_files(sample_dir):
    result = CliRunner().invoke(main, ["validate", str(sample_dir / "ads.csv")])
    assert result.exit_code == 0, result.output
    assert "smmnb canonical table -> table ads, 852 rows, 2026-05-01 to 2026-10-31" in result.output
    assert "brands: Lumi" in result.output
    assert "platforms: facebook, google, instagram, tiktok, youtube, zalo" in result.output


def test_validate_reports_problems_and_fails(tmp_path, sample_dir):
    bad = tmp_path / "followers.csv"
    bad.write_text("date,brand,platform,followers\n2026-01-01,Lumi,zalo,-3\nxx,Lumi,zalo,4\n")
    result = CliRunner().invoke(main, ["validate", str(sample_dir / "posts.csv"), str(bad)])
    assert result.exit_code == 1
    assert "table posts, 829 rows" in result.output
    assert f"{bad}: ERROR" in result.output
    assert "column 'followers': negative counts at line 2 ('-3')" in result.output
    assert "column 'date': cannot read as a date at line 3 ('xx')" in result.output
    assert "Traceback" not in result.output


def test_validate_unknown_format_lists_what_was_tried(tmp_path):
    other = tmp_path / "export.csv"
    other.write_text("a,b\n1,2\n")
    result = CliRunner().invoke(main, ["validate", str(other)])
    assert result.exit_code == 1
    assert "not a format smmnb recognises" in result.output and "Meta Ads Manager" in result.output


def test_validate_reports_detected_export_and_its_notes(sample_dir):
    path = sample_dir / "exports" / "meta_ads_manager.csv"
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert "Meta Ads Manager -> table ads, 460 rows, 2026-08-03 to 2026-10-31" in result.output
    assert "conversions_from: Purchases" in result.output and "currency: VND" in result.output


def test_validate_asks_for_brand_unless_the_folder_has_an_owner(tmp_path, sample_dir):
    alone = tmp_path / "google_ads_campaign_report.csv"
    shutil.copy(sample_dir / "exports" / alone.name, alone)  # a folder without smmnb.yml
    result = CliRunner().invoke(main, ["validate", str(alone)])
    assert result.exit_code == 1 and "pass brand=" in result.output
    result = CliRunner().invoke(main, ["validate", str(alone), "--brand", "Lumi"])
    assert result.exit_code == 0 and "Google Ads -> table ads, 90 rows" in result.output
    # In exports/ of a folder whose smmnb.yml names the owner, the export is the owner's, as
    # load_workspace reads it.
    result = CliRunner().invoke(main, ["validate", str(sample_dir / "exports" / alone.name)])
    assert result.exit_code == 0, result.output
    assert "Google Ads -> table ads, 90 rows" in result.output and "brands: Lumi" in result.output


def test_validate_reads_times_in_the_folders_zone(tmp_path, sample_dir):
    """No hard-coded zone: --timezone, else the folder's smmnb.yml, else smmnb's default."""
    comments = pd.read_csv(sample_dir / "comments.csv", nrows=1)
    comments["created_at"] = "2026-03-02T02:00:00Z"  # 1 March 21:00 in New York
    for name, settings in (("ny", "timezone: America/New_York\n"), ("plain", "")):
        (tmp_path / name).mkdir()
        comments.to_csv(tmp_path / name / "comments.csv", index=False)
        if settings:
            (tmp_path / name / "smmnb.yml").write_text(settings)
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "ny" / "comments.csv")])
    assert result.exit_code == 0, result.output
    assert "1 row, 2026-03-01 to 2026-03-01" in result.output
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "ny" / "comments.csv"),
                                       "--timezone", "Asia/Ho_Chi_Minh"])  # fmt: skip
    assert "1 row, 2026-03-02 to 2026-03-02" in result.output
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "plain" / "comments.csv")])
    assert "1 row, 2026-03-02 to 2026-03-02" in result.output  # the default zone (UTC+7)


def test_no_command_has_a_hard_coded_time_zone():
    for command in ("validate", "report"):
        result = CliRunner().invoke(main, [command, "--help"])
        assert result.exit_code == 0
        assert "--timezone" in result.output and "Ho_Chi_Minh" not in result.output
    result = CliRunner().invoke(main, ["report", "--help"])
    assert "--currency" in result.output and "default: the folder's owner" in result.output


def test_sample_refuses_foreign_folder(tmp_path):
    (tmp_path / "ads.csv").write_text("mine\n")
    result = CliRunner().invoke(main, ["sample", "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "pass --force" in result.output
    assert (tmp_path / "ads.csv").read_text() == "mine\n"
