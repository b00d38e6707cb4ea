"""Demo members: Faker names, real towns, coherent trades, skills, headlines and bios."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from demo.places import Gazetteer, Town, in_place
from demo.skills import Taxonomy
from demo.text import ascii_slug, lower_first, upper_first
from demo.trades_creative import CREATIVE_TRADES
from demo.trades_services import SERVICE_TRADES
from demo.vocabulary import (
    APPROACHES,
    BUSINESS_SKILLS,
    CLIENT_SENTENCES,
    CLIENTS,
    HEADLINES,
    HELP_SENTENCES,
    INTROS,
    LANG_INDEX,
    MENTOR_SENTENCES,
    MODE_WEIGHTS,
    MODES,
    OTHER_LANGUAGES,
    SECTOR_WEIGHTS,
    Trade,
)
from faker import Faker

TRADES: dict[str, list[Trade]] = {**CREATIVE_TRADES, **SERVICE_TRADES}
#: The curated sector (content/sectors.yaml) of a trade the generator's coarse groups put
#: elsewhere; a group's name is its sector otherwise. The groups stay as they are so that
#: the same seed draws the same community.
TRADE_SECTORS = {
    "visual-artist": "visual-arts",
    "illustrator": "visual-arts",
    "musician": "music",
    "theatre-maker": "performing-arts",
    "dancer": "performing-arts",
    "writer": "writing-publishing",
    "journalist": "writing-publishing",
    "photographer": "audiovisual",
    "video-maker": "audiovisual",
    "sound-engineer": "audiovisual",
    "animator": "audiovisual",
    "stage-technician": "audiovisual",
    "scenographer": "performing-arts",
    "digital-marketer": "communication",
    "tour-guide": "culture-heritage",
}
GROUP_SECTORS = {"arts": "culture-heritage", "media": "audiovisual"}
FAKER_LOCALES = {"nl": "nl_BE", "fr": "fr_BE", "en": "en_GB"}
LEVELS = ("beginner", "experienced", "expert")
DEFAULT_DOMAIN = "demo.gilde.example"
#: Share of skills given by a synonym instead of the preferred label.
SYNONYM_RATE = 0.2
MENTOR_RATE = 0.15
REFERENCE_YEAR = 2026


@dataclass
class MemberInfo:
    """What the other generators need to know about a member besides the bulk record."""

    email: str
    lang: str
    sector: str
    trade: Trade
    town: Town
    skill_ids: list[str]
    visibility: str
    mentor: bool
    female: bool
    record: dict = field(repr=False)
    cast: int | None = None  # the index of the article this member was made to write


class MemberFactory:
    """Builds members one by one from one random generator and one Faker per locale."""

    def __init__(
        self,
        rng: random.Random,
        seed: int,
        taxonomy: Taxonomy,
        gazetteer: Gazetteer,
        domain: str,
    ) -> None:
        self.rng = rng
        self.taxonomy = taxonomy
        self.gazetteer = gazetteer
        self.domain = domain
        self.demo_email = f"demo@{domain}"
        self.fakers = {}
        for n, (lang, locale) in enumerate(sorted(FAKER_LOCALES.items())):
            faker = Faker(locale)
            faker.seed_instance(seed * 10 + n)
            self.fakers[lang] = faker
        self.names_taken: set[str] = set()

    # names ---------------------------------------------------------------------------------

    def person(self, lang: str, female: bool | None = None) -> tuple[str, str, bool]:
        """(first name, last name, female) not used by another demo member yet."""
        faker = self.fakers[lang]
        chosen = female
        while True:
            female = self.rng.random() < 0.5 if chosen is None else chosen
            first = faker.first_name_female() if female else faker.first_name_male()
            last = faker.last_name()
            if f"{first} {last}" not in self.names_taken:
                self.names_taken.add(f"{first} {last}")
                return first, last, female

    def email(self, first: str, last: str, number: int) -> str:
        return f"{ascii_slug(first)}.{ascii_slug(last)}.{number}@{self.domain}"

    # profile parts -------------------------------------------------------------------------

    def skills(self, trade: Trade, lang: str, years: int, mentor: bool) -> list[tuple[str, dict]]:
        """2-6 (skill id, bulk skill) pairs: the trade's core, some related and business skills."""
        rng = self.rng
        core = rng.sample(trade.skills, rng.randint(2, min(4, len(trade.skills))))
        extra = rng.sample(trade.extra, min(len(trade.extra), rng.choice((0, 0, 1, 1, 2))))
        business = [rng.choice(BUSINESS_SKILLS)] if rng.random() < 0.3 else []
        ids = list(dict.fromkeys([*core, *extra, *business]))[:6]
        senior = min(years / 15, 1.0) + (0.3 if mentor else 0.0)
        result = []
        for position, skill_id in enumerate(ids):
            weight_expert = 0.15 + 0.5 * senior if position < len(core) else 0.1
            level = rng.choices(LEVELS, weights=(0.25, 0.6, weight_expert))[0]
            if mentor and position == 0:
                level = "expert"
            can_help = rng.random() < {"beginner": 0.1, "experienced": 0.5, "expert": 0.85}[level]
            name = self.taxonomy.name_for(rng, skill_id, lang, SYNONYM_RATE)
            result.append((skill_id, {"name": name, "level": level, "can_help": can_help}))
        return result

    def languages(self, lang: str) -> list[str]:
        others = [code for code, p in OTHER_LANGUAGES[lang].items() if self.rng.random() < p]
        return [lang, *others]

    def modes(self, sector: str) -> list[str]:
        weights = MODE_WEIGHTS[sector]
        chosen = [mode for mode, p in zip(MODES, weights, strict=True) if self.rng.random() < p]
        if not {"online", "in_person"} & set(chosen):
            chosen.insert(0, "in_person" if weights[1] >= weights[0] else "online")
        return chosen

    def visibility(self) -> str:
        return self.rng.choices(("public", "members", "hidden"), weights=(78, 16, 6))[0]

    def headline(self, role: str, lang: str, skill_ids: list[str], place: str) -> str:
        pattern = self.rng.choices(HEADLINES[lang], weights=(3, 5, 2))[0]
        labels = [lower_first(self.taxonomy.label(s, lang)) for s in skill_ids[:2]]
        return pattern.format(
            Role=upper_first(role), skills=", ".join(labels), place_in=in_place(place, lang)
        )[:160]

    def bio(
        self,
        trade: Trade,
        role: str,
        lang: str,
        female: bool,
        place: str,
        years: int,
        sector: str,
        help_skill: str | None,
        mentor: bool,
    ) -> str:
        """Two to four sentences in ``lang``, first person."""
        rng = self.rng
        intro = rng.choice(INTROS[lang]).format(
            role=role,
            Role=upper_first(role),
            place=place,
            place_in=in_place(place, lang),
            year=REFERENCE_YEAR - years,
            years=years,
            e="e" if female else "",
            a="an" if role[:1].lower() in "aeio" else "a",
        )
        sentences = [intro, trade.work_in(lang)]
        if rng.random() < 0.7:
            clients = rng.sample(CLIENTS[sector][LANG_INDEX[lang]], 2)
            words = {"nl": " en ", "fr": " et ", "en": " and "}[lang]
            sentences.append(rng.choice(CLIENT_SENTENCES[lang]).format(clients=words.join(clients)))
        if mentor:
            sentences.append(MENTOR_SENTENCES[lang])
        elif help_skill and rng.random() < 0.5:
            sentences.append(HELP_SENTENCES[lang].format(skill=help_skill))
        elif rng.random() < 0.5:
            sentences.append(rng.choice(APPROACHES[lang]))
        if len(sentences) > 2 and rng.random() < 0.4:
            return " ".join(sentences[:2]) + "\n\n" + " ".join(sentences[2:])
        return " ".join(sentences)

    # members -------------------------------------------------------------------------------

    def member(self, number: int, lang: str, cast: dict | None = None) -> MemberInfo:
        """A generated member; ``cast`` fixes what an article says about its author."""
        rng = self.rng
        cast = cast or {}
        first, last, female = self.person(lang, cast.get("female"))
        sector = rng.choices(list(SECTOR_WEIGHTS), weights=list(SECTOR_WEIGHTS.values()))[0]
        if "sectors" in cast:
            sector = rng.choice(cast["sectors"])
        trade = rng.choice(TRADES[sector])
        if "trade" in cast:
            sector, trade = next(
                (name, t)
                for name, trades in TRADES.items()
                for t in trades
                if t.key == cast["trade"]
            )
        town = self.gazetteer.pick(rng, lang)
        while "region" in cast and town.region != cast["region"]:
            town = self.gazetteer.pick(rng, lang)
        if "town" in cast:
            town = self.gazetteer.town(cast["town"])
        place = town.label(lang)
        years = rng.randint(1, 25)
        mentor = years >= 5 and rng.random() < MENTOR_RATE * 1.1
        if "mentor" in cast:
            mentor = cast["mentor"]
            years = max(years, 8) if mentor else years
        skills = self.skills(trade, lang, years, mentor)
        skill_ids = [skill_id for skill_id, _ in skills]
        role = trade.role_in(lang, female)
        helpful = [s for s, entry in skills if entry["can_help"]]
        help_skill = lower_first(self.taxonomy.label(helpful[0], lang)) if helpful else None
        record = {
            "email": self.email(first, last, number),
            "name": f"{first} {last}",
            "headline": self.headline(role, lang, skill_ids, place),
            "bio": self.bio(trade, role, lang, female, place, years, sector, help_skill, mentor),
            "sector": TRADE_SECTORS.get(trade.key, GROUP_SECTORS.get(sector, sector)),
            "place": place,
            "country": "BE",
            "languages": self.languages(lang),
            "skills": [entry for _, entry in skills],
            "mentor": mentor,
            "mentor_capacity": rng.randint(1, 3) if mentor else 0,
            "modes": self.modes(sector),
            "visibility": self.visibility(),
        }
        return MemberInfo(
            record["email"],
            lang,
            sector,
            trade,
            town,
            skill_ids,
            record["visibility"],
            mentor,
            female,
            record,
        )

    def demo_member(self) -> MemberInfo:
        """The account the README and `make run` point to: a full public profile, a mentor."""
        trade = next(t for t in TRADES["consulting"] if t.key == "bookkeeper")
        town = self.gazetteer.town("Gent")
        entries = [
            ("bookkeeping", "Boekhouding", "expert", True),
            ("pricing", "Prijszetting", "expert", True),
            ("invoicing", "Facturatie", "experienced", True),
            ("vat", "Btw", "experienced", True),
            ("cash-flow-management", "Cashflowbeheer", "experienced", False),
        ]
        record = {
            "email": self.demo_email,
            "name": "Demo Lid",
            "headline": "Boekhouder en mentor voor startende zelfstandigen",
            "bio": (
                "Ik ben boekhouder in Gent en werk sinds 2011 als zelfstandige via de "
                "coöperatie. Ik hou de boeken bij van kunstenaars, ontwerpers en kleine vzw's, "
                "en help hen een prijs te berekenen waar ze echt van kunnen leven.\n\n"
                "Als mentor begeleid ik graag mensen die net starten: samen maken we een "
                "eerste begroting, een tariefkaart en een eenvoudige factuur. Ik werk in het "
                "Nederlands, het Frans en het Engels."
            ),
            "sector": "consulting",
            "place": town.label("nl"),
            "country": "BE",
            "languages": ["nl", "fr", "en"],
            "skills": [
                {"name": name, "level": level, "can_help": can_help}
                for _, name, level, can_help in entries
            ],
            "mentor": True,
            "mentor_capacity": 2,
            "modes": list(MODES),
            "visibility": "public",
        }
        skill_ids = [skill_id for skill_id, *_ in entries]
        return MemberInfo(
            self.demo_email,
            "nl",
            "consulting",
            trade,
            town,
            skill_ids,
            "public",
            True,
            False,
            record,
        )


def member_languages(rng: random.Random, count: int) -> list[str]:
    """The language of each generated member: a third French, a few English, the rest Dutch."""
    french = round(count / 3)
    english = round(count * 0.05)
    langs = ["fr"] * french + ["en"] * english + ["nl"] * (count - french - english)
    rng.shuffle(langs)
    return langs


def make_members(
    factory: MemberFactory, count: int, casts: list[tuple[str, dict]]
) -> list[MemberInfo]:
    """The demo member first, then ``count - 1`` generated members numbered 2, 3, ...

    ``casts`` are (language, author description) pairs, one per article: the first members
    of that language are made to fit them, so that every article has a fitting author.
    """
    members = [factory.demo_member()]
    waiting = list(enumerate(casts))
    for number, lang in enumerate(member_languages(factory.rng, count - 1), start=2):
        cast = next(((i, spec) for i, (code, spec) in waiting if code == lang), None)
        if cast:
            waiting.remove((cast[0], casts[cast[0]]))
        member = factory.member(number, lang, cast[1] if cast else None)
        if cast:
            member.cast = cast[0]
            member.visibility = member.record["visibility"] = "public"
        members.append(member)
    if waiting:
        raise ValueError(f"no member left to write articles {[i for i, _ in waiting]}")
    return members
