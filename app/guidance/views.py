"""Pages of offices, advisers, bookings, the agenda, questions, the queue and the figures."""

from __future__ import annotations

from datetime import date, timedelta

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.accounts.access import staff_required
from app.accounts.models import Role, User
from app.clock import as_utc, utcnow
from app.extensions import db
from app.guidance import bp
from app.guidance.access import (
    adviser_of,
    appointment_for,
    question_for,
    queue_clause,
    staff_office_ids,
)
from app.guidance.forms import (
    AbsenceForm,
    AdviserForm,
    AnswerForm,
    AssignForm,
    BookingForm,
    ChangeForm,
    FeedbackForm,
    HoursForm,
    OfficeForm,
    PeerAdviserForm,
    QuestionForm,
)
from app.guidance.mails import parties, send_appointment_mail, send_question_mail
from app.guidance.models import (
    Absence,
    Adviser,
    AdviserKind,
    AdviserOffice,
    AdviserSkill,
    AdviserTopic,
    Appointment,
    AppointmentStatus,
    Helped,
    Mode,
    Office,
    Question,
    QuestionStatus,
    WeeklyHours,
)
from app.guidance.presence import presence_csv, presence_rows, totals_by_topic_and_mode
from app.guidance.questions import ask, assign, is_overdue, member_region, post_answer
from app.guidance.scheduling import (
    LOCAL,
    BookingRefused,
    available_slots,
    book,
    cancel,
    move,
    parse_slot_key,
)
from app.guidance.search import adviser_visible_to
from app.guidance.topics import all_topics, topic_choices
from app.places.regions import region_name
from app.skills.taxonomy import resolve_skill

PER_PAGE = 20
#: Days of free slots a booking page shows.
SLOT_DAYS = 14
PRESENCE_DEFAULT_DAYS = 90


def _me() -> User:
    return current_user._get_current_object()


def _refuse(form, message, field: str | None = None) -> None:
    if field and field in form and form[field].type != "HiddenField":
        form[field].errors = [*form[field].errors, str(message)]
    else:
        form.form_errors.append(str(message))


def _today() -> date:
    return utcnow().astimezone(LOCAL).date()


def _office_choices() -> list[tuple[int, str]]:
    return [
        (office.id, office.name)
        for office in db.session.scalars(select(Office).order_by(Office.name))
    ]


# --- offices -----------------------------------------------------------------------------------


@bp.get("/")
def offices():
    rows = db.session.scalars(
        select(Office)
        .order_by(Office.name)
        .options(selectinload(Office.advisers).selectinload(AdviserOffice.adviser))
    ).all()
    return render_template("guidance/offices.html", offices=rows, viewer=current_user)


def _fill_office(office: Office, form: OfficeForm) -> None:
    office.name = form.name.data
    office.address = form.address.data
    office.place = form.place.place
    office.opening_hours = form.opening_hours.data or ""
    office.languages = " ".join(form.languages.data or [])
    office.description = form.description.data or ""


@bp.route("/offices/new", methods=["GET", "POST"])
@staff_required
def new_office():
    form = OfficeForm()
    if form.validate_on_submit():
        office = Office()
        _fill_office(office, form)
        db.session.add(office)
        db.session.commit()
        flash(_("The office is saved."), "success")
        return redirect(url_for("guidance.offices"))
    return render_template("guidance/office_edit.html", form=form, office=None)


@bp.route("/offices/<int:office_id>/edit", methods=["GET", "POST"])
@staff_required
def edit_office(office_id: int):
    office = db.get_or_404(Office, office_id)
    form = OfficeForm(obj=office if request.method == "GET" else None)
    if request.method == "GET":
        form.languages.data = office.language_codes
    if form.validate_on_submit():
        _fill_office(office, form)
        db.session.commit()
        flash(_("The office is saved."), "success")
        return redirect(url_for("guidance.offices"))
    return render_template("guidance/office_edit.html", form=form, office=office)


# --- advisers ----------------------------------------------------------------------------------


