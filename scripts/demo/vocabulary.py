"""Sentence templates and words for demo headlines and bios, per sector and language (nl, fr, en).

The trades themselves (role, skills, what the member does) live in trades_creative.py and
trades_services.py; this module holds what all of them share.
"""

from __future__ import annotations

from dataclasses import dataclass

LANG_INDEX = {"nl": 0, "fr": 1, "en": 2}


@dataclass(frozen=True)
class Trade:
    """One kind of freelancer: texts as (nl, fr, en); a French role may read "masc|fem"."""

    key: str
    role: tuple[str, str, str]
    skills: tuple[str, ...]  # core skill ids: a member takes 2-4 of them
    extra: tuple[str, ...]  # related skill ids: 0-2 of them
    work: tuple[str, str, str]  # one first-person sentence

    def role_in(self, lang: str, female: bool = False) -> str:
        text = self.role[LANG_INDEX[lang]]
        masculine, _, feminine = text.partition("|")
        return feminine if female and feminine else masculine

    def work_in(self, lang: str) -> str:
        return self.work[LANG_INDEX[lang]]


#: How often each sector occurs among the members.
SECTOR_WEIGHTS = {
    "digital": 14,
    "design": 12,
    "crafts": 12,
    "arts": 10,
    "media": 10,
    "training": 10,
    "consulting": 10,
    "care": 10,
    "events": 8,
    "other": 4,
}

#: Weights of the modes per sector: (online, in_person, individual, collective).
MODE_WEIGHTS = {
    "digital": (0.9, 0.5, 0.7, 0.3),
    "design": (0.8, 0.6, 0.7, 0.3),
    "media": (0.6, 0.8, 0.7, 0.3),
    "arts": (0.3, 0.9, 0.5, 0.6),
    "training": (0.7, 0.8, 0.6, 0.8),
    "consulting": (0.8, 0.7, 0.8, 0.4),
    "crafts": (0.1, 1.0, 0.7, 0.4),
    "care": (0.2, 1.0, 0.8, 0.5),
    "events": (0.2, 1.0, 0.4, 0.6),
    "other": (0.9, 0.4, 0.8, 0.2),
}
MODES = ("online", "in_person", "individual", "collective")

#: Business skills any freelancer may list besides their trade.
BUSINESS_SKILLS = (
    "pricing",
    "quoting",
    "invoicing",
    "bookkeeping",
    "social-media",
    "networking",
    "project-management",
    "marketing",
    "personal-branding",
    "contracts",
    "intellectual-property",
    "time-management",
    "crowdfunding",
    "grant-writing",
)

#: Who a sector works for, as phrases that follow "for" in each language.
CLIENTS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "arts": (
        ("cultuurcentra", "scholen", "festivals", "musea", "particulieren", "gemeenten"),
        (
            "des centres culturels",
            "des écoles",
            "des festivals",
            "des musées",
            "des particuliers",
            "des communes",
        ),
        (
            "cultural centres",
            "schools",
            "festivals",
            "museums",
            "private collectors",
            "municipalities",
        ),
    ),
    "design": (
        ("kmo's", "vzw's", "uitgeverijen", "architectenbureaus", "starters", "winkeliers"),
        (
            "des PME",
            "des ASBL",
            "des maisons d'édition",
            "des bureaux d'architecture",
            "des entrepreneurs qui démarrent",
            "des commerçants",
        ),
        (
            "small businesses",
            "non-profits",
            "publishers",
            "architecture firms",
            "start-ups",
            "shop owners",
        ),
    ),
    "media": (
        ("redacties", "bedrijven", "koppels", "cultuurhuizen", "ngo's", "reclamebureaus"),
        (
            "des rédactions",
            "des entreprises",
            "des couples",
            "des lieux culturels",
            "des ONG",
            "des agences de communication",
        ),
        ("newsrooms", "companies", "couples", "arts venues", "NGOs", "agencies"),
    ),
    "digital": (
        ("kmo's", "vzw's", "lokale besturen", "webshops", "zelfstandigen", "scale-ups"),
        (
            "des PME",
            "des ASBL",
            "des pouvoirs locaux",
            "des boutiques en ligne",
            "des indépendants",
            "des start-up",
        ),
        (
            "small businesses",
            "non-profits",
            "local authorities",
            "online shops",
            "other freelancers",
            "scale-ups",
        ),
    ),
    "training": (
        ("scholen", "bedrijven", "ocmw's", "vzw's", "werkzoekenden", "ondernemers"),
        (
            "des écoles",
            "des entreprises",
            "des CPAS",
            "des ASBL",
            "des demandeurs d'emploi",
            "des entrepreneurs",
        ),
        ("schools", "companies", "social services", "non-profits", "job seekers", "entrepreneurs"),
    ),
    "consulting": (
        (
            "coöperaties",
            "vzw's",
            "lokale besturen",
            "kmo's",
            "sociale ondernemingen",
            "zelfstandigen",
        ),
        (
            "des coopératives",
            "des ASBL",
            "des pouvoirs publics",
            "des PME",
            "des entreprises sociales",
            "des indépendants",
        ),
        (
            "cooperatives",
            "non-profits",
            "public bodies",
            "small businesses",
            "social enterprises",
            "freelancers",
        ),
    ),
    "crafts": (
        (
            "particulieren",
            "architecten",
            "winkels",
            "renovatieprojecten",
            "scholen",
            "buurtwerkingen",
        ),
        (
            "des particuliers",
            "des architectes",
            "des boutiques",
            "des chantiers de rénovation",
            "des écoles",
            "des maisons de quartier",
        ),
        (
            "private clients",
            "architects",
            "shops",
            "renovation projects",
            "schools",
            "community centres",
        ),
    ),
    "care": (
        (
            "particulieren",
            "bedrijven",
            "woonzorgcentra",
            "scholen",
            "gezinnen",
            "wijkgezondheidscentra",
        ),
        (
            "des particuliers",
            "des entreprises",
            "des maisons de repos",
            "des écoles",
            "des familles",
            "des maisons médicales",
        ),
        (
            "private clients",
            "companies",
            "care homes",
            "schools",
            "families",
            "community health centres",
        ),
    ),
    "events": (
        ("festivals", "bedrijven", "cultuurcentra", "gemeenten", "koppels", "theatergezelschappen"),
        (
            "des festivals",
            "des entreprises",
            "des centres culturels",
            "des communes",
            "des couples",
            "des compagnies de théâtre",
        ),
        (
            "festivals",
            "companies",
            "cultural centres",
            "municipalities",
            "couples",
            "theatre companies",
        ),
    ),
    "other": (
        (
            "bedrijven",
            "vzw's",
            "overheidsdiensten",
            "zelfstandigen",
            "uitgeverijen",
            "advocatenkantoren",
        ),
        (
            "des entreprises",
            "des ASBL",
            "des administrations",
            "des indépendants",
            "des maisons d'édition",
            "des cabinets d'avocats",
        ),
        ("companies", "non-profits", "public services", "freelancers", "publishers", "law firms"),
    ),
}

