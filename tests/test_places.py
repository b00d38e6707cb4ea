"""The place gazetteer: loading, resolving names in any language, suggestions, distances."""

from __future__ import annotations

import math

import pytest
from flask_wtf import FlaskForm
from sqlalchemy import func, insert, select, text
from wtforms.validators import DataRequired, Optional

from app.extensions import db
from app.places import gazetteer
from app.places.forms import PlaceField
from app.places.gazetteer import (
    bounding_box,
    distance_km,
    load_places,
    resolve_place,
    suggest_places,
)
from app.places.models import Place, PlaceName
from app.places.regions import GEONAMES_ADMIN1, REGION_NAMES, region_code

FOUR_COUNTRIES = ["BE", "FR", "NL", "LU"]
RESET_SEQUENCES = [
    "SELECT setval(pg_get_serial_sequence('places', 'id'), (SELECT max(id) FROM places))",
    "SELECT setval(pg_get_serial_sequence('place_names', 'id'), (SELECT max(id) FROM place_names))",
]
read_geonames = gazetteer.read_cities


@pytest.fixture(scope="session")
def geonames_cities():
    """The GeoNames cities of BE, FR, NL and LU, read once: parsing the file takes seconds."""
    return read_geonames(FOUR_COUNTRIES)


@pytest.fixture
def cached_cities(monkeypatch, geonames_cities):
    """load_places reads the session's copy of the cities instead of the 80 MB file."""

    def read_cities(countries, min_population=500):
        if min_population != 500 or not set(countries) <= set(FOUR_COUNTRIES):
            return read_geonames(countries, min_population)
        return [city for city in geonames_cities if city["countrycode"] in countries]

    monkeypatch.setattr(gazetteer, "read_cities", read_cities)


@pytest.fixture(scope="session")
def gazetteer_rows():
    """The rows of a gazetteer of Belgium and Luxembourg, kept by the first test to load one."""
    return {}


@pytest.fixture
def places(app, cached_cities, gazetteer_rows):
    """The gazetteer filled with Belgium and Luxembourg: loaded once, then copied row by row."""
    tables = [Place.__table__, PlaceName.__table__]
    if not gazetteer_rows:
        load_places(["BE", "LU"])
        for table in tables:
            gazetteer_rows[table.name] = list(db.session.execute(select(table)).mappings())
        return
    for table in tables:
        db.session.execute(insert(table), [dict(row) for row in gazetteer_rows[table.name]])
    if db.engine.dialect.name == "postgresql":
        for sql in RESET_SEQUENCES:
            db.session.execute(text(sql))
    db.session.commit()


def counts() -> tuple[int, int]:
    return (
        db.session.scalar(select(func.count(Place.id))),
        db.session.scalar(select(func.count(PlaceName.id))),
    )


def place(name: str) -> Place:
    found = resolve_place(name)
    assert found is not None, name
    return found


# Loading ---------------------------------------------------------------------------------


def test_loading_twice_updates_in_place(app, cached_cities):
    loaded = load_places(["BE", "LU"])
    first = counts()
    gent = place("Gent")
    assert loaded == first[0] > 2000
    assert first[1] > 3 * first[0]

    assert load_places(["lu", " be "]) == loaded
    assert counts() == first
    assert place("Ghent").id == gent.id