@bp.get("/advisers/<int:adviser_id>")
def adviser(adviser_id: int):
    row = db.get_or_404(Adviser, adviser_id)
    if not adviser_visible_to(row, current_user):
        abort(404)
    slots = []
    if current_user.is_authenticated and row.active:
        slots = available_slots(row, _today(), SLOT_DAYS)
    return render_template("guidance/adviser.html", adviser=row, slots=slots)


@bp.route("/me", methods=["GET", "POST"])
@login_required
def my_profile():
    """A staff member's own adviser profile (created on the first save)."""
    if not current_user.is_staff:
        abort(403)
    row = db.session.scalar(select(Adviser).where(Adviser.user_id == current_user.id))
    form = AdviserForm(topics=topic_choices(), offices=_office_choices())
    if request.method == "GET" and row is not None:
        form.headline.data = row.headline
        form.bio.data = row.bio
        form.topics.data = row.topic_ids
        form.skills.data = ", ".join(s.skill.label() for s in row.skills)
        form.languages.data = row.language_codes
        form.offices.data = row.office_ids
        form.modes.data = [mode.value for mode in row.mode_values]
        form.slot_minutes.data = row.slot_minutes
    if form.validate_on_submit():
        skills = []
        for name in form.skill_names():
            skill = resolve_skill(name)
            if skill is None:
                _refuse(form, _("We do not know the skill “%(name)s”.", name=name), "skills")
            elif skill.id not in skills:
                skills.append(skill.id)
        if not form.skills.errors:
            if row is None:
                row = Adviser(user_id=current_user.id, kind=AdviserKind.STAFF)
                db.session.add(row)
            row.kind = AdviserKind.STAFF
            row.active = True
            row.headline = form.headline.data or ""
            row.bio = form.bio.data or ""
            row.languages = " ".join(form.languages.data)
            row.modes = " ".join(form.modes.data)
            row.slot_minutes = form.slot_minutes.data
            row.topics = [AdviserTopic(topic_id=t) for t in form.topics.data]
            row.skills = [AdviserSkill(skill_id=s) for s in skills]
            row.offices = [AdviserOffice(office_id=o) for o in form.offices.data]
            row.updated_at = utcnow()
            db.session.commit()
            flash(_("Your adviser profile is saved."), "success")
            return redirect(url_for("guidance.adviser", adviser_id=row.id))
    return render_template("guidance/adviser_edit.html", form=form, adviser=row)


def _my_adviser_or_403() -> Adviser:
    row = adviser_of(current_user)
    if row is None:
        abort(403)
    return row


@bp.route("/me/hours", methods=["GET", "POST"])
@login_required
def my_hours():
    row = _my_adviser_or_403()
    offices = [(o.office_id, o.office.name) for o in row.offices]
    hours_form = HoursForm(prefix="hours", offices=offices)
    absence_form = AbsenceForm(prefix="absence")
    if request.method == "POST" and "hours-weekday" in request.form:
        if hours_form.validate_on_submit():
            office_id = hours_form.office.data or None
            if office_id is not None and office_id not in row.office_ids:
                abort(400)
            db.session.add(
                WeeklyHours(
                    adviser_id=row.id,
                    office_id=office_id,
                    weekday=hours_form.weekday.data,
                    starts=hours_form.starts.data,
                    ends=hours_form.ends.data,
                )
            )
            db.session.commit()
            flash(_("The hours are added."), "success")
            return redirect(url_for("guidance.my_hours"))
    elif request.method == "POST" and absence_form.validate_on_submit():
        db.session.add(
            Absence(
                adviser_id=row.id,
                first_day=absence_form.first_day.data,
                last_day=absence_form.last_day.data,
                note=absence_form.note.data or "",
            )
        )
        db.session.commit()
        flash(_("The days off are added."), "success")
        return redirect(url_for("guidance.my_hours"))
    return render_template(
        "guidance/hours.html", adviser=row, hours_form=hours_form, absence_form=absence_form
    )