#: The first sentence of a bio. Fields: role, place, place_in, year, years, e (French
#: feminine ending), a (English article before the role).
INTROS = {
    "nl": (
        "Ik ben {role} {place_in} en werk sinds {year} als zelfstandige.",
        "Al {years} jaar werk ik als {role} vanuit {place}.",
        "Sinds {year} ben ik aan de slag als {role}, vandaag vooral {place_in} en omgeving.",
        "Ik woon {place_in} en werk er als {role}, sinds {year} via de coöperatie.",
    ),
    "fr": (
        "Je suis {role} {place_in} et indépendant{e} depuis {year}.",
        "Depuis {years} ans, je travaille comme {role} {place_in}.",
        "Installé{e} {place_in}, j'exerce comme {role} depuis {year}.",
        "{Role} de métier, je travaille {place_in} et dans les environs depuis {year}.",
    ),
    "en": (
        "I am {a} {role} based {place_in}, freelancing since {year}.",
        "I have worked as {a} {role} {place_in} for {years} years.",
        "I moved to Belgium in {year} and now work as {a} {role} {place_in}.",
    ),
}

CLIENT_SENTENCES = {
    "nl": (
        "Ik werk vooral voor {clients}.",
        "Mijn opdrachtgevers zijn meestal {clients}.",
        "Ik krijg opdrachten van {clients}.",
    ),
    "fr": (
        "Je travaille surtout pour {clients}.",
        "Mes clients sont surtout {clients}.",
        "Je collabore régulièrement avec {clients}.",
    ),
    "en": (
        "I mostly work for {clients}.",
        "My clients are mainly {clients}.",
        "I regularly work with {clients}.",
    ),
}

APPROACHES = {
    "nl": (
        "Ik hou van heldere afspraken en een eerlijke prijs.",
        "Ik werk graag samen met andere zelfstandigen uit de coöperatie.",
        "Elk project begint bij mij met een goed gesprek over wat echt nodig is.",
        "Duurzaamheid en lokaal werken zijn voor mij belangrijk.",
        "Ik combineer mijn eigen projecten met opdrachten op maat.",
    ),
    "fr": (
        "J'aime les accords clairs et les prix honnêtes.",
        "Je travaille volontiers avec d'autres indépendants de la coopérative.",
        "Chaque projet commence par une vraie discussion sur les besoins.",
        "Le travail local et durable me tient à cœur.",
        "Je combine mes projets personnels avec des commandes sur mesure.",
    ),
    "en": (
        "I like clear agreements and fair prices.",
        "I enjoy teaming up with other freelancers in the cooperative.",
        "Every project starts with a proper conversation about what is really needed.",
        "Working locally and sustainably matters to me.",
        "I combine my own projects with commissioned work.",
    ),
}

HELP_SENTENCES = {
    "nl": "Collega's mogen me altijd iets vragen over {skill}.",
    "fr": "Je partage volontiers mon expérience en {skill}.",
    "en": "Feel free to ask me about {skill}.",
}

MENTOR_SENTENCES = {
    "nl": "Als mentor begeleid ik graag mensen die net starten in het vak.",
    "fr": "Comme mentor, j'accompagne volontiers les personnes qui se lancent dans le métier.",
    "en": "As a mentor, I am happy to guide people who are just starting out.",
}

#: Headline patterns: {Role} the role with a capital, {skills} two skill labels.
HEADLINES = {
    "nl": ("{Role}", "{Role} · {skills}", "{Role} {place_in}"),
    "fr": ("{Role}", "{Role} · {skills}", "{Role} {place_in}"),
    "en": ("{Role}", "{Role} · {skills}", "{Role} {place_in}"),
}

#: Languages a member may speak besides their own, with weights per own language.
OTHER_LANGUAGES = {
    "nl": {"en": 0.8, "fr": 0.6, "de": 0.15, "es": 0.05, "tr": 0.03, "ar": 0.03},
    "fr": {"en": 0.6, "nl": 0.3, "es": 0.1, "it": 0.1, "pt": 0.04, "ar": 0.05, "ro": 0.02},
    "en": {"fr": 0.6, "nl": 0.3, "de": 0.1, "es": 0.1, "pl": 0.05},
}
