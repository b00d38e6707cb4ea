"""Who may see which need, and who may respond, change or delete: the rules every page uses."""

from __future__ import annotations

from flask import abort, redirect, request, url_for
from sqlalchemy import ColumnElement, and_

from app.accounts.models import Role
from app.extensions import db
from app.needs.models import Need, NeedResponse, NeedStatus, NeedVisibility


def _signed_in(viewer) -> bool:
    return viewer is not None and viewer.is_authenticated


def is_author(need: Need, viewer) -> bool:
    return _signed_in(viewer) and need.author_id == viewer.id


def need_visible_to(need: Need, viewer) -> bool:
    """Public to anyone, members-only to signed-in users (its author among them)."""
    if need.visibility is NeedVisibility.PUBLIC:
        return True
    return _signed_in(viewer)


def listed_needs_clause(viewer) -> ColumnElement[bool]:
    """Needs a viewer may find in lists: the same rule as the page."""
    if _signed_in(viewer):
        return Need.visibility.in_([NeedVisibility.PUBLIC, NeedVisibility.MEMBERS])
    return Need.visibility == NeedVisibility.PUBLIC


def require_visible_need(need_id: int, viewer) -> Need:
    """The need if the viewer may read it; else sign in (members-only) or 404."""
    need = db.session.get(Need, need_id)
    if need is None:
        abort(404)
    if not need_visible_to(need, viewer):
        abort(redirect(url_for("accounts.login", next=request.full_path.rstrip("?"))))
    return need


def require_response(need: Need, response_id: int) -> NeedResponse:
    """A response of this need, else 404."""
    response = db.session.get(NeedResponse, response_id)
    if response is None or response.need_id != need.id:
        abort(404)
    return response


def can_post_need(user) -> bool:
    """Members (and staff) post needs; an organisation's account answers them."""
    return _signed_in(user) and user.role is not Role.PARTNER


def can_respond(need: Need, user) -> bool:
    """Any signed-in member or partner but the author, while the need is not closed."""
    return _signed_in(user) and not is_author(need, user) and need.status is not NeedStatus.CLOSED


def can_delete_need(need: Need, user) -> bool:
    """Its author; staff to moderate."""
    return is_author(need, user) or (_signed_in(user) and user.is_staff)


def can_delete_response(response: NeedResponse, user) -> bool:
    """Its writer; staff to moderate."""
    return _signed_in(user) and (response.author_id == user.id or user.is_staff)


def board_clause(viewer) -> ColumnElement[bool]:
    """Open needs the viewer may find: what the board lists."""
    return and_(listed_needs_clause(viewer), Need.status == NeedStatus.OPEN)
