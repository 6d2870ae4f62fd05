"""Thai until the user switches (SPEC §1): the browser's language never decides.

Many Thai offices run English-language Windows, so `Accept-Language` is ignored.
The language is the one this session switched to, else the user's remembered
choice (put in the session at sign-in), else the language cookie of an anonymous
visitor who switched, else Thai (LANGUAGE_CODE).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.auth.signals import user_logged_in
from django.core.signals import request_finished
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.views import i18n
from django.views.decorators.http import require_POST

from agencies.services.preferences import user_language, user_language_save

SESSION_KEY = "portal_language"


class LanguageMiddleware:
    """Activates the chosen language for the request (instead of LocaleMiddleware)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = chosen_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


def chosen_language(request: HttpRequest) -> str:
    session = getattr(request, "session", None)
    language = session.get(SESSION_KEY) if session is not None else None
    language = language or request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """The language switch: Django's view (cookie, redirect), kept for the user."""
    response = i18n.set_language(request)
    language = request.POST.get("language", "")
    if language in dict(settings.LANGUAGES):
        request.session[SESSION_KEY] = language
        if isinstance(request.user, User):
            user_language_save(user=request.user, language=language)
    return response


@receiver(request_finished)
def _language_ends_with_the_request(**kwargs: Any) -> None:
    """After the response is sent (streamed ones too), the thread's next work (a
    task, a command, another request) starts from Thai, not this user's choice."""
    translation.deactivate()


@receiver(user_logged_in)
def _remembered_language(
    sender: Any, request: HttpRequest, user: User, **kwargs: Any
) -> None:
    """At sign-in, the user's own choice wins over this browser's cookie."""
    if request is not None and (language := user_language(user)):
        request.session[SESSION_KEY] = language
