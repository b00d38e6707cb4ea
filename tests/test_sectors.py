"""Members' sectors come from the curated list: the migration, staff curation, and imports."""

from __future__ import annotations

import json

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import func, select, text

from app import create_app
from app.accounts.models import Role, User
from app.extensions import db
from app.members.models import Profile, Visibility
from app.migrations import init_migrations
from app.names import resolve_name
from app.skills.models import Skill, SkillStatus
from app.skills.sectors import Sector, sector_by_slug, sector_choices
from tests.helpers import make_user, post_form, search_api

pytestmark = pytest.mark.usefixtures("world")


def member(email: str, name: str, sector: str | None) -> Profile:
    user = make_user(email=email, name=name, locale="nl")
    profile = Profile(
        user_id=user.id, display_name=name, sector=sector, visibility=Visibility.PUBLIC
    )
    db.session.add(profile)
    db.session.commit()
    return profile


@pytest.fixture
def staff(auth):
    make_user("staff@example.org", "Sam Staff", role=Role.STAFF, locale="nl")
    auth.login("staff@example.org")


def sector_id(slug: str) -> int:
    return sector_by_slug(slug).id


# --- the migration -----------------------------------------------------------------------------


def test_the_migration_keeps_every_members_sector(tmp_path):
    path = tmp_path / "old.db"
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"})
    init_migrations(app)
    old = ("arts", "media", "design", "care", None)
    with app.app_context():
        upgrade(revision="5e7a1c9d2b40")
        with db.engine.begin() as connection:
            for number, sector in enumerate(old, 1):
                connection.execute(
                    text(
                        "INSERT INTO users (id, email, name, role, session_token, created_at)"
                        " VALUES (:id, :email, 'A', 'member', :token, '2026-01-01')"
                    ),
                    {"id": number, "email": f"m{number}@example.org", "token": f"t{number}"},
                )
                connection.execute(
                    text(
                        "INSERT INTO profiles (user_id, display_name, headline, bio, website,"
                        " portfolio, mentor, mentor_capacity, visibility, sector, created_at,"
                        " updated_at) VALUES (:id, 'A', '', '', '', '', 0, 0, 'public',"
                        " :sector, '2026-01-01', '2026-01-01')"
                    ),
                    {"id": number, "sector": sector},
                )
        upgrade()

        def sectors():
            with db.engine.connect() as connection:
                rows = connection.execute(text("SELECT sector FROM profiles ORDER BY user_id"))
                return tuple(row[0] for row in rows)

        # The two renamed sectors take their curated ids; the other eight kept theirs.
        assert sectors() == ("culture-heritage", "audiovisual", "design", "care", None)
        with db.engine.connect() as connection:
            queued = connection.execute(text("SELECT key FROM search_outbox ORDER BY key"))
            assert [row[0] for row in queued] == ["member:1", "member:2"]
        with db.engine.connect() as connection:
            sql = connection.execute(
                text("SELECT sql FROM sqlite_master WHERE name = 'profiles'")
            ).scalar_one()
        assert "AUTOINCREMENT" in sql and "VARCHAR(100)" in sql
        downgrade(revision="5e7a1c9d2b40")
        assert sectors() == old
        db.engine.dispose()


# --- what members see --------------------------------------------------------------------------


