"""Importers: every export a seller has, through one pipeline.

read → detect → map → normalise → validate → preview → write. ``reading``
opens CSV and Excel files; ``mapping`` holds the column mappings (data, in
``mappings/*.json``) and picks one from the headers; ``values`` and ``dates``
normalise cells; ``pipeline`` runs an import; platform modules (``shopify``,
``taobao``, ``olist``, ``generic``) add small hooks. Imports domain and store;
never Qt.
"""
