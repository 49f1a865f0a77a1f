"""The one place that runs background work and hands results back to the UI thread.

``ctx.tasks.start(fn, title=…, on_done=…)`` runs ``fn(progress)`` on a worker
thread. A progress dialog shows the count, the current item and Cancel
(which sets the job's cancel flag; the job stops at its next ``check()``).
``on_done(result)`` / ``on_error(exc)`` run on the UI thread.
"""

from __future__ import annotations

import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop.errors import Cancelled
from desktop.i18n import _
from desktop.jobs import Progress


class _Signals(QObject):
    progress = Signal(int, int, str)
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[Progress], Any], signals: _Signals) -> None:
        super().__init__()
        self.fn = fn
        self.signals = signals
        self.progress = Progress(lambda d, t, c: signals.progress.emit(d, t, c))
        self.setAutoDelete(False)

    def run(self) -> None:
        try:
            result = self.fn(self.progress)
        except BaseException as exc:  # noqa: BLE001 - handed to the UI thread
            exc.__warta_traceback__ = traceback.format_exc()  # type: ignore[attr-defined]
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


class TaskHandle(QObject):
    """A running task: ``cancel()``; ``finished`` is emitted after on_done/on_error."""

    finished = Signal()

    def __init__(self, job: _Job, parent: QObject) -> None:
        super().__init__(parent)
        self.job = job
        self.dialog: QProgressDialog | None = None
        self.result: Any = None
        self.error: BaseException | None = None
        self.done = False

    def cancel(self) -> None:
        self.job.progress.cancel()


class TaskRunner(QObject):
    def __init__(self, ctx) -> None:  # noqa: ANN001 - AppContext
        super().__init__(ctx)
        self.ctx = ctx
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self.active: list[TaskHandle] = []

    def start(
        self,
        fn: Callable[[Progress], Any],
        *,
        title: str,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        parent: QWidget | None = None,
        show_progress: bool = True,
    ) -> TaskHandle:
        signals = _Signals()
        job = _Job(fn, signals)
        handle = TaskHandle(job, self)
        signals.setParent(handle)
        if show_progress:
            dialog = QProgressDialog(title, _("Cancel"), 0, 0, parent or self.ctx.main_window)
            dialog.setWindowTitle(title)
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(400)  # short jobs never flash a dialog
            dialog.setAutoClose(False)
            dialog.setAutoReset(False)
            dialog.canceled.connect(handle.cancel)
            handle.dialog = dialog

            def on_progress(done: int, total: int, current: str) -> None:
                dialog.setMaximum(max(total, 0))
                dialog.setValue(min(done, total) if total else 0)
                label = title
                if total:
                    label += "\n" + _("{done} of {total}").format(done=done, total=total)
                if current:
                    label += "\n" + current
                dialog.setLabelText(label)

            signals.progress.connect(on_progress)

        def close_dialog() -> None:
            if handle.dialog is not None:
                handle.dialog.close()
                handle.dialog.deleteLater()
                handle.dialog = None

        def finish() -> None:
            close_dialog()
            handle.done = True
            if handle in self.active:
                self.active.remove(handle)
            handle.finished.emit()

        def done(result: Any) -> None:
            handle.result = result
            try:
                if on_done is not None:
                    on_done(result)
            finally:
                finish()

        def failed(exc: BaseException) -> None:
            handle.error = exc
            close_dialog()  # the error message must not sit under a progress dialog
            try:
                if isinstance(exc, Cancelled):
                    pass
                elif on_error is not None:
                    on_error(exc)
                else:
                    self.ctx.show_error(parent, exc)
            finally:
                finish()

        signals.done.connect(done, Qt.ConnectionType.QueuedConnection)
        signals.failed.connect(failed, Qt.ConnectionType.QueuedConnection)
        self.active.append(handle)
        # Start after the caller returns, so it can connect to the handle first.
        QTimer.singleShot(0, lambda: self.pool.start(job))
        return handle

    def wait_all(self, msecs: int = 30_000) -> bool:
        """Block until every worker finished (tests and shutdown)."""
        return self.pool.waitForDone(msecs)
