"""In a real browser: a newcomer's first steps, and axe-core on the main pages."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser import browser_page, live_server, open_menu  # noqa: F401
from tests.helpers import PASSWORD

pytestmark = pytest.mark.browser

ANONYMOUS_PAGES = (
    "/",
    "/search/?q=boekhouding",
    "/members/",
    "/needs/",
    "/partners/",
    "/articles/",
    "/pages/privacy",
    "/login",
    "/register",
)
MEMBER_PAGES = (
    "/",
    "/members/welcome",
    "/members/me/edit",
    "/members/me",
    "/settings",
    "/needs/mine",
)


def register(page, base: str, name: str, email: str) -> None:
    page.goto(base + "/register")
    page.get_by_label("Naam").fill(name)
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_label("Herhaal het wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Mijn account aanmaken").click()


def choose_language(page, lang: str) -> None:
    """Switch the interface language with the switcher in the (phone's) menu."""
    open_menu(page)
    page.locator(f".language-switcher button[value={lang}]").click()
    expect(page.locator("html")).to_have_attribute("lang", lang)


def serious_violations(page) -> list[str]:
    """What axe-core (shipped inside axe-playwright-python) finds serious or critical."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{page.url}: {violation['id']} ({violation['impact']}): "
        + "; ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def test_a_newcomer_completes_the_onboarding_and_finds_the_profile(live_server, browser_page):  # noqa: F811
    page = browser_page
    register(page, live_server, "Lotte Claes", "lotte@example.org")
    page.wait_for_url(re.compile(r"/members/welcome$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Je eerste stappen")
    expect(page.locator("#display_name")).to_have_value("Lotte Claes")
    page.locator("#headline").fill("Vertaalster Nederlands en Frans")
    page.locator("input[name=languages][value=fr]").check()
    page.locator("#skills-0-name").fill("Boekhouding")
    page.locator("#skills-0-level").select_option("expert")
    page.locator("#skills-0-can_help").check()
    page.locator("#skills-1-name").fill("Vertaling")
    page.get_by_role("button", name="Opslaan en verder").click()

    page.wait_for_url(live_server + "/")
    expect(page.locator(".completeness-meter")).to_be_visible()
    open_menu(page)
    page.locator("#nav-main").get_by_role("link", name="Mijn profiel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lotte Claes")
    assert "Vertaalster Nederlands en Frans" in page.locator("main").inner_text()


def test_axe_finds_nothing_serious_on_the_main_pages(live_server, browser_page):  # noqa: F811
    page = browser_page
    found: list[str] = []
    page.goto(live_server + "/")
    for lang in ("nl", "fr", "en"):
        choose_language(page, lang)
        for path in ANONYMOUS_PAGES:
            page.goto(live_server + path)
            expect(page.locator("html")).to_have_attribute("lang", lang)
            found += serious_violations(page)
    choose_language(page, "nl")
    register(page, live_server, "Wout Wauters", "wout@example.org")
    for lang in ("nl", "fr", "en"):
        choose_language(page, lang)
        for path in MEMBER_PAGES:
            page.goto(live_server + path)
            found += serious_violations(page)
    assert not found, "\n".join(found)
