"""The operator station window: top bar, notices, and the scan, lead, trace and settings screens.

A thin layer: it forwards scans to the station worker and shows what comes back. Keys typed
anywhere in the window reach the station through the `WedgeKeyFilter` installed on the
application; serial scanners arrive through their bridges. GUI thread only.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QIcon
from PySide6.QtWidgets import QApplication, QMainWindow, QVBoxLayout, QWidget

from tracestation.config import StationConfig, has_printer
from tracestation.resources import resources_dir
from tracestation.scanners import ScannerStateChanged, ScanReceived
from tracestation.station.sync_schedule import SyncStatus
from tracestation.station.verdicts import Outcome
from tracestation.ui.demo_offer import DemoOffer
from tracestation.ui.notice_bar import NoticeBar
from tracestation.ui.page_tabs import PageTabs
from tracestation.ui.print_notice import PrintNotice
from tracestation.ui.scan.scan_page import ScanPage, is_failed_test
from tracestation.ui.scan.sounds import VerdictSounds
from tracestation.ui.scan.wedge_filter import WedgeKeyFilter
from tracestation.ui.scanners.serial_bridge import SerialScannerBridge
from tracestation.ui.station_client import StationClient
from tracestation.ui.station_state import StationSnapshot
from tracestation.ui.station_worker import Verdict
from tracestation.ui.style import apply_font_scale
from tracestation.ui.sync_status import KnowledgeNotice
from tracestation.ui.top_bar import TopBar

if TYPE_CHECKING:
    from tracestation.ui.lead.lead_page import LeadPage
    from tracestation.ui.settings.settings_lock import SettingsLock
    from tracestation.ui.settings.settings_page import SettingsPage
    from tracestation.ui.trace.trace_page import TracePage

_log = logging.getLogger(__name__)

REFRESH_FALLBACK_MS = 60
CLOSE_NOTICE_MS = 1_500  # how long a window closed mid-unit says what will be resumed
SYNC_AGE_TICK_MS = 10_000  # "synced 2 min ago" moves on, and the notice to a lead comes, unasked


class StationWindow(QMainWindow):
    def __init__(
        self,
        client: StationClient,
        config: StationConfig,
        station_id: str,
        sounds: VerdictSounds | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("stationWindow")
        self.client = client
        self.config = config
        self.sounds = sounds or VerdictSounds(self, enabled=config.sounds)
        self.setWindowTitle(self.tr("TraceStation \u2014 {station}").format(station=station_id))
        icon = resources_dir() / "ui" / "icons" / "tracestation.svg"
        if icon.is_file():
            self.setWindowIcon(QIcon(str(icon)))
        self.top_bar = TopBar(station_id, self)
        self.notice = NoticeBar(self)
        self.scan_page = ScanPage(self)
        self.scan_page.printer = has_printer(config)  # a new printer applies at the next start
        self._lead_page: LeadPage | None = None
        self._trace_page: TracePage | None = None
        self._settings_lock: SettingsLock | None = None
        self.tabs = PageTabs(self)
        self.tabs.setObjectName("mainTabs")
        self.tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tabs.tabBar().setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tabs.add_page(self.scan_page, self.tr("Scan"))
        # Built when first shown: the operator scans on the scan page (see PageTabs).
        self._lead_area = self.tabs.add_page_later(
            self._build_lead_page, self.tr("Line lead"), "leadPage"
        )
        self._trace_area = self.tabs.add_page_later(
            self._build_trace_page, self.tr("Trace"), "tracePage"
        )
        self._settings_area = self.tabs.add_page_later(
            self._build_settings, self.tr("Settings"), "settingsLock"
        )
        self.tabs.currentChanged.connect(self._lock_settings_when_left)
        central = QWidget(self)
        central.setObjectName("central")
        central.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.top_bar)
        layout.addWidget(self.notice)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.demo = DemoOffer(self.notice, client)
        self.top_bar.sync.stale_after = timedelta(seconds=client.sync_policy.stale_after)
        self.knowledge = KnowledgeNotice(self.notice, config.sync_notice_minutes, self)
        self.print_notice = PrintNotice(self.notice, client, self)
        self._sync_status: SyncStatus | None = None
        self._snapshot: StationSnapshot | None = None
        self._told_resume = False
        self._sync_age = QTimer(self)
        self._sync_age.setInterval(SYNC_AGE_TICK_MS)
        self._sync_age.timeout.connect(self.refresh_sync_age)
        self._sync_age.start()
        self.bridges: list[SerialScannerBridge] = []
        self.wedge = WedgeKeyFilter(self, config.wedge.to_wedge_config())
        self.scan_page.manual.field.wedge = self.wedge.config
        self._refresh_pending = False
        self._refresh_due = QTimer(self)  # the snapshot after a verdict, if no paint asks first
        self._refresh_due.setSingleShot(True)
        self._refresh_due.setInterval(REFRESH_FALLBACK_MS)
        self._refresh_due.timeout.connect(self.refresh_after_verdict)
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self.wedge)
        self._connect()

    def _connect(self) -> None:
        client = self.client
        self.wedge.sig_burst.connect(self.submit_wedge_scan)
        self.wedge.sig_incomplete.connect(self.submit_incomplete_wedge_scan)
        self.wedge.sig_typing.connect(self.start_manual_entry)
        self.scan_page.manual.sig_submitted.connect(self.submit_manual_scan)
        self.scan_page.manual.sig_scanned.connect(self.submit_wedge_scan)
        client.sig_verdict.connect(self.show_verdict)
        self.scan_page.banner.sig_painted.connect(self.refresh_after_verdict)
        client.sig_snapshot.connect(self.show_snapshot)
        client.sig_ready.connect(self.show_snapshot)
        client.sig_failed.connect(self.show_failure)
        client.sig_sync_status.connect(self.show_sync_status)

    # -- the pages built on first show ----------------------------------------------------------

    @property
    def lead_page(self) -> LeadPage:
        self.tabs.page_in(self._lead_area)
        assert self._lead_page is not None
        return self._lead_page

    @property
    def trace_page(self) -> TracePage:
        self.tabs.page_in(self._trace_area)
        assert self._trace_page is not None
        return self._trace_page

    @property
    def settings_lock(self) -> SettingsLock:
        self.tabs.page_in(self._settings_area)
        assert self._settings_lock is not None
        return self._settings_lock

    @property
    def settings_page(self) -> SettingsPage:
        return self.settings_lock.page

    def _build_lead_page(self) -> QWidget:
        from tracestation.ui.lead.lead_page import LeadPage

        page = LeadPage(self.client, self)
        if self._snapshot is not None:
            page.show_snapshot(self._snapshot)
        self._lead_page = page
        return page

    def _build_trace_page(self) -> QWidget:
        from tracestation.ui.trace.trace_page import TracePage

        self._trace_page = TracePage(self.client, self)
        return self._trace_page

    def _build_settings(self) -> QWidget:
        from tracestation.ui.settings.settings_lock import SettingsLock
        from tracestation.ui.settings.settings_page import SettingsPage

        page = SettingsPage(self.config, self)
        self._settings_lock = SettingsLock(self.client, page, self)
        page.sig_saved.connect(self.apply_settings)
        return self._settings_lock

    # -- scans in -------------------------------------------------------------------------------

    def submit_wedge_scan(self, raw: str) -> None:
        if self._lead_desk_takes_scans():
            self.lead_page.take_scan(raw)
            return
        self.client.submit_scan(raw, source="keyboard")

    def submit_incomplete_wedge_scan(self, raw: str) -> None:
        if self._lead_desk_takes_scans():
            self.lead_page.take_incomplete(raw)
            return
        self.client.refuse_incomplete(raw, overflow=False, source="keyboard")

    def _lead_desk_takes_scans(self) -> bool:
        """On the line lead's tab a scan is a step of the lead's signature, not the station's."""
        lead = self._lead_page
        return lead is not None and self.tabs.currentWidget() is lead and lead.wants_scans()

    def submit_manual_scan(self, raw: str) -> None:
        self.client.submit_scan(raw, manual=True, source="manual")

    def start_manual_entry(self, text: str) -> None:
        if self._lead_desk_takes_scans():
            self.lead_page.begin_typing(text)
            return
        self.tabs.setCurrentWidget(self.scan_page)
        self.scan_page.manual.begin(text)

    def attach_scanner(self, bridge: SerialScannerBridge) -> None:
        """Show a serial scanner in the top bar and send its scans to the station."""
        self.bridges.append(bridge)
        bridge.sig_scan.connect(self.submit_serial_scan)
        bridge.sig_state.connect(self.show_scanner_state)
        self.top_bar.set_scanner(bridge.name, bridge.name, None)

    def submit_serial_scan(self, scan: ScanReceived) -> None:
        if self._lead_desk_takes_scans():
            if scan.is_complete:
                self.lead_page.take_scan(scan.raw)
            else:
                self.lead_page.take_incomplete(scan.raw)
            return
        if scan.is_complete:
            self.client.submit_scan(scan.raw, source=scan.scanner)
        else:
            self.client.refuse_incomplete(scan.raw, overflow=scan.overflow, source=scan.scanner)

    def show_scanner_state(self, change: ScannerStateChanged) -> None:
        self.top_bar.set_scanner(change.scanner, change.scanner, change.state)
        self.top_bar.scanners.setToolTip(change.message)

    # -- answers out ----------------------------------------------------------------------------

    def show_verdict(self, verdict: Verdict) -> None:
        self.tabs.setCurrentWidget(self.scan_page)
        self.scan_page.show_verdict(verdict)
        failed_test = is_failed_test(verdict.result)
        self.sounds.play(Outcome.REJECTED if failed_test else verdict.result.outcome)
        self._refresh_pending = True
        self._refresh_due.start()

    def refresh_after_verdict(self, *_: object) -> None:
        """Ask for the prompt, checklist and counts once the verdict is on screen (see worker).

        Called by the banner's first paint of a verdict, or by a timer if no paint comes. The
        history row is added then too.
        """
        if not self._refresh_pending:
            return
        self._refresh_pending = False
        self._refresh_due.stop()
        self.client.refresh()
        self.scan_page.list_last_verdict()

    def show_snapshot(self, snapshot: StationSnapshot) -> None:
        self._snapshot = snapshot
        self.top_bar.show_snapshot(snapshot)
        self.scan_page.show_snapshot(snapshot)
        if self._lead_page is not None:
            self._lead_page.show_snapshot(snapshot)
        self.demo.show_snapshot(snapshot)

    def show_sync_status(self, status: SyncStatus | None) -> None:
        """The sync worker's news; None when no central database is configured."""
        self._sync_status = status
        self.top_bar.show_sync(status)
        self.knowledge.refresh(status)

    def refresh_sync_age(self) -> None:
        now = datetime.now(UTC)
        self.top_bar.sync.refresh(now)
        self.knowledge.refresh(self._sync_status, now)

    def show_failure(self, detail: str) -> None:
        self.top_bar.show_failure(detail)
        self.notice.show_notice(
            self.tr("The station could not open its database: {detail}").format(detail=detail),
            "error",
        )

    def show_config_problem(self, problem: str) -> None:
        self.notice.show_notice(
            self.tr("The settings file could not be read; defaults are in use: {problem}").format(
                problem=problem
            ),
            "error",
        )

    def _lock_settings_when_left(self, _index: int) -> None:
        lock = self._settings_lock
        if lock is not None and self.tabs.currentWidget() is not lock:
            lock.close_settings()

    def apply_settings(self, config: StationConfig) -> None:
        if config.font_scale != self.config.font_scale:
            app = QApplication.instance()
            if isinstance(app, QApplication):
                apply_font_scale(app, config.font_scale)
        self.config = config
        self.wedge.set_config(config.wedge.to_wedge_config())
        self.scan_page.manual.field.wedge = self.wedge.config
        self.sounds.enabled = config.sounds
        self.knowledge.minutes = config.sync_notice_minutes
        self.knowledge.refresh(self._sync_status)

    def resume_notice(self) -> str | None:
        """What the station will take up again at its next start, when a unit is open."""
        snapshot = self._snapshot
        if snapshot is None or snapshot.unit is None:
            return None
        return self.tr(
            "Closing with unit {unit} open at operation {operation}: the station resumes it "
            "when it starts again (what is scanned is recorded)."
        ).format(unit=snapshot.unit, operation=snapshot.operation or "")

    def closeEvent(self, event: QCloseEvent) -> None:
        notice = self.resume_notice()
        if notice is not None and not self._told_resume:
            # Said on screen (and in the log) for a moment, then the window closes by itself.
            self._told_resume = True
            self.notice.show_notice(notice, "warning")
            _log.warning("%s", notice)
            event.ignore()
            QTimer.singleShot(CLOSE_NOTICE_MS, self.close)
            return
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self.wedge)
        for bridge in self.bridges:
            bridge.stop()
        super().closeEvent(event)
