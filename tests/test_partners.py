"""Partners: registration, the organisation page, verification, offers, expiry and the lists."""

from __future__ import annotations

from datetime import timedelta
from functools import cache

import pytest
from sqlalchemy import func, select
from werkzeug.security import generate_password_hash

from app.accounts.models import Role, User
from app.extensions import db
from app.members.models import Mode
from app.notifications.models import Notification, NotificationKind
from app.partners.models import (
    Offer,
    OfferKind,
    OfferLanguage,
    OfferMode,
    OfferSkill,
    Partner,
    PartnerLanguage,
    Price,
    today,
)
from app.places.gazetteer import resolve_place
from app.skills.models import Skill
from tests.helpers import PASSWORD, make_user, post_form, sign_in_directly
from tests.mail import body_of, smtp_server  # noqa: F401

SCRIPT = "<script>alert(1)</script>"


@cache
def password_hash() -> str:
    """The hash of PASSWORD, made once: scrypt takes a quarter of a second each time."""
    return generate_password_hash(PASSWORD, method="scrypt")


def make_account(email: str, name: str, role: Role = Role.MEMBER) -> User:
    """Add and commit a user whose password is PASSWORD (like make_user, faster)."""
    user = User(email=email, name=name, role=role, password_hash=password_hash())
    db.session.add(user)
    db.session.commit()
    return user


def sign_in(client, email: str) -> None:
    """Sign ``client`` in as the account with this e-mail, as the sign-in form would."""
    sign_in_directly(client, User.by_email(email))


def make_partner(
    email: str = "desk@example.org",
    name: str = "Guichet Liège",
    *,
    verified: bool = True,
    place: str | None = "Liège",
    languages=("fr",),
    **fields,
) -> Partner:
    """Add and commit a partner account and its organisation."""
    user = make_account(email, f"Contact {name}", Role.PARTNER)
    partner = Partner(
        user_id=user.id,
        name=name,
        verified=verified,
        place=resolve_place(place) if place else None,
        languages=[PartnerLanguage(lang=code) for code in languages],
        **fields,
    )
    db.session.add(partner)
    db.session.commit()
    return partner


def skill_id(slug: str) -> int:
    """The id of the taxonomy's skill with this slug."""
    return db.session.scalar(select(Skill.id).where(Skill.slug == slug))


def make_offer(
    partner: Partner,
    title: str = "Boekhouding voor beginners",
    *,
    kind: OfferKind = OfferKind.TRAINING,
    skills=("bookkeeping",),
    modes=(Mode.COLLECTIVE,),
    languages=("nl",),
    place: str | None = None,
    **fields,
) -> Offer:
    """Add and commit an offer of ``partner``; skills by their taxonomy slug."""
    offer = Offer(
        partner_id=partner.id,
        title=title,
        kind=kind,
        own_place=resolve_place(place) if place else None,
        modes=[OfferMode(mode=mode) for mode in modes],
        languages=[OfferLanguage(lang=code) for code in languages],
        skills=[OfferSkill(skill_id=skill_id(slug), position=i) for i, slug in enumerate(skills)],
        **fields,
    )
    db.session.add(offer)
    db.session.commit()
    return offer


