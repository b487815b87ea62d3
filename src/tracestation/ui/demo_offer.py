"""On an empty database, offer the demo plant so a new user can scan at once."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from tracestation.ui.notice_bar import NoticeBar
from tracestation.ui.station_client import StationClient
from tracestation.ui.station_state import StationSnapshot


class DemoOffer(QObject):
    """Shows the offer while the plant is empty; loading goes through the station worker."""

    def __init__(self, bar: NoticeBar, client: StationClient) -> None:
        super().__init__(bar)
        self._bar = bar
        self._client = client
        self._loading = False
        self._offered = False
        bar.sig_action.connect(self.load)
        client.sig_demo_loaded.connect(self._loaded)

    def show_snapshot(self, snapshot: StationSnapshot) -> None:
        if snapshot.empty_plant and not self._loading:
            self._offered = True
            self._bar.show_notice(
                self.tr(
                    "This station's database has no operators or work orders yet. "
                    "Load the demo plant to try it: badges B-1001 (operator) and "
                    "B-9001 (lead, PIN 4321), work orders WO-2001 and WO-1001."
                ),
                "info",
                self.tr("Load the demo plant"),
            )
        elif self._offered and not snapshot.empty_plant and not self._loading:
            self._offered = False
            self._bar.hide()

    def load(self) -> None:
        self._loading = True
        self._bar.button.setEnabled(False)
        self._bar.text.setText(self.tr("Loading the demo plant\u2026"))
        self._client.load_demo_plant()

    def _loaded(self, error: str) -> None:
        self._loading = False
        if error:
            self._bar.show_notice(
                self.tr("The demo plant could not be loaded: {error}").format(error=error),
                "error",
                self.tr("Try again"),
            )
            return
        self._offered = False
        self._bar.show_notice(self.tr("Demo plant loaded. Scan badge B-1001 to start."), "success")
        QTimer.singleShot(15_000, self._hide_success)

    def _hide_success(self) -> None:
        if self._bar.property("kind") == "success":
            self._bar.hide()
