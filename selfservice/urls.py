"""Self-service pages, mounted at /me/ (SPEC §1: the civil servant).

No URL carries the signed-in person's id: "me" is the scope's person. Ids in
URLs (plan items, notifications, other people's plans for HR) are fetched
through scoped querysets, so someone else's are 404 (SPEC §8).
"""

from django.urls import path

from .views import me, plans

app_name = "me"

urlpatterns = [
    path("", me.my_skills, name="skills"),
    path("training/new/", me.training_create, name="training-create"),
    path("assessments/new/", me.assessment_create, name="assessment-create"),
    path("plan/", plans.my_plan, name="plan"),
    path("plan/items/new/", plans.plan_item_add, name="plan-item-add"),
    path("plan/courses/<int:pk>/add/", plans.plan_course_add, name="plan-course-add"),
    path("plan/items/<int:pk>/done/", plans.plan_item_done, name="plan-item-done"),
    path(
        "plan/items/<int:pk>/cancel/",
        plans.plan_item_cancel,
        name="plan-item-cancel",
    ),
    path("team/plans/", plans.team_plan_list, name="team-plans"),
    path("team/people/<int:pk>/plan/", plans.person_plan, name="person-plan"),
    path(
        "team/people/<int:pk>/plan/comment/",
        plans.plan_comment,
        name="plan-comment",
    ),
    path("notifications/", me.notification_list, name="notification-list"),
    path(
        "notifications/<int:pk>/read/",
        me.notification_read,
        name="notification-read",
    ),
    path(
        "notifications/read-all/",
        me.notifications_read_all,
        name="notifications-read-all",
    ),
    path(
        "settings/notifications/",
        me.notification_settings,
        name="notification-settings",
    ),
    path("data/", me.my_data, name="data"),
    path("data/export.json", me.my_data_json, name="data-json"),
    path("data/transcript.pdf", me.my_transcript_pdf, name="data-pdf"),
]
