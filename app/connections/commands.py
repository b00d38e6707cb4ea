"""``flask connections ...``: the daily digest of contact notifications."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from app.connections.notifications import send_digests

connections_cli = AppGroup("connections", help="Contact requests and mentoring.")


@connections_cli.command("send-digest")
@click.option(
    "--base-url",
    metavar="URL",
    help="The site's address for the links in the mails, e.g. https://gilde.example.org "
    "(default: from SERVER_NAME and PREFERRED_URL_SCHEME).",
)
def send_digest(base_url: str | None) -> None:
    """Mail each member what waits for them: the daily digest, and mails that failed before."""
    app = current_app._get_current_object()
    base_url = mail_base_url(base_url)
    with app.test_request_context("/", base_url=base_url):
        sent, failed = send_digests()
    click.echo(f"{sent} digest mail(s) sent.")
    if failed:
        raise click.ClickException(
            f"{failed} digest mail(s) could not be sent; the next run retries them."
        )


def mail_base_url(base_url: str | None) -> str:
    """The site's address for links in mails sent from a command: ``--base-url``, else
    SERVER_NAME; a usage error without either or with an address that is not http(s)."""
    app = current_app
    if not base_url:
        server_name = app.config.get("SERVER_NAME")
        if not server_name:
            raise click.UsageError("give --base-url (the site's address for the links in mails)")
        base_url = f"{app.config['PREFERRED_URL_SCHEME']}://{server_name}"
    if not base_url.startswith(("http://", "https://")):
        raise click.BadParameter(
            "use an address starting with https:// or http://", param_hint="--base-url"
        )
    return base_url
