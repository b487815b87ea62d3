"""The station: one scan in, one verdict out, durable before it is reported accepted.

`Station.scan` is the operator's hot path and one unit of work: the reads the verdict depends
on, the events with their projections and the station's work memory commit in one transaction.
Only then is the verdict adopted; what follows the commit (labels, the next prompt) can fail
without turning an accepted scan into "nothing was recorded". A transaction that lost a race to
another station is judged again on what that station wrote.

Not thread-safe: one thread owns a station (the GUI's database worker, the headless runner's
main loop, replay).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime

from tracestation.barcodes import Decoded, DecodeOptions, decode, shown_scan
from tracestation.domain import pins
from tracestation.domain.events import ContainerClosed, DeviationRecorded
from tracestation.domain.model import Operator
from tracestation.messages.verdicts import LABEL_VERDICTS, Verdict
from tracestation.station.context import Context, PendingOverride
from tracestation.station.dispatch import decide
from tracestation.station.env import Env, StationSettings
from tracestation.station.ports import (
    Clock,
    CommitUncertain,
    LabelPrinter,
    PinVerifier,
    PlantReader,
    RaceLost,
    RecordNotSaved,
    RejectedScan,
    Signature,
    Transaction,
    Transactions,
)
from tracestation.station.prompts import ChecklistLine, checklist_for, prompt_for
from tracestation.station.resolve import BadgeScan, PinScan, ReasonScan, Thing, resolve
from tracestation.station.resume import resume_params, resumed, work_of
from tracestation.station.retry import run_in_transaction
from tracestation.station.verdicts import (
    ContainerLabel,
    Decision,
    LabelToPrint,
    Outcome,
    ScanResult,
    accept,
    reject,
)

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Judged:
    """A verdict decided inside the transaction, waiting for its commit."""

    result: ScanResult
    decision: Decision


@dataclass(frozen=True)
class _Told:
    """What the operator is told after a scan, read inside its transaction: kept for the one
    question the window asks right after the verdict, while the context is the same."""

    context: Context
    prompt: tuple[Verdict, dict[str, str]]
    checklist: tuple[ChecklistLine, ...] | None
    fresh_prompt: bool = True


@dataclass(frozen=True)
class _Work:
    """The scan in progress: the station's environment read inside its transaction."""

    env: Env
    tx: Transaction


