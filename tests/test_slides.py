"""The deck: reopened with python-pptx, its slides, texts, pictures and font checked."""

from __future__ import annotations

import warnings
from pathlib import Path

import matplotlib
import pandas as pd
import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from smmnb import i18n, insights
from smmnb import narrative as say
from smmnb.narrative import summary
from smmnb.slides import FONT, markdown_runs, write_deck
from tests.workspaces import build

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data"


def _plain(markdown: str) -> str:
    return "".join(r.text for r in markdown_runs(markdown))


def _texts(slide) -> list[str]:
    """Every text of a slide: text boxes, then table cells (row by row)."""
    out = []
    for shape in slide.shapes:
        if shape.has_text_frame and shape.text_frame.text.strip():
            out.append(shape.text_frame.text)
        if shape.has_table:
            out += [cell.text for row in shape.table.rows for cell in row.cells]
    return out


def _table(slide) -> list[list[str]]:
    shape = next(s for s in slide.shapes if s.has_table)
    return [[cell.text for cell in row.cells] for row in shape.table.rows]


def _pictures(slide) -> int:
    return sum(1 for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE)


def _runs(prs):
    for slide in prs.slides:
        for shape in slide.shapes:
            frames = [shape.text_frame] if shape.has_text_frame else []
            if shape.has_table:
                frames += [cell.text_frame for row in shape.table.rows for cell in row.cells]
            for frame in frames:
                for paragraph in frame.paragraphs:
                    yield from paragraph.runs


def _expected(language: str):
    """What notebook 05 computes, with its own calls, in ``language``."""
    from smmnb.notebook import setup

    with i18n.use(language), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        nb = setup(str(SAMPLE), language=language, heading=False)
        customers = insights.analyzed_customers(nb.everything, nb.brand, nb.start, nb.end)
        head = insights.headline_kpis(nb.everything, nb.brand, nb.start, nb.end,
                                      analyzed=customers)  # fmt: skip
        sc = insights.target_scorecard(nb.everything, nb.brand, nb.start, nb.end)
        found = insights.findings(nb.everything, nb.brand, nb.start, nb.end, scorecard=sc,
                                  analyzed=customers)  # fmt: skip
        return {
            "nb": nb,
            "head": head,
            "shown": summary.headline_table(head),
            "paced": len(insights.paced(sc)),
            "targets": _plain(summary.targets_summary(sc, nb.filter_text)),
            "found": found,
            "period": say.period(nb.first, nb.last),
            "filter": nb.filter_text,
        }


@pytest.fixture(scope="module")
def english(tmp_path_factory):
    path = tmp_path_factory.mktemp("deck") / "lumi.pptx"
    branding = {"accent": "#C0392B", "footer": "Lumi · Marketing", "logo": None}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        written = write_deck(SAMPLE, path, branding=branding)
    assert written == path
    return Presentation(str(path)), _expected("en")


@pytest.fixture(scope="module")
def vietnamese(tmp_path_factory):
    path = tmp_path_factory.mktemp("deck") / "lumi_vi.pptx"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        write_deck(SAMPLE, path, language="vi", top=3)
    return Presentation(str(path)), _expected("vi")


def test_slides_in_order_title_kpis_targets_findings_actions(english):
    prs, want = english
    slides = list(prs.slides)
    n = min(5, len(want["found"]))
    assert n == 5  # the sample has more than five findings
    assert len(slides) == 1 + 1 + 1 + n + 1
    assert _texts(slides[1])[0] == "Headline numbers"
    assert _texts(slides[2])[0] == "KPIs against targets"
    assert _texts(slides[-1])[0] == "What to do next"
    for number, slide in enumerate(slides, start=1):  # every slide numbered, footer on each
        assert f"{number} / {len(slides)}" in _texts(slide)
        assert "Lumi · Marketing" in _texts(slide)


