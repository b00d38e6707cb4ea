"""Where guidance needs a local presence: appointments and questions by topic, mode and region."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import case, func, select

from app.extensions import db
from app.guidance.models import Appointment, AppointmentStatus, Mode, Question
from app.guidance.scheduling import LOCAL


@dataclass
class PresenceRow:
    """One topic x mode x region cell of the figures."""

    topic_id: str
    mode: Mode
    region: str | None
    appointments: int = 0
    questions: int = 0
    #: Members' answers to "could it have been done remotely?".
    remote_yes: int = 0
    remote_no: int = 0


def _bounds(first: date, last: date) -> tuple[datetime, datetime]:
    """The UTC moments the Brussels days ``first`` to ``last`` (both included) span."""
    start = datetime.combine(first, time(), tzinfo=LOCAL).astimezone(UTC)
    end = datetime.combine(last + timedelta(days=1), time(), tzinfo=LOCAL).astimezone(UTC)
    return start, end


def _counts(model, moment_column, extra, start, end):
    remote = model.could_be_remote
    return db.session.execute(
        select(
            model.topic_id,
            model.mode,
            model.region,
            func.count(),
            func.sum(case((remote.is_(True), 1), else_=0)),
            func.sum(case((remote.is_(False), 1), else_=0)),
        )
        .where(moment_column >= start, moment_column < end, *extra)
        .group_by(model.topic_id, model.mode, model.region)
    ).all()


def presence_rows(first: date, last: date) -> list[PresenceRow]:
    """The figures over the Brussels days ``first`` to ``last``: booked (not cancelled)
    appointments by their date, questions by the day they were asked."""
    start, end = _bounds(first, last)
    rows: dict[tuple, PresenceRow] = {}

    def row(topic_id, mode, region) -> PresenceRow:
        key = (topic_id, Mode(mode), region)
        if key not in rows:
            rows[key] = PresenceRow(*key)
        return rows[key]

    booked = [Appointment.status == AppointmentStatus.BOOKED]
    for topic_id, mode, region, count, yes, no in _counts(
        Appointment, Appointment.starts_at, booked, start, end
    ):
        cell = row(topic_id, mode, region)
        cell.appointments += count
        cell.remote_yes += yes or 0
        cell.remote_no += no or 0
    for topic_id, mode, region, count, yes, no in _counts(
        Question, Question.created_at, [], start, end
    ):
        cell = row(topic_id, mode, region)
        cell.questions += count
        cell.remote_yes += yes or 0
        cell.remote_no += no or 0
    return sorted(rows.values(), key=lambda r: (r.topic_id, r.mode.value, r.region or ""))


def totals_by_topic_and_mode(rows: list[PresenceRow]) -> dict[str, dict[Mode, int]]:
    """Appointments plus questions per topic and mode (the chart's bars)."""
    totals: dict[str, dict[Mode, int]] = defaultdict(lambda: dict.fromkeys(Mode, 0))
    for row in rows:
        totals[row.topic_id][row.mode] += row.appointments + row.questions
    return dict(totals)


def presence_csv(rows: list[PresenceRow], topic_label, region_label) -> str:
    """The figures as CSV, one line per topic x mode x region."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "topic",
            "topic_label",
            "mode",
            "region",
            "region_label",
            "appointments",
            "questions",
            "could_be_remote_yes",
            "could_be_remote_no",
        ]
    )
    for row in rows:
        writer.writerow(
            [
                row.topic_id,
                topic_label(row.topic_id),
                row.mode.value,
                row.region or "",
                region_label(row.region) if row.region else "",
                row.appointments,
                row.questions,
                row.remote_yes,
                row.remote_no,
            ]
        )
    return out.getvalue()
