"""Free tags: how a typed tag becomes the one stored, so that "Prijs " and "prijs" are one tag."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from app.articles.models import MAX_TAGS, TAG_LENGTH

#: After normalising, a tag is words of letters and digits joined by "-", "+", "." or "'".
TAG_RE = re.compile(r"[^\W_]+(?:[-+.'][^\W_]*)*\+*")
SEPARATORS = re.compile(r"[,;\n]")


class TagError(ValueError):
    """A tag that cannot be stored; ``kind`` says why, ``tag`` which one."""

    def __init__(self, kind: str, tag: str = ""):
        super().__init__(kind)
        self.kind = kind
        self.tag = tag


def normalise_tag(text: str) -> str:
    """Lower-case, trimmed, NFC, white space and underscores as single hyphens."""
    text = unicodedata.normalize("NFC", text).strip().lower()
    return "-".join(re.split(r"[\s_]+", text)).strip("-")


def normalise_tags(values: Iterable[str]) -> list[str]:
    """The distinct normalised tags, in the order given; a TagError for a bad one.

    Errors: ``too-long`` (over TAG_LENGTH), ``invalid`` (markup, punctuation, control
    characters), ``too-many`` (over MAX_TAGS distinct tags).
    """
    tags: dict[str, None] = {}
    for value in values:
        tag = normalise_tag(value)
        if not tag:
            continue
        if len(tag) > TAG_LENGTH:
            raise TagError("too-long", tag[:TAG_LENGTH] + "…")
        if not TAG_RE.fullmatch(tag):
            raise TagError("invalid", tag)
        tags[tag] = None
    if len(tags) > MAX_TAGS:
        raise TagError("too-many")
    return list(tags)


def split_tags(text: str | None) -> list[str]:
    """The tags typed in one field, separated by commas (or semicolons, or lines)."""
    return [part for part in SEPARATORS.split(text or "") if part.strip()]
