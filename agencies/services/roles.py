"""Grant and withdraw roles (SPEC §8)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Agency, Role, RoleAssignment


@transaction.atomic
def role_grant(
    *, username: str, role: str, agency: Agency | None = None
) -> tuple[RoleAssignment, bool]:
    """Give `username` a role (creating the user, without a password, if needed).

    Agency roles need an agency; the OCSC role takes none. Returns the assignment
    and whether the user was created.
    """
    if role not in Role.values:
        raise ValidationError(_("ไม่รู้จักบทบาท %(role)s") % {"role": role}, code="role")
    if role == Role.OCSC_ADMIN:
        agency = None
    elif agency is None:
        raise ValidationError(_("บทบาทนี้ต้องระบุหน่วยงาน"), code="agency_required")
    user, created = get_user_model().objects.get_or_create(username=username)
    if created:
        user.set_unusable_password()
        user.save()
    if role == Role.OCSC_ADMIN and not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    assignment, _created = RoleAssignment.objects.get_or_create(
        user=user, role=role, agency=agency
    )
    return assignment, created
