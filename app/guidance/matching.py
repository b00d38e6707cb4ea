"""Advisers suggested on a need: their own skills, or their topics' skills, cover it."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.guidance.models import Adviser, AdviserTopic

SUGGESTED = 3


def advisers_for_skills(skill_ids: list[int], limit: int = SUGGESTED) -> list[Adviser]:
    """Active advisers covering most of these skills, best first."""
    wanted = set(skill_ids)
    if not wanted:
        return []
    advisers = db.session.scalars(
        select(Adviser)
        .where(Adviser.active)
        .options(
            selectinload(Adviser.skills),
            selectinload(Adviser.topics).selectinload(AdviserTopic.topic),
        )
    ).all()
    scored = []
    for adviser in advisers:
        covered = set(adviser.skill_ids)
        for row in adviser.topics:
            covered.update(int(each) for each in row.topic.skill_ids.split())
        overlap = len(wanted & covered)
        if overlap:
            scored.append((-overlap, adviser.id, adviser))
    return [adviser for *_, adviser in sorted(scored)[:limit]]
