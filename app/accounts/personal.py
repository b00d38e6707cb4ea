"""The account's own rows in the member's data export: the account, sign-ins, recovery codes."""

from __future__ import annotations

from typing import Any

from app.accounts.models import RecoveryCode, SignIn, User
from app.personal import PersonalData, register, row_data, rows


def export_account(user: User) -> dict[str, Any]:
    """The account row, its sign-ins (devices) and its recovery codes."""
    return {
        "account": row_data(user),
        "sign_ins": [row_data(sign_in) for sign_in in rows(SignIn, SignIn.user_id == user.id)],
        "recovery_codes": [
            row_data(code) for code in rows(RecoveryCode, RecoveryCode.user_id == user.id)
        ],
    }


def register_personal_data() -> None:
    """Declare the account's rows; the account itself goes last, in delete_account."""
    register(
        PersonalData(
            name="accounts",
            # Sign-ins and recovery codes go with the account (ON DELETE CASCADE).
            models=(User, SignIn, RecoveryCode),
            export=export_account,
            export_order=10,
            withheld={
                ("users", "password_hash"): "a secret, not data",
                ("users", "session_token"): "a secret, not data",
                ("users", "totp_secret"): "a secret, not data",
                ("sign_ins", "token"): "a secret, not data",
                ("recovery_codes", "code_hash"): "a secret, not data",
            },
        )
    )
