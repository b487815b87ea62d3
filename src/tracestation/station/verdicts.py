"""What the station decides about a scan, and what it reports back."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from tracestation.barcodes import shown_scan
from tracestation.domain.events import DomainEvent
from tracestation.domain.rules import Violation
from tracestation.messages.base import Said
from tracestation.messages.verdicts import Verdict
from tracestation.station.context import Context


class Outcome(StrEnum):
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    NEEDS_OVERRIDE = "needs_override"


class VerdictKind(StrEnum):
    """How a verdict looks to the operator. A failed test is recorded (its outcome is
    accepted) but is no pass: the window shows it apart, and the station asks for its defect."""

    ACCEPTED = "accepted"
    TEST_FAILED = "test_failed"
    REJECTED = "rejected"
    NEEDS_OVERRIDE = "needs_override"


@dataclass(frozen=True)
class UnitLabel:
    part: str
    serial: str


@dataclass(frozen=True)
class ContainerLabel:
    sscc: str


LabelToPrint = UnitLabel | ContainerLabel


@dataclass(frozen=True)
class Decision:
    """A handler's verdict. `code` and `params` are for people; what the station does with the
    verdict is in the typed fields: `context` to adopt once the events are durable, `labels` to
    print after the commit, `resume_work` to pick up the station's saved work, and for a rule a
    lead may waive, the rule and the subject the lead's deviation names."""

    outcome: Outcome
    code: Verdict
    params: dict[str, str] = field(default_factory=dict)
    events: tuple[DomainEvent, ...] = ()
    context: Context | None = None
    waivable_rule: str | None = None
    override_subject: str | None = None
    labels: tuple[LabelToPrint, ...] = ()
    resume_work: bool = False
    test_failed: bool = False


def accept(
    code: Verdict, context: Context | None = None, *events: DomainEvent, **params: str
) -> Decision:
    return Decision(Outcome.ACCEPTED, code, params, tuple(events), context)


def reject(code: Verdict, **params: str) -> Decision:
    return Decision(Outcome.REJECTED, code, params)


def refuse(violation: Violation) -> Decision:
    """Turn a rule violation into a rejection, or a request for a lead when it may be waived."""
    if violation.waivable:
        return Decision(
            Outcome.NEEDS_OVERRIDE,
            violation.code,
            violation.params,
            waivable_rule=violation.code,
            override_subject=violation.subject,
        )
    return Decision(Outcome.REJECTED, violation.code, violation.params)


@dataclass(frozen=True)
class ScanResult:
    """The station's answer to one scan, as the window, the headless runner and replay show it.

    `scan` is the scan as it may be shown (`shown_scan`): a PIN reads `PIN:****` and bytes that
    are not text are spelled out (`\\xff`), whoever builds the result.
    """

    scan: str
    outcome: Outcome
    code: Verdict
    message: str
    event_ids: tuple[str, ...] = ()
    prompt: str = ""
    params: dict[str, str] = field(default_factory=dict)
    prompt_code: Verdict | None = None
    prompt_params: dict[str, str] = field(default_factory=dict)
    # Extra remarks as (code, params), e.g. (Verdict.OVERRIDE_CANCELLED, {}); `message` already
    # carries their English text, a translated view renders them itself.
    notes: tuple[tuple[Verdict, dict[str, str]], ...] = ()
    # Why an unreadable scan (`Verdict.UNREADABLE`) could not be read, as the decoder's codes:
    # its `detail` in English is these sentences joined, a translated view renders them itself.
    problems: tuple[Said, ...] = ()
    test_failed: bool = False  # accepted: a unit's failed test is on record

    def __post_init__(self) -> None:
        object.__setattr__(self, "scan", shown_scan(self.scan))

    @property
    def kind(self) -> VerdictKind:
        if self.outcome is Outcome.ACCEPTED and self.test_failed:
            return VerdictKind.TEST_FAILED
        return VerdictKind(self.outcome.value)

    @property
    def event_id(self) -> str | None:
        return self.event_ids[0] if self.event_ids else None

    def to_json(self) -> dict[str, Any]:
        return {
            "scan": self.scan,
            "outcome": self.outcome.value,
            "message": self.message,
            "event_id": self.event_id,
            "code": self.code,
            "verdict": self.kind.value,
        }
