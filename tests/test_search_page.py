"""The HTML search page /search/: pages, kind tabs, "did you mean", facets, distance, escaping.

The API (GET /api/v1/search) is tested in test_search.py; these tests read the page as a
browser would, following its links, so that what the page offers keeps the visitor's search.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
from werkzeug.security import generate_password_hash

from app.accounts.models import Role, User
from app.articles.editing import publish
from app.articles.models import Article
from app.extensions import db
from app.members.models import Level, MemberSkill, Profile, Visibility
from app.places.gazetteer import distance_km, resolve_place
from app.skills.taxonomy import resolve_skill
from tests.helpers import PASSWORD

# Nobody signs in here: a cheap hash keeps the many members fast to make.
FAST_HASH = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1")
PAYLOADS = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>']
# Elements that have no end tag: they never enclose anything.
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


def add_profile(name, place="Gent", skills=(), commit=True, **fields) -> Profile:
    user = User(
        email=f"{name.replace(' ', '.').lower()}@example.org",
        name=name,
        role=Role.MEMBER,
        password_hash=FAST_HASH,
    )
    db.session.add(user)
    db.session.flush()
    profile = Profile(
        user_id=user.id,
        display_name=name,
        visibility=Visibility.PUBLIC,
        place=resolve_place(place) if place else None,
        **fields,
    )
    for skill in skills:
        profile.skills.append(MemberSkill(skill=resolve_skill(skill), level=Level.EXPERT))
    db.session.add(profile)
    if commit:
        db.session.commit()
    return profile


def add_article(title: str, summary: str) -> Article:
    author = db.session.query(User).filter_by(email="writer@example.org").one_or_none()
    if author is None:
        author = User(
            email="writer@example.org", name="Writer", role=Role.MEMBER, password_hash=FAST_HASH
        )
        db.session.add(author)
        db.session.flush()
    article = Article(
        author_id=author.id, title=title, summary=summary, body=summary, language="nl"
    )
    db.session.add(article)
    db.session.flush()
    publish(article, author)
    db.session.commit()
    return article


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    ancestors: list[Element]
    text: str = ""

    def within(self, tag: str, **attrs: str) -> bool:
        """Whether an enclosing element is ``tag`` with these attributes (class: one of its)."""
        return any(
            up.tag == tag and all(_matches(up.attrs, name, want) for name, want in attrs.items())
            for up in self.ancestors
        )

    @property
    def query(self) -> dict[str, list[str]]:
        return parse_qs(urlsplit(self.attrs.get("href", "")).query)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())


def _matches(attrs: dict[str, str], name: str, want: str) -> bool:
    name = name.rstrip("_").replace("_", "-")
    if name == "class":
        return want in attrs.get("class", "").split()
    return attrs.get(name) == want


class Page(HTMLParser):
    """The page's elements, each with its attributes (entities decoded), enclosing elements
    and text: what a browser would make of the HTML."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.html = html
        self.elements: list[Element] = []
        self._open: list[Element] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {name: value or "" for name, value in attrs}, list(self._open))
        self.elements.append(element)
        if tag not in VOID:
            self._open.append(element)

    def handle_endtag(self, tag):
        for depth in range(len(self._open) - 1, -1, -1):
            if self._open[depth].tag == tag:
                del self._open[depth:]
                break

    def handle_data(self, data):
        for element in self._open:
            element.text += data

    def find(self, tag: str, **attrs: str) -> list[Element]:
        return [
            e
            for e in self.elements
            if e.tag == tag and all(_matches(e.attrs, n, w) for n, w in attrs.items())
        ]

    def links(self, **within: str) -> list[Element]:
        """The links inside the landmark (nav or aside) with this aria-label."""
        ((tag, label),) = within.items()
        return [a for a in self.find("a") if a.within(tag, aria_label=label)]

    def hits(self) -> list[Element]:
        """Each result, in order: its text holds its kind, distance, title and snippet."""
        return [li for li in self.find("li") if li.within("ol", class_="search-results")]

    def hit_titles(self) -> list[str]:
        return [
            " ".join(a.text.split())
            for a in self.find("a")
            if a.within("h3") and a.within("ol", class_="search-results")
        ]


def words(text: str) -> str:
    return " ".join(text.split())


def get_page(client, url: str = "/search/", status: int = 200, **params) -> Page:
    response = client.get(url, query_string=params or None)
    body = response.get_data(as_text=True)
    assert response.status_code == status, body
    return Page(body)


