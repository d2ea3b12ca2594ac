"""smmnb.calendar: summary values by hand, open slots, ICS parsed back, CSV formula escaping."""

from __future__ import annotations

import icalendar
import numpy as np
import pandas as pd
import pytest

from smmnb import calendar as cal
from smmnb import plots

TZ = "Asia/Ho_Chi_Minh"


def _utc(local):
    return pd.to_datetime(pd.Series(local)).dt.tz_localize(TZ).dt.tz_convert("UTC")


@pytest.fixture
def plan():
    """Four published items (two late), one overdue, one cancelled, two planned ahead."""
    calendar = pd.DataFrame(
        {
            "planned_at": _utc(
                [
                    "2026-11-02 09:00",  # published on time
                    "2026-11-03 19:00",  # published 30 min late: on time (tolerance 1 h)
                    "2026-11-04 12:00",  # published 2 h late
                    "2026-11-05 20:00",  # published a day late
                    "2026-11-06 10:00",  # open and overdue on 2026-11-08
                    "2026-11-07 10:00",  # cancelled
                    "2026-11-10 19:00",  # ahead
                    "2026-11-12 19:00",  # ahead
                ]
            ),
            "brand": "Lumi",
            "platform": ["facebook"] * 6 + ["facebook", "instagram"],
            "title": [f"Item {i}" for i in range(8)],
            "format": "image",
            "campaign": [None] * 6 + ["Launch", None],
            "status": ["published"] * 4 + ["planned", "cancelled", "scheduled", "planned"],
            "owner": "Thảo",
            "post_id": ["p0", "p1", "p2", "p3", None, None, None, None],
        }
    )
    posts = pd.DataFrame(
        {
            "post_id": ["p0", "p1", "p2", "p3", "p4"],
            "brand": "Lumi",
            "platform": ["facebook"] * 4 + ["instagram"],
            "published_at": _utc(
                [
                    "2026-11-02 09:00",
                    "2026-11-03 19:30",
                    "2026-11-04 14:00",
                    "2026-11-06 20:00",
                    "2026-11-07 08:00",
                ]
            ),
            "campaign": None,
        }
    )
    return calendar, posts


def test_summary_values_by_hand(plan):
    calendar, posts = plan
    ads = pd.DataFrame(
        {
            "date": pd.to_datetime(["2026-11-05", "2026-11-06", "2026-11-06"]),
            "platform": ["tiktok", "facebook", "google"],
            "campaign": ["Launch", "Launch", "Search"],
            "spend": [100.0, 200.0, 50.0],
        }
    )
    s = cal.summary(calendar, posts, as_of="2026-11-08", ads=ads, tz=TZ, weeks_ahead=1)
    ot = s.on_time.set_index("platform").loc["facebook"]
    assert ot["published_items"] == 4 and ot["on_time"] == 2
    assert ot["on_time_rate"] == pytest.approx(0.5)
    assert ot["median_delay_h"] == pytest.approx(np.median([0, 0.5, 2, 24]))
    week = s.weekly.set_index(["platform", "week"])
    fb = week.loc[("facebook", pd.Timestamp("2026-11-02"))]
    assert (fb["planned"], fb["cancelled"], fb["published"], fb["published_as_planned"]) == (
        5, 1, 4, 4)  # fmt: skip
    assert fb["completion"] == pytest.approx(4 / 5)
    assert np.isnan(week.loc[("facebook", pd.Timestamp("2026-11-09")), "completion"])
    assert s.overdue["title"].tolist() == ["Item 4"] and s.overdue["days_overdue"].iloc[0] == 2
    gaps = s.gaps.groupby("platform").size()
    assert gaps.to_dict() == {"facebook": 6, "instagram": 6}  # 7 days, one item each
    assert s.campaigns_without_content[["campaign", "platform"]].values.tolist() == [
        ["Launch", "tiktok"]
    ]
    cad = s.cadence.set_index("platform")
    assert cad.loc["facebook", "published_per_week"] == pytest.approx(4 / 4)
    assert cad.loc["facebook", "planned_per_week"] == 1 and cad.loc["facebook", "status"] == "below"
    with pytest.raises(ValueError, match="weeks_ahead must be >= 1, got 0"):
        cal.summary(calendar, posts, weeks_ahead=0)
    with pytest.raises(ValueError, match="tolerance must be a duration"):
        cal.summary(calendar, posts, tolerance="soon")


