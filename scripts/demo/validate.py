"""Checks the generated demo community against the taxonomy, the gazetteer and the brief."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from demo.places import Gazetteer
from demo.skills import Taxonomy
from demo.text import word_count

# The ids of content/sectors.yaml (scripts/make_demo.py runs from the project's root).
SECTORS = set(re.findall(r"^  - id: (\S+)$", Path("content/sectors.yaml").read_text("utf-8"), re.M))
LEVELS = {"beginner", "experienced", "expert"}
MODES = {"online", "in_person", "individual", "collective"}
VISIBILITIES = {"public", "members", "hidden"}
SPOKEN = {"nl", "fr", "en", "de", "es", "it", "pt", "pl", "ro", "tr", "ar"}
KINDS = {"training", "coworking", "advice", "funding", "network", "other"}
STATUSES = {"open", "answered", "closed"}
SOLVED = {"yes", "partly", "no"}
MAX_BYTES = 2_000_000


class Checker:
    """Collects problems (with a JSON path) and counts the checks made."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.checks = 0

    def check(self, ok: bool, path: str, message: str) -> bool:
        self.checks += 1
        if not ok:
            self.problems.append(f"{path}: {message}")
        return ok


def validate(
    data: dict,
    size: int,
    taxonomy: Taxonomy,
    gazetteer: Gazetteer,
    reference: date,
    demo_email: str,
    domain: str,
) -> Checker:
    c = Checker()
    c.check(size < MAX_BYTES, "$", f"{size} bytes, over {MAX_BYTES}")
    c.check(not re.search(r"lorem|ipsum", str(data), re.I), "$", "placeholder text")
    members, partners = data.get("members", []), data.get("partners", [])
    needs, articles = data.get("needs", []), data.get("articles", [])

    def skill(path: str, name: str) -> None:
        c.check(taxonomy.resolve(name) is not None, path, f"skill {name!r} not in skills.yaml")

    def place(path: str, record: dict) -> None:
        name = record.get("place", "")
        c.check(gazetteer.is_known(name), path, f"{name!r} is no BE place name in GeoNames")
        c.check(record.get("country") in (None, "BE"), path, "country is not BE")

    # members
    c.check(280 <= len(members) <= 320, "$.members", f"{len(members)} members, not ~300")
    emails = [m["email"] for m in members]
    c.check(len(set(emails)) == len(emails), "$.members", "duplicate e-mails")
    c.check(bool(members) and members[0]["email"] == demo_email, "$.members[0]", "not demo")
    pattern = re.compile(r"[a-z0-9-]+\.[a-z0-9-]+\.\d+@" + re.escape(domain))
    langs = Counter()
    for i, m in enumerate(members):
        path = f"$.members[{i}]"
        c.check(
            m["email"] == demo_email or bool(pattern.fullmatch(m["email"])),
            path,
            f"e-mail {m['email']!r} is not firstname.lastname.N@{domain}",
        )
        c.check(m["email"].isascii() and m["email"] == m["email"].lower(), path, "e-mail case")
        c.check(m["sector"] in SECTORS, path, f"sector {m['sector']!r}")
        c.check(0 < len(m["headline"]) <= 160, path, "headline length")
        sentences = len(re.findall(r"[.!?](\s|$)", m["bio"]))
        c.check(2 <= sentences <= 4, path, f"bio has {sentences} sentences")
        place(path, m)
        c.check(set(m["languages"]) <= SPOKEN and bool(m["languages"]), path, "languages")
        langs[m["languages"][0]] += 1
        c.check(set(m["modes"]) <= MODES and bool(m["modes"]), path, "modes")
        c.check(m["visibility"] in VISIBILITIES, path, "visibility")
        c.check(2 <= len(m["skills"]) <= 6, path, f"{len(m['skills'])} skills")
        ids = [taxonomy.resolve(s["name"]) for s in m["skills"]]
        c.check(len(set(ids)) == len(ids), path, "the same skill twice")
        for j, s in enumerate(m["skills"]):
            skill(f"{path}.skills[{j}]", s["name"])
            c.check(s["level"] in LEVELS, f"{path}.skills[{j}]", "level")
            c.check(isinstance(s["can_help"], bool), f"{path}.skills[{j}]", "can_help")
        capacity = m.get("mentor_capacity", 0)
        c.check((1 <= capacity <= 3) if m["mentor"] else capacity == 0, path, "mentor capacity")
    mentors = sum(m["mentor"] for m in members)
    c.check(0.10 <= mentors / max(len(members), 1) <= 0.20, "$.members", f"{mentors} mentors")
    c.check(abs(langs["fr"] - len(members) / 3) <= 10, "$.members", f"{langs['fr']} French")
    c.check(0 < langs["en"] < langs["fr"] < langs["nl"], "$.members", f"languages {langs}")
    demo = members[0] if members else {}
    demo_skills = {taxonomy.resolve(s["name"]) for s in demo.get("skills", [])}
    c.check({"bookkeeping", "pricing"} <= demo_skills, "$.members[0]", "demo skills")
    c.check(
        demo.get("mentor")
        and demo.get("mentor_capacity") == 2
        and demo.get("visibility") == "public",
        "$.members[0]",
        "demo profile",
    )

    # partners and offers
    c.check(len(partners) == 30, "$.partners", f"{len(partners)} partners")
    offers = [(i, j, o) for i, p in enumerate(partners) for j, o in enumerate(p["offers"])]
    c.check(len(offers) == 80, "$.partners", f"{len(offers)} offers")
    for i, p in enumerate(partners):
        path = f"$.partners[{i}]"
        place(path, p)
        slug = re.fullmatch(r"https://([a-z0-9-]+)\.example", p["website"])
        c.check(bool(slug) and p["email"] == f"contact@{slug.group(1)}.example", path, "site")
    ended = 0
    for i, j, o in offers:
        path = f"$.partners[{i}].offers[{j}]"
        c.check(o["kind"] in KINDS, path, "kind")
        c.check(
            set(o["modes"]) <= MODES and set(o["languages"]) <= {"nl", "fr", "en"},
            path,
            "modes or languages",
        )
        c.check(o["price"] == "free" or 0 < len(o["price"]) <= 200, path, "price")
        for k, name in enumerate(o["skills"]):
            skill(f"{path}.skills[{k}]", name)
        if "start" in o or "end" in o:
            start, end = date.fromisoformat(o["start"]), date.fromisoformat(o["end"])
            c.check(start <= end, path, "start after end")
            ended += end < reference
    c.check(ended == 5, "$.partners", f"{ended} offers ended before {reference}")

    # needs
    c.check(len(needs) == 40, "$.needs", f"{len(needs)} needs")
    generated = set(emails) - {demo_email}
    old_open = 0
    for i, n in enumerate(needs):
        path = f"$.needs[{i}]"
        c.check(n["author_email"] in generated, path, "author is not a generated member")
        place(path, n)
        c.check(set(n["modes"]) <= MODES, path, "modes")
        c.check(n["status"] in STATUSES, path, "status")
        c.check((n.get("solved") in SOLVED) == (n["status"] == "closed"), path, "solved")
        created = date.fromisoformat(n["created"])
        c.check(reference - timedelta(days=60) <= created < reference, path, "created")
        old_open += n["status"] == "open" and created < reference - timedelta(days=14)
        for k, name in enumerate(n["skills"]):
            skill(f"{path}.skills[{k}]", name)
    c.check(old_open > 0, "$.needs", "no open need older than 14 days")
    c.check(len(set(Counter(n["status"] for n in needs))) == 3, "$.needs", "statuses")

    # articles
    c.check(10 <= len(articles) <= 15, "$.articles", f"{len(articles)} articles")
    for i, a in enumerate(articles):
        path = f"$.articles[{i}]"
        c.check(a["author_email"] in set(emails), path, "unknown author")
        c.check(a["language"] in {"nl", "fr", "en"} and a["published"] is True, path, "state")
        words = word_count(a["body"])
        c.check(150 <= words <= 400, path, f"{words} words")
        c.check(bool(re.search(r"^#{1,3} ", a["body"], re.M)), path, "no heading")
        c.check(bool(re.search(r"^(- |\d+\. )", a["body"], re.M)), path, "no list")
        c.check(0 < len(a["tags"]) <= 10 and all(len(t) <= 40 for t in a["tags"]), path, "tags")
    return c
