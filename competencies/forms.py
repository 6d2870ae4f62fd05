"""Input forms for the HR workflows (STYLE C6): roster filters and records.

Rules shared with imports and the API come from `competencies.rules`, so a form
shows the same Thai message an import row would get. Skill and level choices
come from the framework of the record's fiscal year (SPEC §4, §6).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import django_filters
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.forms import AgencyChoiceField, ThaiDateField
from agencies.models import Person, PersonnelCategory, PersonQuerySet, PersonStatus
from agencies.models import TargetGroup as Group
from agencies.scoping import within
from skillsportal.lib.i18n import local_name
from skillsportal.lib.tabular import looks_like_formula
from skillsportal.lib.thai_dates import parse_date
from skillsportal.lib.widgets import PlainSelect, choice_field

from .models import AssessmentMethod, Course, Horizon, SkillArea, TrainingEvent
from .rules import assessment_problems, training_problems
from .selectors import framework_for, levels_of, people_not_assessed, skill_areas_of

if TYPE_CHECKING:
    from agencies.scoping import AgencyScope

NO_GROUP = "none"
EVIDENCE_TYPES = {  # extension → leading bytes (ASVS 5.2.2: name and content agree)
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
}
EVIDENCE_MAX_BYTES = 5 * 1024 * 1024


def name_prefix_q(value: str, person: str = "") -> Q:
    """Name prefixes: "given" matches either name, "given family" both.

    Case-sensitive on purpose: Thai has no case, and UPPER() over Thai text
    tripled the cost of a ministry-wide search (measured at 3M people).
    `person` is the path to the person ("person__") when filtering their records.
    """
    words = value.split()
    if len(words) >= 2:
        return Q(
            **{
                f"{person}given_name__startswith": words[0],
                f"{person}family_name__startswith": " ".join(words[1:]),
            }
        )
    if words:
        return Q(**{f"{person}given_name__startswith": words[0]}) | Q(
            **{f"{person}family_name__startswith": words[0]}
        )
    return Q()


class AgencyFilter(django_filters.Filter):
    """An agency subtree filter whose choices come from the scope."""

    field_class = AgencyChoiceField


class PersonRosterFilter(django_filters.FilterSet):
    """Roster filters over an already scoped queryset (SPEC §8, STYLE C3.9).

    No national ID here: it is searched by POST (`NationalIdSearchForm`).
    """

    q = django_filters.CharFilter(method="by_name", label=_("ชื่อหรือนามสกุล"))
    agency = AgencyFilter(method="by_agency", label=_("หน่วยงาน (รวมหน่วยงานย่อย)"))
    category = django_filters.ChoiceFilter(
        field_name="current_category",
        choices=PersonnelCategory.choices,
        label=_("ประเภทบุคลากร"),
        empty_label=_("— ทุกประเภท —"),
        widget=PlainSelect,
    )
    group = django_filters.ChoiceFilter(
        method="by_group",
        choices=[(NO_GROUP, _("ยังไม่กำหนดกลุ่ม")), *Group.choices],
        label=_("กลุ่มเป้าหมาย"),
        empty_label=_("— ทุกกลุ่ม —"),
        widget=PlainSelect,
    )
    status = django_filters.ChoiceFilter(
        field_name="current_status",
        choices=PersonStatus.choices,
        label=_("สถานะ"),
        empty_label=_("— ทุกสถานะ —"),
        widget=PlainSelect,
    )
    not_assessed = django_filters.BooleanFilter(
        method="by_not_assessed",
        widget=forms.CheckboxInput,
        label=_("ยังประเมินไม่ครบตามกลุ่มเป้าหมาย"),
    )

    def __init__(self, *args: Any, scope: AgencyScope, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # self.filters is this instance's deep copy: the class stays scope-free.
        # Ministries and departments listed: a ministry's 425 agencies cost
        # 5-10 ms a page; a deeper one (from the agency pages) stays listed.
        self.filters["agency"].extra.update(scope=scope, list_depth=1)
        self.form.fields["agency"].keep = str(self.data.get("agency", ""))

    def by_name(self, people: PersonQuerySet, name: str, value: str) -> PersonQuerySet:
        return people.filter(name_prefix_q(value))

    def by_agency(self, people: PersonQuerySet, name: str, value: Any) -> Any:
        return people.filter(within("current_agency", value))

    def by_group(self, people: PersonQuerySet, name: str, value: str) -> Any:
        if value == NO_GROUP:
            return people.filter(current_target_group__isnull=True)
        return people.filter(current_target_group=int(value))

    def by_not_assessed(self, people: PersonQuerySet, name: str, value: bool) -> Any:
        return people_not_assessed(people) if value else people


class ThaiDateFilter(django_filters.Filter):
    """A day typed with a BE year (SPEC §2)."""

    field_class = ThaiDateField


class VerificationFilter(django_filters.FilterSet):
    """Queue filters over already scoped pending items (SPEC §6, STYLE C3.9).

    The same filters narrow both kinds, so each tab's count answers them.
    """

    agency = AgencyFilter(method="by_agency", label=_("หน่วยงาน (รวมหน่วยงานย่อย)"))
    person = django_filters.CharFilter(method="by_person", label=_("ชื่อผู้ส่ง"))
    submitted_from = ThaiDateFilter(
        method="by_submitted_from", label=_("ส่งตั้งแต่วันที่"), help_text=""
    )
    submitted_to = ThaiDateFilter(
        method="by_submitted_to", label=_("ถึงวันที่"), help_text=""
    )

    def __init__(self, *args: Any, scope: AgencyScope, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Ministries and departments listed (425 options for a large ministry
        # cost 10 ms a page); a deeper agency chosen elsewhere stays valid.
        self.filters["agency"].extra.update(scope=scope, write=True, list_depth=1)
        self.form.fields["agency"].keep = str(self.data.get("agency", ""))

    def by_agency(self, items: Any, name: str, value: Any) -> Any:
        return items.filter(within("person__current_agency", value))

    def by_person(self, items: Any, name: str, value: str) -> Any:
        return items.filter(name_prefix_q(value, "person__"))

    def by_submitted_from(self, items: Any, name: str, value: date) -> Any:
        return items.filter(created_at__gte=_start_of(value))

    def by_submitted_to(self, items: Any, name: str, value: date) -> Any:
        return items.filter(created_at__lt=_start_of(value + timedelta(days=1)))


def _start_of(day: date) -> datetime:
    """Midnight of `day` in Bangkok: a submitted date is a local day (SPEC §2)."""
    return timezone.make_aware(datetime.combine(day, time.min))


class IdListField(forms.Field):
    """Ids posted as repeated fields (checkboxes or hidden inputs)."""

    widget = forms.MultipleHiddenInput

    def __init__(self, *, max_items: int, **kwargs: Any) -> None:
        self.max_items = max_items
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> list[int]:
        ids = [v for v in (value or []) if str(v).isdigit()]
        if len(ids) > self.max_items:
            raise ValidationError(
                _("เลือกได้ครั้งละไม่เกิน %(n)s รายการ") % {"n": self.max_items},
                code="too_many",
            )
        return sorted({int(v) for v in ids})


class QueueDecisionForm(forms.Form):
    """Approve or reject several pending items together (SPEC §6).

    A rejection needs a reason, shown to every person whose item it was.
    """

    kind = forms.ChoiceField(choices=[("training", "-"), ("assessment", "-")])
    items = IdListField(
        max_items=100,
        error_messages={"required": _("กรุณาเลือกอย่างน้อยหนึ่งรายการ")},
    )
    decision = forms.ChoiceField(
        choices=[("verify", _("อนุมัติ")), ("reject", _("ไม่อนุมัติ"))]
    )
    reason = forms.CharField(
        label=_("เหตุผลที่ไม่อนุมัติ"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        refused = "reason" in self.errors  # too long is not missing: one error
        reason = data.get("reason", "").strip()
        if data.get("decision") == "reject" and not reason and not refused:
            self.add_error("reason", _("กรุณาระบุเหตุผลที่ไม่อนุมัติ"))
        return data


def _day_in(data: Any, name: str) -> date:
    """The date typed in `name`, or today: it picks the framework of the form."""
    try:
        return parse_date(str(data.get(name, "")))
    except ValueError:
        return timezone.localdate()


def _training_rules(form: forms.BaseForm, data: dict[str, Any]) -> None:
    """SPEC §6's hours and dates rules (`rules.py`) as errors on their fields."""
    if not data.get("completed_on") or data.get("hours") is None:
        return
    problems = training_problems(
        started_on=data.get("started_on"),
        completed_on=data["completed_on"],
        hours=data["hours"],
        today=timezone.localdate(),
    )
    for name, message in problems.items():
        if name not in form.errors:
            form.add_error(name, message)


class SkillAreaChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: SkillArea) -> str:
        return f"{obj.code} · {local_name(obj)}"


class TrainingRecordForm(forms.Form):
    """Log one training activity (SPEC §6); hours rules from `rules.py`."""

    course = forms.ModelChoiceField(
        label=_("หลักสูตร (ถ้ามี)"),
        queryset=Course.objects.filter(active=True).order_by("code"),
        required=False,
        empty_label=_("— ไม่ได้อยู่ในหลักสูตรของระบบ —"),
    )
    title = forms.CharField(
        label=_("ชื่อการอบรม/กิจกรรม"),
        max_length=500,
        required=False,
        help_text=_("เว้นว่างได้เมื่อเลือกหลักสูตร"),
    )
    provider = forms.CharField(label=_("ผู้จัด"), max_length=255, required=False)
    started_on = ThaiDateField(label=_("วันที่เริ่ม"), required=False)
    completed_on = ThaiDateField(label=_("วันที่สำเร็จ"))
    hours = forms.DecimalField(
        label=_("จำนวนชั่วโมง"), max_digits=6, decimal_places=2, min_value=Decimal("0.01")
    )
    horizon = forms.ChoiceField(
        label=_("มุ่งเน้น (หลัก 70/30)"),
        choices=Horizon.choices,
        widget=forms.RadioSelect,
        initial=Horizon.CURRENT,
    )
    skill_areas = SkillAreaChoices(
        label=_("ด้านทักษะที่พัฒนา"),
        queryset=SkillArea.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    evidence = forms.FileField(
        label=_("หลักฐาน (PDF, PNG หรือ JPG ไม่เกิน 5 MB)"), required=False
    )

    def __init__(self, *args: Any, person: Person | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if person is not None:  # the courses offered to this person's agency
            offered = Course.objects.for_agency(person.current_agency)
            course = self.fields["course"]
            course.queryset = offered.filter(active=True)  # type: ignore[attr-defined]
        self.framework = framework_for(_day_in(self.data, "completed_on"))
        field = self.fields["skill_areas"]
        field.queryset = skill_areas_of(self.framework)  # type: ignore[attr-defined]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "course",
            "title",
            "provider",
            Row(
                Column("started_on", css_class="col-md-4"),
                Column("completed_on", css_class="col-md-4"),
                Column("hours", css_class="col-md-4"),
            ),
            "horizon",
            "skill_areas",
            "evidence",
        )

    def clean_evidence(self) -> UploadedFile | None:
        upload = self.cleaned_data.get("evidence")
        if not upload:
            return None
        ext = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        head = upload.read(8)
        upload.seek(0)
        if ext not in EVIDENCE_TYPES or not head.startswith(EVIDENCE_TYPES[ext]):
            raise ValidationError(_("รับเฉพาะไฟล์ PDF, PNG หรือ JPG"), code="type")
        if upload.size > EVIDENCE_MAX_BYTES:
            raise ValidationError(_("ไฟล์ต้องมีขนาดไม่เกิน 5 MB"), code="size")
        upload.name = f"{uuid.uuid4().hex}.{ext}"  # never a user-supplied path
        return upload

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        # A title refused for its length is not a missing one: one error, the true one.
        missing = not data.get("title") and "title" not in self.errors
        if missing and not data.get("course"):
            self.add_error("title", _("กรุณาระบุชื่อการอบรม หรือเลือกหลักสูตร"))
        _training_rules(self, data)
        return data


class AssessmentForm(forms.Form):
    """Record one assessed level on the framework's scale (SPEC §6)."""

    skill_area = forms.ModelChoiceField(
        label=_("ด้านทักษะ"),
        queryset=SkillArea.objects.none(),
        empty_label=_("— เลือกด้านทักษะ —"),
    )
    level = forms.TypedChoiceField(label=_("ระดับ"), coerce=int)
    assessed_on = ThaiDateField(label=_("วันที่ประเมิน"))
    method = forms.ChoiceField(
        label=_("วิธีประเมิน"),
        choices=AssessmentMethod.choices,
        initial=AssessmentMethod.SUPERVISOR,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"assessed_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.framework = framework_for(_day_in(self.data, "assessed_on"))
        field = self.fields["skill_area"]
        field.queryset = skill_areas_of(self.framework)  # type: ignore[attr-defined]
        field.label_from_instance = lambda s: f"{s.code} · {local_name(s)}"  # type: ignore[attr-defined]
        self.levels = levels_of(self.framework)
        self.fields["level"].choices = [  # type: ignore[attr-defined]
            ("", _("— เลือกระดับ —")),
            *[(lv.level, f"{lv.level} · {local_name(lv)}") for lv in self.levels],
        ]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "skill_area",
            Row(
                Column("level", css_class="col-md-4"),
                Column("assessed_on", css_class="col-md-4"),
                Column("method", css_class="col-md-4"),
            ),
        )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("level") is not None and data.get("assessed_on"):
            problems = assessment_problems(
                level=data["level"],
                max_level=max((lv.level for lv in self.levels), default=0),
                assessed_on=data["assessed_on"],
                today=timezone.localdate(),
            )
            for name, message in problems.items():
                if name not in self.errors:
                    self.add_error(name, message)
        return data


class RejectForm(forms.Form):
    """Why a pending record is rejected: required, shown to the person (SPEC §6)."""

    reason = forms.CharField(
        label=_("เหตุผลที่ไม่อนุมัติ"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("กรุณาระบุเหตุผลที่ไม่อนุมัติ")},
    )


class CourseForm(forms.ModelForm):
    """A catalogue course (SPEC §6): the owner among the agencies one keeps."""

    url = forms.URLField(label=_("ลิงก์"), required=False, assume_scheme="https")
    skill_areas = SkillAreaChoices(
        label=_("ด้านทักษะที่พัฒนา"),
        queryset=SkillArea.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Course
        fields = [
            "owner",
            "code",
            "title",
            "provider",
            "hours",
            "horizon",
            "skill_areas",
            "url",
            "activity_id",
            "active",
        ]
        widgets = {"horizon": forms.RadioSelect}
        help_texts = {
            "activity_id": _(
                "IRI ที่ระบบจัดการเรียนรู้ (LMS) ใช้เรียกหลักสูตรนี้ในข้อมูล xAPI (ถ้ามี)"
            ),
        }

    def __init__(self, *args: Any, scope: AgencyScope, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"] = AgencyChoiceField(
            scope=scope,
            write=True,
            list_depth=2,
            label=_("หน่วยงานเจ้าของ"),
            required=not scope.national,
            empty_label=_("— หลักสูตรระดับประเทศ (สำนักงาน ก.พ.) —")
            if scope.national
            else None,
        )
        framework = framework_for(timezone.localdate())
        field = self.fields["skill_areas"]
        field.queryset = skill_areas_of(framework)  # type: ignore[attr-defined]
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("code", "title", "provider"):
            if looks_like_formula(data.get(name)):
                self.add_error(
                    name,
                    _("ข้อความต้องไม่ขึ้นต้นด้วย = + - หรือ @ (อาจเป็นสูตรของโปรแกรมตารางคำนวณ)"),
                )
        return data


class TrainingEventForm(forms.ModelForm):
    """A class (SPEC §6): the course or a title, dates, hours, skills, provider."""

    started_on = ThaiDateField(label=_("วันที่เริ่ม"), required=False)
    completed_on = ThaiDateField(label=_("วันที่สำเร็จ"))
    title = forms.CharField(
        label=_("ชื่อการอบรม/กิจกรรม"),
        max_length=500,
        required=False,
        help_text=_("เว้นว่างได้เมื่อเลือกหลักสูตร"),
    )
    skill_areas = SkillAreaChoices(
        label=_("ด้านทักษะที่พัฒนา"),
        queryset=SkillArea.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = TrainingEvent
        fields = [
            "agency",
            "course",
            "title",
            "provider",
            "started_on",
            "completed_on",
            "hours",
            "horizon",
            "skill_areas",
        ]
        widgets = {"horizon": forms.RadioSelect}

    def __init__(self, *args: Any, scope: AgencyScope, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"] = AgencyChoiceField(
            scope=scope,
            write=True,
            list_depth=3,
            label=_("หน่วยงานผู้จัด"),
            empty_label=None,
        )
        horizon = choice_field(self, "horizon")
        horizon.choices, horizon.initial = Horizon.choices, Horizon.CURRENT
        course = self.fields["course"]
        course.queryset = Course.objects.visible_to(scope).filter(active=True)  # type: ignore[attr-defined]
        course.empty_label = _("— ไม่ได้อยู่ในหลักสูตรของระบบ —")  # type: ignore[attr-defined]
        day = (
            _day_in(self.data, "completed_on")
            if self.is_bound
            else self.instance.completed_on
        )
        self.framework = framework_for(day or timezone.localdate())
        field = self.fields["skill_areas"]
        field.queryset = skill_areas_of(self.framework)  # type: ignore[attr-defined]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "agency",
            "course",
            "title",
            "provider",
            Row(
                Column("started_on", css_class="col-md-4"),
                Column("completed_on", css_class="col-md-4"),
                Column("hours", css_class="col-md-4"),
            ),
            "horizon",
            "skill_areas",
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        course = data.get("course")
        if not data.get("title") and "title" not in self.errors:
            if course is None:
                self.add_error("title", _("กรุณาระบุชื่อการอบรม หรือเลือกหลักสูตร"))
            else:
                data["title"] = self.instance.title = course.title
        if course is not None and not data.get("provider"):
            data["provider"] = self.instance.provider = course.provider
        _training_rules(self, data)
        return data


class AttendeesForm(forms.Form):
    """Attendees by national IDs (pasted), a CSV/XLSX list, or the roster."""

    national_ids = forms.CharField(
        label=_("เลขประจำตัวประชาชน (บรรทัดละหนึ่งคน หรือคั่นด้วยเว้นวรรค/จุลภาค)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "autocomplete": "off"}),
    )
    file = forms.FileField(
        label=_("หรือไฟล์รายชื่อ CSV/XLSX ที่มีคอลัมน์ national_id"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
    people = forms.TypedMultipleChoiceField(
        coerce=int, required=False, widget=forms.MultipleHiddenInput
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Ids picked from the roster; the service checks each against the scope.
        picked = self.data.getlist("people") if hasattr(self.data, "getlist") else []
        choice_ids = [(v, v) for v in picked if str(v).isdigit()]
        self.fields["people"].choices = choice_ids  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload = data.get("file")
        if upload and not upload.name.lower().endswith((".csv", ".xlsx")):
            self.add_error("file", _("รองรับเฉพาะไฟล์ .csv หรือ .xlsx"))
        if not (data.get("national_ids", "").strip() or upload or data.get("people")):
            raise ValidationError(_("กรุณาระบุผู้เข้าอบรมอย่างน้อยหนึ่งคน"), code="empty")
        return data
