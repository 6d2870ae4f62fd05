"""Private file storage: uploads and exports that no URL serves."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import cached_property


class PrivateStorage(FileSystemStorage):
    """Files under MEDIA_ROOT/private/: they have no URL and no view serves them."""

    @cached_property
    def base_location(self) -> str:
        chosen = self._value_or_setting(
            self._location,  # type: ignore[attr-defined]
            os.path.join(settings.MEDIA_ROOT, "private"),
        )
        return str(chosen)

    def url(self, name: str | None) -> str:
        raise ValueError("private files have no URL")
