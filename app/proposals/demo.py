"""The demo's demand and proposals: "me too"s on its needs, and proposals at every stage."""

from __future__ import annotations

from sqlalchemy import select

from app.accounts.models import Role, User
from app.clock import utcnow
from app.extensions import db
from app.needs.models import Need
from app.proposals.models import (
    AnswerKind,
    NeedMeToo,
    Proposal,
    ProposalComment,
    ProposalNeed,
    ProposalStatus,
    ProposalSupport,
)

#: (title, kind, audience, status, how many needs it answers)
DEMO_PROPOSALS = (
    (
        "Btw-spreekuur voor starters / Permanence TVA pour débutants",
        AnswerKind.ADVICE_DESK,
        "Leden in hun eerste jaar / Membres en première année",
        ProposalStatus.UNDER_STUDY,
        2,
    ),
    (
        "Prijsatelier voor makers / Atelier prix pour créateurs",
        AnswerKind.TRAINING,
        "Makers en ontwerpers / Créateurs et designers",
        ProposalStatus.PLANNED,
        2,
    ),
    (
        "Gedeelde offertetool / Outil de devis partagé",
        AnswerKind.TOOL,
        "Iedereen die offertes maakt / Tous ceux qui font des devis",
        ProposalStatus.PROPOSED,
        1,
    ),
)


def add_demo_proposals() -> int:
    """Add "me too"s to the demo's needs and proposals supported by its members; returns
    how many proposals. Commits."""
    members = db.session.scalars(
        select(User).where(User.role == Role.MEMBER).order_by(User.id).limit(30)
    ).all()
    needs = db.session.scalars(select(Need).order_by(Need.id).limit(10)).all()
    if len(members) < 10 or len(needs) < 5:
        return 0
    for number, need in enumerate(needs):
        for member in members[number : number + 1 + number % 3]:
            if member.id != need.author_id:
                db.session.add(NeedMeToo(need_id=need.id, user_id=member.id))
    start = 0
    for number, (title, kind, audience, status, linked) in enumerate(DEMO_PROPOSALS):
        proposal = Proposal(
            author_id=members[number].id,
            title=title,
            body=f"**{title}**\n\nVoorgesteld vanuit de noden van de leden. / "
            "Proposé à partir des besoins des membres.",
            kind=kind,
            audience=audience,
            status=status,
            status_changed_at=utcnow(),
            links=[ProposalNeed(need_id=need.id) for need in needs[start : start + linked]],
        )
        start += linked
        db.session.add(proposal)
        db.session.flush()
        for member in members[3 : 3 + 6 - 2 * number]:
            db.session.add(ProposalSupport(proposal_id=proposal.id, user_id=member.id))
        db.session.add(
            ProposalComment(
                proposal_id=proposal.id,
                author_id=members[9].id,
                body="Goed idee, ik zou zeker komen. / Bonne idée, je viendrais.",
            )
        )
    db.session.commit()
    return len(DEMO_PROPOSALS)
