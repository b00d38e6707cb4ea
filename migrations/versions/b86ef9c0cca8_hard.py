"""ids in URLs are never reused on SQLite: AUTOINCREMENT on the tables they come from

Revision ID: b86ef9c0cca8
Revises: 7e3a9c1f4b2d
Create Date: 2026-12-07

Without AUTOINCREMENT SQLite gives a new row the largest id plus one, so the id of a row
deleted last (a member's profile number, /members/301) comes back for someone else.
PostgreSQL sequences never hand out a number twice: nothing changes there.

SQLite cannot change a table's primary key in place: each table is made again from its
own CREATE statement with the key written as AUTOINCREMENT, its rows copied and its
indexes made again from their own statements (a reflected copy would lose the partial
unique indexes). migrations/env.py turns foreign keys off meanwhile, so that dropping
the old table deletes nothing through ON DELETE CASCADE.
"""

import re

from alembic import op
from sqlalchemy import text

revision = "b86ef9c0cca8"
down_revision = "7e3a9c1f4b2d"
branch_labels = None
depends_on = None

TABLES = (
    "users",
    "profiles",
    "articles",
    "article_comments",
    "needs",
    "need_responses",
    "notifications",
    "partners",
    "offers",
    "contact_requests",
    "contact_reports",
    "mentorships",
    "search_outbox",
)

_KEY = re.compile(r"^(CREATE TABLE \"?\w+\"? \(\s*id INTEGER NOT NULL)(,)")
_AUTOINCREMENT_KEY = re.compile(r"^(CREATE TABLE \"?\w+\"? \(\s*id INTEGER NOT NULL) PRIMARY KEY AUTOINCREMENT")


def _with_autoincrement(sql: str, table: str) -> str:
    # Named as the models name it, or unnamed after a batch migration made the table again.
    without_constraint, found = re.subn(
        rf",\s*(?:CONSTRAINT pk_{table} )?PRIMARY KEY \(id\)", "", sql
    )
    new, changed = _KEY.subn(r"\1 PRIMARY KEY AUTOINCREMENT\2", without_constraint)
    if not (found and changed):
        raise RuntimeError(f"unexpected definition of {table}: {sql}")
    return new


def _without_autoincrement(sql: str, table: str) -> str | None:
    if "AUTOINCREMENT" not in sql:
        # A later migration's downgrade already made the table again from its reflection
        # (Alembic's batch mode on SQLite), without the keyword: nothing is left to undo.
        return None
    new, changed = _AUTOINCREMENT_KEY.subn(r"\1", sql)
    if not changed:
        raise RuntimeError(f"unexpected definition of {table}: {sql}")
    return new[: new.rindex(")")].rstrip() + f", \n\tCONSTRAINT pk_{table} PRIMARY KEY (id)\n)"


def _remake(table: str, rewrite) -> None:
    bind = op.get_bind()
    sql = bind.execute(
        text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = :name"),
        {"name": table},
    ).scalar_one()
    indexes = bind.execute(
        text(
            "SELECT sql FROM sqlite_master"
            " WHERE type = 'index' AND tbl_name = :name AND sql IS NOT NULL"
        ),
        {"name": table},
    ).scalars().all()
    rewritten = rewrite(sql, table)
    if rewritten is None:
        return
    new_sql = re.sub(r"^CREATE TABLE \"?\w+\"? \(", f"CREATE TABLE _new_{table} (", rewritten)
    bind.execute(text(new_sql))
    bind.execute(text(f"INSERT INTO _new_{table} SELECT * FROM {table}"))
    bind.execute(text(f"DROP TABLE {table}"))
    bind.execute(text(f"ALTER TABLE _new_{table} RENAME TO {table}"))
    for index in indexes:
        bind.execute(text(index))


def upgrade():
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in TABLES:
        _remake(table, _with_autoincrement)


def downgrade():
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in TABLES:
        _remake(table, _without_autoincrement)
