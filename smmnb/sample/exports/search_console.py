"""The sample's Google Search Console downloads: Lumi's Performance report in the Vietnamese UI.

Writes what :mod:`smmnb.io.exports.search_console` reads: for each day of
:data:`~smmnb.sample.config.SEARCH_DOWNLOADS`, the zip that Search Console's *Export > Download
CSV* gives for "Last 3 months" (``https___lumi.vn_-Performance-on-Search-2026-11-01.zip``: the
daily chart, Queries, Pages, Countries, Devices, Search appearance and Filters, headers and
member names in Vietnamese) and, downloaded the same day with a query filter ``+lumi``, its
branded twin (the browser names it ``... (1).zip``). The two quarters together cover the
sample's dates.

The history behind them is generated here, query by query and day by day, from its own random
stream: branded queries (with and without diacritics) rise by ``SEARCH_LIFT`` during the
``FLIGHT_CAMPAIGN`` flight; "cà phê muối" trends with the sample's hashtag from
``TREND_START``; summer drinks fade and mooncake searches peak before Mid-Autumn (the movers
between the two quarters); the queries of ``SEARCH_CTR_GAPS`` get a fraction of the CTR their
position usually gets; queries too rare for Google to show (anonymised) count in the daily
totals, pages, countries and devices, never in Queries.

As Search Console writes them: LF line ends, no newline after the last row, no BOM; CTR as
"3.2%" and positions with up to two decimals, trailing zeros dropped (dot decimals in every UI
language); the daily chart ascending; Queries and Pages by clicks; an empty table is its header
alone (Search appearance here).
"""

from __future__ import annotations

import csv
import io
import unicodedata
import zipfile

import numpy as np
import pandas as pd

__all__ = ["BRANDED_FILTER", "VI", "download", "file_name", "history", "sample_exports"]


# Search Console's Vietnamese UI: member names, headers and Filters' words. The reader's list of
# every UI language's spellings is smmnb/io/exports/headers/search_console.yml; these are the
# Vietnamese entries of that file.
VI = {
    "chart": ("Biểu đồ", "Ngày"),
    "query": ("Truy vấn", "Truy vấn hàng đầu"),
    "page": ("Trang", "Trang hàng đầu"),
    "country": ("Quốc gia", "Quốc gia"),
    "device": ("Thiết bị", "Thiết bị"),
    "appearance": ("Giao diện tìm kiếm", "Giao diện tìm kiếm"),
    "filters": ("Bộ lọc", "Bộ lọc"),
    "metrics": ("Số lượt nhấp", "Số lần hiển thị", "CTR", "Vị trí"),
    "value": "Giá trị",
    "search_type": "Loại tìm kiếm",
    "web": "Web",
    "date": "Ngày",
    "last_3_months": "3 tháng qua",
    "query_filter": "Truy vấn",
}

BRANDED_FILTER = "lumi"  # the query filter of the branded download ("Queries containing")

