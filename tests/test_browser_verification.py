"""In a real browser, with the real SMTP test server: register, confirm from the mail, sign in."""

from __future__ import annotations

import re
import shutil
import threading

import pytest
from aiosmtpd.controller import Controller
from playwright.sync_api import expect
from werkzeug.serving import make_server

from app import create_app
from app.extensions import db
from tests.browser import browser_page, open_menu  # noqa: F401
from tests.helpers import PASSWORD
from tests.mail import Mailbox, body_of, free_port

pytestmark = pytest.mark.browser


@pytest.fixture
def mailing_server(tmp_path, world_template):
    """A live Gilde that sends its mail to a real SMTP server; yields (URL, mailbox)."""
    shutil.copyfile(world_template, tmp_path / "gilde.db")  # see tests/browser.py
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'gilde.db'}",
            "SEARCH_INDEX_DIR": str(tmp_path / "search_index"),
            "MAIL_SERVER": "127.0.0.1",
            "MAIL_PORT": controller.port,
            "MAIL_DEFAULT_SENDER": "gilde@example.org",
        }
    )
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", mailbox
    server.shutdown()
    thread.join()
    controller.stop()
    with app.app_context():
        db.engine.dispose()


def test_register_confirm_from_the_mail_and_sign_in(mailing_server, browser_page):  # noqa: F811
    base, mailbox = mailing_server
    page = browser_page
    page.goto(base + "/register")
    page.get_by_label("Naam").fill("Lotte Claes")
    page.get_by_label("E-mailadres").fill("lotte@example.org")
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_label("Herhaal het wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Mijn account aanmaken").click()
    expect(page.locator(".alert-success")).to_contain_text("lotte@example.org")

    # Mail is sent before the page answers: it is there.
    (message,) = mailbox.to("lotte@example.org")
    assert message["Content-Language"] == "nl"
    (link,) = [u for u in re.findall(r"https?://\S+", body_of(message)) if "/verify/" in u]

    open_menu(page)
    page.get_by_role("button", name="Afmelden").click()
    page.goto(link)
    expect(page.locator(".alert-success")).to_contain_text("bevestigd")
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanmelden")
    page.get_by_label("E-mailadres").fill("lotte@example.org")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Aanmelden").click()
    page.wait_for_url(base + "/")
    open_menu(page)
    page.get_by_role("link", name="Lotte Claes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Accountinstellingen")
    # Confirmed: no request to confirm on the settings page.
    expect(page.get_by_role("button", name="Stuur de link opnieuw")).to_have_count(0)
