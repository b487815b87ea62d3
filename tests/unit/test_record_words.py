"""A status or an operation kind in a message's facts is a code of the record; the window words
it from the `RecordWords` catalogue, which lists every code the record has."""

from __future__ import annotations

from collections.abc import Mapping

from tracestation.domain.model import LotStatus, OperationKind, UnitStatus
from tracestation.messages.base import Message
from tracestation.messages.record_words import RecordWord, worded_params


def coded(message: Message, params: Mapping[str, str]) -> str:
    return f"<{message.value}>"


def test_every_status_and_operation_kind_of_the_record_has_a_word() -> None:
    codes = {word.english for word in RecordWord}

    assert {s.value for s in (*UnitStatus, *LotStatus, *OperationKind)} <= codes


def test_a_status_and_a_kind_are_worded_and_other_facts_are_left_as_they_are() -> None:
    params = {"unit": "PCBA-100/PCB-9", "status": "in_process", "kind": "assemble"}

    assert worded_params(params, coded) == {
        "unit": "PCBA-100/PCB-9",
        "status": "<status_in_process>",
        "kind": "<kind_assemble>",
    }
    assert worded_params({"kind": "duplicate_serial"}, coded) == {"kind": "duplicate_serial"}
