"""Checking a whole bulk file before anything is imported, and resolving the names it uses.

``check_bulk`` reads the parsed JSON and returns a ``BulkPlan``: every entry as plain
values with its skills and places resolved to ids, and whether it is new or already in
the database. Every problem is reported with its JSON path, e.g.
``members[3].skills[1].name: unknown skill "foo"``; a file with any problem raises
``BulkFileError`` listing all of them, so an import is all or nothing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func, select

from app.accounts.models import Role, User, normalise_email
from app.articles.models import (
    ARTICLE_LANGUAGES,
    BODY_LENGTH,
    MAX_TOPICS,
    SUMMARY_LENGTH,
    Article,
    ArticleKind,
    ArticleVisibility,
    Topic,
)
from app.articles.models import (
    MAX_SKILLS as MAX_ARTICLE_SKILLS,
)
from app.articles.models import TITLE_LENGTH as ARTICLE_TITLE_LENGTH
from app.articles.tags import TagError, normalise_tags
from app.extensions import db
from app.i18n import LANGUAGES
from app.members.models import SPOKEN_LANGUAGES, Level, Mode, Visibility
from app.names import name_index, resolve_name
from app.needs.models import BODY_LENGTH as NEED_BODY_LENGTH
from app.needs.models import TITLE_LENGTH as NEED_TITLE_LENGTH
from app.needs.models import Need, NeedStatus, NeedVisibility, Solved
from app.partners.models import (
    ADDRESS_LENGTH,
    DESCRIPTION_LENGTH,
    NAME_LENGTH,
    PRICE_TEXT_LENGTH,
    OfferKind,
    Partner,
    Price,
)
from app.partners.models import TITLE_LENGTH as OFFER_TITLE_LENGTH
from app.places.gazetteer import clean, resolve_place, suggest_places
from app.places.models import NAME_LENGTH as PLACE_NAME_LENGTH
from app.skills.models import LABEL_LENGTH
from app.skills.models import LANGUAGES as SKILL_LANGUAGES
from app.skills.sectors import OTHER, Sector, sector_by_slug
from app.skills.taxonomy import COMMUNITY_LABEL_LENGTH, name_key, resolve_skill_match
from app.text import fold

# The limits of the web forms, so that an imported row could have been typed on the site.
USER_NAME_LENGTH = 100
HEADLINE_LENGTH = 160
BIO_LENGTH = 5000
URL_LENGTH = 300
EMAIL_LENGTH = 254
MAX_MEMBER_SKILLS = 30
MAX_WISHES = 10
MAX_CAPACITY = 20
MAX_LIST_SKILLS = 10
#: How much of a wrong value a problem quotes.
QUOTE_LENGTH = 60

TOP_KEYS = ("community_skills", "members", "partners", "articles", "needs", "sessions", "circles")
COMMUNITY_SKILL_KEYS = {"name", "language"}
ACCOUNT_KEYS = {"email", "name", "role", "locale"}
PROFILE_KEYS = {
    "display_name",
    "headline",
    "bio",
    "sector",
    "place",
    "country",
    "languages",
    "skills",
    "mentor_wishes",
    "mentor",
    "mentor_capacity",
    "modes",
    "visibility",
    "on_map",
    "website",
    "portfolio",
}
MEMBER_KEYS = ACCOUNT_KEYS | PROFILE_KEYS
MEMBER_SKILL_KEYS = {"name", "level", "can_help"}
PARTNER_KEYS = {
    "name",
    "description",
    "place",
    "country",
    "address",
    "website",
    "email",
    "account_email",
    "account_name",
    "languages",
    "verified",
    "offers",
}
OFFER_KEYS = {
    "title",
    "description",
    "kind",
    "modes",
    "languages",
    "skills",
    "price",
    "start",
    "end",
    "place",
    "country",
}
ARTICLE_KEYS = {
    "title",
    "summary",
    "body",
    "language",
    "tags",
    "topics",
    "skills",
    "author_email",
    "published",
    "published_at",
    "visibility",
}
NEED_KEYS = {
    "author_email",
    "title",
    "body",
    "skills",
    "place",
    "country",
    "modes",
    "visibility",
    "status",
    "solved",
    "created",
    "closed",
}
#: Roles a member entry may carry; organisations' accounts come from "partners".
MEMBER_ROLES = (Role.MEMBER.value, Role.STAFF.value, Role.ADMIN.value)
INTERFACE_LANGUAGES = LANGUAGES
COUNTRY_RE = re.compile(r"[A-Za-z]{2}")
#: Control characters (Unicode category Cc); a multi-line text may hold line breaks and tabs.
CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
CONTROL_BUT_BREAKS_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

#: A skill as the plan refers to it: an id, or the name key of a community skill to create.
SkillRef = int | str


class BulkFileError(ValueError):
    """A bulk file that cannot be imported; ``problems`` says why, one line each."""

    def __init__(self, problems: Iterable[str]):
        self.problems = list(problems)
        super().__init__(f"{len(self.problems)} problem(s)")

    def __str__(self) -> str:
        count = len(self.problems)
        heading = f"Nothing was imported: the file has {count} problem{'s' * (count != 1)}."
        return "\n".join([heading, *(f"  {problem}" for problem in self.problems)])


def parse_json(text: str | bytes) -> Any:
    """The JSON document in ``text``; BulkFileError (at "$") if it is not JSON."""

    def refuse_constant(name: str):
        raise ValueError(f"{name} is not a number JSON allows")

    try:
        return json.loads(text, parse_constant=refuse_constant)
    except UnicodeDecodeError as error:
        raise BulkFileError([f"$: not UTF-8 text ({error.reason})"]) from error
    except json.JSONDecodeError as error:
        raise BulkFileError(
            [f"$: not JSON: {error.msg} at line {error.lineno}, column {error.colno}"]
        ) from error
    except (ValueError, RecursionError) as error:
        raise BulkFileError([f"$: not JSON: {error}"]) from error


def quote(value: Any) -> str:
    """A value as a problem shows it: JSON, cut short."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= QUOTE_LENGTH else text[: QUOTE_LENGTH - 1] + "…"


