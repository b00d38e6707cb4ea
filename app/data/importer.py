"""Importing a bulk file: check it whole, then create what is new in one transaction.

Rows already in the database (members by e-mail, organisations by name and place,
articles and needs by author and title) are left exactly as they are, so importing
a file twice changes nothing. Imported accounts get an unusable password.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice
from typing import Any

from sqlalchemy import func, select

from app.accounts.models import Role, User
from app.articles.models import (
    Article,
    ArticleKind,
    ArticleRevision,
    ArticleSkill,
    ArticleTag,
    Topic,
)
from app.clock import utcnow
from app.data.entries import (
    ArticleEntry,
    BulkPlan,
    ImportOptions,
    MemberEntry,
    NeedEntry,
    PartnerEntry,
    SkillRef,
)
from app.data.validation import check_bulk, parse_json
from app.extensions import db
from app.members.models import (
    MemberSkill,
    MentorWish,
    Profile,
    ProfileLanguage,
    ProfileMode,
)
from app.needs.models import Need, NeedMode, NeedSkill, NeedStatus
from app.partners.models import (
    Offer,
    OfferLanguage,
    OfferMode,
    OfferSkill,
    Partner,
    PartnerLanguage,
)
from app.search.outbox import take_pending
from app.skills.taxonomy import resolve_or_create_skill

logger = logging.getLogger(__name__)

#: Members are flushed (and let go of) this many at a time: memory stays bounded and
#: SQLAlchemy sends each table's rows in a few multi-row INSERTs.
CHUNK = 1000

Progress = Callable[[int, int], None]


@dataclass
class ImportResult:
    """How many entries of each list were created, and how many were there already."""

    created: dict[str, int] = field(default_factory=dict)
    existing: dict[str, int] = field(default_factory=dict)
    offers: int = 0
    community_skills: int = 0
    #: Skill and sector names read loosely: name -> "label (how)".
    loose: dict[str, str] = field(default_factory=dict)
    #: Unknown skill names made community skills (--new-skills create).
    new_skills: list[str] = field(default_factory=list)
    #: Unknown sector names put under "other" (--new-sectors other): name -> entries.
    other_sectors: dict[str, int] = field(default_factory=dict)
    #: Checked and written in a transaction that was then rolled back (--dry-run).
    dry_run: bool = False

    def count(self, kind: str, created: bool) -> None:
        counts = self.created if created else self.existing
        counts[kind] = counts.get(kind, 0) + 1

    @property
    def total_created(self) -> int:
        return sum(self.created.values()) + self.offers

    def summary(self) -> str:
        """One line for the command to print."""
        parts = [
            f"{kind}: {self.created.get(kind, 0)} created, "
            f"{self.existing.get(kind, 0)} already there"
            for kind in ("members", "partners", "articles", "needs", "sessions", "circles")
            if kind not in ("sessions", "circles") or kind in self.created or kind in self.existing
        ]
        return f"{'; '.join(parts)}; {self.offers} offers created."

    def loose_report(self) -> list[str]:
        """One line per skill or sector name the file writes otherwise than the taxonomy."""
        return [f'read "{name}" as {read_as}' for name, read_as in sorted(self.loose.items())]

    def unknown_report(self) -> list[str]:
        """One line per unknown name an option let through: a community skill, or "other"."""
        lines = [f'new community skill "{name}"' for name in self.new_skills]
        lines += [
            f'unknown sector "{name}" put under "other" ({count}x)'
            for name, count in sorted(self.other_sectors.items())
        ]
        return lines


def _batched(items: Iterable[Any], size: int):
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def import_text(
    text: str | bytes,
    progress: Progress | None = None,
    options: ImportOptions = ImportOptions(),  # noqa: B008 - frozen, so shared safely
    dry_run: bool = False,
) -> ImportResult:
    """Import a bulk file's text; BulkFileError lists every problem and nothing is imported."""
    return import_bulk(parse_json(text), progress, options, dry_run)


