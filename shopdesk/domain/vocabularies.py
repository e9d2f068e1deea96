"""Code → label vocabularies shared by the window, the reports and the command line.

Each map's values are message ids (marked with ``N_``): callers translate them
with ``_()`` at the moment they show them, in the language then chosen.
"""

from __future__ import annotations

from shopdesk.i18n import N_

#: An order's status, as imported or moved by the order flow.
ORDER_STATUS_LABELS: dict[str, str] = {
    "received": N_("received"), "reviewed": N_("reviewed"), "packed": N_("packed"), "shipped": N_("shipped"),
    "delivered": N_("delivered"), "completed": N_("completed"), "cancelled": N_("cancelled"),
}

#: A product's life-cycle stage, in the order the catalog offers them.
PRODUCT_STAGES: tuple[str, ...] = ("new", "growth", "mature", "slow_moving", "clearance", "delisted")
PRODUCT_STAGE_LABELS: dict[str, str] = {
    "new": N_("new"), "growth": N_("growth"), "mature": N_("mature"), "slow_moving": N_("slow-moving"),
    "clearance": N_("clearance"), "delisted": N_("delisted"),
}

#: A purchase (replenishment) order's status.
PURCHASE_ORDER_STATUS_LABELS: dict[str, str] = {
    "ordered": N_("ordered"), "qc": N_("checked"), "received": N_("received into stock"),
    "cancelled": N_("cancelled"),
}

#: How a slow-moving product is treated.
TREATMENT_LABELS: dict[str, str] = {"discount": N_("discount"), "bundle": N_("bundle"),
                                    "clearance": N_("clearance sale")}


def label(labels: dict[str, str], code: str | None) -> str:
    """The message id for ``code`` in ``labels``; an unknown code stays itself, a missing one reads "—"."""
    if code is None or code == "":
        return "—"
    return labels.get(code, code)
