"""Checking a whole bulk file before anything is imported, and resolving the names it uses.

``check_bulk`` reads the parsed JSON and returns a ``BulkPlan``: every entry as plain
values with its skills and places resolved to ids, and whether it is new or already in
the database. Every problem is reported with its JSON path, e.g.
``members[3].skills[1].name: unknown skill "foo"``; a file with any problem raises
``BulkFileError`` listing all of them, so an import is all or nothing.

The entries live in app/data/entries.py, the value readers in app/data/checker.py and the
name resolvers in app/data/names.py; the limits are the models' (what the forms allow).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select

from app.accounts.models import NAME_LENGTH as USER_NAME_LENGTH
from app.accounts.models import Role, User
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
from app.articles.models import MAX_SKILLS as MAX_ARTICLE_SKILLS
from app.articles.models import TITLE_LENGTH as ARTICLE_TITLE_LENGTH
from app.articles.tags import TagError, normalise_tags
from app.data.checker import (
    BulkFileError,
    Checker,
    first_seen,
    object_entries,
    quote,
)
from app.data.checker import parse_json as parse_json
from app.data.entries import (
    ArticleEntry,
    BulkPlan,
    CommunitySkillEntry,
    ImportOptions,
    MemberEntry,
    MemberSkillEntry,
    NeedEntry,
    OfferEntry,
    PartnerEntry,
    SkillRef,
)
from app.data.names import PlaceNames, SectorNames, SkillNames
from app.extensions import db
from app.i18n import LANGUAGES
from app.members.models import (
    BIO_LENGTH,
    DISPLAY_NAME_LENGTH,
    HEADLINE_LENGTH,
    MAX_CAPACITY,
    MAX_WISHES,
    SPOKEN_LANGUAGES,
    Level,
    Mode,
    Visibility,
)
from app.members.models import MAX_SKILLS as MAX_MEMBER_SKILLS
from app.needs.models import BODY_LENGTH as NEED_BODY_LENGTH
from app.needs.models import MAX_SKILLS as MAX_NEED_SKILLS
from app.needs.models import TITLE_LENGTH as NEED_TITLE_LENGTH
from app.needs.models import Need, NeedStatus, NeedVisibility, Solved
from app.partners.models import (
    ADDRESS_LENGTH,
    DESCRIPTION_LENGTH,
    MAX_OFFER_SKILLS,
    NAME_LENGTH,
    PRICE_TEXT_LENGTH,
    OfferKind,
    Partner,
    Price,
)
from app.partners.models import TITLE_LENGTH as OFFER_TITLE_LENGTH
from app.skills.models import LANGUAGES as SKILL_LANGUAGES
from app.skills.taxonomy import COMMUNITY_LABEL_LENGTH, name_key
from app.text import fold
from app.validation import type_name

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


#: What an import does unless told otherwise: refuse unknown names.
DEFAULT_OPTIONS = ImportOptions()


def check_bulk(data: Any, options: ImportOptions = DEFAULT_OPTIONS) -> BulkPlan:
    """Check a parsed bulk file against the format and the database; all problems at once."""
    checker = Checker()
    plan = BulkPlan()
    if not isinstance(data, dict):
        checker.problem("$", f"must be an object with {', '.join(TOP_KEYS)}, not {type_name(data)}")
        raise BulkFileError(checker.problems)
    checker.keys(data, set(TOP_KEYS), "$")
    for key in TOP_KEYS:
        if data.get(key) is not None and not isinstance(data[key], list):
            checker.problem(key, f"must be a list, not {type_name(data[key])}")
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


def _community_skills(checker: Checker, items: list) -> list[CommunitySkillEntry]:
    entries: dict[str, CommunitySkillEntry] = {}
    for path, entry in object_entries(checker, items, "community_skills", "a name and a language"):
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
    for path, entry in object_entries(checker, items, "members", "a member"):
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
        if not email or not first_seen(seen, email, path, checker, f"{path}.email", quote(email)):
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
    member.display_name = (
        checker.text(entry, "display_name", path, DISPLAY_NAME_LENGTH) or member.name
    )
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
        checker.problem(
            f"{path}.skills", f"has {len(skills)} skills; at most {MAX_MEMBER_SKILLS} allowed"
        )
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
    for path, entry in object_entries(checker, items, "partners", "an organisation"):
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
        if not first_seen(seen, key, path, checker, f"{path}.name", f"{quote(name)} here"):
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
    elif first_seen(seen, email, path, checker, where, quote(email)):
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
            skills=context.skills.read_list(checker, item, "skills", where, MAX_OFFER_SKILLS),
            price=price,
            price_text=price_text,
            start=start,
            end=end,
            place_id=place_id,
        )
        if title and first_seen(seen, fold(title), where, checker, f"{where}.title", "this title"):
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
    for path, entry in object_entries(checker, items, "articles", "an article"):
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
        if title and first_seen(seen, key, path, checker, f"{path}.title", "this author's title"):
            article.exists = (author, title) in existing
            articles.append(article)
    return articles


def _tags(checker: Checker, entry: dict, path: str) -> list[str]:
    names = []
    for where, item in checker.items(entry, "tags", path):
        if isinstance(item, str):
            names.append(item)
        else:
            checker.problem(where, f"must be text, not {type_name(item)}")
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
    for path, entry in object_entries(checker, items, "needs", "a need"):
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
            skills=context.skills.read_list(checker, entry, "skills", path, MAX_NEED_SKILLS),
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
        if title and first_seen(seen, key, path, checker, f"{path}.title", "this author's title"):
            need.exists = (author, title) in existing
            needs.append(need)
    return needs