def test_page_links_keep_the_search_and_lead_to_the_next_results(client, world):
    bookkeeping = resolve_skill("bookkeeping")
    for number in range(12):
        add_profile(
            f"Fotograaf{number:02d} Peeters",
            skills=["bookkeeping"],
            headline="Fotograaf en boekhouder",
            commit=False,
        )
    # Found by the words but not by the skill filter: the links must keep the filter.
    add_profile("Zonder Vaardigheid", headline="Fotograaf", commit=False)
    add_article("Fotograaf worden", "Over het werk als fotograaf.")
    search = {"q": "fotograaf", "kind": "member", "skill": str(bookkeeping.id), "per_page": "5"}

    first = get_page(client, **search)
    assert words(first.find("h2", id="results-heading")[0].text) == "12 results"
    pages = first.links(nav="Pages")
    assert [words(a.text) for a in pages] == ["1", "2", "3"]
    for number, link in enumerate(pages, start=1):
        assert link.query == {**{k: [v] for k, v in search.items()}, "page": [str(number)]}
    assert [a.attrs.get("aria-current") for a in pages] == ["page", None, None]

    seen = first.hit_titles()
    assert len(seen) == 5
    for number, expected in ((2, 5), (3, 2)):
        page = get_page(client, pages[number - 1].attrs["href"])
        titles = page.hit_titles()
        assert len(titles) == expected and not set(titles) & set(seen)
        current = [a for a in page.links(nav="Pages") if a.attrs.get("aria-current") == "page"]
        assert [words(a.text) for a in current] == [str(number)]
        seen += titles
    assert sorted(seen) == [f"Fotograaf{number:02d} Peeters" for number in range(12)]

    # Past the last page: an empty page that still leads back, not an error.
    beyond = get_page(client, **search, page="9")
    assert beyond.hit_titles() == []
    (results,) = beyond.find("section", aria_labelledby="results-heading")
    assert "Nothing found" in words(results.text)
    assert [words(a.text) for a in beyond.links(nav="Pages")] == ["1", "2", "3"]
    assert get_page(client, **search, page="10000").hit_titles() == []


def test_kind_tabs_count_each_kind_link_to_it_and_mark_the_active_one(client, world):
    for name in ("Ann Fotograaf", "Bart Fotograaf", "Cis Fotograaf"):
        add_profile(name, headline="Fotograaf", commit=False)
    add_article("Fotograaf worden", "Over het werk als fotograaf.")
    add_article("Een fotograaf kiezen", "Waar je op let bij een fotograaf.")

    # On a later page: a tab starts its kind from the first page.
    everything = get_page(client, q="fotograaf", per_page="3", page="2")
    tabs = everything.links(nav="Kinds of result")
    assert [words(a.text) for a in tabs] == ["All", "Members 3", "Articles 2"]
    assert [a for a in tabs if "active" in a.classes] == [tabs[0]]
    search = {"q": ["fotograaf"], "per_page": ["3"]}
    assert [a.query for a in tabs] == [
        search,
        {**search, "kind": ["member"]},
        {**search, "kind": ["article"]},
    ]

    members = get_page(client, tabs[1].attrs["href"])
    assert sorted(members.hit_titles()) == ["Ann Fotograaf", "Bart Fotograaf", "Cis Fotograaf"]
    articles = get_page(client, tabs[2].attrs["href"])
    assert sorted(articles.hit_titles()) == ["Een fotograaf kiezen", "Fotograaf worden"]
    tabs = articles.links(nav="Kinds of result")
    active = [a for a in tabs if "active" in a.classes]
    assert [words(a.text) for a in active] == ["Articles 2"]
    # The other tabs stay, with what they would show: one can switch from tab to tab.
    assert [words(a.text) for a in tabs] == ["All", "Members 3", "Articles 2"]
    # "All" takes the kind away again.
    assert tabs[0].query == search
    assert len(get_page(client, tabs[0].attrs["href"]).hit_titles()) == 3


def test_did_you_mean_links_to_the_corrected_search_with_the_same_filters(client, world):
    add_profile("Ann Peeters", headline="Fotograaf voor kunstenaars")
    add_article("Fotograaf worden", "Over het werk als fotograaf.")

    page = get_page(client, q="fotograav", kind="member", per_page="5", page="1")
    (paragraph,) = [p for p in page.find("p") if "Did you mean" in p.text]
    assert words(paragraph.text) == "Did you mean fotograaf?"
    (link,) = paragraph_links(page, paragraph)
    assert words(link.text) == "fotograaf"
    # The corrected words, the same filters, from the first page.
    assert link.query == {"q": ["fotograaf"], "kind": ["member"], "per_page": ["5"]}

    corrected = get_page(client, link.attrs["href"])
    assert corrected.hit_titles() == ["Ann Peeters"]
    assert not [p for p in corrected.find("p") if "Did you mean" in p.text]


def paragraph_links(page: Page, paragraph: Element) -> list[Element]:
    return [a for a in page.find("a") if any(up is paragraph for up in a.ancestors)]


def facet_entries(page: Page, heading: str) -> list[tuple[str, str, Element]]:
    """(value, count, link) of each link under the sidebar's heading ``heading``."""
    (aside,) = page.find("aside", aria_label="Refine")
    groups = [e for e in page.elements if any(up is aside for up in e.ancestors)]
    links, current = [], None
    for element in groups:
        if element.tag == "h2":
            current = words(element.text)
        elif element.tag == "a" and current == heading:
            links.append(element)
    entries = []
    for link in links:
        label, count = [
            words(e.text) for e in page.elements if e.tag == "span" and link in e.ancestors
        ]
        entries.append((label, count, link))
    return entries


