"""After each staff operation the search index is exactly up to date (`flask search verify`).

Bulk statements bypass the outbox's flush hooks; these cases catch a write path that
forgets to queue the documents it changed.
"""

from __future__ import annotations

import pytest
import yaml
from sqlalchemy import select

from app.accounts.models import Role
from app.extensions import db
from app.members.models import Level, MemberSkill, MentorWish, Profile, Visibility
from app.needs.models import Need, NeedSkill, NeedVisibility
from app.partners.models import Partner, PartnerLanguage
from app.places.gazetteer import resolve_place
from app.search.indexer import verify
from app.skills.commands import default_taxonomy_path
from app.skills.models import Skill, SkillLabel, SkillStatus
from app.skills.sectors import sector_by_slug
from app.skills.taxonomy import resolve_skill
from tests.helpers import PASSWORD, csrf_token, make_user, post_form


def add_profile(name: str, skills=(), sector=None, wishes=()) -> Profile:
    user = make_user(email=f"{name.split()[0].lower()}@example.org", name=name)
    profile = Profile(
        user_id=user.id, display_name=name, visibility=Visibility.PUBLIC, sector=sector
    )
    for skill in skills:
        profile.skills.append(MemberSkill(skill=skill, level=Level.EXPERT))
    db.session.add(profile)
    db.session.flush()
    for skill in wishes:
        db.session.add(MentorWish(profile_id=profile.id, skill_id=skill.id))
    db.session.commit()
    return profile


def community_skill(text: str) -> Skill:
    skill = Skill(
        status=SkillStatus.COMMUNITY,
        labels=[SkillLabel(lang="nl", text=text, preferred=True, source="member")],
    )
    db.session.add(skill)
    db.session.commit()
    return skill


@pytest.fixture
def community(world, auth):
    """A few members holding a curated and a community skill, in sectors; staff signed in."""
    bookkeeping = resolve_skill("bookkeeping")
    cijfers = community_skill("Cijferwerk")
    crew = {
        "an": add_profile("An Peeters", [bookkeeping], sector="crafts"),
        "benoit": add_profile("Benoît Lambert", [bookkeeping, cijfers], sector="music"),
        "chris": add_profile("Chris Janssens", [cijfers], sector="music", wishes=[cijfers]),
        "dirk": add_profile("Dirk Wouters", [], sector="crafts", wishes=[bookkeeping]),
    }
    make_user("staff@example.org", "Sam Staff", role=Role.STAFF)
    auth.login("staff@example.org")
    assert verify() == []
    return {"bookkeeping": bookkeeping, "cijfers": cijfers, **crew}


def up_to_date() -> list[str]:
    db.session.expire_all()
    return verify()


def test_merging_a_community_skill_leaves_the_index_up_to_date(client, community):
    skill_id = community["cijfers"].id
    response = client.post(
        f"/skills/community/{skill_id}/merge",
        data={
            f"merge-{skill_id}-target": "bookkeeping",
            f"merge-{skill_id}-csrf_token": csrf_token(client, "/"),
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Skill, skill_id) is None
    assert up_to_date() == []


def test_promoting_a_community_skill_leaves_the_index_up_to_date(client, community):
    skill_id = community["cijfers"].id
    response = client.post(
        f"/skills/community/{skill_id}/promote",
        data={
            f"promote-{skill_id}-slug": "",
            f"promote-{skill_id}-category": "",
            f"promote-{skill_id}-csrf_token": csrf_token(client, "/"),
        },
    )
    assert response.status_code == 302
    assert up_to_date() == []


def test_renaming_a_skill_in_the_taxonomy_leaves_the_index_up_to_date(runner, community, tmp_path):
    taxonomy = yaml.safe_load(default_taxonomy_path().read_text(encoding="utf-8"))
    (entry,) = [each for each in taxonomy["skills"] if each["id"] == "bookkeeping"]
    entry["labels"]["nl"] = "Cijferbeheer"
    categories = [each for each in taxonomy["categories"] if each["id"] == entry["category"]]
    path = tmp_path / "skills.yaml"
    path.write_text(
        yaml.safe_dump({"categories": categories, "skills": [entry]}, allow_unicode=True),
        encoding="utf-8",
    )
    result = runner.invoke(args=["skills", "load", "--file", str(path)])
    assert result.exit_code == 0, result.output
    assert up_to_date() == []


def test_renaming_a_sector_leaves_the_index_up_to_date(client, community):
    crafts = sector_by_slug("crafts")
    data = {
        f"sector-{crafts.id}-nl": "Ambacht en maakwerk",
        f"sector-{crafts.id}-fr": "Artisanat et fabrication",
        f"sector-{crafts.id}-en": "Crafts and making",
    }
    url = f"/skills/sectors/{crafts.id}/rename"
    assert post_form(client, url, data, page="/skills/sectors").status_code == 302
    assert up_to_date() == []


def test_merging_a_sector_leaves_the_index_up_to_date(client, community):
    source, target = sector_by_slug("music").id, sector_by_slug("crafts").id
    response = post_form(
        client,
        f"/skills/sectors/{source}/merge",
        {f"merge-sector-{source}-target": str(target)},
        page="/skills/sectors",
    )
    assert response.status_code == 302
    assert up_to_date() == []


def test_verifying_a_partner_leaves_the_index_up_to_date(client, community):
    user = make_user(email="atelier@example.org", name="Atelier", role=Role.PARTNER)
    partner = Partner(
        user_id=user.id,
        name="Atelier Liège",
        verified=False,
        place=resolve_place("Liège"),
        languages=[PartnerLanguage(lang="fr")],
        description="Accompagnement des indépendants.",
    )
    db.session.add(partner)
    db.session.commit()
    assert up_to_date() == []
    url = f"/partners/{partner.id}/verify"
    assert post_form(client, url, page="/").status_code == 302
    db.session.expire_all()
    assert db.session.get(Partner, partner.id).verified
    assert up_to_date() == []


def test_deleting_an_account_leaves_the_index_up_to_date(client, auth, community):
    profile_id = community["an"].id
    auth.logout()
    auth.login("an@example.org")
    response = post_form(
        client,
        "/settings/delete",
        {"writing": "delete", "current": PASSWORD, "confirm": "y"},
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Profile, profile_id) is None
    assert up_to_date() == []


def test_merging_needs_leaves_the_index_up_to_date(client, community):
    bookkeeping = community["bookkeeping"]
    needs = [
        Need(
            author_id=community[name].user_id,
            title=title,
            body="Ik wil graag hulp.",
            visibility=NeedVisibility.MEMBERS,
            skills=[NeedSkill(skill_id=bookkeeping.id, position=0)],
        )
        for name, title in (("an", "Hulp bij mijn btw"), ("dirk", "Btw-aangifte nalezen"))
    ]
    db.session.add_all(needs)
    db.session.commit()
    assert up_to_date() == []
    duplicate, target = needs[1].id, needs[0].id
    url = f"/needs/{duplicate}"
    response = post_form(client, f"{url}/merge", {"target": str(target)}, page=url)
    assert response.status_code == 302
    assert db.session.scalar(select(Need.id).where(Need.id == duplicate)) is None
    assert up_to_date() == []