# --- what a checked file holds ------------------------------------------------------------------


@dataclass
class MemberSkillEntry:
    skill: SkillRef
    level: Level
    can_help: bool


@dataclass
class MemberEntry:
    path: str
    email: str
    name: str
    role: Role
    locale: str | None
    #: False when the entry names an account only (no profile key at all).
    has_profile: bool
    display_name: str = ""
    headline: str = ""
    bio: str = ""
    sector: str | None = None
    place_id: int | None = None
    languages: list[str] = field(default_factory=list)
    skills: list[MemberSkillEntry] = field(default_factory=list)
    mentor_wishes: list[SkillRef] = field(default_factory=list)
    mentor: bool = False
    mentor_capacity: int = 0
    modes: list[Mode] = field(default_factory=list)
    visibility: Visibility = Visibility.MEMBERS
    #: Shown on the map (app/map/): only when the member chose it.
    on_map: bool = False
    website: str = ""
    portfolio: str = ""
    #: Already in the database (matched by e-mail): left as it is.
    exists: bool = False


@dataclass
class OfferEntry:
    path: str
    title: str
    description: str
    kind: OfferKind
    modes: list[Mode]
    languages: list[str]
    skills: list[SkillRef]
    price: Price
    price_text: str
    start: date | None
    end: date | None
    place_id: int | None


@dataclass
class PartnerEntry:
    path: str
    name: str
    description: str
    place_id: int | None
    address: str
    website: str
    public_email: str
    account_email: str
    account_name: str
    languages: list[str]
    verified: bool
    offers: list[OfferEntry]
    exists: bool = False


@dataclass
class ArticleEntry:
    path: str
    #: None: an article kept after its author deleted their account ("a former member").
    author_email: str | None
    title: str
    summary: str
    body: str
    language: str
    tags: list[str]
    topic_ids: list[int]
    skills: list[SkillRef]
    published: bool
    published_at: datetime | None
    visibility: ArticleVisibility
    exists: bool = False


@dataclass
class NeedEntry:
    path: str
    author_email: str
    title: str
    body: str
    skills: list[SkillRef]
    place_id: int | None
    modes: list[Mode]
    visibility: NeedVisibility
    status: NeedStatus
    solved: Solved | None
    created: datetime | None
    closed: datetime | None
    exists: bool = False


@dataclass
class CommunitySkillEntry:
    key: str
    name: str
    language: str


@dataclass(frozen=True)
class ImportOptions:
    """What an import does with names the taxonomy does not know (by default: refuse)."""

    #: Unknown skill names become community skills, for staff to curate (--new-skills create).
    create_skills: bool = False
    #: Unknown sectors become "other", and are listed (--new-sectors other).
    other_sectors: bool = False


@dataclass
class BulkPlan:
    """A checked file: what to create, and what is already there."""

    community_skills: list[CommunitySkillEntry] = field(default_factory=list)
    members: list[MemberEntry] = field(default_factory=list)
    partners: list[PartnerEntry] = field(default_factory=list)
    articles: list[ArticleEntry] = field(default_factory=list)
    needs: list[NeedEntry] = field(default_factory=list)
    #: Sessions and peer circles (app/data/gatherings.py).
    sessions: list = field(default_factory=list)
    circles: list = field(default_factory=list)
    #: Names the file writes otherwise than the taxonomy: name -> what it was read as.
    loose: dict[str, str] = field(default_factory=dict)
    #: Unknown skill names made community skills (ImportOptions.create_skills).
    new_skills: list[str] = field(default_factory=list)
    #: Unknown sector names put under "other" (ImportOptions.other_sectors): name -> entries.
    other_sectors: dict[str, int] = field(default_factory=dict)

    @property
    def size(self) -> int:
        """How many entries the file has (what a progress bar counts)."""
        return (
            len(self.members)
            + len(self.partners)
            + len(self.articles)
            + len(self.needs)
            + len(self.sessions)
            + len(self.circles)
        )


