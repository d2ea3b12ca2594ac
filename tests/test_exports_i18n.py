"""The data check's reasons for an export not used, and the readers' warnings, in Vietnamese.

The English sentences are asserted by the export tests; here the same fixtures are read with
Vietnamese in force, so that a template, a field or a number format that goes wrong fails.
"""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import pytest

from smmnb import i18n
from smmnb.errors import DataWarning, ExportNotUsable
from smmnb.io.exports import read_exports
from smmnb.io.tables import load_workspace

DATA = Path(__file__).parent / "data" / "exports"
BRAND, TIMEZONE = "Lumi", "Asia/Ho_Chi_Minh"


@pytest.fixture(autouse=True)
def _english_after():
    yield
    i18n.set_language("en")


def _refusal(path: Path) -> tuple[str, str]:
    with pytest.raises(ExportNotUsable) as caught:
        read_exports(path, brand=BRAND, timezone=TIMEZONE)
    problem = caught.value.problems[0]
    return problem.message, problem.hint


def _warnings(path: Path) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        read_exports(path, brand=BRAND, timezone=TIMEZONE)
    return [str(w.message) for w in caught if issubclass(w.category, DataWarning)]


def test_a_ga4_snapshot_is_refused_in_vietnamese_with_its_days_and_sections_localised():
    path = DATA / "ga4" / "reports_snapshot.csv"
    with i18n.use("vi"):
        message, hint = _refusal(path)
    assert message == (
        "tệp tải từ GA4 này ('Reports snapshot') xếp chồng 5 thẻ tóm tắt; thẻ có phiên truy cập "
        "theo nguồn lưu lượng, Sessions theo Session primary channel group (Default Channel "
        "Group) (4 dòng), chỉ chứa số tổng từ 01/11/2026 đến 07/11/2026 (Direct 30, Organic "
        "Social 21, Referral 9, Unassigned 2) chứ không phải phiên truy cập theo ngày, và một "
        "thẻ có thể chỉ hiện các dòng đứng đầu: nếu đọc như một bảng, cả kỳ sẽ dồn vào một "
        "ngày trên mọi biểu đồ"
    )
    # GA4's menu names stay as the user sees them in GA4
    assert hint.startswith("tải Reports > Acquisition > Traffic acquisition (Share this report")
    # English keeps ISO days and its own words
    english, _hint = _refusal(path)
    assert "holds totals from 2026-11-01 to 2026-11-07 (Direct 30," in english
    assert "(Default Channel Group) (4 rows), holds" in english


def test_a_ga4_download_without_sessions_lists_its_sections_in_vietnamese():
    with i18n.use("vi"):
        message, _hint = _refusal(DATA / "ga4" / "report_csv_export_overview.csv")
    assert message == (
        "tệp tải từ GA4 này ('Report CSV Export') chứa Users theo Nth day (3 dòng); Users theo "
        "Country (2 dòng); và 1 phần không có dòng nào; không phần nào là phiên truy cập theo "
        "nguồn và phương tiện hay theo nhóm kênh, vốn là thứ bảng web_sessions cần"
    )


def test_a_google_ads_report_for_all_time_is_refused_in_vietnamese():
    with i18n.use("vi"):
        message, hint = _refusal(DATA / "google_ads" / "campaign_report_all_time.csv")
    assert message == (
        "báo cáo Google Ads này lấy phạm vi 'All time', không có ngày cụ thể nên không thể xác "
        "định số liệu của nó thuộc thời điểm nào"
    )
    assert hint == (
        "đọc tệp cho đúng kỳ mà nó bao quát, smmnb.io.exports.google_ads.read_report(path, "
        "period=(ngày đầu, ngày cuối)), hoặc tải lại cho một khoảng ngày cụ thể"
    )


def test_a_universal_analytics_export_that_hides_sessions_warns_with_vietnamese_numbers():
    path = DATA / "ga4" / "ua_source_medium.csv"
    with i18n.use("vi"):
        (message,) = _warnings(path)
    assert message == (
        f"{path}: tệp xuất này chỉ hiện 3 dòng với 6.073 trong tổng số 6.500 phiên truy cập của "
        "báo cáo; 427 phiên còn lại không có trong tệp (hãy xuất lại với Show rows đủ lớn để gồm "
        "mọi dòng)"
    )
    (english,) = _warnings(path)
    assert "shows 3 rows with 6,073 of the report's 6,500 sessions; the other 427 are" in english


def test_youtube_and_meta_ads_warnings_in_vietnamese():
    totals = DATA / "youtube" / "Totals.csv"
    duplicate = DATA / "meta_ads" / "reports_ad_day_duplicate_ad_set.csv"
    with i18n.use("vi"):
        assert _warnings(totals) == [
            f"{totals}: số Likes theo ngày xuống dưới 0 vào 1 ngày (do bị rút lại); được giữ "
            "dưới tên likes_net, không phải likes"
        ]
        assert _warnings(duplicate) == [
            f"{duplicate}: 1 dòng trùng ngày, tên chiến dịch, tên nhóm quảng cáo và tên quảng cáo "
            "với một dòng khác (quảng cáo khác nhau nhưng cùng tên, chẳng hạn một bài đăng được "
            "quảng cáo hai lần); các dòng được giữ riêng, đặt tên theo thứ tự trong tệp (ví dụ "
            "'Instagram post: Meet the new cot... [2]'); hãy thêm cột 'Ad ID' vào tệp xuất để "
            "đặt tên theo ID"
        ]


def test_the_folder_lists_an_export_not_used_with_its_vietnamese_reason(tmp_path):
    (tmp_path / "exports").mkdir()
    shutil.copy(DATA / "meta_content" / "Audience.csv", tmp_path / "exports" / "Audience.csv")
    with i18n.use("vi"), warnings.catch_warnings():
        warnings.simplefilter("ignore", DataWarning)
        ws = load_workspace(tmp_path, owner=BRAND, cache=False)
    row = ws.sources.set_index("file").loc["exports/Audience.csv"]
    assert row["format"] == "not used"
    assert row["note"] == (
        "đây là tệp xuất đối tượng của Meta Business Suite (Age & gender, Top countries, Top "
        "cities): tỷ lệ người theo dõi theo độ tuổi, giới tính và địa điểm, không phải số liệu "
        "theo bài đăng hay theo ngày, nên không điền được bảng nào"
    )
