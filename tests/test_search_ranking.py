"""Ranking: each weight of app/search/ranking.py changes an order on a small known community.

Each test makes two documents alike but for one factor, the one without it first (equal
ranks keep that order). With the factor's weight as it is, the other comes first; with
that weight at 0, the order goes back.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.clock import utcnow
from app.extensions import db
from app.members.models import Level, MemberSkill, Mode, Profile, ProfileLanguage, ProfileMode
from app.partners.models import today
from app.places.gazetteer import resolve_place
from app.search import ranking
from app.skills.taxonomy import resolve_skill
from tests.helpers import make_user, search_api
from tests.test_partners import make_offer, make_partner


def member(name, level=Level.EXPERT, *, can_help=False, languages=("nl",), place="Gent", **fields):
    """A public profile that holds bookkeeping (at ``level``; None: no skill)."""
    from app.members.models import Visibility

    user = make_user(email=f"{name.lower().replace(' ', '.')}@example.org", name=name)
    profile = Profile(
        user_id=user.id,
        display_name=name,
        headline=fields.pop("headline", "Zelfstandige"),
        visibility=Visibility.PUBLIC,
        place=resolve_place(place) if place else None,
        languages=[ProfileLanguage(lang=code) for code in languages],
        modes=[ProfileMode(mode=Mode.ONLINE)],
        **fields,
    )
    if level is not None:
        skill = resolve_skill("bookkeeping")
        profile.skills.append(MemberSkill(skill=skill, level=level, can_help=can_help))
    db.session.add(profile)
    db.session.commit()
    return profile


def order(client, **params) -> list[str]:
    return [hit["title"] for hit in search_api(client, **params)["results"]]


def scores(client, **params) -> dict[str, float]:
    return {hit["title"]: hit["score"] for hit in search_api(client, **params)["results"]}


def check(client, monkeypatch, weight: str, first: str, second: str, **params) -> None:
    """``first`` comes before ``second`` with the weight; without it, not (equal ranks
    are ordered by docnum, which segment merges shuffle: their scores are compared)."""
    assert order(client, **params).index(first) < order(client, **params).index(second)
    found = scores(client, **params)
    assert found[first] > found[second]
    monkeypatch.setitem(ranking.WEIGHTS, weight, 0.0)
    found = scores(client, **params)
    assert found[first] <= found[second]


@pytest.mark.parametrize(
    ("weight", "without", "with_"),
    [
        ("expert", Level.EXPERIENCED, Level.EXPERT),
        ("experienced", Level.BEGINNER, Level.EXPERIENCED),
    ],
)
def test_the_level_of_the_matched_skill(client, world, monkeypatch, weight, without, with_):
    member("Bert Lager", without)
    member("Anna Hoger", with_)
    check(client, monkeypatch, weight, "Anna Hoger", "Bert Lager", q="bookkeeping")
    # The skill asked for as a filter counts as the matched one too.
    monkeypatch.undo()
    assert order(client, skill="boekhouding")[:2] == ["Anna Hoger", "Bert Lager"]


def test_a_beginner_in_the_skill_above_someone_who_only_names_it(client, world, monkeypatch):
    member("Bert Noemer", None, headline="Bookkeeping")
    member("Anna Beginner", Level.BEGINNER)
    # Bystanders, for the words' statistics.
    member("Carl Ander", headline="Zelfstandige mentor")
    member("Dora Ander", headline="Zelfstandige mentor")
    check(client, monkeypatch, "beginner", "Anna Beginner", "Bert Noemer", q="bookkeeping")


def test_an_expert_bookkeeper_above_beginners_who_write_about_it(client, world):
    """The issue's case: beginners whose text names the skill over and over."""
    member("Eva Events", Level.BEGINNER, headline="Events en boekhouding, boekhouding")
    member("Carl Catering", Level.BEGINNER, headline="Catering, boekhouding voor catering")
    member("Bea Boekhouder", Level.EXPERT, headline="Zelfstandige")
    assert order(client, q="boekhouding")[0] == "Bea Boekhouder"


def test_can_help(client, world, monkeypatch):
    member("Bert Zelf", can_help=False)
    member("Anna Helpt", can_help=True)
    check(client, monkeypatch, "can_help", "Anna Helpt", "Bert Zelf", q="bookkeeping")


