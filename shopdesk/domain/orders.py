"""The order flow (SPEC §5): the statuses an order moves through, in order."""

from __future__ import annotations

#: received → reviewed → packed → shipped → delivered → completed; cancelled leaves the flow.
ORDER_FLOW: tuple[str, ...] = ("received", "reviewed", "packed", "shipped", "delivered", "completed")
ORDER_STATUSES: frozenset[str] = frozenset((*ORDER_FLOW, "cancelled"))
