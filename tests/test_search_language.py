"""Search and language: the interface language's boost, stemming in nl, fr and en, accents
folded after stemming, skills named at query time, and the fuzzy pass for typos.

Each profile here is written in one language only, so that it fills one stemmed field
(``text_nl``, ``text_fr`` or ``text_en``) besides the unstemmed ``text``: a match the
unstemmed field cannot explain comes from that language's analyzer.
"""

from __future__ import annotations

import pytest

from app.extensions import db
from app.members.models import Level, MemberSkill, Profile, ProfileLanguage, Visibility
from app.skills.taxonomy import resolve_skill
from tests.helpers import add_synonyms, make_user, search_api

CLOSE_MATCHES = "Showing close matches as well."


def add_profile(name: str, lang: str, text: str, skills=()) -> Profile:
    """A public profile whose headline is ``text``, written in ``lang`` only."""
    user = make_user(email=f"{name.split()[0].lower()}@example.org", name=name)
    profile = Profile(
        user_id=user.id,
        display_name=name,
        visibility=Visibility.PUBLIC,
        headline=text,
        languages=[ProfileLanguage(lang=lang)],
    )
    for skill in skills:
        profile.skills.append(MemberSkill(skill=resolve_skill(skill), level=Level.EXPERT))
    db.session.add(profile)
    db.session.commit()
    return profile


def api(client, q: str, lang: str = "en") -> dict:
    return search_api(client, headers={"Accept-Language": lang}, q=q)


def titles(data: dict) -> list[str]:
    return [hit["title"] for hit in data["results"]]


def test_the_interface_language_puts_documents_in_that_language_first(client, world):
    # The same word in the same headline: the two documents differ only in their language,
    # so without the boost for the interface language's field they score alike.
    add_profile("Noor Jacobs", "nl", "Tango")
    add_profile("Lise Dubois", "fr", "Tango")
    assert titles(api(client, "tango", lang="nl")) == ["Noor Jacobs", "Lise Dubois"]
    assert titles(api(client, "tango", lang="fr")) == ["Lise Dubois", "Noor Jacobs"]


@pytest.mark.parametrize(
    ("lang", "written", "searched"),
    [
        # Each pair is more than one edit apart (the fuzzy pass cannot bridge it) and
        # neither word is a skill's label.
        ("en", "Renovations of old houses", "renovating"),
        ("fr", "Développement de logiciels", "développer"),
        ("nl", "Wandelingen in de Ardennen", "wandelen"),
    ],
)
def test_stemming_finds_another_form_of_a_word(client, world, lang, written, searched):
    add_profile("Sam Maes", lang, written)
    data = api(client, searched)
    assert titles(data) == ["Sam Maes"]
    assert data["suggestion"] is None  # found as it is, not as a near word


@pytest.mark.parametrize("searched", ["électrique", "electrique"])
def test_accents_are_folded_after_stemming(client, world, searched):
    # The French stemmer reads "électricité" and "électrique" as one stem, "electr", only
    # with their accents: folded first, "electricite" keeps "electricit". So the adjective,
    # with or without its accents, finds the noun only if folding comes after stemming.
    add_profile("Marc Lejeune", "fr", "Électricité")
    data = api(client, searched)
    assert titles(data) == ["Marc Lejeune"]
    assert data["suggestion"] is None


def test_a_skill_s_new_synonym_finds_its_members_before_they_are_indexed_again(
    app, client, runner, world, tmp_path
):
    """A taxonomy update writes the documents of the members with the skill again, through
    the outbox; until then they hold the labels they had. A synonym added in any language
    finds them at once all the same: the query names the skill, which they hold by id."""
    add_profile("An Peeters", "nl", "Boekhouder voor kunstenaars", skills=["bookkeeping"])
    add_profile("Chloé Martin", "fr", "Aide aux indépendants", skills=["bookkeeping"])
    add_profile("Eva Wouters", "nl", "Boekhouder van de fanfare")  # the word, not the skill
    new = {"nl": ["cijferwerk"], "fr": ["tenue de livres"], "en": ["ledger keeping"]}
    for words in new.values():
        assert titles(api(client, words[0])) == []
    app.config["SEARCH_INDEX_ON_COMMIT"] = False  # the documents wait in the outbox
    add_synonyms(runner, tmp_path, "bookkeeping", new)
    for words in new.values():
        assert set(titles(api(client, words[0]))) == {"An Peeters", "Chloé Martin"}


def test_a_typo_only_the_fuzzy_pass_bridges_finds_the_document_and_says_so(client, world):
    # "hoedemaker" is one letter short of "hoedenmaker" and no stemmer makes them one word.
    add_profile("Mia Claes", "nl", "Hoedenmaker")
    data = api(client, "hoedemaker")
    assert titles(data) == ["Mia Claes"]
    assert data["suggestion"] == "hoedenmaker"
    page = client.get("/search/", query_string={"q": "hoedemaker"}).get_data(as_text=True)
    assert "Mia Claes" in page
    assert CLOSE_MATCHES in page
    # Spelt right, the word is found as it is: no close matches are added.
    page = client.get("/search/", query_string={"q": "hoedenmaker"}).get_data(as_text=True)
    assert "Mia Claes" in page
    assert CLOSE_MATCHES not in page