def test_open_mentoring_places_when_mentoring_is_asked(client, world, monkeypatch):
    member("Bert Geen", headline="Zelfstandige mentor")
    member("Anna Peters", headline="Zelfstandige mentor", mentor=True, mentor_capacity=2)
    # Not asked: being a mentor does not count.
    found = scores(client, q="bookkeeping")
    assert found["Anna Peters"] == found["Bert Geen"]
    check(client, monkeypatch, "mentoring", "Anna Peters", "Bert Geen", q="bookkeeping mentor")


def test_a_language_the_viewer_reads(client, world, monkeypatch):
    member("Bert English", languages=("en",))
    member("Anna Nederlands", languages=("nl",))
    headers = {"Accept-Language": "nl"}
    params = {"q": "bookkeeping"}
    assert [h["title"] for h in search_api(client, headers, **params)["results"]][:2] == [
        "Anna Nederlands",
        "Bert English",
    ]
    # A viewer whose interface is in English.
    en = [h["title"] for h in search_api(client, {"Accept-Language": "en"}, **params)["results"]]
    assert en[:2] == ["Bert English", "Anna Nederlands"]
    monkeypatch.setitem(ranking.WEIGHTS, "language", 0.0)
    nl = [h["title"] for h in search_api(client, headers, **params)["results"]]
    assert nl[:2] == ["Bert English", "Anna Nederlands"]


def test_distance_when_a_place_is_given(client, world, monkeypatch):
    member("Bert Verweg", place="Arlon")
    member("Anna Dichtbij", place="Gent")
    assert order(client, q="bookkeeping")[:2] == ["Bert Verweg", "Anna Dichtbij"]
    check(
        client,
        monkeypatch,
        "distance",
        "Anna Dichtbij",
        "Bert Verweg",
        q="bookkeeping",
        near="Gent",
    )


def test_profile_completeness(client, world, monkeypatch):
    member("Bert Kaal")
    member("Anna Volledig", bio="Twintig jaar ervaring.", website="https://anna.example.org")
    check(client, monkeypatch, "completeness", "Anna Volledig", "Bert Kaal", q="bookkeeping")


def test_recent_activity(client, world, monkeypatch):
    member("Bert Vroeger", updated_at=utcnow() - timedelta(days=700))
    member("Anna Nu")
    check(client, monkeypatch, "recent", "Anna Nu", "Bert Vroeger", q="bookkeeping")


def test_upcoming_offers_first(client, world, monkeypatch):
    partner = make_partner()
    make_offer(partner, "Boekhouding later", start_date=today() + timedelta(days=300))
    make_offer(partner, "Boekhouding binnenkort", start_date=today() + timedelta(days=5))
    check(
        client,
        monkeypatch,
        "upcoming",
        "Boekhouding binnenkort",
        "Boekhouding later",
        q="boekhouding",
    )


def test_nearby_offers_first_when_a_place_is_given(client, world, monkeypatch):
    partner = make_partner()
    make_offer(partner, "Boekhouding in Arlon", place="Arlon")
    make_offer(partner, "Boekhouding in Namen", place="Namur")
    params = {"q": "boekhouding", "near": "Namur"}
    check(client, monkeypatch, "distance", "Boekhouding in Namen", "Boekhouding in Arlon", **params)


def test_nearest_and_newest_are_offered(client, world):
    old = member("Bert Oud", place="Gent")
    member("Anna Ver", place="Arlon")
    old.updated_at = utcnow() - timedelta(days=30)
    db.session.commit()
    assert order(client, q="bookkeeping", sort="newest") == ["Anna Ver", "Bert Oud"]
    assert order(client, q="bookkeeping", near="Gent", sort="nearest") == ["Bert Oud", "Anna Ver"]
    page = client.get("/search/?q=bookkeeping&near=Gent").get_data(as_text=True)
    assert "Nearest" in page and "Newest" in page and "Relevance" in page


def test_the_readme_lists_every_weight():
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    for name, weight in ranking.WEIGHTS.items():
        assert f"| `{name}` | {weight:g} |" in readme, name
