"""Sentences of the data check in Vietnamese: templates, fields and table names, known numbers."""

from __future__ import annotations

import pandas as pd
import pytest

from smmnb import i18n
from smmnb.narrative import datacheck as say


@pytest.fixture(autouse=True)
def _english_after():
    yield
    i18n.set_language("en")


def _inventory(rows: dict[str, int]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "table": list(rows),
            "rows": list(rows.values()),
            "first": pd.to_datetime(["2026-05-01"] * len(rows)),
            "last": pd.to_datetime(["2026-10-31"] * len(rows)),
            "duplicates_dropped": [0] * len(rows),
        }
    )


def test_tables_found_and_in_period_name_the_tables_in_vietnamese():
    inv = _inventory({"posts": 909, "comments": 58000, "channel_daily": 767, "targets": 0})
    i18n.set_language("vi")
    assert say.tables_found(inv, "Asia/Ho_Chi_Minh", ["Lumi", "Sen Tea"]) == (
        "Tìm thấy **3/4 bảng**, tổng cộng **59.676 dòng**. Dữ liệu quan sát kéo dài từ "
        "**01/05/2026** đến **31/10/2026** (theo giờ địa phương, Asia/Ho\\_Chi\\_Minh). Thương "
        "hiệu: Lumi và Sen Tea. Không tìm thấy: mục tiêu; các phân tích cần đến những bảng này sẽ "
        "nêu rõ."
    )
    held = pd.DataFrame({"table": ["posts", "mentions"], "rows": [452, 9278]})
    assert say.in_period(held, brand="Lumi", filter_text="mọi nền tảng", first="2026-08-03",
                         last="2026-10-31", start="", end="") == (
        "Các notebook khác phân tích **Lumi** trên mọi nền tảng, từ 03/08/2026 đến 31/10/2026 "
        "(90 ngày); dữ liệu có 452 dòng bài đăng và 9.278 dòng lượt nhắc đến (của mọi thương hiệu)."
    )  # fmt: skip
    assert say.table_name("web_sessions") == "phiên truy cập web"
    i18n.set_language("en")
    assert say.table_name("web_sessions") == "web_sessions"


def test_missing_values_gaps_and_verdict_in_vietnamese():
    mv = pd.DataFrame(
        [("posts", "saves", "metric", 464, 0.51, "facebook, zalo", 0),
         ("channel_daily", "impressions", "metric", 49, 0.06, "", 49),
         ("posts", "campaign", "label", 787, 0.87, "x", 748)],
        columns=["table", "column", "kind", "missing", "share", "by_platform", "other_missing"],
    )  # fmt: skip
    gap = pd.DataFrame({"table": ["comments"], "series": ["Lumi / YouTube"], "longest_gap": [12],
                        "gap_starts": [pd.Timestamp("2026-07-20")]})  # fmt: skip
    ready = pd.DataFrame(
        [("A", "ready", "x", "1 thứ"), ("B", "limited", "hai thứ", "1 thứ"),
         ("C", "missing", "quảng cáo", "không có quảng cáo của Apple")],
        columns=["analysis", "status", "needs", "detail"],
    )  # fmt: skip
    with i18n.use("vi"):
        assert say.missing_values(mv) == (
            "**1 chỉ số** chỉ bị thiếu trên những nền tảng không bao giờ báo cáo chỉ số đó: lượt "
            "lưu trong bảng bài đăng (Facebook và Zalo). **1 chỉ số** bị thiếu giá trị ngay trên "
            "những nền tảng có báo cáo chỉ số đó: lượt hiển thị trong bảng số liệu kênh theo ngày "
            "(49 dòng); các tỷ lệ chỉ dùng những dòng có đủ cả tử số và mẫu số. Nhãn trống (bài "
            "đăng không thuộc chiến dịch nào, bình luận không phải là phản hồi) nghĩa là "
            "'không có'."
        )
        assert say.gaps(gap, ["comments", "ads", "followers"]) == (
            "**1 chuỗi** có ngày trống. Khoảng trống dài nhất là **12 ngày** ở bảng bình luận "
            "(Lumi / YouTube), bắt đầu từ 20/07/2026. Các bảng theo ngày (quảng cáo và người theo "
            "dõi) không có khoảng trống."
        )
        assert say.verdict(ready, "Apple") == (
            "**Kết luận: 1/3 phân tích đã sẵn sàng cho Apple.** B bị hạn chế: phân tích này cần "
            "hai thứ, trong khi dữ liệu có 1 thứ. Chưa thực hiện được (bảng trên nêu điều mỗi "
            "phân tích cần): C."
        )
        assert say.readiness_status("limited") == "hạn chế"
    # English keeps the codes of the files
    assert say.missing_values(mv).startswith(
        "**1 metric** is missing only on platforms that never report it: posts.saves (Facebook and "
        "Zalo). **1 metric** has missing values where the platform does report it: "
        "channel\\_daily.impressions (49 rows)"
    )


def test_readiness_reads_in_the_report_language(ws):
    from smmnb import datacheck

    with i18n.use("vi"):
        ready = datacheck.readiness(ws.filter(brand="Lumi"), "Lumi").set_index("analysis")
    row = ready.loc["KPI chiến dịch"]
    assert row["status"] == "ready"  # the status stays a code
    assert row["needs"] == "quảng cáo có chi phí, lượt hiển thị và lượt nhấp"
    assert row["detail"].endswith(" ₫")
    assert ready.loc["Lịch nội dung", "detail"].endswith(" mục trong kế hoạch")
