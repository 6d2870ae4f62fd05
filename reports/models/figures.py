"""Compliance figures (SPEC §7): per-person state and its sums over the tree.

`PersonYearFigure` holds each in-scope person's SPEC §7 facts for a fiscal year;
`ComplianceFigure` and `SkillFigure` are their sums over every
agency subtree. Hours are stored in hundredths (integers), so every sum is exact.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, TypeVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, Person

if TYPE_CHECKING:
    from agencies.scoping import AgencyScope

ALL_GROUPS = 0  # target_group value of the "all groups" rows
# Figure rows are derived data, rebuilt by the engine a million at a time: no
# database foreign key to check on each insert (Django still cascades deletes), and
# no index of their own (each table's unique constraint and indexes lead with the
# fiscal year or the person). On PostgreSQL the tables are partitioned by fiscal
# year (migration 0005, `reports.snapshot`).
M = TypeVar("M", bound=models.Model)


def derived_key(to: type[M]) -> models.ForeignKey[M, M]:
    return models.ForeignKey(
        to,
        on_delete=models.CASCADE,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )


MAX_SKILLS = 18  # decimal digits of a BigIntegerField
MAX_LEVEL = 8  # stored as level + 1 in one digit


def skill_digit(code: int, i: int) -> int:
    """Digit `i` (0: the first skill area) of a PersonYearFigure skill code."""
    return (code // 10**i) % 10


@dataclass(frozen=True)
class SkillLevel:
    """One required skill of a person's figures: target and level (or none)."""

    target: int
    level: int | None


class PersonYearFigure(models.Model):
    """One in-scope person's SPEC §7 facts for fiscal year `fy` on its as-of date.

    `targets` and `levels` hold one decimal digit per skill area of the FY's
    framework, the first area in the units, the next in the tens…: the target
    level (0: not required) and the level of the latest verified assessment plus
    one (0: none). Integers, because the engine sums a million of them per skill.
    """

    fy = models.PositiveSmallIntegerField()
    person = derived_key(Person)
    agency = derived_key(Agency)
    target_group = models.PositiveSmallIntegerField(null=True)
    category = models.CharField(max_length=32)
    targets = models.BigIntegerField(default=0)
    levels = models.BigIntegerField(default=0)
    assessed = models.BooleanField()
    meets = models.BooleanField()
    balanced = models.BooleanField()
    gap = models.IntegerField(null=True)
    hours_c = models.BigIntegerField()
    future_c = models.BigIntegerField()

    class Meta:
        verbose_name = _("ผลรายบุคคล")
        constraints = [
            # Leads with the person: their own pages and the cascade on erasure.
            models.UniqueConstraint(fields=["person", "fy"], name="person_year_unique")
        ]
        # Worklists by agency; on PostgreSQL each partition holds one year.
        indexes = [models.Index(fields=["agency"], name="person_year_by_agency")]

    def __str__(self) -> str:
        return f"FY{self.fy} person {self.person_id}"

    def required_skills(self, codes: list[str]) -> dict[str, SkillLevel]:
        """Target and level of each required skill, by code (`codes`: the FY's
        framework skill codes in order, as the engine wrote them)."""
        skills = {}
        for i, code in enumerate(codes):
            target, level = skill_digit(self.targets, i), skill_digit(self.levels, i)
            if target:
                skills[code] = SkillLevel(target, level - 1 if level else None)
        return skills


class FigureQuerySet(models.QuerySet):
    def visible_to(self, scope: AgencyScope):
        """Figures of the scope's agencies: the same agency-id filter as people."""
        if scope.national:
            return self
        return self.filter(scope.agency_q("agency", read=True))


class ComplianceFigure(models.Model):
    """SPEC §7 figures of one agency subtree × fiscal year × target group (0 = all)."""

    fy = models.PositiveSmallIntegerField(_("ปีงบประมาณ"))
    agency = derived_key(Agency)
    target_group = models.PositiveSmallIntegerField(_("กลุ่มเป้าหมาย"))
    as_of = models.DateField(_("ข้อมูล ณ วันที่"))
    headcount = models.IntegerField(_("จำนวนบุคลากร"))
    assessed = models.IntegerField(_("ประเมินครบ"))
    meeting_targets = models.IntegerField(_("ผ่านเป้าหมาย"))
    balanced = models.IntegerField(_("สมดุล 70/30"))
    unassigned_group = models.IntegerField(_("ยังไม่กำหนดกลุ่ม"))
    hours_c = models.BigIntegerField()
    future_c = models.BigIntegerField()
    gap_sum = models.BigIntegerField()
    gap_n = models.IntegerField()
    computed_at = models.DateTimeField(_("คำนวณเมื่อ"))

    objects = FigureQuerySet.as_manager()

    class Meta:
        verbose_name = _("ตัวเลขการดำเนินงาน")
        verbose_name_plural = _("ตัวเลขการดำเนินงาน")
        constraints = [
            models.UniqueConstraint(
                fields=["fy", "agency", "target_group"], name="compliance_figure_unique"
            )
        ]
        # National reads ("all groups" rows of the roots) filter by year and group.
        indexes = [models.Index(fields=["fy", "target_group"])]

    def __str__(self) -> str:
        return f"FY{self.fy} agency {self.agency_id} group {self.target_group}"

    @property
    def hours_total(self) -> Decimal:
        return Decimal(self.hours_c) / 100

    @property
    def hours_future(self) -> Decimal:
        return Decimal(self.future_c) / 100

    @property
    def mean_gap(self) -> Decimal | None:
        """Mean gap over persons with a group; None when there are none (SPEC §7)."""
        if not self.gap_n:
            return None
        return (Decimal(self.gap_sum) / self.gap_n).quantize(Decimal("0.0001"))

    def rate(self, count: int) -> Decimal | None:
        if not self.headcount:
            return None
        return (Decimal(count) / self.headcount).quantize(Decimal("0.0001"))


class SkillFigure(models.Model):
    """Per skill area: required, assessed, meeting and level sum for one subtree."""

    fy = models.PositiveSmallIntegerField()
    agency = derived_key(Agency)
    target_group = models.PositiveSmallIntegerField()
    skill_code = models.CharField(max_length=16)
    required = models.IntegerField()
    assessed = models.IntegerField()
    meeting = models.IntegerField()
    level_sum = models.BigIntegerField()

    objects = FigureQuerySet.as_manager()

    class Meta:
        verbose_name = _("ตัวเลขรายทักษะ")
        constraints = [
            models.UniqueConstraint(
                fields=["fy", "agency", "target_group", "skill_code"],
                name="skill_figure_unique",
            )
        ]

    def __str__(self) -> str:
        return f"FY{self.fy} agency {self.agency_id} {self.skill_code}"

    @property
    def mean_level(self) -> Decimal | None:
        if not self.assessed:
            return None
        return (Decimal(self.level_sum) / self.assessed).quantize(Decimal("0.01"))
