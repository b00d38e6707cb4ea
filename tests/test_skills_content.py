"""The content of content/skills.yaml: its size, its coverage and names no two skills share."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from app.skills.models import LANGUAGES
from app.skills.taxonomy import resolve_skill
from app.text import fold

TAXONOMY = Path(__file__).resolve().parent.parent / "content" / "skills.yaml"


@pytest.fixture(scope="module")
def skills() -> list[dict]:
    return yaml.safe_load(TAXONOMY.read_text(encoding="utf-8"))["skills"]


def names(skill: dict, lang: str) -> list[str]:
    return [skill["labels"][lang], *((skill.get("synonyms") or {}).get(lang) or [])]


def test_the_taxonomy_has_at_least_620_skills_with_unique_ids(skills):
    ids = [skill["id"] for skill in skills]
    assert len(ids) >= 620
    assert len(set(ids)) == len(ids)


def test_every_skill_has_synonyms_in_every_language(skills):
    missing = [
        (skill["id"], lang)
        for skill in skills
        for lang in LANGUAGES
        if not (skill.get("synonyms") or {}).get(lang)
    ]
    assert missing == []


def test_no_name_belongs_to_two_skills_in_any_language(skills):
    # A name resolves whatever the language it is typed in: one name, one skill.
    owners: dict[str, set[str]] = defaultdict(set)
    for skill in skills:
        for lang in LANGUAGES:
            for name in names(skill, lang):
                owners[fold(name)].add(skill["id"])
    shared = {name: sorted(ids) for name, ids in owners.items() if len(ids) > 1}
    assert shared == {}


def test_every_category_has_a_good_share_of_the_skills(skills):
    per_category: dict[str, int] = defaultdict(int)
    for skill in skills:
        per_category[skill["category"]] += 1
    assert len(per_category) == 10
    assert min(per_category.values()) >= 25, per_category


@pytest.mark.parametrize(
    ("trade", "slug"),
    [
        ("videograaf", "video-production"),
        ("vidéaste", "video-production"),
        ("videographer", "video-production"),
        ("boekhouder", "bookkeeping"),
        ("comptable", "bookkeeping"),
        ("bookkeeper", "bookkeeping"),
        ("luthier", "instrument-making"),
        ("pianostemmer", "piano-tuning"),
        ("étalonneur", "colour-grading"),
        ("colorist", "colour-grading"),
        ("rigger", "rigging"),
        ("pupitreur", "lighting-programming"),
        ("perchman", "location-sound"),
        ("dirigent", "conducting"),
        ("chef de chœur", "conducting"),
        ("violist", "violin"),
        ("violoniste", "violin"),
        ("drummer", "drums"),
        ("poppenspeler", "puppetry"),
        ("marionnettiste", "puppetry"),
        ("kinesist", "physiotherapy"),
        ("logopède", "speech-therapy"),
        ("relieur", "bookbinding"),
        ("kunstwerkattest", "artist-status"),
        ("zelfstandige in bijberoep", "social-security-status"),
        ("VAPZ", "pension-planning"),
        ("ondertitelaar", "subtitling"),
        ("dubbingregisseur", "dubbing-direction"),
        ("imker", "beekeeping"),
        ("genealoog", "genealogy"),
    ],
)
def test_a_trade_s_name_resolves_to_its_skill(taxonomy, trade, slug):
    skill = resolve_skill(trade)
    assert skill is not None and skill.slug == slug


@pytest.fixture
def taxonomy(world):
    """The real taxonomy (the world template is a copy of a database that loaded it)."""
