-- Targets (目標) per metric for a year, quarter or month. A revision is a new row; the newest
-- row for a metric and period is in force, the earlier ones stay as history (季度滾動調整).
CREATE TABLE targets (
    id         INTEGER PRIMARY KEY,
    metric     TEXT NOT NULL,
    period     TEXT NOT NULL,              -- '2024', '2024-Q2' or '2024-06'
    amount     INTEGER,                    -- counts, and money in minor units
    rate       REAL,                       -- 0–1 fractions
    weighting  TEXT NOT NULL DEFAULT 'even' CHECK (weighting IN ('even', 'weekday')),
    set_at     TEXT NOT NULL,
    set_by     TEXT NOT NULL,
    CHECK ((amount IS NULL) != (rate IS NULL))
);
CREATE INDEX targets_metric_period ON targets (metric, period, id);
