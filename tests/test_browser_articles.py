"""In a real browser: a member writes an article, watches the live preview, and publishes it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from app import create_app
from app.articles.guides import load_topics
from app.extensions import db
from tests.browser import browser_page, live_server  # noqa: F401
from tests.helpers import PASSWORD

pytestmark = pytest.mark.browser

BODY = (
    "## Waarom een dagtarief\n\n"
    "Een **dagtarief** maakt offertes eenvoudig.\n\n"
    "## Reken terug\n\nVan netto naar bruto.\n\n"
    "## Vergelijk\n\nVraag het aan [collega's](https://example.org).\n\n"
    "<script>document.title = 'hacked'</script>"
    "<img src=/static/favicon.svg onerror=\"document.title='hacked'\">\n"
)


def load_the_topics(tmp_path) -> None:
    """The topics, in the live server's database (the same file under tmp_path)."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'gilde.db'}"})
    with app.app_context():
        load_topics("content/topics.yaml")
        db.engine.dispose()


def test_write_an_article_with_the_live_preview_and_publish_it(
    live_server,  # noqa: F811
    browser_page,  # noqa: F811
    tmp_path,
):
    load_the_topics(tmp_path)
    page = browser_page
    page.goto(live_server + "/register")
    page.locator("#name").fill("Lotte Claes")
    page.locator("#email").fill("lotte@example.org")
    page.locator("#password").fill(PASSWORD)
    page.locator("#confirm").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    # A new member lands on the onboarding.
    page.wait_for_url(live_server + "/members/welcome")

    page.goto(live_server + "/articles/new")
    page.locator("#title").fill("Je dagtarief in drie stappen")
    page.locator("#summary").fill("Van het netto dat je nodig hebt naar een dagtarief.")
    page.locator("#body").fill(BODY)

    preview = page.locator("#article-preview")
    preview.locator("strong", has_text="dagtarief").wait_for()
    # Three headings make a table of contents, as on the published page.
    assert preview.locator(".article-toc a").count() == 3
    assert preview.locator("a[href='https://example.org']").get_attribute("rel") == (
        "nofollow noopener"
    )
    assert preview.locator("script").count() == 0
    assert preview.locator("img").get_attribute("onerror") is None

    page.locator("#body").press("End")
    page.locator("#body").type("\n\nTot *slot*.")
    preview.locator("em", has_text="slot").wait_for()

    page.locator("input[name=topics][value=pricing]").check()
    page.locator("#tags").fill("Dagtarief, offerte")
    page.locator("button[name=action][value=publish]").click()

    page.wait_for_url(re.compile(r".*/articles/\d+$"))
    expect(page.locator("h1")).to_have_text("Je dagtarief in drie stappen")
    body = page.locator(".article-body")
    assert body.locator("strong", has_text="dagtarief").count() == 1
    assert body.locator("em", has_text="slot").count() == 1
    assert page.locator("a[href='/articles/tags/dagtarief']").count() == 1
    assert page.title() != "hacked"
    article_url = page.url

    # Signed out, anyone reads it in the list and on its page.
    page.context.clear_cookies()
    page.goto(live_server + "/articles/")
    page.get_by_role("link", name="Je dagtarief in drie stappen").click()
    assert page.url == article_url
    assert page.title() != "hacked"