# --- reading values -----------------------------------------------------------------------------


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object"


def _control_characters(text: str, multiline: bool) -> bool:
    """Does ``text`` hold control characters (line breaks aside in a multi-line text)?"""
    return bool((CONTROL_BUT_BREAKS_RE if multiline else CONTROL_RE).search(text))


class Checker:
    """Reads the values of entries, collecting every problem with its JSON path."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def problem(self, path: str, message: str) -> None:
        self.problems.append(f"{path}: {message}")

    def is_object(self, value: Any, path: str, what: str) -> bool:
        if isinstance(value, dict):
            return True
        self.problem(path, f"must be an object ({what}), not {_type_name(value)}")
        return False

    def keys(self, entry: dict, allowed: set[str], path: str) -> None:
        for key in sorted(set(entry) - allowed, key=str):
            self.problem(path, f"unknown key {quote(key)} (expected {', '.join(sorted(allowed))})")

    def items(self, entry: dict, key: str, path: str) -> list[tuple[str, Any]]:
        """The (path, item) pairs of a list value; nothing when it is missing or null."""
        value = entry.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(f"{path}.{key}", f"must be a list, not {_type_name(value)}")
            return []
        return [(f"{path}.{key}[{number}]", item) for number, item in enumerate(value)]

    def text(
        self,
        entry: dict,
        key: str,
        path: str,
        max_length: int,
        *,
        required: bool = False,
        multiline: bool = False,
    ) -> str:
        """A text value, trimmed; "" when missing (a problem if ``required``)."""
        where = f"{path}.{key}"
        value = entry.get(key)
        if value is None:
            if required:
                self.problem(where, "is missing")
            return ""
        if not isinstance(value, str):
            self.problem(where, f"must be text, not {_type_name(value)}")
            return ""
        text = value.strip()
        if required and not text:
            self.problem(where, "is empty")
        elif len(text) > max_length:
            self.problem(where, f"has {len(text)} characters; at most {max_length} are allowed")
        elif _control_characters(text, multiline):
            self.problem(where, "holds control characters")
        return text

    def flag(self, entry: dict, key: str, path: str, default: bool = False) -> bool:
        value = entry.get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.problem(f"{path}.{key}", f"must be true or false, not {quote(value)}")
            return default
        return value

    def number(
        self, entry: dict, key: str, path: str, minimum: int, maximum: int, default: int = 0
    ) -> int:
        value = entry.get(key)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(f"{path}.{key}", f"must be a whole number, not {quote(value)}")
            return default
        if not minimum <= value <= maximum:
            self.problem(f"{path}.{key}", f"must be from {minimum} to {maximum}, not {value}")
            return default
        return value

    def choice(self, entry: dict, key: str, path: str, choices: Iterable[str], default=None):
        """One of ``choices`` (a str), or ``default`` when missing."""
        choices = list(choices)
        value = entry.get(key)
        if value is None:
            return default
        if value not in choices:
            self.problem(
                f"{path}.{key}", f"unknown value {quote(value)} (expected {', '.join(choices)})"
            )
            return default
        return value

    def choice_list(self, entry: dict, key: str, path: str, choices: Iterable[str]) -> list[str]:
        """Distinct values each one of ``choices``, in the order given."""
        choices = list(choices)
        picked: dict[str, None] = {}
        for where, item in self.items(entry, key, path):
            if isinstance(item, str) and item in choices:
                picked[item] = None
            else:
                self.problem(where, f"unknown value {quote(item)} (expected {', '.join(choices)})")
        return list(picked)

    def email(self, entry: dict, key: str, path: str, *, required: bool) -> str:
        """A valid e-mail address, normalised as accounts store it."""
        text = self.text(entry, key, path, EMAIL_LENGTH, required=required)
        if not text or len(text) > EMAIL_LENGTH:
            return ""
        try:
            validate_email(text, check_deliverability=False)
        except EmailNotValidError:
            self.problem(f"{path}.{key}", f"{quote(text)} is not a valid e-mail address")
            return ""
        return normalise_email(text)

    def url(self, entry: dict, key: str, path: str) -> str:
        text = self.text(entry, key, path, URL_LENGTH)
        if text and not re.match(r"https?://[^\s/]+", text, re.IGNORECASE):
            self.problem(f"{path}.{key}", f"{quote(text)} must start with https:// or http://")
            return ""
        return text

    def day(self, entry: dict, key: str, path: str) -> date | None:
        value = entry.get(key)
        if value is None:
            return None
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        self.problem(f"{path}.{key}", f"must be a date like 2025-03-31, not {quote(value)}")
        return None

    def moment(self, entry: dict, key: str, path: str) -> datetime | None:
        """A date or date and time (ISO 8601); a date is its midnight, times without zone UTC."""
        value = entry.get(key)
        if value is None:
            return None
        if isinstance(value, str):
            try:
                moment = datetime.fromisoformat(value)
            except ValueError:
                pass
            else:
                return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
        self.problem(
            f"{path}.{key}",
            f"must be a date (2025-03-31) or a date and time (2025-03-31T14:00:00+00:00), "
            f"not {quote(value)}",
        )
        return None


# --- names of skills and places -----------------------------------------------------------------


class SkillNames:
    """Resolves skill names through the taxonomy, each distinct name once."""

    def __init__(self, community: dict[str, CommunitySkillEntry], create: bool = False) -> None:
        self.community = community
        self.create = create
        self._cache: dict[str, SkillRef | None] = {}
        #: Names read loosely (stem, compound, typo): name -> "label (how)", for the report.
        self.loose: dict[str, str] = {}
        #: Community skills made of unknown names (``create``), in the order first met.
        self.created: list[CommunitySkillEntry] = []

    def resolve(self, name: str) -> SkillRef | None:
        key = name_key(name)
        if key not in self._cache:
            match = resolve_skill_match(name)
            if match is not None:
                self._cache[key] = match.id
                if match.loose:
                    self.loose[clean(name).strip()] = f"{match.name} ({match.how})"
            else:
                self._cache[key] = key if key in self.community else None
        return self._cache[key]

    def closest(self, name: str) -> str:
        """ "; closest: a, b" naming the skills closest to an unknown name, or nothing."""
        index = name_index("skill")
        names = [index.name_of(skill_id) for skill_id in index.closest(name)]
        return f"; closest: {', '.join(quote(n) for n in names)}" if names else ""

    def read(
        self, checker: Checker, value: Any, where: str, language: str | None = None
    ) -> SkillRef | None:
        """The skill a name in the file means; a problem if it is not a known name.

        With ``create``, an unknown name becomes a community skill labelled in ``language``.
        """
        if not isinstance(value, str) or not value.strip():
            checker.problem(where, f"must be the name of a skill, not {quote(value)}")
            return None
        if len(value) > COMMUNITY_LABEL_LENGTH * 4:
            checker.problem(where, f"is far too long for a skill name ({len(value)} characters)")
            return None
        ref = self.resolve(value)
        if ref is None and self.create and len(value.strip()) <= COMMUNITY_LABEL_LENGTH:
            key = name_key(value)
            entry = CommunitySkillEntry(
                key=key, name=clean(value).strip(), language=language or SKILL_LANGUAGES[0]
            )
            self.community[key] = entry
            self.created.append(entry)
            ref = self._cache[key] = key
        if ref is None:
            checker.problem(where, f"unknown skill {quote(value)}{self.closest(value)}")
        return ref

    def read_list(
        self,
        checker: Checker,
        entry: dict,
        key: str,
        path: str,
        limit: int,
        language: str | None = None,
    ) -> list[SkillRef]:
        """The distinct skills of a list of names (a skill named twice counts once)."""
        refs: dict[SkillRef, None] = {}
        items = checker.items(entry, key, path)
        if len(items) > limit:
            checker.problem(f"{path}.{key}", f"has {len(items)} skills; at most {limit} allowed")
            return []
        for where, item in items:
            ref = self.read(checker, item, where, language)
            if ref is not None:
                refs[ref] = None
        return list(refs)


class SectorNames:
    """Resolves sector names (a slug, a label or a synonym, written loosely) to slugs."""

    def __init__(self, loose: dict[str, str], to_other: bool = False) -> None:
        self.loose = loose
        self.to_other = to_other
        self._cache: dict[str, str | None] = {}
        #: Unknown names put under "other": name -> how many entries gave it.
        self.unknown: dict[str, int] = {}

    def resolve(self, name: str) -> str | None:
        """The slug ``name`` means, or None."""
        key = fold(clean(name).strip())
        if key not in self._cache:
            sector = sector_by_slug(clean(name).strip())
            if sector is None:
                match = resolve_name("sector", name)
                if match is not None:
                    sector = db.session.get(Sector, match.id)
                    if match.loose:
                        self.loose[clean(name).strip()] = f"{match.name} ({match.how})"
            self._cache[key] = sector.slug if sector is not None else None
        return self._cache[key]

    def read(self, checker: Checker, entry: dict, path: str) -> str | None:
        """The slug of the entry's "sector"; a problem (or "other") if it is unknown."""
        value = entry.get("sector")
        where = f"{path}.sector"
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip() or len(value) > LABEL_LENGTH:
            checker.problem(where, f"must be the name of a sector, not {quote(value)}")
            return None
        slug = self.resolve(value)
        if slug is None and self.to_other and sector_by_slug(OTHER) is not None:
            name = clean(value).strip()
            self.unknown[name] = self.unknown.get(name, 0) + 1
            return OTHER
        if slug is None:
            index = name_index("sector")
            names = [index.name_of(sector_id) for sector_id in index.closest(value)]
            closest = f"; closest: {', '.join(quote(n) for n in names)}" if names else ""
            checker.problem(where, f"unknown sector {quote(value)}{closest}")
        return slug


