"""Demand and proposals: "me too", similar needs, merging, proposals, supports, comments,
status changes and who is told, the roadmap, search and the personal data."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.accounts.models import Role
from app.connections.models import ContactPreferences, NotifyMode
from app.extensions import db
from app.needs.models import Need, NeedResponse, NeedStatus, NeedVisibility, Solved
from app.needs.radar import build_radar
from app.notifications.models import Notification, NotificationKind
from app.proposals.demand import me_too_count, similar_needs
from app.proposals.models import (
    NeedMeToo,
    Proposal,
    ProposalComment,
    ProposalNeed,
    ProposalStatus,
    ProposalSupport,
)
from tests.helpers import csrf_token, post_form
from tests.mail import body_of, smtp_server  # noqa: F401
from tests.test_needs import cast, make_need, need_data
from tests.test_partners import make_account, make_offer, make_partner, sign_in
from tests.test_sessions import make_session

pytestmark = pytest.mark.usefixtures("world")


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def make_proposal(author, title="Een prijsatelier voor makers", needs=(), **fields) -> Proposal:
    proposal = Proposal(
        author_id=author.id,
        title=title,
        body=fields.pop("body", "Een **atelier** over prijzen."),
        links=[ProposalNeed(need_id=need.id) for need in needs],
        **fields,
    )
    db.session.add(proposal)
    db.session.commit()
    return proposal


# --- "me too" -----------------------------------------------------------------------------------


def test_me_too_once_per_member_shown_and_taken_back(client):
    people = cast(client, "member")
    need = make_need(people["author"])
    url = f"/needs/{need.id}"
    assert "0 members have this need too" in client.get(url).get_data(as_text=True)
    for _ in range(2):
        response = post_form(client, f"{url}/me-too", page=url)
        assert response.status_code == 302
    assert me_too_count(need.id) == 1
    page = client.get(url).get_data(as_text=True)
    assert "1 member has this need too" in page
    assert "Take my “me too” back" in page
    assert post_form(client, f"{url}/me-too/delete", page=url).status_code == 302
    assert me_too_count(need.id) == 0
    # Taking back what is not there changes nothing.
    assert post_form(client, f"{url}/me-too/delete", page=url).status_code == 302
    assert me_too_count(need.id) == 0


def test_the_author_cannot_say_me_too_to_their_own_need(client):
    people = cast(client, "author")
    need = make_need(people["author"])
    url = f"/needs/{need.id}"
    assert "Me too: I have this need" not in client.get(url).get_data(as_text=True)
    assert post_form(client, f"{url}/me-too", page=url).status_code == 403
    assert me_too_count(need.id) == 0


@pytest.mark.parametrize("viewer", ["partner", "anonymous"])
def test_me_too_is_for_members(client, viewer):
    people = cast(client, viewer)
    need = make_need(people["author"], visibility=NeedVisibility.PUBLIC)
    url = f"/needs/{need.id}"
    response = post_form(client, f"{url}/me-too", page=url)
    assert response.status_code == (403 if viewer == "partner" else 302)
    if viewer == "anonymous":
        assert response.headers["Location"].startswith("/login")
    assert me_too_count(need.id) == 0


def test_me_too_on_a_closed_or_missing_need(client):
    people = cast(client, "member")
    need = make_need(people["author"], status=NeedStatus.CLOSED, solved=Solved.NO)
    url = f"/needs/{need.id}"
    assert post_form(client, f"{url}/me-too", page=url).status_code == 403
    token = csrf_token(client, url)
    assert client.post("/needs/999999/me-too", data={"csrf_token": token}).status_code == 404


def test_me_too_needs_its_csrf_token_and_a_post(client):
    people = cast(client, "member")
    need = make_need(people["author"])
    assert client.post(f"/needs/{need.id}/me-too").status_code == 400
    assert client.get(f"/needs/{need.id}/me-too").status_code == 405
    assert me_too_count(need.id) == 0


def test_me_too_counts_in_the_radar(client):
    from datetime import UTC, datetime, timedelta

    people = cast(client)
    old = datetime.now(UTC) - timedelta(days=30)
    need = make_need(people["author"], created_at=old)
    db.session.add(NeedMeToo(need_id=need.id, user_id=people["member"].id))
    db.session.commit()
    radar = build_radar()
    assert radar.stale == 1
    assert radar.members_concerned == 2  # the author and one "me too"
    assert radar.by_skill[0].members == 2


# --- similar needs when posting -----------------------------------------------------------------


def test_posting_a_need_shows_similar_ones_first(client):
    people = cast(client, "member")
    other = make_need(
        people["author"],
        "Hulp bij de btw-aangifte van een illustrator",
        visibility=NeedVisibility.PUBLIC,
    )
    response = post_form(client, "/needs/new", need_data())
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Similar needs are already posted" in page
    assert f'href="/needs/{other.id}"' in page
    assert f'action="/needs/{other.id}/me-too"' in page
    assert count(Need) == 1  # nothing posted yet, what was typed is kept
    assert "Hulp bij mijn eerste btw-aangifte" in page
    # Posting anyway posts it.
    response = post_form(
        client, "/needs/new", {**need_data(), "post_anyway": "1"}, page="/needs/new"
    )
    assert response.status_code == 302
    assert count(Need) == 2


def test_unrelated_needs_are_not_similar(client):
    people = cast(client, "member")
    make_need(people["author"], "Een logo voor mijn bakkerij", body="Grafisch ontwerp.")
    response = post_form(client, "/needs/new", need_data())
    assert response.status_code == 302
    assert count(Need) == 2


def test_similar_needs_respect_visibility(app):
    people = {"author": make_account("a@example.org", "A")}
    make_need(people["author"], "Hulp bij de btw-aangifte", visibility=NeedVisibility.MEMBERS)
    from flask_login import AnonymousUserMixin

    assert similar_needs("btw-aangifte hulp", AnonymousUserMixin(), "nl") == []
    assert [n.title for n in similar_needs("btw-aangifte hulp", people["author"], "nl")] == [
        "Hulp bij de btw-aangifte"
    ]


@pytest.mark.parametrize("text", ['"', "()", "AND OR NOT", "<script>alert(1)</script>", "\u202e"])
def test_similar_needs_take_odd_text(app, text):
    user = make_account("a@example.org", "A")
    make_need(user, "Hulp bij de btw-aangifte")
    assert similar_needs(text, user, "nl") == []


# --- merging duplicates -------------------------------------------------------------------------


def test_staff_merge_a_duplicate(client):
    people = cast(client, "staff")
    target = make_need(people["author"], "Hulp bij btw")
    dup_author = make_account("dup@example.org", "Dirk Dup")
    third = make_account("third@example.org", "Tess Third")
    duplicate = make_need(dup_author, "Ook hulp bij btw")
    db.session.add_all(
        [
            NeedResponse(need_id=duplicate.id, author_id=people["member"].id, body="Bel me."),
            NeedMeToo(need_id=duplicate.id, user_id=third.id),
            NeedMeToo(need_id=duplicate.id, user_id=people["author"].id),
        ]
    )
    proposal = make_proposal(people["member"], needs=[duplicate])
    db.session.commit()
    duplicate_id, target_id = duplicate.id, target.id
    url = f"/needs/{duplicate_id}"
    response = post_form(client, f"{url}/merge", {"target": str(target_id)}, page=url)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/needs/{target_id}"
    db.session.expire_all()
    assert db.session.get(Need, duplicate_id) is None
    assert [r.body for r in db.session.get(Need, target_id).responses] == ["Bel me."]
    # The duplicate's author and its "me too"s share the target; its own author is not counted.
    assert set(db.session.scalars(select(NeedMeToo.user_id))) == {dup_author.id, third.id}
    assert db.session.get(Proposal, proposal.id).need_ids == [target_id]
    told = db.session.scalars(
        select(Notification.user_id).where(Notification.kind == NotificationKind.NEED_MERGED)
    )
    assert set(told) == {dup_author.id, people["author"].id}
    # Links to the duplicate (in its mails and notifications) lead to the need it became.
    moved = client.get(url)
    assert moved.status_code == 301 and moved.headers["Location"] == f"/needs/{target_id}"


def test_a_need_merged_twice_leads_to_where_it_ended(client):
    people = cast(client, "staff")
    first = make_need(people["author"], "Hulp bij facturen")
    second = make_need(people["member"], "Facturen maken")
    last = make_need(people["author"], "Facturatie")
    first_id, second_id, last_id = first.id, second.id, last.id
    for old, new in ((first_id, second_id), (second_id, last_id)):
        page = f"/needs/{old}"
        assert (
            post_form(client, f"{page}/merge", {"target": str(new)}, page=page).status_code == 302
        )
    for old in (first_id, second_id):
        moved = client.get(f"/needs/{old}")
        assert moved.status_code == 301 and moved.headers["Location"] == f"/needs/{last_id}"
    assert client.get(f"/needs/{last_id + 100}").status_code == 404
    # A redirect never lets a POST through to another need.
    assert (
        post_form(
            client, f"/needs/{first_id}/merge", {"target": "1"}, page=f"/needs/{last_id}"
        ).status_code
        == 404
    )


@pytest.mark.parametrize("viewer", ["member", "author"])
def test_only_staff_merge(client, viewer):
    people = cast(client, viewer)
    a = make_need(people["author"], "Een")
    b = make_need(people["author"], "Twee")
    url = f"/needs/{b.id}"
    response = post_form(client, f"{url}/merge", {"target": str(a.id)}, page=url)
    assert response.status_code == 403
    assert count(Need) == 2


@pytest.mark.parametrize("target", ["", "abc", "0", "-3", "999999", "self", "9" * 30])
def test_merging_into_nothing_changes_nothing(client, target):
    people = cast(client, "staff")
    need = make_need(people["author"])
    url = f"/needs/{need.id}"
    value = str(need.id) if target == "self" else target
    response = post_form(client, f"{url}/merge", {"target": value}, page=url)
    assert response.status_code == 302
    assert response.headers["Location"] == url
    assert count(Need) == 1


# --- proposals ----------------------------------------------------------------------------------


def proposal_data(**changes) -> dict:
    data = {
        "title": "Een prijsatelier voor makers",
        "body": "Een **atelier** waar we samen prijzen berekenen.",
        "kind": "training",
        "audience": "Startende makers",
        "needs": "",
    }
    data.update(changes)
    return data


def test_a_member_proposes_a_service_for_needs(client):
    people = cast(client, "member")
    a = make_need(people["author"], "Een")
    b = make_need(people["author"], "Twee")
    page = client.get(f"/proposals/new?need={a.id}").get_data(as_text=True)
    assert f'value="{a.id}"' in page
    response = post_form(
        client, "/proposals/new", proposal_data(needs=f"{a.id}, /needs/{b.id} #{a.id}")
    )
    assert response.status_code == 302
    proposal = db.session.scalar(select(Proposal))
    assert response.headers["Location"] == f"/proposals/{proposal.id}"
    assert proposal.need_ids == [a.id, b.id]
    assert proposal.status is ProposalStatus.PROPOSED
    assert proposal.author_id == people["member"].id
    page = client.get(f"/proposals/{proposal.id}").get_data(as_text=True)
    assert "<strong>atelier</strong>" in page
    # The need's page suggests it.
    need_page = client.get(f"/needs/{a.id}").get_data(as_text=True)
    assert f'href="/proposals/{proposal.id}"' in need_page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": ""}, "Give the service a name"),
        ({"title": "x" * 201}, "at most 200 characters"),
        ({"title": "a\x00b"}, "control characters"),
        ({"body": ""}, "Describe the service"),
        ({"body": "x" * 10001}, "at most 10000 characters"),
        ({"kind": "magic"}, "Not a valid choice"),
        ({"audience": "x" * 301}, "at most 300 characters"),
        ({"needs": "twelve"}, "by their number"),
        ({"needs": "https://evil.example/x"}, "by their number"),
        ({"needs": "999999"}, "There is no need number 999999"),
        ({"needs": ", ".join(str(i) for i in range(1, 60))}, "at most 50 needs"),
    ],
)
def test_bad_input_on_the_proposal_form(client, changes, message):
    cast(client, "member")
    response = post_form(client, "/proposals/new", proposal_data(**changes))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert message.lower() in page.lower()
    if "title" not in changes:
        assert "Een prijsatelier voor makers" in page
    assert count(Proposal) == 0


def test_a_members_only_need_cannot_be_linked_by_number_when_not_seen(client):
    # A need exists but a partner account may not post proposals at all.
    people = cast(client, "partner")
    need = make_need(people["author"])
    assert client.get("/proposals/new").status_code == 403
    response = post_form(client, "/proposals/new", proposal_data(needs=str(need.id)), page="/")
    assert response.status_code == 403


def test_script_in_a_proposal_is_not_run(client):
    cast(client, "member")
    payload = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    post_form(
        client, "/proposals/new", proposal_data(title=payload, body=payload, audience=payload)
    )
    proposal = db.session.scalar(select(Proposal))
    for url in (f"/proposals/{proposal.id}", "/proposals/", "/roadmap"):
        page = client.get(url).get_data(as_text=True)
        assert "<script>alert(1)</script>" not in page and "<img src=x" not in page


def test_edit_rules(client):
    people = cast(client, "member")
    proposal = make_proposal(people["member"])
    assert client.get(f"/proposals/{proposal.id}/edit").status_code == 200
    response = post_form(client, f"/proposals/{proposal.id}/edit", proposal_data(title="Nieuw"))
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Proposal, proposal.id).title == "Nieuw"
    proposal.status = ProposalStatus.UNDER_STUDY
    db.session.commit()
    # Once studied, only staff change it.
    assert client.get(f"/proposals/{proposal.id}/edit").status_code == 403
    other = make_proposal(people["author"])
    assert client.get(f"/proposals/{other.id}/edit").status_code == 403
    url = f"/proposals/{other.id}"
    assert post_form(client, f"{url}/delete", page=url).status_code == 403
    assert client.get("/proposals/999999").status_code == 404
    assert client.get("/proposals/999999/edit").status_code == 404


def test_hidden_linked_needs_are_not_shown_to_visitors(client):
    people = cast(client)
    hidden = make_need(people["author"], "Geheime nood", visibility=NeedVisibility.MEMBERS)
    shown = make_need(people["author"], "Open nood", visibility=NeedVisibility.PUBLIC)
    proposal = make_proposal(people["member"], needs=[hidden, shown])
    page = client.get(f"/proposals/{proposal.id}").get_data(as_text=True)
    assert "Open nood" in page and "Geheime nood" not in page
    assert "1 more need, seen by signed-in members only" in page


def test_support_once_and_withdraw(client):
    people = cast(client, "member")
    proposal = make_proposal(people["author"])
    url = f"/proposals/{proposal.id}"
    for _ in range(2):
        assert post_form(client, f"{url}/support", page=url).status_code == 302
    assert count(ProposalSupport) == 1
    assert "1 supporter" in client.get(url).get_data(as_text=True)
    assert post_form(client, f"{url}/support/delete", page=url).status_code == 302
    assert count(ProposalSupport) == 0
    assert client.post(f"{url}/support").status_code == 400
    assert client.get(f"{url}/support").status_code == 405
    assert count(ProposalSupport) == 0


def test_visitors_and_partners_do_not_support(client):
    people = cast(client, "partner")
    proposal = make_proposal(people["author"])
    url = f"/proposals/{proposal.id}"
    assert post_form(client, f"{url}/support", page=url).status_code == 403
    assert count(ProposalSupport) == 0


def test_comments(client):
    people = cast(client, "member")
    proposal = make_proposal(people["author"])
    url = f"/proposals/{proposal.id}"
    response = post_form(client, f"{url}/comments", {"body": "Goed *idee*"}, page=url)
    assert response.status_code == 302
    comment = db.session.scalar(select(ProposalComment))
    assert response.headers["Location"] == f"{url}#comment-{comment.id}"
    assert "Goed <em>idee</em>" in client.get(url).get_data(as_text=True)
    for body in ("", "x" * 3001):
        response = post_form(client, f"{url}/comments", {"body": body}, page=url)
        assert response.status_code == 422
    assert count(ProposalComment) == 1
    # Someone else's comment: 403; a comment of another proposal: 404.
    other = make_proposal(people["author"], "Ander")
    sign_in(client, "author@example.org")
    token = csrf_token(client, url)
    assert (
        client.post(f"{url}/comments/{comment.id}/delete", data={"csrf_token": token}).status_code
        == 403
    )
    assert (
        client.post(
            f"/proposals/{other.id}/comments/{comment.id}/delete", data={"csrf_token": token}
        ).status_code
        == 404
    )
    sign_in(client, "member@example.org")
    token = csrf_token(client, url)
    assert (
        client.post(f"{url}/comments/{comment.id}/delete", data={"csrf_token": token}).status_code
        == 302
    )
    assert count(ProposalComment) == 0


def test_visitors_read_but_do_not_comment(client):
    people = cast(client)
    proposal = make_proposal(people["author"])
    page = client.get(f"/proposals/{proposal.id}").get_data(as_text=True)
    assert "Sign in to comment or support" in page
    url = f"/proposals/{proposal.id}"
    response = post_form(client, f"{url}/comments", {"body": "Hoi"}, page=url)
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    assert count(ProposalComment) == 0


def test_the_list_sorts_by_support_and_by_demand(client):
    people = cast(client, "member")
    needs = [make_need(people["author"], f"Nood {i}") for i in range(3)]
    supported = make_proposal(people["author"], "Veel steun", needs=[needs[0]])
    make_proposal(people["author"], "Veel vraag", needs=needs[1:])
    for email in ("s1@example.org", "s2@example.org"):
        user = make_account(email, email)
        db.session.add(ProposalSupport(proposal_id=supported.id, user_id=user.id))
        db.session.add(NeedMeToo(need_id=needs[1].id, user_id=user.id))
    db.session.commit()

    def order(query: str) -> list[str]:
        page = client.get(f"/proposals/?{query}").get_data(as_text=True)
        return sorted(("Veel steun", "Veel vraag"), key=page.index)

    assert order("sort=support") == ["Veel steun", "Veel vraag"]
    assert order("sort=demand") == ["Veel vraag", "Veel steun"]
    # A bad sort or status is ignored, not a 500.
    assert client.get("/proposals/?sort=evil&status=nope&page=x").status_code == 200
    page = client.get("/proposals/?status=planned").get_data(as_text=True)
    assert "Veel steun" not in page and "No proposal yet" in page


def test_the_list_paginates(client):
    people = cast(client)
    for i in range(23):
        make_proposal(people["author"], f"Voorstel nummer {i:02d}")
    first = client.get("/proposals/?sort=newest").get_data(as_text=True)
    second = client.get("/proposals/?sort=newest&page=2").get_data(as_text=True)
    assert "Voorstel nummer 22" in first and "Voorstel nummer 02" not in first
    assert "Voorstel nummer 02" in second and "Voorstel nummer 22" not in second


# --- status changes -----------------------------------------------------------------------------


@pytest.fixture
def followed(client):
    """A proposal on a need, with a supporter; staff signed in."""
    people = cast(client, "staff")
    need = make_need(people["author"])
    supporter = make_account("fan@example.org", "Fien Fan")
    supporter.locale = "fr"
    proposal = make_proposal(people["member"], needs=[need])
    db.session.add(ProposalSupport(proposal_id=proposal.id, user_id=supporter.id))
    db.session.commit()
    return people, proposal, supporter


def change(client, proposal, **data):
    url = f"/proposals/{proposal.id}"
    return post_form(client, f"{url}/status", data, page=url)


def test_every_status_change_tells_the_followers(client, followed, smtp_server):  # noqa: F811
    _people, proposal, _supporter = followed
    partner = make_partner(email="desk2@example.org", name="Desk")
    offer = make_offer(partner)
    steps = [
        {"status": "under_study"},
        {"status": "planned"},
        {"status": "available", "answer": f"https://localhost/partners/offers/{offer.id}"},
    ]
    for number, data in enumerate(steps, start=1):
        response = change(client, proposal, **data)
        assert response.status_code == 302, response.get_data(as_text=True)
        db.session.expire_all()
        assert db.session.get(Proposal, proposal.id).status.value == data["status"]
        told = db.session.scalar(
            select(func.count()).where(Notification.kind == NotificationKind.PROPOSAL_STATUS)
        )
        # The supporter, the need's author and the proposal's author; staff are not told.
        assert told == 3 * number
    proposal = db.session.get(Proposal, proposal.id)
    assert proposal.answer_offer_id == offer.id
    mails = smtp_server.wait_for(9)
    assert len(mails) == 9
    french = [m for m in mails if m["To"] == "fan@example.org"]
    assert len(french) == 3
    assert "Disponible" in french[-1]["Subject"]
    assert french[-1]["Content-Language"] == "fr"
    assert "Bonjour" in body_of(french[-1])
    dutch = [m for m in mails if m["To"] == "author@example.org"][-1]
    assert "Beschikbaar" in dutch["Subject"]
    page = client.get(f"/proposals/{proposal.id}").get_data(as_text=True)
    assert f'href="/partners/offers/{offer.id}"' in page
    roadmap = client.get("/roadmap").get_data(as_text=True)
    assert f'href="/partners/offers/{offer.id}"' in roadmap


def test_mail_follows_the_members_choice(client, followed, smtp_server):  # noqa: F811
    people, proposal, supporter = followed
    for user in (supporter, people["author"], people["member"]):
        db.session.add(
            ContactPreferences(
                user_id=user.id, share_email=False, phone="", website="", notify=NotifyMode.NONE
            )
        )
    db.session.commit()
    assert change(client, proposal, status="under_study").status_code == 302
    assert smtp_server.messages == []
    assert db.session.scalar(select(func.count(Notification.id))) == 3


def test_declining_needs_a_reason(client, followed):
    _people, proposal, _supporter = followed
    response = change(client, proposal, status="declined", reason="  ")
    assert response.status_code == 422
    assert "Say why the proposal is declined" in response.get_data(as_text=True)
    response = change(client, proposal, status="declined", reason="Bestaat al bij Unizo.")
    assert response.status_code == 302
    db.session.expire_all()
    proposal = db.session.get(Proposal, proposal.id)
    assert proposal.status is ProposalStatus.DECLINED
    assert proposal.decline_reason == "Bestaat al bij Unizo."
    assert "Bestaat al bij Unizo." in client.get("/roadmap").get_data(as_text=True)
    # A declined proposal no longer shows among a need's suggestions.
    need_page = client.get(f"/needs/{proposal.need_ids[0]}").get_data(as_text=True)
    assert "suggestions-proposals" not in need_page


@pytest.mark.parametrize(
    "answer",
    [
        "",
        "https://evil.example/partners/offers/1",
        "/partners/offers/999999",
        "/needs/1",
        "javascript:alert(1)",
    ],
)
def test_available_needs_a_real_answer(client, followed, answer):
    _people, proposal, _supporter = followed
    proposal.status = ProposalStatus.PLANNED
    db.session.commit()
    response = change(client, proposal, status="available", answer=answer)
    assert response.status_code == 422
    db.session.expire_all()
    assert db.session.get(Proposal, proposal.id).status is ProposalStatus.PLANNED


def test_a_session_or_guide_answers_too(client, followed):
    people, proposal, _supporter = followed
    proposal.status = ProposalStatus.PLANNED
    db.session.commit()
    session = make_session(people["staff"])
    assert (
        change(client, proposal, status="available", answer=f"/sessions/{session.id}").status_code
        == 302
    )
    db.session.expire_all()
    assert db.session.get(Proposal, proposal.id).answer_session_id == session.id


def test_a_transition_that_is_not_allowed(client, followed):
    _people, proposal, _supporter = followed
    response = change(client, proposal, status="available", answer="/sessions/1")
    assert response.status_code == 422
    response = change(client, proposal, status="bogus")
    assert response.status_code == 422
    db.session.expire_all()
    assert db.session.get(Proposal, proposal.id).status is ProposalStatus.PROPOSED
    assert count(Notification) == 0


@pytest.mark.parametrize("viewer", ["member", "author", "partner"])
def test_only_staff_change_the_status(client, viewer):
    people = cast(client, viewer)
    proposal = make_proposal(people["author"])
    url = f"/proposals/{proposal.id}"
    response = post_form(client, f"{url}/status", {"status": "under_study"}, page=url)
    assert response.status_code == 403
    assert "proposal-status-form" not in client.get(url).get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Proposal, proposal.id).status is ProposalStatus.PROPOSED


def test_status_change_needs_csrf(client, followed):
    _people, proposal, _supporter = followed
    response = client.post(f"/proposals/{proposal.id}/status", data={"status": "planned"})
    assert response.status_code == 422 or response.status_code == 400
    db.session.expire_all()
    assert db.session.get(Proposal, proposal.id).status is ProposalStatus.PROPOSED


def test_roadmap_is_public_and_grouped(client):
    people = cast(client)
    make_proposal(people["author"], "Gepland ding", status=ProposalStatus.PLANNED)
    make_proposal(people["author"], "Voorgesteld ding")
    page = client.get("/roadmap").get_data(as_text=True)
    assert page.index("Gepland ding") < page.index("Voorgesteld ding")
    assert client.get("/roadmap", headers={"Accept-Language": "fr"}).status_code == 200


# --- search and personal data -------------------------------------------------------------------


def test_proposals_are_searchable(client):
    people = cast(client)
    proposal = make_proposal(people["author"], "Een fietskoerierscollectief")
    data = client.get("/api/v1/search?q=fietskoerierscollectief&kind=proposal").get_json()
    assert [r["id"] for r in data["results"]] == [proposal.id]
    assert data["results"][0]["kind"] == "proposal"


def test_deleting_an_account_takes_its_demand_and_supports(client, auth):
    from app.accounts.deletion import WritingChoice, delete_account

    people = cast(client)
    need = make_need(people["author"])
    proposal = make_proposal(people["member"], needs=[need])
    db.session.add_all(
        [
            NeedMeToo(need_id=need.id, user_id=people["member"].id),
            ProposalSupport(proposal_id=proposal.id, user_id=people["member"].id),
            ProposalComment(proposal_id=proposal.id, author_id=people["member"].id, body="Ja"),
        ]
    )
    db.session.commit()
    delete_account(people["member"], WritingChoice.DELETE)
    assert count(NeedMeToo) == count(ProposalSupport) == count(ProposalComment) == 0
    assert count(Proposal) == 0


def test_an_account_leaving_with_its_writing_kept(client):
    from app.accounts.deletion import WritingChoice, delete_account

    people = cast(client)
    proposal = make_proposal(people["member"])
    db.session.add(
        ProposalComment(proposal_id=proposal.id, author_id=people["member"].id, body="Ja")
    )
    db.session.commit()
    delete_account(people["member"], WritingChoice.KEEP)
    db.session.expire_all()
    assert db.session.get(Proposal, proposal.id).author_id is None
    assert db.session.scalar(select(ProposalComment.author_id)) is None
    assert "A former member" in client.get(f"/proposals/{proposal.id}").get_data(as_text=True)


def test_staff_role_exists():
    assert Role.STAFF


def test_the_demo_has_demand_and_proposals(app):
    from app.proposals.demo import DEMO_PROPOSALS, add_demo_proposals

    members = [make_account(f"m{i}@example.org", f"M{i}") for i in range(12)]
    assert add_demo_proposals() == 0  # no needs yet: nothing to build on
    for i in range(6):
        make_need(members[i], f"Nood {i}")
    assert add_demo_proposals() == len(DEMO_PROPOSALS)
    assert count(Proposal) == len(DEMO_PROPOSALS)
    assert count(NeedMeToo) > 0 and count(ProposalSupport) > 0
    author_of = dict(db.session.execute(select(Need.id, Need.author_id)).all())
    assert all(
        author_of[row.need_id] != row.user_id for row in db.session.scalars(select(NeedMeToo))
    )


def test_simultaneous_me_toos_and_supports_count_once(app, client):
    """Several requests of one member at once (a double click), against the real database."""
    import threading

    people = cast(client)
    need = make_need(people["author"])
    proposal = make_proposal(people["author"])
    need_id, proposal_id = need.id, proposal.id
    clients = [app.test_client() for _ in range(4)]
    tokens = []
    for other in clients:
        sign_in(other, "member@example.org")
        tokens.append(csrf_token(other, f"/needs/{need_id}"))
    statuses: list[int] = []
    barrier = threading.Barrier(len(clients))

    def press(other, token) -> None:
        barrier.wait()
        for url in (f"/needs/{need_id}/me-too", f"/proposals/{proposal_id}/support"):
            with app.app_context():
                statuses.append(other.post(url, data={"csrf_token": token}).status_code)

    threads = [
        threading.Thread(target=press, args=pair) for pair in zip(clients, tokens, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [302] * 8
    db.session.expire_all()
    assert me_too_count(need_id) == 1
    assert count(ProposalSupport) == 1
