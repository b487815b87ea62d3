"""Every catalogue of messages, by the translation context the window's translations use."""

from __future__ import annotations

from tracestation.messages.base import Message
from tracestation.messages.gs1_words import GS1Word
from tracestation.messages.lead_answers import LeadAnswer
from tracestation.messages.lead_desk import DeskSays, LeadCommand, LeadReason
from tracestation.messages.record_words import RecordWord
from tracestation.messages.refusals import Refusal
from tracestation.messages.scan_errors import ScanError
from tracestation.messages.verdicts import Verdict

# "LeadPage" is the lead panel's own context: its answers share it with the panel's words.
CATALOGUES: dict[str, type[Message]] = {
    "Verdicts": Verdict,
    "Refusals": Refusal,
    "ScanErrors": ScanError,
    "LeadPage": LeadAnswer,
    "LeadDesk": DeskSays,
    "LeadCommands": LeadCommand,
    "LeadReasons": LeadReason,
    "GS1Words": GS1Word,
    "RecordWords": RecordWord,
}


def context_of(message: Message) -> str:
    return next(name for name, kind in CATALOGUES.items() if isinstance(message, kind))
