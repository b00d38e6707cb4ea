"""Configuration from the environment, secret keys and cookie flags."""

from __future__ import annotations

import pytest

from app import create_app
from app.config import ConfigError, load_config


@pytest.fixture
def clean_env(monkeypatch):
    for name in ("SECRET_KEY", "GILDE_ENV", "DATABASE_URL", "PREFERRED_URL_SCHEME"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_production_refuses_to_start_without_a_secret_key(clean_env, tmp_path):
    clean_env.setenv("GILDE_ENV", "production")
    with pytest.raises(ConfigError, match="SECRET_KEY is not set"):
        load_config(tmp_path / "instance", tmp_path / "app")
    assert not (tmp_path / "instance" / "secret_key").exists()


def test_production_refuses_a_weak_secret_key(clean_env, tmp_path):
    clean_env.setenv("GILDE_ENV", "production")
    clean_env.setenv("SECRET_KEY", "changeme")
    with pytest.raises(ConfigError, match="too short"):
        load_config(tmp_path / "instance", tmp_path / "app")


def test_production_starts_with_a_strong_key(clean_env, tmp_path):
    clean_env.setenv("GILDE_ENV", "production")
    clean_env.setenv("SECRET_KEY", "k" * 64)
    assert load_config(tmp_path / "instance", tmp_path / "app")["SECRET_KEY"] == "k" * 64


def test_development_generates_a_key_once_and_keeps_it(clean_env, tmp_path):
    first = load_config(tmp_path / "instance", tmp_path / "app")
    second = load_config(tmp_path / "instance", tmp_path / "app")
    assert len(first["SECRET_KEY"]) >= 32
    assert first["SECRET_KEY"] == second["SECRET_KEY"]
    key_file = tmp_path / "instance" / "secret_key"
    assert key_file.stat().st_mode & 0o077 == 0


def test_embedded_defaults(clean_env, tmp_path):
    config = load_config(tmp_path / "instance", tmp_path / "app")
    assert config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'instance' / 'gilde.db'}"
    assert config["SEARCH_INDEX_DIR"] == str(tmp_path / "search_index")
    assert config["SESSION_COOKIE_SECURE"] is False
    assert config["SESSION_COOKIE_HTTPONLY"] is True
    assert config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_environment_overrides(clean_env, tmp_path):
    clean_env.setenv("DATABASE_URL", "postgresql+psycopg://u:p@127.0.0.1/gilde")
    clean_env.setenv("SEARCH_INDEX_DIR", "/srv/gilde/index")
    config = load_config(tmp_path / "instance", tmp_path / "app")
    assert config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u:p@127.0.0.1/gilde"
    assert config["SEARCH_INDEX_DIR"] == "/srv/gilde/index"


def test_https_makes_cookies_secure(clean_env, tmp_path, app):
    clean_env.setenv("PREFERRED_URL_SCHEME", "https")
    config = load_config(tmp_path / "instance", tmp_path / "app")
    assert config["SESSION_COOKIE_SECURE"] is True
    assert config["REMEMBER_COOKIE_SECURE"] is True


def test_session_cookie_flags_on_the_wire(clean_env, tmp_path, database_url):
    clean_env.setenv("PREFERRED_URL_SCHEME", "https")
    clean_env.setenv("SECRET_KEY", "s" * 40)
    secure_app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url})
    response = secure_app.test_client().get("/login")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" in cookie


def test_passwords_are_hashed_with_scrypt_unless_a_test_asks(clean_env, tmp_path, database_url):
    from app.accounts.models import User

    real = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url})
    with real.app_context():
        user = User(email="an@example.org", name="An")
        user.set_password("paardenbloem-regenjas-17")
        assert user.password_hash.startswith("scrypt:")
    # The environment cannot weaken it: only a mapping given to create_app can.
    clean_env.setenv("PASSWORD_HASH_METHOD", "pbkdf2:sha256:1")
    again = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url})
    with again.app_context():
        user.set_password("paardenbloem-regenjas-17")
        assert user.password_hash.startswith("scrypt:")
