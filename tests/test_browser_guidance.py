"""In a real browser: a member books an appointment; the adviser sees it in their agenda."""

from __future__ import annotations

from datetime import time

import pytest
from playwright.sync_api import expect

from app import create_app
from app.extensions import db
from tests.browser import browser_page, live_server  # noqa: F401
from tests.guidance_scene import make_adviser, make_member, make_office, topics
from tests.test_browser_connections import sign_in, sign_out

pytestmark = pytest.mark.browser


@pytest.fixture
def guidance(live_server, tmp_path):  # noqa: F811
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'gilde.db'}",
            "SEARCH_INDEX_DIR": str(tmp_path / "search_index"),
        }
    )
    with app.app_context():
        topics()
        gent = make_office("Gent", "Gent")
        adviser = make_adviser(
            locale="en",
            offices=(gent,),
            hours=tuple((d, time(9), time(17), gent) for d in range(7)),
        )
        make_member(locale="en")
        adviser_id = adviser.id
        db.engine.dispose()
    return {"adviser": adviser_id}


def test_a_member_books_and_the_adviser_sees_it_in_the_agenda(live_server, browser_page, guidance):  # noqa: F811
    page = browser_page
    sign_in(page, live_server, "an@example.org")
    page.goto(f"{live_server}/guidance/advisers/{guidance['adviser']}")
    page.locator(".slot-list a").first.click()
    chosen = page.locator("#chosen-slot").inner_text()
    page.get_by_label("Topic").select_option("pricing")
    page.get_by_label("By video").check()
    page.get_by_label("What would you like to discuss?").fill("Mijn uurtarief voor 2027")
    page.get_by_role("button", name="Book this appointment").click()
    expect(page.locator(".appointment-description")).to_have_text("Mijn uurtarief voor 2027")
    sign_out(page)
    sign_in(page, live_server, "sara@staff.example.org")
    page.goto(f"{live_server}/guidance/agenda")
    entry = page.locator(".agenda li").first
    expect(entry).to_contain_text("An Peeters")
    expect(entry).to_contain_text("Pricing")
    entry.get_by_role("link").click()
    expect(page.locator(".appointment-description")).to_have_text("Mijn uurtarief voor 2027")
    assert chosen.split(" · ")[0].split(",")[-1].strip() in page.locator("main dl").inner_text()
