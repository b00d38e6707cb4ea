"""What a checked bulk file holds: its entries as plain values, and the import's options."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from app.accounts.models import Role
from app.articles.models import ArticleVisibility
from app.members.models import Level, Mode, Visibility
from app.needs.models import NeedStatus, NeedVisibility, Solved
from app.partners.models import OfferKind, Price

#: A skill as the plan refers to it: an id, or the name key of a community skill to create.
SkillRef = int | str


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
