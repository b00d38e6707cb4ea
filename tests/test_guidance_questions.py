"""Ask an adviser (queues by region, assignment, overdue, feedback), the local-presence
figures, offices and peer advisers, and advisers in search."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from app.accounts.models import Role
from app.clock import utcnow
from app.extensions import db
from app.guidance.matching import advisers_for_skills
from app.guidance.models import (
    Adviser,
    AdviserKind,
    AppointmentStatus,
    Helped,
    Mode,
    Question,
    QuestionStatus,
)
from app.guidance.questions import add_working_days, is_overdue
from app.search.indexer import apply_outbox
from app.skills.taxonomy import resolve_skill
from tests.guidance_scene import make_adviser, make_appointment, make_member, make_office, topics
from tests.helpers import PASSWORD, make_user, post_form, search_api
from tests.mail import smtp_server  # noqa: F401


@pytest.fixture
def offices(world):
    topics()
    gent, liege = make_office("Gent", "Gent"), make_office("Liège", "Liège")
    sara = make_adviser("sara@staff.example.org", "Sara Staff", offices=(gent,))
    luc = make_adviser("luc@staff.example.org", "Luc Staff", offices=(liege,))
    return {"gent": gent, "liege": liege, "sara": sara, "luc": luc}


def ask(client, auth, email, body="Hoe bereken ik mijn uurtarief?"):
    auth.login(email, PASSWORD)
    response = post_form(
        client, "/guidance/ask", {"topic": "pricing", "mode": "video", "body": body}
    )
    auth.logout()
    return response


def test_a_question_reaches_the_queue_of_the_offices_of_the_members_region(
    offices,
    client,
    auth,
    smtp_server,  # noqa: F811
):
    make_member("an@example.org", "An Peeters", place="Gent")
    assert ask(client, auth, "an@example.org").status_code == 302
    question = db.session.scalar(select(Question))
    assert question.region == "BE-VLG" and question.status is QuestionStatus.OPEN
    auth.login("luc@staff.example.org", PASSWORD)  # Liège: Wallonia
    assert "uurtarief" not in client.get("/guidance/queue").get_data(as_text=True)
    assert client.get(f"/guidance/questions/{question.id}").status_code == 404
    auth.logout()
    auth.login("sara@staff.example.org", PASSWORD)  # Gent: Flanders
    assert "uurtarief" in client.get("/guidance/queue").get_data(as_text=True)
    url = f"/guidance/questions/{question.id}"
    response = post_form(client, f"{url}/assign", {"adviser": offices["sara"].id}, page=url)
    assert response.status_code == 302
    db.session.expire_all()
    assert question.status is QuestionStatus.ASSIGNED and question.adviser_id == offices["sara"].id
    assert smtp_server.to("sara@staff.example.org")
    # Sara answers in the thread; An is told, and says whether it helped.
    post_form(client, f"{url}/messages", {"body": "Reken zo."}, page=url)
    db.session.expire_all()
    assert question.status is QuestionStatus.ANSWERED and question.answered_at
    assert smtp_server.to("an@example.org")
    auth.logout()
    auth.login("an@example.org", PASSWORD)
    assert "Reken zo." in client.get(url).get_data(as_text=True)
    response = post_form(client, f"{url}/feedback", {"helped": "maybe"}, page=url)
    assert response.status_code == 400
    post_form(client, f"{url}/feedback", {"helped": "partly", "could_be_remote": "yes"}, page=url)
    db.session.expire_all()
    assert question.helped is Helped.PARTLY and question.could_be_remote is True


def test_members_cannot_assign_or_see_others_questions(offices, client, auth):
    make_member("an@example.org", "An Peeters", place="Gent")
    make_member("bea@example.org", "Bea Claes", place="Gent")
    ask(client, auth, "an@example.org", body="Geheime vraag")
    question = db.session.scalar(select(Question))
    auth.login("bea@example.org", PASSWORD)
    assert client.get(f"/guidance/questions/{question.id}").status_code == 404
    assert client.get("/guidance/queue").status_code == 403
    response = post_form(
        client, f"/guidance/questions/{question.id}/assign", {"adviser": 1}, page="/guidance/"
    )
    assert response.status_code == 403


def test_a_question_without_answer_for_three_working_days_is_overdue(offices, client, auth):
    member = make_member("an@example.org", "An Peeters", place="Gent")
    friday = datetime(2030, 1, 4, 10, tzinfo=UTC)
    assert add_working_days(friday, 3).date() == date(2030, 1, 9)  # Wednesday
    question = Question(
        member_id=member.id, topic_id="pricing", mode=Mode.VIDEO, body="Oud", region="BE-VLG"
    )
    question.created_at = friday
    fresh = Question(member_id=member.id, topic_id="taxes", mode=Mode.PHONE, body="Nieuw")
    db.session.add_all([question, fresh])
    db.session.commit()
    assert not is_overdue(question, now=datetime(2030, 1, 8, 12, tzinfo=UTC))
    assert is_overdue(question, now=datetime(2030, 1, 9, 10, tzinfo=UTC))
    question.created_at = utcnow() - timedelta(days=10)
    db.session.commit()
    auth.login("sara@staff.example.org", PASSWORD)
    page = client.get("/guidance/queue").get_data(as_text=True)
    assert f'list-group-item-danger" data-question="{question.id}"' in page
    assert f'list-group-item" data-question="{fresh.id}"' in page


def test_the_local_presence_figures_on_a_known_dataset(offices, client, auth):
    an = make_member("an@example.org", "An Peeters", place="Gent")
    sara, luc = offices["sara"], offices["luc"]
    day = datetime(2030, 3, 4, 9, tzinfo=UTC)
    make_appointment(sara, an, day, mode=Mode.OFFICE, region="BE-VLG", could_be_remote=True)
    make_appointment(
        sara, an, day + timedelta(hours=1), mode=Mode.OFFICE, region="BE-VLG", could_be_remote=False
    )
    make_appointment(luc, an, day, mode=Mode.VIDEO, region="BE-WAL", topic_id="taxes")
    make_appointment(
        luc,
        an,
        day + timedelta(hours=2),
        mode=Mode.VIDEO,
        region="BE-WAL",
        topic_id="taxes",
        status=AppointmentStatus.CANCELLED,
    )
    make_appointment(sara, an, day + timedelta(days=60), mode=Mode.OFFICE, region="BE-VLG")
    question = Question(
        member_id=an.id,
        topic_id="pricing",
        mode=Mode.OFFICE,
        body="?",
        region="BE-VLG",
        could_be_remote=True,
    )
    question.created_at = day
    db.session.add(question)
    db.session.commit()
    auth.login("sara@staff.example.org", PASSWORD)
    response = client.get("/guidance/presence?from=2030-03-01&until=2030-03-31&format=csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = {
        (r["topic"], r["mode"], r["region"]): r
        for r in csv.DictReader(io.StringIO(response.get_data(as_text=True)))
    }
    assert set(rows) == {("pricing", "office", "BE-VLG"), ("taxes", "video", "BE-WAL")}
    pricing = rows[("pricing", "office", "BE-VLG")]
    assert (pricing["appointments"], pricing["questions"]) == ("2", "1")
    assert (pricing["could_be_remote_yes"], pricing["could_be_remote_no"]) == ("2", "1")
    assert rows[("taxes", "video", "BE-WAL")]["appointments"] == "1"
    page = client.get("/guidance/presence?from=2030-03-01&until=2030-03-31").get_data(as_text=True)
    assert "<svg" in page and "<script" not in page.split("<svg")[1].split("</svg>")[0]
    assert "Flanders" in page and "Wallonia" in page
    assert client.get("/guidance/presence?from=nonsense").status_code == 200
    auth.logout()
    make_member("bea@example.org", "Bea Claes")
    auth.login("bea@example.org", PASSWORD)
    assert client.get("/guidance/presence").status_code == 403


def test_the_offices_page_lists_each_office_with_its_advisers(offices, client):
    page = client.get("/guidance/").get_data(as_text=True)
    assert "Gent" in page and "Liège" in page and "Sara Staff" in page and "Luc Staff" in page
    assert "sara@staff.example.org" not in page
    assert "Sara Staff" in client.get(f"/guidance/advisers/{offices['sara'].id}").get_data(
        as_text=True
    )


def test_staff_add_offices_and_bad_input_is_kept(offices, client, auth):
    make_user("admin@example.org", role=Role.ADMIN)
    auth.login("admin@example.org", PASSWORD)
    response = post_form(
        client,
        "/guidance/offices/new",
        {"name": "<script>x</script>", "address": "", "place": "Nergensland"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Give the office" in page
    assert "&lt;script&gt;x&lt;/script&gt;" in page and "We do not know the place" in page
    response = post_form(
        client,
        "/guidance/offices/new",
        {"name": "Namur", "address": "Rue 1", "place": "Namur", "languages": ["fr"]},
    )
    assert response.status_code == 302
    assert "Namur" in client.get("/guidance/").get_data(as_text=True)


def test_staff_make_a_member_a_peer_adviser_and_take_it_back(offices, client, auth):
    make_member("an@example.org", "An Peeters")
    auth.login("sara@staff.example.org", PASSWORD)
    response = post_form(
        client, "/guidance/peers", {"email": "an@example.org", "topics": ["pricing"]}
    )
    assert response.status_code == 302
    peer = db.session.scalar(select(Adviser).where(Adviser.kind == AdviserKind.PEER))
    assert peer.active and peer.topic_ids == ["pricing"]
    page = client.get(f"/guidance/advisers/{peer.id}").get_data(as_text=True)
    assert "Peer adviser" in page
    post_form(client, f"/guidance/peers/{peer.id}/revoke", page="/guidance/peers")
    db.session.expire_all()
    assert not peer.active
    auth.logout()
    auth.login("an@example.org", PASSWORD)
    assert client.get(f"/guidance/advisers/{peer.id}").status_code == 404
    assert client.get("/guidance/peers").status_code == 403


def test_advisers_are_found_in_search_and_suggested_on_a_need(offices, client):
    sara = offices["sara"]
    from app.guidance.models import AdviserSkill

    sara.skills = [AdviserSkill(skill_id=resolve_skill("boekhouding").id)]
    db.session.commit()
    apply_outbox()
    data = search_api(client, q="Sara", kind="adviser")
    assert [hit["title"] for hit in data["results"]] == ["Sara Staff"]
    # By a topic's name in another language.
    assert "Sara Staff" in {h["title"] for h in search_api(client, q="prix")["results"]}
    # A need about pricing: the topic "pricing" covers the skill.
    assert advisers_for_skills([resolve_skill("pricing").id])[0].id == sara.id
    assert (
        advisers_for_skills([resolve_skill("pottenbakken").id]) == []
        if resolve_skill("pottenbakken")
        else True
    )


def test_a_need_page_suggests_advisers_whose_topics_cover_its_skills(offices, client, auth):
    from app.needs.models import NeedVisibility
    from tests.test_needs import make_need

    an = make_member("an@example.org", "An Peeters")
    peer = make_adviser(
        "piet@example.org", "Piet Peer", kind=AdviserKind.PEER, topics=("invoicing",)
    )
    need = make_need(an, skills=("invoicing",), visibility=NeedVisibility.PUBLIC)
    page = client.get(f"/needs/{need.id}").get_data(as_text=True)
    # Sara covers pricing and taxes; the peer adviser is shown to signed-in members only.
    assert "Sara Staff" not in page and "Piet Peer" not in page
    auth.login("an@example.org", PASSWORD)
    page = client.get(f"/needs/{need.id}").get_data(as_text=True)
    assert f"/guidance/advisers/{peer.id}" in page and "Peer adviser" in page


def test_the_demo_has_six_offices_with_advisers_hours_and_appointments(world, client):
    from sqlalchemy import func

    from app.guidance.demo import load_guidance_demo
    from app.guidance.models import Appointment, Office
    from app.guidance.scheduling import available_slots

    for n in range(12):
        make_member(f"m{n}@demo.gilde.example", f"Lid {n}", place=None)
    assert load_guidance_demo() == 6
    assert load_guidance_demo() == 0
    names = set(db.session.scalars(select(Office.name)))
    assert names == {"Brussel / Bruxelles", "Gent", "Antwerpen", "Liège", "Namur", "Charleroi"}
    assert {o.region for o in db.session.scalars(select(Office))} == {"BE-BRU", "BE-VLG", "BE-WAL"}
    assert db.session.scalar(select(func.count(Appointment.id))) == 12
    for adviser in db.session.scalars(select(Adviser)):
        assert available_slots(adviser, date.today(), 14)
    assert "Charleroi" in client.get("/guidance/").get_data(as_text=True)
