"""Views for partner registration, organisation pages, verification, offers and the lists."""

from __future__ import annotations

import logging

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user
from sqlalchemy import select
from wtforms import SelectChoice

from app import images
from app.accounts.access import staff_required
from app.accounts.mails import send_already_registered, send_verification
from app.accounts.models import Role, User, normalise_email
from app.accounts.throttling import MAILS_PER_IP
from app.clock import utcnow
from app.extensions import db, limiter
from app.forms import PictureForm, RemovePictureForm
from app.members.forms import spoken_language_choices
from app.notifications.models import NotificationKind, notify
from app.partners import bp
from app.partners.access import (
    current_offers_clause,
    is_partner_account,
    offer_visible_to,
    owns_partner,
    partner_of,
    require_own_offer,
    require_visible_partner,
)
from app.partners.directory import offers_query, partners_query, region_choices
from app.partners.editing import (
    add_spare_skill_rows,
    apply_offer_form,
    apply_partner_form,
    fill_offer_form,
    fill_partner_form,
)
from app.partners.forms import OfferForm, PartnerFilterForm, PartnerForm, PartnerRegisterForm
from app.partners.models import Offer, Partner
from app.places.gazetteer import distance_km
from app.places.notices import form_notices
from app.skills.readings import flash_loose_readings

logger = logging.getLogger(__name__)

PER_PAGE = 20


def _filter_form() -> PartnerFilterForm:
    form = PartnerFilterForm(request.args)
    form.language.choices = [SelectChoice("", _("Any language")), *spoken_language_choices()]
    form.region.choices = [SelectChoice("", _("Any region")), *region_choices(current_user)]
    form.validate()
    return form


def _page(stmt):
    return db.paginate(
        stmt, page=request.args.get("page", 1, type=int), per_page=PER_PAGE, error_out=False
    )


def _distances(items, near) -> dict[int, float]:
    if near is None:
        return {}
    return {item.id: distance_km(near, item.place) for item in items if item.place is not None}


@bp.get("/")
def index():
    """The partner directory."""
    form = _filter_form()
    stmt, skill_unknown = partners_query(form, current_user)
    page = _page(stmt)
    return render_template(
        "partners/index.html",
        form=form,
        page=page,
        distances=_distances(page.items, form.near.place),
        skill_unknown=skill_unknown,
        place_notices=form_notices(form, radius="radius"),
    )


@bp.get("/offers")
def offers():
    """The current offers of the partners the visitor may see."""
    form = _filter_form()
    stmt, skill_unknown = offers_query(form, current_user)
    page = _page(stmt)
    return render_template(
        "partners/offers.html",
        form=form,
        page=page,
        distances=_distances(page.items, form.near.place),
        skill_unknown=skill_unknown,
        place_notices=form_notices(form, radius="radius"),
    )


@bp.route("/register", methods=["GET", "POST"])
# Each registration may send a mail (a confirmation, or "you have an account"): limited as
# the members' registration is.
@limiter.limit(MAILS_PER_IP, methods=["POST"])
def register():
    """An organisation opens a partner account."""
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = PartnerRegisterForm()
    if form.validate_on_submit():
        welcome = _(
            "Welcome, %(name)s! Staff will verify your organisation soon; until then only "
            "signed-in members see it.",
            name=form.organisation.data,
        )
        existing = User.by_email(form.email.data)
        if existing is not None:
            # The visitor reads the same words and goes to the same address either way;
            # the owner of the taken address is told by mail.
            send_already_registered(existing)
            logger.info("partner registration with the address of user %s", existing.id)
            flash(welcome, "success")
            return redirect(url_for("partners.edit"))
        user = User(name=form.name.data, email=normalise_email(form.email.data), role=Role.PARTNER)
        user.set_password(form.password.data)
        partner = Partner(
            user=user,
            name=form.organisation.data,
            website=form.website.data or "",
            place=form.place.place,
        )
        db.session.add_all([user, partner])
        db.session.commit()
        # Until the address is confirmed the organisation's page and offers cannot be edited.
        send_verification(user)
        login_user(user)
        logger.info("registered partner %s (user %s)", partner.id, user.id)
        flash(welcome, "success")
        return redirect(url_for("partners.edit"))
    return render_template("partners/register.html", form=form)


@bp.get("/<int:partner_id>")
def show(partner_id: int):
    partner = require_visible_partner(partner_id, current_user)
    owner = owns_partner(partner, current_user)
    stmt = select(Offer).where(Offer.partner_id == partner.id)
    if not owner:
        stmt = stmt.where(current_offers_clause())
    offers = db.session.scalars(stmt.order_by(Offer.end_date.is_(None), Offer.end_date, Offer.id))
    return render_template("partners/show.html", partner=partner, offers=list(offers), owner=owner)


def _own_partner_or_403() -> Partner | None:
    """The signed-in partner account's organisation (None if it has none yet); 403 for others."""
    if not is_partner_account(current_user):
        abort(403)
    return partner_of(current_user)


@bp.get("/me")
@login_required
def mine():
    partner = _own_partner_or_403()
    if partner is None:
        return redirect(url_for("partners.edit"))
    return redirect(url_for("partners.show", partner_id=partner.id))


