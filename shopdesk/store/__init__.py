"""Store layer: the only home of SQL.

One SQLite file per store, opened through :func:`shopdesk.store.opening.open_store`;
schema migrations, backups, transactions, settings, staff and the audit log.
Imports the domain layer only; never Qt, never the UI.
"""
