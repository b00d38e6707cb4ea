"""Views for "me too" and merging needs, service proposals, and the public roadmap."""

from __future__ import annotations

import logging

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.accounts.access import staff_required
from app.extensions import db
from app.needs.access import can_post_need, need_visible_to, require_visible_need
from app.needs.models import Need
from app.needs.people import public_name
from app.notifications.models import NotificationKind, forget_notifications, notify
from app.proposals import bp
from app.proposals.answers import answer_link, set_answer
from app.proposals.demand import (
    add_me_too,
    can_me_too,
    has_me_too,
    me_too_count,
    merge_needs,
    remove_me_too,
)
from app.proposals.forms import (
    ActionForm,
    CommentForm,
    MergeForm,
    ProposalForm,
    ProposalListForm,
    ProposalStatusForm,
)
from app.proposals.models import (
    PROPOSAL_STATUS_LABELS,
    TRANSITIONS,
    AnswerKind,
    NeedMeToo,
    Proposal,
    ProposalComment,
    ProposalNeed,
    ProposalStatus,
    ProposalSupport,
)
from app.proposals.telling import mail_status_change, notify_status_change

logger = logging.getLogger(__name__)

PER_PAGE = 20
ROADMAP_PER_STATUS = 50
ROADMAP_ORDER = (
    ProposalStatus.AVAILABLE,
    ProposalStatus.PLANNED,
    ProposalStatus.UNDER_STUDY,
    ProposalStatus.PROPOSED,
    ProposalStatus.DECLINED,
)


# --- counts -------------------------------------------------------------------------------------


def support_count_column():
    return (
        select(func.count())
        .select_from(ProposalSupport)
        .where(ProposalSupport.proposal_id == Proposal.id)
        .correlate(Proposal)
        .scalar_subquery()
    )


def demand_column():
    """The demand of a proposal's needs: each linked need counts its author and its "me too"s."""
    linked = (
        select(func.count())
        .select_from(ProposalNeed)
        .where(ProposalNeed.proposal_id == Proposal.id)
        .correlate(Proposal)
        .scalar_subquery()
    )
    shared = (
        select(func.count())
        .select_from(NeedMeToo)
        .join(ProposalNeed, ProposalNeed.need_id == NeedMeToo.need_id)
        .where(ProposalNeed.proposal_id == Proposal.id)
        .correlate(Proposal)
        .scalar_subquery()
    )
    return linked + shared


def proposal_counts(ids) -> dict[int, tuple[int, int]]:
    """(supports, demand) of each proposal, by id."""
    ids = list(ids)
    if not ids:
        return {}
    rows = db.session.execute(
        select(Proposal.id, support_count_column(), demand_column()).where(Proposal.id.in_(ids))
    )
    return {row[0]: (int(row[1]), int(row[2])) for row in rows}


def _committed() -> bool:
    """Commit a "me too" or a support; False if the same one came first from another
    request (a double click): the primary key refuses the second, and nothing is lost."""
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return False
    return True


# --- on a need's page ---------------------------------------------------------------------------


@bp.app_template_global()
def need_demand(need: Need) -> dict:
    """What the need's page shows of its demand: the count, the viewer's "me too", the forms,
    and the proposals that answer it."""
    staff = current_user.is_authenticated and current_user.is_staff
    linked = list(
        db.session.scalars(
            select(Proposal)
            .join(ProposalNeed, ProposalNeed.proposal_id == Proposal.id)
            .where(ProposalNeed.need_id == need.id, Proposal.status != ProposalStatus.DECLINED)
            .order_by(Proposal.id)
        )
    )
    return {
        "count": me_too_count(need.id),
        "mine": has_me_too(need, current_user),
        "may": can_me_too(need, current_user),
        "form": ActionForm(),
        "proposals": linked,
        "may_propose": can_post_need(current_user),
        "merge_form": MergeForm() if staff else None,
    }


@bp.post("/needs/<int:need_id>/me-too")
@login_required
def me_too(need_id: int):
    need = require_visible_need(need_id, current_user)
    if not can_me_too(need, current_user):
        abort(403)
    if not ActionForm().validate_on_submit():
        abort(400)
    if add_me_too(need, current_user) and _committed():
        flash(_("You said you have this need too."), "success")
    return redirect(url_for("needs.show", need_id=need.id) + "#demand")


