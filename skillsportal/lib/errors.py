"""Errors that services raise for forms to show (STYLE C4)."""

from __future__ import annotations

from django.core.exceptions import ValidationError


def field_error(field: str, message: str, code: str) -> ValidationError:
    """A ValidationError on one field that keeps its code.

    `ValidationError({field: message}, code=…)` drops the code on the way into
    the dict; views and tests that tell one refusal from another need it.
    """
    return ValidationError({field: ValidationError(message, code=code)})
