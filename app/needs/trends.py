"""The radar over time: a period, monthly trends, breakdowns of the unmet needs by skill,
sector, region and the authors' profile, and whether an answer already existed for each.

"It existed but was not found" and "nothing existed" are different problems: for each
unmet need, an offer, a session, an article, an adviser or a member able to help with one
of its skills, in its region (or online), that was there when the need was posted, makes
it the first; else the second. A need without a skill cannot tell.
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from app.clock import as_utc, utcnow
from app.extensions import db
from app.needs.models import Need, NeedStatus, Solved
from app.needs.radar import STALE_AFTER, csv_cell
from app.places.models import Place
from app.places.regions import region_name
from app.skills.models import interface_language

#: How far back the radar looks when no period is given.
DEFAULT_MONTHS = 12

EXISTED = "existed_not_found"
NOTHING = "nothing_existed"
UNKNOWN = "no_skill_given"
CLASS_LABELS = {
    EXISTED: _l("An answer existed but was not found"),
    NOTHING: _l("Nothing existed"),
    UNKNOWN: _l("Cannot tell: no skill given"),
}
SOURCE_LABELS = {
    "offer": _l("Partner offer"),
    "session": _l("Session"),
    "article": _l("Article or guide"),
    "adviser": _l("Adviser"),
    "member": _l("Member who can help"),
}
DIMENSION_LABELS = {
    "skill": _l("Skill"),
    "sector": _l("Sector"),
    "region": _l("Region"),
    "language": _l("Language"),
    "years": _l("Years in the cooperative"),
}
YEAR_BANDS = ("0", "1-2", "3-5", "6+")
NONE_GIVEN = _l("Not given")


@dataclass(frozen=True)
class Month:
    month: str  # YYYY-MM
    new: int
    answered: int
    solved: int
    unmet: int


@dataclass(frozen=True)
class BreakdownRow:
    dimension: str
    code: str
    name: str
    unmet: int
    members: int
    existed: int
    nothing: int


@dataclass
class Trends:
    since: date
    until: date
    months: list[Month] = field(default_factory=list)
    breakdown: list[BreakdownRow] = field(default_factory=list)
    classes: dict[str, int] = field(default_factory=dict)
    #: What existed, for the needs of the first class: source -> number of needs.
    sources: dict[str, int] = field(default_factory=dict)
    #: need id -> (class, sources found)
    classified: dict[int, tuple[str, tuple[str, ...]]] = field(default_factory=dict)

    @property
    def largest_month(self) -> int:
        return max((max(m.new, m.answered, m.solved, m.unmet) for m in self.months), default=0)


def default_period(today: date | None = None) -> tuple[date, date]:
    """The twelve months up to today, from the first of a month."""
    today = today or utcnow().date()
    start = date(today.year - 1, today.month, 1)
    if today.month == 12:
        start = date(today.year, 1, 1)
    return start, today


def _start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def _month_keys(since: date, until: date) -> list[str]:
    keys, year, month = [], since.year, since.month
    while (year, month) <= (until.year, until.month):
        keys.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return keys


def _is_unmet(need: Need, now: datetime) -> bool:
    if need.status is NeedStatus.CLOSED:
        return need.solved is Solved.NO
    return (
        need.status is NeedStatus.OPEN
        and as_utc(need.created_at) < now - STALE_AFTER
        and not need.responses
    )


def _region(place) -> str | None:
    return place.region if place is not None else None


def answers_existing(need: Need) -> tuple[str, ...]:
    """The kinds of answer that existed, for one of the need's skills, when it was posted:
    in its region or online (anywhere, for a need without a place)."""
    from app.articles.models import Article, ArticleSkill
    from app.guidance.models import Adviser, AdviserSkill
    from app.members.models import MemberSkill, Mode, Profile, Visibility
    from app.partners.models import Offer, OfferSkill, Partner
    from app.sessions.models import GuidanceSession, GuidanceSessionSkill

    skills = need.skill_ids
    if not skills:
        return ()
    at = as_utc(need.created_at)
    region = _region(need.place)
    found = []

    offers = db.session.scalars(
        select(Offer)
        .join(Partner, Offer.partner_id == Partner.id)
        .where(
            Partner.verified.is_(True),
            Offer.created_at <= at,
            or_(Offer.end_date.is_(None), Offer.end_date >= at.date()),
            Offer.skills.any(OfferSkill.skill_id.in_(skills)),
        )
    )
    if any(
        region is None or _region(o.place) in (None, region) or Mode.ONLINE in o.mode_values
        for o in offers
    ):
        # An offer given online can be followed from anywhere; its place is no limit then.
        found.append("offer")
    sessions = db.session.scalars(
        select(GuidanceSession)
        .join(GuidanceSessionSkill, GuidanceSessionSkill.session_id == GuidanceSession.id)
        .where(
            GuidanceSessionSkill.skill_id.in_(skills),
            GuidanceSession.created_at <= at,
            GuidanceSession.ends_at >= at,
            or_(GuidanceSession.cancelled_at.is_(None), GuidanceSession.cancelled_at > at),
        )
    )
    if any(region is None or s.online or _region(s.place) == region for s in sessions):
        found.append("session")
    article = db.session.scalar(
        select(Article.id)
        .join(ArticleSkill, ArticleSkill.article_id == Article.id)
        .where(
            ArticleSkill.skill_id.in_(skills),
            Article.published.is_(True),
            Article.published_at <= at,
        )
        .limit(1)
    )
    if article is not None:
        found.append("article")
    adviser = db.session.scalar(
        select(Adviser.id)
        .join(AdviserSkill, AdviserSkill.adviser_id == Adviser.id)
        .where(
            AdviserSkill.skill_id.in_(skills),
            Adviser.active.is_(True),
            Adviser.created_at <= at,
        )
        .limit(1)
    )
    if adviser is not None:
        found.append("adviser")
    members = (
        select(Profile.id)
        .join(MemberSkill, MemberSkill.profile_id == Profile.id)
        .where(
            MemberSkill.skill_id.in_(skills),
            MemberSkill.can_help.is_(True),
            Profile.visibility != Visibility.HIDDEN,
            Profile.created_at <= at,
            Profile.user_id != need.author_id,
        )
    )
    if region is not None:
        members = members.join(Place, Profile.place_id == Place.id).where(Place.region == region)
    if db.session.scalar(members.limit(1)) is not None:
        found.append("member")
    return tuple(found)


def classify(need: Need) -> tuple[str, tuple[str, ...]]:
    if not need.skills:
        return UNKNOWN, ()
    sources = answers_existing(need)
    return (EXISTED if sources else NOTHING), sources


def _years_band(need: Need) -> str:
    years = (as_utc(need.created_at) - as_utc(need.author.created_at)).days // 365
    if years <= 0:
        return "0"
    if years <= 2:
        return "1-2"
    if years <= 5:
        return "3-5"
    return "6+"


def build_trends(
    since: date, until: date, now: datetime | None = None, lang: str | None = None
) -> Trends:
    """Trends by month from ``since`` to ``until`` (both included), and the unmet needs
    posted in the period broken down and classified."""
    from app.members.models import Profile
    from app.proposals.demand import me_too_counts
    from app.skills.sectors import sector_by_slug

    now = now or utcnow()
    lang = lang or interface_language()
    start, end = _start(since), _start(until) + timedelta(days=1)
    trends = Trends(since=since, until=until)
    needs = list(
        db.session.scalars(
            select(Need)
            .where(
                or_(
                    (Need.created_at >= start) & (Need.created_at < end),
                    (Need.closed_at >= start) & (Need.closed_at < end),
                )
            )
            .options(selectinload(Need.responses), selectinload(Need.skills))
            .order_by(Need.created_at, Need.id)
        )
    )
    counts: dict[str, Counter] = defaultdict(Counter)
    posted = []
    for need in needs:
        created = as_utc(need.created_at)
        if start <= created < end:
            posted.append(need)
            key = f"{created:%Y-%m}"
            counts[key]["new"] += 1
            if need.responses:
                counts[key]["answered"] += 1
            if _is_unmet(need, now):
                counts[key]["unmet"] += 1
        if need.closed_at is not None and need.solved in (Solved.YES, Solved.PARTLY):
            closed = as_utc(need.closed_at)
            if start <= closed < end:
                counts[f"{closed:%Y-%m}"]["solved"] += 1
    trends.months = [
        Month(k, counts[k]["new"], counts[k]["answered"], counts[k]["solved"], counts[k]["unmet"])
        for k in _month_keys(since, until)
    ]

    unmet = [need for need in posted if _is_unmet(need, now)]
    shared = me_too_counts(need.id for need in unmet)
    profiles = {
        p.user_id: p
        for p in db.session.scalars(
            select(Profile).where(Profile.user_id.in_({n.author_id for n in unmet}))
        )
    }
    trends.classes = {EXISTED: 0, NOTHING: 0, UNKNOWN: 0}
    sources: Counter = Counter()
    rows: dict[tuple[str, str], dict] = {}

    def add(dimension: str, code: str, name: str, need: Need, kind: str) -> None:
        row = rows.setdefault(
            (dimension, code),
            {"name": name, "unmet": 0, "members": 0, "existed": 0, "nothing": 0},
        )
        row["unmet"] += 1
        row["members"] += 1 + shared.get(need.id, 0)
        row["existed"] += kind == EXISTED
        row["nothing"] += kind == NOTHING

    with force_locale(lang):
        none_given = str(NONE_GIVEN)
    for need in unmet:
        kind, found = classify(need)
        trends.classified[need.id] = (kind, found)
        trends.classes[kind] += 1
        sources.update(found)
        for row in need.skills:
            add("skill", row.skill.slug or str(row.skill_id), row.skill.label(lang), need, kind)
        if not need.skills:
            add("skill", "", none_given, need, kind)
        region = _region(need.place)
        add("region", region or "", region_name(region, lang) if region else none_given, need, kind)
        profile = profiles.get(need.author_id)
        sector = profile.sector if profile is not None else None
        known = sector_by_slug(sector)
        add("sector", sector or "", known.label(lang) if known else none_given, need, kind)
        language = need.author.locale or ""
        add("language", language, language or none_given, need, kind)
        band = _years_band(need)
        add("years", band, band, need, kind)
    trends.sources = {name: sources[name] for name in SOURCE_LABELS if sources[name]}
    trends.breakdown = sorted(
        (
            BreakdownRow(dim, code, v["name"], v["unmet"], v["members"], v["existed"], v["nothing"])
            for (dim, code), v in rows.items()
        ),
        key=lambda r: (list(DIMENSION_LABELS).index(r.dimension), -r.unmet, r.name.casefold()),
    )
    return trends


# --- downloads ----------------------------------------------------------------------------------

TABLES = ("months", "breakdown", "classes")


def trends_tables(trends: Trends, lang: str) -> dict[str, list[dict]]:
    """Every table of the trends, as rows of plain values (the JSON download)."""
    with force_locale(lang):
        return {
            "months": [
                {
                    "month": m.month,
                    "new": m.new,
                    "answered": m.answered,
                    "solved": m.solved,
                    "unmet": m.unmet,
                }
                for m in trends.months
            ],
            "breakdown": [
                {
                    "dimension": r.dimension,
                    "code": r.code,
                    "name": r.name,
                    "unmet": r.unmet,
                    "members_concerned": r.members,
                    "existed_not_found": r.existed,
                    "nothing_existed": r.nothing,
                }
                for r in trends.breakdown
            ],
            "classes": [
                {"class": key, "name": str(CLASS_LABELS[key]), "needs": value}
                for key, value in trends.classes.items()
            ]
            + [
                {"class": f"existed:{key}", "name": str(SOURCE_LABELS[key]), "needs": value}
                for key, value in trends.sources.items()
            ],
        }


def table_csv(rows: list[dict]) -> str:
    """One table as CSV, its header from the rows' keys; cells safe from formulas."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if rows:
        writer.writerow(rows[0].keys())
    for row in rows:
        writer.writerow([v if isinstance(v, int) else csv_cell(v) for v in row.values()])
    return out.getvalue()
