"""Search: languages, skills, typos, places, visibility, odd queries, the API and commands."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.accounts.models import Role
from app.clock import utcnow
from app.extensions import db
from app.members.models import Level, MemberSkill, Profile, Visibility
from app.places.gazetteer import resolve_place
from app.search.engine import storage
from app.search.outbox import SearchOutbox
from app.skills.taxonomy import resolve_skill
from tests.helpers import found_titles, make_user, post_form, search_api


def add_profile(name, visibility=Visibility.PUBLIC, place="Gent", skills=(), **fields):
    user = make_user(email=f"{name.split()[0].lower()}@example.org", name=name)
    profile = Profile(
        user_id=user.id,
        display_name=name,
        visibility=visibility,
        place=resolve_place(place) if place else None,
        **fields,
    )
    for skill in skills:
        profile.skills.append(MemberSkill(skill=resolve_skill(skill), level=Level.EXPERT))
    db.session.add(profile)
    db.session.commit()
    return profile


@pytest.fixture
def people(world):
    """A small known community."""
    return {
        "an": add_profile(
            "An Peeters",
            skills=["bookkeeping"],
            headline="Boekhouder voor kunstenaars",
            bio="Ik help met facturen, btw en de jaarrekening.",
            mentor=True,
            mentor_capacity=2,
        ),
        "benoit": add_profile(
            "Benoît Lambert",
            place="Liège",
            skills=["Graphic design"],
            headline="Graphiste indépendant",
            bio="Je crée des identités visuelles pour les associations.",
        ),
        "chris": add_profile(
            "Chris Janssens",
            Visibility.MEMBERS,
            place="Aalst",
            skills=["bookkeeping", "pricing"],
            headline="Accountant for freelancers",
            bio="I help freelancers set their prices and keep their books.",
        ),
        "dirk": add_profile(
            "Dirk Verborgen",
            Visibility.HIDDEN,
            skills=["bookkeeping"],
            headline="Geheime boekhouder",
        ),
    }


@pytest.mark.parametrize(
    "word", ["boekhouding", "comptabilité", "comptabilite", "bookkeeping", "Accounting"]
)
def test_a_skill_in_any_language_finds_the_same_members(client, auth, people, word):
    make_user(email="viewer@example.org", name="Viewer")
    auth.login(email="viewer@example.org")
    assert found_titles(search_api(client, q=word)) == {"An Peeters", "Chris Janssens"}


def test_stemming_per_language(client, people):
    assert "Benoît Lambert" in found_titles(search_api(client, q="identité visuelle"))
    assert "An Peeters" in found_titles(search_api(client, q="factuur"))


def test_a_typo_gets_close_matches_and_a_suggestion(client, people):
    data = search_api(client, q="boekhouder kunstenars")
    assert "An Peeters" in found_titles(data)
    assert data["suggestion"] == "boekhouder kunstenaars"


def test_a_suggestion_is_a_word_the_viewer_could_find(client, auth, people):
    # "freelancers" is only in Chris's profile, which is for members.
    assert search_api(client, q="freelancerz")["suggestion"] is None
    make_user(email="viewer@example.org", name="Viewer")
    auth.login(email="viewer@example.org")
    assert search_api(client, q="freelancerz")["suggestion"] == "freelancers"


def test_a_suggestion_is_the_word_most_documents_the_viewer_sees_hold(client, auth, world):
    # "kaart" is the commoner word in the index, but mostly in members-only profiles.
    add_profile("Eva Kaars", bio="Ik giet elke kaars met de hand.")
    add_profile("Fien Kaars", bio="Een kaars van bijenwas.")
    add_profile("Gert Kaart", bio="Ik teken een kaart van de buurt.")
    for name in ("Hilde Kaart", "Ilse Kaart"):
        add_profile(name, Visibility.MEMBERS, bio="Kaart na kaart na kaart.")
    assert search_api(client, q="kaarz")["suggestion"] == "kaars"
    make_user(email="viewer@example.org", name="Viewer")
    auth.login(email="viewer@example.org")
    assert search_api(client, q="kaarz")["suggestion"] == "kaart"


def test_no_suggestion_replaces_a_word_the_viewer_s_documents_hold(client, world):
    # "Demo" is only in a name; "demi", one edit away, is in more texts.
    add_profile("Demo Lid", bio="Boekhouder.")
    for name in ("Eva Peeters", "Fien Claes"):
        add_profile(name, bio="Een demi-saison jas aan demi tarief.")
    data = search_api(client, q="Demo Lid")
    assert found_titles(data) == {"Demo Lid"} and data["suggestion"] is None
    # The index keeps words with their accents folded.
    add_profile("Gina Dubois", bio="Comptabilité des indépendants.")
    assert search_api(client, q="comptabilité Gina")["suggestion"] is None
    # A suggestion is written with its accents, as the documents write it.
    assert search_api(client, q="comptabilitéz Gina")["suggestion"] == "comptabilité Gina"


def test_anonymous_visitors_find_public_profiles_only(client, people):
    data = search_api(client, q="boekhouding")
    assert found_titles(data) == {"An Peeters"}
    assert data["facets"]["kind"] == {"member": 1}


def test_hidden_profiles_are_never_found(client, auth, people):
    make_user(email="viewer@example.org", name="Viewer")
    auth.login(email="viewer@example.org")
    for q in ("Dirk", "Verborgen", "geheime boekhouder"):
        assert "Dirk Verborgen" not in found_titles(search_api(client, q=q))
    suggestions = client.get("/search/suggest?q=Dirk").json
    assert all("Dirk" not in item["label"] for item in suggestions)
    facet_total = sum(search_api(client, q="boekhouding")["facets"]["kind"].values())
    assert facet_total == 2


def test_hiding_a_profile_removes_it_at_once(client, people):
    profile = people["an"]
    profile.visibility = Visibility.HIDDEN
    db.session.commit()
    assert "An Peeters" not in found_titles(search_api(client, q="boekhouding"))


def test_every_hit_is_checked_against_the_database(app, client, people):
    """A document the index still holds is not shown once the database says otherwise."""
    profile = people["an"]
    app.config["SEARCH_INDEX_ON_COMMIT"] = False
    profile.visibility = Visibility.MEMBERS
    db.session.commit()
    assert "An Peeters" not in found_titles(search_api(client, q="boekhouding"))


def test_near_a_place_in_any_spelling(client, auth, people):
    make_user(email="viewer@example.org", name="Viewer")
    auth.login(email="viewer@example.org")
    for spelling in ("Gent", "Gand", "Ghent"):
        data = search_api(client, q="boekhouding", near=spelling, radius_km=10)
        assert found_titles(data) == {"An Peeters"}
        assert data["results"][0]["distance_km"] == 0.0
    wider = search_api(client, q="boekhouding", near="Gand", radius_km=40, sort="distance")
    assert [hit["title"] for hit in wider["results"]] == ["An Peeters", "Chris Janssens"]
    assert 15 < wider["results"][1]["distance_km"] < 35


def test_sort_by_date_puts_the_latest_change_first(client, auth, people):
    make_user(email="viewer@example.org", name="Viewer")
    auth.login(email="viewer@example.org")
    add_profile("Els Wouters", skills=["bookkeeping"], headline="Boekhouding en btw")
    by_relevance = [hit["title"] for hit in search_api(client, q="boekhouding")["results"]]
    assert len(by_relevance) == 3
    profiles = {profile.display_name: profile for profile in db.session.scalars(select(Profile))}
    for days, title in enumerate(by_relevance):  # the most relevant changed longest ago
        profiles[title].updated_at = utcnow() - timedelta(days=10 - days)
    db.session.commit()
    assert [hit["title"] for hit in search_api(client, q="boekhouding")["results"]] == by_relevance
    by_date = search_api(client, q="boekhouding", sort="date")["results"]
    assert [hit["title"] for hit in by_date] == by_relevance[::-1]


def test_filters_and_facets(client, auth, people):
    make_user(email="viewer@example.org", name="Viewer")
    auth.login(email="viewer@example.org")
    assert found_titles(search_api(client, q="", mentor="true")) == {"An Peeters"}
    assert found_titles(search_api(client, skill="comptabilité", region="BE-VLG")) == {
        "An Peeters",
        "Chris Janssens",
    }
    data = search_api(client, q="")
    skills = data["facets"]["skills"]
    assert skills[str(resolve_skill("bookkeeping").id)] == 2
    assert data["facets"]["mentor"] == {"true": 1}


def test_a_quoted_phrase_finds_its_words_as_written_and_in_that_order(client, people):
    assert found_titles(search_api(client, q='"facturen, btw"')) == {"An Peeters"}
    assert found_titles(search_api(client, q='"boekhouder voor"')) == {"An Peeters"}
    assert found_titles(search_api(client, q='"btw facturen"')) == set()
    # Not their stems either: "identités visuelles" is in the text, "identité visuelle" is not.
    assert found_titles(search_api(client, q='"identité visuelle"')) == set()
    assert found_titles(search_api(client, q='"identités visuelles" OR "btw facturen"')) == {
        "Benoît Lambert"
    }


@pytest.mark.parametrize(
    "q",
    [
        '"unbalanced',
        "((",
        "a)b(",
        "AND OR",
        "NOT",
        "*",
        "?",
        "boek*",
        "title:x",
        "x" * 2000,
        "\x00\x07\x1b",
        "<script>alert(1)</script>",
        "%",
        "\\",
        "ñ̃",
        "🙂",
        "OR OR OR",
    ],
)
def test_odd_queries_are_answered(client, people, q):
    assert client.get("/search/", query_string={"q": q}).status_code == 200
    assert client.get("/api/v1/search", query_string={"q": q}).status_code == 200


@pytest.mark.parametrize(
    "params",
    [
        {"page": "0"},
        {"page": "x"},
        {"per_page": "500"},
        {"radius_km": "-1"},
        {"radius_km": "nan"},
        {"kind": "spaceship"},
        {"sort": "random"},
        {"skill": "zzzzqq"},
    ],
)
def test_bad_parameters_get_a_400(client, people, params):
    response = client.get("/api/v1/search", query_string=params)
    assert response.status_code == 400
    assert response.json["error"] == "bad_request"
    assert client.get("/search/", query_string=params).status_code == 400


def test_search_page_shows_results_highlights_and_facets(client, people):
    page = client.get("/search/?q=facturen").get_data(as_text=True)
    assert "An Peeters" in page
    assert ">facturen</mark>" in page
    assert "Skill" in page


def test_search_page_escapes_member_text(client, world):
    add_profile(
        "Eve Evil", headline="<script>alert(1)</script>", bio="<img src=x onerror=alert(1)>"
    )
    page = client.get("/search/?q=Eve").get_data(as_text=True)
    assert "<script>alert(1)" not in page
    assert "<img src=x" not in page


def test_pagination(client, world):
    for i in range(25):
        add_profile(f"Member{i:02d} Test", headline="fotograaf")
    first = search_api(client, q="fotograaf", per_page=10)
    third = search_api(client, q="fotograaf", per_page=10, page=3)
    assert first["total"] == 25 and len(first["results"]) == 10 and len(third["results"]) == 5


def test_profile_edit_is_visible_at_once(client, auth, people):
    auth.login(email="an@example.org")
    from tests.test_members import profile_data

    response = post_form(
        client, "/members/me/edit", profile_data(headline="Specialist in zonnepanelen")
    )
    assert response.status_code == 302
    assert "An Peeters" in found_titles(search_api(client, q="zonnepanelen"))


def test_outbox_rows_commit_and_roll_back_with_the_change(people):
    before = db.session.scalar(select(func.count(SearchOutbox.id)))
    profile = people["benoit"]
    profile.headline = "Illustrateur"
    db.session.rollback()
    assert db.session.scalar(select(func.count(SearchOutbox.id))) == before
    profile = db.session.get(Profile, people["benoit"].id)
    profile.headline = "Illustrateur"
    db.session.commit()
    keys = db.session.scalars(select(SearchOutbox.key).order_by(SearchOutbox.id.desc())).first()
    assert keys == f"member:{profile.id}"


def test_commands_rebuild_verify_sync_stats(app, runner, people):
    assert runner.invoke(args=["search", "verify"]).exit_code == 0
    # Make the index lie: drop a document behind the outbox's back.
    index = storage.open_live()
    with index.writer() as writer:
        writer.delete_by_term("key", f"member:{people['an'].id}")
    result = runner.invoke(args=["search", "verify"])
    assert result.exit_code == 1
    assert f"missing from the index: member:{people['an'].id}" in result.output
    old = storage.live_dir()
    rebuilt = runner.invoke(args=["search", "rebuild"])
    assert rebuilt.exit_code == 0, rebuilt.output
    assert storage.live_dir() != old
    assert runner.invoke(args=["search", "verify"]).exit_code == 0
    assert runner.invoke(args=["search", "sync"]).exit_code == 0
    stats = runner.invoke(args=["search", "stats"])
    assert "member: 3" in stats.output


def test_suggest_for_the_search_box(client, people):
    items = client.get("/search/suggest?q=boek").json
    assert any(item["kind"] == "skill" for item in items)
    assert client.get("/search/suggest?q=b").json == []
    names = client.get("/search/suggest?q=An Pe").json
    assert {"label": "An Peeters", "kind": "member"} in names


def test_suggestions_for_the_search_box_are_what_the_viewer_may_find(client, auth, people):
    # Chris's profile is for members; Dirk's is hidden from everyone.
    def labels(q):
        return {item["label"] for item in client.get("/search/suggest", query_string={"q": q}).json}

    assert "Chris Janssens" not in labels("Chris Ja")
    assert "An Peeters" in labels("An Pe")
    make_user(email="viewer@example.org", name="Viewer")
    auth.login(email="viewer@example.org")
    assert "Chris Janssens" in labels("Chris Ja")
    assert "Dirk Verborgen" not in labels("Dirk Ve")


def test_openapi_document(client):
    document = client.get("/api/v1/openapi.json").json
    assert document["openapi"].startswith("3.1")
    assert "/search" in document["paths"]


def test_staff_see_what_members_see(client, auth, people):
    make_user(email="staff@example.org", name="Sam", role=Role.STAFF)
    auth.login(email="staff@example.org")
    assert "Dirk Verborgen" not in found_titles(search_api(client, q="boekhouding"))
