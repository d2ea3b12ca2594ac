"""channel_daily, the account-level daily table, and follower totals derived from daily gains.

Every expected total below is computed by hand in the comment beside it.
"""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import smmnb as smm
from smmnb.datacheck import inventory
from smmnb.io.followers import derive_followers
from smmnb.schema import TABLES, empty_table
from smmnb.workspace import TIME_COLUMNS, Workspace


def _channel(rows, platform="linkedin", brand="Lumi", lost=True) -> pd.DataFrame:
    """channel_daily rows: (date, gained, lost[, views])."""
    df = pd.DataFrame(
        {
            "date": [r[0] for r in rows],
            "brand": brand,
            "platform": platform,
            "views": [r[3] if len(r) > 3 else 100 for r in rows],
            "followers_gained": [r[1] for r in rows],
        }
    )
    if lost:
        df["followers_lost"] = [r[2] for r in rows]
    return df


def _folder(tmp_path, channel=None, followers=None, settings="owner: Lumi\n"):
    if channel is not None:
        channel.to_csv(tmp_path / "channel_daily.csv", index=False)
    if followers is not None:
        followers.to_csv(tmp_path / "followers.csv", index=False)
    (tmp_path / "smmnb.yml").write_text(settings, encoding="utf-8")
    return tmp_path


def _load(folder, **kwargs):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ws = smm.load_workspace(folder, cache=False, **kwargs)
    said = [str(w.message) for w in caught if issubclass(w.category, smm.DataWarning)]
    return ws, said


def _totals(ws, platform="linkedin") -> dict[str, int]:
    f = ws.followers[ws.followers["platform"] == platform].sort_values("date")
    return {d.date().isoformat(): int(n) for d, n in zip(f["date"], f["followers"], strict=True)}


KNOWN = "owner: Lumi\nfollowers:\n  linkedin: {date: 2026-10-30, count: 5120}\n"
DAYS = [
    ("2026-10-28", 10, 2),
    ("2026-10-29", 5, 1),
    ("2026-10-30", 7, 0),
    ("2026-10-31", 3, 4),
    ("2026-11-01", 6, 1),
]


# ------------------------------------------------------------------------------ the table


def test_channel_daily_is_a_canonical_table():
    spec = TABLES["channel_daily"]
    assert spec.names == [
        "date", "brand", "platform", "views", "impressions", "reach", "profile_views", "likes",
        "comments", "shares", "engagements", "followers_gained", "followers_lost",
    ]  # fmt: skip
    assert spec.required == ["date", "brand", "platform"]
    assert spec.key == ("date", "brand", "platform")
    assert spec["date"].dtype == TABLES["ads"]["date"].dtype == "datetime64[ns]"
    assert all(spec[c].dtype == "Int64" for c in spec.names[3:])
    assert TIME_COLUMNS["channel_daily"] == "date"
    assert list(empty_table("channel_daily").columns) == spec.names


def test_channel_daily_reads_validates_and_filters(tmp_path):
    df = _channel(DAYS)
    df.loc[1, "platform"] = "LinkedIn"  # labels are compared lower case
    ws, _ = _load(_folder(tmp_path, df))
    cd = ws.channel_daily
    assert len(cd) == 5 and cd["views"].dtype == "Int64"
    assert set(cd["platform"].astype("str")) == {"linkedin"}
    assert ws.last_date() == pd.Timestamp("2026-11-01")
    narrowed = ws.filter(start="2026-10-29", end="2026-10-31")
    assert narrowed.channel_daily["date"].dt.day.tolist() == [29, 30, 31]
    assert ws.filter(platforms=["tiktok"]).channel_daily.empty


def test_a_key_shared_by_two_rows_is_an_error(tmp_path):
    df = _channel([("2026-10-28", 1, 0, 5), ("2026-10-28", 2, 0, 6)])
    with pytest.raises(smm.SchemaError, match="appears on"):
        _load(_folder(tmp_path, df))


