"""The analyst's guide: the same ten calls in help(smmnb) and the README, and they run."""

from __future__ import annotations

import os
import pydoc
import re
import warnings
from pathlib import Path

import pandas as pd

import smmnb

ROOT = Path(__file__).resolve().parent.parent


def _docstring_code() -> str:
    doc = smmnb.__doc__
    start = doc.index("    import smmnb as smm")
    block = doc[start : doc.index("\n\n", doc.index("# 10."))]
    return "\n".join(line[4:] for line in block.splitlines())


def _readme_code() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Explore your data") :]
    section = section[: section.index("\n## ", 3)]
    return re.search(r"```python\n(.*?)\n```", section, re.S).group(1)


def test_readme_and_help_show_the_same_ten_calls():
    code = _docstring_code()
    assert code == _readme_code()
    assert len(re.findall(r"^# \d+\. ", code, re.M)) == 10
    assert len(smmnb.__doc__.splitlines()) < 80
    # help(smm) leads with the guide
    text = pydoc.render_doc(smmnb, renderer=pydoc.plaintext)
    assert text.index("The ten calls") < text.index("PACKAGE CONTENTS")


def test_the_ten_calls_run_on_the_sample():
    namespace: dict = {}
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            exec(compile(_docstring_code(), "guide", "exec"), namespace)
    finally:
        os.chdir(here)
    late, weekly, rows = namespace["late"], namespace["weekly"], namespace["rows"]
    assert len(late) > 10
    assert (late["sentiment"] == "negative").all() and late["theme_delivery"].all()
    assert (late["platform"] == "tiktok").all()
    assert set(weekly.columns) >= {"period", "group", "value", "numerator", "denominator"}
    day = namespace["day"]
    assert day == pd.Timestamp("2026-09-18")  # the sample's planted spike
    behind = smmnb.explorer.behind(namespace["ws"], "mentions", day, "Lumi", by="day",
                                   split="brand", rows=rows)  # fmt: skip
    spikes = namespace["spikes"]
    count = spikes[(spikes["brand"] == "Lumi") & (spikes["period"] == day)]["count"].iloc[0]
    assert len(behind) == count
