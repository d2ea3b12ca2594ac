"""Write the sample folder: tables, exports, smmnb.yml and a README."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pandas as pd

from smmnb.errors import SmmnbError
from smmnb.sample.config import (
    AB_CAMPAIGN,
    AB_CTR,
    BEST_HOURS,
    BEST_WINDOW_LIFT,
    BRAND,
    COMPETITORS,
    END,
    FLIGHT,
    FLIGHT_CAMPAIGN,
    FLIGHT_LIFT,
    POSITIVE_SHARE,
    REPLY_RULES,
    SEARCH_CTR_GAPS,
    SEARCH_DOWNLOADS,
    SEARCH_LIFT,
    SEARCH_PROPERTY,
    SPIKE_DAY,
    SPIKE_FACTOR,
    START,
    TIMEZONE,
    TREND_HASHTAG,
    TREND_START,
    TREND_TERM,
    VIDEO_LIFT,
    Sample,
)
from smmnb.sample.generator import generate
from smmnb.sample.scaling import scale
from smmnb.schema import TABLES

__all__ = ["write_sample"]


_MARKER = "<!-- written by `smmnb sample`; regenerate rather than edit -->"


def _to_csv(df: pd.DataFrame, table: str) -> bytes:
    out = df.copy()
    spec = TABLES[table]
    for col in spec.columns:
        if col.kind == "timestamp":
            out[col.name] = out[col.name].dt.strftime("%Y-%m-%dT%H:%M:%SZ")
        elif col.kind == "date":
            out[col.name] = out[col.name].dt.strftime("%Y-%m-%d")
        elif col.kind == "amount" and col.name in ("spend", "revenue", "fee"):
            out[col.name] = out[col.name].round().astype("Int64")  # VND has no decimals
    return out.to_csv(index=False, lineterminator="\n").encode("utf-8")


def _to_parquet(df: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    df.to_parquet(buffer, index=False)
    return buffer.getvalue()


def _readme(sample: Sample, seed: int) -> str:
    t = sample.tables
    mentions = t["mentions"]
    local_day = mentions["created_at"].dt.tz_convert(TIMEZONE).dt.tz_localize(None).dt.normalize()
    lumi = mentions["brand"] == BRAND
    per_day = local_day[lumi].value_counts()
    spike_count = int(per_day.get(SPIKE_DAY, 0))
    baseline = float(per_day.drop(SPIKE_DAY).median())
    lines = [
        "# Sample data: Lumi and its competitors",
        "",
        _MARKER,
        "",
        f"Written by `smmnb sample --out sample_data --seed {seed}`; the same command writes the",
        "same bytes on every machine. Everything here is fictional and was written for smmnb.",
        "",
        "**Lumi** is a coffee and tea chain in Ho Chi Minh City and Hanoi that sells in stores,",
        "through delivery apps and its own ordering app. Its competitors are "
        f"**{COMPETITORS[0]}** and **{COMPETITORS[1]}**.",
        f"Data cover {START.date()} to {END.date()} ({(END - START).days + 1} days), local time "
        f"{TIMEZONE} (stored in UTC), money in VND.",
        "",
        "| table | rows | what one row is |",
        "|---|---:|---|",
    ]
    for name, df in t.items():
        lines.append(f"| `{name}.csv` | {len(df):,} | {TABLES[name].row} |")
    cb = {ad: ctr for ad, ctr in AB_CTR.items()}
    lines += [
        "",
        "## Planted effects",
        "",
        "Each effect is planted on purpose with the size given here; the tests check that the",
        "data contain it, and the analyses are tested to find it.",
        "",
        f"1. **Mention spike.** On {SPIKE_DAY.date()} Lumi has {spike_count} mentions against a "
        f"median of {baseline:.0f} a day ({spike_count / baseline:.1f}x; planted at "
        f"{SPIKE_FACTOR:.0f}x the day's expected count). The extra mentions are 85% negative and "
        "all about delivery delays; comments on Lumi's own posts that week are mostly negative.",
        f'2. **Trending hashtag.** `{TREND_HASHTAG}` / "{TREND_TERM}" (salted coffee) is almost '
        f"absent until {TREND_START.date()}, then rises to about 28% of mentions for every brand.",
        f"3. **Best posting window.** Posts published Monday to Friday between "
        f"{BEST_HOURS[0]}:00 and {BEST_HOURS[-1]}:59 local time get {BEST_WINDOW_LIFT:.2f}x the "
        "engagement rate on reach of other posts on the same platform and format.",
        f"4. **Formats.** Reels, shorts and videos get {VIDEO_LIFT:.2f}x the engagement rate on "
        "reach of images on the same platform (carousels 1.12x, live 1.10x, text 0.75x).",
        f'5. **A/B creatives.** In "{AB_CAMPAIGN}" on Facebook, `CB Video A` has a CTR of '
        f"{cb['CB Video A']:.2%} and `CB Video B` {cb['CB Video B']:.2%} (a real difference, "
        f"significant at these impressions); `CB Static C` and `CB Static D` both have "
        f"{cb['CB Static C']:.2%} (no real difference).",
        "6. **KPI behind pace.** Lumi's TikTok follower growth slowed to 45% of its earlier rate "
        "from 2026-07-01, so the H2 TikTok followers target (planned on the earlier rate) is "
        "behind pace; the other H2 targets were set so that they are on track on "
        f"{END.date()}.",
        "7. **Influencers.** `Hà Linh Official` (TikTok, 2.1M followers, 120M VND) got 3,700 "
        "engagements: 32,400 VND per engagement. `Mê Cà Phê Sài Gòn` (Instagram, 28k "
        "followers, 6M VND) got 4,100: 1,460 VND per engagement.",
        "8. **Unanswered questions.** The brand answers questions and complaints with these "
        "probabilities and median delays: "
        + "; ".join(f"{p} {a:.0%} after ~{h:g} h" for p, (a, h) in REPLY_RULES.items())
        + ".",
        f'9. **Campaign flight lifts web traffic.** During "{FLIGHT_CAMPAIGN}" '
        f"({FLIGHT[0].date()} to {FLIGHT[1].date()}) organic social sessions are "
        f"{FLIGHT_LIFT:.1f}x their usual level, and UTM-tagged paid social sessions "
        "(`medium=paid_social`, `campaign=back_to_school`) arrive from the ads.",
        "10. **Sentiment by platform.** The share of positive customer comments is planted at "
        + ", ".join(f"{p} {s:.0%}" for p, s in POSITIVE_SHARE.items())
        + "; in the spike week (3 days either side) it falls to 45% of that.",
        f"11. **Branded search.** Lumi's Search Console property `{SEARCH_PROPERTY}` was "
        "downloaded (Vietnamese UI, *Last 3 months*) on "
        + " and ".join(f"{day.date()}" for day in SEARCH_DOWNLOADS)
        + ", each time unfiltered and filtered to queries containing `lumi` (the ` (1).zip`): "
        f'during "{FLIGHT_CAMPAIGN}" searches naming Lumi are {SEARCH_LIFT:.2f}x their usual '
        "level; "
        + ", ".join(f'"{q}"' for q in SEARCH_CTR_GAPS)
        + " get "
        + ", ".join(f"{share:.0%}" for share in SEARCH_CTR_GAPS.values())
        + " of the CTR their position usually gets; "
        f'"{TREND_TERM}" is searched with the trend; summer drinks fade and mooncake searches '
        "peak before Mid-Autumn.",
        "",
        "## Text",
        "",
        "Comments and mentions are in Vietnamese (about 55% with diacritics, 23% without, 22% in "
        "teencode such as ko, k, dc, đc, sp, ship, hok) and English, about delivery, price and "
        "promotions, taste and quality, staff, the ordering app and website, payment, "
        "packaging, the stores, items out of stock and refunds: praise, complaints (some stated "
        "as plain facts), questions, requests, chit-chat, sarcasm now and then, emoji, and the "
        "brand's replies (`author_is_brand`, `parent_id`).",
        "",
        "Metrics a platform does not report are empty, not 0: Facebook and Zalo posts have no "
        "saves, Instagram, TikTok and YouTube posts no link clicks.",
        "",
    ]
    return "\n".join(lines)


def write_sample(
    out: str | os.PathLike,
    seed: int = 7,
    *,
    force: bool = False,
    scale_by: int = 1,
    file_format: str = "csv",
) -> list[Path]:
    """Write the sample data set as CSV files plus a README.

    Parameters
    ----------
    out : str or path-like
        Folder to write into; created if missing.
    seed : int
        Random seed; the same seed writes the same bytes.
    force : bool
        Overwrite table files in a folder that was not written by this function. Without it,
        such files are never overwritten.
    scale_by : int
        Write the activity tables this many times over (see :func:`scale`), for
        benchmarks. A scaled data set has no ``exports/`` folder.
    file_format : {"csv", "parquet"}
        Parquet suits scaled data sets: typed, compressed, and read column by column.

    Returns
    -------
    list of Path
        The files written.

    Raises
    ------
    SmmnbError
        If the folder holds table files that ``write_sample`` did not write and ``force`` is
        False.
    """
    folder = Path(out)
    readme = folder / "README.md"
    ours = readme.is_file() and _MARKER in readme.read_text(encoding="utf-8", errors="replace")
    if file_format not in ("csv", "parquet"):
        raise ValueError(f"file_format must be 'csv' or 'parquet', got {file_format!r}")
    existing = [
        folder / f"{name}.{suffix}"
        for name in TABLES
        for suffix in ("csv", "parquet")
        if (folder / f"{name}.{suffix}").exists()
    ]
    if (existing or readme.exists()) and not ours and not force:
        names = ", ".join(p.name for p in existing + ([readme] if readme.exists() else []))
        raise SmmnbError(
            f"{folder} already has {names}, not written by `smmnb sample`; choose another "
            "folder or pass --force to overwrite them"
        )
    sample = generate(seed)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    tables = scale(sample.tables, scale_by)
    if file_format == "csv":
        payloads = {f"{name}.csv": _to_csv(df, name) for name, df in tables.items()}
    else:
        payloads = {f"{name}.parquet": _to_parquet(df) for name, df in tables.items()}
    readme = _readme(sample, seed)
    if scale_by > 1:
        readme = readme.replace(
            "\n", f"\n\nScaled {scale_by} times for benchmarks (`smmnb sample --scale "
            f"{scale_by}`): activity tables repeated, ids suffixed ~1, ~2, ...; counts below "
            "describe one copy.\n", 1,
        )  # fmt: skip
    payloads["README.md"] = readme.encode("utf-8")
    payloads["smmnb.yml"] = _settings().encode("utf-8")
    if scale_by == 1:
        (folder / "exports").mkdir(parents=True, exist_ok=True)
        from smmnb.sample.exports import sample_exports

        for name, payload in sample_exports(sample.tables, seed).items():
            payloads[f"exports/{name}"] = payload
    for name, payload in payloads.items():
        target = folder / name
        tmp = target.with_suffix(target.suffix + ".tmp")
        tmp.write_bytes(payload)
        os.replace(tmp, target)
        written.append(target)
    return written


def _settings() -> str:
    """The sample folder's ``smmnb.yml``: whose exports these are, and its rivals, zone, money."""
    rivals = ", ".join(COMPETITORS)
    return (
        "# Settings of this data folder (see the README of smmnb, 'The data folder').\n"
        f"owner: {BRAND}  # the brand whose own exports are in exports/\n"
        f"competitors: [{rivals}]\n"
        f"timezone: {TIMEZONE}\n"
        "currency: VND\n"
        "brand_terms:  # other ways people search for a brand (its name always counts)\n"
        f"  {BRAND}: [lumicoffee]\n"
    )
