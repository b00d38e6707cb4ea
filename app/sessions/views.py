"""Pages of the sessions: the agenda, a session, registering, the organiser's pages, feeds."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from wtforms import SelectChoice

from app.calendars import build_calendar, ics_response
from app.circles.access import sees_inside
from app.clock import utcnow
from app.extensions import db
from app.places.gazetteer import distance_km
from app.places.models import Place
from app.sessions import bp
from app.sessions.calendar import (
    public_sessions,
    renew_feed,
    session_events,
    sessions_of,
)
from app.sessions.forms import ActionForm, AgendaFilterForm, MessageForm, SessionForm
from app.sessions.models import (
    DEFAULT_TIMEZONE,
    CalendarFeed,
    GuidanceSession,
    GuidanceSessionSkill,
    OrganiserKind,
    Registration,
    RegistrationStatus,
    SessionKind,
    listed_sessions_clause,
)
from app.sessions.registrations import (
    SessionClosed,
    cancel_registration,
    cancel_session,
    mail_member,
    mark_attendance,
    message_participants,
    register,
)
from app.skills.taxonomy import resolve_skill

PER_PAGE = 20


def visible_session(session_id: int) -> GuidanceSession:
    """The session, if the viewer may see it; 404 otherwise (members-only to anonymous)."""
    session = db.session.get(GuidanceSession, session_id)
    if session is None:
        abort(404)
    if not session.public and not current_user.is_authenticated:
        abort(404)
    if session.circle_only and not (
        can_organise(session) or sees_inside(session.circle, current_user)
    ):
        abort(404)
    return session


def can_organise(session: GuidanceSession) -> bool:
    return current_user.is_authenticated and (
        session.organiser_id == current_user.id or current_user.is_staff
    )


def organised_session(session_id: int) -> GuidanceSession:
    """The session, if the viewer organises it (or is staff); 403 otherwise."""
    session = visible_session(session_id)
    if not can_organise(session):
        abort(403)
    return session


def upcoming_query():
    """Sessions not over and not cancelled, soonest first; past ones leave by themselves."""
    query = (
        select(GuidanceSession)
        .where(
            GuidanceSession.ends_at > utcnow(),
            GuidanceSession.cancelled_at.is_(None),
            listed_sessions_clause(),
        )
        .order_by(GuidanceSession.starts_at, GuidanceSession.id)
    )
    if not current_user.is_authenticated:
        query = query.where(GuidanceSession.public.is_(True))
    return query


@bp.get("/")
def agenda():
    form = AgendaFilterForm(request.args)
    query = upcoming_query()
    near = None
    if request.args and form.validate():
        data = form.data
        if data["kind"]:
            query = query.where(GuidanceSession.kind == SessionKind(data["kind"]))
        if data["mode"] == "online":
            query = query.where(GuidanceSession.online.is_(True))
        elif data["mode"] == "in_person":
            query = query.where(GuidanceSession.in_person.is_(True))
        if data["language"]:
            query = query.where(GuidanceSession.languages.contains(data["language"]))
        if data["region"]:
            query = query.join(Place, GuidanceSession.place).where(Place.region == data["region"])
        if data["skill"]:
            skill = resolve_skill(data["skill"])
            query = query.where(
                GuidanceSession.id.in_(
                    select(GuidanceSessionSkill.session_id).where(
                        GuidanceSessionSkill.skill_id == (skill.id if skill else -1)
                    )
                )
            )
        if data["date_from"]:
            # A day of Brussels, in UTC as the database holds times.
            start = datetime.combine(data["date_from"], time.min, ZoneInfo(DEFAULT_TIMEZONE))
            start = start.astimezone(UTC)
            query = query.where(GuidanceSession.ends_at >= start)
        if data["date_to"]:
            end = datetime.combine(
                data["date_to"] + timedelta(days=1), time.min, ZoneInfo(DEFAULT_TIMEZONE)
            ).astimezone(UTC)
            query = query.where(GuidanceSession.starts_at < end)
        near = form.near.place
    if near is not None:
        radius = form.radius_km.data or 50
        close = [
            s.id
            for s in db.session.scalars(query.where(GuidanceSession.place_id.is_not(None)))
            if distance_km(near.coordinates, s.place.coordinates) <= radius
        ]
        query = query.where(GuidanceSession.id.in_(close))
    page = db.paginate(query, per_page=PER_PAGE, error_out=False)
    return render_template("sessions/agenda.html", page=page, form=form)


@bp.get("/mine")
@login_required
def mine():
    registrations = db.session.scalars(
        select(Registration)
        .join(Registration.session)
        .where(
            Registration.user_id == current_user.id,
            Registration.status != RegistrationStatus.CANCELLED,
        )
        .order_by(GuidanceSession.starts_at.desc())
    ).all()
    organised = db.session.scalars(
        select(GuidanceSession)
        .where(GuidanceSession.organiser_id == current_user.id)
        .order_by(GuidanceSession.starts_at.desc())
    ).all()
    # A GET changes nothing: the private address is made by the button (a POST).
    feed = db.session.get(CalendarFeed, current_user.id)
    return render_template(
        "sessions/mine.html",
        registrations=registrations,
        organised=organised,
        feed_url=feed and url_for("sessions.private_feed", token=feed.token, _external=True),
        form=ActionForm(),
    )


@bp.post("/feed/renew")
@login_required
def renew():
    if not ActionForm().validate_on_submit():
        abort(400)
    first = db.session.get(CalendarFeed, current_user.id) is None
    renew_feed(current_user)
    if first:
        flash(_("Your private calendar address is ready."), "success")
    else:
        flash(_("Your calendar address is renewed; the old one no longer works."), "success")
    return redirect(url_for("sessions.mine"))


@bp.get("/feed/<token>.ics")
def private_feed(token: str):
    feed = db.session.scalar(select(CalendarFeed).where(CalendarFeed.token == token))
    if feed is None:
        abort(404)
    data = build_calendar(session_events(sessions_of(feed.user_id)), name="Gilde")
    return ics_response(data, "gilde.ics")


@bp.get("/public.ics")
def public_feed():
    return ics_response(build_calendar(session_events(public_sessions())), "gilde-agenda.ics")


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    form = SessionForm(organiser=current_user)
    if request.method == "GET":
        form.languages.data = [current_user.locale or "nl"]
        form.modes.data = ["in_person"]
    if form.validate_on_submit():
        start, end = form.moments()
        session = GuidanceSession(organiser=current_user._get_current_object())
        apply_form(form, session, start, end)
        db.session.add(session)
        db.session.commit()
        flash(_("The session is published."), "success")
        return redirect(url_for("sessions.show", session_id=session.id))
    return render_template("sessions/edit.html", form=form, session=None)


def apply_form(form: SessionForm, session: GuidanceSession, start, end) -> None:
    """Write the validated form into the session; the caller commits."""
    from app.skills.models import Skill

    session.title = form.title.data
    session.description = form.description.data or ""
    session.language = form.language.data
    session.kind = SessionKind(form.kind.data)
    session.online = "online" in form.modes.data
    session.in_person = "in_person" in form.modes.data
    session.place = form.place.place if session.in_person else None
    session.address = form.address.data or "" if session.in_person else ""
    session.online_link = form.online_link.data or "" if session.online else ""
    session.starts_at = start.astimezone(UTC)
    session.ends_at = end.astimezone(UTC)
    session.timezone = form.timezone.data
    session.capacity = form.capacity.data
    session.languages = ",".join(form.languages.data)
    session.price = form.price.data or ""
    session.public = bool(form.public.data)
    session.skills = [db.session.get(Skill, sid) for sid in form.skill_ids]
    if form.partner.data:
        session.partner_id = int(form.partner.data)
        session.organiser_kind = OrganiserKind.PARTNER
    else:
        session.partner_id = None
        staff = session.organiser is not None and session.organiser.is_staff
        session.organiser_kind = OrganiserKind.STAFF if staff else OrganiserKind.MEMBER


@bp.route("/<int:session_id>/edit", methods=["GET", "POST"])
@login_required
def edit(session_id: int):
    session = organised_session(session_id)
    form = SessionForm(organiser=session.organiser or current_user)
    if session.partner is not None and str(session.partner_id) not in {
        choice.value for choice in form.partner.choices
    }:
        # Whoever edits keeps the organisation the session is organised by.
        form.partner.choices.append(SelectChoice(str(session.partner_id), session.partner.name))
    if request.method == "GET":
        start, end = session.local_start, session.local_end
        form.title.data = session.title
        form.description.data = session.description
        form.language.data = session.language
        form.kind.data = session.kind.value
        form.skills.data = ", ".join(skill.label() for skill in session.skills)
        form.modes.data = [m for m in ("in_person", "online") if getattr(session, m)]
        form.place.data = session.place
        form.address.data = session.address
        form.online_link.data = session.online_link
        form.date.data, form.start_time.data = start.date(), start.time()
        form.end_date.data = end.date() if end.date() != start.date() else None
        form.end_time.data = end.time()
        form.timezone.data = session.timezone
        form.capacity.data = session.capacity
        form.languages.data = session.language_list
        form.price.data = session.price
        form.public.data = session.public
        form.partner.data = str(session.partner_id) if session.partner_id else ""
    if form.validate_on_submit():
        from app.sessions.registrations import hold_session, promote_waiting

        start, end = form.moments()
        hold_session(session)
        apply_form(form, session, start, end)
        db.session.flush()
        promoted = promote_waiting(session)  # more places: the queue moves up
        db.session.commit()
        for each in promoted:
            mail_member(each.user, "place", session)
        flash(_("The session is saved."), "success")
        return redirect(url_for("sessions.show", session_id=session.id))
    return render_template("sessions/edit.html", form=form, session=session)


@bp.get("/<int:session_id>")
def show(session_id: int):
    session = visible_session(session_id)
    registration = session.registration_of(current_user)
    organiser = can_organise(session)
    # The link is the door to the room: only for those with a place, and the organisers.
    show_link = session.online and (
        organiser or (registration is not None and registration.status.value == "registered")
    )
    return render_template(
        "sessions/show.html",
        session=session,
        registration=registration,
        organiser=organiser,
        show_link=show_link,
        form=ActionForm(),
    )


@bp.get("/<int:session_id>.ics")
def download(session_id: int):
    session = visible_session(session_id)
    return ics_response(
        build_calendar(session_events([session]), name=session.title), f"session-{session.id}.ics"
    )


@bp.post("/<int:session_id>/register")
@login_required
def register_for(session_id: int):
    session = visible_session(session_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        registration = register(session, current_user)
    except SessionClosed:
        flash(_("This session takes no registrations any more."), "warning")
        return redirect(url_for("sessions.show", session_id=session.id))
    if registration.status is RegistrationStatus.REGISTERED:
        flash(_("You are registered."), "success")
    else:
        flash(_("The session is full: you are on the waiting list."), "info")
    return redirect(url_for("sessions.show", session_id=session.id))


@bp.post("/<int:session_id>/unregister")
@login_required
def unregister(session_id: int):
    session = visible_session(session_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    if cancel_registration(session, current_user):
        flash(_("Your registration is cancelled."), "success")
    return redirect(url_for("sessions.show", session_id=session.id))


@bp.route("/<int:session_id>/participants", methods=["GET", "POST"])
@login_required
def participants(session_id: int):
    session = organised_session(session_id)
    form = ActionForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        present = {int(v) for v in request.form.getlist("present") if v.isdigit()}
        mark_attendance(session, present)
        flash(_("Attendance is saved."), "success")
        return redirect(url_for("sessions.participants", session_id=session.id))
    return render_template(
        "sessions/participants.html",
        session=session,
        form=form,
        message_form=MessageForm(),
        past=session.is_past,
    )


@bp.post("/<int:session_id>/message")
@login_required
def message(session_id: int):
    session = organised_session(session_id)
    form = MessageForm()
    if form.validate_on_submit():
        count = message_participants(session, current_user, form.subject.data, form.body.data)
        flash(_("Your message went to %(n)d participants.", n=count), "success")
        return redirect(url_for("sessions.participants", session_id=session.id))
    return render_template(
        "sessions/participants.html",
        session=session,
        form=ActionForm(),
        message_form=form,
        past=session.is_past,
    )


@bp.post("/<int:session_id>/cancel")
@login_required
def cancel(session_id: int):
    session = organised_session(session_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    cancel_session(session, current_user)
    flash(_("The session is cancelled; everyone registered is told."), "success")
    return redirect(url_for("sessions.show", session_id=session.id))
