from django.apps import AppConfig


class SkillsportalConfig(AppConfig):
    name = "skillsportal"
    verbose_name = "skillsportal"

    def ready(self) -> None:
        from . import language  # noqa: F401  (its sign-in receiver)
