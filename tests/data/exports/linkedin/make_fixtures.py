"""Write the LinkedIn fixtures of this folder (made-up values in LinkedIn's shapes).

    .venv/bin/python tests/data/exports/linkedin/make_fixtures.py

Every workbook is written with the sample's ``xlsx_bytes`` (fixed zip dates: the same rows give
the same bytes) or with xlwt for the legacy ``.xls``; tests/test_exports_linkedin.py asserts
the rows, sums, dates and ids written here.
"""

# ruff: noqa: E501 (rows of a spreadsheet read best one per line)
from __future__ import annotations

import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent


def activity(ts: str, low: int) -> int:
    """A LinkedIn activity id created at ``ts`` (UTC): milliseconds << 22 | low bits."""
    moment = datetime.datetime.fromisoformat(ts).replace(tzinfo=datetime.UTC)
    return (int(moment.timestamp() * 1000) << 22) | low


POST_1 = activity("2026-07-30 08:15:20.250", 11)
POST_2 = activity("2026-07-31 02:05:00.000", 12)
POST_3 = activity("2026-08-01 10:30:00.500", 13)
OLD_1 = activity("2021-03-02 07:00:00.000", 21)
OLD_2 = activity("2021-03-03 09:45:10.000", 22)

BOLD_TITLE = (
    "\U0001d5e6\U0001d5fc\U0001d5f9\U0001d5f1 \U0001d5fc\U0001d602\U0001d601 \U0001f389\n\n"
    "Lumi opens its 30th store.\n#LumiCoffee"
)  # "𝗦𝗼𝗹𝗱 𝗼𝘂𝘁 🎉" in Mathematical Sans-Serif Bold, then two line breaks

CONTENT_METRICS = [
    [
        "Aggregated engagement metrics for your organic and sponsored posts over time. Date "
        "indicates when your posts were viewed by LinkedIn members. All dates and times are in "
        "UTC."
    ],
    [
        "Date",
        "Impressions (organic)",
        "Impressions (sponsored)",
        "Impressions (total)",
        "Unique impressions (organic)",
        "Clicks (organic)",
        "Clicks (sponsored)",
        "Clicks (total)",
        "Reactions (organic)",
        "Reactions (sponsored)",
        "Reactions (total)",
        "Comments (organic)",
        "Comments (sponsored)",
        "Comments (total)",
        "Reposts (organic)",
        "Reposts (sponsored)",
        "Reposts (total)",
        "Engagement rate (organic)",
        "Engagement rate (sponsored)",
        "Engagement rate (total)",
    ],
    ["07/30/2026", 120, 0, 120, 90, 6, 0, 6, 3, 0, 3, 1, 0, 1, 0, 0, 0, 0.083333, 0, 0.083333],
    ["07/31/2026", 410, 1500, 1910, 300, 20, 35, 55, 11, 2, 13, 2, 0, 2, 1, 0, 1, 0.082927, 0.024667, 0.037173],
    ["08/01/2026", 980, 2200, 3180, 610, 41, 40, 81, 25, 1, 26, 4, 1, 5, 2, 0, 2, 0.073469, 0.019091, 0.035849],
    ["08/02/2026", 350, "", 350, 260, 12, "", 12, 7, "", 7, 0, "", 0, 1, "", 1, 0.057143, "", 0.057143],
    ["08/03/2026", 95, "", 95, 70, 2, "", 2, 1, "", 1, 0, "", 0, 0, "", 0, 0.031579, "", 0.031579],
]  # fmt: skip

