"""The search page and the search box's suggestions."""

from __future__ import annotations

from flask import jsonify, render_template, request
from flask_babel import get_locale
from flask_login import current_user

from app.search import bp
from app.search.params import SearchParameterError, parse_search_args
from app.search.query import SearchResults, run_search, suggest_titles


def interface_language() -> str:
    return str(get_locale() or "nl")


@bp.get("/")
def index():
    error = None
    try:
        search = parse_search_args(request.args)
    except SearchParameterError as problem:
        error = problem
        search = None
    results = run_search(search, current_user, interface_language()) if search else SearchResults()
    return render_template(
        "search/index.html", search=search, results=results, error=error, args=request.args
    ), (400 if error else 200)


@bp.get("/suggest")
def suggest():
    """Skills, names and titles for the search box, as the visitor may see them."""
    from app.skills.taxonomy import suggest_skills

    text = request.args.get("q", "").strip()[:100]
    if len(text) < 2:
        return jsonify([])
    lang = interface_language()
    items = [
        {"label": label, "kind": "skill"} for _skill, label in suggest_skills(text, lang, limit=5)
    ]
    items += [{"label": title, "kind": kind} for kind, title in suggest_titles(text, current_user)]
    return jsonify(items[:10])