@pytest.mark.parametrize(
    ("heading", "label", "param", "value"),
    [
        ("Skill", "Bookkeeping", "skill", "bookkeeping"),
        ("Region", "Wallonia", "region", "BE-WAL"),
    ],
)
def test_facet_links_show_counts_add_the_filter_and_take_it_away(
    client, world, heading, label, param, value
):
    add_profile("Ann Peeters", place="Liège", skills=["bookkeeping"], headline="Boekhouder")
    add_profile("Bert Claes", place="Namur", skills=["bookkeeping"], headline="Boekhouder")
    add_profile("Chris Wouters", place="Gent", headline="Boekhouder")
    add_profile("Dirk Maes", place="Gent", skills=["Graphic design"], headline="Ontwerper")
    if param == "skill":
        value = str(resolve_skill(value).id)

    page = get_page(client, q="boekhouder")
    assert sorted(page.hit_titles()) == ["Ann Peeters", "Bert Claes", "Chris Wouters"]
    entries = facet_entries(page, heading)
    ((count, link),) = [(number, a) for shown, number, a in entries if shown == label]
    assert count == "2"
    assert link.query == {"q": ["boekhouder"], param: [value]}

    chosen = get_page(client, link.attrs["href"])
    assert sorted(chosen.hit_titles()) == ["Ann Peeters", "Bert Claes"]
    chosen_entries = facet_entries(chosen, heading)
    ((shown, count, active),) = [entry for entry in chosen_entries if "active" in entry[2].classes]
    assert (shown, count) == (label, "2")
    assert active.attrs.get("aria-current") == "true"
    # The chosen value's link takes the filter away again.
    assert active.query == {"q": ["boekhouder"]}
    again = get_page(client, active.attrs["href"])
    assert sorted(again.hit_titles()) == ["Ann Peeters", "Bert Claes", "Chris Wouters"]


def test_each_hit_shows_its_distance_on_a_search_near_a_place(client, world):
    add_profile("Ann Peeters", place="Gent", headline="Boekhouder")
    aalst = add_profile("Bert Claes", place="Aalst", headline="Boekhouder")
    add_profile("Chris Wouters", place=None, headline="Boekhouder")
    far = distance_km(resolve_place("Gent"), aalst.place.coordinates)
    # Jinja's round() rounds halves up.
    far_text = f"{math.floor(far + 0.5)} km"
    assert 15 < far < 35

    near = get_page(client, q="boekhouder", near="Gent", sort="distance")
    shown = {
        title: words(hit.text) for title, hit in zip(near.hit_titles(), near.hits(), strict=True)
    }
    assert list(shown) == ["Ann Peeters", "Bert Claes", "Chris Wouters"]
    # A member's card gives the place and the distance (app/templates/members/_macros.html).
    assert shown["Ann Peeters"].startswith("Member AP Ann Peeters")
    assert "Gent · 0 km" in shown["Ann Peeters"]
    assert f"Aalst · {far_text}" in shown["Bert Claes"]
    # No place, no distance.
    assert " km" not in shown["Chris Wouters"]

    anywhere = get_page(client, q="boekhouder")
    texts = [words(hit.text) for hit in anywhere.hits()]
    assert len(texts) == 3 and not [text for text in texts if " km" in text]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_query_with_html_is_shown_escaped_never_as_markup(client, world, payload):
    add_profile("Ann Peeters", headline="Fotograaf voor kunstenaars")
    q = f"{payload} fotograav"
    # The free-text filters come back in the form's hidden fields and in every link.
    page = get_page(client, q=q, sector=payload, topic=payload)
    assert payload not in page.html
    (box,) = page.find("input", id="search-q")
    (nav_box,) = page.find("input", id="nav-q")
    assert box.attrs["value"] == q and nav_box.attrs["value"] == q
    hidden = {e.attrs["name"]: e.attrs["value"] for e in page.find("input", type="hidden")}
    assert hidden["sector"] == payload and hidden["topic"] == payload
    # The "did you mean" keeps the words only; its link keeps the filters as they were.
    (paragraph,) = [p for p in page.find("p") if "Did you mean" in p.text]
    (link,) = paragraph_links(page, paragraph)
    corrected = " ".join(re.findall(r"\w+", payload)) + " fotograaf"
    assert words(link.text) == corrected
    assert link.query == {"q": [corrected], "sector": [payload], "topic": [payload]}
    assert not [e for e in page.elements if any(name.startswith("on") for name in e.attrs)]
    assert not [e for e in page.find("img")]
    assert not [e for e in page.find("script") if "alert" in e.text]
    # Nor any heading or the title: the query is in the form only.
    for tag in ("title", "h1", "h2"):
        assert not [e for e in page.find(tag) if "alert" in e.text]

    # A place that is not known: the page says so and shows the search as typed.
    refused = get_page(client, q=payload, near=payload)
    assert payload not in refused.html
    (near,) = refused.find("input", id="search-near")
    assert near.attrs["value"] == payload
    assert "We do not know the place" in refused.html
    assert not [e for e in refused.elements if any(name.startswith("on") for name in e.attrs)]
