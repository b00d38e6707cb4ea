"""Fixtures: a fresh app on SQLite (and PostgreSQL when configured), client, runner, auth."""

from __future__ import annotations

import contextvars
import os
import shutil
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from sqlalchemy import create_engine, func, make_url, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from app import create_app
from app.extensions import db, limiter
from app.places.gazetteer import load_places
from app.skills.models import Skill
from app.skills.sectors import load_sectors
from app.skills.taxonomy import load_taxonomy
from tests.helpers import FAST_HASH_METHOD, PASSWORD, post_form

# Tests never write a generated key into the repository's instance folder.
os.environ.setdefault("SECRET_KEY", "test-only-secret-key-0123456789abcdef")
os.environ.pop("GILDE_ENV", None)
os.environ.pop("DATABASE_URL", None)


def per_worker(url: str) -> str:
    """``url`` with the pytest-xdist worker's name added to the database's: workers
    running side by side each drop and create their own databases."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not url or not worker:
        return url
    target = make_url(url)
    return target.set(database=f"{target.database}_{worker}").render_as_string(hide_password=False)


POSTGRES_URL = per_worker(os.environ.get("TEST_DATABASE_URL", ""))


def require(flag: str, reason: str) -> None:
    """Skip with ``reason``, or fail when CI sets ``flag`` to demand the test runs."""
    if os.environ.get(flag) == "1":
        pytest.fail(f"{flag}=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(
    params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
)
def database_url(request, tmp_path):
    """Each test runs on a fresh SQLite file and, if TEST_DATABASE_URL is set, on PostgreSQL."""
    if request.param == "sqlite":
        path = tmp_path / "gilde.db"
        if "world" in request.fixturenames:
            shutil.copyfile(request.getfixturevalue("world_template"), path)
        elif "app" in request.fixturenames:
            # Copying the file costs a millisecond; creating some 70 tables costs ~100 ms.
            shutil.copyfile(request.getfixturevalue("tables_template"), path)
        return f"sqlite:///{path}"
    if not POSTGRES_URL:
        require("REQUIRE_POSTGRES", "TEST_DATABASE_URL is not set (no PostgreSQL server)")
    templates = request.getfixturevalue("postgres_templates")
    if "world" in request.fixturenames:
        template = templates["world"]
    elif "app" in request.fixturenames:
        template = templates["tables"]
    else:
        template = None  # a test that makes its own tables, as the migrations do
    recreate_database(POSTGRES_URL, template)
    return POSTGRES_URL


def recreate_database(url: str, template: str | None = None) -> None:
    """Drop the database of ``url`` and create it again, as a copy of ``template``.

    Copying a template is much faster than creating some 70 tables and loading the
    world for each of about 800 tests on PostgreSQL.
    """
    target = make_url(url)
    maintenance = create_engine(
        target.set(database="postgres"), isolation_level="AUTOCOMMIT", poolclass=NullPool
    )
    with maintenance.connect() as conn:
        drop = f'DROP DATABASE IF EXISTS "{target.database}"'
        try:
            # Plain DROP stops an autovacuum worker on the database itself; FORCE would
            # need the right to signal it (pg_signal_backend), which the role lacks.
            conn.execute(text(drop))
        except DBAPIError:
            # A process the test started (gunicorn, a worker) is still connected.
            conn.execute(text(f"{drop} WITH (FORCE)"))
        copy = f' TEMPLATE "{template}" STRATEGY FILE_COPY' if template else ""
        conn.execute(text(f'CREATE DATABASE "{target.database}"{copy}'))
    maintenance.dispose()


@pytest.fixture(scope="session")
def postgres_templates(world_template):
    """Two template databases beside the test database: the tables, and the tables
    with the world loaded. Built once per run."""
    target = make_url(POSTGRES_URL)
    names = {"tables": f"{target.database}_tables", "world": f"{target.database}_world"}
    tables_url = target.set(database=names["tables"]).render_as_string(hide_password=False)
    recreate_database(tables_url)
    build = create_app({"SQLALCHEMY_DATABASE_URI": tables_url})
    with build.app_context():
        db.create_all()
        db.engine.dispose()
    world_url = target.set(database=names["world"]).render_as_string(hide_password=False)
    recreate_database(world_url, names["tables"])
    build = create_app({"SQLALCHEMY_DATABASE_URI": world_url})
    with build.app_context():
        copy_world(world_template)
        db.engine.dispose()
    return names


class IsolatedClient(FlaskClient):
    """Each request gets its own app context, as in production.

    The ``app`` fixture keeps an app context open for the test's own queries; Flask
    would reuse it for requests and so share ``g`` (the signed-in user, the locale)
    and the database session between them.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Tests read English unless they are about the language.
        self.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"

    def open(self, *args, **kwargs):
        return contextvars.Context().run(super().open, *args, **kwargs)


