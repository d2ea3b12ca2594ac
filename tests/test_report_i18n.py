"""Reports in the report language, branded, with a deck per job: the index and provenance in
Vietnamese, the language each job resolves, Markdown translated in the written pages, branding
checks and where the logo, footer and accent land, and the --slides hook's failure isolation."""

from __future__ import annotations

import base64
import datetime as dt
import io
import re
import sys
import types
from pathlib import Path

import nbformat
import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.support import Translations
from click.testing import CliRunner

from smmnb import __version__, i18n
from smmnb.branding import Branding, read_branding
from smmnb.cli import main
from smmnb.errors import ReportError, SmmnbError
from smmnb.report import (
    DECK,
    Job,
    TaskResult,
    _index,
    _period,
    _provenance_markdown,
    _shared_branding,
    adhoc_job,
    load_config,
    report_language,
    run_jobs,
)

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(autouse=True)
def _english_after():
    yield
    i18n.set_language("en")


# --------------------------------------------------------------------------------------------
# the index and the provenance, in Vietnamese and in English

STARTED = dt.datetime(2026, 12, 2, 9, 5, tzinfo=dt.UTC)
RESULTS = [
    TaskResult("lumi", "00_data_check", "ok", 12.34, "lumi/00_data_check.html",
               title="Kiểm tra dữ liệu"),
    TaskResult("lumi", "03_trends", "skipped", 3.0, "lumi/03_trends.html",
               "Chỉ có một thương hiệu.", title="Xu hướng"),
    TaskResult("lumi", "05_executive_summary", "failed", 1.5, None, "ValueError: hỏng", 4),
    TaskResult("lumi", DECK, "ok", 2.0, "lumi/lumi.pptx"),
]  # fmt: skip
JOB = Job("lumi", {"data_dir": "/d", "language": "vi"})
FILES = {"lumi": [("posts.csv", "0123456789abcdef" * 4)]}


def test_the_index_in_vietnamese_labels_statuses_numbers_and_dates():
    page = _index(RESULTS, [JOB], STARTED, FILES, "vi")
    assert page.startswith('<!doctype html>\n<html lang="vi"><head><meta charset="utf-8">'
                           "<title>Báo cáo smmnb</title>")  # fmt: skip
    assert (
        "<h1>Báo cáo smmnb</h1><p>Đã tạo 3/4 báo cáo (1 bỏ qua: dữ liệu này không có gì để "
        "trình bày), 1 bị lỗi</p>"
    ) in page
    assert (
        "<thead><tr><th>tác vụ</th><th>báo cáo</th><th>trạng thái</th><th>thời gian</th>"
        "</tr></thead>"
    ) in page
    assert (
        '<tr class="ok"><td>lumi</td><td><a href="lumi/00_data_check.html">Kiểm tra dữ liệu</a>'
        "<br><small>00_data_check</small></td><td>hoàn tất</td><td>12,3 giây</td></tr>"
    ) in page
    assert (
        '<tr class="skipped"><td>lumi</td><td><a href="lumi/03_trends.html">Xu hướng</a><br>'
        "<small>03_trends</small><br><small>dữ liệu này không có gì để trình bày: Chỉ có một "
        "thương hiệu.</small></td><td>bỏ qua</td><td>3,0 giây</td></tr>"
    ) in page
    assert (
        '<tr class="failed"><td>lumi</td><td>05_executive_summary<br>'
        "<small>ValueError: hỏng (ô 4); notebook chạy dở: "
        "lumi/05_executive_summary.failed.ipynb</small></td><td>LỖI</td><td>1,5 giây</td></tr>"
    ) in page
    assert (
        '<tr class="ok"><td>lumi</td><td><a href="lumi/lumi.pptx">Bản trình chiếu (PowerPoint)'
        "</a><br><small>lumi.pptx</small></td><td>hoàn tất</td><td>2,0 giây</td></tr>"
    ) in page
    assert (
        f"<h2>Nguồn gốc báo cáo</h2>\n<p>smmnb {__version__}; bắt đầu chạy lúc 09:05 UTC ngày "
        "02/12/2026.</p>"
    ) in page
    assert ('<h3>lumi</h3><p>data_dir = <code>&quot;/d&quot;</code>, language = <code>&quot;vi'
            "&quot;</code></p>") in page  # fmt: skip
    text = re.sub(r"<[^>]+>", "|", page.split("</head>")[1])  # what a reader sees
    for english in ("reports written", "skipped", "FAILED", "Provenance", "run started", " s|"):
        assert english not in text, english
    assert i18n.get_language() == "en"  # the index's language was only for the index


