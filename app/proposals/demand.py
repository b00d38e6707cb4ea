"""Demand on needs: "me too", how many share a need, the similar needs a new one may join,
and the staff's merge of duplicate needs."""

from __future__ import annotations

import re

from sqlalchemy import func, select, update

from app.extensions import db
from app.needs.models import MergedNeed, Need, NeedStatus
from app.proposals.models import NeedMeToo, ProposalNeed

MAX_SIMILAR = 5
#: Words of a new need's text looked for in the others.
MAX_WORDS = 30


def me_too_count(need_id: int) -> int:
    """How many members said they have this need too (its author not counted)."""
    return db.session.scalar(
        select(func.count()).select_from(NeedMeToo).where(NeedMeToo.need_id == need_id)
    )


def me_too_counts(need_ids) -> dict[int, int]:
    """The "me too" counts of several needs, by need id (needs without any are left out)."""
    ids = list(need_ids)
    if not ids:
        return {}
    rows = db.session.execute(
        select(NeedMeToo.need_id, func.count())
        .where(NeedMeToo.need_id.in_(ids))
        .group_by(NeedMeToo.need_id)
    )
    return {need_id: count for need_id, count in rows}


def has_me_too(need: Need, user) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return db.session.get(NeedMeToo, (need.id, user.id)) is not None


def can_me_too(need: Need, user) -> bool:
    """Signed-in members (staff too) but the author, while the need is not closed."""
    from app.needs.access import can_post_need

    return (
        can_post_need(user) and need.author_id != user.id and need.status is not NeedStatus.CLOSED
    )


def add_me_too(need: Need, user) -> bool:
    """Say ``user`` has this need too; False if they had already. The caller commits."""
    if has_me_too(need, user):
        return False
    db.session.add(NeedMeToo(need_id=need.id, user_id=user.id))
    need.touch()
    return True


def remove_me_too(need: Need, user) -> bool:
    """Take a "me too" back; False if there was none. The caller commits."""
    row = db.session.get(NeedMeToo, (need.id, user.id))
    if row is None:
        return False
    db.session.delete(row)
    need.touch()
    return True


def _content_words(text: str, schema) -> list[str]:
    """The words of ``text`` that carry meaning: those no language takes for a stop word
    ("mijn", "les", "the" would make every need look like every other), once each."""
    from app.i18n import LANGUAGES
    from app.search.query import clean_query

    words = []
    for word in re.findall(r"\w+", clean_query(text), re.UNICODE):
        folded = word.casefold()
        if folded in words or len(folded) < 2:
            continue
        if all(list(schema[f"text_{lang}"].process_text(word, mode="query")) for lang in LANGUAGES):
            words.append(folded)
    return words[:MAX_WORDS]


def similar_needs(text: str, viewer, lang: str, limit: int = MAX_SIMILAR) -> list[Need]:
    """Open or answered needs like ``text`` that ``viewer`` may see, from the search index,
    each checked against the database like any search hit.

    A need is alike when it shares two of the words (one when there are only one or two):
    a word's query is the search's own (every field, each analysing it its own way, or the
    skill it names); the more words shared, the higher it ranks.
    """
    from app.search.engine.matching import (
        all_of,
        any_of,
        matches,
        ranked,
        term,
    )
    from app.search.engine.searcher import get_searcher
    from app.search.query import _shown, build_query, checked_row

    searcher = get_searcher()
    parts = []
    for word in _content_words(text, searcher.schema):
        part = build_query(word, searcher.schema, lang)
        if part is not None:
            parts.append(part)
    if not parts:
        return []
    needed = 2 if len(parts) >= 3 else 1
    # The search's own evaluation and visibility filter: the rule is written once.
    best = ranked(
        searcher,
        all_of([term("kind", "need"), any_of(parts)]),
        _shown(searcher, viewer),
        limit * 4,
    )
    shared = sum(matches(searcher, part).astype(int) for part in parts)
    found = []
    for docnum in best:
        if shared[docnum] < needed:
            continue
        checked = checked_row(searcher.stored_fields(docnum), viewer)
        if checked is not None:
            found.append(checked[2])
        if len(found) == limit:
            break
    return found


def merge_needs(duplicate: Need, target: Need) -> None:
    """Move the duplicate's responses, "me too"s and proposal links to ``target``; its author
    becomes a "me too" of the target; delete the duplicate. The caller tells and commits."""
    for response in list(duplicate.responses):
        response.need = target
        # One response helped the target at most: the one already marked there stays.
        if response.helped and any(r.helped for r in target.responses if r is not response):
            response.helped = False
    existing = set(
        db.session.scalars(select(NeedMeToo.user_id).where(NeedMeToo.need_id == target.id))
    )
    movers = list(db.session.scalars(select(NeedMeToo).where(NeedMeToo.need_id == duplicate.id)))
    users = {row.user_id for row in movers} | {duplicate.author_id}
    for row in movers:
        db.session.delete(row)
    db.session.flush()
    for user_id in sorted(users - existing - {target.author_id}):
        db.session.add(NeedMeToo(need_id=target.id, user_id=user_id))
    linked = set(
        db.session.scalars(
            select(ProposalNeed.proposal_id).where(ProposalNeed.need_id == target.id)
        )
    )
    for link in db.session.scalars(
        select(ProposalNeed).where(ProposalNeed.need_id == duplicate.id)
    ):
        db.session.delete(link)
        if link.proposal_id not in linked:
            db.session.add(ProposalNeed(proposal_id=link.proposal_id, need_id=target.id))
    db.session.flush()
    # Its address, and those of needs merged into it before, now lead to the target.
    db.session.execute(
        update(MergedNeed).where(MergedNeed.need_id == duplicate.id).values(need_id=target.id)
    )
    db.session.add(MergedNeed(old_id=duplicate.id, need_id=target.id))
    db.session.expire(duplicate, ["responses"])
    db.session.delete(duplicate)
    target.touch()
