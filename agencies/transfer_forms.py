"""Forms of transfers between agencies (SPEC §3): request, transfer out, decline.

Forms never save: views pass `cleaned_data` to `services.transfers`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from skillsportal.lib import national_id as national_id_lib

from .forms import AgencyChoiceField, ThaiDateField, agency_field
from .models import Agency, PersonnelCategory, PositionType, TargetGroup

if TYPE_CHECKING:
    from .scoping import AgencyScope

_SAME = _("— เหมือนเดิม —")


class _MoveFields(forms.Form):
    """What a move may change; a blank field keeps what the person had."""

    effective_date = ThaiDateField(label=_("วันที่มีผล"))
    category = forms.ChoiceField(
        label=_("ประเภทบุคลากร"),
        choices=[("", _SAME), *PersonnelCategory.choices],
        required=False,
    )
    position_title = forms.CharField(label=_("ตำแหน่ง"), max_length=255, required=False)
    position_type = forms.ChoiceField(
        label=_("ประเภทตำแหน่ง"),
        choices=[("", _SAME), *PositionType.choices],
        required=False,
    )
    position_level = forms.CharField(
        label=_("ระดับตำแหน่ง"),
        max_length=32,
        required=False,
        help_text=_("เช่น K2, O3, M1, D1"),
    )
    target_group = forms.TypedChoiceField(
        label=_("กลุ่มเป้าหมาย"),
        choices=[("", _SAME), *TargetGroup.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"effective_date": timezone.localdate()})
        super().__init__(*args, **kwargs)


class TransferRequestForm(_MoveFields):
    """Ask another agency for a person: national ID, date, position (SPEC §3)."""

    national_id = forms.CharField(
        label=_("เลขประจำตัวประชาชน"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    field_order = ["national_id", "agency", "effective_date"]

    def __init__(self, *args: Any, scope: AgencyScope, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = AgencyChoiceField(
            scope=scope, write=True, list_depth=None if not scope.national else 2
        )
        field.label = _("หน่วยงานที่รับโอน")
        field.empty_label = _("— เลือกหน่วยงาน —")
        agency_field(self, "agency", field, self.data.get("agency"))
        self.order_fields(self.field_order)

    def clean_national_id(self) -> str:
        try:
            return national_id_lib.validate(self.cleaned_data["national_id"])
        except ValueError as error:
            raise ValidationError(_(str(error)), code="invalid") from None


class TransferOutForm(_MoveFields):
    """Move a person one manages to any agency, named by its code (SPEC §3)."""

    agency = forms.CharField(
        label=_("รหัสหน่วยงานปลายทาง"),
        max_length=32,
        help_text=_("รหัสหน่วยงานที่บุคคลนี้ย้ายไป เช่น EX-D1"),
    )
    field_order = ["agency", "effective_date"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.order_fields(self.field_order)

    def clean_agency(self) -> Agency:
        code = self.cleaned_data["agency"].strip()
        agency = Agency.objects.filter(code__iexact=code).first()
        if agency is None:
            raise ValidationError(_("ไม่พบหน่วยงานรหัสนี้"), code="unknown")
        return agency


class TransferDeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("เหตุผลที่ไม่รับโอน"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
