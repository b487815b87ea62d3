"""The station's verdicts and prompts in the operator's language (the English is the core's,
`tracestation.messages.verdicts`). Call from the GUI thread."""

from __future__ import annotations

from tracestation.messages.verdicts import LABEL_VERDICTS, Verdict
from tracestation.station.verdicts import ScanResult
from tracestation.ui.translate import render, render_all


def render_result(result: ScanResult, *, printer: bool | None = None) -> str:
    """The verdict's message in the installed language, with the core's notes (a cancelled
    override before it, a label that did not print after it). An unreadable scan says why in
    the decoder's own words, translated.

    `printer` says whether this station has a printer (None: as the core says it). A verdict that
    prints a label then says the truth of it: printed, not printed with the printer's words, or
    "No printer configured: label not printed."."""
    notes = result.notes
    before = [(code, params) for code, params in notes if code == Verdict.OVERRIDE_CANCELLED]
    after = [(code, params) for code, params in notes if code != Verdict.OVERRIDE_CANCELLED]
    state: list[str] = []
    if result.code == Verdict.UNREADABLE and result.problems:
        verdict = render_all(result.problems)
    elif printer is not None and result.code in LABEL_VERDICTS:
        verdict = render(LABEL_VERDICTS[result.code], result.params)
        failed = any(code == Verdict.LABEL_NOT_PRINTED for code, _ in notes)
        if not printer:
            state = [render(Verdict.NO_PRINTER)]
        elif not failed:  # when it failed, the note names the printer's words
            state = [render(Verdict.LABEL_PRINTED)]
    else:
        verdict = render(result.code, result.params)
    parts = (render_all(before), verdict, *state, render_all(after))
    return " ".join(part for part in parts if part)
