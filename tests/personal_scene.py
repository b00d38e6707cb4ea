"""A member with a row in every table that can hold a member's data, and others around her.

Built from the models (no pages), for the personal export and account deletion tests.
An Zwartkoppel is the member; Bo answers and mentors her; Cy wrote to her and keeps a
hidden profile; Dee has nothing to do with her; Eve blocked her; she blocked Fay; Pia
keeps an organisation's account.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from app.accounts import twofactor
from app.accounts.models import Role, User
from app.articles.models import (
    Article,
    ArticleKind,
    ArticleRevision,
    ArticleSkill,
    ArticleTag,
    ArticleVisibility,
    Comment,
    HelpfulMark,
    Topic,
)
from app.connections.models import (
    ContactMessage,
    ContactNotification,
    ContactPreferences,
    ContactRequest,
    MemberBlock,
    Mentorship,
    MentorshipNote,
    NotificationKind,
    ReportReason,
    RequestReport,
    RequestStatus,
    RequestTopic,
)
from app.extensions import db
from app.members.models import (
    Level,
    MemberSkill,
    MentorWish,
    Mode,
    Profile,
    ProfileLanguage,
    ProfileMode,
    Visibility,
)
from app.needs.models import Need, NeedMode, NeedResponse, NeedSkill, NeedVisibility
from app.notifications.models import NotificationKind as Kind
from app.notifications.models import notify
from app.partners.models import (
    Offer,
    OfferKind,
    OfferLanguage,
    OfferMode,
    OfferSkill,
    Partner,
    PartnerLanguage,
)
from app.places.gazetteer import resolve_place
from app.skills.taxonomy import resolve_skill
from tests.helpers import make_user

AN_NAME = "An Zwartkoppel"
AN_EMAIL = "an.zwartkoppel@example.org"
#: A word of An's that nobody else uses: found in the index files as long as they hold her.
AN_WORD = "zwartkoppel"
CY_NAME = "Cy Verborgen"
CY_EMAIL = "cy.geheim@example.org"
#: What An must not learn of Cy, who wrote to her (she does see Cy's name, as in her inbox).
CY_SECRETS = (CY_EMAIL, "Mijn verborgen verhaal", "+32 499 99 99 99")
DEE_SECRETS = ("Dee Onbekend", "dee.onbekend@example.org", "Dee haar eigen verhaal")
BO_EMAIL = "bo.dubois@example.org"


@dataclass
class Scene:
    an: User
    bo: User
    cy: User
    dee: User
    eve: User
    fay: User
    pia: User
    an_article: Article
    an_draft: Article
    bo_article: Article
    an_comment: Comment
    an_need: Need


def _profile(user: User, visibility: Visibility, **fields) -> Profile:
    profile = Profile(user_id=user.id, display_name=user.name, visibility=visibility, **fields)
    db.session.add(profile)
    return profile


def _article(author: User | None, title: str, published: bool = True) -> Article:
    article = Article(
        kind=ArticleKind.ARTICLE,
        author_id=author.id if author else None,
        title=title,
        summary="",
        body=f"De tekst van {title}.",
        language="nl",
        visibility=ArticleVisibility.PUBLIC,
        published=published,
    )
    db.session.add(article)
    db.session.flush()
    return article


def _guidance(an: User, bo: User, staff: User, gent, pricing) -> None:
    """Sam advises An at the Gent office; An is a peer adviser Bo booked and asked."""
    from datetime import UTC, datetime, time

    from app.guidance import models as g
    from app.guidance.topics import load_topics

    load_topics()
    office = g.Office(name="Kantoor Gent", address="Straat 1", place_id=gent.id)
    sam = g.Adviser(user_id=staff.id, kind=g.AdviserKind.STAFF, modes="office video")
    sam.offices = [g.AdviserOffice(office=office)]
    peer = g.Adviser(user_id=an.id, kind=g.AdviserKind.PEER, headline="Peer Zwartkoppel")
    peer.topics = [g.AdviserTopic(topic_id="pricing")]
    peer.skills = [g.AdviserSkill(skill_id=pricing.id)]
    peer.offices = [g.AdviserOffice(office=office)]
    peer.hours = [g.WeeklyHours(weekday=0, starts=time(9), ends=time(12))]
    peer.absences = [g.Absence(first_day=date(2030, 1, 1), last_day=date(2030, 1, 2))]
    db.session.add_all([office, sam, peer])
    db.session.flush()
    when = datetime(2030, 1, 7, 9, tzinfo=UTC)
    common = {"topic_id": "pricing", "starts_at": when, "ends_at": when}
    db.session.add_all(
        [
            g.Appointment(
                adviser_id=sam.id,
                member_id=an.id,
                mode=g.Mode.OFFICE,
                office_id=office.id,
                description="Zwartkoppel wil haar prijzen",
                region="BE-VLG",
                **common,
            ),
            g.Appointment(
                adviser_id=peer.id, member_id=bo.id, mode=g.Mode.VIDEO, description="Bo", **common
            ),
        ]
    )
    asked = g.Question(member_id=an.id, topic_id="taxes", mode=g.Mode.PHONE, body="Btw?")
    asked.adviser = sam
    asked.messages = [
        g.QuestionMessage(author_id=an.id, body="Nog iets"),
        g.QuestionMessage(author_id=staff.id, body="Antwoord"),
    ]
    to_her = g.Question(member_id=bo.id, topic_id="pricing", mode=g.Mode.VIDEO, body="Bo vraagt")
    to_her.adviser = peer
    to_her.messages = [g.QuestionMessage(author_id=an.id, body="Zwartkoppel antwoordt")]
    db.session.add_all([asked, to_her])
    db.session.commit()


def build_scene() -> Scene:
    """Every kind of row around An; commits. Needs the ``world`` (skills and places)."""
    an = make_user(AN_EMAIL, AN_NAME)
    bo = make_user(BO_EMAIL, "Bo Dubois")
    cy = make_user(CY_EMAIL, CY_NAME)
    dee = make_user(DEE_SECRETS[1], DEE_SECRETS[0])
    eve = make_user("eve@example.org", "Eve Blokker")
    fay = make_user("fay@example.org", "Fay Geblokt")
    pia = make_user("pia@example.org", "Pia Partner", role=Role.PARTNER)
    staff = make_user("staff@example.org", "Sam Staff", role=Role.STAFF)
    bookkeeping, pricing = resolve_skill("boekhouding"), resolve_skill("pricing")
    gent = resolve_place("Gent")

    profile = _profile(
        an,
        Visibility.PUBLIC,
        headline="Illustrator en boekhouder",
        bio="Ik teken en ik tel.",
        sector="performing-arts",
        place_id=gent.id,
        website="https://an.example.org",
        mentor=True,
        mentor_capacity=1,
    )
    db.session.flush()
    profile.skills = [
        MemberSkill(skill_id=bookkeeping.id, level=Level.EXPERT, can_help=True, position=0)
    ]
    profile.mentor_wishes = [MentorWish(skill_id=pricing.id)]
    profile.languages = [ProfileLanguage(lang="nl"), ProfileLanguage(lang="fr")]
    profile.modes = [ProfileMode(mode=Mode.ONLINE)]
    _profile(bo, Visibility.PUBLIC, headline="Boekhouder")
    _profile(cy, Visibility.HIDDEN, bio=CY_SECRETS[1])
    _profile(dee, Visibility.MEMBERS, bio=DEE_SECRETS[2])
    db.session.add_all(
        [
            ContactPreferences(user_id=an.id, share_email=True, phone="+32 470 00 00 01"),
            ContactPreferences(user_id=bo.id, share_email=False, phone="", website=""),
            ContactPreferences(user_id=cy.id, share_email=True, phone=CY_SECRETS[2]),
        ]
    )

    topic = db.session.scalar(select(Topic).where(Topic.slug == "pricing"))
    if topic is None:
        topic = Topic(slug="pricing", name_nl="Prijs", name_fr="Prix", name_en="Pricing")
        db.session.add(topic)
    an_article = _article(an, "Mijn eerste jaar als illustrator")
    an_article.tags = [ArticleTag(name="starten")]
    an_article.topics = [topic]
    an_article.skills = [ArticleSkill(skill_id=pricing.id, position=0)]
    an_article.revisions = [
        ArticleRevision(number=1, author_id=an.id, title=an_article.title, body=an_article.body),
        ArticleRevision(number=2, author_id=staff.id, title=an_article.title, body="Nagekeken."),
    ]
    an_draft = _article(an, "Een half idee", published=False)
    bo_article = _article(bo, "Boekhouding zonder tranen")
    bo_article.revisions = [
        ArticleRevision(number=1, author_id=bo.id, title=bo_article.title, body="Eerst."),
        # An corrected a word of Bo's article (as staff may): her revision of another's article.
        ArticleRevision(number=2, author_id=an.id, title=bo_article.title, body="Daarna."),
    ]
    an_comment = Comment(article_id=bo_article.id, author_id=an.id, body="Heel helder, dank je!")
    db.session.add_all(
        [
            an_comment,
            Comment(article_id=an_article.id, author_id=bo.id, body="Mooi geschreven."),
            HelpfulMark(article_id=bo_article.id, user_id=an.id),
            HelpfulMark(article_id=an_article.id, user_id=dee.id),
        ]
    )

    an_need = Need(author_id=an.id, title="Wie kent de btw-regels?", body="Voor mijn boeken.")
    an_need.skills = [NeedSkill(skill_id=bookkeeping.id, position=0)]
    an_need.modes = [NeedMode(mode=Mode.ONLINE)]
    bo_need = Need(author_id=bo.id, title="Een illustrator gezocht", body="Voor een cover.")
    dee_need = Need(
        author_id=dee.id, title="Dee zoekt iets", body="Geheim", visibility=NeedVisibility.MEMBERS
    )
    db.session.add_all([an_need, bo_need, dee_need])
    db.session.flush()
    db.session.add_all(
        [
            NeedResponse(need_id=an_need.id, author_id=bo.id, body="Ik help je graag."),
            NeedResponse(need_id=bo_need.id, author_id=an.id, body="Ik teken covers."),
        ]
    )

    accepted = ContactRequest(
        sender_id=an.id,
        recipient_id=bo.id,
        topic=RequestTopic.MENTORING,
        message="Wil je mijn mentor zijn?",
        status=RequestStatus.ACCEPTED,
    )
    from_cy = ContactRequest(
        sender_id=cy.id, recipient_id=an.id, topic=RequestTopic.QUESTION, message="Een vraag."
    )
    # Eve blocked An: An's request never reached her, and An must not find that out.
    to_eve = ContactRequest(
        sender_id=an.id,
        recipient_id=eve.id,
        topic=RequestTopic.COLLABORATION,
        message="Samenwerken?",
        suppressed=True,
    )
    unrelated = ContactRequest(
        sender_id=dee.id, recipient_id=cy.id, topic=RequestTopic.QUESTION, message="Dee aan Cy."
    )
    db.session.add_all([accepted, from_cy, to_eve, unrelated])
    db.session.flush()
    first = ContactMessage(request_id=accepted.id, author_id=an.id, body="Dank je, Bo!")
    db.session.add_all(
        [
            first,
            ContactMessage(request_id=accepted.id, author_id=bo.id, body="Graag gedaan."),
            MemberBlock(blocker_id=eve.id, blocked_id=an.id),
            MemberBlock(blocker_id=an.id, blocked_id=fay.id),
            RequestReport(request_id=from_cy.id, reporter_id=an.id, reason=ReportReason.SPAM),
            ContactNotification(
                user_id=an.id, kind=NotificationKind.NEW_REQUEST, request_id=from_cy.id
            ),
        ]
    )
    mentorship = Mentorship(
        mentor_id=bo.id, mentee_id=an.id, goals="Mijn prijzen zetten", start_date=date(2025, 1, 6)
    )
    db.session.add(mentorship)
    db.session.flush()
    db.session.add_all(
        [
            MentorshipNote(
                mentorship_id=mentorship.id,
                author_id=bo.id,
                met_on=date(2025, 1, 13),
                body="Start.",
            ),
            MentorshipNote(
                mentorship_id=mentorship.id, author_id=an.id, met_on=date(2025, 1, 20), body="Goed."
            ),
        ]
    )
    notify(an.id, Kind.NEED_RESPONSE, actor=bo, subject=an_need.title, link=f"/needs/{an_need.id}")
    notify(
        bo.id,
        Kind.NEED_RESPONSE,
        actor=an,
        actor_name=AN_NAME,
        subject=bo_need.title,
        link=f"/needs/{bo_need.id}",
    )

    partner = Partner(
        user_id=pia.id, name="Atelier Pia", description="Een atelier.", place_id=gent.id
    )
    partner.languages = [PartnerLanguage(lang="nl")]
    offer = Offer(title="Werkplek", kind=OfferKind.COWORKING)
    offer.modes = [OfferMode(mode=Mode.IN_PERSON)]
    offer.languages = [OfferLanguage(lang="nl")]
    offer.skills = [OfferSkill(skill_id=bookkeeping.id, position=0)]
    partner.offers = [offer]
    db.session.add(partner)
    add_sessions(an, bo, bookkeeping)
    # Two-factor sign-in with its recovery codes (the secret itself is never exported).
    an.totp_secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    an.totp_last_step = 1
    twofactor.new_recovery_codes(an)
    add_circles(an, bo, bookkeeping)
    add_proposals(an, bo, an_need, bo_need)
    db.session.commit()
    _guidance(an, bo, staff, gent, pricing)
    return Scene(
        an, bo, cy, dee, eve, fay, pia, an_article, an_draft, bo_article, an_comment, an_need
    )


def add_circles(an, bo, skill) -> None:
    """A circle An leads (with a message of hers and one of Bo's), and Bo's she asked to join."""
    from app.circles.models import (
        CircleMembership,
        CircleMessage,
        MembershipStatus,
        PeerCircle,
    )

    own = PeerCircle(name="Boekhoudkring", theme="Samen de boeken sluiten.", facilitator_id=an.id)
    own.skills = [skill]
    other = PeerCircle(name="Startersgroep", theme="Voor wie begint.", facilitator_id=bo.id)
    db.session.add_all([own, other])
    db.session.flush()
    db.session.add_all(
        [
            CircleMembership(circle_id=own.id, user_id=an.id, status=MembershipStatus.MEMBER),
            CircleMembership(circle_id=own.id, user_id=bo.id, status=MembershipStatus.MEMBER),
            CircleMembership(circle_id=other.id, user_id=bo.id, status=MembershipStatus.MEMBER),
            CircleMembership(
                circle_id=other.id,
                user_id=an.id,
                status=MembershipStatus.REQUESTED,
                motivation="Ik begin net.",
            ),
            CircleMessage(circle_id=own.id, author_id=an.id, body="Welkom allemaal!"),
            CircleMessage(circle_id=own.id, author_id=bo.id, body="Bo's woorden op het bord"),
        ]
    )
    db.session.flush()


def add_sessions(an, bo, skill) -> None:
    """A session An organises, one of Bo's she registered for, and her calendar feed."""
    from datetime import UTC, datetime

    from app.sessions.models import CalendarFeed, GuidanceSession, Registration, RegistrationStatus

    start = datetime(2030, 5, 4, 8, 0, tzinfo=UTC)
    end = datetime(2030, 5, 4, 10, 0, tzinfo=UTC)
    own = GuidanceSession(
        title="Boekhouden samen", starts_at=start, ends_at=end, organiser_id=an.id
    )
    own.skills = [skill]
    other = GuidanceSession(
        title="Prijzen zetten", starts_at=start, ends_at=end, organiser_id=bo.id
    )
    db.session.add_all([own, other, CalendarFeed(user_id=an.id)])
    db.session.flush()
    db.session.add(
        Registration(session_id=other.id, user_id=an.id, status=RegistrationStatus.REGISTERED)
    )


def add_proposals(an, bo, an_need, bo_need) -> None:
    """An says "me too" to Bo's need, proposes a service, supports and comments Bo's."""
    from app.proposals.models import (
        NeedMeToo,
        Proposal,
        ProposalComment,
        ProposalNeed,
        ProposalSupport,
    )

    own = Proposal(author_id=an.id, title="Een btw-spreekuur", body="Elke maand.")
    own.links = [ProposalNeed(need_id=an_need.id)]
    others = Proposal(author_id=bo.id, title="Een illustratorsgilde", body="Samen sterk.")
    db.session.add_all([own, others, NeedMeToo(need_id=bo_need.id, user_id=an.id)])
    db.session.flush()
    db.session.add_all(
        [
            ProposalSupport(proposal_id=others.id, user_id=an.id),
            ProposalComment(proposal_id=others.id, author_id=an.id, body="Graag!"),
        ]
    )
