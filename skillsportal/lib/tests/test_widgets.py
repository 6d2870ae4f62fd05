from django import forms

from skillsportal.lib.widgets import PlainSelect


class _Form(forms.Form):
    agency = forms.ChoiceField(
        choices=[("", "— all —"), (1, "กระทรวง <A>"), (2, "กรม & B")],
        widget=PlainSelect(attrs={"class": "form-select"}),
    )


def test_renders_the_same_select_as_django():
    html = str(_Form(data={"agency": "2"})["agency"])
    assert html.startswith('<select name="agency" class="form-select"')
    assert 'id="id_agency"' in html and "required" in html
    assert '<option value="">— all —</option>' in html
    assert '<option value="2" selected>กรม &amp; B</option>' in html


def test_labels_are_escaped_and_only_the_chosen_option_selected():
    html = str(_Form(data={"agency": "1"})["agency"])
    assert "กระทรวง &lt;A&gt;" in html and "<A>" not in html
    assert html.count(" selected") == 1
