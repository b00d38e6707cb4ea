"""A member's needs and answers in their data export, and their going with the account."""

from __future__ import annotations

from typing import Any

from app.connections.people import member_name
from app.needs.models import Need, NeedMode, NeedResponse, NeedSkill
from app.personal import (
    Erasure,
    PersonalData,
    delete_rows,
    register,
    row_data,
    rows,
    skill_name,
)


def export_needs(user) -> dict[str, Any]:
    """Their needs (with the answers to them) and their answers to others' needs."""
    return {
        "needs": _needs(user),
        "responses": [
            row_data(response, need_title=response.need.title)
            for response in rows(
                NeedResponse,
                NeedResponse.author_id == user.id,
                NeedResponse.need.has(Need.author_id != user.id),
            )
        ],
    }


def _needs(user) -> list[dict[str, Any]]:
    return [
        row_data(
            need,
            skills=[
                row_data(row, skill=skill_name(row.skill_id))
                for row in rows(NeedSkill, NeedSkill.need_id == need.id)
            ],
            modes=[row_data(row) for row in rows(NeedMode, NeedMode.need_id == need.id)],
            # Answers to their need, signed as the need's page signs them.
            responses=[
                row_data(response, author=member_name(response.author))
                for response in rows(NeedResponse, NeedResponse.need_id == need.id)
            ],
        )
        for need in rows(Need, Need.author_id == user.id)
    ]


def erase_needs(erasure: Erasure) -> None:
    """Their needs and answers, through the ORM: they are search documents."""
    delete_rows(rows(Need, Need.author_id == erasure.user.id))
    delete_rows(rows(NeedResponse, NeedResponse.author_id == erasure.user.id))


def register_personal_data() -> None:
    """Declare the needs' rows."""
    register(
        PersonalData(
            name="needs",
            models=(Need, NeedResponse),
            export=export_needs,
            export_order=50,
            erase=erase_needs,
            erase_order=20,
        )
    )
