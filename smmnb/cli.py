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
@click.option("--table", help="Read files as this canonical table instead of detecting the format.")
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
@click.option(
    "--as-of",
    "as_of",
    help="Day the exports were taken, for dates without a year (default for a folder: the last "
    "day of its tables, as load_workspace does).",
)
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

    PATHS are files or data folders. A folder stands for what ``load_workspace`` reads: its
    table files (``posts.csv``, ...) and every file of its ``exports/`` folder; other CSV and
    Excel files in it are read as exports too (with a note: ``load_workspace`` reads exports
    only from ``exports/``). One line per file: the format recognised, the table it fills, its
    rows and days; or why it is not used (an export that fills no table), or what is wrong
    with it (its first problem, the others below). The exit status is 1 when a file has an
    error.

    A file is read as ``load_workspace`` reads it: in the time zone of its data folder's
    ``smmnb.yml`` (the folder holding the file, or the one above ``exports/``), an export
    attributed to that folder's owner; ``--timezone`` and ``--brand`` win over the file.
    """
    from smmnb.io.exports import FORMATS
    from smmnb.schema import TABLES

    if table and table not in TABLES:
        raise click.BadParameter(
            f"unknown table {table!r}; use {', '.join(TABLES)}", param_hint="--table"
        )
    if timezone:
        _check_timezone(timezone)
    if as_of:
        try:
            day = pd.Timestamp(as_of)
        except (ValueError, TypeError, OverflowError):
            day = pd.NaT
        if day is pd.NaT:
            raise click.BadParameter(f"not a date: {as_of!r}", param_hint="--as-of")
    titles = {f.name: f.title for f in FORMATS}
    counts = {"read": 0, "not used": 0, "error": 0}
    for path in paths:
        if Path(path).is_dir():
            if table:
                raise click.BadParameter("--table is for files, not folders", param_hint="--table")
            jobs = _folder_jobs(Path(path))
            if not jobs:
                click.echo(f"{path}: ERROR: no table files (posts.csv, ...) and no exports in it")
                counts["error"] += 1
                continue
        else:
            jobs = [(Path(path), table, "")]
        tables: dict = {}
        for file, name, note in jobs:
            status = _validate_one(
                file, name, note, tables, titles,
                brand=brand, timezone=timezone, as_of=as_of, dayfirst=dayfirst,
            )  # fmt: skip
            counts[status] += 1
    if sum(counts.values()) > 1:
        click.echo(
            f"{sum(counts.values())} files: {counts['read']} read, {counts['not used']} not used, "
            f"{counts['error']} with errors"
        )
    sys.exit(1 if counts["error"] else 0)


def _check_timezone(timezone: str) -> None:
    from zoneinfo import ZoneInfo

    try:
        ZoneInfo(timezone)
    except Exception:  # noqa: BLE001 - ZoneInfoNotFoundError, ValueError for odd keys
        raise click.BadParameter(
            f"unknown time zone {timezone!r} (use an IANA name such as Europe/Berlin)",
            param_hint="--timezone",
        ) from None


def _folder_jobs(folder: Path) -> list[tuple[Path, str | None, str]]:
    """(file, table or None for an export, note) for each file of a data folder to validate.

    The table files ``load_workspace`` reads (the first of ``.parquet``, ``.csv``, ``.xlsx``,
    ``.jsonl`` for each table) come first, so that the exports after them can anchor dates
    without a year on the tables' last day; then ``exports/``; then any other CSV or Excel
    file of the folder, read as an export with a note.
    """
    from smmnb.io.tables import FILE_SUFFIXES
    from smmnb.schema import TABLES

    exports = ".csv .tsv .txt .xlsx .xlsm .xls".split()
    chosen = {}
    for name in TABLES:
        for suffix in FILE_SUFFIXES:
            if (folder / f"{name}{suffix}").is_file():
                chosen[folder / f"{name}{suffix}"] = name
                break
    jobs = [(f, name, "") for f, name in chosen.items()]
    if (folder / "exports").is_dir():
        jobs += [
            (f, None, "")
            for f in sorted((folder / "exports").iterdir())
            if f.is_file() and not f.name.startswith(".") and f.suffix.lower() in exports
        ]
    data_folder = bool(jobs)
    for f in sorted(folder.iterdir()):
        if f in chosen or not f.is_file() or f.name.startswith("."):
            continue
        stem, suffix = f.stem, f.suffix.lower()
        if stem in TABLES and suffix in FILE_SUFFIXES:
            read = next(c for c, n in chosen.items() if n == stem)
            jobs.append((f, stem, f"load_workspace reads {read.name} instead"))
        elif suffix in exports:
            note = "load_workspace reads exports only from exports/" if data_folder else ""
            jobs.append((f, None, note))
    return jobs


def _validate_one(
    file: Path,
    table: str | None,
    note: str,
    tables: dict,
    titles: dict,
    *,
    brand: str,
    timezone: str,
    as_of: str | None,
    dayfirst: bool | None,
) -> str:
    """Validate one file, print its line(s); ``"read"``, ``"not used"`` or ``"error"``.

    ``tables`` collects the table files read so far (they anchor exports' yearless dates and
    name the owner, as in ``load_workspace``).
    """
    from smmnb.errors import ExportNotUsable, SchemaError
    from smmnb.io.exports import read_exports
    from smmnb.io.settings import DEFAULT_TIMEZONE
    from smmnb.io.tables import read_table

    try:
        settings = _folder_settings(str(file))
        zone = timezone or settings.timezone or DEFAULT_TIMEZONE
        owner = brand or settings.owner or _one_brand(tables) or None
        if table:
            frames = [read_table(file, table, timezone=zone, dayfirst=dayfirst)]
            tables[table] = frames[0]
        else:  # every table the file fills (a Search Console zip fills two)
            anchor = as_of or _last_day(tables, zone)
            frames = read_exports(file, brand=owner, timezone=zone, as_of=anchor)
    except ExportNotUsable as err:
        click.echo(f"{file}: not used: {_first(err)}")
        return "not used"
    except SchemaError as err:
        recognised = getattr(err, "recognised", None)
        what = f" ({recognised[0]} -> table {recognised[1]})" if recognised else ""
        click.echo(f"{file}: ERROR{what}: {_first(err)}")
        rest = err.problems[1:]
        for problem in rest[:4]:
            click.echo(f"    - {problem}")
        if len(rest) > 4:
            click.echo(f"    ... and {len(rest) - 4} more problems")
        return "error"
    except SmmnbError as err:
        click.echo(f"{file}: ERROR: {err}")
        return "error"
    except Exception as exc:  # noqa: BLE001 - a defect: say so on its line, never a traceback
        click.echo(f"{file}: ERROR: smmnb failed to read it ({type(exc).__name__}: {exc}); "
                   "this is a defect of smmnb, please report it")  # fmt: skip
        return "error"
    for df in frames:
        click.echo(_describe(file, df, zone, titles))
        notes = [
            f"{k}: {v}"
            for k, v in df.attrs.items()
            if k not in {"table", "source", "file", "duplicates_dropped"} and v is not None
        ]
        if note:
            notes.append(note)
        if notes:
            click.echo("    " + "; ".join(notes))
    return "read"


def _first(err) -> str:
    """An error's first problem (the whole message when it has none)."""
    return str(err.problems[0]) if err.problems else str(err)


