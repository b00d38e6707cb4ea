"""A text translated into several languages is one result, in the viewer's language."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.articles.models import Article, ArticleKind
from app.extensions import db
from app.members.models import Profile, ProfileLanguage, Visibility
from tests.helpers import search_api
from tests.test_articles import make_member


@pytest.fixture
def guides(runner, world):
    assert runner.invoke(args=["content", "sync"]).exit_code == 0
    rows = db.session.scalars(select(Article).where(Article.kind == ArticleKind.GUIDE))
    return {(a.guide_slug, a.language): a for a in rows}


def titles_in(page: str, guides, slug: str) -> list[str]:
    return [lang for lang in ("nl", "fr", "en") if f">{guides[(slug, lang)].title}<" in page]


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_the_guides_page_lists_each_guide_once_in_the_viewer_s_language(client, guides, lang):
    page = client.get("/articles/guides", headers={"Accept-Language": lang}).get_data(as_text=True)
    assert page.count('class="card h-100 article-card"') == 5
    for slug in {slug for slug, _lang in guides}:
        assert titles_in(page, guides, slug) == [lang]
    # The other versions are linked: "Also in FR · EN".
    price = guides[("setting-your-price", lang)]
    for other in {"nl", "fr", "en"} - {lang}:
        other_id = guides[("setting-your-price", other)].id
        assert f'href="/articles/{other_id}" hreflang="{other}"' in page
    assert "Also in" in page or lang != "en"
    assert price.title in page


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_search_finds_one_result_per_guide_in_the_viewer_s_language(client, guides, lang):
    headers = {"Accept-Language": lang}
    data = search_api(client, headers, kind="guide", per_page=50)
    assert data["total"] == 5
    assert len(data["results"]) == 5
    wanted = {a.id for (_slug, language), a in guides.items() if language == lang}
    assert {hit["id"] for hit in data["results"]} == wanted
    # Counted once in the kinds and the facets too.
    assert data["facets"]["kind"]["guide"] == 5
    assert sum(data["facets"]["languages"].values()) == 5
    page = client.get("/search/?kind=guide", headers=headers).get_data(as_text=True)
    assert "5 results" in page or lang != "en"
    other = "fr" if lang != "fr" else "nl"
    other_id = guides[("setting-your-price", other)].id
    assert f'href="/articles/{other_id}" hreflang="{other}"' in page


def test_a_viewer_s_other_languages_come_before_the_original(client, auth, guides):
    user = make_member(email="reader@example.org", name="Reader")
    db.session.add(
        Profile(
            user_id=user.id,
            display_name="Reader",
            visibility=Visibility.MEMBERS,
            languages=[ProfileLanguage(lang="en")],
        )
    )
    db.session.commit()
    auth.login(email="reader@example.org")
    # An interface in a language the guides are not in (German) is not offered: the
    # interface falls back, so the profile's language decides among the others.
    data = search_api(client, {"Accept-Language": "nl"}, kind="guide", per_page=50)
    assert {hit["id"] for hit in data["results"]} == {
        a.id for (_slug, language), a in guides.items() if language == "nl"
    }
    guides[("setting-your-price", "nl")].published = False
    db.session.commit()
    data = search_api(client, {"Accept-Language": "nl"}, kind="guide", per_page=50)
    price = {hit["id"] for hit in data["results"]} & {
        guides[("setting-your-price", lang)].id for lang in ("fr", "en")
    }
    assert price == {guides[("setting-your-price", "en")].id}


def test_a_language_filter_shows_that_version(client, guides):
    page = client.get("/articles/?language=fr").get_data(as_text=True)
    assert titles_in(page, guides, "setting-your-price") == ["fr"]
