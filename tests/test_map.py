"""The map of the local offer (issue 19): its GeoJSON endpoint, page, opt-in and CSP."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.accounts.models import Role, utcnow
from app.extensions import db
from app.guidance.models import AdviserKind
from app.members.models import Mode as ProfileMode
from app.members.models import Profile, Visibility
from app.members.models import ProfileMode as ProfileModeRow
from app.places.gazetteer import resolve_place
from app.security import content_security_policy, tile_source
from app.sessions.models import GuidanceSession
from tests.guidance_scene import make_adviser, make_office
from tests.helpers import make_user, post_form
from tests.test_members import make_profile, profile_data
from tests.test_partners import make_offer, make_partner

EVERYONE = {
    "Guichet Liège",  # a verified partner
    "Comptabilité pour indépendants",  # its offer
    "Atelier prijszetting",  # a public session
    "Kantoor Gent",  # an office
    "Mentor Publiek",  # a public mentor on the map
}
MEMBERS_ONLY = {
    "Ledenavond",  # a members-only session
    "Mentor Leden",  # a members-only mentor on the map
    "Piet Peer",  # a peer adviser on the map
}


def geojson(client, **params) -> dict:
    response = client.get("/api/v1/map", query_string=params)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "application/geo+json"
    return response.json


def titles(data: dict) -> list[str]:
    return [feature["properties"]["title"] for feature in data["features"]]


def make_mentor(email, name, place, *, on_map=True, visibility=Visibility.PUBLIC, modes=None):
    """A member who mentors (with open places) and meets people in person."""
    user = make_user(email=email, name=name)
    profile = make_profile(
        user,
        visibility=visibility,
        place=place,
        mentor=True,
        mentor_capacity=2,
        on_map=on_map,
        skills=("boekhouding",),
    )
    profile.modes = [ProfileModeRow(mode=mode) for mode in (modes or (ProfileMode.IN_PERSON,))]
    db.session.commit()
    return profile


def make_agenda_session(organiser, title, place, public=True, **fields):
    start = utcnow() + timedelta(days=3)
    session = GuidanceSession(
        title=title,
        description="Samen rekenen.",
        language="nl",
        languages="nl",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        capacity=10,
        online=False,
        in_person=True,
        place=resolve_place(place),
        organiser_id=organiser.id,
        public=public,
        **fields,
    )
    db.session.add(session)
    db.session.commit()
    return session


@pytest.fixture
def scene(world):
    """One thing of each kind, visible to everyone or to members only, and what never shows."""
    partner = make_partner(address="Rue Léopold 12")
    make_offer(partner, "Comptabilité pour indépendants", languages=("fr",), modes=())
    hidden_partner = make_partner(
        email="nope@example.org", name="Guichet Verborgen", verified=False
    )
    make_offer(hidden_partner, "Onzichtbaar aanbod")
    organiser = make_user(email="org@example.org", name="Organiser")
    make_agenda_session(organiser, "Atelier prijszetting", "Gent")
    make_agenda_session(organiser, "Ledenavond", "Antwerpen", public=False)
    office = make_office(name="Kantoor Gent", place="Gent")
    make_mentor("pub@example.org", "Mentor Publiek", "Brugge")
    make_mentor("mem@example.org", "Mentor Leden", "Leuven", visibility=Visibility.MEMBERS)
    make_mentor("off@example.org", "Mentor Niet Op Kaart", "Mechelen", on_map=False)
    make_mentor("hid@example.org", "Mentor Verborgen", "Mechelen", visibility=Visibility.HIDDEN)
    make_mentor(
        "web@example.org", "Mentor Online", "Hasselt", modes=(ProfileMode.ONLINE,)
    )  # meets nobody in person: not on a map
    namur = make_office(name="Kantoor Namen", place="Namur")
    peer = make_adviser(
        email="peer@example.org",
        name="Piet Peer",
        offices=(namur,),
        kind=AdviserKind.PEER,
        topics=(),
    )
    make_profile(peer.user, visibility=Visibility.MEMBERS, place="Namur", on_map=True)
    # A staff adviser is found at their office, not as a marker of their own.
    make_adviser(offices=(office,), topics=())
    make_user(email="member@example.org", name="Member")
    make_user(email="staff@example.org", name="Staff", role=Role.STAFF)
    return {"partner": partner, "office": office, "peer": peer}


@pytest.mark.parametrize(
    ("viewer", "expected"),
    [
        (None, EVERYONE),
        ("member@example.org", EVERYONE | MEMBERS_ONLY),
        ("staff@example.org", EVERYONE | MEMBERS_ONLY),
    ],
)
def test_each_kind_shows_to_whom_its_page_does(client, auth, scene, viewer, expected):
    if viewer:
        auth.login(email=viewer)
    data = geojson(client)
    shown = set(titles(data)) - {"Kantoor Namen"}
    assert shown == expected
    assert data["total"] == len(data["features"]) and data["truncated"] is False
    kinds = {f["properties"]["title"]: f["properties"]["kind"] for f in data["features"]}
    assert kinds["Guichet Liège"] == "partner"
    assert kinds["Comptabilité pour indépendants"] == "offer"
    assert kinds["Atelier prijszetting"] == "session"
    assert kinds["Kantoor Gent"] == "office"
    assert kinds["Mentor Publiek"] == "mentor"
    if viewer:
        assert kinds["Piet Peer"] == "mentor"


def test_every_marker_links_to_its_page_and_the_page_opens(client, auth, scene):
    auth.login(email="member@example.org")
    for feature in geojson(client)["features"]:
        url = feature["properties"]["url"]
        assert client.get(url).status_code == 200, url


def test_members_appear_only_once_they_choose_to(client, auth, scene):
    """Off by default; the profile form's setting puts them on the map, and takes them off."""
    user = make_user(email="new@example.org", name="Nieuwe Mentor")
    auth.login(email="new@example.org")
    changes = {"mentor": "y", "mentor_capacity": "2", "modes": ["in_person"], "place": "Gent"}
    response = post_form(
        client, "/members/me/edit", profile_data(display_name="Nieuwe Mentor", **changes)
    )
    assert response.status_code == 302
    profile = db.session.scalar(select(Profile).where(Profile.user_id == user.id))
    assert profile.on_map is False
    assert "Nieuwe Mentor" not in titles(geojson(client))

    response = post_form(
        client,
        "/members/me/edit",
        profile_data(display_name="Nieuwe Mentor", on_map="y", **changes),
    )
    assert response.status_code == 302
    db.session.refresh(profile)
    assert profile.on_map is True
    assert "Nieuwe Mentor" in titles(geojson(client))
    auth.logout()
    assert "Nieuwe Mentor" in titles(geojson(client))  # a public profile

    auth.login(email="new@example.org")
    post_form(client, "/members/me/edit", profile_data(display_name="Nieuwe Mentor", **changes))
    assert "Nieuwe Mentor" not in titles(geojson(client))


