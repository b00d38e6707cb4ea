"""A member's demand and proposals in their data export, and what leaves with their account."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from app.extensions import db
from app.personal import Erasure, PersonalData, register, row_data
from app.proposals.models import NeedMeToo, Proposal, ProposalComment, ProposalSupport


def proposals_export(user) -> dict[str, Any]:
    """Their "me too"s, proposals (with the needs linked), supports and comments."""
    me_toos = db.session.scalars(
        select(NeedMeToo).where(NeedMeToo.user_id == user.id).order_by(NeedMeToo.need_id)
    )
    proposals = db.session.scalars(
        select(Proposal).where(Proposal.author_id == user.id).order_by(Proposal.id)
    )
    supports = db.session.scalars(
        select(ProposalSupport)
        .where(ProposalSupport.user_id == user.id)
        .order_by(ProposalSupport.proposal_id)
    )
    comments = db.session.scalars(
        select(ProposalComment)
        .where(ProposalComment.author_id == user.id)
        .order_by(ProposalComment.id)
    )
    return {
        "me_too": [row_data(row) for row in me_toos],
        "proposals": [
            row_data(proposal, needs=[row_data(link) for link in proposal.links])
            for proposal in proposals
        ],
        "proposal_supports": [
            row_data(row, proposal_title=db.session.get(Proposal, row.proposal_id).title)
            for row in supports
        ],
        "proposal_comments": [row_data(row, proposal_title=row.proposal.title) for row in comments],
    }


def release_proposals_of(erasure: Erasure) -> None:
    """Before the account goes: its proposals and comments go too, or stay without author
    when the member keeps their writing. "Me too"s and supports go with the account (the
    database's ON DELETE CASCADE). The caller commits."""
    user, keep_writing = erasure.user, erasure.keep_writing
    proposals = db.session.scalars(select(Proposal).where(Proposal.author_id == user.id)).all()
    comments = db.session.scalars(
        select(ProposalComment).where(ProposalComment.author_id == user.id)
    ).all()
    for row in [*proposals, *comments]:
        if keep_writing:
            row.author_id = None
        else:
            # Through the ORM, so that the search outbox records each proposal leaving.
            db.session.delete(row)


def register_personal_data() -> None:
    """Declare the demand's and proposals' rows."""
    register(
        PersonalData(
            name="proposals",
            models=(NeedMeToo, Proposal, ProposalSupport, ProposalComment),
            export=proposals_export,
            export_order=100,
            erase=release_proposals_of,
            erase_order=60,
        )
    )
