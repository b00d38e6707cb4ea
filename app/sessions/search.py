"""Sessions as search documents (the kind "session"); past ones leave the results by their end."""

from __future__ import annotations

from flask import url_for
from flask_babel import lazy_gettext as _l

from app.clock import as_utc
from app.i18n import LANGUAGES
from app.search.documents import SearchKind, holding_skill, place_fields, register, text_fields
from app.sessions.models import GuidanceSession, GuidanceSessionSkill
from app.skills.models import SkillLabel


def session_visible_to(session: GuidanceSession, viewer) -> bool:
    """A public session is for anyone; a members-only one for signed-in members."""
    return session.public or (viewer is not None and viewer.is_authenticated)


def session_document(session: GuidanceSession) -> dict:
    """A session's document; the index keeps its times as naive UTC."""
    spoken = [code for code in session.language_list if code in LANGUAGES] or [session.language]
    modes = [
        name for name, on in (("online", session.online), ("in_person", session.in_person)) if on
    ]
    body = session.description
    return {
        "title": session.title,
        "text": body,
        **text_fields(spoken, f"{session.title}\n{body}"),
        "summary": session.price,
        "skills": " ".join(str(skill.id) for skill in session.skills),
        "skill_labels": " ".join(label.text for skill in session.skills for label in skill.labels),
        "languages": " ".join(spoken),
        "modes": " ".join([*modes, "collective"]),
        **place_fields(session.place),
        "visibility": "public" if session.public else "members",
        "updated": session.created_at,
        "starts": as_utc(session.starts_at).replace(tzinfo=None),
        "ends": as_utc(session.ends_at).replace(tzinfo=None),
    }


register(
    SearchKind(
        name="session",
        label=_l("Sessions"),
        model=GuidanceSession,
        # A circle's own meetings stay on its page.
        indexed=lambda session: session.cancelled_at is None and not session.circle_only,
        build=session_document,
        visible=session_visible_to,
        url=lambda session: url_for("sessions.show", session_id=session.id),
        related={
            GuidanceSessionSkill: lambda row: [row.session_id],
            SkillLabel: holding_skill(GuidanceSessionSkill.session_id),
        },
    )
)
