"""Printable reports: ReportLab builders fed ready figures.

Builders receive the very objects the dashboard shows (``domain`` types) and
never query the store; they format with :mod:`shopdesk.i18n` in the report's
language. No Qt here: the app previews and prints the PDF bytes they return.
"""
