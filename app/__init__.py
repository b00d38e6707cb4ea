"""The Gilde application factory."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from typing import Any

from flask import Flask

from app.config import load_config
from app.extensions import babel, bootstrap, csrf, db, limiter, login_manager


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Create the application; ``config`` overrides what the environment says."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(load_config(app.instance_path, app.root_path))
    if config:
        app.config.from_mapping(config)
    configure_logging(app)
    register_extensions(app)
    register_blueprints(app)
    register_personal_data(app)
    register_errorhandlers(app)
    register_request_hooks(app)
    register_commands(app)
    return app


def configure_logging(app: Flask) -> None:
    """Log to stderr at INFO unless the app is already configured otherwise."""
    if not logging.getLogger().handlers:
        logging.basicConfig(
            level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
        )


def register_extensions(app: Flask) -> None:
    """Initialise the extensions from app.extensions."""
    from app import names
    from app.accounts.throttling import warn_if_counted_per_worker
    from app.i18n import select_locale

    db.init_app(app)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    bootstrap.init_app(app)
    limiter.init_app(app)
    warn_if_counted_per_worker(app, os.environ)
    login_manager.init_app(app)
    names.install()


def register_blueprints(app: Flask) -> None:
    """Register each feature's blueprint."""
    from app.accounts import bp as accounts_bp
    from app.api import bp as api_bp
    from app.articles import bp as articles_bp
    from app.circles import bp as circles_bp
    from app.connections import bp as connections_bp
    from app.guidance import bp as guidance_bp
    from app.main import bp as main_bp
    from app.map import bp as map_bp
    from app.members import bp as members_bp
    from app.needs import bp as needs_bp
    from app.notifications import bp as notifications_bp
    from app.pages import bp as pages_bp
    from app.partners import bp as partners_bp
    from app.places import bp as places_bp
    from app.proposals import bp as proposals_bp
    from app.search import bp as search_bp
    from app.search import init_search
    from app.sessions import bp as sessions_bp
    from app.skills import bp as skills_bp

    app.register_blueprint(main_bp)
    app.register_blueprint(accounts_bp)
    app.register_blueprint(skills_bp)
    app.register_blueprint(members_bp)
    app.register_blueprint(search_bp)
    app.register_blueprint(api_bp)
    init_search(app)
    app.register_blueprint(places_bp)
    app.register_blueprint(partners_bp)
    app.register_blueprint(needs_bp)
    app.register_blueprint(proposals_bp)
    app.register_blueprint(notifications_bp)
    app.register_blueprint(articles_bp)
    app.register_blueprint(connections_bp)
    app.register_blueprint(guidance_bp)
    app.register_blueprint(pages_bp)
    app.register_blueprint(sessions_bp)
    app.register_blueprint(map_bp)
    from app.sessions.news import register_news

    register_news()
    app.register_blueprint(circles_bp)
    from app.circles.news import register_news as register_circle_news

    register_circle_news()


def register_personal_data(app: Flask) -> None:
    """Register each feature's personal-data handlers (export and account deletion)."""
    from app.accounts.personal import register_personal_data as accounts
    from app.articles.personal import register_personal_data as articles
    from app.circles.personal import register_personal_data as circles
    from app.connections.personal import register_personal_data as connections
    from app.guidance.personal_data import register_personal_data as guidance
    from app.members.personal import register_personal_data as members
    from app.needs.personal import register_personal_data as needs
    from app.notifications.personal import register_personal_data as notifications
    from app.partners.personal import register_personal_data as partners
    from app.proposals.personal_data import register_personal_data as proposals
    from app.sessions.personal import register_personal_data as sessions

    for register in (
        accounts,
        members,
        connections,
        articles,
        needs,
        notifications,
        partners,
        guidance,
        proposals,
        sessions,
        circles,
    ):
        register()


def register_errorhandlers(app: Flask) -> None:
    """Answer errors with pages in the user's language."""
    from app.errors import register

    register(app)


def register_request_hooks(app: Flask) -> None:
    """Add the security headers and template globals."""
    from app.security import set_security_headers
    from app.templating import inject_globals, register_filters

    app.after_request(set_security_headers)
    app.context_processor(inject_globals)
    register_filters(app)


def register_commands(app: Flask) -> None:
    """Register the CLI commands of each feature."""
    from app.accounts.commands import users_cli
    from app.articles.commands import content_cli
    from app.connections.commands import connections_cli
    from app.data.commands import data_cli
    from app.guidance.commands import guidance_cli
    from app.migrations import migrations_cli
    from app.places.commands import places_cli
    from app.search.commands import search_cli
    from app.sessions.commands import sessions_cli
    from app.skills.commands import skills_cli

    app.cli.add_command(migrations_cli)
    app.cli.add_command(users_cli)
    app.cli.add_command(skills_cli)
    app.cli.add_command(places_cli)
    app.cli.add_command(search_cli)
    app.cli.add_command(content_cli)
    app.cli.add_command(connections_cli)
    app.cli.add_command(data_cli)
    app.cli.add_command(guidance_cli)
    app.cli.add_command(sessions_cli)
