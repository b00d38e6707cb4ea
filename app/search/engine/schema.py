"""The Whoosh schema and its analyzers: one stemmed field per language plus a folded one."""

from __future__ import annotations

from functools import cache

from whoosh.analysis import (
    CharsetFilter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.fields import BOOLEAN, DATETIME, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.lang import stopwords_for_language
from whoosh.support.charset import accent_map

from app.i18n import LANGUAGES

# Whoosh's lists miss a few of the commonest words.
EXTRA_STOP_WORDS = {
    "fr": {"les", "ils", "elles", "des", "aux", "du", "au", "l", "d", "j", "qu", "c", "s", "n"},
    "nl": {"je", "jij", "u", "ook", "wel"},
    "en": {"i", "you"},
}


@cache
def language_analyzer(lang: str):
    """Tokenise, lower-case, drop stop words, stem for ``lang``, then fold accents.

    Folding comes after stemming: the French stemmer needs its accents.
    """
    stop_words = frozenset(stopwords_for_language(lang)) | EXTRA_STOP_WORDS[lang]
    return (
        RegexTokenizer()
        | LowercaseFilter()
        | StopFilter(stoplist=stop_words, minsize=1)
        | StemFilter(lang=lang, cachesize=50000)
        | CharsetFilter(accent_map)
    )


@cache
def folding_analyzer():
    """Names and words in any language: lower-case and accent-free, never stemmed."""
    return RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)


def build_schema() -> Schema:
    """The fields of every document; DESIGN.md lists what each holds."""
    folded = folding_analyzer()
    fields = {
        "key": ID(stored=True, unique=True),
        "kind": ID(stored=True),
        "title": TEXT(analyzer=folded, stored=True, field_boost=3.0),
        "text": TEXT(analyzer=folded, stored=True, spelling=True),
        "skills": KEYWORD(stored=True),
        # The skills a member can help others with (a subset of ``skills``).
        "helps": KEYWORD(stored=True),
        # The skills a member holds at expert and at experienced level (the others of
        # ``skills`` at beginner level): app/search/ranking.py weighs the matched one's level.
        "expert_in": KEYWORD(),
        "experienced_in": KEYWORD(),
        # How complete a profile is, from 0 to 1 (app/search/ranking.py).
        "completeness": NUMERIC(float),
        # The versions of one text in several languages share this key: one result.
        "translation": ID(stored=True),
        # Without word positions: a quoted phrase is looked for in the title and the text.
        "skill_labels": TEXT(analyzer=folded, phrase=False),
        "sector": ID(stored=True),
        "languages": KEYWORD(stored=True),
        "modes": KEYWORD(stored=True),
        "mentor": BOOLEAN(stored=True),
        "region": ID(stored=True),
        "place": STORED(),
        "topics": KEYWORD(stored=True),
        "lat": NUMERIC(float, stored=True),
        "lon": NUMERIC(float, stored=True),
        "visibility": ID(stored=True),
        "updated": DATETIME(stored=True, sortable=True),
        # When a document stops being shown (an offer's end date): filtered at query time,
        # so nothing has to touch the index on the day it expires.
        "ends": DATETIME(),
        # When a dated document (an offer, a session) begins: upcoming ones rank first.
        "starts": DATETIME(),
        "summary": STORED(),
        "hash": STORED(),
    }
    for lang in LANGUAGES:
        fields[f"text_{lang}"] = TEXT(analyzer=language_analyzer(lang), phrase=False)
    return Schema(**fields)
