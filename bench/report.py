"""The tables of BENCHMARKS.md, from the results JSON of `run.py` and `peer2k.py`.

    python bench/report.py [results/run.json ...] [--peer results/peer2k.json]

Prints Markdown: each figure, its floor and the ratio, per plant size and store; the peer-2k
operations side by side. Every number comes from the files; nothing is typed in by hand.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def _x(value: Any) -> str:
    return "—" if value is None else f"{value}x"


def _n(value: Any, unit: str = "") -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        value = f"{value:,.2f}" if value < 100 else f"{value:,.0f}"
    elif isinstance(value, int):
        value = f"{value:,}"
    return f"{value}{unit}"


def sizes_table(runs: list[dict[str, Any]]) -> list[str]:
    lines = [
        "| plant | store | scan p50 / p99 | floor p50 / p99 | p99 ratio | backward (floor, ratio) "
        "| forward (floor, ratio) | recall (floor, ratio) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for run in runs:
        for key, size in run["sizes"].items():
            plant = size["plant"]
            name = (
                f"{int(key):,} units, {plant['genealogy_links']:,} links, "
                f"{plant['events']:,} events{run.get('plant_note', '')}"
            )
            for store in ("sqlite", "postgresql"):
                m = size.get(store)
                if not m:
                    continue
                t = m["trace"]
                lines.append(
                    f"| {name} | {store} "
                    f"| {_n(m['scan']['p50_ms'])} / {_n(m['scan']['p99_ms'])} ms "
                    f"| {_n(m['floor']['p50_ms'])} / {_n(m['floor']['p99_ms'])} ms "
                    f"| {_x(m['p99_ratio'])} "
                    + " ".join(
                        f"| {_n(t[q]['median_ms'])} ms ({_n(t[q]['floor_median_ms'])}, "
                        f"{_x(t[q]['ratio'])})"
                        for q in ("backward", "forward", "recall")
                    )
                    + " |"
                )
    return lines


def startup_table(runs: list[dict[str, Any]]) -> list[str]:
    lines = [
        "| plant | headless to scan-ready | RSS after scans | window to scan-ready | window RSS "
        "| labels ZPL / PDF per s |",
        "|---|---|---|---|---|---|",
    ]
    for run in runs:
        for key, size in run["sizes"].items():
            cold = size.get("cold_start", {})
            h, w = cold.get("headless", {}), cold.get("window", {})
            labels = size.get("labels", {})
            lines.append(
                f"| {int(key):,} units | {_n(h.get('seconds'), ' s')} "
                f"| {_n(h.get('rss_mb'), ' MB')} "
                f"| {_n(w.get('seconds'), ' s')} | {_n(w.get('rss_mb'), ' MB')} "
                f"| {_n(labels.get('zpl', {}).get('labels_per_s'))} / "
                f"{_n(labels.get('pdf', {}).get('labels_per_s'))} |"
            )
    return lines


def once_table(runs: list[dict[str, Any]]) -> list[str]:
    lines = []
    for run in runs:
        sync = run.get("sync")
        if sync and "push_events_per_s" in sync:
            lines.append(
                f"- central ingest: push {_n(sync['push_events_per_s'])} events/s beside COPY of "
                f"the same rows {_n(sync['copy_events_per_s'])} events/s: "
                f"**{round(100 * sync['push_vs_copy'], 1)} %** ({sync['events']:,} events, median "
                f"of {len(sync['rounds'])} rounds; central state equal: {sync['central_state_ok']})"
            )
        window = run.get("window")
        if window and "scan_to_painted_verdict_ms" in window:
            v, s = window["scan_to_painted_verdict_ms"], window["station_scan_ms"]
            lines.append(
                f"- the window, scan to painted verdict ({window['units']:,} units, "
                f"{window['scans']} scans, Qt platform {window['platform']}): p50 {v['p50']} ms, "
                f"**p99 {v['p99']} ms**, of which `Station.scan` p99 {s['p99']} ms"
            )
    return lines


def peer_table(doc: dict[str, Any]) -> list[str]:
    r = doc["results"]
    names = list(r)
    lines = [
        "| operation | " + " | ".join(names) + " | peer ÷ TraceStation |",
        "|---|" + "---|" * (len(names) + 1),
    ]
    ratios = doc.get("peer_over_tracestation", {})
    rows = (
        (
            "lot-into-serial install, p50 (3 scans)",
            "lot_into_serial",
            "p50_ms",
            " ms",
            "lot_into_serial_install_p50",
        ),
        ("lot-into-serial install, p99", "lot_into_serial", "p99_ms", " ms", None),
        ("SQL statements per lot install", "lot_into_serial", "statements_median", "", None),
        (
            "serial-into-serial install, p50",
            "serial_into_serial",
            "p50_ms",
            " ms",
            "serial_into_serial_install_p50",
        ),
        ("serial-into-serial install, p99", "serial_into_serial", "p99_ms", " ms", None),
        ("SQL statements per serial install", "serial_into_serial", "statements_median", "", None),
        (
            "installed tree of F0123 (median)",
            "installed_tree",
            "median_ms",
            " ms",
            "installed_tree",
        ),
        (
            "every FG holding the lot asked (median)",
            "lot_forward_to_finished",
            "median_ms",
            " ms",
            "lot_forward_to_finished",
        ),
        ("history of F0123 (median)", "unit_history", "median_ms", " ms", "unit_history"),
        ("start-up to ready", "startup_s", None, " s", "startup_s"),
        ("resident memory after the workload", "rss_mb", None, " MB", "rss_mb"),
    )
    for title, section, field, unit, ratio_key in rows:
        cells = []
        for name in names:
            value = r[name].get(section)
            if field is not None:
                value = value.get(field) if isinstance(value, dict) else None
            cells.append(_n(value, unit))
        ratio = ratios.get(ratio_key, {}) if ratio_key else {}
        mark = ""
        if ratio:
            mark = f"{ratio['ratio']}x ({'≥ 5x: yes' if ratio['goal_5x_met'] else '≥ 5x: no'})"
        lines.append(f"| {title} | " + " | ".join(cells) + f" | {mark} |")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("runs", nargs="*", type=Path, default=[HERE / "results" / "run.json"])
    parser.add_argument("--peer", type=Path)
    args = parser.parse_args()
    runs = [json.loads(p.read_text(encoding="utf-8")) for p in args.runs if p.exists()]
    out = [*sizes_table(runs), "", *startup_table(runs), "", *once_table(runs)]
    if args.peer and args.peer.exists():
        out += ["", *peer_table(json.loads(args.peer.read_text(encoding="utf-8")))]
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