def test_the_index_in_english_is_as_before_with_dates_in_words():
    page = _index(RESULTS, [JOB], STARTED, FILES, "en")
    assert '<html lang="en">' in page and "<title>smmnb reports</title>" in page
    assert (
        "<p>3 of 4 reports written (1 skipped: nothing to show on this data), 1 failed</p>"
    ) in page
    assert "<td>ok</td><td>12.3 s</td>" in page and "<td>FAILED</td><td>1.5 s</td>" in page
    assert (
        "ValueError: hỏng (cell 4); partial notebook: lumi/05_executive_summary.failed.ipynb"
    ) in page
    assert f"<p>smmnb {__version__}; run started 02 Dec 2026 09:05 UTC (run time).</p>" in page


def test_the_provenance_block_in_vietnamese():
    with i18n.use("vi"):
        block = _provenance_markdown({"data_dir": "/d", "language": "vi"}, FILES["lumi"],
                                     "09:05 UTC ngày 02/12/2026")  # fmt: skip
        assert _period("2026-07-01", "2026-09-30") == "từ 01/07/2026 đến 30/09/2026"
        assert _period("2026-07-01", "") == "từ 01/07/2026 đến dữ liệu mới nhất"
        assert _period("", "2026-09-30") == "90 ngày đến 30/09/2026"
        assert _period("", "") == "90 ngày dữ liệu gần nhất"
    assert block == (
        '<div class="smmnb-provenance">\n'
        f"<b>Nguồn gốc báo cáo.</b> smmnb {__version__}, chạy lúc 09:05 UTC ngày 02/12/2026.<br>\n"
        "Tham số: data_dir = <code>&quot;/d&quot;</code>, language = <code>&quot;vi&quot;</code>"
        "<br>\nTệp dữ liệu: <code>posts.csv</code> (0123456789ab)\n</div>"
    )
    assert _period("2026-07-01", "2026-09-30") == "01 Jul 2026 to 30 Sep 2026"
    assert _period("", "") == "the last 90 days of data"


# --------------------------------------------------------------------------------------------
# the language of a job


def _folder(tmp_path: Path, name: str, settings: str | None) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    if settings is not None:
        (folder / "smmnb.yml").write_text(settings)
    return folder


def test_language_is_the_parameter_else_the_folders_else_english(tmp_path):
    vi_folder = _folder(tmp_path, "vi", "owner: Lumi\nlanguage: vi\n")
    en_folder = _folder(tmp_path, "plain", "owner: Lumi\n")
    bare = _folder(tmp_path, "bare", None)
    broken = _folder(tmp_path, "broken", "language: [\n")
    assert report_language({"data_dir": str(vi_folder), "language": "en"}) == "en"
    assert report_language({"data_dir": str(vi_folder)}) == "vi"
    assert report_language({"data_dir": str(vi_folder), "language": ""}) == "vi"
    assert report_language({"data_dir": str(en_folder)}) == "en"
    assert report_language({"data_dir": str(bare)}) == "en"
    assert report_language({"data_dir": str(broken)}) == "en"  # the notebooks say what is wrong
    assert report_language({}) == "en"
    assert report_language({"data_dir": str(ROOT / "sample_data")}) == "en"


def test_config_language_per_job_in_defaults_and_from_the_command_line(tmp_path, tiny):
    _folder(tmp_path, "vi", "owner: Lumi\nlanguage: vi\n")
    path = tmp_path / "reports.yml"
    path.write_text("defaults:\n  data_dir: vi\njobs:\n  - name: folder\n"
                    "  - name: own\n    language: EN\n")  # fmt: skip
    jobs, _names = load_config(path, notebook_dir=tiny)
    assert [j.language for j in jobs] == ["vi", "en"]
    assert jobs[1].parameters["language"] == "en"
    jobs, _names = load_config(path, notebook_dir=tiny, overrides={"language": "en"})
    assert [j.language for j in jobs] == ["en", "en"]
    path.write_text("defaults:\n  data_dir: vi\n  language: en\njobs:\n  - name: a\n")
    assert load_config(path, notebook_dir=tiny)[0][0].language == "en"
    path.write_text("defaults:\n  data_dir: vi\njobs:\n  - name: a\n    language: fr\n")
    with pytest.raises(ReportError) as err:
        load_config(path, notebook_dir=tiny)
    assert str(err.value) == f"{path}: job 'a': language must be one of en, vi, got 'fr'"
    result = CliRunner().invoke(main, ["report", "--config", str(path), "--language", "fr"])
    assert result.exit_code == 2 and "'fr' is not one of 'en', 'vi'" in result.output
    (job,), _names = adhoc_job(tmp_path / "vi", language="en", notebook_dir=tiny)
    assert job.language == "en"


