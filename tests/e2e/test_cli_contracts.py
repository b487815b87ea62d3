"""The command-line contracts of DESIGN.md, checked the way a user or a script meets them."""

from __future__ import annotations

import json
import re
import sqlite3
from typing import Any

import pytest

from e2e.cli_runner import CONTRACT_SCAN_KEYS, Cli, refused
from tracestation.domain.chain import event_hash

LEAD = ("--lead", "B-9001", "--pin", "4321")
BUILD_BOARD = ["B-1001", "WO:WO-2001", "OPN:10"]


def board_with(lot: str, serial: str = "P-0001") -> list[str]:
    """Scans that build one demo board with `lot` (CAP-220) and finish its assembly step."""
    return [*BUILD_BOARD, serial, f"LOT:CAP-220/{lot}", "CMD:DONE"]


def outcomes(results: list[dict[str, Any]]) -> list[str]:
    return [r["outcome"] for r in results]


def serials(units: list[dict[str, Any]]) -> set[str]:
    return {u["serial"] for u in units}


def lot_status(cli: Cli, part: str, lot: str) -> str:
    status: str = cli.json("recall", "--lot", lot, "--part", part)["lot"]["status"]
    return status


# --- demo and import -------------------------------------------------------------------------


def test_running_demo_a_second_time_reports_that_nothing_changed(cli: Cli) -> None:
    first = cli.json("demo")
    after_first = cli.snapshot()
    second = cli.json("demo")
    text = cli.run("demo").stdout

    assert first["changed"] is True
    assert first["sections"]["parts"]["created"] == 5
    assert second["changed"] is False
    assert all(t["created"] == 0 and t["updated"] == 0 for t in second["sections"].values()), second
    assert "Nothing changed" in text
    assert cli.snapshot() == after_first


def bom_naming_an_unknown_part() -> str:
    return json.dumps(
        {
            "parts": [{"number": "GADGET-1", "description": "Gadget", "tracking": "serial"}],
            "routings": [
                {
                    "part": "GADGET-1",
                    "operations": [{"code": "10", "name": "Build", "kind": "assemble"}],
                }
            ],
            "boms": [
                {
                    "parent": "GADGET-1",
                    "lines": [
                        {"part": "CAP-220", "qty": 1, "operation": "10"},
                        {"part": "NO-SUCH-PART", "qty": 1, "operation": "10"},
                    ],
                }
            ],
        }
    )


def lot_with_an_impossible_expiry() -> str:
    return json.dumps(
        {
            "parts": [{"number": "GADGET-2", "description": "Gadget", "tracking": "lot"}],
            "lots": [
                {"part": "GADGET-2", "lot": "G-1", "quantity": 10, "expiry": "2027-06-30"},
                {"part": "CAP-220", "lot": "C-9999", "quantity": 10, "expiry": "2027-02-30"},
            ],
        }
    )


def truncated_json() -> str:
    return '{"parts": [{"number": "GADGET-3", "tracking": "lot"},\n'


@pytest.mark.parametrize(
    ("content", "names"),
    [
        pytest.param(
            bom_naming_an_unknown_part(),
            ["boms[0]", "GADGET-1", "lines[1]", "'part'", "NO-SUCH-PART"],
            id="bom-line-naming-an-unknown-part",
        ),
        pytest.param(
            lot_with_an_impossible_expiry(),
            ["lots[1]", "CAP-220/C-9999", "'expiry'", "2027-02-30"],
            id="lot-with-an-impossible-expiry",
        ),
        pytest.param(truncated_json(), ["bad.json", "not valid JSON", "line 2"], id="invalid-json"),
    ],
)
def test_importing_a_bad_file_names_the_record_and_field_and_leaves_the_database_untouched(
    demo_cli: Cli, content: str, names: list[str]
) -> None:
    before = demo_cli.snapshot()
    (demo_cli.workdir / "bad.json").write_text(content, encoding="utf-8")

    failed = demo_cli.fails("import", "bad.json")

    error = failed.stderr.strip()
    assert len(error.splitlines()) == 1, error
    for name in names:
        assert name in error
    assert failed.stdout == ""
    assert demo_cli.snapshot() == before


