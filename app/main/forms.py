"""The language switcher's form."""

from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField
from wtforms.validators import DataRequired

from app.i18n import language_choices


class LanguageForm(FlaskForm):
    """The language switcher in the navigation bar."""

    language = RadioField(choices=language_choices(), validators=[DataRequired()])
    next = HiddenField()
