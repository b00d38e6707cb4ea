"""The bulk import and export (``flask data ...``): validation, idempotence, round trip."""

from __future__ import annotations

import json
import shutil

import pytest
from sqlalchemy import func, select

from app import create_app
from app.accounts.models import Role, User
from app.articles.models import Article, ArticleRevision, Topic
from app.data.demo import DEMO_EMAIL, DEMO_PASSWORD
from app.data.exporter import export_bulk
from app.data.importer import import_bulk, import_text
from app.data.validation import BulkFileError
from app.extensions import db
from app.members.models import Level, Profile, Visibility
from app.needs.models import Need, NeedStatus, NeedVisibility, Solved
from app.partners.models import Offer, Partner, Price
from app.search.outbox import SearchOutbox
from app.skills.taxonomy import resolve_or_create_skill
from tests.helpers import PASSWORD, make_user

pytestmark = pytest.mark.usefixtures("world")


def community() -> dict:
    """A small community in the bulk format, using every key the format knows."""
    return {
        "members": [
            {
                "email": "An@Example.org",
                "name": "An Peeters",
                "headline": "Illustrator",
                "bio": "Ik teken **kinderboeken**.\nEn affiches.",
                "sector": "visual-arts",
                "place": "Gand",
                "country": "BE",
                "languages": ["nl", "en"],
                "skills": [
                    {"name": "boekhouding", "level": "expert", "can_help": True},
                    {"name": "Illustration", "level": "beginner"},
                    # The same skill by another name counts once.
                    {"name": "accounting", "level": "beginner"},
                ],
                "mentor_wishes": ["prijszetting"],
                "mentor": True,
                "mentor_capacity": 2,
                "modes": ["online", "in_person", "individual"],
                "visibility": "public",
                "on_map": True,
                "website": "https://an.example.org",
            },
            {
                "email": "bo@example.org",
                "name": "Bo Dubois",
                "display_name": "Bo D.",
                "place": "Liège",
                "skills": ["comptabilité"],
                "visibility": "members",
                "locale": "fr",
            },
            {"email": "staff@example.org", "name": "Sam Staff", "role": "staff"},
        ],
        "partners": [
            {
                "name": "Werkplaats De Hefboom",
                "description": "Een gedeelde werkplaats.",
                "place": "Gent",
                "country": "BE",
                "address": "Dampoortstraat 1",
                "website": "https://hefboom.example",
                "email": "contact@hefboom.example",
                "languages": ["nl", "fr"],
                "offers": [
                    {
                        "title": "Flexplek",
                        "description": "Een bureau.",
                        "kind": "coworking",
                        "modes": ["in_person"],
                        "languages": ["nl"],
                        "skills": [],
                        "price": "€ 15 per dag",
                    },
                    {
                        "title": "Boekhouding voor beginners",
                        "kind": "training",
                        "modes": ["collective", "in_person"],
                        "skills": ["comptabilité", "btw"],
                        "price": "free",
                        "start": "2030-01-10",
                        "end": "2030-03-01",
                        "place": "Namur",
                    },
                ],
            },
            {
                "name": "Guichet Liège",
                "place": "Liège",
                "email": "info@guichet.example",
                "account_email": "account@guichet.example",
                "verified": False,
            },
        ],
        "articles": [
            {
                "title": "Hoe ik mijn uurtarief berekende",
                "summary": "Een rekensom.",
                "body": "## Begin\n\nBij wat je nodig hebt.",
                "language": "nl",
                "tags": ["Prijs", "starten"],
                "topics": ["pricing"],
                "skills": ["pricing"],
                "author_email": "an@example.org",
                "published": True,
                "published_at": "2025-05-01T09:30:00+00:00",
            },
            {
                "title": "Brouillon",
                "body": "Pas fini.",
                "language": "fr",
                "author_email": "bo@example.org",
                "visibility": "members",
            },
        ],
        "needs": [
            {
                "author_email": "bo@example.org",
                "title": "Première déclaration TVA",
                "body": "Qui m'aide ?",
                "skills": ["TVA"],
                "place": "Namur",
                "modes": ["online"],
                "visibility": "public",
                "created": "2025-09-05",
            },
            {
                "author_email": "an@example.org",
                "title": "Een boekhouder gezocht",
                "skills": ["boekhouding"],
                "status": "closed",
                "solved": "partly",
                "created": "2025-08-01T10:00:00+00:00",
                "closed": "2025-08-20T10:00:00+00:00",
            },
        ],
    }


@pytest.fixture
def topics(app):
    """The topic the articles name (content sync loads them in a real instance)."""
    db.session.add(Topic(slug="pricing", name_nl="Prijs", name_fr="Prix", name_en="Pricing"))
    db.session.commit()


