"""One resolver for every name a person types or a file holds: skills, sectors and places.

A name is tried, in this order, as written (``exact``), with case and accents folded
(``folded``), by the stems of its words in the language's snowball stemmer (``stem``:
singular and plural, verb forms), as a Dutch or French compound written as one word,
two words or with a hyphen (``compound``), and finally one edit away from a known name
of five letters or more (``typo``). The loose steps never guess between two
candidates: a name that fits two different entries there does not resolve.

The maps are built once per taxonomy version (see ``taxonomy_version``), so that a
lookup costs a few dictionary probes.
"""

from __future__ import annotations

import difflib
import re
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from app.i18n import LANGUAGES
from app.text import fold

#: How a name matched, from the strictest to the loosest.
HOW = ("exact", "folded", "stem", "compound", "typo")
#: The loose ways: a form says "we read this as …" and an import reports them.
LOOSE = frozenset({"stem", "compound", "typo"})
#: A typo is looked for only in names at least this long (after folding, spaces aside).
TYPO_MIN_LENGTH = 5
#: Words that do not tell two names apart ("cours de piano" is "cours piano").
STOP_WORDS = {
    "nl": frozenset(["de", "het", "een", "van", "en", "voor", "in", "op", "met", "aan", "of"]),
    "fr": frozenset(
        [
            "le",
            "la",
            "les",
            "l",
            "de",
            "du",
            "des",
            "d",
            "un",
            "une",
            "et",
            "en",
            "pour",
            "a",
            "au",
            "aux",
            "ou",
        ]
    ),
    "en": frozenset(["the", "a", "an", "of", "and", "for", "in", "on", "with", "to", "or"]),
}
#: What Dutch puts between the parts of a compound (geluid+s+techniek).
LINKING = {"nl": ("", "s", "e", "en"), "fr": ("",), "en": ("",)}
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


@dataclass(frozen=True)
class Match:
    """What a name resolved to: the entry's id, the known name it matched, and how."""

    id: int
    name: str
    how: str

    @property
    def loose(self) -> bool:
        """Matched by stem, compound or typo: worth telling the person."""
        return self.how in LOOSE


@cache
def _stemmer(lang: str):
    # Imported here: app.search imports the features, which import this module.
    from app.search.engine.analysis import stemmer

    stem = stemmer(lang)
    # Labels share most of their words: each word is stemmed once per process.
    return lru_cache(maxsize=100_000)(stem)


def _words(folded: str) -> list[str]:
    return _WORD.findall(folded)


def stem_key(folded: str, lang: str) -> str:
    """A folded name's words without stop words, each stemmed in ``lang``, hyphens kept."""
    stem = _stemmer(lang)
    words = [w for w in _words(folded) if w not in STOP_WORDS[lang]]
    return " ".join("-".join(stem(part) for part in word.split("-")) for word in words)


def compound_keys(folded: str, lang: str) -> set[str]:
    """A folded name as one word (its parts joined as the language joins them), stemmed."""
    stem = _stemmer(lang)
    parts = [
        part for word in _words(folded) if word not in STOP_WORDS[lang] for part in word.split("-")
    ]
    if not parts:
        return set()
    if len(parts) == 1:
        return {stem(parts[0])}
    keys = set()
    head, last = parts[:-1], parts[-1]
    for link in LINKING[lang]:
        # The linking letters go between every part; enough for two- and three-part names.
        keys.add(stem(link.join(head) + link + last))
    return keys


def edit_distance_one(a: str, b: str) -> bool:
    """Are ``a`` and ``b`` at most one edit apart (insert, delete, replace, swap two)?"""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la > lb:
        a, b, la, lb = b, a, lb, la
    start = 0
    while start < la and a[start] == b[start]:
        start += 1
    if la == lb:
        if a[start + 1 :] == b[start + 1 :]:
            return True
        return (
            start + 1 < la
            and a[start] == b[start + 1]
            and a[start + 1] == b[start]
            and a[start + 2 :] == b[start + 2 :]
        )
    return a[start:] == b[start + 1 :]


def _deletions(key: str) -> set[str]:
    return {key} | {key[:i] + key[i + 1 :] for i in range(len(key))}


def _squeeze(folded: str) -> str:
    return folded.replace(" ", "")