def test_loading_reports_progress(app, cached_cities):
    seen = []
    total = load_places(["LU"], progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (total, total)
    assert all(done <= total for done, _ in seen)


def test_loading_larger_places_only(app, cached_cities):
    # GeoNames' cities5000 file, without its smaller administrative seats.
    loaded = load_places(["LU"], min_population=6000)
    assert 0 < loaded < 100  # of 235 from 500 inhabitants
    assert db.session.scalar(select(func.min(Place.population))) >= 6000


def test_unknown_country_codes_are_refused(app):
    with pytest.raises(gazetteer.UnknownCountryError) as raised:
        load_places(["BE", "XX", "Belgium"])
    assert raised.value.codes == ["XX", "BELGIUM"]
    assert counts() == (0, 0)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_loading_the_four_countries(app, cached_cities):
    loaded = load_places(FOUR_COUNTRIES)
    assert loaded > 19000
    assert {country for (country,) in db.session.execute(select(Place.country).distinct())} == {
        "BE",
        "FR",
        "NL",
        "LU",
    }
    assert (place("Rijsel").country, place("Rijsel").region) == ("FR", "FR-HDF")
    assert place("Den Haag").region == "NL-ZH"
    assert place("La Haye").name == "Den Haag"
    assert place("Parijs").name == "Paris"
    assert place("Luxemburg").region == "LU"
    assert place("Bergen").name == "Mons"  # the larger one
    assert resolve_place("Bergen", country="NL").region == "NL-NH"
    assert place("Bergen, NL").country == "NL"


def test_every_region_is_known_and_named_in_three_languages(geonames_cities):
    for city in geonames_cities:
        code = region_code(city["countrycode"], city["admin1code"])
        assert code in REGION_NAMES, (city["name"], code)
    for codes in GEONAMES_ADMIN1.values():
        assert set(codes.values()) <= set(REGION_NAMES)
    for names in REGION_NAMES.values():
        assert set(names) == {"nl", "fr", "en"}
        assert all(names.values())


# Resolving -------------------------------------------------------------------------------


SAME_PLACE = [
    ["Gent", "Gand", "Ghent"],
    ["Liège", "Luik", "Lüttich", "liege", "Luettich"],
    ["Brussel", "Bruxelles", "Brussels", "Bruxelles / Brussel"],
    ["Antwerpen", "Anvers", "Antwerp"],
    ["Namen", "Namur"],
    ["Bergen", "Mons"],
    ["Luxembourg", "Luxemburg", "Luxembourg-Ville"],
]


def test_names_in_nl_fr_en_resolve_to_one_place(places):
    for names in SAME_PLACE:
        found = {place(name).geonameid for name in names}
        assert len(found) == 1, names
    assert len({place(names[0]).id for names in SAME_PLACE}) == len(SAME_PLACE)


def test_resolving_ignores_case_accents_and_spacing(places):
    liege = place("Liège")
    for typed in ["LIÈGE", "liege", "  Liege ", "LiEgE", "Lie\u0300ge"]:
        assert place(typed).id == liege.id
    assert place("gAnD").name == "Gent"
    assert place("sint-jans-molenbeek").name == "Molenbeek-Saint-Jean"


def test_resolving_prefers_the_most_populous(places):
    aalst = place("Aalst")
    assert aalst.population > 50000
    assert aalst.region_name("nl") == "Vlaanderen"


def test_resolving_understands_a_country_or_region(places):
    gent = place("Gent")
    for typed in ["Gent, BE", "Gent (BE)", "Gent (be)", "Gent, Flanders, BE", "Gand, Flandre"]:
        assert place(typed).id == gent.id
    assert resolve_place("Gent", country="be").id == gent.id
    assert resolve_place("Gent", country="LU") is None
    assert resolve_place("Gent, LU") is None
    assert resolve_place("Gent, Wallonie") is None
    assert resolve_place("Gent, Texas") is None


def test_unknown_places_resolve_to_none(places):
    for typed in ["Atlantis", "", "   ", "Gentt", "Ge\x00nt", "%", "_", "x" * 2000, "Gent, BE, FR"]:
        assert resolve_place(typed) is None, typed


def test_the_region_is_named_in_the_interface_language(app, places):
    gent = place("Gent")
    assert gent.region == "BE-VLG"
    assert [gent.region_name(lang) for lang in ("nl", "fr", "en")] == [
        "Vlaanderen",
        "Flandre",
        "Flanders",
    ]
    assert gent.region_name("fr_BE") == "Flandre"
    with app.test_request_context(headers={"Accept-Language": "fr"}):
        assert place("Bruxelles").region_name() == "Région de Bruxelles-Capitale"


# Suggesting ------------------------------------------------------------------------------


def test_suggestions_start_with_the_text_largest_first(places):
    suggested = suggest_places("gen")
    assert suggested[0].name == "Gent"
    assert len({p.id for p in suggested}) == len(suggested) == 10
    populations = [p.population for p in suggest_places("sint-")]
    assert populations == sorted(populations, reverse=True)
    assert suggest_places("Gand")[0].name == "Gent"
    assert suggest_places("Gent, Vl")[0].name == "Gent"
    assert len(suggest_places("ge", limit=3)) == 3
    assert suggest_places("") == []


def test_suggestions_put_an_exact_name_first(places):
    assert suggest_places("ath")[0].name == "Ath"
    assert suggest_places("Bergen")[0].name == "Mons"


def test_suggestions_fall_back_to_similar_names(places):
    assert suggest_places("Gentt")[0].name == "Gent"
    assert suggest_places("Brusels")[0].geonameid == place("Brussel").geonameid
    assert suggest_places("Zzyzx") == []


# Distances -------------------------------------------------------------------------------


def test_distance_between_gent_and_brussel_is_about_50_km(places):
    gent, brussel = place("Gent"), place("Brussel")
    assert distance_km(gent, brussel) == pytest.approx(49, abs=3)
    assert distance_km(gent, brussel) == pytest.approx(distance_km(brussel.coordinates, gent))
    assert distance_km(gent, gent) == 0


def test_distance_between_coordinates():
    assert distance_km((0, 0), (0, 1)) == pytest.approx(111.2, abs=0.2)
    assert distance_km((90, 0), (-90, 0)) == pytest.approx(math.pi * 6371, rel=1e-3)


@pytest.mark.parametrize(
    ("lat", "lon", "radius"),
    [(51.05, 3.72, 50), (49.61, 6.13, 5), (-33.9, 151.2, 300), (64.1, -21.9, 1000)],
)
def test_the_bounding_box_holds_every_point_within_the_radius(lat, lon, radius):
    min_lat, max_lat, min_lon, max_lon = bounding_box(lat, lon, radius)
    assert min_lat < lat < max_lat
    assert min_lon < lon < max_lon
    for bearing in range(0, 360, 5):
        # The point ``radius`` km away in this direction (a little less, against rounding).
        angle, theta = radius * 0.999 / gazetteer.EARTH_RADIUS_KM, math.radians(bearing)
        phi1, lambda1 = math.radians(lat), math.radians(lon)
        phi2 = math.asin(
            math.sin(phi1) * math.cos(angle) + math.cos(phi1) * math.sin(angle) * math.cos(theta)
        )
        lambda2 = lambda1 + math.atan2(
            math.sin(theta) * math.sin(angle) * math.cos(phi1),
            math.cos(angle) - math.sin(phi1) * math.sin(phi2),
        )
        point = (math.degrees(phi2), math.degrees(lambda2))
        assert distance_km((lat, lon), point) <= radius
        assert min_lat <= point[0] <= max_lat
        assert min_lon <= point[1] <= max_lon


def test_the_bounding_box_of_gent_holds_brussel_for_60_km(places):
    gent, brussel = place("Gent"), place("Brussel")
    min_lat, max_lat, min_lon, max_lon = bounding_box(gent.latitude, gent.longitude, 60)
    assert min_lat <= brussel.latitude <= max_lat
    assert min_lon <= brussel.longitude <= max_lon
    min_lat, max_lat, min_lon, max_lon = bounding_box(gent.latitude, gent.longitude, 20)
    assert not min_lon <= brussel.longitude <= max_lon


def test_the_bounding_box_near_a_pole_or_the_antimeridian_spans_every_longitude():
    assert bounding_box(89.9, 10, 50)[2:] == (-180.0, 180.0)
    assert bounding_box(0, 179.9, 50)[2:] == (-180.0, 180.0)
    assert bounding_box(0, 0, 0) == (0, 0, 0, 0)


# The suggestion endpoint -----------------------------------------------------------------


def test_suggest_answers_json_places(client, places):
    response = client.get("/places/suggest?q=Gen")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    found = response.get_json()
    assert 0 < len(found) <= 10
    gent = found[0]
    assert set(gent) >= {"id", "name", "label", "country", "region"}
    assert gent["name"] == "Gent"
    assert gent["label"] == "Gent, Flanders, BE"
    assert (gent["country"], gent["region"]) == ("BE", "BE-VLG")
    assert gent["id"] == place("Gent").id


def test_suggest_labels_speak_the_visitors_language(client, places):
    found = client.get("/places/suggest?q=Luik", headers={"Accept-Language": "nl"}).get_json()
    assert found[0]["label"] == "Liège, Wallonië, BE"
    found = client.get("/places/suggest?q=Brus", headers={"Accept-Language": "fr"}).get_json()
    assert found[0]["label"] == "Bruxelles / Brussel, Région de Bruxelles-Capitale, BE"
    found = client.get("/places/suggest?q=Esch-sur-Alz").get_json()
    assert found[0]["label"] == "Esch-sur-Alzette, LU"
    assert place(found[0]["label"]).id == found[0]["id"]


def test_suggest_needs_two_characters(client, places):
    for query in ["", "?q=", "?q=G", "?q=%20%20G%20", "?q=%00%01", "?q=%25", "?q=__"]:
        response = client.get("/places/suggest" + query)
        assert response.status_code == 200, query
        assert response.get_json() == [], query


ODD_QUERIES = [
    "G" * 2000,
    "Gent" + "\x00\x01\x1b\x7f\u200b" * 10,
    "\x00Ge\x00nt",
    "%_%",
    "'; DROP TABLE places; --",
    "\U0010ffff\U0010ffff",
    "Ωμέγα",
    "(((",
    ",,,",
]


def test_suggest_never_fails_on_odd_input(client, places):
    for query in ODD_QUERIES:
        response = client.get("/places/suggest", query_string={"q": query})
        assert response.status_code == 200, query
        assert isinstance(response.get_json(), list), query
        assert len(response.get_json()) <= 10, query
    for raw in ["%FF%FE%00", "%ED%A0%80", "%C0%AF"]:  # not UTF-8, a lone surrogate, overlong
        assert client.get("/places/suggest?q=" + raw).status_code == 200, raw
    assert client.get("/places/suggest?q=Gent&q=Luik").get_json()[0]["name"] == "Gent"
    assert client.get("/places/suggest?q=" + "Gent" * 25 + "tttt").get_json() == []


# The command line ------------------------------------------------------------------------


def test_cli_loads_the_countries(runner, cached_cities):
    result = runner.invoke(args=["places", "load", "--countries", "be,LU"])
    assert result.exit_code == 0, result.output
    assert "Loaded" in result.output
    assert "BE, LU" in result.output
    assert str(counts()[0]) in result.output
    assert place("Gand").name == "Gent"


def test_cli_if_empty_loads_only_into_an_empty_gazetteer(runner, cached_cities):
    first = runner.invoke(args=["places", "load", "--countries", "LU", "--if-empty"])
    assert first.exit_code == 0, first.output
    assert "Loaded" in first.output
    loaded = counts()
    second = runner.invoke(args=["places", "load", "--countries", "BE", "--if-empty"])
    assert second.exit_code == 0, second.output
    assert "nothing loaded" in second.output
    assert counts() == loaded


def test_cli_refuses_unknown_country_codes(runner):
    for countries in ["BE,XX", "Belgium", "B1"]:
        result = runner.invoke(args=["places", "load", "--countries", countries])
        assert result.exit_code != 0
        assert "unknown country code" in result.output
        assert countries.split(",")[-1].upper() in result.output
    assert counts() == (0, 0)


def test_cli_needs_a_country(runner):
    result = runner.invoke(args=["places", "load", "--countries", " , "])
    assert result.exit_code != 0
    assert "at least one country code" in result.output


# The form field --------------------------------------------------------------------------


class PlaceForm(FlaskForm):
    class Meta:
        csrf = False

    place = PlaceField("Place")


class OptionalPlaceForm(FlaskForm):
    class Meta:
        csrf = False

    place = PlaceField("Place", validators=[Optional()])


class RequiredPlaceForm(FlaskForm):
    class Meta:
        csrf = False

    place = PlaceField("Place", validators=[DataRequired("Enter a place.")])


def submit(app, form_class=PlaceForm, obj=None, **data):
    """Validate ``data`` posted to a form in English; return the form."""
    with app.test_request_context(method="POST", data=data, headers={"Accept-Language": "en"}):
        form = form_class(obj=obj)
        form.validate()
        return form


def test_place_field_resolves_a_known_place(app, places):
    form = submit(app, place="  Gand ")
    assert form.errors == {}
    assert form.place.place.name == "Gent"
    assert form.place.data == "Gand"


def test_place_field_suggests_a_place_it_does_not_know(app, places):
    form = submit(app, place="Gentt")
    assert form.place.place is None
    assert form.place.errors == ["We do not know the place “Gentt”. Did you mean Gent?"]


def test_place_field_without_a_suggestion(app, places):
    form = submit(app, place="Qwxzqwxz")
    assert form.place.errors == ["We do not know the place “Qwxzqwxz”."]


def test_place_field_refuses_a_long_text(app, places):
    form = submit(app, place="Gent" + "t" * 117)
    assert form.place.errors == ["A place name has at most 120 characters."]
    assert submit(app, place="G" * 120).place.errors[0].startswith("We do not know")


def test_place_field_is_optional_unless_required(app, places):
    form = submit(app, place="  ")
    assert form.errors == {}
    assert form.place.place is None
    assert submit(app, RequiredPlaceForm, place="").place.errors == ["Enter a place."]
    assert submit(app, RequiredPlaceForm, place="Luik").place.place.name == "Liège"


def test_place_field_emptied_clears_the_place(app, places):
    class Profile:
        place = None

    profile = Profile()
    profile.place = place("Gent")
    for form_class in (PlaceForm, OptionalPlaceForm):
        form = submit(app, form_class, obj=profile, place="")
        assert form.errors == {}
        assert form.place.place is None


def test_place_field_shows_a_place_by_its_name(app, places):
    gent = place("Gent")

    class Profile:
        pass

    profile = Profile()
    profile.place = gent
    with app.test_request_context(headers={"Accept-Language": "en"}):
        form = PlaceForm(obj=profile)
        html = form.place()
        assert 'value="Gent"' in html
        assert 'data-autocomplete="/places/suggest"' in html
        assert 'autocomplete="off"' in html
        assert 'maxlength="120"' in html
        assert form.place.place is gent
        form = PlaceForm()
        form.place.data = place("Luik")
        assert 'value="Liège"' in form.place()


def test_place_field_keeps_the_chosen_place_of_a_shared_name(app, places):
    small_aalst = db.session.scalar(
        select(Place).where(Place.name == "Aalst").order_by(Place.population)
    )
    assert place("Aalst").id != small_aalst.id
    chosen = submit(app, **{"place": "Aalst", "place-place-id": str(small_aalst.id)})
    assert chosen.place.place.id == small_aalst.id
    edited = submit(app, **{"place": "Gent", "place-place-id": str(small_aalst.id)})
    assert edited.place.place.name == "Gent"
    odd = submit(app, **{"place": "Aalst", "place-place-id": "١٢"})
    assert odd.place.place.id == place("Aalst").id

    class Profile:
        pass

    profile = Profile()
    profile.place = small_aalst
    kept = submit(app, obj=profile, place="Aalst")
    assert kept.place.place.id == small_aalst.id
