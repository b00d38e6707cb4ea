"""A member downloads their own data: all of it, and nothing that is only others'."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import or_, select

from app.accounts.personal_data import WITHHELD, json_value
from app.extensions import db
from tests.helpers import PASSWORD
from tests.personal_scene import (
    AN_EMAIL,
    BO_EMAIL,
    CY_NAME,
    CY_SECRETS,
    DEE_SECRETS,
    build_scene,
)

pytestmark = pytest.mark.usefixtures("world")

#: Tables of shared reference data, or of nobody's: never a member's own rows.
NOT_PERSONAL = {
    "skill_categories",
    "skills",
    "skill_labels",
    "sectors",
    "sector_labels",
    "places",
    "place_names",
    "guidance_topics",
    "guidance_offices",
    "topics",
    "search_outbox",
    "merged_needs",  # which need id became which: no member in it
}


def owned_rows(user_id: int) -> dict[str, list[dict]]:
    """Every row that is the member's, by table, read straight from the tables.

    A table not classified here (nor in NOT_PERSONAL) fails the test: a new table that
    may hold a member's rows must be added to the export, and to these rules.
    """
    t = db.metadata.tables

    def ids(table: str, condition) -> list[int]:
        return list(db.session.scalars(select(t[table].c.id).where(condition)))

    profiles = ids("profiles", t["profiles"].c.user_id == user_id)
    articles = ids("articles", t["articles"].c.author_id == user_id)
    needs = ids("needs", t["needs"].c.author_id == user_id)
    c = t["contact_requests"].c
    requests = ids(
        "contact_requests",
        or_(c.sender_id == user_id, (c.recipient_id == user_id) & c.suppressed.is_(False)),
    )
    mentorships = ids(
        "mentorships",
        or_(t["mentorships"].c.mentor_id == user_id, t["mentorships"].c.mentee_id == user_id),
    )
    partners = ids("partners", t["partners"].c.user_id == user_id)
    offers = ids("offers", t["offers"].c.partner_id.in_(partners))
    advisers = ids("advisers", t["advisers"].c.user_id == user_id)
    questions = ids(
        "guidance_questions",
        or_(
            t["guidance_questions"].c.member_id == user_id,
            t["guidance_questions"].c.adviser_id.in_(advisers),
        ),
    )
    organised = ids("guidance_sessions", t["guidance_sessions"].c.organiser_id == user_id)
    led = ids("peer_circles", t["peer_circles"].c.facilitator_id == user_id)
    proposals = ids("proposals", t["proposals"].c.author_id == user_id)
    rules = {
        "users": t["users"].c.id == user_id,
        "sign_ins": t["sign_ins"].c.user_id == user_id,
        "recovery_codes": t["recovery_codes"].c.user_id == user_id,
        "profiles": t["profiles"].c.id.in_(profiles),
        "member_skills": t["member_skills"].c.profile_id.in_(profiles),
        "mentor_wishes": t["mentor_wishes"].c.profile_id.in_(profiles),
        "profile_languages": t["profile_languages"].c.profile_id.in_(profiles),
        "profile_modes": t["profile_modes"].c.profile_id.in_(profiles),
        "articles": t["articles"].c.id.in_(articles),
        "article_topics": t["article_topics"].c.article_id.in_(articles),
        "article_tags": t["article_tags"].c.article_id.in_(articles),
        "article_skills": t["article_skills"].c.article_id.in_(articles),
        "article_revisions": or_(
            t["article_revisions"].c.article_id.in_(articles),
            t["article_revisions"].c.author_id == user_id,
        ),
        # Marks and comments others left on their articles are the others'.
        "article_helpful_marks": t["article_helpful_marks"].c.user_id == user_id,
        "article_comments": t["article_comments"].c.author_id == user_id,
        "needs": t["needs"].c.id.in_(needs),
        "need_skills": t["need_skills"].c.need_id.in_(needs),
        "need_modes": t["need_modes"].c.need_id.in_(needs),
        "need_responses": or_(
            t["need_responses"].c.author_id == user_id, t["need_responses"].c.need_id.in_(needs)
        ),
        "contact_requests": t["contact_requests"].c.id.in_(requests),
        "contact_messages": t["contact_messages"].c.request_id.in_(requests),
        "contact_preferences": t["contact_preferences"].c.user_id == user_id,
        # A block of them by someone else is the blocker's secret.
        "member_blocks": t["member_blocks"].c.blocker_id == user_id,
        "contact_reports": t["contact_reports"].c.reporter_id == user_id,
        "contact_notifications": t["contact_notifications"].c.user_id == user_id,
        "mentorships": t["mentorships"].c.id.in_(mentorships),
        "mentorship_notes": t["mentorship_notes"].c.mentorship_id.in_(mentorships),
        "notifications": t["notifications"].c.user_id == user_id,
        "partners": t["partners"].c.id.in_(partners),
        "partner_languages": t["partner_languages"].c.partner_id.in_(partners),
        "offers": t["offers"].c.id.in_(offers),
        "offer_modes": t["offer_modes"].c.offer_id.in_(offers),
        "offer_languages": t["offer_languages"].c.offer_id.in_(offers),
        "offer_skills": t["offer_skills"].c.offer_id.in_(offers),
        "advisers": t["advisers"].c.id.in_(advisers),
        "adviser_topics": t["adviser_topics"].c.adviser_id.in_(advisers),
        "adviser_skills": t["adviser_skills"].c.adviser_id.in_(advisers),
        "adviser_offices": t["adviser_offices"].c.adviser_id.in_(advisers),
        "adviser_hours": t["adviser_hours"].c.adviser_id.in_(advisers),
        "adviser_absences": t["adviser_absences"].c.adviser_id.in_(advisers),
        "appointments": or_(
            t["appointments"].c.member_id == user_id,
            t["appointments"].c.adviser_id.in_(advisers),
        ),
        "guidance_questions": t["guidance_questions"].c.id.in_(questions),
        "guidance_question_messages": or_(
            t["guidance_question_messages"].c.question_id.in_(questions),
            t["guidance_question_messages"].c.author_id == user_id,
        ),
        "guidance_sessions": t["guidance_sessions"].c.id.in_(organised),
        "guidance_session_skills": t["guidance_session_skills"].c.session_id.in_(organised),
        "session_registrations": t["session_registrations"].c.user_id == user_id,
        "calendar_feeds": t["calendar_feeds"].c.user_id == user_id,
        "peer_circles": t["peer_circles"].c.id.in_(led),
        "circle_skills": t["circle_skills"].c.circle_id.in_(led),
        "circle_memberships": t["circle_memberships"].c.user_id == user_id,
        # Others' messages on the board of An's circle are theirs.
        "circle_messages": t["circle_messages"].c.author_id == user_id,
        "need_me_toos": t["need_me_toos"].c.user_id == user_id,
        "proposals": t["proposals"].c.id.in_(proposals),
        "proposal_needs": t["proposal_needs"].c.proposal_id.in_(proposals),
        # Others' supports and comments on their proposals are the others'.
        "proposal_supports": t["proposal_supports"].c.user_id == user_id,
        "proposal_comments": t["proposal_comments"].c.author_id == user_id,
    }
    unclassified = set(t) - set(rules) - NOT_PERSONAL
    assert not unclassified, f"tables the personal export does not account for: {unclassified}"
    owned = {}
    for name, condition in rules.items():
        table = t[name]
        columns = [column for column in table.c if (name, column.name) not in WITHHELD]
        owned[name] = [
            {column.name: json_value(row._mapping[column]) for column in columns}
            for row in db.session.execute(select(table).where(condition))
        ]
    return owned


def dicts_in(value) -> list[dict]:
    """Every object anywhere in a JSON document."""
    if isinstance(value, dict):
        return [value, *(d for item in value.values() for d in dicts_in(item))]
    if isinstance(value, list):
        return [d for item in value for d in dicts_in(item)]
    return []


def download(client, auth, email: str) -> tuple:
    auth.login(email, PASSWORD)
    response = client.get("/settings/export")
    return response, json.loads(response.get_data(as_text=True))


def assert_complete(export: dict, user_id: int) -> int:
    """Every column of every row that is the member's is in the export, with its value."""
    found = dicts_in(export)
    checked = 0
    for table, rows in owned_rows(user_id).items():
        for row in rows:
            matches = [d for d in found if row.items() <= d.items()]
            assert matches, f"{table} row not (completely) in the export: {row}"
            checked += 1
    return checked


