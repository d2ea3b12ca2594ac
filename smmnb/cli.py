"""The ``smmnb`` command: a thin click wrapper over the Python API."""

from __future__ import annotations

import sys
from pathlib import Path

import click
import pandas as pd

from smmnb.errors import SmmnbError

__all__ = ["main"]


@click.group()
@click.version_option(package_name="smmnb")
def main() -> None:
    """Notebook toolkit for social media managers."""


@main.command()
@click.option("--out", type=click.Path(file_okay=False), default="sample_data", show_default=True)
@click.option("--seed", type=int, default=7, show_default=True)
@click.option("--force", is_flag=True, help="Overwrite table files not written by smmnb sample.")
@click.option(
    "--scale",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Repeat the activity tables N times (ids made unique), for benchmarks.",
)
@click.option(
    "--format",
    "file_format",
    type=click.Choice(["csv", "parquet"]),
    default="csv",
    show_default=True,
)
def sample(out: str, seed: int, force: bool, scale: int, file_format: str) -> None:
    """Write the deterministic sample data set (Lumi and two competitors)."""
    from smmnb.sample import write_sample

    try:
        written = write_sample(out, seed, force=force, scale_by=scale, file_format=file_format)
    except SmmnbError as err:
        raise click.ClickException(str(err)) from None
    click.echo(f"wrote {len(written)} files to {out}")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--table", help="Read as this canonical table instead of detecting the format.")
@click.option(
    "--brand",
    default="",
    help="Brand of exports (default: the owner in the folder's smmnb.yml, else the account "
    "named in the file).",
)
@click.option(
    "--timezone",
    default="",
    help="Time zone of naive timestamps (default: the folder's smmnb.yml, else smmnb's default).",
)
@click.option("--as-of", "as_of", help="Day the export was taken (for dates without a year).")
@click.option("--dayfirst/--monthfirst", default=None, help="Order of NN/NN/YYYY dates.")
def validate(
    paths: tuple[str, ...],
    table: str | None,
    brand: str,
    timezone: str,
    as_of: str | None,
    dayfirst: bool | None,
) -> None:
    """Recognise files, check them against the canonical tables and describe them.

    A file is read as ``load_workspace`` reads it: in the time zone of its data folder's
    ``smmnb.yml`` (the folder holding the file, or the one above ``exports/``), an export
    attributed to that folder's owner; ``--timezone`` and ``--brand`` win over the file.
    """
    from smmnb.io.exports import FORMATS, read_export
    from smmnb.io.settings import DEFAULT_TIMEZONE
    from smmnb.io.tables import read_table
    from smmnb.schema import TABLES
    from smmnb.workspace import TIME_COLUMNS

    titles = {f.name: f.title for f in FORMATS}
    failed = False
    given_brand, given_timezone = brand, timezone
    for path in paths:
        try:
            settings = _folder_settings(path)
            timezone = given_timezone or settings.timezone or DEFAULT_TIMEZONE
            brand = given_brand or settings.owner or None
            if table:
                if table not in TABLES:
                    raise click.BadParameter(f"unknown table {table!r}; use {', '.join(TABLES)}")
                df = read_table(path, table, timezone=timezone, dayfirst=dayfirst)
            else:
                df = read_export(path, brand=brand, timezone=timezone, as_of=as_of)
        except SmmnbError as err:
            click.echo(f"{path}: ERROR\n{err}")
            failed = True
            continue
        name = df.attrs["table"]
        source = df.attrs.get("source", "canonical")
        rows = f"{len(df):,} row" + ("" if len(df) == 1 else "s")
        line = f"{path}: {titles.get(source, source)} -> table {name}, {rows}"
        when = TIME_COLUMNS.get(name)
        if when and df[when].notna().any():
            times = df[when]
            if isinstance(times.dtype, pd.DatetimeTZDtype):
                times = times.dt.tz_convert(timezone)  # local days, as the user thinks of them
            line += f", {times.min():%Y-%m-%d} to {times.max():%Y-%m-%d}"
        for column in ("brand", "platform"):
            if column in df:
                names = sorted(map(str, df[column].dropna().unique()))
                line += f", {column}s: {', '.join(names)}"
        if df.attrs.get("duplicates_dropped"):
            line += f"; dropped {df.attrs['duplicates_dropped']} exact duplicate rows"
        click.echo(line)
        notes = {
            k: v
            for k, v in df.attrs.items()
            if k not in {"table", "source", "file", "duplicates_dropped"} and v is not None
        }
        if notes:
            click.echo("    " + "; ".join(f"{k}: {v}" for k, v in notes.items()))
    sys.exit(1 if failed else 0)


def _folder_settings(path: str):
    """The settings (``smmnb.yml``) of the data folder a file belongs to.

    That is the file's own folder, or the folder above when the file is in ``exports/``;
    empty settings when neither has one.
    """
    from smmnb.io.settings import SETTINGS_FILE, Settings, read_settings

    folder = Path(path).resolve().parent
    candidates = [folder, folder.parent] if folder.name == "exports" else [folder]
    for candidate in candidates:
        if (candidate / SETTINGS_FILE).is_file():
            return read_settings(candidate)
    return Settings()