# --------------------------------------------------------------------------------------------
# tiny notebooks: one that takes language and accent, one that declares only data_dir


def _notebook(path: Path, parameters: str, *cells) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    }
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Echo\n\nWhat the report was given."),
        nbformat.v4.new_code_cell(parameters, metadata={"tags": ["parameters"]}),
        *(nbformat.v4.new_markdown_cell(c[3:]) if c.startswith("md:") else
          nbformat.v4.new_code_cell(c) for c in cells),
    ]  # fmt: skip
    nbformat.write(nb, path)


@pytest.fixture
def tiny(tmp_path):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    _notebook(
        folder / "20_lang.ipynb",
        'data_dir: str = ""  # folder\nbrand: str = ""  # brand\n'
        'language: str = ""  # report language\naccent: str = ""  # chart accent',
        'print(f"language={language!r} accent={accent!r}")',
        "md:## A section\n\nA note for the [manager](https://example.org/guide).",
    )
    _notebook(
        folder / "21_plain.ipynb",
        'data_dir: str = ""  # folder\nstart: str = ""  # from\nend: str = ""  # to\n'
        'platforms: list = []  # platforms\ntimezone: str = ""  # zone',
        "print('plain')",
    )
    return folder


@pytest.fixture
def vi_markdown(monkeypatch):
    """The Vietnamese catalog plus translations of the tiny notebooks' Markdown cells."""
    extra = Catalog(locale="vi")
    extra.add("# Echo\n\nWhat the report was given.", "# Tiếng vọng\n\nNhững gì báo cáo nhận được.")
    extra.add("## A section\n\nA note for the [manager](https://example.org/guide).",
              "## Một phần\n\nGhi chú cho [người quản lý](https://example.org/guide).")  # fmt: skip
    buffer = io.BytesIO()
    write_mo(buffer, extra)
    buffer.seek(0)
    merged = i18n.catalog.__wrapped__("vi")
    merged.merge(Translations(buffer))
    real = i18n.catalog
    monkeypatch.setattr(i18n, "catalog", lambda language: merged if language == "vi" else
                        real(language))  # fmt: skip


def _outputs(path: Path) -> str:
    nb = nbformat.read(path, as_version=4)
    return "".join(
        o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
    )


