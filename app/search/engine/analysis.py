"""Whoosh's language tools for the app's own text handling (names, snippets)."""

from __future__ import annotations

from collections.abc import Callable

from whoosh.lang import stemmer_for_language
from whoosh.support.charset import accent_map

#: ``str.translate`` table taking accented letters to their plain forms, as the index does.
ACCENT_MAP = accent_map


def stemmer(lang: str) -> Callable[[str], str]:
    """The snowball stemmer the index uses for ``lang``: a word to its stem."""
    return stemmer_for_language(lang)
