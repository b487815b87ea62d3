"""A unit of work is run again only where nothing was written: after a lost race (five tries in
all), once after a connection lost before the commit; never after a commit that may have
landed."""

from __future__ import annotations

import pytest

from support.fakes import FakeTransactions
from tracestation.station.ports import (
    CommitUncertain,
    ConnectionLost,
    RaceLost,
    RecordNotSaved,
    Transaction,
)
from tracestation.station.retry import ATTEMPTS, run_in_transaction


def done(tx: Transaction) -> str:
    return "done"


def test_work_that_lost_races_is_run_again_until_it_commits(
    transactions: FakeTransactions,
) -> None:
    transactions.fail_next_commit(RaceLost("deadlock detected"), times=ATTEMPTS - 1)
    told: list[RecordNotSaved] = []

    assert run_in_transaction(transactions, done, told.append) == "done"
    assert (transactions.begun, transactions.committed) == (ATTEMPTS, 1)
    assert [str(fault) for fault in told] == ["deadlock detected"] * (ATTEMPTS - 1)


def test_work_that_loses_every_race_gives_up_with_the_last_one(
    transactions: FakeTransactions,
) -> None:
    transactions.fail_next_commit(RaceLost("deadlock detected"), times=ATTEMPTS)

    with pytest.raises(RaceLost):
        run_in_transaction(transactions, done)
    assert (transactions.begun, transactions.committed) == (ATTEMPTS, 0)


def test_a_lost_connection_is_tried_once_more_on_a_new_one(
    transactions: FakeTransactions,
) -> None:
    transactions.fail_next_commit(ConnectionLost("server closed the connection"))

    assert run_in_transaction(transactions, done) == "done"
    assert transactions.begun == 2


def test_a_connection_lost_twice_is_not_tried_a_third_time(
    transactions: FakeTransactions,
) -> None:
    transactions.fail_next_commit(ConnectionLost("server closed the connection"), times=2)

    with pytest.raises(ConnectionLost):
        run_in_transaction(transactions, done)
    assert transactions.begun == 2


def test_a_commit_that_may_have_landed_is_never_run_again(
    transactions: FakeTransactions,
) -> None:
    transactions.fail_next_commit(CommitUncertain("connection broke during COMMIT"))

    with pytest.raises(CommitUncertain):
        run_in_transaction(transactions, done)
    assert transactions.begun == 1


def test_work_that_fails_in_itself_is_not_run_again(transactions: FakeTransactions) -> None:
    def refused(tx: Transaction) -> str:
        raise ValueError("not a known unit")

    with pytest.raises(ValueError):
        run_in_transaction(transactions, refused)
    assert (transactions.begun, transactions.undone) == (1, 1)