def test_an_import_that_fails_while_writing_writes_none_of_the_file(demo_cli: Cli) -> None:
    assert not refused(demo_cli.replay([*BUILD_BOARD, "P-0001", "CMD:CANCEL", "P-0002"]))
    before = demo_cli.snapshot()
    (demo_cli.workdir / "shrink.json").write_text(
        json.dumps(
            {
                "parts": [{"number": "GADGET-4", "description": "New part", "tracking": "lot"}],
                "work_orders": [{"number": "WO-2001", "part": "PCBA-100", "quantity": 1}],
            }
        ),
        encoding="utf-8",
    )

    failed = demo_cli.fails("import", "shrink.json", "--json")

    assert "WO-2001" in failed.stderr and "'quantity'" in failed.stderr
    assert demo_cli.snapshot() == before


# --- lot actions -----------------------------------------------------------------------------


def test_a_lot_put_on_hold_is_rejected_at_the_station_with_the_hold_reason(demo_cli: Cli) -> None:
    held = demo_cli.json("lot", "hold", "CAP-220/C-7781", "--reason", "supplier NCR 77", *LEAD)

    results = demo_cli.replay(board_with("C-7781"))

    assert held["lot"] == {"part": "CAP-220", "lot": "C-7781", "status": "hold"}
    assert held["signed_by"] == "B-9001"
    assert outcomes(results)[:4] == ["accepted"] * 4
    assert results[4]["outcome"] == "rejected"
    assert "on hold" in results[4]["message"] and "supplier NCR 77" in results[4]["message"]
    assert results[4]["event_id"] is None
    assert demo_cli.json("trace", "backward", "P-0001")["children"] == []
    assert lot_status(demo_cli, "CAP-220", "C-7781") == "hold"


def test_a_hold_signed_with_a_wrong_pin_is_refused_and_changes_nothing_but_the_try_record(
    demo_cli: Cli,
) -> None:
    before = without_pin_record(demo_cli.snapshot())

    failed = demo_cli.fails(
        "lot",
        "hold",
        "CAP-220/C-7781",
        "--reason",
        "NCR 78",
        "--lead",
        "B-9001",
        "--pin",
        "9999",
        "--json",
    )

    assert "Wrong PIN for Ion Rus (4 of 5 tries left before it locks)" in failed.stderr
    assert failed.stdout == ""
    assert without_pin_record(demo_cli.snapshot()) == before
    with demo_cli.sql() as connection:
        tried = connection.execute("SELECT kind FROM events WHERE kind LIKE 'pin%'").fetchall()
    assert [row[0] for row in tried] == ["pin_rejected"]
    assert lot_status(demo_cli, "CAP-220", "C-7781") == "released"


def without_pin_record(dump: list[str]) -> list[str]:
    """A database dump without what a refused PIN try writes: its event, the chain's head and
    the badge's PIN state."""
    tables = ('"events"', '"station_heads"', '"pin_states"')
    return [line for line in dump if not line.startswith(tuple(f"INSERT INTO {t}" for t in tables))]


def test_a_hold_signed_by_an_operator_instead_of_a_lead_is_refused(demo_cli: Cli) -> None:
    before = demo_cli.snapshot()

    failed = demo_cli.fails(
        "lot", "hold", "CAP-220/C-7781", "--reason", "NCR 79", "--lead", "B-1001", "--pin", "4321"
    )

    assert "lead" in failed.stderr
    assert demo_cli.snapshot() == before


def test_a_unit_built_from_a_split_lot_is_in_the_recall_of_the_lot_it_was_split_from(
    demo_cli: Cli,
) -> None:
    split = demo_cli.json("lot", "split", "CAP-220/C-7781", "100", *LEAD)
    child = split["new_lot"]["lot"]

    results = demo_cli.replay(board_with(child))
    answer = demo_cli.json("recall", "--lot", "C-7781", "--part", "CAP-220")

    assert split["new_lot"] == {"part": "CAP-220", "lot": child, "qty": "100"}
    assert child != "C-7781"
    assert not refused(results)
    assert serials(answer["unit_scope"]["units"]) == {"P-0001"}
    assert answer["lot_scope"]["work_orders"] == ["WO-2001"]
    assert serials(
        demo_cli.json("recall", "--lot", child, "--part", "CAP-220")["unit_scope"]["units"]
    ) == {"P-0001"}


