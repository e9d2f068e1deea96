"""UI layer: Qt widgets, table models, dialogs, charts and workers.

Widgets only format and lay out what services return; no SQL and no domain
rules live here. Long work goes through :mod:`shopdesk.ui.workers`. Every
widget sets its texts in ``retranslate_ui()`` so the language switches at once.
"""