class PlaceNames:
    """Resolves place names through the gazetteer, each distinct (name, country) once."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str | None], int | None] = {}

    def read(self, checker: Checker, entry: dict, path: str) -> int | None:
        """The id of the entry's "place" (in its "country", when given)."""
        name = checker.text(entry, "place", path, PLACE_NAME_LENGTH)
        country_value = entry.get("country")
        country = None
        if country_value is not None:
            if isinstance(country_value, str) and COUNTRY_RE.fullmatch(country_value.strip()):
                country = country_value.strip().upper()
            else:
                checker.problem(
                    f"{path}.country",
                    f"must be a two-letter country code, not {quote(country_value)}",
                )
        if not name or len(name) > PLACE_NAME_LENGTH:
            return None
        key = (fold(clean(name)), country)
        if key not in self._cache:
            place = resolve_place(name, country)
            self._cache[key] = place.id if place is not None else None
            if place is None:
                hints = suggest_places(name, limit=1)
                hint = (
                    f"; did you mean {quote(hints[0].name)} ({hints[0].country})?" if hints else ""
                )
                where = f" in {country}" if country else ""
                checker.problem(f"{path}.place", f"unknown place {quote(name)}{where}{hint}")
                return None
        elif self._cache[key] is None:
            checker.problem(f"{path}.place", f"unknown place {quote(name)}")
        return self._cache[key]


