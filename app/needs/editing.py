"""Reading a need into its form and saving the form back; changing its status."""

from __future__ import annotations

from app.clock import utcnow
from app.members.models import Mode
from app.members.profiles import _reuse
from app.needs.forms import NeedForm
from app.needs.models import Need, NeedMode, NeedSkill, NeedStatus, NeedVisibility, Solved
from app.partners.editing import fill_skill_rows, skill_ids_of


def fill_need_form(form: NeedForm, need: Need) -> None:
    form.title.data = need.title
    form.body.data = need.body
    fill_skill_rows(form.skills, [row.skill for row in need.skills])
    form.place.data = need.place
    form.modes.data = [mode.value for mode in need.mode_values]
    form.visibility.data = need.visibility.value


def apply_need_form(form: NeedForm, need: Need) -> Need:
    """Write the validated form into the need; the caller adds and commits."""
    need.title = form.title.data
    need.body = form.body.data
    need.place = form.place.place
    need.visibility = NeedVisibility(form.visibility.data)
    need.modes = _reuse(
        need.modes,
        lambda r: r.mode,
        dict.fromkeys(Mode(v) for v in form.modes.data),
        lambda mode: NeedMode(mode=mode),
    )
    need.skills = _reuse(
        need.skills,
        lambda r: r.skill_id,
        skill_ids_of(form.skills),
        lambda skill_id: NeedSkill(skill_id=skill_id),
    )
    for position, row in enumerate(need.skills):
        row.position = position
    need.touch()
    return need


def set_status(need: Need, status: NeedStatus, solved: Solved | None = None) -> None:
    """Open, answered, or closed with how far it was solved; the caller commits."""
    need.status = status
    if status is NeedStatus.CLOSED:
        need.solved = solved
        need.closed_at = utcnow()
    else:
        need.solved = None
        need.closed_at = None
    need.touch()
