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
