"""In-portal notifications and each user's choices about them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from skillsportal.lib.choices import ChoiceLabels

if TYPE_CHECKING:
    from agencies.scoping import AgencyScope


class NotificationKind(models.TextChoices):
    RECORD_VERIFIED = "record_verified", _("รายการได้รับการอนุมัติ")
    RECORD_REJECTED = "record_rejected", _("รายการไม่ได้รับการอนุมัติ")
    PLAN_COMMENT = "plan_comment", _("ความเห็นต่อแผนพัฒนา")
    REMINDER = "reminder", _("แจ้งเตือนก่อนสิ้นปีงบประมาณ")
    TRANSFER = "transfer", _("คำขอรับโอน")


class NotificationQuerySet(models.QuerySet["Notification"]):
    def visible_to(self, scope: AgencyScope) -> NotificationQuerySet:
        """Own notifications only, for everyone (an OCSC role reads no one's inbox)."""
        if scope.user_id is None:
            return self.none()
        return self.filter(user_id=scope.user_id)

    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)


class Notification(ChoiceLabels, models.Model):
    """An in-portal message to one user: a decision, a comment, a reminder.

    `link` is a site-relative path to the page it is about. E-mail copies are
    sent after commit when the user has an address and has not opted out.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("บัญชีผู้ใช้"),
    )
    kind = models.CharField(_("ประเภท"), max_length=16, choices=NotificationKind)
    title = models.CharField(_("เรื่อง"), max_length=255)
    body = models.TextField(_("รายละเอียด"), blank=True)
    link = models.CharField(_("ลิงก์"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("เวลา"), auto_now_add=True)
    read_at = models.DateTimeField(_("อ่านเมื่อ"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("ส่งอีเมลเมื่อ"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("การแจ้งเตือน")
        verbose_name_plural = _("การแจ้งเตือน")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "-created_at"]),
            models.Index(fields=["user", "kind", "created_at"]),
            models.Index(
                fields=["user"],
                condition=Q(read_at__isnull=True),
                name="notification_unread",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_unread(self) -> bool:
        return self.read_at is None


class NotificationPreference(models.Model):
    """A user's choices about notifications (การแจ้งเตือน); no row = the defaults.

    In-portal notifications are always kept; e-mail and fiscal-year-end
    reminders can be turned off.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preference",
        verbose_name=_("บัญชีผู้ใช้"),
    )
    email_enabled = models.BooleanField(_("ส่งสำเนาทางอีเมล"), default=True)
    reminders_enabled = models.BooleanField(
        _("แจ้งเตือนก่อนสิ้นปีงบประมาณเมื่อยังไม่ผ่านเป้าหมาย"), default=True
    )
    updated_at = models.DateTimeField(_("เวลาที่แก้ไข"), auto_now=True)

    class Meta:
        verbose_name = _("การตั้งค่าการแจ้งเตือน")
        verbose_name_plural = _("การตั้งค่าการแจ้งเตือน")

    def __str__(self) -> str:
        return f"{self.user} notifications"
