from django.urls import path

from . import views
from .api import AboutView, StatementsView

app_name = "xapi"
urlpatterns = [
    path("statements", StatementsView.as_view(), name="statements"),
    path("about", AboutView.as_view(), name="about"),
    path("", views.statement_overview, name="overview"),
    path("match/", views.actor_match, name="actor-match"),
]
