"""What the home page shows a newcomer: searches to try, and the newest of each kind.

Every list applies the same visibility rule as its own list page (the ``*_clause``
functions of each feature's access module), so the home page never shows an
anonymous visitor what the needs board, the knowledge base, the member directory or
the partner directory would not.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.articles.access import listed_articles_clause
from app.articles.models import Article, ArticleKind
from app.connections.mentoring import open_places_by_profile
from app.extensions import db
from app.members.access import listed_profiles_clause
from app.members.models import Profile
from app.needs.access import board_clause
from app.needs.models import Need
from app.partners.access import listed_partners_clause
from app.partners.directory import squared_distance
from app.partners.models import Partner
from app.places.gazetteer import distance_km
from app.places.models import Place

#: Searches to try, in the language of the interface: words the taxonomy knows.
EXAMPLE_SEARCHES = {
    "nl": ("boekhouding", "webdesign", "fotografie", "coworking Gent"),
    "fr": ("comptabilité", "graphisme", "traduction", "coworking Liège"),
    "en": ("accounting", "web design", "photography", "coworking Brussels"),
}
NEEDS = 5
ARTICLES = 4
GUIDES = 4
MENTORS = 6
PARTNERS = 5
#: Mentors are weighed this many at a time until enough have an open place.
MENTOR_BATCH = 30
MENTOR_BATCHES = 10


def example_searches(lang: str) -> tuple[str, ...]:
    return EXAMPLE_SEARCHES.get(lang, EXAMPLE_SEARCHES["en"])


def newest_needs(viewer, limit: int = NEEDS) -> list[Need]:
    """The newest open needs the viewer may see: what the needs board lists first."""
    return list(
        db.session.scalars(
            select(Need)
            .where(board_clause(viewer))
            .options(selectinload(Need.place))
            .order_by(Need.created_at.desc(), Need.id.desc())
            .limit(limit)
        )
    )


def latest_articles(viewer, limit: int = ARTICLES) -> list[Article]:
    """Members' articles the viewer may read, last published first."""
    return list(
        db.session.scalars(
            select(Article)
            .where(listed_articles_clause(viewer), Article.kind == ArticleKind.ARTICLE)
            .options(selectinload(Article.author))
            .order_by(Article.published_at.desc(), Article.id.desc())
            .limit(limit)
        )
    )


def latest_guides(viewer, lang: str, limit: int = GUIDES) -> list[Article]:
    """The cooperative's guides in the interface language, last published first."""
    return list(
        db.session.scalars(
            select(Article)
            .where(
                listed_articles_clause(viewer),
                Article.kind == ArticleKind.GUIDE,
                Article.language == lang,
            )
            .order_by(Article.published_at.desc(), Article.id.desc())
            .limit(limit)
        )
    )


@dataclass(frozen=True)
class MentorWithPlaces:
    profile: Profile
    open_places: int


def mentors_with_open_places(viewer, limit: int = MENTORS) -> list[MentorWithPlaces]:
    """Listed mentors who can take a mentee now, last updated first (not the viewer)."""
    stmt = (
        select(Profile)
        .where(
            listed_profiles_clause(viewer),
            Profile.mentor.is_(True),
            Profile.mentor_capacity > 0,
        )
        .options(selectinload(Profile.place))
        .order_by(Profile.updated_at.desc(), Profile.id.desc())
    )
    if viewer is not None and viewer.is_authenticated:
        stmt = stmt.where(Profile.user_id != viewer.id)
    found: list[MentorWithPlaces] = []
    for batch in range(MENTOR_BATCHES):
        profiles = list(db.session.scalars(stmt.limit(MENTOR_BATCH).offset(batch * MENTOR_BATCH)))
        # The connections feature counts capacity minus active mentorships.
        places = open_places_by_profile(profiles)
        found += [MentorWithPlaces(p, places[p.id]) for p in profiles if places.get(p.id, 0) > 0]
        if len(found) >= limit or len(profiles) < MENTOR_BATCH:
            break
    return found[:limit]


@dataclass(frozen=True)
class NearbyPartner:
    partner: Partner
    distance_km: float | None


def partners_near(viewer, near: Place | None, limit: int = PARTNERS) -> list[NearbyPartner]:
    """Verified organisations nearest to ``near`` (as the partner directory measures),
    or without a place the newest verified ones."""
    stmt = (
        select(Partner)
        .where(listed_partners_clause(viewer), Partner.verified.is_(True))
        .options(selectinload(Partner.place))
    )
    if near is None:
        stmt = stmt.order_by(Partner.created_at.desc(), Partner.id.desc())
        return [NearbyPartner(partner, None) for partner in db.session.scalars(stmt.limit(limit))]
    stmt = stmt.outerjoin(Place, Partner.place_id == Place.id).order_by(
        squared_distance(Place, near), Partner.id
    )
    return [
        NearbyPartner(partner, distance_km(near, partner.place) if partner.place else None)
        for partner in db.session.scalars(stmt.limit(limit))
    ]


# What is new for a signed-in member. Each feature may add a section: a function taking
# the member and giving a NewsSection or None (e.g. the sessions feature: "sessions near
# you"), appended to NEWS_SECTIONS by that feature.
NEWS_ITEMS = 5


@dataclass(frozen=True)
class NewsItem:
    url: str
    title: str
    detail: str = ""
    when: object = None


@dataclass(frozen=True)
class NewsSection:
    key: str
    title: str
    items: list[NewsItem]
    more_url: str | None = None
    more_label: str = ""


def needs_to_help_with(user, limit: int = NEWS_ITEMS) -> list[Need]:
    """Open needs of others on skills the member said they can help with, newest first."""
    from app.needs.board import helpable_skill_ids
    from app.needs.models import NeedSkill

    return list(
        db.session.scalars(
            select(Need)
            .where(
                board_clause(user),
                Need.author_id != user.id,
                Need.skills.any(NeedSkill.skill_id.in_(helpable_skill_ids(user))),
            )
            .order_by(Need.created_at.desc(), Need.id.desc())
            .limit(limit)
        )
    )


def replies_to_my_needs(user, limit: int = NEWS_ITEMS) -> list:
    """Others' latest responses to the member's needs."""
    from app.needs.models import NeedResponse

    return list(
        db.session.scalars(
            select(NeedResponse)
            .join(Need, NeedResponse.need_id == Need.id)
            .where(Need.author_id == user.id, NeedResponse.author_id != user.id)
            .options(selectinload(NeedResponse.need))
            .order_by(NeedResponse.created_at.desc(), NeedResponse.id.desc())
            .limit(limit)
        )
    )


def answered_requests(user, limit: int = NEWS_ITEMS) -> list:
    """The member's own contact requests that the other member answered, latest first."""
    from app.connections.models import ContactRequest, RequestStatus

    return list(
        db.session.scalars(
            select(ContactRequest)
            .where(
                ContactRequest.sender_id == user.id,
                ContactRequest.status.in_([RequestStatus.ACCEPTED, RequestStatus.DECLINED]),
            )
            .order_by(ContactRequest.updated_at.desc(), ContactRequest.id.desc())
            .limit(limit)
        )
    )


#: Sections other features add (see above).
NEWS_SECTIONS: list = []


def extra_news(user) -> list[NewsSection]:
    """The sections other features registered, those that have something to show."""
    sections = (provider(user) for provider in NEWS_SECTIONS)
    return [section for section in sections if section is not None and section.items]