@bp.post("/needs/<int:need_id>/me-too/delete")
@login_required
def take_back_me_too(need_id: int):
    need = require_visible_need(need_id, current_user)
    if not ActionForm().validate_on_submit():
        abort(400)
    if remove_me_too(need, current_user):
        db.session.commit()
        flash(_("You took your “me too” back."), "info")
    return redirect(url_for("needs.show", need_id=need.id) + "#demand")


@bp.post("/needs/<int:need_id>/merge")
@staff_required
def merge(need_id: int):
    """Staff: this need is a duplicate of another one; everything moves there."""
    duplicate = require_visible_need(need_id, current_user)
    form = MergeForm()
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for error in errors:
                flash(str(error), "danger")
        return redirect(url_for("needs.show", need_id=duplicate.id))
    target = db.session.get(Need, form.target.data)
    if target is None or target.id == duplicate.id:
        flash(_("There is no other need with this number."), "danger")
        return redirect(url_for("needs.show", need_id=duplicate.id))
    link = url_for("needs.show", need_id=target.id)
    old_link = url_for("needs.show", need_id=duplicate.id)
    told = {duplicate.author_id, target.author_id}
    title, duplicate_id = target.title, duplicate.id
    merge_needs(duplicate, target)
    forget_notifications(old_link)
    for user_id in sorted(told):
        notify(
            user_id,
            NotificationKind.NEED_MERGED,
            actor=current_user,
            actor_name=public_name(current_user),
            subject=title,
            link=link,
        )
    db.session.commit()
    logger.info("need %s merged into %s by user %s", duplicate_id, target.id, current_user.id)
    flash(_("The needs are merged."), "success")
    return redirect(link)


# --- proposals ----------------------------------------------------------------------------------


def _require_proposal(proposal_id: int) -> Proposal:
    proposal = db.session.get(Proposal, proposal_id)
    if proposal is None:
        abort(404)
    return proposal


def can_edit(proposal: Proposal, user) -> bool:
    """Staff always; its author while nobody has started studying it."""
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    return proposal.author_id == user.id and proposal.status is ProposalStatus.PROPOSED


@bp.get("/proposals/")
def proposals():
    form = ProposalListForm(request.args)
    form.validate()
    sort = form.sort.data if not form.sort.errors else "support"
    stmt = select(Proposal)
    if form.status.data and not form.status.errors:
        stmt = stmt.where(Proposal.status == ProposalStatus(form.status.data))
    if sort == "demand":
        stmt = stmt.order_by(demand_column().desc(), support_count_column().desc())
    elif sort == "newest":
        stmt = stmt.order_by(Proposal.created_at.desc())
    else:
        stmt = stmt.order_by(support_count_column().desc(), demand_column().desc())
    stmt = stmt.order_by(Proposal.id.desc())
    page = db.paginate(
        stmt, page=request.args.get("page", 1, type=int), per_page=PER_PAGE, error_out=False
    )
    return render_template(
        "proposals/list.html",
        form=form,
        page=page,
        counts=proposal_counts(p.id for p in page.items),
        may_propose=can_post_need(current_user),
    )


@bp.get("/roadmap")
def roadmap():
    """The cooperative's roadmap: what is available, planned, studied, proposed, declined."""
    groups = []
    for status in ROADMAP_ORDER:
        rows = list(
            db.session.scalars(
                select(Proposal)
                .where(Proposal.status == status)
                .order_by(support_count_column().desc(), Proposal.status_changed_at.desc())
                .limit(ROADMAP_PER_STATUS)
            )
        )
        groups.append((status, rows))
    ids = [p.id for _status, rows in groups for p in rows]
    return render_template(
        "proposals/roadmap.html",
        groups=groups,
        counts=proposal_counts(ids),
        answer_link=lambda p: answer_link(p, current_user),
    )


def _linked_needs_error(need_ids: list[int]) -> str | None:
    for need_id in need_ids:
        need = db.session.get(Need, need_id)
        if need is None or not need_visible_to(need, current_user):
            return _("There is no need number %(id)d.", id=need_id)
    return None


