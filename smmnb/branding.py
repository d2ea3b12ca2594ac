"""A report set's branding: a logo, an accent colour and a footer line (``reports.yml``).

``reports.yml`` may say, at the top level and overridden key by key in a job::

    branding:
      logo: lumi-logo.png      # PNG, JPEG, GIF, WebP or SVG; relative to reports.yml
      accent: "#b45309"        # the charts' first colour and the pages' rules
      footer: Lumi Coffee · internal

The logo is embedded in every page as a data URI, so a report folder stays self-contained
(it can be zipped and forwarded). The accent reaches the charts as the notebooks' ``accent``
parameter, and the deck through :func:`smmnb.slides.write_deck`.
"""

from __future__ import annotations

import base64
import os
import re
from dataclasses import dataclass
from pathlib import Path

from smmnb.errors import ReportError

__all__ = ["KEYS", "LOGO_TYPES", "Branding", "merge", "read_branding"]

KEYS = ("logo", "accent", "footer")
"""The keys of a ``branding`` mapping."""

LOGO_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
}
"""Logo file types, by suffix, and their MIME types (what a browser shows in an ``<img>``)."""

_ACCENT = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class Branding:
    """A checked branding.

    Attributes
    ----------
    logo : Path or None
        An existing image file (absolute path).
    accent : str or None
        ``#RRGGBB`` (lower case).
    footer : str
        A line at the foot of every page ("" for none).
    """

    logo: Path | None = None
    accent: str | None = None
    footer: str = ""

    def __bool__(self) -> bool:
        return bool(self.logo or self.accent or self.footer)

    def logo_data_uri(self) -> str:
        """The logo as a ``data:`` URI ("" without a logo)."""
        if self.logo is None:
            return ""
        payload = base64.b64encode(self.logo.read_bytes()).decode("ascii")
        return f"data:{LOGO_TYPES[self.logo.suffix.lower()]};base64,{payload}"


def merge(top: dict | None, job: dict | None) -> dict | None:
    """A job's branding: the top-level mapping with the job's keys winning (None when neither)."""
    if top is None and job is None:
        return None
    out = dict(top) if isinstance(top, dict) else top
    if isinstance(job, dict) and isinstance(out, dict):
        return {**out, **job}
    return job if job is not None else out


def read_branding(
    value, *, base: str | os.PathLike = ".", where: str = "branding"
) -> Branding | None:
    """Check a ``branding`` mapping; None when it is None or empty.

    Parameters
    ----------
    value : dict or None
        ``{logo: PATH, accent: "#RRGGBB", footer: TEXT}``, every key optional.
    base : str or path-like
        The folder a relative logo path resolves from (the configuration file's).
    where : str
        How errors name the place (``"reports.yml: job 'q3'"``); ``: branding.KEY ...`` follows.

    Raises
    ------
    ReportError
        Naming ``where`` and the key: not a mapping, an unknown key, a logo file that does
        not exist or is not an image type a browser shows, an accent that is not ``#RRGGBB``,
        a footer that is not text.

    Examples
    --------
    >>> read_branding({"accent": "#B45309", "footer": "Lumi"})
    Branding(logo=None, accent='#b45309', footer='Lumi')
    >>> read_branding({"accent": "red"}, where="reports.yml")
    Traceback (most recent call last):
    ...
    smmnb.errors.ReportError: reports.yml: branding.accent must be a colour as #RRGGBB, got 'red'
    """
    if value is None or value == {}:
        return None
    if not isinstance(value, dict):
        raise ReportError(f"{where}: branding must be a mapping of logo, accent and footer, "
                          f"got {value!r}")  # fmt: skip
    unknown = sorted(str(k) for k in value if k not in KEYS)
    if unknown:
        raise ReportError(
            f"{where}: unknown branding key(s) {', '.join(unknown)}; use {', '.join(KEYS)}"
        )
    logo = None
    if value.get("logo") not in (None, ""):
        logo = (Path(base) / str(value["logo"])).resolve()
        if not logo.is_file():
            raise ReportError(f"{where}: branding.logo file not found: {logo}")
        if logo.suffix.lower() not in LOGO_TYPES:
            raise ReportError(
                f"{where}: branding.logo must be an image ({', '.join(LOGO_TYPES)}), got {logo}"
            )
    accent = value.get("accent")
    if accent not in (None, ""):
        if not isinstance(accent, str) or not _ACCENT.match(accent.strip()):
            raise ReportError(f"{where}: branding.accent must be a colour as #RRGGBB, "
                              f"got {accent!r}")  # fmt: skip
        accent = accent.strip().lower()
    else:
        accent = None
    footer = value.get("footer")
    if footer is None:
        footer = ""
    if not isinstance(footer, str | int | float) or isinstance(footer, bool):
        raise ReportError(f"{where}: branding.footer must be text, got {footer!r}")
    branding = Branding(logo=logo, accent=accent, footer=str(footer).strip())
    return branding or None
