"""Exporting the community in the bulk format, so that it imports into an empty instance.

Everything the importer reads is written, and nothing it does not: no password hashes,
no session tokens, no private threads. Lists are sorted (members by e-mail, the others
by their import key) so that two exports of the same data are the same file.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.accounts.models import Role, User
from app.articles.models import Article, ArticleKind, ArticleSkill
from app.clock import as_utc
from app.extensions import db
from app.members.models import MemberSkill, MentorWish, Mode, Profile
from app.needs.models import Need, NeedSkill, NeedStatus
from app.partners.models import Offer, OfferSkill, Partner, Price
from app.places.gazetteer import resolve_place
from app.places.models import Place
from app.places.regions import region_name
from app.skills.models import Skill

#: Members are read this many at a time.
CHUNK = 1000
#: The language skill names are written in: any works, one keeps exports comparable.
SKILL_LANGUAGE = "en"
MODE_ORDER = {mode: position for position, mode in enumerate(Mode)}


def iso_moment(moment: datetime | None) -> str | None:
    """A timestamp in UTC, ISO 8601."""
    return None if moment is None else as_utc(moment).isoformat()


def iso_day(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _modes(rows) -> list[str]:
    return [mode.value for mode in sorted((row.mode for row in rows), key=MODE_ORDER.get)]


def _compact(entry: dict[str, Any]) -> dict[str, Any]:
    """Leave out what the importer would assume anyway (None, "", [], False)."""
    return {key: value for key, value in entry.items() if value not in (None, "", [], False)}


class _Names:
    """How skills and places are named in the file, each worked out once."""

    def __init__(self) -> None:
        self.skills: dict[int, str] = {}
        self.community: dict[int, tuple[str, str]] = {}
        self.places: dict[int, tuple[str, str]] = {}

    def skill(self, skill: Skill) -> str:
        if skill.id not in self.skills:
            name = skill.label(SKILL_LANGUAGE)
            self.skills[skill.id] = name
            if skill.is_community:
                # A community skill may not exist where the file is imported: it travels along.
                language = next(
                    (label.lang for label in skill.labels if label.text == name),
                    SKILL_LANGUAGE,
                )
                self.community[skill.id] = (name, language)
        return self.skills[skill.id]

    def place(self, place: Place | None) -> tuple[str | None, str | None]:
        """The name and country that resolve back to this very place."""
        if place is None:
            return None, None
        if place.id not in self.places:
            name = place.name
            found = resolve_place(name, place.country)
            if found is None or found.id != place.id:
                # A smaller place of the same name: say which region it is in.
                name = f"{place.name}, {region_name(place.region, 'en')}"
            self.places[place.id] = (name, place.country)
        return self.places[place.id]


def export_bulk() -> dict[str, list]:
    """The whole community in the bulk format (guides are content/, not exported)."""
    names = _Names()
    emails = dict(db.session.execute(select(User.id, func.lower(User.email))).all())
    members = list(_members(names))
    partners = list(_partners(names))
    articles = list(_articles(names, emails))
    needs = list(_needs(names, emails))
    from app.data.gatherings import export_circles, export_sessions

    sessions = export_sessions(names, emails)
    circles = export_circles(names, emails)
    data: dict[str, list] = {}
    if names.community:
        data["community_skills"] = sorted(
            ({"name": name, "language": lang} for name, lang in names.community.values()),
            key=lambda entry: (entry["name"].casefold(), entry["language"]),
        )
    data["members"] = members
    data["partners"] = partners
    data["articles"] = articles
    data["needs"] = needs
    data["sessions"] = sessions
    data["circles"] = circles
    return data


def _members(names: _Names) -> Iterator[dict]:
    """Members, staff and administrators (organisations' accounts go with "partners")."""
    last = ""
    while True:
        users = db.session.scalars(
            select(User)
            .where(User.role != Role.PARTNER, func.lower(User.email) > last)
            .order_by(func.lower(User.email))
            .limit(CHUNK)
        ).all()
        if not users:
            return
        profiles = {
            profile.user_id: profile
            for profile in db.session.scalars(
                select(Profile)
                .where(Profile.user_id.in_([user.id for user in users]))
                .options(
                    selectinload(Profile.place),
                    selectinload(Profile.languages),
                    selectinload(Profile.modes),
                    selectinload(Profile.skills).selectinload(MemberSkill.skill),
                    selectinload(Profile.mentor_wishes).selectinload(MentorWish.skill),
                )
            )
        }
        for user in users:
            yield _member(user, profiles.get(user.id), names)
        last = users[-1].email.lower()
        db.session.expunge_all()


def _member(user: User, profile: Profile | None, names: _Names) -> dict:
    entry: dict[str, Any] = {"email": user.email.lower(), "name": user.name}
    if user.role is not Role.MEMBER:
        entry["role"] = user.role.value
    if user.locale:
        entry["locale"] = user.locale
    if profile is None:
        return entry
    place, country = names.place(profile.place)
    entry.update(
        _compact(
            {
                "display_name": profile.display_name if profile.display_name != user.name else None,
                "headline": profile.headline,
                "bio": profile.bio,
                "sector": profile.sector,
                "place": place,
                "country": country,
                "languages": sorted(profile.language_codes),
                "mentor": profile.mentor,
                "mentor_capacity": profile.mentor_capacity if profile.mentor else None,
                "modes": _modes(profile.modes),
                "on_map": profile.on_map,
                "website": profile.website,
                "portfolio": profile.portfolio,
                "mentor_wishes": sorted(names.skill(wish.skill) for wish in profile.mentor_wishes),
            }
        )
    )
    # Always written: it is what makes the entry a profile, and its default is not public.
    entry["visibility"] = profile.visibility.value
    entry["skills"] = [
        {"name": names.skill(row.skill), "level": row.level.value, "can_help": row.can_help}
        for row in profile.skills
    ]
    return entry


def _partners(names: _Names) -> Iterator[dict]:
    partners = db.session.scalars(
        select(Partner).options(
            selectinload(Partner.user),
            selectinload(Partner.place),
            selectinload(Partner.languages),
            selectinload(Partner.offers).options(
                selectinload(Offer.own_place),
                selectinload(Offer.modes),
                selectinload(Offer.languages),
                selectinload(Offer.skills).selectinload(OfferSkill.skill),
            ),
        )
    ).all()
    entries = [_partner(partner, names) for partner in partners]
    entries.sort(key=lambda entry: (entry["name"].casefold(), entry.get("place") or ""))
    return iter(entries)


def _partner(partner: Partner, names: _Names) -> dict:
    place, country = names.place(partner.place)
    account = partner.user.email.lower()
    entry = _compact(
        {
            "name": partner.name,
            "description": partner.description,
            "place": place,
            "country": country,
            "address": partner.address,
            "website": partner.website,
            "email": partner.public_email,
            "account_email": account if account != partner.public_email.lower() else None,
            "account_name": partner.user.name if partner.user.name != partner.name else None,
            "languages": sorted(partner.language_codes),
        }
    )
    entry["verified"] = partner.verified
    offers = [_offer(offer, partner, names) for offer in partner.offers]
    entry["offers"] = sorted(offers, key=lambda offer: offer["title"].casefold())
    return entry


def _offer(offer: Offer, partner: Partner, names: _Names) -> dict:
    place, country = names.place(offer.own_place)
    if partner.place is not None and country == partner.place.country:
        country = None  # the importer looks in the organisation's country
    # A paid offer says what it costs in words when it can; "paid" when it does not.
    paid = offer.price_text or Price.PAID.value
    price = Price.FREE.value if offer.price is Price.FREE else paid
    return _compact(
        {
            "title": offer.title,
            "description": offer.description,
            "kind": offer.kind.value,
            "modes": _modes(offer.modes),
            "languages": sorted(offer.language_codes),
            "skills": [names.skill(row.skill) for row in offer.skills],
            "price": price,
            "start": iso_day(offer.start_date),
            "end": iso_day(offer.end_date),
            "place": place,
            "country": country,
        }
    )


def _articles(names: _Names, emails: dict[int, str]) -> Iterator[dict]:
    articles = db.session.scalars(
        select(Article)
        .where(Article.kind == ArticleKind.ARTICLE)
        .options(
            selectinload(Article.topics),
            selectinload(Article.tags),
            selectinload(Article.skills).selectinload(ArticleSkill.skill),
        )
    ).all()
    entries = []
    for article in articles:
        entry = _compact(
            {
                "author_email": emails.get(article.author_id),
                "title": article.title,
                "summary": article.summary,
                "body": article.body,
                "language": article.language,
                "tags": article.tag_names,
                "topics": [topic.slug for topic in article.topics],
                "skills": [names.skill(row.skill) for row in article.skills],
                "published": article.published,
                "published_at": iso_moment(article.published_at),
            }
        )
        # Null (kept after its author left) is meaningful, as is the visibility.
        entry.setdefault("author_email", None)
        entry["visibility"] = article.visibility.value
        entries.append(entry)
    entries.sort(key=lambda entry: (entry["author_email"] or "", entry["title"].casefold()))
    return iter(entries)


def _needs(names: _Names, emails: dict[int, str]) -> Iterator[dict]:
    needs = db.session.scalars(
        select(Need).options(
            selectinload(Need.place),
            selectinload(Need.modes),
            selectinload(Need.skills).selectinload(NeedSkill.skill),
        )
    ).all()
    entries = []
    for need in needs:
        place, country = names.place(need.place)
        closed = need.status is NeedStatus.CLOSED
        entry = _compact(
            {
                "author_email": emails[need.author_id],
                "title": need.title,
                "body": need.body,
                "skills": [names.skill(row.skill) for row in need.skills],
                "place": place,
                "country": country,
                "modes": _modes(need.modes),
                "visibility": need.visibility.value,
                "status": need.status.value,
                "solved": need.solved.value if closed and need.solved else None,
                "created": iso_moment(need.created_at),
                "closed": iso_moment(need.closed_at) if closed else None,
            }
        )
        entries.append(entry)
    entries.sort(key=lambda entry: (entry["author_email"], entry["title"].casefold()))
    return iter(entries)
