-- Catalog, stock ledger, customers, orders, after-sales and daily traffic.
CREATE TABLE suppliers (
    id             INTEGER PRIMARY KEY,
    code           TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    contact        TEXT NOT NULL DEFAULT '',
    phone          TEXT NOT NULL DEFAULT '',
    lead_time_days INTEGER NOT NULL DEFAULT 7 CHECK (lead_time_days >= 0),
    dropship       INTEGER NOT NULL DEFAULT 0 CHECK (dropship IN (0, 1))
);

CREATE TABLE products (
    id             INTEGER PRIMARY KEY,
    code           TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    spec           TEXT NOT NULL DEFAULT '',
    category1      TEXT NOT NULL DEFAULT '',
    category2      TEXT NOT NULL DEFAULT '',
    category3      TEXT NOT NULL DEFAULT '',
    cost_cents     INTEGER CHECK (cost_cents >= 0),
    price_cents    INTEGER NOT NULL CHECK (price_cents >= 0),
    supplier_id    INTEGER REFERENCES suppliers (id),
    safety_stock   INTEGER NOT NULL DEFAULT 0 CHECK (safety_stock >= 0),
    stage          TEXT NOT NULL DEFAULT 'new'
                   CHECK (stage IN ('new', 'growth', 'mature', 'slow_moving', 'clearance', 'delisted')),
    owner_staff_id INTEGER REFERENCES staff (id),
    listed_at      TEXT,
    updated_at     TEXT NOT NULL
);

-- Every receipt, sale, return, adjustment and stock-take; stock on hand is their sum.
CREATE TABLE stock_movements (
    id         INTEGER PRIMARY KEY,
    product_id INTEGER NOT NULL REFERENCES products (id),
    kind       TEXT NOT NULL CHECK (kind IN ('receipt', 'sale', 'return', 'adjustment', 'stocktake')),
    quantity   INTEGER NOT NULL,
    at         TEXT NOT NULL,
    day        TEXT NOT NULL,
    ref        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX stock_movements_product ON stock_movements (product_id, day);

CREATE VIEW stock_on_hand AS
    SELECT p.id AS product_id, COALESCE(SUM(m.quantity), 0) AS quantity
    FROM products p LEFT JOIN stock_movements m ON m.product_id = p.id
    GROUP BY p.id;

CREATE TABLE customers (
    id          INTEGER PRIMARY KEY,
    platform    TEXT NOT NULL DEFAULT '',
    external_id TEXT NOT NULL,
    name        TEXT NOT NULL DEFAULT '',
    UNIQUE (platform, external_id)
);

CREATE TABLE orders (
    id             INTEGER PRIMARY KEY,
    platform       TEXT NOT NULL DEFAULT '',
    order_no       TEXT NOT NULL,
    customer_id    INTEGER REFERENCES customers (id),
    channel        TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL CHECK (status IN
                   ('received', 'reviewed', 'packed', 'shipped', 'delivered', 'completed', 'cancelled')),
    created_at     TEXT NOT NULL,            -- ISO 8601 with the offset it came with
    day            TEXT NOT NULL,            -- business day of created_at in the store's time zone
    paid_at        TEXT,
    shipped_at     TEXT,
    delivered_at   TEXT,
    goods_cents    INTEGER NOT NULL DEFAULT 0 CHECK (goods_cents >= 0),
    discount_cents INTEGER NOT NULL DEFAULT 0 CHECK (discount_cents >= 0),
    shipping_cents INTEGER NOT NULL DEFAULT 0 CHECK (shipping_cents >= 0),
    total_cents    INTEGER NOT NULL CHECK (total_cents >= 0),  -- paid amount, after discounts
    carrier        TEXT NOT NULL DEFAULT '',
    tracking_no    TEXT NOT NULL DEFAULT '',
    UNIQUE (platform, order_no)
);
CREATE INDEX orders_day ON orders (day);
CREATE INDEX orders_customer ON orders (customer_id);

CREATE TABLE order_lines (
    id               INTEGER PRIMARY KEY,
    order_id         INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    line_no          INTEGER NOT NULL,
    product_id       INTEGER REFERENCES products (id),
    sku              TEXT NOT NULL DEFAULT '',
    title            TEXT NOT NULL DEFAULT '',
    quantity         INTEGER NOT NULL,
    unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents >= 0),
    discount_cents   INTEGER NOT NULL DEFAULT 0 CHECK (discount_cents >= 0),
    UNIQUE (order_id, line_no)
);
CREATE INDEX order_lines_product ON order_lines (product_id);

CREATE TABLE after_sales (
    id           INTEGER PRIMARY KEY,
    case_no      TEXT NOT NULL UNIQUE,
    order_id     INTEGER REFERENCES orders (id),
    product_id   INTEGER REFERENCES products (id),
    kind         TEXT NOT NULL CHECK (kind IN ('return', 'exchange', 'refund_only', 'complaint')),
    reason       TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'resolved', 'closed')),
    opened_at    TEXT NOT NULL,
    day          TEXT NOT NULL,              -- business day the case was opened
    resolved_at  TEXT,
    units        INTEGER NOT NULL DEFAULT 0 CHECK (units >= 0),
    refund_cents INTEGER NOT NULL DEFAULT 0 CHECK (refund_cents >= 0),
    refunded_at  TEXT,
    resolution   TEXT NOT NULL DEFAULT '',
    compensation TEXT NOT NULL DEFAULT ''
);
CREATE INDEX after_sales_day ON after_sales (day);

-- Daily traffic from the platform's export, or typed in; channel '' is the whole store.
CREATE TABLE traffic_daily (
    day         TEXT NOT NULL,
    channel     TEXT NOT NULL DEFAULT '',
    visitors    INTEGER NOT NULL CHECK (visitors >= 0),
    page_views  INTEGER CHECK (page_views >= 0),
    add_to_cart INTEGER CHECK (add_to_cart >= 0),
    PRIMARY KEY (day, channel)
);