def _editor(form: ProposalForm, proposal: Proposal | None):
    if request.method == "GET":
        if proposal is not None:
            form.title.data = proposal.title
            form.body.data = proposal.body
            form.kind.data = proposal.kind.value
            form.audience.data = proposal.audience
            form.needs.data = ", ".join(str(i) for i in proposal.need_ids)
        else:
            given = request.args.get("need", type=int)
            if given is not None:
                need = db.session.get(Need, given)
                if need is not None and need_visible_to(need, current_user):
                    form.needs.data = str(need.id)
    elif form.validate_on_submit():
        need_ids = getattr(form.needs, "need_ids", [])
        error = _linked_needs_error(need_ids)
        if error is not None:
            form.needs.errors = [*form.needs.errors, error]
        else:
            if proposal is None:
                proposal = Proposal(author_id=current_user.id, status=ProposalStatus.PROPOSED)
                db.session.add(proposal)
            proposal.title = form.title.data
            proposal.body = form.body.data
            proposal.kind = AnswerKind(form.kind.data)
            proposal.audience = form.audience.data or ""
            kept = {link.need_id: link for link in proposal.links}
            proposal.links = [kept.get(i) or ProposalNeed(need_id=i) for i in need_ids]
            proposal.touch()
            db.session.commit()
            flash(_("The proposal is saved."), "success")
            return redirect(url_for("proposals.show", proposal_id=proposal.id))
    status = 200 if request.method == "GET" else 422 if form.errors else 200
    return render_template("proposals/edit.html", form=form, proposal=proposal), status


@bp.route("/proposals/new", methods=["GET", "POST"])
@login_required
def new():
    if not can_post_need(current_user):
        abort(403)
    return _editor(ProposalForm(), None)


@bp.route("/proposals/<int:proposal_id>/edit", methods=["GET", "POST"])
@login_required
def edit(proposal_id: int):
    proposal = _require_proposal(proposal_id)
    if not can_edit(proposal, current_user):
        abort(403)
    return _editor(ProposalForm(), proposal)


def _show(proposal: Proposal, comment_form=None, status_form=None, status: int = 200):
    supported = current_user.is_authenticated and (
        db.session.get(ProposalSupport, (proposal.id, current_user.id)) is not None
    )
    staff = current_user.is_authenticated and current_user.is_staff
    if staff and status_form is None:
        status_form = ProposalStatusForm(formdata=None)
        status_form.status.data = next(iter(sorted(TRANSITIONS[proposal.status])))
    if status_form is not None:
        # Only the statuses it may move to are offered; any other is refused when posted.
        status_form.status.choices = [
            c
            for c in status_form.status.choices
            if ProposalStatus(c.value) in TRANSITIONS[proposal.status]
        ]
    needs = [link.need for link in proposal.links if need_visible_to(link.need, current_user)]
    supports, demand = proposal_counts([proposal.id])[proposal.id]
    page = db.paginate(
        select(ProposalComment)
        .where(ProposalComment.proposal_id == proposal.id)
        .order_by(ProposalComment.id),
        page=request.args.get("page", 1, type=int),
        per_page=PER_PAGE,
        error_out=False,
    )
    return render_template(
        "proposals/show.html",
        proposal=proposal,
        needs=needs,
        hidden_needs=len(proposal.links) - len(needs),
        supports=supports,
        demand=demand,
        supported=supported,
        may_support=current_user.is_authenticated and can_post_need(current_user),
        action_form=ActionForm(),
        comment_form=(comment_form or CommentForm()) if current_user.is_authenticated else None,
        comments=page,
        status_form=status_form if staff else None,
        may_edit=can_edit(proposal, current_user),
        may_delete_comment=lambda c: (
            current_user.is_authenticated
            and (current_user.is_staff or c.author_id == current_user.id)
        ),
        answer=answer_link(proposal, current_user),
    ), status


@bp.get("/proposals/<int:proposal_id>")
def show(proposal_id: int):
    return _show(_require_proposal(proposal_id))


