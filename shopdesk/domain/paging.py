"""What a paged table shows: which rows of orders, order lines or products, in which order.

The store turns a :class:`Query` into SQL over fixed column lists (``store/paging.py``); the window,
the exports and the bulk edit build one from what the user chose.
"""

from __future__ import annotations

from dataclasses import dataclass

KINDS = ("orders", "lines", "products")


@dataclass(frozen=True)
class Query:
    """What a table shows: which rows (search, status, days) in which order."""

    kind: str  # orders | lines | products
    search: str = ""
    status: str = ""
    day_from: str = ""
    day_to: str = ""
    sort: str = ""
    descending: bool = False
    categories: tuple[str, ...] = ()  # products: the first levels of the category path, in order
    owner: str = ""  # products: the owner's username ("-": no owner)