def counts() -> dict[str, int]:
    return {
        model.__tablename__: db.session.scalar(select(func.count()).select_from(model))
        for model in (User, Profile, Partner, Offer, Article, ArticleRevision, Need, SearchOutbox)
    }


def test_import_creates_what_the_file_describes(app, topics):
    result = import_bulk(community())
    assert result.created == {"members": 3, "partners": 2, "articles": 2, "needs": 2}
    assert result.offers == 2

    an = User.by_email("an@example.org")
    assert an.email == "an@example.org" and an.role is Role.MEMBER
    # Imported accounts have a password hash that no password matches.
    assert an.password_hash.startswith("scrypt:") and not an.check_password(PASSWORD)
    profile = db.session.scalar(select(Profile).where(Profile.user_id == an.id))
    assert profile.place.name == "Gent"
    assert profile.visibility is Visibility.PUBLIC
    assert profile.on_map is True
    assert [(row.skill.slug, row.level, row.can_help) for row in profile.skills] == [
        ("bookkeeping", Level.EXPERT, True),
        ("illustration", Level.BEGINNER, False),
    ]
    assert [wish.skill.slug for wish in profile.mentor_wishes] == ["pricing"]
    assert sorted(profile.language_codes) == ["en", "nl"]
    assert profile.mentor and profile.mentor_capacity == 2
    bo = db.session.scalar(select(Profile).join(User).where(User.email == "bo@example.org"))
    assert bo.display_name == "Bo D." and bo.user.locale == "fr"
    assert User.by_email("staff@example.org").role is Role.STAFF

    hefboom = db.session.scalar(select(Partner).where(Partner.name == "Werkplaats De Hefboom"))
    assert hefboom.verified and hefboom.user.role is Role.PARTNER
    assert hefboom.user.email == hefboom.public_email == "contact@hefboom.example"
    flex, training = sorted(hefboom.offers, key=lambda offer: offer.title)[::-1]
    assert (flex.price, flex.price_text) == (Price.PAID, "€ 15 per dag")
    assert training.price is Price.FREE and training.own_place.name == "Namur"
    assert [row.skill.slug for row in training.skills] == ["bookkeeping", "vat"]
    guichet = db.session.scalar(select(Partner).where(Partner.name == "Guichet Liège"))
    assert not guichet.verified and guichet.user.email == "account@guichet.example"

    published = db.session.scalar(select(Article).where(Article.author_id == an.id))
    assert published.published and published.tag_names == ["prijs", "starten"]
    assert [topic.slug for topic in published.topics] == ["pricing"]
    assert [(r.number, r.author_id, r.body) for r in published.revisions] == [
        (1, an.id, published.body)
    ]
    draft = db.session.scalar(select(Article).where(Article.title == "Brouillon"))
    assert not draft.published and draft.revisions == []

    closed = db.session.scalar(select(Need).where(Need.title == "Een boekhouder gezocht"))
    assert closed.status is NeedStatus.CLOSED and closed.solved is Solved.PARTLY
    assert closed.visibility is NeedVisibility.MEMBERS
    tva = db.session.scalar(select(Need).where(Need.title == "Première déclaration TVA"))
    assert tva.created_at.strftime("%Y-%m-%d") == "2025-09-05"
    assert [row.skill.slug for row in tva.skills] == ["vat"]
    # The search outbox recorded every new document.
    assert counts()["search_outbox"] > 0


def test_importing_twice_changes_nothing(app, topics):
    data = community()
    import_bulk(data)
    before = counts()
    exported = export_bulk()
    again = import_bulk(data)
    assert again.created == {}
    assert again.existing == {"members": 3, "partners": 2, "articles": 2, "needs": 2}
    assert counts() == before  # not even a search outbox row
    assert export_bulk() == exported


def test_existing_rows_are_left_as_they_are(app, topics):
    make_user("an@example.org", "An Original")
    data = community()
    result = import_bulk(data)
    assert result.existing["members"] == 1
    an = User.by_email("an@example.org")
    assert an.name == "An Original" and an.check_password(PASSWORD)
    assert db.session.scalar(select(Profile).where(Profile.user_id == an.id)) is None


def fresh_app(tmp_path, world_template):
    """A second, empty instance (SQLite, the same world) to import an export into."""
    path = tmp_path / "second.db"
    shutil.copyfile(world_template, path)
    return create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}",
            "SQLALCHEMY_ENGINE_OPTIONS": {},
            "SEARCH_INDEX_DIR": str(tmp_path / "second_index"),
        }
    )


