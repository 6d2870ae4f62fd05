"""Agency tree pages (SPEC §3), mounted at /agencies/."""

from django.urls import path

from . import views

app_name = "agencies"

urlpatterns = [
    path("", views.agency_list, name="agency-list"),
    path("<int:pk>/", views.agency_detail, name="agency-detail"),
]