def test_the_setting_is_in_the_form_and_the_members_export(client, auth, scene):
    auth.login(email="pub@example.org")
    page = client.get("/members/me/edit").get_data(as_text=True)
    (checkbox,) = re.findall(r'<input[^>]*name="on_map"[^>]*>', page)
    assert "checked" in checkbox
    export = client.get("/settings/export").json
    assert export["profile"]["on_map"] is True


def test_markers_sit_at_their_towns_coordinates_never_an_address(client, auth, scene):
    auth.login(email="member@example.org")
    data = geojson(client)
    towns = {
        "Guichet Liège": "Liège",
        "Comptabilité pour indépendants": "Liège",
        "Atelier prijszetting": "Gent",
        "Kantoor Gent": "Gent",
        "Mentor Publiek": "Brugge",
        "Mentor Leden": "Leuven",
        "Piet Peer": "Namur",
    }
    for feature in data["features"]:
        title = feature["properties"]["title"]
        if title not in towns:
            continue
        place = resolve_place(towns[title])
        assert feature["geometry"] == {
            "type": "Point",
            "coordinates": [place.longitude, place.latitude],
        }, title
        assert feature["properties"]["place"] == place.name
    body = client.get("/api/v1/map").get_data(as_text=True)
    assert "Léopold" not in body and "Kortrijksesteenweg" not in body