class NameIndex:
    """The names of one kind of entry (skills, sectors), ready to resolve any spelling."""

    def __init__(self, names: Iterable[tuple]):
        """``names``: (id, language or None, text[, folded text]), the best name of a tie first."""
        self.exact: dict[str, int] = {}
        self.folded: dict[str, int] = {}
        self.stems: dict[str, dict[str, set[int]]] = {lang: defaultdict(set) for lang in LANGUAGES}
        self.compounds: dict[str, dict[str, set[int]]] = {
            lang: defaultdict(set) for lang in LANGUAGES
        }
        self.typos: dict[str, set[str]] = defaultdict(set)
        self.by_folded: dict[str, set[int]] = defaultdict(set)
        self.names: dict[int, str] = {}
        self.names_in: dict[tuple[int, str | None], str] = {}
        for entry_id, lang, text, *folded in names:
            key = folded[0] if folded else fold(text)
            if not key:
                continue
            self.names.setdefault(entry_id, text)
            self.names_in.setdefault((entry_id, lang), text)
            self.exact.setdefault(text, entry_id)
            self.folded.setdefault(key, entry_id)
            self.by_folded[key].add(entry_id)
            for code in (lang,) if lang in LANGUAGES else LANGUAGES:
                self.stems[code][stem_key(key, code)].add(entry_id)
                for compound in compound_keys(key, code):
                    self.compounds[code][compound].add(entry_id)
            squeezed = _squeeze(key)
            if len(squeezed) >= TYPO_MIN_LENGTH:
                for variant in _deletions(key):
                    self.typos[variant].add(key)

    def _label(self, entry_id: int, lang: str | None = None) -> str:
        """The entry's best name in ``lang``, else its best name."""
        return self.names_in.get((entry_id, lang)) or self.names.get(entry_id, str(entry_id))

    @staticmethod
    def _single(ids: set[int]) -> int | None:
        return next(iter(ids)) if len(ids) == 1 else None

    def _loose(self, maps, keys_of, key: str, lang: str | None) -> set[int]:
        """The entries a folded name's keys find, in ``lang`` first, then in the others."""
        order = [lang] if lang in LANGUAGES else []
        order += [code for code in LANGUAGES if code not in order]
        for code in order:
            found: set[int] = set()
            for loose_key in keys_of(key, code):
                if loose_key:
                    found |= maps[code].get(loose_key, set())
            if found:
                return found
        return set()

    def resolve(self, text: str, lang: str | None = None) -> Match | None:
        """The entry ``text`` names, and how it matched; None when none or two fit."""
        text = " ".join((text or "").split())
        key = fold(text)
        if not key:
            return None
        if text in self.exact:
            return Match(self.exact[text], text, "exact")
        if key in self.folded:
            return Match(self.folded[key], self._label(self.folded[key], lang), "folded")
        # A loose step that finds two entries stops there: a looser one would only guess.
        for how, maps, keys_of in (
            ("stem", self.stems, lambda t, c: [stem_key(t, c)]),
            ("compound", self.compounds, compound_keys),
        ):
            found = self._loose(maps, keys_of, key, lang)
            if len(found) > 1:
                return None
            if found:
                (entry_id,) = found
                return Match(entry_id, self._label(entry_id, lang), how)
        if len(_squeeze(key)) >= TYPO_MIN_LENGTH:
            near = {
                known
                for variant in _deletions(key)
                for known in self.typos.get(variant, ())
                if edit_distance_one(key, known)
            }
            ids = set().union(*(self.by_folded[known] for known in near)) if near else set()
            found = self._single(ids)
            if found is not None:
                return Match(found, self._label(found, lang), "typo")
        return None

    def closest(self, text: str, limit: int = 3) -> list[int]:
        """The ids of the entries with names closest to ``text`` (for "did you mean")."""
        close = difflib.get_close_matches(fold(text), self.by_folded, n=limit * 4, cutoff=0.6)
        ids: dict[int, None] = {}
        for known in close:
            for entry_id in sorted(self.by_folded[known]):
                ids.setdefault(entry_id, None)
        return list(ids)[:limit]

    def name_of(self, entry_id: int) -> str:
        """The first name given for an entry (its preferred label)."""
        return self._label(entry_id)


# --- the indexes of the taxonomy, rebuilt when it changes ------------------------------------

_version = [0]
_indexes: dict[tuple, NameIndex] = {}
_CHANGED = "taxonomy_changed"
#: How long a fingerprint is trusted before the database is asked again (seconds). It
#: reads every label, a few milliseconds a lookup: a search resolves names on every
#: query. Changes made in this process are seen at once (``taxonomy_changed``); those
#: of another process (another worker, a ``flask skills load``) within this delay.
FINGERPRINT_SECONDS = 2.0
_fingerprints: dict[tuple, tuple[float, tuple]] = {}