def test_upcoming_lists_the_window_in_time_order(plan):
    calendar, _ = plan
    out = cal.upcoming(calendar, "2026-11-07", days=7, tz=TZ)
    assert out["title"].tolist() == ["Item 5", "Item 6", "Item 7"]
    assert out["planned_local"].iloc[1] == pd.Timestamp("2026-11-10 19:00")


def test_suggest_slots_skip_planned_days_and_rank_by_best_time():
    rng = np.random.default_rng(3)
    rows = []
    for week in range(8):
        for day, hour, er in ((0, 19, 0.06), (1, 19, 0.05), (2, 9, 0.02), (3, 19, 0.04)):
            local = pd.Timestamp("2026-09-07") + pd.Timedelta(days=7 * week + day, hours=hour)
            rows.append((local, er * rng.uniform(0.95, 1.05)))
    posts = pd.DataFrame({"local": [r[0] for r in rows], "er": [r[1] for r in rows]})
    posts = pd.DataFrame(
        {
            "post_id": [f"p{i}" for i in range(len(rows))],
            "platform": "facebook",
            "format": "image",
            "published_at": posts["local"].dt.tz_localize(TZ).dt.tz_convert("UTC"),
            "reach": pd.array([1000] * len(rows), dtype="Int64"),
            "reactions": pd.array((posts["er"] * 1000).round().astype(int), dtype="Int64"),
        }
    )
    calendar = pd.DataFrame(
        {
            "planned_at": _utc(["2026-11-02 08:00", "2026-11-03 08:00"]),
            "platform": "facebook",
            "title": ["busy Monday", "cancelled Tuesday"],
            "status": ["planned", "cancelled"],
            "post_id": None,
        }
    )
    out = cal.suggest_slots(posts, calendar, "2026-11-02", per_platform=2, tz=TZ)
    assert out["slot"].tolist() == [pd.Timestamp("2026-11-03 19:00"), pd.Timestamp(
        "2026-11-05 19:00")]  # fmt: skip
    assert (out["value"].diff().dropna() <= 0).all()


def test_to_ics_parses_back_with_icalendar(plan, tmp_path):
    calendar, _ = plan
    path = cal.to_ics(calendar, tmp_path / "plan.ics")
    parsed = icalendar.Calendar.from_ical(path.read_bytes())
    events = parsed.walk("VEVENT")
    expected = calendar[calendar["status"].isin(["planned", "scheduled"])]
    assert len(events) == len(expected) == 3
    starts = sorted(e.decoded("dtstart") for e in events)
    assert starts == sorted(t.to_pydatetime() for t in expected["planned_at"])
    first = next(e for e in events if str(e["summary"]) == "[facebook] Item 6")
    assert first.decoded("dtend") - first.decoded("dtstart") == pd.Timedelta("30min")
    assert str(first["status"]) == "CONFIRMED" and "Campaign: Launch" in str(first["description"])
    assert len({str(e["uid"]) for e in events}) == 3
    assert str(parsed["version"]) == "2.0" and "PRODID" in parsed
    again = cal.to_ics(calendar, tmp_path / "again.ics")
    assert again.read_bytes() == path.read_bytes()  # deterministic: same UIDs and DTSTAMP
    only_ahead = cal.to_ics(calendar, tmp_path / "ahead.ics", since="2026-11-08")
    assert len(icalendar.Calendar.from_ical(only_ahead.read_bytes()).walk("VEVENT")) == 2
    with pytest.raises(ValueError, match="duration must be positive"):
        cal.to_ics(calendar, tmp_path / "x.ics", duration="0min")


def test_to_csv_escapes_formula_cells(plan, tmp_path):
    calendar, _ = plan
    calendar = calendar.copy()
    calendar.loc[6, "title"] = '=HYPERLINK("http://evil.example","click")'
    calendar.loc[7, "title"] = "+84 hotline"
    calendar.loc[4, "title"] = "-50% today"
    calendar.loc[4, "owner"] = "@agency"
    calendar.loc[4, "status"] = "planned"
    path = cal.to_csv(calendar, tmp_path / "plan.csv", tz=TZ)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark for spreadsheets
    back = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(back.columns) == ["date", "time", "timezone", "platform", "format", "title",
                                  "campaign", "owner", "status"]  # fmt: skip
    titles = back.set_index("time")["title"]
    assert titles["19:00"].tolist() == ["'=HYPERLINK(\"http://evil.example\",\"click\")",
                                        "'+84 hotline"]  # fmt: skip
    overdue = back[back["date"] == "2026-11-06"].iloc[0]
    assert overdue["title"] == "'-50% today" and overdue["owner"] == "'@agency"
    assert back.loc[back["date"] == "2026-11-12", "owner"].iloc[0] == "Thảo"
    escaped = cal.escape_formulas(pd.Series(["=1+1", "a=b", None, "@x", "\tcmd"]))
    assert escaped.tolist() == ["'=1+1", "a=b", None, "'@x", "'\tcmd"]


