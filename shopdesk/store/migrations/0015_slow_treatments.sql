-- Treatments of slow-moving products (滯銷品處理): discount, bundle or clearance, with who decided it and when;
-- no sale within the following days (lifecycle.delist_after_days) proposes delisting.
CREATE TABLE slow_treatments (
    id         INTEGER PRIMARY KEY,
    product_id INTEGER NOT NULL REFERENCES products (id),
    treatment  TEXT NOT NULL CHECK (treatment = 'discount' OR treatment = 'bundle' OR treatment = 'clearance'),
    note       TEXT NOT NULL DEFAULT '',
    staff      TEXT NOT NULL,
    at         TEXT NOT NULL,
    day        TEXT NOT NULL
);
CREATE INDEX slow_treatments_product ON slow_treatments (product_id, day);
