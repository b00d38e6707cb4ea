"""What the map shows: the markers a viewer may see, as GeoJSON, in the list's order.

Partners, offers, sessions, members and advisers come from the search index, with its
visibility rules and its coordinates (kept per document, app/search/engine/fieldcache.py); the
members who chose to be on the map and the offices come from one SQL query each. Every
marker sits at a town's coordinates (the gazetteer's), never at an address.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import numpy as np
from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from app.extensions import db
from app.search.engine import fieldcache
from app.search.params import MAX_RADIUS, SearchParameterError, parse_search_args
from app.text import fold

#: The kinds of marker, in the order the filters offer them.
MAP_KINDS = ("partner", "offer", "session", "office", "mentor")
KIND_LABELS = {
    "partner": _l("Partners"),
    "offer": _l("Offers"),
    "session": _l("Sessions"),
    "office": _l("Offices"),
    "mentor": _l("Mentors and peer advisers"),
}
MODES = ("online", "in_person", "individual", "collective")
#: The most markers one answer holds; the list says how many more there are.
MAX_LIMIT = 1000
DEFAULT_LIMIT = 500
_NUMBER = r"-?\d{1,3}(?:\.\d{1,12})?"
BBOX_PATTERN = rf"^{_NUMBER},{_NUMBER},{_NUMBER},{_NUMBER}$"
LANGUAGE_PATTERN = r"^[a-z]{2}$"
#: The longest value of each text parameter (a longer one gets a 400).
MAX_LENGTHS = {"q": 2000, "skill": 100, "near": 120, "bbox": 100}


@dataclass
class MapRequest:
    """A map's filters, read from the query string."""

    search: object  # app.search.query.SearchRequest: q, skill, language, mode, near, radius
    kinds: tuple[str, ...] = MAP_KINDS
    #: (min_lon, min_lat, max_lon, max_lat), as GeoJSON and Leaflet's toBBoxString write it.
    bbox: tuple[float, float, float, float] | None = None
    limit: int = DEFAULT_LIMIT
    notices: list = field(default_factory=list)


@dataclass
class Marker:
    """One item of the map and of the list beside it."""

    kind: str
    id: int
    title: str
    url: str
    place: str
    lat: float
    lon: float
    distance_km: float | None = None
    #: Unique among the markers: a member and an adviser are both of the kind "mentor".
    key: str = ""

    def as_feature(self, kind_labels: dict | None = None) -> dict:
        """The marker as a GeoJSON Feature (``kind_labels``: the labels, translated once)."""
        kind_label = (kind_labels or {}).get(self.kind) or str(KIND_LABELS[self.kind])
        return {
            "type": "Feature",
            "id": self.key or f"{self.kind}:{self.id}",
            "geometry": {"type": "Point", "coordinates": [self.lon, self.lat]},
            "properties": {
                "kind": self.kind,
                "kind_label": kind_label,
                "id": self.id,
                "title": self.title,
                "url": self.url,
                "place": self.place,
                "distance_km": None if self.distance_km is None else round(self.distance_km, 1),
            },
        }


@dataclass
class MapResult:
    markers: list[Marker]
    total: int

    def as_geojson(self) -> dict:
        # Translating a lazy label costs more than all the rest of a marker: once per kind.
        labels = {kind: str(label) for kind, label in KIND_LABELS.items()}
        return {
            "type": "FeatureCollection",
            "features": [marker.as_feature(labels) for marker in self.markers],
            "total": self.total,
            "truncated": self.total > len(self.markers),
        }


def _bbox(raw: str) -> tuple[float, float, float, float]:
    if not re.fullmatch(BBOX_PATTERN, raw):
        raise SearchParameterError(
            "bbox", _l("Give four numbers: west,south,east,north (longitudes and latitudes).")
        )
    west, south, east, north = (float(part) for part in raw.split(","))
    if not (
        -180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= 90 and -90 <= north <= 90
    ):
        raise SearchParameterError(
            "bbox",
            _l("Longitudes run from -180 to 180 and latitudes from -90 to 90."),
        )
    if west > east or south > north:
        raise SearchParameterError(
            "bbox", _l("Give the west and south edges before the east and north ones.")
        )
    return west, south, east, north


