"""Each verdict has its own sound; without Qt Multimedia the choice is still made and audible."""

from __future__ import annotations

import wave
from typing import Any

import pytest

from tracestation.station.verdicts import Outcome
from tracestation.ui.scan import sounds as sounds_module
from tracestation.ui.scan.sounds import BEEPS, VerdictSounds, sounds_dir


def test_three_distinct_wav_files_ship_for_the_three_verdicts() -> None:
    shapes = set()
    for name in ("accepted.wav", "rejected.wav", "needs_override.wav"):
        with wave.open(str(sounds_dir() / name)) as sound:
            assert sound.getnchannels() == 1 and sound.getframerate() == 22050
            shapes.add((sound.getnframes(), sound.readframes(2000)))
    assert len(shapes) == 3


def test_without_qt_multimedia_or_a_player_the_beep_pattern_still_differs(
    qapp: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    beeps: list[str] = []
    monkeypatch.setattr(sounds_module, "_sound_effect_class", lambda: None)
    monkeypatch.setattr(sounds_module.shutil, "which", lambda _command: None)
    monkeypatch.setattr(
        sounds_module.QApplication, "beep", staticmethod(lambda: beeps.append("beep"))
    )
    player = VerdictSounds()
    assert player.backend == "beep"
    for outcome in Outcome:
        beeps.clear()
        with qtbot.waitSignal(player.sig_played) as played:
            player.play(outcome)
        qtbot.waitUntil(lambda o=outcome: len(beeps) == BEEPS[o], timeout=2_000)
        assert played.args == [outcome.value]
    assert len(set(BEEPS.values())) == 3


def test_a_wav_player_on_the_path_plays_the_verdicts_file(
    qapp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[tuple[str, list[str]]] = []
    monkeypatch.setattr(sounds_module, "_sound_effect_class", lambda: None)
    monkeypatch.setattr(
        sounds_module.shutil,
        "which",
        lambda command: "/usr/bin/aplay" if command == "aplay" else None,
    )
    monkeypatch.setattr(
        sounds_module.QProcess, "startDetached", staticmethod(lambda p, a: started.append((p, a)))
    )
    player = VerdictSounds()
    player.play(Outcome.REJECTED)
    assert started == [("/usr/bin/aplay", ["-q", str(sounds_dir() / "rejected.wav")])]


def test_sounds_can_be_switched_off(qapp: Any) -> None:
    player = VerdictSounds(backend="silent", enabled=False)
    player.play(Outcome.ACCEPTED)
    assert player.last_played is None
