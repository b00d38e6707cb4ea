"""The checks every file reader shares: keys, types, lengths, control characters, problems.

The bulk import (app/data/), the taxonomy loader (app/skills/taxonomy.py) and the guides
(app/articles/guides.py) each phrase their problems for their own readers, but check the
same things the same way with these helpers. Limits are read from the models
(``column_length``) so that a file can hold nothing the site's forms would refuse.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from typing import Any

#: Control characters (Unicode category Cc); a multi-line text may hold line breaks and tabs.
CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
CONTROL_BUT_BREAKS_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class Problems:
    """Problems collected while reading a file, each as "<where>: <message>"."""

    def __init__(self, found: list[str] | None = None) -> None:
        #: A list the caller may share between several collectors (one file after another).
        self.found: list[str] = [] if found is None else found

    def add(self, where: str, message: str) -> None:
        """Record a problem at ``where`` (a JSON path, a file and line, an entry's name)."""
        self.found.append(f"{where}: {message}")

    def __bool__(self) -> bool:
        return bool(self.found)

    def __len__(self) -> int:
        return len(self.found)


def column_length(column: Any) -> int:
    """The length of a ``String(N)`` model column, the one place such a limit is written."""
    return column.property.columns[0].type.length


def type_name(value: Any) -> str:
    """What kind of value ``value`` is, in the words of a JSON or YAML file's author."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object"


def unknown_keys(mapping: Mapping, allowed: Iterable[str]) -> list[str]:
    """The keys of ``mapping`` that are not ``allowed``, sorted (YAML keys may not be text)."""
    return sorted(set(map(str, mapping)) - set(allowed))


def missing_keys(mapping: Mapping, required: Iterable[str]) -> list[str]:
    """The ``required`` keys ``mapping`` lacks, in the order given."""
    return [key for key in required if key not in mapping]


def has_control_characters(text: str, multiline: bool = False) -> bool:
    """Does ``text`` hold control characters (line breaks and tabs aside if ``multiline``)?"""
    return bool((CONTROL_BUT_BREAKS_RE if multiline else CONTROL_RE).search(text))


def expected(choices: Collection[str]) -> str:
    """The list of allowed values a problem names: "a, b, c"."""
    return ", ".join(choices)
