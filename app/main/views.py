"""Views for the home page and choosing the interface language."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, session, url_for
from flask_login import current_user

from app.accounts.redirects import safe_next
from app.extensions import db
from app.i18n import SESSION_KEY
from app.main import bp
from app.main import home as sections
from app.main.forms import LanguageForm, NearForm
from app.members.completeness import profile_completeness
from app.members.profiles import profile_of
from app.skills.models import interface_language


@bp.get("/")
def home():
    """What a newcomer needs at a glance: search, needs, articles, mentors, partners near."""
    form = NearForm(request.args)
    near = form.near.place if request.args.get("near") and form.validate() else None
    lang = interface_language()
    member = {}
    if current_user.is_authenticated:
        profile = profile_of(current_user)
        member = {
            "my_profile": profile,
            "completeness": profile_completeness(profile),
            "help_needs": sections.needs_to_help_with(current_user),
            "need_replies": sections.replies_to_my_needs(current_user),
            "request_answers": sections.answered_requests(current_user),
            "extra_news": sections.extra_news(current_user),
        }
    return render_template(
        "main/home.html",
        form=form,
        near=near,
        examples=sections.example_searches(lang),
        needs=sections.newest_needs(current_user),
        articles=sections.latest_articles(current_user),
        guides=sections.latest_guides(current_user, lang),
        mentors=sections.mentors_with_open_places(current_user),
        partners=sections.partners_near(current_user, near),
        **member,
    )


@bp.post("/language")
def set_language():
    """Remember the chosen language; for a member it becomes their setting."""
    form = LanguageForm()
    if not form.validate_on_submit():
        abort(400)
    session[SESSION_KEY] = form.language.data
    if current_user.is_authenticated:
        current_user.locale = form.language.data
        db.session.commit()
    return redirect(safe_next(form.next.data) or url_for("main.home"))
