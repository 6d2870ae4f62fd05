"""The self-service forms (STYLE C6): shape and per-field checks, Thai messages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy

from agencies.forms import ThaiDateField
from competencies.forms import AssessmentForm, SkillAreaChoices, TrainingRecordForm
from competencies.models import (
    AssessmentMethod,
    Framework,
    Horizon,
    SkillArea,
)
from competencies.rules import training_problems
from competencies.selectors import skill_areas_of


class SelfAssessmentForm(AssessmentForm):
    """A person rates themself: the method is always "self" (SPEC §6)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        method = self.fields["method"]
        method.choices = [(AssessmentMethod.SELF, AssessmentMethod.SELF.label)]  # type: ignore[attr-defined]
        method.initial = AssessmentMethod.SELF
        method.widget = forms.HiddenInput()


class PreferenceForm(forms.Form):
    """Opt out of e-mail copies or of fiscal-year-end reminders."""

    email_enabled = forms.BooleanField(
        label=gettext_lazy("ส่งสำเนาการแจ้งเตือนทางอีเมล"), required=False
    )
    reminders_enabled = forms.BooleanField(
        label=gettext_lazy("เตือนเมื่อใกล้สิ้นปีงบประมาณและยังไม่ผ่านเป้าหมาย"),
        required=False,
    )


class PlanItemForm(forms.Form):
    """A planned activity: what, by when, and the skill gaps it closes."""

    title = forms.CharField(label=gettext_lazy("กิจกรรม/หลักสูตร"), max_length=500)
    skill_areas = SkillAreaChoices(
        label=gettext_lazy("ด้านทักษะที่ช่วยปิดช่องว่าง"),
        queryset=SkillArea.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("เลือกอย่างน้อยหนึ่งด้าน")},
    )
    horizon = forms.ChoiceField(
        label=gettext_lazy("มุ่งเน้น (หลัก 70/30)"),
        choices=Horizon.choices,
        widget=forms.RadioSelect,
        initial=Horizon.CURRENT,
    )
    target_date = ThaiDateField(label=gettext_lazy("กำหนดเสร็จ"))

    def __init__(self, *args: Any, fy: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        framework = Framework.objects.for_fiscal_year(fy)
        self.fields["skill_areas"].queryset = skill_areas_of(framework)  # type: ignore[attr-defined]


class PlanItemDoneForm(forms.Form):
    """When it was completed, how many hours, and evidence (checked as HR's form)."""

    completed_on = ThaiDateField(label=gettext_lazy("วันที่สำเร็จ"))
    hours = forms.DecimalField(
        label=gettext_lazy("จำนวนชั่วโมง"),
        max_digits=6,
        decimal_places=2,
        min_value=Decimal("0.01"),
    )
    evidence = forms.FileField(
        label=gettext_lazy("หลักฐาน (PDF, PNG หรือ JPG ไม่เกิน 5 MB)"), required=False
    )
    clean_evidence = TrainingRecordForm.clean_evidence

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("completed_on") and data.get("hours") is not None:
            problems = training_problems(
                started_on=None,
                completed_on=data["completed_on"],
                hours=data["hours"],
                today=timezone.localdate(),
            )
            for name, message in problems.items():
                self.add_error(name, message)
        return data


class CommentForm(forms.Form):
    fy = forms.IntegerField(widget=forms.HiddenInput)
    body = forms.CharField(
        label=gettext_lazy("ความเห็นต่อแผนพัฒนา"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
