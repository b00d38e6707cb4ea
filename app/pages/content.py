"""Reading the site's pages from content/pages/<slug>.<lang>.md."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from app.rendering import render_markdown

#: The pages linked from every page's footer, in that order.
FOOTER_PAGES = (
    ("about", _l("About Gilde")),
    ("privacy", _l("Privacy statement")),
    ("terms", _l("Terms of use")),
    ("contact", _l("Contact")),
)
SLUGS = frozenset(slug for slug, _label in FOOTER_PAGES)
PAGES_DIR = Path(__file__).resolve().parents[2] / "content" / "pages"


class Page(NamedTuple):
    title: str
    body: Markup
    lang: str


@lru_cache(maxsize=32)
def _read(path: Path, mtime: float) -> Page:
    text = path.read_text(encoding="utf-8")
    first, _newline, rest = text.partition("\n")
    # The first line is the page's title, as a Markdown heading.
    title = first.lstrip("#").strip()
    return Page(title, render_markdown(rest), path.name.split(".")[-2])


def load_page(slug: str, lang: str, fallback: str = "en") -> Page | None:
    """The page in ``lang`` (else in ``fallback``), or None for an unknown slug."""
    if slug not in SLUGS:
        return None
    for code in (lang, fallback):
        path = PAGES_DIR / f"{slug}.{code}.md"
        if path.is_file():
            return _read(path, path.stat().st_mtime)
    return None
