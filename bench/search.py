"""Search benchmark (issue 6, "Speed"): build a synthetic dataset, index it, time queries.

    .venv/bin/python bench/search.py [--docs 50000] [--queries 200] [--edits 30]
                                     [--worker-queries 200] [--seed 6] [--keep DIR]
                                     [--no-tantivy]

Builds ``--docs`` searchable documents (member profiles in nl/fr/en from real freelancer
vocabulary, the real skill taxonomy and the real places of Belgium and Luxembourg; and
articles and offers too when those kinds are registered in app.search.documents.KINDS),
plus about 5 % hidden profiles that must stay out of the index, in a temporary SQLite
database and index directory. Then it prints, as median and p95 over ``--queries``
queries per scenario:

- raw: the bare Whoosh work the scenario names (parse and search; plus filters and facet
  counts; fuzzy terms; bounding box and distances; highlights of the top 10);
- raw+: the same Whoosh work the app does for that request (always all facet counts and
  the highlighted snippets of the page; on fewer than 3 hits a suggestion and a fuzzy
  pass), written plainly with Whoosh's API, without the app's own code;
- app: ``parse_search_args`` + ``run_search`` in a request context;
- API: ``GET /api/v1/search`` through the Flask test client;

with the ratios app/raw and app/raw+. Each layer is timed on queries of its own, drawn
from the same generator and distribution, that no layer ran before in the run (neither
timed nor as warm-up): a layer that repeats a query another has just run finds its
postings and expansions already read. When the bench extra is installed
(``pip install -e '.[bench]'``), a second table puts beside the app and the API the
``tantivy`` Python bindings on the same documents and the same kind of queries (also
queries of their own), with the ratios app/tantivy and API/tantivy; without it, the
bench says so and leaves that table out (``--no-tantivy`` too). Then the full rebuild
rate (documents indexed per second), the edit-to-visible delay and the resident memory
of a worker process that answered ``--worker-queries`` API queries (new ones too). The
targets are those of issue 6 (2 cores, 50,000 documents). ``--queries 0`` skips the
tables and reports the worker's API timings instead. The machine's CPUs, model and load
average are printed with the figures: on a shared machine other jobs weigh on every
number.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key-0123456789abcdef")

TARGETS = {
    "api_p50_ms": 15.0,
    "api_p95_ms": 50.0,
    "app_over_raw": 1.3,
    "rebuild_docs_per_s": 800.0,
    "edit_visible_s": 2.0,
    "worker_mb": 200.0,
}

# --- vocabulary ----------------------------------------------------------------------------

# fmt: off
ROLES = {
    "nl": [
        "grafisch ontwerper", "illustrator", "vertaler", "boekhouder", "webontwikkelaar",
        "fotograaf", "copywriter", "loopbaancoach", "trainer", "videomaker", "journalist",
        "interieurarchitect", "UX-ontwerper", "communicatieadviseur", "projectleider",
        "eventmanager", "timmerman", "keramist", "geluidstechnicus", "tekstschrijver",
        "animator", "muzikant", "scenograaf", "social media manager", "data-analist",
    ],
    "fr": [
        "graphiste", "illustratrice", "traducteur", "comptable", "développeur web",
        "photographe", "rédactrice", "coach de carrière", "formateur", "vidéaste",
        "journaliste", "architecte d'intérieur", "designer UX", "consultante en communication",
        "cheffe de projet", "organisatrice d'événements", "menuisier", "céramiste",
        "ingénieur du son", "concepteur-rédacteur", "animateur", "musicienne", "scénographe",
        "community manager", "analyste de données",
    ],
    "en": [
        "graphic designer", "illustrator", "translator", "bookkeeper", "web developer",
        "photographer", "copywriter", "career coach", "trainer", "video maker", "journalist",
        "interior architect", "UX designer", "communications consultant", "project manager",
        "event manager", "carpenter", "ceramicist", "sound engineer", "content writer",
        "animator", "musician", "set designer", "social media manager", "data analyst",
    ],
}
CLIENTS = {
    "nl": ["kmo's", "vzw's", "culturele huizen", "starters", "gemeenten", "scholen",
           "zorginstellingen", "uitgeverijen", "architectenbureaus", "festivals"],
    "fr": ["PME", "ASBL", "maisons culturelles", "indépendants débutants", "communes",
           "écoles", "institutions de soins", "maisons d'édition", "bureaux d'architectes",
           "festivals"],
    "en": ["small businesses", "non-profits", "cultural venues", "starters", "municipalities",
           "schools", "care providers", "publishers", "architecture firms", "festivals"],
}
TASKS = {
    "nl": ["hun huisstijl en logo", "websites en webshops", "vertalingen van contracten",
           "hun boekhouding en btw-aangifte", "sociale media en nieuwsbrieven",
           "subsidiedossiers", "fotoreportages en portretten", "opleidingen op maat",
           "prijszetting en offertes", "toegankelijke brochures", "podcasts en video's",
           "tentoonstellingen en evenementen", "renovatie en maatwerk in hout"],
    "fr": ["leur identité visuelle et leur logo", "sites web et boutiques en ligne",
           "la traduction de contrats", "leur comptabilité et la déclaration TVA",
           "les réseaux sociaux et les newsletters", "les dossiers de subsides",
           "les reportages photo et les portraits", "des formations sur mesure",
           "la fixation des prix et les devis", "des brochures accessibles",
           "des podcasts et des vidéos", "des expositions et des événements",
           "la rénovation et le mobilier sur mesure"],
    "en": ["their visual identity and logo", "websites and online shops",
           "translating contracts", "their bookkeeping and VAT returns",
           "social media and newsletters", "grant applications",
           "photo reportage and portraits", "tailored training",
           "pricing and quotes", "accessible brochures", "podcasts and videos",
           "exhibitions and events", "renovation and custom woodwork"],
}
# Each bio: the opener, the member's skills in its language, then a few of the extras.
OPENER = {
    "nl": "Ik werk al {years} jaar als zelfstandige {role} en help {clients} met {task}.",
    "fr": "Je travaille depuis {years} ans comme {role} indépendant et j'aide les {clients} "
          "pour {task}.",
    "en": "I have been a freelance {role} for {years} years, helping {clients} with {task}.",
}
SKILLS_SENTENCE = {"nl": "Specialiteiten: {skills}.", "fr": "Spécialités : {skills}.",
                   "en": "Specialities: {skills}."}
EXTRAS = {
    "nl": [
        "Samenwerken met andere freelancers van de coöperatie vind ik belangrijk.",
        "Ik werk graag op locatie in {place}, maar ook online.",
        "Eerder werkte ik voor {clients} rond {task}.",
        "Mijn atelier ligt vlak bij het station van {place}.",
        "Ik begeleid ook starters die met {task} beginnen.",
        "Klanten waarderen mijn heldere planning en vaste prijzen.",
        "In het weekend ben ik vrijwilliger bij een jeugdhuis.",
        "Voor grotere projecten werk ik samen met een vaste {role}.",
        "Nieuwe opdrachten en vragen zijn altijd welkom.",
        "Ik geef af en toe les aan de hogeschool over {task}.",
    ],
    "fr": [
        "Collaborer avec d'autres freelances de la coopérative me tient à cœur.",
        "Je travaille volontiers sur place à {place}, mais aussi à distance.",
        "Auparavant, j'ai travaillé pour des {clients} sur {task}.",
        "Mon atelier se trouve près de la gare de {place}.",
        "J'accompagne aussi les débutants qui se lancent dans {task}.",
        "Mes clients apprécient un planning clair et des prix fixes.",
        "Le week-end, je suis bénévole dans une maison de jeunes.",
        "Pour les grands projets, je travaille avec un {role} de confiance.",
        "Les nouvelles missions et les questions sont toujours les bienvenues.",
        "J'enseigne parfois à la haute école : {task}.",
    ],
    "en": [
        "Working with other freelancers of the cooperative matters to me.",
        "I like to work on site in {place}, and online too.",
        "Before, I worked for {clients} on {task}.",
        "My studio is close to the station in {place}.",
        "I also coach newcomers who start with {task}.",
        "Clients value my clear planning and fixed prices.",
        "At weekends I volunteer at a youth centre.",
        "For larger projects I team up with a {role} I trust.",
        "New assignments and questions are always welcome.",
        "Now and then I teach {task} at the university college.",
    ],
}
ARTICLE_TITLES = {
    "nl": ["Hoe bepaal je je uurtarief als {role}?", "Tien tips voor {task}",
           "Wat ik leerde over {task}", "Subsidies voor {clients}: een overzicht"],
    "fr": ["Comment fixer son tarif horaire de {role} ?", "Dix conseils pour {task}",
           "Ce que j'ai appris sur {task}", "Subsides pour les {clients} : un aperçu"],
    "en": ["How to set your hourly rate as a {role}", "Ten tips for {task}",
           "What I learned about {task}", "Grants for {clients}: an overview"],
}
FIRST_NAMES = ["An", "Bram", "Chloé", "Dries", "Elif", "Fatima", "Gilles", "Hanne", "Ilias",
               "Jana", "Koen", "Lotte", "Mehdi", "Nora", "Olivier", "Pieter", "Quentin",
               "Rania", "Sofie", "Thomas", "Ulla", "Victor", "Wout", "Yasmine", "Zoë",
               "Marie", "Lucas", "Emma", "Louis", "Camille", "Nathalie", "Jan", "Sarah"]
LAST_NAMES = ["Peeters", "Janssens", "Maes", "Dubois", "Lambert", "Claes", "Martin",
              "Willems", "Dupont", "Wouters", "Goossens", "Lemaire", "Mertens", "Renard",
              "El Amrani", "Yilmaz", "Nowak", "De Smet", "Leroy", "Vermeulen", "Hermans"]
SECTORS = ["arts", "design", "media", "digital", "training", "consulting", "crafts", "care",
           "events", "other"]
# fmt: on
MODES = ["online", "in_person", "individual", "collective"]
LANG_WEIGHTS = {"nl": 0.45, "fr": 0.40, "en": 0.15}


def pick_language(rng: random.Random) -> str:
    return rng.choices(list(LANG_WEIGHTS), weights=list(LANG_WEIGHTS.values()))[0]


def paragraph(
    rng: random.Random, lang: str, role: str, place: str, extras: int, skills: str = ""
) -> str:
    """A bio: the opener, the skills (when given), and ``extras`` of the other sentences."""
    chosen = [OPENER[lang]]
    if skills:
        chosen.append(SKILLS_SENTENCE[lang].replace("{skills}", skills))
    chosen += rng.sample(EXTRAS[lang], min(extras, len(EXTRAS[lang])))
    return " ".join(
        s.format(
            years=rng.randint(2, 25),
            role=role,
            clients=rng.choice(CLIENTS[lang]),
            task=rng.choice(TASKS[lang]),
            place=place,
        )
        for s in chosen
    )


def longest_word(text: str) -> str:
    return max(re.findall(r"\w+", text), key=len)


def typo(rng: random.Random, word: str) -> str:
    """One letter changed inside the word (the first stays: the fuzzy pass keeps it)."""
    position = rng.randrange(1, len(word))
    letters = "abcdefghijklmnopqrstuvwxyz".replace(word[position].lower(), "")
    return word[:position] + rng.choice(letters) + word[position + 1 :]


# --- the dataset ---------------------------------------------------------------------------


class World:
    """Skills and places from the database, for the generators and the queries."""

    def __init__(self) -> None:
        from sqlalchemy import select

        from app.extensions import db
        from app.places.models import Place
        from app.skills.models import Skill, SkillLabel

        self.skill_ids = list(db.session.scalars(select(Skill.id).order_by(Skill.id)))
        rows = db.session.execute(
            select(Place.id, Place.name, Place.population, Place.region).order_by(Place.id)
        ).all()
        self.place_ids = [row.id for row in rows]
        self.place_names = {row.id: row.name for row in rows}
        # Bigger places have more freelancers; a floor keeps the villages in.
        self.place_weights = [max(row.population, 2000) for row in rows]
        self.regions = sorted({row.region for row in rows})
        by_size = sorted(rows, key=lambda row: -row.population)
        self.big_places = [row.name for row in by_size[:40]]
        # Popular skills get more members (a Zipf-like curve over a shuffled taxonomy).
        order = list(self.skill_ids)
        random.Random(1).shuffle(order)
        self.skill_order = order
        self.skill_weights = [1 / (rank + 3) for rank in range(len(order))]
        # Each skill's preferred label per language (English when a language lacks one).
        labels: dict[str, dict[int, str]] = {code: {} for code in LANG_WEIGHTS}
        for skill_id, lang, text in db.session.execute(
            select(SkillLabel.skill_id, SkillLabel.lang, SkillLabel.text).where(
                SkillLabel.preferred
            )
        ):
            if lang in labels:
                labels[lang][skill_id] = text
        self.labels = {
            lang: {s: found.get(s) or labels["en"].get(s, "") for s in self.skill_ids}
            for lang, found in labels.items()
        }

    def place(self, rng: random.Random) -> int:
        return rng.choices(self.place_ids, weights=self.place_weights)[0]

    def skill_word(self, rng: random.Random, lang: str) -> str:
        """A word of a skill's name, popular skills more often: what members search for."""
        while True:
            skill = rng.choices(self.skill_order, weights=self.skill_weights)[0]
            label = self.labels[lang][skill]
            if label:
                return longest_word(label)

    def query_words(self, rng: random.Random, lang: str) -> str:
        """Two words as members type them: a skill with a place, a trade or another skill."""
        other = rng.choice(
            [
                lambda: rng.choice(self.big_places),
                lambda: longest_word(rng.choice(ROLES[lang])),
                lambda: self.skill_word(rng, lang),
            ]
        )
        return f"{self.skill_word(rng, lang)} {other()}"

    def skills(self, rng: random.Random, count: int) -> list[int]:
        chosen: list[int] = []
        while len(chosen) < count:
            skill = rng.choices(self.skill_order, weights=self.skill_weights)[0]
            if skill not in chosen:
                chosen.append(skill)
        return chosen


