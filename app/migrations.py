"""``flask db``: Flask-Migrate's commands, with Alembic imported only when one runs.

Flask-Migrate imports Alembic and Mako: 8 MB in every web worker, which never migrates.
"""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask
from flask.cli import ScriptInfo


def init_migrations(app: Flask) -> None:
    """Register Flask-Migrate on ``app``, as ``flask_migrate.upgrade()`` and the rest need."""
    from flask_migrate import Migrate

    from app.extensions import db

    directory = Path(app.root_path).parent / "migrations"
    Migrate(render_as_batch=True).init_app(app, db, directory=str(directory))


class _ImportedWhenRun(click.Command):
    """Flask-Migrate's ``db`` group, imported when ``flask db …`` runs; it gets every
    argument as given, ``--help`` included."""

    def invoke(self, ctx: click.Context):
        from flask_migrate.cli import db as commands

        app = ctx.ensure_object(ScriptInfo).load_app()
        if "migrate" not in app.extensions:
            init_migrations(app)
        return commands.main(
            ctx.args, prog_name=ctx.command_path, obj=ctx.obj, standalone_mode=False
        )


migrations_cli = _ImportedWhenRun(
    "db",
    help="Perform database migrations (Flask-Migrate).",
    add_help_option=False,
    context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
)
