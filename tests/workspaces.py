"""Workspaces off the happy path, built small from the sample, for the any-workspace matrix.

Each case is a folder (made once per session under a temporary root) and the notebook
parameters a user would pass, plus what the reports must say: the brand credited in money and
attribution sentences, and the currency of money sentences. ``build(name, root)`` makes one
folder; :data:`CASES` lists them all.

Run one notebook over every case by hand (what a developer does while fixing a notebook)::

    .venv/bin/python -m tests.workspaces 02_campaign_performance [case ...]
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_data"
TABLE_NAMES = ("posts", "ads", "comments", "mentions", "followers", "web_sessions",
               "influencers", "calendar", "targets")  # fmt: skip


@dataclass(frozen=True)
class Case:
    """One workspace and the parameters the notebooks get on it."""

    name: str
    folder: str  # key of FOLDERS
    parameters: dict = field(default_factory=dict)
    brand: str = "Lumi"  # the brand the report is about
    currency: str = "VND"  # the currency money sentences must use
    # notebooks that have nothing to show here and must be reported as skipped
    skipped: tuple[str, ...] = ()
    # the notebooks this case can change; the others read none of what differs from the
    # sample, so they give the sample's report, which nbval checks (empty: all notebooks)
    notebooks: tuple[str, ...] = ()


def _sample(name: str) -> pd.DataFrame:
    return pd.read_csv(SAMPLE / f"{name}.csv", dtype=str, keep_default_na=False)


def _write(folder: Path, frames: dict[str, pd.DataFrame], settings: str = "") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, df in frames.items():
        df.to_csv(folder / f"{name}.csv", index=False)
    if settings:
        (folder / "smmnb.yml").write_text(settings, encoding="utf-8")


def _copy_sample(folder: Path, without: tuple[str, ...] = ()) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in TABLE_NAMES:
        if name not in without:
            shutil.copy(SAMPLE / f"{name}.csv", folder / f"{name}.csv")
    shutil.copytree(SAMPLE / "exports", folder / "exports")
    shutil.copy(SAMPLE / "smmnb.yml", folder / "smmnb.yml")


def _only(name: str, transform=None, settings: str = ""):
    def make(folder: Path) -> None:
        df = _sample(name)
        _write(folder, {name: transform(df) if transform else df}, settings)

    return make


def _lumi(df: pd.DataFrame) -> pd.DataFrame:
    return df[df["brand"] == "Lumi"]


def _no_reach(df: pd.DataFrame) -> pd.DataFrame:
    return _lumi(df).drop(columns=["reach"])


def _dates_only(df: pd.DataFrame) -> pd.DataFrame:
    out = _lumi(df).drop(columns=["reach"]).copy()
    out["published_at"] = out["published_at"].str[:10]
    return out


def _mentions_one_brand(df: pd.DataFrame) -> pd.DataFrame:
    return df[df["brand"] == "Moc Coffee"]


def _mentions_one_day(df: pd.DataFrame) -> pd.DataFrame:
    day = df["created_at"].str[:10]
    return df[day == day.max()]


def _ads_only(folder: Path) -> None:
    (folder / "exports").mkdir(parents=True)
    shutil.copy(SAMPLE / "exports" / "meta_ads_manager.csv", folder / "exports")


def _airlines(folder: Path) -> None:
    """An American owner: six brands' mentions over 8 days, USD ads, New York time."""
    mentions = _sample("mentions")
    day = pd.to_datetime(mentions["created_at"], utc=True)
    last = day.max().normalize()
    recent = mentions[(day > last - pd.Timedelta(days=8)).to_numpy()].copy()
    names = ["United", "Delta", "American", "Southwest", "JetBlue", "Alaska"]
    recent["brand"] = [names[i % 6] for i in range(len(recent))]
    ads = _sample("ads")
    ads = ads[ads["brand"] == "Lumi"].copy()
    ads["brand"] = "United"
    ads["currency"] = "USD"
    for column in ("spend", "revenue"):
        ads[column] = (pd.to_numeric(ads[column], errors="coerce") / 25000).round(2).astype(str)
    ads = ads[pd.to_datetime(ads["date"]) > last.tz_localize(None) - pd.Timedelta(days=8)]
    settings = "owner: United\ntimezone: America/New_York\ncurrency: USD\n"
    _write(folder, {"mentions": recent, "ads": ads}, settings)