def test_title_slide_has_brand_period_and_filter(english):
    prs, want = english
    texts = _texts(prs.slides[0])
    assert "Lumi" in texts
    assert "Social media report" in texts
    assert f"{want['period']}\n{want['filter']}" in texts
    assert want["period"] == "03 Aug 2026 to 31 Oct 2026 (90 days)"


def test_headline_values_are_the_executive_summary_s(english):
    prs, want = english
    rows = _table(prs.slides[1])
    assert rows[0] == ["Measure", "This period", "Against the previous period"]
    shown = want["shown"]
    assert [r[0] for r in rows[1:]] == list(shown["measure"])
    assert [r[1] for r in rows[1:]] == list(shown["value"])
    assert rows[1][1] == "1,327,807,400 VND"
    by_measure = {r[0]: r for r in rows[1:]}
    # posts: counted here from the tables, this period against the 90 days before
    ws = want["nb"].everything.filter(brand="Lumi")
    now = len(ws.filter(start="2026-08-03", end="2026-10-31").posts)
    before = len(ws.filter(start="2026-05-05", end="2026-08-02").posts)
    assert by_measure["posts"][1] == say.count(now)
    assert by_measure["posts"][2] == say.signed_pct(now / before - 1)
    # a rate changes in points
    assert by_measure["engagement rate on reach"][2].endswith("points")
    assert "Previous period: 05 May 2026 to 02 Aug 2026 (90 days)." in _texts(prs.slides[1])


def test_targets_slide_has_the_chart_and_its_sentence(english):
    prs, want = english
    slide = prs.slides[2]
    assert want["paced"] > 0 and _pictures(slide) == 1
    assert want["targets"] in _texts(slide)


def test_one_slide_per_top_finding_with_its_chart_and_action(english):
    prs, want = english
    found = want["found"].head(5)
    for slide, r in zip(list(prs.slides)[3:-1], found.itertuples(), strict=True):
        texts = _texts(slide)
        assert _plain(r.title) in texts
        assert texts[0].startswith(f"Finding {r.rank} of 5 · ")
        assert _plain(r.text) in texts
        assert f"What to do: {_plain(r.action)}" in texts
        assert _pictures(slide) == 1, r.rule  # every rule of the sample's top five has a chart
    assert _plain(found.iloc[0]["title"]) == "Followers target for TikTok: off track"


def test_closing_slide_lists_the_actions_as_the_summary_does(english):
    prs, want = english
    actions = list(dict.fromkeys(want["found"]["action"]))[:7]
    lines = next(t for t in _texts(prs.slides[-1]) if t.startswith("1. ")).split("\n")
    assert lines == [f"{i}. {_plain(a)}" for i, a in enumerate(actions, start=1)]


def test_every_run_is_set_in_the_font_and_the_accent_is_the_branding_s(english):
    prs, _want = english
    runs = list(_runs(prs))
    assert runs and all(r.font.name == FONT for r in runs)
    band = next(s for s in prs.slides[1].shapes if s.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE)
    assert str(band.fill.fore_color.rgb) == "C0392B"


def test_vietnamese_deck(vietnamese):
    prs, want = vietnamese
    slides = list(prs.slides)
    assert len(slides) == 1 + 1 + 1 + 3 + 1
    assert "Báo cáo mạng xã hội" in _texts(slides[0])
    assert want["period"] == "từ 03/08/2026 đến 31/10/2026 (90 ngày)"
    assert f"{want['period']}\n{want['filter']}" in _texts(slides[0])
    assert _texts(slides[1])[0] == "Các con số chính"
    rows = _table(slides[1])
    assert rows[0] == ["Chỉ số", "Kỳ này", "So với kỳ trước"]
    assert [r[1] for r in rows[1:]] == list(want["shown"]["value"])
    assert rows[1][1] == "1.327.807.400 ₫"
    assert _texts(slides[2])[0] == "KPI so với mục tiêu"
    for slide, r in zip(slides[3:-1], want["found"].head(3).itertuples(), strict=True):
        texts = _texts(slide)
        assert texts[0].startswith(f"Phát hiện {r.rank}/3 · ")
        assert _plain(r.title) in texts and _plain(r.text) in texts
        assert f"Việc cần làm: {_plain(r.action)}" in texts
    assert _texts(slides[-1])[0] == "Việc cần làm tiếp theo"
    assert all(r.font.name == FONT for r in _runs(prs))
    assert prs.core_properties.language == "vi-VN"


