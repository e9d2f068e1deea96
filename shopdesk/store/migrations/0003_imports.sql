-- The data source list (數據源清單): every import, what it added or changed, and how to undo it.
CREATE TABLE imports (
    id              INTEGER PRIMARY KEY,
    started_at      TEXT NOT NULL,
    finished_at     TEXT,
    staff_id        INTEGER REFERENCES staff (id),
    staff_name      TEXT NOT NULL,
    platform        TEXT NOT NULL,
    mapping         TEXT NOT NULL,
    files           TEXT NOT NULL,          -- JSON: [{name, path, sha256, rows}]
    rows_read       INTEGER NOT NULL DEFAULT 0,
    rows_imported   INTEGER NOT NULL DEFAULT 0,
    rows_rejected   INTEGER NOT NULL DEFAULT 0,
    summary         TEXT NOT NULL DEFAULT '{}',  -- JSON: the figures the command prints
    status          TEXT NOT NULL DEFAULT 'done' CHECK (status IN ('done', 'undone')),
    undone_at       TEXT
);

-- Rows changed (not added) by an import, with their values before, for undo.
CREATE TABLE import_changes (
    id        INTEGER PRIMARY KEY,
    import_id INTEGER NOT NULL REFERENCES imports (id),
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    before    TEXT NOT NULL                -- JSON
);
CREATE INDEX import_changes_import ON import_changes (import_id);

-- Column mappings saved by users for exports no built-in mapping fits.
CREATE TABLE import_mappings (
    name       TEXT PRIMARY KEY,
    spec       TEXT NOT NULL,              -- JSON
    created_at TEXT NOT NULL
);

-- Customer reviews that arrive with orders (e.g. Olist), scores 1–5.
CREATE TABLE reviews (
    id          INTEGER PRIMARY KEY,
    platform    TEXT NOT NULL DEFAULT '',
    external_id TEXT NOT NULL,
    order_id    INTEGER REFERENCES orders (id) ON DELETE CASCADE,
    score       INTEGER CHECK (score BETWEEN 1 AND 5),
    title       TEXT NOT NULL DEFAULT '',
    comment     TEXT NOT NULL DEFAULT '',
    created_at  TEXT,
    day         TEXT,
    import_id   INTEGER REFERENCES imports (id),
    UNIQUE (platform, external_id)
);

ALTER TABLE orders ADD COLUMN import_id INTEGER REFERENCES imports (id);
ALTER TABLE products ADD COLUMN import_id INTEGER REFERENCES imports (id);
ALTER TABLE customers ADD COLUMN import_id INTEGER REFERENCES imports (id);
ALTER TABLE after_sales ADD COLUMN import_id INTEGER REFERENCES imports (id);
ALTER TABLE stock_movements ADD COLUMN import_id INTEGER REFERENCES imports (id);
ALTER TABLE traffic_daily ADD COLUMN import_id INTEGER REFERENCES imports (id);
ALTER TABLE suppliers ADD COLUMN import_id INTEGER REFERENCES imports (id);
ALTER TABLE products ADD COLUMN variant_of TEXT NOT NULL DEFAULT '';
ALTER TABLE products ADD COLUMN sku TEXT NOT NULL DEFAULT '';  -- the platform's SKU, not always unique
CREATE INDEX products_sku ON products (sku);

CREATE INDEX orders_import ON orders (import_id);
CREATE INDEX products_import ON products (import_id);
CREATE INDEX customers_import ON customers (import_id);
CREATE INDEX after_sales_import ON after_sales (import_id);
CREATE INDEX stock_movements_import ON stock_movements (import_id);
CREATE INDEX orders_status_day ON orders (status, day);

-- Order lines keyed by (order, line number) in one B-tree: bulk imports append to it.
CREATE TABLE order_lines_keyed (
    order_id         INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    line_no          INTEGER NOT NULL,
    product_id       INTEGER REFERENCES products (id),
    sku              TEXT NOT NULL DEFAULT '',
    title            TEXT NOT NULL DEFAULT '',
    quantity         INTEGER NOT NULL,
    unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents >= 0),
    discount_cents   INTEGER NOT NULL DEFAULT 0 CHECK (discount_cents >= 0),
    PRIMARY KEY (order_id, line_no)
) WITHOUT ROWID;
INSERT INTO order_lines_keyed SELECT order_id, line_no, product_id, sku, title, quantity, unit_price_cents,
    discount_cents FROM order_lines;
DROP TABLE order_lines;
ALTER TABLE order_lines_keyed RENAME TO order_lines;
CREATE INDEX order_lines_product ON order_lines (product_id);
