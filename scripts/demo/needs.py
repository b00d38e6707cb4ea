"""Demo needs: questions of generated members, in their language, in various states."""

from __future__ import annotations

import random
from datetime import date, timedelta

from demo.members import MemberInfo
from demo.need_texts import NEEDS, NeedTemplate
from demo.places import in_place
from demo.skills import Taxonomy
from demo.vocabulary import LANG_INDEX

STATUS_COUNTS = {"open": 20, "answered": 10, "closed": 10}
SOLVED = ("yes",) * 5 + ("partly",) * 3 + ("no",) * 2
#: Open needs older than two weeks (the "unanswered" radar shows them).
OLD_OPEN = 7
WINDOW_DAYS = 60


def _ages(rng: random.Random) -> list[tuple[str, int]]:
    """(status, age in days) for every need: answered and closed ones are older."""
    result = []
    for n in range(STATUS_COUNTS["open"]):
        result.append(
            ("open", rng.randint(15, WINDOW_DAYS - 1) if n < OLD_OPEN else rng.randint(1, 14))
        )
    result += [
        ("answered", rng.randint(3, WINDOW_DAYS - 1)) for _ in range(STATUS_COUNTS["answered"])
    ]
    result += [("closed", rng.randint(15, WINDOW_DAYS)) for _ in range(STATUS_COUNTS["closed"])]
    rng.shuffle(result)
    return result


def _author(
    rng: random.Random,
    template: NeedTemplate,
    members: list[MemberInfo],
    taken: set[str],
    langs_used: set[str],
) -> MemberInfo:
    """A member who would ask this, preferably in a language the template is not used in yet."""
    pool = [m for m in members if m.email not in taken]
    for wanted in (
        lambda m: (
            (not template.sectors or m.sector in template.sectors) and m.lang not in langs_used
        ),
        lambda m: not template.sectors or m.sector in template.sectors,
        lambda m: True,
    ):
        candidates = [m for m in pool if wanted(m)]
        if candidates:
            return rng.choice(candidates)
    raise ValueError("not enough members to write the needs")


def make_needs(
    rng: random.Random,
    taxonomy: Taxonomy,
    members: list[MemberInfo],
    reference: date,
) -> list[dict]:
    """40 needs by ``members`` (not hidden ones); each template is used at most twice."""
    authors_pool = [m for m in members if m.visibility != "hidden"]
    total = sum(STATUS_COUNTS.values())
    order = list(range(len(NEEDS)))
    rng.shuffle(order)
    second = list(range(len(NEEDS)))
    rng.shuffle(second)
    picks = (order + second)[:total]
    taken: set[str] = set()
    langs_used: dict[int, set[str]] = {n: set() for n in range(len(NEEDS))}
    needs = []
    for index, (status, age) in zip(picks, _ages(rng), strict=True):
        template = NEEDS[index]
        author = _author(rng, template, authors_pool, taken, langs_used[index])
        taken.add(author.email)
        langs_used[index].add(author.lang)
        lang = author.lang
        place = author.record["place"]
        need = {
            "author_email": author.email,
            "title": template.title[LANG_INDEX[lang]],
            "body": template.body[LANG_INDEX[lang]].format(place_in=in_place(place, lang)),
            "skills": [taxonomy.name_for(rng, s, lang, 0.15) for s in template.skills],
            "place": place,
            "modes": list(template.modes),
            "status": status,
            "created": (reference - timedelta(days=age)).isoformat(),
        }
        needs.append(need)
    closed = [need for need in needs if need["status"] == "closed"]
    for need, solved in zip(closed, SOLVED, strict=True):
        need["solved"] = solved
    needs.sort(key=lambda need: (need["created"], need["author_email"]))
    return needs
