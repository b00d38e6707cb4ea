"""In a real browser: one member posts a need, another answers it, the first is told and thanks."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser import browser_page, live_server  # noqa: F401
from tests.helpers import PASSWORD

pytestmark = pytest.mark.browser


def register(page, base: str, name: str, email: str) -> None:
    """Open an account through the registration form (Dutch interface)."""
    page.goto(base + "/register")
    page.get_by_label("Naam").fill(name)
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_label("Herhaal het wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Mijn account aanmaken").click()
    expect(page.locator(".alert-success")).to_be_visible()


def pick(page, field: str, typed: str) -> str:
    """Type into an autocompleting input and choose the first suggestion; its new value."""
    box = page.locator(field)
    box.press_sequentially(typed, delay=50)
    page.locator("#" + box.get_attribute("aria-controls")).get_by_role("option").first.click()
    return box.input_value()


def test_post_a_need_and_answer_it_as_another_member(live_server, browser_page):  # noqa: F811
    author = browser_page
    register(author, live_server, "Lotte Claes", "lotte@example.org")

    # Lotte posts a need, choosing its skill and place from the suggestions.
    author.goto(live_server + "/needs/new")
    author.locator("#title").fill("Hulp bij mijn eerste btw-aangifte")
    author.locator("#body").fill("Ik begin als **illustrator**. Wie legt me de btw uit?")
    assert pick(author, "#skills-0-name", "btw") == "Btw"
    assert pick(author, "#place", "Gand").startswith("Gent")
    author.locator("input[name=modes][value=online]").check()
    author.locator("input[name=visibility][value=public]").check()
    author.locator("form.need-form button[type=submit]").click()
    assert (
        author.get_by_role("heading", level=1).inner_text() == "Hulp bij mijn eerste btw-aangifte"
    )
    expect(author.locator("main strong", has_text="illustrator")).to_be_visible()
    need_url = author.url
    assert re.search(r"/needs/\d+$", need_url)

    # Bram, in a browser of his own, finds it on the board and answers it.
    context = author.context.browser.new_context(
        locale="nl-BE", viewport={"width": 1280, "height": 900}
    )
    errors: list[str] = []
    helper = context.new_page()
    helper.set_default_timeout(10_000)
    helper.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    helper.on("pageerror", lambda e: errors.append(str(e)))
    try:
        register(helper, live_server, "Bram Peeters", "bram@example.org")
        helper.goto(live_server + "/needs/?skill=TVA")
        helper.get_by_role("link", name="Hulp bij mijn eerste btw-aangifte").click()
        assert helper.url == need_url
        helper.locator("form.response-form textarea[name=body]").fill(
            "Ik doe mijn eigen aangifte al tien jaar. Zullen we **bellen**?"
        )
        helper.locator("form.response-form button[type=submit]").click()
        response = helper.locator(".need-response").first
        assert "Bram Peeters" in response.inner_text()
        expect(response.locator("strong", has_text="bellen")).to_be_visible()
        # Bram may answer, not change the need.
        assert helper.locator("form.status-form").count() == 0
    finally:
        context.close()
    assert not errors, f"errors in the second browser's console: {errors}"

    # Lotte sees a notification, opens it and marks the response that helped.
    author.goto(live_server + "/")
    badge = author.locator("a[href='/notifications/'] .badge")
    assert badge.inner_text().startswith("1")
    author.goto(live_server + "/notifications/")
    assert "Bram Peeters" in author.locator(".notification-list").inner_text()
    author.locator(".notification-list form[action$='/open'] button").first.click()
    assert author.url.startswith(need_url + "#response-")
    author.locator(".need-response form[action$='/helped'] button").click()
    expect(author.locator(".need-response.border-success")).to_have_count(1)
    assert author.locator("form.status-form input[value=answered]").is_checked()
    author.goto(live_server + "/")
    assert author.locator("a[href='/notifications/'] .badge").count() == 0
