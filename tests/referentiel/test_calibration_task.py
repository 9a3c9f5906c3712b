"""Calibrating the bank from collected answers: a draft version for staff to review."""

import pytest

from learners import tasks
from learners.models import Answer
from referentiel import services
from referentiel.models import CalibrationVersion, Challenge
from tests.referentiel.simulated import record_simulated_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered_bank(competence):
    """Simulated learners answering every challenge of the small competence under a 2PL model."""
    challenges = list(Challenge.objects.all())
    record_simulated_answers(challenges, competence=competence, learners=300)
    return challenges


@pytest.mark.django_db(transaction=True)
def test_the_task_stores_a_draft_version_with_a_report(answered_bank):
    # Eager here; on CI with Redis, a real worker runs it on the committed answers.
    version = CalibrationVersion.objects.get(pk=tasks.calibrate_bank.delay(name="Essai").get(timeout=120))
    assert version.status == CalibrationVersion.Status.DRAFT
    assert version.responses_count == 300 * len(answered_bank)
    assert version.report["converged"] is True
    assert version.calibrated_challenges.count() == len(answered_bank)
    assert all(c.difficulty_se and c.difficulty_se < 1 for c in version.calibrated_challenges.all())


def test_a_draft_changes_nothing_until_staff_activate_it(answered_bank):
    before = {c.pk: c.difficulty for c in Challenge.objects.all()}
    version = CalibrationVersion.objects.get(pk=tasks.calibrate_bank())
    assert {c.pk: c.difficulty for c in Challenge.objects.all()} == before
    services.calibration_version_activate(version=version)
    calibrated = {c.challenge_id: c.difficulty for c in version.calibrated_challenges.all()}
    assert {c.pk: c.difficulty for c in Challenge.objects.all()} == calibrated


def test_a_challenge_whose_difficulty_moved_is_flagged_in_the_drift_report(answered_bank):
    services.calibration_version_activate(version=CalibrationVersion.objects.get(pk=tasks.calibrate_bank()))
    moved = answered_bank[0]
    Answer.objects.filter(challenge=moved).update(result="ko")  # suddenly nobody succeeds
    report = CalibrationVersion.objects.get(pk=tasks.calibrate_bank()).report
    assert moved.slug in [d["challenge"] for d in report["drifted"]]


def test_calibrating_without_any_answer_is_refused_with_a_message(competence):
    with pytest.raises(services.CalibrationError) as refused:
        services.calibration_draft_create(answers=[])
    assert "Aucune réponse" in refused.value.message


def test_the_weekly_task_does_nothing_on_a_bank_without_answers(competence):
    assert tasks.calibrate_bank() is None
    assert not CalibrationVersion.objects.exists()


def test_staff_start_a_calibration_from_the_admin(admin_client, answered_bank, django_capture_on_commit_callbacks,
                                                  monkeypatch):
    from django.urls import reverse

    # In this process, even on CI where a worker would not see this test's uncommitted answers.
    monkeypatch.setattr(tasks.calibrate_bank.app.conf, "task_always_eager", True)

    page = admin_client.get(reverse("admin:referentiel_calibrationversion_changelist")).content.decode()
    assert "Calibrer maintenant" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("admin:referentiel_calibrate_now"), follow=True)
    draft = CalibrationVersion.objects.get(status=CalibrationVersion.Status.DRAFT)
    assert f"Calibration terminée : la version brouillon « {draft.name} » est dans la liste" in (
        response.content.decode()
    )


def test_without_a_worker_staff_are_told_when_there_is_nothing_to_calibrate(
    admin_client, competence, monkeypatch
):
    from django.urls import reverse

    monkeypatch.setattr(tasks.calibrate_bank.app.conf, "task_always_eager", True)
    response = admin_client.post(reverse("admin:referentiel_calibrate_now"), follow=True)
    assert "Aucune réponse collectée : rien à calibrer." in response.content.decode()
    assert not CalibrationVersion.objects.exists()


def test_with_a_worker_staff_are_told_the_calibration_was_queued(
    admin_client, competence, monkeypatch, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    queued = []
    monkeypatch.setattr(tasks.calibrate_bank.app.conf, "task_always_eager", False)
    monkeypatch.setattr(tasks.calibrate_bank, "delay", lambda *args, **kwargs: queued.append(args))
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("admin:referentiel_calibrate_now"), follow=True)
    assert queued == [()]
    assert "Calibration lancée" in response.content.decode()


def test_a_learner_cannot_start_a_calibration(student_client, competence):
    from django.urls import reverse

    response = student_client.post(reverse("admin:referentiel_calibrate_now"))
    assert response.status_code == 302 and "/admin/login/" in response.url
    assert not CalibrationVersion.objects.exists()


def test_staff_read_the_report_and_the_exposure_control_in_words_not_json(admin_client, answered_bank):
    from django.urls import reverse

    services.calibration_version_activate(version=CalibrationVersion.objects.get(pk=tasks.calibrate_bank()))
    moved = answered_bank[0]
    Answer.objects.filter(challenge=moved).update(result="ko")
    version = CalibrationVersion.objects.get(pk=tasks.calibrate_bank())

    page = admin_client.get(reverse("admin:referentiel_calibrationversion_change", args=[version.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Convergé en" in text
    assert f"<td>{moved.slug}</td>" in text  # the drifted challenge, in the drift table
    assert "Calculé pour" in text or "Non calculé" in text
    assert '"eligibility"' not in text and '"drifted"' not in text


def test_the_status_changes_only_through_the_activation_action(admin_client, answered_bank):
    from django.urls import reverse

    version = CalibrationVersion.objects.get(pk=tasks.calibrate_bank())
    url = reverse("admin:referentiel_calibrationversion_change", args=[version.pk])
    assert 'name="status"' not in admin_client.get(url).content.decode()
    admin_client.post(url, {"name": version.name, "status": "active", "comment": "",
                            "calibrated_challenges-TOTAL_FORMS": "0",
                            "calibrated_challenges-INITIAL_FORMS": "0"})
    version.refresh_from_db()
    assert version.status == CalibrationVersion.Status.DRAFT
