"""Cutting a scanner's byte stream into scans: terminators, half barcodes and line noise.

Pure and clock-free: the caller passes the monotonic time with every call, so tests can drive
it without sleeping. Not thread-safe: one reader thread owns a framer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

Terminator = Literal["CR", "LF", "CRLF", "auto"]
TERMINATORS: tuple[str, ...] = get_args(Terminator)

_OVERFLOW_PREVIEW_BYTES = 64


@dataclass(frozen=True)
class Frame:
    """One scan's bytes without terminator, flagged as in `ScanReceived`."""

    data: bytes
    partial: bool = False
    overflow: bool = False

    @property
    def text(self) -> str:
        """The bytes as text. Bytes that are not UTF-8 are kept as lone surrogates (Python's
        `surrogateescape`), so the decoder refuses the scan naming them (`\\xff`), not a
        replacement character that hides which bytes came."""
        return self.data.decode("utf-8", errors="surrogateescape")


class ScanFramer:
    """Splits bytes into scans at the terminator.

    - `auto` ends a scan at CR, LF or CR LF; empty scans (the LF of a CR LF that arrived in a
      later read) are dropped in every mode.
    - Bytes followed by silence longer than `partial_timeout` come out flagged `partial` from
      `poll()`: a scanner that lost power mid-scan, or one configured without a terminator.
    - More than `max_scan_bytes` without a terminator comes out once, flagged `overflow`; the
      rest is dropped up to the next terminator or the next silence, so a burst of noise is one
      clear rejection and the scan after it is read normally.
    """

    def __init__(
        self,
        terminator: Terminator = "auto",
        *,
        max_scan_bytes: int = 8192,
        partial_timeout: float = 0.5,
    ) -> None:
        if terminator not in TERMINATORS:
            choices = ", ".join(TERMINATORS)
            raise ValueError(f"terminator must be one of {choices}, not {terminator!r}")
        self._terminator = terminator
        self._max = max_scan_bytes
        self._partial_timeout = partial_timeout
        self._buffer = bytearray()
        self._search_from = 0
        self._discarding = False
        self._last_byte_at: float | None = None

    def feed(self, data: bytes, now: float) -> list[Frame]:
        """Take bytes read at monotonic time `now`; return the scans they complete."""
        frames = self.poll(now)
        if not data:
            return frames
        self._last_byte_at = now
        self._buffer += data
        frames.extend(self._cut_complete_scans())
        if len(self._buffer) > self._max:
            frames.extend(self._overflow())
        return frames

    def poll(self, now: float) -> list[Frame]:
        """Deliver what is buffered as a partial scan once the line has been idle long enough."""
        idle = self._last_byte_at is not None and now - self._last_byte_at > self._partial_timeout
        return self.drain() if idle else []

    def drain(self) -> list[Frame]:
        """Give up on the buffered bytes (idle line, lost device): a partial scan, if any."""
        pending = bytes(self._buffer)
        discarding = self._discarding
        self._reset()
        if pending and not discarding:
            return [Frame(pending, partial=True)]
        return []

    def _reset(self) -> None:
        self._buffer.clear()
        self._search_from = 0
        self._discarding = False
        self._last_byte_at = None

    def _cut_complete_scans(self) -> list[Frame]:
        frames: list[Frame] = []
        while (found := self._find_terminator()) is not None:
            end, length = found
            segment = bytes(self._buffer[:end])
            del self._buffer[: end + length]
            self._search_from = 0
            if self._discarding:
                # The tail of a scan already reported as overflow.
                self._discarding = False
            elif len(segment) > self._max:
                frames.append(_overflow_frame(segment))
            elif segment:
                frames.append(Frame(segment))
        # A CR at the very end may be the first half of a CR LF still on its way.
        self._search_from = max(0, len(self._buffer) - 1)
        return frames

    def _find_terminator(self) -> tuple[int, int] | None:
        """Where the first terminator starts and how many bytes it has."""
        buffer, start = self._buffer, self._search_from
        if self._terminator == "CR":
            index, length = buffer.find(b"\r", start), 1
        elif self._terminator == "LF":
            index, length = buffer.find(b"\n", start), 1
        elif self._terminator == "CRLF":
            index, length = buffer.find(b"\r\n", start), 2
        else:
            found = [i for i in (buffer.find(b"\r", start), buffer.find(b"\n", start)) if i >= 0]
            index = min(found, default=-1)
            length = 2 if buffer[index : index + 2] == b"\r\n" else 1
        return None if index < 0 else (index, length)

    def _overflow(self) -> list[Frame]:
        frames = [] if self._discarding else [_overflow_frame(bytes(self._buffer))]
        keep_cr = self._terminator == "CRLF" and self._buffer.endswith(b"\r")
        self._buffer[:] = b"\r" if keep_cr else b""
        self._search_from = 0
        self._discarding = True
        return frames


def _overflow_frame(data: bytes) -> Frame:
    return Frame(data[:_OVERFLOW_PREVIEW_BYTES], overflow=True)
