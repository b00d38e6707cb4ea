"""Forms for registering an organisation, keeping its page, its offers and finding them."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    EmailField,
    FieldList,
    FormField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from app.accounts.forms import RegisterForm
from app.forms import MultiCheckboxField, no_control_characters, strip_filter
from app.members.forms import (
    SKILL_AUTOCOMPLETE,
    URL_VALIDATORS,
    WishRowForm,
    spoken_language_choices,
)
from app.members.models import MODE_LABELS
from app.partners.models import (
    ADDRESS_LENGTH,
    DESCRIPTION_LENGTH,
    MAX_OFFER_SKILLS,
    NAME_LENGTH,
    OFFER_KIND_LABELS,
    PRICE_LABELS,
    PRICE_TEXT_LENGTH,
    TITLE_LENGTH,
    Price,
    today,
)
from app.places.forms import PlaceField

#: A skill named by its label; the same row the profile form uses for mentor wishes.
SkillNameRowForm = WishRowForm
RADIUS_CHOICES = (10, 25, 50, 100)


def organisation_name_field():
    return StringField(
        _l("Name of the organisation"),
        filters=[strip_filter],
        validators=[
            DataRequired(_l("Enter the name of the organisation.")),
            Length(
                max=NAME_LENGTH,
                message=_l("Write at most %(n)d characters.", n=NAME_LENGTH),
            ),
            no_control_characters,
        ],
        render_kw={"maxlength": NAME_LENGTH},
    )


def website_field():
    return URLField(
        _l("Website"),
        filters=[strip_filter],
        validators=URL_VALIDATORS,
        render_kw={"maxlength": 300, "placeholder": "https://"},
    )


def description_field(label):
    return TextAreaField(
        label,
        description=_l("Markdown: **bold**, *italic*, lists and links."),
        validators=[
            Length(
                max=DESCRIPTION_LENGTH,
                message=_l("Write at most %(n)d characters.", n=DESCRIPTION_LENGTH),
            )
        ],
        render_kw={"rows": 6, "maxlength": DESCRIPTION_LENGTH},
    )


class PartnerRegisterForm(RegisterForm):
    """A partner account: the contact person's account, then the organisation."""

    # No unique_email: as for members, a taken address gets a mail, the visitor the same page.

    organisation = organisation_name_field()
    place = PlaceField(_l("Place"), description=_l("The town or city of the organisation."))
    website = website_field()


class PartnerForm(FlaskForm):
    """The organisation's page."""

    name = organisation_name_field()
    description = description_field(_l("About the organisation"))
    website = website_field()
    public_email = EmailField(
        _l("Public contact e-mail"),
        filters=[strip_filter],
        description=_l("Shown on the organisation's page. Leave empty to show none."),
        validators=[
            Optional(),
            Length(max=254, message=_l("An e-mail address has at most 254 characters.")),
            Email(
                _l("Enter a valid e-mail address, like name@example.org."),
                check_deliverability=False,
            ),
        ],
        render_kw={"maxlength": 254},
    )
    place = PlaceField(_l("Place"), description=_l("The town or city of the organisation."))
    address = StringField(
        _l("Address"),
        filters=[strip_filter],
        validators=[
            Length(
                max=ADDRESS_LENGTH,
                message=_l("Write at most %(n)d characters.", n=ADDRESS_LENGTH),
            ),
            no_control_characters,
        ],
        render_kw={"maxlength": ADDRESS_LENGTH, "autocomplete": "street-address"},
    )
    languages = MultiCheckboxField(_l("Languages spoken"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.languages.choices = spoken_language_choices()


class OfferForm(FlaskForm):
    title = StringField(
        _l("Title"),
        filters=[strip_filter],
        validators=[
            DataRequired(_l("Give the offer a title.")),
            Length(max=TITLE_LENGTH, message=_l("Write at most %(n)d characters.", n=TITLE_LENGTH)),
            no_control_characters,
        ],
        render_kw={"maxlength": TITLE_LENGTH},
    )
    description = description_field(_l("Description"))
    kind = SelectField(
        _l("Kind of offer"),
        choices=[SelectChoice(kind.value, label) for kind, label in OFFER_KIND_LABELS.items()],
    )
    modes = MultiCheckboxField(
        _l("How it takes place"),
        choices=[SelectChoice(mode.value, label) for mode, label in MODE_LABELS.items()],
    )
    languages = MultiCheckboxField(_l("Languages"))
    skills = FieldList(
        FormField(SkillNameRowForm),
        label=_l("Related skills"),
        min_entries=1,
        max_entries=MAX_OFFER_SKILLS,
    )
    price = RadioField(
        _l("Price"),
        choices=[SelectChoice(price.value, label) for price, label in PRICE_LABELS.items()],
        default=Price.FREE.value,
    )
    price_text = StringField(
        _l("Price details"),
        filters=[strip_filter],
        description=_l("For a paid offer: how much, and for what."),
        validators=[
            Length(
                max=PRICE_TEXT_LENGTH,
                message=_l("Write at most %(n)d characters.", n=PRICE_TEXT_LENGTH),
            ),
            no_control_characters,
        ],
        render_kw={"maxlength": PRICE_TEXT_LENGTH},
    )
    start_date = DateField(
        _l("Starts on"),
        validators=[Optional()],
        description=_l("Leave both dates empty for an ongoing offer."),
    )
    end_date = DateField(_l("Ends on"), validators=[Optional()])
    place = PlaceField(_l("Place"), description=_l("Empty: the organisation's place."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.languages.choices = spoken_language_choices()

    def validate_price_text(self, field) -> None:
        if self.price.data == Price.PAID.value and not field.data:
            raise ValidationError(_l("Say what the offer costs."))

    def validate_end_date(self, field) -> None:
        if field.data is None:
            return
        if self.start_date.data and field.data < self.start_date.data:
            raise ValidationError(_l("The end date comes before the start date."))
        if field.data < today():
            raise ValidationError(_l("The end date has passed; an ended offer is not listed."))


class PartnerFilterForm(FlaskForm):
    """The filters of the partner directory and the offer list, read from the query string."""

    class Meta:
        csrf = False

    kind = SelectField(
        _l("Kind of offer"),
        choices=[
            SelectChoice("", _l("Any kind")),
            *(SelectChoice(kind.value, label) for kind, label in OFFER_KIND_LABELS.items()),
        ],
        default="",
    )
    mode = SelectField(
        _l("Mode"),
        choices=[
            SelectChoice("", _l("Any way")),
            *(SelectChoice(mode.value, label) for mode, label in MODE_LABELS.items()),
        ],
        default="",
    )
    skill = StringField(_l("Skill"), filters=[strip_filter], render_kw=SKILL_AUTOCOMPLETE)
    language = SelectField(_l("Language"), default="")
    region = SelectField(_l("Region"), default="")
    near = PlaceField(_l("Near"))
    radius = SelectField(
        _l("Within"),
        choices=[
            SelectChoice("", _l("Any distance")),
            *(SelectChoice(str(km), _l("%(km)s km", km=km)) for km in RADIUS_CHOICES),
        ],
        default="",
    )