def register_data(**changes) -> dict:
    data = {
        "name": "Nadia Lambert",
        "email": "nadia@guichet.example.org",
        "password": PASSWORD,
        "confirm": PASSWORD,
        "organisation": "Guichet d'entreprises de Namur",
        "place": "Namen",
        "website": "https://guichet.example.org",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def offer_data(**changes) -> dict:
    data = {
        "title": "Atelier comptabilité",
        "description": "Deux **matinées** pour tenir ses comptes.",
        "kind": "training",
        "modes": ["collective", "in_person"],
        "languages": ["fr"],
        "skills-0-name": "comptabilité",
        "skills-1-name": "Fiscalité",
        "price": "paid",
        "price_text": "40 € par matinée",
        "start_date": str(today() + timedelta(days=10)),
        "end_date": str(today() + timedelta(days=40)),
        "place": "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def partner_data(**changes) -> dict:
    data = {
        "name": "Guichet Liège",
        "description": "Un guichet pour les **indépendants**.",
        "website": "https://guichet.example.org",
        "public_email": "info@guichet.example.org",
        "place": "Luik",
        "address": "Rue de la Régence 1, 4000 Liège",
        "languages": ["fr", "nl"],
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


# --- registration and the organisation page -------------------------------------------------------


def test_registration_creates_a_partner_account_and_an_unverified_organisation(client, world):
    response = post_form(client, "/partners/register", register_data())
    assert response.status_code == 302
    assert response.headers["Location"] == "/partners/me/edit"
    user = User.by_email("nadia@guichet.example.org")
    assert user.role is Role.PARTNER
    partner = db.session.scalar(select(Partner))
    assert partner.user_id == user.id
    assert partner.name == "Guichet d'entreprises de Namur"
    assert partner.place.name == "Namur"
    assert partner.verified is False
    page = client.get(f"/partners/{partner.id}").get_data(as_text=True)
    assert "Not verified yet" in page
    assert "nadia@guichet.example.org" not in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"organisation": ""}, "Enter the name of the organisation"),
        ({"organisation": "x" * 151}, "at most 150 characters"),
        ({"organisation": "Guichet\x00 Namur"}, "control characters"),
        ({"name": ""}, "Enter your name"),
        ({"place": "Atlantis-sur-Mer"}, "We do not know the place"),
        ({"website": "javascript:alert(1)"}, "web address"),
        ({"email": "not-an-address"}, "valid e-mail address"),
        ({"confirm": "something else"}, "not the same"),
    ],
)
def test_registration_refuses_bad_input(client, world, changes, message):
    response = post_form(client, "/partners/register", register_data(**changes))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert message.lower() in page.lower()
    assert 'value="nadia@guichet.example.org"' in page or "email" in changes
    assert db.session.scalar(select(func.count(Partner.id))) == 0
    assert db.session.scalar(select(func.count(User.id))) == 0


def test_registration_with_a_taken_address_tells_the_visitor_nothing(
    app,
    world,
    smtp_server,  # noqa: F811
):
    owner = make_user(email="nadia@guichet.example.org", locale="fr")
    taken = post_form(app.test_client(), "/partners/register", register_data())
    new = post_form(
        app.test_client(), "/partners/register", register_data(email="nieuw@example.org")
    )
    assert taken.status_code == new.status_code == 302
    assert taken.headers["Location"] == new.headers["Location"]
    assert db.session.scalar(select(func.count(Partner.id))) == 1
    # The owner is told, in their language; their account is as it was.
    (message,) = smtp_server.to("nadia@guichet.example.org")
    assert message["Content-Language"] == "fr"
    assert "/password/forgot" in body_of(message)
    db.session.refresh(owner)
    assert owner.role is Role.MEMBER and owner.check_password(PASSWORD)


def test_registration_errors_speak_the_users_language(client, world):
    response = post_form(
        client,
        "/partners/register",
        register_data(organisation="Guichet\x07", place="Atlantis-sur-Mer"),
        headers={"Accept-Language": "fr"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<html lang="fr">' in page
    assert "Supprimez les caractères de contrôle invisibles." in page
    assert "Nous ne connaissons pas la localité" in page


def test_the_partner_edits_its_page(client, world):
    partner = make_partner(verified=False)
    sign_in(client, "desk@example.org")
    assert "Guichet Liège" in client.get("/partners/me/edit").get_data(as_text=True)
    before = partner.updated_at
    response = post_form(client, "/partners/me/edit", partner_data(name="Guichet Luik"))
    assert response.status_code == 302
    db.session.expire_all()
    partner = db.session.get(Partner, partner.id)
    assert partner.name == "Guichet Luik"
    assert partner.place.name == "Liège"
    assert sorted(partner.language_codes) == ["fr", "nl"]
    assert partner.public_email == "info@guichet.example.org"
    assert partner.updated_at >= before
    page = client.get(f"/partners/{partner.id}").get_data(as_text=True)
    assert "<strong>indépendants</strong>" in page
    assert "mailto:info@guichet.example.org" in page
    assert "Rue de la Régence 1" in page
    assert client.get("/partners/me").headers["Location"] == f"/partners/{partner.id}"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "Enter the name of the organisation"),
        ({"name": "x" * 151}, "at most 150 characters"),
        ({"description": "x" * 5001}, "at most 5000 characters"),
        ({"address": "x" * 301}, "at most 300 characters"),
        ({"address": "Rue\x1b 1"}, "control characters"),
        ({"public_email": "info@"}, "valid e-mail address"),
        ({"website": "ftp://files.example.org"}, "https://"),
        ({"place": "Atlantis-sur-Mer"}, "Atlantis-sur-Mer"),
        ({"languages": ["xx"]}, "not a valid choice"),
    ],
)
def test_bad_input_on_the_partner_page_keeps_what_was_saved(client, world, changes, message):
    partner = make_partner(description="Ancienne description")
    sign_in(client, "desk@example.org")
    response = post_form(client, "/partners/me/edit", partner_data(**changes))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert message.lower() in page.lower()
    assert "Rue de la Régence 1" in page or "address" in changes  # the input is kept
    db.session.expire_all()
    partner = db.session.get(Partner, partner.id)
    assert partner.description == "Ancienne description"
    assert partner.name == "Guichet Liège"


