"""Printing: every report and the index carry print CSS, and (when Chromium is installed) a report
of the sample printed to PDF has a plausible number of A4 pages and no figure cut in two."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import zlib
from collections import Counter
from pathlib import Path

import pytest

from smmnb.branding import Branding
from smmnb.report import PRINT_CSS, Job, TaskResult, _index, _to_html

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_REPORT = ROOT / "notebooks" / "03_trends.ipynb"  # executed on the sample; 8 charts
A4_HEIGHT_MM = 297.0
A4_PT = (595.3, 841.9)

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _page(path: Path = SAMPLE_REPORT, branding: Branding | None = None) -> str:
    return _to_html(path, "Lumi · Trends", "lumi: sample", branding=branding)


def _index_page() -> str:
    result = TaskResult("lumi", "03_trends", "ok", 1.0, "lumi/03_trends.html", title="Trends")
    started = dt.datetime(2026, 12, 2, 9, 5, tzinfo=dt.UTC)
    return _index([result], [Job("lumi", {"language": "en"})], started, {"lumi": []})


# --------------------------------------------------------------------------------------------
# the rules


def test_every_report_and_the_index_carry_the_print_rules():
    for page in (_page(), _index_page()):
        assert PRINT_CSS in page
    rules = PRINT_CSS
    assert "@page { size: A4;" in rules
    assert "h2 { break-before: page; page-break-before: always; }" in rules
    assert re.search(r"figure, img, svg, table, pre,[^{]*\{ break-inside: avoid;", rules)
    assert 'a[href]::after { content: " (" attr(href) ")";' in rules
    assert 'a[href^="#"]::after' in rules  # in-page anchors print no address
    # Code and prompts are not printed (the input cells are not even in the page).
    assert re.search(r"\.jp-InputPrompt, \.jp-OutputPrompt,[^{]*\.jp-CodeCell \.jp-InputArea "
                     r"\{ display: none !important; \}", rules)  # fmt: skip
    body = _page().split("</style>")[-1]
    assert "jp-InputArea-editor" not in body and "import smmnb" not in body


def test_an_image_fits_the_printable_height_of_an_a4_page():
    margins = re.search(r"@page \{ size: A4; margin: ([\d.]+)mm ([\d.]+)mm ([\d.]+)mm", PRINT_CSS)
    top, _side, bottom = (float(x) for x in margins.groups())
    printable = A4_HEIGHT_MM - top - bottom
    (max_height,) = re.findall(r"img, svg \{[^}]*max-height: ([\d.]+)mm", PRINT_CSS)
    assert float(max_height) < printable, (max_height, printable)
    assert printable == 263.0


# --------------------------------------------------------------------------------------------
# the printed document (optional: needs Chromium)

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="no chromium on PATH")


def _print_to_pdf(html_path: Path, tmp_path: Path) -> bytes:
    pdf = html_path.with_suffix(".pdf")
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               f"--user-data-dir={tmp_path / 'chromium-profile'}", "--no-pdf-header-footer",
               f"--print-to-pdf={pdf}", html_path.as_uri()]  # fmt: skip
    run = subprocess.run(command, capture_output=True, text=True, timeout=180)
    assert pdf.is_file() and pdf.stat().st_size > 0, run.stderr[-2000:]
    return pdf.read_bytes()


def _objects(data: bytes) -> dict[int, tuple[bytes, bytes | None]]:
    """A PDF's objects: number -> (dictionary text, decoded stream or None)."""
    out: dict[int, tuple[bytes, bytes | None]] = {}
    pos = 0
    header = re.compile(rb"(\d+) 0 obj\s*")
    while m := header.search(data, pos):
        start = m.end()
        end = data.find(b"endobj", start)
        at = data.find(b"stream", start)
        if at == -1 or at > end:
            out[int(m.group(1))] = (data[start:end], None)
            pos = end + 6
            continue
        head = data[start:at]
        body = at + 6 + (2 if data[at + 6 : at + 8] == b"\r\n" else 1)
        length = re.search(rb"/Length (\d+)(?! \d+ R)", head)
        stop = body + int(length.group(1)) if length else data.find(b"endstream", body)
        raw = data[body:stop]
        if b"/FlateDecode" in head and b"/Subtype /Image" not in head:
            raw = zlib.decompress(raw)
        out[int(m.group(1))] = (head, raw)
        pos = data.find(b"endobj", stop) + 6
    return out


