"""In a real browser: a member sends a contact request, the other accepts, both see the details."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from app import create_app
from app.connections.models import ContactPreferences
from app.extensions import db
from app.members.models import Visibility
from tests.browser import browser_page, live_server, open_menu  # noqa: F401
from tests.helpers import FAST_HASH_METHOD, PASSWORD
from tests.test_connections import make_member
from tests.test_members import make_profile

pytestmark = pytest.mark.browser

BEA_EMAIL = "bea@example.org"
BEA_PHONE = "+32 470 12 34 56"
AN_SITE = "https://an-illustreert.example.org"


@pytest.fixture
def members(live_server, tmp_path):  # noqa: F811
    """An and Bea, who reads the site in English, with the contact details each shares."""
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'gilde.db'}",
            "SEARCH_INDEX_DIR": str(tmp_path / "search_index"),
            "PASSWORD_HASH_METHOD": FAST_HASH_METHOD,
        }
    )
    with app.app_context():
        an = make_member("an@example.org", "An Peeters", locale="en")
        bea = make_member(BEA_EMAIL, "Bea Janssens", locale="en")
        make_profile(an, Visibility.MEMBERS, headline="Illustrator")
        bea_profile = make_profile(bea, Visibility.MEMBERS, headline="Boekhouder")
        db.session.add_all(
            [
                ContactPreferences(user_id=an.id, share_email=False, website=AN_SITE),
                ContactPreferences(user_id=bea.id, share_email=True, phone=BEA_PHONE),
            ]
        )
        db.session.commit()
        bea_profile_id = bea_profile.id
        db.engine.dispose()
    return {"bea_profile": bea_profile_id}


def sign_in(page, base: str, email: str) -> None:
    page.goto(base + "/login")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Aanmelden").click()
    page.wait_for_url(base + "/")


def sign_out(page) -> None:
    open_menu(page)
    page.get_by_role("button", name="Sign out").click()
    # Wait for the sign-out to land, or the next page load races the redirect.
    expect(page.locator(".alert-info")).to_be_visible()


def test_send_accept_and_see_the_shared_contact_details(live_server, browser_page, members):  # noqa: F811
    page = browser_page
    sign_in(page, live_server, "an@example.org")
    page.goto(f"{live_server}/members/{members['bea_profile']}")
    page.get_by_role("link", name="Send a contact request").click()
    page.get_by_label("A collaboration").check()
    page.get_by_label("Your message").fill("Hallo Bea,\nzullen we samen een workshop geven?")
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Request to Bea Janssens")
    main = page.locator("main")
    assert "Waiting for an answer" in main.inner_text()
    assert BEA_EMAIL not in page.content() and BEA_PHONE not in page.content()
    sign_out(page)

    sign_in(page, live_server, BEA_EMAIL)
    page.goto(live_server + "/connections/")
    page.get_by_role("link", name="From An Peeters").click()
    assert "zullen we samen een workshop geven?" in main.inner_text()
    page.get_by_role("button", name="Accept").click()
    assert "Accepted" in main.inner_text()
    details = page.locator(".shared-details").first
    assert AN_SITE in details.inner_text()
    page.get_by_label("Your message").fill("Graag! Bel me maar.")
    page.get_by_role("button", name="Send", exact=True).click()
    assert "Graag! Bel me maar." in page.locator(".thread").inner_text()
    sign_out(page)

    sign_in(page, live_server, "an@example.org")
    page.goto(live_server + "/connections/?box=sent")
    page.get_by_role("link", name="To Bea Janssens").click()
    their_details = page.locator(".shared-details").first.inner_text()
    assert BEA_EMAIL in their_details and BEA_PHONE in their_details
    assert "Graag! Bel me maar." in page.locator(".thread").inner_text()
