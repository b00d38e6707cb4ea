"""Small text helpers shared by the demo generator."""

from __future__ import annotations

import re
import unicodedata

#: Labels that keep their capital inside a sentence (brands, acronyms).
KEEP_CAPITAL = ("Excel", "WordPress", "Tax-on-web")


def fold(text: str) -> str:
    """Lower-case, accent-free, single-spaced: what the app compares names by (app.text.fold)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.split())


def ascii_slug(text: str, sep: str = "-") -> str:
    """ "Van den Broeck" -> "van-den-broeck", "D'Hondt" -> "dhondt", "Clément" -> "clement"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace("'", "").replace("\u2019", "")
    return sep.join(re.findall(r"[a-z0-9]+", stripped))


def lower_first(label: str) -> str:
    """A label as it reads inside a sentence: "Boekhouding" -> "boekhouding", "SEO" stays."""
    if not label or label.startswith(KEEP_CAPITAL):
        return label
    first_word = re.split(r"[\s&,]", label, maxsplit=1)[0]
    if any(ch.isupper() for ch in first_word[1:]) or any(ch.isdigit() for ch in first_word):
        return label
    return label[0].lower() + label[1:]


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def join_words(items: list[str], lang: str) -> str:
    """ "a, b en c" / "a, b et c" / "a, b and c"."""
    word = {"nl": "en", "fr": "et", "en": "and"}[lang]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


def word_count(markdown: str) -> int:
    """Words of a Markdown text, without its markup."""
    return len(re.findall(r"[^\W_][\w'\u2019-]*", markdown))