def test_inventory_lists_every_table(tmp_path):
    ws, _ = _load(_folder(tmp_path, _channel(DAYS)))
    inv = inventory(ws).set_index("table")
    assert list(inv.index) == list(TABLES)  # 12 with the two Search Console tables
    row = inv.loc["channel_daily"]
    assert (row["rows"], row["platforms"]) == (5, "linkedin")
    assert (row["first"], row["last"]) == (pd.Timestamp("2026-10-28"), pd.Timestamp("2026-11-01"))


def test_workspace_without_channel_daily_has_it_empty():
    ws = Workspace({})
    assert (
        ws.channel_daily.empty and list(ws.channel_daily.columns) == TABLES["channel_daily"].names
    )


# ------------------------------------------------------------------- followers from gains


def test_known_count_in_settings_gives_totals_backwards_and_forwards(tmp_path):
    ws, said = _load(_folder(tmp_path, _channel(DAYS), settings=KNOWN))
    # 30 Oct is the known 5,120. Forwards: 31 Oct 5,120 + (3 - 4) = 5,119; 1 Nov 5,119 + 5 =
    # 5,124. Backwards: 29 Oct 5,120 - (7 - 0) = 5,113; 28 Oct 5,113 - (5 - 1) = 5,109.
    assert _totals(ws) == {
        "2026-10-28": 5109, "2026-10-29": 5113, "2026-10-30": 5120, "2026-10-31": 5119,
        "2026-11-01": 5124,
    }  # fmt: skip
    f = ws.followers.sort_values("date")
    assert f["gained"].tolist() == [10, 5, 7, 3, 6] and f["lost"].tolist() == [2, 1, 0, 4, 1]
    note = (
        "LinkedIn followers of Lumi on 5 days from 28 Oct 2026 to 01 Nov 2026 are derived from "
        "the daily followers gained and lost, counted from 5,120 on 30 Oct 2026 (smmnb.yml)."
    )
    assert ws.notes == [note] and note in said


def test_a_row_of_the_followers_table_is_the_known_count(tmp_path):
    followers = pd.DataFrame(
        {"date": ["2026-10-29"], "brand": "Lumi", "platform": "linkedin", "followers": [1000]}
    )
    ws, _ = _load(_folder(tmp_path, _channel(DAYS), followers, settings="owner: Lumi\n"))
    # 29 Oct is the table's 1,000 (kept as is: no gained/lost there). 28 Oct 1,000 - (5 - 1) =
    # 996; 30 Oct 1,000 + 7 = 1,007; 31 Oct 1,007 - 1 = 1,006; 1 Nov 1,006 + 5 = 1,011.
    assert _totals(ws) == {
        "2026-10-28": 996, "2026-10-29": 1000, "2026-10-30": 1007, "2026-10-31": 1006,
        "2026-11-01": 1011,
    }  # fmt: skip
    assert ws.followers.loc[ws.followers["date"] == "2026-10-29", "gained"].isna().all()
    assert ws.notes == [
        "LinkedIn followers of Lumi on 4 days from 28 Oct 2026 to 01 Nov 2026 are derived from "
        "the daily followers gained and lost, counted from 1,000 on 29 Oct 2026 (the followers "
        "table)."
    ]


def test_the_nearest_known_count_is_used(tmp_path):
    followers = pd.DataFrame(
        {
            "date": ["2026-10-28", "2026-11-01"],
            "brand": "Lumi",
            "platform": "linkedin",
            "followers": [500, 900],
        }
    )
    ws, _ = _load(_folder(tmp_path, _channel(DAYS), followers))
    # 29 Oct from 28 Oct: 500 + 4 = 504; 30 Oct is two days from either: the earlier count
    # wins, 504 + 7 = 511; 31 Oct from 1 Nov: 900 - (6 - 1) = 895.
    assert _totals(ws) == {
        "2026-10-28": 500, "2026-10-29": 504, "2026-10-30": 511, "2026-10-31": 895,
        "2026-11-01": 900,
    }  # fmt: skip
    assert "the nearest of 2 known counts (the followers table)" in ws.notes[0]


