"""The search commands (verify, sync, rebuild, stats), guides in search, and a kind added later.

Each command is run through the CLI runner on a tiny dataset, and what it prints is
checked against what the database and the live index hold.
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

from flask import url_for
from sqlalchemy import delete, func, select, update

from app.accounts.models import Role
from app.articles.editing import publish
from app.articles.models import Article
from app.clock import utcnow
from app.extensions import db
from app.i18n import LANGUAGES
from app.members.models import Level, MemberSkill, Profile, Visibility
from app.partners.models import Partner, PartnerLanguage
from app.places.gazetteer import resolve_place
from app.search.documents import KINDS, SearchKind, text_fields
from app.search.engine import storage
from app.search.outbox import SearchOutbox
from app.search.rebuilding import rebuild
from app.skills.models import Skill, SkillLabel
from app.skills.taxonomy import resolve_skill
from tests.helpers import add_synonyms, make_user, search_api

OK = "The index matches the database."


def add_profile(name, visibility=Visibility.PUBLIC, skills=(), **fields) -> Profile:
    user = make_user(email=f"{name.split()[0].lower()}@example.org", name=name)
    profile = Profile(user_id=user.id, display_name=name, visibility=visibility, **fields)
    for skill in skills:
        profile.skills.append(MemberSkill(skill=resolve_skill(skill), level=Level.EXPERT))
    db.session.add(profile)
    db.session.commit()
    return profile


def add_partner(name, *, verified=True) -> Partner:
    user = make_user(email=f"{name.split()[0].lower()}@example.org", name=name, role=Role.PARTNER)
    partner = Partner(
        user_id=user.id,
        name=name,
        verified=verified,
        place=resolve_place("Liège"),
        languages=[PartnerLanguage(lang="fr")],
        description="Accompagnement des indépendants.",
    )
    db.session.add(partner)
    db.session.commit()
    return partner


def add_article(title, summary) -> Article:
    author = make_user(email="writer@example.org", name="Writer")
    article = Article(author_id=author.id, title=title, summary=summary, language="nl")
    db.session.add(article)
    db.session.flush()
    publish(article, author)
    db.session.commit()
    return article


def people() -> dict[str, Profile]:
    """Three listed profiles and a hidden one."""
    return {
        "an": add_profile("An Peeters", skills=["bookkeeping"], headline="Boekhouder"),
        "benoit": add_profile("Benoît Lambert", skills=["Graphic design"], headline="Graphiste"),
        "chris": add_profile("Chris Janssens", Visibility.MEMBERS, headline="Accountant"),
        "dirk": add_profile("Dirk Verborgen", Visibility.HIDDEN, headline="Geheim"),
    }


def invoke(runner, *args):
    return runner.invoke(args=["search", *args])


def lines(result) -> list[str]:
    return result.output.splitlines()


def settle_outbox() -> None:
    """Age the outbox rows past SETTLE, as if half a minute had gone by: only then does
    the recorded position move past them (younger rows are held back on purpose)."""
    db.session.execute(update(SearchOutbox).values(created_at=utcnow() - timedelta(minutes=5)))
    db.session.commit()


def newest_outbox_id() -> int:
    return db.session.scalar(select(func.max(SearchOutbox.id))) or 0


def found(data) -> set[tuple[str, str]]:
    return {(hit["kind"], hit["title"]) for hit in data["results"]}


# --- verify ---------------------------------------------------------------------------------


def test_verify_reports_a_document_whose_content_changed_behind_the_outbox(app, runner, world):
    crew = people()
    assert lines(invoke(runner, "verify")) == [OK]
    # The row changes but the index is not told: same key in both, different content.
    app.config["SEARCH_INDEX_ON_COMMIT"] = False
    crew["an"].headline = "Boekhouder en fiscalist"
    db.session.commit()
    result = invoke(runner, "verify")
    assert result.exit_code == 1
    assert lines(result) == [f"out of date in the index: member:{crew['an'].id}"]
    # The change's outbox row is still there: sync applies it and the index is true again.
    synced = invoke(runner, "sync")
    assert lines(synced) == ["Applied 1 outbox rows."]
    result = invoke(runner, "verify")
    assert result.exit_code == 0 and lines(result) == [OK]


def test_verify_reports_two_documents_for_one_key(app, runner, world):
    crew = people()
    key = f"member:{crew['an'].id}"
    with storage.open_live().searcher() as searcher:
        stored = dict(searcher.document(key=key))
    # A second document for the key, as an add where an update was needed would leave it;
    # same content, so only counting the documents by key can see it.
    writer = storage.open_live().writer()
    writer.add_document(**{name: stored[name] for name in stored})
    writer.commit()
    result = invoke(runner, "verify")
    assert result.exit_code == 1
    assert lines(result) == [f"2 documents in the index for one key: {key}"]
    assert invoke(runner, "rebuild").exit_code == 0
    result = invoke(runner, "verify")
    assert result.exit_code == 0 and lines(result) == [OK]


def test_a_removed_word_one_letter_from_the_new_one_finds_the_one_document_by_fuzziness(
    app, runner, client, world
):
    """Why a search for a word an edit removed can find the edited document with no stale
    document in the index: too few exact hits bring in the fuzzy pass (edit distance 1),
    and the new word is one letter from the removed one."""
    profile = add_profile("An Peeters", headline="Illustrator kwartelbbcc")
    profile_id = profile.id
    profile.headline = "Illustrator kwartelbbcd"
    db.session.commit()
    assert lines(invoke(runner, "verify")) == [OK]  # one document for the key, up to date
    found = search_api(client, q="kwartelbbcc")
    assert [hit["id"] for hit in found["results"]] == [profile_id]
    # The API says so: the document holds a word one letter from the one asked, not it.
    assert found["close_matches"] is True
    assert search_api(client, q="kwartelbbcd")["close_matches"] is False
    # Two letters from the new word, the fuzzy pass finds nothing.
    assert search_api(client, q="kwartelbbff")["total"] == 0


def test_verify_reports_rows_gone_hidden_or_new_and_a_rebuild_mends_what_sync_cannot(
    app, runner, world
):
    crew = people()
    app.config["SEARCH_INDEX_ON_COMMIT"] = False
    hidden_id, gone_id = crew["an"].id, crew["benoit"].id
    crew["an"].visibility = Visibility.HIDDEN
    db.session.delete(crew["benoit"])
    newcomer = add_profile("Els Wouters", headline="Fotograaf")
    # Lose the outbox rows: only comparing the database with the index can see the damage.
    db.session.execute(delete(SearchOutbox))
    db.session.commit()
    expected = [
        f"missing from the index: member:{newcomer.id}",
        *sorted(f"in the index but not in the database: member:{i}" for i in (hidden_id, gone_id)),
    ]
    result = invoke(runner, "verify")
    assert result.exit_code == 1
    assert lines(result) == expected
    assert lines(invoke(runner, "sync")) == ["Applied 0 outbox rows."]
    assert invoke(runner, "verify").exit_code == 1
    assert invoke(runner, "rebuild").exit_code == 0
    result = invoke(runner, "verify")
    assert result.exit_code == 0 and lines(result) == [OK]


def test_a_taxonomy_update_writes_again_the_documents_of_the_skill_s_holders(
    runner, world, tmp_path
):
    crew = people()
    assert lines(invoke(runner, "verify")) == [OK]
    before = newest_outbox_id()
    add_synonyms(runner, tmp_path, "bookkeeping", {"nl": ["cijferwerk"]})
    # Only An holds the skill: her document alone is written again, with the new label
    # (verify compares each document's content with what the database makes of it).
    keys = db.session.scalars(select(SearchOutbox.key).where(SearchOutbox.id > before)).all()
    assert keys == [f"member:{crew['an'].id}"]
    assert lines(invoke(runner, "verify")) == [OK]


# --- stats ----------------------------------------------------------------------------------


def parse_stats(result) -> dict:
    """The stats output, line by line, checked for its shape."""
    out = lines(result)
    assert result.exit_code == 0, result.output
    index = re.fullmatch(r"index: (.+)", out[0])
    documents = re.fullmatch(r"documents: (\d+)", out[1])
    kinds = [re.fullmatch(r"  (\w+): (\d+)", line) for line in out[2:-2]]
    outbox = re.fullmatch(r"outbox: newest (\d+), applied up to (\d+)", out[-2])
    size = re.fullmatch(r"size: (\d+\.\d) MB", out[-1])
    assert index and documents and all(kinds) and outbox and size, out
    return {
        "index": index[1],
        "documents": int(documents[1]),
        "kinds": {match[1]: int(match[2]) for match in kinds},
        "newest": int(outbox[1]),
        "applied": int(outbox[2]),
        "size": size[1],
    }


def live_size_mb() -> str:
    path = storage.live_dir()
    return f"{sum(f.stat().st_size for f in path.iterdir() if f.is_file()) / 1e6:.1f}"


def test_stats_counts_what_the_index_holds_and_how_far_the_outbox_is_applied(app, runner, world):
    crew = people()
    add_partner("Guichet Liège")
    add_partner("Atelier Namur", verified=False)
    # A long text, so that the index weighs more than the 0.0 MB a tiny one rounds to.
    add_profile("Fien Claes", Visibility.MEMBERS, bio="Fotografie. " * 12_000)
    settle_outbox()
    assert lines(invoke(runner, "sync")) == ["Applied 0 outbox rows."]
    newest = newest_outbox_id()
    stats = parse_stats(invoke(runner, "stats"))
    # Every registered kind is counted, those with no document too.
    counts = {name: 0 for name in KINDS} | {"member": 4, "partner": 1}
    assert stats["index"] == str(storage.live_dir())
    assert stats["kinds"] == counts
    assert stats["documents"] == 5
    assert (stats["newest"], stats["applied"]) == (newest, newest)
    assert float(stats["size"]) >= 0.1
    assert stats["size"] == live_size_mb()

    # A change committed while indexing on commit is off: the outbox is one row ahead,
    # and the index (which stats counts, not the database) still has the profile.
    app.config["SEARCH_INDEX_ON_COMMIT"] = False
    crew["an"].visibility = Visibility.HIDDEN
    db.session.commit()
    stats = parse_stats(invoke(runner, "stats"))
    assert (stats["newest"], stats["applied"]) == (newest + 1, newest)
    assert stats["kinds"]["member"] == 4 and stats["documents"] == 5

    settle_outbox()
    assert lines(invoke(runner, "sync")) == ["Applied 1 outbox rows."]
    stats = parse_stats(invoke(runner, "stats"))
    assert (stats["newest"], stats["applied"]) == (newest + 1, newest + 1)
    assert stats["kinds"] == counts | {"member": 3} and stats["documents"] == 4


def test_stats_shows_no_lag_once_every_outbox_row_is_applied(runner, world):
    # Each profile was indexed on commit, so nothing is pending; but the rows are younger
    # than SETTLE, so the recorded position has not moved past them yet: the ids applied
    # beyond it, listed in the index directory, count as applied.
    people()
    assert lines(invoke(runner, "sync")) == ["Applied 0 outbox rows."]
    assert lines(invoke(runner, "verify")) == [OK]
    stats = parse_stats(invoke(runner, "stats"))
    assert stats["applied"] == stats["newest"] == newest_outbox_id()


# --- rebuild --------------------------------------------------------------------------------


def test_rebuild_reports_its_progress_and_swaps_in_a_new_directory(app, runner, world, monkeypatch):
    people()
    add_partner("Guichet Liège")
    reports: list[tuple[int, int]] = []
    # Rows read, not documents written: the hidden profile is read and left out.
    assert rebuild(lambda done, total: reports.append((done, total))) == 5
    assert reports == [(5, 5)]

    first = storage.live_dir()
    # As in a terminal: elsewhere click prints the bar's label only, never the bar.
    monkeypatch.setattr("click._termui_impl.isatty", lambda stream: True)
    result = invoke(runner, "rebuild")
    assert result.exit_code == 0, result.output
    frames = re.findall(r"\rIndexing +\[[#-]+\] +(\d+)%", result.output)
    assert frames[0] == "0" and frames[-1] == "100", result.output
    assert re.fullmatch(r"Indexed 5 rows in \d+\.\d s \(\d+/s\)\.", lines(result)[-1])
    second = storage.live_dir()
    assert second != first and second.parent == first.parent
    # The directory replaced stays until the next swap (a reader may still have it open),
    # and nothing half-built is left beside them.
    assert first.is_dir()
    assert invoke(runner, "rebuild").exit_code == 0
    third = storage.live_dir()
    assert not first.exists() and second.is_dir() and third not in (first, second)
    left = sorted(p.name for p in storage.root().iterdir() if p.is_dir() and not p.is_symlink())
    assert left == sorted([second.name, third.name])
    assert lines(invoke(runner, "verify")) == [OK]


# --- guides ---------------------------------------------------------------------------------

GUIDE = """---
title: "Samen een offerte maken"
summary: Hoe twee leden samen één offerte indienen.
language: nl
topics: [working-together, pricing]
skills: [pricing]
---

