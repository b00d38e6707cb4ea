"""What a black-box probe of the running site found, kept fixed (issue 25)."""

from __future__ import annotations

import pytest

from app.articles.editing import unpublish
from app.articles.guides import load_topics
from app.extensions import db
from tests.test_articles import make_article, make_cast, only_article, save


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
