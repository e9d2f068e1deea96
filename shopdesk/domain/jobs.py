"""Long work: progress callbacks and cancel tokens, free of Qt.

A work function takes ``progress(done, total, message)`` and a
:class:`CancelToken`; it calls ``token.check()`` between steps, which raises
:class:`~shopdesk.domain.errors.Cancelled` once the user pressed Cancel.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from shopdesk.domain.errors import Cancelled

Progress = Callable[[int, int, str], None]


def no_progress(done: int, total: int, message: str) -> None:
    """A progress callback that ignores its reports."""


class CancelToken:
    """Set from the UI thread, checked by the worker."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        """Ask the work to stop at its next check."""
        self._event.set()

    @property
    def cancelled(self) -> bool:
        """Whether cancel() was called."""
        return self._event.is_set()

    def check(self) -> None:
        """Raise Cancelled if cancel() was called."""
        if self._event.is_set():
            raise Cancelled()
