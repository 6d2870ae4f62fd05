"""The fixed vocabularies of agencies and people (SPEC §3, §4)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    pass


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
