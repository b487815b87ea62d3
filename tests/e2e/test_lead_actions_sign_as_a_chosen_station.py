"""A lead action from the command line signs into the journal chain of a station the user chose,
else of `LEAD-DESK-<host>`: never silently into STATION-1, the chain a window on a shared database
may be writing at the same moment."""

from __future__ import annotations

import json
import socket

import pytest

from e2e.cli_runner import Cli

LEAD = ("--lead", "B-9001", "--pin", "4321")
HOLD = ("lot", "hold", "CAP-220/C-7781", "--reason", "supplier NCR 80")


def stations_of(cli: Cli, kind: str) -> list[str]:
    with cli.sql() as connection:
        rows = connection.execute("SELECT station FROM events WHERE kind = ?", (kind,)).fetchall()
    return [row["station"] for row in rows]


def test_a_hold_with_no_station_chosen_signs_as_this_computers_lead_desk(demo_cli: Cli) -> None:
    desk = f"LEAD-DESK-{socket.gethostname().split('.')[0]}"

    held = demo_cli.json(*HOLD, *LEAD)

    assert held["station"] == desk
    assert stations_of(demo_cli, "lot_status_changed") == [desk]
    with demo_cli.sql() as connection:
        written = connection.execute("SELECT count(*) FROM events WHERE station = 'STATION-1'")
        assert written.fetchone()[0] == 0, "nothing was signed as STATION-1"
    demo_cli.run("audit", "verify")


def test_a_split_and_a_merge_with_no_station_chosen_never_sign_as_station_1(
    demo_cli: Cli,
) -> None:
    split = demo_cli.json("lot", "split", "CAP-220/C-7781", "100", *LEAD)
    child = f"CAP-220/{split['new_lot']['lot']}"
    demo_cli.json("lot", "merge", "CAP-220/C-7790", child, "--into", "C-MIX", *LEAD)

    signed = stations_of(demo_cli, "lot_split") + stations_of(demo_cli, "lots_merged")
    assert len(signed) == 2 and all(s.startswith("LEAD-DESK-") for s in signed), signed


@pytest.mark.parametrize(
    "how", ["lot --station", "global --station", "TRACESTATION_STATION", "saved settings"]
)
def test_a_hold_signs_into_the_station_the_user_chose(demo_cli: Cli, how: str) -> None:
    args: tuple[str, ...] = (*HOLD, *LEAD)
    if how == "lot --station":
        args = (*args, "--station", "LINE-7")
    elif how == "global --station":
        args = ("--station", "LINE-7", *args)
    elif how == "TRACESTATION_STATION":
        demo_cli.extra_env["TRACESTATION_STATION"] = "LINE-7"
    else:
        demo_cli.config_path.parent.mkdir(parents=True, exist_ok=True)
        demo_cli.config_path.write_text(json.dumps({"station_id": "LINE-7"}), encoding="utf-8")

    held = demo_cli.json(*args)

    assert held["station"] == "LINE-7"
    assert stations_of(demo_cli, "lot_status_changed") == ["LINE-7"]
