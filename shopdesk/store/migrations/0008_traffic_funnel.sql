-- The top of the funnel (漏斗模型: exposure → click → add-to-cart → payment), where the traffic export has it.
ALTER TABLE traffic_daily ADD COLUMN impressions INTEGER CHECK (impressions >= 0);
ALTER TABLE traffic_daily ADD COLUMN clicks INTEGER CHECK (clicks >= 0);