def test_an_export_imports_into_an_empty_instance_to_the_same_data(
    app, topics, tmp_path, world_template
):
    import_bulk(community())
    # A skill a member typed on the site travels with the export.
    profile = db.session.scalar(select(Profile).join(User).where(User.email == "bo@example.org"))
    kintsugi = resolve_or_create_skill("Kintsugi", "fr")
    from app.members.models import MemberSkill

    profile.skills.append(MemberSkill(skill_id=kintsugi.id, position=5))
    db.session.commit()
    first = export_bulk()
    assert first["community_skills"] == [{"name": "Kintsugi", "language": "fr"}]
    text = json.dumps(first)
    assert "password" not in text and "session_token" not in text

    second = fresh_app(tmp_path, world_template)
    with second.app_context():
        db.create_all()
        db.session.add(Topic(slug="pricing", name_nl="Prijs", name_fr="Prix", name_en="Pricing"))
        db.session.commit()
        import_text(text)
        assert export_bulk() == first
        db.session.remove()
        db.engine.dispose()


def test_every_problem_is_reported_with_its_path_and_nothing_imported(app, topics):
    data = community()
    data["members"][0]["skills"][1]["name"] = "foo"
    data["members"][0]["level"] = "expert"
    data["members"][1]["email"] = "not an address"
    data["members"][1]["mentor_capacity"] = "two"
    data["members"].append({"email": "AN@example.org", "name": ""})
    data["partners"][0]["offers"][0]["kind"] = "party"
    data["partners"][0]["place"] = "Atlantis"
    data["articles"][0]["language"] = "de"
    data["articles"][0]["tags"] = ["<b>"]
    data["needs"][0]["author_email"] = "nobody@example.org"
    data["needs"][1]["solved"] = "yes please"
    data["needs"][0]["created"] = "yesterday"
    data["extra"] = []
    with pytest.raises(BulkFileError) as raised:
        import_bulk(data)
    # Which skills are closest to "foo" depends on the taxonomy of the day.
    problems = [problem.split("; closest: ")[0] for problem in raised.value.problems]
    assert problems == [
        '$: unknown key "extra" (expected articles, circles, community_skills, members, needs, '
        "partners, sessions)",
        'members[0]: unknown key "level" (expected bio, country, display_name, email, headline, '
        "languages, locale, mentor, mentor_capacity, mentor_wishes, modes, name, on_map, "
        "place, portfolio, role, sector, skills, visibility, website)",
        'members[0].skills[1].name: unknown skill "foo"',
        'members[1].email: "not an address" is not a valid e-mail address',
        'members[1].mentor_capacity: must be a whole number, not "two"',
        "members[3].name: is empty",
        'members[3].email: "an@example.org" is also in members[0]',
        'partners[0].place: unknown place "Atlantis" in BE',
        'partners[0].offers[0].kind: unknown value "party" '
        "(expected training, coworking, advice, funding, network, other)",
        'articles[0].language: unknown value "de" (expected nl, fr, en)',
        'articles[0].tags: the tag "<b>" may only hold letters, digits and - + . \'',
        # Bo's address was wrong, so Bo is not a member the file can name as an author.
        'articles[1].author_email: no member with the address "bo@example.org"',
        'needs[0].author_email: no member with the address "nobody@example.org"',
        "needs[0].created: must be a date (2025-03-31) or a date and time "
        '(2025-03-31T14:00:00+00:00), not "yesterday"',
        'needs[1].solved: unknown value "yes please" (expected yes, partly, no)',
    ]
    assert counts() == dict.fromkeys(counts(), 0)


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (
            [],
            "$: must be an object with community_skills, members, partners, articles, needs, "
            "sessions, circles, not a list",
        ),
        ({"members": {}}, "members: must be a list, not an object"),
        ({"members": ["an@example.org"]}, "members[0]: must be an object (a member), not text"),
        (
            {"members": [{"email": 12, "name": ["An"]}]},
            "members[0].email: must be text, not a number",
        ),
        (
            {"members": [{"email": "an@example.org", "name": "An", "mentor": "yes"}]},
            'members[0].mentor: must be true or false, not "yes"',
        ),
        (
            {"members": [{"email": "an@example.org", "name": "An\x00"}]},
            "members[0].name: holds control characters",
        ),
        (
            {"members": [{"email": "an@example.org", "name": "A" * 1_000_000}]},
            "members[0].name: has 1000000 characters; at most 100 are allowed",
        ),
        (
            {"members": [{"email": "an@example.org", "name": "An", "skills": ["x" * 100_000]}]},
            "members[0].skills[0].name: is far too long for a skill name (100000 characters)",
        ),
        (
            {"members": [{"email": "an@example.org", "name": "An", "website": "javascript:x"}]},
            'members[0].website: "javascript:x" must start with https:// or http://',
        ),
        (
            {"partners": [{"name": "Orphan"}]},
            'partners[0]: a new organisation needs an "email" (or "account_email")',
        ),
    ],
)
def test_bad_input_is_refused(app, data, problem):
    with pytest.raises(BulkFileError) as raised:
        import_bulk(data)
    assert problem in raised.value.problems
    assert db.session.scalar(select(func.count(User.id))) == 0


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("{not json", "$: not JSON: Expecting property name enclosed in double quotes"),
        ('{"members": [NaN]}', "$: not JSON: NaN is not a number JSON allows"),
        (b"\xff\xfe{", "$: not "),
        ("", "$: not JSON: Expecting value at line 1, column 1"),
    ],
)
def test_a_file_that_is_not_json_is_refused(app, text, problem):
    with pytest.raises(BulkFileError) as raised:
        import_text(text)
    assert raised.value.problems[0].startswith(problem)


