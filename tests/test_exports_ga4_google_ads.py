"""GA4 and Google Ads exports, and GA4's default channel groups."""

from __future__ import annotations

import pandas as pd
import pytest

import smmnb as smm
from smmnb.campaigns import channel_group
from smmnb.io.exports import detect_export, read_export

GA4 = """# ----------------------------------------
# Traffic acquisition: Session source / medium
# Account: Lumi Coffee
# Property: lumi.vn - GA4
# ----------------------------------------
#
# All Users
# Start date: 20260901
# End date: 20260902
Date,Session source / medium,Session campaign,Sessions,Engaged sessions,Key events,Total revenue
20260901,facebook / paid_social,back_to_school,120,60,3,267000
20260901,google / organic,(organic),400,250,9,801000
20260902,(direct) / (none),(direct),"1,210",700,20,1780000
"""


def test_ga4_preamble_source_medium_and_placeholders(tmp_path):
    path = tmp_path / "data-export.csv"
    path.write_text(GA4)
    assert detect_export(path) == ("ga4", "web_sessions")
    web = read_export(path)
    assert web["brand"].astype(str).unique().tolist() == ["Lumi Coffee"]
    assert web["source"].astype(str).tolist() == ["facebook", "google", "(direct)"]
    assert web["medium"].astype(str).tolist() == ["paid_social", "organic", "(none)"]
    assert web["campaign"].isna().tolist() == [False, True, True]
    assert web["sessions"].tolist() == [120, 400, 1210]
    assert web["conversions"].tolist() == [3, 9, 20]
    assert web["date"].tolist() == [pd.Timestamp("2026-09-01")] * 2 + [pd.Timestamp("2026-09-02")]
    assert web.attrs["property"] == "lumi.vn - GA4"


GOOGLE_ADS = (
    "Campaign report\n"
    '"September 1, 2026 - September 2, 2026"\n'
    "Day\tCampaign\tCurrency code\tImpr.\tClicks\tCTR\tCost\tConversions\tConv. value\n"
    '2026-09-01\tSearch - Brand\tVND\t"6,114"\t379\t6.20%\t"612,000"\t12.50\t"1,112,500.00"\n'
    "2026-09-02\tSearch - Brand\tVND\t5,002\t0\t0.00%\t0\t --\t --\n"
    'Total: Account\t --\t --\t"11,116"\t379\t3.41%\t"612,000"\t12.50\t"1,112,500.00"\n'
)


def test_google_ads_utf16_tabs_totals_and_dashes(tmp_path):
    path = tmp_path / "Campaign report.csv"
    path.write_bytes(GOOGLE_ADS.encode("utf-16"))
    assert detect_export(path) == ("google_ads", "ads")
    with pytest.raises(smm.SchemaError, match="brand="):
        read_export(path)
    ads = read_export(path, brand="Lumi")
    assert len(ads) == 2  # the Total row is gone
    assert ads["impressions"].tolist() == [6114, 5002]
    assert ads["spend"].tolist() == [612_000.0, 0.0]
    assert ads["conversions"].iloc[0] == 12.5 and pd.isna(ads["conversions"].iloc[1])
    assert ads["platform"].astype(str).unique().tolist() == ["google"]
    assert ads["platform_ctr"].tolist() == pytest.approx([0.062, 0.0])  # Google's own, kept
    assert ads.attrs["report_range"] == "September 1, 2026 - September 2, 2026"


def test_google_ads_plain_csv(tmp_path):
    path = tmp_path / "report.csv"
    path.write_text(GOOGLE_ADS.replace("\t5,002\t", '\t"5,002"\t').replace("\t", ","))
    ads = read_export(path, brand="Lumi")
    assert ads["impressions"].tolist() == [6114, 5002]


@pytest.mark.parametrize(
    ("source", "medium", "campaign", "group"),
    [
        ("(direct)", "(none)", None, "Direct"),
        ("facebook", "paid_social", "back_to_school", "Paid Social"),
        ("m.facebook.com", "referral", None, "Organic Social"),
        ("lnkd.in", "referral", None, "Organic Social"),
        ("t.co", "referral", None, "Organic Social"),
        ("zalo", "cpc", None, "Paid Social"),
        ("newsletter", "social media", None, "Organic Social"),
        ("youtube", "cpc", None, "Paid Video"),
        ("youtube", "referral", None, "Organic Video"),
        ("google", "cpc", None, "Paid Search"),
        ("coccoc", "organic", None, "Organic Search"),
        ("shopee.vn", "referral", None, "Organic Shopping"),
        ("partner", "ppc", "summer_shop", "Paid Shopping"),
        ("gdn", "display", None, "Display"),
        ("newsletter", "email", None, "Email"),
        ("shopeefood.vn", "referral", None, "Referral"),
        ("somewhere", "affiliate", None, "Affiliates"),
        ("firebase", "notification", None, "Mobile Push Notifications"),
        ("somewhere", "unknown", None, "Unassigned"),
        ("x", "cpc", "q3 cross-network", "Cross-network"),
    ],
)
def test_channel_group_rules(source, medium, campaign, group):
    web = pd.DataFrame({"source": [source], "medium": [medium], "campaign": [campaign]})
    assert channel_group(web).tolist() == [group]


def test_channel_group_aligns_with_rows(ws):
    groups = channel_group(ws.web_sessions)
    assert groups.index.equals(ws.web_sessions.index)
    tagged = ws.web_sessions["medium"] == "paid_social"
    assert set(groups[tagged & (ws.web_sessions["source"] != "youtube")]) == {"Paid Social"}
