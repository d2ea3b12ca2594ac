"""Warm kernels for batch reports: each notebook gets a kernel started ahead, imports done.

A report runs many notebooks, and a fresh kernel per notebook spends most of a short
notebook's time starting Python and importing pandas, matplotlib, seaborn and smmnb. Here
each worker process keeps one *spare* kernel: started in the background while the current
notebook runs, with those imports already done (run silently, so the kernel's execution
count, its namespace and its history are as a fresh kernel's). A notebook takes the spare,
a new spare is started at once, and the notebook's kernel is shut down when it finishes:
every notebook has a kernel of its own, so it starts from a clean namespace and the same
matplotlib state, and a notebook that crashes or hangs its kernel affects only itself.

A spare belongs to a working directory, a kernel configuration and the environment it was
started in; when any of them changes, it is discarded and another started. Spares are shut
down when the process exits. ``SMMNB_FRESH_KERNELS=1`` (see :func:`fresh_kernels`) turns
this off: papermill starts a kernel per notebook and waits for it, as before.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import threading
from dataclasses import dataclass
from typing import Any

__all__ = ["ENGINE", "WARM_MODULES", "fresh_kernels", "shutdown", "take"]

ENGINE = "smmnb_warm"
"""The papermill engine name that runs a notebook on a kernel from :func:`take`."""

WARM_MODULES = (
    "IPython.display",
    "matplotlib.pyplot",
    "pandas",
    "seaborn",
    "smmnb",
    "smmnb.formatting",
    "smmnb.notebook",
    "smmnb.plots",
)
"""What a spare kernel imports before it is used: what every report notebook imports."""

# Imports without binding a name in the user's namespace; an import that fails is left for
# the notebook to report in its own words.
_WARM_UP = """\
def _smmnb_warm_up():
    import importlib
    for name in {modules!r}:
        try:
            importlib.import_module(name)
        except Exception:
            pass
_smmnb_warm_up()
del _smmnb_warm_up
"""

# As nbclient starts its kernels: IPython's history in memory, not in a shared SQLite file.
_KERNEL_ARGUMENTS = ["--HistoryManager.hist_file=:memory:"]


def fresh_kernels() -> bool:
    """Whether to start a fresh kernel per notebook (``SMMNB_FRESH_KERNELS`` set and not 0)."""
    return os.environ.get("SMMNB_FRESH_KERNELS", "").strip().lower() not in ("", "0", "false", "no")


@dataclass
class _Spare:
    key: str
    km: Any  # jupyter_client.AsyncKernelManager
    kc: Any  # its client, until the warm-up has answered
    msg_id: str
    pid: int  # the process that started it (a forked worker inherits its parent's spare)


_lock = threading.Lock()
_spare: _Spare | None = None
_finalized_in: int | None = None  # the process whose exit stops its spare


def _key(cwd: str, kernel_name: str, config) -> str:
    """What a kernel depends on: directory, kernel, configuration and environment."""
    text = repr((cwd, kernel_name, repr(config), sorted(os.environ.items())))
    return hashlib.sha256(text.encode()).hexdigest()


def _run(coroutine_function, *args, **kwargs):
    from jupyter_core.utils import run_sync

    return run_sync(coroutine_function)(*args, **kwargs)


def _start(cwd: str, kernel_name: str, config) -> _Spare:
    """Start a kernel and send it the warm-up imports, without waiting for either."""
    from jupyter_client import AsyncKernelManager

    _stop_at_exit()

    options = {"kernel_name": kernel_name}
    if config is not None:
        options["config"] = config
    km = AsyncKernelManager(**options)
    _run(km.start_kernel, cwd=cwd, extra_arguments=list(_KERNEL_ARGUMENTS))
    kc = km.client()
    kc.start_channels()
    msg_id = kc.execute(
        _WARM_UP.format(modules=WARM_MODULES), silent=True, store_history=False, allow_stdin=False
    )
    return _Spare(_key(cwd, kernel_name, config), km, kc, msg_id, os.getpid())


async def _await_reply(spare: _Spare, timeout: float) -> None:
    import asyncio

    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        left = deadline - loop.time()
        if left <= 0:
            raise TimeoutError(f"kernel did not finish its imports within {timeout:g} s")
        if not await spare.km.is_alive():
            raise RuntimeError("kernel died while importing")
        try:
            reply = await spare.kc.get_shell_msg(timeout=min(left, 1.0))
        except Exception:  # queue.Empty: not yet
            continue
        if reply.get("parent_header", {}).get("msg_id") == spare.msg_id:
            return


def _ready(spare: _Spare, timeout: float) -> Any:
    """Wait for a spare's warm-up; its kernel manager, the warm-up client stopped."""
    try:
        _run(_await_reply, spare, timeout)
    finally:
        spare.kc.stop_channels()
    return spare.km


