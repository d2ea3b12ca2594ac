"""Follower totals from daily gains: one known count, and the followers gained and lost each day.

Several platforms export only how many followers an account gained (and sometimes lost) each
day, not how many it has (LinkedIn's followers export, YouTube's subscribers, TikTok's
Overview): those series go to ``channel_daily`` (``followers_gained``, ``followers_lost``).
Given one known count on one day (``smmnb.yml``'s ``followers:``, or a row of the ``followers``
table), the total of every other day of the series follows:

- forwards, the count at the end of day *d* is the known count plus the net gains (gained minus
  lost) of the days after the known day up to *d*;
- backwards, it is the known count minus the net gains of the days after *d* up to the known day.

A day without its gains breaks the chain: the days beyond it are not derived from that count.
Where a platform reports no unfollows at all, losses count as none and the note says that the
totals then run high after the known day and low before it.

:func:`derive_followers` returns the rows the ``followers`` table lacks and one sentence per
series saying what was derived and from what; :func:`smmnb.load_workspace` adds both.
"""

from __future__ import annotations

import datetime

import numpy as np
import pandas as pd

from smmnb import i18n
from smmnb.i18n import _
from smmnb.names import platform_name as _platform_name

__all__ = ["derive_followers"]

_COLUMNS = ["date", "brand", "platform", "followers", "gained", "lost"]


def _day(value) -> str:
    return i18n.date(value)


def _span(days: list[pd.Timestamp]) -> str:
    first, last = min(days), max(days)
    if first == last:
        return _("{day} (1 day)").format(day=_day(first))
    return _("{days} days from {first} to {last}").format(
        days=i18n.integer(len(days)), first=_day(first), last=_day(last)
    )


def _empty() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in _COLUMNS})


def derive_followers(
    followers: pd.DataFrame,
    channel_daily: pd.DataFrame,
    known: dict[str, tuple[datetime.date, int]] | None = None,
    owner: str | None = None,
) -> tuple[pd.DataFrame, list[str]]:
    """The follower totals that daily gains and one known count give, for days ``followers`` lacks.

    Parameters
    ----------
    followers : pandas.DataFrame
        The canonical ``followers`` table (its counts are known counts too).
    channel_daily : pandas.DataFrame
        The canonical ``channel_daily`` table (``followers_gained``, ``followers_lost``).
    known : dict, optional
        ``{platform: (date, count)}`` from ``smmnb.yml``: the owner's followers at the end of
        that day. A day the ``followers`` table already has keeps the table's count.
    owner : str, optional
        The brand ``known`` is about (exports are the owner's); without it, the one brand with
        daily gains on that platform.

    Returns
    -------
    tuple
        The new ``followers`` rows (``date``, ``brand``, ``platform``, ``followers``,
        ``gained``, ``lost``; not validated), and one sentence per series derived or per
        known count that could not be used.
    """
    known = known or {}
    notes: list[str] = []
    cd = channel_daily
    has_gains = cd["followers_gained"].notna() | cd["followers_lost"].notna()
    if not known and not has_gains.any():
        return _empty(), notes  # nothing to derive from
    cd = cd[has_gains]
    series: dict[tuple[str, str], pd.DataFrame] = {
        (str(b), str(p)): g
        for (b, p), g in cd.groupby(["brand", "platform"], observed=True, sort=True)
    }
    counted = followers.dropna(subset=["followers"])
    stated: dict[tuple[str, str], tuple[pd.Timestamp, int]] = {}
    for platform, (when, n) in sorted(known.items()):
        brands = [b for (b, p) in series if p == platform]
        brand = owner or (brands[0] if len(brands) == 1 else None)
        if brand is None:
            notes.append(
                _(
                    "smmnb.yml gives {platform} followers on {day}, but the folder names no "
                    "owner and no one brand has daily followers gained there, so the count is "
                    "not used (add `owner:` to smmnb.yml)."
                ).format(platform=_platform_name(platform), day=_day(when))
            )
            continue
        stated[(brand, platform)] = (pd.Timestamp(when), int(n))
        series.setdefault((brand, platform), cd.iloc[:0])
    rows = []
    for (brand, platform), g in sorted(series.items()):
        mine = counted[
            (counted["brand"].astype("str") == brand)
            & (counted["platform"].astype("str") == platform)
        ]
        present = set(pd.to_datetime(followers.loc[mine.index, "date"]).dt.normalize())
        anchors = {
            pd.Timestamp(d).normalize(): int(n)
            for d, n in zip(mine["date"], mine["followers"], strict=True)
        }
        source = _("the followers table")
        if (brand, platform) in stated:
            when, n = stated[(brand, platform)]
            if when not in anchors:
                anchors[when] = n
                source = "smmnb.yml"
        if not anchors:
            continue  # gains without any count: channel_daily keeps them
        derived, used = _derive(g, anchors, present, stated.get((brand, platform)))
        name = _platform_name(platform)
        if derived is None:
            if source == "smmnb.yml":
                when, n = stated[(brand, platform)]
                origin = _("{count} on {day} (smmnb.yml)").format(
                    count=i18n.integer(n), day=_day(when)
                )
            else:
                origin = _("the counts of the followers table")
            notes.append(
                _(
                    "{platform} follower counts of {brand} could not be derived from the daily "
                    "followers gained and lost: counted from {origin}, some days would have "
                    "fewer than no followers, so the gains, the losses or the count disagree."
                ).format(platform=name, brand=brand, origin=origin)
            )
            continue
        if derived.empty:
            continue
        derived["brand"], derived["platform"] = brand, platform
        rows.append(derived)
        days = list(derived["date"])
        lost_known = g["followers_lost"].notna().any()
        if len(used) == 1:
            ((when, n),) = used.items()
            origin = _("{count} on {day} ({source})").format(
                count=i18n.integer(n), day=_day(when), source=source
            )
        else:
            origin = _("the nearest of {count} known counts ({source})").format(
                count=i18n.integer(len(used)), source=source
            )
        if g.empty:
            notes.append(
                _(
                    "{platform} followers of {brand} on {day} are {count}, from {source}; no "
                    "export has {platform}'s daily followers gained, so no other day is derived."
                ).format(
                    platform=name,
                    brand=brand,
                    day=_day(days[0]),
                    count=i18n.integer(derived["followers"].iloc[0]),
                    source=source,
                )
            )
            continue
        if lost_known:
            text = _(
                "{platform} followers of {brand} on {span} are derived from the daily followers "
                "gained and lost, counted from {origin}."
            )
        else:
            text = _(
                "{platform} followers of {brand} on {span} are derived from the daily followers "
                "gained and lost, counted from {origin}; the export has no unfollows, so these "
                "totals run high after that day and low before it."
            )
        notes.append(text.format(platform=name, brand=brand, span=_span(days), origin=origin))
    out = pd.concat(rows, ignore_index=True)[_COLUMNS] if rows else _empty()
    return out, notes


