-- Profit per product (SPEC §4): a product's own platform commission, fulfilment cost and ad spend, where it
-- differs from the store's settings (NULL: the setting applies). Rates in hundredths of a per cent.
ALTER TABLE products ADD COLUMN commission_bp INTEGER CHECK (commission_bp BETWEEN 0 AND 10000);
ALTER TABLE products ADD COLUMN fulfilment_cents INTEGER CHECK (fulfilment_cents >= 0);
ALTER TABLE products ADD COLUMN ad_spend_bp INTEGER CHECK (ad_spend_bp BETWEEN 0 AND 10000);