def test_sample_calendar_on_time_rate_and_plan(ws):
    s = cal.summary(ws.calendar, ws.posts, as_of="2026-10-31", ads=ws.ads, tz=ws.timezone)
    rate = s.on_time["on_time"].sum() / s.on_time["published_items"].sum()
    # Planned: half of the items went out at the planned minute, 1 in 6 30 minutes later.
    assert rate == pytest.approx(4 / 6, abs=0.05)
    assert len(s.overdue) > 0 and (s.overdue["days_overdue"] >= 0).all()
    assert set(s.cadence["status"]) <= {"below", "within", "above", "no recommendation"}
    slots = cal.suggest_slots(ws.posts, ws.calendar, "2026-11-02", tz=ws.timezone)
    assert (slots["hour"].isin([19, 20]) & (slots["weekday"] < 5)).all()
    import matplotlib.pyplot as plt

    _, ax = plt.subplots()
    plots.calendar_weeks(s.weekly, ax=ax)
    assert len(ax.patches) == 2 * s.weekly["week"].nunique()


# --- issue 12: any workspace ----------------------------------------------------------------

NY = "America/New_York"


def _ny_workspace():
    """A New York brand: items planned late in the evening local time (the next day in UTC)."""
    import smmnb as smm
    from smmnb.workspace import Workspace

    calendar = smm.validate(
        pd.DataFrame(
            {
                # 22:30 on Sunday 1 Nov 2026 in New York (EST, UTC-5) is 03:30 UTC on Monday
                "planned_at": [
                    "2026-11-02T03:30:00Z",
                    "2026-11-03T23:00:00Z",
                    "2026-11-10T01:15:00Z",
                ],  # fmt: skip
                "brand": "Acme",
                "platform": "facebook",
                "title": ["Sunday night", "Tuesday evening", "Monday evening"],
                "status": ["planned", "planned", "scheduled"],
            }
        ),
        "calendar",
    )
    posts = smm.validate(
        pd.DataFrame(
            {
                "post_id": ["a"],
                "brand": "Acme",
                "platform": "facebook",
                "published_at": ["2026-11-01T02:00:00Z"],  # 22:00 on Saturday 31 Oct in New York
            }
        ),
        "posts",
    )
    return Workspace({"calendar": calendar, "posts": posts}, timezone=NY)


def test_planned_items_land_on_their_local_day_and_hour_in_the_workspace_zone(tmp_path):
    ws = _ny_workspace()
    assert ws.calendar.attrs["timezone"] == NY
    # tz=None: the table's zone, not Asia/Ho_Chi_Minh (where the first item is Monday 10:30)
    plan = cal.upcoming(ws.calendar, "2026-11-01", days=3)
    assert plan["planned_local"].tolist() == [pd.Timestamp("2026-11-01 22:30"),
                                              pd.Timestamp("2026-11-03 18:00")]  # fmt: skip
    assert plan["weekday"].tolist() == [6, 1]  # Sunday, Tuesday
    s = cal.summary(ws.calendar, ws.posts, as_of="2026-11-01", weeks_ahead=2)
    weekly = s.weekly.set_index("week")
    # the Sunday item belongs to the week of Monday 26 Oct, not to the week of 2 Nov
    assert weekly.loc[pd.Timestamp("2026-10-26"), "planned"] == 1
    assert weekly.loc[pd.Timestamp("2026-11-02"), "planned"] == 1
    assert weekly.loc[pd.Timestamp("2026-11-09"), "planned"] == 1
    # the Saturday 22:00 post is published in the week of 26 Oct in New York
    assert weekly.loc[pd.Timestamp("2026-10-26"), "published"] == 1
    # gaps from 2 Nov: Tuesday 3 Nov and Monday 9 Nov are planned
    planned_days = set(pd.date_range("2026-11-02", "2026-11-15")) - set(s.gaps["date"])
    assert planned_days == {pd.Timestamp("2026-11-03"), pd.Timestamp("2026-11-09")}
    totals = cal.period_totals(ws.calendar, ws.posts, "2026-11-01", "2026-11-01")
    assert totals["planned"] == 1 and totals["posts"] == 0
    back = pd.read_csv(cal.to_csv(ws.calendar, tmp_path / "plan.csv"), dtype=str)
    assert back[["date", "time", "timezone"]].values.tolist() == [
        ["2026-11-01", "22:30", NY], ["2026-11-03", "18:00", NY], ["2026-11-09", "20:15", NY]
    ]  # fmt: skip


