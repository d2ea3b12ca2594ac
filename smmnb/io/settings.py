"""A data folder's settings: ``smmnb.yml``, arguments and built-in defaults, in that order.

A data folder may hold ``smmnb.yml``::

    owner: Lumi                  # whose own exports are in exports/
    competitors: [Moc Coffee, Sen Tea]
    timezone: Asia/Ho_Chi_Minh   # how naive timestamps are read; the local clock of analyses
    currency: VND                # the reporting currency
    fx: {USD: 25400}             # units of the reporting currency per unit of another
    language: vi                 # report language (en, vi)
    themes: themes.yml           # this business's own theme dictionary (path from the folder),
                                 # or a built-in one: food_beverage, ecommerce_retail,
                                 # travel_airlines, telecom_electronics, banking
    followers:                   # one known follower count per platform (see below)
      linkedin: {date: 2026-10-31, count: 5120}
    brand_terms:                 # other ways people search for a brand (see below)
      Lumi: [lumi coffee, lumicoffee, lumi cafe]

``followers`` gives the number of followers of the owner's account on a platform at the end of
one day. Exports that count only the followers gained and lost each day (LinkedIn's followers
export, YouTube's subscribers, TikTok's Overview) then give the total of every other day they
cover (see :func:`smmnb.load_workspace`).

``brand_terms`` lists, per brand (the owner or a competitor), the variants of its name that
make a search query branded besides the name itself (see :func:`smmnb.search.brand_terms`):
spellings without spaces, abbreviations, the name with its category.

Explicit arguments win over the file, the file over the defaults below. This module is the one
place that knows the defaults.
"""

from __future__ import annotations

import datetime
import math
import zoneinfo
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from smmnb.errors import Problem, SchemaError
from smmnb.timezones import DEFAULT_TIMEZONE  # the one owner of the default zone

__all__ = ["DEFAULT_CURRENCY", "DEFAULT_TIMEZONE", "SETTINGS_FILE", "Settings", "read_settings"]

SETTINGS_FILE = "smmnb.yml"
DEFAULT_CURRENCY = "VND"
"""The reporting currency when no argument, ``smmnb.yml`` or export declares one."""
LANGUAGES = ("en", "vi")


@dataclass(frozen=True)
class Settings:
    """What ``smmnb.yml`` says (None where it says nothing).

    Parameters
    ----------
    owner : str, optional
        The brand whose own exports are in ``exports/``.
    competitors : tuple of str, optional
        The brands compared with; None means the other brands present in the data.
    timezone, currency, language : str, optional
        See the module docstring.
    fx : dict of str to float
        Units of the reporting currency per unit of each other currency.
    themes, labels : Path, optional
        Files named by the settings, resolved from the folder; ``themes`` may also be the name
        of a built-in theme dictionary (a str).
    followers : dict of str to (datetime.date, int)
        One known follower count per platform: ``{"linkedin": (date(2026, 10, 31), 5120)}``,
        the number of followers at the end of that day.
    brand_terms : dict of str to tuple of str
        Variants of each brand's name for branded search: ``{"Lumi": ("lumi coffee",)}``.
    """

    owner: str | None = None
    competitors: tuple[str, ...] | None = None
    timezone: str | None = None
    currency: str | None = None
    language: str | None = None
    fx: dict[str, float] = field(default_factory=dict)
    themes: Path | str | None = None
    labels: Path | None = None
    file: Path | None = None
    followers: dict[str, tuple[datetime.date, int]] = field(default_factory=dict)
    brand_terms: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def override(self, **given) -> Settings:
        """These settings with every non-empty argument in ``given`` winning over the file."""
        chosen = {k: v for k, v in given.items() if v not in (None, "", [], (), {})}
        if "competitors" in chosen:
            chosen["competitors"] = tuple(chosen["competitors"])
        if "fx" in chosen:
            chosen["fx"] = {**self.fx, **_fx(chosen["fx"], "fx", "<argument>")}
        for name in ("timezone", "currency", "language"):
            if name in chosen:
                chosen[name] = _check(name, chosen[name], "<argument>")
        return replace(self, **chosen)

    def key(self) -> dict:
        """The settings as plain values (for cache keys and provenance)."""
        out = {}
        for f in fields(self):
            value = getattr(self, f.name)
            out[f.name] = str(value) if isinstance(value, Path) else value
        out["competitors"] = list(self.competitors) if self.competitors is not None else None
        out["followers"] = {p: [d.isoformat(), n] for p, (d, n) in sorted(self.followers.items())}
        out["brand_terms"] = {b: list(t) for b, t in sorted(self.brand_terms.items())}
        return out


