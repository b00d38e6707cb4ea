"""Showing the site's own pages in the interface language."""

from __future__ import annotations

from flask import abort, render_template

from app.pages import bp
from app.pages.content import load_page
from app.skills.models import interface_language


@bp.get("/pages/<slug>")
def show(slug: str):
    page = load_page(slug, interface_language())
    if page is None:
        abort(404)
    return render_template("pages/show.html", page=page, slug=slug)
