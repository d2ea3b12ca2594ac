"""smmnb.yml, who owns what, the reporting currency and the local clock of a workspace."""

from __future__ import annotations

import datetime
import shutil

import pandas as pd
import pytest

import smmnb as smm
from smmnb.io.settings import DEFAULT_TIMEZONE, Settings, read_settings


def _ads(rows: list[tuple[str, str, float, str | None]]) -> pd.DataFrame:
    """Ads rows (date, brand, spend, currency) with the other required columns filled."""
    return pd.DataFrame(
        {
            "date": [r[0] for r in rows],
            "brand": [r[1] for r in rows],
            "platform": "facebook",
            "campaign": "C",
            "ad": [f"ad{i}" for i in range(len(rows))],
            "spend": [r[2] for r in rows],
            "currency": [r[3] or "" for r in rows],
            "impressions": 1000,
            "clicks": 10,
            "revenue": [2 * r[2] for r in rows],
        }
    )


def test_read_settings_reads_every_key(tmp_path):
    (tmp_path / "themes.yml").write_text("{}", encoding="utf-8")
    (tmp_path / "smmnb.yml").write_text(
        "owner: United\ncompetitors: [Delta, JetBlue]\ntimezone: America/New_York\n"
        "currency: usd\nfx: {VND: 0.00004}\nlanguage: en\nthemes: themes.yml\n",
        encoding="utf-8",
    )
    s = read_settings(tmp_path)
    assert (s.owner, s.competitors, s.timezone, s.currency, s.language) == (
        "United", ("Delta", "JetBlue"), "America/New_York", "USD", "en",
    )  # fmt: skip
    assert s.fx == {"VND": 0.00004} and s.themes == tmp_path / "themes.yml"


def test_no_file_means_empty_settings(tmp_path):
    assert read_settings(tmp_path) == Settings()


@pytest.mark.parametrize(
    ("text", "key", "words"),
    [
        ("timezone: Mars/Olympus\n", "timezone", "unknown time zone"),
        ("currency: dollars\n", "currency", "three-letter"),
        ("fx: {USD: -3}\n", "fx", "positive number"),
        ("language: fr\n", "language", "unknown language"),
        ("themes: nowhere.yml\n", "themes", "file not found"),
        ("colour: blue\n", None, "unknown setting 'colour'"),
        ("owner: [unclosed\n", None, "not a YAML file"),
    ],
)
def test_a_bad_setting_is_a_schema_error_naming_the_file_and_key(tmp_path, text, key, words):
    (tmp_path / "smmnb.yml").write_text(text, encoding="utf-8")
    with pytest.raises(smm.SchemaError) as info:
        read_settings(tmp_path)
    message = str(info.value)
    assert "smmnb.yml" in message and words in message
    if key:
        assert f"column '{key}'" in message


def test_arguments_win_over_the_file_and_the_file_over_defaults(tmp_path):
    _ads([("2026-01-05", "Acme", 10.0, None)]).to_csv(tmp_path / "ads.csv", index=False)
    (tmp_path / "smmnb.yml").write_text("timezone: Europe/Paris\ncurrency: EUR\n")
    from_file = smm.load_workspace(tmp_path, cache=False)
    assert (from_file.timezone, from_file.currency) == ("Europe/Paris", "EUR")
    given = smm.load_workspace(tmp_path, timezone="Asia/Tokyo", currency="JPY", cache=False)
    assert (given.timezone, given.currency) == ("Asia/Tokyo", "JPY")
    (tmp_path / "smmnb.yml").unlink()
    default = smm.load_workspace(tmp_path, cache=False)
    assert default.timezone == DEFAULT_TIMEZONE and default.currency == "VND"


def test_every_table_carries_the_workspace_zone_and_currency(tmp_path):
    _ads([("2026-01-05", "Acme", 10.0, None)]).to_csv(tmp_path / "ads.csv", index=False)
    (tmp_path / "smmnb.yml").write_text("timezone: America/New_York\n")
    ws = smm.load_workspace(tmp_path, cache=False)
    narrowed = ws.filter(start="2026-01-01", end="2026-01-31", platforms=["facebook"])
    for name in smm.TABLES:
        assert ws[name].attrs["timezone"] == "America/New_York"
        assert narrowed[name].attrs["timezone"] == "America/New_York"
        assert narrowed[name].attrs["currency"] == "VND"


def test_naive_times_are_read_in_the_folder_zone(tmp_path):
    pd.DataFrame(
        {
            "mention_id": ["m1"],
            "created_at": ["2026-03-01 23:30"],
            "brand": ["Acme"],
            "text": ["hi"],
        }  # fmt: skip
    ).to_csv(tmp_path / "mentions.csv", index=False)
    (tmp_path / "smmnb.yml").write_text("timezone: America/New_York\n")
    ws = smm.load_workspace(tmp_path, cache=False)
    # 23:30 in New York (EST, UTC-5) is 04:30 UTC the next day
    assert ws.mentions["created_at"].iloc[0] == pd.Timestamp("2026-03-02 04:30", tz="UTC")


