"""A message code that carries its English: the one place a sentence is written.

Each catalogue is an enum of `Message`: a member's value is its code (what JSON output, the
journal's rejected scans and tests see), and `english` is the sentence with `{placeholders}` for
the facts the code comes with. The CLI, replay and the headless runner print `english`; the
window translates the same sentence through Qt (its source strings are generated from these
enums, see `tracestation.messages.generate`).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Self


class Message(StrEnum):
    english: str

    def __new__(cls, code: str, english: str) -> Self:
        member = str.__new__(cls, code)
        member._value_ = code
        member.english = english
        return member

    def render(self, params: Mapping[str, str] | None = None) -> str:
        """The English sentence with `params` filled in (the sentence as is if one is missing)."""
        return fill(self.english, params or {})


# What a message says, as data: its code and the facts it is worded from.
Said = tuple[Message, dict[str, str]]


def fill(template: str, params: Mapping[str, str]) -> str:
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template


def said(message: Message, **params: str) -> Said:
    return message, params