# --- the file -----------------------------------------------------------------------------------


@dataclass
class _Context:
    checker: Checker
    skills: SkillNames
    sectors: SectorNames
    places: PlaceNames
    #: Accounts already in the database: e-mail -> (id, role).
    accounts: dict[str, tuple[int, Role]]
    #: Authors the file's articles and needs may name: e-mail -> role.
    authors: dict[str, Role] = field(default_factory=dict)


def check_bulk(data: Any, options: ImportOptions = ImportOptions()) -> BulkPlan:
    """Check a parsed bulk file against the format and the database; all problems at once."""
    checker = Checker()
    plan = BulkPlan()
    if not isinstance(data, dict):
        checker.problem(
            "$", f"must be an object with {', '.join(TOP_KEYS)}, not {_type_name(data)}"
        )
        raise BulkFileError(checker.problems)
    checker.keys(data, set(TOP_KEYS), "$")
    for key in TOP_KEYS:
        if data.get(key) is not None and not isinstance(data[key], list):
            checker.problem(key, f"must be a list, not {_type_name(data[key])}")
    lists = {key: data[key] if isinstance(data.get(key), list) else [] for key in TOP_KEYS}

    plan.community_skills = _community_skills(checker, lists["community_skills"])
    skills = SkillNames(
        {entry.key: entry for entry in plan.community_skills}, create=options.create_skills
    )
    context = _Context(
        checker=checker,
        skills=skills,
        sectors=SectorNames(skills.loose, to_other=options.other_sectors),
        places=PlaceNames(),
        accounts=_existing_accounts(),
    )
    context.authors = {email: role for email, (_id, role) in context.accounts.items()}
    plan.members = _members(context, lists["members"])
    plan.partners = _partners(context, lists["partners"])
    plan.articles = _articles(context, lists["articles"])
    plan.needs = _needs(context, lists["needs"])
    from app.data.gatherings import check_circles, check_sessions

    plan.sessions = check_sessions(context, lists["sessions"])
    plan.circles = check_circles(context, lists["circles"])
    plan.loose = context.skills.loose
    plan.community_skills += context.skills.created
    plan.new_skills = [entry.name for entry in context.skills.created]
    plan.other_sectors = context.sectors.unknown
    if checker.problems:
        raise BulkFileError(checker.problems)
    return plan


def _existing_accounts() -> dict[str, tuple[int, Role]]:
    rows = db.session.execute(select(func.lower(User.email), User.id, User.role))
    return {email: (user_id, role) for email, user_id, role in rows}


def _entries(checker: Checker, items: list, name: str, what: str) -> Iterable[tuple[str, dict]]:
    for number, entry in enumerate(items):
        path = f"{name}[{number}]"
        if checker.is_object(entry, path, what):
            yield path, entry


def _first_seen(seen: dict, key, path: str, checker: Checker, where: str, what: str) -> bool:
    """Record ``key`` as seen at ``path``; a problem if an earlier entry had it."""
    if key in seen:
        checker.problem(where, f"{what} is also in {seen[key]}")
        return False
    seen[key] = path
    return True


