"""The explorer in JupyterLab, driven in headless Chromium as an analyst uses it.

Each count and row the page shows is checked against the package's own functions
(:mod:`smmnb.explorer.queries`) called here with the same filters. The time from each action to
the page showing its result is written to ``browser-screenshots/timings.json``.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from smmnb import explorer as X
from smmnb.formatting import percent_text
from smmnb.i18n import integer
from smmnb.notebook import setup

pytestmark = pytest.mark.filterwarnings("ignore")
ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "browser-screenshots"
TIMINGS: dict[str, float] = {}


@pytest.fixture(scope="module")
def expected():
    """The sample as the notebook's defaults read it: brand, period, analysed rows, posts."""
    nb = setup(str(ROOT / "sample_data"), language="en")
    ex = X.explore(nb)  # the same model and themes the notebook resolves; not displayed
    return nb, ex


def _wait(browser, condition, timeout=60, what="the page"):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, timeout, poll_frequency=0.05).until(
        condition, message=f"waiting for {what}"
    )


def _open(browser, lab, name):
    url, token, _root = lab
    browser.get(f"{url}/lab/tree/notebooks/{name}?token={token}")
    _wait(
        browser,
        lambda d: d.execute_script(
            "const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;"
            "return !!(w && w.content && w.content.widgets && w.content.widgets.length "
            "&& w.context && w.context.path.endsWith(arguments[0]))",
            name,
        ),
        what=f"{name} to open",
    )


def _kernel_idle(browser):
    return browser.execute_script(
        "const w = window.jupyterapp.shell.currentWidget;"
        "const k = w && w.sessionContext && w.sessionContext.session"
        " && w.sessionContext.session.kernel;"
        "return !!k && k.status === 'idle';"
    )


def _text(browser, css):
    found = browser.find_elements("css selector", css)
    return found[0].text if found else ""


def _until_text(browser, css, pattern, what, timeout=30):
    """Wait until the element's text matches; return the text and the seconds waited."""
    started = time.perf_counter()
    _wait(browser, lambda d: re.search(pattern, _text(d, css)), timeout, what)
    return _text(browser, css), time.perf_counter() - started


def _count(n_shown, total):
    return f"{integer(n_shown)} of {integer(total)}"


def _select(browser, css, label):
    from selenium.webdriver.support.ui import Select

    Select(browser.find_element("css selector", f"{css} select")).select_by_visible_text(label)


def _rows_text(browser, css):
    return [r.text for r in browser.find_elements("css selector", f"{css} tbody tr")]


def _shot(browser, name, css=None):
    """A screenshot, with the element ``css`` scrolled to the top of the view."""
    if css:
        element = browser.find_element("css selector", css)
        browser.execute_script("arguments[0].scrollIntoView({block: 'start'})", element)
        time.sleep(0.3)
    browser.save_screenshot(str(SHOTS / f"{name}.png"))


