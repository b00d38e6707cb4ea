"""The unmet-needs radar: needs nobody answered and needs closed unsolved, by skill and region."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, and_, case, func, or_, select

from app.clock import utcnow
from app.extensions import db
from app.needs.models import Need, NeedSkill, NeedStatus, Solved
from app.places.models import Place
from app.places.regions import region_name
from app.skills.models import Skill, interface_language

#: An open need without any response for this long counts as unmet.
STALE_AFTER = timedelta(days=14)
#: Cells a spreadsheet would read as a formula start with one of these.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CSV_HEADER = (
    "dimension",
    "code",
    "name",
    "open_without_response",
    "closed_not_solved",
    "total",
    "members_concerned",
)


@dataclass(frozen=True)
class RadarRow:
    """One skill or region: its code ("" for none given), its name and its two counts."""

    code: str
    name: str
    stale: int
    unsolved: int
    #: The needs' authors and the members who said "me too" to them.
    members: int = 0

    @property
    def total(self) -> int:
        return self.stale + self.unsolved


@dataclass
class Radar:
    now: datetime
    stale: int = 0
    unsolved: int = 0
    members_concerned: int = 0
    by_skill: list[RadarRow] = field(default_factory=list)
    by_region: list[RadarRow] = field(default_factory=list)

    @property
    def largest(self) -> int:
        """The largest total of a row, the full length of the bars."""
        return max((row.total for row in (*self.by_skill, *self.by_region)), default=0)


def stale_clause(now: datetime) -> ColumnElement[bool]:
    """Open for more than STALE_AFTER without any response."""
    return and_(
        Need.status == NeedStatus.OPEN,
        Need.created_at < now - STALE_AFTER,
        ~Need.responses.any(),
    )


def unsolved_clause() -> ColumnElement[bool]:
    """Closed by the author as not solved."""
    return and_(Need.status == NeedStatus.CLOSED, Need.solved == Solved.NO)


def members_of_need():
    """The members a need concerns: its author and those who said "me too"."""
    from app.proposals.models import NeedMeToo

    shared = (
        select(func.count())
        .select_from(NeedMeToo)
        .where(NeedMeToo.need_id == Need.id)
        .correlate(Need)
        .scalar_subquery()
    )
    return 1 + shared


def _counts(now: datetime):
    stale, unsolved = stale_clause(now), unsolved_clause()
    return (
        func.sum(case((stale, 1), else_=0)).label("stale"),
        func.sum(case((unsolved, 1), else_=0)).label("unsolved"),
        or_(stale, unsolved),
    )


def _members():
    return func.coalesce(func.sum(members_of_need()), 0).label("members")


def _sorted(rows: list[RadarRow]) -> list[RadarRow]:
    return sorted(rows, key=lambda row: (-row.total, row.code == "", row.name.casefold()))


def unmet_needs(now: datetime | None = None) -> list[Need]:
    """The unmet needs themselves, oldest first."""
    now = now or utcnow()
    return list(
        db.session.scalars(
            select(Need)
            .where(or_(stale_clause(now), unsolved_clause()))
            .order_by(Need.created_at, Need.id)
        )
    )


NO_SKILL = _l("No skill given")
NO_PLACE = _l("No place given")


def _in(lang: str, message) -> str:
    """A lazy ``message`` in ``lang``, like the skill and region names beside it."""
    with force_locale(lang):
        return str(message)


def build_radar(now: datetime | None = None, lang: str | None = None) -> Radar:
    """Count the unmet needs at ``now``: once per skill they name, once by their region."""
    now = now or utcnow()
    lang = lang or interface_language()
    stale_sum, unsolved_sum, unmet = _counts(now)
    radar = Radar(now=now)
    totals = db.session.execute(select(stale_sum, unsolved_sum, _members()).where(unmet)).one()
    radar.stale, radar.unsolved = int(totals.stale or 0), int(totals.unsolved or 0)
    radar.members_concerned = int(totals.members or 0)

    skill_rows = db.session.execute(
        select(NeedSkill.skill_id, stale_sum, unsolved_sum, _members())
        .join(Need, NeedSkill.need_id == Need.id)
        .where(unmet)
        .group_by(NeedSkill.skill_id)
    ).all()
    skills = {
        skill.id: skill
        for skill in db.session.scalars(
            select(Skill).where(Skill.id.in_([row.skill_id for row in skill_rows]))
        )
    }
    by_skill = [
        RadarRow(
            skills[row.skill_id].slug or str(row.skill_id),
            skills[row.skill_id].label(lang),
            int(row.stale),
            int(row.unsolved),
            int(row.members),
        )
        for row in skill_rows
    ]
    without_skill = db.session.execute(
        select(stale_sum, unsolved_sum, _members()).where(unmet, ~Need.skills.any())
    ).one()
    if without_skill.stale or without_skill.unsolved:
        by_skill.append(
            RadarRow(
                "",
                _in(lang, NO_SKILL),
                int(without_skill.stale),
                int(without_skill.unsolved),
                int(without_skill.members),
            )
        )
    radar.by_skill = _sorted(by_skill)

    region_rows = db.session.execute(
        select(Place.region, stale_sum, unsolved_sum, _members())
        .select_from(Need)
        .outerjoin(Place, Need.place_id == Place.id)
        .where(unmet)
        .group_by(Place.region)
    ).all()
    radar.by_region = _sorted(
        [
            RadarRow(
                row.region or "",
                region_name(row.region, lang) if row.region else _in(lang, NO_PLACE),
                int(row.stale),
                int(row.unsolved),
                int(row.members),
            )
            for row in region_rows
        ]
    )
    return radar


def csv_cell(value) -> str:
    """A cell a spreadsheet shows as text: one starting like a formula gets a quote first."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def radar_csv(radar: Radar) -> str:
    """The radar's counts as CSV, one row per skill and per region."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for dimension, rows in (("skill", radar.by_skill), ("region", radar.by_region)):
        for row in rows:
            writer.writerow(
                [csv_cell(v) for v in (dimension, row.code, row.name, row.stale, row.unsolved)]
                + [row.total, row.members]
            )
    return out.getvalue()
