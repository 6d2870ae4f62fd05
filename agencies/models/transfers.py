"""Transfer requests between agencies (SPEC §3)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from skillsportal.lib import national_id
from skillsportal.lib.choices import ChoiceLabels

if TYPE_CHECKING:
    from ..scoping import AgencyScope


from .choices import PersonnelCategory, PositionType, TargetGroup
from .people import Person, PersonVersion
from .tree import Agency


class TransferStatus(models.TextChoices):
    PENDING = "pending", _("รอการพิจารณา")
    ACCEPTED = "accepted", _("รับโอนแล้ว")
    DECLINED = "declined", _("ไม่รับโอน")
    CANCELLED = "cancelled", _("ยกเลิกแล้ว")


class TransferRequestQuerySet(models.QuerySet["TransferRequest"]):
    def visible_to(self, scope: AgencyScope) -> TransferRequestQuerySet:
        """Requests to the scope's agencies (outgoing: their own fields only) and
        about the people the scope manages (incoming)."""
        if scope.national:
            return self
        return self.filter(
            scope.agency_q("agency")
            | scope.agency_q("person__current_agency")
            | scope.agency_q("from_agency")
        )

    def outgoing(self, scope: AgencyScope) -> TransferRequestQuerySet:
        """Sent by the scope's agencies: the person may be anyone's."""
        if scope.national:
            return self
        return self.filter(scope.agency_q("agency"))

    def incoming(self, scope: AgencyScope) -> TransferRequestQuerySet:
        """About people the scope's agencies manage (or managed when asked)."""
        if scope.national:
            return self
        return self.filter(
            scope.agency_q("person__current_agency") | scope.agency_q("from_agency")
        )


class TransferRequest(ChoiceLabels, models.Model):
    """คำขอรับโอน: an agency asks for a person another agency manages (SPEC §3).

    The receiving agency gave a national ID, an effective date and the position;
    until the managing agency (or OCSC) accepts, it sees nothing of the person
    but what it typed. Accepting adds the person's version in `agency` from
    `effective_date`; blank facts carry over from the version valid that day.
    """

    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="transfer_requests",
        verbose_name=_("บุคลากร"),
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("หน่วยงานที่ขอรับโอน"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The managing agency when asked: shown to its side only, never the requester.
    from_agency = models.ForeignKey(
        Agency,
        verbose_name=_("หน่วยงานเดิม"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    effective_date = models.DateField(_("วันที่มีผล"))
    category = models.CharField(
        _("ประเภทบุคลากร"), max_length=32, choices=PersonnelCategory, blank=True
    )
    position_title = models.CharField(_("ตำแหน่ง"), max_length=255, blank=True)
    position_type = models.CharField(
        _("ประเภทตำแหน่ง"), max_length=16, choices=PositionType, blank=True
    )
    position_level = models.CharField(_("ระดับตำแหน่ง"), max_length=32, blank=True)
    target_group = models.PositiveSmallIntegerField(
        _("กลุ่มเป้าหมาย"), null=True, blank=True, choices=TargetGroup
    )
    status = models.CharField(
        _("สถานะ"),
        max_length=10,
        choices=TransferStatus,
        default=TransferStatus.PENDING,
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("ผู้ขอ"),
    )
    requested_at = models.DateTimeField(_("วันที่ขอ"), auto_now_add=True)
    source = models.JSONField(default=dict, blank=True)  # e.g. the import job
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("ที่มา"),
    )
    decided_at = models.DateTimeField(_("วันที่พิจารณา"), null=True, blank=True)
    decline_reason = models.TextField(_("เหตุผล"), blank=True)
    version = models.ForeignKey(
        PersonVersion,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("ข้อมูลที่เกิดจากการรับโอน"),
    )

    objects = TransferRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("คำขอรับโอน")
        verbose_name_plural = _("คำขอรับโอน")
        ordering = ["-requested_at", "-pk"]
        indexes = [models.Index(fields=["agency", "status", "-requested_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "agency"],
                condition=Q(status="pending"),
                name="transfer_one_pending_per_agency",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.masked_national_id} → {self.agency_id} @ {self.effective_date}"

    @property
    def masked_national_id(self) -> str:
        """What the requester typed, masked: never the person's name (SPEC §8)."""
        return national_id.mask(self.person.national_id_tail)

    @property
    def is_pending(self) -> bool:
        return self.status == TransferStatus.PENDING