CONTENT_POSTS = [
    [
        "Engagement metrics for individual posts. Created date indicates when your post was "
        "created. All dates and times are in UTC."
    ],
    [
        "Post title",
        "Post link",
        "Post type",
        "Campaign name",
        "Posted by",
        "Created date",
        "Campaign start date",
        "Campaign end date",
        "Audience",
        "Impressions",
        "Views",
        "Offsite Views",
        "Clicks",
        "Click through rate (CTR)",
        "Likes",
        "Comments",
        "Reposts",
        "Follows",
        "Engagement rate",
        "Content Type",
    ],
    [
        BOLD_TITLE,
        f"https://www.linkedin.com/feed/update/urn:li:activity:{POST_1}",
        "Organic",
        "",
        "Trang Nguyễn ☕",
        "07/30/2026",
        "",
        "",
        "All followers",
        1200,
        "",
        "",
        60,
        0.05,
        40,
        3,
        2,
        "",
        0.0875,
        "",
    ],
    # a boosted post: its organic row, one row per campaign, and LinkedIn's Total row
    ["Tuyển 25 barista cho Thủ Đức", f"https://www.linkedin.com/feed/update/urn:li:activity:{POST_2}", "Organic", "", "Trang Nguyễn ☕", "07/31/2026", "", "", "All followers", 900, "", "", 45, 0.05, 30, 4, 1, "", 0.08889, ""],
    ["", f"https://www.linkedin.com/feed/update/urn:li:activity:{POST_2}", "Sponsored", "Hiring - Thu Duc", "Trang Nguyễn ☕", "07/31/2026", "08/01/2026", "08/05/2026", "All followers", 2500, "", "", 50, 0.02, 2, 0, 0, 3, 0.022, ""],
    ["", f"https://www.linkedin.com/feed/update/urn:li:activity:{POST_2}", "Sponsored", "Hiring - retarget", "Trang Nguyễn ☕", "07/31/2026", "07/31/2026", "08/03/2026", "All followers", 600, "", "", 10, 0.016667, 0, 0, 0, 0, 0.016667, ""],
    ["", f"https://www.linkedin.com/feed/update/urn:li:activity:{POST_2}", "Total", "", "Trang Nguyễn ☕", "07/31/2026", "", "", "All followers", 4000, "", "", 105, 0.02625, 32, 4, 1, 3, 0.03625, ""],
    ["Một ngày của barista Lumi", f"https://www.linkedin.com/feed/update/urn:li:ugcPost:{POST_3}", "Organic", "", "Minh Lê", "08/01/2026", "", "", "All followers", 700, 310, 12, 20, 0.028571, 25, 1, 0, 1, 0.067143, "Video"],
    ["Lumi trên LinkedIn", "https://www.linkedin.com/company/lumi-coffee/posts/", "Organic", "", "Minh Lê", "08/02/2026", "", "", "All followers", 150, "", "", 4, 0.026667, 6, 0, 0, "", 0.066667, "Text"],
]  # fmt: skip

FOLLOWERS = [
    ["Date", "Sponsored followers", "Organic followers", "Auto-invited followers", "Total followers"],
    ["12/30/2025", 0, 4, 0, 4],
    ["12/31/2025", 1, 2, 0, 3],
    ["01/01/2026", 0, 7, 1, 8],
    ["01/02/2026", "", "", "", ""],
    ["01/03/2026", 2, 5, 0, 7],
]  # fmt: skip
LOCATION = [["Location", "Total followers"], ["Ho Chi Minh City", 812], ["Hanoi", 301]]
JOB_FUNCTION = [["Job function", "Total followers"], ["Marketing", 120], ["Operations", 88]]

_SECTIONS = ("Overview", "Life", "Jobs", "Total")
VISITOR_HEADER = ["Date"] + [
    f"{section} {what} ({device})"
    for section in _SECTIONS
    for what in ("page views", "unique visitors")
    for device in ("desktop", "mobile", "total")
]
# per day: overview (views d, m / unique d, m), life, jobs; totals add up
_VISITS = {
    "03/02/2021": ((10, 5, 4, 3), (2, 1, 1, 1), (0, 3, 0, 2)),
    "03/03/2021": ((7, 9, 3, 6), (0, 0, 0, 0), (4, 1, 2, 1)),
    "03/04/2021": ((0, 0, 0, 0), (1, 0, 1, 0), (0, 0, 0, 0)),
}


def _visitor_rows() -> list[list[object]]:
    rows: list[list[object]] = [VISITOR_HEADER]
    for day, sections in _VISITS.items():
        row: list[object] = [day]
        totals = [0, 0, 0, 0]
        for vd, vm, ud, um in sections:
            row += [vd, vm, vd + vm, ud, um, ud + um]
            totals = [a + b for a, b in zip(totals, (vd, vm, ud, um), strict=True)]
        vd, vm, ud, um = totals
        row += [vd, vm, vd + vm, ud, um, ud + um]
        rows.append(row)
    return rows


