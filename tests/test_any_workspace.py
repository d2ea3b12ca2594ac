"""Every notebook on every workspace: competitors, single platforms, short periods, partial and
foreign folders (``tests/workspaces.py``), run through the same code as ``smmnb report``.

Each run must end with the status the data imply (ok, or skipped when the notebook has nothing
at all to show), print no ``nan``/``inf``, write money in the data's currency and credit the
brand the report is about.
"""

from __future__ import annotations

import re

import pytest

from tests.workspaces import ALL, CASES, Case, narrative_text, run

LEAK = re.compile(r"(?<![\w/.-])(nan|inf|-inf|\+nan|nan%|NaT)(?![\w/-])", re.IGNORECASE)
MONEY_NOTEBOOKS = ("02_campaign_performance", "05_executive_summary")
# how an amount ends in each report language: "12 VND" / "12 ₫"
MONEY_MARK = {"en": {"VND": r"\d VND\b", "USD": r"\d USD\b"},
              "vi": {"VND": r"\d\s?₫", "USD": r"\d\s?US\$"}}  # fmt: skip

# Common English function words that are not also Vietnamese words written without diacritics
# ("an", "in", "to", "can", "than", "so", "no" are Vietnamese too, so they are not counted).
ENGLISH = frozenset(
    "the of and is are was were with from for by at this that these those it its be been or not "
    "per their which who what when where has have had will would should there here into over "
    "under only also more most less each every any some but if then our your they them we you "
    "he she his her".split()
)
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|‘[^’]*’|`[^`]*`|\*\*[^*]*\*\*|^>.*$", re.MULTILINE)


def english_share(parts: list[str]) -> tuple[float, int, list[str]]:
    """Share of English function words among the words of the narrative, the word count, and
    the sentences that read as English (3+ function words making a fifth of the words).

    Quotes, code, bold names (brands, terms) and block quotes are left out: they are the
    customers' and the brands' words, not the report's.
    """
    english = total = 0
    suspects = []
    for part in parts:
        for sentence in re.split(r"(?<=[.!?:;])\s+|\n+", QUOTED.sub(" ", part)):
            words = re.findall(r"[^\W\d_]+", sentence.lower())
            hits = sum(w in ENGLISH for w in words)
            english, total = english + hits, total + len(words)
            if hits >= 3 and hits >= 0.2 * len(words):
                suspects.append(sentence.strip())
    return (english / total if total else 0.0), total, suspects


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
        if case.parameters.get("language") == "vi":
            assert not english_share([result.error])[2], f"not Vietnamese: {result.error}"
        return
    leaks = sorted({m.group(0) for m in LEAK.finditer(text)})
    assert not leaks, f"{case.name}/{notebook} prints {leaks}"
    assert case.brand in text, f"{case.name}/{notebook} never names {case.brand}"
    language = case.parameters.get("language", "en")
    others = {"VND", "USD"} - {case.currency}
    if notebook in MONEY_NOTEBOOKS:
        for code in others:
            assert not re.search(MONEY_MARK[language][code], text), (
                f"money in {code}, the data are in {case.currency}"
            )
    if language == "vi":
        share, words, english = english_share(narrative_text(tmp_path / case.name, notebook))
        assert not english, f"{case.name}/{notebook} has English sentences: {english[:3]}"
        assert share < 0.02, f"{case.name}/{notebook}: {share:.1%} of {words} words are English"
    for owner_only in ("Cold Brew Season", "Back to School"):
        if case.folder == "sample" and case.brand != "Lumi" and notebook != "00_data_check":
            # Lumi's campaigns (from its own exports) are never credited to another brand
            assert owner_only not in text, f"{case.name}/{notebook} credits {owner_only}"