def test_a_day_without_gains_breaks_the_chain(tmp_path):
    days = [("2026-10-28", 10, 2), ("2026-10-29", 5, 1), ("2026-10-31", 3, 4)]
    settings = "owner: Lumi\nfollowers:\n  linkedin: {date: 2026-10-29, count: 200}\n"
    ws, _ = _load(_folder(tmp_path, _channel(days), settings=settings))
    # 30 Oct is missing, so 31 Oct cannot be reached from 29 Oct; 28 Oct = 200 - 4 = 196.
    assert _totals(ws) == {"2026-10-28": 196, "2026-10-29": 200}
    assert ws.notes[0].startswith("LinkedIn followers of Lumi on 2 days from 28 Oct 2026 to 29")


def test_gains_without_unfollows_say_the_totals_run_high(tmp_path):
    days = [("2026-10-29", 4, None), ("2026-10-30", 6, None), ("2026-10-31", 5, None)]
    settings = "owner: Lumi\nfollowers:\n  linkedin: {date: 2026-10-30, count: 80}\n"
    ws, _ = _load(_folder(tmp_path, _channel(days, lost=False), settings=settings))
    # 29 Oct = 80 - 6 = 74; 31 Oct = 80 + 5 = 85.
    assert _totals(ws) == {"2026-10-29": 74, "2026-10-30": 80, "2026-10-31": 85}
    assert ws.followers["lost"].isna().all()
    assert ws.notes[0].endswith(
        "; the export has no unfollows, so these totals run high after that day and low before it."
    )


def test_a_count_the_gains_contradict_is_not_used(tmp_path):
    days = [("2026-10-29", 50, 0), ("2026-10-30", 6, 0)]
    settings = "owner: Lumi\nfollowers:\n  linkedin: {date: 2026-10-30, count: 4}\n"
    ws, said = _load(_folder(tmp_path, _channel(days), settings=settings))
    # 29 Oct = 4 - 6 = -2 followers: impossible, nothing is derived.
    assert ws.followers.empty
    assert ws.notes == [
        "LinkedIn follower counts of Lumi could not be derived from the daily followers gained "
        "and lost: counted from 4 on 30 Oct 2026 (smmnb.yml), some days would have fewer than "
        "no followers, so the gains, the losses or the count disagree."
    ]
    assert ws.notes[0] in said


def test_gains_without_any_count_stay_in_channel_daily(tmp_path):
    ws, said = _load(_folder(tmp_path, _channel(DAYS)))
    assert ws.followers.empty and ws.notes == [] and said == []
    assert ws.channel_daily["followers_gained"].sum() == 31


def test_a_count_for_a_platform_without_gains_is_one_row(tmp_path):
    settings = "owner: Lumi\nfollowers:\n  x: {date: 2026-10-30, count: 77}\n"
    ws, _ = _load(_folder(tmp_path, _channel(DAYS), settings=settings))
    assert _totals(ws, "x") == {"2026-10-30": 77}
    assert "linkedin" not in set(ws.followers["platform"].astype("str"))
    assert ws.notes == [
        "X followers of Lumi on 30 Oct 2026 are 77, from smmnb.yml; no export has X's daily "
        "followers gained, so no other day is derived."
    ]


def test_the_followers_table_wins_over_settings_on_the_same_day(tmp_path):
    followers = pd.DataFrame(
        {"date": ["2026-10-30"], "brand": "Lumi", "platform": "linkedin", "followers": [3000]}
    )
    ws, _ = _load(_folder(tmp_path, _channel(DAYS), followers, settings=KNOWN))
    assert _totals(ws)["2026-10-30"] == 3000 and _totals(ws)["2026-10-31"] == 2999


def test_competitors_series_are_derived_from_their_own_counts(tmp_path):
    followers = pd.DataFrame(
        {"date": ["2026-10-28"], "brand": "Sen Tea", "platform": "linkedin", "followers": [10]}
    )
    channel = pd.concat([_channel(DAYS), _channel(DAYS[:2], brand="Sen Tea")])
    ws, _ = _load(_folder(tmp_path, channel, followers))
    sen = ws.followers[ws.followers["brand"] == "Sen Tea"].sort_values("date")
    assert sen["followers"].tolist() == [10, 14]  # 10 + (5 - 1)
    assert (ws.followers["brand"] == "Lumi").sum() == 0  # no count for Lumi