def test_without_a_zone_the_timestamps_own_zone_is_used_not_a_fixed_one():
    ws = _ny_workspace()
    bare = ws.calendar.copy()
    bare.attrs = {}
    plan = cal.upcoming(bare, "2026-11-02", days=1)
    assert plan["planned_local"].tolist() == [pd.Timestamp("2026-11-02 03:30")]  # UTC
    naive = bare.assign(planned_at=bare["planned_at"].dt.tz_localize(None))
    assert cal.upcoming(naive, "2026-11-02", days=1)["title"].tolist() == ["Sunday night"]
    import inspect

    assert "Ho_Chi_Minh" not in inspect.getsource(cal)


def test_slots_use_the_workspace_zone_for_the_hour():
    rows = []
    for week in range(4):
        for hour in (21, 9):  # local New York hours
            local = pd.Timestamp("2026-09-07") + pd.Timedelta(days=7 * week, hours=hour)
            rows.append(local)
    posts = pd.DataFrame(
        {
            "post_id": [f"p{i}" for i in range(len(rows))],
            "platform": "facebook",
            "format": "image",
            "published_at": pd.Series(rows).dt.tz_localize(NY).dt.tz_convert("UTC"),
            "reach": pd.array([1000] * len(rows), dtype="Int64"),
            "reactions": pd.array([90, 10] * 4, dtype="Int64"),
        }
    )
    posts.attrs["timezone"] = NY
    empty = pd.DataFrame({"planned_at": pd.Series([], dtype="datetime64[ns, UTC]"),
                          "platform": [], "status": []})  # fmt: skip
    out = cal.suggest_slots(posts, empty, "2026-11-02", per_platform=1)
    assert out[["weekday", "hour"]].values.tolist() == [[0, 21]]  # Monday 21:00 in New York
    assert out.attrs == {"platforms": ["facebook"], "full": [], "unmeasured": []}
    # a platform whose posts have no reach gets no slot from facebook's timing
    x = posts.assign(platform="x", reach=pd.array([None] * len(posts), dtype="Int64"))
    both = pd.concat([posts, x], ignore_index=True)
    both.attrs["timezone"] = NY
    out = cal.suggest_slots(both, empty, "2026-11-02", per_platform=1)
    assert out["platform"].tolist() == ["facebook"] and out.attrs["unmeasured"] == ["x"]


def _folder_calendar():
    return pd.DataFrame(
        {
            "planned_at": _utc(["2026-11-02 09:00"]),
            "brand": "Lumi",
            "platform": "facebook",
            "title": "x",
            "status": "planned",
        }
    )


def test_require_names_the_brand_and_what_the_folder_has():
    from smmnb.errors import InsufficientData

    cal.require(_folder_calendar(), "Lumi")  # no error
    with pytest.raises(InsufficientData) as err:
        cal.require(_folder_calendar(), "Moc Coffee")
    assert str(err.value) == (
        "The content calendar needs a calendar table for Moc Coffee; this folder has one for "
        "Lumi only."
    )
    with pytest.raises(InsufficientData) as err:
        cal.require(_folder_calendar().iloc[:0], "Moc Coffee")
    assert str(err.value) == (
        "The content calendar needs a calendar table for Moc Coffee; this folder has none."
    )


def test_period_totals_by_hand(plan):
    calendar, posts = plan
    extra = pd.DataFrame({"post_id": ["p9"], "brand": "Lumi", "platform": "facebook",
                          "published_at": _utc(["2026-11-04 08:00"])})  # fmt: skip
    posts = pd.concat([posts, extra], ignore_index=True)
    t = cal.period_totals(calendar, posts, "2026-11-03", "2026-11-07", tz=TZ)
    # items 1-5: four not cancelled (1, 2, 3 published, 4 open), item 5 cancelled
    assert t.to_dict() == {"planned": 4, "cancelled": 1, "published_as_planned": 3, "open": 1,
                           "posts": 5, "unplanned_posts": 2}  # fmt: skip
    # p1 (3 Nov), p2 (4 Nov), p3 (6 Nov), p4 (7 Nov, unplanned) and p9 (4 Nov, unplanned)
    one_day = cal.period_totals(calendar, posts, "2026-11-02", "2026-11-02", tz=TZ)
    assert (one_day["planned"], one_day["posts"], one_day["unplanned_posts"]) == (1, 1, 0)
    with pytest.raises(ValueError, match="start first"):
        cal.period_totals(calendar, posts, "2026-11-05", "2026-11-02")