def test_the_profile_form_offers_the_curated_sectors(client, auth):
    member("an@example.org", "An Peeters", None)
    auth.login()
    page = client.get("/members/me/edit").get_data(as_text=True)
    assert '<option value="performing-arts">Podiumkunsten</option>' in page
    assert '<option value="other">Andere</option>' in page
    response = post_form(
        client,
        "/members/me/edit",
        {"display_name": "An Peeters", "sector": "music", "visibility": "public"},
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    profile = db.session.scalar(select(Profile))
    assert profile.sector == "music"
    assert "Muziek" in client.get(f"/members/{profile.id}").get_data(as_text=True)


def test_a_sector_that_is_not_in_the_list_is_refused(client, auth):
    member("an@example.org", "An Peeters", "design")
    auth.login()
    response = post_form(
        client,
        "/members/me/edit",
        {"display_name": "An Peeters (new)", "sector": "arts", "visibility": "public"},
    )
    assert response.status_code == 200
    assert "An Peeters (new)" in response.get_data(as_text=True)
    assert db.session.scalar(select(Profile.sector)) == "design"


# --- staff curation ----------------------------------------------------------------------------


def test_only_staff_curate_sectors(client, auth):
    make_user(locale="nl")
    assert client.get("/skills/sectors").status_code in (302, 401)
    auth.login()
    assert client.get("/skills/sectors").status_code == 403
    token_page = "/members/me/edit"
    for url in ("/skills/sectors", f"/skills/sectors/{sector_id('music')}/merge"):
        response = post_form(client, url, {"new-sector-nl": "X"}, page=token_page)
        assert response.status_code == 403


def test_staff_see_each_sector_with_its_members(client, staff):
    member("an@example.org", "An", "music")
    member("bo@example.org", "Bo", "music")
    page = client.get("/skills/sectors").get_data(as_text=True)
    assert page.count('<section class="card') == 16  # 15 sectors and the form to add one
    music = page.split(f'id="sector-{sector_id("music")}"')[1].split("</section>")[0]
    assert "Muziek" in music and "2 leden" in music


def test_staff_add_a_sector_members_can_choose(client, staff):
    data = {"new-sector-nl": "Sport", "new-sector-fr": "Sport", "new-sector-en": "Sports"}
    response = post_form(client, "/skills/sectors", data)
    assert response.status_code == 302
    sector = sector_by_slug("sports")
    assert sector.label("nl") == "Sport" and sector.label("en") == "Sports"
    assert resolve_name("sector", "sports", "en").id == sector.id
    assert ("sports", "Sport") in sector_choices("")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"new-sector-nl": "", "new-sector-fr": "Sport", "new-sector-en": "Sport"}, "drie talen"),
        (
            {"new-sector-nl": "Muziek", "new-sector-fr": "Sport", "new-sector-en": "Sport"},
            "Een andere sector heeft al een van deze namen.",
        ),
        (
            {"new-sector-nl": "x" * 300, "new-sector-fr": "Sport", "new-sector-en": "Sport"},
            "hoogstens 255 tekens",
        ),
        (
            {"new-sector-nl": "Sp\x00ort", "new-sector-fr": "Sport", "new-sector-en": "Sport"},
            "",
        ),
    ],
)
def test_a_bad_new_sector_is_refused_and_what_was_typed_stays(client, staff, data, message):
    before = db.session.scalar(select(func.count(Sector.id)))
    response = post_form(client, "/skills/sectors", {**data, "new-sector-fr": "Sport <b>fr</b>"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page
    assert "Sport &lt;b&gt;fr&lt;/b&gt;" in page and "<b>fr</b>" not in page
    assert db.session.scalar(select(func.count(Sector.id))) == before


def test_a_renamed_sector_keeps_its_old_names_and_members(client, staff, runner):
    profile = member("an@example.org", "An", "crafts")
    crafts = sector_by_slug("crafts")
    old_name = crafts.label("nl")
    data = {
        f"sector-{crafts.id}-nl": "Ambacht en maakwerk",
        f"sector-{crafts.id}-fr": "Artisanat et fabrication",
        f"sector-{crafts.id}-en": "Crafts and making",
    }
    url = f"/skills/sectors/{crafts.id}/rename"
    assert post_form(client, url, data, page="/skills/sectors").status_code == 302
    db.session.expire_all()
    assert db.session.get(Sector, crafts.id).label("nl") == "Ambacht en maakwerk"
    # The old preferred name still resolves: files and people that use it find the sector.
    assert resolve_name("sector", old_name, "nl").id == crafts.id
    assert "Ambacht en maakwerk" in client.get(f"/members/{profile.id}").get_data(as_text=True)
    # Loading the file again keeps the staff's name.
    assert runner.invoke(args=["skills", "load"]).exit_code == 0
    db.session.expire_all()
    assert db.session.get(Sector, crafts.id).label("nl") == "Ambacht en maakwerk"


def test_merging_a_sector_moves_its_members_and_the_search_facet(client, staff, runner):
    an = member("an@example.org", "An Audio", "audiovisual")
    member("bo@example.org", "Bo Beeld", "visual-arts")
    source, target = sector_id("audiovisual"), sector_id("visual-arts")
    assert search_api(client, sector="audiovisual")["total"] == 1
    response = post_form(
        client,
        f"/skills/sectors/{source}/merge",
        {f"merge-sector-{source}-target": target},
        page="/skills/sectors",
    )
    assert response.status_code == 302
    assert "1 lid verhuisd" in client.get("/skills/sectors").get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Profile, an.id).sector == "visual-arts"
    assert search_api(client, sector="visual-arts")["total"] == 2
    assert search_api(client, sector="audiovisual")["total"] == 0
    # Its names now name the target, and the file does not bring it back.
    assert resolve_name("sector", "film", "nl").id == target
    assert runner.invoke(args=["skills", "load"]).exit_code == 0
    assert "audiovisual" not in dict(sector_choices(""))


@pytest.mark.parametrize("case", ["self", "other", "unknown", "empty", "merged"])
def test_a_merge_that_cannot_be_is_refused(client, staff, case):
    music, other = sector_id("music"), sector_id("other")
    source, target = {
        "self": (music, music),
        "other": (other, music),
        "unknown": (music, 99999),
        "empty": (music, ""),
        "merged": (music, music),
    }[case]
    if case == "merged":
        design = sector_by_slug("design")
        design.merged_into_id = sector_id("crafts")
        db.session.commit()
        target = design.id
    response = post_form(
        client,
        f"/skills/sectors/{source}/merge",
        {f"merge-sector-{source}-target": target},
        page="/skills/sectors",
    )
    assert response.status_code == 400
    db.session.expire_all()
    assert db.session.get(Sector, source).merged_into_id is None


def test_an_unknown_or_merged_sector_is_not_found(client, staff):
    design = sector_by_slug("design")
    design.merged_into_id = sector_id("crafts")
    db.session.commit()
    for url in ("/skills/sectors/99999/rename", f"/skills/sectors/{design.id}/rename"):
        assert post_form(client, url, {}, page="/skills/sectors").status_code == 404


# --- imports -----------------------------------------------------------------------------------


def bulk(tmp_path, members: list[dict]):
    path = tmp_path / "export.json"
    path.write_text(json.dumps({"members": members}), encoding="utf-8")
    return path


def person(number: int, **fields) -> dict:
    return {"email": f"m{number}@example.org", "name": f"Member {number}", **fields}


def test_an_import_reads_sectors_as_people_write_them(runner, tmp_path):
    path = bulk(
        tmp_path,
        [
            person(1, sector="music"),  # the id
            person(2, sector="Arts de la scène"),  # a label
            person(3, sector="media, photo and video"),  # the old list's label, a synonym
            person(4, sector="Muzikanten"),  # a synonym, inflected
        ],
    )
    result = runner.invoke(args=["data", "import", str(path)])
    assert result.exit_code == 0, result.output
    sectors = db.session.scalars(select(Profile.sector).order_by(Profile.id)).all()
    assert sectors == ["music", "performing-arts", "audiovisual", "music"]


def test_an_unknown_sector_refuses_the_file_and_names_the_closest(runner, tmp_path):
    path = bulk(tmp_path, [person(1, sector="Muziik theater"), person(2, sector="music")])
    result = runner.invoke(args=["data", "import", str(path)])
    assert result.exit_code == 1
    assert 'members[0].sector: unknown sector "Muziik theater"; closest: ' in result.output
    assert db.session.scalar(select(func.count(User.id))) == 0


def test_new_sectors_other_puts_unknown_sectors_under_other_and_lists_them(runner, tmp_path):
    path = bulk(
        tmp_path,
        [
            person(1, sector="Astronautics"),
            person(2, sector="Astronautics"),
            person(3, sector="music"),
        ],
    )
    result = runner.invoke(args=["data", "import", str(path), "--new-sectors", "other"])
    assert result.exit_code == 0, result.output
    assert 'unknown sector "Astronautics" put under "other" (2x)' in result.output
    sectors = db.session.scalars(select(Profile.sector).order_by(Profile.id)).all()
    assert sectors == ["other", "other", "music"]


def test_new_skills_create_makes_community_skills(runner, tmp_path):
    skills = [{"name": "Ballonplooien"}, {"name": "boekhouding"}]
    path = bulk(tmp_path, [person(1, locale="nl", skills=skills), person(2, skills=skills[:1])])
    refused = runner.invoke(args=["data", "import", str(path)])
    assert refused.exit_code == 1 and 'unknown skill "Ballonplooien"' in refused.output
    result = runner.invoke(args=["data", "import", str(path), "--new-skills", "create"])
    assert result.exit_code == 0, result.output
    assert 'new community skill "Ballonplooien"' in result.output
    (skill,) = db.session.scalars(select(Skill).where(Skill.status == SkillStatus.COMMUNITY))
    assert skill.label("nl") == "Ballonplooien"
    holders = db.session.scalar(
        select(func.count()).select_from(Profile).where(Profile.skills.any(skill_id=skill.id))
    )
    assert holders == 2


def test_a_dry_run_reports_and_writes_nothing(runner, tmp_path):
    path = bulk(
        tmp_path,
        [person(1, sector="Astronautics", skills=[{"name": "Ballonplooien"}]), person(2)],
    )
    args = ["data", "import", str(path), "--new-sectors", "other", "--new-skills", "create"]
    result = runner.invoke(args=[*args, "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "Dry run, nothing written. It would do: members: 2 created" in result.output
    assert 'new community skill "Ballonplooien"' in result.output
    assert "Indexed" not in result.output
    assert db.session.scalar(select(func.count(User.id))) == 0
    assert (
        db.session.scalar(select(func.count(Skill.id)).where(Skill.status == SkillStatus.COMMUNITY))
        == 0
    )
    # A dry run of a file with problems fails as the import would.
    bad = bulk(tmp_path, [person(1, sector="Astronautics")])
    assert runner.invoke(args=["data", "import", str(bad), "--dry-run"]).exit_code == 1


@pytest.mark.parametrize("value", [7, "", "x" * 300, ["music"], "<script>alert(1)</script>"])
def test_a_sector_that_is_not_a_name_is_a_problem(runner, tmp_path, value):
    path = bulk(tmp_path, [person(1, sector=value)])
    result = runner.invoke(args=["data", "import", str(path), "--new-sectors", "other"])
    if value == "<script>alert(1)</script>":
        # A name, unknown: under "other", kept as text in the report.
        assert result.exit_code == 0 and "put under" in result.output
    else:
        assert result.exit_code == 1 and "members[0].sector" in result.output
