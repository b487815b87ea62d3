"""Which of the core's messages answers a lead's action (`LeadAnswer`, or the refusal's own
code), with the facts it is worded from. The words themselves are the core's, translated."""

from __future__ import annotations

from collections.abc import Callable

from tracestation.messages.base import Message
from tracestation.messages.lead_answers import LeadAnswer
from tracestation.station.lead_requests import LeadOutcome, LeadResult
from tracestation.ui.translate import render

_ANSWERS = {
    LeadResult.LOT_STATUS_CHANGED: LeadAnswer.LOT_STATUS_CHANGED,
    LeadResult.LOT_SPLIT: LeadAnswer.LOT_SPLIT,
    LeadResult.LOTS_MERGED: LeadAnswer.LOTS_MERGED,
    LeadResult.NONCONFORMANCE_OPENED: LeadAnswer.NONCONFORMANCE_OPENED,
    LeadResult.NONCONFORMANCE_CLOSED: LeadAnswer.NONCONFORMANCE_CLOSED,
    LeadResult.CONFLICT_RESOLVED: LeadAnswer.CONFLICT_RESOLVED,
    LeadResult.PIN_UNLOCKED: LeadAnswer.PIN_UNLOCKED,
    LeadResult.LABEL_REPRINTED: LeadAnswer.LABEL_REPRINTED,
    LeadResult.LABEL_SUBJECT_UNKNOWN: LeadAnswer.LABEL_SUBJECT_UNKNOWN,
    LeadResult.LABEL_SUBJECT_AMBIGUOUS: LeadAnswer.LABEL_SUBJECT_AMBIGUOUS,
    LeadResult.NOT_SAVED: LeadAnswer.STATION_FAILED,
    LeadResult.MAYBE_SAVED: LeadAnswer.MAYBE_SAVED,
    LeadResult.FAILED: LeadAnswer.STATION_FAILED,
}


def answer_to(
    outcome: LeadOutcome,
    action_name: Callable[[str], str],
    resolution_name: Callable[[str], str],
) -> tuple[Message, dict[str, str]]:
    """The message for `outcome` and its params; `action_name` and `resolution_name` word a
    lot action and a conflict's resolution in the installed language."""
    params = dict(outcome.params)
    if outcome.result is LeadResult.LOT_STATUS_CHANGED:
        params["action"] = action_name(params.get("status", ""))
    if outcome.result is LeadResult.CONFLICT_RESOLVED:
        params["conflict"] = params.get("conflict", "")[:8]
        params["resolution"] = resolution_name(params.get("resolution", ""))
    if outcome.result is LeadResult.LABEL_REPRINTED and params.get("printer_fault"):
        return LeadAnswer.LABEL_REPRINT_NOT_PRINTED, params
    if outcome.result in (LeadResult.NOT_SAVED, LeadResult.MAYBE_SAVED, LeadResult.FAILED):
        params["detail"] = outcome.detail
    answer = _ANSWERS.get(outcome.result)
    if answer is not None:
        return answer, params
    if outcome.refusal is not None:
        return LeadAnswer.NOT_DONE, {"detail": render(outcome.refusal, params)}
    return LeadAnswer.NOT_DONE, {"detail": outcome.result.value}