def _describe(file: Path, df: pd.DataFrame, timezone: str, titles: dict) -> str:
    """``file: <format> -> table <name>, N rows, first to last day, brands, platforms``."""
    from smmnb.workspace import TIME_COLUMNS

    name = df.attrs["table"]
    source = df.attrs.get("source", "canonical")
    rows = f"{len(df):,} row" + ("" if len(df) == 1 else "s")
    line = f"{file}: {titles.get(source, source)} -> table {name}, {rows}"
    when = TIME_COLUMNS.get(name)
    if when and when in df and df[when].notna().any():
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
    return line


def _one_brand(tables: dict) -> str | None:
    """The one brand of the own-channel tables read (posts, ads, comments), as load_workspace."""
    brands = set()
    for name in ("posts", "ads", "comments"):
        if name in tables and "brand" in tables[name]:
            brands.update(tables[name]["brand"].dropna().astype("str").unique())
    return brands.pop() if len(brands) == 1 else None


def _last_day(tables: dict, timezone: str) -> str | None:
    """The last day of the tables read (as load_workspace anchors yearless dates), or None."""
    from smmnb.workspace import Workspace

    if not tables:
        return None
    day = Workspace(tables=dict(tables), timezone=timezone).last_date()
    return None if day is None else f"{day:%Y-%m-%d}"


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