def _kill(spare: _Spare | None) -> None:
    if spare is None:
        return
    try:
        spare.kc.stop_channels()
        _run(spare.km.shutdown_kernel, now=True)
    except Exception:  # noqa: BLE001 - already dead or never started: nothing to stop
        pass


def take(cwd: str, *, kernel_name: str = "python3", config=None, startup_timeout: float = 60):
    """A started kernel with the imports done, for one notebook; the next starts meanwhile.

    Parameters
    ----------
    cwd : str
        The notebook's working directory.
    kernel_name : str
    config : traitlets.config.Config, optional
        The kernel manager's configuration (as papermill would be given it).
    startup_timeout : float
        Seconds to wait for a kernel to start and import.

    Returns
    -------
    jupyter_client.AsyncKernelManager
        For papermill's engine :data:`ENGINE` (``km=``), which shuts it down after the
        notebook, whatever happens.
    """
    global _spare
    with _lock:
        spare, _spare = _spare, None
        if spare is not None and spare.pid != os.getpid():
            spare = None  # the parent process's, not ours to use or stop
        key = _key(cwd, kernel_name, config)
        if spare is not None and spare.key != key:
            _kill(spare)
            spare = None
        km = None
        if spare is not None:
            try:
                km = _ready(spare, startup_timeout)
            except Exception:  # noqa: BLE001 - a spare that died or hung is replaced
                _kill(spare)
        if km is None:
            km = _ready(_start(cwd, kernel_name, config), startup_timeout)
        _spare = _start(cwd, kernel_name, config)
        return km


def shutdown() -> None:
    """Stop this process's spare kernel (at exit; harmless when there is none)."""
    global _spare
    with _lock:
        spare, _spare = _spare, None
    if spare is not None and spare.pid == os.getpid():
        _kill(spare)


def _stop_at_exit() -> None:
    """Stop this process's spare when it exits.

    By atexit, and by the finalizers that a multiprocessing worker runs instead (a forked
    worker does not inherit its parent's).
    """
    global _finalized_in
    if _finalized_in == os.getpid():
        return
    _finalized_in = os.getpid()
    atexit.register(shutdown)
    try:
        from multiprocessing import util

        util.Finalize(None, shutdown, exitpriority=10)
    except Exception:  # noqa: BLE001 - without multiprocessing, atexit is enough
        pass


def _register_engine() -> None:
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine, papermill_engines
    from papermill.log import logger
    from papermill.utils import merge_kwargs, remove_args

    class WarmEngine(NBClientEngine):
        """papermill's nbclient engine on a given kernel, shut down after the notebook."""

        @classmethod
        def execute_managed_notebook(
            cls,
            nb_man,
            kernel_name,
            log_output=False,
            stdout_file=None,
            stderr_file=None,
            start_timeout=60,
            execution_timeout=None,
            **kwargs,
        ):
            kwargs = remove_args(["input_path", "timeout", "startup_timeout"], **kwargs)
            km = kwargs.pop("km")
            final_kwargs = merge_kwargs(
                kwargs,
                timeout=execution_timeout,
                startup_timeout=start_timeout,
                kernel_name=kernel_name,
                log=logger,
                log_output=log_output,
                stdout_file=stdout_file,
                stderr_file=stderr_file,
                shutdown_kernel="immediate",
            )
            client = PapermillNotebookClient(nb_man, km=km, **final_kwargs)
            # The kernel served this notebook only: stop it and its client whatever happened.
            return client.execute(cleanup_kc=True)

    papermill_engines.register(ENGINE, WarmEngine)


_register_engine()
