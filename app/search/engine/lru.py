"""What is read from a segment and kept, the most recently used first.

A segment never changes once written, so what is read from it stays true until merges
or a rebuild replace it; the caches that hold such values are bounded by their size.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any


class LRU:
    """Values by key, up to ``limit`` in all as ``size`` measures them (1 each by default);
    the least recently used are dropped first. Safe to share between threads."""

    def __init__(self, limit: int, size: Callable[[Any], int] = lambda value: 1) -> None:
        self.limit = limit
        self._size = size
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._total = 0
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The value kept for ``key``; else ``compute()``'s, kept from now on.

        ``compute`` runs outside the lock: two threads may both compute a value, and
        the first one kept stays.
        """
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
                return found
        value = compute()
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                return found
            self._items[key] = value
            self._total += self._size(value)
            # The newest value stays even if it alone is over the limit.
            while self._total > self.limit and len(self._items) > 1:
                _key, dropped = self._items.popitem(last=False)
                self._total -= self._size(dropped)
        return value

    def forget(self, keep: Callable[[Hashable], bool]) -> None:
        """Drop the values whose key ``keep`` says no to."""
        with self._lock:
            for key in [key for key in self._items if not keep(key)]:
                self._total -= self._size(self._items.pop(key))

    def __len__(self) -> int:
        return len(self._items)

    def total(self) -> int:
        """The size of what is kept."""
        return self._total
