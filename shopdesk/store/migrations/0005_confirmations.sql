-- Two-person confirmation of a day's figures (雙人核對): prepared by one account, confirmed by another.
CREATE TABLE day_confirmations (
    day           TEXT PRIMARY KEY,
    prepared_by   TEXT NOT NULL,
    prepared_at   TEXT NOT NULL,
    confirmed_by  TEXT,
    confirmed_at  TEXT,
    reopened_at   TEXT,
    reopen_reason TEXT NOT NULL DEFAULT '',
    CHECK (confirmed_by IS NULL OR confirmed_by != prepared_by)
);
