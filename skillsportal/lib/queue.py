"""Queue a Celery task once the current transaction commits: the one way we do it.

A task is named by its dotted path (`"reports.tasks.compliance_refresh_marked"`),
so a service can queue its app's task without importing the tasks module, which
imports the services (tasks only call a service). A lost broker is logged, never
raised: the write has committed, and the periodic sweeps (beat) catch up.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.cache import cache
from django.db import connection, transaction
from django.utils.module_loading import import_string

log = logging.getLogger(__name__)


def enqueue(
    task: str,
    /,
    *,
    once: str | None = None,
    countdown: int | None = None,
    **kwargs: Any,
) -> None:
    """Queue `task(**kwargs)` after commit (at once outside a transaction).

    `once` names work that must not pile up: one callback per name and transaction
    (an import of 10,000 rows queues one run), and none while a run queued under
    that name in the last minute has not started (the task deletes the cache key).
    """
    if once and _pending(once):
        return

    def send() -> None:
        try:
            if once and not cache.add(once, 1, timeout=60):
                return
            import_string(task).apply_async(kwargs=kwargs, countdown=countdown)
        except Exception:  # broker or cache down: the write stands
            log.warning("could not queue %s; the periodic sweep will catch up", task)
            if once:
                _forget(once)

    send.queue_once = once  # type: ignore[attr-defined]
    transaction.on_commit(send)


def _pending(name: str) -> bool:
    return any(
        getattr(callback, "queue_once", None) == name
        for _savepoints, callback, *_ in connection.run_on_commit
    )


def _forget(name: str) -> None:
    try:
        cache.delete(name)
    except Exception:  # the cache is down too; its key expires in a minute
        pass
