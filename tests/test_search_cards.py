"""Result cards: each kind's fields, the same on the search page and in the API."""

from __future__ import annotations

from datetime import timedelta

from app.extensions import db
from app.members.models import (
    Level,
    MemberSkill,
    Mode,
    Profile,
    ProfileLanguage,
    ProfileMode,
    Visibility,
)
from app.partners.models import Price, today
from app.places.gazetteer import resolve_place
from app.skills.taxonomy import resolve_skill
from tests.helpers import make_user, search_api
from tests.test_articles import make_article, make_member
from tests.test_partners import make_offer, make_partner


def add_bookkeeper() -> Profile:
    user = make_user(email="bea@example.org", name="Bea Boekhouder")
    profile = Profile(
        user_id=user.id,
        display_name="Bea Boekhouder",
        headline="Boekhouding voor creatieven",
        visibility=Visibility.PUBLIC,
        place=resolve_place("Aalst"),
        languages=[ProfileLanguage(lang="fr"), ProfileLanguage(lang="nl")],
        modes=[ProfileMode(mode=Mode.ONLINE)],
        mentor=True,
        mentor_capacity=2,
    )
    profile.skills.append(
        MemberSkill(skill=resolve_skill("bookkeeping"), level=Level.EXPERT, can_help=True)
    )
    db.session.add(profile)
    db.session.commit()
    return profile


def test_a_member_s_card_in_the_api_and_on_the_page(client, world):
    add_bookkeeper()
    data = search_api(client, {"Accept-Language": "en"}, q="bookkeeping", near="Gent")
    (hit,) = data["results"]
    card = hit["card"]
    assert card["name"] == "Bea Boekhouder" and card["initials"] == "BB"
    assert card["headline"] == "Boekhouding voor creatieven"
    assert card["photo_url"] is None
    assert [(s["label"], s["level"], s["can_help"]) for s in card["matched_skills"]] == [
        ("Bookkeeping", "expert", True)
    ]
    assert card["place"] == "Aalst" and 15 < card["distance_km"] < 35
    assert card["languages"] == ["fr", "nl"]
    assert card["modes"] == ["online"]
    assert card["can_help"] == ["Bookkeeping"]
    assert card["open_places"] == 2
    km = round(card["distance_km"])
    assert card["reason"] == f"Expert in Bookkeeping · can help · {km} km"
    page = client.get(
        "/search/?q=bookkeeping&near=Gent", headers={"Accept-Language": "en"}
    ).get_data(as_text=True)
    for shown in (
        ">BB<",
        "Bea Boekhouder",
        "Boekhouding voor creatieven",
        "Bookkeeping · Expert · can help",
        f"Aalst · {km} km",
        "Speaks French, Dutch",
        "Online",
        "Can help with Bookkeeping",
        "2 open mentoring places",
        card["reason"],
    ):
        assert shown in page, shown


def test_the_reason_names_the_languages_the_viewer_reads(client, world):
    add_bookkeeper()
    data = search_api(client, {"Accept-Language": "fr"}, q="bookkeeping")
    assert (
        data["results"][0]["card"]["reason"].endswith("· parle fr")
        or "fr" in (data["results"][0]["card"]["reason"])
    )


def test_the_same_member_card_on_the_directory_the_mentor_page_and_a_need(client, auth, world):
    add_bookkeeper()
    directory = client.get("/members/?skill=bookkeeping", headers={"Accept-Language": "en"})
    assert "Expert in Bookkeeping" in directory.get_data(as_text=True)
    make_member(email="seeker@example.org", name="Seeker")
    auth.login(email="seeker@example.org")
    mentors = client.get("/connections/mentors?skill=bookkeeping").get_data(as_text=True)
    assert 'class="card h-100 member-card"' in mentors
    assert "2 open mentoring places" in mentors


def test_an_offer_s_card(client, world):
    partner = make_partner(name="Guichet Liège", place="Liège")
    make_offer(
        partner,
        "Boekhouding voor beginners",
        start_date=today() + timedelta(days=3),
        price=Price.PAID,
        price_text="€ 40",
    )
    (hit,) = search_api(client, q="boekhouding", kind="offer")["results"]
    card = hit["card"]
    assert card["organisation"] == "Guichet Liège"
    assert card["kind"] == "training" and card["kind_label"] == "Training"
    assert card["starts"]["date"] == (today() + timedelta(days=3)).isoformat()
    assert card["ends"] is None
    assert card["price"] == "paid" and card["price_label"] == "€ 40"
    assert card["place"] == "Liège"
    page = client.get("/search/?q=boekhouding&kind=offer").get_data(as_text=True)
    for shown in ("Guichet Liège", "Training", card["starts"]["label"], "€ 40", "Liège"):
        assert shown in page, shown


def test_an_article_s_card(client, world):
    author = make_member(email="writer@example.org", name="Wim Writer")
    make_article(author, "Een dagtarief bepalen", body="woord " * 450)
    (hit,) = search_api(client, q="dagtarief", kind="article")["results"]
    card = hit["card"]
    assert card["author"] == "Wim Writer"
    assert card["reading_minutes"] == 3
    assert card["language"] == "nl" and card["date"]
    page = client.get("/search/?q=dagtarief").get_data(as_text=True)
    for shown in ("Wim Writer", "3 min read", "Dutch", card["date_label"]):
        assert shown in page, shown


def test_the_openapi_document_describes_the_cards_and_the_place_suggestions(client):
    document = client.get("/api/v1/openapi.json").json
    responses = document["paths"]["/search"]["get"]["responses"]
    result = responses["200"]["content"]["application/json"]["schema"]["properties"]["results"]
    card = result["items"]["properties"]["card"]["properties"]
    for name in ("reason", "matched_skills", "open_places", "organisation", "reading_minutes"):
        assert name in card
    error = responses["400"]["content"]["application/json"]["schema"]["properties"]
    assert "suggestions" in error