@bp.post("/me/hours/<int:hours_id>/delete")
@login_required
def delete_hours(hours_id: int):
    row = _my_adviser_or_403()
    hours = db.get_or_404(WeeklyHours, hours_id)
    if hours.adviser_id != row.id:
        abort(404)
    db.session.delete(hours)
    db.session.commit()
    return redirect(url_for("guidance.my_hours"))


@bp.post("/me/absences/<int:absence_id>/delete")
@login_required
def delete_absence(absence_id: int):
    row = _my_adviser_or_403()
    absence = db.get_or_404(Absence, absence_id)
    if absence.adviser_id != row.id:
        abort(404)
    db.session.delete(absence)
    db.session.commit()
    return redirect(url_for("guidance.my_hours"))


@bp.route("/peers", methods=["GET", "POST"])
@staff_required
def peers():
    form = PeerAdviserForm(topics=topic_choices())
    if form.validate_on_submit():
        member = User.by_email(form.email.data)
        if member is None or member.role is not Role.MEMBER:
            _refuse(form, _("No member has this e-mail address."), "email")
        else:
            row = db.session.scalar(select(Adviser).where(Adviser.user_id == member.id))
            if row is None:
                row = Adviser(user_id=member.id, languages="", modes="video phone")
                db.session.add(row)
            row.kind = AdviserKind.PEER
            row.active = True
            row.granted_by_id = current_user.id
            row.topics = [AdviserTopic(topic_id=t) for t in form.topics.data]
            row.updated_at = utcnow()
            db.session.commit()
            flash(_("%(name)s is now a peer adviser.", name=member.name), "success")
            return redirect(url_for("guidance.peers"))
    rows = db.session.scalars(
        select(Adviser).where(Adviser.kind == AdviserKind.PEER).order_by(Adviser.id)
    ).all()
    return render_template("guidance/peers.html", form=form, peers=rows)


@bp.post("/peers/<int:adviser_id>/revoke")
@staff_required
def revoke_peer(adviser_id: int):
    row = db.get_or_404(Adviser, adviser_id)
    if row.kind is not AdviserKind.PEER:
        abort(404)
    row.active = False
    row.updated_at = utcnow()
    db.session.commit()
    flash(_("The peer adviser role is taken back."), "success")
    return redirect(url_for("guidance.peers"))


# --- booking and appointments ------------------------------------------------------------------


@bp.route("/advisers/<int:adviser_id>/book", methods=["GET", "POST"])
@login_required
def book_slot(adviser_id: int):
    row = db.get_or_404(Adviser, adviser_id)
    if not row.active or not adviser_visible_to(row, current_user):
        abort(404)
    if row.user_id == current_user.id:
        abort(403)
    form = BookingForm(topics=[(t.id, t.label()) for r in row.topics for t in [r.topic]])
    if request.method == "GET":
        form.slot.data = request.args.get("slot", "")
        form.question.data = request.args.get("question", "")
        if row.topic_ids:
            form.topic.data = row.topic_ids[0] if len(row.topic_ids) == 1 else ""
    elif form.validate_on_submit():
        starts_at = parse_slot_key(form.slot.data)
        question_id = _own_question_id(form.question.data)
        if starts_at is None:
            _refuse(form, _("Choose a slot."))
        else:
            try:
                appointment = book(
                    _me(),
                    row,
                    starts_at,
                    form.topic.data,
                    Mode(form.mode.data),
                    form.description.data,
                    region=member_region(_me()),
                    question_id=question_id,
                )
            except BookingRefused as refused:
                _refuse(form, refused.message, refused.field)
            else:
                send_appointment_mail(appointment, "booked", parties(appointment), by=_me())
                flash(_("Your appointment is booked. You will receive a confirmation."), "success")
                return redirect(url_for("guidance.appointment", appointment_id=appointment.id))
    starts_at = parse_slot_key(form.slot.data)
    slots = available_slots(row, _today(), SLOT_DAYS)
    chosen = next((s for s in slots if s.starts_at == starts_at), None)
    return render_template("guidance/book.html", adviser=row, form=form, slots=slots, chosen=chosen)