@pytest.fixture
def app(database_url, tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": database_url,
            "SQLALCHEMY_ENGINE_OPTIONS": {},
            "SEARCH_INDEX_DIR": str(tmp_path / "search_index"),
            "PASSWORD_HASH_METHOD": FAST_HASH_METHOD,
            "UPLOAD_DIR": str(tmp_path / "uploads"),
            # Many tests' own factories make accounts without a confirmed address;
            # tests/test_account_recovery.py turns the rule on where it is the subject.
            "REQUIRE_VERIFIED_TO_POST": False,
        }
    )
    app.test_client_class = IsolatedClient
    # The limiter's in-memory counts live in the process, not the app: each test starts
    # from none, or registrations from 127.0.0.1 in earlier tests would throttle this one.
    limiter.reset()
    # ``database_url`` made the database as a copy of a template that has the tables: a
    # create_all here would only ask for each of some 70 tables whether it exists.
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


def load_world() -> None:
    """The real skill taxonomy and the places of Belgium and Luxembourg."""
    load_taxonomy("content/skills.yaml")
    load_sectors("content/sectors.yaml")
    load_places(["BE", "LU"])
    db.session.commit()


@pytest.fixture(scope="session")
def tables_template(tmp_path_factory):
    """A SQLite database with the tables and nothing else, built once per worker and
    copied for each test."""
    path = tmp_path_factory.mktemp("tables") / "tables.db"
    template_app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"})
    with template_app.app_context():
        db.create_all()
        db.engine.dispose()
    return path


@pytest.fixture(scope="session")
def world_template(tables_template, tmp_path_factory):
    """A SQLite database with the world loaded, built once and copied for each test."""
    path = tmp_path_factory.mktemp("world") / "world.db"
    shutil.copyfile(tables_template, path)
    template_app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"})
    with template_app.app_context():
        load_world()
        db.engine.dispose()
    return path


WORLD_TABLES = (
    "skill_categories",
    "skills",
    "skill_labels",
    "sectors",
    "sector_labels",
    "places",
    "place_names",
)


def copy_world(template) -> None:
    """Copy the world's rows from the SQLite template (PostgreSQL: far faster than loading)."""
    source = create_engine(f"sqlite:///{template}")
    tables = [t for t in db.metadata.sorted_tables if t.name in WORLD_TABLES]
    with source.connect() as reader, db.engine.begin() as writer:
        for table in tables:
            rows = [dict(row._mapping) for row in reader.execute(table.select())]
            if rows:
                writer.execute(table.insert(), rows)
            if "id" in table.c:
                # Rows came with their ids: move the sequence past them.
                highest = writer.scalar(select(func.max(table.c.id))) or 1
                writer.execute(
                    text("SELECT setval(pg_get_serial_sequence(:table, 'id'), :highest)"),
                    {"table": table.name, "highest": highest},
                )
    source.dispose()


@pytest.fixture
def world(app):
    """The taxonomy and places: ``database_url`` makes the test's database from a copy or
    a template that holds them when a test asks for this fixture."""
    assert db.session.scalar(select(func.count(Skill.id))), "the world template is empty"


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


class AuthActions:
    def __init__(self, client):
        self._client = client

    def login(self, email: str = "an@example.org", password: str = PASSWORD, **extra):
        return post_form(self._client, "/login", {"email": email, "password": password, **extra})

    def logout(self):
        return post_form(self._client, "/logout", page="/")


@pytest.fixture
def auth(client):
    return AuthActions(client)


@pytest.fixture(scope="session")
def chromium():
    """One Chromium per test worker: launching it costs about a second a test, and each
    test gets its own context (cookies, storage, cache) from it."""
    from tests.browser import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists():
        require("REQUIRE_BROWSER", f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - playwright is a test dependency
        require("REQUIRE_BROWSER", "playwright is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
