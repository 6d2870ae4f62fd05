"""Every write to frameworks, courses and development records goes through these.

Split by subdomain; import from here (`from competencies import services`).
"""

from .courses import course_save, courses_import
from .events import event_attendee_remove, event_attendees, event_save
from .framework import (
    framework_draft_start,
    framework_draft_update,
    framework_load,
    framework_publish,
    framework_years,
)
from .import_jobs import (
    import_job_confirm,
    import_job_create,
    import_job_purge,
    import_job_run,
    import_job_validate,
)
from .imports import assessments_import, training_import

__all__ = [
    "course_save",
    "courses_import",
    "event_attendee_remove",
    "event_attendees",
    "event_save",
    "framework_draft_start",
    "framework_draft_update",
    "framework_load",
    "framework_publish",
    "framework_years",
    "assessments_import",
    "import_job_confirm",
    "import_job_create",
    "import_job_purge",
    "import_job_run",
    "import_job_validate",
    "training_import",
]

# One-at-a-time development records (HR browser workflows).
from .records import (  # noqa: E402
    assessment_create,
    assessment_reject,
    assessment_verify,
    records_decide,
    training_record_create,
    training_record_reject,
    training_record_verify,
)

__all__ += [
    "assessment_create",
    "assessment_reject",
    "assessment_verify",
    "records_decide",
    "training_record_create",
    "training_record_reject",
    "training_record_verify",
]

# Self-service: development plans and notifications (issue 7).
from .notifications import (  # noqa: E402
    notification_email_send,
    notification_mark_read,
    notification_preference_update,
    notifications_mark_all_read,
    notify,
    record_decision_notify,
    reminders_send,
)
from .plans import (  # noqa: E402
    plan_comment,
    plan_get_or_create,
    plan_item_add,
    plan_item_cancel,
    plan_item_done,
)

__all__ += [
    "notification_email_send",
    "notification_mark_read",
    "notification_preference_update",
    "notifications_mark_all_read",
    "notify",
    "record_decision_notify",
    "reminders_send",
    "plan_comment",
    "plan_get_or_create",
    "plan_item_add",
    "plan_item_cancel",
    "plan_item_done",
]
