"""``flask search ...``: keep the index true and inspect it."""

from __future__ import annotations

import time

import click
from flask.cli import AppGroup
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.extensions import db
from app.search.documents import KINDS
from app.search.engine import storage
from app.search.indexer import applied_up_to, apply_outbox, verify
from app.search.outbox import SearchOutbox
from app.search.rebuilding import rebuild

search_cli = AppGroup("search", help="Maintain the search index.")


@search_cli.command("sync")
def sync_command() -> None:
    """Apply every outbox row the index has not seen yet (waits for the writer lock).

    An index written with other fields (by an older version of Gilde) is rebuilt instead.
    """
    if not storage.schema_is_current():
        click.echo("The index has other fields than this version writes: rebuilding it.")
        _rebuild_with_progress()
        return
    applied = apply_outbox(wait=True)
    click.echo(f"Applied {applied} outbox rows.")


@search_cli.command("rebuild")
def rebuild_command() -> None:
    """Build a fresh index beside the live one, then swap it in."""
    _rebuild_with_progress()


def _rebuild_with_progress() -> None:
    with click.progressbar(length=1, label="Indexing") as bar:

        def progress(done: int, total: int) -> None:
            bar.length = max(total, 1)
            bar.update(done - bar.pos)

        started = time.perf_counter()
        count = rebuild(progress)
    elapsed = time.perf_counter() - started
    click.echo(f"Indexed {count} rows in {elapsed:.1f} s ({count / max(elapsed, 1e-9):.0f}/s).")


@search_cli.command("verify")
def verify_command() -> None:
    """List every difference between the database and the index; exit 1 if any."""
    problems = verify()
    for line in problems:
        click.echo(line)
    if problems:
        raise SystemExit(1)
    click.echo("The index matches the database.")


@search_cli.command("stats")
def stats_command() -> None:
    """Documents per kind, outbox lag and index size."""
    path, index = storage.open_live_dir()
    with index.searcher() as searcher:
        click.echo(f"index: {path}")
        click.echo(f"documents: {searcher.doc_count()}")
        for name in KINDS:
            count = len(list(searcher.document_numbers(kind=name)))
            click.echo(f"  {name}: {count}")
    with Session(db.engine) as session:
        newest = session.scalar(select(func.max(SearchOutbox.id))) or 0
    click.echo(f"outbox: newest {newest}, applied up to {applied_up_to(path)}")
    size = sum(f.stat().st_size for f in path.iterdir() if f.is_file())
    click.echo(f"size: {size / 1e6:.1f} MB")


@search_cli.command("worker")
@click.option("--interval", default=0.5, show_default=True, help="Seconds between polls.")
def worker_command(interval: float) -> None:
    """Apply the outbox continuously (for deployments with several web workers)."""
    click.echo("Applying the search outbox; stop with Ctrl-C.")
    while True:
        apply_outbox(wait=True)
        time.sleep(interval)
