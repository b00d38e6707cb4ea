"""A member's notifications in their data export; others' about them lose their name."""

from __future__ import annotations

from typing import Any

from sqlalchemy import update

from app.extensions import db
from app.notifications.models import Notification
from app.personal import Erasure, PersonalData, register, row_data, rows


def export_notifications(user) -> dict[str, Any]:
    """Their notifications, with the message each shows."""
    return {
        "notifications": [
            row_data(row, message=row.message)
            for row in rows(Notification, Notification.user_id == user.id)
        ]
    }


def erase_notifications(erasure: Erasure) -> None:
    """Others' notifications about what they did keep their sense, not their name."""
    db.session.execute(
        update(Notification)
        .where(Notification.actor_id == erasure.user.id)
        .values(actor_id=None, actor_name="")
        .execution_options(synchronize_session=False)
    )


def register_personal_data() -> None:
    """Declare the notifications (their own go by ON DELETE CASCADE)."""
    register(
        PersonalData(
            name="notifications",
            models=(Notification,),
            export=export_notifications,
            export_order=70,
            erase=erase_notifications,
            erase_order=95,
        )
    )