@main.command()
@click.option("--config", type=click.Path(dir_okay=False, exists=True), help="Report YAML.")
@click.option("--data-dir", type=click.Path(file_okay=False, exists=True))
@click.option("--brand", default="", help="Brand analysed (default: the folder's owner).")
@click.option("--start", default="", help="ISO date; default 90 days before --end.")
@click.option("--end", default="", help="ISO date; default the last date in the data.")
@click.option("--platform", "platforms", multiple=True, help="Repeat to keep several.")
@click.option("--timezone", default="",
              help="IANA time zone of every report (default: the folder's smmnb.yml); "
              "with --config it overrides every job.")  # fmt: skip
@click.option("--currency", default="",
              help="Reporting currency (default: the folder's smmnb.yml); "
              "with --config it overrides every job.")  # fmt: skip
@click.option("--notebook", "notebooks", multiple=True, help="Repeat; default all.")
@click.option("--notebook-dir", type=click.Path(file_okay=False, exists=True), default=None,
              help="Run the numbered notebooks (NN_name.ipynb) of this folder instead of "
              "smmnb's own.")  # fmt: skip
@click.option("-p", "--parameter", "extra", multiple=True, type=(str, str),
              help="Another notebook parameter: -p KEY VALUE (repeat).")  # fmt: skip
@click.option("--out", type=click.Path(file_okay=False), default="reports", show_default=True)
@click.option("--workers", type=int, default=None, help="Parallel processes (default: cores).")
@click.option("--timeout", type=int, default=600, show_default=True, help="Seconds per cell.")
def report(
    config: str | None,
    data_dir: str | None,
    brand: str,
    start: str,
    end: str,
    platforms: tuple[str, ...],
    timezone: str,
    currency: str,
    notebooks: tuple[str, ...],
    notebook_dir: str | None,
    extra: tuple[tuple[str, str], ...],
    out: str,
    workers: int | None,
    timeout: int,
) -> None:
    """Run the notebooks headless and write HTML reports (no code) and an index into OUT.

    Either --config reports.yml (many brands and periods) or --data-dir with a brand and a
    period for one ad hoc job. A notebook with nothing to show on the data is reported as
    skipped (with the sentence why), not failed; the exit status is 1 only when one failed.
    """
    from smmnb.report import NOTEBOOK_DIR, adhoc_job, load_config, run_jobs, summary

    notebook_dir = notebook_dir or str(NOTEBOOK_DIR)
    overrides = {k: v for k, v in {"timezone": timezone, "currency": currency}.items() if v}
    try:
        if config:
            jobs, names = load_config(config, notebooks=list(notebooks) or None,
                                      overrides=overrides, notebook_dir=notebook_dir)  # fmt: skip
        elif data_dir:
            jobs, names = adhoc_job(data_dir, brand=brand, start=start, end=end,
                                    platforms=list(platforms), timezone=timezone,
                                    currency=currency, notebooks=list(notebooks) or None,
                                    extra=dict(extra), notebook_dir=notebook_dir)  # fmt: skip
        else:
            raise click.UsageError("give --config FILE or --data-dir DIR")
    except SmmnbError as err:
        raise click.ClickException(str(err)) from None
    total = len(jobs) * len(names)
    done = []
    bar = None
    if sys.stdout.isatty():
        bar = click.progressbar(length=total, label=f"{total} reports")
        bar.__enter__()

    def show(result) -> None:
        done.append(result)
        if bar is not None:
            bar.update(1)
        else:
            status = {"ok": "ok", "skipped": f"skipped: {result.error}"}.get(
                result.status, f"FAILED: {result.error}"
            )
            click.echo(f"[{len(done)}/{total}] {result.job} / {result.notebook}: {status} "
                       f"({result.seconds:.1f} s)")  # fmt: skip

    try:
        results = run_jobs(jobs, out, notebooks=names, workers=workers, timeout=timeout,
                           notebook_dir=notebook_dir, on_result=show)  # fmt: skip
    except SmmnbError as err:
        raise click.ClickException(str(err)) from None
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    failures = [r for r in results if r.status == "failed"]
    click.echo(f"{summary(results)}; index: {Path(out) / 'index.html'}")
    if bar is not None:  # the progress lines did not say which were skipped
        for r in results:
            if r.status == "skipped":
                click.echo(f"skipped {r.job} / {r.notebook}: {r.error}")
    for r in failures:
        cell = f" in cell {r.failed_cell}" if r.failed_cell else ""
        click.echo(f"FAILED {r.job} / {r.notebook}{cell}: {r.error}")
    sys.exit(1 if failures else 0)


@main.command("notebooks")
def notebooks_command() -> None:
    """List the notebooks and their parameters (type, default, help)."""
    from smmnb.report import notebook_parameters

    for name, params in notebook_parameters().items():
        click.echo(name)
        for key, spec in params.items():
            click.echo(f"  {key}: {spec['type']} = {spec['default']}  # {spec['help']}")
