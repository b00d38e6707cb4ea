"""A form field for a place, typed by name in any language and resolved through the gazetteer."""

from __future__ import annotations

import re

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import select
from wtforms import StringField
from wtforms.utils import unset_value
from wtforms.validators import StopValidation, ValidationError

from app.extensions import db
from app.forms import strip_filter
from app.places.gazetteer import clean, resolve_place, suggest_places
from app.places.models import Place, PlaceName
from app.text import fold

MAX_LENGTH = 120
PLACE_ID = re.compile(r"[0-9]{1,12}")


class PlaceField(StringField):
    """A place name; once the form validates, ``field.place`` is the Place it names.

    Optional unless a DataRequired is given. An unknown name fails with a "did you mean".
    A Place given as data (``obj=``, ``data=`` or ``field.data = place``) shows as its name.
    The input carries ``data-autocomplete`` (the suggestion URL) for the front-end script;
    when the script also posts the chosen suggestion's id as ``<field name>-place-id``
    (named in ``data-place-id-name``), that place is kept as long as the text still names it,
    which tells apart places of the same name.
    """

    _text: str | None = None

    def __init__(self, label=None, validators=None, **kwargs):
        render_kw = {"autocomplete": "off", "maxlength": MAX_LENGTH}
        render_kw.update(kwargs.pop("render_kw", None) or {})
        filters = [strip_filter, *kwargs.pop("filters", ())]
        self.place: Place | None = None
        self.chosen_id: int | None = None
        super().__init__(label, validators, filters=filters, render_kw=render_kw, **kwargs)

    @property
    def data(self) -> str | None:
        return self._text

    @data.setter
    def data(self, value) -> None:
        """A Place (from the object, or assigned) is shown by its name and kept as ``place``."""
        if isinstance(value, Place):
            self.place = value
            value = value.name
        self._text = value

    @property
    def place_id_name(self) -> str:
        return f"{self.name}-place-id"

    def __call__(self, **kwargs):
        kwargs.setdefault("data-autocomplete", url_for("places.suggest"))
        kwargs.setdefault("data-place-id-name", self.place_id_name)
        return super().__call__(**kwargs)

    def process(self, formdata, data=unset_value, extra_filters=None):
        self.chosen_id = None
        super().process(formdata, data, extra_filters)
        if formdata is not None:
            chosen = formdata.get(self.place_id_name) or ""
            if PLACE_ID.fullmatch(chosen):
                self.chosen_id = int(chosen)

    def pre_validate(self, form):
        if self.data and len(self.data) > MAX_LENGTH:
            raise StopValidation(_("A place name has at most %(max)d characters.", max=MAX_LENGTH))

    def post_validate(self, form, validation_stopped):
        text = " ".join(clean(self.data or "").split())
        if validation_stopped or not text:
            self.place = None
            return
        place = self._still_named(text) or resolve_place(text)
        if place is None:
            self.place = None
            suggestions = suggest_places(text, limit=1)
            if suggestions:
                raise ValidationError(
                    _(
                        "We do not know the place “%(name)s”. Did you mean %(suggestion)s?",
                        name=text,
                        suggestion=suggestions[0].name,
                    )
                )
            raise ValidationError(_("We do not know the place “%(name)s”.", name=text))
        self.place = place

    def _still_named(self, text: str) -> Place | None:
        """The chosen suggestion, else the initial place, if ``text`` is still one of its names."""
        folded = {fold(text), fold(re.split(r"[,(]", text, maxsplit=1)[0])}
        for place_id in (self.chosen_id, self.place.id if self.place else None):
            if place_id is None:
                continue
            named = db.session.scalar(
                select(PlaceName.place_id)
                .where(PlaceName.place_id == place_id, PlaceName.folded.in_(folded))
                .limit(1)
            )
            if named is not None:
                return db.session.get(Place, place_id)
        return None
