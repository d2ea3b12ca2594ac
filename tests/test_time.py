"""One time rule (issue #15 item 2): one module owns zones, local time and periods."""

from __future__ import annotations

import ast
import zoneinfo
from pathlib import Path

import pandas as pd
import pytest

import smmnb
from smmnb import metrics, timezones, trends, workspace
from smmnb.timezones import (
    DEFAULT_TIMEZONE,
    local_day,
    local_time,
    parse_day,
    period_start,
    previous_period,
    resolve_zone,
)

NY = "America/New_York"
PACKAGE = Path(smmnb.__file__).parent
# Five instants around New York's midnight (UTC-5 in early March 2026, before DST).
UTC = pd.to_datetime(
    ["2026-03-02 03:30", "2026-03-02 05:30", "2026-03-03 04:59", "2026-03-03 05:01",
     "2026-03-04 12:00"], utc=True,
)  # fmt: skip
# Their New York days, written out by hand: 22:30 on the 1st, 00:30 and 23:59 on the 2nd, ...
NY_DAYS = pd.to_datetime(["2026-03-01", "2026-03-02", "2026-03-02", "2026-03-03", "2026-03-04"])
BRANDS = ["A", "B", "A", "A", "B"]


def _strings(path: Path) -> list[tuple[int, str]]:
    """Every string constant of a module that is not a docstring (code, messages, help)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs
    ]


def test_no_zone_literal_outside_the_time_module():
    zones = {z for z in zoneinfo.available_timezones() if "/" in z}
    allowed = {PACKAGE / "timezones.py", PACKAGE / "sample" / "config.py"}  # the sample's brand
    used_as_value, default_named = [], []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path in allowed:
            continue
        for line, value in _strings(path):
            where = f"{path.relative_to(PACKAGE)}:{line}"
            if value.strip() in zones:
                used_as_value.append(f"{where} {value!r}")
            if DEFAULT_TIMEZONE in value:
                default_named.append(f"{where} {value!r}")
    assert used_as_value == []  # no zone is a value outside smmnb.timezones
    assert default_named == []  # messages name the default through DEFAULT_TIMEZONE
    # ... and the check can fail: the time module itself holds one.
    assert any(v == DEFAULT_TIMEZONE for _, v in _strings(PACKAGE / "timezones.py"))


def test_the_default_zone_has_one_owner():
    from smmnb.io import settings

    assert settings.DEFAULT_TIMEZONE is DEFAULT_TIMEZONE
    assert workspace.Workspace(tables={}).timezone == DEFAULT_TIMEZONE


def test_resolve_zone_order_tz_then_attrs_then_carried():
    table = pd.DataFrame({"created_at": UTC})
    assert resolve_zone(table) == "UTC"
    assert resolve_zone(table, when="created_at") == "UTC"
    carried = table.assign(created_at=UTC.tz_convert("Asia/Tokyo"))
    assert resolve_zone(carried) == "Asia/Tokyo"
    assert resolve_zone(table.assign(created_at=UTC.tz_localize(None))) is None  # naive: local
    table.attrs["timezone"] = NY
    assert resolve_zone(table) == NY and resolve_zone(carried.assign()) == "Asia/Tokyo"
    assert resolve_zone(table, "Europe/Paris") == "Europe/Paris"
    assert resolve_zone(None, None, when=pd.Series(UTC)) == "UTC"


def test_local_time_is_naive_wall_clock_and_the_workspace_agrees():
    stamps = pd.Series(UTC)
    got = local_time(stamps, NY)
    assert got.dt.tz is None
    assert got.tolist() == [
        pd.Timestamp(t) for t in ("2026-03-01 22:30", "2026-03-02 00:30", "2026-03-02 23:59",
                                  "2026-03-03 00:01", "2026-03-04 07:00")
    ]  # fmt: skip
    assert local_day(stamps, NY).tolist() == NY_DAYS.tolist()
    ws = workspace.Workspace(tables={}, timezone=NY)
    pd.testing.assert_series_equal(ws.local_time(stamps), got)
    naive = pd.Series(pd.to_datetime(["2026-03-02"]))
    assert local_time(naive, NY).tolist() == naive.tolist()  # calendar days are already local
    assert local_time(stamps, None).tolist() == stamps.dt.tz_localize(None).tolist()


def test_old_names_are_the_time_modules():
    assert workspace.local_time is local_time
    assert workspace.parse_day is parse_day
    assert workspace.previous_period is previous_period


def test_periods():
    assert previous_period("2026-03-01", "2026-03-31") == ("2026-01-29", "2026-02-28")
    assert previous_period("2026-03-02", "2026-03-02") == ("2026-03-01", "2026-03-01")
    assert parse_day(pd.Timestamp("2026-03-01 23:00", tz=NY), "x") == pd.Timestamp("2026-03-01")
    assert parse_day("", "x") is None and parse_day(None, "x") is None
    with pytest.raises(ValueError, match="as_of must be an ISO date"):
        parse_day("next tuesday", "as_of")
    sunday = pd.Series(pd.to_datetime(["2026-03-08 23:00", "2026-03-09 00:10"]))
    assert (
        period_start(sunday, "W").tolist() == pd.to_datetime(["2026-03-02", "2026-03-09"]).tolist()
    )
    with pytest.raises(ValueError, match="freq must be"):
        period_start(sunday, "Q")


def _posts() -> pd.DataFrame:
    posts = pd.DataFrame(
        {
            "published_at": UTC,
            "post_id": list("abcde"),
            "brand": "A",
            "platform": "facebook",
            "reactions": [1.0, 2.0, 3.0, 4.0, 5.0],
            "comments": 0.0,
            "shares": 0.0,
            "saves": 0.0,
            "reach": 10.0,
            "impressions": 20.0,
        }
    )
    posts.attrs["timezone"] = NY  # as load_workspace sets it
    return posts


def test_analyses_bucket_the_same_timestamps_into_the_same_local_days():
    """trends, metrics and Workspace.filter all cut in the table's zone (they used not to)."""
    mentions = pd.DataFrame(
        {"created_at": UTC, "brand": BRANDS, "text": "hi", "mention_id": list("abcde")}
    )
    mentions.attrs["timezone"] = NY
    expected = pd.Series(BRANDS).groupby(NY_DAYS).size()  # mentions per New York day

    sov = trends.share_of_voice(mentions, freq="D")
    from_trends = sov.groupby("period")["mentions"].sum()
    assert from_trends.index.tolist() == expected.index.tolist()
    assert from_trends.tolist() == expected.tolist() == [1, 2, 1, 1]

    pop = metrics.period_over_period(_posts(), "engagements", freq="D")
    reactions = pd.Series([1.0, 2.0, 3.0, 4.0, 5.0]).groupby(NY_DAYS).sum()
    assert pop["period"].tolist() == expected.index.tolist()
    assert pop["value"].tolist() == reactions.tolist() == [1.0, 5.0, 4.0, 5.0]

    ws = workspace.Workspace(tables={"mentions": mentions, "posts": _posts()}, timezone=NY)
    for day, n in expected.items():
        one = ws.filter(start=day, end=day)
        assert len(one.mentions) == n and len(one.posts) == n

    # An explicit tz= wins everywhere, the same way: UTC days.
    utc_days = pd.Series(UTC.tz_localize(None).normalize())
    by_utc = pd.Series(BRANDS).groupby(utc_days.to_numpy()).size()
    assert (
        trends.share_of_voice(mentions, freq="D", tz="UTC")
        .groupby("period")["mentions"]
        .sum()
        .tolist()
        == by_utc.tolist()
    )
    assert (
        metrics.period_over_period(_posts(), "engagements", freq="D", tz="UTC")["period"].tolist()
        == by_utc.index.tolist()
    )


def test_period_over_period_timezone_is_a_deprecated_alias_of_tz():
    posts = _posts()
    with pytest.warns(FutureWarning, match="use tz="):
        old = metrics.period_over_period(posts, "engagements", freq="D", timezone="UTC")
    new = metrics.period_over_period(posts, "engagements", freq="D", tz="UTC")
    pd.testing.assert_frame_equal(old, new)


def test_the_time_module_documents_its_rule():
    assert "tz=" in timezones.__doc__ and "timezone=" in timezones.__doc__
