-- Where an order ships to (a province, state or country, as the export names it): a breakdown of its own,
-- never the traffic channel.
ALTER TABLE orders ADD COLUMN region TEXT NOT NULL DEFAULT '';

-- The Tmall order report's delivery address (收货地址) was written as the order's channel: move it to the
-- region, the province's suffix dropped as the importer now writes it (广东省 → 广东, 内蒙古自治区 → 内蒙古).
UPDATE orders SET
    region = CASE
        WHEN channel LIKE '%壮族自治区' OR channel LIKE '%回族自治区' OR channel LIKE '%特别行政区'
            THEN substr(channel, 1, length(channel) - 5)
        WHEN channel LIKE '%维吾尔自治区' THEN substr(channel, 1, length(channel) - 6)
        WHEN channel LIKE '%自治区' THEN substr(channel, 1, length(channel) - 3)
        WHEN channel LIKE '%省' OR channel LIKE '%市' THEN substr(channel, 1, length(channel) - 1)
        ELSE channel END,
    channel = ''
WHERE channel != '' AND import_id IN (SELECT id FROM imports WHERE ',' || mapping || ',' LIKE '%,tmall-order-report,%');