def test_a_vietnamese_job_translates_markdown_and_writes_its_page_in_vietnamese(
    tmp_path, tiny, vi_markdown
):
    owned = _folder(tmp_path, "owned", "owner: Lumi\nlanguage: vi\n")
    jobs, names = adhoc_job(owned, notebook_dir=tiny)
    results = run_jobs(jobs, tmp_path / "out", notebooks=names, workers=1, notebook_dir=tiny)
    assert [(r.status, r.title) for r in results] == [("ok", "Tiếng vọng"), ("ok", "Tiếng vọng")]
    folder = tmp_path / "out" / "Lumi"
    # The notebook that declares language and accent gets them; the other is not passed them.
    assert _outputs(folder / "20_lang.ipynb") == "language='vi' accent=''\n"
    cells = nbformat.read(folder / "21_plain.ipynb", as_version=4).cells
    (injected,) = [c for c in cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert re.findall(r"^(\w+) = ", injected.source, flags=re.MULTILINE) == ["data_dir"]
    # The saved notebook and the page carry the translated Markdown.
    saved = [c.source for c in nbformat.read(folder / "20_lang.ipynb", as_version=4).cells
             if c.cell_type == "markdown"]  # fmt: skip
    assert saved[0] == "# Tiếng vọng\n\nNhững gì báo cáo nhận được."
    page = (folder / "20_lang.html").read_text()
    assert re.search(r'<html lang="vi">', page)
    assert "<h1>Lumi · Tiếng vọng</h1><p>Lumi: 90 ngày dữ liệu gần nhất</p>" in page
    assert "Những gì báo cáo nhận được." in page and "Một phần" in page
    assert 'Ghi chú cho <a href="https://example.org/guide">người quản lý</a>.' in page
    assert "What the report was given" not in page and "A note for the" not in page
    assert "<b>Nguồn gốc báo cáo.</b>" in page and "Tham số: data_dir = " in page
    assert 'language = <code>"vi"</code><br/>\nTệp dữ liệu: –' in page
    index = (tmp_path / "out" / "index.html").read_text()
    assert '<html lang="vi">' in index and "<p>Đã tạo 2/2 báo cáo</p>" in index
    assert '<a href="Lumi/20_lang.html">Tiếng vọng</a><br><small>20_lang</small>' in index


# --------------------------------------------------------------------------------------------
# branding


def _png(path: Path) -> Path:
    from PIL import Image

    Image.new("RGB", (4, 2), "#b45309").save(path)
    return path


@pytest.mark.parametrize(
    ("branding", "message"),
    [
        ("branding:\n  logo: nowhere.png\n",
         "{path}: branding.logo file not found: {dir}/nowhere.png"),
        ("branding:\n  logo: notes.txt\n", "{path}: branding.logo must be an image (.png, .jpg, "
                                           ".jpeg, .gif, .webp, .svg), got {dir}/notes.txt"),
        ("branding:\n  accent: red\n",
         "{path}: branding.accent must be a colour as #RRGGBB, got 'red'"),
        ("branding:\n  accent: '#b4530'\n",
         "{path}: branding.accent must be a colour as #RRGGBB, got '#b4530'"),
        ("branding:\n  colour: '#b45309'\n",
         "{path}: unknown branding key(s) colour; use logo, accent, footer"),
        ("branding: lumi.png\n",
         "{path}: branding must be a mapping of logo, accent and footer, got 'lumi.png'"),
        ("branding:\n  footer: [a, b]\n", "{path}: branding.footer must be text, got ['a', 'b']"),
        ("jobs:\n  - name: q3\n    branding:\n      accent: blue\n",
         "{path}: job 'q3': branding.accent must be a colour as #RRGGBB, got 'blue'"),
        ("defaults:\n  branding:\n    accent: '#b45309'\n",
         "{path}: branding goes at the top level (or in a job), not in defaults"),
    ],
)  # fmt: skip
def test_branding_is_checked_naming_the_file_and_the_key(tmp_path, tiny, branding, message):
    (tmp_path / "notes.txt").write_text("not a logo")
    path = tmp_path / "reports.yml"
    jobs = "" if branding.startswith("jobs:") else "jobs:\n  - name: q3\n"
    path.write_text(branding + jobs)
    with pytest.raises(ReportError) as err:
        load_config(path, notebook_dir=tiny)
    assert isinstance(err.value, SmmnbError)
    assert str(err.value) == message.format(path=path, dir=tmp_path.resolve())


def test_branding_merges_the_jobs_keys_over_the_top_level(tmp_path, tiny):
    logo = _png(tmp_path / "lumi.png")
    path = tmp_path / "reports.yml"
    path.write_text("branding:\n  logo: lumi.png\n  accent: '#B45309'\n  footer: Lumi\n"
                    "jobs:\n  - name: a\n  - name: b\n    branding:\n      footer: Lumi · nội bộ\n"
                    "      accent: '#0f766e'\n")  # fmt: skip
    a, b = load_config(path, notebook_dir=tiny)[0]
    assert a.branding == Branding(logo=logo.resolve(), accent="#b45309", footer="Lumi")
    assert b.branding == Branding(logo=logo.resolve(), accent="#0f766e", footer="Lumi · nội bộ")
    assert read_branding({}) is None and read_branding({"footer": ""}) is None


def test_logo_footer_and_accent_reach_the_pages_the_index_and_the_charts(tmp_path, tiny):
    logo = _png(tmp_path / "lumi.png")
    data = _folder(tmp_path, "owned", "owner: Lumi\n")
    path = tmp_path / "reports.yml"
    path.write_text("defaults:\n  data_dir: owned\nbranding:\n  logo: lumi.png\n"
                    "  accent: '#b45309'\n  footer: Lumi · nội bộ <internal>\n"
                    "jobs:\n  - name: q3\n")  # fmt: skip
    jobs, names = load_config(path, notebooks=["20_lang"], notebook_dir=tiny)
    out = tmp_path / "out"
    (result,) = run_jobs(jobs, out, notebooks=names, workers=1, notebook_dir=tiny)
    assert result.status == "ok"
    assert _outputs(out / "q3" / "20_lang.ipynb") == "language='en' accent='#b45309'\n"
    uri = "data:image/png;base64," + base64.b64encode(logo.read_bytes()).decode()
    page = (out / "q3" / "20_lang.html").read_text()
    index = (out / "index.html").read_text()
    for text in (page, index):
        assert f'<div class="smmnb-title"><img class="smmnb-logo" src="{uri}" alt="">' in text
        assert ":root { --smmnb-accent: #b45309; }" in text
        assert '<footer class="smmnb-footer">Lumi · nội bộ &lt;internal&gt;</footer></body>' in text
        assert str(tmp_path) not in re.sub(r"<code>.*?</code>|<li>.*?</li>", "", text)
    assert data.is_dir()
    # Without branding: smmnb's accent, no logo and no footer.
    (plain,), names = adhoc_job(data, notebooks=["21_plain"], notebook_dir=tiny)
    run_jobs([plain], tmp_path / "plain", notebooks=names, workers=1, notebook_dir=tiny)
    page = (tmp_path / "plain" / "Lumi" / "21_plain.html").read_text()
    assert ":root { --smmnb-accent: #1565c0; }" in page
    assert "smmnb-logo" not in page.split("</style>")[-1] and "<footer" not in page


def test_the_index_takes_the_branding_every_job_shares(tmp_path):
    logo = _png(tmp_path / "lumi.png")
    jobs = [
        Job("en", {}, Branding(logo=logo, accent="#b45309", footer="Lumi · internal")),
        Job("vi", {}, Branding(logo=logo, accent="#b45309", footer="Lumi · nội bộ")),
    ]
    assert _shared_branding(jobs) == Branding(logo=logo, accent="#b45309", footer="")
    assert _shared_branding([*jobs, Job("plain", {})]) is None
    assert _shared_branding([Job("a", {}), Job("b", {})]) is None


# --------------------------------------------------------------------------------------------
# the --slides hook


@pytest.fixture
def decks(monkeypatch):
    """A stand-in smmnb.slides whose write_deck records its arguments and fails in Vietnamese."""
    calls = []

    def write_deck(data_dir, path, *, brand, start, end, platforms, language, branding,
                   timezone=""):  # fmt: skip
        calls.append({"data_dir": data_dir, "path": Path(path).name, "brand": brand,
                      "start": start, "end": end, "platforms": platforms,
                      "language": language, "branding": branding,
                      "timezone": timezone})  # fmt: skip
        if language == "vi":
            raise RuntimeError("no font for Vietnamese")
        Path(path).write_bytes(b"PK deck")

    module = types.ModuleType("smmnb.slides")
    module.write_deck = write_deck
    monkeypatch.setitem(sys.modules, "smmnb.slides", module)
    return calls


def test_slides_write_a_deck_per_job_and_a_failing_deck_stops_nothing(tmp_path, tiny, decks):
    data = _folder(tmp_path, "owned", "owner: Lumi\n")
    path = tmp_path / "reports.yml"
    path.write_text("defaults:\n  data_dir: owned\n  start: 2026-07-01\n  end: 2026-09-30\n"
                    "branding:\n  accent: '#b45309'\nnotebooks: [21_plain]\n"
                    "jobs:\n  - name: en\n    platforms: [tiktok]\n    timezone: UTC\n"
                    "  - name: vi\n    language: vi\n")  # fmt: skip
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["report", "--config", str(path), "--out", str(out),
                                       "--notebook-dir", str(tiny), "--workers", "1",
                                       "--slides"])  # fmt: skip
    assert result.exit_code == 1, result.output  # a failed deck is a failure...
    assert "[2/4] en / slides: ok" in result.output
    assert "FAILED vi / slides: RuntimeError: no font for Vietnamese" in result.output
    assert "3 of 4 reports written, 1 failed" in result.output
    assert (out / "vi" / "21_plain.html").is_file()  # ...of that deck only
    assert (out / "en" / "en.pptx").read_bytes() == b"PK deck"
    assert not (out / "vi" / "vi.pptx").exists()
    assert [p.name for p in out.rglob(".*")] == []  # no temporary deck left
    branding = Branding(accent="#b45309")
    assert decks == [
        {"data_dir": str(data.resolve()), "path": ".en.tmp.pptx", "brand": "Lumi",
         "start": "2026-07-01", "end": "2026-09-30", "platforms": ["tiktok"],
         "language": "en", "branding": branding, "timezone": "UTC"},
        {"data_dir": str(data.resolve()), "path": ".vi.tmp.pptx", "brand": "Lumi",
         "start": "2026-07-01", "end": "2026-09-30", "platforms": [],
         "language": "vi", "branding": branding, "timezone": ""},
    ]  # fmt: skip
    index = (out / "index.html").read_text()
    assert (
        '<tr class="ok"><td>en</td><td><a href="en/en.pptx">Slides (PowerPoint)</a><br>'
        "<small>en.pptx</small></td><td>ok</td>"
    ) in index
    assert (
        '<tr class="failed"><td>vi</td><td>Slides (PowerPoint)<br><small>vi.pptx</small><br>'
        "<small>RuntimeError: no font for Vietnamese</small></td><td>FAILED</td>"
    ) in index
    for link in re.findall(r'href="([^"]+)"', index):
        assert (out / link).is_file(), link


