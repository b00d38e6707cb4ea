"""Views for mentorships: finding a mentor, goals, notes, closing and appreciations."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import or_, select

from app.clock import utcnow
from app.connections import bp
from app.connections.access import mentorship_for_party
from app.connections.forms import (
    AppreciationForm,
    CloseMentorshipForm,
    FindMentorForm,
    GoalsForm,
    NoteForm,
)
from app.connections.matching import find_mentors, seeker_of
from app.connections.mentoring import (
    MentoringRefused,
    add_note,
    close_mentorship,
    leave_appreciation,
)
from app.connections.models import (
    Mentorship,
    MentorshipStatus,
)
from app.connections.people import profile_of_user
from app.connections.view_helpers import current_member, refuse
from app.extensions import db
from app.skills.taxonomy import resolve_skill


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
    return render_template("connections/mentorships.html", mentorships=rows, me=current_member())


def _render_mentorship(mentorship, status=200, **forms):
    me = current_member()
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
        add_note(mentorship, current_member(), form.met_on.data, form.body.data)
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
            refuse(form, refused.args[0])
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
