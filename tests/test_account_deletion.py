"""Deleting an account: what goes, what stays as "a former member", and that nothing of the
member is left in the database or in the search index files."""

from __future__ import annotations

import re
import zlib
from pathlib import Path

import pytest
from flask import current_app
from flask_babel import force_locale
from sqlalchemy import func, select

from app.accounts.models import User
from app.articles.models import Article, ArticleRevision, Comment
from app.connections.models import ContactRequest, Mentorship, MentorshipNote
from app.extensions import db
from app.members.models import Profile
from app.needs.models import Need, NeedResponse
from app.notifications.models import Notification
from app.search.indexer import apply_outbox
from app.search.rebuilding import rebuild
from tests.helpers import PASSWORD, post_form
from tests.personal_scene import AN_EMAIL, AN_NAME, AN_WORD, build_scene

pytestmark = pytest.mark.usefixtures("world")


def database_text() -> str:
    """The whole database as text: SQLite's own dump, else every row of every table."""
    if db.engine.dialect.name == "sqlite":
        raw = db.engine.raw_connection()
        try:
            return "\n".join(raw.driver_connection.iterdump())
        finally:
            raw.close()
    rows = []
    for table in db.metadata.sorted_tables:
        rows += [repr(tuple(row)) for row in db.session.execute(table.select())]
    return "\n".join(rows)


def index_text() -> str:
    """Every file of the search index directory, read raw, with what is compressed in them.

    Whoosh keeps terms as they are, but stores each document's fields zlib-compressed:
    every stream that inflates is added, so a stored name is found as well as a term.
    """
    root = Path(current_app.config["SEARCH_INDEX_DIR"])
    parts = []
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        parts.append(data.decode("latin-1"))
        for offset in range(len(data) - 1):
            if data[offset] != 0x78:  # the first byte of a zlib stream
                continue
            try:
                inflated = zlib.decompressobj().decompress(data[offset:])
            except zlib.error:
                continue
            parts.append(inflated.decode("utf-8", errors="ignore"))
    return "\n".join(parts)


def traces(text: str) -> list[str]:
    """Which of An's name, e-mail and surname (as the index folds it) ``text`` holds."""
    return [needle for needle in (AN_NAME, AN_EMAIL, AN_WORD) if needle in text]


def delete_an(client, auth, writing: str):
    auth.login(AN_EMAIL, PASSWORD)
    return post_form(
        client,
        "/settings/delete",
        {"current": PASSWORD, "confirm": "y", "writing": writing},
    )


@pytest.mark.parametrize("rebuilt", [False, True], ids=["", "after-a-rebuild"])
@pytest.mark.parametrize("writing", ["keep", "delete"])
def test_nothing_of_the_member_stays_in_the_database_or_the_index(
    app, client, auth, writing, rebuilt
):
    an_id = build_scene().an.id
    apply_outbox(wait=True)
    if rebuilt:
        # The replaced directory is kept for a while: it holds her too, and must go.
        rebuild()
        assert len(list(Path(current_app.config["SEARCH_INDEX_DIR"]).glob("index-*"))) == 2
    # The test can see her: before, both the database and the index hold her.
    assert traces(database_text()) and traces(index_text()) == [AN_NAME, AN_WORD]

    response = delete_an(client, auth, writing)
    assert response.status_code == 302
    apply_outbox(wait=True)
    db.session.expire_all()
    assert traces(database_text()) == []
    index = index_text()
    assert traces(index) == []
    assert db.session.get(User, an_id) is None
    # The rest of the community is still searchable.
    assert "Bo Dubois" in index and "dubois" in index


def test_keeping_the_writing_leaves_it_to_a_former_member(app, client, auth):
    scene = build_scene()
    ids = {
        "article": scene.an_article.id,
        "draft": scene.an_draft.id,
        "comment": scene.an_comment.id,
        "bo_article": scene.bo_article.id,
        "need": scene.an_need.id,
    }
    delete_an(client, auth, "keep")
    db.session.expire_all()
    article = db.session.get(Article, ids["article"])
    assert article.author_id is None and article.published
    assert db.session.get(Article, ids["draft"]) is None
    assert db.session.get(Comment, ids["comment"]).author_id is None
    # Her revisions keep their text, not her.
    revisions = db.session.scalars(select(ArticleRevision).order_by(ArticleRevision.id)).all()
    assert None in {revision.author_id for revision in revisions}
    assert "Daarna." in {revision.body for revision in revisions}
    page = client.get(f"/articles/{ids['article']}").get_data(as_text=True)
    assert "A former member" in page and AN_NAME not in page
    page = client.get(f"/articles/{ids['bo_article']}").get_data(as_text=True)
    assert "Heel helder, dank je!" in page and "A former member" in page
    assert db.session.get(Need, ids["need"]) is None


def test_deleting_the_writing_removes_it(app, client, auth):
    scene = build_scene()
    article_id, comment_id = scene.an_article.id, scene.an_comment.id
    delete_an(client, auth, "delete")
    db.session.expire_all()
    assert db.session.get(Article, article_id) is None
    assert db.session.get(Comment, comment_id) is None
    assert client.get(f"/articles/{article_id}").status_code == 404


def test_profile_needs_requests_mentorships_go_and_others_keep_their_part(app, client, auth):
    scene = build_scene()
    bo_id, an_id = scene.bo.id, scene.an.id
    delete_an(client, auth, "keep")
    db.session.expire_all()
    for model, column in (
        (Profile, Profile.user_id),
        (Need, Need.author_id),
        (NeedResponse, NeedResponse.author_id),
        (ContactRequest, ContactRequest.sender_id),
        (ContactRequest, ContactRequest.recipient_id),
        (Mentorship, Mentorship.mentee_id),
    ):
        assert (
            db.session.scalar(select(func.count()).select_from(model).where(column == an_id)) == 0
        )
    assert db.session.scalar(select(func.count(MentorshipNote.id))) == 0
    # Bo's notification about her response reads as from a former member.
    notification = db.session.scalar(select(Notification).where(Notification.user_id == bo_id))
    assert notification.actor_id is None and notification.actor_name == ""
    with force_locale("en"):
        assert notification.message.startswith("A former member responded")
    assert db.session.get(User, bo_id) is not None


def test_the_address_can_register_again(app, client, auth):
    build_scene()
    delete_an(client, auth, "delete")
    response = post_form(
        client,
        "/register",
        {"name": "An Nieuw", "email": AN_EMAIL, "password": PASSWORD, "confirm": PASSWORD},
    )
    assert response.status_code == 302
    assert User.by_email(AN_EMAIL).name == "An Nieuw"


def test_the_delete_page_offers_the_choice(app, client, auth):
    build_scene()
    auth.login(AN_EMAIL, PASSWORD)
    page = client.get("/settings/delete").get_data(as_text=True)
    assert 'value="keep"' in page and 'value="delete"' in page
    # Delete is the choice made for a member who does not choose.
    assert re.search(r'<input[^>]*checked[^>]*value="delete"', page)