def test_derived_totals_are_the_same_from_the_cache(tmp_path, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    _folder(data, _channel(DAYS), settings=KNOWN)
    monkeypatch.setenv("SMMNB_CACHE", str(tmp_path / "cache"))
    with pytest.warns(smm.DataWarning, match="derived from the daily followers"):
        first = smm.load_workspace(data)
    with pytest.warns(smm.DataWarning, match="derived from the daily followers"):
        again = smm.load_workspace(data)
    pd.testing.assert_frame_equal(first.followers, again.followers)
    assert first.notes == again.notes and len(again.followers) == 5


def test_derive_followers_alone():
    cd = smm.validate(_channel(DAYS), "channel_daily")
    rows, notes = derive_followers(
        empty_table("followers"), cd, {"linkedin": (pd.Timestamp("2026-11-01").date(), 10)}, "Lumi"
    )
    # 1 Nov = 10; 31 Oct = 10 - 5 = 5; 30 Oct = 5 + 1 = 6; 29 Oct = 6 - 7 = -1: impossible.
    assert rows.empty and "could not be derived" in notes[0]
    table = smm.validate(
        pd.DataFrame({"date": ["2026-10-31"], "brand": "Lumi", "platform": "linkedin",
                      "followers": [2]}),
        "followers",
    )  # fmt: skip
    # 31 Oct = 2; 1 Nov = 2 + 5 = 7; 30 Oct = 2 + 1 = 3; 29 Oct = 3 - 7 = -4: impossible.
    rows, notes = derive_followers(table, cd)
    assert rows.empty and notes == [
        "LinkedIn follower counts of Lumi could not be derived from the daily followers gained "
        "and lost: counted from the counts of the followers table, some days would have fewer "
        "than no followers, so the gains, the losses or the count disagree."
    ]


# ------------------------------------------------------------------ the channel overview


def _overview_table() -> pd.DataFrame:
    rows = pd.DataFrame(
        {
            "date": ["2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05"] * 2,
            "brand": "Lumi",
            "platform": ["tiktok"] * 5 + ["youtube"] * 5,
            "views": [100, 200, 300, None, 50, None, None, None, None, None],
            "impressions": [None] * 5 + [1000, 3000, None, 2000, None],
            "reach": [10, 20, 30, 40, None, None, None, None, None, None],
        }
    )
    return smm.validate(rows, "channel_daily")


def test_channel_overview_adds_views_over_days_and_never_reach():
    from smmnb.trends import channel_overview

    o = channel_overview(_overview_table())
    tiktok, youtube = (
        o.platforms.set_index("platform").loc[["tiktok", "youtube"]].to_dict("records")
    )
    # tiktok: views 100 + 200 + 300 + 50 = 650 on 4 days, 162.5 a day, the most 300 on 3 Oct;
    # reach on 4 days: (10 + 20 + 30 + 40) / 4 = 25 a day, never 100.
    assert (tiktok["days"], tiktok["views"], tiktok["views_days"]) == (5, 650, 4)
    assert tiktok["views_per_day"] == 162.5 and tiktok["top_views"] == 300
    assert tiktok["top_day"] == pd.Timestamp("2026-10-03")
    assert (tiktok["reach_per_day"], tiktok["reach_max"], tiktok["reach_days"]) == (25, 40, 4)
    assert "reach" not in o.platforms.columns  # no total of reach
    # youtube: impressions only, 1,000 + 3,000 + 2,000 = 6,000 on 3 days; its busiest day is
    # the day of most impressions.
    assert (youtube["days"], youtube["impressions"], youtube["impressions_per_day"]) == (
        3, 6000, 2000,
    )  # fmt: skip
    assert youtube["views_days"] == 0 and pd.isna(youtube["views"])
    assert youtube["top_day"] == pd.Timestamp("2026-10-02")
    narrowed = channel_overview(_overview_table(), start="2026-10-02", end="2026-10-03")
    assert narrowed.platforms.set_index("platform").loc["tiktok", "views"] == 500


def test_channel_overview_without_views_or_reach_says_so():
    from smmnb.errors import InsufficientData
    from smmnb.narrative import trends as say
    from smmnb.trends import channel_overview

    gains = smm.validate(_channel(DAYS), "channel_daily").assign(views=pd.NA)
    gains["views"] = gains["views"].astype("Int64")
    with pytest.raises(InsufficientData, match="The channel overview needs"):
        channel_overview(gains)
    with pytest.raises(InsufficientData) as info:
        say.require_channel(empty_table("channel_daily"), empty_table("channel_daily"), "for X")
    assert str(info.value) == (
        "The channel overview needs account-level daily views, impressions or reach (exports "
        "such as TikTok Studio's Overview, YouTube Studio's Totals or Chart data, a Meta page's "
        "Reach, X's account overview or LinkedIn's Metrics); this folder has none."
    )
    with pytest.raises(InsufficientData, match="this folder has 8 account-level days, none on x"):
        say.require_channel(empty_table("channel_daily"), _overview_table(), "on x")


def test_channel_overview_sentence_has_the_numbers_and_reach_per_day():
    from smmnb.narrative import trends as say
    from smmnb.trends import channel_overview

    o = channel_overview(_overview_table())
    text = say.channel_overview(o, "Lumi")
    assert text == (
        "Lumi's account on **TikTok** had **162 views a day** on average over 4 days (650 in "
        "all; the most, 300, on 03 Oct) and a reach of **25 per day** on average over 4 days "
        "(the highest day 40), from 01 Oct to 05 Oct. Lumi's account on **YouTube** had "
        "**2,000 impressions a day** on average over 3 days (6,000 in all; the most, 3,000, on "
        "02 Oct), from 01 Oct to 04 Oct. Reach is per day: the same people come back day after "
        "day and follow several platforms, so daily reach is never added up across days or "
        "platforms."
    )
    assert "nan" not in text.lower()
    table = say.channel_table(o).set_index("platform")
    assert table.loc["youtube", "views per day"] == "not reported"
    assert table.loc["tiktok", "reach per day"] == "25"
    assert say.channel_metric(o) == "views"


# ---------------------------------------------------------- audience growth from gains


def _gain_days(n: int, gained, lost=None, platform="linkedin") -> pd.DataFrame:
    dates = pd.date_range("2026-09-01", periods=n, freq="D").strftime("%Y-%m-%d")
    df = pd.DataFrame({"date": dates, "brand": "Lumi", "platform": platform})
    df["followers_gained"] = gained
    if lost is not None:
        df["followers_lost"] = lost
    return smm.validate(df, "channel_daily")


def test_follower_gains_windows_and_the_period():
    from smmnb.trends import follower_gains

    cd = _gain_days(60, [2] * 30 + [3] * 30, [1] * 60)  # 1 Sep to 30 Oct
    g = follower_gains(cd, start="2026-10-01", as_of="2026-10-30")
    r = g.platforms.iloc[0]
    # the period 1 to 30 Oct: 30 days of 3 gained and 1 lost: 90, 30, net 60.
    assert (r["days"], r["gained"], r["lost"], r["net"]) == (30, 90, 30, 60)
    # last 28 days (3 to 30 Oct): 84 gained, net 56; the 28 before (5 Sep to 2 Oct): 26 days
    # of 2 and 2 of 3 = 58 gained, net 58 - 28 = 30.
    assert (r["gained_28d"], r["net_28d"]) == (84, 56)
    assert (r["gained_prev_28d"], r["net_prev_28d"]) == (58, 30)
    assert g.daily["cumulative"].iloc[-1] == 60 and g.daily["date"].min() == pd.Timestamp(
        "2026-10-01"
    )
    short = follower_gains(_gain_days(40, 1), as_of="2026-10-10")
    r = short.platforms.iloc[0]
    # 40 days: the last 28 complete, the 28 before not: NaN, never a partial sum.
    assert r["gained_28d"] == 28 and pd.isna(r["gained_prev_28d"]) and not r["lost_reported"]
    assert pd.isna(r["lost"]) and r["net"] == 40


def test_follower_gains_leave_out_platforms_with_counts():
    from smmnb.trends import follower_gains

    cd = pd.concat([_gain_days(5, 1), _gain_days(5, 1, platform="tiktok")], ignore_index=True)
    counted = smm.validate(
        pd.DataFrame({"date": ["2026-09-01"], "brand": "Lumi", "platform": "tiktok",
                      "followers": [10]}),
        "followers",
    )  # fmt: skip
    g = follower_gains(cd, counted)
    assert g.platforms["platform"].tolist() == ["linkedin"]
    empty = follower_gains(cd.iloc[:0])
    # No rows, with the columns and dtypes of a result with rows.
    assert empty.platforms.empty and empty.daily.empty
    assert empty.platforms.dtypes.to_dict() == g.platforms.dtypes.to_dict()
    assert empty.daily.dtypes.to_dict() == g.daily.dtypes.to_dict()


def test_follower_gains_sentences():
    from smmnb.errors import InsufficientData
    from smmnb.narrative import trends as say
    from smmnb.trends import follower_gains

    g = follower_gains(_gain_days(60, [2] * 30 + [3] * 30, [1] * 60), start="2026-10-01")
    text = say.follower_gains(g, "Lumi")
    assert text.startswith(
        "On **LinkedIn** Lumi gained 90 followers and lost 30 from 01 Oct to 30 Oct (30 days "
        "with data; net +60). In the last 28 days to 30 Oct: 84 new followers (net +56), against "
        "58 in the 28 days before (net +30). The data hold no follower count for LinkedIn"
    )
    assert "`followers: {linkedin: {date: 2026-10-30, count: 5120}}`" in text
    only = say.follower_gains(follower_gains(_gain_days(10, 3)), "Lumi")
    assert (
        "gained 30 new followers from 01 Sep to 10 Sep (10 days with data); the export does "
        "not count unfollows, so this is not the change in followers." in only
    )
    assert "last 28 days" not in only
    with pytest.raises(InsufficientData) as info:
        say.require_follower_counts(0, 0, ["linkedin"], "for Lumi")
    assert str(info.value) == (
        "Forecasting followers needs daily follower counts; the data in scope count only the "
        "followers gained each day on LinkedIn, without a total (one known count in smmnb.yml "
        "turns them into totals; see below)."
    )
    with pytest.raises(InsufficientData, match="this folder has none"):
        say.require_follower_counts(0, 0, [], "for Lumi")
    say.require_follower_counts(3, 3, ["linkedin"], "for Lumi")  # counts in scope: no error
    table = say.gains_table(g).iloc[0]
    assert (table["gained"], table["lost"], table["net"]) == ("90", "30", "+60")


# ----------------------------------------------------------------- the executive summary


def test_headline_counts_daily_views_of_the_accounts():
    from smmnb import insights
    from smmnb.narrative import summary

    ws = Workspace({"channel_daily": _overview_table()}, timezone="Asia/Ho_Chi_Minh")
    head = insights.headline_kpis(ws, "Lumi", "2026-10-01", "2026-10-05")
    values = dict(zip(head["measure"], head["value"], strict=True))
    # tiktok views 100 + 200 + 300 + 50 = 650 over 4 days; youtube has impressions only.
    assert values == {"views": 650, "views per day": 162.5}
    assert head.attrs["view_platforms"] == ["tiktok"]
    assert summary.headline(head, "Lumi") == (
        "In the period Lumi's accounts on TikTok had 650 views (162 a day)."
    )
    both = _overview_table().copy()
    both.loc[both["platform"] == "youtube", "views"] = 10  # 5 days of 10 views
    head = insights.headline_kpis(Workspace({"channel_daily": both}), "Lumi", "2026-10-01",
                                  "2026-10-05")  # fmt: skip
    values = dict(zip(head["measure"], head["value"], strict=True))
    # days: 110, 210, 310, 10, 60 = 700 over 5 days, 140 a day.
    assert values == {"views": 700, "views per day": 140}
    table = summary.headline_table(head).set_index("measure")
    assert (
        table.loc["views", "value"] == "700"
        and "summed over days" in table.loc["views", "definition"]
    )
