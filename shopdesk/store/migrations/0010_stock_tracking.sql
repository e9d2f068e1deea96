-- Whether the platform tracks a product's stock (Shopify's inventory tracker, WooCommerce's "manage stock"):
-- an untracked product shows "not tracked", never zero stock.
ALTER TABLE products ADD COLUMN stock_tracked INTEGER NOT NULL DEFAULT 0 CHECK (stock_tracked = 0 OR stock_tracked = 1);
UPDATE products SET stock_tracked = 1 WHERE id IN (SELECT product_id FROM stock_movements);