def insert_rows(model, rows: list[dict]) -> None:
    from sqlalchemy import insert

    from app.extensions import db

    for start in range(0, len(rows), 5000):
        db.session.execute(insert(model), rows[start : start + 5000])


def make_users(count: int, first_id: int, rng: random.Random, now: datetime) -> list[dict]:
    from werkzeug.security import generate_password_hash

    password_hash = generate_password_hash("bench-password-0123", method="scrypt")
    return [
        {
            "id": first_id + n,
            "email": f"lid{first_id + n}@example.org",
            "name": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            "password_hash": password_hash,
            "session_token": f"bench-{first_id + n}-{rng.getrandbits(64):016x}",
            "created_at": now,
        }
        for n in range(count)
    ]


def add_profiles(count: int, hidden: int, world: World, rng: random.Random) -> int:
    """``count`` listed profiles and ``hidden`` hidden ones, with their child rows."""
    from app.accounts.models import User
    from app.members.models import MemberSkill, Profile, ProfileLanguage, ProfileMode

    now = datetime.now(UTC)
    total = count + hidden
    insert_rows(User, make_users(total, 1, rng, now))
    profiles, skills, languages, modes = [], [], [], []
    for n in range(total):
        pid = n + 1
        lang = pick_language(rng)
        role = rng.choice(ROLES[lang])
        place_id = world.place(rng)
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        headline = f"{role[0].upper()}{role[1:]} — {rng.choice(TASKS[lang])}"
        mentor = rng.random() < 0.15
        public = rng.random() < 0.5
        visibility = "hidden" if n >= count else "public" if public else "members"
        updated = now - timedelta(days=rng.randint(0, 900), seconds=rng.randint(0, 86400))
        profiles.append(
            {
                "id": pid,
                "user_id": pid,
                "display_name": f"{first} {last}",
                "headline": headline[:160],
                "bio": "",  # below, with the skills
                "sector": rng.choice(SECTORS),
                "place_id": place_id,
                "website": "",
                "portfolio": "",
                "mentor": mentor,
                "mentor_capacity": rng.randint(1, 3) if mentor else 0,
                "visibility": visibility,
                "created_at": updated,
                "updated_at": updated,
            }
        )
        chosen = world.skills(rng, rng.randint(1, 5))
        profiles[-1]["bio"] = paragraph(
            rng,
            lang,
            role,
            world.place_names[place_id],
            rng.randint(1, 3),
            ", ".join(world.labels[lang][s] for s in chosen),
        )
        for position, skill_id in enumerate(chosen):
            skills.append(
                {
                    "profile_id": pid,
                    "skill_id": skill_id,
                    "level": rng.choice(["beginner", "experienced", "expert"]),
                    "can_help": rng.random() < 0.4,
                    "position": position,
                }
            )
        spoken = {lang} | ({"en"} if rng.random() < 0.4 else set())
        if rng.random() < 0.2:
            spoken.add(rng.choice(["nl", "fr", "de"]))
        languages += [{"profile_id": pid, "lang": code} for code in sorted(spoken)]
        modes += [{"profile_id": pid, "mode": m} for m in MODES if rng.random() < 0.5]
    insert_rows(Profile, profiles)
    insert_rows(MemberSkill, skills)
    insert_rows(ProfileLanguage, languages)
    insert_rows(ProfileMode, modes)
    return count


