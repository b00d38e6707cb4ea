"""An unknown place, or a distance without one, is answered the same way on every page."""

from __future__ import annotations

import re

import pytest

from app.extensions import db
from app.members.models import Profile, Visibility
from app.places.gazetteer import resolve_place
from tests.helpers import make_user, post_form
from tests.test_needs import cast, make_need
from tests.test_partners import make_offer, make_partner

PAGES = ["/search/", "/members/", "/partners/", "/partners/offers"]


@pytest.fixture
def community(world):
    user = make_user(email="an@example.org", name="An Peeters")
    db.session.add(
        Profile(
            user_id=user.id,
            display_name="An Peeters",
            headline="Boekhouder",
            visibility=Visibility.PUBLIC,
            place=resolve_place("Gent"),
        )
    )
    partner = make_partner(place="Gent", name="Guichet Gent")
    make_offer(partner, "Boekhouding in Gent")
    db.session.commit()


@pytest.mark.parametrize("url", PAGES)
def test_an_unknown_place_gets_the_nearest_known_names_and_results_without_distance(
    client, community, url
):
    response = client.get(url, query_string={"near": "Gnet"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "We do not know the place “Gnet”" in page
    assert "not filtered by distance" in page
    notice = page[page.index('class="alert alert-warning place-notice"') :]
    notice = notice[: notice.index("</div>")]
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', notice)
    assert "Gent" in [name for _url, name in links]
    (gent,) = [href for href, name in links if name == "Gent"]
    assert "near=Gent" in gent and gent.startswith(url)
    # Results, not an empty page.
    assert "An Peeters" in page or "Guichet Gent" in page or "Boekhouding in Gent" in page
    # The link answers with the distance.
    followed = client.get(gent.replace("&amp;", "&")).get_data(as_text=True)
    assert "We do not know the place" not in followed


def test_the_api_answers_400_with_the_suggestions(client, community):
    response = client.get("/api/v1/search", query_string={"near": "Gnet"})
    assert response.status_code == 400
    body = response.json
    assert body["error"] == "bad_request" and body["field"] == "near"
    assert "Gent" in [s["name"] for s in body["suggestions"]]
    assert all(s["url"].startswith("/api/v1/search?") for s in body["suggestions"])


@pytest.mark.parametrize("url", ["/search/", "/partners/", "/partners/offers"])
def test_a_distance_without_a_place_says_so(client, community, url):
    radius = "radius_km" if url == "/search/" else "radius"
    response = client.get(url, query_string={radius: "25"})
    assert response.status_code == 200
    assert "A distance needs a place" in response.get_data(as_text=True)
    api = client.get("/api/v1/search", query_string={"radius_km": "25"})
    assert api.status_code == 400 and api.json["field"] == "radius_km"


def test_the_need_form_names_the_nearest_known_places(client, world):
    people = cast(client, "author")
    need = make_need(people["author"])
    page = client.get(f"/needs/{need.id}/edit").get_data(as_text=True)
    assert page
    response = post_form(
        client,
        f"/needs/{need.id}/edit",
        {"title": need.title, "body": need.body, "place": "Gnet"},
        page=f"/needs/{need.id}/edit",
    )
    shown = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "We do not know the place “Gnet”" in shown
    assert "Gent" in shown
