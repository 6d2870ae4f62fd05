"""Audit trail registrations (django-auditlog): who changed what, when, from where.

The national ID hash is excluded: the audit log must never hold the ID or a
brute-forceable stand-in for it (SPEC §3).
"""

from auditlog.registry import auditlog

from .models import Agency, Person, PersonVersion, RoleAssignment, TransferRequest

auditlog.register(Agency)
auditlog.register(Person, exclude_fields=["national_id_hash", "updated_at"])
auditlog.register(PersonVersion)
auditlog.register(RoleAssignment)
auditlog.register(TransferRequest)