def test_explorer_answers_in_the_browser(lab, browser, expected):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    nb, ex = expected
    rows = ex.rows
    base = X.Filters.of(nb.brand, None, nb.start, nb.end)

    _open(browser, lab, "06_explore.ipynb")
    _wait(browser, lambda d: _kernel_idle(d), 90, "the kernel")
    started = time.perf_counter()
    browser.execute_script("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    first = X.find(rows, filters=base)
    text, _s = _until_text(browser, ".smm-count", re.escape(_count(20, len(first))),
                           "the explorer's first page", timeout=120)  # fmt: skip
    TIMINGS["open: run the notebook until the explorer shows"] = time.perf_counter() - started
    _shot(browser, "1-explorer-opened", ".smm-explorer")

    # 1. search: diacritics ignored, teencode understood
    search = browser.find_element("css selector", ".smm-search input")
    search.send_keys("giao hang cham" + Keys.ENTER)
    hits = X.find(rows, "giao hang cham", filters=base)
    assert 20 < len(hits) < len(first)
    text, TIMINGS["search 'giao hang cham'"] = _until_text(
        browser, ".smm-count", re.escape(_count(20, len(hits))) + r"\b", "the search's count"
    )
    shown = _rows_text(browser, ".smm-comments")
    assert len(shown) == 20
    for line, (_i, row) in zip(shown, hits.head(20).iterrows(), strict=True):
        assert row["text"] in line and row["author"] in line
        assert row["time"].strftime("%H:%M") in line  # local time, as the rows say
    assert not any(re.search(r"\bnan\b|None", line) for line in shown)
    _shot(browser, "2-search", ".smm-explorer")

    # 2. a filter: TikTok only, and negative only
    _select(browser, ".smm-platform", "TikTok")
    tiktok = X.Filters.of(nb.brand, ["tiktok"], nb.start, nb.end)
    hits = X.find(rows, "giao hang cham", filters=tiktok)
    n = min(20, len(hits))
    _text_now, TIMINGS["filter: platform TikTok"] = _until_text(
        browser, ".smm-count", re.escape(_count(n, len(hits))) + r"\b", "the TikTok count"
    )
    _select(browser, ".smm-sentiment", "negative")
    hits = X.find(rows, "giao hang cham", filters=tiktok, sentiment="negative")
    n = min(20, len(hits))
    _text_now, TIMINGS["filter: sentiment negative"] = _until_text(
        browser, ".smm-count", re.escape(_count(n, len(hits))) + r"\b", "the negative count"
    )
    shown = _rows_text(browser, ".smm-comments")
    assert [h in line for h, line in zip(hits["text"].head(n), shown, strict=True)] == [True] * n
    assert all("TikTok" in line and "negative" in line for line in shown)
    # the words that decided are shown with each row
    assert X.why(hits["text"].iloc[0]) in shown[0]
    _shot(browser, "3-tiktok-negative", ".smm-explorer")

    # 3. over time: negative share by week on TikTok; hover, then click the worst week
    tabs = browser.find_elements("css selector", ".smm-explorer .lm-TabBar-tab")
    next(t for t in tabs if t.text.strip() == "Over time").click()
    _select(browser, ".smm-metric", "Negative share")
    series = X.over_time(ex.ws, "negative_share", by="week", split="platform", rows=rows,
                         filters=tiktok)  # fmt: skip
    assert set(series["group"]) == {"tiktok"}
    definition, _s = _until_text(browser, ".smm-definition", "Negative share =", "the definition")
    assert "negative customer comments / customer comments" in definition
    drawn = series.dropna(subset=["value"]).reset_index(drop=True)
    _wait(browser, lambda d: len(d.find_elements(
        "css selector", ".smm-chart .scatterlayer .trace .points path")) == len(drawn),
        what="one point per week")  # fmt: skip
    worst = int(drawn["value"].to_numpy().argmax())
    point = browser.find_elements("css selector", ".smm-chart .scatterlayer .trace .points path")[
        worst
    ]
    ActionChains(browser).move_to_element(point).pause(0.5).perform()
    hover, _s = _until_text(browser, ".smm-chart .hoverlayer", "%", "the hover label")
    assert percent_text(drawn["value"].iloc[worst], 1) in hover
    _shot(browser, "4-over-time-hover")
    started = time.perf_counter()
    ActionChains(browser).move_to_element(point).click().perform()
    week = drawn["period"].iloc[worst]
    behind = X.behind(ex.ws, "negative_share", week, "tiktok", by="week", split="platform",
                      rows=rows, filters=tiktok)  # fmt: skip
    # what is behind the point is what its rate was computed from
    assert len(behind) == drawn["denominator"].iloc[worst]
    assert (behind["sentiment"] == "negative").sum() == drawn["numerator"].iloc[worst]
    n = min(20, len(behind))
    clicked, _s = _until_text(
        browser, ".smm-clicked-count", re.escape(_count(n, len(behind))) + r"\b", "the rows behind"
    )
    TIMINGS["click a point of the chart"] = time.perf_counter() - started
    assert "TikTok" in clicked and "week of" in clicked
    shown = _rows_text(browser, ".smm-clicked")
    assert [h in line for h, line in zip(behind["text"].head(n), shown, strict=True)] == [True] * n
    _shot(browser, "5-over-time-clicked", ".smm-chart")

    # 4. posts: the best and worst of the filter first, every post of it counted
    next(t for t in tabs if t.text.strip() == "Posts").click()
    posts = ex.posts[tiktok.keep(ex.posts, ex.posts["published"].dt.normalize())]
    n = min(20, len(posts))
    _until_text(browser, ".smm-post-count", re.escape(_count(n, len(posts))) + r"\b",
                "the posts' count")  # fmt: skip
    compared = posts[posts["compared"]].sort_values(
        ["ratio", "published"], ascending=[False, False], kind="stable"
    )
    best = _rows_text(browser, ".smm-best-worst")[0]
    assert compared["text"].iloc[0][:40] in best
    _shot(browser, "6-posts", ".smm-explorer")

    # 5. the brand filter changes every view: all brands' mentions
    started = time.perf_counter()
    _select(browser, ".smm-brand", "All brands")
    everyone = X.Filters.of("", ["tiktok"], nb.start, nb.end)
    posts = ex.posts[everyone.keep(ex.posts, ex.posts["published"].dt.normalize())]
    _until_text(browser, ".smm-post-count", re.escape(_count(min(20, len(posts)), len(posts))),
                "the posts of every brand")  # fmt: skip
    TIMINGS["filter: brand (all three views)"] = time.perf_counter() - started

    (SHOTS / "timings.json").write_text(json.dumps(TIMINGS, indent=2) + "\n")
    slow = {k: v for k, v in TIMINGS.items() if not k.startswith("open") and v > 2.0}
    assert not slow, f"controls slower than 2 s in the browser: {slow}"


def test_story_notebook_opens_as_a_report(lab, browser):
    _open(browser, lab, "01_customer_expectations.ipynb")
    _wait(browser, lambda d: d.find_elements("css selector", ".jp-OutputArea-output img"),
          what="the saved figures")  # fmt: skip
    notebook = json.loads((ROOT / "notebooks" / "01_customer_expectations.ipynb").read_text())
    code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    hidden = sum(1 for c in code if c["metadata"].get("jupyter", {}).get("source_hidden"))
    assert hidden == len(code) - 1  # all but the parameters
    # JupyterLab shows each of those cells with its input collapsed (it draws only the cells
    # near the view, so the state is read from the cell widgets, the drawn ones checked too)
    collapsed = browser.execute_script(
        "return window.jupyterapp.shell.currentWidget.content.widgets"
        ".filter(c => c.model.type === 'code').map(c => c.inputHidden);"
    )
    assert collapsed == [bool(c["metadata"].get("jupyter", {}).get("source_hidden"))
                         for c in code]  # fmt: skip
    assert collapsed.count(True) == hidden
    here = "window.jupyterapp.shell.currentWidget.node"  # this notebook's tab only
    drawn, placeholders = browser.execute_script(
        f"const n = {here}; return [n.querySelectorAll('.jp-CodeCell').length,"
        " n.querySelectorAll('.jp-CodeCell .jp-InputPlaceholder').length];"
    )
    assert drawn and placeholders >= drawn - 1
    # the figures are drawn: loaded images with a size
    sizes = browser.execute_script(
        f"return [...{here}.querySelectorAll('.jp-OutputArea-output img')]"
        ".map(i => [i.complete, i.naturalWidth]);"
    )
    assert sizes and all(done and width > 100 for done, width in sizes)
    _shot(browser, "7-story-notebook")