def _refs(text: bytes, key: bytes, objects) -> dict[bytes, int]:
    """The ``/Name N 0 R`` entries of the dictionary under ``key`` (inline or referenced)."""
    m = re.search(key + rb"\s*(\d+) 0 R", text)
    if m:
        text, key = objects[int(m.group(1))][0], b""
    m = re.search(key + rb"\s*<<(.*?)>>", text, re.S)
    return {k: int(v) for k, v in re.findall(rb"/(\S+?)\s+(\d+) 0 R", m.group(1))} if m else {}


def _images_drawn(text: bytes, content: bytes, objects) -> list[int]:
    """Image objects a content stream draws (through form XObjects too)."""
    resources = text
    m = re.search(rb"/Resources\s*(\d+) 0 R", text)
    if m:
        resources = objects[int(m.group(1))][0]
    names = _refs(resources, rb"/XObject", objects)
    drawn = []
    for name in re.findall(rb"/(\S+?)\s+Do\b", content):
        number = names.get(name)
        if number is None:
            continue
        head, stream = objects[number]
        if b"/Subtype /Image" in head:
            drawn.append(number)
        elif b"/Subtype /Form" in head and stream is not None:
            drawn.extend(_images_drawn(head, stream, objects))
    return drawn


def _pages_and_images(data: bytes) -> tuple[int, list[list[int]], set[int]]:
    """Number of ``/Type /Page`` objects, the images drawn on each page, every image object."""
    objects = _objects(data)
    pages = [n for n, (head, _s) in objects.items() if re.search(rb"/Type\s*/Page(?![s\w])", head)]
    drawn = []
    for number in pages:
        head = objects[number][0]
        contents = re.search(rb"/Contents\s*(\[[^\]]*\]|\d+ 0 R)", head).group(1)
        streams = [objects[int(n)][1] or b"" for n in re.findall(rb"(\d+) 0 R", contents)]
        drawn.append(_images_drawn(head, b"\n".join(streams), objects))
    images = {n for n, (head, _s) in objects.items() if b"/Subtype /Image" in head}
    return len(pages), drawn, images


@needs_chromium
def test_a_sample_report_prints_on_a4_pages_with_no_figure_cut(tmp_path):
    from PIL import Image

    Image.new("RGB", (60, 20), "#b45309").save(tmp_path / "logo.png")
    branding = Branding(logo=tmp_path / "logo.png", accent="#b45309", footer="Lumi · internal")
    page = _page(branding=branding)
    html_path = tmp_path / "03_trends.html"
    html_path.write_text(page, encoding="utf-8")
    data = _print_to_pdf(html_path, tmp_path)
    count, drawn, images = _pages_and_images(data)
    sections = len(re.findall(r"<h2[ >]", page))
    pictures = len(set(re.findall(r'<img [^>]*src="(data:[^"]+)"', page)))
    assert sections >= 5 and pictures >= 5
    # Each section starts a page, after the title page; a section rarely needs more than three.
    assert sections + 1 <= count <= 3 * (sections + 1), (count, sections)
    sizes = {tuple(float(x) for x in m) for m in re.findall(
        rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", data)}  # fmt: skip
    assert all(abs(w - A4_PT[0]) < 2 and abs(h - A4_PT[1]) < 2 for w, h in sizes), sizes
    # Every picture (the charts and the logo) is an image object drawn once, on one page: an
    # image cut by a page break would be drawn on both pages.
    assert len(images) == pictures
    times = Counter(n for on_page in drawn for n in on_page)
    assert times == Counter({n: 1 for n in images}), times


@needs_chromium
def test_control_without_the_print_rules_a_tall_figure_is_cut(tmp_path):
    """The check above can fail: an image taller than a page, printed without our CSS, is drawn
    on two pages."""
    from PIL import Image

    Image.new("RGB", (200, 900), "#1565c0").save(tmp_path / "tall.png")
    html_path = tmp_path / "tall.html"
    html_path.write_text('<!doctype html><html><body><p>text</p><img src="tall.png" '
                         'style="width: 100%"></body></html>')  # fmt: skip
    count, drawn, images = _pages_and_images(_print_to_pdf(html_path, tmp_path))
    assert count >= 2 and len(images) == 1
    assert sum(len(on_page) for on_page in drawn) >= 2  # the same image on two pages: cut
