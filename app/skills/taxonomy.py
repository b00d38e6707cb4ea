"""The skill taxonomy's logic: loading, resolving names, suggestions, merging and ESCO import."""

from __future__ import annotations

import csv
import io
import logging
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import IO, Any

import yaml
from sqlalchemy import (
    Select,
    case,
    column,
    delete,
    exists,
    func,
    insert,
    inspect,
    or_,
    select,
    table,
    update,
)
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.names import Match, name_index, resolve_name, taxonomy_changed
from app.search.outbox import enqueue_affected
from app.skills.models import (
    LABEL_LENGTH,
    LANGUAGES,
    SLUG_LENGTH,
    Skill,
    SkillCategory,
    SkillLabel,
    SkillStatus,
)
from app.text import fold
from app.validation import unknown_keys

logger = logging.getLogger(__name__)

#: A name typed by a member becomes a community skill label of at most this length.
COMMUNITY_LABEL_LENGTH = 100
SUGGEST_LIMIT_MAX = 50
#: A word inside a label starts after one of these (after folding).
WORD_SEPARATORS = (" ", "-", "/", "'", "\u2019", "(", ".")
SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
URI_RE = re.compile(r"https?://[^\s\x00-\x1f\x7f]+")
ESCO_REQUIRED_COLUMNS = ("conceptUri", "preferredLabel")
_LIKE_ESCAPE = "\\"
_TOP_KEYS = {"categories", "skills"}
_CATEGORY_KEYS = {"id", "labels"}
_SKILL_KEYS = {"id", "category", "labels", "synonyms", "esco"}
#: An ESCO skill concept's URI, as the ESCO datasets give it.
ESCO_URI_RE = re.compile(r"http://data\.europa\.eu/esco/skill/[0-9a-f-]{36}")
_FLUSH_EVERY = 500
#: The safe YAML loader, in C when libyaml is there (four times faster).
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class TaxonomyError(ValueError):
    """A taxonomy or ESCO file, or a change to the taxonomy, that cannot be applied."""

    def __init__(self, message: str, problems: Iterable[str] = ()):
        super().__init__(message)
        self.message = message
        self.problems = list(problems)

    def __str__(self) -> str:
        return "\n".join([self.message, *(f"  {problem}" for problem in self.problems)])


# --- names -------------------------------------------------------------------------------------


def clean_name(text: str) -> str:
    """``text`` without control or invisible format characters, single-spaced and trimmed."""
    kept = "".join(ch for ch in text if unicodedata.category(ch) not in {"Cc", "Cf", "Cs"})
    return " ".join(kept.split())


def name_key(text: str) -> str:
    """What a name is looked up by: cleaned, then folded (case and accents ignored)."""
    return fold(clean_name(text))


def slugify(text: str) -> str:
    """A lower-case ASCII slug such as ``graphic-design`` (empty if nothing is left)."""
    return "-".join(re.findall(r"[a-z0-9]+", fold(text)))[:SLUG_LENGTH].strip("-")


def _free_slug(base: str, taken: set[str] | None = None) -> str:
    """``base``, or ``base-2``, ``base-3``… whichever no skill has yet."""
    base = base or "skill"

    def is_taken(slug: str) -> bool:
        if taken is not None:
            return slug in taken
        return db.session.scalar(select(Skill.id).where(Skill.slug == slug)) is not None

    slug, number = base, 1
    while is_taken(slug):
        number += 1
        suffix = f"-{number}"
        slug = base[: SLUG_LENGTH - len(suffix)].rstrip("-") + suffix
    if taken is not None:
        taken.add(slug)
    return slug


def _community_last():
    return case((Skill.status == SkillStatus.COMMUNITY, 1), else_=0)


def _escape_like(text: str) -> str:
    return (
        text.replace(_LIKE_ESCAPE, _LIKE_ESCAPE * 2)
        .replace("%", _LIKE_ESCAPE + "%")
        .replace("_", _LIKE_ESCAPE + "_")
    )