# (query, impressions a day, position, odds of a click against the usual curve, landing page,
# profile). Branded queries are navigational: several times the usual odds at position ~1.
_QUERIES = (
    ("lumi coffee", 420, 1.08, 2.6, "/", "brand"),
    ("lumi", 300, 1.45, 1.6, "/", "brand"),
    ("cà phê lumi", 150, 1.12, 2.4, "/", "brand"),
    ("ca phe lumi", 95, 1.18, 2.2, "/", "brand"),
    ("lumi cafe", 70, 1.15, 2.3, "/", "brand"),
    ("lumi coffee menu", 75, 1.05, 2.8, "/menu", "brand"),
    ("menu lumi", 40, 1.1, 2.6, "/menu", "brand"),
    ("lumi coffee gần đây", 60, 1.2, 2.5, "/cua-hang", "brand"),
    ("lumi gan day", 30, 1.3, 2.2, "/cua-hang", "brand"),
    ("lumi coffee quận 1", 28, 1.1, 2.6, "/cua-hang", "brand"),
    ("lumi coffee hà nội", 26, 1.25, 2.3, "/cua-hang", "brand"),
    ("lumicoffee", 35, 1.2, 2.4, "/", "brand"),
    ("app lumi coffee", 32, 1.3, 2.0, "/app", "brand"),
    ("khuyến mãi lumi", 38, 1.4, 2.0, "/khuyen-mai", "brand"),
    ("khuyen mai lumi coffee", 24, 1.5, 1.9, "/khuyen-mai", "brand"),
    ("lumi coffee tuyển dụng", 18, 1.2, 2.4, "/tuyen-dung", "brand"),
    ("lumi trà sữa", 22, 1.6, 1.8, "/menu", "brand"),
    ("lumi voucher", 15, 1.9, 1.6, "/khuyen-mai", "brand"),
    ("moc coffee", 160, 8.4, 0.8, "/blog/so-sanh-quan-ca-phe", "flat"),
    ("sen tea menu", 70, 9.6, 0.8, "/menu", "flat"),
    ("cà phê muối", 60, 3.1, 1.0, "/blog/ca-phe-muoi-la-gi", "trend"),
    ("ca phe muoi", 25, 3.6, 1.0, "/blog/ca-phe-muoi-la-gi", "trend"),
    ("cà phê muối là gì", 12, 2.2, 1.0, "/blog/ca-phe-muoi-la-gi", "trend"),
    ("trà sữa gần đây", 1300, 4.2, 1.0, "/cua-hang", "flat"),
    ("quán cà phê gần đây", 2600, 7.8, 1.0, "/cua-hang", "flat"),
    ("cà phê giao tận nơi", 700, 2.6, 1.0, "/dat-hang", "flat"),
    ("quán cà phê yên tĩnh quận 1", 380, 5.1, 1.0, "/cua-hang/quan-1", "flat"),
    ("quán cà phê làm việc", 900, 9.2, 1.0, "/blog/quan-ca-phe-lam-viec", "flat"),
    ("cách pha cold brew", 650, 3.9, 1.0, "/blog/cach-pha-cold-brew", "flat"),
    ("cold brew là gì", 800, 6.3, 1.0, "/blog/cach-pha-cold-brew", "flat"),
    ("bạc xỉu", 1500, 11.5, 1.0, "/menu", "flat"),
    ("cà phê sữa đá", 1700, 14.2, 1.0, "/menu", "flat"),
    ("trà đào cam sả", 1200, 8.7, 1.0, "/menu", "summer"),
    ("đồ uống mùa hè", 520, 6.6, 1.0, "/blog/do-uong-mua-he", "summer"),
    ("trà chanh giải nhiệt", 480, 7.4, 1.0, "/blog/do-uong-mua-he", "summer"),
    ("bánh trung thu 2026", 900, 12.5, 1.0, "/trung-thu", "mooncake"),
    ("hộp quà trung thu", 420, 6.8, 1.0, "/trung-thu", "mooncake"),
    ("trà sữa trân châu", 2200, 16.5, 1.0, "/menu", "flat"),
    ("menu trà sữa", 600, 10.8, 1.0, "/menu", "flat"),
    ("cà phê hạt rang xay", 450, 13.4, 1.0, "/san-pham/ca-phe-hat", "flat"),
    ("uống gì cho tỉnh táo", 300, 18.5, 1.0, "/blog/uong-gi-cho-tinh-tao", "flat"),
    ("mua 1 tặng 1 đồ uống", 350, 5.9, 1.0, "/khuyen-mai", "flat"),
    ("cafe take away", 280, 15.8, 1.0, "/dat-hang", "flat"),
)

_DISTRICTS = (
    "quận 1", "quận 3", "quận 7", "bình thạnh", "phú nhuận", "thủ đức", "tân bình", "gò vấp",
    "cầu giấy", "hoàn kiếm", "ba đình", "đống đa", "tây hồ", "hai bà trưng",
)  # fmt: skip

