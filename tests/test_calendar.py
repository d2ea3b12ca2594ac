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
    s = cal.summary(calendar, posts, "2026-11-08", ads=ads, tz=TZ, weeks_ahead=1)
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
    s = cal.summary(ws.calendar, ws.posts, "2026-10-31", ads=ws.ads, tz=ws.timezone)
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
