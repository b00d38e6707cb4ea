"""Views for contact requests, the inbox, threads, blocks, reports and mentorships."""

from __future__ import annotations

import logging

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError

from app.accounts.access import staff_required
from app.accounts.models import User
from app.accounts.redirects import safe_next
from app.clock import utcnow
from app.connections import bp
from app.connections.access import (
    has_blocked,
    mentorship_for_party,
    request_for_party,
    require_recipient,
    require_sender,
)
from app.connections.contacts import (
    ConnectionRefused,
    accept_request,
    block_member,
    blocked_members,
    decline_request,
    inbox_query,
    pending_received_count,
    post_message,
    report_request,
    send_request,
    unblock_member,
    visible_messages,
    withdraw_request,
)
from app.connections.contexts import context_link
from app.connections.forms import (
    AppreciationForm,
    CloseMentorshipForm,
    ContactPreferencesForm,
    ContactRequestForm,
    FindMentorForm,
    GoalsForm,
    MessageForm,
    NoteForm,
    ReportForm,
    clean_context,
)
from app.connections.matching import find_mentors, other_mentors, seeker_of
from app.connections.mentoring import (
    MentoringRefused,
    add_note,
    close_mentorship,
    leave_appreciation,
    open_places,
)
from app.connections.models import (
    Mentorship,
    MentorshipStatus,
    NotifyMode,
    ReportReason,
    RequestReport,
    RequestStatus,
    RequestTopic,
)
from app.connections.notifications import send_now
from app.connections.people import preferences_of, profile_of_user, shared_details
from app.extensions import db
from app.members.access import profile_visible_to
from app.members.models import Profile
from app.skills.taxonomy import resolve_skill

logger = logging.getLogger(__name__)

PER_PAGE = 20
REPORTS_PER_PAGE = 50
BOXES = ("received", "sent")


def _me() -> User:
    """The signed-in user itself, not the proxy (it is stored in rows and compared by id)."""
    return current_user._get_current_object()


def _refuse(form, message, field: str | None = None) -> None:
    """Show a refusal under its field, or above the form."""
    if field:
        form[field].errors = [*form[field].errors, str(message)]
    else:
        form.form_errors.append(str(message))


def _back(default: str):
    """Redirect to the page the form came from, if it is on this site."""
    return redirect(safe_next(request.form.get("next")) or default)


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
                _me(), profile, RequestTopic(form.topic.data), form.message.data, form.context.data
            )
        except ConnectionRefused as refused:
            _refuse(form, refused.message, refused.field)
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
        inbox_query(_me(), box),
        page=request.args.get("page", 1, type=int),
        per_page=PER_PAGE,
        error_out=False,
    )
    return render_template(
        "connections/inbox.html",
        box=box,
        page=page,
        pending_count=pending_received_count(_me()),
        preferences=preferences_of(_me()),
    )


def _render_request(contact_request, message_form=None, report_form=None, status=200):
    me = _me()
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
        notification = accept_request(contact_request, _me())
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
        decline_request(contact_request, _me())
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
        withdraw_request(contact_request, _me())
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
            _message, notification = post_message(contact_request, _me(), form.body.data)
        except ConnectionRefused as refused:
            _refuse(form, refused.message, refused.field)
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
                contact_request, _me(), ReportReason(form.reason.data), form.comment.data
            )
        except ConnectionRefused as refused:
            flash(str(refused.message), "info")
        else:
            flash(_("Thank you. Staff will look at this request."), "success")
        return redirect(url_for("connections.show_request", request_id=request_id))
    return _render_request(contact_request, report_form=form)


# --- blocks and preferences --------------------------------------------------------------------


@bp.post("/block/<int:user_id>")
@login_required
def block(user_id: int):
    blocked = db.get_or_404(User, user_id)
    if blocked.id == current_user.id:
        abort(403)
    block_member(_me(), blocked)
    flash(_("You blocked this member. They are not told."), "info")
    return _back(url_for("connections.settings"))


