"""Forms for registering, signing in and managing an account."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    PasswordField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, EqualTo, Length, ValidationError

from app.accounts.models import EMAIL_LENGTH, NAME_LENGTH, User
from app.accounts.passwords import MAX_LENGTH, StrongPassword
from app.forms import no_control_characters, strip_filter
from app.i18n import language_choices


def email_field(label):
    return EmailField(
        label,
        filters=[strip_filter],
        validators=[
            DataRequired(_l("Enter your e-mail address.")),
            Length(max=EMAIL_LENGTH, message=_l("An e-mail address has at most 254 characters.")),
            Email(
                _l("Enter a valid e-mail address, like name@example.org."),
                check_deliverability=False,
            ),
        ],
        render_kw={"autocomplete": "email", "maxlength": EMAIL_LENGTH},
    )


def new_password_fields(context: tuple[str, ...]):
    """A new password and its confirmation, with the strength rules."""
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(_l("Choose a password.")), StrongPassword(*context)],
        description=_l("At least 10 characters. A few unrelated words make a strong password."),
        render_kw={"autocomplete": "new-password", "maxlength": MAX_LENGTH},
    )
    confirm = PasswordField(
        _l("Repeat the password"),
        validators=[
            DataRequired(_l("Repeat the password.")),
            EqualTo("password", message=_l("The two passwords are not the same.")),
        ],
        render_kw={"autocomplete": "new-password", "maxlength": MAX_LENGTH},
    )
    return password, confirm


def current_password_field(label=None):
    return PasswordField(
        label or _l("Current password"),
        validators=[DataRequired(_l("Enter your current password."))],
        render_kw={"autocomplete": "current-password", "maxlength": MAX_LENGTH},
    )


def unique_email(form, field) -> None:
    """No two accounts share an e-mail address, whatever its case."""
    if field.data and User.by_email(field.data) is not None:
        raise ValidationError(_l("An account with this e-mail address already exists."))


class RegisterForm(FlaskForm):
    name = StringField(
        _l("Name"),
        filters=[strip_filter],
        validators=[
            DataRequired(_l("Enter your name.")),
            Length(max=NAME_LENGTH, message=_l("A name has at most 100 characters.")),
            no_control_characters,
        ],
        render_kw={"autocomplete": "name", "maxlength": NAME_LENGTH},
    )
    email = email_field(_l("E-mail address"))
    password, confirm = new_password_fields(("name", "email"))
    # No unique_email here: an address already taken gets a mail, the visitor the same page.


class LoginForm(FlaskForm):
    email = email_field(_l("E-mail address"))
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(_l("Enter your password."))],
        render_kw={"autocomplete": "current-password"},
    )
    remember = BooleanField(_l("Keep me signed in on this device"))
    next = HiddenField()


class ChangePasswordForm(FlaskForm):
    current = current_password_field()
    password, confirm = new_password_fields(())


class ChangeEmailForm(FlaskForm):
    email = email_field(_l("New e-mail address"))
    current = current_password_field()

    validate_email = unique_email


class PreferencesForm(FlaskForm):
    locale = SelectField(_l("Language of the interface"), choices=language_choices())


class DeleteAccountForm(FlaskForm):
    # Deleting is the default: keeping one's writing is a gift to the community, chosen.
    writing = RadioField(
        _l("Your published articles and comments"),
        choices=[
            SelectChoice("delete", _l("Delete them")),
            SelectChoice("keep", _l("Keep them, shown as written by “a former member”")),
        ],
        default="delete",
        description=_l(
            "Kept articles and comments no longer carry your name. Drafts are always deleted."
        ),
    )
    current = current_password_field(_l("Your password"))
    confirm = BooleanField(
        _l("I understand that my account is deleted for good."),
        validators=[DataRequired(_l("Tick the box to confirm."))],
    )


class ForgotPasswordForm(FlaskForm):
    email = email_field(_l("E-mail address"))


class ResetPasswordForm(FlaskForm):
    password, confirm = new_password_fields(())


class ResendVerificationForm(FlaskForm):
    """Only the CSRF token: the address is the signed-in member's."""


class CsrfOnlyForm(FlaskForm):
    """Only the CSRF token: a button that acts on what its address names."""


def code_field(description):
    return StringField(
        _l("Code"),
        filters=[strip_filter],
        validators=[
            DataRequired(_l("Enter the code.")),
            Length(max=40, message=_l("A code has at most 40 characters.")),
        ],
        description=description,
        render_kw={"autocomplete": "one-time-code", "maxlength": 40, "spellcheck": "false"},
    )


class TwoFactorLoginForm(FlaskForm):
    code = code_field(_l("The six digits your app shows now, or one of your recovery codes."))


class TwoFactorConfirmForm(FlaskForm):
    code = code_field(_l("The six digits your app shows now."))


class TwoFactorStartForm(FlaskForm):
    current = current_password_field()


class TwoFactorProofForm(FlaskForm):
    """For turning two-factor sign-in off, or new recovery codes: the password or a code."""

    proof = PasswordField(
        _l("Your password, or a code from your app"),
        validators=[DataRequired(_l("Enter your password or a code."))],
        render_kw={"autocomplete": "current-password", "maxlength": MAX_LENGTH},
    )


#: Addresses one invitation form may name (a larger list goes through `flask users invite`).
MAX_INVITATIONS = 500


class InviteForm(FlaskForm):
    emails = TextAreaField(
        _l("E-mail addresses of members"),
        validators=[Length(max=60_000, message=_l("That is too long a list."))],
        description=_l("One or more addresses, one a line or separated by commas."),
        render_kw={"rows": 6, "spellcheck": "false"},
    )
    all_unconfirmed = BooleanField(
        _l("Also every member whose address was never confirmed (imported, never signed in)")
    )

    def validate_emails(self, field) -> None:
        addresses = self.addresses()
        if not addresses and not self.all_unconfirmed.data:
            raise ValidationError(_l("Give at least one address, or tick the box."))
        if len(addresses) > MAX_INVITATIONS:
            raise ValidationError(
                _l("At most %(count)d addresses at a time.", count=MAX_INVITATIONS)
            )

    def addresses(self) -> list[str]:
        """The addresses typed, each once, in their order."""
        words = re.split(r"[\s,;]+", self.emails.data or "")
        return list(dict.fromkeys(word for word in words if word))
