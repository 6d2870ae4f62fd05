"""Who may do what (SPEC §8): the one place every path asks.

Reads are scoped by `AgencyScope` (`scoping.py`: every QuerySet's
`visible_to(scope)`); these rules decide writes and roles on top of it. Page
views, the API, imports, services and templates (through `context`) all ask
here, so a rule changes in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

if TYPE_CHECKING:
    from django.http import HttpRequest

    from .models import Agency, ApiKey
    from .scoping import AgencyScope

MSG_NOT_ALLOWED = gettext_noop("ท่านไม่มีสิทธิ์นำเข้าข้อมูล")
MSG_COURSES = gettext_noop("ท่านไม่มีสิทธิ์แก้ไขรายการหลักสูตรของหน่วยงานนี้")
MSG_NATIONAL_ONLY = gettext_noop("เฉพาะผู้ดูแลระบบ สำนักงาน ก.พ. เท่านั้นที่นำเข้าข้อมูลหน่วยงานได้")


def writes_anywhere(scope: AgencyScope) -> bool:
    """HR officers and OCSC write somewhere; viewers and civil servants do not."""
    return scope.national or bool(scope.write_paths)


def writes_path(scope: AgencyScope, path: str | None) -> bool:
    """Whether an agency with this materialized path lies in a writable subtree."""
    return scope.national or bool(path and path.startswith(scope.write_paths))


def may_write(scope: AgencyScope, agency: Agency | None) -> bool:
    """Whether the scope may change people and records of `agency`."""
    return scope.national or (agency is not None and scope.can_write(agency))


def require_write(scope: AgencyScope, agency: Agency | None) -> None:
    """PermissionDenied (a 403 page or API error) unless `may_write` (STYLE C3.7)."""
    if not may_write(scope, agency):
        raise PermissionDenied(_("ไม่มีสิทธิ์แก้ไขข้อมูลของหน่วยงานนี้"))


def require_writer(scope: AgencyScope) -> None:
    """Only HR (a write scope) or OCSC may import or write in bulk (SPEC §8)."""
    if not writes_anywhere(scope):
        raise PermissionDenied(_(MSG_NOT_ALLOWED))


def require_national(scope: AgencyScope) -> None:
    """Only OCSC (national scope) may change the agency tree (SPEC §3, §8)."""
    if not scope.national:
        raise PermissionDenied(_(MSG_NATIONAL_ONLY))


def may_keep_courses(scope: AgencyScope, owner: Agency | None) -> bool:
    """The catalogue (SPEC §6): OCSC keeps national courses (no owner) and any
    agency's; HR keeps the courses of agencies in their writable subtrees."""
    if owner is None:
        return scope.national
    return may_write(scope, owner)


def require_course_owner(scope: AgencyScope, owner: Agency | None) -> None:
    """PermissionDenied unless the scope may keep `owner`'s courses."""
    if not may_keep_courses(scope, owner):
        raise PermissionDenied(_(MSG_COURSES))


def require_xapi(key: ApiKey | None) -> None:
    """Only an agency API key with the xAPI right sends statements (SPEC §9)."""
    if key is None or not key.can_xapi:
        raise PermissionDenied(_("กุญแจ API นี้ไม่มีสิทธิ์ส่งคำสั่ง xAPI"))


def xapi_scope(key: ApiKey) -> AgencyScope:
    """An xAPI key reads and records in its agency's subtree."""
    from .scoping import AgencyScope

    path = key.agency.path
    return AgencyScope(read_paths=(path,), write_paths=(path,))


def xapi_verifies(key: ApiKey) -> bool:
    """Records from statements are verified only when the key may write
    records (SPEC §9: "pending unless the key may verify")."""
    return key.can_write


@dataclass(frozen=True)
class Abilities:
    """What templates may ask: `{% if may.write_anywhere %}`."""

    scope: AgencyScope

    @property
    def write_anywhere(self) -> bool:
        return writes_anywhere(self.scope)

    @property
    def staff(self) -> bool:
        return self.scope.is_staff_scope


def context(request: HttpRequest) -> dict[str, Any]:
    """Template context processor: `may` for the request's scope."""
    scope = getattr(request, "scope", None)
    return {"may": Abilities(scope)} if scope is not None else {}