## Wie doet wat

Spreek **vooraf** af wie de klant aanspreekt over de offerte.
"""
OTHER_GUIDE = """---
title: "Een mentor vinden"
summary: Hoe je een mentor vindt.
language: nl
topics: [working-together]
---

Vraag het in je buurt.
"""


def test_a_synced_guide_is_found_as_a_guide_and_leaves_search_when_its_file_goes(
    runner, client, world, tmp_path
):
    add_article("Mijn offerte", summary="Hoe ik een offerte schrijf.")
    guides = tmp_path / "guides"
    guides.mkdir()
    (guides / "joint-quotes.nl.md").write_text(GUIDE, encoding="utf-8")
    # A sync refuses an empty directory: this one stays when the other goes.
    (guides / "finding-a-mentor.nl.md").write_text(OTHER_GUIDE, encoding="utf-8")
    topics = str(Path(__file__).resolve().parent.parent / "content" / "topics.yaml")

    def sync_content():
        result = runner.invoke(args=["content", "sync", "--dir", str(guides), "--topics", topics])
        assert result.exit_code == 0, result.output

    sync_content()
    everything = search_api(client, q="offerte")
    assert found(everything) == {
        ("guide", "Samen een offerte maken"),
        ("article", "Mijn offerte"),
    }
    assert everything["facets"]["kind"] == {"guide": 1, "article": 1}
    assert found(search_api(client, q="offerte", kind="guide")) == {
        ("guide", "Samen een offerte maken")
    }
    assert found(search_api(client, q="offerte", kind="article")) == {("article", "Mijn offerte")}
    assert lines(invoke(runner, "verify")) == [OK]

    (guides / "joint-quotes.nl.md").unlink()
    sync_content()
    assert found(search_api(client, q="offerte", kind="guide")) == set()
    assert lines(invoke(runner, "verify")) == [OK]


# --- a kind added later ---------------------------------------------------------------------

SKILL_PAGES = ("bookkeeping", "pricing", "graphic-design")


def skill_page(skill: Skill) -> dict:
    labels = " ".join(label.text for label in skill.labels)
    return {
        "title": skill.label("en"),
        "text": labels,
        **text_fields(LANGUAGES, labels),
        "skills": str(skill.id),
        "skill_labels": labels,
        "languages": " ".join(LANGUAGES),
        "visibility": "public",
    }


SKILL_PAGE = SearchKind(
    name="skillpage",
    label="Skill pages",
    model=Skill,
    indexed=lambda skill: skill.slug in SKILL_PAGES,
    build=skill_page,
    visible=lambda skill, viewer: True,
    url=lambda skill: url_for("search.index", skill=skill.slug),
    related={SkillLabel: lambda label: [label.skill_id]},
)


def test_a_kind_registered_later_is_rebuilt_found_verified_and_kept_up_to_date(
    runner, client, world, monkeypatch
):
    add_profile("An Peeters", skills=["bookkeeping"], headline="Boekhouder")
    # Registered for this test only: monkeypatch takes it out of the registry afterwards.
    monkeypatch.setitem(KINDS, "skillpage", SKILL_PAGE)
    pages = {
        slug: db.session.scalar(select(Skill.id).where(Skill.slug == slug)) for slug in SKILL_PAGES
    }
    # Verify covers the new kind before anything indexed it.
    result = invoke(runner, "verify")
    assert result.exit_code == 1
    assert lines(result) == sorted(f"missing from the index: skillpage:{i}" for i in pages.values())

    skills = db.session.scalar(select(func.count(Skill.id)))
    rebuilt = invoke(runner, "rebuild")
    assert rebuilt.exit_code == 0, rebuilt.output
    # Every skill is read (one profile besides), the three pages are written.
    assert lines(rebuilt)[-1].startswith(f"Indexed {skills + 1} rows in ")
    assert lines(invoke(runner, "verify")) == [OK]
    assert "  skillpage: 3" in lines(invoke(runner, "stats"))

    everything = search_api(client, q="comptabilité")
    assert found(everything) == {("member", "An Peeters"), ("skillpage", "Bookkeeping")}
    assert everything["facets"]["kind"] == {"member": 1, "skillpage": 1}
    only = search_api(client, q="comptabilité", kind="skillpage")
    assert found(only) == {("skillpage", "Bookkeeping")}
    assert only["results"][0]["url"] == "/search/?skill=bookkeeping"
    page = client.get("/search/", query_string={"q": "graphisme", "kind": "skillpage"})
    assert page.status_code == 200 and "Graphic design" in page.get_data(as_text=True)
    # Its tab and its badge on the page, and the API's description, name it too.
    assert re.search(
        r'active"[^>]*>\s*Skill pages <span[^>]*>1</span>', page.get_data(as_text=True)
    )
    assert page.get_data(as_text=True).count(">Skill pages</span>") == 1
    described = client.get("/api/v1/openapi.json").json["paths"]["/search"]["get"]["parameters"]
    (kind,) = [parameter for parameter in described if parameter["name"] == "kind"]
    assert "skillpage" in kind["schema"]["enum"]

    # A change to a related row reaches the new kind's documents through the outbox, at
    # once. (A search for the new label would find the page by its skill id regardless.)
    db.session.add(SkillLabel(skill_id=pages["pricing"], lang="nl", text="offerteprijs"))
    db.session.commit()
    with storage.open_live().searcher() as searcher:
        stored = searcher.document(key=f"skillpage:{pages['pricing']}")
    assert "offerteprijs" in stored["text"].split()
    assert lines(invoke(runner, "verify")) == [OK]
