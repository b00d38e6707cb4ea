"""A newcomer's first steps: the onboarding, the completeness meter, the menu, news."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.extensions import db
from app.members.completeness import profile_completeness
from app.members.models import Level, Profile
from app.needs.models import NeedResponse
from tests.helpers import PASSWORD, make_user, post_form
from tests.test_members import make_profile
from tests.test_needs import make_need


def register(client, name="Lotte Claes", email="lotte@example.org"):
    return post_form(
        client,
        "/register",
        {"name": name, "email": email, "password": PASSWORD, "confirm": PASSWORD},
    )


def onboarding_data(**changes) -> dict:
    data = {
        "display_name": "Lotte Claes",
        "headline": "Vertaalster",
        "place": "Gand",
        "languages": ["nl", "fr"],
        "skills-0-name": "boekhouding",
        "skills-0-level": "expert",
        "skills-0-can_help": "y",
        "skills-1-name": "Illustration",
        "skills-1-level": "beginner",
        "skills-2-name": "",
        "skills-2-level": "experienced",
        "mentor": "y",
        "mentor_capacity": "2",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_registering_leads_to_the_onboarding(client, world):
    response = register(client)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/members/welcome")
    page = client.get("/members/welcome").get_data(as_text=True)
    assert 'value="Lotte Claes"' in page
    # Three skill rows, and no field of the full form (bio, website...).
    assert 'name="skills-2-name"' in page and 'name="skills-3-name"' not in page
    assert 'name="bio"' not in page and 'name="website"' not in page


def test_the_onboarding_saves_the_essentials(client, world):
    register(client)
    response = post_form(client, "/members/welcome", onboarding_data())
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/")
    profile = db.session.scalar(select(Profile))
    assert profile.display_name == "Lotte Claes"
    assert profile.headline == "Vertaalster"
    assert profile.place.name == "Gent"
    assert sorted(profile.language_codes) == ["fr", "nl"]
    assert [(r.level, r.can_help) for r in profile.skills] == [
        (Level.EXPERT, True),
        (Level.BEGINNER, False),
    ]
    assert profile.mentor and profile.mentor_capacity == 2
    assert profile.visibility.value == "members"


def test_the_onboarding_keeps_what_it_does_not_show(client, world):
    user = make_user()
    make_profile(
        user,
        bio="Mijn verhaal",
        website="https://an.example.org",
        skills=("bookkeeping", "illustration", "translation", "photography"),
    )
    from tests.conftest import AuthActions

    AuthActions(client).login()
    page = client.get("/members/welcome").get_data(as_text=True)
    assert 'name="skills-2-name"' in page
    post_form(
        client,
        "/members/welcome",
        onboarding_data(
            **{"skills-0-name": "Boekhouding", "skills-1-name": "", "skills-2-name": ""}
        ),
    )
    db.session.expire_all()
    profile = db.session.scalar(select(Profile))
    assert profile.bio == "Mijn verhaal"
    assert profile.website == "https://an.example.org"
    # The fourth skill was not on the page: it stays; the two emptied rows go.
    assert [row.skill.slug for row in profile.skills] == ["bookkeeping", "photography"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"display_name": ""}, "Enter the name other members see."),
        ({"display_name": "x" * 101}, "A name has at most 100 characters."),
        ({"mentor_capacity": "0"}, "Say how many mentees you can take on at once."),
        ({"mentor_capacity": "veel"}, "Not a valid integer value."),
        ({"headline": "<script>alert(1)</script>\x07"}, "Remove the invisible control characters."),
    ],
)
def test_the_onboarding_refuses_bad_input_and_keeps_it(client, world, changes, message):
    register(client)
    response = post_form(client, "/members/welcome", onboarding_data(**changes))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert message in page
    assert "Vertaalster" in page or "headline" in changes
    assert "<script>alert(1)" not in page
    assert db.session.scalar(select(Profile)) is None


def test_the_onboarding_needs_a_signed_in_member(client):
    response = client.get("/members/welcome")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_completeness_counts_what_is_filled_in(app, world):
    user = make_user()
    assert profile_completeness(None).percent == 0
    profile = make_profile(user)
    empty = profile_completeness(profile)
    assert empty.percent == 12
    assert [key for key, _label, _anchor in empty.missing] == [
        "headline",
        "place",
        "languages",
        "skills",
        "bio",
        "photo",
        "modes",
    ]
    profile.headline = "Vertaalster"
    profile.bio = "Over mij"
    db.session.commit()
    some = profile_completeness(profile)
    assert some.percent == 38 and "headline" not in [k for k, *_ in some.missing]
    other = make_profile(
        make_user("bo@example.org", "Bo"),
        skills=("bookkeeping", "illustration"),
        place="Gent",
    )
    assert "skills" in [k for k, *_ in profile_completeness(other).missing]
    assert "place" not in [k for k, *_ in profile_completeness(other).missing]


def test_the_home_page_shows_the_meter_and_what_is_missing(client, world):
    register(client)
    post_form(client, "/members/welcome", onboarding_data())
    page = client.get("/").get_data(as_text=True)
    assert "Your profile is 50% complete." in page
    assert 'value="50"' in page
    assert 'href="/members/me/edit#bio"' in page
    assert 'href="/members/me/edit#photo"' in page
    assert 'href="/members/me/edit#headline"' not in page


def test_an_anonymous_home_page_has_no_meter(client, world):
    assert "completeness-meter" not in client.get("/").get_data(as_text=True)


def test_the_home_page_shows_what_is_new_for_the_member(client, world):
    from tests.conftest import AuthActions

    me = make_user()
    make_profile(me, skills=("bookkeeping",))
    other = make_user("bo@example.org", "Bo Janssens")
    make_profile(other)
    make_need(other, "Wie leest mijn jaarrekening na?", skills=("bookkeeping",))
    make_need(other, "Een fotograaf voor mijn winkel", skills=("photography",))
    mine = make_need(me, "Hulp bij mijn website", skills=("photography",))
    db.session.add(NeedResponse(need_id=mine.id, author_id=other.id, body="Ik help graag."))
    db.session.commit()
    AuthActions(client).login()
    page = client.get("/").get_data(as_text=True)
    news = page[page.index('id="news-heading"') : page.index('id="needs-heading"')]
    assert "Wie leest mijn jaarrekening na?" in news
    assert "Een fotograaf voor mijn winkel" not in news
    assert "Bo Janssens replied to “Hulp bij mijn website”" in news


def test_other_features_can_add_news(client, world, monkeypatch):
    from app.main import home
    from tests.conftest import AuthActions

    make_user()
    section = home.NewsSection("sessions", "Sessions near you", [home.NewsItem("/x", "Workshop")])
    monkeypatch.setattr(home, "NEWS_SECTIONS", [lambda user: section, lambda user: None])
    AuthActions(client).login()
    page = client.get("/").get_data(as_text=True)
    assert "Sessions near you" in page and 'href="/x"' in page


@pytest.mark.parametrize(
    ("signed_in", "present", "absent"),
    [
        (False, ["/login", "/register"], ["/members/me", "/needs/mine"]),
        (True, ["/members/me", "/needs/mine", "/settings"], ['href="/register"']),
    ],
)
def test_the_menu_links(client, world, signed_in, present, absent):
    if signed_in:
        register(client)
    page = client.get("/partners/").get_data(as_text=True)
    menu = page[page.index("<nav") : page.index("</nav>")]
    for link in present:
        assert link in menu
    for link in absent:
        assert link not in menu
    # The language switcher is in the header's menu, on every page.
    assert 'class="language-switcher' in menu


def test_my_profile_from_the_menu_reaches_the_profile(client, world):
    register(client)
    post_form(client, "/members/welcome", onboarding_data())
    response = client.get("/members/me")
    profile = db.session.scalar(select(Profile))
    assert response.headers["Location"].endswith(f"/members/{profile.id}")


@pytest.mark.parametrize(
    ("lang", "day", "moment"),
    [
        ("nl", "7 dec 2026", "7 dec 2026 09:30"),
        ("fr", "7 déc. 2026", "7 déc. 2026 09:30"),
        ("en", "Dec 7, 2026", "Dec 7, 2026 9:30"),
    ],
)
def test_one_date_format_per_language(app, lang, day, moment):
    from datetime import UTC, date, datetime

    from flask import render_template_string

    with app.test_request_context(headers={"Accept-Language": lang}):
        rendered = render_template_string(
            "{{ d | dateformat }}|{{ d | dateformat('short') }}|{{ m | datetimeformat('short') }}",
            d=date(2026, 12, 7),
            m=datetime(2026, 12, 7, 9, 30, tzinfo=UTC),
        )
    first, second, third = rendered.split("|")
    assert first == second
    assert first.replace(".", "") == day.replace(".", "")
    assert third.replace(".", "").startswith(moment.replace(".", "")[: len(day) - 1])
