"""The window syncs in the background and says so in the top bar: plainly "standalone"
when none is set, the events waiting and the last success while the centre answers, red with the
reason when it does not, and a notice to call a lead when the station's knowledge is too old."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from support.fake_sync import OK, Answer, FakeSync
from tracestation.config import StationConfig
from tracestation.station.sync_port import SyncOutcome
from tracestation.station.sync_schedule import SyncPolicy, SyncStatus
from tracestation.ui.i18n import Translators
from tracestation.ui.main_window import StationWindow
from tracestation.ui.notice_bar import NoticeBar
from tracestation.ui.scan.sounds import VerdictSounds
from tracestation.ui.station_client import StationClient
from tracestation.ui.sync_status import KnowledgeNotice
from ui.conftest import Scanner

# Seconds, not minutes, so a test sees many turns of the schedule.
QUICK = SyncPolicy(interval=0.2, first_retry=0.05, max_retry=0.2, stale_after=60)
WAIT_MS = 10_000


@pytest.fixture
def sync_window(
    styled_app: QApplication,
    qtbot: Any,
    engine: Any,
    clock: Any,
    printer: Any,
    station_config: StationConfig,
) -> Iterator[Callable[..., StationWindow]]:
    """A window whose station has the given sync service (None: no central database)."""
    from tracestation.wiring import services_on

    clients: list[StationClient] = []

    def build(sync: FakeSync | None, config: StationConfig | None = None) -> StationWindow:
        def services() -> Any:
            return replace(services_on(engine, "ST-1", clock=clock, printer=printer), sync=sync)

        client = StationClient(services, sync_policy=QUICK)
        clients.append(client)
        window = StationWindow(
            client, config or station_config, "ST-1", sounds=VerdictSounds(backend="silent")
        )
        qtbot.addWidget(window)
        window.resize(1600, 1000)
        window.show()
        qtbot.waitExposed(window)
        window.centralWidget().setFocus()
        with qtbot.waitSignal(client.sig_ready, timeout=WAIT_MS):
            client.start()
        return window

    yield build
    for client in clients:
        client.shutdown()


def sync_text(window: StationWindow) -> str:
    return str(window.top_bar.sync.value.text())


def sync_state(window: StationWindow) -> str:
    return str(window.top_bar.sync.value.property("state"))


def test_without_a_central_database_the_top_bar_says_so_plainly_even_with_events_waiting(
    sync_window: Callable[..., StationWindow], qtbot: Any
) -> None:
    window = sync_window(None)
    qtbot.waitUntil(lambda: sync_text(window) == "standalone", timeout=WAIT_MS)
    Scanner(qtbot, window).scans("B-1001", "WO:WO-2001", "OPN:10", "PCB-1")
    assert sync_text(window) == "standalone"
    assert sync_state(window) == "normal", "not amber for ever: nothing is wrong"
    assert "Settings" in window.top_bar.sync.toolTip()
    assert not window.notice.isVisible()


def test_the_sync_field_shows_pending_and_the_last_success_then_red_with_the_reason(
    sync_window: Callable[..., StationWindow], qtbot: Any
) -> None:
    sync = FakeSync(Answer(pending=3))
    window = sync_window(sync)
    qtbot.waitUntil(
        lambda: sync_text(window).startswith("3 pending \u00b7 synced "), timeout=WAIT_MS
    )
    assert sync_text(window).endswith("(just now)")
    assert sync_state(window) == "warning", "events wait: amber"
    assert sync.target in window.top_bar.sync.toolTip()

    sync.answer(OK)
    qtbot.waitUntil(
        lambda: sync_text(window).startswith("0 pending \u00b7 synced "), timeout=WAIT_MS
    )
    qtbot.waitUntil(lambda: sync_state(window) == "normal", timeout=WAIT_MS)

    sync.answer(Answer(error="connection to server at 10.0.0.5 failed: timeout", pending=2))
    qtbot.waitUntil(
        lambda: "Sync attempts failed in a row: 2" in window.top_bar.sync.toolTip(), timeout=WAIT_MS
    )
    assert sync_state(window) == "error"
    text = sync_text(window)
    assert text.startswith("2 pending \u00b7 sync failed \u00b7 synced "), text
    tooltip = window.top_bar.sync.toolTip()
    assert "Reason: connection to server at 10.0.0.5 failed: timeout" in tooltip
    assert "keeps working" in tooltip

    sync.answer(OK)
    qtbot.waitUntil(lambda: sync_state(window) == "normal", timeout=WAIT_MS)
    assert "failed" not in sync_text(window)


def test_a_lead_is_told_when_the_stations_knowledge_is_older_than_the_set_age(
    sync_window: Callable[..., StationWindow], qtbot: Any, station_config: StationConfig
) -> None:
    long_ago = datetime.now(UTC) - timedelta(minutes=45, seconds=10)
    sync = FakeSync(Answer(error="connection refused"), last_synced=long_ago)
    window = sync_window(sync, replace(station_config, sync_notice_minutes=30))
    qtbot.waitUntil(window.notice.isVisible, timeout=WAIT_MS)
    notice = window.notice.text.text()
    assert "knowledge of holds and other stations' work is 45 minutes old" in notice
    assert notice.endswith("Call a line lead.")
    assert sync_state(window) == "error"
    assert "(45 min ago)" in sync_text(window)

    sync.answer(OK)
    qtbot.waitUntil(lambda: not window.notice.isVisible(), timeout=WAIT_MS)
    assert sync_state(window) == "normal"


def test_a_station_that_never_reached_the_centre_tells_a_lead_after_the_set_age(
    qapp: QApplication,
) -> None:
    bar = NoticeBar()
    notice = KnowledgeNotice(bar, minutes=30)
    start = datetime(2026, 11, 30, 6, 0, tzinfo=UTC)
    failed = SyncOutcome.failed(start, "connection refused")
    status = SyncStatus("centre", last=failed, failures=9, failing_since=start)
    notice.refresh(status, start + timedelta(minutes=29))
    assert bar.isHidden()
    notice.refresh(status, start + timedelta(minutes=31))
    assert not bar.isHidden()
    assert "never synced with the central database" in bar.text.text()
    assert "31 minutes" in bar.text.text()
    notice.refresh(None, start + timedelta(minutes=32))
    assert bar.isHidden(), "no central database any more: nothing to tell"


def test_the_sync_field_speaks_romanian(
    sync_window: Callable[..., StationWindow], qtbot: Any
) -> None:
    translators = Translators()
    assert translators.install("ro")
    try:
        window = sync_window(None)
        qtbot.waitUntil(lambda: sync_text(window) == "autonomă", timeout=WAIT_MS)
    finally:
        translators.remove()