def parse_map_args(args: MultiDict) -> MapRequest:
    """A MapRequest from the query string; raises SearchParameterError on a bad value."""
    for name, limit in MAX_LENGTHS.items():
        if len(args.get(name, "")) > limit:
            raise SearchParameterError(name, _l("Give at most %(n)d characters.", n=limit))
    for name in ("bbox", "limit", "radius_km"):
        if name in args and not args[name]:
            raise SearchParameterError(name, _l("Give a value, or leave the parameter out."))
    kinds = [part for value in args.getlist("kind") for part in value.split(",") if part]
    unknown = [kind for kind in kinds if kind not in MAP_KINDS]
    if unknown or ("kind" in args and not kinds):
        raise SearchParameterError(
            "kind", _l("Give one of: %(choices)s.", choices=", ".join(MAP_KINDS))
        )
    mode = args.get("mode", "")
    if "mode" in args and mode not in MODES:
        raise SearchParameterError(
            "mode", _l("Give one of: %(choices)s.", choices=", ".join(MODES))
        )
    language = args.get("language", "")
    if "language" in args and not re.fullmatch(LANGUAGE_PATTERN, language):
        raise SearchParameterError("language", _l("Give a language code such as nl or fr."))
    radius = args.get("radius_km", "")
    if radius:
        try:
            value = float(radius)
        except ValueError:
            value = math.nan
        if not 0 < value <= MAX_RADIUS:  # NaN is never within
            raise SearchParameterError(
                "radius_km",
                _l("Give a distance in km, at most %(km)d.", km=int(MAX_RADIUS)),
            )
    searched = MultiDict(
        (name, args.get(name, ""))
        for name in ("q", "skill", "language", "mode", "near", "radius_km")
        if name in args
    )
    searched["sort"] = "distance" if args.get("near", "").strip() else "relevance"
    search = parse_search_args(searched)
    request = MapRequest(search=search, notices=list(search.notices))
    if kinds:
        request.kinds = tuple(kind for kind in MAP_KINDS if kind in kinds)
    if args.get("bbox"):
        request.bbox = _bbox(args["bbox"])
    raw_limit = args.get("limit", "")
    if raw_limit:
        if not raw_limit.isdigit() or not 1 <= int(raw_limit) <= MAX_LIMIT:
            raise SearchParameterError(
                "limit", _l("Give a number from %(low)d to %(high)d.", low=1, high=MAX_LIMIT)
            )
        request.limit = int(raw_limit)
    return request


# How a document's key becomes its page, without loading its row.
_PAGES = {
    "partner": ("partners.show", "partner_id"),
    "offer": ("partners.offer", "offer_id"),
    "session": ("sessions.show", "session_id"),
    "member": ("members.profile", "profile_id"),
    "adviser": ("guidance.adviser", "adviser_id"),
}


def _opted_in(viewer) -> tuple[list[int], list[int]]:
    """The ids of the mentors' profiles and of the peer advisers who chose to be on the map
    and whose profile the viewer may find in lists (a query each, of ids only)."""
    from app.guidance.models import Adviser, AdviserKind
    from app.members.access import listed_profiles_clause
    from app.members.models import Profile

    chosen = (Profile.on_map.is_(True), listed_profiles_clause(viewer))
    members = db.session.execute(select(Profile.id).where(*chosen, Profile.mentor)).scalars()
    advisers = db.session.execute(
        select(Adviser.id)
        .join(Profile, Profile.user_id == Adviser.user_id)
        .where(*chosen, Adviser.kind == AdviserKind.PEER, Adviser.active)
    ).scalars()
    return list(members), list(advisers)


def _docs_of_keys(searcher, keys: list[str]) -> np.ndarray:
    """The docnums of the documents with these keys."""
    column = fieldcache.column(searcher, "key")
    positions = fieldcache.memo(
        searcher, ("map key positions",), lambda: {key: i for i, key in enumerate(column.table)}
    )
    codes = [positions[key] for key in keys if key in positions]
    return column.docs[np.isin(column.codes, np.array(codes, dtype=np.int32))]


def _mask(searcher, docnums: np.ndarray) -> np.ndarray:
    out = np.zeros(searcher.doc_count_all(), dtype=bool)
    out[docnums] = True
    return out


def _kinds_mask(searcher, kinds: tuple[str, ...], viewer) -> np.ndarray:
    """Booleans by docnum: the documents of the kinds asked for that belong on the map."""
    out = np.zeros(searcher.doc_count_all(), dtype=bool)
    for kind in ("partner", "offer", "session"):
        if kind in kinds:
            out[fieldcache.docs_with(searcher, "kind", kind)] = True
    if "mentor" in kinds:
        members, advisers = _opted_in(viewer)
        # Mentors and peer advisers who meet people in person: a map is about places.
        in_person = _mask(searcher, fieldcache.docs_with(searcher, "modes", "in_person"))
        mentors = _mask(searcher, fieldcache.docs_with(searcher, "mentor", "t"))
        chosen = _mask(
            searcher,
            _docs_of_keys(
                searcher,
                [f"member:{i}" for i in members] + [f"adviser:{i}" for i in advisers],
            ),
        )
        is_member = _mask(searcher, fieldcache.docs_with(searcher, "kind", "member"))
        out |= chosen & in_person & (mentors | ~is_member)
    # A marker needs coordinates.
    return out & ~np.isnan(fieldcache.numbers(searcher, "lat"))


def _in_bbox(lat, lon, bbox) -> np.ndarray:
    west, south, east, north = bbox
    return (lat >= south) & (lat <= north) & (lon >= west) & (lon <= east)


