"""One unit of work, run again where that is safe.

A scan, a lead's action and a tester's file each run as one transaction. Two faults leave
nothing written and may pass if the work is simply done again: a race lost to another writer
(`RaceLost`: the work is judged again on what the other wrote, up to `ATTEMPTS` times in all)
and a connection lost before the commit was asked for (`ConnectionLost`: once more, on a new
connection; a kept one may have died idle). Everything else goes to the caller at once, the
commit that may have landed (`CommitUncertain`) above all: doing that work again could record
it twice.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from tracestation.station.ports import (
    ConnectionLost,
    RaceLost,
    RecordNotSaved,
    Transaction,
    Transactions,
)

T = TypeVar("T")
ATTEMPTS = 5


def run_in_transaction(
    transactions: Transactions,
    act: Callable[[Transaction], T],
    on_retry: Callable[[RecordNotSaved], None] | None = None,
) -> T:
    """`act` in a transaction of its own, committed; run again as the module says, with
    `on_retry` told why each time. The last fault, and any other, is raised."""
    reconnected = False
    for attempt in range(1, ATTEMPTS + 1):
        try:
            with transactions.begin() as tx:
                done = act(tx)
                tx.commit()
            return done
        except RaceLost as lost:
            if attempt == ATTEMPTS:
                raise
            fault: RecordNotSaved = lost
        except ConnectionLost as lost:
            if reconnected or attempt == ATTEMPTS:
                raise
            reconnected, fault = True, lost
        if on_retry is not None:
            on_retry(fault)
    raise AssertionError("unreachable: the last attempt returns or raises")
