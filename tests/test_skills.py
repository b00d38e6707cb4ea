"""The skill taxonomy: loading, resolving names, suggestions, merging, ESCO import, staff pages."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from sqlalchemy import func, select, text, update

from app.accounts.models import Role
from app.extensions import db
from app.skills.models import Skill, SkillCategory, SkillLabel, SkillStatus
from app.skills.taxonomy import (
    TaxonomyError,
    import_esco,
    load_taxonomy,
    merge_skills,
    promote_skill,
    resolve_or_create_skill,
    resolve_skill,
    resolve_skill_ids,
    skill_usage,
    suggest_skills,
)
from tests.helpers import csrf_token, make_user

ROOT = Path(__file__).resolve().parent.parent
TAXONOMY = ROOT / "content" / "skills.yaml"
ESCO = "http://data.europa.eu/esco/skill/"
ESCO_HEADER = (
    "conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels,hiddenLabels,"
    "status,modifiedDate,scopeNote,definition,inScheme,description"
)


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def make_skill(label: str, lang: str = "nl", *, status=SkillStatus.CURATED, **fields) -> Skill:
    """Add and commit a skill with one preferred label."""
    skill = Skill(
        status=status, labels=[SkillLabel(lang=lang, text=label, preferred=True)], **fields
    )
    db.session.add(skill)
    db.session.commit()
    return skill


def make_community_skill(label: str = "Kantklossen", lang: str = "nl") -> Skill:
    return make_skill(label, lang, status=SkillStatus.COMMUNITY)


@pytest.fixture
def taxonomy(world):
    """The real taxonomy (the world template is a copy of a database that loaded it)."""


@pytest.fixture
def before_esco(taxonomy):
    """The real taxonomy before any ESCO URI was attached (skills.yaml gives a few)."""
    db.session.execute(update(Skill).values(esco_uri=None))
    db.session.commit()


# A table another feature will add later, made with plain DDL so that it stays out of
# db.metadata (and so out of every other test's create_all).
USE_TABLES = {
    "composite primary key": (
        "CREATE TABLE test_skill_uses (owner INTEGER NOT NULL,"
        " skill_id INTEGER NOT NULL REFERENCES skills (id) ON DELETE CASCADE,"
        " level VARCHAR(20), PRIMARY KEY (owner, skill_id))"
    ),
    "unique constraint": (
        "CREATE TABLE test_skill_uses (id INTEGER PRIMARY KEY, owner INTEGER NOT NULL,"
        " skill_id INTEGER NOT NULL REFERENCES skills (id), level VARCHAR(20),"
        " CONSTRAINT uq_test_skill_uses_owner UNIQUE (owner, skill_id))"
    ),
}


@pytest.fixture(params=sorted(USE_TABLES))
def add_use(request, app):
    """A table of (owner, skill_id) rows that refers to skills, like member_skills will."""
    db.session.execute(text(USE_TABLES[request.param]))
    db.session.commit()
    surrogate = request.param == "unique constraint"

    def add(owner: int, skill: Skill, level: str = "expert") -> None:
        row = {"owner": owner, "skill_id": skill.id, "level": level}
        if surrogate:
            row["id"] = db.session.scalar(text("SELECT COUNT(*) FROM test_skill_uses")) + 1
        columns = ", ".join(row)
        values = ", ".join(f":{name}" for name in row)
        insert = f"INSERT INTO test_skill_uses ({columns}) VALUES ({values})"  # noqa: S608
        db.session.execute(text(insert), row)
        db.session.commit()

    return add


def use_rows() -> list[tuple[int, int, str]]:
    return [
        tuple(row)
        for row in db.session.execute(
            text("SELECT owner, skill_id, level FROM test_skill_uses ORDER BY owner, skill_id")
        )
    ]


# --- loading content/skills.yaml ---------------------------------------------------------------


def test_load_is_idempotent_and_loads_the_whole_taxonomy(app):
    first = load_taxonomy(TAXONOMY)
    sizes = (count(SkillCategory), count(Skill), count(SkillLabel))
    second = load_taxonomy(TAXONOMY)
    assert (count(SkillCategory), count(Skill), count(SkillLabel)) == sizes
    assert first["skills"] == second["skills"] == count(Skill) >= 200
    assert first["categories"] == second["categories"] == count(SkillCategory) == 10
    assert first["labels"] == second["labels"] == count(SkillLabel)
    assert (first["created"], second["created"]) == (count(Skill), 0)
    assert set(db.session.scalars(select(Skill.status))) == {SkillStatus.CURATED}
    # Every skill has a preferred label in each language, and labels are stored folded.
    preferred = db.session.execute(
        select(SkillLabel.lang, func.count()).where(SkillLabel.preferred).group_by(SkillLabel.lang)
    ).all()
    assert dict(preferred) == {"nl": count(Skill), "fr": count(Skill), "en": count(Skill)}
    label = db.session.scalar(select(SkillLabel).where(SkillLabel.text == "Comptabilité"))
    assert label.folded == "comptabilite"


def write_taxonomy(tmp_path, skills: str, categories: str | None = None) -> Path:
    path = tmp_path / "skills.yaml"
    categories = (
        categories or "  - id: business\n    labels: {nl: Ondernemen, fr: Gestion, en: Business}\n"
    )
    path.write_text(f"categories:\n{categories}skills:\n{skills}", encoding="utf-8")
    return path


PRICING_URI = "http://data.europa.eu/esco/skill/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
PRICING = """\
  - id: pricing
    category: business
    labels: {nl: Prijszetting, fr: Fixation des prix, en: Pricing}
    synonyms:
      nl: [uurtarief, prijszetting]
      en: [rate setting]
