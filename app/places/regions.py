"""Region codes (ISO 3166-2 where one fits) and their names in nl, fr and en."""

from __future__ import annotations

#: Every region of the countries Gilde serves first, named in each interface language.
REGION_NAMES: dict[str, dict[str, str]] = {
    # Belgium: the three regions.
    "BE-BRU": {
        "nl": "Brussels Hoofdstedelijk Gewest",
        "fr": "Région de Bruxelles-Capitale",
        "en": "Brussels-Capital Region",
    },
    "BE-VLG": {"nl": "Vlaanderen", "fr": "Flandre", "en": "Flanders"},
    "BE-WAL": {"nl": "Wallonië", "fr": "Wallonie", "en": "Wallonia"},
    # France: the thirteen metropolitan regions.
    "FR-ARA": {
        "nl": "Auvergne-Rhône-Alpes",
        "fr": "Auvergne-Rhône-Alpes",
        "en": "Auvergne-Rhône-Alpes",
    },
    "FR-BFC": {
        "nl": "Bourgogne-Franche-Comté",
        "fr": "Bourgogne-Franche-Comté",
        "en": "Bourgogne-Franche-Comté",
    },
    "FR-BRE": {"nl": "Bretagne", "fr": "Bretagne", "en": "Brittany"},
    "FR-CVL": {
        "nl": "Centre-Val de Loire",
        "fr": "Centre-Val de Loire",
        "en": "Centre-Val de Loire",
    },
    "FR-20R": {"nl": "Corsica", "fr": "Corse", "en": "Corsica"},
    "FR-GES": {"nl": "Grand Est", "fr": "Grand Est", "en": "Grand Est"},
    "FR-HDF": {"nl": "Hauts-de-France", "fr": "Hauts-de-France", "en": "Hauts-de-France"},
    "FR-IDF": {"nl": "Île-de-France", "fr": "Île-de-France", "en": "Île-de-France"},
    "FR-NOR": {"nl": "Normandië", "fr": "Normandie", "en": "Normandy"},
    "FR-NAQ": {"nl": "Nouvelle-Aquitaine", "fr": "Nouvelle-Aquitaine", "en": "Nouvelle-Aquitaine"},
    "FR-OCC": {"nl": "Occitanië", "fr": "Occitanie", "en": "Occitania"},
    "FR-PDL": {"nl": "Pays de la Loire", "fr": "Pays de la Loire", "en": "Pays de la Loire"},
    "FR-PAC": {
        "nl": "Provence-Alpes-Côte d'Azur",
        "fr": "Provence-Alpes-Côte d'Azur",
        "en": "Provence-Alpes-Côte d'Azur",
    },
    # The Netherlands: the twelve provinces.
    "NL-DR": {"nl": "Drenthe", "fr": "Drenthe", "en": "Drenthe"},
    "NL-FL": {"nl": "Flevoland", "fr": "Flevoland", "en": "Flevoland"},
    "NL-FR": {"nl": "Friesland", "fr": "Frise", "en": "Friesland"},
    "NL-GE": {"nl": "Gelderland", "fr": "Gueldre", "en": "Gelderland"},
    "NL-GR": {"nl": "Groningen", "fr": "Groningue", "en": "Groningen"},
    "NL-LI": {"nl": "Limburg", "fr": "Limbourg", "en": "Limburg"},
    "NL-NB": {"nl": "Noord-Brabant", "fr": "Brabant-Septentrional", "en": "North Brabant"},
    "NL-NH": {"nl": "Noord-Holland", "fr": "Hollande-Septentrionale", "en": "North Holland"},
    "NL-OV": {"nl": "Overijssel", "fr": "Overijssel", "en": "Overijssel"},
    "NL-UT": {"nl": "Utrecht", "fr": "Utrecht", "en": "Utrecht"},
    "NL-ZE": {"nl": "Zeeland", "fr": "Zélande", "en": "Zeeland"},
    "NL-ZH": {"nl": "Zuid-Holland", "fr": "Hollande-Méridionale", "en": "South Holland"},
    # Luxembourg counts as one region.
    "LU": {"nl": "Luxemburg", "fr": "Luxembourg", "en": "Luxembourg"},
}

#: The countries Gilde serves first, named in each interface language.
COUNTRY_NAMES: dict[str, dict[str, str]] = {
    "BE": {"nl": "België", "fr": "Belgique", "en": "Belgium"},
    "FR": {"nl": "Frankrijk", "fr": "France", "en": "France"},
    "LU": {"nl": "Luxemburg", "fr": "Luxembourg", "en": "Luxembourg"},
    "NL": {"nl": "Nederland", "fr": "Pays-Bas", "en": "Netherlands"},
}

#: GeoNames first-level division codes (``admin1code``) to our region codes.
GEONAMES_ADMIN1: dict[str, dict[str, str]] = {
    "BE": {"BRU": "BE-BRU", "VLG": "BE-VLG", "WAL": "BE-WAL"},
    "FR": {
        "11": "FR-IDF",
        "24": "FR-CVL",
        "27": "FR-BFC",
        "28": "FR-NOR",
        "32": "FR-HDF",
        "44": "FR-GES",
        "52": "FR-PDL",
        "53": "FR-BRE",
        "75": "FR-NAQ",
        "76": "FR-OCC",
        "84": "FR-ARA",
        "93": "FR-PAC",
        "94": "FR-20R",
    },
    "NL": {
        "01": "NL-DR",
        "02": "NL-FR",
        "03": "NL-GE",
        "04": "NL-GR",
        "05": "NL-LI",
        "06": "NL-NB",
        "07": "NL-NH",
        "09": "NL-UT",
        "10": "NL-ZE",
        "11": "NL-ZH",
        "15": "NL-OV",
        "16": "NL-FL",
    },
}

#: Countries whose places all fall in one region, named like the country.
SINGLE_REGION_COUNTRIES = frozenset({"LU"})


def region_code(country: str, admin1: str | None) -> str:
    """Our stable region code for a GeoNames country and first-level division."""
    if country in SINGLE_REGION_COUNTRIES:
        return country
    known = GEONAMES_ADMIN1.get(country, {})
    if admin1 in known:
        return known[admin1]
    return f"{country}-{admin1}" if admin1 else country


def region_name(code: str, lang: str) -> str:
    """The region's name in ``lang`` (nl, fr or en, or a locale such as nl_BE); else English.

    An unknown region is named by its code.
    """
    names = REGION_NAMES.get(code)
    if not names:
        return code
    language = str(lang or "").replace("-", "_").split("_")[0].lower()
    return names.get(language) or names["en"]
