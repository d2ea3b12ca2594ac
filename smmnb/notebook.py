"""What every notebook does first and around each section: :func:`setup` and :class:`Context`.

A notebook's set-up cell is one call::

    nb = setup(data_dir, brand=brand, start=start, end=end, platforms=platforms,
               timezone=timezone, currency=currency, language=language, accent=accent)

which reads the folder (settings from ``smmnb.yml`` unless a parameter says otherwise),
sets the report language (:mod:`smmnb.i18n`), resolves the analysed brand (empty means the
folder's owner), the period (clipped to the days
the data actually cover) and the platform filter, and shows one heading sentence followed by
what the whole folder holds (:func:`folder_contents`: brands, platforms and dates, so an
analyst knows what to type in the parameters). Each section
then runs inside ``with nb.section():``: when an analysis raises
:class:`~smmnb.errors.InsufficientData`, its sentence is shown in place of the section and the
notebook goes on. ``nb.finish()`` in the last cell reports the notebook as *skipped* (see
:class:`NothingToShow`) when no section had anything to show.

This module displays (it is the notebooks' layer); analyses never import it.
"""

from __future__ import annotations

import warnings
from contextlib import contextmanager
from dataclasses import dataclass, field

import pandas as pd

from smmnb import i18n
from smmnb import narrative as say
from smmnb.errors import InsufficientData
from smmnb.i18n import _, ngettext
from smmnb.names import platform_name
from smmnb.workspace import Workspace, parse_day, previous_period

__all__ = ["Context", "FolderContents", "NothingToShow", "folder_contents", "setup", "show"]

DEFAULT_DAYS = 90
"""Length of the default period, ending on the last day with data."""


class NothingToShow(InsufficientData):
    """A notebook that has nothing at all to show on this data.

    ``smmnb report`` lists such a notebook as *skipped*, not failed. In JupyterLab it shows
    its sentence, not a traceback.
    """

    def _render_traceback_(self) -> list[str]:  # IPython shows this instead of a traceback
        return [_("Skipped: {reason}").format(reason=self)]


def show(markdown: str) -> None:
    """Display Markdown text (a sentence of the report)."""
    from IPython.display import Markdown, display

    display(Markdown(markdown))


@dataclass(frozen=True)
class FolderContents:
    """What a data folder holds, whatever a notebook's parameters narrow it to.

    Attributes
    ----------
    brands : tuple of str
        Every brand in the data, as the data write them: the owner first, then the others
        sorted.
    owner : str or None
        The brand whose own accounts the exports come from (``smmnb.yml``'s ``owner``).
    platforms : tuple of str
        Every platform code in the data (any table), sorted.
    first, last : pandas.Timestamp or None
        The first and last local calendar day with observed data (plans left out, as in
        :meth:`smmnb.workspace.Workspace.coverage`); None when no row is dated.
    """

    brands: tuple[str, ...]
    owner: str | None
    platforms: tuple[str, ...]
    first: pd.Timestamp | None
    last: pd.Timestamp | None

    def sentence(self) -> str:
        """One Markdown sentence in the report language: the brands, platforms and dates.

        A platform whose name is not its code in lower case (``News sites``) shows its code,
        which is what the ``platforms`` parameter takes.
        """
        if not self.brands and not self.platforms and self.first is None:
            return _("This folder holds no data.")
        names = [
            _("{brand} (owner)").format(brand=say.esc(b)) if b == self.owner else say.esc(b)
            for b in self.brands
        ]
        brands = (
            ngettext("brand {brands}", "brands {brands}", len(names)).format(
                brands=say.listing(names, escape=False)
            )
            if names
            else _("no brand named")
        )
        shown = []
        for code in self.platforms:
            name = say.esc(platform_name(code))
            shown.append(name if name.lower() == code.lower() else f"{name} (`{code}`)")
        platforms = (
            ngettext("platform {platforms}", "platforms {platforms}", len(shown)).format(
                platforms=say.listing(shown, escape=False)
            )
            if shown
            else _("no platform named")
        )
        if self.first is None or self.last is None:
            dates = _("no dated rows")
        else:
            dates = _("dates {period}").format(period=say.period(self.first, self.last))
        return _("In this folder: {brands}; {platforms}; {dates}.").format(
            brands=brands, platforms=platforms, dates=dates
        )


