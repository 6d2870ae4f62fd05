"""One form field as Bootstrap 5 markup, built in Python (issue 17).

The same markup as crispy-forms' bootstrap5 `as_crispy_field` (label, widget with
its classes, errors, help text), without its dozen nested templates: crispy took
a quarter of the roster's CPU for nine fields. Widgets with choices laid out as
several inputs (radios, checkbox lists) still go through crispy.
"""

from __future__ import annotations

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms
from django.forms import BoundField
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

_MULTIPLE = (forms.RadioSelect, forms.CheckboxSelectMultiple, forms.MultiWidget)


def _css(widget: forms.Widget) -> str:
    if isinstance(widget, forms.CheckboxInput):
        added = "checkboxinput form-check-input"
    elif isinstance(widget, forms.FileInput):
        added = "form-control"
    else:
        kind = "form-select" if isinstance(widget, forms.Select) else "form-control"
        added = f"{type(widget).__name__.lower()} {kind}"
    own = widget.attrs.get("class", "").split()
    return " ".join([*own, *(c for c in added.split() if c not in own)])


def bootstrap_field(field: BoundField) -> SafeString:
    widget = field.field.widget
    if widget.is_hidden:
        return mark_safe(str(field))
    if isinstance(widget, _MULTIPLE):
        return SafeString(as_crispy_field(field))
    css = _css(widget)
    attrs: dict[str, str | bool] = {"class": css}
    after = ""
    if field.errors:
        attrs = {
            "class": f"{css} is-invalid",
            "aria-describedby": f"{field.auto_id}_error",
        }
        after = format_html(
            '<div id="{}_error" class="invalid-feedback">{}</div>',
            field.auto_id,
            format_html_join(
                "",
                '<p id="error_{}_{}"><strong>{}</strong></p>',
                ((n, field.auto_id, e) for n, e in enumerate(field.errors, start=1)),
            ),
        )
    if field.help_text:
        after = format_html(
            '{}<div id="{}_helptext" class="form-text">{}</div>',
            after,
            field.auto_id,
            field.help_text,
        )
    html = field.as_widget(attrs=attrs)
    if isinstance(widget, forms.CheckboxInput):
        return format_html(
            '<div class="mb-3"><div id="div_{}" class="form-check">{}'
            '<label for="{}" class="form-check-label">{}</label>{}</div></div>',
            field.auto_id,
            html,
            field.id_for_label,
            field.label,
            after,
        )
    required = field.field.required and field.label
    return format_html(
        '<div id="div_{}" class="mb-3"><label for="{}" class="form-label{}">{}{}'
        "</label>{}{}</div>",
        field.auto_id,
        field.id_for_label,
        " requiredField" if required else "",
        field.label or "",
        mark_safe('<span class="asteriskField">*</span>') if required else "",
        html,
        after,
    )
