-- Meetings (SPEC §1): the morning brief, the 17:00 daily review and the weekly meeting keep minutes
-- (會議紀要); a decision in the minutes becomes a task (tasks.meeting_id).
CREATE TABLE meetings (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind = 'morning_brief' OR kind = 'daily_review' OR kind = 'weekly_meeting'),
    day         TEXT NOT NULL,                -- the business day it was held
    attendees   TEXT NOT NULL DEFAULT '[]',   -- JSON list of user names
    minutes     TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (kind, day)
);
CREATE INDEX meetings_day ON meetings (day);
ALTER TABLE tasks ADD COLUMN meeting_id INTEGER REFERENCES meetings (id);
CREATE INDEX tasks_meeting ON tasks (meeting_id);
