from django.urls import path

from . import views

app_name = "mfa"
urlpatterns = [
    path("enrol/", views.mfa_enrol, name="enrol"),
    path("verify/", views.mfa_verify, name="verify"),
]
