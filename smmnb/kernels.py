"""Warm kernels for batch reports: each notebook gets a kernel started ahead, imports done.

A report runs many notebooks, and a fresh kernel per notebook spends most of a short
notebook's time starting Python and importing pandas, matplotlib, seaborn and smmnb. Here
each worker process (each thread of one) keeps one kernel warm across its notebooks: started
once, with those imports done silently, and its state saved (matplotlib's settings, warning
filters, working directory, environment, ``sys.path``, pandas' options, the report
language). Before each further notebook the kernel is reset to that state: IPython's
namespace and history cleared and the execution count back to 1, figures closed, the saved
state restored, so every notebook starts as in a fresh kernel, with the imports done once.
A notebook that crashes or hangs its kernel affects only itself: the kernel is killed and
the next notebook gets a new one; so does a notebook after a failed one.

A kernel belongs to a working directory, a kernel configuration and the environment it was
started in; when any of them changes, another is started. Kernels are shut down when the
process exits. ``SMMNB_FRESH_KERNELS=1`` (see :func:`fresh_kernels`) turns this off:
papermill starts a kernel per notebook, as before.
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
"""What a kernel imports when it starts: what every report notebook imports."""

# Imports without binding a name in the user's namespace (an import that fails is left for
# the notebook to report in its own words), then the state a fresh kernel has, saved in a
# module of its own.
_WARM_UP = """\
def _smmnb_warm_up():
    import copy, importlib, os, sys, types, warnings
    for name in {modules!r}:
        try:
            importlib.import_module(name)
        except Exception:
            pass
    state = types.ModuleType("_smmnb_kernel_state")
    state.cwd, state.environ, state.path = os.getcwd(), dict(os.environ), list(sys.path)
    state.filters, state.showwarning = list(warnings.filters), warnings.showwarning
    state.rc = None
    if "matplotlib" in sys.modules:
        state.rc = copy.deepcopy(dict(sys.modules["matplotlib"].rcParams))
    state.pandas = None
    if "pandas" in sys.modules:
        import pandas as pd
        keys = pd._config.config._registered_options
        state.pandas = {{k: pd.get_option(k) for k in keys
                         if k not in pd._config.config._deprecated_options}}
    state.language = None
    if "smmnb.i18n" in sys.modules:
        state.language = sys.modules["smmnb.i18n"].get_language()
    sys.modules["_smmnb_kernel_state"] = state
_smmnb_warm_up()
del _smmnb_warm_up
"""

# Back to the saved state, as a fresh kernel: run silently before each further notebook.
_RESET = """\
def _smmnb_reset():
    import gc, os, sys, warnings
    state = sys.modules["_smmnb_kernel_state"]
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
    if state.rc is not None:
        rc = sys.modules["matplotlib"].rcParams
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            dict.clear(rc)
            dict.update(rc, state.rc)
    if state.pandas is not None:
        import pandas as pd
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for key, value in state.pandas.items():
                if pd.get_option(key) != value:
                    pd.set_option(key, value)
    if state.language is not None:
        sys.modules["smmnb.i18n"].set_language(state.language)
    os.chdir(state.cwd)
    os.environ.clear()
    os.environ.update(state.environ)
    sys.path[:] = state.path
    warnings.filters[:] = state.filters
    warnings.showwarning = state.showwarning
    warnings._filters_mutated()
    for module in list(sys.modules.values()):
        registry = getattr(module, "__warningregistry__", None)
        if isinstance(registry, dict):
            registry.clear()
    get_ipython().reset(new_session=True)
    gc.collect()
