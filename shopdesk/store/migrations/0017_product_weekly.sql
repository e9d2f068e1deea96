-- Weekly product monitoring (SPEC §3 日常維護): per-product weekly targets, kept as revisions (the latest
-- revision starting on or before a day applies), and per-product traffic from the platform's product export.
CREATE TABLE product_targets (
    id             INTEGER PRIMARY KEY,
    product_id     INTEGER NOT NULL REFERENCES products (id),
    applies_from   TEXT NOT NULL,                                  -- first day the revision applies to
    units          INTEGER CHECK (units >= 0),                     -- units sold a week
    conversion_bp  INTEGER CHECK (conversion_bp BETWEEN 0 AND 10000),   -- paid orders / visitors, in 0.01 %
    add_to_cart_bp INTEGER CHECK (add_to_cart_bp BETWEEN 0 AND 10000),  -- add-to-cart / visitors, in 0.01 %
    stock          INTEGER CHECK (stock >= 0),                     -- units to have on hand at the week's end
    set_by         TEXT NOT NULL,
    set_at         TEXT NOT NULL
);
CREATE INDEX product_targets_product ON product_targets (product_id, applies_from, id);

CREATE TABLE product_traffic_daily (
    day         TEXT NOT NULL,
    product_id  INTEGER NOT NULL REFERENCES products (id),
    visitors    INTEGER NOT NULL CHECK (visitors >= 0),
    add_to_cart INTEGER CHECK (add_to_cart >= 0),
    import_id   INTEGER REFERENCES imports (id),
    PRIMARY KEY (day, product_id)
);
CREATE INDEX product_traffic_import ON product_traffic_daily (import_id);
