"""Lead PINs that cannot be guessed: wrong tries counted per badge, a lock after too many.

Pure rules. Whoever checks a PIN (the station core at an override, the lead desk for the window
and the command line) reads the badge's `PinState` inside its unit of work, calls `attempt`,
records the events it returns in that same unit of work — also, and above all, when the try is
refused — and goes on only when it is accepted. The count lives in the record (the `pin_states`
projection of these events), so tries add up across scans, stations, the window and the command
line on one database; rescanning the lot and the badge gives no fresh tries.

A lock ends when its time runs out (the next try records `PinUnlocked` with cause
"lockout_expired") or when another lead unlocks it (`unlock_by_lead`, a signed action).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from tracestation.domain.events import (
    DomainEvent,
    PinFailuresCleared,
    PinLocked,
    PinRejected,
    PinUnlocked,
)
from tracestation.domain.model import Operator
from tracestation.domain.refusals import Refused
from tracestation.messages.refusals import Refusal

DEFAULT_MAX_PIN_ATTEMPTS = 5
DEFAULT_PIN_LOCKOUT_MINUTES = 30
LOCKOUT_EXPIRED = "lockout_expired"
UNLOCKED_BY_LEAD = "lead"


class PinRefused(Refused):
    """A PIN action (an unlock) that does not fit the PIN's state."""


@dataclass(frozen=True)
class PinPolicy:
    """How many wrong tries in a row lock a PIN, and for how long."""

    max_attempts: int = DEFAULT_MAX_PIN_ATTEMPTS
    lockout_minutes: int = DEFAULT_PIN_LOCKOUT_MINUTES

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError("max_pin_attempts must be at least 1")
        if self.lockout_minutes < 1:
            raise ValueError("pin_lockout_minutes must be at least 1")

    @property
    def lockout(self) -> timedelta:
        return timedelta(minutes=self.lockout_minutes)


@dataclass(frozen=True)
class PinState:
    """What the record says of a badge's PIN: wrong tries in a row, and the lock, if any."""

    badge: str
    failures: int = 0
    locked_until: datetime | None = None

    def locked(self, now: datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until

    @property
    def clean(self) -> bool:
        return self.failures == 0 and self.locked_until is None


class PinVerdict(StrEnum):
    ACCEPTED = "accepted"
    WRONG = "wrong"  # wrong, with tries left
    LOCKED_NOW = "locked_now"  # wrong, and this try locked it
    LOCKED = "locked"  # locked already: the PIN was not even checked


@dataclass(frozen=True)
class PinAttempt:
    """The outcome of one try and the events that record it (record them even when refused)."""

    verdict: PinVerdict
    events: tuple[DomainEvent, ...]
    failures: int
    limit: int
    locked_until: datetime | None = None

    @property
    def accepted(self) -> bool:
        return self.verdict is PinVerdict.ACCEPTED

    @property
    def left(self) -> int:
        return max(self.limit - self.failures, 0)


def attempt(
    lead: Operator,
    state: PinState,
    pin_is_right: Callable[[], bool],
    now: datetime,
    policy: PinPolicy,
    *,
    during: str,
) -> PinAttempt:
    """Judge one try of `lead`'s PIN. `pin_is_right` is asked only when the PIN is not locked,
    so a locked PIN tells nothing about a guess."""
    limit = policy.max_attempts
    badge, name = lead.badge, lead.name
    if state.locked(now):
        rejected = PinRejected(badge, name, state.failures, limit, during, while_locked=True)
        return PinAttempt(PinVerdict.LOCKED, (rejected,), state.failures, limit, state.locked_until)
    events: list[DomainEvent] = []
    if state.locked_until is not None:  # its time ran out: on the record before the next try
        events.append(PinUnlocked(badge, name, LOCKOUT_EXPIRED))
        state = PinState(badge)
    if pin_is_right():
        if state.failures:
            events.append(PinFailuresCleared(badge, name, state.failures))
        return PinAttempt(PinVerdict.ACCEPTED, tuple(events), 0, limit)
    failures = state.failures + 1
    events.append(PinRejected(badge, name, failures, limit, during))
    if failures < limit:
        return PinAttempt(PinVerdict.WRONG, tuple(events), failures, limit)
    until = now + policy.lockout
    events.append(PinLocked(badge, name, failures, until.isoformat()))
    return PinAttempt(PinVerdict.LOCKED_NOW, tuple(events), failures, limit, until)


def unlock_by_lead(lead: Operator, target: Operator, state: PinState) -> PinUnlocked:
    """Another lead ends the lock on `target`'s PIN (and clears its wrong tries)."""
    if lead.badge == target.badge:
        raise PinRefused(Refusal.UNLOCK_OWN_PIN, name=lead.name)
    if state.clean:
        raise PinRefused(Refusal.PIN_NOT_LOCKED, name=target.name, badge=target.badge)
    return PinUnlocked(target.badge, target.name, UNLOCKED_BY_LEAD, lead.badge, lead.name)


def lock_facts(name: str, failures: int, until: datetime, now: datetime) -> dict[str, str]:
    """The facts a message about a locked PIN needs: whose, after how many tries, until when
    (the local time of day, with the date when it is not today)."""
    return {"name": name, "attempts": str(failures), "until": local_time(until, now)}


def local_time(moment: datetime, now: datetime) -> str:
    """`moment` to the minute in the station's time zone, rounded up: the PIN is still locked
    at the time shown."""
    local, today = moment.astimezone(), now.astimezone()
    if local.second or local.microsecond:
        local = local.replace(second=0, microsecond=0) + timedelta(minutes=1)
    if local.date() == today.date():
        return local.strftime("%H:%M")
    return local.strftime("%Y-%m-%d %H:%M")
