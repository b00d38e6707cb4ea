"""In a real browser, with no network for the tiles: the map clusters, filters and links."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from app import create_app
from app.extensions import db
from tests.browser import TILE_PIXEL, browser_page, live_server  # noqa: F401
from tests.guidance_scene import make_office
from tests.test_browser_first import serious_violations
from tests.test_partners import make_offer, make_partner

pytestmark = pytest.mark.browser


@pytest.fixture
def local_offer(live_server, tmp_path):  # noqa: F811
    """Three partners and an offer in Liège (one cluster), a partner in Arlon, an office in
    Gent: far enough apart to stay apart even on a phone's narrow map."""
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'gilde.db'}",
            "SEARCH_INDEX_DIR": str(tmp_path / "search_index"),
        }
    )
    with app.app_context():
        for number in range(3):
            make_partner(f"liege{number}@example.org", f"Guichet Liège {number}")
        arlon = make_partner("arlon@example.org", "Guichet Arlon", place="Arlon")
        make_offer(arlon, "Boekhouding in Luik", place="Liège")
        make_office(name="Kantoor Gent", place="Gent")
        arlon_id = arlon.id
        db.engine.dispose()
    return {"arlon": arlon_id}


def test_the_map_clusters_filters_and_leads_to_a_partner(
    live_server,  # noqa: F811
    browser_page,  # noqa: F811
    local_offer,
):
    page = browser_page
    elsewhere: list[str] = []

    def no_network(route):
        url = route.request.url
        if url.startswith(live_server):
            route.continue_()
        else:
            elsewhere.append(url)
            route.fulfill(status=200, content_type="image/png", body=TILE_PIXEL)

    page.route("**/*", no_network)
    page.goto(live_server + "/map/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kaart van het lokale aanbod")
    # The list (rendered by the server, then by the script) and the clustered markers.
    expect(page.locator("#map-list li")).to_have_count(6)
    expect(page.locator(".marker-cluster")).to_have_count(1)
    expect(page.locator(".marker-cluster")).to_contain_text("4")
    expect(page.locator(".leaflet-marker-icon[title='Guichet Arlon']")).to_be_visible()
    assert elsewhere and all(url.startswith("https://tiles.invalid/") for url in elsewhere)
    assert not serious_violations(page)

    # Only partners: the checkboxes update the map and the list without a reload.
    for kind in ("offer", "session", "office", "mentor"):
        page.locator(f"#map-kind-{kind}").uncheck()
    expect(page.locator("#map-list li")).to_have_count(4)
    expect(page.locator("#map-list")).not_to_contain_text("Kantoor Gent")
    expect(page.locator(".leaflet-marker-icon.map-kind-office")).to_have_count(0)
    expect(page.locator(".marker-cluster")).to_have_count(1)  # once the zoom has settled
    expect(page.locator(".marker-cluster")).to_contain_text("3")
    assert re.search(r"kind=partner", page.url) and "kind=office" not in page.url

    marker = page.locator(".leaflet-marker-icon[title='Guichet Arlon']")
    popup = page.locator(".leaflet-popup .map-popup-link")
    # The clusters redraw their markers when a zoom ends: a click can land on a marker on
    # its way out, on a slow machine. Click the one in place now.
    for _attempt in range(3):
        marker.click()
        try:
            popup.wait_for(timeout=5_000)
            break
        except PlaywrightTimeoutError:
            continue
    expect(popup).to_have_text("Guichet Arlon")
    popup.click()
    page.wait_for_url(f"{live_server}/partners/{local_offer['arlon']}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Guichet Arlon")
