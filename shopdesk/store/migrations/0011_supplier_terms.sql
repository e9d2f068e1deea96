-- A supplier's terms for replenishment (補貨建議): the smallest order it takes and how it is paid.
ALTER TABLE suppliers ADD COLUMN min_order_qty INTEGER NOT NULL DEFAULT 1 CHECK (min_order_qty >= 1);
ALTER TABLE suppliers ADD COLUMN payment_terms TEXT NOT NULL DEFAULT '';
