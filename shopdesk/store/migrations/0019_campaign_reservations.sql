-- Units set aside for an upcoming campaign (活動備貨): the replenishment suggestion orders them ahead when
-- the campaign starts within the supplier's lead time and the safety days. Cancelled ones are kept.
CREATE TABLE stock_reservations (
    id           INTEGER PRIMARY KEY,
    product_id   INTEGER NOT NULL REFERENCES products (id),
    campaign     TEXT NOT NULL CHECK (campaign != ''),
    starts_on    TEXT NOT NULL,
    ends_on      TEXT NOT NULL CHECK (ends_on >= starts_on),
    units        INTEGER NOT NULL CHECK (units > 0),
    created_by   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    cancelled_by TEXT,
    cancelled_at TEXT
);
CREATE INDEX stock_reservations_product ON stock_reservations (product_id, starts_on);
