"""Map benchmark (issue 19, "Speed"): the GeoJSON endpoint over a synthetic community.

    .venv/bin/python bench/map.py [--members 35000] [--partners 1000] [--queries 40]
                                  [--on-map 0.2] [--seed 19] [--keep DIR]

Builds ``--members`` member profiles (as bench/search.py makes them: real skills and the
real places of Belgium and Luxembourg; a share ``--on-map`` of them chose to appear on the
map) and ``--partners`` verified partners with five offers each, plus ten offices, in a
temporary SQLite database, and indexes them. Then it times ``GET /api/v1/map`` through
the Flask test client, anonymous and signed in, for the scenarios below, and prints the
median and p95 in milliseconds with the machine's load: the target is a median under
50 ms at 35,000 members and 1,000 partners. The endpoint reads coordinates and
visibility from the index's field caches, plus one SQL query for who chose the map and
one for the offices: never a query per marker.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key-0123456789abcdef")

TARGET_MEDIAN_MS = 50.0
PASSWORD = "bench-password-0123"  # noqa: S105 - what bench/search.py's make_users hashes


def build(args, rng: random.Random) -> dict[str, int]:
    """The rows: members, partners with offers, offices; who chose the map."""
    from sqlalchemy import update

    from app.extensions import db
    from app.guidance.models import Office
    from app.members.models import Profile
    from bench.search import World, add_offers, add_profiles, insert_rows

    world = World()
    hidden = max(1, args.members // 20)
    add_profiles(args.members, hidden, world, rng)
    offers = args.partners * 5  # add_offers makes one partner per five offers
    add_offers(offers, args.members + hidden + 1, world, rng)
    chosen = [pid for pid in range(1, args.members + 1) if rng.random() < args.on_map]
    for start in range(0, len(chosen), 5000):
        db.session.execute(
            update(Profile).where(Profile.id.in_(chosen[start : start + 5000])).values(on_map=True)
        )
    now = datetime.now(UTC)
    insert_rows(
        Office,
        [
            {
                "id": n + 1,
                "name": f"Kantoor {world.place_names[place]}",
                "address": "",
                "place_id": place,
                "languages": "nl fr",
                "description": "",
                "opening_hours": "",
                "created_at": now,
            }
            for n, place in enumerate(world.place(rng) for _ in range(10))
        ],
    )
    db.session.commit()
    return {
        "members": args.members,
        "hidden members": hidden,
        "on the map": len(chosen),
        "partners": args.partners,
        "offers": offers,
        "offices": 10,
    }


def scenarios(rng: random.Random, big_places: list[str]) -> dict[str, list[dict]]:
    """The requests a map makes: the whole map, a town, a viewport, a kind, words."""

    def town() -> str:
        return rng.choice(big_places[:20])

    return {
        "everything (500 markers)": [{}],
        "near a town, 30 km": [{"near": town(), "radius_km": "30"} for _ in range(20)],
        "a viewport (bbox around Brussels)": [{"bbox": "4.2,50.7,4.6,51.0"}],
        "mentors only": [{"kind": "mentor"}],
        "partners and offers, near a town": [
            {"kind": "partner,offer", "near": town()} for _ in range(20)
        ],
        "words: a skill": [
            {"q": word} for word in ("boekhouding", "graphisme", "photography", "vertaling")
        ],
        "in person, French": [{"mode": "in_person", "language": "fr"}],
    }


def measure(client, queries: list[dict], count: int) -> tuple[float, float, int]:
    """Median and p95 in ms over ``count`` requests cycling through ``queries``; the
    number of markers of the last answer."""
    for params in queries[:3]:  # warm-up: field caches, templates
        client.get("/api/v1/map", query_string=params)
    durations = []
    features = 0
    for number in range(count):
        params = queries[number % len(queries)]
        started = time.perf_counter()
        response = client.get("/api/v1/map", query_string=params)
        durations.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (params, response.get_data(as_text=True))
        features = len(response.json["features"])
    ordered = sorted(durations)
    return statistics.median(durations), ordered[int(0.95 * (len(ordered) - 1))], features


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--members", type=int, default=35_000)
    parser.add_argument("--partners", type=int, default=1_000)
    parser.add_argument("--queries", type=int, default=40, help="requests per scenario")
    parser.add_argument("--on-map", type=float, default=0.2, help="share of members on the map")
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--keep", type=Path, help="build in this directory and keep it")
    args = parser.parse_args()

    from app import create_app

    load = os.getloadavg()
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="gilde-bench-map-"))
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
            "WTF_CSRF_ENABLED": False,
        }
    )
    from app.extensions import db
    from app.places.gazetteer import load_places
    from app.skills.taxonomy import load_taxonomy
    from bench.search import World, measure_rebuild

    rng = random.Random(args.seed)
    try:
        print(f"building in {workdir}", file=sys.stderr, flush=True)
        started = time.perf_counter()
        with app.app_context():
            db.create_all()
            load_taxonomy(ROOT / "content" / "skills.yaml")
            load_places(["BE", "LU"])
            db.session.commit()
            counts = build(args, rng)
            big_places = World().big_places
            db.session.remove()
        print(f"  rows: {counts} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        documents, rebuild_s = measure_rebuild(app)
        print(f"  indexed {documents} rows in {rebuild_s:.1f} s", file=sys.stderr, flush=True)

        results = {}
        with app.app_context():
            anonymous = app.test_client()
            member = app.test_client()
            signed_in = member.post(
                "/login", data={"email": "lid1@example.org", "password": PASSWORD}
            )
            assert signed_in.status_code == 302, signed_in.get_data(as_text=True)[-500:]
            for name, queries in scenarios(rng, big_places).items():
                for viewer, client in (("anonymous", anonymous), ("member", member)):
                    results[(name, viewer)] = measure(client, queries, args.queries)
            db.session.remove()
            db.engine.dispose()
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)

    print(
        f"GET /api/v1/map — {counts['members']} members ({counts['on the map']} on the map), "
        f"{counts['partners']} partners, {counts['offers']} offers, {counts['offices']} offices"
    )
    print(
        f"{os.cpu_count()} CPUs, load average before the build "
        f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; {args.queries} requests per row"
    )
    print(f"{'scenario':<36} {'viewer':<10} {'median ms':>10} {'p95 ms':>8} {'markers':>8}")
    medians = []
    for (name, viewer), (median, p95, features) in results.items():
        medians.append(median)
        print(f"{name:<36} {viewer:<10} {median:>10.1f} {p95:>8.1f} {features:>8}")
    overall = statistics.median(medians)
    verdict = "ok" if overall < TARGET_MEDIAN_MS else "OVER"
    print(
        f"median of the medians: {overall:.1f} ms (target < {TARGET_MEDIAN_MS:.0f} ms): {verdict}"
    )


if __name__ == "__main__":
    main()