def test_script_in_partner_and_offer_fields_is_shown_as_text(client, world):
    make_partner()
    sign_in(client, "desk@example.org")
    saved = post_form(
        client,
        "/partners/me/edit",
        partner_data(
            name=SCRIPT, description=SCRIPT + "<img src=x onerror=alert(1)>", address=SCRIPT
        ),
    )
    assert saved.status_code == 302
    offer = post_form(
        client,
        "/partners/offers/new",
        offer_data(
            title=SCRIPT, description=SCRIPT, price_text=SCRIPT, **{"skills-0-name": SCRIPT}
        ),
    )
    assert offer.status_code == 302
    for url in (
        saved.headers["Location"],
        offer.headers["Location"],
        "/partners/",
        "/partners/offers",
    ):
        page = client.get(url).get_data(as_text=True)
        assert "<script>alert(1)" not in page
        assert "onerror" not in page or "&lt;img" in page
        assert " style=" not in page


# --- verification ---------------------------------------------------------------------------------

VIEWERS = ["anonymous", "member", "partner", "owner", "staff"]


def sign_in_as(client, viewer: str) -> None:
    """Make the usual cast and sign in as one of them (owner: the organisation's account)."""
    make_account("member@example.org", "Mo Member")
    make_account("staff@example.org", "Sam Staff", Role.STAFF)
    make_partner(email="partner@example.org", name="Other Desk", place="Gent")
    if viewer != "anonymous":
        sign_in(client, "desk@example.org" if viewer == "owner" else f"{viewer}@example.org")


# Anonymous visitors never see an unverified organisation; signed-in users see it, marked.
@pytest.mark.parametrize("verified", [True, False])
@pytest.mark.parametrize("viewer", VIEWERS)
def test_partner_verification_rules(client, world, viewer, verified):
    partner = make_partner(name="Guichet Liège", verified=verified)
    offer = make_offer(partner, "Atelier facturation")
    sign_in_as(client, viewer)
    visible = verified or viewer != "anonymous"
    expected = 200 if visible else 404
    page = client.get(f"/partners/{partner.id}")
    assert page.status_code == expected
    assert client.get(f"/partners/offers/{offer.id}").status_code == expected
    directory = client.get("/partners/").get_data(as_text=True)
    offers = client.get("/partners/offers").get_data(as_text=True)
    assert ("Guichet Liège" in directory) is visible
    assert ("Atelier facturation" in offers) is visible
    if visible:
        marked = "Not verified yet" in page.get_data(as_text=True)
        assert marked is not verified
        assert ("Not verified yet" in offers) is not verified


@pytest.mark.parametrize(
    ("viewer", "status"),
    [("anonymous", 302), ("member", 403), ("partner", 403), ("owner", 403), ("staff", 302)],
)
def test_only_staff_verify(client, world, viewer, status):
    partner = make_partner(verified=False)
    sign_in_as(client, viewer)
    response = post_form(client, f"/partners/{partner.id}/verify", page="/")
    assert response.status_code == status
    db.session.expire_all()
    partner = db.session.get(Partner, partner.id)
    assert partner.verified is (viewer == "staff")
    if viewer == "staff":
        assert partner.verified_by_id == User.by_email("staff@example.org").id
        assert partner.verified_at is not None
        note = db.session.scalar(select(Notification))
        assert note.user_id == partner.user_id
        assert note.kind is NotificationKind.PARTNER_VERIFIED
    assert client.get("/partners/review").status_code == (200 if viewer == "staff" else status)


def test_staff_withdraw_a_verification_and_see_the_queue(client, world):
    partner = make_partner(verified=True)
    waiting = make_partner(email="new@example.org", name="New Space", verified=False)
    sign_in_as(client, "staff")
    queue = client.get("/partners/review").get_data(as_text=True)
    assert "New Space" in queue and "Guichet Liège" not in queue
    response = post_form(client, f"/partners/{partner.id}/unverify", page="/")
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Partner, partner.id).verified is False
    assert db.session.get(Partner, waiting.id).verified is False
    assert post_form(client, "/partners/999/verify", page="/").status_code == 404


