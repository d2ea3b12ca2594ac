"""Workspace: table access, filtering by brand, period and platform, default periods."""

from __future__ import annotations

import pandas as pd
import pytest

import smmnb as smm
from smmnb.schema import empty_table


def test_all_nine_tables_present(ws):
    assert set(ws.tables) == set(smm.TABLES)
    assert ws.posts is ws["posts"]
    assert ws.timezone == "Asia/Ho_Chi_Minh" and ws.currency == "VND"
    assert ws.brands == ["Lumi", "Moc Coffee", "Sen Tea"]


def test_missing_table_is_empty_with_schema(tmp_path, ws):
    ws.posts.head(3).assign(
        published_at=lambda d: d["published_at"].dt.strftime("%Y-%m-%dT%H:%M:%SZ")
    ).to_csv(tmp_path / "posts.csv", index=False)
    small = smm.load_workspace(tmp_path)
    assert len(small.posts) == 3
    assert len(small.ads) == 0
    assert list(small.ads.columns) == list(empty_table("ads").columns)
    assert small.files == {"posts": [tmp_path / "posts.csv"]}


def test_load_workspace_reports_every_bad_file(tmp_path):
    (tmp_path / "ads.csv").write_text("date,brand\n2026-01-01,Lumi\n")
    (tmp_path / "followers.csv").write_text(
        "date,brand,platform,followers\n2026-01-01,Lumi,zalo,-1\n"
    )
    with pytest.raises(smm.SchemaError) as info:
        smm.load_workspace(tmp_path)
    text = str(info.value)
    assert "ads.csv" in text and "followers.csv" in text
    assert "negative counts at line 2" in text


def test_filter_brand_keeps_competitor_mentions(ws):
    lumi = ws.filter(brand="Lumi")
    assert set(lumi.followers["brand"].astype(str)) == {"Lumi"}
    assert set(lumi.mentions["brand"].astype(str)) == {"Lumi", "Moc Coffee", "Sen Tea"}
    assert lumi.brand == "Lumi"
    with pytest.raises(ValueError, match="brands found: Lumi, Moc Coffee, Sen Tea"):
        ws.filter(brand="Lumii")


def test_filter_period_uses_local_calendar_days(ws):
    day = ws.filter(start="2026-09-18", end="2026-09-18")
    local = day.mentions["created_at"].dt.tz_convert(ws.timezone)
    assert (local.dt.date.astype(str) == "2026-09-18").all()
    expected = (
        ws.mentions["created_at"].dt.tz_convert(ws.timezone).dt.date.astype(str) == "2026-09-18"
    ).sum()
    assert len(day.mentions) == expected
    assert (day.ads["date"] == pd.Timestamp("2026-09-18")).all()
    # targets are kept when their period overlaps
    assert set(day.targets["period_start"]) <= set(ws.targets["period_start"])
    assert (
        len(day.targets)
        == (
            (ws.targets["period_start"] <= "2026-09-18")
            & (ws.targets["period_end"] >= "2026-09-18")
        ).sum()
    )
    assert len(day.influencers) == len(ws.influencers)


def test_filter_platforms_keeps_rows_without_platform(ws):
    tt = ws.filter(platforms=["TikTok"])
    assert set(tt.posts["platform"].astype(str)) == {"tiktok"}
    assert len(tt.web_sessions) == len(ws.web_sessions)
    assert tt.targets["platform"].isna().sum() == ws.targets["platform"].isna().sum()


def test_filter_rejects_bad_period(ws):
    with pytest.raises(ValueError, match="after end"):
        ws.filter(start="2026-10-01", end="2026-09-01")
    with pytest.raises(ValueError, match="ISO date"):
        ws.filter(start="last monday")


def test_default_period_is_90_days_to_last_date(ws):
    assert ws.last_date() == pd.Timestamp("2026-10-31")
    assert ws.period() == ("2026-08-03", "2026-10-31")
    assert ws.period(start="2026-10-01") == ("2026-10-01", "2026-10-31")
    assert ws.period(end="2026-06-30", days=30) == ("2026-06-01", "2026-06-30")


def test_filter_keeps_search_days_in_the_period_and_search_periods_that_overlap(tmp_path):
    import warnings

    import smmnb as smm

    pd.DataFrame({"date": ["2026-08-31", "2026-09-01", "2026-09-30", "2026-10-01"],
                  "brand": "Lumi", "search_type": "web", "clicks": [1, 2, 3, 4],
                  "impressions": [10, 20, 30, 40]}).to_csv(tmp_path / "search_daily.csv",
                                                          index=False)  # fmt: skip
    pd.DataFrame({"period_start": ["2026-06-01", "2026-08-01", "2026-10-01"],
                  "period_end": ["2026-07-31", "2026-09-05", "2026-12-31"],
                  "brand": "Lumi", "search_type": "web", "kind": "query", "term": "lumi",
                  "clicks": [5, 6, 7], "impressions": [50, 60, 70]}).to_csv(
        tmp_path / "search_terms.csv", index=False)  # fmt: skip
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ws = smm.load_workspace(tmp_path, timezone="Asia/Ho_Chi_Minh")
    september = ws.filter(start="2026-09-01", end="2026-09-30")
    assert september.search_daily["clicks"].tolist() == [2, 3]
    assert september.search_terms["clicks"].tolist() == [6]  # 1 Aug - 5 Sep overlaps
    assert ws.coverage() == (pd.Timestamp("2026-08-31"), pd.Timestamp("2026-10-01"))