FOLDERS = {
    "sample": lambda folder: _copy_sample(folder),
    "no_calendar": lambda folder: _copy_sample(folder, without=("calendar",)),
    "no_targets": lambda folder: _copy_sample(folder, without=("targets",)),
    "no_influencers": lambda folder: _copy_sample(folder, without=("influencers",)),
    "no_followers": lambda folder: _copy_sample(folder, without=("followers",)),
    "ads_only": _ads_only,
    "posts_only": _only("posts", _lumi),
    "posts_no_reach": _only("posts", _no_reach),
    "posts_dates_only": _only("posts", _dates_only),
    "comments_only": _only("comments", _lumi),
    "mentions_one_brand": _only("mentions", _mentions_one_brand),
    "mentions_brands": _only("mentions"),
    "mentions_one_day": _only("mentions", _mentions_one_day),
    "web_only": _only("web_sessions", _lumi),
    "airlines": _airlines,
}

ALL = ("00_data_check", "01_customer_expectations", "02_campaign_performance", "03_trends",
       "04_content_calendar", "05_executive_summary")  # fmt: skip

CASES: list[Case] = [
    # the sample itself runs in Vietnamese here (nbval checks the English notebooks on it);
    # about half of the other cases run in Vietnamese too (``vi`` below)
    Case("sample-vi", "sample", {"language": "vi"}),
    # competitors have mentions and followers only: no campaigns and no plan to show (one
    # competitor stands for all; mentions-one-brand below reports on another)
    Case(
        "competitor-sen",
        "sample",
        {"brand": "Sen Tea"},
        brand="Sen Tea",
        skipped=("02_campaign_performance", "04_content_calendar"),
    ),
    # a single-platform filter takes the same path on every platform: TikTok stands for those
    # with every table; LinkedIn and Google below are the ones where some notebooks skip
    Case("platform-tiktok", "sample", {"platforms": ["tiktok"]}),
    # the owner has neither comments nor mentions on LinkedIn; on Google it only buys ads
    Case(
        "platform-linkedin",
        "sample",
        {"platforms": ["linkedin"]},
        skipped=("01_customer_expectations",),
    ),
    Case(
        "platform-google",
        "sample",
        {"platforms": ["google"]},
        skipped=("01_customer_expectations", "03_trends"),
    ),
    Case("period-1-day", "sample", {"start": "2026-10-31", "end": "2026-10-31"}),
    Case("period-8-days", "sample", {"start": "2026-09-23", "end": "2026-09-30"}),
    # a missing table only changes the notebooks that read it (and 00, which lists it)
    Case(
        "no-calendar",
        "no_calendar",
        skipped=("04_content_calendar",),
        notebooks=("00_data_check", "04_content_calendar", "05_executive_summary"),
    ),
    Case(
        "no-targets",
        "no_targets",
        notebooks=("00_data_check", "02_campaign_performance", "03_trends", "05_executive_summary"),
    ),
    Case(
        "no-influencers",
        "no_influencers",
        notebooks=("00_data_check", "02_campaign_performance", "05_executive_summary"),
    ),
    Case(
        "no-followers",
        "no_followers",
        notebooks=("00_data_check", "02_campaign_performance", "03_trends", "05_executive_summary"),
    ),
    Case(
        "ads-only",
        "ads_only",
        skipped=("01_customer_expectations", "03_trends", "04_content_calendar"),
    ),
    Case("posts-only", "posts_only", skipped=("01_customer_expectations", "04_content_calendar")),
    Case(
        "posts-no-reach",
        "posts_no_reach",
        skipped=("01_customer_expectations", "04_content_calendar"),
    ),
    Case(
        "posts-dates-only",
        "posts_dates_only",
        skipped=("01_customer_expectations", "04_content_calendar"),
    ),
    Case(
        "comments-only",
        "comments_only",
        skipped=("02_campaign_performance", "03_trends", "04_content_calendar"),
    ),
    Case(
        "mentions-one-brand",
        "mentions_one_brand",
        brand="Moc Coffee",
        skipped=("02_campaign_performance", "04_content_calendar"),
    ),
    Case(
        "mentions-brands",
        "mentions_brands",
        {"brand": "Sen Tea"},
        brand="Sen Tea",
        skipped=("02_campaign_performance", "04_content_calendar"),
    ),
    Case(
        "mentions-one-day",
        "mentions_one_day",
        {"brand": "Lumi"},
        skipped=("02_campaign_performance", "04_content_calendar"),
    ),
    Case(
        "web-only",
        "web_only",
        skipped=("01_customer_expectations", "03_trends", "04_content_calendar"),
    ),
    Case(
        "airlines-usd", "airlines", brand="United", currency="USD", skipped=("04_content_calendar",)
    ),
]
"""Every workspace of the matrix; ``skipped`` is what the data imply, decided by hand."""

