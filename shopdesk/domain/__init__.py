"""Domain layer: entities, rules, metric definitions and errors.

Pure Python (stdlib, pandas, babel's locale data). No Qt, no SQL, no file paths:
the store, services and UI layers build on this, never the other way round.
"""
