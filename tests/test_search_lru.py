"""The bounded caches of what is read from segments."""

from __future__ import annotations

import threading

from app.search.engine.lru import LRU


def test_a_value_is_computed_once_then_kept():
    kept = LRU(limit=10)
    calls = []
    assert kept.get("a", lambda: calls.append("a") or 1) == 1
    assert kept.get("a", lambda: calls.append("again") or 2) == 1
    assert calls == ["a"]


def test_the_least_recently_used_go_first_when_over_the_limit():
    kept = LRU(limit=5, size=len)
    kept.get("a", lambda: "xx")
    kept.get("b", lambda: "xx")
    kept.get("a", lambda: "unused")  # "a" is now the most recently used
    kept.get("c", lambda: "xx")  # 6 > 5: "b" goes
    assert len(kept) == 2 and kept.total() == 4
    assert kept.get("a", lambda: "new") == "xx"
    assert kept.get("b", lambda: "new") == "new"


def test_a_value_over_the_limit_by_itself_is_still_kept():
    kept = LRU(limit=3, size=len)
    kept.get("a", lambda: "x")
    kept.get("big", lambda: "xxxxxx")
    assert len(kept) == 1 and kept.total() == 6
    assert kept.get("big", lambda: "other") == "xxxxxx"


def test_empty_values_are_kept_too():
    kept = LRU(limit=3)
    kept.get("none", list)
    assert kept.get("none", lambda: ["computed again"]) == []


def test_forget_drops_what_is_no_longer_wanted_and_its_size():
    kept = LRU(limit=100, size=len)
    for segment in ("s1", "s2"):
        kept.get((segment, "w"), lambda: "xyz")
    kept.forget(lambda key: key[0] == "s2")
    assert len(kept) == 1 and kept.total() == 3
    assert kept.get(("s1", "w"), lambda: "new") == "new"


def test_threads_share_one_value_per_key():
    kept = LRU(limit=1000)
    start = threading.Barrier(8)
    seen = []

    def worker(n: int) -> None:
        start.wait()
        seen.append(kept.get("key", lambda: object()))

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(value) for value in seen}) == 1
    assert len(kept) == 1
