from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class XapiConfig(AppConfig):
    name = "xapi"
    verbose_name = _("xAPI จากระบบการเรียนรู้")

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (connects them)
