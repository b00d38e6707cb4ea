"""Choosing the interface language, and complete catalogues."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from app.accounts.models import User
from app.extensions import db
from tests.helpers import make_user, post_form

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("nl", "fr", "en")


def lang_of(response) -> str:
    page = response.get_data(as_text=True)
    return page.split('<html lang="', 1)[1].split('"', 1)[0]


def test_default_is_dutch(client):
    del client.environ_base["HTTP_ACCEPT_LANGUAGE"]
    assert lang_of(client.get("/")) == "nl"


@pytest.mark.parametrize(
    ("header", "expected"),
    [("fr-BE,fr;q=0.9,en;q=0.5", "fr"), ("en-GB", "en"), ("de-DE", "nl"), ("nl-BE", "nl")],
)
def test_accept_language_is_followed(client, header, expected):
    assert lang_of(client.get("/", headers={"Accept-Language": header})) == expected


def test_switcher_choice_beats_accept_language(client):
    post_form(client, "/language", {"language": "en", "next": "/login"}, page="/")
    assert lang_of(client.get("/", headers={"Accept-Language": "fr"})) == "en"


def test_switcher_returns_to_the_page_and_only_to_our_pages(client):
    ok = post_form(client, "/language", {"language": "fr", "next": "/login"}, page="/")
    assert ok.headers["Location"] == "/login"
    evil = post_form(client, "/language", {"language": "fr", "next": "//evil.example"}, page="/")
    assert evil.headers["Location"] == "/"


def test_switcher_refuses_an_unknown_language(client):
    response = post_form(client, "/language", {"language": "de"}, page="/")
    assert response.status_code == 400
    assert lang_of(client.get("/")) == "en"


def test_switcher_needs_post(client):
    assert client.get("/language?language=fr").status_code == 405


def test_member_setting_beats_switcher_and_header(client, auth):
    make_user(locale="fr")
    auth.login()
    assert lang_of(client.get("/", headers={"Accept-Language": "en"})) == "fr"
    assert "Paramètres du compte" in client.get("/settings").get_data(as_text=True)


def test_switching_language_as_a_member_saves_the_setting(client, auth):
    make_user()
    auth.login()
    post_form(client, "/language", {"language": "en"}, page="/")
    db.session.expire_all()
    assert User.by_email("an@example.org").locale == "en"


def test_preferences_form_saves_the_language(client, auth):
    make_user()
    auth.login()
    response = post_form(client, "/settings/preferences", {"locale": "fr"}, page="/settings")
    assert response.status_code == 302
    assert lang_of(client.get("/settings")) == "fr"
    bad = post_form(client, "/settings/preferences", {"locale": "xx"}, page="/settings")
    assert bad.status_code == 400


def test_form_errors_are_translated(client):
    page = post_form(
        client,
        "/register",
        {"name": "", "email": "", "password": "", "confirm": ""},
        headers={"Accept-Language": "fr"},
    ).get_data(as_text=True)
    assert "Indiquez votre nom" in page or "votre nom" in page


def test_every_string_is_translated_in_every_catalogue(tmp_path):
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "-k",
            "lazy_pgettext:1c,2",
            "-o",
            str(pot),
            "--no-location",
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with pot.open("rb") as f:
        wanted = {(m.id, m.context) for m in read_po(f) if m.id}
    assert len(wanted) > 50
    problems = []
    for lang in LANGUAGES:
        with (ROOT / "app/translations" / lang / "LC_MESSAGES/messages.po").open("rb") as f:
            catalog = read_po(f, locale=lang)
        for msgid, context in sorted(wanted, key=str):
            message = catalog.get(msgid, context=context)
            if message is None or not message.string or message.fuzzy:
                problems.append(f"{lang}: {msgid!r} ({context or 'no context'})")
    assert not problems, "untranslated:\n" + "\n".join(problems)
