"""Error pages in the user's language; no stack trace ever reaches a user."""

from __future__ import annotations

import logging

from flask import Flask, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from app.extensions import db

logger = logging.getLogger(__name__)

MESSAGES = {
    400: (_l("Bad request"), _l("The request could not be understood. Please try again.")),
    403: (_l("Not allowed"), _l("You do not have access to this page.")),
    404: (_l("Page not found"), _l("This page does not exist, or no longer does.")),
    405: (_l("Not allowed"), _l("This page cannot be used this way.")),
    413: (_l("Too large"), _l("What you sent is too large.")),
    429: (
        _l("Too many attempts"),
        _l("You tried too often in a short time. Wait a minute and try again."),
    ),
    500: (
        _l("Something went wrong"),
        _l("An error on our side stopped this page. It has been logged; please try again later."),
    ),
}


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def render_error(code: int, detail: str | None = None):
    """The error page (or JSON body under /api/) for this status code."""
    title, message = MESSAGES.get(code, MESSAGES[400 if code < 500 else 500])
    if _wants_json():
        return jsonify(error=str(title), message=str(detail or message)), code
    return render_template(
        "errors/error.html", code=code, title=title, message=detail or message
    ), code


def handle_http_exception(error: HTTPException):
    if error.code is None or error.code < 400:
        return error
    body, code = render_error(error.code)
    # The exception's own headers say what the status needs (Allow on a 405, RFC 9110).
    headers = [(k, v) for k, v in error.get_headers() if k.lower() != "content-type"]
    return body, code, headers


def handle_csrf_error(error: CSRFError):
    return render_error(
        400, str(_l("The form had expired or was sent from elsewhere. Please send it again."))
    )


def handle_unexpected(error: Exception):
    logger.exception("unhandled error on %s %s", request.method, request.path)
    # The failed request may have left the session mid-transaction; the page still needs it.
    db.session.rollback()
    return render_error(500)


def register(app: Flask) -> None:
    """Install the handlers on the app."""
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(InternalServerError, handle_unexpected)
    app.register_error_handler(Exception, handle_unexpected)
