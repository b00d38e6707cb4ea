"""The registry of searchable kinds: how each turns a database row into a document.

A feature registers its kind (see app/members/search.py); the outbox, the indexer,
the commands and the queries then handle it with no change here.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import object_session

from app.clock import as_utc
from app.i18n import LANGUAGES


@dataclass(frozen=True)
class SearchKind:
    """One kind of searchable thing."""

    name: str
    #: The model whose rows are the documents.
    model: type
    #: Whether the row belongs in the index (a hidden profile, a draft do not). It reads
    #: only the row and its many-to-one relations: search checks each hit with it.
    indexed: Callable[[Any], bool]
    #: The document fields for a row that is ``indexed``.
    build: Callable[[Any], dict]
    #: May this viewer see this row? The same rule as the row's own page.
    visible: Callable[[Any, Any], bool]
    #: The row's page.
    url: Callable[[Any], str]
    #: The many-to-one relations ``indexed`` and ``visible`` read (a page of hits loads
    #: them with its rows, in the same query).
    checks_read: tuple[str, ...] = ()
    #: Other models whose changes alter this kind's documents: model -> ids of this kind.
    related: dict[type, Callable[[Any], Iterable[int]]] = field(default_factory=dict)
    #: Fields other features add to the documents (see ``extend``).
    extra_fields: list[Callable[[Any], dict]] = field(default_factory=list)
    #: What people call documents of this kind (a lazy string): the search page's tab.
    label: Any = ""


KINDS: dict[str, SearchKind] = {}


def register(kind: SearchKind) -> None:
    """Make a kind searchable."""
    KINDS[kind.name] = kind


def extend(
    name: str,
    *,
    related: dict[type, Callable[[Any], Iterable[int]]] | None = None,
    fields: Callable[[Any], dict] | None = None,
) -> None:
    """Let a feature built on top of a kind add what it knows to that kind's documents.

    Connections, for instance, adds a mentor's open places to member documents without
    the members feature knowing about mentorships.
    """
    kind = KINDS[name]
    kind.related.update(related or {})
    if fields is not None:
        kind.extra_fields.append(fields)


def holding_skill(link_column) -> Callable[[Any], list[int]]:
    """For ``related``: the rows that hold a skill label's skill, by a link table's column
    (``MemberSkill.profile_id``). A label added, renamed or removed (a taxonomy update, a
    merge) changes the ``skill_labels`` of their documents."""
    link = link_column.class_

    def ids(label) -> list[int]:
        session = object_session(label)
        if session is None or label.skill_id is None:
            return []
        return list(session.scalars(select(link_column).where(link.skill_id == label.skill_id)))

    return ids


def kinds_by_model() -> dict[type, list[SearchKind]]:
    """The kinds, by the model whose rows are their documents (articles and guides share one)."""
    kinds: dict[type, list[SearchKind]] = {}
    for kind in KINDS.values():
        kinds.setdefault(kind.model, []).append(kind)
    return kinds


def document_fields(kind: SearchKind, row: Any) -> dict | None:
    """The fields of a row's document, with those other features add; None: not indexed."""
    if not kind.indexed(row):
        return None
    fields = kind.build(row)
    for extra in kind.extra_fields:
        fields.update(extra(row))
    return fields


def make_key(kind: str, row_id: int) -> str:
    return f"{kind}:{row_id}"


def split_key(key: str) -> tuple[SearchKind, int] | None:
    """The kind and row id of a key, or None for a key of no known kind."""
    name, _, raw_id = key.partition(":")
    kind = KINDS.get(name)
    if kind is None or not raw_id.isdigit():
        return None
    return kind, int(raw_id)


def keys_for(obj: Any) -> set[str]:
    """The document keys a change to ``obj`` affects."""
    keys = set()
    for kind in KINDS.values():
        if isinstance(obj, kind.model) and obj.id is not None:
            keys.add(make_key(kind.name, obj.id))
        for model, ids_of in kind.related.items():
            if isinstance(obj, model):
                keys.update(make_key(kind.name, row_id) for row_id in ids_of(obj) if row_id)
    return keys


def text_fields(lang: str | Iterable[str], text: str) -> dict[str, str]:
    """Fill the stemmed field of each language the text may be in."""
    langs = [lang] if isinstance(lang, str) else list(lang)
    return {f"text_{code}": text for code in langs if code in LANGUAGES}


def place_fields(place) -> dict:
    """The region, place name and coordinates of a document's place (None: no place)."""
    if place is None:
        return {}
    return {
        "region": place.region,
        "place": place.name,
        "lat": place.latitude,
        "lon": place.longitude,
    }


def content_hash(document: dict) -> str:
    """A stable hash of a document's content, for ``flask search verify``."""

    def encode(value):
        if isinstance(value, datetime):
            return as_utc(value).isoformat()
        return value

    payload = json.dumps(
        {k: encode(v) for k, v in document.items() if k != "hash"}, sort_keys=True, default=str
    )
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


def finish(kind: str, row_id: int, document: dict) -> dict:
    """Add the key, kind and content hash; drop empty values Whoosh would refuse."""
    document = {k: v for k, v in document.items() if v is not None and v != ""}
    document["key"] = make_key(kind, row_id)
    document["kind"] = kind
    document["hash"] = content_hash(document)
    return document
