"""The `peer-2k` workload on InvenTree, driven through its own Django ORM (a peer adapter).

Runs in InvenTree's Python environment, not TraceStation's, as a worker of `bench/peer2k.py`
(same line protocol as `bench/peer2k_station.py`):

    INVENTREE_DB_ENGINE=sqlite3 INVENTREE_DB_NAME=/path/peer.sqlite3 ... \\
        /path/to/inventree-venv/bin/python bench/peers/inventree_orm.py \\
        /path/to/InvenTree/src/backend/InvenTree

The database must be migrated (`manage.py migrate`) before. Every connection runs with
`journal_mode=WAL` and `synchronous=FULL`, as TraceStation's does. What each operation does,
with InvenTree's own model methods:

- an install: the new serialised `StockItem` created and `installStockItem(...)` (which splits
  one from the lot's stock item and sets `belongs_to`), in one `transaction.atomic()` block, as
  one API request would;
- the installed tree: `get_installed_items(cascade=True)`;
- every finished good holding a lot at any depth: the lot's stock items (its splits keep the
  batch code), then `belongs_to` upward, one query per level, to the parts without a parent;
- a unit's history: its `tracking_info` entries, in date order.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any


def memory_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def start(source: str) -> None:
    # InvenTree tells its server from other processes by the program's name (InvenTree/ready.py,
    # isInServerThread: 'gunicorn' in sys.argv[0]). Elsewhere each serializer it builds walks the
    # whole Python stack with its sources (isGeneratingSchema), and an install takes tens of
    # seconds on this machine. Production runs it under gunicorn: so does this adapter.
    sys.argv = ["gunicorn (peer-2k adapter)", *sys.argv[1:]]
    sys.path.insert(0, source)
    os.chdir(source)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "InvenTree.settings")
    import django
    from django.db.backends.signals import connection_created

    def durable(sender: Any, connection: Any, **_kwargs: Any) -> None:
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA journal_mode=WAL")
                cursor.execute("PRAGMA synchronous=FULL")

    connection_created.connect(durable)
    django.setup()


class Worker:
    def __init__(self) -> None:
        from django.contrib.auth.models import User
        from django.db import connection
        from part.models import BomItem, Part
        from stock.models import StockItem, StockLocation

        self.StockItem = StockItem
        self.statements = 0

        def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
            self.statements += 1
            return execute(sql, params, many, context)

        connection.execute_wrappers.append(count)
        self.user, _ = User.objects.get_or_create(username="bench")
        self.location, _ = StockLocation.objects.get_or_create(name="Line 1")
        self.fg, fg_new = Part.objects.get_or_create(
            name="FG", defaults={"trackable": True, "assembly": True, "description": "Finished"}
        )
        self.sub, _ = Part.objects.get_or_create(
            name="SUB",
            defaults={
                "trackable": True,
                "assembly": True,
                "component": True,
                "description": "Sub-assembly",
            },
        )
        self.cap, _ = Part.objects.get_or_create(
            name="CAP", defaults={"component": True, "description": "Capacitor"}
        )
        if fg_new:
            BomItem.objects.create(part=self.fg, sub_part=self.sub, quantity=1)
            BomItem.objects.create(part=self.sub, sub_part=self.cap, quantity=1)
            for n in range(1, 11):
                StockItem.objects.create(
                    part=self.cap, batch=f"B{n:02d}", quantity=1000, location=self.location
                )
        self.lots = {
            item.batch: item.pk
            for item in StockItem.objects.filter(part=self.cap, belongs_to__isnull=True)
        }

    def ready(self) -> dict[str, Any]:
        return {"ms": 0.0, "statements": 0}

    def _install(self, part: Any, serial: str, child: Any) -> dict[str, Any]:
        from django.db import transaction

        before = self.statements
        t0 = time.perf_counter()
        with transaction.atomic():
            item = self.StockItem.objects.create(
                part=part, serial=serial, quantity=1, location=self.location
            )
            item.installStockItem(child, 1, self.user, "peer-2k")
        return {"ms": (time.perf_counter() - t0) * 1000, "statements": self.statements - before}

    def install_sub(self, i: int) -> dict[str, Any]:
        lot = self.StockItem.objects.get(pk=self.lots[f"B{(i - 1) // 200 + 1:02d}"])
        return self._install(self.sub, f"S{i:04d}", lot)

    def install_fg(self, i: int) -> dict[str, Any]:
        child = self.StockItem.objects.get(part=self.sub, serial=f"S{i:04d}")
        return self._install(self.fg, f"F{i:04d}", child)

    def tree(self, serial: str) -> dict[str, Any]:
        t0 = time.perf_counter()
        item = self.StockItem.objects.get(part=self.fg, serial=serial)
        installed = item.get_installed_items(cascade=True)
        return {"ms": (time.perf_counter() - t0) * 1000, "nodes": len(installed)}

    def forward(self, lot: str) -> dict[str, Any]:
        t0 = time.perf_counter()
        frontier = set(
            self.StockItem.objects.filter(part=self.cap, batch=lot).values_list("pk", flat=True)
        )
        seen = set(frontier)
        tops: set[int] = set()
        while frontier:
            rows = self.StockItem.objects.filter(pk__in=frontier).values_list("pk", "belongs_to")
            parents = set()
            for pk, parent in rows:
                if parent is None:
                    tops.add(pk)
                else:
                    parents.add(parent)
            frontier = parents - seen
            seen |= frontier
        finished = sorted(
            self.StockItem.objects.filter(pk__in=tops, part=self.fg).values_list(
                "serial", flat=True
            )
        )
        return {"ms": (time.perf_counter() - t0) * 1000, "finished": finished}

    def history(self, serial: str) -> dict[str, Any]:
        t0 = time.perf_counter()
        item = self.StockItem.objects.get(part=self.fg, serial=serial)
        entries = list(item.tracking_info.order_by("date"))
        return {
            "ms": (time.perf_counter() - t0) * 1000,
            "entries": len(entries),
            "how": "StockItemTracking (tracking_info)",
        }

    def memory(self) -> dict[str, Any]:
        return {"rss_mb": memory_mb()}


def main() -> int:
    start(sys.argv[1])
    worker = Worker()
    for line in sys.stdin:
        command = json.loads(line)
        op = command.pop("op")
        if op == "quit":
            break
        try:
            answer = getattr(worker, op)(**command)
        except Exception as error:  # the runner reports it and stops
            answer = {"error": f"{type(error).__name__}: {error}"}
        print(json.dumps(answer), flush=True)
    os._exit(0)


if __name__ == "__main__":
    raise SystemExit(main())
