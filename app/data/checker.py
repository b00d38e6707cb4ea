"""Reading the values of a bulk file: each problem with its JSON path, and the file's errors.

The generic checks (keys, types, control characters) are app/validation.py's; this module
phrases them the way the bulk format has always reported them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

from email_validator import EmailNotValidError, validate_email

from app.accounts.models import EMAIL_LENGTH, normalise_email
from app.members.models import URL_LENGTH
from app.validation import Problems, has_control_characters, type_name, unknown_keys

#: How much of a wrong value a problem quotes.
QUOTE_LENGTH = 60


class BulkFileError(ValueError):
    """A bulk file that cannot be imported; ``problems`` says why, one line each."""

    def __init__(self, problems: Iterable[str]):
        self.problems = list(problems)
        super().__init__(f"{len(self.problems)} problem(s)")

    def __str__(self) -> str:
        count = len(self.problems)
        heading = f"Nothing was imported: the file has {count} problem{'s' * (count != 1)}."
        return "\n".join([heading, *(f"  {problem}" for problem in self.problems)])


def parse_json(text: str | bytes) -> Any:
    """The JSON document in ``text``; BulkFileError (at "$") if it is not JSON."""

    def refuse_constant(name: str):
        raise ValueError(f"{name} is not a number JSON allows")

    try:
        return json.loads(text, parse_constant=refuse_constant)
    except UnicodeDecodeError as error:
        raise BulkFileError([f"$: not UTF-8 text ({error.reason})"]) from error
    except json.JSONDecodeError as error:
        raise BulkFileError(
            [f"$: not JSON: {error.msg} at line {error.lineno}, column {error.colno}"]
        ) from error
    except (ValueError, RecursionError) as error:
        raise BulkFileError([f"$: not JSON: {error}"]) from error


def quote(value: Any) -> str:
    """A value as a problem shows it: JSON, cut short."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= QUOTE_LENGTH else text[: QUOTE_LENGTH - 1] + "…"


class Checker(Problems):
    """Reads the values of entries, collecting every problem with its JSON path."""

    @property
    def problems(self) -> list[str]:
        """Every problem found so far, one line each."""
        return self.found

    def problem(self, path: str, message: str) -> None:
        """Record a problem at a JSON path."""
        self.add(path, message)

    def is_object(self, value: Any, path: str, what: str) -> bool:
        if isinstance(value, dict):
            return True
        self.problem(path, f"must be an object ({what}), not {type_name(value)}")
        return False

    def keys(self, entry: dict, allowed: set[str], path: str) -> None:
        for key in unknown_keys(entry, allowed):
            self.problem(path, f"unknown key {quote(key)} (expected {', '.join(sorted(allowed))})")

    def items(self, entry: dict, key: str, path: str) -> list[tuple[str, Any]]:
        """The (path, item) pairs of a list value; nothing when it is missing or null."""
        value = entry.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(f"{path}.{key}", f"must be a list, not {type_name(value)}")
            return []
        return [(f"{path}.{key}[{number}]", item) for number, item in enumerate(value)]

    def text(
        self,
        entry: dict,
        key: str,
        path: str,
        max_length: int,
        *,
        required: bool = False,
        multiline: bool = False,
    ) -> str:
        """A text value, trimmed; "" when missing (a problem if ``required``)."""
        where = f"{path}.{key}"
        value = entry.get(key)
        if value is None:
            if required:
                self.problem(where, "is missing")
            return ""
        if not isinstance(value, str):
            self.problem(where, f"must be text, not {type_name(value)}")
            return ""
        text = value.strip()
        if required and not text:
            self.problem(where, "is empty")
        elif len(text) > max_length:
            self.problem(where, f"has {len(text)} characters; at most {max_length} are allowed")
        elif has_control_characters(text, multiline):
            self.problem(where, "holds control characters")
        return text

    def flag(self, entry: dict, key: str, path: str, default: bool = False) -> bool:
        value = entry.get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.problem(f"{path}.{key}", f"must be true or false, not {quote(value)}")
            return default
        return value

    def number(
        self, entry: dict, key: str, path: str, minimum: int, maximum: int, default: int = 0
    ) -> int:
        value = entry.get(key)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(f"{path}.{key}", f"must be a whole number, not {quote(value)}")
            return default
        if not minimum <= value <= maximum:
            self.problem(f"{path}.{key}", f"must be from {minimum} to {maximum}, not {value}")
            return default
        return value

    def choice(self, entry: dict, key: str, path: str, choices: Iterable[str], default=None):
        """One of ``choices`` (a str), or ``default`` when missing."""
        choices = list(choices)
        value = entry.get(key)
        if value is None:
            return default
        if value not in choices:
            self.problem(
                f"{path}.{key}", f"unknown value {quote(value)} (expected {', '.join(choices)})"
            )
            return default
        return value

    def choice_list(self, entry: dict, key: str, path: str, choices: Iterable[str]) -> list[str]:
        """Distinct values each one of ``choices``, in the order given."""
        choices = list(choices)
        picked: dict[str, None] = {}
        for where, item in self.items(entry, key, path):
            if isinstance(item, str) and item in choices:
                picked[item] = None
            else:
                self.problem(where, f"unknown value {quote(item)} (expected {', '.join(choices)})")
        return list(picked)

    def email(self, entry: dict, key: str, path: str, *, required: bool) -> str:
        """A valid e-mail address, normalised as accounts store it."""
        text = self.text(entry, key, path, EMAIL_LENGTH, required=required)
        if not text or len(text) > EMAIL_LENGTH:
            return ""
        try:
            validate_email(text, check_deliverability=False)
        except EmailNotValidError:
            self.problem(f"{path}.{key}", f"{quote(text)} is not a valid e-mail address")
            return ""
        return normalise_email(text)

    def url(self, entry: dict, key: str, path: str) -> str:
        text = self.text(entry, key, path, URL_LENGTH)
        if text and not re.match(r"https?://[^\s/]+", text, re.IGNORECASE):
            self.problem(f"{path}.{key}", f"{quote(text)} must start with https:// or http://")
            return ""
        return text

    def day(self, entry: dict, key: str, path: str) -> date | None:
        value = entry.get(key)
        if value is None:
            return None
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        self.problem(f"{path}.{key}", f"must be a date like 2025-03-31, not {quote(value)}")
        return None

    def moment(self, entry: dict, key: str, path: str) -> datetime | None:
        """A date or date and time (ISO 8601); a date is its midnight, times without zone UTC."""
        value = entry.get(key)
        if value is None:
            return None
        if isinstance(value, str):
            try:
                moment = datetime.fromisoformat(value)
            except ValueError:
                pass
            else:
                return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
        self.problem(
            f"{path}.{key}",
            f"must be a date (2025-03-31) or a date and time (2025-03-31T14:00:00+00:00), "
            f"not {quote(value)}",
        )
        return None


def object_entries(
    checker: Checker, items: list, name: str, what: str
) -> Iterable[tuple[str, dict]]:
    """The (JSON path, entry) pairs of a top-level list whose items are objects."""
    for number, entry in enumerate(items):
        path = f"{name}[{number}]"
        if checker.is_object(entry, path, what):
            yield path, entry


def first_seen(seen: dict, key, path: str, checker: Checker, where: str, what: str) -> bool:
    """Record ``key`` as seen at ``path``; a problem if an earlier entry had it."""
    if key in seen:
        checker.problem(where, f"{what} is also in {seen[key]}")
        return False
    seen[key] = path
    return True
