"""The Orders tab: orders and order lines, searchable, sortable, filterable, exportable."""
