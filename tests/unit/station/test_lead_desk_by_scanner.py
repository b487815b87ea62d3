"""The lead's desk by scanner: badge, PIN, reason and action as scans make one signed request;
every other scan is answered with what to scan, and the PIN never leaves the desk's state."""

from __future__ import annotations

from tracestation.messages.lead_desk import DeskSays
from tracestation.messages.scan_errors import ScanError
from tracestation.station.lead_requests import ChangeLotStatus, OpenNonconformance, ReprintLabel
from tracestation.station.lead_scans import DeskAnswer, LeadScans


def scan(*raws: str) -> tuple[LeadScans, DeskAnswer]:
    desk = LeadScans()
    answer = DeskAnswer((desk.prompt(),), taken=True)
    for raw in raws:
        desk, answer = desk.take(raw)
    return desk, answer


def said(answer: DeskAnswer) -> list[str]:
    return [message.render(params) for message, params in answer.says]


def test_badge_pin_reason_action_and_lot_make_one_signed_hold_request() -> None:
    desk, answer = scan("B-9001", "PIN:4321", "RSN:SUSPECT", "CMD:HOLD", "LOT:SCREW-M3/L-2291")
    request = answer.request
    assert isinstance(request, ChangeLotStatus)
    assert (request.signature.badge, request.signature.pin) == ("B-9001", "4321")
    assert (request.lot, request.action, request.reason) == ("SCREW-M3/L-2291", "hold", "SUSPECT")
    assert said(answer) == ["CMD:HOLD on SCREW-M3/L-2291, signed with badge B-9001: working..."]
    assert desk == LeadScans(), "the PIN is forgotten with the request it signed"


def test_each_step_says_what_to_scan_next() -> None:
    assert said(scan("B-9001")[1]) == ["Badge B-9001: scan your PIN."]
    assert said(scan("B-9001", "PIN:4321")[1]) == [
        "PIN read. Scan the reason code (RSN:...) from the command sheet."
    ]
    assert said(scan("B-9001", "PIN:4321", "RSN:DAMAGED", "CMD:REPRINT")[1]) == [
        "CMD:REPRINT: scan the unit (SN:...) or the carton label whose label is to be reprinted."
    ]


def test_a_pin_never_appears_in_what_the_desk_says_or_in_its_repr() -> None:
    desk, _ = scan("B-9001", "PIN:4321")
    assert "4321" not in repr(desk)
    _, refused = desk.take("PIN:43x1")
    assert not refused.taken
    assert not any("43x1" in text or "4321" in text for text in said(refused))


def test_a_pin_before_a_badge_is_refused_and_nothing_is_kept() -> None:
    desk, answer = scan("PIN:4321")
    assert not answer.taken
    assert answer.says[0] == (DeskSays.PIN_BEFORE_BADGE, {})
    assert desk == LeadScans()


def test_an_action_before_the_reason_is_refused_with_the_step_still_needed() -> None:
    desk, answer = scan("B-9001", "PIN:4321", "CMD:HOLD")
    assert not answer.taken and desk.command is None
    assert said(answer) == [
        "Scan your badge, PIN and a reason code (RSN:...) before the action.",
        "PIN read. Scan the reason code (RSN:...) from the command sheet.",
    ]


def test_an_operators_command_is_not_a_lead_action() -> None:
    _, answer = scan("B-9001", "PIN:4321", "RSN:SUSPECT", "CMD:DONE")
    assert said(answer)[0] == (
        "CMD:DONE is not a lead's action. Scan an action from the lead's command sheet."
    )


def test_a_unit_scanned_for_a_lot_action_is_refused_and_the_lot_is_still_asked_for() -> None:
    desk, answer = scan("B-9001", "PIN:4321", "RSN:SUSPECT", "CMD:QUARANTINE", "SN:PCBA-100/PCB-1")
    assert not answer.taken and answer.request is None
    assert said(answer) == [
        "SN:PCBA-100/PCB-1 is not what CMD:QUARANTINE needs.",
        "CMD:QUARANTINE: scan the lot (LOT:...).",
    ]
    assert desk.command is not None and desk.signed


def test_a_reprint_by_scan_carries_the_reason_and_reads_a_carton_sscc() -> None:
    _, unit = scan("B-9001", "PIN:4321", "RSN:LABEL-DAMAGED", "CMD:REPRINT", "SN:CTRL-500/CTRL-1")
    assert unit.request == ReprintLabel(
        unit.request.signature, "unit", "CTRL-500/CTRL-1", "LABEL-DAMAGED"
    )
    _, carton = scan("B-9001", "PIN:4321", "RSN:LABEL-LOST", "CMD:REPRINT", "00106141412345678908")
    assert isinstance(carton.request, ReprintLabel)
    assert (carton.request.kind, carton.request.subject) == ("container", "106141412345678908")


def test_a_nonconformance_by_scan_takes_its_subject_then_a_defect_code() -> None:
    desk, answer = scan("B-9001", "PIN:4321", "RSN:SUSPECT", "CMD:NC-REWORK", "SN:PCBA-100/PCB-1")
    assert said(answer) == ["CMD:NC-REWORK on PCBA-100/PCB-1: scan the defect code (DEF:...)."]
    _, done = desk.take("DEF:SOLDER-BRIDGE")
    request = done.request
    assert isinstance(request, OpenNonconformance)
    assert (request.subject_kind, request.subject, request.defect_code, request.disposition) == (
        "unit",
        "PCBA-100/PCB-1",
        "SOLDER-BRIDGE",
        "rework",
    )
    assert request.description == "SUSPECT: Suspected quality problem"


def test_cancel_forgets_the_signature() -> None:
    desk, answer = scan("B-9001", "PIN:4321", "CMD:CANCEL")
    assert desk == LeadScans() and answer.says == ((DeskSays.CANCELLED, {}),)


def test_another_badge_starts_a_new_signature() -> None:
    desk, _ = scan("B-9001", "PIN:4321", "RSN:SUSPECT", "CMD:HOLD", "B-9002")
    assert (desk.badge, desk.pin, desk.reason, desk.command) == ("B-9002", "", "", None)


def test_an_unreadable_scan_is_explained_by_the_decoder_and_keeps_the_steps() -> None:
    desk, answer = scan("B-9001", "QTY:abc")
    assert desk.badge == "B-9001"
    assert answer.says[0][0] is ScanError.QUANTITY_NOT_A_NUMBER
    assert said(answer)[1] == "Badge B-9001: scan your PIN."


def test_a_half_done_signature_is_forgotten_when_the_desk_times_out() -> None:
    desk, _ = scan("B-9001", "PIN:4321")
    forgotten, answer = desk.timed_out()
    assert forgotten == LeadScans()
    assert answer.says == ((DeskSays.TIMED_OUT, {}),)
