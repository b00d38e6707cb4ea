"""Security headers set on every response."""

from __future__ import annotations

from flask import Response, request
from flask_login import current_user

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
)


def set_security_headers(response: Response) -> Response:
    """Add CSP and friends; never let a page shown to a signed-in member be cached."""
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", "geolocation=(), camera=(), microphone=()")
    # Static files hold nothing personal; everything else a member sees may.
    # Pictures are served with their own caching (app/members/views.py, partners).
    is_static = (request.endpoint or "").endswith(("static", ".photo", ".logo"))
    if current_user.is_authenticated and not is_static:
        headers["Cache-Control"] = "no-store"
    return response
