"""Cached scopes follow what they are built from (`scoping.cached_scope_for`).

A side concern, so a signal (STYLE C2): any saved or deleted role, agency or
person makes every cached scope stale at once (a person's login link and own
agency are part of a scope; single saves are rare next to page views).
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Agency, Person, RoleAssignment
from .scoping import scopes_changed


@receiver([post_save, post_delete], sender=RoleAssignment)
@receiver([post_save, post_delete], sender=Agency)
@receiver([post_save, post_delete], sender=Person)
def _scope_facts_changed(sender: Any, **kwargs: Any) -> None:
    scopes_changed()
