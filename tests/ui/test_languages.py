"""Every word on screen goes through Qt's translator; the core's messages are written once in
English and reach the translations through a generated module; the Romanian translation is
complete, keeps every placeholder, and is what the window shows in ro."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication

from tracestation.barcodes import decode
from tracestation.messages import generate
from tracestation.messages.catalogues import CATALOGUES
from tracestation.messages.refusals import Refusal
from tracestation.messages.verdicts import Verdict
from tracestation.station.verdicts import Outcome, ScanResult
from tracestation.ui.i18n import Translators, available_languages, choose_language, translations_dir
from tracestation.ui.translate import render
from tracestation.ui.verdict_text import render_result
from ui.conftest import Scanner

PLACEHOLDER = re.compile(r"\{[a-z_]*\}")


def ts_messages(language: str) -> Iterator[tuple[str, str, ET.Element]]:
    tree = ET.parse(translations_dir() / f"tracestation_{language}.ts")
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            yield name, message.findtext("source") or "", translation


@pytest.fixture
def romanian(qapp: Any) -> Iterator[Translators]:
    translators = Translators()
    assert translators.install("ro")
    yield translators
    translators.remove()


def test_the_windows_translatable_messages_are_generated_from_the_cores_and_up_to_date() -> None:
    written = generate.TARGET.read_text(encoding="utf-8")
    assert written == generate.source(), "run: python -m tracestation.messages.generate"
    assert "do not edit" in written.splitlines()[0]


def test_the_romanian_translation_is_complete_and_keeps_every_placeholder() -> None:
    sources = set()
    for context, source, translation in ts_messages("ro"):
        sources.add((context, source))
        assert translation.get("type") is None, f"unfinished: {context}: {source}"
        assert translation.text, f"empty: {context}: {source}"
        assert sorted(PLACEHOLDER.findall(translation.text)) == sorted(
            PLACEHOLDER.findall(source)
        ), source
    for context, catalogue in CATALOGUES.items():
        missing = {m.english for m in catalogue} - {s for c, s in sources if c == context}
        assert not missing, f"{context} not in the translations: {sorted(missing)[:3]}"
    assert (translations_dir() / "tracestation_ro.qm").stat().st_size > 10_000


def test_verdicts_render_in_romanian_when_the_translation_is_installed(
    romanian: Translators,
) -> None:
    assert render(Verdict.LOGGED_IN, {"name": "Ana Pop"}) == "Bun venit, Ana Pop."
    assert QCoreApplication.translate("VerdictBanner", "Rejected") == "Respins"


def test_a_verdict_with_a_note_before_or_after_is_translated_whole(romanian: Translators) -> None:
    params = {"unit": "PCBA-100/PCB-1"}
    cancelled = ScanResult(
        "PCB-1",
        Outcome.ACCEPTED,
        Verdict.UNIT_SELECTED,
        "Override cancelled. " + Verdict.UNIT_SELECTED.render(params),
        params=params,
        notes=((Verdict.OVERRIDE_CANCELLED, {}),),
    )
    assert render_result(cancelled) == "Derogare anulată. Unitatea PCBA-100/PCB-1 este selectată."
    printed = ScanResult(
        "CMD:NEW",
        Outcome.ACCEPTED,
        Verdict.UNIT_SELECTED,
        Verdict.UNIT_SELECTED.render(params)
        + " "
        + Verdict.LABEL_NOT_PRINTED.render({"detail": "paper out"}),
        params=params,
        notes=((Verdict.LABEL_NOT_PRINTED, {"detail": "paper out"}),),
    )
    assert render_result(printed).endswith(
        "Eticheta nu s-a tipărit (paper out); "
        "este păstrată și se tipărește când imprimanta răspunde."
    )


def test_english_is_shown_as_the_core_says_it() -> None:
    result = ScanResult(
        "X",
        Outcome.REJECTED,
        Verdict.UNKNOWN_VALUE,
        "X is not a known badge, serial, lot or work "
        "order. Scan a prefixed label (LOT:, SN:, WO:).",
        params={"value": "X"},
    )
    assert render_result(result) == result.message


def test_the_language_comes_from_the_command_line_then_environment_then_settings_then_locale(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert available_languages() == ["en", "ro"]
    assert choose_language("ro", "en", "en_US") == "ro"
    assert choose_language(None, "ro", "en_US") == "ro"
    assert choose_language(None, "", "ro_RO") == "ro"
    assert choose_language(None, None, "de_DE") == "en"
    monkeypatch.setenv("TRACESTATION_LANG", "ro")
    assert choose_language(None, "en", "en_US") == "ro"


def test_the_window_speaks_romanian(romanian: Translators, make_window: Any, qtbot: Any) -> None:
    window = make_window()
    wedge = Scanner(qtbot, window)
    wedge.scan("B-1001")
    assert window.scan_page.banner.title_text == "Acceptat"
    assert window.scan_page.banner.message_text == "Bun venit, Ana Pop."
    assert window.scan_page.prompt.text() == "Scanați o comandă de lucru (WO:...)."
    assert window.tabs.tabText(1) == "Șef de linie"


def test_lead_refusals_are_translated_from_their_codes(romanian: Translators) -> None:
    assert render(Refusal.WRONG_PIN, {"name": "Ion Rus", "left": "4", "limit": "5"}) == (
        "PIN greșit pentru Ion Rus (mai rămân 4 din 5 încercări până la blocare). "
        "Nu s-a schimbat nimic."
    )
    locked = {"name": "Ion Rus", "attempts": "5", "until": "14:32"}
    assert render(Refusal.PIN_LOCKED, locked) == (
        "PIN-ul lui Ion Rus este blocat după 5 încercări greșite până la 14:32 "
        "sau până când îl deblochează alt șef de linie."
    )


def test_an_unreadable_label_is_explained_in_romanian_from_the_decoders_codes(
    romanian: Translators,
) -> None:
    decoded = decode("QTY:abc")
    result = ScanResult(
        "QTY:abc",
        Outcome.REJECTED,
        Verdict.UNREADABLE,
        Verdict.UNREADABLE.render({"detail": decoded.error or ""}),
        params={"detail": decoded.error or ""},
        problems=decoded.problems,
    )
    assert decoded.error == "QTY:abc is not a number. Scan a QTY:<n> label such as QTY:4."
    assert render_result(result) == (
        "QTY:abc nu este un număr. Scanați o etichetă QTY:<n>, de exemplu QTY:4."
    )


def test_a_damaged_gs1_label_reads_in_romanian_sentence_by_sentence(
    romanian: Translators,
) -> None:
    decoded = decode("]C10109506000134353")
    result = ScanResult("x", Outcome.REJECTED, Verdict.UNREADABLE, "", problems=decoded.problems)
    assert render_result(result) == (
        "(01) GTIN 09506000134353 are cifra de control greșită: ar trebui să fie 2, nu 3. "
        "Eticheta poate fi deteriorată sau greșit tipărită: scanați-o din nou, iar dacă mesajul "
        "rămâne, puneți articolul deoparte și chemați un șef de linie."
    )


def test_a_gs1_field_is_named_and_described_in_romanian_not_in_biips_english(
    romanian: Translators,
) -> None:
    decoded = decode("]C1010950600013435210")
    result = ScanResult("x", Outcome.REJECTED, Verdict.UNREADABLE, "", problems=decoded.problems)

    shown = render_result(result)

    assert "(10) LOT" in shown and "cel mult 20 caractere" in shown
    assert "BATCH" not in shown and "characters" not in shown
    assert decoded.problems[0][1]["format"] == "up to 20 characters", "the CLI stays English"


def test_a_units_status_and_an_operations_kind_are_worded_in_romanian_not_as_codes(
    romanian: Translators,
) -> None:
    blocked = render(Verdict.UNIT_NOT_WORKABLE, {"unit": "PCBA-100/PCB-9", "status": "scrapped"})
    selected = render(
        Verdict.OPERATION_SELECTED, {"operation": "10", "name": "SMT", "kind": "assemble"}
    )

    assert blocked.startswith("PCBA-100/PCB-9 are starea casat;")
    assert selected == "Operația 10 SMT (asamblare)."
    assert Verdict.OPERATION_SELECTED.render(
        {"operation": "10", "name": "SMT", "kind": "assemble"}
    ) == ("Operation 10 SMT (assemble)."), "the CLI keeps the code"
