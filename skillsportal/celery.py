"""The Celery app. Tasks live in each app's tasks.py; schedules in settings."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "skillsportal.settings")

app = Celery("skillsportal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
