-- Replenishment orders (補貨單): ordered → QC → received; received units are posted to the stock ledger.
CREATE TABLE purchase_orders (
    id          INTEGER PRIMARY KEY,
    supplier_id INTEGER REFERENCES suppliers (id),
    status      TEXT NOT NULL DEFAULT 'ordered'
                CHECK (status = 'ordered' OR status = 'qc' OR status = 'received' OR status = 'cancelled'),
    ordered_at  TEXT NOT NULL,
    ordered_by  TEXT NOT NULL,
    expected_on TEXT NOT NULL,              -- the day ordered plus the supplier's lead time
    qc_at       TEXT,
    received_at TEXT,
    received_by TEXT,
    note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX purchase_orders_status ON purchase_orders (status);
CREATE TABLE purchase_order_lines (
    order_id   INTEGER NOT NULL REFERENCES purchase_orders (id),
    product_id INTEGER NOT NULL REFERENCES products (id),
    quantity   INTEGER NOT NULL CHECK (quantity > 0),
    passed     INTEGER CHECK (passed >= 0),  -- units that passed quality control; NULL until checked
    PRIMARY KEY (order_id, product_id)
) WITHOUT ROWID;
