"""Writes to the organisation tree (SPEC §3): paths, depth and root stay consistent."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import CharField, F, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Concat, Substr
from django.utils.translation import gettext as _

from ..models import Agency


def agency_rebuild_paths() -> int:
    """Recompute every agency's path, depth and root, one tree level per statement.

    Set-based (no per-row loop), for bulk imports and seeding. Raises
    ValidationError when the parent links contain a cycle.
    """
    with transaction.atomic():
        Agency.objects.update(path="")
        Agency.objects.filter(parent__isnull=True).update(
            path=Concat(Value("/"), Cast("pk", CharField()), Value("/")),
            depth=0,
            root=F("pk"),
        )
        parent = Agency.objects.filter(pk=OuterRef("parent_id"))
        levels = 0
        while True:
            done = (
                Agency.objects.filter(path="")
                .exclude(parent__path="")
                .update(
                    path=Concat(
                        Subquery(parent.values("path")[:1]),
                        Cast("pk", CharField()),
                        Value("/"),
                    ),
                    depth=Subquery(parent.values("depth")[:1]) + 1,
                    root=Subquery(parent.values("root")[:1]),
                )
            )
            if not done:
                break
            levels += 1
        if Agency.objects.filter(path="").exists():
            raise ValidationError(_("โครงสร้างหน่วยงานวนกลับเป็นวงรอบ"), code="cycle")
    return levels


def _place(agency: Agency) -> None:
    """Set path, depth and root of a saved agency and move its subtree along."""
    old = agency.path
    parent = agency.parent
    if parent is not None and parent.path.startswith(old or "\0"):
        raise ValidationError(
            _("ไม่สามารถย้ายหน่วยงานไปอยู่ใต้หน่วยงานลูกของตนเองได้"), code="cycle"
        )
    new = f"{parent.path if parent else '/'}{agency.pk}/"
    agency.path, agency.depth = new, (parent.depth + 1 if parent else 0)
    agency.root_id = parent.root_id if parent else agency.pk
    agency.save(update_fields=["path", "depth", "root"])
    if old and old != new:
        Agency.objects.filter(path__startswith=old).exclude(pk=agency.pk).update(
            path=Concat(Value(new), Substr("path", len(old) + 1)),
            depth=F("depth") - (old.count("/") - new.count("/")),
            root=agency.root_id,
        )


@transaction.atomic
def agency_save(
    *,
    code: str,
    name_th: str,
    kind: str,
    name_en: str = "",
    parent: Agency | None = None,
) -> Agency:
    """Create or update the agency with this code (SPEC §3), keeping the tree paths."""
    agency, _created = Agency.objects.update_or_create(
        code=code,
        defaults={
            "name_th": name_th,
            "name_en": name_en,
            "kind": kind,
            "parent": parent,
        },
    )
    _place(agency)
    return agency
