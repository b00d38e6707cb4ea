"""Form pieces every feature uses: input filters, validators and fields."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import SelectMultipleField
from wtforms.validators import ValidationError
from wtforms.widgets import CheckboxInput, ListWidget


def strip_filter(value):
    """Trim surrounding white space from text input."""
    return value.strip() if isinstance(value, str) else value


def no_control_characters(form, field) -> None:
    """Refuse invisible control characters in a one-line text."""
    if field.data and any(ord(ch) < 32 or 127 <= ord(ch) < 160 for ch in field.data):
        raise ValidationError(_l("Remove the invisible control characters."))


class MultiCheckboxField(SelectMultipleField):
    """A multiple choice shown as a list of checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class PictureForm(FlaskForm):
    """One picture to upload (a photo or a logo); app.images checks what it is."""

    picture = FileField(
        _l("Picture"),
        description=_l("JPEG, PNG or WebP, at most 2 MB. We keep a copy without its metadata."),
        render_kw={"accept": "image/jpeg,image/png,image/webp"},
    )


class RemovePictureForm(FlaskForm):
    """The button that removes a picture (its CSRF token only)."""