def test_verification_needs_csrf(client, world):
    partner = make_partner(verified=False)
    sign_in_as(client, "staff")
    assert client.post(f"/partners/{partner.id}/verify").status_code == 400
    assert client.get(f"/partners/{partner.id}/verify").status_code == 405
    db.session.expire_all()
    assert db.session.get(Partner, partner.id).verified is False


# --- offers ---------------------------------------------------------------------------------------


def test_the_partner_creates_edits_and_deletes_an_offer(client, world):
    partner = make_partner()
    sign_in(client, "desk@example.org")
    form = client.get("/partners/offers/new").get_data(as_text=True)
    assert 'value="Liège"' in form  # the organisation's place is the default
    response = post_form(client, "/partners/offers/new", offer_data(place="Liège"))
    assert response.status_code == 302
    offer = db.session.scalar(select(Offer))
    assert response.headers["Location"] == f"/partners/offers/{offer.id}"
    assert offer.kind is OfferKind.TRAINING and offer.price is Price.PAID
    assert offer.own_place is None and offer.place.name == "Liège"
    assert [row.skill.slug for row in offer.skills] == ["bookkeeping", "tax-basics"]
    assert sorted(m.value for m in offer.mode_values) == ["collective", "in_person"]
    assert offer.language_codes == ["fr"]

    edited = post_form(
        client,
        f"/partners/offers/{offer.id}/edit",
        offer_data(title="Atelier TVA", price="free", start_date="", end_date="", place="Namur"),
    )
    assert edited.status_code == 302
    db.session.expire_all()
    offer = db.session.get(Offer, offer.id)
    assert offer.title == "Atelier TVA" and offer.price_text == "" and offer.end_date is None
    assert offer.place.name == "Namur"
    page = client.get(f"/partners/offers/{offer.id}").get_data(as_text=True)
    assert "Atelier TVA" in page and "<strong>matinées</strong>" in page and "Ongoing" in page

    deleted = post_form(
        client, f"/partners/offers/{offer.id}/delete", page=f"/partners/{partner.id}"
    )
    assert deleted.status_code == 302
    assert db.session.scalar(select(func.count(Offer.id))) == 0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": ""}, "Give the offer a title"),
        ({"title": "x" * 201}, "at most 200 characters"),
        ({"title": "Atelier\x0b TVA"}, "control characters"),
        ({"description": "x" * 5001}, "at most 5000 characters"),
        ({"kind": "party"}, "Not a valid choice"),
        ({"modes": ["teleportation"]}, "not a valid choice"),
        ({"languages": ["klingon"]}, "not a valid choice"),
        ({"price": "priceless"}, "Not a valid choice"),
        ({"price_text": ""}, "Say what the offer costs"),
        ({"price_text": "x" * 201}, "at most 200 characters"),
        (
            {
                "start_date": str(today() + timedelta(days=9)),
                "end_date": str(today() + timedelta(days=2)),
            },
            "comes before",
        ),
        ({"start_date": "", "end_date": str(today() - timedelta(days=1))}, "has passed"),
        ({"start_date": "31/31/2025"}, "Not a valid date"),
        ({"place": "Atlantis-sur-Mer"}, "We do not know the place"),
        ({"skills-0-name": "x" * 101}, "at most 100 characters"),
    ],
)
def test_bad_input_on_the_offer_form_keeps_what_was_saved(client, world, changes, message):
    partner = make_partner()
    offer = make_offer(partner, "Ancien titre", price=Price.FREE)
    sign_in(client, "desk@example.org")
    response = post_form(client, f"/partners/offers/{offer.id}/edit", offer_data(**changes))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert message.lower() in page.lower()
    assert "Atelier comptabilité" in page or "title" in changes  # the input is kept
    db.session.expire_all()
    offer = db.session.get(Offer, offer.id)
    assert offer.title == "Ancien titre"
    assert [row.skill.slug for row in offer.skills] == ["bookkeeping"]
    new = post_form(client, "/partners/offers/new", offer_data(**changes))
    assert new.status_code == 200
    assert db.session.scalar(select(func.count(Offer.id))) == 1


