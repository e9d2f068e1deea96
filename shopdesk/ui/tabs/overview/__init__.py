"""The Overview tab: what the store file holds."""
