"""Writing articles: the editor's form to and from an article, publishing, revisions, diffs."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from sqlalchemy import func, select, update

from app.articles.forms import ArticleForm
from app.articles.models import (
    Article,
    ArticleKind,
    ArticleRevision,
    ArticleSkill,
    ArticleTag,
    ArticleVisibility,
    Topic,
)
from app.clock import as_utc, utcnow
from app.extensions import db

SPARE_SKILL_ROWS = 2
#: Unchanged lines shown around each change in a diff.
DIFF_CONTEXT = 3


def article_version(article: Article) -> str:
    """What changes whenever the article is saved: its editor is opened on one version."""
    return as_utc(article.updated_at).isoformat()


def hold_for_saving(article: Article) -> str:
    """Hold the article until the transaction ends; returns its version as last committed.

    Two saves of one article then follow each other, and the second sees the version the
    first saved: PostgreSQL locks the row, SQLite the database for writing.
    """
    db.session.execute(
        update(Article)
        .where(Article.id == article.id)
        .values(updated_at=Article.updated_at)
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(article, ["updated_at"])
    return article_version(article)


def fill_article_form(form: ArticleForm, article: Article | None, lang: str) -> None:
    """Show the saved article (or a new one's defaults) in the editor."""
    if article is None:
        form.language.data = lang
        return
    form.editing_since.data = article_version(article)
    form.title.data = article.title
    form.summary.data = article.summary
    form.body.data = article.body
    form.language.data = article.language
    form.topics.data = [topic.slug for topic in article.topics]
    form.tags.data = ", ".join(article.tag_names)
    form.visibility.data = article.visibility.value
    form.translation_of.data = ""
    if article.translation_key:
        sibling = db.session.scalar(
            select(Article.id)
            .where(Article.translation_key == article.translation_key, Article.id != article.id)
            .order_by(Article.id)
            .limit(1)
        )
        form.translation_of.data = str(sibling) if sibling else ""
    while form.skills.entries:
        form.skills.pop_entry()
    for row in article.skills:
        form.skills.append_entry({"name": row.skill.label()})


def add_spare_rows(form: ArticleForm) -> None:
    """Empty skill rows, so a writer can add skills without JavaScript."""
    target = min(len(form.skills.entries) + SPARE_SKILL_ROWS, form.skills.max_entries)
    while len(form.skills.entries) < target:
        form.skills.append_entry()


def set_topics(article: Article, slugs: list[str]) -> None:
    wanted = list(dict.fromkeys(slugs))
    topics = {t.slug: t for t in db.session.scalars(select(Topic).where(Topic.slug.in_(wanted)))}
    article.topics = [topics[slug] for slug in wanted if slug in topics]


def set_tags(article: Article, names: list[str]) -> None:
    """Keep the rows of tags that stay (same primary key), add the new ones."""
    existing = {tag.name: tag for tag in article.tags}
    article.tags = [existing.get(name) or ArticleTag(name=name) for name in dict.fromkeys(names)]


def set_skills(article: Article, skill_ids: list[int]) -> None:
    existing = {row.skill_id: row for row in article.skills}
    rows = [existing.get(sid) or ArticleSkill(skill_id=sid) for sid in dict.fromkeys(skill_ids)]
    for position, row in enumerate(rows):
        row.position = position
    article.skills = rows


def _set_translation(article: Article, other_id: str) -> None:
    if not other_id:
        article.translation_key = None
        return
    other = db.session.get(Article, int(other_id))
    if other.translation_key is None:
        other.translation_key = f"article-{other.id}"
    article.translation_key = other.translation_key


def apply_article_form(form: ArticleForm, article: Article | None, author) -> Article:
    """Write the validated form into the article (a new one by ``author``); the caller commits."""
    if article is None:
        article = Article(kind=ArticleKind.ARTICLE, author_id=author.id, published=False)
        db.session.add(article)
    article.title = form.title.data
    article.summary = form.summary.data
    article.body = form.body.data
    article.language = form.language.data
    article.visibility = ArticleVisibility(form.visibility.data)
    set_topics(article, form.topics.data or [])
    set_tags(article, form.normalised_tags)
    set_skills(article, [skill.id for skill in form.resolved_skills])
    db.session.flush()
    _set_translation(article, form.translation_of.data)
    article.touch()
    return article


# --- publishing and revisions ------------------------------------------------------------------


def latest_revision(article: Article) -> ArticleRevision | None:
    return db.session.scalar(
        select(ArticleRevision)
        .where(ArticleRevision.article_id == article.id)
        .order_by(ArticleRevision.number.desc())
        .limit(1)
    )


def _same_text(revision: ArticleRevision | None, article: Article) -> bool:
    return revision is not None and (revision.title, revision.summary, revision.body) == (
        article.title,
        article.summary,
        article.body,
    )


def record_revision(
    article: Article, editor, restored_from: int | None = None
) -> ArticleRevision | None:
    """Keep the article's title, summary and body as a new revision, unless they are unchanged."""
    db.session.flush()
    if restored_from is None and _same_text(latest_revision(article), article):
        return None
    number = (
        db.session.scalar(
            select(func.max(ArticleRevision.number)).where(ArticleRevision.article_id == article.id)
        )
        or 0
    ) + 1
    revision = ArticleRevision(
        article_id=article.id,
        number=number,
        author_id=editor.id if editor is not None else None,
        title=article.title,
        summary=article.summary,
        body=article.body,
        restored_from=restored_from,
    )
    db.session.add(revision)
    return revision


def publish(article: Article, editor) -> None:
    """Make the article visible to its readers; the first publication sets its date."""
    article.published = True
    if article.published_at is None:
        article.published_at = utcnow()
    article.touch()
    record_revision(article, editor)


def unpublish(article: Article) -> None:
    article.published = False
    article.touch()


def restore_revision(article: Article, revision: ArticleRevision, editor) -> ArticleRevision:
    """Bring back an old revision's text; this is itself a new revision."""
    article.title = revision.title
    article.summary = revision.summary
    article.body = revision.body
    article.touch()
    return record_revision(article, editor, restored_from=revision.number)


# --- diffs ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DiffLine:
    """One line of a diff: ``kind`` is "same", "added", "removed" or "gap" (unchanged lines left
    out); ``old`` and ``new`` are line numbers (None where the line is not on that side)."""

    kind: str
    old: int | None
    new: int | None
    text: str


def diff_lines(old_text: str, new_text: str, context: int = DIFF_CONTEXT) -> list[DiffLine]:
    """The line-by-line difference of two texts, as plain strings for the template to escape.

    Empty when the texts are the same; runs of unchanged lines beyond ``context`` lines
    around each change are one "gap" line.
    """
    old, new = old_text.splitlines(), new_text.splitlines()
    if old == new:
        return []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    lines: list[DiffLine] = []
    shown_to = 0
    for group in matcher.get_grouped_opcodes(context):
        if group[0][1] > shown_to:
            lines.append(DiffLine("gap", None, None, ""))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines.extend(
                    DiffLine("same", i1 + k + 1, j1 + k + 1, old[i1 + k]) for k in range(i2 - i1)
                )
            else:
                lines.extend(DiffLine("removed", i + 1, None, old[i]) for i in range(i1, i2))
                lines.extend(DiffLine("added", None, j + 1, new[j]) for j in range(j1, j2))
        shown_to = group[-1][2]
    if shown_to < len(old):
        lines.append(DiffLine("gap", None, None, ""))
    return lines
