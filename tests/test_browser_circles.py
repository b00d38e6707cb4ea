"""In a real browser: a member starts a circle on request, another asks to join, is
accepted and writes on its board."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser import browser_page, live_server  # noqa: F401
from tests.test_browser_needs import register

pytestmark = pytest.mark.browser


def test_asking_to_join_a_circle_and_being_accepted(
    live_server,  # noqa: F811
    browser_page,  # noqa: F811
):
    facilitator = browser_page
    register(facilitator, live_server, "Lotte Claes", "lotte@example.org")
    facilitator.goto(live_server + "/circles/new")
    facilitator.locator("#name").fill("Intervisie fotografen")
    facilitator.locator("#theme").fill("Elke maand bespreken we een opdracht.")
    facilitator.locator("#online").check()
    facilitator.locator("input[name=admission][value=on_request]").check()
    facilitator.locator("main form button[type=submit]").click()
    expect(facilitator.get_by_role("heading", level=1)).to_have_text("Intervisie fotografen")
    circle_url = facilitator.url
    assert re.search(r"/circles/\d+$", circle_url)

    context = facilitator.context.browser.new_context(
        locale="nl-BE", viewport={"width": 1280, "height": 900}
    )
    member = context.new_page()
    member.set_default_timeout(10_000)
    register(member, live_server, "Bram Peeters", "bram@example.org")
    member.goto(circle_url)
    expect(member.locator("#board")).to_have_count(0)
    member.locator("#motivation").fill("Ik fotografeer huwelijken.")
    member.get_by_role("button", name="Vragen om lid te worden").click()
    expect(member.locator(".membership-status")).to_contain_text("wacht op de begeleider")

    facilitator.reload()
    expect(facilitator.locator(".circle-requests")).to_contain_text("Ik fotografeer huwelijken.")
    facilitator.get_by_role("button", name="Aanvaarden").click()
    expect(facilitator.locator(".circle-members")).to_contain_text("Bram Peeters")

    member.reload()
    expect(member.locator(".membership-status")).to_contain_text("Je bent lid")
    member.locator("#body").fill("Dag allemaal!")
    member.get_by_role("button", name="Plaatsen").click()
    expect(member.locator(".circle-board")).to_contain_text("Dag allemaal!")
    context.close()
