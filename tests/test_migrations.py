"""The migrations build exactly the schema the models describe."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect as sa_inspect

from app import create_app
from app.extensions import db
from app.migrations import init_migrations

ROOT = Path(__file__).resolve().parent.parent


def test_upgrade_from_empty_matches_the_models(database_url):
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url})
    init_migrations(app)
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"render_as_batch": True})
            diff = compare_metadata(context, db.metadata)
        assert diff == []
        downgrade(revision="base")
        upgrade()
        db.engine.dispose()


def test_flask_db_runs_flask_migrate_with_its_arguments(database_url):
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url})
    runner = app.test_cli_runner()
    assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
    with app.app_context():
        assert "search_outbox" in sa_inspect(db.engine).get_table_names()
    assert runner.invoke(args=["db", "downgrade", "base"]).exit_code == 0
    with app.app_context():
        assert "search_outbox" not in sa_inspect(db.engine).get_table_names()
    # Flask-Migrate's own options and help reach it.
    assert runner.invoke(args=["db", "downgrade", "--help"]).exit_code == 0
    assert "Revert to a previous version" in runner.invoke(args=["db", "--help"]).output
    assert runner.invoke(args=["db", "no-such-command"]).exit_code == 2
    with app.app_context():
        db.engine.dispose()


def test_a_web_worker_does_not_import_alembic():
    # Alembic and Mako cost every worker 8 MB; only ``flask db`` needs them.
    script = (
        "import sys; from app import create_app; create_app();"
        "print(sorted(m for m in ('alembic', 'flask_migrate', 'mako') if m in sys.modules))"
    )
    output = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    assert output.strip() == "[]"