def _best_label_first() -> tuple:
    """When several skills have a label: the preferred label, a curated skill, the oldest."""
    return SkillLabel.preferred.desc(), _community_last(), Skill.id


def resolve_skill(name: str, lang: str | None = None) -> Skill | None:
    """The skill ``name`` names in any language, through the one resolver (app.names)."""
    match = resolve_skill_match(name, lang)
    return db.session.get(Skill, match.id) if match is not None else None


def resolve_skill_match(name: str, lang: str | None = None) -> Match | None:
    """How ``name`` resolves to a skill (exact, folded, stem, compound or typo), or None."""
    if len(name_key(name)) > LABEL_LENGTH:
        return None
    return resolve_name("skill", clean_name(name), lang)


def resolve_skill_ids(names: Iterable[str], lang: str | None = None) -> dict[str, int]:
    """``resolve_skill`` for many names against one built index: name -> skill id."""
    index = name_index("skill")
    found = {}
    for name in names:
        if len(name_key(name)) <= LABEL_LENGTH:
            match = index.resolve(clean_name(name), lang)
            if match is not None:
                found[name] = match.id
    return found


def resolve_or_create_skill(name: str, lang: str) -> Skill:
    """The skill ``name`` resolves to, else a new community skill so labelled (not committed)."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
    text = clean_name(name)[:COMMUNITY_LABEL_LENGTH].rstrip()
    # Folding can lengthen a text (a ligature becomes several letters): the key must fit too.
    while len(fold(text)) > LABEL_LENGTH:
        text = text[:-1].rstrip()
    if not fold(text):
        raise ValueError("a skill needs a name")
    skill = resolve_skill(text, lang)
    if skill is None:
        skill = Skill(
            status=SkillStatus.COMMUNITY,
            labels=[SkillLabel(lang=lang, text=text, preferred=True, source="member")],
        )
        db.session.add(skill)
        db.session.flush()
        logger.info("created community skill %s", skill.id)
    return skill


def suggest_skills(prefix: str, lang: str, limit: int = 10) -> list[tuple[Skill, str]]:
    """Skills a label or synonym of which starts with ``prefix`` (or has a word that does)."""
    key = name_key(prefix)[:LABEL_LENGTH]
    limit = max(0, min(limit, SUGGEST_LIMIT_MAX))
    if not key or not limit:
        return []
    starts = _escape_like(key) + "%"
    folded = SkillLabel.folded
    starts_a_word = [folded.like(f"%{sep}{starts}", escape=_LIKE_ESCAPE) for sep in WORD_SEPARATORS]
    match = case(
        (folded == key, 0), (folded.like(starts, escape=_LIKE_ESCAPE), 10_000), else_=20_000
    )
    in_lang = case((SkillLabel.lang != lang, 2000), (SkillLabel.preferred.is_(True), 0), else_=1000)
    # Curated first; then exact > prefix > a word inside; then a preferred label in the
    # language > a synonym in it > another language; then the shortest label (< 1000).
    score = func.min(_community_last() * 100_000 + match + in_lang + func.length(folded))
    score = score.label("score")
    rows = db.session.execute(
        select(SkillLabel.skill_id, score)
        .join(SkillLabel.skill)
        .where(or_(folded.like(starts, escape=_LIKE_ESCAPE), *starts_a_word))
        .group_by(SkillLabel.skill_id)
        .order_by(score, SkillLabel.skill_id)
        .limit(limit)
    ).all()
    ids = [row.skill_id for row in rows]
    found = db.session.scalars(
        select(Skill).where(Skill.id.in_(ids)).options(selectinload(Skill.category))
    )
    skills = {skill.id: skill for skill in found}
    return [(skills[skill_id], skills[skill_id].label(lang)) for skill_id in ids]


# --- uses of a skill elsewhere -------------------------------------------------------------------


@dataclass(frozen=True)
class SkillReference:
    """A column of another table that refers to ``skills.id``, and the unique keys holding it."""

    table: str
    column: str
    unique_keys: tuple[tuple[str, ...], ...]


def skill_references() -> list[SkillReference]:
    """Every column in the live database that refers to ``skills.id``, found by reflection."""
    inspector = inspect(db.session.connection())
    found: dict[str, list[str]] = defaultdict(list)
    for (_schema, table_name), keys in inspector.get_multi_foreign_keys().items():
        if table_name == SkillLabel.__tablename__:
            continue  # labels are moved by merge_skills itself
        for key in keys:
            if (
                key["referred_table"] == Skill.__tablename__
                and key["referred_columns"] == ["id"]
                and len(key["constrained_columns"]) == 1
            ):
                found[table_name].append(key["constrained_columns"][0])
    if not found:
        return []
    names = sorted(found)
    primary = inspector.get_multi_pk_constraint(filter_names=names)
    uniques = inspector.get_multi_unique_constraints(filter_names=names)
    indexes = inspector.get_multi_indexes(filter_names=names)
    references = []
    for (_schema, table_name), pk in sorted(primary.items()):
        keys = {tuple(pk["constrained_columns"])} if pk.get("constrained_columns") else set()
        keys |= {tuple(u["column_names"]) for u in uniques.get((_schema, table_name), [])}
        keys |= {
            tuple(ix["column_names"])
            for ix in indexes.get((_schema, table_name), [])
            if ix.get("unique") and None not in ix["column_names"]
        }
        for column_name in found[table_name]:
            holding = tuple(sorted(k for k in keys if column_name in k))
            references.append(SkillReference(table_name, column_name, holding))
    return references


def _as_table(reference: SkillReference):
    names = {reference.column, *chain.from_iterable(reference.unique_keys)}
    return table(reference.table, *(column(name) for name in sorted(names)))


def _move_references(reference: SkillReference, source_id: int, target_id: int) -> int:
    """Point ``reference``'s rows from source to target, dropping those the target already has."""
    rows = _as_table(reference)
    skill = rows.c[reference.column]
    for key in reference.unique_keys:
        twin = rows.alias("twin")
        clash = exists().where(
            twin.c[reference.column] == target_id,
            *(twin.c[name] == rows.c[name] for name in key if name != reference.column),
        )
        db.session.execute(delete(rows).where(skill == source_id, clash))
    result = db.session.execute(
        update(rows).where(skill == source_id).values({reference.column: target_id})
    )
    return result.rowcount or 0


