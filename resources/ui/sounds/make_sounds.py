"""Writes the three verdict sounds with nothing but the standard library.

Run from anywhere: `python resources/ui/sounds/make_sounds.py`. The WAV files are committed;
run this again only to change a sound. Each outcome has its own shape so an operator hears the
verdict without looking: a bright rising chirp (accepted), a low triple buzz (rejected), and a
two-tone call (needs a line lead).
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22050
HERE = Path(__file__).resolve().parent


def tone(
    freq: float, seconds: float, volume: float = 0.5, harmonics: tuple[float, ...] = ()
) -> list[float]:
    n = int(RATE * seconds)
    fade = int(RATE * 0.006)
    out = []
    for i in range(n):
        t = i / RATE
        value = math.sin(2 * math.pi * freq * t)
        for k, weight in enumerate(harmonics, start=2):
            value += weight * math.sin(2 * math.pi * freq * k * t)
        envelope = min(1.0, i / fade, (n - i) / fade) if fade else 1.0
        out.append(volume * envelope * value / (1 + sum(harmonics)))
    return out


def silence(seconds: float) -> list[float]:
    return [0.0] * int(RATE * seconds)


def write(name: str, samples: list[float]) -> None:
    with wave.open(str(HERE / name), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(
            b"".join(struct.pack("<h", int(max(-1, min(1, s)) * 32767)) for s in samples)
        )


def main() -> None:
    write("accepted.wav", tone(1046.5, 0.07) + tone(1568.0, 0.11))
    buzz = tone(196.0, 0.12, 0.6, harmonics=(0.6, 0.4, 0.3))
    write("rejected.wav", buzz + silence(0.05) + buzz + silence(0.05) + buzz)
    write(
        "needs_override.wav",
        tone(659.3, 0.18, 0.55, (0.2,)) + silence(0.04) + tone(523.3, 0.26, 0.55, (0.2,)),
    )


if __name__ == "__main__":
    main()
