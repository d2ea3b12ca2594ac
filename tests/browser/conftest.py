"""JupyterLab and headless Chromium for the browser tests (``make browser-test``).

The browser is Debian's (``chromium`` and ``chromium-driver``, installed by ``.ci/run`` when
missing); the driver is given by path, so Selenium Manager never looks for or downloads one.
JupyterLab runs on a free port with a random token over a temporary copy of the notebooks
(the committed ones are never saved over) beside a link to ``sample_data/``. Screenshots of
each step, and of any failure, go to ``browser-screenshots/``.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "browser-screenshots"
CHROMIUM = os.environ.get("SMMNB_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("SMMNB_CHROMEDRIVER", "/usr/bin/chromedriver")


def pytest_collection_modifyitems(config, items):
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not Path(p).exists()]
    if missing:  # asked for explicitly: say what to install rather than skip quietly
        raise pytest.UsageError(
            f"the browser tests need Debian's chromium and chromium-driver ({', '.join(missing)} "
            "missing): sudo apt-get install chromium chromium-driver (bash .ci/run does it)"
        )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    """A running JupyterLab: yields (base URL, token, root folder)."""
    root = tmp_path_factory.mktemp("lab")
    (root / "notebooks").mkdir()
    for name in ("06_explore.ipynb", "01_customer_expectations.ipynb"):
        shutil.copy(ROOT / "notebooks" / name, root / "notebooks" / name)
    (root / "sample_data").symlink_to(ROOT / "sample_data")
    # no "get notified about Jupyter news?" prompt over the page (and no fetch of the news)
    settings = root / ".lab-settings"
    settings.mkdir()
    (settings / "overrides.json").write_text(
        '{"@jupyterlab/apputils-extension:notification": {"fetchNews": "false"}}'
    )
    port, token = _free_port(), secrets.token_hex(16)
    env = dict(os.environ, JUPYTER_PATH=str(ROOT / ".venv" / "share" / "jupyter"),
               JUPYTER_CONFIG_DIR=str(root / ".jupyter"),
               JUPYTERLAB_WORKSPACES_DIR=str(root / ".workspaces"))  # fmt: skip
    env.pop("MPLBACKEND", None)  # the kernel draws inline, as in make lab
    command = [
        str(Path(sys.executable).parent / "jupyter"), "lab", "--no-browser",
        f"--port={port}", "--ip=127.0.0.1", f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}", "--LabApp.expose_app_in_browser=True",
        f"--LabApp.app_settings_dir={settings}",
        "--MappingKernelManager.transport_encryption=auto",
    ]  # fmt: skip
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    log = open(root / "jupyterlab.log", "w")  # noqa: SIM115 - closed after the server
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), 0.5).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        "JupyterLab did not start: " + (root / "jupyterlab.log").read_text()
                    ) from None
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}", token, root
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Debian's chromedriver."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=1400,2000", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic"):  # fmt: skip
        options.add_argument(flag)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        options.add_argument("--no-sandbox")  # Chromium refuses to run as root otherwise
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    SHOTS.mkdir(exist_ok=True)
    yield driver
    driver.quit()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.failed:
        driver = item.funcargs.get("browser")
        if driver is not None:
            SHOTS.mkdir(exist_ok=True)
            driver.save_screenshot(str(SHOTS / f"FAILED-{item.name}.png"))
