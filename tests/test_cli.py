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


GA4_EVENTS = """# ----------------------------------------
# Events
# Account: Made up
# Property: Made up
# ----------------------------------------
# All Users
# Start date: 20250101
# End date: 20250131
# ----------------------------------------
Event name,Event count,Total users
page_view,120,40
scroll,30,12
"""


def _data_folder(tmp_path, sample_dir):
    """A data folder: two table files, a settings file, and exports of three kinds."""
    folder = tmp_path / "data"
    (folder / "exports").mkdir(parents=True)
    shutil.copy(sample_dir / "smmnb.yml", folder / "smmnb.yml")
    posts = pd.read_csv(sample_dir / "posts.csv").head(5)
    posts.to_csv(folder / "posts.csv", index=False)
    posts.to_json(folder / "posts.jsonl", orient="records", lines=True)  # posts.csv wins
    shutil.copy(sample_dir / "exports" / "google_ads_campaign_report.csv", folder / "exports")
    (folder / "exports" / "Events_Event_name.csv").write_text(GA4_EVENTS)
    (folder / "README.md").write_text("notes, not data\n")
    return folder, posts


def test_validate_a_folder_gives_one_line_per_file_and_not_used_is_no_error(tmp_path, sample_dir):
    folder, posts = _data_folder(tmp_path, sample_dir)
    result = CliRunner().invoke(main, ["validate", str(folder)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    first = pd.to_datetime(posts["published_at"], utc=True).dt.tz_convert("Asia/Ho_Chi_Minh")
    assert lines[0] == (
        f"{folder / 'posts.csv'}: smmnb canonical table -> table posts, 5 rows, "
        f"{first.min():%Y-%m-%d} to {first.max():%Y-%m-%d}, brands: Lumi, "
        f"platforms: {', '.join(sorted(posts['platform'].unique()))}"
    )
    ads = (
        f"{folder / 'exports' / 'google_ads_campaign_report.csv'}: Google Ads -> table ads, 90 rows"
    )
    assert any(line.startswith(ads) and "brands: Lumi" in line for line in lines)  # the owner
    events = f"{folder / 'exports' / 'Events_Event_name.csv'}: not used: this is GA4's Events"
    assert any(line.startswith(events) and "Traffic acquisition" in line for line in lines)
    assert (
        f"{folder / 'posts.jsonl'}: smmnb canonical table -> table posts, 5 rows" in result.output
    )
    assert "    load_workspace reads posts.csv instead" in result.output
    assert "README.md" not in result.output and "smmnb.yml" not in result.output
    assert lines[-1] == "4 files: 3 read, 1 not used, 0 with errors"


def test_validate_a_folder_fails_on_a_broken_file_with_its_first_problem(tmp_path, sample_dir):
    folder, _ = _data_folder(tmp_path, sample_dir)
    (folder / "exports" / "garbage.xlsx").write_bytes(b"\x00\x01binary\x00" * 10)
    (folder / "exports" / "mystery.csv").write_text("Foo,Bar\n1,2\n")
    (folder / "followers.csv").write_text(
        "date,brand,platform,followers\n2026-01-01,Lumi,zalo,-3\nxx,Lumi,zalo,4\n"
    )
    result = CliRunner().invoke(main, ["validate", str(folder)])
    assert result.exit_code == 1
    out = result.output
    assert f"{folder / 'exports' / 'garbage.xlsx'}: ERROR: not a text file or a workbook" in out
    assert f"{folder / 'exports' / 'mystery.csv'}: ERROR: not a format smmnb recognises" in out
    assert (
        f"{folder / 'followers.csv'}: ERROR: column 'date': cannot read as a date at line 3" in out
    )
    assert "    - column 'followers': negative counts at line 2 ('-3')" in out  # the second one
    assert "Traceback" not in out
    assert out.splitlines()[-1] == "7 files: 3 read, 1 not used, 3 with errors"


def test_validate_a_folder_of_downloads_reads_every_file_as_an_export(tmp_path, sample_dir):
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    shutil.copy(sample_dir / "exports" / "google_ads_campaign_report.csv", downloads)
    (downloads / "Events_Event_name.csv").write_text(GA4_EVENTS)
    result = CliRunner().invoke(main, ["validate", str(downloads), "--brand", "Lumi"])
    assert result.exit_code == 0, result.output
    assert "Google Ads -> table ads, 90 rows" in result.output
    assert "load_workspace reads exports only" not in result.output  # not a data folder
    empty = tmp_path / "empty"
    empty.mkdir()
    result = CliRunner().invoke(main, ["validate", str(empty)])
    assert (
        result.exit_code == 1 and "no table files (posts.csv, ...) and no exports" in result.output
    )


def test_validate_anchors_yearless_dates_on_the_folders_last_day(tmp_path, sample_dir):
    """As load_workspace does: TikTok's FollowerHistory has no years; the tables' last day
    (here 2026-03-02, from the followers file) places 'March 1' in 2026, not in the clock's year."""
    folder = tmp_path / "data"
    (folder / "exports").mkdir(parents=True)
    (folder / "smmnb.yml").write_text("owner: Lumi\n")
    (folder / "followers.csv").write_text(
        "date,brand,platform,followers\n2026-03-02,Lumi,zalo,10\n"
    )
    (folder / "exports" / "FollowerHistory.csv").write_text(
        '\ufeff"Date","Followers","Difference in followers from previous day"\n'
        '"February 28","40","1"\n"March 1","42","2"\n'
    )
    result = CliRunner().invoke(main, ["validate", str(folder)])
    assert result.exit_code == 0, result.output
    assert "-> table followers, 2 rows, 2026-02-28 to 2026-03-01" in result.output
    result = CliRunner().invoke(main, ["validate", str(folder / "exports" / "FollowerHistory.csv")])
    assert result.exit_code == 1 and "as_of" in result.output  # alone: no anchor, a refusal
    assert ": ERROR (TikTok Studio FollowerHistory.csv -> table followers): column 'Date'" in (
        result.output
    )  # what the file was recognised as


def test_validate_refuses_bad_options_without_a_traceback(sample_dir):
    for args in (["--as-of", "soon"], ["--timezone", "Mars/Olympus"], ["--table", "nope"]):
        result = CliRunner().invoke(main, ["validate", str(sample_dir / "ads.csv"), *args])
        assert result.exit_code == 2 and "Traceback" not in result.output, result.output
