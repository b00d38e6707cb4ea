"""Sign-in throttling: failed sign-ins counted per account and per client address."""

from __future__ import annotations

import logging
import shlex

from flask import Flask, request

from app.accounts.models import normalise_email

logger = logging.getLogger(__name__)

#: The limits on failed sign-ins. An account is locked after this many failures from any
#: address; an address is locked only after several times that many, so that the lock-out
#: of one account from an address does not refuse another member there (issue 25).
FAILURES_PER_ACCOUNT = "6 per minute"
FAILURES_PER_ADDRESS = "20 per minute"
#: Mails a visitor can have sent: per address (a mailbox is not flooded) and per IP.
MAILS_PER_ADDRESS = "3 per hour"
MAILS_PER_IP = "20 per hour"


def account_key() -> str:
    """The limiter key of the account typed into the sign-in form."""
    return "login-account:" + normalise_email(request.form.get("email", ""))[:254]


def failed(response) -> bool:
    """A sign-in failed when the form is shown again; a refused (429) one is not a guess."""
    return response.status_code == 200


def worker_count(environ) -> int:
    """How many workers gunicorn starts: ``-w``/``--workers`` in GUNICORN_CMD_ARGS, else
    WEB_CONCURRENCY, else one."""
    workers = environ.get("WEB_CONCURRENCY", "")
    try:
        args = shlex.split(environ.get("GUNICORN_CMD_ARGS", ""))
    except ValueError:
        args = []
    for i, arg in enumerate(args):
        if arg in ("-w", "--workers") and i + 1 < len(args):
            workers = args[i + 1]
        elif arg.startswith("--workers="):
            workers = arg.split("=", 1)[1]
        elif arg.startswith("-w") and arg[2:].isdigit():
            workers = arg[2:]
    try:
        return max(int(workers), 1)
    except ValueError:
        return 1


def warn_if_counted_per_worker(app: Flask, environ) -> None:
    """Warn in production when each of several workers would count failures on its own."""
    workers = worker_count(environ)
    if (
        app.config.get("GILDE_ENV") == "production"
        and app.config.get("RATELIMIT_STORAGE_URI", "memory://").startswith("memory://")
        and workers > 1
    ):
        logger.warning(
            "RATELIMIT_STORAGE_URI is memory:// with %d workers: each worker counts failed "
            "sign-ins on its own, so an attacker gets %d times the limit. Use a shared store "
            "such as redis://.",
            workers,
            workers,
        )