def test_exports_are_credited_to_the_owner_never_to_the_brand_analysed(sample_dir, tmp_path):
    """Regression: brand='Moc Coffee' in a notebook credited Lumi's Ads Manager spend to Moc."""
    folder = tmp_path / "data"
    shutil.copytree(sample_dir, folder)
    with pytest.warns(smm.DataWarning):
        ws = smm.load_workspace(folder, cache=False)
    assert ws.owner == "Lumi"
    exported = ws.sources[~ws.sources["format"].isin(["canonical", "not used"])]
    assert len(exported) > 5
    assert set(ws.ads["brand"].astype(str)) == {"Lumi"}
    moc = ws.filter(brand="Moc Coffee")
    assert moc.ads.empty and moc.posts.empty and moc.comments.empty
    assert len(moc.mentions[moc.mentions["brand"] == "Moc Coffee"]) > 0
    assert ws.competitors_of("Lumi") == ["Moc Coffee", "Sen Tea"]
    assert ws.competitors_of("Moc Coffee") == ["Lumi", "Sen Tea"]


def test_the_owner_of_the_file_wins_over_brands_in_the_tables(sample_dir, tmp_path):
    """With several brands in the own-channel tables, only smmnb.yml can say whose exports."""
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copytree(sample_dir / "exports", folder / "exports")
    shutil.copy(sample_dir / "smmnb.yml", folder / "smmnb.yml")
    posts = pd.read_csv(sample_dir / "posts.csv").head(4)
    posts.loc[:1, "brand"] = "Moc Coffee"
    posts.to_csv(folder / "posts.csv", index=False)
    with pytest.warns(smm.DataWarning):
        ws = smm.load_workspace(folder, cache=False)
    from_exports = ws.posts[~ws.posts["post_id"].isin(posts["post_id"].astype(str))]
    assert len(from_exports) > 100
    assert set(from_exports["brand"].astype(str)) == {"Lumi"}


def test_currency_comes_from_the_exports_when_no_one_says(tmp_path):
    _ads([("2026-01-05", "Acme", 10.0, "AUD"), ("2026-01-06", "Acme", 5.0, "AUD")]).to_csv(
        tmp_path / "ads.csv", index=False
    )
    ws = smm.load_workspace(tmp_path, cache=False)
    assert ws.currency == "AUD" and ws.currencies == ["AUD"]


def test_fx_rates_convert_spend_and_revenue_and_say_so(tmp_path):
    _ads(
        [
            ("2026-01-05", "Acme", 10.0, "USD"),
            ("2026-01-05", "Acme", 200000.0, "VND"),
            ("2026-01-06", "Acme", 2.5, "USD"),
        ]  # fmt: skip
    ).to_csv(tmp_path / "ads.csv", index=False)
    (tmp_path / "smmnb.yml").write_text("currency: VND\nfx: {USD: 25400}\n")
    ws = smm.load_workspace(tmp_path, cache=False)
    assert ws.currencies == ["VND"]
    assert ws.ads["spend"].tolist() == [254000.0, 200000.0, 63500.0]
    assert ws.ads["revenue"].tolist() == [508000.0, 400000.0, 127000.0]
    assert ws.money_notes == ["2 ad rows in USD converted at 25,400 VND per USD"]


def test_without_a_rate_currencies_stay_apart(tmp_path):
    _ads([("2026-01-05", "Acme", 10.0, "USD"), ("2026-01-05", "Acme", 2.0, "VND")]).to_csv(
        tmp_path / "ads.csv", index=False
    )
    (tmp_path / "smmnb.yml").write_text("currency: VND\n")
    ws = smm.load_workspace(tmp_path, cache=False)
    assert ws.currencies == ["USD", "VND"] and ws.money_notes == []
    assert ws.ads["spend"].tolist() == [10.0, 2.0]


