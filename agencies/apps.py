from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    name = "agencies"
    verbose_name = _("หน่วยงานและบุคลากร")

    def ready(self) -> None:
        from . import (
            audit,  # noqa: F401  registers models with auditlog
            receivers,  # noqa: F401  cached scopes follow roles and tree
        )
