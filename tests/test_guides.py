"""Curated guides: `flask content sync` on added, changed, removed and broken files; guide pages."""

from __future__ import annotations

import shutil
from pathlib import Path

import feedparser
import pytest
from sqlalchemy import func, select

from app.accounts.models import Role
from app.articles.models import Article, ArticleKind, Topic
from app.extensions import db
from tests.helpers import post_form
from tests.test_articles import make_member

CONTENT = Path(__file__).resolve().parent.parent / "content"
GUIDE = """---
title: "Samen een offerte maken"
summary: Hoe twee leden samen één offerte indienen.
language: nl
topics: [working-together, pricing]
tags: [Offerte, samenwerken, offerte]
skills: [pricing, onderhandelen]
translation_of: joint-quotes
---

## Wie doet wat

Spreek **vooraf** af wie de klant aanspreekt.
"""


@pytest.fixture
def content(tmp_path):
    """A copy of content/ that a test may change."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT / "guides", target / "guides")
    shutil.copy(CONTENT / "topics.yaml", target / "topics.yaml")
    return target


def sync(runner, content: Path):
    return runner.invoke(
        args=[
            "content",
            "sync",
            "--dir",
            str(content / "guides"),
            "--topics",
            str(content / "topics.yaml"),
        ]
    )


def guides() -> dict[tuple[str, str], Article]:
    db.session.expire_all()
    rows = db.session.scalars(select(Article).where(Article.kind == ArticleKind.GUIDE))
    return {(a.guide_slug, a.language): a for a in rows}


def state() -> list[tuple]:
    """Everything a sync may change, to compare before and after."""
    db.session.expire_all()
    return [
        (a.guide_slug, a.language, a.title, a.body, a.published, a.updated_at)
        for a in db.session.scalars(select(Article).order_by(Article.id))
    ] + [
        (t.slug, t.name_en, t.active) for t in db.session.scalars(select(Topic).order_by(Topic.id))
    ]


def test_sync_loads_the_real_guides_and_topics(runner, world):
    result = runner.invoke(args=["content", "sync"])
    assert result.exit_code == 0, result.output
    assert "Guides: 15 created" in result.output
    assert db.session.scalar(select(func.count(Topic.id))) == 14
    loaded = guides()
    assert len(loaded) == 15 and all(a.published and a.author_id is None for a in loaded.values())
    price = loaded[("setting-your-price", "fr")]
    assert price.translation_key == "setting-your-price"
    assert sorted(t.slug for t in price.topics) == ["invoicing-payment", "pricing", "starting-out"]
    assert [row.skill.slug for row in price.skills] == [
        "pricing",
        "vat",
        "negotiation",
        "bookkeeping",
    ]
    assert "tarif-journalier" in price.tag_names
    again = runner.invoke(args=["content", "sync"])
    assert "0 created, 0 updated, 15 unchanged, 0 unpublished" in again.output


def test_sync_creates_updates_and_unpublishes(runner, content, world):
    assert sync(runner, content).exit_code == 0
    before = {key: (a.id, a.updated_at) for key, a in guides().items()}
    (content / "guides" / "joint-quotes.nl.md").write_text(GUIDE, encoding="utf-8")
    price = content / "guides" / "setting-your-price.en.md"
    price.write_text(price.read_text().replace("## ", "## Updated: ", 1), encoding="utf-8")
    (content / "guides" / "finding-a-mentor.fr.md").unlink()
    result = sync(runner, content)
    assert result.exit_code == 0, result.output
    assert "1 created, 1 updated, 13 unchanged, 1 unpublished" in result.output
    after = guides()
    new = after[("joint-quotes", "nl")]
    assert new.published and new.tag_names == ["offerte", "samenwerken"]
    assert [row.skill.slug for row in new.skills] == ["pricing", "negotiation"]
    changed = after[("setting-your-price", "en")]
    assert "## Updated: " in changed.body
    assert changed.updated_at != before[("setting-your-price", "en")][1]
    unchanged = after[("setting-your-price", "nl")]
    assert unchanged.updated_at == before[("setting-your-price", "nl")][1]
    assert after[("finding-a-mentor", "fr")].published is False
    # A guide that comes back is published again, under the same id.
    shutil.copy(CONTENT / "guides" / "finding-a-mentor.fr.md", content / "guides")
    assert "1 updated" in sync(runner, content).output
    back = guides()[("finding-a-mentor", "fr")]
    assert back.published and back.id == before[("finding-a-mentor", "fr")][0]


BROKEN = [
    (
        "title: [unclosed\n",
        "price.nl.md, line 3: invalid YAML: while parsing a flow sequence (from line 2)",
    ),
    ("colour: blue\n", "line 2: colour: unknown key"),
    ("topics: [pricing, astrology]\n", "line 2: topics #2: unknown topic 'astrology'"),
    ("skills: [pricing, zzz-unknown]\n", "line 2: skills #2: unknown skill 'zzz-unknown'"),
    ("language: fr\n", "line 2: language: must be 'nl'"),
    ("title: 42\n", "line 2: title: must be a text"),
    ("title: <script>alert(1)</script>\n", "line 2: title: must be plain text"),
    ("tags: [a/b]\n", "line 2: tags: 'a/b' cannot be a tag"),
    ("title: one\ntitle: two\n", "line 3: the key 'title' is given twice"),
]


@pytest.mark.parametrize(("line", "message"), BROKEN)
def test_broken_front_matter_stops_the_sync_and_changes_nothing(
    runner, content, world, line, message
):
    assert sync(runner, content).exit_code == 0
    # Another file's valid change in the same run is not applied either.
    price_en = content / "guides" / "setting-your-price.en.md"
    price_en.write_text(price_en.read_text() + "\nOne more line.\n", encoding="utf-8")
    broken = content / "guides" / "setting-your-price.nl.md"
    text = broken.read_text()
    if line.startswith(("title:", "language:", "tags:", "topics:", "skills:")):
        key = line.split(":", 1)[0] + ":"
        lines = text.splitlines(keepends=True)
        lines = [entry for entry in lines[:10] if not entry.startswith(key)] + lines[10:]
        text = "".join(lines)
    broken.write_text(text.replace("---\n", "---\n" + line, 1), encoding="utf-8")
    before = state()
    result = sync(runner, content)
    assert result.exit_code == 1
    assert message in result.output, result.output
    assert "nothing was changed" in result.output
    assert state() == before


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("Bad Name.md", GUIDE, "Bad Name.md, line 1: the file name must be"),
        ("joint-quotes.de.md", GUIDE, "the language 'de' in the file name"),
        ("joint-quotes.nl.md", GUIDE.replace("---\n", "", 1), "line 1: must start with a '---'"),
        ("joint-quotes.nl.md", GUIDE.replace("\n---\n", "\n", 1), "no closing '---'"),
        (
            "joint-quotes.nl.md",
            GUIDE.split("---\n\n")[0] + "---\n",
            "line 10: the guide has no text",
        ),
        (
            "joint-quotes.nl.md",
            GUIDE + "bell \x07\n",
            "line 14: holds invisible control characters",
        ),
        (
            "joint-quotes.nl.md",
            "---\n- a list\n---\ntext\n",
            "line 2: the front matter must be a mapping",
        ),
        ("joint-quotes.nl.md", GUIDE.replace("title:", "titel:"), "title: is missing"),
    ],
)
def test_broken_guide_files_are_named_with_their_line(runner, content, world, name, text, message):
    (content / "guides" / name).write_bytes(text.encode("utf-8"))
    result = sync(runner, content)
    assert result.exit_code == 1
    assert message in result.output, result.output
    assert not guides()


def test_not_utf8_and_missing_or_empty_directories(runner, content, tmp_path, world):
    (content / "guides" / "joint-quotes.nl.md").write_bytes(GUIDE.encode() + b"\n\xff\xfe\n")
    result = sync(runner, content)
    assert "joint-quotes.nl.md, line 15: is not valid UTF-8" in result.output
    empty = tmp_path / "empty"
    empty.mkdir()
    for directory, message in ((empty, "holds no guides"), (tmp_path / "nope", "not a directory")):
        result = runner.invoke(
            args=[
                "content",
                "sync",
                "--dir",
                str(directory),
                "--topics",
                str(content / "topics.yaml"),
            ]
        )
        assert result.exit_code == 1 and message in result.output
    assert not guides()


def test_topics_file_is_checked_and_updated(runner, content, world):
    topics = content / "topics.yaml"
    assert sync(runner, content).exit_code == 0
    text = topics.read_text()
    topics.write_text(text.replace("en: Pricing}", "en: Pricing, de: Preis}"), encoding="utf-8")
    result = sync(runner, content)
    assert result.exit_code == 1 and "names.de: unknown language" in result.output
    topics.write_text(text.replace("  - id: pricing\n", "  - id: Pricing!\n"), encoding="utf-8")
    result = sync(runner, content)
    assert "topics.yaml, line 8: id 'Pricing!' must be lower-case" in result.output
    topics.write_text("topics: [\n", encoding="utf-8")
    assert "invalid YAML" in sync(runner, content).output
    # A topic taken out of the file is retired, not deleted; renamed names are updated.
    wellbeing = "  - id: wellbeing\n    names: {nl: Welzijn, fr: Bien-être, en: Wellbeing}\n"
    assert wellbeing in text
    topics.write_text(
        text.replace(wellbeing, "").replace("en: Tools and equipment", "en: Tools"),
        encoding="utf-8",
    )
    result = sync(runner, content)
    assert result.exit_code == 0 and "1 retired" in result.output
    by_slug = {t.slug: t for t in db.session.scalars(select(Topic))}
    assert by_slug["wellbeing"].active is False and by_slug["tools"].name_en == "Tools"


def test_guide_pages_are_marked_and_link_their_translations(client, auth, runner, world):
    assert runner.invoke(args=["content", "sync"]).exit_code == 0
    loaded = guides()
    nl = loaded[("setting-your-price", "nl")]
    page = client.get(f"/articles/{nl.id}").get_data(as_text=True)
    assert "Guide of the cooperative" in page
    assert nl.title in page
    for lang in ("fr", "en"):
        other = loaded[("setting-your-price", lang)]
        assert f'href="/articles/{other.id}" hreflang="{lang}" lang="{lang}"' in page
    assert 'class="article-toc' in page  # long guides get a table of contents
    listing = client.get("/articles/guides").get_data(as_text=True)
    # Each guide once, in the viewer's language (tests/test_translations.py).
    assert "5 articles" in listing and "Guide of the cooperative" in listing
    assert "1 article" in client.get("/articles/topics/mentoring").get_data(as_text=True)
    assert client.get(f"/articles/{nl.id}/history").status_code == 404
    feed = feedparser.parse(client.get("/articles/feed.atom").data)
    assert not feed.bozo and len(feed.entries) == 15
    assert {entry.author for entry in feed.entries} == {"Gilde"}

    make_member(email="staff@example.org", name="Sam Staff", role=Role.STAFF)
    auth.login(email="staff@example.org")
    assert client.get(f"/articles/{nl.id}/edit").status_code == 403
    response = post_form(client, f"/articles/{nl.id}/comments", {"body": "Top!"}, page="/")
    assert response.status_code == 302
    assert post_form(client, f"/articles/{nl.id}/helpful", page="/").status_code == 302


def test_removed_guides_are_gone_from_pages_and_lists(client, runner, content, world):
    assert sync(runner, content).exit_code == 0
    gone = guides()[("your-first-clients", "en")]
    (content / "guides" / "your-first-clients.en.md").unlink()
    assert sync(runner, content).exit_code == 0
    assert client.get(f"/articles/{gone.id}").status_code == 404
    assert gone.title not in client.get("/articles/guides").get_data(as_text=True)
    nl = guides()[("your-first-clients", "nl")]
    assert 'hreflang="en"' not in client.get(f"/articles/{nl.id}").get_data(as_text=True)
