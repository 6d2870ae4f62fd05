"""The one input of two-step sign-in: a 6-digit code (Thai digits accepted)."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("รหัส 6 หลักจากแอปยืนยันตัวตน"),
        max_length=12,
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "autofocus": True,
                "class": "font-monospace",
            }
        ),
    )

    def clean_code(self) -> str:
        code = re.sub(r"[\s-]", "", self.cleaned_data["code"]).translate(THAI_DIGITS)
        if not re.fullmatch(r"\d{6}", code):
            raise forms.ValidationError(_("รหัสต้องเป็นตัวเลข 6 หลัก"), code="format")
        return code
