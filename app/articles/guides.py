"""Curated content: the topics of content/topics.yaml and the guides of content/guides/.

``sync_content`` checks every file first and changes nothing if any is wrong; then it
upserts the topics and the guides (keyed by the file's slug and language) and unpublishes
the guides whose file is gone, in one transaction. The files are read with
app/articles/content_files.py; the topics are app/articles/topics.py's.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from app.articles.content_files import (
    SLUG_RE,
    ContentError,
    FileProblems,
    KeyCheck,
    bad_text,
    key_nodes,
    parse_yaml,
    plain_text,
    read_text,
    text_list,
)
from app.articles.editing import set_skills, set_tags, set_topics
from app.articles.models import (
    ARTICLE_LANGUAGES,
    BODY_LENGTH,
    GUIDE_SLUG_LENGTH,
    MAX_SKILLS,
    MAX_TOPICS,
    SUMMARY_LENGTH,
    TITLE_LENGTH,
    Article,
    ArticleKind,
    ArticleVisibility,
)
from app.articles.tags import TagError, normalise_tags
from app.articles.topics import TopicEntry as TopicEntry
from app.articles.topics import apply_topics, read_topics
from app.clock import utcnow
from app.extensions import db
from app.skills.models import Skill
from app.skills.taxonomy import resolve_skill
from app.validation import missing_keys, unknown_keys

logger = logging.getLogger(__name__)

GUIDE_FILE_RE = re.compile(r"(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\.(?P<lang>[a-z]{2})\.md")
GUIDE_KEYS = ("title", "summary", "language", "topics", "tags", "skills", "translation_of")
REQUIRED_GUIDE_KEYS = ("title", "summary", "language")

__all__ = ["ContentError", "load_topics", "read_guides", "read_topics", "sync_content"]


@dataclass
class GuideEntry:
    slug: str
    language: str
    title: str
    summary: str
    body: str
    topics: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    skill_ids: list[int] = field(default_factory=list)
    translation_key: str = ""


def _split_front_matter(source: str, problems: FileProblems) -> tuple[str, str, int] | None:
    """The front matter, the body and the body's first line of a guide file."""
    lines = source.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        problems.line(1, "must start with a '---' line, then the YAML front matter")
        return None
    for number, line in enumerate(lines[1:], 2):
        if line.strip() == "---":
            front = "".join(lines[1 : number - 1])
            return front, "".join(lines[number:]), number + 1
    problems.line(1, "the front matter has no closing '---' line")
    return None


def _skill_ids(names: list[str], check: KeyCheck) -> list[int]:
    ids: list[int] = []
    for index, name in enumerate(names):
        skill = db.session.scalar(select(Skill).where(Skill.slug == name)) or resolve_skill(name)
        if skill is None:
            check.add("skills", f"unknown skill {name!r} (use a taxonomy id or label)", index)
        elif skill.id not in ids:
            ids.append(skill.id)
    return ids


def _check_guide(path: Path, topic_slugs: set[str], found: list[str]) -> GuideEntry | None:
    problems = FileProblems(path, found)
    before = len(found)
    match = GUIDE_FILE_RE.fullmatch(path.name)
    if not match or len(match["slug"]) > GUIDE_SLUG_LENGTH:
        problems.line(1, "the file name must be <slug>.<nl|fr|en>.md, e.g. pricing.nl.md")
        return None
    file_lang = match["lang"]
    if file_lang not in ARTICLE_LANGUAGES:
        problems.line(1, f"the language {file_lang!r} in the file name is not nl, fr or en")
    source = read_text(path, problems)
    parts = _split_front_matter(source, problems) if source is not None else None
    if parts is None:
        return None
    front, body, body_line = parts
    data, root = parse_yaml(front, 2, problems)
    nodes = key_nodes(root, 2, problems)
    if len(found) > before:
        return None
    if not isinstance(data, dict):
        problems.line(2, "the front matter must be a mapping of keys to values")
        return None
    check = KeyCheck(problems, nodes, 2)
    for key in unknown_keys(data, GUIDE_KEYS):
        check.add(key, f"unknown key (expected {', '.join(GUIDE_KEYS)})")
    for key in missing_keys(data, REQUIRED_GUIDE_KEYS):
        problems.line(2, f"{key}: is missing")
    title = plain_text(data, "title", TITLE_LENGTH, check) if "title" in data else None
    summary = plain_text(data, "summary", SUMMARY_LENGTH, check) if "summary" in data else None
    language = data.get("language")
    if "language" in data and language != file_lang:
        check.add("language", f"must be {file_lang!r}, the language in the file name")
    topics = text_list(data, "topics", check)
    for index, slug in enumerate(topics):
        if slug not in topic_slugs:
            check.add("topics", f"unknown topic {slug!r} (see content/topics.yaml)", index)
    if len(topics) > MAX_TOPICS:
        check.add("topics", f"at most {MAX_TOPICS} topics")
    try:
        tags = normalise_tags(text_list(data, "tags", check))
    except TagError as error:
        check.add("tags", f"{error.tag!r} cannot be a tag ({error.kind})")
        tags = []
    skill_names = text_list(data, "skills", check)
    if len(skill_names) > MAX_SKILLS:
        check.add("skills", f"at most {MAX_SKILLS} skills")
    skill_ids = _skill_ids(skill_names, check)
    translation_key = data.get("translation_of", match["slug"])
    if not isinstance(translation_key, str) or not SLUG_RE.fullmatch(translation_key):
        check.add("translation_of", "must be the slug of the guide, like setting-your-price")
    if not body.strip():
        problems.line(body_line, "the guide has no text after the front matter")
    elif len(body) > BODY_LENGTH:
        problems.line(body_line, f"the text has more than {BODY_LENGTH} characters")
    elif bad_text(body, multiline=True):
        for number, line in enumerate(body.splitlines(), body_line):
            if bad_text(line):
                problems.line(number, "holds invisible control characters")
                break
    if len(found) > before:
        return None
    return GuideEntry(
        slug=match["slug"],
        language=file_lang,
        title=title,
        summary=summary,
        body=body.strip("\n") + "\n",
        topics=list(dict.fromkeys(topics)),
        tags=tags,
        skill_ids=skill_ids,
        translation_key=translation_key,
    )


