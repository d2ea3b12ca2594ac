"""One error family (issue #15 item 4).

``InsufficientData`` for data too thin for an analysis (one sentence a notebook prints),
plain ``ValueError`` only for bad arguments, ``DataWarning`` in ``smmnb.errors``.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import smmnb
from smmnb import calendar, campaigns, errors, schema, trends
from smmnb.errors import DataWarning, InsufficientData, SmmnbError
from smmnb.text import SentimentModel, discover_themes
from smmnb.workspace import Workspace

PACKAGE = Path(smmnb.__file__).parent

KEPT = {
    # A plain ValueError whose message names no parameter, kept on purpose, and why.
    ("stats.py", "every true class of every confusion needs at least one item"):
        "a malformed confusions= argument of a statistics helper",
    ("stats.py", "{name} has no units with a positive denominator"):
        "the units passed to a statistics helper (a caller checks the data first)",
    ("text/model.py", "the model is not trained: call fit() or load() first"):
        "a call in the wrong order, not the data",
}  # fmt: skip


def test_data_warning_lives_in_errors_and_is_re_exported():
    assert errors.DataWarning is schema.DataWarning is smmnb.DataWarning
    assert DataWarning.__module__ == "smmnb.errors" and issubclass(DataWarning, UserWarning)
    assert "DataWarning" in errors.__all__


def test_insufficient_data_is_both_a_smmnb_error_and_a_value_error():
    assert issubclass(InsufficientData, SmmnbError) and issubclass(InsufficientData, ValueError)


def _value_errors() -> list[tuple[str, int, str, set[str]]]:
    """Every ``raise ValueError(message)`` in smmnb: file, line, message source, parameters."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source)
        parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
                continue
            if getattr(node.exc.func, "id", None) != "ValueError":
                continue
            message = ast.get_source_segment(source, node.exc.args[0]) if node.exc.args else ""
            names, up = set(), node
            while up in parents:
                up = parents[up]
                if isinstance(up, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    a = up.args
                    names |= {x.arg for x in (*a.posonlyargs, *a.args, *a.kwonlyargs)}
            rel = path.relative_to(PACKAGE).as_posix()
            found.append((rel, node.lineno, " ".join(message.split()), names - {"self", "cls"}))
    return found


def _about_an_argument(message: str, parameters: set[str]) -> bool:
    """The message is about an argument: says what it must be, names a parameter or a
    keyword (``period=``), a column the table passed lacks, or a value it does not know."""
    text = message.strip("f\"'")
    return bool(
        re.search(r"\bmust\b|\w=|\bcolumns?\b", text)
        or text.lower().startswith("unknown")
        or any(re.search(rf"\b{re.escape(p)}\b", text) for p in parameters)
    )


def test_every_plain_value_error_left_is_about_an_argument():
    errors_found = _value_errors()
    assert len(errors_found) > 50  # the scan sees them (there are over a hundred)
    unexplained = [
        f"{rel}:{line}: {message}"
        for rel, line, message, names in errors_found
        if not _about_an_argument(message, names)
        and not any(rel == f and fragment in message for f, fragment in KEPT)
    ]
    assert unexplained == []


def test_the_argument_rule_can_fail():
    assert not _about_an_argument('"the confusion matrix counts nothing"', {"conf", "source"})
    assert not _about_an_argument('f"too few distinct terms ({k}) for {n} themes"', {"texts"})
    assert _about_an_argument('f"top must be >= 1, got {top}"', {"top"})
    assert _about_an_argument('f"weight={weight!r} needs a column"', set())


def _mentions(days: list[str], brand: str = "A") -> pd.DataFrame:
    df = pd.DataFrame(
        {
            "mention_id": [f"m{i}" for i in range(len(days))],
            "created_at": pd.to_datetime(days, utc=True),
            "brand": brand,
            "platform": "facebook",
            "text": "cà phê muối ngon",
        }
    )
    df.attrs["timezone"] = "UTC"
    return df


def test_explain_spike_says_what_it_needs():
    mentions = _mentions(["2026-03-10 10:00"] * 3 + ["2026-02-20 10:00"] * 3)
    with pytest.raises(
        InsufficientData, match=r"^Explaining a spike needs mentions of B; .*A only"
    ):
        trends.explain_spike(mentions, "2026-03-10", brand="B")
    only_spike = _mentions(["2026-03-10 10:00"] * 3)
    with pytest.raises(InsufficientData, match="3 mentions in the period and 0 mentions before"):
        trends.explain_spike(only_spike, "2026-03-10")


def test_discover_themes_on_too_few_terms():
    with pytest.raises(InsufficientData, match="^Discovering themes needs at least 3 recurring"):
        discover_themes(["ngon", "ngon quá", "ngon"], n=3)


def test_a_sentiment_model_needs_two_classes():
    with pytest.raises(InsufficientData, match="every label here is 'positive'"):
        SentimentModel().fit(["ngon", "tuyệt"], ["positive", "positive"])
    with pytest.raises(ValueError, match="same length") as bad:  # an argument: plain
        SentimentModel().fit(["ngon"], ["positive", "negative"])
    assert not isinstance(bad.value, InsufficientData)


def test_a_workspace_without_dates_has_no_default_period():
    with pytest.raises(InsufficientData, match="^Choosing the period needs dated rows"):
        Workspace(tables={}).period()
    assert Workspace(tables={}).period("2026-01-01", "2026-01-31") == ("2026-01-01", "2026-01-31")


def test_calendar_review_without_anything_to_date_it():
    none = pd.Series(pd.to_datetime([]), dtype="datetime64[ns]")
    with pytest.raises(InsufficientData, match="^The content calendar needs a post or a planned"):
        calendar._last_day(none, none)


def test_lift_on_thin_series():
    days = pd.date_range("2026-01-01", periods=40, freq="D")
    series = pd.Series(np.arange(40, dtype="float64") % 7 + 10, index=days)
    with pytest.raises(InsufficientData, match="at least 28 days .* 10 days before it"):
        campaigns.lift(series, "2026-01-11", "2026-01-15")
    gappy = series.copy()
    gappy.iloc[5] = np.nan
    with pytest.raises(InsufficientData, match="a value on every day"):
        campaigns.lift(gappy, "2026-02-01", "2026-02-05")
    with pytest.raises(InsufficientData, match="days inside the flight; the series has none"):
        campaigns.lift(series, "2026-03-01", "2026-03-05")
    with pytest.raises(ValueError, match="is after end") as bad:  # an argument: plain
        campaigns.lift(series, "2026-02-05", "2026-02-01")
    assert not isinstance(bad.value, InsufficientData)