class Station:
    def __init__(
        self,
        settings: StationSettings,
        plant: PlantReader,
        transactions: Transactions,
        clock: Clock,
        pins: PinVerifier,
        printer: LabelPrinter,
        decode_options: DecodeOptions | None = None,
    ) -> None:
        self.env = Env(plant, clock, settings)
        self.transactions = transactions
        self.pins = pins
        self.printer = printer
        self.decode_options = decode_options or DecodeOptions()
        self.context = Context()
        self._last_scan: tuple[str, datetime] | None = None
        self._manual = False
        self._told: _Told | None = None

    @property
    def station_id(self) -> str:
        return self.env.settings.station_id

    def scan(self, raw: str, *, manual: bool = False) -> ScanResult:
        """Judge one scan. `manual` marks text typed in for a damaged label; the journal says so.

        Never raises for a scan: a fault of the record or of the station itself is reported as
        a rejection that says nothing was recorded, and then nothing was.
        """
        self._manual = manual
        self._told = None
        now = self.env.clock.now()
        before = (self.context, self._last_scan)

        def judge(tx: Transaction) -> tuple[_Judged, _Told | None]:
            self.context, self._last_scan = before  # each attempt judges the scan afresh
            work = _Work(replace(self.env, plant=tx.plant, identities=tx.identities), tx)
            work.env.plant.refresh(self.context.unit)
            judged = self._judge(raw, now, work)
            _keep_print_jobs(judged, tx)
            return judged, self._told_within(work)

        try:
            judged, told = run_in_transaction(
                self.transactions, judge, lambda fault: _judged_again(raw, fault)
            )
        except CommitUncertain as unsure:
            # Maybe recorded: judging it again could record it twice.
            self.context, self._last_scan = before
            return self._fault(raw, Verdict.RECORD_UNCERTAIN, str(unsure))
        except RecordNotSaved as fault:  # a race lost every time, a connection lost twice
            self.context, self._last_scan = before
            return self._fault(raw, Verdict.RECORD_NOT_SAVED, str(fault))
        except Exception as fault:  # the operator must get an answer whatever went wrong
            self.context, self._last_scan = before
            _log.exception("station fault on scan %r", _visible(raw))
            return self._fault(raw, Verdict.STATION_FAULT, f"{type(fault).__name__}: {fault}")
        return self._after_commit(judged, told)

    def _told_within(self, work: _Work) -> _Told | None:
        """The next prompt (and the checklist, when assembling), read in the scan's own
        transaction: the state the commit makes durable, without another transaction after
        it. None when that failed: they are asked again after the commit."""
        try:
            prompt = prompt_for(self.context, work.env)
            checklist = tuple(checklist_for(self.context, work.env))
        except Exception:  # the verdict does not depend on it
            _log.exception("no prompt within the scan's transaction")
            return None
        return _Told(self.context, prompt, checklist)

    def _after_commit(self, judged: _Judged, told: _Told | None = None) -> ScanResult:
        """Labels and the next prompt. The verdict is durable: nothing here may undo it."""
        result = judged.result
        if result.outcome is Outcome.ACCEPTED:
            printer_fault = self._print_after(judged.decision)
            if printer_fault:
                fault_note = (Verdict.LABEL_NOT_PRINTED, {"detail": printer_fault})
                result = replace(result, notes=(*result.notes, fault_note))
            if _labels_of(judged.decision):
                result = replace(result, message=self._label_told(result, printer_fault))
        self._told = told
        try:
            prompt_code, prompt_params = told.prompt if told else self.prompt_code()
        except Exception:  # the record stands; the operator still gets the verdict
            _log.exception("no prompt after scan %r", _visible(result.scan))
            return result
        return replace(
            result,
            prompt=prompt_code.render(prompt_params),
            prompt_code=prompt_code,
            prompt_params=prompt_params,
        )

    def _fault(self, raw: str, code: Verdict, detail: str) -> ScanResult:
        self.context = replace(self.context, override=None)
        params = {"detail": detail}
        operator = self.context.operator.badge if self.context.operator else None
        rejected = RejectedScan(
            self.station_id,
            self.env.clock.now(),
            operator,
            shown_scan(raw),
            code,
            code.render(params),
        )
        try:
            self.transactions.log_rejection(rejected)
        except Exception:  # the database may be what failed: the operator still gets the verdict
            _log.exception("faulted scan %r could not be logged", _visible(raw))
        try:
            prompt_code, prompt_params = self.prompt_code()
        except Exception:  # the record may be what failed; the verdict still goes out
            prompt_code, prompt_params = None, {}
        return ScanResult(
            shown_scan(raw),
            Outcome.REJECTED,
            code,
            code.render(params),
            (),
            prompt_code.render(prompt_params) if prompt_code else "",
            params,
            prompt_code,
            prompt_params,
        )

    def _judge(self, raw: str, now: datetime, work: _Work) -> _Judged:
        if self._is_duplicate(raw, now):
            return self._conclude(
                raw, reject(Verdict.DUPLICATE_SCAN, scan=_visible(raw)), now, work
            )
        self._last_scan = (raw, now)
        decoded = decode(raw, self.decode_options)
        if decoded.error is not None:
            self.context = replace(self.context, override=None)
            unreadable = reject(Verdict.UNREADABLE, detail=decoded.error)
            judged = self._conclude(raw, unreadable, now, work)
            return replace(judged, result=replace(judged.result, problems=decoded.problems))
        plant = work.env.plant
        thing = resolve(decoded, plant, self._expected_parts(plant), self.context.part)
        if self.context.override is not None:
            return self._override_step(raw, decoded, thing, now, work)
        decision = decide(thing, self.context, work.env, frozenset())
        return self._conclude(raw, decision, now, work, decoded)

    def refuse_incomplete(self, raw: str, *, overflow: bool) -> ScanResult:
        """A device delivered half a barcode or a burst of noise: reject it with the reason."""
        code = Verdict.SCAN_OVERFLOW if overflow else Verdict.SCAN_PARTIAL
        decision = reject(code, scan=_visible(raw))
        now = self.env.clock.now()
        try:
            with self.transactions.begin() as tx:
                work = _Work(replace(self.env, plant=tx.plant, identities=tx.identities), tx)
                judged = self._conclude(raw, decision, now, work)
                tx.commit()
        except Exception:  # only the log line is lost; the verdict stands
            _log.exception("incomplete scan %r could not be logged", _visible(raw))
            message = code.render(decision.params)
            shown = shown_scan(raw)
            judged = _Judged(ScanResult(shown, Outcome.REJECTED, code, message), decision)
        return self._after_commit(judged)

    def checklist(self) -> list[ChecklistLine]:
        """The current unit's BOM lines at this operation, with what is installed so far.
        Asked once right after a scan (the window does), it is what that scan's transaction
        read; any other time it is read now."""
        told = self._told
        if told is not None and told.context is self.context and told.checklist is not None:
            self._told = replace(told, checklist=None)
            return list(told.checklist)
        return checklist_for(self.context, self.env)

    def prompt(self) -> str:
        code, params = self.prompt_code()
        return code.render(params)

    def prompt_code(self) -> tuple[Verdict, dict[str, str]]:
        """What to scan next, as a code and its facts (the window translates them). Asked
        once right after a scan, it is what that scan's transaction read."""
        told = self._told
        if told is not None and told.context is self.context and told.fresh_prompt:
            self._told = replace(told, fresh_prompt=False)
            return told.prompt
        return prompt_for(self.context, self.env)

    def _is_duplicate(self, raw: str, now: datetime) -> bool:
        if self._last_scan is None:
            return False
        last_raw, last_time = self._last_scan
        window = self.env.settings.duplicate_window_seconds
        return raw == last_raw and (now - last_time).total_seconds() < window

    def _expected_parts(self, plant: PlantReader) -> frozenset[str]:
        ctx = self.context
        if ctx.work_order is None:
            return frozenset()
        parts = {ctx.work_order.part}
        if ctx.operation is not None:
            parts.update(
                line.child for line in plant.bom_lines(ctx.work_order.part, ctx.operation.code)
            )
        return frozenset(parts)

    def _override_step(
        self, raw: str, decoded: Decoded, thing: Thing, now: datetime, work: _Work
    ) -> _Judged:
        pending = self.context.override
        assert pending is not None
        if isinstance(thing, BadgeScan) and thing.operator.is_lead:
            locked = _locked_pin(
                thing.operator, now, work.env.plant.pin_state(thing.operator.badge)
            )
            if locked is not None:  # the lead is told now, not after typing the PIN
                return self._conclude(raw, locked, now, work)
            self.context = replace(
                self.context,
                override=replace(pending, lead=thing.operator, pin_ok=False, failed_pins=0),
            )
            decision = accept(Verdict.OVERRIDE_LEAD, self.context, name=thing.operator.name)
            return self._conclude(raw, decision, now, work)
        if isinstance(thing, PinScan) and pending.lead is not None:
            return self._override_pin(raw, thing, pending, now, work)
        if isinstance(thing, ReasonScan):
            self.context = replace(self.context, override=replace(pending, reason=thing.code))
            return self._try_waive(raw, now, work)
        if isinstance(thing, PinScan):
            return self._conclude(raw, reject(Verdict.OVERRIDE_NEEDS_LEAD_BADGE), now, work)
        self.context = replace(self.context, override=None)
        decision = decide(thing, self.context, work.env, frozenset())
        judged = self._conclude(raw, decision, now, work, decoded)
        result = judged.result
        return replace(
            judged,
            result=replace(
                result,
                message=Verdict.OVERRIDE_CANCELLED.render() + " " + result.message,
                notes=((Verdict.OVERRIDE_CANCELLED, {}), *result.notes),
            ),
        )

    def _override_pin(
        self, raw: str, scan: PinScan, pending: PendingOverride, now: datetime, work: _Work
    ) -> _Judged:
        """Check the lead's PIN against the record's count of wrong tries for the badge. The
        try's events (a wrong PIN, a lock, a lock that ran out) are written in this scan's unit
        of work, with the rejected-scan row when the PIN is refused."""
        lead = pending.lead
        assert lead is not None
        pin_hash = lead.pin_hash
        tried = pins.attempt(
            lead,
            work.env.plant.pin_state(lead.badge),
            lambda: pin_hash is not None and self.pins.verify(pin_hash, scan.pin),
            now,
            self.env.settings.pin_policy,
            during=f"waive {pending.rule}",
        )
        if tried.events:
            operator = self.context.operator.badge if self.context.operator else None
            work.tx.journal.record(tried.events, operator=operator, manual=self._manual)
        if tried.accepted:
            self.context = replace(self.context, override=replace(pending, pin_ok=True))
            return self._try_waive(raw, now, work)
        if tried.verdict is pins.PinVerdict.WRONG:
            failed = replace(pending, failed_pins=tried.failures)
            self.context = replace(self.context, override=failed)
            left = {"left": str(tried.left), "limit": str(tried.limit)}
            return self._conclude(
                raw, reject(Verdict.OVERRIDE_BAD_PIN, name=lead.name, **left), now, work
            )
        # Locked: this lead cannot sign until the lock ends; another lead still may.
        self.context = replace(
            self.context, override=replace(pending, lead=None, pin_ok=False, failed_pins=0)
        )
        assert tried.locked_until is not None
        facts = pins.lock_facts(lead.name, tried.failures, tried.locked_until, now)
        code = (
            Verdict.OVERRIDE_PIN_LOCKED
            if tried.verdict is pins.PinVerdict.LOCKED_NOW
            else Verdict.PIN_LOCKED
        )
        return self._conclude(raw, reject(code, **facts), now, work)

    def _try_waive(self, raw: str, now: datetime, work: _Work) -> _Judged:
        pending = self.context.override
        assert pending is not None
        if pending.lead is None or not pending.pin_ok:
            reason = pending.reason or ""
            decision = accept(Verdict.OVERRIDE_REASON_SET, self.context, reason=reason)
            return self._conclude(raw, decision, now, work)
        if pending.reason is None:
            decision = accept(Verdict.OVERRIDE_PIN_OK, self.context, name=pending.lead.name)
            return self._conclude(raw, decision, now, work)
        base = replace(self.context, override=None)
        plant = work.env.plant
        thing = resolve(pending.scan, plant, self._expected_parts(plant), base.part)
        decision = decide(thing, base, work.env, frozenset({pending.rule}))
        if decision.outcome is not Outcome.ACCEPTED:
            self.context = base
            return self._conclude(raw, decision, now, work)
        work_order = base.work_order.number if base.work_order else None
        deviation = DeviationRecorded(
            pending.rule, pending.subject, work_order, pending.reason, pending.lead.badge
        )
        signed = replace(
            decision,
            events=(*decision.events, deviation),
            code=Verdict.OVERRIDE_APPLIED,
            params={**decision.params, "rule": pending.rule, "name": pending.lead.name},
        )
        signature = Signature(pending.lead.badge, f"waived {pending.rule}", pending.lead.name)
        return self._conclude(raw, signed, now, work, reason=pending.reason, signature=signature)

    def _conclude(
        self,
        raw: str,
        decision: Decision,
        now: datetime,
        work: _Work,
        decoded: Decoded | None = None,
        *,
        reason: str | None = None,
        signature: Signature | None = None,
    ) -> _Judged:
        """Write what the decision calls for inside the scan's transaction. The prompt and the
        labels come after the commit (`_after_commit`)."""
        message = decision.code.render(decision.params)
        notes: tuple[tuple[Verdict, dict[str, str]], ...] = ()
        event_ids: list[str] = []
        if decision.outcome is Outcome.ACCEPTED:
            if decision.events:
                operator = self.context.operator.badge if self.context.operator else None
                event_ids = work.tx.journal.record(
                    decision.events,
                    operator=operator,
                    reason=reason,
                    signature=signature,
                    manual=self._manual,
                )
            if decision.context is not None:
                notes = self._adopt(decision.context, decision.resume_work, work)
                if notes:
                    message = f"{message} {notes[0][0].render(notes[0][1])}"
        else:
            if (
                decision.outcome is Outcome.NEEDS_OVERRIDE
                and decoded is not None
                and decision.waivable_rule
            ):
                subject = decision.override_subject or raw
                self.context = replace(
                    self.context, override=PendingOverride(decoded, decision.waivable_rule, subject)
                )
            operator = self.context.operator.badge if self.context.operator else None
            shown = shown_scan(raw)  # a PIN masked, bytes that are not text spelled out
            rejected = RejectedScan(self.station_id, now, operator, shown, decision.code, message)
            work.tx.journal.log_rejection(rejected)
        result = ScanResult(
            scan=shown_scan(raw),
            outcome=decision.outcome,
            code=decision.code,
            message=message,
            event_ids=tuple(event_ids),
            params=decision.params,
            notes=notes,
            test_failed=decision.outcome is Outcome.ACCEPTED and decision.test_failed,
        )
        return _Judged(result, decision)

    def _adopt(
        self, context: Context, resume_work: bool, work: _Work
    ) -> tuple[tuple[Verdict, dict[str, str]], ...]:
        """Take on the new context; remember the work, or resume it at log-in. Runs inside the
        scan's transaction: if the scan is undone, so is this (`scan` restores the context)."""
        before = work_of(self.context)
        self.context = context
        memory = work.tx.memory
        if resume_work:
            saved = memory.recall(self.station_id)
            restored = resumed(saved, context, work.env) if saved else None
            if restored is not None:
                self.context = restored
                return ((Verdict.WORK_RESUMED, resume_params(restored)),)
        after = work_of(self.context)
        if after != before and after is not None:
            memory.remember(self.station_id, after)
        return ()

    def _label_told(self, result: ScanResult, printer_fault: str | None) -> str:
        """The verdict's English with the truth of its label: printed, the printer's words, or
        no printer configured (what the core's own sentence cannot know before printing)."""
        short = LABEL_VERDICTS.get(result.code)
        said = short.render(result.params) if short is not None else result.message
        if printer_fault:
            state = Verdict.LABEL_NOT_PRINTED.render({"detail": printer_fault})
        elif not self.env.settings.has_printer:
            state = Verdict.NO_PRINTER.render({})
        else:
            state = Verdict.LABEL_PRINTED.render({})
        return f"{said} {state}"

    def _print_after(self, decision: Decision) -> str | None:
        """Hand the print jobs the scan's unit of work kept to the printer; returns the
        printer's words when a label did not print. A printer fault never undoes the scan, and
        the job stays in the record to be tried again."""
        if not _labels_of(decision):
            return None
        try:
            return self.printer.print_waiting()
        except Exception as fault:  # a printer adapter may fail in any way; the record stands
            return str(fault) or type(fault).__name__