def add_articles(count: int, authors: int, world: World, rng: random.Random) -> int:
    """Published articles in the three languages (only when the kind is registered)."""
    from app.articles.models import Article, ArticleSkill, ArticleTag

    now = datetime.now(UTC)
    articles, skills, tags = [], [], []
    for n in range(count):
        aid = n + 1
        lang = pick_language(rng)
        role = rng.choice(ROLES[lang])
        title = rng.choice(ARTICLE_TITLES[lang]).format(
            role=role, task=rng.choice(TASKS[lang]), clients=rng.choice(CLIENTS[lang])
        )
        body = "\n\n".join(
            paragraph(rng, lang, role, rng.choice(world.big_places), 4) for _ in range(3)
        )
        moment = now - timedelta(days=rng.randint(0, 900))
        articles.append(
            {
                "id": aid,
                "author_id": rng.randint(1, authors),
                "title": title[:120],
                "summary": body[:200],
                "body": body,
                "language": lang,
                "visibility": "public" if rng.random() < 0.6 else "members",
                "published": True,
                "published_at": moment,
                "created_at": moment,
                "updated_at": moment,
            }
        )
        for position, skill_id in enumerate(world.skills(rng, rng.randint(1, 3))):
            skills.append({"article_id": aid, "skill_id": skill_id, "position": position})
        for word in {world.skill_word(rng, lang).lower() for _ in range(2)}:
            tags.append({"article_id": aid, "name": word})
    insert_rows(Article, articles)
    insert_rows(ArticleSkill, skills)
    insert_rows(ArticleTag, tags)
    return count


