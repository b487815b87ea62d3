"""Decoding raw scans into what was read: GS1, ISO/IEC 15434, station codes, bare values.

Nothing here knows about the plant: interpreting a decoded scan in the station's context is the
station core's job.
"""

from tracestation.barcodes.decode import decode
from tracestation.barcodes.decoded import Decoded, DecodeOptions, ScanKind

__all__ = ["DecodeOptions", "Decoded", "ScanKind", "decode"]