def _locked_pin(lead: Operator, now: datetime, state: pins.PinState) -> Decision | None:
    """A rejection saying the lead's PIN is locked and until when, or None when it is not."""
    if not state.locked(now) or state.locked_until is None:
        return None
    return reject(
        Verdict.PIN_LOCKED, **pins.lock_facts(lead.name, state.failures, state.locked_until, now)
    )


def _keep_print_jobs(judged: _Judged, tx: Transaction) -> None:
    """Inside the scan's unit of work: a print job for each label an accepted scan calls for,
    so no accepted unit or closed carton is left without its label's job."""
    if judged.result.outcome is Outcome.ACCEPTED:
        for label in _labels_of(judged.decision):
            tx.print_jobs.enqueue(label)


def _labels_of(decision: Decision) -> tuple[LabelToPrint, ...]:
    """The decision's labels, and every closed carton's: closing a carton prints its label."""
    closed = tuple(
        ContainerLabel(event.sscc)
        for event in decision.events
        if isinstance(event, ContainerClosed)
    )
    return (*decision.labels, *closed)


def _judged_again(raw: str, fault: RecordNotSaved) -> None:
    if isinstance(fault, RaceLost):
        _log.info("scan %r lost a race (%s); judged again", _visible(raw), fault)
    else:
        _log.warning("scan %r: connection lost (%s); judged again", _visible(raw), fault)


def _visible(raw: str) -> str:
    """A scan for a log line: as shown anywhere (`shown_scan`), GS named, cut short."""
    return shown_scan(raw).strip().replace("\x1d", "<GS>")[:80]
