"""A cache of validated workspaces, so that a folder read once is read again in a blink.

Reading and validating every file of a folder takes a second or more (the sample folder: about
1.4 s); a notebook run, and a batch report that runs six notebooks per job, read the same
folder again and again. :func:`smmnb.load_workspace` therefore keeps what it read as Parquet
files in a cache folder *outside* the data folder, and reads them back when nothing that
decides the result has changed.

- Where: ``$SMMNB_CACHE`` if set, else ``$XDG_CACHE_HOME/smmnb``, else ``~/.cache/smmnb``.
- Off: ``SMMNB_CACHE=off`` (or ``0``, ``false``, ``no``), or ``load_workspace(..., cache=False)``.
- Key: the SHA-256 of every file read (canonical tables and exports: name, size and content,
  so a file touched but not changed still hits), the arguments of ``load_workspace`` and the
  folder as written, the source code of smmnb and the pandas and pyarrow versions. Anything
  else is a miss; a miss reads the files as if there were no cache.
- Exact: an entry is only kept when reading it back gives frames equal to the ones read from
  the files (values, dtypes, column order, ``attrs``); the data warnings of the first read
  (duplicates dropped, exports not used) are stored and raised again on every hit.
- Safe: entries are written to a temporary folder and renamed into place, so a reader never
  sees half an entry; an unreadable entry is removed and counts as a miss; the 16 most
  recently used entries are kept. Failing to write the cache never fails the read.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import tempfile
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = ["KEEP", "cache_dir"]

KEEP = 16
"""How many entries the cache keeps (the least recently used go first)."""

_OFF = {"off", "0", "false", "no"}
_FORMAT = 2  # bump when the layout of an entry changes


def cache_dir() -> Path | None:
    """The cache folder, or None when the cache is turned off (``SMMNB_CACHE=off``)."""
    value = os.environ.get("SMMNB_CACHE")
    if value is not None and value.strip():
        if value.strip().lower() in _OFF:
            return None
        return Path(value).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(xdg) if xdg else Path.home() / ".cache") / "smmnb"


def _digest(path: Path) -> str:
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


@functools.cache
def _code_digest() -> str:
    """Digest of what shapes a stored frame: smmnb's code, header files, versions.

    Computed once a process.
    """
    import pyarrow

    h = hashlib.sha256(f"{_FORMAT} {pd.__version__} {pyarrow.__version__}".encode())
    package = Path(__file__).resolve().parent.parent
    # the code and the data files that shape what a reader returns (header spellings)
    sources = [*package.rglob("*.py"), *package.rglob("io/exports/headers/*")]
    for source in sorted(sources):
        h.update(source.relative_to(package).as_posix().encode())
        h.update(source.read_bytes())
    return h.hexdigest()


def key(folder: Path, files: list[Path], arguments: dict) -> str:
    """The cache key of reading ``files`` (every file the read depends on) from ``folder``."""
    listing = [
        (file.relative_to(folder).as_posix(), file.stat().st_size, _digest(file)) for file in files
    ]
    text = json.dumps(
        {"folder": str(folder), "files": listing, "arguments": arguments, "code": _code_digest()},
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(text.encode()).hexdigest()


def _empty_categories(df: pd.DataFrame) -> dict[str, str]:
    """Categorical columns without categories (all missing): Parquet keeps no dtype for them."""
    return {
        str(name): str(dtype.categories.dtype)
        for name, dtype in df.dtypes.items()
        if isinstance(dtype, pd.CategoricalDtype) and len(dtype.categories) == 0
    }


def _read(file: Path, empty_categories: dict[str, str]) -> pd.DataFrame:
    df = pd.read_parquet(file)
    for name, categories_dtype in empty_categories.items():
        dtype = pd.CategoricalDtype(pd.Index([], dtype=categories_dtype))
        codes = np.full(len(df), -1, dtype="int8")
        df[name] = pd.Categorical.from_codes(codes, dtype=dtype)
    return df


def load(root: Path, entry_key: str) -> dict | None:
    """The entry stored under ``entry_key``, or None. A damaged entry is removed."""
    entry = root / entry_key
    meta_file = entry / "meta.json"
    if not meta_file.is_file():
        return None
    try:
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
        frames = {
            name: _read(entry / f"{name}.parquet", empty) for name, empty in meta["frames"].items()
        }
        os.utime(entry)  # most recently used
    except Exception:  # anything unreadable is a miss, and goes
        shutil.rmtree(entry, ignore_errors=True)
        return None
    return {**meta, "frames": frames}


def _same(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    try:
        pd.testing.assert_frame_equal(a, b, check_exact=True)
    except AssertionError:
        return False
    return a.attrs == b.attrs


def store(root: Path, entry_key: str, frames: dict[str, pd.DataFrame], meta: dict) -> bool:
    """Write an entry atomically; False (and nothing written) when it would not read back equal."""
    entry = root / entry_key
    if entry.exists():
        return True
    try:
        root.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=root))
    except OSError:
        return False
    try:
        layout = {}
        for name, df in frames.items():
            layout[name] = _empty_categories(df)
            df.to_parquet(tmp / f"{name}.parquet")
            if not _same(df, _read(tmp / f"{name}.parquet", layout[name])):
                return False
        (tmp / "meta.json").write_text(json.dumps({**meta, "frames": layout}), encoding="utf-8")
        try:
            tmp.rename(entry)
        except OSError:  # another process stored the same entry first
            return entry.exists()
        _evict(root)
        return True
    except Exception:  # a frame Parquet cannot hold, a full disk: no cache, same result
        return False
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _evict(root: Path) -> None:
    import time

    entries = []
    for p in root.iterdir():
        if not p.is_dir():
            continue
        if not p.name.startswith(".tmp-"):
            entries.append(p)
        elif p.stat().st_mtime < time.time() - 3600:  # left by a process that was killed
            shutil.rmtree(p, ignore_errors=True)
    entries.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        shutil.rmtree(old, ignore_errors=True)


def replay(messages: list[dict]) -> None:
    """Raise again the data warnings stored with an entry."""
    from smmnb.schema import DataWarning

    for m in messages:
        warnings.warn_explicit(m["message"], DataWarning, m["filename"], m["lineno"])