def test_a_unit_built_from_a_merged_lot_is_in_the_recall_of_every_lot_merged_into_it(
    demo_cli: Cli,
) -> None:
    merged = demo_cli.json(
        "lot", "merge", "CAP-220/C-7781", "CAP-220/C-7790", "--into", "C-MIX", *LEAD
    )

    results = demo_cli.replay(board_with("C-MIX"))

    assert merged["new_lot"] == {"part": "CAP-220", "lot": "C-MIX", "qty": "10000"}
    assert not refused(results)
    for source in ("C-7781", "C-7790"):
        answer = demo_cli.json("recall", "--lot", source, "--part", "CAP-220")
        assert serials(answer["unit_scope"]["units"]) == {"P-0001"}, source
        assert answer["lot_scope"]["work_orders"] == ["WO-2001"], source
    untouched = demo_cli.json("recall", "--lot", "C-6001", "--part", "CAP-220")
    assert untouched["unit_scope"]["count"] == 0


def test_a_split_of_a_quantity_that_is_not_a_number_is_refused_with_a_clear_message(
    demo_cli: Cli,
) -> None:
    before = demo_cli.snapshot()

    failed = demo_cli.fails("lot", "split", "CAP-220/C-7781", "NaN", *LEAD)

    assert "NaN" in failed.stderr
    assert demo_cli.snapshot() == before


# --- recall of a lot kitted to a work order -------------------------------------------------


def test_the_recall_of_a_lot_kitted_to_a_work_order_does_not_report_that_it_reached_no_unit(
    demo_cli: Cli,
) -> None:
    kitting = ["B-1001", "WO:WO-1001", "OPN:10", "LOT:PASTE-7/P-88", "C-0001", "C-0002"]
    assert not refused(demo_cli.replay(kitting))

    answer = demo_cli.json("recall", "--lot", "P-88", "--part", "PASTE-7")

    assert answer["lot_scope"]["work_orders"] == ["WO-1001"]
    assert serials(answer["lot_scope"]["units"]) == {"C-0001", "C-0002"}
    assert serials(answer["unit_scope"]["units"]) >= {"C-0001", "C-0002"}


# --- the journal's audit -------------------------------------------------------------------


def journal_of_two_boards(cli: Cli) -> list[sqlite3.Row]:
    """A short journal on one station; returns its events in order."""
    assert not refused(
        cli.replay([*board_with("C-7781"), "P-0002", "LOT:CAP-220/C-7790", "CMD:DONE"])
    )
    with cli.sql() as connection:
        return list(connection.execute("SELECT * FROM events WHERE station = 'ST-1' ORDER BY seq"))


def audit(cli: Cli) -> tuple[int, dict[str, Any]]:
    proc = cli.run("audit", "verify", "--json", check=False)
    return proc.returncode, json.loads(proc.stdout)


def test_audit_verify_passes_on_an_untouched_journal(demo_cli: Cli) -> None:
    events = journal_of_two_boards(demo_cli)

    code, report = audit(demo_cli)

    assert code == 0
    assert (report["ok"], report["breaks"], report["stations"]["ST-1"]) == (True, [], len(events))
    assert report["anchors"] == [] and report["state"]["differences"] == []
    assert "Journal intact." in demo_cli.run("audit", "verify").stdout


def alter_a_payload(
    connection: sqlite3.Connection, events: list[sqlite3.Row]
) -> tuple[str | None, int]:
    target = next(e for e in events if e["kind"] == "lot_installed")
    payload = json.loads(target["payload"])
    payload["lot"] = "C-7790"
    connection.execute(
        "UPDATE events SET payload = ? WHERE id = ?", (json.dumps(payload), target["id"])
    )
    return target["id"], target["seq"]


