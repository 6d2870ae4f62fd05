from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo and benchmark data for every app (`seed_demo`): the top layer."""

    name = "demo"
    verbose_name = _("ข้อมูลตัวอย่าง")
