"""`python -m tracestation.ui [--db URL] [--station ID] [--lang ro]`: the station window."""

from __future__ import annotations

import argparse
import os
import sys

from tracestation.ui.app import AppOptions, run_station_app


def main() -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tracestation.ui", description="The operator station window."
    )
    parser.add_argument(
        "--db",
        default=None,
        help="SQLite file or SQLAlchemy URL (default: $TRACESTATION_DB, "
        "else the embedded database)",
    )
    parser.add_argument(
        "--station", default=os.environ.get("TRACESTATION_STATION"), help="station id"
    )
    parser.add_argument("--lang", default=None, help="language code, e.g. en or ro")
    parser.add_argument(
        "--kiosk", action="store_true", help="full screen, no window frame (a panel PC)"
    )
    args, qt_args = parser.parse_known_args()
    # The entry point, not the window, picks the composition root (it knows the database).
    from tracestation.wiring import open_station_services

    return run_station_app(
        AppOptions(args.db, args.station, args.lang, kiosk=args.kiosk),
        [sys.argv[0], *qt_args],
        open_services=open_station_services,
    )


if __name__ == "__main__":
    sys.exit(main())
