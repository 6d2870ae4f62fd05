"""Dashboards read the precomputed figures from a read replica, when one is set.

With `DATABASE_REPLICA_URL`, reads of the figure tables (reports.models: the
figures of SPEC §7, recomputed by the engine) go to the `replica` alias;
everything else, every write and every read inside a transaction on the primary
(the engine computing figures, an import), stays on `default`. Figures may lag
the primary by the replica's delay; they are snapshots already.
"""

from __future__ import annotations

from typing import Any

from django.db import connections

REPLICA = "replica"
FIGURE_TABLES = frozenset(
    {
        "reports.compliancefigure",
        "reports.skillfigure",
        "reports.personyearfigure",
    }
)


class FiguresReplicaRouter:
    def db_for_read(self, model: Any, **hints: Any) -> str | None:
        if model._meta.label_lower not in FIGURE_TABLES:
            return None
        if connections["default"].in_atomic_block:
            return None  # read what this transaction is writing
        return REPLICA

    def db_for_write(self, model: Any, **hints: Any) -> str | None:
        return None

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        return True  # the replica holds the same rows

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        return db != REPLICA
