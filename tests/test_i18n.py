"""The report language: complete catalogs, sound templates, CLDR conventions."""

from __future__ import annotations

import re
import string

import pytest
from babel.messages.pofile import read_po

from smmnb import i18n
from smmnb import narrative as say
from smmnb.messages import AREAS, extract, missing
from smmnb.names import formula, label, platform_name


@pytest.fixture(autouse=True)
def _english_after():
    yield
    i18n.set_language("en")


@pytest.mark.parametrize("area", list(AREAS))
def test_every_message_has_a_vietnamese_translation_that_is_not_fuzzy(area):
    gaps = missing(area, "vi")
    assert not gaps, f"{len(gaps)} messages of {area} lack a vi translation: {gaps[:10]}"


def _fields(text: str) -> list[str]:
    return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)


@pytest.mark.parametrize("area", list(AREAS))
def test_a_translation_keeps_the_fields_of_its_template(area):
    path = i18n.LOCALE_DIR / "vi" / f"{area}.po"
    if not path.exists():
        pytest.skip(f"{area} has no catalog yet")
    with path.open("rb") as fh:
        catalog = read_po(fh, locale="vi")
    wrong = []
    for message in catalog:
        if not message.id or not message.string:
            continue
        source = message.id if isinstance(message.id, str) else message.id[0]
        translated = message.string if isinstance(message.string, str) else message.string[0]
        if "markdown cell" in message.auto_comments:
            continue  # a Markdown cell is text, not a template: braces there are literal
        try:
            if _fields(source) != _fields(translated):
                wrong.append(source)
        except ValueError:
            wrong.append(source)
    assert not wrong, f"translations change the {{fields}} of: {wrong[:5]}"


def test_the_extractor_finds_marked_messages_counted_nouns_and_markdown_cells(tmp_path):
    (tmp_path / "smmnb").mkdir()
    (tmp_path / "smmnb" / "narrative").mkdir()
    (tmp_path / "smmnb" / "narrative" / "trends.py").write_text(
        'x = _("{n} mentions").format(n=1)\ny = say.count(3, "spike")\nz = "a".count("b")\n'
    )
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "03_trends.ipynb").write_text(
        '{"cells": [{"cell_type": "markdown", "source": ["## Spikes\\n"]},'
        ' {"cell_type": "code", "source": ["1"]}]}'
    )
    ids = {m.id for m in extract("trends", tmp_path) if m.id}
    assert ids == {"{n} mentions", "spike", "## Spikes"}


def test_vietnamese_follows_cldr_for_numbers_money_percentages_and_dates():
    i18n.set_language("vi")
    assert i18n.integer(1327807400) == "1.327.807.400"
    assert i18n.money(1327807400, "VND") == "1.327.807.400 ₫"
    assert i18n.percent(0.057, 1) == "5,7%"
    assert i18n.percent(-0.031, 1, signed=True) == "-3,1%"
    assert i18n.date("2026-09-18") == "18/09/2026"
    assert i18n.day_name(4) == "Thứ Sáu"
    assert say.listing(["A", "B", "C"]) == "A, B và C"
    assert say.day("2026-09-18", weekday=True) == "Thứ Sáu, 18/09/2026"


def test_english_keeps_the_forms_the_reports_always_used():
    i18n.set_language("en")
    assert say.count(1234.0, "comment") == "1,234 comments"
    assert say.count(1, "comment") == "1 comment"
    assert say.money(1327807400, "VND") == "1,327,807,400 VND"
    assert say.money(12.5, "USD") == "12.50 USD"
    assert say.pct(0.057, 1) == "5.7%"
    assert say.signed_pct(0.12) == "+12%"
    assert say.day("2026-09-05") == "05 Sep 2026"
    assert say.period("2026-08-01", "2026-10-31") == "01 Aug 2026 to 31 Oct 2026 (92 days)"
    assert say.listing(["A", "B", "C"]) == "A, B and C"


def test_a_missing_figure_reads_in_the_report_language_never_nan():
    with i18n.use("vi"):
        text = say.pct(float("nan"))
        assert text != "not measurable" and "nan" not in text
    assert say.pct(float("nan")) == "not measurable"


def test_platforms_are_written_as_their_owners_write_them():
    assert [platform_name(p) for p in ("tiktok", "youtube", "linkedin", "x", "google_ads")] == [
        "TikTok", "YouTube", "LinkedIn", "X", "Google Ads"
    ]  # fmt: skip
    assert platform_name("some_new_site") == "some_new_site"


def test_kpi_labels_read_in_both_languages_with_their_formula():
    assert label("er_reach") == "engagement rate on reach"
    assert formula("er_reach") == "engagements / reach"
    assert label("ctr") == "CTR"
    with i18n.use("vi"):
        assert label("ctr") == "CTR"  # acronyms managers use stay as they are
        assert label("er_reach") != "engagement rate on reach"
        assert re.search(r"[ạảãáàâăđêếềệểễôơưứừửữựộồổỗốợớờởỡ]", label("er_reach"))


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="en, vi"):
        i18n.set_language("fr")


def test_markdown_cells_are_translated_and_code_is_not():
    notebook = {
        "cells": [
            {"cell_type": "markdown", "source": ["## Headline numbers\n"]},
            {"cell_type": "code", "source": ["## Headline numbers"]},
            {"cell_type": "markdown", "source": "A note no catalog knows"},
        ]
    }
    i18n.translate_markdown(notebook, "vi")
    assert notebook["cells"][0]["source"] == i18n.catalog("vi").gettext("## Headline numbers")
    assert notebook["cells"][0]["source"] != "## Headline numbers"
    assert notebook["cells"][1]["source"] == ["## Headline numbers"]
    assert notebook["cells"][2]["source"] == "A note no catalog knows"
    assert i18n.get_language() == "en"


def test_one_message_has_one_translation_across_catalogs():
    # the catalogs merge into one: a message translated twice would read as whichever came last
    seen: dict[tuple, tuple[str, str]] = {}
    clashes = []
    for path in sorted((i18n.LOCALE_DIR / "vi").glob("*.po")):
        with path.open("rb") as fh:
            catalog = read_po(fh, locale="vi")
        for message in catalog:
            if not message.id or not message.string or message.fuzzy:
                continue
            key = (message.context, message.id if isinstance(message.id, str) else message.id[0])
            text = message.string if isinstance(message.string, str) else message.string[0]
            if key in seen and seen[key][1] != text:
                clashes.append(f"{key[1]!r}: {seen[key][0]} {seen[key][1]!r}, {path.stem} {text!r}")
            seen.setdefault(key, (path.stem, text))
    assert not clashes, "\n".join(clashes[:10])
