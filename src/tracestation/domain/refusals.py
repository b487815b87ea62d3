"""Refusals of lead actions, as codes with facts (`tracestation.messages.refusals.Refusal`);
the English is the code's own, and the window renders the same codes in the operator's language."""

from __future__ import annotations

from tracestation.messages.refusals import Refusal


class Refused(ValueError):
    """An action refused before anything was written; `code` and `params` say why."""

    def __init__(self, code: Refusal, **params: str) -> None:
        self.code = code
        self.params = params
        super().__init__(code.render(params))