def read_guides(directory: Path, topic_slugs: set[str]) -> list[GuideEntry]:
    """The guides of a directory, or a ContentError listing every problem by file and line."""
    if not directory.is_dir():
        raise ContentError(f"{directory} is not a directory; nothing was changed.")
    paths = sorted(directory.glob("*.md"))
    if not paths:
        raise ContentError(
            f"{directory} holds no guides (*.md); nothing was changed, no guide was unpublished."
        )
    found: list[str] = []
    guides = [guide for path in paths if (guide := _check_guide(path, topic_slugs, found))]
    if found:
        raise ContentError(f"The guides in {directory} have problems; nothing was changed:", found)
    return guides


def _update_guide(article: Article, entry: GuideEntry) -> bool:
    """Bring a guide's row in line with its file; whether anything changed."""
    values = {
        "title": entry.title,
        "summary": entry.summary,
        "body": entry.body,
        "language": entry.language,
        "translation_key": entry.translation_key,
        "visibility": ArticleVisibility.PUBLIC,
        "published": True,
    }
    changed = False
    for name, value in values.items():
        if getattr(article, name) != value:
            setattr(article, name, value)
            changed = True
    if sorted(t.slug for t in article.topics) != sorted(entry.topics):
        set_topics(article, entry.topics)
        changed = True
    if sorted(article.tag_names) != sorted(entry.tags):
        set_tags(article, entry.tags)
        changed = True
    if [s.skill_id for s in article.skills] != entry.skill_ids:
        set_skills(article, entry.skill_ids)
        changed = True
    if article.published_at is None:
        article.published_at = utcnow()
    if changed:
        article.touch()
    return changed


def _apply_guides(entries: list[GuideEntry]) -> dict[str, int]:
    known = {
        (article.guide_slug, article.language): article
        for article in db.session.scalars(select(Article).where(Article.kind == ArticleKind.GUIDE))
    }
    counts = {"created": 0, "updated": 0, "unchanged": 0, "unpublished": 0}
    for entry in entries:
        article = known.pop((entry.slug, entry.language), None)
        if article is None:
            article = Article(kind=ArticleKind.GUIDE, guide_slug=entry.slug, author_id=None)
            db.session.add(article)
            _update_guide(article, entry)
            counts["created"] += 1
        elif _update_guide(article, entry):
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
    for article in known.values():
        if article.published:
            article.published = False
            article.touch()
            counts["unpublished"] += 1
    db.session.flush()
    return counts


def load_topics(topics_file: str | Path) -> dict[str, int]:
    """Check and write only the topics (e.g. for a site without guides yet, or tests)."""
    topics = read_topics(Path(topics_file))
    try:
        counts = apply_topics(topics)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return counts


def sync_content(guides_dir: str | Path, topics_file: str | Path) -> dict[str, int]:
    """Check all topics and guides, then write them in one transaction (or nothing on error)."""
    topics = read_topics(Path(topics_file))
    guides = read_guides(Path(guides_dir), {topic.slug for topic in topics})
    try:
        with db.session.no_autoflush:
            counts = apply_topics(topics)
            counts.update(_apply_guides(guides))
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    logger.info("synced content from %s and %s: %s", topics_file, guides_dir, counts)
    return counts
