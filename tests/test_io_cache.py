"""The workspace cache: a hit gives exactly what reading the files gives, and only then."""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import pandas as pd
import pytest

import smmnb as smm
from smmnb.io import cache as cache_mod
from smmnb.io import tables as tables_mod

ADS = (
    "date,brand,platform,campaign,spend,impressions,clicks\n"
    "2026-01-01,Lumi,Facebook,Tet,100,1000,10\n"
    "2026-01-02,Lumi,Facebook,Tet,120,1100,12\n"
    "2026-01-02,Lumi,Facebook,Tet,120,1100,12\n"  # an exact duplicate: dropped, with a warning
)
POSTS = (
    "post_id,brand,platform,published_at,reach,paid\n"
    "p1,Lumi,tiktok,2026-01-01 20:00,500,no\n"
    "p2,Lumi,tiktok,2026-01-02 09:30,700,yes\n"
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    (data / "ads.csv").write_text(ADS, encoding="utf-8")
    (data / "posts.csv").write_text(POSTS, encoding="utf-8")
    return data


@pytest.fixture
def root(tmp_path: Path, monkeypatch) -> Path:
    where = tmp_path / "cache"
    monkeypatch.setenv("SMMNB_CACHE", str(where))
    return where


def _entries(root: Path) -> list[Path]:
    return sorted(p for p in root.iterdir() if p.is_dir()) if root.exists() else []


def _load(folder: Path, **kwargs) -> tuple[smm.Workspace, list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ws = smm.load_workspace(folder, **kwargs)
    return ws, [str(w.message) for w in caught if issubclass(w.category, smm.DataWarning)]


def _assert_same(a: smm.Workspace, b: smm.Workspace) -> None:
    for name in smm.TABLES:
        pd.testing.assert_frame_equal(a[name], b[name], check_exact=True)
        assert a[name].attrs == b[name].attrs
    pd.testing.assert_frame_equal(a.sources, b.sources, check_exact=True)
    assert a.files == b.files and (a.timezone, a.currency) == (b.timezone, b.currency)


def _no_reading(monkeypatch) -> None:
    def fail(*args, **kwargs):
        raise AssertionError("the files were read: the cache missed")

    monkeypatch.setattr(tables_mod, "read_table", fail)


def test_a_hit_gives_what_the_files_give_and_raises_the_same_warnings(folder, root, monkeypatch):
    first, warned = _load(folder)
    assert any("dropped 1 exact duplicate" in m for m in warned)
    assert len(_entries(root)) == 1
    assert first.ads["spend"].tolist() == [100.0, 120.0]
    assert str(first.posts["platform"].dtype) == "category"
    assert first.posts["published_at"].dt.tz is not None
    _no_reading(monkeypatch)
    again, warned_again = _load(folder)
    _assert_same(first, again)
    assert warned_again == warned
    assert again.files["ads"] == [folder / "ads.csv"]


def test_the_sample_folder_round_trips_exactly(sample_dir, root, monkeypatch):
    first, warned = _load(sample_dir)
    assert any("youtube_Chart data.csv: not used" in m for m in warned)
    _no_reading(monkeypatch)
    again, warned_again = _load(sample_dir)
    _assert_same(first, again)
    assert warned_again == warned
    assert len(again.comments) == len(first.comments) > 10_000


def test_a_changed_file_of_the_same_size_and_time_is_read_again(folder, root):
    first, _ = _load(folder)
    ads = folder / "ads.csv"
    stat = ads.stat()
    ads.write_text(ADS.replace("100,1000", "900,1000"), encoding="utf-8")  # same size
    os.utime(ads, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same modification time
    assert ads.stat().st_size == stat.st_size
    changed, _ = _load(folder)
    assert changed.ads["spend"].tolist() == [900.0, 120.0]
    assert len(_entries(root)) == 2


def test_new_files_and_other_arguments_are_misses(folder, root):
    first, _ = _load(folder)
    other_tz, _ = _load(folder, timezone="UTC")
    # 20:00 in Ho Chi Minh City is 13:00 UTC; read as UTC it stays 20:00
    assert first.posts["published_at"].iloc[0] == pd.Timestamp("2026-01-01 13:00", tz="UTC")
    assert other_tz.posts["published_at"].iloc[0] == pd.Timestamp("2026-01-01 20:00", tz="UTC")
    (folder / "followers.csv").write_text(
        "date,brand,platform,followers\n2026-01-01,Lumi,tiktok,10\n", encoding="utf-8"
    )
    more, _ = _load(folder)
    assert len(more.followers) == 1 and len(first.followers) == 0
    # a file that takes precedence (Parquet before CSV) is a different read
    first.ads.iloc[:1].to_parquet(folder / "ads.parquet")
    preferred, _ = _load(folder)
    assert len(preferred.ads) == 1 and preferred.files["ads"] == [folder / "ads.parquet"]
    assert len(_entries(root)) == 4


def test_turned_off_nothing_is_written_or_read(folder, root, monkeypatch):
    _load(folder, cache=False)
    assert _entries(root) == []
    monkeypatch.setenv("SMMNB_CACHE", "off")
    assert cache_mod.cache_dir() is None
    _load(folder)
    assert _entries(root) == []
    monkeypatch.setenv("SMMNB_CACHE", str(root))
    _load(folder)
    assert len(_entries(root)) == 1
    _no_reading(monkeypatch)
    with pytest.raises(AssertionError, match="cache missed"):
        _load(folder, cache=False)


def test_default_location_is_outside_the_data(monkeypatch, tmp_path):
    monkeypatch.delenv("SMMNB_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_mod.cache_dir() == tmp_path / "xdg" / "smmnb"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache_mod.cache_dir() == Path.home() / ".cache" / "smmnb"


def test_a_damaged_entry_is_a_miss_and_is_removed(folder, root):
    first, _ = _load(folder)
    (entry,) = _entries(root)
    (entry / "posts.parquet").write_bytes(b"not parquet")
    again, _ = _load(folder)
    _assert_same(first, again)
    (entry,) = _entries(root)  # removed, then stored again from the files
    assert pd.read_parquet(entry / "posts.parquet")["post_id"].tolist() == ["p1", "p2"]


def test_a_frame_parquet_cannot_hold_is_not_cached(root, tmp_path):
    frames = {"t": pd.DataFrame({"mixed": [1, "a", 2.5]})}
    assert not cache_mod.store(root, "k", frames, {"files": {}, "warnings": []})
    assert cache_mod.load(root, "k") is None
    assert not (root / "k").exists() and not list(root.glob(".tmp-*"))


def test_entries_are_written_whole_and_the_oldest_go(root):
    frame = {"t": pd.DataFrame({"x": [1, 2]})}
    for i in range(cache_mod.KEEP + 3):
        assert cache_mod.store(root, f"k{i:02d}", frame, {"files": {}, "warnings": []})
        os.utime(root / f"k{i:02d}", (1_000_000 + i, 1_000_000 + i))
    names = [p.name for p in _entries(root)]
    assert len(names) == cache_mod.KEEP and "k00" not in names and f"k{cache_mod.KEEP + 2}" in names
    assert not list(root.glob(".tmp-*"))
    hit = cache_mod.load(root, "k18")
    assert hit["frames"]["t"]["x"].tolist() == [1, 2]


def test_extras_are_part_of_the_key(folder, root):
    (folder / "posts.csv").write_text(
        POSTS.replace("paid\n", "paid,mood\n")
        .replace("no\n", "no,x\n")
        .replace("yes\n", "yes,y\n"),
        encoding="utf-8",
    )
    full, _ = _load(folder)
    lean, _ = _load(folder, extras=False)
    assert "mood" in full.posts.columns and "mood" not in lean.posts.columns
    assert len(_entries(root)) == 2
    again, _ = _load(folder, extras=False)
    _assert_same(again, lean)
