from django.apps import AppConfig


class SkillsportalConfig(AppConfig):
    name = "skillsportal"
    verbose_name = "skillsportal"
