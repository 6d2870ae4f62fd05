from django.urls import path

from . import views

app_name = "demo"

urlpatterns = [
    path("<str:kind>.csv", views.demo_sample, name="sample"),
]
