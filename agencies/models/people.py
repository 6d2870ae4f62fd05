"""People and their time-versioned facts (SPEC §3)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from skillsportal.lib import national_id
from skillsportal.lib.choices import ChoiceLabels

if TYPE_CHECKING:
    from ..scoping import AgencyScope


from .choices import PersonnelCategory, PersonStatus, PositionType, TargetGroup
from .tree import Agency


class PersonQuerySet(models.QuerySet["Person"]):
    def visible_to(self, scope: AgencyScope) -> PersonQuerySet:
        if scope.national:
            return self
        if not scope.read_paths:  # self-service only
            return self.filter(pk=scope.person_id or 0)
        subtrees = scope.agency_q("current_agency", read=True)
        if scope.own_record_outside:
            return self.filter(subtrees | Q(pk=scope.person_id))
        return self.filter(subtrees)

    def editable_by(self, scope: AgencyScope) -> PersonQuerySet:
        if scope.national:
            return self
        return self.filter(scope.agency_q("current_agency", read=False))

    def with_national_id(self, raw: str) -> PersonQuerySet:
        """Match by national ID through the keyed blind index, never by the value."""
        return self.filter(national_id_hash=national_id_hash(raw))


def national_id_hash(raw: str) -> str:
    return national_id.blind_index(
        national_id.normalize(raw), settings.NATIONAL_ID_KEY.encode()
    )


class Person(ChoiceLabels, models.Model):
    """บุคลากร: the stable identity of a person (SPEC §3).

    The national ID is stored only as a keyed HMAC (for matching on import) and its
    last three digits (for the masked display); the full value is never stored in
    clear. What changes over time lives in `PersonVersion`; the `current_*` fields
    copy the version valid today so lists and scoping need no per-row lookup.
    """

    # Unique through a constraint, not `unique=True`: that would add a second
    # (LIKE) index, never used for a hash but paid for on every insert.
    national_id_hash = models.CharField(
        _("ดัชนีเลขประจำตัว (แฮช)"), max_length=64, editable=False
    )
    national_id_tail = models.CharField(
        _("เลขประจำตัวสามหลักท้าย"), max_length=3, editable=False
    )
    given_name = models.CharField(_("ชื่อ"), max_length=150)
    family_name = models.CharField(_("นามสกุล"), max_length=150)
    email = models.EmailField(_("อีเมล"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
        verbose_name=_("บัญชีผู้ใช้"),
    )
    current_agency = models.ForeignKey(
        Agency,
        verbose_name=_("หน่วยงานปัจจุบัน"),
        null=True,
        on_delete=models.PROTECT,
        related_name="current_people",
        editable=False,
        db_index=False,  # (current_agency, current_target_group) leads with it
    )
    current_category = models.CharField(
        _("ประเภทบุคลากร"), max_length=32, choices=PersonnelCategory, blank=True
    )
    current_target_group = models.PositiveSmallIntegerField(
        _("กลุ่มเป้าหมาย"), null=True, blank=True, choices=TargetGroup
    )
    current_status = models.CharField(
        _("สถานะ"), max_length=8, choices=PersonStatus, blank=True
    )
    created_at = models.DateTimeField(_("เวลาที่สร้าง"), auto_now_add=True)
    updated_at = models.DateTimeField(_("เวลาที่แก้ไข"), auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("บุคลากร")
        verbose_name_plural = _("บุคลากร")
        indexes = [
            models.Index(fields=["family_name", "given_name"]),
            models.Index(fields=["current_agency", "current_target_group"]),
            # Name search is by prefix (LIKE 'x%'); under a non-C collation only
            # pattern_ops indexes serve it (PostgreSQL; other databases ignore it).
            models.Index(
                fields=["given_name"],
                name="person_given_name_prefix",
                opclasses=["varchar_pattern_ops"],
            ),
            models.Index(
                fields=["family_name"],
                name="person_family_name_prefix",
                opclasses=["varchar_pattern_ops"],
            ),
            # xAPI actors named by e-mail (SPEC §9), compared without case.
            models.Index(
                Lower("email"), name="person_email_lower", condition=~Q(email="")
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["national_id_hash"],
                name="person_national_id_unique",
                violation_error_message=_("เลขประจำตัวประชาชนนี้มีในระบบแล้ว"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @property
    def masked_national_id(self) -> str:
        return national_id.mask(self.national_id_tail)


class PersonVersionQuerySet(models.QuerySet["PersonVersion"]):
    def visible_to(self, scope: AgencyScope) -> PersonVersionQuerySet:
        if scope.national:
            return self
        return self.filter(person__in=Person.objects.visible_to(scope))

    def valid_on(self, day: date) -> PersonVersionQuerySet:
        """Each person's version with the latest effective date ≤ day (SPEC §3)."""
        latest = (
            PersonVersion.objects.filter(
                person=models.OuterRef("person"), effective_date__lte=day
            )
            .order_by("-effective_date")
            .values("pk")[:1]
        )
        return self.filter(effective_date__lte=day, pk=models.Subquery(latest))


class PersonVersion(ChoiceLabels, models.Model):
    """One version of a person's changing facts, valid from `effective_date` (SPEC §3).

    Transfers, promotions and departures add versions; history is never rewritten.
    """

    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="versions",
        db_index=False,  # the (person, effective_date) unique index leads with it,
        verbose_name=_("บุคลากร"),
    )
    effective_date = models.DateField(_("วันที่มีผล"))
    agency = models.ForeignKey(
        Agency, verbose_name=_("หน่วยงาน"), on_delete=models.PROTECT, related_name="+"
    )
    category = models.CharField(
        _("ประเภทบุคลากร"), max_length=32, choices=PersonnelCategory
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
        _("สถานะ"), max_length=8, choices=PersonStatus, default=PersonStatus.ACTIVE
    )
    created_at = models.DateTimeField(_("เวลาที่สร้าง"), auto_now_add=True)

    objects = PersonVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("ประวัติบุคลากร")
        verbose_name_plural = _("ประวัติบุคลากร")
        ordering = ["person", "-effective_date"]
        indexes = [
            # Each person's version valid on a date, read from the index alone
            # (the compliance engine, SPEC §3).
            models.Index(
                fields=["person", "-effective_date"],
                include=["agency", "category", "target_group", "status"],
                name="version_latest_first",
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "effective_date"],
                name="person_version_one_per_date",
                violation_error_message=_("มีข้อมูลของบุคคลนี้ ณ วันที่มีผลนี้แล้ว"),
            ),
            models.CheckConstraint(
                condition=Q(target_group__isnull=True)
                | Q(target_group__gte=1, target_group__lte=6),
                name="person_version_target_group_1_to_6",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} @ {self.effective_date}"
