"""The story notebooks (00-05) open as reports: code hidden, and the folder's contents first."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pandas as pd
import pytest

from smmnb import i18n
from smmnb.notebook import FolderContents, folder_contents
from smmnb.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent
STORIES = sorted((ROOT / "notebooks").glob("0[0-5]_*.ipynb"))


@pytest.fixture(autouse=True)
def _english_after():
    yield
    i18n.set_language("en")


def test_there_are_six_story_notebooks():
    assert [p.name[:2] for p in STORIES] == ["00", "01", "02", "03", "04", "05"]


@pytest.mark.parametrize("path", STORIES, ids=lambda p: p.stem)
def test_code_is_hidden_except_the_parameters_form(path):
    notebook = nbformat.read(path, as_version=4)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    parameters = [c for c in code if "parameters" in c.metadata.get("tags", [])]
    assert len(parameters) == 1
    assert not parameters[0].metadata.get("jupyter", {}).get("source_hidden", False)
    shown = [
        c.source.splitlines()[0]
        for c in code
        if c not in parameters and c.metadata.get("jupyter", {}).get("source_hidden") is not True
    ]
    assert not shown, f"code cells of {path.name} shown in JupyterLab: {shown}"


@pytest.mark.parametrize("path", STORIES, ids=lambda p: p.stem)
def test_the_first_output_lists_what_is_in_the_folder(path):
    notebook = nbformat.read(path, as_version=4)
    first = next(
        c for c in notebook.cells if c.cell_type == "code" and c.get("outputs") and
        "parameters" not in c.metadata.get("tags", [])
    )  # fmt: skip
    text = first.outputs[0]["data"]["text/markdown"]
    assert "\n\nIn this folder: brands Lumi (owner), Moc Coffee and Sen Tea; platforms " in text
    assert "; dates 01 May 2026 to 31 Oct 2026 (184 days)." in text


def test_folder_contents_of_the_sample(ws):
    found = folder_contents(ws)
    assert found.brands == ("Lumi", "Moc Coffee", "Sen Tea")
    assert found.owner == "Lumi"
    assert found.platforms == ("facebook", "forum", "google", "instagram", "linkedin", "news",
                               "threads", "tiktok", "x", "youtube", "zalo")  # fmt: skip
    assert (found.first, found.last) == (pd.Timestamp("2026-05-01"), pd.Timestamp("2026-10-31"))
    # the whole folder whatever the filter: a narrowed workspace is not what the heading lists
    assert folder_contents(ws.filter(brand="Lumi", platforms=["tiktok"])).platforms == ("tiktok",)


CONTENTS = FolderContents(
    brands=("Sunny", "Lumi", "Moc"),
    owner="Sunny",
    platforms=("facebook", "news", "tiktok"),
    first=pd.Timestamp("2026-05-01"),
    last=pd.Timestamp("2026-10-31"),
)


def test_the_folder_sentence_in_english():
    assert CONTENTS.sentence() == (
        "In this folder: brands Sunny (owner), Lumi and Moc; platforms Facebook, News sites "
        "(`news`) and TikTok; dates 01 May 2026 to 31 Oct 2026 (184 days)."
    )


def test_the_folder_sentence_in_vietnamese():
    with i18n.use("vi"):
        assert CONTENTS.sentence() == (
            "Trong thư mục này: thương hiệu Sunny (chủ sở hữu), Lumi và Moc; nền tảng Facebook, "
            "Trang tin tức (`news`) và TikTok; ngày có dữ liệu từ 01/05/2026 đến 31/10/2026 "
            "(184 ngày)."
        )


def test_a_folder_with_one_brand_no_platform_and_no_date():
    one = FolderContents(brands=("A*b",), owner=None, platforms=(), first=None, last=None)
    assert one.sentence() == "In this folder: brand A\\*b; no platform named; no dated rows."
    with i18n.use("vi"):
        assert one.sentence() == (
            "Trong thư mục này: thương hiệu A\\*b; không có nền tảng nào; "
            "không có dòng nào có ngày."
        )


def test_an_empty_folder_says_so_in_one_sentence():
    empty = folder_contents(Workspace({}))
    assert empty == FolderContents(brands=(), owner=None, platforms=(), first=None, last=None)
    assert empty.sentence() == "This folder holds no data."
    with i18n.use("vi"):
        assert empty.sentence() == "Thư mục này không có dữ liệu."
    for text in (empty.sentence(), CONTENTS.sentence()):
        assert "nan" not in text and "None" not in text and "NaT" not in text


def test_a_folder_without_dated_rows(tmp_path):
    influencers = pd.DataFrame({"brand": ["Lumi"], "platform": ["tiktok"], "handle": ["@a"]})
    ws = Workspace({"influencers": _canonical("influencers", influencers)}, owner="Lumi")
    found = folder_contents(ws)
    assert (found.brands, found.platforms, found.first) == (("Lumi",), ("tiktok",), None)
    assert found.sentence() == (
        "In this folder: brand Lumi (owner); platform TikTok; no dated rows."
    )


def _canonical(name: str, rows: pd.DataFrame) -> pd.DataFrame:
    """``rows`` with every column of the canonical table (missing ones empty)."""
    from smmnb.schema import empty_table

    empty = empty_table(name)
    out = pd.concat([empty, rows], ignore_index=True)
    return out[list(empty.columns)]