@bp.route("/me/edit", methods=["GET", "POST"])
@login_required
def edit():
    partner = _own_partner_or_403()
    form = PartnerForm()
    if request.method == "GET" and partner is not None:
        fill_partner_form(form, partner)
    elif form.validate_on_submit():
        if partner is None:
            partner = Partner(user_id=current_user.id)
            db.session.add(partner)
        apply_partner_form(form, partner)
        db.session.commit()
        flash(_("The organisation's page is saved."), "success")
        return redirect(url_for("partners.show", partner_id=partner.id))
    return render_template(
        "partners/edit.html",
        form=form,
        partner=partner,
        picture_form=PictureForm(),
        remove_form=RemovePictureForm(),
    )


@bp.get("/review")
@staff_required
def review():
    """Staff: the organisations waiting for verification, oldest first."""
    waiting = db.session.scalars(
        select(Partner).where(Partner.verified.is_(False)).order_by(Partner.created_at, Partner.id)
    )
    return render_template("partners/review.html", partners=list(waiting))


@bp.post("/<int:partner_id>/verify")
@staff_required
def verify(partner_id: int):
    partner = db.get_or_404(Partner, partner_id)
    if not partner.verified:
        partner.verified = True
        partner.verified_at = utcnow()
        partner.verified_by_id = current_user.id
        partner.touch()
        notify(
            partner.user_id,
            NotificationKind.PARTNER_VERIFIED,
            actor=current_user,
            subject=partner.name,
            link=url_for("partners.show", partner_id=partner.id),
        )
        db.session.commit()
        logger.info("partner %s verified by user %s", partner.id, current_user.id)
    flash(_("%(name)s is verified.", name=partner.name), "success")
    return redirect(url_for("partners.show", partner_id=partner.id))


@bp.post("/<int:partner_id>/unverify")
@staff_required
def unverify(partner_id: int):
    partner = db.get_or_404(Partner, partner_id)
    if partner.verified:
        partner.verified = False
        partner.verified_at = None
        partner.verified_by_id = None
        partner.touch()
        db.session.commit()
        logger.info("partner %s unverified by user %s", partner.id, current_user.id)
    flash(_("%(name)s is no longer verified.", name=partner.name), "info")
    return redirect(url_for("partners.show", partner_id=partner.id))


@bp.get("/offers/<int:offer_id>")
def offer(offer_id: int):
    offer = db.session.get(Offer, offer_id)
    if offer is None or not offer_visible_to(offer, current_user):
        abort(404)
    owner = owns_partner(offer.partner, current_user)
    return render_template("partners/offer.html", offer=offer, owner=owner)


def _offer_editor(form: OfferForm, offer: Offer | None, partner: Partner):
    """The new-offer and edit-offer page; ``offer`` is None for a new one."""
    if request.method == "GET":
        if offer is not None:
            fill_offer_form(form, offer)
        else:
            form.place.data = partner.place
    elif form.validate_on_submit():
        flash_loose_readings(form.skills)
        if offer is None:
            offer = Offer(partner_id=partner.id)
            db.session.add(offer)
        apply_offer_form(form, offer, partner)
        partner.touch()
        db.session.commit()
        flash(_("The offer is saved."), "success")
        return redirect(url_for("partners.offer", offer_id=offer.id))
    add_spare_skill_rows(form.skills)
    return render_template("partners/offer_edit.html", form=form, offer=offer, partner=partner)


@bp.route("/offers/new", methods=["GET", "POST"])
@login_required
def new_offer():
    partner = _own_partner_or_403()
    if partner is None:
        flash(_("Describe your organisation first."), "info")
        return redirect(url_for("partners.edit"))
    return _offer_editor(OfferForm(), None, partner)


@bp.route("/offers/<int:offer_id>/edit", methods=["GET", "POST"])
@login_required
def edit_offer(offer_id: int):
    offer = require_own_offer(offer_id, current_user)
    return _offer_editor(OfferForm(), offer, offer.partner)


@bp.post("/offers/<int:offer_id>/delete")
@login_required
def delete_offer(offer_id: int):
    offer = require_own_offer(offer_id, current_user)
    partner = offer.partner
    db.session.delete(offer)
    partner.touch()
    db.session.commit()
    flash(_("The offer is deleted."), "info")
    return redirect(url_for("partners.show", partner_id=partner.id))


@bp.get("/<int:partner_id>/logo/<token>-<size>.webp")
def logo(partner_id: int, token: str, size: str):
    """An organisation's logo, to whoever may see its page."""
    partner = require_visible_partner(partner_id, current_user)
    if partner.logo != token:
        abort(404)
    return images.picture_response("logos", token, size, partner.verified)


@bp.post("/me/logo")
@login_required
def upload_logo():
    partner = _own_partner_or_403()
    if partner is None:
        return redirect(url_for("partners.edit"))
    form = PictureForm()
    if form.validate_on_submit():
        upload = form.picture.data
        try:
            token = images.store("logos", upload.read() if upload else b"", crop=False)
        except images.ImageRefused as refused:
            flash(str(refused), "danger")
        else:
            old, partner.logo = partner.logo, token
            db.session.commit()
            images.remove("logos", old)
            flash(_("The logo is saved."), "success")
    return redirect(url_for("partners.edit") + "#logo")


@bp.post("/me/logo/delete")
@login_required
def delete_logo():
    partner = _own_partner_or_403()
    if RemovePictureForm().validate_on_submit() and partner is not None and partner.logo:
        old, partner.logo = partner.logo, None
        db.session.commit()
        images.remove("logos", old)
        flash(_("The logo is removed."), "info")
    return redirect(url_for("partners.edit") + "#logo")
