"""What the connections' views share: the signed-in member, refusals and the way back."""

from __future__ import annotations

from flask import redirect, request
from flask_login import current_user

from app.accounts.models import User
from app.accounts.redirects import safe_next


def current_member() -> User:
    """The signed-in user itself, not the proxy (it is stored in rows and compared by id)."""
    return current_user._get_current_object()


def refuse(form, message, field: str | None = None) -> None:
    """Show a refusal under its field, or above the form."""
    if field:
        form[field].errors = [*form[field].errors, str(message)]
    else:
        form.form_errors.append(str(message))


def back(default: str):
    """Redirect to the page the form came from, if it is on this site."""
    return redirect(safe_next(request.form.get("next")) or default)
