"""Security headers set on every response."""

from __future__ import annotations

from functools import cache
from urllib.parse import urlsplit

from flask import Response, current_app, request
from flask_login import current_user

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:{tiles}",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
)


def tile_source(tile_url: str) -> str:
    """The CSP source of the map's tile server: its scheme and host, a ``{s}`` subdomain
    as a wildcard; "" when there is none (or it is on this site)."""
    parts = urlsplit(tile_url or "")
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    host = parts.netloc.replace("{s}.", "*.")
    if any(char in host for char in "{} ;,'\""):
        return ""  # a template the policy cannot name
    return f"{parts.scheme}://{host}"


@cache
def content_security_policy(tile_url: str) -> str:
    """The policy, with the tile server allowed for images only."""
    source = tile_source(tile_url)
    return CONTENT_SECURITY_POLICY.format(tiles=f" {source}" if source else "")


def set_security_headers(response: Response) -> Response:
    """Add CSP and friends; never let a page shown to a signed-in member be cached."""
    headers = response.headers
    headers.setdefault(
        "Content-Security-Policy",
        content_security_policy(current_app.config.get("MAP_TILE_URL", "")),
    )
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
