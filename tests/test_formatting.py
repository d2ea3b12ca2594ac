from __future__ import annotations

import pandas as pd

from smmnb.formatting import escape_markdown, p_value, table


def test_table_formats_for_people_and_is_stable():
    df = pd.DataFrame(
        {
            "name": ["<b>x</b>"],
            "spend": [1250000.4],
            "ctr": [0.01234],
            "n": pd.array([12345], dtype="Int64"),
        }
    )
    html_a = table(df, percent=["ctr"], money=["spend"]).to_html()
    html_b = table(df, percent=["ctr"], money=["spend"]).to_html()
    assert html_a == html_b
    assert "1,250,000" in html_a and "1.2%" in html_a and "12,345" in html_a
    assert "&lt;b&gt;x&lt;/b&gt;" in html_a and "<b>x</b>" not in html_a


def test_escape_markdown():
    assert escape_markdown("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert escape_markdown("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;"
    assert escape_markdown("**Lumi**") == r"\*\*Lumi\*\*"
    assert escape_markdown("it's [a](link)") == r"it's \[a\](link)"
    assert escape_markdown("# not a heading") == r"\# not a heading"


def test_p_value_text():
    assert p_value(0.0000001) == "p < 0.001"
    assert p_value(0.0321) == "p = 0.032"
    assert p_value(0.4567) == "p = 0.46"
    assert p_value(float("nan")) == "p not available"


def test_table_text_form_is_stable():
    assert repr(table(pd.DataFrame({"a": [1, 2, 3]}), max_rows=2)) == "<table: 2 rows x 1 columns>"


def test_kpi_value():
    from smmnb.formatting import kpi_value

    assert kpi_value("ctr", 0.01234) == "1.2%"
    assert kpi_value("net_sentiment", 0.095) == "+9.5%"
    assert kpi_value("roas", 1.2345) == "1.23"
    assert kpi_value("spend", 2_173_000_000.0) == "2,173,000,000"
    assert kpi_value("followers", float("nan")) == ""