def test_the_export_holds_every_column_of_every_row_of_the_member(app, client, auth):
    scene = build_scene()
    response, export = download(client, auth, AN_EMAIL)
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.headers["Content-Disposition"].startswith("attachment; filename=")
    assert "no-store" in response.headers["Cache-Control"]
    checked = assert_complete(export, scene.an.id)
    # Every kind of row the scene made for An was found (not a vacuous pass).
    assert checked >= 30
    owned = owned_rows(scene.an.id)
    assert all(owned[name] for name in owned if not name.startswith(("partner", "offer")))


def test_an_organisation_account_exports_its_organisation_and_offers(app, client, auth):
    scene = build_scene()
    _response, export = download(client, auth, "pia@example.org")
    assert assert_complete(export, scene.pia.id) >= 6
    assert export["organisation"]["offers"][0]["title"] == "Werkplek"


def test_the_export_holds_nothing_that_is_only_others(app, client, auth):
    scene = build_scene()
    _response, export = download(client, auth, AN_EMAIL)
    text = json.dumps(export, ensure_ascii=False)
    for secret in (*CY_SECRETS, *DEE_SECRETS, BO_EMAIL, "Bo's woorden op het bord"):
        assert secret not in text
    assert "password_hash" not in text and "session_token" not in text
    assert scene.an.password_hash not in text and scene.an.session_token not in text
    # Nothing tells An that Eve blocked her.
    assert "suppressed" not in text
    assert all(block["blocker_id"] == scene.an.id for block in export["blocks"])
    requests = {r["message"]: r for r in export["contact_requests"]}
    # Cy wrote to An: An sees the request under the name Cy shows, not Cy's details.
    assert requests["Een vraag."]["other_member"] == CY_NAME
    assert "other_member_shares" not in requests["Een vraag."]
    # Bo accepted and shares nothing: no e-mail of Bo's.
    assert requests["Wil je mijn mentor zijn?"]["other_member_shares"] == {
        "email": None,
        "phone": None,
        "website": None,
    }
    # Others' comments and helpful marks on An's article stay theirs.
    assert [c["body"] for c in export["comments"]] == ["Heel helder, dank je!"]
    assert all(mark["user_id"] == scene.an.id for mark in export["helpful_marks"])


def test_shared_contact_details_are_exported_once_accepted(app, client, auth):
    build_scene()
    _response, export = download(client, auth, BO_EMAIL)
    accepted = next(r for r in export["contact_requests"] if r["status"] == "accepted")
    # An shares her e-mail and phone with those whose request she accepted, or who accepted hers.
    assert accepted["other_member_shares"]["email"] == AN_EMAIL
    assert accepted["other_member_shares"]["phone"] == "+32 470 00 00 01"


def test_the_settings_page_links_to_the_download(app, client, auth):
    build_scene()
    auth.login(AN_EMAIL, PASSWORD)
    page = client.get("/settings").get_data(as_text=True)
    assert 'href="/settings/export"' in page


def test_the_download_needs_a_login(client):
    response = client.get("/settings/export")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_withheld_columns_exist():
    """WITHHELD names real columns, so renaming one cannot silently export it."""
    for table, column in WITHHELD:
        assert column in db.metadata.tables[table].c
