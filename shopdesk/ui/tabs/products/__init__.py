"""The Products tab: the catalog with stock on hand."""
