"""``flask users ...``: account administration from the command line."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from app.accounts.invitations import invite_users, users_to_invite
from app.accounts.models import Role, User, normalise_email
from app.accounts.passwords import password_problem
from app.clock import utcnow
from app.extensions import db

users_cli = AppGroup("users", help="Manage user accounts.")


@users_cli.command("create-admin")
@click.argument("email")
@click.option("--name", default="Admin", show_default=True, help="Display name of a new account.")
@click.password_option(help="Asked for when not given.")
def create_admin(email: str, name: str, password: str) -> None:
    """Create an administrator, or make an existing account one, with a new password."""
    problem = password_problem(password, [email, name])
    if problem:
        raise click.BadParameter(str(problem), param_hint="password")
    user = User.by_email(email)
    if user is None:
        user = User(email=normalise_email(email), name=name)
        db.session.add(user)
    user.role = Role.ADMIN
    # The administrator of the instance vouches for the address they type.
    user.email_verified_at = user.email_verified_at or utcnow()
    user.set_password(password)
    user.rotate_session_token()
    db.session.commit()
    click.echo(f"{user.email} is an administrator.")


@users_cli.command("invite")
@click.argument("emails", nargs=-1)
@click.option(
    "--all-unconfirmed",
    is_flag=True,
    help="Invite every member whose address was never confirmed (imported, never signed in).",
)
@click.option("--base-url", default="http://127.0.0.1:5000", show_default=True)
def invite(emails: tuple[str, ...], all_unconfirmed: bool, base_url: str) -> None:
    """Mail members (by EMAILS, or --all-unconfirmed) a link to set their password."""
    if not emails and not all_unconfirmed:
        raise click.UsageError("Give e-mail addresses or --all-unconfirmed.")
    users, unknown = users_to_invite(emails, all_unconfirmed)
    if unknown:
        raise click.BadParameter(f"no account has the address {unknown[0]}", param_hint="EMAILS")
    run_invitations(users, base_url)


def run_invitations(users: list[User], base_url: str) -> None:
    """Send the invitations with a progress bar; exits non-zero if a mail failed."""
    from flask import current_app

    with (
        current_app.test_request_context(base_url=base_url),
        click.progressbar(length=len(users), label="Sending invitations") as bar,
    ):
        sent, failed = invite_users(users, lambda user: bar.update(1))
    click.echo(f"{sent} invitations sent, {failed} failed.")
    if failed:
        raise SystemExit(1)
