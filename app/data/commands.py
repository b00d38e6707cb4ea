"""``flask data ...``: importing and exporting the community in the bulk format."""

from __future__ import annotations

import json
import time
from contextlib import ExitStack
from pathlib import Path

import click
from flask.cli import AppGroup

from app.data.demo import DEMO_FILE, DEMO_PASSWORD, load_demo
from app.data.exporter import export_bulk
from app.data.importer import import_text
from app.data.validation import BulkFileError, ImportOptions
from app.search.indexer import apply_outbox
from app.search.rebuilding import rebuild

#: From this many imported entries on, the index is rebuilt rather than updated.
REBUILD_FROM = 2000

data_cli = AppGroup("data", help="Import and export members, partners, articles and needs.")


class _Bar:
    """A progress bar that opens on the first report (after the file is checked)."""

    def __init__(self, stack: ExitStack, label: str) -> None:
        self.stack = stack
        self.label = label
        self.bar = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            self.bar = self.stack.enter_context(click.progressbar(length=total, label=self.label))
        self.bar.update(done - self.bar.pos)


def _index(created: int) -> None:
    """Bring the search index up to date with what was imported.

    A few thousand rows are applied from the outbox; beyond that, building a fresh
    index (in two processes, see app/search/indexer.py) is faster than updating the
    live one document by document.
    """
    started = time.perf_counter()
    if created >= REBUILD_FROM:
        with click.progressbar(length=1, label="Rebuilding the search index") as bar:

            def progress(done: int, total: int) -> None:
                bar.length = max(total, 1)
                bar.update(done - bar.pos)

            count = rebuild(progress)
        click.echo(f"Indexed {count} rows in {time.perf_counter() - started:.1f} s.")
        return
    applied = apply_outbox(wait=True)
    click.echo(f"Indexed {applied} changes in {time.perf_counter() - started:.1f} s.")


@data_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--invite", is_flag=True, help="Then mail each new account a link to set its password."
)
@click.option("--base-url", default="http://127.0.0.1:5000", show_default=True)
@click.option(
    "--new-skills",
    type=click.Choice(["refuse", "create"]),
    default="refuse",
    show_default=True,
    help="What to do with skill names the taxonomy does not know: refuse the file, or "
    "create community skills for staff to curate.",
)
@click.option(
    "--new-sectors",
    type=click.Choice(["refuse", "other"]),
    default="refuse",
    show_default=True,
    help='What to do with unknown sectors: refuse the file, or put them under "other".',
)
@click.option("--dry-run", is_flag=True, help="Check and report; write nothing.")
def import_command(
    file: Path, invite: bool, base_url: str, new_skills: str, new_sectors: str, dry_run: bool
) -> None:
    """Import FILE.json (members, partners with offers, articles, needs); all or nothing.

    The whole file is checked first; any problem is listed with its JSON path and
    nothing is imported. Skill, sector and place names are resolved as people write
    them (inflections, compounds, typos); what was read loosely is reported. Members
    are matched by e-mail, organisations by name and place, articles and needs by
    author and title: what exists already is left as it is, so importing a file twice
    changes nothing. Imported accounts have no usable password until their owner sets
    one through an invitation (--invite, or ``flask users invite``).
    """
    from sqlalchemy import func, select

    from app.accounts.commands import run_invitations
    from app.accounts.models import User
    from app.extensions import db

    last_user_id = db.session.scalar(select(func.max(User.id))) or 0
    click.echo(f"Checking {file}...")
    started = time.perf_counter()
    try:
        with ExitStack() as stack:
            result = import_text(
                file.read_bytes(),
                _Bar(stack, "Checking" if dry_run else "Importing"),
                ImportOptions(
                    create_skills=new_skills == "create", other_sectors=new_sectors == "other"
                ),
                dry_run=dry_run,
            )
    except BulkFileError as error:
        raise click.ClickException(str(error)) from error
    for title, lines in (
        ("names read loosely", result.loose_report()),
        ("unknown names let through", result.unknown_report()),
    ):
        if lines:
            click.echo(f"{file.name}: {len(lines)} {title}:")
            for line in lines:
                click.echo(f"  {line}")
    elapsed = f"({time.perf_counter() - started:.1f} s)"
    if dry_run:
        click.echo(f"Dry run, nothing written. It would do: {result.summary()} {elapsed}")
        return
    click.echo(f"{result.summary()} {elapsed}")
    _index(result.total_created)
    if invite:
        new_accounts = db.session.scalars(
            select(User)
            .where(User.id > last_user_id, User.email_verified_at.is_(None))
            .order_by(User.id)
        ).all()
        run_invitations(list(new_accounts), base_url)


@data_cli.command("export")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, writable=True),
    default="-",
    show_default=True,
    help="The file to write; - is standard output.",
)
def export_command(out: str) -> None:
    """Write members, partners with offers, articles and needs in the import format.

    No password hashes or private messages: it is what ``flask data import`` reads, so
    an export imports into an empty instance to the same data.
    """
    text = json.dumps(export_bulk(), ensure_ascii=False, indent=2) + "\n"
    # atomic: a reader never sees half a file, and a failed export leaves the old one.
    with click.open_file(out, "w", encoding="utf-8", atomic=out != "-") as stream:
        stream.write(text)


@data_cli.command("demo")
@click.option(
    "--file",
    "path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help=f"The demo community.  [default: {DEMO_FILE}]",
)
@click.option(
    "--url",
    default="http://127.0.0.1:5000",
    show_default=True,
    help="The address the sign-in line names.",
)
def demo_command(path: Path | None, url: str) -> None:
    """Load the demo community if the database has no members yet; print how to sign in.

    The demo account gets the password written in the README. A database with members
    is left alone, so this is safe to run on every start.
    """
    try:
        with ExitStack() as stack:
            result = load_demo(path, _Bar(stack, "Loading the demo"))
    except BulkFileError as error:
        raise click.ClickException(str(error)) from error
    if result.loaded:
        click.echo(result.summary)
        _index(result.created)
    else:
        click.echo("The database has members already; the demo is not loaded.")
    if result.email:
        click.echo(f"Sign in at {url} as {result.email} / {DEMO_PASSWORD}")
