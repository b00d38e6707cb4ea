"""The radar over time: the period, monthly trends, the breakdowns, the "existed but not
found" classification on a dataset with dates, and the CSV and JSON downloads."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, date, datetime

import pytest

from app.extensions import db
from app.members.models import Mode
from app.needs.models import NeedResponse, NeedStatus, Solved
from app.needs.trends import EXISTED, NOTHING, UNKNOWN, build_trends
from app.proposals.models import NeedMeToo
from tests.helpers import post_form  # noqa: F401
from tests.test_needs import cast, make_helper, make_need
from tests.test_partners import make_offer, make_partner, sign_in

pytestmark = pytest.mark.usefixtures("world")

NOW = datetime(2025, 6, 15, 12, 0, tzinfo=UTC)


def at(month: int, day: int) -> datetime:
    return datetime(2025, month, day, 10, 0, tzinfo=UTC)


@pytest.fixture
def dataset(client):
    """Needs from December 2024 to May 2025, and what existed when."""
    people = cast(client)
    author = people["author"]
    partner = make_partner(email="desk@example.org", name="Desk", place="Gent")
    make_offer(partner, "Boekhouden", skills=("bookkeeping",), created_at=at(1, 1), place="Gent")
    # An offer on VAT that came after the VAT need: it did not exist at the time.
    make_offer(partner, "Btw", skills=("vat",), created_at=at(5, 1), place="Gent")
    helper = make_helper("helper@example.org", "Hanne Helper", place="Gent", skills=("vat",))
    helper.created_at = at(4, 10)
    db.session.commit()
    needs = {
        # Open, unanswered, an offer on its skill nearby before it: existed, not found.
        "a": make_need(author, "A", skills=("bookkeeping",), place="Gent", created_at=at(3, 10)),
        # Closed unsolved; nothing on VAT existed yet on 5 April.
        "b": make_need(
            author,
            "B",
            skills=("vat",),
            place="Gent",
            created_at=at(4, 5),
            status=NeedStatus.CLOSED,
            solved=Solved.NO,
            closed_at=at(4, 20),
        ),
        # No skill given: cannot tell.
        "c": make_need(author, "C", skills=(), created_at=at(5, 1)),
        # Answered and solved in March.
        "d": make_need(
            author,
            "D",
            created_at=at(2, 1),
            status=NeedStatus.CLOSED,
            solved=Solved.YES,
            closed_at=at(3, 1),
        ),
        # A member who can help with VAT in Ghent joined before it, and the VAT offer came.
        "f": make_need(author, "F", skills=("vat",), place="Gent", created_at=at(5, 20)),
        # Before the period.
        "e": make_need(author, "E", created_at=datetime(2024, 12, 1, tzinfo=UTC)),
    }
    db.session.add(NeedResponse(need_id=needs["d"].id, author_id=people["member"].id, body="Ja"))
    db.session.add(NeedMeToo(need_id=needs["a"].id, user_id=people["member"].id))
    db.session.commit()
    return people, needs


def test_monthly_trends(dataset):
    trends = build_trends(date(2025, 1, 1), date(2025, 6, 30), now=NOW, lang="en")
    rows = {m.month: (m.new, m.answered, m.solved, m.unmet) for m in trends.months}
    assert rows == {
        "2025-01": (0, 0, 0, 0),
        "2025-02": (1, 1, 0, 0),
        "2025-03": (1, 0, 1, 1),
        "2025-04": (1, 0, 0, 1),
        "2025-05": (2, 0, 0, 2),
        "2025-06": (0, 0, 0, 0),
    }


def test_existed_but_not_found_and_nothing_existed(dataset):
    _people, needs = dataset
    trends = build_trends(date(2025, 1, 1), date(2025, 6, 30), now=NOW, lang="en")
    assert trends.classes == {EXISTED: 2, NOTHING: 1, UNKNOWN: 1}
    assert trends.classified[needs["a"].id] == (EXISTED, ("offer",))
    # By 20 May the VAT offer had come, and a member who can help had joined in Ghent.
    assert trends.classified[needs["f"].id] == (EXISTED, ("offer", "member"))
    assert trends.classified[needs["b"].id] == (NOTHING, ())
    assert trends.classified[needs["c"].id] == (UNKNOWN, ())
    assert trends.sources == {"offer": 2, "member": 1}


def test_an_offer_elsewhere_and_not_online_did_not_exist_for_the_need(client):
    people = cast(client)
    partner = make_partner(email="desk@example.org", name="Desk", place="Liège")
    make_offer(partner, skills=("bookkeeping",), created_at=at(1, 1), modes=(Mode.COLLECTIVE,))
    need = make_need(people["author"], "A", place="Gent", created_at=at(3, 1))
    trends = build_trends(date(2025, 1, 1), date(2025, 6, 30), now=NOW, lang="en")
    assert trends.classified[need.id] == (NOTHING, ())
    make_offer(partner, "Online", created_at=at(1, 1), modes=(Mode.ONLINE,))
    trends = build_trends(date(2025, 1, 1), date(2025, 6, 30), now=NOW, lang="en")
    assert trends.classified[need.id] == (EXISTED, ("offer",))


def test_the_period_filters(dataset):
    trends = build_trends(date(2025, 4, 1), date(2025, 4, 30), now=NOW, lang="en")
    assert [(m.month, m.new) for m in trends.months] == [("2025-04", 1)]
    assert trends.classes == {EXISTED: 0, NOTHING: 1, UNKNOWN: 0}


def test_the_breakdown_counts_members_concerned(dataset):
    trends = build_trends(date(2025, 1, 1), date(2025, 6, 30), now=NOW, lang="en")
    rows = {(r.dimension, r.code): r for r in trends.breakdown}
    bookkeeping = rows[("skill", "bookkeeping")]
    assert (bookkeeping.unmet, bookkeeping.members, bookkeeping.existed) == (1, 2, 1)
    vat = rows[("skill", "vat")]
    assert (vat.unmet, vat.existed, vat.nothing) == (2, 1, 1)
    assert rows[("skill", "")].unmet == 1
    assert rows[("years", "0")].unmet == 4
    assert {r.dimension for r in trends.breakdown} == {
        "skill",
        "region",
        "sector",
        "language",
        "years",
    }


def test_the_radar_page_shows_the_period(client, dataset):
    sign_in(client, "staff@example.org")
    page = client.get("/needs/radar?since=2025-03-01&until=2025-05-31").get_data(as_text=True)
    assert "radar-trend-chart" in page and "<table" in page
    assert '<th scope="row" class="fw-normal">2025-03</th>' in page
    assert "2025-06" not in page.split("radar-months")[1].split("</table>")[0]
    assert "An answer existed but was not found" in page
    # The charts need no script of their own, and none inline (the CSP forbids it).
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)
    assert "style=" not in page.split("radar-period")[1]


@pytest.mark.parametrize(
    "query",
    [
        "since=garbage",
        "since=2025-05-01&until=2025-01-01",
        "since=1900-01-01&until=2025-01-01",
        "until=99999-01-01",
        "since=%00",
    ],
)
def test_a_bad_period_is_said_and_not_a_500(client, dataset, query):
    sign_in(client, "staff@example.org")
    response = client.get(f"/needs/radar?{query}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "invalid-feedback" in page or "is-invalid" in page
    for url in (f"/needs/radar/trends.json?{query}", f"/needs/radar/months.csv?{query}"):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("viewer", ["anonymous", "member", "author", "partner"])
def test_only_staff_see_the_trends(client, viewer):
    cast(client, viewer)
    for url in ("/needs/radar", "/needs/radar/trends.json", "/needs/radar/months.csv"):
        response = client.get(url)
        if viewer == "anonymous":
            assert response.status_code == 302 and response.headers["Location"].startswith("/login")
        else:
            assert response.status_code == 403


def test_json_download_holds_every_table(client, dataset):
    sign_in(client, "staff@example.org")
    response = client.get("/needs/radar/trends.json?since=2025-01-01&until=2025-06-30")
    assert response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.get_data(as_text=True))
    assert data["since"] == "2025-01-01" and data["until"] == "2025-06-30"
    assert [m["month"] for m in data["months"]][:2] == ["2025-01", "2025-02"]
    classes = {row["class"]: row["needs"] for row in data["classes"]}
    assert classes[EXISTED] == 2 and classes[NOTHING] == 1 and classes["existed:offer"] == 2
    assert any(row["dimension"] == "skill" for row in data["breakdown"])


@pytest.mark.parametrize("table", ["months", "breakdown", "classes"])
def test_csv_downloads(client, dataset, table):
    sign_in(client, "staff@example.org")
    response = client.get(f"/needs/radar/{table}.csv?since=2025-01-01&until=2025-06-30")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert len(rows) > 1
    header = rows[0]
    if table == "months":
        assert header == ["month", "new", "answered", "solved", "unmet"]
        assert ["2025-03", "1", "0", "1", "1"] in rows
    elif table == "classes":
        assert ["existed_not_found", "An answer existed but was not found", "2"] in rows
    else:
        assert "existed_not_found" in header and "members_concerned" in header
    assert client.get("/needs/radar/other.csv").status_code == 404


def test_csv_cells_never_run_as_formulas(client):
    from app.needs.trends import table_csv

    text = table_csv([{"name": '=HYPERLINK("x")', "count": 3}])
    assert "'=HYPERLINK" in text and ",3" in text
