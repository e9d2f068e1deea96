-- The anomaly list (異常問題清單): a metric beyond its threshold on a day, waiting for a cause note.
CREATE TABLE anomalies (
    id          INTEGER PRIMARY KEY,
    day         TEXT NOT NULL,
    metric      TEXT NOT NULL,
    scope       TEXT NOT NULL DEFAULT '',      -- '' for the whole store
    target      REAL NOT NULL,
    actual      REAL,
    deviation   REAL NOT NULL,
    severity    TEXT NOT NULL CHECK (severity IN ('anomaly', 'severe')),
    detected_at TEXT NOT NULL,
    cause       TEXT NOT NULL DEFAULT '',
    cause_by    TEXT,
    cause_at    TEXT,
    UNIQUE (day, metric, scope)
);
CREATE INDEX anomalies_open ON anomalies (cause, day);
