"""The upload form of the browser import (SPEC §9): kind and file, shape only."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from agencies.scoping import AgencyScope
from skillsportal.lib.widgets import choice_field

from .models import ImportKind

EXTENSIONS = (".csv", ".xlsx")


class ImportUploadForm(forms.Form):
    """Choose what to import and the CSV/XLSX file; kinds follow the scope (C3.6)."""

    kind = forms.ChoiceField(label=_("ข้อมูลที่นำเข้า"))
    file = forms.FileField(
        label=_("ไฟล์ CSV หรือ XLSX"),
        help_text=_("แถวแรกเป็นหัวคอลัมน์ · CSV แบบ UTF-8 หรือ TIS-620 · XLSX ใช้แผ่นงานแรก"),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(EXTENSIONS)}),
    )

    def __init__(self, *args: Any, scope: AgencyScope, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kinds = [(k.value, k.label) for k in ImportKind]
        if not scope.national:
            kinds = [k for k in kinds if k[0] != ImportKind.AGENCIES]
        choice_field(self, "kind").choices = kinds
        self.fields["kind"].initial = ImportKind.ROSTER

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(EXTENSIONS):
            raise forms.ValidationError(
                _("รองรับเฉพาะไฟล์ .csv หรือ .xlsx (Only .csv and .xlsx files)"),
                code="extension",
            )
        if upload.size > settings.IMPORT_MAX_BYTES:
            mb = settings.IMPORT_MAX_BYTES / (1024 * 1024)
            raise forms.ValidationError(
                _("ไฟล์มีขนาดใหญ่เกิน %(mb)s MB (File is larger than %(mb)s MB)")
                % {"mb": f"{mb:g}"},
                code="too_big",
            )
        return upload