@pytest.fixture(scope="module")
def partial(tmp_path_factory):
    """A folder with only the posts table of the sample (no targets, ads, comments...)."""
    root = tmp_path_factory.mktemp("ws")
    return build("posts_only", root)


def test_a_folder_with_only_some_tables_gives_fallback_slides(partial, tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        path = write_deck(partial, tmp_path / "posts.pptx")
    prs = Presentation(str(path))
    titles = [_texts(s)[0] for s in prs.slides]
    assert titles[1] == "Headline numbers" and titles[2] == "KPIs against targets"
    assert titles[-1] == "What to do next"
    assert _texts(prs.slides[2])[1] == (
        "Scoring KPIs against targets needs a targets table (KPI, target and period); "
        "this folder has none."
    )
    assert _pictures(prs.slides[2]) == 0
    rows = _table(prs.slides[1])
    assert [r[0] for r in rows[1:4]] == ["posts", "engagements", "engagement rate on reach"]
    # the same input gives the same slide texts
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        again = write_deck(partial, tmp_path / "again.pptx")
    assert [_texts(s) for s in Presentation(str(again)).slides] == [_texts(s) for s in prs.slides]


def test_a_folder_without_findings_says_so(tmp_path):
    folder = build("web_only", tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        prs = Presentation(str(write_deck(folder, tmp_path / "web.pptx", language="vi")))
    texts = [_texts(s) for s in prs.slides]
    assert texts[3][0] == "Những phát hiện quan trọng nhất"
    assert texts[3][1] == _plain(i18n.catalog("vi").gettext(summary.NO_FINDINGS))
    assert texts[-1][:2] == ["Việc cần làm tiếp theo",
                             i18n.catalog("vi").gettext(summary.NO_ACTIONS)]  # fmt: skip


def test_logo_language_and_style_of_the_caller_are_kept(partial, tmp_path):
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (300, 100), "#2E86C1").save(logo)
    before = dict(matplotlib.rcParams)
    i18n.set_language("en")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        path = write_deck(partial, tmp_path / "logo.pptx", language="vi",
                          branding={"logo": str(logo), "accent": "#2E86C1"})  # fmt: skip
    assert i18n.get_language() == "en"
    assert dict(matplotlib.rcParams) == before
    prs = Presentation(str(path))
    assert _pictures(prs.slides[0]) == 1
    assert "Báo cáo mạng xã hội" in _texts(prs.slides[0])


def test_bad_branding_is_refused(tmp_path):
    with pytest.raises(ValueError, match="accent"):
        write_deck(SAMPLE, tmp_path / "x.pptx", branding={"accent": "red"})
    with pytest.raises(ValueError, match="logo"):
        write_deck(SAMPLE, tmp_path / "x.pptx", branding={"logo": str(tmp_path / "none.png")})
    with pytest.raises(ValueError, match="top"):
        write_deck(SAMPLE, tmp_path / "x.pptx", top=0)


def test_markdown_runs():
    runs = markdown_runs(
        r"**Risk (targets).** Delivery &amp; shipping \#1 *late* [“a”](https://x.y/1)"
    )
    assert [(r.text, r.bold, r.italic, r.link) for r in runs] == [
        ("Risk (targets).", True, False, None),
        (" Delivery & shipping #1 ", False, False, None),
        ("late", False, True, None),
        (" ", False, False, None),
        ("“a”", False, False, "https://x.y/1"),
    ]
    assert pd.Series([r.text for r in markdown_runs("CPA 76,491 VND")]).tolist() == [
        "CPA 76,491 VND"
    ]