def test_slides_key_in_config_and_a_missing_slides_module(tmp_path, tiny, monkeypatch):
    _folder(tmp_path, "owned", "owner: Lumi\n")
    path = tmp_path / "reports.yml"
    path.write_text("defaults:\n  data_dir: owned\njobs:\n  - name: a\n    slides: true\n"
                    "  - name: b\n")  # fmt: skip
    a, b = load_config(path, notebook_dir=tiny)[0]
    assert (a.slides, b.slides) == (True, False)
    path.write_text("jobs:\n  - name: a\n    slides: sometimes\n")
    with pytest.raises(ReportError, match="job 'a': slides must be true or false"):
        load_config(path, notebook_dir=tiny)
    path.write_text("jobs:\n  - name: a\n    slides: true\n")
    with pytest.raises(ReportError, match="job 'a': slides need the job's data_dir"):
        load_config(path, notebook_dir=tiny)
    monkeypatch.setitem(sys.modules, "smmnb.slides", None)  # as if smmnb.slides were absent
    results = run_jobs([a], tmp_path / "out", notebooks=["21_plain"], workers=1,
                       notebook_dir=tiny)  # fmt: skip
    assert [(r.notebook, r.status) for r in results] == [("21_plain", "ok"), (DECK, "failed")]
    assert results[1].error.startswith(("ImportError", "ModuleNotFoundError"))


