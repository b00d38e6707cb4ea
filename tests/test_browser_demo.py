"""In a real browser, on an instance initialised as `make run` does it: an anonymous visitor
on the French interface finds a demo mentor by searching a skill in French, then by name
through the navigation's search box and its suggestions."""

from __future__ import annotations

import re
import threading

import pytest
from playwright.sync_api import expect
from werkzeug.serving import make_server

from app import create_app
from app.data.demo import DEMO_EMAIL, DEMO_PASSWORD
from app.extensions import db
from tests.browser import browser_page, open_menu  # noqa: F401

pytestmark = pytest.mark.browser

#: The steps of the Makefile's `run` target (the schema from the models, not migrations;
#: only the places the demo uses).
FIRST_RUN = [
    ["skills", "load"],
    ["places", "load", "--countries", "BE,LU", "--if-empty"],
    ["content", "sync"],
    ["data", "demo"],
    ["search", "sync"],
]


@pytest.fixture
def demo_server(tmp_path):
    """A fresh instance after `make run`'s first start, served on 127.0.0.1; yields its URL."""
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'gilde.db'}",
            "SEARCH_INDEX_DIR": str(tmp_path / "search_index"),
        }
    )
    with app.app_context():
        db.create_all()
    runner = app.test_cli_runner()
    outputs = []
    for args in FIRST_RUN:
        result = runner.invoke(args=args)
        assert result.exit_code == 0, f"flask {' '.join(args)}: {result.output}"
        outputs.append(result.output)
    assert f"Sign in at http://127.0.0.1:5000 as {DEMO_EMAIL} / {DEMO_PASSWORD}" in outputs[3]
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()
    with app.app_context():
        db.engine.dispose()


def test_a_visitor_finds_a_demo_mentor_by_a_french_skill(demo_server, browser_page):  # noqa: F811
    page = browser_page
    page.goto(demo_server + "/")
    # The language switcher sits in the header's menu, folded on a phone.
    open_menu(page)
    page.locator(".language-switcher button[value=fr]").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")

    # The home page suggests searches in French; the visitor types one.
    expect(page.locator("a.home-example", has_text="comptabilité")).to_be_visible()
    page.locator("#home-q").fill("comptabilité")
    page.locator("#home-q").press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=comptabilit"))
    # Among the results, only the mentors who can take someone on: on a phone the
    # filters fold under a button, below the results.
    page.get_by_role("button", name="Affiner les résultats").click()
    mentors = page.get_by_role("link", name=re.compile("Mentors avec des places libres"))
    expect(mentors).to_be_visible()
    mentors.click()
    page.wait_for_url(re.compile(r"mentor="))
    page.get_by_role("link", name="Demo Lid").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Demo Lid")
    # A public profile, seen without signing in, in French.
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    assert "Boekhouder en mentor" in page.locator("main").inner_text()

    # The navigation's search box, on every page, suggests as one types; choosing a
    # suggestion searches for it.
    open_menu(page)
    page.locator("#nav-q").press_sequentially("Demo L", delay=50)
    page.locator("#" + page.locator("#nav-q").get_attribute("aria-controls")).get_by_role(
        "option", name="Demo Lid"
    ).click()
    page.wait_for_url(re.compile(r"/search/\?q=Demo\+Lid"))
    expect(page.locator("main").get_by_role("link", name="Demo Lid").first).to_be_visible()

    # On a wide screen the search form's button shows its whole label ("Rechercher").
    page.set_viewport_size({"width": 1280, "height": 900})
    button = page.locator("main form[role=search] button[type=submit]")
    assert button.evaluate("b => b.scrollWidth <= b.clientWidth"), button.inner_text()
