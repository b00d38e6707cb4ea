"""The article editor, the comment form and the list filters."""

from __future__ import annotations

import re

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import (
    FieldList,
    Form,
    FormField,
    HiddenField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, ValidationError

from app.articles.listing import active_topics
from app.articles.models import (
    ARTICLE_LANGUAGES,
    ARTICLE_VISIBILITY_LABELS,
    BODY_LENGTH,
    COMMENT_LENGTH,
    MAX_SKILLS,
    MAX_TAGS,
    MAX_TOPICS,
    SUMMARY_LENGTH,
    TAG_LENGTH,
    TITLE_LENGTH,
    Article,
    ArticleKind,
    ArticleVisibility,
)
from app.articles.tags import TagError, normalise_tags, split_tags
from app.extensions import db
from app.forms import MultiCheckboxField, no_control_characters, strip_filter
from app.i18n import language_choices, language_name
from app.members.forms import SKILL_AUTOCOMPLETE, SKILL_NAME_VALIDATORS
from app.skills.taxonomy import resolve_skill

#: Something a browser would take for a tag: "<b", "</", "<!", "<?".
MARKUP_RE = re.compile(r"<\s*[A-Za-z/!?]")
TAGS_INPUT_LENGTH = MAX_TAGS * (TAG_LENGTH + 2) + 100


def plain_text(form, field) -> None:
    """Titles, summaries and tags are text, not HTML."""
    if field.data and MARKUP_RE.search(field.data):
        raise ValidationError(_l("Write plain text here: remove the HTML tags (“<…>”)."))


def no_control_characters_in_text(form, field) -> None:
    """Refuse invisible control characters in a text of several lines (tabs and lines are fine)."""
    if field.data and any(
        (ord(ch) < 32 and ch not in "\t\n\r") or 127 <= ord(ch) < 160 for ch in field.data
    ):
        raise ValidationError(_l("Remove the invisible control characters."))


def unix_newlines(value):
    """Browsers send lines ending in CR LF; store them as LF so revisions compare line by line."""
    return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value


def topic_choices() -> list[SelectChoice]:
    """The topics still offered, named in the interface language."""
    return [SelectChoice(topic.slug, topic.name()) for topic in active_topics()]


def article_language_choices() -> list[SelectChoice]:
    return [c for c in language_choices() if c.value in ARTICLE_LANGUAGES]


class SkillRowForm(Form):
    """One related skill; an empty name means the row is unused."""

    name = StringField(
        _l("Skill"),
        filters=[strip_filter],
        validators=SKILL_NAME_VALIDATORS,
        render_kw={**SKILL_AUTOCOMPLETE, "maxlength": 100},
    )


def body_field(label, length: int, rows: int, description=None) -> TextAreaField:
    return TextAreaField(
        label,
        filters=[unix_newlines],
        description=description,
        validators=[
            DataRequired(_l("Write something first.")),
            Length(max=length, message=_l("Write at most %(n)d characters.", n=length)),
            no_control_characters_in_text,
        ],
        render_kw={"rows": rows, "maxlength": length},
    )


class ArticleForm(FlaskForm):
    title = StringField(
        _l("Title"),
        filters=[strip_filter],
        validators=[
            DataRequired(_l("Give the article a title.")),
            Length(
                max=TITLE_LENGTH,
                message=_l("A title has at most %(n)d characters.", n=TITLE_LENGTH),
            ),
            no_control_characters,
            plain_text,
        ],
        render_kw={"maxlength": TITLE_LENGTH},
    )
    summary = TextAreaField(
        _l("Summary"),
        filters=[strip_filter, unix_newlines],
        description=_l("One or two sentences shown in lists and feeds."),
        validators=[
            DataRequired(_l("Write a short summary.")),
            Length(
                max=SUMMARY_LENGTH,
                message=_l("A summary has at most %(n)d characters.", n=SUMMARY_LENGTH),
            ),
            no_control_characters_in_text,
            plain_text,
        ],
        render_kw={"rows": 2, "maxlength": SUMMARY_LENGTH},
    )
    body = body_field(
        _l("Text"),
        BODY_LENGTH,
        18,
        _l(
            "Markdown: ## headings, **bold**, *italic*, lists, links, tables, "
            "```code``` and footnotes[^1]."
        ),
    )
    language = SelectField(_l("Language of the article"))
    topics = MultiCheckboxField(_l("Topics"))
    tags = StringField(
        _l("Tags"),
        filters=[strip_filter],
        description=_l("Separated by commas, e.g. “day rate, quote”. At most %(n)d.", n=MAX_TAGS),
        validators=[
            Length(max=TAGS_INPUT_LENGTH, message=_l("Too many tags.")),
            no_control_characters,
            plain_text,
        ],
        render_kw={"maxlength": TAGS_INPUT_LENGTH},
    )
    skills = FieldList(
        FormField(SkillRowForm), label=_l("Related skills"), min_entries=1, max_entries=MAX_SKILLS
    )
    visibility = RadioField(
        _l("Once published, who can read it"),
        choices=[SelectChoice(v.value, label) for v, label in ARTICLE_VISIBILITY_LABELS.items()],
        default=ArticleVisibility.PUBLIC.value,
    )
    translation_of = SelectField(
        _l("Translation of"),
        description=_l("If this is a version of another of your articles in another language."),
        default="",
    )
    # The article's version when the editor was opened (see editing.article_version).
    editing_since = HiddenField()

    def __init__(self, *args, author=None, article: Article | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self._author = author
        self._article = article
        self.language.choices = article_language_choices()
        self.topics.choices = topic_choices()
        self.translation_of.choices = [SelectChoice("", "—"), *self._translation_choices()]
        self.normalised_tags: list[str] = []
        self.resolved_skills: list = []

    def _other_articles(self) -> list[Article]:
        if self._author is None:
            return []
        stmt = select(Article).where(
            Article.author_id == self._author.id, Article.kind == ArticleKind.ARTICLE
        )
        if self._article is not None and self._article.id is not None:
            stmt = stmt.where(Article.id != self._article.id)
        return list(db.session.scalars(stmt.order_by(Article.title, Article.id)))

    def _translation_choices(self) -> list[SelectChoice]:
        return [
            SelectChoice(str(other.id), f"{other.title} ({language_name(other.language)})")
            for other in self._other_articles()
        ]

    def validate_topics(self, field) -> None:
        if len(field.data or []) > MAX_TOPICS:
            raise ValidationError(_l("Choose at most %(n)d topics.", n=MAX_TOPICS))

    def validate_tags(self, field) -> None:
        try:
            self.normalised_tags = normalise_tags(split_tags(field.data))
        except TagError as error:
            if error.kind == "too-many":
                raise ValidationError(_l("Give at most %(n)d tags.", n=MAX_TAGS)) from error
            if error.kind == "too-long":
                raise ValidationError(
                    _l("A tag has at most %(n)d characters.", n=TAG_LENGTH)
                ) from error
            # gettext, not lazy_gettext: a lazy string tells Jinja it is markup already
            # (it has __html__), so the typed tag in it would be shown unescaped.
            raise ValidationError(
                _("“%(tag)s” cannot be a tag: use letters, digits and hyphens.", tag=error.tag)
            ) from error

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        return self._resolve_skills() and valid

    def _resolve_skills(self) -> bool:
        """Each named skill must be in the taxonomy; an unknown name is an error on its row."""
        resolved = {}
        known = True
        for row in self.skills:
            name = row.form.name
            if not name.data or name.errors:
                continue
            skill = resolve_skill(name.data)
            if skill is None:
                name.errors.append(
                    _("We do not know the skill “%(name)s”: choose one of the suggestions.")
                    % {"name": name.data}
                )
                known = False
            else:
                resolved.setdefault(skill.id, skill)
        self.resolved_skills = list(resolved.values())
        return known

    def validate_translation_of(self, field) -> None:
        if not field.data or field.errors or not field.data.isdigit():
            return  # nothing chosen, or not one of the choices (already an error)
        other = db.session.get(Article, int(field.data))
        if other is None:  # pragma: no cover - the choices hold only existing articles
            raise ValidationError(_l("Choose one of your articles."))
        if other.language == self.language.data:
            raise ValidationError(_l("Choose a version in another language than this one."))
        if other.translation_key:
            taken = db.session.scalar(
                select(Article.id).where(
                    Article.translation_key == other.translation_key,
                    Article.language == self.language.data,
                    Article.id != (self._article.id if self._article else 0),
                )
            )
            if taken is not None:
                raise ValidationError(
                    _(
                        "“%(title)s” already has a version in %(language)s.",
                        title=other.title,
                        language=language_name(self.language.data),
                    )
                )


class CommentForm(FlaskForm):
    body = body_field(
        _l("Your comment"), COMMENT_LENGTH, 4, _l("Markdown: **bold**, *italic*, lists and links.")
    )


class PreviewForm(FlaskForm):
    """What the editor's live preview posts."""

    body = TextAreaField(
        filters=[unix_newlines],
        validators=[
            Length(max=BODY_LENGTH, message=_l("Write at most %(n)d characters.", n=BODY_LENGTH))
        ],
    )


class ListFilterForm(FlaskForm):
    """The list's filters, read from the query string."""

    class Meta:
        csrf = False

    topic = SelectField(_l("Topic"), default="")
    language = SelectField(_l("Language"), default="")
    kind = SelectField(
        _l("Show"),
        choices=[
            SelectChoice("", _l("Articles and guides")),
            SelectChoice(ArticleKind.ARTICLE.value, _l("Members' articles")),
            SelectChoice(ArticleKind.GUIDE.value, _l("Guides of the cooperative")),
        ],
        default="",
    )
    tag = StringField(_l("Tag"), filters=[strip_filter], render_kw={"maxlength": TAG_LENGTH})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.topic.choices = [SelectChoice("", _l("Any topic")), *topic_choices()]
        self.language.choices = [
            SelectChoice("", _l("Any language")),
            *article_language_choices(),
        ]
