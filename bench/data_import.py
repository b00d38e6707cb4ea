"""Bulk import benchmark (issue 8): generate N members, time ``flask data import``'s work.

    .venv/bin/python bench/data_import.py [--members 10000] [--seed 8] [--index] [--keep DIR]

Builds a bulk file of ``--members`` members (names, skills from the real taxonomy named
in nl, fr or en, places of Belgium and Luxembourg by their names, levels, modes...) plus
a few needs and articles, in a temporary directory with a fresh SQLite database holding
the taxonomy and the places. Then it times, separately: checking the whole file,
importing it (one transaction, search outbox rows included), importing it a second time
(nothing to do), and with ``--index`` bringing the search index up to date. The target
of issue 8 is 10,000 members imported in under a minute on SQLite.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key-0123456789abcdef")

TARGET_SECONDS = 60.0
FIRST_NAMES = [
    "An", "Bram", "Chloé", "Dirk", "Eline", "Fatima", "Gert", "Hanne", "Ilse", "Jonas",
    "Karim", "Lotte", "Mathilde", "Nicolas", "Olivia", "Pieter", "Quentin", "Rania",
    "Sofie", "Thomas", "Ursula", "Valérie", "Wout", "Yasmine", "Zoë",
]  # fmt: skip
LAST_NAMES = [
    "Peeters", "Janssens", "Maes", "Dubois", "Lambert", "Claes", "Dupont", "Martin",
    "Willems", "Goossens", "Leroy", "Mertens", "Simon", "Wouters", "Laurent", "Hermans",
]  # fmt: skip
HEADLINES = [
    "Illustrator", "Graphiste", "Boekhouder", "Web developer", "Traductrice", "Fotograaf",
    "Formatrice", "Meubelmaker", "Consultant", "Animatrice d'ateliers",
]  # fmt: skip
SECTORS = ["arts", "design", "media", "digital", "training", "consulting", "crafts", "care"]
LEVELS = ["beginner", "experienced", "expert"]
MODES = ["online", "in_person", "individual", "collective"]
VISIBILITIES = ["public", "public", "members", "hidden"]
LANGUAGES = ["nl", "fr", "en"]


def vocabulary() -> tuple[list[str], list[tuple[str, str]]]:
    """Skill labels (any language), and places (name, country) that the world resolves."""
    from sqlalchemy import select

    from app.extensions import db
    from app.places.models import Place
    from app.skills.models import SkillLabel

    labels = list(db.session.scalars(select(SkillLabel.text).where(SkillLabel.preferred)))
    places = [
        (name, country)
        for name, country in db.session.execute(
            select(Place.name, Place.country).order_by(Place.population.desc()).limit(300)
        )
    ]
    return labels, places


def make_file(
    count: int, rng: random.Random, labels: list[str], places: list[tuple[str, str]]
) -> dict:
    """A bulk file of ``count`` members, with a need each 50 and an article each 200."""
    members, needs, articles = [], [], []
    for number in range(count):
        email = f"member{number}@bench.gilde.example"
        place, country = rng.choice(places)
        members.append(
            {
                "email": email,
                "name": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                "headline": rng.choice(HEADLINES),
                "bio": "Ik werk als zelfstandige via de coöperatie. " * rng.randint(1, 6),
                "sector": rng.choice(SECTORS),
                "place": place,
                "country": country,
                "languages": rng.sample(LANGUAGES, rng.randint(1, 3)),
                "skills": [
                    {"name": name, "level": rng.choice(LEVELS), "can_help": rng.random() < 0.5}
                    for name in rng.sample(labels, rng.randint(1, 6))
                ],
                "mentor": rng.random() < 0.2,
                "mentor_capacity": rng.randint(1, 3),
                "modes": rng.sample(MODES, rng.randint(1, 4)),
                "visibility": rng.choice(VISIBILITIES),
            }
        )
        if number % 50 == 0:
            needs.append(
                {
                    "author_email": email,
                    "title": f"Hulp gezocht nummer {number}",
                    "body": "Wie helpt me op weg?",
                    "skills": rng.sample(labels, 2),
                    "place": place,
                    "country": country,
                    "modes": ["online"],
                }
            )
        if number % 200 == 0:
            articles.append(
                {
                    "author_email": email,
                    "title": f"Wat ik leerde, deel {number}",
                    "body": "## Begin\n\nEen verhaal over mijn eerste jaar.\n" * 20,
                    "language": rng.choice(LANGUAGES),
                    "tags": ["ervaring"],
                    "published": True,
                }
            )
    return {"members": members, "articles": articles, "needs": needs}


def timed(label: str, action):
    started = time.perf_counter()
    result = action()
    elapsed = time.perf_counter() - started
    print(f"{label:<34} {elapsed:7.1f} s")
    return result, elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--index", action="store_true", help="also time the search indexing")
    parser.add_argument("--keep", type=Path, help="work in this directory and keep it")
    args = parser.parse_args()

    from app import create_app
    from app.data.importer import import_text
    from app.data.validation import check_bulk, parse_json
    from app.extensions import db
    from app.places.gazetteer import load_places
    from app.search.indexer import apply_outbox
    from app.search.rebuilding import rebuild
    from app.skills.taxonomy import load_taxonomy

    workdir = args.keep or Path(tempfile.mkdtemp(prefix="gilde-bench-import-"))
    workdir.mkdir(parents=True, exist_ok=True)
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{workdir / 'gilde.db'}",
            "SEARCH_INDEX_DIR": str(workdir / "search_index"),
        }
    )
    try:
        with app.app_context():
            db.create_all()
            print("Loading the taxonomy and the places of BE and LU...")
            load_taxonomy(ROOT / "content" / "skills.yaml")
            load_places(["BE", "LU"])
            db.session.commit()
            labels, places = vocabulary()
            data = make_file(args.members, random.Random(args.seed), labels, places)
            text = json.dumps(data, ensure_ascii=False)
            (workdir / "bulk.json").write_text(text)
            print(f"{args.members} members, {len(text) / 1e6:.1f} MB of JSON")

            timed("check the whole file", lambda: check_bulk(parse_json(text)))
            db.session.rollback()
            result, elapsed = timed("import (check included)", lambda: import_text(text))
            print(f"  {result.summary()}")
            again, _ = timed("import again (nothing new)", lambda: import_text(text))
            assert not again.created, again.created
            if args.index:
                if args.members >= 2000:
                    timed("search index: rebuild", rebuild)
                else:
                    timed("search index: apply the outbox", lambda: apply_outbox(wait=True))
            verdict = "OK" if elapsed < TARGET_SECONDS else "TOO SLOW"
            print(f"target: {args.members} members in < {TARGET_SECONDS:.0f} s: {verdict}")
            db.engine.dispose()
    finally:
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0 if elapsed < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