def _referring_rows(reference: SkillReference, skill_id: int) -> list:
    """The ORM rows of ``reference``'s table that hold ``skill_id`` (none if it has no model)."""
    for mapper in db.Model.registry.mappers:
        local = mapper.local_table
        if getattr(local, "name", None) == reference.table and reference.column in local.c:
            model = mapper.class_
            return list(
                db.session.scalars(select(model).where(local.c[reference.column] == skill_id))
            )
    return []


def skill_usage(skill_ids: Collection[int] | Select | None = None) -> dict[int, int]:
    """How many rows of other tables refer to each skill (of ``skill_ids``, or of all)."""
    if skill_ids is not None and not isinstance(skill_ids, Select) and not skill_ids:
        return {}
    counts: Counter[int] = Counter()
    for reference in skill_references():
        skill = table(reference.table, column(reference.column)).c[reference.column]
        query = select(skill, func.count()).where(skill.is_not(None)).group_by(skill)
        if skill_ids is not None:
            query = query.where(skill.in_(skill_ids))
        for skill_id, count in db.session.execute(query):
            counts[skill_id] += count
    return dict(counts)


def merge_skills(source: Skill, target: Skill) -> None:
    """Move every use of ``source`` to ``target``, keep its labels as synonyms, delete it."""
    if source is target or (source.id is not None and source.id == target.id):
        raise TaxonomyError("A skill cannot be merged into itself.")
    db.session.flush()
    source_id, target_id = source.id, target.id
    known = {(label.lang, label.folded) for label in target.labels}
    for label in list(source.labels):
        if (label.lang, label.folded) in known:
            db.session.delete(label)
        else:
            known.add((label.lang, label.folded))
            label.preferred = False
            label.source = "merge"
            label.skill = target
    # What identifies the source elsewhere (a taxonomy id, an ESCO URI) now names the target.
    moved = {
        name: getattr(source, name)
        for name in ("slug", "esco_uri")
        if getattr(target, name) is None and getattr(source, name) is not None
    }
    for name in moved:
        setattr(source, name, None)
    if target.category_id is None and source.category_id is not None:
        target.category_id = source.category_id
    db.session.flush()
    for name, value in moved.items():
        setattr(target, name, value)
    references = skill_references()
    # The moves below are bulk statements the search outbox does not see: queue the documents
    # of the rows that held the source, and of every holder of the target, whose documents
    # gain the source's labels.
    enqueue_affected(chain.from_iterable(_referring_rows(ref, source_id) for ref in references))
    moved_rows = sum(_move_references(ref, source_id, target_id) for ref in references)
    # The moves bypassed the ORM: forget what it holds before deleting the source.
    db.session.flush()
    db.session.expire_all()
    enqueue_affected(target.labels)
    db.session.delete(source)
    db.session.flush()
    logger.info("merged skill %s into %s (%s rows moved)", source_id, target_id, moved_rows)


