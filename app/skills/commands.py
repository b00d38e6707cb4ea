"""``flask skills ...``: loading the taxonomy and importing ESCO skills."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from app.skills.models import LANGUAGES
from app.skills.sectors import load_sectors
from app.skills.taxonomy import TaxonomyError, import_esco, load_taxonomy

skills_cli = AppGroup("skills", help="Manage the skill taxonomy.")

DEFAULT_TAXONOMY = Path("content") / "skills.yaml"
DEFAULT_SECTORS = Path("content") / "sectors.yaml"


def default_taxonomy_path() -> Path:
    """content/skills.yaml in the project directory."""
    return Path(current_app.root_path).parent / DEFAULT_TAXONOMY


@skills_cli.command("load")
@click.option(
    "--file",
    "path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help=f"The taxonomy YAML file.  [default: {DEFAULT_TAXONOMY}]",
)
@click.option(
    "--sectors",
    "sectors_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help=f"The sectors YAML file.  [default: {DEFAULT_SECTORS}]",
)
def load(path: Path | None, sectors_path: Path | None) -> None:
    """Load or update the categories, curated skills and sectors from the taxonomy files."""
    try:
        counts = load_taxonomy(path or default_taxonomy_path())
        sectors = load_sectors(sectors_path or Path(current_app.root_path).parent / DEFAULT_SECTORS)
    except TaxonomyError as error:
        raise click.ClickException(str(error)) from error
    click.echo(
        f"Loaded {counts['categories']} categories and {counts['skills']} skills "
        f"with {counts['labels']} labels and synonyms ({counts['created']} new skills), "
        f"and {sectors['sectors']} sectors ({sectors['created']} new)."
    )


@skills_cli.command("import-esco")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--lang",
    required=True,
    type=click.Choice(LANGUAGES),
    help="The language of the labels in FILE.",
)
def import_esco_command(file: Path, lang: str) -> None:
    """Import the skills of an ESCO skills CSV (one language per file); all or nothing."""
    try:
        counts = import_esco(file, lang)
    except TaxonomyError as error:
        raise click.ClickException(str(error)) from error
    click.echo(
        f"Imported {counts['rows']} ESCO skills in {lang}: {counts['created']} new, "
        f"{counts['matched']} matched to existing skills, {counts['updated']} updated; "
        f"{counts['labels']} labels added."
    )
