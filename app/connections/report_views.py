"""Views for staff: the reported requests, and resolving a report."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from app.accounts.access import staff_required
from app.clock import utcnow
from app.connections import bp
from app.connections.models import RequestReport
from app.extensions import db

REPORTS_PER_PAGE = 50


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