def test_a_changed_settings_file_is_read_again(tmp_path, monkeypatch):
    monkeypatch.setenv("SMMNB_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "data"
    folder.mkdir()
    _ads([("2026-01-05", "Acme", 10.0, None)]).to_csv(folder / "ads.csv", index=False)
    (folder / "smmnb.yml").write_text("currency: EUR\n")
    assert smm.load_workspace(folder).currency == "EUR"
    (folder / "smmnb.yml").write_text("currency: GBP\n")
    assert smm.load_workspace(folder).currency == "GBP"


def test_main_brand_is_the_owner_else_the_brand_with_most_rows(tmp_path):
    pd.DataFrame(
        {
            "mention_id": ["a", "b", "c"],
            "created_at": ["2026-03-01T10:00Z"] * 3,
            "brand": ["Delta", "United", "United"],
            "text": ["x", "y", "z"],
        }  # fmt: skip
    ).to_csv(tmp_path / "mentions.csv", index=False)
    assert smm.load_workspace(tmp_path, cache=False).main_brand() == "United"
    (tmp_path / "smmnb.yml").write_text("owner: Delta\n")
    assert smm.load_workspace(tmp_path, cache=False).main_brand() == "Delta"


def test_followers_setting_gives_one_known_count_per_platform(tmp_path):
    (tmp_path / "smmnb.yml").write_text(
        "followers:\n  LinkedIn: {date: 2026-10-31, count: 5120}\n"
        "  tiktok: {date: '2026-09-01', count: '12,400'}\n",
        encoding="utf-8",
    )
    s = read_settings(tmp_path)
    assert s.followers == {
        "linkedin": (datetime.date(2026, 10, 31), 5120),
        "tiktok": (datetime.date(2026, 9, 1), 12400),
    }
    assert s.key()["followers"] == {
        "linkedin": ["2026-10-31", 5120],
        "tiktok": ["2026-09-01", 12400],
    }


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("followers: 5120\n", "must map platforms to a date and a count"),
        ("followers: {myspace: {date: 2026-10-31, count: 1}}\n", "unknown platform 'myspace'"),
        ("followers: {linkedin: {count: 1}}\n", "linkedin must give a date and a count"),
        ("followers: {linkedin: {date: 31/10, count: 1}}\n", "must be an ISO date"),
        ("followers: {linkedin: {date: 2026-10-31, count: -4}}\n", "whole number of followers"),
        ("followers: {linkedin: {date: 2026-10-31, count: 5.5}}\n", "whole number of followers"),
        ("followers: {linkedin: {date: 2026-10-31, count: many}}\n", "whole number of followers"),
    ],
)
def test_a_bad_followers_setting_says_what_is_wrong(tmp_path, text, words):
    (tmp_path / "smmnb.yml").write_text(text, encoding="utf-8")
    with pytest.raises(smm.SchemaError) as info:
        read_settings(tmp_path)
    assert "column 'followers'" in str(info.value) and words in str(info.value)


def test_yearless_exports_are_dated_by_the_folders_other_data_with_a_warning(sample_dir, tmp_path):
    folder = tmp_path / "data"
    (folder / "exports").mkdir(parents=True)
    shutil.copy(sample_dir / "exports" / "tiktok_FollowerHistory.csv", folder / "exports")
    # alone, nothing says which year its days are in: a refusal that asks for as_of
    with pytest.raises(smm.SchemaError, match="as_of"):
        smm.load_workspace(folder, owner="Lumi", cache=False)
    # beside other data, its days end on their last day, and a warning says so
    pd.read_csv(sample_dir / "followers.csv").head(3).to_csv(folder / "followers.csv", index=False)
    with pytest.warns(smm.DataWarning, match="dated up to 2026-05-03"):
        ws = smm.load_workspace(folder, owner="Lumi", cache=False)
    tiktok = ws.followers[ws.followers["platform"] == "tiktok"]
    # its last day, 31 Oct, is after 3 May in the calendar: the year before the anchor
    assert tiktok["date"].max() == pd.Timestamp("2025-10-31")
    assert len(tiktok) == 60 + (pd.read_csv(sample_dir / "followers.csv").head(3)["platform"]
                                == "tiktok").sum()  # fmt: skip
    given = smm.load_workspace(folder, owner="Lumi", as_of="2026-10-31", cache=False)
    assert given.followers["date"].max() == pd.Timestamp("2026-10-31")


def test_brand_terms_give_each_brand_its_variants(tmp_path):
    (tmp_path / "smmnb.yml").write_text(
        "owner: Lumi\ncompetitors: [Mộc Coffee]\nbrand_terms:\n"
        "  Lumi: [lumi coffee, '  lumi   cafe ', lumicoffee, lumi coffee]\n"
        "  Mộc Coffee: moc cafe\n  Sen Tea:\n",
        encoding="utf-8",
    )
    s = read_settings(tmp_path)
    assert s.brand_terms == {
        "Lumi": ("lumi coffee", "lumi cafe", "lumicoffee"),
        "Mộc Coffee": ("moc cafe",),
        "Sen Tea": (),
    }
    assert s.key()["brand_terms"]["Lumi"] == ["lumi coffee", "lumi cafe", "lumicoffee"]
    assert read_settings(tmp_path / "nowhere").brand_terms == {}


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("brand_terms: [lumi coffee]\n", "must map brand names to lists of their variants"),
        ("brand_terms: {Lumi: [lumi, [nested]]}\n", "the variants of Lumi must be a list"),
        ("brand_terms: {Lumi: {a: b}}\n", "the variants of Lumi must be a list"),
        ("brand_terms: {Lumi: ['  ']}\n", "the variants of Lumi must be a list"),
    ],
)
def test_a_bad_brand_terms_setting_names_the_file_and_the_key(tmp_path, text, words):
    (tmp_path / "smmnb.yml").write_text(text, encoding="utf-8")
    with pytest.raises(smm.SmmnbError) as info:
        read_settings(tmp_path)
    message = str(info.value)
    assert "smmnb.yml" in message and "column 'brand_terms'" in message and words in message
