"""Sniffing formats from content, unknown formats, and exports in load_workspace."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

import smmnb as smm
from smmnb.io.exports import FORMATS, detect_export, read_export


def test_every_sample_export_is_detected_as_its_own_format(sample_dir):
    expected = {
        "meta_ads_manager.csv": "meta_ads",
        "ga4_traffic_acquisition.csv": "ga4",
        "google_ads_campaign_report.csv": "google_ads",
    }
    for name, fmt in expected.items():
        assert detect_export(sample_dir / "exports" / name)[0] == fmt
    # a renamed file is recognised all the same: detection reads content, not names
    assert detect_export(sample_dir / "exports" / "meta_ads_manager.csv")[1] == "ads"


def test_canonical_csv_is_not_mistaken_for_an_export(sample_dir):
    for table in ("posts", "ads", "web_sessions", "followers"):
        assert detect_export(sample_dir / f"{table}.csv") == ("canonical", table)


def test_unknown_format_lists_formats_tried_and_headers_found(tmp_path):
    path = tmp_path / "mystery.csv"
    path.write_text("Foo,Bar,Baz\n1,2,3\n")
    with pytest.raises(smm.SchemaError) as info:
        read_export(path)
    text = str(info.value)
    assert "not a format smmnb recognises" in text
    assert "Meta Ads Manager" in text and "Google Analytics 4" in text
    assert "found first row: Foo, Bar, Baz" in text
    assert len(FORMATS) >= 4


def test_load_workspace_reads_exports_without_counting_twice(ws, sample_dir):
    added = ws.sources.set_index("file")["rows_added"]
    assert added["exports/meta_ads_manager.csv"] == 0
    assert added["exports/ga4_traffic_acquisition.csv"] == 0
    canonical = smm.read_table(sample_dir / "ads.csv", "ads")
    assert len(ws.ads) == len(canonical)
    assert ws.ads["spend"].sum() == canonical["spend"].sum()


def test_load_workspace_adds_new_export_rows(tmp_path, sample_dir):
    for name in ("ads.csv", "posts.csv", "comments.csv"):
        shutil.copy(sample_dir / name, tmp_path / name)
    ads = pd.read_csv(tmp_path / "ads.csv")
    keep = ~ads["platform"].isin(["facebook", "instagram"]) | (ads["date"] < "2026-10-01")
    ads[keep].to_csv(tmp_path / "ads.csv", index=False)  # October's Meta rows only in the export
    (tmp_path / "exports").mkdir()
    shutil.copy(sample_dir / "exports" / "meta_ads_manager.csv", tmp_path / "exports")
    ws = smm.load_workspace(tmp_path)
    row = ws.sources.set_index("file").loc["exports/meta_ads_manager.csv"]
    assert row["rows_added"] == (~keep).sum() > 0
    assert len(ws.ads) == len(ads)
    assert ws.ads["spend"].sum() == pytest.approx(ads["spend"].sum())
    assert "clicks_all" in ws.ads.columns  # export-only metrics travel along


def test_export_without_account_needs_a_brand_when_ambiguous(tmp_path, sample_dir):
    (tmp_path / "exports").mkdir()
    shutil.copy(sample_dir / "exports" / "google_ads_campaign_report.csv", tmp_path / "exports")
    with pytest.raises(smm.SchemaError, match="brand="):
        smm.load_workspace(tmp_path)
    ws = smm.load_workspace(tmp_path, brand="Lumi")
    assert ws.ads["brand"].astype(str).unique().tolist() == ["Lumi"]
    assert ws.ads["platform"].astype(str).unique().tolist() == ["google"]
