"""Browser import of CSV/XLSX files (SPEC §9), mounted at /imports/."""

from django.urls import path

from . import import_views as views

app_name = "imports"

urlpatterns = [
    path("", views.import_start, name="start"),
    path("templates/<str:kind>.csv", views.import_template, name="template"),
    path("<int:pk>/", views.import_job_detail, name="job-detail"),
    path("<int:pk>/progress/", views.import_job_progress, name="job-progress"),
    path("<int:pk>/confirm/", views.import_job_confirm, name="job-confirm"),
    path("<int:pk>/errors.csv", views.import_job_errors, name="job-errors"),
]
