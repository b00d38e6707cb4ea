"""In a real browser: a member finds a session full, waits, and gets the place freed up."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser import browser_page, live_server  # noqa: F401
from tests.test_browser_needs import register

pytestmark = pytest.mark.browser


def test_a_full_session_puts_me_on_the_waiting_list_until_a_place_frees_up(
    live_server,  # noqa: F811
    browser_page,  # noqa: F811
):
    organiser = browser_page
    register(organiser, live_server, "Lotte Claes", "lotte@example.org")
    organiser.goto(live_server + "/sessions/new")
    organiser.locator("#title").fill("Intervisie voor starters")
    organiser.locator("input[name=modes][value=in_person]").uncheck()
    organiser.locator("input[name=modes][value=online]").check()
    organiser.locator("#online_link").fill("https://meet.example.org/intervisie")
    organiser.locator("#date").fill("2030-05-04")
    organiser.locator("#start_time").fill("19:00")
    organiser.locator("#end_time").fill("21:00")
    organiser.locator("#capacity").fill("1")
    organiser.locator("main form button[type=submit]").click()
    expect(organiser.get_by_role("heading", level=1)).to_have_text("Intervisie voor starters")
    session_url = organiser.url
    assert re.search(r"/sessions/\d+$", session_url)
    organiser.get_by_role("button", name="Inschrijven").click()
    expect(organiser.locator(".registration-status")).to_contain_text("Je bent ingeschreven")

    context = organiser.context.browser.new_context(
        locale="nl-BE", viewport={"width": 1280, "height": 900}
    )
    member = context.new_page()
    member.set_default_timeout(10_000)
    register(member, live_server, "Bram Peeters", "bram@example.org")
    member.goto(session_url)
    expect(member.locator(".online-link")).to_have_count(0)
    member.get_by_role("button", name="Op de wachtlijst zetten").click()
    expect(member.locator(".registration-status")).to_contain_text("wachtlijst")

    organiser.get_by_role("button", name="Mijn inschrijving annuleren").click()
    expect(organiser.locator(".alert-success")).to_be_visible()

    member.reload()
    expect(member.locator(".registration-status")).to_contain_text("Je bent ingeschreven")
    expect(member.locator(".online-link")).to_have_text("https://meet.example.org/intervisie")
    context.close()
