"""Reports beyond one machine: fsspec URLs for data and output, Dask for the jobs.

``smmnb report --scheduler tcp://HOST:8786`` sends each job x notebook to the workers of an
existing ``dask.distributed`` cluster; ``--scheduler local`` starts a ``LocalCluster`` of
worker processes on this machine. The tasks are the same functions ``--workers`` runs in its
process pool, so the index, failure isolation, exit status and provenance are the same.

A data folder or an output folder may be an fsspec URL (``s3://bucket/brand``,
``gs://...``, ``file:///srv/data``, ``memory://...`` in tests), so that workers on other
machines read the same data and write to the same report folder:

- a data folder at a URL is copied to a local cache folder before it is read
  (:func:`local_folder`; a copy is reused while the files' sizes and versions are unchanged);
- a report is written in a local temporary folder and copied to the output URL
  (:func:`staged`); ``index.html`` the same way, by the machine that runs ``smmnb report``.

``s3://`` needs ``s3fs`` (``pip install smmnb[s3]``), ``gs://`` needs ``gcsfs``
(``smmnb[gcs]``). A plain path and a ``file://`` URL are the local disk, read in place.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

__all__ = [
    "LOCAL",
    "cluster_client",
    "data_files",
    "is_dir",
    "is_url",
    "local_folder",
    "local_path",
    "run_deck",
    "run_on_cluster",
    "settings_copy",
    "staged",
    "upload",
]

LOCAL = "local"
"""The ``--scheduler`` value that starts a LocalCluster on this machine."""

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_SUFFIXES = {".csv", ".parquet", ".xlsx", ".xls", ".jsonl", ".tsv", ".txt"}


def is_url(path) -> bool:
    """Whether ``path`` is a URL (``proto://...``) rather than a path; ``file://`` counts.

    >>> is_url("s3://bucket/brand"), is_url("file:///srv/data"), is_url("data/brand")
    (True, True, False)
    """
    return isinstance(path, str) and bool(_URL.match(path))


def local_path(path) -> str | None:
    """The local path a plain path or a ``file://`` URL names; None for any other URL.

    >>> local_path("file:///srv/data"), local_path("data"), local_path("memory://x")
    ('/srv/data', 'data', None)
    """
    path = os.fspath(path)
    if not is_url(path):
        return path
    if path.startswith("file://"):
        from fsspec.implementations.local import LocalFileSystem

        return LocalFileSystem._strip_protocol(path)
    return None


def _fs(url: str):
    """The fsspec filesystem of a URL and the path in it."""
    from fsspec.core import url_to_fs

    try:
        return url_to_fs(url)
    except ImportError as exc:  # s3fs or gcsfs not installed
        from smmnb.errors import ReportError

        hint = "install smmnb[s3] for s3://, smmnb[gcs] for gs://"
        raise ReportError(f"{url}: {exc} ({hint})") from None


def _remote_root() -> Path:
    from smmnb.io.cache import cache_dir

    root = cache_dir()
    return (root if root is not None else Path(tempfile.gettempdir()) / "smmnb") / "remote"


def _version(info: dict) -> str:
    """What changes when a remote file changes: its size and its ETag, checksum or time."""
    keys = ("size", "ETag", "etag", "md5Hash", "crc32c", "generation", "mtime", "LastModified",
            "updated", "created")  # fmt: skip
    return json.dumps([str(info.get(k, "")) for k in keys])


def local_folder(data_dir) -> str:
    """A data folder as a local path: a path or ``file://`` URL as is, another URL copied.

    The copy goes to ``<cache>/remote/<digest>`` (the smmnb cache, ``$SMMNB_CACHE``), named
    after the URL and every file's size and version: the same data are downloaded once per
    machine, and changed data get a fresh copy. Worker processes that copy the same folder
    at once each download to a temporary folder and the first one renamed wins.
    """
    local = local_path(data_dir)
    if local is not None:
        return local
    fs, root = _fs(data_dir)
    root = root.rstrip("/")
    found = fs.find(root, detail=True)
    listing = sorted(
        (name[len(root) :].lstrip("/"), _version(info)) for name, info in found.items()
    )
    key = hashlib.sha256(json.dumps([data_dir, listing]).encode()).hexdigest()[:24]
    target = _remote_root() / key
    if target.is_dir():
        return str(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{key}.", dir=target.parent))
    try:
        for relative, _ in listing:
            path = tmp / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            fs.get_file(f"{root}/{relative}", str(path))
        try:
            os.replace(tmp, target)
        except OSError:  # another process made the same copy first
            if not target.is_dir():
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return str(target)


def settings_copy(data_dir: str, name: str) -> str | None:
    """A local folder with a copy of one file of a data folder at a URL (its smmnb.yml).

    None when the folder has no such file; a local folder (or ``file://`` URL) as is.
    """
    local = local_path(data_dir)
    if local is not None:
        return local
    fs, root = _fs(data_dir)
    remote = f"{root.rstrip('/')}/{name}"
    try:
        data = fs.cat_file(remote)
    except (FileNotFoundError, IsADirectoryError):
        return None
    key = hashlib.sha256(data_dir.encode() + b"\0" + data).hexdigest()[:24]
    folder = _remote_root() / "settings" / key
    if not (folder / name).is_file():
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{name}.{os.getpid()}.tmp"
        tmp.write_bytes(data)
        os.replace(tmp, folder / name)
    return str(folder)


def data_files(data_dir) -> list[tuple[str, str]]:
    """(relative path, SHA-256) of every data file under a data folder or URL, in path order."""
    local = local_path(data_dir)
    if local is not None:
        root = Path(local)
        files = sorted(p for p in root.rglob("*") if p.is_file())
        return [
            (p.relative_to(root).as_posix(), hashlib.sha256(p.read_bytes()).hexdigest())
            for p in files
            if p.suffix.lower() in _SUFFIXES
        ]
    fs, root = _fs(data_dir)
    root = root.rstrip("/")
    out = []
    for name in sorted(fs.find(root)):
        relative = name[len(root) :].lstrip("/")
        if Path(relative).suffix.lower() in _SUFFIXES:
            out.append((relative, hashlib.sha256(fs.cat_file(name)).hexdigest()))
    return out


def is_dir(path) -> bool:
    """Whether a path or URL is a folder (an object store's prefix with files counts)."""
    local = local_path(path)
    if local is not None:
        return Path(local).is_dir()
    fs, root = _fs(path)
    try:
        return fs.isdir(root)
    except OSError:
        return False


def upload(local: str | os.PathLike, url: str) -> None:
    """Copy every file under a local folder to the same relative paths under a URL."""
    fs, root = _fs(url)
    root = root.rstrip("/")
    local = Path(local)
    for path in sorted(p for p in local.rglob("*") if p.is_file()):
        relative = path.relative_to(local).as_posix()
        target = f"{root}/{relative}"
        fs.makedirs(target.rsplit("/", 1)[0], exist_ok=True)
        fs.put_file(str(path), target)


def _remove(url: str) -> None:
    fs, path = _fs(url)
    try:
        if fs.exists(path):
            fs.rm_file(path)
    except OSError:
        pass


def staged(function: Callable, args: tuple):
    """Run a task whose output folder (its argument ``out``) is a URL; runs on the worker.

    The task writes ``<job>/...`` in a local temporary folder instead; what it wrote is
    copied to the URL and the folder removed. A task that succeeded removes the job's stale
    ``<notebook>.failed.ipynb`` at the URL, as it does on a local disk.
    """
    import inspect

    bound = inspect.signature(function).bind(*args)
    out = str(bound.arguments["out"])
    job = bound.arguments["job"]
    with tempfile.TemporaryDirectory(prefix="smmnb-report-") as tmp:
        bound.arguments["out"] = tmp
        result = function(*bound.args, **bound.kwargs)
        folder = Path(tmp) / job.name
        if folder.is_dir():
            upload(folder, f"{out.rstrip('/')}/{job.name}")
    if getattr(result, "ok", False) and result.notebook:
        _remove(f"{out.rstrip('/')}/{job.name}/{result.notebook}.failed.ipynb")
    return result


def run_deck(job, out: str):
    """A job's deck (:func:`smmnb.report._run_deck`) from a data folder at a URL, read locally.

    The deck is written in this process, so the folder is copied first
    (:func:`local_folder`); a copy that fails is a failed task of the job.
    """
    import dataclasses
    import time

    from smmnb.report import DECK, TaskResult, _run_deck

    data_dir = job.parameters.get("data_dir")
    if data_dir and local_path(data_dir) is None:
        began = time.perf_counter()
        try:
            local = local_folder(data_dir)
        except Exception as exc:  # noqa: BLE001 - one failed task, not a stopped run
            return TaskResult(job.name, DECK, "failed", time.perf_counter() - began, None,
                              f"{type(exc).__name__}: {exc}")  # fmt: skip
        job = dataclasses.replace(job, parameters={**job.parameters, "data_dir": local})
    return _run_deck(job, out)


def cluster_client(scheduler: str, workers: int | None = None):
    """A ``distributed.Client`` on a scheduler's address, or on a new LocalCluster.

    ``scheduler`` is ``"local"`` (a LocalCluster of ``workers`` processes, default the
    number of cores, one thread each: a task is one notebook's kernel) or an address such
    as ``tcp://10.0.0.5:8786``. The caller closes the client (and its cluster).
    """
    import logging

    from distributed import Client, LocalCluster

    if scheduler == LOCAL:
        cluster = LocalCluster(
            n_workers=workers or os.cpu_count() or 1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
        client = Client(cluster)
        client._smmnb_cluster = cluster  # closed with the client
        return client
    from smmnb.errors import ReportError

    try:
        return Client(scheduler)  # waits distributed.comm.timeouts.connect (30 s)
    except (OSError, TimeoutError) as exc:
        raise ReportError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None


def run_on_cluster(
    calls: Iterable[tuple[object, Callable, tuple]],
    scheduler: str,
    workers: int | None = None,
) -> Iterator[tuple[object, object]]:
    """Run ``function(*args)`` for each ``(key, function, args)`` on a Dask cluster.

    Yields ``(key, result)`` as tasks finish; a task that raised (a worker that died more
    than Dask's allowed failures: ``KilledWorker``) yields the exception instead, so one
    task's failure never stops the others. Each task runs once (no retries).
    """
    import uuid

    from distributed import as_completed

    client = cluster_client(scheduler, workers)
    try:
        futures = {}
        run = uuid.uuid4().hex[:8]
        for i, (key, function, args) in enumerate(calls):
            future = client.submit(function, *args, key=f"smmnb-{run}-{i}", pure=False)
            futures[future] = key
        for future in as_completed(futures):
            try:
                yield futures[future], future.result()
            except Exception as exc:  # noqa: BLE001 - the task's own failure, reported
                yield futures[future], exc
    finally:
        cluster = getattr(client, "_smmnb_cluster", None)
        client.close()
        if cluster is not None:
            cluster.close()
