"""Partners: local organisations, their verification by staff, and their offers."""

from flask import Blueprint

bp = Blueprint("partners", __name__, url_prefix="/partners")

from app.partners import views  # noqa: E402, F401


@bp.app_context_processor
def inject_partner_labels() -> dict:
    """The translated names of offer kinds and prices."""
    from app.partners.models import OFFER_KIND_LABELS, PRICE_LABELS

    return {"offer_kind_labels": OFFER_KIND_LABELS, "price_labels": PRICE_LABELS}


from app.partners import search  # noqa: E402, F401