def test_filters_by_kind_mode_skill_language_and_words(client, auth, scene):
    auth.login(email="member@example.org")
    assert set(titles(geojson(client, kind="office"))) == {"Kantoor Gent", "Kantoor Namen"}
    both = client.get("/api/v1/map?kind=partner&kind=session").json
    assert set(titles(both)) == {"Guichet Liège", "Atelier prijszetting", "Ledenavond"}
    assert set(titles(geojson(client, kind="partner,offer"))) == {
        "Guichet Liège",
        "Comptabilité pour indépendants",
    }
    assert set(titles(geojson(client, kind="mentor"))) == {
        "Mentor Publiek",
        "Mentor Leden",
        "Piet Peer",
    }
    # Sessions are collective; offices meet people in person, one to one.
    collective = set(titles(geojson(client, mode="collective")))
    assert collective == {"Atelier prijszetting", "Ledenavond"}
    assert "Kantoor Gent" in set(titles(geojson(client, mode="in_person")))
    assert "Kantoor Gent" not in set(titles(geojson(client, mode="online")))
    skilled = set(titles(geojson(client, skill="boekhouding")))
    assert {"Comptabilité pour indépendants", "Mentor Publiek", "Mentor Leden"} <= skilled
    assert "Kantoor Gent" not in skilled and "Atelier prijszetting" not in skilled
    french = set(titles(geojson(client, language="fr")))
    assert {"Guichet Liège", "Comptabilité pour indépendants"} <= french
    assert "Atelier prijszetting" not in french and "Kantoor Gent" not in french
    # The peer adviser's headline is "Adviseur prijszetting".
    assert set(titles(geojson(client, q="prijszetting"))) == {"Atelier prijszetting", "Piet Peer"}
    assert set(titles(geojson(client, q="kantoor gent"))) == {"Kantoor Gent"}


def test_near_a_place_the_nearest_come_first_and_the_radius_cuts(client, auth, scene):
    auth.login(email="member@example.org")
    data = geojson(client, near="Gand")  # Gent, as French writes it
    distances = [f["properties"]["distance_km"] for f in data["features"]]
    assert distances == sorted(distances)
    assert titles(data)[:2] in (
        ["Atelier prijszetting", "Kantoor Gent"],
        ["Kantoor Gent", "Atelier prijszetting"],
    )
    assert distances[0] == 0.0
    close = geojson(client, near="Gent", radius_km="60")
    assert set(titles(close)) == {
        "Atelier prijszetting",
        "Kantoor Gent",
        "Mentor Publiek",
        "Ledenavond",
    }


def test_a_bounding_box_keeps_what_lies_within(client, scene):
    # Around Liège and Namur only (west, south, east, north).
    data = geojson(client, bbox="4.7,50.3,5.8,50.8")
    assert set(titles(data)) == {"Guichet Liège", "Comptabilité pour indépendants", "Kantoor Namen"}


def test_the_limit_cuts_the_answer_and_says_so(client, scene):
    data = geojson(client, limit="2")
    assert len(data["features"]) == 2
    assert data["total"] == len(EVERYONE) + 1 and data["truncated"] is True


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"bbox": "2.5,49.5,6.4"}, "bbox"),
        ({"bbox": "a,b,c,d"}, "bbox"),
        ({"bbox": "0,-95,10,10"}, "bbox"),
        ({"bbox": "-190,0,10,10"}, "bbox"),
        ({"bbox": "10,50,2,51"}, "bbox"),
        ({"bbox": "1" * 101}, "bbox"),
        ({"near": "Gent", "radius_km": "5000"}, "radius_km"),
        ({"near": "Gent", "radius_km": "0"}, "radius_km"),
        ({"near": "Gent", "radius_km": "nan"}, "radius_km"),
        ({"near": "Gent", "radius_km": "veel"}, "radius_km"),
        ({"radius_km": "10"}, "radius_km"),
        ({"near": "Nergensdorp"}, "near"),
        ({"near": "x" * 121}, "near"),
        ({"kind": "article"}, "kind"),
        ({"kind": ""}, "kind"),
        ({"mode": "telepathy"}, "mode"),
        ({"language": "<script>"}, "language"),
        ({"skill": "onderwaterbasketweven"}, "skill"),
        ({"limit": "0"}, "limit"),
        ({"limit": "100000"}, "limit"),
        ({"limit": "-1"}, "limit"),
    ],
)
def test_bad_input_gets_a_clear_400(client, world, params, field):
    response = client.get("/api/v1/map", query_string=params)
    assert response.status_code == 400
    assert response.json["error"] == "bad_request"
    assert response.json["field"] == field
    assert response.json["message"]


