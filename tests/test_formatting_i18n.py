"""Report tables in the report language: headers, numbers, dates, platforms, formulas."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from smmnb import i18n
from smmnb.formatting import footnote, kpi_value, number_text, p_value, percent_text, table


@pytest.fixture(autouse=True)
def _english_after():
    yield
    i18n.set_language("en")


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "platform": ["tiktok", "google_ads"],
            "spend": [1327807400.4, 2_500.0],
            "ctr": [0.057, 0.0285],
            "er_reach": [0.1234, 0.0],
            "day": pd.to_datetime(["2026-09-18", "2026-10-01"]),
            "median_hours": [1.25, 2.675],
            "some_code": [1234, 5],
            "significant": [True, False],
        }
    )


def _render(language: str) -> str:
    with i18n.use(language):
        return table(_frame(), money=["spend"], percent=["ctr", "er_reach"], dates=["day"],
                     decimals={"median_hours": 2}).to_html()  # fmt: skip


def _headers(html: str) -> list[str]:
    return re.findall(r'class="col_heading[^"]*" >(.*?)</th>', html)


def _cells(html: str) -> list[str]:
    return re.findall(r'class="data row\d+ col\d+" >(.*?)</td>', html)


def _footnote(html: str) -> str:
    return re.search(r'<p class="smmnb-footnote"[^>]*>(.*?)</p>', html).group(1)


def test_english_table_keeps_its_formats_and_gains_labels():
    html = _render("en")
    assert _headers(html) == ["platform", "spend", "CTR", "engagement rate on reach", "day",
                              "median hours to reply", "some code", "significant"]  # fmt: skip
    assert _cells(html) == [
        "TikTok", "1,327,807,400", "5.7%", "12.3%", "2026-09-18", "1.25", "1,234", "True",
        "Google Ads", "2,500", "2.9%", "0.0%", "2026-10-01", "2.67", "5", "False",
    ]  # fmt: skip
    assert _footnote(html) == (
        "CTR = clicks / impressions; engagement rate on reach = engagements / reach; "
        "median hours to reply: half of the answered comments got a reply faster"
    )


def test_vietnamese_table():
    html = _render("vi")
    assert _headers(html) == ["nền tảng", "chi phí quảng cáo", "CTR",
                              "tỷ lệ tương tác trên lượt tiếp cận", "ngày",
                              "số giờ phản hồi (trung vị)", "some code",
                              "có ý nghĩa thống kê"]  # fmt: skip
    assert _cells(html) == [
        "TikTok", "1.327.807.400", "5,7%", "12,3%", "18/09/2026", "1,25", "1.234", "có",
        "Google Ads", "2.500", "2,9%", "0,0%", "01/10/2026", "2,67", "5", "không",
    ]  # fmt: skip
    assert _footnote(html) == (
        "CTR = lượt nhấp / lượt hiển thị; "
        "tỷ lệ tương tác trên lượt tiếp cận = lượt tương tác / lượt tiếp cận; "
        "số giờ phản hồi (trung vị): một nửa số bình luận đã được phản hồi nhanh hơn mức này"
    )


def test_the_html_is_the_same_on_every_run_and_keeps_its_id_across_languages():
    assert _render("vi") == _render("vi")
    ids = {re.search(r'<table id="(T_\w+)"', _render(lang)).group(1) for lang in ("en", "vi")}
    assert len(ids) == 1


def test_a_table_without_kpi_columns_has_no_footnote():
    html = table(pd.DataFrame({"brand": ["Lumi"], "posts": [3]})).to_html()
    assert "smmnb-footnote" not in html and _headers(html) == ["brand", "posts"]


def test_a_table_may_give_its_own_formula():
    note = footnote(["ratio", "ctr"], {"ratio": "share on the day / share before"})
    assert note == "ratio = share on the day / share before; CTR = clicks / impressions"


def test_platform_lists_are_named_and_data_text_stays_escaped():
    data = pd.DataFrame({"platforms": ["facebook, tiktok, x"], "text": ["<b>Lumi</b>"]})
    html = table(data).to_html()
    assert _cells(html) == ["Facebook, TikTok, X", "&lt;b&gt;Lumi&lt;/b&gt;"]


def test_numbers_round_as_python_rounds_them():
    assert number_text(2.675, 2) == "2.67" == f"{2.675:.2f}"
    assert percent_text(0.0285, 1) == "2.9%" == f"{0.0285:.1%}"
    with i18n.use("vi"):
        assert number_text(1327807400.4) == "1.327.807.400"
        assert percent_text(-0.0314, 1, signed=True) == "-3,1%"


def test_p_values_and_kpi_values_in_vietnamese():
    with i18n.use("vi"):
        assert p_value(0.0321) == "p = 0,032"
        assert p_value(0.00001) == "p < 0,001"
        assert p_value(0.4567) == "p = 0,46"
        assert p_value(float("nan")) == "không tính được p"
        assert kpi_value("ctr", 0.01234) == "1,2%"
        assert kpi_value("net_sentiment", 0.095) == "+9,5%"
        assert kpi_value("roas", 1.2345) == "1,23"
        assert kpi_value("spend", 2_173_000_000.0) == "2.173.000.000"
