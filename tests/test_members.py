"""Skill profiles: editing, bad input, the directory and the visibility rules."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.accounts.models import Role
from app.extensions import db
from app.members.models import Level, MemberSkill, Profile, Visibility
from app.places.gazetteer import resolve_place
from app.skills.taxonomy import resolve_skill
from tests.helpers import make_user, post_form


def make_profile(user, visibility=Visibility.MEMBERS, place=None, skills=(), **fields) -> Profile:
    profile = Profile(
        user_id=user.id,
        display_name=fields.pop("display_name", user.name),
        visibility=visibility,
        place=resolve_place(place) if place else None,
        **fields,
    )
    for position, name in enumerate(skills):
        profile.skills.append(
            MemberSkill(
                skill=resolve_skill(name), level=Level.EXPERT, can_help=True, position=position
            )
        )
    db.session.add(profile)
    db.session.commit()
    return profile


def profile_data(**changes) -> dict:
    data = {
        "display_name": "An Peeters",
        "headline": "Illustrator voor kinderboeken",
        "bio": "Ik teken **graag**.",
        "sector": "design",
        "place": "Gand",
        "languages": ["nl", "en"],
        "skills-0-name": "boekhouding",
        "skills-0-level": "expert",
        "skills-0-can_help": "y",
        "skills-1-name": "Illustration",
        "skills-1-level": "experienced",
        "mentor": "y",
        "mentor_capacity": "2",
        "mentor_wishes-0-name": "négociation",
        "modes": ["online", "individual"],
        "website": "https://an.example.org",
        "portfolio": "",
        "visibility": "public",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def save_profile(client, **changes):
    return post_form(client, "/members/me/edit", profile_data(**changes))


def test_edit_creates_the_profile_with_resolved_skills_and_place(client, auth, world):
    make_user()
    auth.login()
    response = save_profile(client)
    assert response.status_code == 302, response.get_data(as_text=True)[-3000:]
    profile = db.session.scalar(select(Profile))
    assert profile.place.name == "Gent"
    assert [r.skill.slug for r in profile.skills] == ["bookkeeping", "illustration"]
    assert profile.skills[0].level is Level.EXPERT and profile.skills[0].can_help
    assert profile.skills[1].can_help is False
    assert [w.skill.slug for w in profile.mentor_wishes] == ["negotiation"]
    assert sorted(profile.language_codes) == ["en", "nl"]
    assert profile.mentor and profile.mentor_capacity == 2
    assert profile.visibility is Visibility.PUBLIC
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "<strong>graag</strong>" in page
    assert "an@example.org" not in page


def test_saving_again_updates_rows_in_place(client, auth, world):
    make_user()
    auth.login()
    save_profile(client)
    response = save_profile(
        client,
        **{
            "skills-0-name": "Illustratie",
            "skills-1-name": "comptabilité",
            "skills-1-level": "beginner",
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    profile = db.session.scalar(select(Profile))
    assert [(r.skill.slug, r.level) for r in profile.skills] == [
        ("illustration", Level.EXPERT),
        ("bookkeeping", Level.BEGINNER),
    ]


def test_unknown_skill_becomes_a_community_skill(client, auth, world):
    make_user()
    auth.login()
    save_profile(client, **{"skills-1-name": "Kalligrafie met ganzenveren"})
    skill = resolve_skill("kalligrafie met ganzenveren")
    assert skill is not None and skill.status.value == "community"


def test_the_same_skill_twice_is_kept_once(client, auth, world):
    make_user()
    auth.login()
    assert save_profile(client, **{"skills-1-name": "Bookkeeping"}).status_code == 302
    assert db.session.scalar(select(func.count()).select_from(MemberSkill)) == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"skills-0-level": "grandmaster"}, "Not a valid choice"),
        ({"headline": "x" * 10_000}, "at most 160 characters"),
        ({"display_name": ""}, "Enter the name"),
        ({"display_name": "x" * 101}, "at most 100 characters"),
        ({"place": "Atlantis-sur-Mer"}, "Atlantis-sur-Mer"),
        ({"bio": "x" * 5001}, "at most 5000 characters"),
        ({"website": "javascript:alert(1)"}, "web address"),
        ({"website": "ftp://files.example.org"}, "https://"),
        ({"mentor_capacity": "-1"}, "from 0 to 20"),
        ({"mentor_capacity": "lots"}, "Not a valid integer"),
        ({"mentor_capacity": "0"}, "how many mentees"),
        ({"visibility": "everyone"}, "Not a valid choice"),
        ({"languages": ["xx"]}, "not a valid choice"),
        ({"skills-0-name": "a" * 101}, "at most 100 characters"),
        ({"headline": "tab\x07bell"}, "control characters"),
    ],
)
def test_bad_input_is_refused_and_nothing_saved_is_lost(client, auth, world, changes, message):
    make_user()
    auth.login()
    assert save_profile(client).status_code == 302
    response = save_profile(client, **changes)
    assert response.status_code == 200
    assert message.lower() in response.get_data(as_text=True).lower()
    db.session.expire_all()
    profile = db.session.scalar(select(Profile))
    assert profile.headline == "Illustrator voor kinderboeken"
    assert len(profile.skills) == 2


def test_unknown_place_gets_a_suggestion(client, auth, world):
    make_user()
    auth.login()
    page = save_profile(client, place="Gentt").get_data(as_text=True)
    assert "Gent" in page and "Gentt" in page


def test_script_in_every_field_is_shown_as_text(client, auth, world):
    make_user()
    auth.login()
    script = "<script>alert(1)</script>"
    response = save_profile(
        client,
        display_name=script,
        headline=script,
        bio=script + "<img src=x onerror=alert(1)>",
        **{"skills-1-name": script, "mentor_wishes-0-name": script},
    )
    assert response.status_code == 302
    for url in (response.headers["Location"], "/members/", "/members/me/edit"):
        page = client.get(url).get_data(as_text=True)
        assert "<script>alert(1)" not in page
        assert "<img src=x onerror" not in page
        assert '<img src="x" onerror' not in page


def test_directory_filters_and_paginates(client, auth, world):
    viewer = make_user()
    for i in range(25):
        user = make_user(email=f"m{i}@example.org", name=f"Member {i:02d}")
        make_profile(
            user,
            Visibility.PUBLIC,
            place="Gent" if i % 2 else "Liège",
            skills=["bookkeeping"] if i % 5 == 0 else ["illustration"],
            sector="design" if i % 3 == 0 else "care",
            mentor=i % 4 == 0,
            mentor_capacity=1 if i % 4 == 0 else 0,
        )
    auth.login(email=viewer.email)
    first = client.get("/members/").get_data(as_text=True)
    assert "25 members" in first
    assert "Member 00" in first and "Member 19" in first and "Member 20" not in first
    second = client.get("/members/?page=2").get_data(as_text=True)
    assert "Member 20" in second and "Member 00" not in second
    comptable = client.get("/members/?skill=comptabilité").get_data(as_text=True)
    assert "5 members" in comptable
    assert "2 members" in client.get("/members/?skill=boekhouding&sector=design").get_data(
        as_text=True
    )
    assert "7 members" in client.get("/members/?mentor=y").get_data(as_text=True)
    unknown = client.get("/members/?skill=zzzzqqq").get_data(as_text=True)
    assert "do not know the skill" in unknown
    assert client.get("/members/?page=999").status_code == 200
    assert client.get("/members/?page=abc&sort=nonsense&mode=x").status_code == 200


def test_directory_sorts_by_distance(client, world):
    for name, place in (
        ("Far Away", "Arlon"),
        ("Next Door", "Gent"),
        ("Close By", "Aalst"),
        ("Nowhere", None),
    ):
        user = make_user(email=f"{name.split()[0].lower()}@example.org", name=name)
        make_profile(user, Visibility.PUBLIC, place=place)
    page = client.get("/members/?near=Gand&sort=distance").get_data(as_text=True)
    order = [page.index(n) for n in ("Next Door", "Close By", "Far Away", "Nowhere")]
    assert order == sorted(order)
    assert "0 km" in page


VIEWERS = ["anonymous", "member", "owner", "staff"]
# For each visibility, what each viewer (in VIEWERS order) gets.
PROFILE_STATUS = {
    "public": (200, 200, 200, 200),
    "members": (302, 200, 200, 200),
    "hidden": (404, 404, 200, 404),
}
LISTED = {
    "public": (True, True, True, True),
    "members": (False, True, True, True),
    "hidden": (False, False, False, False),
}


@pytest.mark.parametrize("visibility", ["public", "members", "hidden"])
@pytest.mark.parametrize("viewer", VIEWERS)
def test_visibility_rules(client, auth, world, viewer, visibility):
    owner = make_user(email="owner@example.org", name="O. Owner")
    profile = make_profile(
        owner, Visibility(visibility), skills=["bookkeeping"], display_name="Olivia Owner"
    )
    make_user(email="member@example.org", name="Mo Member")
    make_user(email="staff@example.org", name="Sam Staff", role=Role.STAFF)
    if viewer != "anonymous":
        assert auth.login(email=f"{viewer}@example.org").status_code == 302
    response = client.get(f"/members/{profile.id}")
    assert response.status_code == PROFILE_STATUS[visibility][VIEWERS.index(viewer)]
    directory = client.get("/members/?skill=bookkeeping").get_data(as_text=True)
    assert ("Olivia Owner" in directory) is LISTED[visibility][VIEWERS.index(viewer)]
    for page in (response.get_data(as_text=True), directory):
        assert "owner@example.org" not in page


def test_missing_profile_is_404(client):
    assert client.get("/members/12345").status_code == 404


def test_my_profile_needs_login_and_leads_to_edit(client, auth):
    assert client.get("/members/me/edit").status_code == 302
    make_user()
    auth.login()
    assert client.get("/members/me").headers["Location"] == "/members/me/edit"
    page = client.get("/members/me/edit").get_data(as_text=True)
    assert 'value="An Peeters"' in page
