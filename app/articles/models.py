"""The knowledge base: articles and guides, their topics, tags, skills, revisions and replies."""

from __future__ import annotations

import enum
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User
from app.clock import utcnow
from app.extensions import NEVER_REUSED_IDS, db, enum_type
from app.i18n import LANGUAGES
from app.skills.models import interface_language

#: The languages an article can be written in.
ARTICLE_LANGUAGES = LANGUAGES
TITLE_LENGTH = 200
SUMMARY_LENGTH = 300
BODY_LENGTH = 50_000
COMMENT_LENGTH = 5_000
TAG_LENGTH = 40
MAX_TAGS = 10
MAX_TOPICS = 5
MAX_SKILLS = 8
TOPIC_SLUG_LENGTH = 50
TOPIC_NAME_LENGTH = 100
GUIDE_SLUG_LENGTH = 100
TRANSLATION_KEY_LENGTH = 120


class ArticleKind(enum.StrEnum):
    ARTICLE = "article"  # written by a member on the site
    GUIDE = "guide"  # curated by the cooperative in content/guides/


class ArticleVisibility(enum.StrEnum):
    """Who may read a published article (the same values as a profile's visibility)."""

    PUBLIC = "public"
    MEMBERS = "members"


ARTICLE_VISIBILITY_LABELS = {
    ArticleVisibility.PUBLIC: _l("Everyone"),
    ArticleVisibility.MEMBERS: _l("Signed-in members only"),
}


class Topic(db.Model):
    """A subject from the fixed list in content/topics.yaml."""

    __tablename__ = "topics"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(TOPIC_SLUG_LENGTH), unique=True)
    name_nl: Mapped[str] = mapped_column(String(TOPIC_NAME_LENGTH))
    name_fr: Mapped[str] = mapped_column(String(TOPIC_NAME_LENGTH))
    name_en: Mapped[str] = mapped_column(String(TOPIC_NAME_LENGTH))
    position: Mapped[int] = mapped_column(default=0)
    # A topic taken out of topics.yaml is no longer offered, but its articles keep it.
    active: Mapped[bool] = mapped_column(default=True)

    def __repr__(self) -> str:
        return f"<Topic {self.slug}>"

    def name(self, lang: str | None = None) -> str:
        """The name in ``lang`` (default: the interface language)."""
        return getattr(self, f"name_{lang or interface_language()}", None) or self.name_en


class Article(db.Model):
    """A member's article, or a guide of the cooperative synced from content/guides/."""

    __tablename__ = "articles"
    __table_args__ = (UniqueConstraint("guide_slug", "language"), NEVER_REUSED_IDS)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[ArticleKind] = mapped_column(enum_type(ArticleKind), default=ArticleKind.ARTICLE)
    # Null for guides, which the cooperative publishes.
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    # A guide's file name without ".<language>.md"; null for articles.
    guide_slug: Mapped[str | None] = mapped_column(String(GUIDE_SLUG_LENGTH))
    # The versions of one text in other languages share this key.
    translation_key: Mapped[str | None] = mapped_column(String(TRANSLATION_KEY_LENGTH), index=True)
    title: Mapped[str] = mapped_column(String(TITLE_LENGTH))
    summary: Mapped[str] = mapped_column(String(SUMMARY_LENGTH), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(2), index=True)
    visibility: Mapped[ArticleVisibility] = mapped_column(
        enum_type(ArticleVisibility), default=ArticleVisibility.PUBLIC
    )
    # A draft (False) is seen by its author only; a guide removed from content/ is unpublished.
    published: Mapped[bool] = mapped_column(default=False, index=True)
    # When it was first published: the order of the lists and feeds.
    published_at: Mapped[datetime | None] = mapped_column(db.DateTime(timezone=True), index=True)
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)
    # Set on every change of what is shown or searched (text, tags, topics, skills, visibility).
    updated_at: Mapped[datetime] = mapped_column(
        db.DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )

    author: Mapped[User | None] = relationship()
    topics: Mapped[list[Topic]] = relationship(secondary="article_topics", order_by=Topic.position)
    tags: Mapped[list[ArticleTag]] = relationship(
        cascade="all, delete-orphan", order_by="ArticleTag.name"
    )
    skills: Mapped[list[ArticleSkill]] = relationship(
        cascade="all, delete-orphan", order_by="ArticleSkill.position"
    )
    revisions: Mapped[list[ArticleRevision]] = relationship(
        back_populates="article",
        cascade="all, delete-orphan",
        order_by="ArticleRevision.number",
    )
    comments: Mapped[list[Comment]] = relationship(
        back_populates="article", cascade="all, delete-orphan"
    )
    helpful_marks: Mapped[list[HelpfulMark]] = relationship(cascade="all, delete-orphan")

    def __repr__(self) -> str:
        state = "published" if self.published else "draft"
        return f"<Article {self.id} {self.kind.value} {state}>"

    @property
    def is_guide(self) -> bool:
        return self.kind is ArticleKind.GUIDE

    @property
    def tag_names(self) -> list[str]:
        return [tag.name for tag in self.tags]

    def touch(self) -> None:
        """Mark the article changed, also when only its tags, topics or skills changed."""
        self.updated_at = utcnow()


class ArticleTopic(db.Model):
    __tablename__ = "article_topics"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    topic_id: Mapped[int] = mapped_column(
        ForeignKey("topics.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class ArticleTag(db.Model):
    """A free tag, normalised (see app.articles.tags)."""

    __tablename__ = "article_tags"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    name: Mapped[str] = mapped_column(String(TAG_LENGTH), primary_key=True, index=True)


class ArticleSkill(db.Model):
    __tablename__ = "article_skills"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    skill_id: Mapped[int] = mapped_column(
        ForeignKey("skills.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(default=0)

    skill = relationship("Skill", lazy="joined")


class ArticleRevision(db.Model):
    """The title, summary and body of a published article as one save left them."""

    __tablename__ = "article_revisions"
    __table_args__ = (UniqueConstraint("article_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    # 1, 2, 3… within the article.
    number: Mapped[int]
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(String(TITLE_LENGTH))
    summary: Mapped[str] = mapped_column(String(SUMMARY_LENGTH), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    # The number of the revision this one restored, if it was a restore.
    restored_from: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)

    article: Mapped[Article] = relationship(back_populates="revisions")
    author: Mapped[User | None] = relationship()

    def __repr__(self) -> str:
        return f"<ArticleRevision {self.article_id}#{self.number}>"


class HelpfulMark(db.Model):
    """A member found an article helpful (once per member and article)."""

    __tablename__ = "article_helpful_marks"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)


class Comment(db.Model):
    """A reader's reply to an article, in Markdown."""

    __tablename__ = "article_comments"
    __table_args__ = NEVER_REUSED_IDS

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    # Null once its writer deleted their account and chose to leave it ("a former member").
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)

    article: Mapped[Article] = relationship(back_populates="comments")
    author: Mapped[User | None] = relationship()

    def __repr__(self) -> str:
        return f"<Comment {self.id} on {self.article_id}>"