OLD_METRICS_HEADER = [
    "Date",
    "Impressions (organic)",
    "Impressions (sponsored)",
    "Impressions (total)",
    "Unique impressions (organic)",
    "Clicks (organic)",
    "Clicks (sponsored)",
    "Clicks (total)",
    "Reactions (organic)",
    "Reactions (sponsored)",
    "Reactions (total)",
    "Comments (organic)",
    "Comments (sponsored)",
    "Comments (total)",
    "Shares (organic)",
    "Shares (sponsored)",
    "Shares (total)",
    "Engagement rate (organic)",
    "Engagement rate (sponsored)",
    "Engagement rate (total)",
]
OLD_METRICS = [
    (datetime.date(2021, 3, 2), [300, 0, 300, 210, 9, 0, 9, 12, 0, 12, 1, 0, 1, 2, 0, 2, 0.08, 0, 0.08]),
    (datetime.date(2021, 3, 3), [520, 0, 520, 330, 15, 0, 15, 20, 0, 20, 3, 0, 3, 0, 0, 0, 0.073077, 0, 0.073077]),
]  # fmt: skip
OLD_POSTS_HEADER = [
    "Update title",
    "Update link",
    "Update type",
    "Campaign name",
    "Posted by",
    "Created date",
    "Campaign start date",
    "Campaign end date",
    "Audience",
    "Impressions",
    "Video views",
    "Clicks",
    "Click through rate (CTR)",
    "Likes",
    "Comments",
    "Shares",
    "Follows",
    "Engagement rate",
]
OLD_POSTS = [
    ["Lumi mở cửa hàng thứ 3", f"https://www.linkedin.com/feed/update/urn:li:activity:{OLD_1}", "Organic", "", "Lumi", datetime.date(2021, 3, 2), "", "", "All followers", 640, 0, 18, 0.028125, 22, 3, 2, 1, 0.071875],
    ["Cà phê muối: công thức", f"https://www.linkedin.com/feed/update/urn:li:share:{OLD_2}", "Organic", "", "Lumi", datetime.date(2021, 3, 3), "", "", "All followers", 410, 120, 9, 0.021951, 14, 0, 1, 0, 0.058537],
]  # fmt: skip


def _xls(path: Path, sheets: dict[str, list[list[object]]]) -> None:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    dates = xlwt.easyxf(num_format_str="MM/DD/YYYY")
    for name, rows in sheets.items():
        sheet = book.add_sheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, datetime.date):
                    sheet.write(r, c, value, dates)
                else:
                    sheet.write(r, c, value)
    book.save(str(path))


def main() -> None:
    from smmnb.sample.exports._write import xlsx_bytes

    sentence = ["Aggregated metrics of your Page's followers. All dates are in UTC."]
    (HERE / "lumi-coffee_content_1785542400000.xlsx").write_bytes(
        xlsx_bytes({"Metrics": CONTENT_METRICS, "All posts": CONTENT_POSTS})
    )
    (HERE / "lumi-coffee_followers_1767484800000.xlsx").write_bytes(
        xlsx_bytes(
            {
                "New followers": [sentence, *FOLLOWERS],
                "Location": [sentence, *LOCATION],
                "Job function": [sentence, *JOB_FUNCTION],
            }
        )
    )
    csv = "\n".join(",".join(str(v) for v in row) for row in FOLLOWERS) + "\n"
    (HERE / "New followers-Table 1.csv").write_text(csv, encoding="utf-8")
    csv = "\n".join(",".join(str(v) for v in row) for row in LOCATION) + "\n"
    (HERE / "Location-Table 1.csv").write_text(csv, encoding="utf-8")
    old_sentence = ["Metrics for your Page's updates."]
    _xls(
        HERE / "lumi-coffee_updates_1614902400000.xls",
        {
            "Update metrics (aggregated)": [
                old_sentence,
                OLD_METRICS_HEADER,
                *[[day, *values] for day, values in OLD_METRICS],
            ],
            "Update engagement": [old_sentence, OLD_POSTS_HEADER, *OLD_POSTS],
        },
    )
    _xls(
        HERE / "lumi-coffee_visitors_1614902400000.xls",
        {
            "Visitor metrics": _visitor_rows(),
            "Location": [["Location", "Total views"], ["Hanoi", 9]],
        },
    )


if __name__ == "__main__":
    main()
