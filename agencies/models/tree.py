"""The organisation tree (SPEC §3): agencies with a materialized path."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

from skillsportal.lib.choices import ChoiceLabels

from ..scoping import within
from .choices import AgencyKind

if TYPE_CHECKING:
    from ..scoping import AgencyScope


class AgencyQuerySet(models.QuerySet["Agency"]):
    def subtree_of(self, agency: Agency) -> AgencyQuerySet:
        """The agency and every descendant (the only place that knows the path)."""
        return self.filter(within("", agency))

    def visible_to(self, scope: AgencyScope) -> AgencyQuerySet:
        if scope.national:
            return self
        return self.filter(scope.subtree_q("path", read=True))

    def roots(self) -> AgencyQuerySet:
        return self.filter(parent__isnull=True)


class Agency(ChoiceLabels, models.Model):
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
    path = models.CharField(
        _("ตำแหน่งในโครงสร้าง"), max_length=255, db_index=True, editable=False, default=""
    )
    depth = models.PositiveSmallIntegerField(_("ระดับชั้น"), default=0, editable=False)
    root = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        verbose_name=_("หน่วยงานระดับบนสุด"),
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
