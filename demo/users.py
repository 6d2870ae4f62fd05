"""The demo logins (SPEC §8): one account per persona, over the seeded ministries."""

from __future__ import annotations

from dataclasses import dataclass

from auditlog.context import disable_auditlog
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction

from agencies.models import Agency, AgencyKind, Person, Role, RoleAssignment
from agencies.scoping import scopes_changed, within

DEMO_PASSWORD = "demo-password-2569"


@dataclass(frozen=True)
class DemoLogin:
    """One demo account, for the table the command prints."""

    username: str
    role: str
    agency: str


def demo_users_create(*, password: str = DEMO_PASSWORD) -> list[DemoLogin]:
    """Create or reset the demo accounts over the first two ministries (SPEC §8).

    admin (OCSC administrator, the only staff user), hr and viewer on the first
    ministry, outsider (HR) on the second, and staff: an active civil servant of
    the first ministry with a target group, linked to their person record.
    """
    roots = Agency.objects.roots().filter(kind=AgencyKind.MINISTRY)
    ministries = list(roots.order_by("id")[:2])
    if len(ministries) < 2:
        raise ValidationError(
            "Demo users need two ministries: seed people first.", code="no_ministries"
        )
    first, second = ministries
    with disable_auditlog(), transaction.atomic():
        logins = [
            _login("admin", password, Role.OCSC_ADMIN, None, staff=True),
            _login("hr", password, Role.AGENCY_HR, first),
            _login("viewer", password, Role.AGENCY_VIEWER, first),
            _login("outsider", password, Role.AGENCY_HR, second),
            _civil_servant_login(password, first),
        ]
    return logins


def _user(username: str, password: str, *, staff: bool = False) -> User:
    user, _created = User.objects.get_or_create(username=username)
    user.set_password(password)
    user.is_active = True
    user.is_staff = user.is_superuser = staff
    user.save()
    RoleAssignment.objects.filter(user=user).delete()
    return user


def _login(
    username: str,
    password: str,
    role: str,
    agency: Agency | None,
    *,
    staff: bool = False,
) -> DemoLogin:
    user = _user(username, password, staff=staff)
    RoleAssignment.objects.create(user=user, role=role, agency=agency)
    where = f"{agency.code} {agency.name_th}" if agency else "ทั้งประเทศ"
    return DemoLogin(username, role, where)


def _civil_servant_login(password: str, ministry: Agency) -> DemoLogin:
    people = Person.objects.filter(
        within("current_agency", ministry),
        current_status="active",
        current_target_group__isnull=False,
    ).order_by("id")
    person = people.exclude(current_target_group__in=[1, 2]).first() or people.first()
    if person is None:
        raise ValidationError(
            "No active person with a target group in the first ministry.",
            code="no_civil_servant",
        )
    user = _user("staff", password)
    user.first_name, user.last_name = person.given_name, person.family_name
    user.email = person.email
    user.save(update_fields=["first_name", "last_name", "email"])
    Person.objects.filter(user=user).exclude(pk=person.pk).update(user=None)
    Person.objects.filter(pk=person.pk).update(user=user)
    scopes_changed()  # .update() sends no signal
    return DemoLogin("staff", "self", f"{person.full_name} ({ministry.code})")
