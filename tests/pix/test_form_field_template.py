"""The shared form field template writes the attributes a field declares, besides its own markup."""

import re

from django import forms
from django.template.loader import render_to_string
from django.urls import reverse


class CodeForm(forms.Form):
    code = forms.CharField(label="Code", max_length=12, widget=forms.TextInput(
        attrs={"spellcheck": "false", "autocapitalize": "characters", "inputmode": "text",
               "class": "ignored", "data-note": 'a "quoted" <value>'}))
    locked = forms.CharField(label="Verrouillé", disabled=True, required=False)
    level = forms.ChoiceField(label="Niveau", choices=[("1", "1"), ("2", "2")],
                              widget=forms.Select(attrs={"autocomplete": "off"}))
    agree = forms.BooleanField(label="D'accord", widget=forms.CheckboxInput(attrs={"autofocus": True}))


def rendered(name, form=None):
    return render_to_string("includes/field.html", {"field": (form or CodeForm())[name]})


def input_tag(html):
    return " ".join(re.search(r"<(?:input|select)[^>]*>", html).group(0).split())


def test_a_text_field_keeps_its_length_and_its_widget_s_own_attributes():
    tag = input_tag(rendered("code"))
    for attribute in ('maxlength="12"', 'spellcheck="false"', 'autocapitalize="characters"', 'inputmode="text"'):
        assert attribute in tag, tag


def test_the_template_s_own_class_and_ids_are_not_written_twice():
    tag = input_tag(rendered("code"))
    assert tag.count("class=") == 1 and 'class="fr-input"' in tag and "ignored" not in tag
    assert tag.count(" id=") == 1 and tag.count(" name=") == 1 and tag.count(" required") == 1


def test_a_declared_value_is_escaped():
    assert 'data-note="a &quot;quoted&quot; &lt;value&gt;"' in input_tag(rendered("code"))


def test_a_disabled_field_is_disabled_in_the_page():
    assert " disabled" in input_tag(rendered("locked"))


def test_a_select_and_a_checkbox_keep_their_widget_s_attributes():
    assert 'autocomplete="off"' in input_tag(rendered("level"))
    assert " autofocus" in input_tag(rendered("agree"))


def test_the_certificate_code_field_limits_its_length_and_is_not_spell_checked(client):
    page = client.get(reverse("certificates:verify")).content.decode()
    tag = re.search(r'<input[^>]*name="code"[^>]*>', page).group(0)
    assert 'spellcheck="false"' in tag and 'autocapitalize="characters"' in tag and "maxlength=" in tag
