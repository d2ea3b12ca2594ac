"""Shared fixtures: a seeded rng, the sample workspace, and figure clean-up."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")
# The workspace cache of this run starts empty and stays out of the user's ~/.cache.
os.environ["SMMNB_CACHE"] = tempfile.mkdtemp(prefix="smmnb-test-cache-")
atexit.register(shutil.rmtree, os.environ["SMMNB_CACHE"], ignore_errors=True)

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIR = ROOT / "sample_data"


@pytest.fixture
def rng() -> np.random.Generator:
    return np.random.default_rng(20261128)


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    return SAMPLE_DIR


@pytest.fixture(scope="session")
def ws():
    """The sample folder as a user loads it: canonical tables plus exports/."""
    import warnings

    import smmnb as smm

    # Exports that cannot fill a table are skipped with a DataWarning (00 lists them).
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", smm.DataWarning)
        return smm.load_workspace(SAMPLE_DIR)


@pytest.fixture(scope="session")
def generated():
    """The generator's in-memory output, with its intended labels."""
    from smmnb.sample import generate

    return generate(7)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")