def _community_skills(checker: Checker, items: list) -> list[CommunitySkillEntry]:
    entries: dict[str, CommunitySkillEntry] = {}
    for path, entry in _entries(checker, items, "community_skills", "a name and a language"):
        checker.keys(entry, COMMUNITY_SKILL_KEYS, path)
        name = checker.text(entry, "name", path, COMMUNITY_LABEL_LENGTH, required=True)
        language = checker.choice(entry, "language", path, SKILL_LANGUAGES)
        if language is None and entry.get("language") is None:
            checker.problem(f"{path}.language", "is missing")
        key = name_key(name) if name else ""
        if key and language and len(name) <= COMMUNITY_LABEL_LENGTH:
            entries.setdefault(key, CommunitySkillEntry(key=key, name=name, language=language))
    return list(entries.values())


def _members(context: _Context, items: list) -> list[MemberEntry]:
    checker = context.checker
    members: list[MemberEntry] = []
    seen: dict[str, str] = {}
    for path, entry in _entries(checker, items, "members", "a member"):
        checker.keys(entry, MEMBER_KEYS, path)
        email = checker.email(entry, "email", path, required=True)
        name = checker.text(entry, "name", path, USER_NAME_LENGTH, required=True)
        role = Role(checker.choice(entry, "role", path, MEMBER_ROLES, Role.MEMBER.value))
        locale = checker.choice(entry, "locale", path, INTERFACE_LANGUAGES)
        member = MemberEntry(
            path=path,
            email=email,
            name=name,
            role=role,
            locale=locale,
            has_profile=bool(PROFILE_KEYS & set(entry)),
        )
        if member.has_profile:
            _read_profile(context, entry, path, member)
        if not email or not _first_seen(seen, email, path, checker, f"{path}.email", quote(email)):
            continue
        existing = context.accounts.get(email)
        if existing is not None:
            if existing[1] is Role.PARTNER:
                checker.problem(
                    f"{path}.email", f"{quote(email)} is the account of an organisation"
                )
            member.exists = True
        context.authors[email] = existing[1] if existing else role
        members.append(member)
    return members


def _read_profile(context: _Context, entry: dict, path: str, member: MemberEntry) -> None:
    checker = context.checker
    member.display_name = checker.text(entry, "display_name", path, USER_NAME_LENGTH) or member.name
    member.headline = checker.text(entry, "headline", path, HEADLINE_LENGTH)
    member.bio = checker.text(entry, "bio", path, BIO_LENGTH, multiline=True)
    member.sector = context.sectors.read(checker, entry, path)
    member.place_id = context.places.read(checker, entry, path)
    member.languages = checker.choice_list(entry, "languages", path, SPOKEN_LANGUAGES)
    member.modes = [Mode(v) for v in checker.choice_list(entry, "modes", path, Mode)]
    member.visibility = Visibility(
        checker.choice(entry, "visibility", path, Visibility, Visibility.MEMBERS.value)
    )
    member.mentor = checker.flag(entry, "mentor", path)
    member.on_map = checker.flag(entry, "on_map", path)
    capacity = checker.number(entry, "mentor_capacity", path, 0, MAX_CAPACITY)
    member.mentor_capacity = capacity if member.mentor else 0
    member.website = checker.url(entry, "website", path)
    member.portfolio = checker.url(entry, "portfolio", path)
    skills = checker.items(entry, "skills", path)
    if len(skills) > MAX_MEMBER_SKILLS:
        checker.problem(f"{path}.skills", f"has {len(skills)} skills; at most 30 allowed")
        skills = []
    chosen: dict[SkillRef, MemberSkillEntry] = {}
    for where, item in skills:
        if isinstance(item, str):
            # A plain name is a skill at the profile form's default level.
            item = {"name": item}
        if not checker.is_object(item, where, 'like {"name": "…", "level": "expert"}'):
            continue
        checker.keys(item, MEMBER_SKILL_KEYS, where)
        ref = context.skills.read(checker, item.get("name"), f"{where}.name", member.locale)
        level = Level(checker.choice(item, "level", where, Level, Level.EXPERIENCED.value))
        can_help = checker.flag(item, "can_help", where)
        if ref is not None:
            chosen.setdefault(ref, MemberSkillEntry(ref, level, can_help))
    member.skills = list(chosen.values())
    member.mentor_wishes = context.skills.read_list(
        checker, entry, "mentor_wishes", path, MAX_WISHES
    )


