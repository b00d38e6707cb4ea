"""The site's own pages: about, privacy, terms and contact, in nl, fr and en."""

from __future__ import annotations

import pytest

from app.pages.content import PAGES_DIR, SLUGS

TITLES = {
    ("about", "nl"): "Over Gilde",
    ("about", "fr"): "À propos de Gilde",
    ("about", "en"): "About Gilde",
    ("privacy", "nl"): "Privacyverklaring",
    ("privacy", "fr"): "Déclaration de confidentialité",
    ("privacy", "en"): "Privacy statement",
    ("terms", "nl"): "Gebruiksvoorwaarden",
    ("terms", "fr"): "Conditions d'utilisation",
    ("terms", "en"): "Terms of use",
    ("contact", "nl"): "Contact",
    ("contact", "fr"): "Contact",
    ("contact", "en"): "Contact",
}


def test_every_page_exists_in_every_language():
    for slug in SLUGS:
        for lang in ("nl", "fr", "en"):
            assert (PAGES_DIR / f"{slug}.{lang}.md").is_file()


@pytest.mark.parametrize(("slug", "lang"), sorted(TITLES))
def test_a_page_shows_in_the_interface_language(client, slug, lang):
    response = client.get(f"/pages/{slug}", headers={"Accept-Language": lang})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert f'<h1 class="h2">{TITLES[slug, lang]}</h1>'.replace("'", "&#39;") in page
    assert f'<html lang="{lang}">' in page


def test_the_footer_links_every_page(client):
    page = client.get("/").get_data(as_text=True)
    footer = page[page.index("<footer") :]
    for slug in SLUGS:
        assert f'href="/pages/{slug}"' in footer


@pytest.mark.parametrize("slug", ["nope", "..", "privacy.en", "PRIVACY"])
def test_an_unknown_page_is_404(client, slug):
    assert client.get(f"/pages/{slug}").status_code == 404


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_the_privacy_page_says_how_to_export_and_delete(client, lang):
    page = client.get("/pages/privacy", headers={"Accept-Language": lang}).get_data(as_text=True)
    words = {
        "nl": ("Mijn gegevens downloaden", "Mijn account verwijderen", "Hoe lang"),
        "fr": ("Télécharger mes données", "Supprimer mon compte", "combien de temps"),
        "en": ("Download my data", "Delete my account", "For how long"),
    }[lang]
    for word in words:
        assert word in page
