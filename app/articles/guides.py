"""Curated content: the topics of content/topics.yaml and the guides of content/guides/.

``sync_content`` checks every file first and changes nothing if any is wrong; then it
upserts the topics and the guides (keyed by the file's slug and language) and unpublishes
the guides whose file is gone, in one transaction.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select

from app.articles.editing import set_skills, set_tags, set_topics
from app.articles.models import (
    ARTICLE_LANGUAGES,
    BODY_LENGTH,
    GUIDE_SLUG_LENGTH,
    MAX_SKILLS,
    MAX_TOPICS,
    SUMMARY_LENGTH,
    TITLE_LENGTH,
    TOPIC_NAME_LENGTH,
    TOPIC_SLUG_LENGTH,
    Article,
    ArticleKind,
    ArticleVisibility,
    Topic,
)
from app.articles.tags import TagError, normalise_tags
from app.clock import utcnow
from app.extensions import db
from app.skills.models import Skill
from app.skills.taxonomy import resolve_skill

logger = logging.getLogger(__name__)

SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
GUIDE_FILE_RE = re.compile(r"(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\.(?P<lang>[a-z]{2})\.md")
GUIDE_KEYS = ("title", "summary", "language", "topics", "tags", "skills", "translation_of")
REQUIRED_GUIDE_KEYS = ("title", "summary", "language")
TOPIC_KEYS = ("id", "names")
MARKUP_RE = re.compile(r"<\s*[A-Za-z/!?]")
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class ContentError(ValueError):
    """Content files that cannot be synced; ``problems`` name each file and line."""

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.problems = problems or []

    def __str__(self) -> str:
        return "\n".join([self.message, *(f"  {problem}" for problem in self.problems)])


@dataclass
class TopicEntry:
    slug: str
    names: dict[str, str]
    position: int


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


class _Problems:
    """The problems found in one file, each with its line."""

    def __init__(self, path: Path, found: list[str]):
        self.path = path
        self.found = found

    def add(self, line: int, message: str) -> None:
        self.found.append(f"{self.path}, line {line}: {message}")


# --- YAML with line numbers -------------------------------------------------------------------


def _yaml_error(error: yaml.YAMLError, first_line: int) -> tuple[int, str]:
    """The line of a YAML error in the file, and what went wrong (and where it began)."""
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None)
    context_mark = getattr(error, "context_mark", None)
    if context and context_mark is not None and mark is not None and context_mark.line != mark.line:
        context = f"{context} (from line {first_line + context_mark.line})"
    text = f"{context}, {problem}" if context else problem
    return (first_line + mark.line if mark is not None else first_line), f"invalid YAML: {text}"


def _parse_yaml(source: str, first_line: int, problems: _Problems) -> tuple[Any, Any]:
    """The data of a YAML text and its node tree (for line numbers); None, None if invalid.

    ``first_line`` is the line of the file the text starts on.
    """
    try:
        root = yaml.compose(source, Loader=_YAML_LOADER)
        data = yaml.load(source, Loader=_YAML_LOADER)  # noqa: S506 (a safe loader)
    except yaml.YAMLError as error:
        problems.add(*_yaml_error(error, first_line))
        return None, None
    return data, root


def _key_nodes(node: Any, first_line: int, problems: _Problems) -> dict[str, yaml.Node]:
    """For each key of a mapping node, the node of its value; a key given twice is a problem."""
    nodes: dict[str, yaml.Node] = {}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = str(key.value)
            if name in nodes:
                problems.add(first_line + key.start_mark.line, f"the key {name!r} is given twice")
            nodes[name] = value
    return nodes


def _line(nodes: dict, key: str, first_line: int, index: int | None = None) -> int:
    node = nodes.get(key)
    if node is None:
        return first_line
    if index is not None and isinstance(node, yaml.SequenceNode) and index < len(node.value):
        node = node.value[index]
    return first_line + node.start_mark.line


def _read_text(path: Path, problems: _Problems) -> str | None:
    try:
        data = path.read_bytes()
    except OSError as error:
        problems.add(1, f"cannot be read: {error.strerror or error}")
        return None
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        problems.add(data[: error.start].count(b"\n") + 1, "is not valid UTF-8 text")
        return None


def _bad_text(value: str, multiline: bool = False) -> str | None:
    """Why a text cannot be shown as is, or None."""
    allowed = "\t\n\r" if multiline else ""
    if any((ord(ch) < 32 and ch not in allowed) or 127 <= ord(ch) < 160 for ch in value):
        return "holds invisible control characters"
    return None


def _text(data: dict, key: str, limit: int, check: _Check) -> str | None:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        check.add(key, "must be a text that is not empty")
        return None
    value = " ".join(value.split())
    if len(value) > limit:
        check.add(key, f"has more than {limit} characters")
    elif problem := _bad_text(value):
        check.add(key, problem)
    elif MARKUP_RE.search(value):
        check.add(key, "must be plain text, without HTML tags")
    else:
        return value
    return None


@dataclass
class _Check:
    """Problems of one YAML mapping, each reported on the line of its key."""

    problems: _Problems
    nodes: dict
    first_line: int
    where: str = ""

    def add(self, key: str, message: str, index: int | None = None) -> None:
        line = _line(self.nodes, key, self.first_line, index)
        item = f" #{index + 1}" if index is not None else ""
        self.problems.add(line, f"{self.where}{key}{item}: {message}")


def _text_list(data: dict, key: str, check: _Check) -> list[str]:
    value = data.get(key, [])
    if value is None:
        return []
    if not isinstance(value, list):
        check.add(key, "must be a list, like [a, b]")
        return []
    texts = []
    for index, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            check.add(key, f"must be a text, not {item!r}", index)
        else:
            texts.append(item.strip())
    return texts


# --- topics ------------------------------------------------------------------------------------


def read_topics(path: Path) -> list[TopicEntry]:
    """The topics of a topics file, or a ContentError listing every problem by line."""
    found: list[str] = []
    problems = _Problems(path, found)
    source = _read_text(path, problems)
    entries: list[TopicEntry] = []
    if source is not None:
        data, root = _parse_yaml(source, 1, problems)
        if not found:
            entries = _check_topics(root, data, problems)
    if found:
        raise ContentError(f"{path} has problems; nothing was changed:", found)
    return entries


def _check_topics(root: yaml.Node, data: Any, problems: _Problems) -> list[TopicEntry]:
    if not isinstance(data, dict) or not isinstance(data.get("topics"), list):
        problems.add(1, "must be a mapping with a list under 'topics'")
        return []
    items = _key_nodes(root, 1, problems)["topics"].value
    entries: list[TopicEntry] = []
    seen: set[str] = set()
    for position, (item, node) in enumerate(zip(data["topics"], items, strict=True)):
        line = node.start_mark.line + 1
        if not isinstance(item, dict):
            problems.add(line, "each topic must be a mapping with an id and names")
            continue
        nodes = _key_nodes(node, 1, problems)
        check = _Check(problems, nodes, 1, f"topic #{position + 1}: ")
        for key in sorted(set(map(str, item)) - set(TOPIC_KEYS)):
            check.add(key, f"unknown key (expected {', '.join(TOPIC_KEYS)})")
        slug = item.get("id")
        if (
            not isinstance(slug, str)
            or len(slug) > TOPIC_SLUG_LENGTH
            or not SLUG_RE.fullmatch(slug)
        ):
            problems.add(line, f"id {slug!r} must be lower-case letters, digits and hyphens")
            continue
        if slug in seen:
            problems.add(line, f"id {slug!r} is used twice")
        seen.add(slug)
        names = item.get("names")
        if not isinstance(names, dict):
            check.add("names", "must be a mapping of nl, fr and en")
            continue
        name_nodes = _key_nodes(nodes.get("names"), 1, problems)
        name_check = _Check(problems, name_nodes, 1, f"topic {slug}: names.")
        checked = {}
        for lang in ARTICLE_LANGUAGES:
            if lang not in names:
                check.add("names", f"the name in {lang} is missing")
            elif (text := _text(names, lang, TOPIC_NAME_LENGTH, name_check)) is not None:
                checked[lang] = text
        for lang in sorted(set(map(str, names)) - set(ARTICLE_LANGUAGES)):
            name_check.add(lang, "unknown language (expected nl, fr, en)")
        if len(checked) == len(ARTICLE_LANGUAGES):
            entries.append(TopicEntry(slug, checked, position))
    return entries


def _apply_topics(entries: list[TopicEntry]) -> dict[str, int]:
    known = {topic.slug: topic for topic in db.session.scalars(select(Topic))}
    created = 0
    for entry in entries:
        topic = known.get(entry.slug)
        if topic is None:
            topic = known[entry.slug] = Topic(slug=entry.slug)
            db.session.add(topic)
            created += 1
        values = {f"name_{lang}": text for lang, text in entry.names.items()}
        values.update(position=entry.position, active=True)
        for name, value in values.items():
            if getattr(topic, name) != value:
                setattr(topic, name, value)
    listed = {entry.slug for entry in entries}
    retired = [t for slug, t in known.items() if slug not in listed and t.active]
    for topic in retired:
        topic.active = False
    db.session.flush()
    return {"topics": len(entries), "topics_created": created, "topics_retired": len(retired)}


# --- guides ------------------------------------------------------------------------------------


def _split_front_matter(source: str, problems: _Problems) -> tuple[str, str, int] | None:
    """The front matter, the body and the body's first line of a guide file."""
    lines = source.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        problems.add(1, "must start with a '---' line, then the YAML front matter")
        return None
    for number, line in enumerate(lines[1:], 2):
        if line.strip() == "---":
            front = "".join(lines[1 : number - 1])
            return front, "".join(lines[number:]), number + 1
    problems.add(1, "the front matter has no closing '---' line")
    return None