def test_the_page_lists_the_same_items_in_the_same_order(client, auth, scene):
    auth.login(email="member@example.org")
    data = geojson(client, near="Gent")
    page = client.get("/map/?near=Gent").get_data(as_text=True)
    listed = re.findall(r'<li class="list-group-item" data-key="([^"]+)">', page)
    assert listed == [feature["id"] for feature in data["features"]]
    assert 'data-map-source="/api/v1/map"' in page


def test_the_list_comes_a_page_at_a_time_in_the_maps_order(client, auth, scene, monkeypatch):
    monkeypatch.setattr("app.map.views.LIST_PER_PAGE", 3)
    auth.login(email="member@example.org")
    data = geojson(client, near="Gent")
    assert len(data["features"]) > 6
    pages, listed = [], []
    for number in (1, 2, 3):
        page = client.get(f"/map/?near=Gent&page={number}").get_data(as_text=True)
        keys = re.findall(r'<li class="list-group-item" data-key="([^"]+)">', page)
        assert len(keys) == 3 if number < 3 else 1 <= len(keys) <= 3
        ranks = re.findall(r'<span class="map-rank">(\d+)\.</span>', page)
        assert ranks == [str(len(listed) + i + 1) for i in range(len(keys))]
        listed += keys
        pages.append(page)
    assert listed == [feature["id"] for feature in data["features"]][: len(listed)]
    assert 'start="4"' in pages[1] and "start=" not in pages[0]
    assert 'href="/map/?near=Gent&amp;page=2"' in pages[0]
    # The map itself still gets every marker, whichever page of the list is shown.
    assert 'data-map-params="near=Gent&amp;page=2"' in pages[1]
    past_the_end = client.get("/map/?near=Gent&page=999").get_data(as_text=True)
    assert 'aria-current="page">3<' in past_the_end  # a page past the end shows the last
    assert client.get("/map/?near=Gent&page=x").status_code == 200


def test_the_page_says_what_is_wrong_and_keeps_the_filters(client, world):
    response = client.get("/map/?bbox=0,0,500,1&q=boekhouding")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert 'id="map-error"' in page and 'value="boekhouding"' in page
    unknown = client.get("/map/?near=Nergensdorp").get_data(as_text=True)
    assert "place-notice" in unknown


def test_an_anonymous_page_holds_nothing_members_only(client, scene):
    page = client.get("/map/").get_data(as_text=True)
    for title in MEMBERS_ONLY:
        assert title not in page


def test_leaflet_is_served_from_its_packages(client, app):
    def status(url: str, mimetype: str | None = None) -> int:
        with client.get(url) as response:  # closes the file it sends
            if mimetype:
                assert response.mimetype == mimetype
            return response.status_code

    assert status("/map/vendor/leaflet/leaflet.js", "text/javascript") == 200
    assert status("/map/vendor/markercluster/leaflet.markercluster.js", "text/javascript") == 200
    assert status("/map/vendor/markercluster/MarkerCluster.css", "text/css") == 200
    assert status("/map/vendor/leaflet/images/marker-icon.png", "image/png") == 200
    assert status("/map/vendor/elsewhere/leaflet.js") == 404
    assert status("/map/vendor/leaflet/../__init__.py") == 404


def test_the_csp_lets_in_the_tile_host_for_images_only(client, app):
    policy = client.get("/map/").headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["img-src"] == "'self' data: https://tile.openstreetmap.org"
    assert "openstreetmap" not in policy.replace(directives["img-src"], "")
    assert "'unsafe-inline'" not in policy
    assert (
        tile_source("https://{s}.tile.example.org/{z}/{x}/{y}.png") == "https://*.tile.example.org"
    )
    assert tile_source("") == ""
    assert tile_source("/tiles/{z}/{x}/{y}.png") == ""  # on this site: 'self' covers it
    assert tile_source("javascript:alert(1)") == ""
    assert "img-src 'self' data:;" in content_security_policy("")