def _indexed_markers(request: MapRequest, viewer, lang: str) -> tuple:
    """(docnums, distances or None, searcher) of the index's documents on the map, in order."""
    from app.search.query import find_all

    kinds = tuple(kind for kind in request.kinds if kind != "office")
    if not kinds:
        return np.zeros(0, dtype=np.int64), None, None

    def within(searcher):
        allowed = _kinds_mask(searcher, kinds, viewer)
        if request.bbox is not None:
            allowed &= _in_bbox(
                fieldcache.numbers(searcher, "lat"),
                fieldcache.numbers(searcher, "lon"),
                request.bbox,
            )
        return allowed

    searcher, docnums, distances = find_all(request.search, viewer, lang, within)
    return docnums, distances, searcher


def _office_markers(request: MapRequest) -> list[Marker]:
    """The offices with a place that the filters let through (there are few: read at once)."""
    from app.guidance.models import Office
    from app.places.gazetteer import distance_km
    from app.places.models import Place

    search = request.search
    if "office" not in request.kinds or search.skill:
        return []  # offices hold no skills
    if search.mode and search.mode not in ("in_person", "individual"):
        return []
    rows = db.session.execute(
        select(Office.id, Office.name, Office.description, Office.languages, Place)
        .join(Place, Office.place_id == Place.id)
        .order_by(Office.name)
    ).all()
    words = fold(search.q or "").split()
    markers = []
    for office_id, name, description, languages, place in rows:
        if search.language and search.language not in languages.split():
            continue
        haystack = fold(f"{name} {description} {place.name}")
        if any(word not in haystack for word in words):
            continue
        marker = Marker(
            kind="office",
            id=office_id,
            title=name,
            url=url_for("guidance.offices", _anchor=f"office-{office_id}"),
            place=place.name,
            lat=place.latitude,
            lon=place.longitude,
        )
        if request.bbox is not None and not _in_bbox(marker.lat, marker.lon, request.bbox):
            continue
        if search.near is not None:
            marker.distance_km = distance_km(search.near, (marker.lat, marker.lon))
            if search.radius_km and marker.distance_km > search.radius_km:
                continue
        markers.append(marker)
    if search.near is not None:
        markers.sort(key=lambda marker: marker.distance_km)
    return markers


def map_markers(request: MapRequest, viewer, lang: str) -> MapResult:
    """The markers the viewer may see, nearest first when a place is given; at most
    ``request.limit`` of them, with how many there are in all."""
    offices = _office_markers(request)
    docnums, distances, searcher = _indexed_markers(request, viewer, lang)
    total = len(offices) + len(docnums)
    # Offices go first, or among the others by distance when a place is given.
    order: list[tuple[str, int]] = []
    if request.search.near is not None and offices:
        office_distances = np.array([marker.distance_km for marker in offices])
        positions = np.searchsorted(distances, office_distances, side="left")
        merged, taken = [], 0
        for office, position in enumerate(positions):
            merged += [("doc", i) for i in range(taken, position)]
            merged.append(("office", office))
            taken = position
        order = merged + [("doc", i) for i in range(taken, len(docnums))]
    else:
        order = [("office", i) for i in range(len(offices))] + [
            ("doc", i) for i in range(len(docnums))
        ]
    markers = []
    shown = _Shown(searcher) if searcher is not None else None
    for source, i in order[: request.limit]:
        if source == "office":
            markers.append(offices[i])
            continue
        key, title, place, lat, lon = shown.fields(int(docnums[i]))
        kind_name, _, raw_id = key.partition(":")
        markers.append(
            Marker(
                kind="mentor" if kind_name in ("member", "adviser") else kind_name,
                id=int(raw_id),
                title=title,
                url=shown.url(kind_name, raw_id),
                place=place,
                lat=lat,
                lon=lon,
                distance_km=None if distances is None else float(distances[i]),
                key=key,
            )
        )
    return MapResult(markers=markers, total=total)


_URL_ID = "9876543210"


class _Shown:
    """What a marker shows of its document, read once per index segment.

    Reading a document's stored fields costs about a tenth of a millisecond (they hold its
    whole text): hundreds of markers a request made that most of its time. A segment's
    documents never change, so what the map shows of them is kept until the index does.
    """

    def __init__(self, searcher) -> None:
        self.searcher = searcher
        self.kept: dict = fieldcache.memo(searcher, ("map marker fields",), dict)
        self.pages: dict[str, str] = {}

    def fields(self, docnum: int) -> tuple[str, str, str, float, float]:
        found = self.kept.get(docnum)
        if found is None:
            stored = self.searcher.stored_fields(docnum)
            found = (
                stored["key"],
                stored.get("title", ""),
                stored.get("place", ""),
                stored["lat"],
                stored["lon"],
            )
            self.kept[docnum] = found
        return found

    def url(self, kind_name: str, raw_id: str) -> str:
        """The document's page; url_for once per kind, the id put in its place."""
        page = self.pages.get(kind_name)
        if page is None:
            endpoint, argument = _PAGES[kind_name]
            page = self.pages[kind_name] = url_for(endpoint, **{argument: int(_URL_ID)})
        return page.replace(_URL_ID, raw_id)
