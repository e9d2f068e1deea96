from shopdesk.domain.audit import GENESIS, row_hash, verify_chain


def _chain(n):
    rows, prev = [], GENESIS
    for i in range(1, n + 1):
        row = {"id": i, "at": f"2026-01-0{i}T09:00:00+08:00", "staff_id": 1, "staff_name": "boss",
               "action": "x", "entity": "e", "entity_id": str(i), "before": None, "after": '{"v": 1}'}
        row["prev_hash"] = prev
        row["hash"] = prev = row_hash(prev, row)
        rows.append(row)
    return rows


def test_whole_chain_passes():
    assert verify_chain(_chain(5), last_sequence=5) == []


def test_edited_row_is_named():
    rows = _chain(5)
    rows[2]["after"] = '{"v": 2}'
    assert [(p.row_id, p.reason) for p in verify_chain(rows)] == [(3, "edited")]


def test_rehashed_edit_breaks_the_next_link():
    rows = _chain(5)
    rows[2]["after"] = '{"v": 2}'
    rows[2]["hash"] = row_hash(rows[2]["prev_hash"], rows[2])
    assert [(p.row_id, p.reason) for p in verify_chain(rows)] == [(4, "link")]


def test_removed_rows_are_found():
    rows = _chain(5)
    del rows[1]
    assert (3, "missing_before") in [(p.row_id, p.reason) for p in verify_chain(rows)]
    assert [(p.row_id, p.reason) for p in verify_chain(_chain(5)[:3], last_sequence=5)] == [(4, "missing_after")]
