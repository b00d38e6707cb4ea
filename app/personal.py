"""The personal-data registry: how each feature's rows of a member are exported and erased.

A feature that stores a member's data declares it once, in its own package (a
``personal.py`` with a ``register_personal_data()``), and ``create_app`` calls that
function. The member's JSON export (``accounts/personal_data.py``) and account deletion
(``accounts/deletion.py``) iterate over what is registered here and know no feature.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import inspect, select

from app.clock import as_utc
from app.extensions import db

#: Where a handler goes when its order does not matter: after the others.
LAST = 1000

#: (table, column) never exported, and why; each handler adds its own (see ``register``).
WITHHELD: dict[tuple[str, str], str] = {}


@dataclass
class Erasure:
    """One account deletion under way, as the erase handlers see it."""

    user: Any
    #: The member keeps their published writing, without author ("a former member").
    keep_writing: bool
    #: Uploaded files (kind, token) to remove once the deletion is committed.
    files: list[tuple[str, str | None]] = field(default_factory=list)


@dataclass(frozen=True)
class PersonalData:
    """What one feature holds of a member: its export sections and how it lets them go."""

    name: str
    #: The models whose rows of a member this handler exports and erases (or leaves to
    #: the database's ON DELETE rules); every model with a key to a user must be in one.
    models: tuple[type, ...]
    #: The member's rows as sections of the JSON export: {section name: JSON value}.
    export: Callable[[Any], dict[str, Any]] | None = None
    #: Deletes or anonymises the member's rows before the account goes; does not commit.
    erase: Callable[[Erasure], None] | None = None
    #: Sections come in the export in this order (then in the order of registration).
    export_order: int = LAST
    #: Handlers erase in this order: lower first (a handler that hands rows over to
    #: others, or reads rows another deletes, says so with its number).
    erase_order: int = LAST
    #: (table, column) of these models never exported, and why.
    withheld: Mapping[tuple[str, str], str] = field(default_factory=dict)


#: Registered handlers by name; registering again under a name replaces the handler.
REGISTRY: dict[str, PersonalData] = {}


def register(handler: PersonalData) -> None:
    """Add ``handler`` to the registry (called from each feature's set-up)."""
    REGISTRY[handler.name] = handler
    WITHHELD.update(handler.withheld)


def exporters() -> list[PersonalData]:
    """The handlers with export sections, in export order."""
    handlers = [h for h in REGISTRY.values() if h.export is not None]
    return sorted(handlers, key=lambda h: h.export_order)


def erasers() -> list[PersonalData]:
    """The handlers that erase something, in erase order."""
    handlers = [h for h in REGISTRY.values() if h.erase is not None]
    return sorted(handlers, key=lambda h: h.erase_order)


def covered_models() -> set[type]:
    """Every model some registered handler accounts for."""
    return {model for handler in REGISTRY.values() for model in handler.models}


def json_value(value: Any) -> Any:
    """A column value as JSON has it: times in UTC ISO 8601, enums by their value."""
    if isinstance(value, datetime):
        return as_utc(value).isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    return value


def row_data(row: Any, **extra: Any) -> dict[str, Any]:
    """Every column of an ORM row (but the withheld ones), plus ``extra``."""
    mapper = inspect(type(row))
    table = mapper.local_table.name
    data = {
        attribute.key: json_value(getattr(row, attribute.key))
        for attribute in mapper.column_attrs
        if (table, attribute.columns[0].name) not in WITHHELD
    }
    data.update(extra)
    return data


def rows(model, *conditions) -> list:
    """The rows of ``model`` that meet ``conditions``."""
    return list(db.session.scalars(select(model).where(*conditions)))


def skill_name(skill_id: int) -> str:
    """A skill's label in the interface language, "" if it is gone."""
    from app.skills.models import Skill

    skill = db.session.get(Skill, skill_id)
    return skill.label() if skill is not None else ""


def delete_rows(items: Iterable[Any]) -> int:
    """Delete ORM rows one by one, so the search outbox sees each."""
    count = 0
    for row in items:
        db.session.delete(row)
        count += 1
    return count
