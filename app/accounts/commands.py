"""``flask users ...``: account administration from the command line."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from app.accounts.models import Role, User, normalise_email
from app.accounts.passwords import password_problem
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
    user.set_password(password)
    user.rotate_session_token()
    db.session.commit()
    click.echo(f"{user.email} is an administrator.")
