"""`replay`, `run --headless`, and the operator station itself."""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tracestation.cli.common import CliError, emit_json, engine_for, station_settings
from tracestation.cli.common import station_id as resolve_station


def register(sub: Any) -> None:
    replay = sub.add_parser(
        "replay", help="feed a file of scans through the station, one JSON line per scan"
    )
    replay.add_argument("file", type=Path, help="scans, one per line ('-' for standard input)")
    replay.add_argument("--station", dest="replay_station", default=None, help="station id")
    replay.set_defaults(handler=run_replay)

    run = sub.add_parser("run", help="run a station; --headless reads serial scanners, no screen")
    run.add_argument(
        "--headless", action="store_true", help="no window: outcomes as JSON lines on stdout"
    )
    run.add_argument("--station", dest="run_station", default=None, help="station id")
    run.add_argument(
        "--wedge-device",
        action="append",
        default=[],
        metavar="PATH",
        help="a keyboard-wedge scanner's input device (/dev/input/by-id/...-event-kbd), grabbed "
        "so its scans go nowhere else (Linux, needs the evdev package); repeatable",
    )
    run.add_argument(
        "--scanner",
        action="append",
        default=[],
        metavar="URL",
        help="pyserial URL or device path (/dev/ttyACM0, socket://host:port, loop://), "
        "optionally with ?baud=N; repeat for several scanners",
    )
    run.add_argument("--baud", type=int, default=9600, help="baud rate when the URL does not say")
    run.add_argument(
        "--terminator",
        choices=["auto", "CR", "LF", "CRLF"],
        default="auto",
        help="what ends a scan (auto: CR, LF or CR LF)",
    )
    run.add_argument(
        "--central",
        default=None,
        metavar="URL",
        help="the central PostgreSQL to sync with in the background (default: "
        "$TRACESTATION_CENTRAL, else the settings; an empty URL turns the sync off)",
    )
    run.add_argument(
        "--sync-interval",
        type=_seconds,
        default=None,
        metavar="SECONDS",
        help="seconds between background syncs while they succeed (default 30)",
    )
    run.add_argument(
        "--results-folder",
        type=Path,
        default=None,
        metavar="DIR",
        help="with --headless: import the tester result files (CSV, JSON) dropped in DIR; "
        "refused ones go to DIR/rejected with the reason, the others to DIR/imported",
    )
    run.set_defaults(handler=run_station)

    ports = sub.add_parser("ports", help="list serial ports, with USB VID:PID, to pick a scanner")
    ports.add_argument("--json", action="store_true", help="print JSON instead of text")
    ports.set_defaults(handler=run_ports)


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not 0 < value <= 86_400:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds from 0 to 86400")
    return value


def _station(args: argparse.Namespace, station_id: str | None = None) -> Any:
    from tracestation.wiring import station_on

    chosen = resolve_station(args, station_id)
    return station_on(engine_for(args), chosen, settings=station_settings(chosen))


def run_replay(args: argparse.Namespace) -> int:
    from tracestation.scanners.replay import read_replay, unescape_scan

    scans: Iterator[str]
    if str(args.file) == "-":
        scans = _stdin_scans(unescape_scan)
    else:
        try:
            if not args.file.is_file():
                raise CliError(f"{args.file}: no such file. Give a file of scans, one per line.")
            # The whole file is checked first, so a bad line stops the replay before any scan.
            scans = iter(list(read_replay(args.file)))
        except OSError as error:
            raise CliError(
                f"{args.file}: cannot be read ({error.strerror or error}). Nothing was replayed."
            ) from None
        except (ValueError, UnicodeDecodeError) as error:
            raise CliError(
                f"{error}. Nothing was replayed; fix the file and run it again."
            ) from None
    station = _station(args, args.replay_station)
    for raw in scans:
        emit_json(station.scan(raw).to_json())
    return 0


