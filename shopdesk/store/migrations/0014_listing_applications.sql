-- Listing applications (新品上架申請): applied by one account, approved or rejected by another; only approved
-- products go live. Banned words per language (empty: the defaults shipped with ShopDesk).
CREATE TABLE listing_applications (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    category    TEXT NOT NULL DEFAULT '',
    cost_cents  INTEGER CHECK (cost_cents >= 0),
    supplier    TEXT NOT NULL DEFAULT '',
    attributes  TEXT NOT NULL DEFAULT '{}',   -- JSON: attribute → value
    variants    TEXT NOT NULL DEFAULT '[]',   -- JSON: [spec, price in minor units, stock]
    findings    TEXT NOT NULL DEFAULT '[]',   -- JSON: the pre-listing checks as sent
    status      TEXT NOT NULL DEFAULT 'applied'
                CHECK (status = 'applied' OR status = 'approved' OR status = 'rejected'),
    applied_by  TEXT NOT NULL,
    applied_at  TEXT NOT NULL,
    decided_by  TEXT,
    decided_at  TEXT,
    reason      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX listing_applications_status ON listing_applications (status, id);
CREATE TABLE banned_words (
    language TEXT NOT NULL,
    word     TEXT NOT NULL,
    PRIMARY KEY (language, word)
) WITHOUT ROWID;
