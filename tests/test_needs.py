"""Needs: posting, responses, status, notifications, suggestions, the board and the radar."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.accounts.models import Role, User
from app.extensions import db
from app.members.models import Level, MemberSkill, Mode, Profile, Visibility
from app.needs.matching import suggest_members, suggest_offers, suggestions_for
from app.needs.models import (
    Need,
    NeedMode,
    NeedResponse,
    NeedSkill,
    NeedStatus,
    NeedVisibility,
    Solved,
)
from app.needs.radar import build_radar, csv_cell, radar_csv
from app.notifications.models import Notification, NotificationKind
from app.partners.models import today
from app.places.gazetteer import resolve_place
from app.search.engine import storage
from tests.helpers import post_form
from tests.test_partners import (
    SCRIPT,
    make_account,
    make_offer,
    make_partner,
    sign_in,
    skill_id,
)

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def make_need(
    author: User,
    title: str = "Iemand om mijn eerste offerte na te lezen",
    *,
    skills=("bookkeeping",),
    place: str | None = None,
    visibility: NeedVisibility = NeedVisibility.MEMBERS,
    modes=(),
    **fields,
) -> Need:
    """Add and commit a need of ``author``; skills by their taxonomy slug."""
    need = Need(
        author_id=author.id,
        title=title,
        body=fields.pop("body", "Ik wil graag hulp."),
        visibility=visibility,
        place=resolve_place(place) if place else None,
        skills=[NeedSkill(skill_id=skill_id(slug), position=i) for i, slug in enumerate(skills)],
        modes=[NeedMode(mode=mode) for mode in modes],
        **fields,
    )
    db.session.add(need)
    db.session.commit()
    return need


def make_helper(
    email: str,
    name: str,
    *,
    place: str | None = None,
    skills=("bookkeeping",),
    can_help: bool = True,
    visibility: Visibility = Visibility.MEMBERS,
) -> Profile:
    """A member with a profile listing ``skills`` (slugs)."""
    user = make_account(email, name)
    profile = Profile(
        user_id=user.id,
        display_name=name,
        visibility=visibility,
        place=resolve_place(place) if place else None,
        skills=[
            MemberSkill(skill_id=skill_id(slug), level=Level.EXPERT, can_help=can_help, position=i)
            for i, slug in enumerate(skills)
        ],
    )
    db.session.add(profile)
    db.session.commit()
    return profile


def need_data(**changes) -> dict:
    data = {
        "title": "Hulp bij mijn eerste btw-aangifte",
        "body": "Ik begin als **illustrator** en weet niet hoe ik btw aangeef.",
        "skills-0-name": "btw",
        "skills-1-name": "boekhouding",
        "place": "Gand",
        "modes": ["online", "individual"],
        "visibility": "public",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


VIEWERS = ["anonymous", "member", "partner", "author", "staff"]


def cast(client, viewer: str | None = None) -> dict[str, User]:
    """The usual people, signed in as ``viewer`` if given."""
    people = {
        "author": make_account("author@example.org", "Anna Author"),
        "member": make_account("member@example.org", "Mo Member"),
        "staff": make_account("staff@example.org", "Sam Staff", Role.STAFF),
    }
    people["partner"] = make_partner(email="partner@example.org", name="Guichet Liège").user
    if viewer and viewer != "anonymous":
        sign_in(client, f"{viewer}@example.org")
    return people


# --- posting and editing --------------------------------------------------------------------------


def test_a_member_posts_a_need(client, world):
    cast(client, "author")
    response = post_form(client, "/needs/new", need_data())
    assert response.status_code == 302
    need = db.session.scalar(select(Need))
    assert response.headers["Location"] == f"/needs/{need.id}"
    assert need.status is NeedStatus.OPEN and need.visibility is NeedVisibility.PUBLIC
    assert [row.skill.slug for row in need.skills] == ["vat", "bookkeeping"]
    assert need.place.name == "Gent"
    assert sorted(m.value for m in need.mode_values) == ["individual", "online"]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "<strong>illustrator</strong>" in page
    assert "author@example.org" not in page
    assert "Hulp bij mijn eerste btw-aangifte" in client.get("/needs/").get_data(as_text=True)


def test_the_author_edits_the_need(client, world):
    people = cast(client, "author")
    need = make_need(people["author"])
    before = need.updated_at
    assert "Iemand om mijn eerste offerte" in client.get(f"/needs/{need.id}/edit").get_data(
        as_text=True
    )
    response = post_form(client, f"/needs/{need.id}/edit", need_data(title="Nieuwe titel"))
    assert response.status_code == 302
    db.session.expire_all()
    need = db.session.get(Need, need.id)
    assert need.title == "Nieuwe titel" and need.updated_at > before
    assert [row.skill.slug for row in need.skills] == ["vat", "bookkeeping"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": ""}, "Say in one line what you need"),
        ({"title": "x" * 201}, "at most 200 characters"),
        ({"title": "Hulp\x00nodig"}, "control characters"),
        ({"body": ""}, "Describe your need"),
        ({"body": "x" * 5001}, "at most 5000 characters"),
        ({"skills-0-name": "x" * 101}, "at most 100 characters"),
        ({"skills-0-name": "btw\x07"}, "control characters"),
        ({"place": "Atlantis-sur-Mer"}, "We do not know the place"),
        ({"modes": ["telepathy"]}, "not a valid choice"),
        ({"visibility": "everyone"}, "Not a valid choice"),
        ({"visibility": "hidden"}, "Not a valid choice"),
    ],
)
def test_bad_input_on_the_need_form_keeps_what_was_saved(client, world, changes, message):
    people = cast(client, "author")
    need = make_need(people["author"], "Oude titel")
    for url in (f"/needs/{need.id}/edit", "/needs/new"):
        response = post_form(client, url, need_data(**changes))
        assert response.status_code == 200
        page = response.get_data(as_text=True)
        assert message.lower() in page.lower()
        assert "btw-aangifte" in page or "title" in changes  # the input is kept
    db.session.expire_all()
    assert db.session.scalar(select(func.count(Need.id))) == 1
    need = db.session.get(Need, need.id)
    assert need.title == "Oude titel"
    assert [row.skill.slug for row in need.skills] == ["bookkeeping"]


def test_need_form_errors_speak_the_users_language(client, world):
    cast(client, "author")
    response = post_form(
        client,
        "/needs/new",
        need_data(title="Hulp\x1b", place="Atlantis-sur-Mer", visibility="everyone"),
        headers={"Accept-Language": "fr"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<html lang="fr">' in page
    assert "Supprimez les caractères de contrôle invisibles." in page
    assert "Nous ne connaissons pas la localité" in page
    assert "Not a valid choice" not in page  # WTForms' own message, in French too


def test_script_in_a_need_is_shown_as_text(client, world):
    people = cast(client, "author")
    response = post_form(
        client,
        "/needs/new",
        need_data(
            title=SCRIPT, body=SCRIPT + "<img src=x onerror=alert(1)>", **{"skills-0-name": SCRIPT}
        ),
    )
    assert response.status_code == 302
    need = db.session.scalar(select(Need))
    sign_in(client, "member@example.org")
    answered = post_form(
        client, f"/needs/{need.id}/responses", {"body": SCRIPT}, page=f"/needs/{need.id}"
    )
    assert answered.status_code == 302
    assert people["member"].id == db.session.scalar(select(NeedResponse.author_id))
    for url in (f"/needs/{need.id}", "/needs/", "/needs/mine"):
        page = client.get(url).get_data(as_text=True)
        assert "<script>alert(1)" not in page
        assert "<img src=x onerror" not in page and '<img src="x" onerror' not in page


# --- visibility and access ------------------------------------------------------------------------

# For each visibility, what each viewer (in VIEWERS order) gets on the need's page.
NEED_STATUS = {
    "public": (200, 200, 200, 200, 200),
    "members": (302, 200, 200, 200, 200),
}


@pytest.mark.parametrize("visibility", ["public", "members"])
@pytest.mark.parametrize("viewer", VIEWERS)
def test_need_visibility_rules(client, world, viewer, visibility):
    people = cast(client, viewer)
    need = make_need(
        people["author"], "Zichtbaarheid testen", visibility=NeedVisibility(visibility)
    )
    expected = NEED_STATUS[visibility][VIEWERS.index(viewer)]
    assert client.get(f"/needs/{need.id}").status_code == expected
    listed = "Zichtbaarheid testen" in client.get("/needs/").get_data(as_text=True)
    assert listed is (expected == 200)


NEED_ROUTES = [
    ("get", "/needs/new"),
    ("post", "/needs/new"),
    ("get", "/needs/{id}/edit"),
    ("post", "/needs/{id}/edit"),
    ("post", "/needs/{id}/status"),
    ("post", "/needs/{id}/responses"),
    ("post", "/needs/{id}/delete"),
    ("get", "/needs/mine"),
    ("get", "/needs/radar"),
    ("get", "/needs/radar.csv"),
]
# What each viewer (in VIEWERS order) gets on each route, for a public need of the author.
NEED_ACCESS = {
    ("get", "/needs/new"): (302, 200, 403, 200, 200),
    ("post", "/needs/new"): (302, 302, 403, 302, 302),
    ("get", "/needs/{id}/edit"): (302, 403, 403, 200, 403),
    ("post", "/needs/{id}/edit"): (302, 403, 403, 302, 403),
    ("post", "/needs/{id}/status"): (302, 403, 403, 302, 403),
    ("post", "/needs/{id}/responses"): (302, 302, 302, 403, 302),
    ("post", "/needs/{id}/delete"): (302, 403, 403, 302, 302),
    ("get", "/needs/mine"): (302, 200, 200, 200, 200),
    ("get", "/needs/radar"): (302, 403, 403, 403, 200),
    ("get", "/needs/radar.csv"): (302, 403, 403, 403, 200),
}
ROUTE_DATA = {
    # The need made for the table is like this one: past the similar-needs hint.
    "/needs/new": {**need_data(), "post_anyway": "1"},
    "/needs/{id}/edit": need_data(title="Changed"),
    "/needs/{id}/status": {"status": "closed", "solved": "yes"},
    "/needs/{id}/responses": {"body": "Ik kan helpen."},
    "/needs/{id}/delete": {},
}


@pytest.mark.parametrize(("method", "route"), NEED_ROUTES)
@pytest.mark.parametrize("viewer", VIEWERS)
def test_need_access_table(client, world, viewer, method, route):
    people = cast(client, viewer)
    need = make_need(people["author"], visibility=NeedVisibility.PUBLIC)
    url = route.format(id=need.id)
    if method == "get":
        response = client.get(url)
    else:
        response = post_form(client, url, ROUTE_DATA[route], page="/")
    assert response.status_code == NEED_ACCESS[(method, route)][VIEWERS.index(viewer)]
    if response.status_code in (302, 403) and viewer not in ("author", "staff"):
        db.session.expire_all()
        need = db.session.get(Need, need.id)
        assert need is not None and need.title != "Changed" and need.status is NeedStatus.OPEN


def test_missing_needs_and_responses_are_404(client, world):
    people = cast(client, "author")
    need = make_need(people["author"])
    other = make_need(people["member"])
    response = NeedResponse(need_id=other.id, author_id=people["staff"].id, body="Hier.")
    db.session.add(response)
    db.session.commit()
    assert client.get("/needs/12345").status_code == 404
    assert post_form(client, "/needs/12345/status", {"status": "open"}, page="/").status_code == 404
    # A response of another need is not one of this need's.
    url = f"/needs/{need.id}/responses/{response.id}/helped"
    assert post_form(client, url, page="/").status_code == 404


def test_state_changes_need_csrf(client, world):
    people = cast(client, "member")
    need = make_need(people["author"])
    assert client.post(f"/needs/{need.id}/responses", data={"body": "Hallo"}).status_code == 400
    assert client.get(f"/needs/{need.id}/responses").status_code == 405
    assert db.session.scalar(select(func.count(NeedResponse.id))) == 0


# --- responses and notifications ------------------------------------------------------------------


def test_a_response_notifies_the_author(client, world):
    people = cast(client, "member")
    make_helper("member2@example.org", "Unused")  # a profile, not of the responder
    need = make_need(people["author"])
    response = post_form(
        client,
        f"/needs/{need.id}/responses",
        {"body": "Ik kan **helpen**."},
        page=f"/needs/{need.id}",
    )
    assert response.status_code == 302
    saved = db.session.scalar(select(NeedResponse))
    assert response.headers["Location"] == f"/needs/{need.id}#response-{saved.id}"
    note = db.session.scalar(select(Notification))
    assert note.user_id == people["author"].id
    assert note.kind is NotificationKind.NEED_RESPONSE
    assert note.actor_name == "Mo Member"
    assert note.link == f"/needs/{need.id}#response-{saved.id}"

    sign_in(client, "author@example.org")
    home = client.get("/").get_data(as_text=True)
    assert "Notifications" in home and '1<span class="visually-hidden"> unread' in home
    listing = client.get("/notifications/").get_data(as_text=True)
    assert (
        "Mo Member responded to your need “Iemand om mijn eerste offerte na te lezen”." in listing
    )
    # The button opens the notification: a verb, not the state of a need.
    post_form(client, "/language", {"language": "fr"}, page="/notifications/")
    assert ">Ouvrir</button>" in client.get("/notifications/").get_data(as_text=True)
    post_form(client, "/language", {"language": "en"}, page="/notifications/")
    opened = post_form(client, f"/notifications/{note.id}/open", page="/notifications/")
    assert opened.headers["Location"] == note.link
    db.session.expire_all()
    assert db.session.get(Notification, note.id).read_at is not None
    assert 'visually-hidden"> unread' not in client.get("/").get_data(as_text=True)
    page = client.get(f"/needs/{need.id}").get_data(as_text=True)
    assert "<strong>helpen</strong>" in page and "member@example.org" not in page


def test_notifications_are_private_and_marked_read_by_post(client, auth, world):
    people = cast(client, "member")
    need = make_need(people["author"])
    post_form(client, f"/needs/{need.id}/responses", {"body": "Eén"}, page=f"/needs/{need.id}")
    note = db.session.scalar(select(Notification))
    # Not the member's notification: as if it did not exist.
    assert post_form(client, f"/notifications/{note.id}/read", page="/").status_code == 404
    assert post_form(client, f"/notifications/{note.id}/open", page="/").status_code == 404
    assert client.get(f"/notifications/{note.id}/read").status_code == 405
    auth.logout()
    assert client.get("/notifications/").status_code == 302
    sign_in(client, "author@example.org")
    assert post_form(client, f"/notifications/{note.id}/read", page="/").status_code == 302
    db.session.expire_all()
    assert db.session.get(Notification, note.id).read_at is not None
    db.session.get(Notification, note.id).read_at = None
    db.session.commit()
    assert post_form(client, "/notifications/read-all", page="/").status_code == 302
    db.session.expire_all()
    assert db.session.get(Notification, note.id).read_at is not None


def test_responses_by_the_wrong_user_are_refused(client, world):
    people = cast(client, "author")
    need = make_need(people["author"])
    # The author does not answer their own need.
    response = post_form(client, f"/needs/{need.id}/responses", {"body": "Zelf"}, page="/")
    assert response.status_code == 403
    need.status = NeedStatus.CLOSED
    need.solved = Solved.YES
    db.session.commit()
    sign_in(client, "member@example.org")
    # Nobody answers a closed need.
    assert (
        post_form(client, f"/needs/{need.id}/responses", {"body": "Te laat"}, page="/").status_code
        == 403
    )
    assert db.session.scalar(select(func.count(NeedResponse.id))) == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"body": ""}, "Write your response"),
        ({"body": "x" * 3001}, "at most 3000 characters"),
        ({"body": "Zie mijn aanbod", "offer": "999"}, "Not a valid choice"),
        ({"body": "Zie mijn artikel", "article": "999"}, "Not a valid choice"),
    ],
)
def test_bad_input_on_the_response_form(client, world, data, message):
    people = cast(client, "member")
    need = make_need(people["author"])
    response = post_form(client, f"/needs/{need.id}/responses", data, page=f"/needs/{need.id}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert message.lower() in page.lower()
    assert data["body"][:20] in page
    assert db.session.scalar(select(func.count(NeedResponse.id))) == 0


def test_a_partner_points_to_one_of_its_own_current_offers_only(client, world):
    people = cast(client, "partner")
    own_partner = db.session.scalar(select(User).where(User.email == "partner@example.org"))
    from app.partners.access import partner_of

    partner = partner_of(own_partner)
    offer = make_offer(partner, "Atelier btw")
    ended = make_offer(partner, "Oud atelier", end_date=today() - timedelta(days=1))
    other = make_offer(make_partner(email="other@example.org", name="Other"), "Niet van mij")
    need = make_need(people["author"])
    form = client.get(f"/needs/{need.id}").get_data(as_text=True)
    assert ">Atelier btw</option>" in form
    assert ">Oud atelier</option>" not in form and ">Niet van mij</option>" not in form
    for foreign in (other, ended):
        refused = post_form(
            client,
            f"/needs/{need.id}/responses",
            {"body": "Kijk", "offer": str(foreign.id)},
            page="/",
        )
        assert refused.status_code == 200 and "Not a valid choice" in refused.get_data(as_text=True)
    sent = post_form(
        client, f"/needs/{need.id}/responses", {"body": "Kijk", "offer": str(offer.id)}, page="/"
    )
    assert sent.status_code == 302
    assert db.session.scalar(select(NeedResponse)).offer_id == offer.id
    assert db.session.scalar(select(Notification)).actor_name == "Guichet Liège"
    sign_in(client, "author@example.org")
    page = client.get(f"/needs/{need.id}").get_data(as_text=True)
    assert f"/partners/offers/{offer.id}" in page and "Guichet Liège" in page


def test_an_unverified_partners_response_does_not_name_it_to_anonymous_visitors(client, world):
    people = cast(client)
    newcomer = make_partner(email="new@example.org", name="Nieuw Loket", verified=False)
    need = make_need(people["author"], visibility=NeedVisibility.PUBLIC)
    db.session.add(NeedResponse(need_id=need.id, author_id=newcomer.user_id, body="Welkom"))
    db.session.commit()
    anonymous = client.get(f"/needs/{need.id}").get_data(as_text=True)
    assert "Welkom" in anonymous and "Nieuw Loket" not in anonymous
    assert "An organisation not verified yet" in anonymous
    sign_in(client, "member@example.org")
    assert "Nieuw Loket" in client.get(f"/needs/{need.id}").get_data(as_text=True)


def test_a_member_points_to_one_of_their_published_articles(client, world):
    articles = pytest.importorskip("app.articles.models")
    people = cast(client, "member")
    mine = articles.Article(
        author_id=people["member"].id,
        title="Mijn btw-gids",
        body="…",
        language="nl",
        published=True,
    )
    draft = articles.Article(
        author_id=people["member"].id, title="Kladje", body="…", language="nl", published=False
    )
    db.session.add_all([mine, draft])
    db.session.commit()
    need = make_need(people["author"])
    form = client.get(f"/needs/{need.id}").get_data(as_text=True)
    assert "Mijn btw-gids" in form and "Kladje" not in form
    refused = post_form(
        client, f"/needs/{need.id}/responses", {"body": "Lees", "article": str(draft.id)}, page="/"
    )
    assert refused.status_code == 200
    sent = post_form(
        client, f"/needs/{need.id}/responses", {"body": "Lees", "article": str(mine.id)}, page="/"
    )
    assert sent.status_code == 302
    page = client.get(f"/needs/{need.id}").get_data(as_text=True)
    assert f"/articles/{mine.id}" in page


def test_deleting_responses_and_needs(client, world):
    people = cast(client, "member")
    need = make_need(people["author"])
    post_form(client, f"/needs/{need.id}/responses", {"body": "Eén"}, page="/")
    first = db.session.scalar(select(NeedResponse))
    sign_in(client, "partner@example.org")
    post_form(client, f"/needs/{need.id}/responses", {"body": "Twee"}, page="/")
    url = f"/needs/{need.id}/responses/{first.id}/delete"
    assert post_form(client, url, page="/").status_code == 403  # someone else's response
    sign_in(client, "author@example.org")
    assert post_form(client, url, page="/").status_code == 403  # even on one's own need
    sign_in(client, "member@example.org")
    assert post_form(client, url, page="/").status_code == 302
    assert db.session.scalar(select(func.count(NeedResponse.id))) == 1
    # Its notification went with it.
    assert db.session.scalar(select(func.count(Notification.id))) == 1
    sign_in(client, "staff@example.org")
    assert post_form(client, f"/needs/{need.id}/delete", page="/").status_code == 302
    assert db.session.scalar(select(func.count(Need.id))) == 0
    assert db.session.scalar(select(func.count(NeedResponse.id))) == 0
    assert db.session.scalar(select(func.count(Notification.id))) == 0


# --- status and the response that helped ----------------------------------------------------------


@pytest.mark.parametrize("viewer", ["member", "partner", "staff"])
def test_only_the_author_changes_the_status_or_marks_what_helped(client, world, viewer):
    people = cast(client, "member")
    need = make_need(people["author"], visibility=NeedVisibility.PUBLIC)
    post_form(client, f"/needs/{need.id}/responses", {"body": "Ik help"}, page="/")
    response = db.session.scalar(select(NeedResponse))
    sign_in(client, f"{viewer}@example.org")
    status = post_form(
        client, f"/needs/{need.id}/status", {"status": "closed", "solved": "no"}, page="/"
    )
    helped = post_form(client, f"/needs/{need.id}/responses/{response.id}/helped", page="/")
    assert status.status_code == 403 and helped.status_code == 403
    db.session.expire_all()
    need = db.session.get(Need, need.id)
    assert need.status is NeedStatus.OPEN and need.solved is None
    assert db.session.get(NeedResponse, response.id).helped is False


def test_the_author_closes_reopens_and_marks_what_helped(client, world):
    people = cast(client, "member")
    need = make_need(people["author"])
    post_form(client, f"/needs/{need.id}/responses", {"body": "Eén"}, page="/")
    sign_in(client, "partner@example.org")
    post_form(client, f"/needs/{need.id}/responses", {"body": "Twee"}, page="/")
    first, second = db.session.scalars(select(NeedResponse).order_by(NeedResponse.id))
    sign_in(client, "author@example.org")

    assert (
        post_form(client, f"/needs/{need.id}/responses/{first.id}/helped", page="/").status_code
        == 302
    )
    db.session.expire_all()
    assert db.session.get(Need, need.id).status is NeedStatus.ANSWERED
    helped_note = db.session.scalar(
        select(Notification).where(Notification.kind == NotificationKind.RESPONSE_HELPED)
    )
    assert helped_note.user_id == people["member"].id
    # One response helped at a time.
    post_form(client, f"/needs/{need.id}/responses/{second.id}/helped", page="/")
    db.session.expire_all()
    assert [r.helped for r in db.session.get(Need, need.id).responses] == [False, True]
    post_form(client, f"/needs/{need.id}/responses/{second.id}/helped", page="/")
    db.session.expire_all()
    assert [r.helped for r in db.session.get(Need, need.id).responses] == [False, False]

    closed = post_form(
        client, f"/needs/{need.id}/status", {"status": "closed", "solved": "partly"}, page="/"
    )
    assert closed.status_code == 302
    db.session.expire_all()
    need = db.session.get(Need, need.id)
    assert need.status is NeedStatus.CLOSED and need.solved is Solved.PARTLY and need.closed_at
    assert "Hulp" not in client.get("/needs/").get_data(as_text=True)  # off the board
    reopened = post_form(
        client, f"/needs/{need.id}/status", {"status": "open", "solved": "no"}, page="/"
    )
    assert reopened.status_code == 302
    db.session.expire_all()
    need = db.session.get(Need, need.id)
    assert need.status is NeedStatus.OPEN and need.solved is None and need.closed_at is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"status": "closed"}, "Say whether your need was solved"),
        ({"status": "closed", "solved": "maybe"}, "Not a valid choice"),
        ({"status": "archived"}, "Not a valid choice"),
        ({}, "Not a valid choice"),
    ],
)
def test_bad_input_on_the_status_form(client, world, data, message):
    people = cast(client, "author")
    need = make_need(people["author"])
    response = post_form(client, f"/needs/{need.id}/status", data, page=f"/needs/{need.id}")
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Need, need.id).status is NeedStatus.OPEN


# --- suggestions ----------------------------------------------------------------------------------


def test_suggestions_rank_the_nearest_helper_first(client, world):
    people = cast(client)
    # Made first and named first, and covering more of the need: still after the nearer one.
    far = make_helper(
        "far@example.org", "Aline Namur", place="Namur", skills=("bookkeeping", "vat")
    )
    near = make_helper("near@example.org", "Zeno Gent", place="Gent")
    nowhere = make_helper("nowhere@example.org", "Bert Nergens", place=None)
    make_helper("cannot@example.org", "Cannot Help", place="Gent", can_help=False)
    make_helper("hidden@example.org", "Hidden Helper", place="Gent", visibility=Visibility.HIDDEN)
    make_helper("other@example.org", "Other Skill", place="Gent", skills=("illustration",))
    author_profile = make_helper("self@example.org", "Self Help", place="Gent")
    need = make_need(
        db.session.get(User, author_profile.user_id), skills=("bookkeeping", "vat"), place="Gent"
    )
    ranked = suggest_members(need, people["member"])
    assert [s.item.display_name for s in ranked] == ["Zeno Gent", "Aline Namur", "Bert Nergens"]
    assert ranked[0].distance_km < 5
    assert 95 < ranked[1].distance_km < 110
    assert ranked[2].distance_km is None
    assert ranked[1].shared_skills == 2
    # Without a place: the helper covering most skills first, then by name.
    unplaced = make_need(people["author"], skills=("bookkeeping", "vat"))
    assert [s.item.id for s in suggest_members(unplaced, people["member"])] == [
        far.id,
        nowhere.id,
        author_profile.id,
        near.id,
    ]
    # Members-only profiles are not suggested to a visitor who is not signed in.
    public = make_helper(
        "public@example.org", "Public Helper", place="Aalst", visibility=Visibility.PUBLIC
    )

    class Anonymous:
        is_authenticated = False

    assert [s.item.id for s in suggest_members(need, Anonymous())] == [public.id]


def test_suggestions_cover_verified_current_offers_and_show_on_the_page(client, world):
    people = cast(client, "author")
    near = make_partner(email="gent@example.org", name="Guichet Gent", place="Gent")
    far = make_partner(email="arlon@example.org", name="Guichet Arlon", place="Arlon")
    unverified = make_partner(email="new@example.org", name="Nieuw", place="Gent", verified=False)
    make_offer(far, "Boekhouding in Arlon")
    make_offer(near, "Boekhouding in Gent")
    make_offer(near, "Afgelopen", end_date=today() - timedelta(days=1))
    make_offer(unverified, "Niet geverifieerd")
    make_offer(near, "Ander onderwerp", skills=("illustration",))
    make_helper("helper@example.org", "Helper Gent", place="Gent")
    need = make_need(people["author"], place="Gent")
    assert [s.item.title for s in suggest_offers(need)] == [
        "Boekhouding in Gent",
        "Boekhouding in Arlon",
    ]
    page = client.get(f"/needs/{need.id}").get_data(as_text=True)
    assert "Helper Gent" in page and "Boekhouding in Gent" in page
    assert "Afgelopen" not in page and "Niet geverifieerd" not in page
    assert not suggestions_for(make_need(people["author"], skills=()), people["author"])


def test_suggestions_include_articles_on_the_skills(client, world):
    articles = pytest.importorskip("app.articles.models")
    people = cast(client, "member")
    on_topic = articles.Article(
        author_id=people["member"].id,
        title="Boekhouden voor starters",
        language="nl",
        published=True,
        published_at=NOW,
        skills=[articles.ArticleSkill(skill_id=skill_id("bookkeeping"))],
    )
    draft = articles.Article(
        author_id=people["member"].id,
        title="Kladversie boekhouden",
        language="nl",
        published=False,
        skills=[articles.ArticleSkill(skill_id=skill_id("bookkeeping"))],
    )
    db.session.add_all([on_topic, draft])
    db.session.commit()
    need = make_need(people["author"])
    titles = [s.item.title for s in suggestions_for(need, people["member"]).articles]
    assert titles == ["Boekhouden voor starters"]


def test_suggestions_come_from_the_index(app, client, runner, world):
    people = cast(client)
    helper = make_helper("helper@example.org", "Helper Gent", place="Gent")
    need = make_need(people["author"], place="Gent")

    def suggested() -> list[str]:
        return [s.item.display_name for s in suggest_members(need, people["member"])]

    assert suggested() == ["Helper Gent"]
    # A document the index lost is not suggested, though the database has the profile ...
    with storage.open_live().writer() as writer:
        writer.delete_by_term("key", f"member:{helper.id}")
    assert suggested() == []
    # ... until the index is rebuilt from the database.
    assert runner.invoke(args=["search", "rebuild"]).exit_code == 0
    assert suggested() == ["Helper Gent"]
    # A helper the index has not seen yet comes with the next sync.
    app.config["SEARCH_INDEX_ON_COMMIT"] = False
    make_helper("late@example.org", "Late Helper", place="Gent")
    assert suggested() == ["Helper Gent"]
    assert runner.invoke(args=["search", "sync"]).exit_code == 0
    assert suggested() == ["Helper Gent", "Late Helper"]
    # What the index still holds is checked against the database: hidden now, not suggested.
    helper.visibility = Visibility.HIDDEN
    db.session.commit()
    assert suggested() == ["Late Helper"]


def test_only_skills_a_member_can_help_with_suggest_them(client, world):
    people = cast(client)
    learner = make_helper(
        "learner@example.org", "Lea Learner", skills=("bookkeeping", "vat"), can_help=False
    )
    learner.skills[1].can_help = True  # helps with VAT, is learning bookkeeping
    db.session.commit()
    with storage.open_live().searcher() as searcher:
        document = searcher.document(key=f"member:{learner.id}")
    assert document["skills"].split() == [str(skill_id("bookkeeping")), str(skill_id("vat"))]
    assert document["helps"].split() == [str(skill_id("vat"))]

    bookkeeping = make_need(people["author"], skills=("bookkeeping",))
    vat = make_need(people["author"], "Btw-vraag", skills=("vat", "bookkeeping"))
    assert suggest_members(bookkeeping, people["member"]) == []
    ranked = suggest_members(vat, people["member"])
    assert [(s.item.id, s.shared_skills) for s in ranked] == [(learner.id, 1)]
    learner.skills[0].can_help = True
    db.session.commit()
    assert [s.item.id for s in suggest_members(bookkeeping, people["member"])] == [learner.id]
    assert suggest_members(vat, people["member"])[0].shared_skills == 2


# --- the board ------------------------------------------------------------------------------------


def test_the_board_filters_and_paginates(client, world):
    people = cast(client)
    make_need(people["author"], "Btw in Gent", skills=("vat",), place="Gent", modes=(Mode.ONLINE,))
    make_need(people["author"], "Boekhouding in Luik", place="Liège", modes=(Mode.IN_PERSON,))
    make_need(people["author"], "Gesloten nood", status=NeedStatus.CLOSED, solved=Solved.YES)
    make_need(
        people["author"],
        "Publieke nood",
        skills=("illustration",),
        visibility=NeedVisibility.PUBLIC,
    )

    def board(query: str = "") -> str:
        return client.get("/needs/?" + query).get_data(as_text=True)

    assert "1 open need" in board() and "Publieke nood" in board()  # anonymous: public only
    sign_in(client, "member@example.org")
    assert "3 open needs" in board() and "Gesloten nood" not in board()
    assert "Btw in Gent" in board("skill=TVA") and "1 open need" in board("skill=TVA")
    assert "Boekhouding in Luik" in board("region=BE-WAL") and "1 open need" in board(
        "region=BE-WAL"
    )
    assert "Btw in Gent" in board("mode=online") and "1 open need" in board("mode=online")
    assert "do not know the skill" in board("skill=zzzqqq")
    for query in ("mode=x&region=XX-YY&page=abc", "page=999", "can_help=y&skill=" + "x" * 300):
        assert client.get("/needs/?" + query).status_code == 200
    for i in range(22):
        make_need(people["author"], f"Nood {i:02d}")
    assert "25 open needs" in board() and "Nood 21" in board() and "Nood 01" not in board()
    assert "Nood 01" in board("page=2")


def test_needs_i_can_help_with(client, world):
    people = cast(client)
    helper = make_helper("helper@example.org", "Helper", skills=("vat", "illustration"))
    make_helper("learner@example.org", "Learner", skills=("vat",), can_help=False)
    make_need(people["author"], "Btw-vraag", skills=("vat",))
    make_need(people["author"], "Boekhoudvraag", skills=("bookkeeping",))
    make_need(db.session.get(User, helper.user_id), "Mijn eigen vraag", skills=("vat",))
    sign_in(client, "helper@example.org")
    page = client.get("/needs/?can_help=y").get_data(as_text=True)
    assert "Btw-vraag" in page and "Boekhoudvraag" not in page and "Mijn eigen vraag" not in page
    sign_in(client, "learner@example.org")
    page = client.get("/needs/?can_help=y").get_data(as_text=True)
    assert "0 open needs" in page and "I can help others with this" in page


# --- the unmet-needs radar ------------------------------------------------------------------------


def radar_dataset(people) -> None:
    """A known set of needs around NOW."""
    author, member = people["author"], people["member"]
    old = NOW - timedelta(days=20)
    # Open > 14 days, no response: unmet (vat+bookkeeping, Gent; vat, Liège; no skill, no place).
    make_need(
        author, "Oud zonder antwoord", skills=("vat", "bookkeeping"), place="Gent", created_at=old
    )
    make_need(author, "Oud in Luik", skills=("vat",), place="Liège", created_at=old)
    make_need(author, "Oud zonder details", skills=(), created_at=old)
    # Open > 14 days but answered: not unmet.
    answered = make_need(author, "Oud met antwoord", skills=("vat",), place="Gent", created_at=old)
    db.session.add(NeedResponse(need_id=answered.id, author_id=member.id, body="Hier"))
    # Open for only 10 days: not yet.
    make_need(author, "Recent", skills=("vat",), place="Gent", created_at=NOW - timedelta(days=10))
    # Closed not solved: unmet, whatever its age; solved or partly: not.
    make_need(
        author,
        "Niet opgelost",
        skills=("bookkeeping",),
        place="Liège",
        created_at=NOW - timedelta(days=2),
        status=NeedStatus.CLOSED,
        solved=Solved.NO,
    )
    make_need(
        author,
        "Opgelost",
        skills=("vat",),
        created_at=old,
        status=NeedStatus.CLOSED,
        solved=Solved.YES,
    )
    make_need(
        author,
        "Deels",
        skills=("vat",),
        created_at=old,
        status=NeedStatus.CLOSED,
        solved=Solved.PARTLY,
    )
    # An answered (status) need is neither.
    make_need(author, "Beantwoord", skills=("vat",), created_at=old, status=NeedStatus.ANSWERED)
    db.session.commit()


def test_the_radar_counts_a_known_dataset(client, world):
    people = cast(client)
    radar_dataset(people)
    radar = build_radar(now=NOW, lang="en")
    assert (radar.stale, radar.unsolved) == (3, 1)
    assert [(r.code, r.name, r.stale, r.unsolved) for r in radar.by_skill] == [
        ("bookkeeping", "Bookkeeping", 1, 1),
        ("vat", "VAT", 2, 0),
        ("", "No skill given", 1, 0),
    ]
    assert [(r.code, r.stale, r.unsolved, r.total) for r in radar.by_region] == [
        ("BE-WAL", 1, 1, 2),
        ("BE-VLG", 1, 0, 1),
        ("", 1, 0, 1),
    ]
    assert radar.by_region[0].name == "Wallonia" and radar.largest == 2
    # A day later nothing changes; at 14 days from creation the recent one is still not stale.
    assert build_radar(now=NOW + timedelta(days=4), lang="en").stale == 3
    assert build_radar(now=NOW + timedelta(days=5), lang="en").stale == 4


def test_the_radar_page_and_its_csv(client, world):
    people = cast(client, "staff")
    radar_dataset(people)
    # The page counts at the real now: every dataset date lies well in the past.
    page = client.get("/needs/radar").get_data(as_text=True)
    assert "Oud zonder antwoord" in page and "Niet opgelost" in page
    assert "Oud met antwoord" not in page and "Deels" not in page
    assert " style=" not in page and "<svg" in page and 'width="100.0"' in page
    response = client.get("/needs/radar.csv")
    assert response.mimetype == "text/csv"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="gilde-unmet-needs-')
    assert disposition.endswith('.csv"') and "/" not in disposition
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == [
        "dimension",
        "code",
        "name",
        "open_without_response",
        "closed_not_solved",
        "total",
        "members_concerned",
    ]
    # Nobody said "me too": the members concerned are the authors.
    assert ["skill", "vat", "VAT", "3", "0", "3", "3"] in rows  # "Recent" is old by now
    assert ["region", "BE-WAL", "Wallonia", "1", "1", "2", "2"] in rows


def test_the_csv_guards_against_formula_injection(client, world):
    for text in ('=HYPERLINK("http://evil")', "+1", "-1+2", "@SUM(A1)", "\tTab", "\rCR"):
        assert csv_cell(text).startswith("'")
    assert csv_cell("Bookkeeping") == "Bookkeeping" and csv_cell(3) == "3"
    people = cast(client)
    from app.skills.taxonomy import resolve_or_create_skill

    evil = resolve_or_create_skill("=cmd|' /C calc'!A0", "en")
    db.session.commit()
    need = Need(
        author_id=people["author"].id,
        title="Formule",
        body="…",
        created_at=NOW - timedelta(days=30),
        skills=[NeedSkill(skill_id=evil.id)],
    )
    db.session.add(need)
    db.session.commit()
    rows = list(csv.reader(io.StringIO(radar_csv(build_radar(now=NOW, lang="en")))))
    names = [row[2] for row in rows[1:]]
    assert "'=cmd|' /C calc'!A0" in names
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


@pytest.mark.parametrize("status", ["open", "answered"])
def test_choosing_solved_closes_the_need_and_the_page_says_what_was_saved(client, world, status):
    people = cast(client, "author")
    need = make_need(people["author"])
    page = client.get(f"/needs/{need.id}").get_data(as_text=True)
    assert "Answering this closes the need." in page
    response = post_form(
        client,
        f"/needs/{need.id}/status",
        {"status": status, "solved": "yes"},
        page=f"/needs/{need.id}",
        follow_redirects=True,
    )
    shown = response.get_data(as_text=True)
    assert "Your need is closed: Solved." in shown
    db.session.expire_all()
    saved = db.session.get(Need, need.id)
    assert saved.status is NeedStatus.CLOSED and saved.solved is Solved.YES
    # The form shows what was saved.
    checked = re.findall(r"<input[^>]*\bchecked\b[^>]*>", shown)
    assert any('value="closed"' in tag for tag in checked)
    assert any('value="yes"' in tag for tag in checked)

    # Reopened, with the old answer still checked in the form: open, and no answer kept.
    response = post_form(
        client,
        f"/needs/{need.id}/status",
        {"status": "open", "solved": "yes"},
        page=f"/needs/{need.id}",
        follow_redirects=True,
    )
    assert "The status of your need is saved: Open." in response.get_data(as_text=True)
    db.session.expire_all()
    saved = db.session.get(Need, need.id)
    assert saved.status is NeedStatus.OPEN and saved.solved is None