def promote_skill(
    skill: Skill, slug: str | None = None, category: SkillCategory | None = None
) -> None:
    """Make a community skill curated, with ``slug`` (else one made from its label)."""
    if slug:
        slug = slug.strip()
        if len(slug) > SLUG_LENGTH or not SLUG_RE.fullmatch(slug):
            raise TaxonomyError(f"{slug!r} is not a slug (lower-case letters, digits and hyphens).")
        other = db.session.scalar(select(Skill.id).where(Skill.slug == slug, Skill.id != skill.id))
        if other is not None:
            raise TaxonomyError(f"Another skill already has the slug {slug!r}.")
        skill.slug = slug
    elif skill.slug is None:
        skill.slug = _free_slug(slugify(skill.label("en")))
    skill.status = SkillStatus.CURATED
    if category is not None:
        skill.category = category
    db.session.flush()


# --- content/skills.yaml ---------------------------------------------------------------------


@dataclass
class _Entry:
    slug: str
    labels: dict[str, str]
    category: str | None = None
    synonyms: dict[str, list[str]] = field(default_factory=dict)
    esco: str | None = None


def _check_text(value: Any, where: str, problems: list[str]) -> str | None:
    if not isinstance(value, str):
        problems.append(f"{where}: must be text, not {value!r}")
        return None
    text = clean_name(value)
    if not text:
        problems.append(f"{where}: is empty")
    elif max(len(text), len(fold(text))) > LABEL_LENGTH:
        problems.append(f"{where}: has more than {LABEL_LENGTH} characters")
    else:
        return text
    return None


def _check_keys(entry: dict, allowed: set[str], where: str, problems: list[str]) -> None:
    for key in unknown_keys(entry, allowed):
        problems.append(f"{where}: unknown key {key!r} (expected {', '.join(sorted(allowed))})")


