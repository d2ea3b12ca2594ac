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


def _cut_frame(rows: int = 25) -> pd.DataFrame:
    return pd.DataFrame({"name": [f"n{i}" for i in range(rows)], "ctr": [0.01] * rows})


def test_a_cut_table_says_so_under_it_without_a_caption():
    from smmnb import i18n

    html = table(_cut_frame()).to_html()
    assert html.count("<tr>") == 21  # the header and 20 rows
    assert '<p class="smmnb-footnote" style="font-size: 85%">First 20 of 25 rows<br>' in html
    assert "CTR = clicks / impressions</p>" in html
    with i18n.use("vi"):
        html = table(_cut_frame(1234), max_rows=5).to_html()
    assert ">Hiển thị 5 dòng đầu trong tổng số 1.234 dòng<br>" in html


def test_a_cut_table_says_so_in_its_caption():
    from smmnb import i18n

    styler = table(_cut_frame(), caption="Top comments")
    assert styler.caption == "Top comments. First 20 of 25 rows"
    assert "First 20 of 25 rows" not in styler.footnote  # said once
    with i18n.use("vi"):
        styler = table(_cut_frame(), caption="Bình luận nổi bật.", max_rows=10)
    assert styler.caption == "Bình luận nổi bật. Hiển thị 10 dòng đầu trong tổng số 25 dòng"


def test_a_table_shown_whole_says_nothing_about_rows():
    from smmnb import i18n

    for language in ("en", "vi"):
        with i18n.use(language):
            for styler in (table(_cut_frame(20)), table(_cut_frame(3), caption="Top")):
                html = styler.to_html()
                assert "First" not in html and "Hiển thị" not in html and "<br>" not in html
    assert table(_cut_frame(20), caption="Top").caption == "Top"
    assert table(pd.DataFrame({"name": ["a"] * 25})).footnote == "First 20 of 25 rows"