def _data_dir(ctx, param, value: str | None) -> str | None:
    """--data-dir: an existing folder, or a URL (checked when the job is)."""
    from smmnb.distributed import is_url

    if value and not is_url(value) and not Path(value).is_dir():
        raise click.BadParameter(f"folder {value!r} does not exist", ctx, param)
    return value


@main.command()
@click.option("--config", type=click.Path(dir_okay=False, exists=True), help="Report YAML.")
@click.option("--data-dir", callback=_data_dir,
              help="Data folder, or an fsspec URL of one (s3://bucket/brand, "
              "file:///srv/...).")  # fmt: skip
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
@click.option("--language", type=click.Choice(["en", "vi"]), default=None,
              help="Report language (default: the job's, else the folder's smmnb.yml, else en); "
              "with --config it overrides every job and is the index's.")  # fmt: skip
@click.option("--slides", is_flag=True,
              help="Also write a PowerPoint deck per job (<job>/<job>.pptx).")  # fmt: skip
@click.option("--notebook", "notebooks", multiple=True, help="Repeat; default all.")
@click.option("--notebook-dir", type=click.Path(file_okay=False, exists=True), default=None,
              help="Run the numbered notebooks (NN_name.ipynb) of this folder instead of "
              "smmnb's own.")  # fmt: skip
@click.option("-p", "--parameter", "extra", multiple=True, type=(str, str),
              help="Another notebook parameter: -p KEY VALUE (repeat).")  # fmt: skip
@click.option("--out", type=click.Path(file_okay=False), default="reports", show_default=True,
              help="Output folder, or an fsspec URL (s3://bucket/reports, "
              "file:///srv/...).")  # fmt: skip
@click.option("--workers", type=int, default=None,
              help="Parallel processes (default: cores); with --scheduler local, "
              "its worker processes.")  # fmt: skip
