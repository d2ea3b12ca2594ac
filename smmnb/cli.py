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
def sample(out: str, seed: int, force: bool) -> None:
    """Write the deterministic sample data set (Lumi and two competitors)."""
    from smmnb.sample import write_sample

    try:
        written = write_sample(out, seed, force=force)
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
@click.option("--data-dir", type=click.Path(file_okay=False, exists=True), required=True)
@click.option("--brand", default="Lumi", show_default=True)
@click.option("--start", default="", help="ISO date; default 90 days before --end.")
@click.option("--end", default="", help="ISO date; default the last date in the data.")
@click.option("--platform", "platforms", multiple=True, help="Repeat to keep several.")
@click.option("--notebook", "notebooks", multiple=True, help="Repeat; default all.")
@click.option("--out", type=click.Path(file_okay=False), default="reports", show_default=True)
def report(
    data_dir: str,
    brand: str,
    start: str,
    end: str,
    platforms: tuple[str, ...],
    notebooks: tuple[str, ...],
    out: str,
) -> None:
    """Run the notebooks for one brand and period and write HTML reports into OUT."""
    from smmnb.report import run_report

    try:
        results = run_report(
            data_dir,
            out,
            brand=brand,
            start=start,
            end=end,
            platforms=list(platforms),
            notebooks=list(notebooks) or None,
        )
    except SmmnbError as err:
        raise click.ClickException(str(err)) from None
    for r in sorted(results, key=lambda r: r.ok, reverse=True):
        status = f"ok  {r.html}" if r.ok else f"FAILED  {r.error}"
        click.echo(f"{r.notebook}: {status} ({r.seconds:.1f} s)")
    click.echo(f"index: {Path(out) / 'index.html'}")
    sys.exit(0 if all(r.ok for r in results) else 1)
