"""Views for contact requests: sending one, the inbox and a request's thread.

Blocks and preferences are in preference_views.py, staff's reports in report_views.py,
mentorships in mentoring_views.py.
"""

from __future__ import annotations

import logging

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.connections import bp
from app.connections.access import (
    has_blocked,
    request_for_party,
    require_recipient,
    require_sender,
)
from app.connections.contacts import (
    ConnectionRefused,
    accept_request,
    decline_request,
    inbox_query,
    pending_received_count,
    post_message,
    report_request,
    send_request,
    visible_messages,
    withdraw_request,
)
from app.connections.contexts import context_link
from app.connections.forms import (
    ContactRequestForm,
    MessageForm,
    ReportForm,
    clean_context,
)
from app.connections.matching import other_mentors
from app.connections.mentoring import open_places
from app.connections.models import (
    ReportReason,
    RequestStatus,
    RequestTopic,
)
from app.connections.notifications import send_now
from app.connections.people import preferences_of, profile_of_user, shared_details
from app.connections.view_helpers import current_member, refuse
from app.extensions import db
from app.members.access import profile_visible_to
from app.members.models import Profile

logger = logging.getLogger(__name__)

PER_PAGE = 20
BOXES = ("received", "sent")

# --- sending a request -------------------------------------------------------------------------


@bp.route("/new/<int:profile_id>", methods=["GET", "POST"])
@login_required
def new_request(profile_id: int):
    profile = db.get_or_404(Profile, profile_id)
    if not profile_visible_to(profile, current_user):
        abort(404)
    if profile.user_id == current_user.id:
        abort(403)
    form = ContactRequestForm()
    if request.method == "GET":
        topic = request.args.get("topic")
        form.topic.data = topic if topic in {t.value for t in RequestTopic} else None
        form.context.data = clean_context(request.args.get("context"))
    elif form.validate_on_submit():
        try:
            contact_request, notification = send_request(
                current_member(),
                profile,
                RequestTopic(form.topic.data),
                form.message.data,
                form.context.data,
            )
        except ConnectionRefused as refused:
            refuse(form, refused.message, refused.field)
        else:
            send_now([notification])
            flash(_("Your request is sent to %(name)s.", name=profile.display_name), "success")
            return redirect(url_for("connections.show_request", request_id=contact_request.id))
    places = open_places(profile)
    full = bool(profile.mentor and profile.mentor_capacity) and places <= 0
    return render_template(
        "connections/new_request.html",
        form=form,
        profile=profile,
        open_places=places,
        mentor_full=full,
        others=other_mentors(profile, current_user) if full else [],
        context=context_link(form.context.data),
    )


# --- the inbox and a request's page ------------------------------------------------------------


@bp.get("/")
@login_required
def inbox():
    box = request.args.get("box", "received")
    if box not in BOXES:
        box = "received"
    page = db.paginate(
        inbox_query(current_member(), box),
        page=request.args.get("page", 1, type=int),
        per_page=PER_PAGE,
        error_out=False,
    )
    return render_template(
        "connections/inbox.html",
        box=box,
        page=page,
        pending_count=pending_received_count(current_member()),
        preferences=preferences_of(current_member()),
    )


def _render_request(contact_request, message_form=None, report_form=None, status=200):
    me = current_member()
    other = contact_request.other_party(me)
    accepted = contact_request.status is RequestStatus.ACCEPTED
    other_profile = profile_of_user(other.id)
    if other_profile is not None and not profile_visible_to(other_profile, me):
        other_profile = None
    return render_template(
        "connections/request.html",
        contact_request=contact_request,
        me=me,
        other=other,
        other_profile=other_profile,
        is_recipient=contact_request.recipient_id == me.id,
        their_details=shared_details(other) if accepted else None,
        my_details=shared_details(me) if accepted else None,
        thread=visible_messages(contact_request, me) if accepted else [],
        message_form=message_form or MessageForm(formdata=None),
        report_form=report_form or ReportForm(formdata=None),
        blocked=has_blocked(me.id, other.id),
        context=context_link(contact_request.context),
        mentor_places=(
            open_places(profile_of_user(me.id))
            if contact_request.topic is RequestTopic.MENTORING
            and contact_request.status is RequestStatus.PENDING
            and contact_request.recipient_id == me.id
            else None
        ),
    ), status


@bp.get("/<int:request_id>")
@login_required
def show_request(request_id: int):
    return _render_request(request_for_party(request_id, current_user))


@bp.post("/<int:request_id>/accept")
@login_required
def accept(request_id: int):
    contact_request = request_for_party(request_id, current_user)
    require_recipient(contact_request, current_user)
    try:
        notification = accept_request(contact_request, current_member())
    except ConnectionRefused as refused:
        flash(str(refused.message), "warning")
    else:
        send_now([notification])
        flash(
            _("You accepted the request. You can now see each other's contact details."), "success"
        )
    return redirect(url_for("connections.show_request", request_id=request_id))


@bp.post("/<int:request_id>/decline")
@login_required
def decline(request_id: int):
    contact_request = request_for_party(request_id, current_user)
    require_recipient(contact_request, current_user)
    try:
        decline_request(contact_request, current_member())
    except ConnectionRefused as refused:
        flash(str(refused.message), "warning")
    else:
        flash(_("You declined the request."), "info")
    return redirect(url_for("connections.inbox"))


@bp.post("/<int:request_id>/withdraw")
@login_required
def withdraw(request_id: int):
    contact_request = request_for_party(request_id, current_user)
    require_sender(contact_request, current_user)
    try:
        withdraw_request(contact_request, current_member())
    except ConnectionRefused as refused:
        flash(str(refused.message), "warning")
    else:
        flash(_("You withdrew your request."), "info")
    return redirect(url_for("connections.inbox", box="sent"))


@bp.post("/<int:request_id>/messages")
@login_required
def write_message(request_id: int):
    contact_request = request_for_party(request_id, current_user)
    form = MessageForm()
    if form.validate_on_submit():
        try:
            _message, notification = post_message(contact_request, current_member(), form.body.data)
        except ConnectionRefused as refused:
            refuse(form, refused.message, refused.field)
        else:
            send_now([notification])
            return redirect(
                url_for("connections.show_request", request_id=request_id, _anchor="thread-end")
            )
    return _render_request(contact_request, message_form=form)


@bp.post("/<int:request_id>/report")
@login_required
def report(request_id: int):
    contact_request = request_for_party(request_id, current_user)
    form = ReportForm()
    if form.validate_on_submit():
        try:
            report_request(
                contact_request, current_member(), ReportReason(form.reason.data), form.comment.data
            )
        except ConnectionRefused as refused:
            flash(str(refused.message), "info")
        else:
            flash(_("Thank you. Staff will look at this request."), "success")
        return redirect(url_for("connections.show_request", request_id=request_id))
    return _render_request(contact_request, report_form=form)
