import re

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms
from django.utils import translation

from skillsportal.lib.form_fields import bootstrap_field
from skillsportal.lib.widgets import PlainSelect


class _Form(forms.Form):
    q = forms.CharField(label="ชื่อ", required=False, help_text="คำนำหน้าไม่ต้องใส่")
    national_id = forms.CharField(label="เลข <13>", max_length=13)
    kind = forms.ChoiceField(
        label="ประเภท", choices=[("a", "ก & ข")], widget=PlainSelect, required=False
    )
    pending = forms.BooleanField(label="ยังไม่ตรวจ", required=False)
    reason = forms.CharField(label="เหตุผล", widget=forms.Textarea)
    choice = forms.ChoiceField(
        label="ทาง", choices=[("x", "X"), ("y", "Y")], widget=forms.RadioSelect
    )


def _tag(match: re.Match) -> str:
    """A tag with its attributes in one order (the order carries no meaning)."""
    name, attrs = match.group(1), re.findall(r'[\w-]+(?:="[^"]*")?', match.group(2))
    return "<" + " ".join([name, *sorted(attrs)]) + ">"


def _tight(html: str) -> str:
    html = re.sub(r"\s+", " ", re.sub(r">\s+", ">", re.sub(r"\s+<", "<", html)))
    return re.sub(r"<(\w+)((?: [^>]*)?)>", _tag, html)


def _both(data: dict, name: str) -> tuple[str, str]:
    with translation.override("th"):
        ours = _tight(bootstrap_field(_Form(data)[name]))
        crispy = _tight(as_crispy_field(_Form(data)[name]))
    return ours, crispy.replace("> ", ">").replace(" <", "<")


def test_the_same_markup_as_crispy_for_inputs_selects_and_textareas():
    for name in ("q", "kind", "national_id", "reason"):
        for data in ({}, {"national_id": "", "q": "ab"}):
            ours, crispy = _both(data, name)
            assert ours == crispy, name


def test_errors_mark_the_input_and_are_escaped():
    html = str(bootstrap_field(_Form({"national_id": ""})["national_id"]))
    assert 'class="textinput form-control is-invalid"' in html
    assert 'aria-describedby="id_national_id_error"' in html
    assert '<div id="id_national_id_error" class="invalid-feedback">' in html
    assert "เลข &lt;13&gt;" in html and "<13>" not in html
    assert '<span class="asteriskField">*</span>' in html


def test_a_checkbox_puts_its_label_after_the_box():
    ours, crispy = _both({"pending": "on"}, "pending")
    assert ours == crispy
    assert ours.index("<input") < ours.index("<label")


def test_radio_lists_are_left_to_crispy():
    ours, crispy = _both({}, "choice")
    assert ours == crispy and 'type="radio"' in ours
