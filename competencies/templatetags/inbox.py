"""The menu's unread badge, on every page (base.html)."""

from __future__ import annotations

from typing import Any

from django import template

from ..services.notifications import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context: dict[str, Any]) -> int:
    """The signed-in user's unread notifications (cached; 0 when signed out)."""
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return 0
    return unread_count(user_id=user.pk)