# --------------------------------------------------------------------------------------------
# the charts' alternative text


def _executed_with_charts(path: Path) -> Path:
    """An executed notebook: a chart above every heading, then two sections with a chart each."""
    buffer = io.BytesIO()
    from PIL import Image

    Image.new("RGB", (4, 2), "#1565c0").save(buffer, format="PNG")
    chart = nbformat.v4.new_output(
        "display_data", data={"image/png": base64.b64encode(buffer.getvalue()).decode()}
    )
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Xu hướng"),
        nbformat.v4.new_code_cell("chart()", outputs=[chart]),
        nbformat.v4.new_markdown_cell("## Thị phần thảo luận\n\nLumi dẫn đầu."),
        nbformat.v4.new_code_cell("chart()", outputs=[chart]),
        nbformat.v4.new_markdown_cell("## Giá & khuyến mãi"),
        nbformat.v4.new_markdown_cell("### Chi tiết"),
        nbformat.v4.new_code_cell("chart()", outputs=[chart]),
    ]
    nbformat.write(nb, path)
    return path


def test_charts_get_a_translated_alt_text_naming_their_section(tmp_path):
    from smmnb.report import _to_html

    path = _executed_with_charts(tmp_path / "charts.ipynb")
    page = _to_html(path, "Lumi · Xu hướng", "lumi: mẫu", language="vi")
    assert "No description has been provided" not in page
    assert re.findall(r'<img alt="([^"]*)"', page) == [
        "Biểu đồ",  # above every section heading
        "Biểu đồ: Thị phần thảo luận",
        "Biểu đồ: Giá &amp; khuyến mãi",  # the nearest h2, not the h3 under it
    ]
    english = _to_html(path, "Lumi · Trends", "lumi: sample", language="en")
    assert re.findall(r'<img alt="([^"]*)"', english) == [
        "Chart", "Chart: Thị phần thảo luận", "Chart: Giá &amp; khuyến mãi"]  # fmt: skip
