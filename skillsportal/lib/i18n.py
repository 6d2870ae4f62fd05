"""Names kept in both languages (name_th, name_en) shown in the active one."""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language


def english_active() -> bool:
    return (get_language() or "th").startswith("en")


def local_name(obj: Any) -> str:
    """`name_en` while English is active and the object has one, else `name_th`."""
    if english_active() and (english := getattr(obj, "name_en", "")):
        return str(english)
    return str(obj.name_th)
