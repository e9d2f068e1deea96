-- Every movement of the stock ledger names who posted it and why (SPEC §4).
ALTER TABLE stock_movements ADD COLUMN staff TEXT NOT NULL DEFAULT '';
ALTER TABLE stock_movements ADD COLUMN reason TEXT NOT NULL DEFAULT '';