def test_a_name_of_invisible_characters_names_no_skill(client, world):
    make_partner()
    sign_in(client, "desk@example.org")
    response = post_form(client, "/partners/offers/new", offer_data(**{"skills-1-name": "\u200b"}))
    assert response.status_code == 302
    assert [row.skill.slug for row in db.session.scalar(select(Offer)).skills] == ["bookkeeping"]


OFFER_ROUTES = [
    ("get", "/partners/offers/new"),
    ("post", "/partners/offers/new"),
    ("get", "/partners/offers/{id}/edit"),
    ("post", "/partners/offers/{id}/edit"),
    ("post", "/partners/offers/{id}/delete"),
    ("get", "/partners/me/edit"),
]
# What each viewer (in VIEWERS order) gets on each route, for an offer of a verified partner.
OFFER_ACCESS = {
    "/partners/offers/new": (302, 403, 200, 200, 403),
    "/partners/offers/{id}/edit": (302, 403, 403, 200, 403),
    "/partners/offers/{id}/delete": (302, 403, 403, 302, 403),
    "/partners/me/edit": (302, 403, 200, 200, 403),
}


@pytest.mark.parametrize(("method", "route"), OFFER_ROUTES)
@pytest.mark.parametrize("viewer", VIEWERS)
def test_offers_are_changed_by_the_partners_own_account_only(client, world, viewer, method, route):
    partner = make_partner()
    offer = make_offer(partner)
    sign_in_as(client, viewer)
    url = route.format(id=offer.id)
    if method == "get":
        response = client.get(url)
    else:
        data = offer_data() if "delete" not in url else {}
        response = post_form(client, url, data, page="/")
    expected = OFFER_ACCESS[route][VIEWERS.index(viewer)]
    if method == "post" and expected == 200:
        expected = 302  # saved
    assert response.status_code == expected
    if method == "post" and viewer != "owner":
        db.session.expire_all()
        assert db.session.get(Offer, offer.id).title == "Boekhouding voor beginners"


def test_an_unverified_partners_offer_is_404_to_anonymous_and_403_to_other_partners(client, world):
    partner = make_partner(verified=False)
    offer = make_offer(partner)
    assert client.get(f"/partners/offers/{offer.id}/edit").status_code == 302  # sign in first
    assert client.get(f"/partners/offers/{offer.id}").status_code == 404
    sign_in_as(client, "partner")
    assert client.get(f"/partners/offers/{offer.id}").status_code == 200
    assert client.get(f"/partners/offers/{offer.id}/edit").status_code == 403
    assert client.get("/partners/offers/9999/edit").status_code == 404


# --- expiry and lists -----------------------------------------------------------------------------


def test_offers_past_their_end_date_leave_the_lists(client, world):
    partner = make_partner()
    make_offer(partner, "Ended yesterday", end_date=today() - timedelta(days=1))
    make_offer(partner, "Ends today", end_date=today())
    make_offer(partner, "Ongoing offer")
    make_offer(partner, "Starts later", start_date=today() + timedelta(days=30))
    for url in ("/partners/offers", f"/partners/{partner.id}", "/partners/offers?kind=training"):
        page = client.get(url).get_data(as_text=True)
        assert "Ended yesterday" not in page, url
        assert "Ends today" in page and "Ongoing offer" in page and "Starts later" in page
    only_ended = make_partner(email="old@example.org", name="Old Desk")
    make_offer(only_ended, "Long gone", end_date=today() - timedelta(days=300))
    assert "Old Desk" in client.get("/partners/").get_data(as_text=True)
    assert "Old Desk" not in client.get("/partners/?kind=training").get_data(as_text=True)
    sign_in(client, "desk@example.org")
    own = client.get(f"/partners/{partner.id}").get_data(as_text=True)
    assert "Ended yesterday" in own and "Ended" in own  # the owner still sees it, marked


