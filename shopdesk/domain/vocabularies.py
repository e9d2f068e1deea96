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

#: The coded cells a paged table (orders, lines, products) shows as labels: order statuses and stages.
CODED_CELL_LABELS: dict[str, str] = {**ORDER_STATUS_LABELS, **PRODUCT_STAGE_LABELS}

#: A purchase (replenishment) order's status.
PURCHASE_ORDER_STATUS_LABELS: dict[str, str] = {
    "ordered": N_("ordered"), "qc": N_("checked"), "received": N_("received into stock"),
    "cancelled": N_("cancelled"),
}

#: How a slow-moving product is treated.
TREATMENT_LABELS: dict[str, str] = {"discount": N_("discount"), "bundle": N_("bundle"),
                                    "clearance": N_("clearance sale")}

#: A stock movement's kind: those posted by hand (receipt, return, adjustment), and those the store posts.
MOVEMENT_KIND_LABELS: dict[str, str] = {
    "receipt": N_("receipt"), "return": N_("return from a customer"), "adjustment": N_("adjustment"),
    "sale": N_("sale"), "stocktake": N_("Stock-take"),
}

#: Where an application (listing, delisting) stands.
DECISION_LABELS: dict[str, str] = {"applied": N_("waiting"), "approved": N_("approved"), "rejected": N_("rejected")}

#: What the supplier does with the units of a delisted product.
SUPPLIER_ACTION_LABELS: dict[str, str] = {"return": N_("returned to the supplier"),
                                          "exchange": N_("exchanged with the supplier"),
                                          "none": N_("no supplier action")}
SUPPLIER_ACTIONS: tuple[str, ...] = tuple(SUPPLIER_ACTION_LABELS)

#: Why a product is on the slow-moving list.
SLOW_REASON_LABELS: dict[str, str] = {"no_sales": N_("no sale in the window"),
                                      "slow_turnover": N_("turnover too slow")}

#: A listing check's finding, and where in the listing it lies.
LISTING_CHECK_LABELS: dict[str, str] = {
    "banned_word": N_("banned word"), "blank_attribute": N_("blank attribute"),
    "blank_attributes": N_("too many blank attributes"), "repeated_word": N_("repeated title word"),
    "price": N_("no price"), "price_ladder": N_("one spec, several prices"),
    "cheapest_out_of_stock": N_("the cheapest variant has no stock"),
}
LISTING_PART_LABELS: dict[str, str] = {"title": N_("title"), "description": N_("description"),
                                       "attributes": N_("attributes")}

#: A line of the weekly product sheet: its mark, and what it fell short of.
WEEKLY_MARK_LABELS: dict[str, str] = {"star": N_("star"), "laggard": N_("laggard")}
WEEKLY_TARGET_LABELS: dict[str, str] = {"units": N_("Units a week"), "conversion": N_("Conversion"),
                                        "add_to_cart": N_("Add-to-cart rate"), "stock": N_("Stock at the week's end")}
WEEKLY_SHORT_OF_LABELS: dict[str, str] = {"conversion": N_("conversion"), "add_to_cart": N_("add-to-cart"),
                                          "stock": N_("stock")}

#: An import's standing in the history.
IMPORT_STATUS_LABELS: dict[str, str] = {"done": N_("done"), "undone": N_("undone")}

#: How a target's month is split over its days.
WEIGHTINGS: tuple[str, ...] = ("even", "weekday")
WEIGHTING_LABELS: dict[str, str] = {"even": N_("evenly"), "weekday": N_("by last year's weekdays")}


def label(labels: dict[str, str], code: str | None) -> str:
    """The message id for ``code`` in ``labels``; an unknown code stays itself, a missing one reads "—"."""
    if code is None or code == "":
        return "—"
    return labels.get(code, code)
