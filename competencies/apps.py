from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetenciesConfig(AppConfig):
    name = "competencies"
    verbose_name = _("สมรรถนะดิจิทัล")

    def ready(self) -> None:
        from . import audit  # noqa: F401  registers models with auditlog
        from .services import notifications  # noqa: F401  connects receivers
