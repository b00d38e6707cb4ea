"""``flask content ...``: syncing the curated topics and guides from content/."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from app.articles.guides import ContentError, sync_content

content_cli = AppGroup("content", help="Manage the curated content: topics and guides.")

DEFAULT_GUIDES = Path("content") / "guides"
DEFAULT_TOPICS = Path("content") / "topics.yaml"


def project_path(relative: Path) -> Path:
    """A path in the project directory (beside app/)."""
    return Path(current_app.root_path).parent / relative


@content_cli.command("sync")
@click.option(
    "--dir",
    "guides_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help=f"The directory of the guides (<slug>.<nl|fr|en>.md).  [default: {DEFAULT_GUIDES}]",
)
@click.option(
    "--topics",
    "topics_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help=f"The topics file.  [default: {DEFAULT_TOPICS}]",
)
def sync(guides_dir: Path | None, topics_file: Path | None) -> None:
    """Load the topics and upsert the guides; unpublish guides whose file is gone.

    Every file is checked first: if any is wrong, nothing is changed.
    """
    try:
        counts = sync_content(
            guides_dir or project_path(DEFAULT_GUIDES), topics_file or project_path(DEFAULT_TOPICS)
        )
    except ContentError as error:
        raise click.ClickException(str(error)) from error
    click.echo(
        f"Topics: {counts['topics']} ({counts['topics_created']} new, "
        f"{counts['topics_retired']} retired). Guides: {counts['created']} created, "
        f"{counts['updated']} updated, {counts['unchanged']} unchanged, "
        f"{counts['unpublished']} unpublished."
    )
