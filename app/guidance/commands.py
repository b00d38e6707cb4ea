"""``flask guidance ...``: loading the topics and sending the day-before reminders."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from app.connections.commands import mail_base_url
from app.guidance.reminders import send_reminders
from app.guidance.topics import TOPICS_FILE, TopicsError, load_topics

guidance_cli = AppGroup("guidance", help="Guidance topics and appointment reminders.")


@guidance_cli.command("load-topics")
@click.option(
    "--file",
    "path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help=f"The topics YAML file.  [default: {TOPICS_FILE}]",
)
def load_topics_command(path: Path | None) -> None:
    """Load or update the guidance topics from their file (idempotent)."""
    try:
        count = load_topics(path)
    except TopicsError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Loaded {count} guidance topics.")


@guidance_cli.command("send-reminders")
@click.option(
    "--base-url",
    metavar="URL",
    help="The site's address for the links in the mails, e.g. https://gilde.example.org "
    "(default: from SERVER_NAME and PREFERRED_URL_SCHEME).",
)
def send_reminders_command(base_url: str | None) -> None:
    """Mail both parties of each appointment of tomorrow (Brussels) once; run it daily."""
    app = current_app._get_current_object()
    base_url = mail_base_url(base_url)
    with app.test_request_context("/", base_url=base_url):
        sent, appointments = send_reminders(progress=click.echo)
    click.echo(f"Sent {sent} reminders for {appointments} appointments.")
