"""Input forms for people (STYLE C6): shape and per-field checks, Thai messages.

Forms never save: views pass `cleaned_data` to a service. Choice fields over
agencies and people take `scope=` (STYLE C3.6) so no drop-down leaks a name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, Any, cast

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.forms.models import ModelChoiceIterator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from skillsportal.lib import national_id as national_id_lib
from skillsportal.lib.i18n import english_active
from skillsportal.lib.thai_dates import format_be, parse_typed_date
from skillsportal.lib.widgets import PlainSelect

from .models import (
    Agency,
    AgencyKind,
    Person,
    PersonnelCategory,
    PersonStatus,
    PersonVersion,
    PositionType,
    TargetGroup,
)
from .rules import registered_elsewhere
from .selectors import agencies_for
from .services.people import MAX_BULK_PEOPLE, VERSION_FACTS

if TYPE_CHECKING:
    from django.http import QueryDict
    from django_stubs_ext import StrOrPromise

    from .scoping import AgencyScope

_DIGITS = re.compile(r"[0-9]+", re.ASCII)


class ThaiDateField(forms.DateField):
    """A date typed as Thai users write it, shown with a BE year (SPEC §2, §9).

    Accepts 25/11/2569, 2026-11-25, ๒๕/๑๑/๒๕๖๙ or 25 พ.ย. 2569; a year ≥ 2400 is BE.
    What the user typed is redisplayed unchanged when the form has errors.
    """

    widget = forms.TextInput(
        # No autocomplete="off": browsers then drop the typed date on Back
        # while restoring every other field (issue 19).
        attrs={"placeholder": _("วว/ดด/ปปปป")}
    )

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", _("ปีพุทธศักราช เช่น 25/11/2569"))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, date):
            return value
        try:
            return parse_typed_date(str(value))
        except ValueError as error:
            raise ValidationError(str(error), code="invalid") from None

    def prepare_value(self, value: Any) -> Any:
        return format_be(value) if isinstance(value, date) else value


class _ListedIterator(ModelChoiceIterator):
    """Iterates the field's listed agencies, decided when the widget renders.

    Plain (id, label) pairs from three columns: a national scope lists
    thousands, and building a model instance for each doubled the page's time.
    """

    field: AgencyChoiceField

    def __iter__(self) -> Iterator[Any]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        rows = self.field.listed().values_list("pk", "depth", "name_th", "name_en")
        english = english_active()
        for pk, depth, name_th, name_en in rows:
            yield (pk, _indented(depth, (english and name_en) or name_th))

    def __len__(self) -> int:
        return self.field.listed().count() + (1 if self.field.empty_label else 0)


class AgencySearchForm(forms.Form):
    """Find an agency (and its code) by name or code, any depth (SPEC §3)."""

    q = forms.CharField(
        label=_("ชื่อหรือรหัสหน่วยงาน"), required=False, max_length=100, strip=True
    )
    kind = forms.ChoiceField(
        label=_("ประเภทหน่วยงาน"),
        required=False,
        choices=[("", _("— ทุกประเภท —")), *AgencyKind.choices],
    )


class AgencyChoiceField(forms.ModelChoiceField):
    """An agency of the scope, shown as an indented tree (STYLE C3.6).

    Any agency of the scope validates; the drop-down lists levels down to
    `list_depth` plus the chosen one, so a national scope does not render 10,000
    options (deeper agencies are reached from the agency browser).
    """

    iterator = _ListedIterator
    widget = PlainSelect

    def __init__(
        self,
        *,
        scope: AgencyScope,
        write: bool = False,
        list_depth: int | None = None,
        **kwargs: Any,
    ) -> None:
        self.list_depth = list_depth
        self.keep: str = ""
        kwargs.setdefault("empty_label", _("— ทุกหน่วยงาน —"))
        super().__init__(queryset=agencies_for(scope=scope, write=write), **kwargs)

    def listed(self) -> QuerySet[Agency]:
        agencies = self.queryset
        assert agencies is not None  # set in __init__
        if self.list_depth is None:
            return agencies
        shown = Q(depth__lte=self.list_depth)
        if _DIGITS.fullmatch(self.keep):
            shown |= Q(pk=int(self.keep))
        return agencies.filter(shown)


def _indented(depth: int, name: str) -> str:
    return "{}{}".format("— " * depth, name)


def agency_field(
    form: forms.BaseForm, name: str, field: AgencyChoiceField, value: Any
) -> None:
    """Install an agency field that keeps `value` listed (bound or initial)."""
    field.keep = str(getattr(value, "pk", value) or "")
    form.fields[name] = field


def _group_choices(blank: StrOrPromise) -> list[tuple[Any, Any]]:
    return [("", blank), *TargetGroup.choices]


class _VersionFields(forms.Form):
    """The facts that change over time and are kept as versions (SPEC §3)."""

    effective_date = ThaiDateField(label=_("วันที่มีผล"))
    category = forms.ChoiceField(
        label=_("ประเภทบุคลากร"), choices=PersonnelCategory.choices
    )
    position_title = forms.CharField(label=_("ตำแหน่ง"), max_length=255, required=False)
    position_type = forms.ChoiceField(
        label=_("ประเภทตำแหน่ง"),
        choices=[("", _("— ไม่ระบุ —")), *PositionType.choices],
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
        choices=_group_choices(_("— ยังไม่กำหนดกลุ่ม —")),
        coerce=int,
        empty_value=None,
        required=False,
    )
    status = forms.ChoiceField(
        label=_("สถานะ"), choices=PersonStatus.choices, initial=PersonStatus.ACTIVE
    )


def _layout(*identity: str) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.layout = Layout(
        Fieldset(
            _("ข้อมูลบุคคล"),
            *identity[:1],
            Row(*(Column(name, css_class="col-md-4") for name in identity[1:])),
        ),
        Fieldset(
            _("สังกัดและตำแหน่ง"),
            Row(
                Column("effective_date", css_class="col-md-4"),
                Column("status", css_class="col-md-4"),
            ),
            "agency",
            Row(
                Column("category", css_class="col-md-6"),
                Column("target_group", css_class="col-md-6"),
            ),
            Row(
                Column("position_title", css_class="col-md-6"),
                Column("position_type", css_class="col-md-3"),
                Column("position_level", css_class="col-md-3"),
            ),
        ),
    )
    return helper


class PersonCreateForm(_VersionFields):
    """Register a person and their first version (SPEC §3)."""

    national_id = forms.CharField(
        label=_("เลขประจำตัวประชาชน"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
        help_text=_("13 หลัก ระบบเก็บเฉพาะค่าที่เข้ารหัสและ 3 หลักสุดท้าย"),
    )
    given_name = forms.CharField(label=_("ชื่อ"), max_length=150)
    family_name = forms.CharField(label=_("นามสกุล"), max_length=150)
    email = forms.EmailField(label=_("อีเมล"), required=False)

    def __init__(self, *args: Any, scope: AgencyScope, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"effective_date": timezone.localdate()})
        super().__init__(*args, **kwargs)
        field = AgencyChoiceField(
            scope=scope, write=True, list_depth=None if not scope.national else 2
        )
        field.label = _("หน่วยงาน")
        field.empty_label = _("— เลือกหน่วยงาน —")
        agency_field(self, "agency", field, self.data.get("agency"))
        self.helper = _layout("national_id", "given_name", "family_name", "email")

    def clean_national_id(self) -> str:
        try:
            return national_id_lib.validate(self.cleaned_data["national_id"])
        except ValueError as error:
            raise ValidationError(_(str(error)), code="invalid") from None

    def transfer_prefill(self) -> list[tuple[str, str]]:
        """What a transfer request can take over when the ID is registered with
        another agency (SPEC §3); nothing otherwise."""
        if not self.has_error("national_id", "registered_elsewhere"):
            return []
        names = ("national_id", "agency", *TRANSFER_FACTS)
        return [(n, self.data[n]) for n in names if self.data.get(n)]


TRANSFER_FACTS = (
    "effective_date",
    "category",
    "position_title",
    "position_type",
    "position_level",
    "target_group",
)


class PersonEditForm(_VersionFields):
    """Edit a person: identity in place; other facts become a version (SPEC §3)."""

    given_name = forms.CharField(label=_("ชื่อ"), max_length=150)
    family_name = forms.CharField(label=_("นามสกุล"), max_length=150)
    email = forms.EmailField(label=_("อีเมล"), required=False)

    def __init__(
        self,
        *args: Any,
        scope: AgencyScope,
        person: Person,
        version: PersonVersion | None,
        **kwargs: Any,
    ) -> None:
        initial = {
            n: getattr(person, n) for n in ("given_name", "family_name", "email")
        }
        if version is not None:
            initial |= {n: getattr(version, n) for n in VERSION_FACTS}
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        self.fields["effective_date"].required = False
        self.fields["effective_date"].help_text = _(
            "จำเป็นเมื่อเปลี่ยนสังกัดหรือตำแหน่ง (ย้าย เลื่อน พ้นจากหน่วยงาน) "
            "ปีพุทธศักราช เช่น 25/11/2569"
        )
        field = AgencyChoiceField(
            scope=scope, write=True, list_depth=None if not scope.national else 2
        )
        field.label = _("หน่วยงาน")
        field.empty_label = None
        agency_field(
            self, "agency", field, self.data.get("agency") or initial.get("agency")
        )
        self.helper = _layout("given_name", "family_name", "email")

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        facts_changed = any(name in self.changed_data for name in VERSION_FACTS)
        if not facts_changed:
            data["effective_date"] = None
        elif not data.get("effective_date") and "effective_date" not in self.errors:
            self.add_error(
                "effective_date",
                _("ระบุวันที่มีผลของการเปลี่ยนแปลงสังกัดหรือตำแหน่ง"),
            )
        return data


class NationalIdSearchForm(forms.Form):
    """Find one person by national ID; sent by POST so the ID is never in a URL."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "nid_%s")  # shares a page with the filters
        super().__init__(*args, **kwargs)

    national_id = forms.CharField(
        label=_("เลขประจำตัวประชาชน 13 หลัก"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )

    def clean_national_id(self) -> str:
        try:
            return national_id_lib.validate(self.cleaned_data["national_id"])
        except ValueError as error:
            raise ValidationError(_(str(error)), code="invalid") from None

    def registered_elsewhere(self) -> None:
        """The one answer for an ID another agency manages (SPEC §3, §8)."""
        self.add_error(
            "national_id",
            ValidationError(registered_elsewhere(), code="registered_elsewhere"),
        )
        self._forget_id()

    def not_found(self) -> None:
        """Say "not found" for an ID nobody holds, without echoing it.

        A valid ID is personal data the page need not repeat; a mistyped one
        (checksum error) stays in the box to be corrected.
        """
        self.add_error("national_id", _("ไม่พบบุคลากรที่มีเลขนี้ในระบบ"))
        self._forget_id()

    def _forget_id(self) -> None:
        data = cast("QueryDict", self.data).copy()
        data["national_id"] = ""
        self.data = data


SUGGEST = "suggest"


class TargetGroupAssignForm(forms.Form):
    """Assign a group, or each person's suggestion, to chosen people (SPEC §4)."""

    people = forms.ModelMultipleChoiceField(
        label=_("บุคลากรที่เลือก"),
        queryset=Person.objects.none(),
        widget=forms.MultipleHiddenInput,
        error_messages={"required": _("เลือกบุคลากรอย่างน้อยหนึ่งคน")},
    )
    group = forms.ChoiceField(
        label=_("กลุ่มเป้าหมาย"),
        choices=[
            ("", _("— เลือกกลุ่ม —")),
            (SUGGEST, _("ใช้กลุ่มที่ระบบแนะนำของแต่ละคน")),
            *[(str(value), label) for value, label in TargetGroup.choices],
        ],
        widget=PlainSelect,
    )
    effective_date = ThaiDateField(label=_("วันที่มีผล"))
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, scope: AgencyScope, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"effective_date": timezone.localdate()})
        kwargs.setdefault("auto_id", "assign_%s")  # shares a page with the filters
        super().__init__(*args, **kwargs)
        field = self.fields["people"]
        field.queryset = Person.objects.editable_by(scope)  # type: ignore[attr-defined]

    def clean_people(self) -> Any:
        people = self.cleaned_data["people"]
        if len(people) > MAX_BULK_PEOPLE:
            raise ValidationError(
                _("เลือกได้ครั้งละไม่เกิน %(max)s คน") % {"max": MAX_BULK_PEOPLE}
            )
        return people

    def service_kwargs(self) -> dict[str, Any]:
        """The arguments of `services.target_group_assign_bulk`."""
        group = self.cleaned_data["group"]
        return {
            "person_ids": [p.pk for p in self.cleaned_data["people"]],
            "effective_date": self.cleaned_data["effective_date"],
            "use_suggestion": group == SUGGEST,
            "target_group": None if group == SUGGEST else int(group),
        }
