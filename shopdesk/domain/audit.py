"""The audit log's hash chain (操作留痕), SPEC §8.

Each audit row carries the hash of the row before it and a hash of its own
content including that link, so a row edited, inserted or removed behind the
application's back breaks the chain at a row that can be named.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from shopdesk.i18n import N_

GENESIS = "0" * 64

#: The audit columns covered by a row's hash, in order.
HASHED_FIELDS = ("id", "at", "staff_id", "staff_name", "action", "entity", "entity_id", "before", "after")


def row_hash(prev_hash: str, row: dict[str, Any]) -> str:
    """SHA-256 over the previous hash and the row's hashed fields (canonical JSON)."""
    payload = json.dumps([prev_hash] + [row[f] for f in HASHED_FIELDS],
                         ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()


@dataclass(frozen=True)
class ChainProblem:
    """One break in the chain: the row id and what is wrong with it."""

    row_id: int
    reason: str  # "edited" | "missing_before" | "link" | "missing_after"


def verify_chain(rows: list[dict[str, Any]], last_sequence: int | None = None) -> list[ChainProblem]:
    """Check rows (ordered by id) for edits, removals and re-links.

    Args:
        rows: audit rows with their ``prev_hash`` and ``hash``.
        last_sequence: the highest id ever handed out, to catch the newest
            rows being removed.

    Returns:
        The problems found, empty when the chain is whole.
    """
    problems: list[ChainProblem] = []
    prev_hash, prev_id = GENESIS, 0
    for row in rows:
        if row["id"] != prev_id + 1:
            problems.append(ChainProblem(row["id"], "missing_before"))
        elif row["prev_hash"] != prev_hash:
            problems.append(ChainProblem(row["id"], "link"))
        if row_hash(row["prev_hash"], row) != row["hash"]:
            problems.append(ChainProblem(row["id"], "edited"))
        prev_hash, prev_id = row["hash"], row["id"]
    if last_sequence is not None and last_sequence > prev_id:
        problems.append(ChainProblem(prev_id + 1, "missing_after"))
    return problems


#: What each audit action is called in the Audit tab, the product history and the work report.
ACTION_LABELS: dict[str, str] = {
    "store.created": N_("Store created"),
    "store.demo_generated": N_("Demo data generated"),
    "store.restored": N_("Store restored from a backup"),
    "setting.changed": N_("Setting changed"),
    "staff.added": N_("Account added"),
    "staff.disabled": N_("Account disabled"),
    "staff.enabled": N_("Account enabled"),
    "staff.role_changed": N_("Role changed"),
    "staff.password_set": N_("Password set"),
    "staff.login": N_("Logged in"),
    "import.completed": N_("Data imported"),
    "import.undone": N_("Import undone"),
    "order.updated": N_("Order changed by an import"),
    "mapping.saved": N_("Import mapping saved"),
    "traffic.entered": N_("Visitors entered"),
    "target.set": N_("Target set"),
    "day.prepared": N_("Day prepared"),
    "day.confirmed": N_("Day confirmed"),
    "day.reopened": N_("Day reopened by an import"),
    "anomalies.detected": N_("Anomalies checked"),
    "anomaly.explained": N_("Cause of an anomaly recorded"),
    "task.created": N_("Task created"),
    "task.status": N_("Task moved on"),
    "meeting.minutes": N_("Meeting minutes recorded"),
    "stock.posted": N_("Stock movement posted"),
    "stock.counted": N_("Stock-take posted"),
    "stock.abnormal": N_("Abnormal stock operation"),
    "purchase.ordered": N_("Replenishment ordered"),
    "purchase.qc": N_("Replenishment checked"),
    "purchase.received": N_("Replenishment received"),
    "listing.applied": N_("Listing applied for"),
    "listing.approved": N_("Listing approved"),
    "listing.rejected": N_("Listing rejected"),
    "listing.banned_words": N_("Banned words changed"),
}
