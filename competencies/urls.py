"""HR pages, mounted at the site root (SPEC §3, §6): people, records, verification.

No URL carries a national ID (SPEC §3, ASVS 14.2.1): it is searched by POST.
"""

from django.urls import path

from .views import (
    assessments,
    courses,
    events,
    people,
    training,
    transfers,
    verification,
)

app_name = "competencies"

urlpatterns = [
    path("courses/", courses.course_list, name="course-list"),
    path("courses/new/", courses.course_create, name="course-create"),
    path("courses/<int:pk>/edit/", courses.course_edit, name="course-edit"),
    path("events/", events.event_list, name="event-list"),
    path("events/new/", events.event_create, name="event-create"),
    path("events/<int:pk>/", events.event_detail, name="event-detail"),
    path("events/<int:pk>/edit/", events.event_edit, name="event-edit"),
    path("events/<int:pk>/attendees/", events.event_attendees, name="event-attendees"),
    path(
        "events/<int:pk>/attendees/<int:record_pk>/remove/",
        events.event_attendee_remove,
        name="event-attendee-remove",
    ),
    path("people/", people.person_list, name="person-list"),
    path("people/search/", people.person_search_id, name="person-search-id"),
    path("people/new/", people.person_create, name="person-create"),
    path(
        "people/assign-groups/",
        people.person_assign_groups,
        name="person-assign-groups",
    ),
    path("people/<int:pk>/", people.person_detail, name="person-detail"),
    path("people/<int:pk>/edit/", people.person_edit, name="person-edit"),
    path(
        "people/<int:pk>/transfer-out/",
        transfers.person_transfer_out,
        name="person-transfer-out",
    ),
    path("transfers/", transfers.transfer_list, name="transfer-list"),
    path(
        "transfers/new/",
        transfers.transfer_request_create,
        name="transfer-request-create",
    ),
    path("transfers/<int:pk>/", transfers.transfer_detail, name="transfer-detail"),
    path(
        "transfers/<int:pk>/accept/", transfers.transfer_accept, name="transfer-accept"
    ),
    path(
        "transfers/<int:pk>/decline/",
        transfers.transfer_decline,
        name="transfer-decline",
    ),
    path(
        "transfers/<int:pk>/cancel/", transfers.transfer_cancel, name="transfer-cancel"
    ),
    path(
        "people/<int:pk>/training/new/",
        training.training_record_create,
        name="training-record-create",
    ),
    path(
        "people/<int:pk>/assessments/new/",
        assessments.assessment_create,
        name="assessment-create",
    ),
    path(
        "training/<int:pk>/evidence/",
        training.training_record_evidence,
        name="training-record-evidence",
    ),
    path("verification/", verification.verification_queue, name="verification-queue"),
    path(
        "verification/decide/",
        verification.verification_decide,
        name="verification-decide",
    ),
    path(
        "verification/training/<int:pk>/verify/",
        verification.training_record_verify,
        name="training-record-verify",
    ),
    path(
        "verification/training/<int:pk>/reject/",
        verification.training_record_reject,
        name="training-record-reject",
    ),
    path(
        "verification/assessments/<int:pk>/verify/",
        verification.assessment_verify,
        name="assessment-verify",
    ),
    path(
        "verification/assessments/<int:pk>/reject/",
        verification.assessment_reject,
        name="assessment-reject",
    ),
]