def folder_contents(ws: Workspace) -> FolderContents:
    """The brands, platforms and dates present in a workspace (pass the whole folder's).

    Parameters
    ----------
    ws : Workspace
        Usually ``nb.everything``: the folder unfiltered.

    Returns
    -------
    FolderContents
        Its :meth:`~FolderContents.sentence` is what :func:`setup` shows under the heading.
    """
    codes: set[str] = set()
    for df in ws.tables.values():
        if "platform" not in df.columns:
            continue
        column = df["platform"]
        if isinstance(column.dtype, pd.CategoricalDtype):  # the categories in use, not each row
            column = column.cat.remove_unused_categories().cat.categories.to_series()
        codes.update(str(c).strip().lower() for c in column.dropna().unique() if str(c).strip())
    owner = ws.owner if ws.owner in ws.brands else None
    brands = ([owner] if owner else []) + [b for b in ws.brands if b != owner]
    first, last = ws.coverage()
    return FolderContents(
        brands=tuple(brands), owner=owner, platforms=tuple(sorted(codes)), first=first, last=last
    )


@dataclass
class Context:
    """One notebook run: the data, the brand, the period and the filter in force.

    Attributes
    ----------
    everything : Workspace
        The whole folder, unfiltered.
    brand : str
        The brand analysed (a filter: exports are attributed to the owner regardless).
    start, end : str
        The period asked for, ISO dates, both included.
    first, last : pandas.Timestamp or None
        The days of the period the data actually cover (None when the period holds no data).
    platforms : list of str
        The platform filter; empty means all.
    scope : Workspace
        The brand and platform filter, every date (targets, plans and baselines need them).
    ws : Workspace
        ``scope`` within the period.
    history : Workspace
        ``scope`` up to ``end`` (baselines for spikes, best time, growth).
    previous : Workspace
        ``scope`` in the period of the same length just before.
    competitors : list of str
        The brands ``brand`` is compared with.
    language : str
        The report language (``en`` or ``vi``).
    """

    everything: Workspace
    brand: str
    start: str
    end: str
    platforms: list[str]
    scope: Workspace
    ws: Workspace
    history: Workspace
    previous: Workspace
    competitors: list[str]
    language: str = "en"
    first: pd.Timestamp | None = None
    last: pd.Timestamp | None = None
    shown: int = 0
    missing: list[str] = field(default_factory=list)

    @property
    def tz(self) -> str:
        """The workspace's time zone (the local clock of every analysis)."""
        return self.everything.timezone

    @property
    def currency(self) -> str:
        """The reporting currency."""
        return self.everything.currency

    @property
    def days(self) -> int:
        """Days in the period asked for, both ends included."""
        return (pd.Timestamp(self.end) - pd.Timestamp(self.start)).days + 1

    @property
    def covered_days(self) -> int:
        """Days of the period the data cover (0 when none)."""
        if self.first is None or self.last is None:
            return 0
        return (self.last - self.first).days + 1

    @property
    def filter_text(self) -> str:
        """The platform filter in words: ``all platforms`` or ``TikTok only``."""
        if not self.platforms:
            return _("all platforms")
        if len(self.platforms) == 1:
            return _("{platform} only").format(platform=say.platforms(self.platforms))
        return say.platforms(self.platforms)

    def heading(self) -> str:
        """One sentence: brand, period actually covered, filter, time zone and currency."""
        brand = f"**{say.esc(self.brand)}**"
        if self.first is None:
            text = _("{brand}, {period}: the data hold nothing in this period").format(
                brand=brand, period=say.period(self.start, self.end)
            )
        elif self.covered_days < self.days:
            text = _(
                "{brand}, {period}: the data cover only these of the {days} asked for, "
                "{start} to {end}"
            ).format(
                brand=brand,
                period=say.period(self.first, self.last),
                days=say.count(self.days, "day"),
                start=say.day(self.start),
                end=say.day(self.end),
            )
        else:
            text = _("{brand}, {period}").format(
                brand=brand, period=say.period(self.first, self.last)
            )
        text += _("; {filter}; times in {timezone}").format(
            filter=self.filter_text, timezone=self.tz
        )
        if not self.everything.ads.empty:
            text += _("; money in {currencies}").format(
                currencies=say.listing(self.everything.currencies)
            )
        owner = self.everything.owner
        if owner and owner != self.brand:
            text += _(
                ". The exports in this folder belong to {owner} and are not counted for {brand}"
            ).format(owner=say.esc(owner), brand=say.esc(self.brand))
        return text + "."

    @contextmanager
    def section(self):
        """Run a section; on :class:`InsufficientData` show its sentence and go on."""
        try:
            yield
        except NothingToShow:
            raise
        except InsufficientData as exc:
            sentence = str(exc)
            if sentence not in self.missing:  # the same missing table is said once
                show(say.esc(sentence))
            self.missing.append(sentence)
        else:
            self.shown += 1

    def finish(self) -> None:
        """End of the notebook: raise :class:`NothingToShow` when no section showed anything."""
        if self.shown == 0:
            reason = " ".join(dict.fromkeys(self.missing)) or _("The data hold nothing to analyse.")
            raise NothingToShow(reason)