def _stdin_scans(unescape: Any) -> Iterator[str]:
    """Scans piped in as they come. A line that is not UTF-8 is a scan of bytes that are not
    text, as from a scanner: the station rejects it with its reason and goes on."""
    if isinstance(sys.stdin, io.TextIOWrapper):
        sys.stdin.reconfigure(errors="surrogateescape")
    for number, line in enumerate(sys.stdin, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            yield str(unescape(line.rstrip("\r\n")))
        except ValueError as error:
            raise CliError(
                f"standard input, line {number}: {error}. The replay stopped here."
            ) from None


def run_station(args: argparse.Namespace) -> int:
    from tracestation.headless import run_headless

    if not args.headless:
        return open_station(args)
    from tracestation.scanners.events import ScannerUnavailable

    folder = args.results_folder
    if not args.scanner and not args.wedge_device and folder is None:
        raise CliError(
            "Give at least one --scanner URL or --wedge-device PATH (or --results-folder DIR)."
        )
    if folder is not None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            reason = error.strerror or type(error).__name__
            raise CliError(
                f"the results folder {str(folder)[:120]} cannot be used ({reason}). "
                "Give a folder this station may write in."
            ) from None
    from tracestation.store.plant import DatabasePlant
    from tracestation.wiring import (
        central_sync_on,
        print_retry_on,
        printer_on,
        running_station,
        tester_results_on,
    )

    central = _central_url(args)
    target = _printer_target()
    engine = engine_for(args)
    station_id = resolve_station(args, args.run_station)
    try:
        printer = printer_on(DatabasePlant(engine), target, engine)
        retry = print_retry_on(engine, station_id, target)
    except ValueError as error:
        raise CliError(f"the printer setting cannot be used: {error}.") from None
    settings = station_settings(station_id)
    with running_station(engine, station_id, printer=printer, settings=settings) as station:
        try:
            return run_headless(
                station,
                args.scanner,
                baud=args.baud,
                terminator=args.terminator,
                wedge_devices=args.wedge_device,
                sync=central_sync_on(engine, station_id, central),
                sync_policy=_sync_policy(args),
                printing=retry,
                printer_name=target,
                results=(folder, tester_results_on(engine, station_id)) if folder else None,
            )
        except (ValueError, ScannerUnavailable) as error:
            raise CliError(str(error)) from None


def _central_url(args: argparse.Namespace) -> str:
    """--central, $TRACESTATION_CENTRAL, the settings; checked before anything starts."""
    from tracestation.config import ConfigError, load_config, resolve_central_url
    from tracestation.sync.background import parse_central_url

    try:
        config = load_config()
    except ConfigError:
        config = None
    url = resolve_central_url(getattr(args, "central", None), config)
    if url:
        try:
            parse_central_url(url)
        except ValueError as error:
            raise CliError(f"{error}.") from None
    return url


def _printer_target() -> str:
    """$TRACESTATION_PRINTER, else the settings' printer, else none."""
    from tracestation.config import ConfigError, load_config
    from tracestation.wiring import printer_target_of

    try:
        config = load_config()
    except ConfigError:
        config = None
    return printer_target_of(config)


def _sync_policy(args: argparse.Namespace) -> Any:
    from tracestation.station.sync_schedule import SyncPolicy

    interval = getattr(args, "sync_interval", None)
    return SyncPolicy(interval=interval) if interval else SyncPolicy()


def run_ports(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from tracestation.scanners.ports import list_ports

    ports = list_ports()
    if args.json:
        emit_json({"ports": [asdict(p) for p in ports]})
    elif not ports:
        print(
            "No serial ports found. Plug the scanner in (USB-CDC or RS-232 adapter) and try again."
        )
    else:
        for port in ports:
            print(port.describe())
    return 0


def open_station(args: argparse.Namespace) -> int:
    """The operator station window. Qt is imported here only, so the CLI runs without a display.

    The station id is `--station` (or $TRACESTATION_STATION) when given, else the one saved in the
    window's settings, else STATION-1; the language is `--lang` when the parser has it, else
    $TRACESTATION_LANG, the settings, the system locale; the central database `run --central`,
    else $TRACESTATION_CENTRAL, else the settings.
    """
    import os

    from tracestation.ui.app import AppOptions, run_station_app
    from tracestation.wiring import open_station_services

    explicit = (
        getattr(args, "run_station", None) or args.station or os.environ.get("TRACESTATION_STATION")
    )
    options = AppOptions(
        db=args.db,
        station=explicit,
        lang=args.lang,
        central=getattr(args, "central", None),
        sync_policy=_sync_policy(args),
        kiosk=bool(getattr(args, "kiosk", False)),
    )
    return run_station_app(options, [sys.argv[0]], open_services=open_station_services)
