"""Every notebook on every workspace: competitors, single platforms, short periods, partial and
foreign folders (``tests/workspaces.py``), run through the same code as ``smmnb report``.

Each run must end with the status the data imply (ok, or skipped when the notebook has nothing
at all to show), print no ``nan``/``inf``, write money in the data's currency and credit the
brand the report is about.
"""

from __future__ import annotations

import re

import pytest

from tests.workspaces import ALL, CASES, Case, run

LEAK = re.compile(r"(?<![\w/.-])(nan|inf|-inf|\+nan|nan%|NaT)(?![\w/-])", re.IGNORECASE)
MONEY_NOTEBOOKS = ("02_campaign_performance", "05_executive_summary")


@pytest.fixture(scope="session")
def folders(tmp_path_factory):
    return tmp_path_factory.mktemp("folders")


RUNS = [
    pytest.param(case, notebook, id=f"{case.name}-{notebook}")
    for case in CASES
    for notebook in (case.notebooks or ALL)
]


@pytest.mark.parametrize(("case", "notebook"), RUNS)
def test_notebook_on_workspace(case: Case, notebook: str, folders, tmp_path):
    result, text = run(case, notebook, folders, tmp_path)
    expected = "skipped" if notebook in case.skipped else "ok"
    assert result.status == expected, f"{case.name}/{notebook}: {result.status} {result.error}"
    if result.status == "skipped":
        # one sentence says why, and it is not a traceback
        assert result.error and "Traceback" not in result.error
        return
    leaks = sorted({m.group(0) for m in LEAK.finditer(text)})
    assert not leaks, f"{case.name}/{notebook} prints {leaks}"
    assert case.brand in text, f"{case.name}/{notebook} never names {case.brand}"
    others = {"VND", "USD"} - {case.currency}
    if notebook in MONEY_NOTEBOOKS:
        for code in others:
            assert not re.search(rf"\d {code}\b", text), (
                f"money in {code}, the data are in {case.currency}"
            )
    for owner_only in ("Cold Brew Season", "Back to School"):
        if case.folder == "sample" and case.brand != "Lumi" and notebook != "00_data_check":
            # Lumi's campaigns (from its own exports) are never credited to another brand
            assert owner_only not in text, f"{case.name}/{notebook} credits {owner_only}"
