"""In a real browser: a member posts a need, is shown a similar one, joins it with "me too",
and sees a service proposal that answers it move to "available"."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from app import create_app
from app.accounts.models import Role
from app.extensions import db
from app.needs.models import NeedVisibility
from app.proposals.models import Proposal, ProposalNeed
from tests.browser import browser_page, live_server  # noqa: F401
from tests.helpers import FAST_HASH_METHOD, PASSWORD
from tests.test_browser_needs import register
from tests.test_needs import make_need
from tests.test_partners import make_account, make_offer, make_partner

pytestmark = pytest.mark.browser


@pytest.fixture
def scene(live_server, tmp_path):  # noqa: F811
    """Anna's need on VAT for illustrators, a proposal that answers it, an offer, and staff."""
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'gilde.db'}",
            "SEARCH_INDEX_DIR": str(tmp_path / "search_index"),
            "PASSWORD_HASH_METHOD": FAST_HASH_METHOD,
        }
    )
    with app.app_context():
        anna = make_account("anna@example.org", "Anna Author")
        make_account("staff@example.org", "Sam Staff", Role.STAFF)
        need = make_need(
            anna,
            "Hulp bij de btw-aangifte als illustrator",
            skills=("vat",),
            visibility=NeedVisibility.PUBLIC,
        )
        proposal = Proposal(
            author_id=anna.id,
            title="Een btw-spreekuur voor starters",
            body="Elke maand.",
            links=[ProposalNeed(need_id=need.id)],
        )
        db.session.add(proposal)
        db.session.commit()
        offer = make_offer(make_partner(place="Gent"), "Btw-spreekuur in Gent", skills=("vat",))
        ids = {"need": need.id, "proposal": proposal.id, "offer": offer.id}
        db.engine.dispose()
    return ids


def sign_in(page, base: str, email: str) -> None:
    page.goto(base + "/login")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Aanmelden").click()
    page.wait_for_url(base + "/")


def test_join_a_similar_need_and_see_its_proposal_become_available(
    live_server,  # noqa: F811
    browser_page,  # noqa: F811
    scene,
):
    member = browser_page
    register(member, live_server, "Lotte Claes", "lotte@example.org")
    member.goto(live_server + "/needs/new")
    member.locator("#title").fill("Hulp bij mijn eerste btw-aangifte")
    member.locator("#body").fill("Ik begin als illustrator. Wie legt me de btw uit?")
    member.locator("form.need-form button[type=submit]").click()

    # Gilde shows the similar need before posting; Lotte joins it instead.
    hint = member.locator(".similar-needs")
    expect(hint).to_be_visible()
    hint.get_by_role("link", name="Hulp bij de btw-aangifte als illustrator").wait_for()
    hint.get_by_role("button", name="Ik ook: ik heb deze nood").click()
    member.wait_for_url(f"{live_server}/needs/{scene['need']}#demand")
    expect(member.locator(".me-too-count")).to_have_text("1 lid heeft deze nood ook")
    proposals = member.locator(".suggestions-proposals")
    expect(proposals).to_contain_text("Een btw-spreekuur voor starters")
    expect(proposals).to_contain_text("Voorgesteld")

    # Staff plan the service, then make it available with the offer that answers it.
    staff_context = member.context.browser.new_context(
        locale="nl-BE", viewport={"width": 1280, "height": 900}
    )
    errors: list[str] = []
    staff = staff_context.new_page()
    staff.set_default_timeout(30_000)
    staff.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    staff.on("pageerror", lambda e: errors.append(str(e)))
    try:
        sign_in(staff, live_server, "staff@example.org")
        proposal_url = f"{live_server}/proposals/{scene['proposal']}"
        for status, answer in (
            ("planned", ""),
            ("available", f"/partners/offers/{scene['offer']}"),
        ):
            staff.goto(proposal_url)
            form = staff.locator("form.proposal-status-form")
            form.locator("select[name=status]").select_option(status)
            if answer:
                form.locator("input[name=answer]").fill(answer)
            form.get_by_role("button").click()
            expect(staff.locator(".alert-success").first).to_be_visible()
    finally:
        staff_context.close()
    assert not errors, f"errors in the staff browser's console: {errors}"

    member.reload()
    expect(member.locator(".suggestions-proposals")).to_contain_text("Beschikbaar")
    member.locator(".suggestions-proposals").get_by_role("link").click()
    expect(member.locator(".proposal-answer")).to_contain_text("Btw-spreekuur in Gent")
