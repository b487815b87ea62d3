"""Scanner URLs and serial settings: `?baud=`, names and validation."""

from __future__ import annotations

import pytest

from tracestation.scanners.serial_config import (
    SerialScannerConfig,
    scanner_name_from_url,
    split_baud,
)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/dev/ttyACM0", ("/dev/ttyACM0", None)),
        ("/dev/ttyACM0?baud=115200", ("/dev/ttyACM0", 115200)),
        ("COM3?baud=9600", ("COM3", 9600)),
        ("socket://10.0.0.5:4001?baud=19200", ("socket://10.0.0.5:4001", 19200)),
        ("loop://?logging=debug&baud=57600", ("loop://?logging=debug", 57600)),
        ("loop://?baud=38400&logging=debug", ("loop://?logging=debug", 38400)),
        ("loop://?logging=debug", ("loop://?logging=debug", None)),
    ],
)
def test_baud_is_taken_off_the_url_and_pyserial_options_are_kept(
    url: str, expected: tuple[str, int | None]
) -> None:
    assert split_baud(url) == expected


@pytest.mark.parametrize("bad", ["fast", "", "-9600", "0", "96.00"])
def test_a_baud_that_is_not_a_positive_number_is_refused_naming_it(bad: str) -> None:
    with pytest.raises(ValueError, match="baud must be a positive whole number"):
        split_baud(f"/dev/ttyUSB0?baud={bad}")


def test_the_baud_in_the_url_wins_over_the_configured_baudrate() -> None:
    config = SerialScannerConfig("/dev/ttyACM0?baud=115200", baudrate=9600)
    assert config.port_url == "/dev/ttyACM0"
    assert config.effective_baudrate == 115200
    assert SerialScannerConfig("/dev/ttyACM0", baudrate=19200).effective_baudrate == 19200


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("/dev/ttyACM0?baud=9600", "ttyACM0"),
        ("/dev/serial/by-id/usb-Zebra_Scanner-if00", "usb-Zebra_Scanner-if00"),
        ("COM3", "COM3"),
        ("socket://10.0.0.5:4001", "10.0.0.5:4001"),
        ("loop://", "loop"),
    ],
)
def test_a_scanner_is_named_after_its_port_in_messages(url: str, name: str) -> None:
    assert scanner_name_from_url(url) == name
    assert SerialScannerConfig(url).display_name == name


def test_a_configured_name_wins_over_the_port_name() -> None:
    assert SerialScannerConfig("/dev/ttyACM0", name="Assembly 2").display_name == "Assembly 2"


def test_wrong_serial_settings_are_refused_all_at_once() -> None:
    with pytest.raises(ValueError) as error:
        SerialScannerConfig("/dev/ttyS0", parity="X", bytesize=9, terminator="ETX")  # type: ignore[arg-type]
    message = str(error.value)
    assert "parity" in message
    assert "bytesize" in message
    assert "terminator" in message
