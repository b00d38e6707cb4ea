"""Views for editing one's profile, showing a profile and the member directory."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms import SelectChoice

from app import images
from app.extensions import db
from app.forms import PictureForm, RemovePictureForm
from app.members import bp
from app.members.access import profile_visible_to
from app.members.cards import member_cards
from app.members.directory import directory_query, region_choices
from app.members.forms import (
    DirectoryFilterForm,
    OnboardingForm,
    ProfileForm,
    spoken_language_choices,
)
from app.members.models import Profile, Visibility
from app.members.profiles import (
    add_spare_rows,
    apply_profile_form,
    fill_profile_form,
    profile_of,
    reading_languages,
)
from app.places.gazetteer import distance_km
from app.places.notices import form_notices
from app.search.cards import CardContext
from app.skills.models import interface_language
from app.skills.readings import flash_loose_readings
from app.skills.sectors import sector_choices
from app.skills.taxonomy import resolve_skill

PER_PAGE = 20


@bp.get("/")
def directory():
    form = DirectoryFilterForm(request.args)
    form.language.choices = [SelectChoice("", _("Any language")), *spoken_language_choices()]
    form.region.choices = [SelectChoice("", _("Any region")), *region_choices()]
    form.sector.choices = sector_choices(_("Any sector"))
    form.validate()
    stmt, skill_unknown = directory_query(form, current_user)
    page = db.paginate(
        stmt, page=request.args.get("page", 1, type=int), per_page=PER_PAGE, error_out=False
    )
    near = form.near.place
    distances = {
        p.id: distance_km(near, p.place) for p in page.items if near is not None and p.place
    }
    skill = resolve_skill(form.skill.data) if form.skill.data else None
    context = CardContext(
        skills=[str(skill.id)] if skill is not None else [],
        languages=reading_languages(current_user, interface_language()),
        mentoring=bool(form.mentor.data),
        near=near,
    )
    cards = member_cards(page.items, [distances.get(p.id) for p in page.items], context)
    return render_template(
        "members/directory.html",
        form=form,
        page=page,
        cards=cards,
        skill_unknown=skill_unknown,
        place_notices=form_notices(form),
    )


@bp.get("/<int:profile_id>")
def profile(profile_id: int):
    profile = db.get_or_404(Profile, profile_id)
    if not profile_visible_to(profile, current_user):
        if not current_user.is_authenticated and profile.visibility is Visibility.MEMBERS:
            return redirect(url_for("accounts.login", next=request.path))
        abort(404)
    return render_template("members/profile.html", profile=profile)


@bp.get("/me")
@login_required
def my_profile():
    profile = profile_of(current_user)
    if profile is None:
        return redirect(url_for("members.edit"))
    return redirect(url_for("members.profile", profile_id=profile.id))


@bp.route("/me/edit", methods=["GET", "POST"])
@login_required
def edit():
    profile = profile_of(current_user)
    form = ProfileForm()
    if request.method == "GET":
        fill_profile_form(form, profile, current_user)
    elif form.validate_on_submit():
        flash_loose_readings([*form.skills, *form.mentor_wishes])
        profile = apply_profile_form(form, profile, current_user)
        db.session.commit()
        flash(_("Your profile is saved."), "success")
        return redirect(url_for("members.profile", profile_id=profile.id))
    add_spare_rows(form)
    return render_template(
        "members/edit.html",
        form=form,
        profile=profile,
        picture_form=PictureForm(),
        remove_form=RemovePictureForm(),
    )


@bp.route("/welcome", methods=["GET", "POST"])
@login_required
def onboarding():
    """A newcomer's first steps: the essentials of a profile on one short page."""
    profile = profile_of(current_user)
    form = OnboardingForm()
    if request.method == "GET":
        fill_profile_form(form, profile, current_user)
        while len(form.skills.entries) < form.skills.min_entries:
            form.skills.append_entry()
    elif form.validate_on_submit():
        flash_loose_readings(form.skills)
        profile = apply_profile_form(form, profile, current_user)
        db.session.commit()
        flash(
            _("Your profile is ready. Add a photo and a few words about you whenever you like."),
            "success",
        )
        return redirect(url_for("main.home"))
    return render_template("members/onboarding.html", form=form, profile=profile)


@bp.get("/<int:profile_id>/photo/<token>-<size>.webp")
def photo(profile_id: int, token: str, size: str):
    """A profile's photo, to whoever may see the profile."""
    profile = db.get_or_404(Profile, profile_id)
    if profile.photo != token or not profile_visible_to(profile, current_user):
        abort(404)
    return images.picture_response("photos", token, size, profile.visibility is Visibility.PUBLIC)


@bp.post("/me/photo")
@login_required
def upload_photo():
    profile = profile_of(current_user)
    if profile is None:
        return redirect(url_for("members.onboarding"))
    form = PictureForm()
    if form.validate_on_submit():
        upload = form.picture.data
        try:
            token = images.store("photos", upload.read() if upload else b"")
        except images.ImageRefused as refused:
            flash(str(refused), "danger")
        else:
            old, profile.photo = profile.photo, token
            db.session.commit()
            images.remove("photos", old)
            flash(_("Your photo is saved."), "success")
    return redirect(url_for("members.edit") + "#photo")


@bp.post("/me/photo/delete")
@login_required
def delete_photo():
    profile = profile_of(current_user)
    if RemovePictureForm().validate_on_submit() and profile is not None and profile.photo:
        old, profile.photo = profile.photo, None
        db.session.commit()
        images.remove("photos", old)
        flash(_("Your photo is removed."), "info")
    return redirect(url_for("members.edit") + "#photo")
