"""Decoding raw scans into what was read: GS1, ISO/IEC 15434, station codes, bare values.

Nothing here knows about the plant: interpreting a decoded scan in the station's context is the
station core's job. What of a scan may be shown or stored is `shown_scan`'s (PINs masked).
"""

from tracestation.barcodes.decode import decode
from tracestation.barcodes.decoded import Decoded, DecodeOptions, ScanKind
from tracestation.barcodes.shown import PIN_MASK, shown_scan

__all__ = ["PIN_MASK", "DecodeOptions", "Decoded", "ScanKind", "decode", "shown_scan"]
