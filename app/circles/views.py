"""Pages of the circles: the directory, a circle's page, joining, the board, meetings."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from app.circles import bp
from app.circles.access import circle_listed_to, leads, listed_circles_clause, sees_inside
from app.circles.forms import BoardForm, CircleFilterForm, CircleForm, JoinForm
from app.circles.membership import (
    JoinOutcome,
    announce_meeting,
    close_circle,
    decide,
    join,
    leave,
    post_message,
    start_circle,
)
from app.circles.models import (
    Admission,
    CircleKind,
    CircleMembership,
    CircleMessage,
    CircleSkill,
    CircleVisibility,
    MembershipStatus,
    PeerCircle,
)
from app.clock import utcnow
from app.extensions import db
from app.i18n import LANGUAGES
from app.places.models import Place
from app.sessions.forms import ActionForm, SessionForm
from app.sessions.models import GuidanceSession
from app.skills.models import Skill
from app.skills.taxonomy import resolve_skill

PER_PAGE = 20
MESSAGES_PER_PAGE = 20


def visible_circle(circle_id: int) -> PeerCircle:
    """The circle, if the viewer may find it; 404 otherwise."""
    circle = db.session.get(PeerCircle, circle_id)
    if circle is None or not circle_listed_to(circle, current_user):
        abort(404)
    return circle


def inner_circle(circle_id: int) -> PeerCircle:
    """The circle, if the viewer is inside it (member, facilitator, staff); 403 otherwise."""
    circle = visible_circle(circle_id)
    if not sees_inside(circle, current_user):
        abort(403)
    return circle


def led_circle(circle_id: int) -> PeerCircle:
    """The circle, if the viewer facilitates it (or is staff); 403 otherwise."""
    circle = visible_circle(circle_id)
    if not leads(circle, current_user):
        abort(403)
    return circle


@bp.get("/")
def directory():
    form = CircleFilterForm(request.args)
    query = select(PeerCircle).where(listed_circles_clause(current_user))
    if request.args and form.validate():
        data = form.data
        if data["kind"]:
            query = query.where(PeerCircle.kind == CircleKind(data["kind"]))
        if data["language"]:
            query = query.where(PeerCircle.language == data["language"])
        if data["mode"] == "online":
            query = query.where(PeerCircle.online.is_(True))
        elif data["mode"] == "in_person":
            query = query.where(PeerCircle.place_id.is_not(None))
        if data["region"]:
            query = query.join(Place, PeerCircle.place).where(Place.region == data["region"])
        if data["skill"]:
            skill = resolve_skill(data["skill"])
            query = query.where(
                PeerCircle.skills.any(CircleSkill.skill_id == (skill.id if skill else -1))
            )
    page = db.paginate(
        query.order_by(PeerCircle.created_at.desc(), PeerCircle.id.desc()),
        per_page=PER_PAGE,
        error_out=False,
    )
    mine = []
    if current_user.is_authenticated:
        mine = db.session.scalars(
            select(CircleMembership)
            .where(
                CircleMembership.user_id == current_user.id,
                CircleMembership.status.in_([MembershipStatus.MEMBER, MembershipStatus.REQUESTED]),
            )
            .order_by(CircleMembership.id)
        ).all()
    return render_template("circles/directory.html", page=page, form=form, mine=mine)


def apply_circle_form(form: CircleForm, circle: PeerCircle) -> None:
    """Write the validated form into the circle; the caller commits."""
    circle.name = form.name.data
    circle.theme = form.theme.data
    circle.kind = CircleKind(form.kind.data)
    circle.language = form.language.data
    circle.online = bool(form.online.data)
    circle.place = form.place.place
    circle.size_limit = form.size_limit.data
    circle.admission = Admission(form.admission.data)
    circle.visibility = CircleVisibility(form.visibility.data)
    circle.skills = [db.session.get(Skill, sid) for sid in form.skill_ids]


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    form = CircleForm()
    if request.method == "GET":
        form.language.data = current_user.locale or "nl"
    if form.validate_on_submit():
        circle = PeerCircle()
        apply_circle_form(form, circle)
        start_circle(circle, current_user)
        flash(_("Your circle is started."), "success")
        return redirect(url_for("circles.show", circle_id=circle.id))
    return render_template("circles/edit.html", form=form, circle=None)


@bp.route("/<int:circle_id>/edit", methods=["GET", "POST"])
@login_required
def edit(circle_id: int):
    circle = led_circle(circle_id)
    form = CircleForm(obj=circle if request.method == "GET" else None)
    if request.method == "GET":
        form.kind.data = circle.kind.value
        form.admission.data = circle.admission.value
        form.visibility.data = circle.visibility.value
        form.skills.data = ", ".join(skill.label() for skill in circle.skills)
    if form.validate_on_submit():
        from app.circles.membership import hold_circle, member_count

        hold_circle(circle)
        if form.size_limit.data < member_count(circle.id):
            db.session.rollback()
            form.size_limit.errors.append(_("The circle has more members than that already."))
        else:
            apply_circle_form(form, circle)
            db.session.commit()
            flash(_("The circle is saved."), "success")
            return redirect(url_for("circles.show", circle_id=circle.id))
    return render_template("circles/edit.html", form=form, circle=circle)


@bp.get("/<int:circle_id>")
def show(circle_id: int):
    circle = visible_circle(circle_id)
    inside = sees_inside(circle, current_user)
    context = {}
    if inside:
        context["meetings"] = db.session.scalars(
            select(GuidanceSession)
            .where(
                GuidanceSession.circle_id == circle.id,
                GuidanceSession.ends_at > utcnow(),
                GuidanceSession.cancelled_at.is_(None),
            )
            .order_by(GuidanceSession.starts_at, GuidanceSession.id)
        ).all()
        context["messages"] = db.paginate(
            select(CircleMessage)
            .where(CircleMessage.circle_id == circle.id)
            .order_by(CircleMessage.created_at.desc(), CircleMessage.id.desc()),
            per_page=MESSAGES_PER_PAGE,
            error_out=False,
        )
        context["board_form"] = BoardForm()
    return render_template(
        "circles/show.html",
        circle=circle,
        inside=inside,
        leader=leads(circle, current_user),
        membership=circle.membership_of(current_user),
        form=ActionForm(),
        join_form=JoinForm(),
        **context,
    )


@bp.post("/<int:circle_id>/join")
@login_required
def join_circle(circle_id: int):
    circle = visible_circle(circle_id)
    form = JoinForm()
    if not form.validate_on_submit():
        flash(" ".join(map(str, form.motivation.errors)) or _("Please try again."), "danger")
        return redirect(url_for("circles.show", circle_id=circle.id))
    outcome = join(circle, current_user, form.motivation.data or "")
    messages = {
        JoinOutcome.JOINED: (_("Welcome: you are a member of the circle."), "success"),
        JoinOutcome.REQUESTED: (_("Your request is sent to the facilitator."), "success"),
        JoinOutcome.ALREADY: (_("You are a member already, or your request waits."), "info"),
        JoinOutcome.FULL: (_("The circle is full."), "warning"),
        JoinOutcome.CLOSED: (_("The circle takes no new members."), "warning"),
    }
    flash(*messages[outcome])
    return redirect(url_for("circles.show", circle_id=circle.id))


@bp.post("/<int:circle_id>/leave")
@login_required
def leave_circle(circle_id: int):
    circle = visible_circle(circle_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    if leave(circle, current_user):
        flash(_("You left the circle."), "success")
    else:
        flash(_("The facilitator stays with the circle."), "info")
    return redirect(url_for("circles.show", circle_id=circle.id))


@bp.post("/<int:circle_id>/requests/<int:membership_id>/<any(accept, decline):answer>")
@login_required
def answer_request(circle_id: int, membership_id: int, answer: str):
    circle = led_circle(circle_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    outcome = decide(circle, membership_id, answer == "accept", current_user)
    if outcome is None:
        abort(404)
    if outcome is JoinOutcome.FULL:
        flash(_("The circle is full: raise its size limit first."), "warning")
    elif outcome is JoinOutcome.JOINED:
        flash(_("The request is accepted."), "success")
    else:
        flash(_("The request is declined."), "success")
    return redirect(url_for("circles.show", circle_id=circle.id))


@bp.post("/<int:circle_id>/close")
@login_required
def close(circle_id: int):
    circle = led_circle(circle_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    close_circle(circle)
    flash(_("The circle is closed: it takes no new members and is no longer listed."), "success")
    return redirect(url_for("circles.show", circle_id=circle.id))


@bp.post("/<int:circle_id>/messages")
@login_required
def post(circle_id: int):
    circle = inner_circle(circle_id)
    form = BoardForm()
    if form.validate_on_submit():
        post_message(circle, current_user, form.body.data)
        flash(_("Your message is on the board."), "success")
        return redirect(url_for("circles.show", circle_id=circle.id) + "#board")
    flash(" ".join(map(str, form.body.errors)) or _("Please try again."), "danger")
    return redirect(url_for("circles.show", circle_id=circle.id) + "#board")


@bp.post("/<int:circle_id>/messages/<int:message_id>/delete")
@login_required
def delete_message(circle_id: int, message_id: int):
    circle = inner_circle(circle_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    message = db.session.get(CircleMessage, message_id)
    if message is None or message.circle_id != circle.id:
        abort(404)
    if message.author_id != current_user.id and not leads(circle, current_user):
        abort(403)
    db.session.delete(message)
    db.session.commit()
    flash(_("The message is deleted."), "success")
    return redirect(url_for("circles.show", circle_id=circle.id) + "#board")


@bp.route("/<int:circle_id>/meetings/new", methods=["GET", "POST"])
@login_required
def new_meeting(circle_id: int):
    from app.sessions.models import SessionKind
    from app.sessions.views import apply_form

    circle = led_circle(circle_id)
    form = SessionForm(organiser=current_user)
    if request.method == "GET":
        form.title.data = circle.name
        form.kind.data = SessionKind.PEER_EXCHANGE.value
        form.languages.data = [circle.language]
        form.language.data = circle.language if circle.language in LANGUAGES else "nl"
        form.modes.data = ["online"] if circle.online else ["in_person"]
        form.place.data = circle.place
        form.capacity.data = circle.size_limit
        form.skills.data = ", ".join(skill.label() for skill in circle.skills)
        form.public.data = False
    if form.validate_on_submit():
        start, end = form.moments()
        meeting = GuidanceSession(organiser=current_user._get_current_object(), circle_id=circle.id)
        apply_form(form, meeting, start, end)
        db.session.add(meeting)
        db.session.commit()
        announce_meeting(circle, meeting, current_user)
        flash(_("The meeting is planned; the members are told."), "success")
        return redirect(url_for("sessions.show", session_id=meeting.id))
    return render_template("circles/meeting.html", form=form, circle=circle)
