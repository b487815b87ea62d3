"""The core's messages in the installed language.

The English of each code lives once, in `tracestation.messages`; Qt's translators hold its
translations under the catalogue's context (the source strings reach the .ts files through the
generated `translatable_messages` module). Call from the GUI thread.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import QCoreApplication

from tracestation.barcodes import gs1_field_words
from tracestation.messages import record_words
from tracestation.messages.base import Message, Said, fill
from tracestation.messages.catalogues import context_of


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks `text` for translation in `context`; PySide6's own is typed as returning object."""
    return text


def render(message: Message, params: Mapping[str, str] | None = None) -> str:
    """`message` in the installed language, with `params` filled in."""
    text = QCoreApplication.translate(context_of(message), message.english)
    # A GS1 field's title and form, a status, an operation's kind: worded in the window's
    # language too, not as biip's English or the record's codes.
    worded = record_words.worded_params(gs1_field_words.worded_params(params or {}, render), render)
    return fill(text, worded)


def render_all(said: Iterable[Said]) -> str:
    """Several messages as one text, in order."""
    return " ".join(render(message, params) for message, params in said)
