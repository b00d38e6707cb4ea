"""Configuration read from the environment, with safe embedded defaults."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from app.i18n import LANGUAGES

#: Every environment variable Gilde reads, with its default as the README states it.
ENVIRONMENT = {
    "GILDE_ENV": "development",
    "SECRET_KEY": "generated into instance/secret_key in development",
    "DATABASE_URL": "sqlite:///instance/gilde.db",
    "SEARCH_INDEX_DIR": "search_index/",
    "UPLOAD_DIR": "instance/uploads/",
    "PREFERRED_URL_SCHEME": "http",
    "RATELIMIT_STORAGE_URI": "memory://",
    "WEB_CONCURRENCY": "1",
    "GUNICORN_CMD_ARGS": "(unset)",
    "MAIL_SERVER": "(unset: mail is written to the log)",
    "MAIL_PORT": "25",
    "MAIL_USERNAME": "(unset)",
    "MAIL_PASSWORD": "(unset)",
    "MAIL_USE_TLS": "false",
    "MAIL_DEFAULT_SENDER": "gilde@localhost",
    "INVITATION_DAYS": "14",
    "MAP_TILE_URL": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    "MAP_TILE_ATTRIBUTION": "© OpenStreetMap contributors",
}

MIN_SECRET_KEY_LENGTH = 32


class ConfigError(RuntimeError):
    """The environment does not describe a configuration Gilde can safely run with."""


def _flag(name: str, default: str = "false") -> bool:
    return os.environ.get(name, default).strip().lower() in {"1", "true", "yes", "on"}


def _secret_key(instance_path: Path, production: bool) -> str:
    """Return the secret key from the environment, or a generated one in development."""
    key = os.environ.get("SECRET_KEY", "")
    if key:
        if production and len(key) < MIN_SECRET_KEY_LENGTH:
            raise ConfigError(
                f"SECRET_KEY is too short for production: use at least {MIN_SECRET_KEY_LENGTH} "
                'random characters, e.g. python -c "import secrets; print(secrets.token_hex(32))"'
            )
        return key
    if production:
        raise ConfigError(
            "SECRET_KEY is not set. Production (GILDE_ENV=production) needs a random key of at "
            f"least {MIN_SECRET_KEY_LENGTH} characters in the environment."
        )
    # Development keeps one generated key so sessions survive a restart.
    key_file = instance_path / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


def load_config(instance_path: str | Path, root_path: str | Path) -> dict:
    """Build the configuration from the environment."""
    instance_path = Path(instance_path)
    root = Path(root_path).parent
    production = os.environ.get("GILDE_ENV", "development").strip().lower() == "production"
    https = os.environ.get("PREFERRED_URL_SCHEME", "http").strip().lower() == "https"
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{instance_path / 'gilde.db'}"
    return {
        "GILDE_ENV": "production" if production else "development",
        "SECRET_KEY": _secret_key(instance_path, production),
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "SEARCH_INDEX_DIR": os.environ.get("SEARCH_INDEX_DIR") or str(root / "search_index"),
        "UPLOAD_DIR": os.environ.get("UPLOAD_DIR") or str(instance_path / "uploads"),
        "PREFERRED_URL_SCHEME": "https" if https else "http",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": https,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": https,
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_HEADERS_ENABLED": True,
        "BOOTSTRAP_SERVE_LOCAL": True,
        "BABEL_DEFAULT_LOCALE": "nl",
        "LANGUAGES": LANGUAGES,
        "MAIL_SERVER": os.environ.get("MAIL_SERVER", ""),
        "MAIL_PORT": int(os.environ.get("MAIL_PORT", "25")),
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME", ""),
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD", ""),
        "MAIL_USE_TLS": _flag("MAIL_USE_TLS"),
        "MAIL_DEFAULT_SENDER": os.environ.get("MAIL_DEFAULT_SENDER", "gilde@localhost"),
        "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
        "PASSWORD_RESET_MAX_AGE": 3600,
        # Members post and write to others only once their address is confirmed.
        "REQUIRE_VERIFIED_TO_POST": True,
        "VERIFICATION_MAX_AGE": 7 * 24 * 3600,
        "INVITATION_MAX_AGE": int(os.environ.get("INVITATION_DAYS", "14")) * 24 * 3600,
        # Empty: the map shows its markers and list on a blank background.
        "MAP_TILE_URL": os.environ.get("MAP_TILE_URL", ENVIRONMENT["MAP_TILE_URL"]).strip(),
        "MAP_TILE_ATTRIBUTION": os.environ.get(
            "MAP_TILE_ATTRIBUTION", ENVIRONMENT["MAP_TILE_ATTRIBUTION"]
        ),
    }