def _check_entry(entry: Any, where: str, allowed: set[str], problems: list[str]) -> _Entry | None:
    """The id and labels (one per language) of a category or skill entry."""
    if not isinstance(entry, dict):
        problems.append(f"{where}: must be a mapping with an id and labels")
        return None
    slug = entry.get("id")
    if not isinstance(slug, str) or len(slug) > SLUG_LENGTH or not SLUG_RE.fullmatch(slug):
        problems.append(f"{where}: id {slug!r} must be lower-case letters, digits and hyphens")
        return None
    where = f"{where} ({slug})"
    _check_keys(entry, allowed, where, problems)
    labels = entry.get("labels")
    if not isinstance(labels, dict):
        problems.append(f"{where}: labels must be a mapping of nl, fr and en")
        return None
    checked = {}
    for lang in LANGUAGES:
        if lang not in labels:
            problems.append(f"{where}: labels.{lang} is missing")
        elif (text := _check_text(labels[lang], f"{where}: labels.{lang}", problems)) is not None:
            checked[lang] = text
    for lang in unknown_keys(labels, LANGUAGES):
        problems.append(f"{where}: labels.{lang}: unknown language (expected nl, fr, en)")
    return _Entry(slug=slug, labels=checked)


def _check_synonyms(value: Any, where: str, problems: list[str]) -> dict[str, list[str]]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        problems.append(f"{where}: synonyms must be a mapping of nl, fr and en to lists")
        return {}
    checked: dict[str, list[str]] = {}
    for lang, texts in value.items():
        if lang not in LANGUAGES:
            problems.append(f"{where}: synonyms.{lang}: unknown language (expected nl, fr, en)")
            continue
        if texts is None:
            continue
        if not isinstance(texts, list):
            problems.append(f"{where}: synonyms.{lang} must be a list")
            continue
        checked[lang] = [
            text
            for number, item in enumerate(texts, 1)
            if (text := _check_text(item, f"{where}: synonyms.{lang} #{number}", problems))
        ]
    return checked


def _check_taxonomy(data: Any) -> tuple[list[_Entry], list[_Entry], list[str]]:
    """The categories and skills of a parsed taxonomy file, and every problem found in it."""
    problems: list[str] = []
    if not isinstance(data, dict):
        return [], [], ["the file must be a mapping with 'categories' and 'skills'"]
    _check_keys(data, _TOP_KEYS, "top level", problems)
    categories: list[_Entry] = []
    skills: list[_Entry] = []
    for name in ("categories", "skills"):
        if not isinstance(data.get(name), list):
            problems.append(f"{name}: must be a list")
    for index, item in enumerate(data.get("categories") or [], 1):
        entry = _check_entry(item, f"categories #{index}", _CATEGORY_KEYS, problems)
        if entry is not None:
            if any(other.slug == entry.slug for other in categories):
                problems.append(f"categories #{index}: id {entry.slug!r} is used twice")
            categories.append(entry)
    category_ids = {entry.slug for entry in categories}
    seen: set[str] = set()
    esco_seen: dict[str, str] = {}
    for index, item in enumerate(data.get("skills") or [], 1):
        entry = _check_entry(item, f"skills #{index}", _SKILL_KEYS, problems)
        if entry is None:
            continue
        where = f"skills #{index} ({entry.slug})"
        if entry.slug in seen:
            problems.append(f"{where}: id {entry.slug!r} is used twice")
        seen.add(entry.slug)
        entry.category = item.get("category")
        if entry.category not in category_ids:
            problems.append(f"{where}: category {entry.category!r} is not one of the categories")
        entry.synonyms = _check_synonyms(item.get("synonyms"), where, problems)
        entry.esco = item.get("esco")
        if entry.esco is not None:
            if not isinstance(entry.esco, str) or not ESCO_URI_RE.fullmatch(entry.esco):
                problems.append(f"{where}: esco {entry.esco!r} is not an ESCO skill URI")
            elif entry.esco in esco_seen:
                problems.append(f"{where}: esco {entry.esco} is also {esco_seen[entry.esco]}'s")
            else:
                esco_seen[entry.esco] = entry.slug
        skills.append(entry)
    return categories, skills, problems


def _yaml_problem(error: yaml.YAMLError) -> str:
    mark = getattr(error, "problem_mark", None)
    if mark is None:
        return str(error)
    context = getattr(error, "context", None)
    problem = getattr(error, "problem", None) or str(error)
    return f"line {mark.line + 1}, column {mark.column + 1}: " + (
        f"{context}, {problem}" if context else problem
    )