def test_html_in_names_is_stored_as_text_and_escaped_on_render(app, client):
    name = '<script>alert("x")</script><b>An</b>'
    import_bulk(
        {
            "members": [
                {
                    "email": "an@example.org",
                    "name": name,
                    "headline": "<img src=x onerror=alert(1)>",
                    "visibility": "public",
                }
            ]
        }
    )
    profile = db.session.scalar(select(Profile))
    assert profile.display_name == name
    page = client.get(f"/members/{profile.id}").get_data(as_text=True)
    assert "<script>alert" not in page and "<b>An</b>" not in page and "<img src=x" not in page
    assert "&lt;script&gt;" in page and "&lt;img src=x onerror=alert(1)&gt;" in page


def test_the_import_command_lists_the_problems_and_exits_non_zero(app, runner, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"members": [{"email": "x", "name": "X", "skills": ["foo"]}]}))
    result = runner.invoke(args=["data", "import", str(bad)])
    assert result.exit_code == 1
    assert "Nothing was imported: the file has 2 problems." in result.output
    assert 'members[0].skills[0].name: unknown skill "foo"' in result.output
    assert db.session.scalar(select(func.count(User.id))) == 0

    broken = tmp_path / "broken.json"
    broken.write_text("members: []")
    result = runner.invoke(args=["data", "import", str(broken)])
    assert result.exit_code == 1 and "not JSON" in result.output


def test_import_and_export_commands(app, topics, runner, tmp_path):
    source = tmp_path / "community.json"
    source.write_text(json.dumps(community()))
    result = runner.invoke(args=["data", "import", str(source)])
    assert result.exit_code == 0, result.output
    assert "members: 3 created, 0 already there" in result.output
    assert "Indexed" in result.output

    printed = runner.invoke(args=["data", "export"])
    assert printed.exit_code == 0
    out = tmp_path / "export.json"
    written = runner.invoke(args=["data", "export", "--out", str(out)])
    assert written.exit_code == 0
    assert json.loads(out.read_text()) == json.loads(printed.output) == export_bulk()

    again = runner.invoke(args=["data", "import", str(out)])
    assert "members: 0 created, 3 already there" in again.output


def demo_file(tmp_path) -> str:
    data = community()
    data["members"][0]["email"] = DEMO_EMAIL
    for entry in data["articles"] + data["needs"]:
        if entry["author_email"] == "an@example.org":
            entry["author_email"] = DEMO_EMAIL
    path = tmp_path / "demo.json"
    path.write_text(json.dumps(data))
    return str(path)


def test_the_demo_loads_once_and_says_how_to_sign_in(app, topics, runner, client, auth, tmp_path):
    path = demo_file(tmp_path)
    first = runner.invoke(args=["data", "demo", "--file", path])
    assert first.exit_code == 0, first.output
    assert "members: 3 created" in first.output
    assert f"Sign in at http://127.0.0.1:5000 as {DEMO_EMAIL} / {DEMO_PASSWORD}" in first.output
    assert auth.login(DEMO_EMAIL, DEMO_PASSWORD).status_code == 302

    before = counts()
    second = runner.invoke(args=["data", "demo", "--file", path])
    assert second.exit_code == 0
    assert "the demo is not loaded" in second.output
    assert DEMO_PASSWORD in second.output
    assert counts() == before


def test_the_demo_is_not_loaded_into_a_database_with_members(app, runner, tmp_path):
    make_user()
    result = runner.invoke(args=["data", "demo", "--file", demo_file(tmp_path)])
    assert result.exit_code == 0
    assert "the demo is not loaded" in result.output
    assert "Sign in" not in result.output
    assert User.by_email(DEMO_EMAIL) is None


def test_the_demo_file_is_valid(app):
    """content/demo/community.json names only skills and places the world knows."""
    from app.data.demo import default_demo_file
    from app.data.validation import check_bulk, parse_json

    plan = check_bulk(parse_json(default_demo_file().read_bytes()))
    assert len(plan.members) == 300
    assert DEMO_EMAIL in {member.email for member in plan.members}
    # A visitor who has not signed in sees open needs on the home page and in search.
    public_open = [
        need
        for need in plan.needs
        if need.visibility is NeedVisibility.PUBLIC and need.status is NeedStatus.OPEN
    ]
    assert len(public_open) >= 5
