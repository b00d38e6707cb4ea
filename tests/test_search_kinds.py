"""Every searchable kind: articles, guides, partners, offers and needs follow their pages' rules."""

from __future__ import annotations

from datetime import timedelta

import pytest
from whoosh import index as whoosh_index

from app.articles.models import ArticleVisibility
from app.connections.models import Mentorship, MentorshipStatus
from app.extensions import db
from app.members.models import Level, MemberSkill, Profile, Visibility
from app.needs.models import NeedStatus, NeedVisibility
from app.partners.models import today
from app.search.engine import storage
from app.search.engine.schema import build_schema
from app.search.indexer import verify
from app.skills.taxonomy import resolve_skill
from tests.helpers import found_titles, search_api
from tests.test_articles import make_article, make_member
from tests.test_needs import make_need
from tests.test_partners import make_offer, make_partner


@pytest.fixture
def signed_in(client, auth, world):
    make_member(email="reader@example.org", name="Reader")
    auth.login(email="reader@example.org")
    return client


def test_unverified_partners_and_their_offers_are_never_found(client, signed_in):
    partner = make_partner(name="Guichet Liège", verified=False)
    make_offer(partner, "Comptabilité pour indépendants", languages=("fr",))
    assert found_titles(search_api(client, q="comptabilité")) == set()
    assert found_titles(search_api(client, q="Guichet")) == set()

    partner.verified = True
    db.session.commit()
    # Verifying the partner re-indexes its offers too.
    assert found_titles(search_api(client, q="Guichet", kind="partner")) == {"Guichet Liège"}
    assert found_titles(search_api(client, q="bookkeeping")) == {"Comptabilité pour indépendants"}

    partner.verified = False
    db.session.commit()
    assert found_titles(search_api(client, q="comptabilité")) == set()
    assert verify() == []


def test_a_page_of_offers_reads_their_partners_with_them(client, world):
    from sqlalchemy import event

    for number in range(3):
        partner = make_partner(email=f"desk{number}@example.org", name=f"Guichet {number}")
        make_offer(partner, f"Boekhouding {number}")
        make_offer(partner, f"Boekhouding extra {number}")
    db.session.expunge_all()  # nothing already loaded
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        found = found_titles(search_api(client, q="boekhouding", kind="offer"))
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    assert len(found) == 6
    # One query loads the page's offers and their partners (the check reads
    # ``offer.partner.verified``): no query per offer or partner.
    assert len([s for s in statements if "partners" in s]) == 1, statements


def test_offers_leave_search_after_their_end_date(client, world):
    partner = make_partner()
    make_offer(partner, "Boekhouding gisteren", end_date=today() - timedelta(days=1))
    make_offer(partner, "Boekhouding vandaag", end_date=today())
    make_offer(partner, "Boekhouding altijd")
    found = found_titles(search_api(client, q="boekhouding", kind="offer"))
    assert found == {"Boekhouding vandaag", "Boekhouding altijd"}
    # The ended offer stays indexed (nothing has to run on the day it ends) and true.
    assert verify() == []


def test_needs_follow_their_visibility_and_leave_search_when_closed(client, auth, world):
    author = make_member(email="asker@example.org", name="Asker")
    public = make_need(author, "Hulp met mijn boekhouding", visibility=NeedVisibility.PUBLIC)
    make_need(author, "Boekhouding voor leden", visibility=NeedVisibility.MEMBERS)
    assert found_titles(search_api(client, q="boekhouding", kind="need")) == {
        "Hulp met mijn boekhouding"
    }
    auth.login(email="asker@example.org")
    assert found_titles(search_api(client, q="comptabilité", kind="need")) == {
        "Hulp met mijn boekhouding",
        "Boekhouding voor leden",
    }
    public.status = NeedStatus.CLOSED
    db.session.commit()
    assert found_titles(search_api(client, q="boekhouding", kind="need")) == {
        "Boekhouding voor leden"
    }


def test_drafts_and_members_only_articles(client, auth, world):
    author = make_member(email="writer@example.org", name="Writer")
    make_article(author, "Geheim concept", summary="Nog een concept.", published=False)
    make_article(author, "Prijs voor leden", visibility=ArticleVisibility.MEMBERS)
    make_article(author, "Prijs voor iedereen")
    assert found_titles(search_api(client, q="prijs")) == {"Prijs voor iedereen"}
    assert found_titles(search_api(client, q="concept")) == set()
    auth.login(email="writer@example.org")
    # Not even its author finds a draft in search: drafts are never indexed.
    assert found_titles(search_api(client, q="concept")) == set()
    assert found_titles(search_api(client, q="prijs", kind="article")) == {
        "Prijs voor leden",
        "Prijs voor iedereen",
    }


def test_a_mentor_at_capacity_leaves_the_mentor_facet(client, world):
    mentor = make_member(email="mentor@example.org", name="Mia Mentor")
    mentee = make_member(email="mentee@example.org", name="Mo Mentee")
    profile = Profile(
        user_id=mentor.id,
        display_name="Mia Mentor",
        visibility=Visibility.PUBLIC,
        mentor=True,
        mentor_capacity=1,
        skills=[MemberSkill(skill=resolve_skill("bookkeeping"), level=Level.EXPERT)],
    )
    db.session.add(profile)
    db.session.commit()
    assert found_titles(search_api(client, q="boekhouding", mentor="true")) == {"Mia Mentor"}

    mentorship = Mentorship(
        mentor_id=mentor.id, mentee_id=mentee.id, start_date=today(), goals="Prijzen"
    )
    db.session.add(mentorship)
    db.session.commit()
    assert found_titles(search_api(client, q="boekhouding", mentor="true")) == set()
    assert found_titles(search_api(client, q="boekhouding")) == {"Mia Mentor"}

    mentorship.status = MentorshipStatus.COMPLETED
    db.session.commit()
    assert found_titles(search_api(client, q="boekhouding", mentor="true")) == {"Mia Mentor"}
    assert verify() == []


def test_sync_rebuilds_an_index_written_with_other_fields(app, runner, world):
    partner = make_partner()
    make_offer(partner, "Boekhouding altijd")
    # An index as an older version wrote it: without the field for end dates.
    schema = build_schema()
    schema.remove("ends")
    path = storage.new_dir()
    whoosh_index.create_in(str(path), schema)
    storage.swap_in(path)
    assert not storage.schema_is_current()

    result = runner.invoke(args=["search", "sync"])
    assert result.exit_code == 0, result.output
    assert "rebuilding" in result.output
    assert storage.schema_is_current()
    assert verify() == []
