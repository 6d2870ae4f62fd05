"""Role assignments (SPEC §8) and the API keys of systems (SPEC §9)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    pass


from skillsportal.lib.choices import ChoiceLabels

from .tree import Agency


class Role(models.TextChoices):
    AGENCY_HR = "agency_hr", _("เจ้าหน้าที่บริหารทรัพยากรบุคคล")
    AGENCY_VIEWER = "agency_viewer", _("ผู้ดูข้อมูลหน่วยงาน")
    OCSC_ADMIN = "oncsc_admin", _("ผู้ดูแลระบบ สำนักงาน ก.พ.")


class RoleAssignment(ChoiceLabels, models.Model):
    """A user's role over an agency subtree (SPEC §8); OCSC admins need no agency."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="roles",
        verbose_name=_("บัญชีผู้ใช้"),
    )
    role = models.CharField(_("บทบาท"), max_length=16, choices=Role)
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("หน่วยงาน"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    created_at = models.DateTimeField(_("เวลาที่สร้าง"), auto_now_add=True)

    class Meta:
        verbose_name = _("การมอบบทบาท")
        verbose_name_plural = _("การมอบบทบาท")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "agency"], name="role_assignment_unique"
            ),
            models.CheckConstraint(
                condition=Q(role="oncsc_admin") | Q(agency__isnull=False),
                name="role_assignment_agency_roles_need_agency",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.role} {self.agency or ''}".strip()


class ApiKeyQuerySet(models.QuerySet["ApiKey"]):
    def usable(self) -> ApiKeyQuerySet:
        from django.utils import timezone

        now = timezone.now()
        return self.filter(revoked_at__isnull=True).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now)
        )


class ApiKey(models.Model):
    """A system's key to the API, issued per agency (SPEC §9).

    Only a SHA-256 of the key is stored (keys are 256 random bits, so a plain hash
    is enough); the key itself is shown once. It reads its agency's subtree;
    `can_write` lets it also write records there (default: read only), and
    `can_search_national_id` allows the POST search by full national ID.
    """

    agency = models.ForeignKey(
        Agency, verbose_name=_("หน่วยงาน"), on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("ชื่อระบบ"), max_length=150)
    prefix = models.CharField(
        _("คำนำหน้ากุญแจ"), max_length=12, db_index=True, editable=False
    )
    key_hash = models.CharField(
        _("แฮชของกุญแจ"), max_length=64, unique=True, editable=False
    )
    can_write = models.BooleanField(
        _("บันทึกข้อมูลได้"),
        default=False,
        help_text=_("บันทึกการอบรมและผลการประเมินของบุคลากรในหน่วยงานผ่าน API"),
    )
    can_search_national_id = models.BooleanField(
        _("ค้นหาด้วยเลขประจำตัวประชาชนได้"), default=False
    )
    can_xapi = models.BooleanField(
        _("ส่งคำสั่ง xAPI ได้"),
        default=False,
        help_text=_(
            "ระบบการเรียนรู้ส่งผลการเรียนมาที่ /xapi/statements "
            "(บันทึกเป็นรายการรอตรวจสอบ เว้นแต่กุญแจบันทึกข้อมูลได้)"
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("ผู้สร้าง"),
    )
    created_at = models.DateTimeField(_("เวลาที่สร้าง"), auto_now_add=True)
    expires_at = models.DateTimeField(_("หมดอายุ"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("ใช้ล่าสุด"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("เพิกถอนเมื่อ"), null=True, blank=True)

    objects = ApiKeyQuerySet.as_manager()

    class Meta:
        verbose_name = _("กุญแจ API")
        verbose_name_plural = _("กุญแจ API")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class UserPreference(models.Model):
    """What a user chose for themself: the portal's language (SPEC §1)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="preference",
        verbose_name=_("บัญชีผู้ใช้"),
    )
    language = models.CharField(_("ภาษา"), max_length=8, blank=True)

    class Meta:
        verbose_name = _("การตั้งค่าผู้ใช้")
        verbose_name_plural = _("การตั้งค่าผู้ใช้")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.language or '-'}"
