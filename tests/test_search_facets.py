"""Search facets: the counts and filters of sector, language, mode, region and topic, and the
order by distance."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from werkzeug.security import generate_password_hash

from app.accounts.models import User
from app.articles.guides import load_topics
from app.articles.models import Article, ArticleVisibility, Topic
from app.clock import utcnow
from app.extensions import db
from app.members.models import Mode, Profile, ProfileLanguage, ProfileMode, Visibility
from app.places.gazetteer import resolve_place
from tests.helpers import PASSWORD, found_titles, search_api

# Scrypt takes a tenth of a second per hash; nobody but the viewer signs in.
FAST_HASH = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1")


# The builders add without committing: a test commits its whole dataset at once, and the
# index takes it in one batch.


def make_account(email: str, name: str) -> User:
    user = User(email=email, name=name, password_hash=FAST_HASH)
    db.session.add(user)
    db.session.flush()
    return user


def add_member(
    name: str,
    visibility: Visibility = Visibility.PUBLIC,
    *,
    place: str,
    sector: str | None = None,
    languages=(),
    modes=(),
    headline: str = "",
    bio: str = "",
) -> Profile:
    user = make_account(f"{name.split()[0].lower()}@example.org", name)
    profile = Profile(
        user_id=user.id,
        display_name=name,
        visibility=visibility,
        place=resolve_place(place),
        sector=sector,
        languages=[ProfileLanguage(lang=code) for code in languages],
        modes=[ProfileMode(mode=mode) for mode in modes],
        headline=headline,
        bio=bio,
    )
    db.session.add(profile)
    return profile


def add_article(
    author: User,
    title: str,
    *,
    language: str,
    topics=(),
    visibility: ArticleVisibility = ArticleVisibility.PUBLIC,
    published: bool = True,
) -> Article:
    article = Article(
        author_id=author.id,
        title=title,
        summary="Een korte samenvatting.",
        body="Wat je moet weten.",
        language=language,
        visibility=visibility,
        published=published,
        published_at=utcnow() if published else None,
        topics=[db.session.scalar(select(Topic).where(Topic.slug == slug)) for slug in topics],
    )
    db.session.add(article)
    return article


@pytest.fixture
def community(world):
    """Three public members and two public articles, and beside them documents an anonymous
    visitor may not see (members only), or nobody may (hidden, a draft), each holding
    values the visible ones hold too and values of their own."""
    load_topics("content/topics.yaml")
    add_member(
        "Anna Aerts",
        place="Gent",
        sector="design",
        languages=("nl", "en"),
        modes=(Mode.ONLINE, Mode.IN_PERSON),
    )
    add_member(
        "Bart Bosmans", place="Aalst", sector="design", languages=("nl",), modes=(Mode.ONLINE,)
    )
    add_member(
        "Céline Collard",
        place="Liège",
        sector="performing-arts",
        languages=("fr",),
        modes=(Mode.INDIVIDUAL,),
    )
    add_member(
        "Mona Martin",
        Visibility.MEMBERS,
        place="Namur",
        sector="performing-arts",
        languages=("fr", "de"),
        modes=(Mode.INDIVIDUAL, Mode.COLLECTIVE),
    )
    add_member(
        "Hugo Hermans",
        Visibility.HIDDEN,
        place="Brussel",
        sector="audiovisual",
        languages=("en", "es"),
        modes=(Mode.IN_PERSON, Mode.INDIVIDUAL),
    )
    author = make_account("writer@example.org", "Writer")
    add_article(author, "Setting a day rate", language="en", topics=("pricing", "contracts"))
    add_article(author, "Een prijs kiezen", language="nl", topics=("pricing",))
    add_article(
        author,
        "Un contrat pour les membres",
        language="fr",
        topics=("contracts", "funding"),
        visibility=ArticleVisibility.MEMBERS,
    )
    add_article(author, "Concept over tools", language="nl", topics=("tools",), published=False)
    db.session.commit()


def sign_in(auth) -> None:
    make_account("viewer@example.org", "Viewer")
    db.session.commit()
    auth.login(email="viewer@example.org")


# facet -> (counts an anonymous visitor gets, counts a signed-in member gets)
FACET_COUNTS = {
    "sector": ({"design": 2, "performing-arts": 1}, {"design": 2, "performing-arts": 2}),
    # Members' spoken languages and articles' language alike.
    "languages": (
        {"nl": 3, "en": 2, "fr": 1},
        {"nl": 3, "en": 2, "fr": 3, "de": 1},
    ),
    "modes": (
        {"online": 2, "in_person": 1, "individual": 1},
        {"online": 2, "in_person": 1, "individual": 2, "collective": 1},
    ),
    "region": ({"BE-VLG": 2, "BE-WAL": 1}, {"BE-VLG": 2, "BE-WAL": 2}),
    "topics": ({"pricing": 2, "contracts": 1}, {"pricing": 2, "contracts": 2, "funding": 1}),
}


@pytest.mark.parametrize("facet", FACET_COUNTS)
def test_a_facet_counts_only_the_documents_the_viewer_may_see(client, auth, community, facet):
    anonymous, member = FACET_COUNTS[facet]
    assert search_api(client)["facets"][facet] == anonymous
    sign_in(auth)
    # Members-only documents now count; a hidden profile and a draft still never do.
    assert search_api(client)["facets"][facet] == member


# parameter, value -> (titles an anonymous visitor finds, titles a signed-in member finds)
FILTERS = {
    ("sector", "design"): ({"Anna Aerts", "Bart Bosmans"}, {"Anna Aerts", "Bart Bosmans"}),
    ("language", "fr"): (
        {"Céline Collard"},
        {"Céline Collard", "Mona Martin", "Un contrat pour les membres"},
    ),
    ("language", "nl"): (
        {"Anna Aerts", "Bart Bosmans", "Een prijs kiezen"},
        {"Anna Aerts", "Bart Bosmans", "Een prijs kiezen"},
    ),
    ("mode", "individual"): ({"Céline Collard"}, {"Céline Collard", "Mona Martin"}),
    ("mode", "in_person"): ({"Anna Aerts"}, {"Anna Aerts"}),
    ("region", "BE-WAL"): ({"Céline Collard"}, {"Céline Collard", "Mona Martin"}),
    ("topic", "contracts"): (
        {"Setting a day rate"},
        {"Setting a day rate", "Un contrat pour les membres"},
    ),
}


@pytest.mark.parametrize(("name", "value"), FILTERS)
def test_a_facet_filter_keeps_only_the_documents_with_that_value(
    client, auth, community, name, value
):
    anonymous, member = FILTERS[name, value]
    everything = search_api(client)
    # The filter must leave something out, or it would prove nothing.
    assert found_titles(everything) > anonymous
    found = search_api(client, **{name: value})
    assert found_titles(found) == anonymous and found["total"] == len(anonymous)
    sign_in(auth)
    found = search_api(client, **{name: value})
    assert found_titles(found) == member and found["total"] == len(member)


UNKNOWN_VALUES = [
    ("sector", "astronauts"),
    ("language", "xx"),
    ("mode", "teleport"),
    ("region", "BE-XXX"),
    ("topic", "no-such-topic"),
    # Values only documents the visitor may not see hold are as unknown to them: members
    # only, a hidden profile, a draft.
    ("language", "de"),
    ("mode", "collective"),
    ("topic", "funding"),
    ("sector", "audiovisual"),
    ("language", "es"),
    ("region", "BE-BRU"),
    ("topic", "tools"),
]


def test_an_unknown_facet_value_finds_nothing_and_is_no_error(client, community):
    # The API leaves these values free (DESIGN.md): an unknown one is a filter nothing passes.
    for name, value in UNKNOWN_VALUES:
        data = search_api(client, **{name: value})
        assert data["results"] == [] and data["total"] == 0, (name, value)
        assert all(counts == {} for counts in data["facets"].values()), (name, value)
        assert client.get("/search/", query_string={name: value}).status_code == 200


def test_sort_by_distance_puts_the_nearest_first_against_relevance(client, world):
    # The nearer the member, the fewer times and the longer the text they mention the word
    # in: by relevance the farthest comes first.
    add_member(
        "Gert Goossens",
        place="Gent",
        bio="Ik maak meubels, lampen, tafels, kasten, stoelen, bedden, rekken, deuren, "
        "ramen, trappen, vloeren, kaders en heel soms ook wat keramiek.",
    )
    add_member("Ann Adams", place="Aalst", bio="Keramiek en keramiek, naast wat houtwerk.")
    add_member("Luc Lejeune", place="Liège", bio="Keramiek, keramiek, keramiek.")
    add_member("Arno Arens", place="Arlon", bio="Keramiek, keramiek, keramiek, keramiek.")
    db.session.commit()
    near = {"q": "keramiek", "near": "Gent", "radius_km": 150}

    by_relevance = search_api(client, **near)["results"]
    assert [hit["title"] for hit in by_relevance] == ["Luc Lejeune", "Ann Adams", "Gert Goossens"]

    by_distance = search_api(client, **near, sort="distance")["results"]
    assert [hit["title"] for hit in by_distance] == ["Gert Goossens", "Ann Adams", "Luc Lejeune"]
    distances = [hit["distance_km"] for hit in by_distance]
    assert distances[0] == 0.0 and distances == sorted(distances) and distances[2] > 100
    # Arlon, the most relevant of all, is found without a radius: sorting by distance kept
    # it out above only because it lies beyond the radius.
    assert "Arno Arens" in found_titles(search_api(client, q="keramiek"))
