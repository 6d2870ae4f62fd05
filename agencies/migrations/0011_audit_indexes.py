"""Drop the audit log's indexes that nothing here reads (issue 17: import speed).

django-auditlog indexes `cid`, `object_pk` (twice on PostgreSQL), `action` and
`content_type`. The portal finds entries by `object_id` (+ `content_type`, which
that index narrows well enough: the person's trail, the access log), by `actor`
(retention) and by `timestamp` (newest first); those indexes stay. Each dropped index cost every bulk import about 0.15 s per 100,000
entries. Reversing recreates them.
"""

from django.db import migrations

DROPPED = {
    "auditlog_logentry_cid_9f467263": "(cid)",
    "auditlog_logentry_cid_9f467263_like": "(cid varchar_pattern_ops)",
    "auditlog_logentry_object_pk_6e3219c0": "(object_pk)",
    "auditlog_logentry_object_pk_6e3219c0_like": "(object_pk varchar_pattern_ops)",
    "auditlog_logentry_action_229afe39": "(action)",
    "auditlog_logentry_content_type_id_75830218": "(content_type_id)",
}


def drop(apps, schema_editor):
    for name in DROPPED:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


def create(apps, schema_editor):
    postgresql = schema_editor.connection.vendor == "postgresql"
    for name, columns in DROPPED.items():
        if postgresql or "_ops" not in columns:
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON auditlog_logentry {columns}"
            )


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0010_xapi"),
        ("auditlog", "0017_add_actor_email"),
    ]

    operations = [migrations.RunPython(drop, create, elidable=False)]
