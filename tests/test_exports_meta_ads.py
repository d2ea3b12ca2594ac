"""Meta Ads Manager exports: CSV and XLSX, English and Vietnamese, every quirk."""

from __future__ import annotations

import pandas as pd
import pytest

import smmnb as smm
from smmnb.io.exports import detect_export, read_export
from smmnb.sample.exports import meta_ads as meta_ads_writer
from smmnb.sample.exports._write import xlsx_bytes

HEADER = (
    '"Reporting starts","Reporting ends","Campaign name","Ad set name","Ad name",'
    '"Amount spent (USD)",Impressions,Reach,"Link clicks","Clicks (all)",Results,'
    '"Result indicator","Cost per results",Purchases,"Purchases conversion value",'
    '"CPM (cost per 1,000 impressions) (USD)"\n'
)
SUMMARY = "2026-09-01,2026-09-30,,,,300.5,30000,,,,,,,,,\n"
ROWS = (
    '2026-09-01,2026-09-30,"Tet Sale","HCMC 18-34","Video A",200.25,20000,15000,300,410,12,'
    "actions:offsite_conversion.fb_pixel_purchase,16.69,12,960,10.01\n"
    '2026-09-01,2026-09-30,"Tet Sale","HCMC 18-34","Image B",100.25,10000,9000,0,15,0,'
    "actions:offsite_conversion.fb_pixel_purchase,,0,0,10.03\n"
)


@pytest.fixture
def english(tmp_path):
    path = tmp_path / "Lumi-Campaigns-Sep-1-2026-Sep-30-2026.csv"
    path.write_bytes(b"\xef\xbb\xbf" + (HEADER + SUMMARY + ROWS).encode())
    return path


def test_campaign_level_csv_with_bom_and_summary_row(english):
    assert detect_export(english) == ("meta_ads", "ads")
    ads = read_export(english, brand="Lumi")
    assert len(ads) == 2  # the summary row is gone
    assert ads["spend"].tolist() == [200.25, 100.25]
    assert ads["currency"].astype(str).tolist() == ["USD", "USD"]
    assert ads["clicks"].tolist() == [300, 0]  # link clicks
    assert ads["clicks_all"].tolist() == [410.0, 15.0]  # kept as an extra column
    assert ads["conversions"].tolist() == [12.0, 0.0]
    assert ads["revenue"].tolist() == [960.0, 0.0]
    assert ads["date"].tolist() == [pd.Timestamp("2026-09-01")] * 2
    assert ads["platform"].astype(str).tolist() == ["facebook", "facebook"]
    assert ads.attrs["conversions_from"] == "Purchases"
    assert ads.attrs["daily"] is False
    assert "attributed to facebook" in ads.attrs["platform_from"]
    assert ads.attrs["source"] == "meta_ads" and ads.attrs["table"] == "ads"
    assert "cost_per_results" in ads.columns and "reporting_ends" in ads.columns


def test_empty_ratio_cell_is_missing_not_zero(english):
    ads = read_export(english, brand="Lumi")
    assert ads["cost_per_results"].iloc[0] == 16.69
    assert pd.isna(ads["cost_per_results"].iloc[1])
    assert ads["result_indicator"].iloc[0] == "actions:offsite_conversion.fb_pixel_purchase"


def test_results_used_when_no_purchases(tmp_path):
    text = (HEADER + ROWS).replace(',Purchases,"Purchases conversion value"', ",X,Y")
    path = tmp_path / "ads.csv"
    path.write_text(text)
    ads = read_export(path, brand="Lumi")
    # the Result indicator says these results are purchases
    assert ads.attrs["conversions_from"] == "Results where the result is a conversion"
    assert ads["conversions"].tolist() == [12.0, 0.0]


def test_brand_from_account_name_or_asked_for(english, tmp_path):
    with pytest.raises(smm.SchemaError, match="brand="):
        read_export(english)
    text = (HEADER + ROWS).replace('"Reporting starts",', '"Account name","Reporting starts",')
    text = text.replace("2026-09-01,2026-09-30,", "Lumi Coffee,2026-09-01,2026-09-30,")
    path = tmp_path / "named.csv"
    path.write_text(text)
    assert read_export(path)["brand"].astype(str).unique().tolist() == ["Lumi Coffee"]


def test_daily_xlsx_with_platform_breakdown_in_vnd(generated, tmp_path):
    ads = generated.tables["ads"]
    rows = ads[ads["platform"].isin(["facebook", "instagram"])].head(40)
    csv_path = tmp_path / "export.csv"
    csv_path.write_bytes(meta_ads_writer.write(rows, account="Lumi", currency="VND"))
    frame = pd.read_csv(csv_path, dtype=str, keep_default_na=False)
    path = tmp_path / "export.xlsx"
    path.write_bytes(xlsx_bytes({"Raw Data Report": [list(frame.columns), *frame.values.tolist()]}))
    out = read_export(path)
    assert out.attrs["daily"] is True and out.attrs["currency"] == "VND"
    assert set(out["platform"].astype(str)) == set(rows["platform"].astype(str))
    assert out["spend"].sum() == pytest.approx(rows["spend"].round().sum())
    assert out["impressions"].sum() == rows["impressions"].sum()
    assert (
        out["date"].to_numpy()
        == rows.sort_values(["date", "campaign", "ad_set", "ad", "platform"], kind="stable")[
            "date"
        ].to_numpy()
    ).all()


def test_vietnamese_interface_headers(tmp_path):
    vi = (
        '"Lượt bắt đầu báo cáo","Lượt kết thúc báo cáo","Tên chiến dịch","Tên nhóm quảng cáo",'
        '"Tên quảng cáo","Số tiền đã chi tiêu (VND)","Lượt hiển thị","Người tiếp cận",'
        '"Lượt click vào liên kết","Kết quả","Chi phí trên mỗi kết quả"\n'
        '2026-09-01,2026-09-30,"Trung Thu","HCM 18-34","Video","1,250,000","52,000",'
        '"40,100",610,21,"59,524"\n'
    )
    path = tmp_path / "bao-cao.csv"
    path.write_text(vi)
    assert detect_export(path) == ("meta_ads", "ads")
    ads = read_export(path, brand="Lumi")
    row = ads.iloc[0]
    assert (row["campaign"], row["ad_set"], row["ad"]) == ("Trung Thu", "HCM 18-34", "Video")
    assert (row["spend"], row["impressions"], row["reach"], row["clicks"]) == (
        1_250_000.0,
        52_000,
        40_100,
        610,
    )
    assert row["conversions"] == 21.0 and ads.attrs["conversions_from"] == "Results"
    assert str(row["currency"]) == "VND"


def test_sample_export_kpis_equal_canonical_rows(ws, sample_dir):
    """End to end: the Ads Manager file gives the same KPIs as the same canonical rows."""
    export = read_export(sample_dir / "exports" / "meta_ads_manager.csv")
    first, last = export["date"].min(), export["date"].max()
    ads = ws.ads
    same = ads[ads["platform"].isin(["facebook", "instagram"]) & ads["date"].between(first, last)]
    export_kpis = smm.metrics.kpis(export, by=["campaign"]).set_index("campaign")
    same_kpis = smm.metrics.kpis(same, by=["campaign"]).set_index("campaign")
    export_kpis.index = export_kpis.index.astype(str)
    same_kpis.index = same_kpis.index.astype(str)
    pd.testing.assert_frame_equal(export_kpis, same_kpis, check_exact=False, rtol=1e-9)
    assert set(export_kpis.columns) >= {"ctr", "cpc", "cpm", "cvr", "cpa", "roas", "roi"}
