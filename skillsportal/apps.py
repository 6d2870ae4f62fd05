from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _

# The admin lists apps by these names: the libraries' own are English or absent.
LIBRARY_APP_NAMES = {
    "auditlog": _("บันทึกการเปลี่ยนแปลง"),
    "axes": _("การเข้าสู่ระบบที่ไม่สำเร็จ"),
    "otp_totp": _("รหัสยืนยันตัวตนสองชั้น (TOTP)"),
    "django_celery_beat": _("งานตามกำหนดเวลา"),
}


class SkillsportalConfig(AppConfig):
    name = "skillsportal"
    verbose_name = "skillsportal"

    def ready(self) -> None:
        from django.contrib import admin

        from . import language  # noqa: F401  (its sign-in receiver)

        for label, name in LIBRARY_APP_NAMES.items():
            apps.get_app_config(label).verbose_name = name
        admin.site.site_header = _("ผู้ดูแลระบบ ระบบติดตามทักษะดิจิทัลภาครัฐ")
        admin.site.site_title = _("ผู้ดูแลระบบ")
        admin.site.index_title = _("การจัดการข้อมูล")
