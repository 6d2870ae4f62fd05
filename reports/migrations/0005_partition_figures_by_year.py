"""The figure tables partitioned by fiscal year (PostgreSQL; SQLite is unchanged).

A full recompute then builds a year's rows in fresh tables and swaps them in as
that year's partitions (`reports.snapshot`): no index maintenance, WAL of dead
rows or vacuum debt for a million rows a year. Rows of years that have no
partition yet (and the rows already there) live in the default partition.
A partitioned table's keys must hold the partition key: on PostgreSQL each table's
first unique constraint (which leads with or holds `fy`) is its primary key, and
`id` is a plain column (the engine numbers fresh rows; the identity numbers the
incremental path's). Nothing refers to these rows by id.
"""

from typing import Any

from django.db import migrations

TABLES = ("personyearfigure", "compliancefigure", "skillfigure")


def _columns(model: Any, fields: Any) -> str:
    return ", ".join(model._meta.get_field(f).column for f in fields)


def _rebuild(apps: Any, editor: Any, *, partitioned: bool) -> None:
    if editor.connection.vendor != "postgresql":
        return
    for name in TABLES:
        model = apps.get_model("reports", name)
        table = model._meta.db_table
        new = f"{table}_rebuilt"
        by_year = " PARTITION BY LIST (fy)" if partitioned else ""
        first, *others = model._meta.constraints
        statements = [
            f"CREATE TABLE {new} (LIKE {table} INCLUDING DEFAULTS INCLUDING IDENTITY"
            f" INCLUDING CONSTRAINTS){by_year}",
        ]
        if partitioned:
            statements.append(f"CREATE TABLE {table}_default PARTITION OF {new} DEFAULT")
        statements += [
            f"INSERT INTO {new} SELECT * FROM {table}",
            f"DROP TABLE {table}",
            f"ALTER TABLE {new} RENAME TO {table}",
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
            f" (SELECT COALESCE(MAX(id), 0) + 1 FROM {table}), false)",
        ]
        if partitioned:
            statements.append(
                f"ALTER TABLE {table} ADD CONSTRAINT {first.name}"
                f" PRIMARY KEY ({_columns(model, first.fields)})"
            )
        else:
            statements += [
                f"ALTER TABLE {table} ADD CONSTRAINT {table}_pkey PRIMARY KEY (id)",
                f"ALTER TABLE {table} ADD CONSTRAINT {first.name}"
                f" UNIQUE ({_columns(model, first.fields)})",
            ]
        statements += [
            f"ALTER TABLE {table} ADD CONSTRAINT {c.name}"
            f" UNIQUE ({_columns(model, c.fields)})"
            for c in others
        ]
        statements += [
            f"CREATE INDEX {i.name} ON {table} ({_columns(model, i.fields)})"
            for i in model._meta.indexes
        ]
        for sql in statements:
            editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("reports", "0004_person_figure_skills_as_columns")]

    operations = [
        migrations.RunPython(
            lambda apps, editor: _rebuild(apps, editor, partitioned=True),
            lambda apps, editor: _rebuild(apps, editor, partitioned=False),
        )
    ]
