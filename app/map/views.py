"""The map page, and Leaflet's files served from their Python packages."""

from __future__ import annotations

from flask import abort, current_app, render_template, request, send_from_directory
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from app.map import bp
from app.map.features import KIND_LABELS, MAP_KINDS, MODES, map_markers, parse_map_args
from app.members.models import MODE_LABELS, Mode
from app.paging import KnownTotal
from app.search.params import SearchParameterError
from app.search.views import interface_language

#: The list beside the map shows this many items a page (the map shows them all).
LIST_PER_PAGE = 50


def _vendor_dirs() -> dict[str, str]:
    import xstatic.pkg.leaflet
    import xstatic.pkg.leaflet_markercluster

    return {
        "leaflet": xstatic.pkg.leaflet.BASE_DIR,
        "markercluster": xstatic.pkg.leaflet_markercluster.BASE_DIR,
    }


@bp.get("/vendor/<package>/<path:filename>")
def vendor(package: str, filename: str):
    """Leaflet and its clustering plugin, from the xstatic packages (as Bootstrap-Flask
    serves Bootstrap): nothing is loaded from another site."""
    directory = _vendor_dirs().get(package)
    if directory is None:
        abort(404)
    max_age = current_app.get_send_file_max_age(filename)
    return send_from_directory(directory, filename, max_age=max_age)


@bp.get("/")
def index():
    """The map and, beside it, the same items as a list (its accessible equivalent)."""
    error = None
    result = None
    # The form sends its empty fields: left out, as the page's script leaves them.
    args = MultiDict((k, v) for k, v in request.args.items(multi=True) if v != "")
    try:
        map_request = parse_map_args(args)
    except SearchParameterError as problem:
        error, map_request = problem, None
    listed = None
    if map_request is not None:
        result = map_markers(map_request, current_user, interface_language())
        page = request.args.get("page", 1, type=int)
        listed = KnownTotal.of(result.markers, page, LIST_PER_PAGE)
    return render_template(
        "map/index.html",
        args=request.args,
        error=error,
        notices=map_request.notices if map_request else [],
        result=result,
        listed=listed,
        kinds=[(kind, KIND_LABELS[kind]) for kind in MAP_KINDS],
        chosen_kinds=map_request.kinds if map_request else MAP_KINDS,
        modes=[(mode, MODE_LABELS[Mode(mode)]) for mode in MODES],
    ), (400 if error else 200)