def _derive(
    g: pd.DataFrame,
    anchors: dict[pd.Timestamp, int],
    present: set[pd.Timestamp],
    stated: tuple[pd.Timestamp, int] | None,
) -> tuple[pd.DataFrame | None, dict[pd.Timestamp, int]]:
    """Totals of one series for the days of ``g`` (and the stated day) that are not ``present``.

    Returns None (and no anchors) when a derived total would be negative.
    """
    days = pd.to_datetime(g["date"]).dt.normalize()
    gained = pd.Series(g["followers_gained"].astype("Float64").to_numpy(), index=days)
    lost_col = g["followers_lost"].astype("Float64")
    no_losses = not lost_col.notna().any()
    lost = pd.Series(
        lost_col.fillna(0).to_numpy() if no_losses else lost_col.to_numpy(), index=days
    )
    net = (gained - lost).astype("float64")  # NaN where either part is missing
    wanted = set(days) | ({stated[0]} if stated else set())
    everything = sorted(wanted | set(anchors))
    # Components: runs of consecutive calendar days where each day's net gain links it to the
    # day before.
    components: list[list[pd.Timestamp]] = []
    for d in everything:
        linked = (
            components
            and components[-1][-1] == d - pd.Timedelta(days=1)
            and d in net.index
            and not np.isnan(net[d])
        )
        if linked:
            components[-1].append(d)
        else:
            components.append([d])
    out = []
    used: dict[pd.Timestamp, int] = {}
    for comp in components:
        points = [a for a in comp if a in anchors]
        targets = [d for d in comp if d in wanted and d not in present]
        if not points or not targets:
            continue
        steps = np.array([0.0] + [float(net[d]) for d in comp[1:]])
        cum = pd.Series(np.cumsum(steps), index=comp)
        for d in targets:
            a = min(points, key=lambda p: (abs((d - p).days), p))
            total = anchors[a] + cum[d] - cum[a]
            if total < 0:
                return None, {}
            used[a] = anchors[a]
            out.append(
                {
                    "date": d,
                    "followers": int(round(total)),
                    "gained": gained.get(d, np.nan),
                    "lost": lost.get(d, np.nan) if not no_losses else np.nan,
                }
            )
    frame = pd.DataFrame(out, columns=["date", "followers", "gained", "lost"])
    return frame, used
