"""Proposals: demand on needs ("me too") and service proposals, the cooperative's roadmap."""

from flask import Blueprint

# No prefix: "me too" and merging act on needs (/needs/…), the proposals live at /proposals/.
bp = Blueprint("proposals", __name__)

from app.proposals import views  # noqa: E402, F401


@bp.app_context_processor
def inject_proposal_labels() -> dict:
    """The translated names of proposal statuses and kinds of answer."""
    from app.proposals.models import ANSWER_KIND_LABELS, PROPOSAL_STATUS_LABELS

    return {
        "proposal_status_labels": PROPOSAL_STATUS_LABELS,
        "answer_kind_labels": ANSWER_KIND_LABELS,
    }


from app.proposals import search  # noqa: E402, F401
