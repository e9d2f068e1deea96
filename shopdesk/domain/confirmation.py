"""Two-person confirmation of a day's figures (雙人核對), SPEC §1: where a day stands."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class DayStatus:
    """Where a day stands: ``open``, ``prepared`` or ``confirmed``, and by whom."""

    day: dt.date
    state: str
    prepared_by: str | None = None
    prepared_at: str | None = None
    confirmed_by: str | None = None
    confirmed_at: str | None = None
    reopened_at: str | None = None

    @property
    def is_draft(self) -> bool:
        """Whether reports of the day must be marked as a draft."""
        return self.state != "confirmed"
