"""Headless long-running work: progress reporting and cancellation.

Jobs (imports, exports, thumbnails, backups) are plain functions taking a
:class:`Progress`. The command line passes a quiet or printing one; the window
wraps the same function in ``desktop.ui.tasks`` which forwards progress to the
UI thread and sets the cancel flag from the Cancel button.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Callable

from desktop.errors import Cancelled

ProgressCallback = Callable[[int, int, str], None]


@dataclass
class Progress:
    """Progress sink and cancel flag shared between a job and whoever runs it."""

    callback: ProgressCallback | None = None
    _cancel: threading.Event = field(default_factory=threading.Event)

    def report(self, done: int, total: int, current: str = "") -> None:
        if self.callback is not None:
            self.callback(done, total, current)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Raise :class:`Cancelled` if the user asked to stop."""
        if self._cancel.is_set():
            raise Cancelled()


@dataclass
class ImportResult:
    """The shape every import reports (the command-line contract's import JSON)."""

    added: list = field(default_factory=list)
    existing: list = field(default_factory=list)
    merged: list = field(default_factory=list)
    rejected: list[dict] = field(default_factory=list)
    cancelled: bool = False

    def reject(self, source: str, reason: str) -> None:
        self.rejected.append({"source": source, "reason": reason})

    def to_json(self) -> dict:
        return {
            "added": list(self.added),
            "existing": list(self.existing),
            "merged": list(self.merged),
            "rejected": list(self.rejected),
        }

    @property
    def exit_code(self) -> int:
        """0 all done, 1 partly done, 2 nothing done (the CLI contract)."""
        if not self.rejected and not self.cancelled:
            return 0
        if self.added or self.existing or self.merged:
            return 1
        return 2
