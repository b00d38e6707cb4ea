"""Sign-in throttling per account and per client address, and the per-worker warning."""

from __future__ import annotations

import logging

import pytest
from flask import Flask

from app import create_app
from app.accounts.throttling import warn_if_counted_per_worker, worker_count
from tests.helpers import PASSWORD, make_user, post_form

WRONG = "wrong-password-1"


def sign_in(app, address: str, email: str, password: str):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return post_form(client, "/login", {"email": email, "password": password})


def test_an_account_is_locked_after_six_failures_whatever_the_address(app):
    make_user()
    for attempt in range(6):
        assert sign_in(app, f"10.0.0.{attempt + 1}", "an@example.org", WRONG).status_code == 200
    # A seventh address, the e-mail typed otherwise, and even the right password: refused.
    assert sign_in(app, "10.0.0.7", " AN@Example.org ", WRONG).status_code == 429
    assert sign_in(app, "10.0.0.8", "an@example.org", PASSWORD).status_code == 429


def test_another_account_signs_in_from_the_locked_out_address(app):
    make_user()
    make_user(email="bo@example.org", name="Bo")
    for _ in range(6):
        assert sign_in(app, "10.0.0.1", "an@example.org", WRONG).status_code == 200
    for _ in range(3):
        assert sign_in(app, "10.0.0.1", "an@example.org", PASSWORD).status_code == 429
    assert sign_in(app, "10.0.0.1", "bo@example.org", PASSWORD).status_code == 302


def test_an_address_trying_many_accounts_is_locked(app):
    make_user(email="bo@example.org", name="Bo")
    for attempt in range(20):
        email = f"guess{attempt}@example.org"
        assert sign_in(app, "10.0.0.1", email, WRONG).status_code == 200
    assert sign_in(app, "10.0.0.1", "bo@example.org", PASSWORD).status_code == 429
    assert sign_in(app, "10.0.0.2", "bo@example.org", PASSWORD).status_code == 302


@pytest.mark.parametrize(
    ("environ", "workers"),
    [
        ({}, 1),
        ({"WEB_CONCURRENCY": "4"}, 4),
        ({"GUNICORN_CMD_ARGS": "-w 3 --bind 0.0.0.0:8000"}, 3),
        ({"GUNICORN_CMD_ARGS": "--workers=5"}, 5),
        ({"GUNICORN_CMD_ARGS": "-w2", "WEB_CONCURRENCY": "4"}, 2),
        ({"GUNICORN_CMD_ARGS": "--workers 6", "WEB_CONCURRENCY": "x"}, 6),
        ({"WEB_CONCURRENCY": "many"}, 1),
    ],
)
def test_worker_count(environ, workers):
    assert worker_count(environ) == workers


@pytest.fixture
def production(monkeypatch, tmp_path):
    for name in ("WEB_CONCURRENCY", "GUNICORN_CMD_ARGS", "RATELIMIT_STORAGE_URI"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("GILDE_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "k" * 64)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'gilde.db'}")
    monkeypatch.setenv("SEARCH_INDEX_DIR", str(tmp_path / "index"))
    return monkeypatch


def warnings(caplog) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.levelno == logging.WARNING and "RATELIMIT_STORAGE_URI" in r.getMessage()
    ]


def test_production_warns_when_several_workers_count_in_memory(production, caplog):
    production.setenv("GUNICORN_CMD_ARGS", "-w 4")
    with caplog.at_level(logging.WARNING):
        create_app()
    assert len(warnings(caplog)) == 1
    assert "4 workers" in warnings(caplog)[0]


@pytest.mark.parametrize(
    "change",
    [
        {"GUNICORN_CMD_ARGS": "-w 1"},
        {"WEB_CONCURRENCY": "4", "RATELIMIT_STORAGE_URI": "memory://", "GILDE_ENV": "dev"},
        {},
    ],
)
def test_no_warning_without_all_three_conditions(production, caplog, change):
    for name, value in change.items():
        production.setenv(name, value)
    with caplog.at_level(logging.WARNING):
        create_app()
    assert warnings(caplog) == []


def test_no_warning_with_a_shared_store(caplog):
    # The redis client is not installed here, so the check runs on a bare app.
    app = Flask(__name__)
    app.config.update(GILDE_ENV="production", RATELIMIT_STORAGE_URI="redis://127.0.0.1:6379")
    with caplog.at_level(logging.WARNING):
        warn_if_counted_per_worker(app, {"WEB_CONCURRENCY": "4"})
    assert warnings(caplog) == []