def delete_one_in_the_middle(
    connection: sqlite3.Connection, events: list[sqlite3.Row]
) -> tuple[str | None, int]:
    target = events[len(events) // 2]
    connection.execute("DELETE FROM events WHERE id = ?", (target["id"],))
    following = events[len(events) // 2 + 1]
    return following["id"], target["seq"]


def forge_one_at_the_end(
    connection: sqlite3.Connection, events: list[sqlite3.Row]
) -> tuple[str | None, int]:
    """A well-formed event, chained to the last one, that the station never wrote."""
    last = events[-1]
    forged = {
        "id": "00000000-0000-4000-8000-000000000001",
        "station": "ST-1",
        "seq": last["seq"] + 1,
        "time": last["time"],
        "operator": "B-1001",
        "kind": "lot_installed",
        "payload": {
            "parent_part": "PCBA-100",
            "parent_serial": "P-0002",
            "part": "CAP-220",
            "lot": "C-6001",
            "qty": "2",
            "work_order": "WO-2001",
            "operation": "10",
        },
        "reason": None,
        "signed_by": None,
        "prev_hash": last["hash"],
    }
    digest = event_hash(**forged)
    connection.execute(
        "INSERT INTO events (id, station, seq, time, operator, kind, payload, reason, signed_by,"
        " prev_hash, hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (*[json.dumps(v) if k == "payload" else v for k, v in forged.items()], digest),
    )
    return None, forged["seq"]


def names(found: dict[str, Any], event_id: str | None, seq: int) -> bool:
    """The break points at the event: its id where it still exists, and its number."""
    if event_id is not None and found["event_id"] != event_id:
        return False
    return found["seq"] == seq or re.search(rf"\b{seq}\b", found["problem"]) is not None


def delete_the_last(
    connection: sqlite3.Connection, events: list[sqlite3.Row]
) -> tuple[str | None, int]:
    connection.execute("DELETE FROM events WHERE id = ?", (events[-1]["id"],))
    return None, events[-1]["seq"]


@pytest.mark.parametrize(
    "tamper",
    [alter_a_payload, delete_one_in_the_middle, forge_one_at_the_end, delete_the_last],
    ids=["altered-payload", "deleted-in-the-middle", "forged-at-the-end", "deleted-last"],
)
def test_audit_verify_fails_and_names_the_event_after_the_journal_is_tampered_with(
    demo_cli: Cli, tamper: Any
) -> None:
    events = journal_of_two_boards(demo_cli)
    with demo_cli.sql() as connection:
        event_id, seq = tamper(connection, events)

    code, report = audit(demo_cli)
    text = demo_cli.run("audit", "verify", check=False)

    assert code != 0 and text.returncode != 0
    assert report["ok"] is False
    assert report["breaks"], report
    assert any(names(b, event_id, seq) for b in report["breaks"]), report["breaks"]
    assert all(b["station"] == "ST-1" for b in report["breaks"])
    assert "BROKEN ST-1" in text.stdout


# --- the scan flow through replay ----------------------------------------------------------


@pytest.mark.parametrize(
    "signing",
    [
        ["B-9001", "PIN:4321", "RSN:EXPIRY-REVIEWED"],
        ["RSN:EXPIRY-REVIEWED", "B-9001", "PIN:4321"],
        ["B-9001", "RSN:EXPIRY-REVIEWED", "PIN:4321"],
    ],
    ids=["badge-pin-reason", "reason-badge-pin", "badge-reason-pin"],
)
def test_an_expired_lot_needs_a_lead_and_the_leads_badge_pin_and_reason_let_it_through(
    demo_cli: Cli, signing: list[str]
) -> None:
    scans = [*BUILD_BOARD, "P-0001", "LOT:CAP-220/C-6001", *signing, "CMD:DONE"]

    results = demo_cli.replay(scans)

    assert outcomes(results) == ["accepted"] * 4 + ["needs_override"] + ["accepted"] * 4
    assert "expired" in results[4]["message"] and "2026-01-31" in results[4]["message"]
    assert results[4]["event_id"] is None
    assert [r["event_id"] is None for r in results[5:7]] == [True, True]
    assert results[7]["event_id"] is not None
    assert "Ion Rus" in results[7]["message"]
    tree = demo_cli.json("trace", "backward", "P-0001")
    assert [(c["part"], c["lot"], c["qty"]) for c in tree["children"]] == [
        ("CAP-220", "C-6001", "2")
    ]
    with demo_cli.sql() as connection:
        signed = connection.execute(
            "SELECT kind, reason, signed_by FROM events WHERE signed_by IS NOT NULL ORDER BY seq"
        ).fetchall()
    assert [tuple(row) for row in signed] == [
        ("lot_installed", "EXPIRY-REVIEWED", "B-9001"),
        ("deviation_recorded", "EXPIRY-REVIEWED", "B-9001"),
    ]


def test_an_expired_lot_is_not_installed_when_the_override_is_abandoned(demo_cli: Cli) -> None:
    results = demo_cli.replay(
        [*BUILD_BOARD, "P-0001", "LOT:CAP-220/C-6001", "B-9001", "PIN:1111", "CMD:DONE"]
    )

    assert outcomes(results) == ["accepted"] * 4 + [
        "needs_override",
        "accepted",
        "rejected",
        "rejected",
    ]
    assert "PIN" in results[6]["message"]
    assert demo_cli.json("trace", "backward", "P-0001")["children"] == []


def test_replay_prints_one_json_line_per_scan_with_the_contract_keys(demo_cli: Cli) -> None:
    path = demo_cli.write_scans(
        ["# a comment line", "B-1001", "", "WO:WO-9999", "WO:WO-2001", "OPN:10", "P-0001"]
    )

    proc = demo_cli.run("replay", "--station", "ST-1", str(path))

    lines = proc.stdout.splitlines()
    assert len(lines) == 5
    results = [json.loads(line) for line in lines]
    for result in results:
        assert set(result) >= CONTRACT_SCAN_KEYS, result
        assert result["outcome"] in {"accepted", "rejected", "needs_override"}
        assert isinstance(result["message"], str) and result["message"]
    assert [r["scan"] for r in results] == [
        "B-1001",
        "WO:WO-9999",
        "WO:WO-2001",
        "OPN:10",
        "P-0001",
    ]
    assert outcomes(results) == ["accepted", "rejected", "accepted", "accepted", "accepted"]
    assert "WO-9999" in results[1]["message"]
    assert [r["event_id"] is not None for r in results] == [True, False, False, False, True]


def test_a_replay_file_with_a_malformed_escape_is_refused_with_one_clear_line(
    demo_cli: Cli,
) -> None:
    path = demo_cli.workdir / "broken.txt"
    path.write_text("B-1001\n]d2\\x1\n", encoding="utf-8")

    failed = demo_cli.fails("replay", "--station", "ST-1", str(path))

    assert "line 2" in failed.stderr
    assert len(failed.stderr.strip().splitlines()) == 1


# --- parse and trace -------------------------------------------------------------------------


def test_parse_reads_a_work_order_traveler_as_a_station_code(cli: Cli) -> None:
    parsed = cli.json("parse", "WO:WO-1001")

    assert parsed["kind"] == "station"
    assert parsed["fields"] == {"work_order": "WO-1001"}
    assert parsed["error"] is None
    assert parsed["symbology"] is None


def test_parse_of_a_label_with_a_wrong_check_digit_exits_non_zero_with_the_reason(cli: Cli) -> None:
    proc = cli.run("parse", "--json", "]C10109506000134353", check=False)

    assert proc.returncode != 0
    parsed = json.loads(proc.stdout)
    assert "check digit" in parsed["error"]


def test_trace_backward_of_an_unknown_serial_exits_non_zero_and_says_why(demo_cli: Cli) -> None:
    failed = demo_cli.fails("trace", "backward", "NOPE-42", "--json")

    assert "NOPE-42" in failed.stderr
    assert failed.stdout == ""
