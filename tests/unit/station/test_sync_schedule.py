"""The background sync's schedule: every 30 s while the centre answers; after a failure 5 s,
doubling up to 5 min; a failure, even one that raises, never stops the schedule."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from support.fake_sync import OK, Answer, FakeSync
from tracestation.station.sync_schedule import SyncPolicy, SyncRunner, SyncStatus

START = datetime(2026, 11, 30, 6, 0, tzinfo=UTC)
DOWN = Answer(error="connection refused")


class FakeTime:
    """A clock that moves only when the runner waits; `wait` stops it after `turns` waits."""

    def __init__(self, turns: int) -> None:
        self.moment = START
        self.turns = turns
        self.waits: list[float] = []

    def now(self) -> datetime:
        return self.moment

    def wait(self, seconds: float) -> bool:
        self.waits.append(seconds)
        self.moment += timedelta(seconds=seconds)
        return len(self.waits) >= self.turns


def run(sync: FakeSync, time: FakeTime) -> list[SyncStatus]:
    reports: list[SyncStatus] = []
    SyncRunner(sync, SyncPolicy(), now=time.now).run(time.wait, reports.append)
    return reports


def test_failures_wait_5_10_20_40_80_160_then_300_s_and_a_success_30_s() -> None:
    time = FakeTime(turns=12)
    sync = FakeSync(now=time.now)
    sync.script(OK, *[DOWN] * 9, OK, OK)
    run(sync, time)
    assert time.waits == [30, 5, 10, 20, 40, 80, 160, 300, 300, 300, 30, 30]
    assert sync.attempts == 12


def test_the_status_counts_failures_in_a_row_and_keeps_the_last_success() -> None:
    time = FakeTime(turns=5)
    sync = FakeSync(now=time.now)
    sync.script(Answer(pending=0, pushed=4), DOWN, DOWN, DOWN, Answer(pending=2))
    reports = run(sync, time)
    first_success = START
    assert reports[0].last is None, "the first report is the state before any attempt"
    after = reports[1:]
    assert [s.failures for s in after] == [0, 1, 2, 3, 0]
    assert [s.last_success for s in after[:4]] == [first_success] * 4
    failing = after[3]
    assert failing.last is not None and failing.last.error == "connection refused"
    assert failing.failing_since == START + timedelta(seconds=30)
    assert failing.next_attempt == failing.last.at + timedelta(seconds=20)
    assert failing.knowledge_age(failing.last.at) == timedelta(seconds=30 + 5 + 10)
    recovered = after[4]
    assert recovered.failing_since is None and recovered.pending == 2
    assert recovered.last_success == START + timedelta(seconds=30 + 5 + 10 + 20)


def test_a_sync_that_raises_is_a_failed_outcome_with_the_reason_and_the_schedule_goes_on() -> None:
    time = FakeTime(turns=3)
    sync = FakeSync(now=time.now)
    sync.script(Answer(error="the wire was cut", raises=True), OK)
    reports = run(sync, time)
    failed = reports[1]
    assert failed.last is not None and not failed.last.ok
    assert failed.last.error == "ConnectionError: the wire was cut"
    assert failed.last.at == START, "the runner stamps the failure with its own clock"
    assert time.waits == [5, 30, 30]
    assert reports[-1].failures == 0


def test_the_age_of_the_stations_knowledge_starts_from_its_own_record() -> None:
    yesterday = START - timedelta(days=1)
    time = FakeTime(turns=1)
    sync = FakeSync(DOWN, last_synced=yesterday, now=time.now)
    reports = run(sync, time)
    assert reports[0].last_success == yesterday
    assert reports[1].knowledge_age(START) == timedelta(days=1)
    never = SyncStatus("centre")
    assert never.knowledge_age(START) is None and never.out_of_touch_for(START) is None


def test_a_station_that_never_synced_is_out_of_touch_since_its_first_failed_attempt() -> None:
    time = FakeTime(turns=3)
    sync = FakeSync(DOWN, now=time.now)
    reports = run(sync, time)
    last = reports[-1]
    assert last.last_success is None and last.failures == 3
    assert last.out_of_touch_for(START + timedelta(minutes=31)) == timedelta(minutes=31)