"""


def test_load_updates_a_skill_in_place_and_replaces_its_labels(app, tmp_path):
    load_taxonomy(write_taxonomy(tmp_path, PRICING))
    skill = resolve_skill("uurtarief")
    skill_id = skill.id
    # The synonym that repeats the label in another case is not stored twice.
    assert sorted(label.text for label in skill.labels if label.lang == "nl") == [
        "Prijszetting",
        "uurtarief",
    ]
    changed = PRICING.replace("Pricing}", "Setting prices}").replace("uurtarief", "dagtarief")
    load_taxonomy(write_taxonomy(tmp_path, changed))
    db.session.expire_all()
    assert resolve_skill("uurtarief") is None
    assert resolve_skill("dagtarief").id == resolve_skill("setting prices").id == skill_id
    assert resolve_skill("pricing") is None
    assert db.session.get(Skill, skill_id).label("en") == "Setting prices"
    assert count(Skill) == 1


@pytest.mark.parametrize(
    ("skills", "expected"),
    [
        (
            "  - id: pricing\n    labels: {nl: [unclosed\n",
            "line 7, column 1: while parsing a flow sequence",
        ),
        (PRICING.replace("category: business", "category: nowhere"), "category 'nowhere'"),
        (PRICING.replace("fr: Fixation des prix, ", ""), "labels.fr is missing"),
        (PRICING.replace("id: pricing", "id: Pricing Skill"), "lower-case letters"),
        (PRICING + PRICING, "id 'pricing' is used twice"),
        (PRICING.replace("synonyms:", "synonym:"), "unknown key 'synonym'"),
        (PRICING.replace("en: [rate setting]", "de: [Preisgestaltung]"), "synonyms.de"),
        (PRICING.replace("en: [rate setting]", "en: [yes, '']"), "must be text"),
        (PRICING + "    esco: https://example.org/pricing\n", "is not an ESCO skill URI"),
        (PRICING + "    esco: 42\n", "is not an ESCO skill URI"),
        (
            PRICING
            + f"    esco: {PRICING_URI}\n"
            + PRICING.replace("pricing", "rates")
            .replace("Prijszetting", "Tarieven")
            .replace("Fixation des prix", "Tarifs")
            .replace("Pricing", "Rates")
            .replace("uurtarief, prijszetting", "dagtarief")
            .replace("rate setting", "day rates")
            + f"    esco: {PRICING_URI}\n",
            f"esco {PRICING_URI} is also pricing's",
        ),
    ],
)
def test_load_refuses_a_broken_file_and_writes_nothing(app, tmp_path, skills, expected):
    with pytest.raises(TaxonomyError) as caught:
        load_taxonomy(write_taxonomy(tmp_path, skills))
    assert expected in str(caught.value)
    assert count(Skill) == count(SkillCategory) == count(SkillLabel) == 0


def test_load_sets_the_esco_uri_a_skill_has_in_the_file(app, tmp_path):
    load_taxonomy(write_taxonomy(tmp_path, PRICING))
    other = make_skill("Tarieven", esco_uri=PRICING_URI)  # as `flask skills import-esco` sets one
    load_taxonomy(write_taxonomy(tmp_path, PRICING + f"    esco: {PRICING_URI}\n"))
    db.session.expire_all()
    assert resolve_skill("uurtarief").esco_uri == PRICING_URI
    # The file's skill takes the URI from the one an import gave it to.
    assert db.session.get(Skill, other.id).esco_uri is None
    # Without the key, a URI set otherwise stays.
    load_taxonomy(write_taxonomy(tmp_path, PRICING))
    assert resolve_skill("uurtarief").esco_uri == PRICING_URI


def test_load_reports_every_problem_at_once(app, tmp_path):
    broken = PRICING.replace("category: business", "category: nowhere").replace(
        "fr: Fixation des prix, ", ""
    )
    with pytest.raises(TaxonomyError) as caught:
        load_taxonomy(write_taxonomy(tmp_path, broken))
    assert len(caught.value.problems) == 2


def test_load_command(runner, tmp_path):
    result = runner.invoke(args=["skills", "load"])
    assert result.exit_code == 0, result.output
    skills = len(yaml.safe_load(TAXONOMY.read_text(encoding="utf-8"))["skills"])
    assert f"10 categories and {skills} skills" in result.output
    broken = write_taxonomy(tmp_path, PRICING.replace("category: business", "category: x"))
    result = runner.invoke(args=["skills", "load", "--file", str(broken)])
    assert result.exit_code == 1
    assert "category 'x' is not one of the categories" in result.output
    missing = runner.invoke(args=["skills", "load", "--file", str(tmp_path / "nope.yaml")])
    assert missing.exit_code == 1
    assert "Cannot read" in missing.output


# --- resolving names ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("boekhouding", "bookkeeping"),
        ("Comptabilité", "bookkeeping"),
        ("comptabilite", "bookkeeping"),
        ("  COMPTABILITÉ ", "bookkeeping"),
        ("bookkeeping", "bookkeeping"),
        ("accounting", "bookkeeping"),
        ("Webdesign", "web-design"),
        ("web design", "web-design"),
        ("WEBDESIGNER", "web-design"),
        ("Graphisme", "graphic-design"),
        ("tva", "vat"),
    ],
)
def test_resolve_skill_across_languages_case_and_accents(taxonomy, name, slug):
    skill = resolve_skill(name)
    assert skill is not None
    assert skill.slug == slug


@pytest.mark.parametrize("name", ["kantklossen", "", "   ", "\x00", "x" * 2000, "%", "boek%"])
def test_resolve_skill_finds_nothing_for_unknown_or_odd_names(taxonomy, name):
    assert resolve_skill(name) is None


def test_resolve_skill_ids_answers_as_resolve_skill_for_many_names_at_once(taxonomy):
    # A community skill sharing a curated skill's label loses to it, as in resolve_skill.
    make_community_skill("Boekhouding")
    names = ["Comptabilité", "  BOOKKEEPING ", "web design", "kantklossen", "", "x" * 2000, "%"]
    names.append("boekhouding")
    found = resolve_skill_ids(names)
    expected = {name: resolve_skill(name).id for name in names if resolve_skill(name)}
    assert found == expected
    assert set(found) == {"Comptabilité", "  BOOKKEEPING ", "web design", "boekhouding"}
    assert resolve_skill_ids([]) == {}


def test_skill_label_follows_the_interface_language_with_fallbacks(app, taxonomy, client):
    skill = resolve_skill("boekhouding")
    assert skill.label("fr") == "Comptabilité"
    assert skill.label("en") == "Bookkeeping"
    with app.test_request_context(headers={"Accept-Language": "fr"}):
        assert skill.label() == "Comptabilité"
    only_dutch = make_community_skill("Kantklossen")
    assert only_dutch.label("fr") == "Kantklossen"


def test_unknown_name_becomes_a_community_skill(taxonomy):
    known = resolve_or_create_skill("Comptabilité", "fr")
    assert known.slug == "bookkeeping"
    before = count(Skill)
    skill = resolve_or_create_skill("  Kant\x00klossen   voor  beginners ", "nl")
    assert count(Skill) == before + 1
    assert skill.status is SkillStatus.COMMUNITY
    assert skill.slug is None
    assert [(label.lang, label.text, label.preferred) for label in skill.labels] == [
        ("nl", "Kantklossen voor beginners", True)
    ]
    assert resolve_or_create_skill("kantklossen voor BEGINNERS", "fr").id == skill.id
    long = resolve_or_create_skill("x" * 300, "en")
    assert long.label() == "x" * 100
    # One character can fold to 18: the folded key still fits its column.
    wide = resolve_or_create_skill("\ufdfa" * 100, "en")
    assert wide.labels[0].text == "\ufdfa" * 14
    assert len(wide.labels[0].folded) <= 255
    # Nothing is committed: the caller decides.
    db.session.rollback()
    assert count(Skill) == before


@pytest.mark.parametrize(("name", "lang"), [("", "nl"), ("  \x01 ", "nl"), ("Kantklossen", "de")])
def test_resolve_or_create_refuses_an_empty_name_or_unknown_language(taxonomy, name, lang):
    with pytest.raises(ValueError):
        resolve_or_create_skill(name, lang)


# --- suggestions -------------------------------------------------------------------------------


def test_suggest_finds_prefixes_and_word_starts_in_the_asked_language(taxonomy):
    found = suggest_skills("design", "nl")
    labels = [label for _skill, label in found]
    assert "Grafisch ontwerp" in labels  # via "Graphic design"
    assert len({skill.id for skill, _label in found}) == len(found) == 10
    assert [label for _skill, label in suggest_skills("compt", "fr")] == ["Comptabilité"]
    assert [label for _skill, label in suggest_skills("COMPTA", "nl")] == ["Boekhouding"]
    assert suggest_skills("web", "nl", limit=3)[0][1].startswith("Web")
    assert suggest_skills("zzzz", "nl") == []


def test_suggest_puts_curated_skills_before_community_ones(taxonomy):
    community = make_community_skill("Boekhoudsoftware kiezen")
    found = [skill for skill, _label in suggest_skills("boekhoud", "nl")]
    assert found[0].slug == "bookkeeping"
    assert found[-1].id == community.id


@pytest.mark.parametrize("prefix", ["%", "_", "\\", "%oek", "_oek", "b_ek", "'", "\x00"])
def test_suggest_treats_wildcards_as_plain_characters(taxonomy, prefix):
    assert suggest_skills(prefix, "nl") == []


def get_suggestions(client, q, lang="en"):
    response = client.get(
        "/skills/suggest", query_string={"q": q}, headers={"Accept-Language": lang}
    )
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    return response.get_json()


def test_suggest_endpoint_answers_in_the_interface_language(client, taxonomy):
    make_community_skill("Comptabilité analytique", "fr")
    found = get_suggestions(client, "compta", "fr")
    assert found[0]["label"] == "Comptabilité"
    assert found[0]["category"] == "Gestion d'activité"
    assert found[0]["community"] is False
    assert found[-1] == {
        "id": found[-1]["id"],
        "label": "Comptabilité analytique",
        "category": None,
        "community": True,
    }
    assert get_suggestions(client, "compta", "nl")[0]["label"] == "Boekhouding"


@pytest.mark.parametrize("q", ["", "b", " b ", "\x00b"])
def test_suggest_endpoint_needs_two_characters(client, taxonomy, q):
    assert get_suggestions(client, q) == []


@pytest.mark.parametrize(
    "q",
    [
        "\x00\x01\x1f",
        "bo\x00ek",
        "boek" + "k" * 1996,
        "%",
        "%%",
        "__",
        "%_%",
        "'; DROP TABLE skills; --",
        '"boek"',
        "\\\\",
        "\u200b\u200b",
        "\U0001d51f\U0001d52c\U0001d522\U0001d528",  # Fraktur "boek"
        "\ufffd\ufffd",
    ],
)
def test_suggest_endpoint_survives_odd_input(client, taxonomy, q):
    found = get_suggestions(client, q)
    assert isinstance(found, list)
    assert count(Skill) >= 200


def test_suggest_endpoint_caps_the_query_at_100_characters(client, taxonomy):
    make_community_skill("b" * 100)
    assert len(get_suggestions(client, "b" * 100)) == 1
    assert len(get_suggestions(client, "b" * 150)) == 1


def test_suggest_endpoint_survives_invalid_utf8(client, taxonomy):
    response = client.get("/skills/suggest?q=%ff%fe%00boek")
    assert response.status_code == 200


# --- merging and promoting ---------------------------------------------------------------------


def test_merge_moves_every_use_and_keeps_one_row_per_owner(taxonomy, add_use):
    target = resolve_skill("boekhouding")
    source = make_community_skill("Boekhoudinge")
    db.session.add(SkillLabel(skill=source, lang="fr", text="Comptabilité", preferred=True))
    db.session.commit()
    add_use(1, source, "beginner")
    add_use(2, source, "beginner")
    add_use(2, target, "expert")
    add_use(3, target, "expert")
    assert skill_usage([source.id, target.id]) == {source.id: 2, target.id: 2}
    source_id, target_id = source.id, target.id

    merge_skills(source, target)
    db.session.commit()

    assert db.session.get(Skill, source_id) is None
    # Owner 2 had both: one row is left, the target's own.
    assert use_rows() == [
        (1, target_id, "beginner"),
        (2, target_id, "expert"),
        (3, target_id, "expert"),
    ]
    # The source's label lives on as a synonym; the clashing one is not doubled.
    assert resolve_skill("boekhoudinge").id == target_id
    target = db.session.get(Skill, target_id)
    assert target.label("nl") == "Boekhouding"
    assert [label.text for label in target.labels if label.folded == "comptabilite"] == [
        "Comptabilité"
    ]
    orphans = select(func.count()).select_from(SkillLabel).where(SkillLabel.skill_id == source_id)
    assert db.session.scalar(orphans) == 0


def test_reloading_the_taxonomy_keeps_labels_from_merges_and_members(taxonomy):
    target = resolve_skill("boekhouding")
    merge_skills(make_community_skill("Boekhoudinge"), target)
    community = make_community_skill("Kalligrafie met ganzenveren")
    db.session.commit()
    load_taxonomy(TAXONOMY)
    assert resolve_skill("boekhoudinge").id == target.id
    assert resolve_skill("kalligrafie met ganzenveren").id == community.id
    assert resolve_skill("boekhoudinge").label("nl") == "Boekhouding"


def test_merge_into_itself_is_refused(app):
    skill = make_community_skill()
    with pytest.raises(TaxonomyError):
        merge_skills(skill, skill)


def test_merge_hands_the_esco_uri_to_a_target_without_one(app):
    source = make_skill("Keramiek", esco_uri=ESCO + "k1")
    target = make_skill("Pottenbakken")
    merge_skills(source, target)
    db.session.commit()
    assert db.session.get(Skill, target.id).esco_uri == ESCO + "k1"


def test_promote_makes_a_curated_skill_with_a_free_slug(app):
    make_skill("Kantklossen", slug="kantklossen")
    crafts = SkillCategory(
        slug="crafts", label_nl="Ambachten", label_fr="Artisanat", label_en="Crafts"
    )
    db.session.add(crafts)
    skill = make_community_skill("Kantklossen")
    promote_skill(skill, category=crafts)
    db.session.commit()
    assert (skill.status, skill.slug, skill.category) == (
        SkillStatus.CURATED,
        "kantklossen-2",
        crafts,
    )
    with pytest.raises(TaxonomyError):
        promote_skill(make_community_skill("Klossen"), slug="kantklossen")
    with pytest.raises(TaxonomyError):
        promote_skill(make_community_skill("Kloskant"), slug="Not A Slug")


# --- ESCO import -------------------------------------------------------------------------------


def esco_row(uri: str, label: str, alternatives: str = "", description: str = "") -> str:
    return (
        f'KnowledgeSkillCompetence,{uri},skill/competence,sector-specific,"{label}",'
        f'"{alternatives}",,released,2023-10-01T12:00:00Z,,,{ESCO}scheme,"{description}"'
    )


def esco_file(tmp_path, *rows: str, header: str = ESCO_HEADER, name="skills_nl.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_import_esco_attaches_matches_and_creates_skills(before_esco, tmp_path):
    dutch = esco_file(
        tmp_path,
        esco_row(ESCO + "aaa-1", "boekhouding bijhouden", "boekhouden\nfinanciën bijhouden"),
        esco_row(ESCO + "bbb-2", "kantklossen", "klossen\nkloskant", 'Kant, met ""klossen""'),
        esco_row(ESCO + "ccc-3", "Webdesign"),
    )
    before = count(Skill)
    counts = import_esco(dutch, "nl")
    assert counts == {"rows": 3, "created": 1, "matched": 2, "updated": 0, "labels": 5}
    assert count(Skill) == before + 1
    bookkeeping = resolve_skill("bookkeeping")
    assert bookkeeping.esco_uri == ESCO + "aaa-1"
    assert bookkeeping.label("nl") == "Boekhouding"  # an ESCO label never replaces ours
    assert resolve_skill("financien bijhouden").id == bookkeeping.id
    assert resolve_skill("web design").esco_uri == ESCO + "ccc-3"
    lace = resolve_skill("Kloskant")
    assert (lace.slug, lace.status, lace.esco_uri) == ("bbb-2", SkillStatus.CURATED, ESCO + "bbb-2")
    assert lace.label("nl") == "kantklossen"

    # Again: nothing new. Then the French file adds French labels to the same skills.
    assert import_esco(dutch, "nl")["labels"] == 0
    assert count(Skill) == before + 1
    french = esco_file(
        tmp_path,
        esco_row(ESCO + "bbb-2", "dentelle aux fuseaux", "Dentellière"),
        name="skills_fr.csv",
    )
    assert import_esco(french, "fr") == {
        "rows": 1,
        "created": 0,
        "matched": 0,
        "updated": 1,
        "labels": 2,
    }
    assert resolve_skill("dentelliere").id == lace.id
    assert db.session.get(Skill, lace.id).label("fr") == "dentelle aux fuseaux"


@pytest.mark.parametrize(
    ("build", "expected"),
    [
        (
            lambda: [ESCO_HEADER.replace("preferredLabel", "label"), esco_row(ESCO + "a", "x")],
            ["line 1: missing column(s) preferredLabel"],
        ),
        (
            lambda: [
                ESCO_HEADER,
                esco_row(ESCO + "a", "boekhouding bijhouden", "boekhouden\nboeken"),
                esco_row("", "keramiek"),
                esco_row(ESCO + "c", ""),
                esco_row(ESCO + "a", "nog eens"),
                esco_row("not a uri", "iets"),
                "KnowledgeSkillCompetence,too,few",
            ],
            [
                "line 4: conceptUri is empty",
                "line 5: preferredLabel is empty",
                f"line 6: conceptUri {ESCO}a is also on line 2",
                "line 7: conceptUri 'not a uri' is not a URI",
                "line 8: 3 fields where the header has 13",
            ],
        ),
    ],
)
def test_import_esco_reports_every_problem_by_line_and_imports_nothing(
    before_esco, tmp_path, runner, build, expected
):
    path = esco_file(tmp_path, *build()[1:], header=build()[0])
    before = count(SkillLabel)
    with pytest.raises(TaxonomyError) as caught:
        import_esco(path, "nl")
    assert caught.value.problems == expected
    assert "nothing was imported" in str(caught.value)
    assert count(SkillLabel) == before
    assert db.session.scalar(select(func.count()).where(Skill.esco_uri.is_not(None))) == 0
    result = runner.invoke(args=["skills", "import-esco", str(path), "--lang", "nl"])
    assert result.exit_code == 1
    assert all(problem in result.output for problem in expected)


def test_import_esco_refuses_invalid_utf8_with_its_line(before_esco, tmp_path):
    path = tmp_path / "latin1.csv"
    good = esco_row(ESCO + "a", "boekhouding bijhouden")
    bad = esco_row(ESCO + "b", "céramique")
    path.write_bytes("\n".join([ESCO_HEADER, good, ""]).encode() + bad.encode("latin-1") + b"\n")
    with pytest.raises(TaxonomyError) as caught:
        import_esco(path, "nl")
    assert caught.value.problems == [f"line 3: not valid UTF-8 (byte {bad.index('é') + 1})"]
    assert db.session.scalar(select(func.count()).where(Skill.esco_uri.is_not(None))) == 0


def test_import_esco_command(runner, before_esco, tmp_path):
    path = esco_file(tmp_path, esco_row(ESCO + "k", "kantklossen", "kloskant"))
    result = runner.invoke(args=["skills", "import-esco", str(path), "--lang", "nl"])
    assert result.exit_code == 0, result.output
    assert "Imported 1 ESCO skills in nl: 1 new" in result.output
    wrong = runner.invoke(args=["skills", "import-esco", str(path), "--lang", "de"])
    assert wrong.exit_code == 2
    missing = runner.invoke(args=["skills", "import-esco", str(tmp_path / "x.csv"), "--lang", "fr"])
    assert missing.exit_code == 1
    assert "Cannot read" in missing.output
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    assert (
        "is empty"
        in runner.invoke(args=["skills", "import-esco", str(empty), "--lang", "fr"]).output
    )


# --- the staff pages ---------------------------------------------------------------------------


def sign_in_as(auth, role: str | None) -> None:
    if role is None:
        return
    make_user(email=f"{role}@example.org", name=role.title(), role=Role(role))
    auth.login(f"{role}@example.org")


def post_prefixed(client, url: str, prefix: str, fields: dict, *, token: bool = True):
    """POST a form rendered with a prefix (one per skill on the page)."""
    data = {f"{prefix}-{name}": value for name, value in fields.items()}
    if token:
        data[f"{prefix}-csrf_token"] = csrf_token(client, "/")
    return client.post(url, data=data)


ROLES = [None, "member", "partner", "staff", "admin"]
EXPECTED = {None: 302, "member": 403, "partner": 403, "staff": "ok", "admin": "ok"}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("action", "ok"),
    [("GET community", 200), ("POST merge", 302), ("POST promote", 302)],
)
def test_staff_pages_are_for_staff_only(client, auth, role, action, ok):
    make_skill("Boekhouding")
    skill_id = make_community_skill().id
    sign_in_as(auth, role)
    if action == "GET community":
        response = client.get("/skills/community")
    elif action == "POST merge":
        url = f"/skills/community/{skill_id}/merge"
        response = post_prefixed(client, url, f"merge-{skill_id}", {"target": "boekhouding"})
    else:
        url = f"/skills/community/{skill_id}/promote"
        response = post_prefixed(client, url, f"promote-{skill_id}", {"slug": "", "category": ""})
    expected = ok if EXPECTED[role] == "ok" else EXPECTED[role]
    assert response.status_code == expected
    if role is None:
        assert response.headers["Location"].startswith("/login?next=")
    db.session.expire_all()
    after = db.session.get(Skill, skill_id)
    changed = after is None or not after.is_community
    assert changed == (EXPECTED[role] == "ok" and action != "GET community")


@pytest.fixture
def staff(auth):
    sign_in_as(auth, "staff")


def test_community_page_lists_community_skills_with_their_uses(client, staff, add_use):
    target = make_skill("Boekhouding")
    popular = make_community_skill("Kantklossen")
    rare = make_community_skill("Klompen <maken>")
    make_community_skill("Nergens gebruikt")
    add_use(1, popular)
    add_use(2, popular)
    add_use(1, rare)
    add_use(3, target)
    page = client.get("/skills/community").get_data(as_text=True)
    assert "Used 2 times" in page
    assert "Used once" in page
    assert "Not used" in page
    assert "Klompen &lt;maken&gt;" in page
    assert page.index("Kantklossen") < page.index("Klompen") < page.index("Nergens gebruikt")
    assert "Boekhouding" not in page
    assert f'name="merge-{popular.id}-target"' in page
    assert f'name="promote-{popular.id}-category"' in page


def test_community_page_says_when_there_is_nothing_to_review(client, staff):
    assert "no community skills" in client.get("/skills/community").get_data(as_text=True)


def test_merge_through_the_page(client, staff, add_use):
    target = make_skill("Boekhouding")
    skill = make_community_skill("Boekhoudinge")
    skill_id, target_id = skill.id, target.id
    add_use(1, skill)
    add_use(2, target)
    response = post_prefixed(
        client,
        f"/skills/community/{skill_id}/merge",
        f"merge-{skill_id}",
        {"target": "BOEKHOUDING"},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/skills/community"
    page = client.get("/skills/community").get_data(as_text=True)
    assert "“Boekhoudinge” is merged into “Boekhouding”." in page
    db.session.expire_all()
    assert db.session.get(Skill, skill_id) is None
    assert use_rows() == [(1, target_id, "expert"), (2, target_id, "expert")]
    assert resolve_skill("boekhoudinge").id == target_id


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Bestaat niet", "No skill has this name."),
        ("kantklossen", "A skill cannot be merged into itself."),
        ("", "Enter the name of the skill to merge into."),
        ("x" * 101, "at most 100 characters"),
        ("Boek\x00houding", "control characters"),
    ],
)
def test_merge_into_an_unknown_name_shows_a_form_error(client, staff, name, message):
    make_skill("Boekhouding")
    skill = make_community_skill("Kantklossen")
    url = f"/skills/community/{skill.id}/merge"
    response = post_prefixed(client, url, f"merge-{skill.id}", {"target": name})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page
    assert 'aria-invalid="true"' in page
    db.session.expire_all()
    assert db.session.get(Skill, skill.id).is_community


def test_merge_and_promote_need_a_csrf_token(client, staff):
    skill = make_community_skill()
    for action, fields in (("merge", {"target": "x"}), ("promote", {"slug": "x", "category": ""})):
        url = f"/skills/community/{skill.id}/{action}"
        response = post_prefixed(client, url, f"{action}-{skill.id}", fields, token=False)
        assert response.status_code == 400
    db.session.expire_all()
    assert db.session.get(Skill, skill.id).is_community


def test_merge_and_promote_a_curated_or_missing_skill_is_not_found(client, staff):
    curated = make_skill("Boekhouding")
    for skill_id in (curated.id, 999):
        url = f"/skills/community/{skill_id}/promote"
        response = post_prefixed(client, url, f"promote-{skill_id}", {"slug": "", "category": ""})
        assert response.status_code == 404


def test_promote_through_the_page(client, staff):
    db.session.add(
        SkillCategory(slug="crafts", label_nl="Ambachten", label_fr="Artisanat", label_en="Crafts")
    )
    skill = make_community_skill("Kantklossen")
    url = f"/skills/community/{skill.id}/promote"
    prefix = f"promote-{skill.id}"
    assert 'value="crafts"' in client.get("/skills/community").get_data(as_text=True)
    response = post_prefixed(client, url, prefix, {"slug": " bobbin-lace ", "category": "crafts"})
    assert response.status_code == 302
    assert "“Kantklossen” is now a curated skill." in client.get("/skills/community").get_data(
        as_text=True
    )
    db.session.expire_all()
    skill = db.session.get(Skill, skill.id)
    assert (skill.status, skill.slug, skill.category.slug) == (
        SkillStatus.CURATED,
        "bobbin-lace",
        "crafts",
    )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"slug": "Bobbin Lace", "category": ""}, "lower-case letters"),
        ({"slug": "boekhouding", "category": ""}, "Another skill already has this identifier."),
        ({"slug": "", "category": "nowhere"}, "Not a valid choice"),
    ],
)
def test_promote_shows_form_errors(client, staff, fields, message):
    make_skill("Boekhouding", slug="boekhouding")
    skill = make_community_skill("Kantklossen")
    response = post_prefixed(
        client, f"/skills/community/{skill.id}/promote", f"promote-{skill.id}", fields
    )
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Skill, skill.id).is_community
