"""The data check: inventory, gaps, missing values and readiness, on known data."""

from __future__ import annotations

import pandas as pd

import smmnb as smm
from smmnb import datacheck
from smmnb.workspace import Workspace


def tiny_workspace() -> Workspace:
    followers = smm.validate(
        pd.DataFrame(
            {
                "date": ["2026-01-01", "2026-01-02", "2026-01-05", "2026-01-06", "2026-01-01"],
                "brand": "Lumi",
                "platform": ["zalo"] * 4 + ["tiktok"],
                "followers": [10, 11, 12, 13, 5],
            }
        ),
        "followers",
    )
    posts = smm.validate(
        pd.DataFrame(
            {
                "post_id": ["a", "b"],
                "brand": "Lumi",
                "platform": ["zalo", "facebook"],
                "published_at": ["2026-01-01T20:00:00Z", "2026-01-02T01:00:00Z"],
                "reach": [100, None],
                "saves": [None, None],
            }
        ),
        "posts",
    )
    return Workspace({"followers": followers, "posts": posts}, timezone="Asia/Ho_Chi_Minh")


def test_inventory_counts_and_local_dates():
    inv = datacheck.inventory(tiny_workspace()).set_index("table")
    assert inv.loc["followers", "rows"] == 5
    assert inv.loc["followers", "platforms"] == "tiktok, zalo"
    assert inv.loc["ads", "rows"] == 0
    # 2026-01-01T20:00Z is 2026-01-02 03:00 in Ho Chi Minh City
    assert inv.loc["posts", "first"] == pd.Timestamp("2026-01-02")


def test_gaps_finds_the_longest_run_of_empty_days():
    g = datacheck.gaps(tiny_workspace())
    assert len(g) == 1
    row = g.iloc[0]
    assert (row["table"], row["series"]) == ("followers", "Lumi / zalo")
    assert (row["days"], row["empty_days"], row["longest_gap"]) == (6, 2, 2)
    assert row["gap_starts"] == pd.Timestamp("2026-01-03")


def test_gaps_reports_the_first_of_equally_long_gaps_per_series():
    dates = ["2026-01-01", "2026-01-04", "2026-01-05", "2026-01-08", "2026-01-09", "2026-01-09"]
    followers = smm.validate(
        pd.DataFrame(
            {
                "date": dates + ["2026-01-01", "2026-01-02", "2026-01-03", "2026-01-10"],
                "brand": "Lumi",
                "platform": ["zalo"] * 4 + ["tiktok", "x", "tiktok", "tiktok", "tiktok", "tiktok"],
                "followers": range(10),
            }
        ),
        "followers",
    )
    g = datacheck.gaps(Workspace({"followers": followers}), min_gap=1)
    assert g["series"].tolist() == ["Lumi / tiktok", "Lumi / zalo"]
    tiktok, zalo = g.iloc[0], g.iloc[1]
    # tiktok: 1, 2, 3, 9 and 10 January: one gap of 5 days from the 4th; x has one day, no gap
    assert (tiktok["days"], tiktok["empty_days"], tiktok["longest_gap"]) == (10, 5, 5)
    assert tiktok["gap_starts"] == pd.Timestamp("2026-01-04")
    # zalo: 1, 4, 5 and 8 January: two gaps of two days, the first one is reported
    assert (zalo["days"], zalo["empty_days"], zalo["longest_gap"]) == (8, 4, 2)
    assert zalo["gap_starts"] == pd.Timestamp("2026-01-02")
    assert (zalo["first"], zalo["last"]) == (pd.Timestamp("2026-01-01"), pd.Timestamp("2026-01-08"))


def test_missing_values_names_platforms_that_never_report():
    mv = datacheck.missing_values(tiny_workspace())
    reach = mv[(mv["table"] == "posts") & (mv["column"] == "reach")].iloc[0]
    assert reach["missing"] == 1 and reach["share"] == 0.5
    assert reach["by_platform"] == "facebook"
    assert reach["kind"] == "metric" and reach["other_missing"] == 0
    saves = mv[(mv["table"] == "posts") & (mv["column"] == "saves")].iloc[0]
    assert saves["by_platform"] == "facebook, zalo"


def test_readiness_on_tiny_and_sample(ws):
    tiny = datacheck.readiness(tiny_workspace(), brand="Lumi").set_index("analysis")
    assert tiny.loc["Campaign KPIs", "status"] == "missing"
    assert tiny.loc["Best time to post", "status"] == "limited"
    assert tiny.loc["Best time to post", "detail"] == "1 posts with reach"
    full = datacheck.readiness(ws, brand="Lumi").set_index("analysis")
    assert (full["status"] == "ready").all(), full[full["status"] != "ready"]
    assert full.loc["Share of voice", "detail"] == "3 brands in mentions"
    assert set(full.index) == set(datacheck.READINESS_RULES)


def test_rows_per_period_fills_empty_weeks():
    weekly = datacheck.rows_per_period(tiny_workspace())
    assert list(weekly.columns) == ["posts", "followers"]
    assert weekly.index[0] == pd.Timestamp("2025-12-29")  # the Monday of that week
    assert weekly["followers"].tolist() == [3, 2]
    assert weekly["posts"].tolist() == [2, 0]


def test_sample_has_no_gaps_in_daily_tables(ws):
    g = datacheck.gaps(ws)
    assert not g["table"].isin(["ads", "followers", "web_sessions"]).any()


def test_rows_per_period_counts_plans_only_when_asked():
    ws = tiny_workspace()
    plan = smm.validate(
        pd.DataFrame({"planted_at": [0]}).assign(
            planned_at=["2026-01-20T02:00:00Z"], brand="Lumi", platform="zalo", title="Tet post",
            status="planned",
        ).drop(columns="planted_at"),
        "calendar",
    )  # fmt: skip
    with_plans = Workspace({**ws.tables, "calendar": plan}, timezone=ws.timezone)
    assert "calendar" not in datacheck.rows_per_period(with_plans).columns
    weekly = datacheck.rows_per_period(with_plans, include_plans=True)
    assert weekly["calendar"].sum() == 1 and weekly.index[-1] == pd.Timestamp("2026-01-19")
