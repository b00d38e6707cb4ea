"""The curated guidance topics: loading content/guidance_topics.yaml, and looking them up."""

from __future__ import annotations

from pathlib import Path

import yaml
from flask import current_app
from sqlalchemy import select

from app.extensions import db
from app.guidance.models import NAME_LENGTH, TOPIC_ID_LENGTH, GuidanceTopic
from app.i18n import LANGUAGES
from app.skills.models import Skill

TOPICS_FILE = Path("content") / "guidance_topics.yaml"


class TopicsError(ValueError):
    """A topics file that cannot be loaded."""


def default_topics_path() -> Path:
    """content/guidance_topics.yaml in the project directory."""
    return Path(current_app.root_path).parent / TOPICS_FILE


def _check(entries) -> list[dict]:
    if not isinstance(entries, list):
        raise TopicsError("the file needs a list under 'topics'")
    seen = set()
    for number, entry in enumerate(entries, 1):
        where = f"topic {number}"
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            raise TopicsError(f"{where}: needs an 'id'")
        topic_id = entry["id"]
        if topic_id in seen or not 0 < len(topic_id) <= TOPIC_ID_LENGTH:
            raise TopicsError(f"{where}: id {topic_id!r} is repeated or too long")
        seen.add(topic_id)
        labels = entry.get("labels")
        if not isinstance(labels, dict) or any(
            not isinstance(labels.get(lang), str)
            or not labels[lang].strip()
            or len(labels[lang]) > NAME_LENGTH
            for lang in LANGUAGES
        ):
            raise TopicsError(f"{where} ({topic_id}): needs a label in nl, fr and en")
        if not isinstance(entry.get("skills", []), list):
            raise TopicsError(f"{where} ({topic_id}): 'skills' must be a list")
    return entries


def load_topics(path: Path | None = None) -> int:
    """Create or update every topic of the file (idempotent); returns how many there are."""
    path = path or default_topics_path()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise TopicsError(f"{path}: {error}") from error
    entries = _check((data or {}).get("topics") if isinstance(data, dict) else None)
    slugs = {slug: skill_id for skill_id, slug in db.session.execute(select(Skill.id, Skill.slug))}
    for position, entry in enumerate(entries):
        topic = db.session.get(GuidanceTopic, entry["id"]) or GuidanceTopic(id=entry["id"])
        for lang in LANGUAGES:
            setattr(topic, f"label_{lang}", entry["labels"][lang].strip())
        topic.position = position
        topic.skill_ids = " ".join(
            str(slugs[slug]) for slug in entry.get("skills", []) if slug in slugs
        )
        db.session.add(topic)
    db.session.commit()
    return len(entries)


def all_topics() -> list[GuidanceTopic]:
    """Every topic, in the file's order."""
    return list(db.session.scalars(select(GuidanceTopic).order_by(GuidanceTopic.position)))


def topic_choices() -> list[tuple[str, str]]:
    """(id, label in the interface language) for a form's choices."""
    return [(topic.id, topic.label()) for topic in all_topics()]
