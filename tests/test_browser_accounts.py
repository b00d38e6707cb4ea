"""In a real browser: register, sign out, sign in and switch the language."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser import browser_page, live_server, open_menu  # noqa: F401
from tests.helpers import PASSWORD

pytestmark = pytest.mark.browser


def test_register_logout_login_and_switch_language(live_server, browser_page):  # noqa: F811
    page = browser_page
    page.goto(live_server + "/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    page.get_by_role("link", name="Lid worden").first.click()

    page.get_by_label("Naam").fill("Lotte Claes")
    page.get_by_label("E-mailadres").fill("lotte@example.org")
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_label("Herhaal het wachtwoord").fill(PASSWORD + "?")
    page.get_by_role("button", name="Mijn account aanmaken").click()
    # A mistake keeps what was typed and says what is wrong.
    assert page.get_by_label("Naam").input_value() == "Lotte Claes"
    expect(page.locator(".invalid-feedback").first).to_be_visible()
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_label("Herhaal het wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Mijn account aanmaken").click()
    assert page.locator(".alert-success").inner_text().startswith("Welkom")

    open_menu(page)
    page.get_by_role("button", name="Afmelden").click()
    expect(page.locator(".alert-info")).to_be_visible()

    open_menu(page)
    page.get_by_role("link", name="Aanmelden").first.click()
    page.get_by_label("E-mailadres").fill("lotte@example.org")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Aanmelden").click()
    page.wait_for_url(live_server + "/")
    open_menu(page)
    page.get_by_role("link", name="Lotte Claes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Accountinstellingen")

    # The language switcher sits in the header, behind the menu button on a phone.
    open_menu(page)
    page.get_by_role("button", name="Français").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text("Paramètres du compte")
    # The choice is the member's setting: it survives signing out and in again.
    page.reload()
    expect(page.locator("html")).to_have_attribute("lang", "fr")


def test_skip_link_leads_to_the_content(live_server, browser_page):  # noqa: F811
    page = browser_page
    page.goto(live_server + "/login")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")