def add_offers(count: int, first_user: int, world: World, rng: random.Random) -> int:
    """Offers of verified partners (only when the kind is registered)."""
    from app.accounts.models import User
    from app.partners.models import Offer, OfferLanguage, OfferMode, OfferSkill, Partner

    now = datetime.now(UTC)
    partner_count = max(1, count // 5)
    insert_rows(User, make_users(partner_count, first_user, rng, now))
    partners = []
    for n in range(partner_count):
        lang = pick_language(rng)
        partners.append(
            {
                "id": n + 1,
                "user_id": first_user + n,
                "name": f"{rng.choice(LAST_NAMES)} {rng.choice(['Hub', 'Atelier', 'Lab'])}",
                "description": paragraph(rng, lang, rng.choice(ROLES[lang]), "Brussel", 2),
                "place_id": world.place(rng),
                "verified": True,
                "verified_at": now,
                "created_at": now,
                "updated_at": now,
            }
        )
    insert_rows(Partner, partners)
    offers, modes, languages, skills = [], [], [], []
    kinds = ["training", "coworking", "advice", "funding", "network", "other"]
    for n in range(count):
        oid = n + 1
        lang = pick_language(rng)
        task = rng.choice(TASKS[lang])
        offers.append(
            {
                "id": oid,
                "partner_id": rng.randint(1, partner_count),
                "title": f"{rng.choice(['Workshop', 'Atelier', 'Training'])}: {task}"[:120],
                "description": paragraph(rng, lang, rng.choice(ROLES[lang]), "Gent", 3),
                "kind": rng.choice(kinds),
                "price": "free",
                "place_id": world.place(rng),
                "created_at": now,
                "updated_at": now,
            }
        )
        modes += [{"offer_id": oid, "mode": m} for m in MODES if rng.random() < 0.5]
        languages.append({"offer_id": oid, "lang": lang})
        for position, skill_id in enumerate(world.skills(rng, rng.randint(1, 3))):
            skills.append({"offer_id": oid, "skill_id": skill_id, "position": position})
    insert_rows(Offer, offers)
    insert_rows(OfferMode, modes)
    insert_rows(OfferLanguage, languages)
    insert_rows(OfferSkill, skills)
    return count


def build_dataset(docs: int, world: World, rng: random.Random) -> dict[str, int]:
    """The rows, by kind; articles and offers only for kinds the search registers."""
    from app.extensions import db
    from app.search.documents import KINDS

    shares = {"member": 1.0}
    if "article" in KINDS:
        shares = {"member": 0.7, "article": 0.2}
    if "offer" in KINDS:
        shares["offer"] = 0.1
        shares["member"] = 1.0 - sum(v for k, v in shares.items() if k != "member")
    counts = {kind: int(docs * share) for kind, share in shares.items()}
    counts["member"] += docs - sum(counts.values())
    hidden = max(1, counts["member"] // 20)
    add_profiles(counts["member"], hidden, world, rng)
    if "article" in counts:
        add_articles(counts["article"], counts["member"], world, rng)
    if "offer" in counts:
        add_offers(counts["offer"], counts["member"] + hidden + 1, world, rng)
    db.session.commit()
    counts["hidden member"] = hidden
    return counts


# --- the query scenarios -----------------------------------------------------------------


def draw(scenario: str, rng: random.Random, world: World) -> dict:
    """One query of a scenario: API query-string arguments, as members send them."""
    lang = pick_language(rng)
    if scenario == "2 terms":
        return {"q": world.query_words(rng, lang)}
    if scenario == "2 terms + 2 facets":
        filters = rng.choice(
            [
                {"language": lang, "mode": rng.choice(MODES)},
                {"sector": rng.choice(SECTORS), "region": rng.choice(world.regions)},
                {"language": lang, "region": rng.choice(world.regions)},
                {"mode": rng.choice(MODES), "sector": rng.choice(SECTORS)},
            ]
        )
        return {"q": world.query_words(rng, lang), **filters}
    if scenario == "fuzzy":
        word = ""
        while len(word) < 6:
            word = world.skill_word(rng, lang)
        return {"q": typo(rng, word)}
    if scenario == "near":
        near = {"near": rng.choice(world.big_places), "radius_km": rng.choice([10, 25, 50])}
        if rng.random() < 0.5:
            near["sort"] = "distance"
        return {"q": world.skill_word(rng, lang), **near}
    return {"q": world.query_words(rng, lang), "per_page": 10}


def fresh_queries(
    scenario: str, count: int, rng: random.Random, world: World, seen: set[str]
) -> list[dict]:
    """``count`` queries of a scenario that are not in ``seen`` (then added to it).

    Each layer is timed on queries of its own, drawn from the same generator: a layer that
    ran a query another layer had just run would find its postings, fuzzy expansions and
    spelling candidates already read (that flattered the API by 25-40 % on the fuzzy and
    facet scenarios, when the layers took turns on the same queries).
    """
    out: list[dict] = []
    attempts = 0
    while len(out) < count:
        attempts += 1
        if attempts > 200 * (count + 10):
            raise RuntimeError(f"{scenario}: fewer than {count} distinct queries to draw")
        args = draw(scenario, rng, world)
        token = json.dumps(args, sort_keys=True).lower()
        if token not in seen:
            seen.add(token)
            out.append(args)
    return out


def scenarios(
    rng: random.Random, world: World, count: int, seen: set[str] | None = None
) -> dict[str, list[dict]]:
    """API query-string arguments per scenario, ``count`` distinct ones each."""
    seen = set() if seen is None else seen
    return {name: fresh_queries(name, count, rng, world, seen) for name in SCENARIOS}


SCENARIOS = ["2 terms", "2 terms + 2 facets", "fuzzy", "near", "highlight top 10"]
#: Queries every layer runs, untimed, before a scenario's turns (each opens what it needs).
WARMUP = 10
# raw+ (Whoosh's own facet counting) takes about a second a query at 50,000 documents:
# it runs on one query in this many.
RAW_PLUS_EVERY = 4


class Raw:
    """Whoosh used directly: the same index, schema and fields, none of the app's code."""

    def __init__(self) -> None:
        from whoosh import qparser

        from app.i18n import LANGUAGES
        from app.search.engine import storage
        from app.search.schema import FACETS

        self.index = storage.open_live()
        self.searcher = self.index.searcher()
        fields = ["title", "text", "skill_labels", *(f"text_{code}" for code in LANGUAGES)]
        self.parser = qparser.MultifieldParser(
            fields, self.index.schema, fieldboosts={"title": 3.0, "skill_labels": 2.0}
        )
        self.facets = FACETS

    def _filter(self, args: dict, place):
        from whoosh import query

        from app.places.gazetteer import bounding_box

        terms = [query.Term("visibility", "public")]
        for name, field in (
            ("language", "languages"),
            ("mode", "modes"),
            ("sector", "sector"),
            ("region", "region"),
        ):
            if name in args:
                terms.append(query.Term(field, args[name]))
        if place is not None:
            box = bounding_box(place.latitude, place.longitude, float(args["radius_km"]))
            terms.append(query.NumericRange("lat", box[0], box[1]))
            terms.append(query.NumericRange("lon", box[2], box[3]))
        return query.And(terms)

    def _query(self, scenario: str, q: str):
        from whoosh import query

        if scenario == "fuzzy":
            words = q.lower().split()
            fields = ("text", "title", "skill_labels")
            return query.And(
                [
                    query.Or([query.FuzzyTerm(f, w, maxdist=1, prefixlength=1) for f in fields])
                    for w in words
                ]
            )
        return self.parser.parse(q)

    def run(self, scenario: str, args: dict, place, same_work: bool) -> int:
        """One query; ``same_work``: also every facet count and the page's snippets."""
        from whoosh import query, sorting
        from whoosh.highlight import ContextFragmenter, HtmlFormatter

        from app.places.gazetteer import distance_km

        per_page = int(args.get("per_page", 20))
        wanted_facets = same_work or scenario == "2 terms + 2 facets"
        groupedby = (
            [sorting.FieldFacet(name, allow_overlap=multi) for name, multi in self.facets.items()]
            if wanted_facets
            else None
        )
        results = self.searcher.search(
            self._query(scenario, args["q"]),
            filter=self._filter(args, place),
            limit=None if place is not None else per_page,
            groupedby=groupedby,
            terms=same_work or scenario == "highlight top 10",
        )
        if same_work and scenario != "fuzzy" and len(results) < 3:
            # The app's fallback on few hits: a "did you mean" and a fuzzy pass.
            corrector = self.searcher.corrector("text")
            for word in args["q"].lower().split():
                corrector.suggest(word, limit=1, maxdist=1, prefix=1)
            fuzzy = self.searcher.search(
                query.Or([self._query(scenario, args["q"]), self._query("fuzzy", args["q"])]),
                filter=self._filter(args, place),
                limit=None if place is not None else per_page,
                groupedby=groupedby,
                terms=True,
            )
            if len(fuzzy) > len(results):
                results = fuzzy
        hits = list(results) if place is not None else list(results[:per_page])
        if place is not None:
            with_distance = [
                (hit, distance_km(place, (f["lat"], f["lon"])))
                for hit, f in ((hit, hit.fields()) for hit in hits)
                if "lat" in f
            ]
            with_distance = [p for p in with_distance if p[1] <= float(args["radius_km"])]
            if args.get("sort") == "distance":
                with_distance.sort(key=lambda pair: pair[1])
            hits = [hit for hit, _d in with_distance[:per_page]]
        if wanted_facets:
            for name in self.facets:
                results.groups(name)
        if same_work or scenario == "highlight top 10":
            results.fragmenter = ContextFragmenter(maxchars=200, surround=40)
            results.formatter = HtmlFormatter(tagname="mark")
            for hit in hits[:per_page]:
                hit.highlights("text", top=2)
        return len(hits)


# fmt: off
#: The folded fields and the stemmed ones, as in app/search/schema.py.
TANTIVY_FOLDED = ("title", "text", "skill_labels")
TANTIVY_STEMMERS = {"nl": "dutch", "fr": "french", "en": "english"}
# fmt: on
#: How the API's filter parameters name the facet fields.
FILTER_FIELDS = {
    "language": "languages",
    "mode": "modes",
    "sector": "sector",
    "region": "region",
}  # fmt: skip


def tantivy_available() -> bool:
    """Whether the bench extra (``pip install -e '.[bench]'``) is installed."""
    try:
        import tantivy  # noqa: F401
    except ImportError:
        return False
    return True


class Tantivy:
    """The same documents and queries in tantivy (its Python bindings), for comparison.

    The documents are those the app indexes (built by the kinds' own builders), with the
    same text fields (folded; stemmed per language with Whoosh's stop words) and the key
    stored. A query does the app's work where tantivy has it: the words in all text fields
    (title x3, skill labels x2), the visibility and facet filters as term queries, the
    bounding box as range queries on fast fields and the distances of what it finds, the
    top of the page with its stored fields, the eight facet counts (terms aggregations)
    and the page's snippets; on fewer than 3 hits, a fuzzy pass. Its fuzzy terms cannot
    keep the first letter, as the app's do: on a few queries they find more documents.
    """

    def __init__(self, path: Path) -> None:
        import tantivy

        from app.i18n import LANGUAGES
        from app.search.engine.schema import EXTRA_STOP_WORDS
        from app.search.schema import FACETS

        self.t = tantivy
        self.facets = list(FACETS)
        self.multi = dict(FACETS)
        self.languages = LANGUAGES
        builder = tantivy.SchemaBuilder()
        builder.add_text_field("key", stored=True, tokenizer_name="raw")
        builder.add_text_field("visibility", tokenizer_name="raw")
        for name in self.facets:
            builder.add_text_field(name, fast=True, tokenizer_name="raw")
        for name in TANTIVY_FOLDED:
            builder.add_text_field(name, stored=name != "skill_labels", tokenizer_name="folded")
        for code in LANGUAGES:
            builder.add_text_field(f"text_{code}", tokenizer_name=f"stem_{code}")
        builder.add_float_field("lat", indexed=True, fast=True)
        builder.add_float_field("lon", indexed=True, fast=True)
        self.schema = builder.build()
        path.mkdir(parents=True, exist_ok=True)
        self.index = tantivy.Index(self.schema, path=str(path), reuse=False)
        words = tantivy.Tokenizer.regex(r"\w+")
        self.folded = (
            tantivy.TextAnalyzerBuilder(words)
            .filter(tantivy.Filter.lowercase())
            .filter(tantivy.Filter.ascii_fold())
            .build()
        )
        self.index.register_tokenizer("folded", self.folded)
        from whoosh.lang import stopwords_for_language

        for code in LANGUAGES:
            stop = sorted(set(stopwords_for_language(code)) | EXTRA_STOP_WORDS[code])
            analyzer = (
                tantivy.TextAnalyzerBuilder(words)
                .filter(tantivy.Filter.lowercase())
                .filter(tantivy.Filter.custom_stopword(stop))
                .filter(tantivy.Filter.stemmer(TANTIVY_STEMMERS[code]))
                .filter(tantivy.Filter.ascii_fold())
                .build()
            )
            self.index.register_tokenizer(f"stem_{code}", analyzer)
        self.searcher = None

    def document(self, fields: dict):
        """A tantivy document from the app's document fields."""
        out: dict = {"key": fields["key"], "visibility": fields.get("visibility", "")}
        for name in self.facets:
            value = fields.get(name)
            if isinstance(value, bool):
                out[name] = ["true" if value else "false"]
            elif value:
                out[name] = str(value).split() if self.multi[name] else [str(value)]
        for name in (*TANTIVY_FOLDED, *(f"text_{code}" for code in self.languages)):
            if fields.get(name):
                out[name] = fields[name]
        for name in ("lat", "lon"):
            if fields.get(name) is not None:
                out[name] = float(fields[name])
        return self.t.Document.from_dict(out, self.schema)

    def build(self, app) -> tuple[int, float]:
        """Index every document the app indexes; (documents, seconds)."""
        from app.extensions import db
        from app.search.documents import kinds_by_model
        from app.search.indexer import all_documents

        count = 0
        with app.app_context():
            # The rows are read and built as the app's rebuild does; only writing is timed.
            documents = [
                document
                for model, kinds in kinds_by_model().items()
                for _row_id, built in all_documents(db.session, model, kinds)
                for document in built
            ]
            db.session.remove()
        started = time.perf_counter()
        writer = self.index.writer(heap_size=200_000_000, num_threads=2)
        for fields in documents:
            writer.add_document(self.document(fields))
            count += 1
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()
        self.searcher = self.index.searcher()
        return count, time.perf_counter() - started

    def _words(self, q: str):
        query, _errors = self.index.parse_query_lenient(
            q,
            default_field_names=[*TANTIVY_FOLDED, *(f"text_{c}" for c in self.languages)],
            field_boosts={"title": 3.0, "skill_labels": 2.0},
            conjunction_by_default=True,
        )
        return query

    def _fuzzy(self, q: str):
        t = self.t
        words = self.folded.analyze(q)
        return t.Query.boolean_query(
            [
                (
                    t.Occur.Must,
                    t.Query.boolean_query(
                        [
                            (t.Occur.Should, t.Query.fuzzy_term_query(self.schema, f, w, 1))
                            for f in TANTIVY_FOLDED
                        ]
                    ),
                )
                for w in words
            ]
        )

    def _filtered(self, words, args: dict, place):
        from app.places.gazetteer import bounding_box

        t = self.t
        filters = [t.Query.term_query(self.schema, "visibility", "public")]
        for name, field in FILTER_FIELDS.items():
            if name in args:
                filters.append(t.Query.term_query(self.schema, field, args[name]))
        if place is not None:
            box = bounding_box(place.latitude, place.longitude, float(args["radius_km"]))
            for field, low, high in (("lat", box[0], box[1]), ("lon", box[2], box[3])):
                filters.append(
                    t.Query.range_query(self.schema, field, t.FieldType.Float, low, high)
                )
        return t.Query.boolean_query(
            [(t.Occur.Must, words)]
            + [(t.Occur.Must, t.Query.const_score_query(f, 0.0)) for f in filters]
        )

    def run(self, scenario: str, args: dict, place) -> int:
        """One query, as the app answers it; the number of documents found."""
        from app.places.gazetteer import distance_km

        t, searcher = self.t, self.searcher
        per_page = int(args.get("per_page", 20))
        words = self._fuzzy(args["q"]) if scenario == "fuzzy" else self._words(args["q"])
        query = self._filtered(words, args, place)
        # Within a radius every document is needed: the distances decide which are in.
        limit = max(1, searcher.num_docs) if place is not None else per_page
        found = searcher.search(query, limit)
        if scenario != "fuzzy" and found.count < 3:
            either = t.Query.boolean_query(
                [(t.Occur.Should, words), (t.Occur.Should, self._fuzzy(args["q"]))]
            )
            wider = self._filtered(either, args, place)
            more = searcher.search(wider, limit)
            if more.count > found.count:
                query, found = wider, more
        hits, total = found.hits, found.count
        addresses = [address for _score, address in hits]
        if place is not None:
            lats = searcher.fast_field_values("lat", addresses)
            lons = searcher.fast_field_values("lon", addresses)
            radius = float(args["radius_km"])
            near = [
                (address, d)
                for address, lat, lon in zip(addresses, lats, lons, strict=True)
                if lat is not None and (d := distance_km(place, (lat, lon))) <= radius
            ]
            if args.get("sort") == "distance":
                near.sort(key=lambda pair: pair[1])
            addresses = [address for address, _d in near]
            total = len(addresses)
        searcher.aggregate(
            query, {name: {"terms": {"field": name, "size": 100}} for name in self.facets}
        )
        snippets = t.SnippetGenerator.create(searcher, query, self.schema, "text")
        snippets.set_max_num_chars(200)
        for address in addresses[:per_page]:
            snippets.snippet_from_doc(searcher.doc(address)).to_html()
        return total


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1)]


