"""In a real browser: a member fills in a profile, picking skills from the autocomplete."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser import browser_page, live_server  # noqa: F401
from tests.helpers import PASSWORD

pytestmark = pytest.mark.browser


def test_create_a_profile_with_skills_through_the_autocomplete(live_server, browser_page):  # noqa: F811
    page = browser_page
    page.goto(live_server + "/register")
    page.get_by_label("Naam").fill("Lotte Claes")
    page.get_by_label("E-mailadres").fill("lotte@example.org")
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_label("Herhaal het wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Mijn account aanmaken").click()

    page.goto(live_server + "/members/me/edit")
    skill = page.locator("#skills-0-name")
    skill.press_sequentially("boekh", delay=50)
    option = page.get_by_role("option", name="Boekhouding")
    option.click()
    assert skill.input_value() == "Boekhouding"
    page.locator("#skills-0-level").select_option("expert")
    page.locator("#skills-0-can_help").check()

    second = page.locator("#skills-1-name")
    second.press_sequentially("illustr", delay=50)
    page.get_by_role("option", name="Illustratie").click()

    place = page.locator("#place")
    place.press_sequentially("Gand", delay=50)
    page.locator("#" + place.get_attribute("aria-controls")).get_by_role("option").first.click()
    assert place.input_value().startswith("Gent")

    page.locator("input[name=visibility][value=public]").check()
    page.get_by_role("button", name="Mijn profiel opslaan").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Lotte Claes")
    skills = page.locator("#skills-heading + ul").inner_text()
    assert "Boekhouding" in skills and "Illustratie" in skills
    assert "Gent" in page.locator("main").inner_text()