def test_lists_filter_by_kind_mode_language_region_skill_and_distance(client, world):
    gent = make_partner(
        email="gent@example.org", name="Coworking Gent", place="Gent", languages=["nl"]
    )
    liege = make_partner(email="liege@example.org", name="Guichet Liège", place="Liège")
    arlon = make_partner(email="arlon@example.org", name="Fonds Arlon", place="Arlon")
    make_offer(
        gent, "Bureau flexible", kind=OfferKind.COWORKING, skills=(), modes=(Mode.IN_PERSON,)
    )
    make_offer(liege, "Atelier TVA", skills=("tax-basics",), languages=("fr",))
    make_offer(
        arlon,
        "Prêt solidaire",
        kind=OfferKind.FUNDING,
        skills=("fundraising",),
        modes=(Mode.ONLINE,),
        place="Namur",
    )

    def offers(query: str) -> str:
        return client.get("/partners/offers?" + query).get_data(as_text=True)

    def partners(query: str) -> str:
        return client.get("/partners/?" + query).get_data(as_text=True)

    assert "1 offer" in offers("kind=coworking") and "Bureau flexible" in offers("kind=coworking")
    assert "Prêt solidaire" in offers("mode=online") and "1 offer" in offers("mode=online")
    assert "Atelier TVA" in offers("language=fr") and "Bureau flexible" not in offers("language=fr")
    assert "Bureau flexible" in offers("region=BE-VLG") and "2 offers" in offers("region=BE-WAL")
    assert "Atelier TVA" in offers("skill=fiscalité") and "1 offer" in offers("skill=belastingen")
    assert "do not know the skill" in offers("skill=zzzqqq")
    # Namur is the offer's own place: it counts, not the organisation's Arlon.
    assert "Prêt solidaire" in offers("near=Namen&radius=25") and "1 offer" in offers(
        "near=Namen&radius=25"
    )
    near_gent = offers("near=Gand")
    assert (
        near_gent.index("Bureau flexible")
        < near_gent.index("Prêt solidaire")
        < near_gent.index("Atelier TVA")
    )
    assert "0 km" in near_gent
    assert "Coworking Gent" in partners("language=nl") and "1 organisation" in partners(
        "language=nl"
    )
    assert "Fonds Arlon" in partners("kind=funding") and "1 organisation" in partners(
        "kind=funding"
    )
    assert "2 organisations" in partners("region=BE-WAL")
    assert "1 organisation" in partners("near=Gent&radius=50")
    assert "Fonds Arlon" in partners("skill=fundraising&mode=online")
    for query in ("kind=party&mode=x&radius=abc&page=x", "near=Atlantis", "radius=25", "page=999"):
        assert client.get("/partners/offers?" + query).status_code == 200
        assert client.get("/partners/?" + query).status_code == 200


def test_lists_paginate(client, world):
    partner = make_partner()
    for i in range(25):
        make_offer(partner, f"Offer {i:02d}", skills=())
    first = client.get("/partners/offers").get_data(as_text=True)
    assert "25 offers" in first
    assert "Offer 24" in first and "Offer 05" in first and "Offer 04" not in first
    second = client.get("/partners/offers?page=2").get_data(as_text=True)
    assert "Offer 04" in second and "Offer 24" not in second


def test_missing_things_are_404(client):
    assert client.get("/partners/12345").status_code == 404
    assert client.get("/partners/offers/12345").status_code == 404


def test_a_member_may_not_open_the_partner_pages(client, auth):
    make_user()
    auth.login()
    assert client.get("/partners/me").status_code == 403
    assert client.get("/partners/register").status_code == 302  # already signed in


def test_a_partner_account_without_an_organisation_describes_it_first(client, world):
    make_account("bare@example.org", "Bare Partner", Role.PARTNER)
    sign_in(client, "bare@example.org")
    assert client.get("/partners/me").headers["Location"] == "/partners/me/edit"
    assert client.get("/partners/offers/new").headers["Location"] == "/partners/me/edit"
    response = post_form(client, "/partners/me/edit", partner_data(name="Bare Space"))
    assert response.status_code == 302
    partner = db.session.scalar(select(Partner))
    assert partner.name == "Bare Space" and partner.verified is False
    assert partner.user_id == User.by_email("bare@example.org").id


def test_verifying_twice_changes_nothing(client, world):
    partner = make_partner(verified=False)
    sign_in_as(client, "staff")
    for _ in range(2):
        assert post_form(client, f"/partners/{partner.id}/verify", page="/").status_code == 302
    assert db.session.scalar(select(func.count(Notification.id))) == 1
    for _ in range(2):
        assert post_form(client, f"/partners/{partner.id}/unverify", page="/").status_code == 302
    db.session.expire_all()
    assert db.session.get(Partner, partner.id).verified is False


def test_registrations_from_one_address_are_limited(client, world):
    # Each may send a mail; invalid ones count too, so that no one probes for free.
    for _attempt in range(20):
        post_form(client, "/partners/register", register_data(name=""))
    assert post_form(client, "/partners/register", register_data()).status_code == 429
    assert db.session.scalar(select(func.count(Partner.id))) == 0
