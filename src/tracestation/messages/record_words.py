"""The record's codes a sentence names as facts: a unit's or a lot's status, an operation's kind.

The core puts the code itself in a message's facts (`status=in_process`, `kind=assemble`): the
CLI prints it as it is, and the window words it in its language from this catalogue
(`worded_params`), so a translated verdict carries no English code.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from tracestation.messages.base import Message


class RecordWord(Message):
    # a unit's status
    STATUS_IN_PROCESS = "status_in_process", "in_process"
    STATUS_FINISHED = "status_finished", "finished"
    STATUS_PASSED = "status_passed", "passed"
    STATUS_FAILED = "status_failed", "failed"
    STATUS_IN_REWORK = "status_in_rework", "in_rework"
    STATUS_SCRAPPED = "status_scrapped", "scrapped"
    STATUS_PACKED = "status_packed", "packed"
    STATUS_SHIPPED = "status_shipped", "shipped"
    # a lot's status
    STATUS_RELEASED = "status_released", "released"
    STATUS_HOLD = "status_hold", "hold"
    STATUS_QUARANTINE = "status_quarantine", "quarantine"
    STATUS_REJECTED = "status_rejected", "rejected"
    STATUS_CONSUMED = "status_consumed", "consumed"
    # an operation's kind
    KIND_CONSUME = "kind_consume", "consume"
    KIND_ASSEMBLE = "kind_assemble", "assemble"
    KIND_TEST = "kind_test", "test"
    KIND_PACK = "kind_pack", "pack"
    KIND_INSPECT = "kind_inspect", "inspect"


# The facts worded from this catalogue: the fact's name -> the prefix of its codes.
_WORDED = {"status": "status_", "kind": "kind_"}
_BY_CODE = {word.value: word for word in RecordWord}


def worded_params(
    params: Mapping[str, str], render: Callable[[Message, Mapping[str, str]], str]
) -> dict[str, str]:
    """`params` with a status or operation kind worded by `render`; a code not listed (a
    conflict's kind, a status a newer centre knows) is left as it is."""
    worded = dict(params)
    for name, prefix in _WORDED.items():
        word = _BY_CODE.get(prefix + params.get(name, ""))
        if word is not None:
            worded[name] = render(word, {})
    return worded