def _problem(source: str, key: str, message: str) -> SchemaError:
    return SchemaError(source, None, [Problem(message, column=key)])


def _check(name: str, value, source: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _problem(source, name, f"must be a name, got {value!r}")
    value = value.strip()
    if name == "timezone":
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise _problem(
                source,
                name,
                f"unknown time zone {value!r}; use an IANA name such as {DEFAULT_TIMEZONE}",
            ) from None
    if name == "currency":
        if len(value) != 3 or not value.isalpha():
            raise _problem(
                source, name, f"use a three-letter ISO 4217 code such as VND, got {value!r}"
            )
        value = value.upper()
    if name == "language" and value not in LANGUAGES:
        raise _problem(
            source, name, f"unknown language {value!r}; use one of {', '.join(LANGUAGES)}"
        )
    return value


def _fx(value, key: str, source: str) -> dict[str, float]:
    if not isinstance(value, dict):
        raise _problem(
            source, key, f"must map currencies to rates, such as {{USD: 25400}}, got {value!r}"
        )
    out = {}
    for code, rate in value.items():
        code = _check("currency", code, source)
        try:
            rate = float(rate)
        except (TypeError, ValueError):
            rate = math.nan
        if not math.isfinite(rate) or rate <= 0:
            raise _problem(
                source, key, f"the rate for {code} must be a positive number, got {rate!r}"
            )
        out[code] = rate
    return out


def _followers(value, source: str) -> dict[str, tuple[datetime.date, int]]:
    """``{platform: {date: ..., count: ...}}`` as ``{platform: (date, count)}``."""
    from smmnb.schema import PLATFORMS

    example = "such as {linkedin: {date: 2026-10-31, count: 5120}}"
    if not isinstance(value, dict):
        raise _problem(source, "followers", f"must map platforms to a date and a count, {example}")
    out = {}
    for platform, known in value.items():
        name = str(platform).strip().lower()
        if name not in PLATFORMS:
            raise _problem(
                source,
                "followers",
                f"unknown platform {platform!r}; use one of {', '.join(PLATFORMS)}",
            )
        if not isinstance(known, dict) or set(known) != {"date", "count"}:
            raise _problem(
                source,
                "followers",
                f"{name} must give a date and a count, {example}, got {known!r}",
            )
        day = known["date"]
        if isinstance(day, datetime.datetime):
            day = day.date()
        if not isinstance(day, datetime.date):
            try:
                day = datetime.date.fromisoformat(str(day).strip())
            except ValueError:
                raise _problem(
                    source,
                    "followers",
                    f"the date for {name} must be an ISO date such as 2026-10-31, "
                    f"got {known['date']!r}",
                ) from None
        n = known["count"]
        if isinstance(n, str):
            n = n.strip().replace(",", "")
        try:
            whole = int(n) if not isinstance(n, bool) else None
        except (TypeError, ValueError):
            whole = None
        if whole is None or whole < 0 or str(whole) != str(n).removesuffix(".0"):
            raise _problem(
                source,
                "followers",
                f"the count for {name} must be a whole number of followers, got {known['count']!r}",
            )
        out[name] = (day, whole)
    return out


def _brand_terms(value, source: str) -> dict[str, tuple[str, ...]]:
    """``{brand: [variant, ...]}`` as ``{brand: (variant, ...)}``; one variant may be a string."""
    example = "such as {Lumi: [lumi coffee, lumicoffee]}"
    if not isinstance(value, dict):
        raise _problem(
            source, "brand_terms", f"must map brand names to lists of their variants, {example}"
        )
    out = {}
    for brand, variants in value.items():
        name = str(brand).strip() if brand is not None else ""
        if not name:
            raise _problem(source, "brand_terms", f"a brand name is empty, {example}")
        if variants is None:
            variants = []
        if isinstance(variants, str):
            variants = [variants]
        if not isinstance(variants, list) or not all(
            isinstance(v, str | int | float) and not isinstance(v, bool) and str(v).strip()
            for v in variants
        ):
            raise _problem(
                source,
                "brand_terms",
                f"the variants of {name} must be a list of words, {example}, got {variants!r}",
            )
        out[name] = tuple(dict.fromkeys(" ".join(str(v).split()) for v in variants))
    return out


def read_settings(folder: str | Path) -> Settings:
    """Read ``smmnb.yml`` in ``folder`` (a path or an fsspec URL); empty settings when none.

    Raises
    ------
    SchemaError
        Naming the file and the key, for a file that is not YAML, an unknown key or a bad value.
    """
    from smmnb.distributed import is_url, settings_copy

    if is_url(folder):  # a data folder at a URL: its smmnb.yml alone, copied here
        folder = settings_copy(str(folder), SETTINGS_FILE)
        if folder is None:
            return Settings()
    folder = Path(folder)
    path = folder / SETTINGS_FILE
    if not path.is_file():
        return Settings()
    source = str(path)
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise SchemaError(source, None, [Problem(f"not a YAML file: {exc}")]) from None
    if data is None:
        return Settings(file=path)
    if not isinstance(data, dict):
        raise SchemaError(source, None, [Problem("must be a mapping of settings (key: value)")])
    known = {"owner", "competitors", "timezone", "currency", "fx", "language", "themes", "labels",
             "followers", "brand_terms"}  # fmt: skip
    unknown = sorted(str(k) for k in data if k not in known)
    if unknown:
        raise SchemaError(
            source,
            None,
            [
                Problem(f"unknown setting {k!r}", hint=f"known: {', '.join(sorted(known))}")
                for k in unknown
            ],
        )
    values: dict = {"file": path}
    if data.get("owner") is not None:
        values["owner"] = str(data["owner"]).strip()
    if data.get("competitors") is not None:
        competitors = data["competitors"]
        if isinstance(competitors, str):
            competitors = [competitors]
        if not isinstance(competitors, list):
            raise _problem(source, "competitors", "must be a list of brand names")
        values["competitors"] = tuple(str(c).strip() for c in competitors)
    for name in ("timezone", "currency", "language"):
        if data.get(name) is not None:
            values[name] = _check(name, data[name], source)
    if data.get("fx") is not None:
        values["fx"] = _fx(data["fx"], "fx", source)
    if data.get("followers") is not None:
        values["followers"] = _followers(data["followers"], source)
    if data.get("brand_terms") is not None:
        values["brand_terms"] = _brand_terms(data["brand_terms"], source)
    for name in ("themes", "labels"):
        if data.get(name) is not None:
            file = folder / str(data[name])
            if name == "themes" and not file.is_file():
                from smmnb.text.themes import BUILTIN

                if str(data[name]).strip() in BUILTIN:  # a built-in dictionary by name
                    values[name] = str(data[name]).strip()
                    continue
                builtin = ", ".join(BUILTIN)
                raise _problem(source, name, f"file not found: {file} (built-in: {builtin})")
            if not file.is_file():
                raise _problem(source, name, f"file not found: {file}")
            values[name] = file
    return Settings(**values)
