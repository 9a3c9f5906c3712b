"""Certification versions in the admin: settings and intervals validated, only a draft edited,
activation archiving the version it replaces."""

import copy
import json

import pytest
from django.test import Client
from django.urls import reverse

from certif.errors import CertifError
from certif.models import CertificationVersion, VersionStatus
from certif.rules.versions import competences_scoring_problems, global_scoring_problems
from certif.services.version_lifecycle import version_activate, version_draft_copy
from tests.certif.factories import CalibrationVersionFactory, VersionFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(db):
    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def seed():
    return VersionFactory.build()


def test_the_seed_intervals_are_valid():
    version = seed()
    assert global_scoring_problems(version.global_scoring) == []
    assert competences_scoring_problems(version.competences_scoring) == []


def test_intervals_that_leave_a_gap_or_are_reversed_or_missing_are_refused():
    rows = seed().global_scoring
    gap = copy.deepcopy(rows)
    gap[3]["min"] = 0.7
    assert "ne se suivent pas" in " ".join(global_scoring_problems(gap))
    reversed_ = copy.deepcopy(rows)
    reversed_[7]["max"] = 3
    assert "le maximum doit dépasser le minimum" in " ".join(global_scoring_problems(reversed_))
    assert "8 intervalles sont attendus" in " ".join(global_scoring_problems(rows[:7]))
    assert global_scoring_problems("n'importe quoi")


def test_the_sixteen_competences_are_required():
    mapping = seed().competences_scoring
    del mapping["5.2"]
    mapping["9.9"] = mapping["1.1"]
    problems = " ".join(competences_scoring_problems(mapping))
    assert "Compétences manquantes : 5.2" in problems and "Compétences inconnues : 9.9" in problems


def test_activating_a_draft_archives_the_active_version():
    old = VersionFactory(status=VersionStatus.ACTIVE)
    draft = VersionFactory()
    version_activate(version=draft)
    old.refresh_from_db()
    draft.refresh_from_db()
    assert old.status == VersionStatus.ARCHIVED and old.expiration_date is not None
    assert draft.status == VersionStatus.ACTIVE and draft.start_date is not None
    with pytest.raises(CertifError) as refused:
        version_activate(version=old)
    assert "brouillon" in refused.value.message


def test_a_draft_with_broken_intervals_cannot_be_activated():
    draft = VersionFactory(global_scoring=[])
    with pytest.raises(CertifError) as refused:
        version_activate(version=draft)
    assert "Intervalles de score non valides" in refused.value.message
    draft.refresh_from_db()
    assert draft.status == VersionStatus.DRAFT


def test_a_copy_is_a_new_draft_with_the_same_settings():
    active = VersionFactory(status=VersionStatus.ACTIVE, variation_percent=0.3)
    draft = version_draft_copy(version=active)
    assert draft.pk != active.pk and draft.status == VersionStatus.DRAFT
    assert draft.variation_percent == 0.3 and draft.global_scoring == active.global_scoring


def _form_data(version, **changes):
    data = {
        "scope": version.scope, "calibration_version": version.calibration_version_id,
        "comment": "", "assessment_duration_minutes": 105, "maximum_assessment_length": 32,
        "minimum_answers_to_validate": 20, "challenges_between_same_competence": 2,
        "limit_to_one_question_per_tube": "on", "enable_passage_by_all_competences": "on",
        "variation_percent": 0.5, "default_candidate_capacity": -3,
        "default_probability_to_pick_challenge": 51,
        "global_scoring": json.dumps(version.global_scoring),
        "competences_scoring": json.dumps(version.competences_scoring),
    }
    data.update(changes)
    return data


def test_staff_create_a_draft_and_get_a_french_message_for_broken_intervals(staff_client):
    template = VersionFactory.build(calibration_version=CalibrationVersionFactory())
    url = reverse("admin:certif_certificationversion_add")
    broken = _form_data(template, global_scoring=json.dumps(template.global_scoring[:7]))
    response = staff_client.post(url, broken)
    assert response.status_code == 400
    assert "8 intervalles sont attendus" in response.content.decode()
    assert not CertificationVersion.objects.exists()
    assert staff_client.post(url, _form_data(template)).status_code == 302
    assert CertificationVersion.objects.get().status == VersionStatus.DRAFT


def test_an_active_version_cannot_be_edited_in_the_admin(staff_client):
    active = VersionFactory(status=VersionStatus.ACTIVE)
    url = reverse("admin:certif_certificationversion_change", args=[active.pk])
    page = staff_client.get(url).content.decode()
    assert 'name="variation_percent"' not in page
    staff_client.post(url, _form_data(active, variation_percent=0.9))
    active.refresh_from_db()
    assert active.variation_percent == 0.5


def test_staff_activate_a_draft_from_the_list(staff_client):
    old = VersionFactory(status=VersionStatus.ACTIVE)
    draft = VersionFactory()
    response = staff_client.post(reverse("admin:certif_certificationversion_changelist"), {
        "action": "activate", "_selected_action": [draft.pk]}, follow=True)
    assert "activée" in response.content.decode()
    assert CertificationVersion.objects.get(status=VersionStatus.ACTIVE) == draft
    old.refresh_from_db()
    assert old.status == VersionStatus.ARCHIVED
