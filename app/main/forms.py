"""The language switcher's form, and the home page's "near" field."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField
from wtforms.validators import DataRequired

from app.i18n import language_choices
from app.places.forms import PlaceField


class LanguageForm(FlaskForm):
    """The language switcher in the navigation bar."""

    language = RadioField(choices=language_choices(), validators=[DataRequired()])
    next = HiddenField()


class NearForm(FlaskForm):
    """The place the visitor wants partners near, read from the query string (?near=Gent)."""

    class Meta:
        csrf = False

    near = PlaceField(_l("Your town or city"))
