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
@click.option("--brand", help="Brand for exports that do not name their account.")
@click.option(
    "--timezone",
    default="Asia/Ho_Chi_Minh",
    show_default=True,
    help="Time zone of naive timestamps.",
)
@click.option("--as-of", "as_of", help="Day the export was taken (for dates without a year).")
@click.option("--dayfirst/--monthfirst", default=None, help="Order of NN/NN/YYYY dates.")
def validate(
    paths: tuple[str, ...],
    table: str | None,
    brand: str | None,
    timezone: str,
    as_of: str | None,
    dayfirst: bool | None,
) -> None:
    """Recognise files, check them against the canonical tables and describe them."""
    from smmnb.io.exports import FORMATS, read_export
    from smmnb.io.tables import read_table
    from smmnb.schema import TABLES
    from smmnb.workspace import TIME_COLUMNS

    titles = {f.name: f.title for f in FORMATS}
    failed = False
    for path in paths:
        try:
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
        line = f"{path}: {titles.get(source, source)} -> table {name}, {len(df):,} rows"
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


@main.command()
@click.option("--config", type=click.Path(dir_okay=False, exists=True), help="Report YAML.")
@click.option("--data-dir", type=click.Path(file_okay=False, exists=True))
@click.option("--brand", default="Lumi", show_default=True)
@click.option("--start", default="", help="ISO date; default 90 days before --end.")
@click.option("--end", default="", help="ISO date; default the last date in the data.")
@click.option("--platform", "platforms", multiple=True, help="Repeat to keep several.")
@click.option("--notebook", "notebooks", multiple=True, help="Repeat; default all.")
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
    notebooks: tuple[str, ...],
    extra: tuple[tuple[str, str], ...],
    out: str,
    workers: int | None,
    timeout: int,
) -> None:
    """Run the notebooks headless and write HTML reports (no code) and an index into OUT.

    Either --config reports.yml (many brands and periods) or --data-dir with --brand and a
    period for one ad hoc job.
    """
    from smmnb.report import adhoc_job, load_config, run_jobs

    try:
        if config:
            jobs, names = load_config(config)
            if notebooks:
                names = list(notebooks)
        elif data_dir:
            jobs, names = adhoc_job(data_dir, brand=brand, start=start, end=end,
                                    platforms=list(platforms), notebooks=list(notebooks) or None,
                                    extra=dict(extra))  # fmt: skip
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
            status = "ok" if result.ok else f"FAILED: {result.error}"
            click.echo(f"[{len(done)}/{total}] {result.job} / {result.notebook}: {status} "
                       f"({result.seconds:.1f} s)")  # fmt: skip

    try:
        results = run_jobs(jobs, out, notebooks=names, workers=workers, timeout=timeout,
                           on_result=show)  # fmt: skip
    except SmmnbError as err:
        raise click.ClickException(str(err)) from None
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    failures = [r for r in results if not r.ok]
    click.echo(f"{total - len(failures)} of {total} reports written; index: "
               f"{Path(out) / 'index.html'}")  # fmt: skip
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
