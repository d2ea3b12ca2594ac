"""The data check: inventory, gaps, missing values and readiness, on known data."""

from __future__ import annotations

import pandas as pd
import pytest

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
    assert (row["table"], row["series"]) == ("followers", "Lumi / Zalo")
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
    assert g["series"].tolist() == ["Lumi / TikTok", "Lumi / Zalo"]
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
    assert tiny.loc["Best time to post", "detail"] == "1 post with reach"
    full = datacheck.readiness(ws, brand="Lumi").set_index("analysis")
    # The channel overview needs account-level exports (TikTok Overview, YouTube Totals...),
    # which the sample may or may not hold.
    full = full.drop(index="Channel overview")
    assert (full["status"] == "ready").all(), full[full["status"] != "ready"]
    assert full.loc["Share of voice", "detail"] == "mentions of Lumi, Moc Coffee and Sen Tea"
    assert set(full.index) | {"Channel overview"} == set(datacheck.READINESS_RULES)


def _channel_daily(platforms, days, **metrics) -> pd.DataFrame:
    dates = pd.date_range("2026-01-01", periods=days, freq="D").strftime("%Y-%m-%d")
    rows = pd.DataFrame(
        [(d, "Lumi", p) for p in platforms for d in dates], columns=["date", "brand", "platform"]
    )
    return smm.validate(rows.assign(**metrics), "channel_daily")


def test_readiness_of_the_channel_overview():
    views = Workspace({"channel_daily": _channel_daily(["youtube", "tiktok"], 8, views=5)})
    row = datacheck.readiness(views, "Lumi").set_index("analysis").loc["Channel overview"]
    assert (row["status"], row["detail"]) == (
        "ready",
        "8 days of account-level views, impressions or reach on TikTok and YouTube",
    )
    short = Workspace({"channel_daily": _channel_daily(["x"], 3, reach=5)})
    row = datacheck.readiness(short, "Lumi").set_index("analysis").loc["Channel overview"]
    assert (row["status"], row["detail"]) == (
        "limited",
        "3 days of account-level views, impressions or reach on X",
    )
    gains = Workspace({"channel_daily": _channel_daily(["linkedin"], 8, followers_gained=2)})
    row = datacheck.readiness(gains, "Lumi").set_index("analysis").loc["Channel overview"]
    assert (row["status"], row["detail"]) == (
        "missing",
        "no account-level daily views, impressions or reach of Lumi",
    )


def test_readiness_of_audience_growth_from_daily_gains():
    gains = _channel_daily(["linkedin"], 40, followers_gained=2)
    ws = Workspace({"channel_daily": gains})
    row = datacheck.readiness(ws, "Lumi").set_index("analysis").loc["Audience growth"]
    assert (row["status"], row["detail"]) == (
        "limited",
        "no follower counts of Lumi; 40 days of followers gained on LinkedIn without a count "
        "(net gains only)",
    )
    # a platform with counts is not listed as gains only
    both = Workspace({"channel_daily": gains, "followers": tiny_workspace().followers})
    row = datacheck.readiness(both, "Lumi").set_index("analysis").loc["Audience growth"]
    assert row["detail"] == (
        "4 days of follower counts; 40 days of followers gained on LinkedIn without a count "
        "(net gains only)"
    )
    counted = smm.validate(gains[["date", "brand", "platform"]].assign(followers=100), "followers")
    ws = Workspace({"channel_daily": gains, "followers": counted})
    row = datacheck.readiness(ws, "Lumi").set_index("analysis").loc["Audience growth"]
    assert (row["status"], row["detail"]) == ("ready", "40 days of follower counts")


def test_gaps_in_channel_daily_are_found():
    cd = _channel_daily(["tiktok"], 6, views=1)
    cd = cd[cd["date"] != "2026-01-03"].reset_index(drop=True)
    g = datacheck.gaps(Workspace({"channel_daily": cd}))
    assert g[["table", "series", "longest_gap"]].values.tolist() == [
        ["channel_daily", "Lumi / TikTok", 1]
    ]


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