def taxonomy_changed() -> None:
    """Forget the built maps: the next lookup builds them from the database."""
    _version[0] += 1
    _indexes.clear()
    _fingerprints.clear()


def taxonomy_version() -> int:
    """A number that changes whenever a skill's or sector's names change in this process."""
    return _version[0]


def _skill_names() -> list[tuple]:
    from sqlalchemy import case, select

    from app.extensions import db
    from app.skills.models import Skill, SkillLabel, SkillStatus

    community_last = case((Skill.status == SkillStatus.COMMUNITY, 1), else_=0)
    rows = db.session.execute(
        select(SkillLabel.skill_id, SkillLabel.lang, SkillLabel.text, SkillLabel.folded)
        .join(Skill)
        .order_by(SkillLabel.preferred.desc(), community_last, Skill.id, SkillLabel.id)
    )
    return [tuple(row) for row in rows]


def _sector_names() -> list[tuple]:
    from sqlalchemy import func, select

    from app.extensions import db
    from app.skills.sectors import Sector, SectorLabel

    owner = func.coalesce(Sector.merged_into_id, Sector.id)
    rows = db.session.execute(
        select(owner, SectorLabel.lang, SectorLabel.text, SectorLabel.folded)
        .join(Sector)
        .order_by(SectorLabel.preferred.desc(), Sector.merged_into_id.is_not(None), Sector.id)
    )
    return [tuple(row) for row in rows]


_SOURCES = {"skill": _skill_names, "sector": _sector_names}


def _fingerprint(kind: str) -> tuple:
    """What changes when another process edits the names (count, ids, owners, lengths)."""
    from sqlalchemy import func, select

    from app.extensions import db
    from app.skills.models import SkillLabel
    from app.skills.sectors import SectorLabel

    model, owner = (
        (SkillLabel, SkillLabel.skill_id)
        if kind == "skill"
        else (SectorLabel, SectorLabel.sector_id)
    )
    row = db.session.execute(
        select(
            func.count(model.id),
            func.max(model.id),
            func.sum(owner),
            func.sum(func.length(model.text)),
        )
    ).one()
    return (db.engine.url.render_as_string(), *row)


def _recent_fingerprint(kind: str) -> tuple:
    """``_fingerprint(kind)``, asked of the database at most every FINGERPRINT_SECONDS."""
    from app.extensions import db

    now = time.monotonic()
    key = (kind, db.engine.url.render_as_string())
    kept = _fingerprints.get(key)
    if kept is None or now - kept[0] > FINGERPRINT_SECONDS:
        kept = _fingerprints[key] = (now, _fingerprint(kind))
    return kept[1]


def name_index(kind: str) -> NameIndex:
    """The maps of ``kind`` ("skill" or "sector"), built once per taxonomy version."""
    key = (kind, _version[0], _recent_fingerprint(kind))
    index = _indexes.get(key)
    if index is None:
        for old in [k for k in _indexes if k[0] == kind]:
            del _indexes[old]
        index = _indexes[key] = NameIndex(_SOURCES[kind]())
    return index


def resolve_name(kind: str, text: str, lang: str | None = None) -> Match | None:
    """Resolve a skill or sector name typed by a person or found in a file.

    ``lang`` is the language the name is likely in (it chooses the stemmer first).
    Returns the match and how it matched, or None.
    """
    return name_index(kind).resolve(text, lang)


def _watch(session, flush_context) -> None:
    from app.skills.models import Skill, SkillLabel
    from app.skills.sectors import Sector, SectorLabel

    models = (Skill, SkillLabel, Sector, SectorLabel)
    if any(isinstance(obj, models) for obj in (*session.new, *session.dirty, *session.deleted)):
        session.info[_CHANGED] = True
        taxonomy_changed()


def _after_rollback(session) -> None:
    # The maps may hold names of this transaction: they are gone now.
    if session.info.pop(_CHANGED, None):
        taxonomy_changed()


def _after_commit(session) -> None:
    session.info.pop(_CHANGED, None)


def install() -> None:
    """Rebuild the maps after any flush that changes a skill or sector (once per process)."""
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    if event.contains(Session, "after_flush", _watch):
        return
    event.listen(Session, "after_flush", _watch)
    event.listen(Session, "after_rollback", _after_rollback)
    event.listen(Session, "after_commit", _after_commit)
