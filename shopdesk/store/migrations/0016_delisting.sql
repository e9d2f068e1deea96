-- Delisting (退市): applied for with a reason and what happens to the stock with the supplier; approved by a
-- different account, which delists the product and posts the stock returned to the supplier.
CREATE TABLE delisting_applications (
    id              INTEGER PRIMARY KEY,
    product_id      INTEGER NOT NULL REFERENCES products (id),
    reason          TEXT NOT NULL,
    supplier_action TEXT NOT NULL CHECK (supplier_action = 'return' OR supplier_action = 'exchange'
                                         OR supplier_action = 'none'),
    units           INTEGER NOT NULL DEFAULT 0 CHECK (units >= 0),
    status          TEXT NOT NULL DEFAULT 'applied'
                    CHECK (status = 'applied' OR status = 'approved' OR status = 'rejected'),
    applied_by      TEXT NOT NULL,
    applied_at      TEXT NOT NULL,
    decided_by      TEXT,
    decided_at      TEXT,
    decision_note   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX delisting_applications_status ON delisting_applications (status, id);