def _partners(context: _Context, items: list) -> list[PartnerEntry]:
    checker = context.checker
    partners: list[PartnerEntry] = []
    existing = {
        (fold(name), place_id)
        for name, place_id in db.session.execute(select(Partner.name, Partner.place_id))
    }
    seen: dict[tuple, str] = {}
    seen_accounts: dict[str, str] = {}
    for path, entry in _entries(checker, items, "partners", "an organisation"):
        checker.keys(entry, PARTNER_KEYS, path)
        name = checker.text(entry, "name", path, NAME_LENGTH, required=True)
        public_email = checker.email(entry, "email", path, required=False)
        account_email = checker.email(entry, "account_email", path, required=False)
        partner = PartnerEntry(
            path=path,
            name=name,
            description=checker.text(
                entry, "description", path, DESCRIPTION_LENGTH, multiline=True
            ),
            place_id=context.places.read(checker, entry, path),
            address=checker.text(entry, "address", path, ADDRESS_LENGTH),
            website=checker.url(entry, "website", path),
            public_email=public_email,
            account_email=account_email or public_email,
            account_name=checker.text(entry, "account_name", path, USER_NAME_LENGTH) or name,
            languages=checker.choice_list(entry, "languages", path, SPOKEN_LANGUAGES),
            # The file comes from the cooperative's staff, who vouch for the organisations.
            verified=checker.flag(entry, "verified", path, default=True),
            offers=[],
        )
        partner.account_name = partner.account_name[:USER_NAME_LENGTH]
        partner.offers = _offers(context, entry, path)
        if not name:
            continue
        key = (fold(name), partner.place_id)
        if not _first_seen(seen, key, path, checker, f"{path}.name", f"{quote(name)} here"):
            continue
        partner.exists = key in existing
        if not partner.exists:
            where = f"{path}.account_email" if account_email else f"{path}.email"
            _check_partner_account(context, partner, where, seen_accounts)
        partners.append(partner)
    return partners


def _check_partner_account(
    context: _Context, partner: PartnerEntry, where: str, seen: dict[str, str]
) -> None:
    """A new organisation needs an e-mail address for its account that no other has."""
    checker, path, email = context.checker, partner.path, partner.account_email
    if not email:
        checker.problem(path, 'a new organisation needs an "email" (or "account_email")')
        return
    if email in context.accounts or email in context.authors:
        checker.problem(where, f"{quote(email)} already belongs to another account")
    elif _first_seen(seen, email, path, checker, where, quote(email)):
        context.authors[email] = Role.PARTNER


def _offers(context: _Context, entry: dict, path: str) -> list[OfferEntry]:
    checker = context.checker
    offers: list[OfferEntry] = []
    seen: dict[str, str] = {}
    for where, item in checker.items(entry, "offers", path):
        if not checker.is_object(item, where, "an offer"):
            continue
        checker.keys(item, OFFER_KEYS, where)
        title = checker.text(item, "title", where, OFFER_TITLE_LENGTH, required=True)
        kind = checker.choice(item, "kind", where, OfferKind)
        if kind is None and item.get("kind") is None:
            checker.problem(f"{where}.kind", "is missing")
        price, price_text = _price(checker, item, where)
        start, end = checker.day(item, "start", where), checker.day(item, "end", where)
        if start and end and end < start:
            checker.problem(f"{where}.end", "comes before the start")
        place_id = None
        if item.get("place") is not None:
            # An offer elsewhere than its organisation is looked for in the same country.
            country = item.get("country", entry.get("country"))
            place_id = context.places.read(checker, {**item, "country": country}, where)
        offer = OfferEntry(
            path=where,
            title=title,
            description=checker.text(
                item, "description", where, DESCRIPTION_LENGTH, multiline=True
            ),
            kind=OfferKind(kind) if kind else OfferKind.OTHER,
            modes=[Mode(v) for v in checker.choice_list(item, "modes", where, Mode)],
            languages=checker.choice_list(item, "languages", where, SPOKEN_LANGUAGES),
            skills=context.skills.read_list(checker, item, "skills", where, MAX_LIST_SKILLS),
            price=price,
            price_text=price_text,
            start=start,
            end=end,
            place_id=place_id,
        )
        if title and _first_seen(seen, fold(title), where, checker, f"{where}.title", "this title"):
            offers.append(offer)
    return offers


def _price(checker: Checker, item: dict, where: str) -> tuple[Price, str]:
    """The price: "free", "paid", or what it costs in words (a paid offer)."""
    text = checker.text(item, "price", where, PRICE_TEXT_LENGTH)
    if not text or text.lower() == Price.FREE.value:
        return Price.FREE, ""
    if text.lower() == Price.PAID.value:
        return Price.PAID, ""
    return Price.PAID, text[:PRICE_TEXT_LENGTH]


def _author(context: _Context, entry: dict, path: str, *, required: bool) -> str | None:
    """The e-mail of an author the file or the database has; None for "a former member"."""
    if entry.get("author_email") is None and not required:
        return None
    email = context.checker.email(entry, "author_email", path, required=True)
    if email and email not in context.authors:
        context.checker.problem(
            f"{path}.author_email", f"no member with the address {quote(email)}"
        )
    return email


