-- The audit log stays append-only against INSERT OR REPLACE, REPLACE and upserts: REPLACE deletes the row
-- it replaces without firing the DELETE trigger (unless a connection turns recursive_triggers on, which a
-- raw connection need not do), so an insert that names an existing row is refused before it runs. New rows
-- (a new id, or none) pass; the check is one lookup on the primary key.
CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
WHEN NEW.id IS NOT NULL AND EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id)
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