def _own_question_id(value) -> int | None:
    if not value or not str(value).isdigit():
        return None
    question = db.session.get(Question, int(value))
    return question.id if question is not None and question.member_id == current_user.id else None


def _appointment_page(appointment, change_form=None, feedback_form=None, status=200):
    me = _me()
    is_party = me.id in (appointment.member_id, appointment.adviser.user_id)
    slots = []
    if is_party and appointment.status is AppointmentStatus.BOOKED:
        slots = available_slots(appointment.adviser, _today(), SLOT_DAYS)
    return render_template(
        "guidance/appointment.html",
        appointment=appointment,
        is_member=me.id == appointment.member_id,
        is_party=is_party,
        past=as_utc(appointment.starts_at) <= utcnow(),
        slots=slots,
        change_form=change_form or ChangeForm(formdata=None),
        feedback_form=feedback_form or FeedbackForm(formdata=None),
    ), status


@bp.get("/appointments/<int:appointment_id>")
@login_required
def appointment(appointment_id: int):
    return _appointment_page(appointment_for(appointment_id, current_user))


def _party_appointment(appointment_id: int) -> Appointment:
    row = appointment_for(appointment_id, current_user)
    if current_user.id not in (row.member_id, row.adviser.user_id):
        abort(403)
    return row


@bp.post("/appointments/<int:appointment_id>/change")
@login_required
def change_appointment(appointment_id: int):
    """Cancel (no slot) or move (a slot) an appointment, with a reason the other is told."""
    row = _party_appointment(appointment_id)
    form = ChangeForm()
    if not form.validate_on_submit():
        return _appointment_page(row, change_form=form, status=400)
    try:
        if form.slot.data:
            starts_at = parse_slot_key(form.slot.data)
            if starts_at is None:
                raise BookingRefused(_("Choose a slot."))
            move(row, _me(), starts_at, form.reason.data)
            event = "moved"
        else:
            cancel(row, _me(), form.reason.data)
            event = "cancelled"
    except BookingRefused as refused:
        _refuse(form, refused.message)
        return _appointment_page(row, change_form=form, status=400)
    row = db.session.get(Appointment, appointment_id)
    send_appointment_mail(row, event, parties(row), by=_me())
    flash(
        _("The appointment is moved.") if event == "moved" else _("The appointment is cancelled."),
        "success",
    )
    return redirect(url_for("guidance.appointment", appointment_id=row.id))


def _save_feedback(row, form) -> None:
    row.helped = Helped(form.helped.data)
    row.could_be_remote = form.could_be_remote.data == "yes"
    db.session.commit()
    flash(_("Thank you for telling us."), "success")


@bp.post("/appointments/<int:appointment_id>/feedback")
@login_required
def appointment_feedback(appointment_id: int):
    row = appointment_for(appointment_id, current_user)
    if row.member_id != current_user.id or row.status is not AppointmentStatus.BOOKED:
        abort(403)
    form = FeedbackForm()
    if not form.validate_on_submit():
        return _appointment_page(row, feedback_form=form, status=400)
    _save_feedback(row, form)
    return redirect(url_for("guidance.appointment", appointment_id=row.id))


@bp.get("/agenda")
@login_required
def agenda():
    """The adviser's appointments from today on (and, on request, the past ones)."""
    row = _my_adviser_or_403()
    past = request.args.get("past") == "1"
    now = utcnow()
    query = select(Appointment).where(Appointment.adviser_id == row.id)
    if past:
        query = query.where(Appointment.starts_at < now).order_by(Appointment.starts_at.desc())
    else:
        query = query.where(Appointment.starts_at >= now - timedelta(hours=1)).order_by(
            Appointment.starts_at
        )
    page = db.paginate(
        query, page=request.args.get("page", 1, type=int), per_page=PER_PAGE, error_out=False
    )
    return render_template("guidance/agenda.html", adviser=row, page=page, past=past)


