"""The home page: search with examples, and the newest needs, articles, guides, mentors and
partners, each shown only to whom its own list page shows it."""

from __future__ import annotations

import re
from datetime import date

import pytest

from app.accounts.models import User
from app.articles.models import Article, ArticleKind
from app.connections.models import Mentorship
from app.data.importer import import_bulk
from app.extensions import db
from tests.helpers import PASSWORD

pytestmark = pytest.mark.usefixtures("world")


def member(email: str, name: str, visibility: str = "public", **fields) -> dict:
    return {"email": email, "name": name, "visibility": visibility, **fields}


def need(author: str, title: str, visibility: str, status: str = "open", **fields) -> dict:
    return {
        "author_email": author,
        "title": title,
        "visibility": visibility,
        "status": status,
        **fields,
    }


COMMUNITY = {
    "members": [
        member("an@example.org", "An Mentor", mentor=True, mentor_capacity=2, place="Gent"),
        member("bo@example.org", "Bo Volzet", mentor=True, mentor_capacity=1),
        member("cy@example.org", "Cy Verborgen", "hidden", mentor=True, mentor_capacity=3),
        member("dee@example.org", "Dee Ledenmentor", "members", mentor=True, mentor_capacity=1),
        member("eve@example.org", "Eve Geen Mentor"),
    ],
    "needs": [
        need("eve@example.org", "Een openbare vraag", "public", created="2025-01-02"),
        need("eve@example.org", "Een vraag voor leden", "members", created="2025-01-03"),
        need("eve@example.org", "Een gesloten vraag", "public", "closed", created="2025-01-04"),
        need("an@example.org", "Een beantwoorde vraag", "public", "answered"),
    ],
    "articles": [
        {
            "author_email": "an@example.org",
            "title": "Een openbaar artikel",
            "language": "nl",
            "published": True,
        },
        {
            "author_email": "an@example.org",
            "title": "Een artikel voor leden",
            "language": "nl",
            "published": True,
            "visibility": "members",
        },
        {"author_email": "an@example.org", "title": "Een kladversie", "language": "nl"},
    ],
    "partners": [
        {"name": "Atelier Gent", "place": "Gent", "email": "gent@example.org"},
        {"name": "Guichet Liège", "place": "Liège", "email": "liege@example.org"},
        {"name": "Huis Brugge", "place": "Brugge", "email": "brugge@example.org"},
        {
            "name": "Nog niet nagekeken",
            "place": "Gent",
            "email": "nieuw@example.org",
            "verified": False,
        },
    ],
}


@pytest.fixture
def community(app):
    import_bulk(COMMUNITY)
    # Bo's one place is taken by a mentee: Bo has no open place.
    bo, eve = User.by_email("bo@example.org"), User.by_email("eve@example.org")
    db.session.add(Mentorship(mentor_id=bo.id, mentee_id=eve.id, start_date=date(2025, 1, 1)))
    db.session.add(
        Article(
            kind=ArticleKind.GUIDE,
            guide_slug="eerste-klanten",
            title="Je eerste klanten",
            language="nl",
            published=True,
        )
    )
    db.session.add(
        Article(
            kind=ArticleKind.GUIDE,
            guide_slug="eerste-klanten",
            title="Vos premiers clients",
            language="fr",
            published=True,
        )
    )
    db.session.commit()
    # Imported accounts have no usable password: give one to the member who signs in.
    User.by_email("an@example.org").set_password(PASSWORD)
    db.session.commit()


def section(page: str, heading_id: str) -> str:
    """The text of one section of the home page."""
    match = re.search(rf'<section[^>]*aria-labelledby="{heading_id}".*?</section>', page, re.S)
    assert match, f"no section {heading_id}"
    return match.group(0)


def home(client, url: str = "/", lang: str = "en") -> str:
    response = client.get(url, headers={"Accept-Language": lang})
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_an_anonymous_visitor_sees_only_what_is_public(client, community):
    page = home(client)
    needs = section(page, "needs-heading")
    assert "Een openbare vraag" in needs
    assert "Een vraag voor leden" not in needs
    assert "Een gesloten vraag" not in needs and "Een beantwoorde vraag" not in needs
    articles = section(page, "articles-heading")
    assert "Een openbaar artikel" in articles
    assert "Een artikel voor leden" not in articles and "Een kladversie" not in articles
    mentors = section(page, "mentors-heading")
    assert "An Mentor" in mentors and "2 open places" in mentors
    for name in ("Bo Volzet", "Cy Verborgen", "Dee Ledenmentor", "Eve Geen Mentor"):
        assert name not in mentors
    partners = section(page, "partners-heading")
    assert "Atelier Gent" in partners and "Nog niet nagekeken" not in partners


def test_a_member_sees_what_members_may_see_but_not_themselves(client, auth, community):
    auth.login("an@example.org")
    page = home(client)
    assert "Een vraag voor leden" in section(page, "needs-heading")
    assert "Een artikel voor leden" in section(page, "articles-heading")
    assert "Een kladversie" not in section(page, "articles-heading")
    mentors = section(page, "mentors-heading")
    assert "Dee Ledenmentor" in mentors
    assert "An Mentor" not in mentors and "Cy Verborgen" not in mentors
    # The home page shows verified organisations only, even to members.
    assert "Nog niet nagekeken" not in section(page, "partners-heading")


def test_partners_nearest_to_the_chosen_place_first(client, community):
    partners = section(home(client, "/?near=Gand"), "partners-heading")
    assert "Partners near Gent" in partners
    order = [partners.index(name) for name in ("Atelier Gent", "Huis Brugge", "Guichet Liège")]
    assert order == sorted(order)
    assert re.search(r"Atelier Gent</a>\s*<div[^>]*>\s*Gent\s*· 0 km", partners)
    assert 'href="/partners/?near=Gent"' in partners


def test_without_a_place_the_newest_verified_partners(client, community):
    partners = section(home(client), "partners-heading")
    order = [partners.index(name) for name in ("Huis Brugge", "Guichet Liège", "Atelier Gent")]
    assert order == sorted(order)
    assert " km" not in partners


def test_an_unknown_place_says_so_and_suggests_one(client, community):
    partners = section(home(client, "/?near=Gentt"), "partners-heading")
    assert "We do not know the place “Gentt”. Did you mean Gent?" in partners
    assert 'aria-invalid="true"' in partners
    assert "Huis Brugge" in partners  # the newest ones instead


@pytest.mark.parametrize(
    ("lang", "example", "guide"),
    [
        ("nl", "boekhouding", "Je eerste klanten"),
        ("fr", "comptabilité", "Vos premiers clients"),
        ("en", "web design", None),
    ],
)
def test_search_examples_and_guides_in_the_visitors_language(
    client, community, lang, example, guide
):
    page = home(client, lang=lang)
    assert 'action="/search/"' in page
    link = f'href="/search/?q={example.replace(" ", "+").replace("é", "%C3%A9")}"'
    assert link in page
    guides = section(page, "guides-heading")
    if guide:
        assert guide in guides
    assert ("Je eerste klanten" in guides) == (lang == "nl")


def test_the_home_page_has_no_inline_script_or_style(client, community):
    page = home(client, "/?near=Gent")
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)
    assert " style=" not in page and "<style" not in page
    assert " on" + "click=" not in page


def test_an_empty_instance_has_a_home_page(client):
    page = home(client)
    assert "No open need right now." in page
    assert "No verified partner yet." in page