_smmnb_reset()
"""

# As nbclient starts its kernels: IPython's history in memory, not in a shared SQLite file.
_KERNEL_ARGUMENTS = ["--HistoryManager.hist_file=:memory:"]


def fresh_kernels() -> bool:
    """Whether to start a fresh kernel per notebook (``SMMNB_FRESH_KERNELS`` set and not 0)."""
    return os.environ.get("SMMNB_FRESH_KERNELS", "").strip().lower() not in ("", "0", "false", "no")


@dataclass
class _Kernel:
    key: str
    km: Any  # jupyter_client.AsyncKernelManager
    pid: int  # the process that started it (a forked worker inherits its parent's table)


_lock = threading.Lock()
_kernels: dict[int, _Kernel] = {}  # by thread: each thread's event loop drives its own kernel
_finalized_in: int | None = None  # the process whose exit stops its kernels


def _key(cwd: str, kernel_name: str, config) -> str:
    """What a kernel depends on: directory, kernel, configuration and environment."""
    text = repr((cwd, kernel_name, repr(config), sorted(os.environ.items())))
    return hashlib.sha256(text.encode()).hexdigest()


def _run(coroutine_function, *args, **kwargs):
    from jupyter_core.utils import run_sync

    return run_sync(coroutine_function)(*args, **kwargs)


async def _await_reply(km, kc, msg_id: str, timeout: float) -> None:
    import asyncio

    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        left = deadline - loop.time()
        if left <= 0:
            raise TimeoutError(f"kernel did not answer within {timeout:g} s")
        if not await km.is_alive():
            raise RuntimeError("kernel died")
        try:
            reply = await kc.get_shell_msg(timeout=min(left, 1.0))
        except Exception:  # queue.Empty: not yet
            continue
        if reply.get("parent_header", {}).get("msg_id") == msg_id:
            if reply["content"].get("status") != "ok":
                raise RuntimeError(f"kernel could not be prepared: {reply['content']}")
            return


def _execute(km, code: str, timeout: float) -> None:
    """Run code silently in a kernel (no output, no history, no execution count)."""
    kc = km.client()
    kc.start_channels()
    try:
        msg_id = kc.execute(code, silent=True, store_history=False, allow_stdin=False)
        _run(_await_reply, km, kc, msg_id, timeout)
    finally:
        kc.stop_channels()


def _start(cwd: str, kernel_name: str, config, timeout: float) -> _Kernel:
    """Start a kernel, do the imports and save its state."""
    from jupyter_client import AsyncKernelManager

    _stop_at_exit()
    options = {"kernel_name": kernel_name}
    if config is not None:
        options["config"] = config
    km = AsyncKernelManager(**options)
    _run(km.start_kernel, cwd=cwd, extra_arguments=list(_KERNEL_ARGUMENTS))
    kernel = _Kernel(_key(cwd, kernel_name, config), km, os.getpid())
    try:
        _execute(km, _WARM_UP.format(modules=WARM_MODULES), timeout)
    except BaseException:
        _kill(kernel)
        raise
    return kernel


def _kill(kernel: _Kernel | None) -> None:
    if kernel is None:
        return
    try:
        _run(kernel.km.shutdown_kernel, now=True)
    except Exception:  # noqa: BLE001 - already dead: nothing to stop
        pass


def take(cwd: str, *, kernel_name: str = "python3", config=None, startup_timeout: float = 60):
    """The calling thread's warm kernel, reset for a new notebook (started the first time).

    Parameters
    ----------
    cwd : str
        The notebook's working directory.
    kernel_name : str
    config : traitlets.config.Config, optional
        The kernel manager's configuration (as papermill would be given it).
    startup_timeout : float
        Seconds to wait for a kernel to start and import, or to reset.

    Returns
    -------
    jupyter_client.AsyncKernelManager
        For papermill's engine :data:`ENGINE` (``km=``), which kills it if the notebook
        crashes or hangs it (the next notebook then gets a new one).
    """
    thread = threading.get_ident()
    with _lock:
        kernel = _kernels.pop(thread, None)
    if kernel is not None and kernel.pid != os.getpid():
        kernel = None  # the parent process's, not ours to use or stop
    if kernel is not None and (
        kernel.key != _key(cwd, kernel_name, config) or not _run(kernel.km.is_alive)
    ):
        _kill(kernel)
        kernel = None
    if kernel is not None:
        try:
            _execute(kernel.km, _RESET, startup_timeout)
        except Exception:  # noqa: BLE001 - a kernel that cannot be reset is replaced
            _kill(kernel)
            kernel = None
    if kernel is None:
        kernel = _start(cwd, kernel_name, config, startup_timeout)
    with _lock:
        _kernels[thread] = kernel
    return kernel.km


def shutdown() -> None:
    """Stop this process's warm kernels (at exit; harmless when there is none)."""
    with _lock:
        kernels = list(_kernels.values())
        _kernels.clear()
    for kernel in kernels:
        if kernel.pid == os.getpid():
            _kill(kernel)


def _stop_at_exit() -> None:
    """Stop this process's kernels when it exits.

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
        """papermill's nbclient engine on a given kernel, kept for the next notebook."""

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
            )
            client = PapermillNotebookClient(nb_man, km=km, **final_kwargs)
            try:
                return client.execute(cleanup_kc=False)
            except BaseException:
                # Dead, or hung past the timeout: this notebook's failure, not the next one's.
                _kill(_Kernel("", km, os.getpid()))
                raise
            finally:
                if client.kc is not None:
                    client.kc.stop_channels()

    papermill_engines.register(ENGINE, WarmEngine)


_register_engine()
