"""Concurrent commits leave no change waiting in the outbox (issue 25, stale results).

A commit whose indexing finds the writer lock taken leaves its rows to the process that
holds it. That process may have read the outbox before the commit: it must look again
once it lets the lock go, or the change waits for some later commit, and searches find
the removed words meanwhile.
"""

from __future__ import annotations

import threading

from sqlalchemy import select

from app.extensions import db
from app.members.models import Profile, Visibility
from app.search.indexer import verify
from tests.helpers import make_user, search_api
from tests.test_members import make_profile

THREADS = 8  # enough for the race to show most runs without the fix
EDITS = 4


def word(member: int, edit: int) -> str:
    """A word two letters from every other one (the fuzzy pass never mixes them up)."""
    return "wekker" + "".join(2 * "bcdfghjklm"[int(d)] for d in f"{member}{edit}")


def test_no_edit_waits_in_the_outbox_after_concurrent_commits(app, client):
    ids = []
    for member in range(THREADS):
        user = make_user(f"lid{member}@example.org", f"Lid {member}")
        profile = make_profile(user, visibility=Visibility.PUBLIC, headline=word(member, 0))
        ids.append(profile.id)
    start = threading.Barrier(THREADS)
    errors = []

    def edit(member: int, profile_id: int) -> None:
        try:
            with app.app_context():
                start.wait()
                for number in range(1, EDITS):
                    profile = db.session.scalar(select(Profile).where(Profile.id == profile_id))
                    profile.headline = word(member, number)
                    db.session.commit()  # indexes right away, unless the lock is taken
                db.session.remove()
        except Exception as error:  # the main thread reports it
            errors.append(error)

    threads = [threading.Thread(target=edit, args=pair) for pair in enumerate(ids)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    # No `flask search sync`, no worker: the commits' own indexing is all there is.
    assert verify() == []
    for member, profile_id in enumerate(ids):
        assert [hit["id"] for hit in search_api(client, q=word(member, EDITS - 1))["results"]] == [
            profile_id
        ]
        assert search_api(client, q=word(member, EDITS - 2))["total"] == 0
