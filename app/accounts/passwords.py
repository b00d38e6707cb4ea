"""Password rules: length bounds, common passwords and guessability."""

from __future__ import annotations

import re
from functools import cache

from flask_babel import lazy_gettext as _l
from wtforms import ValidationError

# zxcvbn is imported where a password is checked: its word lists take about 12 MB, which
# a worker that only serves pages and searches need not hold.

MIN_LENGTH = 10
MAX_LENGTH = 128
# zxcvbn scores 0-4; 3 means "safely unguessable" against an online attack with throttling.
MIN_SCORE = 3


@cache
def common_passwords() -> frozenset[str]:
    """The ~30,000 most common passwords, from the list zxcvbn ships."""
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(FREQUENCY_LISTS["passwords"])


def password_problem(password: str, user_inputs: list[str] | None = None) -> str | None:
    """Why this password is refused, or None when it is acceptable."""
    from zxcvbn import zxcvbn

    if len(password) < MIN_LENGTH:
        return _l("Use at least %(n)d characters.", n=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        return _l("Use at most %(n)d characters.", n=MAX_LENGTH)
    if password.lower() in common_passwords():
        return _l("This is one of the most common passwords. Choose another one.")
    # "an.peeters@example.org" should rule out "peeters" as well as the whole address.
    inputs = [part for s in user_inputs or [] for part in [s, *re.split(r"[\W_]+", s)] if part]
    if zxcvbn(password, user_inputs=inputs, max_length=MAX_LENGTH)["score"] < MIN_SCORE:
        return _l(
            "This password is too easy to guess. Add a few unrelated words or make it longer."
        )
    return None


class StrongPassword:
    """WTForms validator; reads the name and e-mail fields so a password cannot repeat them."""

    def __init__(self, *context_fields: str) -> None:
        self.context_fields = context_fields

    def __call__(self, form, field) -> None:
        inputs = [str(form[name].data or "") for name in self.context_fields if name in form]
        problem = password_problem(field.data or "", inputs)
        if problem:
            raise ValidationError(problem)