def test_on_time_needs_linked_items_and_says_so(plan):
    from smmnb.errors import InsufficientData

    calendar, posts = plan
    ot = cal.on_time(calendar, posts, tz=TZ)
    assert ot[["published_items", "on_time"]].values.tolist() == [[4, 2]]
    with pytest.raises(InsufficientData, match="none of the 2 items planned in this period has"):
        cal.on_time(calendar.iloc[4:6], posts, tz=TZ)
    with pytest.raises(InsufficientData, match="point to posts this folder does not hold"):
        cal.on_time(calendar, posts.iloc[:0], tz=TZ)


def test_slots_need_posts_with_reach_and_a_time_of_day():
    from smmnb.errors import InsufficientData

    posts = pd.DataFrame(
        {
            "post_id": ["a", "b"],
            "platform": "facebook",
            "format": "image",
            "published_at": _utc(["2026-10-01 00:00", "2026-10-02 00:00"]),  # dates only
            "reach": pd.array([100, 200], dtype="Int64"),
            "reactions": pd.array([5, 6], dtype="Int64"),
        }
    )
    calendar = _folder_calendar()
    with pytest.raises(InsufficientData, match="are dated without a time of day"):
        cal.suggest_slots(posts, calendar, "2026-11-02", tz=TZ)
    with pytest.raises(InsufficientData, match="none of the 2 posts has reach"):
        cal.suggest_slots(posts.assign(reach=pd.NA), calendar, "2026-11-02", tz=TZ)
    with pytest.raises(InsufficientData, match="there are no past posts"):
        cal.suggest_slots(posts.iloc[:0], calendar, "2026-11-02", tz=TZ)


def test_export_only_when_there_is_something_and_under_a_safe_name(plan):
    from smmnb.errors import InsufficientData

    calendar, _ = plan
    cal.require_exportable(calendar, since="2026-11-08", tz=TZ)
    with pytest.raises(InsufficientData) as err:
        cal.require_exportable(calendar, since="2026-11-13", tz=TZ)
    assert str(err.value) == (
        "The export needs planned or scheduled items after 12 Nov 2026; this calendar has none."
    )
    assert cal.file_stem("Moc Coffee") == "Moc-Coffee"
    assert cal.file_stem("Mộc Cà Phê Đà Lạt", "tiktok") == "Moc-Ca-Phe-Da-Lat-tiktok"
    assert cal.file_stem("../../etc/passwd") == "etc-passwd"
    assert cal.file_stem("???") == "calendar"


def test_campaign_spend_is_summed_per_currency(plan):
    calendar, posts = plan
    ads = pd.DataFrame(
        {
            "date": pd.to_datetime(["2026-11-05", "2026-11-06", "2026-11-06"]),
            "platform": "tiktok",
            "campaign": "Launch",
            "spend": [100.0, 200.0, 5.0],
            "currency": ["VND", "VND", "USD"],
        }
    )
    s = cal.summary(calendar, posts, as_of="2026-11-08", ads=ads, tz=TZ)
    missing = s.campaigns_without_content.set_index("currency")["spend"].to_dict()
    assert missing == {"USD": 5.0, "VND": 300.0}
    assert s.campaigns_without_content.attrs["checked"] == 1


def test_summary_without_posts_or_items_does_not_fail(plan):
    calendar, posts = plan
    s = cal.summary(calendar, posts.iloc[:0], as_of="2026-11-08", tz=TZ)
    assert s.on_time.empty and s.weekly["published"].sum() == 0
    empty = cal.summary(calendar.iloc[:0], posts.iloc[:0], as_of="2026-11-08", tz=TZ)
    assert empty.cadence.empty and empty.gaps.empty and empty.overdue.empty
    assert cal.review_weeks("2026-11-08") == (pd.Timestamp("2026-11-02"),
                                              pd.Timestamp("2026-11-09"))  # fmt: skip
