"""The content admin reads for an editor who is not a developer: every field of every content
form has a French label, the fields whose meaning is not obvious say what to write, and the
challenges and tutorials can be seen as a student sees them."""

import html
import re

import pytest
from django.urls import reverse

from referentiel.models import Challenge, Competence, Skill, Tube, Tutorial
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# Django's default labels when a model field has no French name (French and English share
# "Code", "Description", "Position", "Source", "Format", "Type").
ENGLISH_LABELS = {"Name", "Slug", "Title", "Level", "Status", "Link", "Hint", "Color", "Timer",
                  "Locale", "Is active", "Embed height"}
EXPLAINED = {
    "referentiel_area": ["color", "code"],
    "referentiel_competence": ["code", "name_fr", "name_en"],
    "referentiel_tube": ["name", "slug", "position"],
    "referentiel_skill": ["name", "level", "hint", "status"],
    "referentiel_tutorial": ["link", "duration_minutes", "is_active", "format"],
    "referentiel_challenge": ["type", "status", "slug", "solution_text", "proposals_text",
                              "fields_text", "tolerances", "timer", "blindness", "locale"],
}


@pytest.fixture
def editor_client(client, learning_referentiel):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def form_rows(body):
    """(field name, label, help) of each row of an admin change form."""
    rows = []
    for chunk in body.split('<div class="form-row')[1:]:
        name = re.match(r'[^"]*field-(\w+)', chunk)
        label = re.search(r"<label[^>]*>(.*?)</label>", chunk, re.S)
        help_text = re.search(r'<div class="help"[^>]*>\s*<div>(.*?)</div>', chunk, re.S)
        if name:
            rows.append((name.group(1),
                         html.unescape(re.sub(r"<[^>]+>", "", label.group(1))).rstrip(" :\xa0")
                         if label else "",
                         html.unescape(help_text.group(1)).strip() if help_text else ""))
    return rows


@pytest.mark.parametrize("model", [Competence, Tube, Skill, Tutorial, Challenge],
                         ids=lambda m: m.__name__)
def test_every_field_of_a_content_form_is_labelled_in_french_and_the_tricky_ones_explained(
        editor_client, model):
    opts = model._meta
    obj = model.objects.first()
    response = editor_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_change",
                                         args=[obj.pk]))
    assert response.status_code == 200
    rows = form_rows(response.content.decode())
    assert rows
    for name, label, _help in rows:
        assert label and label.split(" (")[0] not in ENGLISH_LABELS, (name, label)
        assert label[0].isupper(), (name, label)
    helps = {name: help_text for name, _label, help_text in rows}
    for name in EXPLAINED[f"{opts.app_label}_{opts.model_name}"]:
        assert len(helps.get(name, "")) > 20, f"{name} n'a pas d'aide"


def test_the_challenge_form_links_to_its_preview_as_a_student_sees_it(editor_client):
    challenge = Challenge.objects.first()
    body = editor_client.get(reverse("admin:referentiel_challenge_change", args=[challenge.pk])).content.decode()
    assert f'href="{reverse("learners:challenge_preview", args=[challenge.pk])}"' in body
    assert "Voir comme un élève" in body


def test_the_tutorial_list_opens_each_tutorial_in_a_new_tab(editor_client):
    tutorial = Tutorial.objects.first()
    body = html.unescape(editor_client.get(reverse("admin:referentiel_tutorial_changelist")).content.decode())
    assert f'href="{tutorial.link}" target="_blank"' in body
    assert "Ouvrir le tutoriel (nouvel onglet)" in body
