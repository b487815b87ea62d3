"""A distinct sound for each verdict, with whatever this machine can play.

Backends, best first: Qt Multimedia's `QSoundEffect` (absent from PySide6-Essentials), a
command-line WAV player found on the PATH (started detached, never waited for), and last the
system beep repeated in a pattern (1 beep accepted, 2 needs a lead, 3 rejected) so the verdicts
still sound different. `last_played` and `sig_played` tell tests which sound was chosen.
GUI thread only.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QProcess, QTimer, QUrl, Signal
from PySide6.QtWidgets import QApplication

from tracestation.resources import resources_dir
from tracestation.station.verdicts import Outcome

SOUND_FILES = {
    Outcome.ACCEPTED: "accepted.wav",
    Outcome.REJECTED: "rejected.wav",
    Outcome.NEEDS_OVERRIDE: "needs_override.wav",
}
BEEPS = {Outcome.ACCEPTED: 1, Outcome.NEEDS_OVERRIDE: 2, Outcome.REJECTED: 3}
_PLAYERS = (("paplay", ()), ("pw-play", ()), ("aplay", ("-q",)), ("afplay", ()))
_BEEP_SPACING_MS = 140


def sounds_dir() -> Path:
    return resources_dir() / "ui" / "sounds"


def _sound_effect_class() -> Any:
    try:
        from PySide6.QtMultimedia import QSoundEffect  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return None
    return QSoundEffect


class VerdictSounds(QObject):
    sig_played = Signal(str)  # the outcome whose sound was started

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        enabled: bool = True,
        directory: Path | None = None,
        backend: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.enabled = enabled
        self.last_played: Outcome | None = None
        self._directory = directory or sounds_dir()
        self._effects: dict[Outcome, Any] = {}
        self._player: tuple[str, tuple[str, ...]] | None = None
        self.backend = backend or self._choose_backend()
        self._play: Callable[[Outcome], None] = {
            "qtmultimedia": self._play_effect,
            "player": self._play_with_player,
            "beep": self._beep,
            "silent": lambda _outcome: None,
        }[self.backend]

    def sound_file(self, outcome: Outcome) -> Path:
        return self._directory / SOUND_FILES.get(outcome, SOUND_FILES[Outcome.REJECTED])

    def play(self, outcome: Outcome) -> None:
        if not self.enabled:
            return
        self.last_played = outcome
        self._play(outcome)
        self.sig_played.emit(outcome.value)

    def _choose_backend(self) -> str:
        effect_class = _sound_effect_class()
        if effect_class is not None:
            for outcome in SOUND_FILES:
                effect = effect_class(self)
                effect.setSource(QUrl.fromLocalFile(str(self.sound_file(outcome))))
                self._effects[outcome] = effect
            return "qtmultimedia"
        for command, options in _PLAYERS:
            found = shutil.which(command)
            if found:
                self._player = (found, options)
                return "player"
        return "beep"

    def _play_effect(self, outcome: Outcome) -> None:
        self._effects.get(outcome, self._effects[Outcome.REJECTED]).play()

    def _play_with_player(self, outcome: Outcome) -> None:
        assert self._player is not None
        program, options = self._player
        QProcess.startDetached(program, [*options, str(self.sound_file(outcome))])

    def _beep(self, outcome: Outcome) -> None:
        QApplication.beep()
        for n in range(1, BEEPS.get(outcome, BEEPS[Outcome.REJECTED])):
            QTimer.singleShot(n * _BEEP_SPACING_MS, QApplication.beep)
