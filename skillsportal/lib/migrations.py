"""Migration operations for tables of millions of rows."""

from __future__ import annotations

from typing import Any

from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations


class AddIndexOnline(AddIndexConcurrently):
    """AddIndex built CONCURRENTLY on PostgreSQL, plainly elsewhere (SQLite demo).

    A plain CREATE INDEX blocks every write to the table while it builds: on 30M
    training records, imports would stall for minutes. The migration must set
    `atomic = False`.
    """

    def database_forwards(self, app: str, editor: Any, *args: Any) -> None:
        if editor.connection.vendor == "postgresql":
            super().database_forwards(app, editor, *args)
        else:
            migrations.AddIndex.database_forwards(self, app, editor, *args)

    def database_backwards(self, app: str, editor: Any, *args: Any) -> None:
        if editor.connection.vendor == "postgresql":
            super().database_backwards(app, editor, *args)
        else:
            migrations.AddIndex.database_backwards(self, app, editor, *args)
