"""Dialogs: login, first start, new store, settings, staff."""