def _articles(context: _Context, items: list) -> list[ArticleEntry]:
    checker = context.checker
    topics = dict(db.session.execute(select(Topic.slug, Topic.id)).all())
    existing = _existing_titles(Article, Article.kind == ArticleKind.ARTICLE)
    articles: list[ArticleEntry] = []
    seen: dict[tuple, str] = {}
    for path, entry in _entries(checker, items, "articles", "an article"):
        checker.keys(entry, ARTICLE_KEYS, path)
        author = _author(context, entry, path, required=False)
        title = checker.text(entry, "title", path, ARTICLE_TITLE_LENGTH, required=True)
        language = checker.choice(entry, "language", path, ARTICLE_LANGUAGES)
        if language is None and entry.get("language") is None:
            checker.problem(f"{path}.language", "is missing")
        article = ArticleEntry(
            path=path,
            author_email=author,
            title=title,
            summary=checker.text(entry, "summary", path, SUMMARY_LENGTH),
            body=checker.text(entry, "body", path, BODY_LENGTH, multiline=True),
            language=language or "en",
            tags=_tags(checker, entry, path),
            topic_ids=_topics(checker, entry, path, topics),
            skills=context.skills.read_list(checker, entry, "skills", path, MAX_ARTICLE_SKILLS),
            published=checker.flag(entry, "published", path),
            published_at=checker.moment(entry, "published_at", path),
            visibility=ArticleVisibility(
                checker.choice(
                    entry, "visibility", path, ArticleVisibility, ArticleVisibility.PUBLIC.value
                )
            ),
        )
        key = (author, fold(title))
        if title and _first_seen(seen, key, path, checker, f"{path}.title", "this author's title"):
            article.exists = (author, title) in existing
            articles.append(article)
    return articles


def _tags(checker: Checker, entry: dict, path: str) -> list[str]:
    names = []
    for where, item in checker.items(entry, "tags", path):
        if isinstance(item, str):
            names.append(item)
        else:
            checker.problem(where, f"must be text, not {_type_name(item)}")
    try:
        return normalise_tags(names)
    except TagError as error:
        reasons = {
            "too-long": f"the tag {quote(error.tag)} is too long",
            "invalid": f"the tag {quote(error.tag)} may only hold letters, digits and - + . '",
            "too-many": "has more than 10 tags",
        }
        checker.problem(f"{path}.tags", reasons.get(error.kind, error.kind))
        return []


def _topics(checker: Checker, entry: dict, path: str, topics: dict[str, int]) -> list[int]:
    ids: dict[int, None] = {}
    items = checker.items(entry, "topics", path)
    if len(items) > MAX_TOPICS:
        checker.problem(f"{path}.topics", f"has {len(items)} topics; at most {MAX_TOPICS} allowed")
        return []
    for where, item in items:
        if isinstance(item, str) and item in topics:
            ids[topics[item]] = None
        else:
            checker.problem(where, f"unknown topic {quote(item)} (see content/topics.yaml)")
    return list(ids)


def _existing_titles(model, *conditions) -> set[tuple[str | None, str]]:
    """(author e-mail, title) of the rows already there; the key that makes imports idempotent."""
    rows = db.session.execute(
        select(func.lower(User.email), model.title)
        .select_from(model)
        .outerjoin(User, User.id == model.author_id)
        .where(*conditions)
    )
    return {(email, title) for email, title in rows}


def _needs(context: _Context, items: list) -> list[NeedEntry]:
    checker = context.checker
    existing = _existing_titles(Need)
    needs: list[NeedEntry] = []
    seen: dict[tuple, str] = {}
    for path, entry in _entries(checker, items, "needs", "a need"):
        checker.keys(entry, NEED_KEYS, path)
        author = _author(context, entry, path, required=True) or ""
        if context.authors.get(author) is Role.PARTNER:
            checker.problem(
                f"{path}.author_email",
                f"{quote(author)} is an organisation's account; organisations answer needs",
            )
        title = checker.text(entry, "title", path, NEED_TITLE_LENGTH, required=True)
        status = NeedStatus(checker.choice(entry, "status", path, NeedStatus, NeedStatus.OPEN))
        solved_value = checker.choice(entry, "solved", path, Solved)
        if solved_value is not None and status is not NeedStatus.CLOSED:
            checker.problem(f"{path}.solved", 'is only for a need whose "status" is "closed"')
        need = NeedEntry(
            path=path,
            author_email=author,
            title=title,
            body=checker.text(entry, "body", path, NEED_BODY_LENGTH, multiline=True),
            skills=context.skills.read_list(checker, entry, "skills", path, MAX_LIST_SKILLS),
            place_id=context.places.read(checker, entry, path),
            modes=[Mode(v) for v in checker.choice_list(entry, "modes", path, Mode)],
            visibility=NeedVisibility(
                checker.choice(
                    entry, "visibility", path, NeedVisibility, NeedVisibility.MEMBERS.value
                )
            ),
            status=status,
            solved=Solved(solved_value) if solved_value else None,
            created=checker.moment(entry, "created", path),
            closed=checker.moment(entry, "closed", path),
        )
        key = (author, fold(title))
        if title and _first_seen(seen, key, path, checker, f"{path}.title", "this author's title"):
            need.exists = (author, title) in existing
            needs.append(need)
    return needs
