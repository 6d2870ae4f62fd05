from django import forms
from django.utils.translation import gettext_lazy as _


class ActorMatchForm(forms.Form):
    """HR names the person an unmatched learner is (by national ID)."""

    actor = forms.CharField(widget=forms.HiddenInput, max_length=600)
    national_id = forms.CharField(
        label=_("เลขประจำตัวประชาชนของบุคลากร"), max_length=20, strip=True
    )
