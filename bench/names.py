"""Resolver benchmark (issue 22): time loading the taxonomy, building the name maps, resolving.

    .venv/bin/python bench/names.py [--names 10000]

In a fresh SQLite database in a temporary directory: loads content/skills.yaml (first
load, then a reload with nothing to change) and content/sectors.yaml, builds the skill
name maps once, then resolves ``--names`` spellings (labels, folded, stemmed and
misspelled) against the built maps.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key-0123456789abcdef")


def _timed(label: str, work):
    started = time.perf_counter()
    result = work()
    print(f"{label}: {time.perf_counter() - started:.3f} s")
    return result


def main() -> None:
    """Print the timings."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--names", type=int, default=10_000)
    args = parser.parse_args()
    from sqlalchemy import select

    from app import create_app
    from app.extensions import db
    from app.names import name_index
    from app.skills.models import SkillLabel
    from app.skills.sectors import load_sectors
    from app.skills.taxonomy import load_taxonomy

    with tempfile.TemporaryDirectory() as directory:
        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{directory}/bench.db"})
        with app.app_context():
            db.create_all()
            _timed("first taxonomy load", lambda: load_taxonomy(ROOT / "content/skills.yaml"))
            _timed("reload, nothing new", lambda: load_taxonomy(ROOT / "content/skills.yaml"))
            _timed("sectors load", lambda: load_sectors(ROOT / "content/sectors.yaml"))
            index = _timed("build the skill name maps", lambda: name_index("skill"))
            labels = list(db.session.scalars(select(SkillLabel.text)))
            rng = random.Random(22)
            names = []
            for _ in range(args.names):
                text = rng.choice(labels)
                spot = rng.randrange(len(text))
                names.append(
                    rng.choice([text, text.upper(), text + "s", text[:spot] + text[spot + 1 :]])
                )
            _timed(f"resolve {len(names)} spellings", lambda: [index.resolve(n) for n in names])


if __name__ == "__main__":
    main()
