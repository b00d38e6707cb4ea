"""The topics of content/topics.yaml: checked by line, then upserted (the unlisted retired)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select

from app.articles.content_files import (
    SLUG_RE,
    ContentError,
    FileProblems,
    KeyCheck,
    key_nodes,
    parse_yaml,
    plain_text,
    read_text,
)
from app.articles.models import (
    ARTICLE_LANGUAGES,
    TOPIC_NAME_LENGTH,
    TOPIC_SLUG_LENGTH,
    Topic,
)
from app.extensions import db
from app.validation import unknown_keys

TOPIC_KEYS = ("id", "names")


@dataclass
class TopicEntry:
    slug: str
    names: dict[str, str]
    position: int


def read_topics(path: Path) -> list[TopicEntry]:
    """The topics of a topics file, or a ContentError listing every problem by line."""
    found: list[str] = []
    problems = FileProblems(path, found)
    source = read_text(path, problems)
    entries: list[TopicEntry] = []
    if source is not None:
        data, root = parse_yaml(source, 1, problems)
        if not found:
            entries = check_topics(root, data, problems)
    if found:
        raise ContentError(f"{path} has problems; nothing was changed:", found)
    return entries


def check_topics(root: yaml.Node, data: Any, problems: FileProblems) -> list[TopicEntry]:
    """The topics of a parsed topics file; each problem recorded on its line."""
    if not isinstance(data, dict) or not isinstance(data.get("topics"), list):
        problems.line(1, "must be a mapping with a list under 'topics'")
        return []
    items = key_nodes(root, 1, problems)["topics"].value
    entries: list[TopicEntry] = []
    seen: set[str] = set()
    for position, (item, node) in enumerate(zip(data["topics"], items, strict=True)):
        line = node.start_mark.line + 1
        if not isinstance(item, dict):
            problems.line(line, "each topic must be a mapping with an id and names")
            continue
        nodes = key_nodes(node, 1, problems)
        check = KeyCheck(problems, nodes, 1, f"topic #{position + 1}: ")
        for key in unknown_keys(item, TOPIC_KEYS):
            check.add(key, f"unknown key (expected {', '.join(TOPIC_KEYS)})")
        slug = item.get("id")
        if (
            not isinstance(slug, str)
            or len(slug) > TOPIC_SLUG_LENGTH
            or not SLUG_RE.fullmatch(slug)
        ):
            problems.line(line, f"id {slug!r} must be lower-case letters, digits and hyphens")
            continue
        if slug in seen:
            problems.line(line, f"id {slug!r} is used twice")
        seen.add(slug)
        names = item.get("names")
        if not isinstance(names, dict):
            check.add("names", "must be a mapping of nl, fr and en")
            continue
        name_nodes = key_nodes(nodes.get("names"), 1, problems)
        name_check = KeyCheck(problems, name_nodes, 1, f"topic {slug}: names.")
        checked = {}
        for lang in ARTICLE_LANGUAGES:
            if lang not in names:
                check.add("names", f"the name in {lang} is missing")
            elif (text := plain_text(names, lang, TOPIC_NAME_LENGTH, name_check)) is not None:
                checked[lang] = text
        for lang in unknown_keys(names, ARTICLE_LANGUAGES):
            name_check.add(lang, "unknown language (expected nl, fr, en)")
        if len(checked) == len(ARTICLE_LANGUAGES):
            entries.append(TopicEntry(slug, checked, position))
    return entries


def apply_topics(entries: list[TopicEntry]) -> dict[str, int]:
    """Upsert the checked topics and retire the ones no longer listed; what changed."""
    known = {topic.slug: topic for topic in db.session.scalars(select(Topic))}
    created = 0
    for entry in entries:
        topic = known.get(entry.slug)
        if topic is None:
            topic = known[entry.slug] = Topic(slug=entry.slug)
            db.session.add(topic)
            created += 1
        values = {f"name_{lang}": text for lang, text in entry.names.items()}
        values.update(position=entry.position, active=True)
        for name, value in values.items():
            if getattr(topic, name) != value:
                setattr(topic, name, value)
    listed = {entry.slug for entry in entries}
    retired = [t for slug, t in known.items() if slug not in listed and t.active]
    for topic in retired:
        topic.active = False
    db.session.flush()
    return {"topics": len(entries), "topics_created": created, "topics_retired": len(retired)}
