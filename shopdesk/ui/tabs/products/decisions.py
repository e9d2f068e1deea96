"""What the listing and delisting application lists share: the selected application, approve and reject
enabled only for an account that may decide on it, and a decision that reports a refusal and reads again."""

from __future__ import annotations

from collections.abc import Callable

from shopdesk.domain.errors import ShopDeskError
from shopdesk.services.listing import may_decide
from shopdesk.ui.errors import show_error
from shopdesk.ui.widgets import selected_index


class DecisionList:
    """Mixed into a dialog with ``session``, ``table``, ``rows``, ``approve_button``, ``reject_button`` and a
    ``refresh()`` that reads ``rows`` again."""

    def selected(self) -> dict | None:
        index = selected_index(self.table)
        return None if index is None else self.rows[index]

    def _enable_decisions(self, row: dict | None) -> None:
        can = may_decide(self.session, row)
        self.approve_button.setEnabled(can)
        self.reject_button.setEnabled(can)

    def _decide(self, action: Callable[[], object]) -> None:
        try:
            action()
        except ShopDeskError as exc:
            show_error(self, exc)
        self.refresh()
