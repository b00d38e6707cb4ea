"""In a real browser at desktop width: two-factor sign-in from enrolment to a sign-in with a
code, the list of sign-ins, and axe-core on these pages and the main ones."""

from __future__ import annotations

import re
import time

import pyotp
import pytest
from playwright.sync_api import expect

from app.accounts.twofactor import STEP
from tests.browser import browser_page, live_server, open_menu  # noqa: F401
from tests.helpers import PASSWORD
from tests.test_browser_first import ANONYMOUS_PAGES, register, serious_violations

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}


def sign_in(page, base: str, email: str) -> None:
    page.goto(base + "/login")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Aanmelden").click()


def test_two_factor_from_enrolment_to_sign_in(live_server, browser_page):  # noqa: F811
    page = browser_page
    page.set_viewport_size(DESKTOP)
    found: list[str] = []
    register(page, live_server, "Tine Staes", "tine@example.org")
    page.wait_for_url(re.compile(r"/members/welcome$"))
    page.goto(live_server + "/settings")
    page.get_by_role("link", name="Aanmelden in twee stappen").click()
    found += serious_violations(page)
    page.get_by_label("Huidig wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Verder").click()

    # The QR code is drawn inline (no request, no script: the console stays clean).
    qr = page.locator(".qr-code svg")
    expect(qr).to_be_visible()
    assert qr.bounding_box()["width"] >= 100
    found += serious_violations(page)
    secret = page.locator("#totp-secret").inner_text().replace(" ", "")
    totp = pyotp.TOTP(secret)
    page.get_by_label("Code").fill(totp.now())
    page.get_by_role("button", name="Aanzetten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Je herstelcodes")
    codes = page.locator(".recovery-codes li").all_inner_texts()
    assert len(codes) == 10
    found += serious_violations(page)

    page.get_by_role("button", name="Afmelden").click()
    sign_in(page, live_server, "tine@example.org")
    page.wait_for_url(re.compile(r"/login/code$"))
    found += serious_violations(page)
    # Half signed in: the settings still ask to sign in.
    page.goto(live_server + "/settings")
    page.wait_for_url(re.compile(r"/login\?next="))
    page.goto(live_server + "/login/code")
    page.get_by_label("Code").fill(totp.at(time.time() + STEP))
    page.get_by_role("main").get_by_role("button", name="Aanmelden").click()
    page.wait_for_url(live_server + "/")
    expect(page.get_by_role("button", name="Afmelden")).to_be_visible()

    page.goto(live_server + "/settings/sign-ins")
    expect(page.locator("table")).to_contain_text("deze browser")
    found += serious_violations(page)
    assert not found, "\n".join(found)


def test_axe_at_desktop_width_on_the_main_pages(live_server, browser_page):  # noqa: F811
    page = browser_page
    page.set_viewport_size(DESKTOP)
    found: list[str] = []
    for path in ANONYMOUS_PAGES:
        page.goto(live_server + path)
        found += serious_violations(page)
    register(page, live_server, "Wout Wauters", "wout@example.org")
    page.wait_for_url(re.compile(r"/members/welcome$"))
    open_menu(page)  # nothing to open at this width: the menu is shown
    for path in ("/", "/members/welcome", "/members/me/edit", "/settings", "/settings/sign-ins"):
        page.goto(live_server + path)
        found += serious_violations(page)
    assert not found, "\n".join(found)
