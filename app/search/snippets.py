"""A hit's snippet: the passages of its text around the words searched for, marked.

Whoosh's highlighter runs the whole text through the field's analyzer, a token at a
time through several generators, for each hit (about a third of a search's time).
Here the text is folded as the ``text`` field folds its words (lower case, then accents
off) and the words searched for are found in it with one regular expression.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from markupsafe import Markup, escape

from app.search.engine.analysis import ACCENT_MAP

# Whoosh's RegexTokenizer, which the ``text`` field's analyzer uses.
_TOKEN = re.compile(r"\w+(\.?\w+)*", re.UNICODE)
_SPACE = re.compile(r"\s")


def fold(word: str) -> str:
    """A word as the ``text`` field indexes it (app/search/engine/schema.py, folding_analyzer)."""
    lower = word.lower()
    return lower if lower.isascii() else lower.translate(ACCENT_MAP)


@dataclass
class _Passage:
    start: int
    end: int
    marks: list[tuple[int, int]] = field(default_factory=list)
    words: set[str] = field(default_factory=set)


def snippet(
    text: str, words: frozenset[str], *, maxchars: int = 200, surround: int = 40, top: int = 2
) -> Markup:
    """Up to ``top`` passages of ``text`` that hold the most of ``words`` (folded), in the
    order of the text and joined by " … ", with those words in ``<mark>``; empty if none."""
    passages: list[_Passage] = []
    for start, end, word in _found(text, words):
        if passages and end - passages[-1].start <= maxchars:
            passage = passages[-1]
            passage.end = end
        else:
            passage = _Passage(start, end)
            passages.append(passage)
        passage.marks.append((start, end))
        passage.words.add(word)
    best = sorted(passages, key=lambda p: (-len(p.words), -len(p.marks), p.start))[:top]
    shown: list[tuple[int, int, list[tuple[int, int]]]] = []
    for passage in sorted(best, key=lambda p: p.start):
        start, end = _bounds(text, passage, surround)
        if shown and start < shown[-1][1]:  # their contexts overlap: one passage
            shown[-1] = (shown[-1][0], end, shown[-1][2] + passage.marks)
        else:
            shown.append((start, end, passage.marks))
    # Every piece of the text is escaped in _render: the whole is safe as it stands.
    return Markup(" … ".join(_render(text, *each) for each in shown))  # noqa: S704


def _found(text: str, words: frozenset[str]):
    """(start, end, folded word) of each of ``words`` in ``text``, as whole tokens."""
    if not words:
        return
    folded = fold(text)
    if len(folded) == len(text):  # folding kept every character in its place
        for match in _pattern(words).finditer(folded):
            yield match.start(), match.end(), match.group()
        return
    for match in _TOKEN.finditer(text):  # a ligature or the like: a token at a time
        word = fold(match.group())
        if word in words:
            yield match.start(), match.end(), word


@lru_cache(maxsize=256)
def _pattern(words: frozenset[str]) -> re.Pattern:
    """Any of ``words`` as a whole token of ``_TOKEN`` (a dot between letters joins them)."""
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?<!\w\.)(?:{alternatives})(?!\w)(?!\.\w)")


def _bounds(text: str, passage: _Passage, surround: int) -> tuple[int, int]:
    """The passage with ``surround`` characters of context, cut between words."""
    start = max(0, passage.start - surround)
    if start > 0:
        space = _SPACE.search(text, start, passage.start)
        start = space.end() if space else passage.start
    end = min(len(text), passage.end + surround)
    if end < len(text):
        spaces = [m.start() for m in _SPACE.finditer(text, passage.end, end)]
        end = spaces[-1] if spaces else passage.end
    return start, end


def _render(text: str, start: int, end: int, marks: list[tuple[int, int]]) -> str:
    """The passage as HTML: its text escaped, the marked words in ``<mark>``."""
    out = []
    position = start
    for mark_start, mark_end in marks:
        out.append(escape(text[position:mark_start]))
        out.append("<mark>")
        out.append(escape(text[mark_start:mark_end]))
        out.append("</mark>")
        position = mark_end
    out.append(escape(text[position:end]))
    return "".join(out)