# Queries too rare for Google to show (anonymised): impressions a day, position, landing page.
_ANONYMISED = (
    (3000, 21.0, "/"),
    (2500, 17.0, "/cua-hang"),
    (1800, 19.0, "/menu"),
    (1200, 24.0, "/blog/ca-phe-muoi-la-gi"),
    (900, 16.0, "/blog/cach-pha-cold-brew"),
    (600, 22.0, "/blog/quan-ca-phe-lam-viec"),
)

_COUNTRIES = (  # Vietnamese UI names: share of impressions, position, odds against the total
    ("Việt Nam", 0.935, 1.0, 1.0),
    ("Hoa Kỳ", 0.021, 1.9, 0.55),
    ("Úc", 0.011, 1.7, 0.65),
    ("Singapore", 0.008, 1.5, 0.75),
    ("Nhật Bản", 0.007, 1.8, 0.6),
    ("Hàn Quốc", 0.006, 1.8, 0.6),
    ("Canada", 0.005, 2.0, 0.5),
    ("Đức", 0.004, 2.1, 0.5),
    ("Pháp", 0.003, 2.2, 0.45),
)

_DEVICES = (  # Vietnamese UI names
    ("Thiết bị di động", 0.79, 0.95, 1.05),
    ("Máy tính", 0.18, 1.2, 0.85),
    ("Máy tính bảng", 0.03, 1.05, 0.95),
)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _queries() -> list[tuple[str, float, float, float, str, str]]:
    rows = list(_QUERIES)
    for i, district in enumerate(_DISTRICTS):  # the long tail of local searches
        rows.append((f"quán cà phê {district}", 90 + 25 * (i % 5), 6.0 + i % 7, 1.0,
                     "/cua-hang", "flat"))  # fmt: skip
        rows.append((f"trà sữa {district}", 60 + 20 * (i % 4), 9.0 + i % 6, 1.0,
                     "/cua-hang", "flat"))  # fmt: skip
    return [(_nfc(q), *rest) for q, *rest in rows]


def _ctr(position: np.ndarray, odds: np.ndarray) -> np.ndarray:
    """The usual CTR at a position (logit-linear in log position), times ``odds`` on the odds."""
    logit = -0.85 - 1.22 * np.log(position) + np.log(odds)
    return 1.0 / (1.0 + np.exp(-logit))


def _profile(kind: str, days: pd.DatetimeIndex) -> np.ndarray:
    """A query's demand over the days (1 = its usual level)."""
    from smmnb.sample.config import FLIGHT, SEARCH_LIFT, TREND_START

    t = np.ones(len(days))
    if kind == "brand":
        t[(days >= FLIGHT[0]) & (days <= FLIGHT[1])] = SEARCH_LIFT
    elif kind == "trend":  # the salted-coffee trend of the mentions, searched too
        after = (days - TREND_START).days.to_numpy()
        t = np.where(after >= 0, 1.0 + 14.0 * np.minimum(after + 1, 10) / 10, 1.0)
    elif kind == "summer":
        t = np.interp(days.day_of_year, [121, 200, 245, 305], [1.5, 1.5, 0.55, 0.45])
    elif kind == "mooncake":  # Mid-Autumn 2026 is on 25 September
        t = np.interp(
            days.day_of_year, [121, 220, 250, 268, 275, 305], [0.1, 0.2, 4.0, 6.0, 0.4, 0.1]
        )
    return t


