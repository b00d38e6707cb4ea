"""Pagination over a list or a count the caller already has (search results, the map's list)."""

from __future__ import annotations

from flask_sqlalchemy.pagination import Pagination


class KnownTotal(Pagination):
    """Flask-SQLAlchemy's pagination over ``total`` items.

    A page past the last one shows the last page (a page number typed in the address).
    """

    def __init__(self, page: int, per_page: int, total: int) -> None:
        last = max(1, -(-total // per_page))
        super().__init__(
            min(max(page, 1), last), per_page, max_per_page=None, error_out=False, total=total
        )

    def _query_items(self) -> list:
        return []

    def _query_count(self) -> int:
        return self._query_args["total"]

    @classmethod
    def of(cls, items: list, page: int, per_page: int) -> KnownTotal:
        """The page ``page`` of ``items`` (all of them in memory)."""
        paged = cls(page, per_page, len(items))
        start = (paged.page - 1) * per_page
        paged.items = items[start : start + per_page]
        return paged