VIETNAMESE = ("competitor-sen", "platform-tiktok", "period-8-days", "no-targets", "ads-only",
              "posts-no-reach", "comments-only", "mentions-brands", "airlines-usd")  # fmt: skip
"""Cases that run in Vietnamese as well as the sample (the rest run in English)."""
for _case in CASES:
    if _case.name in VIETNAMESE:
        _case.parameters["language"] = "vi"
del _case


def build(folder_name: str, root: Path) -> Path:
    """Make (once) the folder ``folder_name`` under ``root`` and return it."""
    folder = root / folder_name
    if not folder.exists():
        tmp = root / f".{folder_name}.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        FOLDERS[folder_name](tmp)
        tmp.rename(folder)
    return folder


def run(case: Case, notebook: str, root: Path, out: Path):
    """Run one notebook on one case through the report runner; the TaskResult and the text."""
    from smmnb.report import NOTEBOOK_DIR, Job, _run_task, data_files

    data_dir = build(case.folder, root)
    job = Job(f"{case.name}", {"data_dir": str(data_dir), **case.parameters})
    result = _run_task(job, notebook, str(out), str(NOTEBOOK_DIR), 600, data_files(data_dir))
    return result, output_text(out / case.name, notebook)


def output_text(folder: Path, notebook: str) -> str:
    """Every text output of an executed (or failed) notebook, joined."""
    import nbformat

    for name in (f"{notebook}.ipynb", f"{notebook}.failed.ipynb"):
        path = folder / name
        if path.exists():
            nb = nbformat.read(path, as_version=4)
            break
    else:
        return ""
    parts = []
    for cell in nb.cells:
        if cell.cell_type != "code" or "injected-parameters" in cell.metadata.get("tags", []):
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream":
                parts.append(output.get("text", ""))
            for kind in ("text/markdown", "text/html", "text/plain"):
                if kind in output.get("data", {}):
                    parts.append(output["data"][kind])
                    break
    return "\n".join(parts)


def narrative_text(folder: Path, notebook: str) -> list[str]:
    """The narrative a reader sees: Markdown cells and Markdown outputs (no tables, no code)."""
    import nbformat

    path = folder / f"{notebook}.ipynb"
    if not path.exists():
        return []
    nb = nbformat.read(path, as_version=4)
    parts = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            parts.append(cell.source)
        elif "injected-parameters" not in cell.metadata.get("tags", []):
            for output in cell.get("outputs", []):
                if "text/markdown" in output.get("data", {}):
                    parts.append(output["data"]["text/markdown"])
    return parts


if __name__ == "__main__":  # python -m tests.workspaces NOTEBOOK [CASE ...]
    import tempfile

    notebook, *names = sys.argv[1:] or ["00_data_check"]
    root = Path(tempfile.gettempdir()) / "smmnb-matrix-folders"
    root.mkdir(exist_ok=True)
    out = Path(tempfile.mkdtemp(prefix="smmnb-matrix-"))
    from tests.test_any_workspace import LEAK as bad

    for case in CASES:
        if names and case.name not in names:
            continue
        result, text = run(case, notebook, root, out)
        status = getattr(result, "status", "ok" if result.ok else "failed")
        leaks = sorted(set(m.group(0) for m in bad.finditer(text)))
        print(
            f"{case.name:22} {status:8} {result.seconds:5.1f}s {result.error[:150]}"
            + (f"  LEAKS {leaks}" if leaks else "")
        )
    print("outputs in", out)