@bp.post("/unblock/<int:user_id>")
@login_required
def unblock(user_id: int):
    db.get_or_404(User, user_id)
    unblock_member(_me(), user_id)
    flash(_("The block is lifted."), "info")
    return _back(url_for("connections.settings"))


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def settings():
    preferences = preferences_of(_me())
    form = ContactPreferencesForm()
    if request.method == "GET":
        form.share_email.data = preferences.share_email
        form.phone.data = preferences.phone
        form.website.data = preferences.website
        form.notify.data = preferences.notify.value
    elif form.validate_on_submit():
        preferences.share_email = form.share_email.data
        preferences.phone = form.phone.data or ""
        preferences.website = form.website.data or ""
        preferences.notify = NotifyMode(form.notify.data)
        db.session.add(preferences)
        try:
            db.session.commit()
        except IntegrityError:  # the same first save, sent twice at once
            db.session.rollback()
            form.form_errors.append(_("Your settings changed meanwhile. Please save again."))
        else:
            flash(_("Your contact settings are saved."), "success")
            return redirect(url_for("connections.settings"))
    return render_template("connections/settings.html", form=form, blocks=blocked_members(_me()))


# --- staff: reports ----------------------------------------------------------------------------


@bp.get("/reports")
@staff_required
def reports():
    page = db.paginate(
        select(RequestReport).order_by(
            RequestReport.resolved_at.is_not(None), RequestReport.created_at.desc()
        ),
        page=request.args.get("page", 1, type=int),
        per_page=REPORTS_PER_PAGE,
        error_out=False,
    )
    return render_template("connections/reports.html", page=page)


@bp.post("/reports/<int:report_id>/resolve")
@staff_required
def resolve_report(report_id: int):
    found = db.get_or_404(RequestReport, report_id)
    if found.resolved_at is None:
        found.resolved_at = utcnow()
        found.resolved_by_id = current_user.id
        db.session.commit()
    flash(_("The report is marked as handled."), "success")
    return redirect(url_for("connections.reports"))


# --- mentoring ---------------------------------------------------------------------------------


@bp.get("/mentors")
def find_mentor():
    form = FindMentorForm(request.args)
    skill = matches = None
    unknown = False
    if request.args.get("skill") and form.validate() and form.skill.data:
        skill = resolve_skill(form.skill.data)
        unknown = skill is None
        if skill is not None:
            matches = find_mentors(skill, current_user)
    profile = profile_of_user(current_user.id) if current_user.is_authenticated else None
    seeker = seeker_of(current_user)
    cards = []
    if matches:
        from app.members.cards import member_cards
        from app.search.cards import CardContext

        context = CardContext(
            skills=[str(skill.id)], languages=sorted(seeker.languages), mentoring=True
        )
        cards = member_cards(
            [m.profile for m in matches], [m.distance_km for m in matches], context
        )
    return render_template(
        "connections/find_mentor.html",
        form=form,
        skill=skill,
        matches=list(zip(matches or [], cards, strict=True)),
        unknown=unknown,
        wishes=profile.mentor_wishes if profile is not None else [],
        seeker=seeker,
    )


@bp.get("/mentorships")
@login_required
def mentorships():
    rows = db.session.scalars(
        select(Mentorship)
        .where(
            or_(Mentorship.mentor_id == current_user.id, Mentorship.mentee_id == current_user.id)
        )
        .order_by(Mentorship.status != MentorshipStatus.ACTIVE, Mentorship.start_date.desc())
    ).all()
    return render_template("connections/mentorships.html", mentorships=rows, me=_me())


