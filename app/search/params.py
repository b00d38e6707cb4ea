"""Reading a search from query-string arguments, for the page and the API alike."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from app.search.query import MAX_PER_PAGE, WHEN_DAYS, SearchRequest, known_kind

SORTS = ("relevance", "date", "distance")
#: Other names of the orders, as the page's buttons call them.
SORT_ALIASES = {"newest": "date", "nearest": "distance"}
MAX_RADIUS = 1000.0


class SearchParameterError(ValueError):
    """A query-string argument that cannot be used; ``field`` names it."""

    def __init__(self, field: str, message) -> None:
        super().__init__(str(message))
        self.field = field
        self.message = message


def _int(args: MultiDict, name: str, default: int, low: int, high: int) -> int:
    # Present but empty is no number: the API document says integer (schemathesis ST201).
    if name not in args:
        return default
    raw = args.get(name, "")
    try:
        value = int(raw)
    except ValueError:
        raise SearchParameterError(name, _l("Give a whole number.")) from None
    if not low <= value <= high:
        raise SearchParameterError(
            name, _l("Give a number from %(low)d to %(high)d.", low=low, high=high)
        )
    return value


def parse_search_args(args: MultiDict) -> SearchRequest:
    """A SearchRequest from the arguments; raises SearchParameterError on a bad one."""
    from app.places.gazetteer import resolve_place
    from app.places.notices import radius_without_place, unknown_place
    from app.skills.taxonomy import resolve_skill

    request = SearchRequest(q=args.get("q", "")[:2000])
    request.kind = args.get("kind", "")
    if request.kind and not known_kind(request.kind):
        raise SearchParameterError("kind", _l("Unknown kind."))
    skill = args.get("skill", "").strip()[:100]
    if skill:
        resolved = resolve_skill(skill)
        if resolved is None and skill.isdigit():
            request.skill = skill
        elif resolved is None:
            raise SearchParameterError("skill", _l("We do not know this skill."))
        else:
            request.skill = str(resolved.id)
    for name in ("sector", "language", "mode", "region", "topic"):
        value = args.get(name, "").strip()[:40]
        setattr(request, name, value)
    request.when = args.get("when", "").strip()
    if request.when and request.when not in WHEN_DAYS:
        raise SearchParameterError("when", _l("Unknown period."))
    request.mentor = args.get("mentor", "") in ("1", "true", "y", "yes", "on")
    near = args.get("near", "").strip()[:120]
    if near:
        request.near = resolve_place(near)
        if request.near is None:
            # Searched without the distance: the page says so, the API answers 400.
            request.notices.append(unknown_place(near))
    radius = args.get("radius_km", "")
    if radius:
        try:
            request.radius_km = float(radius)
        except ValueError:
            raise SearchParameterError("radius_km", _l("Give a distance in km.")) from None
        if not 0 < request.radius_km <= MAX_RADIUS or request.radius_km != request.radius_km:
            raise SearchParameterError("radius_km", _l("Give a distance in km.")) from None
    if request.radius_km and request.near is None:
        if not near:
            request.notices.append(radius_without_place())
        request.radius_km = None
    request.sort = args.get("sort", "relevance")
    request.sort = SORT_ALIASES.get(request.sort, request.sort)
    if request.sort not in SORTS:
        raise SearchParameterError("sort", _l("Unknown order."))
    if request.sort == "distance" and request.near is None:
        request.sort = "relevance"
    request.page = _int(args, "page", 1, 1, 10_000)
    request.per_page = _int(args, "per_page", 20, 1, MAX_PER_PAGE)
    return request
