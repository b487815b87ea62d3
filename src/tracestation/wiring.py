"""Wiring a station to a database: the one place that knows both the core and the store."""

from __future__ import annotations

import os

from sqlalchemy import Engine

from tracestation.barcodes import DecodeOptions
from tracestation.labels.printers import LabelPrinting, sink_for
from tracestation.station.clock import SystemClock
from tracestation.station.core import Station
from tracestation.station.env import StationSettings
from tracestation.station.ports import Clock, LabelPrinter
from tracestation.store.pins import Argon2Pins
from tracestation.store.plant import DatabasePlant
from tracestation.store.unit_of_work import DatabaseTransactions


def station_on(
    engine: Engine,
    station_id: str,
    *,
    clock: Clock | None = None,
    printer: LabelPrinter | None = None,
    decode_options: DecodeOptions | None = None,
) -> Station:
    clock = clock or SystemClock()
    plant = DatabasePlant(engine)
    if printer is None:
        printer = LabelPrinting(plant, sink_for(os.environ.get("TRACESTATION_PRINTER", "none")))
    return Station(
        StationSettings(station_id),
        plant,
        DatabaseTransactions(engine, plant, station_id, clock),
        clock,
        Argon2Pins(),
        printer,
        decode_options,
    )