def _wanted_labels(entry: _Entry) -> dict[tuple[str, str], tuple[str, bool]]:
    """(lang, folded) → (text, preferred): the preferred labels first, then the synonyms."""
    wanted: dict[tuple[str, str], tuple[str, bool]] = {}
    for lang, text in entry.labels.items():
        wanted[(lang, fold(text))] = (text, True)
    for lang, texts in entry.synonyms.items():
        for text in texts:
            wanted.setdefault((lang, fold(text)), (text, False))
    return wanted


def _replace_labels(skill: Skill, wanted: dict[tuple[str, str], tuple[str, bool]]) -> None:
    current = {(label.lang, label.folded): label for label in skill.labels}
    for key, label in current.items():
        if key not in wanted:
            if label.source == "taxonomy":
                skill.labels.remove(label)
            elif label.preferred:
                label.preferred = False
    for (lang, _folded), (text, preferred) in wanted.items():
        label = current.get((lang, _folded))
        if label is None:
            skill.labels.append(SkillLabel(lang=lang, text=text, preferred=preferred))
            continue
        if label.text != text:
            label.text = text
        if label.preferred != preferred:
            label.preferred = preferred


def _apply_taxonomy(categories: list[_Entry], skills: list[_Entry]) -> dict[str, int]:
    known_categories = {c.slug: c for c in db.session.scalars(select(SkillCategory))}
    for entry in categories:
        category = known_categories.get(entry.slug)
        if category is None:
            category = known_categories[entry.slug] = SkillCategory(slug=entry.slug)
            db.session.add(category)
        for lang, text in entry.labels.items():
            if getattr(category, f"label_{lang}") != text:
                setattr(category, f"label_{lang}", text)
    known_skills = {
        skill.slug: skill
        for skill in db.session.scalars(select(Skill).where(Skill.slug.is_not(None)))
    }
    # A URI is one skill's: the file's owner takes it from a skill an ESCO import gave it to.
    file_uris = {entry.esco: entry.slug for entry in skills if entry.esco}
    if file_uris:
        for holder in db.session.scalars(select(Skill).where(Skill.esco_uri.in_(file_uris))):
            if holder.slug != file_uris[holder.esco_uri]:
                holder.esco_uri = None
        db.session.flush()
    fresh: list[tuple[Skill, dict]] = []
    labels = 0
    with db.session.no_autoflush:
        for entry in skills:
            wanted = _wanted_labels(entry)
            labels += len(wanted)
            category = known_categories[entry.category]
            skill = known_skills.get(entry.slug)
            if skill is None:
                skill = Skill(
                    slug=entry.slug,
                    status=SkillStatus.CURATED,
                    category=category,
                    esco_uri=entry.esco,
                )
                db.session.add(skill)
                fresh.append((skill, wanted))
                continue
            # The file's URI wins; without one, a URI `flask skills import-esco` set stays.
            if entry.esco is not None and skill.esco_uri != entry.esco:
                skill.esco_uri = entry.esco
            if skill.status is not SkillStatus.CURATED:
                skill.status = SkillStatus.CURATED
            if skill.category is not category:
                skill.category = category
            _replace_labels(skill, wanted)
    db.session.flush()
    if fresh:
        # A first load writes thousands of labels: one bulk insert instead of one object each.
        db.session.execute(
            insert(SkillLabel),
            [
                {"skill_id": skill.id, "lang": lang, "text": text, "folded": key, "preferred": pref}
                for skill, wanted in fresh
                for (lang, key), (text, pref) in wanted.items()
            ],
        )
        for skill, _wanted in fresh:
            db.session.expire(skill, ["labels"])
    created = len(fresh)
    return {
        "categories": len(categories),
        "skills": len(skills),
        "labels": labels,
        "created": created,
    }


