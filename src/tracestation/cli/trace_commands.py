"""`trace backward`, `trace forward` and `recall`."""

from __future__ import annotations

import argparse
from collections import Counter
from typing import Any

from sqlalchemy.orm import Session

from tracestation.cli.common import CliError, add_json_flag, emit_json, engine_for


def register(sub: Any) -> None:
    trace = sub.add_parser("trace", help="genealogy: what is in a unit, where a lot or unit went")
    trace_sub = trace.add_subparsers(dest="trace_command", required=True, metavar="DIRECTION")
    back = trace_sub.add_parser("backward", help="the as-built tree of a unit")
    back.add_argument("serial")
    back.add_argument("--part", help="the unit's part, when serials repeat across parts")
    add_json_flag(back)
    back.set_defaults(handler=run_backward)
    fwd = trace_sub.add_parser("forward", help="the units a lot or a unit went into")
    what = fwd.add_mutually_exclusive_group(required=True)
    what.add_argument("--lot")
    what.add_argument("--serial")
    fwd.add_argument("--part", help="the lot's or unit's part, when codes repeat across parts")
    add_json_flag(fwd)
    fwd.set_defaults(handler=run_forward)
    history = trace_sub.add_parser("history", help="every event of a unit: what, where, who, when")
    history.add_argument("serial")
    history.add_argument("--part", help="the unit's part, when serials repeat across parts")
    add_json_flag(history)
    history.set_defaults(handler=run_history)
    recall = sub.add_parser("recall", help="recall scope of a lot: unit scope beside lot scope")
    recall.add_argument("--lot", required=True)
    recall.add_argument("--part")
    add_json_flag(recall)
    recall.set_defaults(handler=run_recall)


def _query(args: argparse.Namespace, fn: Any, *params: Any) -> Any:
    from tracestation.trace.genealogy import TraceError

    with Session(engine_for(args)) as s:
        try:
            result = fn(s, *params)
        except TraceError as error:
            raise CliError(str(error)) from None
        return result


def run_backward(args: argparse.Namespace) -> int:
    from tracestation.trace.genealogy import backward

    tree = _query(args, backward, args.serial, args.part)
    if args.json:
        emit_json(tree)
        return 0
    print(f"{tree['part']} {tree['serial']} ({tree['status']}, {tree['work_order']})")
    _print_children(tree["children"], "  ")
    return 0


def run_history(args: argparse.Namespace) -> int:
    from tracestation.trace.history import describe, unit_history

    history = _query(args, unit_history, args.serial, args.part)
    if args.json:
        emit_json(history)
        return 0
    print(
        f"{history['part']} {history['serial']} ({history['status']}, {history['work_order']}): "
        f"{len(history['events'])} event(s)"
    )
    for entry in history["events"]:
        when = entry["time"][:19].replace("T", " ")
        where = entry["station"] + (f" op {entry['operation']}" if entry["operation"] else "")
        who = entry["operator_name"] or entry["operator"] or "-"
        signed = entry["signature"]
        signature = f"  {_signature_text(signed)}" if signed else ""
        print(f"  {when}  {where:<16} {who:<16} {describe(entry)}{signature}")
    return 0


def _print_children(children: list[dict[str, Any]], indent: str) -> None:
    for child in children:
        name = child.get("serial") or f"lot {child.get('lot')}"
        if child.get("kitted_to"):
            name += f" (kitted to {child['kitted_to']})"
        removed = f"  REMOVED {child['removed_at']}" if child["removed_at"] else ""
        signed = child.get("signature")
        signature = f"  {_signature_text(signed)}" if signed else ""
        print(
            f"{indent}{child['part']} {name} x{child['qty']} (op {child['operation']})"
            f"{removed}{signature}"
        )
        _print_children(child["children"], indent + "  ")


def run_forward(args: argparse.Namespace) -> int:
    from tracestation.trace.genealogy import forward_from_lot, forward_from_unit

    if args.lot:
        result = _query(args, forward_from_lot, args.lot, args.part)
    else:
        result = _query(args, forward_from_unit, args.serial, args.part)
    if args.json:
        emit_json(result)
        return 0
    for unit in result["units"]:
        print(
            f"{unit['part']} {unit['serial']} {unit['work_order']} {unit['status']} "
            f"{unit['container'] or ''}".rstrip()
        )
    print(f"{len(result['units'])} unit(s)")
    return 0


def run_recall(args: argparse.Namespace) -> int:
    from tracestation.trace.recall import kitted_work_orders, lot_deviations, recall_scope

    def scope_and_kitting(s: Session, lot: str, part: str | None) -> Any:
        return (
            recall_scope(s, lot, part),
            kitted_work_orders(s, lot, part),
            lot_deviations(s, lot, part),
        )

    result, kitted_to, deviations = _query(args, scope_and_kitting, args.lot, args.part)
    if args.json:
        emit_json(result)
        return 0
    lot = result["lot"]
    unit_scope, lot_scope = result["unit_scope"], result["lot_scope"]
    print(f"Recall of lot {lot['lot']} of {lot['part']} (status {lot['status']})")
    print(
        f"  Unit scope: {unit_scope['count']} unit(s) contain it now  "
        f"{_by_part(unit_scope['units'])}"
    )
    print(
        f"  Lot scope:  {lot_scope['count']} unit(s) of work orders "
        f"{', '.join(lot_scope['work_orders']) or '-'}"
        f"  {_by_part(lot_scope['units'])}"
    )
    if kitted_to:
        kitted = ", ".join(kitted_to)
        print(f"  Kitted to {kitted}: every unit of those work orders is in the unit scope")
    if unit_scope["removed"]:
        print(f"  Removed in rework: {len(unit_scope['removed'])} unit(s) held it once")
    saved = lot_scope["count"] - unit_scope["count"]
    print(f"  Serial genealogy spares {saved} unit(s) a lot-only recall would pull.")
    for unit in unit_scope["units"]:
        print(f"    {unit['part']} {unit['serial']} {unit['work_order']} {unit['status']}")
    for deviation in deviations:
        where = f" on {deviation['work_order']}" if deviation["work_order"] else ""
        signed = deviation.get("signature")
        who = _signature_text(signed) if signed else f"signed by {deviation['lead']}"
        print(
            f"  Deviation: {deviation['rule']} waived for {deviation['subject']}{where} "
            f"(reason {deviation['reason']}), {who}"
        )
    return 0


def _signature_text(signature: dict[str, Any]) -> str:
    """A signature of the JSON documents as one line: who (printed name and badge), when (UTC)
    and what it means."""
    from datetime import UTC, datetime

    moment = datetime.fromisoformat(signature["time"]).astimezone(UTC)
    meaning = f": {signature['meaning']}" if signature.get("meaning") else ""
    return (
        f"signed by {signature['name']} ({signature['badge']}) "
        f"on {moment:%Y-%m-%d %H:%M:%S} UTC{meaning}"
    )


def _by_part(units: list[dict[str, Any]]) -> str:
    counts = Counter(u["part"] for u in units)
    return (
        "(" + ", ".join(f"{n} {part}" for part, n in sorted(counts.items())) + ")" if counts else ""
    )


__all__ = ["CliError", "register"]
