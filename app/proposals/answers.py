"""What answers an available proposal: an offer, a session or a guide, given by its address."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import current_app, request, url_for
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect

from app.extensions import db

#: The pages that can answer a proposal: endpoint -> (the proposal's column, the model's path).
ANSWER_PAGES = {
    "partners.offer": ("answer_offer_id", "offer_id"),
    "sessions.show": ("answer_session_id", "session_id"),
    "articles.show": ("answer_article_id", "article_id"),
}


@dataclass(frozen=True)
class Answer:
    column: str
    row_id: int


def _model(column: str):
    from app.articles.models import Article
    from app.partners.models import Offer
    from app.sessions.models import GuidanceSession

    return {
        "answer_offer_id": Offer,
        "answer_session_id": GuidanceSession,
        "answer_article_id": Article,
    }[column]


def resolve_answer(address: str) -> Answer | None:
    """The offer, session or guide at ``address`` (a path or a URL of this site), if it
    exists; None for any other address, another site's among them."""
    parts = urlsplit(address.strip())
    if parts.scheme not in ("", "http", "https"):
        return None
    if parts.netloc and parts.netloc != request.host:
        return None
    adapter = current_app.url_map.bind(request.host)
    try:
        endpoint, args = adapter.match(parts.path or "/", method="GET")
    except (HTTPException, RequestRedirect):
        return None
    if endpoint not in ANSWER_PAGES:
        return None
    column, arg = ANSWER_PAGES[endpoint]
    row = db.session.get(_model(column), args[arg])
    if row is None:
        return None
    return Answer(column, row.id)


def set_answer(proposal, answer: Answer | None) -> None:
    """Point the proposal at its answer (one of the three), or at none."""
    for column in ("answer_offer_id", "answer_session_id", "answer_article_id"):
        setattr(proposal, column, answer.row_id if answer and answer.column == column else None)


def answer_link(proposal, viewer) -> tuple[str, str] | None:
    """(title, address) of what answers the proposal, if there is one the viewer may see."""
    from app.articles.access import article_visible_to
    from app.partners.access import offer_visible_to
    from app.sessions.search import session_visible_to

    if proposal.answer_offer is not None and offer_visible_to(proposal.answer_offer, viewer):
        offer = proposal.answer_offer
        return offer.title, url_for("partners.offer", offer_id=offer.id)
    if proposal.answer_session is not None and session_visible_to(proposal.answer_session, viewer):
        session = proposal.answer_session
        return session.title, url_for("sessions.show", session_id=session.id)
    if proposal.answer_article is not None and article_visible_to(proposal.answer_article, viewer):
        article = proposal.answer_article
        return article.title, url_for("articles.show", article_id=article.id)
    return None