def _render_mentorship(mentorship, status=200, **forms):
    me = _me()
    goals_form = forms.get("goals_form") or GoalsForm(
        formdata=None, goals=mentorship.goals, start_date=mentorship.start_date
    )
    return render_template(
        "connections/mentorship.html",
        mentorship=mentorship,
        me=me,
        other=mentorship.other_party(me),
        is_mentor=mentorship.mentor_id == me.id,
        goals_form=goals_form,
        note_form=forms.get("note_form") or NoteForm(formdata=None, met_on=utcnow().date()),
        close_form=forms.get("close_form") or CloseMentorshipForm(formdata=None),
        appreciation_form=forms.get("appreciation_form")
        or AppreciationForm(formdata=None, text=mentorship.appreciation or ""),
    ), status


@bp.get("/mentorships/<int:mentorship_id>")
@login_required
def show_mentorship(mentorship_id: int):
    return _render_mentorship(mentorship_for_party(mentorship_id, current_user))


def _to_mentorship(mentorship_id: int, anchor: str | None = None):
    return redirect(
        url_for("connections.show_mentorship", mentorship_id=mentorship_id, _anchor=anchor)
    )


@bp.post("/mentorships/<int:mentorship_id>/goals")
@login_required
def edit_goals(mentorship_id: int):
    mentorship = mentorship_for_party(mentorship_id, current_user)
    form = GoalsForm()
    if form.validate_on_submit():
        mentorship.goals = form.goals.data
        mentorship.start_date = form.start_date.data
        db.session.commit()
        flash(_("The goals are saved."), "success")
        return _to_mentorship(mentorship_id)
    return _render_mentorship(mentorship, goals_form=form)


@bp.post("/mentorships/<int:mentorship_id>/notes")
@login_required
def write_note(mentorship_id: int):
    mentorship = mentorship_for_party(mentorship_id, current_user)
    form = NoteForm()
    if form.validate_on_submit():
        add_note(mentorship, _me(), form.met_on.data, form.body.data)
        db.session.commit()
        flash(_("The note is saved."), "success")
        return _to_mentorship(mentorship_id, "notes")
    return _render_mentorship(mentorship, note_form=form)


@bp.post("/mentorships/<int:mentorship_id>/close")
@login_required
def close(mentorship_id: int):
    mentorship = mentorship_for_party(mentorship_id, current_user)
    form = CloseMentorshipForm()
    if form.validate_on_submit():
        try:
            close_mentorship(mentorship, MentorshipStatus(form.outcome.data))
        except MentoringRefused as refused:
            _refuse(form, refused.args[0])
        else:
            db.session.commit()
            flash(_("The mentorship has ended."), "info")
            return _to_mentorship(mentorship_id)
    return _render_mentorship(mentorship, close_form=form)


@bp.post("/mentorships/<int:mentorship_id>/appreciation")
@login_required
def appreciate(mentorship_id: int):
    mentorship = mentorship_for_party(mentorship_id, current_user)
    if mentorship.mentee_id != current_user.id:
        abort(403)
    form = AppreciationForm()
    if form.validate_on_submit():
        try:
            leave_appreciation(mentorship, form.text.data)
        except MentoringRefused as refused:
            flash(str(refused.args[0]), "warning")
            return _to_mentorship(mentorship_id)
        else:
            db.session.commit()
            flash(_("Thank you. Your words are on your mentor's profile."), "success")
            return _to_mentorship(mentorship_id)
    return _render_mentorship(mentorship, appreciation_form=form)


@bp.post("/mentorships/<int:mentorship_id>/appreciation/visibility")
@login_required
def appreciation_visibility(mentorship_id: int):
    mentorship = mentorship_for_party(mentorship_id, current_user)
    if mentorship.mentor_id != current_user.id:
        abort(403)
    if mentorship.appreciation is None:
        abort(404)
    mentorship.appreciation_hidden = request.form.get("hidden") == "1"
    db.session.commit()
    if mentorship.appreciation_hidden:
        flash(_("The appreciation is hidden from your profile."), "info")
    else:
        flash(_("The appreciation shows on your profile."), "info")
    return _to_mentorship(mentorship_id)
