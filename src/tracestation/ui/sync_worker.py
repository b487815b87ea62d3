"""The window's sync thread: syncs with the central database on the runner's schedule.

`SyncWorker` lives on a `QThread` of its own, so a sync that waits seconds for the centre delays
neither a scan's verdict (station thread) nor a paint (GUI thread). The station worker hands it
the `SyncService` the composition root built (None when no central database is configured);
it answers by `sig_status` with immutable `SyncStatus` values and touches no widget.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from tracestation.station.sync_port import SyncService
from tracestation.station.sync_schedule import SyncPolicy, SyncRunner


class SyncWorker(QObject):
    sig_status = Signal(object)  # SyncStatus; None: no central database is configured

    def __init__(self, policy: SyncPolicy) -> None:
        super().__init__()
        self.policy = policy
        self._runner: SyncRunner | None = None
        self._timer: QTimer | None = None

    @Slot(object)
    def attach(self, service: SyncService | None) -> None:
        """Start syncing with `service` at once, then on the schedule (on this thread)."""
        if service is None:
            self.sig_status.emit(None)
            return
        self._runner = SyncRunner(service, self.policy)
        self._timer = QTimer(self)  # created here, so it fires on this thread
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.sync_turn)
        self.sig_status.emit(self._runner.start())
        self._timer.start(0)

    @Slot()
    def sync_turn(self) -> None:
        runner, timer = self._runner, self._timer
        if runner is None or timer is None:
            return
        self.sig_status.emit(runner.run_once())
        timer.start(round(runner.next_delay() * 1000))

    @Slot()
    def halt(self) -> None:
        """No more syncs; called on this thread as it finishes."""
        if self._timer is not None:
            self._timer.stop()