@bp.post("/proposals/<int:proposal_id>/support")
@login_required
def support(proposal_id: int):
    proposal = _require_proposal(proposal_id)
    if not can_post_need(current_user):
        abort(403)
    if not ActionForm().validate_on_submit():
        abort(400)
    if db.session.get(ProposalSupport, (proposal.id, current_user.id)) is None:
        db.session.add(ProposalSupport(proposal_id=proposal.id, user_id=current_user.id))
        if _committed():
            flash(_("You support this proposal."), "success")
    return redirect(url_for("proposals.show", proposal_id=proposal.id))


@bp.post("/proposals/<int:proposal_id>/support/delete")
@login_required
def withdraw_support(proposal_id: int):
    proposal = _require_proposal(proposal_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    row = db.session.get(ProposalSupport, (proposal.id, current_user.id))
    if row is not None:
        db.session.delete(row)
        db.session.commit()
        flash(_("You no longer support this proposal."), "info")
    return redirect(url_for("proposals.show", proposal_id=proposal.id))


@bp.post("/proposals/<int:proposal_id>/comments")
@login_required
def comment(proposal_id: int):
    proposal = _require_proposal(proposal_id)
    form = CommentForm()
    if not form.validate_on_submit():
        return _show(proposal, comment_form=form, status=422)
    row = ProposalComment(proposal_id=proposal.id, author_id=current_user.id, body=form.body.data)
    db.session.add(row)
    db.session.commit()
    return redirect(url_for("proposals.show", proposal_id=proposal.id) + f"#comment-{row.id}")


@bp.post("/proposals/<int:proposal_id>/comments/<int:comment_id>/delete")
@login_required
def delete_comment(proposal_id: int, comment_id: int):
    proposal = _require_proposal(proposal_id)
    row = db.session.get(ProposalComment, comment_id)
    if row is None or row.proposal_id != proposal.id:
        abort(404)
    if not (current_user.is_staff or row.author_id == current_user.id):
        abort(403)
    if not ActionForm().validate_on_submit():
        abort(400)
    db.session.delete(row)
    db.session.commit()
    flash(_("The comment is deleted."), "info")
    return redirect(url_for("proposals.show", proposal_id=proposal.id))


@bp.post("/proposals/<int:proposal_id>/status")
@staff_required
def change_status(proposal_id: int):
    """Staff move a proposal along; everyone who follows it is told."""
    proposal = _require_proposal(proposal_id)
    form = ProposalStatusForm()
    if not form.validate_on_submit():
        return _show(proposal, status_form=form, status=422)
    new_status = ProposalStatus(form.status.data)
    if new_status not in TRANSITIONS[proposal.status]:
        form.status.errors = [
            _(
                "A proposal %(old)s cannot become %(new)s.",
                old=PROPOSAL_STATUS_LABELS[proposal.status],
                new=PROPOSAL_STATUS_LABELS[new_status],
            )
        ]
        return _show(proposal, status_form=form, status=422)
    proposal.status = new_status
    proposal.decline_reason = (
        form.reason.data.strip() if new_status is ProposalStatus.DECLINED else ""
    )
    set_answer(
        proposal,
        getattr(form.answer, "resolved", None) if new_status is ProposalStatus.AVAILABLE else None,
    )
    from app.clock import utcnow

    proposal.status_changed_at = utcnow()
    proposal.touch()
    told = notify_status_change(proposal, current_user)
    db.session.commit()
    mail_status_change(proposal, told)
    flash(
        _("The proposal is now: %(status)s.", status=PROPOSAL_STATUS_LABELS[new_status]),
        "success",
    )
    return redirect(url_for("proposals.show", proposal_id=proposal.id))


@bp.post("/proposals/<int:proposal_id>/delete")
@login_required
def delete(proposal_id: int):
    proposal = _require_proposal(proposal_id)
    if not can_edit(proposal, current_user):
        abort(403)
    if not ActionForm().validate_on_submit():
        abort(400)
    forget_notifications(url_for("proposals.show", proposal_id=proposal.id))
    db.session.delete(proposal)
    db.session.commit()
    flash(_("The proposal is deleted."), "info")
    return redirect(url_for("proposals.proposals"))
