"""`defects list` (the catalogue of master data) and `defects pareto --work-order WO`: which
defects a work order's units had, most frequent first, with their share and running share."""

from __future__ import annotations

import argparse
from typing import Any

from tracestation.cli.common import CliError, add_json_flag, emit_json, engine_for


def register(sub: Any) -> None:
    defects = sub.add_parser("defects", help="the defect catalogue and the Pareto of defects")
    actions = defects.add_subparsers(dest="defects_command", required=True, metavar="ACTION")
    listed = actions.add_parser("list", help="the defect codes of master data (DEF:<code>)")
    add_json_flag(listed)
    listed.set_defaults(handler=run_list)
    pareto = actions.add_parser(
        "pareto", help="defects of a work order's units, most frequent first"
    )
    pareto.add_argument("--work-order", required=True, metavar="WO")
    add_json_flag(pareto)
    pareto.set_defaults(handler=run_pareto)


def _records(args: argparse.Namespace) -> Any:
    from tracestation.store.quality_records import DatabaseQualityRecords

    return DatabaseQualityRecords(engine_for(args))


def run_list(args: argparse.Namespace) -> int:
    catalogue = _records(args).defect_catalogue()
    if args.json:
        emit_json(
            {
                "defects": [
                    {"code": d.code, "description": d.description, "category": d.category}
                    for d in catalogue
                ]
            }
        )
        return 0
    if not catalogue:
        print("No defect codes in master data: add a `defects` section and import it.")
        return 0
    for d in catalogue:
        print(f"DEF:{d.code:<24} {d.category or '-':<14} {d.description}")
    return 0


def run_pareto(args: argparse.Namespace) -> int:
    from tracestation.store.plant import DatabasePlant
    from tracestation.store.quality_records import DatabaseQualityRecords

    engine = engine_for(args)
    if DatabasePlant(engine).work_order(args.work_order) is None:
        raise CliError(f"Work order {args.work_order} does not exist. Check the number.")
    pareto = DatabaseQualityRecords(engine).defect_pareto(args.work_order)
    if args.json:
        emit_json(pareto.to_json())
        return 0
    if not pareto.lines:
        print(f"No defects recorded on {args.work_order}.")
        return 0
    print(f"Defects on {pareto.work_order}: {pareto.total}")
    print(f"{'code':<24} {'count':>5} {'share':>7} {'cum.':>7}  description")
    for line in pareto.lines:
        print(
            f"{line.code:<24} {line.count:>5} {line.share:>6}% {line.cumulative:>6}%  "
            f"{line.description}"
        )
    return 0