def load_taxonomy(path: str | Path) -> dict[str, int]:
    """Load or update the taxonomy from a YAML file, all at once; nothing is written on error."""
    path = Path(path)
    try:
        source = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise TaxonomyError(f"{path} is not UTF-8 text (byte {error.start}).") from error
    except OSError as error:
        raise TaxonomyError(f"Cannot read {path}: {error.strerror or error}.") from error
    try:
        data = yaml.load(source, Loader=_YAML_LOADER)  # noqa: S506 (a safe loader)
    except yaml.YAMLError as error:
        raise TaxonomyError(f"{path} is not valid YAML:", [_yaml_problem(error)]) from error
    categories, skills, problems = _check_taxonomy(data)
    if problems:
        raise TaxonomyError(f"{path} has problems; nothing was loaded:", problems)
    try:
        counts = _apply_taxonomy(categories, skills)
        db.session.commit()
        taxonomy_changed()
    except Exception:
        db.session.rollback()
        raise
    logger.info("loaded the skill taxonomy from %s: %s", path, counts)
    return counts


# --- ESCO ----------------------------------------------------------------------------------------


@dataclass
class _EscoRow:
    line: int
    uri: str
    labels: list[str]  # the preferred label first, then the alternative labels


def _read_source(file: str | Path | IO) -> tuple[str, bytes | str]:
    if hasattr(file, "read"):
        return str(getattr(file, "name", "the file")), file.read()
    path = Path(file)
    try:
        return str(path), path.read_bytes()
    except OSError as error:
        raise TaxonomyError(f"Cannot read {path}: {error.strerror or error}.") from error


def _decode(data: bytes | str, problems: list[str]) -> str:
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        for number, line in enumerate(data.split(b"\n"), 1):
            try:
                line.decode("utf-8")
            except UnicodeDecodeError as error:
                problems.append(f"line {number}: not valid UTF-8 (byte {error.start + 1})")
        return data.decode("utf-8-sig", errors="replace")


def _check_esco_row(
    line: int, row: dict[str, str], seen: dict[str, int], problems: list[str]
) -> _EscoRow | None:
    uri = row.get("conceptUri", "").strip()
    found = len(problems)
    if "conceptUri" in row:
        if not uri:
            problems.append(f"line {line}: conceptUri is empty")
        elif len(uri) > LABEL_LENGTH or not URI_RE.fullmatch(uri):
            problems.append(f"line {line}: conceptUri {uri[:80]!r} is not a URI")
        elif uri in seen:
            problems.append(f"line {line}: conceptUri {uri} is also on line {seen[uri]}")
        else:
            seen[uri] = line
    preferred = clean_name(row.get("preferredLabel", ""))
    if "preferredLabel" in row and not fold(preferred):
        problems.append(f"line {line}: preferredLabel is empty")
    alternatives = [clean_name(text) for text in row.get("altLabels", "").splitlines()]
    labels = [preferred, *(text for text in alternatives if fold(text))]
    for text in labels:
        if max(len(text), len(fold(text))) > LABEL_LENGTH:
            problems.append(
                f"line {line}: the label {text[:40]!r}… is over {LABEL_LENGTH} characters"
            )
    if len(problems) > found:
        return None
    return _EscoRow(line, uri, labels)


def _check_esco(name: str, data: bytes | str) -> list[_EscoRow]:
    """The rows of an ESCO skills CSV, or a TaxonomyError listing every problem by line."""
    problems: list[str] = []
    text = _decode(data, problems)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[_EscoRow] = []
    try:
        header = [title.strip() for title in next(reader)]
    except StopIteration:
        raise TaxonomyError(f"{name} is empty; nothing was imported.") from None
    except csv.Error as error:
        raise TaxonomyError(f"{name} cannot be imported:", [f"line 1: {error}"]) from error
    missing = [column for column in ESCO_REQUIRED_COLUMNS if column not in header]
    if missing:
        problems.append(f"line 1: missing column(s) {', '.join(missing)}")
    seen: dict[str, int] = {}
    line = reader.line_num + 1
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            problems.append(f"line {line}: {error}")
            break
        start, line = line, reader.line_num + 1
        if not any(value.strip() for value in record):
            continue
        if len(record) != len(header):
            problems.append(
                f"line {start}: {len(record)} fields where the header has {len(header)}"
            )
            continue
        row = _check_esco_row(start, dict(zip(header, record, strict=True)), seen, problems)
        if row is not None:
            rows.append(row)
    if problems:
        raise TaxonomyError(f"{name} cannot be imported; nothing was imported:", problems)
    return rows


