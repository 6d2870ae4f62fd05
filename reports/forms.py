"""Filter, export and schedule forms of the dashboards (STYLE C6).

Filters validate input shape only; the agency a filter names is fetched through
the scope by the view (out of scope → 404), and the drop-down offers only
agencies the scope may read (STYLE C3.6).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, AgencyKind, TargetGroup
from competencies.models import Framework
from skillsportal.lib.i18n import local_name
from skillsportal.lib.widgets import PlainSelect, choice_field

from .dashboards import RolloutFilters, Worklist
from .export_jobs import NATIONAL_DOCUMENTS
from .export_tables import TABLES, ExportParams
from .exports import DOCUMENTS
from .models import ExportFormat, ScheduledReport

MAX_RECIPIENTS = 50
DEFAULT_MIN_HEADCOUNT = 50
LEVELS = [
    ("", _("ทุกระดับ")),
    ("0", _("ระดับบนสุด (กระทรวง/หน่วยงานอิสระ)")),
    ("1", _("ระดับกรม")),
    ("2", _("ระดับกอง/สำนัก/จังหวัด")),
]


def group_choices() -> list[tuple[int, Any]]:
    return [(0, _("ทุกกลุ่ม")), *[(g.value, f"{g.value} {g.label}") for g in TargetGroup]]


def year_choices(years: list[int]) -> list[tuple[int, str]]:
    return [(fy, str(fy)) for fy in reversed(years)]


def _indent(agency: Agency, top: int) -> str:
    return "\u2003" * max(agency.depth - top, 0) + local_name(agency)


class _FilterForm(forms.Form):
    """Fiscal year and target group; invalid input falls back to the defaults."""

    fy = forms.TypedChoiceField(label=_("ปีงบประมาณ"), coerce=int, widget=PlainSelect)
    group = forms.TypedChoiceField(
        label=_("กลุ่มเป้าหมาย"),
        coerce=int,
        widget=PlainSelect,
        required=False,
        empty_value=0,  # type: ignore[arg-type]  # stubs: only str, but any value goes
    )

    def __init__(self, data: Any, *, years: list[int], **kwargs: Any) -> None:
        self.default_fy = years[-1]
        defaults = {"fy": self.default_fy, "group": 0, **self.extra_defaults()}
        if data is not None:
            # A link that names only some filters still shows the others' defaults.
            data = data.copy()
            for name, value in defaults.items():
                data.setdefault(name, str(value))
        super().__init__(data, initial=defaults, **kwargs)
        choice_field(self, "fy").choices = year_choices(years)
        choice_field(self, "group").choices = group_choices()
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-select")

    def extra_defaults(self) -> dict[str, Any]:
        return {}

    def value(self, name: str, default: Any) -> Any:
        """The cleaned value, or the default when the field is missing or wrong."""
        if not self.is_bound or name in self.errors:
            return default
        value = self.cleaned_data.get(name)
        return default if value in (None, "") else value


class AgencyDashboardForm(_FilterForm):
    """Agency dashboard filters: agency (scoped options), FY and group."""

    agency = forms.IntegerField(label=_("หน่วยงาน"), required=False)

    field_order = ["agency", "fy", "group"]

    def __init__(self, data: Any, *, options: list[Agency], **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        top = min((a.depth for a in options), default=0)
        self.fields["agency"].widget = forms.Select(
            choices=[(a.pk, _indent(a, top)) for a in options],
            attrs={"class": "form-select"},
        )


class WorklistForm(_FilterForm):
    worklist = forms.ChoiceField(
        label=_("รายการ"), choices=Worklist.choices, required=False
    )


class RolloutForm(_FilterForm):
    """Rollout filters: roots of one kind or a drill-down parent, level, size."""

    kind = forms.ChoiceField(
        label=_("ประเภทหน่วยงานระดับบนสุด"), choices=AgencyKind.choices, required=False
    )
    level = forms.TypedChoiceField(
        label=_("ระดับหน่วยงาน"),
        choices=LEVELS,
        coerce=int,
        required=False,
        empty_value=None,
    )
    min_headcount = forms.IntegerField(
        label=_("จำนวนบุคลากรขั้นต่ำ"),
        min_value=1,
        max_value=1_000_000,
        required=False,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )

    def extra_defaults(self) -> dict[str, Any]:
        return {"kind": AgencyKind.MINISTRY, "min_headcount": DEFAULT_MIN_HEADCOUNT}

    def filters(self, *, parent: Agency | None) -> RolloutFilters:
        return RolloutFilters(
            fy=self.value("fy", self.default_fy),
            group=self.value("group", 0),
            parent=parent,
            kind=self.value("kind", AgencyKind.MINISTRY),
            level=self.value("level", None),
            min_headcount=self.value("min_headcount", DEFAULT_MIN_HEADCOUNT),
        )


class ExportForm(forms.Form):
    """One export request: which table or report, the format and the filters."""

    table = forms.ChoiceField(choices=[(t, t) for t in [*TABLES, *DOCUMENTS]])
    fmt = forms.ChoiceField(choices=ExportFormat.choices)
    fy = forms.IntegerField(min_value=2500, max_value=2700)
    group = forms.IntegerField(min_value=0, max_value=6, required=False)
    agency = forms.IntegerField(min_value=1, required=False)
    parent = forms.IntegerField(min_value=1, required=False)
    kind = forms.ChoiceField(choices=AgencyKind.choices, required=False)
    level = forms.IntegerField(min_value=0, max_value=20, required=False)
    min_headcount = forms.IntegerField(min_value=1, required=False)
    worklist = forms.ChoiceField(choices=Worklist.choices, required=False)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        table, fmt = data.get("table"), data.get("fmt")
        if table in DOCUMENTS and fmt != ExportFormat.PDF:
            raise ValidationError(_("รายงานฉบับเต็มส่งออกได้เฉพาะ PDF"))
        return data

    @property
    def national_only(self) -> bool:
        table = self.cleaned_data["table"]
        return table in NATIONAL_DOCUMENTS or (
            table in TABLES and TABLES[table].national_only
        )

    def params(self) -> ExportParams:
        data = self.cleaned_data
        return ExportParams(
            fy=data["fy"],
            group=data.get("group") or 0,
            agency=data.get("agency"),
            parent=data.get("parent"),
            kind=data.get("kind") or AgencyKind.MINISTRY,
            level=data.get("level"),
            min_headcount=data.get("min_headcount") or DEFAULT_MIN_HEADCOUNT,
            worklist=data.get("worklist") or Worklist.NOT_ASSESSED,
        )


class ScheduledReportForm(forms.ModelForm):
    """A monthly rollout report to a mailing list (OCSC administrators)."""

    fy = forms.TypedChoiceField(
        label=_("ปีงบประมาณ"), coerce=int, required=False, empty_value=None
    )

    class Meta:
        model = ScheduledReport
        fields = ["name", "recipients", "fy", "fmt", "day_of_month", "hour", "enabled"]
        widgets = {"recipients": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        always = ("", _("ปีงบประมาณปัจจุบันเสมอ"))
        choice_field(self, "fy").choices = [always, *year_choices(years)]
        self.fields["day_of_month"].widget.attrs.update(min=1, max=28)
        self.fields["day_of_month"].help_text = _("วันที่ 1–28 ของทุกเดือน")
        self.fields["hour"].widget.attrs.update(min=0, max=23)

    def clean_recipients(self) -> str:
        raw = self.cleaned_data["recipients"]
        emails = ScheduledReport(recipients=raw).recipient_list
        if not emails:
            raise ValidationError(_("กรุณาระบุอีเมลผู้รับอย่างน้อยหนึ่งรายการ"))
        if len(emails) > MAX_RECIPIENTS:
            raise ValidationError(
                _("ระบุผู้รับได้ไม่เกิน %(n)s รายการ") % {"n": MAX_RECIPIENTS}
            )
        bad = [e for e in emails if not _is_email(e)]
        if bad:
            raise ValidationError(
                _("อีเมลไม่ถูกต้อง: %(emails)s") % {"emails": ", ".join(bad)}
            )
        return "\n".join(emails)

    def clean_day_of_month(self) -> int:
        day = self.cleaned_data["day_of_month"]
        if not 1 <= day <= 28:
            raise ValidationError(_("ระบุวันที่ 1–28 (ทุกเดือนมีวันที่เหล่านี้)"))
        return day

    def clean_hour(self) -> int:
        hour = self.cleaned_data["hour"]
        if not 0 <= hour <= 23:
            raise ValidationError(_("ระบุเวลา 0–23 นาฬิกา"))
        return hour


def _is_email(value: str) -> bool:
    try:
        validate_email(value)
    except ValidationError:
        return False
    return True


class FrameworkStartForm(forms.Form):
    """A new framework version for a fiscal year, copied from the one in force."""

    fy = forms.IntegerField(
        label=_("เริ่มใช้ปีงบประมาณ (พ.ศ.)"), min_value=2561, max_value=2700
    )
    code = forms.SlugField(label=_("รหัสกรอบ"), max_length=64)
    name_th = forms.CharField(label=_("ชื่อ (ไทย)"), max_length=500)
    name_en = forms.CharField(label=_("ชื่อ (อังกฤษ)"), max_length=500, required=False)


class TargetGridForm(forms.Form):
    """A draft's target matrix (groups × skill areas) and its 70/30 policy."""

    future_share_target = forms.DecimalField(
        label=_("สัดส่วนการพัฒนาเพื่ออนาคต"), min_value=0, max_value=1, decimal_places=3
    )
    future_share_tolerance = forms.DecimalField(
        label=_("ค่าคลาดเคลื่อนที่ยอมรับได้"), min_value=0, max_value=1, decimal_places=3
    )

    def __init__(self, *args: Any, framework: Framework, **kwargs: Any) -> None:
        initial: dict[str, Any] = {
            "future_share_target": framework.future_share_target,
            "future_share_tolerance": framework.future_share_tolerance,
        }
        for t in framework.targets.select_related("skill_area"):
            initial[self.cell(t.target_group, t.skill_area.code)] = t.level
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        self.skills = list(framework.skill_areas.order_by("order", "pk"))
        self.top = max(framework.levels.values_list("level", flat=True), default=0)
        self.rows = []
        for group in TargetGroup:
            cells = []
            for skill in self.skills:
                name = self.cell(group.value, skill.code)
                self.fields[name] = forms.IntegerField(
                    label=f"{group.label} · {skill.code}",
                    min_value=0,
                    max_value=self.top,
                    widget=forms.NumberInput(
                        attrs={"class": "form-control form-control-sm"}
                    ),
                )
                cells.append(self[name])
            self.rows.append((group, cells))

    @staticmethod
    def cell(group: int, code: str) -> str:
        return f"t_{group}_{code}"

    def targets(self) -> dict[tuple[int, str], int]:
        return {
            (g.value, s.code): self.cleaned_data[self.cell(g.value, s.code)]
            for g in TargetGroup
            for s in self.skills
        }