def _skill_ids(names: list[str], check: _Check) -> list[int]:
    ids: list[int] = []
    for index, name in enumerate(names):
        skill = db.session.scalar(select(Skill).where(Skill.slug == name)) or resolve_skill(name)
        if skill is None:
            check.add("skills", f"unknown skill {name!r} (use a taxonomy id or label)", index)
        elif skill.id not in ids:
            ids.append(skill.id)
    return ids


def _check_guide(path: Path, topic_slugs: set[str], found: list[str]) -> GuideEntry | None:
    problems = _Problems(path, found)
    before = len(found)
    match = GUIDE_FILE_RE.fullmatch(path.name)
    if not match or len(match["slug"]) > GUIDE_SLUG_LENGTH:
        problems.add(1, "the file name must be <slug>.<nl|fr|en>.md, e.g. pricing.nl.md")
        return None
    file_lang = match["lang"]
    if file_lang not in ARTICLE_LANGUAGES:
        problems.add(1, f"the language {file_lang!r} in the file name is not nl, fr or en")
    source = _read_text(path, problems)
    parts = _split_front_matter(source, problems) if source is not None else None
    if parts is None:
        return None
    front, body, body_line = parts
    data, root = _parse_yaml(front, 2, problems)
    nodes = _key_nodes(root, 2, problems)
    if len(found) > before:
        return None
    if not isinstance(data, dict):
        problems.add(2, "the front matter must be a mapping of keys to values")
        return None
    check = _Check(problems, nodes, 2)
    for key in sorted(set(map(str, data)) - set(GUIDE_KEYS)):
        check.add(key, f"unknown key (expected {', '.join(GUIDE_KEYS)})")
    for key in REQUIRED_GUIDE_KEYS:
        if key not in data:
            problems.add(2, f"{key}: is missing")
    title = _text(data, "title", TITLE_LENGTH, check) if "title" in data else None
    summary = _text(data, "summary", SUMMARY_LENGTH, check) if "summary" in data else None
    language = data.get("language")
    if "language" in data and language != file_lang:
        check.add("language", f"must be {file_lang!r}, the language in the file name")
    topics = _text_list(data, "topics", check)
    for index, slug in enumerate(topics):
        if slug not in topic_slugs:
            check.add("topics", f"unknown topic {slug!r} (see content/topics.yaml)", index)
    if len(topics) > MAX_TOPICS:
        check.add("topics", f"at most {MAX_TOPICS} topics")
    try:
        tags = normalise_tags(_text_list(data, "tags", check))
    except TagError as error:
        check.add("tags", f"{error.tag!r} cannot be a tag ({error.kind})")
        tags = []
    skill_names = _text_list(data, "skills", check)
    if len(skill_names) > MAX_SKILLS:
        check.add("skills", f"at most {MAX_SKILLS} skills")
    skill_ids = _skill_ids(skill_names, check)
    translation_key = data.get("translation_of", match["slug"])
    if not isinstance(translation_key, str) or not SLUG_RE.fullmatch(translation_key):
        check.add("translation_of", "must be the slug of the guide, like setting-your-price")
    if not body.strip():
        problems.add(body_line, "the guide has no text after the front matter")
    elif len(body) > BODY_LENGTH:
        problems.add(body_line, f"the text has more than {BODY_LENGTH} characters")
    elif _bad_text(body, multiline=True):
        for number, line in enumerate(body.splitlines(), body_line):
            if _bad_text(line):
                problems.add(number, "holds invisible control characters")
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
        counts = _apply_topics(topics)
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
            counts = _apply_topics(topics)
            counts.update(_apply_guides(guides))
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    logger.info("synced content from %s and %s: %s", topics_file, guides_dir, counts)
    return counts