def test_the_tile_server_is_a_setting(app, client, monkeypatch, tmp_path):
    from app.config import load_config

    monkeypatch.setenv("MAP_TILE_URL", "https://tiles.example.be/{z}/{x}/{y}.png")
    monkeypatch.setenv("MAP_TILE_ATTRIBUTION", "© Voorbeeld")
    config = load_config(tmp_path, tmp_path / "app")
    assert config["MAP_TILE_URL"] == "https://tiles.example.be/{z}/{x}/{y}.png"
    app.config.update(
        MAP_TILE_URL=config["MAP_TILE_URL"], MAP_TILE_ATTRIBUTION=config["MAP_TILE_ATTRIBUTION"]
    )
    response = client.get("/map/")
    page = response.get_data(as_text=True)
    assert 'data-tile-url="https://tiles.example.be/{z}/{x}/{y}.png"' in page
    assert "© Voorbeeld" in page
    policy = response.headers["Content-Security-Policy"]
    assert "img-src 'self' data: https://tiles.example.be;" in policy


def test_the_page_takes_the_form_with_its_empty_fields(client, scene):
    response = client.get("/map/?q=&near=&radius_km=&skill=&mode=&language=&kind=office")
    assert response.status_code == 200
    assert "Kantoor Gent" in response.get_data(as_text=True)
    # The API asks for a value instead.
    assert client.get("/api/v1/map?radius_km=").status_code == 400


def panel_params(page: str) -> str | None:
    """The query string of the page's map panel; None: the page has none."""
    found = re.search(r'id="map-panel"[^>]*data-map-params="([^"]*)"', page)
    return None if found is None else found.group(1).replace("&amp;", "&")


def test_the_directory_agenda_offices_and_search_have_map_panels(client, scene):
    partners = client.get("/partners/?near=Liège&radius=50&mode=collective&kind=training")
    assert panel_params(partners.get_data(as_text=True)) == (
        "kind=partner&mode=collective&near=Li%C3%A8ge&radius_km=50"
    )
    agenda = client.get("/sessions/?language=nl").get_data(as_text=True)
    assert panel_params(agenda) == "kind=session&language=nl"
    offices = client.get("/guidance/").get_data(as_text=True)
    assert panel_params(offices) == "kind=office"
    assert "/map/vendor/leaflet/leaflet.js" in offices
    # The search page shows one when a place is given, for the kinds a map has.
    search = client.get("/search/?q=boekhouding&near=Gent").get_data(as_text=True)
    assert panel_params(search) == "q=boekhouding&near=Gent"
    members = client.get("/search/?kind=member&near=Gent").get_data(as_text=True)
    assert panel_params(members) == "kind=mentor&near=Gent"
    assert panel_params(client.get("/search/?q=boekhouding").get_data(as_text=True)) is None
    articles = client.get("/search/?kind=article&near=Gent").get_data(as_text=True)
    assert panel_params(articles) is None
    # A place the gazetteer does not know is left out (the page says so itself).
    unknown = client.get("/partners/?near=Nergensdorp&radius=50").get_data(as_text=True)
    assert panel_params(unknown) == "kind=partner"
    # Every panel's query is one the endpoint takes.
    for page in (partners, agenda, offices, search, members, unknown):
        text = page if isinstance(page, str) else page.get_data(as_text=True)
        assert client.get(f"/api/v1/map?{panel_params(text)}").status_code == 200


def test_a_searcher_of_an_empty_index_gives_way_to_another_index(app, client, tmp_path):
    """A thread whose searcher read an empty index (a fresh site's map) answers once another
    index is live, instead of failing on closing the empty one (a 500 on every map)."""
    assert client.get("/api/v1/map").status_code == 200  # the empty index
    app.config["SEARCH_INDEX_DIR"] = str(tmp_path / "another_index")
    assert client.get("/api/v1/map").status_code == 200