@click.option("--scheduler", default=None,
              help="Run the jobs on Dask: tcp://HOST:8786 (an existing dask.distributed "
              "scheduler) or 'local' (a LocalCluster of --workers processes).")  # fmt: skip
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
    language: str | None,
    slides: bool,
    notebooks: tuple[str, ...],
    notebook_dir: str | None,
    extra: tuple[tuple[str, str], ...],
    out: str,
    workers: int | None,
    scheduler: str | None,
    timeout: int,
) -> None:
    """Run the notebooks headless and write HTML reports (no code) and an index into OUT.

    Either --config reports.yml (many brands and periods) or --data-dir with a brand and a
    period for one ad hoc job. A notebook with nothing to show on the data is reported as
    skipped (with the sentence why), not failed; the exit status is 1 only when one failed
    (a deck that failed counts).
    """
    from smmnb.report import NOTEBOOK_DIR, adhoc_job, load_config, run_jobs, summary

    notebook_dir = notebook_dir or str(NOTEBOOK_DIR)
    given = {"timezone": timezone, "currency": currency, "language": language, "slides": slides}
    overrides = {k: v for k, v in given.items() if v}
    try:
        if config:
            jobs, names = load_config(config, notebooks=list(notebooks) or None,
                                      overrides=overrides, notebook_dir=notebook_dir)  # fmt: skip
        elif data_dir:
            jobs, names = adhoc_job(data_dir, brand=brand, start=start, end=end,
                                    platforms=list(platforms), timezone=timezone,
                                    currency=currency, language=language or "", slides=slides,
                                    notebooks=list(notebooks) or None, extra=dict(extra),
                                    notebook_dir=notebook_dir)  # fmt: skip
        else:
            raise click.UsageError("give --config FILE or --data-dir DIR")
    except SmmnbError as err:
        raise click.ClickException(str(err)) from None
    total = len(jobs) * len(names) + sum(job.slides for job in jobs)  # decks too
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
                           notebook_dir=notebook_dir, on_result=show, language=language,
                           scheduler=scheduler)  # fmt: skip
    except SmmnbError as err:
        raise click.ClickException(str(err)) from None
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    failures = [r for r in results if r.status == "failed"]
    index = f"{out.rstrip('/')}/index.html" if "://" in out else Path(out) / "index.html"
    click.echo(f"{summary(results)}; index: {index}")
    if bar is not None:  # the progress lines did not say which were skipped
        for r in results:
            if r.status == "skipped":
                click.echo(f"skipped {r.job} / {r.notebook}: {r.error}")
    for r in failures:
        cell = f" in cell {r.failed_cell}" if r.failed_cell else ""
        click.echo(f"FAILED {r.job} / {r.notebook}{cell}: {r.error}")
    sys.exit(1 if failures else 0)


_PROJECT = Path(__file__).resolve().parent.parent


@main.command("evaluate")
@click.option("--real", "real", type=click.Path(file_okay=False), default=None,
              help="Folder of the real labelled dev sets (default: ../shared/real/text beside "
              "the project).")  # fmt: skip
@click.option("--own", type=click.Path(dir_okay=False), default=None,
              help="Our hand-labelled set (default: tests/data/sentiment_eval.csv of the "
              "project).")  # fmt: skip
@click.option("--write-rates", is_flag=True,
              help="Also write the scorer's error rates measured on the real dev sets to "
              "smmnb/text/error_rates.yml.")  # fmt: skip
def evaluate_command(real: str | None, own: str | None, write_rates: bool) -> None:
    """Print how the sentiment scorer does on labelled text (a measurement: exit status 0).

    Per dev set: accuracy, macro-F1 (over the labels the set has), per-label precision,
    recall, F1 and support, and the confusion matrix (rows true, columns predicted). Sets
    that are absent are skipped with one line.
    """
    from smmnb.text.evaluate import DEV_SETS

    folder = Path(real) if real else _PROJECT.parent / "shared" / "real" / "text"
    own_path = Path(own) if own else _PROJECT / "tests" / "data" / "sentiment_eval.csv"
    if folder.is_dir():
        for name, lang, what in DEV_SETS:
            _evaluate_file(folder / name, f"{name} ({what}, {lang})")
    else:
        click.echo(f"{folder}: no real dev sets here, skipped\n")
    _evaluate_file(own_path, f"{own_path.name} (ours, hand-labelled)")
    if write_rates:
        from smmnb.text.evaluate import write_error_rates

        try:
            click.echo(f"wrote {write_error_rates(folder)}")
        except SmmnbError as err:
            click.echo(f"error rates not written: {err}")


def _evaluate_file(path: Path, title: str) -> None:
    """Print one labelled file's scores (per language too when it has ``lang``), or why not."""
    from smmnb.text.evaluate import evaluate, read_labelled

    if not path.is_file():
        click.echo(f"{path}: absent, skipped\n")
        return
    try:
        data = read_labelled(path)
        click.echo(evaluate(data["text"], data["label"], name=title).table())
        if "lang" in data.columns:
            for lang, part in data.groupby("lang"):
                r = evaluate(part["text"], part["label"])
                click.echo(f"  {lang}: n={r.texts:,}  accuracy {r.accuracy:.3f}  "
                           f"macro-F1 {r.macro_f1:.3f}")  # fmt: skip
    except Exception as exc:  # noqa: BLE001 - a measurement: say what failed, go on
        click.echo(f"{path}: ERROR: {type(exc).__name__}: {exc}")
    click.echo()