def setup(
    data_dir: str,
    *,
    brand: str = "",
    start: str = "",
    end: str = "",
    platforms: list[str] | None = None,
    timezone: str = "",
    currency: str = "",
    language: str = "",
    accent: str = "",
    days: int = DEFAULT_DAYS,
    heading: bool = True,
) -> Context:
    """Read the folder and narrow it to the notebook's parameters.

    Parameters
    ----------
    data_dir : str
        The data folder, or an fsspec URL of one (``s3://bucket/brand``; copied to a local
        cache folder first, see :func:`smmnb.distributed.local_folder`).
    brand : str
        The brand analysed; "" means the folder's owner (``smmnb.yml``), else the brand with
        the most rows.
    start, end : str
        ISO dates; "" means the last day with data for ``end`` and ``days`` days before it
        for ``start``.
    platforms : list of str, optional
        Platforms to keep; empty means all.
    timezone, currency : str
        Override ``smmnb.yml`` ("" means the folder's, else the defaults).
    language : str
        The report language, ``en`` or ``vi``; "" means the folder's (``smmnb.yml``), else
        ``en``. Set for every sentence, table and chart the notebook shows.
    accent : str
        The charts' accent colour, ``#RRGGBB`` (the report's branding); "" means smmnb's.
    days : int
        Length of the default period.
    heading : bool
        Show the heading sentence.

    Returns
    -------
    Context

    Raises
    ------
    NothingToShow
        When the folder holds no data at all.
    """
    import smmnb as smm
    from smmnb.distributed import local_folder
    from smmnb.plots import set_theme

    set_theme(accent=accent or None)
    from smmnb.io.settings import read_settings

    data_dir = local_folder(data_dir)  # a URL (s3://, gs://...) is read from a local copy

    # the language is set before the folder is read: the notes made on reading are sentences too
    i18n.set_language(language or read_settings(data_dir).language or "en")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", smm.DataWarning)  # 00_data_check lists skipped files
        everything = smm.load_workspace(
            data_dir, timezone=timezone or None, currency=currency or None
        )
    chosen_language = i18n.get_language()
    chosen = brand or everything.main_brand()
    if chosen is None:
        raise NothingToShow(
            _("The folder holds no rows with a brand: there is nothing to analyse.")
        )
    platforms = [str(p).lower() for p in (platforms or [])]
    last_day = everything.last_date()
    if last_day is None and not end:
        raise NothingToShow(_("The folder holds no dated rows: there is nothing to analyse."))
    end_day = parse_day(end, "end") or last_day
    start_day = parse_day(start, "start") or end_day - pd.Timedelta(days=days - 1)
    if start_day > end_day:
        raise ValueError(f"start {start_day.date()} is after end {end_day.date()}")
    start_iso, end_iso = start_day.date().isoformat(), end_day.date().isoformat()
    scope = everything.filter(brand=chosen, platforms=platforms or None)
    before_start, before_end = previous_period(start_iso, end_iso)
    ws = scope.filter(start=start_iso, end=end_iso)
    first, last = ws.coverage()
    ctx = Context(
        everything=everything,
        brand=chosen,
        start=start_iso,
        end=end_iso,
        platforms=platforms,
        scope=scope,
        ws=ws,
        history=scope.filter(end=end_iso),
        previous=scope.filter(start=before_start, end=before_end),
        competitors=everything.competitors_of(chosen),
        language=chosen_language,
        first=first,
        last=last,
    )
    if heading:
        show(ctx.heading() + "\n\n" + folder_contents(everything).sentence())
    return ctx
