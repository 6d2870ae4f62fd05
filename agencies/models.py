"""The organisation tree, people with time-versioned facts, and role assignments.

SPEC §3 (organisation and people) and §8 (roles). Every read of people goes through
`visible_to(scope)`; the scope itself lives in `agencies/scoping.py`.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from skillsportal.lib import national_id

if TYPE_CHECKING:
    from .scoping import AgencyScope


class AgencyKind(models.TextChoices):
    MINISTRY = "ministry", _("กระทรวง")
    DEPARTMENT = "department", _("กรม")
    DIVISION = "division", _("กอง/สำนัก")
    PROVINCIAL_OFFICE = "provincial_office", _("สำนักงานจังหวัด")
    PUBLIC_ORGANIZATION = "public_organization", _("องค์การมหาชน")
    STATE_ENTERPRISE = "state_enterprise", _("รัฐวิสาหกิจ")
    LOCAL_GOVERNMENT = "local_government", _("องค์กรปกครองส่วนท้องถิ่น")
    INDEPENDENT_AGENCY = "independent_agency", _("องค์กรอิสระ")
    OTHER = "other", _("อื่น ๆ")


class PersonnelCategory(models.TextChoices):
    """ประเภทบุคลากร (SPEC §3). All `civil_*` together are ข้าราชการฝ่ายพลเรือน."""

    CIVIL_ORDINARY = "civil_ordinary", _("ข้าราชการพลเรือนสามัญ")
    CIVIL_TEACHER = "civil_teacher", _("ข้าราชการครูและบุคลากรทางการศึกษา")
    CIVIL_POLICE = "civil_police", _("ข้าราชการตำรวจ")
    CIVIL_JUDICIAL = "civil_judicial", _("ข้าราชการตุลาการและข้าราชการศาลยุติธรรม")
    CIVIL_PROSECUTOR = "civil_prosecutor", _("ข้าราชการอัยการ")
    CIVIL_UNIVERSITY = "civil_university", _("ข้าราชการพลเรือนในสถาบันอุดมศึกษา")
    CIVIL_PARLIAMENT = "civil_parliament", _("ข้าราชการรัฐสภา")
    CIVIL_BANGKOK = "civil_bangkok", _("ข้าราชการกรุงเทพมหานคร")
    CIVIL_LOCAL = "civil_local", _("ข้าราชการส่วนท้องถิ่น")
    CIVIL_OTHER = "civil_other", _("ข้าราชการฝ่ายพลเรือนอื่น")
    MILITARY = "military", _("ข้าราชการทหาร")
    GOVERNMENT_EMPLOYEE = "government_employee", _("พนักงานราชการ")
    PERMANENT_EMPLOYEE = "permanent_employee", _("ลูกจ้างประจำ")
    TEMPORARY_EMPLOYEE = "temporary_employee", _("ลูกจ้างชั่วคราว")
    STATE_AGENCY_STAFF = "state_agency_staff", _("เจ้าหน้าที่หน่วยงานของรัฐ")
    STATE_ENTERPRISE_STAFF = "state_enterprise_staff", _("พนักงานรัฐวิสาหกิจ")

    @classmethod
    def civil_side(cls) -> list[str]:
        return [c.value for c in cls if c.value.startswith("civil_")]


class TargetGroup(models.IntegerChoices):
    """กลุ่มเป้าหมาย, fixed codes 1–6 (SPEC §4)."""

    SENIOR_EXECUTIVES = 1, _("ผู้บริหารระดับสูง")
    DIVISION_DIRECTORS = 2, _("ผู้อำนวยการกอง")
    POLICY_ACADEMIC = 3, _("ผู้ทำงานด้านนโยบายและงานวิชาการ")
    SERVICE = 4, _("ผู้ทำงานด้านบริการ")
    DIGITAL_SPECIALISTS = 5, _("ผู้ปฏิบัติงานเฉพาะด้านเทคโนโลยีดิจิทัล")
    OTHER = 6, _("ผู้ปฏิบัติงานอื่น")


class PositionType(models.TextChoices):
    EXECUTIVE = "executive", _("บริหาร")
    DIRECTOR = "director", _("อำนวยการ")
    ACADEMIC = "academic", _("วิชาการ")
    GENERAL = "general", _("ทั่วไป")
    OTHER = "other", _("อื่น ๆ")


class PersonStatus(models.TextChoices):
    ACTIVE = "active", _("ปฏิบัติงาน")
    LEFT = "left", _("พ้นจากหน่วยงาน")


class AgencyQuerySet(models.QuerySet["Agency"]):
    def subtree_of(self, agency: Agency) -> AgencyQuerySet:
        """The agency and every descendant (the only place that knows the path)."""
        return self.filter(path__startswith=agency.path)

    def visible_to(self, scope: AgencyScope) -> AgencyQuerySet:
        if scope.national:
            return self
        return self.filter(scope.subtree_q("path", read=True))

    def roots(self) -> AgencyQuerySet:
        return self.filter(parent__isnull=True)


class Agency(models.Model):
    """หน่วยงาน: a node of the organisation tree (SPEC §3).

    `path` is a materialized path of ids ("/12/305/"): a subtree is a prefix match,
    which PostgreSQL serves from a text_pattern_ops index. `root` is the top-level
    ancestor (itself for a root), needed by the rollout phase rules (SPEC §5).
    """

    code = models.CharField(_("รหัสหน่วยงาน"), max_length=32, unique=True)
    name_th = models.CharField(_("ชื่อหน่วยงาน (ไทย)"), max_length=255)
    name_en = models.CharField(_("ชื่อหน่วยงาน (อังกฤษ)"), max_length=255, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("หน่วยงานแม่"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    kind = models.CharField(_("ประเภทหน่วยงาน"), max_length=32, choices=AgencyKind)
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    root = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = _("หน่วยงาน")
        verbose_name_plural = _("หน่วยงาน")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name_th

    def ancestors(self) -> AgencyQuerySet:
        ids = [int(p) for p in self.path.strip("/").split("/") if p]
        return Agency.objects.filter(pk__in=ids).order_by("depth")


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


class Person(models.Model):
    """บุคลากร: the stable identity of a person (SPEC §3).

    The national ID is stored only as a keyed HMAC (for matching on import) and its
    last three digits (for the masked display); the full value is never stored in
    clear. What changes over time lives in `PersonVersion`; the `current_*` fields
    copy the version valid today so lists and scoping need no per-row lookup.
    """

    # Unique through a constraint, not `unique=True`: that would add a second
    # (LIKE) index, never used for a hash but paid for on every insert.
    national_id_hash = models.CharField(max_length=64, editable=False)
    national_id_tail = models.CharField(max_length=3, editable=False)
    given_name = models.CharField(_("ชื่อ"), max_length=150)
    family_name = models.CharField(_("นามสกุล"), max_length=150)
    email = models.EmailField(_("อีเมล"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
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
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

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


class PersonVersion(models.Model):
    """One version of a person's changing facts, valid from `effective_date` (SPEC §3).

    Transfers, promotions and departures add versions; history is never rewritten.
    """

    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="versions",
        db_index=False,  # the (person, effective_date) unique index leads with it
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
    created_at = models.DateTimeField(auto_now_add=True)

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


class TransferRequest(models.Model):
    """คำขอรับโอน: an agency asks for a person another agency manages (SPEC §3).

    The receiving agency gave a national ID, an effective date and the position;
    until the managing agency (or OCSC) accepts, it sees nothing of the person
    but what it typed. Accepting adds the person's version in `agency` from
    `effective_date`; blank facts carry over from the version valid that day.
    """

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="transfer_requests"
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
    )
    requested_at = models.DateTimeField(_("วันที่ขอ"), auto_now_add=True)
    source = models.JSONField(default=dict, blank=True)  # e.g. the import job
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("วันที่พิจารณา"), null=True, blank=True)
    decline_reason = models.TextField(_("เหตุผล"), blank=True)
    version = models.ForeignKey(
        PersonVersion,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
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


class Role(models.TextChoices):
    AGENCY_HR = "agency_hr", _("เจ้าหน้าที่บริหารทรัพยากรบุคคล")
    AGENCY_VIEWER = "agency_viewer", _("ผู้ดูข้อมูลหน่วยงาน")
    OCSC_ADMIN = "oncsc_admin", _("ผู้ดูแลระบบ สำนักงาน ก.พ.")


class RoleAssignment(models.Model):
    """A user's role over an agency subtree (SPEC §8); OCSC admins need no agency."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roles"
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
    created_at = models.DateTimeField(auto_now_add=True)

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
    prefix = models.CharField(max_length=12, db_index=True, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    can_write = models.BooleanField(
        _("บันทึกข้อมูลได้"),
        default=False,
        help_text=_("บันทึกการอบรมและผลการประเมินของบุคลากรในหน่วยงานผ่าน API"),
    )
    can_search_national_id = models.BooleanField(
        _("ค้นหาด้วยเลขประจำตัวประชาชนได้"), default=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
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