@bp.get("/mine")
@login_required
def mine():
    """A member's own appointments and questions."""
    appointments = db.paginate(
        select(Appointment)
        .where(Appointment.member_id == current_user.id)
        .order_by(Appointment.starts_at.desc()),
        page=request.args.get("page", 1, type=int),
        per_page=PER_PAGE,
        error_out=False,
    )
    questions = db.session.scalars(
        select(Question)
        .where(Question.member_id == current_user.id)
        .order_by(Question.created_at.desc())
        .limit(50)
    ).all()
    return render_template("guidance/mine.html", page=appointments, questions=questions)


# --- ask an adviser ----------------------------------------------------------------------------


@bp.route("/ask", methods=["GET", "POST"])
@login_required
def ask_question():
    form = QuestionForm(topics=topic_choices())
    if form.validate_on_submit():
        question = ask(_me(), form.topic.data, Mode(form.mode.data), form.body.data)
        flash(_("Your question is sent. An adviser of your region will answer."), "success")
        return redirect(url_for("guidance.question", question_id=question.id))
    return render_template("guidance/ask.html", form=form, region=member_region(_me()))


def _assignable_advisers(question: Question) -> list[tuple[int, str]]:
    rows = db.session.scalars(
        select(Adviser)
        .join(User, User.id == Adviser.user_id)
        .where(Adviser.active)
        .order_by(User.name)
    ).all()
    return [(row.id, row.user.name) for row in rows]


def _question_page(question, answer_form=None, assign_form=None, feedback_form=None, status=200):
    me = _me()
    return render_template(
        "guidance/question.html",
        question=question,
        is_member=question.member_id == me.id,
        is_adviser=question.adviser is not None and question.adviser.user_id == me.id,
        is_staff=me.is_staff,
        overdue=is_overdue(question),
        answer_form=answer_form or AnswerForm(formdata=None),
        assign_form=assign_form
        or AssignForm(formdata=None, advisers=_assignable_advisers(question)),
        feedback_form=feedback_form or FeedbackForm(formdata=None),
    ), status


@bp.get("/questions/<int:question_id>")
@login_required
def question(question_id: int):
    return _question_page(question_for(question_id, current_user))


@bp.post("/questions/<int:question_id>/messages")
@login_required
def answer_question(question_id: int):
    row = question_for(question_id, current_user)
    is_adviser = row.adviser is not None and row.adviser.user_id == current_user.id
    if current_user.id != row.member_id and not is_adviser:
        abort(403)
    form = AnswerForm()
    if not form.validate_on_submit():
        return _question_page(row, answer_form=form, status=400)
    status_before = row.status
    post_answer(row, _me(), form.body.data)
    if is_adviser and status_before is not QuestionStatus.ANSWERED:
        send_question_mail(row, row.member, "answered")
    return redirect(url_for("guidance.question", question_id=row.id))


@bp.post("/questions/<int:question_id>/propose")
@login_required
def propose_appointment(question_id: int):
    """The adviser answers by proposing an appointment: the member books one of their slots."""
    row = question_for(question_id, current_user)
    if row.adviser is None or row.adviser.user_id != current_user.id:
        abort(403)
    with_mail = row.status is not QuestionStatus.ANSWERED
    link = url_for("guidance.book_slot", adviser_id=row.adviser.id, question=row.id, _external=True)
    post_answer(
        row,
        _me(),
        _("I propose we talk about it in an appointment. Choose a slot: %(url)s", url=link),
    )
    if with_mail:
        send_question_mail(row, row.member, "answered")
    return redirect(url_for("guidance.question", question_id=row.id))


@bp.post("/questions/<int:question_id>/assign")
@staff_required
def assign_question(question_id: int):
    row = question_for(question_id, current_user)
    form = AssignForm(advisers=_assignable_advisers(row))
    if not form.validate_on_submit():
        return _question_page(row, assign_form=form, status=400)
    adviser_row = db.session.get(Adviser, form.adviser.data)
    assign(row, adviser_row)
    send_question_mail(row, adviser_row.user, "assigned")
    flash(_("The question is assigned to %(name)s.", name=adviser_row.user.name), "success")
    return redirect(url_for("guidance.queue"))