def import_bulk(
    data: Any,
    progress: Progress | None = None,
    options: ImportOptions = ImportOptions(),  # noqa: B008 - frozen, so shared safely
    dry_run: bool = False,
) -> ImportResult:
    """Check ``data`` whole, then import what is new and commit; all or nothing.

    The search index is not updated on the commit (that would index row by row): the
    outbox rows are committed, and the caller applies them (``apply_outbox``). A dry run
    writes everything in a transaction and rolls it back, so that the database's own
    checks run too and the counts are the real ones.
    """
    plan = check_bulk(data, options)
    importer = _Importer(plan, progress)
    result = importer.result
    result.loose = dict(plan.loose)
    result.new_skills = list(plan.new_skills)
    result.other_sectors = dict(plan.other_sectors)
    result.dry_run = dry_run
    try:
        importer.run()
        db.session.flush()
        # Forget this transaction's outbox rows so the after-commit hook does not index
        # thousands of documents one by one; they stay in the outbox for apply_outbox.
        take_pending(db.session)
        if dry_run:
            db.session.rollback()
        else:
            db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    logger.info("%s a bulk file: %s", "checked" if dry_run else "imported", result.summary())
    return result


class _Importer:
    """Writes a checked plan; the caller commits."""

    def __init__(self, plan: BulkPlan, progress: Progress | None) -> None:
        self.plan = plan
        self.progress = progress
        self.done = 0
        self.result = ImportResult()
        self.skill_ids: dict[str, int] = {}
        self.now = utcnow()

    def step(self) -> None:
        self.done += 1
        if self.progress:
            self.progress(self.done, self.plan.size)

    def skill(self, ref: SkillRef) -> int:
        return ref if isinstance(ref, int) else self.skill_ids[ref]

    def run(self) -> None:
        for entry in self.plan.community_skills:
            skill = resolve_or_create_skill(entry.name, entry.language)
            self.skill_ids[entry.key] = skill.id
            self.result.community_skills += 1
        for chunk in _batched(self.plan.members, CHUNK):
            for member in chunk:
                if not member.exists:
                    self.add_member(member)
                self.result.count("members", not member.exists)
                self.step()
            db.session.flush()
            # The rows are written; the identity map need not hold thousands of them.
            db.session.expunge_all()
        for partner in self.plan.partners:
            if not partner.exists:
                self.add_partner(partner)
            self.result.count("partners", not partner.exists)
            self.step()
        db.session.flush()
        users = dict(db.session.execute(select(func.lower(User.email), User.id)).all())
        topics = {topic.id: topic for topic in db.session.scalars(select(Topic))}
        for article in self.plan.articles:
            if not article.exists:
                self.add_article(article, users, topics)
            self.result.count("articles", not article.exists)
            self.step()
        for need in self.plan.needs:
            if not need.exists:
                self.add_need(need, users)
            self.result.count("needs", not need.exists)
            self.step()
        from app.data.gatherings import add_circle, add_session

        roles = dict(db.session.execute(select(User.id, User.role)).all())
        for session in self.plan.sessions:
            if not session.exists:
                add_session(session, users, roles, self.skill)
            self.result.count("sessions", not session.exists)
            self.step()
        for circle in self.plan.circles:
            if not circle.exists:
                add_circle(circle, users, self.skill)
            self.result.count("circles", not circle.exists)
            self.step()

    def add_member(self, entry: MemberEntry) -> None:
        user = User(email=entry.email, name=entry.name, role=entry.role, locale=entry.locale)
        # Its owner sets a password through an invitation (flask users invite).
        user.set_unusable_password()
        db.session.add(user)
        if not entry.has_profile:
            return
        profile = Profile(
            user=user,
            display_name=entry.display_name,
            headline=entry.headline,
            bio=entry.bio,
            sector=entry.sector,
            place_id=entry.place_id,
            website=entry.website,
            portfolio=entry.portfolio,
            mentor=entry.mentor,
            mentor_capacity=entry.mentor_capacity,
            visibility=entry.visibility,
            on_map=entry.on_map,
            languages=[ProfileLanguage(lang=code) for code in entry.languages],
            modes=[ProfileMode(mode=mode) for mode in entry.modes],
            skills=[
                MemberSkill(
                    skill_id=self.skill(row.skill),
                    level=row.level,
                    can_help=row.can_help,
                    position=position,
                )
                for position, row in enumerate(entry.skills)
            ],
            mentor_wishes=[
                MentorWish(skill_id=skill_id)
                for skill_id in dict.fromkeys(map(self.skill, entry.mentor_wishes))
            ],
        )
        db.session.add(profile)

    def add_partner(self, entry: PartnerEntry) -> None:
        user = User(email=entry.account_email, name=entry.account_name, role=Role.PARTNER)
        user.set_unusable_password()
        partner = Partner(
            user=user,
            name=entry.name,
            description=entry.description,
            website=entry.website,
            public_email=entry.public_email,
            place_id=entry.place_id,
            address=entry.address,
            verified=entry.verified,
            verified_at=self.now if entry.verified else None,
            languages=[PartnerLanguage(lang=code) for code in entry.languages],
        )
        for offer in entry.offers:
            skill_ids = dict.fromkeys(map(self.skill, offer.skills))
            partner.offers.append(
                Offer(
                    title=offer.title,
                    description=offer.description,
                    kind=offer.kind,
                    price=offer.price,
                    price_text=offer.price_text,
                    start_date=offer.start,
                    end_date=offer.end,
                    place_id=offer.place_id if offer.place_id != entry.place_id else None,
                    modes=[OfferMode(mode=mode) for mode in offer.modes],
                    languages=[OfferLanguage(lang=code) for code in offer.languages],
                    skills=[
                        OfferSkill(skill_id=skill_id, position=position)
                        for position, skill_id in enumerate(skill_ids)
                    ],
                )
            )
            self.result.offers += 1
        db.session.add(partner)

    def add_article(
        self, entry: ArticleEntry, users: dict[str, int], topics: dict[int, Topic]
    ) -> None:
        author_id = users[entry.author_email] if entry.author_email else None
        published_at = (entry.published_at or self.now) if entry.published else None
        article = Article(
            kind=ArticleKind.ARTICLE,
            author_id=author_id,
            title=entry.title,
            summary=entry.summary,
            body=entry.body,
            language=entry.language,
            visibility=entry.visibility,
            published=entry.published,
            published_at=published_at,
            created_at=published_at or self.now,
            topics=[topics[topic_id] for topic_id in entry.topic_ids],
            tags=[ArticleTag(name=name) for name in entry.tags],
            skills=[
                ArticleSkill(skill_id=skill_id, position=position)
                for position, skill_id in enumerate(dict.fromkeys(map(self.skill, entry.skills)))
            ],
        )
        if entry.published:
            # A published article has its first revision, as publishing on the site records.
            article.revisions = [
                ArticleRevision(
                    number=1,
                    author_id=author_id,
                    title=entry.title,
                    summary=entry.summary,
                    body=entry.body,
                    created_at=published_at,
                )
            ]
        db.session.add(article)

    def add_need(self, entry: NeedEntry, users: dict[str, int]) -> None:
        created = entry.created or self.now
        closed = entry.status is NeedStatus.CLOSED
        need = Need(
            author_id=users[entry.author_email],
            title=entry.title,
            body=entry.body,
            place_id=entry.place_id,
            visibility=entry.visibility,
            status=entry.status,
            solved=entry.solved if closed else None,
            closed_at=_later(entry.closed or created, created) if closed else None,
            created_at=created,
            updated_at=created,
            modes=[NeedMode(mode=mode) for mode in entry.modes],
            skills=[
                NeedSkill(skill_id=skill_id, position=position)
                for position, skill_id in enumerate(dict.fromkeys(map(self.skill, entry.skills)))
            ],
        )
        db.session.add(need)


def _later(moment: datetime, floor: datetime) -> datetime:
    """A need cannot close before it was posted."""
    return max(moment, floor)
