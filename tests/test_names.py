"""The one resolver for names (app.names): a table of realistic spellings in nl, fr and en."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.extensions import db
from app.names import NameIndex, edit_distance_one, resolve_name
from app.skills.models import Skill, SkillLabel
from app.skills.sectors import Sector
from app.skills.taxonomy import resolve_or_create_skill, resolve_skill_ids, resolve_skill_match

SPELLINGS = [
    # (language, as people write it, the skill's taxonomy id)
    ("nl", "Facturatie", "invoicing"),
    ("nl", "facturatie", "invoicing"),
    ("fr", "facturation", "invoicing"),
    ("fr", "Facturations", "invoicing"),
    ("en", "invoice", "invoicing"),
    ("en", "Invoicng", "invoicing"),
    ("nl", "Facturatei", "invoicing"),
    ("nl", "prijszettingen", "pricing"),
    ("nl", "Prijzetting", "pricing"),
    ("en", "pricings", "pricing"),
    ("en", "Pricng", "pricing"),
    ("nl", "boekhouding", "bookkeeping"),
    ("nl", "BOEKHOUDING", "bookkeeping"),
    ("fr", "comptabilite", "bookkeeping"),
    ("fr", "Comptabilités", "bookkeeping"),
    ("en", "bookeeping", "bookkeeping"),
    ("en", "book keeping", "bookkeeping"),
    ("nl", "budgetteren", "budgeting"),
    ("en", "budget", "budgeting"),
    ("fr", "gestion budgetaire", "budgeting"),
    ("nl", "debiteurenbeheer", "credit-control"),
    ("nl", "debiteuren beheer", "credit-control"),
    ("nl", "debiteuren-beheer", "credit-control"),
    ("nl", "fondsenwerving", "fundraising"),
    ("nl", "fondsen werving", "fundraising"),
    ("en", "fund raising", "fundraising"),
    ("en", "fund-raising", "fundraising"),
    ("fr", "recherche de financement", "fundraising"),
    ("nl", "overheidsopdracht", "public-procurement"),
    ("fr", "marché public", "public-procurement"),
    ("en", "public procurment", "public-procurement"),
    ("nl", "netwerk", "networking"),
    ("fr", "reseautage", "networking"),
    ("en", "netwerking", "networking"),
    ("nl", "klanten werving", "prospecting"),
    ("fr", "prospections", "prospecting"),
    ("nl", "contract", "contracts"),
    ("fr", "contrat", "contracts"),
    ("en", "contract", "contracts"),
    ("fr", "gestion du temp", "time-management"),
    ("en", "time-management", "time-management"),
    ("nl", "time management", "time-management"),
    ("nl", "pitch", "pitching"),
    ("fr", "marques personnelles", "personal-branding"),
    ("nl", "administratief-beheer", "administration"),
    ("fr", "gestion administratif", "administration"),
    ("nl", "web redactie", "web-writing"),
    ("nl", "web-redactie", "web-writing"),
    ("fr", "redaction web", "web-writing"),
    ("fr", "relectures et corrections", "proofreading"),
    ("nl", "scenario schrijven", "scriptwriting"),
    ("nl", "scenario-schrijven", "scriptwriting"),
    ("en", "script writing", "scriptwriting"),
    ("fr", "écriture de scénarios", "scriptwriting"),
    ("nl", "technische schrijven", "technical-writing"),
    ("fr", "interpretation", "interpreting"),
    ("en", "interpret", "interpreting"),
    ("nl", "transcripties", "transcription"),
    ("en", "transcriptions", "transcription"),
    ("nl", "communicatie strategie", "communication-strategy"),
    ("nl", "communicatie-strategie", "communication-strategy"),
    ("en", "communication strategies", "communication-strategy"),
    ("fr", "stratégies de communication", "communication-strategy"),
    ("nl", "crisis communicatie", "crisis-communication"),
    ("fr", "communication de crises", "crisis-communication"),
    ("nl", "illustraties", "illustration"),
    ("fr", "illustrations", "illustration"),
    ("en", "ilustration", "illustration"),
    ("en", "illustrations", "illustration"),
    ("fr", "sculptures", "sculpture"),
    ("nl", "kaligrafie", "calligraphy"),
    ("fr", "calligraphies", "calligraphy"),
    ("fr", "typographie", "typography"),
    ("nl", "typografi", "typography"),
    ("en", "typograhy", "typography"),
    ("nl", "concept ontwikkeling", "concept-development"),
    ("nl", "interieur ontwerp", "interior-design"),
    ("nl", "interieur-ontwerp", "interior-design"),
    ("en", "interior designs", "interior-design"),
    ("nl", "fotografie", "photography"),
    ("nl", "Fotografie", "photography"),
    ("fr", "photographies", "photography"),
    ("en", "photograpy", "photography"),
    ("nl", "event fotografie", "event-photography"),
    ("nl", "event-fotografie", "event-photography"),
    ("nl", "product fotografie", "product-photography"),
    ("fr", "photographie de produit", "product-photography"),
    ("nl", "video montage", "video-editing"),
    ("nl", "video-montage", "video-editing"),
    ("fr", "montages vidéo", "video-editing"),
    ("fr", "montage video", "video-editing"),
    ("en", "video edit", "video-editing"),
    ("nl", "muziek productie", "music-production"),
    ("nl", "muziek-productie", "music-production"),
    ("fr", "productions musicales", "music-production"),
    ("en", "music productions", "music-production"),
    ("nl", "live streaming", "live-streaming"),
    ("nl", "live-streaming", "live-streaming"),
    ("en", "livestreaming", "live-streaming"),
    ("nl", "software ontwikkeling", "software-development"),
    ("nl", "software-ontwikkeling", "software-development"),
    ("fr", "developpement logiciel", "software-development"),
    ("en", "software developement", "software-development"),
    ("nl", "wordpres", "wordpress"),
    ("en", "Wordpress", "wordpress"),
    ("nl", "gebruikers onderzoek", "user-research"),
    ("en", "user researches", "user-research"),
    ("nl", "e-mail marketing", "email-marketing"),
    ("en", "e-mail marketing", "email-marketing"),
    ("nl", "community management", "community-management"),
    ("nl", "data analyse", "data-analysis"),
    ("fr", "analyses de données", "data-analysis"),
    ("nl", "databank", "databases"),
    ("en", "database", "databases"),
    ("fr", "base de données", "databases"),
    ("nl", "systeem beheer", "system-administration"),
    ("nl", "cyber beveiliging", "cybersecurity"),
    ("en", "cyber security", "cybersecurity"),
    ("en", "cyber-security", "cybersecurity"),
    ("fr", "cybersecurite", "cybersecurity"),
    ("nl", "digitale transformaties", "digital-transformation"),
    ("nl", "product management", "product-management"),
    ("nl", "game ontwikkeling", "game-development"),
    ("nl", "workshop begeleiding", "workshop-facilitation"),
    ("fr", "animation d'atelier", "workshop-facilitation"),
    ("nl", "coachen", "coaching"),
    ("nl", "team coaching", "team-coaching"),
    ("nl", "team-coaching", "team-coaching"),
    ("fr", "gestion de conflits", "conflict-management"),
    ("nl", "taallessen", "language-teaching"),
    ("nl", "taal les", "language-teaching"),
    ("nl", "muzieklessen", "music-teaching"),
    ("nl", "muziek les", "music-teaching"),
    ("fr", "cours de musiques", "music-teaching"),
    ("en", "music lesson", "music-teaching"),
    ("nl", "danslessen", "dance-teaching"),
    ("nl", "dans les", "dance-teaching"),
    ("nl", "verander management", "change-management"),
    ("nl", "rekruteringen", "recruitment"),
    ("fr", "recrutements", "recruitment"),
    ("en", "recruitement", "recruitment"),
    ("nl", "duurzaamheids advies", "sustainability-consulting"),
    ("nl", "duurzaamheid advies", "sustainability-consulting"),
    ("fr", "économies circulaires", "circular-economy"),
    ("nl", "markt onderzoek", "market-research"),
    ("fr", "études de marché", "market-research"),
    ("nl", "meubel maken", "furniture-making"),
    ("nl", "meubels maken", "furniture-making"),
    ("fr", "ebenisterie", "furniture-making"),
    ("nl", "pleister werk", "plastering"),
    ("nl", "vloer werken", "flooring"),
    ("fr", "plomberies", "plumbing"),
    ("nl", "zonne panelen", "solar-installation"),
    ("fr", "panneau solaire", "solar-installation"),
    ("nl", "schilder werken", "house-painting"),
    ("fr", "architectures", "architecture"),
    ("nl", "architektuur", "architecture"),
    ("nl", "bloem sierkunst", "floristry"),
    ("nl", "glas kunst", "glass-art"),
    ("nl", "textiel kunst", "textile-art"),
    ("nl", "textiel-kunst", "textile-art"),
    ("nl", "metaal bewerking", "metalwork"),
    ("fr", "electronique", "electronics"),
    ("nl", "elektronika", "electronics"),
    ("nl", "meditaties", "meditation"),
    ("fr", "meditation", "meditation"),
    ("nl", "voedings advies", "nutrition"),
    ("fr", "art thérapie", "art-therapy"),
    ("fr", "art therapie", "art-therapy"),
    ("nl", "sofrologie", "sophrology"),
    ("nl", "schoonheids verzorging", "beauty-care"),
    ("fr", "premier secours", "first-aid"),
    ("nl", "huwelijks planning", "wedding-planning"),
    ("fr", "organisation de mariage", "wedding-planning"),
    ("nl", "festival organisatie", "festival-production"),
    ("nl", "licht ontwerp", "lighting-design"),
    ("fr", "scenographie", "set-design"),
    ("nl", "scenografieën", "set-design"),
    ("nl", "kostuum ontwerp", "costume-design"),
    ("fr", "créations de costumes", "costume-design"),
    ("nl", "kook", "cooking"),
    ("en", "cook", "cooking"),
    ("nl", "theater regie", "theatre-directing"),
    ("nl", "theater-regie", "theatre-directing"),
    ("fr", "choregraphie", "choreography"),
    ("en", "choreographies", "choreography"),
    ("fr", "visite guidée", "guided-tours"),
    ("nl", "event decoratie", "event-decoration"),
    ("fr", "programmations culturelles", "arts-programming"),
]

#: Names no skill has: they must not resolve, even loosely.
UNKNOWN = [
    ("nl", "ruimtevaart"),
    ("en", "astronaut"),
    ("fr", "pilote de ligne"),
    ("en", "dog"),
    ("nl", "xyzzy"),
    ("en", "nuclear physics"),
    ("fr", "chirurgie cardiaque"),
    ("nl", "kernfysica"),
    ("en", "deep sea diving"),
    ("nl", "vrachtwagen"),
]


#: The share of SPELLINGS that must resolve to their skill (none may resolve to another).
REQUIRED_SHARE = 0.9


def _slugs() -> dict[int, str]:
    return dict(db.session.execute(select(Skill.id, Skill.slug)).all())


def test_the_table_is_big_enough():
    assert len(SPELLINGS) >= 150
    assert {lang for lang, _name, _slug in SPELLINGS} == {"nl", "fr", "en"}


def test_spellings_resolve_to_their_skill_and_never_to_another(world):
    slugs = _slugs()
    wrong, missed = [], []
    for lang, name, expected in SPELLINGS:
        match = resolve_skill_match(name, lang)
        found = slugs.get(match.id) if match else None
        if found is None:
            missed.append(name)
        elif found != expected:
            wrong.append((name, expected, found, match.how))
    assert wrong == []
    share = 1 - len(missed) / len(SPELLINGS)
    assert share >= REQUIRED_SHARE, (share, missed)


@pytest.mark.parametrize(("lang", "name"), UNKNOWN)
def test_names_no_skill_has_do_not_resolve(world, lang, name):
    assert resolve_skill_match(name, lang) is None


@pytest.mark.parametrize(
    ("lang", "name", "how"),
    [
        ("nl", "Facturatie", "exact"),
        ("nl", "FACTURATIE", "folded"),
        ("fr", "comptabilite", "folded"),
        ("fr", "Facturations", "stem"),
        ("nl", "debiteuren beheer", "compound"),
        ("nl", "debiteuren-beheer", "compound"),
        ("nl", "duurzaamheid advies", "compound"),
        ("en", "bookeeping", "typo"),
        ("nl", "Prijzetting", "typo"),
    ],
)
def test_the_match_says_how_it_matched(world, lang, name, how):
    match = resolve_skill_match(name, lang)
    assert match is not None and match.how == how
    assert match.loose is (how in {"stem", "compound", "typo"})


def test_the_match_names_the_skill_in_the_language_asked(world):
    assert resolve_skill_match("comptabilite", "fr").name == "Comptabilité"
    assert resolve_skill_match("comptabilite", "nl").name == "Boekhouding"


def test_a_typo_needs_five_letters_and_a_single_candidate():
    index = NameIndex([(1, "en", "Yoga"), (2, "en", "print"), (3, "en", "paint")])
    assert index.resolve("yaga", "en") is None  # four letters: no typo looked for
    assert index.resolve("pront", "en").id == 2
    assert index.resolve("pxint", "en") is None  # one edit from both print and paint


def test_a_loose_name_that_fits_two_entries_does_not_resolve():
    index = NameIndex([(1, "en", "Designs"), (2, "en", "Designing")])
    # "design" is the stem of both, and one edit from "designs": the stem step stops it.
    assert index.resolve("design", "en") is None
    assert index.resolve("designs", "en").id == 1


@pytest.mark.parametrize(
    ("a", "b", "near"),
    [
        ("design", "design", True),
        ("design", "desing", True),
        ("design", "designs", True),
        ("design", "desgn", True),
        ("design", "dasign", True),
        ("design", "dasigns", False),
        ("design", "ngised", False),
    ],
)
def test_edit_distance_one(a, b, near):
    assert edit_distance_one(a, b) is near
    assert edit_distance_one(b, a) is near


def test_many_names_resolve_through_the_same_index(world):
    found = resolve_skill_ids(["boekhouding", "comptabilités", "nothing at all"])
    assert set(found) == {"boekhouding", "comptabilités"}
    assert len(set(found.values())) == 1


def test_a_new_community_skill_resolves_at_once_and_is_forgotten_on_rollback(world):
    assert resolve_skill_match("Kantklossen", "nl") is None
    skill = resolve_or_create_skill("Kantklossen", "nl")
    assert resolve_skill_match("kantklossen", "nl").id == skill.id
    db.session.rollback()
    assert resolve_skill_match("kantklossen", "nl") is None


def test_a_community_skill_spelled_like_a_known_one_is_not_created(world):
    before = db.session.scalar(select(db.func.count(SkillLabel.id)))
    skill = resolve_or_create_skill("Comptabilités", "fr")
    assert skill.slug == "bookkeeping"
    assert db.session.scalar(select(db.func.count(SkillLabel.id))) == before


@pytest.mark.parametrize(
    ("lang", "name", "slug"),
    [
        ("nl", "theater", "performing-arts"),
        ("fr", "Musiciens", "music"),
        ("en", "musicians", "music"),
        ("nl", "media", "audiovisual"),
        ("fr", "bien etre", "care"),
        ("nl", "kunst en cultuur", "culture-heritage"),
        ("en", "Digital and IT", "digital"),
        ("fr", "evenementiel", "events"),
        ("en", "miscellaneous", "other"),
    ],
)
def test_sector_names_resolve(world, lang, name, slug):
    match = resolve_name("sector", name, lang)
    assert match is not None
    assert db.session.get(Sector, match.id).slug == slug


@pytest.mark.parametrize(
    ("lang", "query", "skill"),
    [
        ("nl", "video montage", "video-editing"),
        ("nl", "muziek-productie", "music-production"),
        ("fr", "cyber sécurité", "cybersecurity"),
        ("fr", "Comptabilités", "bookkeeping"),
        ("en", "fund raising", "fundraising"),
        ("en", "bookeeping", "bookkeeping"),
    ],
)
def test_search_finds_members_by_a_skill_written_in_another_form(client, world, lang, query, skill):
    from app.members.models import Level, MemberSkill, Profile, ProfileLanguage, Visibility
    from tests.helpers import make_user, search_api

    user = make_user(email="an@example.org", name="An Peeters")
    profile = Profile(
        user_id=user.id,
        display_name="An Peeters",
        visibility=Visibility.PUBLIC,
        headline="Zelfstandige",
        languages=[ProfileLanguage(lang=lang)],
    )
    held = db.session.scalar(select(Skill).where(Skill.slug == skill))
    profile.skills.append(MemberSkill(skill=held, level=Level.EXPERT))
    db.session.add(profile)
    db.session.commit()
    data = search_api(client, headers={"Accept-Language": lang}, q=query)
    assert [hit["title"] for hit in data["results"]] == ["An Peeters"]


def _bulk(tmp_path, skills: list[str]):
    import json

    path = tmp_path / "export.json"
    member = {"email": "an@example.org", "name": "An Peeters", "skills": skills}
    path.write_text(json.dumps({"members": [member]}), encoding="utf-8")
    return path


def test_an_import_reports_what_it_read_loosely(world, runner, tmp_path):
    from app.members.models import Profile

    path = _bulk(tmp_path, ["Comptabilités", "debiteuren beheer", "Illustration"])
    result = runner.invoke(args=["data", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert "export.json: 2 names read loosely:" in result.output
    assert 'read "Comptabilités" as Boekhouding (stem)' in result.output
    assert 'read "debiteuren beheer" as Debiteurenbeheer (compound)' in result.output
    assert "Illustration" not in result.output.split("loosely:")[1].split("members:")[0]
    profile = db.session.scalar(select(Profile))
    assert {row.skill.slug for row in profile.skills} == {
        "bookkeeping",
        "credit-control",
        "illustration",
    }


def test_an_import_names_the_closest_skills_of_an_unknown_name_and_writes_nothing(
    world, runner, tmp_path
):
    from app.accounts.models import User

    path = _bulk(tmp_path, ["Illustration", "Illustratiewerk"])
    result = runner.invoke(args=["data", "import", str(path)])
    assert result.exit_code != 0
    assert 'unknown skill "Illustratiewerk"; closest: ' in result.output
    assert db.session.scalar(select(User)) is None


def test_the_sectors_load_from_their_file_and_reload_to_the_same(app, runner):
    from app.skills.sectors import all_sectors

    result = runner.invoke(args=["skills", "load"])
    assert result.exit_code == 0, result.output
    assert "and 15 sectors (15 new)" in result.output
    sectors = all_sectors()
    assert sectors[-1].slug == "other"
    assert sectors[0].label("fr") == "Arts de la scène"
    labels = db.session.scalar(select(db.func.count()).select_from(SkillLabel))
    result = runner.invoke(args=["skills", "load"])
    assert "and 15 sectors (0 new)" in result.output
    assert db.session.scalar(select(db.func.count()).select_from(SkillLabel)) == labels


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            "sectors:\n- {id: a, labels: {nl: A, fr: A, en: A}}\n"
            "- {id: other, labels: {nl: Andere, fr: a, en: Other}}\n",
            "fr name 'a' is also a name of a",
        ),
        ("sectors:\n- {id: a, labels: {nl: A, fr: A, en: A}}\n", "the sector 'other' is missing"),
        (
            "sectors:\n- {id: other, labels: {nl: A, fr: A, en: A}}\n"
            "- {id: other, labels: {nl: B, fr: B, en: B}}\n",
            "id 'other' is used twice",
        ),
    ],
)
def test_a_sectors_file_with_problems_loads_nothing(app, tmp_path, text, problem):
    from app.skills.sectors import load_sectors
    from app.skills.taxonomy import TaxonomyError

    path = tmp_path / "sectors.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TaxonomyError) as raised:
        load_sectors(path)
    assert any(problem in line for line in raised.value.problems), raised.value.problems
    assert db.session.scalar(select(Sector)) is None


def test_the_profile_form_says_how_it_read_a_loosely_written_skill(client, auth, world):
    from tests.helpers import make_user, post_form
    from tests.test_members import profile_data

    make_user(locale="nl")
    auth.login()
    data = profile_data(**{"skills-0-name": "Comptabilités", "skills-1-name": "Illustration"})
    response = post_form(client, "/members/me/edit", data)
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "We lazen “Comptabilités” als “Boekhouding”." in page
    # A name written as the taxonomy writes it needs no notice.
    assert "“Illustration” als" not in page


def test_the_need_form_says_how_it_read_a_loosely_written_skill(client, auth, world):
    from tests.helpers import make_user, post_form
    from tests.test_needs import need_data

    make_user(locale="nl")
    auth.login()
    response = post_form(client, "/needs/new", need_data(**{"skills-1-name": "debiteuren beheer"}))
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "We lazen “debiteuren beheer” als “Debiteurenbeheer”." in page
