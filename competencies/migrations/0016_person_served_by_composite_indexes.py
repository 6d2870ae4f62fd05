"""The person of a training record or an assessment needs no index of its own:
(person, completed_on) and the assessment key (person, skill, date, method)
start with it. One index less for every imported row to write.

Only the indexes are dropped: Django's AlterField would drop and re-add the
foreign key too, re-checking every row of two of the largest tables.
"""

import django.db.models.deletion
from django.db import migrations, models

_INDEXES = {
    "competencies_assessment": "competencies_assessment_person_id_322bcd55",
    "competencies_trainingrecord": "competencies_trainingrecord_person_id_55002500",
}


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0011_audit_indexes"),
        ("competencies", "0015_trainingrecord_xapi_statement"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    f"DROP INDEX IF EXISTS {index}",
                    reverse_sql=f"CREATE INDEX {index} ON {table} (person_id)",
                )
                for table, index in _INDEXES.items()
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="assessment",
                    name="person",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="assessments",
                        to="agencies.person",
                        verbose_name="บุคลากร",
                    ),
                ),
                migrations.AlterField(
                    model_name="trainingrecord",
                    name="person",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="training_records",
                        to="agencies.person",
                        verbose_name="บุคลากร",
                    ),
                ),
            ],
        )
    ]
