"""The headless station says on stderr what changes in its sync, not every quiet turn of it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from support.fake_sync import OK, Answer, FakeSync
from tracestation.headless import SyncLines
from tracestation.station.sync_schedule import SyncPolicy, SyncRunner

START = datetime(2026, 11, 30, 6, 0, tzinfo=UTC)


def test_quiet_syncs_say_nothing_and_every_change_of_state_or_reason_is_said_once() -> None:
    moment = [START]
    said: list[dict[str, object]] = []
    sync = FakeSync(now=lambda: moment[0])
    sync.script(
        Answer(pushed=3),
        OK,
        OK,
        Answer(error="connection refused", pending=2),
        Answer(error="connection refused", pending=3),
        Answer(error="timeout", pending=3),
        OK,
        Answer(pulled=5, conflicts=1),
        Answer(conflicts=1),
    )
    runner = SyncRunner(sync, SyncPolicy(), now=lambda: moment[0])
    lines = SyncLines(said.append)
    lines(runner.start())
    for _ in range(9):
        lines(runner.run_once())
        moment[0] += timedelta(seconds=runner.next_delay())
    assert [(d["state"], d.get("pushed"), d.get("message")) for d in said] == [
        ("synced", 3, None),
        ("failed", None, "connection refused"),
        ("failed", None, "timeout"),
        ("synced", 0, None),
        ("synced", 0, None),
    ]
    assert said[2]["failures"] == 3 and said[2]["retry_in"] == 20.0
    assert said[2]["last_success"] == (START + timedelta(seconds=60)).isoformat()
    assert said[4]["pulled"] == 5 and said[4]["conflicts"] == 1
    assert all(d["central"] == sync.target for d in said)