def timed(
    layers: dict[str, Callable[[dict], object]],
    warmup: list[dict],
    queries: dict[str, list[dict]],
    every: dict[str, int] | None = None,
):
    """{layer: (median, p95) in ms}, each layer timed on its own ``queries[layer]``.

    First every layer runs the ``warmup`` queries (opening searchers and caches; they are
    never timed and no layer meets them again). Then the layers take turns, in a rotating
    order, so that a change in the machine's load weighs on each of them alike; in turn n a
    layer runs its own n-th query, which no layer has run before. A layer named in
    ``every`` takes a turn once in that many (raw+ takes seconds a query), so it needs only
    that share of queries.
    """
    names = list(layers)
    every = every or {}
    for number, args in enumerate(warmup):
        for name in names:
            if number < 3 or name not in every:
                layers[name](args)
    gc.collect()
    durations: dict[str, list[float]] = {name: [] for name in names}
    turns = max(len(queries[name]) * every.get(name, 1) for name in names)
    for number in range(turns):
        shift = number % len(names)
        for name in names[shift:] + names[:shift]:
            step = every.get(name, 1)
            if number % step or number // step >= len(queries[name]):
                continue
            args = queries[name][number // step]
            started = time.perf_counter()
            layers[name](args)
            durations[name].append((time.perf_counter() - started) * 1000)
    return {
        name: (statistics.median(values), percentile(values, 0.95))
        for name, values in durations.items()
    }


# --- the measurements ----------------------------------------------------------------------


def measure_queries(
    app, world: World, count: int, rng: random.Random, seen: set[str], tantivy=None
) -> dict:
    """The table: each scenario's median and p95 per layer, each on queries of its own."""
    from flask_login import AnonymousUserMixin
    from werkzeug.datastructures import MultiDict

    from app.places.gazetteer import resolve_place
    from app.search.params import parse_search_args
    from app.search.query import run_search

    # No app context stays open: each query gets its own, and its own database session.
    with app.app_context():
        places = {name: resolve_place(name) for name in world.big_places}
        raw = Raw()
    client = app.test_client()
    anonymous = AnonymousUserMixin()

    def app_search(args: dict):
        with app.test_request_context("/api/v1/search", headers={"Accept-Language": "nl"}):
            return run_search(parse_search_args(MultiDict(args)), anonymous, "nl")

    totals: dict[str, int] = {}

    def api_search(args: dict):
        response = client.get("/api/v1/search", query_string=args)
        assert response.status_code == 200, response.get_data(as_text=True)[:300]
        totals[json.dumps(args, sort_keys=True)] = response.get_json()["total"]
        return response

    def place_of(args):
        return places[args["near"]] if "near" in args else None

    table = {}
    for scenario in SCENARIOS:
        layers: dict[str, Callable[[dict], object]] = {
            "raw": lambda a, s=scenario: raw.run(s, a, place_of(a), False),
            "raw+": lambda a, s=scenario: raw.run(s, a, place_of(a), True),
            "app": app_search,
            "api": api_search,
        }
        if tantivy is not None:
            layers["tantivy"] = lambda a, s=scenario: tantivy.run(s, a, place_of(a))
        every = {"raw+": RAW_PLUS_EVERY}
        warmup = fresh_queries(scenario, WARMUP, rng, world, seen)
        queries = {
            name: fresh_queries(scenario, math.ceil(count / every.get(name, 1)), rng, world, seen)
            for name in layers
        }
        table[scenario] = timed(layers, warmup, queries, every=every)
        table[scenario]["totals"] = statistics.median(
            totals[json.dumps(args, sort_keys=True)] for args in queries["api"]
        )
        totals.clear()
        if tantivy is not None:
            # Untimed, once the scenario is measured: what tantivy finds for the API's
            # queries, to show that both find about as much.
            table[scenario]["tantivy_totals"] = statistics.median(
                tantivy.run(scenario, args, place_of(args)) for args in queries["api"]
            )
        print(f"  timed {scenario}", file=sys.stderr, flush=True)
    raw.searcher.close()
    return table


def measure_rebuild(app) -> tuple[int, float]:
    from app.search.rebuilding import rebuild

    started = time.perf_counter()
    last = [0.0]

    def progress(done: int, total: int) -> None:
        now = time.perf_counter()
        if now - last[0] > 5 or done == total:
            last[0] = now
            rate = done / max(now - started, 1e-9)
            print(f"  indexed {done}/{total} ({rate:.0f}/s)", file=sys.stderr, flush=True)

    with app.app_context():
        count = rebuild(progress)
    return count, time.perf_counter() - started


def measure_edit_to_visible(app, edits: int, rng: random.Random) -> dict[str, list[float]]:
    """Seconds from the start of an edit's commit until its document is in the index
    ("indexed": a refreshed searcher holds the new text) and until run_search finds it
    ("found": that includes one whole search). Single process, indexing after commit."""
    from flask_login import AnonymousUserMixin
    from sqlalchemy import select
    from whoosh import query

    from app.extensions import db
    from app.members.models import Profile
    from app.search.engine.searcher import get_searcher
    from app.search.query import SearchRequest, run_search

    anonymous = AnonymousUserMixin()
    delays: dict[str, list[float]] = {"indexed": [], "found": []}
    with app.app_context():
        ids = list(
            db.session.scalars(select(Profile.id).where(Profile.visibility == "public").limit(500))
        )
        db.session.remove()
    for n in range(edits):
        word = f"zeldzaamwoord{n}x{rng.randrange(10**6)}"
        with app.app_context():
            profile = db.session.get(Profile, rng.choice(ids))
            profile.headline = f"Illustrator {word}"
            started = time.perf_counter()
            db.session.commit()
            db.session.remove()
        for stage in ("indexed", "found"):
            while True:
                with app.test_request_context():
                    if stage == "indexed":
                        searcher = get_searcher()
                        done = bool(searcher.search(query.Term("text", word), limit=1))
                    else:
                        done = bool(run_search(SearchRequest(q=word), anonymous, "nl").total)
                if done:
                    break
                if time.perf_counter() - started > 60:
                    raise RuntimeError(f"edit {n} not {stage} after 60 s")
                time.sleep(0.01)
            delays[stage].append(time.perf_counter() - started)
    return delays


def worker_memory(database: Path, index: Path, queries: list[dict]) -> dict[str, float]:
    """Start a fresh process like a gunicorn worker, answer API queries, report its memory."""
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{database}", SEARCH_INDEX_DIR=str(index))
    output = subprocess.run(  # noqa: S603 - this interpreter running this file
        [sys.executable, __file__, "--worker-memory"],
        input=json.dumps(queries),
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=900,
        check=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def memory_of_this_process() -> dict[str, float]:
    status = Path("/proc/self/status").read_text()
    values = {}
    for line in status.splitlines():
        name, _, rest = line.partition(":")
        if name in ("VmRSS", "VmHWM", "RssAnon", "RssFile"):
            values[name] = int(rest.split()[0]) / 1024
    return values


def worker_memory_main() -> None:
    """The child of worker_memory(): import the app, answer the queries, print VmRSS."""
    from app import create_app

    queries = json.loads(sys.stdin.read())
    app = create_app()
    client = app.test_client()
    before = memory_of_this_process()
    durations = []
    for args in queries:
        started = time.perf_counter()
        response = client.get("/api/v1/search", query_string=args)
        durations.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{args}: {response.status_code}")
    after = memory_of_this_process()
    print(
        json.dumps(
            {
                "app_mb": before["VmRSS"],
                "rss_mb": after["VmRSS"],
                "anon_mb": after["RssAnon"],
                "file_mb": after["RssFile"],
                "peak_mb": after["VmHWM"],
                "queries": len(queries),
                # The first queries open the searcher: these include that, unlike the table.
                "api_ms": [statistics.median(durations), percentile(durations, 0.95)],
            }
        )
    )


# --- the report ------------------------------------------------------------------------------


def cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.partition(":")[2].strip()
    return "unknown CPU"


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def query_table(info: dict, add) -> tuple[float, float, float, float]:
    """Add the per-scenario table; return the worst API p50, API p95, app/raw and app/raw+."""
    header = (
        f"{'scenario':<20} {'raw':>13} {'raw+':>13} {'app':>13} {'API':>13} "
        f"{'app/raw':>8} {'app/raw+':>9}"
    )
    add(header)
    add("-" * len(header))
    worst = [0.0, 0.0, 0.0, 0.0]
    for scenario in SCENARIOS:
        row = info["table"][scenario]
        cells = [f"{row[k][0]:6.1f}/{row[k][1]:6.1f}" for k in ("raw", "raw+", "app", "api")]
        ratio = row["app"][0] / row["raw"][0]
        ratio_plus = row["app"][0] / row["raw+"][0]
        worst = [
            max(worst[0], row["api"][0]),
            max(worst[1], row["api"][1]),
            max(worst[2], ratio),
            max(worst[3], ratio_plus),
        ]
        add(
            f"{scenario:<20} {cells[0]:>13} {cells[1]:>13} {cells[2]:>13} {cells[3]:>13} "
            f"{ratio:>8.2f} {ratio_plus:>9.2f}"
        )
    add("")
    add("raw  = the bare Whoosh work the scenario names, written plainly with Whoosh's own")
    add("       API (filters as queries, FieldFacet, NumericRange bounding box); raw+ = the")
    add("       same for all the app does (8 facet counts, snippets of the page, and on fewer")
    add("       than 3 hits a suggestion and a fuzzy pass); app = parse_search_args +")
    add("       run_search (which also checks each hit of the page in the database);")
    add("       API = GET /api/v1/search through the test client. Each layer runs queries")
    add("       of its own, which no layer ran before (the same generator and distribution).")
    add(
        "median hits (total) per scenario: "
        + ", ".join(f"{s}: {info['table'][s]['totals']:.0f}" for s in SCENARIOS)
    )
    return worst[0], worst[1], worst[2], worst[3]


def tantivy_table(info: dict, add) -> None:
    """Add the comparison with tantivy (or say why there is none)."""
    add("")
    if not info["tantivy"]:
        add("tantivy: not installed (pip install -e '.[bench]') or --no-tantivy: no comparison")
        return
    count, seconds = info["tantivy_build"]
    add(
        f"tantivy {metadata.version('tantivy')}, the same {count} documents (written in "
        f"{seconds:.1f} s, {count / max(seconds, 1e-9):.0f} docs/s), queries of its own"
    )
    header = (
        f"{'scenario':<20} {'app':>13} {'API':>13} {'tantivy':>13} "
        f"{'app/tantivy':>12} {'API/tantivy':>12}"
    )
    add(header)
    add("-" * len(header))
    for scenario in SCENARIOS:
        row = info["table"][scenario]
        cells = [f"{row[k][0]:6.1f}/{row[k][1]:6.1f}" for k in ("app", "api", "tantivy")]
        add(
            f"{scenario:<20} {cells[0]:>13} {cells[1]:>13} {cells[2]:>13} "
            f"{row['app'][0] / row['tantivy'][0]:>12.1f} "
            f"{row['api'][0] / row['tantivy'][0]:>12.1f}"
        )
    add("")
    add("tantivy = its Python bindings doing the app's work where tantivy has it: the words")
    add("       in all text fields, filters as term queries, the bounding box as range")
    add("       queries and the distances, the page's stored fields, the 8 facet counts")
    add("       (terms aggregations) and the page's snippets; on fewer than 3 hits a fuzzy")
    add("       pass. No ranking beyond BM25, no database, no Flask. Ratios of the medians.")
    add("       Its fuzzy terms need not keep the first letter: a few queries find more.")
    add(
        "median hits (total) on the API's queries, API / tantivy: "
        + ", ".join(
            f"{s}: {info['table'][s]['totals']:.0f} / {info['table'][s]['tantivy_totals']:.0f}"
            for s in SCENARIOS
        )
    )


def report(info: dict) -> str:
    lines: list[str] = []
    add = lines.append
    t = TARGETS
    add("")
    add(f"Search benchmark — {info['documents']} documents indexed ({info['rows']})")
    add(
        f"{info['cpus']} CPUs ({info['cpu_model']}); load average before: {info['load']}, "
        f"after: {info['load_after']}"
    )
    memory = info["memory"]
    if info["table"]:
        add(
            f"{info['queries']} queries per scenario (raw+: one in {RAW_PLUS_EVERY}); "
            "times in ms, median / p95; anonymous viewer"
        )
        add("")
        api_p50, api_p95, ratio, ratio_plus = query_table(info, add)
        tantivy_table(info, add)
        api_label = "API p50 / p95, worst scenario"
    else:
        # No query table (--queries 0): the worker's own timings, a mix of all scenarios.
        api_p50, api_p95 = memory["api_ms"]
        ratio = ratio_plus = math.nan
        api_label = f"API p50 / p95, {memory['queries']} mixed"
    add("")
    rate = info["documents"] / info["rebuild_s"]
    edit = info["edit_delays"]
    api_ok = api_p50 <= t["api_p50_ms"] and api_p95 <= t["api_p95_ms"]
    add(f"{'measure':<34} {'value':>22} {'target':>14}")
    add("-" * 78)
    add(
        f"{api_label:<34} {api_p50:>9.1f} / {api_p95:>6.1f} ms {'≤ 15 / 50 ms':>14} "
        f"{verdict(api_ok)}"
    )
    if not math.isnan(ratio):
        add(
            f"{'app/raw (median), worst scenario':<34} {ratio:>22.2f} {'≤ 1.3':>14} "
            f"{verdict(ratio <= t['app_over_raw'])}"
        )
        add(f"{'app/raw+ (median), worst scenario':<34} {ratio_plus:>22.2f}")
    add(
        f"{'full rebuild':<34} {rate:>15.0f} docs/s {'≥ 800/s':>14} "
        f"{verdict(rate >= t['rebuild_docs_per_s'])}"
    )
    add(
        f"{'':<34} ({info['documents']} documents from {info['rebuild_docs']} rows "
        f"in {info['rebuild_s']:.1f} s)"
    )
    for stage, label in (("indexed", "edit to in the index, median / max"),
                         ("found", "edit to found by search, med / max")):  # fmt: skip
        add(
            f"{label:<34} {statistics.median(edit[stage]):>11.3f} / "
            f"{max(edit[stage]):.3f} s {'≤ 2 s':>14} "
            f"{verdict(max(edit[stage]) <= t['edit_visible_s'])}"
        )
    add(
        f"{'worker resident memory':<34} {memory['rss_mb']:>19.0f} MB {'≤ 200 MB':>14} "
        f"{verdict(memory['rss_mb'] <= t['worker_mb'])}"
    )
    add(
        f"{'':<34} (app loaded: {memory['app_mb']:.0f} MB; peak {memory['peak_mb']:.0f} MB "
        f"after {memory['queries']} API queries;"
    )
    add(
        f"{'':<34}  of it {memory['anon_mb']:.0f} MB the process's own, "
        f"{memory['file_mb']:.0f} MB pages of the mapped index,"
    )
    add(f"{'':<34}  shared with the other workers through the page cache)")
    add(f"{'index size on disk':<34} {info['index_mb']:>19.0f} MB")
    add(f"{'dataset build (bulk inserts)':<34} {info['build_s']:>20.1f} s")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=50_000, help="documents to index")
    parser.add_argument(
        "--queries", type=int, default=200, help="queries per scenario (0: no query table)"
    )
    parser.add_argument("--edits", type=int, default=30, help="edits for edit-to-visible")
    parser.add_argument(
        "--worker-queries", type=int, default=200, help="API queries the memory probe answers"
    )
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--keep", type=Path, help="build in this directory and keep it")
    parser.add_argument(
        "--no-tantivy", action="store_true", help="leave out the comparison with tantivy"
    )
    parser.add_argument("--worker-memory", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker_memory:
        worker_memory_main()
        return

    from app import create_app

    load = os.getloadavg()
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="gilde-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    database, index = workdir / "bench.db", workdir / "search_index"
    for path in (database, index):
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
            "SEARCH_INDEX_DIR": str(index),
            "RATELIMIT_ENABLED": False,
        }
    )
    # Imported once the app exists: create_app imports the features in their order.
    from app.extensions import db
    from app.places.gazetteer import load_places
    from app.search.documents import KINDS
    from app.skills.taxonomy import load_taxonomy

    rng = random.Random(args.seed)
    try:
        print(
            f"building {args.docs} documents in {workdir} (kinds: {', '.join(KINDS)})",
            file=sys.stderr,
            flush=True,
        )
        started = time.perf_counter()
        with app.app_context():
            db.create_all()
            load_taxonomy(ROOT / "content" / "skills.yaml")
            load_places(["BE", "LU"])
            db.session.commit()
            world = World()
            counts = build_dataset(args.docs, world, rng)
            db.session.remove()
        build_s = time.perf_counter() - started
        print(f"  rows: {counts} in {build_s:.1f} s", file=sys.stderr, flush=True)

        rebuilt, rebuild_s = measure_rebuild(app)
        from app.search.engine import storage

        with app.app_context():
            with storage.open_live().searcher() as searcher:
                documents = searcher.doc_count()
            index_mb = sum(f.stat().st_size for f in storage.live_dir().iterdir()) / 1e6
        print(
            f"  rebuilt: {rebuilt} rows, {documents} documents in {rebuild_s:.1f} s",
            file=sys.stderr,
            flush=True,
        )

        tantivy, tantivy_build = None, None
        if args.queries and not args.no_tantivy:
            if tantivy_available():
                tantivy = Tantivy(workdir / "tantivy_index")
                tantivy_build = tantivy.build(app)
                print(
                    f"  tantivy: {tantivy_build[0]} documents in {tantivy_build[1]:.1f} s",
                    file=sys.stderr,
                    flush=True,
                )
            else:
                print(
                    "  tantivy is not installed (pip install -e '.[bench]'): no comparison",
                    file=sys.stderr,
                    flush=True,
                )
        # Every query is drawn once in the whole run: the worker's too are new to it.
        seen: set[str] = set()
        table = (
            measure_queries(app, world, args.queries, rng, seen, tantivy) if args.queries else {}
        )
        edit_delays = measure_edit_to_visible(app, args.edits, rng)
        each = max(1, args.worker_queries // len(SCENARIOS))
        mixed = [
            a
            for s in scenarios(random.Random(args.seed + 1), world, each, seen).values()
            for a in s
        ]
        random.Random(args.seed).shuffle(mixed)
        memory = worker_memory(database, index, mixed)
        rows = ", ".join(f"{n} {kind}" for kind, n in counts.items())
        print(
            report(
                {
                    "documents": documents,
                    "rows": rows,
                    "cpus": os.cpu_count(),
                    "load": " ".join(f"{x:.1f}" for x in load),
                    "load_after": " ".join(f"{x:.1f}" for x in os.getloadavg()),
                    "cpu_model": cpu_model(),
                    "queries": args.queries,
                    "table": table,
                    "rebuild_docs": rebuilt,
                    "rebuild_s": rebuild_s,
                    "edit_delays": edit_delays,
                    "memory": memory,
                    "index_mb": index_mb,
                    "build_s": build_s,
                    "tantivy": tantivy_available() and not args.no_tantivy,
                    "tantivy_build": tantivy_build,
                }
            )
        )
    finally:
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
