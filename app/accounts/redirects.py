"""Redirect targets taken from the request, restricted to this site."""

from __future__ import annotations

from urllib.parse import urlsplit


def safe_next(target: object) -> str | None:
    """Return ``target`` if it is a path on this site, else None.

    Browsers read ``//host``, ``/\\host`` and ``https:host`` as other sites, and drop
    tabs and newlines before parsing, so anything but a plain absolute path is refused.
    """
    if not isinstance(target, str) or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target or any(ord(ch) < 32 or ord(ch) == 127 for ch in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target