def history(start: pd.Timestamp, end: pd.Timestamp, rng: np.random.Generator) -> pd.DataFrame:
    """Lumi's Search Console data by query and day, before Search Console totals it.

    Returns
    -------
    pandas.DataFrame
        One row per query and day with impressions: ``date``, ``query`` (empty for the
        anonymised queries of the day), ``page``, ``clicks``, ``impressions``, ``position``.
    """
    from smmnb.sample.config import SEARCH_CTR_GAPS, SEARCH_PROPERTY

    days = pd.date_range(start, end, freq="D")
    specs = _queries() + [("", imps, pos, 1.0, page, "flat") for imps, pos, page in _ANONYMISED]
    n_days, n_queries = len(days), len(specs)
    weekend = np.where(days.day_of_week >= 5, 1.12, 1.0)
    day_noise = rng.lognormal(0.0, 0.05, n_days)  # what moves every query on a day
    growth = 1.0 + 0.08 * np.arange(n_days) / n_days  # the site's slow growth in search
    base = np.array([s[1] for s in specs], dtype=float)
    demand = np.stack([_profile(s[5], days) for s in specs], axis=1)
    expected = base[None, :] * demand * (weekend * day_noise * growth)[:, None]
    impressions = rng.poisson(expected)
    position = np.array([s[2] for s in specs])[None, :] * rng.lognormal(
        0.0, 0.06, (n_days, n_queries)
    )
    position = np.maximum(position, 1.0)
    odds = np.array([s[3] for s in specs])
    gap = np.array([SEARCH_CTR_GAPS.get(s[0], 1.0) for s in specs])
    ctr = _ctr(position, odds[None, :]) * gap[None, :]
    clicks = rng.binomial(impressions, ctr)
    frame = pd.DataFrame(
        {
            "date": np.repeat(days, n_queries),
            "query": np.tile([s[0] for s in specs], n_days),
            "page": np.tile([SEARCH_PROPERTY + s[4].lstrip("/") for s in specs], n_days),
            "clicks": clicks.ravel(),
            "impressions": impressions.ravel(),
            "position": position.ravel(),
        }
    )
    return frame[frame["impressions"] > 0].reset_index(drop=True)


def _number(value: float, decimals: int = 2) -> str:
    """Search Console's way: rounded, trailing zeros and a bare dot dropped ("32", "2.6")."""
    text = f"{value:.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _metrics(clicks: int, impressions: int, weighted_position: float) -> list[str]:
    if impressions == 0:
        return ["0", "0", "0%", "0"]
    return [
        str(int(clicks)),
        str(int(impressions)),
        _number(100.0 * clicks / impressions) + "%",
        _number(weighted_position / impressions),
    ]


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().removesuffix("\n").encode("utf-8")


def _totals(frame: pd.DataFrame, by: str) -> pd.DataFrame:
    out = (
        frame.assign(_weighted=frame["position"] * frame["impressions"])
        .groupby(by, sort=False)[["clicks", "impressions", "_weighted"]]
        .sum()
    )
    return out.reset_index()


def _ranked(totals: pd.DataFrame, key: str) -> list[list[str]]:
    """Rows of a Queries or Pages table: by clicks, then impressions (at most 1,000)."""
    totals = totals.sort_values(
        ["clicks", "impressions", key], ascending=[False, False, True], kind="stable"
    ).head(1000)
    return [
        [r[key], *_metrics(r["clicks"], r["impressions"], r["_weighted"])]
        for r in totals.to_dict("records")
    ]


def _split(frame: pd.DataFrame, parts: tuple, rng: np.random.Generator) -> list[list[str]]:
    """Countries or Devices: the period's impressions and clicks shared out among ``parts``."""
    impressions = int(frame["impressions"].sum())
    clicks = int(frame["clicks"].sum())
    weighted = float((frame["position"] * frame["impressions"]).sum())
    if impressions == 0:
        return []
    shares = np.array([p[1] for p in parts])
    imps = rng.multinomial(impressions, shares / shares.sum())
    pull = imps * np.array([p[3] for p in parts])
    clk = rng.multinomial(clicks, pull / pull.sum()) if pull.sum() else np.zeros(len(parts), int)
    clk = np.minimum(clk, imps)
    mean_position = weighted / impressions
    rows = []
    for (name, _share, pos_factor, _odds), i, c in zip(parts, imps, clk, strict=True):
        if i > 0:
            rows.append([name, *_metrics(c, i, mean_position * pos_factor * i)])
    rows.sort(key=lambda r: (-int(r[1]), -int(r[2]), r[0]))
    return rows


