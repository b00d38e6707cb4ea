"""What a black-box probe of the running site found, kept fixed (issue 25)."""

from __future__ import annotations

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
from tests.helpers import make_user
from tests.test_articles import make_article, make_cast, only_article, save
from tests.test_members import make_profile


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
