"""Dashboards, rollout reports, exports and schedules, mounted at /reports/."""

from django.urls import path

from .views import dashboard, exports, frameworks, rollout, schedules

app_name = "reports"

urlpatterns = [
    path("agency/", dashboard.agency_dashboard, name="agency-dashboard"),
    path("agency/worklist/", dashboard.worklist, name="worklist"),
    path("rollout/", rollout.rollout_dashboard, name="rollout-dashboard"),
    path("runs/", rollout.run_list, name="run-list"),
    path("frameworks/", frameworks.framework_list, name="framework-list"),
    path("frameworks/<int:pk>/", frameworks.framework_detail, name="framework-detail"),
    path(
        "frameworks/<int:pk>/publish/",
        frameworks.framework_publish,
        name="framework-publish",
    ),
    path("exports/", exports.export_list, name="export-list"),
    path("exports/new/", exports.export_create, name="export-create"),
    path("exports/<int:pk>/", exports.export_detail, name="export-detail"),
    path("exports/<int:pk>/progress/", exports.export_progress, name="export-progress"),
    path("exports/<int:pk>/download/", exports.export_download, name="export-download"),
    path("schedules/", schedules.schedule_list, name="schedule-list"),
    path("schedules/new/", schedules.schedule_form, name="schedule-create"),
    path("schedules/<int:pk>/", schedules.schedule_form, name="schedule-edit"),
    path(
        "schedules/<int:pk>/delete/", schedules.schedule_delete, name="schedule-delete"
    ),
    path("schedules/<int:pk>/send/", schedules.schedule_send, name="schedule-send"),
]