# --- issue 12: any workspace ----------------------------------------------------------------


def _ads(rows: list[tuple[str, str, float]]) -> pd.DataFrame:
    return smm.validate(
        pd.DataFrame(
            {
                "date": [r[0] for r in rows],
                "brand": "United",
                "platform": "facebook",
                "campaign": "Fall",
                "ad": ["a", "b"][: len(rows)] * (len(rows) // 2) + ["a"] * (len(rows) % 2),
                "spend": [r[2] for r in rows],
                "currency": [r[1] for r in rows],
                "impressions": 1000,
                "clicks": 10,
            }
        ),
        "ads",
    )


def test_readiness_never_adds_money_of_different_currencies():
    ads = _ads([("2026-10-01", "USD", 12.5), ("2026-10-02", "VND", 250000.0),
                ("2026-10-03", "USD", 7.5)])  # fmt: skip
    ws = Workspace({"ads": ads}, timezone="America/New_York", currency="USD")
    detail = datacheck.readiness(ws, "United").set_index("analysis").loc["Campaign KPIs", "detail"]
    assert detail == "3 ad-days in 1 campaign, 250,000 VND and 20.00 USD spent"
    spent = datacheck.spend_by_currency(ads, "USD")
    assert spent.to_dict() == {"VND": 250000.0, "USD": 20.0}


def test_readiness_for_a_brand_without_rows_in_the_period_does_not_raise():
    mentions = smm.validate(
        pd.DataFrame(
            {
                "mention_id": ["1", "2", "3"],
                "created_at": ["2026-10-01T12:00:00Z"] * 3,
                "brand": ["Apple", "Apple", "Samsung"],
                "text": ["a", "b", "c"],
            }
        ),
        "mentions",
    )
    ws = Workspace({"mentions": mentions}).filter(brand="Apple")
    ready = datacheck.readiness(ws, "Samsung").set_index("analysis")
    # own channels: none for Samsung; mentions: its own for sentiment, every brand's for voice
    assert ready.loc["Customer sentiment and themes", "detail"] == (
        "0 comments and 1 mention of Samsung"
    )
    assert ready.loc["Share of voice", "detail"] == "mentions of Apple and Samsung"
    assert ready.loc["Share of voice", "status"] == "ready"
    assert ready.loc["Campaign KPIs", "detail"] == "no ads of Samsung"
    assert ready.loc["Mention spikes", "detail"] == "1 day with mentions of Samsung"
    one = datacheck.readiness(Workspace({"mentions": mentions[mentions["brand"] == "Samsung"]}))
    assert one.set_index("analysis").loc["Share of voice", "detail"] == "mentions of Samsung only"
    assert not one["detail"].str.contains(r"\bnan\b|\.0\b").any()


def test_readiness_best_time_needs_a_time_of_day_and_uses_history():
    def posts(stamps):
        return smm.validate(
            pd.DataFrame(
                {
                    "post_id": [str(i) for i in range(len(stamps))],
                    "brand": "Lumi",
                    "platform": "facebook",
                    "published_at": stamps,
                    "reach": 100,
                    "format": "image",
                }
            ),
            "posts",
            timezone="Asia/Ho_Chi_Minh",
        )

    dated = Workspace({"posts": posts(["2026-10-01", "2026-10-02"])})  # local midnight
    row = datacheck.readiness(dated, "Lumi").set_index("analysis").loc["Best time to post"]
    assert (row["status"], row["detail"]) == (
        "missing",
        "2 posts with reach, dated without a time of day",
    )
    timed = Workspace({"posts": posts(["2026-10-01T12:00:00Z", "2026-10-20T12:00:00Z"])})
    period = timed.filter(start="2026-10-15", end="2026-10-31")
    row = datacheck.readiness(period, "Lumi", history=timed).set_index("analysis")
    assert row.loc["Best time to post", "detail"] == "2 posts with reach"  # history
    assert row.loc["Formats", "detail"] == "1 format among 1 post with reach"  # the period


def test_readiness_counts_plans_of_every_date():
    plan = smm.validate(
        pd.DataFrame({"planned_at": ["2026-12-01T02:00:00Z", "2026-12-02T02:00:00Z"],
                      "brand": ["Lumi", "Sen Tea"], "platform": "zalo", "title": "t",
                      "status": "planned"}),
        "calendar",
    )  # fmt: skip
    ws = Workspace({"followers": tiny_workspace().followers})
    row = datacheck.readiness(ws, "Lumi", plans=plan).set_index("analysis").loc["Content calendar"]
    assert (row["status"], row["detail"]) == ("ready", "1 planned item")


def _settings_folder(tmp_path, settings: str, ads_currency: str | None = "VND"):
    frame = pd.DataFrame(
        {
            "date": ["2026-10-01"],
            "brand": ["Acme"],
            "platform": ["facebook"],
            "campaign": ["Fall"],
            "spend": [10.0],
            "impressions": [100],
            "clicks": [1],
        }
    )
    if ads_currency:
        frame["currency"] = ads_currency
    frame.to_csv(tmp_path / "ads.csv", index=False)
    pd.DataFrame(
        {"mention_id": ["1"], "created_at": ["2026-10-01T01:00:00Z"], "brand": ["Rival"],
         "text": ["hi"]}
    ).to_csv(tmp_path / "mentions.csv", index=False)  # fmt: skip
    if settings:
        (tmp_path / "smmnb.yml").write_text(settings, encoding="utf-8")
    return smm.load_workspace(tmp_path, cache=False)


def test_settings_in_force_say_where_each_came_from(tmp_path):
    def facts(ws, **kw):
        out = datacheck.settings_in_force(ws, **kw).set_index("setting")
        return {k: (v, s) for k, v, s in out.itertuples()}

    (tmp_path / "a").mkdir()
    inferred = facts(_settings_folder(tmp_path / "a", "", ads_currency="USD"))
    assert inferred == {
        "brand": ("Acme", "inferred"),
        "owner": ("Acme", "inferred"),
        "competitors": ("Rival", "data"),
        "timezone": ("Asia/Ho_Chi_Minh", "default"),
        "currency": ("USD", "exports"),
    }
    (tmp_path / "b").mkdir()
    ws = _settings_folder(
        tmp_path / "b",
        "owner: Acme\ncompetitors: [Rival, Ghost]\ntimezone: Europe/Paris\n",
        ads_currency=None,
    )
    filed = facts(ws)
    assert filed["owner"] == ("Acme", "file") and filed["brand"] == ("Acme", "file")
    assert filed["competitors"] == ("Rival, Ghost", "file")
    assert filed["timezone"] == ("Europe/Paris", "file")
    assert filed["currency"] == ("VND", "default")
    assert datacheck.missing_competitors(ws, "Acme") == ["Ghost"]
    chosen = facts(ws, brand="Rival", timezone="Europe/Paris", currency="VND")
    assert chosen["brand"] == ("Rival", "parameter")
    assert chosen["competitors"] == ("Acme", "data")
    assert chosen["timezone"][1] == "parameter" and chosen["currency"][1] == "parameter"
    (tmp_path / "c").mkdir()
    nobody = _settings_folder(tmp_path / "c", "")
    (tmp_path / "c" / "ads.csv").unlink()
    nobody = smm.load_workspace(tmp_path / "c", cache=False)
    assert facts(nobody)["owner"] == ("", "none")
    assert facts(nobody)["brand"] == ("Rival", "inferred")


def test_coverage_says_when_there_is_nothing_dated():
    from smmnb.errors import InsufficientData

    assert len(datacheck.coverage(tiny_workspace())) == 2
    with pytest.raises(InsufficientData, match="The coverage chart needs dated rows"):
        datacheck.coverage(Workspace({}))


def test_sentences_of_the_data_check_are_true_on_thin_folders():
    from smmnb.narrative import datacheck as say

    facts = pd.DataFrame(
        [("brand", "Apple", "inferred"), ("owner", "", "none"), ("competitors", "", "data"),
         ("timezone", "Asia/Ho_Chi_Minh", "default"), ("currency", "VND", "default")],
        columns=["setting", "value", "source"],
    )  # fmt: skip
    text = say.settings(facts, has_file=False)
    assert (
        "- **Brand analysed**: Apple (the brand with the most rows, since the folder names" in text
    )
    assert "- **Owner** (whose own exports these are): none; the folder has no smmnb.yml" in text
    assert "- **Competitors**: none; the data hold no other brand." in text
    assert "(smmnb's default; set `timezone` in smmnb.yml to change it)" in text
    filed = facts.copy()
    filed.loc[1, ["value", "source"]] = ["Apple", "file"]
    filed.loc[0, "value"], filed.loc[2, ["value", "source"]] = "Apple", ["Samsung, Ghost", "file"]
    text = say.settings(filed, has_file=True, absent=["Ghost"])
    assert "**Owner** (whose own exports these are): Apple, from smmnb.yml." in text
    assert "**Competitors**: Samsung and Ghost (from smmnb.yml); Ghost has no rows" in text
    assert say.money([], [], "VND", False) == (
        "The folder holds no ads, so no spend is converted or added."
    )
    two = say.money(["USD", "VND"], [], "VND", False)
    assert "Ad spend is in USD and VND; no exchange rate is given" in two
    assert "never added: every money figure is shown per currency." in two
    converted = say.money(
        ["VND"], ["3 ad rows in USD converted at 25,400 VND per USD"], "VND", True
    )
    assert converted == (
        "Ad spend is in VND. Converted into VND while reading: 3 ad rows in USD converted at "
        "25,400 VND per USD."
    )
    inv = datacheck.inventory(Workspace({"influencers": smm.validate(pd.DataFrame(
        {"influencer": ["a"], "platform": "tiktok", "brand": "Apple", "campaign": "c"}),
        "influencers")}))  # fmt: skip
    found = say.tables_found(inv, "Asia/Ho_Chi_Minh", ["Apple"])
    assert found.startswith("Found **1 of 12 tables**, **1 row** in all. Brand: Apple. Not found")
    assert "Observed" not in found  # no dated rows: no dates
    # no daily table in the folder: nothing is said about daily tables
    gap = datacheck.gaps(tiny_workspace())
    assert say.gaps(gap, ["posts"]).endswith("from 03 Jan 2026.")
    assert say.gaps(gap, ["followers"]).endswith(
        "a missing day in a daily table understates totals."
    )
    src = pd.DataFrame({"file": ["exports/a.csv"], "format": ["meta_ads"], "table": ["ads"],
                        "rows": [460], "rows_added": [460], "note": [""]})  # fmt: skip
    assert (
        say.files_read(src) == "**1 export file** (meta\\_ads) held 460 rows; all of them were new."
    )
    ready = pd.DataFrame(
        [("A", "ready", "x", "1 thing"), ("B", "limited", "two things", "1 thing"),
         ("C", "missing", "ads", "no ads of Apple")],
        columns=["analysis", "status", "needs", "detail"],
    )  # fmt: skip
    assert say.verdict(ready, "Apple") == (
        "**Verdict: 1 of 3 analyses ready for Apple.** B is limited: it needs two things, and the "
        "data hold 1 thing. Not possible yet (the table says what each needs): C."
    )


def test_sentences_about_channel_daily_and_derived_followers():
    from smmnb.narrative import datacheck as say

    assert say.derived([]) == ""
    assert say.derived(["LinkedIn followers of Lumi on 3 days are derived."]) == (
        "Derived while reading: LinkedIn followers of Lumi on 3 days are derived."
    )
    cd = _channel_daily(["tiktok"], 6, views=1)
    cd = cd[cd["date"] != "2026-01-03"].reset_index(drop=True)
    gap = datacheck.gaps(Workspace({"channel_daily": cd}))
    assert say.gaps(gap, ["channel_daily"]).endswith(
        "Check channel\\_daily: a missing day in a daily table understates totals."
    )