@main.command("label-sample")
@click.argument("source", type=click.Path(exists=True))
@click.option("--n", "n", type=click.IntRange(min=1), default=300, show_default=True,
              help="How many comments to pick.")  # fmt: skip
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--brand", default="", help="Keep the comments on this brand's posts only.")
@click.option("--out", type=click.Path(dir_okay=False), default="labels.csv", show_default=True)
@click.option("--force", is_flag=True, help="Overwrite OUT if it exists.")
def label_sample(source: str, n: int, seed: int, brand: str, out: str, force: bool) -> None:
    """Write the comments most worth labelling to a CSV with an empty label column.

    SOURCE is a data folder (its customer comments: every comment not written by a brand)
    or a CSV file with a ``text`` column. The comments picked are those where smmnb's
    lexicon is least sure, spread over what customers write about, without duplicates
    (``smm.expectations.labelling_sample``). Fill in the ``label`` column with negative,
    neutral or positive (or tiêu cực, trung lập, tích cực), then give the file to notebook
    01 (parameter ``labels_path``) or to the folder's smmnb.yml (``labels: labels.csv``).
    """
    from smmnb.text.model import labelling_sample

    try:
        if Path(out).exists() and not force:
            raise SmmnbError(f"{out} exists already (it may hold your labels): choose another "
                             "--out, or add --force to overwrite it")  # fmt: skip
        texts = _comment_texts(Path(source), brand)
        picked = labelling_sample(texts, n=n, seed=seed)
    except SmmnbError as err:
        raise click.ClickException(str(err)) from None
    picked = picked.rename_axis(texts.index.name or "row").reset_index()
    picked.to_csv(out, index=False, encoding="utf-8-sig", float_format="%.3f")
    click.echo(f"wrote {len(picked)} comments to label (of {texts.nunique():,} distinct) to "
               f"{out}: fill in its label column with negative, neutral or positive")  # fmt: skip


def _comment_texts(source: Path, brand: str) -> pd.Series:
    """The texts to pick from: a folder's customer comments, or a CSV file's text column."""
    from smmnb.errors import InsufficientData, Problem, SchemaError

    if source.is_dir():
        import warnings

        from smmnb import load_workspace
        from smmnb.expectations import customer_comments
        from smmnb.schema import DataWarning

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DataWarning)
            comments = customer_comments(load_workspace(source).comments)
        if brand:
            comments = comments[comments["brand"] == brand]
        texts = comments.set_index("comment_id")["text"].dropna()
        if texts.empty:
            who = f" on {brand}'s posts" if brand else ""
            raise InsufficientData(f"{source} has no customer comments{who} to label.")
        return texts
    try:
        table = pd.read_csv(source, dtype="str", encoding="utf-8-sig")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        problem = Problem(f"not a readable CSV file ({exc})")
        raise SchemaError(str(source), None, [problem]) from None
    table.columns = [str(c).strip().lower() for c in table.columns]
    if "text" not in table.columns:
        found = ", ".join(table.columns)
        raise SchemaError(
            str(source), None, [Problem("no 'text' column", hint=f"columns found: {found}")]
        )
    texts = table["text"].set_axis(pd.RangeIndex(2, len(table) + 2, name="line")).dropna()
    if texts.str.strip().eq("").all():
        raise InsufficientData(f"{source} has no text to label.")
    return texts


@main.command("notebooks")
def notebooks_command() -> None:
    """List the notebooks and their parameters (type, default, help)."""
    from smmnb.report import notebook_parameters

    for name, params in notebook_parameters().items():
        click.echo(name)
        for key, spec in params.items():
            click.echo(f"  {key}: {spec['type']} = {spec['default']}  # {spec['help']}")