def download(
    frame: pd.DataFrame,
    start: pd.Timestamp,
    end: pd.Timestamp,
    rng: np.random.Generator,
    *,
    query_filter: str = "",
) -> dict[str, bytes]:
    """The members of one download (file name -> bytes), in Search Console's order.

    Parameters
    ----------
    frame : pandas.DataFrame
        :func:`history`'s rows.
    start, end : Timestamp
        The days the download covers.
    query_filter : str
        "" for the whole site, else the text of a "Queries containing" filter: only named
        queries containing it count (anonymised ones never match a query filter).
    """
    rows = frame[(frame["date"] >= start) & (frame["date"] <= end)]
    if query_filter:
        rows = rows[rows["query"].str.contains(query_filter, regex=False)]
    header = list(VI["metrics"])
    members: dict[str, bytes] = {}

    daily = _totals(rows, "date").set_index("date").reindex(pd.date_range(start, end))
    daily = daily.fillna(0)
    chart = [
        [f"{day:%Y-%m-%d}", *_metrics(r["clicks"], r["impressions"], r["_weighted"])]
        for day, r in daily.iterrows()
    ]
    members[VI["chart"][0]] = _csv([VI["chart"][1], *header], chart)
    named = rows[rows["query"] != ""]
    members[VI["query"][0]] = _csv(
        [VI["query"][1], *header], _ranked(_totals(named, "query"), "query")
    )
    members[VI["page"][0]] = _csv([VI["page"][1], *header], _ranked(_totals(rows, "page"), "page"))
    members[VI["country"][0]] = _csv([VI["country"][1], *header], _split(rows, _COUNTRIES, rng))
    members[VI["device"][0]] = _csv([VI["device"][1], *header], _split(rows, _DEVICES, rng))
    members[VI["appearance"][0]] = _csv([VI["appearance"][1], *header], [])
    filters = [[VI["search_type"], VI["web"]], [VI["date"], VI["last_3_months"]]]
    if query_filter:
        filters.append([VI["query_filter"], f"+{query_filter}"])
    members[VI["filters"][0]] = _csv([VI["filters"][1], VI["value"]], filters)
    return {f"{_nfc(name)}.csv": payload for name, payload in members.items()}


def _zip(members: dict[str, bytes], day: pd.Timestamp) -> bytes:
    """A zip as Search Console's download: deflated members stamped with the download's day."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, payload in members.items():
            entry = zipfile.ZipInfo(name, date_time=(day.year, day.month, day.day, 9, 12, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, payload)
    return out.getvalue()


def file_name(property_url: str, day: pd.Timestamp, copy: int = 0) -> str:
    """Search Console's name for a download: ``https___lumi.vn_-Performance-on-Search-<day>.zip``.

    ``copy`` 1 is the name the browser gives a second download of the same day (`` (1)``).
    """
    stem = "".join(c if c.isalnum() or c in ".-" else "_" for c in property_url)
    suffix = f" ({copy})" if copy else ""
    return f"{stem}-Performance-on-Search-{day:%Y-%m-%d}{suffix}.zip"


def sample_exports(
    tables: dict[str, pd.DataFrame],
    *,
    brand: str,
    timezone: str,
    as_of: pd.Timestamp,
    rng: np.random.Generator,
) -> dict[str, bytes]:
    """Lumi's Search Console downloads (see the module's docstring).

    For each day of ``SEARCH_DOWNLOADS``: the last 3 months unfiltered, and filtered to
    queries containing "lumi".
    """
    from smmnb.sample.config import SEARCH_DOWNLOADS, SEARCH_PROPERTY

    quarters = []
    for day in SEARCH_DOWNLOADS:
        end = day - pd.Timedelta(days=1)  # "Last 3 months" ends the day before the download
        quarters.append((end - pd.DateOffset(months=3) + pd.Timedelta(days=1), end))
    frame = history(quarters[0][0], quarters[-1][1], rng)
    files = {}
    for day, (start, end) in zip(SEARCH_DOWNLOADS, quarters, strict=True):
        whole = download(frame, start, end, rng)
        branded = download(frame, start, end, rng, query_filter=BRANDED_FILTER)
        files[file_name(SEARCH_PROPERTY, day)] = _zip(whole, day)
        files[file_name(SEARCH_PROPERTY, day, copy=1)] = _zip(branded, day)
    return files
