"""pyproject.toml is the source of truth; environment.yml must list the same packages."""

from __future__ import annotations

import re
import tomllib

import yaml
from conftest import ROOT


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[; ]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def _conda_names() -> set[str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    names = set()
    for dep in env["dependencies"]:
        if isinstance(dep, str):
            names.add(_name(dep))
    return names


def test_every_runtime_dependency_is_in_environment_yml():
    runtime = {_name(r) for r in _pyproject()["project"]["dependencies"]}
    missing = runtime - _conda_names()
    assert not missing, f"environment.yml lacks {sorted(missing)}"


def test_every_dev_dependency_is_in_environment_yml():
    dev = {_name(r) for r in _pyproject()["project"]["optional-dependencies"]["dev"]}
    missing = dev - _conda_names()
    assert not missing, f"environment.yml lacks {sorted(missing)}"


def test_environment_yml_lists_nothing_pyproject_does_not():
    project = _pyproject()["project"]
    declared = {_name(r) for r in project["dependencies"]}
    for extra in project["optional-dependencies"].values():
        declared |= {_name(r) for r in extra}
    extra = _conda_names() - declared - {"python", "pip"}
    assert not extra, f"environment.yml has packages pyproject.toml does not: {sorted(extra)}"


def test_required_dependencies_declared():
    runtime = {_name(r) for r in _pyproject()["project"]["dependencies"]}
    needed = {
        "pandas",
        "numpy",
        "matplotlib",
        "seaborn",
        "papermill",
        "nbconvert",
        "jupyterlab",
        "ipykernel",
        "pyarrow",
        "pyyaml",
        "openpyxl",
        "click",
    }
    assert needed <= runtime


def test_conda_pins_match_pyproject_lower_bounds():
    pins = {}
    for req in _pyproject()["project"]["dependencies"]:
        m = re.match(r"([A-Za-z0-9_.-]+)\s*>=\s*([0-9.]+)", req)
        if m:
            pins[m.group(1).lower()] = m.group(2)
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = {}
    for dep in env["dependencies"]:
        if isinstance(dep, str):
            m = re.match(r"([A-Za-z0-9_.-]+)\s*>=\s*([0-9.]+)", dep)
            if m:
                conda[m.group(1).lower()] = m.group(2)
    for name, version in pins.items():
        assert conda.get(name) == version, f"{name}: pyproject >={version}, conda {conda.get(name)}"
