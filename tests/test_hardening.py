"""What a black-box probe of the running site found, kept fixed (issue 25)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from app import create_app
from app.accounts.deletion import WritingChoice, delete_account
from app.articles.editing import unpublish
from app.articles.guides import load_topics
from app.extensions import db
from app.members.models import Visibility
from app.migrations import init_migrations
from app.rendering import C0_AND_SPACE
from tests.helpers import OUR_SCRIPTS, csrf_token, make_user
from tests.test_articles import article_data, make_article, make_cast, only_article, save
from tests.test_members import make_profile, profile_data
from tests.test_rendering import PAYLOADS


@pytest.fixture
def topics(app):
    load_topics("content/topics.yaml")


# --- the author sees the diff of their own draft -----------------------------------------


def test_the_author_sees_the_diff_of_a_draft_never_published(client, auth, topics):
    author = make_cast()
    article = make_article(author, published=False, body="Eerste regel\n")
    url = f"/articles/{article.id}"
    auth.login(email="author@example.org")
    saved = save(client, f"{url}/edit", title=article.title, body="Andere regel\n")
    assert saved.status_code == 302
    page = client.get(f"{url}/diff")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "<ins><span" in text and "Andere regel</ins>" in text
    auth.logout()
    auth.login(email="member@example.org")
    assert client.get(f"{url}/diff").status_code == 404


def test_the_author_sees_a_draft_against_its_last_published_revision(client, auth, topics):
    author = make_cast()
    article = make_article(author, body="Gepubliceerde regel\n")
    unpublish(article)
    db.session.commit()
    url = f"/articles/{article.id}"
    auth.login(email="author@example.org")
    saved = save(client, f"{url}/edit", title=article.title, body="Nieuwe regel\n")
    assert saved.status_code == 302
    assert not only_article().published
    text = client.get(f"{url}/diff").get_data(as_text=True)
    assert "Gepubliceerde regel</del>" in text and "Nieuwe regel</ins>" in text
    assert client.get(f"{url}/diff?old=1&new=1").status_code == 200
    auth.logout()
    assert client.get(f"{url}/diff").status_code == 404


# --- ids in URLs are never reused ------------------------------------------------------------


def test_a_deleted_member_s_numbers_are_not_given_to_the_next_member(client, world):
    first = make_user(email="eerste@example.org", name="Eerste Lid")
    profile = make_profile(first, visibility=Visibility.PUBLIC, headline="Boekhouder")
    old_user_id, old_profile_id = first.id, profile.id
    delete_account(first, WritingChoice.DELETE)

    second = make_user(email="tweede@example.org", name="Tweede Lid")
    new_profile = make_profile(second, visibility=Visibility.PUBLIC, headline="Vertaler")
    assert second.id > old_user_id
    assert new_profile.id > old_profile_id
    assert client.get(f"/members/{old_profile_id}").status_code == 404


def test_the_migration_keeps_the_rows_and_gives_the_tables_autoincrement(tmp_path):
    path = tmp_path / "migrated.db"
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"})
    init_migrations(app)
    with app.app_context():
        upgrade(revision="c3d4e5f6a7b8")
        with db.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO users (id, email, name, role, session_token, created_at)"
                    " VALUES (7, 'a@example.org', 'A', 'member', 'x', '2026-01-01')"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO profiles (id, user_id, display_name, headline, bio, website,"
                    " portfolio, mentor, mentor_capacity, visibility, created_at, updated_at)"
                    " VALUES (9, 7, 'A', '', '', '', '', 0, 0, 'public', '2026-01-01',"
                    " '2026-01-01')"
                )
            )
        upgrade()
        with db.engine.begin() as connection:
            for table in ("users", "profiles", "articles", "offers", "contact_requests"):
                sql = connection.execute(
                    text("SELECT sql FROM sqlite_master WHERE name = :t"), {"t": table}
                ).scalar_one()
                assert "AUTOINCREMENT" in sql, sql
            # Dropping the old tables deleted nothing through ON DELETE CASCADE.
            assert connection.execute(text("SELECT user_id FROM profiles")).scalar_one() == 7
            assert connection.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
            connection.execute(text("DELETE FROM users"))
            connection.execute(
                text(
                    "INSERT INTO users (email, name, role, session_token, created_at)"
                    " VALUES ('b@example.org', 'B', 'member', 'y', '2026-01-01')"
                )
            )
            assert connection.execute(text("SELECT id FROM users")).scalar_one() == 8
        downgrade(revision="c3d4e5f6a7b8")
        upgrade()
        db.engine.dispose()


# --- reflected markup: the XSS lists in every text field, re-shown forms included --------


class PageAudit(HTMLParser):
    """What in a whole page could run: scripts, event handlers, script URLs, frames."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: set[str] = set()

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            source = dict(attrs).get("src") or ""
            if not source.startswith(OUR_SCRIPTS):
                self.problems.add(f"<script src={source!r}>")
        if tag in ("iframe", "frame", "object", "embed", "base", "applet", "meta"):
            self.problems.add(f"<{tag} {sorted(attrs)}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.add(f"{name} on <{tag}>")
            if value and name in ("href", "src", "action", "formaction", "xlink:href", "data"):
                squashed = re.sub(r"[\t\n\r]", "", value).strip(C0_AND_SPACE).lower()
                if squashed.startswith(("javascript:", "vbscript:", "data:")):
                    self.problems.add(f"{name}={value!r} on <{tag}>")

    handle_startendtag = handle_starttag


def page_problems(html: str) -> set[str]:
    parser = PageAudit()
    parser.feed(html)
    parser.close()
    return parser.problems


class FormFields(HTMLParser):
    """The names of a page's text inputs and text areas."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.names: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        kind = attributes.get("type", "text")
        name = attributes.get("name")
        text = tag == "textarea" or (tag == "input" and kind in TEXT_INPUTS)
        if text and name and name != "csrf_token":
            self.names.append(name)


TEXT_INPUTS = {"text", "search", "url", "email", "tel"}


def text_fields(html: str) -> list[str]:
    parser = FormFields()
    parser.feed(html)
    return list(dict.fromkeys(parser.names))


def batches(payloads: list[str], size: int = 60) -> list[str]:
    """The payloads a few dozen at a time, one a line (few requests cover them all)."""
    return ["\n".join(payloads[i : i + size]) for i in range(0, len(payloads), size)]


def assert_form_keeps_payloads_inert(client, url: str, valid: dict, fields=None) -> None:
    """Every batch of payloads in every text field of the form at ``url``: the answer
    (a re-shown form or the saved result) carries nothing that would run."""
    page = client.get(url)
    assert page.status_code == 200
    allowed = page_problems(page.get_data(as_text=True))
    names = fields or text_fields(page.get_data(as_text=True))
    assert names, f"no text fields on {url}"
    token = csrf_token(client, url)
    failures = {}
    for name in names:
        for batch in batches(PAYLOADS):
            response = client.post(
                url, data={**valid, name: batch, "csrf_token": token}, follow_redirects=True
            )
            assert response.status_code < 500, (name, response.status_code)
            found = page_problems(response.get_data(as_text=True)) - allowed
            if found:
                failures[name] = sorted(found)[:3]
    assert not failures, failures


def test_no_payload_comes_back_executable_from_the_article_form(client, auth, topics):
    make_cast()
    auth.login(email="author@example.org")
    valid = article_data(action="preview")
    assert_form_keeps_payloads_inert(client, "/articles/new", valid)


def test_a_rejected_tag_is_shown_as_text_in_the_re_shown_form(client, auth, topics):
    """The probe's finding: one payload alone in the tags field is named in the error
    message of the re-shown form. Each payload with a script or an SVG, and a tenth of
    the others, one request each."""
    make_cast()
    auth.login(email="author@example.org")
    allowed = page_problems(client.get("/articles/new").get_data(as_text=True))
    token = csrf_token(client, "/articles/new")
    chosen = [
        payload
        for number, payload in enumerate(PAYLOADS)
        if "<script" in payload.lower() or "<svg" in payload.lower() or number % 10 == 0
    ]
    failures = {}
    for payload in chosen:
        data = {**article_data(tags=payload), "csrf_token": token}
        response = client.post("/articles/new", data=data)
        assert response.status_code < 500
        found = page_problems(response.get_data(as_text=True)) - allowed
        if found:
            failures[payload] = sorted(found)
    assert not failures, f"{len(failures)} payloads came back as markup: {list(failures)[:5]}"


def test_no_payload_comes_back_executable_from_the_profile_form(client, auth, world):
    make_user()
    auth.login()
    assert_form_keeps_payloads_inert(client, "/members/me/edit", profile_data())


def test_no_payload_comes_back_executable_from_the_search_page(client, world):
    failures = {}
    allowed = page_problems(client.get("/search").get_data(as_text=True))
    for batch in batches(PAYLOADS, size=30):
        for query in (batch, batch.replace("\n", " ")):
            response = client.get("/search", query_string={"q": query, "place": query})
            assert response.status_code < 500
            found = page_problems(response.get_data(as_text=True)) - allowed
            if found:
                failures[query[:80]] = sorted(found)
    assert not failures, failures
