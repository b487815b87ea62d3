"""A GS1 field's title and the form of its data, as message codes a caller words.

`describe_format` gives the CLI's English ('up to 20 characters'); the window passes its own
`render` to `worded_params`, which re-words the `title` and `format` of a scan error that names
an AI, so a translated sentence carries no English. Pure: no Qt here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from tracestation.messages.base import Message, Said, said
from tracestation.messages.gs1_words import GS1Word

if TYPE_CHECKING:
    from biip.gs1_application_identifiers import GS1ApplicationIdentifier

DATE_AIS = frozenset({"11", "12", "13", "15", "16", "17"})
Render = Callable[[Message, Mapping[str, str]], str]


def english(message: Message, params: Mapping[str, str]) -> str:
    return message.render(params)


def format_words(ai: GS1ApplicationIdentifier) -> tuple[Said, ...]:
    """`N2+X..20` -> up to 20 characters: what the data after the AI must look like."""
    if ai.ai in DATE_AIS:
        return (said(GS1Word.DATE),)
    parts = ai.format.split("+")[1:] or [ai.format]
    return tuple(_component(part) for part in parts)


def describe_format(ai: GS1ApplicationIdentifier, render: Render = english) -> str:
    words = [render(message, params) for message, params in format_words(ai)]
    text = words[0]
    for after in words[1:]:
        text = render(GS1Word.THEN, {"before": text, "after": after})
    return text


def title_word(ai: str) -> GS1Word | None:
    return next((word for word in GS1Word if word.value == f"title_{ai}"), None)


def worded_params(params: Mapping[str, str], render: Render) -> dict[str, str]:
    """`params` of a message naming a GS1 field (`ai`), its `title` and `format` worded by
    `render`; an AI biip does not know, or a title not listed, is left as it is."""
    worded = dict(params)
    code = params.get("ai", "")
    if not code or not ({"title", "format"} & params.keys()):
        return worded
    # Only a message naming a GS1 field loads biip: the window words every message through here.
    from biip import ParseError
    from biip.gs1_application_identifiers import GS1ApplicationIdentifier

    try:
        ai = GS1ApplicationIdentifier.extract(code)
    except ParseError:
        return worded
    if ai.ai != code:
        return worded
    title = title_word(code)
    if "title" in params and title is not None:
        worded["title"] = render(title, {})
    if "format" in params:
        worded["format"] = describe_format(ai, render)
    return worded


def _component(component: str) -> Said:
    digits = component.startswith("N")
    length = component[1:]
    if length.startswith("..") and length[2:].isdecimal():
        return said(GS1Word.UP_TO_DIGITS if digits else GS1Word.UP_TO_CHARACTERS, count=length[2:])
    if length.isdecimal():
        return said(GS1Word.EXACTLY_DIGITS if digits else GS1Word.EXACTLY_CHARACTERS, count=length)
    return said(GS1Word.PATTERN, pattern=component)
