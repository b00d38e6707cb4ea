"""Articles: drafts and publishing, access rules, revisions, readers, lists, feeds, bad input."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import feedparser
import pytest
from sqlalchemy import event, func, select, update
from werkzeug.security import generate_password_hash

from app.accounts.models import Role, User
from app.articles.editing import publish
from app.articles.guides import load_topics
from app.articles.models import (
    Article,
    ArticleRevision,
    ArticleTag,
    ArticleVisibility,
    Comment,
    HelpfulMark,
    Topic,
)
from app.articles.tags import TagError, normalise_tags
from app.clock import utcnow
from app.extensions import db
from app.rendering import ALLOWED_ATTRIBUTES, render_article
from tests.helpers import PASSWORD, csrf_token, post_form
from tests.test_rendering import PAYLOADS, audit

ATOM = "{http://www.w3.org/2005/Atom}"
# Scrypt takes a tenth of a second per hash: these tests sign in dozens of members.
FAST_HASH = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1")


def make_member(
    email: str = "an@example.org", name: str = "An Peeters", role: Role = Role.MEMBER, **fields
) -> User:
    """Add and commit a user who signs in with PASSWORD (hashed cheaply, for speed)."""
    user = User(email=email, name=name, role=role, password_hash=FAST_HASH, **fields)
    db.session.add(user)
    db.session.commit()
    return user


@pytest.fixture
def topics(app):
    load_topics("content/topics.yaml")


def make_article(
    author,
    title="Een dagtarief bepalen",
    published=True,
    visibility=ArticleVisibility.PUBLIC,
    topics=(),
    tags=(),
    **fields,
) -> Article:
    """Add and commit an article (published ones with their first revision)."""
    article = Article(
        author_id=author.id,
        title=title,
        summary=fields.pop("summary", "Hoe je een dagtarief berekent."),
        body=fields.pop("body", "## Stap 1\n\nReken **eerst** je kosten uit.\n"),
        language=fields.pop("language", "nl"),
        visibility=visibility,
        published=False,
        **fields,
    )
    article.topics = [db.session.scalar(select(Topic).where(Topic.slug == s)) for s in topics]
    article.tags = [ArticleTag(name=name) for name in tags]
    db.session.add(article)
    db.session.flush()
    if published:
        publish(article, author)
    db.session.commit()
    return article


def article_data(**changes) -> dict:
    data = {
        "title": "Je eerste klanten vinden",
        "summary": "Waar je begint als je nog niemand kent.",
        "body": "## Netwerk\n\nVertel **iedereen** wat je doet.\n",
        "language": "nl",
        "topics": ["finding-clients", "starting-out"],
        "tags": " Netwerk, netwerk , Eerste Klanten",
        "skills-0-name": "",
        "visibility": "public",
        "translation_of": "",
        "action": "save",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


_EDITING_SINCE = re.compile(r'name="editing_since"[^>]*value="([^"]*)"')


def editing_since(client, url: str) -> str | None:
    """The version of the article its editor at ``url`` was opened on, as a browser sends it."""
    found = _EDITING_SINCE.search(client.get(url).get_data(as_text=True))
    return found.group(1) if found else None


def save(client, url="/articles/new", **changes):
    data = article_data(**changes)
    if url.endswith("/edit") and "editing_since" not in changes:
        data["editing_since"] = editing_since(client, url)
    return post_form(client, url, {k: v for k, v in data.items() if v is not None}, page=url)


def only_article() -> Article:
    db.session.expire_all()
    return db.session.scalar(select(Article))


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def login_as(auth, email):
    auth.logout()
    assert auth.login(email=email).status_code == 302


# --- writing, drafts and publishing ------------------------------------------------------------


def test_a_draft_is_seen_by_its_author_only_until_published(client, auth, topics):
    make_member()
    make_member(email="other@example.org", name="Olga Other")
    auth.login()
    response = save(client, action="save")
    assert response.status_code == 302, response.get_data(as_text=True)[-2000:]
    article = only_article()
    assert article.published is False and article.published_at is None
    assert article.tag_names == ["eerste-klanten", "netwerk"]
    assert sorted(t.slug for t in article.topics) == ["finding-clients", "starting-out"]
    url = f"/articles/{article.id}"
    page = client.get(url).get_data(as_text=True)
    assert "Draft: only you can see it." in page
    assert "<strong>iedereen</strong>" in page
    assert article.title not in client.get("/articles/").get_data(as_text=True)
    assert count(ArticleRevision) == 0

    login_as(auth, "other@example.org")
    assert client.get(url).status_code == 404
    assert client.get(f"{url}/edit").status_code == 404
    assert client.get(f"{url}/history").status_code == 404
    auth.logout()
    assert client.get(url).status_code == 404

    login_as(auth, "an@example.org")
    published = save(client, f"{url}/edit", action="publish")
    assert published.status_code == 302
    article = only_article()
    assert article.published and article.published_at is not None
    assert [r.number for r in article.revisions] == [1]
    auth.logout()
    assert client.get(url).status_code == 200
    assert article.title in client.get("/articles/").get_data(as_text=True)


def test_publish_and_unpublish_buttons(client, auth, topics):
    author = make_member()
    article = make_article(author, published=False)
    auth.login()
    response = post_form(client, f"/articles/{article.id}/publish", page=f"/articles/{article.id}")
    assert response.status_code == 302
    assert only_article().published
    response = post_form(
        client, f"/articles/{article.id}/unpublish", page=f"/articles/{article.id}"
    )
    assert response.status_code == 302
    article = only_article()
    assert not article.published and article.published_at is not None
    auth.logout()
    assert client.get(f"/articles/{article.id}").status_code == 404


def test_staff_may_unpublish_but_not_members(client, auth, topics):
    author = make_cast()
    article = make_article(author)
    url = f"/articles/{article.id}/unpublish"
    auth.login(email="member@example.org")
    assert post_form(client, url, page="/").status_code == 403
    login_as(auth, "staff@example.org")
    assert post_form(client, url, page="/").headers["Location"] == "/articles/"
    assert only_article().published is False
    assert client.get(f"/articles/{article.id}").status_code == 404


VIEWERS = ["anonymous", "member", "author", "staff"]
# For each state of an article, what each viewer (in VIEWERS order) gets.
SHOW_STATUS = {
    "draft": (404, 404, 200, 404),
    "public": (200, 200, 200, 200),
    "members": (302, 200, 200, 200),
}
LISTED = {
    "draft": (False, False, False, False),
    "public": (True, True, True, True),
    "members": (False, True, True, True),
}
EDIT_STATUS = {
    "draft": (302, 404, 200, 404),
    "public": (302, 403, 200, 200),
    "members": (302, 403, 200, 200),
}


def make_cast():
    author = make_member(email="author@example.org", name="Aline Author")
    make_member(email="member@example.org", name="Mo Member")
    make_member(email="staff@example.org", name="Sam Staff", role=Role.STAFF)
    return author


@pytest.mark.parametrize("state", ["draft", "public", "members"])
@pytest.mark.parametrize("viewer", VIEWERS)
def test_who_sees_and_edits_what(client, auth, topics, viewer, state):
    author = make_cast()
    article = make_article(
        author,
        title="Zichtbaarheidstest",
        published=state != "draft",
        visibility=ArticleVisibility.MEMBERS if state == "members" else ArticleVisibility.PUBLIC,
        topics=["pricing"],
        tags=["prijs"],
    )
    if viewer != "anonymous":
        assert auth.login(email=f"{viewer}@example.org").status_code == 302
    index = VIEWERS.index(viewer)
    response = client.get(f"/articles/{article.id}")
    assert response.status_code == SHOW_STATUS[state][index]
    if response.status_code == 302:
        assert response.headers["Location"].startswith("/login?next=")
    assert client.get(f"/articles/{article.id}/edit").status_code == EDIT_STATUS[state][index]
    for url in ("/articles/", "/articles/topics/pricing", "/articles/tags/prijs"):
        listed = "Zichtbaarheidstest" in client.get(url).get_data(as_text=True)
        assert listed is LISTED[state][index], url
    assert "author@example.org" not in response.get_data(as_text=True)


def test_staff_edit_of_a_published_article_is_a_revision_by_staff(client, auth, topics):
    author = make_cast()
    article = make_article(author)
    auth.login(email="staff@example.org")
    page = client.get(f"/articles/{article.id}/edit").get_data(as_text=True)
    assert 'value="Een dagtarief bepalen"' in page
    response = save(
        client,
        f"/articles/{article.id}/edit",
        title="Een dagtarief bepalen",
        body="## Stap 1\n\nReken je kosten uit (link verwijderd door de moderatie).\n",
    )
    assert response.status_code == 302
    article = only_article()
    assert article.author_id == author.id and article.published
    assert [(r.number, r.author.email) for r in article.revisions] == [
        (1, "author@example.org"),
        (2, "staff@example.org"),
    ]


def test_only_the_author_deletes_an_article(client, auth, topics):
    author = make_cast()
    article = make_article(author)
    client_comment = Comment(article_id=article.id, author_id=author.id, body="ok")
    db.session.add(client_comment)
    db.session.commit()
    url = f"/articles/{article.id}/delete"
    for email, status in (("member@example.org", 403), ("staff@example.org", 403)):
        login_as(auth, email)
        assert client.get(url).status_code == status
        assert client.post(url, data={"csrf_token": csrf_token(client, "/")}).status_code == status
    login_as(auth, "author@example.org")
    assert "deleted for good" in client.get(url).get_data(as_text=True)
    assert post_form(client, url).headers["Location"] == "/articles/mine"
    assert count(Article) == count(ArticleRevision) == count(Comment) == 0


@pytest.mark.parametrize(
    "url",
    [
        "/articles/{id}/publish",
        "/articles/{id}/unpublish",
        "/articles/{id}/helpful",
        "/articles/{id}/comments",
        "/articles/{id}/revisions/1/restore",
        "/articles/{id}/comments/{comment}/delete",
        "/articles/preview",
    ],
)
def test_state_changes_need_post_and_csrf(client, auth, topics, url):
    author = make_member()
    reader = make_member(email="reader@example.org", name="Rita Reader", role=Role.STAFF)
    article = make_article(author)
    note = Comment(article_id=article.id, author_id=reader.id, body="Dank je!")
    db.session.add(note)
    db.session.commit()
    url = url.format(id=article.id, comment=note.id)
    auth.login(email="reader@example.org")
    assert client.get(url).status_code == 405
    assert client.post(url, data={"body": "x"}).status_code == 400
    assert count(Comment) == 1 and count(HelpfulMark) == 0
    assert only_article().published


# --- bad input -----------------------------------------------------------------------------------


# Each bad input, and a piece of the error message the editor shows for it.
BAD_INPUT = [
    ({"title": ""}, "Give the article a title"),
    ({"title": "   "}, "Give the article a title"),
    ({"title": "x" * 201}, "at most 200 characters"),
    ({"title": "<script>alert(1)</script>"}, "plain text"),
    ({"title": "tab\x07bell"}, "control characters"),
    ({"summary": ""}, "Write a short summary"),
    ({"summary": "y" * 301}, "at most 300 characters"),
    ({"summary": "<img src=x onerror=alert(1)>"}, "plain text"),
    ({"body": ""}, "Write something first"),
    ({"body": "z" * 50_001}, "at most 50000 characters"),
    ({"body": "null\x00byte"}, "control characters"),
    ({"language": "de"}, "Not a valid choice"),
    ({"topics": ["astrology"]}, "not a valid choice"),
    (
        {"topics": ["pricing", "tools", "training", "funding", "wellbeing", "contracts"]},
        "at most 5",
    ),
    ({"tags": "<b>bold</b>"}, "plain text"),
    ({"tags": "a/b"}, "cannot be a tag"),
    ({"tags": "x" * 41}, "at most 40 characters"),
    ({"tags": ",".join(f"t{i}" for i in range(11))}, "at most 10 tags"),
    ({"tags": "ok, tab\x01"}, "control characters"),
    ({"skills-0-name": "Kalligrafie met ganzenveren"}, "do not know the skill"),
    ({"skills-0-name": "s" * 101}, "at most 100 characters"),
    ({"visibility": "everyone"}, "Not a valid choice"),
    ({"translation_of": "999"}, "Not a valid choice"),
    ({"translation_of": "abc"}, "Not a valid choice"),
]


def test_bad_input_is_refused_and_nothing_saved_is_lost(client, auth, topics, world):
    make_member()
    auth.login()
    assert save(client, action="publish").status_code == 302
    url = f"/articles/{only_article().id}/edit"
    token = csrf_token(client, url)
    for changes, message in BAD_INPUT:
        data = article_data(**{"title": "Nieuwe titel, niet bewaard", **changes})
        response = client.post(url, data={**data, "csrf_token": token})
        assert response.status_code == 200, changes
        page = response.get_data(as_text=True)
        assert message.lower() in page.lower(), changes
        if "title" not in changes:
            assert 'value="Nieuwe titel, niet bewaard"' in page, changes  # what was typed is kept
    article = only_article()
    assert article.title == "Je eerste klanten vinden"
    assert article.tag_names == ["eerste-klanten", "netwerk"]
    assert len(article.revisions) == 1


def test_bad_input_on_a_new_article_saves_nothing(client, auth, topics):
    make_member()
    auth.login()
    response = save(client, title="", body="Mijn **tekst** blijft staan")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Mijn **tekst** blijft staan" in page
    assert "<strong>tekst</strong>" in page  # and its preview is shown
    assert count(Article) == 0


def test_errors_speak_the_writers_language(client, auth, topics):
    make_member(locale="fr")
    auth.login()
    page = save(client, language="xx").get_data(as_text=True)
    assert '<html lang="fr">' in page
    assert "Not a valid choice" not in page
    assert count(Article) == 0


def test_skills_resolve_through_the_taxonomy(client, auth, topics, world):
    make_member()
    auth.login()
    response = save(
        client,
        **{"skills-0-name": "comptabilité", "skills-1-name": "Boekhouding", "skills-2-name": "btw"},
    )
    assert response.status_code == 302
    article = only_article()
    assert [row.skill.slug for row in article.skills] == ["bookkeeping", "vat"]
    page = client.get(f"/articles/{article.id}/edit").get_data(as_text=True)
    assert 'data-autocomplete="/skills/suggest"' in page


def test_preview_action_saves_nothing(client, auth, topics):
    make_member()
    auth.login()
    response = save(client, action="preview", body="# Kop\n\n*schuin*")
    assert response.status_code == 200
    assert "<em>schuin</em>" in response.get_data(as_text=True)
    assert count(Article) == 0


# --- tags ---------------------------------------------------------------------------------------


def test_tags_are_normalised():
    assert normalise_tags([" Prijs ", "prijs", "Dag  Tarief", "first_clients", "C++", ""]) == [
        "prijs",
        "dag-tarief",
        "first-clients",
        "c++",
    ]
    assert normalise_tags(["Délai-de-Paiement", "DÉLAI-DE-PAIEMENT"]) == ["délai-de-paiement"]
    for bad in ("<script>", "a/b", "#x", "x" * 41, "nul\x00"):
        with pytest.raises(TagError):
            normalise_tags([bad])


def test_tag_pages_use_the_normal_form(client, topics):
    author = make_member()
    make_article(author, tags=["dag-tarief"])
    assert (
        client.get("/articles/tags/Dag Tarief").headers["Location"] == "/articles/tags/dag-tarief"
    )
    assert "Een dagtarief bepalen" in client.get("/articles/tags/dag-tarief").get_data(as_text=True)
    assert client.get("/articles/tags/---").status_code == 404


# --- revisions ----------------------------------------------------------------------------------


def test_the_title_in_a_diff_is_labelled_as_the_reader_s_language_writes_it(client, auth, topics):
    article = make_article(make_cast())
    url = f"/articles/{article.id}"
    auth.login(email="author@example.org")
    saved = save(client, f"{url}/edit", title="Een nieuwe titel", body=article.body)
    assert saved.status_code == 302
    labels = {"fr": "Titre\u00a0:</strong>", "nl": "Titel:</strong>", "en": "Title:</strong>"}
    for lang, label in labels.items():
        post_form(client, "/language", {"language": lang}, page=url)
        diff = client.get(f"{url}/diff").get_data(as_text=True)
        assert label in diff and "<ins>Een nieuwe titel</ins>" in diff


def signed_in_client(app, email: str):
    """A browser of its own, signed in as ``email``."""
    other = app.test_client()
    assert post_form(other, "/login", {"email": email, "password": PASSWORD}).status_code == 302
    return other


def test_a_save_over_changes_made_meanwhile_is_stopped_and_keeps_what_was_typed(
    app, client, auth, topics
):
    article = make_article(make_cast())
    url = f"/articles/{article.id}/edit"
    auth.login(email="author@example.org")
    opened = editing_since(client, url)
    staff = signed_in_client(app, "staff@example.org")
    assert save(staff, url, body="Door de redactie nagekeken.\n").status_code == 302

    response = save(client, url, body="Mijn eigen versie.\n", editing_since=opened)
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "saved elsewhere" in page and "Mijn eigen versie." in page
    assert f'href="/articles/{article.id}/history"' in page
    article = only_article()
    assert article.body == "Door de redactie nagekeken.\n"
    assert [revision.number for revision in article.revisions] == [1, 2]
    # The editor now stands on the version saved meanwhile: saving again replaces it.
    again = _EDITING_SINCE.search(page).group(1)
    assert again != opened
    assert save(client, url, body="Mijn eigen versie.\n", editing_since=again).status_code == 302
    article = only_article()
    assert article.body == "Mijn eigen versie.\n"
    assert [revision.number for revision in article.revisions] == [1, 2, 3]


def test_a_save_committed_after_the_article_was_read_is_not_overwritten(app, client, auth, topics):
    """The other save commits while this request runs: after it read the article, before
    it writes."""
    article = make_article(make_cast())
    url = f"/articles/{article.id}/edit"
    auth.login(email="author@example.org")
    data = {
        **article_data(body="Mijn eigen versie.\n"),
        "editing_since": editing_since(client, url),
        "csrf_token": csrf_token(client, url),
    }
    others = []

    def other_save_first(target, _context):
        if not others:
            with db.engine.begin() as connection:
                others.append(
                    connection.execute(
                        update(Article)
                        .where(Article.id == target.id)
                        .values(body="Tegelijk bewaard.\n", updated_at=utcnow())
                    )
                )

    event.listen(Article, "load", other_save_first)
    try:
        response = client.post(url, data=data)
    finally:
        event.remove(Article, "load", other_save_first)
    assert len(others) == 1
    assert response.status_code == 409
    assert only_article().body == "Tegelijk bewaard.\n"


def test_revisions_diff_and_restore(client, auth, topics):
    author = make_cast()
    article = make_article(author, body="Eerste regel\nTweede regel\n")
    url = f"/articles/{article.id}"
    auth.login(email="author@example.org")
    for body in ("Eerste regel\nTweede <script>alert(1)</script>\n", "Eerste regel\nDerde regel\n"):
        assert save(client, f"{url}/edit", title=article.title, body=body).status_code == 302
    # Saving the same text again keeps no empty revision.
    same = save(client, f"{url}/edit", title=article.title, body="Eerste regel\nDerde regel\n")
    assert same.status_code == 302
    article = only_article()
    assert [r.number for r in article.revisions] == [1, 2, 3]

    history = client.get(f"{url}/history").get_data(as_text=True)
    assert "current" in history and 'name="old" value="1"' in history

    diff = client.get(f"{url}/diff?old=1&new=2").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in diff
    assert "<script>alert(1)" not in diff
    assert re.search(r"<del>.*Tweede regel</del>", diff)
    assert re.search(r"<ins>.*Tweede &lt;script&gt;", diff)
    assert client.get(f"{url}/diff").status_code == 200  # the latest against the one before
    assert client.get(f"{url}/diff?old=1&new=99").status_code == 404
    assert client.get(f"{url}/diff?old=x&new=y").status_code == 200

    login_as(auth, "member@example.org")
    assert post_form(client, f"{url}/revisions/1/restore", page=url).status_code == 403
    auth.logout()
    anonymous = client.post(f"{url}/revisions/1/restore", data={"csrf_token": csrf_token(client)})
    assert anonymous.status_code == 302 and "/login" in anonymous.headers["Location"]

    login_as(auth, "author@example.org")
    assert post_form(client, f"{url}/revisions/1/restore", page=url).status_code == 302
    article = only_article()
    assert article.body == "Eerste regel\nTweede regel\n"
    assert [(r.number, r.restored_from) for r in article.revisions][-1] == (4, 1)
    # Restoring what is already the text changes nothing.
    post_form(client, f"{url}/revisions/1/restore", page=url)
    assert len(only_article().revisions) == 4
    assert post_form(client, f"{url}/revisions/42/restore", page=url).status_code == 404

    login_as(auth, "staff@example.org")
    assert post_form(client, f"{url}/revisions/3/restore", page=url).status_code == 302
    last = only_article().revisions[-1]
    assert (last.number, last.restored_from, last.author.email) == (5, 3, "staff@example.org")


# --- helpful marks and comments -----------------------------------------------------------------


def test_helpful_marks_once_per_member_and_never_by_the_author(client, auth, topics):
    author = make_cast()
    article = make_article(author)
    draft = make_article(author, title="Klad", published=False)
    url = f"/articles/{article.id}/helpful"
    page = f"/articles/{article.id}"

    anonymous = client.post(url, data={"csrf_token": csrf_token(client)})
    assert anonymous.status_code == 302 and "/login" in anonymous.headers["Location"]
    auth.login(email="author@example.org")
    assert post_form(client, url, page=page).status_code == 403
    assert "This was helpful" not in client.get(page).get_data(as_text=True)
    login_as(auth, "member@example.org")
    assert post_form(client, f"/articles/{draft.id}/helpful", page=page).status_code == 404
    assert post_form(client, url, page=page).status_code == 302
    assert count(HelpfulMark) == 1
    assert "1 member found this helpful." in client.get(page).get_data(as_text=True)
    assert post_form(client, url, page=page).status_code == 302  # taken back
    assert count(HelpfulMark) == 0
    post_form(client, url, page=page)
    login_as(auth, "staff@example.org")
    post_form(client, url, page=page)
    assert "2 members found this helpful." in client.get(page).get_data(as_text=True)


def test_comments_and_who_may_delete_them(client, auth, topics):
    author = make_cast()
    make_member(email="writer@example.org", name="Wout Writer")
    article = make_article(author)
    page = f"/articles/{article.id}"
    url = f"{page}/comments"

    anonymous = client.post(url, data={"body": "hoi", "csrf_token": csrf_token(client, page)})
    assert anonymous.status_code == 302 and "/login" in anonymous.headers["Location"]
    assert count(Comment) == 0

    auth.login(email="writer@example.org")
    response = post_form(client, url, {"body": "Heel **nuttig**, dank je!"}, page=page)
    assert response.status_code == 302
    comment_id = db.session.scalar(select(Comment.id))
    assert response.headers["Location"].endswith(f"#comment-{comment_id}")
    shown = client.get(page).get_data(as_text=True)
    assert "Heel <strong>nuttig</strong>, dank je!" in shown and "Wout Writer" in shown

    for body, message in (("", "Write something first"), ("x" * 5001, "at most 5000")):
        refused = post_form(client, url, {"body": body}, page=page)
        assert refused.status_code == 200
        assert message in refused.get_data(as_text=True)
    kept = post_form(client, url, {"body": "bel\x07 " + "lang " * 5}, page=page)
    assert "control characters" in kept.get_data(as_text=True)
    assert "lang lang" in kept.get_data(as_text=True)
    assert count(Comment) == 1

    delete = f"{url}/{comment_id}/delete"
    login_as(auth, "member@example.org")
    assert post_form(client, delete, page=page).status_code == 403
    assert "Delete this comment" not in client.get(page).get_data(as_text=True)
    other = make_article(author, title="Een ander artikel")
    wrong = f"/articles/{other.id}/comments/{comment_id}/delete"
    login_as(auth, "staff@example.org")
    assert post_form(client, wrong, page=page).status_code == 404
    for email in ("writer@example.org", "author@example.org", "staff@example.org"):
        login_as(auth, email)
        assert "Delete this comment" in client.get(page).get_data(as_text=True)
    writer_id = db.session.scalar(select(Comment.author_id))
    db.session.add_all(
        Comment(article_id=article.id, author_id=writer_id, body=f"nog {n}") for n in range(2)
    )
    db.session.commit()
    for email in ("writer@example.org", "author@example.org", "staff@example.org"):
        login_as(auth, email)
        victim = db.session.scalar(select(Comment.id).order_by(Comment.id.desc()))
        assert post_form(client, f"{url}/{victim}/delete", page=page).status_code == 302
    assert count(Comment) == 0


def test_no_comments_on_drafts(client, auth, topics):
    author = make_member()
    draft = make_article(author, published=False)
    auth.login()
    response = post_form(client, f"/articles/{draft.id}/comments", {"body": "x"}, page="/")
    assert response.status_code == 404


# --- XSS through the real pages ------------------------------------------------------------------

SAMPLE_PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "<svg/onload=alert(1)>",
    '"><iframe src="javascript:alert(1)">',
    "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)>",
    *PAYLOADS[::250],
]


def inner_html(page: str, start_tag: str) -> list[str]:
    """The inner HTML of each <div> opened by ``start_tag`` (sanitised HTML is balanced)."""
    found = []
    for match in re.finditer(re.escape(start_tag), page):
        start = match.end()
        depth = 1
        for tag in re.finditer(r"<(/?)div\b", page[start:]):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                found.append(page[start : start + tag.start()])
                break
    return found


@pytest.mark.parametrize(
    "template", ["{}", "[click]({})", "![image]({})"], ids=["raw", "link", "image"]
)
def test_xss_payloads_in_articles_and_comments_do_not_survive(client, auth, topics, template):
    author = make_member()
    make_member(email="reader@example.org", name="Rita Reader")
    auth.login()
    body = "\n\n".join(template.format(payload) for payload in SAMPLE_PAYLOADS)
    assert save(client, action="publish", body=body).status_code == 302
    page = f"/articles/{only_article().id}"

    shown = client.get(page).get_data(as_text=True)
    [article_body] = inner_html(shown, '<div class="user-content article-body mb-4">')
    assert "<p>" in article_body and audit(article_body) == []

    preview = post_form(client, "/articles/preview", {"body": body}, page="/articles/new")
    assert preview.status_code == 200
    assert audit(preview.get_data(as_text=True)) == []

    login_as(auth, "reader@example.org")
    assert post_form(client, f"{page}/comments", {"body": body}, page=page).status_code == 302
    shown = client.get(page).get_data(as_text=True)
    [comment] = inner_html(shown, '<div class="user-content comment-body">')
    assert "<p>" in comment and audit(comment) == []

    feed = feedparser.parse(client.get("/articles/feed.atom").data)
    assert not feed.bozo and audit(feed.entries[0].content[0].value) == []
    assert author.email not in shown


def test_articles_are_rendered_safely_against_every_payload():
    failures = {}
    for payload in PAYLOADS:
        for template in ("{}", "[click]({})", "![image]({})"):
            html = str(render_article(template.format(payload)).html)
            problems = audit(html)
            if problems:
                failures[payload] = problems
    assert not failures, f"{len(failures)} payloads got through, e.g. {list(failures.items())[:3]}"


# --- rendering and preview ----------------------------------------------------------------------


def test_article_rendering_anchors_toc_and_links():
    text = (
        "# Titel\n\n## Prijs\n\ntekst[^1]\n\n### Kosten\n\n## Main\n\n## Main\n\n"
        "[extern](https://example.org) [intern](/articles/) [anker](#prijs) "
        '<h2 id="body">rauw</h2>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\ncode\n```\n\n'
        "[^1]: voetnoot\n"
    )
    html, toc = render_article(text)
    html = str(html)
    assert '<h2 id="s-prijs">Prijs<a href="#s-prijs"' in html
    assert 'href="https://example.org" rel="nofollow noopener"' in html
    assert 'href="#s-prijs"' in html and 'id="s-body"' in html
    assert 'id="s-main"' in html and 'id="s-main_1"' in html
    assert re.findall(r'id="([^"]+)"', html) == [
        i for i in re.findall(r'id="([^"]+)"', html) if i.startswith("s-")
    ]
    assert "<table>" in html and "<pre><code>code" in html and 'class="footnote"' in html
    assert [(e.level, e.anchor, e.title) for e in toc] == [
        (2, "s-prijs", "Prijs"),
        (3, "s-kosten", "Kosten"),
        (2, "s-main", "Main"),
        (2, "s-main_1", "Main"),
    ]
    short_html, short_toc = render_article("## Een\n\n## Twee\n")
    assert short_toc == [] and 'id="s-een"' in str(short_html)
    assert 'href="#s-een"' not in str(render_article("## Een", permalinks=False).html)
    assert render_article(None) == ("", [])
    assert "style" not in ALLOWED_ATTRIBUTES.get("h2", set())


def test_preview_is_the_published_rendering(client, auth, topics):
    make_member()
    body = "# Top\n\n## Een & <b>twee</b>\n\nx\n\n## Drie\n\n### Vier\n\n[x](https://example.org)"
    assert (
        client.post(
            "/articles/preview", data={"body": body, "csrf_token": csrf_token(client)}
        ).status_code
        == 302
    )
    auth.login()
    preview = post_form(client, "/articles/preview", {"body": body}, page="/articles/new")
    assert preview.status_code == 200
    fragment = preview.get_data(as_text=True)
    assert 'class="article-toc' in fragment and 'href="#s-drie"' in fragment
    assert save(client, action="publish", body=body).status_code == 302
    page = client.get(f"/articles/{only_article().id}").get_data(as_text=True)
    preview_body = fragment.split('class="user-content article-body">', 1)[1].rsplit("</div>", 1)[0]
    assert preview_body.strip() in page
    too_long = post_form(client, "/articles/preview", {"body": "x" * 50_001}, page="/articles/new")
    assert too_long.status_code == 422
    assert "at most 50000" in too_long.get_data(as_text=True)


def test_editor_page_has_no_inline_script_or_style(client, auth, topics):
    make_member()
    auth.login()
    page = client.get("/articles/new").get_data(as_text=True)
    assert 'data-preview-url="/articles/preview"' in page
    assert "js/article-preview.js" in page
    assert "<script>" not in page and " style=" not in page and " onclick=" not in page


# --- lists ----------------------------------------------------------------------------------------


def test_lists_filter_and_paginate(client, auth, topics):
    an = make_member()
    bo = make_member(email="bo@example.org", name="Bo Boon")
    start = utcnow() - timedelta(days=30)
    for i in range(25):
        article = make_article(
            an if i % 2 else bo,
            title=f"Artikel {i:02d}",
            language="fr" if i % 5 == 0 else "nl",
            topics=["pricing"] if i % 3 == 0 else ["tools"],
            tags=["tarief"] if i % 4 == 0 else [],
        )
        article.published_at = start + timedelta(days=i)
    make_article(an, title="Kladversie", published=False, topics=["pricing"])
    make_article(an, title="Alleen leden", visibility=ArticleVisibility.MEMBERS)
    db.session.commit()

    first = client.get("/articles/").get_data(as_text=True)
    assert "25 articles" in first
    assert "Artikel 24" in first and "Artikel 05" in first and "Artikel 04" not in first
    second = client.get("/articles/?page=2").get_data(as_text=True)
    assert "Artikel 04" in second and "Artikel 24" not in second
    assert first.index("Artikel 24") < first.index("Artikel 23")
    assert "9 articles" in client.get("/articles/topics/pricing").get_data(as_text=True)
    assert "9 articles" in client.get("/articles/?topic=pricing").get_data(as_text=True)
    assert "7 articles" in client.get("/articles/tags/tarief").get_data(as_text=True)
    assert "5 articles" in client.get("/articles/?language=fr").get_data(as_text=True)
    by_bo = client.get(f"/articles/authors/{bo.id}").get_data(as_text=True)
    assert "13 articles" in by_bo
    assert client.get("/articles/authors/9999").status_code == 404
    assert client.get("/articles/topics/astrology").status_code == 404
    for odd in ("?page=abc", "?page=999", "?topic=x&language=xx&kind=y&tag=<b>"):
        assert client.get("/articles/" + odd).status_code == 200
    assert "Kladversie" not in client.get("/articles/?topic=pricing").get_data(as_text=True)
    assert "Alleen leden" not in first
    auth.login()
    assert "Alleen leden" in client.get("/articles/").get_data(as_text=True)
    mine = client.get("/articles/mine").get_data(as_text=True)
    assert "Kladversie" in mine and "Draft" in mine


def test_navigation_links_the_knowledge_base(client):
    page = client.get("/").get_data(as_text=True)
    assert 'href="/articles/"' in page and "Knowledge base" in page


def test_translations_link_each_other(client, auth, topics):
    make_member()
    auth.login()
    assert save(client, action="publish").status_code == 302
    nl = only_article()
    response = save(
        client,
        action="publish",
        title="Trouver ses premiers clients",
        language="fr",
        translation_of=str(nl.id),
    )
    assert response.status_code == 302
    fr = db.session.scalar(select(Article).where(Article.language == "fr"))
    assert fr.translation_key == only_article().translation_key == f"article-{nl.id}"
    page = client.get(f"/articles/{nl.id}").get_data(as_text=True)
    assert f'href="/articles/{fr.id}" hreflang="fr" lang="fr"' in page
    assert f'href="/articles/{nl.id}" hreflang="nl"' in client.get(f"/articles/{fr.id}").get_data(
        as_text=True
    )
    edit = client.get(f"/articles/{fr.id}/edit").get_data(as_text=True)
    assert f'<option selected value="{nl.id}">' in edit
    again = save(client, title="Nog een", language="fr", translation_of=str(nl.id))
    assert "already has a version in" in again.get_data(as_text=True)
    same = save(client, title="Nog een", language="nl", translation_of=str(nl.id))
    assert "another language" in same.get_data(as_text=True)


# --- feeds ---------------------------------------------------------------------------------------


def test_atom_feed_is_valid_and_public_only(client, topics):
    author = make_member(name="An <Peeters> & co")
    make_article(author, title="Prijzen & <offertes>", topics=["pricing"], body="## Kop\n\n**vet**")
    make_article(author, title="Gereedschap", topics=["tools"], language="fr")
    make_article(author, title="Klad", published=False)
    make_article(author, title="Leden", visibility=ArticleVisibility.MEMBERS)
    db.session.commit()

    response = client.get("/articles/feed.atom")
    assert response.status_code == 200
    assert response.mimetype == "application/atom+xml"
    feed = feedparser.parse(response.data)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert [e.title for e in feed.entries] == ["Gereedschap", "Prijzen & <offertes>"]
    entry = feed.entries[1]
    assert entry.link.endswith(
        f"/articles/{db.session.scalar(select(Article.id).where(Article.title.startswith('Prijzen')))}"
    )
    assert entry.author == "An <Peeters> & co"
    assert "<strong>vet</strong>" in entry.content[0].value
    assert [t.term for t in entry.tags] == ["pricing"]
    assert feed.entries[0].title_detail.language == "fr"

    # What RFC 4287 requires of a feed and of each entry.
    root = ET.fromstring(response.data)  # noqa: S314 - our own feed
    assert root.tag == f"{ATOM}feed"
    for child in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{child}") is not None, child
    assert root.find(f"{ATOM}link[@rel='self']") is not None
    ids = set()
    for element in root.findall(f"{ATOM}entry"):
        for child in ("id", "title", "updated", "summary", "content"):
            assert element.find(f"{ATOM}{child}") is not None, child
        assert element.find(f"{ATOM}link[@rel='alternate']") is not None
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", element.findtext(f"{ATOM}updated"))
        ids.add(element.findtext(f"{ATOM}id"))
    assert len(ids) == 2

    topic = feedparser.parse(client.get("/articles/topics/pricing/feed.atom").data)
    assert not topic.bozo and [e.title for e in topic.entries] == ["Prijzen & <offertes>"]
    assert client.get("/articles/topics/astrology/feed.atom").status_code == 404
    assert 'type="application/atom+xml"' in client.get("/articles/topics/pricing").get_data(
        as_text=True
    )


def test_empty_feed_is_valid(client):
    feed = feedparser.parse(client.get("/articles/feed.atom").data)
    assert not feed.bozo and feed.entries == [] and feed.feed.updated
