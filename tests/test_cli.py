"""The smmnb command: sample, validate, and errors without tracebacks."""

from __future__ import annotations

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


def test_validate_asks_for_brand(sample_dir):
    path = sample_dir / "exports" / "google_ads_campaign_report.csv"
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 1 and "pass brand=" in result.output
    result = CliRunner().invoke(main, ["validate", str(path), "--brand", "Lumi"])
    assert result.exit_code == 0 and "Google Ads -> table ads, 90 rows" in result.output


def test_sample_refuses_foreign_folder(tmp_path):
    (tmp_path / "ads.csv").write_text("mine\n")
    result = CliRunner().invoke(main, ["sample", "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "pass --force" in result.output
    assert (tmp_path / "ads.csv").read_text() == "mine\n"
