-- Optimisation tasks (優化任務清單): from an anomaly or a meeting decision, with a first owner,
-- helpers, a due date and a status.
CREATE TABLE tasks (
    id         INTEGER PRIMARY KEY,
    title      TEXT NOT NULL,
    anomaly_id INTEGER REFERENCES anomalies (id),
    owner      TEXT NOT NULL,                 -- the first owner's user name (第一責任人)
    helpers    TEXT NOT NULL DEFAULT '[]',    -- JSON list of user names
    due_on     TEXT NOT NULL,
    status     TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done', 'cancelled')),
    note       TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX tasks_owner ON tasks (owner, status, due_on);