@bp.post("/questions/<int:question_id>/feedback")
@login_required
def question_feedback(question_id: int):
    row = question_for(question_id, current_user)
    if row.member_id != current_user.id or row.status is not QuestionStatus.ANSWERED:
        abort(403)
    form = FeedbackForm()
    if not form.validate_on_submit():
        return _question_page(row, feedback_form=form, status=400)
    _save_feedback(row, form)
    return redirect(url_for("guidance.question", question_id=row.id))


@bp.get("/queue")
@staff_required
def queue():
    """The questions of the staff member's offices' regions, oldest first; overdue marked."""
    show = request.args.get("show", "waiting")
    query = select(Question).where(queue_clause(current_user))
    if show != "all":
        query = query.where(Question.status.in_([QuestionStatus.OPEN, QuestionStatus.ASSIGNED]))
    page = db.paginate(
        query.order_by(Question.created_at),
        page=request.args.get("page", 1, type=int),
        per_page=PER_PAGE,
        error_out=False,
    )
    return render_template(
        "guidance/queue.html",
        page=page,
        show=show,
        overdue={q.id for q in page.items if is_overdue(q)},
        has_offices=bool(staff_office_ids(current_user)) or current_user.role is Role.ADMIN,
    )


# --- where guidance needs a local presence -----------------------------------------------------


def _period() -> tuple[date, date, list[str]]:
    errors = []
    today = _today()
    first, last = today - timedelta(days=PRESENCE_DEFAULT_DAYS), today
    for name in ("from", "until"):
        raw = request.args.get(name, "").strip()
        if not raw:
            continue
        try:
            value = date.fromisoformat(raw[:10])
        except ValueError:
            errors.append(_("Give the dates as YYYY-MM-DD."))
            continue
        if name == "from":
            first = value
        else:
            last = value
    if last < first:
        errors.append(_("The end of the period comes after its start."))
        first, last = last, first
    return first, last, errors


@bp.get("/presence")
@staff_required
def presence():
    first, last, errors = _period()
    rows = presence_rows(first, last)
    labels = {topic.id: topic.label() for topic in all_topics()}
    lang = str(get_locale() or "en")
    if request.args.get("format") == "csv":
        text = presence_csv(rows, lambda t: labels.get(t, t), lambda r: region_name(r, lang))
        return Response(
            text,
            mimetype="text/csv",
            headers={"Content-Disposition": f"attachment; filename=presence-{first}-{last}.csv"},
        )
    totals = totals_by_topic_and_mode(rows)
    highest = max((sum(modes.values()) for modes in totals.values()), default=0)
    return render_template(
        "guidance/presence.html",
        rows=rows,
        first=first,
        last=last,
        errors=errors,
        topic_labels=labels,
        totals=totals,
        highest=highest,
        modes=list(Mode),
        region_label=lambda r: region_name(r, lang) if r else _("No region"),
    )


@bp.app_template_global()
def guidance_nav_links() -> list:
    """The guidance pages the signed-in user may use (for the guidance pages' sub-menu)."""
    links = [("guidance.offices", _("Offices and advisers"))]
    if current_user.is_authenticated:
        links += [
            ("guidance.ask_question", _("Ask an adviser")),
            ("guidance.mine", _("My appointments")),
        ]
        if adviser_of(current_user) is not None:
            links += [("guidance.agenda", _("My agenda")), ("guidance.my_hours", _("My hours"))]
        if current_user.is_staff:
            links += [
                ("guidance.my_profile", _("My adviser profile")),
                ("guidance.queue", _("Question queue")),
                ("guidance.peers", _("Peer advisers")),
                ("guidance.presence", _("Local presence")),
            ]
    return links
