"""Proposals as search documents (the kind "proposal")."""

from __future__ import annotations

from flask import url_for
from flask_babel import lazy_gettext as _l

from app.i18n import LANGUAGES
from app.proposals.models import Proposal, ProposalNeed
from app.search.documents import SearchKind, register, text_fields


def proposal_visible_to(proposal: Proposal, viewer) -> bool:
    """The roadmap is public: every proposal, declined ones with their reason."""
    return True


def proposal_document(proposal: Proposal) -> dict:
    """A proposal's document, with the skills of the needs it answers."""
    skill_ids = dict.fromkeys(
        row.skill_id for link in proposal.links if link.need for row in link.need.skills
    )
    labels = dict.fromkeys(
        label.text
        for link in proposal.links
        if link.need
        for row in link.need.skills
        for label in row.skill.labels
    )
    text = "\n".join(filter(None, [proposal.body, proposal.audience]))
    return {
        "title": proposal.title,
        "text": text,
        # Written in any of the three languages: analysed in all of them.
        **text_fields(LANGUAGES, f"{proposal.title}\n{text}"),
        "summary": proposal.audience,
        "skills": " ".join(str(skill_id) for skill_id in skill_ids),
        "skill_labels": " ".join(labels),
        "visibility": "public",
        "updated": proposal.updated_at,
    }


register(
    SearchKind(
        name="proposal",
        label=_l("Service proposals"),
        model=Proposal,
        indexed=lambda proposal: True,
        build=proposal_document,
        visible=proposal_visible_to,
        url=lambda proposal: url_for("proposals.show", proposal_id=proposal.id),
        related={ProposalNeed: lambda row: [row.proposal_id]},
    )
)