def _add_labels(skill: Skill, lang: str, texts: list[str]) -> int:
    """Add ``texts`` in ``lang`` that the skill lacks; the first is preferred if none is yet."""
    existing = {(label.lang, label.folded): label for label in skill.labels}
    has_preferred = any(label.lang == lang and label.preferred for label in skill.labels)
    added = 0
    for position, text in enumerate(texts):
        key = (lang, fold(text))
        make_preferred = position == 0 and not has_preferred
        if key in existing:
            if make_preferred:
                existing[key].preferred = True
            continue
        label = SkillLabel(lang=lang, text=text, preferred=make_preferred, source="esco")
        skill.labels.append(label)
        existing[key] = label
        added += 1
    return added


def _apply_esco(rows: list[_EscoRow], lang: str) -> dict[str, int]:
    by_uri = dict(
        db.session.execute(
            select(Skill.esco_uri, Skill.id).where(Skill.esco_uri.is_not(None))
        ).all()
    )
    # The skills an ESCO concept may attach to, by folded label, best candidate first.
    candidates: dict[str, list[int]] = defaultdict(list)
    for folded, skill_id in db.session.execute(
        select(SkillLabel.folded, Skill.id)
        .join(SkillLabel.skill)
        .where(Skill.esco_uri.is_(None))
        .order_by(SkillLabel.preferred.desc(), _community_last(), Skill.id)
    ):
        if skill_id not in candidates[folded]:
            candidates[folded].append(skill_id)
    taken_slugs = set(db.session.scalars(select(Skill.slug).where(Skill.slug.is_not(None))))
    attached: set[int] = set()
    counts = Counter(rows=len(rows), created=0, matched=0, updated=0, labels=0)
    with db.session.no_autoflush:
        for number, row in enumerate(rows, 1):
            skill_id = by_uri.get(row.uri)
            if skill_id is None:
                skill_id = next(
                    (
                        candidate
                        for text in row.labels
                        for candidate in candidates.get(fold(text), ())
                        if candidate not in attached
                    ),
                    None,
                )
                if skill_id is not None:
                    attached.add(skill_id)
                    counts["matched"] += 1
            else:
                counts["updated"] += 1
            if skill_id is None:
                base = slugify(row.uri.rstrip("/").rsplit("/", 1)[-1]) or slugify(row.labels[0])
                skill = Skill(
                    slug=_free_slug(base, taken_slugs),
                    status=SkillStatus.CURATED,
                    esco_uri=row.uri,
                    labels=[],
                )
                db.session.add(skill)
                counts["created"] += 1
            else:
                skill = db.session.get(Skill, skill_id)
                skill.esco_uri = row.uri
            counts["labels"] += _add_labels(skill, lang, row.labels)
            if number % _FLUSH_EVERY == 0:
                db.session.flush()
    db.session.flush()
    return dict(counts)


def import_esco(file: str | Path | IO, lang: str) -> dict[str, int]:
    """Import an ESCO skills CSV's labels in ``lang``: all rows in one transaction, or none."""
    if lang not in LANGUAGES:
        raise TaxonomyError(f"Unknown language {lang!r}: use one of {', '.join(LANGUAGES)}.")
    name, data = _read_source(file)
    rows = _check_esco(name, data)
    try:
        counts = _apply_esco(rows, lang)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    logger.info("imported ESCO skills in %s from %s: %s", lang, name, counts)
    return counts
